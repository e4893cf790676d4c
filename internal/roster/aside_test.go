package roster

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// asideWorkbook writes sheets (in order, each under the test header from
// row 2) into one workbook and reads it as 东街.xlsx.
func asideWorkbook(t *testing.T, sheets []string, rows map[string][][]any) *Workbook {
	t.Helper()
	f := excelize.NewFile()
	headedSheets(f, sheets...)
	for _, s := range sheets {
		for i, r := range rows[s] {
			f.SetSheetRow(s, fmt.Sprintf("A%d", i+2), &r)
		}
	}
	return readSaved(t, f, t.TempDir(), "东街.xlsx")
}

// entrySheets lists each entry as 姓名/sheet and its findings' codes.
func entrySheets(wb *Workbook) []string {
	var out []string
	for _, e := range wb.Entries {
		out = append(out, e.Person.Name+"/"+e.Person.Source.Sheet+" "+strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code }), ","))
	}
	return out
}

// A person of the set-aside sheet whose row on the sheet read has an ID
// that cannot be read (held for it) is matched by 姓名, and the notice says
// the row is there, held, to be corrected: a tester's staff were told 马德华
// was on no sheet read, and might have copied him in a second time.
func TestSetAsideSheetNamesAHeldRowByName(t *testing.T) {
	a := row(1, "在册甲", "1405021942042064", nil) // 16 digits: held, no ID
	b := row(2, "在册乙", "140502194611306543", nil)
	gone := row(3, "已删丙", "140502193611014538", nil)
	wb := asideWorkbook(t, []string{"Sheet1", "备份"}, map[string][][]any{
		"Sheet1": {a, b}, "备份": {row(1, "在册甲", "140502194204206481", nil), b, gone},
	})
	if len(wb.Notices) == 0 {
		t.Fatal("no notice of the backup sheet")
	}
	var msg string
	for _, n := range wb.Notices {
		if n.Where.Sheet == "备份" {
			msg = n.Message
		}
	}
	for _, want := range []string{"其中 1 人不在本工作簿读取的工作表中", "已删丙（第4行）", "其中 1 人在读取的工作表中有同名的行，但该行身份证号无法读取，已暂缓", "在册甲（第2行；「Sheet1」第2行）"} {
		if !strings.Contains(msg, want) {
			t.Errorf("want %q in the backup's notice: %s", want, msg)
		}
	}
}

