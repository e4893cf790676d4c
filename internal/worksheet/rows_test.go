package worksheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeParts writes a workbook of one sheet, 表1, from the XML of its sheet
// and shared strings parts (sst "" for none), as another producer may write
// them.
func writeParts(t *testing.T, sheet, sst string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "book.xlsx")
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": sheet,
	}
	if sst != "" {
		parts["xl/sharedStrings.xml"] = sst
	}
	zipParts(t, p, parts)
	return p
}

// zipParts writes a zip at path of the named parts.
func zipParts(t *testing.T, path string, parts map[string]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// excelizeRows returns every row of sheet as excelize's row iterator reads
// it with raw values, one line each ("n: [cells]").
func excelizeRows(t *testing.T, path, sheet string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("excelize, row %d: %v", n, err)
		}
		out = append(out, fmt.Sprintf("%d: %q", n, cells))
	}
	return out
}

// openBook opens the workbook at path, closed when the test ends.
func openBook(t *testing.T, path string) *Workbook {
	t.Helper()
	wb, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	return wb
}

// gosaxRows returns every row of sheet as Rows reads it, in the lines of
// excelizeRows.
func gosaxRows(t *testing.T, path, sheet string) ([]string, error) {
	t.Helper()
	lines, _, err := readRows(t, path, sheet)
	return lines, err
}

// readRows reads every row of sheet with Rows: the lines of gosaxRows, and
// what Damaged says after the last.
func readRows(t *testing.T, path, sheet string) ([]string, *StringIndexError, error) {
	t.Helper()
	wb := openBook(t, path)
	table, err := wb.StringTable()
	if err != nil {
		return nil, nil, err
	}
	rows, err := wb.Rows(sheet, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return out, rows.Damaged(), fmt.Errorf("row %d: %w", n, err)
		}
		out = append(out, fmt.Sprintf("%d: %q", n, cells))
	}
	return out, rows.Damaged(), rows.Error()
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`

// Rows reads what excelize's row iterator reads, cell for cell, from the
// shapes other producers write: rich text and phonetic runs, _xHHHH_
// escapes, entities, CR LF in text and CDATA, inline strings with runs,
// formulas with an empty result, rows and cells without their r, rows
// skipped, numbers, logical and error values, a namespace prefix.
func TestRowsReadAsExcelize(t *testing.T) {
	sst := `<?xml version="1.0" encoding="UTF-8"?>` +
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">` +
		`<si><t>姓名</t></si>` +
		`<si><r><t>张</t></r><r><rPr><strike/></rPr><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh><phoneticPr fontId="1"/></si>` +
		`<si><t>line1&#13;&#10;line2` + "\r\n" + `line3` + "\r" + `x</t></si>` +
		`<si><t>_x000D_a_x005F_x000D_b_xD800_c_x12_d</t></si>` +
		`<si><t>A&amp;B &lt;c&gt; &#x4E2D;&quot;</t></si>` +
		`<si><t><![CDATA[cd` + "\r\n" + `ata<>]]></t></si>` +
		`<si/>` +
		`<si><t>own</t><r><t>run1</t><t>run1b</t></r><r><t>run2</t></r></si>` +
		`<si><t>first</t><t>second</t></si>` +
		`<si><t>已故E<b>x</b>死亡</t></si>` +
		`</sst>`
	sheet := sheetHead + `<dimension ref="A1:F9"/><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v> 2 </v></c></row>` +
		`<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c><c r="D2" t="s"><v>6</v></c><c r="E2" t="s"><v>7</v></c><c r="F2" t="s"><v>8</v></c></row>` +
		`<row r="4"><c r="A4"><v>410101194001011234</v></c><c r="B4" t="n"><v>1.5E+3</v></c><c r="C4" t="b"><v>1</v></c><c r="D4" t="e"><v>#N/A</v></c><c r="E4" t="str"><f>A4&amp;""</f><v>x_x000D_y</v></c><c r="F4"><f>1/0</f></c></row>` +
		`<row><c t="inlineStr"><is><t>行内</t><r><t>文字</t></r><rPh><t>no</t></rPh></is></c><c/><c t="inlineStr"><is><t>_x0041_</t></is></c><c t="inlineStr"><v>v-only</v></c></row>` +
		`<row r="6" spans="1:3" ht="0" hidden="1"/>` +
		`<row r="8"><c r="B8" s="3"/><c r="E8" t="s"/><c r="F8" t="d"><v>2026-11-01T00:00:00Z</v></c></row>` +
		`<row r="9"><c r="A9" t="s"><v>0</v></c><c r="B9" t="s"><v>9</v></c><c r="C9" t="inlineStr"><is><t>a<b>x</b>b</t></is></c><c r="D9"><v>1<x>2</x>3</v></c></row>` +
		`<row r="10"><c r="A10" t="s"><v></v></c></row>` +
		`</sheetData></worksheet>`
	path := writeParts(t, sheet, sst)
	got, err := gosaxRows(t, path, "表1")
	if err != nil {
		t.Fatal(err)
	}
	want := excelizeRows(t, path, "表1")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("gosax rows:\n%s\nexcelize rows:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Guard against both readers agreeing on nothing: a few values spelt out.
	for _, w := range []string{
		`1: ["姓名" "" "张三 " "line1\r\nline2\nline3\nx"]`,
		`2: ["\ra_x000D_bc_x12_d" "A&B <c> 中\"" "cd\nata<>" "" "ownrun1brun2" "second"]`,
		`4: ["410101194001011234" "1.5E+3" "1" "#N/A" "x_x000D_y" ""]`,
		`5: ["行内文字" "" "A" "v-only"]`,
		`7: []`,
		`9: ["姓名" "已故E死亡" "ab" "13"]`,
		`10: []`,
	} {
		if !strings.Contains(strings.Join(got, "\n"), w) {
			t.Errorf("gosax rows lack %s", w)
		}
	}

	prefixed := strings.NewReplacer("<worksheet xmlns=", "<x:worksheet xmlns:x=", "</worksheet>", "</x:worksheet>",
		"<sheetData>", "<x:sheetData>", "</sheetData>", "</x:sheetData>", "<row", "<x:row", "</row>", "</x:row>",
		"<c ", "<x:c ", "<c>", "<x:c>", "<c/>", "<x:c/>", "</c>", "</x:c>", "<v>", "<x:v>", "</v>", "</x:v>",
		"<f>", "<x:f>", "</f>", "</x:f>", "<is>", "<x:is>", "</is>", "</x:is>", "<t>", "<x:t>", "</t>", "</x:t>",
		"<r>", "<x:r>", "</r>", "</x:r>", "<dimension", "<x:dimension").Replace(sheet)
	path = writeParts(t, prefixed, sst)
	if got2, err := gosaxRows(t, path, "表1"); err != nil || strings.Join(got2, "\n") != strings.Join(got, "\n") {
		t.Errorf("with a namespace prefix: %v\n%s", err, strings.Join(got2, "\n"))
	}
}

