package cli

import (
	"fmt"
	"io"
	"strings"

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
				cond = append(cond, fmt.Sprintf("残疾等级%v", band.Grades))
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
			fmt.Fprintf(w, "  %-24s %s %s  [%s]\n", band.Label, per, amt, strings.Join(cond, "，"))
		}
		if b.Period == "month" || b.Period == "year" { // as ratesMidMonth tells the run
			for _, v := range b.Values {
				if day := v.Effective.Time; day.After(t.Month.First()) && !day.After(t.Month.Last()) {
					fmt.Fprintf(w, "  ！！另有 %s 起执行的标准（第%s项）：按月发放的补贴按每月1日执行的标准计算，%s仍按上面的标准发放，新标准自%s起发放\n",
						day.Format("2006-01-02"), v.Item, t.Month.Chinese(), t.Month.Next().Chinese())
				}
			}
		}
		if b.Exclusive != "" {
			fmt.Fprintf(w, "  同组(%s)补贴不重复享受，择高发放\n", b.Exclusive)
		}
		if b.GrantPer == "electricity_account" {
			fmt.Fprintln(w, "  每个户号每月一份；未填户号的按人发放")
		}
	}
}
