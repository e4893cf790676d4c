package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRerunIsIdentical(t *testing.T) {
	for _, month := range []string{"2026-10", "2026-11"} {
		h := newHarness(t, "../../fixtures/inbox/"+month)
		h.mustRun("run", "--month", month)
		code, out, errs := h.main("rerun", "--month", month, "--data", h.data)
		if code != ExitOK || !strings.Contains(out, "identical") {
			t.Errorf("%s: exit %d\n%s\n%s", month, code, out, errs)
		}
	}
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	if code, out, _ := h.main("rerun", "--month", "2026-11", "--data", h.data); code != ExitOK || !strings.Contains(out, "identical: 1406") {
		t.Errorf("acceptance month: exit %d\n%s", code, out)
	}
}

func TestRerunDetectsADoctoredArchive(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	entries, _ := os.ReadDir(contentDir(h.data))
	victim := filepath.Join(contentDir(h.data), entries[0].Name())
	b, _ := os.ReadFile(victim)
	os.Remove(victim) // a hard link: replace it rather than write through it
	os.WriteFile(victim, append(b, 0), 0o644)
	code, out, _ := h.main("rerun", "--month", "2026-11", "--data", h.data)
	if code != ExitFailure || !strings.Contains(out, "altered") {
		t.Errorf("doctored archive: exit %d\n%s", code, out)
	}
	os.Remove(victim)
	code, out, _ = h.main("rerun", "--month", "2026-11", "--data", h.data)
	if code != ExitFailure || !strings.Contains(out, "missing") {
		t.Errorf("missing archive: exit %d\n%s", code, out)
	}
}

// Re-running under other rules shows what they would have paid.
func TestRerunUnderOtherRules(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	dir := rulesCopy(t, func(name string, b []byte) []byte {
		if name == "care_subsidy.yaml" {
			b = []byte(strings.Replace(string(b), "  - effective: 2024-01-01\n    item: \"19\"\n    bands:\n      - label: 不能自理 经济困难\n        min_age: 60\n        amount: \"100.00\"\n",
				"  - effective: 2024-01-01\n    item: \"19\"\n    bands:\n      - label: 不能自理 经济困难\n        min_age: 60\n        amount: \"100.00\"\n  - effective: 2026-09-01\n    item: \"19\"\n    bands:\n      - label: 不能自理 经济困难\n        min_age: 60\n        amount: \"120.00\"\n", 1))
		}
		return b
	})
	code, out, _ := h.main("rerun", "--month", "2026-11", "--data", h.data, "--rules", dir)
	if code != ExitFailure || strings.Count(out, "护理补贴\t100.00\t120.00") != 9 {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// A month re-run after an earlier month was recorded and approved differs
// (that month's arrears now come out) and says which later records of earlier
// months the recomputation read.
func TestRerunNamesLaterRecordsOfEarlierMonths(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	copyDir(t, "../../fixtures/inbox/2026-10", h.inbox)
	h.mustRun("run", "--month", "2026-10")
	h.mustRun("approve", "--month", "2026-10", "--by", "王会计", "--data", h.data)
	code, out, errs := h.main("rerun", "--month", "2026-11", "--data", h.data)
	if code != ExitFailure || !strings.Contains(out, "different") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"注意：运行1之后，以前月份的记录又有变化", "  2026-10 运行2 于 ", "  2026-10 运行2 由王会计于 "} {
		if !strings.Contains(out, want) {
			t.Errorf("rerun does not say %q:\n%s", want, out)
		}
	}
}

// November, run after October, gives 贺国荣 (paid in October) a 死亡日期 of
// 20 September. A re-run of October still reproduces it: it sees November
// as October's run saw it, not yet run.
func TestRerunIgnoresLaterMonths(t *testing.T) {
	const file = "2026年11月_东街街道_老年人补贴花名册.xlsx"
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-10")
	copyDir(t, acceptanceInbox, h.inbox)
	setCell(t, filepath.Join(h.inbox, file), "Sheet1", "P7", "2026-09-20")
	h.mustRun("run", "--month", "2026-11")
	if out := h.mustRun("rerun", "--month", "2026-10", "--data", h.data, "--rules", rulesDir); !strings.Contains(out, "identical") {
		t.Errorf("rerun of October after November:\n%s", out)
	}
}

// November reports 贺国荣 dead on 20 September while October is a draft, so
// it recovers nothing; October is approved after. A re-run of November
// recovers October now and says so: the lines alone are identical, but a
// month's recoveries are part of its record.
func TestRerunComparesRecoveries(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", nil)
	h.runAcceptance("2026-11", map[string]string{"P7": "2026-09-20"})
	h.approve("2026-10")
	code, out, _ := h.main("rerun", "--month", "2026-11", "--data", h.data)
	if code != ExitFailure || !strings.Contains(out, heGuorong+"\t贺国荣\t追回2026-10 高龄津贴\t-\t76.67\t重新计算：") {
		t.Errorf("rerun after October was approved: exit %d\n%s", code, out)
	}
}
