package roster

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// A row whose 死亡日期 is before the month is paid nothing, so it claims no
// account: the widow listed with her husband's row (dead since August) and
// its account is paid, and he is not held either; she is told to check the
// card is hers (account_of_dead), unless her 备注 says it was checked. A death on the month's
// first day or later is paid for the month, so that row still shares.
func TestSharedAccountOfTheDead(t *testing.T) {
	id := func(n int) string { return withCheck(fmt.Sprintf("14050219400101%03d", n)) }
	set := func(account, death string) map[string]any {
		return map[string]any{"银行账号": account, "死亡日期": death}
	}
	dir := t.TempDir()
	wb, err := ReadFile(writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "夫君甲", id(1), set("6217000000000000111", "2026-08-15")),                       // 4 dead before November
		row(2, "遗孀甲", id(2), set("6217000000000000111", "")),                                 // 5 paid
		row(3, "夫君乙", id(3), set("6217000000000000222", "2026-10-31")),                       // 6 dead the day before
		row(4, "遗孀乙", id(4), set("6217000000000000222", "")),                                 // 7 paid
		row(5, "当月丙", id(5), set("6217000000000000333", "2026-11-01")),                       // 8 dies within November: paid, shares
		row(6, "同账丙", id(6), set("6217000000000000333", "")),                                 // 9 held with row 8
		row(7, "先去丁", id(7), set("6217000000000000444", "2026-07-01")),                       // 10 two dead on one account
		row(8, "先去戊", id(8), set("6217000000000000444", "2026-09-01")),                       // 11
		row(9, "夫君己", id(9), set("6217000000000000555", "2026-08-15")),                       // 12
		row(10, "遗孀己", id(10), map[string]any{"银行账号": "6217000000000000555", "备注": "账号已核实"}), // 13 checked: not told
	}), "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := Consolidate([]*Workbook{wb}, nov)
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%d:%s:%s", f.Where.Row, f.Severity, f.Code))
	}
	sameLines(t, "findings", got, []string{"4:notice:death_before_month", "5:notice:account_of_dead", "6:notice:death_before_month", "7:notice:account_of_dead",
		"8:held:account_shared", "9:held:account_shared", "10:notice:death_before_month", "11:notice:death_before_month", "12:notice:death_before_month"})
	for _, f := range res.Findings {
		if f.Code == CodeAccountOfDead && (f.Where.Header != "银行账号" || !strings.Contains(f.Message, "已故的「夫君")) {
			t.Errorf("row %d: %+v", f.Where.Row, f)
		}
	}
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name)
	}
	sameLines(t, "not held", paid, []string{"夫君甲", "遗孀甲", "夫君乙", "遗孀乙", "先去丁", "先去戊", "夫君己", "遗孀己"})
}

// A death list naming someone on no roster gives that person, with the
// list's 死亡日期, for recoveries; the notice recorded for them gives the
// same person back (a recorded month's change lists read it).
func TestDeadOffRoster(t *testing.T) {
	dir := t.TempDir()
	rosterPath := writeRoster(t, dir, "东街.xlsx", [][]any{row(1, "邱成德", "140502192612115846", nil)})
	roster, err := ReadFile(rosterPath, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	death := writeList(t, dir, "11月死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"},
		[]any{"邱成德", "140502192612115846", "2026-09-30"},
		[]any{"外人", "140502193807075930", "2026-09-12"},
		[]any{"外人", "140502193807075930", "2026-09-12"},
	)
	res := Consolidate([]*Workbook{roster, death}, nov)
	show := func(ps []domain.Person) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.ID+" "+p.Name+" "+p.Death.Format("2006-01-02"))
		}
		return strings.Join(s, "; ")
	}
	const want = "140502193807075930 外人 2026-09-12"
	if got := show(res.DeadOffRoster); got != want {
		t.Errorf("DeadOffRoster %q, want %q", got, want)
	}
	if got := show(DeadOffRosterOf(res.Findings)); !strings.HasPrefix(got, want) {
		t.Errorf("read back from the findings: %q, want %q", got, want)
	}
}

// A senior moved to another street of the district is paid on the new
// street's roster: the old street's row, whose 备注 names the move (with or
// without 停发), steps aside with a notice instead of holding the new
// street's row as duplicate_held (t10.py). A 备注 that names a move out of
// the district, or no place, still holds both, and a row on no other
// street's roster stays held.
func TestMoveWithinDistrict(t *testing.T) {
	id := func(n int) string { return withCheck(fmt.Sprintf("14050219400101%03d", n)) }
	n := 0
	remark := func(r string) map[string]any {
		n++
		return map[string]any{"备注": r, "银行账号": fmt.Sprintf("62170000000000%05d", 12345+n)}
	}
	west := func(r []any) []any { r[1] = "西街街道"; r[15] = nil; return r }
	dir := t.TempDir()
	east := [][]any{
		row(1, "东一", id(1), remark("已迁至西街街道")),
		row(2, "东二", id(2), remark("停发（迁至西街街道）")),
		row(3, "东三", id(3), remark("已迁出，转西街")),
		row(4, "东四", id(4), remark("迁往西街，本街停发")),
		row(5, "东五", id(5), remark("户口已迁至泽州县")),
		row(6, "东六", id(6), remark("停发（迁至北街街道）")),
		// Held for its account as well: it steps aside all the same.
		row(7, "东七", id(7), map[string]any{"备注": "停发（迁至西街街道）", "银行账号": "6217abc"}),
	}
	var westRows [][]any
	for _, r := range east[:5] {
		westRows = append(westRows, west(append([]any(nil), r...)))
	}
	westRows = append(westRows, west(row(6, "东七", id(7), remark(""))))
	read := func(name string, rows [][]any) *Workbook {
		wb, err := ReadFile(writeRoster(t, dir, name, rows), name, nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		return wb
	}
	res := Consolidate([]*Workbook{read("东街.xlsx", east), read("西街.xlsx", westRows)}, nov)
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s %d:%s:%s", f.Where.File, f.Where.Row, f.Severity, f.Code))
	}
	sameLines(t, "findings", got, []string{
		"东街.xlsx 4:notice:remark_moved_within",
		"东街.xlsx 5:notice:remark_moved_within",
		"东街.xlsx 6:notice:remark_moved_within",
		"东街.xlsx 7:notice:remark_moved_within",
		"东街.xlsx 8:held:remark_stop",
		"东街.xlsx 9:held:remark_stop",
		"东街.xlsx 10:notice:remark_moved_within",
		"西街.xlsx 8:held:duplicate_held",
	})
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name+" "+p.Street)
	}
	sameLines(t, "paid", paid, []string{"东一 西街街道", "东二 西街街道", "东三 西街街道", "东四 西街街道", "东七 西街街道"})
	for _, f := range res.Findings {
		if f.Where.Row == 10 && !strings.Contains(f.Message, "本行另有的问题（value_unknown）随本行作废") {
			t.Errorf("东七's notice: %s", f.Message)
		}
	}
}

