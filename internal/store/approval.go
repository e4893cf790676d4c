package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"disburse/internal/domain"
	"disburse/internal/money"
)

// ErrMonthApproved is returned when a run would replace an approved month.
var ErrMonthApproved = errors.New("month is approved and can never be replaced")

// Approval is the approval of a month's run: who, when, the totals per
// benefit and the sha256 of all its lines and of its recoveries (追回) at
// that moment.
type Approval struct {
	RunID       int64
	Month       domain.Month
	By          string
	At          time.Time
	Totals      []Total
	LinesSHA256 string
	// RecoveriesSHA256 is RecoveriesHash at approval; empty for approvals
	// recorded before 2026-12-02, which kept none.
	RecoveriesSHA256 string
	// LinesHashForm is the form of LinesSHA256: 2 (LinesHash) for approvals
	// recorded since migration 0015, 1 (linesHashPlaceless, or the older
	// linesHashBefore) for those before.
	LinesHashForm int
}

// Tampered is what ApprovalIntact found changed since the approval: the
// record (发放明细, the payment lines, or 追回明细, the recoveries), with its
// sha256 as the approval recorded it and as it is now.
type Tampered struct {
	What          string // 发放明细 or 追回明细, as staff read it
	Recorded, Now string
}

// LinesHash returns the sha256 (hex) of lines as approval records it
// (form 2): one "id<TAB>name<TAB>benefit<TAB>amount<TAB>unit<TAB>account<TAB>reference<TAB>corrects<TAB>department<TAB>street<TAB>community<TAB>band"
// line each, in order (corrects as YYYY-MM, or empty). The name and the
// account are what the bank pays to, the department which bank file pays
// it, the street and band what the signed sheets show: any of them changed
// in the database after approval changes the hash.
func LinesHash(lines []domain.Line) string {
	h := sha256.New()
	for _, l := range lines {
		fmt.Fprintf(h, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.PersonID, l.Name, l.Benefit, money.Format(l.Amount, l.Unit), l.Unit, l.Account, l.Reference, monthText(l.Corrects),
			l.Department, l.Street, l.Community, l.Band)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// linesHashPlaceless is LinesHash as approvals recorded from 2026-11-30
// until migration 0015 computed it (form 1): without department, street,
// community and band.
func linesHashPlaceless(lines []domain.Line) string {
	h := sha256.New()
	for _, l := range lines {
		fmt.Fprintf(h, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.PersonID, l.Name, l.Benefit, money.Format(l.Amount, l.Unit), l.Unit, l.Account, l.Reference, monthText(l.Corrects))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// linesHashBefore is LinesHash as approvals recorded before 2026-11-30
// computed it: id, benefit, amount, unit and reference only.
func linesHashBefore(lines []domain.Line) string {
	h := sha256.New()
	for _, l := range lines {
		fmt.Fprintf(h, "%s\t%s\t%s\t%s\t%s\n", l.PersonID, l.Benefit, money.Format(l.Amount, l.Unit), l.Unit, l.Reference)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ApprovalIntact returns nil when the lines of a's run still hash as a
// recorded (LinesHash; an approval of form 1 in the form of its day,
// linesHashPlaceless or, before 2026-11-30, linesHashBefore) and its recoveries too (RecoveriesHash; not for an approval
// before 2026-12-02), and what changed otherwise. A change means the
// database was edited after the approval: an amount, a name or an account
// of an approved month edited, a line added or deleted, an amount to
// recover (追回) edited. It returns an error when the records cannot be
// read.
//
// Each line's amount in hundredths (fen), which the sums of what other
// months corrected read, must also equal its amount as text, which the
// hash covers: an edit of the one column alone would otherwise pass. A
// recovery's hash covers both columns.
func (db *DB) ApprovalIntact(ctx context.Context, a *Approval) (*Tampered, error) {
	if !db.remember {
		return db.approvalIntact(ctx, a)
	}
	k := intactKey{a.RunID, a.LinesSHA256, a.LinesHashForm, a.RecoveriesSHA256}
	if v, ok := db.intact.Load(k); ok {
		return v.(*Tampered), nil
	}
	t, err := db.approvalIntact(ctx, a)
	if err == nil {
		db.intact.Store(k, t)
	}
	return t, err
}

// RememberIntact has ApprovalIntact remember its answer for each approval
// as recorded, for the life of db: for a command that only reads, as
// status, which asks it of the same approved month for its list of runs
// and again for a draft's warnings, each answer reading every line of the
// month (a million, for a province). A change made through db after an
// answer would then go untold; made by another process, it goes untold
// until the next command as well.
func (db *DB) RememberIntact() { db.remember = true }

// intactKey is an approval as ApprovalIntact checks it.
type intactKey struct {
	run        int64
	lines      string
	form       int
	recoveries string
}

// approvalIntact is ApprovalIntact, not remembered.
func (db *DB) approvalIntact(ctx context.Context, a *Approval) (*Tampered, error) {
	lines, err := linesOf(ctx, db.sql, a.RunID)
	if err != nil {
		return nil, err
	}
	now := LinesHash(lines)
	if a.LinesHashForm < 2 {
		now = linesHashPlaceless(lines)
	}
	if now != a.LinesSHA256 && (a.LinesHashForm >= 2 || linesHashBefore(lines) != a.LinesSHA256) {
		return &Tampered{What: "发放明细", Recorded: a.LinesSHA256, Now: now}, nil
	}
	if same, err := hundredthsAgree(ctx, db.sql, a.RunID); err != nil || !same {
		if err != nil {
			return nil, err
		}
		return &Tampered{What: "发放明细", Recorded: a.LinesSHA256, Now: now + "（以分计的金额与金额文字不符）"}, nil
	}
	if a.RecoveriesSHA256 == "" {
		return nil, nil
	}
	rec, err := RecoveriesHash(ctx, db.sql, a.RunID)
	if err != nil || rec == a.RecoveriesSHA256 {
		return nil, err
	}
	return &Tampered{What: "追回明细", Recorded: a.RecoveriesSHA256, Now: rec}, nil
}

// RecoveriesHash returns the sha256 (hex) of run runID's recoveries as
// approval records it: one
// "id<TAB>name<TAB>benefit<TAB>amount<TAB>hundredths<TAB>unit<TAB>corrects"
// line each, in the run's order (amount as recorded, in yuan or kWh, and
// in hundredths, which the sums of later months read).
func RecoveriesHash(ctx context.Context, q querier, runID int64) (string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id_number, name, benefit, amount, amount_hundredths, unit, corrects FROM recoveries WHERE run_id = ? ORDER BY seq`, runID)
	if err != nil {
		return "", fmt.Errorf("read recoveries: %w", err)
	}
	defer rows.Close()
	h := sha256.New()
	for rows.Next() {
		var id, name, benefit, amount, unit, corrects string
		var fen int64
		if err := rows.Scan(&id, &name, &benefit, &amount, &fen, &unit, &corrects); err != nil {
			return "", fmt.Errorf("read recoveries: %w", err)
		}
		fmt.Fprintf(h, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", id, name, benefit, amount, fen, unit, corrects)
	}
	return hex.EncodeToString(h.Sum(nil)), rows.Err()
}

// hundredthsAgree reports whether every payment line of run runID has its
// amount in hundredths equal to its amount as text.
func hundredthsAgree(ctx context.Context, q querier, runID int64) (bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT amount, amount_hundredths FROM payment_lines WHERE run_id = ?`, runID)
	if err != nil {
		return false, fmt.Errorf("read amounts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var text string
		var fen int64
		if err := rows.Scan(&text, &fen); err != nil {
			return false, fmt.Errorf("read amounts: %w", err)
		}
		d, err := decimal.NewFromString(text)
		if err != nil || !d.Equal(money.FromHundredths(fen)) {
			return false, nil
		}
	}
	return true, rows.Err()
}

// Approve records the approval of run runID by by at at, with its totals
// and lines hash computed from the database in the same transaction. It
// returns an error when the run is not the latest of its month or the month
// is already approved.
func (db *DB) Approve(ctx context.Context, runID int64, by string, at time.Time) (*Approval, error) {
	a := &Approval{RunID: runID, By: by, At: at}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var month string
		var latest int64
		if err := tx.QueryRowContext(ctx, `SELECT month, (SELECT MAX(id) FROM runs r2 WHERE r2.month = runs.month) FROM runs WHERE id = ?`, runID).Scan(&month, &latest); err != nil {
			return fmt.Errorf("run %d: %w", runID, err)
		}
		if latest != runID {
			return fmt.Errorf("run %d is not the latest run of %s (run %d is)", runID, month, latest)
		}
		var err error
		if a.Month, err = domain.ParseMonth(month); err != nil {
			return err
		}
		if prev, ok, err := approvalOf(ctx, tx, `month = ?`, month); err != nil {
			return err
		} else if ok {
			return fmt.Errorf("%s: already approved by %s at %s: %w", month, prev.By, prev.At.UTC().Format("2006-01-02 15:04 UTC"), ErrMonthApproved)
		}
		lines, err := linesOf(ctx, tx, runID)
		if err != nil {
			return err
		}
		a.LinesSHA256, a.LinesHashForm = LinesHash(lines), 2
		if a.RecoveriesSHA256, err = RecoveriesHash(ctx, tx, runID); err != nil {
			return err
		}
		if a.Totals, err = totalsOf(ctx, tx, runID); err != nil {
			return err
		}
		totals, _ := json.Marshal(a.Totals)
		_, err = tx.ExecContext(ctx, `INSERT INTO approvals (run_id, month, approved_by, approved_at, totals, lines_sha256, recoveries_sha256, lines_hash_form) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			runID, month, by, at.UTC().Format(timeLayout), string(totals), a.LinesSHA256, a.RecoveriesSHA256, a.LinesHashForm)
		return err
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// ApprovalOf returns the approval of month, and false when it has none.
func (db *DB) ApprovalOf(ctx context.Context, m domain.Month) (*Approval, bool, error) {
	return approvalOf(ctx, db.sql, `month = ?`, m.String())
}

// FirstApprovalAfter returns the approval of the earliest month after m
// that has one, and false when none has.
func (db *DB) FirstApprovalAfter(ctx context.Context, m domain.Month) (*Approval, bool, error) {
	return approvalOf(ctx, db.sql, `month > ? ORDER BY month LIMIT 1`, m.String())
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func approvalOf(ctx context.Context, q querier, where string, arg any) (*Approval, bool, error) {
	var a Approval
	var month, at, totals string
	err := q.QueryRowContext(ctx, `SELECT run_id, month, approved_by, approved_at, totals, lines_sha256, recoveries_sha256, lines_hash_form FROM approvals WHERE `+where, arg).
		Scan(&a.RunID, &month, &a.By, &at, &totals, &a.LinesSHA256, &a.RecoveriesSHA256, &a.LinesHashForm)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read approval: %w", err)
	}
	a.Month, _ = domain.ParseMonth(month)
	a.At, _ = time.Parse(timeLayout, at)
	if err := json.Unmarshal([]byte(totals), &a.Totals); err != nil {
		return nil, false, err
	}
	return &a, true, nil
}

// HistoryLine is one line ever recorded for a person: the month, the run
// (the latest of that month), whether that month is approved, and the line.
type HistoryLine struct {
	Month    domain.Month
	RunID    int64
	Approved bool
	Line     domain.Line
}

// History returns every line recorded for id in the latest run of each
// month, by month then recorded order. Lines of replaced runs are left out.
// It reads id's lines of each month alone (by run and ID), not the month's
// million.
func (db *DB) History(ctx context.Context, id string) ([]HistoryLine, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT r.month, r.id, EXISTS (SELECT 1 FROM approvals a WHERE a.run_id = r.id)
		FROM runs r
		WHERE r.id = (SELECT MAX(id) FROM runs r2 WHERE r2.month = r.month)
		ORDER BY r.month`)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	var runs []HistoryLine
	for rows.Next() {
		var h HistoryLine
		var month string
		if err := rows.Scan(&month, &h.RunID, &h.Approved); err != nil {
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
	for _, h := range runs {
		lines, err := linesWhere(ctx, db.sql, `run_id = ? AND id_number = ?`, h.RunID, id)
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			h.Line = l
			out = append(out, h)
		}
	}
	return out, nil
}
