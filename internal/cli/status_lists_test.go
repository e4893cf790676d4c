package cli

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/roster"
)

func writeAgencyList(t *testing.T, path string, header []any, rows ...[]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &header)
	for i, r := range rows {
		r := r
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &r)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// The acceptance month with agencies' lists beside the rosters: the dibao
// office makes 贺国荣 dibao (136.66 and 15 kWh instead of 76.66), the death
// list stops 姜成, and 残联 contradicts 毛桂英's roster row, which is held.
func TestMonthWithAgencyLists(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	writeAgencyList(t, filepath.Join(h.inbox, "低保名册.xlsx"), []any{"姓名", "身份证号码", "低保类别", "保障起止日期"},
		[]any{"贺国荣", "140502194204206481", "城市低保", "2024-01-01至2027-12-31"})
	writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"},
		[]any{"姜成", "140502193611014538", "2026-10-03"})
	writeAgencyList(t, filepath.Join(h.inbox, "残联名册.xlsx"), []any{"姓名", "身份证号", "残疾等级", "残疾类别", "证件有效期"},
		[]any{"毛桂英", "140502194103035871", "一级", "肢体", "2030-01-01"})
	h.mustRun("run", "--month", "2026-11")
	_, csvOut, _ := h.main("payments", "--month", "2026-11", "--format", "csv")
	for _, want := range []string{"140502194204206481,贺国荣,senior_allowance,136.66", "140502194204206481,贺国荣,free_electricity,15"} {
		if !strings.Contains(csvOut, want) {
			t.Errorf("payments lack %s", want)
		}
	}
	for _, gone := range []string{"140502193611014538", "140502194103035871"} {
		if strings.Contains(csvOut, gone) {
			t.Errorf("%s still paid", gone)
		}
	}
	held := strings.Join(h.heldRows(mustMonth(t, "2026-11")), " ")
	if !strings.Contains(held, "2026年11月_东街街道_老年人补贴花名册.xlsx,15") {
		t.Errorf("conflicting roster row not held: %s", held)
	}
	_, out, _ := h.main("explain", "--month", "2026-11", "--id", "140502193611014538", "--data", h.data)
	if !strings.Contains(out, "死亡日期2026-10-03早于本月") {
		t.Errorf("explain does not show the death from the list:\n%s", out)
	}
	// explain says where a rate's reason came from when it is not the row:
	// 贺国荣's 低保 is the list's.
	_, out, _ = h.main("explain", "--month", "2026-11", "--id", "140502194204206481", "--data", h.data)
	if !strings.Contains(out, "提示：status_filled：花名册未填低保类别（或填为否），按低保名册「低保名册.xlsx」") {
		t.Errorf("explain does not say the 低保类别 came from the 低保名册:\n%s", out)
	}
}

// A 低保类别 the dibao office's list filled in October, on no list in
// November, drops 贺国荣 back to the plain rate: November's change list
// says October's value came from the list, not the roster, and that a list
// counts for its month only.
func TestChangeFromAListFilledValueNamesTheList(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	writeAgencyList(t, filepath.Join(h.inbox, "低保名册.xlsx"), []any{"姓名", "身份证号码", "低保类别", "保障起止日期"},
		[]any{"贺国荣", heGuorong, "城市低保", "2024-01-01至2027-12-31"})
	h.mustRun("run", "--month", "2026-10")
	h.runAcceptance("2026-11", nil)
	rows := h.changeRows("2026-11", heGuorong, "")
	if !strings.Contains(rows, "低保类别由「城市低保」变为「否（非低保）」（上月的「城市低保」是低保名册填入的") {
		t.Errorf("贺国荣's changes do not name the list:\n%s", rows)
	}
	other := h.changeRows("2026-11", "", "")
	if n := strings.Count(other, "填入的"); n != strings.Count(rows, "填入的") {
		t.Errorf("%d changes name a list, want only 贺国荣's:\n%s", n, other)
	}
}

// October's 残疾等级 column renamed 残疾情况, approved despite the ！！ that
// refused it, computed everyone as without a disability; November has the
// column back. Its change lists told each disabled senior's subsidy as new
// by 残疾情况由「无」变为「3级肢体」, as if October's roster had said 无:
// they say the sheet had no 残疾等级 column.
func TestChangeFromAMissingColumnNamesTheSheet(t *testing.T) {
	h := newHarness(t, "")
	h.runAcceptance("2026-10", map[string]string{"L3": "残疾情况"})
	if code, _, _ := h.main("approve", "--month", "2026-10", "--by", "王会计", "--data", h.data); code == ExitOK {
		t.Fatal("approve took a month without its 残疾等级 column")
	}
	h.approve("2026-10")
	h.runAcceptance("2026-11", nil)
	rows := h.changeRows("2026-11", "140502194103035871", "new") // 毛桂英, 三级肢体
	want := "残疾情况由「无」变为「3级肢体」（上月的「无」不是花名册填写的：「" + acceptanceEast + "」工作表「Sheet1」没有「残疾等级」列"
	if !strings.Contains(rows, want) {
		t.Errorf("毛桂英's change does not name the missing column:\n%s", rows)
	}
	if all := h.changeRows("2026-11", "", ""); strings.Count(all, "没有「残疾等级」列") != strings.Count(all, "残疾情况由") {
		t.Errorf("a change of 残疾情况 does not name the missing column:\n%s", all)
	}
}

