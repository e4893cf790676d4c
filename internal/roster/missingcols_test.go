package roster

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// missingNotices returns the notices of wb that tell of a money-deciding
// column missing from a sheet, as "sheet code" and their messages.
func missingNotices(wb *Workbook) (codes, msgs []string) {
	for _, n := range wb.MissingColumns {
		codes = append(codes, n.Where.Sheet+" "+n.Code)
		msgs = append(msgs, n.Message)
	}
	return codes, msgs
}

// A roster sheet without a column that decides money computes everyone on
// it as if the column were empty: 自理能力 renamed 身体状况 lost three
// seniors their 护理补贴 with only a columns_ignored line. Each such column
// missing is told once per sheet, naming the sheet's unrecognised columns
// (with their letters) as the likely one; a sheet with every column is
// not named.
func TestSheetWithoutMoneyColumnsIsTold(t *testing.T) {
	f := excelize.NewFile()
	f.NewSheet("城市")
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "身体状况", "银行账号"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"贺国荣", "140502194204206481", "不能自理", "6217000011112222333"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"王秀英", "140502194611306543", "自理", "6217000011112222555"})
	f.SetSheetRow("城市", "A1", &header)
	r := row(1, "李桂兰", "140502194702024808", nil)
	f.SetSheetRow("城市", "A2", &r)
	wb := readSaved(t, f, t.TempDir(), "东街.xlsx")
	if len(wb.Entries) != 3 {
		t.Fatalf("%d entries", len(wb.Entries))
	}
	codes, msgs := missingNotices(wb)
	sameLines(t, "notices", codes, []string{
		"Sheet1 column_dibao_missing",
		"Sheet1 column_selfcare_missing",
		"Sheet1 column_disability_missing",
		"Sheet1 column_meter_missing",
	})
	want := "工作表「Sheet1」没有「自理能力」列：本表人员均按未填自理能力计算，护理补贴不发；未识别的列有「身体状况」（C列），它可能就是自理能力，请把表头改为「自理能力」后用 --replace 重新计算"
	if !slices.Contains(msgs, want) {
		t.Errorf("no message %q in %q", want, msgs)
	}
	for _, m := range msgs {
		if !strings.Contains(m, "「身体状况」（C列）") {
			t.Errorf("message does not name the unrecognised column: %s", m)
		}
	}
	// Only the 自理能力 notice takes 身体状况 for its column renamed, the
	// one approve refuses for; 联系电话 or 家庭住址 beside a sheet without
	// 残疾等级 is no 残疾等级 renamed, and the sheet simply has none
	// (approve refused every month of such a street).
	var renamed []string
	for _, f := range wb.MissingColumns {
		if MissingColumnRenamed(f) {
			renamed = append(renamed, f.Code)
		}
	}
	sameLines(t, "renamed", renamed, []string{"column_selfcare_missing"})

	// A sheet with 残疾类别 and no 残疾等级 lost the grade's column, whatever
	// else it has: a newcomer's 联系电话 beside it was approved without a
	// word, 954.50 元 of disability subsidies short.
	g := excelize.NewFile()
	g.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "低保类别", "自理能力", "残疾类别", "户号", "银行账号", "联系电话"})
	g.SetSheetRow("Sheet1", "A2", &[]any{"贺国荣", "140502194204206481", "城市低保", "自理", "肢体", "0350001234", "6217000011112222333", "13800000000"})
	renamed = nil
	for _, f := range readSaved(t, g, t.TempDir(), "东街.xlsx").MissingColumns {
		if MissingColumnRenamed(f) {
			renamed = append(renamed, f.Code+" "+f.Message)
		}
	}
	sameLines(t, "renamed", renamed, []string{"column_disability_missing 工作表「Sheet1」没有「残疾等级」列，却有「残疾类别」列（E列）：本表人员均按无残疾计算，困难残疾人生活补贴、重度残疾人护理补贴不发；如其中有残疾人，请加上「残疾等级」列（一级至四级）（未识别的列有「联系电话」（H列），看来都不是残疾等级）后用 --replace 重新计算"})
}

