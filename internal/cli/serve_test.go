package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"disburse/internal/domain"
	"disburse/internal/lock"
	"disburse/internal/store"
)

// fakeClock is the daemon's clock in tests: sleeping advances it, and a
// hook may act at each sleep (a file finishing its copy, say).
type fakeClock struct {
	t       time.Time
	onSleep func(now time.Time)
	slept   time.Duration
}

func (c *fakeClock) now() time.Time { return c.t }

func (c *fakeClock) sleep(_ context.Context, d time.Duration) error {
	c.t = c.t.Add(d)
	c.slept += d
	if c.onSleep != nil {
		c.onSleep(c.t)
	}
	return nil
}

func testDaemon(t *testing.T, h *harness, clock *fakeClock) *daemon {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Inbox, cfg.Data, cfg.Rules = h.inbox, h.data, rulesDir
	d, err := newDaemon(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), clock.now)
	if err != nil {
		t.Fatal(err)
	}
	d.sleep = clock.sleep
	return d
}

// loggingDaemon is testDaemon with its log kept, as text, for the test to
// read.
func loggingDaemon(t *testing.T, h *harness, clock *fakeClock) (*daemon, *strings.Builder) {
	t.Helper()
	d := testDaemon(t, h, clock)
	logged := &strings.Builder{}
	l, err := newLogger(logged, "text", false, d.sched.Location.String())
	if err != nil {
		t.Fatal(err)
	}
	d.log = l
	return d, logged
}

// ageInbox makes every inbox file look copied long before now.
func ageInbox(t *testing.T, dir string, now time.Time) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		old := now.Add(-time.Hour)
		if err := os.Chtimes(filepath.Join(dir, e.Name()), old, old); err != nil {
			t.Fatal(err)
		}
	}
}

func (h *harness) runsOf(m string) int {
	h.t.Helper()
	if _, err := os.Stat(filepath.Join(h.data, "disburse.db")); err != nil {
		return 0
	}
	n, err := h.db().Runs(context.Background(), mustMonth(h.t, m))
	if err != nil {
		h.t.Fatal(err)
	}
	return n
}

// The tick of 02:00 on 1 December in Shanghai is 18:00 UTC on 30 November:
// it pays December, not November.
// On a new data folder it waits the whole limit and then warns that no
// earlier month tells how many streets there are: a street missing from
// the first month is otherwise unsaid.
func TestDaemonPaysTheMonthOfTheTickInShanghai(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	d, logged := loggingDaemon(t, h, clock)
	d.check(context.Background())
	if !strings.Contains(logged.String(), `level=WARN msg="wait limit reached on a new data folder`) {
		t.Errorf("no warning that a new data folder's first month cannot tell a street missing:\n%s", logged.String())
	}
	if h.runsOf("2026-12") != 1 || h.runsOf("2026-11") != 0 {
		t.Fatalf("runs: 2026-12=%d 2026-11=%d", h.runsOf("2026-12"), h.runsOf("2026-11"))
	}
	if clock.slept != DefaultConfig().WaitLimit {
		t.Errorf("waited %s on a new data folder, want the whole limit: nothing says how many streets there are", clock.slept)
	}
}

// On a new data folder the streets' rosters arriving one by one are all
// read: the month is not paid with the first street to arrive, whose
// file is complete long before the others come.
func TestDaemonOnANewDataFolderWaitsForTheStreets(t *testing.T) {
	entries, err := os.ReadDir(acceptanceInbox)
	if err != nil || len(entries) != 3 {
		t.Fatalf("acceptance inbox: %v %d files", err, len(entries))
	}
	h := newHarness(t, acceptanceInbox)
	for _, e := range entries[1:] {
		os.Remove(filepath.Join(h.inbox, e.Name()))
	}
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	next := 1
	clock.onSleep = func(time.Time) {
		if next < len(entries) && clock.slept >= time.Duration(next)*8*time.Minute {
			copyFile(t, filepath.Join(acceptanceInbox, entries[next].Name()), filepath.Join(h.inbox, entries[next].Name()))
			ageInbox(t, h.inbox, clock.t)
			next++
		}
	}
	testDaemon(t, h, clock).check(context.Background())
	run, ok, err := h.db().LatestRun(context.Background(), mustMonth(t, "2026-12"))
	if err != nil || !ok {
		t.Fatalf("December not paid: %v", err)
	}
	if inputs, err := h.db().Inputs(context.Background(), run.ID); err != nil || len(inputs) != len(entries) {
		t.Errorf("December read %d files, want all %d (%v)", len(inputs), len(entries), err)
	}
}

