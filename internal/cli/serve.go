package cli

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
	"disburse/internal/inbox"
	"disburse/internal/lock"
	"disburse/internal/progress"
	"disburse/internal/roster"
	"disburse/internal/schedule"
	"disburse/internal/store"
)

func newServeCmd(e *env) *cobra.Command {
	var ff folderFlags
	cmd := &cobra.Command{
		Use:   "serve [--config FILE] [--inbox DIR] [--data DIR]",
		Short: "Run as a daemon: pay each month on schedule from the inbox",
		Long: `serve stays running and pays each month on the schedule of the config file
(default 02:00 on the 1st, Asia/Shanghai, paying that month). At start-up and
at every tick, the month of the last scheduled time is paid if it has no
recorded run (a tick missed while the daemon was down is caught up once; a
recorded month is never paid again). Files still being copied (changed within
quiet_period, or not yet opening as a workbook) make the run wait and look
again every retry_every, up to wait_limit; then the run goes ahead without
them, leaves them in the inbox and lists them loudly. One daemon serves a
data folder: a second exits with code 4, and status says whether one runs.
SIGTERM or SIGINT
during a run cancels it before its commit (nothing recorded) and the daemon
exits.` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := ff.resolve(e)
			if err != nil {
				return err
			}
			d, err := newDaemon(cfg, e.log, time.Now)
			if d != nil {
				d.progress = e.progress
			}
			if err != nil {
				return usageError{err}
			}
			return d.serve(cmd.Context())
		},
	}
	ff.register(cmd, true)
	return cmd
}

// daemon is the scheduled runner. Its clock and sleep are fields so tests
// drive it without waiting.
type daemon struct {
	cfg      Config
	sched    *schedule.Schedule
	log      *slog.Logger
	progress *progress.Reporter // nil: none (tests)
	now      func() time.Time
	sleep    func(ctx context.Context, d time.Duration) error
	// failed is the inbox and the rules (inputState) when the last check's
	// run of a due month failed; "" when it did not. The daemon tries again
	// once either differs (retry), not only at the next tick a month later.
	failed string
	// againAt is when to try again after a failure of the system (a full
	// disk, a database that cannot be opened or written: systemHint), which
	// an unchanged inbox does not cause and freeing the disk may end; zero
	// when the last failure was not one. againAfter is the wait before it,
	// doubled at each such failure from retry_every up to an hour.
	againAt    time.Time
	againAfter time.Duration
	// lockFailed is set while the daemon's lock of the data folder could
	// not be made (holdLock): the failure is logged once, not at every
	// check.
	lockFailed bool
}

// systemHintMark introduces, in a failed attempt's message, the Chinese
// 提示 of a failure of the system, which the daemon retries by itself
// (status says so when it finds it).
const systemHintMark = "\n提示："

// cleared forgets the last failure: the month due was paid, or none is due.
func (d *daemon) cleared() { d.failed, d.againAt, d.againAfter = "", time.Time{}, 0 }

// systemFailed notes a failure of the system (systemHint) at a check, for
// retry to try again at againAt, and returns the wait.
func (d *daemon) systemFailed() time.Duration {
	d.againAfter = min(max(2*d.againAfter, d.cfg.RetryEvery), time.Hour)
	d.againAt = d.now().Add(d.againAfter)
	return d.againAfter
}

func newDaemon(cfg Config, log *slog.Logger, now func() time.Time) (*daemon, error) {
	s, err := schedule.Parse(cfg.Schedule, cfg.Zone)
	if err != nil {
		return nil, err
	}
	if err := foldersApart(cfg.Inbox, cfg.Data); err != nil {
		return nil, err
	}
	return &daemon{cfg: cfg, sched: s, log: log, now: now, sleep: sleepCtx}, nil
}

// daemonBusyError is another daemon's hold on the data folder: its pid and
// start, in zone.
type daemonBusyError struct {
	busy *lock.BusyError
	zone *time.Location
}

func (e *daemonBusyError) Error() string {
	h := e.busy.Holder
	return fmt.Sprintf("另一个守护进程 serve（进程 %d，启动于 %s）已在使用此数据文件夹；同一数据文件夹只能有一个守护进程，如要重启请先停止它 (another daemon serves this data folder (pid %d))",
		h.PID, h.Since.In(e.zone).Format("2006-01-02 15:04 MST"), h.PID)
}

