package roster

import (
	"fmt"
	"strings"
	"testing"

	"disburse/internal/domain"
)

// The people right under a row that heads them as people to stop paying
// (以下为停发人员), at the foot of the table or after its 合计, are held
// (section_stop_list), up to the first gap; under a heading of the dead
// only a row without a 死亡日期 is (section_dead_list: the date decides,
// once given), and the heading's notice names the dated rows too, paid to
// their death; a note about someone heads nothing.
// The heading's notice names the rows it held.
func TestStopSectionHeld(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", nil), // 4
		{"合计", "", "", "1人"},                    // 5
		{"以下为停发人员"},                             // 6
		row(2, "乙二", "140502194702024808", nil), // 7: held
		row(3, "丙三", "140502194611306543", nil), // 8: held
		{}, // 9
		row(4, "丁四", "140502194703050012", nil), // 10: after the gap, paid
		{"以下人员已去世"},                             // 11
		row(5, "戊五", withCheck("14050219420420000"), map[string]any{"死亡日期": "2026/11/5"}), // 12: paid through November
		row(6, "己六", withCheck("14050219420420001"), nil),                                 // 13: held, no date
		{"3号王秀英已死亡"},                                      // 14: a note, no heading
		row(7, "庚七", withCheck("14050219420420002"), nil), // 15: paid
	})
	wb := readAll(t, p)[0]
	got := rowCodes(wb)
	want := "4 false \n7 true section_stop_list\n8 true section_stop_list\n10 false row_after_total\n12 false row_after_total\n13 true section_dead_list\n15 false row_after_total"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var notes []string
	for _, n := range wb.Notices {
		if n.Code == "row_template" && strings.Contains(n.Message, "其下的人员") {
			notes = append(notes, n.Message[strings.Index(n.Message, "其下的人员"):])
		}
	}
	sameLines(t, "headings", notes, []string{"其下的人员据此未发放：乙二（第7行）、丙三（第8行）", "其下的人员据此未发放：己六（第13行）；其下已填死亡日期的人员按死亡日期发放（死亡当月仍发放）：戊五（第12行）"})
	for _, e := range wb.Entries {
		if e.Person.Name == "己六" {
			if f := e.Findings[len(e.Findings)-1]; f.Where.Header != FieldDeath.Header() || !strings.Contains(f.Message, "第11行「以下人员已去世」之下") {
				t.Errorf("己六: %+v", f)
			}
		}
		if e.Person.Name == "乙二" && !domain.StopCode(e.Findings[0].Code) {
			t.Errorf("乙二's hold is no stop: %+v", e.Findings)
		}
	}
}

// Blank rows between a heading and its first person do not end the
// section: the people under them were paid. A blank row after them still
// does.
func TestStopSectionAfterBlankRows(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", nil), // 4
		{"以下为停发人员"},                             // 5
		{},                                      // 6
		{"", "", ""},                            // 7
		row(2, "乙二", "140502194702024808", nil), // 8: held
		row(3, "丙三", "140502194611306543", nil), // 9: held
		{}, // 10
		row(4, "丁四", "140502194703050012", nil), // 11: paid
	})
	if got, want := rowCodes(readAll(t, p)[0]), "4 false \n8 true section_stop_list\n9 true section_stop_list\n11 false "; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A header repeated under a heading (as when the removed are pasted below
// the table with their header) is passed over: the people under it are
// the section's, with or without a blank row above the heading.
func TestStopSectionOverRepeatedHeader(t *testing.T) {
	for _, c := range []struct {
		heading string
		blank   bool
	}{{"停发人员", true}, {"停发人员", false}, {"以下为停发人员", true}, {"停发人员：", false}} {
		rows := [][]any{row(1, "甲一", "140502194204206481", nil)} // 4
		if c.blank {
			rows = append(rows, []any{})
		}
		rows = append(rows, []any{c.heading}, header,
			row(2, "乙二", "140502194702024808", nil), // held
			row(3, "丙三", "140502194611306543", nil)) // held
		p := writeRoster(t, t.TempDir(), "a.xlsx", rows)
		at := 4 + len(rows) - 2
		if got, want := rowCodes(readAll(t, p)[0]), fmt.Sprintf("4 false \n%d true section_stop_list\n%d true section_stop_list", at, at+1); got != want {
			t.Errorf("%s, blank row %v: got\n%s\nwant\n%s", c.heading, c.blank, got, want)
		}
	}
}

// A 姓名 marked as removed (已删甲, 删-乙, 丙作废, 丁 停发) is held as its
// 备注 saying so would be (remark_stop, a stop), not paid to the name with
// the mark; a plain name is paid, and so is a name of two characters one
// of them 删, which leaves no name beside the mark.
func TestRemovedNameHeld(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "已删甲", "140502194204206481", nil),
		row(2, "删-乙", "140502194702024808", nil),
		row(3, "丙作废", "140502194611306543", nil),
		row(4, "丁停发", "140502194703050012", nil),
		row(5, "戊五", withCheck("14050219420420000"), nil),
		row(6, "删丹", withCheck("14050219420420001"), nil), // a name: 丹 alone is nobody's
		row(7, "删丹丹", withCheck("14050219420420002"), nil),
	})
	var got []string
	for _, e := range readAll(t, p)[0].Entries {
		got = append(got, e.Person.Name+" "+strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code + "@" + f.Where.Column }), ","))
	}
	sameLines(t, "entries", got, []string{"已删甲 remark_stop@D", "删-乙 remark_stop@D", "丙作废 remark_stop@D", "丁停发 remark_stop@D", "戊五 ", "删丹 ", "删丹丹 remark_stop@D"})
}

