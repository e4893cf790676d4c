package roster

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/orisano/gosax"
	"github.com/xuri/excelize/v2"

	"disburse/internal/worksheet"
)

// Three things about a sheet do not come with its cell values: its merged
// ranges, which cells are typed as numbers and which hold formulas. Asking
// excelize (GetMergeCells, GetCellType, GetCellFormula) makes it decode the
// whole worksheet into memory, which on a sheet of 100,000 rows costs more
// than the iteration itself and hundreds of MB. So each worksheet part is
// first read streaming with gosax (package worksheet finds the part),
// keeping only those facts: a few bytes a row. A sheet this scan answers
// for then has its cell values read by a second gosax pass
// (workbookParts.rows, the same raw values as excelize's row iterator at a
// fifth of its cost); any other is read with excelize's row iterator.
//
// The scan only answers for sheets written the ordinary way: rows and cells
// in order, merged ranges that do not overlap. A row or cell written without
// its r attribute (as some writers save them) is numbered after the one
// before, as excelize's row iterator numbers it; excelize's model of the
// whole sheet keeps no row's hidden or height for such rows, so the scan
// must answer for them.
// For anything else (a part it cannot find, a damaged or unusual file) it
// gives up and the reader asks excelize as before, so an odd file is read
// exactly as it was, only slower.

// errScan says a worksheet is not one the scan answers for; the reader then
// asks excelize.
var errScan = errors.New("worksheet not scanned")

// orderError says a worksheet writes a row, or a cell of a row, out of
// order or twice: row Row comes after row After, or (Cell set) cell Cell of
// row Row comes after cell AfterCell. Excel and WPS never write that, and
// excelize's row iterator reads such a sheet by losing a row, or by moving
// values into other columns, silently; so the workbook is refused rather
// than read.
type orderError struct {
	Row, After      int
	Cell, AfterCell string
}

// Error says, in English for the log, which cell or row came after which.
func (e *orderError) Error() string {
	if e.Cell != "" {
		return fmt.Sprintf("cell %s after cell %s", e.Cell, e.AfterCell)
	}
	return fmt.Sprintf("row %d after row %d", e.Row, e.After)
}

// cellOrder returns the orderError of cell col coming after cell after,
// both 1-based, in row row.
func cellOrder(row, col, after int) *orderError {
	c, _ := excelize.CoordinatesToCellName(col, row)
	a, _ := excelize.CoordinatesToCellName(after, row)
	return &orderError{Row: row, Cell: c, AfterCell: a}
}

// workbookParts is a workbook opened a second time, for the scans.
type workbookParts struct {
	*worksheet.Workbook
	marks strikeMarks
	// sharedErr says why the shared strings part could not be scanned:
	// no sheet is scanned then, for want of its struck strings.
	sharedErr error
	// table is the shared strings table for rows, read at its first call
	// (tableRead); tableErr says why it could not be.
	table     []string
	tableRead bool
	tableErr  error
	// count is the number of strings of the shared strings table, for the
	// sheets excelize reads (damaged), counted at its first need
	// (countRead); countErr says why it could not be.
	count     int
	countRead bool
	countErr  error
}

// damaged returns the cells of sheet, a sheet excelize reads, that name a
// shared string the table does not have (worksheet.StringIndexes); nil
// when there is none, or when not even the markup of the parts reads
// (excelize's reading then stands). The table's strings are counted once a
// workbook: by the table rows read, else over the part's markup.
func (w *workbookParts) damaged(sheet string) *worksheet.StringIndexError {
	if !w.countRead {
		if w.tableRead && w.tableErr == nil {
			w.count = len(w.table)
		} else {
			w.count, w.countErr = w.StringCount()
		}
		w.countRead = true
	}
	if w.countErr != nil {
		return nil
	}
	d, _ := w.StringIndexes(sheet, w.count)
	return d
}

// rows opens the cells of sheet for reading with gosax (worksheet.Rows),
// for a sheet scan answered for; it returns an error when the shared
// strings table cannot be read so, and excelize's row iterator then reads
// the sheet.
func (w *workbookParts) rows(sheet string) (*worksheet.Rows, error) {
	if !w.tableRead {
		w.table, w.tableErr = w.StringTable()
		w.tableRead = true
	}
	if w.tableErr != nil {
		return nil, w.tableErr
	}
	return w.Workbook.Rows(sheet, w.table)
}

