package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// A month held is paid back later for money (高龄津贴, arrears_months 3),
// never for the free electricity allowance (arrears_months 0): the held
// row's message says so, naming the rules file, and both halves hold true
// the month after. 贺国荣 (84, 城市低保) is held in November for a letter
// in her 户号; December, corrected, pays November's 高龄津贴 as 补发 and no
// kWh for it. A row that would not be granted the allowance (not 低保), or
// held as stopped (nothing paid back), is not told.
func TestHeldRowSaysElectricityIsNotPaidBack(t *testing.T) {
	const note = "免费用电基数暂缓的月份不补发（rules/free_electricity.yaml：arrears_months 为0，晋城市城区基本养老服务清单 第30项）"
	heldMessage := func(h *harness, m string) string {
		t.Helper()
		var msgs []string
		for _, f := range h.findings(mustMonth(t, m)) {
			if f.AsWritten == heGuorong && f.Severity == domain.Held {
				msgs = append(msgs, f.Message)
			}
		}
		if len(msgs) == 0 {
			t.Fatalf("%s: 贺国荣 not held", m)
		}
		return strings.Join(msgs, "\n")
	}
	t.Run("told, and true the month after", func(t *testing.T) {
		h := newHarness(t, acceptanceInbox)
		h.runAcceptance("2026-11", map[string]string{"H7": "城市低保", "N7": "6409592461A"})
		msg := heldMessage(h, "2026-11")
		for _, want := range []string{"户号「6409592461A」中的「A」是字母，不是数字：户号只能是数字", "本月本应享受免费用电基数15千瓦时", note, "高龄津贴在3个月内更正的，随以后月份补发"} {
			if !strings.Contains(msg, want) {
				t.Errorf("November's held message lacks %q:\n%s", want, msg)
			}
		}
		h.approve("2026-11")
		h.runAcceptance("2026-12", map[string]string{"H7": "城市低保"})
		var money, kwh int
		for _, l := range h.linesOf(mustMonth(t, "2026-12"), heGuorong) {
			if l.Corrects.Valid() && l.Corrects.String() == "2026-11" {
				switch l.Benefit {
				case "senior_allowance":
					money++
				case "free_electricity":
					kwh++
				}
			}
		}
		if money != 1 || kwh != 0 {
			t.Errorf("December pays back November: 高龄津贴 %d line(s), 免费用电基数 %d; want 1 and 0, as November's message said", money, kwh)
		}
	})
	for name, cells := range map[string]map[string]string{
		"not granted the allowance": {"N7": "6409592461A"},
		"held as stopped":           {"H7": "城市低保", "Q7": "停发"},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, acceptanceInbox)
			h.runAcceptance("2026-11", cells)
			if msg := heldMessage(h, "2026-11"); strings.Contains(msg, "不补发") {
				t.Errorf("told of what is not paid back:\n%s", msg)
			}
		})
	}
}

// A person two streets list with values that disagree is held on both
// rows, and each row is told what its own values lose for good: 毛桂英 is
// 低保边缘 on 东街's row (the first, no electricity allowance) and 城市低保 on
// 南街's, whose street reads that the 15 kWh of a month held are never paid
// back; 东街's loses nothing for good and is told nothing more. Before,
// only the first row was told, by its values.
func TestEachHeldCopyIsToldWhatItLoses(t *testing.T) {
	const maoGuiying = "140502194103035871"
	h := newHarness(t, acceptanceInbox)
	south := filepath.Join(h.inbox, "2026年11月_南街街道_老年人补贴花名册.xlsx")
	editWorkbook(t, south, func(f *excelize.File) error { // over its 合计 row
		return f.SetSheetRow("Sheet1", "A815", &[]any{900, "南街街道", "新华社区", "毛桂英", "男", maoGuiying, "19410303", "城市低保", nil, nil, "自理", "三级", "肢体", "9999999991", "6217117850255171607"})
	})
	h.mustRun("run", "--month", "2026-11")
	msgs := map[string]string{}
	for _, f := range h.findings(mustMonth(t, "2026-11")) {
		if f.AsWritten == maoGuiying && f.Severity == domain.Held && f.Code == "duplicate_conflict" {
			msgs[f.Where.File] = f.Message
		}
	}
	if len(msgs) != 2 {
		t.Fatalf("毛桂英 held on %d rows, want both: %v", len(msgs), msgs)
	}
	if m := msgs[filepath.Base(south)]; !strings.Contains(m, "按本行所填，本月本应享受免费用电基数15千瓦时") {
		t.Errorf("南街's row (城市低保) is not told the electricity allowance is lost:\n%s", m)
	}
	if m := msgs[acceptanceEast]; strings.Contains(m, "免费用电基数") { // it loses nothing for good: told nothing more
		t.Errorf("东街's row (低保边缘) is told otherwise than by its own values:\n%s", m)
	}
}
