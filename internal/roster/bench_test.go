package roster

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// benchRows is the number of data rows of the benchmark roster: a street of
// a few thousand people, large enough that reading the sheet dominates
// opening the workbook.
const benchRows = 5000

// writeBenchRoster writes a roster of rows people with excelize's
// StreamWriter, as street offices' exporting tools do: a merged title, the
// standard header, 序号 as number cells, IDs and account numbers as text,
// the 街道 column merged over blocks of 200 rows and every 50th 低保类别
// merged over a two-person household, and a 合计 row.
func writeBenchRoster(tb testing.TB, path string, rows int) {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	must := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(sw.SetRow("A1", []any{"东街街道2026年11月老年人补贴花名册"}))
	must(sw.MergeCell("A1", "P1"))
	must(sw.SetRow("A2", []any{"填报单位：东街街道"}))
	must(sw.SetRow("A3", header))
	for i := 0; i < rows; i++ {
		n := 4 + i
		// Valid IDs born 1930..1959, all different.
		id := withCheck(fmt.Sprintf("140502%04d%02d%02d%03d", 1930+i%30, 1+i%12, 1+i%28, i%1000))
		r := make([]any, len(header))
		r[0] = i + 1
		if i%200 == 0 {
			r[1] = "东街街道"
		}
		r[2], r[3], r[4] = "景德社区", fmt.Sprintf("姓名%d", i), id
		if i%50 == 0 {
			r[6] = "城市低保"
		} else if i%7 == 0 {
			r[6] = "农村低保"
		}
		r[9] = "自理"
		r[12] = fmt.Sprintf("%010d", 3500000000+i)
		r[13] = fmt.Sprintf("621700000%010d", i)
		must(sw.SetRow(fmt.Sprintf("A%d", n), r))
	}
	last := 3 + rows
	for top := 4; top <= last; top += 200 {
		must(sw.MergeCell(fmt.Sprintf("B%d", top), fmt.Sprintf("B%d", min(top+199, last))))
	}
	for top := 4; top+1 <= last; top += 50 {
		must(sw.MergeCell(fmt.Sprintf("G%d", top), fmt.Sprintf("G%d", top+1)))
	}
	must(sw.SetRow(fmt.Sprintf("A%d", last+1), []any{"合计", "", "", fmt.Sprintf("%d人", rows)}))
	must(sw.Flush())
	must(f.SaveAs(path))
}

// BenchmarkReadFile reads one generated street roster of benchRows people.
func BenchmarkReadFile(b *testing.B) {
	p := filepath.Join(b.TempDir(), "bench.xlsx")
	writeBenchRoster(b, p, benchRows)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		wb, err := ReadFile(p, "bench.xlsx", nov, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(wb.Entries) != benchRows {
			b.Fatalf("%d entries", len(wb.Entries))
		}
	}
}
