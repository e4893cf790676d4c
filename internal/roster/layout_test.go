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
	return markedRosterUnder(t, parent, []string{"城市", "农村"}, rows)
}

// markedRosterUnder is markedRoster with parent merged over the columns
// kids, each row a name, an ID and a mark for each kid.
func markedRosterUnder(t *testing.T, parent string, kids []string, rows [][]any) string {
	t.Helper()
	top := []any{"序号", "街道(乡镇)", "社区(村)", "姓名", "性别", "公民身份号码", "出生日期", parent}
	for range kids[1:] {
		top = append(top, "")
	}
	top = append(top, "经济困难", "自理能力", "银行账号", "备注")
	at := slices.Index(top, any(parent))
	if strings.Contains(parent, "特困") {
		top = slices.Insert(top, 7, any("低保类别"))
		at++
	} else {
		top = slices.Insert(top, at+len(kids), any("特困类别"))
	}
	sub := make([]any, len(top))
	for k, kid := range kids {
		sub[at+k] = kid
	}
	all := [][]any{{"东街街道2026年11月老年人补贴花名册"}, top, sub}
	for i, r := range rows {
		cells := make([]any, len(top))
		cells[0], cells[1], cells[2], cells[3], cells[5] = i+1, "东街街道", "东上社区", r[0], r[1]
		copy(cells[at:at+len(kids)], r[2:])
		all = append(all, cells)
	}
	return saveRows(t, t.TempDir(), "东街.xlsx", all, func(f *excelize.File) {
		for i := range top {
			col := columnLetter(i)
			if i == at {
				f.MergeCell("Sheet1", col+"2", columnLetter(i+len(kids)-1)+"2")
			} else if i < at || i >= at+len(kids) {
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
		got := entryLines(wb, func(e Entry) string {
			return fmt.Sprintf("%s %v %v %s", e.Person.Name, e.Person.Dibao, e.Held, codesAt(e))
		})
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
		if codes, _ := missingNotices(wb); slices.Contains(codes, "Sheet1 column_dibao_missing") {
			t.Errorf("aliases %v: %v", aliases, codes)
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
	got := entryLines(wb, func(e Entry) string { return fmt.Sprintf("%s %v %v", e.Person.Name, e.Person.Tekun, e.Held) })
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
	got := entryLines(wb, func(e Entry) string { return fmt.Sprintf("%s %v %v", e.Person.Name, e.Person.Dibao, e.Held) })
	sameLines(t, "城市低保, 农村低保", got, []string{
		fmt.Sprintf("贺国荣 %v false", domain.DibaoRural),
		fmt.Sprintf("李桂兰 %v false", domain.DibaoNone),
	})
}

// A parent naming the 低保类别 (低保类别, 低保类型, 是否低保, 低保) merged
// over check-mark columns headed by the kind alone or with 低保 (城市低保
// and 农村低保, 城镇 and 农村): read as the 低保类别. 低保类别 over 城市低保
// and 农村低保 was read from its first row alone, the 低保类别 in the
// column of 城市低保: its √ held as an unknown value and a 农村低保
// senior, marked in the next column, paid as not dibao (230 for 270).
func TestDibaoMarksUnderParent(t *testing.T) {
	rows := [][]any{
		{"贺国荣", "140502194204206481", "√", nil},
		{"李桂兰", "140502194702024808", nil, "√"},
		{"王秀英", "140502194611306543", nil, nil},
	}
	want := []string{
		fmt.Sprintf("贺国荣 %v false", domain.DibaoUrban),
		fmt.Sprintf("李桂兰 %v false", domain.DibaoRural),
		fmt.Sprintf("王秀英 %v false", domain.DibaoNone),
	}
	for _, parent := range []string{"低保类别", "低保类型", "是否低保", "低保"} {
		for _, kids := range [][]string{{"城市低保", "农村低保"}, {"城镇低保", "农村低保"}, {"城市", "农村"}, {"城镇", "农村"}} {
			for _, aliases := range []bool{true, false} {
				var h *Headers
				if aliases {
					h = rulesHeaders(t)
				} else if parent == "低保类型" || parent == "是否低保" {
					continue // no header without the aliases
				}
				what := fmt.Sprintf("%s over %v, aliases %v", parent, kids, aliases)
				wb, err := ReadFile(markedRosterUnder(t, parent, kids, rows), "东街.xlsx", nov, h)
				if err != nil {
					t.Errorf("%s: %v", what, err)
					continue
				}
				got := entryLines(wb, func(e Entry) string { return fmt.Sprintf("%s %v %v", e.Person.Name, e.Person.Dibao, e.Held) })
				sameLines(t, what, got, want)
				for _, n := range wb.Notices {
					if n.Code == "columns_ignored" || n.Code == "row_header_repeated" {
						t.Errorf("%s: notice %s %s", what, n.Code, n.Message)
					}
				}
			}
		}
	}
}

// 低保 over 城市, 农村 and 边缘 (or 低保边缘): the third column of marks is
// read as 低保边缘. It was ignored (columns_ignored), and a 低保边缘 senior
// lost 护理补贴 and 困难残疾人生活补贴. So in a one-row header.
func TestDibaoMarginalMarks(t *testing.T) {
	rows := [][]any{
		{"贺国荣", "140502194204206481", "√", nil, nil},
		{"李桂兰", "140502194702024808", nil, "√", nil},
		{"王秀英", "140502194611306543", nil, nil, "√"},
		{"赵桂芳", "140502194703050012", nil, nil, nil},
		{"孙珍美", "140502194611301101", "√", nil, "√"},
	}
	want := []string{
		fmt.Sprintf("贺国荣 %v false ", domain.DibaoUrban),
		fmt.Sprintf("李桂兰 %v false ", domain.DibaoRural),
		fmt.Sprintf("王秀英 %v false ", domain.DibaoMarginal),
		fmt.Sprintf("赵桂芳 %v false ", domain.DibaoNone),
		fmt.Sprintf("孙珍美 %v true column_conflict@H", domain.DibaoNone),
	}
	read := func(what, p string) {
		t.Helper()
		wb, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		got := entryLines(wb, func(e Entry) string {
			return fmt.Sprintf("%s %v %v %s", e.Person.Name, e.Person.Dibao, e.Held, codesAt(e))
		})
		sameLines(t, what, got, want)
		for _, n := range wb.Notices {
			if n.Code == "columns_ignored" {
				t.Errorf("%s: notice %s %s", what, n.Code, n.Message)
			}
		}
	}
	for _, kid := range []string{"边缘", "低保边缘"} {
		read("低保 over 城市, 农村, "+kid, markedRosterUnder(t, "低保", []string{"城市", "农村", kid}, rows))
	}
	one := [][]any{{"序号", "街道(乡镇)", "社区(村)", "姓名", "性别", "公民身份号码", "出生日期", "城市低保", "农村低保", "低保边缘"}}
	for i, r := range rows {
		one = append(one, append([]any{i + 1, "东街街道", "东上社区", r[0], nil, r[1], nil}, r[2:]...))
	}
	read("one row", saveRows(t, t.TempDir(), "东街.xlsx", one, nil))
}

// A column under a parent of check marks that marks no kind the program
// knows (低保 over 城市, 农村 and 其他; 特困 over 城市, 农村 and 边缘) refuses
// the file, naming it: ignored, the people marked there were paid as not
// dibao (not 特困).
func TestUnknownMarkColumnRefused(t *testing.T) {
	rows := [][]any{{"贺国荣", "140502194204206481", nil, nil, "√"}}
	for _, c := range []struct {
		parent string
		kids   []string
		want   string
	}{
		{"低保", []string{"城市", "农村", "其他"}, "「低保」下的「其他」列（J列）"},
		{"低保类别", []string{"城市低保", "农村低保", "低保金"}, "「低保类别」下的「低保金」列（J列）"},
		{"特困", []string{"城市", "农村", "边缘"}, "「特困」下的「边缘」列（K列）"},
	} {
		_, err := ReadFile(markedRosterUnder(t, c.parent, c.kids, rows), "东街.xlsx", nov, rulesHeaders(t))
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_header_unknown" || !strings.Contains(rej.Message, c.want) || !strings.Contains(rej.Message, "第3行") {
			t.Errorf("%s over %v: %v, want file_header_unknown at %s", c.parent, c.kids, err, c.want)
		}
	}
}

// A 低保类别 (特困类别) column read for its values that holds ticks (√)
// and names no kind in any row is a column of check marks not understood
// as such: the file is refused, since a senior whose mark is elsewhere
// (a column beside it without a header) would be paid as not dibao. A
// tick among kinds is a slip, held at its row, the others paid.
func TestTickedStatusColumnRefused(t *testing.T) {
	for _, c := range []struct {
		column string
		values []any
		held   string
	}{
		{"低保类别", []any{"√", nil, nil}, ""},
		{"低保类别", []any{nil, "✔", "否"}, ""},
		{"特困类别", []any{nil, nil, "√"}, ""},
		{"低保类别", []any{"√", "农村低保", nil}, "贺国荣 true value_unknown,李桂兰 false ,王秀英 false "},
	} {
		rows := [][]any{header}
		for i, p := range []struct{ name, id string }{{"贺国荣", "140502194204206481"}, {"李桂兰", "140502194702024808"}, {"王秀英", "140502194611306543"}} {
			rows = append(rows, row(i+1, p.name, p.id, map[string]any{c.column: c.values[i]}))
		}
		p := saveRows(t, t.TempDir(), "东街.xlsx", rows, nil)
		wb, err := ReadFile(p, "东街.xlsx", nov, nil)
		var rej *RejectError
		if c.held == "" {
			col := "G列"
			if c.column == "特困类别" {
				col = "H列"
			}
			if !errors.As(err, &rej) || rej.Code != "file_status_ticked" || !strings.Contains(rej.Message, "「"+c.column+"」列（"+col+"）填的是打勾") {
				t.Errorf("%s %v: %v, want file_status_ticked", c.column, c.values, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s %v: %v", c.column, c.values, err)
		}
		got := entryLines(wb, func(e Entry) string {
			return fmt.Sprintf("%s %v %s", e.Person.Name, e.Held, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code }), ","))
		})
		if strings.Join(got, ",") != c.held {
			t.Errorf("%s %v: got %q, want %q", c.column, c.values, strings.Join(got, ","), c.held)
		}
	}
	// 是否低保 asks a question a tick answers: the ticked row is held, the
	// others paid, the file read.
	asked := slices.Clone(header)
	asked[slices.Index(asked, "低保类别")] = "是否低保"
	rows := [][]any{asked}
	for i, p := range []struct{ name, id, tick string }{{"贺国荣", "140502194204206481", "√"}, {"李桂兰", "140502194702024808", ""}} {
		r := row(i+1, p.name, p.id, nil)
		r[slices.Index(asked, "是否低保")] = p.tick
		rows = append(rows, r)
	}
	wb, err := ReadFile(saveRows(t, t.TempDir(), "东街.xlsx", rows, nil), "东街.xlsx", nov, rulesHeaders(t))
	if err != nil {
		t.Fatalf("是否低保 with a tick: %v", err)
	}
	if len(wb.Entries) != 2 || !wb.Entries[0].Held || wb.Entries[1].Held {
		t.Errorf("是否低保 with a tick: %+v", wb.Entries)
	}
}

// otherPairWords name someone beside the senior whose 姓名 and ID a roster
// may give, in brackets after the header or as a parent over both.
var otherPairWords = []string{"持卡人", "领取人", "实际领取人", "银行卡持有人", "赡养人", "赡养人信息", "照护人", "护理员",
	"委托人", "被委托人", "申请人", "家庭成员", "同住人员", "父亲", "母亲"}

// Someone else's 姓名 and ID to the right of the senior's (姓名（持卡人）
// and 身份证号（持卡人）, or 赡养人 merged over 姓名 and 身份证号) are theirs:
// the senior's are read, nobody is held and nothing is a twin. The whole
// file was refused as two tables side by side (and before that, every row
// with them filled was held as a conflict).
func TestOtherPersonsPairIsNoSecondTable(t *testing.T) {
	top := []any{"序号", "街道(乡镇)", "社区(村)", "姓名", "公民身份号码", "出生日期", "低保类别", "银行账号"}
	person := []any{1, "东街街道", "东上社区", "贺国荣", "140502194204206481", nil, "农村低保", "6217000000000001111", "李代领", "140502194611306543"}
	check := func(what, p string) {
		t.Helper()
		wb, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
		if err != nil {
			t.Errorf("%s: %v", what, err)
			return
		}
		if len(wb.Entries) != 1 || wb.Entries[0].Held || wb.Entries[0].Person.Name != "贺国荣" || wb.Entries[0].Person.ID != "140502194204206481" {
			t.Errorf("%s: entries %+v", what, wb.Entries)
		}
		for _, n := range wb.Notices {
			if n.Code == "columns_twin" {
				t.Errorf("%s: notice %s %s", what, n.Code, n.Message)
			}
		}
	}
	for _, w := range otherPairWords {
		check("brackets "+w, saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
			append(slices.Clone(top), "姓名（"+w+"）", "身份证号（"+w+"）"), person}, nil))
		check("parent "+w, saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
			append(slices.Clone(top), w, nil), append(make([]any, len(top)), "姓名", "身份证号"), person,
		}, func(f *excelize.File) {
			for i := range top {
				f.MergeCell("Sheet1", columnLetter(i)+"1", columnLetter(i)+"2")
			}
			f.MergeCell("Sheet1", columnLetter(len(top))+"1", columnLetter(len(top)+1)+"1")
		}))
	}
}

