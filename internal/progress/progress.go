// Package progress shows an operator how far a long run has got. On a
// terminal every task (reading one roster, writing the workbooks) gets a live
// bar (github.com/vbauerster/mpb); elsewhere (cron, the daemon, a log file)
// a log line every few seconds gives each unfinished task's count, total and
// rate. A Reporter made with Off shows nothing, for --quiet.
package progress

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-runewidth"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Mode is how a Reporter shows progress.
type Mode int

// The modes of a Reporter.
const (
	ModeOff Mode = iota // nothing (--quiet, tests)
	ModeBar             // live bars on a terminal
	ModeLog             // a log line per unfinished task every interval
)

// Reporter shows the progress of the tasks of one run. It is safe for use by
// several goroutines. In ModeBar it is also the io.Writer the run's log
// should use, so log lines print above the bars instead of through them.
type Reporter struct {
	mode  Mode
	out   io.Writer
	log   *slog.Logger
	every time.Duration
	now   func() time.Time

	mu    sync.Mutex
	ctx   context.Context // StopsWith: done, tasks finished from then on were stopped
	bars  *mpb.Progress   // ModeBar: made with the first task; refreshed even when out is not detected as a terminal, since the caller decided it is one
	tasks []*Task
	stop  chan struct{} // ModeLog: ends the ticker
	done  chan struct{} // ModeLog: the ticker has ended
}

// Off returns a Reporter that shows nothing.
func Off() *Reporter { return &Reporter{mode: ModeOff} }

// New returns a Reporter in mode: bars drawn on out (ModeBar), or log lines
// on log every interval (ModeLog; an interval of 0 means 10 seconds).
func New(mode Mode, out io.Writer, log *slog.Logger, every time.Duration) *Reporter {
	if every <= 0 {
		every = 10 * time.Second
	}
	return &Reporter{mode: mode, out: out, log: log, every: every, now: time.Now}
}

// nameWidth is the most terminal columns a bar's name takes, so that the
// counts and the bar still fit an 80-column terminal beside a long file name.
const nameWidth = 28

// barName is name as a bar shows it, within nameWidth columns: a longer
// name without its extension, its street (streetWord) whole with as much
// as fits before and after it, or, naming none, its start (the month, as
// rosters are named) and its end around an ellipsis. Cut at the end,
// eight streets' rosters named 2026年11月城区老年人补贴发放花名册（东街街道）
// showed eight bars of one name.
func barName(name string) string {
	if runewidth.StringWidth(name) <= nameWidth {
		return name
	}
	if ext := filepath.Ext(name); len(ext) > 1 && len(ext) <= 5 {
		name = strings.TrimSuffix(name, ext)
	}
	if loc := streetWord.FindStringIndex(name); loc != nil {
		// The street, wherever it is (2026年11月_东街街道_老年人补贴花名册),
		// with what room is left before and after it.
		street := name[loc[0]:loc[1]]
		room := nameWidth - runewidth.StringWidth(street)
		if room >= 2 {
			before := runewidth.Truncate(name[:loc[0]], min(10, room-1), "…")
			after := runewidth.Truncate(name[loc[1]:], room-runewidth.StringWidth(before), "…")
			return before + street + after
		}
	}
	head := runewidth.Truncate(name, 10, "")
	room := nameWidth - runewidth.StringWidth(head) - 1
	rs := []rune(name)
	i, w := len(rs), 0
	for i > 0 && w+runewidth.RuneWidth(rs[i-1]) <= room {
		i--
		w += runewidth.RuneWidth(rs[i])
	}
	return head + "…" + string(rs[i:])
}

// streetWord finds the street (街道, 乡镇, 镇, 乡) a roster's file name names,
// for barName to keep.
var streetWord = regexp.MustCompile(`\p{Han}{1,6}?(?:街道|乡镇|镇|乡)`)

// UnitStep counts the steps of a task that is not counted in rows or
// files: its rate means nothing and is not shown.
const UnitStep = "步"

// Task is one measured piece of work, counted in units (rows, workbooks)
// against a total that may be unknown (0) or learnt on the way.
type Task struct {
	r       *Reporter
	name    string
	unit    string
	started time.Time
	bar     *mpb.Bar

	mu          sync.Mutex
	done, total int64
	finished    bool
	ended       time.Time // when Finish was called
}

