package changes

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"disburse/internal/calc"
	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/money"
	"disburse/internal/rules"
)

// Snapshot is one recorded month: its payment lines and the listings of
// everyone found on its rosters.
type Snapshot struct {
	Month    domain.Month
	RunID    int64
	Lines    []domain.Line
	Listings []domain.Listing
	// DeadOffRoster are the people this month's death lists name who are
	// on no roster (roster.Result.DeadOffRoster); only this month's
	// snapshot has them. They are not missing (待核实), and a line of theirs
	// that stopped says the list's 死亡日期.
	DeadOffRoster []domain.Person
	// Unlisted are the people the snapshot's run listed as 待核实 (its
	// Report.Missing), each with the lines of the last month that paid
	// them: the next month lists them again while they are still on no
	// roster. Only a recorded month's snapshot has them.
	Unlisted []Missing
	// StopsAnnounced gives, by ID, who announced in an earlier month's
	// 备注 a stop that has taken effect by this month (下月停发 in October,
	// for November): such a person on no roster is stopped as announced,
	// not 待核实. Only this month's snapshot has them.
	StopsAnnounced map[string]string
	// DeathsOnRecord gives, by ID, a 死亡日期 by the end of this month that
	// other months' runs recorded (a month run late, a roster that gave a
	// date ahead): such a person on no roster is stopped, not 待核实. Only
	// this month's snapshot has them.
	DeathsOnRecord map[string]time.Time
	// ListFilled gives, by ID, the fields an agency's list filled in the
	// snapshot's roster rows (roster.ListFilledOf: 低保类别, 残疾等级、类别 or
	// 自理能力, to the kind of list). Only a recorded month's snapshot has
	// them: a change from such a value says the list, not the roster, gave
	// it, and that a list counts for its month only.
	ListFilled map[string]map[string]string
	// ColumnsMissing gives, by ID, the fields (低保类别, 自理能力 or 残疾等级、类别,
	// as ListFilled names them) whose column the roster sheet of the
	// snapshot's row did not have (column_dibao_missing and the others of
	// its kind), each with the sheet that lacked it. Only a recorded month's
	// snapshot has them: a change from the value such a row was computed
	// with says no roster gave it, since the column was missing.
	ColumnsMissing map[string]map[string]string
}

// Change is one person's change in one benefit. Old* describe last month's
// line and New* this month's (zero when there is none). Reason is in Chinese
// for staff.
type Change struct {
	Benefit      string
	PersonID     string
	Name         string
	Street       string
	Community    string
	OldStreet    string
	OldCommunity string
	OldBand      string
	OldAmount    decimal.Decimal
	NewBand      string
	NewAmount    decimal.Decimal
	Unit         string
	Reason       string
	// OldName, OldAccount and Account are filled for Report.Identities
	// only: last month's 姓名 and account (银行账号 for money, 户号 for
	// electricity) and this month's account.
	OldName, OldAccount, Account string
}

// Bridge is the reconciliation of one benefit from last month to this month:
// Prev + New - Stopped + Adjusted + Rounding = Cur, in the benefit's unit.
// Rounding is the sum of the changes of people paid both months in the same
// band at the same rate whose amount differs only by the cumulative rounding
// of an annual rate (76.67 one month, 76.66 the next). Arrears are the
// month's 补发 lines for earlier months, outside the bridge: Cur +
// ArrearsTotal is what the month pays for the benefit, as its sheet totals.
type Bridge struct {
	Benefit, Name, Unit, Department                                           string
	PrevCount, NewCount, StoppedCount, AdjustedCount, RoundingCount, CurCount int
	PrevTotal, NewTotal, StoppedTotal, AdjustedDelta, RoundingDelta, CurTotal decimal.Decimal
	ArrearsCount                                                              int
	ArrearsTotal                                                              decimal.Decimal
}

// Holds reports whether the bridge adds up exactly, in counts and amounts.
func (b *Bridge) Holds() bool {
	sum := b.PrevTotal.Add(b.NewTotal).Sub(b.StoppedTotal).Add(b.AdjustedDelta).Add(b.RoundingDelta)
	return sum.Equal(b.CurTotal) && b.PrevCount+b.NewCount-b.StoppedCount == b.CurCount
}