// A row of no person that speaks of people stopped but heads others holds
// nobody under it: a 说明 that the removed were deleted, a heading of new
// people beside a word of the removed, of people listed elsewhere or of
// none, of people resumed or paid back. Each living senior under it was
// held a month as section_stop_list. Nor does a heading of people to stop
// reach past a heading typed in the 姓名 column.
func TestStopSectionHeadingsOfOthers(t *testing.T) {
	headings := []string{
		"说明：本月减少人员已删除，新增人员已标黄",
		"本月减少人员已删除，以下为新增人员",
		"以下为新增人员（减少人员见附表）",
		"暂停人员已另表报送",
		"本月减少人员：无",
		"以下为恢复人员（原停发）",
		"以下人员10月停发，11月恢复",
		"以下为补发人员（上月暂缓）",
		"以下为正常发放人员（停发人员已删除）",
	}
	rows := [][]any{row(1, "甲一", withCheck("14050219420420100"), nil)}
	var want []string
	for i, h := range headings {
		rows = append(rows, []any{h}, row(i+2, "乙"+strings.Repeat("二", i+1), withCheck(fmt.Sprintf("140502194204201%02d", i+1)), nil))
		want = append(want, fmt.Sprintf("%d false ", 4+2*(i+1)))
	}
	// A heading typed in the 姓名 column, read as a row without an ID, ends
	// the section above it.
	at, n := 4+len(rows), len(headings)+2 // the heading's Excel row, the next 序号
	rows = append(rows, []any{"以下为停发人员"}, row(n, "丙三", withCheck("14050219420420200"), nil),
		row(n+1, "以下为恢复发放人员", "", nil), row(n+2, "丁四", withCheck("14050219420420201"), nil))
	want = append(want, fmt.Sprintf("%d true section_stop_list", at+1), fmt.Sprintf("%d true id_missing", at+2), fmt.Sprintf("%d false ", at+3))
	// A heading of people to stop typed in the 姓名 column heads its
	// section as one in the 序号 column does: 己六 was paid.
	rows = append(rows, row(n+3, "以下为停发人员", "", nil), row(n+4, "己六", withCheck("14050219420420202"), nil))
	want = append(want, fmt.Sprintf("%d true remark_stop,id_missing", at+4), fmt.Sprintf("%d true section_stop_list", at+5))
	// One that reads as a note too (two clauses) heads it once.
	rows = append(rows, row(n+5, "以下人员已停发，已从花名册删除", "", nil), row(n+6, "庚七", withCheck("14050219420420203"), nil))
	want = append(want, fmt.Sprintf("%d true name_characters,id_missing", at+6), fmt.Sprintf("%d true section_stop_list", at+7))
	got := rowCodes(readAll(t, writeRoster(t, t.TempDir(), "a.xlsx", rows))[0])
	if want := "4 false \n" + strings.Join(want, "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, c := range []struct {
		text       string
		stop, dead bool
	}{
		{"以下为停发人员（已删除）", true, false}, {"停发人员（以下3人）", true, false}, {"删除人员：", true, false},
		{"以下人员停发，待恢复", true, false}, {"以下人员暂停发放，待核实后恢复", true, false}, {"本月减员2人如下", true, false},
		{"以下人员已去世，本月补发10月", false, true}, {"以下为本月减员（死亡2人、迁出1人）", true, true},
	} {
		if stop, dead := headsStopSection(c.text); stop != c.stop || dead != c.dead {
			t.Errorf("%s: stop %v dead %v, want %v %v", c.text, stop, dead, c.stop, c.dead)
		}
	}
}

// A heading of the dead over rows that all give their 死亡日期 holds
// nobody and says whom it headed, paid to their death: not that it named
// nobody in the workbook (请核对说的是谁), which sent a clerk hunting.
func TestDeadHeadingOverDatedRows(t *testing.T) {
	wb := readAll(t, writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", nil), // 4
		{"以下人员已去世"},                             // 5
		row(2, "鄂玉珍", withCheck("14050219420420000"), map[string]any{"死亡日期": "2026/10/15"}), // 6
		row(3, "魏长青", withCheck("14050219420420001"), map[string]any{"死亡日期": "2026/11/2"}),  // 7
	}))[0]
	told := 0
	for _, n := range wb.Notices {
		if n.Code != "row_template" {
			continue
		}
		told++
		if strings.Contains(n.Message, "请核对说的是谁") || !strings.Contains(n.Message, "其下已填死亡日期的人员按死亡日期发放（死亡当月仍发放）：鄂玉珍（第6行）、魏长青（第7行）") {
			t.Errorf("the heading's notice: %s", n.Message)
		}
	}
	if told != 1 || wb.Entries[1].Held || wb.Entries[2].Held {
		t.Errorf("%d notices of the heading, want 1; entries %+v", told, wb.Entries)
	}
}
