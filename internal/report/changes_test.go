package report

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

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
