package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/roster"
	"disburse/internal/store"
)

// holdTheDead questions this month's rows of people whose 死亡日期, before
// month m ended, another month's rosters recorded, earlier or later (a
// month may be run late), or its death list (for someone then on no
// roster: death_not_on_roster), when the row gives no
// 死亡日期 of its own: a roster copied from an old one lists the dead
// again, and paying them is the worst mistake the run can make. A date
// inside month m is taken as the row's, with a notice
// (death_on_record_in_month): the month of death is paid, by the age at
// the death (list items 16-17). A row whose recorded date is before m
// is held (death_on_record) unless its 备注 says 健在 (and nothing that
// negates it: roster.Entry.Alive), the staff's word
// that the earlier date was wrong, which pays it with a notice
// (death_on_record_alive). That notice, once recorded in a month after
// every month that gave a date, stands: later months pay the row without
// the remark, until a roster gives a date again. A row with a date of its
// own other than the one on record gets a notice (death_date_changed), held
// or not (dateChanged): the corrections go by the row's date. Rows already
// held are otherwise left as they are. deaths are
// deathsElsewhere's (onRecord). It must run before roster.Consolidate, in a
// run and in a re-run alike.
func holdTheDead(m domain.Month, deaths map[string]store.DeathOnRecord, wbs []*roster.Workbook) {
	for _, wb := range wbs {
		for i := range wb.Entries {
			if e := &wb.Entries[i]; !e.Person.Death.IsZero() {
				if d, ok := deaths[e.Person.ID]; ok {
					dateChanged(m, e, d)
				}
			}
		}
	}
	for e, d := range unheldOn(wbs, deaths) {
		if !e.Person.Death.IsZero() || d.Death.After(m.Last()) {
			continue // its own date (dateChanged), or alive through the month
		}
		was := said(d)
		if e.Alive {
			paidAsAlive(e, was)
			continue
		}
		if !d.Death.Before(m.First()) {
			// Inside the month: paid (死亡当月照发), but by the date, as
			// the months that recover from it will: 周岁 at the death (no
			// 80th birthday after it), and the account perhaps frozen
			// (diedInMonthPaid). Undated, the row paid the band of a
			// birthday never reached, recovered the month after.
			e.Person.Death = d.Death
			e.AddAt(domain.Notice, roster.FieldDeath, codeDeathOnRecordInMonth, was+"，在本月内，本行未填死亡日期：本月按该日期计算：周岁算到死亡日期，符合条件的死亡当月照发；如该日期填错、本人健在，请在本行备注写明「健在」后重新报送")
			continue
		}
		e.AddAt(domain.Held, roster.FieldDeath, "death_on_record", was+"，本行未填死亡日期，暂缓发放：如已死亡，请删除本行；如当时死亡日期填错、本人健在，请在本行备注写明「健在」后重新报送")
	}
}

// codeDeathOnRecordInMonth is the notice on a row without a 死亡日期 of
// its own paid by the date inside its month that another month recorded
// (holdTheDead).
const codeDeathOnRecordInMonth = "death_on_record_in_month"

// paidAsAlive gives row e, whose 备注 says 健在 against a death on record
// (was says where it was recorded), the notice that it was paid on that
// word (domain.CodeDeathOnRecordAlive), which stands for later months.
func paidAsAlive(e *roster.Entry, was string) {
	e.AddAt(domain.Notice, roster.FieldRemark, domain.CodeDeathOnRecordAlive, was+"，本行备注写明健在，已按本行发放；请确认已做生存认证")
}

// holdTheUndated holds the rows, not held already and giving no 死亡日期,
// of people an agency's death list named without a date in another month
// (undated, undatedElsewhere: held then as roster.CodeDeathListUndated),
// unless a date is on record for them (deaths: holdTheDead's) or the
// row's 备注 says 健在, which pays it with a notice
// (domain.CodeDeathOnRecordAlive) that stands for later months as
// holdTheDead's does. The list's word is held "until the list or the
// roster gives the date": without this, the month after paid a senior the
// police had reported dead, the list not sent again.
func holdTheUndated(deaths map[string]store.DeathOnRecord, undated map[string]store.MonthFinding, wbs []*roster.Workbook) {
	for e, f := range unheldOn(wbs, undated) {
		if !e.Person.Death.IsZero() {
			continue // the row's own date: the corrections go by it
		}
		if _, dated := deaths[e.Person.ID]; dated {
			continue // holdTheDead's
		}
		was := fmt.Sprintf("%s的死亡名单列有此人，但未给出可用的死亡日期（该月花名册「%s」的行因此暂缓：%s）", f.Month, f.Where.File, roster.CodeDeathListUndated)
		if e.Alive {
			paidAsAlive(e, was)
			continue
		}
		e.AddAt(domain.Held, roster.FieldDeath, roster.CodeDeathListUndated, was+"，本行也未填死亡日期，暂缓发放：如已去世，请在死亡日期列填写（死亡当月仍应发放，填写后随以后月份补发给遗属），不要删除本行；如本人健在，请在本行备注写明「健在」后重新报送")
	}
}

