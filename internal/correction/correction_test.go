package correction

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"disburse/internal/calc"
	"disburse/internal/domain"
	"disburse/internal/money"
	"disburse/internal/rules"
)

func month(y, m int) domain.Month { return domain.Month{Year: y, Month: time.Month(m)} }

func born(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// book reads the repository's rules, with edit applied to senior_allowance.
func book(t *testing.T, edit func(string) string) *rules.Book {
	t.Helper()
	return bookEdited(t, "senior_allowance.yaml", edit)
}

// bookEdited reads the repository's rules, with edit applied to file.
func bookEdited(t *testing.T, file string, edit func(string) string) *rules.Book {
	t.Helper()
	files := map[string][]byte{}
	paths, _ := filepath.Glob("../../rules/*.yaml")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(p) == file && edit != nil {
			b = []byte(edit(string(b)))
		}
		files[filepath.Base(p)] = b
	}
	bk, err := rules.FromFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	return bk
}

// paidMonth computes month m for people under bk, as a recorded month.
func paidMonth(t *testing.T, bk *rules.Book, m domain.Month, people []domain.Person) Past {
	t.Helper()
	tab, err := bk.ForMonth(m)
	if err != nil {
		t.Fatal(err)
	}
	res, err := calc.Compute(tab, m, people)
	if err != nil {
		t.Fatal(err)
	}
	p := Past{Month: m, Lines: res.Lines}
	for _, pp := range people {
		p.Listings = append(p.Listings, domain.Listing{Person: &pp})
	}
	return p
}

func person(id string, birth time.Time) domain.Person {
	return domain.Person{ID: id, Name: "某" + id[len(id)-2:], Birth: birth, BankAccount: "6217"}
}

func describe(lines []domain.Line) string {
	var s []string
	for _, l := range lines {
		s = append(s, fmt.Sprintf("%s %s %s %s", l.PersonID, l.Corrects, l.Benefit, money.Format(l.Amount, l.Unit)))
	}
	return strings.Join(s, "\n")
}

// A rate rise entered in November with effect from September pays each
// person exactly the difference for September and October, month by month
// with the cumulative rounding of the new annual rate.
func TestRateChangeDatedBackTwoMonths(t *testing.T) {
	old := book(t, nil)
	raised := allowanceRaisedFrom(t, month(2026, 9))
	a := person("140502194204206481", born(1942, 4, 20))
	b := person("140502193611080748", born(1936, 11, 8)) // 89 until November: 90-99 rate unchanged
	dib := person("140502194001010011", born(1940, 1, 1))
	dib.Dibao = domain.DibaoUrban // dibao rate unchanged
	people := []domain.Person{a, b, dib}
	past := []Past{paidMonth(t, old, month(2026, 9), people), paidMonth(t, old, month(2026, 10), people)}
	cur := paidMonth(t, raised, month(2026, 11), people)
	// 1000/year: September 750.00-666.67 = 83.33 and October 833.33-750.00 =
	// 83.33, against 76.67 paid at 920/year: 6.66 each. 宋 turned 90 in
	// November; in September and October he was 89 and is due the raise too.
	got := mustArrears(t, &Input{Month: month(2026, 11), Book: raised, Lines: cur.Lines, People: people, Past: past},
		"140502194204206481 2026-09 senior_allowance 6.66",
		"140502194204206481 2026-10 senior_allowance 6.66",
		"140502193611080748 2026-09 senior_allowance 6.66",
		"140502193611080748 2026-10 senior_allowance 6.66",
	)
	if !strings.Contains(got[0].Params.Note, "已发76.67元") || !strings.Contains(got[0].Band, "补发2026-09") {
		t.Errorf("arrears line does not explain itself: %+v", got[0])
	}
	// Recorded once: the next month finds them done and pays nothing more.
	done := Done{Arrears: map[string]int64{}}
	for _, l := range got {
		h, _ := money.Hundredths(l.Amount)
		done.Arrears[Key(l.PersonID, l.Benefit, l.Corrects)] += h
	}
	again, _, _ := Arrears(&Input{Month: month(2026, 12), Book: raised, Lines: paidMonth(t, raised, month(2026, 12), people).Lines, People: people, Past: append(past, cur), Done: done})
	if len(again) != 0 {
		t.Errorf("arrears paid twice:\n%s", describe(again))
	}
}

// A person first listed in November who turned 80 in August gets arrears for
// August, September and October (three months back), at each month's
// cumulative share.
func TestFirstListedGetsArrearsThreeMonthsBack(t *testing.T) {
	bk := book(t, nil)
	old := person("140502194204206481", born(1942, 4, 20))
	newcomer := person("140502194608150023", born(1946, 8, 15))
	var past []Past
	for _, m := range []int{7, 8, 9, 10} {
		past = append(past, paidMonth(t, bk, month(2026, m), []domain.Person{old}))
	}
	people := []domain.Person{old, newcomer}
	cur := paidMonth(t, bk, month(2026, 11), people)
	got, notices, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: people, Past: past})
	if err != nil {
		t.Fatal(err)
	}
	// He turned 80 in August: July owed him nothing, and no notice asks
	// staff to look before the window.
	for _, f := range notices {
		if f.Code == "arrears_window_edge" {
			t.Errorf("window notice for someone 79 before August: %s", f.Message)
		}
	}
	want := strings.Join([]string{
		"140502194608150023 2026-08 senior_allowance 76.66",
		"140502194608150023 2026-09 senior_allowance 76.67",
		"140502194608150023 2026-10 senior_allowance 76.67",
	}, "\n")
	if describe(got) != want {
		t.Errorf("arrears:\n%s\nwant:\n%s", describe(got), want)
	}
	if !strings.Contains(got[0].Params.Note, "当月未列入花名册") {
		t.Errorf("note %q", got[0].Params.Note)
	}
}

// Someone 80 since long before, first listed in November, is paid three
// months back; the months before the window are not computed, and a
// notice beside the earliest says so, for staff to check by hand.
func TestArrearsWindowEdgeIsTold(t *testing.T) {
	bk := book(t, nil)
	long := person("140502194001010011", born(1940, 1, 1))
	var past []Past
	for _, m := range []int{7, 8, 9, 10} {
		past = append(past, paidMonth(t, bk, month(2026, m), nil))
	}
	cur := paidMonth(t, bk, month(2026, 11), []domain.Person{long})
	got, notices, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{long}, Past: past})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("arrears:\n%s", describe(got))
	}
	var edge []string
	for _, f := range notices {
		if f.Code == "arrears_window_edge" {
			edge = append(edge, f.AsWritten+" "+f.Message)
		}
	}
	if len(edge) != 1 || !strings.HasPrefix(edge[0], long.ID+" 高龄津贴补发到2026年8月为止（补发期限3个月）") || !strings.Contains(edge[0], "2026年7月也应发76.67元") {
		t.Errorf("window notices %q", edge)
	}
	// Paid in July, the month before the window (held from August on, say):
	// nothing before the window is owed, and nothing is told.
	var asked []string
	_, notices, err = Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{long}, Past: past,
		PaidIn: func(m domain.Month, ids []string) (map[string]bool, error) {
			asked = append(asked, m.String()+" "+strings.Join(ids, ","))
			return map[string]bool{long.ID + "|senior_allowance": true}, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(notices, func(f domain.Finding) bool { return f.Code == "arrears_window_edge" }) || !slices.Equal(asked, []string{"2026-07 " + long.ID}) {
		t.Errorf("paid in July: notices %+v, asked %v", notices, asked)
	}
}

// A row held in October (暂缓: its 低保类别 could not be read) and corrected
// in November is paid October as arrears, by the corrected row, once.
func TestHeldThenCorrectedGetsArrears(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194608150023", born(1944, 8, 15))
	oct := paidMonth(t, bk, month(2026, 10), nil)
	held := p
	oct.Listings = []domain.Listing{{Person: &held, Held: true, Codes: []string{"value_unknown"}}}
	cur := paidMonth(t, bk, month(2026, 11), []domain.Person{p})
	got := mustArrears(t, &Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{oct}}, "140502194608150023 2026-10 senior_allowance 76.67")
	if n := got[0].Params.Note; !strings.Contains(n, "暂缓（value_unknown）") || !strings.Contains(n, "已更正") {
		t.Errorf("note %q", n)
	}
	// Once recorded, the same arrears are not paid again.
	done := Done{Arrears: map[string]int64{Key(p.ID, "senior_allowance", month(2026, 10)): 7667}}
	again, _, err := Arrears(&Input{Month: month(2026, 12), Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{oct}, Done: done})
	if err != nil || len(again) != 0 {
		t.Errorf("arrears after they were paid: %s %v", describe(again), err)
	}
}

// A row held in October for a reason that says nothing of her statuses
// (account_shared) is paid back by October's row: 低保 then and not in
// November, October is owed at the dibao rate (1640 a year: 136.67); not
// 低保 then and 低保 in November, at 920 (76.67). Held for a value that
// could not be read in a column that decides a rate (value_unknown, the
// listing's StatusDoubted), the row's 低保类别 is no word of October's,
// and November's corrected row decides, as the note says; unreadable in
// the 银行账号, it is October's row again.
func TestHeldMonthPaidBackByItsOwnRow(t *testing.T) {
	bk := book(t, nil)
	for _, c := range []struct {
		name      string
		then, now domain.Dibao
		code      string
		doubted   bool
		want      string
		note      string
	}{
		{"低保 until October", domain.DibaoUrban, domain.DibaoNone, "account_shared", false, "136.67", "按当月花名册的行"},
		{"低保 since November", domain.DibaoNone, domain.DibaoUrban, "account_shared", false, "76.67", "按当月花名册的行"},
		{"低保类别 unreadable in October", domain.DibaoNone, domain.DibaoUrban, "value_unknown", true, "136.67", "按本月更正后的信息"},
		{"银行账号 unreadable in October", domain.DibaoUrban, domain.DibaoNone, "value_unknown", false, "136.67", "按当月花名册的行"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := person("140502194608150023", born(1944, 8, 15))
			held, now := p, p
			held.Dibao, now.Dibao = c.then, c.now
			oct := paidMonth(t, bk, month(2026, 10), nil)
			oct.Listings = []domain.Listing{{Person: &held, Held: true, Codes: []string{c.code}, StatusDoubted: c.doubted}}
			cur := paidMonth(t, bk, month(2026, 11), []domain.Person{now})
			wantArrears(t, &Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{now}, Past: []Past{oct}},
				"140502194608150023 2026-10 senior_allowance "+c.want, c.note)
		})
	}
}

