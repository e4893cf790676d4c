package cli

import (
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
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
