package roster

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/rules"
)

var nov = domain.Month{Year: 2026, Month: time.November}

// A header with aliases and an odd column order, under a title and a unit
// line, as street offices write them.
var header = []any{"序号", "乡镇（街道）", "村(社区)", "姓 名", "身份证号码", "出生日期", "低保类别", "特困类别", "经济困难", "自理能力", "残疾等级", "残疾类别", "户号", "银行账号", "死亡日期", "备注"}

// row builds a data row: name, ID and then overrides by header text.
func row(seq int, name string, id any, set map[string]any) []any {
	r := make([]any, len(header))
	r[0], r[1], r[2], r[3], r[4] = seq, "东街街道", "景德社区", name, id
	for k, v := range set {
		for i, h := range header {
			if h == k {
				r[i] = v
			}
		}
	}
	return r
}

// readSaved saves f as name in dir and reads it as a November roster.
func readSaved(t *testing.T, f *excelize.File, dir, name string) *Workbook {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	wb, err := ReadFile(p, name, nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	return wb
}

// sameLines fails the test when got differs from want, showing both, one
// item a line.
func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// writeRoster writes rows (starting at Excel row 4) into a new workbook and
// returns its path.
func writeRoster(t *testing.T, dir, name string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "东街街道2026年11月老年人补贴花名册")
	f.MergeCell("Sheet1", "A1", "P1")
	f.SetCellValue("Sheet1", "A2", "填报单位：东街街道")
	f.SetSheetRow("Sheet1", "A3", &header)
	for i, r := range rows {
		r := r
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", 4+i), &r)
	}
	p := filepath.Join(dir, name)
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// Every kind of bad row is held with its own code, at its own Excel row;
// blank and 合计 rows are skipped; good rows become people.
func TestEachExceptionKind(t *testing.T) {
	dir := t.TempDir()
	rows := [][]any{
		row(1, "贺国荣", "140502194204206481", map[string]any{"出生日期": "1942/4/20", "低保类别": "否"}), // 4: good
		{},                                    // 5: blank
		row(2, "", "140502194611306543", nil), // 6
		row(3, "无号", "", nil),                 // 7
		row(4, "数字号", 1.40502195711201e+17, nil),                                          // 8: float cell
		row(5, "旧号", "140502420420648", nil),                                              // 9: 15 digits
		row(6, "字母", "14050219420420648A", nil),                                           // 10
		row(7, "假日期", "140502194202306485", nil),                                          // 11: 30 Feb
		row(8, "校验", "140502194204206482", nil),                                           // 12
		row(9, "日期错", "140502194204206481", map[string]any{"出生日期": "1942-04-21"}),         // 13
		row(10, "日期乱", "140502193611014538", map[string]any{"出生日期": "42-04-20"}),          // 14
		row(11, "低保", "140502192611021100", map[string]any{"低保类别": "待定"}),                 // 15
		row(12, "特困", "140502192612115846", map[string]any{"特困类别": "待批"}),                 // 16
		row(13, "困难", "140502194103035871", map[string]any{"经济困难": "有"}),                  // 17
		row(14, "自理", "140502195401091462", map[string]any{"自理能力": "完全自理"}),               // 18
		row(15, "等级", "140502195802099473", map[string]any{"残疾等级": "五级"}),                 // 19
		row(16, "类别", "14050219600409842X", map[string]any{"残疾类别": "其他"}),                 // 20
		row(17, "账号", "140502194305097384", map[string]any{"银行账号": 6.21762773068986e+18}), // 21
		row(18, "末日", "140502193807075930", map[string]any{"死亡日期": "上个月"}),                // 22
		row(19, "", "", nil), // 23: only 序号 and street: a template row
		row(20, "未来", withCheck("14050220270101648"), nil), // 24: born after the month
		{"合计", "", "", "20人"},                              // 25
		row(21, "小写", "11010519491231002x", nil),           // 26: good, lower-case x
	}
	p := writeRoster(t, dir, "东街.xlsx", rows)
	wb, err := ReadFile(p, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{
		6: "name_missing", 7: "id_missing", 8: "id_numeric", 10: "id_characters",
		11: "id_birth_date", 12: "id_checksum", 13: "birth_date_mismatch", 14: "birth_date_invalid",
		15: "value_unknown", 16: "value_unknown", 17: "value_unknown", 18: "value_unknown",
		19: "value_unknown", 20: "value_unknown", 21: "account_numeric", 22: "death_date_invalid",
		24: "id_birth_date",
	}
	got := map[int]string{}
	var paid []int
	for _, e := range wb.Entries {
		if !e.Held {
			paid = append(paid, e.Person.Source.Row)
			continue
		}
		var codes []string
		for _, f := range e.Findings {
			codes = append(codes, f.Code)
			if f.Message == "" || f.Where.File != "东街.xlsx" || f.Where.Sheet != "Sheet1" {
				t.Errorf("row %d: finding without place or message: %+v", e.Person.Source.Row, f)
			}
		}
		got[e.Person.Source.Row] = strings.Join(codes, ",")
	}
	for r, code := range want {
		if got[r] != code {
			t.Errorf("row %d: %q, want %q", r, got[r], code)
		}
	}
	if len(got) != len(want) {
		t.Errorf("held rows %v", got)
	}
	if fmt.Sprint(paid) != "[4 9 26]" {
		t.Errorf("paid rows %v, want [4 9 26] (row 9: a 15-digit ID, converted)", paid)
	}
	for _, e := range wb.Entries {
		if e.Person.Source.Row == 9 && (e.Person.ID != "140502194204206481" || len(e.Findings) != 1 || e.Findings[0].Code != "id_converted") {
			t.Errorf("15-digit ID: %+v", e)
		}
	}
	if wb.RowsRead != len(want)+3 {
		t.Errorf("RowsRead %d", wb.RowsRead)
	}
	if len(wb.Notices) != 1 || wb.Notices[0].Code != "row_template" || wb.Notices[0].Where.Row != 23 {
		t.Errorf("notices %+v", wb.Notices)
	}
	// The column of a coded-value finding is named for staff.
	for _, e := range wb.Entries {
		if e.Person.Source.Row == 15 && (e.Findings[0].Where.Column != "G" || e.Findings[0].Where.Header != "低保类别") {
			t.Errorf("row 15 located at %+v", e.Findings[0].Where)
		}
	}
}

// An ID typed into a number cell loses its last digits even when the cell
// shows only digits; the message must say so, not "wrong check character".
func TestIDInNumberCellWithoutExponent(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "a.xlsx", [][]any{row(1, "数字", int64(140522194201261000), nil)})
	wb, err := ReadFile(p, "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f := wb.Entries[0].Findings; len(f) != 1 || f[0].Code != "id_numeric" {
		t.Errorf("findings %+v", f)
	}
}

// What is left of an ID in a number cell may pass the check character by
// chance (140502193602122377 becomes 140502193602122000, which does): it is
// held all the same, and nobody is paid or listed under it. A number of 16
// digits is held as a number too, not as an ID of the wrong length.
func TestIDInNumberCellPassingCheck(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "a.xlsx", [][]any{row(1, "己六", int64(140502193602122000), nil), row(2, "贺国荣", "140502194204206481", nil), row(3, "庚七", int64(1405021941051012), nil)})
	wb, err := ReadFile(p, "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := wb.Entries[0]
	if f := e.Findings; !e.Held || len(f) != 1 || f[0].Code != "id_numeric" || f[0].Where.Header != "公民身份号码" || e.Person.ID != "" {
		t.Errorf("held %v, ID %q, findings %+v", e.Held, e.Person.ID, f)
	}
	if e := wb.Entries[2]; !e.Held || len(e.Findings) != 1 || e.Findings[0].Code != "id_numeric" {
		t.Errorf("a 16-digit number: held %v, findings %+v", e.Held, e.Findings)
	}
	if e := wb.Entries[1]; e.Held || e.Person.ID != "140502194204206481" {
		t.Errorf("the text ID beside it: held %v, ID %q, findings %+v", e.Held, e.Person.ID, e.Findings)
	}
}

func TestPersonFields(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "a.xlsx", [][]any{row(1, " 彭华国\u3000", "\u3000140525195910280434 ", map[string]any{
		"低保类别": "农村低保", "特困类别": "农村特困", "经济困难": "是", "自理能力": "不能自理", "残疾等级": "二级",
		"残疾类别": "肢体残疾", "户号": "0012345678", "银行账号": "6217000000000000001",
		"出生日期": time.Date(1959, 10, 28, 0, 0, 0, 0, time.UTC), "死亡日期": "2026年11月10日",
	})})
	wb, err := ReadFile(p, "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := wb.Entries[0]
	if e.Held {
		t.Fatalf("held: %+v", e.Findings)
	}
	got := e.Person
	want := domain.Person{
		ID: "140525195910280434", Name: "彭华国", Birth: time.Date(1959, 10, 28, 0, 0, 0, 0, time.UTC),
		Street: "东街街道", Community: "景德社区", Dibao: domain.DibaoRural, Tekun: domain.TekunRural, Hardship: true,
		SelfCare: domain.SelfCareUnable, Disability: domain.Disability{Grade: 2, Category: "肢体"},
		ElectricityAccount: "0012345678", BankAccount: "6217000000000000001",
		Death: time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC), Source: domain.Location{File: "a.xlsx", Sheet: "Sheet1", Row: 4},
	}
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestRejectedWorkbooks(t *testing.T) {
	dir := t.TempDir()
	ole := "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
	os.WriteFile(filepath.Join(dir, "a.xls"), []byte(ole+"xls body"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.xlsx"), []byte("PK\x03\x04 not really a zip"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.docx"), []byte("姓名"), 0o644)
	os.WriteFile(filepath.Join(dir, "e.xlsx"), []byte(ole+string(utf16("EncryptionInfo"))), 0o644)
	os.WriteFile(filepath.Join(dir, "f.xlsx"), []byte("<html><table><tr><td>姓名</td></tr></table></html>"), 0o644)
	os.WriteFile(filepath.Join(dir, "g.et"), []byte(ole+"wps"), 0o644)
	os.WriteFile(filepath.Join(dir, "h.xlsx"), []byte(ole+"saved as xls, renamed"), 0o644)
	os.WriteFile(filepath.Join(dir, "j.doc"), []byte(ole+string(utf16("WordDocument"))), 0o644)
	os.WriteFile(filepath.Join(dir, "k.xlsx"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644) // a screenshot renamed
	os.WriteFile(filepath.Join(dir, "l.xlsx"), []byte("%PDF-1.7\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "m.xlsx"), []byte("Rar!\x1a\x07\x00"), 0o644)
	var docx bytes.Buffer // a Word document: a zip like a workbook, with word/ where xl/ would be
	zw := zip.NewWriter(&docx)
	for _, part := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		w, _ := zw.Create(part)
		w.Write([]byte("<x/>"))
	}
	zw.Close()
	os.WriteFile(filepath.Join(dir, "i.docx"), docx.Bytes(), 0o644)
	var rosters bytes.Buffer // a street's rosters zipped to be mailed
	zw = zip.NewWriter(&rosters)
	w, _ := zw.Create("东街/东街花名册.xlsx")
	w.Write(docx.Bytes())
	zw.Close()
	os.WriteFile(filepath.Join(dir, "n.zip"), rosters.Bytes(), 0o644)
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"填表说明：身份证号码请设置为文本格式。"})
	f.SaveAs(filepath.Join(dir, "d.xlsx"))
	for name, code := range map[string]string{
		"a.xls": "file_xls", "b.xlsx": "file_unreadable", "c.docx": "file_not_xlsx", "d.xlsx": "file_no_roster",
		"e.xlsx": "file_encrypted", "f.xlsx": "file_not_xlsx", "g.et": "file_et", "h.xlsx": "file_xls",
		"i.docx": "file_not_xlsx", "j.doc": "file_not_xlsx", "k.xlsx": "file_not_xlsx", "l.xlsx": "file_not_xlsx", "m.xlsx": "file_not_xlsx",
		"n.zip": "file_not_xlsx",
	} {
		_, err := ReadFile(filepath.Join(dir, name), name, nov, nil)
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != code || rej.Message == "" {
			t.Errorf("%s: %v, want %s", name, err, code)
		}
		if (name == "i.docx" || name == "j.doc") && rej != nil && !strings.Contains(rej.Message, "Word 文档") {
			t.Errorf("%s: a Word document is not named as one: %s", name, rej.Message)
		}
		// what the content is, when it can be told (f10 renamed a PNG)
		if says := map[string]string{"f.xlsx": "网页", "k.xlsx": "内容是图片（PNG）", "l.xlsx": "内容是PDF 文件", "m.xlsx": "压缩包", "n.zip": "请解压后把这些文件放入收件箱"}[name]; rej != nil && !strings.Contains(rej.Message, says) {
			t.Errorf("%s: message %q does not say %q", name, rej.Message, says)
		}
	}
}

// A CSV roster is read in UTF-8 with or without a byte-order mark, and in
// GBK, as Excel on Chinese Windows saves it.
func TestCSVRosters(t *testing.T) {
	dir := t.TempDir()
	text := "东街街道老年人补贴花名册\n序号,姓名,公民身份号码,低保类别,出生日期\n1,贺国荣,140502194204206481,城市低保,1942/4/20\n2,顾清金,140502194611306543,待定,\n合计,,,,\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"utf8.csv": text, "bom.csv": "\ufeff" + text, "gbk.csv": gbk} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		wb, err := ReadFile(p, name, nov, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(wb.Entries) != 2 || wb.Entries[0].Person.Dibao != domain.DibaoUrban || wb.Entries[0].Person.Source.Row != 3 || !wb.Entries[1].Held {
			t.Errorf("%s: entries %+v", name, wb.Entries)
		}
	}
	// Exports keep long numbers as text with ="..." or a leading
	// apostrophe: the digits are the ID and the account.
	p := filepath.Join(dir, "text.csv")
	os.WriteFile(p, []byte("姓名,公民身份号码,银行账号\n贺国荣,=\"140502194204206481\",=\"6217013841128357753\"\n顾清金,'140502194611306543,'6217000012345678901\n"), 0o644)
	wb, err := ReadFile(p, "text.csv", nov, nil)
	if err != nil || len(wb.Entries) != 2 {
		t.Fatalf("text.csv: %v %+v", err, wb)
	}
	for i, want := range []string{"6217013841128357753", "6217000012345678901"} {
		if e := wb.Entries[i]; e.Held || e.Person.BankAccount != want || e.Person.ID == "" {
			t.Errorf("text.csv row %d: %+v", i+2, e)
		}
	}
}

// A header found below row 10 does not count, and a sheet with people but
// no header refuses the workbook rather than dropping them; a sheet with
// neither (instructions) is skipped with a notice.
func TestHeaderSearch(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"填表说明：身份证号码请设置为文本格式。"})
	f.NewSheet("花名册")
	f.SetSheetRow("花名册", "A10", &[]any{"姓名", "公民身份号码"})
	f.SetSheetRow("花名册", "A11", &[]any{"贺国荣", "140502194204206481"})
	p := filepath.Join(dir, "x.xlsx")
	f.SaveAs(p)
	wb, err := ReadFile(p, "x.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Entries) != 1 || wb.Entries[0].Person.Source.Sheet != "花名册" {
		t.Errorf("entries %+v", wb.Entries)
	}
	if len(wb.Notices) != 1 || wb.Notices[0].Code != "sheet_skipped" {
		t.Errorf("notices %+v", wb.Notices)
	}

	f.NewSheet("农村")
	f.SetSheetRow("农村", "A11", &[]any{"姓名", "公民身份号码"})
	f.SetSheetRow("农村", "A12", &[]any{"贺国荣", "140502194204206481"})
	f.SaveAs(p)
	_, err = ReadFile(p, "x.xlsx", nov, nil)
	var rej *RejectError
	if !errors.As(err, &rej) || rej.Code != "file_no_header" || !strings.Contains(rej.Message, "工作表「农村」第11行像是花名册的表头") {
		t.Errorf("people below a header at row 11: %v", err)
	}
}

// A sheet with no header the program knows is refused when a cell of it
// holds an ID in any form a roster's ID column takes: 18 characters, a
// 15-digit first-generation number or a 20-character 残疾人证号. Counted
// as no ID, a sheet of old numbers was skipped as a 填表说明 (sheet_skipped,
// saying it held no ID) while the workbook's other sheet was paid, and its
// people were not.
func TestSheetWithoutHeaderHoldingAnyFormOfID(t *testing.T) {
	for _, id := range []string{"140502194204206481", "140502420420648", "14050219420420648141"} {
		p := withSheet(t, "补报", [][]any{{"序号", "老人名字", "证件号"}, {1, "贺国荣", id}})
		wb, err := ReadFile(p, "x.xlsx", nov, nil)
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_no_header" || !strings.Contains(rej.Message, "工作表「补报」中有1个像身份证号的单元格") {
			var notices []domain.Finding
			if wb != nil {
				notices = wb.Notices
			}
			t.Errorf("%s: err %v, notices %v", id, err, notices)
		}
	}
}

