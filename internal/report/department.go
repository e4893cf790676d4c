package report

import (
	"fmt"

	"github.com/shopspring/decimal"

	"disburse/internal/domain"
	"disburse/internal/money"
	"disburse/internal/rmb"
)

// Department is one payout workbook: every line of one 牵头落实部门 for a
// month. Name (e.g. 区民政局) appears in the title; RunID and the first 12
// characters of RulesHash (sha256 hex of the rules) in the second row.
// Benefits come in rules order, one sheet each; the caller omits a benefit
// with no lines.
type Department struct {
	Region    string // issuing district, e.g. 晋城市城区, first words of sheet titles
	Name      string
	Month     domain.Month
	RunID     int64
	RulesHash string
	Approval  string // "" for a draft, else who approved it and when
	Benefits  []Benefit
	Tables    []Table // extra sheets after the benefit sheets, in order
}

// Benefit is one sheet of a Department workbook: the lines of one benefit.
// Code is the benefit code (senior_allowance), Name the sheet name (高龄津贴,
// at most 31 characters, none of :\/?*[]), Unit is domain.UnitYuan ("CNY")
// or domain.UnitKWh ("kWh"); every line must carry the same Unit and Code.
//
// Lines point into the caller's lines, which are read, never changed: a
// workbook of a million lines costs a pointer per line, not a copy. Every
// line must carry Department, or no department; Department "" means the
// workbook's Name (a street's copy lists several departments' benefits).
type Benefit struct {
	Code       string
	Name       string
	Unit       string
	Department string
	Lines      []*domain.Line
	Columns    []Column // extra columns after the account, e.g. the cared-for elder of a training line
	// Basis says, below the sheet's totals, the source of the benefit and
	// the dated rates the month pays by (标准依据：…), so that a signed
	// printout tells an old rate from a new one; "" writes no such row.
	Basis string
}

// Column is an extra column of a benefit sheet: its header, width in
// characters, and the cell it shows for a line.
type Column struct {
	Header string
	Width  float64
	Value  func(*domain.Line) Cell
}

// summarySheet is the name of the first sheet of a Department workbook.
const summarySheet = "汇总"

// noStreet stands for an empty 街道(乡镇) in the per-street table.
const noStreet = "（未填）"

