package roster

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// FuzzReadFile feeds arbitrary bytes to the workbook reader as .xlsx and
// .csv: it must return a workbook or a RejectError, never panic or hang.
// Seeds are real-shaped files: the acceptance rosters and small rosters.
func FuzzReadFile(f *testing.F) {
	paths, _ := filepath.Glob("../../fixtures/acceptance/2026-11/inbox/*.xlsx")
	for _, p := range paths[:1] {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, false)
		}
	}
	f.Add([]byte("序号,姓名,公民身份号码,低保类别\n1,贺国荣,140502194204206481,城市低保\n"), true)
	f.Add([]byte("姓名,身份证号\n,\n合计\n"), true)
	f.Add([]byte("PK\x03\x04"), false)
	f.Add([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), false)
	dir := f.TempDir()
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "出生日期", "死亡日期", "残疾等级"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"贺国荣", "140502194204206481", 15451, "2026-11-10", "二"})
	x.MergeCell("Sheet1", "C2", "C5")
	if err := x.SaveAs(filepath.Join(dir, "seed.xlsx")); err == nil {
		b, _ := os.ReadFile(filepath.Join(dir, "seed.xlsx"))
		f.Add(b, false)
	}
	f.Fuzz(func(t *testing.T, data []byte, csv bool) {
		name := "f.xlsx"
		if csv {
			name = "f.csv"
		}
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		wb, err := ReadFile(p, name, nov, nil)
		if err != nil {
			if _, ok := err.(*RejectError); !ok {
				t.Fatalf("error is not a RejectError: %v", err)
			}
			return
		}
		for _, e := range wb.Entries {
			if !e.Held && len(e.Person.ID) != 18 {
				t.Fatalf("paid entry with ID %q", e.Person.ID)
			}
		}
	})
}

// FuzzParseRow feeds arbitrary cell texts to the row parser: a row is either
// held with a reason or gives a person with a valid ID, never a panic.
func FuzzParseRow(f *testing.F) {
	f.Add("贺国荣", "140502194204206481", "1942/4/20", "城市低保", "一级", "肢体残疾", "2026年11月3日", "6217 0000-1")
	f.Add("", "1.40502195711201E+17", "46-03-05", "待定", "五级", "其他", "46336", "无")
	f.Add("x", "14050242042064", "１９４２年４月２０日", "是", "4", "", "", "0")
	f.Add("王五", "140502193807075930", "一九三八年七月七日", "", "", "", "二○二六年十一月三十一日", "")
	f.Fuzz(func(t *testing.T, name, id, birth, dibao, grade, category, death, bank string) {
		var cols columns
		for i := range cols {
			cols[i] = -1
		}
		vals := map[Field]string{FieldName: name, FieldID: id, FieldBirth: birth, FieldDibao: dibao, FieldGrade: grade, FieldCategory: category, FieldDeath: death, FieldBankAccount: bank}
		i := 0
		for f := range vals {
			cols[f] = i
			i++
		}
		get := func(f Field) string { return clean(vals[f]) }
		e := parseRow(get, &cols, loc(), nov, false)
		if e.Held && len(e.Findings) == 0 {
			t.Fatal("held without a reason")
		}
		if !e.Held && len(e.Person.ID) != 18 {
			t.Fatalf("not held with ID %q", e.Person.ID)
		}
	})
}

func loc() domain.Location { return domain.Location{File: "f.xlsx", Sheet: "Sheet1", Row: 2} }
