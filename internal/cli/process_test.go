package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"disburse/internal/domain"
	"disburse/internal/lock"
	"disburse/internal/report"
	"disburse/internal/store"
)

// These tests run the real binary in separate processes: locks, signals and
// kill -9 only mean something between processes.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// TestMain removes the binary the process tests built: left in the
// system's temporary folder, each run of the tests left 30 MB behind.
func TestMain(m *testing.M) {
	// status warns of a disk with little space left: the tests' outputs
	// must not depend on the machine's (TestStatusSaysTheDiskIsNearlyFull).
	freeSpace = func(string) (uint64, bool) { return 1 << 40, true }
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// binary builds the command once for the process tests and returns its
// path.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "disburse-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "disburse")
		out, err := exec.Command("go", "build", "-o", binPath, "../../cmd/disburse").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("build: %v", buildErr)
	}
	return binPath
}

// proc is a started disburse process.
type proc struct {
	cmd    *exec.Cmd
	stdout bytes.Buffer
	stderr bytes.Buffer
	done   chan error
}

func (h *harness) start(hold string, args ...string) *proc {
	h.t.Helper()
	p := &proc{done: make(chan error, 1)}
	if args[0] == "approve" {
		args = append(args, "--data", h.data, "--inbox", h.inbox)
	} else {
		args = append(args, "--inbox", h.inbox, "--data", h.data, "--rules", rulesDir)
	}
	if args[0] != "serve" {
		args = append(args, "-q")
	}
	p.cmd = exec.Command(binary(h.t), args...)
	p.cmd.Env = append(os.Environ(), holdEnv+"="+hold)
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		h.t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	return p
}

func (p *proc) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(60 * time.Second):
		p.cmd.Process.Kill()
		t.Fatalf("process did not end\n%s\n%s", p.stdout.String(), p.stderr.String())
	}
	return p.cmd.ProcessState.ExitCode()
}

// waitFor polls until path exists (a hold point reached) or fails.
func waitFor(t *testing.T, path string, p *proc) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		select {
		case <-p.done:
			t.Fatalf("process ended before %s\n%s\n%s", filepath.Base(path), p.stdout.String(), p.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("hold point %s not reached", path)
}

// holdAt starts disburse with args and returns once it waits at stage
// ("before-commit" or "after-commit"); removing gate lets it go on.
func (h *harness) holdAt(stage string, args ...string) (p *proc, gate string) {
	h.t.Helper()
	gate = filepath.Join(h.t.TempDir(), "gate")
	p = h.start(stage+":"+gate, args...)
	waitFor(h.t, gate, p)
	return p, gate
}

// killAt starts disburse with args, holds it at stage and kills it there
// with SIGKILL.
func (h *harness) killAt(stage string, args ...string) {
	h.t.Helper()
	p, _ := h.holdAt(stage, args...)
	p.cmd.Process.Kill()
	p.wait(h.t)
}

// status is what disburse status prints now, with the harness's folders.
func (h *harness) status() string {
	h.t.Helper()
	return h.statusAt(time.Now())
}

// statusAt is what disburse status prints at time at, with the harness's
// folders and the default schedule.
func (h *harness) statusAt(at time.Time) string {
	h.t.Helper()
	cfg := DefaultConfig()
	cfg.Inbox, cfg.Data, cfg.Rules = h.inbox, h.data, rulesDir
	var out strings.Builder
	if err := printStatus(context.Background(), &out, cfg, at); err != nil {
		h.t.Fatal(err)
	}
	return out.String()
}

// finishByDaemon starts the daemon on 30 November, November due and
// recorded: it finishes what a kill left undone (finishRecorded).
func (h *harness) finishByDaemon() {
	h.t.Helper()
	clock := &fakeClock{t: time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)}
	testDaemon(h.t, h, clock).check(context.Background())
}

// referencePayments is the CSV of an uninterrupted run of the acceptance
// month.
func referencePayments(t *testing.T) string {
	t.Helper()
	ref := newHarness(t, acceptanceInbox)
	ref.mustRun("run", "--month", "2026-11")
	_, csvOut, _ := ref.main("payments", "--month", "2026-11", "--format", "csv")
	return csvOut
}

