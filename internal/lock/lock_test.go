package lock

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSecondHolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	l, err := Acquire(dir, "run 2026-11", now)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(dir, "run 2026-11", now)
	var busy *BusyError
	if !errors.As(err, &busy) || busy.Holder.PID != os.Getpid() || busy.Holder.What != "run 2026-11" {
		t.Fatalf("second acquire: %v", err)
	}
	if !strings.Contains(err.Error(), "another run is in progress (pid") {
		t.Errorf("message %q", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := Acquire(dir, "serve", now)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

// A lock file left behind by a process that died is only information: the
// kernel dropped its lock, so the next process takes it.
func TestStaleFileIsTakenOver(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, FileName), []byte(`{"pid":999999,"since":"2026-11-01T02:00:00Z","what":"run 2026-10"}`), 0o644)
	l, err := Acquire(dir, "run 2026-11", time.Now())
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	defer l.Release()
	b, _ := os.ReadFile(filepath.Join(dir, FileName))
	if !strings.Contains(string(b), `"what":"run 2026-11"`) {
		t.Errorf("lock file not rewritten: %s", b)
	}
}

// status probes the lock: it names a holder, and leaves the lock file
// naming the last run, never itself.
func TestProbe(t *testing.T) {
	dir := t.TempDir()
	if err := Probe(dir); err != nil {
		t.Fatalf("no lock file yet: %v", err)
	}
	l, err := Acquire(dir, "run 2026-11", time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var busy *BusyError
	if err := Probe(dir); !errors.As(err, &busy) || busy.Holder.What != "run 2026-11" {
		t.Fatalf("probe during a run: %v", err)
	}
	l.Release()
	if err := Probe(dir); err != nil {
		t.Fatalf("probe after the run: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, FileName)); !strings.Contains(string(b), "run 2026-11") {
		t.Errorf("lock file after a probe: %s", b)
	}
}

// A process that holds the lock for a moment (status's probe) does not
// make a run starting in that moment fail as busy.
func TestBriefHolderIsWaitedOut(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	l, err := Acquire(dir, "status", now)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		l.Release()
	}()
	l2, err := Acquire(dir, "run 2026-11", now)
	if err != nil {
		t.Fatalf("a run started while the lock was held a moment: %v", err)
	}
	l2.Release()
}

// A daemon's lock is apart from the run's: a daemon holding it does not
// stop its own runs, ProbeDaemon names it while it runs and, once it is
// gone, names it as the last one, not running.
func TestDaemonLock(t *testing.T) {
	dir := t.TempDir()
	if h, running, err := ProbeDaemon(dir); err != nil || running || h.PID != 0 {
		t.Fatalf("no daemon ever: %+v %v %v", h, running, err)
	}
	since := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	d, err := AcquireDaemon(dir, since)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AcquireDaemon(dir, since); !errors.As(err, new(*BusyError)) {
		t.Errorf("a second daemon: %v, want busy", err)
	}
	run, err := Acquire(dir, "run 2026-12", since)
	if err != nil {
		t.Fatalf("the daemon's run refused by its own daemon lock: %v", err)
	}
	run.Release()
	if h, running, err := ProbeDaemon(dir); err != nil || !running || h.PID != os.Getpid() || !h.Since.Equal(since) {
		t.Errorf("daemon running: %+v %v %v", h, running, err)
	}
	d.Release()
	if h, running, err := ProbeDaemon(dir); err != nil || running || h.PID != os.Getpid() {
		t.Errorf("daemon gone: %+v %v %v, want the last one named, not running", h, running, err)
	}
}

// An inbox is locked as a folder, with nothing written into it: a second
// holder (a run of another data folder) is refused, naming the inbox, until
// the first releases it.
func TestInboxLock(t *testing.T) {
	dir := t.TempDir()
	l, err := AcquireInbox(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = AcquireInbox(dir)
	var busy *BusyError
	if !errors.As(err, &busy) || busy.Inbox != dir || !strings.Contains(err.Error(), "另一个进程正在读取收件箱 "+dir) {
		t.Fatalf("second acquire: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the lock wrote into the inbox: %v", entries)
	}
	l.Release()
	l2, err := AcquireInbox(dir)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
	if _, err := AcquireInbox(filepath.Join(dir, "none")); err == nil || errors.As(err, &busy) {
		t.Errorf("a missing inbox: %v", err)
	}
}

// The first data folder to record a month from an inbox claims it: its own
// runs read it again, another data folder's are refused (OwnedError) while
// the first holds a database, and take it over, with a note, once it does
// not. Nothing is claimed by asking.
func TestInboxClaim(t *testing.T) {
	inbox, a, b := t.TempDir(), t.TempDir(), t.TempDir()
	now := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	if note, err := InboxOwner(inbox, a); err != nil || note != "" {
		t.Fatalf("no claim: %q %v", note, err)
	}
	if _, err := os.Stat(filepath.Join(inbox, ClaimFileName)); err == nil {
		t.Fatal("asking claimed the inbox")
	}
	if err := ClaimInbox(inbox, a, now); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(a, "disburse.db"), []byte("x"), 0o644)
	if note, err := InboxOwner(inbox, a+string(filepath.Separator)); err != nil || note != "" {
		t.Errorf("the same folder again: %q %v", note, err)
	}
	_, err := InboxOwner(inbox, b)
	var owned *OwnedError
	if !errors.As(err, &owned) || owned.Owner == "" || !strings.Contains(err.Error(), "收件箱 "+inbox+" 已由另一个数据文件夹") {
		t.Fatalf("another folder: %v", err)
	}
	os.Remove(filepath.Join(a, "disburse.db"))
	if note, err := InboxOwner(inbox, b); err != nil || !strings.Contains(note, "已没有数据库") {
		t.Errorf("a folder gone: %q %v", note, err)
	}
	if err := ClaimInbox(inbox, b, now); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(b, "disburse.db"), []byte("x"), 0o644)
	if _, err := InboxOwner(inbox, a); !errors.As(err, &owned) {
		t.Errorf("taken over by b: %v", err)
	}
	os.WriteFile(filepath.Join(inbox, ClaimFileName), []byte("garbage"), 0o644)
	if note, err := InboxOwner(inbox, a); err != nil || !strings.Contains(note, "无法读取") {
		t.Errorf("a claim that cannot be read: %q %v", note, err)
	}
}
