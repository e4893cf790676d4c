package roster

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// A file of 0 bytes is told to be empty (a download or copy not finished),
// not a web page renamed, whatever its extension.
func TestEmptyFileRefusedAsEmpty(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"空.xlsx", "空.csv"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadFile(p, name, nov, nil)
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_empty" || !strings.Contains(rej.Message, "0 字节") || strings.Contains(rej.Message, "网页") {
			t.Errorf("%s: %v, want file_empty", name, err)
		}
	}
}

// A row with neither 姓名 nor 公民身份号码 is one finding, never a paid
// row nor a row told it is paid: with only stray content (a value far
// away under the header, a note in 备注, a title line in the 序号 column)
// it is skipped with one notice quoting the cells; with something in a
// column of a person's data (银行账号) it is held once, naming the column.
func TestRowWithoutNameOrID(t *testing.T) {
	dir := t.TempDir()
	p := saveRows(t, dir, "东街.xlsx", [][]any{
		{"序号", "街道", "社区", "姓名", "公民身份号码", "银行账号", "备注"},
		{1, "东街街道", "东街社区", "贺国荣", "140502194204206481", "6217000000000001111", ""},
		{2, "东街街道", "东街社区", "", "", "", "以下空白"},
		{"东街街道文昌社区2026年11月花名册"},
		{3, "东街街道", "", "", "", "6217000000000002222", ""},
		// 以下空白 under 姓名 was held as a person without an ID (a tester's)
		{4, "东街街道", "东街社区", "以下空白"},
		{nil, nil, nil, "（空白）"},
		{nil, nil, nil, "以下空白", "以下空白"},
	}, func(f *excelize.File) {
		f.SetCellStr("Sheet1", "XFD60", "x")
	})
	wb, err := ReadFile(p, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%d %v %s", e.Person.Source.Row, e.Held, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + "@" + f.Where.Column }), ",")))
	}
	sameLines(t, "entries", got, []string{"2 false ", "5 true id_missing@E"})
	for _, e := range wb.Entries {
		if e.Person.Source.Row == 5 && !strings.Contains(e.Findings[0].Message, "「银行账号」") {
			t.Errorf("held row does not name the column filled: %s", e.Findings[0].Message)
		}
	}
	var notes []string
	for _, n := range wb.Notices {
		notes = append(notes, fmt.Sprintf("%d:%s", n.Where.Row, n.Code))
		if strings.Contains(n.Message, "照常发放") {
			t.Errorf("row %d told it is paid: %s", n.Where.Row, n.Message)
		}
	}
	sameLines(t, "notices", notes, []string{"3:row_template", "4:row_template", "6:row_template", "7:row_template", "8:row_template", "60:row_template"})
	for _, n := range wb.Notices {
		if n.Where.Row == 60 && !strings.Contains(n.Message, "XFD60「x」") {
			t.Errorf("the stray cell is not quoted: %s", n.Message)
		}
	}
	if wb.RowsRead != 2 {
		t.Errorf("RowsRead %d, want 2 (a person and a row that may be one)", wb.RowsRead)
	}
}