func (e *daemonBusyError) Unwrap() error { return e.busy }

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// serve checks at start-up, then at every tick of the schedule, until ctx
// ends. Ticks that arrive during a check are merged into one.
func (d *daemon) serve(ctx context.Context) error {
	// Held for as long as the daemon runs: status tells from it whether a
	// daemon serves the folder, and a second one is refused. A folder the
	// lock cannot be made in (no rights, a full disk) is no reason not to
	// serve: each try fails there and is logged, and status says why.
	// A lock that could not be made is tried again before each check, once
	// the folder is writable (holdLock), so that a second daemon started
	// after that is refused.
	held, err := d.holdLock(nil)
	if err != nil {
		return err
	}
	defer func() { held.Release() }()
	ticks := make(chan struct{}, 1)
	c := cron.New(cron.WithLocation(d.sched.Location))
	if _, err := c.AddFunc(d.sched.Spec, func() {
		select {
		case ticks <- struct{}{}:
		default:
		}
	}); err != nil {
		return usagef("schedule %q: %v", d.sched.Spec, err)
	}
	d.log.Info("serving", "schedule", d.sched.Spec, "zone", d.sched.Location.String(),
		"next", d.sched.Next(d.now()), "inbox", d.cfg.Inbox, "data", d.cfg.Data)
	c.Start()
	defer c.Stop()
	d.checkDatabase(ctx)
	retry := time.NewTicker(d.cfg.RetryEvery)
	defer retry.Stop()
	// At start-up the due month is checked as at a tick: a daemon restarted
	// after a failed attempt, or while it waited for the rosters, waits
	// again within the tick's wait (waitForInbox), never paying the month
	// with whatever street arrived first.
	d.check(ctx)
	for {
		select {
		case <-ctx.Done():
			d.log.Info("stopping", "reason", ctx.Err())
			return nil
		case <-ticks:
			if held, err = d.holdLock(held); err != nil {
				return err
			}
			d.check(ctx)
			d.log.Info("next tick", "at", d.sched.Next(d.now()))
		case <-retry.C:
			if held, err = d.holdLock(held); err != nil {
				return err
			}
			d.retry(ctx)
		}
	}
}

// holdLock returns the daemon's lock of the data folder (lock.AcquireDaemon):
// held when it is already held, else taken now. A folder the lock cannot
// be made in (no rights, a full disk) is no reason not to serve: each try
// fails there and is logged, and status says why; it returns a nil lock
// then, and the next check tries again, so that the daemon holds it once
// the folder is writable. It returns a *daemonBusyError when another
// daemon holds it (started while this one could not take it): this one
// stops, and the other serves.
func (d *daemon) holdLock(held *lock.Lock) (*lock.Lock, error) {
	if held != nil {
		return held, nil
	}
	l, err := lock.AcquireDaemon(d.cfg.Data, d.now())
	var busy *lock.BusyError
	switch {
	case errors.As(err, &busy):
		return nil, &daemonBusyError{busy: busy, zone: d.sched.Location}
	case err != nil:
		if !d.lockFailed {
			d.log.Warn("cannot take the daemon's lock of the data folder: status will not know that a daemon serves it, and a second daemon would not be refused; tried again before each check", "error", err, "hint", systemHint(err))
		}
		d.lockFailed = true
		return nil, nil
	}
	if d.lockFailed {
		d.log.Info("took the daemon's lock of the data folder")
	}
	d.lockFailed = false
	return l, nil
}

// waitBegan returns when a catch-up's wait for month began: the latest
// "waiting" attempt of month among the recent attempts, and false when
// there is none.
func (d *daemon) waitBegan(ctx context.Context, month domain.Month) (time.Time, bool) {
	db, err := d.openDB()
	if err != nil {
		return time.Time{}, false
	}
	defer db.Close()
	attempts, err := db.Attempts(ctx, 20)
	if err != nil {
		return time.Time{}, false
	}
	for _, a := range attempts {
		if a.Month == month && a.Outcome == "waiting" {
			return a.StartedAt, true
		}
		if a.Month == month {
			return time.Time{}, false // a later attempt ended that wait
		}
	}
	return time.Time{}, false
}