// The dibao office's list, dating 贺国荣's 城市低保 from 2024, sent in
// October and again in November: October says the months before it were
// paid as their rosters were (status_from_earlier); November, whose month
// before paid him as dibao by the same list, does not, since the notice
// asked staff to pay by hand months already paid at the dibao rate.
func TestStatusFromEarlierToldOnce(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	list := func() {
		writeAgencyList(t, filepath.Join(h.inbox, "低保名册.xlsx"), []any{"姓名", "身份证号码", "低保类别", "保障起止日期"},
			[]any{"贺国荣", heGuorong, "城市低保", "2024-01-01至2027-12-31"})
	}
	list()
	h.mustRun("run", "--month", "2026-10")
	if got := h.noticesOf("2026-10", "status_from_earlier"); len(got) != 1 || !strings.Contains(got[0], "自2024-01-01起") {
		t.Errorf("October: %q, want one status_from_earlier for 贺国荣", got)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	list()
	h.mustRun("run", "--month", "2026-11")
	if got := h.noticesOf("2026-11", "status_from_earlier"); len(got) != 0 {
		t.Errorf("November, after October paid him by the same list: %q", got)
	}
	if got := h.noticesOf("2026-11", "status_filled"); len(got) != 1 {
		t.Errorf("November's status_filled: %q, want one", got)
	}
	// December's list says 农村低保: another kind, the same rate.
	copyDir(t, acceptanceInbox, h.inbox)
	writeAgencyList(t, filepath.Join(h.inbox, "低保名册.xlsx"), []any{"姓名", "身份证号码", "低保类别", "保障起止日期"},
		[]any{"贺国荣", heGuorong, "农村低保", "2024-01-01至2027-12-31"})
	h.mustRun("run", "--month", "2026-12")
	if got := h.noticesOf("2026-12", "status_from_earlier"); len(got) != 0 {
		t.Errorf("December, the list's dibao of another kind: %q", got)
	}
}

// A funeral home's list with no 死亡日期 column names 贺国荣 in October:
// her row is held as a death without its date (death_list_undated), not as
// a conflict of statuses. November's row gives the date, 20 October: the
// month of death is owed, to her heirs, as 补发 recorded without an account.
// Held as status_conflict, the month went untold once her row was deleted.
func TestDeathListWithoutADateHoldsAsAnUndatedDeath(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	writeAgencyList(t, filepath.Join(h.inbox, "火化名单.xlsx"), []any{"逝者姓名", "身份证号码", "火化证号"}, []any{"贺国荣", heGuorong, "HH-2026-1031"})
	h.mustRun("run", "--month", "2026-10")
	if held, _, paid := h.person(mustMonth(t, "2026-10"), heGuorong); !slices.Contains(held, "death_list_undated") || paid {
		t.Fatalf("October: held %v, paid %v; want held as death_list_undated", held, paid)
	}
	h.approve("2026-10")
	h.runAcceptance("2026-11", map[string]string{"P7": "2026-10-20"})
	var back []domain.Line
	for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
		if l.Corrects == mustMonth(t, "2026-10") && l.Unit == domain.UnitYuan {
			back = append(back, l)
		}
	}
	if len(back) != 1 || back[0].Account != "" || !back[0].ByHand() {
		t.Errorf("November's 补发 of October for 贺国荣: %+v; want one line for her heirs, by hand", back)
	}
	// Her row deleted in November instead: 待核实 asks for the date, the
	// month of death being owed, and does not take her for a stop.
	h = newHarness(t, acceptanceInbox)
	writeAgencyList(t, filepath.Join(h.inbox, "火化名单.xlsx"), []any{"逝者姓名", "身份证号码", "火化证号"}, []any{"贺国荣", heGuorong, "HH-2026-1031"})
	h.mustRun("run", "--month", "2026-10")
	h.approve("2026-10")
	h.runAcceptanceWithout("2026-11")
	if rows := h.changeRows("2026-11", heGuorong, "missing"); !strings.Contains(rows, "死亡日期无从得知") {
		t.Errorf("November's 待核实 of 贺国荣 does not ask for the date of her death:\n%s", rows)
	}
}