// strikeMarks are what makes a cell's text struck through, or not show at
// all, for the scan.
type strikeMarks struct {
	// styles holds the cell style indexes whose font is struck through
	// (styleMarks), nil when none is.
	styles map[int]bool
	// shared holds, by index in the shared strings table, the struck text
	// of the strings with a struck run (scanSharedStrings), nil when none
	// has.
	shared map[int]string
	// unseen holds the cell styles whose text does not show (styleMarks),
	// nil when none is: the scan notes the cells of such a style.
	unseen map[int]unseenStyle
}

// openParts opens the workbook at path a second time, for the scans, and
// reads its shared strings for struck text. It returns nil when the parts
// cannot be resolved; every sheet is then read through excelize alone.
func openParts(path string) *workbookParts {
	w, err := worksheet.Open(path)
	if err != nil {
		return nil
	}
	parts := &workbookParts{Workbook: w}
	parts.readSharedStrings()
	return parts
}

// Close closes the zip; a nil *workbookParts is fine.
func (w *workbookParts) Close() {
	if w != nil {
		w.Workbook.Close()
	}
}

// scan reads the worksheet of sheet and returns its facts, or nil when the
// sheet is not one the scan answers for; and an *orderError, for the reader
// to refuse the workbook, when its rows or cells are out of order. A sheet
// the scan gives up on for another reason (another encoding, a damaged
// part) is still read once more for the order alone (checkOrder).
func (w *workbookParts) scan(sheet string) (*sheetFacts, error) {
	if w == nil || w.Part(sheet) == nil {
		return nil, nil
	}
	// The zip reader refuses to inflate a part beyond its declared size,
	// which excelize has already held to maxUnzipped.
	read := func(fn func(io.Reader) error) error {
		rc, err := w.Part(sheet).Open()
		if err != nil {
			return nil // excelize opened it, or will say why not
		}
		defer rc.Close()
		return fn(bufio.NewReaderSize(rc, 64<<10))
	}
	var facts *sheetFacts
	err := read(func(r io.Reader) (err error) {
		if w.sharedErr != nil {
			return w.sharedErr // excelize answers: the order is checked below
		}
		facts, err = scanSheet(r, false, &w.marks)
		return err
	})
	var order *orderError
	switch {
	case errors.As(err, &order):
		return nil, order
	case err != nil:
		if err := read(checkOrder); errors.As(err, &order) {
			return nil, order
		}
		return nil, nil
	}
	return facts, nil
}

// checkOrder reads a worksheet part for the order of its rows and cells
// alone, whatever its encoding or namespaces (the names and numbers it reads
// are ASCII). It returns an *orderError, or nil: a part it cannot read is
// excelize's to report.
func checkOrder(r io.Reader) error {
	rd := gosax.NewReader(r)
	rd.EmitSelfClosingTag = true
	depth, rowDepth := 0, -1 // rowDepth: depth of the open <row>, -1 outside
	var at position
	for {
		ev, err := rd.Event()
		if err != nil || ev.Type() == gosax.EventEOF {
			return nil
		}
		switch ev.Type() {
		case gosax.EventStart:
			name, attrs := gosax.Name(ev.Bytes)
			switch local := string(worksheet.LocalName(name)); {
			case local == "row" && rowDepth < 0:
				v, err := worksheet.Attr(attrs, "r")
				if err == nil {
					err = at.startRow(v)
				}
				if err != nil {
					return orderOnly(err)
				}
				rowDepth = depth
			case local == "c" && rowDepth >= 0 && depth == rowDepth+1:
				v, err := worksheet.Attr(attrs, "r")
				if err == nil {
					err = at.cell(v)
				}
				if err != nil {
					return orderOnly(err)
				}
			}
			depth++
		case gosax.EventEnd:
			depth--
			if depth == rowDepth {
				rowDepth = -1
			}
		}
	}
}

// orderOnly returns err when it is an *orderError, else nil.
func orderOnly(err error) error {
	var order *orderError
	if errors.As(err, &order) {
		return order
	}
	return nil
}

// position follows the rows and cells of a worksheet as they are written,
// numbering a row or cell without r after the one before, as excelize does.
type position struct{ row, col int } // 1-based; 0 before the first

// startRow moves to the next <row>, whose r attribute is r ("" when it has
// none), or returns an *orderError when the row is not after the one
// before, or errScan for a number that is not one.
func (p *position) startRow(r string) error {
	n := p.row + 1
	if r != "" {
		var err error
		if n, err = strconv.Atoi(r); err != nil || n > excelize.TotalRows {
			return errScan
		}
	}
	if n <= p.row {
		return &orderError{Row: n, After: p.row}
	}
	p.row, p.col = n, 0
	return nil
}