// October's rosters did not list her; November's does, 低保. September's
// row, not 低保, says October may not have been owed the dibao rate that
// November's gives: October is not paid back by a guess, a notice
// (arrears_status_unknown) quotes both rows and both amounts. When
// September's row agrees with November's, or no month before listed her,
// October is paid by November's row, the note saying so.
func TestUnlistedMonthBetweenRowsThatDisagreeIsTold(t *testing.T) {
	bk := book(t, nil)
	for _, c := range []struct {
		name string
		sep  *domain.Dibao // September's row; nil: not listed
		paid bool
	}{
		{"September not 低保", ptr(domain.DibaoNone), false},
		{"September 低保 too", ptr(domain.DibaoUrban), true},
		{"first listed in November", nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := person("140502194608150023", born(1944, 8, 15))
			now := p
			now.Dibao = domain.DibaoUrban
			past := []Past{paidMonth(t, bk, month(2026, 10), nil)}
			if c.sep != nil {
				then := p
				then.Dibao = *c.sep
				past = append(past, paidMonth(t, bk, month(2026, 9), []domain.Person{then}))
			}
			cur := paidMonth(t, bk, month(2026, 11), []domain.Person{now})
			got, notices, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{now}, Past: past})
			if err != nil {
				t.Fatal(err)
			}
			paid := slices.ContainsFunc(got, func(l domain.Line) bool {
				return l.Corrects == month(2026, 10) && l.Benefit == "senior_allowance" && l.Amount.StringFixed(2) == "136.67" && strings.Contains(l.Params.Note, "没有当月的行可依")
			})
			told := slices.ContainsFunc(notices, func(f domain.Finding) bool {
				return f.Code == "arrears_status_unknown" && strings.Contains(f.Message, "应发136.67元") && strings.Contains(f.Message, "2026年9月花名册的行（低保类别：无") && strings.Contains(f.Message, "应发76.67元")
			})
			if paid != c.paid || told == c.paid {
				t.Errorf("October paid back %v, told %v:\n%s\n%+v", paid, told, describe(got), notices)
			}
		})
	}
}

// The month after, December, the rows around October still disagree: the
// notice asked staff to pay it by hand, and asked again word for word in
// December, when two offices could each pay it. December says November's
// run held it back, and not to pay it twice.
func TestUnlistedMonthBetweenRowsThatDisagreeIsToldOnce(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194608150023", born(1944, 8, 15))
	now := p
	now.Dibao = domain.DibaoUrban
	past := []Past{paidMonth(t, bk, month(2026, 9), []domain.Person{p}), paidMonth(t, bk, month(2026, 10), nil), paidMonth(t, bk, month(2026, 11), []domain.Person{now})}
	cur := paidMonth(t, bk, month(2026, 12), []domain.Person{now})
	for _, c := range []struct {
		name     string
		withheld map[string]Withholding
		code     string
	}{
		{"not told before", nil, "arrears_status_unknown"},
		{"told by November's run", map[string]Withholding{p.ID: {Month: month(2026, 11), Code: "arrears_status_unknown"}}, "arrears_withheld_earlier"},
	} {
		got, notices, err := Arrears(&Input{Month: month(2026, 12), Book: bk, Lines: cur.Lines, People: []domain.Person{now}, Past: past, WithheldUntil: c.withheld})
		if err != nil {
			t.Fatal(err)
		}
		if slices.ContainsFunc(got, func(l domain.Line) bool { return l.Corrects == month(2026, 10) }) {
			t.Errorf("%s: October paid back: %s", c.name, describe(got))
		}
		var codes []string
		for _, f := range notices {
			codes = append(codes, f.Code)
			if f.Code == "arrears_withheld_earlier" && !strings.Contains(f.Message, "如已按2026-11的提示手工补发，请勿重复发放") {
				t.Errorf("%s: %s", c.name, f.Message)
			}
		}
		if !slices.Equal(codes, []string{c.code}) {
			t.Errorf("%s: notices %v, want %s", c.name, codes, c.code)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// allowanceRaisedFrom is the repository's rules with the 80-89 senior
// allowance raised to 1000.00 a year from the first of month m, entered
// late.
func allowanceRaisedFrom(t *testing.T, m domain.Month) *rules.Book {
	t.Helper()
	return book(t, func(s string) string {
		return s + `  - effective: ` + m.First().Format("2006-01-02") + `
    item: "16、17"
    bands:
      - label: 80-89周岁
        min_age: 80
        max_age: 89
        amount: "1000.00"
        dibao_amount: "1640.00"
      - label: 90-99周岁
        min_age: 90
        max_age: 99
        amount: "2760.00"
        dibao_amount: "3240.00"
      - label: 100周岁以上
        min_age: 100
        amount: "5400.00"
        dibao_amount: "5400.00"
`
	})
}

// August's row gave a 死亡日期 of 25 July in error, so August paid
// nothing; September's row said 健在 and September paid August back
// (76.67); the 健在 stands, so November's row need not repeat it. A rise
// entered in November with effect from August owes August its difference,
// as for any month: the date was an error whichever month said so
// (Input.AliveSaid). A 健在 said before the month (July) withdraws
// nothing of August's date.
func TestAliveSaidInAnEarlierMonthCountsForARiseDatedBack(t *testing.T) {
	old, raised := book(t, nil), allowanceRaisedFrom(t, month(2026, 8))
	p := person("140502194204206481", born(1942, 4, 20))
	aug := paidDead(t, old, month(2026, 8), p, born(2026, 7, 25))
	cur := paidMonth(t, raised, month(2026, 11), []domain.Person{p})
	in := func(said domain.Month) *Input {
		return &Input{Month: month(2026, 11), Book: raised, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{aug},
			AliveSaid: map[string]domain.Month{p.ID: said},
			Done:      Done{Arrears: map[string]int64{Key(p.ID, "senior_allowance", month(2026, 8)): 7666}}}
	}
	// 1000/year: August 666.67-583.33 = 83.34, against 76.66 paid back
	// (613.33-536.67 at 920/year).
	got := mustArrears(t, in(month(2026, 9)), "140502194204206481 2026-08 senior_allowance 6.68")
	if n := got[0].Params.Note; !strings.Contains(n, "死亡日期2026-07-25") || !strings.Contains(n, "2026-09备注健在") {
		t.Errorf("note %q", n)
	}
	if got, _, _ := Arrears(in(month(2026, 7))); len(got) != 0 {
		t.Errorf("arrears on a 健在 said before the date:\n%s", describe(got))
	}
}

// A senior paid in August and September died on 10 September; October's
// roster deleted her row, as staff do once the death is recorded. A rise
// entered in November with effect from August owes her estate August's and
// September's difference: recorded as arrears without an account (the bank
// file's 无账号待处理, not sent), saying to pay the heirs by hand, and so
// never owed again. A death list naming someone on no roster (DeadOffRoster)
// is owed alike. October, after the death, is owed nothing, nor is a month
// whose row was held (arrears_dead_unlisted tells of that).
func TestRiseDatedBackOwesTheEstateOfTheDeadWhoseRowsAreGone(t *testing.T) {
	old, raised := book(t, nil), allowanceRaisedFrom(t, month(2026, 8))
	p := person("140502194204206481", born(1942, 4, 20))
	p.Street = "东街街道"
	q := person("140502193611080748", born(1936, 11, 8)) // 89 until November
	q.BankAccount = "6218"
	aug := paidMonth(t, old, month(2026, 8), []domain.Person{p, q})
	sep := paidMonth(t, old, month(2026, 9), []domain.Person{p, q})
	oct := paidMonth(t, old, month(2026, 10), []domain.Person{q})
	aug.Listings[0].Person.Source.File, sep.Listings[0].Person.Source.File = "2026年8月东街.xlsx", "2026年9月东街.xlsx"
	died := born(2026, 9, 10)
	in := &Input{Month: month(2026, 11), Book: raised, Past: []Past{aug, sep, oct},
		DeadOnRecord: []domain.Person{{ID: p.ID, Death: died}}, DeadOffRoster: []domain.Person{{ID: q.ID, Name: q.Name, Death: born(2026, 10, 31)}}}
	// 1000/year against 920: August 83.34-76.66, September 83.33-76.67,
	// October 83.33-76.67.
	got := mustArrears(t, in,
		"140502194204206481 2026-08 senior_allowance 6.68",
		"140502194204206481 2026-09 senior_allowance 6.66",
		"140502193611080748 2026-08 senior_allowance 6.68",
		"140502193611080748 2026-09 senior_allowance 6.66",
		"140502193611080748 2026-10 senior_allowance 6.66",
	)
	for _, l := range got {
		if l.Account != "" || !strings.Contains(l.Params.Note, "遗属") || l.Source == nil {
			t.Errorf("estate arrears sent or unexplained: account %q, note %q", l.Account, l.Params.Note)
		}
	}
	if got[0].Name != p.Name || got[0].Street != "东街街道" || got[0].Source.File != "2026年8月东街.xlsx" || got[1].Source.File != "2026年9月东街.xlsx" {
		t.Errorf("estate arrears not named by the row they were paid on: %+v", got[0])
	}
	in.Done = Done{Arrears: map[string]int64{}}
	for _, l := range got {
		in.Done.Arrears[Key(l.PersonID, l.Benefit, l.Corrects)] = l.Amount.Shift(2).IntPart()
	}
	if again, _, _ := Arrears(in); len(again) != 0 {
		t.Errorf("estate arrears owed again:\n%s", describe(again))
	}
	// September's row held: owed nothing by itself, unless October paid
	// it back (at the old rate); then the rise reaches it too.
	sep.Listings[0].Held, sep.Listings[0].Codes = true, []string{"death_date_invalid"}
	sep.Lines = slices.DeleteFunc(sep.Lines, func(l domain.Line) bool { return l.PersonID == p.ID })
	held := func(done Done) *Input {
		return &Input{Month: month(2026, 11), Book: raised, Past: []Past{aug, sep, oct}, Done: done,
			DeadOnRecord: []domain.Person{{ID: p.ID, Death: died}}}
	}
	if got, _, _ := Arrears(held(Done{})); describe(got) != "140502194204206481 2026-08 senior_allowance 6.68" {
		t.Errorf("arrears with September held:\n%s", describe(got))
	}
	paidBack := Done{Arrears: map[string]int64{Key(p.ID, "senior_allowance", month(2026, 9)): 7667}}
	got, _, _ = Arrears(held(paidBack))
	if describe(got) != "140502194204206481 2026-08 senior_allowance 6.68\n140502194204206481 2026-09 senior_allowance 6.66" {
		t.Fatalf("arrears with September held and paid back:\n%s", describe(got))
	}
	if n := got[1].Params.Note; !strings.Contains(n, "以后月份已补发76.67元") {
		t.Errorf("September's note does not name what was paid back: %q", n)
	}
}

// October's row gave a 死亡日期 of 20 September in error, so October paid
// nothing; November's row says 健在 (Input.Alive). October is owed as
// arrears, naming the date, and nothing is recovered. Without 健在 a row
// that merely gives no date is owed nothing, nor is one that still gives a
// date, whatever Alive says.
func TestAliveAfterAWrongDeathGetsArrears(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194204206481", born(1942, 4, 20))
	oct := paidDead(t, bk, month(2026, 10), p, born(2026, 9, 20))
	cur := paidMonth(t, bk, month(2026, 11), []domain.Person{p})
	in := func(now domain.Person, alive bool) *Input {
		in := &Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{now}, Past: []Past{oct}}
		if alive {
			in.Alive = map[string]bool{p.ID: true}
		}
		return in
	}
	got := mustArrears(t, in(p, true), "140502194204206481 2026-10 senior_allowance 76.67")
	if n := got[0].Params.Note; !strings.Contains(n, "死亡日期2026-09-20") || !strings.Contains(n, "健在") {
		t.Errorf("note %q", n)
	}
	if r := recoveries(t, in(p, true)); len(r) != 0 {
		t.Errorf("recovered from a person released as alive: %+v", r)
	}
	if oct.Listings[0].Person.Death.IsZero() {
		t.Error("the approved month's row was changed")
	}
	if got, _, _ := Arrears(in(p, false)); len(got) != 0 {
		t.Errorf("arrears without 健在:\n%s", describe(got))
	}
	if got, _, _ := Arrears(in(*oct.Listings[0].Person, true)); len(got) != 0 { // October's row, with its date
		t.Errorf("arrears for a row that still gives a 死亡日期:\n%s", describe(got))
	}
	// Once recorded, the same arrears are not paid again.
	again := in(p, true)
	again.Done = Done{Arrears: map[string]int64{Key(p.ID, "senior_allowance", month(2026, 10)): 7667}}
	if got, _, err := Arrears(again); err != nil || len(got) != 0 {
		t.Errorf("arrears after they were paid: %s %v", describe(got), err)
	}
}

// A person paid in October without a 银行账号 was listed on 无账号待处理 and
// the bank sent nothing: once November's roster gives the account, October
// is paid as arrears, once. While there is still no account nothing is
// made, and someone paid to an account in October gets nothing more.
func TestNoAccountThenAccountGetsArrears(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194608150023", born(1944, 8, 15))
	noAccount := p
	noAccount.BankAccount = ""
	oct := paidMonth(t, bk, month(2026, 10), []domain.Person{noAccount})
	cur := paidMonth(t, bk, month(2026, 11), []domain.Person{p})
	wantArrears(t, &Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{oct}},
		"140502194608150023 2026-10 senior_allowance 76.67", "未填银行账号")
	done := Done{Arrears: map[string]int64{Key(p.ID, "senior_allowance", month(2026, 10)): 7667}}
	if again, _, err := Arrears(&Input{Month: month(2026, 12), Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{oct}, Done: done}); err != nil || len(again) != 0 {
		t.Errorf("arrears after they were paid: %s %v", describe(again), err)
	}
	still := paidMonth(t, bk, month(2026, 11), []domain.Person{noAccount})
	if none, _, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: still.Lines, People: []domain.Person{noAccount}, Past: []Past{oct}}); err != nil || len(none) != 0 {
		t.Errorf("arrears without an account yet: %s %v", describe(none), err)
	}
	// Unsent money is owed beyond arrears_months (3): October's is paid in
	// March as it is, not computed again.
	mar := paidMonth(t, bk, month(2027, 3), []domain.Person{p})
	late, _, err := Arrears(&Input{Month: month(2027, 3), Book: bk, Lines: mar.Lines, People: []domain.Person{p}, Past: []Past{oct}})
	if want := "140502194608150023 2026-10 senior_allowance 76.67"; err != nil || describe(late) != want {
		t.Errorf("unsent money after arrears_months:\n%s %v\nwant:\n%s", describe(late), err, want)
	}
	sent := paidMonth(t, bk, month(2026, 10), []domain.Person{p})
	if none, _, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{sent}}); err != nil || len(none) != 0 {
		t.Errorf("arrears for a month sent to the bank: %s %v", describe(none), err)
	}
}

