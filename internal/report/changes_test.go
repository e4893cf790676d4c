package report

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"disburse/internal/changes"
	"disburse/internal/domain"
)

// The 追回清单 totals yuan and kWh on rows of their own: 15 kWh of
// electricity to recover is never added into, or lost from, a yuan total.
func TestRecoveriesTableTotalsEachUnit(t *testing.T) {
	nov := domain.Month{Year: 2026, Month: 11}
	rs := []domain.Recovery{
		{PersonID: "140502193808085372", Name: "甲", Benefit: "senior_allowance", Amount: decimal.RequireFromString("76.66"), Unit: domain.UnitYuan, Corrects: nov},
		{PersonID: "140502193808085372", Name: "甲", Benefit: "free_electricity", Amount: decimal.RequireFromString("15"), Unit: domain.UnitKWh, Corrects: nov},
		{PersonID: "140502194103035871", Name: "乙", Benefit: "free_electricity", Amount: decimal.RequireFromString("15"), Unit: domain.UnitKWh, Corrects: nov},
	}
	tab := RecoveriesTable(nov, rs, map[string]string{"senior_allowance": "高龄津贴", "free_electricity": "免费用电基数"})
	totals := map[string]string{}
	for _, r := range tab.Rows {
		if strings.HasPrefix(r[0].Text, "合计") {
			totals[r[0].Text] = r[4].Text + " " + r[6].Number + " " + r[7].Text
		}
	}
	want := map[string]string{"合计（元）": "1条 76.66 元", "合计（千瓦时）": "2条 30 千瓦时"}
	for k, w := range want {
		if totals[k] != w {
			t.Errorf("%s: %q, want %q (all totals: %v)", k, totals[k], w, totals)
		}
	}
	if len(totals) != len(want) {
		t.Errorf("totals %v, want %v", totals, want)
	}
}

// Someone paid in August and on no roster since is, in October, told as on
// last month's 待核实 only when September was run: across a month never run,
// nobody listed them then.
func TestMissingTableSaysLastMonthOnlyWhenItWasRun(t *testing.T) {
	oct, _ := domain.ParseMonth("2026-10")
	aug, _ := domain.ParseMonth("2026-08")
	missing := []changes.Missing{{PersonID: "140502194003150442", Name: "李迟报", Since: aug,
		LastLines: []domain.Line{*line("senior_allowance", domain.UnitYuan, "东街街道", "景德社区", "李迟报", "140502194003150442", "80-89周岁", "76.66", "")}}}
	codes := map[string]string{"senior_allowance": "高龄津贴"}
	for prev, want := range map[domain.Month]bool{oct.Prev(): true, aug: false} {
		tb := MissingTable(&changes.Report{Month: oct, Prev: prev, HasPrev: true, Missing: missing}, codes)
		if len(tb.Rows) != 1 {
			t.Fatalf("compared with %s: rows %v", prev, tb.Rows)
		}
		note := tb.Rows[0][len(tb.Rows[0])-1].Text
		if got := strings.Contains(note, "上月已列入待核实"); got != want {
			t.Errorf("compared with %s: note %q", prev, note)
		}
	}
}
