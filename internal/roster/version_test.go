package roster

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
	"disburse/internal/rules"
)

// rulesHeaders are the headers of rules/roster.headers.yaml, as a run has
// them.
func rulesHeaders(t *testing.T) *Headers {
	t.Helper()
	book, err := rules.Load("../../rules")
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHeaders(book.HeaderAliases)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// heldAndNotices reads a one-sheet roster and returns, per row, whether it
// is held and its codes with their columns, and the codes of the notices.
func heldAndNotices(t *testing.T, rows [][]any) ([]string, []string) {
	t.Helper()
	p := saveRows(t, t.TempDir(), "东街.xlsx", rows, nil)
	wb, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
	if err != nil {
		t.Fatal(err)
	}
	var got, notes []string
	for _, e := range wb.Entries {
		got = append(got, fmt.Sprintf("%s %v %s %s", e.Person.Name, e.Held, e.Person.BankAccount,
			strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + "@" + f.Where.Column }), ",")))
	}
	for _, n := range wb.Notices {
		notes = append(notes, n.Code+"@"+n.Where.Column)
	}
	return got, notes
}

// 新银行账号 beside 银行账号 (with 备注 换卡) is another version of the
// account, as 银行账号（新） is: a twin, never ignored, so a row whose two
// accounts differ is held instead of paid into the old one.
func TestNewAccountColumnIsATwin(t *testing.T) {
	for _, second := range []string{"新银行账号", "银行账号（新）", "原银行账号", "变更后银行账号", "银行账号2"} {
		got, notes := heldAndNotices(t, [][]any{
			{"姓名", "公民身份号码", "银行账号", second, "备注"},
			{"贺国荣", "140502194204206481", "6217000011112222333", "6228000099998888777", "换卡，请按新卡号发放"},
			{"李桂兰", "140502194702024808", "6217000011112222444", "", ""},
			{"王秀英", "140502194611306543", "6217000011112222555", "6217 0000 1111 2222 555", ""},
		})
		sameLines(t, second, got, []string{
			"贺国荣 true 6217000011112222333 column_conflict@C",
			"李桂兰 false 6217000011112222444 ",
			"王秀英 false 6217000011112222555 ",
		})
		if strings.Join(notes, " ") != "columns_twin@D" {
			t.Errorf("%s: notices %v", second, notes)
		}
	}
}

// 原银行账号 and 现银行账号 with no 银行账号 are two versions of it: the
// file is read (not refused), the first is read, and a row is held when
// they differ at all, one empty or not, since which is current cannot be
// known.
func TestTwoVersionsWithoutTheColumn(t *testing.T) {
	got, notes := heldAndNotices(t, [][]any{
		{"姓名", "公民身份号码", "原银行账号", "现银行账号"},
		{"贺国荣", "140502194204206481", "6217000011112222333", "6228000099998888777"},
		{"李桂兰", "140502194702024808", "6217000011112222444", ""},
		{"王秀英", "140502194611306543", "6217000011112222555", "6217000011112222555"},
		{"顾清金", "140502194611151043", "", "6217000011112222666"},
	})
	sameLines(t, "entries", got, []string{
		"贺国荣 true 6217000011112222333 column_conflict@C",
		"李桂兰 true 6217000011112222444 column_conflict@C",
		"王秀英 false 6217000011112222555 ",
		"顾清金 true  column_conflict@C",
	})
	if strings.Join(notes, " ") != "columns_twin@D" {
		t.Errorf("notices %v", notes)
	}
}

// Columns of someone else's account or ID, or of another thing that only
// shares a word with a roster column, stay ignored beside that column; a
// single version of a missing payment-deciding column is still refused.
// (死亡原因 is no version of 死亡日期 either, but a value in it holds the
// row: see TestStatusColumns.)
func TestOtherColumnsAreNoVersions(t *testing.T) {
	for _, extra := range []string{"代领人银行账号", "监护人身份证号", "低保证号", "账户名称", "原身份证号", "原姓名", "身份证地址"} {
		got, notes := heldAndNotices(t, [][]any{
			{"姓名", "公民身份号码", "低保类别", "银行账号", "死亡日期", extra},
			{"贺国荣", "140502194204206481", "城市低保", "6217000011112222333", "", "x12345"},
		})
		if len(got) != 1 || !strings.HasPrefix(got[0], "贺国荣 false ") || strings.Join(notes, " ") != "columns_ignored@" {
			t.Errorf("%s: %v %v", extra, got, notes)
		}
	}
	p := saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
		{"姓名", "公民身份号码", "原低保类别"},
		{"贺国荣", "140502194204206481", "城市低保"},
	}, nil)
	var rej *RejectError
	if _, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t)); !errors.As(err, &rej) || rej.Code != "file_header_unknown" {
		t.Errorf("a former 低保类别 alone: %v, want file_header_unknown", err)
	}
}