// A 模板 sheet's example rows (张三 with an ID of the right check
// character) were read as people and paid beside the street's roster; a
// sheet named 备份 or 旧, a copy of the roster, held every row of it as a
// sheet not to pay, and each roster row with it as its duplicate (the
// whole street held). Beside a roster sheet with people, such sheets are
// set aside (sheet_template, sheet_backup), their notice naming whom no
// sheet read lists. Alone, a 模板 is read (the roster typed into the
// template); a stop list's backup (停发人员备份) still holds its rows.
func TestTemplateAndBackupSheetsSetAside(t *testing.T) {
	a := row(1, "在册甲", "140502194204206481", nil)
	b := row(2, "在册乙", "140502194611306543", nil)
	gone := row(3, "已删丙", "140502193611014538", nil)
	example := row(1, "张三", withCheck("11010119400101123"), map[string]any{"备注": "示例"})
	wb := asideWorkbook(t, []string{"Sheet1", "模板", "备份", "东街（旧）", "填表说明"}, map[string][][]any{
		"Sheet1": {a, b}, "模板": {example}, "备份": {a, b, gone}, "东街（旧）": {a, b}, "填表说明": {example},
	})
	sameLines(t, "entries", entrySheets(wb), []string{"在册甲/Sheet1 ", "在册乙/Sheet1 "})
	var notices []string
	for _, n := range wb.Notices {
		notices = append(notices, n.Where.Sheet+" "+n.Code)
		if !strings.Contains(n.Message, "另有花名册工作表「Sheet1」") {
			t.Errorf("%s: the roster read is not named: %s", n.Where.Sheet, n.Message)
		}
	}
	slices.Sort(notices)
	sameLines(t, "notices", notices, []string{"东街（旧） sheet_backup", "填表说明 sheet_template", "备份 sheet_backup", "模板 sheet_template"})
	for _, n := range wb.Notices {
		switch n.Where.Sheet {
		case "备份":
			if !strings.Contains(n.Message, "其中 1 人不在本工作簿读取的工作表中") || !strings.Contains(n.Message, "已删丙（第4行）") || strings.Contains(n.Message, "在册甲") {
				t.Errorf("the backup's removed person is not named: %s", n.Message)
			}
		case "模板":
			if !strings.Contains(n.Message, "填写示例") || !strings.Contains(n.Message, "张三（第2行）") {
				t.Errorf("the template's example is not named: %s", n.Message)
			}
		}
	}

	// The roster typed into the template, the tab left as it was.
	wb = asideWorkbook(t, []string{"模板", "Sheet2"}, map[string][][]any{"模板": {a, b}})
	sameLines(t, "a template alone", entrySheets(wb), []string{"在册甲/模板 ", "在册乙/模板 "})

	// Last month's tab not renamed beside the template: the template does
	// not pass for this month's sheet, which would leave the roster unread
	// and pay the example.
	wb = asideWorkbook(t, []string{"模板", "10月"}, map[string][][]any{"模板": {example}, "10月": {a, b}})
	sameLines(t, "beside 10月", entrySheets(wb), []string{"在册甲/10月 ", "在册乙/10月 "})

	// A backup of a stop list is a stop list; a sheet of people to stop is
	// no roster to set a backup aside for.
	wb = asideWorkbook(t, []string{"Sheet1", "停发人员备份"}, map[string][][]any{"Sheet1": {a}, "停发人员备份": {b}})
	sameLines(t, "a stop list's backup", entrySheets(wb), []string{"在册甲/Sheet1 ", "在册乙/停发人员备份 sheet_stop_list"})
	wb = asideWorkbook(t, []string{"停发人员", "备份"}, map[string][][]any{"停发人员": {b}, "备份": {a}})
	sameLines(t, "beside a stop list", entrySheets(wb), []string{"在册乙/停发人员 sheet_stop_list", "在册甲/备份 sheet_stop_list"})
}

// A sheet whose name says which form it is laid out in (2026年11月（模板格式）,
// 按模板填写, 旧表格式) is the roster, not a template or a copy: set aside
// beside last month's sheet, this month's roster went unread and October's
// was paid; beside a community's sheet, that community's people went
// unpaid.
func TestSheetLaidOutAsTemplateIsRoster(t *testing.T) {
	a := row(1, "在册甲", "140502194204206481", nil)
	b := row(2, "在册乙", "140502194611306543", nil)
	wb := asideWorkbook(t, []string{"2026年11月（模板格式）", "2026年10月"}, map[string][][]any{"2026年11月（模板格式）": {a, b}, "2026年10月": {a}})
	sameLines(t, "beside 10月", entrySheets(wb), []string{"在册甲/2026年11月（模板格式） ", "在册乙/2026年11月（模板格式） "})
	wb = asideWorkbook(t, []string{"东上社区", "文昌社区（按模板填写）"}, map[string][][]any{"东上社区": {a}, "文昌社区（按模板填写）": {b}})
	sameLines(t, "beside 东上社区", entrySheets(wb), []string{"在册甲/东上社区 ", "在册乙/文昌社区（按模板填写） "})
	for _, n := range wb.Notices {
		if n.Code == "sheet_template" {
			t.Errorf("%s: %s", n.Where.Sheet, n.Message)
		}
	}
	// Alone, a sheet in the old table's form was held whole as a 旧表.
	wb = asideWorkbook(t, []string{"2026年11月（旧表格式）"}, map[string][][]any{"2026年11月（旧表格式）": {a}})
	sameLines(t, "旧表格式 alone", entrySheets(wb), []string{"在册甲/2026年11月（旧表格式） "})
}