// cell moves to the next <c> of the row, whose r attribute is r ("" when it
// has none), or returns an *orderError when the cell is not after the one
// before, or errScan for a reference that is not one.
func (p *position) cell(r string) error {
	col := p.col + 1
	if r != "" {
		c, _, err := excelize.CellNameToCoordinates(r)
		if err != nil {
			return errScan
		}
		col = c
	}
	if col <= p.col {
		return cellOrder(p.row, col, p.col)
	}
	p.col = col
	return nil
}

// dimensionRows returns the number of rows sheet's <dimension> gives, 0
// when unknown. It reads only the top of the part.
func (w *workbookParts) dimensionRows(sheet string) int {
	if w == nil || w.Part(sheet) == nil {
		return 0
	}
	rc, err := w.Part(sheet).Open()
	if err != nil {
		return 0
	}
	defer rc.Close()
	facts, err := scanSheet(bufio.NewReader(rc), true, nil)
	if err != nil {
		return 0
	}
	return facts.dimRows
}

// sheetFacts is what a scan learns of a worksheet besides cell values.
// Rows and columns are 1-based, as in Excel.
type sheetFacts struct {
	// dimRows is the last row of the sheet's <dimension ref="A1:P12345">,
	// 0 when there is none or it is the single cell A1, which is what
	// streaming writers (excelize's StreamWriter among them) leave there
	// whatever the sheet holds.
	dimRows int
	// lastRow is the number of the last <row> of the sheet data, 0 for a
	// scan of the head alone: the true extent of a sheet whose dimension
	// says nothing.
	lastRow int
	// valueRows counts the rows with at least one cell that has a value
	// (<v> or <is>): the most data rows the sheet can give, to size the
	// entries once (a row formatted but empty counts for nothing).
	valueRows int
	merges    []mergeRange // in the order of the file; none overlap
	// number holds the cells typed as numbers: t="n", or no t at all
	// (OOXML's default). formula holds the cells with an <f> child.
	number, formula cellSet
	// calculated holds the formula cells typed t="str" (a string result)
	// that have a <v>, an empty one too: Excel, WPS and LibreOffice write
	// the result of every formula they calculated, an empty string as
	// <v></v>. A formula nobody calculated has no <v> (excelize writes
	// t="str" alone) or an empty one untyped (openpyxl), which would be a
	// number, and no number is empty.
	calculated cellSet
	// boolean holds the cells typed as logical values (t="b": TRUE or
	// FALSE), which read as 1 and 0.
	boolean cellSet
	// struck holds the cells whose style (s="...") is one of the struck
	// styles: their text is struck through.
	struck cellSet
	// unseen holds, by {col, row}, the style of each cell whose style is one
	// whose text does not show (strikeMarks.unseen).
	unseen map[[2]int]int
	// struckText holds, by {col, row}, the struck text of the cells whose
	// string has a struck run: an inline string's, or a shared string's
	// the marks name.
	struckText map[[2]int]string
	// hidden holds the rows hidden (hiddenRow): by hand, by a filter, or
	// with a height of 0; ascending.
	hidden []int
	// folded holds the rows not hidden but inside a collapsed outline group
	// (foldedRows); ascending.
	folded []int
	// hiddenCols holds the columns hidden (<col min max hidden="1">), as
	// 1-based ranges, first to last.
	hiddenCols [][2]int
	// narrowCols holds the columns not hidden but of no width
	// (zeroWidthCol), as hiddenCols does: they show nothing either.
	narrowCols [][2]int
	// arrays holds the array formulas over more than one cell, in the order
	// of the file: an array formula is written once, in the first cell of
	// its range, and every other cell of the range has only its value.
	arrays []arrayFormula
	// arrayValued holds the cells of arrays' ranges, other than their first,
	// that have a value (<v> or <is>, an empty one too).
	arrayValued cellSet
	// mergesByCol caches, per column asked about, the merged ranges that
	// cover it, by first row.
	mergesByCol map[int][]mergeRange
	// refs are the sheets of the workbook the sheet's formulas name
	// (低保名单!B:C in a VLOOKUP), as written; nil when none.
	refs []string
}