// Arrears recorded without a 银行账号 were never sent either: September,
// held, was paid back in October as 补发 while the row had no account.
// Once November's row gives one, September's 补发 is owed as much as
// October's own money, within arrears_months and beyond it; once paid to
// the account it is owed no more.
func TestUnsentArrearsPaidOnceThereIsAnAccount(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194608150023", born(1944, 8, 15))
	noAccount := p
	noAccount.BankAccount = ""
	sep := Past{Month: month(2026, 9), Listings: []domain.Listing{{Person: &p, Held: true, Codes: []string{"value_unknown"}}}}
	oct := paidMonth(t, bk, month(2026, 10), []domain.Person{noAccount})
	back := oct.Lines[0]
	back.Corrects, back.Band, back.Amount = month(2026, 9), "补发2026-09 "+back.Band, money.FromHundredths(7667)
	oct.Lines = append(oct.Lines, back)
	sepKey := Key(p.ID, "senior_allowance", month(2026, 9))
	unsentOnly := Done{Arrears: map[string]int64{sepKey: 7667}}
	cur := paidMonth(t, bk, month(2026, 11), []domain.Person{p})
	got, _, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{sep, oct}, Done: unsentOnly})
	if want := "140502194608150023 2026-09 senior_allowance 76.67\n140502194608150023 2026-10 senior_allowance 76.67"; err != nil || describe(got) != want {
		t.Errorf("November's arrears:\n%s %v\nwant:\n%s", describe(got), err, want)
	}
	feb := paidMonth(t, bk, month(2027, 2), []domain.Person{p})
	late, _, err := Arrears(&Input{Month: month(2027, 2), Book: bk, Lines: feb.Lines, People: []domain.Person{p}, Past: []Past{sep, oct}, Done: unsentOnly})
	if err != nil || len(late) != 2 || late[0].Corrects != month(2026, 9) || late[0].Band != back.Band || !strings.Contains(late[0].Params.Note, "未填银行账号") {
		t.Errorf("February, beyond arrears_months:\n%s %v", describe(late), err)
	}
	paid := Done{Arrears: map[string]int64{sepKey: 7667 * 2, Key(p.ID, "senior_allowance", month(2026, 10)): 7667}}
	for _, m := range []Past{cur, feb} {
		if again, _, err := Arrears(&Input{Month: m.Month.Next(), Book: bk, Lines: m.Lines, People: []domain.Person{p}, Past: []Past{sep, oct}, Done: paid}); err != nil || len(again) != 0 {
			t.Errorf("after %s: arrears paid again: %s %v", m.Month, describe(again), err)
		}
	}
}

// careRaisedFromAugust is the repository's rules with 护理补贴 raised from
// 100 to 120 from 1 August 2026.
func careRaisedFromAugust(t *testing.T) *rules.Book {
	t.Helper()
	return bookEdited(t, "care_subsidy.yaml", func(s string) string {
		return s + `  - effective: 2026-08-01
    item: "19"
    bands:
      - label: 不能自理 经济困难
        min_age: 60
        amount: "120.00"
`
	})
}

// 护理补贴 raised from 100 to 120 from August, entered in October: a senior
// paid the higher 重度残疾人护理补贴 (109) in August and September (同类补贴择高)
// is paid 护理补贴 from October, and is owed for August and September the
// difference, 11.00 each, not the whole 120 as if nothing had been paid.
func TestArrearsOfARiseCountTheOtherBenefitOfTheGroup(t *testing.T) {
	old, raised := book(t, nil), careRaisedFromAugust(t)
	p := person("140502195106060081", born(1951, 6, 6))
	p.Dibao, p.SelfCare, p.Disability = domain.DibaoUrban, domain.SelfCareUnable, domain.Disability{Grade: 2, Category: "肢体"}
	aug := paidMonth(t, old, month(2026, 8), []domain.Person{p})
	sep := paidMonth(t, old, month(2026, 9), []domain.Person{p})
	if !strings.Contains(describe(aug.Lines), "disability_care_subsidy 109.00") || strings.Contains(describe(aug.Lines), " care_subsidy") {
		t.Fatalf("August under the old rules: %s", describe(aug.Lines))
	}
	oct := paidMonth(t, raised, month(2026, 10), []domain.Person{p})
	got, _, err := Arrears(&Input{Month: month(2026, 10), Book: raised, Lines: oct.Lines, People: []domain.Person{p}, Past: []Past{aug, sep}})
	if err != nil {
		t.Fatal(err)
	}
	var care []string
	for _, l := range got {
		if l.Benefit == "care_subsidy" || l.Benefit == "disability_care_subsidy" {
			care = append(care, fmt.Sprintf("%s %s %s", l.Corrects, l.Benefit, money.Format(l.Amount, l.Unit)))
			if !strings.Contains(l.Params.Note, "当月已发同类补贴109.00元") {
				t.Errorf("note of %s: %q", l.Corrects, l.Params.Note)
			}
		}
	}
	if want := []string{"2026-08 care_subsidy 11.00", "2026-09 care_subsidy 11.00"}; !slices.Equal(care, want) {
		t.Errorf("arrears of the care group: %v, want %v", care, want)
	}
}

