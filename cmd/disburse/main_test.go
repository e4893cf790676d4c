package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain lets a test run this program as a child process: the test binary
// acts as disburse when DISBURSE_AS_MAIN is set.
func TestMain(m *testing.M) {
	if os.Getenv("DISBURSE_AS_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// approve piped into a program that stops reading (approve | head) went on
// to name its workbooks: killed by SIGPIPE between its commit and that
// step, it left the month approved with its bank file still a draft.
func TestApproveOutlivesAClosedPipe(t *testing.T) {
	dir := t.TempDir()
	inbox, data := filepath.Join(dir, "inbox"), filepath.Join(dir, "data")
	if err := os.CopyFS(inbox, os.DirFS("../../fixtures/inbox/2026-11")); err != nil {
		t.Fatal(err)
	}
	self := func(stdout *os.File, args ...string) error {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "DISBURSE_AS_MAIN=1")
		cmd.Stdout = stdout
		return cmd.Run()
	}
	if err := self(nil, "run", "-q", "--month", "2026-11", "--inbox", inbox, "--data", data, "--rules", "../../rules"); err != nil {
		t.Fatalf("run: %v", err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close() // nobody reads: the first write fails
	err = self(w, "approve", "--month", "2026-11", "--by", "王会计", "--data", data, "--inbox", inbox)
	w.Close()
	if err != nil {
		t.Fatalf("approve with its output unread: %v", err)
	}
	if _, err := os.Stat(filepath.Join(data, "out", "2026-11", "代发", "区民政局_代发.xlsx")); err != nil {
		t.Errorf("the approved bank file is not in place: %v", err)
	}
}
