package roster

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// A sheet the roster's formulas look up (低保名单, the source of a
// VLOOKUP filling 低保类别) is set aside, not read as a second roster:
// read, it paid 周某, on the lookup table but on no roster, at the dibao
// rate. Its people on no sheet read are named. A sheet of people no
// formula names (补报) is read as before.
func TestLookupSheetIsNoRoster(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "花名册")
	f.SetSheetRow("花名册", "A3", &header)
	people := [][]any{row(1, "邹香", "140502194204206481", nil), row(2, "王秀英", "140502194702024808", nil)}
	for i, r := range people {
		f.SetSheetRow("花名册", fmt.Sprintf("A%d", 4+i), &r)
		f.SetCellFormula("花名册", fmt.Sprintf("G%d", 4+i), fmt.Sprintf(`IFERROR(VLOOKUP(E%d,'低保 名单'!B:C,2,0),"")`, 4+i))
		f.SetCellStr("花名册", fmt.Sprintf("G%d", 4+i), "城市低保") // the result cached
		f.SetCellFormula("花名册", fmt.Sprintf("G%d", 4+i), fmt.Sprintf(`IFERROR(VLOOKUP(E%d,'低保 名单'!B:C,2,0),"")`, 4+i))
	}
	f.NewSheet("低保 名单")
	f.SetSheetRow("低保 名单", "A1", &[]any{"姓名", "身份证号码", "低保类别"})
	f.SetSheetRow("低保 名单", "A2", &[]any{"邹香", "140502194204206481", "城市低保"})
	f.SetSheetRow("低保 名单", "A3", &[]any{"周某", "140502194611306543", "城市低保"})
	f.NewSheet("补报")
	f.SetSheetRow("补报", "A3", &header)
	extra := row(3, "李四", "140502194703050012", nil)
	f.SetSheetRow("补报", "A4", &extra)
	p := filepath.Join(t.TempDir(), "东街.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	wb := readAll(t, p)[0]
	var names []string
	for _, e := range wb.Entries {
		names = append(names, e.Person.Name+"@"+e.Person.Source.Sheet)
	}
	if want := []string{"邹香@花名册", "王秀英@花名册", "李四@补报"}; !slices.Equal(names, want) {
		t.Errorf("read %v, want %v", names, want)
	}
	i := slices.IndexFunc(wb.Notices, func(n domain.Finding) bool { return n.Code == "sheet_lookup" })
	if i < 0 || wb.Notices[i].Where.Sheet != "低保 名单" || !strings.Contains(wb.Notices[i].Message, "「花名册」表的公式") || !strings.Contains(wb.Notices[i].Message, "周某（第3行）") {
		t.Errorf("notices: %+v", wb.Notices)
	}
}

// formulaSheets names the sheets of this workbook a formula names, quoted
// or not, once each, and not another workbook's.
func TestFormulaSheets(t *testing.T) {
	got := formulaSheets(`IFERROR(VLOOKUP(F3,低保名单!B:C,2,0),VLOOKUP(F3,'11月 名单'!A:B,2,0))+SUM(低保名单!D1:D9)+'it''s'!A1+[1]Sheet1!A1+'[2]外表'!B2`, nil)
	if want := []string{"低保名单", "11月 名单", "it's"}; !slices.Equal(got, want) {
		t.Errorf("formulaSheets = %q, want %q", got, want)
	}
}