// checkDatabase reads every page of the data folder's database, if it has
// one, as approve does (store.DB.Check), and logs an error with what to do
// when it is damaged or lost (lostDatabase): an operator starting the
// daemon learns it now, not at the month's tick, whose run would refuse
// it. The daemon serves on either way: each run refuses such a database.
func (d *daemon) checkDatabase(ctx context.Context) {
	if _, err := os.Stat(filepath.Join(d.cfg.Data, "disburse.db")); err != nil {
		if lost := lostDatabase(d.cfg.Data); lost != nil {
			d.log.Error("the database is missing: runs will refuse to record", "error", lost)
		}
		return
	}
	db, err := d.openDB()
	if err == nil {
		err = db.Check(ctx)
		db.Close()
	}
	if err != nil {
		d.log.Error("the database cannot be used: runs will refuse to record until it is restored", "error", err, "hint", systemHint(err))
	}
}

// retry checks again after a failed run, once the inbox has changed since
// (staff dropped the rosters late, or replaced a bad one): the month is
// unpaid until a run succeeds, and the next tick would pay the next month.
// An unchanged inbox would fail the same way, so it is not run again,
// unless the system failed (a full disk, a database that could not be
// opened: againAt), which freeing the disk may end: then it tries again
// at againAt, waiting longer each time. The
// attempt then waits, as at a tick, for the rest of the rosters
// (waitForInbox).
func (d *daemon) retry(ctx context.Context) {
	if d.failed == "" {
		return
	}
	switch {
	case d.inputState() != d.failed:
		d.log.Info("the inbox or the rules changed since the failed run: trying again")
	case !d.againAt.IsZero() && !d.now().Before(d.againAt):
		d.log.Info("trying again after a failure of the system (disk, database)")
	default:
		return
	}
	d.check(ctx)
}

// rostersExpected is how many rosters the latest recorded month before the
// due month read (files that listed people, supplements not counted), and
// false when no month before it is recorded (a new data folder): the
// number of streets is then unknown. A street's 补报 beside its roster, a
// death list or a training roster stands for no other street's roster in
// the wait.
// notReady counts the inbox by names (standsForStreet), which err towards
// leaving a file out: a roster left out makes the daemon wait to its
// limit; a list counted as a street would let it pay without one.
func (d *daemon) rostersExpected(ctx context.Context) (int, bool, error) {
	month, due, err := d.sched.Due(d.now(), d.recorded)
	if err != nil || !due {
		return 0, true, err
	}
	db, err := d.openDB()
	if err != nil {
		return 0, false, err
	}
	defer db.Close()
	prev, ok, err := db.LatestMonthBefore(ctx, month)
	if err != nil || !ok {
		return 0, false, err
	}
	run, _, err := db.LatestRun(ctx, prev)
	if err != nil {
		return 0, true, err
	}
	// What the month read as rosters, not what their names suggest: a
	// street's roster named 东街低保名册 is one, a death list named
	// 去世人员名单 is none.
	files, err := db.ListingFiles(ctx, run.ID)
	n := 0
	for _, name := range files {
		if !supplement(name) {
			n++
		}
	}
	return n, true, err
}

// notStreetWords in a file's name say it may be no street's roster: an
// agency's list (死亡名单, 去世人员名单, 过世人员, 户籍注销人员名单,
// 低保人员名单, 残疾人名单, 能力评估结果: every word that makes a file a
// death list, roster.DeathListWords), a training roster
// (家庭照护培训合格人员名册) or instructions (填表说明). A roster so named
// is not counted either: the daemon then waits to its limit, which is
// safe. Counted, a death list named 过世人员 stood for the street not yet
// sent, and the month was recorded without it.
var notStreetWords = append(roster.DeathListWords(), "注销", "培训", "低保", "残疾", "残联", "评估", "说明")

// standsForStreet reports whether an inbox file named name counts as one
// street's roster in the daemon's wait for the rosters (notReady):
// a workbook or CSV by its name's extension (inbox.MayBeRoster), not a
// supplement (补报: beside its street's roster) nor, by its name, an
// agency's list or a training roster. Counted, a note (说明.txt) or a
// death list dropped with the first streets would stand for a street not
// yet sent, and the month be recorded without it.
func standsForStreet(name string) bool {
	return inbox.MayBeRoster(name) && !supplement(name) &&
		!slices.ContainsFunc(notStreetWords, func(w string) bool { return strings.Contains(name, w) })
}