// 姓名 and an ID column given again to the right with no other column of
// the table repeated, naming nobody, are twins as before, not a second
// table: a row where they disagree is held (column_conflict), the others
// paid. The file was refused (file_tables_side_by_side).
func TestNameAndIDAloneAgainAreTwins(t *testing.T) {
	p := saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
		{"序号", "姓名", "身份证号", "出生日期", "银行账号", "姓名", "身份证号", "备注"},
		{1, "贺国荣", "140502194204206481", nil, "6217000000000001111", "贺国荣", "140502194204206481"},
		{2, "李桂兰", "140502194702024808", nil, "6217000000000003333", "王秀英", "140502194611306543"},
		{3, "赵桂芳", "140502194703050012", nil, "6217000000000005555"},
	}, nil)
	wb, err := ReadFile(p, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := entryLines(wb, func(e Entry) string {
		return fmt.Sprintf("%s %v %s", e.Person.Name, e.Held, codesAt(e))
	})
	sameLines(t, "twins", got, []string{"贺国荣 false ", "李桂兰 true column_conflict@B,column_conflict@C", "赵桂芳 false "})
	if !slices.ContainsFunc(wb.Notices, func(n domain.Finding) bool { return n.Code == "columns_twin" }) {
		t.Errorf("no columns_twin notice: %+v", wb.Notices)
	}
}

