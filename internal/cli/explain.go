package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"disburse/internal/changes"
	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/money"
	"disburse/internal/roster"
	"disburse/internal/store"
)

func newExplainCmd(e *env) *cobra.Command {
	var month, id, format string
	var ff folderFlags
	cmd := &cobra.Command{
		Use:   "explain --month YYYY-MM --id ID [--data DIR] [--format text|json]",
		Short: "Explain every yuan paid, and every benefit not paid, to one person",
		Long: `explain shows, for one person and a recorded month: the roster row(s) they came
from (file, sheet, row), their age in 周岁 on the last day of the month, each
benefit paid with its band, the rule values used with their list item and
effective date, and each benefit not paid with the reason. Text is in
Chinese for staff; --format json is for tools.` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pid, err := idFlag(id)
			if err != nil {
				return err
			}
			if format != "text" && format != "json" {
				return usagef("--format %q: want text or json", format)
			}
			m, cfg, err := ff.resolveMonth(e, month)
			if err != nil {
				return err
			}
			x, err := explainPerson(cmd.Context(), cfg.Data, m, pid)
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(x)
			}
			x.print(e.stdout)
			return nil
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "recorded month, YYYY-MM (required)")
	cmd.Flags().StringVar(&id, "id", "", "公民身份号码 of the person (required)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&ff.data, "data", "", "data folder (default ./data)")
	return cmd
}

// explanation is what explain prints, also as JSON.
type explanation struct {
	Month     string   `json:"month"`
	RunID     int64    `json:"run_id"`
	ID        string   `json:"id_number"`
	Name      string   `json:"name"`
	Reference string   `json:"age_on"`          // the day age is counted on
	Death     string   `json:"death,omitempty"` // 死亡日期 on the roster row paid
	Age       *int     `json:"age,omitempty"`
	Sources   []source `json:"sources"`
	Held      []string `json:"held,omitempty"` // why the row was held
	// Told are the notices of the run about the person, code and message:
	// about their rows, what an agency's list filled in (低保名册 for a
	// 低保类别 the roster left empty), an ID converted, a copy paid once
	// elsewhere, ...: what the run took from elsewhere than the row, or
	// told staff to fix; and of no row, money owed to the heirs that staff
	// pay by hand (arrears_dead_unlisted, death_month_unlisted).
	Told    []string   `json:"told,omitempty"`
	Paid    []paidItem `json:"paid"`
	NotPaid []notPaid  `json:"not_paid"`
	Recover []string   `json:"recover,omitempty"` // 追回 recorded by this run, each as on the 追回清单
	// Corrected are the arrears (补发) and recoveries (追回) that the latest
	// runs of other months recorded for this month's money: what was paid
	// here is not the whole story once a later month corrected it.
	Corrected []string   `json:"corrected_elsewhere,omitempty"`
	Notes     []string   `json:"notes,omitempty"`
	Listed    bool       `json:"on_rosters"`
	LastMonth []paidItem `json:"paid_last_month,omitempty"`
}

type source struct {
	File  string `json:"file"`
	Sheet string `json:"sheet"`
	Row   int    `json:"row"`
	Note  string `json:"note,omitempty"`
}

type paidItem struct {
	Benefit   string `json:"benefit"`
	Name      string `json:"name"`
	Amount    string `json:"amount"`
	Unit      string `json:"unit"`
	Band      string `json:"band"`
	Rate      string `json:"rate"`
	Period    string `json:"period"`
	Item      string `json:"item"`
	Effective string `json:"effective"`
	Note      string `json:"note,omitempty"`
	Corrects  string `json:"corrects,omitempty"` // YYYY-MM of an arrears (补发) line: the month it pays for
	// Age is the 周岁 the band was chosen by (domain.Params.Age), in the
	// month the line pays for: an arrears line's month, not this one.
	Age *int `json:"age,omitempty"`
	// Share is, for a yearly rate, the month's amount by cumulative
	// rounding: what the first months of the year paid up to the month the
	// line pays for, less what they paid up to the month before
	// (money.UpTo), so that the rate adds up to the amount.
	Share string `json:"share,omitempty"`
	// To is where the money went, for an auditor to find it in the
	// bank file or the power-supply centre's workbook: the 银行账号 it is
	// sent to, or why it is not sent (no 银行账号: on the bank file's
	// 无账号待处理, paid back once a roster gives one; money paid by hand,
	// domain.Line.ByHand); for kWh the 户号, empty without one (its note
	// says so).
	To string `json:"to,omitempty"`
}

type notPaid struct {
	Benefit string `json:"benefit"`
	Name    string `json:"name"`
	Reason  string `json:"reason"`
}

