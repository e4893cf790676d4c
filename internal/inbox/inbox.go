package inbox

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"
)

// File is one candidate file of the inbox: its name, full path, size in
// bytes and the sha256 of its content (hex).
type File struct {
	Name    string
	Path    string
	Size    int64
	SHA256  string
	ModTime time.Time
}

// Ignored reports whether a file name is never a roster: Excel and WPS lock
// files (~$*), LibreOffice locks (.~lock*#), dot-files, temp files (*.tmp),
// and the files Windows writes into a shared folder by itself (systemFiles).
func Ignored(name string) bool {
	return strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") ||
		strings.HasSuffix(strings.ToLower(name), ".tmp") || systemFiles[strings.ToLower(name)]
}

// systemFiles are the files Windows Explorer writes into a folder it shows
// (folder settings, thumbnail caches), by lower-case name: on an inbox shared
// from Windows they come back every month, and refused as rosters they
// would mark every month with ！！ and stop its approval.
var systemFiles = map[string]bool{"desktop.ini": true, "thumbs.db": true, "ehthumbs.db": true, "ehthumbs_vista.db": true}

// List returns the files of dir that are not Ignored, sorted by name, each
// with its size and sha256. Folders are skipped. It returns a *DirError when
// dir cannot be read, and an error when a file cannot be hashed.
func List(dir string) ([]File, error) {
	entries, err := listedIn(dir)
	if err != nil {
		return nil, err
	}
	var files []File
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		info, err := e.Info()
		if err != nil {
			return nil, fmt.Errorf("read inbox file %s: %w", e.Name(), err)
		}
		sum, size, err := hashFile(p)
		if err != nil {
			return nil, fmt.Errorf("read inbox file %s: %w", e.Name(), err)
		}
		files = append(files, File{Name: e.Name(), Path: p, Size: size, SHA256: sum, ModTime: info.ModTime()})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, nil
}

// DirError is why the inbox folder itself cannot be read: it does not
// exist, is no folder, or may not be read. Its message says so wholly in
// Chinese, naming the folder (and, when it is given relative, where that
// is), with what to check; Unwrap gives the system's error, for
// errors.Is.
type DirError struct {
	Dir string
	Err error
}

// Error names the folder and the cause, in Chinese: a system error with
// no Chinese wording of its own is quoted as the system gave it.
func (e *DirError) Error() string {
	where := e.Dir + " "
	if abs, err := filepath.Abs(e.Dir); err == nil && abs != filepath.Clean(e.Dir) {
		where = fmt.Sprintf("%s（即 %s）", e.Dir, abs)
	}
	switch {
	case errors.Is(e.Err, fs.ErrNotExist):
		return "收件箱 " + where + "不存在：请检查 --inbox 或配置文件中的 inbox 是否写对，或先建好该文件夹；未读取任何文件"
	case errors.Is(e.Err, syscall.ENOTDIR):
		return "收件箱 " + where + "不是文件夹：--inbox 或配置文件中的 inbox 应是放花名册的文件夹；未读取任何文件"
	case errors.Is(e.Err, fs.ErrPermission):
		return "收件箱 " + where + "没有读取权限：请让运行本程序的用户能读写该文件夹；未读取任何文件"
	}
	return fmt.Sprintf("收件箱 %s无法读取（系统报告：%v）；未读取任何文件", where, e.Err)
}

// Unwrap returns the system's error.
func (e *DirError) Unwrap() error { return e.Err }

// listedIn returns the entries of dir that List takes, sorted by name:
// regular files whose names are not Ignored (folders and links are named
// by Subfolders).
func listedIn(dir string) ([]os.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, &DirError{Dir: dir, Err: err}
	}
	return slices.DeleteFunc(entries, func(e os.DirEntry) bool { return !e.Type().IsRegular() || Ignored(e.Name()) }), nil
}