// Task starts a task called name (as staff read it, e.g. the file name)
// counting unit ("行", "个") towards total (0 when not known yet).
func (r *Reporter) Task(name, unit string, total int64) *Task {
	t := &Task{r: r, name: name, unit: unit, total: total, started: r.clock()}
	if r.mode == ModeOff {
		return t
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tasks = append(r.tasks, t)
	switch r.mode {
	case ModeBar:
		if r.bars == nil {
			r.bars = mpb.New(mpb.WithOutput(r.out), mpb.WithWidth(40), mpb.WithRefreshRate(150*time.Millisecond), mpb.WithAutoRefresh())
		}
		t.bar = r.bars.AddBar(total,
			mpb.PrependDecorators(decor.Name(barName(name), decor.WCSyncSpaceR), decor.CountersNoUnit("%d / %d "+unit, decor.WCSyncWidth)),
			mpb.AppendDecorators(decor.Percentage(decor.WCSyncWidth), decor.Any(func(s decor.Statistics) string {
				if unit == UnitStep {
					return ""
				}
				return fmt.Sprintf(" %v %s/s", t.rate(s.Current), unit)
			}, decor.WCSyncWidth)),
		)
	case ModeLog:
		if r.stop == nil {
			r.stop, r.done = make(chan struct{}), make(chan struct{})
			go r.tick(r.stop, r.done)
		}
	}
	return t
}

func (r *Reporter) clock() time.Time {
	if r.now == nil {
		return time.Now()
	}
	return r.now()
}

// rate returns done units per second since the task started: whole units,
// or tenths below ten a second (a workbook of a million lines takes several
// seconds, and a rate of 0 would read as stuck).
func (t *Task) rate(done int64) float64 {
	t.mu.Lock()
	end := t.ended
	t.mu.Unlock()
	if end.IsZero() {
		end = t.r.clock()
	}
	secs := end.Sub(t.started).Seconds()
	if secs <= 0 {
		return 0
	}
	r := float64(done) / secs
	if r >= 10 {
		return math.Round(r)
	}
	return math.Round(r*10) / 10
}

// rateAttr is the log attribute of t's rate at done units (per_second),
// none for a task counted in steps (UnitStep).
func (t *Task) rateAttr(done int64) []any {
	if t.unit == UnitStep {
		return nil
	}
	return []any{"per_second", t.rate(done)}
}

// Set records done units of total (total 0 keeps the total known so far).
func (t *Task) Set(done, total int64) {
	t.mu.Lock()
	t.done = done
	if total > 0 {
		t.total = total
	}
	bar, tot := t.bar, t.total
	t.mu.Unlock()
	if bar != nil {
		if tot > 0 && !bar.Completed() {
			bar.SetTotal(max(tot, done), false)
		}
		bar.SetCurrent(done)
	}
}

// Add records n more units done.
func (t *Task) Add(n int64) {
	t.mu.Lock()
	done := t.done + n
	t.mu.Unlock()
	t.Set(done, 0)
}

// StopsWith ties r to ctx: a task that ends once ctx is done (a signal
// stopped the run) is shown stopped where it got to, its bar left short and
// its last log line saying stopped=true beside the units done of its
// total, instead of complete (done=total, finished=true), which read as
// if the run had got to the end.
func (r *Reporter) StopsWith(ctx context.Context) {
	r.mu.Lock()
	r.ctx = ctx
	r.mu.Unlock()
}

// stopped reports whether the context of StopsWith is done.
func (r *Reporter) stopped() bool {
	r.mu.Lock()
	ctx := r.ctx
	r.mu.Unlock()
	return ctx != nil && ctx.Err() != nil
}

// Finish marks the task complete with the units done so far (a total taken
// from a sheet's dimension may have counted blank rows), or, once the
// context of StopsWith is done, stopped where it got to; but a task that
// got to its total is complete, signal or not (a commit a signal came
// too late to stop was logged stopped, as if nothing had been recorded).
func (t *Task) Finish() {
	stopped := t.r.stopped()
	t.mu.Lock()
	if t.finished {
		t.mu.Unlock()
		return
	}
	if t.total > 0 && t.done >= t.total {
		stopped = false
	}
	t.finished, t.ended = true, t.r.clock()
	done, total, long := t.done, t.total, t.ended.Sub(t.started) >= t.r.every
	t.mu.Unlock()
	if t.bar != nil {
		if stopped {
			t.bar.Abort(false)
		} else {
			t.bar.SetTotal(done, true)
		}
	}
	if t.r.mode == ModeLog && long {
		// A task that was logged while it ran also says that it ended.
		if stopped {
			attrs := append([]any{"task", t.name, "done", done, "unit", t.unit}, t.rateAttr(done)...)
			if total > 0 {
				attrs = append(attrs, "total", total)
			}
			t.r.log.Info("progress", append(attrs, "stopped", true)...)
			return
		}
		attrs := append([]any{"task", t.name, "done", done, "total", done, "unit", t.unit}, t.rateAttr(done)...)
		t.r.log.Info("progress", append(attrs, "finished", true)...)
	}
}

// snapshot returns the task's counts under its lock.
func (t *Task) snapshot() (done, total int64, finished bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.done, t.total, t.finished
}

// tick logs every unfinished task once per interval until Stop.
func (r *Reporter) tick(stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	tk := time.NewTicker(r.every)
	defer tk.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tk.C:
			r.logNow()
		}
	}
}

// logNow writes one log line per unfinished task: units done, the total
// when known, and the rate since the task started.
func (r *Reporter) logNow() {
	r.mu.Lock()
	tasks := append([]*Task(nil), r.tasks...)
	r.mu.Unlock()
	for _, t := range tasks {
		done, total, finished := t.snapshot()
		if finished {
			continue
		}
		attrs := append([]any{"task", t.name, "done", done, "unit", t.unit}, t.rateAttr(done)...)
		if total > 0 {
			attrs = append(attrs, "total", total)
		}
		r.log.Info("progress", attrs...)
	}
}

// Stop ends the display: it completes any bar left open, waits for the bars
// to be drawn for the last time, and stops the log ticker. The Reporter may
// start new tasks afterwards.
func (r *Reporter) Stop() {
	r.mu.Lock()
	bars, tasks, stop, done := r.bars, r.tasks, r.stop, r.done
	r.bars, r.tasks, r.stop, r.done = nil, nil, nil, nil
	r.mu.Unlock()
	for _, t := range tasks {
		t.Finish()
	}
	if bars != nil {
		bars.Wait()
	}
	if stop != nil {
		close(stop)
		<-done
	}
}

// Write writes p for the log: above the bars while they are drawn, else
// straight to the output.
func (r *Reporter) Write(p []byte) (int, error) {
	r.mu.Lock()
	bars := r.bars
	r.mu.Unlock()
	if bars != nil {
		return bars.Write(p)
	}
	return r.out.Write(p)
}
