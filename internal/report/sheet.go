package report

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// styles are the cell styles of one workbook.
type styles struct {
	title     int // bold, larger: the title row
	titleMid  int // bold, larger, centred: a title merged across the sheet
	header    int // bold: header rows
	text      int // number format @: IDs and accounts, kept as typed
	money     int // number format 0.00: yuan
	moneyBold int // 0.00, bold: the 合计 row
	bold      int // bold: the 合计 row, other cells
	wrap      int // wrapped text: long explanations
}

// newStyles registers the styles of a workbook in f.
func newStyles(f *excelize.File) (styles, error) {
	var s styles
	defs := []struct {
		dst   *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.titleMid, excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&s.text, excelize.Style{NumFmt: 49}},
		{&s.money, excelize.Style{NumFmt: 2}},
		{&s.moneyBold, excelize.Style{NumFmt: 2, Font: &excelize.Font{Bold: true}}},
		{&s.bold, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&s.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return styles{}, fmt.Errorf("style: %w", err)
		}
		*d.dst = id
	}
	return s, nil
}

// sheetWriter writes one sheet through excelize's StreamWriter, so a sheet of
// a million lines is never held in memory as cells. Rows must be written in
// ascending order (the cells of one row in any order); the layout (widths,
// frozen rows, print setup) must be given before the first cell. It keeps
// the first error, so a sequence of writes needs one check at the end
// (close).
type sheetWriter struct {
	f      *excelize.File
	sheet  string
	sw     *excelize.StreamWriter // nil until the first row is written
	row    int                    // the row being filled; 0 before the first cell
	cells  []any                  // the cells of row, by column-1: nil or a pointer into buf
	buf    []excelize.Cell        // reused from row to row: no cell is boxed on its own
	merges [][2]string
	layout sheetLayout
	err    error
}

// sheetLayout is what a stream needs before its first row.
type sheetLayout struct {
	widths      []float64
	freeze      int  // rows kept in view while scrolling
	print       bool // A4 landscape, one page wide
	printTitles int  // rows repeated on every printed page
}

// cell returns the name of the cell at column col and row row (both 1-based).
func (w *sheetWriter) cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil && w.err == nil {
		w.err = err
	}
	return name
}

// put places v (an excelize.Cell) at column col of row row, writing out the
// row before when row is a later one.
func (w *sheetWriter) put(col, row int, v excelize.Cell) {
	if w.err != nil {
		return
	}
	switch {
	case col < 1 || row < 1:
		w.err = fmt.Errorf("cell (%d, %d) outside the sheet", col, row)
		return
	case row < w.row:
		w.err = fmt.Errorf("row %d written after row %d: a stream is written top to bottom", row, w.row)
		return
	case row > w.row:
		w.flushRow()
		w.row, w.cells = row, w.cells[:0]
	}
	for len(w.cells) < col {
		w.cells = append(w.cells, nil)
	}
	if col > len(w.buf) {
		buf := make([]excelize.Cell, max(col, 2*len(w.buf)))
		copy(buf, w.buf)
		w.buf = buf
		for i, c := range w.cells {
			if c != nil {
				w.cells[i] = &w.buf[i]
			}
		}
	}
	w.buf[col-1] = v
	w.cells[col-1] = &w.buf[col-1]
}

// flushRow writes the row being filled, if any.
func (w *sheetWriter) flushRow() {
	if w.err != nil || w.row == 0 || len(w.cells) == 0 {
		return
	}
	if w.start(); w.err == nil {
		w.err = w.sw.SetRow(w.cell(1, w.row), w.cells)
	}
}

// start opens the stream once, with the layout given so far.
func (w *sheetWriter) start() {
	if w.err != nil || w.sw != nil {
		return
	}
	if l := w.layout; l.print {
		size, orient, wide, tall := 9, "landscape", 1, 0 // 9 is A4 in OOXML paper sizes
		fit := true
		if w.err = w.f.SetSheetProps(w.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); w.err != nil {
			return
		}
		if w.err = w.f.SetPageLayout(w.sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); w.err != nil {
			return
		}
		if l.printTitles > 0 {
			w.err = w.f.SetDefinedName(&excelize.DefinedName{
				Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$%d", w.sheet, l.printTitles), Scope: w.sheet,
			})
			if w.err != nil {
				return
			}
		}
	}
	if w.sw, w.err = w.f.NewStreamWriter(w.sheet); w.err != nil {
		return
	}
	for i, width := range w.layout.widths {
		if w.err = w.sw.SetColWidth(i+1, i+1, width); w.err != nil {
			return
		}
	}
	if n := w.layout.freeze; n > 0 {
		top := w.cell(1, n+1)
		w.err = w.sw.SetPanes(&excelize.Panes{
			Freeze:      true,
			YSplit:      n,
			TopLeftCell: top,
			ActivePane:  "bottomLeft",
			Selection:   []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
		})
	}
}

