package inbox

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestList(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.xlsx", "a.xlsx", "~$a.xlsx", ".DS_Store", ".~lock.a.xlsx#", "copy.tmp", "old.xls", "desktop.ini", "Thumbs.db"} {
		write(t, dir, n, n)
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	files, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, ","); got != "a.xlsx,b.xlsx,old.xls" {
		t.Errorf("listed %s", got)
	}
	if only, err := Names(dir); err != nil || !slices.Equal(only, names) {
		t.Errorf("names %v (%v), want %v", only, err, names)
	}
	if files[0].Size != 6 || len(files[0].SHA256) != 64 {
		t.Errorf("file %+v", files[0])
	}
}

func TestMoveNeverOverwrites(t *testing.T) {
	in, archive := t.TempDir(), filepath.Join(t.TempDir(), "archive")
	write(t, in, "a.xlsx", "first")
	if _, err := Move(filepath.Join(in, "a.xlsx"), archive); err != nil {
		t.Fatal(err)
	}
	write(t, in, "a.xlsx", "second")
	dst, err := Move(filepath.Join(in, "a.xlsx"), archive)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(dst) != "a (2).xlsx" {
		t.Errorf("second move to %s", dst)
	}
	for name, want := range map[string]string{"a.xlsx": "first", "a (2).xlsx": "second"} {
		b, err := os.ReadFile(filepath.Join(archive, name))
		if err != nil || string(b) != want {
			t.Errorf("%s = %q, %v", name, b, err)
		}
	}
	if _, err := os.Stat(filepath.Join(in, "a.xlsx")); !os.IsNotExist(err) {
		t.Error("source still in the inbox")
	}
}

func TestRejectWritesReason(t *testing.T) {
	in, rej := t.TempDir(), t.TempDir()
	write(t, in, "old.xls", "x")
	dst, err := Reject(filepath.Join(in, "old.xls"), rej, "旧版 .xls 格式", "请更正后重新放入收件箱。")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(dst + ".txt")
	if err != nil || !strings.Contains(string(b), "旧版 .xls 格式") {
		t.Errorf("reason file %q, %v", b, err)
	}
}

func TestReady(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.xlsx", "abc")
	files, _ := List(dir)
	f := files[0]
	now := f.ModTime.Add(3 * time.Minute)
	if ok, why := Ready(f, now, 2*time.Minute, nil); !ok {
		t.Errorf("quiet file not ready: %s", why)
	}
	if ok, _ := Ready(f, f.ModTime.Add(time.Minute), 2*time.Minute, nil); ok {
		t.Error("file modified a minute ago is ready")
	}
	if ok, _ := Ready(f, now, 2*time.Minute, func(string) error { return errors.New("zip: not a valid zip file") }); ok {
		t.Error("file that does not open is ready")
	}
	// Written by a computer whose clock is ten minutes ahead: its age says
	// nothing, the workbook opening does.
	ahead := f.ModTime.Add(-10 * time.Minute)
	if ok, why := Ready(f, ahead, 2*time.Minute, func(string) error { return nil }); !ok {
		t.Errorf("file modified in the future is never ready: %s", why)
	}
	if ok, _ := Ready(f, ahead, 2*time.Minute, func(string) error { return errors.New("zip: not a valid zip file") }); ok {
		t.Error("file modified in the future that does not open is ready")
	}
	write(t, dir, "a.xlsx", "abcdef") // grew since it was listed
	if ok, why := Ready(f, now, 2*time.Minute, nil); ok || !strings.Contains(why, "仍在变化") {
		t.Errorf("growing file: %v %s", ok, why)
	}
	os.Remove(f.Path) // moved by a run while status looked: said in Chinese only
	if ok, why := Ready(f, now, 2*time.Minute, nil); ok || why != "文件已不在收件箱（已移走，或正被运行归档）" {
		t.Errorf("file gone: %v %s", ok, why)
	}
}

