package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"disburse/internal/domain"
)

// Every row added is inserted once, in order, whether it ends a full batch
// or is left for close.
func TestBatch(t *testing.T) {
	ctx := context.Background()
	db := tempDB(t)
	for _, n := range []int{0, 1, rowsPerInsert - 1, rowsPerInsert, rowsPerInsert + 1, 2*rowsPerInsert + 7} {
		table := fmt.Sprintf("t%d", n)
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, "CREATE TABLE "+table+" (a INTEGER, b TEXT)"); err != nil {
				return err
			}
			b, err := newBatch(ctx, tx, table, "a", "b")
			if err != nil {
				return err
			}
			for i := range n {
				if err := b.add(i, fmt.Sprint("row", i)); err != nil {
					return err
				}
			}
			return b.close()
		})
		if err != nil {
			t.Fatalf("%d rows: %v", n, err)
		}
		rows, err := db.sql.QueryContext(ctx, "SELECT a, b FROM "+table+" ORDER BY rowid")
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for rows.Next() {
			var a int
			var s string
			if err := rows.Scan(&a, &s); err != nil {
				t.Fatal(err)
			}
			if a != got || s != fmt.Sprint("row", got) {
				t.Errorf("%d rows: row %d is (%d, %q)", n, got, a, s)
			}
			got++
		}
		rows.Close()
		if got != n {
			t.Errorf("%d rows added, %d inserted", n, got)
		}
	}
}

// A row with the wrong number of values is refused, not shifted into the
// next row's columns.
func TestBatchRefusesShortRow(t *testing.T) {
	ctx := context.Background()
	db := tempDB(t)
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "CREATE TABLE t (a INTEGER, b TEXT)"); err != nil {
			return err
		}
		b, err := newBatch(ctx, tx, "t", "a", "b")
		if err != nil {
			return err
		}
		defer b.close()
		return b.add(1)
	})
	if err == nil {
		t.Error("a row of one value for two columns was accepted")
	}
}

// SaveRun tells a record's Progress how many rows it has inserted, more
// each time, ending at the total of every table's rows.
func TestSaveRunProgress(t *testing.T) {
	amounts := make([]string, 12345)
	for i := range amounts {
		amounts[i] = "76.66"
	}
	rec := record(amounts...)
	for _, l := range rec.Lines[:3000] {
		rec.Listings = append(rec.Listings, domain.Listing{Person: &domain.Person{ID: l.PersonID, Name: l.Name, Source: *l.Source}})
	}
	rec.Findings = []domain.Finding{{Severity: domain.Notice, Code: "row_footer", Message: "签字行"}}
	want := len(rec.Inputs) + len(rec.Lines) + len(rec.Listings) + len(rec.Findings)
	var told [][2]int
	rec.Progress = func(done, total int) { told = append(told, [2]int{done, total}) }
	if _, err := tempDB(t).SaveRun(context.Background(), rec, false, nil); err != nil {
		t.Fatal(err)
	}
	if len(told) < want/tallyEvery || told[len(told)-1] != [2]int{want, want} {
		t.Fatalf("told %v, want about every %d rows up to %d of %d", told, tallyEvery, want, want)
	}
	for i := 1; i < len(told); i++ {
		if told[i][0] < told[i-1][0] || told[i][1] != want {
			t.Errorf("told %v after %v", told[i], told[i-1])
		}
	}
}

// BenchmarkSaveRun records a month of 10,000 payment lines and as many
// listings, one run per iteration (each a replacing run of the month).
func BenchmarkSaveRun(b *testing.B) {
	ctx := context.Background()
	db := tempDB(b)
	amounts := make([]string, 10000)
	for i := range amounts {
		amounts[i] = "76.66"
	}
	rec := record(amounts...)
	for _, l := range rec.Lines {
		rec.Listings = append(rec.Listings, domain.Listing{Person: &domain.Person{ID: l.PersonID, Name: l.Name, Source: *l.Source}})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := db.SaveRun(ctx, rec, i > 0, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// tempDB opens a new database in a temporary folder, closed after the test.
func tempDB(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "b.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// inSeqOrder puts rows in the order of their seqs, whatever the
// permutation: shuffled, with gaps and ties (kept in their order).
func TestInSeqOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		seqs := make([]int64, n)
		for i := range seqs {
			seqs[i] = int64(r.IntN(n+1)) * 3 // gaps and ties
		}
		rows := make([]int, n)
		for i := range rows {
			rows[i] = i
		}
		inSeqOrder(rows, seqs)
		for k := 1; k < n; k++ {
			a, b := rows[k-1], rows[k]
			if seqs[a] > seqs[b] || seqs[a] == seqs[b] && a > b {
				t.Fatalf("n=%d: row %d (seq %d) before row %d (seq %d): %v", n, a, seqs[a], b, seqs[b], rows)
			}
		}
		sorted := slices.Clone(rows)
		slices.Sort(sorted)
		for i, v := range sorted {
			if v != i {
				t.Fatalf("n=%d: rows lost or repeated: %v", n, rows)
			}
		}
	}
}