// Missing is a person paid last month, or in an earlier month and on no
// roster since, who is on none of this month's rosters and has no recorded
// death: the street office must confirm or re-add them before payment
// (待核实). Since is the last month that paid them, and Street, Community,
// Benefits and LastLines are that month's.
type Missing struct {
	PersonID, Name, Street, Community string
	Since                             domain.Month
	// Held are the codes that held the person's row in Since, when Since
	// listed them without paying them (no Benefits, no LastLines).
	Held      []string
	Benefits  []string // codes paid in Since
	Account   string   // 银行账号 in Since, "" when none
	LastLines []domain.Line
	HeldRows  string // held rows of the same 姓名 whose ID could not be read (pointToHeldRows)
}

// MonthsOff is how many months the person has been on no roster: 1 for
// someone paid last month, as of month m.
func (x *Missing) MonthsOff(m domain.Month) int { return x.Since.MonthsUntil(m) }

// Why says, for staff, since when the person has been on no roster as of
// month m: 本月各花名册均未列入 for someone paid last month.
func (x *Missing) Why(m domain.Month) string {
	n := x.MonthsOff(m)
	switch {
	case slices.ContainsFunc(x.Held, domain.DeathUndatedCode):
		// the row deleted instead of dated: the month of death is unsaid
		return fmt.Sprintf("%s因已去世而未填死亡日期被暂缓（%s），此后各花名册均未列入，死亡日期无从得知：死亡当月仍应发放（发给遗属），请核实死亡日期，重新列入并填写，或手工补发", x.Since.Chinese(), strings.Join(x.Held, "、"))
	case len(x.Held) > 0 && n > 1:
		return fmt.Sprintf("%s列入花名册但被暂缓（%s），此后已连续%d个月各花名册均未列入", x.Since.Chinese(), strings.Join(x.Held, "、"), n)
	case len(x.Held) > 0:
		return fmt.Sprintf("上月列入花名册但被暂缓（%s），本月各花名册均未列入", strings.Join(x.Held, "、"))
	case n > 1:
		return fmt.Sprintf("最后一次发放为%s，已连续%d个月各花名册均未列入", x.Since.Chinese(), n)
	}
	return "本月各花名册均未列入"
}

// Milestone is a person paid this month who reaches the minimum age of the
// band they are paid in during this month (80, 90, 100 for 高龄津贴).
type Milestone struct {
	Line domain.Line
	Age  int
}

// Report is the comparison of a month with the one before it, Prev: the
// month before Month, or the latest earlier month with a run when that one
// has none (a month never run). HasPrev is false when no month before has
// a recorded run: then only Cur-side facts (Milestones) are filled and the
// lists say there is nothing to compare with.
type Report struct {
	Month     domain.Month
	Prev      domain.Month
	HasPrev   bool
	PrevRunID int64
	New       []Change
	Stopped   []Change
	Adjusted  []Change
	Transfers []Change
	// Identities are the people paid a benefit both months whose 姓名 or
	// account for it changed: still paid, but a changed account is where
	// money goes astray, so finance checks each against its paperwork.
	Identities []Change
	Bridges    []Bridge
	Missing    []Missing
	Milestones []Milestone
}

type key struct{ id, benefit string }