// scanSheet reads a worksheet part with gosax, a SAX tokenizer that hands
// out each tag as bytes without decoding it (encoding/xml's RawToken, used
// before, took a tenth of a province's run), matching local names so that
// prefixed parts (<x:c>) read the same, and keeping end tags matched itself.
// With head it stops at <sheetData>, for the dimension alone. It returns
// errScan (or the XML error) for a part it does not answer for. Cells
// whose style is one of marks' styles, or whose string has a struck run (an
// inline string's, or a shared string marks name), are noted as struck;
// marks may be nil.
func scanSheet(r io.Reader, head bool, marks *strikeMarks) (*sheetFacts, error) {
	const (
		other = iota
		rootElem
		sheetData
		mergeCells
		row
		cell
		colsElem
		sheetPr
		inlineString // <is> of a cell of type inlineStr (its runs: runStrikes.open)
		sharedIndex  // <v> of a cell of type s, when marks name shared strings
		arrayText    // <f t="array"> over more than one cell: its formula
		formulaText  // any other <f>: its text, for the sheets it names
	)
	if marks == nil {
		marks = &strikeMarks{}
	}
	facts := &sheetFacts{}
	rd := gosax.NewReader(r)
	rd.EmitSelfClosingTag = true // <c r="A1"/> ends too
	var open worksheet.Tags      // the elements open, to check end tags
	var kinds [8]int8            // kinds of the open elements at the top of the tree
	var at position
	valued := 0              // the last row counted in facts.valueRows
	zeroHeight := false      // <sheetFormatPr zeroHeight="1">: rows are hidden unless given a height
	summaryAbove := false    // <outlinePr summaryBelow="0">: a group's summary row is above it
	var outline []outlineRow // the rows in a group or collapsing one, in order
	// The cell being read: its type, and what is gathered of its text.
	inlineCell, sharedCell := false, false
	strCell, formulaCell := false, false // typed t="str"; with an <f> met
	var strikes runStrikes
	var index []byte   // the text of a shared-string cell's <v>
	inIndex := false   // in a shared-string cell's <v>
	inArray := false   // in an array formula's <f>: its text goes to the last of facts.arrays
	var formula []byte // the text of the <f> being read (formulaText)
	inFormula := false
	for {
		ev, err := rd.Event()
		if err != nil {
			return nil, err
		}
		switch ev.Type() {
		case gosax.EventEOF:
			return nil, errScan // ended inside the root, or with no root
		case gosax.EventProcessingInstruction:
			if !worksheet.UTF8Declared(ev.Bytes) {
				return nil, errScan // another encoding: excelize transcodes it
			}
		case gosax.EventStart:
			name, attrs := gosax.Name(ev.Bytes)
			local := string(worksheet.LocalName(name)) // compared only: not allocated
			depth := open.Depth()
			open.Push(name)
			kind := int8(other)
			parent := int8(other)
			if depth > 0 && depth <= len(kinds) {
				parent = kinds[depth-1]
			}
			switch {
			case depth == 0:
				if local != "worksheet" || !worksheet.MainNamespace(name, attrs) {
					return nil, errScan // excelize would refuse it: let it say so
				}
				kind = rootElem
			case parent == rootElem && local == "dimension":
				ref, _ := worksheet.Attr(attrs, "ref")
				facts.dimRows = dimensionLastRow(ref)
			case parent == rootElem && local == "sheetData":
				if head {
					return facts, nil
				}
				kind = sheetData
			case parent == rootElem && local == "sheetFormatPr":
				z, _ := worksheet.Attr(attrs, "zeroHeight")
				zeroHeight = z == "1" || z == "true"
			case parent == rootElem && local == "mergeCells":
				kind = mergeCells
			case parent == rootElem && local == "cols":
				kind = colsElem
			case parent == rootElem && local == "sheetPr":
				kind = sheetPr
			case parent == sheetPr && local == "outlinePr":
				b, _ := worksheet.Attr(attrs, "summaryBelow")
				summaryAbove = b == "0" || b == "false"
			case parent == colsElem && local == "col":
				h, _ := worksheet.Attr(attrs, "hidden")
				hidden := h == "1" || h == "true"
				if narrow := zeroWidthCol(attrs); hidden || narrow {
					lo, _ := worksheet.Attr(attrs, "min")
					hi, _ := worksheet.Attr(attrs, "max")
					a, errA := strconv.Atoi(lo)
					b, errB := strconv.Atoi(hi)
					if errA != nil || errB != nil || a < 1 || b < a {
						return nil, errScan
					}
					if hidden {
						facts.hiddenCols = append(facts.hiddenCols, [2]int{a, b})
					} else {
						facts.narrowCols = append(facts.narrowCols, [2]int{a, b})
					}
				}
			case parent == mergeCells && local == "mergeCell":
				ref, err := worksheet.Attr(attrs, "ref")
				if err != nil {
					return nil, errScan
				}
				m, err := parseMergeRef(ref)
				if err != nil {
					return nil, errScan
				}
				facts.merges = append(facts.merges, m)
			case parent == sheetData && local == "row":
				r, err := worksheet.Attr(attrs, "r")
				if err != nil {
					return nil, errScan
				}
				if err := at.startRow(r); err != nil {
					return nil, err
				}
				hidden := hiddenRow(attrs, zeroHeight)
				if hidden {
					facts.hidden = append(facts.hidden, at.row)
				}
				if o := outlineOf(attrs, at.row, hidden); o.level > 0 || o.collapsed {
					outline = append(outline, o)
				}
				kind = row
			case parent == row && local == "c":
				kind = cell
				ref, typ, err := worksheet.CellAttrs(attrs)
				if err != nil {
					return nil, errScan
				}
				if err := at.cell(ref); err != nil {
					return nil, err
				}
				switch typ {
				case "", "n":
					facts.number.add(at.col, at.row)
				case "b":
					facts.boolean.add(at.col, at.row)
				}
				inlineCell, sharedCell = typ == "inlineStr", typ == "s" && len(marks.shared) > 0
				strCell, formulaCell = typ == "str", false
				if len(marks.styles) > 0 || len(marks.unseen) > 0 {
					if st, _ := worksheet.Attr(attrs, "s"); st != "" {
						if n, err := strconv.Atoi(st); err == nil {
							if marks.styles[n] {
								facts.struck.add(at.col, at.row)
							}
							if _, ok := marks.unseen[n]; ok {
								facts.noteUnseen(at.col, at.row, n)
							}
						}
					}
				}
			case parent == cell && local == "f":
				facts.formula.add(at.col, at.row)
				formulaCell = true
				if t, _ := worksheet.Attr(attrs, "t"); t == "array" {
					ref, _ := worksheet.Attr(attrs, "ref")
					if m, err := parseMergeRef(ref); err == nil && (m.c1 > m.c0 || m.r1 > m.r0) {
						facts.arrays = append(facts.arrays, arrayFormula{mergeRange: m, ref: ref})
						kind, inArray = arrayText, true
					}
				}
				if !inArray {
					kind, inFormula, formula = formulaText, true, formula[:0]
				}
			case parent == cell && (local == "v" || local == "is"):
				if at.row != valued {
					facts.valueRows++
					valued = at.row
				}
				if len(facts.arrays) > 0 && facts.inArray(at.col, at.row) != nil {
					facts.arrayValued.add(at.col, at.row)
				}
				if local == "v" && strCell && formulaCell {
					facts.calculated.add(at.col, at.row)
				}
				switch {
				case local == "is" && inlineCell:
					kind = inlineString
					strikes.begin()
				case local == "v" && sharedCell:
					kind = sharedIndex
					index, inIndex = index[:0], true
				}
			default:
				var err error
				if kind, err = strikes.open(parent, inlineString, local, attrs); err != nil {
					return nil, errScan
				}
			}
			if depth < len(kinds) {
				kinds[depth] = kind
			}
		case gosax.EventText, gosax.EventCData:
			switch {
			case strikes.inText:
				if err := strikes.addText(ev); err != nil {
					return nil, err
				}
			case inIndex:
				b, err := worksheet.Text(ev)
				if err != nil {
					return nil, errScan
				}
				index = append(index, b...)
			case inArray:
				b, err := worksheet.Text(ev)
				if err != nil {
					return nil, errScan
				}
				facts.arrays[len(facts.arrays)-1].formula += string(b)
			case inFormula:
				b, err := worksheet.Text(ev)
				if err != nil {
					return nil, errScan
				}
				formula = append(formula, b...)
			}
		case gosax.EventEnd:
			name, _ := gosax.Name(ev.Bytes)
			if !open.Pop(name) {
				return nil, errScan // mismatched end tag: a damaged part
			}
			if d := open.Depth(); d < len(kinds) {
				strikes.close(kinds[d])
				switch kinds[d] {
				case inlineString:
					facts.addStruckText(at.col, at.row, strikes.item())
				case arrayText:
					inArray = false
					facts.refs = formulaSheets(facts.arrays[len(facts.arrays)-1].formula, facts.refs)
				case formulaText:
					inFormula = false
					if bytes.IndexByte(formula, '!') >= 0 { // most formulas name no sheet: no string made
						facts.refs = formulaSheets(string(formula), facts.refs)
					}
				case sharedIndex:
					inIndex = false
					if n, err := strconv.Atoi(string(bytes.TrimSpace(index))); err == nil {
						facts.addStruckText(at.col, at.row, marks.shared[n])
					}
				}
			}
			if open.Depth() == 0 {
				if err := checkMerges(facts.merges); err != nil {
					return nil, err
				}
				facts.lastRow = at.row
				facts.folded = foldedRows(outline, summaryAbove)
				return facts, nil
			}
		}
	}
}

