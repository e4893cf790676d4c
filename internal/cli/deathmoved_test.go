package cli

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"disburse/internal/domain"
	"disburse/internal/roster"
)

// noticesOf returns the messages of the findings of code (notices, or
// holds of a held code) that month m's latest run gave 贺国荣.
func (h *harness) noticesOf(m, code string) []string {
	h.t.Helper()
	var out []string
	for _, f := range h.findings(mustMonth(h.t, m)) {
		if f.AsWritten == heGuorong && f.Code == code {
			out = append(out, f.Message)
		}
	}
	return out
}

// October's and November's rows give 贺国荣 a 死亡日期 of 10 November
// (after October: paid; in November: the month of death, paid into her
// account). December's row moves it to 20 October: November's money was
// paid after her death and is recovered, to the fen, once: January, with
// the date repeated or with her row deleted, recovers nothing more, and a
// rerun of December gives the same.
func TestDeathMovedEarlierRecoversTheMonthPaid(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-10", map[string]string{"P7": "2026-11-10"})
	h.runApproved("2026-11", map[string]string{"P7": "2026-11-10"})
	h.runApproved("2026-12", map[string]string{"P7": "2026-10-20"})
	recs := h.recoveries("2026-12", heGuorong)
	if len(recs) != 1 || recs[0].Corrects.String() != "2026-11" || recs[0].Benefit != "senior_allowance" || recs[0].Amount.StringFixed(2) != "76.66" || !strings.Contains(recs[0].Reason, "死亡日期2026-10-20") {
		t.Errorf("December's recoveries of 贺国荣: %+v, want November's 76.66 on 2026-10-20", recs)
	}
	if changed := h.noticesOf("2026-12", "death_date_changed"); len(changed) != 1 || !strings.Contains(changed[0], "2026-11-10") || !strings.Contains(changed[0], "本行为2026-10-20") {
		t.Errorf("December's death_date_changed: %q", changed)
	}
	if out := h.mustRun("rerun", "--month", "2026-12", "--data", h.data, "--rules", rulesDir); !strings.Contains(out, "identical") {
		t.Errorf("rerun of December:\n%s", out)
	}
	h.runAcceptance("2027-01", map[string]string{"P7": "2026-10-20"})
	if recs := h.recoveries("2027-01", heGuorong); len(recs) != 0 {
		t.Errorf("January, the date repeated, recovers again: %+v", recs)
	}
	h.runAcceptanceWithout("2027-01", "--replace")
	if recs := h.recoveries("2027-01", heGuorong); len(recs) != 0 {
		t.Errorf("January, her row deleted, recovers again: %+v", recs)
	}
}

// 贺国荣's rows give no 银行账号 and a 死亡日期 of 10 November: October's
// money waits for an account, and November, the month of death, records it
// and its own for her heirs, to be paid by hand. December's row moves the
// date to 20 September: both months began after her death. Nothing was
// sent, so nothing is recovered, but staff may have paid the heirs as
// asked, which the program cannot know: December tells each sum, naming
// the month that recorded it, for staff to check and recover by hand. It
// was said nowhere. Said once: January, repeating the date, does not say
// it again.
func TestDeathMovedEarlierTellsOfTheHeirsMoney(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-09", nil)
	h.runApproved("2026-10", map[string]string{"P7": "2026-11-10", "O7": ""})
	h.runApproved("2026-11", map[string]string{"P7": "2026-11-10", "O7": ""})
	_, heirs := h.heirsOwed("2026-11")
	if heirs["2026-10"].StringFixed(2) != "76.67" || heirs["2026-11"].StringFixed(2) != "76.66" {
		t.Fatalf("November records for the heirs %v, want October's 76.67 and November's 76.66", heirs)
	}
	h.runApproved("2026-12", map[string]string{"P7": "2026-09-20"})
	if recs := h.recoveries("2026-12", heGuorong); len(recs) != 0 {
		t.Errorf("December recovers money never sent: %+v", recs)
	}
	told := h.noticesOf("2026-12", "heirs_money_after_death")
	for _, want := range []string{"2026年11月的代发工作簿「无账号待处理」按当时的死亡日期把此人2026年10月高龄津贴76.67元记为遗属所有", "2026年11月的代发工作簿「无账号待处理」按当时的死亡日期把此人2026年11月高龄津贴76.66元记为遗属所有"} {
		if !slices.ContainsFunc(told, func(s string) bool {
			return strings.HasPrefix(s, want) && strings.Contains(s, "2026-09-20") && strings.Contains(s, "如已发给其遗属，请向其追回")
		}) {
			t.Errorf("December does not tell %q: %q", want, told)
		}
	}
	if len(told) != 2 {
		t.Errorf("December tells %d sums, want 2: %q", len(told), told)
	}
	if out := h.mustRun("rerun", "--month", "2026-12", "--data", h.data, "--rules", rulesDir); !strings.Contains(out, "identical") {
		t.Errorf("rerun of December:\n%s", out)
	}
	h.runAcceptance("2027-01", map[string]string{"P7": "2026-09-20"})
	if again := h.noticesOf("2027-01", "heirs_money_after_death"); len(again) != 0 {
		t.Errorf("January tells again: %q", again)
	}
	if recs := h.recoveries("2027-01", heGuorong); len(recs) != 0 {
		t.Errorf("January recovers: %+v", recs)
	}
	// Whatever the date, nothing recorded for her is sent into an account.
	for _, m := range []string{"2026-12", "2027-01"} {
		if slices.ContainsFunc(h.linesOf(mustMonth(t, m), heGuorong), func(l domain.Line) bool { return l.Account != "" }) {
			t.Errorf("%s sends her money into an account", m)
		}
	}
}