// Compare builds the change lists of cur against prev (nil when no month
// before has a run; an earlier month than the one before when that was
// never run). decisions are this month's calc decisions, which give
// the reason a person stopped receiving a benefit; findings are this month's
// findings, whose held rows explain stops further (pointToHeldRows). It
// returns an error when a bridge does not hold, which would be a bug in this
// package or its inputs.
func Compare(t *rules.Table, prev, cur *Snapshot, decisions calc.Decisions, findings []domain.Finding) (*Report, error) {
	r := &Report{Month: cur.Month, Prev: cur.Month.Prev()}
	curMonthly := monthlyOnly(t, cur.Lines)
	r.Milestones = milestones(t, cur.Month, curMonthly)
	if prev == nil {
		return r, nil
	}
	r.HasPrev, r.Prev, r.PrevRunID = true, prev.Month, prev.RunID
	prevMonthly := monthlyOnly(t, prev.Lines)

	// Each month's monthly lines and listings by person: a map of each by
	// ID (and of the lines by ID and benefit) held 300 MB at a province's
	// scale, at the ordinary month's peak.
	was, now := domain.GroupLines(prevMonthly, prev.Listings), domain.GroupLines(curMonthly, cur.Listings)
	deadOff := make(map[string]time.Time, len(cur.DeadOffRoster))
	for _, p := range cur.DeadOffRoster {
		deadOff[p.ID] = p.Death
	}
	gone := maps.Clone(deadOff) // dead by this month: not 待核实
	for id, d := range cur.DeathsOnRecord {
		if _, ok := gone[id]; !ok {
			gone[id] = d
		}
	}
	alive := domain.ConfirmedAlive(findings)
	// The reasons of what was paid last month and is not now (a few among
	// a province's five million decisions): the rest are never asked for.
	reasons := map[key]string{}
	for _, l := range prevMonthly {
		if now.Line(l.PersonID, l.Benefit) == nil {
			reasons[key{l.PersonID, l.Benefit}] = ""
		}
	}
	if len(reasons) > 0 {
		for d := range decisions.All() {
			if k := (key{d.PersonID, d.Benefit}); !d.Paid {
				if _, stopped := reasons[k]; stopped {
					reasons[k] = d.Reason()
				}
			}
		}
	}
	bridges := map[string]*Bridge{}
	bridge := func(code string) *Bridge {
		b, ok := bridges[code]
		if !ok {
			b = &Bridge{Benefit: code}
			if ib := t.Benefit(code); ib != nil {
				b.Name, b.Unit, b.Department = ib.Name, ib.Unit, ib.Department
			}
			bridges[code] = b
		}
		return b
	}
	for _, l := range prevMonthly {
		b := bridge(l.Benefit)
		b.PrevCount++
		b.PrevTotal = b.PrevTotal.Add(l.Amount)
		if now.Line(l.PersonID, l.Benefit) != nil {
			continue
		}
		b.StoppedCount++
		b.StoppedTotal = b.StoppedTotal.Add(l.Amount)
		c := stopped(l, cur.Month, &was, &now, deadOff, reasons, prev.ListFilled[l.PersonID], prev.ColumnsMissing[l.PersonID])
		if why, ok := cur.StopsAnnounced[l.PersonID]; ok && c.Reason == notListed {
			c.Reason = why + "，本月各花名册均未列入"
		} else if d, ok := cur.DeathsOnRecord[l.PersonID]; ok && c.Reason == notListed {
			c.Reason = fmt.Sprintf(recordedDead, d.Format("2006-01-02"))
		}
		r.Stopped = append(r.Stopped, c)
	}
	for _, l := range curMonthly {
		b := bridge(l.Benefit)
		b.CurCount++
		b.CurTotal = b.CurTotal.Add(l.Amount)
		old := was.Line(l.PersonID, l.Benefit)
		if old == nil {
			b.NewCount++
			b.NewTotal = b.NewTotal.Add(l.Amount)
			c := added(t, l, &was, &now, alive, prev.Month, prev.ListFilled[l.PersonID], prev.ColumnsMissing[l.PersonID])
			if why := groupSwitch(t, l, &was); why != "" && strings.HasPrefix(c.Reason, "上月未享受此项") {
				c.Reason = why
			}
			r.New = append(r.New, c)
			continue
		}
		if old.Street != l.Street {
			c := change(old, l)
			c.Reason = "由" + streetName(old.Street) + "转入" + streetName(l.Street)
			r.Transfers = append(r.Transfers, c)
		}
		if why := identityReason(old, l); why != "" {
			c := change(old, l)
			c.OldName, c.OldAccount, c.Account, c.Reason = old.Name, old.Account, l.Account, why
			r.Identities = append(r.Identities, c)
		}
		delta := l.Amount.Sub(old.Amount)
		switch {
		case old.Band != l.Band || old.Params.Rate != l.Params.Rate:
			b.AdjustedCount++
			b.AdjustedDelta = b.AdjustedDelta.Add(delta)
			c := change(old, l)
			c.Reason = adjustedReason(t, old, l, was.Listing(l.PersonID), now.Listing(l.PersonID), prev.ListFilled[l.PersonID], prev.ColumnsMissing[l.PersonID])
			r.Adjusted = append(r.Adjusted, c)
		case !delta.IsZero():
			b.RoundingCount++
			b.RoundingDelta = b.RoundingDelta.Add(delta)
		}
	}
	for i := range cur.Lines {
		if l := &cur.Lines[i]; l.Corrects.Valid() {
			b := bridge(l.Benefit)
			b.ArrearsCount++
			b.ArrearsTotal = b.ArrearsTotal.Add(l.Amount)
		}
	}
	for _, ib := range t.Benefits {
		if b, ok := bridges[ib.Code]; ok {
			r.Bridges = append(r.Bridges, *b)
			delete(bridges, ib.Code)
		}
	}
	for _, code := range sortedKeys(bridges) { // benefits paid last month but no longer in the rules
		r.Bridges = append(r.Bridges, *bridges[code])
	}
	for i := range r.Bridges {
		if !r.Bridges[i].Holds() {
			b := r.Bridges[i]
			return nil, fmt.Errorf("changes: bridge of %s does not hold: %s + %s - %s + %s + %s != %s (a bug: please report it)",
				b.Benefit, b.PrevTotal, b.NewTotal, b.StoppedTotal, b.AdjustedDelta, b.RoundingDelta, b.CurTotal)
		}
	}
	r.Missing = missing(prevMonthly, cur.Month, &was, &now, gone, prev.Month)
	r.Missing = append(r.Missing, heldThenGone(prev.Listings, cur.Month, r.Missing, &now, gone, prev.Month)...)
	r.Missing = append(r.Missing, stillMissing(t, prev.Unlisted, r.Missing, &now, gone)...)
	r.Missing = slices.DeleteFunc(r.Missing, func(x Missing) bool { _, stopped := cur.StopsAnnounced[x.PersonID]; return stopped })
	r.pointToHeldRows(findings)
	return r, nil
}

