package calc

import (
	"fmt"
	"iter"
	"slices"

	"disburse/internal/domain"
	"disburse/internal/rules"
)

// ServiceLists are the people of a month whom the table's services (period
// service: items 4, 7, 12, 13-14 and 15 of the list) should reach. A band
// covers a person when every condition it states holds: reaching turns_age
// during the month (the birthday that reaches it falls in the month, 29
// February counting on 28 February in common years), being min_age or older,
// the month being one of months, being dibao. The first band that covers a
// person gives the line. People with a 死亡日期 in or before the month are
// left out: there is nobody to reach. Lines carry no amount: Band is the band's label and Params.Note its
// standard. The lines are worked out each time they are asked for and never
// held: a province's month reaches a million people.
//
// A person no band covers this month is caught up (补列) on a birthday
// band missed: one whose turns_age they reached in one of the
// rules.Table.ArrearsWindow months before, when an approved month's rosters listed
// them held (暂缓) and so on no list, and no approved month since listed
// them unheld (that month caught them up). Its line's Band says so:
// 补列：2026年11月年满60周岁（当月暂缓）. Earlier gives those months'
// listings.
type ServiceLists struct {
	t       *rules.Table
	month   domain.Month
	people  []domain.Person
	earlier Earlier
	reach   int
}

// Earlier is, for each ID of BirthdaysBefore, the approved months from
// its first month up to the month of the lists that listed the person,
// oldest first, each held or not: what ServiceLists needs of the past to
// catch up a birthday list missed. A month not approved is not in it.
type Earlier map[string][]domain.Listed

// Services returns the service lists of month for people (not copied),
// catching up the birthday lists earlier shows were missed (nil: none).
func Services(t *rules.Table, month domain.Month, people []domain.Person, earlier Earlier) ServiceLists {
	return ServiceLists{t: t, month: month, people: people, earlier: earlier, reach: t.ArrearsWindow}
}

// BirthdaysBefore returns the IDs of the people, alive at the end of
// month, who reached a service's turns_age in one of the t.ArrearsWindow
// months before it, and the first of those months: the people whose
// listings Services needs in Earlier, and from when.
func BirthdaysBefore(t *rules.Table, month domain.Month, people []domain.Person) (ids []string, from domain.Month) {
	reach := t.ArrearsWindow
	from = month.Back(reach)
	if reach == 0 {
		return nil, from
	}
	var ages []int
	for _, s := range t.Services() {
		for _, b := range s.Version.Bands {
			if b.TurnsAge != nil && !slices.Contains(ages, *b.TurnsAge) {
				ages = append(ages, *b.TurnsAge)
			}
		}
	}
	last := month.Last()
	for i := range people {
		p := &people[i]
		if !p.Death.IsZero() && !p.Death.After(last) {
			continue
		}
		for _, a := range ages {
			// 29 February reaches an age on 28 February: the same month.
			if n := (domain.Month{Year: p.Birth.Year() + a, Month: p.Birth.Month()}).MonthsUntil(month); n >= 1 && n <= reach {
				ids = append(ids, p.ID)
				break
			}
		}
	}
	return ids, from
}

// All yields the lines of every service, in service then people order.
func (sl ServiceLists) All() iter.Seq[domain.Line] {
	return func(yield func(domain.Line) bool) {
		for _, s := range sl.t.Services() {
			for l := range sl.of(s) {
				if !yield(l) {
					return
				}
			}
		}
	}
}

// Of yields the lines of the service whose code is code, in people order;
// nothing when the table has no such service.
func (sl ServiceLists) Of(code string) iter.Seq[domain.Line] {
	for _, s := range sl.t.Services() {
		if s.Code == code {
			return sl.of(s)
		}
	}
	return func(func(domain.Line) bool) {}
}

func (sl ServiceLists) of(s rules.InForce) iter.Seq[domain.Line] {
	month := sl.month
	last, prevLast := month.Last(), month.Prev().Last()
	return func(yield func(domain.Line) bool) {
		for i := range sl.people {
			p := &sl.people[i]
			if !p.Death.IsZero() && !p.Death.After(last) {
				continue // nobody to reach
			}
			age := domain.Age(p.Birth, last)
			label := ""
			b := firstBand(s, p, month, age, domain.Age(p.Birth, prevLast))
			if b != nil {
				label = b.Label
			} else if b, label = sl.missed(s, p); b == nil {
				continue
			}
			l := domain.Line{
				PersonID: p.ID, Name: p.Name, Street: p.Street, Community: p.Community,
				Benefit: s.Code, Department: s.Department, Band: label, Source: &p.Source,
				Params: &domain.Params{Item: s.Version.Item, Effective: s.Version.Effective.Time, Period: s.Period, Age: age, Month: int(month.Month), Note: b.Standard},
			}
			if !yield(l) {
				return
			}
		}
	}
}

// firstBand returns the first band of s that covers p in month m, nil for
// none; age and agePrev are p's 周岁 at the end of m and of the month
// before (worked out once a list by the caller: a province's month asks
// for a million people).
func firstBand(s rules.InForce, p *domain.Person, m domain.Month, age, agePrev int) *rules.Band {
	for i := range s.Version.Bands {
		if b := &s.Version.Bands[i]; serviceCovers(b, p, age, agePrev, m) {
			return b
		}
	}
	return nil
}

// missed returns the birthday band (turns_age) of s that covered p in a
// month within reach whose approved run held p's row, when no approved
// month since listed p unheld, with the label of its catch-up line; nil
// when there is none (the oldest such month first).
func (sl ServiceLists) missed(s rules.InForce, p *domain.Person) (*rules.Band, string) {
	listed := sl.earlier[p.ID]
	if len(listed) == 0 {
		return nil, ""
	}
	for k := sl.reach; k >= 1; k-- {
		m := sl.month.Back(k)
		b := firstBand(s, p, m, domain.Age(p.Birth, m.Last()), domain.Age(p.Birth, m.Prev().Last()))
		if b == nil || b.TurnsAge == nil || !heldIn(listed, m) {
			continue
		}
		if slices.ContainsFunc(listed, func(l domain.Listed) bool { return l.Month.After(m) && sl.month.After(l.Month) && !l.Held }) {
			continue // listed unheld since: that month caught them up
		}
		return b, fmt.Sprintf("补列：%s年满%d周岁（当月暂缓）", m.Chinese(), *b.TurnsAge)
	}
	return nil, ""
}

// heldIn reports whether listed has month m, held.
func heldIn(listed []domain.Listed, m domain.Month) bool {
	return slices.ContainsFunc(listed, func(l domain.Listed) bool { return l.Month == m && l.Held })
}

func serviceCovers(b *rules.Band, p *domain.Person, age, agePrev int, m domain.Month) bool {
	if b.TurnsAge != nil && !(age == *b.TurnsAge && agePrev < *b.TurnsAge) {
		return false
	}
	if b.MinAge != nil && age < *b.MinAge {
		return false
	}
	if b.MaxAge != nil && age > *b.MaxAge {
		return false
	}
	if len(b.Months) > 0 {
		in := false
		for _, x := range b.Months {
			in = in || x == int(m.Month)
		}
		if !in {
			return false
		}
	}
	return !b.Dibao || p.Dibao.IsDibao()
}
