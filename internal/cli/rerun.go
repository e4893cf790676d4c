package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"disburse/internal/calc"
	"disburse/internal/domain"
	"disburse/internal/inbox"
	"disburse/internal/money"
	"disburse/internal/roster"
	"disburse/internal/rules"
	"disburse/internal/store"
)

// errDifferent is returned by rerun when the recomputed month differs from
// the record (or cannot be recomputed); the differences are already printed.
var errDifferent = errors.New("the re-run differs from the record (see above)")

func newRerunCmd(e *env) *cobra.Command {
	var month, rulesDir string
	var ff folderFlags
	cmd := &cobra.Command{
		Use:   "rerun --month YYYY-MM [--data DIR] [--rules DIR]",
		Short: "Recompute a recorded month from its archived inputs and compare",
		Long: `rerun recomputes the month's latest run from the input files it archived (found
by the sha256 the run recorded) and the rules it recorded, compares the result
line by line with what was recorded (payment lines and recoveries), and
prints "identical" (exit 0) or every
difference: person, benefit, recorded amount, recomputed amount and why
(exit 1). It writes nothing. With --rules DIR the month is recomputed under
other rules (today's rules/, say) to show what they would have paid. A
missing or altered archive file is reported as such (exit 1); nothing is
recomputed from anything else.` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m, cfg, err := ff.resolveMonth(e, month)
			if err != nil {
				return err
			}
			return rerun(cmd.Context(), e.stdout, cfg.Data, m, rulesDir)
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "recorded month, YYYY-MM (required)")
	cmd.Flags().StringVar(&rulesDir, "rules", "", "recompute under the rules in this folder instead of the recorded ones")
	cmd.Flags().StringVar(&ff.data, "data", "", "data folder (default ./data)")
	return cmd
}

// recomputed is a month computed again from its archived inputs.
type recomputed struct {
	Lines      []domain.Line
	Recoveries []domain.Recovery
	Decisions  calc.Decisions
	Listings   []domain.Listing
	Findings   []domain.Finding
	Table      *rules.Table
}