func change(old, cur *domain.Line) Change {
	return Change{
		Benefit: cur.Benefit, PersonID: cur.PersonID, Name: cur.Name, Street: cur.Street, Community: cur.Community,
		OldStreet: old.Street, OldCommunity: old.Community, OldBand: old.Band, OldAmount: old.Amount,
		NewBand: cur.Band, NewAmount: cur.Amount, Unit: cur.Unit,
	}
}

// identityReason says how the 姓名 or the account of a line paid both
// months changed, "" when neither did. The account is the 银行账号 of money
// and the 户号 of electricity.
func identityReason(old, cur *domain.Line) string {
	var why []string
	if old.Name != cur.Name {
		why = append(why, "姓名由「"+old.Name+"」改为「"+cur.Name+"」")
	}
	what := "银行账号"
	if cur.Unit == domain.UnitKWh {
		what = "户号"
	}
	switch {
	case old.Account == cur.Account:
	case cur.ByHand():
		// the heirs' money by hand: no account is asked for
		why = append(why, what+"「"+old.Account+"」本月未填：此人已去世，本月的钱归其遗属、手工发放，不必补填")
	case cur.Account == "":
		why = append(why, what+"「"+old.Account+"」本月未填")
	case old.Account == "":
		why = append(why, "本月新填"+what+"「"+cur.Account+"」")
	default:
		why = append(why, what+"由「"+old.Account+"」改为「"+cur.Account+"」")
	}
	return strings.Join(why, "；")
}

// notListed is the reason a line stopped when its person is on no roster,
// notListedDead (with the date) when last month's row gave a 死亡日期, and
// deathListed when this month's death list gives one;
// heldPrefix starts the reason when the person's row is held.
const (
	notListed     = "本月各花名册均未列入（已列入待核实）"
	notListedDead = "上月花名册记载死亡日期%s，本月各花名册均未列入"
	deathListed   = "本月死亡名单记载死亡日期%s，本月各花名册均未列入"
	recordedDead  = "其他月份的花名册或死亡名单记载死亡日期%s，本月各花名册均未列入"
	heldPrefix    = "本月被暂缓发放，异常代码："
)

