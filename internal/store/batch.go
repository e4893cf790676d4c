package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// rowsPerInsert is how many rows one INSERT statement carries: one
// statement per row made the per-call cost of the driver most of the time
// spent recording a month. 50 rows of the widest table (21 columns) stay far
// below SQLite's limit of 32,766 parameters.
const rowsPerInsert = 50

// batch inserts rows into one table of a transaction, rowsPerInsert at a
// time, with a prepared statement for full batches. Every insert of a run
// goes through one. After an error from add the caller just returns it: the
// transaction rolls back and closes the statement.
type batch struct {
	ctx   context.Context
	tx    *sql.Tx
	table string
	head  string // INSERT INTO table (columns) VALUES
	row   string // (?, ?, ...)
	cols  int
	full  *sql.Stmt
	args  []any
	rows  int    // rows added in all
	tally *tally // the run's count of rows inserted; nil when nobody asks
}

// tallyEvery is about how many rows pass between two calls of a
// RunRecord's Progress.
const tallyEvery = 5000

// tally counts the rows a run's batches have inserted, for
// RunRecord.Progress. insertAll puts it in the context its batches are
// made with (tallyKey), so that every insert of the run counts without
// each being told.
type tally struct {
	done, total int
	fn          func(done, total int)
}

// tallyKey is the context key of a run's tally.
type tallyKey struct{}

// add counts n more rows inserted, telling fn when a tallyEvery boundary
// is passed.
func (t *tally) add(n int) {
	if t == nil || n == 0 {
		return
	}
	before := t.done
	t.done += n
	if t.done/tallyEvery != before/tallyEvery {
		t.fn(t.done, t.total)
	}
}

// end tells fn the last count, once every batch is in.
func (t *tally) end() { t.fn(t.done, t.total) }

// newBatch prepares inserts of rows with the given columns into table.
func newBatch(ctx context.Context, tx *sql.Tx, table string, columns ...string) (*batch, error) {
	t, _ := ctx.Value(tallyKey{}).(*tally)
	b := &batch{ctx: ctx, tx: tx, table: table, cols: len(columns), tally: t,
		head: "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES ",
		row:  "(" + strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ") + ")"}
	full, err := tx.PrepareContext(ctx, b.statement(rowsPerInsert))
	if err != nil {
		return nil, fmt.Errorf("prepare %s: %w", table, err)
	}
	b.full = full
	return b, nil
}

func (b *batch) statement(rows int) string {
	return b.head + strings.TrimSuffix(strings.Repeat(b.row+", ", rows), ", ")
}

// add queues one row (one value per column) and inserts a full batch.
func (b *batch) add(values ...any) error {
	if len(values) != b.cols {
		return fmt.Errorf("insert %s: %d values for %d columns", b.table, len(values), b.cols)
	}
	b.args = append(b.args, values...)
	b.rows++
	if len(b.args) < rowsPerInsert*b.cols {
		return nil
	}
	_, err := b.full.ExecContext(b.ctx, b.args...)
	b.args = b.args[:0]
	if err != nil {
		return fmt.Errorf("insert %s rows %d-%d: %w", b.table, b.rows-rowsPerInsert+1, b.rows, err)
	}
	b.tally.add(rowsPerInsert)
	return nil
}

// close inserts the rows still queued and releases the statement.
func (b *batch) close() error {
	defer b.full.Close()
	n := len(b.args) / b.cols
	if n == 0 {
		return nil
	}
	if _, err := b.tx.ExecContext(b.ctx, b.statement(n), b.args...); err != nil {
		return fmt.Errorf("insert %s rows %d-%d: %w", b.table, b.rows-n+1, b.rows, err)
	}
	b.args = b.args[:0]
	b.tally.add(n)
	return nil
}
