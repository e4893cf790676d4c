package roster

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// places gives each finding as file:row:code, sorted.
func places(fs []domain.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%d:%s", f.Where.File, f.Where.Row, f.Code))
	}
	sort.Strings(out)
	return out
}

func writeList(t *testing.T, dir, name string, header []any, rows ...[]any) *Workbook {
	t.Helper()
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", strings.TrimSuffix(name, ".xlsx"))
	f.SetSheetRow("Sheet1", "A2", &header)
	for i, r := range rows {
		r := r
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+3), &r)
	}
	return readSaved(t, f, dir, name)
}

// The agencies' lists fill empty roster columns, confirm equal ones, hold
// rows that disagree (naming both sources), are ignored outside their
// validity, and the death list reports people on no roster.
func TestStatusLists(t *testing.T) {
	dir := t.TempDir()
	rosterPath := writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", nil),                                       // 4: dibao filled
		row(2, "顾清金", "140502194611306543", map[string]any{"低保类别": "城市低保"}),            // 5: dibao confirmed
		row(3, "姜成", "140502193611014538", map[string]any{"低保类别": "农村低保"}),             // 6: another kind of dibao: the list's, told
		row(4, "孙花", "140502192611021100", map[string]any{"残疾等级": "二级", "残疾类别": "肢体"}), // 7: disability conflict
		row(5, "邱成德", "140502192612115846", nil),                                       // 8: death filled
		row(6, "梁香", "140502196601073698", map[string]any{"自理能力": "自理"}),               // 9: bad ID on the roster (not matched)
		row(7, "毛桂英", "140502194103035871", nil),                                       // 10: self-care filled
		row(8, "邵娥花", "140501195309022097", nil),                                       // 11: dibao list out of date
	})
	roster, err := ReadFile(rosterPath, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	dibao := writeList(t, dir, "低保名册.xlsx", []any{"姓名", "身份证号码", "低保类别", "保障起止日期"},
		[]any{"贺国荣", "140502194204206481", "城市低保", "2024-01-01至2026-12-31"},
		[]any{"顾清金", "140502194611306543", "城市低保", "2025-01-01至"},
		[]any{"姜成", "140502193611014538", "城市低保", "2024-01-01至2027-12-31"},
		[]any{"邵娥花", "140501195309022097", "城市低保", "2024-01-01至2026-10-31"},
		[]any{"无效", "123", "城市低保", "2024-01-01至2027-12-31"},
	)
	disab := writeList(t, dir, "残联名册.xlsx", []any{"姓名", "残疾人证号", "残疾等级", "残疾类别", "证件有效期"},
		[]any{"孙花", "14050219261102110011", "一级", "视力", "2028-01-01"},
	)
	death := writeList(t, dir, "11月死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"},
		[]any{"邱成德", "140502192612115846", "2026-09-30"},
		[]any{"外人", "140502193807075930", "2026-11-02"},
	)
	assess := writeList(t, dir, "能力评估结果.xlsx", []any{"姓名", "身份证号", "评估结论", "评估日期"},
		[]any{"毛桂英", "140502194103035871", "不能自理", "2026-06-01"},
	)
	if len(dibao.Statuses) != 4 || len(dibao.Notices) != 1 || dibao.Notices[0].Code != "status_row_invalid" {
		t.Fatalf("dibao list: %d statuses, notices %+v", len(dibao.Statuses), dibao.Notices)
	}
	res := Consolidate([]*Workbook{roster, dibao, disab, death, assess}, nov)
	byRow := map[int]domain.Person{}
	for _, p := range res.People {
		byRow[p.Source.Row] = p
	}
	if byRow[4].Dibao != domain.DibaoUrban || byRow[5].Dibao != domain.DibaoUrban || byRow[6].Dibao != domain.DibaoUrban || byRow[11].Dibao != domain.DibaoNone {
		t.Errorf("dibao: filled %v, confirmed %v, another kind %v, out of date %v", byRow[4].Dibao, byRow[5].Dibao, byRow[6].Dibao, byRow[11].Dibao)
	}
	for _, f := range res.Findings {
		if f.Code == "status_dibao_kind" && !strings.Contains(f.Message, "低保类别：花名册为「农村低保」，低保名册「低保名册.xlsx」第5行为「城市低保」；两者都按低保发放、金额相同，本月照常发放") {
			t.Errorf("another kind of dibao: %s", f.Message)
		}
	}
	if byRow[8].Death.Format("2006-01-02") != "2026-09-30" || byRow[10].SelfCare != domain.SelfCareUnable {
		t.Errorf("death %s, self-care %v", byRow[8].Death, byRow[10].SelfCare)
	}
	for _, f := range res.Findings {
		if f.Code == "status_conflict" && !strings.Contains(f.Message, "低保名册") && !strings.Contains(f.Message, "残疾人名册") {
			t.Errorf("conflict does not name the list: %s", f.Message)
		}
	}
	if !res.OnLists["140502194204206481"] || !res.OnLists["140502192612115846"] || res.OnLists["140501195309022097"] {
		t.Errorf("on this month's lists: %v (an out-of-date row names nobody)", res.OnLists)
	}
	earlier := map[int]bool{}
	for _, f := range res.Findings {
		switch f.Code {
		case "status_filled": // filled for this month only
			if !strings.Contains(f.Message, "名单只用于报送它的月份") {
				t.Errorf("row %d: %s", f.Where.Row, f.Message)
			}
		case CodeStatusFromEarlier:
			earlier[f.Where.Row] = true
			if !strings.Contains(f.Message, "早于本月；以前月份按当时的花名册发放，不自动补发") {
				t.Errorf("row %d: %s", f.Where.Row, f.Message)
			}
		}
	}
	// Told apart when the list dates from before the month (a death list
	// has no such date).
	if !earlier[4] || !earlier[10] || earlier[8] {
		t.Errorf("status_from_earlier on rows %v, want 4 and 10, not 8", earlier)
	}
	// The change lists read back which list filled what, from this
	// wording and from the one runs recorded before it.
	filled := ListFilledOf(append(slices.Clone(res.Findings), domain.Finding{Code: "status_filled", AsWritten: "140502194611306543",
		Message: "花名册未填低保类别，按低保名册「旧.xlsx」第2行填为「城市低保」；名单只用于报送它的月份"}))
	if filled["140502194204206481"]["低保类别"] != "低保名册" || filled["140502194103035871"]["自理能力"] != "能力评估结果" || filled["140502194611306543"]["低保类别"] != "低保名册" {
		t.Errorf("fields filled by lists, read back: %v", filled)
	}
	want := []string{
		"11月死亡名单.xlsx:4:death_not_on_roster",
		"东街.xlsx:10:status_filled",
		"东街.xlsx:10:status_from_earlier",
		"东街.xlsx:4:status_filled",
		"东街.xlsx:4:status_from_earlier",
		"东街.xlsx:6:status_dibao_kind",
		"东街.xlsx:7:status_conflict",
		"东街.xlsx:8:status_filled",
		"东街.xlsx:9:id_checksum",
		"低保名册.xlsx:6:status_out_of_date",
	}
	sameLines(t, "findings", places(res.Findings), want)
}