// 护理补贴 raised from 100 to 120 from August, entered in October, for a
// senior paid it in August who is 半自理 since September and paid nothing
// this month: August is owed the 20.00 all the same, paid to this month's
// row; September, when she did not qualify, is owed nothing.
func TestArrearsOfARiseForABenefitNotPaidNow(t *testing.T) {
	old, raised := book(t, nil), careRaisedFromAugust(t)
	p := person("140502196107070091", born(1961, 7, 7))
	p.Hardship, p.SelfCare = true, domain.SelfCareUnable // 经济困难: 护理补贴 and nothing else
	since := p
	since.SelfCare = domain.SelfCareSemi
	aug := paidMonth(t, old, month(2026, 8), []domain.Person{p})
	sep := paidMonth(t, old, month(2026, 9), []domain.Person{since})
	oct := paidMonth(t, raised, month(2026, 10), []domain.Person{since})
	if describe(aug.Lines) != "140502196107070091 0000-00 care_subsidy 100.00" || len(oct.Lines) != 0 {
		t.Fatalf("August %q, October %q", describe(aug.Lines), describe(oct.Lines))
	}
	got, _, err := Arrears(&Input{Month: month(2026, 10), Book: raised, Lines: oct.Lines, People: []domain.Person{since}, Past: []Past{aug, sep}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "140502196107070091 2026-08 care_subsidy 20.00"; describe(got) != want || got[0].Account != since.BankAccount {
		t.Errorf("arrears: %s (account %q), want %s", describe(got), got[0].Account, want)
	}
}

// diedInNovember is a senior paid in October whose street's roster did not
// arrive in November and who died on 14 November: the rules, her row with
// the death, and the two months paid.
func diedInNovember(t *testing.T) (*rules.Book, domain.Person, Past, Past) {
	t.Helper()
	bk := book(t, nil)
	p := person("140502194408161094", born(1944, 8, 16))
	oct := paidMonth(t, bk, month(2026, 10), []domain.Person{p})
	nov := paidMonth(t, bk, month(2026, 11), nil)
	dead := p
	dead.Death = time.Date(2026, 11, 14, 0, 0, 0, 0, time.UTC)
	return bk, dead, oct, nov
}

// A senior paid in October whose street's roster did not arrive in
// November, and who died on 14 November, is owed November (a death inside
// the month pays it): December records it as arrears though she has no
// line of her own in December, without an account, for her heirs by hand:
// not into the card in her name, as for the dead whose rows are gone.
// October, paid, and December, after her death, are not owed. Had she died
// in December, paid that month into her card, her arrears would go with it.
func TestDiedInAMonthHerRosterWasMissing(t *testing.T) {
	bk, dead, oct, nov := diedInNovember(t)
	dec := paidMonth(t, bk, month(2026, 12), []domain.Person{dead})
	if len(dec.Lines) != 0 {
		t.Fatalf("December pays the dead: %s", describe(dec.Lines))
	}
	got := mustArrears(t, &Input{Month: month(2026, 12), Book: bk, Lines: dec.Lines, People: []domain.Person{dead}, Past: []Past{oct, nov}},
		"140502194408161094 2026-11 senior_allowance 76.66")
	if n := got[0].Params.Note; got[0].Account != "" || !strings.Contains(n, "当月未列入花名册") || !strings.Contains(n, "已于2026-11-14去世") || !strings.Contains(n, "向其遗属手工补发") {
		t.Errorf("account %q, note %q", got[0].Account, n)
	}
	inDecember := dead
	inDecember.Death = born(2026, 12, 3)
	dec = paidMonth(t, bk, month(2026, 12), []domain.Person{inDecember})
	wantArrears(t, &Input{Month: month(2026, 12), Book: bk, Lines: dec.Lines, People: []domain.Person{inDecember}, Past: []Past{oct, nov}},
		"140502194408161094 2026-11 senior_allowance 76.66", "当月未列入花名册")
}

// The same, but her widower's row gives the account on hers and is held
// (account_changed_hands, say): paid nothing this month, he still claims
// the account, so her arrears are not sent into it either.
func TestDeadPersonsArrearsIntoAnAccountAHeldRowGives(t *testing.T) {
	bk, dead, oct, nov := diedInNovember(t)
	dec := paidMonth(t, bk, month(2026, 12), []domain.Person{dead})
	got, _, err := Arrears(&Input{Month: month(2026, 12), Book: bk, Lines: dec.Lines, People: []domain.Person{dead}, Past: []Past{oct, nov},
		AccountsGiven: map[string]string{dead.BankAccount: "140502193807075930"}})
	if err != nil {
		t.Fatal(err)
	}
	if describe(got) != "140502194408161094 2026-11 senior_allowance 76.66" || got[0].Account != "" ||
		!strings.Contains(got[0].Params.Note, "另有他人（140502193807075930）填写或领取") {
		t.Errorf("arrears of the dead: %s, account %q", describe(got), got[0].Account)
	}
}

// The same, but her widower is paid this month into the account on her
// row: her arrears are not sent there (two people into one account), they
// are recorded without an account, saying why.
func TestDeadPersonsArrearsIntoAnAccountSomeoneElseIsPaid(t *testing.T) {
	bk, dead, oct, nov := diedInNovember(t)
	widower := person("140502193807075930", born(1938, 7, 7)) // paid into 6217 too
	dec := paidMonth(t, bk, month(2026, 12), []domain.Person{dead, widower})
	got, _, err := Arrears(&Input{Month: month(2026, 12), Book: bk, Lines: dec.Lines, People: []domain.Person{dead, widower}, Past: []Past{oct, nov}})
	if err != nil {
		t.Fatal(err)
	}
	var mine []domain.Line
	for _, l := range got {
		if l.PersonID == dead.ID {
			mine = append(mine, l)
		}
	}
	if describe(mine) != "140502194408161094 2026-11 senior_allowance 76.66" || mine[0].Account != "" ||
		!strings.Contains(mine[0].Params.Note, "另有他人（140502193807075930）填写或领取") {
		t.Errorf("arrears of the dead: %s, account %q, note %q", describe(mine), mine[0].Account, mine[0].Params.Note)
	}
	// January, the same rosters: those arrears are recorded (Done) for
	// staff to pay her heirs by hand, not money never sent that her card
	// is now owed, so none is recorded again.
	done := Done{Arrears: map[string]int64{}}
	for _, l := range got {
		dec.Lines = append(dec.Lines, l)
		done.Arrears[Key(l.PersonID, l.Benefit, l.Corrects)] += l.Amount.Shift(2).IntPart()
	}
	jan := paidMonth(t, bk, month(2027, 1), []domain.Person{dead, widower})
	again, _, err := Arrears(&Input{Month: month(2027, 1), Book: bk, Lines: jan.Lines, People: []domain.Person{dead, widower}, Past: []Past{oct, nov, dec}, Done: done})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range again {
		t.Errorf("January records again: %s account %q note %q", describe([]domain.Line{l}), l.Account, l.Params.Note)
	}
}

// paidDead is month m paid under bk with p's row giving a 死亡日期 of death
// (before m: a date in error, in these tests): it must pay them nothing.
func paidDead(t *testing.T, bk *rules.Book, m domain.Month, p domain.Person, death time.Time) Past {
	t.Helper()
	p.Death = death
	past := paidMonth(t, bk, m, []domain.Person{p})
	if len(past.Lines) != 0 {
		t.Fatalf("%s pays the dead: %s", m, describe(past.Lines))
	}
	return past
}

// mustArrears returns Arrears(in)'s lines, failing the test on an error
// or unless they are want (describe's lines, in order).
func mustArrears(t *testing.T, in *Input, want ...string) []domain.Line {
	t.Helper()
	got, _, err := Arrears(in)
	if err != nil {
		t.Fatal(err)
	}
	if describe(got) != strings.Join(want, "\n") {
		t.Fatalf("arrears:\n%s\nwant:\n%s", describe(got), strings.Join(want, "\n"))
	}
	return got
}

// wantArrears checks that in gives exactly the one arrears line want
// (as describe prints it), paid to the account 6217 with a note holding
// note.
func wantArrears(t *testing.T, in *Input, want, note string) {
	t.Helper()
	got := mustArrears(t, in, want)
	if got[0].Account != "6217" || !strings.Contains(got[0].Params.Note, note) {
		t.Errorf("account %q, note %q", got[0].Account, got[0].Params.Note)
	}
}

// A death on 15 September reported in December: what was paid for October
// and November is recovered, September is not (a death inside the month
// still pays it), and a recovery is recorded once.
func TestDeathReportedTwoMonthsLate(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194204206481", born(1942, 4, 20))
	p.Dibao = domain.DibaoUrban
	var past []Past
	for _, m := range []int{9, 10, 11} {
		past = append(past, paidMonth(t, bk, month(2026, m), []domain.Person{p}))
	}
	dead := p
	dead.Death = born(2026, 9, 15)
	in := &Input{Month: month(2026, 12), Book: bk, People: []domain.Person{dead}, Past: past}
	got := recoveries(t, in)
	var s []string
	for _, r := range got {
		s = append(s, fmt.Sprintf("%s %s %s", r.Corrects, r.Benefit, money.Format(r.Amount, r.Unit)))
	}
	want := "2026-10 senior_allowance 136.67\n2026-10 free_electricity 15\n2026-11 senior_allowance 136.66\n2026-11 free_electricity 15"
	if strings.Join(s, "\n") != want {
		t.Errorf("recoveries:\n%s\nwant:\n%s", strings.Join(s, "\n"), want)
	}
	// Paid after the death month: exactly what October and November paid.
	for _, r := range got {
		for _, pm := range past {
			for _, l := range pm.Lines {
				if pm.Month == r.Corrects && l.Benefit == r.Benefit && !l.Amount.Equal(r.Amount) {
					t.Errorf("%s %s: recovery %s, paid %s", r.Corrects, r.Benefit, r.Amount, l.Amount)
				}
			}
		}
	}
	done := Done{Recovered: map[string]int64{}}
	for _, r := range got {
		h, _ := money.Hundredths(r.Amount)
		done.Recovered[Key(r.PersonID, r.Benefit, r.Corrects)] = h
	}
	in.Done = done
	if again := recoveries(t, in); len(again) != 0 {
		t.Errorf("recovered twice: %+v", again)
	}
}

// Money of a month after the death that was recorded without a 银行账号
// was never sent (无账号待处理): it is not recovered from the family.
func TestDeathAfterUnsentMonth(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194204206481", born(1942, 4, 20))
	p.Dibao = domain.DibaoUrban
	var past []Past
	for _, m := range []int{10, 11} {
		past = append(past, paidMonth(t, bk, month(2026, m), []domain.Person{p}))
	}
	for i := range past[1].Lines {
		if past[1].Lines[i].Unit == domain.UnitYuan {
			past[1].Lines[i].Account = "" // November's money sat on 无账号待处理
		}
	}
	dead := p
	dead.Death = born(2026, 9, 15)
	var s []string
	for _, r := range recoveries(t, &Input{Month: month(2026, 12), Book: bk, People: []domain.Person{dead}, Past: past}) {
		s = append(s, fmt.Sprintf("%s %s %s", r.Corrects, r.Benefit, money.Format(r.Amount, r.Unit)))
	}
	want := "2026-10 senior_allowance 136.67\n2026-10 free_electricity 15\n2026-11 free_electricity 15"
	if strings.Join(s, "\n") != want {
		t.Errorf("recoveries:\n%s\nwant:\n%s", strings.Join(s, "\n"), want)
	}
}

// June's money sat on 无账号待处理 and was sent in July as 补发2026-06 with
// July's own; a death of 15 May reported in August recovers both months,
// June's from the 补发 line that sent it.
func TestDeathRecoversArrearsSentLater(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194204206481", born(1942, 4, 20))
	june := paidMonth(t, bk, month(2026, 6), []domain.Person{p})
	july := paidMonth(t, bk, month(2026, 7), []domain.Person{p})
	var arrears []domain.Line
	for i := range june.Lines {
		if june.Lines[i].Unit == domain.UnitYuan {
			a := june.Lines[i]
			a.Corrects = month(2026, 6)
			arrears = append(arrears, a)
			june.Lines[i].Account = ""
		}
	}
	july.Lines = append(july.Lines, arrears...)
	dead := p
	dead.Death = born(2026, 5, 15)
	var s []string
	for _, r := range recoveries(t, &Input{Month: month(2026, 8), Book: bk, People: []domain.Person{dead}, Past: []Past{june, july}}) {
		s = append(s, fmt.Sprintf("%s %s %s", r.Corrects, r.Benefit, money.Format(r.Amount, r.Unit)))
	}
	want := "2026-06 senior_allowance 76.67\n2026-07 senior_allowance 76.67"
	if strings.Join(s, "\n") != want {
		t.Errorf("recoveries:\n%s\nwant:\n%s", strings.Join(s, "\n"), want)
	}
}

// November's roster gave a 死亡日期 of 15 September, and November's run
// recovered what October paid. December's moves the death to 15 October, or
// withdraws it (健在): she lived through October, so the recovered money is
// paid back as arrears of October, once, with a note saying why. What a
// month paid and what was recovered of it are compared per benefit: the
// kWh of free_electricity are not arrears (Arrears pays yuan only).
func TestRecoveryGivenBackWhenTheDeathMovesLater(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194204206481", born(1942, 4, 20))
	p.Dibao = domain.DibaoUrban
	oct := paidMonth(t, bk, month(2026, 10), []domain.Person{p})
	early := p
	early.Death = born(2026, 9, 15)
	nov := paidMonth(t, bk, month(2026, 11), []domain.Person{early})
	if len(nov.Lines) != 0 {
		t.Fatalf("November pays the dead: %s", describe(nov.Lines))
	}
	recovered := recoveries(t, &Input{Month: month(2026, 11), Book: bk, People: []domain.Person{early}, Past: []Past{oct}})
	done := Done{Arrears: map[string]int64{}, Recovered: map[string]int64{}}
	for _, r := range recovered {
		h, _ := money.Hundredths(r.Amount)
		done.Recovered[Key(r.PersonID, r.Benefit, r.Corrects)] = h
	}
	if len(done.Recovered) != 2 {
		t.Fatalf("November recovered %+v", recovered)
	}
	later := p
	later.Death = born(2026, 10, 15)
	in := func(now domain.Person, done Done) *Input {
		dec := paidMonth(t, bk, month(2026, 12), []domain.Person{now})
		return &Input{Month: month(2026, 12), Book: bk, Lines: dec.Lines, People: []domain.Person{now}, Past: []Past{oct, nov}, Done: done,
			Alive: map[string]bool{p.ID: now.Death.IsZero()}}
	}
	got, _, err := Arrears(in(later, done))
	if err != nil {
		t.Fatal(err)
	}
	if want := "140502194204206481 2026-10 senior_allowance 136.67"; describe(got) != want {
		t.Fatalf("arrears after the death moved later:\n%s\nwant:\n%s", describe(got), want)
	}
	if n := got[0].Params.Note; !strings.Contains(n, "追回136.67元") || !strings.Contains(n, "2026-10-15") {
		t.Errorf("note %q", n)
	}
	if r := recoveries(t, in(later, done)); len(r) != 0 {
		t.Errorf("recovered again: %+v", r)
	}
	// 健在: October is given back, and November, whose row gave the wrong date.
	got, _, err = Arrears(in(p, done))
	if err != nil {
		t.Fatal(err)
	}
	if want := "140502194204206481 2026-10 senior_allowance 136.67\n140502194204206481 2026-11 senior_allowance 136.66"; describe(got) != want {
		t.Fatalf("arrears of the living:\n%s\nwant:\n%s", describe(got), want)
	}
	// Given back once: December's arrears recorded, January owes nothing.
	again := done
	again.Arrears = map[string]int64{Key(p.ID, "senior_allowance", month(2026, 10)): 13667}
	if got, _, _ := Arrears(in(later, again)); len(got) != 0 {
		t.Errorf("given back twice:\n%s", describe(got))
	}
	// Without the recovery on record, October was paid: nothing is owed.
	if got, _, _ := Arrears(in(later, Done{})); len(got) != 0 {
		t.Errorf("arrears of a month paid and never recovered:\n%s", describe(got))
	}
	// In March, October is beyond arrears_months (3): a notice, no line.
	march := &Input{Month: month(2027, 3), Book: bk, People: []domain.Person{later}, Past: []Past{oct, nov}, Done: done}
	got, notices, err := Arrears(march)
	if err != nil || len(got) != 0 {
		t.Fatalf("arrears in March: %s %v", describe(got), err)
	}
	if len(notices) != 1 || notices[0].Code != "arrears_recovered_outside_window" || !strings.Contains(notices[0].Message, "追回136.67元") {
		t.Errorf("notices in March: %+v", notices)
	}
	// Given back in December already (a 补发 of October), March tells of
	// nothing left to refund by hand.
	march.Done = again // October's recovery, and December's 补发 of it
	if _, notices, _ := Arrears(march); slices.ContainsFunc(notices, func(f domain.Finding) bool { return f.Code == "arrears_recovered_outside_window" }) {
		t.Errorf("March asks to refund by hand what December gave back: %+v", notices)
	}
}

// October's roster gave a 死亡日期 of 15 September, so October paid
// nothing; November's gives 20 October instead. She lived through October,
// which is owed as arrears, with a note naming both dates. A date moved
// earlier owes nothing.
func TestDeathMovedLaterPaysTheMonthsLived(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194204206481", born(1942, 4, 20))
	early := p
	early.Death = born(2026, 9, 15)
	oct := paidMonth(t, bk, month(2026, 10), []domain.Person{early})
	if len(oct.Lines) != 0 {
		t.Fatalf("October pays the dead: %s", describe(oct.Lines))
	}
	now := p
	now.Death = born(2026, 10, 20)
	got := mustArrears(t, &Input{Month: month(2026, 11), Book: bk, People: []domain.Person{now}, Past: []Past{oct}}, "140502194204206481 2026-10 senior_allowance 76.67")
	if n := got[0].Params.Note; !strings.Contains(n, "死亡日期2026-09-15") || !strings.Contains(n, "更正为2026-10-20") {
		t.Errorf("note %q", n)
	}
	if !oct.Listings[0].Person.Death.Equal(born(2026, 9, 15)) {
		t.Error("the approved month's row was changed")
	}
	earlier := p
	earlier.Death = born(2026, 9, 1)
	if got, _, _ := Arrears(&Input{Month: month(2026, 11), Book: bk, People: []domain.Person{earlier}, Past: []Past{oct}}); len(got) != 0 {
		t.Errorf("arrears after a death moved earlier:\n%s", describe(got))
	}
}

// October paid a dibao senior 136.67 and 15 kWh; November, told of a death
// on 15 September, recovered both; December's row moves the death to 20
// October. The money is paid back as arrears; the electricity allowance is
// never paid back (arrears_months 0), so a notice asks staff to have the
// power-supply centre's recovery undone, in kWh, instead of leaving it
// standing without a word.
func TestDeathMovedLaterAfterAKWhRecoveryIsTold(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194204206481", born(1942, 4, 20))
	p.Dibao, p.ElectricityAccount = domain.DibaoUrban, "0012345678"
	oct := paidMonth(t, bk, month(2026, 10), []domain.Person{p})
	if describe(oct.Lines) != "140502194204206481 0000-00 senior_allowance 136.67\n140502194204206481 0000-00 free_electricity 15" {
		t.Fatalf("October:\n%s", describe(oct.Lines))
	}
	now := p
	now.Death = born(2026, 10, 20)
	got, notices, err := Arrears(&Input{Month: month(2026, 12), Book: bk, People: []domain.Person{now}, Past: []Past{oct},
		Done: Done{Recovered: map[string]int64{Key(p.ID, "senior_allowance", month(2026, 10)): 13667, Key(p.ID, "free_electricity", month(2026, 10)): 1500}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "140502194204206481 2026-10 senior_allowance 136.67"; describe(got) != want {
		t.Errorf("arrears:\n%s\nwant:\n%s", describe(got), want)
	}
	var told []string
	for _, f := range notices {
		if f.Code == "arrears_recovered_outside_window" {
			told = append(told, f.Message)
		}
	}
	if len(told) != 1 || !strings.Contains(told[0], "追回15千瓦时") || !strings.Contains(told[0], "通知国网晋城供电公司城区供电中心撤销") {
		t.Errorf("notices %q", told)
	}
}

// A dibao senior's street sent no roster in October: November pays
// October's allowance back, and the electricity allowance of October, never
// paid back (arrears_months 0), is told lost, once, naming the kWh; not in
// December again, nor for a senior new to the rosters, a month held (its
// row said it), or a month the household had it on the spouse's row.
func TestElectricityOfAMonthMissedIsToldLost(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194204206481", born(1942, 4, 20))
	p.Dibao, p.ElectricityAccount = domain.DibaoUrban, "0012345678"
	sep := paidMonth(t, bk, month(2026, 9), []domain.Person{p})
	oct := Past{Month: month(2026, 10)} // the street's roster missing
	nov := paidMonth(t, bk, month(2026, 11), []domain.Person{p})
	lost := func(notices []domain.Finding) []string {
		var out []string
		for _, f := range notices {
			if f.Code == "not_back_paid" {
				out = append(out, f.Message)
			}
		}
		return out
	}
	got, notices, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: nov.Lines, People: []domain.Person{p}, Past: []Past{sep, oct}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "140502194204206481 2026-10 senior_allowance 136.67"; describe(got) != want {
		t.Errorf("arrears:\n%s\nwant:\n%s", describe(got), want)
	}
	if told := lost(notices); len(told) != 1 || !strings.Contains(told[0], "2026年10月") || !strings.Contains(told[0], "免费用电基数15千瓦时") ||
		!strings.Contains(told[0], "不补发（补发期限0个月，晋城市城区基本养老服务清单 第30项）") {
		t.Errorf("not_back_paid %q; want October's 15 kWh told once", told)
	}
	// December: October is told already (November paid the senior again).
	nov.Lines = append(nov.Lines, got...)
	dec := paidMonth(t, bk, month(2026, 12), []domain.Person{p})
	if _, notices, _ := Arrears(&Input{Month: month(2026, 12), Book: bk, Lines: dec.Lines, People: []domain.Person{p}, Past: []Past{sep, oct, nov}}); len(lost(notices)) != 0 {
		t.Errorf("told again in December: %q", lost(notices))
	}
	// New to the rosters in November: October was no month missed.
	if _, notices, _ := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: nov.Lines[:2], People: []domain.Person{p}, Past: []Past{oct}}); len(lost(notices)) != 0 {
		t.Errorf("told lost for a senior new to the rosters: %q", lost(notices))
	}
	// Held in October: the held row's message told it then.
	oct = Past{Month: month(2026, 10), Listings: []domain.Listing{{Person: &p, Held: true}}}
	if _, notices, _ := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: nov.Lines[:2], People: []domain.Person{p}, Past: []Past{sep, oct}}); len(lost(notices)) != 0 {
		t.Errorf("told again for a held month: %q", lost(notices))
	}
	// The spouse's row had the household's 户号 paid in October: nothing lost.
	wife := person("140502194801010024", born(1948, 1, 1))
	wife.Dibao, wife.ElectricityAccount = domain.DibaoUrban, p.ElectricityAccount
	oct = paidMonth(t, bk, month(2026, 10), []domain.Person{wife})
	if _, notices, _ := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: nov.Lines[:2], People: []domain.Person{p}, Past: []Past{sep, oct}}); len(lost(notices)) != 0 {
		t.Errorf("told lost though the household had it: %q", lost(notices))
	}
}