// A tick missed while the daemon was down is caught up once, at start-up;
// checking again does not pay the month twice, and new files wait in the
// inbox for the next month.
func TestDaemonCatchesUpOnceAndNeverTwice(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	clock := &fakeClock{t: time.Date(2026, 12, 9, 8, 0, 0, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	d := testDaemon(t, h, clock)
	d.check(context.Background())
	copyDir(t, acceptanceInbox, h.inbox)
	ageInbox(t, h.inbox, clock.t)
	d.check(context.Background())
	clock.t = clock.t.Add(24 * time.Hour)
	d.check(context.Background())
	if n := h.runsOf("2026-12"); n != 1 {
		t.Fatalf("2026-12 recorded %d times", n)
	}
	if got := listDir(t, h.inbox); len(got) != 3 {
		t.Errorf("files for the next month were not left in the inbox: %v", got)
	}
}

// A file still being copied at tick time makes the run wait; when it has
// been quiet long enough the run goes ahead with it.
func TestDaemonWaitsForAFileBeingCopied(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	growing := filepath.Join(h.inbox, "2026年11月_西街街道_老年人补贴花名册.xlsx")
	full, _ := os.ReadFile(growing)
	os.WriteFile(growing, full[:len(full)/2], 0o644) // half copied, just now
	os.Chtimes(growing, clock.t, clock.t)
	copies := 0
	clock.onSleep = func(now time.Time) {
		copies++
		if copies == 3 { // the copy finishes three minutes in
			os.WriteFile(growing, full, 0o644)
			os.Chtimes(growing, now, now)
		}
	}
	d, logged := loggingDaemon(t, h, clock)
	d.check(context.Background())
	if h.runsOf("2026-12") != 1 {
		t.Fatal("month not paid after the copy finished")
	}
	// Every time of the log in the config's zone, those given as values
	// (until=, next=) too: one was the host's.
	if !strings.Contains(logged.String(), "until=2026-12-01T") || !regexp.MustCompile(`until=\S+\+08:00`).MatchString(logged.String()) || regexp.MustCompile(`until=\S+Z\b`).MatchString(logged.String()) {
		t.Errorf("the wait's end is not in Shanghai's time:\n%s", logged)
	}
	// Said at each change of reason (modified just now, not a workbook
	// yet, modified again), not at every look: an operator read the same
	// warning every minute for every file.
	if n := strings.Count(logged.String(), "waiting for a file being copied"); n < 1 || n > 3 {
		t.Errorf("the copy told %d times over %d looks:\n%s", n, copies, logged)
	}
	if clock.slept < 5*time.Minute {
		t.Errorf("waited only %s: the file must be quiet for 2 minutes after its copy ends", clock.slept)
	}
	_, csvOut, _ := h.main("payments", "--month", "2026-12", "--format", "csv")
	if !strings.Contains(csvOut, "410802193407250279") { // a 西街 person
		t.Error("the file that finished copying was not paid")
	}
}

// A file that never finishes is left out after the wait limit: the run goes
// ahead, the file stays in the inbox and is listed loudly.
func TestDaemonLeavesOutAFileAfterTheWaitLimit(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	stuck := filepath.Join(h.inbox, "copying.xlsx")
	os.WriteFile(stuck, []byte("PK\x03\x04 partial"), 0o644)
	clock.onSleep = func(now time.Time) { os.Chtimes(stuck, now, now) } // still growing
	testDaemon(t, h, clock).check(context.Background())
	if h.runsOf("2026-12") != 1 {
		t.Fatal("month not paid")
	}
	if clock.slept < 30*time.Minute || clock.slept > 32*time.Minute {
		t.Errorf("waited %s, want the 30-minute limit", clock.slept)
	}
	if got := listDir(t, h.inbox); len(got) != 1 || got[0] != "copying.xlsx" {
		t.Errorf("inbox after the run: %v", got)
	}
	db := h.db()
	run, _, _ := db.LatestRun(context.Background(), mustMonth(t, "2026-12"))
	findings, _ := db.Findings(context.Background(), run.ID)
	var listed bool
	for _, f := range findings {
		if f.Code == "file_not_ready" && f.Where.File == "copying.xlsx" {
			listed = true
		}
	}
	if !listed {
		t.Error("the left-out file is not in the exceptions")
	}
}

// A failing run is recorded as a failed attempt, saying why; the daemon
// goes on.
func TestDaemonRecordsAFailedAttempt(t *testing.T) {
	h := newHarness(t, "")
	os.WriteFile(filepath.Join(h.inbox, "损坏.xlsx"), []byte("not a zip"), 0o644)
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	d := testDaemon(t, h, clock)
	d.cfg.WaitLimit = 0
	d.check(context.Background())
	attempts, err := h.db().Attempts(context.Background(), 5)
	if err != nil || len(attempts) != 1 || attempts[0].Outcome != "failed" || attempts[0].Month != (domain.Month{Year: 2026, Month: 12}) {
		t.Fatalf("attempts %+v %v", attempts, err)
	}
	// The broken file, left out after the wait, is named, not taken for an
	// empty inbox.
	if msg := attempts[0].Message; !strings.Contains(msg, "收件箱中的文件都未纳入") || !strings.Contains(msg, "损坏.xlsx") {
		t.Errorf("failure: %s", msg)
	}
	var out strings.Builder
	if err := printStatus(context.Background(), &out, d.cfg, clock.t); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"下次计划运行：2027-01-01 02:00 CST", "2026-12  失败（failed）", "损坏.xlsx", "！！2026-12 尚未发放"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, out.String())
		}
	}

	// The month is unpaid and the next tick pays the next one: the daemon
	// tries again once the inbox changes, and only then.
	d.retry(context.Background())
	if attempts, _ := h.db().Attempts(context.Background(), 5); len(attempts) != 1 {
		t.Errorf("tried again with the inbox unchanged: %+v", attempts)
	}
	os.Remove(filepath.Join(h.inbox, "损坏.xlsx"))
	copyDir(t, acceptanceInbox, h.inbox)
	ageInbox(t, h.inbox, clock.t)
	d.retry(context.Background())
	if h.runsOf("2026-12") != 1 || d.failed != "" {
		t.Errorf("not paid once the rosters came: %d runs, failed %q", h.runsOf("2026-12"), d.failed)
	}
	out.Reset()
	if err := printStatus(context.Background(), &out, d.cfg, clock.t); err != nil || strings.Contains(out.String(), "尚未发放") {
		t.Errorf("status after the month was paid (%v):\n%s", err, out.String())
	}
}

// A scheduled run that fails on the rules (a typo in a rules file) is
// tried again once the operator corrects the rules, as once the inbox
// changes: the inbox, unchanged, would otherwise keep the month unpaid
// until the next tick paid the next one. Status says so.
func TestDaemonTriesAgainOnceTheRulesAreCorrected(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	rules := t.TempDir()
	copyDir(t, rulesDir, rules)
	good, _ := os.ReadFile(filepath.Join(rules, "care_subsidy.yaml"))
	os.WriteFile(filepath.Join(rules, "care_subsidy.yaml"), bytes.Replace(good, []byte("unit: CNY"), []byte("unit CNY"), 1), 0o644)
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	d := testDaemon(t, h, clock)
	d.cfg.Rules, d.cfg.WaitLimit = rules, 0
	d.check(context.Background())
	if attempts, _ := h.db().Attempts(context.Background(), 5); len(attempts) != 1 || attempts[0].Outcome != "failed" || !strings.Contains(attempts[0].Message, "care_subsidy.yaml") {
		t.Fatalf("attempts %+v", attempts)
	}
	var out strings.Builder
	if err := printStatus(context.Background(), &out, d.cfg, clock.t); err != nil || !strings.Contains(out.String(), "收件箱或规则文件有变化后重试") {
		t.Errorf("status (%v):\n%s", err, out.String())
	}
	d.retry(context.Background())
	if h.runsOf("2026-12") != 0 {
		t.Fatal("run again with the rules unchanged")
	}
	os.WriteFile(filepath.Join(rules, "care_subsidy.yaml"), good, 0o644)
	d.retry(context.Background())
	if h.runsOf("2026-12") != 1 || d.failed != "" {
		t.Errorf("not paid once the rules were corrected: %d runs, failed %q", h.runsOf("2026-12"), d.failed)
	}
}