// October's row gives 贺国荣 a 死亡日期 of 20 October. November's row,
// held for its 低保类别, moves it to 5 December, after November: the date
// on record is November's now, December's row (repeating it, corrected)
// is paid November back as a month she lived, and nobody was told that
// the date changed: November said only death_after_month (本月照常发放, of
// a held row), and December's row agrees with the record. November's
// held row gets death_date_changed as a paid row would; December, which
// changes nothing, does not.
func TestDeathMovedAfterTheMonthOnAHeldRowIsTold(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-10", map[string]string{"P7": "2026-10-20"})
	h.runApproved("2026-11", map[string]string{"P7": "2026-12-05", "H7": "待定"})
	held, _, paid := h.person(mustMonth(t, "2026-11"), heGuorong)
	if paid || !slices.Contains(held, "value_unknown") {
		t.Fatalf("November: held %v, paid %v; want held for 待定", held, paid)
	}
	changed := h.noticesOf("2026-11", "death_date_changed")
	if len(changed) != 1 || !strings.Contains(changed[0], "2026-10的花名册") || !strings.Contains(changed[0], "死亡日期为2026-10-20，本行为2026-12-05") {
		t.Errorf("November's held row: death_date_changed %q", changed)
	}
	if got := h.columnOf("2026-11", "death_date_changed", heGuorong); len(got) != 1 || got[0] != "P 死亡日期" {
		t.Errorf("death_date_changed at %q, want P 死亡日期", got)
	}
	h.runApproved("2026-12", map[string]string{"P7": "2026-12-05"})
	if changed := h.noticesOf("2026-12", "death_date_changed"); len(changed) != 0 {
		t.Errorf("December, agreeing with November, is told the date changed: %q", changed)
	}
	if !slices.ContainsFunc(h.linesOf(mustMonth(t, "2026-12"), heGuorong), func(l domain.Line) bool { return l.Corrects.String() == "2026-11" }) {
		t.Error("December does not pay November back")
	}
}