// explainPerson builds the explanation of one person's month from the
// database: the run's listings, lines, findings and recorded rules, with the
// reasons recomputed by the engine over the whole month (a 户号 grant
// depends on the other people of the household).
func explainPerson(ctx context.Context, data string, m domain.Month, id string) (*explanation, error) {
	db, err := openExisting(ctx, data)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	who, err := householdOf(ctx, db, m, id)
	if err != nil {
		return nil, err
	}
	rec, err := loadRecordedOf(ctx, db, m, who)
	if err != nil {
		return nil, err
	}
	return explainFrom(ctx, db, m, id, rec)
}

// householdMost is the most people householdOf names before it gives up
// and has the whole month read: a 户号 written alike on thousands of rows
// (a placeholder such as 0) would otherwise be read row by row.
const householdMost = 500

// householdOf returns whom explain reads month m back for to explain id:
// id, and the others whose rows in m's latest run give the 户号 of id's
// row paid from, since one grant per 户号 (list item 30) makes id's
// decision depend on theirs (store.SharingMeter); nil, for the whole
// month, past householdMost of them. Reading those few instead of a
// province's million people takes explain from a minute to a second.
func householdOf(ctx context.Context, db *store.DB, m domain.Month, id string) (people, error) {
	who := people{id}
	run, ok, err := db.LatestRun(ctx, m)
	if err != nil || !ok {
		return who, err
	}
	_, listings, err := db.RunOf(ctx, run.ID, who)
	if err != nil {
		return nil, err
	}
	for _, l := range listings {
		if l.Held {
			continue
		}
		ids, err := db.SharingMeter(ctx, run.ID, l.Person.ElectricityAccount)
		if err != nil {
			return nil, err
		}
		if len(ids) > householdMost {
			return nil, nil
		}
		for _, o := range ids {
			if !slices.Contains(who, o) {
				who = append(who, o)
			}
		}
	}
	if len(who) > householdMost {
		return nil, nil
	}
	return who, nil
}

