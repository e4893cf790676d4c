package cli

import (
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"disburse/internal/domain"
)

// runAll leaves one core to the insert until busy closes, then uses it.
func TestRunAllLeavesACoreWhileBusy(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	for _, withBusy := range []bool{true, false} {
		var running atomic.Int32
		release := make(chan struct{})
		jobs := make([]func() error, 4)
		for i := range jobs {
			jobs[i] = func() error {
				running.Add(1)
				<-release
				return nil
			}
		}
		var busy chan struct{}
		if withBusy {
			busy = make(chan struct{})
		}
		done := make(chan error, 1)
		go func() { done <- runAll(jobs, busy) }()
		waitRunning := func(n int32) {
			t.Helper()
			for start := time.Now(); running.Load() < n; time.Sleep(time.Millisecond) {
				if time.Since(start) > 10*time.Second {
					t.Fatalf("busy=%v: %d jobs running, want %d", withBusy, running.Load(), n)
				}
			}
		}
		if withBusy {
			waitRunning(2)
			time.Sleep(50 * time.Millisecond) // a third worker, if any, would start now
			if n := running.Load(); n != 2 {
				t.Errorf("while busy: %d jobs at once on 3 cores, want 2", n)
			}
			close(busy)
		}
		waitRunning(3)
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if n := running.Load(); n != 4 {
			t.Errorf("busy=%v: %d jobs ran, want 4", withBusy, n)
		}
	}
}

// One core, or one job, is never left waiting for busy.
func TestRunAllOneWorkerDoesNotWait(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	busy := make(chan struct{}) // never closed
	want := errors.New("second")
	ran := 0
	err := runAll([]func() error{func() error { ran++; return nil }, func() error { ran++; return want }}, busy)
	if ran != 2 || !errors.Is(err, want) {
		t.Errorf("ran %d jobs, err %v; want 2 and %v", ran, err, want)
	}
}

// A run recorded but not finished tells the operator, in Chinese first,
// that it is recorded and that running the month again finishes it.
func TestAfterCommitErrorSaysRecorded(t *testing.T) {
	msg := (&afterCommitError{runID: 7, err: errors.New("database or disk is full")}).Error()
	for _, want := range []string{"运行 7 已记录", "再执行一次 disburse run", "不会重复记录", "database or disk is full"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
}

// Two households whose 户号 differ only by a leading zero are granted the
// electricity allowance once each, and the second is told; the same 户号
// twice (one grant, calc's business) and money lines are not.
func TestHouseholdsAlike(t *testing.T) {
	line := func(name, account, unit string, row int) domain.Line {
		return domain.Line{Name: name, PersonID: name, Account: account, Unit: unit, Source: &domain.Location{File: "东街.xlsx", Sheet: "Sheet1", Row: row}}
	}
	got := householdsAlike([]domain.Line{
		line("甲", "0630000002", domain.UnitKWh, 5),
		line("乙", "630000002", domain.UnitKWh, 9),
		line("丙", "0630000002", domain.UnitKWh, 11),
		line("丁", "6217000000000001", domain.UnitYuan, 12),
		line("戊", "06217000000000001", domain.UnitYuan, 13),
	})
	if len(got) != 1 || got[0].Code != "meter_account_alike" || got[0].Name != "乙" ||
		!strings.Contains(got[0].Message, "户号「630000002」与甲（东街.xlsx Sheet1 第5行）的户号「0630000002」只差开头的0") {
		t.Errorf("notices %+v", got)
	}
}
