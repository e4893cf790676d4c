package cli

import (
	"context"
	"slices"
	"strings"
	"testing"

	"disburse/internal/domain"
)

// October's 备注 says 贺国荣's payment stops next month (下月停发), so October
// pays her with a notice. November's roster, copied forward, lists her
// with no remark: she is held (stop_announced), not paid. A November
// roster whose 备注 says 继续发放 pays her with a notice, a re-run agrees,
// and December then pays her without the remark.
func TestStopAnnouncedHoldsALaterRow(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", map[string]string{"Q7": "下月停发"})
	oct := mustMonth(t, "2026-10")
	if held, notice, paid := h.person(oct, heGuorong); len(held) != 0 || !slices.Contains(notice, "remark_stop_later") || !paid {
		t.Fatalf("October: held %v, notices %v, paid %v; want paid with remark_stop_later", held, notice, paid)
	}

	nov := mustMonth(t, "2026-11")
	h.runAcceptance("2026-11", nil)
	if held, _, paid := h.person(nov, heGuorong); !slices.Equal(held, []string{"stop_announced"}) || paid {
		t.Errorf("November without a remark: held %v, paid %v; want stop_announced and no line", held, paid)
	}
	msg := ""
	for _, f := range h.findings(nov) {
		if f.Code == "stop_announced" {
			msg = f.Message
		}
	}
	if !strings.Contains(msg, "2026-10的花名册「"+acceptanceEast+"」") || !strings.Contains(msg, "自2026-11起停发") {
		t.Errorf("stop_announced does not name the month and file that said it: %q", msg)
	}

	h.runAcceptance("2026-11", map[string]string{"Q7": "经核实，继续发放"}, "--replace")
	if held, notice, paid := h.person(nov, heGuorong); len(held) != 0 || !slices.Contains(notice, "stop_announced_resumed") || !paid {
		t.Errorf("November with 继续发放: held %v, notices %v, paid %v", held, notice, paid)
	}
	if out := h.mustRun("rerun", "--month", "2026-11", "--data", h.data, "--rules", rulesDir); !strings.Contains(out, "identical") {
		t.Errorf("rerun:\n%s", out)
	}

	h.runAcceptance("2026-12", nil)
	if held, _, paid := h.person(mustMonth(t, "2026-12"), heGuorong); len(held) != 0 || !paid {
		t.Errorf("December, after November resumed: held %v, paid %v", held, paid)
	}
}

// A stop from a month not yet reached holds nothing: October's 12月起停发
// pays November, and holds December's row.
func TestStopAnnouncedWaitsForItsMonth(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", map[string]string{"Q7": "12月起停发"})
	h.runAcceptance("2026-11", nil)
	if held, _, paid := h.person(mustMonth(t, "2026-11"), heGuorong); len(held) != 0 || !paid {
		t.Errorf("November: held %v, paid %v; want paid", held, paid)
	}
	h.runAcceptance("2026-12", nil)
	if held, _, paid := h.person(mustMonth(t, "2026-12"), heGuorong); !slices.Equal(held, []string{"stop_announced"}) || paid {
		t.Errorf("December: held %v, paid %v; want stop_announced", held, paid)
	}

	// November's 继续发放, before the stop begins, takes it back.
	h.runAcceptance("2026-11", map[string]string{"Q7": "继续发放"}, "--replace")
	if _, notice, _ := h.person(mustMonth(t, "2026-11"), heGuorong); !slices.Contains(notice, "stop_announced_resumed") {
		t.Errorf("November with 继续发放: notices %v, want stop_announced_resumed", notice)
	}
	h.runAcceptance("2026-12", nil, "--replace")
	if held, _, paid := h.person(mustMonth(t, "2026-12"), heGuorong); len(held) != 0 || !paid {
		t.Errorf("December after November's 继续发放: held %v, paid %v; want paid", held, paid)
	}
}

