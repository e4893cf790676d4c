package cli

import (
	"slices"
	"strings"
	"testing"
)

// heGuorong15 is 贺国荣's ID as a first-generation 15-digit number, which a
// run converts to heGuorong (id_converted); her ID cell is F7.
const heGuorong15 = "140502420420648"

// A 下月停发 on a row whose ID is written with 15 digits stops the person
// next month as it does on an 18-digit row: the finding that announced it
// names the ID as written, and the month after must find it under the ID
// the run converted it to, or the senior is paid after staff stopped them.
func TestStopAnnouncedOnA15DigitRow(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", map[string]string{"F7": heGuorong15, "Q7": "下月停发"})
	oct := mustMonth(t, "2026-10")
	if _, notice, _ := h.person(oct, heGuorong15); !slices.Contains(notice, "remark_stop_later") || len(h.linesOf(oct, heGuorong)) == 0 {
		t.Fatalf("October: notices %v; want paid with remark_stop_later", notice)
	}
	nov := mustMonth(t, "2026-11")
	h.runAcceptance("2026-11", map[string]string{"F7": heGuorong15})
	if held, _, _ := h.person(nov, heGuorong15); !slices.Contains(held, "stop_announced") || len(h.linesOf(nov, heGuorong)) > 0 {
		t.Errorf("November, 15 digits: held %v, lines %v; want stop_announced and no line", held, h.linesOf(nov, heGuorong))
	}
	h.runAcceptance("2026-11", nil, "--replace") // the ID now written with 18
	if held, _, paid := h.person(nov, heGuorong); !slices.Contains(held, "stop_announced") || paid {
		t.Errorf("November, 18 digits: held %v, paid %v; want stop_announced and no line", held, paid)
	}
}

// A senior whose row says they moved in this month is not paid back the
// approved months before, whether the row writes the ID with 18 digits or
// with 15: the 迁入 month is found under the ID the run converted it to.
func TestMovedInOnA15DigitRowIsNotPaidBack(t *testing.T) {
	for _, id := range []string{heGuorong, heGuorong15} {
		t.Run(id, func(t *testing.T) {
			h := newHarness(t, acceptanceInbox)
			h.approvedWithout("2026-10")
			nov := mustMonth(t, "2026-11")
			h.runAcceptance("2026-11", map[string]string{"F7": id, "Q7": "2026年11月从泽州县迁入"})
			lines := h.linesOf(nov, heGuorong)
			if len(lines) == 0 {
				t.Fatal("November pays her nothing")
			}
			for _, l := range lines {
				if l.Corrects.Valid() {
					t.Errorf("补发 %s %s for %s, before the move in", l.Benefit, l.Amount, l.Corrects)
				}
			}
			if _, notice, _ := h.person(nov, heGuorong); !slices.Contains(notice, "arrears_before_move_in") { // named by the ID paid
				t.Errorf("notices %v, want arrears_before_move_in", notice)
			}

			// Held back once, October stays held back when December's row
			// no longer says when she moved in.
			h.approve("2026-11")
			dec := mustMonth(t, "2026-12")
			h.runAcceptance("2026-12", nil)
			for _, l := range h.linesOf(dec, heGuorong) {
				if l.Corrects == mustMonth(t, "2026-10") {
					t.Errorf("December: 补发 %s %s for October, before the move in", l.Benefit, l.Amount)
				}
			}
		})
	}
}

// explain of a held row whose ID is written with 15 digits, asked for by
// either form of the ID, says why the row was held.
func TestExplainSaysTheHoldOfA15DigitRow(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-11", map[string]string{"F7": heGuorong15, "Q7": "暂缓发放"})
	for _, id := range []string{heGuorong, heGuorong15} {
		out := h.mustRun("explain", "--month", "2026-11", "--id", id, "--data", h.data)
		if !strings.Contains(out, "暂缓：remark_stop") {
			t.Errorf("explain --id %s does not give the hold:\n%s", id, out)
		}
	}
}

// 健在 on a row whose ID is written with 15 digits, against a 死亡日期 an
// approved month's row gave, pays that month back as it does on an
// 18-digit row: the notice that paid the row on its 健在 names the ID as
// written, and the arrears look for it under the ID the run converted.
func TestAliveOnA15DigitRowPaysArrears(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-10", map[string]string{"P7": "2026-09-20"})
	nov := mustMonth(t, "2026-11")
	h.runAcceptance("2026-11", map[string]string{"F7": heGuorong15, "Q7": "健在"})
	if _, notice, _ := h.person(nov, heGuorong15); !slices.Contains(notice, "death_on_record_alive") {
		t.Fatalf("November: notices %v, want death_on_record_alive", notice)
	}
	var arrears []string
	for _, l := range h.linesOf(nov, heGuorong) {
		if l.Corrects.Valid() {
			arrears = append(arrears, l.Benefit+" "+l.Amount.StringFixed(2)+" "+l.Corrects.String())
		}
	}
	if !slices.Contains(arrears, "senior_allowance 76.67 2026-10") {
		t.Errorf("arrears %v, want October's 高龄津贴 76.67 paid back", arrears)
	}

	// 健在 said once stands: December's row, without it, is paid.
	dec := mustMonth(t, "2026-12")
	h.runAcceptance("2026-12", nil)
	if held, _, paid := h.person(dec, heGuorong); len(held) != 0 || !paid {
		t.Errorf("December: held %v, paid %v; want paid on November's 健在", held, paid)
	}
}