func TestBadScheduleFailsAtStart(t *testing.T) {
	h := newHarness(t, "")
	cfgPath := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(cfgPath, []byte("schedule: \"0 2 1 *\"\n"), 0o644)
	code, _, errs := h.main("serve", "--config", cfgPath, "--inbox", h.inbox, "--data", h.data)
	if code != ExitFailure && code != ExitUsage || !strings.Contains(errs, "schedule") {
		t.Errorf("exit %d: %s", code, errs)
	}
	os.WriteFile(cfgPath, []byte("zone: Mars/Olympus\n"), 0o644)
	code, _, errs = h.main("serve", "--config", cfgPath, "--inbox", h.inbox, "--data", h.data)
	if code == ExitOK || !strings.Contains(errs, "Mars/Olympus") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// status shows who approved a run and when, in Beijing time, and names
// each benefit of a recorded run with its total in 元 or
// 千瓦时, the amounts right-aligned in one column whatever the name's width.
func TestStatusShowsRunTotals(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	h.mustRun("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	cfg := DefaultConfig()
	cfg.Inbox, cfg.Data, cfg.Rules = h.inbox, h.data, t.TempDir() // names come from the rules recorded with the run
	var out strings.Builder
	now := time.Date(2026, 10, 25, 9, 0, 0, 0, time.UTC) // the next run pays 2026-11, recorded above
	if err := printStatus(context.Background(), &out, cfg, now); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "发放 2026-11）\n  2026-11 已有发放记录（运行1），届时不再运行") {
		t.Errorf("status does not say the scheduled month is already recorded:\n%s", out.String())
	}
	// October's tick has passed with no run and no attempt: the daemon is
	// waiting for rosters, or is not running.
	if !strings.Contains(out.String(), "！！2026-10 尚未发放：计划运行时间 2026-10-01 02:00 已过，还没有运行记录") {
		t.Errorf("status does not say October's tick has no run:\n%s", out.String())
	}
	if !regexp.MustCompile(`（已审批：王会计 于 \d{4}-\d\d-\d\d \d\d:\d\d CST 审批）`).MatchString(out.String()) {
		t.Errorf("approval not shown as staff read it:\n%s", out.String())
	}
	ends := map[int]bool{} // display column where each amount ends
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.Contains(line, "高龄津贴") && !strings.HasSuffix(line, " 元") {
			t.Errorf("高龄津贴 total not in 元: %q", line)
		}
		if strings.Contains(line, "免费用电基数") && !strings.HasSuffix(line, " 千瓦时") {
			t.Errorf("免费用电基数 total not in 千瓦时: %q", line)
		}
		if strings.HasSuffix(line, " 元") {
			ends[runewidth.StringWidth(strings.TrimSuffix(line, " 元"))] = true
		}
	}
	if len(ends) != 1 {
		t.Errorf("amounts end in %d different columns:\n%s", len(ends), out.String())
	}
	// In the rules' order, as the run's summary lists them: 高龄津贴 first.
	if a, c := strings.Index(out.String(), "高龄津贴"), strings.Index(out.String(), "护理补贴"); a < 0 || c < 0 || a > c {
		t.Errorf("benefits not in the rules' order:\n%s", out.String())
	}
}