// BenchmarkArrearsPerPerson corrects a month of 5,000 people against an
// approved month of the same people, half of whom had no account then: the
// look-ups of each person's past lines must not grow with the month.
func BenchmarkArrearsPerPerson(b *testing.B) {
	bk := book(&testing.T{}, nil)
	const n = 5000
	people := make([]domain.Person, n)
	then := make([]domain.Person, n)
	for i := range people {
		id := fmt.Sprintf("1405021944%02d%02d%03d", 1+i%12, 1+i%28, i%1000)
		people[i] = person(id+"X", born(1944, 1+i%12, 1+i%28)) // the check character does not matter here
		then[i] = people[i]
		if i%2 == 0 {
			then[i].BankAccount = ""
		}
	}
	oct := paidMonth(&testing.T{}, bk, month(2026, 10), then)
	nov := paidMonth(&testing.T{}, bk, month(2026, 11), people)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		got, _, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: nov.Lines, People: people, Past: []Past{oct}})
		if err != nil || len(got) != n/2 {
			b.Fatalf("%d arrears lines, want %d: %v", len(got), n/2, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/person")
}

// BenchmarkArrearsWithTwoYearsApproved is BenchmarkArrearsPerPerson with
// 24 approved months before November, those beyond the window loaded as the
// store loads them (only money recorded without an account): the months
// beyond the window, asked about for every person, must cost next to
// nothing each.
func BenchmarkArrearsWithTwoYearsApproved(b *testing.B) {
	bk := book(&testing.T{}, nil)
	const n = 5000
	people := make([]domain.Person, n)
	for i := range people {
		id := fmt.Sprintf("1405021944%02d%02d%03d", 1+i%12, 1+i%28, i%1000)
		people[i] = person(id+"X", born(1944, 1+i%12, 1+i%28))
	}
	nov := month(2026, 11)
	var past []Past
	m := nov
	for i := range 24 {
		m = m.Prev()
		p := paidMonth(&testing.T{}, bk, m, people)
		if i >= bk.ArrearsWindow() {
			p.Lines, p.Listings = nil, nil // every account given: nothing unsent to load
		}
		past = append(past, p)
	}
	cur := paidMonth(&testing.T{}, bk, nov, people)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, _, err := Arrears(&Input{Month: nov, Book: bk, Lines: cur.Lines, People: people, Past: past}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/person")
}

// An ID corrected between months: October paid 张秀英 under her old ID, and
// November lists her under the corrected one only. October was paid
// already, so it is not paid again as arrears: a notice says why, naming
// the old ID. The same holds when only the 银行账号 matches. When the old ID
// is still listed in November they are two people, and October is owed.
func TestArrearsWithheldWhenAnotherIDWasPaid(t *testing.T) {
	bk := book(t, nil)
	old := person("140502194001010219", born(1940, 1, 1))
	old.Name, old.Street, old.BankAccount = "张秀英", "东街街道", "6217001234500002222"
	fixed := person("140502194001100214", born(1940, 1, 10))
	fixed.Name, fixed.Street, fixed.BankAccount = "张秀英", "东街街道", "6217009999900002222"
	oct := paidMonth(t, bk, month(2026, 10), []domain.Person{old})
	arrears := func(now ...domain.Person) ([]domain.Line, []domain.Finding) {
		t.Helper()
		cur := paidMonth(t, bk, month(2026, 11), now)
		lines, notices, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: now, Past: []Past{oct}})
		if err != nil {
			t.Fatal(err)
		}
		return lines, notices
	}
	lines, notices := arrears(fixed)
	if len(lines) != 0 || len(notices) != 1 {
		t.Fatalf("corrected ID: arrears %s, notices %+v; want none and one notice", describe(lines), notices)
	}
	if n := notices[0]; n.Code != "arrears_other_id" || n.AsWritten != fixed.ID || n.Severity != domain.Notice ||
		!strings.Contains(n.Message, old.ID) || !strings.Contains(n.Message, "同名同街道") || !strings.Contains(n.Message, "76.67") {
		t.Errorf("notice %+v", n)
	}
	renamed := fixed
	renamed.Name, renamed.BankAccount = "张秀莹", old.BankAccount
	if lines, notices := arrears(renamed); len(lines) != 0 || len(notices) != 1 || !strings.Contains(notices[0].Message, "同一银行账号") {
		t.Errorf("same account, other name: arrears %s, notices %+v", describe(lines), notices)
	}
	if lines, notices := arrears(old, fixed); describe(lines) != fixed.ID+" 2026-10 senior_allowance 76.67" || len(notices) != 0 {
		t.Errorf("both IDs listed now: arrears %s, notices %+v; want October paid to %s", describe(lines), notices, fixed.ID)
	}
	for _, street := range []string{"东街", "东街街道办事处", ""} {
		spelled := fixed
		spelled.Street = street
		if lines, notices := arrears(spelled); len(lines) != 0 || len(notices) != 1 {
			t.Errorf("street written %q: arrears %s, notices %+v; want none and one notice", street, describe(lines), notices)
		}
	}
	namesake := fixed
	namesake.Street, namesake.Community = "西街街道", "西街社区"
	if lines, notices := arrears(namesake); len(lines) != 1 || len(notices) != 0 {
		t.Errorf("a namesake in another street and community: arrears %s, notices %+v; want October paid", describe(lines), notices)
	}
	stranger := fixed
	stranger.Name, stranger.Street = "李桂兰", "西街街道"
	if lines, notices := arrears(stranger); len(lines) != 1 || len(notices) != 0 {
		t.Errorf("a newcomer of another name, street and account: arrears %s, notices %+v", describe(lines), notices)
	}
}