// From the third round of attacks: lists recognised by their columns alone,
// a validity range, 低保 on the roster against 城市低保 on the list, and
// roster headers that hide a payment column under another name.
func TestListsAndHeadersFromTheThirdRound(t *testing.T) {
	dir := t.TempDir()
	rosterPath := writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", map[string]any{"低保类别": "低保"}),
		row(2, "顾清金", "140502194611306543", nil),
		row(3, "孙花", "140502192611021100", nil),
	})
	roster, err := ReadFile(rosterPath, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	assess := writeList(t, dir, "06_结果.xlsx", []any{"姓名", "公民身份号码", "评估结论", "评估日期"},
		[]any{"顾清金", "140502194611306543", "不能自理", "2026-06-01"})
	police := writeList(t, dir, "08_公安.xlsx", []any{"姓名", "公民身份号码", "死亡日期"},
		[]any{"孙花", "140502192611021100", "2026-10-01"})
	dibao := writeList(t, dir, "低保名册.xlsx", []any{"姓名", "身份证号码", "低保类别", "保障起止日期"},
		[]any{"贺国荣", "140502194204206481", "城市低保", "2024-01-01至2027-12-31"})
	disab := writeList(t, dir, "残联.xlsx", []any{"姓名", "身份证号码", "残疾等级", "残疾类别", "证件有效期"},
		[]any{"顾清金", "140502194611306543", "二级", "肢体", "2018-01-01至2028-01-01"})
	for _, wb := range []*Workbook{assess, police, disab} {
		if len(wb.Entries) != 0 || len(wb.Statuses) != 1 {
			t.Fatalf("%s read as a roster: %d entries, %d statuses, notices %+v", wb.Name, len(wb.Entries), len(wb.Statuses), wb.Notices)
		}
	}
	res := Consolidate([]*Workbook{roster, assess, police, dibao, disab}, nov)
	for _, f := range res.Findings {
		if f.Severity == domain.Held {
			t.Errorf("held: %+v", f)
		}
	}
	got := map[string]domain.Person{}
	for _, p := range res.People {
		got[p.Name] = p
	}
	if got["贺国荣"].Dibao != domain.DibaoUrban || got["顾清金"].SelfCare != domain.SelfCareUnable ||
		got["顾清金"].Disability.Grade != 2 || got["孙花"].Death.IsZero() {
		t.Errorf("people %+v", got)
	}

	for _, header := range []string{"最低生活保障", "离世日期", "生活能力", "残疾程度", "电表号", "代发账户", "健在情况"} {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "身份证号码", header})
		f.SetSheetRow("Sheet1", "A2", &[]any{"贺国荣", "140502194204206481", "是"})
		p := filepath.Join(dir, "h.xlsx")
		f.SaveAs(p)
		_, err := ReadFile(p, "h.xlsx", nov, nil)
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_header_unknown" {
			t.Errorf("header %s: %v", header, err)
		}
	}
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "身份证号码(18位)", "低保类别"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"贺国荣", "140502194204206481", "城市低保"})
	p := filepath.Join(dir, "r.xlsx")
	f.SaveAs(p)
	if wb, err := ReadFile(p, "r.xlsx", nov, nil); err != nil || len(wb.Entries) != 1 {
		t.Errorf("header with a remark in brackets: %v", err)
	}
}

// From the fourth round: rosters that also carry a date column of a list are
// rosters, and harmless extra columns do not refuse a roster.
func TestRostersAreNotLists(t *testing.T) {
	dir := t.TempDir()
	hdr := rulesHeaders(t)
	read := func(name string, header []any, rows ...[]any) (*Workbook, error) {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &header)
		for i, r := range rows {
			r := r
			f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &r)
		}
		p := filepath.Join(dir, name)
		f.SaveAs(p)
		return ReadFile(p, name, nov, hdr)
	}
	cases := []struct {
		name   string
		header []any
		row    []any
	}{
		{"a.xlsx", []any{"序号", "乡镇", "村", "姓名", "身份证号", "银行卡号", "死亡日期"}, []any{1, "东街街道", "景德社区", "贺国荣", "140502194204206481", "6217", ""}},
		{"b.xlsx", []any{"序号", "姓名", "公民身份号码", "死亡日期"}, []any{1, "贺国荣", "140502194204206481", ""}},
		{"c.xlsx", []any{"街道", "姓名", "公民身份号码", "低保类别", "保障起始日期"}, []any{"东街街道", "贺国荣", "140502194204206481", "城市低保", "2024-01-01"}},
		{"d.xlsx", []any{"姓名", "公民身份号码", "残疾等级", "残疾类别", "证件有效期", "银行账号"}, []any{"贺国荣", "140502194204206481", "一级", "肢体", "2030-01-01", "6217"}},
		{"e_评估后花名册.xlsx", []any{"社区", "姓名", "公民身份号码", "自理能力", "评估日期"}, []any{"景德社区", "贺国荣", "140502194204206481", "不能自理", "2026-06-01"}},
	}
	for _, c := range cases {
		wb, err := read(c.name, c.header, c.row)
		if err != nil || len(wb.Entries) != 1 || len(wb.Statuses) != 0 {
			t.Errorf("%s: %v, entries %d, statuses %d", c.name, err, len(wb.Entries), len(wb.Statuses))
		}
	}
	for _, extra := range []string{"用电地址", "评定等级", "是否残疾", "供养方式", "联系电话", "监护人身份证号", "账户类型"} {
		wb, err := read("x.xlsx", []any{"街道", "姓名", "公民身份号码", "低保类别", "自理能力", "银行账号", extra}, []any{"东街街道", "贺国荣", "140502194204206481", "", "自理", "6217", "x"})
		if err != nil || len(wb.Entries) != 1 {
			t.Errorf("extra column %s refused: %v", extra, err)
		}
	}
}

