package roster

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// saveRows writes rows from A1 down on Sheet1, applies tweak (may be nil)
// and saves the workbook as name in dir, returning its path.
func saveRows(t *testing.T, dir, name string, rows [][]any, tweak func(*excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if tweak != nil {
		tweak(f)
	}
	p := filepath.Join(dir, name)
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// Two tables one under the other in a sheet, the second with its columns
// in another order: the rows of the second are read by its own header, so
// a 经济困难 of 是 is never read as a 低保类别 (which would pay the dibao
// rate), and the notice names the columns that moved. The first table's
// 合计 is not the second's.
func TestStackedTablesWithOtherColumnOrder(t *testing.T) {
	dir := t.TempDir()
	p := saveRows(t, dir, "stacked.xlsx", [][]any{
		{"东街街道东街社区2026年11月花名册"},
		{"序号", "姓名", "公民身份号码", "低保类别", "经济困难", "银行账号"},
		{1, "贺国荣", "140502194204206481", "城市低保", "否", "6217000000000001111"},
		{"合计", "1人"}, // the first table's: no row_after_total below the next header
		{"东街街道文昌社区2026年11月花名册"},
		{"序号", "姓名", "公民身份号码", "经济困难", "银行账号", "低保类别"},
		{1, "李桂兰", "140502194702024808", "是", "6217000000000002222", "否"},
		{2, "王秀英", "140502194611306543", "否", "6217000000000003333", "农村低保"},
		{"序号", "姓名", "公民身份号码", "经济困难", "银行账号", "低保类别"}, // a header repeated for printing
		{3, "顾清金", "140502194611151043", "否", "", ""},
	}, func(f *excelize.File) {
		f.SetCellInt("Sheet1", "E10", 6217000000000) // a number cell: checked in the second table's 银行账号 column
	})
	wb, err := ReadFile(p, "stacked.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%s dibao=%d hardship=%v %s %s", e.Person.Name, e.Person.Dibao, e.Person.Hardship, e.Person.BankAccount,
			strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + "@" + f.Where.Column }), ",")))
	}
	sameLines(t, "entries", got, []string{
		fmt.Sprintf("贺国荣 dibao=%d hardship=false 6217000000000001111 ", domain.DibaoUrban),
		fmt.Sprintf("李桂兰 dibao=%d hardship=true 6217000000000002222 ", domain.DibaoNone),
		fmt.Sprintf("王秀英 dibao=%d hardship=false 6217000000000003333 ", domain.DibaoRural),
		fmt.Sprintf("顾清金 dibao=%d hardship=false  account_numeric@E", domain.DibaoNone),
	})
	var notes []string
	for _, n := range wb.Notices {
		notes = append(notes, fmt.Sprintf("%d:%s", n.Where.Row, n.Code))
		if n.Where.Row == 6 && !strings.Contains(n.Message, "低保类别 D列→F列") {
			t.Errorf("notice does not name the moved column: %s", n.Message)
		}
		if n.Where.Row == 9 && strings.Contains(n.Message, "不同") {
			t.Errorf("a header repeated as it is said to differ: %s", n.Message)
		}
	}
	if got := strings.Join(notes, " "); !strings.Contains(got, "6:row_header_repeated") || !strings.Contains(got, "9:row_header_repeated") {
		t.Errorf("notices %v", notes)
	}
}

// A second header with an unknown column that may decide payment (原低保类别
// where the first header had no 低保类别 column) refuses the file, as the
// first header would.
func TestStackedTableHeaderChecked(t *testing.T) {
	dir := t.TempDir()
	p := saveRows(t, dir, "stacked.xlsx", [][]any{
		{"序号", "姓名", "公民身份号码", "银行账号"},
		{1, "贺国荣", "140502194204206481", "6217000000000001111"},
		{"序号", "公民身份号码", "姓名", "低保情况", "银行账号"},
		{1, "140502194702024808", "李桂兰", "城市低保", "6217000000000002222"},
	}, nil)
	_, err := ReadFile(p, "stacked.xlsx", nov, nil)
	var rej *RejectError
	if !errors.As(err, &rej) || rej.Code != "file_header_unknown" || !strings.Contains(rej.Message, "第3行") {
		t.Fatalf("err %v, want file_header_unknown at row 3", err)
	}
}
