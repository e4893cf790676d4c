package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
	"disburse/internal/idnumber"
)

// Sheet names of the exceptions workbook, in workbook order.
const (
	heldSheet     = "异常清单"
	noticeSheet   = "提示"
	filesSheet    = "文件"
	rejectedSheet = "拒收文件"
)

// none marks a list that was checked and found empty.
const none = "（无）"

// findingHeader is the header of the 异常清单 and 提示 sheets.
var findingHeader = []string{"序号", "文件", "工作表", "行号", "列", "姓名", "身份证号（原样）", "代码", "说明"}

// WriteExceptions writes the exceptions workbook (异常清单.xlsx) of the run
// runID for month to path. Its sheets, in order: 异常清单 (findings with
// Severity domain.Held: rows not paid this month), 提示 (domain.Notice), 文件
// (one row per input file: processed or rejected, rows read, SHA-256, reason)
// and 拒收文件 (domain.Rejected). Findings keep the order given; an empty list
// shows （无） under its header. Each sheet prints on A4 landscape, one
// page wide, with its title and header repeated. runID is recorded in the
// document properties. tables, if any, follow as extra sheets (the 待核实 list). It
// returns an error for a finding of any other Severity, and
// when the file cannot be written.
func WriteExceptions(path string, month domain.Month, runID int64, findings []domain.Finding, files []domain.InputFile, tables ...Table) error {
	bySeverity, err := splitFindings(findings)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bk, err := newBook()
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := writeExceptions(bk, month, runID, bySeverity, files); err != nil {
		bk.discard()
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

// splitFindings groups findings by severity, keeping their order.
func splitFindings(findings []domain.Finding) (map[domain.Severity][]domain.Finding, error) {
	by := map[domain.Severity][]domain.Finding{}
	for i, fd := range findings {
		switch fd.Severity {
		case domain.Held, domain.Notice, domain.Rejected:
			by[fd.Severity] = append(by[fd.Severity], fd)
		default:
			return nil, fmt.Errorf("finding %d (%s): unknown severity %q", i+1, fd.Code, fd.Severity)
		}
	}
	return by, nil
}

// writeExceptions writes the 异常清单 sheet and the other sheets into bk.
func writeExceptions(bk *book, month domain.Month, runID int64, by map[domain.Severity][]domain.Finding, files []domain.InputFile) error {
	st := bk.st
	if err := setProperties(bk.f, month, runID); err != nil {
		return err
	}
	held, err := bk.sheet(heldSheet)
	if err != nil {
		return err
	}
	title := month.Chinese() + "花名册异常清单（以下各行本月未发放，请核实更正后重新报送）"
	writeFindings(held, st, title, by[domain.Held])
	if held.err != nil {
		return fmt.Errorf("sheet %s: %w", heldSheet, held.err)
	}
	sheets := []struct {
		name  string
		write func(*sheetWriter)
	}{
		{noticeSheet, func(w *sheetWriter) {
			writeFindings(w, st, "提示（已照常处理，仅供核对；说明中请更正的，请在下月花名册中更正）", onHeldRows(by[domain.Notice], by[domain.Held]))
		}},
		{filesSheet, func(w *sheetWriter) { writeFiles(w, st, files) }},
		{rejectedSheet, func(w *sheetWriter) { writeRejected(w, st, by[domain.Rejected]) }},
	}
	for _, s := range sheets {
		w, err := bk.sheet(s.name)
		if err != nil {
			return err
		}
		s.write(w)
		if w.err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, w.err)
		}
	}
	return nil
}