// formulaSheets returns refs with the sheets formula names that it has
// not: 低保名单 of VLOOKUP(F3,低保名单!B:C,2,0), 11月 名单 of '11月 名单'!A1.
// A sheet of another workbook ([1]Sheet1!A:B) is not this workbook's.
func formulaSheets(formula string, refs []string) []string {
	add := func(name string) {
		if name != "" && !strings.HasPrefix(name, "[") && !strings.Contains(name, "]") &&
			!slices.ContainsFunc(refs, func(r string) bool { return strings.EqualFold(r, name) }) {
			refs = append(refs, name)
		}
	}
	for i := 0; i < len(formula); i++ {
		if formula[i] != '!' {
			continue
		}
		if i > 0 && formula[i-1] == '\'' { // quoted: '11月 名单', a quote in it doubled
			j := i - 2
			for j >= 0 {
				if formula[j] == '\'' {
					if j > 0 && formula[j-1] == '\'' {
						j -= 2
						continue
					}
					break
				}
				j--
			}
			if j >= 0 {
				add(strings.ReplaceAll(formula[j+1:i-1], "''", "'"))
			}
			continue
		}
		j := i
		for j > 0 && !strings.ContainsRune(" =(),;:+-*/&<>^%{}\"!", rune(formula[j-1])) {
			j--
		}
		add(formula[j:i])
	}
	return refs
}

