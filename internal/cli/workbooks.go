package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"disburse/internal/calc"
	"disburse/internal/changes"
	"disburse/internal/domain"
	"disburse/internal/progress"
	"disburse/internal/report"
	"disburse/internal/roster"
	"disburse/internal/rules"
)

// region is the district whose bureau issues the workbooks: the first words
// of every sheet title.
const region = "晋城市城区"

// exceptionsFile is the name of the exceptions workbook.
const exceptionsFile = "异常清单.xlsx"

// stagedFile is a workbook written under a temporary name, to be renamed to
// final once the run is committed.
type stagedFile struct{ tmp, final string }

// writeWorkbooks writes every workbook and CSV of a month's run under
// temporary names in outDir (several at a time), reading back the money of
// each department workbook and bank file as soon as it is written
// (checkSummary, checkBank). It returns what it staged, for the caller to
// publish after the commit or remove, and stops starting new files once ctx
// is cancelled. Until inserting is closed it leaves one core to the insert
// of the run's rows (runAll); nil leaves it none.
func writeWorkbooks(ctx context.Context, pr *progress.Reporter, outDir string, t *rules.Table, m domain.Month, runID int64, rulesHash, approval string, lines []domain.Line, services calc.ServiceLists, findings []domain.Finding, listings []domain.Listing, inputs []domain.InputFile, chg *changes.Report, recoveries []domain.Recovery, inserting <-chan struct{}) ([]stagedFile, error) {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	// Workbooks are independent: stage only records each one, and they are
	// written afterwards, several at a time.
	var staged []stagedFile
	var writes []func() error
	finals := map[string]bool{}
	stage := func(name string, write func(path string) error) error {
		final := filepath.Join(outDir, name)
		if finals[strings.ToLower(final)] {
			// Two streets (or departments) whose names differ only in what a
			// file name cannot hold, or in case: the second would overwrite
			// the first on a Windows share. Nothing is written.
			return fmt.Errorf("两份输出会写成同一个文件 %s：两个街道（或部门）的名称只差在文件名不能含的字符（或大小写）上；请在花名册或规则中把名称写得可以区分", final)
		}
		finals[strings.ToLower(final)] = true
		if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
			return fmt.Errorf("create output folder: %w", err)
		}
		s := stagedFile{tmp: filepath.Join(filepath.Dir(final), fmt.Sprintf(".tmp-run%d-%s", runID, filepath.Base(name))), final: final}
		staged = append(staged, s)
		writes = append(writes, func() error { return write(s.tmp) })
		return nil
	}
	depts := departments(t, m, runID, rulesHash, lines)
	wants := yuanTotals(lines)
	for _, dept := range depts {
		if err := stage(dept.Name+".xlsx", func(p string) error {
			d := dept // its extra sheets are built here, while it is written
			names := benefitNames(t, d.Name)
			d.Tables = append(serviceTables(t, m, d.Name, services, report.RunState(runID, approval)), report.ChangeTables(chg, names)...)
			d.Tables = append(d.Tables, report.ArrearsTable(m, lines, names), report.RecoveriesTable(m, recoveries, names))
			d.Approval = approval
			if err := report.WriteDepartment(p, d); err != nil {
				return err
			}
			if want, ok := wants[d.Name]; ok {
				return checkSummary(p, d.Name, want)
			}
			return nil
		}); err != nil {
			return staged, err
		}
	}
	// The bank files come next: with the department workbooks they are the
	// longest jobs, and jobs start in this order.
	if err := stagePublications(stage, t, m, runID, rulesHash, approval, lines, wants, chg, recoveries, findings, listings); err != nil {
		return staged, err
	}
	all := benefitNames(t, "")
	missing, recovered := report.MissingTable(chg, all), report.RecoveriesTable(m, recoveries, all)
	if err := stage(exceptionsFile, func(p string) error {
		return report.WriteExceptions(p, m, runID, findings, inputs, missing, recovered)
	}); err != nil {
		return staged, err
	}
	if err := stageServiceDepartments(stage, t, m, depts, services, report.RunState(runID, approval)); err != nil {
		return staged, err
	}
	task := pr.Task("写出工作簿", "个", int64(len(writes)))
	for i, write := range writes {
		writes[i] = func() error {
			if err := ctx.Err(); err != nil {
				return err // a signal: the run records nothing, so stop writing
			}
			err := write()
			if err == nil {
				task.Add(1) // a workbook not written is not counted: the bar stopped short
			}
			return err
		}
	}
	err := runAll(writes, inserting)
	task.Finish()
	if err != nil {
		return staged, err
	}
	return staged, nil
}