// pointToHeldRows explains stops by the month's held rows (findings are the
// month's findings). A line stopped because its row is held gets the
// messages of the hold after its codes. A line stopped because its person
// is on no roster, and each missing person's HeldRows, name the rows held
// for an ID that could not be read (codes id_*) whose 姓名 is the person's:
// a typing error in an ID otherwise reads as a senior dropped from the
// rosters.
func (r *Report) pointToHeldRows(findings []domain.Finding) {
	rows := map[string][]string{} // 姓名 -> where
	why := map[string][]string{}  // ID -> messages of its held row
	for _, f := range findings {
		if f.Severity != domain.Held || f.Where.Row == 0 {
			continue
		}
		if strings.HasPrefix(f.Code, "id_") && f.Name != "" {
			rows[f.Name] = append(rows[f.Name], fmt.Sprintf("「%s」%s 第%d行（%s）", f.Where.File, f.Where.Sheet, f.Where.Row, f.Code))
		}
		if id := idnumber.Of(f.AsWritten); id != "" && !slices.Contains(why[id], f.Message) {
			why[id] = append(why[id], f.Message)
		}
	}
	for i := range r.Stopped {
		if c := &r.Stopped[i]; strings.HasPrefix(c.Reason, heldPrefix) && len(why[c.PersonID]) > 0 {
			c.Reason += "（" + strings.Join(why[c.PersonID], "；") + "）"
		}
	}
	if len(rows) == 0 {
		return
	}
	say := func(name string) string {
		if w := rows[name]; len(w) > 0 {
			return "本月有同名的行因身份证号有误被暂缓：" + strings.Join(w, "、") + "，请核对是否为同一人"
		}
		return ""
	}
	for i := range r.Stopped {
		if c := &r.Stopped[i]; c.Reason == notListed {
			if s := say(c.Name); s != "" {
				c.Reason += "；" + s
			}
		}
	}
	for i := range r.Missing {
		r.Missing[i].HeldRows = say(r.Missing[i].Name)
	}
}

// stopped explains why a line of last month has no successor this month. A
// person on no roster this month whose row last month gave a 死亡日期, or
// whom this month's death list names (deadOff), is not on 待核实 (missing),
// and the reason names the date rather than send staff looking for them
// there.
func stopped(old *domain.Line, month domain.Month, prevRows, curRows *domain.Rows, deadOff map[string]time.Time, reasons map[key]string, filled, missing map[string]string) Change {
	c := Change{Benefit: old.Benefit, PersonID: old.PersonID, Name: old.Name, OldStreet: old.Street, OldCommunity: old.Community,
		OldBand: old.Band, OldAmount: old.Amount, Unit: old.Unit}
	l := curRows.Listing(old.PersonID)
	switch {
	case l == nil:
		c.Reason = notListed
		if was := prevRows.Listing(old.PersonID); was != nil && was.Person.DeadBy(month) {
			c.Reason = fmt.Sprintf(notListedDead, was.Person.Death.Format("2006-01-02"))
		} else if d, ok := deadOff[old.PersonID]; ok {
			c.Reason = fmt.Sprintf(deathListed, d.Format("2006-01-02"))
		}
	case l.Held:
		c.Street, c.Community = l.Person.Street, l.Person.Community
		c.Reason = heldPrefix + strings.Join(l.Codes, "、")
	default:
		c.Street, c.Community = l.Person.Street, l.Person.Community
		c.Reason = reasons[key{old.PersonID, old.Benefit}]
		if c.Reason == "" {
			c.Reason = "本月不再符合条件"
		}
		if was := prevRows.Listing(old.PersonID); was != nil && len(filled)+len(missing) > 0 { // a list or a missing column gave last month's value: say so
			c.Reason = strings.Join(append([]string{c.Reason}, statusChanges(was.Person, l.Person, filled, missing)...), "；")
		}
	}
	return c
}