// recompute reads a recorded run's archived inputs (verifying each sha256;
// the ones the run refused are not read again) and computes the month
// again under table. It returns an error listing
// every missing or altered archive file.
func recompute(ctx context.Context, db *store.DB, data string, run domain.Run, book *rules.Book, table *rules.Table) (*recomputed, error) {
	inputs, err := db.Inputs(ctx, run.ID)
	if err != nil {
		return nil, err
	}
	headers, err := roster.NewHeaders(book.HeaderAliases)
	if err != nil {
		return nil, err
	}
	var problems []string
	var wbs []*roster.Workbook
	var findings []domain.Finding
	for _, in := range inputs {
		path := filepath.Join(contentDir(data), in.SHA256)
		if err := inbox.Verify(path, in.SHA256); err != nil {
			problems = append(problems, fmt.Sprintf("%s (sha256 %s): archive file %v", in.Name, in.SHA256, err))
			continue
		}
		if in.Rejected {
			// Refused by the run as a whole (a duplicate, one of two
			// versions): what refused it was the inbox around it, which
			// reading the file alone cannot see again.
			findings = append(findings, domain.Finding{Severity: domain.Held, Code: "file_rejected", Where: domain.Location{File: in.Name}, Message: in.Reason})
			continue
		}
		wb, err := roster.ReadFile(path, in.Name, run.Month, headers)
		var rej *roster.RejectError
		switch {
		case errors.As(err, &rej):
			findings = append(findings, rej.Finding())
		case err != nil:
			return nil, err
		default:
			wbs = append(wbs, wb)
			findings = append(findings, wb.Notices...)
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("无法重新计算 %s：归档（%s）中有 %d 个输入文件缺失或被改动，请从备份恢复后再试 (cannot re-run %s: %d input(s) missing or altered in the archive):\n  %s",
			run.Month, contentDir(data), len(problems), run.Month, len(problems), strings.Join(problems, "\n  "))
	}
	record, err := loadOnRecord(ctx, db, run.Month, run.ID)
	if err != nil {
		return nil, err
	}
	if err := holdOnRecord(ctx, db, record, wbs); err != nil {
		return nil, err
	}
	merged := roster.Consolidate(wbs, run.Month)
	res, err := computeMonth(ctx, db, book, table, record, merged, nil)
	if err != nil {
		return nil, err
	}
	return &recomputed{
		Lines: res.Lines, Recoveries: res.recoveries, Decisions: res.Decisions, Listings: merged.Listings,
		Findings: append(append(findings, merged.Findings...), res.findings...), Table: table,
	}, nil
}

func rerun(ctx context.Context, w io.Writer, data string, m domain.Month, rulesDir string) error {
	db, run, err := openRun(ctx, data, m)
	if err != nil {
		return err
	}
	defer db.Close()
	var book *rules.Book
	if rulesDir == "" {
		files, err := db.RunRules(ctx, run.ID)
		if err != nil {
			return err
		}
		book, err = rules.FromFiles(files)
		if err != nil {
			return fmt.Errorf("rules recorded with run %d: %w", run.ID, err)
		}
	} else if book, err = rules.Load(rulesDir); err != nil {
		return err
	}
	table, err := book.ForMonth(m)
	if err != nil {
		return err
	}
	recorded, err := db.Lines(ctx, run.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s 运行%d：按%s重新计算\n", m, run.ID, map[bool]string{true: "记录的规则（" + run.RulesHash[:12] + "）", false: "规则目录 " + rulesDir + "（" + book.Hash[:12] + "）"}[rulesDir == ""])
	again, err := recompute(ctx, db, data, run, book, table)
	if err != nil {
		fmt.Fprintln(w, err)
		return errDifferent
	}
	recovered, err := db.Recoveries(ctx, run.ID)
	if err != nil {
		return err
	}
	diffs := append(compareLines(recorded, again), compareRecoveries(recovered, again.Recoveries)...)
	if len(diffs) == 0 {
		fmt.Fprintf(w, "identical: %d 条发放记录、%d 条追回记录与重新计算完全一致\n", len(recorded), len(recovered))
		return nil
	}
	fmt.Fprintf(w, "different: %d 处不同\n", len(diffs))
	fmt.Fprintln(w, "身份证号\t姓名\t补贴项目\t记录金额\t重算金额\t原因")
	names := recordedNames(ctx, db, run.ID, m) // 高龄津贴 for staff, not senior_allowance
	for _, d := range diffs {
		what := label(names, d.benefit)
		if pre, code, ok := strings.Cut(d.benefit, " "); ok { // 追回YYYY-MM code
			what = pre + " " + label(names, code)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", d.id, d.name, what, d.recorded, d.again, d.why)
	}
	later, err := db.ChangedSince(ctx, run)
	if err != nil {
		return err
	}
	if len(later) > 0 {
		fmt.Fprintf(w, "注意：运行%d之后，以前月份的记录又有变化；重新计算读的是现在的记录（以前的死亡日期、已审批月份的补发和追回），差异可能由此而来：\n", run.ID)
		for _, l := range later {
			fmt.Fprintln(w, "  "+laterRecordText(l))
		}
	}
	return errDifferent
}

// laterRecordText tells one record of an earlier month made after a run
// (store.ChangedSince), in Beijing time: a run recorded, one replacing
// another, or an approval.
func laterRecordText(l store.LaterRecord) string {
	at := l.At.In(shanghai()).Format("2006-01-02 15:04")
	switch {
	case l.Approval:
		return fmt.Sprintf("%s 运行%d 由%s于 %s 审批", l.Month, l.RunID, l.By, at)
	case l.Replaces != 0:
		return fmt.Sprintf("%s 运行%d 于 %s 记录，替换了运行%d", l.Month, l.RunID, at, l.Replaces)
	default:
		return fmt.Sprintf("%s 运行%d 于 %s 记录", l.Month, l.RunID, at)
	}
}

// lineDiff is one difference between a recorded and a recomputed month.
type lineDiff struct {
	id, name, benefit, recorded, again, why string
}

func lineKey(l domain.Line) string {
	return l.PersonID + "|" + l.Benefit + "|" + l.Reference + "|" + l.Corrects.String()
}

// compareLines lists every line that differs between the record and the
// recomputation, in ID then benefit order, with the reason.
func compareLines(recorded []domain.Line, again *recomputed) []lineDiff {
	rec := map[string]domain.Line{}
	for _, l := range recorded {
		rec[lineKey(l)] = l
	}
	now := map[string]domain.Line{}
	for _, l := range again.Lines {
		now[lineKey(l)] = l
	}
	reasons := map[string]string{}
	for d := range again.Decisions.All() {
		if !d.Paid {
			reasons[d.PersonID+"|"+d.Benefit+"||"+(domain.Month{}).String()] = d.Reason()
		}
	}
	var out []lineDiff
	for k, r := range rec {
		n, ok := now[k]
		switch {
		case !ok:
			why := reasons[k]
			switch {
			case why != "":
			case r.Corrects.Valid():
				why = "补发" + r.Corrects.String() + "：按这套规则重新计算不产生此补发（该月应发与已发一致）"
			default:
				why = "重新计算时不在任何花名册中或被暂缓"
			}
			out = append(out, lineDiff{r.PersonID, r.Name, r.Benefit, money.Format(r.Amount, r.Unit), "-", why})
		case !n.Amount.Equal(r.Amount) || n.Band != r.Band || n.Unit != r.Unit:
			why := fmt.Sprintf("档次「%s」→「%s」，标准 %s → %s（自%s起执行）", r.Band, n.Band, r.Params.Rate, n.Params.Rate, n.Params.Effective.Format("2006-01-02"))
			if r.Band == n.Band && r.Unit == n.Unit && r.Params.Rate == n.Params.Rate && r.Params.Age == n.Params.Age && r.Params.Dibao == n.Params.Dibao && r.Corrects == n.Corrects && !r.Corrects.Valid() {
				// Same band, rate, age and dibao, same month: the same rules
				// on the same row give the amount again, and only the record
				// can have changed since.
				why = fmt.Sprintf("档次、标准（%s）、年龄和低保与记录相同，重新计算却得出不同金额：记录的金额可能在运行以后被改动过，请按备份核对数据库", r.Params.Rate)
			}
			out = append(out, lineDiff{r.PersonID, r.Name, r.Benefit, money.Format(r.Amount, r.Unit), money.Format(n.Amount, n.Unit), why})
		}
	}
	for k, n := range now {
		if _, ok := rec[k]; !ok {
			out = append(out, lineDiff{n.PersonID, n.Name, n.Benefit, "-", money.Format(n.Amount, n.Unit), "重新计算时符合「" + n.Band + "」"})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].id != out[j].id {
			return out[i].id < out[j].id
		}
		return out[i].benefit < out[j].benefit
	})
	return out
}

// compareRecoveries lists every recovery (追回) that differs between the
// record and the recomputation, by person, benefit and month corrected,
// after the lines' differences: a month's recoveries are part of what it
// recorded, and a death reported since changes them, not its lines. The
// benefit column reads 追回YYYY-MM code.
func compareRecoveries(recorded, again []domain.Recovery) []lineDiff {
	key := func(r domain.Recovery) string { return r.PersonID + "|" + r.Benefit + "|" + r.Corrects.String() }
	now := map[string]domain.Recovery{}
	for _, r := range again {
		now[key(r)] = r
	}
	rec := map[string]bool{}
	var out []lineDiff
	for _, r := range recorded {
		rec[key(r)] = true
		label := "追回" + r.Corrects.String() + " " + r.Benefit
		switch n, ok := now[key(r)]; {
		case !ok:
			out = append(out, lineDiff{r.PersonID, r.Name, label, money.Format(r.Amount, r.Unit), "-", "重新计算不产生此追回（原因：" + r.Reason + "）"})
		case !n.Amount.Equal(r.Amount):
			out = append(out, lineDiff{r.PersonID, r.Name, label, money.Format(r.Amount, r.Unit), money.Format(n.Amount, n.Unit), "重新计算：" + n.Reason})
		}
	}
	for _, n := range again {
		if !rec[key(n)] {
			out = append(out, lineDiff{n.PersonID, n.Name, "追回" + n.Corrects.String() + " " + n.Benefit, "-", money.Format(n.Amount, n.Unit), "重新计算：" + n.Reason})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].id != out[j].id {
			return out[i].id < out[j].id
		}
		return out[i].benefit < out[j].benefit
	})
	return out
}
