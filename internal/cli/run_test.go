package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"disburse/internal/changes"
	"github.com/shopspring/decimal"

	"disburse/internal/calc"
	"disburse/internal/domain"
	"disburse/internal/inbox"
	"disburse/internal/lock"
	"disburse/internal/progress"
	"disburse/internal/roster"
	"disburse/internal/rules"
)

const acceptanceInbox = "../../fixtures/acceptance/2026-11/inbox"

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != lock.ClaimFileName { // the data folder's claim, no roster
			out = append(out, e.Name())
		}
	}
	return out
}

func TestUsageErrors(t *testing.T) {
	h := newHarness(t, "")
	for _, args := range [][]string{
		{"run"},
		{"run", "--month", "2026-13"},
		{"run", "--month", "2026-11", "--bogus"},
		{"payments", "--month", "2026-11", "--format", "xml"},
		{"nonsense"},
	} {
		if code, _, _ := h.main(args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestEmptyInboxRecordsNothing(t *testing.T) {
	h := newHarness(t, "")
	os.WriteFile(filepath.Join(h.inbox, "~$lock.xlsx"), []byte("x"), 0o644)
	code, _, errs := h.main("run", "--month", "2026-11")
	if code != ExitFailure || !strings.Contains(errs, "没有花名册") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(h.data, "disburse.db")); !os.IsNotExist(err) {
		t.Error("an empty inbox created a database")
	}
}

// An inbox that does not exist, or is a file, is said wholly in Chinese,
// naming the folder and what to check, with no English system error
// behind it and no English-led hint: nothing is recorded or created.
func TestMissingInboxIsSaidInChinese(t *testing.T) {
	h := newHarness(t, "")
	os.Remove(h.inbox)
	code, _, errs := h.main("run", "--month", "2026-11")
	if code != ExitFailure || !strings.Contains(errs, "收件箱 "+h.inbox+" 不存在：请检查 --inbox") ||
		strings.Contains(errs, "no such file") || strings.Contains(errs, "read inbox") || strings.Count(errs, "disburse:") != 1 {
		t.Errorf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(h.data); !os.IsNotExist(err) {
		t.Error("a missing inbox created the data folder")
	}
	os.WriteFile(h.inbox, []byte("x"), 0o644)
	if code, _, errs := h.main("run", "--month", "2026-11"); code != ExitFailure || !strings.Contains(errs, "不是文件夹") || strings.Contains(errs, "not a directory") {
		t.Errorf("an inbox that is a file: exit %d: %s", code, errs)
	}
	h.inbox = "no-such-inbox" // relative: where it was looked for is named
	abs, _ := filepath.Abs(h.inbox)
	if _, _, errs := h.main("run", "--month", "2026-11"); !strings.Contains(errs, "收件箱 no-such-inbox（即 "+abs+"）不存在") {
		t.Errorf("a relative inbox: %s", errs)
	}
}

// Running a month again after its run (which moved the rosters out of the
// inbox) says the month is recorded and where its rosters went, not only
// that the inbox is empty; once approved, that it cannot be run again.
func TestEmptyInboxOfRecordedMonth(t *testing.T) {
	h := newHarness(t, "")
	h.runAcceptance("2026-11", nil)
	for _, want := range []string{"已有发放记录（运行编号 1", filepath.Join(h.data, "archive", "2026-11"), "--replace"} {
		if code, _, errs := h.main("run", "--month", "2026-11"); code != ExitFailure || !strings.Contains(errs, want) {
			t.Errorf("exit %d, want %q in: %s", code, want, errs)
		}
	}
	if _, _, errs := h.main("run", "--month", "2026-10"); strings.Contains(errs, "已有发放记录") {
		t.Errorf("a month never run is called recorded: %s", errs)
	}
	h.approve("2026-11")
	if _, _, errs := h.main("run", "--month", "2026-11"); !strings.Contains(errs, "已审批，不能重新计算") || strings.Contains(errs, "--replace") {
		t.Errorf("approved month: %s", errs)
	}
}

// A month with no rules in force is an error, not a zero: nothing is
// recorded and the inbox is untouched.
func TestMonthWithoutRulesRecordsNothing(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	before := listDir(t, h.inbox)
	code, _, errs := h.main("run", "--month", "2023-12")
	if code != ExitFailure || !strings.Contains(errs, "no value in force on 2023-12-01") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got := listDir(t, h.inbox); strings.Join(got, ",") != strings.Join(before, ",") {
		t.Errorf("inbox changed: %v", got)
	}
}

func TestRecordedMonthRefusedUnlessReplace(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	if got := listDir(t, h.inbox); len(got) != 0 {
		t.Fatalf("inbox not emptied after a recorded run: %v", got)
	}
	if got := listDir(t, filepath.Join(h.data, "archive", "2026-11")); len(got) != 3 {
		t.Fatalf("archive holds %v", got)
	}

	copyDir(t, acceptanceInbox, h.inbox)
	code, _, errs := h.main("run", "--month", "2026-11")
	if code != ExitFailure || !strings.Contains(errs, "--replace") {
		t.Fatalf("second run: exit %d: %s", code, errs)
	}
	if got := listDir(t, h.inbox); len(got) != 3 {
		t.Fatalf("refused run touched the inbox: %v", got)
	}

	out := h.mustRun("run", "--month", "2026-11", "--replace")
	if !strings.Contains(out, "替换运行 1") {
		t.Errorf("summary does not say what it replaced:\n%s", out)
	}
	kept := strings.Join(listDir(t, filepath.Join(h.data, "out", "2026-11", "被替换-运行1")), " ")
	for _, want := range []string{"代发", "公示", "街道", "作废-运行1-区民政局.xlsx", "作废-运行1-国网晋城供电公司城区供电中心.xlsx", "作废-运行1-异常清单.xlsx", "作废-运行1-区交通局.xlsx"} {
		if !strings.Contains(kept, want) {
			t.Errorf("%s of the replaced run not kept: %s", want, kept)
		}
	}
	archived := listDir(t, filepath.Join(h.data, "archive", "2026-11"))
	if len(archived) != 6 {
		t.Errorf("archive after replace: %v", archived)
	}
}

// A late roster alone in the inbox does not replace a whole month with one
// street: the replacing run is refused, naming the streets it would drop
// and where their rosters went, and nothing is recorded or moved; with
// --drop-streets it is what the operator asked for.
func TestReplaceRefusesToDropStreets(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	late := "2026年11月_西街街道_老年人补贴花名册.xlsx"
	copyFile(t, filepath.Join("../../fixtures/inbox/2026-11", late), filepath.Join(h.inbox, late))
	code, _, errs := h.main("run", "--month", "2026-11", "--replace")
	if code != ExitFailure || !strings.Contains(errs, "东街街道（") || strings.Contains(errs, "西街街道（") ||
		!strings.Contains(errs, filepath.Join(h.data, "archive", "2026-11")) || !strings.Contains(errs, "--drop-streets") {
		t.Fatalf("replace with one street: exit %d: %s", code, errs)
	}
	if n := h.runsOf("2026-11"); n != 1 {
		t.Errorf("refused replace recorded a run: %d runs", n)
	}
	if got := listDir(t, h.inbox); len(got) != 1 {
		t.Errorf("refused replace touched the inbox: %v", got)
	}
	// 东街's roster beside a copy with other rows: both refused, and the
	// refusal names them rather than saying the inbox has no 东街.
	east := filepath.Join(h.inbox, "2026年11月_东街街道_老年人补贴花名册.xlsx")
	copyFile(t, filepath.Join("../../fixtures/inbox/2026-11", filepath.Base(east)), east)
	copyFile(t, east, strings.TrimSuffix(east, ".xlsx")+" (2).xlsx")
	setCell(t, strings.TrimSuffix(east, ".xlsx")+" (2).xlsx", "Sheet1", "B5", "改过的姓名")
	if code, _, errs := h.main("run", "--month", "2026-11", "--replace"); code != ExitFailure || !strings.Contains(errs, "拒收了以下文件") || !strings.Contains(errs, "「2026年11月_东街街道_老年人补贴花名册 (2).xlsx」：同一花名册有多个内容不同的文件") {
		t.Errorf("replace with 东街's two versions refused: exit %d: %s", code, errs)
	}
	os.Remove(east)
	os.Remove(strings.TrimSuffix(east, ".xlsx") + " (2).xlsx")
	out := h.mustRun("run", "--month", "2026-11", "--replace", "--drop-streets")
	if !strings.Contains(out, "替换运行 1") {
		t.Errorf("replace with --drop-streets:\n%s", out)
	}
}

// Unusable workbooks are rejected with their reason beside them, and the
// others are paid.
func TestRejectedFilesDoNotStopTheRun(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	os.WriteFile(filepath.Join(h.inbox, "旧格式.xls"), []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), 0o644)
	os.WriteFile(filepath.Join(h.inbox, "损坏.xlsx"), []byte("not a zip"), 0o644)
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "住址"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"张三", "东街"})
	if err := f.SaveAs(filepath.Join(h.inbox, "无身份证列.xlsx")); err != nil {
		t.Fatal(err)
	}
	out := h.mustRun("run", "--month", "2026-11")
	rej := filepath.Join(h.data, "rejected", "2026-11")
	rosters, _ := filepath.Glob(filepath.Join(acceptanceInbox, "*.xlsx"))
	if !strings.Contains(out, "拒收文件 3 个") || !strings.Contains(out, fmt.Sprintf("已处理的花名册（%d 个）", len(rosters))) || !strings.Contains(out, "拒收的文件（3 个）移至 "+rej) {
		t.Errorf("summary (%d rosters to archive, 3 rejected):\n%s", len(rosters), out)
	}
	for name, reason := range map[string]string{"旧格式.xls": "另存为 .xlsx", "损坏.xlsx": "不是 Excel 工作簿", "无身份证列.xlsx": "缺少「公民身份号码」列"} {
		b, err := os.ReadFile(filepath.Join(rej, name+".txt"))
		if err != nil || !strings.Contains(string(b), reason) {
			t.Errorf("%s: reason %q, %v", name, b, err)
		}
		if _, err := os.Stat(filepath.Join(rej, name)); err != nil {
			t.Errorf("%s not kept in rejected/: %v", name, err)
		}
	}
}

// When nothing in the inbox can be read there is no run.
func TestOnlyRejectedFilesRecordsNothing(t *testing.T) {
	h := newHarness(t, "")
	os.WriteFile(filepath.Join(h.inbox, "损坏.xlsx"), []byte("not a zip"), 0o644)
	code, _, errs := h.main("run", "--month", "2026-11")
	if code != ExitFailure || !strings.Contains(errs, "损坏.xlsx") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got := listDir(t, h.inbox); len(got) != 1 {
		t.Errorf("inbox changed: %v", got)
	}
}

