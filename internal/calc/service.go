package calc

import (
	"disburse/internal/domain"
	"disburse/internal/rules"
)

// Services lists, for each service of the table (period service: items 4,
// 7, 12, 13-14 and 15 of the list), the people of the month a department
// should reach, in service then people order. A band covers a person when
// every condition it states holds: reaching turns_age during the month (the
// birthday that reaches it falls in the month, 29 February counting on 28
// February in common years), being min_age or older, the month being one of
// months, being dibao. The first band that covers a person gives the line.
// People whose 死亡日期 is before the month are left out. Lines carry no
// amount: Band is the band's label and Params.Note its standard.
func Services(t *rules.Table, month domain.Month, people []domain.Person) []domain.Line {
	var out []domain.Line
	last, prevLast := month.Last(), month.Prev().Last()
	for _, s := range t.Services() {
		for i := range people {
			p := &people[i]
			if !p.Death.IsZero() && p.Death.Before(month.First()) {
				continue
			}
			age := domain.Age(p.Birth, last)
			for _, b := range s.Version.Bands {
				if !serviceCovers(&b, p, age, domain.Age(p.Birth, prevLast), month) {
					continue
				}
				out = append(out, domain.Line{
					PersonID: p.ID, Name: p.Name, Street: p.Street, Community: p.Community,
					Benefit: s.Code, Department: s.Department, Band: b.Label, Source: p.Source,
					Params: domain.Params{Item: s.Version.Item, Effective: s.Version.Effective.Time, Period: s.Period, Age: age, Month: int(month.Month), Note: b.Standard},
				})
				break
			}
		}
	}
	return out
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