// benefitNames maps the codes of dept's benefits (every benefit when dept is
// empty) to their names on sheets.
func benefitNames(t *rules.Table, dept string) map[string]string {
	m := map[string]string{}
	for _, b := range t.Benefits {
		if dept == "" || b.Department == dept {
			m[b.Code] = b.Name
		}
	}
	return m
}

// departments groups lines into one report.Department per department that has
// at least one line, benefits in rules order.
func departments(t *rules.Table, m domain.Month, runID int64, rulesHash string, lines []domain.Line) []report.Department {
	byBenefit := map[string][]*domain.Line{}
	for i := range lines {
		byBenefit[lines[i].Benefit] = append(byBenefit[lines[i].Benefit], &lines[i])
	}
	var out []report.Department
	for _, name := range t.Departments() {
		d := report.Department{Region: region, Name: name, Month: m, RunID: runID, RulesHash: rulesHash}
		for _, b := range t.Benefits {
			if b.Department != name || len(byBenefit[b.Code]) == 0 {
				continue
			}
			rb := sheetOf(b, byBenefit[b.Code])
			rb.Department = ""
			d.Benefits = append(d.Benefits, rb)
		}
		if len(d.Benefits) > 0 {
			out = append(out, d)
		}
	}
	return out
}

// sheetOf is benefit b's sheet of lines: its extra columns (the training
// subsidy's), and the basis of its rates written below the totals: the
// list items and the date the rates paid this month took effect, and, when
// a line is a 补发, that each month is paid by its own rates.
func sheetOf(b rules.InForce, lines []*domain.Line) report.Benefit {
	rb := report.Benefit{Code: b.Code, Name: b.Name, Unit: b.Unit, Department: b.Department, Lines: lines}
	if b.Code == calc.TrainingCode {
		rb.Columns = trainingColumns
	}
	if b.Version != nil {
		rb.Basis = "标准依据：" + b.Source
		if !strings.Contains(b.Source, b.Version.Item) {
			rb.Basis += "（第" + b.Version.Item + "项）"
		}
		rb.Basis += "，自" + b.Version.Effective.Format("2006-01-02") + "起执行的标准"
		if slices.ContainsFunc(lines, func(l *domain.Line) bool { return l.Corrects.Valid() }) {
			rb.Basis += "；补发的各月按该月执行的标准"
		}
	}
	return rb
}

// voidName is the name a replaced run's workbook or bank file is kept
// under, beside the folder's name (被替换-运行N): 作废-运行N-区民政局.xlsx. A
// file sent on alone, by mail or on paper, says it was replaced, where its
// title still says 草稿 or names its approval and its run.
func voidName(replaced int64, name string) string {
	return fmt.Sprintf("作废-运行%d-%s", replaced, name)
}

func removeStaged(staged []stagedFile) {
	for _, s := range staged {
		os.Remove(s.tmp)
	}
}

// publish renames the staged workbooks to their final names. Workbooks of an
// earlier run of the month that are in the way are first moved into a
// subfolder named after that run (replaced), so nothing an auditor may have
// been sent disappears; one that subfolder holds already was kept by a
// publish stopped halfway, and what is in the way now is this run's. An
// approved bank file removes the same run's draft one (draftOf).
func publish(outDir string, staged []stagedFile, runID, replaced int64) error {
	if replaced != 0 {
		keep := filepath.Join(outDir, fmt.Sprintf("被替换-运行%d", replaced))
		old, _ := filepath.Glob(filepath.Join(outDir, "*.xlsx"))
		for _, sub := range publicationDirs {
			more, _ := filepath.Glob(filepath.Join(outDir, sub, "*.*"))
			old = append(old, more...)
		}
		for _, p := range old {
			if strings.HasPrefix(filepath.Base(p), ".") {
				continue // a staged workbook of this run
			}
			rel, _ := filepath.Rel(outDir, filepath.Dir(p))
			dir := filepath.Join(keep, rel)
			void := filepath.Join(dir, voidName(replaced, filepath.Base(p)))
			if _, err := os.Stat(void); err == nil {
				continue // the replaced run's is kept already: this is the replacing run's, named before a stop
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("keep workbook of run %d: %w", replaced, err)
			}
			if err := os.Rename(p, void); err != nil {
				return fmt.Errorf("keep workbook of run %d: %w", replaced, err)
			}
		}
	}
	var errs []error
	for _, s := range staged {
		if err := os.Rename(s.tmp, s.final); err != nil {
			errs = append(errs, fmt.Errorf("workbook %s is still named %s: %w", filepath.Base(s.final), filepath.Base(s.tmp), err))
			continue
		}
		// The approved bank file stands in for the same run's draft one,
		// whose money it repeats: left beside it, the draft could still be
		// the one sent to the bank.
		if draft, ok := draftOf(s.final); ok {
			if err := os.Remove(draft); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("draft bank file %s: %w", filepath.Base(draft), err))
			}
		}
	}
	return errors.Join(errs...)
}

