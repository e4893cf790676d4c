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
	// across holds ranges merged across columns, by their first row: a
	// parent header such as 残疾情况 over 等级 and 类别.
	across map[int][]acrossSpan
}

type acrossSpan struct {
	from, to int // 0-based columns
	value    string
}

type mergeSpan struct {
	col   int // 0-based
	value string
}

func newMergeFill(f *excelize.File, sheet string) (*mergeFill, error) {
	m := &mergeFill{byRow: map[int][]mergeSpan{}, across: map[int][]acrossSpan{}}
	ranges, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	for _, mc := range ranges {
		c0, r0, err := excelize.CellNameToCoordinates(mc.GetStartAxis())
		if err != nil {
			continue
		}
		c1, r1, err := excelize.CellNameToCoordinates(mc.GetEndAxis())
		if err != nil {
			continue
		}
		v, err := f.GetCellValue(sheet, mc.GetStartAxis(), excelize.Options{RawCellValue: true})
		if err != nil || v == "" {
			continue
		}
		if c1 > c0 {
			m.across[r0] = append(m.across[r0], acrossSpan{from: c0 - 1, to: c1 - 1, value: v})
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

// spread returns the cells of row row with each value merged across columns
// copied into every column it covers (for reading two-row headers).
func (m *mergeFill) spread(cells []string, row int) []string {
	out := append([]string(nil), cells...)
	for _, s := range m.across[row] {
		for len(out) <= s.to {
			out = append(out, "")
		}
		for c := s.from; c <= s.to; c++ {
			if out[c] == "" {
				out[c] = s.value
			}
		}
	}
	return out
}