// 贺国荣's row is held in a month she lived in (a 银行账号 of 12AB), then
// deleted (or still held), and a death list reports her death. The held month is owed to
// her estate and nothing can pay it: a notice says so, once, whether the
// list comes the month after the held one or later, after a month that
// did not list her. Before, only a death some month had recorded by the
// month right after the held one was told of: the auditor's case, a
// death first reported on a death list, left the estate's money unsaid.
func TestHeldMonthOfADeathFirstListedIsTold(t *testing.T) {
	deathList := func(h *harness, date string, keepHeld bool) {
		copyDir(t, acceptanceInbox, h.inbox)
		if keepHeld {
			setCell(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", "O7", "12AB")
		} else {
			removeRosterRow(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", 7, heGuorong)
		}
		writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"贺国荣", heGuorong, date})
	}
	for _, c := range []struct {
		name, held, listed, death string
		between                   []string // months run without her row, approved
		keepHeld                  bool     // her row still held when the list comes
	}{
		{"listed the month after", "2026-08", "2026-09", "2026-08-20", nil, false},
		{"listed two months after", "2026-06", "2026-08", "2026-07-15", []string{"2026-07"}, false},
		{"listed while her row is still held", "2026-08", "2026-09", "2026-08-20", nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, "")
			h.runApproved(c.held, map[string]string{"O7": "12AB"})
			if held, _, paid := h.person(mustMonth(t, c.held), heGuorong); paid || len(held) == 0 {
				t.Fatalf("%s: her row is not held (held %v, paid %v)", c.held, held, paid)
			}
			for _, m := range c.between {
				h.runAcceptanceWithout(m)
				h.approve(m)
			}
			deathList(h, c.death, c.keepHeld)
			// The summary counts it, and says where: told only in 提示, it
			// was easy to pass over.
			if out := h.mustRun("run", "--month", c.listed); !strings.Contains(out, "须向遗属手工补发、程序不会自动发放的月份 ") {
				t.Errorf("the summary of %s does not count the month owed to the heirs:\n%s", c.listed, out)
			}
			told := h.noticesOf(c.listed, "arrears_dead_unlisted")
			heldMonth := mustMonth(t, c.held).Chinese()
			if len(told) != 1 || !strings.Contains(told[0], heldMonth+"的行被暂缓") || !strings.Contains(told[0], "高龄津贴") ||
				c.keepHeld != strings.Contains(told[0], "本月花名册上此人的行仍被暂缓") {
				t.Fatalf("%s: %q, want one notice of %s's held row", c.listed, told, heldMonth)
			}
			// explain names it too: it has no row, and was only in 提示;
			// and, her row deleted, the death the list gave, that month
			// and the next.
			out := h.mustRun("explain", "--month", c.listed, "--id", heGuorong, "--data", h.data)
			if !strings.Contains(out, "arrears_dead_unlisted") {
				t.Errorf("explain does not tell it:\n%s", out)
			}
			if !c.keepHeld && !strings.Contains(out, "死亡名单「死亡名单.xlsx」记载此人死亡日期为"+c.death) {
				t.Errorf("explain of %s does not give the death the list gave:\n%s", c.listed, out)
			}
			if c.keepHeld && !strings.Contains(out, "此人已去世（死亡日期"+c.death+"）：更正后重新报送，死亡以前未发的月份随之补发给遗属") {
				t.Errorf("explain of %s asks to correct a dead senior's row as anyone's:\n%s", c.listed, out)
			}
			h.approve(c.listed)
			next := mustMonth(t, c.listed).Next().String()
			deathList(h, c.death, false)
			h.mustRun("run", "--month", next)
			if again := h.noticesOf(next, "arrears_dead_unlisted"); len(again) != 0 {
				t.Errorf("%s tells it again: %q", next, again)
			}
			if out := h.mustRun("explain", "--month", next, "--id", heGuorong, "--data", h.data); !strings.Contains(out, "记载此人死亡日期为"+c.death) {
				t.Errorf("explain of %s does not give the death on record:\n%s", next, out)
			}
		})
	}
}

// October's roster gives 死亡日期 ahead, inside November: 贺国荣 on
// 5 November, 顾清金 (80 on 30 November) on 10 November; November's rows
// give none. November pays 贺国荣 her month of death, telling that the date
// on record was used and that her account may be frozen, and pays 顾清金
// nothing: she died at 79. Undated, both rows were paid as if alive, and
// 顾清金's 高龄津贴 recovered the month after. A month run late takes a
// later month's date inside it alike.
func TestDeathOnRecordInsideTheMonthIsTheRows(t *testing.T) {
	const guQingjin = "140502194611306543" // row 9 of 东街's Sheet1
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", map[string]string{"P7": "2026-11-05", "P9": "2026-11-10"})
	h.runAcceptance("2026-11", nil)
	nov := mustMonth(t, "2026-11")
	if held, notice, paid := h.person(nov, heGuorong); len(held) != 0 || !paid ||
		!slices.Contains(notice, codeDeathOnRecordInMonth) || !slices.Contains(notice, "died_in_month_paid") {
		t.Errorf("贺国荣: held %v, notices %v, paid %v; want paid, told of the date on record and of her account", held, notice, paid)
	}
	if held, notice, paid := h.person(nov, guQingjin); len(held) != 0 || paid || !slices.Contains(notice, codeDeathOnRecordInMonth) {
		t.Errorf("顾清金: held %v, notices %v, paid %v; want nothing paid (79 at her death), the date on record told", held, notice, paid)
	}
	if msgs := h.noticesOf("2026-11", codeDeathOnRecordInMonth); len(msgs) != 1 || !strings.Contains(msgs[0], "2026-10的花名册") || !strings.Contains(msgs[0], "死亡日期为2026-11-05") {
		t.Errorf("贺国荣's notice: %q", msgs)
	}
	if out := h.mustRun("rerun", "--month", "2026-11", "--data", h.data, "--rules", rulesDir); !strings.Contains(out, "identical") {
		t.Errorf("rerun:\n%s", out)
	}
	// December holds her undated row, and says the date came from the
	// record, not from November's roster, which gave none.
	h.runAcceptance("2026-12", nil)
	held := h.noticesOf("2026-12", "death_on_record")
	if len(held) != 1 || !strings.Contains(held[0], "2026-11的运行按更早月份的记录（该月花名册「") {
		t.Errorf("December's hold: %q", held)
	}

	late := newHarness(t, acceptanceInbox)
	late.runAcceptance("2026-11", map[string]string{"P7": "2026-10-12"})
	late.runAcceptance("2026-10", nil)
	if held, notice, paid := late.person(mustMonth(t, "2026-10"), heGuorong); len(held) != 0 || !paid ||
		!slices.Contains(notice, codeDeathOnRecordInMonth) || !slices.Contains(notice, "died_in_month_paid") {
		t.Errorf("October run late: held %v, notices %v, paid %v; want paid by November's date inside October", held, notice, paid)
	}
}

