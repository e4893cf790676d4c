package report

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"disburse/internal/domain"
)

// BenchmarkWriteDepartment writes a department workbook of 10,000 高龄津贴
// lines over 8 streets: the benefit sheet, the 汇总 and the zip. Per op is
// per workbook; divide by 10,000 for a line.
func BenchmarkWriteDepartment(b *testing.B) {
	const n = 10000
	lines := make([]*domain.Line, n)
	for i := range lines {
		lines[i] = line("senior_allowance", domain.UnitYuan, fmt.Sprintf("第%d街道", i%8), "景德社区", "测试",
			fmt.Sprintf("1405021940%08d", i), "80-89周岁", "76.66", "6217000000000000001")
	}
	d := Department{Region: "晋城市城区", Name: "区民政局", Month: domain.Month{Year: 2026, Month: time.November}, RunID: 1,
		RulesHash: "0123456789abcdef", Benefits: []Benefit{{Code: "senior_allowance", Name: "高龄津贴", Unit: domain.UnitYuan, Lines: lines}}}
	path := filepath.Join(b.TempDir(), "区民政局.xlsx")
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteDepartment(path, d); err != nil {
			b.Fatal(err)
		}
	}
}
