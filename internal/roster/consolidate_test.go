package roster

import (
	"fmt"
	"strings"
	"testing"

	"disburse/internal/domain"
)

// A row whose 死亡日期 is before the month is paid nothing, so it claims no
// account: the widow listed with her husband's row (dead since August) and
// its account is paid, and he is not held either. A death on the month's
// first day or later is paid for the month, so that row still shares.
func TestSharedAccountOfTheDead(t *testing.T) {
	id := func(n int) string { return withCheck(fmt.Sprintf("14050219400101%03d", n)) }
	set := func(account, death string) map[string]any {
		return map[string]any{"银行账号": account, "死亡日期": death}
	}
	dir := t.TempDir()
	wb, err := ReadFile(writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "夫君甲", id(1), set("6217000000000000111", "2026-08-15")), // 4 dead before November
		row(2, "遗孀甲", id(2), set("6217000000000000111", "")),           // 5 paid
		row(3, "夫君乙", id(3), set("6217000000000000222", "2026-10-31")), // 6 dead the day before
		row(4, "遗孀乙", id(4), set("6217000000000000222", "")),           // 7 paid
		row(5, "当月丙", id(5), set("6217000000000000333", "2026-11-01")), // 8 dies within November: paid, shares
		row(6, "同账丙", id(6), set("6217000000000000333", "")),           // 9 held with row 8
		row(7, "先去丁", id(7), set("6217000000000000444", "2026-07-01")), // 10 two dead on one account
		row(8, "先去戊", id(8), set("6217000000000000444", "2026-09-01")), // 11
	}), "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := Consolidate([]*Workbook{wb}, nov)
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%d:%s:%s", f.Where.Row, f.Severity, f.Code))
	}
	sameLines(t, "findings", got, []string{"8:held:account_shared", "9:held:account_shared"})
	var paid []string
	for _, p := range res.People {
		paid = append(paid, p.Name)
	}
	sameLines(t, "not held", paid, []string{"夫君甲", "遗孀甲", "夫君乙", "遗孀乙", "先去丁", "先去戊"})
}

// A death list naming someone on no roster gives that person, with the
// list's 死亡日期, for recoveries; the notice recorded for them gives the
// same person back (a recorded month's change lists read it).
func TestDeadOffRoster(t *testing.T) {
	dir := t.TempDir()
	rosterPath := writeRoster(t, dir, "东街.xlsx", [][]any{row(1, "邱成德", "140502192612115846", nil)})
	roster, err := ReadFile(rosterPath, "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	death := writeList(t, dir, "11月死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"},
		[]any{"邱成德", "140502192612115846", "2026-09-30"},
		[]any{"外人", "140502193807075930", "2026-09-12"},
		[]any{"外人", "140502193807075930", "2026-09-12"},
	)
	res := Consolidate([]*Workbook{roster, death}, nov)
	show := func(ps []domain.Person) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.ID+" "+p.Name+" "+p.Death.Format("2006-01-02"))
		}
		return strings.Join(s, "; ")
	}
	const want = "140502193807075930 外人 2026-09-12"
	if got := show(res.DeadOffRoster); got != want {
		t.Errorf("DeadOffRoster %q, want %q", got, want)
	}
	if got := show(DeadOffRosterOf(res.Findings)); !strings.HasPrefix(got, want) {
		t.Errorf("read back from the findings: %q, want %q", got, want)
	}
}