// trainingColumns are the extra columns of the 家庭照护培训补贴 sheet: who was
// cared for, the kind of training, its cost and the certificate.
var trainingColumns = []report.Column{
	{Header: "被照护老人姓名", Width: 12, Value: func(l *domain.Line) report.Cell { return report.Text(l.Params.ElderName) }},
	{Header: "被照护老人公民身份号码", Width: 22, Value: func(l *domain.Line) report.Cell { return report.Text(l.Params.ElderID) }},
	{Header: "培训类型", Width: 10, Value: func(l *domain.Line) report.Cell { return report.Text(l.Params.TrainingType) }},
	{Header: "培训费用", Width: 12, Value: func(l *domain.Line) report.Cell {
		if l.Params.Cost == "" {
			return report.Text("")
		}
		return report.Cell{Number: l.Params.Cost, Money: true}
	}},
	{Header: "证书编号", Width: 18, Value: func(l *domain.Line) report.Cell { return report.Text(l.Reference) }},
}

// noAccount returns a notice for each person granted something without the
// account it goes to: money without a 银行账号 (bank_account_missing: listed
// on the bank file's 无账号待处理 and not sent) and the free electricity
// allowance (kWh) without a 户号 (meter_account_missing: the power-supply
// centre cannot credit it). They stay on their lines, and staff must supply
// the account. Money recorded without an account on purpose
// (domain.Line.ByHand: the heirs' of someone who died, to be paid by hand)
// gets none: no account is asked for, and the line's note says so. A line from a sheet that has
// no column of the account (missing, by noColumn) says that instead of
// asking to fill the account in: it may well be filled in, under a header
// not recognised. Each finding names the account's header;
// withColumnLetters gives it the letter.
func noAccount(lines []domain.Line, missing map[roster.SheetColumn]bool) []domain.Finding {
	var out []domain.Finding
	seen := map[string]bool{}
	for _, l := range lines {
		if l.Account != "" || seen[l.Unit+l.PersonID] || l.ByHand() {
			continue
		}
		var code, column, msg string
		switch l.Unit {
		case domain.UnitYuan:
			code, column, msg = "bank_account_missing", "银行账号", "本月有发放金额但未填银行账号，请补填，否则无法代发"
			if missing[roster.SheetColumn{File: l.Source.File, Sheet: l.Source.Sheet, Header: column}] {
				msg = "本月有发放金额，但工作表「" + l.Source.Sheet + "」没有可识别的「银行账号」列，本行的账号无法读取，不能代发：账号如填在别的列，请把该列表头改为「银行账号」，否则请加上「银行账号」列并填写，然后用 --replace 重新计算"
			}
		case domain.UnitKWh:
			code, column, msg = "meter_account_missing", "户号", "本月享受免费用电基数但未填户号，供电中心无法落实到户，请补填户号"
			if missing[roster.SheetColumn{File: l.Source.File, Sheet: l.Source.Sheet, Header: column}] {
				msg = "本月享受免费用电基数，但工作表「" + l.Source.Sheet + "」没有可识别的「户号」列，本行的户号无法读取，供电中心无法落实到户：户号如填在别的列，请把该列表头改为「户号」，否则请加上「户号」列并填写，然后用 --replace 重新计算"
			}
		default:
			continue
		}
		seen[l.Unit+l.PersonID] = true
		where := *l.Source
		where.Header = column // the line knows the row; its sheet's column map, the letter
		out = append(out, domain.Finding{Severity: domain.Notice, Code: code, Where: where, Name: l.Name, AsWritten: l.PersonID, Message: msg})
	}
	return out
}

// withColumnLetters gives each of findings that names a roster sheet's
// column by its header alone (made after the rows as read were let go:
// the calculator's disability_incomplete, tekun_unspecified,
// meter_account_shared, the run's bank_account_missing) the column's
// letter, when the sheet has the column (letters, roster.Columns), so
// that 异常清单 names the cell to correct (列「L 户号」); a header alone
// then says the sheet has no such column. It changes findings in place
// and returns them.
func withColumnLetters(findings []domain.Finding, letters map[roster.SheetColumn]string) []domain.Finding {
	for i := range findings {
		if w := &findings[i].Where; w.Column == "" && w.Header != "" {
			w.Column = letters[roster.SheetColumn{File: w.File, Sheet: w.Sheet, Header: w.Header}]
		}
	}
	return findings
}

