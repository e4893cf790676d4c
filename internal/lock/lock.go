// Package lock makes sure only one process runs a month on a data folder at
// a time. It holds an exclusive flock(2) on DATA/disburse.lock for as long
// as a run lasts and writes the holder's pid and start time into the file,
// so a second process can say who holds it. The kernel drops the lock when
// its holder dies, even by kill -9, so a stale lock file left by a killed
// process is simply taken over: its old content is only information. A
// daemon holds a second lock, DATA/serve.lock, for as long as it runs, so
// that status can say whether one serves the folder and a second daemon
// is refused. A run also locks its inbox folder (AcquireInbox), so that a
// run of another data folder cannot read the same rosters at once.
package lock

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"disburse/internal/inbox"
)

// FileName is the lock file inside the data folder.
const FileName = "disburse.lock"

// DaemonFileName is the lock file a daemon (serve) holds inside the data
// folder for as long as it runs, so that status can say whether one is
// running and a second daemon on the same folder is refused. It is apart
// from FileName, which the daemon takes only while it runs a month.
const DaemonFileName = "serve.lock"

// Holder is what a lock file says about the process holding it.
type Holder struct {
	PID   int       `json:"pid"`
	Since time.Time `json:"since"`
	What  string    `json:"what"` // e.g. "run 2026-11"
}

// BusyError is returned by Acquire when another process holds the lock,
// and by AcquireInbox when another process reads the inbox (Inbox, the
// folder; Holder is then zero).
type BusyError struct {
	Holder Holder
	Inbox  string
}

// Error says who holds the lock and since when, or only that another
// process does when the file names no one; for an inbox, that another
// process reads it.
func (e *BusyError) Error() string {
	if e.Inbox != "" {
		return fmt.Sprintf("另一个进程正在读取收件箱 %s（多半是用另一个数据文件夹的运行或守护进程）：一个收件箱只能由一个数据文件夹发放，两个都读会把同一月份发放两次。请等它结束后再试，并检查是否有多余的守护进程 serve 或配置文件 (the inbox is being read by another process)", e.Inbox)
	}
	if e.Holder.PID == 0 { // the file was being rewritten, or is not ours
		return "另一个进程正在使用此数据文件夹，请等它结束后再试 (the data folder is locked by another process)"
	}
	return fmt.Sprintf("另一个运行正在使用此数据文件夹（%s），请等它结束后再试 (another run is in progress (pid %d, %s, since %s))",
		e.Holder.What, e.Holder.PID, e.Holder.What, e.Holder.Since.Local().Format("2006-01-02 15:04:05 MST"))
}

// Lock is a held lock; Release gives it back.
type Lock struct{ f *os.File }

// Acquire takes the lock of data folder dir without waiting. It returns a
// *BusyError naming the holder when another process has it, or an error when
// the file cannot be opened.
func Acquire(dir, what string, now time.Time) (*Lock, error) {
	return acquire(dir, FileName, what, now)
}

// AcquireDaemon takes the daemon's lock of data folder dir
// (DaemonFileName) without waiting, as Acquire takes the run's: a
// *BusyError names the daemon that holds it.
func AcquireDaemon(dir string, now time.Time) (*Lock, error) {
	return acquire(dir, DaemonFileName, "serve", now)
}

func acquire(dir, name, what string, now time.Time) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock: %w", err)
	}
	if err := flock(f, path, brief); err != nil {
		f.Close()
		return nil, err
	}
	b, _ := json.Marshal(Holder{PID: os.Getpid(), Since: now, What: what})
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt(append(b, '\n'), 0)
	}
	return &Lock{f: f}, nil
}

// AcquireInbox takes a lock on inbox folder dir itself, flock(2) on the
// folder, so that nothing is written into the staff's folder: a run holds
// it from reading the rosters until it has moved them to its archive, so
// that a run or daemon of another data folder given the same inbox (a
// test daemon left running, a second server with a copy of the data
// folder) cannot read them too and pay the month a second time. It
// returns a *BusyError (Inbox set) when another process holds it, and
// another error when the folder cannot be opened or locked (a network
// share without flock): the caller may go on without the lock.
func AcquireInbox(dir string) (*Lock, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("open inbox: %w", err)
	}
	if err := flock(f, dir, brief); err != nil {
		f.Close()
		var busy *BusyError
		if errors.As(err, &busy) {
			return nil, &BusyError{Inbox: dir}
		}
		return nil, err
	}
	return &Lock{f: f}, nil
}

// brief is how long Acquire waits out a holder before calling it busy: a
// Probe (status) holds the lock for a moment only, and a run started in
// that moment must not be refused. A run holds it for minutes.
const brief = 500 * time.Millisecond