// October's row was held for a death said without its date, in the 备注,
// a comment, a note below the table, or by its place on a sheet or under a
// heading of the dead; November's row gives the date, 20 October. October,
// the month of death, is owed to the heirs (a death inside a month pays
// it) and paid back, whichever way the death was said: a clerk who did as
// the hold asked and filled in the date lost the month for a comment or a
// note. A stop (note_stop) still is not paid back, nor is a death before
// October.
func TestDeathWithoutItsDateThenTheDateOwesTheMonth(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194002010210", born(1940, 2, 1))
	for _, tc := range []struct {
		code  string
		death time.Time
		owed  bool
	}{
		{"remark_death", born(2026, 10, 20), true},
		{"comment_death", born(2026, 10, 20), true},
		{"note_death", born(2026, 10, 20), true},
		{"sheet_dead_list", born(2026, 10, 20), true},
		{"section_dead_list", born(2026, 10, 20), true},
		{"comment_death", born(2026, 9, 20), false},
		{"note_stop", born(2026, 10, 20), false},
		{"comment_stop", born(2026, 10, 20), false},
	} {
		held := p // October's row: no date
		oct := paidMonth(t, bk, month(2026, 10), nil)
		oct.Listings = []domain.Listing{{Person: &held, Held: true, Codes: []string{tc.code}}}
		now := p
		now.Death = tc.death
		lines, _, err := Arrears(&Input{Month: month(2026, 11), Book: bk, People: []domain.Person{now}, Past: []Past{oct}})
		if err != nil {
			t.Fatal(err)
		}
		paid := slices.ContainsFunc(lines, func(l domain.Line) bool { return l.Corrects == month(2026, 10) && l.Benefit == "senior_allowance" })
		if paid != tc.owed {
			t.Errorf("October held %s, died %s: October paid back %v, want %v: %s", tc.code, tc.death.Format("2006-01-02"), paid, tc.owed, describe(lines))
		}
	}
}

// A month withheld after a stop is told in every month it stays in reach;
// once a run of a month between told of it, the notice says so, lest
// staff pay it by hand once for each (a tester's 刘福, stopped in
// September, was told of October in November, December and January).
func TestArrearsAfterStopToldOnce(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194002010210", born(1940, 2, 1))
	cur := paidMonth(t, bk, month(2026, 12), []domain.Person{p})
	oct := Past{Month: month(2026, 10), Listings: []domain.Listing{{Person: &p, Held: true, Codes: []string{"sheet_stop_list"}}}}
	for _, c := range []struct {
		told []domain.Month
		want bool
	}{{nil, false}, {[]domain.Month{month(2026, 11)}, true}, {[]domain.Month{month(2026, 9)}, false}} {
		_, notices, err := Arrears(&Input{Month: month(2026, 12), Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{oct}, StopTold: map[string][]domain.Month{p.ID: c.told}})
		if err != nil {
			t.Fatal(err)
		}
		if len(notices) != 1 || notices[0].Code != "arrears_after_stop" || strings.Contains(notices[0].Message, "2026-11的运行已就此提示过：如已按该提示手工补发，请勿重复发放") != c.want {
			t.Errorf("told in %v: %+v, want the earlier telling said: %v", c.told, notices, c.want)
		}
	}
}

// A month the row was held as stopped (on a 停发人员 sheet, or its 备注, a
// comment on it or a note below the table said 停发) is not paid back when the person is listed again: a notice asks
// staff to pay it by hand if the stop was wrong. A month held for a mistake
// (暂缓, here a shared account) is paid once it is corrected.
func TestArrearsWithheldAfterAStop(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194002010210", born(1940, 2, 1))
	cur := paidMonth(t, bk, month(2026, 11), []domain.Person{p})
	for _, tc := range []struct {
		codes  []string
		arrear bool
	}{
		{[]string{"sheet_stop_list"}, false},
		{[]string{"remark_stop"}, false},
		{[]string{"row_struck"}, false},
		{[]string{"comment_stop"}, false},
		{[]string{"note_stop"}, false},
		{[]string{"stop_announced"}, false},
		{[]string{"account_shared"}, true},
	} {
		oct := Past{Month: month(2026, 10), Listings: []domain.Listing{{Person: &p, Held: true, Codes: tc.codes}}}
		lines, notices, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{oct}})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tc.arrear && (len(lines) != 1 || len(notices) != 0):
			t.Errorf("held for %v: arrears %s, notices %+v; want October paid", tc.codes, describe(lines), notices)
		case !tc.arrear && (len(lines) != 0 || len(notices) != 1 || notices[0].Code != "arrears_after_stop" || !strings.Contains(notices[0].Message, tc.codes[0])):
			t.Errorf("held for %v: arrears %s, notices %+v; want a notice instead", tc.codes, describe(lines), notices)
		}
	}
}

// Someone a death list names who is on no roster this month is recovered
// from like someone whose row gives the date: October paid them after their
// death in September. The street and 社区 are those October paid them in.
func TestRecoveriesOfTheDeadOffRoster(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194001019029", born(1940, 1, 1))
	p.Street, p.Community = "东街街道", "东街社区"
	oct := paidMonth(t, bk, month(2026, 10), []domain.Person{p})
	dead := domain.Person{ID: p.ID, Name: p.Name, Death: born(2026, 9, 12)}
	in := &Input{Month: month(2026, 11), Book: bk, Past: []Past{oct}}
	if got := recoveries(t, in); len(got) != 0 {
		t.Fatalf("without the death list: %+v", got)
	}
	in.DeadOffRoster = []domain.Person{dead}
	got := recoveries(t, in)
	if len(got) != 1 || got[0].PersonID != p.ID || got[0].Corrects != month(2026, 10) || got[0].Amount.StringFixed(2) != "76.67" ||
		got[0].Street != "东街街道" || got[0].Community != "东街社区" || !strings.Contains(got[0].Reason, "死亡日期2026-09-12") {
		t.Errorf("recoveries %+v", got)
	}
}