// Months run by hand: November recorded, and on the morning of 1 December,
// the default schedule's tick past, status names December without ！！,
// since no daemon ever recorded an attempt in the data folder: December is
// run when its rosters are in. Once a daemon has tried a month there, an
// unpaid month past its tick is ！！ again.
func TestStatusRaisesNoAlarmForTheNextMonthRunByHand(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	cfg := DefaultConfig()
	cfg.Inbox, cfg.Data, cfg.Rules = h.inbox, h.data, rulesDir
	now := time.Date(2026, 12, 1, 1, 39, 0, 0, time.UTC) // 09:39 in Shanghai
	status := func() string {
		var out strings.Builder
		if err := printStatus(context.Background(), &out, cfg, now); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	if out := status(); strings.Contains(out, "！！2026-12") || !strings.Contains(out, "2026-12 尚无发放记录（按计划 2026-12-01 02:00 运行") {
		t.Errorf("by hand:\n%s", out)
	}
	// Within wait_limit of the tick a daemon may be waiting for the
	// rosters, recording nothing yet: not "run by hand".
	later := now
	now = time.Date(2026, 11, 30, 18, 10, 0, 0, time.UTC) // 02:10 in Shanghai
	if out := status(); strings.Contains(out, "！！2026-12") || strings.Contains(out, "看来是手工运行") || !strings.Contains(out, "正等待各街道的花名册，最迟 02:30 运行") {
		t.Errorf("within the wait:\n%s", out)
	}
	now = later
	tick := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	if err := h.db().RecordAttempt(context.Background(), store.Attempt{Month: mustMonth(t, "2026-11"), StartedAt: tick, FinishedAt: tick, Outcome: "recorded", RunID: 1}); err != nil {
		t.Fatal(err)
	}
	if out := status(); !strings.Contains(out, "！！2026-12 尚未发放：计划运行时间 2026-12-01 02:00 已过") {
		t.Errorf("with a daemon:\n%s", out)
	}
}

// A daemon that waited for the rosters and then stopped, or gave way to a
// run by hand, leaves its attempt 等待中 as the last: status says the month
// was recorded since, so the operator does not take it for waiting still.
func TestStatusSaysAWaitingAttemptWasOvertaken(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	tick := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	h.mustRun("run", "--month", "2026-11")
	if err := h.db().RecordAttempt(context.Background(), store.Attempt{Month: mustMonth(t, "2026-11"), StartedAt: tick, FinishedAt: tick, Outcome: "waiting"}); err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Inbox, cfg.Data, cfg.Rules = h.inbox, h.data, rulesDir
	var out strings.Builder
	if err := printStatus(context.Background(), &out, cfg, time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "2026-11  等待中（waiting）  （此后已记录：运行1，") {
		t.Errorf("status:\n%s", out.String())
	}
}

// November read three rosters. December's tick finds none, waits the
// wait limit and fails; staff then drop the rosters one street at a time.
// The first to arrive starts a new attempt, which waits for the others
// (a restart meanwhile waits too) and pays December with all three, not
// with the first street. When one street never comes, the month is paid
// with the others once the wait limit has passed, never left unpaid for
// the next tick to skip.
func TestDaemonWaitsForEveryRosterWithinTheLimit(t *testing.T) {
	entries, err := os.ReadDir(acceptanceInbox)
	if err != nil || len(entries) != 3 {
		t.Fatalf("acceptance inbox: %v %d files", err, len(entries))
	}
	for _, arriving := range []int{3, 2} {
		h := newHarness(t, acceptanceInbox)
		h.mustRun("run", "--month", "2026-11") // reads the three rosters and archives them
		clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
		d := testDaemon(t, h, clock)
		d.check(context.Background()) // December: the inbox is empty
		if d.failed == "" || clock.slept < 30*time.Minute {
			t.Fatalf("December on an empty inbox: failed %q after %s, want a failure after the 30-minute limit", d.failed, clock.slept)
		}
		drop := func(i int) {
			copyFile(t, filepath.Join(acceptanceInbox, entries[i].Name()), filepath.Join(h.inbox, entries[i].Name()))
			ageInbox(t, h.inbox, clock.t)
		}
		drop(0)
		// Restarted when the first street came (systemd, a deploy).
		d = testDaemon(t, h, clock)
		slept, next := clock.slept, 1
		clock.onSleep = func(time.Time) {
			if next < arriving && clock.slept-slept >= time.Duration(next)*10*time.Minute {
				drop(next)
				next++
			}
		}
		d.check(context.Background()) // as at start-up
		db := h.db()
		run, ok, err := db.LatestRun(context.Background(), mustMonth(t, "2026-12"))
		if err != nil || !ok || h.runsOf("2026-12") != 1 {
			t.Fatalf("%d of 3 rosters: December not paid once (%v)", arriving, err)
		}
		inputs, err := db.Inputs(context.Background(), run.ID)
		if err != nil || len(inputs) != arriving {
			t.Errorf("%d of 3 rosters: December read %d files (%v)", arriving, len(inputs), err)
		}
		waited := clock.slept - slept
		if arriving == 3 && waited > 21*time.Minute || arriving == 2 && waited < 30*time.Minute {
			t.Errorf("%d of 3 rosters: waited %s", arriving, waited)
		}
	}
}

// September was paid and the daemon was down over October's tick: it pays
// November only (the latest), and says that October has no run, in its
// log and in status, for someone to run it by hand.
func TestDaemonTellsOfAMonthMissed(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-09")
	copyDir(t, acceptanceInbox, h.inbox)
	clock := &fakeClock{t: time.Date(2026, 11, 9, 8, 0, 0, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	d, logged := loggingDaemon(t, h, clock)
	d.check(context.Background())
	if h.runsOf("2026-11") != 1 || h.runsOf("2026-10") != 0 {
		t.Fatalf("runs: November %d, October %d", h.runsOf("2026-11"), h.runsOf("2026-10"))
	}
	if !strings.Contains(logged.String(), "level=WARN") || !strings.Contains(logged.String(), "missing=2026-10") {
		t.Errorf("the log does not tell of October:\n%s", logged.String())
	}
	var out strings.Builder
	if err := printStatus(context.Background(), &out, d.cfg, clock.t); err != nil || !strings.Contains(out.String(), "！！2026-10 没有发放记录（2026-09 和 2026-11 都有）") {
		t.Errorf("status (%v):\n%s", err, out.String())
	}
}

// A roster that arrives after its month was recorded waits for the next
// month: status says so, and how to pay it in its own month instead. With
// December run by hand before its tick too, no tick reads it: status says
// so with ！！ and gives December's --replace, not November's.
func TestStatusSaysWhatLateFilesWaitFor(t *testing.T) {
	for _, c := range []struct {
		months       []string
		want, wantNo string
	}{
		{[]string{"2026-11"}, "2026-11 已有发放记录，这些文件不会并入，下次计划运行时按 2026-12 读取", "！！2026-12 已有发放记录"},
		{[]string{"2026-11", "2026-12"}, "！！2026-12 已有发放记录，下次计划运行不读取这些文件；如属于 2026-12", "按 2026-12 读取"},
	} {
		h := newHarness(t, "")
		for _, m := range c.months {
			copyDir(t, acceptanceInbox, h.inbox)
			h.mustRun("run", "--month", m)
		}
		copyFile(t, filepath.Join("../../fixtures/inbox/2026-11", "2026年11月_东街街道_老年人补贴花名册.xlsx"), filepath.Join(h.inbox, "东街补报.xlsx"))
		cfg := DefaultConfig()
		cfg.Inbox, cfg.Data, cfg.Rules = h.inbox, h.data, rulesDir
		var out strings.Builder
		if err := printStatus(context.Background(), &out, cfg, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), c.want) || strings.Contains(out.String(), c.wantNo) {
			t.Errorf("%v recorded: status\n%s", c.months, out.String())
		}
	}
}

// A daemon restarted 20 minutes into the 30-minute wait of a tick waits
// the 10 minutes left, not the whole limit again.
func TestRestartWithinTheWaitDoesNotBeginItAgain(t *testing.T) {
	entries, _ := os.ReadDir(acceptanceInbox)
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	copyFile(t, filepath.Join(acceptanceInbox, entries[0].Name()), filepath.Join(h.inbox, entries[0].Name()))
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 20, 0, 0, time.UTC)} // the tick was at 18:00
	ageInbox(t, h.inbox, clock.t)
	testDaemon(t, h, clock).check(context.Background())
	if h.runsOf("2026-12") != 1 {
		t.Fatal("December not paid after the wait")
	}
	if clock.slept < 10*time.Minute || clock.slept > 11*time.Minute {
		t.Errorf("waited %s, want the 10 minutes left of the tick's wait", clock.slept)
	}
}

