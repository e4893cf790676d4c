package roster

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"disburse/internal/domain"
)

// Rosters saved by other programs (fixtures/producers): LibreOffice keeps a
// formula's result, which is read; openpyxl does not, and that row is held.
// Merged 街道 cells fill their rows and custom Chinese date formats read as
// dates in both.
func TestRostersFromOtherProducers(t *testing.T) {
	for _, c := range []struct {
		file      string
		wantDibao domain.Dibao
		wantHeld  bool
	}{
		{"libreoffice-merged-dates-formula.xlsx", domain.DibaoRural, false},
		{"openpyxl-formula-without-value.xlsx", domain.DibaoNone, true},
	} {
		wb, err := ReadFile("../../fixtures/producers/"+c.file, c.file, nov, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if len(wb.Entries) != 3 {
			t.Fatalf("%s: %d entries", c.file, len(wb.Entries))
		}
		for i, e := range wb.Entries {
			if e.Person.Street != "东街街道" {
				t.Errorf("%s row %d: street %q (merged cell not filled)", c.file, e.Person.Source.Row, e.Person.Street)
			}
			if i != 1 && e.Held {
				t.Errorf("%s row %d held: %+v", c.file, e.Person.Source.Row, e.Findings)
			}
		}
		second := wb.Entries[1]
		if second.Held != c.wantHeld || (!c.wantHeld && second.Person.Dibao != c.wantDibao) {
			t.Errorf("%s: formula row held=%v dibao=%v, findings %+v", c.file, second.Held, second.Person.Dibao, second.Findings)
		}
		if c.wantHeld && second.Findings[0].Code != "formula_no_value" {
			t.Errorf("%s: %s", c.file, second.Findings[0].Code)
		}
	}
}

// A sheet formatted down to its last row (1,048,576) with a stray cell
// there, and long runs of blank rows, reads its people and nothing else;
// rows shorter than the header are padded (no index panics).
func TestSheetToTheLastRow(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "long.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", nil),
		{2, "东街街道"},
	})
	f, err := excelizeOpen(p)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Sheet1", "A500000", "")
	f.SetCellValue("Sheet1", "B1048576", " ")
	f.SetRowHeight("Sheet1", 1048576, 30)
	f.Save()
	f.Close()
	wb, err := ReadFile(p, "long.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Entries) != 1 || wb.Entries[0].Held {
		t.Errorf("entries %+v", wb.Entries)
	}
}

func excelizeOpen(p string) (*excelize.File, error) { return excelize.OpenFile(p) }

// Rich-text cells read as their text.
func TestRichTextCells(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "rich.xlsx", [][]any{row(1, "", "140502194204206481", map[string]any{"低保类别": ""})})
	f, _ := excelizeOpen(p)
	f.SetCellRichText("Sheet1", "D4", []excelize.RichTextRun{{Text: "贺"}, {Text: "国荣", Font: &excelize.Font{Bold: true}}})
	f.SetCellRichText("Sheet1", "G4", []excelize.RichTextRun{{Text: "城市"}, {Text: "低保", Font: &excelize.Font{Color: "FF0000"}}})
	f.Save()
	f.Close()
	wb, err := ReadFile(p, "rich.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if e := wb.Entries[0]; e.Held || e.Person.Name != "贺国荣" || e.Person.Dibao != domain.DibaoUrban {
		t.Errorf("rich text: %+v", e)
	}
}

// CSV in GB18030 (a character outside GBK), in UTF-16 tab-separated text
// (Excel's "Unicode 文本"), an .ods renamed, and a formula whose result
// really is empty.
func TestMoreProducers(t *testing.T) {
	dir := t.TempDir()
	text := "姓名,公民身份号码,低保类别\n𠀀六,140502194204206481,城市低保\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	tsv := strings.ReplaceAll(text, ",", "\t")
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(tsv)
	for name, content := range map[string]string{"gb.csv": gb, "u16.csv": u16} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		wb, err := ReadFile(p, name, nov, nil)
		if err != nil || len(wb.Entries) != 1 || wb.Entries[0].Person.Name != "𠀀六" {
			t.Errorf("%s: %v %+v", name, err, wb)
		}
	}
	p := filepath.Join(dir, "x.xlsx")
	os.WriteFile(p, []byte("PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet"), 0o644)
	var rej *RejectError
	if _, err := ReadFile(p, "x.xlsx", nov, nil); !errors.As(err, &rej) || rej.Code != "file_ods" {
		t.Errorf(".ods: %v", err)
	}
	q := writeRoster(t, dir, "f.xlsx", [][]any{row(1, "贺国荣", "140502194204206481", nil)})
	f, _ := excelize.OpenFile(q)
	f.SetCellFormula("Sheet1", "G4", `IF(1=2,"城市低保","")`)
	f.Save()
	f.Close()
	wb, err := ReadFile(q, "f.xlsx", nov, nil)
	if err != nil || wb.Entries[0].Held {
		t.Errorf("a formula whose result is empty: %v %+v", err, wb.Entries[0].Findings)
	}
}

// A row of column numbers under the header is skipped with a notice.
func TestColumnNumbersRow(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "n.xlsx", [][]any{
		{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
		row(1, "贺国荣", "140502194204206481", nil),
	})
	wb, err := ReadFile(p, "n.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Entries) != 1 || len(wb.Notices) != 1 || wb.Notices[0].Code != "row_column_numbers" {
		t.Errorf("entries %d, notices %+v", len(wb.Entries), wb.Notices)
	}
}
