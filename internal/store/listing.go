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
	"disburse/internal/idnumber"
)

const dateLayout = "2006-01-02"

func insertListings(ctx context.Context, tx *sql.Tx, runID int64, listings []domain.Listing) error {
	b, err := newBatch(ctx, tx, "listings", "run_id", "seq", "id_number", "name", "birth", "street", "community", "dibao", "tekun", "hardship", "self_care", "disability_grade", "disability_category", "electricity_account", "bank_account", "death", "held", "codes", "status_doubted", "source_file", "source_sheet", "source_row")
	if err != nil {
		return err
	}
	for _, i := range keyOrder(len(listings), func(i int) string { return listings[i].Person.ID }) {
		l := listings[i]
		p := l.Person
		death := ""
		if !p.Death.IsZero() {
			death = p.Death.Format(dateLayout)
		}
		if err := b.add(runID, i+1, p.ID, p.Name, p.Birth.Format(dateLayout), p.Street, p.Community,
			p.Dibao.String(), p.Tekun.String(), p.Hardship, p.SelfCare.String(), p.Disability.Grade, p.Disability.Category,
			p.ElectricityAccount, p.BankAccount, death, l.Held, strings.Join(l.Codes, ","), l.StatusDoubted,
			p.Source.File, p.Source.Sheet, p.Source.Row); err != nil {
			return err
		}
	}
	return b.close()
}