func noTempFiles(t *testing.T, h *harness) {
	t.Helper()
	tmp, _ := filepath.Glob(filepath.Join(h.data, "out", "*", ".tmp-*"))
	if len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// Two data folders given one inbox (a test daemon left running, a second
// server with a copy of the data folder) both read the rosters and both
// recorded the month: two bank files for one month. A run locks its
// inbox until it has archived the rosters: the other is refused while it
// runs (exit 4, naming the inbox), and finds the inbox empty after.
func TestTwoDataFoldersOnOneInbox(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	other := newHarness(t, "")
	other.inbox = h.inbox
	first, gate := h.holdAt("before-commit", "run", "--month", "2026-11")
	second := other.start("", "run", "--month", "2026-11")
	if code := second.wait(t); code != ExitBusy || !strings.Contains(second.stderr.String(), "另一个进程正在读取收件箱 "+h.inbox) {
		t.Fatalf("second run: exit %d: %s", code, second.stderr.String())
	}
	noDataFolder(t, other.data)
	os.Remove(gate)
	if code := first.wait(t); code != ExitOK {
		t.Fatalf("first run: exit %d: %s", code, first.stderr.String())
	}
	if code := other.start("", "run", "--month", "2026-11").wait(t); code != ExitFailure {
		t.Errorf("the other folder's run after the first: exit %d, want %d (an empty inbox)", code, ExitFailure)
	}
	// A roster in the inbox after that (a late street's, or the first's
	// own, left by a run killed after its commit) is the first folder's:
	// the other is refused, and the roster stays.
	copyDir(t, acceptanceInbox, h.inbox)
	late := other.start("", "run", "--month", "2026-11")
	if code := late.wait(t); code != ExitBusy || !strings.Contains(late.stderr.String(), "已由另一个数据文件夹") {
		t.Errorf("the other folder's run on a roster left in the inbox: exit %d: %s", code, late.stderr.String())
	}
	noDataFolder(t, other.data)
	if n := other.runsOf("2026-11"); n != 0 {
		t.Errorf("the other data folder recorded %d runs", n)
	}
	if left := listDir(t, h.inbox); len(left) == 0 {
		t.Error("the rosters left the inbox")
	}
}

// noDataFolder fails t unless data, the data folder of a refused run that
// made it, is gone: a folder holding only a lock looked like a data folder.
func noDataFolder(t *testing.T, data string) {
	t.Helper()
	if left, err := os.ReadDir(data); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the refused run left its data folder %s: %v %v", data, left, err)
	}
}

// A run that records nothing claims nothing: a run of a mistyped data
// folder stopped before its commit (or refused) claimed the inbox, and the
// right data folder's runs were refused (exit 4) until someone found the
// hidden file.
func TestARunThatRecordsNothingClaimsNothing(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	typo := newHarness(t, "")
	typo.inbox = h.inbox
	p, _ := typo.holdAt("before-commit", "run", "--month", "2026-11")
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t); code != ExitFailure {
		t.Fatalf("the mistyped folder's run: exit %d: %s", code, p.stderr.String())
	}
	if _, err := os.Stat(filepath.Join(h.inbox, lock.ClaimFileName)); err == nil {
		t.Error("a run that recorded nothing claimed the inbox")
	}
	h.mustRun("run", "--month", "2026-11")
	if _, err := os.Stat(filepath.Join(h.inbox, lock.ClaimFileName)); err != nil {
		t.Errorf("the run that recorded did not claim the inbox: %v", err)
	}
}

func TestConcurrentRunsOneAtATime(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	first, gate := h.holdAt("before-commit", "run", "--month", "2026-11")
	second := h.start("", "run", "--month", "2026-11")
	if code := second.wait(t); code != ExitBusy || !strings.Contains(second.stderr.String(), "another run is in progress (pid") {
		t.Fatalf("second run: exit %d: %s", code, second.stderr.String())
	}
	os.Remove(gate)
	if code := first.wait(t); code != ExitOK {
		t.Fatalf("first run: exit %d: %s", code, first.stderr.String())
	}
	if n := h.runsOf("2026-11"); n != 1 {
		t.Errorf("%d runs recorded, want 1", n)
	}
}

// SIGTERM before the commit records nothing and leaves the inbox as it
// was; so does SIGHUP (a terminal closed), which ended the process
// without a word.
func TestSIGTERMBeforeCommitRecordsNothing(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		h := newHarness(t, acceptanceInbox)
		before := listDir(t, h.inbox)
		p, _ := h.holdAt("before-commit", "run", "--month", "2026-11")
		p.cmd.Process.Signal(sig)
		if code := p.wait(t); code != ExitFailure || !strings.Contains(p.stderr.String(), "本次没有记录任何内容") {
			t.Errorf("exit %d after %s: %s", code, sig, p.stderr.String())
		}
		if n := h.runsOf("2026-11"); n != 0 {
			t.Errorf("%d runs recorded after %s", n, sig)
		}
		if got := listDir(t, h.inbox); strings.Join(got, ",") != strings.Join(before, ",") {
			t.Errorf("inbox changed after %s: %v", sig, got)
		}
		noTempFiles(t, h)
	}
}