// A sheet without a header whose person's ID is written after a word for
// one (身份证：1405…, as where no header says what the number is) is not
// read, and its notice no longer says it has no ID: it quotes the cell,
// for staff to move the person into the roster. A 填表说明 with no such
// cell is told as before.
func TestHeaderlessSheetQuotesLabelledID(t *testing.T) {
	wb, err := ReadFile(withSheet(t, "补报", [][]any{{"补报人员"}, {1, "乙五", "身份证：140502194702024808"}}), "x.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range wb.Notices {
		got = append(got, n.Where.Sheet+" "+n.Code+" "+n.Message)
	}
	sameLines(t, "notices", got, []string{"补报 sheet_skipped 工作表「补报」没有花名册表头，未作为花名册读取，其中的人员未发放；但表中写有身份证号：C2「身份证:140502194702024808」：如是应发放的人员，请移入花名册（姓名、公民身份号码各填一列）后重新报送"})
	helperSheetSkipped(t, "填表说明", [][]any{{"1. 姓名、身份证号须与身份证一致"}, {"2. 身份证号码须为18位"}})
}

// helperSheetSkipped checks that a workbook of withSheet's roster and a
// sheet named name of rows is read, the sheet skipped (sheet_skipped) and
// the roster's one person kept.
func helperSheetSkipped(t *testing.T, name string, rows [][]any) {
	t.Helper()
	wb, err := ReadFile(withSheet(t, name, rows), "x.xlsx", nov, nil)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if len(wb.Entries) != 1 || !slices.ContainsFunc(wb.Notices, func(n domain.Finding) bool { return n.Code == "sheet_skipped" && n.Where.Sheet == name }) {
		t.Errorf("%s: entries %d, notices %v", name, len(wb.Entries), wb.Notices)
	}
}

// withSheet writes a workbook of one roster sheet (顾清金, row 2) and a
// second sheet named name holding rows from A1, and returns its path.
func withSheet(t *testing.T, name string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"顾清金", "140502194611306543"})
	f.NewSheet(name)
	for i, r := range rows {
		f.SetSheetRow(name, fmt.Sprintf("A%d", i+1), &r)
	}
	p := filepath.Join(t.TempDir(), "x.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// A 15-digit number is taken for an old ID by its birth date alone, which
// about one number in thirty has: a helper sheet of 存折号, 电费户号 or
// telephone numbers beside the roster is no roster, and refusing the
// workbook for it left the whole street unpaid. Such a number does not
// count under a header naming an account, a meter or a telephone, nor in
// a column whose 15-digit numbers mostly are no IDs (a month 13 or 00);
// a sheet of old IDs under a header the program does not know (证件号)
// still refuses the workbook, as does one ID in a column of its own.
func TestSheetWithoutHeaderOfFifteenDigitAccounts(t *testing.T) {
	sheets := map[string][][]any{
		// 140502450101123 reads as born 1945-01-01.
		"存折号": {{"户主", "存折号", "备注"}, {"张三", "140502450101123"}, {"李四", "140502450202456"}},
		"电费":  {{"东街街道用电户号对照"}, {"户主", "电费户号", "联系电话"}, {"张三", "140502450101123", "13503560000"}},
		// No header: two of the three numbers cannot be IDs.
		"Sheet3": {{"140502450101123"}, {"140502991399001"}, {"140502880000321"}},
	}
	for name, rows := range sheets {
		helperSheetSkipped(t, name, rows)
	}
	for name, rows := range map[string][][]any{
		"证件号": {{"序号", "名字", "证件号", "存折号"}, {1, "贺国荣", "140502420420648", "6217003479314550382"}},
		"无表头": {{"贺国荣", "140502420420648"}, {"顾清金", "140502461130654"}, {"张三", "140502991399001"}},
	} {
		_, err := ReadFile(withSheet(t, name, rows), "x.xlsx", nov, nil)
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_no_header" {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// An 18-character cell was an ID on its pattern alone: a helper sheet of
// 18-digit 存折号 refused the whole street's workbook. One with a wrong
// check character (ISO 7064 MOD 11-2) does not count under a header
// naming an account, nor in a column where most 18-character cells have a
// wrong one; one with the right check character always counts, so a sheet
// of IDs without a header refuses the workbook still, and a few mistyped
// IDs among right ones count with them.
func TestSheetWithoutHeaderOfEighteenDigitAccounts(t *testing.T) {
	// Each has a real birth date (positions 7-14) but a wrong check character.
	bad := []string{"602103195001011230", "602103196203150040", "602103200107200170"}
	passbooks := [][]any{{"户主", "存折号"}, {"贺国荣", "140502194204206481"}}
	for i := range 12 {
		body := fmt.Sprintf("60210319500101%03d", i)
		c, _ := idnumber.CheckChar(body)
		passbooks = append(passbooks, []any{"户主", body + map[bool]string{true: "1", false: "0"}[c == '0']})
	}
	for name, rows := range map[string][][]any{
		"存折号": {{"户主", "存折号", "备注"}, {"张三", bad[0]}, {"李四", bad[1]}},
		"邮储":  {{"东街街道邮政储蓄存折对照"}, {"户主", "存折账号", "联系电话"}, {"张三", bad[0], "13503560000"}},
		// No header: every number has a wrong check character.
		"Sheet3": {{bad[0]}, {bad[1]}, {bad[2]}},
		// A long passbook column with one number that passes by chance.
		"存折": passbooks,
	} {
		helperSheetSkipped(t, name, rows)
	}
	for name, c := range map[string]struct {
		rows [][]any
		ids  int // in the message
	}{
		// IDs without a header, one mistyped: all three count.
		"无表头": {[][]any{{"贺国荣", "140502194204206481"}, {"顾清金", "140502194611306540"}, {"李桂兰", "140502193808126824"}}, 3},
		// The right check character counts, under 存折号 too; the wrong
		// one there does not, though half the column's cells are right.
		"存折号": {[][]any{{"户主", "存折号"}, {"张三", bad[0]}, {"贺国荣", "140502194204206481"}}, 1},
		// 证件号 names IDs whatever else the header says.
		"证件号": {[][]any{{"序号", "名字", "证件号/存折号"}, {1, "贺国荣", "140502194204206480"}, {2, "李桂兰", "140502193808126824"}}, 2},
	} {
		_, err := ReadFile(withSheet(t, name, c.rows), "x.xlsx", nov, nil)
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_no_header" || !strings.Contains(rej.Message, fmt.Sprintf("有%d个像身份证号", c.ids)) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A header below nine lines of instructions (row 12) is not read, but the
// refusal names its row and asks for the lines above it to be deleted,
// instead of saying no header was found in the first 10 rows (a
// tester's); so is one whose people have no ID yet (no cell looks like
// one), which was skipped as a 填表说明 while the workbook's other sheet was
// paid. A sheet with such a header and nobody under it is still skipped.
func TestHeaderBelowInstructions(t *testing.T) {
	dir := t.TempDir()
	write := func(people [][]any) string {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"顾清金", "140502194611306543"})
		f.NewSheet("北街")
		f.SetCellValue("北街", "A1", "北街街道2026年11月老年人补贴花名册")
		f.SetCellValue("北街", "A2", "填报单位：北街街道")
		for i := 3; i <= 11; i++ {
			f.SetCellValue("北街", fmt.Sprintf("A%d", i), fmt.Sprintf("%d. 填表说明第%d条", i-2, i-2))
		}
		f.SetSheetRow("北街", "A12", &[]any{"序号", "姓名", "公民身份号码"})
		for i, p := range people {
			f.SetSheetRow("北街", fmt.Sprintf("A%d", 13+i), &p)
		}
		p := filepath.Join(dir, "x.xlsx")
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for what, people := range map[string][][]any{
		"IDs as text":  {{1, "贺国荣", "140502194204206481"}},
		"IDs left out": {{1, "贺国荣", ""}, {2, "顾清金", "待补"}},
	} {
		_, err := ReadFile(write(people), "x.xlsx", nov, nil)
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_no_header" || !strings.Contains(rej.Message, "工作表「北街」第12行像是花名册的表头") || !strings.Contains(rej.Message, "请删除第12行上方的说明文字") {
			t.Errorf("%s: %v", what, err)
		}
	}
	wb, err := ReadFile(write(nil), "x.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Entries) != 1 || len(wb.Notices) != 1 || wb.Notices[0].Code != "sheet_skipped" {
		t.Errorf("a header with nobody under it: entries %+v, notices %+v", wb.Entries, wb.Notices)
	}
}

// Headers: aliases are read; an unknown header that looks like a deciding
// column refuses the workbook; other unknown headers are mentioned; a
// header with 姓名 but no ID column refuses the workbook.
func TestHeaderVariants(t *testing.T) {
	book, err := rules.Load("../../rules")
	if err != nil {
		t.Fatal(err)
	}
	hdr, err := NewHeaders(book.HeaderAliases)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, header []any, rows ...[]any) (*Workbook, error) {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &header)
		for i, row := range rows {
			f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &row)
		}
		p := filepath.Join(dir, name)
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return ReadFile(p, name, nov, hdr)
	}
	if _, err := NewHeaders(map[string][]string{"身份证": {"证件"}}); err == nil {
		t.Error("an alias of an unknown column accepted")
	}
	if _, err := NewHeaders(map[string][]string{"户号": {"姓名"}}); err == nil {
		t.Error("an alias taken from another column accepted")
	}
	wb, err := write("a.xlsx", []any{"姓名", "公民身份证号码", "是否低保", "生活自理能力", "银行帐号", "联系电话"}, []any{"贺国荣", "140502194204206481", "是", "不能自理", "6217000000000000001", "13800000000"})
	if err != nil {
		t.Fatal(err)
	}
	p := wb.Entries[0].Person
	if p.Dibao != domain.DibaoUnspecified || p.SelfCare != domain.SelfCareUnable || p.BankAccount != "6217000000000000001" {
		t.Errorf("aliases not read: %+v", p)
	}
	if len(wb.Notices) != 1 || wb.Notices[0].Code != "columns_ignored" || !strings.Contains(wb.Notices[0].Message, "联系电话") {
		t.Errorf("notices %+v", wb.Notices)
	}
	var rej *RejectError
	_, err = write("b.xlsx", []any{"姓名", "身份证号", "低保户类型"}, []any{"贺国荣", "140502194204206481", "城市低保"})
	if !errors.As(err, &rej) || rej.Code != "file_header_unknown" || !strings.Contains(rej.Message, "低保户类型") || !strings.Contains(rej.Message, "低保类别") {
		t.Errorf("lookalike header: %v", err)
	}
	// A column of the person's kind holds the 低保 (or 特困) status on many
	// rosters: read as empty, a dibao senior would be paid the plain rate.
	for _, kind := range []struct{ header, field string }{
		{"人员类别", "低保类别"}, {"保障类别", "低保类别"}, {"救助类别", "低保类别"}, {"享受类别", "低保类别"}, {"类别", "低保类别"},
	} {
		_, err = write("k.xlsx", []any{"姓名", "身份证号", kind.header}, []any{"贺国荣", "140502194204206481", "城市低保"})
		if !errors.As(err, &rej) || rej.Code != "file_header_unknown" || !strings.Contains(rej.Message, "「"+kind.header+"」") || !strings.Contains(rej.Message, kind.field) {
			t.Errorf("kind header %s: %v", kind.header, err)
		}
	}
	// An account-like header is asked about as an account, not with a
	// 类别 column's example (一般、残疾、独居).
	_, err = write("a.xlsx", []any{"姓名", "身份证号", "社保卡号"}, []any{"贺国荣", "140502194204206481", "6217000000000000001"})
	if !errors.As(err, &rej) || rej.Code != "file_header_unknown" || !strings.Contains(rej.Message, "银行账号") || !strings.Contains(rej.Message, "医保卡号") || strings.Contains(rej.Message, "独居") {
		t.Errorf("account-like header: %v", err)
	}
	_, err = write("k.xlsx", []any{"姓名", "身份证号", "低保类别", "人员类别"}, []any{"贺国荣", "140502194204206481", "城市低保", "农村特困"})
	if !errors.As(err, &rej) || rej.Code != "file_header_unknown" || !strings.Contains(rej.Message, "特困类别") {
		t.Errorf("kind header beside 低保类别: %v", err)
	}
	if _, err = write("k.xlsx", []any{"姓名", "身份证号", "低保类别", "特困类别", "人员类别"}, []any{"贺国荣", "140502194204206481", "城市低保", "", "x"}); err != nil {
		t.Errorf("kind header beside both status columns: %v", err)
	}
	_, err = write("c.xlsx", []any{"姓名", "证件编码"}, []any{"贺国荣", "140502194204206481"})
	if !errors.As(err, &rej) || rej.Code != "file_header_incomplete" || !strings.Contains(rej.Message, "公民身份号码") {
		t.Errorf("header without an ID column: %v", err)
	}
	// an ID-like column that is no known name is named, so staff know
	// which one to rename (f10)
	_, err = write("d.xlsx", []any{"姓名", "身份证件"}, []any{"贺国荣", "140502194204206481"})
	if !errors.As(err, &rej) || rej.Code != "file_header_incomplete" || !strings.Contains(rej.Message, "「身份证件」列不是认可的列名") {
		t.Errorf("header with a 身份证件 column: %v", err)
	}
	// 身份证 alone is the ID (rules/roster.headers.yaml): every value is
	// checked as one, so nothing else is read as an ID by it (f10, f11)
	wb, err = write("e.xlsx", []any{"姓名", "身份证"}, []any{"贺国荣", "140502194204206481"}, []any{"顾清金", "有"})
	if err != nil || len(wb.Entries) != 2 || wb.Entries[0].Held || wb.Entries[0].Person.ID != "140502194204206481" || !wb.Entries[1].Held {
		t.Errorf("header with a 身份证 column: %v %+v", err, wb)
	}
	// a colon after a header, as on a paper form, is not part of its name
	wb, err = write("f.xlsx", []any{"姓名：", "身份证号：", "低保类别:"}, []any{"贺国荣", "140502194204206481", "城市低保"})
	if err != nil || len(wb.Entries) != 1 || wb.Entries[0].Held || wb.Entries[0].Person.Dibao != domain.DibaoUrban {
		t.Errorf("headers with a colon: %v %+v", err, wb)
	}
}

