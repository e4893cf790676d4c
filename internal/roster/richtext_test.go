package roster

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// A 姓名 or 公民身份号码 whose text, not its cell, is struck through (the
// text selected inside the cell and 删除线 pressed: a rich-text run in the
// shared strings) holds the row as row_struck, struck whole or in part,
// whether the sheet is scanned or asked of excelize. A struck run of spaces
// only, a run in bold, or a struck 备注 holds nothing.
func TestStruckTextHeld(t *testing.T) {
	defer func() { scanWorksheets = true }()
	p := struckTextRoster(t, t.TempDir())
	parts := openParts(p)
	facts, err := parts.scan("Sheet1")
	parts.Close()
	if facts == nil || err != nil || facts.struckTextOf(4, 6) != "相" {
		t.Fatalf("not scanned, or the struck 相 not found: %v %+v", err, facts)
	}
	for _, scan := range []bool{true, false} {
		scanWorksheets = scan
		wb, err := ReadFile(p, "struck.xlsx", nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := rowCodes(wb), "4 false \n5 true row_struck\n6 true row_struck\n7 true row_struck\n8 false \n9 false "; got != want {
			t.Errorf("scan %v: got\n%s\nwant\n%s", scan, got, want)
			continue
		}
		for i, want := range map[int][]string{
			1: {"「姓名」的文字「邹香」加了删除线", "D"},
			2: {"「姓名」「邹相香」中的「相」加了删除线", "D"},
			3: {"「公民身份号码」的文字「140502194703050012」加了删除线", "E"},
		} {
			f := wb.Entries[i].Findings[0]
			if !strings.Contains(f.Message, want[0]) || f.Where.Column != want[1] {
				t.Errorf("scan %v: row %d at %s: %s", scan, f.Where.Row, f.Where.Column, f.Message)
			}
		}
	}
}

// struckTextRoster writes a roster whose 姓名, ID and 备注 cells hold rich
// text, in the shared strings: row 4 a bold run, 5 the name struck, 6 one
// character of it, 7 the ID, 8 a struck space before the name, 9 the 备注.
// It returns the path.
func struckTextRoster(t *testing.T, dir string) string {
	t.Helper()
	strike := &excelize.Font{Strike: true}
	p := writeRoster(t, dir, "struck.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", nil),
		row(2, "邹香", "140502194702024808", nil),
		row(3, "邹相香", "140502194611306543", nil),
		row(4, "丁四", "140502194703050012", nil),
		row(5, "王五", "140502194502024643", nil),
		row(6, "顾清金", "140525195910280434", map[string]any{"备注": "已核实"}),
	})
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, runs := range map[string][]excelize.RichTextRun{
		"D4": {{Text: "贺国", Font: &excelize.Font{Bold: true}}, {Text: "荣"}},
		"D5": {{Text: "邹香", Font: strike}},
		"D6": {{Text: "邹"}, {Text: "相", Font: strike}, {Text: "香"}},
		"E7": {{Text: "140502194703050012", Font: strike}},
		"D8": {{Text: " ", Font: strike}, {Text: "王五"}},
		"P9": {{Text: "已核实", Font: strike}},
	} {
		if err := f.SetCellRichText("Sheet1", cell, runs); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return p
}

// An inline string with a struck run (as a streaming writer writes rich
// text) holds its row too.
func TestStruckInlineTextHeld(t *testing.T) {
	defer func() { scanWorksheets = true }()
	p := struckInlineRoster(t, t.TempDir())
	for _, scan := range []bool{true, false} {
		scanWorksheets = scan
		wb, err := ReadFile(p, "inline.xlsx", nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := rowCodes(wb), "2 false \n3 true row_struck\n4 false "; got != want {
			t.Errorf("scan %v: got\n%s\nwant\n%s", scan, got, want)
		}
	}
}

// struckInlineRoster writes, with excelize's StreamWriter, a roster whose
// 姓名 on row 3 is an inline string struck through, and on row 4 one in
// italics. It returns the path.
func struckInlineRoster(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "inline.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		header,
		row(1, "贺国荣", "140502194204206481", nil),
		row(2, "", "140502194702024808", nil),
		row(3, "", "140502194611306543", nil),
	}
	rows[2][3] = []excelize.RichTextRun{{Text: "邹香", Font: &excelize.Font{Strike: true}}}
	rows[3][3] = []excelize.RichTextRun{{Text: "马荣金", Font: &excelize.Font{Italic: true}}}
	for i, r := range rows {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), r); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// The shared strings scan finds, by index, the struck text of the items
