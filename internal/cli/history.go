package cli

import (
	"context"
	"fmt"
	"io"
	"maps"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"disburse/internal/domain"
	"disburse/internal/money"
	"disburse/internal/store"
)

func newHistoryCmd(e *env) *cobra.Command {
	var id string
	var ff folderFlags
	cmd := &cobra.Command{
		Use:   "history --id ID [--data DIR]",
		Short: "List every line ever recorded for one person, with running totals",
		Long: `history lists, month by month, every line recorded for a person in the latest
run of each month (payments, arrears 补发 and recoveries 追回), whether the
month is approved, and the running total per unit.` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pid, err := idFlag(id)
			if err != nil {
				return err
			}
			cfg, err := ff.resolve(e)
			if err != nil {
				return err
			}
			return printHistory(cmd.Context(), e.stdout, cfg.Data, pid)
		},
	}
	cmd.Flags().StringVar(&id, "id", "", "公民身份号码 of the person (required)")
	cmd.Flags().StringVar(&ff.data, "data", "", "data folder (default ./data)")
	return cmd
}

// unsentMoney is what hist records of yuan without a 银行账号 (never sent
// by the bank: 无账号待处理), each sum counted once.
type unsentMoney struct {
	// waiting is the money that waited for an account, and paid, of it,
	// what a 补发 with an account for the same benefit and month paid
	// after it; again is what a 补发 recorded for the heirs after it
	// (domain.Line.ByHand: the senior died before the account came)
	// recorded a second time, the same money now the heirs'.
	waiting, paid, again decimal.Decimal
	heirs                decimal.Decimal // recorded for the heirs, to be paid by hand (ByHand)
}

// total is the money not sent, each sum once: a month's money the heirs'
// 补发 recorded again is theirs, not owed twice.
func (u unsentMoney) total() decimal.Decimal { return u.waiting.Add(u.heirs).Sub(u.again) }

// left is the money that still waits for an account.
func (u unsentMoney) left() decimal.Decimal { return u.waiting.Sub(u.paid).Sub(u.again) }

// unsentOf sums hist's (in recorded order) money without a 银行账号. A 补发
// settles, up to its amount, the money of the same benefit and month that
// waited before it: one with an account paid it; one recorded for the
// heirs (ByHand) recorded it again, theirs now. A 补发 recorded before the
// money that waits (a held month paid back, then a rise's difference
// recorded for the heirs of the dead) settled something else.
func unsentOf(hist []store.HistoryLine) unsentMoney {
	u := unsentMoney{waiting: decimal.Zero, paid: decimal.Zero, again: decimal.Zero, heirs: decimal.Zero}
	waits := map[string]decimal.Decimal{} // by benefit|month the money is for: what waits still
	for _, h := range hist {
		l := h.Line
		if l.Unit != domain.UnitYuan {
			continue
		}
		forMonth := h.Month // an arrears line's is the month it corrects
		if l.Corrects.Valid() {
			forMonth = l.Corrects
		}
		k := l.Benefit + "|" + forMonth.String()
		settles := decimal.Zero
		if l.Corrects.Valid() {
			settles = decimal.Min(waits[k], l.Amount)
		}
		switch {
		case l.ByHand():
			u.heirs = u.heirs.Add(l.Amount)
			u.again = u.again.Add(settles)
		case l.Account == "":
			u.waiting = u.waiting.Add(l.Amount)
			waits[k] = waits[k].Add(l.Amount)
			continue
		default:
			u.paid = u.paid.Add(settles)
		}
		waits[k] = waits[k].Sub(settles)
	}
	return u
}