// A sheet copied within its workbook (11月 beside 11月 (2), as Excel names
// the copy; Sheet1(2) and Sheet1_副本 as WPS does, Sheet1_2 as LibreOffice
// does, Sheet1 的副本 and Copy of Sheet1 as Google Sheets does, 11月（新）
// as staff mark it) and then changed, one
// person deleted from the copy and another added, was read whole beside
// the original: the deleted person was paid from the old sheet, and the
// only word was a duplicate notice on the rows both list. The workbook is
// refused (file_sheet_versions), naming the people on one sheet only. The
// same people on both, or mostly others (one roster over 东街(1) and
// 东街(2), a short second sheet repeating one person, or a copy filled in
// for other people), are read as before.
func TestCopiedSheetThatDiffersRefusesTheWorkbook(t *testing.T) {
	a := row(1, "在册甲", "140502194204206481", nil)
	b := row(2, "在册乙", "140502194611306543", nil)
	gone := row(3, "已删丙", "140502193611014538", nil)
	added := row(3, "新增丁", withCheck("14050219380303452"), nil)
	changed := [2][][]any{{a, b, gone}, {a, b, added}} // one deleted, another added
	for _, c := range []struct {
		original, copied string
		rows             [2][][]any
		refused          bool
	}{
		{"11月", "11月 (2)", changed, true},
		{"Sheet1", "Sheet1(2)", [2][][]any{{a, b, gone}, {a, b}}, true},
		{"Sheet1", "Sheet1_副本", [2][][]any{{a, b}, {a, b, added}}, true},
		{"11月", "11月_2", changed, true}, // LibreOffice's copy
		{"11月", "11月 的副本", changed, true},
		{"11月", "Copy of 11月", changed, true},
		{"11月", "11月-2", changed, true},
		{"11月", "11月 2", changed, true},
		{"11月", "11月（新）", changed, true},
		// A copy of a copy, another case, and the words staff use.
		{"11月", "Copy of Copy of 11月", changed, true},
		{"11月", "11月 (2) (2)", changed, true},
		{"11月", "11月_2_2", changed, true},
		{"11月", "11月 的副本 2", changed, true},
		{"Sheet1", "sheet1 (2)", changed, true},
		{"Sheet1", "Sheet1 复制", changed, true},
		{"东街", "东街(修改)", changed, true},
		{"东街", "东街最终版", changed, true},
		{"11月", "11月 (2)", [2][][]any{{a, b}, {a, b}}, false},
		{"11月", "11月 (2)", [2][][]any{{a, b}, {gone, added}}, false},
		{"东街(1)", "东街(2)", [2][][]any{{a, b, gone}, {a, added}}, false},
		// One person typed on both a sheet and a short one after it: a
		// roster over two sheets, not a version (half of the smaller only).
		{"11月", "11月 (2)", [2][][]any{{a, b, gone}, {gone, added}}, false},
	} {
		f := excelize.NewFile()
		headedSheets(f, c.original, c.copied)
		for i, s := range []string{c.original, c.copied} {
			for j, r := range c.rows[i] {
				f.SetSheetRow(s, fmt.Sprintf("A%d", j+2), &r)
			}
		}
		p := filepath.Join(t.TempDir(), "东街.xlsx")
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		_, err := ReadFile(p, "东街.xlsx", nov, nil)
		var rej *RejectError
		refused := errors.As(err, &rej) && rej.Code == "file_sheet_versions"
		if refused != c.refused || err != nil && !refused {
			t.Errorf("%s beside %s: %v, want refused %v", c.original, c.copied, err, c.refused)
			continue
		}
		if refused && (!strings.Contains(rej.Message, "「"+c.original+"」和「"+c.copied+"」") || !strings.Contains(rej.Message, "第4行")) &&
			!strings.Contains(rej.Message, "「"+c.copied+"」和「"+c.original+"」") {
			t.Errorf("%s beside %s: the sheets or the people on one only are not named: %s", c.original, c.copied, rej.Message)
		}
	}
}

