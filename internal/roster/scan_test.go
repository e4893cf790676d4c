package roster

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
	"disburse/internal/worksheet"
)

// fixtureWorkbooks are the committed workbooks: the acceptance month, the
// fixture inboxes and the rosters saved by openpyxl and LibreOffice.
func fixtureWorkbooks(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, g := range []string{
		"../../fixtures/acceptance/2026-11/inbox/*.xlsx",
		"../../fixtures/inbox/*/*.xlsx",
		"../../fixtures/producers/*.xlsx",
	} {
		m, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 10 {
		t.Fatalf("only %d fixture workbooks found", len(paths))
	}
	return paths
}

// quirkyRoster writes, with excelize's ordinary writer, a roster with what
// the scan must see: 街道 and 社区 merged down, a 户号 and a 银行账号 typed as
// numbers, an ID of 19 digits typed as a number, formulas with and without
// a cached value, a 户号 merged over a household, and a cell beyond column
// BL. It returns the path.
func quirkyRoster(t *testing.T, dir string) string {
	t.Helper()
	p := writeRoster(t, dir, "quirky.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", map[string]any{"户号": int64(350001234)}), // 4
		row(2, "顾清金", "140502194611306543", map[string]any{"银行账号": 6217000000000000001.0}),
		row(3, "数字号", int64(1405021942042064810), nil), // 6: 19 digits, as a number
		row(4, "公式", "140525195910280434", nil),        // 7: 低保类别 formula, no value
		row(5, "户主", withCheck("14050219261102110"), map[string]any{"户号": "0350001235"}),
		row(6, "配偶", "140502192612115846", map[string]any{"户号": ""}), // 9: 户号 merged from 8
	})
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]string{{"B4", "B9"}, {"C4", "C9"}, {"M8", "M9"}} {
		if err := f.MergeCell("Sheet1", c[0], c[1]); err != nil {
			t.Fatal(err)
		}
	}
	f.SetCellFormula("Sheet1", "G7", `IF(1=1,"城市低保","")`)
	f.SetCellFormula("Sheet1", "H4", `IF(1=2,"城市特困","")`) // a result that really is empty
	f.SetCellValue("Sheet1", "BM4", 7)                    // column 65, out of the masks
	f.SetCellFormula("Sheet1", "BN5", "1+1")
	f.SetCellValue("Sheet1", "Q5", true)   // a logical value in a column without a header
	f.SetCellValue("Sheet1", "BO6", false) // and out of the masks
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