// explainFrom explains id in month m from rec, the month read back for
// id (loadRecordedOf), with what else db records of id.
func explainFrom(ctx context.Context, db *store.DB, m domain.Month, id string, rec *recordedMonth) (*explanation, error) {
	cur, table := rec.cur, rec.table
	x := &explanation{Month: m.String(), RunID: cur.RunID, ID: id, Reference: m.Last().Format("2006-01-02"), Paid: []paidItem{}, NotPaid: []notPaid{}}
	names := map[string]string{}
	for _, b := range table.Benefits {
		names[b.Code] = b.Name
	}
	var me *domain.Listing
	for i, l := range cur.Listings {
		if l.Person.ID == id {
			me = &cur.Listings[i]
		}
	}
	findings, err := db.Findings(ctx, cur.RunID)
	if err != nil {
		return nil, err
	}
	x.Sources = []source{} // [] in JSON for someone on no roster, not null
	seen := map[source]bool{}
	if me != nil {
		s := me.Person.Source
		seen[source{File: s.File, Sheet: s.Sheet, Row: s.Row}] = true
	}
	for _, f := range findings {
		if idnumber.Of(f.AsWritten) != id {
			continue
		}
		// A notice of no row (money owed to the heirs by hand, a death in
		// the month of no roster) is told too: only explain names it by
		// person.
		if src := (source{File: f.Where.File, Sheet: f.Where.Sheet, Row: f.Where.Row}); f.Where.Row != 0 && !seen[src] {
			seen[src] = true
			src.Note = f.Code + "：" + f.Message
			x.Sources = append(x.Sources, src)
		}
		if h := f.Code + "：" + f.Message; f.Severity == domain.Held && !slices.Contains(x.Held, h) {
			x.Held = append(x.Held, h)
		} else if f.Severity == domain.Notice && !slices.Contains(x.Told, h) {
			x.Told = append(x.Told, h)
		}
		if x.Name == "" {
			x.Name = f.Name
		}
	}
	if me != nil {
		x.Listed, x.Name = true, me.Person.Name
		s := me.Person.Source
		x.Sources = append([]source{{File: s.File, Sheet: s.Sheet, Row: s.Row}}, x.Sources...)
		age := me.Person.AgeIn(m)
		x.Age, x.Reference = &age, me.Person.AgeDay(m).Format("2006-01-02")
		if d := me.Person.Death; !d.IsZero() {
			x.Death = d.Format("2006-01-02")
		}
	}
	for _, l := range cur.Lines {
		if l.PersonID == id {
			x.Paid = append(x.Paid, paid(l, names))
			if x.Name == "" {
				x.Name = l.Name
			}
		}
	}
	switch {
	case me != nil && !me.Held:
		for d := range rec.decisions.All() {
			if d.PersonID == id && !d.Paid {
				x.NotPaid = append(x.NotPaid, notPaid{Benefit: d.Benefit, Name: names[d.Benefit], Reason: d.Reason()})
			}
		}
	case me != nil && x.Death != "" && !me.Person.Death.After(m.Last()):
		// A dead senior's row is not to be sent again as it was: corrected,
		// it pays the heirs the months before the death; deleted, nothing.
		x.Notes = append(x.Notes, "本月花名册中的行被暂缓发放，各项补贴均未发放；此人已去世（死亡日期"+x.Death+"）：更正后重新报送，死亡以前未发的月份随之补发给遗属；不再报送的，请删除本行")
	case me != nil:
		x.Notes = append(x.Notes, "本月花名册中的行被暂缓发放，各项补贴均未发放；更正后重新报送")
	default:
		x.Notes = append(x.Notes, "本月各花名册中没有此人（或其身份证号无效）")
		// On no roster, perhaps because staff deleted the row once the
		// death was known: say so, and who they were.
		// The rosters' dates and the death lists' (this month's own
		// too): a senior whose row was deleted once a death list named
		// her was explained as on no roster, without the date.
		deaths, err := deathsElsewhere(ctx, db, store.Others{Month: m, AsOf: cur.RunID})
		if err != nil {
			return nil, err
		}
		for _, p := range roster.DeadOffRosterOf(findings) {
			if p.ID == id {
				deaths[id] = store.DeathOnRecord{Name: p.Name, Death: p.Death, Month: m, File: p.Source.File, List: string(roster.StatusDeath)}
			}
		}
		if d, ok := deaths[id]; ok && !d.Death.After(m.Last()) {
			x.Death = d.Death.Format("2006-01-02")
			x.Notes = append(x.Notes, said(d)+"：此后不再发放（死亡当月照发）")
			if x.Name == "" {
				x.Name = d.Name
			}
		}
	}
	if prev := rec.prev; prev != nil {
		for _, l := range prev.Lines {
			if l.PersonID == id {
				x.LastMonth = append(x.LastMonth, paid(l, names))
				if x.Name == "" {
					x.Name = l.Name // on no roster this month: last month's name
				}
			}
		}
		monthly := slices.ContainsFunc(x.LastMonth, func(p paidItem) bool { return p.Period != "once" }) // a trainee is on no roster
		if me == nil && monthly {
			x.Notes = append(x.Notes, unlistedNote(rec.changes, id))
		} else if i := slices.IndexFunc(rec.changes.Missing, func(x changes.Missing) bool { return x.PersonID == id }); me == nil && i >= 0 {
			// On 待核实 for a second month, or held last month and on no
			// roster now: paid nothing last month, yet still asked about.
			x.Notes = append(x.Notes, "已列入待核实："+rec.changes.Missing[i].Why(m))
		}
	}
	recs, err := db.Recoveries(ctx, cur.RunID)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		if r.PersonID == id {
			x.Recover = append(x.Recover, fmt.Sprintf("%s %s %s %s：%s", r.Corrects, label(names, r.Benefit), money.Format(r.Amount, r.Unit), domain.UnitText(r.Unit), r.Reason))
		}
	}
	if x.Corrected, err = correctedElsewhere(ctx, db, m, id, names); err != nil {
		return nil, err
	}
	for _, m := range rec.changes.Missing {
		if m.PersonID == id && m.HeldRows != "" {
			x.Notes = append(x.Notes, m.HeldRows) // a typing error in the ID, most often
		}
	}
	if x.Name == "" && !x.Listed {
		if err := nameFromOtherMonths(ctx, db, x); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// errUnknownID is explain's error for an ID that no month's rosters list:
// no listing, payment, recovery or finding of any run names it.
var errUnknownID = errors.New("各月的花名册中都没有此身份证号：数据库中没有此人的任何记录（发放、暂缓、追回都没有）；请核对身份证号是否录错，或此人所在街道的花名册是否已报送并运行 (no month's rosters list this ID)")

// nameFromOtherMonths names x, someone this month says nothing of (on no
// roster, paid nothing, not paid last month), from the other months that
// mention them (store.Mentions), with a note naming those months. It
// returns errUnknownID, with the ID, when no month does: explaining a
// nameless person paid nothing would read as if the ID were right.
func nameFromOtherMonths(ctx context.Context, db *store.DB, x *explanation) error {
	months, name, err := db.Mentions(ctx, x.ID)
	if err != nil {
		return err
	}
	if len(months) == 0 {
		return fmt.Errorf("--id %s：%w", x.ID, errUnknownID)
	}
	var ms []string
	for _, m := range months {
		ms = append(ms, m.String())
	}
	x.Name = name
	x.Notes = append(x.Notes, "列有此人的月份："+strings.Join(ms, "、"))
	return nil
}

func paid(l domain.Line, names map[string]string) paidItem {
	rate := l.Params.Rate
	if d, err := money.Parse(rate); err == nil {
		rate = money.Format(d, l.Unit)
	}
	it := paidItem{
		Benefit: l.Benefit, Name: names[l.Benefit], Amount: money.Format(l.Amount, l.Unit), Unit: l.Unit, Band: l.Band,
		Rate: rate, Period: l.Params.Period, Item: l.Params.Item, Effective: l.Params.Effective.Format("2006-01-02"), Note: l.Params.Note,
	}
	if l.Corrects.Valid() {
		it.Corrects = l.Corrects.String()
	}
	it.To = destination(&l)
	if p := l.Params; p.Period == "month" || p.Period == "year" {
		age := p.Age
		it.Age = &age
	}
	if r, err := money.Parse(l.Params.Rate); err == nil && l.Params.Period == "year" && l.Params.Month >= 1 && l.Params.Month <= 12 {
		m := l.Params.Month
		upTo, before := money.UpTo(r, m), money.UpTo(r, m-1)
		it.Share = fmt.Sprintf("1至%d月累计%s元 − 1至%d月累计%s元 = %s元", m, money.Format(upTo, domain.UnitYuan), m-1, money.Format(before, domain.UnitYuan), money.Format(upTo.Sub(before), domain.UnitYuan))
		if m == 1 {
			it.Share = "1月累计" + money.Format(upTo, domain.UnitYuan) + "元"
		}
	}
	return it
}

// destination says where line l's money went (paidItem.To).
func destination(l *domain.Line) string {
	switch {
	case l.Unit == domain.UnitKWh && l.Account != "":
		return "计入户号 " + l.Account
	case l.Unit != domain.UnitYuan:
		return ""
	case l.ByHand():
		return "未进入银行代发，列在银行代发文件的「无账号待处理」，按说明手工办理"
	case l.Account == "":
		return "无银行账号，未代发：列在银行代发文件的「无账号待处理」，花名册补填账号后按本月的记录补发"
	}
	return "代发至银行账号 " + l.Account
}

// label is how a paid item is named in a list: its benefit, and for
// arrears the month they pay for.
func (p paidItem) label() string {
	if p.Corrects != "" {
		return p.Name + "（补发" + p.Corrects + "）"
	}
	return p.Name
}

func (x *explanation) print(w io.Writer) {
	fmt.Fprintf(w, "%s（运行%d）%s %s\n", x.Month, x.RunID, x.ID, x.Name)
	for i, s := range x.Sources {
		label := "来源"
		if i > 0 {
			label = "另见"
		}
		fmt.Fprintf(w, "%s：「%s」%s 第%d行", label, s.File, s.Sheet, s.Row)
		if s.Note != "" {
			fmt.Fprintf(w, "（%s）", s.Note)
		}
		fmt.Fprintln(w)
	}
	if x.Death != "" {
		fmt.Fprintf(w, "死亡日期：%s\n", x.Death)
	}
	if x.Age != nil {
		on := "按" + x.Reference + "计"
		if x.Reference == x.Death {
			on = "按死亡日期" + x.Reference + "计"
		}
		fmt.Fprintf(w, "年龄：%d周岁（%s）\n", *x.Age, on)
	}
	for _, h := range x.Held {
		fmt.Fprintf(w, "暂缓：%s\n", h)
	}
	for _, t := range x.Told {
		fmt.Fprintf(w, "提示：%s\n", t)
	}
	fmt.Fprintln(w, "已发放：")
	if len(x.Paid) == 0 {
		fmt.Fprintln(w, "  （无）")
	}
	for _, p := range x.Paid {
		unit := domain.UnitText(p.Unit)
		per := map[string]string{"month": "月标准", "year": "年标准", "once": "标准"}[p.Period]
		fmt.Fprintf(w, "  %s %s %s：档次「%s」", p.label(), p.Amount, unit, p.Band)
		if p.Age != nil && p.Corrects != "" { // this month's age is said above
			fmt.Fprintf(w, "（%s为%d周岁）", p.Corrects, *p.Age)
		}
		fmt.Fprintf(w, "，%s %s（清单第%s项，自%s起执行）", per, p.Rate, p.Item, p.Effective)
		switch {
		case p.Corrects != "" && p.Share != "":
			fmt.Fprintf(w, "，是%s的补发，该月按年内累计取整应发：%s", p.Corrects, p.Share)
		case p.Corrects != "":
			fmt.Fprintf(w, "，是%s的补发", p.Corrects)
		case p.Share != "":
			fmt.Fprintf(w, "，按年内累计取整折算到本月：%s", p.Share)
		case p.Period == "year":
			fmt.Fprint(w, "，按年内累计取整折算到本月")
		}
		if p.Note != "" {
			fmt.Fprintf(w, "，%s", p.Note)
		}
		if p.To != "" {
			fmt.Fprintf(w, "；%s", p.To)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "未发放：")
	if len(x.NotPaid) == 0 {
		fmt.Fprintln(w, "  （无）")
	}
	for _, n := range x.NotPaid {
		fmt.Fprintf(w, "  %s\n", n.Reason)
	}
	if len(x.LastMonth) > 0 {
		var s []string
		for _, p := range x.LastMonth {
			s = append(s, p.label()+" "+p.Amount)
		}
		fmt.Fprintf(w, "上月发放：%s\n", strings.Join(s, "，"))
	}
	for _, r := range x.Recover {
		fmt.Fprintf(w, "应追回：%s\n", r)
	}
	for _, c := range x.Corrected {
		fmt.Fprintf(w, "其他月份更正本月：%s\n", c)
	}
	for _, n := range x.Notes {
		fmt.Fprintf(w, "说明：%s\n", n)
	}
}

// correctedElsewhere lists, for person id, the arrears (补发) paid for
// month m and the recoveries (追回) of m's money that the latest runs of
// other months recorded (store.ArrearsFor, store.RecoveriesOf), in month
// order: "2026-11 追回 高龄津贴 76.67 元：reason".
func correctedElsewhere(ctx context.Context, db *store.DB, m domain.Month, id string, names map[string]string) ([]string, error) {
	arrears, err := db.ArrearsFor(ctx, id, m)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, h := range arrears {
		l := h.Line
		out = append(out, fmt.Sprintf("%s 补发 %s %s %s：%s", h.Month, label(names, l.Benefit), money.Format(l.Amount, l.Unit), domain.UnitText(l.Unit), l.Params.Note))
	}
	recs, err := db.RecoveriesOf(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		if r.Corrects == m && r.Month != m {
			out = append(out, fmt.Sprintf("%s 追回 %s %s %s：%s", r.Month, label(names, r.Benefit), money.Format(r.Amount, r.Unit), domain.UnitText(r.Unit), r.Reason))
		}
	}
	slices.SortStableFunc(out, strings.Compare) // by the month that recorded it
	return out, nil
}

// unlistedNote explains someone paid in the month compared with and on no
// roster this month: on 待核实, or stopped for the reason the change lists
// give (a death list, a death another month recorded, a stop announced).
func unlistedNote(r *changes.Report, id string) string {
	const note = "上月已发放、本月未列入任何花名册"
	if r == nil || slices.ContainsFunc(r.Missing, func(m changes.Missing) bool { return m.PersonID == id }) {
		return note + "：已列入待核实"
	}
	if i := slices.IndexFunc(r.Stopped, func(c changes.Change) bool { return c.PersonID == id }); i >= 0 {
		return note + "：" + r.Stopped[i].Reason + "，不列入待核实"
	}
	return note
}

// idFlag reads the --id of explain and history: a 公民身份号码 of 18
// characters (GB 11643-1999, check character by ISO 7064 MOD 11-2), as
// idnumber.Parse reads and normalizes it (a lower-case x, full-width
// digits), or a 15-digit first-generation number converted as a run
// converts a roster's (idnumber.Upgrade15). It returns a
// usage error, in Chinese, when id is empty or not a valid number: a
// mistyped digit would otherwise read as a person never paid.
func idFlag(id string) (string, error) {
	if id == "" {
		return "", usagef("请用 --id 给出公民身份号码（--id is required）")
	}
	pid, err := idnumber.Parse(id)
	if n := idnumber.Normalize(id); err != nil && len(n) == 15 {
		if up, uerr := idnumber.Upgrade15(n); uerr == nil {
			pid, err = up, nil // as a run converts a roster's (id_converted)
		}
	}
	if err != nil {
		return "", usagef("--id「%s」不是有效的公民身份号码：%s；身份证号有误而被暂缓的行，请在 异常清单.xlsx 中按文件和行号查看（invalid ID: %v）", id, idnumber.Describe(err, id), err)
	}
	return string(pid), nil
}
