package cli

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"disburse/internal/calc"
	"disburse/internal/domain"
	"disburse/internal/money"
	"disburse/internal/rules"
)

// heldNotPaidBack adds to the message of each row held this month (the
// first of its held findings) what of the month it loses for good: a
// benefit whose arrears_months is 0 (the free electricity allowance, which
// cannot be used retroactively) that the row, as written, would be granted
// is never paid back for a month held, while the other benefits it would
// be paid are paid back once it is corrected within their arrears_months.
// Staff would otherwise wait for the next month to catch it up. A row held
// as stopped (domain.StopCode: nothing is paid back), one whose person is
// paid this month on another row, one under no readable ID, and one whose
// 户号 the month granted to another row (the household had its one grant)
// is not told. copies are the other held rows of people listed held
// (roster.Result.HeldCopies): each is told by its own values, so that both
// streets of a person listed twice read what the month loses.
func heldNotPaidBack(table *rules.Table, m domain.Month, listings []domain.Listing, copies []domain.Person, lines []domain.Line, findings []domain.Finding) error {
	never := false
	for _, b := range table.Monthly() {
		never = never || *b.ArrearsMonths == 0
	}
	if !never {
		return nil
	}
	paid, granted := map[string]bool{}, map[string]bool{}
	for _, l := range lines {
		paid[l.PersonID] = true
		if l.Unit == domain.UnitKWh && l.Account != "" {
			granted[l.Account] = true
		}
	}
	var people []domain.Person
	told := map[string]bool{} // IDs whose rows are told: their copies are too
	add := func(p *domain.Person) {
		q := *p
		q.ElectricityAccount = "" // one grant each: whether the row would take its household's is not asked
		people = append(people, q)
	}
	for _, l := range listings {
		p := l.Person
		if !l.Held || p == nil || p.ID == "" || p.Birth.IsZero() || paid[p.ID] || granted[p.ElectricityAccount] || slices.ContainsFunc(l.Codes, domain.StopCode) {
			continue
		}
		told[p.ID] = true
		add(p)
	}
	for i := range copies {
		if p := &copies[i]; told[p.ID] && !p.Birth.IsZero() && !granted[p.ElectricityAccount] {
			add(p)
		}
	}
	if len(people) == 0 {
		return nil
	}
	res, err := calc.Compute(table, m, people)
	if err != nil {
		return err
	}
	type loss struct{ never, later []*domain.Line }
	losses := map[domain.Location]*loss{} // by the row
	for i := range res.Lines {
		l := &res.Lines[i]
		ls := losses[l.Source.WholeRow()]
		if ls == nil {
			ls = &loss{}
			losses[l.Source.WholeRow()] = ls
		}
		if *table.Benefit(l.Benefit).ArrearsMonths == 0 {
			ls.never = append(ls.never, l)
		} else {
			ls.later = append(ls.later, l)
		}
	}
	first := map[domain.Location]int{} // a row's first held finding
	for k := len(findings) - 1; k >= 0; k-- {
		if f := &findings[k]; f.Severity == domain.Held {
			first[f.Where.WholeRow()] = k
		}
	}
	for at, ls := range losses {
		if k, ok := first[at]; ok && len(ls.never) > 0 {
			findings[k].Message += notPaidBackNote(table, ls.never, ls.later)
		}
	}
	return nil
}

// notPaidBackNote is what heldNotPaidBack adds to a held row's message:
// the benefits of lines never paid back for a month held, citing their
// rules entry, and those of lines later that are, within their
// arrears_months.
func notPaidBackNote(table *rules.Table, never, later []*domain.Line) string {
	var b strings.Builder
	for _, l := range never {
		r := table.Benefit(l.Benefit)
		fmt.Fprintf(&b, "；按本行所填，本月本应享受%s%s%s，但%s暂缓的月份不补发（%s：arrears_months 为0，%s），本行更正后也不再发放本月的%s",
			r.Name, money.Format(l.Amount, l.Unit), domain.UnitText(l.Unit), r.Name, rulesFileName(r), r.Source, r.Name)
	}
	if len(later) > 0 {
		var names []string
		months := map[int]bool{}
		for _, l := range later {
			r := table.Benefit(l.Benefit)
			names = append(names, r.Name)
			months[*r.ArrearsMonths] = true
		}
		if len(months) == 1 {
			fmt.Fprintf(&b, "；%s在%d个月内更正的，随以后月份补发", strings.Join(names, "、"), *table.Benefit(later[0].Benefit).ArrearsMonths)
		} else {
			for i, l := range later {
				names[i] += fmt.Sprintf("（%d个月内）", *table.Benefit(l.Benefit).ArrearsMonths)
			}
			fmt.Fprintf(&b, "；%s更正的，随以后月份补发", strings.Join(names, "、"))
		}
	}
	return b.String()
}

// rulesFileName names the rules file of benefit b as staff find it in the
// rules folder (rules/free_electricity.yaml).
func rulesFileName(b *rules.InForce) string {
	if b.File == "" {
		return "rules/" + b.Code + ".yaml"
	}
	return "rules/" + filepath.Base(b.File)
}
