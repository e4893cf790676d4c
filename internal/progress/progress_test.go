package progress

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"
)

// On a terminal each task is a bar with its name and count, drawn to the end.
func TestBars(t *testing.T) {
	var out syncBuffer
	r := New(ModeBar, &out, nil, 0)
	a := r.Task("东街街道.xlsx", "行", 0)
	b := r.Task("写出工作簿", "个", 4)
	a.Set(500, 1000)
	a.Set(1000, 0)
	a.Finish()
	b.Add(4)
	b.Finish()
	r.Stop()
	got := out.String()
	for _, want := range []string{"东街街道.xlsx", "1000 / 1000 行", "写出工作簿", "4 / 4 个", "100 %"} {
		if !strings.Contains(got, want) {
			t.Errorf("bars lack %q:\n%s", want, got)
		}
	}
}

// Log lines are written above the bars, not through them, and straight to
// the output when no bar is drawn.
func TestWriteAboveBars(t *testing.T) {
	var out syncBuffer
	r := New(ModeBar, &out, nil, 0)
	r.Write([]byte("before\n"))
	task := r.Task("x", "行", 10)
	r.Write([]byte("during\n"))
	task.Set(10, 0)
	r.Stop()
	got := out.String()
	if !strings.Contains(got, "before\n") || !strings.Contains(got, "during\n") {
		t.Errorf("log lines lost:\n%s", got)
	}
}

// Without a terminal, each unfinished task gets a log line with its count,
// total and rate; finished tasks are not logged again.
func TestLogLines(t *testing.T) {
	r, out, clock := logReporter(time.Hour)
	a := r.Task("东街街道.xlsx", "行", 0)
	b := r.Task("西街街道.xlsx", "行", 0)
	w := r.Task("写出工作簿", "个", 22)
	a.Set(5000, 20000)
	w.Add(3)
	b.Set(7, 0)
	b.Finish()
	clock.advance(10 * time.Second)
	r.logNow()
	r.Stop()
	got := out.String()
	for _, want := range []string{"msg=progress", "task=东街街道.xlsx", "done=5000", "total=20000", "per_second=500", "unit=行",
		"task=写出工作簿 done=3 unit=个 per_second=0.3 total=22"} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "西街街道") {
		t.Errorf("a finished task was logged:\n%s", got)
	}
}

