package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/report"
)

// An ID typed into a number cell is held (id_numeric), and 异常清单 shows it
// by the digits the cell still holds, not in exponent form (the acceptance
// month's 郭秋学, 1.40502195711201E+17) nor with zeros for its lost last
// digits (赵清, set here as a number).
func TestNumericIDShownByItsDigits(t *testing.T) {
	const east = "2026年11月_东街街道_老年人补贴花名册.xlsx" // 赵清 140502195202136189, row 6
	h := newHarness(t, acceptanceInbox)
	path := filepath.Join(h.inbox, east)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("Sheet1", "F6", 140502195202136189.0); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	h.mustRun("run", "--month", "2026-11")
	exceptions, err := report.Dump(filepath.Join(h.data, "out", "2026-11", exceptionsFile))
	if err != nil {
		t.Fatal(err)
	}
	if want := "\t郭秋学\t140502195711201???\tid_numeric\t"; !strings.Contains(exceptions, want) {
		t.Errorf("异常清单 lacks %q", want)
	}
	var row string
	for _, l := range strings.Split(exceptions, "\n") {
		if strings.Contains(l, "\t6\t") && strings.Contains(l, "id_numeric") {
			row = l
		}
	}
	if !strings.Contains(row, "\t赵清\t140502195202136???\tid_numeric\t") || !strings.Contains(row, "末几位已丢失") {
		t.Errorf("异常清单 row of 赵清: %q\n%s", row, exceptions)
	}
}
