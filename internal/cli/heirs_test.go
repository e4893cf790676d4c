package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"disburse/internal/domain"
	"disburse/internal/money"
)

// heirsOwed sums, over months, 贺国荣's yuan money recorded without a
// 银行账号: what waited for an account (waiting: no note asking to pay the
// heirs) and what was recorded for her heirs, by hand (heirs), by the
// month each is for.
func (h *harness) heirsOwed(months ...string) (waiting, heirs map[string]decimal.Decimal) {
	h.t.Helper()
	waiting, heirs = map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
	for _, m := range months {
		for _, l := range h.linesOf(mustMonth(h.t, m), heGuorong) {
			if l.Unit != domain.UnitYuan || l.Account != "" {
				continue
			}
			forMonth := m
			if l.Corrects.Valid() {
				forMonth = l.Corrects.String()
			}
			if l.ByHand() {
				if !strings.Contains(l.Params.Note, "遗属") {
					h.t.Errorf("%s's line for %s recorded by hand without a word of the heirs: %s", m, forMonth, l.Params.Note)
				}
				heirs[forMonth] = heirs[forMonth].Add(l.Amount)
			} else {
				waiting[forMonth] = waiting[forMonth].Add(l.Amount)
			}
		}
	}
	return waiting, heirs
}

// 贺国荣 dies on 10 November, her row without a 银行账号; November pays her
// month of death and October, when her row was held. No account will
// come for a dead senior (the months after hers are her heirs'), so both
// are her heirs' at once: recorded without an account for staff to pay
// them by hand, and counted so by the summary as 无账号待处理's 说明 says.
// They were left waiting for the street to fill in her account, counted
// with the living's; December then recorded November's own money for the
// heirs but counted October's 补发 as paid by having been recorded: lost.
func TestMoneyOfTheMonthOfDeathWithoutAccountGoesToTheHeirs(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-10", map[string]string{"H7": "待定"}) // held: October paid back in November
	out := h.runAcceptance("2026-11", map[string]string{"P7": "2026-11-10", "O7": ""})
	waiting, heirs := h.heirsOwed("2026-11")
	if len(waiting) != 0 || !heirs["2026-11"].IsPositive() || !heirs["2026-10"].IsPositive() {
		t.Errorf("November: waiting for an account %v, the heirs' %v; want November and October the heirs'", waiting, heirs)
	}
	// The summary counts as the heirs' exactly what 无账号待处理 asks to pay
	// by hand (a 说明 that does not ask for the account to be filled in).
	bank := allCells(t, filepath.Join(h.data, "out", "2026-11", bankDir, "区民政局_代发_草稿.xlsx"))
	n, sum, hers := 0, decimal.Zero, ""
	for _, r := range bank["无账号待处理"][2:] {
		if len(r) < 6 || r[0] == "合计" {
			continue
		}
		if r[2] == heGuorong {
			hers = r[5]
		}
		if !strings.Contains(r[5], "补填") {
			n, sum = n+1, sum.Add(decimal.RequireFromString(r[4]))
		}
	}
	if !strings.Contains(hers, "遗属") || strings.Contains(hers, "补填") {
		t.Errorf("贺国荣's 说明: %q", hers)
	}
	if want := fmt.Sprintf("另有已故 %d 人共 %s 元", n, money.Format(sum, domain.UnitYuan)); !strings.Contains(out, want) {
		t.Errorf("the summary does not say %q as 无账号待处理 does:\n%s", want, out)
	}
	h.approve("2026-11")
	h.runAcceptance("2026-12", map[string]string{"P7": "2026-11-10", "O7": ""})
	if waiting, again := h.heirsOwed("2026-12"); len(waiting)+len(again) != 0 {
		t.Errorf("December records again: waiting %v, the heirs' %v", waiting, again)
	}
	if _, hist, _ := h.main("history", "--id", heGuorong, "--data", h.data); !strings.Contains(hist, "向遗属手工发放 "+money.Format(heirs["2026-10"].Add(heirs["2026-11"]), domain.UnitYuan)+" 元") || !strings.Contains(hist, "尚未发放 0.00 元") {
		t.Errorf("history:\n%s", hist)
	}
}

