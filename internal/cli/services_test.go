package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

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
