package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"disburse/internal/domain"
)

// AccountClaim is a 银行账号 a row of this month gives for a person.
type AccountClaim struct {
	Account string
	ID      string
}

// AccountHolder is a person a month's rosters gave a 银行账号 for: the ID
// and 姓名, the month and the roster file. Unconfirmed marks the claim's
// own ID, whose row gave the account that month and was held for it
// (CodeAccountChangedHands), the hold not yet confirmed away.
type AccountHolder struct {
	ID          string
	Name        string
	Month       domain.Month
	File        string
	Unconfirmed bool
	// Unlisted marks a holder last month's run listed as 待核实 (Unlisted):
	// paid in Month with the account, on no roster since.
	Unlisted bool
	// Death is set for a holder whose row in Month gave this 死亡日期: the
	// account of the dead, given for someone else (an heir) since.
	Death time.Time
}

// CodeAccountChangedHands is the hold on a row whose 银行账号 the month
// before gave for another ID; AccountsOfOthers carries it on, month to
// month, until staff confirm the account.
const CodeAccountChangedHands = "account_changed_hands"

// AccountsOfOthers returns, for each claim whose 银行账号 the latest run of
// the month before m (draft or approved) listed for another ID and not for
// the claim's own, the first such listing (in that run's payment order), and
// for each claim that run listed with its own ID but held for
// CodeAccountChangedHands, that listing marked Unconfirmed (a hold that
// lapsed when the roster was sent again unchanged would pay the account
// nobody confirmed, and the held month as arrears): an
// account that changed hands from one month to the next, which the bank
// would still credit only to last month's holder. Held listings count:
// their row still gave the account as its person's. It returns nothing
// when that month has no run. Claims with an empty account are ignored, and
// a claim given twice counts once.
//
// It reads that run's listings with an account once, in one pass (a
// province's month lists a million people: a second or two), keeping only
// those whose account is claimed; an index by account would instead cost
// every month's recording, first months included.
func (db *DB) AccountsOfOthers(ctx context.Context, o Others, claims []AccountClaim) (map[AccountClaim]AccountHolder, error) {
	m := o.Month
	prev := m.Prev()
	run, ok, err := db.LatestRun(ctx, prev)
	if err != nil || !ok {
		return nil, err
	}
	claimed := make(map[string][]string, len(claims)) // account -> the IDs claiming it
	for _, c := range claims {
		if ids := claimed[c.Account]; c.Account != "" && !slices.Contains(ids, c.ID) {
			claimed[c.Account] = append(ids, c.ID)
		}
	}
	if len(claimed) == 0 {
		return nil, nil
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT seq, bank_account, id_number, name, source_file, held, codes, death FROM listings WHERE run_id = ? AND bank_account <> ''`, run.ID)
	if err != nil {
		return nil, fmt.Errorf("read accounts of %s: %w", prev, err)
	}
	defer rows.Close()
	type held struct {
		seq int64
		AccountHolder
	}
	byAccount := map[string][]held{}
	owned := map[string]bool{} // accounts claimed by one ID only, listed for it last month
	out := map[AccountClaim]AccountHolder{}
	var seq int64
	var wasHeld bool
	var account, id, name, file, codes, death sql.RawBytes // most rows are an account listed for its own claimer: nothing is copied
	for rows.Next() {
		if err := rows.Scan(&seq, &account, &id, &name, &file, &wasHeld, &codes, &death); err != nil {
			return nil, fmt.Errorf("read accounts of %s: %w", prev, err)
		}
		ids, ok := claimed[string(account)]
		if !ok {
			continue
		}
		if wasHeld && slices.Contains(ids, string(id)) && slices.Contains(strings.Split(string(codes), ","), CodeAccountChangedHands) {
			out[AccountClaim{string(account), string(id)}] = AccountHolder{ID: string(id), Name: string(name), Month: prev, File: string(file), Unconfirmed: true}
		}
		if len(ids) == 1 && ids[0] == string(id) {
			owned[ids[0]+"|"+string(account)] = true
			continue
		}
		h := AccountHolder{ID: string(id), Name: string(name), Month: prev, File: string(file)}
		if len(death) > 0 {
			if h.Death, err = time.Parse(dateLayout, string(death)); err != nil {
				return nil, fmt.Errorf("death on record of %s: %w", h.ID, err)
			}
		}
		byAccount[string(account)] = append(byAccount[string(account)], held{seq, h})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read accounts of %s: %w", prev, err)
	}
	holders := make(map[string][]AccountHolder, len(byAccount))
	for account, hs := range byAccount {
		slices.SortFunc(hs, func(a, b held) int { return cmp.Compare(a.seq, b.seq) }) // payment order
		for _, h := range hs {
			holders[account] = append(holders[account], h.AccountHolder)
		}
	}
	// known reports whether holders has id for account already, or no
	// claim gives the account (nothing to hold then).
	known := func(account, id string) bool {
		_, ok := claimed[account]
		return !ok || slices.ContainsFunc(holders[account], func(x AccountHolder) bool { return x.ID == id })
	}
	// 待核实 people keep their account: a senior dropped from the rosters
	// and a newcomer given their account two months on (f12).
	un, err := db.sql.QueryContext(ctx, `SELECT account, id_number, name, since FROM unlisted WHERE run_id = ? AND account <> '' ORDER BY seq`, run.ID)
	if err != nil {
		return nil, fmt.Errorf("read accounts of %s's 待核实: %w", prev, err)
	}
	defer un.Close()
	for un.Next() {
		var h AccountHolder
		var account, since string
		if err := un.Scan(&account, &h.ID, &h.Name, &since); err != nil {
			return nil, err
		}
		if known(account, h.ID) {
			continue
		}
		if h.Month, err = domain.ParseMonth(since); err != nil {
			return nil, fmt.Errorf("待核实 %s: %w", h.ID, err)
		}
		h.Unlisted = true
		holders[account] = append(holders[account], h)
	}
	if err := un.Err(); err != nil {
		return nil, err
	}
	// The dead keep their account: a widow or heir given it since (f13).
	// Few listings give a date; their partial index reads only those.
	runs, args := o.latestRuns()
	dead, err := db.sql.QueryContext(ctx, `
		SELECT l.bank_account, l.id_number, l.name, r.month, l.source_file, l.death
		FROM runs r JOIN listings l ON l.run_id = r.id AND l.death <> ''
		WHERE r.id IN (`+runs+`) AND l.bank_account <> '' ORDER BY r.month`, args...)
	if err != nil {
		return nil, fmt.Errorf("read accounts of the dead: %w", err)
	}
	defer dead.Close()
	for dead.Next() {
		var h AccountHolder
		var account, month, death string
		if err := dead.Scan(&account, &h.ID, &h.Name, &month, &h.File, &death); err != nil {
			return nil, err
		}
		if known(account, h.ID) {
			continue
		}
		if h.Month, err = domain.ParseMonth(month); err != nil {
			return nil, fmt.Errorf("death on record of %s: %w", h.ID, err)
		}
		if h.Death, err = time.Parse(dateLayout, death); err != nil {
			return nil, fmt.Errorf("death on record of %s: %w", h.ID, err)
		}
		holders[account] = append(holders[account], h)
	}
	if err := dead.Err(); err != nil {
		return nil, err
	}
	for account, hs := range holders {
		for _, id := range claimed[account] {
			if !owned[id+"|"+account] && !slices.ContainsFunc(hs, func(h AccountHolder) bool { return h.ID == id }) {
				for _, h := range hs {
					if h.ID != id {
						out[AccountClaim{account, id}] = h
						break
					}
				}
			}
		}
	}
	return out, nil
}
