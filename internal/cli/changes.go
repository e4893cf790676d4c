package cli

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"disburse/internal/changes"
	"disburse/internal/domain"
	"disburse/internal/roster"
	"disburse/internal/store"
)

func newChangesCmd(e *env) *cobra.Command {
	var month, format string
	var ff folderFlags
	cmd := &cobra.Command{
		Use:   "changes --month YYYY-MM [--data DIR] [--format text|csv]",
		Short: "Print what changed from the previous month: new, stopped, adjusted, to verify",
		Long: `changes compares the month's latest run with the previous month's latest run
and prints 本月新增, 本月停发, 档次调整, 跨街道转移, 待核实 (paid last month, on no
roster this month), 年龄节点 and the bridge of totals per benefit. The same
lists are sheets of the department workbooks. --format csv prints one row per
person and change with a kind column (new, stopped, adjusted, transfer,
missing, milestone).` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "csv" {
				return usagef("--format %q: want text or csv", format)
			}
			m, cfg, err := ff.resolveMonth(e, month)
			if err != nil {
				return err
			}
			r, names, err := recordedChanges(cmd.Context(), cfg.Data, m)
			if err != nil {
				return err
			}
			if format == "csv" {
				return printChangesCSV(e.stdout, r)
			}
			printChanges(e.stdout, r, names)
			return nil
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "payout month, YYYY-MM (required)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or csv")
	ff.register(cmd, false)
	cmd.Flags().Lookup("rules").Usage = "accepted but not used: each run is read under the rules recorded with it"
	return cmd
}

// people is whom a month is read back for: the IDs, or nil for everyone.
// A month read for some people (explain) is what the whole month gives of
// them: every list of changes.Snapshot and changes.Report is by ID.
type people []string

// run returns run runID's lines and listings of p (store.RunOf), or all
// of them for a nil p (store.WholeRun).
func (p people) run(ctx context.Context, db *store.DB, runID int64) ([]domain.Line, []domain.Listing, error) {
	if p == nil {
		return db.WholeRun(ctx, runID)
	}
	return db.RunOf(ctx, runID, p)
}

// loadSnapshot returns the latest recorded run of m as a snapshot of who
// (nil: everyone), or nil when m has no run.
func loadSnapshot(ctx context.Context, db *store.DB, m domain.Month, who people) (*changes.Snapshot, error) {
	run, ok, err := db.LatestRun(ctx, m)
	if err != nil || !ok {
		return nil, err
	}
	lines, listings, err := who.run(ctx, db, run.ID)
	if err != nil {
		return nil, err
	}
	unlisted, err := unlistedOf(ctx, db, run.ID, who)
	if err != nil {
		return nil, err
	}
	filled, err := db.FindingsCoded(ctx, run.ID, "status_filled")
	if err != nil {
		return nil, err
	}
	var sheets []domain.Finding
	for _, code := range []string{"column_dibao_missing", "column_selfcare_missing", "column_disability_missing"} {
		f, err := db.FindingsCoded(ctx, run.ID, code)
		if err != nil {
			return nil, err
		}
		sheets = append(sheets, f...)
	}
	return &changes.Snapshot{Month: m, RunID: run.ID, Lines: lines, Listings: listings, Unlisted: unlisted, ListFilled: roster.ListFilledOf(filled),
		ColumnsMissing: columnsMissingOf(sheets, listings)}, nil
}

// columnsMissingOf returns, by ID, the fields (named as
// changes.Snapshot.ListFilled names them) whose column the roster sheet of
// the person's row did not have, by the run's column_*_missing notices
// (sheets), each with the sheet that lacked it: a senior whose 残疾等级 was
// read as none because the column was renamed 残疾情况 is not told next
// month that the roster changed it from 无.
func columnsMissingOf(sheets []domain.Finding, listings []domain.Listing) map[string]map[string]string {
	type sheet struct{ file, name string }
	lacks := map[sheet][]string{}
	for _, f := range sheets {
		header, ok := roster.MissingColumnCode(f.Code)
		if !ok {
			continue
		}
		lacks[sheet{f.Where.File, f.Where.Sheet}] = append(lacks[sheet{f.Where.File, f.Where.Sheet}], header)
	}
	out := map[string]map[string]string{}
	for _, l := range listings {
		p := l.Person
		for _, header := range lacks[sheet{p.Source.File, p.Source.Sheet}] {
			field := header
			if header == "残疾等级" {
				field = "残疾等级、类别"
			}
			if out[p.ID] == nil {
				out[p.ID] = map[string]string{}
			}
			out[p.ID][field] = fmt.Sprintf("「%s」工作表「%s」没有「%s」列", p.Source.File, p.Source.Sheet, header)
		}
	}
	return out
}

