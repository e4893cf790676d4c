package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"disburse/internal/domain"
)

// AccountClaim is a 银行账号 a row of this month gives for a person.
type AccountClaim struct {
	Account string
	ID      string
}

// AccountHolder is a person a month's rosters gave a 银行账号 for: the ID
// and 姓名, the month and the roster file.
type AccountHolder struct {
	ID    string
	Name  string
	Month domain.Month
	File  string
}

// claimsPerQuery is how many claims one query looks up: two parameters
// each, far below SQLite's limit of 32,766.
const claimsPerQuery = 500

// AccountsOfOthers returns, for each claim whose 银行账号 the latest run of
// the month before m (draft or approved) listed for another ID and not for
// the claim's own, the first such listing (in that run's order): an account
// that changed hands from one month to the next, which the bank would still
// credit only to last month's holder. Held listings count: their row still
// gave the account as its person's. It returns nothing when that month has
// no run. Claims with an empty account are ignored.
//
// A province's month lists a million people: each claim is looked up
// through the listings' account index (listings_bank_account), an account
// given for the same person as last month, nearly all of them, is settled
// in the index, and only the claims that changed hands come back.
func (db *DB) AccountsOfOthers(ctx context.Context, m domain.Month, claims []AccountClaim) (map[AccountClaim]AccountHolder, error) {
	prev := m.Prev()
	run, ok, err := db.LatestRun(ctx, prev)
	if err != nil || !ok {
		return nil, err
	}
	var want []AccountClaim
	for _, c := range claims {
		if c.Account != "" {
			want = append(want, c)
		}
	}
	out := map[AccountClaim]AccountHolder{}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	for len(want) > 0 {
		chunk := want[:min(len(want), claimsPerQuery)]
		want = want[len(chunk):]
		args := make([]any, 0, 2*len(chunk)+1)
		for _, c := range chunk {
			args = append(args, c.Account, c.ID)
		}
		args = append(args, run.ID)
		var rows *sql.Rows
		if len(chunk) == claimsPerQuery {
			if full == nil {
				if full, err = db.sql.PrepareContext(ctx, accountsQuery(claimsPerQuery)); err != nil {
					return nil, fmt.Errorf("read accounts of %s: %w", prev, err)
				}
			}
			rows, err = full.QueryContext(ctx, args...)
		} else {
			rows, err = db.sql.QueryContext(ctx, accountsQuery(len(chunk)), args...)
		}
		if err != nil {
			return nil, fmt.Errorf("read accounts of %s: %w", prev, err)
		}
		if err := scanHolders(rows, prev, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// accountsQuery looks up n claims (account, ID) in one run's listings: the
// listings of another ID with the account, when none of the claim's own ID
// has it, in the run's order. CROSS JOIN makes SQLite loop over the claims
// and search the listings for each: left to itself, with a month of
// listings in the table, it scanned the run's listings and the claims for
// each of them, a thousand times slower. Whether the claim's own ID had
// the account is asked of the same index, which holds the answer: the
// listing itself is read only for a claim that changed hands.
func accountsQuery(n int) string {
	return `WITH claim (account, id) AS (VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?), ", n), ", ") + `)
		SELECT claim.account, claim.id, l.id_number, l.name, l.source_file
		FROM claim CROSS JOIN listings l ON l.run_id = ? AND l.bank_account = claim.account AND l.bank_account <> ''
		WHERE l.id_number <> claim.id
		  AND NOT EXISTS (SELECT 1 FROM listings own INDEXED BY listings_bank_account
		                  WHERE own.run_id = l.run_id AND own.bank_account = claim.account AND own.bank_account <> '' AND own.id_number = claim.id)
		ORDER BY l.seq`
}

func scanHolders(rows *sql.Rows, m domain.Month, out map[AccountClaim]AccountHolder) error {
	defer rows.Close()
	for rows.Next() {
		var c AccountClaim
		h := AccountHolder{Month: m}
		if err := rows.Scan(&c.Account, &c.ID, &h.ID, &h.Name, &h.File); err != nil {
			return fmt.Errorf("read account of %s: %w", m, err)
		}
		if _, ok := out[c]; !ok {
			out[c] = h
		}
	}
	return rows.Err()
}