// A shared-string cell whose index the table does not have reads as empty,
// as excelize reads it (or as the first string), and Damaged names every
// such cell of the sheet; a cell of type s without a <v> is blank.
func TestRowsDamagedStringIndex(t *testing.T) {
	sst := `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<si><t>姓名</t></si><si><t>低保</t></si></sst>`
	for _, index := range []string{"2", "99", "-1", "x", "1.0", "1e0", "", " "} {
		sheet := sheetHead + `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"/></row>` +
			`<row r="3"><c r="B3" t="s"><v> 1 </v></c><c r="C3" t="s"><v>` + index + `</v></c></row></sheetData></worksheet>`
		path := writeParts(t, sheet, sst)
		got, err := gosaxRows(t, path, "表1")
		if err != nil || strings.Join(got, "|") != `1: ["姓名"]|2: []|3: ["" "低保"]` {
			t.Errorf("index %q: %v %q", index, err, got)
		}
		want := StringIndexError{Cells: []string{"C3"}, Indexes: []string{strings.TrimSpace(index)}, Items: 2}
		if bad := damaged(t, path, "表1"); bad == nil || fmt.Sprint(*bad) != fmt.Sprint(want) {
			t.Errorf("index %q: damaged %+v, want %+v", index, bad, want)
		}
	}
	// Every damaged cell of the sheet, in order; without a shared strings
	// part every index is one the table lacks.
	sheet := sheetHead + `<sheetData><row r="2"><c r="D2" t="s"><v>7</v></c><c r="H2" t="s"><v>0</v></c></row>` +
		`<row r="5"><c r="A5" t="s"><v>abc</v></c></row></sheetData></worksheet>`
	want := StringIndexError{Cells: []string{"D2", "A5"}, Indexes: []string{"7", "abc"}, Items: 1}
	if bad := damaged(t, writeParts(t, sheet, sst[:strings.Index(sst, "<si><t>低保")]+"</sst>"), "表1"); bad == nil || fmt.Sprint(*bad) != fmt.Sprint(want) {
		t.Errorf("two cells: %+v, want %+v", bad, want)
	}
	want = StringIndexError{Cells: []string{"D2", "H2", "A5"}, Indexes: []string{"7", "0", "abc"}, Items: 0}
	if bad := damaged(t, writeParts(t, sheet, ""), "表1"); bad == nil || fmt.Sprint(*bad) != fmt.Sprint(want) {
		t.Errorf("no table: %+v, want %+v", bad, want)
	}
	// A producer writing -1 for every empty string damages a cell a row:
	// every one is listed, and the error names the first few.
	var b strings.Builder
	for n := 1; n <= 30; n++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="B%d" t="s"><v>-1</v></c></row>`, n, n)
	}
	bad := damaged(t, writeParts(t, sheetHead+`<sheetData>`+b.String()+`</sheetData></worksheet>`, sst), "表1")
	if bad == nil || len(bad.Cells) != 30 || bad.Cells[29] != "B30" ||
		bad.Error() != `cells B1, B2, B3, B4, B5, B6, B7, B8, B9, B10, B11, B12 and 18 more: shared strings ["-1" "-1" "-1" "-1" "-1" "-1" "-1" "-1" "-1" "-1" "-1" "-1"] are not among the table's 2` {
		t.Errorf("thirty: %v", bad)
	}
}