// dimensionLastRow returns the last row of a dimension reference ("A1:P12345"
// gives 12345), 0 for none, a bad one, or the placeholder A1.
func dimensionLastRow(ref string) int {
	_, last, _ := strings.Cut(ref, ":")
	if last == "" {
		if strings.EqualFold(strings.ReplaceAll(ref, "$", ""), "A1") {
			return 0
		}
		last = ref
	}
	_, row, err := excelize.CellNameToCoordinates(last)
	if err != nil {
		return 0
	}
	return row
}

// mergeRange is a merged range: the column and row of its top-left cell
// (c0, r0) and bottom-right cell (c1, r1), 1-based.
type mergeRange struct{ c0, r0, c1, r1 int }

// parseMergeRef reads a merged range's ref as excelize does: a single cell
// is a range of one, "$" is ignored, and the corners stay as written.
func parseMergeRef(ref string) (mergeRange, error) {
	if !strings.Contains(ref, ":") {
		ref += ":" + ref
	}
	parts := strings.Split(strings.ReplaceAll(ref, "$", ""), ":")
	c0, r0, err := excelize.CellNameToCoordinates(parts[0])
	if err != nil {
		return mergeRange{}, err
	}
	c1, r1, err := excelize.CellNameToCoordinates(parts[1])
	if err != nil {
		return mergeRange{}, err
	}
	return mergeRange{c0: c0, r0: r0, c1: c1, r1: r1}, nil
}

// checkMerges returns errScan when a merged range is written bottom-right
// first or two ranges overlap. Excel never writes either; excelize joins
// overlapping ranges in its own way, and for such a sheet the reader uses
// its answers. Ranges are swept by first row, keeping those still open.
func checkMerges(ms []mergeRange) error {
	order := make([]int, len(ms))
	for i, m := range ms {
		if m.c1 < m.c0 || m.r1 < m.r0 {
			return errScan
		}
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return ms[a].r0 - ms[b].r0 })
	var open []mergeRange
	for _, i := range order {
		m := ms[i]
		keep := open[:0]
		for _, o := range open {
			if o.r1 >= m.r0 {
				if o.c0 <= m.c1 && m.c0 <= o.c1 {
					return errScan
				}
				keep = append(keep, o)
			}
		}
		open = append(keep, m)
	}
	return nil
}

// topLeft returns the top-left cell of the merged range covering (col,
// row), or the cell itself: excelize answers for a covered cell with the
// type and formula of its range's top-left cell, and so does the scan.
func (s *sheetFacts) topLeft(col, row int) (int, int) {
	if len(s.merges) == 0 {
		return col, row
	}
	ms, ok := s.mergesByCol[col]
	if !ok {
		for _, m := range s.merges {
			if m.c0 <= col && col <= m.c1 {
				ms = append(ms, m)
			}
		}
		slices.SortFunc(ms, func(a, b mergeRange) int { return a.r0 - b.r0 })
		if s.mergesByCol == nil {
			s.mergesByCol = map[int][]mergeRange{}
		}
		s.mergesByCol[col] = ms
	}
	// The ranges of one column do not overlap: the last one starting at or
	// above row is the only one that can cover it.
	i, _ := slices.BinarySearchFunc(ms, row+1, func(m mergeRange, r int) int { return m.r0 - r })
	if i > 0 && ms[i-1].r1 >= row {
		return ms[i-1].c0, ms[i-1].r0
	}
	return col, row
}