// Names returns the names of the files List would list in dir, sorted,
// without reading them: for telling which files came since a listing.
func Names(dir string) ([]string, error) {
	entries, err := listedIn(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names, err
}

// Subfolder is a folder inside the inbox that holds files that look like
// rosters: Files are their paths inside it, with / between folders, sorted.
type Subfolder struct {
	Name  string
	Files []string
	// Link is a symbolic link in the inbox, to a file or a folder (or to
	// nothing): List reads only regular files, and a link is not followed,
	// so what it points at is not read either. Files is then empty.
	Link bool
	// Disguised is a file of the inbox whose name List ignores (a lock or
	// temporary file's: ~$*, *.tmp, a dot-file) but whose content is a
	// workbook of some size: a roster renamed by mistake, not a lock file
	// (Excel's is about 165 bytes of text). Files is then empty.
	Disguised bool
}

// disguisedMin is the smallest workbook taken for a roster behind an
// ignored name: a lock file is far smaller, and even an empty .xlsx is
// several KiB.
const disguisedMin = 1024

// disguised reports whether the file at path, whose name List ignores,
// holds a workbook (a zip) of at least disguisedMin bytes.
func disguised(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "PK\x03\x04" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Size() >= disguisedMin
}

// rosterExts are the extensions of files that may be rosters (or were
// meant to be: an old .xls is refused loudly when it is in the inbox
// itself).
var rosterExts = map[string]bool{".xlsx": true, ".xlsm": true, ".xls": true, ".et": true, ".csv": true}

// MayBeRoster reports whether a file named name may be a roster by its
// extension (.xlsx, .xlsm, .xls, .et, .csv): a note (说明.txt), a scan or
// a document is none, whatever the run makes of it.
func MayBeRoster(name string) bool { return rosterExts[strings.ToLower(filepath.Ext(name))] }

// maxSubfolderFiles bounds how many files of one subfolder are looked at:
// enough to name them, without walking a whole disk linked into the inbox.
const maxSubfolderFiles = 1000

// Subfolders returns the folders of dir, sorted by name, that hold (at any
// depth) files that look like rosters (.xlsx, .xlsm, .xls, .et, .csv, not
// Ignored): List skips folders, so a roster put in one would be left out of
// the month without a word. Folders whose names are Ignored, and folders
// with no such file, are not returned; links are not followed, and each
// link in dir itself is returned too (Link), for the same reason, and so is
// each workbook behind a name List ignores (Disguised). The
// program's own folders among own (the data folder, when an operator put
// it inside the inbox) are left out: they hold the archived rosters. Nothing is
// moved or opened. It returns an error when dir cannot be read; a
// subfolder that cannot be read is returned with what could be read of it.
func Subfolders(dir string, own ...string) ([]Subfolder, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, &DirError{Dir: dir, Err: err}
	}
	var out []Subfolder
	for _, e := range entries {
		if isOwn(filepath.Join(dir, e.Name()), own) {
			continue
		}
		if e.Type()&os.ModeSymlink != 0 && !Ignored(e.Name()) {
			out = append(out, Subfolder{Name: e.Name(), Link: true})
			continue
		}
		if e.Type().IsRegular() && Ignored(e.Name()) && disguised(filepath.Join(dir, e.Name())) {
			out = append(out, Subfolder{Name: e.Name(), Disguised: true})
			continue
		}
		if !e.IsDir() || Ignored(e.Name()) {
			continue
		}
		sub := Subfolder{Name: e.Name()}
		root := filepath.Join(dir, e.Name())
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return nil // unreadable: skip it, keep what was found
			}
			if len(sub.Files) >= maxSubfolderFiles {
				return filepath.SkipAll
			}
			if d.IsDir() {
				if p != root && Ignored(d.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			if Ignored(d.Name()) || !d.Type().IsRegular() || !rosterExts[strings.ToLower(filepath.Ext(d.Name()))] {
				return nil
			}
			if rel, err := filepath.Rel(root, p); err == nil {
				sub.Files = append(sub.Files, filepath.ToSlash(rel))
			}
			return nil
		})
		if len(sub.Files) > 0 {
			sort.Strings(sub.Files)
			out = append(out, sub)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// isOwn reports whether path is one of the folders own (compared as
// absolute, cleaned paths).
func isOwn(path string, own []string) bool {
	real := RealPath(path)
	for _, o := range own {
		if RealPath(o) == real {
			return true
		}
	}
	return false
}

// RealPath is p made absolute with its symbolic links resolved, as far as
// it exists: a data folder given through a link into the inbox (--data
// L/data, L a link to the inbox), made yet or not, is the inbox's folder
// data. A path that cannot be made absolute is returned cleaned.
func RealPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for dir := a; ; dir = filepath.Dir(dir) {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(dir) == dir {
			return a
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// Move moves the file at src into folder dir (created if needed), keeping its
// name; when a file of that name is already there, the new one gets a suffix
// before its extension (" (2)", " (3)", ...). It returns the destination
// path. Across file systems it copies under a hidden name in dir
// (.<name>.moving), syncs, removes src and then gives the copy its name,
// so the file exists in at least one place at every moment, and a process
// killed on the way never leaves it both in the inbox and under its name
// in dir (where the run that finishes the move would take the one in the
// inbox for a new drop), nor a copy cut short under its name: what it
// leaves is the hidden copy, which Unmoved finds. When src cannot be
// removed, the copy is removed again, and src stays where it was. Any other failure to
// rename (a folder that cannot be written) copies nothing: a copy whose
// source could not be removed would leave the file both archived and in
// the inbox, where a later run would take it for a new drop.
func Move(src, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	dst := freeName(dir, filepath.Base(src))
	err := rename(src, dst)
	if err == nil {
		return dst, nil
	}
	if !errors.Is(err, syscall.EXDEV) {
		return "", fmt.Errorf("move %s: %w", filepath.Base(src), err)
	}
	tmp := movingName(dir, filepath.Base(src))
	os.Remove(tmp) // a copy cut short by a process killed while it moved the file
	if err := copyFile(src, tmp); err != nil {
		return "", fmt.Errorf("move %s: %w", filepath.Base(src), err)
	}
	if err := remove(src); err != nil {
		// Archived and still in the inbox, the file would be taken for a
		// new drop by the run that finishes this one (copies counted) and
		// never archived, and next month's run would read it as its own:
		// the copy goes, and the move is left to be made again.
		if uerr := os.Remove(tmp); uerr != nil {
			return "", fmt.Errorf("remove %s after copying: %w; and its copy %s could not be removed: %v", src, err, tmp, uerr)
		}
		return "", fmt.Errorf("remove %s after copying (copy removed, the file is left in the inbox): %w", src, err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return "", fmt.Errorf("move %s: copied as %s, not named: %w", filepath.Base(src), filepath.Base(tmp), err)
	}
	return dst, nil
}

// movingSuffix ends the hidden name under which Move copies a file across
// file systems before it is named.
const movingSuffix = ".moving"

// movingName is the hidden name in dir of a file name that Move is copying
// there: .<name>.moving, which List ignores.
func movingName(dir, name string) string { return filepath.Join(dir, "."+name+movingSuffix) }

// Moving is a copy Move made in a folder and never named: the process was
// killed, after the copy or during it.
type Moving struct {
	Path string // the hidden copy
	Name string // the name of the file moved
}

// Unmoved returns the copies Move left unnamed in dir (Moving). One whose
// content is the whole file moved is the file itself, its source removed
// already: Settle names it. One cut short is not, and its source is still
// where it was.
func Unmoved(dir string) []Moving {
	entries, _ := os.ReadDir(dir)
	var out []Moving
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(n, ".") && strings.HasSuffix(n, movingSuffix) && len(n) > 1+len(movingSuffix) {
			out = append(out, Moving{Path: filepath.Join(dir, n), Name: strings.TrimSuffix(n[1:], movingSuffix)})
		}
	}
	return out
}

// Settle gives the copy m its file's name in its folder (with a suffix as
// Move gives one when the name is taken) and returns the path.
func Settle(m Moving) (string, error) {
	dst := freeName(filepath.Dir(m.Path), m.Name)
	if err := os.Rename(m.Path, dst); err != nil {
		return "", fmt.Errorf("move %s: %w", m.Name, err)
	}
	return dst, nil
}

// remove is os.Remove, replaced in tests by a failure root cannot make (a
// read-only inbox on another file system).
var remove = os.Remove

// rename is os.Rename, replaced in tests by failures the test machine
// cannot make (another file system, a folder root may not write).
var rename = os.Rename

func freeName(dir, name string) string {
	p := filepath.Join(dir, name)
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 2; ; i++ {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p
		}
		p = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", stem, i, ext))
	}
}

// copyFile copies src to a new file dst, synced, writing what it reads to
// also too (a hash); dst is removed when the copy fails.
func copyFile(src, dst string, also ...io.Writer) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(dst)
		}
	}()
	if _, err = io.Copy(io.MultiWriter(append([]io.Writer{out}, also...)...), in); err != nil {
		return err
	}
	return out.Sync()
}

