package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disburse/internal/domain"
	"disburse/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files of the fixture run from this run's output")

// golden compares got with testdata/name, or rewrites it with -update. A
// golden file is only ever rewritten by hand, after reading the diff.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update once to create it, then review it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s", name, i+1, g, w)
			}
		}
	}
}

// The project's own fixture inbox: its payment lines, its findings and the
// text of its workbooks are pinned by golden files. The rules hash is masked
// in the workbook text so that a comment edit in rules/ does not churn them;
// any change of amount still shows in the payment lines.
func TestFixtureInboxGolden(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	out := h.mustRun("run", "--month", "2026-11")
	_, csvOut, _ := h.main("payments", "--month", "2026-11", "--format", "csv")
	golden(t, "fixture-2026-11.payments.csv", csvOut)

	db := h.db()
	m := domain.Month{Year: 2026, Month: 11}
	run, _, err := db.LatestRun(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	// The summary counts the people listed and not held, and those of them
	// paid, as the record has them: the rest are owed nothing.
	listings, err := db.Listings(context.Background(), run.ID)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := db.Lines(context.Background(), run.ID)
	if err != nil {
		t.Fatal(err)
	}
	paid, listed := map[string]bool{}, 0
	for _, l := range lines {
		paid[l.PersonID] = true
	}
	for _, l := range listings {
		if !l.Held {
			listed++
		}
	}
	if want := fmt.Sprintf("花名册列入 %d 人（未暂缓）：有发放 %d 人，不符合任何补贴条件 %d 人", listed, len(paid), listed-len(paid)); !strings.Contains(out, want) {
		t.Errorf("summary without %q:\n%s", want, out)
	}
	findings, err := db.Findings(context.Background(), run.ID)
	if err != nil {
		t.Fatal(err)
	}
	// And the rows paid once with another of the same person's, so that
	// the people and the held rows add up to the rows read.
	copies := 0
	for _, f := range findings {
		if f.Code == "duplicate_identical" {
			copies++
		}
	}
	if want := fmt.Sprintf("；另有 %d 行是同一人已列入的重复行，按一人计", copies); copies == 0 || !strings.Contains(out, want) {
		t.Errorf("summary without %q:\n%s", want, out)
	}
	var b strings.Builder
	for _, f := range findings {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", f.Severity, f.Code, f.Where.File, f.Where.Row, f.Where.Column, f.Name, f.Message)
	}
	golden(t, "fixture-2026-11.findings.tsv", b.String())

	for _, name := range []string{"区民政局", "国网晋城供电公司城区供电中心", "异常清单"} {
		dump, err := report.Dump(filepath.Join(h.data, "out", "2026-11", name+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "fixture-2026-11."+name+".txt", strings.ReplaceAll(dump, run.RulesHash[:12], "<rules-hash>"))
	}
	h.checkWorkbookTotals(m)
}