// kill -9 before the commit leaves nothing; a clean re-run then records
// exactly the lines of an uninterrupted run.
func TestKillBeforeCommitThenRerunIsIdentical(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.killAt("before-commit", "run", "--month", "2026-11")
	if n := h.runsOf("2026-11"); n != 0 {
		t.Fatalf("%d runs recorded by a killed process", n)
	}
	h.mustRun("run", "--month", "2026-11")
	noTempFiles(t, h)
	_, got, _ := h.main("payments", "--month", "2026-11", "--format", "csv")
	if got != referencePayments(t) {
		t.Error("payment lines after kill -9 and re-run differ from an uninterrupted run")
	}
}

// A process keeps excelize's temporary files (tens of MB each in a large
// month) in a folder of its own; kill -9 leaves it, and the next process
// removes it, but not the folder of a process still running.
func TestTempFolderOfAKilledRunIsRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // for the processes h.start starts
	h := newHarness(t, acceptanceInbox)
	live := filepath.Join(tmp, fmt.Sprintf("disburse-%d-1", os.Getpid()))
	if err := os.MkdirAll(live, 0o755); err != nil {
		t.Fatal(err)
	}
	h.killAt("before-commit", "run", "--month", "2026-11")
	if left, _ := filepath.Glob(filepath.Join(tmp, "disburse-[0-9]*")); len(left) != 2 {
		t.Fatalf("the killed run's temporary folder is not left beside %s: %v", live, left)
	}
	if code := h.start("", "run", "--month", "2026-11").wait(t); code != ExitOK {
		t.Fatalf("run after the kill: exit %d", code)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "disburse-[0-9]*")); !slices.Equal(left, []string{live}) {
		t.Errorf("temporary folders after the next run: %v, want only the running process's %s", left, live)
	}
}

// kill -9 just after the commit: status names the rosters left in the
// inbox as the run's, and the next start finishes the month (inputs
// archived, workbooks rebuilt) without paying it again; put back after
// that, they are named as put back.
func TestKillAfterCommitIsFinishedByTheDaemon(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.killAt("after-commit", "run", "--month", "2026-11")
	if n := h.runsOf("2026-11"); n != 1 {
		t.Fatalf("%d runs recorded", n)
	}
	if got := listDir(t, h.inbox); len(got) != 3 {
		t.Fatalf("inbox after a kill after commit: %v", got)
	}
	if status := h.status(); strings.Count(status, "！！与2026-11运行1已读取的同名文件内容相同") != 3 {
		t.Errorf("status does not name the rosters left by the recorded run:\n%s", status)
	}
	h.finishByDaemon()
	if got := listDir(t, h.inbox); len(got) != 0 {
		t.Errorf("recorded inputs left in the inbox: %v", got)
	}
	if got := listDir(t, filepath.Join(h.data, "archive", "2026-11")); len(got) != 3 {
		t.Errorf("archive: %v", got)
	}
	for _, name := range []string{"区民政局.xlsx", "国网晋城供电公司城区供电中心.xlsx", exceptionsFile} {
		if _, err := os.Stat(filepath.Join(h.data, "out", "2026-11", name)); err != nil {
			t.Errorf("workbook not rebuilt: %v", err)
		}
	}
	noTempFiles(t, h)
	if n := h.runsOf("2026-11"); n != 1 {
		t.Errorf("%d runs after finishing", n)
	}
	h.checkWorkbookTotals(mustMonth(t, "2026-11"))
	_, got, _ := h.main("payments", "--month", "2026-11", "--format", "csv")
	if got != referencePayments(t) {
		t.Error("payment lines differ from an uninterrupted run")
	}
	// The same rosters put back for a --replace are no unfinished run's:
	// status no longer says a start will archive them, which none does.
	copyDir(t, acceptanceInbox, h.inbox)
	if status := h.status(); strings.Count(status, "与2026-11运行1已读取并已归档的文件内容相同（放回的）：如是为重新计算放回的，请用 disburse run --month 2026-11 --replace") != 3 || strings.Contains(status, "会归档") {
		t.Errorf("status of rosters put back after the run archived them:\n%s", status)
	}
}

