package roster

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"disburse/internal/domain"
)

// shownRows returns the rows of the roster sheet of the workbook at path
// as Excel shows them (a date as 1930-10-05, not the serial number the
// cell holds), each as wide as the widest: what Excel or WPS writes when
// the sheet is saved as CSV.
func shownRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(rows, func(r []string) bool { return column(r, "身份") >= 0 && column(r, "姓名") >= 0 }) {
			continue // a 填表说明, which may name the 公民身份号码 column
		}
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		for i, r := range rows {
			rows[i] = append(r, make([]string, width-len(r))...)
		}
		return rows
	}
	t.Fatalf("%s: no roster sheet", path)
	return nil
}

// column returns the index of the first of header's cells that holds
// word (身份 finds 公民身份号码 and 身份证号), -1 when none does.
func column(header []string, word string) int {
	return slices.IndexFunc(header, func(c string) bool { return strings.Contains(c, word) })
}

// writeCSV writes rows as a CSV file at path, with CRLF line ends as Excel
// does: in UTF-8 with a byte-order mark, or in GBK.
func writeCSV(t *testing.T, path string, rows [][]string, gbk bool) {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	text := "\ufeff" + b.String()
	if gbk {
		var err error
		if text, err = simplifiedchinese.GBK.NewEncoder().String(b.String()); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A roster exported as CSV the way Excel or WPS saves it (the cells as
// shown, so dates as text where the workbook keeps serial numbers; every
// row as wide as the widest, blank rows as rows of commas; in UTF-8 with a
// byte-order mark or in GBK; IDs as ="…" or after an apostrophe) reads the
// same people with the same values as the workbook: the same RowsSHA256,
// so a run reads the two once (file_duplicate) instead of refusing both as
// two versions (a tester's street went unpaid). A value changed in the
// export, or a row deleted, gives another RowsSHA256.
func TestCSVExportHasTheWorkbooksRows(t *testing.T) {
	h := rulesHeaders(t)
	dir := t.TempDir()
	for _, street := range []string{"东街", "南街", "西街"} {
		name := "2026年11月_" + street + "街道_老年人补贴花名册"
		xlsx := filepath.Join("../../fixtures/inbox/2026-11", name+".xlsx")
		wb, err := ReadFile(xlsx, name+".xlsx", nov, h)
		if err != nil {
			t.Fatal(err)
		}
		shown := shownRows(t, xlsx)
		header := slices.IndexFunc(shown, func(r []string) bool { return column(r, "身份") >= 0 })
		idCol, accountCol, dibaoCol := column(shown[header], "身份"), column(shown[header], "账号"), column(shown[header], "低保")
		edit := func(change func(rows [][]string) [][]string) [][]string {
			rows := make([][]string, len(shown))
			for i, r := range shown {
				rows[i] = slices.Clone(r)
			}
			return change(rows)
		}
		asText := edit(func(rows [][]string) [][]string {
			for _, r := range rows[header+1:] {
				if r[idCol] != "" {
					r[idCol] = `="` + r[idCol] + `"`
				}
				if r[accountCol] != "" {
					r[accountCol] = "'" + r[accountCol]
				}
			}
			return rows
		})
		changed := edit(func(rows [][]string) [][]string {
			r := rows[header+1]
			if r[dibaoCol] == "城市低保" {
				r[dibaoCol] = "农村低保"
			} else {
				r[dibaoCol] = "城市低保"
			}
			return rows
		})
		deleted := edit(func(rows [][]string) [][]string { return slices.Delete(rows, header+2, header+3) })
		for _, c := range []struct {
			what string
			rows [][]string
			gbk  bool
			same bool
		}{
			{"UTF-8 with a byte-order mark", shown, false, true},
			{"GBK", shown, true, true},
			{"IDs as =\"…\", accounts after '", asText, false, true},
			{"a 低保类别 changed", changed, false, false},
			{"a row deleted", deleted, true, false},
		} {
			p := filepath.Join(dir, name+".csv")
			writeCSV(t, p, c.rows, c.gbk)
			got, err := ReadFile(p, name+".csv", nov, h)
			if err != nil {
				t.Fatalf("%s, %s: %v", street, c.what, err)
			}
			if same := got.RowsSHA256 == wb.RowsSHA256; same != c.same {
				t.Errorf("%s exported as CSV, %s: same RowsSHA256 as the workbook %v, want %v (%d rows read, the workbook %d)",
					street, c.what, same, c.same, got.RowsRead, wb.RowsRead)
			}
		}
	}
	// 北街 has an ID typed as a number: the workbook keeps 15 of its
	// digits, the export shows fewer; both hold the row for it, and the
	// export is the same roster.
	name := "2026年11月_北街街道_老年人补贴花名册"
	xlsx := filepath.Join("../../fixtures/inbox/2026-11", name+".xlsx")
	wb, err := ReadFile(xlsx, name+".xlsx", nov, h)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name+".csv")
	writeCSV(t, p, shownRows(t, xlsx), false)
	got, err := ReadFile(p, name+".csv", nov, h)
	if err != nil {
		t.Fatal(err)
	}
	if got.RowsSHA256 != wb.RowsSHA256 {
		t.Errorf("北街 exported as CSV, its numeric ID shown as Excel shows it: not the workbook's rows (%d rows read, the workbook %d)", got.RowsRead, wb.RowsRead)
	}
}

// Every field a row is read into counts in RowsSHA256, but where it was
// read (Source): a field added to domain.Person, domain.Training or Status
// and left out of rowsSHA256 would let two files that differ in it be
// read as one, and the people of the other go unread.
func TestRowsSHA256CountsEveryField(t *testing.T) {
	fresh := func() *Workbook {
		return &Workbook{Entries: []Entry{{}}, Trainings: []TrainingEntry{{}}, Statuses: []Status{{}}, Notices: []domain.Finding{{Where: domain.Location{Row: 5}}}}
	}
	want := rowsSHA256(fresh())
	differs := func(what string, change func(wb *Workbook)) {
		t.Helper()
		wb := fresh()
		change(wb)
		if rowsSHA256(wb) == want {
			t.Errorf("%s does not count in RowsSHA256", what)
		}
	}
	// each changes, one at a time, every field of the struct at v (a
	// struct within it, Disability, field by field) but Source.
	var each func(what string, v func(wb *Workbook) reflect.Value)
	each = func(what string, v func(wb *Workbook) reflect.Value) {
		typ := v(fresh()).Type()
		for i := range typ.NumField() {
			field := typ.Field(i)
			if field.Name == "Source" {
				continue
			}
			at := func(wb *Workbook) reflect.Value { return v(wb).Field(i) }
			var value any
			switch k := field.Type.Kind(); {
			case field.Type == reflect.TypeFor[time.Time]():
				value = time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC)
			case field.Type == reflect.TypeFor[decimal.Decimal]():
				value = decimal.NewFromInt(1)
			case k == reflect.Struct:
				each(what+"."+field.Name, at)
				continue
			case k == reflect.String:
				value = "x"
			case k == reflect.Int:
				value = 1
			case k == reflect.Bool:
				value = true
			default:
				t.Fatalf("%s.%s: a %s, which this test cannot change", what, field.Name, field.Type)
			}
			differs(what+"."+field.Name, func(wb *Workbook) { at(wb).Set(reflect.ValueOf(value).Convert(field.Type)) })
		}
	}
	each("Person", func(wb *Workbook) reflect.Value { return reflect.ValueOf(&wb.Entries[0].Person).Elem() })
	each("Training", func(wb *Workbook) reflect.Value { return reflect.ValueOf(&wb.Trainings[0].Training).Elem() })
	each("Status", func(wb *Workbook) reflect.Value { return reflect.ValueOf(&wb.Statuses[0]).Elem() })
	for what, change := range map[string]func(wb *Workbook){
		"Entry.Held":             func(wb *Workbook) { wb.Entries[0].Held = true },
		"Entry.Alive":            func(wb *Workbook) { wb.Entries[0].Alive = true },
		"Entry.Resumes":          func(wb *Workbook) { wb.Entries[0].Resumes = true },
		"Entry.AccountConfirmed": func(wb *Workbook) { wb.Entries[0].AccountConfirmed = true },
		"Entry.hiddenSheet":      func(wb *Workbook) { wb.Entries[0].hiddenSheet = true },
		"Entry.movedTo":          func(wb *Workbook) { wb.Entries[0].movedTo = "西街街道" },
		"Entry.meterNumber":      func(wb *Workbook) { wb.Entries[0].meterNumber = "7641112928" },
		"a finding's code":       func(wb *Workbook) { wb.Entries[0].Findings = []domain.Finding{{Code: "id_checksum"}} },
		"a finding's message":    func(wb *Workbook) { wb.Entries[0].Findings = []domain.Finding{{Message: "备注「迁往西街」"}} },
		"a finding's header": func(wb *Workbook) {
			wb.Entries[0].Findings = []domain.Finding{{Where: domain.Location{Header: "低保类别"}}}
		},
		"TrainingEntry.Held":    func(wb *Workbook) { wb.Trainings[0].Held = true },
		"a training finding":    func(wb *Workbook) { wb.Trainings[0].Findings = []domain.Finding{{Code: "training_id"}} },
		"a row's notice":        func(wb *Workbook) { wb.Notices[0].Code = "row_template" },
		"a row moved to a list": func(wb *Workbook) { wb.Statuses = append(wb.Statuses, Status{}) },
	} {
		differs(what, change)
	}
	// Where a row was read, the ID as written and a sheet's notices do
	// not count: a CSV export has other sheets, rows and cell texts.
	wb := fresh()
	wb.Entries[0].Person.Source = domain.Location{File: "东街.csv", Sheet: "CSV", Row: 7}
	wb.Entries[0].RawID = "'140502194204206481"
	wb.Notices = append(wb.Notices, domain.Finding{Code: "sheet_skipped", Where: domain.Location{Sheet: "填表说明"}})
	if rowsSHA256(wb) != want {
		t.Error("where a row was read, the ID as written or a sheet's notice counts in RowsSHA256")
	}
}
