package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// 董建清 turns 60 on 1 November 2026 (东街 row 754 of the acceptance
// inbox, 银行账号 in column O); 苏山 (西街) turns 60 on 26 November.
const dongJianqing, suShan = "140502196611011189", "140502196611269403"

// heldAccount is 董建清's 银行账号 with the letter O for a 0: it holds the row.
var heldAccount = map[string]string{"O754": "6217O95278622558675"}

// scenicRows returns the rows of month m's 景区和公共文化场馆优待 list
// (区发改局.xlsx) that name id, each joined by spaces, and the sheet's
// second row (制表单位, run and state); none when the workbook is not
// written.
func (h *harness) scenicRows(m, id string) (rows []string, runLine string) {
	h.t.Helper()
	path := filepath.Join(h.data, "out", m, "区发改局.xlsx")
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil, ""
	}
	sheet := allCells(h.t, path)["景区和公共文化场馆优待"]
	for _, r := range sheet {
		if slices.Contains(r, id) {
			rows = append(rows, strings.Join(r, " "))
		}
	}
	if len(sheet) > 1 {
		runLine = strings.Join(sheet[1], " ")
	}
	return rows, runLine
}

// A senior held in the approved month they turn 60 is on no list then; the
// next month, their row corrected, lists them as caught up (补列), once:
// the approved workbooks say the same, and the month after does not list
// them again. Someone listed in their birthday month is not listed again.
func TestServiceListCatchesUpAHeldBirthday(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-11", heldAccount)
	if held, _, _ := h.person(mustMonth(t, "2026-11"), dongJianqing); len(held) == 0 {
		t.Fatal("董建清's row was not held in November")
	}
	if rows, _ := h.scenicRows("2026-11", dongJianqing); len(rows) != 0 {
		t.Errorf("November lists 董建清, held: %v", rows)
	}
	if rows, _ := h.scenicRows("2026-11", suShan); len(rows) != 1 {
		t.Fatalf("November lists 苏山 %d times", len(rows))
	}
	const label = "补列：2026年11月年满60周岁（当月暂缓）"
	h.runAcceptance("2026-12", nil)
	for _, when := range []string{"draft", "approved"} {
		rows, _ := h.scenicRows("2026-12", dongJianqing)
		if len(rows) != 1 || !strings.Contains(rows[0], label) {
			t.Errorf("December (%s) lists 董建清 as %v, want once as %s", when, rows, label)
		}
		if rows, _ := h.scenicRows("2026-12", suShan); len(rows) != 0 {
			t.Errorf("December (%s) lists 苏山 again: %v", when, rows)
		}
		sum := allCells(t, filepath.Join(h.data, "out", "2026-12", "区发改局.xlsx"))["汇总"]
		if !slices.ContainsFunc(sum, func(r []string) bool { return len(r) == 4 && r[2] == label && r[3] == "1" }) {
			t.Errorf("December (%s) 汇总 does not count the catch-up: %v", when, sum)
		}
		if when == "draft" {
			h.approve("2026-12")
		}
	}
	h.runAcceptance("2027-01", nil)
	if rows, _ := h.scenicRows("2027-01", dongJianqing); len(rows) != 0 {
		t.Errorf("January lists 董建清 again: %v", rows)
	}
}

// A month run while the birthday month was still a draft does not catch
// up: its workbooks rebuilt after that month's approval (a restart) list
// what the run listed; run again (--replace), it catches up.
func TestServiceListCatchUpAsTheRunSawIt(t *testing.T) {
	h := newHarness(t, "")
	h.runAcceptance("2026-11", heldAccount)
	h.runAcceptance("2026-12", nil)
	if rows, _ := h.scenicRows("2026-12", dongJianqing); len(rows) != 0 {
		t.Errorf("December lists 董建清 from a draft November: %v", rows)
	}
	h.approve("2026-11")
	if err := os.Remove(filepath.Join(h.data, "out", "2026-12", exceptionsFile)); err != nil {
		t.Fatal(err)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	if code, _, errs := h.main("run", "--month", "2026-12"); !strings.Contains(errs, "已补完 2026-12") {
		t.Fatalf("December's workbooks not rebuilt: exit %d\n%s", code, errs)
	}
	if rows, _ := h.scenicRows("2026-12", dongJianqing); len(rows) != 0 {
		t.Errorf("December rebuilt lists 董建清, which its run did not: %v", rows)
	}
	h.runAcceptance("2026-12", nil, "--replace")
	if rows, _ := h.scenicRows("2026-12", dongJianqing); len(rows) != 1 || !strings.Contains(rows[0], "补列：2026年11月") {
		t.Errorf("December run again lists 董建清 as %v", rows)
	}
}

// The service workbooks and sheets say the run and its state, as the
// benefit sheets do: 草稿（未审批） until approval, then who approved.
func TestServiceSheetsSayTheRun(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	out := filepath.Join(h.data, "out", "2026-11")
	check := func(state string) {
		t.Helper()
		for file, sheets := range map[string][]string{"区发改局.xlsx": {"汇总", "景区和公共文化场馆优待"}, "区融媒体中心.xlsx": {"汇总", "有线电视费用减免"}, "区民政局.xlsx": {"老年人能力评估"}} {
			cells := allCells(t, filepath.Join(out, file))
			for _, s := range sheets {
				rows := cells[s]
				if len(rows) < 3 || !strings.HasPrefix(strings.Join(rows[1], " "), "制表单位："+strings.TrimSuffix(file, ".xlsx")) || !strings.Contains(strings.Join(rows[1], " "), "运行编号 1  "+state) {
					t.Errorf("%s %s second row: %q, want 制表单位 and 运行编号 1  %s", file, s, rows[1:2], state)
				}
			}
		}
	}
	check("草稿（未审批）")
	h.approve("2026-11")
	check("已审批：王会计")
}