// A month held for a stop announced earlier is a month staff stopped: when
// a later 备注 resumes the payment, that month is not paid back by itself
// (arrears_after_stop), as for a row held for 停发 in its own 备注.
func TestStopAnnouncedMonthIsNotPaidBack(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-09", map[string]string{"Q7": "下月停发"})
	h.runAcceptance("2026-10", nil)
	if held, _, _ := h.person(mustMonth(t, "2026-10"), heGuorong); !slices.Equal(held, []string{"stop_announced"}) {
		t.Fatalf("October: held %v, want stop_announced", held)
	}
	h.approve("2026-10")

	h.runAcceptance("2026-11", map[string]string{"Q7": "继续发放"})
	nov := mustMonth(t, "2026-11")
	if held, notice, paid := h.person(nov, heGuorong); len(held) != 0 || !slices.Contains(notice, "stop_announced_resumed") || !slices.Contains(notice, "arrears_after_stop") || !paid {
		t.Errorf("November: held %v, notices %v, paid %v; want paid with stop_announced_resumed and arrears_after_stop", held, notice, paid)
	}
	run, _, _ := h.db().LatestRun(context.Background(), nov)
	lines, _ := h.db().Lines(context.Background(), run.ID)
	for _, l := range lines {
		if l.PersonID == heGuorong && l.Corrects.Valid() {
			t.Errorf("October paid back: %+v", l)
		}
	}
}

// A stop from a later month on a row held for something else (低保类别
// 待定) is remembered: December, the row corrected and the remark gone,
// holds it. A remark copied forward unchanged holds it too, and its own
// notice no longer says it is paid this month.
func TestStopAnnouncedOnAHeldRow(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-11", map[string]string{"H7": "待定", "Q7": "下月停发"})
	if held, notice, _ := h.person(mustMonth(t, "2026-11"), heGuorong); !slices.Contains(held, "value_unknown") || !slices.Contains(notice, "remark_stop_later") {
		t.Fatalf("November: held %v, notices %v; want value_unknown and remark_stop_later", held, notice)
	}
	h.runAcceptance("2026-12", nil)
	dec := mustMonth(t, "2026-12")
	if held, _, paid := h.person(dec, heGuorong); !slices.Equal(held, []string{"stop_announced"}) || paid {
		t.Errorf("December: held %v, paid %v; want stop_announced", held, paid)
	}
	h.runAcceptance("2026-12", map[string]string{"Q7": "下月停发"}, "--replace")
	for _, f := range h.findings(dec) {
		if f.AsWritten == heGuorong && f.Code == "remark_stop_later" && strings.Contains(f.Message, "本月照常发放") {
			t.Errorf("a held row's notice says it is paid: %s", f.Message)
		}
	}
}

// Removed from December's roster as October's 12月起停发 asked, 贺国荣 is
// stopped as announced, not 待核实, in the run's change lists and in those
// the changes command rebuilds.
func TestStopAnnouncedIsNotMissing(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", map[string]string{"Q7": "12月起停发"})
	h.runAcceptance("2026-11", nil)
	out := h.runAcceptanceWithout("2026-12")
	got := h.changeRows("2026-12", heGuorong, "")
	if strings.Contains(got, "missing") || !strings.Contains(got, "2026-10的花名册「"+acceptanceEast+"」备注此人自2026-12起停发") {
		t.Errorf("December's changes of %s:\n%s", heGuorong, got)
	}
	if strings.Contains(out, "待核实 1 人") {
		t.Errorf("the run counts her as 待核实:\n%s", out)
	}
}

// A resumption from a later month: October stops 贺国荣 from November
// (下月停发); November's 备注 says 12月恢复发放, so November is held and
// December, with a plain row, is paid. A remark 12月恢复发放 alone also
// holds the month it is written in.
func TestResumeFromALaterMonth(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", map[string]string{"Q7": "下月停发"})
	h.runAcceptance("2026-11", map[string]string{"Q7": "12月恢复发放"})
	if held, notice, paid := h.person(mustMonth(t, "2026-11"), heGuorong); len(held) == 0 || paid || !slices.Contains(notice, "remark_resume_later") {
		t.Errorf("November: held %v, notices %v, paid %v; want held with remark_resume_later", held, notice, paid)
	}
	h.runAcceptance("2026-12", nil)
	if held, _, paid := h.person(mustMonth(t, "2026-12"), heGuorong); len(held) != 0 || !paid {
		t.Errorf("December: held %v, paid %v; want paid, as November said", held, paid)
	}
}