// undatedElsewhere returns, by ID, the latest finding of the runs of the
// months other than others.Month that held a row as named dead by a death
// list without a date (roster.CodeDeathListUndated), less the people a 健在
// recorded in a month after it confirmed alive
// (domain.CodeDeathOnRecordAlive).
func undatedElsewhere(ctx context.Context, db *store.DB, others store.Others) (map[string]store.MonthFinding, error) {
	found, err := db.FindingsElsewhere(ctx, others, roster.CodeDeathListUndated)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	out := map[string]store.MonthFinding{}
	for _, f := range found { // oldest month first
		if id := idnumber.Of(f.AsWritten); id != "" {
			out[id] = f
		}
	}
	alive, err := db.FindingsElsewhere(ctx, others, domain.CodeDeathOnRecordAlive)
	if err != nil {
		return nil, err
	}
	withoutConfirmedAlive(out, alive, func(f store.MonthFinding) domain.Month { return f.Month })
	return out, nil
}

// said is where d was recorded: "2026-10的花名册「F」记载此人死亡日期为2026-10-20",
// or, for a date a run took from an earlier record (DeathOnRecord.Carried),
// that its roster did not give it.
func said(d store.DeathOnRecord) string {
	kind := "花名册"
	if d.List != "" {
		kind = d.List
	}
	if d.Carried {
		return fmt.Sprintf("%s的运行按更早月份的记录（该月花名册「%s」未填）记载此人死亡日期为%s", d.Month, d.File, d.Death.Format("2006-01-02"))
	}
	return fmt.Sprintf("%s的%s「%s」记载此人死亡日期为%s", d.Month, kind, d.File, d.Death.Format("2006-01-02"))
}

// dateChanged gives row e of month m, which gives a 死亡日期 of its own, a
// notice (death_date_changed) when the date is not d's, the one on record.
// When d is a later month's (m run late) and earlier than the row's, d is
// the newer word: a date inside m becomes the row's, and one before m
// holds the row (death_on_record).
// A held row (暂缓) too: what it gives is recorded, and the corrections go
// by it, recovering after an earlier date (correction.Input.DeadHeld) or
// paying back the months before a later one once the row is paid; told
// nowhere, a date moved after the month on a held row became the date on
// record without a word, and the next month, repeating it, changed
// nothing.
func dateChanged(m domain.Month, e *roster.Entry, d store.DeathOnRecord) {
	own := e.Person.Death
	was := said(d) + "，本行为" + own.Format("2006-01-02")
	switch {
	case own.Equal(d.Death):
	case d.Month.After(m) && d.Death.After(own): // a month run late: the later month's date is the newer word
		e.AddAt(domain.Notice, roster.FieldDeath, "death_date_changed", was+"：本月按本行的日期计算；以后月份已发的，按"+d.Month.String()+"较新的日期，只追回该日期以后开始的月份；如本行填错，请更正")
	case d.Month.After(m) && d.Death.Before(m.First()) && !e.Held:
		// A month run late, whose row gives a later date than the later
		// month's, the newer word, which has the person dead before the
		// month: paid, the month was recovered the month after, and run
		// again with --replace, as approve asked, it was paid again.
		e.AddAt(domain.Held, roster.FieldDeath, "death_on_record", was+"："+d.Month.String()+"的日期较新，此人在本月开始以前已去世，本月不应发放，暂缓发放；如"+d.Month.String()+"的日期填错，请更正该月花名册并重新计算该月，再重新运行本月")
	case d.Month.After(m) && !d.Death.Before(m.First()):
		// The newer word's date is inside the month: the month is paid by
		// it, as the later months recover by it (周岁 at that date).
		e.Person.Death = d.Death
		e.AddAt(domain.Notice, roster.FieldDeath, "death_date_changed", was+"：本月按"+d.Month.String()+"较新的日期计算：周岁算到该日期，符合条件的死亡当月照发；如该日期填错，请更正"+d.Month.String()+"的花名册")
	default:
		e.AddAt(domain.Notice, roster.FieldDeath, "death_date_changed", was+"：按本行的日期计算，该日期以前的月份可补发、以后的月份追回；如本行填错，请更正")
	}
}