// 老人姓名 and 老年人姓名 are the 姓名 (rules/roster.headers.yaml); a column
// of someone else's name (代领人姓名, 监护人姓名, 姓名（代领人）) never is,
// nor is 身份证号（监护人） the ID. A header with none of the senior's name
// is refused naming the headers that contain 姓名, for staff to say which,
// if any, is the senior's (a tester's 老人姓名 was refused as 缺少「姓名」列
// alone).
func TestSeniorNameHeaders(t *testing.T) {
	read := func(h *Headers, rows ...[]any) (*Workbook, error) {
		p := saveRows(t, t.TempDir(), "东街.xlsx", rows, nil)
		return ReadFile(p, "东街.xlsx", nov, h)
	}
	for _, header := range []string{"老人姓名", "老年人姓名", "老 人 姓 名"} {
		wb, err := read(rulesHeaders(t), []any{header, "代领人姓名", "身份证号"}, []any{"贺国荣", "贺小明", "140502194204206481"})
		if err != nil {
			t.Fatalf("%s: %v", header, err)
		}
		if e := wb.Entries[0]; e.Held || e.Person.Name != "贺国荣" {
			t.Errorf("%s: %+v", header, e)
		}
	}
	wb, err := read(rulesHeaders(t), []any{"姓名", "公民身份号码", "身份证号（监护人）"}, []any{"贺国荣", "140502194204206481", "140502197001011234"})
	if err != nil {
		t.Fatal(err)
	}
	if e := wb.Entries[0]; e.Held || e.Person.ID != "140502194204206481" {
		t.Errorf("a guardian's ID column read as the senior's: %+v", e)
	}
	for _, c := range []struct {
		h       *Headers
		headers []any
		named   string
	}{
		{rulesHeaders(t), []any{"代领人姓名", "身份证号"}, "本行的「代领人姓名」列不是认可的列名"},
		{rulesHeaders(t), []any{"姓名（代领人）", "监护人姓名", "身份证号"}, "本行的「姓名（代领人）」「监护人姓名」列不是认可的列名"},
		{nil, []any{"老人姓名", "身份证号"}, "本行的「老人姓名」列不是认可的列名"},
		{nil, []any{"名字", "身份证号"}, "本行的「名字」列不是认可的列名"},
		{nil, []any{"单位名称", "老人名字", "身份证号"}, "本行的「单位名称」「老人名字」列不是认可的列名"},
		{nil, []any{"性别", "身份证号"}, "缺少「姓名」列；请把表头"},
	} {
		_, err := read(c.h, c.headers, []any{"贺国荣", "140502194204206481"})
		var rej *RejectError
		if !errors.As(err, &rej) || rej.Code != "file_header_incomplete" || !strings.Contains(rej.Message, "缺少「姓名」列") || !strings.Contains(rej.Message, c.named) {
			t.Errorf("%v: %v, want file_header_incomplete saying %s", c.headers, err, c.named)
		}
	}
}

