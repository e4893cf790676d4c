package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"disburse/internal/domain"
	"disburse/internal/money"
)

func insertRecoveries(ctx context.Context, tx *sql.Tx, runID int64, rs []domain.Recovery) error {
	if len(rs) == 0 {
		return nil
	}
	b, err := newBatch(ctx, tx, "recoveries", "run_id", "seq", "id_number", "name", "street", "community", "benefit", "amount", "amount_hundredths", "unit", "department", "corrects", "reason")
	if err != nil {
		return err
	}
	for i, r := range rs {
		h, err := money.Hundredths(r.Amount)
		if err != nil {
			return err
		}
		if err := b.add(runID, i+1, r.PersonID, r.Name, r.Street, r.Community, r.Benefit, money.Format(r.Amount, r.Unit), h, r.Unit, r.Department, r.Corrects.String(), r.Reason); err != nil {
			return err
		}
	}
	return b.close()
}

// Recoveries returns the recoveries a run recorded, in order.
func (db *DB) Recoveries(ctx context.Context, runID int64) ([]domain.Recovery, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id_number, name, street, community, benefit, amount, unit, department, corrects, reason FROM recoveries WHERE run_id = ? ORDER BY seq`, runID)
	if err != nil {
		return nil, fmt.Errorf("read recoveries: %w", err)
	}
	defer rows.Close()
	var out []domain.Recovery
	for rows.Next() {
		var r domain.Recovery
		var amount, corrects string
		if err := rows.Scan(&r.PersonID, &r.Name, &r.Street, &r.Community, &r.Benefit, &amount, &r.Unit, &r.Department, &corrects, &r.Reason); err != nil {
			return nil, err
		}
		if r.Amount, err = money.Parse(amount); err != nil {
			return nil, err
		}
		if r.Corrects, err = domain.ParseMonth(corrects); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Corrected is what earlier runs already corrected for one person, benefit
// and month: arrears paid for it and recoveries recorded for it.
type Corrected struct {
	Arrears   map[string]int64 // "id|benefit|YYYY-MM" -> hundredths paid as arrears
	Recovered map[string]int64 // "id|benefit|YYYY-MM" -> hundredths recorded for recovery
	// RecoveredLater is the part of Recovered that months after Others.Month
	// recorded: newer word than a month run late, which does not give it
	// back on an older 死亡日期.
	RecoveredLater map[string]int64
}

// CorrectionKey is the key of Corrected's maps.
func CorrectionKey(id, benefit string, m domain.Month) string {
	return id + "|" + benefit + "|" + m.String()
}

// Others names the runs that stand for the months other than Month: the
// latest run of each; but with AsOf set (a re-run of run AsOf), for a month
// after Month the latest run recorded before run AsOf, as that run saw it:
// a re-run gives the same answer whatever later months recorded since.
// Earlier months are today's records, as a re-run documents.
type Others struct {
	Month domain.Month
	AsOf  int64 // run ID; 0 for a run being made now
}

// latestRuns is the SQL of the IDs of o's runs, with its arguments.
func (o Others) latestRuns() (string, []any) {
	m := o.Month.String()
	return `SELECT MAX(id) FROM runs WHERE month <> ? AND (month < ? OR ? = 0 OR id < ?) GROUP BY month`, []any{m, m, o.AsOf, o.AsOf}
}

// CorrectedElsewhere sums the arrears and recoveries recorded by the runs
// of the months other than o.Month (Others), before it or after it, so a
// correction is made once only: a month run late, after a later month has
// corrected the months before it, must not correct them again. o.Month's
// own earlier runs do not count: a run of it replaces them.
func (db *DB) CorrectedElsewhere(ctx context.Context, o Others) (*Corrected, error) {
	c := &Corrected{Arrears: map[string]int64{}, Recovered: map[string]int64{}, RecoveredLater: map[string]int64{}}
	runs, args := o.latestRuns()
	latest := `r.id IN (` + runs + `)`
	for _, q := range []struct {
		sql  string
		dst  map[string]int64
		args []any
	}{
		{arrearsOf(latest), c.Arrears, args},
		{`SELECT x.id_number, x.benefit, x.corrects, SUM(x.amount_hundredths) FROM recoveries x JOIN runs r ON r.id = x.run_id WHERE ` + latest + ` GROUP BY 1, 2, 3`, c.Recovered, args},
		{`SELECT x.id_number, x.benefit, x.corrects, SUM(x.amount_hundredths) FROM recoveries x JOIN runs r ON r.id = x.run_id WHERE r.month > ? AND ` + latest + ` GROUP BY 1, 2, 3`, c.RecoveredLater, append([]any{o.Month.String()}, args...)},
	} {
		rows, err := db.sql.QueryContext(ctx, q.sql, q.args...)
		if err != nil {
			return nil, fmt.Errorf("read corrections: %w", err)
		}
		for rows.Next() {
			var id, benefit, month string
			var n int64
			if err := rows.Scan(&id, &benefit, &month, &n); err != nil {
				rows.Close()
				return nil, err
			}
			q.dst[id+"|"+benefit+"|"+month] = n
		}
		rows.Close()
	}
	return c, nil
}

// arrearsOf is the query summing the arrears (补发) lines of the runs
// where selects, by ID, benefit and month corrected. It finds them by
// the index of such lines (payment_lines_corrects), not among every line
// of those runs: a million a month at a province's scale.
func arrearsOf(where string) string {
	return `SELECT p.id_number, p.benefit, p.corrects, SUM(p.amount_hundredths) FROM payment_lines p JOIN runs r ON r.id = p.run_id WHERE p.corrects <> '' AND ` + where + ` GROUP BY 1, 2, 3`
}

// ApprovedMonths returns the approved months before m, newest first. The
// months for which whole(month) is true come with all their lines and
// listings. The older ones, which a province's database has many of, come
// with only the lines a correction may still need: money lines recorded
// without an account (never sent by the bank; its own month's or arrears
// of an earlier one), and every line of the people in ids (those now
// known to have died); and, as listings, only the Meters. A whole
// month whose run is in have (read already, e.g. as last month for the
// change lists) is returned as given there instead of being read again: a
// province's month is a million lines and listings.
func (db *DB) ApprovedMonths(ctx context.Context, before domain.Month, whole func(domain.Month) bool, ids []string, have []ApprovedMonth) ([]ApprovedMonth, error) {
	out, err := db.approvals(ctx, `month < ? ORDER BY month DESC`, before.String())
	if err != nil {
		return nil, err
	}
	idsJSON, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if !whole(out[i].Month) {
			out[i].Lines, err = linesWhere(ctx, db.sql, `run_id = ? AND ((account = '' AND unit = ?) OR id_number IN (SELECT value FROM json_each(?)))`,
				out[i].RunID, domain.UnitYuan, string(idsJSON))
			if err != nil {
				return nil, err
			}
			if out[i].Meters, err = db.metersOf(ctx, out[i].RunID, out[i].Lines, ids); err != nil {
				return nil, err
			}
			if len(ids) > 0 {
				if out[i].Held, err = db.listingsWhere(ctx, `run_id = ? AND held AND id_number IN (SELECT value FROM json_each(?))`, out[i].RunID, string(idsJSON)); err != nil {
					return nil, err
				}
			}
			continue
		}
		if j := slices.IndexFunc(have, func(h ApprovedMonth) bool { return h.RunID == out[i].RunID }); j >= 0 {
			out[i].Lines, out[i].Listings = have[j].Lines, have[j].Listings
			continue
		}
		if out[i].Lines, out[i].Listings, err = db.WholeRun(ctx, out[i].RunID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ApprovedMonthsAfter returns the approved months after m, oldest first,
// each with only the lines of the people in ids (those m's rosters or
// death lists report dead) and, as listings, only the Meters: a month run late, after later
// months were approved, recovers what those paid after the death. It
// returns none when ids is empty.
//
// With asOf set (a re-run of run asOf), only the months approved before
// that run started count: the run did not know of the others.
func (db *DB) ApprovedMonthsAfter(ctx context.Context, m domain.Month, ids []string, asOf int64) ([]ApprovedMonth, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	idsJSON, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	out, err := db.approvals(ctx, `month > ? ORDER BY month`, m.String())
	if err != nil {
		return nil, err
	}
	if asOf > 0 {
		run, err := db.RunByID(ctx, asOf)
		if err != nil {
			return nil, fmt.Errorf("approved months after %s: %w", m, err)
		}
		out = slices.DeleteFunc(out, func(a ApprovedMonth) bool { return !a.at.Before(run.StartedAt) })
	}
	for i := range out {
		if out[i].Lines, err = linesWhere(ctx, db.sql, `run_id = ? AND id_number IN (SELECT value FROM json_each(?))`, out[i].RunID, string(idsJSON)); err != nil {
			return nil, err
		}
		if out[i].Meters, err = db.metersOf(ctx, out[i].RunID, out[i].Lines, ids); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ListedBefore returns, for each of ids that an approved month before
// before listed, the latest such month (domain.Listed). Months that old are not
// read whole (ApprovedMonths), yet whether a person absent since was last
// held as stopped decides whether the months since are paid back.
func (db *DB) ListedBefore(ctx context.Context, before domain.Month, ids []string) (map[string]domain.Listed, error) {
	all, err := db.ListedIn(ctx, domain.Month{}, before, ids, time.Time{})
	if err != nil {
		return nil, err
	}
	out := make(map[string]domain.Listed, len(all))
	for id, ls := range all {
		out[id] = ls[len(ls)-1] // oldest first: the latest month
	}
	return out, nil
}

// ListedIn returns, for each of ids, the approved months from from up to
// before (not included) whose run listed them, oldest first, each held or
// not (domain.Listed). With asOf not zero only the approvals recorded by
// asOf count: a run's workbooks rebuilt later (approve, a restart) see the
// months as the run did, asOf being its FinishedAt, since the run held
// the data folder's lock from before it read to its commit.
func (db *DB) ListedIn(ctx context.Context, from, before domain.Month, ids []string, asOf time.Time) (map[string][]domain.Listed, error) {
	out := map[string][]domain.Listed{}
	if len(ids) == 0 {
		return out, nil
	}
	idsJSON, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := db.sql.QueryContext(ctx, `
		SELECT a.month, a.approved_at, l.id_number, l.held, l.codes
		FROM approvals a JOIN listings l ON l.run_id = a.run_id
		WHERE a.month >= ? AND a.month < ? AND l.id_number IN (SELECT value FROM json_each(?))
		ORDER BY a.month`, from.String(), before.String(), string(idsJSON))
	if err != nil {
		return nil, fmt.Errorf("read listings of approved months: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var month, at, id, codes string
		var held bool
		if err := rows.Scan(&month, &at, &id, &held, &codes); err != nil {
			return nil, fmt.Errorf("read listings of approved months: %w", err)
		}
		m, err := domain.ParseMonth(month)
		if err != nil {
			return nil, fmt.Errorf("read listings of approved months: %w", err)
		}
		if !asOf.IsZero() {
			t, err := time.Parse(timeLayout, at)
			if err != nil {
				return nil, fmt.Errorf("approved month %s: time %q: %w", month, at, err)
			}
			if t.After(asOf) {
				continue // approved after the run: it did not know
			}
		}
		l := domain.Listed{Month: m, Held: held}
		if held && codes != "" {
			l.Codes = strings.Split(codes, ",")
		}
		out[id] = append(out[id], l)
	}
	return out, rows.Err()
}

// approvals returns the approved months (run and month, no lines) that
// where (SQL over approvals, with its ORDER BY, and args) selects.
func (db *DB) approvals(ctx context.Context, where string, args ...any) ([]ApprovedMonth, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT run_id, month, approved_at FROM approvals WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read approved months: %w", err)
	}
	defer rows.Close()
	var out []ApprovedMonth
	for rows.Next() {
		var a ApprovedMonth
		var month, at string
		if err := rows.Scan(&a.RunID, &month, &at); err != nil {
			return nil, err
		}
		if a.Month, err = domain.ParseMonth(month); err != nil {
			return nil, fmt.Errorf("approved month %q: %w", month, err)
		}
		if a.at, err = time.Parse(timeLayout, at); err != nil {
			return nil, fmt.Errorf("approved month %s: time %q: %w", month, at, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ApprovedMonth is an approved month's run with its lines and listings.
type ApprovedMonth struct {
	Month    domain.Month
	RunID    int64
	Lines    []domain.Line
	Listings []domain.Listing
	// Meters, for a month not read whole, are the listings of everyone on
	// a 户号 that an allowance of the people in ids went to (list item 30:
	// one grant per 户号): whether the household was owed it anyway
	// (correction.Recoveries). Nil for a month read whole: Listings has
	// them.
	Meters []domain.Listing
	// Held, for a month not read whole, are the listings of the people in
	// ids that held all their rows (domain.Listing.Held): a month beyond
	// the arrears window that a senior since reported dead lived in and
	// was not paid (correction.Past.Held). Nil for a month read whole.
	Held []domain.Listing
	at   time.Time // when it was approved
}

// metersOf returns the listings of run runID on the 户号 that lines (of
// that run) gave the people in ids an allowance on (ApprovedMonth.Meters).
// Listings have no index by 户号 (one would cost every run's recording),
// so a run is read through only when such a 户号 exists: a death reported
// months late of someone granted the allowance.
func (db *DB) metersOf(ctx context.Context, runID int64, lines []domain.Line, ids []string) ([]domain.Listing, error) {
	dead := map[string]bool{}
	for _, id := range ids {
		dead[id] = true
	}
	var accounts []string
	for _, l := range lines {
		if l.Unit != domain.UnitYuan && l.Account != "" && dead[l.PersonID] && !slices.Contains(accounts, l.Account) {
			accounts = append(accounts, l.Account)
		}
	}
	if len(accounts) == 0 {
		return nil, nil
	}
	js, err := json.Marshal(accounts)
	if err != nil {
		return nil, err
	}
	return db.listingsWhere(ctx, `run_id = ? AND electricity_account IN (SELECT value FROM json_each(?))`, runID, string(js))
}

// RecoveriesOf returns every recovery recorded for id by the latest run of
// each month, with the month that recorded it, by month.
func (db *DB) RecoveriesOf(ctx context.Context, id string) ([]RecordedRecovery, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT r.month, x.benefit, x.amount, x.unit, x.corrects, x.reason
		FROM recoveries x JOIN runs r ON r.id = x.run_id
		WHERE x.id_number = ? AND r.id = (SELECT MAX(id) FROM runs r2 WHERE r2.month = r.month)
		ORDER BY r.month, x.seq`, id)
	if err != nil {
		return nil, fmt.Errorf("read recoveries: %w", err)
	}
	defer rows.Close()
	var out []RecordedRecovery
	for rows.Next() {
		var rr RecordedRecovery
		var month, amount, corrects string
		if err := rows.Scan(&month, &rr.Benefit, &amount, &rr.Unit, &corrects, &rr.Reason); err != nil {
			return nil, err
		}
		rr.Month, _ = domain.ParseMonth(month)
		rr.Corrects, _ = domain.ParseMonth(corrects)
		if rr.Amount, err = money.Parse(amount); err != nil {
			return nil, err
		}
		out = append(out, rr)
	}
	return out, rows.Err()
}