// A 低保名册 whose protection ended before the month is the dibao office
// saying the 低保 ended: a roster still listing the person as 城市低保 is
// held as a conflict naming the end date, not paid the dibao rate (t9.py,
// 丙). A renewal on the same list (a later row valid this month) wins, and
// a roster that no longer says 低保 agrees with the list.
func TestDibaoListEnded(t *testing.T) {
	dir := t.TempDir()
	roster, err := ReadFile(writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "丙", "140502194204206481", map[string]any{"低保类别": "城市低保"}), // 4: ended 10-31: held
		row(2, "丁", "140502194611306543", map[string]any{"低保类别": "城市低保"}), // 5: ended, then renewed
		row(3, "戊", "140502193611014538", nil),                            // 6: ended, roster agrees
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	dibao := writeList(t, dir, "低保名册.xlsx", []any{"姓名", "身份证号码", "低保类别", "保障起止日期"},
		[]any{"丙", "140502194204206481", "城市低保", "2024-01-01至2026-10-31"},
		[]any{"丁", "140502194611306543", "城市低保", "2024-01-01至2026-10-31"},
		[]any{"丁", "140502194611306543", "城市低保", "2026-11-01至2027-10-31"},
		[]any{"戊", "140502193611014538", "城市低保", "2024-01-01至2026-09-30"},
	)
	res := Consolidate([]*Workbook{roster, dibao}, nov)
	for _, f := range res.Findings {
		if f.Code == "status_conflict" && !strings.Contains(f.Message, "已于2026-10-31结束") {
			t.Errorf("conflict does not give the end date: %s", f.Message)
		}
		// The ended row's own notice does not say it is not used: it is,
		// as word that the 低保 ended.
		if f.Code == "status_out_of_date" && (strings.Contains(f.Message, "本月不采用") || !strings.Contains(f.Message, "保障期已于")) {
			t.Errorf("an ended 低保名册 row told as not used: %s", f.Message)
		}
	}
	sameLines(t, "findings", places(res.Findings), []string{
		"东街.xlsx:4:status_conflict",
		"低保名册.xlsx:3:status_out_of_date",
		"低保名册.xlsx:4:status_out_of_date",
		"低保名册.xlsx:6:status_out_of_date",
	})
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name+" "+p.Dibao.String())
	}
	sameLines(t, "paid", paid, []string{"丁 城市低保", "戊 "})
}

// A death list row whose 死亡日期 cannot be read (a month only, nothing)
// still says the person may have died: their roster row is held as a
// conflict with the list, not paid in full beside a list row said to
// change nobody. The unreadable row settles no earlier conflict (it is not
// OnLists), and names nobody when the person is on no roster.
func TestDeathListDateUnreadable(t *testing.T) {
	dir := t.TempDir()
	roster, err := ReadFile(writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "马琴", "140502192907171685", nil),  // 4: list says 2026年10月: held
		row(2, "顾清金", "140502194611306543", nil), // 5: list row with no date: held
		row(3, "戊", "140502193611014538", nil),   // 6: not on the list: paid
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	death := writeList(t, dir, "11月死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"},
		[]any{"马琴", "140502192907171685", "2026年10月"},
		[]any{"顾清金", "140502194611306543", ""},
		[]any{"外人", "140502193807075930", "十月"},
	)
	res := Consolidate([]*Workbook{roster, death}, nov)
	all := slices.Concat(death.Notices, res.Findings)
	for _, f := range all {
		if f.Where.File == "11月死亡名单.xlsx" && (strings.Contains(f.Message, "不影响任何人") || !strings.Contains(f.Message, "暂缓发放")) {
			t.Errorf("list row %d does not say its person is held: %s", f.Where.Row, f.Message)
		}
		if f.Code == "status_conflict" && (!strings.Contains(f.Message, "11月死亡名单.xlsx") || !strings.Contains(f.Message, "死亡日期")) {
			t.Errorf("conflict does not name the list and the field: %s", f.Message)
		}
	}
	sameLines(t, "findings", places(all), []string{
		"11月死亡名单.xlsx:3:status_row_invalid",
		"11月死亡名单.xlsx:4:status_row_invalid",
		"11月死亡名单.xlsx:5:status_row_invalid",
		"东街.xlsx:4:death_list_undated",
		"东街.xlsx:5:death_list_undated",
	})
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name)
	}
	sameLines(t, "paid", paid, []string{"戊"})
	if len(res.OnLists) != 0 || len(res.DeadOffRoster) != 0 {
		t.Errorf("an unreadable date settles nothing and names nobody dead: on lists %v, dead off roster %v", res.OnLists, res.DeadOffRoster)
	}
}

// A death list row whose 死亡日期 is before the birth date in its ID
// (1926 typed for 2026) is no date to go by, as on a roster
// (death_date_invalid): taken as read, it stopped a living senior and
// recovered every approved month paid since. It is told as a date that
// cannot be used, and the roster row is held as for an unreadable date;
// nobody is dead by it.
func TestDeathListDateBeforeBirth(t *testing.T) {
	dir := t.TempDir()
	roster, err := ReadFile(writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "马琴", "140502192907171685", nil), // 4: list says 1926-11-03: held
		row(2, "戊", "140502193611014538", nil),  // 5: list says 2026-11-03: dead this month, paid
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	death := writeList(t, dir, "11月死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"},
		[]any{"马琴", "140502192907171685", "1926-11-03"},
		[]any{"戊", "140502193611014538", "2026-11-03"},
		[]any{"外人", "140502193807075930", "1930-01-01"},
	)
	res := Consolidate([]*Workbook{roster, death}, nov)
	all := slices.Concat(death.Notices, res.Findings)
	for _, f := range all {
		if f.Code == "status_row_invalid" && !strings.Contains(f.Message, "早于身份证号中的出生日期") {
			t.Errorf("list row %d does not say its date is before the birth: %s", f.Where.Row, f.Message)
		}
	}
	sameLines(t, "findings", places(all), []string{
		"11月死亡名单.xlsx:3:status_row_invalid",
		"11月死亡名单.xlsx:5:status_row_invalid",
		"东街.xlsx:4:death_list_undated",
		"东街.xlsx:5:status_filled",
	})
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name+" "+dateText(p.Death))
	}
	sameLines(t, "paid", paid, []string{"戊 2026-11-03"})
	if len(res.DeadOffRoster) != 0 {
		t.Errorf("a date before the birth names nobody dead: %v", res.DeadOffRoster)
	}
}

