package cli

import (
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// removeRosterRow deletes row (1-based) of sheet in the workbook at path,
// after checking that its 公民身份号码 (column F) is id.
func removeRosterRow(t *testing.T, path, sheet string, row int, id string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue(sheet, "F"+strconv.Itoa(row)); v != id {
		t.Fatalf("row %d holds %q, not %s", row, v, id)
	}
	if err := f.RemoveRow(sheet, row); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// 贺国荣, paid in September, is left off October's rosters and November's:
// October lists her as 待核实, and so does November, saying since when,
// rather than forgetting her after one month. December's roster lists her
// again, and she is no longer asked about.
func TestUnlistedAskedAgain(t *testing.T) {
	const id = heGuorong
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-09")
	missing := func(m string) string { return h.changeRows(m, id, "missing") }
	for _, m := range []string{"2026-10", "2026-11"} {
		h.runAcceptanceWithout(m, "--replace")
	}
	if got := missing("2026-10"); got == "" || strings.Contains(got, "已连续") {
		t.Errorf("October's 待核实 of %s: %q, want her, missing since last month", id, got)
	}
	if got := missing("2026-11"); !strings.Contains(got, "最后一次发放为2026年9月，已连续2个月") {
		t.Errorf("November's 待核实 of %s: %q, want her again, last paid in September", id, got)
	}
	_, text, _ := h.main("changes", "--month", "2026-11", "--data", h.data)
	if !strings.Contains(text, "贺国荣 "+id+" 东街街道 景德社区：最后一次发放为2026年9月") {
		t.Errorf("changes does not list her with the month last paid:\n%s", text)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	h.mustRun("run", "--month", "2026-12")
	if got := missing("2026-12"); got != "" {
		t.Errorf("December lists her, yet its roster has her: %q", got)
	}
}

// 贺国荣 is held in October (低保类别 待定) and on no roster from November:
// she is 待核实 in November, naming the hold, and again in December, not
// left unasked about because October paid her nothing.
func TestHeldThenGoneIsAskedAbout(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", map[string]string{"H7": "待定"})
	for _, m := range []string{"2026-11", "2026-12"} {
		h.runAcceptanceWithout(m)
	}
	for m, want := range map[string]string{
		"2026-11": "上月列入花名册但被暂缓（value_unknown），本月各花名册均未列入",
		"2026-12": "2026年10月列入花名册但被暂缓（value_unknown），此后已连续2个月各花名册均未列入",
	} {
		if got := h.changeRows(m, heGuorong, "missing"); !strings.Contains(got, want) {
			t.Errorf("%s's 待核实 of %s: %q, want %q", m, heGuorong, got, want)
		}
	}
}

// October's roster gives 贺国荣 a 死亡日期 of 5 December, ahead; November
// lists her without it; December's does not list her: she is stopped as
// recorded dead, not 待核实 ("无死亡记录").
func TestDeathOnRecordIsNotMissing(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", map[string]string{"P7": "2026-12-05"})
	h.runAcceptance("2026-11", nil)
	h.runAcceptanceWithout("2026-12")
	got := h.changeRows("2026-12", heGuorong, "")
	if strings.Contains(got, "missing") || !strings.Contains(got, "记载死亡日期2026-12-05，本月各花名册均未列入") {
		t.Errorf("December's changes of %s:\n%s", heGuorong, got)
	}
}

// September is run, October never is, and November's rosters leave
// 贺国荣 out: November compares with September, the latest month recorded,
// so she is 待核实, not forgotten across the gap. The run and approve both
// warn that October has no record.
func TestUnlistedAcrossAMonthNeverRun(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-09")
	h.approve("2026-09")
	out := h.runAcceptanceWithout("2026-11")
	if !strings.Contains(out, "！！上月（2026-10）没有发放记录") || !strings.Contains(out, "与有记录的最近月份 2026-09 比较") {
		t.Errorf("November's run does not warn of October:\n%s", out)
	}
	if got := h.changeRows("2026-11", heGuorong, "missing"); !strings.Contains(got, "最后一次发放为2026年9月") {
		t.Errorf("November's 待核实 of %s: %q, want her, last paid in September", heGuorong, got)
	}
	code, text, _ := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	if code != ExitFailure || !strings.Contains(text, "！！上月（2026-10）没有发放记录") {
		t.Errorf("approve of November after a month never run: exit %d\n%s", code, text)
	}
}