// September's 下月停发 stops 贺国荣 from October; October's roster does not
// list her; November's 继续发放 resumes. December, with everything
// approved, pays October back no more than November did: a month staff
// stopped.
func TestStoppedMonthNotPaidBackAfterResumption(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	approve := func(m string) {
		h.approve(m)
	}
	h.runAcceptance("2026-09", map[string]string{"Q7": "下月停发"})
	approve("2026-09")
	h.runAcceptanceWithout("2026-10")
	approve("2026-10")
	h.runAcceptance("2026-11", map[string]string{"Q7": "继续发放"})
	approve("2026-11")
	h.runAcceptance("2026-12", nil)
	for _, m := range []string{"2026-11", "2026-12"} {
		run, _, _ := h.db().LatestRun(context.Background(), mustMonth(t, m))
		lines, _ := h.db().Lines(context.Background(), run.ID)
		for _, l := range lines {
			if l.PersonID == heGuorong && l.Corrects.String() == "2026-10" {
				t.Errorf("%s pays October back: %+v", m, l)
			}
		}
	}
}

// October's row of 贺国荣 is held for its 银行账号 and its 备注 says 停发
// (or 已迁出本区, or 已故 without a date); November's row, corrected and
// without it, is paid, and October is not paid back: staff stopped it
// (arrears_after_stop). October's 异常清单 tells staff so at the 备注. It
// was paid back as if only the account had held it.
func TestStopOnAHeldRowIsNotPaidBack(t *testing.T) {
	for remark, code := range map[string]string{"停发": "remark_stop", "已迁出本区": "remark_stop", "已故": "remark_death"} {
		t.Run(remark, func(t *testing.T) {
			h := newHarness(t, acceptanceInbox)
			h.runApproved("2026-10", map[string]string{"O7": "0", "Q7": remark})
			if held, _, paid := h.person(mustMonth(t, "2026-10"), heGuorong); paid || !slices.Equal(held, []string{"account_implausible", code}) {
				t.Fatalf("October: held %v, paid %v; want account_implausible and %s", held, paid, code)
			}
			if got := h.exceptionsColumn("2026-10", code); len(got) != 1 || got[0] != "Q 备注" {
				t.Errorf("异常清单 of October: %s at %q, want Q 备注", code, got)
			}
			h.runAcceptance("2026-11", nil)
			for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
				if l.Corrects.Valid() {
					t.Errorf("November pays October back: %s %s %s", l.Benefit, l.Corrects, l.Amount.StringFixed(2))
				}
			}
			if _, notice, paid := h.person(mustMonth(t, "2026-11"), heGuorong); !paid || !slices.Contains(notice, "arrears_after_stop") {
				t.Errorf("November: notices %v, paid %v; want paid with arrears_after_stop", notice, paid)
			}
		})
	}
}

// October's row of 贺国荣 is held for its 银行账号 and its 备注 says why,
// as staff write it (暂不发放; 本月不发待核实; 账号有误，本月不发; 本月停发，
// 下月补发): November's row, corrected, pays October back. Each was read as
// a stop (remark_stop), and October was withheld for good
// (arrears_after_stop).
func TestPauseOnAHeldRowIsPaidBack(t *testing.T) {
	for _, remark := range []string{"暂不发放", "本月不发待核实", "账号有误，本月不发", "本月停发，下月补发"} {
		t.Run(remark, func(t *testing.T) {
			h := newHarness(t, acceptanceInbox)
			h.runApproved("2026-10", map[string]string{"O7": "6217abc", "Q7": remark})
			if held, _, _ := h.person(mustMonth(t, "2026-10"), heGuorong); !slices.Equal(held, []string{"value_unknown"}) {
				t.Errorf("October: held %v, want value_unknown alone", held)
			}
			h.runAcceptance("2026-11", nil)
			var back []string
			for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
				if l.Corrects.Valid() {
					back = append(back, l.Benefit+" "+l.Corrects.String()+" "+l.Amount.StringFixed(2))
				}
			}
			if _, notice, _ := h.person(mustMonth(t, "2026-11"), heGuorong); slices.Contains(notice, "arrears_after_stop") || !slices.Equal(back, []string{"senior_allowance 2026-10 76.67"}) {
				t.Errorf("November: notices %v, paid back %v; want October's 高龄津贴 paid back", notice, back)
			}
		})
	}
}

