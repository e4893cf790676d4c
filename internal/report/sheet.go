package report

import (
	"fmt"
	"os"

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

// sheetWriter writes cells of one sheet and keeps the first error, so a
// sequence of writes needs one check at the end.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

// cell returns the name of the cell at column col and row row (both 1-based).
func (w *sheetWriter) cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil && w.err == nil {
		w.err = err
	}
	return name
}

// style applies style id to one cell; id 0 leaves the default style.
func (w *sheetWriter) style(name string, id int) {
	if w.err == nil && id != 0 {
		w.err = w.f.SetCellStyle(w.sheet, name, name, id)
	}
}

// str writes s as a text cell (never converted to a number). An empty s
// leaves the cell blank but still styles it.
func (w *sheetWriter) str(col, row int, s string, style int) {
	name := w.cell(col, row)
	if w.err == nil && s != "" {
		w.err = w.f.SetCellStr(w.sheet, name, s)
	}
	w.style(name, style)
}

// strs writes a row of text cells from column 1, all with one style.
func (w *sheetWriter) strs(row int, style int, cells ...string) {
	for i, s := range cells {
		w.str(i+1, row, s, style)
	}
}

// int writes n as a number cell.
func (w *sheetWriter) int(col, row int, n int64, style int) {
	name := w.cell(col, row)
	if w.err == nil {
		w.err = w.f.SetCellInt(w.sheet, name, n)
	}
	w.style(name, style)
}

// num writes decimal text (e.g. "76.66") as the value of a number cell. The
// text is stored as written; it never passes through a float.
func (w *sheetWriter) num(col, row int, text string, style int) {
	name := w.cell(col, row)
	if w.err == nil {
		w.err = w.f.SetCellDefault(w.sheet, name, text)
	}
	w.style(name, style)
}

// widths sets the widths of columns A, B, ... in character units.
func (w *sheetWriter) widths(ws ...float64) {
	for i, width := range ws {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			w.err = err
			return
		}
		if w.err == nil {
			w.err = w.f.SetColWidth(w.sheet, col, col, width)
		}
	}
}

// freeze keeps rows 1..rows in view while scrolling.
func (w *sheetWriter) freeze(rows int) {
	if w.err != nil {
		return
	}
	top := w.cell(1, rows+1)
	w.err = w.f.SetPanes(w.sheet, &excelize.Panes{
		Freeze:      true,
		YSplit:      rows,
		TopLeftCell: top,
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
	})
}

// addSheet creates a sheet named name after the existing ones. It returns an
// error when the name is not a valid sheet name or is already taken (Excel
// compares sheet names ignoring case).
func addSheet(f *excelize.File, name string) (*sheetWriter, error) {
	if i, _ := f.GetSheetIndex(name); i != -1 {
		return nil, fmt.Errorf("sheet %q: name used twice", name)
	}
	if _, err := f.NewSheet(name); err != nil {
		return nil, fmt.Errorf("sheet %q: %w", name, err)
	}
	return &sheetWriter{f: f, sheet: name}, nil
}

// newWorkbook returns a new workbook whose first sheet is named first, and
// its styles.
func newWorkbook(first string) (*excelize.File, *sheetWriter, styles, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName(f.GetSheetName(0), first); err != nil {
		f.Close()
		return nil, nil, styles{}, fmt.Errorf("sheet %q: %w", first, err)
	}
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, nil, styles{}, err
	}
	return f, &sheetWriter{f: f, sheet: first}, st, nil
}

// save writes f to path and closes it; the first error wins.
// save writes f to path with mode 0644 (excelize's SaveAs would make it
// executable) and closes it; the first error wins.
func save(f *excelize.File, path string) error {
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err == nil {
		_, err = f.WriteTo(out)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// merge merges the cells from (c1, r1) to (c2, r2), 1-based.
func (w *sheetWriter) merge(c1, r1, c2, r2 int) {
	a, b := w.cell(c1, r1), w.cell(c2, r2)
	if w.err == nil && a != b {
		w.err = w.f.MergeCell(w.sheet, a, b)
	}
}

// printSetup makes the sheet print on A4 landscape, one page wide, with
// rows 1..titleRows repeated at the top of every page.
func (w *sheetWriter) printSetup(titleRows int) {
	if w.err != nil {
		return
	}
	size, orient, wide, tall := 9, "landscape", 1, 0 // 9 is A4 in OOXML paper sizes
	fit := true
	if w.err = w.f.SetSheetProps(w.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); w.err != nil {
		return
	}
	if w.err = w.f.SetPageLayout(w.sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); w.err != nil {
		return
	}
	if titleRows > 0 {
		w.err = w.f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$%d", w.sheet, titleRows), Scope: w.sheet,
		})
	}
}
