package cli

import (
	"slices"
	"strings"
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
	if got := unsentOf(hist).paid; money.Format(got, domain.UnitYuan) != "76.66" {
		t.Errorf("paid since: %s, want 76.66", money.Format(got, domain.UnitYuan))
	}
}

// Money recorded without an account and then recorded again for the heirs
// (the senior died before the account came) is one sum, not two: October's
// 76.67 and November's 补发 of it for the heirs, by hand, are 76.67 unsent,
// the heirs' and nothing left waiting; history said 153.34 not sent and
// 153.34 still to pay. A 补发 for the heirs recorded before the money
// that waits (August's, then its own month's later money) settles nothing.
func TestUnsentRecordedAgainForTheHeirsCountsOnce(t *testing.T) {
	aug, oct, nov := domain.Month{Year: 2026, Month: 8}, domain.Month{Year: 2026, Month: 10}, domain.Month{Year: 2026, Month: 11}
	heirs := &domain.Params{Note: "补发2026-10：…；此人已于2026-10-15去世，本行未填银行账号，未代发：请核实后向其遗属手工补发"}
	line := func(run domain.Month, amount string, corrects domain.Month, p *domain.Params) store.HistoryLine {
		return store.HistoryLine{Month: run, Line: domain.Line{Benefit: "senior_allowance", Unit: domain.UnitYuan, Amount: decimal.RequireFromString(amount), Corrects: corrects, Params: p}}
	}
	u := unsentOf([]store.HistoryLine{
		line(oct, "76.67", domain.Month{}, &domain.Params{}),
		line(nov, "76.67", oct, heirs),
	})
	got := [4]string{money.Format(u.total(), domain.UnitYuan), money.Format(u.heirs, domain.UnitYuan), money.Format(u.again, domain.UnitYuan), money.Format(u.left(), domain.UnitYuan)}
	if got != [4]string{"76.67", "76.67", "76.67", "0.00"} {
		t.Errorf("unsent, heirs', recorded again, left: %v; want 76.67 76.67 76.67 0.00", got)
	}
	u = unsentOf([]store.HistoryLine{
		line(oct, "6.66", aug, heirs),
		line(nov, "76.66", aug, &domain.Params{}),
	})
	if money.Format(u.total(), domain.UnitYuan) != "83.32" || money.Format(u.left(), domain.UnitYuan) != "76.66" {
		t.Errorf("unsent %s, left %s; want 83.32 and 76.66", u.total(), u.left())
	}
}

// history gives each month's latest run only: November run, then run
// again with --replace, lists 贺国荣's November line once, of run 2, and
// October's of run 1 before it.
func TestHistoryListsTheLatestRunOfEachMonth(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", nil)
	h.runAcceptance("2026-11", nil)
	h.runAcceptance("2026-11", nil, "--replace")
	code, out, errs := h.main("history", "--id", heGuorong, "--data", h.data)
	if code != ExitOK {
		t.Fatalf("history: exit %d: %s", code, errs)
	}
	var months []string
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Split(l, "\t"); len(f) > 3 && strings.HasPrefix(f[0], "2026-") {
			months = append(months, f[0]+" 运行"+f[1])
		}
	}
	if want := []string{"2026-10 运行1", "2026-11 运行3"}; !slices.Equal(months, want) {
		t.Errorf("history lists %v, want %v:\n%s", months, want, out)
	}
}