// A task counted in steps logs its count and total but no rate, running
// or finished: steps a second means nothing.
func TestStepsHaveNoRate(t *testing.T) {
	r, out, clock := logReporter(10 * time.Second)
	s := r.Task("核对与计算", UnitStep, 5)
	s.Add(2)
	clock.advance(20 * time.Second)
	r.logNow()
	s.Add(3)
	s.Finish()
	r.Stop()
	got := out.String()
	for _, want := range []string{"task=核对与计算 done=2 unit=步 total=5", "task=核对与计算 done=5 total=5 unit=步 finished=true"} {
		if !strings.Contains(got, want) {
			t.Errorf("log lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "per_second") {
		t.Errorf("a task of steps logged a rate:\n%s", got)
	}
}

// A task that outlived one interval says, once, that it finished; a short
// one says nothing.
func TestLogFinished(t *testing.T) {
	r, out, clock := logReporter(10 * time.Second)
	long := r.Task("东街街道.xlsx", "行", 0)
	long.Set(12000, 12000)
	clock.advance(30 * time.Second)
	short := r.Task("写出工作簿", "个", 22)
	long.Finish()
	long.Finish()
	r.Stop()
	short.Add(1)
	got := out.String()
	if strings.Count(got, "finished=true") != 1 || !strings.Contains(got, "task=东街街道.xlsx done=12000 total=12000") {
		t.Errorf("want one finished line for the long task:\n%s", got)
	}
	if strings.Contains(got, "写出工作簿") {
		t.Errorf("the short task was logged:\n%s", got)
	}
}

// Long file names are cut so the counts still fit a narrow terminal.
func TestBarNameCut(t *testing.T) {
	var out syncBuffer
	r := New(ModeBar, &out, nil, 0)
	task := r.Task("2026年11月_西上庄街道_老年人补贴花名册（第二批，更正后）.xlsx", "行", 10)
	task.Set(10, 0)
	r.Stop()
	got := out.String()
	if strings.Contains(got, "西上庄街道_老年人补贴花名册") || !strings.Contains(got, "…") || !strings.Contains(got, "10 / 10 行") {
		t.Errorf("name not cut, or counts lost:\n%s", got)
	}
	// The month and the street both show, and two streets' rosters named
	// alike show two names.
	east, west := barName("2026年11月城区老年人补贴发放花名册（东街街道）.xlsx"), barName("2026年11月城区老年人补贴发放花名册（西街街道）.xlsx")
	if east == west || !strings.HasPrefix(east, "2026年11") || !strings.Contains(east, "东街街道") || runewidth.StringWidth(east) > nameWidth {
		t.Errorf("bar names %q and %q", east, west)
	}
	// The street in the middle of the name, as the fixtures' are named.
	if got := barName("2026年11月_东街街道_老年人补贴花名册.xlsx"); !strings.Contains(got, "东街街道") || runewidth.StringWidth(got) > nameWidth {
		t.Errorf("a street in the middle: %q", got)
	}
	if got := barName("东街.xlsx"); got != "东街.xlsx" {
		t.Errorf("a short name: %q", got)
	}
}

// Off shows nothing at all.
func TestOff(t *testing.T) {
	r := Off()
	task := r.Task("x", "行", 10)
	task.Set(5, 0)
	task.Finish()
	r.Stop()
	if len(r.tasks) != 0 || r.bars != nil || r.stop != nil {
		t.Error("Off kept state for display")
	}
}

// syncBuffer is a bytes.Buffer safe for the bars' drawing goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fakeClock is a clock tests move by hand.
type fakeClock struct{ now time.Time }

func (c *fakeClock) advance(d time.Duration) { c.now = c.now.Add(d) }

// logReporter returns a ModeLog Reporter logging every interval into out,
// on a clock the test moves.
func logReporter(every time.Duration) (*Reporter, *bytes.Buffer, *fakeClock) {
	out := &bytes.Buffer{}
	clock := &fakeClock{now: time.Date(2026, 11, 29, 2, 0, 0, 0, time.UTC)}
	r := New(ModeLog, nil, slog.New(slog.NewTextHandler(out, nil)), every)
	r.now = func() time.Time { return clock.now }
	return r, out, clock
}

// A task ended by a signal says it stopped where it got to, of its total,
// not done=total finished=true, which read as a run that got to the end.
func TestStoppedTaskIsNotFinished(t *testing.T) {
	r, out, clock := logReporter(10 * time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	r.StopsWith(ctx)
	task := r.Task("记录到数据库", "行", 2072629)
	task.Set(230008, 0)
	clock.advance(20 * time.Second)
	cancel()
	task.Finish()
	r.Stop()
	got := out.String()
	if want := "task=记录到数据库 done=230008 unit=行 per_second=11500 total=2072629 stopped=true"; !strings.Contains(got, want) {
		t.Errorf("log lacks %q:\n%s", want, got)
	}
	if strings.Contains(got, "finished") {
		t.Errorf("a stopped task was logged finished:\n%s", got)
	}
}

// A task a signal came too late to stop, at its total (a commit the
// signal did not undo), is finished, not stopped.
func TestTaskAtItsTotalIsFinishedDespiteASignal(t *testing.T) {
	r, out, clock := logReporter(10 * time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	r.StopsWith(ctx)
	task := r.Task("提交数据库", UnitStep, 1)
	clock.advance(20 * time.Second)
	cancel()
	task.Add(1)
	task.Finish()
	r.Stop()
	if got := out.String(); strings.Contains(got, "stopped=true") || !strings.Contains(got, "task=提交数据库 done=1 total=1") || !strings.Contains(got, "finished=true") {
		t.Errorf("a task at its total after a signal:\n%s", got)
	}
}

// On a terminal, a task ended by a signal keeps its bar short, showing the
// rows done of the total, and ending the display does not wait for it.
func TestStoppedBarStaysShort(t *testing.T) {
	var out syncBuffer
	r := New(ModeBar, &out, nil, 0)
	ctx, cancel := context.WithCancel(context.Background())
	r.StopsWith(ctx)
	task := r.Task("东街街道.xlsx", "行", 1000)
	task.Set(400, 0)
	cancel()
	task.Finish()
	r.Stop()
	got := out.String()
	if !strings.Contains(got, "400 / 1000 行") || strings.Contains(got, "100 %") || strings.Contains(got, "400 / 400") {
		t.Errorf("a stopped bar: want 400 / 1000 行 and no 100 %%:\n%s", got)
	}
}
