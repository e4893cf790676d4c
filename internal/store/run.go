package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"disburse/internal/domain"
	"disburse/internal/money"
)

// ErrMonthRecorded is returned by SaveRun when the month already has a run
// and the caller did not ask to replace it.
var ErrMonthRecorded = errors.New("month already has a recorded run")

// RunRecord is everything one run records: the run itself, the rules files
// it used (name -> content), its input files, payment lines, findings and
// the listings of everyone found on its rosters.
type RunRecord struct {
	Run        domain.Run
	Rules      map[string][]byte
	Inputs     []domain.InputFile
	Lines      []domain.Line
	Findings   []domain.Finding
	Listings   []domain.Listing
	Recoveries []domain.Recovery
	Unlisted   []Unlisted // the month's 待核实
	// Progress, when not nil, is told how many rows SaveRun has inserted:
	// done of total (the input files, lines, findings, listings,
	// recoveries and 待核实 together), every tallyEvery rows or so and at
	// the end, on the goroutine that called SaveRun.
	Progress func(done, total int)
}

// Rows is how many rows SaveRun inserts for rec besides the run's own and
// its rules files: the input files, lines, findings, listings, recoveries
// and 待核实 together, the total Progress is told.
func (rec *RunRecord) Rows() int {
	return len(rec.Inputs) + len(rec.Lines) + len(rec.Findings) + len(rec.Listings) + len(rec.Recoveries) + len(rec.Unlisted)
}

const timeLayout = time.RFC3339Nano

