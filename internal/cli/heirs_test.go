package cli

import (
	"fmt"
	"path/filepath"
	"slices"
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

// paidAgain sums the yuan 补发 for months that month's run sends 贺国荣
// into a bank account, by the month each is for.
func (h *harness) paidAgain(month string, months ...string) map[string]decimal.Decimal {
	h.t.Helper()
	sent := map[string]decimal.Decimal{}
	for _, l := range h.linesOf(mustMonth(h.t, month), heGuorong) {
		if l.Unit == domain.UnitYuan && l.Account != "" && l.Corrects.Valid() && slices.Contains(months, l.Corrects.String()) {
			sent[l.Corrects.String()] = sent[l.Corrects.String()].Add(l.Amount)
		}
	}
	return sent
}

// A death that a later roster withdraws (健在) leaves the money the heirs
// were given as it was recorded: 贺国荣's October waited for an account,
// and November (a 死亡日期 of 10 November, no account) recorded it and
// November's own money for her heirs, for staff to pay by hand. December's
// row says 健在 and gives her account: both months were sent into it as
// 补发 as well, though the heirs' note had asked staff to pay them by
// hand (paid twice), and the line said only that the money had waited for
// an account. Now a notice (arrears_recorded_for_heirs) names the money
// instead, for staff to pay her by hand what was not paid; the same when
// the account comes only later, or the 健在 beyond arrears_months (where
// July, waiting and then the heirs', was sent twice: 153.34 for 76.67).
func TestMoneyRecordedForTheHeirsIsNotPaidAgainWhenTheDeathIsWithdrawn(t *testing.T) {
	heirsNotice := func(h *harness, m string) string {
		h.t.Helper()
		var msgs []string
		for _, f := range h.findings(mustMonth(h.t, m)) {
			if f.Code == "arrears_recorded_for_heirs" && f.AsWritten == heGuorong {
				msgs = append(msgs, f.Message)
			}
		}
		return strings.Join(msgs, "\n")
	}
	// start records October's money, waiting for an account, and November's
	// for the heirs (first and second, with the death on the 10th of second).
	start := func(t *testing.T, first, second string) (*harness, map[string]decimal.Decimal) {
		h := newHarness(t, "")
		h.runApproved(first, map[string]string{"O7": ""})
		h.runApproved(second, map[string]string{"P7": second + "-10", "O7": ""})
		_, heirs := h.heirsOwed(second)
		if !heirs[first].IsPositive() || !heirs[second].IsPositive() {
			t.Fatalf("%s records for the heirs %v, want %s and %s", second, heirs, first, second)
		}
		return h, heirs
	}
	t.Run("account", func(t *testing.T) {
		h, heirs := start(t, "2026-10", "2026-11")
		h.runAcceptance("2026-12", map[string]string{"Q7": "健在"})
		if sent := h.paidAgain("2026-12", "2026-10", "2026-11"); len(sent) != 0 {
			t.Errorf("December sends into her account what was recorded for her heirs by hand: %v", sent)
		}
		msg := heirsNotice(h, "2026-12")
		for _, m := range []string{"2026-10", "2026-11"} {
			if want := money.Format(heirs[m], domain.UnitYuan) + "元"; !strings.Contains(msg, mustMonth(t, m).Chinese()) || !strings.Contains(msg, want) {
				t.Errorf("no notice names %s's %s recorded for the heirs:\n%s", m, want, msg)
			}
		}
	})
	t.Run("account later", func(t *testing.T) {
		h, _ := start(t, "2026-10", "2026-11")
		h.runApproved("2026-12", map[string]string{"Q7": "健在", "O7": ""})
		h.runAcceptance("2027-01", nil)
		if sent := h.paidAgain("2027-01", "2026-10", "2026-11"); len(sent) != 0 {
			t.Errorf("January sends into her account what was recorded for her heirs by hand: %v", sent)
		}
	})
	t.Run("beyond the window", func(t *testing.T) {
		h, _ := start(t, "2026-07", "2026-08")
		for _, m := range []string{"2026-09", "2026-10", "2026-11"} {
			h.runApproved(m, map[string]string{"P7": "2026-08-10"})
		}
		h.runAcceptance("2026-12", map[string]string{"Q7": "健在"})
		if sent := h.paidAgain("2026-12", "2026-07", "2026-08"); len(sent) != 0 {
			t.Errorf("December sends into her account what was recorded for her heirs by hand: %v", sent)
		}
	})
}
