package domain

import (
	"fmt"
	"slices"
	"testing"
)

// Rows gives each person's lines and listings in the order given, the
// last of a benefit or a listing when one is given twice, nothing for a
// person it does not hold, and each person with lines once, in order of
// first appearance.
func TestRowsGroupsByPerson(t *testing.T) {
	lines := []Line{
		{PersonID: "B", Benefit: "x", Name: "b1"}, {PersonID: "A", Benefit: "x", Name: "a1"},
		{PersonID: "B", Benefit: "y", Name: "b2"}, {PersonID: "A", Benefit: "x", Name: "a2"},
	}
	listings := []Listing{{Person: &Person{ID: "C", Name: "c"}}, {Person: &Person{ID: "A", Name: "a"}}, {Person: &Person{ID: "A", Name: "a again"}}}
	names := func(ls []*Line) (out []string) {
		for _, l := range ls {
			out = append(out, l.Name)
		}
		return out
	}
	for _, x := range []Rows{GroupRows(lines, listings), GroupLines([]*Line{&lines[0], &lines[1], &lines[2], &lines[3]}, listings)} {
		if got := names(x.LinesOf("B")); !slices.Equal(got, []string{"b1", "b2"}) {
			t.Errorf("LinesOf(B) = %v", got)
		}
		if got := names(x.LinesOf("A")); !slices.Equal(got, []string{"a1", "a2"}) {
			t.Errorf("LinesOf(A) = %v", got)
		}
		if x.LinesOf("C") != nil || x.LinesOf("D") != nil || x.ListingsOf("B") != nil || x.Listing("D") != nil || x.Line("A", "y") != nil {
			t.Error("rows of nobody given")
		}
		if l := x.Line("A", "x"); l == nil || l.Name != "a2" {
			t.Errorf("Line(A, x) = %+v, want the last, a2", l)
		}
		if l := x.Listing("A"); l == nil || l.Person.Name != "a again" || len(x.ListingsOf("A")) != 2 {
			t.Errorf("Listing(A) = %+v, want the last of two", l)
		}
		var seen []string
		for id, ls := range x.LinesByPerson() {
			seen = append(seen, fmt.Sprintf("%s %d", id, len(ls)))
		}
		if !slices.Equal(seen, []string{"B 2", "A 2"}) {
			t.Errorf("LinesByPerson: %v", seen)
		}
		if ls := x.LinesOf("A"); cap(ls) != len(ls) {
			t.Error("a person's lines may be appended over the next person's")
		}
	}
}