// An account that one merged cell gave two people's rows (O9:O10 merged
// over 张保国 and 苏水东) holds both as account_shared, and the message
// says to unmerge first: typed into the merged cell, where Excel shows
// the row's account, a corrected account became both rows' again and
// both stayed held, each message sending the clerk back to the other.
// Accounts shared without a merge keep the plain advice.
func TestSharedAccountFromAMergedCell(t *testing.T) {
	id := func(n int) string { return withCheck(fmt.Sprintf("14050219400101%03d", n)) }
	account := func(a string) map[string]any { return map[string]any{"银行账号": a} }
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "张保国", id(1), account("6217323326814736628")), // 4: N4:N5 merged
		row(2, "苏水东", id(2), nil),                            // 5
		row(3, "甲三", id(3), account("6217000000000000111")),  // 6: shared by typing
		row(4, "乙四", id(4), account("6217000000000000111")),  // 7
	})
	wb := editAndRead(t, p, func(f *excelize.File) error { return f.MergeCell("Sheet1", "N4", "N5") })
	res := Consolidate([]*Workbook{wb}, nov)
	var got []string
	for _, f := range res.Findings {
		if f.Code == "account_shared" {
			got = append(got, fmt.Sprintf("%d %s %v", f.Where.Row, f.Where.Column, strings.Contains(f.Message, "此账号取自合并单元格 N4:N5（合并后只有一格，改它即改各行）：请先取消合并，再在各行分别填写本人账号")))
		}
	}
	sameLines(t, "account_shared", got, []string{"4 N true", "5 N true", "6 N false", "7 N false"})
}

// A row held for a value that cannot be read doubts the statuses that
// decide a rate only when the value is one of them: a letter in the
// 低保类别 does, a letter in the 银行账号 does not (its 城市低保 stands as
// the month's word, for a 补发 of the month), and neither does a 户号.
func TestListingStatusDoubted(t *testing.T) {
	id := func(n int) string { return withCheck(fmt.Sprintf("14050219400101%03d", n)) }
	rows := [][]any{
		row(1, "低保不明", id(1), map[string]any{"低保类别": "城市低保X"}),
		row(2, "账号有字母", id(2), map[string]any{"低保类别": "城市低保", "银行账号": "62170066O1234567"}),
		row(3, "户号有字母", id(3), map[string]any{"低保类别": "城市低保", "户号": "12345O"}),
		row(4, "照发", id(4), map[string]any{"低保类别": "城市低保"}),
	}
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "a.xlsx", rows), "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range Consolidate([]*Workbook{wb}, nov).Listings {
		got = append(got, fmt.Sprintf("%s held=%v doubted=%v %v", l.Person.Name, l.Held, l.StatusDoubted, l.Codes))
	}
	want := "低保不明 held=true doubted=true [value_unknown]\n账号有字母 held=true doubted=false [value_unknown]\n户号有字母 held=true doubted=false [value_unknown]\n照发 held=false doubted=false []"
	if strings.Join(got, "\n") != want {
		t.Errorf("listings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// A copy of a person below a 合计 row, paid once by the row of another
// roster (duplicate_identical), is not told as paid by its own row: the
// row_after_total notice and the duplicate's said the opposite.
func TestCopyBelowTotalIsNotToldAsPaid(t *testing.T) {
	dir := t.TempDir()
	a, err := ReadFile(writeRoster(t, dir, "a.xlsx", [][]any{row(1, "甲一", "140502194204206481", nil)}), "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadFile(writeRoster(t, dir, "b.xlsx", [][]any{
		row(1, "乙二", "140502194702024808", nil), // 4
		{"合计", "", "", "1人"},                    // 5
		row(2, "甲一", "140502194204206481", nil), // 6: a's copy
		row(3, "丙三", "140502194611306543", nil), // 7
	}), "b.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range Consolidate([]*Workbook{a, b}, nov).Findings {
		if f.Code == "row_after_total" || f.Code == "duplicate_identical" {
			got = append(got, fmt.Sprintf("%s %d %s %v", f.Where.File, f.Where.Row, f.Code, strings.Contains(f.Message, "已按本行发放")))
		}
	}
	want := "b.xlsx 6 row_after_total false\nb.xlsx 6 duplicate_identical false\nb.xlsx 7 row_after_total true"
	if strings.Join(got, "\n") != want {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