// A death list row with an unreadable date against a roster 死亡日期: the
// roster's date is paid by when the list's month is the same; another
// month, or none, holds the row. Another row of the list with a date,
// before or after it, changes nothing (a tester's senior was paid or held
// by the order of the rows).
func TestDeathListDateUnreadableAgainstTheRoster(t *testing.T) {
	dir := t.TempDir()
	roster, err := ReadFile(writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "同月", "140502192907171685", map[string]any{"死亡日期": "2026-11-10"}), // 4: list 2026年11月: paid
		row(2, "异月", "140502194611306543", map[string]any{"死亡日期": "2026-11-10"}), // 5: list 2026年10月: held
		row(3, "先有", "140502193611014538", nil),                                  // 6: list 2026-12-05, then 十月: held
		row(4, "后有", "140502194204206481", nil),                                  // 7: list 十月, then 2026-12-05: held
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	death := writeList(t, dir, "11月死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"},
		[]any{"同月", "140502192907171685", "2026年11月"},
		[]any{"异月", "140502194611306543", "2026年10月"},
		[]any{"先有", "140502193611014538", "2026-12-05"},
		[]any{"先有", "140502193611014538", "十月"},
		[]any{"后有", "140502194204206481", "十月"},
		[]any{"后有", "140502194204206481", "2026-12-05"},
	)
	res := Consolidate([]*Workbook{roster, death}, nov)
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name)
	}
	sameLines(t, "paid", paid, []string{"同月"})
	var held []string
	for _, f := range res.Findings {
		if f.Code == CodeDeathListUndated {
			held = append(held, fmt.Sprint(f.Where.Row))
		}
	}
	sameLines(t, "held", held, []string{"5", "6", "7"})
}

// A list of the dead named with another word than 死亡 (去世人员名单, 亡故人员)
// is a death list by its columns and name, as 死亡名单 is: read as a
// roster, its people were seniors with a 死亡日期, and the summary asked
// for its 低保类别 column (a tester's).
func TestDeathListNamedWithAnotherWord(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"2026年11月去世人员名单.xlsx", "亡故人员.xlsx", "死亡名单.xlsx"} {
		wb := writeList(t, dir, name, []any{"序号", "姓名", "公民身份号码", "死亡日期"}, []any{1, "外人", "140502193807075930", "2026-11-02"})
		if len(wb.Statuses) != 1 || wb.Statuses[0].Kind != StatusDeath || len(wb.Entries) != 0 {
			t.Errorf("%s: statuses %+v, entries %d", name, wb.Statuses, len(wb.Entries))
		}
		if codes, _ := missingNotices(wb); len(codes) != 0 {
			t.Errorf("%s: %v", name, codes)
		}
	}
}

// A death list's row whose 序号 says 合计 (copied with the total below)
// but that gives an ID is a death, not the list's total: skipped, the
// dead senior was paid. The list's own 合计 line is still skipped.
func TestDeathListRowNumberedTotal(t *testing.T) {
	wb := writeList(t, t.TempDir(), "死亡名单.xlsx", []any{"序号", "姓名", "公民身份号码", "死亡日期"},
		[]any{1, "外人", "140502193807075930", "2026-10-02"},
		[]any{"合计", "邻人", "140502194204206481", "2026-10-05"},
		[]any{"合计", "2人", "", ""},
	)
	var got []string
	for _, s := range wb.Statuses {
		got = append(got, fmt.Sprintf("%d %s %s %s", s.Source.Row, s.Name, s.ID, s.Death.Format("2006-01-02")))
	}
	sameLines(t, "statuses", got, []string{"3 外人 140502193807075930 2026-10-02", "4 邻人 140502194204206481 2026-10-05"})
}

// A death list names its people as a roster does, whatever form of the ID
// it writes: the 15-digit first-generation number, a lower-case x, × for
// X, full-width digits, spaces or dashes inside, or a 20-character
// 残疾人证号 in the ID column. Each is the roster's 18-digit person (and a
// roster row written with 15 digits is the list's 18-digit one): set aside
// as unreadable, the list row would let the dead be paid.
func TestDeathListNamesEachFormOfTheID(t *testing.T) {
	dir := t.TempDir()
	rosterPath := writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", nil), // 4: 15 digits on the list
		row(2, "方霞文", "14052519500624542X", nil), // 5: lower-case x
		row(3, "康林红", "14050119391025341X", nil), // 6: × for X
		row(4, "顾清金", "140502194611306543", nil), // 7: full-width digits
		row(5, "姜成", "140502193611014538", nil),  // 8: spaces and dashes
		row(6, "毛桂英", "140502194103035871", nil), // 9: 残疾人证号
		row(7, "孙花", "140502261102110", nil),     // 10: 15 digits on the roster, 18 on the list
	})
	roster, err := ReadFile(rosterPath, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	death := writeList(t, dir, "死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"},
		[]any{"贺国荣", "140502420420648", "2026-09-30"},
		[]any{"方霞文", "14052519500624542x", "2026-09-30"},
		[]any{"康林红", "14050119391025341×", "2026-09-30"},
		[]any{"顾清金", "１４０５０２１９４６１１３０６５４３", "2026-09-30"},
		[]any{"姜成", "140502-19361101 4538", "2026-09-30"},
		[]any{"毛桂英", "14050219410303587141", "2026-09-30"},
		[]any{"孙花", "140502192611021100", "2026-09-30"},
	)
	if len(death.Notices) != 0 || len(death.Statuses) != 7 {
		t.Fatalf("death list: %d rows read, notices %v", len(death.Statuses), places(death.Notices))
	}
	res := Consolidate([]*Workbook{roster, death}, nov)
	if len(res.People) != 7 {
		t.Fatalf("%d people, want 7", len(res.People))
	}
	for _, p := range res.People {
		if p.Death.Format(time.DateOnly) != "2026-09-30" {
			t.Errorf("row %d (%s): 死亡日期 %v, want the list's 2026-09-30", p.Source.Row, p.Name, p.Death)
		}
	}
	for _, f := range res.Findings {
		if f.Code == "death_not_on_roster" {
			t.Errorf("%s: %s", f.Name, f.Message)
		}
	}
}