// inputState sums up what a run reads, the inbox (inboxState) and the
// rules folder (rulesState): a run that failed on a rules file (a typo,
// a rate missing for the month) is tried again once the operator corrects
// it, as one that failed on the rosters once they change.
func (d *daemon) inputState() string {
	return inboxState(d.cfg.Inbox) + "\nrules:" + rulesState(d.cfg.Rules)
}

// rulesState sums up the rules files of dir (names and the sha256 of
// their content), to tell whether they changed.
func rulesState(dir string) string {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	var b strings.Builder
	for _, p := range paths {
		content, err := os.ReadFile(p)
		fmt.Fprintf(&b, "%s|%x|%v;", filepath.Base(p), sha256.Sum256(content), err)
	}
	return b.String()
}

// inboxState sums up the files of the inbox (names, sizes and times), to
// tell whether it changed; it is never "", even for an unreadable inbox.
func inboxState(dir string) string {
	files, err := inbox.List(dir)
	if err != nil {
		return "error: " + err.Error()
	}
	var b strings.Builder
	b.WriteString("files:")
	for _, f := range files {
		fmt.Fprintf(&b, "%s|%d|%d;", f.Name, f.Size, f.ModTime.UnixNano())
	}
	return b.String()
}

// namedLater reports whether the files of the inbox dir are a later
// month's than month: some name, in their name, a month after it
// (roster.MonthsNamed), and none names it or an earlier one; a file that
// names no month (西街街道_老年人补贴花名册.xlsx, a death list) goes with
// the others. It returns the first later month named. December's rosters
// dropped before the tick that pays December would otherwise be paid as
// November's by a catch-up at start-up (a new data folder, a daemon down
// since November's tick), and the December tick would find the inbox
// empty. An empty or unreadable inbox gives false.
func namedLater(dir string, month domain.Month) (domain.Month, bool) {
	files, err := inbox.List(dir)
	if err != nil {
		return domain.Month{}, false
	}
	var first domain.Month
	for _, f := range files {
		if later, ok := namedOnlyLater(f.Name, month); ok {
			if !first.Valid() {
				first = later
			}
		} else if len(roster.MonthsNamed(f.Name, month)) > 0 {
			return domain.Month{}, false // names this month or an earlier one
		}
	}
	return first, first.Valid()
}