// The daemon as a real process pays the due month on its own, and SIGTERM
// stops it cleanly.
func TestServeProcessPaysAndStops(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	cfg := filepath.Join(t.TempDir(), "disburse.yaml")
	// A new data folder waits the whole wait_limit for the streets.
	os.WriteFile(cfg, []byte("schedule: \"* * * * *\"\nquiet_period: 0s\nwait_limit: 1s\nretry_every: 200ms\nlog_format: json\n"), 0o644)
	p := h.start("", "serve", "--config", cfg)
	deadline := time.Now().Add(60 * time.Second)
	for h.runsOfNow() == 0 {
		if time.Now().After(deadline) {
			p.cmd.Process.Kill()
			t.Fatalf("the daemon did not pay\n%s", p.stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t); code != ExitOK {
		t.Errorf("exit %d: %s", code, p.stderr.String())
	}
	if !strings.Contains(p.stderr.String(), `"msg":"month paid"`) {
		t.Errorf("no JSON log of the payment:\n%s", p.stderr.String())
	}
}

// runsOfNow counts the runs of the month the daemon pays right now.
func (h *harness) runsOfNow() int {
	if _, err := os.Stat(filepath.Join(h.data, "disburse.db")); err != nil {
		return 0
	}
	runs, err := h.db().RecentRuns(context.Background(), 5)
	if err != nil {
		return 0
	}
	return len(runs)
}

// A roster dropped into the inbox while the run reads the others is not
// read and stays there; the summary says so loudly, with how to pay its
// people, instead of the month being recorded without it in silence.
func TestRosterDroppedDuringTheRunIsTold(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	p, gate := h.holdAt("before-commit", "run", "--month", "2026-11")
	late := "2026年11月_钟家庄街道_老年人补贴花名册.xlsx"
	copyFile(t, filepath.Join(acceptanceInbox, acceptanceEast), filepath.Join(h.inbox, late))
	os.Remove(gate)
	if code := p.wait(t); code != ExitWarned {
		t.Fatalf("exit %d: %s", code, p.stderr.String())
	}
	if out := p.stdout.String(); !strings.Contains(out, "！！运行期间放入收件箱的文件未读取") || !strings.Contains(out, late) || !strings.Contains(out, "--replace") {
		t.Errorf("the late roster is not told:\n%s", out)
	}
	if got := listDir(t, h.inbox); !slices.Equal(got, []string{late}) {
		t.Errorf("inbox after the run: %v, want only the late roster", got)
	}
}

// A roster dropped while the run reads is also recorded as not read
// (file_late): status counts it among the draft's warnings, and approve
// refuses the month without --despite-warnings, since its people are unpaid.
func TestRosterDroppedWhileReadingIsRecorded(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	p, gate := h.holdAt("after-read", "run", "--month", "2026-11")
	late := "东街补报.xlsx"
	copyFile(t, filepath.Join("../../fixtures/inbox/2026-11", "2026年11月_东街街道_老年人补贴花名册.xlsx"), filepath.Join(h.inbox, late))
	os.Remove(gate)
	if code := p.wait(t); code != ExitWarned {
		t.Fatalf("exit %d: %s", code, p.stderr.String())
	}
	if !slices.ContainsFunc(h.findings(mustMonth(t, "2026-11")), func(f domain.Finding) bool { return f.Code == "file_late" && f.Where.File == late }) {
		t.Errorf("no file_late finding for %s", late)
	}
	if code, out, _ := h.main("status", "--inbox", h.inbox, "--data", h.data); !strings.Contains(out, "！！有 1 条须先核实的警告") {
		t.Errorf("status: exit %d\n%s", code, out)
	}
	if code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data); code != ExitFailure || !strings.Contains(out, late) {
		t.Errorf("approve: exit %d\n%s%s", code, out, errs)
	}
}

// An inbox on another disk than the data folder is archived by copying:
// a run killed after copying a roster and removing it from the inbox, but
// before naming the copy, leaves the copy hidden in the archive, and one
// killed while copying leaves a copy cut short. The next start names the
// first (the month's archive is whole again) and moves the second's roster
// again, under its own name.
func TestMoveAcrossDisksStoppedMidwayIsFinished(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.killAt("after-commit", "run", "--month", "2026-11")
	names := listDir(t, h.inbox)
	archive := filepath.Join(h.data, "archive", "2026-11")
	if err := os.MkdirAll(archive, 0o755); err != nil || len(names) != 3 {
		t.Fatalf("inbox after the kill: %v %v", names, err)
	}
	copyFile(t, filepath.Join(h.inbox, names[0]), filepath.Join(archive, "."+names[0]+".moving"))
	os.Remove(filepath.Join(h.inbox, names[0]))
	os.WriteFile(filepath.Join(archive, "."+names[1]+".moving"), []byte("PK"), 0o644)
	h.finishByDaemon()
	if got := listDir(t, h.inbox); len(got) != 0 {
		t.Errorf("left in the inbox: %v", got)
	}
	if got := listDir(t, archive); !slices.Equal(got, names) {
		t.Errorf("archive holds %v, want %v", got, names)
	}
	for _, n := range names {
		want, _ := os.ReadFile(filepath.Join(acceptanceInbox, n))
		if got, err := os.ReadFile(filepath.Join(archive, n)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s archived with %d bytes of %d: %v", n, len(got), len(want), err)
		}
	}
}

// A roster archived without its copy by content (a run stopped between the
// two, as a full disk did to a tester) is kept by content again at the
// next start, and the month can be re-run.
func TestArchivedInputWithoutItsCopyByContentIsKeptAgain(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	kept, err := filepath.Glob(filepath.Join(h.data, "archive", "sha256", "*"))
	if err != nil || len(kept) != 3 {
		t.Fatalf("kept by content: %v %v", kept, err)
	}
	if err := os.Remove(kept[1]); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := h.main("rerun", "--month", "2026-11", "--data", h.data); code == ExitOK || !strings.Contains(out+errs, "missing") {
		t.Fatalf("rerun with an input lost: exit %d: %s%s", code, out, errs)
	}
	h.finishByDaemon()
	if _, err := os.Stat(kept[1]); err != nil {
		t.Errorf("not kept again: %v", err)
	}
	if out := h.mustRun("rerun", "--month", "2026-11", "--data", h.data); !strings.Contains(out, "identical") {
		t.Errorf("rerun: %s", out)
	}
}

// kill -9 just after an approval's commit, before its workbooks are named:
// the next start, or running the month again by hand (its rosters long
// archived), writes them again, approved, so the bank file never goes on
// saying 草稿 for an approved month.
func TestKillAfterApprovalIsFinished(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	h.killAt("after-commit", "approve", "--month", "2026-11", "--by", "王会计")
	if _, ok, _ := h.db().ApprovalOf(context.Background(), mustMonth(t, "2026-11")); !ok {
		t.Fatal("the approval was not recorded before the hold")
	}
	if status := h.status(); !strings.Contains(status, "！！工作簿未写完") {
		t.Errorf("status does not tell the workbooks are unfinished:\n%s", status)
	}
	if code, _, errs := h.main("run", "--month", "2026-11"); code != ExitFailure || !strings.Contains(errs, "没有花名册文件") {
		t.Errorf("run with an empty inbox: exit %d: %s", code, errs)
	}
	noTempFiles(t, h)
	bankFile := filepath.Join(h.data, "out", "2026-11", "代发", "区民政局_代发.xlsx")
	if dump, err := report.Dump(bankFile); err != nil || !strings.Contains(dump, "补贴代发清单（运行编号 1，已审批：王会计 于") {
		t.Errorf("the approved month's bank file does not say so: %v\n%.300s", err, dump)
	}
	if got, want := listDir(t, filepath.Dir(bankFile)), []string{"区民政局_代发.csv", "区民政局_代发.xlsx"}; !slices.Equal(got, want) {
		t.Errorf("after the approval is finished the bank files are %q, want %q (the draft's gone)", got, want)
	}
}

// kill -9 just after an approval's commit, then approve again, as staff
// do after a stop: the month is approved already, and the refusal writes
// the workbooks from the database first, so the draft bank file is not
// left beside an approval until the next run or daemon start.
func TestApproveAgainAfterAKilledApprovalFinishesIt(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	h.killAt("after-commit", "approve", "--month", "2026-11", "--by", "王会计")
	code, _, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data, "--inbox", h.inbox)
	if code != ExitFailure || !strings.Contains(errs, "不能再次审批") || !strings.Contains(errs, "已补完 2026-11 运行 1") {
		t.Errorf("approve again: exit %d: %s", code, errs)
	}
	noTempFiles(t, h)
	bankDir := filepath.Join(h.data, "out", "2026-11", "代发")
	if got, want := listDir(t, bankDir), []string{"区民政局_代发.csv", "区民政局_代发.xlsx"}; !slices.Equal(got, want) {
		t.Errorf("after approving again the bank files are %q, want %q", got, want)
	}
	if dump, err := report.Dump(filepath.Join(bankDir, "区民政局_代发.xlsx")); err != nil || !strings.Contains(dump, "已审批：王会计 于") {
		t.Errorf("the approved month's bank file does not say so: %v\n%.300s", err, dump)
	}
}