// The rows of a hidden roster sheet are read and held (sheet_hidden), so
// that nobody on it is left out of the month without a word; a person also
// on a visible row is paid from it, the hidden copy set aside with one
// notice for the sheet. A workbook whose only roster is hidden is refused.
func TestHiddenSheets(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "银行账号"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"贺国荣", "140502194204206481", "6217013841128357753"})
	f.NewSheet("补报")
	f.SetSheetRow("补报", "A1", &[]any{"姓名", "公民身份号码", "银行账号"})
	f.SetSheetRow("补报", "A2", &[]any{"顾清金", "140502194611306543", "6217013841128357753"})
	f.SetSheetRow("补报", "A3", &[]any{"贺国荣", "140502194204206481", "6217000000000000017"})
	f.SetSheetVisible("补报", false)
	p := filepath.Join(dir, "h.xlsx")
	f.SaveAs(p)
	wb, err := ReadFile(p, "h.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Entries) != 3 || wb.Entries[0].Held || !wb.Entries[1].Held || wb.Entries[1].Findings[0].Code != "sheet_hidden" {
		t.Fatalf("entries %+v, notices %+v", wb.Entries, wb.Notices)
	}
	res := Consolidate([]*Workbook{wb}, nov)
	var held, paid []string
	for _, l := range res.Listings {
		if l.Held {
			held = append(held, l.Person.Name+":"+strings.Join(l.Codes, ","))
		} else {
			paid = append(paid, l.Person.Name)
		}
	}
	if !slices.Equal(paid, []string{"贺国荣"}) || !slices.Equal(held, []string{"顾清金:sheet_hidden"}) {
		t.Errorf("paid %v, held %v: want 贺国荣 paid (her hidden copy set aside, its other account and the account 顾清金's hidden row gives holding nobody), 顾清金 held", paid, held)
	}
	if !slices.ContainsFunc(res.Findings, func(f domain.Finding) bool {
		return f.Code == "sheet_hidden_copies" && f.Where.Sheet == "补报" && strings.Contains(f.Message, "有1人")
	}) {
		t.Errorf("no sheet_hidden_copies notice: %+v", res.Findings)
	}
	// A hidden sheet plays no part in choosing among the visible ones: a
	// visible tab left named 10月 is still this month's roster beside a
	// hidden Sheet2; a hidden sheet named for another month is not read.
	v := excelize.NewFile()
	v.SetSheetName("Sheet1", "10月")
	v.SetSheetRow("10月", "A1", &[]any{"姓名", "公民身份号码"})
	v.SetSheetRow("10月", "A2", &[]any{"贺国荣", "140502194204206481"})
	for _, hidden := range []string{"Sheet2", "9月"} {
		v.NewSheet(hidden)
		v.SetSheetRow(hidden, "A1", &[]any{"姓名", "公民身份号码"})
		v.SetSheetRow(hidden, "A2", &[]any{"顾清金", "140502194611306543"})
		v.SetSheetVisible(hidden, false)
	}
	v.SaveAs(p)
	wb, err = ReadFile(p, "h.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	for _, e := range wb.Entries {
		read = append(read, fmt.Sprintf("%s:%s:%v", e.Person.Source.Sheet, e.Person.Name, e.Held))
	}
	if want := []string{"10月:贺国荣:false", "Sheet2:顾清金:true"}; !slices.Equal(read, want) {
		t.Errorf("visible 10月 beside hidden Sheet2 and 9月: read %v, want %v", read, want)
	}
	if !slices.ContainsFunc(wb.Notices, func(f domain.Finding) bool { return f.Code == "sheet_month_other" && f.Where.Sheet == "9月" }) {
		t.Errorf("the hidden 9月 sheet is not told as another month's: %+v", wb.Notices)
	}
	// A hidden column of a paid-from field is told, once for the sheet,
	// and its values are read; a hidden column of anything else is not.
	c := excelize.NewFile()
	c.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "低保类别", "说明"})
	c.SetSheetRow("Sheet1", "A2", &[]any{"贺国荣", "140502194204206481", "城市低保", "x"})
	c.SetColVisible("Sheet1", "C", false)
	c.SetColVisible("Sheet1", "D", false)
	c.SaveAs(p)
	wb, err = ReadFile(p, "h.xlsx", nov, nil)
	if err != nil || len(wb.Entries) != 1 || wb.Entries[0].Person.Dibao != domain.DibaoUrban {
		t.Fatalf("hidden column: %v %+v", err, wb)
	}
	var told []string
	for _, n := range wb.Notices {
		if n.Code == "column_hidden" {
			told = append(told, n.Message)
		}
	}
	if len(told) != 1 || !strings.Contains(told[0], "C列（低保类别）") || strings.Contains(told[0], "D列") {
		t.Errorf("hidden columns told: %q", told)
	}
	g := excelize.NewFile()
	g.SetSheetRow("Sheet1", "A1", &[]any{"填表说明"})
	g.NewSheet("花名册")
	g.SetSheetRow("花名册", "A1", &[]any{"姓名", "公民身份号码"})
	g.SetSheetRow("花名册", "A2", &[]any{"贺国荣", "140502194204206481"})
	if err := g.SetSheetVisible("花名册", false); err != nil {
		t.Fatal(err)
	}
	g.SaveAs(p)
	_, err = ReadFile(p, "h.xlsx", nov, nil)
	var rej *RejectError
	if !errors.As(err, &rej) || rej.Code != "file_only_hidden" || !strings.Contains(rej.Message, "「花名册」是隐藏的") {
		t.Errorf("only hidden rosters, the sheet not named: %v", err)
	}
}

// A column of a paid-from field dragged shut (width 0, or a custom width
// under half a character) shows nothing on screen or on the printout, as a
// hidden column does, and is told alike (column_hidden), its values read;
// a narrow column that still shows (width 2), or one of no width that the
// program does not read (说明), is not told. The scan tells both widths;
// excelize, which gives a width of exactly 0 as the default, the custom
// one.
func TestZeroWidthColumnTold(t *testing.T) {
	defer func() { scanWorksheets = true }()
	for _, scan := range []bool{true, false} {
		scanWorksheets = scan
		p := filepath.Join(t.TempDir(), "w.xlsx")
		c := excelize.NewFile()
		c.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "低保类别", "银行账号", "特困类别", "说明"})
		c.SetSheetRow("Sheet1", "A2", &[]any{"贺国荣", "140502194204206481", "城市低保", "6217000000000001111", "", "x"})
		for col, w := range map[string]float64{"C": 0, "D": 0.3, "E": 2, "F": 0} {
			if err := c.SetColWidth("Sheet1", col, col, w); err != nil {
				t.Fatal(err)
			}
		}
		if err := c.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		wb, err := ReadFile(p, "w.xlsx", nov, nil)
		if err != nil || len(wb.Entries) != 1 || wb.Entries[0].Person.Dibao != domain.DibaoUrban || wb.Entries[0].Held {
			t.Fatalf("scan %v: %v %+v", scan, err, wb)
		}
		var told []string
		for _, n := range wb.Notices {
			if n.Code == "column_hidden" {
				told = append(told, n.Message)
			}
		}
		want := []string{"D列（银行账号，列宽为0）"}
		if scan {
			want = append(want, "C列（低保类别，列宽为0）")
		}
		if len(told) != 1 {
			t.Fatalf("scan %v: column_hidden told %q", scan, told)
		}
		for _, w := range want {
			if !strings.Contains(told[0], w) {
				t.Errorf("scan %v: %q not in %q", scan, w, told[0])
			}
		}
		if strings.Contains(told[0], "E列") || strings.Contains(told[0], "F列") || !strings.Contains(told[0], "拖宽") {
			t.Errorf("scan %v: %q", scan, told[0])
		}
	}
}

// Cells merged down over several rows fill every row they cover.
func TestMergedCellsFillTheirRows(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "m.xlsx", [][]any{
		row(1, "马荣金", "140502194502024643", map[string]any{"低保类别": "城市低保", "户号": "8551215786"}),
		row(2, "卢凤", "140502194702024808", nil),
	})
	f, _ := excelize.OpenFile(p)
	f.MergeCell("Sheet1", "G4", "G5")
	f.MergeCell("Sheet1", "M4", "M5")
	f.Save()
	f.Close()
	wb, err := ReadFile(p, "m.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	second := wb.Entries[1].Person
	if second.Dibao != domain.DibaoUrban || second.ElectricityAccount != "8551215786" {
		t.Errorf("merged cells not filled: %+v", second)
	}
}

func TestConsolidateDuplicates(t *testing.T) {
	dir := t.TempDir()
	a := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", map[string]any{"低保类别": "否"}),    // 4 paid
		row(2, "顾清金", "140502194611306543", map[string]any{"低保类别": "城市低保"}), // 5 conflict
		row(3, "姜成", "140502193611014538", nil),                             // 6 its copy held elsewhere
	})
	b := writeRoster(t, dir, "b.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", map[string]any{"低保类别": "", "乡镇（街道）": "西街街道"}), // 4 identical but the street: notice
		row(2, "顾清金", "140502194611306543", nil),                                 // 5 conflict
		row(3, "姜成", "140502193611014538", map[string]any{"出生日期": "1936-11-02"}), // 6 held: mismatch
	})
	var wbs []*Workbook
	for _, p := range []string{b, a} { // any order in, payment order out
		wb, err := ReadFile(p, filepath.Base(p), nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		wbs = append(wbs, wb)
	}
	res := Consolidate(wbs, nov)
	people, findings := res.People, res.Findings
	if len(people) != 1 || people[0].Source.File != "a.xlsx" || people[0].Source.Row != 4 {
		t.Fatalf("people %+v", people)
	}
	var got []string
	for _, f := range findings {
		got = append(got, fmt.Sprintf("%s:%d:%s:%s", f.Where.File, f.Where.Row, f.Severity, f.Code))
	}
	sort.Strings(got)
	want := []string{
		"a.xlsx:5:held:duplicate_conflict",
		"a.xlsx:6:held:duplicate_held",
		"b.xlsx:4:notice:duplicate_identical",
		"b.xlsx:5:held:duplicate_conflict",
		"b.xlsx:6:held:birth_date_mismatch",
	}
	sameLines(t, "findings", got, want)
	for _, f := range findings {
		if f.Code == "duplicate_identical" && !strings.Contains(f.Message, "由东街街道发放，西街街道本月不发放此人") {
			t.Errorf("the other street's row is not told who pays: %s", f.Message)
		}
	}
	var listings []string
	for _, l := range res.Listings {
		listings = append(listings, fmt.Sprintf("%s:%d:%v:%s", l.Person.Source.File, l.Person.Source.Row, l.Held, strings.Join(l.Codes, "+")))
	}
	for _, f := range findings {
		if f.Code == "duplicate_conflict" && (f.Where.Column != "G" || f.Where.Header != "低保类别") { // 低保类别 differs: the cell to check
			t.Errorf("conflict of 低保类别 placed at column %s %s", f.Where.Column, f.Where.Header)
		}
	}
	wantListings := "a.xlsx:4:false: a.xlsx:5:true:duplicate_conflict a.xlsx:6:true:duplicate_held+birth_date_mismatch"
	if strings.Join(listings, " ") != wantListings {
		t.Errorf("listings %v\nwant %s", listings, wantListings)
	}
}

// withCheck completes 17 digits with their check character.
func withCheck(body string) string {
	c, err := idnumber.CheckChar(body)
	if err != nil {
		panic(err)
	}
	return body + string(c)
}

// A training roster (list item 20) is recognised by its headers and read
// into trainings; bad rows are held with the column named.
func TestTrainingRoster(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"学员姓名", "学员身份证号码", "被照护老人姓名", "被照护老人公民身份号码", "培训类型", "培训费用（元）", "结业日期", "证书编号", "银行账号"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"马小琴", "11010519491231002x", "马琴", "140502192907171685", "订单式培训", "3500.5", "2026年10月20日", "HL-1", "6217000000000000011"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"错号", "110105194912310021", "马琴", "140502192907171685", "普惠制", "", "2026-10-20", "HL-2", ""})
	f.SetSheetRow("Sheet1", "A4", &[]any{"无证", "110105194912310038", "马琴", "1405021929", "进修", "", "", "", ""})
	f.SetSheetRow("Sheet1", "A5", &[]any{"零号代领", "110105194912310021", "马琴", "140502192907171685", "普惠制", "", "2026-10-20", "HL-3", "0"})
	f.SetSheetRow("Sheet1", "A6", &[]any{"马小琴", "11010519491231002X", "马琴", "140502192907171685", "普惠制", "", "2026-10-20", "—", "6217000000000000011"})
	f.SetSheetRow("Sheet1", "A7", &[]any{"合计", "", "", "", "", "", "", "", ""})
	wb := readSaved(t, f, dir, "培训.xlsx")
	if len(wb.Trainings) != 5 || wb.RowsRead != 5 || len(wb.Entries) != 0 {
		t.Fatalf("trainings %d, rows %d, entries %d", len(wb.Trainings), wb.RowsRead, len(wb.Entries))
	}
	ok := wb.Trainings[0]
	if ok.Held || ok.Training.TraineeID != "11010519491231002X" || ok.Training.Type != "订单式" || ok.Training.Cost.String() != "3500.5" ||
		ok.Training.Completed.Format("2006-01-02") != "2026-10-20" || ok.Training.Certificate != "HL-1" {
		t.Errorf("good row %+v", ok)
	}
	codes := func(e TrainingEntry) string {
		var c []string
		for _, f := range e.Findings {
			c = append(c, f.Code+"@"+f.Where.Column)
		}
		return strings.Join(c, ",")
	}
	if got := codes(wb.Trainings[1]); got != "trainee_id_invalid@B" {
		t.Errorf("row 3: %s", got)
	}
	if got := codes(wb.Trainings[2]); got != "elder_id_invalid@D,value_unknown@E,training_date_missing@G,certificate_missing@H" {
		t.Errorf("row 4: %s", got)
	}
	if got := codes(wb.Trainings[3]); got != "name_characters@A,trainee_id_invalid@B,account_implausible@I" {
		t.Errorf("row 5: %s", got)
	}
	if got := codes(wb.Trainings[4]); got != "certificate_missing@H" || !strings.Contains(wb.Trainings[4].Findings[0].Message, "「—」") {
		t.Errorf("row 6, a dash for a certificate: %s %v", got, wb.Trainings[4].Findings)
	}
}

// A 20-character 残疾人证号 in the ID column or in its own column gives the
// ID and cross-checks the disability columns.
func TestDisabilityCard(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "c.xlsx", [][]any{
		row(1, "贺国荣", "14050219420420648152", nil), // card in the ID column: 智力 二级
		row(2, "顾清金", "140502194611306543", map[string]any{"残疾等级": "一级", "残疾类别": "肢体"}),
		row(3, "姜成", "140502193611014538", map[string]any{"残疾等级": "二级", "残疾类别": "精神"}),
	})
	e := readWithCards(t, p, map[string]string{
		"Q5": "14050219461130654341", // agrees: 肢体 一级
		"Q6": "14050219361101453852", // disagrees: 智力 二级
	}).Entries
	if e[0].Held || e[0].Person.ID != "140502194204206481" || e[0].Person.Disability != (domain.Disability{Grade: 2, Category: "智力"}) {
		t.Errorf("card in the ID column: %+v", e[0])
	}
	if e[1].Held {
		t.Errorf("agreeing card held: %+v", e[1].Findings)
	}
	if !e[2].Held || e[2].Findings[0].Code != "disability_card_mismatch" {
		t.Errorf("disagreeing card: %+v", e[2].Findings)
	}
}

// readWithCards gives the roster at p (writeRoster's) a 残疾人证号 column in
// Q, its cells as cards says, and reads it as c.xlsx.
func readWithCards(t *testing.T, p string, cards map[string]string) *Workbook {
	t.Helper()
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("Sheet1", "Q3", "残疾人证号")
	for cell, card := range cards {
		f.SetCellStr("Sheet1", cell, card)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wb, err := ReadFile(p, "c.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	return wb
}

// A 残疾人证号 that agrees with the one column filled, 残疾等级 or
// 残疾类别, fills the other: it disagrees with nothing, and the category
// it fills decides the 重度残疾人护理补贴 of a 三级. A column that
// differs still holds the row.
func TestDisabilityCardFillsTheEmptyColumn(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "c.xlsx", [][]any{
		row(1, "贺国荣", "140502194803156105", map[string]any{"残疾等级": "三级"}),
		row(2, "顾清金", "140502194803156113", map[string]any{"残疾类别": "肢体"}),
		row(3, "姜成", "140502194803156121", map[string]any{"残疾等级": "二级"}),
		row(4, "孙花", "14050219480315613X", map[string]any{"残疾类别": "精神"}),
	})
	e := readWithCards(t, p, map[string]string{
		"Q4": "14050219480315610553", // 智力 三级
		"Q5": "14050219480315611342", // 肢体 二级
		"Q6": "14050219480315612141", // 肢体 一级: the grade differs
		"Q7": "14050219480315613X52", // 智力 二级: the category differs
	}).Entries
	for i, want := range []domain.Disability{{Grade: 3, Category: "智力"}, {Grade: 2, Category: "肢体"}} {
		if e[i].Held || e[i].Person.Disability != want || len(e[i].Findings) != 1 || e[i].Findings[0].Code != "disability_from_card" {
			t.Errorf("row %d: %+v %+v, want %+v filled", 4+i, e[i].Person.Disability, e[i].Findings, want)
		}
	}
	for i := 2; i < 4; i++ {
		if !e[i].Held || e[i].Findings[0].Code != "disability_card_mismatch" {
			t.Errorf("row %d, a column differs: %+v", 4+i, e[i].Findings)
		}
	}
	if m := e[2].Findings[0].Message; !strings.Contains(m, "类别空，2级") {
		t.Errorf("row 6's message does not say the category is empty: %s", m)
	}
}

// A two-row header: 残疾情况 merged over 等级 and 类别, 姓名 and the ID
// merged down over both rows.
func TestTwoRowHeader(t *testing.T) {
	dir := t.TempDir()
	for _, idInFirstRow := range []bool{true, false} {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &[]any{"东街街道花名册"})
		if idInFirstRow {
			f.SetSheetRow("Sheet1", "A2", &[]any{"序号", "姓名", "公民身份号码", "残疾情况", "", "低保类别"})
			f.SetSheetRow("Sheet1", "D3", &[]any{"等级", "类别"})
			f.MergeCell("Sheet1", "B2", "B3")
			f.MergeCell("Sheet1", "C2", "C3")
		} else {
			f.SetSheetRow("Sheet1", "A2", &[]any{"序号", "基本信息", "", "残疾情况", "", "低保类别"})
			f.SetSheetRow("Sheet1", "B3", &[]any{"姓名", "身份证号", "等级", "类别"})
			f.MergeCell("Sheet1", "B2", "C2")
		}
		f.MergeCell("Sheet1", "D2", "E2")
		f.SetSheetRow("Sheet1", "A4", &[]any{1, "贺国荣", "140502194204206481", "二级", "肢体", "城市低保"})
		p := filepath.Join(dir, fmt.Sprintf("two%v.xlsx", idInFirstRow))
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		wb, err := ReadFile(p, "two.xlsx", nov, nil)
		if err != nil {
			t.Fatalf("%v: %v", idInFirstRow, err)
		}
		if len(wb.Entries) != 1 || wb.Entries[0].Held || wb.Entries[0].Person.Disability != (domain.Disability{Grade: 2, Category: "肢体"}) || wb.Entries[0].Person.Dibao != domain.DibaoUrban {
			t.Errorf("%v: entries %+v", idInFirstRow, wb.Entries)
		}
	}
}