// check pays the due month, if any. It never returns an error and never
// panics: a failure is logged and recorded as a failed attempt, and the
// daemon carries on.
func (d *daemon) check(ctx context.Context) {
	month, due, err := d.sched.Due(d.now(), d.recorded)
	if err != nil {
		d.failed = d.inputState()
		d.log.Error("cannot read the database: trying again later", "error", err, "hint", systemHint(err), "after", d.systemFailed().String())
		return
	}
	if !due {
		if err := d.finish(ctx, month); err != nil {
			// The month's run is recorded but not finished (its rosters
			// still in the inbox, a workbook not renamed): tried again as
			// after a failure of the system, not at the next tick, a month
			// later; and its rosters are not said to wait for next month.
			d.failed = d.inputState()
			d.log.Error("a recorded run is not finished: trying again later", "month", month.String(), "hint", systemHint(err), "after", d.systemFailed().String())
			return
		}
		d.cleared()
		d.reportWaiting(month)
		return
	}
	started := d.now()
	d.warnMissed(ctx, month)
	if later, ok := namedLater(d.cfg.Inbox, month); ok {
		why := fmt.Sprintf("收件箱中的文件名都写着%s，不是%s的花名册：未用它们发放%s，留给%s的计划运行；如确属%s，请手工运行 disburse run --month %s",
			later.Chinese(), month.Chinese(), month, later, month, month)
		d.log.Warn("收件箱中的文件都是以后月份的：本月未运行", "month", month.String(), "files_month", later.String())
		d.failed = d.inputState()
		d.recordAttempt(ctx, store.Attempt{Month: month, StartedAt: started, FinishedAt: d.now(), Outcome: "failed", Message: why})
		return
	}
	sum, err := d.attempt(ctx, month)
	a := store.Attempt{Month: month, StartedAt: started, FinishedAt: d.now(), Outcome: "recorded"}
	switch {
	case err == nil || errors.As(err, new(*afterCommitError)):
		a.RunID = sum.RunID
		d.log.Info("month paid", "month", month.String(), "run_id", sum.RunID, "held", sum.Held, "left_out", len(sum.LeftOut), "late", len(sum.Late), "missing", sum.Missing)
		for _, r := range sum.RulesNew {
			d.log.Info("new rates in force from this month", "month", month.String(), "benefit", r)
		}
		for _, b := range sum.Benefits {
			d.log.Info("benefit", "month", month.String(), "run_id", sum.RunID, "benefit", b.Name, "count", b.Count, "total", b.Total, "unit", b.Unit)
		}
		for _, w := range summaryWarnings(sum) {
			d.log.Warn("须先核实", "month", month.String(), "run_id", sum.RunID, "warning", w)
		}
		if err != nil {
			a.Message = err.Error()
			d.log.Error("run recorded but not finished", "month", month.String(), "error", err)
		}
	case ctx.Err() != nil:
		d.log.Info("stopped before the month was recorded: nothing recorded", "month", month.String())
		return // not a failure of the month: the next start tries again
	default:
		if recorded, rerr := d.recorded(month); rerr == nil && recorded {
			// Another run (by hand, another daemon) recorded the month while
			// this one waited for the lock: paid, not failed.
			d.log.Info("month recorded meanwhile by another run", "month", month.String(), "error", err)
			d.failed = ""
			return
		}
		a.Outcome, a.Message = "failed", err.Error()
		d.failed = d.inputState()
		if hint := systemHint(err); hint != "" {
			a.Message += systemHintMark + hint
			d.log.Error("month not paid: the system failed; trying again later, or once the inbox or the rules change", "month", month.String(), "error", err, "hint", hint, "after", d.systemFailed().String())
		} else {
			d.log.Error("month not paid: trying again once the inbox or the rules change", "month", month.String(), "error", err)
		}
	}
	switch {
	case errors.As(err, new(*afterCommitError)):
		d.failed = d.inputState() // finished by the retry (check: not due, finish)
		d.log.Info("trying to finish the recorded run later", "month", month.String(), "after", d.systemFailed().String())
	case a.Outcome != "failed":
		d.cleared()
	}
	d.recordAttempt(ctx, a)
}

// warnMissed logs a warning for each month between the latest recorded
// month before month, the month due, and month itself: the daemon catches
// up only the month due, so such a month (missed while the daemon was
// down) is paid only when someone runs it by hand. It is told before the
// month due is tried, so that a failed or long attempt does not hide it;
// status names the same months with ！！ (printUnpaid, printGaps).
func (d *daemon) warnMissed(ctx context.Context, month domain.Month) {
	db, err := d.openDB()
	if err != nil {
		return // the attempt reports it
	}
	defer db.Close()
	prev, ok, err := db.LatestMonthBefore(ctx, month)
	if err != nil || !ok {
		return
	}
	for m := prev.Next(); month.After(m); m = m.Next() {
		d.log.Warn("a month before has no run: was it missed while the daemon was down? run it by hand",
			"month", month.String(), "missing", m.String(), "last_recorded", prev.String())
	}
}

// attempt waits for the inbox to be complete (within the wait limit) and
// runs the month, turning a panic into an error.
func (d *daemon) attempt(ctx context.Context, month domain.Month) (sum *summary, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in run: %v\n%s", p, debug.Stack())
		}
	}()
	leftOut, err := d.waitForInbox(ctx)
	if err != nil {
		return nil, err
	}
	for {
		sum, err = runMonth(ctx, runOptions{
			Month: month, Inbox: d.cfg.Inbox, Data: d.cfg.Data, Rules: d.cfg.Rules, Now: d.now, LeftOut: leftOut, LeaveLater: true, Progress: d.progress, Quiet: d.cfg.QuietPeriod, Zone: d.sched.Location,
		}, d.log)
		var busy *lock.BusyError
		if !errors.As(err, &busy) {
			return sum, err
		}
		if busy.Inbox != "" {
			d.log.Warn("waiting for a run of another data folder to finish reading the inbox", "inbox", busy.Inbox)
		} else {
			d.log.Warn("waiting for another run", "holder_pid", busy.Holder.PID, "what", busy.Holder.What)
		}
		if err := d.sleep(ctx, d.cfg.RetryEvery); err != nil {
			return nil, err
		}
	}
}