// onHeldRows returns notices with the message of each notice on a row that
// held has a finding on (the row is held, 暂缓) said as of a held row
// (domain.OnHeldRow): a 备注 新增 or a 死亡日期 after the month on a row
// held for its 银行账号 told staff on 提示 that the row was paid, while
// 异常清单 listed it as not paid. A notice that does not say
// domain.PaidAsUsual is left as it is, and so is notices itself.
func onHeldRows(notices, held []domain.Finding) []domain.Finding {
	rows := map[domain.Location]bool{}
	for _, f := range held {
		if f.Where.Row > 0 {
			rows[f.Where.WholeRow()] = true
		}
	}
	var out []domain.Finding
	for i, f := range notices {
		if !rows[f.Where.WholeRow()] || !strings.Contains(f.Message, domain.PaidAsUsual) {
			continue
		}
		if out == nil {
			out = slices.Clone(notices)
		}
		out[i].Message = domain.OnHeldRow(f.Message)
	}
	if out == nil {
		return notices
	}
	return out
}

// setProperties records the month and run in the workbook's properties.
func setProperties(f *excelize.File, month domain.Month, runID int64) error {
	title := month.Chinese() + "花名册异常清单"
	err := f.SetDocProps(&excelize.DocProperties{
		Title:       title,
		Subject:     "运行编号 " + strconv.FormatInt(runID, 10),
		Description: fmt.Sprintf("%s 运行编号 %d", title, runID),
	})
	if err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	return nil
}

// writeFindings writes a title row, the header and one row per finding.
func writeFindings(w *sheetWriter, st styles, title string, findings []domain.Finding) {
	w.widths(6, 28, 12, 8, 18, 10, 22, 24, 60)
	w.freeze(2)
	w.printSetup(2)
	w.str(1, 1, title, st.title)
	w.strs(2, st.header, findingHeader...)
	numeric := numericIDRows(findings)
	for i, fd := range findings {
		writeFinding(w, st, i+1, i+3, fd, numeric)
	}
	if len(findings) == 0 {
		w.str(1, 3, none, 0)
	}
}

// writeFinding writes finding fd as row row with 序号 n; numeric holds
// the rows whose ID is in a number cell (numericIDRows).
func writeFinding(w *sheetWriter, st styles, n, row int, fd domain.Finding, numeric map[domain.Location]bool) {
	w.int(1, row, int64(n), 0)
	w.str(2, row, fd.Where.File, 0)
	w.str(3, row, fd.Where.Sheet, 0)
	if fd.Where.Row > 0 {
		w.int(4, row, int64(fd.Where.Row), 0)
	}
	w.str(5, row, columnLabel(fd.Where), 0)
	w.str(6, row, fd.Name, 0)
	w.str(7, row, idAsWritten(fd, numeric), st.text)
	w.str(8, row, fd.Code, 0)
	w.str(9, row, fd.Message, st.wrap)
}

// codeIDNumeric is the code of the finding on an ID typed into a number
// cell (roster's id_numeric).
const codeIDNumeric = "id_numeric"

// numericIDRows returns the rows (file, sheet, row) of findings whose ID
// was typed into a number cell: those with a finding codeIDNumeric.
func numericIDRows(findings []domain.Finding) map[domain.Location]bool {
	rows := map[domain.Location]bool{}
	for _, fd := range findings {
		if fd.Code == codeIDNumeric {
			rows[fd.Where.WholeRow()] = true
		}
	}
	return rows
}

// idAsWritten is asWritten of finding fd's ID, except that on a row of
// numeric (numericIDRows) an ID read as plain digits (140502195202136000,
// as a number cell of 18 digits may read) shows only the 15 digits Excel
// kept and a ? for each digit after them (140502195202136???): those were
// lost, and the zeros in their place were never typed.
func idAsWritten(fd domain.Finding, numeric map[domain.Location]bool) string {
	s := fd.AsWritten
	if len(s) > idnumber.ExcelDigits && strings.Trim(s, "0123456789") == "" &&
		numeric[fd.Where.WholeRow()] {
		return s[:idnumber.ExcelDigits] + strings.Repeat("?", len(s)-idnumber.ExcelDigits)
	}
	return asWritten(s)
}

