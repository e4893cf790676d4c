package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"disburse/internal/report"
)

// exceptionsColumn returns, for each row of the 异常清单 and 提示 sheets
// of month m's 异常清单.xlsx whose code is code, its 列 cell.
func (h *harness) exceptionsColumn(m, code string) []string {
	h.t.Helper()
	dump, err := report.Dump(filepath.Join(h.data, "out", m, exceptionsFile))
	if err != nil {
		h.t.Fatal(err)
	}
	var cols []string
	for _, line := range strings.Split(dump, "\n") {
		if cells := strings.Split(line, "\t"); len(cells) > 7 && cells[7] == code {
			cols = append(cols, cells[4])
		}
	}
	return cols
}

// A row after the 合计 row, and a copy of a row paid once, are about the
// whole row: the 列 of 异常清单.xlsx says so (整行) rather than stay
// empty, as README promises a column for every row listed.
func TestWholeRowFindingsSayWholeRow(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	east := filepath.Join(h.inbox, "2026年11月_东街街道_老年人补贴花名册.xlsx")
	setCell(t, east, "Sheet1", "D67", "钟娥琴")
	setCell(t, east, "Sheet1", "F67", "11010519491231002X") // below the 合计 of row 66
	h.mustRun("run", "--month", "2026-11")
	for _, code := range []string{"row_after_total", "duplicate_identical"} {
		got := h.exceptionsColumn("2026-11", code)
		if len(got) == 0 {
			t.Errorf("%s: not listed", code)
		}
		for _, c := range got {
			if c != "整行" {
				t.Errorf("%s: 列 %q, want 整行", code, c)
			}
		}
	}
}

// stop_announced is held at the row's 备注: the column where 继续发放 is
// to be written, or the stop confirmed by deleting the row; the notice of
// a row paid on its 继续发放 is placed there too.
func TestStopAnnouncedNamesTheRemarkColumn(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", map[string]string{"Q7": "下月停发"})
	h.runAcceptance("2026-11", nil)
	n := 0
	for _, f := range h.findings(mustMonth(t, "2026-11")) {
		if f.Code == "stop_announced" {
			n++
			if f.Where.Column != "Q" || f.Where.Header != "备注" {
				t.Errorf("stop_announced at %q %q, want Q 备注", f.Where.Column, f.Where.Header)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d stop_announced, want 1", n)
	}
	if got := h.exceptionsColumn("2026-11", "stop_announced"); len(got) != 1 || got[0] != "Q 备注" {
		t.Errorf("异常清单 列 of stop_announced: %q, want Q 备注", got)
	}
	h.runAcceptance("2026-11", map[string]string{"Q7": "继续发放"}, "--replace")
	if got := h.columnOf("2026-11", "stop_announced_resumed", heGuorong); len(got) != 1 || got[0] != "Q 备注" {
		t.Errorf("stop_announced_resumed: at %q, want Q 备注", got)
	}
}

// columnOf returns "Q 备注", the 列 of 异常清单 (column and header) of the
// findings of month m's latest run with code about id, one per finding.
func (h *harness) columnOf(m, code, id string) []string {
	h.t.Helper()
	var got []string
	for _, f := range h.findings(mustMonth(h.t, m)) {
		if f.Code == code && f.AsWritten == id {
			got = append(got, f.Where.Column+" "+f.Where.Header)
		}
	}
	return got
}

// The checks against what other months recorded name the cell they are
// about, not just the row: a 死亡日期 on record that the row lacks or
// gives otherwise at 死亡日期, a 健在 against it at 备注, an account
// confirmed at 银行账号 (where account_changed_hands held it).
func TestRecordChecksNameTheirColumn(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", map[string]string{"P7": "2026-09-20"})
	for _, c := range []struct {
		cells      map[string]string
		code, want string
	}{
		{nil, "death_on_record", "P 死亡日期"},
		{map[string]string{"Q7": "健在"}, "death_on_record_alive", "Q 备注"},
		{map[string]string{"P7": "2026-11-03"}, "death_date_changed", "P 死亡日期"},
	} {
		h.runAcceptance("2026-11", c.cells, "--replace")
		if got := h.columnOf("2026-11", c.code, heGuorong); len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: at %q, want %s", c.code, got, c.want)
		}
	}

	h = accountReused(t)
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	setCell(t, filepath.Join(h.inbox, novEast), "Sheet1", "Q10", "账号已核实")
	h.mustRun("run", "--month", "2026-11", "--replace")
	if got := h.columnOf("2026-11", "account_confirmed", chen); len(got) != 1 || got[0] != "O 银行账号" {
		t.Errorf("account_confirmed: at %q, want O 银行账号", got)
	}
}