// November, approved, gives 贺国荣 a 死亡日期 of 5 September; October, run
// late, gives 20 October on her own row. November's is the newer word:
// October holds her row instead of paying the dead (approve then asked
// for --replace, which paid her again). With November's date inside
// October (5 October), October pays her month of death by it.
func TestMonthRunLateGoesByALaterMonthsEarlierDeath(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-09", nil)
	h.runApproved("2026-11", map[string]string{"P7": "2026-09-05"})
	h.runAcceptance("2026-10", map[string]string{"P7": "2026-10-20"})
	if held, _, paid := h.person(mustMonth(t, "2026-10"), heGuorong); !slices.Equal(held, []string{"death_on_record"}) || paid {
		t.Errorf("October run late: held %v, paid %v; want death_on_record, nothing paid", held, paid)
	}
	if code, out, errs := h.main("approve", "--month", "2026-10", "--by", "王会计", "--data", h.data); strings.Contains(out+errs, "贺国荣（"+heGuorong) {
		t.Errorf("approve of October still names her (exit %d):\n%s%s", code, out, errs)
	}

	in := newHarness(t, acceptanceInbox)
	in.runApproved("2026-09", nil)
	in.runApproved("2026-11", map[string]string{"P7": "2026-10-05"})
	in.runAcceptance("2026-10", map[string]string{"P7": "2026-10-20"})
	if held, notice, paid := in.person(mustMonth(t, "2026-10"), heGuorong); len(held) != 0 || !paid || !slices.Contains(notice, "died_in_month_paid") {
		t.Errorf("October, November's date inside it: held %v, notices %v, paid %v", held, notice, paid)
	}
	if msgs := in.noticesOf("2026-10", "died_in_month_paid"); len(msgs) != 1 || !strings.Contains(msgs[0], "2026-10-05") {
		t.Errorf("died_in_month_paid: %q, want November's date 2026-10-05", msgs)
	}
}

// November's death list names 贺国荣 without a date: her row is held
// (death_list_undated). December's roster repeats her row without a date,
// and no list comes: the row is held still, naming November's list,
// until a roster gives the date or 健在, which pays it. December paid her
// before, the list not sent again.
func TestDeathListUndatedHoldsLaterRows(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-10", nil)
	copyDir(t, acceptanceInbox, h.inbox)
	writeAgencyList(t, filepath.Join(h.inbox, "2026年11月死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"贺国荣", heGuorong, ""})
	h.mustRun("run", "--month", "2026-11")
	if held, _, paid := h.person(mustMonth(t, "2026-11"), heGuorong); !slices.Contains(held, roster.CodeDeathListUndated) || paid {
		t.Fatalf("November: held %v, paid %v", held, paid)
	}
	h.approve("2026-11")
	h.runAcceptance("2026-12", nil)
	dec := mustMonth(t, "2026-12")
	if held, _, paid := h.person(dec, heGuorong); !slices.Equal(held, []string{roster.CodeDeathListUndated}) || paid {
		t.Errorf("December without the list: held %v, paid %v; want death_list_undated, nothing paid", held, paid)
	}
	h.runAcceptance("2026-12", map[string]string{"Q7": "健在"}, "--replace")
	if held, notice, paid := h.person(dec, heGuorong); len(held) != 0 || !paid || !slices.Contains(notice, domain.CodeDeathOnRecordAlive) {
		t.Errorf("December with 健在: held %v, notices %v, paid %v", held, notice, paid)
	}
	h.runAcceptance("2026-12", map[string]string{"P7": "2026-11-20"}, "--replace")
	if held, _, _ := h.person(dec, heGuorong); slices.Contains(held, roster.CodeDeathListUndated) {
		t.Errorf("December with a 死亡日期 of its own: held %v", held)
	}
}
