package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v5"
	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.up.sql
var migrations embed.FS

// DB is the run database.
type DB struct {
	sql *sql.DB
	// intact remembers ApprovalIntact's answer for each approval as
	// recorded, once RememberIntact was called.
	intact   sync.Map // intactKey -> *Tampered, nil when intact
	remember bool
}

// pragmas are the connection settings of every connection, in the order
// set, with the value each must read back as: WAL journaling (readers never
// wait for the run's one write transaction), synchronous NORMAL (safe with
// WAL: a power cut may lose the last commit, never corrupt the file), a 5 s
// busy timeout, foreign keys on, a 64 MiB page cache (negative: KiB) so
// that inserting a province's month of lines does not thrash the indexes,
// and temporary storage in memory: every batched INSERT keeps a statement
// journal of the pages it touches, a few hundred KiB, and writing those to a
// temporary file took a sixth of the time spent recording a month.
var pragmas = []struct{ name, set, want string }{
	{"busy_timeout", "5000", "5000"},
	{"foreign_keys", "1", "1"},
	{"journal_mode", "WAL", "wal"},
	{"synchronous", "NORMAL", "1"},
	{"cache_size", "-65536", "-65536"},
	{"temp_store", "MEMORY", "2"},
}

// Open opens (creating if needed) the SQLite database at path with the
// settings of pragmas, reads them back, and applies any pending migration.
// It returns an error if the file cannot be opened, a setting does not
// hold (a file system without the locking WAL needs, for instance), or a
// migration fails (the failed migration leaves no trace).
func Open(ctx context.Context, path string) (*DB, error) {
	dsn := "file:" + path + "?"
	for _, p := range pragmas {
		if p.name == "journal_mode" {
			continue // set once for the file (setWAL)
		}
		if !strings.HasSuffix(dsn, "?") {
			dsn += "&"
		}
		dsn += "_pragma=" + p.name + "(" + p.set + ")"
	}
	// Write transactions begin IMMEDIATE: a transaction that read first and
	// then wrote could not wait out another process's write (the busy
	// timeout is not applied to that upgrade), and failed at once.
	s, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db := &DB{sql: s}
	if err := db.setWAL(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := db.checkPragmas(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return db, nil
}

// OpenReadOnly opens the database at path for reading only, for a data
// folder that cannot be written (an auditor's read-only copy): no setting
// is changed and no migration applied, and it refuses a database whose
// migrations are behind this program's. SQLite cannot read a WAL database
// from a folder it cannot write, except as immutable, which ignores a -wal
// file; so a non-empty -wal file beside it (a copy taken while the program
// ran, or after a crash) is refused rather than read without its last
// commits.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if info, err := os.Stat(path + "-wal"); err == nil && info.Size() > 0 {
		return nil, fmt.Errorf("open database read-only: %s-wal holds commits not yet in the database; open the folder where it can be written once (any command does), or copy it again after the program has stopped", path)
	}
	s, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		return nil, fmt.Errorf("open database read-only: %w", err)
	}
	db := &DB{sql: s}
	names, err := fs.Glob(migrations, "migrations/*.up.sql")
	if err != nil {
		s.Close()
		return nil, err
	}
	var applied int
	if err := s.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&applied); err != nil {
		s.Close()
		return nil, fmt.Errorf("open database read-only: %w", err)
	}
	if applied < len(names) {
		s.Close()
		return nil, fmt.Errorf("open database read-only: it was written by an older version (%d of %d migrations); open it once where it can be written", applied, len(names))
	}
	return db, nil
}

// busyTimeout is how long an opening waits for another process's lock, as
// the busy_timeout of pragmas does for every statement.
const busyTimeout = 5 * time.Second