// A formula without a cached value is held, never read as empty; a formula
// with its cached value is read as that value.
func TestFormulaWithoutValue(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "f.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", nil),
		row(2, "顾清金", "140502194611306543", nil),
	})
	f, _ := excelize.OpenFile(p)
	f.SetCellFormula("Sheet1", "G4", `IF(1=1,"城市低保","")`) // no cached value: excelize does not calculate
	f.Save()
	f.Close()
	wb, err := ReadFile(p, "f.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if e := wb.Entries[0]; !e.Held || e.Findings[0].Code != "formula_no_value" || e.Findings[0].Where.Column != "G" {
		t.Errorf("formula without value: %+v", e)
	}
	if wb.Entries[1].Held {
		t.Errorf("plain row held: %+v", wb.Entries[1].Findings)
	}
}

// A formula without a cached value in a 备注 or status column is held at
// its cell, as in a field's: read as empty it would pay a senior the
// formula calls dead. One in the ID column is held as that, not also as
// an ID missing.
func TestFormulaWithoutValueInRemarks(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "f.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", nil),
		row(2, "顾清金", "140502194611306543", nil),
		row(3, "王秀英", nil, nil),
		row(4, "李桂兰", "140502193808126824", nil),
	})
	f, _ := excelize.OpenFile(p)
	f.SetCellValue("Sheet1", "Q3", "是否健在")
	f.SetCellFormula("Sheet1", "P4", `IF(1=1,"已故","")`)
	f.SetCellFormula("Sheet1", "Q5", `IF(1=1,"否","是")`)
	f.SetCellFormula("Sheet1", "E6", `"140502194204206481"`)
	f.SetCellFormula("Sheet1", "P7", `IF(1=2,"已故","")`)
	f.SetCellValue("Sheet1", "Q7", "是")
	f.Save()
	f.Close()
	wb, err := ReadFile(p, "f.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{4: "formula_no_value@P", 5: "formula_no_value@Q", 6: "formula_no_value@E", 7: ""}
	for _, e := range wb.Entries {
		var got []string
		for _, f := range e.Findings {
			if f.Severity == domain.Held {
				got = append(got, f.Code+"@"+f.Where.Column)
			}
		}
		if g := strings.Join(got, ","); g != want[e.Person.Source.Row] {
			t.Errorf("row %d: held %q, want %q (%+v)", e.Person.Source.Row, g, want[e.Person.Source.Row], e.Findings)
		}
		if (want[e.Person.Source.Row] != "") != e.Held {
			t.Errorf("row %d: Held %v", e.Person.Source.Row, e.Held)
		}
	}
	if len(wb.Entries) != 4 {
		t.Errorf("%d entries, want 4", len(wb.Entries))
	}
}

// With the ID in column A, 合计/小计 and 制表人 rows are still skipped, and a
// header row repeated in the data is skipped with a notice.
func TestTotalsAndRepeatedHeaderWithIDFirst(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"公民身份号码", "姓名", "低保类别"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"140502194204206481", "贺国荣", ""})
	f.SetSheetRow("Sheet1", "A3", &[]any{"小计", "1人", ""})
	f.SetSheetRow("Sheet1", "A4", &[]any{"公民身份号码", "姓名", "低保类别"})
	f.SetSheetRow("Sheet1", "A5", &[]any{"140502194611306543", "顾清金", "城市低保"})
	f.SetSheetRow("Sheet1", "A6", &[]any{"合计", "2人", ""})
	f.SetSheetRow("Sheet1", "A7", &[]any{"制表人：张三", "审核人：李四", ""})
	p := filepath.Join(dir, "a.xlsx")
	f.SaveAs(p)
	wb, err := ReadFile(p, "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Entries) != 2 || wb.Entries[0].Held || wb.Entries[1].Held {
		t.Errorf("entries %+v", wb.Entries)
	}
	var codes []string
	for _, n := range wb.Notices {
		codes = append(codes, fmt.Sprintf("%d:%s", n.Where.Row, n.Code))
	}
	if strings.Join(codes, " ") != "4:row_header_repeated 7:row_footer" {
		t.Errorf("notices %v", codes)
	}
	// 序号 last: the totals row's first cell is a count, 合计 comes after.
	g := excelize.NewFile()
	g.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "序号"})
	g.SetSheetRow("Sheet1", "A2", &[]any{"贺国荣", "140502194204206481", 1})
	g.SetSheetRow("Sheet1", "A3", &[]any{"1人", "", "合计"})
	g.SetSheetRow("Sheet1", "A4", &[]any{"顾清金", "140502194611306543", 2})
	g.SaveAs(p)
	wb, err = ReadFile(p, "a.xlsx", nov, nil)
	if err != nil || len(wb.Entries) != 2 || wb.Entries[0].Held || wb.Entries[1].Person.Name != "顾清金" {
		t.Errorf("合计 in a last 序号 column: %v %+v", err, wb)
	}
}

// A 低保类别 merged over two people pays both at the dibao rate, as Excel
// shows it, and the row below the merge says where its value came from; a
// 街道 merged over its people is ordinary and says nothing.
func TestMergedPayColumnNoted(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", map[string]any{"低保类别": "城市低保"}),
		row(2, "乙二", "140502194702024808", map[string]any{"乡镇（街道）": ""}),
		row(3, "丙三", "140502194611306543", nil),
	})
	col := ""
	for i, h := range header {
		if h == "低保类别" {
			col, _ = excelize.ColumnNumberToName(i + 1)
		}
	}
	wb := editAndRead(t, p, func(f *excelize.File) error {
		if err := f.MergeCell("Sheet1", col+"4", col+"5"); err != nil {
			return err
		}
		return f.MergeCell("Sheet1", "B4", "B6")
	})
	var got []string
	for _, e := range wb.Entries {
		s := e.Person.Name + " " + e.Person.Dibao.String() + " " + e.Person.Street
		for _, fd := range e.Findings {
			s += " " + fd.Code + "@" + fd.Where.Column + ":" + fd.Message
		}
		got = append(got, s)
	}
	want := []string{
		"甲一 城市低保 东街街道",
		"乙二 城市低保 东街街道 merged_value@" + col + ":「低保类别」取自合并单元格 " + col + "4:" + col + "5 的值「城市低保」，本行按此计算；如本行情况不同，请取消合并后逐行填写",
		"丙三  东街街道",
	}
	sameLines(t, "entries", got, want)
}

// A 姓名 merged over two rows with different IDs: the first row is that
// person, the second is nobody known, and is held.
func TestMergedNameHeld(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "卯十五", "140502194204206481", nil),
		row(2, "", "140502194702024808", nil),
	})
	const col = "D" // 姓 名
	wb := editAndRead(t, p, func(f *excelize.File) error { return f.MergeCell("Sheet1", col+"4", col+"5") })
	if len(wb.Entries) != 2 || wb.Entries[0].Held || !wb.Entries[1].Held {
		t.Fatalf("entries %+v", wb.Entries)
	}
	got := strings.Join(findingsOf(wb.Entries[1], func(f domain.Finding) string { return f.Code + "@" + f.Where.Column + ":" + f.Message }), "\n")
	if want := "name_merged@" + col; !strings.Contains(got, want) || !strings.Contains(got, "请取消合并后填写本人姓名") {
		t.Errorf("second row: %s, want %s", got, want)
	}
}

// People below the sheet's 合计 are paid, each with a notice naming the
// total's row; a 小计 between groups is not the total. A total may be
// written with a full-width space, or named by its scope (全街道合计) or its
// street (东街街道合计), and a 小计 by its community. The notice says the
// word the sheet used: 总计 is 总计 there, not 合计; 共计 is a total too.
func TestRowsAfterTotalNoted(t *testing.T) {
	for _, c := range []struct{ subtotal, total, word string }{
		{"小计", "合\u3000计", "合计"}, // a full-width space, as Chinese input methods type
		{"景德社区小计", "东街街道合计", "合计"},
		{"小计", "全街道合计", "合计"},
		{"小计", "北石店镇 合计", "合计"},
		{"小计", "总计", "总计"},
		{"景德社区小计", "全街道总计", "总计"},
		{"小计", "共计", "共计"}, // read as a person named 2人, held for its missing ID
		{"小计", "总共", "总共"},
		{"小计", "累计", "累计"},
		{"小計", "總計", "總計"}, // traditional characters
	} {
		dir := t.TempDir()
		p := writeRoster(t, dir, "a.xlsx", [][]any{
			row(1, "甲一", "140502194204206481", nil),                                  // 4
			{c.subtotal, "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""}, // 5
			row(2, "乙二", "140502194702024808", nil),                                  // 6
			{c.total, "", "", "2人"},                                                  // 7
			row(3, "丙三", "140502194611306543", nil),                                  // 8
		})
		got := readRows(t, p, func(e Entry) string {
			return fmt.Sprintf("%d %v %s", e.Person.Source.Row, e.Held, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + " " + f.Message }), ","))
		})
		want := strings.ReplaceAll("4 false \n6 false \n8 false row_after_total 本行在第7行「合计」之后，已按本行发放；街道签字的合计不含本行，请把本行移到合计行之前并重算合计", "合计", c.word)
		if strings.Join(got, "\n") != want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.total, strings.Join(got, "\n"), want)
		}
	}
}

// readAll reads the rosters at paths as November's, in order.
func readAll(t *testing.T, paths ...string) []*Workbook {
	t.Helper()
	var wbs []*Workbook
	for _, p := range paths {
		wb, err := ReadFile(p, filepath.Base(p), nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		wbs = append(wbs, wb)
	}
	return wbs
}

// readRows reads the roster at path as November's and returns show of
// each of its entries, in order.
func readRows(t *testing.T, path string, show func(Entry) string) []string {
	t.Helper()
	wb, err := ReadFile(path, filepath.Base(path), nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		got = append(got, show(e))
	}
	return got
}

// Below several 合计 rows, a person is told of the nearest one above: a
// tester's person under the last of several was told of the first. Each is
// named by its own word, 合计 or 总计.
func TestRowAfterTotalNamesTheNearest(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", nil), // 4
		{"合计", "", "", "1人"},                    // 5
		row(2, "乙二", "140502194702024808", nil), // 6
		{"总计", "", "", "2人"},                    // 7
		row(3, "丙三", "140502194611306543", nil), // 8
	})
	got := readRows(t, p, func(e Entry) string {
		return fmt.Sprintf("%d %s", e.Person.Source.Row, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Message }), ","))
	})
	sameLines(t, "entries", got, []string{
		"4 ",
		"6 本行在第5行「合计」之后，已按本行发放；街道签字的合计不含本行，请把本行移到合计行之前并重算合计",
		"8 本行在第7行「总计」之后，已按本行发放；街道签字的总计不含本行，请把本行移到总计行之前并重算总计", // the row's own word
	})
}

// A person row whose 序号 says 合计, 小计 or 制表人 (copied with the row
// above or below) is still someone's when its 姓名 or ID cell holds an
// ID's digits not read as an ID (a word before it, a digit short, the two
// cells swapped) or its 姓名 is a name: each is held for what is wrong
// with it, where they were skipped as a totals or signature line, without
// a word. The sheet's own 合计 and 制表人 lines are still skipped.
func TestPersonOnTotalOrFooterRowHeld(t *testing.T) {
	as := func(first any, r []any) []any { r[0] = first; return r }
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", nil),                                // 4
		as("合计", row(0, "乙二", "身份证：140502194702024808", nil)),                  // 5
		as("小计", row(0, "丙三", "14050219461130654", nil)),                       // 6
		as("制表人：张三", row(0, "140502192611021100", "丁四", nil)),                  // 7
		as("合计", row(0, "戊五", "", map[string]any{"备注": "140502194305097384"})), // 8
		as("日期：11月5日", row(0, "己六", 1.40502193807075e+17, nil)),                // 9
		{"合计", "", "", "6人"},                                                   // 10
		{"制表人：张三", "", "", "审核人：李四"},                                           // 11
		row(7, "合计", withCheck("14050219420420300"), nil),                      // 12: paid as 合计 to the bank
	})
	sameLines(t, "rows", rowsAndNotices(readAll(t, p)[0]), []string{
		"4 false ",
		"5 true id_characters",
		"6 true id_length",
		"7 true name_characters,id_length",
		"8 true id_missing",
		"9 true id_numeric",
		"12 true name_missing,row_after_total",
		"11 row_footer",
	})
}

// rowsAndNotices lists wb's entries as "row held codes" and its notices
// as "row code".
func rowsAndNotices(wb *Workbook) []string {
	var got []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%d %v %s", e.Person.Source.Row, e.Held, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code }), ",")))
	}
	for _, n := range wb.Notices {
		got = append(got, fmt.Sprintf("%d %s", n.Where.Row, n.Code))
	}
	return got
}

// A totals row whose 姓名 holds a word as short as a name (合计 | 人数 |
// 60人, 小计 | 景德社区) and a signature line with the street's account
// under 身份证号码 (账号：6217…, no birth date where an ID has it) are
// skipped as before, not held as people without an ID: each was counted
// among 暂缓发放. A name on a 合计 row with a 银行账号 is still a person's.
func TestTotalsRowWordsAndAccountsNoPerson(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", nil),          // 4
		{"合计", "", "", "人数", "60人"},                      // 5
		{"合计", "", "", "金额", nil, 4600},                  // 6
		{"小计", "", "", "景德社区", "20人"},                    // 7
		{"合计", "", "", "60人", "6217003479314550382"},     // 8
		{"制表人：王芳", "", "", "", "账号：6217003479314550382"}, // 9
		{"合计", "东街街道", "景德社区", "庚七", "", nil, nil, nil, nil, nil, nil, nil, nil, "6217003479314550390"}, // 10
	})
	sameLines(t, "rows", rowsAndNotices(readAll(t, p)[0]), []string{
		"4 false ",
		"10 true id_missing,row_after_total",
		"9 row_footer",
	})
}

// A row hidden in Excel is held, named at its row; the rows around it are
// paid. A row whose height is 0 or nearly (1 point) shows nothing either,
// and is held too, whether the sheet is scanned or asked of excelize.
func TestHiddenRowHeld(t *testing.T) {
	defer func() { scanWorksheets = true }()
	for _, scan := range []bool{true, false} {
		scanWorksheets = scan
		dir := t.TempDir()
		p := writeRoster(t, dir, "a.xlsx", [][]any{
			row(1, "甲一", "140502194204206481", nil),
			row(2, "乙二", "140502194702024808", nil),
			row(3, "丙三", "140502194611306543", nil),
			row(4, "丁四", "140502194703050012", nil),
		})
		wb := editAndRead(t, p, func(f *excelize.File) error {
			if err := f.SetRowVisible("Sheet1", 5, false); err != nil {
				return err
			}
			if err := f.SetRowHeight("Sheet1", 6, 5); err != nil { // small, still legible
				return err
			}
			return f.SetRowHeight("Sheet1", 7, 1)
		})
		if got, want := rowCodes(wb), "4 false \n5 true row_hidden\n6 false \n7 true row_hidden"; got != want {
			t.Errorf("scan %v: got\n%s\nwant\n%s", scan, got, want)
		}
	}
}

// rowCodes gives, a line per entry of wb, its row, whether it is held and
// the codes of its findings.
func rowCodes(wb *Workbook) string {
	var got []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%d %v %s", e.Person.Source.Row, e.Held, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code }), ",")))
	}
	return strings.Join(got, "\n")
}

