package worksheet

import (
	"bufio"
	"errors"
	"fmt"
	"strconv"

	"github.com/orisano/gosax"
	"github.com/xuri/excelize/v2"
)

// ErrSharedString says a cell asked for holds an index into the shared
// strings table, which Values does not look up: it reads workbooks written
// by excelize's StreamWriter, whose strings are inline.
var ErrSharedString = errors.New("cell holds a shared string")

// Values reads sheet of w row by row and calls fn with the row number
// (1-based) and the raw values of columns cols (1-based, as in Excel: A is
// 1), "" for a cell absent or empty, for every row that has a cell; vals is
// reused between calls. A value is the text of the cell's <v> (a number as
// written, a boolean as 0 or 1, an error such as #VALUE!) or, for an inline
// string, the text of its <t> elements; a shared string in one of cols is
// ErrSharedString. An error from fn stops the reading and is returned; a
// sheet w does not have, or a part that is not well formed, is an error.
func (w *Workbook) Values(sheet string, cols []int, fn func(row int, vals []string) error) error {
	part := w.Part(sheet)
	if part == nil {
		return fmt.Errorf("sheet %q: not found", sheet)
	}
	rc, err := part.Open()
	if err != nil {
		return fmt.Errorf("sheet %q: %w", sheet, err)
	}
	defer rc.Close()
	if err := values(bufio.NewReaderSize(rc, 64<<10), cols, fn); err != nil {
		return fmt.Errorf("sheet %q: %w", sheet, err)
	}
	return nil
}

func values(r *bufio.Reader, cols []int, fn func(row int, vals []string) error) error {
	want := map[int]int{} // column -> index in vals
	for i, c := range cols {
		want[c] = i
	}
	vals := make([]string, len(cols))
	var text []byte // the text of the value being read
	row, col := 0, 0
	inRow, hasCell := false, false
	slot := -1      // index in vals of the cell being read, -1 for a cell not asked for
	shared := false // the cell being read is t="s"
	reading := ""   // local name of the element whose text is the value: v or t
	return Walk(r, func(ev gosax.Event, _ *Tags) error {
		switch ev.Type() {
		case gosax.EventStart:
			name, attrs := gosax.Name(ev.Bytes)
			switch string(LocalName(name)) {
			case "row":
				r, err := Attr(attrs, "r")
				if err != nil {
					return err
				}
				row++
				if r != "" {
					if row, err = strconv.Atoi(r); err != nil {
						return fmt.Errorf("row number %q", r)
					}
				}
				inRow, hasCell, col = true, false, 0
				clear(vals)
			case "c":
				if !inRow {
					return nil
				}
				ref, err := Attr(attrs, "r")
				if err != nil {
					return err
				}
				col++
				if ref != "" {
					if col, _, err = excelize.CellNameToCoordinates(ref); err != nil {
						return fmt.Errorf("cell reference %q", ref)
					}
				}
				hasCell = true
				slot = -1
				if i, ok := want[col]; ok {
					slot = i
				}
				typ, err := Attr(attrs, "t")
				if err != nil {
					return err
				}
				shared = typ == "s"
				text = text[:0]
			case "v", "t":
				if slot >= 0 {
					reading = string(LocalName(name))
				}
			}
		case gosax.EventText, gosax.EventCData:
			if reading == "" {
				return nil
			}
			b, err := Text(ev)
			if err != nil {
				return err
			}
			text = append(text, b...)
		case gosax.EventEnd:
			name, _ := gosax.Name(ev.Bytes)
			switch string(LocalName(name)) {
			case "v", "t":
				reading = ""
			case "c":
				if slot >= 0 {
					if shared && len(text) > 0 {
						return fmt.Errorf("row %d: %w", row, ErrSharedString)
					}
					vals[slot] = string(text)
				}
				slot = -1
			case "row":
				if inRow && hasCell {
					if err := fn(row, vals); err != nil {
						return err
					}
				}
				inRow = false
			}
		}
		return nil
	})
}
