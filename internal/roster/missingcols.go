package roster

import (
	"fmt"
	"slices"
	"strings"

	"disburse/internal/domain"
)

// moneyColumn is a column that decides what is paid, or where to, whose
// absence from a roster sheet computes everyone on it as if it were empty:
// a column renamed (自理能力 written 身体状况, 银行账号 written 社保卡) would
// otherwise cost its people their money with only a columns_ignored line.
type moneyColumn struct {
	field Field
	code  string
	// then is what the sheet's people get without the column.
	then string
	// add asks for the column when no unrecognised column may be it.
	add string
	// hints are words of a header that may be the column renamed
	// (残疾情况 for 残疾等级, 身体状况 for 自理能力); an unrecognised
	// column without one (联系电话, 家庭住址) is not taken for it.
	hints []string
}

// moneyColumns are the columns told when missing, in the order told.
// 低保类别 kept its code (column_dibao_missing) from before the others.
var moneyColumns = []moneyColumn{
	{FieldDibao, "column_dibao_missing",
		"本表人员均按非低保计算（高龄津贴按普通标准，按低保享受的免费用电基数、困难残疾人生活补贴，以及须低保、特困或经济困难的护理补贴等不发）",
		"如其中有低保人员，请加上「低保类别」列（城市低保、农村低保）",
		[]string{"低保", "保障", "救助", "困难", "类别", "类型"}},
	{FieldSelfCare, "column_selfcare_missing",
		"本表人员均按未填自理能力计算，护理补贴不发",
		"如其中有不能自理的老人，请加上「自理能力」列（自理、半自理、不能自理）",
		[]string{"自理", "身体", "健康", "失能", "护理", "能力"}},
	{FieldGrade, "column_disability_missing",
		"本表人员均按无残疾计算，困难残疾人生活补贴、重度残疾人护理补贴不发",
		"如其中有残疾人，请加上「残疾等级」列（一级至四级）",
		[]string{"残", "等级", "级别"}},
	{FieldElectricityAccount, "column_meter_missing",
		"本表人员享受的免费用电基数都没有户号，供电中心无法落实到户，同一户的老人也会各算一份",
		"请加上「户号」列，填入用电户号",
		[]string{"户号", "电", "表号"}},
	{FieldBankAccount, "column_account_missing",
		"本表人员的发放金额都没有银行账号，不能代发（列入代发工作簿的「无账号待处理」表）",
		"请加上「银行账号」列，填入老人本人的银行账号",
		[]string{"账号", "帐号", "卡号", "银行", "存折", "社保卡", "一卡通", "账户", "帐户"}},
}

// MissingColumnCode reports whether code is that of a notice telling of a
// roster sheet without a column that decides money (column_dibao_missing,
// column_selfcare_missing, column_disability_missing, column_meter_missing,
// column_account_missing), and names the column's standard header.
func MissingColumnCode(code string) (header string, ok bool) {
	for _, m := range moneyColumns {
		if m.code == code {
			return m.field.Header(), true
		}
	}
	return "", false
}

// unrecognisedSaid opens the part of a missing column's notice that names
// the sheet's unrecognised columns as the likely one (noteMissing), and
// renamedSaid says one of them, by its header (moneyColumn.hints), may be
// the column renamed.
const (
	unrecognisedSaid = "未识别的列有"
	renamedSaid      = "可能就是"
	// pairSaid says the sheet has the column given with the missing one
	// (残疾类别 without 残疾等级): the missing one was dropped or renamed.
	pairSaid = "却有"
)

// MissingColumnRenamed reports whether f is a notice of a roster sheet
// without a column that decides money (MissingColumnCode) that names an
// unrecognised column of the sheet whose header says it may be that column
// renamed (残疾等级 written 残疾情况): the sheet's people were paid without
// what it gives, and a month approved so is never paid back (a later
// month's corrected row pays from then on); or a sheet without 残疾等级
// that has a 残疾类别 column, the grade's column dropped. A sheet whose
// unrecognised columns are none of it (联系电话, 家庭住址) simply has no
// such column.
func MissingColumnRenamed(f domain.Finding) bool {
	_, ok := MissingColumnCode(f.Code)
	return ok && (strings.Contains(f.Message, renamedSaid) || strings.Contains(f.Message, pairSaid))
}

// noteMissing keeps, for the sheet being read, a notice for each money
// column (moneyColumns) the header cells (matched as cols, at row) do not
// give, naming the unrecognised columns (other, as columns_ignored lists
// them) with their letters as the likely one. A 残疾人证号 column gives
// the 残疾等级. A sheet is told of a column once, whichever of its headers
// (two tables one under the other) misses it; the notices are the
// workbook's only if the sheet is read as a roster (missingDone).
func (r *reader) noteMissing(cells []string, cols *columns, other []string, sheet string, row int) {
	var unknown []string
	for i, c := range cells {
		if h := strings.TrimSpace(c); h != "" && slices.Contains(other, h) {
			unknown = append(unknown, fmt.Sprintf("「%s」（%s列）", h, columnLetter(i)))
		}
	}
	for _, m := range moneyColumns {
		if cols[m.field] >= 0 || m.field == FieldGrade && cols[FieldDisabilityCard] >= 0 {
			continue
		}
		if slices.ContainsFunc(r.missing, func(f domain.Finding) bool { return f.Code == m.code }) {
			continue
		}
		name := m.field.Header()
		msg := fmt.Sprintf("工作表「%s」没有「%s」列：%s；", sheet, name, m.then)
		if m.field == FieldGrade && cols[FieldCategory] >= 0 {
			// The grade is given with the category: its column was
			// dropped or renamed, not left out for want of disabled people.
			msg = fmt.Sprintf("工作表「%s」没有「%s」列，"+pairSaid+"「%s」列（%s列）：%s；", sheet, name, FieldCategory.Header(), columnLetter(cols[FieldCategory]), m.then)
		}
		var likely []string
		for _, u := range unknown {
			if containsAny(u, m.hints) {
				likely = append(likely, u)
			}
		}
		switch {
		case len(unknown) == 1 && len(likely) == 1:
			msg += fmt.Sprintf(unrecognisedSaid+"%s，它"+renamedSaid+"%s，请把表头改为「%s」", unknown[0], name, name)
		case len(likely) > 0:
			msg += fmt.Sprintf(unrecognisedSaid+"%s，其中%s"+renamedSaid+"%s，请把该列表头改为「%s」", strings.Join(unknown, "、"), strings.Join(likely, "、"), name, name)
		case len(unknown) == 0:
			msg += m.add
		default: // 联系电话 is no 残疾等级: ask for the column, naming the others
			msg += m.add + fmt.Sprintf("（"+unrecognisedSaid+"%s，看来都不是%s）", strings.Join(unknown, "、"), name)
		}
		msg += "后用 --replace 重新计算"
		r.missing = append(r.missing, domain.Finding{Severity: domain.Notice, Code: m.code,
			Where: domain.Location{File: r.wb.Name, Sheet: sheet, Row: row}, Message: msg})
	}
}

// missingDone gives the workbook (MissingColumns) the notices noteMissing
// kept for the sheet just scanned when it was read as a visible roster
// (not a death list after all, nor a hidden sheet whose rows are all
// held), and forgets them.
func (r *reader) missingDone(roster bool) {
	if roster {
		r.wb.MissingColumns = append(r.wb.MissingColumns, r.missing...)
	}
	r.missing = r.missing[:0]
}