// A 死亡日期 before the birth date holds the row; one after the month pays
// the month (a roster sent late may know of it) with a notice to check it.
func TestDeathDateChecks(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "早于出生", "140502194204206481", map[string]any{"死亡日期": "1940/1/1"}),  // 4
		row(2, "晚于本月", "140502194611306543", map[string]any{"死亡日期": "2026/12/5"}), // 5
		row(3, "月内", "140502193807075930", map[string]any{"死亡日期": "2026/11/5"}),   // 6
	})
	wb, err := ReadFile(p, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range wb.Entries {
		got[e.Person.Name] = fmt.Sprint(e.Held, findingsOf(e, func(f domain.Finding) string { return string(f.Severity) + ":" + f.Code }))
	}
	want := map[string]string{
		"早于出生": "true [held:death_date_invalid]",
		"晚于本月": "false [notice:death_after_month]",
		"月内":   "false []",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %s, want %s", name, got[name], w)
		}
	}
}

// A 死亡日期 written in Chinese numerals is read as the date it says, and
// decides the month as a date in digits does: a death inside November pays
// November, one in October pays nothing; a day that does not exist, or a
// two-digit year, holds the row.
func TestDeathDateChineseNumerals(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "东街.xlsx", [][]any{
		row(1, "月内", "140502193807075930", map[string]any{"死亡日期": "二〇二六年十一月三日"}),  // 4
		row(2, "上月", "140502194611306543", map[string]any{"死亡日期": "二○二六年十月三十一日"}), // 5
		row(3, "无此日", "140502194204206481", map[string]any{"死亡日期": "二〇二六年二月三十日"}), // 6
		row(4, "两位年", "140502192612115846", map[string]any{"死亡日期": "二六年十一月三日"}),   // 7
	})
	wb, err := ReadFile(p, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range wb.Entries {
		death := "-"
		if !e.Person.Death.IsZero() {
			death = e.Person.Death.Format("2006-01-02")
		}
		got[e.Person.Name] = fmt.Sprint(e.Held, " ", death, " ", findingsOf(e, func(f domain.Finding) string { return string(f.Severity) + ":" + f.Code }))
	}
	want := map[string]string{
		"月内":  "false 2026-11-03 []",
		"上月":  "false 2026-10-31 [notice:death_before_month]",
		"无此日": "true - [held:death_date_invalid]",
		"两位年": "true - [held:death_date_invalid]",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %s, want %s", name, got[name], w)
		}
	}
}

// A row whose 街道 is empty is paid with a notice: it falls in no street's
// 核对联, so nobody would check it otherwise.
func TestStreetMissingIsNoted(t *testing.T) {
	blank := row(1, "无街道", "140502194204206481", nil)
	blank[1] = ""
	p := writeRoster(t, t.TempDir(), "东街.xlsx", [][]any{blank, row(2, "有街道", "140502194611306543", nil)})
	wb, err := ReadFile(p, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range wb.Entries {
		codes := findingsOf(e, func(f domain.Finding) string { return string(f.Severity) + ":" + f.Code + "@" + f.Where.Column })
		want := "[]"
		if e.Person.Name == "无街道" {
			want = "[notice:street_missing@B]"
		}
		if got := fmt.Sprint(codes); e.Held || got != want {
			t.Errorf("%s: held %v, findings %s, want %s", e.Person.Name, e.Held, got, want)
		}
	}
}

// findingsOf is e's findings, each as show writes it.
func findingsOf(e Entry, show func(domain.Finding) string) []string {
	var out []string
	for _, f := range e.Findings {
		out = append(out, show(f))
	}
	return out
}

// editAndRead opens the roster at p, applies edit, saves it and reads it.
func editAndRead(t *testing.T, p string, edit func(f *excelize.File) error) *Workbook {
	t.Helper()
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := edit(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wb, err := ReadFile(p, filepath.Base(p), nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	return wb
}

// Only a remark that states 健在 outright confirms a senior alive.
func TestSaysAlive(t *testing.T) {
	for remark, want := range map[string]bool{
		"健在": true, "已核实健在": true, "本人健在，2026-11-20入户核实": true,
		"": false, "已故": false, "非健在": false, "已不健在": false, "未核实健在": false,
		"是否健在待查": false, "健在？": false, "健在（已死亡）": false, "无": false,
		"健在（家属称已去世）": false, "已于10月去世，原登记健在": false, "健在，已过世": false,
	} {
		if got := saysAlive(remark); got != want {
			t.Errorf("saysAlive(%q) = %v, want %v", remark, got, want)
		}
	}
}

// A 备注 that says the person died, with no 死亡日期, or that their payment
// stops, holds the row at the 备注 column; with a date, or a remark that
// says nothing of a death, the row is paid as its columns say.
func TestRemarkOfDeathHolds(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", map[string]any{"备注": "已于10月去世"}),                 // 4
		row(2, "乙二", "140502194611306543", map[string]any{"备注": "已故", "死亡日期": "2026/11/5"}), // 5
		row(3, "丙三", "140502193807075930", map[string]any{"备注": "健在（家属称已去世）"}),              // 6
		row(4, "丁四", "140502194702024808", map[string]any{"备注": "本人健在"}),                    // 7
		row(5, "戊五", "140502192611021100", map[string]any{"备注": "迁出本区，停发"}),                 // 8
		row(6, "己六", "140502192612115846", map[string]any{"备注": "辞世"}),                      // 9
	})
	wb, err := ReadFile(p, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		held := findingsOf(e, func(f domain.Finding) string {
			if f.Severity != domain.Held {
				return ""
			}
			return f.Code + "@" + f.Where.Header
		})
		got = append(got, fmt.Sprintf("%s %v %s", e.Person.Name, e.Held, strings.Join(held, "")))
	}
	if want := "甲一 true remark_death@备注\n乙二 false \n丙三 true remark_death@备注\n丁四 false \n戊五 true remark_stop@备注\n己六 true remark_death@备注"; strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// A 银行账号 that cannot be an account (a placeholder 0, a number cut
// short, all zeros) holds the row at its column: paying to it would send the
// money nowhere or to someone else. A 户号 of all zeros, or the row's own
// 银行账号, is taken as not given, with the notice at its column: the row's
// money does not go to it.
func TestImplausibleAccounts(t *testing.T) {
	cases := []struct {
		bank, meter string
		code        string // "" when the row is paid
		column      string
		paidBank    string
		notice      bool // code is a notice on a row paid, its account taken as not given
	}{
		{bank: "0", code: "account_implausible", column: "N"},
		{bank: "12345", code: "account_implausible", column: "N"},
		{bank: "62170000123", code: "account_implausible", column: "N"},
		{bank: "0000000000000000000", code: "account_implausible", column: "N"},
		{meter: "0000000000", code: "account_implausible", column: "M", notice: true},
		{bank: "0000000000000000001", code: "account_implausible", column: "N"},
		{bank: "1111111111111111111", code: "account_implausible", column: "N"},
		{bank: "621700001234", paidBank: "621700001234"},
		{bank: "6217 0000 1234 5678 901", paidBank: "6217000012345678901"},
		{meter: "12345"},
		{},
		// The row's own 银行账号 typed into 户号 too: no household's.
		{bank: "6217000012345678902", meter: "6217 0000 1234 5678 902", code: "account_implausible", column: "M", notice: true},
		{bank: "6217000012345678903", meter: "6217000012345678904", paidBank: "6217000012345678903"},
		// Two numbers in one cell, a line break or a space between them:
		// joined, they are nobody's account.
		{bank: "6217000012345678905\n6217000012345678906", code: "value_unknown", column: "N"},
		{meter: "5300000013 5300000014", code: "value_unknown", column: "M"},
		{bank: "62170000 12345678 907", meter: "53000 00015", paidBank: "6217000012345678907"},
	}
	dir := t.TempDir()
	var rows [][]any
	for i, c := range cases {
		rows = append(rows, row(i+1, "账号"+string([]rune("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午")[i]), "140502194204206481", map[string]any{"银行账号": c.bank, "户号": c.meter}))
	}
	wb, err := ReadFile(writeRoster(t, dir, "东街.xlsx", rows), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Entries) != len(cases) {
		t.Fatalf("%d entries for %d rows", len(wb.Entries), len(cases))
	}
	for i, c := range cases {
		e := wb.Entries[i]
		got, col := "", ""
		for _, f := range e.Findings {
			if f.Severity == domain.Held || c.notice {
				got, col = f.Code, f.Where.Column
			}
		}
		if got != c.code || col != c.column || e.Held != (c.code != "" && !c.notice) {
			t.Errorf("bank %q meter %q: held %v code %q at %q, want %q at %q", c.bank, c.meter, e.Held, got, col, c.code, c.column)
		}
		if c.notice && (e.Person.ElectricityAccount != "" || !strings.Contains(e.Findings[0].Message, "按未填户号处理") || strings.Contains(e.Findings[0].Message, "照常发放")) {
			t.Errorf("meter %q: 户号 %q kept, or not said: %+v", c.meter, e.Person.ElectricityAccount, e.Findings)
		}
		if c.code == "" && e.Person.BankAccount != c.paidBank {
			t.Errorf("bank %q: paid to %q, want %q", c.bank, e.Person.BankAccount, c.paidBank)
		}
	}
}

// A workbook copied from last month keeps last month's sheet beside this
// month's: that sheet is not read (sheet_month_other), so the person removed
// since is not paid and the others are not read twice. A sheet named as a
// stop list holds its rows; a sheet named for the dead holds only the rows
// without a 死亡日期. A workbook whose only sheet names another month (not
// renamed after copying) is read.
func TestStaleAndStopSheets(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	a := row(1, "在册甲", "140502194204206481", nil)
	b := row(2, "在册乙", "140502194611306543", nil)
	gone := row(3, "已删丙", "140502193611014538", nil)
	moved := row(1, "迁出丁", "140502192611021100", map[string]any{"备注": "迁出本区，停发"})
	died := row(1, "有日期戊", "140502192612115846", map[string]any{"死亡日期": "2026-11-02"})
	nodate := row(2, "无日期己", "140502194103035871", nil)
	for _, sh := range []struct {
		name string
		rows [][]any
	}{
		{"2026年11月", [][]any{a, b}}, {"2026年10月", [][]any{a, b, gone}}, {"停发人员", [][]any{moved}}, {"死亡人员", [][]any{died, nodate}},
	} {
		if sh.name != "2026年11月" {
			f.NewSheet(sh.name)
		} else {
			f.SetSheetName("Sheet1", sh.name)
		}
		f.SetSheetRow(sh.name, "A1", &header)
		for i, r := range sh.rows {
			f.SetSheetRow(sh.name, fmt.Sprintf("A%d", i+2), &r)
		}
	}
	wb := readSaved(t, f, dir, "东街.xlsx")
	got := map[string]string{}
	for _, e := range wb.Entries {
		v := "paid"
		for _, fd := range e.Findings {
			if fd.Severity == domain.Held {
				v = fd.Code + "@" + fd.Where.Column
			}
		}
		got[e.Person.Name+"/"+e.Person.Source.Sheet] = v
	}
	want := map[string]string{
		"在册甲/2026年11月": "paid", "在册乙/2026年11月": "paid",
		"迁出丁/停发人员": "sheet_stop_list@", "有日期戊/死亡人员": "paid", "无日期己/死亡人员": "sheet_dead_list@O",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("entries %v\nwant    %v", got, want)
	}
	if len(wb.Notices) != 1 || wb.Notices[0].Code != "sheet_month_other" || wb.Notices[0].Where.Sheet != "2026年10月" ||
		!strings.Contains(wb.Notices[0].Message, "「2026年11月」") {
		t.Errorf("notices %+v", wb.Notices)
	}
	// The one person of the unread sheet on no sheet read is named: removed
	// since, or added on the wrong sheet, only staff know.
	if n := wb.Notices[0].Message; !strings.Contains(n, "其中 1 人不在本工作簿读取的工作表中") || !strings.Contains(n, "已删丙（第4行）") || strings.Contains(n, "在册甲") {
		t.Errorf("the unread sheet's own people are not named: %s", n)
	}

	only := writeRoster(t, dir, "西街.xlsx", [][]any{a})
	g, _ := excelize.OpenFile(only)
	g.SetSheetName("Sheet1", "10月")
	g.Save()
	g.Close()
	wb, err := ReadFile(only, "西街.xlsx", nov, nil)
	if err != nil || len(wb.Entries) != 1 || wb.Entries[0].Held {
		t.Errorf("a workbook whose only sheet names October: %v %+v", err, wb)
	}
}

// A 姓名 with a note, a digit or a symbol is held: the bank pays only to the
// holder's name, a note of death in the name is a death without a date
// (bracketed or not), a note of an agent (代领) is not the holder's name, a
// · first, last or doubled is no name, and =, +, - or @ first would be a
// formula in the bank file's CSV. 〇, apostrophes and the separators of
// minority and Latin names are names; the name paid is as cleanName writes it.
func TestNameCharacters(t *testing.T) {
	cases := map[string]string{
		"王六":         "",
		"阿不都·热合曼":    "",
		"Mary":       "",
		"\ue000华":    "", // a rare character in the private use area
		"李〇":         "",
		"王小〇":        "",
		"O'Neil":     "",
		"O’Neil":     "",
		"John Smith": "",
		"Mary-Jane":  "",
		"阿依古丽•买买提":   "",
		"阿依古丽．买买提":   "",
		"王六（已故）":     "remark_death",
		"王六(殁)":      "remark_death",
		"王五已故":       "remark_death",
		"王五 死亡":      "remark_death",
		"王五去世":       "remark_death",
		"王五 殁":       "remark_death",
		"王六2":        "name_characters",
		"=1+1":       "name_characters",
		"+张三":        "name_characters",
		"-张三":        "name_characters",
		"@张三":        "name_characters",
		"张三（代领）":     "name_characters",
		"王五 代领":      "name_characters",
		"王五代收":       "name_characters",
		"代签王五":       "name_characters",
		"王五 代办":      "name_characters",
		"·王":         "name_characters",
		"王·":         "name_characters",
		"王··芳":       "name_characters",
		"'Neil":      "name_characters",
		"ONeil'":     "name_characters",
		// two names in one cell were paid joined (魏巧花王六): a line break
		// always holds, a space between two parts of two 汉字 or more too;
		// padding inside one name does not
		"魏巧花\n王六":     "name_two_people",
		"魏巧花\r\n王六":   "name_two_people",
		"王\n六":        "name_two_people",
		"John\nSmith": "name_two_people",
		"邹香 王五":       "name_two_people",
		"马琴\u3000赵八":  "name_two_people",
		"邹香  王五 赵八":   "name_two_people",
		"阿依古丽 买买提":    "name_two_people",
		"欧阳修 王五":      "name_two_people",
		"邹  香":        "",
		"欧阳 修":        "",
		"欧阳 修文":       "",
		"王 小明":        "",
		" 王六\n":       "",
		"阿依古丽 ·买买提":   "",
		"阿依古丽· 买买提":   "",
		"阿依古丽 • 买买提":  "",
		"以下空白":        "name_missing",
		"（空白）":        "name_missing",
	}
	paidAs := map[string]string{
		"John Smith": "John Smith",
		"阿依古丽•买买提":   "阿依古丽·买买提",
		"阿依古丽．买买提":   "阿依古丽·买买提",
		"王小〇":        "王小〇",
	}
	var names []string
	var rows [][]any
	for n := range cases {
		names = append(names, n)
		rows = append(rows, row(len(rows)+1, n, "140502194204206481", nil))
	}
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "东街.xlsx", rows), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Entries) != len(names) {
		t.Fatalf("%d entries for %d rows", len(wb.Entries), len(names))
	}
	for i, e := range wb.Entries {
		got := ""
		for _, f := range e.Findings {
			if f.Severity == domain.Held {
				got = f.Code + "@" + f.Where.Column
			}
		}
		if want := cases[names[i]]; (want == "" && got != "") || (want != "" && got != want+"@D") {
			t.Errorf("姓名 %q: held %q, want %q at D", names[i], got, want)
		}
		if want, ok := paidAs[names[i]]; ok && e.Person.Name != want {
			t.Errorf("姓名 %q: read as %q, want %q", names[i], e.Person.Name, want)
		}
		if names[i] == "魏巧花\n王六" && (len(e.Findings) != 1 || !strings.Contains(e.Findings[0].Message, "姓名「魏巧花 王六」似乎是两个人的姓名") ||
			!strings.Contains(e.Findings[0].Message, "银行只按户名入账")) {
			t.Errorf("姓名 %q: %+v", names[i], e.Findings)
		}
	}
}