// The daemon prints no summary: its ！！ lines (here a roster that cannot
// be opened, left out, its people unpaid) go to the log, one warning
// each, in Chinese.
func TestDaemonLogsTheSummarysWarnings(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	if err := os.WriteFile(filepath.Join(h.inbox, "2026年12月_北街街道_老年人补贴花名册.xlsx"), []byte("<html>not a workbook</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	d := testDaemon(t, h, clock)
	var log bytes.Buffer
	d.log = slog.New(slog.NewTextHandler(&log, nil))
	d.check(context.Background())
	if h.runsOf("2026-12") != 1 {
		t.Fatalf("December not recorded:\n%s", log.String())
	}
	if !strings.Contains(log.String(), `level=WARN msg=须先核实 month=2026-12 run_id=1 warning="未纳入（仍在复制，留在收件箱）2026年12月_北街街道_老年人补贴花名册.xlsx`) {
		t.Errorf("the roster left out is not in the log:\n%s", log.String())
	}
}

// A daemon started on a new data folder at 00:51 on 1 December (Shanghai),
// December's rosters already in the inbox, one of them named with no
// month: the catch-up of November does
// not pay November from them. The attempt is recorded as failed, saying
// why (status shows November unpaid), and the 02:00 tick pays December.
func TestDaemonCatchUpLeavesALaterMonthsRosters(t *testing.T) {
	h := newHarness(t, "")
	entries, _ := os.ReadDir(acceptanceInbox)
	for i, e := range entries {
		name := strings.Replace(e.Name(), "2026年11月", "2026年12月", 1)
		if i == 0 {
			name = strings.Replace(e.Name(), "2026年11月_", "", 1) // a file naming no month goes with the others
		}
		copyFile(t, filepath.Join(acceptanceInbox, e.Name()), filepath.Join(h.inbox, name))
	}
	clock := &fakeClock{t: time.Date(2026, 11, 30, 16, 51, 0, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	d := testDaemon(t, h, clock)
	d.check(context.Background())
	if n := h.runsOf("2026-11"); n != 0 {
		t.Fatalf("November paid from December's rosters (%d runs)", n)
	}
	if out := h.status(); !strings.Contains(out, "收件箱中的文件名都写着2026年12月，不是2026年11月的花名册") {
		t.Errorf("status does not say why November was not run:\n%s", out)
	}
	clock.t = time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)
	d.check(context.Background())
	if n := h.runsOf("2026-12"); n != 1 {
		t.Errorf("December recorded %d times", n)
	}
}

// The data folder cannot be opened at the tick (here a file stands in its
// place; a full disk or a read-only mount likewise): the inbox does not
// change, yet the daemon tries again once the wait has passed, and pays
// the month when the folder is back. The wait doubles while it fails.
func TestDaemonRetriesAfterTheSystemFailed(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	if err := os.WriteFile(h.data, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	d := testDaemon(t, h, clock)
	d.check(context.Background())
	if d.failed == "" || d.againAfter != d.cfg.RetryEvery {
		t.Fatalf("the failure is not noted for a retry: failed %q, again after %s", d.failed, d.againAfter)
	}
	d.retry(context.Background()) // too early: nothing
	clock.t = clock.t.Add(d.cfg.RetryEvery)
	d.retry(context.Background()) // still failing: the wait doubles
	if d.againAfter != 2*d.cfg.RetryEvery {
		t.Errorf("again after %s, want %s", d.againAfter, 2*d.cfg.RetryEvery)
	}
	if err := os.Remove(h.data); err != nil {
		t.Fatal(err)
	}
	clock.t = clock.t.Add(2 * d.cfg.RetryEvery)
	d.retry(context.Background())
	if n := h.runsOf("2026-12"); n != 1 {
		t.Fatalf("December recorded %d times once the data folder was back", n)
	}
	if !d.againAt.IsZero() || d.failed != "" {
		t.Errorf("the retry is still pending: at %s, failed %q", d.againAt, d.failed)
	}
}

// November read three rosters; December's inbox holds two of them and a
// file that stands for no street: a street's 补报, a note, a death list or
// a training roster. Three files, but the daemon waits for the third
// street's roster, and pays December with it (an operator's daemon ran at
// once without 西街; a fresh user's did so beside a 说明.txt).
func TestDaemonDoesNotCountASupplementAsAStreet(t *testing.T) {
	entries, _ := os.ReadDir(acceptanceInbox)
	list := func(t *testing.T, path string) {
		writeAgencyList(t, path, []any{"姓名", "公民身份号码", "低保类别", "保障起止日期"}, []any{"甲", "140502194611306543", "城市低保", "2024-01-01至2027-12-31"})
	}
	first := entries[0].Name()
	again := func(t *testing.T, path string) { copyFile(t, filepath.Join(acceptanceInbox, first), path) }
	cases := map[string]func(t *testing.T, path string){
		strings.TrimSuffix(first, ".xlsx") + " - 副本.xlsx": again, // a copy, or a revision, of a street's roster already there
		strings.TrimSuffix(first, ".xlsx") + "（修改）.xlsx":  again,
		"2026年11月城区低保人员名单.xlsx":                           list, "残疾人名单.xlsx": list, "户籍注销人员名单.xlsx": list, "填表说明.xlsx": list,
	}
	for name, write := range map[string]func(t *testing.T, path string){
		"2026年12月_东街街道_补报.xlsx": func(t *testing.T, path string) {
			writeAgencyList(t, path, []any{"姓名", "公民身份号码"}, []any{"补报甲", "140502194611306543"})
		},
		"说明.txt": func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte("西街的花名册明天补交"), 0o644); err != nil {
				t.Fatal(err)
			}
		},
		"12月死亡名单.xlsx": func(t *testing.T, path string) {
			writeAgencyList(t, path, []any{"姓名", "公民身份号码", "死亡日期"}, []any{"外人", "140502193807075930", "2026-11-02"})
		},
		"2026年12月去世人员名单.xlsx": func(t *testing.T, path string) {
			writeAgencyList(t, path, []any{"姓名", "公民身份号码", "死亡日期"}, []any{"外人", "140502193807075930", "2026-11-02"})
		},
		"2026年12月过世人员.xlsx": func(t *testing.T, path string) { // README's own death list by its file's name
			writeAgencyList(t, path, []any{"姓名", "公民身份号码", "死亡日期"}, []any{"外人", "140502193807075930", "2026-11-02"})
		},
		"家庭照护培训合格人员名册.xlsx": func(t *testing.T, path string) {
			writeAgencyList(t, path, []any{"姓名", "公民身份号码"}, []any{"学员甲", "140502194611306543"})
		},
	} {
		cases[name] = write
	}
	for name, write := range cases {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, acceptanceInbox)
			h.mustRun("run", "--month", "2026-11")
			clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
			for _, e := range entries[:2] {
				copyFile(t, filepath.Join(acceptanceInbox, e.Name()), filepath.Join(h.inbox, e.Name()))
			}
			write(t, filepath.Join(h.inbox, name))
			ageInbox(t, h.inbox, clock.t)
			last := entries[2].Name()
			clock.onSleep = func(now time.Time) {
				if clock.slept >= 10*time.Minute {
					if _, err := os.Stat(filepath.Join(h.inbox, last)); err != nil {
						copyFile(t, filepath.Join(acceptanceInbox, last), filepath.Join(h.inbox, last))
						ageInbox(t, h.inbox, now)
					}
				}
			}
			testDaemon(t, h, clock).check(context.Background())
			db := h.db()
			run, ok, err := db.LatestRun(context.Background(), mustMonth(t, "2026-12"))
			if err != nil || !ok {
				t.Fatalf("December not paid: %v", err)
			}
			inputs, _ := db.Inputs(context.Background(), run.ID)
			if !slices.ContainsFunc(inputs, func(in domain.InputFile) bool { return in.Name == last }) {
				t.Errorf("December paid without %s, after waiting %s", last, clock.slept)
			}
		})
	}
}