// WriteDepartment writes the payout workbook of d to path (.xlsx): a 汇总
// sheet with totals per benefit and per (benefit, street), then one sheet per
// benefit listing its lines with a 合计 row. Amounts are numeric cells holding
// exactly the decimal amount, with format 0.00 for yuan. It returns an error,
// writing nothing, when a unit is unknown, a line's unit or benefit code
// differs from its Benefit's, its Department is set and differs from d.Name,
// an amount is negative or a yuan amount has more than two decimals, or a
// sheet name is invalid or used twice; and an error when the file cannot be
// written or an amount cannot be written exactly (more than 15 significant
// digits).
func WriteDepartment(path string, d Department) error {
	if err := checkDepartment(d); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	b, err := newBook()
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := writeDepartment(b, d); err != nil {
		b.discard()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := b.save(path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeDepartment writes the summary sheet, the benefit sheets and the
// extra tables of d into bk.
func writeDepartment(bk *book, d Department) error {
	sum, err := bk.sheet(summarySheet)
	if err != nil {
		return err
	}
	writeSummary(sum, bk.st, d)
	if sum.err != nil {
		return fmt.Errorf("sheet %s: %w", summarySheet, sum.err)
	}
	for _, b := range d.Benefits {
		w, err := bk.sheet(b.Name)
		if err != nil {
			return err
		}
		writeBenefit(w, bk.st, d, b)
		if w.err != nil {
			return fmt.Errorf("sheet %s: %w", b.Name, w.err)
		}
	}
	return writeTables(bk, d.Tables)
}

// checkDepartment reports the first line that cannot be written truthfully.
func checkDepartment(d Department) error {
	for _, b := range d.Benefits {
		if _, err := unitName(b.Unit); err != nil {
			return fmt.Errorf("benefit %s: %w", b.Code, err)
		}
		dept := b.Department
		if dept == "" {
			dept = d.Name
		}
		for i, l := range b.Lines {
			if err := checkLine(dept, b, l); err != nil {
				return fmt.Errorf("benefit %s line %d (%s): %w", b.Code, i+1, l.Name, err)
			}
		}
	}
	return nil
}

// checkLine checks one line of benefit b paid by department dept.
func checkLine(dept string, b Benefit, l *domain.Line) error {
	switch {
	case l.Unit != b.Unit:
		return fmt.Errorf("unit %q, want %q", l.Unit, b.Unit)
	case l.Benefit != b.Code:
		return fmt.Errorf("benefit code %q, want %q", l.Benefit, b.Code)
	case l.Department != "" && l.Department != dept:
		return fmt.Errorf("department %q, want %q", l.Department, dept)
	case l.Amount.IsNegative():
		return fmt.Errorf("negative amount %s", l.Amount)
	case b.Unit == domain.UnitYuan && !l.Amount.Equal(l.Amount.Round(2)):
		return fmt.Errorf("amount %s has more than two decimals", l.Amount)
	}
	return nil
}

// unitName returns the unit as staff read it: 元 or 千瓦时.
func unitName(unit string) (string, error) {
	if t := domain.UnitText(unit); t != "" {
		return t, nil
	}
	return "", fmt.Errorf("unknown unit %q", unit)
}

// group is the number of lines and the sum of their amounts.
type group struct {
	key   string
	count int64
	sum   decimal.Decimal
}

// Total returns the number of people and the sum of the amounts of lines
// (one benefit's, in its unit), as the 汇总 sheet counts them: an arrears
// line of someone also paid this month is not another person.
func Total(lines []*domain.Line) (people int, sum decimal.Decimal) {
	g := total(lines)
	return int(g.count), g.sum
}

// total returns the number of people (an arrears line of someone also paid
// this month is not another person) and the sum of the amounts of the lines
// of every list.
func total(lists ...[]*domain.Line) group {
	g := group{sum: decimal.Zero}
	n := 0
	for _, lines := range lists {
		n += len(lines)
	}
	seen := make(map[string]bool, n) // sized once: a benefit may have a million lines
	for _, lines := range lists {
		for _, l := range lines {
			g.sum = g.sum.Add(l.Amount)
			if !seen[l.PersonID] || l.PersonID == "" {
				seen[l.PersonID] = true
				g.count++
			}
		}
	}
	return g
}

// byStreet totals lines per street, in order of first appearance.
func byStreet(lines []*domain.Line) []group {
	type person struct{ street, id string }
	var groups []group
	index := map[string]int{}
	seen := make(map[person]bool, len(lines))
	for _, l := range lines {
		i, ok := index[l.Street]
		if !ok {
			i = len(groups)
			index[l.Street] = i
			groups = append(groups, group{key: l.Street, sum: decimal.Zero})
		}
		if p := (person{l.Street, l.PersonID}); !seen[p] {
			seen[p] = true
			groups[i].count++
		}
		groups[i].sum = groups[i].sum.Add(l.Amount)
	}
	return groups
}

// amountStyle returns the style of an amount cell in unit.
func amountStyle(st styles, unit string, bold bool) int {
	switch {
	case unit == domain.UnitYuan && bold:
		return st.moneyBold
	case unit == domain.UnitYuan:
		return st.money
	case bold:
		return st.bold
	}
	return 0
}

// shortHash returns the first 12 characters of a rules hash.
func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// state is the run's state as the sheets say it: 草稿（未审批） or
// 已审批：who and when.
func (d Department) state() string {
	if d.Approval != "" {
		return "已审批：" + d.Approval
	}
	return "草稿（未审批）"
}

// writeSummary writes the 汇总 sheet: title, run line, the per-benefit table,
// a blank row and the per-street table.
func writeSummary(w *sheetWriter, st styles, d Department) {
	w.widths(20, 16, 16, 18, 8)
	w.printSetup(0)
	w.str(1, 1, d.Region+d.Month.Chinese()+"补贴发放汇总表（"+d.Name+"）", st.titleMid)
	w.merge(1, 1, 5, 1)
	w.str(1, 2, fmt.Sprintf("运行编号 %d  规则版本 %s  状态 %s", d.RunID, shortHash(d.RulesHash), d.state()), 0)
	row := 3
	w.strs(row, st.header, "补贴项目", "人数", "合计", "单位")
	if len(d.Benefits) == 0 {
		row++
		w.str(1, row, "（本月无发放）", 0)
	}
	for _, b := range d.Benefits {
		row++
		unit, _ := unitName(b.Unit)
		t := total(b.Lines)
		w.str(1, row, b.Name, 0)
		w.int(2, row, t.count, 0)
		w.num(3, row, money.Format(t.sum, b.Unit), amountStyle(st, b.Unit, false))
		w.str(4, row, unit, 0)
	}
	if yuan, n := yuanTotal(d.Benefits); n > 0 {
		row++
		w.str(1, row, "合计（元）", st.bold)
		w.int(2, row, n, st.bold)
		w.num(3, row, money.Format(yuan, domain.UnitYuan), st.moneyBold)
		w.str(4, row, "元", st.bold)
		row++
		w.str(1, row, "合计金额（大写）："+capital(w, yuan), st.bold)
		w.merge(1, row, 5, row)
		row++
		w.str(1, row, "注：合计人数按人计，一人领取多项补贴只计一次，故可少于各项人数之和。", 0)
		w.merge(1, row, 5, row)
	}
	row += 2
	w.strs(row, st.header, "补贴项目", "街道(乡镇)", "人数", "合计", "单位")
	for _, b := range d.Benefits {
		unit, _ := unitName(b.Unit)
		for _, g := range byStreet(b.Lines) {
			row++
			street := g.key
			if street == "" {
				street = noStreet
			}
			w.strs(row, 0, b.Name, street)
			w.int(3, row, g.count, 0)
			w.num(4, row, money.Format(g.sum, b.Unit), amountStyle(st, b.Unit, false))
			w.str(5, row, unit, 0)
		}
	}
	signOff(w, row+2, 5)
}

// writeBenefit writes one benefit sheet as a form staff can print and sign:
// a merged title row, the 制表单位 and 单位 line, the header (frozen, and
// repeated on every printed page), one row per line, the 合计 row with the
// count and total, the total in Chinese capitals (yuan only), the basis of
// its rates (Benefit.Basis) and a sign-off block. It prints on A4 landscape, one page wide.
func writeBenefit(w *sheetWriter, st styles, d Department, b Benefit) {
	kwh := b.Unit == domain.UnitKWh
	header := []string{"序号", "街道(乡镇)", "社区(村)", "姓名", "公民身份号码", "档次/标准", "金额", "银行账号"}
	widths := []float64{6, 14, 16, 10, 22, 24, 12, 24}
	if kwh {
		header = []string{"序号", "街道(乡镇)", "社区(村)", "姓名", "公民身份号码", "档次/标准", "数量", "单位", "户号"}
		widths = []float64{6, 14, 16, 10, 22, 24, 10, 8, 24}
	}
	for _, c := range b.Columns {
		header, widths = append(header, c.Header), append(widths, c.Width)
	}
	w.widths(widths...)
	w.freeze(headerRow)
	w.printSetup(headerRow)
	last := len(header)
	unit, _ := unitName(b.Unit)
	w.str(1, 1, d.Region+d.Month.Chinese()+b.Name+"发放花名册", st.titleMid)
	w.merge(1, 1, last, 1)
	w.str(1, 2, "制表单位："+d.Name, 0)
	// Each benefit sheet is printed and signed on its own: a draft's, or
	// a replaced run's, must say so on the page, not only on 汇总.
	w.str(3, 2, RunState(d.RunID, d.Approval), 0)
	w.str(last, 2, "单位："+unit, 0)
	w.strs(headerRow, st.header, header...)
	base := len(header) - len(b.Columns)
	for i, l := range b.Lines {
		row := headerRow + 1 + i
		writeLine(w, st, i+1, row, l, kwh)
		for j, c := range b.Columns {
			writeCell(w, st, base+j+1, row, c.Value(l))
		}
	}
	row := headerRow + len(b.Lines) + 1
	t := total(b.Lines)
	w.str(1, row, "合计", st.bold)
	people := fmt.Sprintf("%d人", t.count)
	if int64(len(b.Lines)) != t.count { // a person's 补发 of an earlier month has a row of its own
		people += fmt.Sprintf("（%d行）", len(b.Lines))
	}
	w.str(4, row, people, st.bold)
	w.num(7, row, money.Format(t.sum, b.Unit), amountStyle(st, b.Unit, true))
	if kwh {
		w.str(8, row, "千瓦时", st.bold)
	} else {
		row++
		w.str(1, row, "合计金额（大写）："+capital(w, t.sum), st.bold)
		w.merge(1, row, last, row)
	}
	if b.Basis != "" {
		row++
		w.str(1, row, b.Basis, 0)
		w.merge(1, row, last, row)
	}
	signOff(w, row+2, last)
}

// headerRow is the row of the column headers on benefit sheets.
const headerRow = 3

// signOff writes the signature block of a form: 制表人, 审核人, 负责人 and
// 日期, left blank for signatures.
func signOff(w *sheetWriter, row, last int) {
	cols := []int{1, 3, 5, 7}
	if last < 8 {
		cols = []int{1, 2, 4, 6}
	}
	for i, label := range []string{"制表人：", "审核人：", "负责人：", "日期：　　年　　月　　日"} {
		w.str(cols[i], row, label, 0)
	}
}

// capital writes an amount in Chinese capitals, recording the error on w.
func capital(w *sheetWriter, d decimal.Decimal) string {
	s, err := rmb.Capital(d)
	if err != nil && w.err == nil {
		w.err = err
	}
	return s
}

// writeLine writes line l as row row with 序号 n; a line for the heirs,
// paid by hand, says so in its 银行账号 cell (ByHandAccount).
func writeLine(w *sheetWriter, st styles, n, row int, l *domain.Line, kwh bool) {
	w.int(1, row, int64(n), 0)
	w.str(2, row, l.Street, 0)
	w.str(3, row, l.Community, 0)
	w.str(4, row, l.Name, 0)
	w.str(5, row, l.PersonID, st.text)
	w.str(6, row, l.Band, 0)
	w.num(7, row, money.Format(l.Amount, l.Unit), amountStyle(st, l.Unit, false))
	account := 8
	if kwh {
		w.str(8, row, "千瓦时", 0)
		account = 9
	}
	if l.ByHand() {
		// Empty, the cell read as an account the street forgot, and a
		// clerk signing the form asked it for a dead senior's card.
		w.str(account, row, ByHandAccount, 0)
		return
	}
	w.str(account, row, l.Account, st.text)
}

// ByHandAccount is what a benefit sheet's 银行账号 cell says for a line
// recorded without an account on purpose, for staff to pay a dead senior's
// heirs by hand (domain.Line.ByHand): the bank file leaves it out too.
const ByHandAccount = "（无：已故，向遗属手工发放）"

// yuanTotal sums the lines of the yuan benefits: amount and the number of
// different people paid.
func yuanTotal(bs []Benefit) (decimal.Decimal, int64) {
	var yuan [][]*domain.Line
	for _, b := range bs {
		if b.Unit == domain.UnitYuan {
			yuan = append(yuan, b.Lines)
		}
	}
	t := total(yuan...)
	return t.sum, t.count
}
