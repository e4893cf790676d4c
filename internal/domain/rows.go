package domain

import (
	"iter"
	"slices"
)

// Rows is a month's payment lines and listings grouped by person (ID),
// each person's in the order given, to look a person's up: a province's
// month has a million of each, and a map of each by ID (and of the lines
// by ID and benefit) held hundreds of MB where this holds one map of IDs
// to a group number (about 30 bytes a person) and 8 bytes a row. The
// corrections look up past months in it, the change lists both months.
type Rows struct {
	group     map[string]int32 // ID -> its group, in order of first appearance
	lines     []*Line          // group g's: lines[lineAt[g]:lineAt[g+1]]
	lineAt    []int32
	listings  []*Listing // group g's: listings[listingAt[g]:listingAt[g+1]]
	listingAt []int32
}

// GroupRows returns lines and listings grouped by person, in one pass each
// and no sort: a person's rows keep their order.
func GroupRows(lines []Line, listings []Listing) Rows {
	return groupRows(len(lines), func(i int) *Line { return &lines[i] }, listings)
}

// GroupLines is GroupRows of lines given as pointers (a month's lines
// of some benefits only).
func GroupLines(lines []*Line, listings []Listing) Rows {
	return groupRows(len(lines), func(i int) *Line { return lines[i] }, listings)
}

func groupRows(n int, line func(int) *Line, listings []Listing) Rows {
	x := Rows{group: make(map[string]int32, len(listings))}
	of := func(id string) int32 {
		g, ok := x.group[id]
		if !ok {
			g = int32(len(x.group))
			x.group[id] = g
		}
		return g
	}
	lineG := make([]int32, n)
	for i := range n {
		lineG[i] = of(line(i).PersonID)
	}
	listingG := make([]int32, len(listings))
	for i := range listings {
		listingG[i] = of(listings[i].Person.ID)
	}
	x.lines, x.lineAt = grouped(lineG, len(x.group), line)
	x.listings, x.listingAt = grouped(listingG, len(x.group), func(i int) *Listing { return &listings[i] })
	return x
}

// grouped returns the rows ordered by group (groups[i] is row i's, of n;
// row gives row i), each group's in the rows' order, and where each group
// starts (n+1 offsets).
func grouped[T any](groups []int32, n int, row func(int) *T) ([]*T, []int32) {
	at := make([]int32, n+1)
	for _, g := range groups {
		at[g+1]++
	}
	for g := range n {
		at[g+1] += at[g]
	}
	next := slices.Clone(at[:n])
	out := make([]*T, len(groups))
	for i, g := range groups {
		out[next[g]] = row(i)
		next[g]++
	}
	return out, at
}

// LinesOf returns the lines of person id, in the order given, nil when
// none. The slice is x's own: not to be appended to.
func (x *Rows) LinesOf(id string) []*Line {
	g, ok := x.group[id]
	if !ok || x.lineAt[g] == x.lineAt[g+1] {
		return nil
	}
	return x.lines[x.lineAt[g]:x.lineAt[g+1]:x.lineAt[g+1]]
}

// ListingsOf returns the listings of person id, in the order given, nil
// when none. The slice is x's own: not to be appended to.
func (x *Rows) ListingsOf(id string) []*Listing {
	g, ok := x.group[id]
	if !ok || x.listingAt[g] == x.listingAt[g+1] {
		return nil
	}
	return x.listings[x.listingAt[g]:x.listingAt[g+1]:x.listingAt[g+1]]
}

// Line returns the last line given of person id for benefit (a code),
// nil when none.
func (x *Rows) Line(id, benefit string) *Line {
	var found *Line
	for _, l := range x.LinesOf(id) {
		if l.Benefit == benefit {
			found = l
		}
	}
	return found
}

// Listing returns the last listing given of person id, nil when none.
func (x *Rows) Listing(id string) *Listing {
	if ls := x.ListingsOf(id); len(ls) > 0 {
		return ls[len(ls)-1]
	}
	return nil
}

// LinesByPerson yields each person who has lines, with them, in order of
// first appearance.
func (x *Rows) LinesByPerson() iter.Seq2[string, []*Line] {
	return func(yield func(string, []*Line) bool) {
		for g := range len(x.lineAt) - 1 {
			if a, b := x.lineAt[g], x.lineAt[g+1]; a < b && !yield(x.lines[a].PersonID, x.lines[a:b:b]) {
				return
			}
		}
	}
}
