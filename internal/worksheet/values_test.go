package worksheet

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A workbook written by excelize's StreamWriter, as the run writes its bank
// files, reads back with its numbers as written, its inline strings
// unescaped, absent cells empty and rows without cells skipped.
func TestValuesOfStreamedWorkbook(t *testing.T) {
	f := excelize.NewFile()
	if _, err := f.NewSheet("代发"); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("代发")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[int][]any{
		1: {"区民政局 代发", nil, nil, nil, nil},
		2: {"序号", "姓名", "账号", "A&B <x>", "金额（元）"},
		3: {1, "张三", "6217000000000000011", nil, 100.5},
		4: {2, "李四", nil, nil, 1234567.89},
		6: {"合计", nil, nil, nil, 1234668.39},
	}
	for r := 1; r <= 6; r++ {
		if rows[r] == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, rows[r]); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "bank.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	wb := openBook(t, p)
	var got []string
	err = wb.Values("代发", []int{1, 5, 4}, func(row int, vals []string) error {
		got = append(got, fmt.Sprintf("%d:%q", row, vals))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`1:["区民政局 代发" "" ""]`,
		`2:["序号" "金额（元）" "A&B <x>"]`,
		`3:["1" "100.5" ""]`,
		`4:["2" "1234567.89" ""]`,
		`6:["合计" "1234668.39" ""]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("values:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := wb.Values("Sheet9", []int{1}, func(int, []string) error { return nil }); err == nil {
		t.Error("a sheet the workbook does not have: no error")
	}
	stop := errors.New("stop")
	if err := wb.Values("代发", []int{1}, func(int, []string) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("an error from fn: got %v", err)
	}
}

// A cell in a column asked for that holds a shared string is an error,
// never its index taken for the value; one outside the columns is not.
func TestValuesRefusesSharedStrings(t *testing.T) {
	f := excelize.NewFile()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellValue("Sheet1", "A1", "合计"))
	must(f.SetCellValue("Sheet1", "B1", 12.5))
	p := filepath.Join(t.TempDir(), "shared.xlsx")
	must(f.SaveAs(p))
	wb, err := Open(p)
	must(err)
	defer wb.Close()
	if err := wb.Values("Sheet1", []int{1, 2}, func(int, []string) error { return nil }); !errors.Is(err, ErrSharedString) {
		t.Errorf("shared string in column A: got %v", err)
	}
	var got []string
	must(wb.Values("Sheet1", []int{2}, func(_ int, v []string) error { got = append(got, v...); return nil }))
	if fmt.Sprint(got) != "[12.5]" {
		t.Errorf("column B alone: %q", got)
	}
}

// Rows and cells without r are numbered after the one before, as excelize
// numbers them; a part cut short or with a mismatched end tag is an error.
func TestValuesOfHandWrittenParts(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	read := func(xml string) ([]string, error) {
		var got []string
		err := values(bufio.NewReader(strings.NewReader(xml)), []int{1, 3}, func(row int, vals []string) error {
			got = append(got, fmt.Sprintf("%d:%s", row, strings.Join(vals, "|")))
			return nil
		})
		return got, err
	}
	got, err := read(head + `<row r="2"><c t="inlineStr"><is><r><t>合</t></r><r><t>计</t></r></is></c><c/><c><v>7</v></c></row>` +
		`<row><c r="C4"><v><![CDATA[8.5]]></v></c></row></sheetData></worksheet>`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "[2:合计|7 3:|8.5]"; fmt.Sprint(got) != want {
		t.Errorf("got %v, want %s", got, want)
	}
	for _, bad := range []string{
		head + `<row r="1"><c r="A1"><v>1</v></c></row>`,
		head + `<row r="1"><c r="A1"><v>1</c></row></sheetData></worksheet>`,
		head + `<row r="x"><c><v>1</v></c></row></sheetData></worksheet>`,
	} {
		if _, err := read(bad); err == nil {
			t.Errorf("no error for %s", bad[len(head):])
		}
	}
}

// Open resolves a sheet's part through the workbook's relationships, not
// by the usual file name, and refuses a zip without them.
func TestOpenResolvesParts(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "odd.xlsx")
	parts := map[string]string{
		"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="book/wb.xml"/></Relationships>`,
		"book/_rels/wb.xml.rels":     `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="data/first.xml"/></Relationships>`,
		"book/wb.xml":                `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="代发" sheetId="1" r:id="s1"/></sheets></workbook>`,
		"book/data/first.xml":        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>42</v></c></row></sheetData></worksheet>`,
		"xl/worksheets/sheet1.xml":   `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
		"[Content_Types].xml":        `<Types/>`,
		"book/data/_rels/unused.xml": `<x/>`,
	}
	zipParts(t, p, parts)
	wb := openBook(t, p)
	var got []string
	if err := wb.Values("代发", []int{1}, func(_ int, v []string) error { got = append(got, v...); return nil }); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[42]" {
		t.Errorf("代发 read from %v, want the part its relationship names", got)
	}
	plain := filepath.Join(dir, "plain.zip")
	if err := os.WriteFile(plain, []byte("PK\x05\x06"+strings.Repeat("\x00", 18)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(plain); !errors.Is(err, ErrUnresolved) {
		t.Errorf("a zip without relationships: got %v", err)
	}
}