// isNumber reports whether the cell is typed as a number.
func (s *sheetFacts) isNumber(col, row int) bool {
	return s.number.has(s.topLeft(col, row))
}

// mayBeFormula reports whether the cell holds a formula, or is a cell of
// an array formula's range without a value of its own (arrayUnvalued).
func (s *sheetFacts) mayBeFormula(col, row int) bool {
	if ref, _ := s.arrayUnvalued(col, row); ref != "" {
		return true
	}
	return s.formula.has(s.topLeft(col, row))
}

// hasResult reports whether the cell's formula has a result in the file,
// an empty one too (calculated).
func (s *sheetFacts) hasResult(col, row int) bool {
	return s.calculated.has(s.topLeft(col, row))
}

// minRowHeight is the height, in points, under which a row shows nothing
// legible (Excel's default is 13.5 to 15): ht="0", ht="1" and ht="0.1"
// hide a row as well as hidden="1" does.
const minRowHeight = 5

// hiddenRow reports whether a <row> (the bytes of its attributes) is
// hidden: hidden="1", as Excel writes a row hidden by hand or by a filter,
// or a height under minRowHeight, which shows nothing either; with zeroHeight
// (the sheet's rows are hidden by default) a row given no height.
func hiddenRow(attrs []byte, zeroHeight bool) bool {
	if h, _ := worksheet.Attr(attrs, "hidden"); h == "1" || h == "true" {
		return true
	}
	ht, _ := worksheet.Attr(attrs, "ht")
	if ht == "" {
		return zeroHeight
	}
	h, err := strconv.ParseFloat(ht, 64) // points: a height, compared only
	return err == nil && h < minRowHeight
}

// outlineRow is a row of a worksheet in an outline group (数据→组合), or
// the summary row that collapses one.
type outlineRow struct {
	row, level        int
	collapsed, hidden bool
}

// outlineOf reads a <row>'s (the bytes of its attributes) outline level
// and collapsed flag; hidden says whether it is hidden.
func outlineOf(attrs []byte, row int, hidden bool) outlineRow {
	o := outlineRow{row: row, hidden: hidden}
	if l, _ := worksheet.Attr(attrs, "outlineLevel"); l != "" {
		o.level, _ = strconv.Atoi(l)
	}
	c, _ := worksheet.Attr(attrs, "collapsed")
	o.collapsed = c == "1" || c == "true"
	return o
}