// 贺国荣's September row is held for a 低保类别 nobody can read; October's
// row leaves it empty and the dibao office's list, dating her 城市低保
// from 2024, fills it. October pays September back as 补发 at the dibao
// rate, and its status_from_earlier notice, which asks staff to pay the
// earlier months by hand, says September is paid already: it asked for
// the month the run itself paid.
func TestStatusFromEarlierNamesTheMonthsPaidBack(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-09", map[string]string{"H7": "待定"})
	copyDir(t, acceptanceInbox, h.inbox)
	writeAgencyList(t, filepath.Join(h.inbox, "低保名册.xlsx"), []any{"姓名", "身份证号码", "低保类别", "保障起止日期"},
		[]any{"贺国荣", heGuorong, "城市低保", "2024-01-01至2027-12-31"})
	h.mustRun("run", "--month", "2026-10")
	var back bool
	for _, l := range h.linesOf(mustMonth(t, "2026-10"), heGuorong) {
		back = back || l.Corrects == mustMonth(t, "2026-09") && l.Benefit == "senior_allowance"
	}
	if !back {
		t.Fatalf("October pays no 补发 of September to 贺国荣: %+v", h.linesOf(mustMonth(t, "2026-10"), heGuorong))
	}
	if got := h.noticesOf("2026-10", "status_from_earlier"); len(got) != 1 || !strings.Contains(got[0], "其中2026年9月本月已补发（见补发清单），不要再手工补发") {
		t.Errorf("status_from_earlier: %q, want September named as paid back", got)
	}
}

// An agency's list naming someone no roster lists pays nobody, but says
// so (status_not_on_roster), for a senior the dibao office or the
// disabled persons' federation knows of and no street sent: before, they
// were left out without a word. Someone younger than every band, or
// whom the list gives nothing that may pay (低保类别 否), is not told. A
// file named as the dibao office's list (低保人员名单) is one with 姓名, ID
// and 低保类别 alone.
func TestListedOnNoRosterIsTold(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	id := func(body string) string { c, _ := idnumber.CheckChar(body); return body + string(c) }
	writeAgencyList(t, filepath.Join(h.inbox, "2026年11月低保人员名单.xlsx"), []any{"姓名", "公民身份号码", "低保类别"},
		[]any{"吴七", id("14050219400503510"), "城市低保"}, []any{"年轻人", id("14050219900101123"), "城市低保"}, []any{"否某", id("14050219410310029"), "否"})
	h.mustRun("run", "--month", "2026-11")
	got := map[string]string{}
	for _, f := range h.findings(mustMonth(t, "2026-11")) {
		if f.Code == roster.CodeStatusNotOnRoster {
			got[f.Name] = f.Message
		}
	}
	if len(got) != 1 || !strings.Contains(got["吴七"], "低保名册列有此人（城市低保），但本月各街道（乡镇）花名册均未列入") {
		t.Errorf("told: %q, want 吴七 alone", got)
	}
	// Named as the dibao office's list, with 姓名, ID and 低保类别 alone, it
	// is one, though it gives no 保障起止日期: read as a roster, it paid 吴七.
	if lines := h.linesOf(mustMonth(t, "2026-11"), id("14050219400503510")); len(lines) > 0 {
		t.Errorf("the list's 吴七 paid: %+v", lines)
	}
}

// A row of an agency's list that cannot be used is told in 异常清单, but
// the summary's and status's count of rows held is of roster rows, which
// staff match with the rosters: the list's row is counted apart.
func TestListRowsAreNotAmongTheHeldRows(t *testing.T) {
	plain := newHarness(t, acceptanceInbox)
	plain.mustRun("run", "--month", "2026-11")
	h := newHarness(t, acceptanceInbox)
	writeAgencyList(t, filepath.Join(h.inbox, "2026年11月死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"无此人", "1405021", "2026-11-02"})
	out := h.mustRun("run", "--month", "2026-11")
	if !slices.ContainsFunc(h.findings(mustMonth(t, "2026-11")), func(f domain.Finding) bool { return f.Code == roster.CodeStatusRowInvalid }) {
		t.Fatal("the list's row is not told")
	}
	held := func(h *harness) string {
		_, st, _ := h.main("status", "--data", h.data)
		return regexp.MustCompile(`暂缓 \d+ 行`).FindString(st)
	}
	if want := held(plain); held(h) != want || want == "" {
		t.Errorf("status counts %q held, without the list %q", held(h), want)
	}
	if !strings.Contains(out, "；另有部门名单中无法使用的 1 行（见异常清单，不计入暂缓发放）") {
		t.Errorf("summary:\n%s", out)
	}
}