// Reject moves src into dir as Move does and writes "<name>.txt" beside it
// with the reason and then again (what to do once the file is fixed), in
// Chinese for staff.
func Reject(src, dir, reason, again string) (string, error) {
	dst, err := Move(src, dir)
	if err != nil {
		return "", err
	}
	return dst, WriteReason(dst, reason, again)
}

// WriteReason writes "<dst>.txt" beside the rejected file dst, as Reject
// does.
func WriteReason(dst, reason, again string) error {
	note := "此文件未被处理。\n原因：" + reason + "\n" + again + "\n"
	if err := os.WriteFile(dst+".txt", []byte(note), 0o644); err != nil {
		return fmt.Errorf("write reason for %s: %w", filepath.Base(dst), err)
	}
	return nil
}

// Changed reports whether the file at f.Path no longer has the size and
// modification time List saw: written to, or replaced, since. It returns
// the error of a file gone.
func (f File) Changed() (bool, error) {
	info, err := os.Stat(f.Path)
	if err != nil {
		return false, err
	}
	return info.Size() != f.Size || !info.ModTime().Equal(f.ModTime), nil
}

// Ready reports whether f looks completely copied at now: its size and
// modification time have not changed for quiet, the size is what List saw,
// and open (when not nil) succeeds on it (an .xlsx opens as a workbook). A
// modification time after now (written by a computer whose clock is
// ahead) says nothing of its age: only the other checks judge it, or it
// would never be ready. It returns the reason in Chinese when it is not
// ready.
func Ready(f File, now time.Time, quiet time.Duration, open func(path string) error) (bool, string) {
	if changed, err := f.Changed(); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false, "文件已不在收件箱（已移走，或正被运行归档）"
		}
		return false, "文件读不到：" + err.Error()
	} else if changed {
		return false, "文件仍在变化（正在复制？）"
	}
	if age := now.Sub(f.ModTime); age >= 0 && age < quiet {
		return false, fmt.Sprintf("文件%s内刚被修改，等待复制完成", quiet)
	}
	if open != nil {
		if err := open(f.Path); err != nil {
			return false, "文件还不能作为工作簿打开（可能仍在复制，或已损坏）"
		}
	}
	return true, ""
}