// Without a 银行账号 column every row's money is unsent: told once for the
// sheet, naming the unrecognised columns; without any, the message asks
// for the column. A 残疾人证号 column gives the 残疾等级, so its absence
// is not told then.
func TestSheetWithoutAccountColumnIsTold(t *testing.T) {
	p := saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
		{"姓名", "公民身份号码", "低保类别", "自理能力", "残疾人证号", "户号", "社保卡"},
		{"贺国荣", "140502194204206481", "", "自理", "", "0350001234", "6217000011112222333"},
	}, nil)
	wb, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
	if err != nil {
		t.Fatal(err)
	}
	codes, msgs := missingNotices(wb)
	want := "工作表「Sheet1」没有「银行账号」列：本表人员的发放金额都没有银行账号，不能代发（列入代发工作簿的「无账号待处理」表）；未识别的列有「社保卡」（G列），它可能就是银行账号，请把表头改为「银行账号」后用 --replace 重新计算"
	if len(msgs) != 1 || msgs[0] != want {
		t.Errorf("notices %v %q, want %q", codes, msgs, want)
	}
	p = saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
		{"姓名", "公民身份号码", "低保类别", "自理能力", "残疾等级", "户号"},
		{"贺国荣", "140502194204206481", "", "自理", "", "0350001234"},
	}, nil)
	if wb, err = ReadFile(p, "东街.xlsx", nov, rulesHeaders(t)); err != nil {
		t.Fatal(err)
	}
	codes, msgs = missingNotices(wb)
	want = "工作表「Sheet1」没有「银行账号」列：本表人员的发放金额都没有银行账号，不能代发（列入代发工作簿的「无账号待处理」表）；请加上「银行账号」列，填入老人本人的银行账号后用 --replace 重新计算"
	if len(msgs) != 1 || msgs[0] != want {
		t.Errorf("notices %v %q, want %q", codes, msgs, want)
	}
}

// The 低保类别 missing keeps its code and message, and names an
// unrecognised column too; several unrecognised columns are all named.
func TestDibaoMissingNamesUnrecognisedColumns(t *testing.T) {
	p := saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
		{"姓名", "公民身份号码", "低保情形", "特困类别", "自理能力", "残疾等级", "户号", "银行账号", "联系电话"},
		{"贺国荣", "140502194204206481", "城市低保", "", "自理", "", "0350001234", "6217000011112222333", "13800000000"},
	}, nil)
	_, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
	var rej *RejectError
	if !errors.As(err, &rej) || rej.Code != "file_header_unknown" {
		t.Fatalf("低保情形 is a lookalike: %v", err)
	}
	p = saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
		{"姓名", "公民身份号码", "保障情况", "特困类别", "自理能力", "残疾等级", "户号", "银行账号", "联系电话"},
		{"贺国荣", "140502194204206481", "城市低保", "", "自理", "", "0350001234", "6217000011112222333", "13800000000"},
	}, nil)
	wb, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
	if err != nil {
		t.Fatal(err)
	}
	codes, msgs := missingNotices(wb)
	want := "工作表「Sheet1」没有「低保类别」列：本表人员均按非低保计算（高龄津贴按普通标准，按低保享受的免费用电基数、困难残疾人生活补贴，以及须低保、特困或经济困难的护理补贴等不发）；未识别的列有「保障情况」（C列）、「联系电话」（I列），其中「保障情况」（C列）可能就是低保类别，请把该列表头改为「低保类别」后用 --replace 重新计算"
	if len(msgs) != 1 || msgs[0] != want || codes[0] != "Sheet1 column_dibao_missing" {
		t.Errorf("notices %v %q, want %q", codes, msgs, want)
	}
}

// A sheet that turns out to be a death list (only 姓名, ID and 死亡日期, a
// date on every row) is no roster: none of its columns is missing.
func TestDeathListSheetMissesNoColumn(t *testing.T) {
	p := saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
		{"序号", "姓名", "公民身份号码", "死亡日期"},
		{1, "贺国荣", "140502194204206481", "2026-10-03"},
	}, nil)
	wb, err := ReadFile(p, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Statuses) != 1 {
		t.Fatalf("statuses %+v", wb.Statuses)
	}
	if codes, _ := missingNotices(wb); len(codes) > 0 {
		t.Errorf("a death list told of missing columns: %v", codes)
	}
}

// Nothing a roster sheet misses is told on a sheet read with every
// column: the fixtures' header has them all.
func TestFullHeaderMissesNothing(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "东街.xlsx", [][]any{row(1, "李桂兰", "140502194702024808", nil)})
	wb := readAll(t, p)[0]
	if codes, _ := missingNotices(wb); len(codes) > 0 {
		t.Errorf("notices %v", codes)
	}
}
