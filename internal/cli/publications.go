package cli

import (
	"encoding/csv"
	"fmt"
	"iter"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"disburse/internal/calc"
	"disburse/internal/changes"
	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/money"
	"disburse/internal/report"
	"disburse/internal/rmb"
	"disburse/internal/rules"
	"disburse/internal/worksheet"
)

// Sub-folders of DATA/out/YYYY-MM/ for the documents made from a month's
// lines besides the department workbooks.
const (
	streetDir = "街道" // per-street verification copies
	noticeDir = "公示" // public notice lists
	bankDir   = "代发" // bank disbursement files
)

var publicationDirs = []string{streetDir, noticeDir, bankDir}

// draftMark ends the name of a draft's bank files: 区民政局_代发_草稿.csv is
// not to go to the bank, whichever program or clerk opens it (a CSV has no
// title to say so). The approved run's files drop it: 区民政局_代发.csv.
const draftMark = "_草稿"

// bankBase is the path, under a month's out folder and without extension,
// of department dept's bank files: marked as a draft's (draftMark) unless
// approval, the approval text, is given.
func bankBase(dept, approval string) string {
	base := filepath.Join(bankDir, fileName(dept)+"_代发")
	if approval == "" {
		base += draftMark
	}
	return base
}

// draftOf returns the path of the draft's bank file that the approved bank
// file at path replaces (代发/区民政局_代发.csv: 代发/区民政局_代发_草稿.csv),
// and false for any other path.
func draftOf(path string) (string, bool) {
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	if filepath.Base(filepath.Dir(path)) != bankDir || !strings.HasSuffix(stem, "_代发") {
		return "", false
	}
	return stem + draftMark + ext, true
}

// stagePublications writes, through stage, the bank disbursement files
// (each checked against wants, the yuan total of each department's lines:
// checkBank), the per-street verification copies (with the street's held
// rows, 待核实 and 追回清单 from findings and listings, chg and recoveries) and the
// public notice
// lists. Each document is built from lines inside its own write, so only the
// documents being written at the moment are held in memory.
func stagePublications(stage func(string, func(string) error) error, t *rules.Table, m domain.Month, runID int64, rulesHash, approval string, lines []domain.Line, wants map[string]decimal.Decimal, chg *changes.Report, recoveries []domain.Recovery, findings []domain.Finding, listings []domain.Listing) error {
	// Bank files first: each is read back whole once written, which takes
	// as long as writing it, and should overlap the files after it.
	for _, dept := range t.Departments() {
		want, ok := wants[dept]
		if !ok {
			continue
		}
		base := bankBase(dept, approval)
		bank := sync.OnceValues(func() (*bank, error) { return bankFile(dept, lines) }) // built once, by whichever file is written first
		if err := stage(base+".xlsx", func(p string) error {
			b, err := bank()
			if err != nil {
				return err
			}
			if err := report.WriteTables(p, b.tables(m, dept, runID, approval)...); err != nil {
				return err
			}
			return checkBank(p, dept, want)
		}); err != nil {
			return err
		}
		if err := stage(base+".csv", func(p string) error {
			b, err := bank()
			if err != nil {
				return err
			}
			return b.writeCSV(p)
		}); err != nil {
			return err
		}
	}
	all := benefitNames(t, "")
	held := heldByStreet(lines, listings, findings)
	for _, street := range copyStreets(lines, held, chg, recoveries) {
		if err := stage(filepath.Join(streetDir, fileName(streetLabel(street))+".xlsx"), func(p string) error {
			d := streetCopy(t, m, runID, rulesHash, approval, street, lines)
			d.Tables = streetFollowUp(m, street, chg, recoveries, all)
			if len(held[street]) > 0 {
				d.Tables = append([]report.Table{report.HeldTable(m, held[street])}, d.Tables...)
			}
			return report.WriteDepartment(p, d)
		}); err != nil {
			return err
		}
	}
	for _, b := range t.Benefits {
		if !slices.ContainsFunc(lines, func(l domain.Line) bool { return l.Benefit == b.Code }) {
			continue
		}
		if err := stage(filepath.Join(noticeDir, fileName(b.Name)+".xlsx"), func(p string) error {
			return report.WriteTables(p, noticeList(m, b.Code, b.Name, b.Unit, approval, lines))
		}); err != nil {
			return err
		}
	}
	return nil
}