// StreetCounts returns how many people run runID listed in each 街道(乡镇)
// ("" for rows without one), held or paid.
func (db *DB) StreetCounts(ctx context.Context, runID int64) (map[string]int, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT street, COUNT(*) FROM listings WHERE run_id = ? GROUP BY street`, runID)
	if err != nil {
		return nil, fmt.Errorf("read streets: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("read streets: %w", err)
		}
		out[s] = n
	}
	return out, rows.Err()
}

// Listings returns everyone the run found on its rosters, in payment order.
//
// SQLite reads them in the order of their key (run_id, id_number), which
// is the table's own (a run's listings are inserted in ID order), and they
// are put in payment order here, by seq: ordered by seq, SQLite sorted a
// million listings on disk first (as linesOf).
func (db *DB) Listings(ctx context.Context, runID int64) ([]domain.Listing, error) {
	return inKeyOrder(ctx, db.sql, "listings", runID, func(n int, seqs *[]int64) ([]domain.Listing, error) {
		return db.scanListings(ctx, `run_id = ?`, "run_id, id_number", n, seqs, runID)
	})
}

// listingsWhere returns the listings where says, in run then payment
// order.
func (db *DB) listingsWhere(ctx context.Context, where string, args ...any) ([]domain.Listing, error) {
	return db.scanListings(ctx, where, "run_id, seq", 0, nil, args...)
}

// scanListings returns the listings where says, in the order order gives,
// room made for n of them; with seqs, it appends each listing's seq to
// *seqs.
func (db *DB) scanListings(ctx context.Context, where, order string, n int, seqs *[]int64, args ...any) ([]domain.Listing, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT seq, id_number, name, birth, street, community, dibao, tekun, hardship, self_care, disability_grade, disability_category, electricity_account, bank_account, death, held, codes, status_doubted, source_file, source_sheet, source_row FROM listings WHERE `+where+` ORDER BY `+order, args...)
	if err != nil {
		return nil, fmt.Errorf("read listings: %w", err)
	}
	defer rows.Close()
	out := make([]domain.Listing, 0, n)
	kept := texts{}
	for rows.Next() {
		l := domain.Listing{Person: &domain.Person{}}
		p := l.Person
		var seq int64
		var birth, dibao, tekun, selfCare, death, codes string
		var doubted sql.NullBool
		if err := rows.Scan(&seq, &p.ID, &p.Name, &birth, &p.Street, &p.Community, &dibao, &tekun, &p.Hardship, &selfCare,
			&p.Disability.Grade, &p.Disability.Category, &p.ElectricityAccount, &p.BankAccount, &death, &l.Held, &codes, &doubted,
			&p.Source.File, &p.Source.Sheet, &p.Source.Row); err != nil {
			return nil, fmt.Errorf("read listing: %w", err)
		}
		if seqs != nil {
			*seqs = append(*seqs, seq)
		}
		for _, t := range []*string{&p.Street, &p.Community, &p.Source.File, &p.Source.Sheet} {
			*t = kept.of(*t)
		}
		var ok1, ok2, ok3 bool
		p.Dibao, ok1 = domain.DibaoFromText(dibao)
		p.Tekun, ok2 = domain.TekunFromText(tekun)
		p.SelfCare, ok3 = domain.SelfCareFromText(selfCare)
		if !ok1 || !ok2 || !ok3 {
			return nil, fmt.Errorf("listing of %s: unknown status %q/%q/%q", p.ID, dibao, tekun, selfCare)
		}
		if p.Birth, err = time.Parse(dateLayout, birth); err != nil {
			return nil, fmt.Errorf("listing of %s: birth: %w", p.ID, err)
		}
		if death != "" {
			if p.Death, err = time.Parse(dateLayout, death); err != nil {
				return nil, fmt.Errorf("listing of %s: death: %w", p.ID, err)
			}
		}
		if codes != "" {
			l.Codes = strings.Split(codes, ",")
		}
		l.StatusDoubted = doubted.Bool
		if !doubted.Valid { // recorded before it was kept: by the codes
			l.StatusDoubted = slices.ContainsFunc(l.Codes, domain.StatusDoubtCode)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// WholeRun returns every line and listing of run runID, in their recorded
// order, the lines pointing at their listing's person (domain.ShareRows)
// as when the run computed them: how a month is read back whole, for the
// change lists, the corrections and the workbooks rebuilt.
func (db *DB) WholeRun(ctx context.Context, runID int64) ([]domain.Line, []domain.Listing, error) {
	lines, err := db.Lines(ctx, runID)
	if err != nil {
		return nil, nil, err
	}
	listings, err := db.Listings(ctx, runID)
	if err != nil {
		return nil, nil, err
	}
	domain.ShareRows(lines, listings)
	return lines, listings, nil
}

// RunOf returns the lines and listings of run runID whose ID is one of
// ids, in their recorded order and sharing rows as WholeRun's do: what
// WholeRun gives of those people, read through the (run, ID) indexes
// instead of the whole run. explain reads one person of a province's
// month of a million so, in a second instead of a minute.
func (db *DB) RunOf(ctx context.Context, runID int64, ids []string) ([]domain.Line, []domain.Listing, error) {
	if len(ids) == 0 {
		return nil, nil, nil
	}
	js, err := json.Marshal(ids) // one parameter however many: SQLite takes at most 32,766
	if err != nil {
		return nil, nil, err
	}
	where := `run_id = ? AND id_number IN (SELECT value FROM json_each(?))`
	args := []any{runID, string(js)}
	lines, err := linesWhere(ctx, db.sql, where, args...)
	if err != nil {
		return nil, nil, err
	}
	listings, err := db.listingsWhere(ctx, where, args...)
	if err != nil {
		return nil, nil, err
	}
	domain.ShareRows(lines, listings)
	return lines, listings, nil
}

// SharingMeter returns the IDs of the rows run runID paid from (listings
// not held) whose 户号 is account, both with surrounding white space
// trimmed as the calculator compares them (one grant per 户号, list item
// 30), in payment order: the household whose grant a person's depends on.
// An empty account shares with nobody: nil.
func (db *DB) SharingMeter(ctx context.Context, runID int64, account string) ([]string, error) {
	account = strings.TrimSpace(account)
	if account == "" {
		return nil, nil
	}
	// instr narrows the scan to rows holding the text; Go's TrimSpace
	// decides, as the calculator's does (SQLite's trim() knows spaces only).
	rows, err := db.sql.QueryContext(ctx, `SELECT id_number, electricity_account FROM listings WHERE run_id = ? AND held = 0 AND instr(electricity_account, ?) > 0 ORDER BY seq`, runID, account)
	if err != nil {
		return nil, fmt.Errorf("read the rows of 户号 %s: %w", account, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, a string
		if err := rows.Scan(&id, &a); err != nil {
			return nil, err
		}
		if strings.TrimSpace(a) == account {
			out = append(out, id)
		}
	}
	return out, rows.Err()
}

// DeathOnRecord is the 死亡日期 some month's rosters gave for a person: the
// date, the month whose latest run recorded it and the roster file. List
// names the kind of file when it was not a roster (死亡名单: a death list
// that named someone on no roster), "" for a roster.
type DeathOnRecord struct {
	Name  string // as the row gave it; "" for a death list's
	Death time.Time
	Month domain.Month
	File  string
	List  string
	// Latest is the latest month whose run recorded a 死亡日期 for the
	// person, of any date: a confirmation 健在 recorded after it stands.
	Latest domain.Month
	// Carried says Month's run took the date from another month's record,
	// its roster row giving none (the run's notice says which): the
	// roster File did not show it.
	Carried bool
}

// DeathsOnRecord returns, by ID, the 死亡日期 recorded by the runs of the
// months other than o.Month (Others: draft or approved; a later month's
// too, for a month run late), the latest month's when several gave one: a
// later roster that gives another date corrects the earlier (its run paid
// back or recovered by it), so a month after it must not go back to the
// date it replaced. A roster of o.Month that lists the
// person with no 死亡日期 is then questioned rather than paid (the run's
// death_on_record) when the date is before the month. It reads only
// listings with a date, through their partial index.
func (db *DB) DeathsOnRecord(ctx context.Context, o Others) (map[string]DeathOnRecord, error) {
	runs, args := o.latestRuns()
	return db.deaths(ctx, `r.id IN (`+runs+`)`, args...)
}

// RunDeaths returns, by ID, the 死亡日期 run runID recorded for the people
// it listed, held or paid (DeathOnRecord: Month is the run's month).
func (db *DB) RunDeaths(ctx context.Context, runID int64) (map[string]DeathOnRecord, error) {
	return db.deaths(ctx, `r.id = ?`, runID)
}

// deaths reads the listings with a date of the runs where selects, in
// month order, the latest month's date for each ID.
func (db *DB) deaths(ctx context.Context, where string, args ...any) (map[string]DeathOnRecord, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT l.id_number, l.name, l.death, r.month, l.source_file
		FROM runs r JOIN listings l ON l.run_id = r.id AND l.death <> ''
		WHERE `+where+`
		ORDER BY r.month`, args...)
	if err != nil {
		return nil, fmt.Errorf("read deaths on record: %w", err)
	}
	defer rows.Close()
	out := map[string]DeathOnRecord{}
	for rows.Next() {
		var id, death, month string
		var d DeathOnRecord
		if err := rows.Scan(&id, &d.Name, &death, &month, &d.File); err != nil {
			return nil, fmt.Errorf("read death on record: %w", err)
		}
		if d.Death, err = time.Parse(dateLayout, death); err != nil {
			return nil, fmt.Errorf("death on record of %s: %w", id, err)
		}
		if d.Month, err = domain.ParseMonth(month); err != nil {
			return nil, fmt.Errorf("death on record of %s: %w", id, err)
		}
		d.Latest = d.Month // months in order: this one is the latest yet, and its date counts
		out[id] = d
	}
	return out, rows.Err()
}

// ListingFiles returns the names of the input files that listed people in
// run runID (the source files of its listings: street rosters and their
// supplements, not agency lists nor training rosters), sorted. A query
// over the run's listings, in time proportional to their number.
func (db *DB) ListingFiles(ctx context.Context, runID int64) ([]string, error) {
	out, err := column[string](ctx, db, `SELECT DISTINCT source_file FROM listings WHERE run_id = ? ORDER BY 1`, runID)
	if err != nil {
		return nil, fmt.Errorf("read listing files: %w", err)
	}
	return out, nil
}

// Mentions returns the months (in order) whose runs, any of them, list
// person id on their rosters (held or paid), pay them, recover from them
// or name them in a finding (its ID cell, as idnumber.Of reads it: a held
// trainee, a death list's row), and a 姓名 one of them gave ("" if none
// did). None means no month's rosters ever listed the ID: most likely it
// is mistyped. It reads every run's listings and findings, as only a
// command asking about one person should.
func (db *DB) Mentions(ctx context.Context, id string) ([]domain.Month, string, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT r.month, x.name, x.as_written FROM runs r JOIN (
			SELECT run_id, name, '' AS as_written FROM listings WHERE id_number = ?1
			UNION ALL SELECT run_id, name, '' FROM payment_lines WHERE id_number = ?1
			UNION ALL SELECT run_id, name, '' FROM recoveries WHERE id_number = ?1
			UNION ALL SELECT run_id, name, as_written FROM findings WHERE ?2 <> '' AND instr(as_written, ?2) > 0
		) x ON x.run_id = r.id
		ORDER BY r.month, r.id`, id, idCore(id))
	if err != nil {
		return nil, "", fmt.Errorf("read mentions of %s: %w", id, err)
	}
	defer rows.Close()
	var months []domain.Month
	name := ""
	for rows.Next() {
		var month, n, asWritten string
		if err := rows.Scan(&month, &n, &asWritten); err != nil {
			return nil, "", fmt.Errorf("read mentions of %s: %w", id, err)
		}
		if asWritten != "" && idnumber.Of(asWritten) != id {
			continue // another ID holding the same digits
		}
		m, err := domain.ParseMonth(month)
		if err != nil {
			return nil, "", fmt.Errorf("mention of %s: %w", id, err)
		}
		if len(months) == 0 || months[len(months)-1] != m {
			months = append(months, m)
		}
		if n != "" {
			name = n // the latest month's
		}
	}
	return months, name, rows.Err()
}

// idCore is the part of an 18-character ID that its 15-digit form holds
// too (the birth date without the century, and the sequence number), for
// finding an ID cell written either way; "" for anything shorter.
func idCore(id string) string {
	if len(id) != 18 {
		return ""
	}
	return id[8:17]
}

// OffRoster returns the IDs of run prev's listings (held or paid), lines
// and 待核实 that run cur does not list, in ID order: whom run cur's
// 待核实 (changes.Report.Missing) can name, found without reading either
// month whole. status reads them back for its warnings.
func (db *DB) OffRoster(ctx context.Context, prev, cur int64) ([]string, error) {
	return column[string](ctx, db, `
		SELECT p.id_number FROM listings p WHERE p.run_id = ?1
			AND NOT EXISTS (SELECT 1 FROM listings c WHERE c.run_id = ?2 AND c.id_number = p.id_number)
		UNION SELECT p.id_number FROM payment_lines p INDEXED BY `+lineKey+` WHERE p.run_id = ?1
			AND NOT EXISTS (SELECT 1 FROM listings c WHERE c.run_id = ?2 AND c.id_number = p.id_number)
		UNION SELECT u.id_number FROM unlisted u WHERE u.run_id = ?1
			AND NOT EXISTS (SELECT 1 FROM listings c WHERE c.run_id = ?2 AND c.id_number = u.id_number)
		ORDER BY 1`, prev, cur)
}

// Correcting returns the IDs of run runID's lines that correct another
// month (补发), in ID order.
func (db *DB) Correcting(ctx context.Context, runID int64) ([]string, error) {
	return column[string](ctx, db, `SELECT DISTINCT id_number FROM `+linesByKey+` WHERE run_id = ? AND corrects <> '' ORDER BY 1`, runID)
}