// A 残疾人名册 row fills the one of 残疾等级 and 残疾类别 a roster left
// empty when it agrees with the other (二级 and no category), as a
// 残疾人证号 does; a differing grade is still a conflict.
func TestDisabilityListFillsTheEmptyColumn(t *testing.T) {
	dir := t.TempDir()
	roster := readAll(t, writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "贺国荣", "140502194803156105", map[string]any{"残疾等级": "三级"}),
		row(2, "顾清金", "140502194803156113", map[string]any{"残疾类别": "肢体"}),
		row(3, "姜成", "140502194803156121", map[string]any{"残疾等级": "二级"}),
	}))[0]
	disab := writeList(t, dir, "残联名册.xlsx", []any{"姓名", "身份证号码", "残疾等级", "残疾类别", "证件有效期"},
		[]any{"贺国荣", "140502194803156105", "三级", "智力", "2028-01-01"},
		[]any{"顾清金", "140502194803156113", "二级", "肢体", "2028-01-01"},
		[]any{"姜成", "140502194803156121", "一级", "肢体", "2028-01-01"},
	)
	res := Consolidate([]*Workbook{roster, disab}, nov)
	byRow := map[int]domain.Disability{}
	for _, p := range res.People {
		byRow[p.Source.Row] = p.Disability
	}
	if byRow[4] != (domain.Disability{Grade: 3, Category: "智力"}) || byRow[5] != (domain.Disability{Grade: 2, Category: "肢体"}) {
		t.Errorf("filled: row 4 %+v, row 5 %+v", byRow[4], byRow[5])
	}
	sameLines(t, "findings", places(res.Findings), []string{
		"东街.xlsx:4:status_filled",
		"东街.xlsx:5:status_filled",
		"东街.xlsx:6:status_conflict",
	})
}

// A list whose file name says it lists the dead is a death list without a
// 死亡日期 column, and with a 街道 column: read as a roster, a newcomer's
// 11月死亡名单 paid a dead stranger and told the clerk to add 银行账号 to
// it. A row without a date holds its person's roster row; one with a date
// gives it. A roster whose name says the dead were taken off it is paid.
func TestListNamedForTheDead(t *testing.T) {
	dir := t.TempDir()
	roster, err := ReadFile(writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "乙二", "140502194611306543", nil), // 4: on the list without a date column: held
		row(2, "丙三", "140502193611014538", nil), // 5: on the list with 街道, died in October: not paid
		row(3, "戊", "140502194204206481", nil),  // 6: on no list: paid
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	undated := writeList(t, dir, "11月死亡名单.xlsx", []any{"序号", "姓名", "身份证号码"},
		[]any{1, "乙二", "140502194611306543"},
		[]any{2, "外人", "140502193807075930"},
	)
	street := writeList(t, dir, "派出所死亡注销名单.xlsx", []any{"序号", "街道", "姓名", "身份证号码", "死亡日期"},
		[]any{1, "东街街道", "丙三", "140502193611014538", "2026-10-05"},
	)
	for _, wb := range []*Workbook{undated, street} {
		if codes, _ := missingNotices(wb); len(wb.Entries) != 0 || len(codes) != 0 {
			t.Errorf("%s read as a roster: %d entries, %v", wb.Name, len(wb.Entries), codes)
		}
	}
	res := Consolidate([]*Workbook{roster, undated, street}, nov)
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name+" "+dateText(p.Death))
	}
	sameLines(t, "not held", paid, []string{"丙三 2026-10-05", "戊 "})
	sameLines(t, "findings", places(slices.Concat(undated.Notices, street.Notices, res.Findings)), []string{
		"11月死亡名单.xlsx:3:status_row_invalid",
		"11月死亡名单.xlsx:4:status_row_invalid",
		"东街.xlsx:4:death_list_undated",
		"东街.xlsx:5:status_filled",
	})

	kept := writeList(t, dir, "东街花名册（已剔除死亡人员）.xlsx", []any{"序号", "姓名", "身份证号码"}, []any{1, "戊", "140502194204206481"})
	if len(kept.Entries) != 1 || kept.Entries[0].Held || len(kept.Statuses) != 0 {
		t.Errorf("a roster the dead were taken off: %d entries, %d list rows", len(kept.Entries), len(kept.Statuses))
	}
}

// A list of the roster compared with the death registrations
// (死亡人员比对结果) names as dead only the rows its 比对结果 does not
// clear: 未比中, 正常 or 健在 change nobody (a notice each), while 比中, an
// empty result or a word not known holds the roster row as a death list
// row without a date does. Before, every senior on it was held.
func TestDeathComparisonNotMatched(t *testing.T) {
	dir := t.TempDir()
	roster, err := ReadFile(writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", nil), // 4: 比中: held
		row(2, "乙二", "140502194702024808", nil), // 5: 未比中: paid
		row(3, "丙三", "140502194611306543", nil), // 6: 正 常: paid
		row(4, "丁四", "140502194703050012", nil), // 7: empty result: held
		row(5, "戊五", "140525195910280434", nil), // 8: 待核实: held
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	list := writeList(t, dir, "城区民政局死亡人员比对结果.xlsx", []any{"序号", "姓名", "身份证号码", "比对结果"},
		[]any{1, "甲一", "140502194204206481", "比中"},
		[]any{2, "乙二", "140502194702024808", "未比中"},
		[]any{3, "丙三", "140502194611306543", "正 常"},
		[]any{4, "丁四", "140502194703050012", nil},
		[]any{5, "戊五", "140525195910280434", "待核实"},
	)
	res := Consolidate([]*Workbook{roster, list}, nov)
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name)
	}
	sameLines(t, "paid", paid, []string{"乙二", "丙三"})
	var cleared []string
	for _, f := range list.Notices {
		if f.Code == "status_row_not_dead" {
			cleared = append(cleared, f.Name)
		}
	}
	sameLines(t, "cleared", cleared, []string{"乙二", "丙三"})
}

// A death list row whose ID cannot be read (a number cell that lost its
// last digits) still says someone of its 姓名 died: a roster row of that
// name is held, naming the list's row, and the list's row does not say it
// changes nobody. A list whose every ID is a number is no empty list.
func TestDeathListIDUnreadable(t *testing.T) {
	dir := t.TempDir()
	roster, err := ReadFile(writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "刘备", "140502193905054009", nil), // 4: the list's ID is a number: held
		row(2, "戊", "140502194204206481", nil),  // 5: paid
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	mixed := writeList(t, dir, "11月死亡人员名单.xlsx", []any{"姓名", "身份证号", "死亡日期"},
		[]any{"刘备", 1.40502193905054e+17, "2026-10-20"},
		[]any{"无名", "1405021939", "2026-10-20"},
	)
	res := Consolidate([]*Workbook{roster, mixed}, nov)
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name)
	}
	sameLines(t, "paid", paid, []string{"戊"})
	all := slices.Concat(mixed.Notices, res.Findings)
	sameLines(t, "findings", places(all), []string{
		"11月死亡人员名单.xlsx:3:status_row_invalid",
		"11月死亡人员名单.xlsx:4:status_row_invalid",
		"东街.xlsx:4:status_conflict",
	})
	for _, f := range all {
		if f.Where.Row == 3 && strings.Contains(f.Message, "不影响任何人") || f.Code == "status_conflict" && !strings.Contains(f.Message, "「11月死亡人员名单.xlsx」第3行") {
			t.Errorf("%s row %d: %s", f.Where.File, f.Where.Row, f.Message)
		}
	}
	if len(res.DeadOffRoster) != 0 || len(res.OnLists) != 0 {
		t.Errorf("an unread ID names nobody: dead off roster %v, on lists %v", res.DeadOffRoster, res.OnLists)
	}

	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "身份证号", "死亡日期"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"丁四", 1.4050219390505e+17, "2026-10-20"})
	p := filepath.Join(dir, "派出所死亡注销名单.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	if wb, err := ReadFile(p, "派出所死亡注销名单.xlsx", nov, nil); err != nil || len(wb.Statuses) != 1 {
		t.Errorf("a list of numbers only: %v", err)
	}
}