// close writes the last row, the merged ranges, and ends the stream.
func (w *sheetWriter) close() error {
	w.flushRow()
	w.start()
	for _, m := range w.merges {
		if w.err == nil {
			w.err = w.sw.MergeCell(m[0], m[1])
		}
	}
	if w.err == nil {
		w.err = w.sw.Flush()
	}
	return w.err
}

// str writes s as a text cell (never converted to a number). An empty s
// leaves the cell blank but still styles it.
func (w *sheetWriter) str(col, row int, s string, style int) {
	c := excelize.Cell{StyleID: style}
	if s != "" {
		c.Value = s
	}
	w.put(col, row, c)
}

// strs writes a row of text cells from column 1, all with one style.
func (w *sheetWriter) strs(row int, style int, cells ...string) {
	for i, s := range cells {
		w.str(i+1, row, s, style)
	}
}

// int writes n as a number cell.
func (w *sheetWriter) int(col, row int, n int64, style int) {
	w.put(col, row, excelize.Cell{StyleID: style, Value: n})
}

// num writes decimal text (e.g. "76.66") as the value of a number cell; see
// numberValue for how it stays exact.
func (w *sheetWriter) num(col, row int, text string, style int) {
	v, err := numberValue(text)
	if err != nil {
		if w.err == nil {
			w.err = err
		}
		return
	}
	w.put(col, row, excelize.Cell{StyleID: style, Value: v})
}

// numberValue returns decimal text as a value excelize's StreamWriter writes
// as a number cell: an int64 when the text is an integer, else a float64.
// The StreamWriter accepts no other number type, so the float64 is only the
// carrier to the file: excelize writes it as the shortest decimal that reads
// back to the same float64, and numberValue returns an error unless that
// decimal is the text itself (less trailing zeros) — true of every amount of
// at most 15 significant digits, and checked, not assumed. Amounts are never
// computed in floating point.
func numberValue(text string) (any, error) {
	want := text
	if !strings.Contains(text, ".") { // amounts mostly have a point: ParseInt would fail, allocating its error
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return n, nil
		}
	} else {
		want = strings.TrimRight(strings.TrimRight(want, "0"), ".")
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || strconv.FormatFloat(f, 'f', -1, 64) != want || significant(want) > 15 {
		return nil, fmt.Errorf("number %q cannot be written exactly as a number cell", text)
	}
	return f, nil
}

// significant counts the significant digits of decimal text.
func significant(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' && (n > 0 || c != '0') {
			n++
		}
	}
	return n
}

// widths sets the widths of columns A, B, ... in character units. Like every
// layout call it must come before the first cell.
func (w *sheetWriter) widths(ws ...float64) {
	if w.laidOut() {
		w.layout.widths = ws
	}
}

// freeze keeps rows 1..rows in view while scrolling.
func (w *sheetWriter) freeze(rows int) {
	if w.laidOut() {
		w.layout.freeze = rows
	}
}

// printSetup makes the sheet print on A4 landscape, one page wide, with
// rows 1..titleRows repeated at the top of every page.
func (w *sheetWriter) printSetup(titleRows int) {
	if w.laidOut() {
		w.layout.print, w.layout.printTitles = true, titleRows
	}
}

// laidOut reports whether the layout may still change, recording an error
// when a cell was written already.
func (w *sheetWriter) laidOut() bool {
	if w.row != 0 && w.err == nil {
		w.err = fmt.Errorf("sheet %s: layout set after the first cell", w.sheet)
	}
	return w.err == nil
}

// book is a workbook being written, one sheet at a time: opening a sheet
// ends the one before.
type book struct {
	f   *excelize.File
	st  styles
	cur *sheetWriter
}

