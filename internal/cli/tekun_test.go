package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"disburse/internal/report"
)

// A 特困类别 of just 特困 on a 70-year-old without dibao: 农村特困 would get
// 免费用电基数 and 城市特困 would not, so nothing is paid on a guess, and
// 异常清单's 提示 tells staff to write which (tekun_unspecified).
func TestTekunUnspecifiedIsNoticed(t *testing.T) {
	const (
		east = "2026年11月_东街街道_老年人补贴花名册.xlsx"
		zhao = "140502195202136189" // 赵清, 东街 row 6
	)
	h := newHarness(t, acceptanceInbox)
	setCell(t, filepath.Join(h.inbox, east), "Sheet1", "I6", "特困")
	h.mustRun("run", "--month", "2026-11")
	_, payments, _ := h.main("payments", "--month", "2026-11", "--format", "csv")
	if strings.Contains(payments, zhao+",赵清,free_electricity") {
		t.Error("free electricity paid on a guess of 农村特困")
	}
	exceptions, err := report.Dump(filepath.Join(h.data, "out", "2026-11", exceptionsFile))
	if err != nil {
		t.Fatal(err)
	}
	if want := "\t6\tI 特困类别\t赵清\t" + zhao + "\ttekun_unspecified\t特困类别只写了「特困」或「是」，未注明城市或农村，本月未发放免费用电基数（农村特困可享受）"; !strings.Contains(exceptions, want) {
		t.Errorf("异常清单 lacks %q:\n%s", want, exceptions)
	}
}