// A note of death in the 姓名 is held even when the 死亡日期 is given: the
// month of death is paid, but not to 王五已故; the message then asks only for
// the name.
func TestNameDeathNoteWithDate(t *testing.T) {
	rows := [][]any{row(1, "王五已故", "140502194204206481", map[string]any{"死亡日期": "2026-11-02"})}
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "东街.xlsx", rows), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := wb.Entries[0]
	if len(e.Findings) != 1 || e.Findings[0].Code != "remark_death" || e.Findings[0].Where.Column != "D" ||
		strings.Contains(e.Findings[0].Message, "未填死亡日期") {
		t.Errorf("held %v, findings %+v", e.Held, e.Findings)
	}
}

// cleanName writes a name as the ID card has it: spaces only between Latin
// letters, and the middle dot · between the parts of a minority name.
func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"彭 华国":              "彭华国",
		" 彭\u3000华国 ":       "彭华国",
		"彭\n华国":             "彭华国",
		"John Smith":        "John Smith",
		"John  \u3000Smith": "John Smith",
		"John\tSmith":       "John Smith",
		"José Smith":        "José Smith",
		"Jose\u0301 Smith":  "Jose\u0301 Smith", // a separate accent
		"Mary-Jane":         "Mary-Jane",
		"Mary - Jane":       "Mary-Jane",
		"J.Smith":           "J.Smith",
		"O'Neil":            "O'Neil",
		"王 Smith":           "王Smith",
		"阿依古丽•买买提":          "阿依古丽·买买提",
		"阿依古丽・买买提":          "阿依古丽·买买提",
		"阿依古丽．买买提":          "阿依古丽·买买提",
		"阿依古丽‧买买提":          "阿依古丽·买买提",
		"阿依古丽.买买提":          "阿依古丽·买买提",
		"阿依古丽 · 买买提":        "阿依古丽·买买提",
		"阿依古丽·买买提":          "阿依古丽·买买提",
		"\ue000华.买买提":       "\ue000华·买买提",
		"王.":                "王.",
		".王":                ".王",
		"王小〇":               "王小〇",
	} {
		if got := cleanName(in); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A 死亡日期 of 无, 否, / or a dash gives no date, as an empty cell does; a
// year and month without the day is held, quoting what was typed.
func TestDeathDateNone(t *testing.T) {
	var rows [][]any
	for i, v := range []string{"无", "否", "/", "—", "暂无", "空", "2026.10"} {
		rows = append(rows, row(i+1, "健在"+string([]rune("甲乙丙丁戊己庚")[i]), "140502194204206481", map[string]any{"死亡日期": v}))
	}
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "东街.xlsx", rows), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range wb.Entries {
		if last := i == len(rows)-1; e.Held != last || !e.Person.Death.IsZero() {
			t.Errorf("row %d: held %v, death %v, findings %+v", i+1, e.Held, e.Person.Death, e.Findings)
		} else if last && !strings.Contains(e.Findings[0].Message, "「2026.10」") {
			t.Errorf("a year and month: %+v", e.Findings)
		}
	}
}

// One 银行账号 given for different IDs holds every such row (account_shared)
// at its 银行账号 column, naming the others; the same ID twice, or empty
// accounts, are not shared.
func TestConsolidateSharedAccounts(t *testing.T) {
	id := func(n int) string { return withCheck(fmt.Sprintf("14050219400101%03d", n)) }
	acct := func(a string) map[string]any { return map[string]any{"银行账号": a} }
	dir := t.TempDir()
	a := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "同账甲", id(1), acct("6217000000000000950")),     // 4 shared with 5
		row(2, "同账乙", id(2), acct("6217 0000 0000 0000 950")), // 5 the same account, typed with spaces
		row(3, "重复丙", id(3), acct("6217000000000000333")),     // 6 paid once
		row(4, "重复丙", id(3), acct("6217000000000000333")),     // 7 its identical copy: not shared
		row(5, "无账丁", id(4), nil),                             // 8 no account
		row(6, "无账戊", id(5), acct("无")),                       // 9 no account either
		row(7, "三人甲", id(6), acct("6228480000000000777")),     // 10 three on one account
		row(8, "另账己", id(7), acct("6228480000000000888")),     // 11 shared with a held row
	})
	b := writeRoster(t, dir, "b.xlsx", [][]any{
		row(1, "三人乙", id(8), acct("6228480000000000777")),                                          // 4
		row(2, "三人丙", id(9), acct("6228480000000000777")),                                          // 5
		row(3, "错生庚", id(10), map[string]any{"银行账号": "6228480000000000888", "出生日期": "1940-01-02"}), // 6 held: mismatch
	})
	wbs := readAll(t, a, b)
	res := Consolidate(wbs, nov)

	var paid []string
	for _, p := range res.People {
		paid = append(paid, fmt.Sprintf("%s:%d", p.Source.File, p.Source.Row))
	}
	if got, want := strings.Join(paid, " "), "a.xlsx:6 a.xlsx:8 a.xlsx:9"; got != want {
		t.Errorf("paid %s, want %s", got, want)
	}
	var got []string
	shared := map[string]domain.Finding{}
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%s:%s", f.Where.File, f.Where.Row, f.Severity, f.Code))
		if f.Code == "account_shared" {
			shared[f.Name] = f
		}
	}
	want := []string{
		"a.xlsx:4:held:account_shared",
		"a.xlsx:5:held:account_shared",
		"a.xlsx:7:notice:duplicate_identical",
		"a.xlsx:10:held:account_shared",
		"a.xlsx:11:held:account_shared",
		"b.xlsx:4:held:account_shared",
		"b.xlsx:5:held:account_shared",
		"b.xlsx:6:held:birth_date_mismatch",
		"b.xlsx:6:held:account_shared",
	}
	sameLines(t, "findings", got, want)
	for name, f := range shared {
		if f.Where.Column != "N" || f.Where.Header != "银行账号" || f.AsWritten == "" {
			t.Errorf("%s: held at %+v (as written %q), want the 银行账号 column N", name, f.Where, f.AsWritten)
		}
	}
	for _, c := range []struct{ name, names, notNames string }{
		{"同账甲", "「同账乙（" + id(2) + "）」", "同账甲"},
		{"同账乙", "「同账甲（" + id(1) + "）」", "同账乙"},
		{"三人甲", "「三人乙（" + id(8) + "）」（「b.xlsx」Sheet1第4行）、「三人丙（" + id(9) + "）」（「b.xlsx」Sheet1第5行）", "三人甲"},
		{"三人丙", "「三人甲（" + id(6) + "）」（「a.xlsx」Sheet1第10行）、「三人乙（" + id(8) + "）」", "三人丙"},
		{"另账己", "「错生庚（" + id(10) + "）」", "另账己"},
	} {
		m := shared[c.name].Message
		if !strings.Contains(m, c.names) || strings.Contains(m, c.notNames) || !strings.Contains(m, "同一银行账号") || !strings.Contains(m, "核对各人本人账号") {
			t.Errorf("%s: message %q, want it to name %s and not %s", c.name, m, c.names, c.notNames)
		}
	}
	var listings []string
	for _, l := range res.Listings {
		listings = append(listings, fmt.Sprintf("%s:%v:%s", l.Person.Name, l.Held, strings.Join(l.Codes, "+")))
	}
	wantListings := "同账甲:true:account_shared 同账乙:true:account_shared 重复丙:false: 无账丁:false: 无账戊:false: " +
		"三人甲:true:account_shared 另账己:true:account_shared 三人乙:true:account_shared 三人丙:true:account_shared 错生庚:true:birth_date_mismatch+account_shared"
	if got := strings.Join(listings, " "); got != wantListings {
		t.Errorf("listings %s\nwant %s", got, wantListings)
	}
}

// An identical copy of a person who shares an account with someone else is
// held with them, not noted as paid once by a row that is held; a message
// names at most maxNamedSharers others and counts the rest.
func TestSharedAccountCopiesAndCrowds(t *testing.T) {
	id := func(n int) string { return withCheck(fmt.Sprintf("14050219400101%03d", n)) }
	acct := map[string]any{"银行账号": "6217000000000000950"}
	dir := t.TempDir()
	rows := [][]any{
		row(1, "同账甲", id(1), acct), // 4
		row(2, "同账甲", id(1), acct), // 5 identical copy
	}
	for n := 2; n <= 6; n++ {
		rows = append(rows, row(n+1, fmt.Sprintf("同账%d", n), id(n), acct))
	}
	wb, err := ReadFile(writeRoster(t, dir, "a.xlsx", rows), "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := Consolidate([]*Workbook{wb}, nov)
	if len(res.People) != 0 {
		t.Errorf("paid %+v", res.People)
	}
	held := 0
	for _, f := range res.Findings {
		switch {
		case f.Code == "duplicate_identical":
			t.Errorf("copy noted as paid once: %+v", f)
		case f.Code == "account_shared":
			held++
			if f.Where.Row == 4 && !strings.HasSuffix(strings.Split(f.Message, "填写了")[0], "等共5人") {
				t.Errorf("row 4 message %q, want three named and 等共5人", f.Message)
			}
			if strings.Count(f.Message, "（"+id(0)[:6]) > maxNamedSharers {
				t.Errorf("row %d names more than %d: %q", f.Where.Row, maxNamedSharers, f.Message)
			}
		}
	}
	if held != len(rows) {
		t.Errorf("%d rows held account_shared, want %d", held, len(rows))
	}
	if len(res.Listings) != 6 || !res.Listings[0].Held {
		t.Errorf("listings %+v", res.Listings)
	}
}

// Which sheets of a workbook are paid from: last month's sheet beside one
// for this month or for no month is not; a sheet marked as the revision of
// this month's replaces it; a range naming this month is this month's; a
// workbook whose only roster sheet names another month is read.
func TestUnusedSheets(t *testing.T) {
	a := row(1, "在册甲", "140502194204206481", nil)
	b := row(2, "已删乙", "140502194611306543", nil)
	for _, c := range []struct {
		sheets []string
		rows   [][][]any
		want   string // names read, then the sheets not read
	}{
		{[]string{"Sheet1", "10月"}, [][][]any{{a}, {a, b}}, "[在册甲] [10月]"},
		{[]string{"2026年11月", "2026年11月(修改)"}, [][][]any{{a, b}, {a}}, "[在册甲] [2026年11月]"},
		{[]string{"2026年11月", "2026年10月至11月补报"}, [][][]any{{a}, {b}}, "[在册甲 已删乙] []"},
		{[]string{"2026年10月", "填表说明"}, [][][]any{{a, b}, nil}, "[在册甲 已删乙] []"},
		{[]string{"11月城市", "11月农村"}, [][][]any{{a}, {b}}, "[在册甲 已删乙] []"},
		{[]string{"202610", "202611"}, [][][]any{{a, b}, {a}}, "[在册甲] [202610]"},
		{[]string{"10", "11"}, [][][]any{{a, b}, {a}}, "[在册甲] [10]"},
		{[]string{"Oct", "Nov"}, [][][]any{{a, b}, {a}}, "[在册甲] [Oct]"},
		{[]string{"上月", "本月"}, [][][]any{{a, b}, {a}}, "[在册甲] [上月]"},
		{[]string{"10", "Sheet1"}, [][][]any{{b}, {a}}, "[已删乙 在册甲] []"},
		{[]string{"2026", "东街"}, [][][]any{{b}, {a}}, "[已删乙 在册甲] []"},
	} {
		f := excelize.NewFile()
		for i, name := range c.sheets {
			if i == 0 {
				f.SetSheetName("Sheet1", name)
			} else {
				f.NewSheet(name)
			}
			if c.rows[i] == nil {
				f.SetCellStr(name, "A1", "填表说明：身份证号码请设置为文本格式。")
				continue
			}
			f.SetSheetRow(name, "A1", &header)
			for j, r := range c.rows[i] {
				f.SetSheetRow(name, fmt.Sprintf("A%d", j+2), &r)
			}
		}
		wb := readSaved(t, f, t.TempDir(), "东街.xlsx")
		var names, skipped []string
		for _, e := range wb.Entries {
			names = append(names, e.Person.Name)
		}
		for _, n := range wb.Notices {
			if n.Code == "sheet_month_other" {
				skipped = append(skipped, n.Where.Sheet)
			}
		}
		if got := fmt.Sprint(names, " ", skipped); got != c.want {
			t.Errorf("%v: read %s, want %s", c.sheets, got, c.want)
		}
		if wb.RowsRead != len(names) {
			t.Errorf("%v: RowsRead %d for %d people read", c.sheets, wb.RowsRead, len(names))
		}
	}
}

// Last month's sheet left under a plain name is known by its title: Sheet2
// titled 东街街道2026年10月老年人补贴花名册 beside Sheet1 titled for November is
// not read.
func TestUnusedSheetByTitle(t *testing.T) {
	f := excelize.NewFile()
	f.NewSheet("Sheet2")
	for _, sh := range []struct {
		name, title string
		rows        [][]any
	}{
		{"Sheet1", "东街街道2026年11月老年人补贴花名册", [][]any{row(1, "在册甲", "140502194204206481", nil)}},
		{"Sheet2", "东街街道2026年10月老年人补贴花名册", [][]any{row(1, "在册甲", "140502194204206481", nil), row(2, "已删乙", "140502194611306543", nil)}},
	} {
		f.SetCellStr(sh.name, "A1", sh.title)
		f.SetSheetRow(sh.name, "A2", &header)
		for j, r := range sh.rows {
			f.SetSheetRow(sh.name, fmt.Sprintf("A%d", j+3), &r)
		}
	}
	wb := readSaved(t, f, t.TempDir(), "东街.xlsx")
	if len(wb.Entries) != 1 || wb.Entries[0].Person.Name != "在册甲" || wb.Entries[0].Person.Source.Sheet != "Sheet1" {
		t.Errorf("entries %+v", wb.Entries)
	}
	if len(wb.Notices) != 1 || wb.Notices[0].Code != "sheet_month_other" || wb.Notices[0].Where.Sheet != "Sheet2" {
		t.Errorf("notices %+v", wb.Notices)
	}
}

// Last month's roster sent again under this month's file name: its only
// sheet's title names October. It is read (a title left as it was is
// common), but told (title_month_other), for the run to warn with ！！;
// a title naming November says nothing.
func TestSheetOfAnotherMonthReadIsTold(t *testing.T) {
	for title, want := range map[string]string{
		"东街街道2026年10月老年人补贴花名册": "title_month_other@Sheet1",
		"东街街道2026年11月老年人补贴花名册": "",
		"东街街道老年人补贴花名册":         "",
	} {
		f := excelize.NewFile()
		f.SetCellStr("Sheet1", "A1", title)
		f.SetSheetRow("Sheet1", "A2", &header)
		r := row(1, "在册甲", "140502194204206481", nil)
		f.SetSheetRow("Sheet1", "A3", &r)
		wb := readSaved(t, f, t.TempDir(), "2026年11月_东街街道_老年人补贴花名册.xlsx")
		var got []string
		for _, n := range wb.Notices {
			got = append(got, n.Code+"@"+n.Where.Sheet)
		}
		if len(wb.Entries) != 1 || strings.Join(got, " ") != want {
			t.Errorf("%s: %d entries, notices %v, want %q", title, len(wb.Entries), got, want)
		}
	}
}

// A 银行账号 in scientific notation typed as text is told as such, not as
// "stored as a number"; a number cell is told it is one.
func TestAccountInScientificNotation(t *testing.T) {
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "东街.xlsx", [][]any{
		row(1, "科学甲", "140502194204206481", map[string]any{"银行账号": "6.22E+18"}),
		row(2, "科学乙", "140502194611306543", map[string]any{"银行账号": 6.21762773068986e+18}),
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range wb.Entries {
		says := []string{"科学计数法", "被存为数字"}[i] // text says so; a number cell is one
		if !e.Held || e.Findings[0].Code != "account_numeric" || !strings.Contains(e.Findings[0].Message, says) {
			t.Errorf("%s: %+v", e.Person.Name, e.Findings)
		}
	}
}

// A roster with its header and nothing under it (or only a 合计 row) is
// refused, naming the sheet, instead of making its street vanish from the
// month without a word.
func TestRosterWithoutPeopleRefused(t *testing.T) {
	dir := t.TempDir()
	for name, rows := range map[string][][]any{
		"empty.xlsx":  nil,
		"totals.xlsx": {{"合计", "", "", "", "", "", "", "", "", "", "", "", "", "", ""}},
	} {
		p := writeRoster(t, dir, name, rows)
		_, err := ReadFile(p, name, nov, nil)
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_no_people" || !strings.Contains(rej.Message, "「Sheet1」") {
			t.Errorf("%s: %v", name, err)
		}
	}
	p := writeRoster(t, dir, "one.xlsx", [][]any{row(1, "贺国荣", "140502194204206481", nil)})
	if wb, err := ReadFile(p, "one.xlsx", nov, nil); err != nil || len(wb.Entries) != 1 {
		t.Errorf("a roster with one person: %v", err)
	}
}

// headedSheets names f's sheets names (the first is Sheet1 renamed), each
// with the roster header in row 1.
func headedSheets(f *excelize.File, names ...string) {
	for i, name := range names {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else {
			f.NewSheet(name)
		}
		f.SetSheetRow(name, "A1", &header)
	}
}

// A workbook whose people are on last month's sheet (2026年10月, 60 rows)
// beside this month's sheet left as a header-only template (2026年11月)
// reads this month's sheet and finds nobody: the refusal (file_no_people)
// says which sheet was read and why, and that the sheet with the people was
// passed over and why, instead of saying 2026年10月 has only a header. So
// for a revision left empty beside the sheet it revises, and for a hidden
// sheet of last month's. A workbook with nobody anywhere is told as before.
func TestNoPeopleNamesTheSheetPassedOver(t *testing.T) {
	dir := t.TempDir()
	build := func(name string, sheets []string, hidden string, withPeople string) string {
		f := excelize.NewFile()
		defer f.Close()
		headedSheets(f, sheets...)
		for _, sh := range sheets {
			if sh != withPeople {
				continue
			}
			for n := 1; n <= 60; n++ {
				r := row(n, "人员"+string(rune('甲'+n)), withCheck(fmt.Sprintf("140502194001%02d%03d", n%28+1, n)), nil)
				f.SetSheetRow(sh, fmt.Sprintf("A%d", n+1), &r)
			}
		}
		if hidden != "" {
			f.SetSheetVisible(hidden, false)
		}
		p := filepath.Join(dir, name)
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name           string
		sheets         []string
		hidden, people string
		want           []string
		not            string
	}{
		{"a.xlsx", []string{"2026年10月", "2026年11月"}, "", "2026年10月",
			[]string{"按工作表「2026年11月」发放（「2026年11月」的名称或标题写的是本月（2026年11月））", "该表只有表头", "有人员的工作表「2026年10月」（60行人员）的名称或标题写的是2026年10月，不是本月，未读取", "请把它改名为本月（改正标题），并删除只有表头的工作表「2026年11月」"}, "「2026年10月」只有表头"},
		{"b.xlsx", []string{"2026年11月", "2026年10月"}, "", "2026年10月",
			[]string{"按工作表「2026年11月」发放", "「2026年10月」（60行人员）"}, "「2026年10月」只有表头"},
		{"c.xlsx", []string{"2026年11月", "2026年11月(修改)"}, "", "2026年11月",
			[]string{"按工作表「2026年11月(修改)」发放（「2026年11月(修改)」是本月（2026年11月）修改后的工作表）", "工作表「2026年11月」（60行人员）另有修改后的本月工作表，未读取", "请删除只有表头的工作表「2026年11月(修改)」"}, "「2026年11月」只有表头"},
		{"d.xlsx", []string{"2026年11月", "2026年10月"}, "2026年10月", "2026年10月",
			[]string{"按工作表「2026年11月」发放", "隐藏的工作表「2026年10月」（60行人员）的名称或标题写的是2026年10月", "请取消隐藏、把它改名为本月"}, "「2026年10月」只有表头"},
		{"e.xlsx", []string{"2026年10月", "2026年11月"}, "", "",
			[]string{"花名册工作表「2026年10月」「2026年11月」只有表头"}, "行人员"},
	} {
		p := build(tc.name, tc.sheets, tc.hidden, tc.people)
		_, err := ReadFile(p, tc.name, nov, nil)
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_no_people" {
			t.Errorf("%s: %v, want file_no_people", tc.name, err)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(rej.Message, w) {
				t.Errorf("%s: %q not in %s", tc.name, w, rej.Message)
			}
		}
		if strings.Contains(rej.Message, tc.not) {
			t.Errorf("%s: %q in %s", tc.name, tc.not, rej.Message)
		}
	}
}