// prevSnapshot returns the month m is compared with, as a snapshot of who
// (nil: everyone): the month before it,
// or, when that has no run while an earlier month has (a month never run),
// the latest earlier month with one, so that people paid then and on no
// roster now are still asked about (待核实) instead of being forgotten
// across the gap. It returns nil when no month before m has a run.
func prevSnapshot(ctx context.Context, db *store.DB, m domain.Month, who people) (*changes.Snapshot, error) {
	prev, ok, err := comparedMonth(ctx, db, m)
	if err != nil || !ok {
		return nil, err
	}
	return loadSnapshot(ctx, db, prev, who)
}

// comparedMonth returns the month m is compared with (prevSnapshot), and
// false when no month before m has a run.
func comparedMonth(ctx context.Context, db *store.DB, m domain.Month) (domain.Month, bool, error) {
	if _, ok, err := db.LatestRun(ctx, m.Prev()); err != nil || ok {
		return m.Prev(), ok, err
	}
	return db.LatestMonthBefore(ctx, m)
}

// unlistedOf returns the people of who (nil: everyone) run runID listed
// as 待核实, in its order, each with the lines of the last month that paid
// them (the latest run of that month: Snapshot.Unlisted).
func unlistedOf(ctx context.Context, db *store.DB, runID int64, who people) ([]changes.Missing, error) {
	us, err := db.UnlistedOf(ctx, runID)
	if err != nil || len(us) == 0 {
		return nil, err
	}
	if who != nil { // status's may be a street's hundred thousand: a set, not a search of the slice
		in := make(map[string]bool, len(who))
		for _, id := range who {
			in[id] = true
		}
		us = slices.DeleteFunc(us, func(u store.Unlisted) bool { return !in[u.ID] })
	}
	ids := map[domain.Month][]string{}
	for _, u := range us {
		if len(u.Held) == 0 { // paid then: its lines say what
			ids[u.Since] = append(ids[u.Since], u.ID)
		}
	}
	lines := map[string][]domain.Line{} // "month|ID" -> that month's lines of the person
	for since, people := range ids {
		ls, err := db.MonthLinesOf(ctx, since, people)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			k := since.String() + "|" + l.PersonID
			lines[k] = append(lines[k], l)
		}
	}
	var out []changes.Missing
	for _, u := range us {
		m := changes.Missing{PersonID: u.ID, Name: u.Name, Street: u.Street, Community: u.Community, Since: u.Since, Held: u.Held, Account: u.Account,
			LastLines: lines[u.Since.String()+"|"+u.ID]}
		for _, l := range m.LastLines {
			m.Benefits = append(m.Benefits, l.Benefit)
		}
		out = append(out, m)
	}
	return out, nil
}

// recordedChanges rebuilds the change report of a recorded month from the
// database: this month's and last month's runs, and the reasons recomputed
// with the rules the month's run recorded.
func recordedChanges(ctx context.Context, data string, m domain.Month) (*changes.Report, map[string]string, error) {
	db, err := openExisting(ctx, data)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	r, err := loadRecorded(ctx, db, m)
	if err != nil {
		return nil, nil, err
	}
	return r.changes, benefitNames(r.table, ""), nil
}