// A roster still being copied when the run starts (the zip cut short, or
// not a byte written yet, written just now) refuses the run: nothing
// recorded, the inbox as it was, instead of the month recorded without
// that street and the file moved to rejected/. The same file, untouched for
// longer than quiet_period, is a broken file: rejected, and the month
// recorded without it.
func TestRosterStillCopyingRefusesTheRun(t *testing.T) {
	for _, c := range []struct {
		name, code string
		keep       func(n int) int // bytes of the file written so far
	}{
		{"half", "file_unreadable", func(n int) int { return n / 2 }},
		{"empty", "file_empty", func(int) int { return 0 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, acceptanceInbox)
			whole, err := os.ReadFile(filepath.Join(h.inbox, acceptanceEast))
			if err != nil {
				t.Fatal(err)
			}
			half := filepath.Join(h.inbox, acceptanceEast)
			if err := os.WriteFile(half, whole[:c.keep(len(whole))], 0o644); err != nil {
				t.Fatal(err)
			}
			before := listDir(t, h.inbox)
			code, _, errs := h.main("run", "--month", "2026-11")
			if code != ExitFailure || !strings.Contains(errs, "可能仍在复制") || !strings.Contains(errs, acceptanceEast) {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if got := listDir(t, h.inbox); !slices.Equal(got, before) {
				t.Errorf("inbox changed: %v, was %v", got, before)
			}
			if _, ok, _ := h.db().LatestRun(context.Background(), mustMonth(t, "2026-11")); ok {
				t.Error("a run was recorded")
			}
			old := time.Now().Add(-time.Hour)
			if err := os.Chtimes(half, old, old); err != nil {
				t.Fatal(err)
			}
			// Recorded, but a street's people are unpaid: exit 5, for a
			// cron job that reads only the status, and stderr says why.
			if code, _, errs := h.main("run", "--month", "2026-11"); code != ExitWarned || !strings.Contains(errs, "运行1 已记录，但上面的摘要有 1 条 ！！ 警告") {
				t.Fatalf("an old broken file: exit %d: %s", code, errs)
			}
			if !slices.ContainsFunc(h.findings(mustMonth(t, "2026-11")), func(f domain.Finding) bool { return f.Code == c.code && f.Where.File == acceptanceEast }) {
				t.Errorf("the old broken file is not rejected as %s", c.code)
			}
			note, err := os.ReadFile(filepath.Join(h.data, "rejected", "2026-11", acceptanceEast+".txt"))
			if err != nil || !strings.Contains(string(note), "disburse run --month 2026-11 --replace") || !strings.Contains(string(note), filepath.Join(h.data, "archive", "2026-11")) {
				t.Errorf("the rejected file's note does not say how to pay its people once fixed (%v):\n%s", err, note)
			}
		})
	}
}

func TestRulesCommand(t *testing.T) {
	h := newHarness(t, "")
	code, out, errs := h.main("rules", "--month", "2026-11")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"高龄津贴", "清单第16、17项", "920.00元，低保 1640.00元", "54.50元", "15千瓦时", "2024-01-01",
		"残疾等级一级/二级]", "与重度残疾人护理补贴不重复享受，择高发放", "服务名单（不发放金额）  [60周岁以上，低保]"} {
		if !strings.Contains(out, want) {
			t.Errorf("rules output lacks %q:\n%s", want, out)
		}
	}
	// Staff read it: no Go syntax, no group codes, no amount 0 for a
	// service, no empty brackets.
	if regexp.MustCompile(`\[\d+[ \]]|同组\(| 0 |\[\]`).MatchString(out) {
		t.Errorf("rules output shows the program's own notation:\n%s", out)
	}
	if code, _, _ := h.main("rules", "--month", "2023-12"); code != ExitFailure {
		t.Errorf("rules for a month with none in force: exit %d", code)
	}
}

// An entry dated inside the month (15 November) is not the month's: the
// rules of November show the entry of 1 November and say the other's date
// and that it pays from December, as the run's 提示 does.
func TestRulesCommandTellsAnEntryInsideTheMonth(t *testing.T) {
	h := newHarness(t, "")
	dir := rulesCopy(t, func(name string, b []byte) []byte {
		if name == "care_subsidy.yaml" {
			b = append(b, "  - effective: 2026-11-15\n    item: \"19\"\n    bands:\n      - label: 不能自理 经济困难\n        min_age: 60\n        amount: \"120.00\"\n"...)
		}
		return b
	})
	code, out, errs := h.main("rules", "--month", "2026-11", "--rules", dir)
	if code != ExitOK || !strings.Contains(out, "每月 100.00元") ||
		!strings.Contains(out, "！！另有 2026-11-15 起执行的标准（第19项）：按月发放的补贴按每月1日执行的标准计算，2026年11月仍按上面的标准发放，新标准自2026年12月起发放") {
		t.Errorf("exit %d: %s\n%s", code, errs, out)
	}
	if code, out, _ := h.main("rules", "--month", "2026-12", "--rules", dir); code != ExitOK || !strings.Contains(out, "每月 120.00元") || strings.Contains(out, "另有") {
		t.Errorf("December: exit %d\n%s", code, out)
	}
}

// A rate entered from the first day of the month is named in the run's
// summary as in force from this month; the month after, it is not new. One
// from a later day is named by the month after, the first it pays.
func TestSummaryNamesRatesNewThisMonth(t *testing.T) {
	dir := allowanceFrom(t, "2026-11-01", "1200.00")
	h := newHarness(t, acceptanceInbox)
	const said = "本月起执行新标准：高龄津贴（清单第16、17项，2026-11-01起）（标准见 disburse rules --month 2026-11）"
	if out := h.mustRun("run", "--month", "2026-11", "--rules", dir); !strings.Contains(out, said) || strings.Contains(out, "护理补贴（清单") {
		t.Errorf("November's summary:\n%s", out)
	}
	h.approve("2026-11")
	copyDir(t, acceptanceInbox, h.inbox)
	if out := h.mustRun("run", "--month", "2026-12", "--rules", dir); strings.Contains(out, "本月起执行新标准") {
		t.Errorf("December's summary:\n%s", out)
	}
	// An entry from 15 November is first paid by December: December's
	// summary names it, November's does not.
	mid := allowanceFrom(t, "2026-11-15", "1200.00")
	h = newHarness(t, acceptanceInbox)
	if out := h.mustRun("run", "--month", "2026-11", "--rules", mid); strings.Contains(out, "本月起执行新标准") {
		t.Errorf("November's summary names an entry from 15 November:\n%s", out)
	}
	h.approve("2026-11")
	copyDir(t, acceptanceInbox, h.inbox)
	if out := h.mustRun("run", "--month", "2026-12", "--rules", mid); !strings.Contains(out, "本月起执行新标准：高龄津贴（清单第16、17项，2026-11-15起）") {
		t.Errorf("December's summary does not name the entry it is the first to pay:\n%s", out)
	}
}

func TestPaymentsWithoutRun(t *testing.T) {
	h := newHarness(t, "")
	if code, _, _ := h.main("payments", "--month", "2026-11"); code != ExitFailure {
		t.Errorf("exit %d", code)
	}
}

// A rules file deleted by mistake stops the run instead of silently paying
// nobody that benefit.
func TestMissingRulesFileStopsTheRun(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	dir := rulesCopy(t, func(name string, b []byte) []byte {
		if name == "care_subsidy.yaml" {
			return nil
		}
		return b
	})
	var out, errb strings.Builder
	code := Main(t.Context(), []string{"run", "--month", "2026-11", "--inbox", h.inbox, "--data", h.data, "--rules", dir, "-q"}, &out, &errb)
	if code != ExitFailure || !strings.Contains(errb.String(), "care_subsidy has no rules file") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}

// A 高龄津贴 amount left empty by hand (read as nothing, it suspended the
// 80-89 band and paid nobody of it, without a word) stops the run before
// anything is recorded, naming the file and the line.
func TestEmptyAmountStopsTheRun(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	dir := rulesCopy(t, func(name string, b []byte) []byte {
		if name == "senior_allowance.yaml" {
			b = []byte(strings.Replace(string(b), `amount: "920.00"`, `amount:`, 1))
		}
		return b
	})
	before := listDir(t, h.inbox)
	var out, errb strings.Builder
	code := Main(t.Context(), []string{"run", "--month", "2026-11", "--inbox", h.inbox, "--data", h.data, "--rules", dir, "-q"}, &out, &errb)
	if code != ExitFailure || !strings.Contains(errb.String(), "规则文件 "+filepath.Join(dir, "senior_allowance.yaml")+" 第26行有误") ||
		!strings.Contains(errb.String(), "rules senior_allowance.yaml: 第26行：amount 是空的：请写上金额，如 amount: \"920.00\"（写 \"0.00\" 即本档暂停发放） (line 26: values[0].bands[0]: amount is empty") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
	if got := listDir(t, h.inbox); strings.Join(got, ",") != strings.Join(before, ",") {
		t.Errorf("inbox changed: %v", got)
	}
	if _, err := os.Stat(filepath.Join(h.data, "out", "2026-11")); err == nil {
		t.Error("workbooks written")
	}
}