// A file named for the dead with a roster's columns (银行账号, 自理能力) is
// read as a sheet so named is: a row without a 死亡日期 is held at that
// column, naming the file; one with a date is paid through the month of
// death. A roster whose name says the dead were taken off it is paid.
func TestRosterFileNamedForTheDead(t *testing.T) {
	dir := t.TempDir()
	rows := [][]any{
		row(1, "无日期", "140502194611306543", map[string]any{"自理能力": "自理"}),
		row(2, "有日期", "140502193611014538", map[string]any{"自理能力": "自理", "死亡日期": "2026-11-02"}),
	}
	for name, want := range map[string][]string{
		"11月过世人员.xlsx":        {"无日期 sheet_dead_list@O", "有日期 paid"},
		"东街花名册（已剔除死亡人员）.xlsx": {"无日期 paid", "有日期 paid"},
	} {
		wb, err := ReadFile(writeRoster(t, dir, name, rows), name, nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range wb.Entries {
			v := "paid"
			for _, f := range e.Findings {
				if f.Severity == domain.Held {
					v = f.Code + "@" + f.Where.Column
					if !strings.Contains(f.Message, "文件「"+name+"」中，文件名表明是死亡人员名单") {
						t.Errorf("%s: %s", name, f.Message)
					}
				}
			}
			got = append(got, e.Person.Name+" "+v)
		}
		sameLines(t, name, got, want)
	}
	// a file named as a list of people to stop holds every row, but one
	// that gives a 死亡日期: the stop is the death's, paid through its month
	// (stop_list_death); a copy or a roster left after the removals holds
	// none
	for name, held := range map[string]bool{"11月停发人员.xlsx": true, "东街减员名单.xlsx": true,
		"东街花名册备份.xlsx": false, "东街核减后花名册.xlsx": false, "东街花名册（不含停发人员）.xlsx": false, "东街恢复发放人员.xlsx": false,
		"东街花名册（含减少人员）.xlsx": false, "11月发放名单（包含过世人员）.xlsx": false, "东街停发人员花名册.xlsx": true} {
		wb, err := ReadFile(writeRoster(t, dir, name, rows), name, nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range wb.Entries {
			dated := !e.Person.Death.IsZero()
			if e.Held != (held && !dated) || held && !strings.Contains(e.Findings[0].Message, "文件「"+name+"」中，文件名表明是") {
				t.Errorf("%s: %s held %v, want %v: %+v", name, e.Person.Name, e.Held, held && !dated, e.Findings)
			}
			if told := slices.ContainsFunc(e.Findings, func(f domain.Finding) bool { return f.Code == "stop_list_death" }); told != (held && dated) {
				t.Errorf("%s: %s told stop_list_death %v, want %v", name, e.Person.Name, told, held && dated)
			}
		}
	}
	// and a CSV so named, whose one sheet has no name of its own
	var records [][]string
	for _, r := range append([][]any{header}, rows...) {
		rec := make([]string, len(r))
		for i, c := range r {
			if c != nil {
				rec[i] = fmt.Sprint(c)
			}
		}
		records = append(records, rec)
	}
	p := filepath.Join(dir, "11月死亡名单.csv")
	writeCSV(t, p, records, false)
	wb, err := ReadFile(p, "11月死亡名单.csv", nov, nil)
	if err != nil || len(wb.Entries) != 2 || !wb.Entries[0].Held || wb.Entries[1].Held {
		t.Errorf("11月死亡名单.csv: %v, %s", err, rowCodes(wb))
	}
}

// A roster whose file name says the dead or the stopped were deleted from
// it (死亡人员已删除, 去世人员已减, 停发人员已去掉), or counts
// its changes in brackets (（减少3人）, （新增2人、减少1人）), is a roster:
// read as a list of them, every senior on it was held. A file that lists
// the deleted or counted people is still such a list.
func TestRosterFileNamedForItsRemovals(t *testing.T) {
	dir := t.TempDir()
	rows := [][]any{row(1, "邹香", "140502194611306543", map[string]any{"自理能力": "自理"})}
	for name, held := range map[string]bool{
		"东街11月花名册（死亡人员已删除）.xlsx": false, "东街11月花名册（去世人员已删）.xlsx": false, "东街11月花名册-去世人员已减.xlsx": false,
		"东街11月花名册（停发人员已删除）.xlsx": false, "东街11月花名册（停发人员已去掉）.xlsx": false,
		"东街街道11月高龄津贴（减少3人）.xlsx": false, "东街11月花名册（新增2人、减少1人）.xlsx": false,
		"11月过世人员.xlsx": true, "11月停发人员.xlsx": true, "东街11月已减员人员.xlsx": true, "11月减少3人.xlsx": true,
		"东街花名册（减少3人名单）.xlsx": true, "东街删除外迁人员.xlsx": true,
	} {
		wb, err := ReadFile(writeRoster(t, dir, name, rows), name, nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range wb.Entries {
			if e.Held != held {
				t.Errorf("%s: %s held %v, want %v: %+v", name, e.Person.Name, e.Held, held, e.Findings)
			}
		}
	}
}

// A death list row whose ID cannot be read holds the roster rows of its
// 姓名, unless the digits it keeps are plainly another person's: 王秀英
// born on another day was held for a stranger's death. A digit wrong, two
// swapped, or digits lost, still hold.
func TestDeathListIDUnreadableOtherPerson(t *testing.T) {
	dir := t.TempDir()
	roster, err := ReadFile(writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "王秀英", "140502194611306543", nil), // the list's ID is another's: paid
		row(2, "刘备", "140502193905054009", nil),  // one digit wrong: held
		row(3, "关羽", "140502193611014538", nil),  // two digits swapped: held
		row(4, "张飞", "140502194204206481", nil),  // an old ID of 15 digits is read: dead in October
		row(5, "赵云", "140581194412094635", nil),  // a number cell: held
		row(6, "关平", "140502193905051238", nil),  // a number cell read back as 18 digits: held
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	list := writeList(t, dir, "11月死亡人员名单.xlsx", []any{"姓名", "身份证号", "死亡日期"},
		[]any{"王秀英", "140502193501011234", "2026-10-20"},
		[]any{"刘备", "140502193905054008", "2026-10-20"},
		[]any{"关羽", "140502193610114538", "2026-10-20"},
		[]any{"张飞", "140502420420648", "2026-10-20"},
		[]any{"赵云", 1.40581194412094e+17, "2026-10-20"},
		// Stored as the whole number, as some programs write it: its last
		// three digits are zeros that pass the check character (1 time in
		// 11), an ID that is nobody's.
		[]any{"关平", int64(140502193905051000), "2026-10-20"},
	)
	res := Consolidate([]*Workbook{roster, list}, nov)
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name)
	}
	sameLines(t, "not held", paid, []string{"王秀英", "张飞"})
	// Each held row's message shows the list's ID as far as it is known:
	// a text ID whose check character fails as typed, a number's lost
	// digits as ?.
	shown := map[int]string{ // roster row: the ID as the message shows it
		5: "身份证号「140502193905054008」无法读取",
		6: "身份证号「140502193610114538」无法读取",
		8: "身份证号「140581194412094???」无法读取",
		9: "身份证号「140502193905051???」无法读取",
	}
	for _, f := range res.Findings {
		if f.Code != "status_conflict" {
			continue
		}
		want, ok := shown[f.Where.Row]
		if !ok || !strings.Contains(f.Message, want) {
			t.Errorf("row %d: %s\nwant it to say %s", f.Where.Row, f.Message, want)
		}
		delete(shown, f.Where.Row)
	}
	if len(shown) != 0 {
		t.Errorf("no status_conflict for %v", shown)
	}
	// The list's own notice of a number cell whose check character fails
	// says the digits were lost, not that the check character is wrong.
	for _, f := range list.Notices {
		if f.Where.Row == 7 && !strings.Contains(f.Message, "被存为数字") {
			t.Errorf("list row 7: %s", f.Message)
		}
	}
}

// A civil-affairs export of the 低保名册 has 乡镇(街道) and 社区(村) columns
// beside the household's (户主姓名, 与户主关系, 保障人数, 月保障金): it is the
// dibao office's list, not a roster. Read as a roster, a stranger on it
// was paid and the seniors on it held as duplicates of their own rows. A
// roster with 街道 and a 低保类别 but none of those columns stays a roster.
func TestDibaoListWithStreetColumns(t *testing.T) {
	dir := t.TempDir()
	header := []any{"序号", "乡镇(街道)", "社区(村)", "户主姓名", "与户主关系", "姓名", "身份证号码", "低保类别", "保障人数", "月保障金", "保障起止日期"}
	wb := writeList(t, dir, "城区民政局2026年11月城乡低保名册.xlsx", header,
		[]any{1, "东街街道", "东街社区", "贺国荣", "户主", "贺国荣", "140502194204206481", "城市低保", 1, "650", "2024-01-01至2026-12-31"},
		[]any{2, "东街街道", "东街社区", "贺国荣", "配偶", "李存根", "140502194105050047", "城市低保", 2, "650", "2024-01-01至2026-12-31"},
	)
	if len(wb.Entries) != 0 || len(wb.Statuses) != 2 || wb.Statuses[0].Kind != StatusDibao {
		t.Errorf("the dibao office's export: %d roster rows, %d list rows %+v", len(wb.Entries), len(wb.Statuses), wb.Statuses)
	}
	roster := writeList(t, dir, "东街花名册.xlsx", []any{"序号", "街道", "社区", "姓名", "身份证号码", "低保类别", "保障起止日期"},
		[]any{1, "东街街道", "东街社区", "贺国荣", "140502194204206481", "城市低保", "2024-01-01至2026-12-31"},
	)
	if len(roster.Entries) != 1 || len(roster.Statuses) != 0 {
		t.Errorf("a roster with 街道 and 低保类别: %d roster rows, %d list rows", len(roster.Entries), len(roster.Statuses))
	}
}

// Agencies join the two dates of a period with a hyphen as often as with
// 至: each of these reads as 2024-01-01 to 2026-12-31 (a 低保名册 row so
// written was refused, and 彭花素 paid the plain rate), while a single
// date, or text that is not two dates, is no period.
func TestPeriodWithAHyphen(t *testing.T) {
	from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, v := range []string{"2024/1/1-2026/12/31", "20240101-20261231", "2024-01-01-2026-12-31", "2024年1月1日-2026年12月31日", "2024.01.01－2026.12.31", "2024-01-01 - 2026-12-31", "2024-01-01至2026-12-31"} {
		f, tt, err := parsePeriod(v, false)
		if err != nil || !f.Equal(from) || !tt.Equal(to) {
			t.Errorf("%q: %s to %s, %v", v, f.Format("2006-01-02"), tt.Format("2006-01-02"), err)
		}
	}
	for _, v := range []string{"2026-12-31", "2024-2026", "2024-01-01-abc"} {
		if _, _, ok := hyphenPeriod(v, false); ok {
			t.Errorf("%q read as two dates", v)
		}
	}
}

// A funeral home heads its names 逝者姓名: read as the 姓名, a row whose ID
// is mistyped still holds the roster row of that name, as a row under 姓名
// does. Unread, the name was lost with the ID, and the dead senior paid on.
func TestDeathListNamesTheDeceased(t *testing.T) {
	dir := t.TempDir()
	list := writeList(t, dir, "11月殡仪馆火化名单.xlsx", []any{"序号", "逝者姓名", "身份证号", "死亡日期", "火化日期"},
		[]any{1, "宋梅香", "140501194505198274", "2026-10-28", "2026-10-30"}, // the last two digits swapped
	)
	if len(list.Statuses) != 1 || list.Statuses[0].Name != "宋梅香" || list.Statuses[0].IDUnread == "" {
		t.Fatalf("the list's row: %+v", list.Statuses)
	}
}

// A death list whose one row cannot be used (an ID mistyped, no name) is
// not refused as a roster with nobody on it ("如本月确无人员，无需报送"):
// the row is told, with what to correct.
func TestListOfUnusableRowsIsRead(t *testing.T) {
	wb := writeList(t, t.TempDir(), "11月死亡名单.xlsx", []any{"公民身份号码", "死亡日期"},
		[]any{"140501194505198274", "2026-10-28"},
	)
	if len(wb.Notices) != 1 || wb.Notices[0].Code != "status_row_invalid" {
		t.Errorf("notices %+v, want the row told as status_row_invalid", wb.Notices)
	}
}

// A death list's date is read under any header a roster's 死亡日期 is
// (rules/roster.headers.yaml: 去世日期, 死亡时间, 亡故日期, ...): a street's
// 去世人员 list headed 去世日期 was told it had no date column, and the
// month its senior lived in, owed to the heirs, went unsaid.
func TestDeathListDateUnderARosterAlias(t *testing.T) {
	for _, header := range []string{"去世日期", "死亡时间", "亡故日期", "死亡年月日"} {
		wb := streetDeathList(t, []any{"序号", "姓名", "身份证号码", header}, []any{1, "沈桂兰", "140502194204206481", "2026-10-08"})
		if len(wb.Statuses) != 1 || wb.Statuses[0].Kind != StatusDeath || wb.Statuses[0].Death.Format("2006-01-02") != "2026-10-08" {
			t.Errorf("%s: statuses %+v, notices %+v", header, wb.Statuses, wb.Notices)
		}
	}
}

// A street's list of its dead gives its 街道: a row of it that cannot be
// used is told on that street's copy (Finding.Street), not on 未填街道's,
// where the street's clerk never saw it.
func TestStreetsListOfTheDeadToldOnItsStreet(t *testing.T) {
	wb := streetDeathList(t, []any{"序号", "街道", "社区", "姓名", "身份证号码", "去世日期"}, []any{1, "西街街道", "西街社区", "沈桂兰", "140502194204206481", ""})
	if len(wb.Notices) != 1 || wb.Notices[0].Code != "status_row_invalid" || wb.Notices[0].Street != "西街街道" {
		t.Errorf("notices %+v, want the row told on 西街街道", wb.Notices)
	}
}

// streetDeathList reads a street's list of its dead, 西街街道12月去世人员.xlsx,
// of header and row on its first sheet, with the rules' header aliases.
func streetDeathList(t *testing.T, header, row []any) *Workbook {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &header)
	f.SetSheetRow("Sheet1", "A2", &row)
	p := filepath.Join(t.TempDir(), "西街街道12月去世人员.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	wb, err := ReadFile(p, filepath.Base(p), nov, rulesHeaders(t))
	if err != nil {
		t.Fatal(err)
	}
	return wb
}

// A list row whose ID reads and is a roster row's, under another 姓名, is
// someone else's row with a mistyped ID: the police's 陈长福 under 马秀珍's
// ID stopped her without a word, and a 低保名册's 刘桂英 under 孙花's paid
// her the dibao rate. The row is held, the list's word not taken. A name
// a character apart (刘桂瑛 for 刘桂英) is taken, with a notice.
func TestListRowUnderAnotherName(t *testing.T) {
	dir := t.TempDir()
	roster, err := ReadFile(writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "马秀珍", "140502193611014538", nil), // 4: a death under her ID, another name
		row(2, "孙花", "140502192611021100", nil),  // 5: dibao under her ID, another name
		row(3, "刘桂英", "140502194204206481", nil), // 6: dibao, her name a character apart
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	death := writeList(t, dir, "死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"}, []any{"陈长福", "140502193611014538", "2026-09-10"})
	dibao := writeList(t, dir, "低保名册.xlsx", []any{"姓名", "身份证号码", "低保类别", "保障起止日期"},
		[]any{"刘桂英", "140502192611021100", "城市低保", "2026-01-01至2026-12-31"},
		[]any{"刘桂瑛", "140502194204206481", "城市低保", "2026-01-01至2026-12-31"})
	res := Consolidate([]*Workbook{roster, death, dibao}, nov)
	got := map[int][]string{}
	for _, f := range res.Findings {
		if f.Where.File == "东街.xlsx" {
			got[f.Where.Row] = append(got[f.Where.Row], f.Code)
		}
	}
	if !slices.Contains(got[4], "status_conflict") || !slices.Contains(got[5], "status_conflict") || slices.Contains(got[6], "status_conflict") || !slices.Contains(got[6], "status_name_differs") {
		t.Errorf("findings by row %v: want 4 and 5 held, 6 told", got)
	}
	for _, p := range res.People {
		switch p.Name {
		case "马秀珍", "孙花":
			t.Errorf("%s paid: %+v", p.Name, p)
		case "刘桂英":
			if !p.Dibao.IsDibao() {
				t.Errorf("刘桂英 not dibao by the list: %v", p.Dibao)
			}
		}
	}
	for _, f := range res.Findings {
		if f.Where.Row == 4 && f.Code == "status_conflict" && !strings.Contains(f.Message, "姓名为「陈长福」，与本行「马秀珍」不同") {
			t.Errorf("row 4: %s", f.Message)
		}
	}
}

