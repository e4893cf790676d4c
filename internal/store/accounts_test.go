package store

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"disburse/internal/domain"
)

// October's latest run says whose each account was; a November claim of an
// account October gave for another ID, and never for the claim's own, names
// October's first such holder. A replaced run of October does not count.
func TestAccountsOfOthers(t *testing.T) {
	b := setup(t)
	oct := domain.Month{Year: 2026, Month: time.October}
	listing := func(id, name, account string, held bool) domain.Listing {
		return domain.Listing{Person: &domain.Person{ID: id, Name: name, BankAccount: account, Source: domain.Location{File: "十月.xlsx", Sheet: "Sheet1", Row: 4}}, Held: held}
	}
	save := func(replace bool, listings ...domain.Listing) {
		t.Helper()
		rec := record()
		rec.Run.Month = oct
		rec.Listings = listings
		if _, err := b.db.SaveRun(b.ctx, rec, replace, nil); err != nil {
			t.Fatal(err)
		}
	}
	save(false, listing("9", "旧人", "6217000000000000009", false)) // replaced below
	save(true,
		listing("5", "丁", "6217000000000000004", false), // first of a shared account, in payment order
		listing("1", "张老汉", "6217000000000000001", false),
		listing("2", "乙", "6217000000000000002", false),
		listing("3", "丙", "6217000000000000003", true), // held: still claimed the account
		listing("4", "戊", "6217000000000000004", false),
		listing("6", "己", "", false),
	)
	claims := []AccountClaim{
		{"6217000000000000001", "7"}, // 张老汉's: changed hands
		{"6217000000000000002", "2"}, // own
		{"6217000000000000003", "8"}, // the held 丙's
		{"6217000000000000004", "4"}, // shared last month, own ID among them
		{"6217000000000000004", "6"}, // shared last month, not own: the first holder
		{"6217000000000000009", "1"}, // only in the replaced run
		{"", "2"},                    // no account
		{"6217000000000000777", "6"}, // new account
	}
	got, err := b.db.AccountsOfOthers(b.ctx, Others{Month: nov}, claims)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, c := range claims {
		if h, ok := got[c]; ok {
			lines = append(lines, fmt.Sprintf("%s %s: %s %s %s %s", c.Account, c.ID, h.ID, h.Name, h.Month, h.File))
		}
	}
	want := []string{
		"6217000000000000001 7: 1 张老汉 2026-10 十月.xlsx",
		"6217000000000000003 8: 3 丙 2026-10 十月.xlsx",
		"6217000000000000004 6: 5 丁 2026-10 十月.xlsx",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") || len(got) != len(want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// Many claims, one of them of another person's account.
	many := make([]AccountClaim, 1001)
	for i := range many {
		many[i] = AccountClaim{fmt.Sprintf("62289999999%08d", i), "x"}
	}
	many[503].Account = "6217000000000000002"
	if got, err := b.db.AccountsOfOthers(b.ctx, Others{Month: nov}, many); err != nil || len(got) != 1 || got[many[503]].Name != "乙" {
		t.Errorf("many claims: %v %v", got, err)
	}
	if got, err := b.db.AccountsOfOthers(b.ctx, Others{Month: oct}, claims); err != nil || len(got) != 0 {
		t.Errorf("no run the month before: %v %v", got, err)
	}
}