// kill -9 just after a replacing run's commit: the next start moves the
// replaced run's workbooks aside (被替换-运行1) before naming the new ones,
// and archives the rosters the replacing run read, although the archive
// holds copies of the same files from the run it replaced.
func TestKillAfterReplacingCommitKeepsTheReplacedWorkbooks(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	copyDir(t, acceptanceInbox, h.inbox)
	h.killAt("after-commit", "run", "--month", "2026-11", "--replace")
	if n := h.runsOf("2026-11"); n != 2 {
		t.Fatalf("%d runs recorded", n)
	}
	h.finishByDaemon()
	noTempFiles(t, h)
	kept := filepath.Join(h.data, "out", "2026-11", "被替换-运行1", "作废-运行1-区民政局.xlsx")
	if dump, err := report.Dump(kept); err != nil || !strings.Contains(dump, "运行编号 1") {
		t.Errorf("the replaced run's workbook is not kept: %v\n%.300s", err, dump)
	}
	if dump, err := report.Dump(filepath.Join(h.data, "out", "2026-11", "区民政局.xlsx")); err != nil || !strings.Contains(dump, "运行编号 2") {
		t.Errorf("the replacing run's workbook is not in place: %v\n%.300s", err, dump)
	}
	if got := listDir(t, h.inbox); len(got) != 0 {
		t.Errorf("rosters of the replacing run left in the inbox: %v", got)
	}
}