// SaveRun records rec in one transaction and returns the new run's ID. When
// the month already has a run it returns ErrMonthRecorded unless replace is
// true, in which case the new run records the latest earlier run as the one
// it replaces (the earlier run stays).
//
// beforeCommit, when not nil, is called with the new run's ID as soon as
// the run's row exists, in its own goroutine while the lines, findings and
// listings are inserted (the run writes its workbooks there, so the two
// share the machine's cores); it must not use the database. inserted is
// closed when the inserting has ended, well or not: from then on the
// insert no longer needs its core. The transaction commits only when both
// have succeeded: an error from either rolls it back. Nothing is recorded
// when SaveRun returns an error.
func (db *DB) SaveRun(ctx context.Context, rec *RunRecord, replace bool, beforeCommit func(runID int64, inserted <-chan struct{}) error) (int64, error) {
	var runID int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var prev sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT MAX(id) FROM runs WHERE month = ?`, rec.Run.Month.String()).Scan(&prev); err != nil {
			return fmt.Errorf("look up month: %w", err)
		}
		if prev.Valid && !replace {
			return fmt.Errorf("%s: %w (run %d)", rec.Run.Month, ErrMonthRecorded, prev.Int64)
		}
		if a, ok, err := approvalOf(ctx, tx, `month = ?`, rec.Run.Month.String()); err != nil {
			return err
		} else if ok {
			return fmt.Errorf("%s (approved by %s): %w", rec.Run.Month, a.By, ErrMonthApproved)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO runs (month, started_at, finished_at, rules_hash, software_version, replaces_run_id, inbox) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			rec.Run.Month.String(), rec.Run.StartedAt.UTC().Format(timeLayout), rec.Run.FinishedAt.UTC().Format(timeLayout),
			rec.Run.RulesHash, rec.Run.SoftwareVersion, prev, rec.Run.Inbox)
		if err != nil {
			return fmt.Errorf("insert run: %w", err)
		}
		if runID, err = res.LastInsertId(); err != nil {
			return err
		}
		during, inserted := make(chan error, 1), make(chan struct{})
		if beforeCommit != nil {
			id := runID
			go func() { during <- beforeCommit(id, inserted) }()
		} else {
			during <- nil
		}
		err = func() error {
			defer close(inserted) // even on a panic, which the daemon survives
			return insertAll(ctx, tx, runID, rec)
		}()
		if err != nil {
			<-during // let it finish: its files are the caller's to remove
			return err
		}
		return <-during
	})
	if err != nil {
		return 0, err
	}
	return runID, nil
}

// insertAll inserts every row of rec under run runID, telling
// rec.Progress as the batches go.
func insertAll(ctx context.Context, tx *sql.Tx, runID int64, rec *RunRecord) error {
	if rec.Progress != nil {
		t := &tally{fn: rec.Progress, total: rec.Rows()}
		ctx = context.WithValue(ctx, tallyKey{}, t)
		defer t.end()
	}
	if err := insertRules(ctx, tx, runID, rec.Rules); err != nil {
		return err
	}
	if err := insertInputs(ctx, tx, runID, rec.Inputs); err != nil {
		return err
	}
	if err := insertLines(ctx, tx, runID, rec.Lines); err != nil {
		return err
	}
	if err := insertFindings(ctx, tx, runID, rec.Findings); err != nil {
		return err
	}
	if err := insertListings(ctx, tx, runID, rec.Listings); err != nil {
		return err
	}
	if err := insertRecoveries(ctx, tx, runID, rec.Recoveries); err != nil {
		return err
	}
	return insertUnlisted(ctx, tx, runID, rec.Unlisted)
}

func insertRules(ctx context.Context, tx *sql.Tx, runID int64, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `INSERT INTO run_rules (run_id, name, content) VALUES (?, ?, ?)`, runID, n, files[n]); err != nil {
			return fmt.Errorf("insert rules %s: %w", n, err)
		}
	}
	return nil
}

func insertInputs(ctx context.Context, tx *sql.Tx, runID int64, inputs []domain.InputFile) error {
	b, err := newBatch(ctx, tx, "input_files", "run_id", "name", "sha256", "size", "rows_read", "status", "reason")
	if err != nil {
		return err
	}
	for _, in := range inputs {
		status := "processed"
		if in.Rejected {
			status = "rejected"
		}
		if err := b.add(runID, in.Name, in.SHA256, in.Size, in.RowsRead, status, in.Reason); err != nil {
			return err
		}
	}
	return b.close()
}

func insertLines(ctx context.Context, tx *sql.Tx, runID int64, lines []domain.Line) error {
	b, err := newBatch(ctx, tx, "payment_lines", "run_id", "seq", "id_number", "name", "street", "community", "benefit", "amount", "amount_hundredths", "unit", "department", "band", "account", "params", "source_file", "source_sheet", "source_row", "reference", "corrects")
	if err != nil {
		return err
	}
	texts := map[*domain.Params]string{} // lines share their Params: each is marshalled once
	for _, i := range keyOrder(len(lines), func(i int) string { return lines[i].PersonID }) {
		l := &lines[i]
		h, err := money.Hundredths(l.Amount)
		if err != nil {
			return fmt.Errorf("line %d (%s %s): %w", i+1, l.Benefit, l.PersonID, err)
		}
		if l.Params == nil || l.Source == nil {
			return fmt.Errorf("line %d (%s %s): no parameter values or source row", i+1, l.Benefit, l.PersonID)
		}
		params, ok := texts[l.Params]
		if !ok {
			b, err := json.Marshal(l.Params)
			if err != nil {
				return err
			}
			params = string(b)
			texts[l.Params] = params
		}
		if err := b.add(runID, i+1, l.PersonID, l.Name, l.Street, l.Community, l.Benefit,
			money.Format(l.Amount, l.Unit), h, l.Unit, l.Department, l.Band, l.Account, params,
			l.Source.File, l.Source.Sheet, l.Source.Row, l.Reference, monthText(l.Corrects)); err != nil {
			return err
		}
	}
	return b.close()
}

// keyOrder returns the indexes 0..n-1 sorted by key(i), ties by index.
// Lines and listings are inserted in ID order, and keep their payment order
// in seq: their indexes lead with (run, ID), so rows inserted in ID order
// append to the index where payment order would land each at a random page,
// which in a month of a million people is most of the time spent recording.
func keyOrder(n int, key func(int) string) []int {
	type keyed struct {
		key string
		i   int
	}
	ks := make([]keyed, n)
	for i := range ks {
		ks[i] = keyed{key(i), i}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return a.i - b.i
	})
	order := make([]int, n)
	for j, k := range ks {
		order[j] = k.i
	}
	return order
}

func insertFindings(ctx context.Context, tx *sql.Tx, runID int64, findings []domain.Finding) error {
	b, err := newBatch(ctx, tx, "findings", "run_id", "severity", "code", "file", "sheet", "row", "col", "header", "name", "as_written", "message", "street")
	if err != nil {
		return err
	}
	for _, f := range findings {
		w := f.Where
		if err := b.add(runID, string(f.Severity), f.Code, w.File, w.Sheet, w.Row, w.Column, w.Header, f.Name, f.AsWritten, f.Message, f.Street); err != nil {
			return err
		}
	}
	return b.close()
}

// LatestRun returns the most recent run of month, and false when the month
// has none.
func (db *DB) LatestRun(ctx context.Context, month domain.Month) (domain.Run, bool, error) {
	return scanRun(db.sql.QueryRowContext(ctx, `SELECT id, month, started_at, finished_at, rules_hash, software_version, COALESCE(replaces_run_id, 0), inbox FROM runs WHERE month = ? ORDER BY id DESC LIMIT 1`, month.String()))
}

// LatestMonthBefore returns the latest month before m that has a recorded
// run, and false when none has: the month a month after a gap (a month
// never run) compares with.
func (db *DB) LatestMonthBefore(ctx context.Context, m domain.Month) (domain.Month, bool, error) {
	var s sql.NullString
	if err := db.sql.QueryRowContext(ctx, `SELECT MAX(month) FROM runs WHERE month < ?`, m.String()).Scan(&s); err != nil || !s.Valid {
		return domain.Month{}, false, err
	}
	got, err := domain.ParseMonth(s.String)
	return got, err == nil, err
}

// RunByID returns run id, or an error when there is none.
func (db *DB) RunByID(ctx context.Context, id int64) (domain.Run, error) {
	r, ok, err := scanRun(db.sql.QueryRowContext(ctx, `SELECT id, month, started_at, finished_at, rules_hash, software_version, COALESCE(replaces_run_id, 0), inbox FROM runs WHERE id = ?`, id))
	if err == nil && !ok {
		err = fmt.Errorf("没有运行编号 %d 的发放记录（no run %d）", id, id)
	}
	return r, err
}

func scanRun(row *sql.Row) (domain.Run, bool, error) {
	var r domain.Run
	var m, started, finished string
	err := row.Scan(&r.ID, &m, &started, &finished, &r.RulesHash, &r.SoftwareVersion, &r.Replaces, &r.Inbox)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Run{}, false, nil
	}
	if err != nil {
		return domain.Run{}, false, fmt.Errorf("read run: %w", err)
	}
	if r.Month, err = domain.ParseMonth(m); err != nil {
		return domain.Run{}, false, err
	}
	if r.StartedAt, err = time.Parse(timeLayout, started); err != nil {
		return domain.Run{}, false, err
	}
	if r.FinishedAt, err = time.Parse(timeLayout, finished); err != nil {
		return domain.Run{}, false, err
	}
	return r, true, nil
}

// Lines returns the payment lines of a run in their recorded order.
func (db *DB) Lines(ctx context.Context, runID int64) ([]domain.Line, error) {
	return linesOf(ctx, db.sql, runID)
}

// linesByKey is payment_lines read through the index of its UNIQUE key
// (run_id, id_number, benefit, reference, corrects), named as SQLite names
// it. Its order is the table's own (a run's lines are inserted in ID
// order: keyOrder), and it finds some IDs of a run at once. Left to
// choose, SQLite takes the index on (run_id, seq) to spare a sort, and
// then seeks another page of the table for every line of the run: 5
// seconds at a million lines to read one person's, 18 to read them all.
const linesByKey = "payment_lines INDEXED BY " + lineKey

// lineKey is the name SQLite gives the index of payment_lines' UNIQUE key.
const lineKey = "sqlite_autoindex_payment_lines_1"

// linesOf returns run runID's lines in their recorded order: read in the
// order of linesByKey, then put in order of seq here (inSeqOrder), not by
// SQLite.
func linesOf(ctx context.Context, q querier, runID int64) ([]domain.Line, error) {
	return inKeyOrder(ctx, q, "payment_lines", runID, func(n int, seqs *[]int64) ([]domain.Line, error) {
		return scanLines(ctx, q, `run_id = ?`, "run_id, id_number", n, seqs, runID)
	})
}

// inKeyOrder returns every row of run runID in table (payment_lines or
// listings) in payment order: scan reads them in the order of the table's
// (run_id, id_number) key, the table's own, making room for n and
// appending each row's seq to seqs, and they are put in order of seq here
// (inSeqOrder).
func inKeyOrder[T any](ctx context.Context, q querier, table string, runID int64, scan func(n int, seqs *[]int64) ([]T, error)) ([]T, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE run_id = ?`, runID).Scan(&n); err != nil {
		return nil, fmt.Errorf("count %s: %w", table, err)
	}
	seqs := make([]int64, 0, n)
	rows, err := scan(n, &seqs)
	if err != nil {
		return nil, err
	}
	inSeqOrder(rows, seqs)
	return rows, nil
}

