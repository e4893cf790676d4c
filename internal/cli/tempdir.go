package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// tempPrefix begins the name of each process's own temporary folder
// (PrivateTemp): disburse-<pid>-<random>.
const tempPrefix = "disburse-"

// PrivateTemp gives the process a temporary folder of its own,
// disburse-<pid>-…, in the system's (TMPDIR, else /tmp), and points TMPDIR
// at it, so that every temporary file excelize makes (a sheet written or
// read in chunks: tens of MB each in a large month) is in it. It first
// removes the folders of such processes that no longer run: a process
// killed with kill -9, or by a reboot, cannot remove its own. The returned
// func removes the process's folder; cmd/disburse calls it before exiting.
// When the folder cannot be made, nothing changes and the func does nothing.
func PrivateTemp() func() {
	base := os.TempDir()
	removeDeadTemps(base)
	dir, err := os.MkdirTemp(base, fmt.Sprintf("%s%d-", tempPrefix, os.Getpid()))
	if err != nil {
		return func() {}
	}
	old, had := os.LookupEnv("TMPDIR")
	if err := os.Setenv("TMPDIR", dir); err != nil {
		os.Remove(dir)
		return func() {}
	}
	return func() {
		if had {
			os.Setenv("TMPDIR", old)
		} else {
			os.Unsetenv("TMPDIR")
		}
		os.RemoveAll(dir)
	}
}

// removeDeadTemps removes the temporary folders in base of the disburse
// processes that no longer run (PrivateTemp).
func removeDeadTemps(base string) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		if pid, ok := tempOwner(e.Name()); ok && e.IsDir() && !running(pid) {
			os.RemoveAll(filepath.Join(base, e.Name()))
		}
	}
}

// tempOwner returns the pid in the name of a folder PrivateTemp made.
func tempOwner(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, tempPrefix)
	if !ok {
		return 0, false
	}
	digits, _, ok := strings.Cut(rest, "-")
	pid, err := strconv.Atoi(digits)
	return pid, ok && err == nil && pid > 0
}

// running reports whether process pid exists (another user's counts: it
// may not be signalled, but it runs).
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