// streets lists the streets of lines in order of first appearance.
func streets(lines []domain.Line) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range lines {
		if !seen[l.Street] {
			seen[l.Street] = true
			out = append(out, l.Street)
		}
	}
	return out
}

// copyStreets lists the streets that get a verification copy: those of
// lines in order of first appearance, then, in name order, those with
// nothing paid this month but held rows (held), people to confirm (待核实:
// a street whose roster did not arrive has all its people there) or money
// to recover. Only
// the street office can act on those, so it gets a copy of its own even
// when it has nothing to sign for.
func copyStreets(lines []domain.Line, held map[string][]domain.Finding, chg *changes.Report, recoveries []domain.Recovery) []string {
	out := streets(lines)
	var more []string
	add := func(s string) {
		if !slices.Contains(out, s) && !slices.Contains(more, s) {
			more = append(more, s)
		}
	}
	for s := range held {
		add(s)
	}
	for _, x := range chg.Missing {
		add(x.Street)
	}
	for _, r := range recoveries {
		add(r.Street)
	}
	slices.Sort(more)
	return append(out, more...)
}

func streetLabel(s string) string {
	if s == "" {
		return "未填街道"
	}
	return s
}

// fileName makes text safe as a file name on Linux and on a Windows share:
// each character either forbids is written as its full-width form (东街/西街
// becomes 东街／西街), which staff read as the same name. A plain stand-in
// such as _ made 东街/街道 and 东街_街道 one file, so one street's copy
// would have overwritten the other's.
func fileName(s string) string {
	return fileNameChars.Replace(s)
}