// foldedRows returns, of outline (the rows in a group or collapsing one,
// in order), those not hidden though in a group its summary row says is
// collapsed: the group below (above, with summaryAbove) a row of
// collapsed="1", the consecutive rows of a deeper level. Excel collapses a
// group by hiding its rows, and shows a row not hidden; but LibreOffice
// hides the rows of a collapsed group whatever they say, so a workbook
// written so shows them to some and not to others.
func foldedRows(outline []outlineRow, summaryAbove bool) []int {
	var out []int
	step := -1
	if summaryAbove {
		step = 1
	}
	for i, s := range outline {
		if !s.collapsed {
			continue
		}
		for j, next := i+step, s.row+step; j >= 0 && j < len(outline) && outline[j].row == next && outline[j].level > s.level; j, next = j+step, next+step {
			if !outline[j].hidden {
				out = append(out, outline[j].row)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// arrayFormula is an array formula over more than one cell: its range as
// written (ref) and as corners, and its formula, without the =.
type arrayFormula struct {
	mergeRange
	ref, formula string
}

// inArray returns the array formula whose range holds the cell, other than
// the range's first cell (which holds the formula itself), or nil.
func (s *sheetFacts) inArray(col, row int) *arrayFormula {
	for i := range s.arrays {
		a := &s.arrays[i]
		if a.c0 <= col && col <= a.c1 && a.r0 <= row && row <= a.r1 && (col != a.c0 || row != a.r0) {
			return a
		}
	}
	return nil
}

// arrayUnvalued returns the range and formula of the array formula whose
// range holds the cell, when the cell is not the range's first and has no
// value of its own: the formula was never calculated (a workbook written
// by a program that calculates nothing), and the cell reads as empty.
// Both are "" otherwise.
func (s *sheetFacts) arrayUnvalued(col, row int) (ref, formula string) {
	if len(s.arrays) == 0 {
		return "", ""
	}
	a := s.inArray(col, row)
	if a == nil || s.arrayValued.has(col, row) {
		return "", ""
	}
	return a.ref, a.formula
}

// isBool reports whether the cell is typed as a logical value.
func (s *sheetFacts) isBool(col, row int) bool {
	return s.boolean.has(s.topLeft(col, row))
}

// isStruck reports whether the cell's text is struck through.
func (s *sheetFacts) isStruck(col, row int) bool {
	return s.struck.has(s.topLeft(col, row))
}

// struckTextOf returns the struck text of the cell's string, "" when it
// has no struck run.
func (s *sheetFacts) struckTextOf(col, row int) string {
	if len(s.struckText) == 0 {
		return ""
	}
	c, r := s.topLeft(col, row)
	return s.struckText[[2]int{c, r}]
}

// cellStyle returns the cell's style when its text does not show
// (strikeMarks.unseen), false otherwise.
func (s *sheetFacts) cellStyle(col, row int) (int, bool) {
	st, ok := s.unseen[[2]int{col, row}]
	return st, ok
}

// noteUnseen notes st as the style of the cell, one whose text does not
// show.
func (s *sheetFacts) noteUnseen(col, row, st int) {
	if s.unseen == nil {
		s.unseen = map[[2]int]int{}
	}
	s.unseen[[2]int{col, row}] = st
}

// addStruckText notes text as the struck text of the cell; "" notes
// nothing.
func (s *sheetFacts) addStruckText(col, row int, text string) {
	if text == "" {
		return
	}
	if s.struckText == nil {
		s.struckText = map[[2]int]string{}
	}
	s.struckText[[2]int{col, row}] = text
}

// rowHidden reports whether the row is hidden.
func (s *sheetFacts) rowHidden(row int) bool {
	_, found := slices.BinarySearch(s.hidden, row)
	return found
}

// rowFolded reports whether the row is not hidden but inside a collapsed
// outline group (foldedRows).
func (s *sheetFacts) rowFolded(row int) bool {
	_, found := slices.BinarySearch(s.folded, row)
	return found
}

// colHidden reports whether the column (1-based) is hidden.
func (s *sheetFacts) colHidden(col int) bool {
	return slices.ContainsFunc(s.hiddenCols, func(r [2]int) bool { return r[0] <= col && col <= r[1] })
}

// colZeroWidth reports whether the column (1-based) has no width
// (zeroWidthCol).
func (s *sheetFacts) colZeroWidth(col int) bool {
	return slices.ContainsFunc(s.narrowCols, func(r [2]int) bool { return r[0] <= col && col <= r[1] })
}

// minColWidth is the width, in characters, under which a column given a
// width of its own (customWidth) shows nothing: Excel's default is about
// 8.43, and a column dragged shut is written width="0" or nearly.
const minColWidth = 0.5

// zeroWidthCol reports whether a <col> (the bytes of its attributes) is
// of no width though not hidden: width="0", or a custom width under
// minColWidth. Its cells show nothing on screen or on the printout, as a
// hidden column's do (noticeHiddenColumns).
func zeroWidthCol(attrs []byte) bool {
	w, _ := worksheet.Attr(attrs, "width")
	if w == "" {
		return false
	}
	width, err := strconv.ParseFloat(w, 64) // characters: compared only
	if err != nil {
		return false
	}
	c, _ := worksheet.Attr(attrs, "customWidth")
	return width <= 0 || (c == "1" || c == "true") && width < minColWidth
}

// cellSet is a set of cells small enough for a sheet of a million rows: a
// 64-bit mask per row that has any cell in the set, for columns A to BL,
// rows ascending, and a map for the rare cell further right.
type cellSet struct {
	rows  []int32
	masks []uint64
	wide  map[[2]int32]bool // {col, row}
}

// add puts a cell in the set. Rows must come in ascending order (the scan
// sees to it).
func (s *cellSet) add(col, row int) {
	if col > 64 {
		if s.wide == nil {
			s.wide = map[[2]int32]bool{}
		}
		s.wide[[2]int32{int32(col), int32(row)}] = true
		return
	}
	bit := uint64(1) << (col - 1)
	if n := len(s.rows); n > 0 && s.rows[n-1] == int32(row) {
		s.masks[n-1] |= bit
		return
	}
	s.rows = append(s.rows, int32(row))
	s.masks = append(s.masks, bit)
}

// has reports whether the cell is in the set.
func (s *cellSet) has(col, row int) bool {
	if col > 64 {
		return s.wide[[2]int32{int32(col), int32(row)}]
	}
	if col < 1 {
		return false
	}
	i, found := slices.BinarySearch(s.rows, int32(row))
	return found && s.masks[i]&(uint64(1)<<(col-1)) != 0
}