// The free electricity allowance goes once per 户号 (item 30). A widower
// whose wife's row had the grant, and who qualified himself, leaves the
// household owed it after her death is reported late: nothing of it is
// recovered, and a notice says why, whether the month is read whole or,
// beyond the window, with only the listings on the 户号 (Meters). A month
// he was held in owed him nothing, and its grant is recovered.
func TestAllowanceOfASharedMeterKeptAfterALateDeath(t *testing.T) {
	bk := book(t, nil)
	wife := person("140502195001011024", born(1950, 1, 1))
	husband := person("140502194903051017", born(1949, 3, 5))
	for _, p := range []*domain.Person{&wife, &husband} {
		p.Dibao, p.ElectricityAccount = domain.DibaoUrban, "5340000001"
	}
	aug := paidMonth(t, bk, month(2026, 8), []domain.Person{wife, husband})
	sep := paidMonth(t, bk, month(2026, 9), []domain.Person{wife, husband})
	if n := len(aug.Lines); n != 1 || aug.Lines[0].PersonID != wife.ID {
		t.Fatalf("August: %s; want the wife's allowance only", describe(aug.Lines))
	}
	sep.Listings[1].Held = true // the husband's row held in September
	dead := wife
	dead.Death = born(2026, 7, 20)
	in := &Input{Month: month(2026, 10), Book: bk, People: []domain.Person{dead, husband}, Past: []Past{aug, sep}}
	got, notices, err := Recoveries(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Corrects != month(2026, 9) || got[0].Benefit != "free_electricity" || got[0].Amount.String() != "15" {
		t.Errorf("recoveries %+v; want September's 15 kWh only", got)
	}
	if len(notices) != 1 || notices[0].Code != "meter_grant_kept" || !strings.Contains(notices[0].Message, "2026-08") || !strings.Contains(notices[0].Message, husband.ID) {
		t.Errorf("notices %+v; want one for August naming the husband", notices)
	}

	thin := Past{Month: aug.Month, Lines: aug.Lines, Meters: aug.Listings} // beyond the window: no Listings
	in = &Input{Month: month(2026, 10), Book: bk, People: []domain.Person{dead, husband}, Past: []Past{thin}}
	if got, _, err := Recoveries(in); err != nil || len(got) != 0 {
		t.Errorf("a month read thin: recoveries %+v, %v; want none", got, err)
	}
	// October run late, after November was approved: November's grant
	// was owed to the household too (Later, with its Meters).
	nov := paidMonth(t, bk, month(2026, 11), []domain.Person{wife, husband})
	in = &Input{Month: month(2026, 10), Book: bk, People: []domain.Person{dead, husband}, Later: []Past{{Month: nov.Month, Lines: nov.Lines, Meters: nov.Listings}}}
	if got, _, err := Recoveries(in); err != nil || len(got) != 0 {
		t.Errorf("a later month, run late: recoveries %+v, %v; want none", got, err)
	}
	in = &Input{Month: month(2026, 10), Book: bk, People: []domain.Person{dead}, Past: []Past{{Month: aug.Month, Lines: aug.Lines}}} // nobody else on the 户号
	if got, _, err := Recoveries(in); err != nil || len(got) != 1 {
		t.Errorf("nobody else on the 户号: recoveries %+v, %v; want August's", got, err)
	}
}

// The old ID was new in October, so October paid it September as arrears;
// November lists the corrected ID only. September was paid already, by
// October's arrears line, and is withheld like October itself.
func TestArrearsWithheldWhenAnotherIDWasPaidAsArrears(t *testing.T) {
	bk := book(t, nil)
	old := person("140502194001010219", born(1940, 1, 1))
	old.Name, old.Street = "张三", "东街街道"
	fixed := person("140502194001100214", born(1940, 1, 10))
	fixed.Name, fixed.Street = "张三", "东街街道"
	sep := Past{Month: month(2026, 9)}
	oct := paidMonth(t, bk, month(2026, 10), []domain.Person{old})
	back, _, err := Arrears(&Input{Month: month(2026, 10), Book: bk, Lines: oct.Lines, People: []domain.Person{old}, Past: []Past{sep}})
	if err != nil || len(back) != 1 {
		t.Fatalf("October's arrears for September: %s %v", describe(back), err)
	}
	oct.Lines = append(oct.Lines, back...)
	cur := paidMonth(t, bk, month(2026, 11), []domain.Person{fixed})
	lines, notices, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{fixed}, Past: []Past{sep, oct}})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 0 || len(notices) != 2 {
		t.Errorf("arrears %s, notices %+v; want none and a notice for each of September and October", describe(lines), notices)
	}
}

// A month the person was on no roster is not paid back by itself when this
// month's 备注 says they moved into the district after it (or names no
// month), nor when they are first listed with a 死亡日期 (never listed in
// an approved month before): a notice asks staff to pay it by hand if it
// is owed. A move-in before that month, or a person listed before, is paid.
func TestArrearsWithheldBeforeAMoveInOrForTheFirstListedDead(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194002010210", born(1940, 2, 1))
	other := person("140502193801010017", born(1938, 1, 1))
	oct := Past{Month: month(2026, 10), Listings: []domain.Listing{{Person: &other}}} // p not listed
	nov := month(2026, 11)
	dead := p
	dead.Death = born(2026, 11, 3)
	for _, tc := range []struct {
		name    string
		who     domain.Person
		movedIn map[string]domain.Month
		past    []Past
		code    string // the notice, "" when October is paid
	}{
		{"moved in this month", p, map[string]domain.Month{p.ID: nov}, []Past{oct}, "arrears_before_move_in"},
		{"moved in, month not said", p, map[string]domain.Month{p.ID: {}}, []Past{oct}, "arrears_before_move_in"},
		{"moved in before October", p, map[string]domain.Month{p.ID: month(2026, 9)}, []Past{oct}, ""},
		{"no move", p, nil, []Past{oct}, ""},
		{"first listed dead", dead, nil, []Past{oct}, "arrears_first_listed_dead"},
		{"dead, listed before", dead, nil, []Past{oct, {Month: month(2026, 9), Listings: []domain.Listing{{Person: &p}}}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cur := paidMonth(t, bk, nov, []domain.Person{tc.who})
			checkOctober(t, &Input{Month: nov, Book: bk, Lines: cur.Lines, People: []domain.Person{tc.who}, Past: tc.past, MovedIn: tc.movedIn}, tc.code)
		})
	}
	// A 备注 本月新增 says the senior was not owed October: a newcomer's
	// senior so marked was paid October without a word. 10月新增 was.
	for from, code := range map[domain.Month]string{nov: "arrears_before_added", month(2026, 10): ""} {
		cur := paidMonth(t, bk, nov, []domain.Person{p})
		checkOctober(t, &Input{Month: nov, Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{oct}, Added: map[string]domain.Month{p.ID: from}}, code)
	}
	// October's roster listed the senior, held for the account: no month
	// before the move in or the 新增 (本月新增 copied forward from
	// October's row), and paid back by its row.
	held := Past{Month: month(2026, 10), Listings: []domain.Listing{{Person: &p, Held: true, Codes: []string{"account_implausible"}}}}
	cur := paidMonth(t, bk, nov, []domain.Person{p})
	checkOctober(t, &Input{Month: nov, Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{held}, Added: map[string]domain.Month{p.ID: nov}}, "")
	checkOctober(t, &Input{Month: nov, Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{held}, MovedIn: map[string]domain.Month{p.ID: nov}}, "")
}

// October, a month the person was on no roster, is not paid back by itself
// when September held them as stopped (a 停发人员 sheet) and no roster
// listed them since, when an earlier 备注 stopped them from October, or
// when an earlier run held back their unlisted months (a move in, or
// statuses not known when the row that made them so is beyond the
// window now); it is when September paid them.
func TestArrearsWithheldAfterAStopOrAnEarlierHoldBack(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194002010210", born(1940, 2, 1))
	other := person("140502193801010017", born(1938, 1, 1))
	nov := month(2026, 11)
	oct := Past{Month: month(2026, 10), Listings: []domain.Listing{{Person: &other}}}
	sepStopped := Past{Month: month(2026, 9), Listings: []domain.Listing{{Person: &p, Held: true, Codes: []string{"sheet_stop_list"}}}}
	sepPaid := paidMonth(t, bk, month(2026, 9), []domain.Person{p})
	cur := paidMonth(t, bk, nov, []domain.Person{p})
	for _, tc := range []struct {
		name string
		in   Input
		code string
	}{
		{"stop sheet in September", Input{Past: []Past{sepStopped, oct}}, "arrears_after_stop"},
		{"stopped from October by a remark", Input{Past: []Past{sepPaid, oct}, StoppedFrom: map[string]Period{p.ID: {From: month(2026, 10)}}}, "arrears_after_stop"},
		{"held back by November's run", Input{Past: []Past{sepPaid, oct}, WithheldUntil: map[string]Withholding{p.ID: {Month: month(2026, 11), Code: "arrears_first_listed_dead"}}}, "arrears_withheld_earlier"},
		{"status unknown to November's run", Input{Past: []Past{sepPaid, oct}, WithheldUntil: map[string]Withholding{p.ID: {Month: month(2026, 11), Code: "arrears_status_unknown"}}}, "arrears_withheld_earlier"},
		{"paid in September", Input{Past: []Past{sepPaid, oct}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.Month, in.Book, in.Lines, in.People = nov, bk, cur.Lines, []domain.Person{p}
			checkOctober(t, &in, tc.code)
		})
	}
	// October listed her, held for her account, after a remark stopped
	// her from October: the stop still withholds it, and the notice says
	// October held her row, not that no roster listed her.
	octHeld := Past{Month: month(2026, 10), Listings: []domain.Listing{{Person: &p, Held: true, Codes: []string{"account_implausible"}}}}
	in := Input{Month: nov, Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{sepPaid, octHeld},
		StoppedFrom: map[string]Period{p.ID: {From: month(2026, 10)}}}
	_, notices, err := Arrears(&in)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(notices, func(f domain.Finding) bool { return f.Code == "arrears_after_stop" })
	if i < 0 || strings.Contains(notices[i].Message, "未列入") || !strings.Contains(notices[i].Message, "2026年10月的行另因其他问题暂缓（account_implausible）") {
		t.Errorf("October held after a stop from October: notices %+v; want arrears_after_stop saying October's row was held", notices)
	}
	// The notice of months an earlier run held back names that run's
	// reason, not both reasons it could have had.
	for code, says := range map[string]string{"arrears_before_move_in": "迁入本区", "arrears_first_listed_dead": "首次列入花名册即填有死亡日期"} {
		in := Input{Month: nov, Book: bk, Lines: cur.Lines, People: []domain.Person{p}, Past: []Past{sepPaid, oct},
			WithheldUntil: map[string]Withholding{p.ID: {Month: nov, Code: code}}}
		_, notices, err := Arrears(&in)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(notices, func(f domain.Finding) bool { return f.Code == "arrears_withheld_earlier" })
		if i < 0 || !strings.Contains(notices[i].Message, says) || !strings.Contains(notices[i].Message, code) {
			t.Errorf("%s: notices %+v; want arrears_withheld_earlier saying %s", code, notices, says)
		}
	}
}

// checkOctober runs Arrears on in, a November, and checks October: paid
// back when code is "", else not paid back and told with the notice code.
func checkOctober(t *testing.T, in *Input, code string) {
	t.Helper()
	lines, notices, err := Arrears(in)
	if err != nil {
		t.Fatal(err)
	}
	var october []domain.Line
	for _, l := range lines {
		if l.Corrects == month(2026, 10) {
			october = append(october, l)
		}
	}
	var codes []string
	for _, n := range notices {
		codes = append(codes, n.Code)
	}
	switch {
	case code == "" && len(october) == 0:
		t.Errorf("October not paid back: lines %s, notices %v", describe(lines), codes)
	case code != "" && (len(october) != 0 || !slices.Contains(codes, code)):
		t.Errorf("October: lines %s, notices %v; want none and %s", describe(october), codes, code)
	}
}

// A row held in October for a conflict with an agency's list
// (status_conflict), given unchanged in November without the list, is
// paid in November but October is not paid back: nothing was corrected.
// Once the roster changes the value in question, or November's list agrees
// with it, October is owed.
func TestHeldForAConflictNotPaidBackUnlessCorrected(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194608150023", born(1944, 8, 15))
	p.Disability = domain.Disability{Grade: 3, Category: "肢体"}
	oct := paidMonth(t, bk, month(2026, 10), nil)
	held := p
	oct.Listings = []domain.Listing{{Person: &held, Held: true, Codes: []string{"status_conflict"}}}
	for _, c := range []struct {
		name   string
		grade  int
		onList bool // November's list names her, and did not hold the row: it agrees
		paid   bool
	}{{"unchanged", 3, false, false}, {"corrected", 1, false, true}, {"confirmed by November's list", 3, true, true}} {
		now := p
		now.Disability.Grade = c.grade
		cur := paidMonth(t, bk, month(2026, 11), []domain.Person{now})
		got, notices, err := Arrears(&Input{Month: month(2026, 11), Book: bk, Lines: cur.Lines, People: []domain.Person{now}, Past: []Past{oct}, OnLists: map[string]bool{p.ID: c.onList}})
		if err != nil {
			t.Fatal(err)
		}
		paidOct := slices.ContainsFunc(got, func(l domain.Line) bool { return l.Corrects == month(2026, 10) && l.Benefit == "senior_allowance" })
		told := slices.ContainsFunc(notices, func(f domain.Finding) bool { return f.Code == "arrears_conflict_unsettled" })
		if paidOct != c.paid || told == c.paid {
			t.Errorf("%s: October paid back %v, notice %v:\n%s\n%+v", c.name, paidOct, told, describe(got), notices)
		}
	}
}

