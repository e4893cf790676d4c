package roster

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A tester copied 东街's header A3:P3 to R3 and put three more people beside
// the first three: every column was a twin, the left rows were held as
// conflicts and the right table's people were neither listed, paid nor
// held. The workbook is refused, naming the sheet, the header row and the
// column where the second table starts, with or without a gap between the
// tables.
func TestTablesSideBySideRefused(t *testing.T) {
	left := [][]any{
		row(1, "贺国荣", "140502194204206481", nil),
		row(2, "李桂兰", "140502194702024808", nil),
		row(3, "王秀英", "140502194611306543", nil),
	}
	right := [][]any{
		row(1, "赵桂芳", "140502194703050012", nil),
		row(2, "孙珍美", "140502194611301101", nil),
		row(3, "魏巧花", "140502194506075309", nil),
	}
	for _, gap := range []int{1, 0} {
		start := len(header) + gap
		rows := [][]any{{"东街街道2026年11月老年人补贴花名册"}, {"填报单位：东街街道"}, slices.Concat(header, make([]any, gap), header)}
		for i := range left {
			rows = append(rows, slices.Concat(left[i], make([]any, gap), right[i]))
		}
		p := saveRows(t, t.TempDir(), "东街.xlsx", rows, nil)
		_, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_tables_side_by_side" {
			t.Fatalf("gap %d: %v, want file_tables_side_by_side", gap, err)
		}
		for _, want := range []string{"工作表「Sheet1」第3行", columnLetter(start) + "列", "请把两张表上下排列或分成两个工作表后重新报送"} {
			if !strings.Contains(rej.Message, want) {
				t.Errorf("gap %d: message %q lacks %q", gap, rej.Message, want)
			}
		}
	}
}

// Columns of someone else's under a parent (代领人信息 over a second 姓名
// and 身份证号, 老人信息 over the senior's) are no second table, nor twins:
// the senior's columns are read and nobody is held.
func TestAgentColumnsUnderAParentAreNoSecondTable(t *testing.T) {
	merge := func(f *excelize.File) {
		f.MergeCell("Sheet1", "A1", "B1")
		f.MergeCell("Sheet1", "C1", "D1")
	}
	p := saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
		{"老人信息", "", "代领人信息", ""},
		{"姓名", "身份证号", "姓名", "身份证号"},
		{"贺国荣", "140502194204206481", "李代领", "140502194611306543"},
	}, merge)
	wb, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Entries) != 1 || wb.Entries[0].Held || wb.Entries[0].Person.Name != "贺国荣" || wb.Entries[0].Person.ID != "140502194204206481" {
		t.Errorf("entries %+v", wb.Entries)
	}
}