// Last month's count is what it read as rosters, not what their names say:
// a street's roster named 东街低保名册 counted for no street, so December's
// daemon paid the other streets at once without it (a tester's). December
// names it the same way: not counted in the inbox either, so the daemon
// waits to its limit, then pays with it.
func TestDaemonCountsLastMonthsRostersByWhatWasRead(t *testing.T) {
	entries, _ := os.ReadDir(acceptanceInbox)
	h := newHarness(t, "")
	odd := "东街低保名册.xlsx"
	for i, e := range entries[:3] {
		name := e.Name()
		if i == 2 {
			name = odd
		}
		copyFile(t, filepath.Join(acceptanceInbox, e.Name()), filepath.Join(h.inbox, name))
	}
	h.mustRun("run", "--month", "2026-11")
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	for _, e := range entries[:2] {
		copyFile(t, filepath.Join(acceptanceInbox, e.Name()), filepath.Join(h.inbox, e.Name()))
	}
	ageInbox(t, h.inbox, clock.t)
	clock.onSleep = func(now time.Time) {
		if clock.slept >= 10*time.Minute {
			if _, err := os.Stat(filepath.Join(h.inbox, odd)); err != nil {
				copyFile(t, filepath.Join(acceptanceInbox, entries[2].Name()), filepath.Join(h.inbox, odd))
				ageInbox(t, h.inbox, now)
			}
		}
	}
	testDaemon(t, h, clock).check(context.Background())
	run, ok, err := h.db().LatestRun(context.Background(), mustMonth(t, "2026-12"))
	if err != nil || !ok {
		t.Fatalf("December not paid: %v", err)
	}
	inputs, _ := h.db().Inputs(context.Background(), run.ID)
	if !slices.ContainsFunc(inputs, func(in domain.InputFile) bool { return in.Name == odd }) {
		t.Errorf("December paid without %s, after waiting %s", odd, clock.slept)
	}
}

// A left-over of the recorded run (a file it read, never archived, as a
// kill can leave) is told on its own line as one to be archived: the
// header's word that the inbox's files wait for the next month is about
// the others only, and absent when there are none.
func TestStatusTellsLeftOversApartFromNewFiles(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	// A left-over of a run killed before archiving it: in the inbox, not
	// in the archive (one in both is put back: see
	// TestKillAfterCommitIsFinishedByTheDaemon).
	if err := os.Rename(filepath.Join(h.data, "archive", "2026-11", acceptanceEast), filepath.Join(h.inbox, acceptanceEast)); err != nil {
		t.Fatal(err)
	}
	status := func() string { return h.statusAt(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)) }
	if out := status(); strings.Contains(out, "不会并入") || !strings.Contains(out, "如是该运行未完成的收尾") {
		t.Errorf("a left-over alone:\n%s", out)
	}
	copyFile(t, filepath.Join("../../fixtures/inbox/2026-11", "2026年11月_东街街道_老年人补贴花名册.xlsx"), filepath.Join(h.inbox, "东街补报.xlsx"))
	if out := status(); !strings.Contains(out, "2026-11 已有发放记录，其中 1 个未经读取的文件不会并入，下次计划运行时按 2026-12 读取") {
		t.Errorf("a left-over and a new file:\n%s", out)
	}
}

// status on an inbox that does not exist says where it looked and how to
// name another, in Chinese, as approve does.
func TestStatusSaysHowToNameTheInbox(t *testing.T) {
	h := newHarness(t, "")
	cfg := DefaultConfig()
	cfg.Inbox, cfg.Data, cfg.Rules = filepath.Join(t.TempDir(), "inbox"), h.data, rulesDir
	var out strings.Builder
	if err := printStatus(context.Background(), &out, cfg, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "不存在：请检查 --inbox") || !strings.Contains(out.String(), "如收件箱在别处，请用 --inbox 指定") || strings.Contains(out.String(), "no such file") || strings.Count(out.String(), "不存在") != 1 {
		t.Errorf("status, want the missing inbox said once, with where to name another:\n%s", out.String())
	}
}

// While the daemon waits, status says of an inbox file named for an
// earlier month that the tick will read it for this one: a newcomer who
// dropped November's rosters to try the daemon learnt it only once
// December was recorded from them.
func TestStatusTellsAFileNamedForAnEarlierMonth(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	cfg := DefaultConfig()
	cfg.Inbox, cfg.Data, cfg.Rules = h.inbox, h.data, rulesDir
	var out strings.Builder
	if err := printStatus(context.Background(), &out, cfg, time.Date(2026, 12, 1, 2, 10, 0, 0, time.FixedZone("CST", 8*3600))); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "！！文件名写的是2026年11月，计划运行将按2026年12月读取") {
		t.Errorf("status:\n%s", out.String())
	}
	out.Reset()
	if err := printStatus(context.Background(), &out, cfg, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)); err != nil || strings.Contains(out.String(), "文件名写的是") {
		t.Errorf("status in November, the files read for it (%v):\n%s", err, out.String())
	}
}

