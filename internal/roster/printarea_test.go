package roster

import (
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// The people outside a sheet's print area are told once per sheet
// (rows_not_printed), named and by row, and paid; a print area of whole
// columns, or one over every row, tells nothing.
func TestUnprintedRowsTold(t *testing.T) {
	var rows [][]any
	for i, name := range []string{"甲一", "乙二", "丙三", "丁四", "戊五", "己六", "庚七", "辛八"} {
		rows = append(rows, row(i+1, name, withCheck("1405021942042"+string(rune('0'+i))+"000"), nil))
	}
	for _, c := range []struct{ area, want string }{
		{"Sheet1!$A$1:$P$5,Sheet1!$A$7:$P$8", "工作表「Sheet1」设置了打印区域 A1:P5,A7:P8，第6行、第9至11行的4人（丙三、己六、庚七、辛八）不在打印区域内：打印出来核对、签字的花名册上没有他们，程序照常读取、发放；请核对签字的打印件是否包括这些人员，并取消打印区域（页面布局→打印区域→取消打印区域）或把它扩大到整张表"},
		{"Sheet1!$A:$P", ""},
		{"Sheet1!$1:$11", ""},
		{"Sheet1!$1:$10", "工作表「Sheet1」设置了打印区域 1:10，第11行的1人（辛八）不在打印区域内：打印出来核对、签字的花名册上没有他们，程序照常读取、发放；请核对签字的打印件是否包括这些人员，并取消打印区域（页面布局→打印区域→取消打印区域）或把它扩大到整张表"},
	} {
		p := writeRoster(t, t.TempDir(), "a.xlsx", rows)
		wb := editAndRead(t, p, func(f *excelize.File) error {
			return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: c.area, Scope: "Sheet1"})
		})
		got := ""
		for _, n := range wb.Notices {
			if n.Code == "rows_not_printed" {
				got = n.Message
			}
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.area, got, c.want)
		}
		for _, e := range wb.Entries {
			if e.Held {
				t.Errorf("%s: %s held %v", c.area, e.Person.Name, findingsOf(e, func(f domain.Finding) string { return f.Code }))
			}
		}
	}
}
