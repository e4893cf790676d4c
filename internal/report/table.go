package report

import (
	"fmt"
	"iter"
	"strconv"

	"github.com/shopspring/decimal"
)

// Table is an extra sheet of plain rows after the main sheets of a workbook
// (the month-over-month change lists, for example): a title line, a bold
// frozen header and the rows. Empty tables show "（无）" under the header so
// staff see the list was checked. Widths are column widths in characters.
//
// Rows come from Rows, then from Stream when it is set: Stream yields rows
// one at a time while the sheet is written, so a list of a million people
// (a 公示名单, a bank file) is never held whole as cells. It may be run more
// than once, and may reuse the slice it yields.
//
// With Run set, a line between the title and the header says who made the
// table and from which run, as on a benefit sheet (writeBenefit): 制表单位：
// Issuer, then Run (RunState), so that a page printed from a draft or a
// replaced run says so.
type Table struct {
	Name   string // sheet name
	Title  string
	Issuer string // 制表单位, with Run
	Run    string // RunState of the run the table comes from; "" for no such line
	Header []string
	Rows   [][]Cell
	Stream iter.Seq[[]Cell]
	Widths []float64
}

// RunState is how a sheet names the run it comes from and its state:
// 运行编号 12  草稿（未审批）, or 已审批：who and when when approval (who
// approved it and when) is not "".
func RunState(runID int64, approval string) string {
	return fmt.Sprintf("运行编号 %d  %s", runID, Department{RunID: runID, Approval: approval}.state())
}

// Cell is one cell of a Table: text, or a number given as exact decimal text.
// Money numbers get the 0.00 format.
type Cell struct {
	Text   string
	Number string
	Money  bool
}

// Text returns a text cell.
func Text(s string) Cell { return Cell{Text: s} }

// Int returns a number cell holding n.
func Int(n int) Cell { return Cell{Number: strconv.Itoa(n)} }

// Yuan returns a money cell holding d with two decimals.
func Yuan(d decimal.Decimal) Cell { return Cell{Number: d.StringFixed(2), Money: true} }

// Quantity returns a number cell holding d as written (kWh and other units).
func Quantity(d decimal.Decimal) Cell { return Cell{Number: d.String()} }

// writeTables adds each table as a sheet after the existing ones.
func writeTables(bk *book, tables []Table) error {
	for _, t := range tables {
		w, err := bk.sheet(t.Name)
		if err != nil {
			return err
		}
		if err := fillTable(w, bk.st, t); err != nil {
			return err
		}
	}
	return nil
}

// fillTable writes table t into the sheet of w.
func fillTable(w *sheetWriter, st styles, t Table) error {
	header := 2
	if t.Run != "" {
		header = 3
	}
	w.widths(t.Widths...)
	w.freeze(header)
	w.printSetup(header)
	w.str(1, 1, t.Title, st.title)
	if t.Run != "" {
		w.str(1, 2, "制表单位："+t.Issuer, 0)
		w.str(3, 2, t.Run, 0)
	}
	w.strs(header, st.header, t.Header...)
	row := header
	put := func(cells []Cell) bool {
		row++
		for j, c := range cells {
			writeCell(w, st, j+1, row, c)
		}
		return w.err == nil
	}
	for _, cells := range t.Rows {
		put(cells)
	}
	if t.Stream != nil {
		t.Stream(put)
	}
	if row == header {
		w.str(1, header+1, "（无）", 0)
	}
	if w.err != nil {
		return fmt.Errorf("sheet %s: %w", t.Name, w.err)
	}
	return nil
}

// writeCell writes c at column col, row row: a number (money with 0.00) or
// text kept as typed.
func writeCell(w *sheetWriter, st styles, col, row int, c Cell) {
	switch {
	case c.Number != "" && c.Money:
		w.num(col, row, c.Number, st.money)
	case c.Number != "":
		w.num(col, row, c.Number, 0)
	default:
		w.str(col, row, c.Text, st.text)
	}
}

// WriteTables writes a workbook whose sheets are tables, in order (the
// public notice lists, the bank disbursement file). Each sheet prints on A4
// landscape, one page wide, with its title and header repeated. It returns an
// error when there is no table or the file cannot be written.
func WriteTables(path string, tables ...Table) error {
	if len(tables) == 0 {
		return fmt.Errorf("write %s: no table", path)
	}
	bk, err := newBook()
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := writeTables(bk, tables); err != nil {
		bk.discard()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bk.save(path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