// Two death lists that disagree on a roster row without a date: the first
// fills it, the second conflicts, and the message names the first list as
// where the row's date came from; it said 花名册为「2026-10-31」 of a roster
// that gave none. The date is still read back as on record.
func TestTwoDeathListsDisagree(t *testing.T) {
	dir := t.TempDir()
	roster, err := ReadFile(writeRoster(t, dir, "东街.xlsx", [][]any{row(1, "吴桂芝", "140502193611014538", nil)}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	funeral := writeList(t, dir, "殡仪馆死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"}, []any{"吴桂芝", "140502193611014538", "2026-10-31"})
	police := writeList(t, dir, "派出所死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"}, []any{"吴桂芝", "140502193611014538", "2026-11-01"})
	res := Consolidate([]*Workbook{roster, funeral, police}, nov)
	var msg string
	for _, f := range res.Findings {
		if f.Code == "status_conflict" {
			msg = f.Message
		}
	}
	if !strings.HasPrefix(msg, "死亡日期：死亡名单「殡仪馆死亡名单.xlsx」第3行为「2026-10-31」，死亡名单「派出所死亡名单.xlsx」第3行为「2026-11-01」") {
		t.Errorf("conflict: %q", msg)
	}
	if got := DeathConflictsOf(res.Findings); len(got) != 1 || got[0].Death.Format("2006-01-02") != "2026-11-01" {
		t.Errorf("read back: %+v", got)
	}
	if got := ConflictRosterDatesOf(res.Findings); len(got) != 1 || got[0].Death.Format("2006-01-02") != "2026-10-31" {
		t.Errorf("the row's date read back: %+v", got)
	}
}
