// Package correction computes the corrections of earlier approved months
// that a month's rosters reveal, as new lines in the current month, never
// edits of a paid month:
//
//   - arrears (补发): a person paid a benefit this month who was eligible in
//     an earlier approved month but was paid less (not listed then, held
//     then, listed with a 死亡日期 that this month's 备注 健在 says was
//     wrong, listed without a 银行账号 so that the bank never sent it, paid
//     and then recovered after a 死亡日期 that the rows since have moved
//     later or withdrawn, or a rate raised in rules/ with an earlier
//     effective date), at most the benefit's arrears_months back;
//   - recoveries (追回): money paid in approved months that begin after a
//     死亡日期 the current rosters now show.
//
// Each correction names the month it corrects and why, and is made once:
// what the runs of other months already corrected (earlier or later: a
// month may be run late) is subtracted. Like calc it is pure.
package correction

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"disburse/internal/calc"
	"disburse/internal/domain"
	"disburse/internal/money"
	"disburse/internal/rules"
)

// Withholding is an earlier run that held back a person's unlisted months
// (see Input.WithheldUntil): its month, and the code of the notice it
// gave, arrears_before_move_in, arrears_before_added,
// arrears_first_listed_dead or arrears_status_unknown.
type Withholding struct {
	Month domain.Month
	Code  string
}

// why says, in Chinese, for which reason the run held the months back.
func (w Withholding) why() string {
	switch w.Code {
	case "arrears_before_move_in":
		return "已因备注说此人迁入本区（arrears_before_move_in）"
	case "arrears_before_added":
		return "已因备注说此人是新增人员（arrears_before_added）"
	case "arrears_first_listed_dead":
		return "已因此人首次列入花名册即填有死亡日期（arrears_first_listed_dead）"
	case "arrears_status_unknown":
		return "已因此人未列入花名册的月份前后花名册的低保等情况不同、该月情况不明（arrears_status_unknown）"
	}
	return "已暂不补发（" + w.Code + "）"
}

// Period is the months from From up to, not including, Until (zero: no
// end).
type Period struct{ From, Until domain.Month }

// Holds reports whether month m is in the period.
func (p Period) Holds(m domain.Month) bool {
	return !p.From.After(m) && (p.Until == (domain.Month{}) || p.Until.After(m))
}

// Past is an approved earlier month: its lines and roster listings.
type Past struct {
	Month    domain.Month
	Lines    []domain.Line
	Listings []domain.Listing
	// Meters are, for a month given without its Listings (one beyond the
	// window), the listings of everyone on a 户号 a dead person's
	// allowance went to (store.ApprovedMonth.Meters).
	Meters []domain.Listing
	// Held are, for a month given without its Listings, the listings of
	// the people who died that held all their rows that month
	// (store.ApprovedMonth.Held): a month they lived in, beyond the arrears
	// window, paid to nobody (heldThenGone).
	Held []domain.Listing
}

// Done is what the latest runs of the other months already corrected
// (store.CorrectedElsewhere), in hundredths (fen), keyed by
// Key(id, benefit, corrected month).
type Done struct {
	Arrears   map[string]int64
	Recovered map[string]int64
	// RecoveredLater is the part of Recovered that months after Input.Month
	// recorded. Arrears do not give it back: to a month run late, a later
	// month's 死亡日期 is the newer word, whatever this month's row says.
	RecoveredLater map[string]int64
}

// Key is the key of Done's maps.
func Key(id, benefit string, m domain.Month) string { return id + "|" + benefit + "|" + m.String() }

// Input is what both corrections look at.
type Input struct {
	Month domain.Month
	// AccountsGiven maps a 银行账号 to an ID whose row this month gives it,
	// held or not; rows of people dead before the month claim no account
	// and are left out. arrearsOfTheDead sends nothing into an account a
	// living person's row now gives (a widow's, held or paid). It asks only
	// about the accounts on the rows of People who died: a map of those
	// alone will do.
	AccountsGiven map[string]string
	Book          *rules.Book     // the rules as they are now: a retroactive rate is in them
	Lines         []domain.Line   // this month's own payment lines
	People        []domain.Person // this month's people (not held)
	Past          []Past          // approved months before Month, any order
	Done          Done
	// Alive holds the IDs of this month's people whose row is paid because
	// its 备注 says 健在 against a 死亡日期 an earlier month's rosters
	// recorded (a notice domain.CodeDeathOnRecordAlive): that date was
	// entered in error, so an approved month whose row gave it is owed as if
	// the row had not. Only they are: a row that merely gives no date proves
	// nothing.
	Alive map[string]bool
	// AliveSaid holds, by ID, the latest month before Month whose run paid
	// the person's row on its 健在 against a 死亡日期 on record (a notice
	// domain.CodeDeathOnRecordAlive). That word stands once said: a later
	// row need not repeat it, and an approved month before it whose row
	// gave the date is owed as if the row had not, as for Alive (a rise
	// dated back reaches that month too).
	AliveSaid map[string]domain.Month
	// DeadOffRoster are people a death list of this month names who are
	// on no roster (roster.Result.DeadOffRoster): what approved months paid
	// them after the death is recovered as for the people who are.
	DeadOffRoster []domain.Person
	// DeadOnRecord are people whose 死亡日期 another month's run recorded
	// (cli's onRecord: the earliest date, up to this month) and whom this
	// month lists nowhere, held rows included: the row was deleted, as the
	// holds ask, once the death was known. Only ID and Death are needed.
	// What approved months paid them after the death and no run has
	// recovered yet is recovered, so a recovery missed while a month was a
	// draft is not lost once their rows are gone (Recoveries only).
	DeadOnRecord []domain.Person
	// DeadHeld are people this month's rosters list on held rows only
	// (domain.Listing.Held) who died by the end of the month: by the 死亡日期
	// their held rows give (the earliest: roster.Consolidate), or else by
	// the date another month recorded. Each is their Listing, its Person a
	// copy carrying that date, its Codes the holds. A hold leaves the row
	// unpaid, not the death unknown: what approved months paid after it is
	// recovered, and what the months they lived still owe them is the
	// heirs', as for the dead whose rows are gone (DeadOnRecord). Before,
	// both waited until a street deleted the row, while the row's own
	// notice said the recovery was listed.
	DeadHeld []domain.Listing
	// MovedIn holds, by ID, the month this month's 备注 says the person
	// moved into the district (roster.MovedInOf; zero when it names none):
	// a month before it in which they were not listed is not paid back by
	// itself (arrears_before_move_in).
	MovedIn map[string]domain.Month
	// Added holds, by ID, the month this month's 备注 says the person was
	// newly listed (本月新增: roster.AddedOf): a month before it in which
	// they were not listed is not paid back by itself
	// (arrears_before_added).
	Added map[string]domain.Month
	// StoppedFrom holds, by ID, the months an earlier month's 备注 stopped
	// the person's payment (下月停发: domain.CodeStopAnnounced), from the
	// month it took effect until the month it was resumed, if it was: a
	// month among them in which they were not listed is a month staff
	// stopped, not paid back by itself.
	StoppedFrom map[string]Period
	// WithheldUntil holds, by ID, the latest earlier run that held back the
	// person's unlisted months as before a move in, before they were newly
	// listed, as first listed dead or as of statuses not known
	// (arrears_before_move_in, arrears_before_added,
	// arrears_first_listed_dead, arrears_status_unknown): the months before
	// its month that no roster listed stay held back when a later roster no
	// longer says so, or the row that said so is beyond the arrears window.
	WithheldUntil map[string]Withholding
	// StopTold holds, by ID, the months before Month whose runs told of a
	// month of the person withheld after a stop (arrears_after_stop): told
	// again every month it stays in reach, the notice says the earlier
	// run's, lest staff pay the month by hand once for each.
	StopTold map[string][]domain.Month
	// EdgeTold holds, by ID, the months other than Month whose runs told
	// staff to check and pay by hand a month of the person just beyond
	// their arrears window (arrears_window_edge: that month, and the
	// months before it). A month run late, whose window reaches such a
	// month, does not pay it by itself: staff may have paid it as told.
	EdgeTold map[string][]domain.Month
	// OnLists holds the IDs an agency's list of this month names
	// (roster.Result.OnLists): a month held for a conflict with a list is
	// settled by this month's list, which confirmed the row it did not hold.
	OnLists map[string]bool
	// PaidIn returns, of ids, the "id|benefit" that month m paid
	// (store.PaidIn): for the month before the arrears window, which is not
	// loaded, so that arrears_window_edge asks about it only when it did
	// not. Nil counts every such month as unpaid.
	PaidIn func(m domain.Month, ids []string) (map[string]bool, error)
	// Later are the approved months after Month, each with only the lines
	// of this month's dead and the listings on the 户号 their allowance
	// went to (Meters) (store.ApprovedMonthsAfter): a month run late
	// recovers what they paid after a death it reports (Recoveries only),
	// their own months' money; not their arrears (补发), which a later
	// month paid on its newer word, knowing of this month's corrections
	// as they stood (a 补发 giving back what this month recovered before
	// it was replaced would otherwise be recovered a second time).
	Later []Past
	// AliveLater gives, by ID, the earliest month after Month whose run
	// paid the person's row on its 备注 健在 against a 死亡日期 on record
	// (domain.CodeDeathOnRecordAlive): the newer word. What that month and
	// the later ones paid is not recovered on this month's date.
	AliveLater map[string]domain.Month
	// DiedLater gives, by ID, the 死亡日期 the latest month after Month
	// that gave one recorded (cli's onRecord): the newer word. What a
	// month of Later that began by that date paid is not recovered on an
	// earlier date this month's row gives: the later month recovered by
	// its own date, and, recovered again here, the money would be paid
	// back by the next month as arrears of a month the senior lived in.
	DiedLater map[string]time.Time
	// DiedElsewhere gives, by ID, the 死亡日期 the runs of the months other
	// than Month recorded (cli's onRecord: the latest month's), whenever
	// it falls. Money recorded for the heirs by hand for a month that
	// began after the death this month's rosters give is told of
	// (heirs_money_after_death) only when that date did not already put
	// the month after the death: once, in the month that moves the date
	// earlier, not again every month the row repeats it.
	DiedElsewhere map[string]time.Time
	// ListedBefore returns, for each of ids that an approved month before
	// month listed, the latest such month, with the codes that held the
	// row (store.ListedBefore). Arrears asks it once, about this month's
	// people whom the first month within Window did not list (older months
	// come without their listings): a stop that old keeps the months since
	// from being paid back by themselves. Nil asks nothing.
	ListedBefore func(month domain.Month, ids []string) (map[string]domain.Listed, error)
	// DeadUnlistedTold holds, by ID, the months other than Month whose
	// runs told of the person's held months as owed to the estate
	// (arrears_dead_unlisted, store.FindingsElsewhere): a held month before
	// one of them is not told of again.
	DeadUnlistedTold map[string][]domain.Month
	// DeathMonthTold holds, by ID, the months other than Month whose runs
	// told staff to pay the person's heirs by hand a month no roster listed
	// them in (death_month_unlisted): the heirs' 补发 of such a month warns
	// that it may be paid already only when one did.
	DeathMonthTold map[string][]domain.Month
	listedEarlier  map[string]domain.Listed // what ListedBefore said

	indexed []*indexed       // Past by month, built once (pastByMonth)
	edges   []edge           // arrears at the window's first month (windowEdges)
	now     map[string]int32 // the index in People of each ID, built once (personAt)
	// unsent holds, by ID, the arrears lines of Past recorded without a
	// 银行账号 (unsentArrears): few, and asked about for every person and
	// past month, so gathered once.
	unsent map[string][]*domain.Line
}

// aliveIn reports whether a 死亡日期 month m's row gave id is an error by
// the staff's word: 健在 on this month's row (Alive), or on the row of a
// month after m (AliveSaid).
func (in *Input) aliveIn(id string, m domain.Month) bool {
	said, ok := in.AliveSaid[id]
	return in.Alive[id] || ok && said.After(m)
}

// lastListedBefore returns the latest approved month before month p that
// listed id on its rosters, with the codes that held the row (nil when
// paid), or nil when none did.
func (in *Input) lastListedBefore(id string, p domain.Month) (*domain.Month, []string) {
	past := in.pastByMonth()
	for i := len(past) - 1; i >= 0; i-- {
		x := past[i]
		if !p.After(x.Month) || len(x.ListingsOf(id)) == 0 {
			continue
		}
		var codes []string
		for _, l := range x.ListingsOf(id) {
			if !l.Held {
				return &x.Month, nil
			}
			codes = l.Codes
		}
		return &x.Month, codes
	}
	if l, ok := in.listedEarlier[id]; ok && p.After(l.Month) {
		return &l.Month, l.Codes
	}
	return nil, nil
}