// ByContentDir is the folder, inside the archive, where every processed
// input is also kept under its sha256, for re-runs.
const ByContentDir = "sha256"

// ErrChanged is returned by KeepByContent when the file no longer has the
// content it was read with: replaced or edited since.
var ErrChanged = errors.New("the file changed since it was read")

// KeepByContent keeps a read-only copy of the file at path under
// dir/<sha256>, so a re-run finds an input by the hash its run recorded,
// whatever later happens to the archived file of that name (a copy, not a
// link: editing one must not change the other). An existing entry is left
// as it is. sum is the sha256, in hex, of the content the file was read
// with: a copy with another (the file replaced since) is not kept, and
// ErrChanged is returned.
func KeepByContent(path, dir, sum string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	dst := filepath.Join(dir, sum)
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	tmp := dst + ".tmp"
	os.Remove(tmp)
	h := sha256.New()
	if err := copyFile(path, tmp, h); err != nil {
		return fmt.Errorf("keep %s: %w", filepath.Base(path), err)
	}
	if hex.EncodeToString(h.Sum(nil)) != sum {
		os.Remove(tmp)
		return fmt.Errorf("keep %s: %w", filepath.Base(path), ErrChanged)
	}
	if err := os.Chmod(tmp, 0o444); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// Verify reports whether the file at path exists and has sha256 sum. It
// returns an error saying which: missing, or altered (with the hash found).
func Verify(path, sum string) error {
	got, _, err := hashFile(path)
	if err != nil {
		return fmt.Errorf("missing: %w", err)
	}
	if got != sum {
		return fmt.Errorf("altered: sha256 is %s, the run recorded %s", got, sum)
	}
	return nil
}
