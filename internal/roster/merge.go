package roster

import (
	"github.com/xuri/excelize/v2"
)

// mergeFill knows the cells merged down over several rows of a sheet (a
// 街道 or 社区 cell merged over all its people, a 低保类别 merged over a
// household) so that every row they cover reads the value, not only the top
// one. Only the first column of a merged range is filled.
type mergeFill struct {
	byRow map[int][]mergeSpan
}

type mergeSpan struct {
	col   int // 0-based
	value string
}

func newMergeFill(f *excelize.File, sheet string) (*mergeFill, error) {
	m := &mergeFill{byRow: map[int][]mergeSpan{}}
	ranges, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	for _, mc := range ranges {
		c0, r0, err := excelize.CellNameToCoordinates(mc.GetStartAxis())
		if err != nil {
			continue
		}
		_, r1, err := excelize.CellNameToCoordinates(mc.GetEndAxis())
		if err != nil || r1 <= r0 {
			continue
		}
		v, err := f.GetCellValue(sheet, mc.GetStartAxis(), excelize.Options{RawCellValue: true})
		if err != nil || v == "" {
			continue
		}
		for row := r0 + 1; row <= r1; row++ {
			m.byRow[row] = append(m.byRow[row], mergeSpan{col: c0 - 1, value: v})
		}
	}
	return m, nil
}

// fill returns the cells of Excel row row with the values of the merged
// ranges covering them.
func (m *mergeFill) fill(cells []string, row int) []string {
	for _, s := range m.byRow[row] {
		for len(cells) <= s.col {
			cells = append(cells, "")
		}
		if cells[s.col] == "" {
			cells[s.col] = s.value
		}
	}
	return cells
}