// askListedEarlier fills listedEarlier from ListedBefore: about this
// month's people whom the first approved month within Window did not list,
// asked once.
func (in *Input) askListedEarlier() error {
	in.listedEarlier = nil
	if in.ListedBefore == nil {
		return nil
	}
	oldest := in.Month.Back(in.Book.ArrearsWindow())
	past := in.pastByMonth()
	if len(past) == 0 || !oldest.After(past[0].Month) { // every approved month is read whole
		return nil
	}
	// Looking back from a month of the window for the last month that
	// listed someone goes past the window only for people the window's
	// first month did not list (a person listed then is found there or
	// later): those are asked about.
	i := slices.IndexFunc(past, func(x *indexed) bool { return !oldest.After(x.Month) })
	if i < 0 { // no approved month within the window: none is computed again
		return nil
	}
	first := past[i]
	var ids []string
	for i := range in.People {
		if id := in.People[i].ID; len(first.ListingsOf(id)) == 0 {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var err error
	in.listedEarlier, err = in.ListedBefore(oldest, ids)
	return err
}

// listedBefore reports whether any approved month before this one (Past)
// listed now's person on its rosters, held rows included.
func (in *Input) listedBefore(now *domain.Person) bool {
	if _, ok := in.listedEarlier[now.ID]; ok {
		return true
	}
	for _, p := range in.pastByMonth() {
		if len(p.ListingsOf(now.ID)) > 0 || len(p.LinesOf(now.ID)) > 0 { // older months come with the lines of the dead only
			return true
		}
	}
	return false
}

// person returns this month's person (not held) with id, nil when none.
func (in *Input) person(id string) *domain.Person {
	if k, ok := in.personAt(id); ok {
		return &in.People[k]
	}
	return nil
}

// personAt returns the index in People of this month's person (not held)
// with id (the last, were two listed under it), false when none.
func (in *Input) personAt(id string) (int, bool) {
	if in.now == nil {
		in.now = make(map[string]int32, len(in.People))
		for i := range in.People {
			in.now[in.People[i].ID] = int32(i)
		}
	}
	k, ok := in.now[id]
	return int(k), ok
}

// paid is a person's benefit paid by a line (ID, benefit code): a key
// of two strings the line holds already, where "ID|code" made a string a
// line, a million at a province's scale.
type paid struct{ id, benefit string }

// indexed is a past month with its lines and listings by ID: a month of a
// province has a million of each, and each person's are looked up once per
// benefit.
type indexed struct {
	Past
	domain.Rows                              // Past's lines and listings by ID
	held        map[string][]*domain.Listing // Past.Held by ID
	// due is what the month's rules paid each person asked about beyond
	// what was sent to them (dueIn), by ID and benefit; nil until computed.
	due map[string]map[string]*domain.Line
	// table is the month's rules (tableIn), nil when none were in force.
	table   *rules.Table
	tableOK bool
	// gone indexes the lines of the month's people who are not among this
	// month's (paidUnderAnotherID), by name and by 银行账号; nil until
	// built.
	gone map[string][]*domain.Line
	// groups caches Group of the month's rules, by benefit.
	groups map[string][]string
}

// group is the month's rules' Group(benefit), built once per benefit: asked
// for every line of a month of a million people.
func (p *indexed) group(benefit string) []string {
	if g, ok := p.groups[benefit]; ok {
		return g
	}
	if p.groups == nil {
		p.groups = map[string][]string{}
	}
	g := []string{benefit}
	if p.table != nil {
		g = p.table.Group(benefit)
	}
	p.groups[benefit] = g
	return g
}

// vanishedKeys are the keys of gone a line is found by: its name, and its
// 银行账号 when it has one.
func vanishedKeys(name, account string) []string {
	keys := []string{"姓名|" + name}
	if account != "" {
		keys = append(keys, "账号|"+account)
	}
	return keys
}

// samePlace reports whether two rows of one name may be one person: the
// same street however spelled, or the same 社区(村), or a street left
// empty on either.
func samePlace(a, b *domain.Line) bool {
	return a.Street == "" || b.Street == "" || domain.StreetStem(a.Street) == domain.StreetStem(b.Street) ||
		(a.Community != "" && a.Community == b.Community)
}

// paidUnderAnotherID returns a line that paid month p, of cur's benefit (a
// line of p, or arrears for p a later approved month paid), to someone
// with another ID who is not among this month's people, and who had
// cur's name in the same place (samePlace), or cur's 银行账号 (via says
// which): most likely the same senior under an ID corrected since, already
// paid that month. It returns nil when there is none.
func (p *indexed) paidUnderAnotherID(in *Input, cur *domain.Line) (l *domain.Line, via string) {
	if p.gone == nil {
		p.gone = map[string][]*domain.Line{}
		for _, q := range in.pastByMonth() { // p's own lines, and the arrears any approved month paid for p
			for other, lines := range q.LinesByPerson() {
				if in.person(other) != nil {
					continue
				}
				for _, l := range lines {
					if !l.Amount.IsPositive() || (q != p && l.Corrects != p.Month) || (q == p && l.Corrects.Valid()) {
						continue
					}
					for _, k := range vanishedKeys(l.Name, l.Account) {
						p.gone[k] = append(p.gone[k], l)
					}
				}
			}
		}
	}
	for i, k := range vanishedKeys(cur.Name, cur.Account) {
		for _, l := range p.gone[k] {
			if l.Benefit == cur.Benefit && l.PersonID != cur.PersonID && (i == 1 || samePlace(l, cur)) {
				return l, [...]string{"同名同街道（社区）", "同一银行账号"}[i]
			}
		}
	}
	return nil, ""
}

// unsettled reports whether month p held id's row for a conflict with an
// agency's list (status_conflict) and now, this month's row, gives the same
// statuses that row gave: the roster was not corrected, only the list is
// absent this month, so nothing says which was right.
func (p *indexed) unsettled(id string, now *domain.Person) bool {
	if now == nil {
		return false
	}
	for _, l := range p.ListingsOf(id) {
		was := l.Person
		if l.Held && slices.Contains(l.Codes, "status_conflict") && was.Dibao == now.Dibao && was.Tekun == now.Tekun &&
			was.SelfCare == now.SelfCare && was.Disability == now.Disability && was.Death.Equal(now.Death) {
			return true
		}
	}
	return false
}

// tableIn returns the rules in force in month p under bk, worked out once;
// nil when there were none.
func (p *indexed) tableIn(bk *rules.Book) *rules.Table {
	if !p.tableOK {
		p.table, _ = bk.ForMonth(p.Month) // none in force then: nothing was due
		p.tableOK = true
	}
	return p.table
}

// personIn is the person as month p knew them: their row that month when
// it was listed and not held, else now (this month's row), with the
// statuses that decide a rate (低保类别, 特困类别, 经济困难, 自理能力,
// 残疾等级 and 残疾类别) of their held row that month when there was one
// and nothing held it for those columns (domain.Listing.StatusDoubted): a senior held in
// September and paid in November is owed September as September's row
// described them, 低保 then or not. listed says whether the row was paid,
// and held is a held listing of theirs that month, if any.
// A 死亡日期 of that month's row is taken as the error it was when this
// month's row withdraws it (alive, Input.Alive: 健在 against a death on
// record, and now has no 死亡日期) or gives a later one (the notice
// death_date_changed): person is then a copy with now's date, and
// wrongDeath is the date it replaced. A 死亡日期 now gives that the row
// did not, or an earlier one, is also now's in the copy (wrongDeath stays
// zero): the month of the death is owed at the age reached by that day,
// as Recoveries recovers it.
func (p *indexed) personIn(now *domain.Person, alive bool) (person *domain.Person, listed bool, held *domain.Listing, wrongDeath time.Time) {
	person = now
	for _, l := range p.ListingsOf(now.ID) {
		if l.Held {
			held = l // 暂缓 defers: paid as corrected now
			if !listed && person == now && !l.StatusDoubted {
				person = withStatusesOf(now, l.Person)
			}
			continue
		}
		person, listed, wrongDeath = l.Person, true, time.Time{}
		was := l.Person.Death
		switch {
		case !was.IsZero() && ((alive && now.Death.IsZero()) || now.Death.After(was)):
			corrected := *l.Person // shared with the month's other readers: never changed
			wrongDeath, corrected.Death = was, now.Death
			person = &corrected
		case !now.Death.IsZero() && (was.IsZero() || now.Death.Before(was)):
			// A death reported since, or moved earlier: the month is owed
			// as the senior's age on that day makes it (dueAtDeath).
			corrected := *l.Person
			corrected.Death = now.Death
			person = &corrected
		}
	}
	return person, listed, held, wrongDeath
}

// withStatusesOf returns a copy of now with the statuses that decide a rate
// as row, a held row of an earlier month, gave them (personIn).
func withStatusesOf(now, row *domain.Person) *domain.Person {
	then := *now
	then.Dibao, then.Tekun, then.Hardship, then.SelfCare, then.Disability = row.Dibao, row.Tekun, row.Hardship, row.SelfCare, row.Disability
	return &then
}

// dueIn computes what month p's rules paid each of people (as personIn
// gives them, alive as in.aliveIn says), one after another on one
// calc.Engine, as one calc.Compute of them all would: a new engine per
// person cost its set-up, and the people and lines of a whole month, copied,
// half a gigabyte at a province's scale. It keeps in p.due only what exceeds
// what was sent then and not recovered since (kept), a copy without its
// roster row; p.due is left empty when no rules were in force.
func (p *indexed) dueIn(in *Input, people []*domain.Person) error {
	p.due = map[string]map[string]*domain.Line{}
	table := p.tableIn(in.Book)
	if table == nil {
		return nil // no rules in force then: nothing was due
	}
	en, err := calc.NewEngine(table, p.Month)
	if err != nil {
		return fmt.Errorf("arrears for %s: %w", p.Month, err)
	}
	for _, now := range people {
		person, _, _, _ := p.personIn(now, in.aliveIn(now.ID, p.Month))
		lines, err := en.Lines(person)
		if err != nil {
			return fmt.Errorf("arrears for %s: %w", p.Month, err)
		}
		for i := range lines {
			l := &lines[i]
			sent := p.sent(l.PersonID, l.Benefit).Sub(in.recovered(l.PersonID, l.Benefit, p.Month))
			for _, code := range p.group(l.Benefit)[1:] { // the others of its 择高 group, if any
				sent = sent.Add(p.sent(l.PersonID, code)).Sub(in.recovered(l.PersonID, code, p.Month))
			}
			if !l.Amount.GreaterThan(sent) {
				continue // paid in full then: nothing can be owed (arrearsFor)
			}
			due := *l
			due.Source = nil // arrears go to this month's row: let the month computed here go
			if p.due[l.PersonID] == nil {
				p.due[l.PersonID] = map[string]*domain.Line{}
			}
			p.due[l.PersonID][l.Benefit] = &due
		}
	}
	return nil
}

// dues returns what month p still owes id by today's rules (dueIn), one
// line per benefit in code order; nil for nearly everyone, paid in full
// then (or a month beyond the window, never computed again).
func (p *indexed) dues(id string) []*domain.Line {
	if len(p.due[id]) == 0 {
		return nil
	}
	var out []*domain.Line
	for _, code := range slices.Sorted(maps.Keys(p.due[id])) {
		out = append(out, p.due[id][code])
	}
	return out
}

// sent is what month p's lines sent to person id for benefit through the
// bank (lines with a 银行账号, arrears of earlier months left out), in the
// benefit's unit. What arrearsFor counts as paid is never less than it
// minus what was recovered for the month since (Input.recovered), so a due
// no greater than that owes nothing, and dueIn keeps only the others: in a
// month whose rules have not changed since, that is nearly nobody.
func (p *indexed) sent(id, benefit string) decimal.Decimal {
	sum := decimal.Zero
	for _, l := range p.LinesOf(id) {
		if l.Benefit == benefit && !l.Corrects.Valid() && l.Account != "" {
			sum = sum.Add(l.Amount)
		}
	}
	return sum
}

// pastByMonth returns in.Past indexed, oldest first.
func (in *Input) pastByMonth() []*indexed {
	if in.indexed != nil || len(in.Past) == 0 {
		return in.indexed
	}
	for _, p := range in.Past {
		x := &indexed{Past: p, Rows: domain.GroupRows(p.Lines, p.Listings)}
		for i := range p.Held {
			if x.held == nil {
				x.held = map[string][]*domain.Listing{}
			}
			id := p.Held[i].Person.ID
			x.held[id] = append(x.held[id], &p.Held[i])
		}
		in.indexed = append(in.indexed, x)
	}
	sort.Slice(in.indexed, func(i, j int) bool { return in.indexed[j].Month.After(in.indexed[i].Month) })
	return in.indexed
}

// Arrears returns the arrears lines of the month, in the order of this
// month's lines then of the corrected months, then those of the dead whose
// rows are gone (arrearsOfTheGone: recorded without an account, for staff
// to pay the heirs), then those of people who died (arrearsOfTheDead).
// Only yuan benefits paid monthly or yearly are corrected, and only for
// this month's people (not held) or who died since the month corrected;
// a benefit a living person is not paid this
// month is owed too for a month in reach that paid it short (a rise
// entered since), paid to this month's row. A person held in a past month (暂缓: deferred, not refused)
// is given arrears for it by that month's held row, as to the statuses
// that decide a rate, or by this month's corrected row when what held it
// may be about those (personIn). A month no roster listed them in is
// computed by this month's row, unless the rows of the approved months
// around it give statuses that would pay it otherwise (statusUnknown: a
// notice instead). A person of Input.Alive whose past month's row
// gave a 死亡日期 (entered in error, this month's 备注 健在 says) is given
// arrears for it by that row without the date. Money of a past month's line without a 银行账号
// was listed on the bank file's 无账号待处理 sheet and never sent: once the
// person has an account (this month's line has one), it is paid as
// arrears, with a note saying so; once they have died before the month,
// it is their heirs', recorded without an account. It returns an error only when the engine cannot
// apply a past month's rules.
//
// What a past month paid counts net of what the runs of other months
// recovered of it (Input.recovered): money recovered after a 死亡日期 that
// this month's row moves later, or that its 健在 withdraws, is paid back
// (recoveredNote), or, beyond arrears_months, named in a notice
// (recoveredTooLongAgo).
//
// Two kinds of month are not paid back by themselves, each with a notice
// instead (Withheld) for staff to pay by hand when it is owed after all: a
// month the person's row was held as stopped (stopCodes), and a month they
// were not listed in that paid the benefit to another ID no longer listed,
// with the same name and street or the same 银行账号 (an ID corrected since:
// that month was paid already).
func Arrears(in *Input) ([]domain.Line, []domain.Finding, error) {
	past := in.pastByMonth()
	in.edges = nil
	if err := in.askListedEarlier(); err != nil {
		return nil, nil, err
	}
	var withheld []domain.Finding
	// Everyone who may be owed: this month's people (not held), paid or
	// not, and those who died.
	asked := make([]*domain.Person, 0, len(in.People))
	seen := make([]bool, len(in.People)) // by the index of each ID's person (personAt)
	for _, cur := range in.Lines {
		if k, ok := in.personAt(cur.PersonID); ok && !seen[k] {
			seen[k] = true
			asked = append(asked, &in.People[k])
		}
	}
	for i := range in.People {
		if k, _ := in.personAt(in.People[i].ID); !seen[k] {
			seen[k] = true
			asked = append(asked, &in.People[i])
		}
	}
	gone := in.goneDead(past)
	asked = append(asked, gone...)
	window := in.Book.ArrearsWindow() // older months are not computed again
	for _, p := range past {
		if p.Month.MonthsUntil(in.Month) > window {
			continue
		}
		if err := p.dueIn(in, asked); err != nil {
			return nil, nil, err
		}
	}
	var out []domain.Line
	// owed asks arrearsFor about cur's benefit in month p and keeps its line
	// or notice.
	owed := func(cur domain.Line, now *domain.Person, p *indexed) error {
		line, notice, err := arrearsFor(in, cur, now, p)
		if line != nil {
			out = append(out, *line)
		}
		if notice != nil {
			withheld = append(withheld, *notice)
		}
		return err
	}
	paidNow := make(map[paid]bool, len(in.Lines)) // this month's lines
	for _, cur := range in.Lines {
		paidNow[paid{cur.PersonID, cur.Benefit}] = true
		now := in.person(cur.PersonID)
		if cur.Unit != domain.UnitYuan || cur.Corrects.Valid() || now == nil {
			continue
		}
		for _, p := range past {
			if err := owed(cur, now, p); err != nil {
				return nil, nil, err
			}
		}
	}
	// A benefit a living person is not paid this month may still be owed
	// for a month in reach: a rise entered since for a benefit they have
	// lost (护理补贴 of a senior 半自理 since), or the other benefit of a
	// 择高 group winning that month under today's rules. Paid to this
	// month's row, like any arrears.
	for _, now := range asked {
		if !now.Death.IsZero() {
			continue // arrearsOfTheDead
		}
		for _, p := range past {
			for _, due := range p.dues(now.ID) {
				code := due.Benefit
				if paidNow[paid{now.ID, code}] || due.Unit != domain.UnitYuan {
					continue
				}
				cur := domain.Line{PersonID: now.ID, Name: now.Name, Street: now.Street, Community: now.Community, Benefit: code,
					Unit: due.Unit, Department: due.Department, Account: now.BankAccount, Source: &now.Source}
				if err := owed(cur, now, p); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	// A benefit never paid back (the electricity allowance, in kWh) whose
	// recovery the rows since have shown wrong: told, to be undone by hand;
	// one of a month a senior on a roster now was listed nowhere is told as
	// lost, once (not to the dead of gone, appended last to asked).
	for i, now := range asked {
		for _, p := range past {
			for _, due := range p.dues(now.ID) {
				if due.Unit == domain.UnitYuan {
					continue
				}
				b := p.tableIn(in.Book).Benefit(due.Benefit)
				if b == nil || b.ArrearsMonths == nil {
					continue
				}
				cur := domain.Line{PersonID: now.ID, Name: now.Name, Source: &now.Source}
				if r := in.recovered(now.ID, due.Benefit, p.Month); r.IsPositive() {
					withheld = append(withheld, *recoveredTooLongAgo(cur, p.Month, b, r))
				} else if i < len(asked)-len(gone) && in.lostIn(now, p, past, due, b) {
					withheld = append(withheld, *notBackPaid(cur, p.Month, b, due))
				}
			}
		}
	}
	estate, err := arrearsOfTheGone(in, past, gone)
	if err != nil {
		return nil, nil, err
	}
	out = append(append(out, estate...), unsentOfTheGone(in, past, gone)...)
	died, notices, err := arrearsOfTheDead(in, past, paidNow)
	if err != nil {
		return nil, nil, err
	}
	unlisted, err := heldThenGone(in, past)
	if err != nil {
		return nil, nil, err
	}
	edges, err := windowEdges(in)
	if err != nil {
		return nil, nil, err
	}
	return append(out, died...), slices.Concat(withheld, notices, unlisted, edges), nil
}

// lostIn reports whether month p missed due, the allowance of benefit b
// that b never pays back (arrears_months short of p, list item 30's
// 免费用电基数: 0), for now's person, on a roster this month and on an
// approved month's before p: p listed them on no row (a street's roster
// missing, a row left out) nor sent the allowance to anyone on their 户号,
// and no month since has paid a row of theirs, so this month is the first
// to see it (told once: the months after do not ask again).
func (in *Input) lostIn(now *domain.Person, p *indexed, past []*indexed, due *domain.Line, b *rules.InForce) bool {
	if p.Month.MonthsUntil(in.Month) <= *b.ArrearsMonths {
		return false
	}
	if _, listed, held, _ := p.personIn(now, in.aliveIn(now.ID, p.Month)); listed || held != nil {
		// Paid its own row then (a rate raised since is not a month
		// missed), or held: the held row's message said the allowance of
		// a held month is not paid back.
		return false
	}
	if m, _ := in.lastListedBefore(now.ID, p.Month); m == nil {
		return false // new to the rosters: not a month missed, nor known to be due then
	}
	if acct := strings.TrimSpace(now.ElectricityAccount); acct != "" && b.GrantPer == "electricity_account" {
		for i := range p.Lines {
			if l := &p.Lines[i]; l.Benefit == due.Benefit && !l.Corrects.Valid() && strings.TrimSpace(l.Account) == acct {
				return false // the household had it, on another's row
			}
		}
	}
	for _, q := range past {
		if !q.Month.After(p.Month) {
			continue
		}
		for _, l := range q.ListingsOf(now.ID) {
			if !l.Held {
				return false // told by the first month that paid them again
			}
		}
	}
	return true
}

// notBackPaid is the notice (not_back_paid) that cur's person, paid this
// month, was due amount of benefit b in month m and was not paid it (on no
// roster then), and that b is never paid back (arrears_months 0: list
// item 30's 免费用电基数, in kWh): the month is lost by the rules, said so
// that staff can answer the senior and tell the department.
func notBackPaid(cur domain.Line, m domain.Month, b *rules.InForce, due *domain.Line) *domain.Finding {
	msg := fmt.Sprintf("%s此人未列入花名册，按本月花名册当月应有%s%s%s；%s按规则不补发（补发期限%d个月，%s），该月不再发放。如有疑问，请与%s核实",
		m.Chinese(), b.Name, money.Format(due.Amount, due.Unit), domain.UnitText(due.Unit), b.Name, *b.ArrearsMonths, b.Source, b.Department)
	f := &domain.Finding{Severity: domain.Notice, Code: "not_back_paid", Name: cur.Name, AsWritten: cur.PersonID, Message: msg}
	if cur.Source != nil {
		f.Where = *cur.Source
	}
	return f
}

// goneDead returns a stand-in for each of Input.DeadOnRecord and
// DeadOffRoster (dead, and on no roster now), and DeadHeld (dead, and
// listed on held rows only), whom a month of past listed:
// their latest row there, with the 死亡日期 on record and no account (the
// row's card is no longer theirs to be paid into).
func (in *Input) goneDead(past []*indexed) []*domain.Person {
	var out []*domain.Person
	for _, d := range in.deadNotPaid() {
		for i := len(past) - 1; i >= 0; i-- {
			if ls := past[i].ListingsOf(d.ID); len(ls) > 0 {
				p := *ls[len(ls)-1].Person // shared with that month: copied
				p.Death, p.BankAccount = d.Death, ""
				out = append(out, &p)
				break
			}
		}
	}
	return out
}

// arrearsOfTheGone returns what the months gone (goneDead) lived in still
// owe them by today's rules: a rise entered with an earlier effective date
// reaches the dead as well as the living, but their rows are deleted and
// nothing else would pay or tell it. Only months whose row was listed and
// paid count: not held, or held and paid back since (a held row never paid
// is heldThenGone's notice). Each line is
// recorded without an account, on the bank file's 无账号待处理 and never
// sent, named by the row that month paid, with a note asking staff to pay
// the heirs by hand; recorded, it is not owed again.
func arrearsOfTheGone(in *Input, past []*indexed, gone []*domain.Person) ([]domain.Line, error) {
	var out []domain.Line
	for _, now := range gone {
		for _, p := range past {
			dues := p.dues(now.ID)
			if p.Month.First().After(now.Death) || len(dues) == 0 {
				continue // after the death, or paid in full (or beyond the window)
			}
			listings := p.ListingsOf(now.ID)
			if len(listings) == 0 {
				continue
			}
			i := slices.IndexFunc(listings, func(l *domain.Listing) bool { return !l.Held })
			row := listings[max(i, 0)].Person
			for _, due := range dues {
				code := due.Benefit
				if due.Unit != domain.UnitYuan || i < 0 && in.Done.Arrears[Key(now.ID, code, p.Month)] <= 0 {
					continue // a held month paid back since counts; one never paid is heldThenGone's
				}
				cur := domain.Line{PersonID: now.ID, Name: row.Name, Street: row.Street, Community: row.Community, Benefit: code,
					Unit: due.Unit, Department: due.Department, Source: &row.Source}
				edges := len(in.edges)
				line, _, err := arrearsFor(in, cur, now, p)
				in.edges = in.edges[:edges] // the month before the window is the living's question
				if err != nil {
					return nil, err
				}
				if line != nil {
					row := "本月各花名册均未列入（行已删除）"
					if codes, ok := in.heldFor(now.ID); ok {
						row = "本月花名册上此人的行被暂缓（" + strings.Join(codes, "、") + "）"
					}
					line.Params = line.Params.WithNote(line.Params.Note + fmt.Sprintf("；此人已于%s去世，%s，本笔无账号、未代发：请核实后向其遗属手工补发",
						now.Death.Format("2006-01-02"), row))
					out = append(out, *line)
				}
			}
		}
	}
	return out, nil
}

// unsentOfTheGone returns, for the dead whose rows are gone (DeadOnRecord,
// DeadOffRoster, DeadHeld), the money months beyond a benefit's
// arrears_months recorded without a 银行账号 up to the death and that
// nothing has paid since (unsentFor), as arrearsFor does for someone
// listed: arrears_months limits computing a month again, not paying what
// was owed, and the heirs will never give the account it waited for. Each
// line is recorded without an account for staff to pay the heirs by hand,
// named by the stand-in of goneDead (gone) or, for someone no month in
// reach listed, by their latest line of those months.
func unsentOfTheGone(in *Input, past []*indexed, gone []*domain.Person) []domain.Line {
	standIn := map[string]*domain.Person{}
	for _, p := range gone {
		standIn[p.ID] = p
	}
	var out []domain.Line
	for _, d := range in.deadNotPaid() {
		now := standIn[d.ID]
		for _, p := range past {
			table := p.tableIn(in.Book)
			if table == nil || p.Month.First().After(d.Death) {
				continue
			}
			for _, code := range in.unsentCodes(d.ID, p) {
				b := table.Benefit(code)
				if b == nil || b.Period == "once" || b.ArrearsMonths == nil || p.Month.MonthsUntil(in.Month) <= *b.ArrearsMonths {
					continue // within reach: arrearsOfTheGone computes it
				}
				if now == nil {
					now = lastLineOf(d, past)
				}
				if now == nil {
					continue
				}
				cur := domain.Line{PersonID: d.ID, Name: now.Name, Street: now.Street, Community: now.Community, Benefit: code,
					Unit: domain.UnitYuan, Department: b.Department, Source: &now.Source}
				if line := unsentFor(in, cur, now, p); line != nil {
					line.Params = line.Params.WithNote(line.Params.Note + fmt.Sprintf("；此人已于%s去世，本月各花名册均未列入（行已删除），本笔无账号、未代发：该月距今已超过补发期限（%d个月），但这笔钱当月已记录、从未发出，仍应发放：请核实后向其遗属手工补发",
						d.Death.Format("2006-01-02"), *b.ArrearsMonths))
					out = append(out, *line)
				}
			}
		}
	}
	return out
}

// deadNotPaid returns the dead this month pays nothing, once each with a
// 死亡日期: Input.DeadOnRecord and DeadOffRoster (on no roster now), then
// DeadHeld (listed on held rows only). The corrections for their heirs
// (goneDead, unsentOfTheGone, heldThenGone) go through them in this order.
func (in *Input) deadNotPaid() []domain.Person {
	var out []domain.Person
	seen := map[string]bool{}
	for _, d := range slices.Concat(in.DeadOnRecord, in.DeadOffRoster, in.deadHeldPeople()) {
		if !seen[d.ID] && !d.Death.IsZero() {
			seen[d.ID] = true
			out = append(out, d)
		}
	}
	return out
}

// deadHeldPeople returns the people of Input.DeadHeld.
func (in *Input) deadHeldPeople() []domain.Person {
	out := make([]domain.Person, len(in.DeadHeld))
	for i, l := range in.DeadHeld {
		out[i] = *l.Person
	}
	return out
}

// unsentCodes returns, in code order, the yuan benefits of id's money
// month p recorded without a 银行账号 that waited for one: its own lines,
// and arrears for it any approved month recorded so (unsentArrears).
func (in *Input) unsentCodes(id string, p *indexed) []string {
	codes := map[string]bool{}
	for _, l := range p.LinesOf(id) {
		if l.Unit == domain.UnitYuan && l.Account == "" && !l.Corrects.Valid() && !l.ByHand() {
			codes[l.Benefit] = true
		}
	}
	in.unsentArrears(id, "", p.Month) // fills in.unsent
	for _, l := range in.unsent[id] {
		if l.Corrects == p.Month && !l.ByHand() {
			codes[l.Benefit] = true
		}
	}
	return slices.Sorted(maps.Keys(codes))
}

// lastLineOf is a stand-in for d, dead, from their latest line of past (a
// month beyond the window, read without its listings): its 姓名, street,
// community and row, with d's 死亡日期 and no account; nil when past has
// none.
func lastLineOf(d domain.Person, past []*indexed) *domain.Person {
	for i := len(past) - 1; i >= 0; i-- {
		if ls := past[i].LinesOf(d.ID); len(ls) > 0 {
			l := ls[len(ls)-1]
			p := &domain.Person{ID: d.ID, Name: l.Name, Street: l.Street, Community: l.Community, Death: d.Death}
			if l.Source != nil {
				p.Source = *l.Source
			}
			return p
		}
	}
	return nil
}

// heldFor returns the codes that hold the rows of id, one of DeadHeld, and
// false for anyone else.
func (in *Input) heldFor(id string) ([]string, bool) {
	for _, l := range in.DeadHeld {
		if l.Person.ID == id {
			return l.Codes, true
		}
	}
	return nil, false
}

// heldThenGone gives a notice (arrears_dead_unlisted) for each person of
// Input.DeadOnRecord or DeadOffRoster (dead, and on no roster now), or of
// DeadHeld (dead, and listed on held rows only, which pay nothing), and each
// approved month of past (the arrears window) whose rows of theirs were
// all held although the month began before their death, and whose money
// no run has paid back since (Done.Arrears): the row was deleted, as the
// holds ask once the death is known, and the months they lived are paid
// to nobody (no row, no account) unless staff pay the estate by hand. A
// death inside a month pays it. A month is told of once: not when a run of
// a month after it already told of the person (Input.DeadUnlistedTold).
// So a senior held in August whose death a September death list first
// reports is told of in September, and one held in June, on no roster in
// July and on August's death list, in August: before, only a death on
// record by the month right after the held month was told of, and the
// estate's money of the others was never mentioned. A month beyond the
// arrears window is looked at too, by its held rows alone (Past.Held): a
// senior held in May whose death of May a November death list first
// reports is owed May, which no correction reaches any more, and is told
// so, to be paid by hand.
func heldThenGone(in *Input, past []*indexed) ([]domain.Finding, error) {
	var out []domain.Finding
	window := in.Book.ArrearsWindow()
	for _, d := range in.deadNotPaid() {
		row, ask := "本月各花名册均未列入，无账号可补发", "请核实后向其遗属手工补发"
		if codes, ok := in.heldFor(d.ID); ok {
			// Still listed, held: corrected, the row is paid its months
			// back (to the heirs); deleted, nothing pays them.
			row = "本月花名册上此人的行仍被暂缓（" + strings.Join(codes, "、") + "），不会补发"
			ask = "请二者选一：更正该行后重新报送（该月随之自动补发给遗属），或删除该行、核实后向其遗属手工补发，以免重复发放"
		}
		for _, p := range past {
			listings, late := p.ListingsOf(d.ID), false
			if len(listings) == 0 && len(p.held[d.ID]) > 0 {
				listings, late = p.held[d.ID], true // a month beyond the window: its held rows alone were read
			}
			if len(listings) == 0 || p.Month.First().After(d.Death) || in.toldDeadUnlisted(d.ID, p.Month) ||
				slices.ContainsFunc(listings, func(l *domain.Listing) bool { return !l.Held || len(stopsIn(l.Codes, p.Month, d.Death)) > 0 }) {
				continue // none, dead before the month, paid, stopped by staff, or told already
			}
			table := p.tableIn(in.Book)
			if table == nil {
				continue
			}
			then := *listings[0].Person // as the held row gave them, with the death on record
			then.Death = d.Death
			res, err := calc.Compute(table, p.Month, []domain.Person{then})
			if err != nil {
				return nil, fmt.Errorf("arrears of the dead for %s: %w", p.Month, err)
			}
			var owed []string
			for _, line := range res.Lines {
				if line.Unit == domain.UnitYuan && in.Done.Arrears[Key(d.ID, line.Benefit, p.Month)] <= 0 {
					owed = append(owed, fmt.Sprintf("%s%s元", table.Benefit(line.Benefit).Name, money.Format(line.Amount, line.Unit)))
				}
			}
			if len(owed) == 0 {
				continue
			}
			row, ask := row, ask
			if late {
				// No correction reaches the month now: by hand only.
				row = fmt.Sprintf("该月已超出补发期限（%d个月），更正或重报花名册都不会再补发", window)
				ask = "请核实后向其遗属手工补发"
			}
			out = append(out, domain.Finding{Severity: domain.Notice, Code: "arrears_dead_unlisted", Name: then.Name, AsWritten: d.ID,
				Message: fmt.Sprintf("此人死亡日期%s，%s的行被暂缓（%s），未发放；%s。该月此人在世（死亡当月照发），按当时的信息应发%s：%s",
					d.Death.Format("2006-01-02"), p.Month.Chinese(), strings.Join(listings[0].Codes, "、"), row, strings.Join(owed, "、"), ask)})
		}
	}
	return out, nil
}

// toldDeadUnlisted reports whether a run of a month after m told of id's
// held months (arrears_dead_unlisted, Input.DeadUnlistedTold).
func (in *Input) toldDeadUnlisted(id string, m domain.Month) bool {
	return slices.ContainsFunc(in.DeadUnlistedTold[id], func(told domain.Month) bool { return told.After(m) })
}

// arrearsOfTheDead returns the arrears of people who died: they have no line
// this month, but a month they lived in (a death inside a month still pays
// it) may not have been paid, for instance when their street's roster did
// not arrive that month. Each of this month's yuan benefits is looked at for
// the months that began before the death. The money of someone who died
// before this month is recorded without an account, listed on the bank
// file's 无账号待处理 and not sent, with a note asking staff to pay the
// heirs by hand, as for the dead whose rows are gone (arrearsOfTheGone): a
// card in a dead person's name may be frozen, and the estate's money is the
// heirs'. Someone who died this month is paid this month, and their
// arrears go with it into the account on their row, unless this month
// pays someone else into that account, or another living person's row gives
// it, held or not (a widow, with the account on her late husband's row):
// then the line is recorded without an account too, with a note asking
// whose account the estate's money goes to.
func arrearsOfTheDead(in *Input, past []*indexed, paidNow map[paid]bool) ([]domain.Line, []domain.Finding, error) {
	table, err := in.Book.ForMonth(in.Month)
	if err != nil {
		return nil, nil, nil // no rules in force now: nothing is paid this month
	}
	// usedBy maps each account on a dead person's row (the account of
	// their lines here) to an ID that gives it or is paid into it this
	// month: of a million, only those are asked about.
	asked, usedBy := map[string]bool{}, map[string]string{}
	for i := range in.People {
		if p := &in.People[i]; !p.Death.IsZero() && p.BankAccount != "" {
			asked[p.BankAccount] = true
			if id, ok := in.AccountsGiven[p.BankAccount]; ok {
				usedBy[p.BankAccount] = id
			}
		}
	}
	for _, l := range in.Lines {
		if l.Unit == domain.UnitYuan && asked[l.Account] {
			usedBy[l.Account] = l.PersonID
		}
	}
	var out []domain.Line
	var withheld []domain.Finding
	for i := range in.People {
		p := &in.People[i]
		if p.Death.IsZero() {
			continue
		}
		for _, b := range table.Monthly() {
			if b.Unit != domain.UnitYuan || paidNow[paid{p.ID, b.Code}] {
				continue
			}
			cur := domain.Line{PersonID: p.ID, Name: p.Name, Street: p.Street, Community: p.Community,
				Benefit: b.Code, Unit: b.Unit, Department: b.Department, Account: p.BankAccount, Source: &p.Source}
			for _, pm := range past {
				if pm.Month.First().After(p.Death) {
					continue
				}
				line, notice, err := arrearsFor(in, cur, p, pm)
				if err != nil {
					return nil, nil, err
				}
				if notice != nil {
					withheld = append(withheld, *notice)
				}
				if line == nil {
					continue
				}
				if other, ok := usedBy[line.Account]; ok && other != p.ID {
					line.Account = ""
					line.Params = line.Params.WithNote(line.Params.Note + "；此人已去世，其银行账号本月另有他人（" + other + "）填写或领取，本笔未代发，请核实应付账号后处理")
				} else if p.Death.Before(in.Month.First()) {
					// Without an account on the row as well: the heirs' all
					// the same, never a roster's to fill in (a dead person's
					// 补发 recorded so counts as recorded, unsentArrears).
					why := "本笔不汇入其本人账户（死者账户可能已冻结）"
					if line.Account == "" {
						why = "本行未填银行账号"
					}
					line.Account = ""
					line.Params = line.Params.WithNote(line.Params.Note + fmt.Sprintf("；此人已于%s去世，%s，未代发：请核实后向其遗属手工补发", p.Death.Format("2006-01-02"), why))
				}
				told := slices.ContainsFunc(in.DeathMonthTold[p.ID], func(t domain.Month) bool { return !pm.Month.After(t) })
				if line.Account == "" && len(pm.ListingsOf(p.ID)) == 0 && !pm.Month.After(domain.MonthOf(p.Death)) && told {
					// A month up to the death's, listed nowhere, and a run
					// since told staff to pay the heirs by hand such months
					// (death_month_unlisted): it may be paid already.
					line.Params = line.Params.WithNote(line.Params.Note + fmt.Sprintf("；%s各花名册均未列入此人：如该月的提示（death_month_unlisted）已请向其遗属手工补发该月，且已补发，本笔请勿再付", pm.Month))
				}
				out = append(out, *line)
			}
		}
	}
	return out, withheld, nil
}

// MarkByHand gives the heirs' note (domain.UnsentMark) to the yuan lines
// of month m without a 银行账号 of people who died within m (and, should
// any be left unmarked, before it), as people (this month's, not held)
// give the 死亡日期: the month of the death is paid, and arrears with it,
// into the account on the row, but without one none will come (a later
// month's row is of someone dead before it, whose money goes to the heirs
// by hand), so the money is the heirs' at once, recorded without an
// account for staff to pay by hand (domain.Line.ByHand), and settled so:
// not left on 无账号待处理 asking the street to fill in a dead person's
// account, which no later month would pay. Lines of a one-off benefit
// (the training subsidy: calc.Trainings decides a trainee's own) are left
// as they are. Lines are changed in place.
func MarkByHand(m domain.Month, people []domain.Person, lines []domain.Line) {
	deaths := map[string]time.Time{}
	for i := range people {
		if p := &people[i]; p.DeadBy(m) {
			deaths[p.ID] = p.Death
		}
	}
	if len(deaths) == 0 {
		return
	}
	for i := range lines {
		l := &lines[i]
		d, ok := deaths[l.PersonID]
		if !ok || l.Account != "" || l.Unit != domain.UnitYuan || l.Params == nil || l.Params.Period == "once" || l.ByHand() {
			continue
		}
		when := "（死亡当月照发）"
		if d.Before(m.First()) {
			when = ""
		}
		note := fmt.Sprintf("此人已于%s去世%s，本行未填银行账号，本笔无账号、未代发：此款归其遗属，不必再报死者的账号，请核实后向其遗属手工发放", d.Format("2006-01-02"), when)
		if l.Params.Note != "" {
			note = l.Params.Note + "；" + note
		}
		l.Params = l.Params.WithNote(note)
	}
}

// arrearsFor returns what month p still owes cur's person for cur's
// benefit, as a line of this month, or nil; or, instead of a line, the
// notice that says why a month owed by the computation is withheld (see
// Arrears).
func arrearsFor(in *Input, cur domain.Line, now *domain.Person, p *indexed) (*domain.Line, *domain.Finding, error) {
	back := p.Month.MonthsUntil(in.Month)
	table := p.tableIn(in.Book)
	if table == nil {
		return nil, nil, nil // no rules in force then: nothing was due
	}
	b := table.Benefit(cur.Benefit)
	if b == nil || b.Period == "once" || b.ArrearsMonths == nil || back < 1 {
		return nil, nil, nil
	}
	if back > *b.ArrearsMonths {
		// What was recovered for the month, less what later months paid
		// back for it (a 补发 of a month still in reach then): only the rest
		// is for staff to refund by hand.
		r := in.recovered(cur.PersonID, cur.Benefit, p.Month)
		if r.IsPositive() {
			r = r.Sub(money.FromHundredths(in.Done.Arrears[Key(cur.PersonID, cur.Benefit, p.Month)]))
		}
		if r.IsPositive() {
			return nil, recoveredTooLongAgo(cur, p.Month, b, r), nil
		}
		return unsentFor(in, cur, now, p), nil, nil
	}
	_, listed, held, wrongDeath := p.personIn(now, in.aliveIn(now.ID, p.Month))
	var heldFor []string
	if held != nil {
		heldFor = held.Codes
	}
	due := p.due[cur.PersonID][cur.Benefit]
	if due == nil {
		return nil, nil, nil
	}
	// What month p paid counts for the benefit's whole 择高 group
	// (exclusive_group): a rise that makes 护理补贴 the higher of the two for
	// a month paid 重度残疾人护理补贴 owes the difference, not all of it.
	group := p.group(cur.Benefit)
	// The money a month recorded without an account waited for one; someone
	// who has died will never have one, and it is their heirs' now (this
	// month's line recorded without an account, for staff to pay by hand:
	// arrearsOfTheDead, arrearsOfTheGone, MarkByHand), not paid by having
	// been recorded. What a month recorded for the heirs already (by hand)
	// is settled, for the living too (byHand: a death withdrawn since).
	dead := now != nil && now.DeadBy(in.Month)
	paid, unsent, other, byHand := decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	for _, l := range p.LinesOf(cur.PersonID) {
		if !slices.Contains(group, l.Benefit) || l.Corrects.Valid() {
			continue
		}
		if l.Account == "" && !l.ByHand() && (cur.Account != "" || dead) {
			unsent = unsent.Add(l.Amount) // on 无账号待处理 then: never sent by the bank
			continue
		}
		if l.ByHand() {
			byHand = byHand.Add(l.Amount)
		}
		paid = paid.Add(l.Amount)
		if l.Benefit != cur.Benefit {
			other = other.Add(l.Amount)
		}
	}
	recovered := decimal.Zero
	for _, code := range group {
		arrears := money.FromHundredths(in.Done.Arrears[Key(cur.PersonID, code, p.Month)])
		if ua, _ := in.unsentArrears(cur.PersonID, code, p.Month); cur.Account != "" || dead {
			unsent, arrears = unsent.Add(ua), arrears.Sub(ua) // recorded as arrears, never sent either
		}
		byHand = byHand.Add(in.byHandArrears(cur.PersonID, code, p.Month))
		paid = paid.Add(arrears)
		recovered = recovered.Add(in.recovered(cur.PersonID, code, p.Month))
	}
	paid = paid.Sub(recovered)
	diff := due.Amount.Sub(paid)
	var heirs *domain.Finding
	if !dead {
		heirs = recordedForHeirs(cur, p, b.Name, byHand, due.Amount.Sub(paid.Sub(byHand)))
	}
	if !diff.IsPositive() {
		return nil, heirs, nil
	}
	if !listed {
		if notice := withheldNotice(in, cur, p, b, heldFor, diff); notice != nil {
			return nil, notice, nil
		}
		if heldFor == nil {
			// A month an earlier run held back as of statuses not known
			// stays held back, told as such: when the row that made it
			// unknown is beyond the arrears window now, and when the rows
			// around it still differ (told again word for word, the notice
			// asked staff a second time to pay by hand what they may have
			// paid on the first).
			if w, ok := in.WithheldUntil[cur.PersonID]; ok && w.Code == "arrears_status_unknown" && w.Month.After(p.Month) && len(p.ListingsOf(cur.PersonID)) == 0 {
				return nil, withheldEarlier(cur, p, b.Name, diff, w), nil
			}
			notice, err := statusUnknown(in, cur, now, p, b.Name, due)
			if notice != nil || err != nil {
				return nil, notice, err
			}
		}
	}
	line := *due
	line.Amount, line.Corrects = diff, p.Month
	line.Name, line.Street, line.Community, line.Account, line.Source = cur.Name, cur.Street, cur.Community, cur.Account, cur.Source
	line.Band = "补发" + p.Month.String() + " " + due.Band
	switch {
	case recovered.IsPositive():
		line.Params = due.Params.WithNote(recoveredNote(p.Month, now, recovered, due))
	case other.IsPositive():
		line.Params = due.Params.WithNote(fmt.Sprintf("补发%s：当月已发同类补贴%s元（同类补贴择高），按现行标准当月「%s」为高，应发%s元，补发差额",
			p.Month, money.Format(other, due.Unit), b.Name, money.Format(due.Amount, due.Unit)))
	case unsent.IsPositive() && !paid.IsPositive():
		line.Params = due.Params.WithNote(unsentNote(p.Month, unsent, due.Unit, cur.Account != ""))
	case heldFor != nil && !listed:
		by := "按当月花名册的行（低保类别、特困类别、经济困难、自理能力、残疾等级按当月所填）"
		if held.StatusDoubted {
			by = "暂缓原因可能涉及低保类别、特困类别、经济困难、自理能力或残疾等级，当月所填不足为凭，按本月更正后的信息"
		}
		note := fmt.Sprintf("补发%s：当月被暂缓（%s），本月已更正，%s当月符合「%s」，应发%s元", p.Month, strings.Join(heldFor, "、"), by, due.Band, money.Format(due.Amount, due.Unit))
		if paid.IsPositive() {
			note += fmt.Sprintf("，以后月份已补发%s元", money.Format(paid, due.Unit))
		}
		line.Params = due.Params.WithNote(note)
	case !wrongDeath.IsZero() && !now.Death.IsZero():
		line.Params = due.Params.WithNote(fmt.Sprintf("补发%s：当月花名册记载死亡日期%s，本月花名册更正为%s，该月在世，按更正后的信息当月符合「%s」，应发%s元，已发%s元", p.Month, wrongDeath.Format("2006-01-02"), now.Death.Format("2006-01-02"), due.Band, money.Format(due.Amount, due.Unit), money.Format(paid, due.Unit)))
	case !wrongDeath.IsZero():
		said := "本月"
		if !in.Alive[now.ID] {
			said = in.AliveSaid[now.ID].String()
		}
		line.Params = due.Params.WithNote(fmt.Sprintf("补发%s：当月花名册记载死亡日期%s，%s备注健在（该日期系误填），按更正后的信息当月符合「%s」，应发%s元，已发%s元", p.Month, wrongDeath.Format("2006-01-02"), said, due.Band, money.Format(due.Amount, due.Unit), money.Format(paid, due.Unit)))
	case !listed:
		note := fmt.Sprintf("补发%s：当月未列入花名册（各花名册中没有此身份证号的行；如当月有此人的行因身份证号有误被暂缓，即是该行），没有当月的行可依，按本月花名册的行（低保类别、特困类别、经济困难、自理能力、残疾等级按本月所填，年龄按当月计）%s已符合「%s」，应发%s元", p.Month, p.Month, due.Band, money.Format(due.Amount, due.Unit))
		if paid.IsPositive() {
			note += fmt.Sprintf("，以后月份已补发%s元，补发差额", money.Format(paid, due.Unit))
		}
		line.Params = due.Params.WithNote(note)
	case paid.IsPositive():
		line.Params = due.Params.WithNote(fmt.Sprintf("补发%s：已发%s元，按现行标准（%s，自%s起执行）应发%s元", p.Month, money.Format(paid, due.Unit), due.Params.Rate, due.Params.Effective.Format("2006-01-02"), money.Format(due.Amount, due.Unit)))
	default:
		line.Params = due.Params.WithNote(fmt.Sprintf("补发%s：当月符合「%s」但未发放，应发%s元", p.Month, due.Band, money.Format(due.Amount, due.Unit)))
	}
	if back == *b.ArrearsMonths && !paid.IsPositive() {
		in.edges = append(in.edges, edge{cur: cur, now: now, month: p.Month, benefit: b})
	}
	return &line, heirs, nil
}

// recordedForHeirs is the notice arrears_recorded_for_heirs, or nil: month
// p recorded byHand yuan of cur's benefit for the heirs of cur's person, to
// be paid by hand (domain.Line.ByHand: a 死亡日期 and no account), and
// they are alive by this month's row (健在, or a date after the month),
// which would owe them owed of it (up to byHand) were it not recorded.
// Recorded, it is settled: staff may have paid it to the family as its
// note asked, and sent into the account as well it would be paid twice.
// What was not paid by hand is for staff to pay the senior by hand.
func recordedForHeirs(cur domain.Line, p *indexed, benefit string, byHand, owed decimal.Decimal) *domain.Finding {
	owed = decimal.Min(byHand, owed)
	if !owed.IsPositive() {
		return nil
	}
	f := &domain.Finding{Severity: domain.Notice, Code: "arrears_recorded_for_heirs", Name: cur.Name, AsWritten: cur.PersonID,
		Message: fmt.Sprintf("%s此人的%s%s元，已因当时所填的死亡日期记为遗属所有、未代发（代发工作簿「无账号待处理」中请向遗属手工发放的款项）；本月花名册此人在世，该笔不再自动补发，以免重复发放：如未曾手工发给其家属，请核实后手工发给本人",
			p.Month.Chinese(), benefit, money.Format(owed, domain.UnitYuan))}
	if cur.Source != nil {
		f.Where = *cur.Source
	}
	return f
}

// edge is arrears paid for month, the earliest month benefit's
// arrears_months reaches, which paid cur's person (now) nothing: the month
// before may be owed too (windowEdges).
type edge struct {
	cur     domain.Line
	now     *domain.Person
	month   domain.Month
	benefit *rules.InForce
}

// windowEdges gives the notices (windowEdge) of in.edges whose month
// before the window the rules would have paid, by this month's row, and
// that did not pay them (Input.PaidIn): someone who turned 80 in the
// window's first month was owed nothing before it, and someone paid then
// is owed nothing more. Each month before is computed once for all its
// people, and asked about in one PaidIn, however many people a street's
// missing rosters left unpaid.
func windowEdges(in *Input) ([]domain.Finding, error) {
	byMonth := map[domain.Month][]edge{}
	for _, e := range in.edges {
		byMonth[e.month.Prev()] = append(byMonth[e.month.Prev()], e)
	}
	var out []domain.Finding
	for _, m := range slices.SortedFunc(maps.Keys(byMonth), func(a, b domain.Month) int { return strings.Compare(a.String(), b.String()) }) {
		edges := byMonth[m]
		table, err := in.Book.ForMonth(m)
		if err != nil {
			continue // no rules in force then: nothing was due
		}
		var people []domain.Person
		var ids []string
		seen := map[string]bool{}
		for _, e := range edges {
			if !seen[e.now.ID] {
				seen[e.now.ID] = true
				people, ids = append(people, *e.now), append(ids, e.now.ID)
			}
		}
		res, err := calc.Compute(table, m, people)
		if err != nil {
			return nil, fmt.Errorf("arrears before %s: %w", m.Next(), err)
		}
		due := map[string]decimal.Decimal{}
		for _, l := range res.Lines {
			due[l.PersonID+"|"+l.Benefit] = l.Amount
		}
		paid := map[string]bool{}
		if in.PaidIn != nil {
			if paid, err = in.PaidIn(m, ids); err != nil {
				return nil, err
			}
		}
		for _, e := range edges {
			if k := e.now.ID + "|" + e.cur.Benefit; due[k].IsPositive() && !paid[k] {
				out = append(out, *windowEdge(e.cur, e.month, e.benefit, due[k]))
			}
		}
	}
	return out, nil
}

// windowEdge is the notice (arrears_window_edge) beside arrears for month
// m, the earliest month benefit b's arrears_months reaches, which paid
// cur's person nothing when the month before was due too, before yuan by
// this month's row, and unpaid on record (windowEdges): the months before
// it are not computed again, and if the person went unpaid then too (held
// or not listed as long), staff are asked to check them and pay by hand.
// Arrears of a rate raised retroactively, where m paid something, give no
// such notice.
func windowEdge(cur domain.Line, m domain.Month, b *rules.InForce, before decimal.Decimal) *domain.Finding {
	f := &domain.Finding{Severity: domain.Notice, Code: "arrears_window_edge", Name: cur.Name, AsWritten: cur.PersonID,
		Message: fmt.Sprintf("%s补发到%s为止（补发期限%d个月）：更早的月份不自动计算。按本月花名册的行，%s也应发%s%s，而已审批的发放记录中该月没有发给此人（被暂缓、未列入花名册或该月未运行）；请核实%s及更早月份此人是否应发未发，确属应发未发的，请手工补发",
			b.Name, m.Chinese(), *b.ArrearsMonths, m.Prev().Chinese(), money.Format(before, b.Unit), domain.UnitText(b.Unit), m.Prev().Chinese())}
	if cur.Source != nil {
		f.Where = *cur.Source
	}
	return f
}

// recovered is what the runs of the months before this one recovered (追回)
// from person id for benefit of month m (Input.Done), in the benefit's
// unit: money that month paid and that no longer counts as paid, so
// arrears may give it back. What later months recovered (RecoveredLater)
// still counts as paid: a month run late does not give back, on its own
// row's older 死亡日期, what a later month recovered on a newer one.
func (in *Input) recovered(id, benefit string, m domain.Month) decimal.Decimal {
	if len(in.Done.Recovered) == 0 { // most months: no key to build per person
		return decimal.Zero
	}
	k := Key(id, benefit, m)
	return money.FromHundredths(in.Done.Recovered[k] - in.Done.RecoveredLater[k])
}

// recoveredNote explains arrears of month m that give back money recovered
// from now's person after a 死亡日期 that the rows since have moved later or
// withdrawn (健在): by this month's row they lived through m, which is owed.
func recoveredNote(m domain.Month, now *domain.Person, recovered decimal.Decimal, due *domain.Line) string {
	death := "本月花名册未填死亡日期"
	if !now.Death.IsZero() {
		death = "本月花名册的死亡日期为" + now.Death.Format("2006-01-02")
	}
	return fmt.Sprintf("补发%s：该月已发放，其后按当时的死亡日期追回%s元；%s，该月在世，符合「%s」，应发%s元，退还已追回的款项（按该款已追回计算：如尚未追回，应与本笔抵销，不再追回也不再发放）",
		m, money.Format(recovered, due.Unit), death, due.Band, money.Format(due.Amount, due.Unit))
}

// recoveredTooLongAgo is the notice (arrears_recovered_outside_window) for
// money of month m recovered from cur's person that this month's row says
// was theirs (a 死亡日期 moved later, or 健在), when m is further back than
// the benefit's arrears_months: it is not given back by itself, and staff
// are asked to check and pay it by hand.
func recoveredTooLongAgo(cur domain.Line, m domain.Month, b *rules.InForce, recovered decimal.Decimal) *domain.Finding {
	msg := fmt.Sprintf("%s的%s已按当时的死亡日期追回%s元，本月花名册表明此人该月在世（死亡日期已更正或备注健在）；该月超过补发期限（%d个月），不自动退还，请核实后手工退还",
		m.Chinese(), b.Name, money.Format(recovered, b.Unit), *b.ArrearsMonths)
	if b.Unit != domain.UnitYuan { // the electricity allowance: never paid back, only the recovery undone
		msg = fmt.Sprintf("%s的%s已按当时的死亡日期追回%s%s，本月花名册表明此人该月在世（死亡日期已更正或备注健在）；%s不补发（补发期限%d个月），请核实后通知%s撤销该月的追回",
			m.Chinese(), b.Name, money.Format(recovered, b.Unit), domain.UnitText(b.Unit), b.Name, *b.ArrearsMonths, b.Department)
	}
	f := &domain.Finding{Severity: domain.Notice, Code: "arrears_recovered_outside_window", Name: cur.Name, AsWritten: cur.PersonID, Message: msg}
	if cur.Source != nil {
		f.Where = *cur.Source
	}
	return f
}

// stopsIn returns the codes of codes, those that held a row of month m,
// that stopped it by staff's word (domain.StopCode), but for a death said
// without its date (domain.DeathUndatedCode: a 备注, a comment, a note, a
// sheet or heading of the dead) when death, the date known now, is not
// before m: the row was held for want of the date, and the month of death
// is owed (a death inside a month pays it). Told to fill in the date,
// staff did, and the month was lost.
func stopsIn(codes []string, m domain.Month, death time.Time) []string {
	var out []string
	for _, c := range codes {
		if domain.StopCode(c) && !(domain.DeathUndatedCode(c) && !death.IsZero() && !m.First().After(death)) {
			out = append(out, c)
		}
	}
	return out
}

// withheldNotice returns the notice of arrears of diff yuan for month p
// that are not paid by themselves (see Arrears), or nil when they are
// paid: cur's person was not listed that month, or was held with heldFor.
func withheldNotice(in *Input, cur domain.Line, p *indexed, b *rules.InForce, heldFor []string, diff decimal.Decimal) *domain.Finding {
	benefit := b.Name
	notice := func(code, msg string) *domain.Finding {
		if code == "arrears_after_stop" {
			msg += in.stopToldBefore(cur.PersonID, p.Month)
		}
		f := &domain.Finding{Severity: domain.Notice, Code: code, Name: cur.Name, AsWritten: cur.PersonID, Message: msg}
		if cur.Source != nil {
			f.Where = *cur.Source
		}
		return f
	}
	var death time.Time
	if now := in.person(cur.PersonID); now != nil {
		death = now.Death
	}
	stops := stopsIn(heldFor, p.Month, death)
	if t, ok := in.edgeTold(cur.PersonID, p.Month, b); ok {
		return notice("arrears_window_edge_told", fmt.Sprintf("%s的运行已提示（arrears_window_edge）%s及更早月份此人如确属应发未发，请手工补发；该月%s（按本月信息应发%s元）因此不自动补发，以免重复发放：如已按该提示手工补发，无需处理；如未补发且确属应发，请手工补发",
			t, p.Month.Chinese(), benefit, money.Format(diff, domain.UnitYuan)))
	}
	// A month whose roster listed the person, held, is no month before they
	// moved in or were newly listed: that roster had them already (a 备注
	// 本月新增 copied forward from it).
	unlisted := len(p.ListingsOf(cur.PersonID)) == 0
	if when, ok := in.MovedIn[cur.PersonID]; ok && unlisted && (when == (domain.Month{}) || when.After(p.Month)) {
		moved := "迁入月份不详"
		if when != (domain.Month{}) {
			moved = when.Chinese() + "迁入"
		}
		return notice("arrears_before_move_in", fmt.Sprintf("本月备注说此人迁入本区（%s），%s未列入花名册，该月%s（按本月信息应发%s元）不自动补发：迁入以前本区不负责发放；如迁入前已在本区享受，请核实后手工补发",
			moved, p.Month.Chinese(), benefit, money.Format(diff, domain.UnitYuan)))
	}
	if when, ok := in.Added[cur.PersonID]; ok && unlisted && when.After(p.Month) {
		return notice("arrears_before_added", fmt.Sprintf("本月备注说此人是%s新增人员，%s未列入花名册，该月%s（按本月信息应发%s元）不自动补发：新增以前不享受；如以前是漏报，请核实后手工补发",
			when.Chinese(), p.Month.Chinese(), benefit, money.Format(diff, domain.UnitYuan)))
	}
	if now := in.person(cur.PersonID); now != nil && !now.Death.IsZero() && !in.listedBefore(now) {
		return notice("arrears_first_listed_dead", fmt.Sprintf("此人本月列入花名册即填有死亡日期%s，以前已审批的月份均未列入，%s%s（按本月信息应发%s元）不自动补发：请核实此人生前是否应享受、由谁领取后手工补发",
			now.Death.Format("2006-01-02"), p.Month.Chinese(), benefit, money.Format(diff, domain.UnitYuan)))
	}
	if len(stops) == 0 {
		// What the month's rosters did with the person: not listed, or
		// listed and held for something else (a 银行账号), which the stop
		// before it still withholds.
		then := "未列入花名册"
		if !unlisted {
			then = "的行另因其他问题暂缓（" + strings.Join(heldFor, "、") + "）"
		}
		if q, codes := in.lastListedBefore(cur.PersonID, p.Month); q != nil && slices.ContainsFunc(codes, domain.StopCode) {
			after := "此后至" + p.Month.Chinese() + "未再列入花名册，后又重新列入"
			if !unlisted {
				after = "此后" + p.Month.Chinese() + then
			}
			return notice("arrears_after_stop", fmt.Sprintf("该人员%s被停发（%s），%s，%s%s（按本月信息应发%s元）不自动补发；如停发有误，请核实后手工补发",
				q.Chinese(), strings.Join(codes, "、"), after, p.Month.Chinese(), benefit, money.Format(diff, domain.UnitYuan)))
		}
		if st, ok := in.StoppedFrom[cur.PersonID]; ok && st.Holds(p.Month) {
			return notice("arrears_after_stop", fmt.Sprintf("以前月份的备注说此人自%s起停发，%s%s，该月%s（按本月信息应发%s元）不自动补发；如停发有误，请核实后手工补发",
				st.From, p.Month.Chinese(), then, benefit, money.Format(diff, domain.UnitYuan)))
		}
		// Statuses not known are told again by statusUnknown when the rows
		// around the month still say so (withheldEarlier after it).
		if w, ok := in.WithheldUntil[cur.PersonID]; ok && unlisted && w.Code != "arrears_status_unknown" && w.Month.After(p.Month) {
			return withheldEarlier(cur, p, benefit, diff, w)
		}
	}
	if slices.Contains(heldFor, "status_conflict") && !in.OnLists[cur.PersonID] && p.unsettled(cur.PersonID, in.person(cur.PersonID)) {
		return notice("arrears_conflict_unsettled", fmt.Sprintf("%s此人的行因与部门名单（低保、残联、死亡或评估名单）不一致被暂缓（status_conflict），本月花名册的低保、特困、残疾、自理能力和死亡日期仍与当时相同，未见更正；该月%s（按本月信息应发%s元）不自动补发：请核实花名册和名单哪一方正确，如花名册正确，请手工补发",
			p.Month.Chinese(), benefit, money.Format(diff, domain.UnitYuan)))
	}
	if len(stops) > 0 {
		return notice("arrears_after_stop", fmt.Sprintf("%s该人员被停发（%s），此后重新列入，该月%s（按本月信息应发%s元）不自动补发；如当月停发有误，请核实后手工补发",
			p.Month.Chinese(), strings.Join(stops, "、"), benefit, money.Format(diff, domain.UnitYuan)))
	}
	if other, via := p.paidUnderAnotherID(in, &cur); other != nil {
		return notice("arrears_other_id", fmt.Sprintf("%s未列入花名册，但已为该月向%s的身份证号%s（%s）发放%s%s元，该号码本月未列入，可能是同一人更正了身份证号，该月不自动补发（按本月信息应发%s元）；如确为两人，请核实后手工补发",
			p.Month.Chinese(), via, other.PersonID, other.Name, benefit, money.Format(other.Amount, other.Unit), money.Format(diff, domain.UnitYuan)))
	}
	return nil
}

// edgeTold returns a month whose run told staff to pay month p of person
// id's benefit b by hand (Input.EdgeTold: p is at or before the month
// just beyond that run's window of b's arrears_months), and true; false
// when none did.
func (in *Input) edgeTold(id string, p domain.Month, b *rules.InForce) (domain.Month, bool) {
	if b.ArrearsMonths == nil {
		return domain.Month{}, false
	}
	for _, t := range in.EdgeTold[id] {
		if t != in.Month && p.MonthsUntil(t) > *b.ArrearsMonths {
			return t, true
		}
	}
	return domain.Month{}, false
}

// stopToldBefore is what the notice arrears_after_stop of month p adds
// when a run of a month after p and before this one told of the person's
// withheld months already (Input.StopTold): that run's month, and not to
// pay twice. "" when none did.
func (in *Input) stopToldBefore(id string, p domain.Month) string {
	var told []string
	for _, t := range in.StopTold[id] {
		if t.After(p) && in.Month.After(t) {
			told = append(told, t.String())
		}
	}
	if len(told) == 0 {
		return ""
	}
	return "（" + strings.Join(told, "、") + "的运行已就此提示过：如已按该提示手工补发，请勿重复发放）"
}

// withheldEarlier is the notice arrears_withheld_earlier: w, an earlier
// run, held back cur's person's months before its own that no roster
// listed, p among them, and p stays held back for diff yuan of benefit.
func withheldEarlier(cur domain.Line, p *indexed, benefit string, diff decimal.Decimal, w Withholding) *domain.Finding {
	f := &domain.Finding{Severity: domain.Notice, Code: "arrears_withheld_earlier", Name: cur.Name, AsWritten: cur.PersonID,
		Message: fmt.Sprintf("%s的运行%s，未自动补发此人以前未列入花名册的月份；%s%s（按本月信息应发%s元）仍不自动补发，如应补发，请核实后手工补发（如已按%s的提示手工补发，请勿重复发放）",
			w.Month, w.why(), p.Month.Chinese(), benefit, money.Format(diff, domain.UnitYuan), w.Month)}
	if cur.Source != nil {
		f.Where = *cur.Source
	}
	return f
}

// statusUnknown gives the notice arrears_status_unknown when month p, in
// which no roster listed now's person, is computed by this month's row
// (due), and the rows of the nearest approved months before and after it
// that listed them (paid, or held for nothing domain.Listing.StatusDoubted says) give
// other statuses that decide a rate (低保类别, 特困类别, 经济困难,
// 自理能力, 残疾) by which p would have paid cur's benefit otherwise: what
// the person was in p is not known, and paid by a guess, the month may be
// paid at a rate it did not owe. It returns nil when no such row differs
// (nearly always: a street's roster that did not arrive, a senior listed
// for the first time), and the month is paid by this month's row.
func statusUnknown(in *Input, cur domain.Line, now *domain.Person, p *indexed, benefit string, due *domain.Line) (*domain.Finding, error) {
	var before, after *indexed
	var rows [2]*domain.Person
	for _, x := range in.pastByMonth() {
		if x == p || !in.Month.After(x.Month) {
			continue
		}
		row := statusRow(x.ListingsOf(now.ID))
		if row == nil {
			continue
		}
		if p.Month.After(x.Month) {
			before, rows[0] = x, row // oldest first: the latest stays
		} else if after == nil {
			after, rows[1] = x, row
		}
	}
	table := p.tableIn(in.Book)
	for i, x := range [2]*indexed{before, after} {
		row := rows[i]
		if x == nil || row.PaysAlike(now) {
			continue
		}
		res, err := calc.Compute(table, p.Month, []domain.Person{*withStatusesOf(now, row)})
		if err != nil {
			return nil, fmt.Errorf("arrears for %s: %w", p.Month, err)
		}
		other := decimal.Zero
		for _, l := range res.Lines {
			if l.Benefit == cur.Benefit {
				other = l.Amount
			}
		}
		if other.Equal(due.Amount) {
			continue
		}
		f := &domain.Finding{Severity: domain.Notice, Code: "arrears_status_unknown", Name: cur.Name, AsWritten: cur.PersonID,
			Message: fmt.Sprintf("%s各花名册均未列入此人，没有当月的行可依：按本月花名册的行（%s）该月%s应发%s元，而%s花名册的行（%s）与本月不同，按其应发%s元；该月情况不明，不自动补发，请核实此人该月的低保、特困、经济困难、自理能力和残疾情况后手工补发",
				p.Month.Chinese(), statusText(now), benefit, money.Format(due.Amount, due.Unit), x.Month.Chinese(), statusText(row), money.Format(other, due.Unit))}
		if cur.Source != nil {
			f.Where = *cur.Source
		}
		return f, nil
	}
	return nil, nil
}

// statusRow returns, of a month's listings of one person, the row whose
// statuses that decide a rate are that month's word: the paid row, else a
// held one whose holds are not about them (domain.Listing.StatusDoubted); nil when none.
func statusRow(listings []*domain.Listing) *domain.Person {
	var row *domain.Person
	for _, l := range listings {
		switch {
		case !l.Held:
			return l.Person
		case row == nil && !l.StatusDoubted:
			row = l.Person
		}
	}
	return row
}

// statusText says, in Chinese, the statuses of p that decide a rate, as a
// notice quotes them: 低保类别：城市低保，特困类别：无, ...
func statusText(p *domain.Person) string {
	none := func(s string) string {
		if s == "" {
			return "无"
		}
		return s
	}
	hardship, disability := "否", "无"
	if p.Hardship {
		hardship = "是"
	}
	if d := p.Disability; d.Grade > 0 || d.Category != "" {
		disability = fmt.Sprintf("%s %d级", d.Category, d.Grade)
	}
	return fmt.Sprintf("低保类别：%s，特困类别：%s，经济困难：%s，自理能力：%s，残疾：%s",
		none(p.Dibao.String()), none(p.Tekun.String()), hardship, none(p.SelfCare.String()), disability)
}

// unsentFor is the arrears of month p beyond the benefit's arrears_months:
// not a new computation, which the limit forbids, but the money recorded
// then without a 银行账号 (on 无账号待处理, never sent by the bank) and not
// paid since, now that cur has an account. It returns nil when there is
// none.
func unsentFor(in *Input, cur domain.Line, now *domain.Person, p *indexed) *domain.Line {
	dead := now != nil && now.DeadBy(in.Month)
	if cur.Account == "" && !dead {
		return nil
	}
	var was *domain.Line
	unsent := decimal.Zero
	for _, l := range p.LinesOf(cur.PersonID) {
		if l.Benefit != cur.Benefit || l.Corrects.Valid() {
			continue
		}
		if l.Account != "" || l.ByHand() { // sent, in part at least (or the heirs', by hand): nothing of it is known to be owed
			was, unsent = nil, decimal.Zero
			break
		}
		was, unsent = l, unsent.Add(l.Amount)
	}
	ua, arrearsLine := in.unsentArrears(cur.PersonID, cur.Benefit, p.Month)
	if was == nil {
		was = arrearsLine
	}
	if was == nil { // nearly everyone, for every month beyond the window
		return nil
	}
	// Every arrears line of the month counts as paying it back, but for
	// those recorded without an account themselves.
	left := unsent.Add(ua).Sub(money.FromHundredths(in.Done.Arrears[Key(cur.PersonID, cur.Benefit, p.Month)]).Sub(ua))
	if !left.IsPositive() {
		return nil
	}
	line := *was
	line.Amount, line.Corrects = left, p.Month
	line.Name, line.Street, line.Community, line.Account, line.Source = cur.Name, cur.Street, cur.Community, cur.Account, cur.Source
	line.Band = "补发" + p.Month.String() + " " + strings.TrimPrefix(was.Band, "补发"+was.Corrects.String()+" ")
	// Without an account now it is the heirs' (the caller says so).
	line.Params = was.Params.WithNote(unsentNote(p.Month, unsent.Add(ua), was.Unit, cur.Account != ""))
	return &line
}

// unsentArrears is the arrears (补发) for month m of person id and benefit
// that approved months recorded without a 银行账号 (listed on 无账号待处理,
// never sent by the bank): their sum, and one of them (nil when none).
// Like a month's own money recorded so, it is owed once the person has an
// account, and is not paid by having been recorded. Only those that
// waited for an account count: what was recorded without one on purpose
// (domain.Line.ByHand: the heirs', their card now someone else's, for
// staff to pay by hand as the line's note asks) counts as recorded, for
// the living too, whose death a later row withdrew (byHandArrears; sent
// into their account as well, it would be paid twice); what waited,
// recorded while they lived or in the month of the death before it was
// the heirs' on sight, is owed, to the heirs of the dead, who will never
// give the account.
func (in *Input) unsentArrears(id, benefit string, m domain.Month) (decimal.Decimal, *domain.Line) {
	if in.unsent == nil {
		in.unsent = map[string][]*domain.Line{}
		for _, q := range in.pastByMonth() {
			for i := range q.Lines {
				if l := &q.Lines[i]; l.Corrects.Valid() && l.Account == "" && l.Unit == domain.UnitYuan {
					in.unsent[l.PersonID] = append(in.unsent[l.PersonID], l)
				}
			}
		}
	}
	sum := decimal.Zero
	var one *domain.Line
	for _, l := range in.unsent[id] {
		if l.Benefit == benefit && l.Corrects == m && !l.ByHand() {
			sum, one = sum.Add(l.Amount), l
		}
	}
	return sum, one
}

// byHandArrears is the sum of the arrears (补发) for month m of person id
// and benefit that approved months recorded for the heirs, to be paid by
// hand (domain.Line.ByHand); in.unsent is filled (unsentArrears).
func (in *Input) byHandArrears(id, benefit string, m domain.Month) decimal.Decimal {
	sum := decimal.Zero
	for _, l := range in.unsent[id] {
		if l.Benefit == benefit && l.Corrects == m && l.ByHand() {
			sum = sum.Add(l.Amount)
		}
	}
	return sum
}

// unsentNote says why month m's unsent money (in unit) is paid back: it was
// recorded without a 银行账号 and never sent, and, when accountNow, this
// month's row gives one (else it is the heirs', whose note follows).
func unsentNote(m domain.Month, unsent decimal.Decimal, unit string, accountNow bool) string {
	note := fmt.Sprintf("补发%s：当月应发%s元，因未填银行账号列入无账号待处理、未能代发", m, money.Format(unsent, unit))
	if accountNow {
		note += "，本月已有账号"
	}
	return note
}

// Recoveries returns what approved months sent for the months that began
// after a person's 死亡日期 on this month's rosters, or on a death list of
// this month for someone on no roster (Input.DeadOffRoster), approved
// months after this one included (Input.Later: a month run late), less what
// other months' runs already recorded for recovery, by person then month
// paid for. An arrears
// line (补发) counts for the month it paid for, whichever month sent it.
// Money recorded without a 银行账号 was listed on 无账号待处理 and never
// sent, so there is nothing to recover from it (and unsentFor never pays
// it: the person has no line after their death). But money recorded so
// for the heirs, to be paid by hand (domain.Line.ByHand), for a month that
// began after the death may have been paid: when a date moved earlier puts
// the month after the death, a notice (heirs_money_after_death) asks staff
// to check, once (Input.DiedElsewhere).
//
// An allowance granted per 户号 (list item 30) is not recovered from a
// dead person when someone else that month's rosters listed on the same
// 户号 qualified for it (meterOwed): the household was owed the month's
// one grant, whoever it went to. A notice (meter_grant_kept) says so
// instead, in the months whose rosters or death lists give the death; the
// notices are the second result.
func Recoveries(in *Input) ([]domain.Recovery, []domain.Finding, error) {
	var out []domain.Recovery
	var notices []domain.Finding
	past := in.pastByMonth()
	type key struct {
		benefit string
		month   domain.Month
	}
	var dead []domain.Person // this month's rows with a 死亡日期, then the death lists' people on no roster
	for _, p := range in.People {
		if !p.Death.IsZero() {
			dead = append(dead, p)
		}
	}
	dead = append(dead, in.DeadOffRoster...)
	heldFrom := len(dead)
	for _, l := range in.DeadHeld {
		dead = append(dead, *l.Person)
	}
	onRecord := len(dead)
	dead = append(dead, in.DeadOnRecord...)
	atDeath, err := dueAtDeath(in, past, dead)
	if err != nil {
		return nil, nil, err
	}
	deaths := map[string]time.Time{}
	for _, p := range dead {
		if d, ok := deaths[p.ID]; !ok || p.Death.Before(d) {
			deaths[p.ID] = p.Death
		}
	}
	told := map[heirsKey]bool{}
	for n, person := range dead {
		sent := map[key]decimal.Decimal{}
		first := map[key]*domain.Line{}
		var order []key
		byHand := map[heirsKey]decimal.Decimal{} // recorded for the heirs for a month begun after the death
		var handOrder []heirsKey
		died := domain.MonthOf(person.Death)
		dd, duesKnown := atDeath[person.ID]
		add := func(month domain.Month, l *domain.Line) {
			k := key{l.Benefit, month}
			if l.Corrects.Valid() {
				k.month = l.Corrects
			}
			if l.ByHand() && k.month.First().After(person.Death) {
				hk := heirsKey{person.ID, l.Benefit, k.month, month}
				if _, ok := byHand[hk]; !ok {
					handOrder = append(handOrder, hk)
				}
				byHand[hk] = byHand[hk].Add(l.Amount)
			}
			lived := !k.month.First().After(person.Death) && !(duesKnown && k.month == died)
			if lived || (l.Unit == domain.UnitYuan && l.Account == "") {
				return // lived in that month (paid in full), or never sent (无账号待处理)
			}
			if first[k] == nil {
				first[k] = l
				order = append(order, k)
			}
			sent[k] = sent[k].Add(l.Amount)
		}
		for _, p := range past {
			for _, l := range p.LinesOf(person.ID) {
				add(p.Month, l)
			}
		}
		for _, p := range in.Later {
			if from, ok := in.AliveLater[person.ID]; ok && !from.After(p.Month) {
				break
			}
			if d, ok := in.DiedLater[person.ID]; ok && !p.Month.First().After(d) {
				continue // lived in that month by a later month's date
			}
			for i := range p.Lines {
				if l := &p.Lines[i]; l.PersonID == person.ID && !l.Corrects.Valid() {
					add(p.Month, l)
				}
			}
		}
		sort.SliceStable(handOrder, func(i, j int) bool { return handOrder[j].month.After(handOrder[i].month) })
		for _, hk := range handOrder {
			if d, ok := in.DiedElsewhere[person.ID]; told[hk] || ok && hk.month.First().After(d) {
				continue // told once already, or the date on record put the month after the death then
			}
			told[hk] = true
			notices = append(notices, in.heirsMoneyAfterDeath(person, hk, byHand[hk]))
		}
		sort.SliceStable(order, func(i, j int) bool { return order[j].month.After(order[i].month) })
		for _, k := range order {
			l := first[k]
			over := sent[k]
			if k.month == died { // paid as if alive at the month's end: only what the age at death did not earn
				over = over.Sub(dd.atDeath[k.benefit])
				paidOver, ageOver := decimal.Zero, decimal.Zero // over the benefit's 择高 group
				for _, code := range dd.month.group(k.benefit) {
					paidOver = paidOver.Add(sent[key{code, died}]).Sub(dd.atDeath[code])
					ageOver = ageOver.Add(dd.atEnd[code]).Sub(dd.atDeath[code])
				}
				over = decimal.Min(over, paidOver, ageOver) // a rate lowered since is not the death's to recover
			}
			if over.IsPositive() {
				g, err := in.meterOwed(past, k.month, person.ID, l, deaths)
				if err != nil {
					return nil, nil, err
				}
				if g.owed.IsPositive() {
					over = over.Sub(g.owed)
					if n < onRecord { // told while a roster or list of the month gives the death, not every month since
						notices = append(notices, g.kept(person, l, k.month, decimal.Min(g.owed, sent[k])))
					}
				}
			}
			left := over.Sub(money.FromHundredths(in.Done.Recovered[Key(person.ID, k.benefit, k.month)]))
			if !left.IsPositive() {
				continue
			}
			name, street, community := person.Name, person.Street, person.Community
			if street == "" && community == "" { // on no roster: where the month paid them
				street, community = l.Street, l.Community
			}
			if name == "" {
				name = l.Name
			}
			reason := fmt.Sprintf("死亡日期%s，%s不应发放（已发%s），应追回", person.Death.Format("2006-01-02"), k.month, money.Format(sent[k], l.Unit))
			switch {
			case n >= onRecord:
				reason = fmt.Sprintf("以前月份记载死亡日期%s，本月各花名册均未列入；%s不应发放（已发%s），应追回", person.Death.Format("2006-01-02"), k.month, money.Format(sent[k], l.Unit))
			case n >= heldFrom:
				reason = fmt.Sprintf("死亡日期%s（本月花名册上此人的行被暂缓：%s），%s不应发放（已发%s），应追回",
					person.Death.Format("2006-01-02"), strings.Join(in.DeadHeld[n-heldFrom].Codes, "、"), k.month, money.Format(sent[k], l.Unit))
			}
			if k.month == died {
				reason = fmt.Sprintf("死亡日期%s早于当月生日，%s的周岁按死亡当日计为%d周岁，该月应发%s，已发%s，应追回差额",
					person.Death.Format("2006-01-02"), k.month, dd.age, money.Format(dd.atDeath[k.benefit], l.Unit), money.Format(sent[k], l.Unit))
			}
			out = append(out, domain.Recovery{
				PersonID: person.ID, Name: name, Street: street, Community: community,
				Benefit: k.benefit, Amount: left, Unit: l.Unit, Department: l.Department, Corrects: k.month,
				Reason: reason,
			})
		}
	}
	return out, notices, nil
}

// heirsKey is money recorded for a dead person's heirs, to be paid by hand
// (domain.Line.ByHand): whose, of which benefit, for which month, and the
// month whose run recorded it.
type heirsKey struct {
	id, benefit     string
	month, recorded domain.Month
}

// heirsMoneyAfterDeath is the notice (heirs_money_after_death) that
// amount, recorded for person's heirs by hand as hk says, is for a month
// that began after the 死亡日期 this month gives: a date moved earlier
// (November's money recorded for the heirs on a death of 10 November, and
// a later roster says 20 October). It was never sent, so there is nothing
// to recover from an account, but staff may have paid it by hand as its
// note asked, which the program cannot know: they are told what to check.
func (in *Input) heirsMoneyAfterDeath(person domain.Person, hk heirsKey, amount decimal.Decimal) domain.Finding {
	name := hk.benefit
	if t, err := in.Book.ForMonth(hk.month); err == nil {
		if b := t.Benefit(hk.benefit); b != nil {
			name = b.Name
		}
	}
	return domain.Finding{Severity: domain.Notice, Code: "heirs_money_after_death", Where: person.Source, Name: person.Name, AsWritten: person.ID,
		Message: fmt.Sprintf("%s的代发工作簿「无账号待处理」按当时的死亡日期把此人%s%s%s元记为遗属所有、请向遗属手工发放（未代发）；本月记载的死亡日期为%s，该月在死亡以后开始，此款不应发放。程序无法知道是否已手工发放：如已发给其遗属，请向其追回（此款未列入追回清单）；如尚未发放，请不要再发",
			hk.recorded.Chinese(), hk.month.Chinese(), name, money.Format(amount, domain.UnitYuan), person.Death.Format("2006-01-02"))}
}

// meterGrant is what a month owed a household on a 户号 (meterOwed): the
// allowance (owed, in the benefit's unit), of which benefit (its name),
// to whom.
type meterGrant struct {
	owed    decimal.Decimal
	benefit string
	who     *domain.Person
}

// meterOwed returns what month m owed, of l's benefit when it is granted
// per 户号 (list item 30), the others its rosters listed (not held) on
// l's 户号, the dead person's own row left out, as today's records know
// them (a death reported since counts, deaths): the one grant the
// household was owed, and who was owed it. Zero when the benefit goes per
// person, l has no 户号, m is neither among past nor in.Later, or nobody
// else qualified.
// It returns calc.Compute's error.
func (in *Input) meterOwed(past []*indexed, m domain.Month, dead string, l *domain.Line, deaths map[string]time.Time) (meterGrant, error) {
	acct := strings.TrimSpace(l.Account)
	var month *Past // the approved month m, earlier than this one or later (a month run late)
	if i := slices.IndexFunc(past, func(p *indexed) bool { return p.Month == m }); i >= 0 {
		month = &past[i].Past
	} else if i := slices.IndexFunc(in.Later, func(p Past) bool { return p.Month == m }); i >= 0 {
		month = &in.Later[i]
	}
	if acct == "" || month == nil {
		return meterGrant{}, nil
	}
	table, err := in.Book.ForMonth(m)
	if err != nil {
		return meterGrant{}, nil // no rules in force then: nothing was due
	}
	b := table.Benefit(l.Benefit)
	if b == nil || b.GrantPer != "electricity_account" {
		return meterGrant{}, nil
	}
	var others []domain.Person
	for _, ls := range slices.Concat(month.Listings, month.Meters) {
		p := ls.Person
		if ls.Held || p.ID == dead || strings.TrimSpace(p.ElectricityAccount) != acct {
			continue
		}
		o := *p // shared with that month: copied
		if d, ok := deaths[o.ID]; ok && (o.Death.IsZero() || d.Before(o.Death)) {
			o.Death = d
		}
		others = append(others, o)
	}
	if len(others) == 0 {
		return meterGrant{}, nil
	}
	res, err := calc.Compute(table, m, others)
	if err != nil {
		return meterGrant{}, fmt.Errorf("recoveries for %s: %w", m, err)
	}
	for _, x := range res.Lines {
		if x.Benefit == l.Benefit {
			j := slices.IndexFunc(others, func(o domain.Person) bool { return o.ID == x.PersonID })
			return meterGrant{owed: x.Amount, benefit: b.Name, who: &others[j]}, nil
		}
	}
	return meterGrant{}, nil
}

// kept is the notice (meter_grant_kept) that amount of the allowance month
// m sent on l's 户号 to person, dead by then, is not recovered: g.who, on
// the same 户号, qualified that month.
func (g meterGrant) kept(person domain.Person, l *domain.Line, m domain.Month, amount decimal.Decimal) domain.Finding {
	return domain.Finding{Severity: domain.Notice, Code: "meter_grant_kept", Where: person.Source, Name: person.Name, AsWritten: person.ID,
		Message: fmt.Sprintf("死亡日期%s，%s户号%s的%s%s已按此人发放；同一户号的%s（%s）当月在花名册上且符合条件，该户当月应得一份，不追回",
			person.Death.Format("2006-01-02"), m, l.Account, g.benefit, money.Format(amount, l.Unit), g.who.Name, g.who.ID)}
}

// deathDue is what the month a senior died in owes them by today's rules:
// at the age they reached by the 死亡日期 (atDeath), and at the age of the
// month's last day that the month was paid at (atEnd), by benefit code, in
// the benefit's unit. A benefit with no line is owed nothing.
type deathDue struct {
	month          *indexed // the approved month of the death
	age            int      // 周岁 on the 死亡日期
	atDeath, atEnd map[string]decimal.Decimal
}

// dueAtDeath returns, by ID, what the month of each of dead's deaths owes
// them (deathDue), for those whose row an approved month of past paid in
// the month they died, and whose birthday of that month came after the
// death: a senior who died on 10 November, before an 80th birthday on the
// 20th, never reached 80 (domain.Person.AgeIn), but a month run before the
// death was known paid them as 80. One calc.Compute per month and age
// basis. It returns calc.Compute's error.
func dueAtDeath(in *Input, past []*indexed, dead []domain.Person) (map[string]deathDue, error) {
	type batch struct {
		month          *indexed
		atDeath, atEnd []domain.Person
	}
	batches := map[domain.Month]*batch{}
	var months []domain.Month
	seen := map[string]bool{}
	for _, d := range dead {
		if seen[d.ID] || d.Death.IsZero() {
			continue
		}
		seen[d.ID] = true
		m := domain.MonthOf(d.Death)
		i := slices.IndexFunc(past, func(p *indexed) bool { return p.Month == m })
		if i < 0 {
			continue
		}
		ls := past[i].ListingsOf(d.ID)
		j := slices.IndexFunc(ls, func(l *domain.Listing) bool { return !l.Held })
		var row domain.Person
		if j >= 0 {
			row = *ls[j].Person // shared with that month: copied
		} else if by := paidBackBy(past, m, d.ID); by != nil {
			// Held that month, or on no roster, and paid back as arrears by a
			// later month before the death was known: at the age of the
			// month's end, by the row personIn gave that month.
			p, _, _, _ := past[i].personIn(by, false)
			row = *p
		} else {
			continue // paid nothing, or paid back as arrears at the age at death (personIn)
		}
		row.Death = d.Death
		if domain.Age(row.Birth, d.Death) == domain.Age(row.Birth, m.Last()) {
			continue // no birthday between the death and the month's end: paid right
		}
		b := batches[m]
		if b == nil {
			b = &batch{month: past[i]}
			batches[m] = b
			months = append(months, m)
		}
		alive := row
		alive.Death = time.Time{}
		b.atDeath, b.atEnd = append(b.atDeath, row), append(b.atEnd, alive)
	}
	out := map[string]deathDue{}
	for _, m := range months {
		b := batches[m]
		table := b.month.tableIn(in.Book)
		if table == nil {
			continue // no rules in force then: nothing was due
		}
		for _, p := range b.atDeath {
			out[p.ID] = deathDue{month: b.month, age: domain.Age(p.Birth, p.Death), atDeath: map[string]decimal.Decimal{}, atEnd: map[string]decimal.Decimal{}}
		}
		atDeath, err := calc.Compute(table, m, b.atDeath)
		if err != nil {
			return nil, fmt.Errorf("recoveries for %s: %w", m, err)
		}
		atEnd, err := calc.Compute(table, m, b.atEnd)
		if err != nil {
			return nil, fmt.Errorf("recoveries for %s: %w", m, err)
		}
		for _, l := range atDeath.Lines {
			out[l.PersonID].atDeath[l.Benefit] = l.Amount
		}
		for _, l := range atEnd.Lines {
			out[l.PersonID].atEnd[l.Benefit] = l.Amount
		}
	}
	return out, nil
}

// paidBackBy returns the row (its roster's person) of the first approved
// month of past after m whose lines pay id arrears (补发) for m, the row
// those arrears were computed for (personIn); nil when none did, or that
// month's listings are not at hand (a month beyond the window).
func paidBackBy(past []*indexed, m domain.Month, id string) *domain.Person {
	for _, p := range past {
		if !p.Month.After(m) || !slices.ContainsFunc(p.LinesOf(id), func(l *domain.Line) bool { return l.Corrects == m }) {
			continue
		}
		for _, l := range p.ListingsOf(id) {
			if !l.Held {
				return l.Person
			}
		}
	}
	return nil
}