// Money that waited for an account while the senior lived (July held and
// paid back in August, and August's own, both without a 银行账号) is her
// heirs' once she dies (15 September, her row still without one): every
// cent of it is recorded for them by hand, each month once. July's 补发,
// recorded without an account, counted as paid for the dead by having
// been recorded, as if it were a 补发 recorded for the heirs, and was lost.
func TestMoneyWaitingForAnAccountWhenTheSeniorDiesGoesToTheHeirs(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-06", nil)
	h.runApproved("2026-07", map[string]string{"H7": "待定"})
	h.runApproved("2026-08", map[string]string{"O7": ""})
	h.runApproved("2026-09", map[string]string{"P7": "2026-09-15", "O7": ""})
	h.runAcceptance("2026-10", map[string]string{"P7": "2026-09-15", "O7": ""})
	waited, _ := h.heirsOwed("2026-08")
	_, heirs := h.heirsOwed("2026-09", "2026-10")
	for _, m := range []string{"2026-07", "2026-08"} {
		if !waited[m].IsPositive() || !heirs[m].Equal(waited[m]) {
			t.Errorf("%s: %s waited for an account, the heirs are given %s", m, waited[m], heirs[m])
		}
	}
	if !heirs["2026-09"].IsPositive() {
		t.Errorf("the month of death is not the heirs': %v", heirs)
	}
}

// Money recorded without a 银行账号 beyond arrears_months (3) is owed to a
// dead senior's heirs as it is to a living senior once the account comes:
// arrears_months limits computing a month again, not paying what was
// recorded and never sent. 贺国荣's rows gave no account from July to
// October; she died on 15 October, and November records all four months
// for her heirs, July too (4 months back). It recorded nothing for July,
// silently. The same when her row is gone and the death comes on a death
// list, every month beyond the window.
func TestUnsentMoneyBeyondTheWindowGoesToTheHeirs(t *testing.T) {
	months := []string{"2026-07", "2026-08", "2026-09", "2026-10"}
	t.Run("listed", func(t *testing.T) {
		h := newHarness(t, "")
		for _, m := range months {
			h.runApproved(m, map[string]string{"O7": ""})
		}
		h.runAcceptance("2026-11", map[string]string{"P7": "2026-10-15", "O7": ""})
		waited, _ := h.heirsOwed(months...)
		_, heirs := h.heirsOwed("2026-11")
		for _, m := range months {
			if !waited[m].IsPositive() || !heirs[m].Equal(waited[m]) {
				t.Errorf("%s: %s waited for an account, November gives the heirs %s", m, waited[m], heirs[m])
			}
		}
	})
	t.Run("gone", func(t *testing.T) {
		h := newHarness(t, "")
		for _, m := range months[:3] {
			h.runApproved(m, map[string]string{"O7": ""})
		}
		h.approvedWithout("2026-10", "2026-11", "2026-12")
		copyDir(t, acceptanceInbox, h.inbox)
		removeRosterRow(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", 7, heGuorong)
		writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"贺国荣", heGuorong, "2026-09-20"})
		h.mustRun("run", "--month", "2027-01")
		waited, _ := h.heirsOwed(months[:3]...)
		_, heirs := h.heirsOwed("2027-01")
		for _, m := range months[:3] {
			if !waited[m].IsPositive() || !heirs[m].Equal(waited[m]) {
				t.Errorf("%s: %s waited for an account, January gives the heirs %s", m, waited[m], heirs[m])
			}
		}
	})
}

// history counts money once when the heirs' 补发 records again a month
// recorded without an account: 贺国荣's October, 76.67 without a 银行账号,
// recorded again in November for her heirs (she died on 15 October), said
// "另有未代发 153.34 … 尚未发放 153.34" for 76.67 owed, paid by hand.
func TestHistoryCountsTheHeirsMoneyOnce(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-10", map[string]string{"O7": ""})
	h.runApproved("2026-11", map[string]string{"P7": "2026-10-15", "O7": ""})
	_, heirs := h.heirsOwed("2026-11")
	owed := money.Format(heirs["2026-10"], domain.UnitYuan)
	_, hist, _ := h.main("history", "--id", heGuorong, "--data", h.data)
	if !strings.Contains(hist, "另有未代发 "+owed+" 元") || !strings.Contains(hist, "向遗属手工发放 "+owed+" 元") || !strings.Contains(hist, "尚未发放 0.00 元") {
		t.Errorf("history of %s owed to the heirs:\n%s", owed, hist)
	}
}
