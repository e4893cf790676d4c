package roster

import (
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A street's workbook with a sheet per benefit, the 护理补贴 sheet giving
// only who the seniors are (姓名, 身份证号码, 自理能力), lists its people twice:
// the columns it does not have are no disagreement with the full sheet,
// whose row is paid, whatever the order of the sheets. Before this every
// senior on both sheets was held (duplicate_conflict on 低保类别, 银行账号).
// A value both sheets give and that differs still holds both rows, and so
// does a difference that no row can settle, each sheet lacking a column
// the other gives.
func TestPartialSheetIsNoConflict(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "护理补贴")
	f.NewSheet("高龄津贴")
	f.NewSheet("账号")
	f.SetSheetRow("护理补贴", "A1", &[]any{"序号", "姓名", "身份证号码", "自理能力"})
	f.SetSheetRow("护理补贴", "A2", &[]any{1, "甲一", "140502194204206481", "不能自理"}) // the full row is paid
	f.SetSheetRow("护理补贴", "A3", &[]any{2, "乙二", "140502194611306543", "自理"})   // 自理能力 differs: held
	f.SetSheetRow("高龄津贴", "A1", &header)
	f.SetSheetRow("高龄津贴", "A2", &[]any{1, "东街街道", "景德社区", "甲一", "140502194204206481", "", "城市低保", "", "", "不能自理", "", "", "", "6217000000000000001"})
	f.SetSheetRow("高龄津贴", "A3", &[]any{2, "东街街道", "景德社区", "乙二", "140502194611306543", "", "城市低保", "", "", "不能自理", "", "", "", "6217000000000000002"})
	// 丙三's 低保类别 only on a sheet without 银行账号, the account only on one
	// without 低保类别: no row gives both.
	f.NewSheet("低保")
	f.SetSheetRow("低保", "A1", &[]any{"姓名", "身份证号码", "低保类别"})
	f.SetSheetRow("低保", "A2", &[]any{"丙三", "140502193611014538", "城市低保"})
	f.SetSheetRow("账号", "A1", &[]any{"姓名", "身份证号码", "银行账号"})
	f.SetSheetRow("账号", "A2", &[]any{"丙三", "140502193611014538", "6217000000000000003"})
	wb := readSaved(t, f, t.TempDir(), "东街.xlsx")
	res := Consolidate([]*Workbook{wb}, nov)
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name+"/"+p.Source.Sheet+" "+p.Dibao.String()+" "+p.BankAccount)
	}
	sameLines(t, "paid", paid, []string{"甲一/高龄津贴 城市低保 6217000000000000001"})
	// Nobody is paid from the sheets of some columns only, their rows copies
	// of 高龄津贴's or held with them for a disagreement: what they lack
	// decides nothing (a newcomer's 护理补贴 sheet, held for a 自理能力
	// conflict, still printed ！！ for four columns).
	var covered []string
	for k := range res.SheetsPaidElsewhere {
		covered = append(covered, k[1])
	}
	slices.Sort(covered)
	sameLines(t, "paid elsewhere", covered, []string{"低保", "护理补贴", "账号"})
	// 乙二's rows disagree on 自理能力 alone: each is held at that column,
	// not at one the other sheet lacks (高龄津贴's 低保类别 was named).
	for _, e := range wb.Entries {
		if e.Person.Name != "乙二" {
			continue
		}
		if f := e.Findings[len(e.Findings)-1]; f.Code != "duplicate_conflict" || f.Where.Header != FieldSelfCare.Header() {
			t.Errorf("乙二 on %s: %s at %s", e.Person.Source.Sheet, f.Code, f.Where.Header)
		}
	}
}

// A senior listed only on a sheet per benefit without a 街道 column, in a
// workbook whose full sheet names one street, is that street's: she went
// to the 未填街道 copy, and next month, her row moved to the full sheet, was
// told as moved from （未填街道） into her own street (跨街道转移). With two
// streets named on the full sheet the sheet's street is not known.
func TestSheetWithoutStreetTakesTheWorkbooksStreet(t *testing.T) {
	for _, c := range []struct{ other, want string }{{"东街", "东街街道"}, {"西街街道", ""}} {
		f := excelize.NewFile()
		f.SetSheetName("Sheet1", "高龄津贴")
		f.NewSheet("护理补贴")
		f.SetSheetRow("高龄津贴", "A1", &header)
		f.SetSheetRow("高龄津贴", "A2", &[]any{1, "东街街道", "景德社区", "甲一", "140502194204206481", "", "城市低保", "", "", "不能自理", "", "", "", "6217000000000000001"})
		f.SetSheetRow("高龄津贴", "A3", &[]any{2, c.other, "景德社区", "乙二", "140502194611306543", "", "", "", "", "自理", "", "", "", "6217000000000000002"})
		f.SetSheetRow("护理补贴", "A1", &[]any{"序号", "姓名", "身份证号码", "自理能力"})
		f.SetSheetRow("护理补贴", "A2", &[]any{1, "丙三", "140502195802099473", "不能自理"})
		wb := readSaved(t, f, t.TempDir(), "东街.xlsx")
		for _, e := range wb.Entries {
			if e.Person.Name == "丙三" && e.Person.Street != c.want {
				t.Errorf("beside %s: 丙三's street %q, want %q", c.other, e.Person.Street, c.want)
			}
		}
	}
}