// A catch-up (the daemon started long after the tick) that waits for the
// rosters and is restarted meanwhile does not begin the wait again: the
// first start's wait is recorded as a "waiting" attempt.
func TestCatchUpRestartDoesNotBeginTheWaitAgain(t *testing.T) {
	entries, _ := os.ReadDir(acceptanceInbox)
	h := newHarness(t, acceptanceInbox)
	for _, e := range entries[1:] {
		os.Remove(filepath.Join(h.inbox, e.Name()))
	}
	clock := &fakeClock{t: time.Date(2026, 12, 9, 8, 0, 0, 0, time.UTC)} // December's tick was on the 1st
	ageInbox(t, h.inbox, clock.t)
	ctx, cancel := context.WithCancel(context.Background())
	d := testDaemon(t, h, clock)
	d.sleep = func(ctx context.Context, dur time.Duration) error {
		clock.sleep(ctx, dur)
		if clock.slept >= 10*time.Minute {
			cancel() // stopped (a deploy) ten minutes into the wait
		}
		return ctx.Err()
	}
	d.check(ctx)
	if h.runsOf("2026-12") != 0 {
		t.Fatal("December paid with one street, before the wait ended")
	}
	var out strings.Builder
	if err := printStatus(context.Background(), &out, d.cfg, clock.t); err != nil || !strings.Contains(out.String(), "2026-12 尚未发放：自动运行自 2026-12-09 16:00 起等待各街道的花名册，最迟至 2026-12-09 16:30") {
		t.Errorf("status during the wait (%v):\n%s", err, out.String())
	}
	// With the daemon's lock held, status says the daemon waits; once it
	// is gone (killed in the wait), that the wait ended with it and nothing
	// was recorded, with ！！: a tester's status said 等待中 after a kill.
	served, err := lock.AcquireDaemon(h.data, clock.t)
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := printStatus(context.Background(), &out, d.cfg, clock.t); err != nil || !strings.Contains(out.String(), "最迟至 2026-12-09 16:30（守护进程 serve 正在运行）") {
		t.Errorf("status during the wait, the daemon running (%v):\n%s", err, out.String())
	}
	served.Release()
	out.Reset()
	if err := printStatus(context.Background(), &out, d.cfg, clock.t); err != nil || !strings.Contains(out.String(), "！！2026-12 尚未发放：自动运行自 2026-12-09 16:00 起等待各街道的花名册，最迟至 2026-12-09 16:30，但守护进程 serve 已不在运行，等待（或运行）已中断") {
		t.Errorf("status after the daemon was killed in the wait (%v):\n%s", err, out.String())
	}
	slept := clock.slept
	testDaemon(t, h, clock).check(context.Background()) // started again
	if h.runsOf("2026-12") != 1 {
		t.Fatal("December not paid after the wait")
	}
	if waited := clock.slept - slept; waited > 21*time.Minute {
		t.Errorf("waited %s after the restart, want the 20 minutes left of the wait", waited)
	}
}

// A roster named for a later month, which the daemon leaves unread, does
// not count as one of the streets it waits for: with November's three
// rosters read, two of December's and January's third do not pay December
// before December's third comes.
func TestDaemonDoesNotCountALaterMonthsRosterAsAStreet(t *testing.T) {
	entries, _ := os.ReadDir(acceptanceInbox)
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11") // reads the three rosters and archives them
	for _, e := range entries[:2] {
		copyFile(t, filepath.Join(acceptanceInbox, e.Name()), filepath.Join(h.inbox, e.Name()))
	}
	early := strings.Replace(entries[2].Name(), "2026年11月", "2027年1月", 1)
	copyFile(t, filepath.Join(acceptanceInbox, entries[2].Name()), filepath.Join(h.inbox, early))
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	clock.onSleep = func(time.Time) {
		if clock.slept >= 10*time.Minute && len(listDir(t, h.inbox)) == 3 {
			copyFile(t, filepath.Join(acceptanceInbox, entries[2].Name()), filepath.Join(h.inbox, strings.Replace(entries[2].Name(), "2026年11月", "2026年12月", 1)))
			ageInbox(t, h.inbox, clock.t)
		}
	}
	testDaemon(t, h, clock).check(context.Background())
	run, ok, err := h.db().LatestRun(context.Background(), mustMonth(t, "2026-12"))
	if err != nil || !ok {
		t.Fatalf("December not paid: %v", err)
	}
	if inputs, _ := h.db().Inputs(context.Background(), run.ID); len(inputs) != 3 || clock.slept < 10*time.Minute {
		t.Errorf("December read %d files after %s, want 3 after December's third came", len(inputs), clock.slept)
	}
	if got := listDir(t, h.inbox); !slices.Equal(got, []string{early}) {
		t.Errorf("inbox %v, want January's roster left there", got)
	}
}

// October was approved and November never run; the daemon started on 1
// December with an empty inbox waits for December and fails on it: the
// log and status still name November, which no tick will pay, before
// December is ever paid.
func TestDaemonTellsOfAMonthMissedWhenTheDueMonthFails(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-10")
	h.approve("2026-10")
	clock := &fakeClock{t: time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)} // 09:00 in Shanghai
	d, logged := loggingDaemon(t, h, clock)
	d.check(context.Background())
	if h.runsOf("2026-12") != 0 || h.runsOf("2026-11") != 0 {
		t.Fatalf("runs: December %d, November %d", h.runsOf("2026-12"), h.runsOf("2026-11"))
	}
	if !regexp.MustCompile(`level=WARN .*missing=2026-11`).MatchString(logged.String()) {
		t.Errorf("the log does not tell of November:\n%s", logged.String())
	}
	var out strings.Builder
	if err := printStatus(context.Background(), &out, d.cfg, clock.t); err != nil || !strings.Contains(out.String(), "！！2026-11 没有发放记录") {
		t.Errorf("status (%v):\n%s", err, out.String())
	}
}

