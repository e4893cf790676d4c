package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"disburse/internal/domain"
)

type bundle struct {
	ctx context.Context
	db  *DB
}

func setup(t *testing.T) *bundle {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "disburse.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &bundle{ctx: ctx, db: db}
}

var nov = domain.Month{Year: 2026, Month: time.November}

func record(amounts ...string) *RunRecord {
	rec := &RunRecord{
		Run:      domain.Run{Month: nov, StartedAt: time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC), FinishedAt: time.Date(2026, 12, 1, 2, 0, 5, 0, time.UTC), RulesHash: "abc", SoftwareVersion: "test"},
		Rules:    map[string][]byte{"a.yaml": []byte("code: a")},
		Inputs:   []domain.InputFile{{Name: "东街.xlsx", SHA256: "ff", Size: 10, RowsRead: 2}},
		Findings: []domain.Finding{{Severity: domain.Held, Code: "id_checksum", Where: domain.Location{File: "东街.xlsx", Sheet: "Sheet1", Row: 14, Column: "F", Header: "公民身份号码"}, Name: "梁香", AsWritten: "140502196601073690", Message: "校验位不对", Street: "东街街道"}},
	}
	for i, a := range amounts {
		rec.Lines = append(rec.Lines, domain.Line{
			PersonID: "14050219420420648" + string(rune('0'+i)), Name: "贺国荣", Benefit: "senior_allowance",
			Amount: decimal.RequireFromString(a), Unit: domain.UnitYuan, Department: "区民政局", Band: "80-89周岁",
			Params: &domain.Params{Item: "16、17", Rate: "920.00", Period: "year", Month: 11, Age: 84},
			Source: &domain.Location{File: "东街.xlsx", Sheet: "Sheet1", Row: 7},
		})
	}
	return rec
}