// waitForInbox looks at the inbox until every file is ready and there are
// at least as many as the last recorded month read (rostersExpected), or
// until the wait limit passes; it returns the files still not ready then
// (name -> reason). Rosters drop in one street at a time: a month recorded
// with the first street to arrive would leave the others to the month
// after. But a month with fewer files than the last (a death list that
// came then and not now, a street merged) must not wait for ever, or the
// next tick would pay the next month and this one never: after the limit
// the month runs with the files that came, and its summary names any
// street paid last month that has nobody now. The limit counts from the
// tick while its wait lasts (a daemon restarted meanwhile does not wait
// the whole limit again), else from now (a retry once the inbox changed).
// With no month recorded before (a new data folder) nothing says how many
// streets there are: the wait lasts the whole limit, or the month would
// be paid with the first street to arrive.
func (d *daemon) waitForInbox(ctx context.Context) (map[string]string, error) {
	deadline := d.now().Add(d.cfg.WaitLimit)
	catchUp := true
	if tick, ok := d.sched.Prev(d.now()); ok && tick.Add(d.cfg.WaitLimit).After(d.now()) {
		deadline, catchUp = tick.Add(d.cfg.WaitLimit), false // within the tick's wait: a restart does not begin it again
	}
	month, due, err := d.sched.Due(d.now(), d.recorded)
	if err != nil {
		return nil, err
	}
	toRecord := catchUp && due // a catch-up's wait, not yet recorded
	if toRecord {
		// A catch-up's wait began at the start that first waited for the
		// month, recorded as a "waiting" attempt: a restart (systemd, a
		// deploy) does not begin it again either.
		if began, ok := d.waitBegan(ctx, month); ok && began.Add(d.cfg.WaitLimit).After(d.now()) {
			deadline, toRecord = began.Add(d.cfg.WaitLimit), false
		}
	}
	want, known, err := d.rostersExpected(ctx)
	if err != nil {
		return nil, err
	}
	if !known {
		d.log.Info("no month recorded before this one: waiting for the streets' rosters until the wait limit", "until", deadline)
	}
	told := -1                     // the count last logged as short
	copying := map[string]string{} // the files logged as being copied, with why
	for {
		files, notReady, err := d.notReady(month)
		if err != nil {
			return nil, err
		}
		short := files < want || !known
		if len(notReady) == 0 && !short {
			return nil, nil
		}
		if !d.now().Before(deadline) {
			if !known {
				// Nothing tells how many streets there are: staff must check
				// before approval that none is missing, as the README asks.
				d.log.Warn("wait limit reached on a new data folder: running with the files that came; no earlier month tells how many streets there are, so check before approval that every street's roster is among them",
					"files", files, "wait_limit", d.cfg.WaitLimit.String())
			} else if short {
				d.log.Warn("fewer files than the last month read, after the wait limit: running with those that came",
					"files", files, "last_month_read", want, "wait_limit", d.cfg.WaitLimit.String())
			}
			for name, why := range notReady {
				d.log.Error("file left out of this month: still not complete after the wait limit", "file", name, "reason", why, "wait_limit", d.cfg.WaitLimit.String())
			}
			return notReady, nil
		}
		if toRecord {
			toRecord = false
			d.recordAttempt(ctx, store.Attempt{Month: month, StartedAt: deadline.Add(-d.cfg.WaitLimit), FinishedAt: d.now(), Outcome: "waiting",
				Message: fmt.Sprintf("等待各街道的花名册，最迟至 %s", deadline.In(d.sched.Location).Format("2006-01-02 15:04"))})
		}
		if short && known && files != told {
			told = files
			d.log.Info("waiting for more rosters", "files", files, "last_month_read", want, "until", deadline)
		}
		for name, why := range notReady {
			if copying[name] != why { // once a file and reason, not every retry_every
				copying[name] = why
				d.log.Warn("waiting for a file being copied", "file", name, "reason", why)
			}
		}
		if err := d.sleep(ctx, d.cfg.RetryEvery); err != nil {
			return nil, err
		}
	}
}