// linesWhere returns the payment lines of one run that where (SQL over
// payment_lines, with args; it must give run_id) selects, in their
// recorded order: found through linesByKey, sorted by SQLite.
func linesWhere(ctx context.Context, q querier, where string, args ...any) ([]domain.Line, error) {
	return scanLines(ctx, q, where, "seq", 0, nil, args...)
}

// scanLines returns the payment lines that where selects through
// linesByKey, in the order order gives, room made for n of them; with
// seqs, it appends each line's seq to *seqs.
func scanLines(ctx context.Context, q querier, where, order string, n int, seqs *[]int64, args ...any) ([]domain.Line, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, id_number, name, street, community, benefit, amount, unit, department, band, account, params, source_file, source_sheet, source_row, reference, corrects FROM `+linesByKey+` WHERE `+where+` ORDER BY `+order, args...)
	if err != nil {
		return nil, fmt.Errorf("read lines: %w", err)
	}
	defer rows.Close()
	out := make([]domain.Line, 0, n)
	shared := map[string]*domain.Params{} // one Params per recorded text, as the run shared them
	kept := texts{}
	for rows.Next() {
		l := domain.Line{Source: new(domain.Location)}
		var seq int64
		var amount, params, corrects string
		if err := rows.Scan(&seq, &l.PersonID, &l.Name, &l.Street, &l.Community, &l.Benefit, &amount, &l.Unit, &l.Department, &l.Band, &l.Account, &params, &l.Source.File, &l.Source.Sheet, &l.Source.Row, &l.Reference, &corrects); err != nil {
			return nil, fmt.Errorf("read line: %w", err)
		}
		if seqs != nil {
			*seqs = append(*seqs, seq)
		}
		for _, t := range []*string{&l.Street, &l.Community, &l.Benefit, &l.Unit, &l.Department, &l.Band, &l.Source.File, &l.Source.Sheet} {
			*t = kept.of(*t)
		}
		if corrects != "" {
			if l.Corrects, err = domain.ParseMonth(corrects); err != nil {
				return nil, fmt.Errorf("line of %s: %w", l.PersonID, err)
			}
		}
		if l.Amount, err = money.Parse(amount); err != nil {
			return nil, fmt.Errorf("line of %s: %w", l.PersonID, err)
		}
		if l.Params = shared[params]; l.Params == nil {
			l.Params = new(domain.Params)
			if err := json.Unmarshal([]byte(params), l.Params); err != nil {
				return nil, fmt.Errorf("line of %s: params: %w", l.PersonID, err)
			}
			shared[params] = l.Params
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// inSeqOrder puts rows in the order of their seqs (seqs[i] is rows[i]'s;
// ties keep their order), in place: a province's month is a million rows
// of 200 bytes, not to be copied.
func inSeqOrder[T any](rows []T, seqs []int64) {
	order := make([]int32, len(rows)) // order[k] = the index of the row that goes to k
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(seqs[a], seqs[b]) })
	// Follow each cycle of the permutation, moving every row once.
	for k := range order {
		if order[k] < 0 || int(order[k]) == k {
			continue
		}
		held := rows[k]
		at := k
		for {
			from := int(order[at])
			order[at] = -1
			if from == k {
				rows[at] = held
				break
			}
			rows[at] = rows[from]
			at = from
		}
	}
}

// Total is the count and sum of one benefit's lines in a run, summed by
// SQLite over integer hundredths.
type Total struct {
	Benefit    string `json:"benefit"`
	Department string
	Unit       string
	Count      int
	Hundredths int64 // fen for CNY
}

// Totals returns per-benefit totals of a run, ordered by benefit code.
func (db *DB) Totals(ctx context.Context, runID int64) ([]Total, error) {
	return totalsOf(ctx, db.sql, runID)
}

// totalsOf sums run runID's lines read through linesByKey (5 seconds at
// a million lines through the index on seq, 1 so).
func totalsOf(ctx context.Context, q querier, runID int64) ([]Total, error) {
	rows, err := q.QueryContext(ctx, `SELECT benefit, department, unit, COUNT(*), SUM(amount_hundredths) FROM `+linesByKey+` WHERE run_id = ? GROUP BY benefit, department, unit ORDER BY benefit`, runID)
	if err != nil {
		return nil, fmt.Errorf("read totals: %w", err)
	}
	defer rows.Close()
	var out []Total
	for rows.Next() {
		var t Total
		if err := rows.Scan(&t.Benefit, &t.Department, &t.Unit, &t.Count, &t.Hundredths); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Findings returns the findings of a run in recorded order.
func (db *DB) Findings(ctx context.Context, runID int64) ([]domain.Finding, error) {
	return db.findings(ctx, `WHERE run_id = ?`, runID)
}

// FindingsCoded returns the findings with code of a run in recorded order.
func (db *DB) FindingsCoded(ctx context.Context, runID int64, code string) ([]domain.Finding, error) {
	return db.findings(ctx, `WHERE run_id = ? AND code = ?`, runID, code)
}

func (db *DB) findings(ctx context.Context, where string, args ...any) ([]domain.Finding, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT severity, code, file, sheet, row, col, header, name, as_written, message, street FROM findings `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	defer rows.Close()
	var out []domain.Finding
	kept := texts{}
	for rows.Next() {
		var f domain.Finding
		var sev string
		if err := rows.Scan(&sev, &f.Code, &f.Where.File, &f.Where.Sheet, &f.Where.Row, &f.Where.Column, &f.Where.Header, &f.Name, &f.AsWritten, &f.Message, &f.Street); err != nil {
			return nil, err
		}
		for _, t := range []*string{&f.Code, &f.Where.File, &f.Where.Sheet, &f.Where.Column, &f.Where.Header, &f.Message, &f.Street} {
			*t = kept.of(*t) // a notice's message is often the same for every row
		}
		f.Severity = domain.Severity(sev)
		out = append(out, f)
	}
	return out, rows.Err()
}

