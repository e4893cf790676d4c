package roster

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

func writeList(t *testing.T, dir, name string, header []any, rows ...[]any) *Workbook {
	t.Helper()
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", strings.TrimSuffix(name, ".xlsx"))
	f.SetSheetRow("Sheet1", "A2", &header)
	for i, r := range rows {
		r := r
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+3), &r)
	}
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

// The agencies' lists fill empty roster columns, confirm equal ones, hold
// rows that disagree (naming both sources), are ignored outside their
// validity, and the death list reports people on no roster.
func TestStatusLists(t *testing.T) {
	dir := t.TempDir()
	rosterPath := writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", nil),                                       // 4: dibao filled
		row(2, "顾清金", "140502194611306543", map[string]any{"低保类别": "城市低保"}),            // 5: dibao confirmed
		row(3, "姜成", "140502193611014538", map[string]any{"低保类别": "农村低保"}),             // 6: dibao conflict
		row(4, "孙花", "140502192611021100", map[string]any{"残疾等级": "二级", "残疾类别": "肢体"}), // 7: disability conflict
		row(5, "邱成德", "140502192612115846", nil),                                       // 8: death filled
		row(6, "梁香", "140502196601073698", map[string]any{"自理能力": "自理"}),               // 9: bad ID on the roster (not matched)
		row(7, "毛桂英", "140502194103035871", nil),                                       // 10: self-care filled
		row(8, "邵娥花", "140501195309022097", nil),                                       // 11: dibao list out of date
	})
	roster, err := ReadFile(rosterPath, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	dibao := writeList(t, dir, "低保名册.xlsx", []any{"姓名", "身份证号码", "低保类别", "保障起止日期"},
		[]any{"贺国荣", "140502194204206481", "城市低保", "2024-01-01至2026-12-31"},
		[]any{"顾清金", "140502194611306543", "城市低保", "2025-01-01至"},
		[]any{"姜成", "140502193611014538", "城市低保", "2024-01-01至2027-12-31"},
		[]any{"邵娥花", "140501195309022097", "城市低保", "2024-01-01至2026-10-31"},
		[]any{"无效", "123", "城市低保", "2024-01-01至2027-12-31"},
	)
	disab := writeList(t, dir, "残联名册.xlsx", []any{"姓名", "残疾人证号", "残疾等级", "残疾类别", "证件有效期"},
		[]any{"孙花", "14050219261102110011", "一级", "视力", "2028-01-01"},
	)
	death := writeList(t, dir, "11月死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"},
		[]any{"邱成德", "140502192612115846", "2026-09-30"},
		[]any{"外人", "140502193807075930", "2026-11-02"},
	)
	assess := writeList(t, dir, "能力评估结果.xlsx", []any{"姓名", "身份证号", "评估结论", "评估日期"},
		[]any{"毛桂英", "140502194103035871", "不能自理", "2026-06-01"},
	)
	if len(dibao.Statuses) != 4 || len(dibao.Notices) != 1 || dibao.Notices[0].Code != "status_row_invalid" {
		t.Fatalf("dibao list: %d statuses, notices %+v", len(dibao.Statuses), dibao.Notices)
	}
	res := Consolidate([]*Workbook{roster, dibao, disab, death, assess}, nov)
	byRow := map[int]domain.Person{}
	for _, p := range res.People {
		byRow[p.Source.Row] = p
	}
	if byRow[4].Dibao != domain.DibaoUrban || byRow[5].Dibao != domain.DibaoUrban || byRow[11].Dibao != domain.DibaoNone {
		t.Errorf("dibao: filled %v, confirmed %v, out of date %v", byRow[4].Dibao, byRow[5].Dibao, byRow[11].Dibao)
	}
	if byRow[8].Death.Format("2006-01-02") != "2026-09-30" || byRow[10].SelfCare != domain.SelfCareUnable {
		t.Errorf("death %s, self-care %v", byRow[8].Death, byRow[10].SelfCare)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%s", f.Where.File, f.Where.Row, f.Code))
		if f.Code == "status_conflict" && !strings.Contains(f.Message, "低保名册") && !strings.Contains(f.Message, "残疾人名册") {
			t.Errorf("conflict does not name the list: %s", f.Message)
		}
	}
	sort.Strings(got)
	want := []string{
		"11月死亡名单.xlsx:4:death_not_on_roster",
		"东街.xlsx:10:status_filled",
		"东街.xlsx:4:status_filled",
		"东街.xlsx:6:status_conflict",
		"东街.xlsx:7:status_conflict",
		"东街.xlsx:8:status_filled",
		"东街.xlsx:9:id_checksum",
		"低保名册.xlsx:6:status_out_of_date",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
