package cli

import (
	"context"
	"fmt"

	"disburse/internal/calc"
	"disburse/internal/changes"
	"disburse/internal/domain"
	"disburse/internal/roster"
	"disburse/internal/rules"
	"disburse/internal/store"
)

// recordedMonth is a month read back from the database alone: its latest
// run, the rules that run recorded, the people it paid from (listings not
// held), the engine's decisions recomputed over the whole month (a 户号
// grant depends on the household), and the changes against the month
// before. changes, explain and the rebuilding of workbooks all start here.
type recordedMonth struct {
	table     *rules.Table
	cur       *changes.Snapshot
	prev      *changes.Snapshot // nil when the month before has no run
	people    []domain.Person
	decisions calc.Decisions
	changes   *changes.Report
	who       people // whom it was read back for: nil for everyone
}

// streetCounts counts the month's listings of each street (街道), held
// rows included (listedStreets): from the listings when the whole month
// was read back, else from the database (store.StreetCounts).
func (r *recordedMonth) streetCounts(ctx context.Context, db *store.DB) (map[string]int, error) {
	if r.who == nil {
		return listedStreets(r.cur.Listings), nil
	}
	return db.StreetCounts(ctx, r.cur.RunID)
}

// loadRecorded reads month m back as recordedMonth. It returns an error
// when m has no recorded run.
func loadRecorded(ctx context.Context, db *store.DB, m domain.Month) (*recordedMonth, error) {
	return loadRecordedOf(ctx, db, m, nil)
}

// loadRecordedOf reads month m back as recordedMonth for who alone (nil:
// everyone), the month before it too: what the whole month says of them,
// as long as who holds everyone whose decisions theirs depend on (the
// others of a 户号: householdOf). It returns an error when m has no
// recorded run.
func loadRecordedOf(ctx context.Context, db *store.DB, m domain.Month, who people) (*recordedMonth, error) {
	cur, err := loadSnapshot(ctx, db, m, who)
	if err != nil {
		return nil, err
	}
	if cur == nil {
		return nil, noRunError(m)
	}
	r := &recordedMonth{cur: cur, who: who}
	if r.table, err = recordedTable(ctx, db, cur.RunID, m); err != nil {
		return nil, err
	}
	paid := 0
	for _, l := range cur.Listings {
		if !l.Held {
			paid++
		}
	}
	r.people = make([]domain.Person, 0, paid) // grown by append, a province's million were copied at every doubling
	for _, l := range cur.Listings {
		if !l.Held {
			r.people = append(r.people, *l.Person)
		}
	}
	// The listings of the people paid, and their lines, point at r.people
	// from here on, so a month read back holds each of them once, not twice.
	i := 0
	for j := range cur.Listings {
		if !cur.Listings[j].Held {
			cur.Listings[j].Person = &r.people[i]
			i++
		}
	}
	domain.ShareRows(cur.Lines, cur.Listings)
	res, err := calc.Compute(r.table, m, r.people)
	if err != nil {
		return nil, err
	}
	r.decisions = res.Decisions
	if r.prev, err = prevSnapshot(ctx, db, m, who); err != nil {
		return nil, err
	}
	findings, err := db.Findings(ctx, cur.RunID)
	if err != nil {
		return nil, err
	}
	cur.DeadOffRoster = roster.DeadOffRosterOf(findings)
	record, err := loadOnRecord(ctx, db, m, cur.RunID)
	if err != nil {
		return nil, err
	}
	cur.StopsAnnounced, cur.DeathsOnRecord = record.stopReasons(), record.deathDates()
	if r.changes, err = changes.Compare(r.table, r.prev, cur, r.decisions, findings); err != nil {
		return nil, err
	}
	return r, nil
}

// recordedNames maps benefit codes to their names on sheets as the rules
// recorded with run runID (of month m) had them; empty when those rules
// cannot be read, so callers fall back to codes (label).
func recordedNames(ctx context.Context, db *store.DB, runID int64, m domain.Month) map[string]string {
	if t := recordedRules(ctx, db, runID, m); t != nil {
		return benefitNames(t, "")
	}
	return map[string]string{}
}

// recordedRules is recordedTable, nil when the rules cannot be read.
func recordedRules(ctx context.Context, db *store.DB, runID int64, m domain.Month) *rules.Table {
	t, err := recordedTable(ctx, db, runID, m)
	if err != nil {
		return nil
	}
	return t
}

// recordedTable returns the rules table a run recorded, for its month.
func recordedTable(ctx context.Context, db *store.DB, runID int64, m domain.Month) (*rules.Table, error) {
	files, err := db.RunRules(ctx, runID)
	if err != nil {
		return nil, err
	}
	book, err := rules.FromFiles(files)
	if err != nil {
		return nil, fmt.Errorf("rules recorded with run %d: %w", runID, err)
	}
	return book.ForMonth(m)
}
