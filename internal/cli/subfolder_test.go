package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disburse/internal/domain"
)

// A roster put in a subfolder of the inbox is not read, and not in
// silence: the run names the folder with ！！ and records it in 异常清单
// (inbox_subfolder), leaves its files where they are, approve asks to be
// told twice, and status shows it. An inbox whose rosters are all in
// subfolders says so.
func TestRostersInSubfolders(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	east := "2026年11月_东街街道_老年人补贴花名册.xlsx"
	if err := os.Mkdir(filepath.Join(h.inbox, "东街"), 0o755); err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(h.inbox, "东街", east)
	if err := os.Rename(filepath.Join(h.inbox, east), moved); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(h.inbox, "扫描件"), 0o755) // no roster in it: nothing to say
	os.WriteFile(filepath.Join(h.inbox, "扫描件", "签字页.pdf"), []byte("%PDF"), 0o644)

	out := h.mustRun("run", "--month", "2026-11")
	if !strings.Contains(out, "！！未读取（留在收件箱原处）东街/：收件箱中的文件夹「东街」里有 1 个像花名册的文件（"+east+"）") || strings.Contains(out, "扫描件") {
		t.Errorf("summary does not name the subfolder:\n%s", out)
	}
	if _, err := os.Stat(moved); err != nil {
		t.Errorf("the roster in the subfolder was moved: %v", err)
	}
	findings := h.findings(mustMonth(t, "2026-11"))
	found := 0
	for _, f := range findings {
		if f.Code == "inbox_subfolder" {
			found++
			if f.Severity != domain.Rejected || f.Where.File != "东街/" {
				t.Errorf("finding %+v", f)
			}
		}
	}
	if found != 1 {
		t.Errorf("%d inbox_subfolder findings, want 1", found)
	}
	code, aout, errs := h.main("approve", "--month", "2026-11", "--by", "李会计", "--data", h.data)
	if code != ExitFailure || !strings.Contains(aout, "！！东街/：收件箱中的文件夹「东街」") || !strings.Contains(errs, "--despite-warnings") {
		t.Errorf("approve of a month with a subfolder unread: exit %d\n%s\n%s", code, aout, errs)
	}
	code, sout, errs := h.main("status", "--inbox", h.inbox, "--data", h.data)
	if code != ExitOK || !strings.Contains(sout, "！！子文件夹「东街」：1 个像花名册的文件，不会读取") {
		t.Errorf("status: exit %d\n%s\n%s", code, sout, errs)
	}

	h = newHarness(t, "")
	os.Mkdir(filepath.Join(h.inbox, "西街"), 0o755)
	os.WriteFile(filepath.Join(h.inbox, "西街", "a.xlsx"), []byte("x"), 0o644)
	code, _, errs = h.main("run", "--month", "2026-11")
	if code != ExitFailure || !strings.Contains(errs, "花名册在子文件夹「西街」中") {
		t.Errorf("an inbox with rosters only in a subfolder: exit %d\n%s", code, errs)
	}
}

// A roster linked into the inbox (a symbolic link, to the file or to its
// folder) is not read, and not in silence: the run, approve and status
// name the link with ！！ (status also counts the draft's warnings); an
// inbox of links alone says so.
func TestRostersLinkedIntoTheInbox(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	east := "2026年11月_东街街道_老年人补贴花名册.xlsx"
	elsewhere := filepath.Join(t.TempDir(), east)
	if err := os.Rename(filepath.Join(h.inbox, east), elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(h.inbox, east)); err != nil {
		t.Fatal(err)
	}
	out := h.mustRun("run", "--month", "2026-11")
	if !strings.Contains(out, "！！未读取（留在收件箱原处）"+east+"：收件箱中的「"+east+"」是一个链接") || !strings.Contains(out, "拒收文件 0 个，另有 1 个未读取") {
		t.Errorf("summary does not name the link:\n%s", out)
	}
	if _, err := os.Lstat(filepath.Join(h.inbox, east)); err != nil {
		t.Errorf("the link was moved: %v", err)
	}
	code, aout, errs := h.main("approve", "--month", "2026-11", "--by", "李会计", "--data", h.data)
	if code != ExitFailure || !strings.Contains(aout, "是一个链接") {
		t.Errorf("approve of a month with a link unread: exit %d\n%s\n%s", code, aout, errs)
	}
	code, sout, errs := h.main("status", "--inbox", h.inbox, "--data", h.data)
	if code != ExitOK || !strings.Contains(sout, "！！「"+east+"」是链接") || !strings.Contains(sout, "！！有 1 条须先核实的警告") {
		t.Errorf("status: exit %d\n%s\n%s", code, sout, errs)
	}

	h = newHarness(t, "")
	if err := os.Symlink(filepath.Dir(elsewhere), filepath.Join(h.inbox, "东街")); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := h.main("run", "--month", "2026-11"); code == ExitOK || !strings.Contains(errs, "「东街」是链接") {
		t.Errorf("an inbox of a link alone: exit %d\n%s", code, errs)
	}
}

// A roster renamed by mistake like a lock or temporary file (~$东街.xlsx,
// 东街.xlsx.tmp) is not read, and not in silence: the run and status name
// it with ！！. A real lock file (a few bytes of text) is ignored quietly.
func TestWorkbookNamedAsALockFile(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	east := "2026年11月_东街街道_老年人补贴花名册.xlsx"
	for _, name := range []string{"~$" + east, east + ".tmp"} {
		copyFile(t, filepath.Join(h.inbox, east), filepath.Join(h.inbox, name))
	}
	os.Remove(filepath.Join(h.inbox, east))
	os.WriteFile(filepath.Join(h.inbox, "~$2026年11月_西街街道_老年人补贴花名册.xlsx"), []byte("王会计                          "), 0o644)
	out := h.mustRun("run", "--month", "2026-11")
	for _, name := range []string{"~$" + east, east + ".tmp"} {
		if !strings.Contains(out, "！！未读取（留在收件箱原处）"+name+"：收件箱中的「"+name+"」是一个工作簿") {
			t.Errorf("summary does not name %s:\n%s", name, out)
		}
	}
	if strings.Contains(out, "~$2026年11月_西街街道") {
		t.Errorf("a lock file is named:\n%s", out)
	}
	code, sout, errs := h.main("status", "--inbox", h.inbox, "--data", h.data)
	if code != ExitOK || !strings.Contains(sout, "！！「~$"+east+"」是工作簿") {
		t.Errorf("status: exit %d\n%s\n%s", code, sout, errs)
	}
}