// Files that reach the inbox once the due month is recorded wait for the
// next month, and the log says how to merge one that belongs to the
// recorded month (a roster sent again corrected): the daemon never does.
func TestDaemonTellsHowToMergeAFileOfTheRecordedMonth(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	testDaemon(t, h, clock).check(context.Background())
	copyFile(t, filepath.Join(acceptanceInbox, acceptanceEast), filepath.Join(h.inbox, "东街更正.xlsx"))
	d, logged := loggingDaemon(t, h, clock)
	d.check(context.Background())
	if h.runsOf("2026-12") != 1 {
		t.Fatalf("December recorded %d times, want once", h.runsOf("2026-12"))
	}
	for _, want := range []string{"files in the inbox wait for the next month", "files=东街更正.xlsx", "disburse run --month 2026-12 --replace"} {
		if !strings.Contains(logged.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logged.String())
		}
	}
}

// status says whether a daemon serves the data folder: nothing on a
// folder no daemon ever served, the daemon's pid while it runs, and with
// ！！ that the scheduled runs will not happen once it is gone. A second
// daemon on the folder is refused with ExitBusy's error, naming the first.
func TestStatusSaysWhetherADaemonServes(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	status := func() string { return h.statusAt(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)) }
	if out := status(); strings.Contains(out, "守护进程 serve：") || strings.Contains(out, "守护进程 serve 未在运行") {
		t.Errorf("a folder no daemon served:\n%s", out)
	}
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- testDaemon(t, h, clock).serve(ctx) }()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if held, running, _ := lock.ProbeDaemon(h.data); running && held.PID != 0 { // the holder written, not only the lock taken
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the daemon never took its lock")
		}
	}
	if out := status(); !strings.Contains(out, fmt.Sprintf("守护进程 serve：正在运行（进程 %d，启动于 2026-12-01 02:00 CST）", os.Getpid())) {
		t.Errorf("a daemon running:\n%s", out)
	}
	second := testDaemon(t, h, &fakeClock{t: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)})
	if err := second.serve(ctx); !errors.As(err, new(*lock.BusyError)) || !strings.Contains(err.Error(), fmt.Sprintf("另一个守护进程 serve（进程 %d", os.Getpid())) {
		t.Errorf("a second daemon on the folder: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if out := status(); !strings.Contains(out, "！！守护进程 serve 未在运行") {
		t.Errorf("the daemon gone:\n%s", out)
	}
}

// A daemon that cannot make its lock in the data folder (here a folder in
// the lock file's place) serves all the same and logs why: the lock only
// lets status know of it.
func TestDaemonServesWithoutItsLock(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	if err := os.MkdirAll(filepath.Join(h.data, lock.DaemonFileName), 0o755); err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)}
	ageInbox(t, h.inbox, clock.t)
	d, logged := loggingDaemon(t, h, clock)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock.onSleep = func(time.Time) {} // the check runs on the fake clock; the loop after it waits for ctx
	done := make(chan error, 1)
	go func() { done <- d.serve(ctx) }()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if n, err := h.db().Runs(context.Background(), mustMonth(t, "2026-12")); err == nil && n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("December never recorded by a daemon without its lock")
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if !strings.Contains(logged.String(), "cannot take the daemon's lock of the data folder") {
		t.Errorf("log does not say the lock could not be taken:\n%s", logged.String())
	}
}

// A daemon started where its lock cannot be made (a data folder not yet
// writable) never took it: status then said no daemon ran, and a second
// daemon started. It tries again before each check: once the folder is
// writable it holds the lock, said once in the log, and a daemon that finds
// the lock taken meanwhile by another stops (daemonBusyError).
func TestDaemonTakesItsLockOnceItCan(t *testing.T) {
	h := newHarness(t, "")
	blocker := filepath.Join(t.TempDir(), "notadir")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	h.data = filepath.Join(blocker, "data") // a file where a folder should be
	d, logged := loggingDaemon(t, h, &fakeClock{t: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)})
	held, err := d.holdLock(nil)
	if held != nil || err != nil || !d.lockFailed {
		t.Fatalf("unwritable: %v %v", held, err)
	}
	if again, err := d.holdLock(nil); again != nil || err != nil || strings.Count(logged.String(), "cannot take the daemon's lock") != 1 {
		t.Fatalf("tried again: %v %v, log:\n%s", again, err, logged)
	}
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	held, err = d.holdLock(nil)
	if held == nil || err != nil || !strings.Contains(logged.String(), "took the daemon's lock") {
		t.Fatalf("writable: %v %v, log:\n%s", held, err, logged)
	}
	if same, err := d.holdLock(held); same != held || err != nil {
		t.Errorf("held: %v %v", same, err)
	}
	other, _ := loggingDaemon(t, h, &fakeClock{t: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)})
	var busy *daemonBusyError
	if _, err := other.holdLock(nil); !errors.As(err, &busy) {
		t.Errorf("a second daemon: %v", err)
	}
	held.Release()
}

// A run recorded but not finished (its rosters still in the inbox: the
// archive could not be written, a full disk) was tried again only at the
// next tick, a month later, and meanwhile its rosters were logged as
// waiting for the next month. The daemon tries again after retry_every, as
// after a failure of the system, and finishes it once it can.
func TestDaemonFinishesARecordedRunAgainSoon(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-12")
	archive := filepath.Join(h.data, "archive", "2026-12")
	entries, err := os.ReadDir(archive)
	if err != nil || len(entries) == 0 {
		t.Fatalf("archive: %v %d", err, len(entries))
	}
	for _, e := range entries { // as if the run stopped before archiving
		if err := os.Rename(filepath.Join(archive, e.Name()), filepath.Join(h.inbox, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(archive); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(archive, nil, 0o644); err != nil { // a file where the folder goes
		t.Fatal(err)
	}
	clock := &fakeClock{t: time.Date(2026, 12, 5, 3, 0, 0, 0, time.UTC)}
	d, logged := loggingDaemon(t, h, clock)
	d.check(context.Background())
	if d.failed == "" || !strings.Contains(logged.String(), "a recorded run is not finished: trying again later") || strings.Contains(logged.String(), "wait for the next month") {
		t.Fatalf("the unfinished run is not to be tried again soon:\n%s", logged)
	}
	os.Remove(archive)
	clock.t = clock.t.Add(d.againAfter + time.Second)
	d.retry(context.Background())
	if left := listDir(t, h.inbox); len(left) != 0 || d.failed != "" {
		t.Errorf("not finished on the retry: %d files left, failed %q\n%s", len(left), d.failed, logged)
	}
	if got, _ := os.ReadDir(archive); len(got) != len(entries) {
		t.Errorf("archived %d of %d", len(got), len(entries))
	}
}