// setWAL turns the file to WAL journaling, once: the mode is kept in the
// file, so an opening that reads it as wal takes no lock. The switch needs
// the file to itself, and SQLite does not wait out another connection's
// lock for it (the busy timeout does not apply): two processes opening a
// new data folder at once (the daemon and an operator's status) failed
// with "database is locked". It is tried again, with backoff, for up to
// busyTimeout; another process switching it meanwhile is success. It
// returns the last error, or one naming the mode the file kept (a file
// system without the shared memory WAL needs).
func (db *DB) setWAL(ctx context.Context) error {
	mode, err := backoff.Retry(ctx, func() (string, error) {
		var mode string
		err := db.sql.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
		if err == nil && !strings.EqualFold(mode, "wal") {
			err = db.sql.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode)
		}
		if se := new(sqlite.Error); err != nil && !(errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY) {
			return "", backoff.Permanent(err) // only another's lock passes
		}
		return mode, err
	}, backoff.WithBackOff(&backoff.ExponentialBackOff{InitialInterval: 5 * time.Millisecond, RandomizationFactor: 0.5, Multiplier: 2, MaxInterval: 200 * time.Millisecond}),
		backoff.WithMaxElapsedTime(busyTimeout))
	if err != nil {
		return fmt.Errorf("open database: set PRAGMA journal_mode: %w", err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("open database: PRAGMA journal_mode is %q, want %q", mode, "wal")
	}
	return nil
}

// checkPragmas reads every setting of pragmas back.
func (db *DB) checkPragmas(ctx context.Context) error {
	for _, p := range pragmas {
		var got string
		if err := db.sql.QueryRowContext(ctx, "PRAGMA "+p.name).Scan(&got); err != nil {
			return fmt.Errorf("open database: read PRAGMA %s: %w", p.name, err)
		}
		if !strings.EqualFold(got, p.want) {
			return fmt.Errorf("open database: PRAGMA %s is %q, want %q", p.name, got, p.want)
		}
	}
	return nil
}

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// ErrDamaged is returned by Check for a database whose pages or indexes
// SQLite finds damaged.
var ErrDamaged = errors.New("database damaged")

// Check reads every page of the database and compares every index with
// its table (SQLite's PRAGMA integrity_check), in time a little more than
// proportional to its size: half a second for the 75 MB of a 100,000-row
// month. (quick_check, three times faster, passes a record whose ID was
// changed where its index entry was not.) It returns ErrDamaged, wrapped
// with what SQLite found (its first ten problems, or the page it could not
// read on), or the error of the check itself. A page damaged where a run
// never reads (the rules of an old run) passes every run and approval
// unseen, and a re-run of that month is the first to fail.
func (db *DB) Check(ctx context.Context) error {
	said, err := column[string](ctx, db, `PRAGMA integrity_check(10)`)
	if err != nil && strings.Contains(err.Error(), "malformed") { // SQLITE_CORRUPT: the check could not read on
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	if err != nil {
		return fmt.Errorf("check database: %w", err)
	}
	if found := slices.DeleteFunc(said, func(s string) bool { return s == "ok" }); len(found) > 0 {
		return fmt.Errorf("%w: %s", ErrDamaged, strings.Join(found, "; "))
	}
	return nil
}

func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.sql.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.up.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	// Read first, outside any write transaction: an opening that finds
	// every migration applied (every one but a new folder's first) does not
	// wait for the write lock, which a run holds while it records and
	// writes its workbooks (a minute for a large month): a status, explain
	// or payments then reads the last commit instead of failing with
	// "database is locked" after the busy timeout.
	applied, err := column[int](ctx, db, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", base)
		}
		if slices.Contains(applied, version) {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("read migration %s: %w", base, err)
		}
		// Asked again inside the (immediate) transaction: another process
		// opening the same new folder at once (the daemon and an operator's
		// status) waits for this one's commit and then finds it applied.
		if err := db.inTx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
				return fmt.Errorf("read schema_migrations: %w", err)
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version) VALUES (?)`, version)
			return err
		}); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}

func (db *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, rollback(tx))
	}
	return tx.Commit()
}

// rollback rolls tx back. SQLite has already rolled back a transaction that
// failed for a full disk or I/O error: the rollback's "no transaction is
// active" then says nothing more and is not reported as a second failure.
func rollback(tx *sql.Tx) error {
	err := tx.Rollback()
	if err != nil && strings.Contains(err.Error(), "no transaction is active") {
		return nil
	}
	return err
}