// Folders of the inbox holding files that look like rosters are named,
// with those files at any depth; folders of other files, lock files and
// dot-folders are not.
func TestSubfolders(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"东街/deep", "西街", "扫描件", ".git", "东街/.hidden"} {
		if err := os.MkdirAll(filepath.Join(dir, p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, dir, "top.xlsx", "x")
	write(t, dir, "东街/b.xlsx", "x")
	write(t, dir, "东街/deep/a.CSV", "x")
	write(t, dir, "东街/~$b.xlsx", "x")
	write(t, dir, "东街/.hidden/c.xlsx", "x")
	write(t, dir, "西街/old.xls", "x")
	write(t, dir, "扫描件/scan.pdf", "x")
	write(t, dir, ".git/x.xlsx", "x")
	subs, err := Subfolders(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range subs {
		got = append(got, s.Name+":"+strings.Join(s.Files, ","))
	}
	if strings.Join(got, " ") != "东街:b.xlsx,deep/a.CSV 西街:old.xls" {
		t.Errorf("subfolders %v", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "东街", "b.xlsx")); err != nil {
		t.Errorf("a file of a subfolder was touched: %v", err)
	}
	// The data folder put inside the inbox holds the archived rosters:
	// the program's own, not a street's left unread.
	subs, err = Subfolders(dir, filepath.Join(dir, "西街"))
	if err != nil || len(subs) != 1 || subs[0].Name != "东街" {
		t.Errorf("with 西街 the data folder: %+v %v", subs, err)
	}
	// So it is when named through a link to the inbox, as --data L/西街.
	link := filepath.Join(t.TempDir(), "L")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	subs, err = Subfolders(dir, filepath.Join(link, "西街"))
	if err != nil || len(subs) != 1 || subs[0].Name != "东街" {
		t.Errorf("with 西街 the data folder named through a link: %+v %v", subs, err)
	}
}

// A file is kept by the content it was read with, read-only; replaced
// since, it is not kept under the old hash (ErrChanged).
func TestKeepByContentKeepsOnlyTheContentRead(t *testing.T) {
	dir, keep := t.TempDir(), t.TempDir()
	write(t, dir, "东街.xlsx", "as read")
	files, _ := List(dir)
	f := files[0]
	write(t, dir, "东街.xlsx", "replaced since")
	if err := KeepByContent(f.Path, keep, f.SHA256); !errors.Is(err, ErrChanged) {
		t.Errorf("replaced file kept: %v", err)
	}
	if _, err := os.Stat(filepath.Join(keep, f.SHA256)); err == nil {
		t.Error("the new content is kept under the hash of the old")
	}
	write(t, dir, "东街.xlsx", "as read")
	if err := KeepByContent(f.Path, keep, f.SHA256); err != nil {
		t.Fatal(err)
	}
	if err := Verify(filepath.Join(keep, f.SHA256), f.SHA256); err != nil {
		t.Error(err)
	}
	if info, err := os.Stat(filepath.Join(keep, f.SHA256)); err != nil || info.Mode().Perm() != 0o444 {
		t.Errorf("kept copy: %v %v", info, err)
	}
}

// Across file systems Move copies and removes; a rename refused for any
// other reason (an inbox that cannot be written) copies nothing, so the
// file is not left both archived and in the inbox.
// Across file systems, a source that cannot be removed after the copy (a
// read-only inbox) takes the copy back: left in both places, the file
// would be taken for a new drop, never archived, and read by next month's
// run as its own.
func TestMoveAcrossFileSystemsTakesTheCopyBack(t *testing.T) {
	defer func(r func(string, string) error, rm func(string) error) { rename, remove = r, rm }(rename, remove)
	src, dir := t.TempDir(), filepath.Join(t.TempDir(), "archive")
	write(t, src, "东街.xlsx", "rows")
	rename = func(o, n string) error { return &os.LinkError{Op: "rename", Old: o, New: n, Err: syscall.EXDEV} }
	remove = func(p string) error { return &os.PathError{Op: "remove", Path: p, Err: syscall.EROFS} }
	dst, err := Move(filepath.Join(src, "东街.xlsx"), dir)
	_, inArchive := os.Stat(filepath.Join(dir, "东街.xlsx"))
	_, inInbox := os.Stat(filepath.Join(src, "东街.xlsx"))
	if err == nil || dst != "" || inArchive == nil || inInbox != nil {
		t.Errorf("moved to %q (%v); archived %v, still in the inbox %v: want an error, the file in the inbox only", dst, err, inArchive == nil, inInbox == nil)
	}
}

// Across file systems, a process killed after the copy and before the
// source is removed leaves no file under its name in the archive (the
// finishing run would take the one in the inbox for a new drop, and leave
// it there), and one killed during the copy leaves nothing cut short
// under it: moved again, the file gets its own name.
func TestMoveAcrossFileSystemsKilledMidwayLeavesNoNamedCopy(t *testing.T) {
	defer func(r func(string, string) error, rm func(string) error) { rename, remove = r, rm }(rename, remove)
	src, dir := t.TempDir(), filepath.Join(t.TempDir(), "archive")
	write(t, src, "东街.xlsx", "rows")
	rename = func(o, n string) error { return &os.LinkError{Op: "rename", Old: o, New: n, Err: syscall.EXDEV} }
	remove = func(string) error { panic("killed") }
	func() {
		defer func() { recover() }()
		Move(filepath.Join(src, "东街.xlsx"), dir)
	}()
	if _, err := os.Stat(filepath.Join(dir, "东街.xlsx")); err == nil {
		t.Fatal("a move killed before removing its source left the file named in the archive while it is still in the inbox")
	}
	if got := Unmoved(dir); len(got) != 1 || got[0].Name != "东街.xlsx" {
		t.Fatalf("unnamed copies: %+v", got)
	}
	os.WriteFile(Unmoved(dir)[0].Path, []byte("ro"), 0o644) // as if cut short
	remove = os.Remove
	dst, err := Move(filepath.Join(src, "东街.xlsx"), dir)
	if b, _ := os.ReadFile(filepath.Join(dir, "东街.xlsx")); err != nil || dst != filepath.Join(dir, "东街.xlsx") || string(b) != "rows" || len(Unmoved(dir)) != 0 {
		t.Errorf("moved again to %q (%v): content %q, unnamed %v", dst, err, b, Unmoved(dir))
	}
}

func TestMoveCopiesOnlyAcrossFileSystems(t *testing.T) {
	defer func(r func(string, string) error) { rename = r }(rename)
	for _, c := range []struct {
		errno  syscall.Errno
		copied bool
	}{{syscall.EXDEV, true}, {syscall.EACCES, false}} {
		src, dir := t.TempDir(), filepath.Join(t.TempDir(), "archive")
		write(t, src, "东街.xlsx", "rows")
		rename = func(o, n string) error { return &os.LinkError{Op: "rename", Old: o, New: n, Err: c.errno} }
		dst, err := Move(filepath.Join(src, "东街.xlsx"), dir)
		_, inArchive := os.Stat(filepath.Join(dir, "东街.xlsx"))
		_, inInbox := os.Stat(filepath.Join(src, "东街.xlsx"))
		if c.copied && (err != nil || dst == "" || inArchive != nil || inInbox == nil) {
			t.Errorf("%v: moved to %q (%v); archived %v, still in the inbox %v", c.errno, dst, err, inArchive == nil, inInbox == nil)
		}
		if !c.copied && (err == nil || inArchive == nil || inInbox != nil) {
			t.Errorf("%v: error %v; archived %v, still in the inbox %v", c.errno, err, inArchive == nil, inInbox == nil)
		}
	}
}