// diedInMonthPaid gives a notice (died_in_month_paid) for each person of
// people who died within month m and whose yuan lines of the month go to
// the 银行账号 on their row: the month of death is paid (死亡当月照发,
// list items 16-17), into the senior's own account, which the bank may have
// frozen or closed since. The bank file's columns are the bank's, with no
// room for a word, so 异常清单 says it, for staff to pay the heirs by hand
// if the transfer comes back. Lines without an account are the heirs' by
// hand already (domain.Line.ByHand) and get none.
func diedInMonthPaid(m domain.Month, people []domain.Person, lines []domain.Line) []domain.Finding {
	died := map[string]*domain.Person{}
	for i := range people {
		if p := &people[i]; p.DeadBy(m) && !p.Death.Before(m.First()) {
			died[p.ID] = p
		}
	}
	if len(died) == 0 {
		return nil
	}
	var out []domain.Finding
	for i := range lines {
		l := &lines[i]
		p := died[l.PersonID]
		if p == nil || l.Unit != domain.UnitYuan || l.Account == "" {
			continue
		}
		delete(died, l.PersonID) // once a person
		f := domain.Finding{Severity: domain.Notice, Code: "died_in_month_paid", Where: p.Source, Name: p.Name, AsWritten: p.ID,
			Message: fmt.Sprintf("此人已于%s去世，死亡当月照发，本月（含补发）发放到本人银行账号%s：如银行告知该账户已冻结或注销、款项退回，请改为向其遗属手工发放，不要重复发放", p.Death.Format("2006-01-02"), l.Account)}
		out = append(out, f)
	}
	return out
}

// noColumn returns the columns the roster sheets read have none of, by the
// notices telling so (roster.MissingColumnCode).
func noColumn(notices []domain.Finding) map[roster.SheetColumn]bool {
	out := map[roster.SheetColumn]bool{}
	for _, f := range notices {
		if h, ok := roster.MissingColumnCode(f.Code); ok {
			out[roster.SheetColumn{File: f.Where.File, Sheet: f.Where.Sheet, Header: h}] = true
		}
	}
	return out
}

// householdsAlike gives a notice (meter_account_alike) on each line of a
// benefit granted per 户号 (the electricity allowance, in kWh) whose 户号
// differs from an earlier line's only by leading zeros (0630000002 and
// 630000002): granted as two households, once each, though they may be one
// household written two ways, a zero lost where the cell was a number once.
// Which it is, only the power-supply centre's records can tell: paid, and
// told.
func householdsAlike(lines []domain.Line) []domain.Finding {
	first := map[string]*domain.Line{} // 户号 without its leading zeros -> the first line giving it
	var out []domain.Finding
	for i := range lines {
		l := &lines[i]
		if l.Unit != domain.UnitKWh || l.Account == "" || l.Corrects.Valid() {
			continue
		}
		key := strings.TrimLeft(l.Account, "0")
		was, ok := first[key]
		if !ok {
			first[key] = l
			continue
		}
		if was.Account == l.Account {
			continue
		}
		out = append(out, domain.Finding{Severity: domain.Notice, Code: "meter_account_alike", Where: *l.Source, Name: l.Name, AsWritten: l.PersonID,
			Message: fmt.Sprintf("户号「%s」与%s（%s %s 第%d行）的户号「%s」只差开头的0，按两户各发一份免费用电基数；如是同一户，请把户号改为一致（一户只发一份）后用 --replace 重新计算",
				l.Account, was.Name, was.Source.File, was.Source.Sheet, was.Source.Row, was.Account)})
	}
	return out
}

// runAll runs jobs, at most GOMAXPROCS at once, started in the order given
// (so the longest, put first, do not end the run alone), and returns the
// first error in job order. While busy is open one core is left to the
// work that will close it (the run's insert into the database, which is
// otherwise the last to end), and jobs run at most GOMAXPROCS-1 at once; a
// nil busy leaves every core to jobs. busy must be closed sooner or later.
func runAll(jobs []func() error, busy <-chan struct{}) error {
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	for w := range workers {
		wg.Go(func() {
			if w == workers-1 && w > 0 && busy != nil {
				<-busy
			}
			for i := range next {
				errs[i] = jobs[i]()
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