// Two columns of one field (银行账号 and 账号 side by side): the first is
// read, staff are told once, and a row where both are filled and disagree,
// or where only the second is filled, is held at the first; spaces and
// hyphens in an account do not disagree.
func TestTwinColumns(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"姓名", "身份证号", "银行账号", "账号"},
		{"贺国荣", "140502194204206481", "6217000000000001111", "6217000000000002222"},
		{"李桂兰", "140502194702024808", "6217000000000003333", "6217 0000-0000 0003333"},
		{"王秀英", "140502194611306543", "6217000000000004444", ""},
		{"赵桂芳", "140502194703050012", "", "6217000000000005555"},
	}
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "twins.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	hdr, err := NewHeaders(map[string][]string{"银行账号": {"账号"}}) // as rules/roster.headers.yaml has it
	if err != nil {
		t.Fatal(err)
	}
	wb, err := ReadFile(p, "twins.xlsx", nov, hdr)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%s %v %s %s", e.Person.Name, e.Held, e.Person.BankAccount, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + "@" + f.Where.Column }), ",")))
	}
	want := "贺国荣 true 6217000000000001111 column_conflict@C\n李桂兰 false 6217000000000003333 \n王秀英 false 6217000000000004444 \n赵桂芳 true  column_conflict@C"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	if len(wb.Notices) != 1 || wb.Notices[0].Code != "columns_twin" || !strings.Contains(wb.Notices[0].Message, "「账号」列（D列）") {
		t.Errorf("notices %+v", wb.Notices)
	}
}

// Two ID columns that write one person's ID in two forms (15 digits and
// 18, × and X, a 残疾人证号 and the ID it begins with) agree: the row is
// paid, as the first column converted names the person the second does.
// Two IDs of different people still hold the row.
func TestTwinIDColumnsInTwoForms(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"姓名", "身份证号", "公民身份号码"},
		{"贺国荣", "140502420420648", "140502194204206481"},
		{"方霞文", "14052519500624542×", "14052519500624542X"},
		{"毛桂英", "14050219410303587141", "140502194103035871"},
		{"顾清金", "140502194611306543", "140502461130654"},
		{"李桂兰", "140502194702024808", "140502194611306543"},
	}
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	wb := readSaved(t, f, t.TempDir(), "twins.xlsx")
	var got []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%s %v %s", e.Person.Name, e.Held, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code }), ",")))
	}
	sameLines(t, "rows", got, []string{
		"贺国荣 false id_converted",
		"方霞文 false id_times_sign",
		"毛桂英 false id_from_disability_card,disability_from_card",
		"顾清金 false ",
		"李桂兰 true column_conflict",
	})
}

// A second table pasted to the right of the first, its header cells on the
// header row, its people on rows of their own: the workbook is refused
// (file_tables_side_by_side, at the column where the second table starts).
// Read as twin columns, its people were held as conflicts of the two 姓名
// columns, and those beside a person of the first table never listed.
func TestSecondTableToTheRight(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"序号", "姓名", "身份证号", "银行账号", "", "序号", "姓名", "身份证号", "银行账号"},
		{1, "贺国荣", "140502194204206481", "6217000000000001111"},
		{nil, nil, nil, nil, nil, 1, "李桂兰", "140502194702024808", "6217000000000003333"},
	}
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "东街.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(p, "东街.xlsx", nov, nil)
	var rej *RejectError
	if !errors.As(err, &rej) || rej.Code != "file_tables_side_by_side" || !strings.Contains(rej.Message, "第1行的表头从F列起") {
		t.Errorf("%v, want file_tables_side_by_side from F", err)
	}
}

// strikeCells gives the cells of Sheet1 a struck-through font, as a clerk
// crossing them out does.
func strikeCells(f *excelize.File, cells ...string) error {
	struck, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Strike: true}})
	if err != nil {
		return err
	}
	for _, c := range cells {
		if err := f.SetCellStyle("Sheet1", c, c, struck); err != nil {
			return err
		}
	}
	return nil
}

// A row whose 姓名 or 公民身份号码 is struck through (a person crossed out)
// is held, whether the sheet is scanned or asked of excelize; a struck-out
// 备注 alone holds nothing.
func TestStruckRowHeld(t *testing.T) {
	defer func() { scanWorksheets = true }()
	for _, scan := range []bool{true, false} {
		scanWorksheets = scan
		p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
			row(1, "甲一", "140502194204206481", map[string]any{"备注": "无"}),
			row(2, "乙二", "140502194702024808", nil),
			row(3, "丙三", "140502194611306543", map[string]any{"备注": "无"}),
			row(4, "丁四", "140502194703050012", nil),
		})
		wb := editAndRead(t, p, func(f *excelize.File) error {
			return strikeCells(f, "D5", "E7", "P6") // 姓名, 身份证号码, 备注
		})
		if got, want := rowCodes(wb), "4 false \n5 true row_struck\n6 false \n7 true row_struck"; got != want {
			t.Errorf("scan %v: got\n%s\nwant\n%s", scan, got, want)
		}
	}
}

// A 银行账号 or 户号 pasted from a web page or a bank's letter carries
// no-break spaces, tabs or full-width dashes between its groups of digits:
// they are separators, as an ordinary space is, not characters to hold.
func TestAccountSeparators(t *testing.T) {
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "东街.xlsx", [][]any{
		row(1, "空格甲", "140502194204206481", map[string]any{"银行账号": "6217\u00a00066\u00a00123\u00a04567\u00a0890", "户号": "0700\t714292"}),
		row(2, "空格乙", "140502194611306543", map[string]any{"银行账号": "6217－0066－0123－4567－891"}),
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"6217006601234567890 0700714292", "6217006601234567891 "}
	for i, e := range wb.Entries {
		if got := e.Person.BankAccount + " " + e.Person.ElectricityAccount; e.Held || got != want[i] {
			t.Errorf("%s: held %v %+v, accounts %q, want %q", e.Person.Name, e.Held, e.Findings, got, want[i])
		}
	}
}

// A total row may name its scope first (本页小计, 全街道合计); a person
// whose name merely contains such a word is no total.
func TestTotalRowsWithAScope(t *testing.T) {
	for cell, total := range map[string]bool{"合计": true, "合 计": true, "合\u3000计": true, "总\u3000计：": true, "本页小计": true, "本表合计": true, "全街道合计": true, "全镇总计": true,
		"本页": false, "王合计": false, "全小明": false} {
		if got := isBlankOrTotal([]string{"", cell, "3"}); got != total {
			t.Errorf("%q: total %v, want %v", cell, got, total)
		}
	}
}

// Two rows of one ID that differ only in 银行账号 are held, each named at
// its 银行账号 cell: the one cell staff must check.
func TestDuplicateConflictOfAccountsPlacedAtTheAccount(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", map[string]any{"银行账号": "6217000000000000017"}),
		row(2, "贺国荣", "140502194204206481", map[string]any{"银行账号": "6217000000000000025"}),
	})
	wb, err := ReadFile(p, "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	col := wb.Entries[0].column(FieldBankAccount)
	res := Consolidate([]*Workbook{wb}, nov)
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%d:%s@%s:%s", f.Where.Row, f.Code, f.Where.Column, f.Where.Header))
	}
	if want := []string{"4:duplicate_conflict@" + col + ":银行账号", "5:duplicate_conflict@" + col + ":银行账号"}; col == "" || !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// Rows of one ID that differ in 姓名 or 低保类别 are held each at the first
// column it disagrees on, as they are at the 银行账号 when only that
// differs: a tester's conflicts of 姓名 and 低保类别 named no column. A
// row whose sheet has no column of the first difference (a 低保类别 read
// as empty) is placed at the next one it has, and so is the row of the
// other sheet: a column one sheet lacks is no disagreement.
func TestDuplicateConflictPlacedAtFirstDifference(t *testing.T) {
	dir := t.TempDir()
	id := func(n int) string { return withCheck(fmt.Sprintf("14050219400101%03d", n)) }
	a := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "贺国荣", id(1), map[string]any{"低保类别": "城市低保"}),                               // 4 G
		row(2, "贺国荣", id(1), nil),                                                          // 5 G
		row(3, "顾清金", id(2), map[string]any{"银行账号": "6217000000000000017"}),                // 6 D, not N
		row(4, "顾青金", id(2), map[string]any{"银行账号": "6217000000000000025"}),                // 7 D
		row(5, "马荣金", id(3), nil),                                                          // 8 D: differs from row 10 only
		row(6, "马荣金", id(3), nil),                                                          // 9 D
		row(7, "马容金", id(3), nil),                                                          // 10 D
		row(8, "姜成", id(4), map[string]any{"低保类别": "农村低保", "银行账号": "6217000000000000033"}), // 11 G
	})
	b := saveRows(t, dir, "b.xlsx", [][]any{
		{"姓名", "公民身份号码", "银行账号"},
		{"姜成", id(4), "6217000000000000041"}, // 2: no 低保类别 column, C
	}, nil)
	wbs := readAll(t, a, b)
	var got []string
	for _, f := range Consolidate(wbs, nov).Findings {
		got = append(got, fmt.Sprintf("%s:%d:%s@%s:%s", f.Where.File, f.Where.Row, f.Code, f.Where.Column, f.Where.Header))
	}
	sameLines(t, "findings", got, []string{
		"a.xlsx:4:duplicate_conflict@G:低保类别",
		"a.xlsx:5:duplicate_conflict@G:低保类别",
		"a.xlsx:6:duplicate_conflict@D:姓名",
		"a.xlsx:7:duplicate_conflict@D:姓名",
		"a.xlsx:8:duplicate_conflict@D:姓名",
		"a.xlsx:9:duplicate_conflict@D:姓名",
		"a.xlsx:10:duplicate_conflict@D:姓名",
		"a.xlsx:11:duplicate_conflict@N:银行账号", // not 低保类别, which b.xlsx has no column for
		"b.xlsx:2:duplicate_conflict@C:银行账号",
	})
}

// Rows inserted under a merged range leave a person's cells under it: Excel
// shows the range's value, not theirs, yet they were read (a newcomer's
// A66:C66 over a person). A hidden 街道 or 社区 is told; a hidden 低保类别,
// which decides the amount, holds the row.
func TestValuesHiddenUnderAMergeAreTold(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &header)
	a := row(62, "李桂兰", "140502194702024808", map[string]any{"乡镇（街道）": "东街街道", "村(社区)": "东上社区"})
	b := row(63, "贺国荣", "140502194204206481", map[string]any{"出生日期": "", "低保类别": "城市低保"})
	c := row(64, "王秀英", "140502194611306543", nil)
	f.SetSheetRow("Sheet1", "A2", &a)
	f.SetSheetRow("Sheet1", "A3", &b)
	f.SetSheetRow("Sheet1", "A4", &c)
	// Excel keeps the covered cells' values when rows come under a merge;
	// excelize's MergeCell would clear them, so the ranges go into the XML.
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.xlsx")
	if err := f.SaveAs(plain); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(plain)
	if err != nil {
		t.Fatal(err)
	}
	var sheet []byte
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := zf.Open()
			sheet, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	zr.Close()
	merged := strings.Replace(string(sheet), "</sheetData>", `</sheetData><mergeCells count="2"><mergeCell ref="A2:C2"/><mergeCell ref="F3:G3"/></mergeCells>`, 1)
	p := filepath.Join(dir, "东街.xlsx")
	rewriteZip(t, plain, p, map[string]string{"xl/worksheets/sheet1.xml": merged})
	wb, err := ReadFile(p, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%s %v %s", e.Person.Name, e.Held, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + "@" + f.Where.Column }), ",")))
	}
	want := "李桂兰 false merged_hidden_value@B,merged_hidden_value@C\n贺国荣 true merged_hidden_value@G\n王秀英 false "
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// An ID that makes the senior 110 or older is paid with a notice asking to
// check it (a birth year mistyped with its check character recomputed
// pays the 100+ band); 109 passes quietly and past 125 is held, as is a
// birth after the month, each hold saying which (staff read 不合理 alone and
// could not tell what was wrong with the number).
func TestUnusualAge(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "百九", withCheck("14050219161201648"), nil),  // 4: 109 through November
		row(2, "一一零", withCheck("14050219161101648"), nil), // 5: 110 on 1 Nov
		row(3, "一一五", withCheck("14050219111115648"), nil), // 6: 115
		row(4, "一三零", withCheck("14050218961115648"), nil), // 7: 130: held
		row(5, "未生", withCheck("14050220261201648"), nil),  // 8: born after the month: held
	})
	wb, err := ReadFile(p, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range wb.Entries {
		for _, f := range e.Findings {
			if f.Code == "id_age_unusual" && !strings.Contains(f.Message, "周岁") {
				t.Errorf("row %d: %s", e.Person.Source.Row, f.Message)
			}
			// A hold says why the date cannot be the senior's, and where to look.
			if f.Code == "id_birth_date" && !strings.Contains(f.Message, map[int]string{7: "本月满130周岁，超过125周岁", 8: "晚于本月2026年11月"}[e.Person.Source.Row]) ||
				f.Code == "id_birth_date" && !strings.Contains(f.Message, "第7至14位") {
				t.Errorf("row %d: %s", e.Person.Source.Row, f.Message)
			}
		}
	}
	sameLines(t, "rows", strings.Split(rowCodes(wb), "\n"), []string{
		"4 false ",
		"5 false id_age_unusual",
		"6 false id_age_unusual",
		"7 true id_birth_date",
		"8 true id_birth_date",
	})
}