// RecordedRecovery is a recovery as history shows it: recorded in Month for
// the month Corrects.
type RecordedRecovery struct {
	domain.Recovery
	Month domain.Month
}

// ArrearsFor returns the arrears (补发) lines paid to id for month m by the
// latest run of each other month, with that month and run, by month: how
// later months corrected m's money (explain). Approved is not set.
func (db *DB) ArrearsFor(ctx context.Context, id string, m domain.Month) ([]HistoryLine, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT r.month, r.id FROM runs r
		WHERE r.month <> ? AND r.id = (SELECT MAX(id) FROM runs r2 WHERE r2.month = r.month)
		  AND EXISTS (SELECT 1 FROM payment_lines p WHERE p.run_id = r.id AND p.id_number = ? AND p.corrects = ?)
		ORDER BY r.month`, m.String(), id, m.String())
	if err != nil {
		return nil, fmt.Errorf("read arrears: %w", err)
	}
	var runs []HistoryLine
	for rows.Next() {
		var h HistoryLine
		var month string
		if err := rows.Scan(&month, &h.RunID); err != nil {
			rows.Close()
			return nil, err
		}
		if h.Month, err = domain.ParseMonth(month); err != nil {
			rows.Close()
			return nil, err
		}
		runs = append(runs, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []HistoryLine
	for _, r := range runs {
		lines, err := linesWhere(ctx, db.sql, "run_id = ? AND id_number = ? AND corrects = ?", r.RunID, id, m.String())
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			r.Line = l
			out = append(out, r)
		}
	}
	return out, nil
}

// PaidIn returns, of ids, the "id|benefit" that the latest run of month m
// paid by a line of m's own (not 补发: MonthLinesOf), sent or not (an
// unsent line is paid once there is an account, however long ago): whom
// the month before the arrears window paid (correction.Input.PaidIn).
func (db *DB) PaidIn(ctx context.Context, m domain.Month, ids []string) (map[string]bool, error) {
	lines, err := db.MonthLinesOf(ctx, m, ids)
	if err != nil {
		return nil, fmt.Errorf("read payments of %s: %w", m, err)
	}
	out := make(map[string]bool, len(lines))
	for _, l := range lines {
		out[l.PersonID+"|"+l.Benefit] = true
	}
	return out, nil
}