// His October row was held (account_shared: his widow's row gave his card)
// and gave a 死亡日期 of 5 October; November's rosters no longer list him.
// October is owed to his estate and nobody can be paid it: a notice says
// so, once. Dead before October, or held as stopped, he is owed nothing.
func TestHeldMonthOfTheDeadUnlistedIsTold(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194203033312", born(1942, 3, 3))
	p.Death = born(2026, 10, 5)
	for _, c := range []struct {
		name  string
		death time.Time
		codes []string
		told  bool
	}{
		{"died in October", born(2026, 10, 5), []string{"account_shared"}, true},
		{"died before October", born(2026, 9, 20), []string{"account_shared"}, false},
		{"stopped", born(2026, 10, 5), []string{"sheet_stop_list"}, false},
	} {
		held := p
		held.Death = c.death
		oct := paidMonth(t, bk, month(2026, 10), nil)
		oct.Listings = []domain.Listing{{Person: &held, Held: true, Codes: c.codes}}
		told := deadUnlistedTold(t, &Input{Month: month(2026, 11), Book: bk, Past: []Past{oct}, DeadOnRecord: []domain.Person{{ID: p.ID, Death: c.death}}})
		if (len(told) == 1) != c.told || (c.told && !strings.Contains(told[0], "2026年10月的行被暂缓（account_shared）")) {
			t.Errorf("%s: %q", c.name, told)
		}
	}
	// December, two months on, says nothing more once November told of it;
	// if no month told of it (his death first reported in December, on a
	// death list, after a November that did not list him), December does.
	held := p
	oct := paidMonth(t, bk, month(2026, 10), nil)
	oct.Listings = []domain.Listing{{Person: &held, Held: true, Codes: []string{"account_shared"}}}
	for _, c := range []struct {
		name string
		in   Input
		told bool
	}{
		{"told in November", Input{DeadOnRecord: []domain.Person{{ID: p.ID, Death: p.Death}}, DeadUnlistedTold: map[string][]domain.Month{p.ID: {month(2026, 11)}}}, false},
		{"told in October only", Input{DeadOnRecord: []domain.Person{{ID: p.ID, Death: p.Death}}, DeadUnlistedTold: map[string][]domain.Month{p.ID: {month(2026, 10)}}}, true},
		{"first on December's death list", Input{DeadOffRoster: []domain.Person{{ID: p.ID, Death: p.Death}}}, true},
		{"paid back in November", Input{DeadOffRoster: []domain.Person{{ID: p.ID, Death: p.Death}}, Done: Done{Arrears: map[string]int64{Key(p.ID, "senior_allowance", month(2026, 10)): 7667}}}, false},
	} {
		in := c.in
		in.Month, in.Book, in.Past = month(2026, 12), bk, []Past{oct}
		_, notices, err := Arrears(&in)
		if err != nil {
			t.Fatal(err)
		}
		told := slices.ContainsFunc(notices, func(f domain.Finding) bool {
			return f.Code == "arrears_dead_unlisted" && strings.Contains(f.Message, "2026年10月的行被暂缓（account_shared）")
		})
		if told != c.told {
			t.Errorf("December, %s: told %v, want %v: %+v", c.name, told, c.told, notices)
		}
	}
}

// deadUnlistedTold returns the messages of the arrears_dead_unlisted
// notices of Arrears(in), failing the test on its error.
func deadUnlistedTold(t *testing.T, in *Input) []string {
	t.Helper()
	_, notices, err := Arrears(in)
	if err != nil {
		t.Fatal(err)
	}
	var told []string
	for _, f := range notices {
		if f.Code == "arrears_dead_unlisted" {
			told = append(told, f.Message)
		}
	}
	return told
}

// Her June row was held (account_shared) and she is on no roster since;
// a death list first reports her death of 20 June in November, when June
// is beyond the three months arrears reach. June is still hers, and no
// correction pays it: told once, by hand, with its amount. Paid back in
// July (when June was in reach), or told by a run of a month after June,
// it is not told again.
func TestHeldMonthBeyondTheWindowOfTheDeadIsTold(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194203033312", born(1942, 3, 3))
	p.Death = born(2026, 6, 20)
	june := Past{Month: month(2026, 6), Held: []domain.Listing{{Person: &p, Held: true, Codes: []string{"account_shared"}}}}
	for _, c := range []struct {
		name string
		in   Input
		told bool
	}{
		{"first reported in November", Input{DeadOffRoster: []domain.Person{{ID: p.ID, Death: p.Death}}}, true},
		{"paid back in July", Input{DeadOffRoster: []domain.Person{{ID: p.ID, Death: p.Death}}, Done: Done{Arrears: map[string]int64{Key(p.ID, "senior_allowance", month(2026, 6)): 7667}}}, false},
		{"told in July", Input{DeadOffRoster: []domain.Person{{ID: p.ID, Death: p.Death}}, DeadUnlistedTold: map[string][]domain.Month{p.ID: {month(2026, 7)}}}, false},
	} {
		in := c.in
		in.Month, in.Book, in.Past = month(2026, 11), bk, []Past{june}
		told := deadUnlistedTold(t, &in)
		if (len(told) == 1) != c.told {
			t.Errorf("%s: told %q, want told %v", c.name, told, c.told)
			continue
		}
		if c.told {
			for _, want := range []string{"2026年6月的行被暂缓（account_shared）", "该月已超出补发期限（3个月）", "高龄津贴", "请核实后向其遗属手工补发"} {
				if !strings.Contains(told[0], want) {
					t.Errorf("%s: want %q in %q", c.name, want, told[0])
				}
			}
			if strings.Contains(told[0], "自动补发") {
				t.Errorf("%s: a month beyond reach said to be paid back by a correction: %q", c.name, told[0])
			}
		}
	}
}

// recoveries returns Recoveries(in), failing the test on its error.
func recoveries(t *testing.T, in *Input) []domain.Recovery {
	t.Helper()
	got, _, err := Recoveries(in)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// Three seniors died on 10 November, before the 80th, 90th and 100th
// birthdays they would have reached on the 20th; November, run and approved
// before the deaths were known, paid them at the month's-end age. December
// recovers what the age at death did not earn, once; and January pays none
// of it back as arrears, nor recovers it again.
func TestDeathBeforeTheMonthsBirthdayIsRecovered(t *testing.T) {
	bk := book(t, nil)
	people := []domain.Person{
		person("140502194611200011", born(1946, 11, 20)),
		person("140502193611200022", born(1936, 11, 20)),
		person("140502192611200033", born(1926, 11, 20)),
	}
	nov := paidMonth(t, bk, month(2026, 11), people)
	var dead []domain.Person
	for _, p := range people {
		p.Death = born(2026, 11, 10)
		dead = append(dead, p)
	}
	in := &Input{Month: month(2026, 12), Book: bk, People: dead, Past: []Past{nov}}
	got := recoveries(t, in)
	var s []string
	for _, r := range got {
		s = append(s, fmt.Sprintf("%s %s %s %s", r.PersonID, r.Corrects, r.Benefit, money.Format(r.Amount, r.Unit)))
	}
	want := "140502194611200011 2026-11 senior_allowance 76.66\n140502193611200022 2026-11 senior_allowance 153.34\n140502192611200033 2026-11 senior_allowance 220.00"
	if strings.Join(s, "\n") != want {
		t.Fatalf("recoveries:\n%s\nwant:\n%s", strings.Join(s, "\n"), want)
	}
	if r := got[1].Reason; !strings.Contains(r, "89周岁") || !strings.Contains(r, "应发76.66") || !strings.Contains(r, "已发230.00") {
		t.Errorf("reason %q", r)
	}
	done := Done{Arrears: map[string]int64{}, Recovered: map[string]int64{}}
	for _, r := range got {
		h, _ := money.Hundredths(r.Amount)
		done.Recovered[Key(r.PersonID, r.Benefit, r.Corrects)] = h
	}
	jan := &Input{Month: month(2027, 1), Book: bk, People: dead, Past: []Past{nov}, Done: done}
	if again := recoveries(t, jan); len(again) != 0 {
		t.Errorf("recovered twice: %+v", again)
	}
	mustArrears(t, jan)
	// Off the rosters, the death on record: the same.
	jan.People, jan.DeadOnRecord = nil, dead
	if again := recoveries(t, jan); len(again) != 0 {
		t.Errorf("recovered twice, rows gone: %+v", again)
	}
	mustArrears(t, jan)
}

// A death on the birthday, or one with no birthday left in the month, was
// paid right: nothing is recovered for the month of the death.
func TestDeathOnOrAfterTheMonthsBirthdayKeepsTheMonth(t *testing.T) {
	bk := book(t, nil)
	on := person("140502194611200011", born(1946, 11, 20))
	before := person("140502194611050022", born(1946, 11, 5))
	nov := paidMonth(t, bk, month(2026, 11), []domain.Person{on, before})
	on.Death, before.Death = born(2026, 11, 20), born(2026, 11, 10)
	if got := recoveries(t, &Input{Month: month(2026, 12), Book: bk, People: []domain.Person{on, before}, Past: []Past{nov}}); len(got) != 0 {
		t.Errorf("recoveries %+v", got)
	}
}

// First listed in November, he was paid September and October back then;
// a rise entered in December with effect from September owes both months
// the difference, and the note says what was paid back already, not only
// the amount now due (a tester's explain of a 23.33 line read 应发100.00).
func TestArrearsOfAMonthPaidBackSayWhatWasPaid(t *testing.T) {
	bk := book(t, nil)
	p := person("140502194204206481", born(1942, 4, 20))
	sep, oct := Past{Month: month(2026, 9)}, Past{Month: month(2026, 10)}
	nov := paidMonth(t, bk, month(2026, 11), []domain.Person{p})
	back := mustArrears(t, &Input{Month: month(2026, 11), Book: bk, Lines: nov.Lines, People: []domain.Person{p}, Past: []Past{sep, oct}},
		"140502194204206481 2026-09 senior_allowance 76.67", "140502194204206481 2026-10 senior_allowance 76.67")
	nov.Lines = append(nov.Lines, back...)
	done := Done{Arrears: map[string]int64{}, Recovered: map[string]int64{}}
	for _, l := range back {
		h, _ := money.Hundredths(l.Amount)
		done.Arrears[Key(l.PersonID, l.Benefit, l.Corrects)] = h
	}
	raised := allowanceRaisedFrom(t, month(2026, 9))
	dec := paidMonth(t, raised, month(2026, 12), []domain.Person{p})
	got := mustArrears(t, &Input{Month: month(2026, 12), Book: raised, Lines: dec.Lines, People: []domain.Person{p}, Past: []Past{sep, oct, nov}, Done: done},
		"140502194204206481 2026-09 senior_allowance 6.66", "140502194204206481 2026-10 senior_allowance 6.66", "140502194204206481 2026-11 senior_allowance 6.68")
	if n := got[0].Params.Note; !strings.Contains(n, "以后月份已补发76.67元，补发差额") {
		t.Errorf("note %q", n)
	}
}
