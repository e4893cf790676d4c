package domain

import "testing"

// A line shares its person's row only when the listing is paid and names the
// same row; otherwise it keeps its own.
func TestShareRows(t *testing.T) {
	row := Location{File: "东街.xlsx", Sheet: "Sheet1", Row: 7}
	other := row
	other.Row = 8
	listings := []Listing{
		{Person: &Person{ID: "A", Name: "甲", Source: row}},
		{Person: &Person{ID: "B", Name: "乙", Source: row}, Held: true},
		{Person: &Person{ID: "C", Name: "丙", Source: row}},
	}
	own := func(l Location) *Location { return &l }
	lines := []Line{
		{PersonID: "A", Name: "甲", Source: own(row)},
		{PersonID: "B", Name: "乙", Source: own(row)},
		{PersonID: "C", Name: "丙", Source: own(other)},
		{PersonID: "D", Name: "丁", Source: own(row)},
	}
	ShareRows(lines, listings)
	if lines[0].Source != &listings[0].Person.Source {
		t.Error("a paid listing's line does not share its row")
	}
	for i, l := range lines[1:] {
		if l.Source == &listings[1].Person.Source || l.Source == &listings[2].Person.Source || *l.Source == (Location{}) {
			t.Errorf("line %d shares a row it should not: %+v", i+1, l)
		}
	}
	if lines[0].PersonID != "A" || lines[0].Name != "甲" || lines[2].Source.Row != 8 {
		t.Errorf("lines changed: %+v", lines)
	}
}
