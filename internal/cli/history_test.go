package cli

import (
	"testing"

	"github.com/shopspring/decimal"

	"disburse/internal/domain"
	"disburse/internal/money"
	"disburse/internal/store"
)

// Of the money recorded without an account, only what a 补发 for the same
// benefit and month paid after it counts as paid since: September, held,
// paid back in October, then a rise's difference recorded in November for
// the heirs, is not paid by October's 补发; August's money recorded
// without an account and paid back in November is.
func TestUnsentPaidSinceCountsOnlyLaterArrears(t *testing.T) {
	aug, sep, oct, nov := domain.Month{Year: 2026, Month: 8}, domain.Month{Year: 2026, Month: 9}, domain.Month{Year: 2026, Month: 10}, domain.Month{Year: 2026, Month: 11}
	line := func(run domain.Month, amount, account string, corrects domain.Month) store.HistoryLine {
		return store.HistoryLine{Month: run, Line: domain.Line{Benefit: "senior_allowance", Unit: domain.UnitYuan, Amount: decimal.RequireFromString(amount), Account: account, Corrects: corrects}}
	}
	hist := []store.HistoryLine{
		line(aug, "76.66", "", domain.Month{}),
		line(oct, "76.67", "6217", sep),
		line(nov, "23.33", "", sep),
		line(nov, "76.66", "6217", aug),
	}
	if got := unsentPaidSince(hist); money.Format(got, domain.UnitYuan) != "76.66" {
		t.Errorf("paid since: %s, want 76.66", money.Format(got, domain.UnitYuan))
	}
}
