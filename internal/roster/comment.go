package roster

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// Staff note a death or a stop in a cell's comment (批注: 已故（10月3日） on
// the 姓名, 本月停发 on the 备注) as often as in the 备注 itself. A comment
// shows only as a red corner, is not printed, and the program pays from the
// cells alone: such a person was paid without a word. A comment on any cell
// of a person's row is therefore read as a 备注 is (speaksOfDeath,
// readStopIn), and one that says the senior died or the payment stops
// holds the row (CodeCommentStop) until staff delete the row or the
// comment.

// CodeCommentStop is the code of the hold on a row a comment (批注) on one
// of whose cells says the payment stops (or the senior died, with a reason
// of its own to stop: 已迁出本区，11月3日去世).
const CodeCommentStop = "comment_stop"

// CodeCommentDeath is the code of the hold on a row a comment on one of
// whose cells says the senior died, and the row gives no 死亡日期
// (domain.DeathUndatedCode): once the date is given, the month of death is
// paid back to the heirs.
const CodeCommentDeath = "comment_death"

// threadedCommentLines mark the lines Excel 365 writes into the comment it
// keeps for older versions beside a threaded comment: a title
// ([Threaded comment], [线程批注]) and a notice with a link (…任何改动都将被
// 删除。了解详细信息: https://go.microsoft.com/fwlink/?linkid=870924), whose
// 删除 would read as a stop on every such comment.
var threadedCommentLines = []string{"go.microsoft.com/fwlink", "[Threaded comment]", "[线程批注]", "[线程注释]"}

// commentText returns what comment c says, as one line: its text and runs,
// without the author's name that Excel and WPS write first (Administrator:)
// nor the lines Excel adds to a threaded comment.
func commentText(c excelize.Comment) string {
	var b strings.Builder
	b.WriteString(c.Text)
	for _, run := range c.Paragraph {
		b.WriteString(run.Text)
	}
	text := strings.TrimSpace(b.String())
	if author := strings.TrimSpace(c.Author); author != "" {
		for _, colon := range []string{":", "："} {
			if rest, ok := strings.CutPrefix(text, author+colon); ok {
				text = rest
				break
			}
		}
	}
	var lines []string
	for _, line := range strings.Split(text, "\n") {
		if !containsAny(line, threadedCommentLines) {
			lines = append(lines, line)
		}
	}
	return strings.Join(strings.Fields(strings.Join(lines, "\n")), " ")
}

// holdCommentedRows holds the rows of sheet with a comment, on any of
// their cells, that says the senior died or the payment stops, as the
// 备注's reader reads it (not a stop from a later month, nor of one benefit,
// nor a move within the district). A death said on a row that gives a
// 死亡日期 agrees with it, and the date decides, as in a status column.
// Other comments (已核实) change nothing. The comments are read once, from
// the sheet's comments part: a sheet without one costs nothing.
func (r *reader) holdCommentedRows(f *excelize.File, sheet string) {
	comments, err := f.GetComments(sheet)
	if err != nil || len(comments) == 0 {
		return
	}
	type said struct {
		col         int // 0-based
		cell, text  string
		death, stop bool
		forDeath    bool // the stop is the death's (stopForDeath): a 死亡日期 decides
	}
	byRow := map[int][]said{}
	for _, c := range comments {
		col, row, err := excelize.CellNameToCoordinates(c.Cell)
		if err != nil {
			continue
		}
		text := commentText(c)
		if text == "" {
			continue
		}
		s := said{col: col - 1, cell: strings.ToUpper(strings.ReplaceAll(c.Cell, "$", "")), text: text,
			death: speaksOfDeath(text), stop: readStopIn(text, r.month).stop, forDeath: stopForDeath(text)}
		if s.death || s.stop {
			byRow[row] = append(byRow[row], s)
		}
	}
	if len(byRow) == 0 {
		return
	}
	for e := range r.sheetEntries(sheet) {
		row := e.Person.Source.Row
		cs := byRow[row]
		slices.SortFunc(cs, func(a, b said) int { return cmp.Compare(a.col, b.col) })
		cols := r.spans.at(row)
		for _, c := range cs {
			if c.death && (!c.stop || c.forDeath) && !e.Person.Death.IsZero() {
				continue
			}
			code, msg := CodeCommentStop, ""
			if c.death && (!c.stop || c.forDeath) {
				code = CodeCommentDeath
				msg = fmt.Sprintf("%s单元格的批注「%s」说此人已去世，但本行未填死亡日期，暂缓发放（批注不打印，核对时容易看漏）：请在「死亡日期」列填写死亡日期，不要删除本行（死亡当月仍发放：填写后该月随以后月份补发给遗属，删除本行则无人补发）；如本人健在、本月应当发放，请删除该批注后重新报送",
					c.cell, quoteUpTo(c.text, maxCommentShown))
			} else if c.death {
				msg = fmt.Sprintf("%s单元格的批注「%s」说此人已去世，本行暂缓发放（批注不打印，核对时容易看漏）：如已去世，请删除本行，或在「死亡日期」列填写死亡日期（死亡当月仍发放）；如本人健在、本月应当发放，请删除该批注后重新报送",
					c.cell, quoteUpTo(c.text, maxCommentShown))
			} else {
				msg = fmt.Sprintf("%s单元格的批注「%s」说此人停发或已迁出，本行暂缓发放（批注不打印，核对时容易看漏）：如应停发，请删除本行；如本月应当发放，请删除该批注后重新报送",
					c.cell, quoteUpTo(c.text, maxCommentShown))
			}
			var labels []string
			if len(r.spans) <= 1 {
				labels = r.labels // the sheet's one header: the row's
			}
			e.addAt(domain.Held, c.col, columnHeader(cols, c.col, labels), code, msg)
		}
	}
}

// maxCommentShown is how many characters of a comment a message quotes.
const maxCommentShown = 60

// quoteUpTo is s as a message quotes it: at most n characters.
func quoteUpTo(s string, n int) string {
	if rs := []rune(s); len(rs) > n {
		return string(rs[:n]) + "…"
	}
	return s
}

// columnHeader returns the header of column col (0-based) of a row that
// cols reads: its field's, or else its label among labels (nil when the
// header in force is not known to be the row's: "").
func columnHeader(cols *columns, col int, labels []string) string {
	for f, c := range cols {
		if Field(f) != FieldNone && c == col {
			return Field(f).Header()
		}
	}
	if col < len(labels) {
		return strings.TrimSpace(labels[col])
	}
	return ""
}
