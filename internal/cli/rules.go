package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/spf13/cobra"

	"disburse/internal/calc"
	"disburse/internal/domain"
	"disburse/internal/money"
	"disburse/internal/rules"
)

func newRulesCmd(e *env) *cobra.Command {
	var month string
	var ff folderFlags
	cmd := &cobra.Command{
		Use:   "rules --month YYYY-MM [--rules DIR]",
		Short: "Print the subsidy tables in force in a month",
		Long: `rules prints, for each benefit, the table in force on the first day of the
month: its list item, department, effective date, bands and amounts, and an
entry dated later inside the month, which pays from the month after.` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m, cfg, err := ff.resolveMonth(e, month)
			if err != nil {
				return err
			}
			book, err := rules.Load(cfg.Rules)
			if err != nil {
				return err
			}
			t, err := book.ForMonth(m)
			if err != nil {
				return err
			}
			if err := calc.Check(t); err != nil {
				return err
			}
			printRules(e.stdout, t)
			return nil
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "month, YYYY-MM (required)")
	cmd.Flags().StringVar(&ff.rules, "rules", "", "folder of subsidy rules YAML (default ./rules)")
	return cmd
}

// gradeNames are the 残疾等级 as staff write them, by grade.
var gradeNames = [...]string{1: "一级", 2: "二级", 3: "三级", 4: "四级"}

// gradesText is grades as staff read them: 残疾等级一级/二级.
func gradesText(grades []int) string {
	var out []string
	for _, g := range grades {
		if g >= 1 && g < len(gradeNames) {
			out = append(out, gradeNames[g])
		} else {
			out = append(out, fmt.Sprintf("%d级", g))
		}
	}
	return "残疾等级" + strings.Join(out, "/")
}

// groupOthers names the other benefits of t in b's exclusive group (择高).
func groupOthers(t *rules.Table, b rules.InForce) string {
	var out []string
	for _, o := range t.Benefits {
		if o.Code != b.Code && o.Exclusive == b.Exclusive {
			out = append(out, o.Name)
		}
	}
	return strings.Join(out, "、")
}

// printRules writes the tables of t as staff read them: each benefit with
// its list item, department and date, a line per band (its label padded to
// one display width, the rate, the conditions), and what groups it with
// others (择高) or grants it per 户号. A service (no money) says so.
func printRules(w io.Writer, t *rules.Table) {
	fmt.Fprintf(w, "%s 适用的补贴标准（规则版本 %s）\n", t.Month, t.Hash[:12])
	for _, b := range t.Benefits {
		per := map[string]string{"month": "每月", "year": "每年（按月累计取整发放）", "once": "每人每证一次"}[b.Period]
		unit := domain.UnitText(b.Unit)
		fmt.Fprintf(w, "\n%s (%s)  清单第%s项  %s  自 %s 起执行\n", b.Name, b.Code, b.Version.Item, b.Department, b.Version.Effective.Format("2006-01-02"))
		for _, band := range b.Version.Bands {
			var cond []string
			if band.MinAge != nil {
				cond = append(cond, fmt.Sprintf("%d周岁以上", *band.MinAge))
			}
			if band.MaxAge != nil {
				cond = append(cond, fmt.Sprintf("至%d周岁", *band.MaxAge))
			}
			if len(band.Grades) > 0 {
				cond = append(cond, gradesText(band.Grades))
			}
			if band.Dibao {
				cond = append(cond, "低保")
			}
			if band.TrainingType != "" {
				cond = append(cond, band.TrainingType+"培训")
			}
			if len(band.Categories) > 0 {
				cond = append(cond, "类别"+strings.Join(band.Categories, "/"))
			}
			amt := money.Format(band.Amount.Decimal, b.Unit) + unit
			if band.Cap != nil {
				amt = "实际费用，上限 " + money.Format(band.Cap.Decimal, b.Unit) + unit
			}
			if band.DibaoAmount != nil {
				amt += "，低保 " + money.Format(band.DibaoAmount.Decimal, b.Unit) + unit
			}
			if b.Period == "service" {
				per, amt = "服务名单（不发放金额）", ""
			}
			line := "  " + runewidth.FillRight(band.Label, 30) + " " + strings.TrimSpace(per+" "+amt)
			if len(cond) > 0 {
				line += "  [" + strings.Join(cond, "，") + "]"
			}
			fmt.Fprintln(w, line)
		}
		if b.Period == "month" || b.Period == "year" { // as ratesMidMonth tells the run
			for _, v := range b.Values {
				if day := v.Effective.Time; day.After(t.Month.First()) && !day.After(t.Month.Last()) {
					fmt.Fprintf(w, "  ！！另有 %s 起执行的标准（第%s项）：按月发放的补贴按每月1日执行的标准计算，%s仍按上面的标准发放，新标准自%s起发放\n",
						day.Format("2006-01-02"), v.Item, t.Month.Chinese(), t.Month.Next().Chinese())
				}
			}
		}
		if others := groupOthers(t, b); b.Exclusive != "" && others != "" {
			fmt.Fprintf(w, "  与%s不重复享受，择高发放\n", others)
		}
		if b.GrantPer == "electricity_account" {
			fmt.Fprintln(w, "  每个户号每月一份；未填户号的按人发放")
		}
	}
}
