package roster

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// printArea returns the rows of sheet its print area (页面布局→打印区域)
// prints, each range as first and last row, and its reference as written
// without the sheet's name; nil when it sets none, or one the reader cannot
// read (#REF!, another name): the whole sheet prints then.
func printArea(f *excelize.File, sheet string) ([][2]int, string) {
	for _, dn := range f.GetDefinedName() {
		if dn.Name != "_xlnm.Print_Area" || dn.Scope != sheet {
			continue
		}
		var rows [][2]int
		var shown []string
		for _, part := range strings.Split(dn.RefersTo, ",") {
			ref := strings.ReplaceAll(part[strings.LastIndex(part, "!")+1:], "$", "")
			lo, hi, ok := strings.Cut(ref, ":")
			if !ok {
				hi = lo
			}
			a, okA := refRow(lo, 1)
			b, okB := refRow(hi, excelize.TotalRows)
			if !okA || !okB || b < a {
				return nil, ""
			}
			rows = append(rows, [2]int{a, b})
			shown = append(shown, ref)
		}
		return rows, strings.Join(shown, ",")
	}
	return nil, ""
}

// refRow returns the row of one end of a range: a cell's (A1), a row's
// (12), or whole for a column's (A), which spans every row.
func refRow(ref string, whole int) (int, bool) {
	if n, err := strconv.Atoi(ref); err == nil {
		return n, n >= 1
	}
	if _, err := excelize.ColumnNameToNumber(ref); err == nil {
		return whole, true
	}
	_, row, err := excelize.CellNameToCoordinates(ref)
	return row, err == nil
}

// maxUnprintedShown is how many people outside the print area a notice
// names.
const maxUnprintedShown = 5

// noticeUnprinted tells (rows_not_printed), once per sheet, the rows of
// people outside the sheet's print area: they show on screen and are paid,
// but the printout the street checks and signs leaves them out, whether
// the area was set before the roster grew or to leave someone off.
func (r *reader) noticeUnprinted(f *excelize.File, sheet string) {
	area, ref := printArea(f, sheet)
	if area == nil {
		return
	}
	var names []string
	var rows []int
	for e := range r.sheetEntries(sheet) {
		row := e.Person.Source.Row
		printed := false
		for _, a := range area {
			printed = printed || a[0] <= row && row <= a[1]
		}
		if !printed {
			rows = append(rows, row)
			names = append(names, e.Person.Name)
		}
	}
	if len(rows) == 0 {
		return
	}
	shown := names
	if len(shown) > maxUnprintedShown {
		shown = shown[:maxUnprintedShown]
	}
	who := strings.Join(shown, "、")
	if len(names) > len(shown) {
		who += "等"
	}
	r.notice(domain.Location{File: r.wb.Name, Sheet: sheet}, "rows_not_printed",
		fmt.Sprintf("工作表「%s」设置了打印区域 %s，%s的%d人（%s）不在打印区域内：打印出来核对、签字的花名册上没有他们，程序照常读取、发放；请核对签字的打印件是否包括这些人员，并取消打印区域（页面布局→打印区域→取消打印区域）或把它扩大到整张表",
			sheet, ref, rowRanges(rows), len(names), who))
}

// rowRanges writes ascending rows for staff: 第8行、第31至33行.
func rowRanges(rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprintf("第%d行", rows[i]))
		} else {
			parts = append(parts, fmt.Sprintf("第%d至%d行", rows[i], rows[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, "、")
}