// flock takes the exclusive lock of f (the lock file at path), trying
// again for up to wait. It returns a *BusyError naming the holder the
// file names when another process still has it.
func flock(f *os.File, path string, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return fmt.Errorf("lock %s: %w", path, err)
		}
		if !time.Now().Before(deadline) {
			var h Holder
			b, _ := os.ReadFile(path)
			_ = json.Unmarshal(b, &h)
			return &BusyError{Holder: h}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Probe reports whether another process holds the lock of data folder dir,
// for status: a *BusyError naming the holder when one does, nil when none
// does or the folder has no lock file yet. It takes the lock for a moment
// and writes nothing, so the holder the file names stays the last run's.
func Probe(dir string) error {
	return probe(filepath.Join(dir, FileName))
}

// ProbeDaemon reports whether a daemon (serve) runs on data folder dir:
// running, and the holder of its lock (the daemon's pid and start), or
// not, and the last daemon the lock file names (a zero Holder when no
// daemon ever ran there). The error is that of a lock file that cannot be
// opened.
func ProbeDaemon(dir string) (h Holder, running bool, err error) {
	path := filepath.Join(dir, DaemonFileName)
	err = probe(path)
	var busy *BusyError
	if errors.As(err, &busy) {
		return busy.Holder, true, nil
	}
	if err != nil {
		return Holder{}, false, err
	}
	if b, rerr := os.ReadFile(path); rerr == nil {
		_ = json.Unmarshal(b, &h) // only information: unreadable says no daemon
	}
	return h, false, nil
}

func probe(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open lock: %w", err)
	}
	defer f.Close()
	if err := flock(f, path, 0); err != nil {
		return err
	}
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// Release gives the lock back. The file stays; its content is overwritten by
// the next holder.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	err := l.f.Close()
	l.f = nil
	return err
}

// ClaimFileName is the hidden file in an inbox folder that names the data
// folder whose runs read it (ClaimInbox). A dot-file: runs do not read it
// as a roster, and a Samba share hides it from staff by default.
const ClaimFileName = ".disburse-inbox"

// claim is what ClaimFileName holds.
type claim struct {
	Data  string    `json:"data"` // the data folder's real path
	Since time.Time `json:"since"`
}

// OwnedError is returned by ClaimInbox when another data folder, one that
// still holds a database, claimed the inbox.
type OwnedError struct{ Inbox, Owner string }

// Error names the inbox, the data folder that claimed it, and what to do,
// in Chinese for the operator.
func (e *OwnedError) Error() string {
	return fmt.Sprintf("收件箱 %s 已由另一个数据文件夹 %s 使用（其中有发放记录）：一个收件箱只能由一个数据文件夹发放，否则同一月份会发放两次，未运行。请检查 --data、--inbox 或配置文件；如确已把数据文件夹搬到这里，请删除收件箱中的 %s 文件后再运行 (the inbox belongs to data folder %s)",
		e.Inbox, e.Owner, ClaimFileName, e.Owner)
}

// InboxOwner checks, before a run of data folder data reads inbox folder
// dir, which data folder claimed the inbox (ClaimInbox): the inbox's lock
// (AcquireInbox) keeps two data folders from reading it at once, but a run
// killed after its commit leaves its rosters in the inbox until its next
// start archives them, and a daemon of another data folder left running
// would read them, or a late street's roster, and pay the month a second
// time. A claim of another data folder that still holds a database
// (disburse.db) gives an *OwnedError; one of a folder gone gives a note
// saying so (empty otherwise), for the run to take it over. Paths are
// compared as inbox.RealPath gives them. A claim that cannot be read is
// an error of its own: the caller may go on without it.
func InboxOwner(dir, data string) (note string, err error) {
	b, err := os.ReadFile(filepath.Join(dir, ClaimFileName))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read inbox claim: %w", err)
	}
	var c claim
	if json.Unmarshal(b, &c) != nil || c.Data == "" {
		return "收件箱中的 " + ClaimFileName + " 无法读取，改由本数据文件夹使用", nil
	}
	if inbox.RealPath(c.Data) == inbox.RealPath(data) {
		return "", nil
	}
	if _, err := os.Stat(filepath.Join(c.Data, "disburse.db")); err == nil {
		return "", &OwnedError{Inbox: dir, Owner: c.Data}
	}
	return "收件箱原属数据文件夹 " + c.Data + "，该文件夹已没有数据库，改由本数据文件夹使用", nil
}

// ClaimInbox makes data folder data the one whose runs read inbox folder
// dir, for good, by the hidden file ClaimFileName in the inbox, unless it
// names data already. A run calls it once its month is committed, and
// only then: a run that records nothing (a folder mistyped, a run killed
// before its commit) claims nothing. InboxOwner is asked first.
func ClaimInbox(dir, data string, now time.Time) error {
	path := filepath.Join(dir, ClaimFileName)
	self := inbox.RealPath(data)
	if b, err := os.ReadFile(path); err == nil {
		var c claim
		if json.Unmarshal(b, &c) == nil && inbox.RealPath(c.Data) == self {
			return nil
		}
	}
	b, _ := json.Marshal(claim{Data: self, Since: now})
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write inbox claim: %w", err)
	}
	return nil
}