// fileNameChars maps the characters a Windows file name cannot hold to
// their full-width forms (U+FF0F ／, U+FF3C ＼, U+FF1A ：, U+FF0A ＊,
// U+FF1F ？, U+FF02 ＂, U+FF1C ＜, U+FF1E ＞, U+FF5C ｜).
var fileNameChars = strings.NewReplacer(`/`, "／", `\`, "＼", `:`, "：", `*`, "＊", `?`, "？", `"`, "＂", `<`, "＜", `>`, "＞", `|`, "｜")

// streetCopy is the workbook a street office checks and signs: every
// benefit's sheet, limited to the street's lines.
func streetCopy(t *rules.Table, m domain.Month, runID int64, rulesHash, approval, street string, lines []domain.Line) report.Department {
	d := report.Department{Region: region, Name: streetLabel(street) + "（核对联）", Month: m, RunID: runID, RulesHash: rulesHash, Approval: approval}
	for _, b := range t.Benefits {
		var bl []*domain.Line
		for i := range lines {
			if l := &lines[i]; l.Benefit == b.Code && l.Street == street {
				bl = append(bl, l)
			}
		}
		if len(bl) > 0 {
			d.Benefits = append(d.Benefits, sheetOf(b, bl))
		}
	}
	return d
}

// heldByStreet groups the held findings by street: the 街道 written on the
// held row (domain.Finding's Street), else, for a row without one or a
// finding recorded before it was kept, the street of the held row itself
// when it is someone's listed row (listings), else the one street that
// every paid line and listed row of its file with a street gives (rows
// without a 街道 aside: one such row put the rest of its file's held rows
// without a street on no copy). Held rows without a street of a file of
// several streets, or of none, go on the 未填街道 copy, beside the paid
// rows without a street: a row on no copy reached no street office.
func heldByStreet(lines []domain.Line, listings []domain.Listing, findings []domain.Finding) map[string][]domain.Finding {
	type row struct {
		file, sheet string
		row         int
	}
	rowStreet := map[row]string{} // held rows only: a province has a million listings
	for _, f := range findings {
		if f.Severity == domain.Held && f.Where.Row > 0 {
			rowStreet[row{f.Where.File, f.Where.Sheet, f.Where.Row}] = ""
		}
	}
	streetOf, mixed := map[string]string{}, map[string]bool{} // by file
	note := func(file, street string) {
		if street == "" {
			return // a row without a 街道 makes no file of two streets
		}
		if s, ok := streetOf[file]; !ok {
			streetOf[file] = street
		} else if s != street {
			mixed[file] = true
		}
	}
	for i := range lines {
		note(lines[i].Source.File, lines[i].Street)
	}
	for _, l := range listings {
		p := l.Person
		note(p.Source.File, p.Street)
		k := row{p.Source.File, p.Source.Sheet, p.Source.Row}
		if _, held := rowStreet[k]; held {
			rowStreet[k] = p.Street
		}
	}
	out := map[string][]domain.Finding{}
	for _, f := range findings {
		if f.Severity != domain.Held || f.Where.Row <= 0 {
			continue
		}
		if f.Street != "" {
			out[f.Street] = append(out[f.Street], f)
		} else if s := rowStreet[row{f.Where.File, f.Where.Sheet, f.Where.Row}]; s != "" {
			out[s] = append(out[s], f)
		} else if s, ok := streetOf[f.Where.File]; ok && !mixed[f.Where.File] {
			out[s] = append(out[s], f)
		} else {
			out[""] = append(out[""], f) // 未填街道, with the paid rows without a street
		}
	}
	return out
}

// streetFollowUp are the sheets of a street's copy that ask the street
// office to act: 待核实 (paid last month in this street, on no roster now),
// 账号姓名变更 (a changed 姓名 or account, for the office that holds the
// paperwork) and 追回清单 (paid after a death), each limited to the street;
// none when the street has none of them. codes maps benefit codes to names
// on sheets.
func streetFollowUp(m domain.Month, street string, chg *changes.Report, recoveries []domain.Recovery, codes map[string]string) []report.Table {
	var out []report.Table
	mine := *chg
	mine.Missing = inStreet(chg.Missing, street, func(x changes.Missing) string { return x.Street })
	if len(mine.Missing) > 0 {
		out = append(out, report.MissingTable(&mine, codes))
	}
	mine.Identities = inStreet(chg.Identities, street, func(c changes.Change) string { return c.Street })
	if len(mine.Identities) > 0 {
		out = append(out, report.IdentitiesTable(&mine, codes))
	}
	if rs := inStreet(recoveries, street, func(r domain.Recovery) string { return r.Street }); len(rs) > 0 {
		out = append(out, report.RecoveriesTable(m, rs, codes))
	}
	return out
}

// inStreet returns the items of xs whose street (as of gives it) is street,
// in their order.
func inStreet[T any](xs []T, street string, of func(T) string) []T {
	var out []T
	for _, x := range xs {
		if of(x) == street {
			out = append(out, x)
		}
	}
	return out
}

// noticeList is the 公示名单 of one benefit: name, ID masked (first 6 and
// last 4 characters), street, community, amount and, for arrears, the month
// paid for (补发YYYY-MM); never a bank account or a full ID. Its rows are
// made from lines while the sheet is written. A draft's title (approval
// "") says it is not to be posted before approval.
func noticeList(m domain.Month, code, name, unit, approval string, lines []domain.Line) report.Table {
	title := region + m.Chinese() + name + "公示名单"
	if approval == "" { // a draft may still be replaced: not to be posted
		title += "（草稿：审批以前请勿公示）"
	}
	t := report.Table{Name: "公示名单", Title: title,
		Header: []string{"序号", "姓名", "公民身份号码", "街道(乡镇)", "社区(村)", "金额/数量", "单位", "备注"},
		Widths: []float64{6, 10, 22, 14, 16, 12, 8, 14}}
	unitText := report.Text(domain.UnitText(unit))
	t.Stream = func(yield func([]report.Cell) bool) {
		row, n := make([]report.Cell, 8), 0
		for i := range lines {
			l := &lines[i]
			if l.Benefit != code {
				continue
			}
			n++
			amount := report.Quantity(l.Amount)
			if l.Unit == domain.UnitYuan {
				amount = report.Yuan(l.Amount)
			}
			row[0], row[1], row[2], row[3], row[4], row[5], row[6] = report.Int(n), report.Text(l.Name), report.Text(idnumber.Mask(l.PersonID)), report.Text(l.Street), report.Text(l.Community), amount, unitText
			row[7] = report.Text("")
			if l.Corrects.Valid() { // someone listed twice: this month and an earlier one
				row[7] = report.Text("补发" + l.Corrects.String())
			}
			if !yield(row) {
				return
			}
		}
	}
	return t
}

// payee is one person's total money of a department in a month, to one
// account (or none). It is 16 bytes: a province's bank file has a million.
type payee struct {
	line   int32 // its first line in the bank's lines: name, ID and account
	toFill bool  // without an account: some of it waits for the roster to give one
	fen    int64 // the total, in fen
}

// fillAccount is what 无账号待处理 says of money that waits for a 银行账号.
const fillAccount = "未填银行账号：请街道在以后月份的花名册中补填本人银行账号，本月审批后即按本月的记录补发；请勿另行手工发放，以免重复发放"

// whatToDo is the 说明 of payee p on 无账号待处理: its lines' notes,
// clause by clause, each clause once. A dead senior's month and its 补发
// both end in the same request to pay the heirs by hand, which the cell
// said twice.
func (b *bank) whatToDo(p *payee) string {
	var parts []string
	if p.toFill {
		parts = append(parts, fillAccount)
	}
	for _, note := range b.notes[p.line] {
		for _, clause := range strings.Split(note, "；") {
			if !slices.Contains(parts, clause) {
				parts = append(parts, clause)
			}
		}
	}
	return strings.Join(parts, "；")
}

// bank is a department's disbursement: people with an account, and people
// with money but no account (never dropped: counted and listed apart).
type bank struct {
	lines           []domain.Line // the month's lines, that payees point into
	paid, noAccount []payee
	// notes are, by a payee's line, the notes of its lines recorded
	// without an account on purpose (domain.Line.ByHand): a few people.
	notes map[int32][]string
}

// person returns the name, ID and account of payee p.
func (b *bank) person(p *payee) (name, id, account string) {
	l := &b.lines[p.line]
	return l.Name, l.PersonID, l.Account
}

// bankFile sums dept's yuan lines per person and account, as each line is
// recorded: a line without a 银行账号 is on 无账号待处理 and never sent,
// even when another line of the same person (a trainee's, from the
// training roster) gives an account. Paid with it, that money would be
// paid again as 补发 once the roster gives the account, since the record
// says it was never sent. Totals are summed in fen; a line with more than
// two decimals, or more lines than an int32 counts, is an error, never a
// rounded payment.
func bankFile(dept string, lines []domain.Line) (*bank, error) {
	if len(lines) > math.MaxInt32 {
		return nil, fmt.Errorf("bank file of %s: %d lines", dept, len(lines))
	}
	b := &bank{lines: lines, notes: map[int32][]string{}}
	// A person's first payee is found by ID alone; a second account of
	// theirs (rare) by both. One map keyed by both took 40 MB more at a
	// million people.
	first, more := map[string]int{}, map[[2]string]int{}
	var all []payee
	for li := range lines {
		l := &lines[li]
		if l.Department != dept || l.Unit != domain.UnitYuan {
			continue
		}
		fen, err := money.Hundredths(l.Amount)
		if err != nil {
			return nil, fmt.Errorf("bank file of %s, %s %s: %w", dept, l.PersonID, l.Benefit, err)
		}
		i, ok := first[l.PersonID]
		if ok && lines[all[i].line].Account != l.Account {
			i, ok = more[[2]string{l.PersonID, l.Account}]
		}
		if !ok {
			i = len(all)
			if _, has := first[l.PersonID]; has {
				more[[2]string{l.PersonID, l.Account}] = i
			} else {
				first[l.PersonID] = i
			}
			all = append(all, payee{line: int32(li)})
		}
		p := &all[i]
		p.fen += fen
		if l.Account != "" {
			continue
		}
		if l.ByHand() {
			if !slices.Contains(b.notes[p.line], l.Params.Note) {
				b.notes[p.line] = append(b.notes[p.line], l.Params.Note)
			}
		} else {
			p.toFill = true
		}
	}
	// The paid are kept in all's own array (a copy was 75 MB at a
	// million people, held while the workbook was written).
	paid := all[:0]
	for _, p := range all {
		if lines[p.line].Account == "" {
			b.noAccount = append(b.noAccount, p)
		} else {
			paid = append(paid, p)
		}
	}
	b.paid = paid
	return b, nil
}

// sum is the total of ps, in yuan.
func sum(ps []payee) decimal.Decimal {
	var fen int64
	for _, p := range ps {
		fen += p.fen
	}
	return money.FromHundredths(fen)
}

// tables are the bank file's sheets for month m and department dept: 代发,
// whose title names run runID and whether it is approved (approval, "" for
// a draft: a draft's file is not to go to the bank, since the month may
// still be replaced), and 无账号待处理.
func (b *bank) tables(m domain.Month, dept string, runID int64, approval string) []report.Table {
	rows := func(ps []payee, control ...[]report.Cell) iter.Seq[[]report.Cell] {
		return func(yield func([]report.Cell) bool) {
			row := make([]report.Cell, 5)
			for i, p := range ps {
				name, id, account := b.person(&p)
				row[0], row[1], row[2], row[3], row[4] = report.Int(i+1), report.Text(name), report.Text(id), report.Text(account), report.Yuan(money.FromHundredths(p.fen))
				if !yield(row) {
					return
				}
			}
			for _, c := range control {
				if !yield(c) {
					return
				}
			}
		}
	}
	header := []string{"序号", "姓名", "公民身份号码", "银行账号", "金额"}
	widths := []float64{6, 10, 22, 26, 14}
	total := sum(b.paid)
	words, _ := rmb.Capital(total)
	state := fmt.Sprintf("（运行编号 %d，草稿：审批以前请勿报送银行）", runID) // a draft may still be replaced
	if approval != "" {
		state = fmt.Sprintf("（运行编号 %d，已审批：%s）", runID, approval)
	}
	paid := report.Table{Name: "代发", Title: region + m.Chinese() + dept + "补贴代发清单" + state, Header: header, Widths: widths,
		Stream: rows(b.paid, []report.Cell{report.Text("合计"), report.Text(fmt.Sprintf("%d人", len(b.paid))), report.Text(""), report.Text(""), report.Yuan(total)},
			[]report.Cell{report.Text("大写：" + words)})}
	none := report.Table{Name: "无账号待处理", Title: m.Chinese() + dept + "有发放金额但无银行账号的人员（未进入代发，如何处理见各行说明）",
		Header: append(slices.Clip(header), "说明"), Widths: append(slices.Clip(widths), 60)}
	if len(b.noAccount) > 0 {
		none.Stream = func(yield func([]report.Cell) bool) {
			row := make([]report.Cell, 6)
			for i := range b.noAccount {
				p := &b.noAccount[i]
				name, id, _ := b.person(p)
				row[0], row[1], row[2], row[3], row[4], row[5] = report.Int(i+1), report.Text(name), report.Text(id), report.Text(""), report.Yuan(money.FromHundredths(p.fen)), report.Text(b.whatToDo(p))
				if !yield(row) {
					return
				}
			}
			yield([]report.Cell{report.Text("合计"), report.Text(fmt.Sprintf("%d人", len(b.noAccount))), report.Text(""), report.Text(""), report.Yuan(sum(b.noAccount))})
		}
	}
	return []report.Table{paid, none}
}

// writeCSV writes the bank file's CSV twin: UTF-8 with a byte-order mark
// (what Excel on Chinese Windows needs), one row per person with an account,
// then the control row (合计, count, total).
func (b *bank) writeCSV(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil { // readable by staff on a share, whatever the umask
		f.Close()
		return err
	}
	if _, err := f.WriteString("\ufeff"); err != nil {
		f.Close()
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"序号", "姓名", "公民身份号码", "银行账号", "金额"})
	for i := range b.paid {
		name, id, account := b.person(&b.paid[i])
		w.Write([]string{fmt.Sprint(i + 1), name, id, account, money.Format(money.FromHundredths(b.paid[i].fen), domain.UnitYuan)})
	}
	w.Write([]string{"合计", fmt.Sprint(len(b.paid)), "", "", money.Format(sum(b.paid), domain.UnitYuan)})
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// The read-back before the commit: each department workbook and bank file
// is read again right after it is written, in the same job, and its money
// is checked, to the fen, against the yuan total of the department's lines
// (what the database records). A difference is a bug: the run stops and
// records nothing. Only the small 汇总 sheet of a department workbook is
// read back; the bank file, what money actually follows, is read whole: the
// sum of every payee row and the 合计 rows of 代发 and 无账号待处理.

// yuanTotals returns the yuan total of the lines of each department that
// pays money; a department paying only kWh is absent.
func yuanTotals(lines []domain.Line) map[string]decimal.Decimal {
	out := map[string]decimal.Decimal{}
	for i := range lines {
		if l := &lines[i]; l.Unit == domain.UnitYuan {
			t, ok := out[l.Department]
			if !ok {
				t = decimal.Zero
			}
			out[l.Department] = t.Add(l.Amount)
		}
	}
	return out
}

// checkSummary checks the 合计（元） of the 汇总 sheet of department dept's
// workbook at path against want.
func checkSummary(path, dept string, want decimal.Decimal) error {
	got, err := readTotals(path, "合计（元）", 3, "汇总")
	if err != nil {
		return err
	}
	if !got.totals.Equal(want) {
		return fmt.Errorf("totals of %s disagree: lines %s, workbook %s (a bug: nothing recorded)", dept, want, got.totals)
	}
	return nil
}

// checkBank checks the bank file at path of department dept, its payee rows
// and its 合计 rows each, against want.
func checkBank(path, dept string, want decimal.Decimal) error {
	got, err := readTotals(path, "合计", 5, "代发", "无账号待处理")
	if err != nil {
		return err
	}
	if !got.totals.Equal(want) || !got.rows.Equal(want) {
		return fmt.Errorf("totals of %s disagree: lines %s, bank file %s (its rows %s) (a bug: nothing recorded)", dept, want, got.totals, got.rows)
	}
	return nil
}

// readBack is the money read back from sheets: the sum over the rows
// numbered by a 序号 (one per payee), and the sum over the total rows.
type readBack struct{ rows, totals decimal.Decimal }

// readTotals reads the given sheets of the workbook at path row by row and
// adds up the amounts in column col (1-based): of the rows whose first cell
// is a 序号 into rows, of the rows whose first cell is label into totals.
// An amount that is not a number is an error. The sheets are read as XML
// (package worksheet), not through excelize, which decodes every cell of a
// row: a bank file of a province is read back in a fifth of the time.
func readTotals(path, label string, col int, sheets ...string) (readBack, error) {
	rb := readBack{rows: decimal.Zero, totals: decimal.Zero}
	if path == "" {
		return rb, fmt.Errorf("verify totals: workbook not written")
	}
	wb, err := worksheet.Open(path)
	if err != nil {
		return rb, fmt.Errorf("verify totals: %w", err)
	}
	defer wb.Close()
	for _, sheet := range sheets {
		err := wb.Values(sheet, []int{1, col}, func(_ int, r []string) error {
			sum := &rb.totals
			if n, err := strconv.Atoi(r[0]); err == nil && n > 0 {
				sum = &rb.rows
			} else if r[0] != label {
				return nil
			}
			d, err := decimal.NewFromString(r[1])
			if err != nil {
				return fmt.Errorf("row %q: amount %q is not a number", r[0], r[1])
			}
			*sum = sum.Add(d)
			return nil
		})
		if err != nil {
			return rb, fmt.Errorf("verify totals: %w", err)
		}
	}
	return rb, nil
}

// serviceTables are the sheets of dept's services (items 4, 7, 12, 13-14,
// 15): who to reach this month and what they are entitled to, each saying
// run, the run and its state (report.RunState). Their rows are worked out
// while each sheet is written.
func serviceTables(t *rules.Table, m domain.Month, dept string, services calc.ServiceLists, run string) []report.Table {
	var out []report.Table
	for _, s := range t.Services() {
		if s.Department != dept {
			continue
		}
		tab := report.Table{Name: s.Name, Title: region + m.Chinese() + s.Name + "服务对象名单（清单第" + s.Version.Item + "项，免申即享）", Issuer: dept, Run: run,
			Header: []string{"序号", "街道(乡镇)", "社区(村)", "姓名", "公民身份号码", "周岁", "服务对象", "服务内容及标准"},
			Widths: []float64{6, 14, 16, 10, 22, 8, 22, 50}}
		tab.Stream = func(yield func([]report.Cell) bool) {
			n := 0
			for l := range services.Of(s.Code) {
				n++
				if !yield([]report.Cell{report.Int(n), report.Text(l.Street), report.Text(l.Community), report.Text(l.Name), report.Text(l.PersonID), report.Int(l.Params.Age), report.Text(l.Band), report.Text(l.Params.Note)}) {
					return
				}
			}
		}
		out = append(out, tab)
	}
	return out
}

// stageServiceDepartments writes a workbook for each department that has
// services but no money (区融媒体中心, 区交通局, 区发改局, 区卫体局) when
// anyone is on its lists this month: a 汇总 sheet (a row per band, then
// per label of the people caught up, calc.ServiceLists), then one sheet
// per service, each saying run (report.RunState). Departments with money
// carry their services in their own workbook.
func stageServiceDepartments(stage func(string, func(string) error) error, t *rules.Table, m domain.Month, money []report.Department, services calc.ServiceLists, run string) error {
	paid := map[string]bool{}
	for _, d := range money {
		paid[d.Name] = true
	}
	for _, dept := range t.Departments() {
		if paid[dept] {
			continue
		}
		tables := serviceTables(t, m, dept, services, run)
		sum := report.Table{Name: "汇总", Title: region + m.Chinese() + "服务对象汇总（" + dept + "）", Issuer: dept, Run: run,
			Header: []string{"服务项目", "清单项目", "服务对象", "人数"}, Widths: []float64{24, 10, 24, 8}}
		n := 0
		for _, s := range t.Services() {
			if s.Department != dept {
				continue
			}
			count := map[string]int{} // by band label
			var labels []string       // every band's, then those of people caught up (补列), as they come
			for _, b := range s.Version.Bands {
				labels = append(labels, b.Label)
			}
			for l := range services.Of(s.Code) {
				if count[l.Band]++; !slices.Contains(labels, l.Band) {
					labels = append(labels, l.Band)
				}
			}
			for _, label := range labels {
				n += count[label]
				sum.Rows = append(sum.Rows, []report.Cell{report.Text(s.Name), report.Text("第" + s.Version.Item + "项"), report.Text(label), report.Int(count[label])})
			}
		}
		if n == 0 {
			continue
		}
		all := append([]report.Table{sum}, tables...)
		if err := stage(fileName(dept)+".xlsx", func(p string) error { return report.WriteTables(p, all...) }); err != nil {
			return err
		}
	}
	return nil
}