// added explains why a line of this month had no predecessor in the month
// compared with, prev (Report.Prev, last month but for a gap). alive holds
// the IDs of rows paid on their 备注 健在 (domain.ConfirmedAlive): a
// 死亡日期 prev's row gave before that month is named as the reason.
func added(t *rules.Table, l *domain.Line, prevRows, curRows *domain.Rows, alive map[string]bool, prev domain.Month, filled, missing map[string]string) Change {
	c := Change{Benefit: l.Benefit, PersonID: l.PersonID, Name: l.Name, Street: l.Street, Community: l.Community,
		NewBand: l.Band, NewAmount: l.Amount, Unit: l.Unit}
	was := prevRows.Listing(l.PersonID)
	switch {
	case was == nil:
		c.Reason = "上月未列入花名册"
	case was.Held:
		c.OldStreet, c.OldCommunity = was.Person.Street, was.Person.Community
		c.Reason = "上月被暂缓（" + strings.Join(was.Codes, "、") + "），本月不再暂缓"
	default:
		c.OldStreet, c.OldCommunity = was.Person.Street, was.Person.Community
		var why []string
		if d := was.Person.Death; !d.IsZero() && d.Before(prev.First()) {
			now := "本月未填死亡日期"
			if alive[l.PersonID] {
				now = "本月备注健在"
			}
			why = append(why, fmt.Sprintf("上月花名册记载死亡日期%s，%s", d.Format("2006-01-02"), now))
		}
		if ib := t.Benefit(l.Benefit); ib != nil {
			// By the calendar, not at a death last month's row gave (AgeIn):
			// that death, named above, is why the month paid nothing.
			if minAge := bandMinAge(ib.Version, l.Band); minAge > 0 && domain.Age(was.Person.Birth, prev.Last()) < minAge {
				why = append(why, fmt.Sprintf("本月年满%d周岁", minAge))
			}
		}
		why = append(why, statusChanges(was.Person, curRows.Listing(l.PersonID).Person, filled, missing)...)
		if len(why) == 0 {
			why = append(why, "上月未享受此项（同类补贴择高或户号已领取等）")
		}
		c.Reason = strings.Join(why, "；")
	}
	return c
}

// groupSwitch says, for a line new this month, the benefit of its 择高
// group (exclusive_group) that last month paid the person instead, if any:
// 护理补贴 raised above the 重度残疾人护理补贴 paid last month is new by a
// change of which is higher, not a benefit the person gained.
func groupSwitch(t *rules.Table, l *domain.Line, prevRows *domain.Rows) string {
	for _, code := range t.Group(l.Benefit)[1:] {
		if old := prevRows.Line(l.PersonID, code); old != nil {
			return fmt.Sprintf("上月享受同类补贴「%s」%s%s，本月「%s」%s%s为高（同类补贴择高）", t.Benefit(code).Name, Format(old.Amount, old.Unit), domain.UnitText(old.Unit),
				t.Benefit(l.Benefit).Name, Format(l.Amount, l.Unit), domain.UnitText(l.Unit))
		}
	}
	return ""
}

// bandMinAge returns the min_age of the band whose label starts line band
// (the label may carry " 低保"), or 0.
func bandMinAge(v *rules.Version, band string) int {
	for _, b := range v.Bands {
		if b.MinAge != nil && (band == b.Label || strings.HasPrefix(band, b.Label+" ")) {
			return *b.MinAge
		}
	}
	return 0
}

// statusChanges names the roster statuses that differ between two months.
// filled gives the fields an agency's list filled in was's row
// (Snapshot.ListFilled): a change from such a value names the list, since
// the roster never gave it. missing gives the fields whose column was's
// sheet did not have (Snapshot.ColumnsMissing): a change from the value the
// row was computed with names that sheet, since no roster gave it either.
func statusChanges(was, now *domain.Person, filled, missing map[string]string) []string {
	var out []string
	// none is how a field's empty value reads: a roster's 否, 无 and an
	// empty cell are one value, which is not "empty" to staff who wrote 否.
	add := func(differ bool, what, listed, none, from, to string) {
		if !differ {
			return
		}
		or := func(v string) string { return cmp.Or(v, none) }
		why := fmt.Sprintf("%s由「%s」变为「%s」", what, or(from), or(to))
		if list := filled[listed]; list != "" {
			why += fmt.Sprintf("（上月的「%s」是%s填入的，花名册未填；名单只用于报送它的月份，本月没有名单给出此项：如仍应享受，请在花名册中填写，或报送本月的%s）", or(from), list, list)
		} else if sheet := missing[listed]; sheet != "" && listed != "" {
			why += fmt.Sprintf("（上月的「%s」不是花名册填写的：%s，上月按「%s」计算）", or(from), sheet, or(from))
		}
		out = append(out, why)
	}
	add(was.Dibao != now.Dibao, "低保类别", "低保类别", "否（非低保）", was.Dibao.String(), now.Dibao.String())
	add(was.Tekun != now.Tekun, "特困类别", "", "否（非特困）", was.Tekun.String(), now.Tekun.String())
	add(was.Hardship != now.Hardship, "经济困难", "", "否", yesNo(was.Hardship), yesNo(now.Hardship))
	add(was.SelfCare != now.SelfCare, "自理能力", "自理能力", "未填", was.SelfCare.String(), now.SelfCare.String())
	add(was.Disability != now.Disability, "残疾情况", "残疾等级、类别", "无", disability(was.Disability), disability(now.Disability))
	add(was.ElectricityAccount != now.ElectricityAccount, "户号", "", "未填", was.ElectricityAccount, now.ElectricityAccount)
	return out
}

