package calc

import (
	"iter"

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
type ServiceLists struct {
	t      *rules.Table
	month  domain.Month
	people []domain.Person
}

// Services returns the service lists of month for people (not copied).
func Services(t *rules.Table, month domain.Month, people []domain.Person) ServiceLists {
	return ServiceLists{t: t, month: month, people: people}
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
			for _, b := range s.Version.Bands {
				if !serviceCovers(&b, p, age, domain.Age(p.Birth, prevLast), month) {
					continue
				}
				l := domain.Line{
					PersonID: p.ID, Name: p.Name, Street: p.Street, Community: p.Community,
					Benefit: s.Code, Department: s.Department, Band: b.Label, Source: &p.Source,
					Params: &domain.Params{Item: s.Version.Item, Effective: s.Version.Effective.Time, Period: s.Period, Age: age, Month: int(month.Month), Note: b.Standard},
				}
				if !yield(l) {
					return
				}
				break
			}
		}
	}
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