// MonthFinding is a finding recorded by the latest run of Month.
type MonthFinding struct {
	Month domain.Month
	domain.Finding
}

// FindingsElsewhere returns the findings with code recorded by the runs of
// the months other than o.Month (Others: draft or approved), oldest month
// first, in the order each run recorded them.
func (db *DB) FindingsElsewhere(ctx context.Context, o Others, code string) ([]MonthFinding, error) {
	runs, args := o.latestRuns()
	rows, err := db.sql.QueryContext(ctx, `
		SELECT r.month, f.severity, f.code, f.file, f.sheet, f.row, f.col, f.header, f.name, f.as_written, f.message, f.street
		FROM findings f JOIN runs r ON r.id = f.run_id
		WHERE f.run_id IN (`+runs+`) AND f.code = ?
		ORDER BY r.month, f.id`, append(args, code)...)
	if err != nil {
		return nil, fmt.Errorf("read findings %s: %w", code, err)
	}
	defer rows.Close()
	var out []MonthFinding
	for rows.Next() {
		var mf MonthFinding
		var month, sev string
		f := &mf.Finding
		if err := rows.Scan(&month, &sev, &f.Code, &f.Where.File, &f.Where.Sheet, &f.Where.Row, &f.Where.Column, &f.Where.Header, &f.Name, &f.AsWritten, &f.Message, &f.Street); err != nil {
			return nil, err
		}
		if mf.Month, err = domain.ParseMonth(month); err != nil {
			return nil, fmt.Errorf("finding of run month %q: %w", month, err)
		}
		f.Severity = domain.Severity(sev)
		out = append(out, mf)
	}
	return out, rows.Err()
}