// A tester's headers after the first reading of notes naming someone else:
// a 备注 naming a contact is still the remark column (a death written
// there holds the row, as before); an ID column of a family member, before
// or after the senior's, is not the senior's; a two-row header with
// 代领人信息 over 姓名 and 身份证号 gives the agent's columns, not the
// senior's; a logical value in 性别, which nothing reads, holds nobody.
func TestOtherPersonsColumns(t *testing.T) {
	var tweak func(*excelize.File)
	read := func(rows ...[]any) *Workbook {
		t.Helper()
		p := saveRows(t, t.TempDir(), "东街.xlsx", rows, tweak)
		wb, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
		if err != nil {
			t.Fatal(err)
		}
		return wb
	}
	codes := func(e Entry) string {
		return strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + "@" + f.Where.Column }), ",")
	}
	for _, h := range []string{"备注（联系人电话）", "备注（代领人）", "说明（家属）"} {
		wb := read([]any{"姓名", "身份证号", h}, []any{"贺国荣", "140502194204206481", "已故"})
		if e := wb.Entries[0]; !e.Held || !strings.Contains(codes(e), "remark_death@C") {
			t.Errorf("%s: %s, want the death in it held", h, codes(e))
		}
	}
	for _, row := range [][]any{
		{"姓名", "身份证号", "身份证号（老伴）"},
		{"姓名", "身份证号（老伴）", "身份证号"},
		{"姓名", "身份证号", "姓名（户主）"},
	} {
		vals := []any{"贺国荣", "140502194204206481", "140502194611306543"}
		if row[1] != "身份证号" {
			vals = []any{"贺国荣", "140502194611306543", "140502194204206481"}
		}
		if row[2] == "姓名（户主）" {
			vals[2] = "贺大"
		}
		wb := read(row, vals)
		if e := wb.Entries[0]; e.Held || e.Person.ID != "140502194204206481" || e.Person.Name != "贺国荣" {
			t.Errorf("%v: %s %s %s", row, e.Person.ID, e.Person.Name, codes(e))
		}
	}
	tweak = func(f *excelize.File) {
		for _, m := range [][2]string{{"A1", "A2"}, {"B1", "B2"}, {"C1", "D1"}} {
			f.MergeCell("Sheet1", m[0], m[1])
		}
	}
	wb := read([]any{"姓名", "身份证号", "代领人信息", ""}, []any{"", "", "姓名", "身份证号"},
		[]any{"贺国荣", "140502194204206481", "李代领", "140502194611306543"})
	if len(wb.Entries) != 1 || wb.Entries[0].Held || wb.Entries[0].Person.Name != "贺国荣" || wb.Entries[0].Person.ID != "140502194204206481" {
		t.Errorf("代领人信息 over 姓名, 身份证号: %+v", wb.Entries)
	}
	tweak = nil
	wb = read([]any{"老人姓名", "老人身份证号"}, []any{"贺国荣", "140502194204206481"})
	if e := wb.Entries[0]; e.Held || e.Person.ID != "140502194204206481" {
		t.Errorf("老人身份证号: %s", codes(e))
	}
	wb = read([]any{"姓名", "性别", "身份证号"}, []any{"贺国荣", true, "140502194204206481"})
	if e := wb.Entries[0]; e.Held {
		t.Errorf("TRUE in 性别: %s", codes(e))
	}
}

// The names offices give the bank account column (银行卡, 一卡通账号 ...)
// are its aliases (rules/roster.headers.yaml): read as an unknown column,
// 43 people's money went to 无账号待处理 though their accounts were
// filled in. Someone else's account (代领人账号, 收款账号（代领人）) is not.
func TestBankAccountAliases(t *testing.T) {
	for _, h := range []string{"银行卡", "一卡通账号", "一卡通卡号", "惠民一卡通账号", "收款账号", "存折账号"} {
		got, notes := heldAndNotices(t, [][]any{
			{"姓名", "公民身份号码", "低保类别", "自理能力", "残疾等级", "户号", h},
			{"贺国荣", "140502194204206481", "", "自理", "", "0350001234", "6217000011112222333"},
		})
		if len(got) != 1 || got[0] != "贺国荣 false 6217000011112222333 " || len(notes) > 0 {
			t.Errorf("%s: %v %v", h, got, notes)
		}
	}
	for _, h := range []string{"代领人账号", "收款账号（代领人）"} {
		p := saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
			{"姓名", "公民身份号码", "低保类别", "自理能力", "残疾等级", "户号", h},
			{"贺国荣", "140502194204206481", "", "自理", "", "0350001234", "6217000011112222333"},
		}, nil)
		wb, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
		var rej *RejectError
		if errors.As(err, &rej) {
			continue // refused as a lookalike of the 银行账号: not read either
		}
		if err != nil {
			t.Fatal(err)
		}
		if e := wb.Entries[0]; e.Person.BankAccount != "" {
			t.Errorf("%s read as the senior's account: %+v", h, e.Person)
		}
	}
}
