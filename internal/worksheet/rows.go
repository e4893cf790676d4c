package worksheet

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/orisano/gosax"
	"github.com/xuri/excelize/v2"
)

// StringTable reads the workbook's shared strings table: by index, the text
// of each string item as excelize gives it to a cell of type s (the item's
// own <t>, then the <t> of each of its runs, phonetic runs left out, with
// _xHHHH_ escapes decoded). It returns nil for a workbook without the part,
// and ErrUnresolved for a part that declares an encoding other than UTF-8
// or is not well formed, or gosax's error: excelize is then left to read
// the workbook's cells.
func (w *Workbook) StringTable() ([]string, error) {
	part := w.SharedStrings()
	if part == nil {
		return nil, nil
	}
	rc, err := part.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return stringTable(bufio.NewReaderSize(rc, 64<<10))
}

// item gathers the text of one string item (<si>) or inline string (<is>)
// as excelize's xlsxSI decodes it: a later <t> of the item, or of one run,
// replaces an earlier one; the item's own text comes before its runs'.
type item struct {
	own, run []byte // the item's <t>, the current run's <t>
	runs     []byte // the text of the runs ended
	where    int8   // what the <t> being read belongs to: 0 none, 1 item, 2 run
	depth    int    // elements open inside the <t> being read, itself included
	inRun    bool   // a run <r> of the item is open
}

func (it *item) reset() {
	it.own, it.run, it.runs, it.where, it.inRun = it.own[:0], it.run[:0], it.runs[:0], 0, false
}

// text returns the item's text, _xHHHH_ escapes decoded.
func (it *item) text() string {
	if len(it.runs) == 0 {
		return unescapeBSTR(string(it.own))
	}
	return unescapeBSTR(string(it.own) + string(it.runs))
}

// unescapeBSTR decodes the _xHHHH_ escapes (ECMA-376 Part 1, 22.9.2.19
// ST_Xstring) by which a workbook keeps characters XML cannot hold, as
// excelize does: _x000D_ is a carriage return, _x005F_ an underscore; a
// code that is no character (a lone surrogate) gives nothing.
func unescapeBSTR(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	for i >= 0 {
		b.WriteString(s[:i])
		if r, ok := bstrCode(s[i:]); ok {
			if utf8.ValidRune(r) && (r < 0xD800 || r > 0xDFFF) {
				b.WriteRune(r)
			}
			s = s[i+7:]
		} else {
			b.WriteString("_x")
			s = s[i+2:]
		}
		i = strings.Index(s, "_x")
	}
	b.WriteString(s)
	return b.String()
}

// bstrCode reads the code of an escape _xHHHH_ at the start of s.
func bstrCode(s string) (rune, bool) {
	if len(s) < 7 || s[6] != '_' {
		return 0, false
	}
	v, err := strconv.ParseUint(s[2:6], 16, 16) // no sign, no prefix
	if err != nil {
		return 0, false
	}
	return rune(v), true
}

// start notes an element local opened rel levels below the item (1 its
// child, 2 a grandchild), depth elements open with it: a <t> child is the
// item's own text, an <r> child a run, a <t> in a run the run's text;
// anything else (a phonetic run <rPh>, run properties) is not read.
func (it *item) start(local []byte, rel, depth int) {
	switch {
	case rel == 1 && string(local) == "r":
		it.inRun, it.run = true, it.run[:0]
	case rel == 1 && string(local) == "t":
		it.own, it.where, it.depth = it.own[:0], 1, depth
	case rel == 2 && it.inRun && string(local) == "t":
		it.run, it.where, it.depth = it.run[:0], 2, depth
	}
}

// end notes an element ended rel levels below the item: a run's end adds
// its text to the item's.
func (it *item) end(rel int) {
	switch {
	case rel == 1 && it.inRun:
		it.runs = append(it.runs, it.run...)
		it.inRun = false
	case rel == 1, rel == 2 && it.inRun:
		it.where = 0
	}
}

// add appends the characters of a text or CDATA event, depth elements
// open, to the <t> being read, if any: only its own characters, not those
// of an element inside it, as encoding/xml gives a chardata field.
func (it *item) add(ev gosax.Event, depth int) error {
	if it.where == 0 || depth != it.depth {
		return nil
	}
	b, err := Text(ev)
	if err != nil {
		return err
	}
	if it.where == 1 {
		it.own = append(it.own, b...)
	} else {
		it.run = append(it.run, b...)
	}
	return nil
}