// prefixedRoster writes a workbook whose worksheet uses a namespace prefix
// (<x:c>), as some producers write, with a shared formula whose second
// cell has no cached value, and 街道 merged down. It returns the path.
func prefixedRoster(t *testing.T, dir string) string {
	t.Helper()
	src := filepath.Join(dir, "plain.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	f.Close()
	is := func(ref, s string) string {
		return `<x:c r="` + ref + `" t="inlineStr"><x:is><x:t>` + s + `</x:t></x:is></x:c>`
	}
	sheet := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:dimension ref="A1:F4"/><x:sheetData>
<x:row r="1">` + is("A1", "序号") + is("B1", "街道") + is("C1", "姓名") + is("D1", "公民身份号码") + is("E1", "低保类别") + is("F1", "户号") + `</x:row>
<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c>` + is("B2", "东街街道") + is("C2", "贺国荣") + is("D2", "140502194204206481") +
		`<x:c r="E2" t="str"><x:f t="shared" ref="E2:E4" si="0">IF(A2&gt;0,"城市低保","")</x:f><x:v>城市低保</x:v></x:c>` + is("F2", "0350001234") + `</x:row>
<x:row r="3"><x:c r="A3" t="n"><x:v>2</x:v></x:c><x:c r="B3"/>` + is("C3", "顾清金") + is("D3", "140502194611306543") +
		`<x:c r="E3" t="str"><x:f t="shared" si="0"/></x:c><x:c r="F3"><x:v>350001235</x:v></x:c></x:row>
<x:row r="4"><x:c r="A4"><x:v>3</x:v></x:c><x:c r="B4"/>` + is("C4", "马荣金") + is("D4", "140502194502024643") +
		`<x:c r="E4" t="str"><x:f t="shared" si="0"/><x:v>城市低保</x:v></x:c></x:row>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B2:B4"/></x:mergeCells></x:worksheet>`
	p := filepath.Join(dir, "prefixed.xlsx")
	rewriteZip(t, src, p, map[string]string{"xl/worksheets/sheet1.xml": sheet})
	return p
}

// rewriteZip copies the zip src to dst with the named parts replaced.
func rewriteZip(t *testing.T, src, dst string, parts map[string]string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	for _, zf := range zr.File {
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if s, ok := parts[zf.Name]; ok {
			io.WriteString(w, s)
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// The scan finds the same merged ranges, number cells and formula cells as
// excelize's GetMergeCells, GetCellType and GetCellFormula, on every
// committed workbook and on the quirky ones.
func TestScanAgreesWithExcelize(t *testing.T) {
	dir := t.TempDir()
	paths := append(fixtureWorkbooks(t), quirkyRoster(t, dir), prefixedRoster(t, dir), struckTextRoster(t, dir), struckInlineRoster(t, dir))
	for _, p := range paths {
		compareScan(t, p)
	}
}

func compareScan(t *testing.T, path string) {
	t.Helper()
	name := filepath.Base(path)
	parts := openParts(path)
	if parts == nil {
		t.Errorf("%s: parts not resolved", name)
		return
	}
	defer parts.Close()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		facts, err := parts.scan(sheet)
		if facts == nil || err != nil {
			t.Errorf("%s %s: not scanned (%v)", name, sheet, err)
			continue
		}
		mcs, err := f.GetMergeCells(sheet, true)
		if err != nil {
			t.Fatal(err)
		}
		var merges []mergeRange
		for _, mc := range mcs {
			c0, r0, _ := excelize.CellNameToCoordinates(mc.GetStartAxis())
			c1, r1, _ := excelize.CellNameToCoordinates(mc.GetEndAxis())
			merges = append(merges, mergeRange{c0, r0, c1, r1})
		}
		if fmt.Sprint(merges) != fmt.Sprint(facts.merges) {
			t.Errorf("%s %s: merges %v, excelize %v", name, sheet, facts.merges, merges)
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		value := func(col, row int) string {
			if row <= len(rows) && col <= len(rows[row-1]) {
				return rows[row-1][col-1]
			}
			return ""
		}
		valued := 0 // rows with a value: the entries a sheet may give
		for _, r := range rows {
			if slices.ContainsFunc(r, func(c string) bool { return c != "" }) {
				valued++
			}
		}
		if facts.valueRows != valued {
			t.Errorf("%s %s: %d rows with a value, excelize %d", name, sheet, facts.valueRows, valued)
		}
		numbers, formulas := 0, 0
		for row := 1; row <= len(rows); row++ {
			for col := 1; col <= width; col++ {
				cell, _ := excelize.CoordinatesToCellName(col, row)
				formula, err := f.GetCellFormula(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				if got := facts.mayBeFormula(col, row); got != (formula != "") {
					t.Errorf("%s %s!%s: formula %v, excelize %q", name, sheet, cell, got, formula)
				}
				if formula != "" {
					formulas++
				}
				// The reader asks only about cells with a value, its own
				// or its merged range's (excelize calls a missing cell a
				// number too).
				top := [2]int{col, row}
				for _, m := range merges {
					if m.c0 <= col && col <= m.c1 && m.r0 <= row && row <= m.r1 {
						top = [2]int{m.c0, m.r0}
						break
					}
				}
				if value(col, row) == "" && value(top[0], top[1]) == "" {
					continue
				}
				typ, err := f.GetCellType(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				want := typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset
				if got := facts.isNumber(col, row); got != want {
					t.Errorf("%s %s!%s (%q): number %v, excelize type %v", name, sheet, cell, value(col, row), got, typ)
				}
				if want {
					numbers++
				}
				if got := facts.isBool(col, row); got != (typ == excelize.CellTypeBool) {
					t.Errorf("%s %s!%s (%q): logical %v, excelize type %v", name, sheet, cell, value(col, row), got, typ)
				}
				// A cell a merged range covers has no string of its own in
				// excelize's answer; the scan answers with its range's.
				if top == [2]int{col, row} {
					if got, want := facts.struckTextOf(col, row), (excelizeKinds{f: f, sheet: sheet}).struckTextOf(col, row); got != want {
						t.Errorf("%s %s!%s (%q): struck text %q, excelize %q", name, sheet, cell, value(col, row), got, want)
					}
				}
			}
		}
		t.Logf("%s %s: %d rows, %d merges, %d number cells, %d formulas", name, sheet, len(rows), len(merges), numbers, formulas)
	}
}

// Reading a workbook with the scan gives exactly what asking excelize
// gives, on every committed workbook and on the quirky ones.
func TestScanReadsAsExcelize(t *testing.T) {
	dir := t.TempDir()
	paths := append(fixtureWorkbooks(t), quirkyRoster(t, dir), prefixedRoster(t, dir), struckTextRoster(t, dir), struckInlineRoster(t, dir))
	defer func() { scanWorksheets = true }()
	for _, p := range paths {
		name := filepath.Base(p)
		scanWorksheets = true
		got, gotErr := ReadFile(p, name, nov, nil)
		scanWorksheets = false
		want, wantErr := ReadFile(p, name, nov, nil)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("%s: error %v, with excelize %v", name, gotErr, wantErr)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read differently with the scan:\n%+v\nwith excelize:\n%+v", name, got, want)
		}
	}
}

// What the quirky roster must give, read through the scan: merged 街道 and
// 户号 filled, numbers typed into 户号 and 银行账号 held, a 19-digit ID typed
// as a number told as such, a formula without its value held and one whose
// result really is empty accepted.
func TestScanFindings(t *testing.T) {
	dir := t.TempDir()
	p := quirkyRoster(t, dir)
	parts := openParts(p)
	if parts == nil {
		t.Fatal("the quirky roster's parts are not found")
	}
	if facts, err := parts.scan("Sheet1"); facts == nil || err != nil {
		t.Fatalf("the quirky roster is not scanned: %v", err)
	}
	parts.Close()
	wb, err := ReadFile(p, "quirky.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]string{}
	for _, e := range wb.Entries {
		got[e.Person.Source.Row] = strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + "@" + f.Where.Column }), ",")
		if e.Person.Street != "东街街道" || e.Person.Community != "景德社区" {
			t.Errorf("row %d: street %q, community %q", e.Person.Source.Row, e.Person.Street, e.Person.Community)
		}
	}
	want := map[int]string{
		4: "account_numeric@M", 5: "account_numeric@N", 6: "id_numeric@E", 7: "formula_no_value@G", 8: "", 9: "",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings %v\nwant     %v", got, want)
	}
	for _, e := range wb.Entries {
		if e.Person.Source.Row == 9 && e.Person.ElectricityAccount != "0350001235" {
			t.Errorf("户号 merged over the household not filled: %+v", e.Person)
		}
	}
}

// The prefixed worksheet is scanned and read: 街道 filled down, the shared
// formula without a cached value held, the number-typed 户号 held.
func TestPrefixedWorksheet(t *testing.T) {
	p := prefixedRoster(t, t.TempDir())
	parts := openParts(p)
	facts, _ := parts.scan("Sheet1")
	parts.Close()
	if facts == nil || facts.dimRows != 4 || len(facts.merges) != 1 {
		t.Fatalf("scan: %+v", facts)
	}
	wb, err := ReadFile(p, "prefixed.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		codes := findingsOf(e, func(f domain.Finding) string { return f.Code })
		got = append(got, fmt.Sprintf("%d:%s:%v:%s", e.Person.Source.Row, e.Person.Street, e.Person.Dibao, strings.Join(codes, ",")))
	}
	want := []string{
		fmt.Sprintf("2:东街街道:%v:", domain.DibaoUrban),
		fmt.Sprintf("3:东街街道:%v:account_numeric,formula_no_value", domain.DibaoNone),
		fmt.Sprintf("4:东街街道:%v:", domain.DibaoUrban),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries %q\nwant    %q", got, want)
	}
}

// The scan gives up, and excelize is asked, for worksheets it does not
// answer for; it answers for ordinary ones.
func TestScanGivesUp(t *testing.T) {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	data := func(rows string) string { return `<sheetData>` + rows + `</sheetData>` }
	for _, c := range []struct {
		name, xml string
		ok        bool
	}{
		{"ordinary", `<worksheet ` + ns + `><dimension ref="A1:B3"/>` + data(`<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row><row r="3"><c r="B3"><f>1+1</f></c></row>`) + `<mergeCells><mergeCell ref="A1:A2"/></mergeCells></worksheet>`, true},
		{"strict namespace", `<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main">` + data(``) + `</worksheet>`, true},
		{"single quotes, a comment, an escaped reference", `<?xml version='1.0' encoding='UTF-8'?><worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><!-- x -->` + data(`<row r='1'><c r='&#65;1'><v>1</v></c></row>`) + `</worksheet>`, true},
		{"cells without r", `<worksheet ` + ns + `>` + data(`<row r="1"><c><v>1</v></c><c t="s"><v>0</v></c></row>`) + `</worksheet>`, true},
		{"no namespace", `<worksheet>` + data(``) + `</worksheet>`, false},
		{"other namespace", `<worksheet xmlns="urn:other">` + data(``) + `</worksheet>`, false},
		{"not a worksheet", `<chartsheet ` + ns + `/>`, false},
		{"row without r", `<worksheet ` + ns + `>` + data(`<row><c r="A1"><v>1</v></c></row><row hidden="1"><c><v>2</v></c></row>`) + `</worksheet>`, true},
		{"rows out of order", `<worksheet ` + ns + `>` + data(`<row r="2"/><row r="1"/>`) + `</worksheet>`, false},
		{"cells out of order", `<worksheet ` + ns + `>` + data(`<row r="1"><c r="B1"/><c r="A1"/></row>`) + `</worksheet>`, false},
		{"bad cell reference", `<worksheet ` + ns + `>` + data(`<row r="1"><c r="1A"/></row>`) + `</worksheet>`, false},
		{"overlapping merges", `<worksheet ` + ns + `>` + data(``) + `<mergeCells><mergeCell ref="A1:B3"/><mergeCell ref="B2:C4"/></mergeCells></worksheet>`, false},
		{"crossing merges", `<worksheet ` + ns + `>` + data(``) + `<mergeCells><mergeCell ref="A2:E2"/><mergeCell ref="C1:C3"/></mergeCells></worksheet>`, false},
		{"merge written backwards", `<worksheet ` + ns + `>` + data(``) + `<mergeCells><mergeCell ref="B3:A1"/></mergeCells></worksheet>`, false},
		{"bad merge", `<worksheet ` + ns + `>` + data(``) + `<mergeCells><mergeCell/></mergeCells></worksheet>`, false},
		{"mismatched end tag", `<worksheet ` + ns + `>` + data(`<row r="1"></c>`) + `</worksheet>`, false},
		{"cut short", `<worksheet ` + ns + `>` + data(`<row r="1">`), false},
		{"declared encoding", `<?xml version="1.0" encoding="GBK"?><worksheet ` + ns + `>` + data(``) + `</worksheet>`, false},
	} {
		facts, err := scanSheet(strings.NewReader(c.xml), false, nil)
		if (err == nil) != c.ok || (facts != nil) != c.ok {
			t.Errorf("%s: facts %+v, error %v", c.name, facts, err)
		}
		if c.name == "ordinary" && facts != nil {
			if facts.dimRows != 3 || !facts.isNumber(1, 1) || facts.isNumber(2, 1) || !facts.isNumber(1, 2) ||
				!facts.mayBeFormula(2, 3) || facts.mayBeFormula(1, 1) || !facts.isNumber(2, 3) {
				t.Errorf("ordinary: %+v", facts)
			}
		}
		if strings.HasPrefix(c.name, "single quotes") && facts != nil && !facts.isNumber(1, 1) {
			t.Errorf("%s: %+v", c.name, facts)
		}
		if c.name == "row without r" && facts != nil && (!facts.isNumber(1, 2) || !facts.rowHidden(2) || facts.rowHidden(1)) {
			t.Errorf("row without r: %+v", facts)
		}
		if c.name == "cells without r" && facts != nil && (!facts.isNumber(1, 1) || facts.isNumber(2, 1)) {
			t.Errorf("cells without r: %+v", facts)
		}
	}
}

// A workbook whose worksheet the scan gives up on is still read, through
// excelize, as before.
func TestReadWhenScanGivesUp(t *testing.T) {
	dir := t.TempDir()
	src := writeRoster(t, dir, "a.xlsx", [][]any{row(1, "贺国荣", "140502194204206481", nil), row(2, "卢凤", "140502194702024808", map[string]any{"乡镇（街道）": ""})})
	sheet := sheetXML(t, src)
	// Two merges that overlap: excelize joins them into B4:B5 and fills
	// row 5's 街道 from B4.
	sheet = strings.Replace(sheet, `<mergeCells count="1">`, `<mergeCells count="3"><mergeCell ref="B4:B5"/><mergeCell ref="B5:B5"/>`, 1)
	p := filepath.Join(dir, "b.xlsx")
	rewriteZip(t, src, p, map[string]string{"xl/worksheets/sheet1.xml": sheet})
	parts := openParts(p)
	if facts, err := parts.scan("Sheet1"); parts == nil || facts != nil || err != nil {
		t.Fatalf("the scan should give up on overlapping merges, quietly: %v", err)
	}
	parts.Close()
	wb, err := ReadFile(p, "b.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Entries) != 2 || wb.Entries[1].Person.Street != "东街街道" || wb.Entries[1].Held {
		t.Errorf("entries %+v", wb.Entries)
	}
}

// A worksheet whose rows are numbered out of order or twice is refused:
// excelize's iterator reads it by losing a row, silently, where Excel shows
// every person.
func TestRowsOutOfOrderRefused(t *testing.T) {
	dir := t.TempDir()
	src := writeRoster(t, dir, "a.xlsx", [][]any{row(1, "贺国荣", "140502194204206481", nil), row(2, "卢凤", "140502194702024808", nil), row(3, "顾清金", "140502194611306543", nil)})
	sheet := sheetXML(t, src)
	rowXML := func(n int) string {
		i := strings.Index(sheet, fmt.Sprintf(`<row r="%d"`, n))
		return sheet[i : i+strings.Index(sheet[i:], "</row>")+len("</row>")]
	}
	r4, r5 := rowXML(4), rowXML(5)
	for _, c := range []struct{ name, sheet, want string }{
		{"swapped", strings.Replace(strings.Replace(sheet, r4, "@", 1), r5, r5+r4, 1), "第4行写在第5行之后"},
		{"twice", strings.Replace(sheet, r5, strings.Replace(r5, `r="5"`, `r="4"`, 1), 1), "第4行出现了两次"},
		{"after an unnumbered row", strings.Replace(strings.Replace(sheet, r4, strings.Replace(r4, ` r="4"`, "", 1), 1), r5, strings.Replace(r5, `<row r="5"`, `<row r="4"`, 1), 1), "第4行出现了两次"},
		{"row 0", strings.Replace(sheet, r4, strings.Replace(r4, `r="4"`, `r="0"`, 1), 1), "无效的行号0"},
		// Declared in another encoding, the sheet is left to excelize, and
		// its order is still checked.
		{"GBK, swapped", `<?xml version="1.0" encoding="GBK" standalone="yes"?>` + strings.Replace(strings.Replace(strings.TrimPrefix(sheet, sheet[:strings.Index(sheet, "?>")+2]), r4, "@", 1), r5, r5+r4, 1), "第4行写在第5行之后"},
		{"cells swapped", strings.Replace(sheet, r4, swapCells(t, r4, "D4", "E4"), 1), "D4写在E4之后"},
	} {
		c.sheet = strings.Replace(c.sheet, "@", "", 1)
		p := filepath.Join(dir, c.name+".xlsx")
		rewriteZip(t, src, p, map[string]string{"xl/worksheets/sheet1.xml": c.sheet})
		_, err := ReadFile(p, c.name+".xlsx", nov, nil)
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_rows_out_of_order" || !strings.Contains(rej.Message, c.want) {
			t.Errorf("%s: %v, want file_rows_out_of_order saying %q", c.name, err, c.want)
		}
	}
}

// Cells naming a shared string the workbook does not have refuse the
// workbook, naming every such cell by sheet: excelize would read them as
// empty or as another text, a 死亡日期 or 低保类别 as none, and a repair in
// Excel may leave them blank. Parts declared in another encoding, left to
// excelize, are checked too.
func TestDamagedStringIndexRefused(t *testing.T) {
	dir := t.TempDir()
	src := writeRoster(t, dir, "a.xlsx", [][]any{row(1, "贺国荣", "140502194204206481", nil), row(2, "卢凤", "140502194702024808", map[string]any{"低保类别": "城市低保"})})
	sheet := sheetXML(t, src)
	shared := regexp.MustCompile(`<c r="([A-Z]+[45])"[^>]* t="s"><v>\d+</v>`).FindAllStringSubmatch(sheet, -1)
	if len(shared) < 2 {
		t.Fatalf("no shared-string cells on rows 4 and 5: %s", sheet)
	}
	first, last := shared[0], shared[len(shared)-1]
	sheet = strings.Replace(sheet, first[0], strings.Replace(first[0], "<v>", "<v>9999", 1), 1)
	sheet = strings.Replace(sheet, last[0], regexp.MustCompile(`<v>\d+</v>`).ReplaceAllString(last[0], "<v></v>"), 1)
	sst := sharedStringsXML(t, src)
	gbk := `<?xml version="1.0" encoding="GBK" standalone="yes"?>`
	inGBK := func(part string) string { return gbk + part[strings.Index(part, "?>")+2:] }
	for _, c := range []struct {
		name   string
		parts  map[string]string
		header string // what names a cell's column: excelize reads a table in GBK that is not as no header
	}{
		{"utf-8", map[string]string{"xl/worksheets/sheet1.xml": sheet}, "[^，）]+，"},
		{"sheet in GBK", map[string]string{"xl/worksheets/sheet1.xml": inGBK(sheet)}, "[^，）]+，"},
		{"table in GBK", map[string]string{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": inGBK(sst)}, ""},
	} {
		p := filepath.Join(dir, c.name+".xlsx")
		rewriteZip(t, src, p, c.parts)
		_, err := ReadFile(p, c.name+".xlsx", nov, nil)
		var rej *RejectError
		// Each cell with its column's header (both are on data rows) and
		// its index: 9999 followed by the cell's own digits, or none.
		want := regexp.MustCompile("工作表「Sheet1」的单元格" + first[1] + "（" + c.header + "编号“9999\\d*”）、" + last[1] + "（" + c.header + "编号为空）")
		if !errors.As(err, &rej) || rej.Code != "file_string_damaged" || !want.MatchString(rej.Message) {
			t.Errorf("%s: %v, want file_string_damaged at %s and %s", c.name, err, first[1], last[1])
		}
	}
}

// The refusal names the first damagedCellsListed cells of a sheet and
// counts the rest, sheet by sheet.
func TestDamagedFileMessage(t *testing.T) {
	many := &worksheet.StringIndexError{Items: 5}
	for n := 1; n <= 30; n++ {
		many.Cells = append(many.Cells, fmt.Sprintf("B%d", n))
		many.Indexes = append(many.Indexes, "-1")
	}
	r := reader{wb: &Workbook{Name: "东街.xlsx"}, damaged: []sheetDamage{
		{"花名册", many, make([]string, 30)},
		{"说明", &worksheet.StringIndexError{Cells: []string{"A1"}, Indexes: []string{""}, Items: 5}, []string{""}},
	}}
	rej := r.damagedFile()
	if rej == nil || rej.Code != "file_string_damaged" ||
		!strings.Contains(rej.Message, "B12（编号“-1”）等共30格；工作表「说明」的单元格A1（编号为空）引用了") || strings.Contains(rej.Message, "B13") {
		t.Errorf("%v", rej)
	}
	if (&reader{wb: &Workbook{}}).damagedFile() != nil {
		t.Error("a workbook without damage refused")
	}
}

// sharedStringsXML returns the shared strings part of the workbook at path.
func sharedStringsXML(t *testing.T, path string) string {
	t.Helper()
	return zipPart(t, path, "xl/sharedStrings.xml")
}

// sheetXML returns the XML of the first worksheet of the workbook at path.
func sheetXML(t *testing.T, path string) string {
	t.Helper()
	return zipPart(t, path, "xl/worksheets/sheet1.xml")
}

// zipPart returns the part name of the workbook at path.
func zipPart(t *testing.T, path, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return ""
}

// swapCells returns the XML of a row with the cells named a and b (a
// first) written the other way round.
func swapCells(t *testing.T, rowXML, a, b string) string {
	t.Helper()
	cell := func(ref string) string {
		i := strings.Index(rowXML, `<c r="`+ref+`"`)
		if i < 0 {
			t.Fatalf("no cell %s in %s", ref, rowXML)
		}
		j := strings.Index(rowXML[i:], "</c>")
		if k := strings.Index(rowXML[i:], "/>"); j < 0 || (k >= 0 && k < strings.Index(rowXML[i:], ">")+1 && k < j) {
			j = k + len("/>")
		} else {
			j += len("</c>")
		}
		return rowXML[i : i+j]
	}
	ca, cb := cell(a), cell(b)
	if !strings.Contains(rowXML, ca+cb) {
		t.Fatalf("cells %s and %s are not side by side in %s", a, b, rowXML)
	}
	return strings.Replace(rowXML, ca+cb, cb+ca, 1)
}

// Progress is told every 1000 rows and at the end of each sheet, with the
// total from the sheets' dimensions, or from the pre-scan when a sheet has
// none.
func TestReadFileProgress(t *testing.T) {
	dir := t.TempDir()
	rows := make([][]any, 2500)
	for i := range rows {
		rows[i] = row(i+1, fmt.Sprintf("姓名%d", i), withCheck(fmt.Sprintf("14050219%02d%02d%02d%03d", 30+i%30, 1+i%12, 1+i%28, i%1000)), nil)
	}
	// excelize leaves the dimension A1 (unknown); Excel, WPS, LibreOffice
	// and openpyxl write the real one.
	p := withDimension(t, writeRoster(t, dir, "a.xlsx", rows), "A1:P2503")
	type call struct{ done, total int }
	var calls []call
	record := func(done, total int) { calls = append(calls, call{done, total}) }
	if _, err := ReadFileProgress(p, "a.xlsx", nov, nil, record); err != nil {
		t.Fatal(err)
	}
	every := func(last, total int) []call {
		var want []call
		for n := progressEvery; n < last; n += progressEvery {
			want = append(want, call{n, total})
		}
		return append(want, call{last, total})
	}
	if want := every(2503, 2503); !reflect.DeepEqual(calls, want) {
		t.Errorf("calls %v, want %v", calls, want)
	}

	// A streaming writer leaves no dimension: the pre-scan of the sheet
	// finds its last row before the rows are read.
	calls = nil
	q := filepath.Join(dir, "s.xlsx")
	writeBenchRoster(t, q, 1200)
	if _, err := ReadFileProgress(q, "s.xlsx", nov, nil, record); err != nil {
		t.Fatal(err)
	}
	if want := every(1204, 1204); !reflect.DeepEqual(calls, want) {
		t.Errorf("stream-written: calls %v, want %v", calls, want)
	}

	calls = nil
	c := filepath.Join(dir, "a.csv")
	os.WriteFile(c, []byte("姓名,公民身份号码\n贺国荣,140502194204206481\n"), 0o644)
	if _, err := ReadFileProgress(c, "a.csv", nov, nil, record); err != nil {
		t.Fatal(err)
	}
	if want := []call{{2, 2}}; !reflect.DeepEqual(calls, want) {
		t.Errorf("csv: calls %v, want %v", calls, want)
	}
}

// withDimension returns a copy of the workbook at p whose first sheet has
// the dimension ref.
func withDimension(t *testing.T, p, ref string) string {
	t.Helper()
	b := sheetXML(t, p)
	sheet := strings.Replace(b, `<dimension ref="A1">`, `<dimension ref="`+ref+`">`, 1)
	if sheet == b {
		t.Fatal("no dimension to replace")
	}
	q := strings.TrimSuffix(p, ".xlsx") + "-dim.xlsx"
	rewriteZip(t, p, q, map[string]string{"xl/worksheets/sheet1.xml": sheet})
	return q
}

// A short first sheet (填表说明) written without a dimension never reports
// itself as the whole file: the total stays unknown (0) until the roster
// sheet's pre-scan has counted its rows.
func TestReadFileProgressInstructionsFirst(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.xlsx")
	writeBenchRoster(t, p, 600)
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	roster := f.GetSheetList()[0]
	if _, err := f.NewSheet("填表说明"); err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{"填表说明", "一、每人一行", "二、身份证号填18位"} {
		f.SetCellStr("填表说明", fmt.Sprintf("A%d", i+1), text)
	}
	if err := f.MoveSheet("填表说明", roster); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	type call struct{ done, total int }
	var calls []call
	if _, err := ReadFileProgress(p, "s.xlsx", nov, nil, func(done, total int) { calls = append(calls, call{done, total}) }); err != nil {
		t.Fatal(err)
	}
	if len(calls) < 2 || calls[0] != (call{3, 0}) {
		t.Fatalf("calls %v: want the instructions sheet counted with the total unknown", calls)
	}
	last := calls[len(calls)-1]
	if last.done != last.total || last.total < 600 {
		t.Errorf("last call %v, want all rows of both sheets", last)
	}
}

// The scan and the order check read whatever bytes a zip part holds: they
// may give up, never panic, and a sheet the scan answers for has its rows in
// order.
func FuzzScanSheet(f *testing.F) {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	f.Add(`<worksheet ` + ns + `><dimension ref="A1:B3"/><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row><row r="3"><c r="B3"><f>1+1</f></c></row></sheetData><mergeCells><mergeCell ref="A1:A2"/></mergeCells></worksheet>`)
	f.Add(`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r='2'><x:c r="A2" t='n'/></x:row></x:sheetData></x:worksheet>`)
	f.Add(`<?xml version="1.0"?><worksheet ` + ns + `><sheetData><row r="1"><c r="A1`)
	f.Fuzz(func(t *testing.T, s string) {
		if err := checkOrder(strings.NewReader(s)); err != nil {
			var order *orderError
			if !errors.As(err, &order) {
				t.Fatalf("checkOrder: %v, want an *orderError or nil", err)
			}
		}
		for _, head := range []bool{false, true} {
			facts, err := scanSheet(strings.NewReader(s), head, nil)
			if (err == nil) != (facts != nil) {
				t.Fatalf("facts %v with error %v", facts, err)
			}
			if facts != nil && (facts.lastRow < 0 || facts.lastRow > excelize.TotalRows) {
				t.Fatalf("last row %d", facts.lastRow)
			}
		}
	})
}

// A logical value (TRUE, FALSE: a t="b" cell, read as 1 or 0) or an Excel
// error value (#N/A, #REF!: a t="e" cell, or text in a CSV file) in a
// column the row is read from holds the row with its own finding at the
// cell, instead of being read as a value: a tester's TRUE in 死亡日期 was
// told as a death on 1900-01-01 before the birth, and #N/A in the ID
// column as an ID of 4 characters. An empty 姓名 or ID so explained is not
// also missing, and a number 1 (残疾等级) is no logical value. The same
// with the scan or excelize answering.
func TestLogicalAndErrorCellsHeld(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "plain.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	f.Close()
	is := func(ref, s string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>` }
	num := func(ref, v string) string { return `<c r="` + ref + `"><v>` + v + `</v></c>` }
	logical := func(ref, v string) string { return `<c r="` + ref + `" t="b"><v>` + v + `</v></c>` }
	errorValue := func(ref, v string) string {
		return `<c r="` + ref + `" t="e"><f>VLOOKUP(A1,Sheet2!A:B,2,0)</f><v>` + v + `</v></c>`
	}
	sheet := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:H7"/><sheetData>
<row r="1">` + is("A1", "序号") + is("B1", "姓名") + is("C1", "公民身份号码") + is("D1", "出生日期") + is("E1", "低保类别") + is("F1", "残疾等级") + is("G1", "死亡日期") + is("H1", "备注") + `</row>
<row r="2">` + num("A2", "1") + is("B2", "贺国荣") + is("C2", "140502194204206481") + logical("G2", "1") + `</row>
<row r="3">` + num("A3", "2") + is("B3", "顾清金") + errorValue("C3", "#N/A") + `</row>
<row r="4">` + num("A4", "3") + is("B4", "马荣金") + is("C4", "140502194502024643") + logical("E4", "0") + num("F4", "1") + errorValue("H4", "#REF!") + `</row>
<row r="5">` + num("A5", "4") + errorValue("B5", "#NAME?") + is("C5", "140502192612115846") + `</row>
<row r="6">` + num("A6", "5") + is("B6", "李桂兰") + is("C6", "140502194702024808") + num("F6", "1") + `</row>
<row r="7">` + num("A7", "6") + errorValue("B7", "#REF!") + errorValue("C7", "#REF!") + `</row>
</sheetData></worksheet>`
	p := filepath.Join(dir, "odd.xlsx")
	rewriteZip(t, src, p, map[string]string{"xl/worksheets/sheet1.xml": sheet})
	show := func(wb *Workbook) []string {
		var got []string
		for _, e := range wb.Entries {
			got = append(got, fmt.Sprintf("%d %v %d %s", e.Person.Source.Row, e.Held, e.Person.Disability.Grade,
				strings.Join(findingsOf(e, func(f domain.Finding) string {
					return f.Code + "@" + f.Where.Column + ":" + f.Where.Header + ":" + f.AsWritten
				}), ",")))
		}
		return got
	}
	want := []string{
		"2 true 0 cell_bool_or_error@G:死亡日期:140502194204206481",
		"3 true 0 cell_bool_or_error@C:公民身份号码:#N/A",
		"4 true 1 cell_bool_or_error@E:低保类别:140502194502024643,cell_bool_or_error@H:备注:140502194502024643",
		"5 true 0 cell_bool_or_error@B:姓名:140502192612115846",
		"6 false 1 ",
		"7 true 0 cell_bool_or_error@B:姓名:#REF!,cell_bool_or_error@C:公民身份号码:#REF!",
	}
	defer func() { scanWorksheets = true }()
	for _, scan := range []bool{true, false} {
		scanWorksheets = scan
		wb, err := ReadFile(p, "odd.xlsx", nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		sameLines(t, fmt.Sprintf("scan %v", scan), show(wb), want)
		if got := wb.Entries[0].Findings[0].Message; got != "「死亡日期」单元格是逻辑值 TRUE（真假值：由公式或勾选框得出，或作为文字输入），不是可以读取的内容，本行暂缓发放；如该格是公式，请改正公式，否则请直接填写实际的值后重新报送" {
			t.Errorf("message %s", got)
		}
		if got := wb.Entries[1].Findings[0].Message; !strings.Contains(got, "「公民身份号码」单元格是 Excel 错误值 #N/A（公式出错的结果，或作为文字输入）") {
			t.Errorf("message %s", got)
		}
	}
	csv := filepath.Join(dir, "odd.csv")
	os.WriteFile(csv, []byte("姓名,公民身份号码,死亡日期,备注\n贺国荣,140502194204206481,TRUE,\n顾清金,#N/A,,\n马荣金,140502194502024643,,#DIV/0!\n"), 0o644)
	wb, err := ReadFile(csv, "odd.csv", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "csv", show(wb), []string{
		"2 true 0 cell_bool_or_error@C:死亡日期:140502194204206481",
		"3 true 0 cell_bool_or_error@B:公民身份号码:#N/A",
		"4 true 0 cell_bool_or_error@D:备注:140502194502024643",
	})
}

// A sheet whose rows carry no r attribute (as some writers save them) is
// still held row by row where Excel hides a row: excelize's own model of
// such a sheet drops the rows' hidden and height, so the scan answers for
// it, numbering each row after the one before as the row iterator does.
func TestUnnumberedRowsHidden(t *testing.T) {
	dir := t.TempDir()
	src := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", nil),
		row(2, "乙二", "140502194702024808", nil),
		row(3, "丙三", "140502194611306543", nil),
		row(4, "丁四", "140502194703050012", nil),
	})
	sheet := sheetXML(t, src)
	sheet = strings.Replace(sheet, `<row r="5"`, `<row r="5" hidden="1"`, 1)
	sheet = strings.Replace(sheet, `<row r="7"`, `<row r="7" ht="1" customHeight="1"`, 1)
	sheet = regexp.MustCompile(`<row r="\d+"`).ReplaceAllString(sheet, "<row")
	p := filepath.Join(dir, "b.xlsx")
	rewriteZip(t, src, p, map[string]string{"xl/worksheets/sheet1.xml": sheet})
	wb, err := ReadFile(p, "b.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rowCodes(wb), "4 false \n5 true row_hidden\n6 false \n7 true row_hidden"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// An array formula is written once, in the first cell of its range, for
// the whole range; a workbook written by a program that calculates nothing
// (openpyxl) gives no cell of the range a value. Every cell of the range
// without a value of its own is held as formula_no_value, not read as
// empty: the 低保类别 so computed would pay the plain rate. A range Excel
// calculated (a value in every cell, an empty one too) is read.
func TestArrayFormulaWithoutValues(t *testing.T) {
	dir := t.TempDir()
	src := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", nil),
		row(2, "乙二", "140502194702024808", nil),
		row(3, "丙三", "140502194611306543", nil),
		row(4, "丁四", "140502194703050012", map[string]any{"低保类别": "农村低保"}),
	})
	sheet := sheetXML(t, src)
	cell := func(ref string) *regexp.Regexp {
		return regexp.MustCompile(`<c r="` + ref + `"[^>]*?(/>|>.*?</c>)`)
	}
	for _, c := range []struct {
		name  string
		cells [3]string // G4, G5, G6
		want  string
	}{
		{"no values", [3]string{`<c r="G4"><f t="array" ref="G4:G6">底表!A1:A3</f><v></v></c>`, ``, ``},
			"4 true formula_no_value \n5 true formula_no_value \n6 true formula_no_value \n7 false  农村低保"},
		{"calculated", [3]string{`<c r="G4" t="str"><f t="array" ref="G4:G6">底表!A1:A3</f><v>城市低保</v></c>`, `<c r="G5" t="str"><v>城市低保</v></c>`, `<c r="G6" t="str"><v></v></c>`},
			"4 false  城市低保\n5 false  城市低保\n6 false  \n7 false  农村低保"},
	} {
		s := sheet
		for i, n := range []int{4, 5, 6} {
			ref := fmt.Sprintf("G%d", n)
			if cell(ref).MatchString(s) {
				s = cell(ref).ReplaceAllLiteralString(s, c.cells[i])
				continue
			}
			// No G cell: the row ends at E, and the cell goes last.
			at := strings.Index(s, fmt.Sprintf(`<row r="%d"`, n))
			end := at + strings.Index(s[at:], "</row>")
			s = s[:end] + c.cells[i] + s[end:]
		}
		if got := rowsHeldAndDibao(readRewritten(t, src, filepath.Join(dir, c.name+".xlsx"), s)); got != c.want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}

// A formula Excel calculated to an empty string (a VLOOKUP into another
// workbook under IFERROR, which excelize cannot calculate again) is
// written t="str" with an empty <v>, by Excel, WPS and LibreOffice alike:
// its result is empty, and the row is read, not held. A formula with no
// result is held still: excelize writes t="str" and no <v>, openpyxl an
// empty <v> and no t (a number cannot be empty).
func TestFormulaCalculatedToEmpty(t *testing.T) {
	dir := t.TempDir()
	src := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", map[string]any{"低保类别": "占位"}),
		row(2, "乙二", "140502194702024808", map[string]any{"备注": "占位"}),
		row(3, "丙三", "140502194611306543", map[string]any{"低保类别": "农村低保"}),
	})
	sheet := sheetXML(t, src)
	cell := func(ref string) *regexp.Regexp {
		return regexp.MustCompile(`<c r="` + ref + `"[^>]*?(/>|>.*?</c>)`)
	}
	lookup := `IFERROR(VLOOKUP(D4,[1]Sheet1!$A:$B,2,0),"")`
	died := `IF(COUNTIF([1]死亡名单!$A:$A,D5)&gt;0,"已故","")`
	for _, c := range []struct {
		name, g4, p5 string
		want         string
	}{
		{"excel", `<c r="G4" t="str"><f>` + lookup + `</f><v></v></c>`, `<c r="P5" t="str"><f>` + died + `</f><v></v></c>`,
			"4 false  \n5 false  \n6 false  农村低保"},
		{"self-closed", `<c r="G4" t="str"><f>` + lookup + `</f><v/></c>`, `<c r="P5" s="0" t="str"><f>` + died + `</f><v/></c>`,
			"4 false  \n5 false  \n6 false  农村低保"},
		{"libreoffice", `<c r="G4" s="0" t="str"><f aca="false">` + lookup + `</f><v></v></c>`, `<c r="P5" s="0" t="str"><f aca="false">` + died + `</f><v></v></c>`,
			"4 false  \n5 false  \n6 false  农村低保"},
		{"openpyxl", `<c r="G4"><f>` + lookup + `</f><v></v></c>`, `<c r="P5"><f>` + died + `</f><v></v></c>`,
			"4 true formula_no_value \n5 true formula_no_value \n6 false  农村低保"},
		{"excelize", `<c r="G4" t="str"><f>` + lookup + `</f></c>`, `<c r="P5" t="str"><f>` + died + `</f></c>`,
			"4 true formula_no_value \n5 true formula_no_value \n6 false  农村低保"},
	} {
		s := cell("G4").ReplaceAllLiteralString(sheet, c.g4)
		s = cell("P5").ReplaceAllLiteralString(s, c.p5)
		if got := rowsHeldAndDibao(readRewritten(t, src, filepath.Join(dir, c.name+".xlsx"), s)); got != c.want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}

// rowsHeldAndDibao gives a line per entry of wb: its row, whether it is
// held, its finding codes and its 低保类别.
func rowsHeldAndDibao(wb *Workbook) string {
	var got []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%d %v %s %s", e.Person.Source.Row, e.Held, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code }), ","), e.Person.Dibao))
	}
	return strings.Join(got, "\n")
}

// readRewritten reads src rewritten to p with sheet as its first sheet's XML.
func readRewritten(t *testing.T, src, p, sheet string) *Workbook {
	t.Helper()
	rewriteZip(t, src, p, map[string]string{"xl/worksheets/sheet1.xml": sheet})
	wb, err := ReadFile(p, filepath.Base(p), nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	return wb
}

// Every sheet the scan answers for has its cells read with gosax
// (workbookParts.rows); they must be excelize's raw values, row for row, on
// the committed workbooks (Excel, WPS, openpyxl and LibreOffice saves, the
// generator's quirks) and on the quirky and prefixed rosters.
func TestCellsReadAsExcelize(t *testing.T) {
	dir := t.TempDir()
	paths := append(fixtureWorkbooks(t), quirkyRoster(t, dir), prefixedRoster(t, dir))
	sheets := 0
	for _, p := range paths {
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		parts := openParts(p)
		for _, sheet := range f.GetSheetList() {
			facts, err := parts.scan(sheet)
			if err != nil || facts == nil {
				continue
			}
			want := sourceRows(t, func() (rowSource, error) {
				rows, err := f.Rows(sheet)
				return excelRows{rows}, err
			})
			got := sourceRows(t, func() (rowSource, error) { return parts.rows(sheet) })
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s: gosax and excelize differ\n%q\n%q", filepath.Base(p), sheet, got, want)
			}
			sheets++
		}
		parts.Close()
		f.Close()
	}
	if sheets < len(paths) {
		t.Errorf("only %d sheets compared in %d workbooks", sheets, len(paths))
	}
}

// sourceRows returns every row a row source gives, numbered.
func sourceRows(t *testing.T, open func() (rowSource, error)) []string {
	t.Helper()
	rows, err := open()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %q", n, cells))
	}
	if err := rows.Error(); err != nil {
		t.Fatal(err)
	}
	return out
}