// Marks written as filled and empty circles (● for the person's kind, ○
// in the others) read as √ and none: every row was held as an unknown
// value.
func TestDibaoMarksAsCircles(t *testing.T) {
	wb, err := ReadFile(markedRoster(t, "低保", [][]any{
		{"贺国荣", "140502194204206481", "●", "○"},
		{"李桂兰", "140502194702024808", "○", "●"},
		{"王秀英", "140502194611306543", "○", "○"},
		{"赵桂芳", "140502194703050012", "●", "●"},
	}), "东街.xlsx", nov, rulesHeaders(t))
	if err != nil {
		t.Fatal(err)
	}
	got := entryLines(wb, func(e Entry) string {
		return fmt.Sprintf("%s %v %v %s", e.Person.Name, e.Person.Dibao, e.Held, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code }), ","))
	})
	sameLines(t, "● ○", got, []string{
		fmt.Sprintf("贺国荣 %v false ", domain.DibaoUrban),
		fmt.Sprintf("李桂兰 %v false ", domain.DibaoRural),
		fmt.Sprintf("王秀英 %v false ", domain.DibaoNone),
		fmt.Sprintf("赵桂芳 %v true column_conflict", domain.DibaoNone),
	})
}

// A struck tick in a column of marks holds the row as a struck 低保类别
// does (cell_struck): a tester's struck √ under 农村低保 paid the dibao
// rate. A struck empty mark cell beside a tick holds nothing.
func TestStruckMarkHeld(t *testing.T) {
	p := markedRoster(t, "低保", [][]any{
		{"贺国荣", "140502194204206481", nil, "√"},
		{"李桂兰", "140502194702024808", "√", nil},
	})
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := strikeCells(f, "I4", "I5"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wb, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
	if err != nil {
		t.Fatal(err)
	}
	got := entryLines(wb, func(e Entry) string {
		return fmt.Sprintf("%s %v %s", e.Person.Name, e.Held, strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code }), ","))
	})
	sameLines(t, "struck marks", got, []string{"贺国荣 true cell_struck", "李桂兰 false "})
}

// entryLines returns each entry of wb as fn writes it, in row order.
func entryLines(wb *Workbook, fn func(e Entry) string) []string {
	var out []string
	for _, e := range wb.Entries {
		out = append(out, fn(e))
	}
	return out
}

// codesAt is the codes of e's findings, each at its column (value_unknown@H),
// joined by commas.
func codesAt(e Entry) string {
	return strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + "@" + f.Where.Column }), ",")
}