// Clerks move the dead to a 停发人员 sheet as often as to a sheet of the
// dead. There a row whose 备注 says the senior died, with no 死亡日期, is
// held for the death alone (remark_death: dated later, the month of death
// is paid back; deleted, 待核实 asks), and a row that gives the date is
// paid through the month of death and told (stop_list_death); a stop with
// a reason of its own, or with no word at all, still holds as a stop. Held
// as stops, the months of death of a tester's 孙六 and 己六 were lost
// without a word.
func TestStopSheetOfTheDead(t *testing.T) {
	wb := asideWorkbook(t, []string{"Sheet1", "停发人员"}, map[string][][]any{
		"Sheet1": {row(1, "在册甲", "140502194204206481", nil)},
		"停发人员": {
			row(1, "未填日期", "140502194611306543", map[string]any{"备注": "11月2日去世"}),
			row(2, "填了日期", "140502193611014538", map[string]any{"死亡日期": "2026-11-06"}),
			row(3, "迁出又故", "140502194702024808", map[string]any{"死亡日期": "2026-11-06", "备注": "已迁出本区"}),
			row(4, "无话", "140502192611021100", nil),
		},
	})
	sameLines(t, "entries", entrySheets(wb), []string{
		"在册甲/Sheet1 ", "未填日期/停发人员 remark_death", "填了日期/停发人员 stop_list_death",
		"迁出又故/停发人员 remark_stop,sheet_stop_list", "无话/停发人员 sheet_stop_list",
	})
	for _, e := range wb.Entries {
		if held := e.Person.Name == "未填日期" || e.Person.Name == "迁出又故" || e.Person.Name == "无话"; e.Held != held {
			t.Errorf("%s: held %v, want %v", e.Person.Name, e.Held, held)
		}
	}
}

// A sheet the roster's formulas look up (查找 表, the source of a
// VLOOKUP filling 低保类别; one named 低保名单 is read as the dibao
// office's list) is set aside, not read as a second roster:
// read, it paid 周某, on the lookup table but on no roster, at the dibao
// rate. Its people on no sheet read are named. A sheet of people no
// formula names (补报) is read as before.
func TestLookupSheetIsNoRoster(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "花名册")
	f.SetSheetRow("花名册", "A3", &header)
	people := [][]any{row(1, "邹香", "140502194204206481", nil), row(2, "王秀英", "140502194702024808", nil)}
	for i, r := range people {
		f.SetSheetRow("花名册", fmt.Sprintf("A%d", 4+i), &r)
		f.SetCellFormula("花名册", fmt.Sprintf("G%d", 4+i), fmt.Sprintf(`IFERROR(VLOOKUP(E%d,'查找 表'!B:C,2,0),"")`, 4+i))
		f.SetCellStr("花名册", fmt.Sprintf("G%d", 4+i), "城市低保") // the result cached
		f.SetCellFormula("花名册", fmt.Sprintf("G%d", 4+i), fmt.Sprintf(`IFERROR(VLOOKUP(E%d,'查找 表'!B:C,2,0),"")`, 4+i))
	}
	f.NewSheet("查找 表")
	f.SetSheetRow("查找 表", "A1", &[]any{"姓名", "身份证号码", "低保类别"})
	f.SetSheetRow("查找 表", "A2", &[]any{"邹香", "140502194204206481", "城市低保"})
	f.SetSheetRow("查找 表", "A3", &[]any{"周某", "140502194611306543", "城市低保"})
	f.NewSheet("补报")
	f.SetSheetRow("补报", "A3", &header)
	extra := row(3, "李四", "140502194703050012", nil)
	f.SetSheetRow("补报", "A4", &extra)
	p := filepath.Join(t.TempDir(), "东街.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	wb := readAll(t, p)[0]
	var names []string
	for _, e := range wb.Entries {
		names = append(names, e.Person.Name+"@"+e.Person.Source.Sheet)
	}
	if want := []string{"邹香@花名册", "王秀英@花名册", "李四@补报"}; !slices.Equal(names, want) {
		t.Errorf("read %v, want %v", names, want)
	}
	i := slices.IndexFunc(wb.Notices, func(n domain.Finding) bool { return n.Code == "sheet_lookup" })
	if i < 0 || wb.Notices[i].Where.Sheet != "查找 表" || !strings.Contains(wb.Notices[i].Message, "「花名册」表的公式") || !strings.Contains(wb.Notices[i].Message, "周某（第3行）") {
		t.Errorf("notices: %+v", wb.Notices)
	}
}

// formulaSheets names the sheets of this workbook a formula names, quoted
// or not, once each, and not another workbook's.
func TestFormulaSheets(t *testing.T) {
	got := formulaSheets(`IFERROR(VLOOKUP(F3,低保名单!B:C,2,0),VLOOKUP(F3,'11月 名单'!A:B,2,0))+SUM(低保名单!D1:D9)+'it''s'!A1+[1]Sheet1!A1+'[2]外表'!B2`, nil)
	if want := []string{"低保名单", "11月 名单", "it's"}; !slices.Equal(got, want) {
		t.Errorf("formulaSheets = %q, want %q", got, want)
	}
}