// newBook returns an empty workbook and its styles. It is zipped with
// deflate at its fastest level: the workbooks are mostly repeated markup,
// which the fastest level still shrinks well, and compressing at the default
// level took a tenth of a run.
func newBook() (*book, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &book{f: f, st: st}, nil
}

// sheet ends the sheet being written and starts one named name after it.
// It returns an error when the name is not a valid sheet name or is already
// taken (Excel compares sheet names ignoring case).
func (b *book) sheet(name string) (*sheetWriter, error) {
	if b.cur != nil {
		if err := b.cur.close(); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", b.cur.sheet, err)
		}
		if i, _ := b.f.GetSheetIndex(name); i != -1 {
			return nil, fmt.Errorf("sheet %q: name used twice", name)
		}
		if _, err := b.f.NewSheet(name); err != nil {
			return nil, fmt.Errorf("sheet %q: %w", name, err)
		}
	} else if err := b.f.SetSheetName(b.f.GetSheetName(0), name); err != nil {
		return nil, fmt.Errorf("sheet %q: %w", name, err)
	}
	b.cur = &sheetWriter{f: b.f, sheet: name}
	return b.cur, nil
}

// save ends the last sheet and writes the workbook to path with mode 0644
// (excelize's SaveAs would make it executable), then closes it; the first
// error wins.
func (b *book) save(path string) error {
	var err error
	if b.cur != nil {
		if err = b.cur.close(); err != nil {
			err = fmt.Errorf("sheet %s: %w", b.cur.sheet, err)
		}
	}
	if err == nil {
		var out *os.File
		out, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err == nil {
			err = out.Chmod(0o644) // readable by staff on a share, whatever the operator's umask
			if err == nil {
				err = zipTo(b.f, bufio.NewWriterSize(out, 1<<16))
			}
			if cerr := out.Close(); err == nil {
				err = cerr
			}
		}
	}
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// zipTo zips f straight into w. excelize's WriteTo and SaveAs build the
// whole zip in a bytes.Buffer first, which for a million-line workbook is a
// hundred megabytes held at once; its zip-writer hook lets the entries go to
// w as they are deflated, and the buffer it hands over stays empty. (The one
// thing excelize does with that buffer afterwards is mark entries over 4 GiB
// as zip64 in their local headers; a sheet holds at most Excel's 1,048,576
// rows, and ours are a few hundred bytes each.)
func zipTo(f *excelize.File, w *bufio.Writer) error {
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return fastZip(w) })
	buf, err := f.WriteToBuffer()
	if err == nil && buf.Len() != 0 {
		err = fmt.Errorf("zip: %d bytes left in excelize's buffer", buf.Len())
	}
	if err == nil {
		err = w.Flush()
	}
	return err
}

// fastZip is a zip writer that deflates at flate.BestSpeed, with deflaters
// taken from flaters: a workbook is some twenty zip entries, and a new
// deflater for each costs a megabyte. The deflater is klauspost/compress's,
// a drop-in for the standard library's: on a department sheet of 29 MB of
// XML it deflates 2.3 times as fast (600 against 260 MB/s), to 2% fewer
// bytes.
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		fw, ok := flaters.Get().(*flate.Writer)
		if !ok {
			var err error
			if fw, err = flate.NewWriter(out, flate.BestSpeed); err != nil {
				return nil, err
			}
		} else {
			fw.Reset(out)
		}
		return &pooledFlater{fw}, nil
	})
	return zw
}

// flaters holds *flate.Writer at flate.BestSpeed for reuse.
var flaters sync.Pool

// pooledFlater returns its deflater to flaters when closed.
type pooledFlater struct{ *flate.Writer }

// Close flushes the deflate stream and gives the deflater back.
func (p *pooledFlater) Close() error {
	err := p.Writer.Close()
	flaters.Put(p.Writer)
	p.Writer = nil
	return err
}

// discard drops the workbook unwritten.
func (b *book) discard() { b.f.Close() }

// merge merges the cells from (c1, r1) to (c2, r2), 1-based, when the
// stream ends.
func (w *sheetWriter) merge(c1, r1, c2, r2 int) {
	a, b := w.cell(c1, r1), w.cell(c2, r2)
	if w.err == nil && a != b {
		w.merges = append(w.merges, [2]string{a, b})
	}
}