// adjustedReason says why a benefit paid both months changed band or rate:
// the rate itself (标准调整), an age band crossed (the bands' min_age in t
// differ: a disability grade's bands have none of their own), and the
// roster statuses that changed; the bands' labels when none of those.
func adjustedReason(t *rules.Table, old, cur *domain.Line, was, now *domain.Listing, filled, missing map[string]string) string {
	var why []string
	if old.Params.Rate != cur.Params.Rate && old.Params.Dibao == cur.Params.Dibao && ageBand(old.Band) == ageBand(cur.Band) {
		why = append(why, fmt.Sprintf("标准调整：%s → %s（自%s起执行）", old.Params.Rate, cur.Params.Rate, cur.Params.Effective.Format("2006-01-02")))
	}
	if ib := t.Benefit(cur.Benefit); ib != nil && bandMinAge(ib.Version, old.Band) != bandMinAge(ib.Version, cur.Band) {
		why = append(why, fmt.Sprintf("年龄档次变化：%d周岁", cur.Params.Age))
	}
	if was != nil && now != nil {
		why = append(why, statusChanges(was.Person, now.Person, filled, missing)...)
	}
	if len(why) == 0 {
		why = append(why, "档次由「"+old.Band+"」变为「"+cur.Band+"」")
	}
	return strings.Join(why, "；")
}

// missing lists everyone paid last month (prevLines, listed in prevRows)
// who is on none of this month's rosters (curRows) and had no death recorded by the
// end of month, neither on last month's row (domain.Person.DeadBy) nor in deadOff (this
// month's death lists, and the dates other runs recorded).
func missing(prevLines []*domain.Line, month domain.Month, prevRows, curRows *domain.Rows, deadOff map[string]time.Time, prevMonth domain.Month) []Missing {
	byPerson := map[string]*Missing{}
	var order []string
	for _, l := range prevLines {
		if curRows.Listing(l.PersonID) != nil {
			continue
		}
		if _, dead := deadOff[l.PersonID]; dead {
			continue
		}
		if was := prevRows.Listing(l.PersonID); was != nil && was.Person.DeadBy(month) {
			continue
		}
		m, ok := byPerson[l.PersonID]
		if !ok {
			m = &Missing{PersonID: l.PersonID, Name: l.Name, Street: l.Street, Community: l.Community, Since: prevMonth}
			byPerson[l.PersonID] = m
			order = append(order, l.PersonID)
		}
		m.Benefits = append(m.Benefits, l.Benefit)
		m.LastLines = append(m.LastLines, *l)
		if m.Account == "" && l.Unit == domain.UnitYuan {
			m.Account = l.Account
		}
	}
	out := make([]Missing, 0, len(order))
	for _, id := range order {
		out = append(out, *byPerson[id])
	}
	return out
}

// heldThenGone lists the people last month's rosters listed and held
// (prevListings), with no 死亡日期, who are on none of this month's
// rosters (curRows) nor its death lists (deadOff), and not already among
// missing: a row held to be corrected and then dropped would otherwise
// leave the senior unasked about for good. A row held as stopped is
// staff's word and no question, but for a death said without its date
// (domain.DeathUndatedCode): the row deleted instead of dated, the month
// of death, owed to the heirs, would go unsaid.
func heldThenGone(prevListings []domain.Listing, month domain.Month, missing []Missing, curRows *domain.Rows, deadOff map[string]time.Time, prevMonth domain.Month) []Missing {
	seen := make(map[string]bool, len(missing))
	for _, m := range missing {
		seen[m.PersonID] = true
	}
	var out []Missing
	for _, l := range prevListings {
		p := l.Person
		if !l.Held || p.ID == "" || seen[p.ID] || p.DeadBy(month) || slices.ContainsFunc(l.Codes, stopNotDeath) {
			continue // a stop (停发人员) is staff's word: their absence now is no question
		}
		if curRows.Listing(p.ID) != nil {
			continue
		}
		if _, dead := deadOff[p.ID]; dead {
			continue
		}
		seen[p.ID] = true
		out = append(out, Missing{PersonID: p.ID, Name: p.Name, Street: p.Street, Community: p.Community, Since: prevMonth, Held: l.Codes, Account: p.BankAccount})
	}
	return out
}