func printHistory(ctx context.Context, w io.Writer, data, id string) error {
	db, err := openExisting(ctx, data)
	if err != nil {
		return err
	}
	defer db.Close()
	hist, err := db.History(ctx, id)
	if err != nil {
		return err
	}
	if len(hist) == 0 {
		// Paid nothing ever: held every month, or, when no month names
		// the ID at all, most likely mistyped, which （无发放） would hide.
		if months, _, err := db.Mentions(ctx, id); err != nil {
			return err
		} else if len(months) == 0 {
			return fmt.Errorf("--id %s：%w", id, errUnknownID)
		}
	}
	fmt.Fprintf(w, "%s 的全部发放记录（每月以最新一次运行为准）\n", id)
	if len(hist) == 0 {
		fmt.Fprintln(w, "  （无发放）")
	} else {
		fmt.Fprintln(w, "月份\t运行\t状态\t补贴项目\t档次/标准\t金额\t单位\t累计")
	}
	// Benefit names as the rules recorded with each run had them.
	names := map[int64]map[string]string{}
	known := map[string]string{} // every name met, for the recoveries below
	name := func(runID int64, m domain.Month, code string) string {
		if names[runID] == nil {
			names[runID] = recordedNames(ctx, db, runID, m)
			maps.Copy(known, names[runID])
		}
		return label(names[runID], code)
	}
	// Money recorded without a 银行账号 was never sent (无账号待处理): it
	// is shown but not added up, since it is paid later as 补发 once there
	// is an account, and would otherwise be counted twice.
	running, unsent := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
	for _, h := range hist {
		l := h.Line
		amount := money.Format(l.Amount, l.Unit)
		if l.Unit == domain.UnitYuan && l.Account == "" {
			unsent[l.Unit] = unsent[l.Unit].Add(l.Amount)
			if l.ByHand() {
				amount += "（未代发：无银行账号，向遗属手工发放）"
			} else {
				amount += "（未代发：无银行账号）"
			}
		} else {
			running[l.Unit] = running[l.Unit].Add(l.Amount)
		}
		state := "草稿"
		if h.Approved {
			state = "已审批"
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", h.Month, h.RunID, state, name(h.RunID, h.Month, l.Benefit), l.Band,
			amount, domain.UnitText(l.Unit), money.Format(running[l.Unit], l.Unit))
	}
	for _, unit := range []string{domain.UnitYuan, domain.UnitKWh} {
		if _, ok := running[unit]; ok || unsent[unit].IsPositive() {
			fmt.Fprintf(w, "合计 %s %s", money.Format(running[unit], unit), domain.UnitText(unit))
			if unsent[unit].IsPositive() {
				u, text := unsentOf(hist), domain.UnitText(unit)
				heirs := ""
				if u.heirs.IsPositive() {
					heirs = fmt.Sprintf("，记为遗属所有、向遗属手工发放 %s %s", money.Format(u.heirs, unit), text)
					if u.again.IsPositive() {
						heirs += fmt.Sprintf("（其中 %s %s是此前未代发、其后又记入遗属补发的同一笔款项，只计一次）", money.Format(u.again, unit), text)
					}
				}
				fmt.Fprintf(w, "（另有未代发 %s %s：当月无银行账号，列入无账号待处理；其中已补报账号、以补发发放 %s %s（见补发行，已计入合计）%s，尚未发放 %s %s）",
					money.Format(u.total(), unit), text, money.Format(u.paid, unit), text, heirs, money.Format(u.left(), unit), text)
			}
			fmt.Fprintln(w)
		}
	}
	recs, err := db.RecoveriesOf(ctx, id)
	if err != nil {
		return err
	}
	if len(recs) > 0 {
		fmt.Fprintln(w, "应追回（追回清单）：")
		owed, back := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
		for _, r := range recs {
			owed[r.Unit] = owed[r.Unit].Add(r.Amount)
			fmt.Fprintf(w, "%s\t追回%s\t%s\t%s\t%s\t%s", r.Month, r.Corrects, label(known, r.Benefit), money.Format(r.Amount, r.Unit), domain.UnitText(r.Unit), r.Reason)
			if b, unsent := givenBack(hist, r); b.IsPositive() {
				back[r.Unit] = back[r.Unit].Add(b)
				how := ""
				if unsent.IsPositive() {
					how = fmt.Sprintf("，其中 %s %s无账号、未代发（列入无账号待处理，向遗属手工发放）", money.Format(unsent, r.Unit), domain.UnitText(r.Unit))
				}
				fmt.Fprintf(w, "（其后已按此款已追回、以补发退还 %s %s%s：如此款尚未追回，应与该补发抵销）", money.Format(b, r.Unit), domain.UnitText(r.Unit), how)
			}
			fmt.Fprintln(w)
		}
		for _, unit := range []string{domain.UnitYuan, domain.UnitKWh} {
			if t, ok := owed[unit]; ok {
				fmt.Fprintf(w, "应追回合计 %s %s", money.Format(t, unit), domain.UnitText(unit))
				if b := back[unit]; b.IsPositive() {
					fmt.Fprintf(w, "（其中 %s %s 其后已按已追回、以补发退还：尚未追回的，与该补发抵销）", money.Format(b, unit), domain.UnitText(unit))
				}
				fmt.Fprintf(w, "；已发扣除应追回后 %s %s\n", money.Format(running[unit].Sub(t), unit), domain.UnitText(unit))
			}
		}
	}
	return nil
}

// givenBack is what months after recovery r's paid back, as arrears (补发)
// of the month and benefit r recovers, up to r's amount, and how much of
// it was recorded without an account (the estate's, on 无账号待处理, to be
// paid by hand): a later row moved the 死亡日期 or said 健在, and the money
// recovered was the senior's after all. That 补发 was paid as if r had
// been collected: if it was not, the two cancel out, and staff are told
// so, not that r may simply be dropped (the 补发 would be paid twice).
func givenBack(hist []store.HistoryLine, r store.RecordedRecovery) (back, unsent decimal.Decimal) {
	for _, h := range hist {
		if l := h.Line; h.Month.After(r.Month) && l.Corrects == r.Corrects && l.Benefit == r.Benefit {
			back = back.Add(l.Amount)
			if l.Account == "" {
				unsent = unsent.Add(l.Amount)
			}
		}
	}
	back = decimal.Min(back, r.Amount)
	return back, decimal.Min(unsent, back)
}