// A replacing run killed before its commit leaves workbooks staged under
// a run number that was never recorded. They are not the recorded run's:
// status does not call that run unfinished, and the next run removes them
// without rebuilding its workbooks or saying it finished it.
func TestKillBeforeReplacingCommitLeavesTheRecordedRunAlone(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	copyDir(t, acceptanceInbox, h.inbox)
	h.killAt("before-commit", "run", "--month", "2026-11", "--replace")
	if tmp, _ := filepath.Glob(filepath.Join(h.data, "out", "2026-11", ".tmp-run2-*")); len(tmp) == 0 {
		t.Fatal("the killed run staged nothing")
	}
	if st := h.status(); strings.Contains(st, "工作簿未写完") {
		t.Errorf("status calls the recorded run unfinished:\n%s", st)
	}
	code, out, errs := h.main("run", "--month", "2026-11", "--replace")
	if code != ExitOK || strings.Contains(out+errs, "已补完") || strings.Contains(errs, "rebuilding workbooks") {
		t.Errorf("exit %d: the recorded run is said to be finished again:\n%s\n%s", code, out, errs)
	}
	noTempFiles(t, h)
	kept := filepath.Join(h.data, "out", "2026-11", "被替换-运行1", "作废-运行1-区民政局.xlsx")
	if dump, err := report.Dump(kept); err != nil || !strings.Contains(dump, "运行编号 1") {
		t.Errorf("the replaced run's workbook is not kept: %v\n%.300s", err, dump)
	}
}

// A run by hand that records the month while the daemon waits for the
// lock leaves the month paid, not an attempt failed.
func TestDaemonWaitingForARunByHandRecordsNoFailure(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	clock := &fakeClock{t: time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)} // November is due
	ageInbox(t, h.inbox, clock.t)
	p, gate := h.holdAt("before-commit", "run", "--month", "2026-11")
	clock.onSleep = func(time.Time) { // the daemon found the lock taken
		if p != nil {
			os.Remove(gate)
			if code := p.wait(t); code != ExitOK {
				t.Errorf("run by hand: exit %d: %s", code, p.stderr.String())
			}
			p = nil
		}
	}
	d := testDaemon(t, h, clock)
	d.check(context.Background())
	// Its wait, begun before the run by hand took the lock, may be
	// recorded (waiting: status says the run that recorded the month
	// since); a failure may not.
	attempts, err := h.db().Attempts(context.Background(), 5)
	if err != nil || slices.ContainsFunc(attempts, func(a store.Attempt) bool { return a.Outcome != "waiting" }) || d.failed != "" {
		t.Errorf("attempts %+v (%v), failed %q", attempts, err, d.failed)
	}
	if n := h.runsOf("2026-11"); n != 1 {
		t.Errorf("%d runs", n)
	}
}

// A run by hand holds the database while it writes its workbooks, longer
// than SQLite's busy timeout (5 s): an attempt the daemon records
// meanwhile (a month it would not pay from files named for a later month,
// say) waits for the run's lock instead of being lost, so that status
// says why the month was not paid.
func TestDaemonAttemptDuringARunByHandIsRecorded(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	clock := &fakeClock{t: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)}
	p, gate := h.holdAt("before-commit", "run", "--month", "2026-11")
	go func() {
		time.Sleep(6 * time.Second) // past the busy timeout
		os.Remove(gate)
	}()
	d := testDaemon(t, h, clock)
	d.recordAttempt(context.Background(), store.Attempt{Month: mustMonth(t, "2026-12"), StartedAt: clock.t, FinishedAt: clock.t, Outcome: "failed", Message: "收件箱中的文件名都写着2027年1月"})
	if code := p.wait(t); code != ExitOK {
		t.Fatalf("run by hand: exit %d: %s", code, p.stderr.String())
	}
	if attempts, err := h.db().Attempts(context.Background(), 5); err != nil || len(attempts) != 1 || attempts[0].Outcome != "failed" {
		t.Errorf("attempts %+v (%v): want the failed attempt recorded", attempts, err)
	}
}