// stopNotDeath reports a hold of code that stops the row (domain.StopCode)
// for another reason than a death said without its date.
func stopNotDeath(code string) bool { return domain.StopCode(code) && !domain.DeathUndatedCode(code) }

// stillMissing lists the people last month's run listed as 待核实
// (unlisted) who are still on none of this month's rosters (curRows) nor
// on this month's death lists (deadOff), and not already among missing,
// each with the monthly benefits (t) of the last month that paid them, in
// last month's order: a senior a street leaves out is asked about every
// month until a roster lists them again, held rows and stop lists
// (停发人员) included, or a death list names them.
func stillMissing(t *rules.Table, unlisted []Missing, missing []Missing, curRows *domain.Rows, deadOff map[string]time.Time) []Missing {
	seen := make(map[string]bool, len(missing))
	for _, m := range missing {
		seen[m.PersonID] = true
	}
	var out []Missing
	for _, u := range unlisted {
		if curRows.Listing(u.PersonID) != nil || seen[u.PersonID] {
			continue
		}
		if _, dead := deadOff[u.PersonID]; dead {
			continue
		}
		m := Missing{PersonID: u.PersonID, Name: u.Name, Street: u.Street, Community: u.Community, Since: u.Since}
		for _, l := range monthlyOnly(t, u.LastLines) {
			m.Benefits = append(m.Benefits, l.Benefit)
			m.LastLines = append(m.LastLines, *l)
		}
		m.Held, m.Account = u.Held, u.Account
		if len(m.LastLines) == 0 && len(m.Held) == 0 {
			continue // paid a one-off only (a training): not a monthly payment stopped
		}
		seen[u.PersonID] = true
		out = append(out, m)
	}
	return out
}

// milestones lists the lines of month m (lines) whose person reaches the
// minimum age of their band this month.
func milestones(t *rules.Table, m domain.Month, lines []*domain.Line) []Milestone {
	var out []Milestone
	for _, l := range lines {
		ib := t.Benefit(l.Benefit)
		if ib == nil {
			continue
		}
		minAge := bandMinAge(ib.Version, l.Band)
		if minAge > 0 && l.Params.Age == minAge && birthdayIn(l.PersonID, m) {
			out = append(out, Milestone{Line: *l, Age: minAge})
		}
	}
	return out
}

// birthdayIn reports whether the person whose ID is id has a birthday in
// month m (a 29 February birthday counts in February).
func birthdayIn(id string, m domain.Month) bool {
	if len(id) < 14 {
		return false
	}
	return id[10:12] == fmt.Sprintf("%02d", int(m.Month))
}

// streetName is a street for a transfer's reason; a row that left 街道
// empty says so rather than moving to a street named 空.
func streetName(s string) string {
	if s == "" {
		return "（未填街道）"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return ""
}

func disability(d domain.Disability) string {
	if d.Grade == 0 {
		return ""
	}
	return fmt.Sprintf("%d级%s", d.Grade, d.Category)
}

func sortedKeys(m map[string]*Bridge) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Format returns an amount as plain text in its unit (see money.Format).
func Format(d decimal.Decimal, unit string) string { return money.Format(d, unit) }

// ageBand returns the first word of a band label ("80-89周岁" of
// "80-89周岁 低保").
func ageBand(label string) string {
	if f := strings.Fields(label); len(f) > 0 {
		return f[0]
	}
	return ""
}

// monthlyOnly points at the lines that are not of one-off benefits (period
// once) nor arrears of earlier months: a training subsidy paid last month is
// not "stopped" this month, and arrears are listed on their own sheet. The
// lines are not copied: a province's month is a million of them.
func monthlyOnly(t *rules.Table, lines []domain.Line) []*domain.Line {
	out := make([]*domain.Line, 0, len(lines))
	for i := range lines {
		l := &lines[i]
		if b := t.Benefit(l.Benefit); (b != nil && b.Period == "once") || l.Corrects.Valid() {
			continue
		}
		out = append(out, l)
	}
	return out
}
