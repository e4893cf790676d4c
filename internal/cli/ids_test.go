package cli

import (
	"path/filepath"
	"slices"
	"testing"
)

// jiangCheng15 is 姜成's ID (140502193611014538, on 东街's roster) as a
// first-generation 15-digit number.
const jiangCheng, jiangCheng15 = "140502193611014538", "140502361101453"

// A death list (police, funeral services) that gives the 15-digit form of
// someone the roster gives with 18 digits names that person: the death
// holds the roster row, as with an 18-digit list row, instead of the list
// row being set aside as unreadable while the dead is paid.
func TestDeathListWith15DigitIDStopsThePerson(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"},
		[]any{"姜成", jiangCheng15, "2026-10-03"})
	h.mustRun("run", "--month", "2026-11")
	nov := mustMonth(t, "2026-11")
	if lines := h.linesOf(nov, jiangCheng); len(lines) > 0 {
		t.Errorf("姜成, dead on the list since October, is paid %v", lines)
	}
	held, notice, _ := h.person(nov, jiangCheng15)
	if slices.Contains(held, "status_row_invalid") {
		t.Errorf("the list's row is set aside: held %v, notices %v", held, notice)
	}
}