// A roster replaced in the inbox after the run read it (and before it is
// archived) is paid as read: that content is kept by its hash before the
// commit, the month can be re-run, and the new content stays in the inbox,
// named with ！！, instead of being archived under the old content's hash.
func TestRosterReplacedAfterItWasReadStaysAndIsTold(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	p, gate := h.holdAt("before-commit", "run", "--month", "2026-11")
	other, err := filepath.Glob(filepath.Join(acceptanceInbox, "*西街*"))
	if err != nil || len(other) != 1 {
		t.Fatalf("another roster: %v %v", other, err)
	}
	tmp := filepath.Join(t.TempDir(), "new.xlsx")
	copyFile(t, other[0], tmp)
	if err := os.Rename(tmp, filepath.Join(h.inbox, acceptanceEast)); err != nil {
		t.Fatal(err)
	}
	os.Remove(gate)
	if code := p.wait(t); code != ExitWarned {
		t.Fatalf("exit %d: %s", code, p.stderr.String())
	}
	if out := p.stdout.String(); !strings.Contains(out, "！！读取以后在收件箱中被改动或替换的文件") || !strings.Contains(out, acceptanceEast) {
		t.Errorf("the replaced roster is not told:\n%s", out)
	}
	if got := listDir(t, h.inbox); !slices.Equal(got, []string{acceptanceEast}) {
		t.Errorf("inbox after the run: %v, want the new content left there", got)
	}
	if out := h.mustRun("rerun", "--month", "2026-11", "--data", h.data); !strings.Contains(out, "identical") {
		t.Errorf("rerun: %s", out)
	}
}

// A daemon records November with one street's roster missing; the operator,
// who sees no run's summary, finds in status the warnings approve would
// refuse it for: the street paid in October with nobody in November.
func TestStatusShowsTheWarningsApproveWouldGive(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-10", nil)
	copyDir(t, acceptanceInbox, h.inbox)
	if err := os.Remove(filepath.Join(h.inbox, "2026年11月_西街街道_老年人补贴花名册.xlsx")); err != nil {
		t.Fatal(err)
	}
	h.mustRun("run", "--month", "2026-11")
	out := h.status()
	if !strings.Contains(out, "条须先核实的警告，disburse approve --month 2026-11 不加 --despite-warnings 不会审批：\n") ||
		!strings.Contains(out, "\n        西街街道：上月发放 414 人，本月各花名册中没有该街道的人员\n") {
		t.Errorf("status does not give approve's warning of the street left out:\n%s", out)
	}
}

// A failed attempt's reason is on one line of status, whole: an attempt
// that left every file out names them on lines of their own; a panic's
// stack stays in the log.
func TestStatusGivesTheWholeReasonOnOneLine(t *testing.T) {
	if got := oneLine("收件箱中的文件都未纳入，未生成发放：\n  东街.xlsx: 未纳入本月发放\n  西街.xlsx: 未纳入本月发放\n"); got != "收件箱中的文件都未纳入，未生成发放： 东街.xlsx: 未纳入本月发放 西街.xlsx: 未纳入本月发放" {
		t.Errorf("left out: %q", got)
	}
	if got := oneLine("panic in run: boom\ngoroutine 1 [running]:\nruntime/debug.Stack()"); got != "panic in run: boom" {
		t.Errorf("panic: %q", got)
	}
}