// damaged reads every row of sheet with Rows and returns what Damaged
// says then.
func damaged(t *testing.T, path, sheet string) *StringIndexError {
	t.Helper()
	_, d, err := readRows(t, path, sheet)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// StringCount and StringIndexes find the damaged cells of parts declared in
// another encoding, whose cells excelize reads: the markup is ASCII.
func TestStringIndexesAnyEncoding(t *testing.T) {
	gbk := `<?xml version="1.0" encoding="GBK" standalone="yes"?>`
	sst := gbk + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		"<si><t>\xd0\xd5\xc3\xfb</t></si><si><r><t>\xb5\xcd</t></r><r><t>\xb1\xa3</t></r></si><si/></sst>" // 姓名, 低保 in two runs
	sheet := gbk + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>` + "\xb6\xab" + `</t></is></c></row>` + // 东
		`<row r="4"><c r="C4" t="s"><v>2</v></c><c r="D4" t="s"><v>3</v></c><c r="E4" t="s"><v></v></c></row></sheetData></worksheet>`
	wb := openBook(t, writeParts(t, sheet, sst))
	if _, err := wb.StringTable(); !errors.Is(err, ErrUnresolved) {
		t.Fatalf("the table in GBK: %v, want it left to excelize", err)
	}
	items, err := wb.StringCount()
	if err != nil || items != 3 {
		t.Fatalf("StringCount: %d %v, want 3", items, err)
	}
	bad, err := wb.StringIndexes("表1", items)
	want := StringIndexError{Cells: []string{"D4", "E4"}, Indexes: []string{"3", ""}, Items: 3}
	if err != nil || bad == nil || fmt.Sprint(*bad) != fmt.Sprint(want) {
		t.Errorf("StringIndexes: %+v %v, want %+v", bad, err, want)
	}
	if bad, err := wb.StringIndexes("表1", 4); err != nil || bad == nil || len(bad.Cells) != 1 {
		t.Errorf("with a fourth string: %+v %v, want E4 only", bad, err)
	}
}

// A workbook without a shared strings part reads its inline strings and
// numbers.
func TestRowsWithoutStringTable(t *testing.T) {
	sheet := sheetHead + `<sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>b</t></is></c><c r="C2"><v>3</v></c></row></sheetData></worksheet>`
	got, err := gosaxRows(t, writeParts(t, sheet, ""), "表1")
	if err != nil || strings.Join(got, "|") != `1: []|2: ["" "b" "3"]` {
		t.Errorf("no table: %v %q", err, got)
	}
}

// A shared strings part in another encoding is left to excelize.
func TestStringTableEncoding(t *testing.T) {
	sst := `<?xml version="1.0" encoding="GBK"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si></sst>`
	sheet := sheetHead + `<sheetData/></worksheet>`
	wb := openBook(t, writeParts(t, sheet, sst))
	if _, err := wb.StringTable(); !errors.Is(err, ErrUnresolved) {
		t.Errorf("GBK table: got %v", err)
	}
}