// September's 下月停发 stops 贺国荣 from October; October's row, held for
// its 银行账号, says 恢复发放. That is staff's word as on a row paid: October
// records the resumption, so November's row, corrected and without a
// remark, is paid and pays October back. October's 恢复发放 went unread:
// November held her again (stop_announced), and October was withheld as a
// month stopped, its notice saying no roster listed her.
func TestResumeOnAHeldRow(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-09", map[string]string{"Q7": "下月停发"})
	h.runApproved("2026-10", map[string]string{"O7": "0", "Q7": "恢复发放"})
	if held, notice, _ := h.person(mustMonth(t, "2026-10"), heGuorong); !slices.Equal(held, []string{"account_implausible"}) || !slices.Contains(notice, codeStopResumed) {
		t.Fatalf("October: held %v, notices %v; want account_implausible and %s", held, notice, codeStopResumed)
	}
	h.runAcceptance("2026-11", nil)
	held, notice, paid := h.person(mustMonth(t, "2026-11"), heGuorong)
	var back []string
	for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
		if l.Corrects.Valid() {
			back = append(back, l.Benefit+" "+l.Corrects.String()+" "+l.Amount.StringFixed(2))
		}
	}
	if len(held) > 0 || !paid || slices.Contains(notice, "arrears_after_stop") || !slices.Equal(back, []string{"senior_allowance 2026-10 76.67"}) {
		t.Errorf("November: held %v, notices %v, paid %v, paid back %v; want paid with October's 高龄津贴 paid back", held, notice, paid, back)
	}
}

// October's row of 贺国荣 says 已去世 without a date, as the row's message
// then asks, November's gives the date: October, the month of her death,
// is owed (a death inside a month pays it), and paid back as for a death
// given in October; a date before October owes nothing for it.
func TestDeathRemarkThenTheDateOwesTheMonthOfDeath(t *testing.T) {
	oct := mustMonth(t, "2026-10")
	for date, owed := range map[string]bool{"2026-10-20": true, "2026-09-15": false} {
		h := newHarness(t, "")
		h.runApproved("2026-10", map[string]string{"Q7": "已去世"})
		h.runAcceptance("2026-11", map[string]string{"P7": date})
		var back []string
		for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
			if l.Corrects == oct {
				back = append(back, l.Benefit+" "+l.Amount.StringFixed(2))
			}
		}
		if owed != (len(back) > 0) {
			t.Errorf("death on %s, given in November after October's 已去世: October paid back %v, want it owed: %v", date, back, owed)
		}
		stopped := slices.ContainsFunc(h.findings(mustMonth(t, "2026-11")), func(f domain.Finding) bool {
			return f.Code == "arrears_after_stop" && f.AsWritten == heGuorong
		})
		if stopped && owed {
			t.Errorf("death on %s: October withheld as stopped (arrears_after_stop)", date)
		}
	}
}

// October's row of 贺国荣 gives her 死亡日期 in October and a bare 停发 in
// 备注, as staff write when a senior dies: the stop is the death's, and
// October, the month of death, is paid (a death inside a month pays it),
// as it is when the 备注 says 已故，停发. A stop with a reason of its own
// (已迁出本区) or about the money sent back (补贴退回) beside the date still holds.
func TestBareStopBesideADeathDateIsTheDeaths(t *testing.T) {
	oct := mustMonth(t, "2026-10")
	for remark, paid := range map[string]bool{"停发": true, "本月起停发": true, "已故，停发": true, "已迁出本区": false, "补贴退回": false} {
		h := newHarness(t, "")
		h.runAcceptance("2026-10", map[string]string{"P7": "2026-10-20", "Q7": remark})
		if got := len(h.linesOf(oct, heGuorong)) > 0; got != paid {
			t.Errorf("死亡日期 2026-10-20 and 备注 %s: October paid %v, want %v", remark, got, paid)
		}
		// A bare stop read as the death's is told; one said with the death
		// needs no word.
		told := slices.ContainsFunc(h.findings(oct), func(f domain.Finding) bool { return f.Code == "remark_stop_death" && f.AsWritten == heGuorong })
		if told != (paid && !strings.Contains(remark, "故")) {
			t.Errorf("死亡日期 2026-10-20 and 备注 %s: remark_stop_death given %v", remark, told)
		}
	}
}