// deathsElsewhere returns, by ID, the 死亡日期 the runs of the months
// other than o.Month recorded: the latest month's date, and of two that
// month gave, the earlier. The dates are the rosters' (store.DeathsOnRecord)
// and the death lists' for people then on no roster (death_not_on_roster)
// or whose roster row gave another date (status_conflict; kept while later
// months' rosters only repeat the date it contradicted), less
// the people a 健在 recorded after every month that gave a date confirmed
// alive (domain.CodeDeathOnRecordAlive).
func deathsElsewhere(ctx context.Context, db *store.DB, others store.Others) (map[string]store.DeathOnRecord, error) {
	deaths, err := db.DeathsOnRecord(ctx, others)
	if err != nil {
		return nil, err
	}
	// A death list's date that no listing holds: the list's for someone
	// then on no roster (recovered from since), and the list's that a
	// roster row contradicted (held, status_conflict), which would be lost
	// once the row is gone while staff never settled which was right.
	offRoster, err := db.FindingsElsewhere(ctx, others, "death_not_on_roster")
	if err != nil {
		return nil, err
	}
	conflicts, err := db.FindingsElsewhere(ctx, others, "status_conflict")
	if err != nil {
		return nil, err
	}
	for _, src := range []struct {
		found []store.MonthFinding
		dates func([]domain.Finding) []domain.Person
	}{{offRoster, roster.DeadOffRosterOf}, {conflicts, roster.DeathConflictsOf}} {
		for _, f := range src.found {
			for _, p := range src.dates([]domain.Finding{f.Finding}) {
				was, ok := deaths[p.ID]
				if !ok || f.Month.After(was.Month) || f.Month == was.Month && p.Death.Before(was.Death) {
					deaths[p.ID] = listDeath(p, f.Month, was.Latest)
				}
				if d := deaths[p.ID]; f.Month.After(d.Latest) {
					d.Latest = f.Month
					deaths[p.ID] = d
				}
			}
		}
	}
	// A date a run took from another month's record for an undated row
	// (codeDeathOnRecordInMonth) is not its roster's: say so.
	carried, err := db.FindingsElsewhere(ctx, others, codeDeathOnRecordInMonth)
	if err != nil {
		return nil, err
	}
	for _, f := range carried {
		if id := idnumber.Of(f.AsWritten); id != "" {
			if d, ok := deaths[id]; ok && d.Month == f.Month && d.List == "" {
				d.Carried = true
				deaths[id] = d
			}
		}
	}
	// A date a death list filled into an empty roster column is the
	// list's: say so, not that the roster gave it.
	filled, err := db.FindingsElsewhere(ctx, others, "status_filled")
	if err != nil {
		return nil, err
	}
	for _, f := range filled {
		for _, p := range roster.DeathsFilledOf([]domain.Finding{f.Finding}) {
			if d, ok := deaths[p.ID]; ok && d.Month == f.Month && d.Death.Equal(p.Death) && d.List == "" {
				d.File, d.List = p.Source.File, string(roster.StatusDeath)
				deaths[p.ID] = d
			}
		}
	}
	// A later month whose roster only repeats the date a death list
	// contradicted settles nothing: the list's earlier date stays, as the
	// conflict's message promised, until a roster gives another.
	for _, f := range conflicts {
		rosterDates := roster.ConflictRosterDatesOf([]domain.Finding{f.Finding})
		for i, p := range roster.DeathConflictsOf([]domain.Finding{f.Finding}) {
			d := deaths[p.ID]
			if d.Month.After(f.Month) && d.Death.Equal(rosterDates[i].Death) && p.Death.Before(d.Death) {
				deaths[p.ID] = listDeath(p, f.Month, d.Latest)
			}
		}
	}
	if len(deaths) == 0 {
		return deaths, nil
	}
	confirmed, err := db.FindingsElsewhere(ctx, others, domain.CodeDeathOnRecordAlive)
	if err != nil {
		return nil, err
	}
	// 健在 said once, after every month that gave a date, stands.
	withoutConfirmedAlive(deaths, confirmed, func(d store.DeathOnRecord) domain.Month { return d.Latest })
	return deaths, nil
}

