package roster

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
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

// markedRoster writes 东街's header as two rows: every header merged down
// over rows 2 and 3 but parent, merged over two columns in row 2 above
// 城市 and 农村 in row 3. rows are the people from row 4, each a name, an
// ID and the two marks.
func markedRoster(t *testing.T, parent string, rows [][]any) string {
	t.Helper()
	top := []any{"序号", "街道(乡镇)", "社区(村)", "姓名", "性别", "公民身份号码", "出生日期", parent, "", "经济困难", "自理能力", "银行账号", "备注"}
	if parent == "低保" {
		top = slices.Insert(top, 9, any("特困类别"))
	} else {
		top = slices.Insert(top, 7, any("低保类别"))
	}
	at := slices.Index(top, any(parent))
	sub := make([]any, len(top))
	sub[at], sub[at+1] = "城市", "农村"
	all := [][]any{{"东街街道2026年11月老年人补贴花名册"}, top, sub}
	for i, r := range rows {
		cells := make([]any, len(top))
		cells[0], cells[1], cells[2], cells[3], cells[5] = i+1, "东街街道", "东上社区", r[0], r[1]
		cells[at], cells[at+1] = r[2], r[3]
		all = append(all, cells)
	}
	return saveRows(t, t.TempDir(), "东街.xlsx", all, func(f *excelize.File) {
		for i := range top {
			col := columnLetter(i)
			if i == at {
				f.MergeCell("Sheet1", col+"2", columnLetter(i+1)+"2")
			} else if i != at+1 {
				f.MergeCell("Sheet1", col+"2", col+"3")
			}
		}
	})
}

// 低保 merged over 城市 and 农村, each dibao senior's √ in the column of their
// kind: read as the 低保类别 (it was read as no 低保类别 at all, every dibao
// senior paid as not dibao), whether 低保 is an alias of 低保类别 or not. A
// row marked in both is held as a conflict, an unknown mark at its column;
// the mark columns are neither ignored nor a header repeated.
func TestDibaoAsCheckMarks(t *testing.T) {
	rows := [][]any{
		{"贺国荣", "140502194204206481", "√", nil},
		{"李桂兰", "140502194702024808", nil, "✓"},
		{"王秀英", "140502194611306543", nil, nil},
		{"赵桂芳", "140502194703050012", "是", 1},
		{"孙珍美", "140502194611301101", "✔", "否"},
		{"魏巧花", "140502194506075309", nil, "有"},
		{"邹香", "140581193010053828", nil, 1},
	}
	for _, aliases := range []bool{true, false} {
		var h *Headers
		if aliases {
			h = rulesHeaders(t)
		}
		wb, err := ReadFile(markedRoster(t, "低保", rows), "东街.xlsx", nov, h)
		if err != nil {
			t.Fatalf("aliases %v: %v", aliases, err)
		}
		var got []string
		for _, e := range wb.Entries {
			got = append(got, fmt.Sprintf("%s %v %v %s", e.Person.Name, e.Person.Dibao, e.Held, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + "@" + f.Where.Column }), ",")))
		}
		sameLines(t, fmt.Sprintf("aliases %v", aliases), got, []string{
			fmt.Sprintf("贺国荣 %v false ", domain.DibaoUrban),
			fmt.Sprintf("李桂兰 %v false ", domain.DibaoRural),
			fmt.Sprintf("王秀英 %v false ", domain.DibaoNone),
			fmt.Sprintf("赵桂芳 %v true column_conflict@H", domain.DibaoNone),
			fmt.Sprintf("孙珍美 %v false ", domain.DibaoUrban),
			fmt.Sprintf("魏巧花 %v true value_unknown@I", domain.DibaoNone),
			fmt.Sprintf("邹香 %v false ", domain.DibaoRural),
		})
		if len(wb.Entries) == 7 && len(wb.Entries[3].Findings) > 0 {
			if msg := wb.Entries[3].Findings[0].Message; !strings.Contains(msg, "（H列）和") || !strings.Contains(msg, "（I列）都打了勾") || !strings.Contains(msg, "城市低保还是农村低保") {
				t.Errorf("aliases %v: conflict message %q", aliases, msg)
			}
		}
		for _, n := range wb.Notices {
			if n.Code == "columns_ignored" || n.Code == "row_header_repeated" {
				t.Errorf("aliases %v: notice %s %s", aliases, n.Code, n.Message)
			}
		}
		if len(wb.NoDibao) > 0 {
			t.Errorf("aliases %v: NoDibao %v", aliases, wb.NoDibao)
		}
	}
}

// 特困 merged over 城市 and 农村 is read the same way as the 特困类别.
func TestTekunAsCheckMarks(t *testing.T) {
	wb, err := ReadFile(markedRoster(t, "特困", [][]any{
		{"贺国荣", "140502194204206481", nil, "√"},
		{"李桂兰", "140502194702024808", "√", nil},
		{"王秀英", "140502194611306543", nil, nil},
	}), "东街.xlsx", nov, rulesHeaders(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%s %v %v", e.Person.Name, e.Person.Tekun, e.Held))
	}
	sameLines(t, "特困", got, []string{
		fmt.Sprintf("贺国荣 %v false", domain.TekunRural),
		fmt.Sprintf("李桂兰 %v false", domain.TekunUrban),
		fmt.Sprintf("王秀英 %v false", domain.TekunNone),
	})
}

// Columns headed 城市低保 and 农村低保 on a one-row header are check marks
// too (they were refused as unknown headers that may be the 低保类别).
func TestDibaoMarkColumnsInOneRow(t *testing.T) {
	p := saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
		{"姓名", "公民身份号码", "城市低保", "农村低保"},
		{"贺国荣", "140502194204206481", nil, "√"},
		{"李桂兰", "140502194702024808", nil, nil},
	}, nil)
	wb, err := ReadFile(p, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%s %v %v", e.Person.Name, e.Person.Dibao, e.Held))
	}
	sameLines(t, "城市低保, 农村低保", got, []string{
		fmt.Sprintf("贺国荣 %v false", domain.DibaoRural),
		fmt.Sprintf("李桂兰 %v false", domain.DibaoNone),
	})
}