// Runs returns how many runs month has recorded.
func (db *DB) Runs(ctx context.Context, month domain.Month) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM runs WHERE month = ?`, month.String()).Scan(&n)
	return n, err
}

// RunIDs returns the IDs of month's runs, oldest first.
func (db *DB) RunIDs(ctx context.Context, month domain.Month) ([]int64, error) {
	out, err := column[int64](ctx, db, `SELECT id FROM runs WHERE month = ? ORDER BY id`, month.String())
	if err != nil {
		return nil, fmt.Errorf("read runs of %s: %w", month, err)
	}
	return out, nil
}

// column returns the values of the one column query selects, in its order.
func column[T any](ctx context.Context, db *DB, query string, args ...any) ([]T, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// RunRules returns the rules files (name -> content) a run recorded.
func (db *DB) RunRules(ctx context.Context, runID int64) (map[string][]byte, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT name, content FROM run_rules WHERE run_id = ?`, runID)
	if err != nil {
		return nil, fmt.Errorf("read rules of run %d: %w", runID, err)
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var name string
		var content []byte
		if err := rows.Scan(&name, &content); err != nil {
			return nil, err
		}
		out[name] = content
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("run %d recorded no rules", runID)
	}
	return out, rows.Err()
}

// Claims returns the one-off claims of benefit paid in the months other
// than o.Month, earlier or later (a month run late, or replaced, after a
// later month paid a claim must not pay it again), counting only the run
// that stands for each month (Others: the latest; in a re-run, a later
// month's latest run recorded before the run re-made; a replaced run paid
// nothing), oldest month first and in payment order inside a month, each
// with the course its line's params recorded (elder_id, training_type,
// completed; empty where not recorded), whether it was unsent (no 银行账号),
// its amount and whether its month is approved. References are as stored
// (as written on the roster): callers compare them by their own key
// (calc.ClaimKey), so a database written before that key existed needs no
// migration.
func (db *DB) Claims(ctx context.Context, benefit string, o Others) ([]domain.Claim, error) {
	runs, args := o.latestRuns()
	rows, err := db.sql.QueryContext(ctx, `
		SELECT p.id_number, p.reference, r.month,
		       COALESCE(json_extract(p.params, '$.elder_id'), ''), COALESCE(json_extract(p.params, '$.training_type'), ''), COALESCE(json_extract(p.params, '$.completed'), ''),
		       p.account = '', p.amount, EXISTS (SELECT 1 FROM approvals a WHERE a.run_id = r.id)
		FROM payment_lines p JOIN runs r ON r.id = p.run_id
		WHERE p.benefit = ? AND r.id IN (`+runs+`)
		ORDER BY r.month, p.seq`, append([]any{benefit}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read claims: %w", err)
	}
	defer rows.Close()
	var out []domain.Claim
	for rows.Next() {
		var c domain.Claim
		var month, amount string
		if err := rows.Scan(&c.ID, &c.Reference, &month, &c.ElderID, &c.Type, &c.Completed, &c.Unsent, &amount, &c.Approved); err != nil {
			return nil, err
		}
		if c.Amount, err = money.Parse(amount); err != nil {
			return nil, fmt.Errorf("claim of %s: %w", c.ID, err)
		}
		if c.Month, err = domain.ParseMonth(month); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// RunClaim is a one-off line a run recorded: who (ID and 姓名), the
// Reference (the 证书编号 as written), the amount and where its row was.
type RunClaim struct {
	ID, Name, Reference string
	Amount              decimal.Decimal
	Source              domain.Location
}

// RunClaims returns the lines of benefit (a one-off) that run runID
// recorded, in payment order: what a replacing run of the month checks it
// still pays (the run's claims are no longer the month's once replaced).
func (db *DB) RunClaims(ctx context.Context, benefit string, runID int64) ([]RunClaim, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT id_number, name, reference, amount, source_file, source_sheet, source_row
		FROM payment_lines WHERE run_id = ? AND benefit = ? ORDER BY seq`, runID, benefit)
	if err != nil {
		return nil, fmt.Errorf("read claims of run %d: %w", runID, err)
	}
	defer rows.Close()
	var out []RunClaim
	for rows.Next() {
		var c RunClaim
		var amount string
		if err := rows.Scan(&c.ID, &c.Name, &c.Reference, &amount, &c.Source.File, &c.Source.Sheet, &c.Source.Row); err != nil {
			return nil, err
		}
		if c.Amount, err = money.Parse(amount); err != nil {
			return nil, fmt.Errorf("claim of %s: %w", c.ID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// monthText is a month as stored ("2026-09"), or "" for none.
func monthText(m domain.Month) string {
	if !m.Valid() {
		return ""
	}
	return m.String()
}

// LaterRecord is a record about an earlier month made after a given run:
// a run of that month (Replaces not 0 when it replaced one), or its
// approval (Approval true, By who approved). At is when, in UTC.
type LaterRecord struct {
	Month    domain.Month
	RunID    int64
	Replaces int64
	Approval bool
	By       string
	At       time.Time
}

// ChangedSince returns what was recorded about the months before run's
// month after run itself: their runs recorded later, in run order, then
// their approvals given later, in month order. A re-run reads today's
// records of earlier months (deaths on record, approved months for arrears
// and recoveries), so these may explain a difference from what run
// recorded.
func (db *DB) ChangedSince(ctx context.Context, run domain.Run) ([]LaterRecord, error) {
	var out []LaterRecord
	scan := func(query string, args []any, one func(*sql.Rows) (LaterRecord, bool, error)) error {
		rows, err := db.sql.QueryContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("read later records: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, keep, err := one(rows)
			if err != nil {
				return fmt.Errorf("read later record: %w", err)
			}
			if keep {
				out = append(out, r)
			}
		}
		return rows.Err()
	}
	parse := func(r *LaterRecord, month, at string) error {
		var err error
		if r.Month, err = domain.ParseMonth(month); err != nil {
			return err
		}
		r.At, err = time.Parse(timeLayout, at)
		return err
	}
	err := scan(`SELECT id, month, finished_at, COALESCE(replaces_run_id, 0) FROM runs WHERE month < ? AND id > ? ORDER BY id`,
		[]any{run.Month.String(), run.ID}, func(rows *sql.Rows) (LaterRecord, bool, error) {
			var r LaterRecord
			var month, at string
			if err := rows.Scan(&r.RunID, &month, &at, &r.Replaces); err != nil {
				return r, false, err
			}
			return r, true, parse(&r, month, at)
		})
	if err != nil {
		return nil, err
	}
	err = scan(`SELECT run_id, month, approved_by, approved_at FROM approvals WHERE month < ? ORDER BY month`,
		[]any{run.Month.String()}, func(rows *sql.Rows) (LaterRecord, bool, error) {
			r := LaterRecord{Approval: true}
			var month, at string
			if err := rows.Scan(&r.RunID, &month, &r.By, &at); err != nil {
				return r, false, err
			}
			err := parse(&r, month, at)
			return r, err == nil && r.At.After(run.FinishedAt), err
		})
	return out, err
}