// withoutConfirmedAlive deletes from byID each person a 健在 confirmed
// (confirmed: domain.CodeDeathOnRecordAlive notices) in a month after the
// month since gives of their entry: the staff's word, said after every
// month that said they died, stands.
func withoutConfirmedAlive[T any](byID map[string]T, confirmed []store.MonthFinding, since func(T) domain.Month) {
	for _, f := range confirmed {
		id := idnumber.Of(f.AsWritten)
		if v, ok := byID[id]; ok && f.Month.After(since(v)) {
			delete(byID, id)
		}
	}
}

// listDeath is the death on record that month m's death list gave p (the
// list's file in p.Source), keeping latest (DeathOnRecord.Latest).
func listDeath(p domain.Person, m, latest domain.Month) store.DeathOnRecord {
	return store.DeathOnRecord{Death: p.Death, Month: m, File: p.Source.File, List: string(roster.StatusDeath), Latest: latest}
}

// deathDates is r's deaths as the change lists take them
// (changes.Snapshot.DeathsOnRecord): by ID, the 死亡日期 on record by the
// end of r's month.
func (r *onRecord) deathDates() map[string]time.Time {
	out := make(map[string]time.Time, len(r.deaths))
	for id, d := range r.deaths {
		if !d.Death.After(r.month.Last()) {
			out[id] = d.Death
		}
	}
	return out
}

// diedLater returns, by ID, the 死亡日期 on record that a month after r's
// recorded (deathsElsewhere keeps the latest month's): to a month run
// late, the newer word (correction.Input.DiedLater).
func (r *onRecord) diedLater() map[string]time.Time {
	out := map[string]time.Time{}
	for id, d := range r.deaths {
		if d.Month.After(r.month) {
			out[id] = d.Death
		}
	}
	return out
}

// diedElsewhere returns, by ID, the 死亡日期 on record that the months
// other than r's recorded (deathsElsewhere keeps the latest month's),
// whenever it falls (correction.Input.DiedElsewhere).
func (r *onRecord) diedElsewhere() map[string]time.Time {
	out := make(map[string]time.Time, len(r.deaths))
	for id, d := range r.deaths {
		out[id] = d.Death
	}
	return out
}

// deadHeld returns the people merged lists on held rows only who died by
// the end of the month: on the 死亡日期 their held rows give
// (roster.Consolidate keeps the earliest), or else on the date another
// month recorded (deathDates): correction.Input.DeadHeld, in listing
// order. A row's date after the month is the newer word (alive this
// month), and a row saying 健在 (roster.Result.SaidAlive) stands against
// any date, its own included.
func (r *onRecord) deadHeld(merged roster.Result) []domain.Listing {
	recorded := r.deathDates()
	var out []domain.Listing
	for _, l := range merged.Listings {
		if !l.Held || merged.SaidAlive[l.Person.ID] {
			continue // paid, or a row says 健在: the hold is for something else
		}
		d := l.Person.Death
		switch {
		case d.After(r.month.Last()):
			continue
		case d.IsZero() || slices.Contains(l.Codes, "death_and_alive"):
			d = recorded[l.Person.ID]
		}
		if d.IsZero() {
			continue
		}
		p := *l.Person
		p.Death = d
		out = append(out, domain.Listing{Person: &p, Held: true, Codes: l.Codes, StatusDoubted: l.StatusDoubted})
	}
	return out
}

// deadUnlisted returns the people whose 死亡日期 another month recorded by
// this month (deathDates) and whom merged lists nowhere, held rows
// included, nor names on a death list: correction.Input.DeadOnRecord, in
// ID order. Each carries only its ID and that date.
func (r *onRecord) deadUnlisted(merged roster.Result) []domain.Person {
	listed := make(map[string]bool, len(merged.Listings)+len(merged.DeadOffRoster))
	for _, l := range merged.Listings {
		listed[l.Person.ID] = true
	}
	for _, p := range merged.DeadOffRoster {
		listed[p.ID] = true
	}
	var out []domain.Person
	for id, d := range r.deathDates() {
		if !listed[id] {
			out = append(out, domain.Person{ID: id, Death: d})
		}
	}
	slices.SortFunc(out, func(a, b domain.Person) int { return strings.Compare(a.ID, b.ID) })
	return out
}
