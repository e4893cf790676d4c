package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"disburse/internal/domain"
)

// Attempt is one try to pay a month: when, how it ended ("recorded",
// "failed" or "waiting"), the run it recorded (0 if none) and a message.
type Attempt struct {
	Month      domain.Month
	StartedAt  time.Time
	FinishedAt time.Time
	Outcome    string
	RunID      int64
	Message    string
}

// RecordAttempt stores a in its own transaction.
func (db *DB) RecordAttempt(ctx context.Context, a Attempt) error {
	var runID sql.NullInt64
	if a.RunID != 0 {
		runID = sql.NullInt64{Int64: a.RunID, Valid: true}
	}
	_, err := db.sql.ExecContext(ctx, `INSERT INTO attempts (month, started_at, finished_at, outcome, run_id, message) VALUES (?, ?, ?, ?, ?, ?)`,
		a.Month.String(), a.StartedAt.UTC().Format(timeLayout), a.FinishedAt.UTC().Format(timeLayout), a.Outcome, runID, a.Message)
	if err != nil {
		return fmt.Errorf("record attempt: %w", err)
	}
	return nil
}

// Attempts returns the last n attempts, newest first.
func (db *DB) Attempts(ctx context.Context, n int) ([]Attempt, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT month, started_at, finished_at, outcome, COALESCE(run_id, 0), message FROM attempts ORDER BY id DESC LIMIT ?`, n)
	if err != nil {
		return nil, fmt.Errorf("read attempts: %w", err)
	}
	defer rows.Close()
	var out []Attempt
	for rows.Next() {
		var a Attempt
		var m, s, f string
		if err := rows.Scan(&m, &s, &f, &a.Outcome, &a.RunID, &a.Message); err != nil {
			return nil, err
		}
		a.Month, _ = domain.ParseMonth(m)
		a.StartedAt, _ = time.Parse(timeLayout, s)
		a.FinishedAt, _ = time.Parse(timeLayout, f)
		out = append(out, a)
	}
	return out, rows.Err()
}

// RunSummary is one recorded run as status shows it.
type RunSummary struct {
	Run        domain.Run
	Lines      int
	Held       int // roster rows held; an agency list's rows that cannot be used are not among them
	Totals     []Total
	Replaced   bool      // a later run of the same month replaced it
	ApprovedBy string    // who approved the run; "" when not approved
	ApprovedAt time.Time // when, UTC; zero when not approved
}

// RecentRuns returns the last n runs, newest first, with their counts.
func (db *DB) RecentRuns(ctx context.Context, n int) ([]RunSummary, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, month, started_at, finished_at, rules_hash, software_version, COALESCE(replaces_run_id, 0),
		(SELECT COUNT(*) FROM payment_lines p WHERE p.run_id = runs.id),
		(SELECT COUNT(DISTINCT file || ':' || sheet || ':' || row) FROM findings f WHERE f.run_id = runs.id AND f.severity = 'held' AND f.code <> 'status_row_invalid'),
		EXISTS (SELECT 1 FROM runs later WHERE later.month = runs.month AND later.id > runs.id),
		COALESCE((SELECT approved_by FROM approvals a WHERE a.run_id = runs.id), ''),
		COALESCE((SELECT approved_at FROM approvals a WHERE a.run_id = runs.id), '')
		FROM runs ORDER BY id DESC LIMIT ?`, n)
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	var out []RunSummary
	for rows.Next() {
		var s RunSummary
		var m, st, fin, at string
		if err := rows.Scan(&s.Run.ID, &m, &st, &fin, &s.Run.RulesHash, &s.Run.SoftwareVersion, &s.Run.Replaces, &s.Lines, &s.Held, &s.Replaced, &s.ApprovedBy, &at); err != nil {
			rows.Close()
			return nil, err
		}
		s.Run.Month, _ = domain.ParseMonth(m)
		s.Run.StartedAt, _ = time.Parse(timeLayout, st)
		s.Run.FinishedAt, _ = time.Parse(timeLayout, fin)
		if at != "" {
			if s.ApprovedAt, err = time.Parse(timeLayout, at); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read runs: approval time of run %d: %w", s.Run.ID, err)
			}
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Totals, err = db.Totals(ctx, out[i].Run.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Inputs returns the input files a run recorded, in recorded order.
func (db *DB) Inputs(ctx context.Context, runID int64) ([]domain.InputFile, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT name, sha256, size, rows_read, status, reason FROM input_files WHERE run_id = ? ORDER BY id`, runID)
	if err != nil {
		return nil, fmt.Errorf("read inputs: %w", err)
	}
	defer rows.Close()
	var out []domain.InputFile
	for rows.Next() {
		var in domain.InputFile
		var status string
		if err := rows.Scan(&in.Name, &in.SHA256, &in.Size, &in.RowsRead, &status, &in.Reason); err != nil {
			return nil, err
		}
		in.Rejected = status == "rejected"
		out = append(out, in)
	}
	return out, rows.Err()
}

// EarlierInput is an input file processed by a run of an earlier month.
type EarlierInput struct {
	Month domain.Month
	Name  string
}

// EarlierInputs returns, for each sha256 of shas that a run of a month
// before m processed (not rejected), the latest such month and the file's
// name then.
func (db *DB) EarlierInputs(ctx context.Context, shas []string, m domain.Month) (map[string]EarlierInput, error) {
	want := map[string]bool{}
	for _, s := range shas {
		want[s] = true
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT f.sha256, r.month, f.name FROM input_files f JOIN runs r ON r.id = f.run_id
		WHERE f.status = 'processed' AND r.month < ? ORDER BY r.month, f.id`, m.String())
	if err != nil {
		return nil, fmt.Errorf("read earlier inputs: %w", err)
	}
	defer rows.Close()
	out := map[string]EarlierInput{}
	for rows.Next() {
		var sha, month, name string
		if err := rows.Scan(&sha, &month, &name); err != nil {
			return nil, fmt.Errorf("read earlier inputs: %w", err)
		}
		if !want[sha] {
			continue
		}
		em, err := domain.ParseMonth(month)
		if err != nil {
			return nil, fmt.Errorf("read earlier inputs: %w", err)
		}
		out[sha] = EarlierInput{Month: em, Name: name} // ordered by month: the latest stays
	}
	return out, rows.Err()
}
