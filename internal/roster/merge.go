package roster

import (
	"slices"

	"github.com/xuri/excelize/v2"
)

// mergeFill knows the cells merged down over several rows of a sheet (a
// 街道 or 社区 cell merged over all its people, a 低保类别 merged over a
// household) so that every row they cover reads the value, not only the top
// one. Only the first column of a merged range is filled. Ranges merged
// across columns (a parent header such as 残疾情况 over 等级 and 类别) are
// spread over their columns in header rows.
//
// The value of a range is its top-left cell's raw value. It is taken from
// the rows themselves as they pass (see): the top-left row is always read
// before the rows it covers, so no cell has to be looked up. The rows of a
// sheet must come in ascending order, as they do from the row iterator;
// memory is the ranges, never a map of every covered row.
type mergeFill struct {
	ranges []mergeRange
	values []string // each range's top-left value, "" until its row is seen
	preset bool     // values came with the ranges: see takes none
	// byStart holds the indexes of ranges ordered by first row, and within
	// a row in the order of the file.
	byStart []int
	seen    int // byStart[:seen] have had their top-left row seen
	// The ranges filling the current row, in the order of the file: what
	// fill needs, kept as rows advance.
	row    int
	next   int // byStart[next:] have not yet begun filling
	active []int
	// filled holds, for the row last filled, the cells that took a merged
	// range's value: 0-based column and range index.
	filled [][2]int
}

// filledFrom returns the merged range (as A1:B2) and value that filled
// 0-based column col of the row last filled, and false when it was not
// filled.
func (m *mergeFill) filledFrom(col int) (string, string, bool) {
	for _, f := range m.filled {
		if f[0] == col {
			r := m.ranges[f[1]]
			a, _ := excelize.CoordinatesToCellName(r.c0, r.r0)
			b, _ := excelize.CoordinatesToCellName(r.c1, r.r1)
			return a + ":" + b, m.values[f[1]], true
		}
	}
	return "", "", false
}

// newMergeFill returns a fill for the merged ranges of a sheet, in the
// order of the file, whose values are taken from the rows as they pass.
func newMergeFill(ranges []mergeRange) *mergeFill {
	m := &mergeFill{ranges: ranges, values: make([]string, len(ranges)), byStart: make([]int, len(ranges))}
	for i := range ranges {
		m.byStart[i] = i
	}
	slices.SortStableFunc(m.byStart, func(a, b int) int { return ranges[a].r0 - ranges[b].r0 })
	return m
}

// excelizeMergeFill asks excelize for the merged ranges of a sheet and
// their top-left values: for a sheet the scan does not answer for. It loads
// the whole sheet into excelize's memory.
func excelizeMergeFill(f *excelize.File, sheet string) (*mergeFill, error) {
	mcs, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, err
	}
	var ranges []mergeRange
	var values []string
	for _, mc := range mcs {
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
		ranges = append(ranges, mergeRange{c0: c0, r0: r0, c1: c1, r1: r1})
		values = append(values, v)
	}
	m := newMergeFill(ranges)
	m.values, m.preset = values, true
	return m, nil
}

// see takes, from the raw cells of Excel row row, the values of the ranges
// whose top-left cell is in it. Call it for every row read, before spread
// and fill, with the cells as read.
func (m *mergeFill) see(cells []string, row int) {
	if m.preset {
		return
	}
	for ; m.seen < len(m.byStart); m.seen++ {
		i := m.byStart[m.seen]
		r := m.ranges[i]
		if r.r0 > row {
			return
		}
		if r.r0 == row && r.c0-1 < len(cells) {
			m.values[i] = cells[r.c0-1]
		}
	}
}

// fill returns the cells of Excel row row with the values of the merged
// ranges covering them.
func (m *mergeFill) fill(cells []string, row int) []string {
	m.filled = m.filled[:0]
	if len(m.ranges) == 0 {
		return cells
	}
	if row < m.row { // not expected: start again rather than answer wrongly
		m.next, m.active = 0, m.active[:0]
	}
	m.row = row
	for ; m.next < len(m.byStart) && m.ranges[m.byStart[m.next]].r0 < row; m.next++ {
		i := m.byStart[m.next]
		at, _ := slices.BinarySearch(m.active, i)
		m.active = slices.Insert(m.active, at, i)
	}
	m.active = slices.DeleteFunc(m.active, func(i int) bool { return m.ranges[i].r1 < row })
	for _, i := range m.active {
		col, v := m.ranges[i].c0-1, m.values[i]
		if v == "" {
			continue
		}
		for len(cells) <= col {
			cells = append(cells, "")
		}
		if cells[col] == "" {
			cells[col] = v
			m.filled = append(m.filled, [2]int{col, i})
		}
	}
	return cells
}

// hiddenCell is a cell whose value lies under merged range rng but not in
// its top-left cell: Excel shows the range's value over it, not its own.
type hiddenCell struct {
	col, rng int // col 0-based
	value    string
}

// hiddenUnder returns the cells of row row (cells as fill left them) that
// hold a value Excel does not show: under a merged range, other than its
// top-left cell and the cells fill gave the range's value. A row merged
// sideways by mistake (rows inserted under a merged title) hides the
// person's own cells, which the reader would otherwise read unseen.
func (m *mergeFill) hiddenUnder(cells []string, row int) []hiddenCell {
	var out []hiddenCell
	look := func(i int) {
		r := m.ranges[i]
		for col := min(r.c0, r.c1) - 1; col <= max(r.c0, r.c1)-1 && col < len(cells); col++ {
			if col < 0 || cells[col] == "" || (row == r.r0 && col == r.c0-1) {
				continue
			}
			if col == r.c0-1 && slices.Contains(m.filled, [2]int{col, i}) {
				continue
			}
			out = append(out, hiddenCell{col: col, rng: i, value: cells[col]})
		}
	}
	for _, i := range m.active {
		look(i)
	}
	for j := m.next; j < len(m.byStart) && m.ranges[m.byStart[j]].r0 == row; j++ {
		look(m.byStart[j])
	}
	return out
}

// spread returns the cells of row row with each value merged across columns
// copied into every column it covers (for reading two-row headers).
func (m *mergeFill) spread(cells []string, row int) []string {
	out := append([]string(nil), cells...)
	from, _ := slices.BinarySearchFunc(m.byStart, row, func(i, r int) int { return m.ranges[i].r0 - r })
	for _, i := range m.byStart[from:] {
		s, v := m.ranges[i], m.values[i]
		if s.r0 != row {
			break
		}
		if s.c1 <= s.c0 || v == "" {
			continue
		}
		for len(out) < s.c1 {
			out = append(out, "")
		}
		for c := s.c0 - 1; c < s.c1; c++ {
			if out[c] == "" {
				out[c] = v
			}
		}
	}
	return out
}