func printChanges(w io.Writer, r *changes.Report, names map[string]string) {
	fmt.Fprintf(w, "%s 与 %s 比较\n", r.Month, r.Prev)
	if !r.HasPrev {
		fmt.Fprintf(w, "上月（%s）没有发放记录，不作比较。\n", r.Prev)
	}
	if r.HasPrev {
		fmt.Fprintln(w, "\n变动对账（上月 + 新增 - 停发 ± 调整 ± 取整 = 本月）")
		for _, b := range r.Bridges {
			fmt.Fprintf(w, "  %s: %d人 %s + 新增%d人 %s - 停发%d人 %s + 调整%d人 %s + 取整%d人 %s = %d人 %s（%s）\n",
				b.Name, b.PrevCount, changes.Format(b.PrevTotal, b.Unit), b.NewCount, changes.Format(b.NewTotal, b.Unit),
				b.StoppedCount, changes.Format(b.StoppedTotal, b.Unit), b.AdjustedCount, changes.Format(b.AdjustedDelta, b.Unit),
				b.RoundingCount, changes.Format(b.RoundingDelta, b.Unit), b.CurCount, changes.Format(b.CurTotal, b.Unit), holds(b))
			if b.ArrearsCount > 0 { // not a change of who is paid what, but paid this month too
				fmt.Fprintf(w, "    另补发以前月份%d条 %s，本月发放（含补发）%s\n", b.ArrearsCount, changes.Format(b.ArrearsTotal, b.Unit), changes.Format(b.CurTotal.Add(b.ArrearsTotal), b.Unit))
			}
		}
		section(w, "本月新增", r.New, names, func(c changes.Change) string {
			return fmt.Sprintf("%s %s", changes.Format(c.NewAmount, c.Unit), c.Reason)
		})
		section(w, "本月停发", r.Stopped, names, func(c changes.Change) string {
			return fmt.Sprintf("上月 %s %s", changes.Format(c.OldAmount, c.Unit), c.Reason)
		})
		section(w, "档次调整", r.Adjusted, names, func(c changes.Change) string {
			return fmt.Sprintf("%s %s → %s %s：%s", c.OldBand, changes.Format(c.OldAmount, c.Unit), c.NewBand, changes.Format(c.NewAmount, c.Unit), c.Reason)
		})
		section(w, "跨街道转移", r.Transfers, names, func(c changes.Change) string { return c.Reason })
		section(w, "账号姓名变更", r.Identities, names, func(c changes.Change) string { return c.Reason })
		fmt.Fprintf(w, "\n待核实（上月或以前已发放或暂缓、此后各花名册均未列入）：%d 人\n", len(r.Missing))
		for _, m := range r.Missing {
			fmt.Fprintf(w, "  %s %s %s %s：%s\n", m.Name, m.PersonID, m.Street, m.Community, m.Why(r.Month))
		}
	}
	fmt.Fprintf(w, "\n年龄节点：%d 人\n", len(r.Milestones))
	for _, m := range r.Milestones {
		fmt.Fprintf(w, "  %s %s %s 年满%d周岁 %s %s\n", names[m.Line.Benefit], m.Line.Name, m.Line.PersonID, m.Age, m.Line.Band, changes.Format(m.Line.Amount, m.Line.Unit))
	}
}

func holds(b changes.Bridge) string {
	if b.Holds() {
		return "相符"
	}
	return "不符"
}

func section(w io.Writer, title string, cs []changes.Change, names map[string]string, detail func(changes.Change) string) {
	fmt.Fprintf(w, "\n%s：%d 条\n", title, len(cs))
	for _, c := range cs {
		fmt.Fprintf(w, "  %s %s %s %s\n", names[c.Benefit], c.Name, c.PersonID, detail(c))
	}
}

func printChangesCSV(w io.Writer, r *changes.Report) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"kind", "benefit", "id_number", "name", "street", "community", "old_street", "old_band", "old_amount", "new_band", "new_amount", "unit", "reason"})
	row := func(kind string, c changes.Change) {
		old, cur := "", ""
		if c.OldBand != "" {
			old = changes.Format(c.OldAmount, c.Unit)
		}
		if c.NewBand != "" {
			cur = changes.Format(c.NewAmount, c.Unit)
		}
		cw.Write([]string{kind, c.Benefit, c.PersonID, c.Name, c.Street, c.Community, c.OldStreet, c.OldBand, old, c.NewBand, cur, c.Unit, c.Reason})
	}
	for _, c := range r.New {
		row("new", c)
	}
	for _, c := range r.Stopped {
		row("stopped", c)
	}
	for _, c := range r.Adjusted {
		row("adjusted", c)
	}
	for _, c := range r.Transfers {
		row("transfer", c)
	}
	for _, c := range r.Identities {
		row("identity", c)
	}
	for _, m := range r.Missing {
		for _, l := range m.LastLines {
			row("missing", changes.Change{Benefit: l.Benefit, PersonID: m.PersonID, Name: m.Name, OldStreet: m.Street, OldBand: l.Band, OldAmount: l.Amount, Unit: l.Unit, Reason: m.Why(r.Month)})
		}
		if len(m.LastLines) == 0 {
			row("missing", changes.Change{PersonID: m.PersonID, Name: m.Name, OldStreet: m.Street, Reason: m.Why(r.Month)})
		}
	}
	for _, m := range r.Milestones {
		l := m.Line
		row("milestone", changes.Change{Benefit: l.Benefit, PersonID: l.PersonID, Name: l.Name, Street: l.Street, Community: l.Community, NewBand: l.Band, NewAmount: l.Amount, Unit: l.Unit, Reason: fmt.Sprintf("本月年满%d周岁", m.Age)})
	}
	cw.Flush()
	return cw.Error()
}

// unlisted is what a run records of its 待核实 (store.Unlisted), for the
// next month to list them again while they are on no roster.
func unlisted(missing []changes.Missing) []store.Unlisted {
	out := make([]store.Unlisted, 0, len(missing))
	for _, m := range missing {
		out = append(out, store.Unlisted{ID: m.PersonID, Name: m.Name, Street: m.Street, Community: m.Community, Since: m.Since, Held: m.Held, Account: m.Account})
	}
	return out
}