// asWritten is a finding's ID cell as the 身份证号（原样） column shows it.
// An ID typed into a number cell reads as a number in exponent form
// (1.405021940020202e+17), which staff cannot match to anyone: it is shown
// as its whole digits instead, the full integer when no digit was lost (at
// most 15 digits, all of them written), otherwise the digits the cell
// still holds, at most the 15 Excel keeps, followed by a ? for each digit
// lost (140502194002020???). No digit is made up: the ID's own message
// (id_numeric) says the last ones are lost. Anything else is shown as
// written, with its invisible characters named (domain.ShowInvisible).
func asWritten(s string) string {
	if !strings.ContainsAny(s, "eE") {
		return domain.ShowInvisible(s)
	}
	whole, kept, ok := idnumber.NumberDigits(s)
	if !ok {
		return s
	}
	if len(whole) <= idnumber.ExcelDigits {
		return whole // Excel held every digit, and a float64 holds 15 exactly
	}
	return whole[:kept] + strings.Repeat("?", len(whole)-kept)
}

// wholeRow is the 列 of a finding about a whole row rather than one of
// its cells (a row after the 合计, a hidden row, a copy of another row).
const wholeRow = "整行"

// columnLabel returns "F 公民身份号码": the column letter and its header, or
// whichever of them is set; wholeRow for a finding about a row with
// neither, "" for one about a sheet or a file.
func columnLabel(l domain.Location) string {
	switch {
	case l.Column != "" && l.Header != "":
		return l.Column + " " + l.Header
	case l.Column != "":
		return l.Column
	case l.Header != "":
		return l.Header
	case l.Row > 0:
		return wholeRow
	}
	return ""
}

// writeFiles writes one row per input file.
func writeFiles(w *sheetWriter, st styles, files []domain.InputFile) {
	w.widths(28, 8, 10, 66, 60)
	w.freeze(1)
	w.printSetup(1)
	w.strs(1, st.header, "文件", "状态", "读取行数", "SHA-256", "原因")
	for i, in := range files {
		row := i + 2
		status := "已处理"
		if in.Rejected {
			status = "拒收"
		}
		w.strs(row, 0, in.Name, status)
		w.int(3, row, int64(in.RowsRead), 0)
		w.str(4, row, in.SHA256, st.text)
		w.str(5, row, in.Reason, st.wrap)
	}
	if len(files) == 0 {
		w.str(1, 2, none, 0)
	}
}

// writeRejected writes one row per rejected-file finding.
func writeRejected(w *sheetWriter, st styles, findings []domain.Finding) {
	w.widths(28, 24, 60)
	w.freeze(1)
	w.printSetup(1)
	w.strs(1, st.header, "文件", "代码", "说明")
	for i, fd := range findings {
		row := i + 2
		w.strs(row, 0, fd.Where.File, fd.Code)
		w.str(3, row, fd.Message, st.wrap)
	}
	if len(findings) == 0 {
		w.str(1, 2, none, 0)
	}
}

// SheetHeld is the name of the sheet HeldTable makes.
const SheetHeld = "暂缓发放"

// HeldTable lists findings (rows held this month: domain.Held) as the 异常清单
// does, for one street's verification copy: the street office is the one
// that corrects them before they can be paid.
func HeldTable(m domain.Month, findings []domain.Finding) Table {
	t := Table{Name: SheetHeld, Title: m.Chinese() + "暂缓发放的行（本街道花名册中有误，更正后方可发放）",
		Header: findingHeader, Widths: []float64{6, 28, 12, 8, 18, 10, 22, 24, 60}}
	numeric := numericIDRows(findings)
	for i, fd := range findings {
		row := Cell{}
		if fd.Where.Row > 0 {
			row = Int(fd.Where.Row)
		}
		t.Rows = append(t.Rows, []Cell{Int(i + 1), Text(fd.Where.File), Text(fd.Where.Sheet), row, Text(columnLabel(fd.Where)), Text(fd.Name), Text(idAsWritten(fd, numeric)), Text(fd.Code), Text(fd.Message)})
	}
	return t
}