// with a struck run that is not blank: <strike/>, val="1" or "true"; not
// val="0" or "false", nor a run without <strike>, nor phonetic text.
func TestScanSharedStrings(t *testing.T) {
	const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="7" uniqueCount="7">
<x:si><x:t>贺国荣</x:t></x:si>
<x:si><x:r><x:rPr><x:strike/><x:sz val="11"/></x:rPr><x:t>邹香</x:t></x:r></x:si>
<x:si><x:r><x:rPr><x:strike val="0"/></x:rPr><x:t>甲</x:t></x:r><x:r><x:rPr><x:strike val="false"/></x:rPr><x:t>乙</x:t></x:r></x:si>
<x:si><x:r><x:t>邹</x:t></x:r><x:r><x:rPr><x:b/><x:strike val="true"/></x:rPr><x:t>相</x:t></x:r><x:r><x:rPr><x:strike val="1"/></x:rPr><x:t><![CDATA[&]]></x:t></x:r><x:r><x:t>香</x:t></x:r></x:si>
<x:si><x:r><x:rPr><x:strike/></x:rPr><x:t xml:space="preserve">  </x:t></x:r><x:r><x:t>王五</x:t></x:r></x:si>
<x:si><x:t>马荣金</x:t><x:rPh sb="0" eb="1"><x:t>ma</x:t></x:rPh></x:si>
<x:si><x:r><x:rPr><x:strike/></x:rPr><x:t>a&amp;b</x:t></x:r></x:si>
</x:sst>`
	got, err := scanSharedStrings(strings.NewReader(sst))
	if err != nil {
		t.Fatal(err)
	}
	if want := "map[1:邹香 3:相& 6:a&b]"; fmt.Sprint(got) != want {
		t.Errorf("got %v, want %s", got, want)
	}
	for _, bad := range []string{
		`<sst><si><r><t>甲</r></si></sst>`,
		`<?xml version="1.0" encoding="GBK"?><sst><si><t>甲</t></si></sst>`,
		`<sst><si><t>甲</t></si>`,
	} {
		if _, err := scanSharedStrings(strings.NewReader(bad)); err == nil {
			t.Errorf("no error for %s", bad)
		}
	}
}

// mentions finds a word wherever it falls, across the reads of the reader
// too.
func TestMentions(t *testing.T) {
	long := strings.Repeat("x", 70<<10)
	for text, want := range map[string]bool{
		"<si><r><rPr><strike/>": true, long + "strike": true, long[:65533] + "strike" + long: true,
		long + "strik": false, "": false, "<si><t>甲</t></si>": false,
	} {
		for _, r := range []io.Reader{strings.NewReader(text), iotest.OneByteReader(strings.NewReader(text)), iotest.HalfReader(strings.NewReader(text))} {
			if got, err := mentions(r, []byte("strike")); got != want || err != nil {
				t.Errorf("%d bytes ending %q: %v %v, want %v", len(text), text[max(0, len(text)-8):], got, err, want)
			}
		}
	}
	if _, err := mentions(iotest.ErrReader(io.ErrUnexpectedEOF), []byte("strike")); err == nil {
		t.Error("a read error is no error")
	}
}

// A struck-through value of a field that decides or receives a payment
// holds its row (cell_struck), in the cell's style or in its text: a
// newcomer's crossed-out 银行账号 was paid into, and a crossed-out 城市低保
// would pay the dibao rate. A struck 备注 holds nothing.
func TestStruckValueHeld(t *testing.T) {
	defer func() { scanWorksheets = true }()
	p := writeRoster(t, t.TempDir(), "struck.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", map[string]any{"银行账号": "6217013841128357753"}),
		row(2, "邹香", "140502194702024808", nil),
		row(3, "丁四", "140502194703050012", map[string]any{"备注": "已核实"}),
		row(4, "王五", "140502194502024643", nil),
		row(5, "赵桂芳", "140502194611306543", nil),
		row(6, "孙珍美", "140502194611301101", map[string]any{"死亡日期": "2026-09-15"}),
	})
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// a 银行账号; a 备注, an empty 死亡日期, and a 死亡日期 given
	if err := strikeCells(f, "N4", "P6", "O8", "O9"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellRichText("Sheet1", "G5", []excelize.RichTextRun{{Text: "城市低保", Font: &excelize.Font{Strike: true}}}); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, scan := range []bool{true, false} {
		scanWorksheets = scan
		wb, err := ReadFile(p, "struck.xlsx", nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := rowCodes(wb), "4 true cell_struck\n5 true cell_struck\n6 false \n7 false \n8 false \n9 true cell_struck"; got != want {
			t.Errorf("scan %v: got\n%s\nwant\n%s", scan, got, want)
			continue
		}
		// A crossed-out 死亡日期 is no word of a death: nothing recovers on
		// it, no later month holds the senior for it.
		if dead := wb.Entries[5]; !dead.Person.Death.IsZero() || slices.ContainsFunc(dead.Findings, func(f domain.Finding) bool { return f.Code == "death_before_month" }) {
			t.Errorf("scan %v: a struck 死亡日期 still read: %v %+v", scan, dead.Person.Death, dead.Findings)
		}
		for i, col := range []string{"N", "G"} {
			if f := wb.Entries[i].Findings[0]; f.Where.Column != col || !strings.Contains(f.Message, "加了删除线") {
				t.Errorf("scan %v: %+v, want at %s", scan, f, col)
			}
		}
	}
}
