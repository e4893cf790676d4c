package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"disburse/internal/domain"
)

// Unlisted is a person a run listed as 待核实: paid in month Since (the last
// month that paid them), or listed then and held for the codes Held, on
// none of the run's rosters since. Name, Street and Community are Since's.
type Unlisted struct {
	ID, Name, Street, Community string
	Since                       domain.Month
	Held                        []string
	Account                     string // 银行账号 in Since, "" when none
}

func insertUnlisted(ctx context.Context, tx *sql.Tx, runID int64, us []Unlisted) error {
	if len(us) == 0 {
		return nil
	}
	b, err := newBatch(ctx, tx, "unlisted", "run_id", "seq", "id_number", "name", "street", "community", "since", "held", "account")
	if err != nil {
		return err
	}
	for i, u := range us {
		if err := b.add(runID, i+1, u.ID, u.Name, u.Street, u.Community, u.Since.String(), strings.Join(u.Held, ","), u.Account); err != nil {
			return err
		}
	}
	return b.close()
}

// UnlistedOf returns the people run runID listed as 待核实, in its order
// (none for a run recorded before they were kept).
func (db *DB) UnlistedOf(ctx context.Context, runID int64) ([]Unlisted, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id_number, name, street, community, since, held, account FROM unlisted WHERE run_id = ? ORDER BY seq`, runID)
	if err != nil {
		return nil, fmt.Errorf("read 待核实 of run %d: %w", runID, err)
	}
	defer rows.Close()
	var out []Unlisted
	for rows.Next() {
		var u Unlisted
		var since, held string
		if err := rows.Scan(&u.ID, &u.Name, &u.Street, &u.Community, &since, &held, &u.Account); err != nil {
			return nil, err
		}
		if held != "" {
			u.Held = strings.Split(held, ",")
		}
		if u.Since, err = domain.ParseMonth(since); err != nil {
			return nil, fmt.Errorf("待核实 %s of run %d: %w", u.ID, runID, err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// MonthLinesOf returns the month's own payment lines (no arrears) that the
// latest run of month m recorded for the people ids, in payment order
// within each few hundred people; none when m has no run.
func (db *DB) MonthLinesOf(ctx context.Context, m domain.Month, ids []string) ([]domain.Line, error) {
	run, ok, err := db.LatestRun(ctx, m)
	if err != nil || !ok || len(ids) == 0 {
		return nil, err
	}
	const chunk = 500 // SQLite's bound on variables is far above; a few hundred keeps statements small
	var out []domain.Line
	for i := 0; i < len(ids); i += chunk {
		part := ids[i:min(i+chunk, len(ids))]
		args := []any{run.ID}
		for _, id := range part {
			args = append(args, id)
		}
		lines, err := linesWhere(ctx, db.sql, "run_id = ? AND corrects = '' AND id_number IN (?"+strings.Repeat(", ?", len(part)-1)+")", args...)
		if err != nil {
			return nil, err
		}
		out = append(out, lines...)
	}
	return out, nil
}