// A 户号 typed into a number cell is taken as not given, with a notice at
// its column, and the row is paid: only the electricity allowance goes to a
// 户号 (a fresh user's and an auditor's senior lost the whole month's money
// over it). A 银行账号 so typed still holds the row.
func TestMeterAccountAsNumber(t *testing.T) {
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "东街.xlsx", [][]any{
		row(1, "户号数字", "140502194204206481", map[string]any{"户号": 7998318160}),
		row(2, "户号科学", "140502194611306543", map[string]any{"户号": "7.99E+09"}),
		row(3, "账号数字", "140502193611014538", map[string]any{"银行账号": 6.21762773068986e+18}),
		row(4, "户号同上", "140502192611021100", map[string]any{"户号": "同上"}), // the household above's: to be written out
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "rows", strings.Split(rowCodes(wb), "\n"), []string{
		"4 false account_numeric",
		"5 false account_numeric",
		"6 true account_numeric",
		"7 true value_unknown",
	})
	for _, e := range wb.Entries[:2] {
		f := e.Findings[0]
		if e.Person.ElectricityAccount != "" || f.Where.Column != "M" || !strings.Contains(f.Message, "按未填户号处理") || strings.Count(f.Message, "按未填户号处理") != 1 {
			t.Errorf("%s: 户号 %q, %+v", e.Person.Name, e.Person.ElectricityAccount, f)
		}
	}
}

// A 户号 typed as a number whose digits another row writes as text is that
// household's 户号: the number lost no zero, and taken as not given the
// household would get the electricity allowance twice (a tester's). One
// that no row writes stays not given.
func TestMeterNumberWrittenElsewhere(t *testing.T) {
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "东街.xlsx", [][]any{
		row(1, "文本", "140502194204206481", map[string]any{"户号": "7641112928"}),
		row(2, "数字", "140502194611306543", map[string]any{"户号": 7641112928}),
		row(3, "孤数", "140502193611014538", map[string]any{"户号": 7641112929}),
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := Consolidate([]*Workbook{wb}, nov)
	var got []string
	for _, p := range res.People {
		got = append(got, p.Name+" "+p.ElectricityAccount)
	}
	sameLines(t, "户号", got, []string{"文本 7641112928", "数字 7641112928", "孤数 "})
	for _, f := range res.Findings {
		if f.Code == "account_numeric" && f.Name == "数字" && !strings.Contains(f.Message, "按该户号处理") {
			t.Errorf("the notice does not say the 户号 was used: %s", f.Message)
		}
	}
}

// A 户号 written 同上 is the 户号 of the row just above, which is paid
// with a notice: the household is named, and it gets one allowance. With
// no 户号 above, or a blank row between, the hold stands; another
// field's unknown value still holds the row.
func TestMeterSameAsAbove(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", map[string]any{"户号": "5340000001"}), // 4
		row(2, "顾清金", "140502194611306543", map[string]any{"户号": "同上"}),         // 5
		row(3, "王秀英", "140502193808126824", map[string]any{"户号": "〃"}),          // 6: a chain
		{}, // 7
		row(4, "李四", "140502194702024808", map[string]any{"户号": "同上"}),               // 8: a blank row above
		row(5, "张三", "140502192611021100", map[string]any{"户号": "同上", "低保类别": "待定"}), // 9
		row(6, "赵五", "140502194003035874", map[string]any{"户号": "5340000009"}),       // 10: hidden
		row(7, "钱六", "140502193709094214", map[string]any{"户号": "同上"}),               // 11
	})
	f, _ := excelize.OpenFile(p)
	f.SetRowVisible("Sheet1", 10, false)
	f.Save()
	f.Close()
	wb, err := ReadFile(p, "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%d %s held=%v %s", e.Person.Source.Row, e.Person.ElectricityAccount, e.Held,
			strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + "@" + f.Where.Column }), ",")))
	}
	sameLines(t, "entries", got, []string{
		"4 5340000001 held=false ",
		"5 5340000001 held=false meter_same_as_above@M",
		"6 5340000001 held=false meter_same_as_above@M",
		"8  held=true value_unknown@M",
		"9  held=true value_unknown@G,value_unknown@M",
		"10 5340000009 held=true row_hidden@",
		"11  held=true value_unknown@M",
	})
	if m := wb.Entries[1].Findings[0].Message; !strings.Contains(m, "按上一行（第4行 贺国荣）的户号5340000001读取") {
		t.Errorf("message %s", m)
	}
	// A hold that stands says why 同上 names no household.
	for i, want := range map[int]string{
		3: "户号写作「同上」，但紧挨的上一行不是人员行",
		4: "户号写作「同上」，但上一行（第8行 李四）没有可读的户号",
		6: "户号写作「同上」，但紧挨的上一行（第10行）是隐藏行",
	} {
		e := wb.Entries[i]
		if j := slices.IndexFunc(e.Findings, func(f domain.Finding) bool { return f.Where.Column == "M" }); j < 0 || !strings.Contains(e.Findings[j].Message, want) {
			t.Errorf("row %d: %+v\nwant the 户号's message to say %s", e.Person.Source.Row, e.Findings, want)
		}
	}
}

// What a tester's ID and 出生日期 cells were told was wrong: an ID ending
// in the multiplication sign × was told its length was wrong though it has
// 18 characters (read as X now, with a notice, when the check character
// agrees; held naming the × when not); a text cell's ID with a full stop
// after it was told it had been stored as a number; and an age typed in
// 出生日期 was told it differed from the ID as the date 1900-04-05.
func TestIDAndBirthMessages(t *testing.T) {
	rows := [][]any{
		row(1, "甲", "14052519500624542×", nil),
		row(2, "乙", "14052419410904288×", nil),
		row(3, "丙", "140581194412094635.", nil),
		row(4, "丁", "140502194204206481", map[string]any{"出生日期": 96}),
		row(5, "戊", "140502194611306543", map[string]any{"出生日期": "84"}),
	}
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "东街.xlsx", rows), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"4 false id_times_sign 最后一位是乘号「×」，不是字母X：已按X读取",
		"5 true id_checksum 身份证号中有乘号「×」，不是字母X；按字母X读取后，身份证号校验位",
		"6 true id_characters 身份证号「140581194412094635.」中多了字符「.」，不是号码的一部分；去掉后是有效的身份证号140581194412094635",
		"7 true birth_date_invalid 出生日期「96」是一个数字，不是日期（也许是年龄？）",
		"8 true birth_date_invalid 出生日期「84」是一个数字，不是日期（也许是年龄？）",
	}
	var got []string
	for i, e := range wb.Entries {
		line := fmt.Sprintf("%d %v", e.Person.Source.Row, e.Held)
		for _, f := range e.Findings {
			line += " " + f.Code
			if i < len(want) && strings.HasPrefix(want[i], line+" ") && strings.Contains(f.Message, strings.TrimPrefix(want[i], line+" ")) {
				line = want[i]
			} else {
				line += " " + f.Message
			}
		}
		got = append(got, line)
	}
	sameLines(t, "rows", got, want)
	if e := wb.Entries[0]; e.Person.ID != "14052519500624542X" {
		t.Errorf("× read as %q, want X", e.Person.ID)
	}
}

// A chart sheet (a sheet that is one chart, with no cells: 插入图表, 移动到
// 新工作表) beside the roster is skipped with a notice, as a 填表说明 is,
// and the sheets after it are read too. excelize refuses a chart sheet as
// no worksheet, and the whole street was refused as damaged, with advice
// (save it again) that could not help.
func TestChartSheetSkipped(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "chart.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", nil),
		row(2, "卢凤", "140502194702024808", nil),
	})
	wb := editAndRead(t, p, func(f *excelize.File) error {
		if err := f.AddChartSheet("人数图表", &excelize.Chart{Type: excelize.Col,
			Series: []excelize.ChartSeries{{Name: "Sheet1!$A$3", Categories: "Sheet1!$D$4:$D$5", Values: "Sheet1!$A$4:$A$5"}}}); err != nil {
			return err
		}
		if _, err := f.NewSheet("补报"); err != nil {
			return err
		}
		if err := f.SetSheetRow("补报", "A1", &[]any{"姓名", "公民身份号码"}); err != nil {
			return err
		}
		return f.SetSheetRow("补报", "A2", &[]any{"顾清金", "140502194611306543"})
	})
	if got, want := rowCodes(wb), "4 false \n5 false \n2 false "; got != want {
		t.Errorf("entries\n%s\nwant\n%s", got, want)
	}
	notices := findingsOf(Entry{Findings: wb.Notices}, func(f domain.Finding) string { return f.Where.Sheet + " " + f.Code + " " + f.Message })
	sameLines(t, "notices", notices, []string{"人数图表 sheet_skipped 工作表「人数图表」是图表工作表（整页是一张图表，没有单元格），未作为花名册读取"})
}

// A 出生年月 column (an alias of 出生日期 in the shipped rules) may give
// the year and month alone: they check the ID's birth date as far as they
// go, and so does a date cell on the 1st of a month (what Excel stores for
// 1942年4月 typed). A number such as 1942.1 may be January or October (a
// spreadsheet keeps 1942.10 so). A year and month that differ are quoted
// as written.
func TestBirthYearAndMonth(t *testing.T) {
	hdr := rulesHeaders(t)
	april, october, january, november := withCheck("14050219420420648"), withCheck("14050219421003648"), withCheck("14050219420111648"), withCheck("14050219421111648")
	rows := [][]any{
		{"甲", april, "1942年4月"},
		{"乙", april, "1942.04"},
		{"丙", april, 1942.04},
		{"丁", april, "194204"},
		{"戊", april, "一九四二年四月份"},
		{"己", october, 1942.1},
		{"庚", january, "1942.1"},
		{"辛", april, "1942-4"},
		{"壬", april, "1942.5"},
		{"癸", november, 1942.1},
		{"子", april, "1942.4.21"},
		{"丑", april, "1942"},
		{"寅", october, "1942-1"},
		{"卯", april, time.Date(1942, 4, 1, 0, 0, 0, 0, time.UTC)}, // a date cell: 1942年4月 typed, stored as its 1st
		{"辰", april, time.Date(1942, 5, 1, 0, 0, 0, 0, time.UTC)},
		{"巳", april, time.Date(1942, 4, 2, 0, 0, 0, 0, time.UTC)},
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "出生年月"})
	for i, r := range rows {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &r)
	}
	p := filepath.Join(t.TempDir(), "东街.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	wb, err := ReadFile(p, "东街.xlsx", nov, hdr)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		s := e.Person.Name + ":paid"
		if e.Held {
			s = e.Person.Name + ":" + e.Findings[0].Code + ":" + e.Findings[0].Message
		}
		got = append(got, s)
	}
	sameLines(t, "rows", got, []string{
		"甲:paid", "乙:paid", "丙:paid", "丁:paid", "戊:paid", "己:paid", "庚:paid", "辛:paid",
		"壬:birth_date_mismatch:出生日期「1942.5」与身份证号中的 1942-04-20 不一致，请核对身份证号或出生日期",
		"癸:birth_date_mismatch:出生日期「1942.1」与身份证号中的 1942-11-11 不一致，请核对身份证号或出生日期",
		"子:birth_date_mismatch:出生日期 1942-04-21 与身份证号中的 1942-04-20 不一致，请核对身份证号或出生日期",
		"丑:birth_date_invalid:出生日期「1942」只有年份，请写成年月日，如 1946-03-05，或至少写到月，如 1946年3月",
		"寅:birth_date_mismatch:出生日期「1942-1」与身份证号中的 1942-10-03 不一致，请核对身份证号或出生日期",
		"卯:paid",
		"辰:birth_date_mismatch:出生日期「1942年5月」与身份证号中的 1942-04-20 不一致，请核对身份证号或出生日期",
		"巳:birth_date_mismatch:出生日期 1942-04-02 与身份证号中的 1942-04-20 不一致，请核对身份证号或出生日期",
	})
}

// Two rows of one person whose 低保类别 name different kinds of dibao
// (城市低保, 农村低保, 低保) pay alike: the first row is paid, the other
// gets duplicate_identical saying the kinds differ; a dibao row and one
// that is not dibao (低保边缘, 否) still disagree on the rate and are held.
func TestDuplicatesOfTwoKindsOfDibao(t *testing.T) {
	dir := t.TempDir()
	a := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "戊一", "140502194406061102", map[string]any{"低保类别": "城市低保"}),
		row(2, "顾清金", "140502194611306543", map[string]any{"低保类别": "城市低保"}),
		row(3, "贺国荣", "140502194204206481", map[string]any{"低保类别": "低保"}),
	})
	b := writeRoster(t, dir, "b.xlsx", [][]any{
		row(1, "戊一", "140502194406061102", map[string]any{"低保类别": "农村低保", "乡镇（街道）": "西街街道"}),
		row(2, "顾清金", "140502194611306543", map[string]any{"低保类别": "低保边缘"}),
		row(3, "贺国荣", "140502194204206481", map[string]any{"低保类别": "农村低保"}),
	})
	var wbs []*Workbook
	for _, p := range []string{a, b} {
		wb, err := ReadFile(p, filepath.Base(p), nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		wbs = append(wbs, wb)
	}
	res := Consolidate(wbs, nov)
	var paid []string
	for _, p := range res.People {
		paid = append(paid, fmt.Sprintf("%s:%s:%d:%s", p.Name, p.Source.File, p.Source.Row, p.Dibao))
	}
	sameLines(t, "paid", paid, []string{"戊一:a.xlsx:4:城市低保", "贺国荣:a.xlsx:6:低保"})
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%s:%s", f.Where.File, f.Where.Row, f.Severity, f.Code))
		if f.Code == "duplicate_identical" && (!strings.Contains(f.Message, "低保类别都是低保") || !strings.Contains(f.Message, "两行的低保类别不同（那一行为「") || !strings.Contains(f.Message, "本行为「农村低保」")) {
			t.Errorf("the kinds of dibao are not told: %s", f.Message)
		}
	}
	sort.Strings(got)
	sameLines(t, "findings", got, []string{
		"a.xlsx:5:held:duplicate_conflict",
		"b.xlsx:4:notice:duplicate_identical",
		"b.xlsx:5:held:duplicate_conflict",
		"b.xlsx:6:notice:duplicate_identical",
	})
}

// A letter typed for a digit (O for 0, l for 1) in a 银行账号 or 户号 is
// named, with the digit it looks like: staff stared at the number.
func TestAccountLetterForDigitIsNamed(t *testing.T) {
	for raw, want := range map[string]string{
		"62170130000O0000562": "银行账号「62170130000O0000562」中的「O」是字母，不是数字（字母O与数字0相像）",
		"6217013000000000l62": "中的「l」是字母，不是数字（字母l与数字1相像）",
		"621701300000000056#": "中的「#」不是数字",
	} {
		_, code, msg := parseAccount(FieldBankAccount, raw)
		if code != "value_unknown" || !strings.Contains(msg, want) {
			t.Errorf("%s: %s %q, want value_unknown saying %q", raw, code, msg, want)
		}
	}
	// A 户号 of one digit nearly throughout is told as a 户号, not an 账号.
	if _, code, msg := parseAccount(FieldElectricityAccount, "1100000011"); code != "account_implausible" || !strings.Contains(msg, "不是有效的户号；没有户号请留空") || strings.Contains(msg, "账号") {
		t.Errorf("户号 1100000011: %s %q", code, msg)
	}
}