func TestFutureMonthRefused(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	code, _, errs := h.main("run", "--month", "9999-12")
	if code != ExitFailure || !strings.Contains(errs, "不能发放未来月份") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// Rosters are read several at a time; the lines and findings are the same
// as when they are read one by one.
func TestConcurrentReadIsDeterministic(t *testing.T) {
	run := func(procs int) (string, []string) {
		prev := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(prev)
		h := newHarness(t, "../../fixtures/inbox/2026-11")
		h.mustRun("run", "--month", "2026-11")
		_, csvOut, _ := h.main("payments", "--month", "2026-11", "--format", "csv")
		return csvOut, h.heldRows(mustMonth(t, "2026-11"))
	}
	a, ha := run(1)
	b, hb := run(4)
	if a != b || strings.Join(ha, "|") != strings.Join(hb, "|") {
		t.Error("a concurrent read gives other lines or findings than a sequential one")
	}
}

// Without a terminal, a run logs its progress (rows read per file, workbooks
// written, rows recorded) every --progress-every; with --quiet it shows
// none.
func TestRunProgressLog(t *testing.T) {
	for _, quiet := range []bool{false, true} {
		h := newHarness(t, "../../fixtures/inbox/2026-11")
		args := []string{"run", "--month", "2026-11", "--inbox", h.inbox, "--data", h.data, "--rules", rulesDir, "--progress-every", "1ms"}
		if quiet {
			args = append(args, "--quiet")
		}
		var out, errb bytes.Buffer
		if code := Main(context.Background(), args, &out, &errb); code != ExitOK {
			t.Fatalf("exit %d\n%s", code, errb.String())
		}
		got := errb.String()
		switch {
		case quiet && strings.Contains(got, "progress"):
			t.Errorf("--quiet showed progress:\n%s", got)
		case !quiet && !strings.Contains(got, "msg=progress task=写出工作簿"):
			t.Errorf("no progress line for writing workbooks:\n%s", got)
		case !quiet && !strings.Contains(got, "unit=行"):
			t.Errorf("no progress line for reading rosters:\n%s", got)
		case !quiet && !recordedAll(got):
			t.Errorf("no progress line for the rows recorded, all of them:\n%s", got)
		}
	}
}

// In a terminal every part of a run has a bar, each full at the end: the
// rosters read, the steps between reading and recording, the workbooks,
// the rows recorded and the commit. (Without a terminal a task shorter
// than --progress-every logs nothing, so the log cannot show them all.)
func TestRunProgressBars(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	var out bytes.Buffer // read once runMonth has returned: its Reporter.Stop waits for the last drawing
	pr := progress.New(progress.ModeBar, &out, nil, 0)
	if _, err := runMonth(context.Background(), runOptions{Month: mustMonth(t, "2026-11"), Inbox: h.inbox, Data: h.data, Rules: rulesDir, Now: time.Now, Progress: pr},
		slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	got := regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`).ReplaceAllString(out.String(), "")
	for _, want := range []string{"东街街道", "写出工作簿", "记录到数据库", fmt.Sprintf("核对与计算 +%d / %d 步", checkSteps, checkSteps), "提交数据库 +1 / 1 步"} {
		if !regexp.MustCompile(want).MatchString(got) {
			t.Errorf("no bar %q:\n%s", want, got)
		}
	}
}

// recordedAll reports whether a progress log has the line of the rows
// recorded when that task finished, done equal to the total.
func recordedAll(log string) bool {
	m := regexp.MustCompile(`msg=progress task=记录到数据库 done=(\d+) total=(\d+) unit=行 .*finished=true`).FindStringSubmatch(log)
	return m != nil && m[1] == m[2] && m[1] != "0"
}

// The summary lists rejected files in file-name order, the same every run,
// with ！！ since their people are not paid, and lists no service as if it
// paid 0.
func TestSummaryRejectedInOrder(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	for _, name := range []string{"c.xlsx", "a.xlsx", "b.xls"} {
		if err := os.WriteFile(filepath.Join(h.inbox, name), []byte("not a workbook: "+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := h.mustRun("run", "--month", "2026-11")
	var rejected []string
	for _, line := range strings.Split(out, "\n") {
		if r, ok := strings.CutPrefix(strings.TrimSpace(line), "！！拒收（其中的人员本月未发放）"); ok {
			rejected = append(rejected, strings.Fields(r)[0])
		}
	}
	if want := []string{"a.xlsx:", "b.xls:", "c.xlsx:"}; !slices.Equal(rejected, want) {
		t.Errorf("rejected files listed as %v, want %v\n%s", rejected, want, out)
	}
	if strings.Contains(out, "有线电视") {
		t.Errorf("a service is in the money summary:\n%s", out)
	}
	if code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data); code == ExitOK || !strings.Contains(out+errs, "！！拒收的文件「a.xlsx」中的人员本月未发放") {
		t.Errorf("approve with rejected files: exit %d\n%s%s", code, out, errs)
	}
}

// Rosters that may be an earlier month's are named in the summary and in
// 提示, and the same file given twice is read once.
func TestStaleAndDuplicateRosters(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-10")
	h.mustRun("run", "--month", "2026-10")
	copyDir(t, "../../fixtures/inbox/2026-10", h.inbox) // October's files again
	out := h.mustRun("run", "--month", "2026-11")
	if !strings.Contains(out, "！！2026年10月_东街街道_老年人补贴花名册.xlsx：与 2026-10 已处理的「2026年10月_东街街道_老年人补贴花名册.xlsx」内容完全相同") {
		t.Errorf("summary does not name a roster already paid in October:\n%s", out)
	}
	// Approval repeats the warning and asks to be told twice.
	code, out, errs := h.main("approve", "--month", "2026-11", "--by", "李会计", "--data", h.data)
	if code != ExitFailure || !strings.Contains(out, "！！2026年10月_东街街道_老年人补贴花名册.xlsx：与 2026-10") || !strings.Contains(errs, "--despite-warnings") {
		t.Errorf("approve of a month paid from October's rosters: exit %d\n%s\n%s", code, out, errs)
	}
	if out := h.mustRun("approve", "--month", "2026-11", "--by", "李会计", "--despite-warnings", "--data", h.data); !strings.Contains(out, "已审批") {
		t.Errorf("approve --despite-warnings:\n%s", out)
	}

	h = newHarness(t, "../../fixtures/inbox/2026-10")
	east := "2026年10月_东街街道_老年人补贴花名册.xlsx"
	copyFile(t, filepath.Join(h.inbox, east), filepath.Join(h.inbox, "东街 (2).xlsx"))
	out = h.mustRun("run", "--month", "2026-11")
	if !strings.Contains(out, "！！"+east+"：文件名写的是2026年10月，本次发放的是2026年11月") {
		t.Errorf("summary does not name a roster whose name says October:\n%s", out)
	}
	// The copy's rows are no duplicates of the people: only the fixture's
	// own repeated row is counted.
	if !strings.Contains(out, "拒收 东街 (2).xlsx: 与「"+east+"」内容完全相同") || !strings.Contains(out, "另有 1 行是同一人已列入的重复行") {
		t.Errorf("the same file twice is not read once:\n%s", out)
	}
	findings := h.findings(mustMonth(t, "2026-11"))
	for _, f := range findings {
		if f.Where.File == "东街 (2).xlsx" && f.Code != "file_duplicate" {
			t.Errorf("a row of the file given twice was read again: %+v", f)
			break
		}
	}

	// Saved again under another title, the same roster has other bytes but
	// the same rows: the copy, although it sorts first, is the one refused.
	h = newHarness(t, "../../fixtures/inbox/2026-11")
	east = "2026年11月_东街街道_老年人补贴花名册.xlsx"
	resaved := "2026年11月_东街街道_老年人补贴花名册 - 副本.xlsx"
	f, err := excelize.OpenFile(filepath.Join(h.inbox, east))
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStr(f.GetSheetList()[0], "A1", "东街街道老年人补贴花名册（另存）")
	if err := f.SaveAs(filepath.Join(h.inbox, resaved)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out = h.mustRun("run", "--month", "2026-11")
	if !strings.Contains(out, "拒收 "+resaved+": 与「"+east+"」的人员行完全相同") || !strings.Contains(out, "另有 1 行是同一人已列入的重复行") {
		t.Errorf("a roster saved again is not read once:\n%s", out)
	}

	// A roster beside its revision is refused, its people read from the
	// revision: told, without ！！, approve not refused for it, and its
	// note does not ask for it to be put back. A byte-identical revision
	// is read too, not refused as the original's duplicate (a tester's
	// street went unpaid without a word).
	h = newHarness(t, "../../fixtures/inbox/2026-11")
	revised := strings.TrimSuffix(east, ".xlsx") + "_修改.xlsx"
	copyFile(t, filepath.Join(h.inbox, east), filepath.Join(h.inbox, revised))
	out = h.mustRun("run", "--month", "2026-11")
	if !strings.Contains(out, "  拒收 "+east+":") || strings.Contains(out, "！！拒收") || strings.Contains(out, "拒收 "+revised) || !strings.Contains(out, "高龄津贴               138 人") {
		t.Errorf("a roster beside its revision:\n%s", out)
	}
	if code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data); code != ExitOK {
		t.Errorf("approve refused for a roster its revision replaced: exit %d\n%s%s", code, out, errs)
	}
	if note, err := os.ReadFile(filepath.Join(h.data, "rejected", "2026-11", east+".txt")); err != nil || strings.Contains(string(note), "--replace") {
		t.Errorf("the replaced roster's note (%v):\n%s", err, note)
	}
}

// exportCSV writes the roster sheet of the workbook at xlsx as a CSV file
// at path the way Excel or WPS saves it: the cells as shown (a date as
// 1930-10-05, not the serial number the cell holds), every row as wide as
// the widest, in UTF-8 with a byte-order mark. edit, when not nil, changes
// the rows first, given the index of the header row.
func exportCSV(t *testing.T, xlsx, path string, edit func(rows [][]string, header int)) {
	t.Helper()
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for i, r := range rows {
		rows[i] = append(r, make([]string, width-len(r))...)
	}
	if edit != nil {
		edit(rows, slices.IndexFunc(rows, func(r []string) bool { return slices.Contains(r, "公民身份号码") }))
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append([]byte("\ufeff"), b.Bytes()...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A street's roster beside its CSV export (the same people with the same
// values, the cells written as shown: dates as text, trailing empty
// cells) is one roster, read once: the workbook is read and the export
// refused as its duplicate, naming it, without ！！ (a tester's street
// went unpaid, both refused as two versions). An export whose values
// differ is another version: both are refused.
func TestCSVExportBesideItsWorkbookIsReadOnce(t *testing.T) {
	east := "2026年11月_东街街道_老年人补贴花名册.xlsx"
	export := strings.TrimSuffix(east, ".xlsx") + ".csv"
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	exportCSV(t, filepath.Join(h.inbox, east), filepath.Join(h.inbox, export), nil)
	out := h.mustRun("run", "--month", "2026-11")
	if !strings.Contains(out, "  拒收 "+export+": 与「"+east+"」的人员行完全相同") || strings.Contains(out, "！！拒收") ||
		!strings.Contains(out, "高龄津贴               138 人  合计       20466.02") {
		t.Errorf("a roster beside its CSV export is not read once:\n%s", out)
	}
	if archived := listDir(t, filepath.Join(h.data, "archive", "2026-11")); !slices.Contains(archived, east) {
		t.Errorf("the workbook is not the file read: archived %v", archived)
	}

	h = newHarness(t, "../../fixtures/inbox/2026-11")
	exportCSV(t, filepath.Join(h.inbox, east), filepath.Join(h.inbox, export), func(rows [][]string, header int) {
		dibao := slices.Index(rows[header], "低保类别")
		rows[header+1][dibao] = "城市低保" // 邹香's 农村低保
	})
	out = h.mustRun("run", "--month", "2026-11")
	if n := strings.Count(out, "像是同一花名册的两个版本"); n != 2 {
		t.Errorf("an export whose values differ: %d of the two files refused as versions\n%s", n, out)
	}
}

// A file whose people name two streets gets one notice counting each; a
// file of one street gets none.
func TestMixedStreetFiles(t *testing.T) {
	person := func(file, street string) domain.Listing {
		return domain.Listing{Person: &domain.Person{Street: street, Source: domain.Location{File: file}}}
	}
	got := mixedStreetFiles([]domain.Listing{
		person("测试街道.xlsx", "测试街道"), person("东街.xlsx", "东街街道"), person("测试街道.xlsx", "石店镇"),
		person("测试街道.xlsx", "测试街道"), person("东街.xlsx", "东街街道"),
	})
	if len(got) != 1 || got[0].Code != "file_streets_mixed" || got[0].Where.File != "测试街道.xlsx" ||
		!strings.Contains(got[0].Message, "（测试街道 2 人、石店镇 1 人）") {
		t.Errorf("notices %+v", got)
	}
}

// Of two files with the same content, the one not named as a copy is read,
// although "X - 副本.xlsx" sorts before "X.xlsx"; two copies keep the first.
// Of a workbook and its CSV export, the workbook is read, although X.csv
// sorts first, but not a workbook named as a copy.
func TestKeptCopies(t *testing.T) {
	files := []inbox.File{
		{Name: "东街 - 副本.xlsx", SHA256: "a"}, {Name: "东街.xlsx", SHA256: "a"},
		{Name: "西街(1).xlsx", SHA256: "b"}, {Name: "西街（2）.xlsx", SHA256: "b"},
		{Name: "南街 - Copy.xlsx", SHA256: "c"}, {Name: "南街.xlsx", SHA256: "c"}, {Name: "南街2.xlsx", SHA256: "c"},
		{Name: "北街.xlsx", SHA256: "d"},
		{Name: "中街.CSV", SHA256: "e"}, {Name: "中街.xlsx", SHA256: "e"},
		{Name: "城东 - 副本.xlsx", SHA256: "f"}, {Name: "城东.csv", SHA256: "f"},
	}
	got := keptCopies(files)
	want := map[string]string{"a": "东街.xlsx", "b": "西街(1).xlsx", "c": "南街.xlsx", "d": "北街.xlsx", "e": "中街.xlsx", "f": "城东.csv"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("kept %v, want %v", got, want)
	}
}

// A roster beside its revision in the inbox is not read: the revision
// replaces it. Of several revisions none can be known to be final: every
// version is refused.
func TestRosterVersions(t *testing.T) {
	files := []inbox.File{
		{Name: "2026年11月_西街街道_老年人补贴花名册.xlsx"}, {Name: "2026年11月_西街街道_老年人补贴花名册_修改.xlsx"},
		{Name: "东街.xlsx"}, {Name: "东街（最终版）.xlsx"},
		{Name: "南街.xlsx"}, {Name: "南街修改.xlsx"}, {Name: "南街_修改_最终版.xlsx"},
		{Name: "北街.xlsx"},
	}
	got := map[string]string{}
	for name, rej := range rosterVersions(files) {
		got[name] = rej.Code
	}
	want := map[string]string{
		"2026年11月_西街街道_老年人补贴花名册.xlsx": "file_superseded",
		"东街.xlsx": "file_superseded",
		"南街.xlsx": "file_versions", "南街修改.xlsx": "file_versions", "南街_修改_最终版.xlsx": "file_versions",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("refused %v, want %v", got, want)
	}
}

// eastWithCopy opens the fixture's 东街 roster in h's inbox with a sheet
// named sheet added after its own, a copy of its cells as text, for the
// caller to change further and save.
func eastWithCopy(t *testing.T, h *harness, sheet string) *excelize.File {
	t.Helper()
	f, rows := eastRoster(t, h)
	f.NewSheet(sheet)
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, c := range r {
			cells[j] = c
		}
		f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &cells)
	}
	return f
}

// eastRoster opens the fixture's 东街 roster in h's inbox and returns it
// with the cells of its roster sheet as text.
func eastRoster(t *testing.T, h *harness) (*excelize.File, [][]string) {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(h.inbox, "2026年11月_东街街道_老年人补贴花名册.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return f, rows
}

// Last month's sheet left in a roster workbook is not paid from, and the
// summary says so with ！！.
func TestLastMonthsSheetInTheSummary(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	f := eastWithCopy(t, h, "2026年10月")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := h.mustRun("run", "--month", "2026-11")
	if !strings.Contains(out, "！！2026年11月_东街街道_老年人补贴花名册.xlsx：工作表「2026年10月」的名称或标题写的是2026年10月") || !strings.Contains(out, "另有 1 行是同一人已列入的重复行") {
		t.Errorf("summary does not name last month's sheet:\n%s", out)
	}
}

// A 模板 sheet with an example row (张三, an ID of the right check
// character) in a street's workbook paid 张三 beside the street's people;
// a 备份 sheet copying the roster held every one of them. Both are set
// aside: the month pays what the fixture alone pays, and the summary
// names each sheet with ！！.
func TestTemplateAndBackupSheetsInTheSummary(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	f := eastWithCopy(t, h, "备份")
	f.NewSheet("模板")
	f.SetSheetRow("模板", "A1", &[]any{"序号", "姓名", "公民身份号码", "低保类别", "自理能力", "银行账号", "备注"})
	f.SetSheetRow("模板", "A2", &[]any{1, "张三", "110101194001011234", "城市低保", "自理", "6217000000000000123", "示例"})
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := h.mustRun("run", "--month", "2026-11")
	for _, want := range []string{"暂缓发放（异常）6 行", "高龄津贴               138 人  合计       20466.02 元",
		"！！2026年11月_东街街道_老年人补贴花名册.xlsx：工作表「模板」的名称表明是填表模板",
		"！！2026年11月_东街街道_老年人补贴花名册.xlsx：工作表「备份」的名称表明是花名册的备份或旧表"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary does not say %s:\n%s", want, out)
		}
	}
	if held, _, paid := h.person(mustMonth(t, "2026-11"), "110101194001011234"); paid || len(held) > 0 {
		t.Errorf("the template's example: paid %v, held %v", paid, held)
	}
}

// A small month gives the collector more room, and a province's less, and
// gives the setting back after; a city's month, or one where the operator
// set GOGC, keeps the setting.
func TestGCForInput(t *testing.T) {
	current := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	before := current()
	small := []inbox.File{{Size: 1 << 20}, {Size: 1 << 20}}
	large := []inbox.File{{Size: 2 << 20}, {Size: 2 << 20}}
	restore := gcForInput(small)
	if got := current(); got != smallGCPercent {
		t.Errorf("small month: GOGC %d, want %d", got, smallGCPercent)
	}
	restore()
	if got := current(); got != before {
		t.Errorf("after a small month: GOGC %d, want %d back", got, before)
	}
	restore = gcForInput(large)
	if got := current(); got != before {
		t.Errorf("large month: GOGC %d, want %d", got, before)
	}
	restore()
	province := []inbox.File{{Size: 30 << 20}, {Size: 10 << 20}}
	restore = gcForInput(province)
	if got := current(); got != largeGCPercent {
		t.Errorf("a province's month: GOGC %d, want %d", got, largeGCPercent)
	}
	restore()
	if got := current(); got != before {
		t.Errorf("after a province's month: GOGC %d, want %d back", got, before)
	}
	t.Setenv("GOGC", "100")
	for _, files := range [][]inbox.File{small, province} {
		restore = gcForInput(files)
		if got := current(); got != before {
			t.Errorf("GOGC set by the operator: GOGC %d, want %d", got, before)
		}
		restore()
	}
}

// Two files of one roster whose names differ only by a copy's mark, with
// different rows, are versions that cannot be told apart: neither is read.
func TestDifferingCopies(t *testing.T) {
	got := map[string]string{}
	for name, rej := range differingCopies([]string{"东街.xlsx", "东街 (2).xlsx", "西街.xlsx", "南街 - 副本.xlsx", "北街(1).xlsx", "北街 - Copy.xlsx", "中街_修改.xlsx"}) {
		got[name] = rej.Code
	}
	want := map[string]string{"东街.xlsx": "file_versions", "东街 (2).xlsx": "file_versions", "北街(1).xlsx": "file_versions", "北街 - Copy.xlsx": "file_versions"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("refused %v, want %v", got, want)
	}
}

// 东街's workbook with a sheet 西街 copying 西街's roster, beside 西街's
// own file, was refused with it as "two versions of one roster", asking
// staff to keep one file: kept alone, 西街's file would leave 东街 unpaid.
// The refusal (file_sheet_copied) names the copied sheet, to be deleted
// with both files kept. Two versions of one street's roster, sharing a
// sheet that has people of its own, are still file_versions.
func TestAnotherStreetsSheetCopiedIn(t *testing.T) {
	type sheet struct {
		name string
		ids  []int
	}
	wb := func(name string, sheets ...sheet) *roster.Workbook {
		w := &roster.Workbook{Name: name}
		for _, s := range sheets {
			for _, id := range s.ids {
				w.Entries = append(w.Entries, roster.Entry{Person: domain.Person{ID: fmt.Sprint(id), Source: domain.Location{File: name, Sheet: s.name}}})
			}
		}
		return w
	}
	west := []int{20, 21, 22, 23, 24, 25, 26, 27, 28, 29}
	got := map[string]string{}
	msgs := map[string]string{}
	for name, rej := range sharedRosters([]*roster.Workbook{
		wb("东街.xlsx", sheet{"Sheet1", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}, sheet{"西街", west}),
		wb("西街.xlsx", sheet{"Sheet1", west}),
		wb("北街.xlsx", sheet{"Sheet1", []int{40, 41, 42, 43, 44, 45}}),
		wb("北街（更新）.xlsx", sheet{"Sheet1", []int{40, 41, 42, 43, 44, 46}}, sheet{"Sheet2", []int{47}}),
	}, mustMonth(t, "2026-11"), false) {
		got[name], msgs[name] = rej.Code, rej.Message
	}
	want := map[string]string{"东街.xlsx": "file_sheet_copied", "西街.xlsx": "file_sheet_copied", "北街.xlsx": "file_versions", "北街（更新）.xlsx": "file_versions"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("refused %v, want %v", got, want)
	}
	for _, name := range []string{"东街.xlsx", "西街.xlsx"} {
		if m := msgs[name]; !strings.Contains(m, "「东街.xlsx」的工作表「西街」中的 10 人都在「西街.xlsx」中") ||
			!strings.Contains(m, "请删除「东街.xlsx」中的工作表「西街」") || strings.Contains(m, "只保留") || !strings.HasSuffix(m, "然后重新运行 disburse run --month 2026-11（本月还没有发放记录）") {
			t.Errorf("%s: %s", name, m)
		}
	}
}

// runTwoVersions runs November on the acceptance inbox with a second
// version of 东街's roster beside it, named with suffix before .xlsx, from
// which 贺国荣's row is deleted; she must not be paid from the first. It
// returns the harness, the run's summary and the second version's path.
func runTwoVersions(t *testing.T, suffix string) (*harness, string, string) {
	t.Helper()
	h := newHarness(t, acceptanceInbox)
	east := filepath.Join(h.inbox, acceptanceEast)
	second := strings.TrimSuffix(east, ".xlsx") + suffix + ".xlsx"
	copyFile(t, east, second)
	removeRosterRow(t, second, "Sheet1", 7, heGuorong)
	out := h.mustRun("run", "--month", "2026-11")
	if _, _, paid := h.person(mustMonth(t, "2026-11"), heGuorong); paid {
		t.Errorf("%s, deleted in the second version, is paid", heGuorong)
	}
	return h, out, second
}

// The replaced run's roster put back from the archive beside the
// correction archived as "X (2).xlsx": the person the correction deleted
// is not paid from the old file, and the run says why neither was read.
func TestArchivedVersionsPutBackAreNotBothRead(t *testing.T) {
	h, out, _ := runTwoVersions(t, " (2)")
	if n := strings.Count(out, "内容不同的文件"); n != 2 {
		t.Errorf("the summary names %d refusals of the two versions:\n%s", n, out)
	}
	if code, out, _ := h.main("rerun", "--month", "2026-11", "--data", h.data); code != ExitOK || !strings.Contains(out, "identical") {
		t.Errorf("rerun reads the refused versions again: exit %d\n%s", code, out)
	}
}

// A street's roster sent again, corrected, under a name no rule knows
// (东街（更新）): the two share most of their IDs, so neither is read, and
// the senior the correction deleted is not paid from the old one. Rosters
// sharing a few seniors (who moved between streets) are both read, and so
// is a supplement (补报) beside its street's roster.
func TestRostersSharingMostIDsAreVersions(t *testing.T) {
	h, out, second := runTwoVersions(t, "（更新）")
	if n := strings.Count(out, "像是同一花名册的两个版本"); n != 2 {
		t.Errorf("the summary names %d refusals of the two versions:\n%s", n, out)
	}
	// Each note beside a refused version asks for one version back, not
	// for the file itself, which would bring both back.
	note, err := os.ReadFile(filepath.Join(h.data, "rejected", "2026-11", filepath.Base(second)+".txt"))
	if err != nil || !strings.Contains(string(note), "请只取最终的一个版本") {
		t.Errorf("note beside the refused version (%v):\n%s", err, note)
	}

	wb := func(name string, ids ...int) *roster.Workbook {
		w := &roster.Workbook{Name: name}
		for _, id := range ids {
			w.Entries = append(w.Entries, roster.Entry{Person: domain.Person{ID: fmt.Sprint(id)}})
		}
		return w
	}
	got := map[string]string{}
	for name, rej := range sharedRosters([]*roster.Workbook{
		wb("东街.xlsx", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
		wb("东街_v2.xlsx", 1, 2, 3, 4, 5, 6, 11, 12, 13, 14),
		wb("西街.xlsx", 7, 8, 9, 10, 20, 21, 22, 23, 24, 25),
		wb("北街.xlsx", 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51),
		wb("中街.xlsx", 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58), // 5 of 12 shared: under half
		wb("南街.xlsx", 30, 31, 32, 33, 34, 30, 31, 32, 33, 34),
		wb("西街街道11月补报.xlsx", 20, 21, 22, 23, 24, 60, 61), // a supplement: 5 of 7 repeated, read beside
	}, mustMonth(t, "2026-11"), false) {
		got[name] = rej.Code
	}
	if want := map[string]string{"东街.xlsx": "file_versions", "东街_v2.xlsx": "file_versions"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("refused %v, want %v", got, want)
	}
}

// Two versions of a roster that are all the inbox holds leave nothing to
// read: nothing is recorded, and when the month has no run yet the
// refusal does not ask for --replace, which is for a month recorded (a
// tester was told to "用 --replace 重新计算" a month never run). When the
// run replaces a recorded one, it still does.
func TestVersionsAloneAdviseRunningAgain(t *testing.T) {
	h := newHarness(t, "")
	east := filepath.Join(h.inbox, acceptanceEast)
	copyFile(t, filepath.Join(acceptanceInbox, acceptanceEast), east)
	second := strings.TrimSuffix(east, ".xlsx") + "（更新）.xlsx"
	copyFile(t, east, second)
	removeRosterRow(t, second, "Sheet1", 7, heGuorong)
	code, out, errs := h.main("run", "--month", "2026-11")
	if code != ExitFailure || strings.Count(errs, "像是同一花名册的两个版本") != 2 || strings.Contains(errs, "--replace") ||
		!strings.Contains(errs, "请只保留最终的一个文件后重新运行 disburse run --month 2026-11（本月还没有发放记录）") {
		t.Errorf("two versions alone, the month never run: exit %d\n%s%s", code, out, errs)
	}

	h = newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	copyFile(t, filepath.Join(acceptanceInbox, acceptanceEast), filepath.Join(h.inbox, acceptanceEast))
	copyFile(t, second, filepath.Join(h.inbox, filepath.Base(second)))
	code, out, errs = h.main("run", "--month", "2026-11", "--replace")
	if code != ExitFailure || strings.Count(errs, "请只保留最终的一个文件后用 --replace 重新计算") != 2 {
		t.Errorf("two versions alone, replacing the month's run: exit %d\n%s%s", code, out, errs)
	}
}

// Two versions of which one names an earlier month, in its file name or
// its title, beside one whose file name names this month, are most often
// last month's roster left in the inbox: this month's is read and the
// other refused as superseded, saying why (a fresh user's October 东街
// beside November's left the street unpaid). Otherwise both are refused,
// each month named.
func TestVersionsNameTheOtherMonth(t *testing.T) {
	wb := func(name string, notices ...domain.Finding) *roster.Workbook {
		w := &roster.Workbook{Name: name, Notices: notices}
		for id := range 10 {
			w.Entries = append(w.Entries, roster.Entry{Person: domain.Person{ID: fmt.Sprint(id)}})
		}
		return w
	}
	nov := mustMonth(t, "2026-11")
	title := domain.Finding{Code: "title_month_other", Message: "工作表「Sheet1」的名称或标题写的是2026年10月，本次发放的是2026年11月，已按本月读取"}
	for _, c := range []struct {
		stale, current *roster.Workbook
		want           string
	}{
		{wb("2026年10月_东街街道_花名册.xlsx"), wb("2026年11月_东街街道_花名册.xlsx"), "本文件的文件名写的是2026年10月，不是本次发放的2026年11月"},
		{wb("东街.xlsx", title), wb("2026年11月_东街.xlsx"), "本文件的标题写的是2026年10月，不是本次发放的2026年11月"},
	} {
		for _, order := range [][]*roster.Workbook{{c.stale, c.current}, {c.current, c.stale}} {
			got := sharedRosters(order, nov, false)
			rej := got[c.stale.Name]
			if len(got) != 1 || rej == nil || rej.Code != "file_superseded" || !strings.Contains(rej.Message, c.want) || !strings.Contains(rej.Message, "按「"+c.current.Name+"」读取") {
				t.Errorf("%s beside %s: %v, want only the first refused, superseded: %s", c.stale.Name, c.current.Name, got, c.want)
			}
		}
	}
	// Nothing says which is this month's, and both are refused: this
	// month's named for it with last month's title left in (a tester's
	// October content under a name without a month beside it was read);
	// one naming no month; one naming a later month, to come.
	for _, pair := range [][2]*roster.Workbook{
		{wb("2026年11月_东街.xlsx", title), wb("东街街道老年人补贴花名册.xlsx")},
		{wb("2026年10月_东街.xlsx"), wb("东街（新）.xlsx")},
		{wb("2026年12月_东街.xlsx"), wb("2026年11月_东街.xlsx")},
	} {
		got := sharedRosters(pair[:], nov, false)
		if len(got) != 2 || got[pair[0].Name].Code != "file_versions" || got[pair[1].Name].Code != "file_versions" {
			t.Errorf("%s beside %s: %v, want both refused as versions", pair[0].Name, pair[1].Name, got)
		}
	}
	both := sharedRosters([]*roster.Workbook{wb("2026年10月_东街.xlsx"), wb("2026年10月_东街（新）.xlsx")}, nov, false)
	for name, rej := range both {
		if rej.Code != "file_versions" || strings.Count(rej.Message, "不是本次发放的") != 2 {
			t.Errorf("%s: %v", name, rej)
		}
	}
	if len(both) != 2 {
		t.Errorf("both naming October: %v, want both refused", both)
	}
	if rej := sharedRosters([]*roster.Workbook{wb("东街.xlsx"), wb("东街2.xlsx")}, nov, false)["东街.xlsx"]; rej == nil || strings.Contains(rej.Message, "不是本次发放的") {
		t.Errorf("no month named, yet: %v", rej)
	}
	// Two versions of this month's beside last month's: neither of this
	// month's can be read, and last month's is not read in their place,
	// in whatever order the files come.
	a, b, old := wb("东街.xlsx"), wb("东街_v2.xlsx"), wb("2026年10月_东街.xlsx")
	for _, order := range [][]*roster.Workbook{{a, b, old}, {old, a, b}, {a, old, b}} {
		check3(t, order, a, b, old)
	}
	// One of this month's named for it: with last month's first, the two
	// of this month's were never paired (a tester's 东街新版 and
	// 2026年11月_东街 beside 2026年10月_东街, the November file read).
	a, b = wb("2026年11月_东街.xlsx"), wb("东街新版.xlsx")
	for _, order := range [][]*roster.Workbook{{old, a, b}, {a, b, old}, {b, old, a}} {
		check3(t, order, a, b, old)
	}
}

// check3 wants the two versions of this month's, a and b, refused as
// versions beside last month's old, and old not taken as superseded.
func check3(t *testing.T, order []*roster.Workbook, a, b, old *roster.Workbook) {
	t.Helper()
	got := sharedRosters(order, mustMonth(t, "2026-11"), false)
	if len(got) != 3 || got[a.Name].Code != "file_versions" || got[b.Name].Code != "file_versions" || got[old.Name].Code == "file_superseded" {
		for name, rej := range got {
			t.Errorf("%s: %s %s", name, rej.Code, rej.Message)
		}
	}
}

// accountsGiven names, for each 银行账号 on the row of someone who died, a
// row this month that gives it, held or not; the row of someone dead
// before the month claims none, and the accounts of the living are not
// asked about.
func TestAccountsGiven(t *testing.T) {
	nov := domain.Month{Year: 2026, Month: time.November}
	dead := &domain.Person{ID: "1", BankAccount: "6217A", Death: time.Date(2026, 9, 20, 0, 0, 0, 0, time.UTC)}
	widow := &domain.Person{ID: "2", BankAccount: "6217A"}
	inMonth := &domain.Person{ID: "3", BankAccount: "6217B", Death: time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)}
	alive := &domain.Person{ID: "5", BankAccount: "6217C"}
	got := accountsGiven([]domain.Listing{{Person: dead}, {Person: widow, Held: true}, {Person: inMonth}, {Person: &domain.Person{ID: "4"}}, {Person: alive}}, nov,
		[]domain.Person{*dead, *inMonth, *alive})
	if want := map[string]string{"6217A": "2", "6217B": "3"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("accounts given %v, want %v", got, want)
	}
}

// A street written otherwise than last month (西街 for 西街街道) makes its
// people transfers: told once per pair, with how many; a real transfer
// between streets, and a street renamed to itself, are not. Following the
// month before's advice (东街 and 东街街道 in one month: 请统一为「东街街道」)
// made the next month ask with ！！ to go back to 东街.
func TestStreetsRespelled(t *testing.T) {
	move := func(id, from, to string) changes.Change {
		return changes.Change{PersonID: id, OldStreet: from, Street: to}
	}
	got := streetsRespelled([]changes.Change{
		move("1", "西街街道", "西街"), move("1", "西街街道", "西街"), // two benefits of one person
		move("2", "西街街道", "西街"),
		move("3", "东街街道", "西街街道"),
		move("4", "北石店镇", "北石店镇人民政府"),
		move("5", "南街街道", "南街街道办事处"),
	}, nil)
	var s []string
	for _, f := range got {
		s = append(s, f.Code+" "+f.Message[:strings.Index(f.Message, "）")+len("）")])
	}
	want := []string{
		"street_respelled 本月花名册把上月的「西街街道」写作「西街」（2 人，列为跨街道转移，另有街道副本 街道/西街.xlsx）",
		"street_respelled 本月花名册把上月的「北石店镇」写作「北石店镇人民政府」（1 人，列为跨街道转移，另有街道副本 街道/北石店镇人民政府.xlsx）",
		"street_respelled 本月花名册把上月的「南街街道」写作「南街街道办事处」（1 人，列为跨街道转移，另有街道副本 街道/南街街道办事处.xlsx）",
	}
	if strings.Join(s, "\n") != strings.Join(want, "\n") {
		t.Errorf("notices:\n%s\nwant:\n%s", strings.Join(s, "\n"), strings.Join(want, "\n"))
	}
	// A street this month writes one way only, as the month before's
	// street_respelled asked: told plainly, not asked to go back.
	listing := func(id, street string) domain.Listing {
		return domain.Listing{Person: &domain.Person{ID: id, Street: street}}
	}
	got = streetsRespelled([]changes.Change{move("1", "东街", "东街街道"), move("2", "西街街道", "西街")},
		[]domain.Listing{listing("1", "东街街道"), listing("3", "东街街道"), listing("2", "西街"), listing("4", "西街街道")})
	// 西街, written two ways this month, is streetsSpelledApart's to tell:
	// asked here to go back as well, staff read opposite advice.
	if len(got) != 1 || got[0].Code != "street_renamed" || !strings.Contains(got[0].Message, "本月花名册统一把上月的「东街」写作「东街街道」") {
		t.Errorf("respelled on purpose: %+v", got)
	}
}

// One street written three ways in one month (东街街道 twice, 东街 and
// 东街办事处) made three street copies and split the summary's street
// totals, with only a plain file_streets_mixed notice: told once, with
// how many people each spelling has, asking for the commonest; another
// street, and a row with no street, are not.
func TestStreetsSpelledApartInOneMonth(t *testing.T) {
	listing := func(id, street string) domain.Listing {
		return domain.Listing{Person: &domain.Person{ID: id, Name: "人" + id, Street: street}}
	}
	got := streetsSpelledApart([]domain.Listing{
		listing("1", "东街街道"), listing("2", "东街街道"), listing("2", "东街街道"), // one person twice
		listing("3", "东街"), listing("4", "东街办事处"),
		listing("5", "西街街道"), listing("6", ""), listing("7", "东关街道"),
	})
	if len(got) != 1 || got[0].Code != "street_respelled" ||
		!strings.Contains(got[0].Message, "写成了 3 种（「东街街道」2 人、「东街办事处」1 人（人4）、「东街」1 人（人3））") ||
		!strings.Contains(got[0].Message, "请统一为「东街街道」") {
		t.Errorf("notices: %+v", got)
	}
}

// At 01:30 on 1 December in Shanghai, 17:30 on 30 November in UTC, the next
// month is January: a run in the config's zone may pay it, whatever the
// host's clock zone says (a tester on a UTC host was refused January).
func TestNextMonthIsTheZones(t *testing.T) {
	h := newHarness(t, "")
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	at := func() time.Time { return time.Date(2026, 11, 30, 17, 30, 0, 0, time.UTC) }
	run := func(zone *time.Location) error {
		_, err := runMonth(context.Background(), runOptions{Month: mustMonth(t, "2027-01"), Inbox: h.inbox, Data: h.data, Rules: rulesDir, Now: at, Zone: zone}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		return err
	}
	if err := run(time.UTC); err == nil || !strings.Contains(err.Error(), "晚于下月（2026-12）") {
		t.Errorf("in UTC: %v", err)
	}
	if err := run(shanghai); err == nil || strings.Contains(err.Error(), "晚于下月") {
		t.Errorf("in Shanghai, January is next month: %v", err) // the empty inbox stops it later
	}
}

// A street's roster without its 低保类别 column pays its dibao seniors the
// plain rate; the summary says so with ！！ and 提示 records it, for staff
// to add the column and run again.
func TestRosterWithoutDibaoColumnIsTold(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	east := filepath.Join(h.inbox, acceptanceEast)
	f, err := excelize.OpenFile(east)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Sheet1")
	col := ""
	for r := 0; r < len(rows) && r < 10 && col == ""; r++ {
		for c, v := range rows[r] {
			if strings.TrimSpace(v) == "低保类别" {
				col, _ = excelize.ColumnNumberToName(c + 1)
			}
		}
	}
	if col == "" {
		t.Fatal("no 低保类别 header in the acceptance roster")
	}
	if err := f.RemoveCol("Sheet1", col); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := h.mustRun("run", "--month", "2026-11")
	if !strings.Contains(out, "！！"+acceptanceEast+"：工作表「Sheet1」没有「低保类别」列：本表人员均按非低保计算") {
		t.Errorf("the summary does not tell the missing 低保类别:\n%s", out)
	}
	if !slices.ContainsFunc(h.findings(mustMonth(t, "2026-11")), func(f domain.Finding) bool {
		return f.Code == "column_dibao_missing" && f.Where.File == acceptanceEast && f.Where.Sheet == "Sheet1"
	}) {
		t.Error("no column_dibao_missing recorded")
	}
}

// A street's roster whose 自理能力 and 银行账号 columns were renamed
// (身体状况, 社保卡) computes everyone without them: its 不能自理 seniors
// lost their 护理补贴 and its money went to 无账号待处理 with a
// columns_ignored line only. The summary says so with ！！, naming the
// renamed column and its letter; each row's bank_account_missing says the
// sheet has no 银行账号 column rather than that the row left it empty; and
// approve repeats it and refuses without --despite-warnings: approved so,
// the month's 护理补贴 is never paid back (a newcomer's renamed 残疾等级
// lost 845.50 元 that way, approve saying nothing).
func TestRosterWithoutMoneyColumnsIsTold(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	east := filepath.Join(h.inbox, acceptanceEast)
	setCell(t, east, "Sheet1", "K3", "身体状况") // 自理能力
	setCell(t, east, "Sheet1", "O3", "社保卡")  // 银行账号
	out := h.mustRun("run", "--month", "2026-11")
	for _, want := range []string{
		"！！" + acceptanceEast + "：工作表「Sheet1」没有「自理能力」列：本表人员均按未填自理能力计算，护理补贴不发；未识别的列有「身体状况」（K列）、「社保卡」（O列），其中「身体状况」（K列）可能就是自理能力，请把该列表头改为「自理能力」后用 --replace 重新计算",
		"！！" + acceptanceEast + "：工作表「Sheet1」没有「银行账号」列：本表人员的发放金额都没有银行账号，不能代发",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary does not say %s:\n%s", want, out)
		}
	}
	codes := map[string]int{}
	for _, f := range h.findings(mustMonth(t, "2026-11")) {
		if f.Where.File != acceptanceEast {
			continue
		}
		codes[f.Code]++
		if f.Code == "bank_account_missing" && !strings.Contains(f.Message, "没有可识别的「银行账号」列") {
			t.Errorf("row %d: %s", f.Where.Row, f.Message)
		}
	}
	if codes["column_selfcare_missing"] != 1 || codes["column_account_missing"] != 1 || codes["bank_account_missing"] == 0 {
		t.Errorf("findings of the east roster %v", codes)
	}
	code, aout, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	if code != ExitFailure || !strings.Contains(aout, "！！"+acceptanceEast+"：工作表「Sheet1」没有「自理能力」列") || !strings.Contains(errs, "--despite-warnings") {
		t.Errorf("approve with a money column renamed: exit %d\n%s\n%s", code, aout, errs)
	}
	h.mustRun("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data, "--despite-warnings")
}

// A roster sheet without a column that decides money, and nothing beside
// it that may be it renamed, is told with ！！ in the run's summary and
// does not refuse approval; status, before the approval, and approve say
// it again: a month the daemon ran printed no summary, and a tester's
// approve went through two such warnings without a word.
func TestSummaryWarningsRepeatedAtApproval(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	setCell(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", "K3", "") // 自理能力
	want := acceptanceEast + "：工作表「Sheet1」没有「自理能力」列"
	if out := h.mustRun("run", "--month", "2026-11"); !strings.Contains(out, "！！"+want) {
		t.Fatalf("the summary does not say %s:\n%s", want, out)
	}
	if out := h.mustRun("status", "--data", h.data); !strings.Contains(out, "！！运行时另有 1 条警告，不阻止审批，但请在审批以前核实：\n        "+want) || strings.Contains(out, "须先核实的警告") {
		t.Errorf("status of the draft does not repeat the warning apart from those that refuse:\n%s", out)
	}
	code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	if code != ExitOK || !strings.Contains(out, reminderMark+want) {
		t.Errorf("approve: exit %d, want it approved, repeating %q:\n%s%s", code, want, out, errs)
	}
}

// A rules folder without roster.headers.yaml knows no header aliases: the
// run says so with ！！, since rosters using one are refused.
func TestRulesWithoutHeaderAliasesAreTold(t *testing.T) {
	dir := rulesCopy(t, func(name string, b []byte) []byte {
		if name == "roster.headers.yaml" {
			return nil
		}
		return b
	})
	h := newHarness(t, acceptanceInbox)
	code, out, errs := h.main("run", "--month", "2026-11", "--rules", dir)
	if code != ExitWarned || !strings.Contains(out, "！！规则目录 "+dir+" 中没有 roster.headers.yaml") {
		t.Errorf("exit %d, summary:\n%s", code, out)
	}
	// The log names the warning as what it is, not as a street respelled.
	if !strings.Contains(errs, "no roster header aliases") || strings.Contains(errs, "street written otherwise") {
		t.Errorf("log:\n%s", errs)
	}
	h = newHarness(t, acceptanceInbox)
	if out := h.mustRun("run", "--month", "2026-11"); strings.Contains(out, "roster.headers.yaml") {
		t.Errorf("told with the file there:\n%s", out)
	}
}

// A recorded month's input left in the inbox is told what to fix by the
// cause: a full disk is no matter of rights to write (a fresh user's
// message blamed permissions while archive/ had no space left).
func TestNotArchivedSaysTheCause(t *testing.T) {
	nov := mustMonth(t, "2026-11")
	full := notArchived("东街.xlsx", &os.PathError{Op: "write", Path: "archive/2026-11/东街.xlsx", Err: syscall.ENOSPC}, nov)
	if !strings.Contains(full.Error(), "磁盘空间已满") || strings.Contains(full.Error(), "能写收件箱") || !errors.Is(full, syscall.ENOSPC) {
		t.Errorf("disk full: %v", full)
	}
	denied := notArchived("东街.xlsx", &os.PathError{Op: "rename", Path: "东街.xlsx", Err: syscall.EACCES}, nov)
	if !strings.Contains(denied.Error(), "能写收件箱") || strings.Contains(denied.Error(), "磁盘空间已满") {
		t.Errorf("permission: %v", denied)
	}
}

// A database emptied (0 bytes) or deleted after months were recorded is
// not taken for a new data folder: run and the daemon refuse to record,
// and status says so and exits 1, since a new record would pay an approved month
// again and write over its bank file. A new data folder still starts.
func TestLostDatabaseIsNotStartedAfresh(t *testing.T) {
	for _, lose := range []string{"emptied", "deleted"} {
		h := newHarness(t, acceptanceInbox)
		h.mustRun("run", "--month", "2026-11")
		h.approve("2026-11")
		path := filepath.Join(h.data, "disburse.db")
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		if lose == "emptied" {
			os.WriteFile(path, nil, 0o644)
		} else {
			os.Remove(path)
		}
		copyDir(t, acceptanceInbox, h.inbox)
		code, _, errs := h.main("run", "--month", "2026-11")
		if code == ExitOK || !strings.Contains(errs, "发放记录（含审批）已丢失") || !strings.Contains(errs, "2026-11") {
			t.Errorf("%s: run exit %d\n%s", lose, code, errs)
		}
		if fi, err := os.Stat(path); lose == "deleted" && err == nil || lose == "emptied" && (err != nil || fi.Size() != 0) {
			t.Errorf("%s: the database was made again: %v", lose, err)
		}
		if code, out, errs := h.main("status", "--data", h.data); code != ExitFailure || !strings.Contains(out, "！！"+path) || !strings.Contains(errs, "发放记录（disburse.db）已丢失") {
			t.Errorf("%s: status exit %d (a monitor reading the exit status alone saw 0):\n%s%s", lose, code, out, errs)
		}
		if got := listDir(t, h.inbox); len(got) != 3 {
			t.Errorf("%s: inbox %v, want the rosters left there", lose, got)
		}
	}
}

// A roster named for a later month beside the month the daemon pays is
// not read: it stays in the inbox for its own month's tick, with a ！！
// logged and a notice, instead of being archived under this month with
// its people paid from it a month early. A run by hand reads it: the
// operator chose the month and its files.
func TestLaterMonthsRosterLeftForItsMonth(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	early := "2027年1月_钟家庄街道_老年人补贴花名册.xlsx"
	copyFile(t, filepath.Join(acceptanceInbox, acceptanceEast), filepath.Join(h.inbox, early))
	clock := &fakeClock{t: time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC)} // the tick paying December
	ageInbox(t, h.inbox, clock.t)
	testDaemon(t, h, clock).check(context.Background())
	if h.runsOf("2026-12") != 1 {
		t.Fatal("December not paid")
	}
	if got := listDir(t, h.inbox); !slices.Equal(got, []string{early}) {
		t.Errorf("inbox %v, want the January roster left there", got)
	}
	fs := h.findings(mustMonth(t, "2026-12"))
	if !slices.ContainsFunc(fs, func(f domain.Finding) bool {
		return f.Code == "file_month_later" && f.Where.File == early && strings.Contains(f.Message, "文件名写的是2027年1月，晚于本次发放的2026年12月：未读取，留在收件箱")
	}) {
		t.Errorf("no file_month_later notice recorded: %+v", fs)
	}
	if slices.ContainsFunc(fs, func(f domain.Finding) bool { return f.Code == "file_late" }) {
		t.Error("the early roster is recorded as dropped during the run")
	}
	// Left unread, it may be a street's roster misnamed: approve asks.
	if code, out, _ := h.main("approve", "--month", "2026-12", "--by", "王会计", "--data", h.data); code == ExitOK || !strings.Contains(out, "！！"+early) {
		t.Errorf("approve: exit %d\n%s", code, out)
	}
	// By hand, the operator's choice: read, and told.
	h2 := newHarness(t, acceptanceInbox)
	copyFile(t, filepath.Join(acceptanceInbox, acceptanceEast), filepath.Join(h2.inbox, early))
	if out := h2.mustRun("run", "--month", "2026-12"); len(listDir(t, h2.inbox)) != 0 {
		t.Errorf("by hand, the January roster was left in the inbox:\n%s", out)
	}
}

// A run that finds the month's recorded run unfinished (its workbooks
// gone) and cannot finish it says that run is recorded and unfinished,
// and that nothing new was recorded, not merely that a failed run records
// nothing.
func TestUnfinishableRecordedRunSaidAsRecorded(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	out := filepath.Join(h.data, "out", "2026-11")
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, []byte("not a folder"), 0o644); err != nil { // the workbooks cannot be written again
		t.Fatal(err)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	code, _, errs := h.main("run", "--month", "2026-11")
	if code != ExitFailure || !strings.Contains(errs, "2026-11 的运行 1 已记录，但它的收尾（重写工作簿、归档花名册）仍未完成，本次未记录任何新内容") || strings.Contains(errs, "提交记录前失败的运行不记录任何内容") {
		t.Errorf("exit %d\n%s", code, errs)
	}
}

// A run refused because its month is recorded says first that it finished
// what that run left undone (its workbooks written again), so that the
// operator does not take the refusal for the whole story.
func TestRefusedRunSaysWhatItFinished(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	exceptions := filepath.Join(h.data, "out", "2026-11", exceptionsFile)
	if err := os.Remove(exceptions); err != nil {
		t.Fatal(err)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	code, _, errs := h.main("run", "--month", "2026-11")
	if code != ExitFailure || !strings.Contains(errs, "已补完 2026-11 运行 1 中断后未完成的收尾") || !strings.Contains(errs, "已有发放记录（运行编号 1") {
		t.Errorf("exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(exceptions); err != nil {
		t.Errorf("the workbooks were not written again: %v", err)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	if _, _, errs := h.main("run", "--month", "2026-11"); strings.Contains(errs, "已补完") {
		t.Errorf("nothing left to finish, yet:\n%s", errs)
	}
	// A run that goes ahead (--replace) says it too, first in its summary.
	if err := os.Remove(exceptions); err != nil {
		t.Fatal(err)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	if out := h.mustRun("run", "--month", "2026-11", "--replace"); !strings.HasPrefix(out, "已补完 2026-11 运行 1 中断后未完成的收尾") {
		t.Errorf("--replace:\n%s", out)
	}
}

// The summary says how many people's money is not in the bank files for
// want of a 银行账号, and how much: the bank file's total is the
// department's less that, which nothing else said. Counted from the
// record, as the bank file's 无账号待处理 sheet counts them.
func TestSummaryTellsMoneyWithoutAnAccount(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	out := h.mustRun("run", "--month", "2026-11")
	lines := h.lines(mustMonth(t, "2026-11"))
	people, sum := map[string]bool{}, decimal.Zero
	for _, l := range lines {
		if l.Unit == domain.UnitYuan && l.Account == "" {
			people[l.PersonID] = true
			sum = sum.Add(l.Amount)
		}
	}
	if len(people) == 0 {
		t.Fatal("the acceptance month has no money without an account: the test proves nothing")
	}
	if want := fmt.Sprintf("有 %d 人共 %s 元未填银行账号，不在银行代发文件中", len(people), sum.StringFixed(2)); !strings.Contains(out, want) {
		t.Errorf("summary without %q:\n%s", want, out)
	}
}

// A database restored from a backup older than a month whose workbooks are
// published does not record that month again over them.
func TestOlderBackupDoesNotRecordAPublishedMonthAgain(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-10")
	h.mustRun("run", "--month", "2026-10")
	h.approve("2026-10")
	backup, err := os.ReadFile(filepath.Join(h.data, "disburse.db"))
	if err != nil {
		t.Fatal(err)
	}
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	h.mustRun("run", "--month", "2026-11")
	h.approve("2026-11")
	bank := filepath.Join(h.data, "out", "2026-11", bankDir, "区民政局_代发.csv")
	approved, err := os.ReadFile(bank)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(h.data, "disburse.db")
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	if err := os.WriteFile(path, backup, 0o644); err != nil { // the backup taken after October
		t.Fatal(err)
	}
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	code, _, errs := h.main("run", "--month", "2026-11")
	if code == ExitOK || !strings.Contains(errs, "数据库中没有 2026-11 的发放记录，但") || h.runsOf("2026-11") != 0 {
		t.Errorf("exit %d, %d runs of November\n%s", code, h.runsOf("2026-11"), errs)
	}
	if now, _ := os.ReadFile(bank); !bytes.Equal(now, approved) {
		t.Error("the approved bank file was written over")
	}
	// status says why November cannot be run, instead of asking for a run.
	cfg := DefaultConfig()
	cfg.Inbox, cfg.Data, cfg.Rules = h.inbox, h.data, rulesDir
	var st strings.Builder
	if err := printStatus(context.Background(), &st, cfg, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)); err != nil || !strings.Contains(st.String(), "！！2026-11 尚未发放记录，且不能运行：数据库中没有 2026-11 的发放记录") {
		t.Errorf("status (%v):\n%s", err, st.String())
	}
	// With the outputs moved away, the archived rosters say it.
	if err := os.RemoveAll(filepath.Join(h.data, "out", "2026-11")); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := h.main("run", "--month", "2026-11"); code == ExitOK || !strings.Contains(errs, "中有该月已归档的花名册") || h.runsOf("2026-11") != 0 {
		t.Errorf("outputs moved away: exit %d\n%s", code, errs)
	}
}

// A database restored from a backup taken before a month's approval calls
// the month a draft, but its published bank file says approved: the month
// is neither replaced nor approved again.
func TestBackupBeforeApprovalDoesNotReopenTheMonth(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	path := filepath.Join(h.data, "disburse.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	backup, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h.approve("2026-11")
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	if err := os.WriteFile(path, backup, 0o644); err != nil { // the backup of the draft
		t.Fatal(err)
	}
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	if code, _, errs := h.main("run", "--month", "2026-11", "--replace"); code == ExitOK || !strings.Contains(errs, "的标题说该月已审批") {
		t.Errorf("--replace: exit %d\n%s", code, errs)
	}
	if code, out, errs := h.main("approve", "--month", "2026-11", "--by", "李会计", "--despite-warnings", "--data", h.data); code == ExitOK || !strings.Contains(out+errs, "的标题说该月已审批") {
		t.Errorf("approve: exit %d\n%s%s", code, out, errs)
	}
}

// The summary's 追回 line names the workbook of each department with
// recoveries, with a count each when they are in more than one.
func TestRecoveriesByWorkbook(t *testing.T) {
	civil, power := "区民政局", "国网晋城供电公司城区供电中心"
	if got := recoveriesByWorkbook([]domain.Recovery{{Department: civil}, {Department: civil}}); got != "区民政局.xlsx" {
		t.Errorf("one department: %q", got)
	}
	if got, want := recoveriesByWorkbook([]domain.Recovery{{Department: civil}, {Department: power}, {Department: civil}}), "区民政局.xlsx 2 条、国网晋城供电公司城区供电中心.xlsx 1 条"; got != want {
		t.Errorf("two departments: %q, want %q", got, want)
	}
}

// A street's workbook with a sheet per benefit, its 护理补贴 sheet giving
// only 序号, 姓名, 公民身份号码 and 自理能力 for everyone on the roster
// sheet, pays what the roster alone pays: each senior once, from the full
// sheet. The 护理补贴 sheet's missing columns decide nothing, so the
// summary has no ！！ for them; before this everyone on both sheets was
// held, and then four false ！！ lines said the sheet's people lost 低保,
// 残疾 and their bank accounts.
func TestSheetPerBenefitPaysAsTheRoster(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	f, rows := eastRoster(t, h)
	head := slices.IndexFunc(rows, func(r []string) bool { return slices.Contains(r, "姓名") })
	col := func(name string) int { return slices.Index(rows[head], name) }
	at := []int{col("序号"), col("姓名"), col("公民身份号码"), col("自理能力")}
	if head < 0 || slices.Contains(at, -1) {
		t.Fatalf("header %v", rows[max(head, 0)])
	}
	f.NewSheet("护理补贴")
	f.SetSheetRow("护理补贴", "A1", &[]any{"序号", "姓名", "公民身份号码", "自理能力"})
	n := 2
	for _, r := range rows[head+1:] {
		if len(r) <= at[2] || len(r[at[2]]) != 18 {
			continue
		}
		cells := make([]any, len(at))
		for i, c := range at {
			if c < len(r) {
				cells[i] = r[c]
			}
		}
		f.SetSheetRow("护理补贴", fmt.Sprintf("A%d", n), &cells)
		n++
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := h.mustRun("run", "--month", "2026-11")
	for _, want := range []string{"高龄津贴               138 人  合计       20466.02 元", "护理补贴                10 人  合计        1000.00 元"} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary does not say %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "工作表「护理补贴」没有") {
		t.Errorf("the 护理补贴 sheet's missing columns are told:\n%s", out)
	}
}

// A rules file edited by hand between months, with a tab, is told by
// status with ！！ before the next tick fails on it; the rules folder
// corrected, status says nothing of it.
func TestStatusTellsABrokenRulesFolder(t *testing.T) {
	h := newHarness(t, "")
	dir := rulesCopy(t, func(_ string, b []byte) []byte { return b })
	file := filepath.Join(dir, "senior_allowance.yaml")
	good, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(good), `        amount: "920.00"`, "\tamount: \"920.00\"", 1)), 0o644)
	out := h.mustRun("status", "--data", h.data, "--rules", dir)
	if !strings.Contains(out, "！！规则目录（"+dir+"）有错，下次计划运行（发放 ") || !strings.Contains(out, "rules senior_allowance.yaml: yaml: line 25: found a tab character") {
		t.Errorf("broken rules not told:\n%s", out)
	}
	os.WriteFile(file, good, 0o644)
	if out := h.mustRun("status", "--data", h.data, "--rules", dir); strings.Contains(out, "规则目录") {
		t.Errorf("good rules told:\n%s", out)
	}
	// A rules folder that is not there at all fails the tick too: told
	// with ！！ when named (--rules, the config), plainly for the default
	// ./rules, which may only be where status was started.
	missing := filepath.Join(t.TempDir(), "rules")
	if out := h.mustRun("status", "--data", h.data, "--rules", missing); !strings.Contains(out, "！！规则目录 "+missing+" 不存在或打不开，下次计划运行（发放 ") {
		t.Errorf("a missing rules folder not told:\n%s", out)
	}
	t.Chdir(t.TempDir())
	if out := h.mustRun("status", "--data", h.data); !strings.Contains(out, "\n规则目录 rules 不存在或打不开") || strings.Contains(out, "！！规则目录") {
		t.Errorf("the default rules folder missing:\n%s", out)
	}
}

// An inbox that is the data folder, or lies in its out/, archive/ or
// rejected/, is refused before anything is read or moved: a
// new user's run with --inbox and --data the same folder moved disburse.db
// to rejected/ as a roster that was no workbook.
func TestInboxAndDataOverlapRefused(t *testing.T) {
	dir := t.TempDir()
	same := filepath.Join(dir, "same")
	if err := os.MkdirAll(same, 0o755); err != nil {
		t.Fatal(err)
	}
	copyDir(t, "../../fixtures/inbox/2026-11", same)
	before := listDir(t, same)
	link := filepath.Join(dir, "link")
	if err := os.Symlink(same, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ inbox, data, want string }{
		{same, same, "同一个文件夹"},
		{link, same, "同一个文件夹"},
		{same + "/", filepath.Join(same, "..", "same"), "同一个文件夹"},
		{filepath.Join(dir, "data", "archive", "2026-11"), filepath.Join(dir, "data"), "archive"},
	} {
		var out, errs strings.Builder
		code := Main(context.Background(), []string{"run", "--month", "2026-11", "--inbox", c.inbox, "--data", c.data, "--rules", rulesDir}, &out, &errs)
		if code != ExitUsage || !strings.Contains(errs.String(), c.want) {
			t.Errorf("--inbox %s --data %s: exit %d, want %d saying %s:\n%s", c.inbox, c.data, code, ExitUsage, c.want, errs.String())
		}
		if got := listDir(t, same); !slices.Equal(got, before) {
			t.Fatalf("--inbox %s --data %s: the folder now holds %v, was %v", c.inbox, c.data, got, before)
		}
	}
	for _, c := range [][2]string{
		{filepath.Join(dir, "data", "inbox"), filepath.Join(dir, "data")}, // an inbox of the data folder's own
		{same, filepath.Join(same, "data")},                               // the data folder inside the inbox: Subfolders knows it
		{same, filepath.Join(link, "data")},
		{filepath.Join(dir, "data2"), filepath.Join(dir, "data")}, // a name that only begins alike
		{filepath.Join(dir, "inbox"), filepath.Join(dir, "inbox2")},
	} {
		if err := foldersApart(c[0], c[1]); err != nil {
			t.Errorf("foldersApart(%s, %s) = %v, want nil", c[0], c[1], err)
		}
	}
}

// The log gives times in the config's zone, as status and the messages
// do: an operator read 00:55Z in the log beside 08:55 CST in status.
func TestLogTimesInTheZone(t *testing.T) {
	for zone, want := range map[string]string{"Asia/Shanghai": "+08:00", "UTC": "Z"} {
		var b strings.Builder
		l, err := newLogger(&b, "text", false, zone)
		if err != nil {
			t.Fatal(err)
		}
		l.Info("waiting", "until", time.Date(2026, 12, 1, 16, 55, 4, 0, time.UTC))
		if !regexp.MustCompile(`^time=\S+`+regexp.QuoteMeta(want)+` `).MatchString(b.String()) || !strings.Contains(b.String(), "until="+map[string]string{"+08:00": "2026-12-02T00:55:04.000+08:00", "Z": "2026-12-01T16:55:04.000Z"}[want]) {
			t.Errorf("%s: %s", zone, b.String())
		}
	}
}

// Workbooks a signal kept from being written are not counted as written:
// the writing task's last log line said done=22 total=22 stopped=true, as
// if every workbook had been written, beside a recording stopped at 10%.
func TestWritingStoppedBySignalCountsNothingUnwritten(t *testing.T) {
	bk, err := rules.Load(rulesDir)
	if err != nil {
		t.Fatal(err)
	}
	nov := mustMonth(t, "2026-11")
	table, err := bk.ForMonth(nov)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var logs bytes.Buffer
	pr := progress.New(progress.ModeLog, io.Discard, slog.New(slog.NewTextHandler(&logs, nil)), time.Nanosecond)
	pr.StopsWith(ctx)
	inserted := make(chan struct{})
	close(inserted)
	_, err = writeWorkbooks(ctx, pr, t.TempDir(), table, nov, 1, bk.Hash, "", nil, calc.Services(table, nov, nil, nil), nil, nil, nil, &changes.Report{Month: nov}, nil, inserted)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("writing after a signal: %v", err)
	}
	if got := logs.String(); !strings.Contains(got, "task=写出工作簿 done=0") || !strings.Contains(got, "stopped=true") {
		t.Errorf("the writing task's log after a signal:\n%s", got)
	}
}