// After a failure of the system (the attempt carries its 提示), status
// says the daemon tries again by itself, not only once the inbox changes:
// an operator would touch the inbox for nothing.
func TestStatusAfterASystemFailureSaysItIsRetried(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-10")                 // a database, and a month before
	tick := time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC) // 02:00 on 1 December in Shanghai
	status := func(message string) string {
		t.Helper()
		db := h.db()
		if err := db.RecordAttempt(context.Background(), store.Attempt{Month: mustMonth(t, "2026-12"), StartedAt: tick, FinishedAt: tick, Outcome: "failed", Message: message}); err != nil {
			t.Fatal(err)
		}
		cfg := DefaultConfig()
		cfg.Inbox, cfg.Data, cfg.Rules = h.inbox, h.data, rulesDir
		var out strings.Builder
		if err := printStatus(context.Background(), &out, cfg, tick.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	if out := status("insert lines: database or disk is full (13)\n提示：磁盘空间已满。"); !strings.Contains(out, "自动运行会稍后重试（间隔逐次加倍，最长1小时）") {
		t.Errorf("after a full disk:\n%s", out)
	}
	if out := status("收件箱中的文件都未纳入"); !strings.Contains(out, "自动运行会在收件箱或规则文件有变化后重试") {
		t.Errorf("after a failure of the rosters:\n%s", out)
	}
}

// A disk nearly full lets status make its test file, and a run then fails
// part way: status says how much is left below 100 MiB. The real measure
// (statfs) answers for a folder.
func TestStatusSaysTheDiskIsNearlyFull(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-10")
	if out := h.status(); strings.Contains(out, "所在磁盘只剩") {
		t.Errorf("plenty of space:\n%s", out)
	}
	defer func(f func(string) (uint64, bool)) { freeSpace = f }(freeSpace)
	freeSpace = func(string) (uint64, bool) { return 30 << 20, true }
	if out := h.status(); !strings.Contains(out, "！！数据文件夹（"+h.data+"）所在磁盘只剩 30 MB 可用") {
		t.Errorf("a nearly full disk:\n%s", out)
	}
	freeSpace = func(string) (uint64, bool) { return 0, false }
	if out := h.status(); strings.Contains(out, "所在磁盘只剩") {
		t.Errorf("space not known:\n%s", out)
	}
	// A city's month (16 MB of rosters) needs about 200 MB: 150 MB free is
	// said to be short, as 100 MiB was not.
	big := filepath.Join(h.data, "archive", "2026-10", "东街补报（大）.xlsx")
	if err := os.WriteFile(big, make([]byte, 16<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	freeSpace = func(string) (uint64, bool) { return 150 << 20, true }
	if out := h.status(); !strings.Contains(out, "所在磁盘只剩 150 MB 可用，按最近一个月的花名册估计，一个月的发放约需 24") {
		t.Errorf("a city's month on 150 MB:\n%s", out)
	}
	if free, ok := statfsFree(h.data); !ok || free == 0 {
		t.Errorf("statfs of the data folder: %d %v", free, ok)
	}
	if _, ok := statfsFree(filepath.Join(h.data, "none")); ok {
		t.Error("statfs of a folder that is not there answered")
	}
}

// A data folder nothing can be written in (a read-only disk) is said by
// status: a daemon there fails every try without recording an attempt,
// and status said only that it might be waiting for rosters.
func TestStatusSaysTheDataFolderCannotBeWritten(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-10")
	if out := h.status(); strings.Contains(out, "无法写入") {
		t.Errorf("a folder that can be written:\n%s", out)
	}
	defer func(w func(string) error) { writeError = w }(writeError)
	writeError = func(dir string) error {
		return &os.PathError{Op: "open", Path: filepath.Join(dir, ".write-test-1"), Err: syscall.EROFS}
	}
	if out := h.status(); !strings.Contains(out, "！！数据文件夹（"+h.data+"）无法写入") || !strings.Contains(out, "read-only file system") {
		t.Errorf("a read-only folder:\n%s", out)
	}
}

// An inbox the run may not write: the run recorded the month, could
// neither move the rosters out nor claim the inbox, and a run of another
// data folder paid the month again. It records nothing now, and makes no
// data folder. (access(2) lets root write anywhere: the test stands in a
// folder it may not write.)
func TestInboxNotWritableRecordsNothing(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	was := mayWrite
	mayWrite = func(dir string) error {
		if dir == h.inbox {
			return syscall.EACCES
		}
		return was(dir)
	}
	defer func() { mayWrite = was }()
	code, _, errs := h.main("run", "--month", "2026-11")
	if code != ExitFailure || !strings.Contains(errs, "收件箱 "+h.inbox+" 不可写") {
		t.Errorf("run on an inbox it may not write: exit %d: %s", code, errs)
	}
	noDataFolder(t, h.data)
	if left := listDir(t, h.inbox); len(left) != 3 {
		t.Errorf("inbox after the refusal: %v", left)
	}
	// status says so beforehand, as it says a data folder it may not write.
	if out := h.status(); !strings.Contains(out, "！！此用户不能写收件箱，运行将被拒绝") {
		t.Errorf("status of an inbox it may not write:\n%s", out)
	}
}

// A run stopped by a signal while recording is told as stopped, whatever
// the insert failed with: once, SIGTERM gave "sql: statement is closed …
// transaction has already been committed or rolled back", in English, and
// an operator took it for a commit. A failure without a signal is itself.
func TestRecordingStoppedBySignalSaysSo(t *testing.T) {
	closed := errors.New("insert payment_lines rows 1-50: sql: statement is closed")
	ctx, cancel := context.WithCancel(context.Background())
	if err := recordingFailed(ctx, slog.New(slog.DiscardHandler), closed); err != closed {
		t.Errorf("no signal: %v, want the failure itself", err)
	}
	cancel()
	err := recordingFailed(ctx, slog.New(slog.DiscardHandler), closed)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("after a signal: %v, want context.Canceled", err)
	}
	var out strings.Builder
	if code := exitCode(err, &env{stderr: &out}); code != ExitFailure || !strings.Contains(out.String(), "已中断（收到 SIGTERM、SIGINT 或 SIGHUP），在记录以前：本次没有记录任何内容") {
		t.Errorf("exit %d: %s", code, out.String())
	}
}