// notReady counts the inbox files that stand for a street
// (standsForStreet), a copy or a revision of one counted with it, and lists
// those of all the files not complete yet.
func (d *daemon) notReady(month domain.Month) (int, map[string]string, error) {
	files, err := inbox.List(d.cfg.Inbox)
	if err != nil {
		return 0, nil, err
	}
	out := map[string]string{}
	now := d.now()
	streets := map[string]bool{} // a copy (X - 副本) or a revision (X_修改) of a roster is no other street's
	for _, f := range files {
		if ok, why := inbox.Ready(f, now, d.cfg.QuietPeriod, opensAsWorkbook); !ok {
			out[f.Name] = why
		}
		if _, later := namedOnlyLater(f.Name, month); standsForStreet(f.Name) && !later { // a later month's is left unread (splitLater)
			base, _ := copyBase(f.Name)
			base, _ = roster.RevisionBase(base)
			streets[base] = true
		}
	}
	return len(streets), out, nil
}

// opensAsWorkbook checks that an .xlsx file opens; other files are judged
// by the run itself.
func opensAsWorkbook(path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".xlsx" && ext != ".xlsm" {
		return nil
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	return f.Close()
}

func (d *daemon) recorded(m domain.Month) (bool, error) {
	db, err := d.openDB()
	if err != nil {
		return false, err
	}
	defer db.Close()
	_, ok, err := db.LatestRun(context.Background(), m)
	return ok, err
}

func (d *daemon) openDB() (*store.DB, error) {
	if err := os.MkdirAll(d.cfg.Data, 0o755); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	return openData(context.Background(), d.cfg.Data)
}

// recordAttempt records a under the data folder's lock, waiting (every
// retry_every) while another run or approve holds it: their transaction
// holds the database for as long as their workbooks are written, longer
// than SQLite's busy timeout, and an attempt written beside it was lost
// (status then said the month was not run yet instead of why it failed).
// Stopped (ctx) while it waits, it records nothing and says so.
func (d *daemon) recordAttempt(ctx context.Context, a store.Attempt) {
	for {
		lk, err := lock.Acquire(d.cfg.Data, "attempt "+a.Month.String(), d.now())
		var busy *lock.BusyError
		if err == nil {
			defer lk.Release()
			break
		} else if !errors.As(err, &busy) {
			d.log.Error("cannot record attempt", "error", err)
			return
		}
		if err := d.sleep(ctx, d.cfg.RetryEvery); err != nil {
			d.log.Error("stopped while waiting to record an attempt: not recorded", "month", a.Month.String(), "outcome", a.Outcome, "message", a.Message)
			return
		}
	}
	db, err := d.openDB()
	if err != nil {
		d.log.Error("cannot record attempt", "error", err)
		return
	}
	defer db.Close()
	if err := db.RecordAttempt(context.Background(), a); err != nil {
		d.log.Error("cannot record attempt", "error", err)
	}
}

// finish completes a recorded month that a crash after its commit left
// unfinished (see finishRecorded), if the data folder is free; it returns
// what failed (logged), for check to try again.
func (d *daemon) finish(ctx context.Context, m domain.Month) error {
	return finishOnly(ctx, runOptions{Month: m, Inbox: d.cfg.Inbox, Data: d.cfg.Data, Rules: d.cfg.Rules, Now: d.now}, d.now(), d.log)
}

// reportWaiting logs files that sit in the inbox while the due month is
// already recorded: they wait for the next month and are never merged into
// a paid month.
func (d *daemon) reportWaiting(recordedMonth domain.Month) {
	files, err := inbox.List(d.cfg.Inbox)
	if err != nil || len(files) == 0 {
		return
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	d.log.Warn("files in the inbox wait for the next month: the current month is already recorded",
		"recorded_month", recordedMonth.String(), "next_run", d.sched.Next(d.now()), "files", strings.Join(names, ", "),
		"if_a_correction", fmt.Sprintf("a roster of %s sent again or late is never merged by the daemon: before approval, put it back with the month's archived rosters and run disburse run --month %s --replace", recordedMonth, recordedMonth))
}

// summaryWarnings returns the ！！ lines of the run's summary (bangLines):
// a daemon prints no summary, so it logs them, one warning each (a street
// paid last month with nobody on this month's rosters, a file refused or
// left unread, ...), for the operator who reads the log.
func summaryWarnings(sum *summary) []string {
	var b strings.Builder
	sum.print(&b)
	return bangLines(b.String())
}