func TestSaveAndReadBack(t *testing.T) {
	b := setup(t)
	rec := record("76.66", "136.66", "54.5")
	id, err := b.db.SaveRun(b.ctx, rec, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	run, ok, err := b.db.LatestRun(b.ctx, nov)
	if err != nil || !ok || run.ID != id || run.RulesHash != "abc" {
		t.Fatalf("LatestRun = %+v, %v, %v", run, ok, err)
	}
	lines, err := b.db.Lines(b.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 || lines[2].Amount.StringFixed(2) != "54.50" || lines[0].Params.Rate != "920.00" {
		t.Errorf("lines %+v", lines)
	}
	totals, err := b.db.Totals(b.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(totals) != 1 || totals[0].Count != 3 || totals[0].Hundredths != 7666+13666+5450 {
		t.Errorf("totals %+v", totals)
	}
	f, err := b.db.Findings(b.ctx, id)
	if err != nil || len(f) != 1 || !reflect.DeepEqual(f[0], rec.Findings[0]) {
		t.Errorf("findings %+v %v, want %+v", f, err, rec.Findings)
	}
}

// Lines and listings are inserted in ID order; they must come back in the
// order given, which is payment order.
func TestPaymentOrderKept(t *testing.T) {
	b := setup(t)
	rec := record("1", "2", "3", "4")
	ids := []string{"140502194204206489", "110101193611080025", "140502194204206481", "110101193611080025"}
	for i := range rec.Lines {
		rec.Lines[i].PersonID = ids[i]
		rec.Lines[i].Reference = strconv.Itoa(i) // the same person twice needs a reference apart
		rec.Listings = append(rec.Listings, domain.Listing{Person: &domain.Person{ID: ids[i] + strconv.Itoa(i), Name: strconv.Itoa(i)}})
	}
	id, err := b.db.SaveRun(b.ctx, rec, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := b.db.Lines(b.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	listings, err := b.db.Listings(b.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, l := range lines {
		got = append(got, l.PersonID+" "+l.Amount.String()+" "+listings[i].Person.Name)
	}
	want := []string{"140502194204206489 1 0", "110101193611080025 2 1", "140502194204206481 3 2", "110101193611080025 4 3"}
	if !slices.Equal(got, want) {
		t.Errorf("read back %q, want %q", got, want)
	}
}

func TestMonthGuard(t *testing.T) {
	b := setup(t)
	first, err := b.db.SaveRun(b.ctx, record("76.66"), false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.db.SaveRun(b.ctx, record("76.66"), false, nil); !errors.Is(err, ErrMonthRecorded) {
		t.Fatalf("second run of the month: %v", err)
	}
	second, err := b.db.SaveRun(b.ctx, record("76.66"), true, nil)
	if err != nil {
		t.Fatal(err)
	}
	run, _, _ := b.db.LatestRun(b.ctx, nov)
	if run.ID != second || run.Replaces != first {
		t.Errorf("replacing run %+v", run)
	}
	if n, _ := b.db.Runs(b.ctx, nov); n != 2 {
		t.Errorf("%d runs kept, want 2", n)
	}
}

// A failure inside the transaction records nothing: here an amount with
// three decimals, which cannot be stored exactly in hundredths.
func TestSaveIsAllOrNothing(t *testing.T) {
	b := setup(t)
	if _, err := b.db.SaveRun(b.ctx, record("76.66", "0.001"), false, nil); err == nil {
		t.Fatal("amount with three decimals stored")
	}
	if _, ok, _ := b.db.LatestRun(b.ctx, nov); ok {
		t.Error("a failed run left a run row")
	}
	var n int
	if err := b.db.sql.QueryRow(`SELECT (SELECT COUNT(*) FROM payment_lines) + (SELECT COUNT(*) FROM findings) + (SELECT COUNT(*) FROM input_files)`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d rows left behind, %v", n, err)
	}
}

func TestReopenKeepsSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveRun(ctx, record("1"), false, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, ok, err := db.LatestRun(ctx, nov); !ok || err != nil {
		t.Errorf("run lost on reopen: %v", err)
	}
}

func TestBeforeCommitFailureRecordsNothing(t *testing.T) {
	b := setup(t)
	var seen int64
	_, err := b.db.SaveRun(b.ctx, record("76.66"), false, func(id int64, _ <-chan struct{}) error {
		seen = id
		return errors.New("disk full")
	})
	if err == nil || seen == 0 {
		t.Fatalf("err %v, run id %d", err, seen)
	}
	if _, ok, _ := b.db.LatestRun(b.ctx, nov); ok {
		t.Error("run recorded although writing its workbooks failed")
	}
}

// The workbooks' writer is told when the insert has ended, whether it
// succeeded or failed, so that it may take the insert's core.
func TestBeforeCommitToldWhenInsertEnds(t *testing.T) {
	b := setup(t)
	for i, amounts := range [][]string{{"76.66"}, {"76.66", "0.001"}} {
		told := false
		_, err := b.db.SaveRun(b.ctx, record(amounts...), i > 0, func(_ int64, inserted <-chan struct{}) error {
			select {
			case <-inserted:
				told = true
			case <-time.After(10 * time.Second):
			}
			return nil
		})
		if !told {
			t.Errorf("amounts %v: the insert's end was not told (err %v)", amounts, err)
		}
		if failed := len(amounts) > 1; failed != (err != nil) {
			t.Errorf("amounts %v: err %v", amounts, err)
		}
	}
}

func TestListingsRoundTrip(t *testing.T) {
	b := setup(t)
	rec := record("76.66")
	want := []domain.Listing{
		{Person: &domain.Person{ID: "140502194204206481", Name: "贺国荣", Birth: time.Date(1942, 4, 20, 0, 0, 0, 0, time.UTC),
			Street: "东街街道", Community: "景德社区", Dibao: domain.DibaoMarginal, Tekun: domain.TekunRural, Hardship: true,
			SelfCare: domain.SelfCareUnable, Disability: domain.Disability{Grade: 3, Category: "智力"}, ElectricityAccount: "0012",
			BankAccount: "6217", Death: time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC), Source: domain.Location{File: "a.xlsx", Sheet: "Sheet1", Row: 4}}},
		{Person: &domain.Person{ID: "140502194611306543", Name: "顾清金", Birth: time.Date(1946, 11, 30, 0, 0, 0, 0, time.UTC),
			Source: domain.Location{File: "a.xlsx", Sheet: "Sheet1", Row: 5}}, Held: true, Codes: []string{"duplicate_conflict", "value_unknown"}},
	}
	rec.Listings = want
	id, err := b.db.SaveRun(b.ctx, rec, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := b.db.Listings(b.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	show := func(ls []domain.Listing) string {
		var b strings.Builder
		for _, l := range ls {
			fmt.Fprintf(&b, "%+v held=%v codes=%v\n", *l.Person, l.Held, l.Codes)
		}
		return b.String()
	}
	if show(got) != show(want) {
		t.Errorf("got\n%swant\n%s", show(got), show(want))
	}
}

// Every connection setting reads back as set.
func TestOpenPragmas(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, p := range pragmas {
		var got string
		if err := db.sql.QueryRow("PRAGMA " + p.name).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if !strings.EqualFold(got, p.want) {
			t.Errorf("PRAGMA %s = %q, want %q", p.name, got, p.want)
		}
	}
}

// An approved month outside the window comes with only the lines a
// correction may still need: money without an account, and the lines of
// the people asked for; one inside it comes whole.
func TestApprovedMonthsOutsideTheWindow(t *testing.T) {
	b := setup(t)
	rec := record("76.66", "136.66", "54.5")
	rec.Lines[0].Account = "6217"
	rec.Lines[1].Account = "6228"
	id := b.approved(t, rec)
	dec := domain.Month{Year: 2026, Month: 12}
	months, err := b.db.ApprovedMonths(b.ctx, dec, func(domain.Month) bool { return false }, []string{rec.Lines[0].PersonID}, nil)
	if err != nil || len(months) != 1 {
		t.Fatalf("%d months, %v", len(months), err)
	}
	var got []string
	for _, l := range months[0].Lines {
		got = append(got, l.PersonID+" "+l.Account)
	}
	if want := rec.Lines[0].PersonID + " 6217," + rec.Lines[2].PersonID + " "; strings.Join(got, ",") != want || months[0].Listings != nil || months[0].Meters != nil {
		t.Errorf("outside the window: lines %q, want %q; %d listings, %d on meters", strings.Join(got, ","), want, len(months[0].Listings), len(months[0].Meters))
	}
	whole, err := b.db.ApprovedMonths(b.ctx, dec, func(domain.Month) bool { return true }, nil, nil)
	if err != nil || len(whole) != 1 || len(whole[0].Lines) != 3 {
		t.Errorf("inside the window: %+v, %v", whole, err)
	}
	// A month already read is not read again, inside the window only.
	have := []ApprovedMonth{{RunID: id, Lines: rec.Lines[:1], Listings: []domain.Listing{}}}
	whole, err = b.db.ApprovedMonths(b.ctx, dec, func(domain.Month) bool { return true }, nil, have)
	if err != nil || len(whole) != 1 || len(whole[0].Lines) != 1 || whole[0].Listings == nil {
		t.Errorf("inside the window, run %d given: %+v, %v", id, whole, err)
	}
	months, err = b.db.ApprovedMonths(b.ctx, dec, func(domain.Month) bool { return false }, []string{rec.Lines[0].PersonID}, have)
	if err != nil || len(months) != 1 || len(months[0].Lines) != 2 {
		t.Errorf("outside the window, run %d given: %+v, %v", id, months, err)
	}
}

// Outside the window, the held listings of the people asked for come as
// Held (a month a senior since reported dead lived in and was not paid);
// their paid listings and everyone else's do not.
func TestApprovedMonthsHeldOutsideTheWindow(t *testing.T) {
	b := setup(t)
	rec := record("76.66")
	asked, paid, other := "140502194203033312", rec.Lines[0].PersonID, "140502193801010017"
	for _, c := range []struct {
		id   string
		held bool
	}{{asked, true}, {paid, false}, {other, true}} {
		p := domain.Person{ID: c.id, Name: "某", Birth: time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC)}
		rec.Listings = append(rec.Listings, domain.Listing{Person: &p, Held: c.held, Codes: []string{"account_shared"}})
	}
	b.approved(t, rec)
	dec := domain.Month{Year: 2026, Month: 12}
	months, err := b.db.ApprovedMonths(b.ctx, dec, func(domain.Month) bool { return false }, []string{asked, paid}, nil)
	if err != nil || len(months) != 1 {
		t.Fatalf("%d months, %v", len(months), err)
	}
	var got []string
	for _, l := range months[0].Held {
		got = append(got, fmt.Sprint(l.Person.ID, l.Held, l.Codes))
	}
	if want := asked + "true [account_shared]"; strings.Join(got, ",") != want {
		t.Errorf("held outside the window: %q, want %q", got, want)
	}
	whole, err := b.db.ApprovedMonths(b.ctx, dec, func(domain.Month) bool { return true }, []string{asked}, nil)
	if err != nil || len(whole) != 1 || whole[0].Held != nil || len(whole[0].Listings) != 3 {
		t.Errorf("inside the window: %d held, %d listings, %v", len(whole[0].Held), len(whole[0].Listings), err)
	}
}

// approved records rec and approves it (on 2 December 2026), returning its
// run ID.
func (b *bundle) approved(t *testing.T, rec *RunRecord) int64 {
	t.Helper()
	id, err := b.db.SaveRun(b.ctx, rec, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.db.Approve(b.ctx, id, "王会计", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return id
}

// Outside the window, the listings on a 户号 that an asked-for person's
// allowance went to come as Meters (whether the household was owed it),
// and no others.
func TestApprovedMonthsMetersOutsideTheWindow(t *testing.T) {
	b := setup(t)
	rec := record("76.66")
	dead, spouse, neighbour := rec.Lines[0].PersonID, "140502194903051017", "140502193801010017"
	rec.Lines = append(rec.Lines, domain.Line{PersonID: dead, Name: "贺国荣", Benefit: "free_electricity", Amount: decimal.NewFromInt(15), Unit: "kWh",
		Department: "供电中心", Account: "5340000001", Params: rec.Lines[0].Params, Source: rec.Lines[0].Source})
	for _, p := range []domain.Person{{ID: dead, ElectricityAccount: "5340000001"}, {ID: spouse, ElectricityAccount: "5340000001"}, {ID: neighbour, ElectricityAccount: "5340000002"}} {
		p.Name, p.Birth = "某", time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC)
		rec.Listings = append(rec.Listings, domain.Listing{Person: &p})
	}
	b.approved(t, rec)
	dec := domain.Month{Year: 2026, Month: 12}
	months, err := b.db.ApprovedMonths(b.ctx, dec, func(domain.Month) bool { return false }, []string{dead}, nil)
	if err != nil || len(months) != 1 {
		t.Fatalf("%d months, %v", len(months), err)
	}
	var got []string
	for _, l := range months[0].Meters {
		got = append(got, l.Person.ID+" "+l.Person.ElectricityAccount)
	}
	if want := dead + " 5340000001," + spouse + " 5340000001"; strings.Join(got, ",") != want {
		t.Errorf("meters %q, want %q", strings.Join(got, ","), want)
	}
	if months, err = b.db.ApprovedMonths(b.ctx, dec, func(domain.Month) bool { return false }, []string{neighbour}, nil); err != nil || months[0].Meters != nil {
		t.Errorf("asked for someone granted nothing: meters %+v, %v", months[0].Meters, err)
	}
	// A month run late (October) gets November's the same way.
	after, err := b.db.ApprovedMonthsAfter(b.ctx, domain.Month{Year: 2026, Month: 10}, []string{dead}, 0)
	if err != nil || len(after) != 1 || len(after[0].Meters) != 2 {
		t.Errorf("months after: %+v, %v; want November with its two listings on the 户号", after, err)
	}
}

// Claims gives the one-off claims of the other months, earlier and later
// (a month run late must not pay again what a later month paid), from the
// latest run of each month only, oldest month first and in payment order,
// with each reference as written (callers compare them by their own key);
// a re-run (AsOf) sees a later month as the run it re-makes saw it.
func TestClaims(t *testing.T) {
	b := setup(t)
	oct, dec := domain.Month{Year: 2026, Month: time.October}, domain.Month{Year: 2026, Month: time.December}
	save := func(m domain.Month, replace bool, refs ...string) int64 {
		rec := record()
		rec.Run.Month = m
		for i, ref := range refs {
			rec.Lines = append(rec.Lines, domain.Line{
				PersonID: "11010519491231002X", Name: "马小琴", Benefit: "caregiver_training_subsidy",
				Amount: decimal.NewFromInt(1000), Unit: domain.UnitYuan, Department: "区民政局", Band: "普惠制培训",
				Params: &domain.Params{Item: "20", Rate: "1000", Period: "once"}, Reference: ref,
				Source: &domain.Location{File: "培训.xlsx", Sheet: "Sheet1", Row: 2 + i},
			})
		}
		id, err := b.db.SaveRun(b.ctx, rec, replace, nil)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	save(nov, false, "zs 009")
	save(oct, false, "replaced")
	octRun := save(oct, true, "ZS-001", "No.5")
	save(dec, false, "later")
	for _, c := range []struct {
		o    Others
		want []string
	}{
		{Others{Month: dec}, []string{"2026-10 11010519491231002X ZS-001", "2026-10 11010519491231002X No.5", "2026-11 11010519491231002X zs 009"}},
		{Others{Month: oct}, []string{"2026-11 11010519491231002X zs 009", "2026-12 11010519491231002X later"}},
		{Others{Month: oct, AsOf: octRun}, []string{"2026-11 11010519491231002X zs 009"}}, // December came after the run re-made
	} {
		claims, err := b.db.Claims(b.ctx, "caregiver_training_subsidy", c.o)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range claims {
			got = append(got, c.Month.String()+" "+c.ID+" "+c.Reference)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Claims(%+v) = %q, want %q", c.o, got, c.want)
		}
	}
}

// The corrections a month subtracts are those the latest run of every other
// month recorded, earlier or later: October run late, after November
// corrected September, must not correct September again. The month's own
// runs do not count (a run of it replaces them), nor replaced runs. A
// re-run of run N (AsOf) sees the later months as run N saw them: their
// latest run recorded before N, or none.
func TestCorrectedElsewhere(t *testing.T) {
	b := setup(t)
	sep, oct, dec := domain.Month{Year: 2026, Month: time.September}, domain.Month{Year: 2026, Month: time.October}, domain.Month{Year: 2026, Month: time.December}
	save := func(m domain.Month, replace bool, arrears string) {
		rec := record()
		rec.Run.Month = m
		rec.Lines = append(rec.Lines, domain.Line{
			PersonID: "140502194001011625", Name: "丙", Benefit: "senior_allowance",
			Amount: decimal.RequireFromString(arrears), Unit: domain.UnitYuan, Department: "区民政局", Band: "补发2026-09 80-89周岁",
			Params: &domain.Params{Item: "16、17", Rate: "920.00", Period: "year", Month: 9}, Corrects: sep,
			Source: &domain.Location{File: "东街.xlsx", Sheet: "Sheet1", Row: 4},
		})
		rec.Recoveries = []domain.Recovery{{PersonID: "140502194001012628", Name: "乙", Benefit: "senior_allowance", Corrects: sep,
			Amount: decimal.RequireFromString(arrears), Unit: domain.UnitYuan, Department: "区民政局", Reason: "死亡"}}
		if _, err := b.db.SaveRun(b.ctx, rec, replace, nil); err != nil {
			t.Fatal(err)
		}
	}
	save(nov, false, "1.00")
	save(nov, true, "76.67") // replaces the first November run
	save(dec, false, "0.01")
	arrears := CorrectionKey("140502194001011625", "senior_allowance", sep)
	recovered := CorrectionKey("140502194001012628", "senior_allowance", sep)
	for _, c := range []struct {
		month domain.Month
		want  int64
		asOf  int64
	}{{oct, 7668, 0}, {nov, 1, 0}, {dec, 7667, 0}, {oct, 100, 2}, {oct, 0, 1}, {sep, 7667, 3}} {
		got, err := b.db.CorrectedElsewhere(b.ctx, Others{Month: c.month, AsOf: c.asOf})
		if err != nil {
			t.Fatal(err)
		}
		if got.Arrears[arrears] != c.want || got.Recovered[recovered] != c.want {
			t.Errorf("%s as of run %d: arrears %d, recovered %d; want %d each", c.month, c.asOf, got.Arrears[arrears], got.Recovered[recovered], c.want)
		}
	}
}

// PaidIn names who the latest run of a month paid by a line of its own:
// not an arrears line, not a replaced run's line, not another month's.
func TestPaidIn(t *testing.T) {
	b := setup(t)
	sep := domain.Month{Year: 2026, Month: time.September}
	first := record("1.00", "2.00", "3.00") // IDs ...6480, ...6481, ...6482
	if _, err := b.db.SaveRun(b.ctx, first, false, nil); err != nil {
		t.Fatal(err)
	}
	latest := record("76.66") // replaces it: only ...6480 paid
	latest.Lines = append(latest.Lines, domain.Line{PersonID: "140502194001011625", Name: "丙", Benefit: "senior_allowance",
		Amount: decimal.RequireFromString("76.67"), Unit: domain.UnitYuan, Department: "区民政局", Band: "补发2026-09 80-89周岁",
		Params: &domain.Params{Item: "16、17", Rate: "920.00", Period: "year", Month: 9}, Corrects: sep,
		Source: &domain.Location{File: "东街.xlsx", Sheet: "Sheet1", Row: 4}})
	if _, err := b.db.SaveRun(b.ctx, latest, true, nil); err != nil {
		t.Fatal(err)
	}
	ids := []string{"140502194204206480", "140502194204206481", "140502194001011625"}
	got, err := b.db.PaidIn(b.ctx, nov, ids)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]bool{"140502194204206480|senior_allowance": true}; !maps.Equal(got, want) {
		t.Errorf("November paid %v, want %v", got, want)
	}
	if got, _ := b.db.PaidIn(b.ctx, sep, ids); len(got) != 0 {
		t.Errorf("September, never run, paid %v", got)
	}
}

// A database closed after a run opens for reading only (an auditor's
// read-only copy of the data folder) and reads what was recorded; it
// writes nothing. One with a -wal file holding commits is refused, not
// read without them.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "disburse.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	id, err := db.SaveRun(ctx, record("76.66"), false, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	run, ok, err := ro.LatestRun(ctx, nov)
	if err != nil || !ok || run.ID != id {
		t.Errorf("read-only: latest run %+v %v %v, want %d", run, ok, err, id)
	}
	if _, err := ro.SaveRun(ctx, record("1.00"), true, nil); err == nil {
		t.Error("a read-only database recorded a run")
	}
	ro.Close()
	if err := os.WriteFile(path+"-wal", []byte("commits"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenReadOnly(ctx, path); err == nil || !strings.Contains(err.Error(), "-wal") {
		t.Errorf("a -wal file with commits: %v", err)
	}
}

// A write transaction that reads before it writes waits, within the busy
// timeout, for another process's write to end, instead of failing at once
// with SQLITE_BUSY (a tester's run failed on a lock held for one second).
func TestWriteWaitsForAnotherWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := db.sql.ExecContext(ctx, `CREATE TABLE t (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		held := make(chan struct{})
		done := make(chan error, 1)
		go func() {
			done <- other.inTx(ctx, func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(ctx, `INSERT INTO t VALUES (1)`); err != nil {
					return err
				}
				close(held)
				time.Sleep(300 * time.Millisecond) // the other process's write, held
				return nil
			})
		}()
		<-held
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM t`).Scan(&n); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO t VALUES (?)`, n+1)
			return err
		})
		if err != nil {
			t.Fatalf("write during another's write: %v", err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// checkAfter saves rec in a new database, closes it with everything in the
// main file, lets damage change that file, and returns Check's answer on
// the database opened again.
func checkAfter(t *testing.T, rec *RunRecord, damage func(raw []byte)) error {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveRun(ctx, rec, false, nil); err != nil {
		t.Fatal(err)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatalf("a sound database: %v", err)
	}
	if _, err := db.sql.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	damage(raw)
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if db, err = Open(ctx, path); err != nil {
		t.Fatalf("open: %v", err)
	}
	defer db.Close()
	return db.Check(ctx)
}

// Check finds pages damaged where nothing a run reads would (a fresh
// user's database, random bytes written over two pages, recorded and
// approved more months before a re-run failed), and passes a sound one.
func TestCheckFindsDamagedPages(t *testing.T) {
	amounts := make([]string, 3000)
	for i := range amounts {
		amounts[i] = "76.66"
	}
	err := checkAfter(t, record(amounts...), func(raw []byte) {
		middle := len(raw) / 4096 / 2 * 4096
		copy(raw[middle:], bytes.Repeat([]byte{0xA5}, 2*4096)) // two pages in the middle
	})
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged pages: %v, want ErrDamaged", err)
	}
}

// Check compares the indexes with their tables: a record whose ID was
// changed where its index entries were not (a tester changed one digit in
// the file) passes a page-by-page read (quick_check) but not Check.
func TestCheckFindsARecordItsIndexDisagreesWith(t *testing.T) {
	err := checkAfter(t, record("76.66"), func(raw []byte) {
		row := []byte("140502194204206480贺国荣") // id_number then name, in the table's record
		i := bytes.Index(raw, row)
		if i < 0 || bytes.Count(raw, row) != 1 {
			t.Fatalf("the record is not in the file once (%d)", bytes.Count(raw, row))
		}
		raw[i+17] = '9' // 140502194204206489
	})
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("a record its index disagrees with: %v, want ErrDamaged", err)
	}
}

// The approval's hash covers where the money goes: a line whose account,
// name or corrected month changed hashes otherwise (a tester changed an
// account digit after approval, and the hash stayed the same), and so does
// one moved to another department (another bank file), street or band.
func TestLinesHashCoversWhereTheMoneyGoes(t *testing.T) {
	lines := record("76.66").Lines
	lines[0].Account = "6217000000000000001"
	base := LinesHash(lines)
	for name, change := range map[string]func(l *domain.Line){
		"account":  func(l *domain.Line) { l.Account = "6217000000000000002" },
		"name":     func(l *domain.Line) { l.Name = "贺国华" },
		"corrects": func(l *domain.Line) { l.Corrects = domain.Month{Year: 2026, Month: time.October} },
		"amount":   func(l *domain.Line) { l.Amount = decimal.RequireFromString("76.67") },
		// which bank file pays it, and what the signed sheets show
		"department": func(l *domain.Line) { l.Department = "区发改局" },
		"street":     func(l *domain.Line) { l.Street = "西街街道" },
		"community":  func(l *domain.Line) { l.Community = "另一社区" },
		"band":       func(l *domain.Line) { l.Band = "90-99周岁" },
	} {
		changed := slices.Clone(lines)
		change(&changed[0])
		if LinesHash(changed) == base {
			t.Errorf("a changed %s hashes the same", name)
		}
	}
}

// Mentions finds a person by a line, or by a finding's ID cell written in
// 15 digits (a held row), and not one whose ID shares only digits; nobody
// mentioned gets no month.
func TestMentions(t *testing.T) {
	b := setup(t)
	rec := record("76.66") // pays 140502194204206480
	rec.Findings = append(rec.Findings, domain.Finding{Severity: domain.Held, Code: "name_missing", Where: domain.Location{File: "东街.xlsx", Sheet: "Sheet1", Row: 9}, Name: "顾清金", AsWritten: "140502461130654", Message: "x"})
	if _, err := b.db.SaveRun(b.ctx, rec, false, nil); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{
		"140502194204206480": "[2026-11] 贺国荣",
		"140502194611306543": "[2026-11] 顾清金", // 15 digits in the cell
		"110101194611306543": "[] ",           // the same digits 9-17, another place
		"11010519491231002X": "[] ",
	} {
		months, name, err := b.db.Mentions(b.ctx, id)
		if got := fmt.Sprint(months, " ", name); err != nil || got != want {
			t.Errorf("%s: %s, %v; want %s", id, got, err, want)
		}
	}
}

// Two processes opening a new data folder at once (the daemon and an
// operator's status) must both get a migrated database: each migration is
// applied once, by whichever takes the write lock first. The file's switch
// to WAL, for which SQLite does not wait out another's lock, failed one
// opening in several runs of this test with "database is locked".
func TestOpenConcurrentlyMigratesOnce(t *testing.T) {
	ctx := context.Background()
	const openers = 12
	for round := range 10 {
		path := filepath.Join(t.TempDir(), "disburse.db")
		errs := make(chan error, openers)
		for range openers {
			go func() {
				db, err := Open(ctx, path)
				if err == nil {
					err = db.Close()
				}
				errs <- err
			}()
		}
		for range openers {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: open at once: %v", round, err)
			}
		}
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var applied, distinct int
		if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations`).Scan(&applied, &distinct); err != nil {
			t.Fatal(err)
		}
		db.Close()
		names, _ := fs.Glob(migrations, "migrations/*.up.sql")
		if applied != len(names) || distinct != len(names) {
			t.Fatalf("round %d: schema_migrations has %d rows (%d versions), want %d", round, applied, distinct, len(names))
		}
	}
}

// Opening a migrated database while another process holds the write lock
// (a run recording a month and writing its workbooks, a minute for a large
// one) must not wait for it: status, explain and payments read the last
// commit instead of failing with "database is locked" after the busy
// timeout.
func TestOpenDuringAWriteReadsTheLastCommit(t *testing.T) {
	b := &bundle{ctx: context.Background()}
	p := filepath.Join(t.TempDir(), "disburse.db")
	db, err := Open(b.ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SaveRun(b.ctx, record("450.00"), false, nil); err != nil {
		t.Fatal(err)
	}
	held, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- db.inTx(b.ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(b.ctx, `INSERT INTO attempts (month, started_at, finished_at, outcome, message) VALUES ('2026-11', 'x', 'x', 'waiting', '')`); err != nil {
				return err
			}
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	start := time.Now()
	reader, err := Open(b.ctx, p)
	close(release)
	if err != nil {
		t.Fatalf("open while another process writes: %v", err)
	}
	defer reader.Close()
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("open waited %v for the writer", waited)
	}
	if _, ok, err := reader.LatestRun(b.ctx, nov); err != nil || !ok {
		t.Errorf("the last commit's run: ok %v, %v", ok, err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// An approval recorded before migration 0015 (form 1: no department,
// street, community or band in its hash) is still intact as it was, and an
// amount edited since is still found; one recorded now (form 2) finds a
// line moved to another department, which form 1 did not.
func TestApprovalHashForms(t *testing.T) {
	b := setup(t)
	id := b.approved(t, record("76.66"))
	a, ok, err := b.db.ApprovalOf(b.ctx, nov)
	if err != nil || !ok || a.LinesHashForm != 2 {
		t.Fatalf("approval %+v, %v, %v; want form 2", a, ok, err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := b.db.sql.ExecContext(b.ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	intact := func() bool {
		t.Helper()
		a, _, err := b.db.ApprovalOf(b.ctx, nov)
		if err != nil {
			t.Fatal(err)
		}
		tampered, err := b.db.ApprovalIntact(b.ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return tampered == nil
	}
	exec(`UPDATE payment_lines SET department = '区发改局' WHERE run_id = ?`, id)
	if intact() {
		t.Error("form 2: a line moved to another department went unnoticed")
	}
	lines, err := linesOf(b.ctx, b.db.sql, id)
	if err != nil {
		t.Fatal(err)
	}
	exec(`UPDATE approvals SET lines_hash_form = 1, lines_sha256 = ? WHERE run_id = ?`, linesHashPlaceless(lines), id)
	if !intact() {
		t.Error("form 1: an approval of the old form is told as tampered")
	}
	exec(`UPDATE payment_lines SET amount = '76.67', amount_hundredths = 7667 WHERE run_id = ?`, id)
	if intact() {
		t.Error("form 1: an edited amount went unnoticed")
	}
}

// RunOf gives of some IDs what WholeRun gives of them, in recorded order;
// SharingMeter names the rows paid from whose 户号 is the one asked, white
// space aside, in payment order, and not a held row or a longer 户号
// holding it.
func TestRunOfAndSharingMeter(t *testing.T) {
	b := setup(t)
	rec := record("76.66", "136.66", "54.5", "76.66")
	for i, acct := range []string{" 2758374986", "2758374986\t", "2758374986", "27583749860"} {
		l := rec.Lines[i]
		rec.Listings = append(rec.Listings, domain.Listing{Person: &domain.Person{ID: l.PersonID, Name: l.Name, ElectricityAccount: acct, Source: *l.Source}, Held: i == 2})
	}
	slices.Reverse(rec.Listings) // payment order is not ID order
	id, err := b.db.SaveRun(b.ctx, rec, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	allLines, allListings, err := b.db.WholeRun(b.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	some := []string{rec.Lines[3].PersonID, rec.Lines[1].PersonID}
	lines, listings, err := b.db.RunOf(b.ctx, id, some)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || lines[0].PersonID != allLines[1].PersonID || lines[1].PersonID != allLines[3].PersonID || lines[1].Amount.String() != "76.66" {
		t.Errorf("RunOf lines = %+v, want lines 2 and 4 of %+v", lines, allLines)
	}
	if len(listings) != 2 || listings[0].Person.ID != allListings[0].Person.ID || listings[1].Person.ID != allListings[2].Person.ID {
		t.Errorf("RunOf listings = %+v, want listings 1 and 3 of %+v", listings, allListings)
	}
	got, err := b.db.SharingMeter(b.ctx, id, "2758374986 ")
	if want := []string{rec.Lines[1].PersonID, rec.Lines[0].PersonID}; err != nil || !slices.Equal(got, want) {
		t.Errorf("SharingMeter = %v, %v; want %v", got, err, want)
	}
	if got, err := b.db.SharingMeter(b.ctx, id, " "); err != nil || got != nil {
		t.Errorf("SharingMeter(blank) = %v, %v; want nothing", got, err)
	}
}

// ApprovalIntact reads the lines again for every answer, unless
// RememberIntact was called: then an answer stands for the life of the
// handle, an edit made since through it going untold.
func TestRememberIntact(t *testing.T) {
	b := setup(t)
	id := b.approved(t, record("76.66"))
	a, _, err := b.db.ApprovalOf(b.ctx, nov)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(amount string) {
		t.Helper()
		if _, err := b.db.sql.ExecContext(b.ctx, `UPDATE payment_lines SET amount = ? WHERE run_id = ?`, amount, id); err != nil {
			t.Fatal(err)
		}
	}
	check := func() bool {
		t.Helper()
		tampered, err := b.db.ApprovalIntact(b.ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return tampered == nil
	}
	edit("76.67")
	if check() {
		t.Fatal("an edited amount went unnoticed")
	}
	edit("76.66")
	if !check() {
		t.Fatal("the amount edited back is told as tampered")
	}
	b.db.RememberIntact()
	if !check() {
		t.Fatal("remembered: intact told as tampered")
	}
	edit("76.67")
	if !check() {
		t.Error("remembered: the answer was worked out again")
	}
}

// The arrears a month's corrections sum (CorrectedElsewhere) are found by
// the index of the lines that correct a month, not among all the lines of
// every latest run: a province's database holds a million lines a month.
func TestArrearsAreFoundByTheirIndex(t *testing.T) {
	b := setup(t)
	runs, args := Others{Month: nov}.latestRuns()
	rows, err := b.db.sql.QueryContext(b.ctx, `EXPLAIN QUERY PLAN `+arrearsOf(`r.id IN (`+runs+`)`), args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if !slices.ContainsFunc(plan, func(d string) bool { return strings.Contains(d, "USING INDEX payment_lines_corrects") }) {
		t.Errorf("arrears read without their index: %q", plan)
	}
}