func stringTable(r io.Reader) ([]string, error) {
	var out []string
	var it item
	// An item is a <si> under the root: one element open above it.
	inItem := false
	err := Walk(r, func(ev gosax.Event, open *Tags) error {
		switch ev.Type() {
		case gosax.EventStart:
			name, _ := gosax.Name(ev.Bytes)
			local := LocalName(name)
			switch depth := open.Depth() - 1; {
			case depth == 1 && string(local) == "si":
				inItem = true
				it.reset()
			case inItem:
				it.start(local, depth-1, open.Depth())
			}
		case gosax.EventText, gosax.EventCData:
			return it.add(ev, open.Depth())
		case gosax.EventEnd:
			switch depth := open.Depth(); {
			case depth == 1 && inItem:
				out = append(out, it.text())
				inItem = false
			case inItem:
				it.end(depth - 1)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Rows reads a worksheet's cells row by row, as excelize's row iterator
// with RawCellValue does, from one gosax pass: Next steps through every row
// number from 1 to the last row written (a row the part skips is empty),
// Columns gives its cells' raw values. A sheet read with Rows must have its
// rows and cells in order, as Excel and WPS write them (the roster reader's
// pre-scan checks that first); excelize decodes every cell with
// encoding/xml, which costs several times the tokenizing.
//
// A cell's value is the text of its <v> (a number as written, a logical
// value as 0 or 1, an error such as #N/A, a formula's string result), the
// shared string its index names (StringTable; a cell whose index the
// table does not have reads as empty, and Damaged lists it), or an inline
// string's text;
// a row's cells run to the last with a value or a formula, "" for the
// others.
type Rows struct {
	rc     io.ReadCloser
	rd     *gosax.Reader
	open   Tags
	table  []string
	seek   int  // the row number Next last stepped to
	cur    int  // the number of the last <row> met
	ready  bool // a <row> is met whose cells are not read yet
	ended  bool // the sheet's rows are over
	cells  []string
	err    error
	v      []byte // the cell's <v>
	hasV   bool   // the cell has a <v>, empty or not
	inline item   // the cell's <is>
	items  int    // the number of strings the table has: len(table), or StringIndexes's count
	// damaged gathers the shared-string cells whose index is not below
	// items (Damaged).
	damaged *StringIndexError
}

// StringIndexError lists the shared-string cells (t="s") of a sheet whose
// <v> names no item of the workbook's shared strings table: no whole number
// (an empty <v> too), or an index past the table's end. The part is
// damaged (Excel offers to repair it). excelize's row iterator reads such a
// cell as empty, or, for a <v> that is no number, as the table's first
// string, without a word: a 死亡日期 or a 低保类别 damaged so would be read
// as none.
type StringIndexError struct {
	Cells   []string // the cells' references in sheet order, e.g. "D7"
	Indexes []string // each cell's <v> as written, spaces trimmed ("" for an empty one)
	Items   int      // the number of strings the table has
}

// errorCells is how many cells Error names; it counts the others (a
// producer that writes -1 for every empty string damages thousands).
const errorCells = 12

// Error names the cells, their indexes and the table's size.
func (e *StringIndexError) Error() string {
	n := min(len(e.Cells), errorCells)
	more := ""
	if len(e.Cells) > n {
		more = fmt.Sprintf(" and %d more", len(e.Cells)-n)
	}
	return fmt.Sprintf("cells %s%s: shared strings %q are not among the table's %d", strings.Join(e.Cells[:n], ", "), more, e.Indexes[:n], e.Items)
}

// Rows opens sheet for reading with table, the workbook's StringTable. It
// returns an error for a sheet w does not have, or the zip's error.
func (w *Workbook) Rows(sheet string, table []string) (*Rows, error) {
	part := w.Part(sheet)
	if part == nil {
		return nil, fmt.Errorf("sheet %q: not found", sheet)
	}
	rc, err := part.Open()
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %w", sheet, err)
	}
	rd := gosax.NewReader(bufio.NewReaderSize(rc, 64<<10))
	rd.EmitSelfClosingTag = true
	return &Rows{rc: rc, rd: rd, table: table, items: len(table)}, nil
}

// Damaged returns the shared-string cells read so far whose index the
// table does not have, which Columns read as empty; nil when there is
// none. Read after the last row, it lists every such cell of the sheet.
func (r *Rows) Damaged() *StringIndexError { return r.damaged }

// StringCount returns the number of string items of the workbook's shared
// strings table, 0 for a workbook without one, whatever encoding the part
// declares, so long as it writes its markup in ASCII (UTF-8, GBK,
// ISO-8859-1, ...). It returns the zip's error, or gosax's.
func (w *Workbook) StringCount() (int, error) {
	part := w.SharedStrings()
	if part == nil {
		return 0, nil
	}
	rc, err := part.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	n := 0
	err = walk(bufio.NewReaderSize(rc, 64<<10), false, func(ev gosax.Event, open *Tags) error {
		if ev.Type() == gosax.EventStart && open.Depth() == 2 {
			name, _ := gosax.Name(ev.Bytes)
			if string(LocalName(name)) == "si" {
				n++
			}
		}
		return nil
	})
	return n, err
}

// StringIndexes reads sheet only for its shared-string cells whose index
// is not below items (StringCount), and returns them as Damaged would;
// nil when there is none. It answers for a sheet in any encoding that
// writes its markup in ASCII, for the sheets whose cells are left to
// excelize (a part in another encoding than UTF-8). It returns the part's
// error, or the tokenizer's.
func (w *Workbook) StringIndexes(sheet string, items int) (*StringIndexError, error) {
	rows, err := w.Rows(sheet, nil)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	rows.items = items
	for rows.Next() {
		if _, err := rows.Columns(); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	return rows.Damaged(), nil
}

// Close closes the part; it returns nil.
func (r *Rows) Close() error {
	if r.rc != nil {
		r.rc.Close()
		r.rc = nil
	}
	return nil
}

// Error returns the error that ended the rows: a part not well formed, a
// row number beyond Excel's last row (excelize.ErrMaxRows), nil at the end.
func (r *Rows) Error() error { return r.err }

// Next steps to the next row number and reports whether there is one.
func (r *Rows) Next() bool {
	if r.err != nil {
		return false
	}
	r.seek++
	if r.cur >= r.seek {
		return true
	}
	if r.ended {
		return false
	}
	for {
		ev, err := r.rd.Event()
		if err != nil {
			r.err = err
			return false
		}
		switch ev.Type() {
		case gosax.EventEOF:
			r.ended = true
			return false
		case gosax.EventStart:
			name, attrs := gosax.Name(ev.Bytes)
			r.open.Push(name)
			if string(LocalName(name)) == "row" {
				if err := r.startRow(attrs); err != nil {
					r.err = err
					return false
				}
				return true
			}
		case gosax.EventEnd:
			name, _ := gosax.Name(ev.Bytes)
			if !r.open.Pop(name) {
				r.err = fmt.Errorf("end tag %q does not match", name)
				return false
			}
			if string(LocalName(name)) == "sheetData" {
				r.ended = true
				return false
			}
		}
	}
}

// startRow numbers the <row> just met: its r, or the one after the last.
func (r *Rows) startRow(attrs []byte) error {
	num, err := Attr(attrs, "r")
	if err != nil {
		return err
	}
	r.cur++
	if num != "" {
		n, err := strconv.Atoi(num)
		if err != nil {
			return fmt.Errorf("row number %q", num)
		}
		if n > excelize.TotalRows {
			return excelize.ErrMaxRows
		}
		if n != 0 {
			r.cur = n
		}
	}
	r.ready = true
	return nil
}

// Columns returns the cells of the row Next stepped to; nil for a row the
// part does not write. The slice is the caller's.
func (r *Rows) Columns() ([]string, error) {
	if r.cur > r.seek || !r.ready {
		return nil, nil
	}
	r.ready = false
	r.cells = nil
	rowDepth := r.open.Depth() // the <row> is open
	col := 0
	var (
		typ     string
		formula bool
		inCell  bool
		reading int8 // 0 nothing, 1 the cell's <v>, 2 its <is>
		vDepth  int  // elements open inside the <v>, itself included
		isDepth int  // elements open above the cell's <is>
	)
	for {
		ev, err := r.rd.Event()
		if err != nil {
			r.err = err
			return r.cells, err
		}
		switch ev.Type() {
		case gosax.EventEOF:
			r.ended = true
			return r.cells, nil
		case gosax.EventStart:
			name, attrs := gosax.Name(ev.Bytes)
			local := LocalName(name)
			depth := r.open.Depth()
			r.open.Push(name)
			switch {
			case depth == rowDepth && string(local) == "c":
				col++
				var ref string
				ref, typ, err = CellAttrs(attrs)
				if err == nil && ref != "" {
					col, _, err = excelize.CellNameToCoordinates(ref)
				}
				if err != nil {
					r.err = err
					return r.cells, err
				}
				inCell, formula, reading = true, false, 0
				r.v, r.hasV = r.v[:0], false
				r.inline.reset()
				isDepth = -1
			case inCell && depth == rowDepth+1:
				switch string(local) {
				case "v":
					r.v, reading, vDepth, r.hasV = r.v[:0], 1, r.open.Depth(), true
				case "f":
					formula = true
				case "is":
					isDepth, reading = depth, 2
					r.inline.reset()
				}
			case reading == 2 && depth > isDepth:
				r.inline.start(local, depth-isDepth, r.open.Depth())
			}
		case gosax.EventText, gosax.EventCData:
			switch reading {
			case 1:
				if r.open.Depth() != vDepth {
					continue // an element inside <v>: encoding/xml skips it
				}
				b, err := Text(ev)
				if err != nil {
					r.err = err
					return r.cells, err
				}
				r.v = append(r.v, b...)
			case 2:
				if err := r.inline.add(ev, r.open.Depth()); err != nil {
					r.err = err
					return r.cells, err
				}
			}
		case gosax.EventEnd:
			name, _ := gosax.Name(ev.Bytes)
			if !r.open.Pop(name) {
				r.err = fmt.Errorf("end tag %q does not match", name)
				return r.cells, r.err
			}
			switch depth := r.open.Depth(); {
			case depth == rowDepth-1: // </row>
				return r.cells, nil
			case depth == rowDepth && inCell: // </c>
				inCell = false
				val := r.value(typ, isDepth >= 0, col)
				if val != "" || formula {
					for len(r.cells) < col-1 {
						r.cells = append(r.cells, "")
					}
					r.cells = append(r.cells, val)
				}
			case depth == rowDepth+1 && inCell:
				if reading == 1 || depth == isDepth {
					reading = 0
				}
			case reading == 2 && depth > isDepth:
				r.inline.end(depth - isDepth)
			}
		}
	}
}

// CellAttrs returns the r (reference) and t (type) attributes of a cell,
// as Attr would (any prefix, the last when repeated, "" when absent), in
// one pass over its attributes; errors as Attr.
func CellAttrs(attrs []byte) (ref, typ string, err error) {
	rt := func(key []byte) bool {
		local := LocalName(key)
		return len(local) == 1 && (local[0] == 'r' || local[0] == 't')
	}
	err = eachAttr(attrs, rt, func(key, value []byte) {
		if LocalName(key)[0] == 'r' {
			ref = string(value)
		} else {
			typ = string(value)
		}
	})
	return ref, typ, err
}

// value returns the raw value of the cell just read, at column col of the
// current row, of type typ, with an <is> when inline. A shared string the
// table does not have reads as empty, and is added to r.damaged.
func (r *Rows) value(typ string, inline bool, col int) string {
	switch typ {
	case "s":
		if !r.hasV {
			return "" // no <v>: a blank cell with the type of its neighbours
		}
		index := strings.TrimSpace(string(r.v))
		i, err := strconv.Atoi(index)
		if err != nil || i < 0 || i >= r.items {
			if r.damaged == nil {
				r.damaged = &StringIndexError{Items: r.items}
			}
			cell, _ := excelize.CoordinatesToCellName(col, r.cur)
			r.damaged.Cells = append(r.damaged.Cells, cell)
			r.damaged.Indexes = append(r.damaged.Indexes, index)
			return ""
		}
		if i >= len(r.table) {
			return "" // StringIndexes reads no text
		}
		return r.table[i]
	case "inlineStr":
		if inline {
			return r.inline.text()
		}
	}
	return string(r.v)
}
