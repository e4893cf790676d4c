package roster

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/worksheet"
)

// headerSearchRows is how many rows from the top of a sheet are searched for
// the header row.
const headerSearchRows = 10

// Entry is one data row of a roster after parsing: a Person when the row can
// be paid, and the findings that hold it otherwise (Held true). Every data
// row read becomes exactly one Entry.
type Entry struct {
	Person   domain.Person // valid ID and fields when !Held; ID may be empty when the ID itself is bad
	Held     bool
	Findings []domain.Finding
	RawID    string // the ID cell as written
	// Alive is a 备注 that says 健在: staff confirm the senior is alive,
	// against a 死亡日期 an earlier month recorded (death_on_record).
	Alive bool
	// Resumes is a 备注 that resumes the payment (恢复发放, 继续发放) with
	// no stop after it: staff's word against a stop announced in an
	// earlier month (stop_announced).
	Resumes bool
	// AccountConfirmed is a 备注 that says the 银行账号 is the person's own
	// (账号已核实, 系本人账号): staff's word against account_changed_hands.
	AccountConfirmed bool
	sheetIdx         int
	hiddenSheet      bool        // on a hidden roster sheet: held (holdHiddenSheet)
	empty            []blankCell // cells read empty: a formula without a cached value reads empty too
	cols             *columns    // the column map that read the row, shared with the rows it read; nil for a row of no person
	movedTo          string      // a place within the district the 备注 says the senior moved to (readRemark)
	meterNumber      string      // the digits of a 户号 typed into a number cell, taken as not given (meterNumbersKnown)
	seq              string      // the 序号 as written: a note below the table may name the row by it (3号王秀英已死亡)
	note             bool        // its 姓名 or ID cell is a note (noteCell), read as one besides: no one a note may name
}

// Add gives e a finding about its whole row: a notice, or with severity
// domain.Held a reason that holds it (not paid, listed on 异常清单). It
// is for checks made after the rosters are read, against what was
// recorded before; Consolidate then treats the row as any held row.
func (e *Entry) Add(sev domain.Severity, code, msg string) {
	e.add(sev, nil, FieldNone, code, msg)
}

// AddAt gives e a finding as Add does, placed at the column of field f on
// e's sheet (its letter and header, so that 异常清单 names the cell to
// correct), or at the row when the sheet has no such column: for a check
// made after the rosters are read that is about one cell, as a stop an
// earlier month's 备注 announced is about this row's 备注.
func (e *Entry) AddAt(sev domain.Severity, f Field, code, msg string) {
	if e.cols == nil {
		f = FieldNone
	}
	e.add(sev, e.cols, f, code, msg)
}

// add gives e a finding of severity sev (Held also holds the row), placed
// at e's row and, when f is a column of cols, at that column and header.
// blankCell is a cell of a row that read empty and that a decision reads:
// a field's column, a remark column or a status column. col is 0-based;
// field is FieldNone for a remark or status column past the first.
type blankCell struct {
	col    int
	field  Field
	header string
}

// addAt gives e a finding at column col (0-based) under header, for a
// column that is no Field of its own (a second remark column, a status
// column).
func (e *Entry) addAt(sev domain.Severity, col int, header, code, msg string) {
	e.add(sev, nil, FieldNone, code, msg)
	w := &e.Findings[len(e.Findings)-1].Where
	w.Column, w.Header = columnLetter(col), header
}

// addCell gives e a finding about the cell at column col as addAt does,
// under the standard header of field f when the column is one (FieldNone:
// header, as written), as add places it: what held the row then says
// which column it was about (doubtsStatuses).
func (e *Entry) addCell(sev domain.Severity, col int, f Field, header, code, msg string) {
	if f != FieldNone {
		header = f.Header()
	}
	e.addAt(sev, col, header, code, msg)
}

func (e *Entry) add(sev domain.Severity, cols *columns, f Field, code, msg string) {
	where := e.Person.Source
	if f != FieldNone && cols[f] >= 0 {
		where.Column, where.Header = columnLetter(cols[f]), f.Header()
	}
	if sev == domain.Held {
		e.Held = true
	}
	e.Findings = append(e.Findings, domain.Finding{Severity: sev, Code: code, Where: where, Name: e.Person.Name, AsWritten: e.RawID, Message: msg})
}

// Workbook is what ReadFile returns for a workbook it could read: its
// entries in sheet then row order, the notices about the workbook (sheets
// skipped, blank template rows), and the number of data rows read (entries,
// not counting blank and 合计 rows).
type Workbook struct {
	Name      string
	Entries   []Entry
	Trainings []TrainingEntry // rows of training rosters (list item 20), if any
	Statuses  []Status        // rows of other agencies' status lists, if any
	Notices   []domain.Finding
	RowsRead  int
	// MissingColumns are the notices of the roster sheets that have no
	// column of a field that decides money (低保类别, 自理能力, 残疾等级, 户号,
	// 银行账号: moneyColumns), one per sheet and field, each naming the
	// sheet's unrecognised columns as the likely one: everyone on the
	// sheet is computed as if the column were empty, so the run tells them
	// apart from the other notices, with ！！ in its summary
	// (MissingColumnCode).
	MissingColumns []domain.Finding
	// RowsSHA256 is the SHA-256, in hex, of what was read from every row
	// below a header, in order (rowsSHA256): two files with the same one
	// hold the same people with the same values, whatever their titles,
	// sheet names, file bytes or cell formats (a roster saved again under
	// another name, or exported as CSV beside itself).
	RowsSHA256 string
}

// RejectError says why a whole workbook was not read, in Chinese for staff,
// with a stable Code.
type RejectError struct {
	File    string
	Code    string
	Message string
	Err     error
}

// Error gives the file, the message, the code and the cause.
func (e *RejectError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s (%s): %v", e.File, e.Message, e.Code, e.Err)
	}
	return fmt.Sprintf("%s: %s (%s)", e.File, e.Message, e.Code)
}

// Unwrap returns the cause, if any.
func (e *RejectError) Unwrap() error { return e.Err }

// Finding returns the rejection as a Rejected finding for the exceptions
// workbook.
func (e *RejectError) Finding() domain.Finding {
	return domain.Finding{Severity: domain.Rejected, Code: e.Code, Where: domain.Location{File: e.File}, Message: e.Message}
}

// ReadFile reads the roster workbook at path (shown to staff as name) for the
// payout month, matching headers with h (nil for the built-in headers). It returns a *RejectError when the workbook as a whole
// cannot be used: not an .xlsx file, an old binary .xls, a damaged file, or
// no sheet with both 姓名 and 公民身份号码 columns. Problems of single rows
// are never errors: they are held entries.
func ReadFile(path, name string, month domain.Month, h *Headers) (*Workbook, error) {
	return ReadFileProgress(path, name, month, h, nil)
}

// Progress is told how far the reading of one file has come: rowsDone
// rows of its sheets passed so far, of rowsTotal in all. Rows are sheet
// rows (header, blank and 合计 rows included), not people. rowsTotal is the
// sum of the row counts the sheets declare in their <dimension>; a sheet
// that declares none (streaming writers leave A1 there) is counted once the
// pre-scan of that sheet has found its last row, before its rows are read.
// Until every sheet is counted rowsTotal is 0 (unknown), so a short first
// sheet (a 填表说明) never looks like the whole file. A sheet counts
// whole once it is done, even when reading stopped early (a 填表说明 or a
// hidden sheet), so rowsDone ends at rowsTotal when that is known; it may
// pass rowsTotal when a sheet declares too few rows. For a CSV file, rows
// are records and rowsTotal is their number.
type Progress func(rowsDone, rowsTotal int)

// progressEvery is how many rows pass between two calls of a Progress.
const progressEvery = 250

// scanWorksheets turns the streaming scan of worksheets on (see
// sheetscan.go); tests turn it off to compare with excelize's answers.
var scanWorksheets = true

// ReadFileProgress is ReadFile telling p, when not nil, how far it has
// come: at most every 1000 rows and at the end of each sheet, on the
// calling goroutine. Once a sheet gets the file rejected, p is not called
// again. Its result and errors are those of ReadFile.
func ReadFileProgress(path, name string, month domain.Month, h *Headers, p Progress) (*Workbook, error) {
	kind, err := sniff(path, name)
	if err != nil {
		return nil, err
	}
	if h == nil {
		h = defaultHeaders
	}
	r := reader{wb: &Workbook{Name: name}, month: month, h: h, progress: p}
	if kind == kindCSV {
		return r.csv(path)
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedXML})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, &RejectError{File: name, Code: "file_too_large", Message: "工作簿解压后超过大小上限，可能已损坏或不是花名册；请检查后重新保存为 .xlsx", Err: err}
		}
		return nil, &RejectError{File: name, Code: "file_unreadable", Message: "无法打开：文件已损坏或未复制完整，请重新保存为 .xlsx 后放入", Err: err}
	}
	defer f.Close()
	r.strike, r.unseen = styleMarks(f)
	if scanWorksheets {
		r.parts = openParts(path)
		defer r.parts.Close()
		if r.parts != nil {
			r.parts.marks.styles = r.strike
			r.parts.marks.unseen = r.unseen
		}
	}
	props, _ := f.GetWorkbookProps()
	r.date1904 = props.Date1904 != nil && *props.Date1904
	rosters, hidden := 0, []string(nil) // hidden: the hidden roster, list and training sheets
	var rosterSheets, hiddenRosters []string
	sheets := f.GetSheetList()
	if p != nil {
		r.sheetRows = make([]int, len(sheets))
		for i, sheet := range sheets {
			r.sheetRows[i] = r.parts.dimensionRows(sheet)
		}
	}
	for idx, sheet := range sheets {
		found, err := r.sheet(f, idx, sheet)
		if rej := r.damagedFile(); rej != nil {
			return nil, rej // a damaged cell may make any other error
		}
		var rej *RejectError
		if errors.As(err, &rej) {
			return nil, rej
		}
		if notWorksheet(err, sheet) {
			r.notice(domain.Location{File: r.wb.Name, Sheet: sheet}, "sheet_skipped",
				"工作表「"+sheet+"」是图表工作表（整页是一张图表，没有单元格），未作为花名册读取")
			continue
		}
		if err != nil {
			return nil, &RejectError{File: name, Code: "file_unreadable", Message: "读取工作表「" + sheet + "」出错，请重新保存为 .xlsx 后放入", Err: err}
		}
		switch found {
		case sheetRoster:
			rosterSheets = append(rosterSheets, sheet)
			rosters++
		case sheetTraining, sheetStatus:
			rosters++
		case sheetHiddenRoster:
			hiddenRosters = append(hiddenRosters, sheet)
			hidden = append(hidden, sheet)
		case sheetHidden:
			hidden = append(hidden, sheet)
		}
	}
	if rej := r.damagedFile(); rej != nil {
		return nil, rej
	}
	unused := unusedSheets(notAside(rosterSheets), r.titles, month)
	for _, s := range rosterSheets {
		if msg := otherMonthRead(s, rosterSheets, r.titles, month); msg != "" && unused[s] == "" {
			r.notice(domain.Location{File: r.wb.Name, Sheet: s}, "title_month_other", msg)
		}
	}
	maps.Copy(unused, hiddenOtherMonths(hiddenRosters, r.titles, month))
	aside := r.asideSheets(rosterSheets, hiddenRosters, unused)
	for s, a := range aside {
		unused[s] = a.msg
	}
	passedOver := r.rowsOn(unused)
	r.dropSheets(unused, aside)
	if rej := r.copiedSheets(rosterSheets, unused); rej != nil {
		return nil, rej
	}
	if rosters == 0 && len(hidden) > 0 {
		return nil, &RejectError{File: name, Code: "file_only_hidden", Message: "花名册所在的工作表「" + strings.Join(hidden, "」「") + "」是隐藏的，没有读取；如其中人员应当发放，请在 Excel 中取消隐藏（右击任一工作表标签，选“取消隐藏”；列表中没有它的，是用宏设为深度隐藏的，请制表人取消后重新保存）后重新放入"}
	}
	if rosters == 0 {
		return nil, &RejectError{File: name, Code: "file_no_roster", Message: "没有找到花名册：任何工作表的前10行中都没有同时包含「姓名」和「公民身份号码」（或身份证号码）的表头行"}
	}
	// An agency list whose every row is unusable (status_row_invalid) has
	// rows all the same: each is told in 异常清单 with what to correct, not
	// the file refused as a roster with nobody on it (and "no need to send
	// it" when the month has no one), which a death list so refused said.
	listRows := slices.ContainsFunc(r.wb.Notices, func(f domain.Finding) bool { return f.Code == CodeStatusRowInvalid })
	if len(r.wb.Entries) == 0 && len(r.wb.Trainings) == 0 && len(r.wb.Statuses) == 0 && !listRows {
		// A street's roster with nobody on it would make the street vanish
		// from the month without a word.
		if msg := r.passedOverMessage(rosterSheets, hiddenRosters, unused, passedOver); msg != "" {
			return nil, &RejectError{File: name, Code: "file_no_people", Message: msg}
		}
		where := "花名册"
		if len(rosterSheets) > 0 {
			where = "花名册工作表「" + strings.Join(rosterSheets, "」「") + "」"
		}
		return nil, &RejectError{File: name, Code: "file_no_people", Message: where + "只有表头，表头下没有任何人员行（合计、空行不算）；如人员漏填或在其他工作表中，请补上后重新放入；如本月确无人员，无需报送此文件"}
	}
	return r.rowsRead(), nil
}

// rowsOn returns, of the sheets in unused, those that hold rows read
// (entries), each with how many.
func (r *reader) rowsOn(unused map[string]string) map[string]int {
	out := map[string]int{}
	for i := range r.wb.Entries {
		if s := r.wb.Entries[i].Person.Source.Sheet; unused[s] != "" {
			out[s]++
		}
	}
	return out
}

// passedOverMessage is the refusal (file_no_people) of a workbook whose
// roster sheets read hold nobody while a sheet set aside (unusedSheets,
// hiddenOtherMonths) holds people, passedOver giving how many rows each
// such sheet holds: this month's sheet left as an empty template beside
// last month's with the people. It names the sheet read and why it was
// chosen (named for the month paid, or for none, or a revision) and the
// sheet with the people and why it was passed over, so staff rename or
// move the sheet rather than read 只有表头 of a sheet that holds 60 people.
// It is "" when no sheet set aside holds anyone.
func (r *reader) passedOverMessage(rosterSheets, hiddenRosters []string, unused map[string]string, passedOver map[string]int) string {
	if len(passedOver) == 0 {
		return ""
	}
	m := r.month
	var read, why []string
	for _, s := range rosterSheets {
		if unused[s] != "" {
			continue
		}
		read = append(read, s)
		months := sheetNamed(s, rosterSheets, r.titles, m)
		switch {
		case slices.Contains(months, m) && containsAny(s, revisionWords):
			why = append(why, "「"+s+"」是本月（"+m.Chinese()+"）修改后的工作表")
		case slices.Contains(months, m):
			why = append(why, "「"+s+"」的名称或标题写的是本月（"+m.Chinese()+"）")
		case len(months) == 0:
			why = append(why, "「"+s+"」的名称和标题没有写别的月份")
		}
	}
	if len(read) == 0 {
		return ""
	}
	var over, names []string
	rename, unhide := false, false
	for _, s := range slices.Concat(rosterSheets, hiddenRosters) {
		n := passedOver[s]
		if n == 0 {
			continue
		}
		names = append(names, "「"+s+"」")
		what := fmt.Sprintf("工作表「%s」（%d行人员）", s, n)
		if slices.Contains(hiddenRosters, s) {
			what, unhide = "隐藏的"+what, true
		}
		if months := sheetNamed(s, slices.Concat(rosterSheets, hiddenRosters), r.titles, m); len(months) > 0 && !slices.Contains(months, m) {
			what += "的名称或标题写的是" + months[0].Chinese() + "，不是本月，未读取"
			rename = true
		} else {
			what += "另有修改后的本月工作表，未读取"
		}
		over = append(over, what)
	}
	fix := "请"
	if unhide {
		fix += "取消隐藏、"
	}
	if rename {
		fix += "把它改名为本月（改正标题），并"
	}
	chosen := ""
	if len(why) > 0 {
		chosen = "（" + strings.Join(why, "；") + "）"
	}
	msg := "本工作簿按工作表「" + strings.Join(read, "」「") + "」发放" + chosen + "，但该表只有表头，表头下没有任何人员行（合计、空行不算）；有人员的" + strings.Join(over, "；") +
		"。如" + strings.Join(names, "") + "中就是本月（" + m.Chinese() + "）应发放的人员，" + fix + "删除只有表头的工作表「" + strings.Join(read, "」「") + "」（或把人员移入该表）后重新放入；如本月确无人员，无需报送此文件"
	return msg
}

// notWorksheet reports whether err is excelize's refusal of sheet as no
// worksheet: a chart sheet (a sheet that is one chart, with no cells), or
// a dialog or macro sheet of an old workbook. excelize tells it only by
// its message, and compares the message itself.
func notWorksheet(err error, sheet string) bool {
	return err != nil && err.Error() == "sheet "+sheet+" is not a worksheet"
}

type sheetKind int

const (
	sheetOther sheetKind = iota
	sheetPartial
	sheetRoster
	sheetTraining
	sheetStatus
	sheetHidden       // a list or training sheet that is hidden: not read
	sheetHiddenRoster // a roster sheet that is hidden: read, its rows held (holdHiddenSheet)
)

type reader struct {
	titles   map[string]string // by sheet, its first line above the header: 东街街道2026年10月老年人补贴花名册
	h        *Headers
	wb       *Workbook
	month    domain.Month
	date1904 bool
	parts    *workbookParts      // nil for a CSV file, or when the scan cannot find the sheets
	kinds    cellKinds           // of the sheet being read; nil for a CSV file
	strike   map[int]bool        // cell styles struck through (styleMarks)
	unseen   map[int]unseenStyle // cell styles whose text does not show (styleMarks)
	above    rowAbove            // the person row read last (meterAbove)
	// damaged holds, by sheet in order, the cells naming a shared string
	// the workbook lacks (noteDamage): the workbook is refused.
	damaged []sheetDamage

	// twins are the second columns of fields the header of the sheet
	// being read gives twice (checkHeader).
	twins []twin
	// remarks are the remark columns besides the first (Headers.remarks).
	remarks []int
	// statusCols are the unknown columns that speak of the senior's
	// status (Headers.statusColumns): a row where one says a death or a
	// stop is held.
	statusCols []statusColumn
	// marks are the statuses the header in force gives as check marks
	// per kind (低保 over 城市 and 农村), by field (markColumns); the
	// field's column in the column map is the first of them.
	marks map[Field][]markColumn
	// ticked is, by status, the first cell of the sheet being read with
	// a tick (√) in the status's own column, read as a value (not as
	// marks per kind), and kinded whether any cell there names a kind
	// (城市低保): a column of ticks alone is refused (tickedStatus).
	ticked map[Field]tickedCell
	kinded map[Field]bool

	// labels are the cells of the header in force (checkHeader): a
	// column without one holds nothing the roster asked for.
	labels []string

	// refs are, by sheet read, the sheets of the workbook its formulas
	// name (sheetFacts.refs): a lookup table is no roster (asideSheets).
	refs map[string][]string

	// spans are the column maps of the roster sheet last scanned, each
	// with the first row it reads: a sheet may hold two tables one under
	// the other whose headers order the columns differently.
	spans headerSpans

	// shared is a copy of the column map last given to an entry
	// (sharedColumns): the rows one header reads point to one copy.
	shared *columns

	// notes are the rows of the roster sheets read that are no person's
	// (keepNote): a note below the table may say someone died
	// (holdNamedInNotes).
	notes []note

	// headersAgain are the rows of the sheet last scanned that repeat its
	// header below the data (a repeated header and its second row): a
	// section under a heading passes over them (holdStopSections).
	headersAgain []int

	// written marks, by row number, the rows of the sheet last scanned
	// that hold any text: a row not marked is blank (holdStopSections).
	written []bool

	// headed are, by sheet and row, the rows of people held under a note
	// row that heads them as people not to pay (holdStopSections): the
	// note's notice names them (holdNamedInNotes).
	headed map[domain.Location][]string
	// headedDated is, by the same headings, the rows under them that give
	// a 死亡日期 and are paid through the month of death, not held: the
	// heading still spoke of them, and its notice says so rather than that
	// it named nobody.
	headedDated map[domain.Location][]string

	// missing are the notices of the money columns the sheet being read
	// has no column of (noteMissing), the workbook's once the sheet is
	// known to be a roster (missingDone).
	missing []domain.Finding

	// totalRow is the row of the sheet being read that holds its last 合计
	// or 总计 so far, 0 before one is met: the people below it are not in
	// the total the street signed, and are told of the total just above
	// them (a sheet may total each page).
	totalRow  int
	totalWord string // the word of totalRow's row: 合计 or 总计

	progress  Progress // may be nil; the rest is for it
	sheetRows []int    // each sheet's rows by its dimension or its pre-scan, 0 when unknown yet
	rowsDone  int      // rows of the sheets done
}

// rowsTotal is the rows of all sheets, 0 while any sheet's is unknown.
func (r *reader) rowsTotal() int {
	total := 0
	for _, n := range r.sheetRows {
		if n == 0 {
			return 0
		}
		total += n
	}
	return total
}

func (r *reader) sheet(f *excelize.File, idx int, sheet string) (sheetKind, error) {
	r.totalRow = 0
	rows, err := f.Rows(sheet)
	if err != nil {
		return sheetOther, err
	}
	defer rows.Close()
	visible, _ := f.GetSheetVisible(sheet)
	var merged *mergeFill
	var kinds cellKinds
	facts, err := r.parts.scan(sheet)
	var order *orderError
	if errors.As(err, &order) {
		what := fmt.Sprintf("行号顺序错乱或重复（第%d行写在第%d行之后）", order.Row, order.After)
		switch {
		case order.Cell != "":
			what = fmt.Sprintf("第%d行的单元格顺序错乱（%s写在%s之后）", order.Row, order.Cell, order.AfterCell)
		case order.Row < 1:
			what = fmt.Sprintf("有无效的行号%d", order.Row)
		case order.Row == order.After:
			what = fmt.Sprintf("行号重复（第%d行出现了两次）", order.Row)
		}
		return sheetOther, &RejectError{File: r.wb.Name, Code: "file_rows_out_of_order", Err: err,
			Message: "工作表「" + sheet + "」" + what + "，照此读取会漏掉人员或把数据读进别的栏目；请用 Excel 或 WPS 打开后另存为 .xlsx 再放入"}
	}
	if facts != nil {
		merged, kinds = newMergeFill(facts.merges), facts
		if len(facts.refs) > 0 {
			if r.refs == nil {
				r.refs = map[string][]string{}
			}
			r.refs[sheet] = facts.refs
		}
		// One allocation for the sheet's entries: grown by append, a
		// province's 125,000-row roster allocated five times its final size.
		r.wb.Entries = slices.Grow(r.wb.Entries, facts.valueRows)
		if r.progress != nil && r.sheetRows[idx] == 0 {
			r.sheetRows[idx] = facts.lastRow // the dimension said nothing: the scan knows
		}
	} else {
		if merged, err = excelizeMergeFill(f, sheet); err != nil {
			return sheetOther, err
		}
		kinds = excelizeKinds{f: f, sheet: sheet, strike: r.strike, unseen: r.unseen}
	}
	r.kinds = kinds
	var source rowSource = excelRows{rows}
	if facts != nil {
		// The sheet is written in order: one gosax pass reads its cells,
		// a fraction of the cost of excelize's decoding each with
		// encoding/xml (a rowSource of the same values).
		if cells, err := r.parts.rows(sheet); err == nil {
			defer cells.Close()
			source = cells
		}
	}
	kind, read, err := r.scan(source, idx, sheet, visible, merged)
	r.noteDamage(source, sheet)
	if err == nil && (kind == sheetRoster || kind == sheetHiddenRoster) {
		r.recheckNumberCells(kinds, sheet)
		r.recheckFormulas(f, kinds, sheet)
		r.holdHiddenRows(kinds, sheet)
		r.noticeHiddenColumns(kinds, sheet)
		r.noticeUnprinted(f, sheet)
		r.holdStruckRows(kinds, sheet)
		r.holdInvisibleRows(f, kinds, sheet)
		r.holdCommentedRows(f, sheet)
		r.holdStopList(sheet)
		r.holdStopSections(sheet)
	}
	if err == nil && kind == sheetHiddenRoster {
		r.holdHiddenSheet(sheet)
	}
	if err == nil && r.progress != nil {
		r.sheetRows[idx] = max(read, r.sheetRows[idx], 1) // counted now, even when empty
		r.rowsDone += r.sheetRows[idx]
		r.progress(r.rowsDone, r.rowsTotal())
	}
	return kind, err
}

// sheetDamage is the cells of one sheet that name a shared string the
// workbook does not have.
type sheetDamage struct {
	sheet  string
	cells  *worksheet.StringIndexError
	fields []string // by cell, the standard header of its roster column; "" for none
}

// noteDamage notes the cells of sheet, just read from source, that name a
// shared string the workbook lacks: those the gosax pass met, or, for a
// sheet excelize read (a part in another encoding), those a pass over its
// markup finds. excelize reads such a cell as empty, or as the table's
// first string.
func (r *reader) noteDamage(source rowSource, sheet string) {
	var d *worksheet.StringIndexError
	switch src := source.(type) {
	case *worksheet.Rows:
		d = src.Damaged()
	case excelRows:
		if r.parts == nil {
			return
		}
		d = r.parts.damaged(sheet)
	}
	if d == nil {
		return
	}
	fields := make([]string, len(d.Cells))
	for i, c := range d.Cells {
		col, row, err := excelize.CellNameToCoordinates(c)
		if err == nil && len(r.spans) > 0 && row >= r.spans[0].from { // a data row of a roster's columns
			fields[i] = columnHeader(r.spans.at(row), col-1, nil)
		}
	}
	r.damaged = append(r.damaged, sheetDamage{sheet, d, fields})
}

// damagedCellsListed is how many damaged cells of a sheet the message
// names; it counts the others.
const damagedCellsListed = 12

// damagedFile returns the refusal of a workbook whose cells name shared
// strings it does not have (file_string_damaged), naming every such cell
// by sheet; nil when there is none. Excel offers to repair such a file,
// and a repair may leave those cells blank: the message asks for each to
// be checked against the source, since a 死亡日期 or 低保类别 left blank
// would be read as none.
func (r *reader) damagedFile() *RejectError {
	if len(r.damaged) == 0 {
		return nil
	}
	var where []string
	var errs []error
	for _, d := range r.damaged {
		listed := d.cells.Cells[:min(len(d.cells.Cells), damagedCellsListed)]
		cells := make([]string, 0, len(listed))
		for i, c := range listed {
			what := "编号为空"
			if idx := d.cells.Indexes[i]; idx != "" {
				what = "编号“" + idx + "”"
			}
			if d.fields[i] != "" {
				what = d.fields[i] + "，" + what
			}
			cells = append(cells, c+"（"+what+"）")
		}
		w := "工作表「" + d.sheet + "」的单元格" + strings.Join(cells, "、")
		if n := len(d.cells.Cells); n > damagedCellsListed {
			w += fmt.Sprintf("等共%d格", n)
		}
		where = append(where, w)
		errs = append(errs, fmt.Errorf("sheet %s: %w", d.sheet, d.cells))
	}
	return &RejectError{File: r.wb.Name, Code: "file_string_damaged", Err: errors.Join(errs...),
		Message: fmt.Sprintf("文件已损坏：%s引用了工作簿中不存在的文字（共享字符串，工作簿只有%d条），照此读取会读成空白或别的文字；"+
			"请用 Excel 或 WPS 打开（按提示修复），对照原始资料逐一核对这些单元格，修复后变成空白的照原样填回（姓名、低保类别、死亡日期等），另存为 .xlsx 再放入",
			strings.Join(where, "；"), r.damaged[0].cells.Items)}
}

// cellKinds answers questions about a cell that its value cannot: whether
// it is typed as a number or as a logical value (TRUE, read as 1), and
// whether it may hold a formula; and about rows and columns hidden.
// Columns and rows are 1-based. A cell covered by a merged range answers as
// the range's top-left cell, as excelize does.
type cellKinds interface {
	isNumber(col, row int) bool
	isBool(col, row int) bool
	mayBeFormula(col, row int) bool
	// hasResult reports whether the cell's formula has its result in the
	// file, an empty one too (Excel calculated it to ""): false when that
	// cannot be told.
	hasResult(col, row int) bool
	// arrayUnvalued returns the range and formula of the array formula
	// whose range holds the cell, when the cell is not the range's first
	// and has no value of its own; "" and "" otherwise.
	arrayUnvalued(col, row int) (ref, formula string)
	rowHidden(row int) bool
	// rowFolded reports a row not hidden but inside an outline group
	// collapsed (collapsed="1" on its summary row): LibreOffice hides it,
	// Excel shows it.
	rowFolded(row int) bool
	colHidden(col int) bool
	// colZeroWidth reports a column not hidden but of no width (width 0,
	// or a custom width under minColWidth): it shows nothing either.
	colZeroWidth(col int) bool
	// isStruck reports whether the cell's style strikes its text through.
	isStruck(col, row int) bool
	// struckTextOf returns the text of the cell's string that is struck
	// through run by run (rich text), "" when none is.
	struckTextOf(col, row int) string
	// cellStyle returns the cell's style when its text does not show
	// (reader.unseen), false otherwise.
	cellStyle(col, row int) (int, bool)
}

// excelizeKinds asks excelize, which loads the whole sheet into memory: for
// a sheet the scan does not answer for.
type excelizeKinds struct {
	f      *excelize.File
	sheet  string
	strike map[int]bool
	unseen map[int]unseenStyle
}

func (k excelizeKinds) isNumber(col, row int) bool {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return false
	}
	t, err := k.f.GetCellType(k.sheet, cell)
	// A cell without a type attribute is a number in OOXML.
	return err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset)
}

func (k excelizeKinds) isBool(col, row int) bool {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return false
	}
	t, err := k.f.GetCellType(k.sheet, cell)
	return err == nil && t == excelize.CellTypeBool
}

// mayBeFormula leaves the question to GetCellFormula.
func (excelizeKinds) mayBeFormula(col, row int) bool { return true }

// hasResult answers false: excelize reads an empty <v> as no <v>, so a
// formula calculated to "" cannot be told from one never calculated, and
// recheckFormulas asks excelize to calculate it again.
func (excelizeKinds) hasResult(col, row int) bool { return false }

// arrayUnvalued answers nothing: excelize tells no cell of an array
// formula's range but the first.
func (excelizeKinds) arrayUnvalued(col, row int) (string, string) { return "", "" }

func (k excelizeKinds) rowHidden(row int) bool {
	if visible, err := k.f.GetRowVisible(k.sheet, row); err == nil && !visible {
		return true
	}
	ht, err := k.f.GetRowHeight(k.sheet, row) // points
	return err == nil && ht < minRowHeight
}

// rowFolded answers false: excelize tells no row's collapsed flag.
func (excelizeKinds) rowFolded(row int) bool { return false }

func (k excelizeKinds) colHidden(col int) bool {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return false
	}
	visible, err := k.f.GetColVisible(k.sheet, name)
	return err == nil && !visible
}

// colZeroWidth asks excelize for the column's width, which it gives as the
// sheet's default for a width of exactly 0: only a custom width under
// minColWidth is told here (the scan tells both).
func (k excelizeKinds) colZeroWidth(col int) bool {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return false
	}
	w, err := k.f.GetColWidth(k.sheet, name)
	return err == nil && w < minColWidth
}

func (k excelizeKinds) isStruck(col, row int) bool {
	if len(k.strike) == 0 {
		return false
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return false
	}
	st, err := k.f.GetCellStyle(k.sheet, cell)
	return err == nil && k.strike[st]
}

func (k excelizeKinds) struckTextOf(col, row int) string {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return ""
	}
	runs, err := k.f.GetCellRichText(k.sheet, cell)
	if err != nil {
		return ""
	}
	var text strings.Builder
	for _, run := range runs {
		if run.Font != nil && run.Font.Strike && strings.TrimSpace(run.Text) != "" {
			text.WriteString(run.Text)
		}
	}
	return strings.TrimSpace(text.String())
}

func (k excelizeKinds) cellStyle(col, row int) (int, bool) {
	if len(k.unseen) == 0 {
		return 0, false
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return 0, false
	}
	st, err := k.f.GetCellStyle(k.sheet, cell)
	_, unseen := k.unseen[st]
	return st, err == nil && unseen
}

// maxStyles bounds the cell styles looked at for strikethrough: Excel
// allows about 64,000.
const maxStyles = 65490

// styleMarks returns the indexes of f's cell styles (cellXfs) whose font
// is struck through, and of those whose text does not show
// (unseenStyleOf), each nil when there is none.
func styleMarks(f *excelize.File) (strike map[int]bool, unseen map[int]unseenStyle) {
	for i := 0; i < maxStyles; i++ {
		st, err := f.GetStyle(i)
		if err != nil {
			break // past the last style
		}
		if st.Font != nil && st.Font.Strike {
			if strike == nil {
				strike = map[int]bool{}
			}
			strike[i] = true
		}
		if u, ok := unseenStyleOf(f, st); ok {
			if unseen == nil {
				unseen = map[int]unseenStyle{}
			}
			unseen[i] = u
		}
	}
	return strike, unseen
}

// holdStruckRows holds the rows of sheet whose 姓名 or 公民身份号码 is
// struck through, by the cell's style or in its text (any run of it, see
// richtext.go): staff strike out a person to remove as often as they delete
// the row, and the bank would pay a struck-out name all the same. A name
// struck in part (a typo crossed out and the right character typed after
// it) is held too: the value read keeps the struck characters.
func (r *reader) holdStruckRows(kinds cellKinds, sheet string) {
	for e := range r.sheetEntries(sheet) {
		row := e.Person.Source.Row
		cols := r.spans.at(row)
		for _, f := range []Field{FieldName, FieldID} {
			if cols[f] < 0 {
				continue
			}
			if kinds.isStruck(cols[f]+1, row) {
				e.add(domain.Held, cols, f, "row_struck", "本行「"+f.Header()+"」加了删除线，像是已划去的人员，暂缓发放；如该人应停发，请删除本行；如应发放，请去掉删除线后重新报送")
				break
			}
			if text := kinds.struckTextOf(cols[f]+1, row); text != "" {
				e.add(domain.Held, cols, f, "row_struck", struckTextMessage(f, text, e.valueOf(f)))
				break
			}
		}
		if e.holdsFor("row_struck") {
			continue
		}
		for _, f := range struckValueFields {
			value, ok := struckValue(&e.Person, f)
			if !ok {
				continue // nothing read from the field: a struck empty cell crosses out nothing
			}
			at := []int{cols[f]}
			if ms, marked := r.marks[f]; marked { // 低保 over 城市, 农村: the column of the mark read
				at = at[:0]
				for _, m := range ms {
					if m.kind == value {
						at = append(at, m.col)
					}
				}
			}
			if !slices.ContainsFunc(at, func(c int) bool {
				return c >= 0 && (kinds.isStruck(c+1, row) || kinds.struckTextOf(c+1, row) != "")
			}) {
				continue
			}
			e.add(domain.Held, cols, f, CodeCellStruck, "本行「"+f.Header()+"」加了删除线，像是已划去作废的值（如旧账号、已取消的低保），但程序仍按它计算发放，暂缓发放：请填写现在的值（不再适用的留空）并去掉删除线后重新报送")
			if f == FieldDeath {
				// A crossed-out date is no word of a death: not recovered
				// on, nor recorded for the months after.
				e.Person.Death = time.Time{}
				e.drop("death_before_month")
				e.drop("death_after_month")
			}
			break
		}
	}
}

// struckValue returns what the row read from field f of the fields whose
// struck value holds it (struckValueFields), as text (a status as its
// kind: 城市低保), and false when it read nothing there.
func struckValue(p *domain.Person, f Field) (string, bool) {
	var v string
	switch f {
	case FieldBankAccount:
		v = p.BankAccount
	case FieldElectricityAccount:
		v = p.ElectricityAccount
	case FieldDibao:
		v = p.Dibao.String()
	case FieldTekun:
		v = p.Tekun.String()
	case FieldHardship:
		if p.Hardship {
			v = "是"
		}
	case FieldSelfCare:
		if p.SelfCare != domain.SelfCareUnknown {
			v = "x"
		}
	case FieldGrade:
		if p.Disability.Grade != 0 {
			v = "x"
		}
	case FieldCategory:
		v = p.Disability.Category
	case FieldDeath:
		if !p.Death.IsZero() {
			v = "x"
		}
	}
	return v, v != ""
}

// CodeCellStruck is the code of the hold on a row whose cell of a field
// that decides or receives its payment (struckValueFields) is struck
// through, in its style or its text: the value read is one staff crossed
// out. The person is not struck off (row_struck), so the months held are
// paid back once the row is fixed.
const CodeCellStruck = "cell_struck"

// struckValueFields are the fields whose struck value holds a row
// (CodeCellStruck): a crossed-out 银行账号 was paid into, a crossed-out
// 城市低保 paid at the dibao rate.
var struckValueFields = []Field{FieldBankAccount, FieldDibao, FieldTekun, FieldHardship, FieldSelfCare, FieldGrade, FieldCategory, FieldElectricityAccount, FieldDeath}

// struckTextMessage is the message of a row held for the text of its field
// f, read as value, struck through in part or whole (text).
func struckTextMessage(f Field, text, value string) string {
	if withoutSpaces(text) == withoutSpaces(value) || value == "" {
		return "本行「" + f.Header() + "」的文字「" + quoteShort(text) + "」加了删除线，像是已划去的人员，暂缓发放；如该人应停发，请删除本行；如应发放，请去掉删除线后重新报送"
	}
	return "本行「" + f.Header() + "」「" + quoteShort(value) + "」中的「" + quoteShort(text) + "」加了删除线：像是已划去的人员，或划去了写错的字，而划去的字仍读作" + f.Header() + "的一部分，暂缓发放；如该人应停发，请删除本行；如应发放，请删去划掉的字（并去掉删除线）后重新报送"
}

// valueOf returns the value of e's 姓名 or 公民身份号码 as read.
func (e *Entry) valueOf(f Field) string {
	if f == FieldID {
		return e.RawID
	}
	return e.Person.Name
}

// sheetEntries yields the entries read from sheet, in row order.
func (r *reader) sheetEntries(sheet string) iter.Seq[*Entry] {
	return func(yield func(*Entry) bool) {
		for i := range r.wb.Entries {
			if e := &r.wb.Entries[i]; e.Person.Source.Sheet == sheet && !yield(e) {
				return
			}
		}
	}
}

// holdHiddenRows holds the rows of sheet that are hidden in Excel (by hand
// or by a filter left on): staff hide the rows of people to be removed as
// often as they delete them, and a row nobody sees when checking the
// printout must not be paid unseen. A held row is paid as arrears once it
// is shown again.
func (r *reader) holdHiddenRows(kinds cellKinds, sheet string) {
	for e := range r.sheetEntries(sheet) {
		switch row := e.Person.Source.Row; {
		case kinds.rowHidden(row):
			e.add(domain.Held, r.spans.at(row), FieldNone, "row_hidden", "本行在 Excel 中被隐藏（或被筛选隐藏、行高设为0或极小），核对时看不到，暂缓发放；如该人应停发，请删除本行；如应发放，请取消隐藏（或清除筛选）后重新报送")
		case kinds.rowFolded(row):
			e.add(domain.Held, r.spans.at(row), FieldNone, "row_hidden", "本行在一个已折叠的分组（组合、分级显示）之内，有的软件（如 LibreOffice）打开时不显示本行，核对时可能看不到，暂缓发放；如该人应停发，请删除本行；如应发放，请展开分组并取消组合后重新报送")
		}
	}
}

// paidFrom are the fields whose values decide or receive a payment: a
// hidden column of one is told (noticeHiddenColumns).
var paidFrom = []Field{FieldName, FieldID, FieldBirth, FieldDibao, FieldTekun, FieldHardship, FieldSelfCare,
	FieldGrade, FieldCategory, FieldElectricityAccount, FieldBankAccount, FieldDeath, FieldDisabilityCard}

// noticeHiddenColumns tells (column_hidden), once per sheet, the columns of
// paidFrom that are hidden in Excel, or of no width (colZeroWidth: dragged
// shut, they show nothing either): their values are paid from as read,
// but nobody checking the printout sees them (a hidden row is held; a
// hidden column holds nothing, as it would hold the whole sheet).
func (r *reader) noticeHiddenColumns(kinds cellKinds, sheet string) {
	var hidden []string
	seen, narrow := map[int]bool{}, false
	for _, span := range r.spans {
		for _, f := range paidFrom {
			c := span.cols[f]
			if c < 0 || seen[c] {
				continue
			}
			switch {
			case kinds.colHidden(c + 1):
				seen[c] = true
				hidden = append(hidden, columnLetter(c)+"列（"+f.Header()+"）")
			case kinds.colZeroWidth(c + 1):
				seen[c], narrow = true, true
				hidden = append(hidden, columnLetter(c)+"列（"+f.Header()+"，列宽为0）")
			}
		}
	}
	if len(hidden) > 0 {
		fix := "请取消隐藏后核对这些列"
		if narrow {
			fix = "请取消隐藏（列宽为0的，拖宽该列）后核对这些列"
		}
		r.notice(domain.Location{File: r.wb.Name, Sheet: sheet}, "column_hidden",
			"工作表「"+sheet+"」隐藏了"+strings.Join(hidden, "、")+"：其中的值照常用于发放，但打印或核对时看不到；"+fix)
	}
}

// holdHiddenSheet holds every row of a roster sheet that is hidden in the
// workbook: nobody checking the printout sees it, yet staff put people
// there (补报 rows) as often as old data. Each row is held where staff
// will see it (sheet_hidden), instead of its people being left out of the
// month without a word; a person also on a visible row is paid from that
// row, the hidden copy set aside (Consolidate).
func (r *reader) holdHiddenSheet(sheet string) {
	for e := range r.sheetEntries(sheet) {
		e.hiddenSheet = true
		e.add(domain.Held, r.spans.at(e.Person.Source.Row), FieldNone, "sheet_hidden", "本行所在的工作表「"+sheet+"」是隐藏的，核对时看不到，暂缓发放；如该人应当发放，请取消隐藏该工作表（Excel“取消隐藏”中看不到的，是深度隐藏的表，请把本行复制到可见的工作表）后重新报送；如该表是旧数据，请删除该工作表")
	}
}

// unusedSheets returns, of the roster sheets of one workbook (in workbook
// order, titles the first line above each one's header), those not to be
// paid from, each with the notice (in Chinese) that says why. A sheet's
// months are those its name names (sheetMonths: 2026年10月, 202610, Oct,
// 上月, or 10 beside 11), or when it names none (Sheet2), those its title
// names (MonthsNamed):
//   - a sheet named for other months only, when another
//     roster sheet is named for m or for no month: last month's sheet left
//     in a copied workbook, with people since removed. When every roster
//     sheet names another month (a sheet not renamed after copying), all are
//     read;
//   - a sheet named for m when another sheet named for m is marked as its
//     revision (修改, 更正, 修订, 最新, 最终): the sheet it replaced.
func unusedSheets(sheets []string, titles map[string]string, m domain.Month) map[string]string {
	var current, revised []string
	other := map[string][]domain.Month{}
	named := func(s string) []domain.Month { return sheetNamed(s, sheets, titles, m) }
	for _, s := range sheets {
		months := named(s)
		switch {
		case len(months) == 0:
			current = append(current, s)
		case slices.Contains(months, m):
			current = append(current, s)
			if containsAny(s, revisionWords) {
				revised = append(revised, s)
			}
		default:
			other[s] = months
		}
	}
	unused := map[string]string{}
	if len(current) > 0 {
		for s, months := range other {
			unused[s] = "工作表「" + s + "」的名称或标题写的是" + months[0].Chinese() + "，本工作簿另有本月（" + m.Chinese() + "）的工作表「" + current[0] + "」，未读取此表中的人员；如其中有本月应当发放的人员，请并入本月的工作表后重新报送"
		}
	}
	if len(revised) > 0 {
		for _, s := range current {
			if months := named(s); len(months) > 0 && !slices.Contains(revised, s) {
				unused[s] = "工作表「" + s + "」另有修改后的工作表「" + revised[0] + "」，按修改后的工作表发放，未读取此表中的人员；如两表都应发放，请合并为一张工作表后重新报送"
			}
		}
	}
	return unused
}

// sheetNamed returns the months roster sheet s of a workbook whose roster
// sheets are sheets names: by its tab (sheetMonths), which outranks a
// title left as it was when the tab was renamed for the month, else by its
// title (the text above its header).
func sheetNamed(s string, sheets []string, titles map[string]string, m domain.Month) []domain.Month {
	if months := sheetMonths(s, m, monthNumbered(sheets, m)); len(months) > 0 {
		return months
	}
	return MonthsNamed(titles[s], m)
}

// otherMonthRead returns the notice (title_month_other) for roster sheet s
// when it names other months only and is read all the same, every roster
// sheet of its workbook naming another month (unusedSheets): a sheet not
// renamed after copying, or last month's roster sent again under this
// month's file name, which would pay this month from last month's rows.
// It returns "" for a sheet naming this month or none.
func otherMonthRead(s string, sheets []string, titles map[string]string, m domain.Month) string {
	months := sheetNamed(s, sheets, titles, m)
	if len(months) == 0 || slices.Contains(months, m) {
		return ""
	}
	return "工作表「" + s + "」的名称或标题写的是" + months[0].Chinese() + "，本次发放的是" + m.Chinese() + "，已按本月读取：请确认不是别的月份的花名册；如是，请换成本月的，再用 --replace 重新计算；如只是标题未改，请改正标题"
}

// hiddenOtherMonths returns, of the hidden roster sheets of one workbook,
// those whose name (or, naming none, whose title) names other months only,
// each with the notice that says so: an old month's sheet kept out of sight
// is old data, not people to hold. Hidden sheets play no part in choosing
// among the visible ones (unusedSheets): a visible sheet is never set aside
// for a hidden one.
func hiddenOtherMonths(sheets []string, titles map[string]string, m domain.Month) map[string]string {
	out := map[string]string{}
	for _, s := range sheets {
		if months := sheetNamed(s, sheets, titles, m); len(months) > 0 && !slices.Contains(months, m) {
			out[s] = "隐藏的工作表「" + s + "」的名称或标题写的是" + months[0].Chinese() + "，未读取此表中的人员；如其中有本月应当发放的人员，请取消隐藏、并入本月的工作表后重新报送"
		}
	}
	return out
}

// revisionWords in a sheet's or file's name mark it as the revision of
// another, longest first so that RevisionBase strips 修改版 whole.
var revisionWords = []string{"修改版", "更正版", "修订版", "最新版", "最终版", "修改后", "修改", "更正", "修订", "最新", "最终", "改后"}

// RevisionBase returns a file or sheet name without its extension, its
// revision words (修改, 更正, 最终版, ...) and the spaces, dashes, underscores
// and brackets around them, and whether it had a revision word: two names
// with the same base, one revised, are a roster and its revision.
func RevisionBase(name string) (base string, revised bool) {
	base = strings.TrimSuffix(name, path.Ext(name))
	for _, w := range revisionWords {
		if strings.Contains(base, w) {
			revised = true
			base = strings.ReplaceAll(base, w, "")
		}
	}
	base = strings.Map(func(r rune) rune {
		if strings.ContainsRune(" 　_-—()（）[]【】", r) {
			return -1
		}
		return r
	}, base)
	return base, revised
}

// templateWords in a sheet's name say it is the form's template, its
// sample or its instructions: its rows are examples (张三 110101…), not
// people to pay.
var templateWords = []string{"模板", "模版", "样表", "样例", "示例", "范例", "范本", "填表说明", "填报说明", "填写说明"}

// backupWords in a sheet's name say it is an old copy of the roster; so
// does 旧 as the whole name or a clause of it (旧, 东街（旧）: bareStopLists).
var backupWords = []string{"备份", "旧版", "旧表"}

// stopNotBackupWords are the words of stopListWords but backupWords: what
// else a backup's name may say, 停发人员备份 being a stop list still.
var stopNotBackupWords = slices.DeleteFunc(slices.Clone(stopListWords), func(w string) bool { return slices.Contains(backupWords, w) })

// asideSheet is a sheet asideSheets sets aside: its notice's code and
// message.
type asideSheet struct{ code, msg string }

// asideSheets returns, of the roster sheets of one workbook (visible, then
// hidden; those in unused already set aside), those named as not being
// the roster, each with its notice, when another roster sheet read holds
// people to pay: a template or its instructions (sheet_template: 模板,
// 样表, 示例, 填表说明 with example rows, 张三 110101…, who would be paid),
// or an old copy (sheet_backup: 备份, 旧表, 旧; read, its rows would hold
// every person it repeats of the roster, as a sheet not to pay, and the
// street would go unpaid). Without such another sheet (the roster typed
// into the template without renaming its sheet) nothing is set aside, and
// a backup is held as a sheet not to pay (holdStopList). A sheet whose
// name says it lists the dead or people to stop (停发人员备份) is no such
// sheet, nor does it count as the roster read.
func (r *reader) asideSheets(sheets, hidden []string, unused map[string]string) map[string]asideSheet {
	kind := asideKind
	people := map[string]bool{}
	for i := range r.wb.Entries {
		people[r.wb.Entries[i].Person.Source.Sheet] = true
	}
	var roster string // the first sheet read that holds people to pay
	for _, s := range sheets {
		if _, stop, dead := r.stopListIn(s); unused[s] == "" && kind(s) == "" && people[s] && !stop && !dead {
			roster = s
			break
		}
	}
	out := map[string]asideSheet{}
	if roster == "" {
		return out
	}
	// A sheet the formulas of a sheet of people look up (VLOOKUP(F3,
	// 低保名单!B:C,2,0)) is a table of values, read as a roster it paid
	// strangers it lists.
	looked := func(s string) string {
		for _, by := range slices.Concat(sheets, hidden) {
			if by != s && people[by] && unused[by] == "" && slices.ContainsFunc(r.refs[by], func(ref string) bool { return strings.EqualFold(ref, s) }) {
				return by
			}
		}
		return ""
	}
	for _, s := range slices.Concat(sheets, hidden) {
		code := kind(s)
		if by := looked(s); code == "" && by != "" && s != roster && unused[s] == "" {
			what := "工作表「" + s + "」"
			if slices.Contains(hidden, s) {
				what = "隐藏的" + what
			}
			out[s] = asideSheet{"sheet_lookup", what + "是「" + by + "」表的公式（如 VLOOKUP）查找引用的数据表，不是花名册，未读取其中的人员，按花名册工作表「" + roster + "」发放；如其中有本月应当发放的人员，请列入花名册工作表后重新报送"}
			continue
		}
		if code == "" || unused[s] != "" {
			continue
		}
		what := "工作表「" + s + "」"
		if slices.Contains(hidden, s) {
			what = "隐藏的" + what
		}
		if code == "sheet_template" {
			what += "的名称表明是填表模板、样表或填表说明，其中的人员是填写示例"
		} else {
			what += "的名称表明是花名册的备份或旧表"
		}
		out[s] = asideSheet{code, what + "，本工作簿另有花名册工作表「" + roster + "」，按该表发放，未读取此表中的人员；如其中有本月应当发放的人员，请并入花名册工作表后重新报送"}
	}
	return out
}

// asideKind returns the code of the notice of a sheet named as a template
// or an old copy (asideSheets), "" for any other sheet.
func asideKind(s string) string {
	s = withoutLayout(s)
	switch {
	case namesDeathList(s) || namesList(s, stopNotBackupWords, true):
		return ""
	case namesStopList(s):
		if containsAny(readable(s), backupWords) || slices.ContainsFunc(clauses(s), func(c string) bool { return slices.Contains(bareStopLists, c) }) {
			return "sheet_backup"
		}
		return ""
	case containsAny(readable(s), templateWords):
		return "sheet_template"
	}
	return ""
}

// layoutPrefixes before a template or backup word, or 格式 after it, say
// which form a sheet is laid out in, not that it is the template or a
// copy: 2026年11月（模板格式）, 按模板填写, 按旧表格式填报 are the roster.
var layoutPrefixes = []string{"按", "依", "参照", "套用"}

// withoutLayout is a sheet's name without the words that say which form it
// is laid out in (layoutPrefixes), as asideKind and stopListIn read it:
// read as a template, this month's roster was set aside and last month's
// sheet beside it paid; read as a 旧表, held whole as a sheet not to pay.
func withoutLayout(s string) string {
	for _, w := range slices.Concat(templateWords, backupWords) {
		s = strings.ReplaceAll(s, w+"格式", "")
		for _, p := range layoutPrefixes {
			s = strings.ReplaceAll(s, p+w, "")
		}
	}
	return s
}

// notAside returns the sheets asideKind names no template or copy, or all
// of them when it names every one: which sheet is this month's
// (unusedSheets) is chosen among the others, so that a 模板 naming no
// month does not pass for this month's beside the roster left named 10月.
func notAside(sheets []string) []string {
	out := slices.DeleteFunc(slices.Clone(sheets), func(s string) bool { return asideKind(s) != "" })
	if len(out) == 0 {
		return sheets
	}
	return out
}

// dropSheets takes the entries and notices of the sheets in unused out of
// the workbook, and gives each sheet its notice: the code aside gives it,
// sheet_month_other for the others.
func (r *reader) dropSheets(unused map[string]string, aside map[string]asideSheet) {
	if len(unused) == 0 {
		return
	}
	keep := func(sheet string) bool { _, drop := unused[sheet]; return !drop }
	// The people of an unread sheet whom no sheet read lists are named in
	// its notice: last month's sheet holds the people removed since, but
	// a clerk may also have added someone there (nobody would know
	// otherwise).
	// A kept row whose ID cannot be read (held for it) is matched by its
	// 姓名 instead: its person is on this month's sheet, held, and is not
	// to be copied in from the old one as missing.
	listed := map[string]bool{}
	unread := map[string]domain.Location{} // 姓名 -> a kept row of it whose ID cannot be read
	for i := range r.wb.Entries {
		e := &r.wb.Entries[i]
		if !keep(e.Person.Source.Sheet) {
			continue
		}
		if e.Person.ID != "" {
			listed[e.Person.ID] = true
		} else if _, ok := unread[e.Person.Name]; !ok && e.Person.Name != "" {
			unread[e.Person.Name] = e.Person.Source
		}
	}
	only, heldHere := map[string][]string{}, map[string][]string{}
	for i := range r.wb.Entries {
		e := &r.wb.Entries[i]
		if s := e.Person.Source.Sheet; !keep(s) && e.Person.ID != "" && !listed[e.Person.ID] {
			listed[e.Person.ID] = true
			if at, ok := unread[e.Person.Name]; ok {
				heldHere[s] = append(heldHere[s], fmt.Sprintf("%s（第%d行；「%s」第%d行）", e.Person.Name, e.Person.Source.Row, at.Sheet, at.Row))
				continue
			}
			only[s] = append(only[s], fmt.Sprintf("%s（第%d行）", e.Person.Name, e.Person.Source.Row))
		}
	}
	n := len(r.wb.Entries)
	r.wb.Entries = slices.DeleteFunc(r.wb.Entries, func(e Entry) bool { return !keep(e.Person.Source.Sheet) })
	r.wb.RowsRead -= n - len(r.wb.Entries) // read, but not as this month's rows
	r.wb.Notices = slices.DeleteFunc(r.wb.Notices, func(f domain.Finding) bool { return !keep(f.Where.Sheet) })
	r.wb.MissingColumns = slices.DeleteFunc(r.wb.MissingColumns, func(f domain.Finding) bool { return !keep(f.Where.Sheet) })
	for _, s := range slices.Sorted(maps.Keys(unused)) {
		msg := unused[s]
		if names := only[s]; len(names) > 0 {
			shown := names
			if len(shown) > 10 {
				shown = shown[:10]
			}
			msg += fmt.Sprintf("；其中 %d 人不在本工作簿读取的工作表中，本月未按此表发放（如已移出花名册则无需处理；如有本月应发放的，请移入本月的工作表后重新报送）：%s", len(names), strings.Join(shown, "、"))
			if len(names) > len(shown) {
				msg += " 等"
			}
		}
		if names := heldHere[s]; len(names) > 0 {
			msg += fmt.Sprintf("；其中 %d 人在读取的工作表中有同名的行，但该行身份证号无法读取，已暂缓（请更正该行的身份证号，不必从此表移入）：%s", len(names), strings.Join(names, "、"))
		}
		code := "sheet_month_other"
		if a, ok := aside[s]; ok {
			code = a.code
		}
		r.notice(domain.Location{File: r.wb.Name, Sheet: s}, code, msg)
	}
}

// sheetCopyMark is what Excel (Sheet1 (2)), WPS (Sheet1(2), Sheet1_副本),
// LibreOffice (Sheet1_2) and Google Sheets (Sheet1 的副本, Copy of
// Sheet1) put around a sheet's name when the sheet is copied within its
// workbook, and what staff add to mark the copy they changed (11月（新）,
// 11月 2, 11月-2, Sheet1 复制, 东街(修改), 东街最终版: revisionWords).
var sheetCopyMark = regexp.MustCompile(`^(?:[Cc]opy of\s+|副本[\s_\-－—]*)|(?:[\s_\-－—]*[(（](?:\d+|新|新版|新表)[)）]|[\s_\-－—]*的?(?:副本|复制)\d*|[\s_\-－—]*[Cc]opy(?:\s*\d+)?|[\s_\-－—]+\d+|[\s_\-－—]*[(（]?(?:` + strings.Join(revisionWords, "|") + `)[)）]?)$`)

// sheetCopyBase returns sheet name s without its copy marks
// (sheetCopyMark), however many (Copy of Copy of Sheet1, Sheet1 (2) (2),
// Sheet1_2_2), in lower case (sheet1 (2) beside Sheet1), and whether it
// had any.
func sheetCopyBase(s string) (string, bool) {
	base, copied := strings.TrimSpace(s), false
	for {
		loc := sheetCopyMark.FindStringIndex(base)
		if loc == nil || loc[1]-loc[0] == len(base) {
			return strings.ToLower(base), copied
		}
		base, copied = strings.TrimSpace(base[:loc[0]]+base[loc[1]:]), true
	}
}

// copiedSheets returns the refusal (file_sheet_versions) of a workbook in
// which a roster sheet read (sheets, those of unused left aside) and its
// copy by name (sheetCopyBase: 11月 beside 11月 (2), 11月(2), 11月_2,
// 11月 的副本 or 11月（新）, as Excel, WPS, LibreOffice and Google Sheets
// name a copied sheet and staff mark it) share more than half of the
// smaller one's people and not all: one copied and then changed, people
// deleted from one and added to the other. Read both, the people one of
// them deleted would be paid, from the other; which is final cannot be
// known, as for two files of one roster (file_versions). The message names
// the people on one only (up to 5 a sheet, in row order). Sheets with the
// same people are read as before (their rows are duplicates: paid once
// when they agree, held when not), and so are sheets with mostly other
// people (东街(1), 东街(2): one roster over two sheets, a short second sheet
// repeating a person, or a copy filled in for another street); nil when
// there is no such pair.
func (r *reader) copiedSheets(sheets []string, unused map[string]string) *RejectError {
	groups := map[string][]string{} // base -> the sheet of that name, then its copies
	original := map[string]bool{}   // bases whose sheet without a mark is read
	for _, s := range sheets {
		if _, drop := unused[s]; drop {
			continue
		}
		base, copied := sheetCopyBase(s)
		if !copied && !original[base] {
			original[base] = true
			groups[base] = append([]string{s}, groups[base]...)
		} else {
			groups[base] = append(groups[base], s)
		}
	}
	type person struct {
		id, name string
		row      int
	}
	for _, base := range slices.Sorted(maps.Keys(groups)) {
		all := groups[base]
		if len(all) < 2 || !original[base] {
			continue
		}
		ids := make([]map[string]person, len(all))
		for i, s := range all {
			ids[i] = map[string]person{}
			for e := range r.sheetEntries(s) {
				if e.Person.ID != "" {
					ids[i][e.Person.ID] = person{e.Person.ID, e.Person.Name, e.Person.Source.Row}
				}
			}
		}
		for i := 1; i < len(all); i++ {
			shared := 0
			for id := range ids[i] {
				if _, ok := ids[0][id]; ok {
					shared++
				}
			}
			if 2*shared <= min(len(ids[0]), len(ids[i])) || shared == len(ids[0]) && shared == len(ids[i]) {
				continue // mostly other people (a roster over two sheets), or the same
			}
			only := func(a, b int) string {
				var only []person
				for _, p := range ids[a] {
					if _, ok := ids[b][p.id]; !ok {
						only = append(only, p)
					}
				}
				slices.SortFunc(only, func(x, y person) int { return cmp.Compare(x.row, y.row) })
				var names []string
				for _, p := range only {
					names = append(names, fmt.Sprintf("%s（第%d行）", p.name, p.row))
				}
				if len(names) == 0 {
					return ""
				}
				n := len(names)
				if len(names) > 5 {
					names = append(names[:5], "等")
				}
				return fmt.Sprintf("「%s」有 %d 人不在「%s」中：%s；", all[a], n, all[b], strings.Join(names, "、"))
			}
			return &RejectError{File: r.wb.Name, Code: "file_sheet_versions",
				Message: fmt.Sprintf("工作表「%s」和「%s」的名称只差复制工作表时加上的编号或「副本」，两表有 %d 人相同，又各有不同：%s像是复制后又修改过的同一张花名册，两张都读会向其中一张已删去的人发放，无法判断以哪张为准，整个文件未读取。请删去不用的那张工作表（两张都有应发放的人员时，合并为一张）后重新放入",
					all[0], all[i], shared, only(0, i)+only(i, 0))}
		}
	}
	return nil
}

// stopIsTheDeaths reports whether the stop that e's place makes (on a 停发人员
// sheet, under a heading of people to stop) is its senior's death: the row
// gives a 死亡日期, or is held for a death said without one
// (domain.DeathUndatedCode), and nothing else stops it (a 备注 with a
// reason of its own, 已迁出本区). Clerks move the dead to such a sheet as
// often as to a sheet of the dead; held as a stop, the month of death was
// never paid, and the row deleted next month was asked about by nobody.
func (e *Entry) stopIsTheDeaths() bool {
	undated := false
	for _, f := range e.Findings {
		switch {
		case f.Severity != domain.Held:
		case domain.DeathUndatedCode(f.Code):
			undated = true
		case domain.StopCode(f.Code):
			return false
		}
	}
	return undated || !e.Person.Death.IsZero()
}

// stopListDeath handles a row that a stop list (where says which: the
// sheet, or the heading it is under) holds for its senior's death
// (stopIsTheDeaths) as a sheet of the dead does: a row with its 死亡日期 is
// paid through the month of death and told (stop_list_death); one held
// for a death without its date stays held for that alone, whose message
// asks for the date.
func (e *Entry) stopListDeath(cols *columns, where string) {
	if e.Person.Death.IsZero() {
		return
	}
	e.add(domain.Notice, cols, FieldDeath, "stop_list_death", fmt.Sprintf("%s，但本行填有死亡日期%s：按死亡处理，发放到死亡当月为止（死亡当月照发），以后各月不再发放；如停发另有原因（迁出等），请在备注中写明后重新报送",
		where, e.Person.Death.Format("2006-01-02")))
}

// holdStopList holds the rows of a sheet whose name says it lists people
// to stop paying or not to pay this month (namesStopList): read as a
// roster they would be paid.
// On a sheet named for the dead (namesDeathList) a row with a 死亡日期 is
// paid through the month of death as anywhere else, and a row without one
// is held until the date is given. A file named for the dead (11月死亡名单
// with a roster's columns, which matchStatusHeader leaves a roster) is so
// read whatever its sheet is called: its people were paid. So is a file
// named as a list of people to stop (11月停发人员, 减员名单: namesStopFile).
func (r *reader) holdStopList(sheet string) {
	named, stop, dead := r.stopListIn(sheet)
	if !stop && !dead {
		return
	}
	for e := range r.sheetEntries(sheet) {
		cols := r.spans.at(e.Person.Source.Row)
		switch {
		case stop && e.stopIsTheDeaths():
			e.stopListDeath(cols, "本行在"+named+"表明是停发等不应发放的人员名单")
		case stop:
			e.add(domain.Held, cols, FieldNone, "sheet_stop_list", "本行在"+named+"表明是停发、减员（核减、减少）、取消、暂缓、外迁或删除、作废、备份（旧表）、待审核等不应发放的人员名单，不是本月应发放的名单，本行不予发放；如此人本月应当发放，请移到本月花名册工作表后重新报送")
		case e.Person.Death.IsZero():
			e.add(domain.Held, cols, FieldDeath, "sheet_dead_list", "本行在"+named+"表明是死亡人员名单，但本行未填死亡日期，暂缓发放：请补填死亡日期，不要删除本行（死亡当月仍发放：填写后该月随以后月份补发给遗属）；如此人健在，请移到本月花名册工作表后重新报送")
		}
	}
}

// stopListIn reports whether sheet lists people to stop paying or not to
// pay (stop) or the dead (dead), by its name or else by its file's
// (holdStopList), and named, the words of a message that say which name
// says so.
func (r *reader) stopListIn(sheet string) (named string, stop, dead bool) {
	stop, dead = namesStopList(withoutLayout(sheet)), namesDeathList(sheet) // 按旧表格式填报 is no 旧表
	named = "工作表「" + sheet + "」中，表名"
	if !stop && !dead && !includesOthers(r.wb.Name) {
		switch {
		case namesDeathList(r.wb.Name):
			dead, named = true, "文件「"+r.wb.Name+"」中，文件名"
		case namesStopFile(r.wb.Name):
			stop, named = true, "文件「"+r.wb.Name+"」中，文件名"
		}
	}
	return named, stop, dead
}

// headingWords in a note row are those of a heading over a list of people
// (以下为停发人员, 减员名单, 死亡人员如下), not of a note about someone (3号王秀英已
// 死亡, 说明：邹香已于10月去世), which names whom it means.
var headingWords = []string{"以下", "如下", "下列", "人员", "名单", "名册"}

// pointBelow are the words of a heading that point at the rows under it.
var pointBelow = []string{"以下", "如下", "下列"}

// listedElsewhere, after the people a clause names (减少人员已删除, 暂停人员
// 已另表报送, 减少人员见附表), or as the clause after it (停发人员（已删除）),
// say those people are not the rows under it: taken off the table, or
// listed on another.
var listedElsewhere = []string{"删除", "已删", "剔除", "去除", "清除", "另表", "另附", "另行", "另报", "附表", "附件", "见附"}

// listsNobody in the clause that names the people, or nobodyClauses as
// the clause after it, say there are none (减员0人, 本月减少人员：无).
var (
	listsNobody   = []string{"0人", "0名", "零人", "无人"}
	nobodyClauses = []string{"无", "暂无", "没有", "0", "0人", "零", "无人"}
)

// listKindWords name the kind of people a heading lists (以下为新增人员).
var listKindWords = []string{"人员", "名单", "名册"}

// headingResumes in a heading say its people are paid again: a 备注's
// resumeWords, and 补发 or 重新发放 (以下为补发人员（上月暂缓）); not after
// resumeNotYet (待恢复, 拟恢复, 将恢复).
var headingResumes = slices.Concat(resumeWords, []string{"补发", "重新发放"})

// resumeNotYet are the characters before a resume word that put it off.
const resumeNotYet = "待拟将"

// headsStopSection reports whether a note row of no person (text) heads the
// rows under it as people to stop paying or not to pay (stop: 以下为停发人员,
// 减少人员：) or as the dead (dead: 以下人员已去世). The clause that points
// below and names a kind of people decides (本月减少人员已删除，以下为新增人员
// heads new people); one that says its people are elsewhere (减少人员已删除,
// 暂停人员已另表报送, 以下为新增人员（减少人员见附表）) or that there are none
// (本月减少人员：无) heads none of them, nor does a heading of people resumed
// or paid back (以下为恢复人员（原停发）, 以下人员10月停发，11月恢复, 以下为补发
// 人员（上月暂缓）): held, each was a living senior not paid a month.
func headsStopSection(text string) (stop, dead bool) {
	if !containsAny(text, headingWords) || !namesStopList(text) && !namesDeathList(text) || resumedHeading(text) {
		return false, false
	}
	cs := clauses(text)
	below := slices.ContainsFunc(cs, func(c string) bool { return containsAny(c, pointBelow) && containsAny(c, listKindWords) })
	for i, c := range cs {
		if below && !(containsAny(c, pointBelow) && containsAny(c, listKindWords)) {
			continue
		}
		s, d := namesStopList(c), namesDeathList(c)
		if !s && !d {
			continue
		}
		next := ""
		if i+1 < len(cs) {
			next = strings.TrimPrefix(cs[i+1], "已")
		}
		if containsAny(c, listsNobody) || slices.Contains(nobodyClauses, next) {
			continue
		}
		if !containsAny(c, pointBelow) {
			if at := strings.IndexAny(c, "人名"); at >= 0 && containsAny(c[at:], listedElsewhere) || hasPrefixAny(next, listedElsewhere) {
				continue
			}
		}
		stop, dead = stop || s, dead || d
	}
	return stop, dead
}

// resumedHeading reports a heading that speaks of a payment resumed or
// paid back (恢复, 补发, 正常发放), not denied (不再恢复) nor to come
// (待恢复) nor undecided (恢复待定).
func resumedHeading(text string) bool {
	text = readable(text)
	if containsAny(text, uncertainWords) {
		return false
	}
	for _, c := range clauses(text) {
		for _, w := range headingResumes {
			for at := range occurrences(c, w) {
				after := c[at+len(w):]
				if resumeDenied(c[:at]) || strings.ContainsAny(string(lastRunes(c[:at], 1)), resumeNotYet) || backPaysMonth(w, after) || w == "补发" && reBackPaidMonth.MatchString(after) {
					continue
				}
				return true
			}
		}
	}
	return false
}

// holdStopSections holds the people listed right under a note row of sheet
// that heads them as people to stop paying or not to pay (以下为停发人员,
// 减少人员：, 以下为本月减员), as a sheet so named is held (holdStopList), or
// as the dead (以下人员已去世), whose rows are held until they give a 死亡日期:
// staff move the people they remove below such a heading instead of
// deleting their rows. The section is the rows of people that follow the
// heading without a gap (blank rows between the heading and its first
// person are none), over a header repeated under it, up to a row of
// no ID whose 姓名 is a heading (以下为恢复发放人员, read as a name); a row a
// note holds (note_stop) is held there, not again. A heading of people to
// stop typed in the 姓名 column is such a row of no ID, and heads its
// section as a note row does.
func (r *reader) holdStopSections(sheet string) {
	var entries []*Entry
	heads := slices.Clone(r.notes)
	for e := range r.sheetEntries(sheet) {
		// A heading typed in the 姓名 column with nothing to mark it as a
		// note (以下为停发人员) is read as a row of no ID: it heads the rows
		// under it all the same.
		if e.RawID == "" && containsAny(e.Person.Name, headingWords) && !slices.ContainsFunc(r.notes, func(n note) bool { return n.loc == e.Person.Source }) {
			heads = append(heads, note{loc: e.Person.Source, text: e.Person.Name}) // not kept as a note already (noteCell)
		}
	}
	for _, n := range heads {
		if n.loc.Sheet != sheet || !containsAny(n.text, headingWords) {
			continue
		}
		stop, dead := headsStopSection(n.text)
		if !stop && !dead {
			continue
		}
		if entries == nil {
			entries = slices.Collect(r.sheetEntries(sheet))
		}
		at := domain.Location{Sheet: sheet, Row: n.loc.Row}
		heading := fmt.Sprintf("第%d行「%s」", n.loc.Row, quoteShort(n.text))
		next := n.loc.Row + 1
		first := true // no row of the section read yet
		for _, e := range entries {
			row := e.Person.Source.Row
			if row <= n.loc.Row {
				continue
			}
			for next < row {
				if slices.Contains(r.headersAgain, next) {
					next++ // the header repeated under the heading
				} else if first && (next >= len(r.written) || !r.written[next]) {
					next++ // a blank row between the heading and its first person
				} else {
					break
				}
			}
			first = false
			if row != next || e.valueOf(FieldID) == "" && containsAny(e.valueOf(FieldName), headingWords) {
				break // a gap, or another heading typed in the 姓名 column (以下为恢复发放人员)
			}
			next++
			if e.holdsFor(CodeNoteStop) || e.holdsFor(CodeNoteDeath) {
				continue
			}
			cols := r.spans.at(row)
			dated := func() {
				if r.headedDated == nil {
					r.headedDated = map[domain.Location][]string{}
				}
				r.headedDated[at] = append(r.headedDated[at], fmt.Sprintf("%s（第%d行）", e.Person.Name, row))
			}
			switch {
			case stop && e.stopIsTheDeaths():
				e.stopListDeath(cols, "本行在"+heading+"之下，该行表明其下是停发等不应发放的人员")
				if !e.Person.Death.IsZero() {
					dated()
				}
				continue
			case stop:
				e.add(domain.Held, cols, FieldNone, "section_stop_list", "本行在"+heading+"之下，该行表明其下是停发、减员、删除等不应发放的人员，本行不予发放；如此人本月应当发放，请把本行移到该行之上（或删除该行）后重新报送")
			case e.Person.Death.IsZero():
				e.add(domain.Held, cols, FieldDeath, "section_dead_list", "本行在"+heading+"之下，该行表明其下是死亡人员，但本行未填死亡日期，暂缓发放：请补填死亡日期，不要删除本行（死亡当月仍发放：填写后该月随以后月份补发给遗属）；如此人健在，请把本行移到该行之上（或删除该行）后重新报送")
			default:
				dated()
				continue
			}
			e.drop("row_after_total") // below the total, as people not paid are: the heading says why
			if r.headed == nil {
				r.headed = map[domain.Location][]string{}
			}
			r.headed[at] = append(r.headed[at], fmt.Sprintf("%s（第%d行）", e.Person.Name, row))
		}
	}
}

// deathListAfterAll turns a sheet read as a roster into a death list when
// its columns are only who someone is and a 死亡日期 (姓名, 公民身份号码,
// 死亡日期, perhaps 序号, 性别, 出生日期, 备注) and every row has a death date:
// the police's or funeral services' list, whatever the file is called. A
// short roster where some people are alive stays a roster.
func (r *reader) deathListAfterAll(sheet string) bool {
	for _, span := range r.spans {
		for f := FieldSeq; f < numFields; f++ {
			switch f {
			case FieldSeq, FieldName, FieldSex, FieldID, FieldBirth, FieldDeath, FieldRemark:
			default:
				if span.cols[f] >= 0 {
					return false
				}
			}
		}
		if span.cols[FieldDeath] < 0 {
			return false
		}
	}
	var mine []int
	for i := range r.wb.Entries {
		e := &r.wb.Entries[i]
		if e.Person.Source.Sheet != sheet {
			continue
		}
		if e.Held || e.Person.Death.IsZero() {
			return false
		}
		mine = append(mine, i)
	}
	if len(mine) == 0 {
		return false
	}
	keep := r.wb.Entries[:0]
	for i := range r.wb.Entries {
		e := r.wb.Entries[i]
		if e.Person.Source.Sheet != sheet {
			keep = append(keep, e)
			continue
		}
		r.wb.Statuses = append(r.wb.Statuses, Status{Kind: StatusDeath, ID: e.Person.ID, Name: e.Person.Name, Death: e.Person.Death, Source: e.Person.Source})
	}
	r.wb.Entries = keep
	r.notice(domain.Location{File: r.wb.Name, Sheet: sheet}, "sheet_death_list",
		"工作表「"+sheet+"」只有姓名、身份证号和死亡日期，且每行都有死亡日期，按死亡名单使用（不作为花名册发放）")
	return true
}

// recheckFormulas holds rows with a formula cell that has no cached value:
// such a cell reads as empty, which could silently mean "not dibao", "no
// death date" or, in a 备注 or status column, no word of a death or stop.
// Only cells that read empty and that kinds says may be formulas are
// looked at, with excelize (which loads the sheet: rare); a formula whose
// result, calculated again by excelize, really is empty is accepted. An
// empty 姓名 or ID so explained is not also held as missing.
func (r *reader) recheckFormulas(f *excelize.File, kinds cellKinds, sheet string) {
	for e := range r.sheetEntries(sheet) {
		row := e.Person.Source.Row
		for _, b := range e.empty {
			if !kinds.mayBeFormula(b.col+1, row) {
				continue
			}
			if ref, formula := kinds.arrayUnvalued(b.col+1, row); ref != "" {
				e.dropMissing(b.field)
				e.addCell(domain.Held, b.col, b.field, b.header, "formula_no_value",
					"「"+b.header+"」在数组公式（"+ref+"：="+formula+"）的范围内，但文件里没有计算结果，不能当作空值；请在 Excel/WPS 中打开、重新计算并保存后重新放入")
				continue
			}
			cell, err := excelize.CoordinatesToCellName(b.col+1, row)
			if err != nil {
				continue
			}
			formula, err := f.GetCellFormula(sheet, cell)
			if err != nil || formula == "" {
				continue
			}
			if v, err := f.CalcCellValue(sheet, cell); err == nil && v == "" {
				continue // the formula's result really is empty (=IF(...,"城市低保",""))
			}
			e.dropMissing(b.field)
			e.addCell(domain.Held, b.col, b.field, b.header, "formula_no_value",
				"「"+b.header+"」是公式（="+formula+"）但文件里没有计算结果，不能当作空值；请在 Excel/WPS 中打开、重新计算并保存后重新放入")
		}
		e.empty = nil
	}
}

// dropMissing drops the id_missing or name_missing finding of e when
// field is the ID or 姓名: a cell without its formula's result is not
// missing, and one finding says so.
func (e *Entry) dropMissing(field Field) {
	switch field {
	case FieldID:
		e.drop("id_missing")
	case FieldName:
		e.drop("name_missing")
	}
}

// drop removes e's findings of code. It is for a finding a later,
// better-founded one replaces; e stays held if it was.
func (e *Entry) drop(code string) {
	e.Findings = slices.DeleteFunc(e.Findings, func(f domain.Finding) bool { return f.Code == code })
}

// rowSource yields the rows of a sheet, each as raw cell texts.
type rowSource interface {
	Next() bool
	Columns() ([]string, error)
	Error() error
}

// rowsRead returns the workbook read, the invisible characters its
// findings quote written out (showInvisible) and its RowsSHA256 filled.
func (r *reader) rowsRead() *Workbook {
	r.holdNamedInNotes()
	r.wb.fillStreetOfSheetsWithout()
	r.wb.showInvisible()
	r.wb.RowsSHA256 = rowsSHA256(r.wb)
	return r.wb
}

// fillStreetOfSheetsWithout gives the rows of a sheet without a 街道 column
// the street every row of the workbook's other sheets names, when they
// name one: a street's workbook with a sheet per benefit, its 护理补贴 sheet
// giving only 序号, 姓名, ID and 自理能力, put a senior listed only there on
// the 未填街道 copy, and next month's 跨街道转移 told her moved from
// （未填街道） into her own street when her row moved to the full sheet.
func (wb *Workbook) fillStreetOfSheetsWithout() {
	street := ""
	for i := range wb.Entries {
		e := &wb.Entries[i]
		if e.cols == nil || e.cols[FieldStreet] < 0 || e.Person.Street == "" {
			continue
		}
		if street != "" && e.Person.Street != street && domain.StreetStem(e.Person.Street) != domain.StreetStem(street) {
			return // streets differ: which the sheet's people belong to is not known
		}
		street = cmp.Or(street, e.Person.Street)
	}
	for i := range wb.Entries {
		if e := &wb.Entries[i]; street != "" && e.cols != nil && e.cols[FieldStreet] < 0 && e.Person.Street == "" {
			e.Person.Street = street
		}
	}
}

// excelRows reads a worksheet with excelize's row iterator, raw values.
type excelRows struct{ *excelize.Rows }

// Columns returns the current row as raw cell values.
func (e excelRows) Columns() ([]string, error) {
	return e.Rows.Columns(excelize.Options{RawCellValue: true})
}

// scan reads the rows of one sheet: finds the header, then reads every row
// below it as a roster or training row. It returns what kind of sheet it
// was and how many rows it passed; the roster columns of each row are left
// in r.spans. A header repeated below the first (two tables one under the
// other) maps the rows below it, after the same checks as the first.
func (r *reader) scan(rows rowSource, idx int, sheet string, visible bool, merged *mergeFill) (sheetKind, int, error) {
	var cols columns
	r.spans = r.spans[:0]
	r.headersAgain = r.headersAgain[:0]
	r.written = r.written[:0]
	r.ticked, r.kinded = nil, nil
	r.missing = r.missing[:0]
	var repeated *repeatedHeader // a header row met below the data, resolved at the next row
	var tcols trainingColumns
	var scols map[string]int
	var skind StatusKind
	headerRow, kind, read := 0, sheetOther, 0
	var ids sheetIDs  // ID-like cells of a sheet without a header
	var low lowHeader // a roster header below the rows searched
	var parent, headerCells []string
	for n := 1; rows.Next(); n++ {
		read = n
		cells, err := rows.Columns()
		if err != nil {
			return sheetOther, read, err
		}
		if anyText(cells) {
			r.written = append(r.written, make([]bool, max(0, n+1-len(r.written)))...)
			r.written[n] = true
		}
		if r.progress != nil && n%progressEvery == 0 {
			r.progress(r.rowsDone+n, r.rowsTotal())
		}
		merged.see(cells, n)
		if headerRow == 0 && n <= headerSearchRows {
			if _, ok := r.titles[sheet]; !ok && anyText(cells) {
				if r.titles == nil {
					r.titles = map[string]string{}
				}
				r.titles[sheet] = strings.Join(cells, " ")
			}
		}
		if headerRow == 0 {
			if n > headerSearchRows {
				ids.see(cells, n)
				low.see(r.h, cells, n)
				if n > idScanRows {
					break
				}
				continue
			}
			if parent != nil {
				if two := r.h.combine(parent, cells); r.h.complete(two) {
					c1, _, _ := r.h.match(cells)
					if c2, _, _ := r.h.match(two); r.h.reads(two, &c2) > r.h.reads(cells, &c1) {
						if err := r.strayMark(parent, cells, sheet, n); err != nil {
							return sheetOther, read, err
						}
						cells = two
					}
				}
			}
			parent = merged.spread(cells, n)
			c, complete, partial := r.h.match(cells)
			tc, training := matchTrainingHeader(cells)
			sk, sc, status := matchStatusHeader(cells, r.wb.Name+" "+sheet, &c)
			switch {
			case status:
				skind, scols, headerRow, kind = sk, sc, n, sheetStatus
			case complete:
				cols, headerRow, kind = c, n, sheetRoster
				headerCells = cells // checked at the next row, which may be a second header row
			case training:
				tcols, headerRow, kind = tc, n, sheetTraining
			case partial:
				kind = sheetPartial
			default:
				ids.see(cells, n)
			}
			if headerRow == 0 && kind == sheetPartial {
				return sheetOther, read, r.reject("file_header_incomplete", fmt.Sprintf("工作表「%s」第%d行像是表头，但%s；请把表头改为「姓名」「公民身份号码」等标准列名后重新放入", sheet, n, missingRequired(&c, cells)))
			}
			if headerRow != 0 && !visible && kind != sheetRoster {
				r.notice(domain.Location{File: r.wb.Name, Sheet: sheet}, "sheet_hidden",
					"工作表「"+sheet+"」是隐藏的，未读取；如其中的名单应当采用，请取消隐藏后重新报送")
				return sheetHidden, read, nil
			}
			continue
		}
		if kind == sheetRoster && n == headerRow+1 {
			// A second header row under the first (残疾情况 over 等级, 类别)?
			if c2, complete, _ := r.h.match(r.h.combine(parent, cells)); complete && r.h.reads(r.h.combine(parent, cells), &c2) > r.h.reads(headerCells, &cols) && countIDLike(cells) == 0 {
				cols, headerCells = c2, nil
				if err := r.strayMark(parent, cells, sheet, n); err != nil {
					return sheetOther, read, err
				}
				if err := r.checkHeader(r.h.combine(parent, cells), &cols, sheet, n); err != nil {
					return sheetOther, read, err
				}
				continue
			}
			if err := r.checkHeader(headerCells, &cols, sheet, headerRow); err != nil {
				return sheetOther, read, err
			}
			headerCells = nil
		}
		loc := domain.Location{File: r.wb.Name, Sheet: sheet, Row: n}
		cells = merged.fill(cells, n)
		if kind == sheetTraining {
			r.trainingRow(cells, &tcols, loc)
			continue
		}
		if kind == sheetStatus {
			r.statusRow(skind, cells, scols, loc)
			continue
		}
		if repeated != nil {
			// The row under a repeated header may be its second row (残疾情况
			// over 等级, 类别), as under the first header.
			h := repeated
			repeated = nil
			second := false
			if two := r.h.combine(h.parent, cells); countIDLike(cells) == 0 {
				if c2, complete, _ := r.h.match(two); complete && r.h.reads(two, &c2) > r.h.reads(h.cells, &h.cols) {
					if err := r.strayMark(h.parent, cells, sheet, n); err != nil {
						return sheetOther, read, err
					}
					h.cols, h.cells, second = c2, two, true
				}
			}
			if err := r.headerAgain(h, &cols, sheet); err != nil {
				return sheetOther, read, err
			}
			if second {
				r.headersAgain = append(r.headersAgain, n)
				continue
			}
		}
		if countIDLike(cells) == 0 && r.h.complete(cells) {
			c, _, _ := r.h.match(cells)
			repeated = &repeatedHeader{row: n, cells: cells, parent: merged.spread(cells, n), cols: c}
			r.headersAgain = append(r.headersAgain, n)
			continue
		}
		if len(r.spans) == 0 || r.spans[len(r.spans)-1].cols != cols {
			r.spans = append(r.spans, headerSpan{from: n, cols: cols})
		}
		r.row(cells, &cols, loc, idx)
		if hid := merged.hiddenUnder(cells, n); len(hid) > 0 {
			r.noteHidden(merged, hid, &cols, loc)
		}
		if len(merged.filled) > 0 {
			r.noteMerged(merged, &cols, loc)
		}
	}
	if err := rows.Error(); err != nil {
		return sheetOther, read, err
	}
	if err := r.tickedStatus(sheet); err != nil {
		return sheetOther, read, err
	}
	if headerCells != nil { // a header with no row under it
		if err := r.checkHeader(headerCells, &cols, sheet, headerRow); err != nil {
			return sheetOther, read, err
		}
	}
	if repeated != nil { // a repeated header on the last row
		if err := r.headerAgain(repeated, &cols, sheet); err != nil {
			return sheetOther, read, err
		}
	}
	if kind == sheetRoster && len(r.spans) == 0 {
		r.spans = append(r.spans, headerSpan{from: headerRow, cols: cols})
	}
	if kind == sheetRoster && r.deathListAfterAll(sheet) {
		kind = sheetStatus
	}
	r.missingDone(kind == sheetRoster && visible)
	if kind == sheetOther {
		idLike := ids.count()
		if low.row > 0 && (idLike > 0 || low.names > 0) {
			return sheetOther, read, r.reject("file_no_header", fmt.Sprintf("工作表「%s」第%d行像是花名册的表头，但表头须在前%d行之内（上方只能有标题、填报单位等几行），本文件未处理；请删除第%d行上方的说明文字等行（可移到另一个工作表），使表头位于前%d行内后重新放入", sheet, low.row, headerSearchRows, low.row, headerSearchRows))
		}
		if idLike > 0 {
			return sheetOther, read, r.reject("file_no_header", fmt.Sprintf("工作表「%s」中有%d个像身份证号的单元格，但前%d行找不到含「姓名」和「公民身份号码」的表头；请补上表头后重新放入", sheet, idLike, headerSearchRows))
		}
		if len(ids.labelled) > 0 {
			r.notice(domain.Location{File: r.wb.Name, Sheet: sheet}, "sheet_skipped",
				"工作表「"+sheet+"」没有花名册表头，未作为花名册读取，其中的人员未发放；但表中写有身份证号："+strings.Join(ids.labelled, "、")+"：如是应发放的人员，请移入花名册（姓名、公民身份号码各填一列）后重新报送")
		} else {
			r.notice(domain.Location{File: r.wb.Name, Sheet: sheet}, "sheet_skipped",
				"工作表「"+sheet+"」没有花名册表头，也没有身份证号，未作为花名册读取（如填表说明）")
		}
	}
	if kind == sheetRoster && !visible {
		return sheetHiddenRoster, read, nil
	}
	return kind, read, nil
}

// lowHeader is the first complete roster header of a sheet below the rows
// searched for one (headerSearchRows), and how many rows under it name
// someone in its 姓名 column. Such a sheet is not read: the rows above a
// header are never read, and an instruction sheet's example table would
// be read as a roster; but its people are not dropped either (file_no_header
// names the row, for staff to delete the lines above it).
type lowHeader struct {
	row, names int
	cols       columns
}

// see takes row n of a sheet whose header was not found in time.
func (l *lowHeader) see(h *Headers, cells []string, n int) {
	if l.row == 0 {
		if c, complete, _ := h.match(cells); complete {
			l.row, l.cols = n, c
		}
		return
	}
	if i := l.cols[FieldName]; i < len(cells) && clean(cells[i]) != "" {
		l.names++
	}
}

// headerSpan is the column map of a roster sheet from row from on.
type headerSpan struct {
	from int // Excel row
	cols columns
}

// headerSpans are the column maps of one roster sheet, in row order.
type headerSpans []headerSpan

// at returns the column map that reads Excel row row.
func (s headerSpans) at(row int) *columns {
	for i := len(s) - 1; i > 0; i-- {
		if s[i].from <= row {
			return &s[i].cols
		}
	}
	return &s[0].cols
}

// repeatedHeader is a complete header row met among a roster sheet's data
// rows (a second table pasted under the first, or a header repeated for
// printing), until the row under it says whether it has a second header
// row.
type repeatedHeader struct {
	row    int      // Excel row
	cells  []string // as matched (with the second header row, when there is one)
	parent []string // its cells spread over merged columns, for a second row
	cols   columns
}

// headerAgain takes a header repeated below the data: when it maps the
// columns as the header in force does, it is skipped with a notice; when it
// maps them otherwise (a second table whose columns come in another order),
// it gets the checks of a first header (checkHeader: a file with a column
// that may decide payment under an unknown name is refused) and maps the
// rows below it, with a notice naming the columns that moved.
func (r *reader) headerAgain(h *repeatedHeader, cols *columns, sheet string) error {
	loc := domain.Location{File: r.wb.Name, Sheet: sheet, Row: h.row}
	r.totalRow = 0 // a new table: the 合计 above is the previous table's
	if h.cols == *cols {
		r.notice(loc, "row_header_repeated", "重复的表头行（如复制粘贴时带入），已跳过")
		return nil
	}
	if err := r.checkHeader(h.cells, &h.cols, sheet, h.row); err != nil {
		return err
	}
	r.notice(loc, "row_header_repeated", fmt.Sprintf("第%d行又是一行表头，但列的位置与上面的表头不同（%s）：本行以下的人员按本行的表头读取；请核对本行以下各列的内容与本行表头一致，最好把两张表的列排成同样的顺序", h.row, movedColumns(cols, &h.cols)))
	*cols = h.cols
	return nil
}

// movedColumns names, in Chinese, the columns two header rows place
// differently: 低保类别 D列→E列, 户号 无→F列.
func movedColumns(before, after *columns) string {
	at := func(i int) string {
		if i < 0 {
			return "无"
		}
		return columnLetter(i) + "列"
	}
	var out []string
	for f := FieldSeq; f < numFields; f++ {
		if before[f] != after[f] {
			out = append(out, f.Header()+" "+at(before[f])+"→"+at(after[f]))
		}
	}
	return strings.Join(out, "、")
}

// reads scores how well a header row (cells, mapped c) reads a roster, to
// choose between a header's first row alone and its two rows together: the
// columns it maps (known2), one more for each status it reads from
// check marks per kind (低保 over 城市 and 农村, even when 低保 alone maps
// the 低保类别), and one less for each twin column (代领人信息 over a second
// 姓名 and 身份证号 makes them no twins).
func (h *Headers) reads(cells []string, c *columns) int {
	n := known2(c) - len(h.twins(cells, c))
	for _, m := range markFields {
		if mc := h.markColumns(cells, m.field); len(mc) > 0 && mc[0].col == c[m.field] {
			n++
		}
	}
	return n
}

// known2 counts the columns a header maps.
func known2(c *columns) int {
	n := 0
	for _, i := range c {
		if i >= 0 {
			n++
		}
	}
	return n
}

// complete reports whether cells are a complete roster header.
func (h *Headers) complete(cells []string) bool {
	_, complete, _ := h.match(cells)
	return complete
}

// idScanRows is how far a sheet without a header is searched for
// ID-looking cells, which would mean people are in it.
const idScanRows = 200

// countIDLike counts the cells that look like an ID (idLike).
func countIDLike(cells []string) int {
	n := 0
	for _, c := range cells {
		// clean only takes bytes away, and an ID is at least 15 bytes:
		// the shorter cells of a row (most of them) need no cleaning.
		if len(c) >= 15 && idLike(clean(c)) {
			n++
		}
	}
	return n
}

// sheetIDs counts, on a sheet without a header, the cells that look like
// an ID (idLike), which refuse the workbook (file_no_header): people would
// be there. A 残疾人证号 cell always counts, and so does one of 18
// characters that Parse takes (a real birth date and the right check
// character) but in a column of many that it does not take. Other
// ID-like numbers are IDs only by a chance about one number in thirty (a
// 15-digit number's birth date) or eleven (an 18-character one's check
// character, ISO 7064 MOD 11-2) has, so a helper sheet of 存折号, 电费户号
// or telephone numbers beside the roster is not taken for people: a
// 15-digit cell, or an 18-character one with a wrong check character or
// birth date, counts only in a column that no header-like row above names
// as an account, a meter or a telephone (accountWords), and whose numbers
// of its length read as IDs at least as often as not (a column of IDs has
// few with a month 13 or a wrong check character; a mistyped one among
// them counts).
type sheetIDs struct {
	n        int              // 残疾人证号 cells
	labelled []string         // the first cells that write an ID after a word for one (身份证：1405…), quoted with their place
	cols     map[int]*idTally // per column: the numbers that may be IDs or not
	headers  map[int]string   // per column: its text in header-like rows among the first rows
}

// idTally counts a column's numbers that are IDs only by chance: 15-digit
// ones that read as an ID (with a real birth date) and that do not; and
// 18-character ones that Parse takes and the others that look like an ID.
type idTally struct {
	old, oldNot int
	new, newNot int
}

// see looks at row n (1-based) of the sheet.
func (s *sheetIDs) see(cells []string, n int) {
	if n <= headerSearchRows && headerLike(cells) {
		for i, c := range cells {
			if c = clean(c); c != "" {
				if s.headers == nil {
					s.headers = map[int]string{}
				}
				s.headers[i] += " " + c
			}
		}
	}
	for i, c := range cells {
		// clean only takes bytes away, and an ID is at least 15 bytes:
		// the shorter cells of a row (most of them) need no cleaning.
		if len(c) < 15 {
			continue
		}
		c = clean(c)
		switch {
		case len(c) == 15 && strings.Trim(c, "0123456789") == "":
			t := s.tally(i)
			if idLike(c) {
				t.old++
			} else {
				t.oldNot++
			}
		case len(c) == 18 && idLike(c):
			t := s.tally(i)
			if _, err := idnumber.Parse(c); err == nil {
				t.new++
			} else {
				t.newNot++
			}
		case idLike(c): // a 残疾人证号
			s.n++
		case containsAny(c, idWords) && idDigits(c) && len(s.labelled) <= maxStrayShown:
			// 身份证：1405… of a person written without a header: no
			// ID to refuse the workbook for (an instruction's example
			// reads so too), but the sheet's notice quotes it.
			q := "……"
			if rs := []rune(c); len(rs) > 40 {
				c = string(rs[:40]) + "…" // the ID whole, unlike quoteShort
			}
			if len(s.labelled) < maxStrayShown {
				q = fmt.Sprintf("%s%d「%s」", columnLetter(i), n, c)
			}
			s.labelled = append(s.labelled, q)
		}
	}
}

// tally returns the tally of column i, made on first use.
func (s *sheetIDs) tally(i int) *idTally {
	if s.cols == nil {
		s.cols = map[int]*idTally{}
	}
	t := s.cols[i]
	if t == nil {
		t = &idTally{}
		s.cols[i] = t
	}
	return t
}

// count returns how many cells seen look like an ID.
func (s *sheetIDs) count() int {
	n := s.n
	for col, t := range s.cols {
		if t.newNot < 5 || t.newNot < 3*t.new {
			// An 18-character number that Parse takes counts, but for
			// one in a column of many that it does not: about one number
			// in 300 passes by chance (a real date, the right check
			// character), so a helper sheet of a few hundred 存折号 has one.
			n += t.new
		}
		h := s.headers[col]
		if containsAny(h, accountWords) && !containsAny(h, idWords) {
			continue
		}
		if t.old >= t.oldNot {
			n += t.old
		}
		if t.new >= t.newNot {
			n += t.newNot
		}
	}
	return n
}

// headerLike reports whether a row may be a header: at least two cells of
// text without a digit (a title line has one).
func headerLike(cells []string) bool {
	k := 0
	for _, c := range cells {
		if c = clean(c); c != "" && !strings.ContainsAny(c, "0123456789") {
			k++
		}
	}
	return k >= 2
}

// accountWords name, in a header, a column of numbers that are no ID:
// bank accounts and passbooks, electricity meters, telephones.
var accountWords = []string{"账号", "帐号", "账户", "帐户", "卡号", "存折", "折号", "户号", "电表", "电话", "手机", "联系方式"}

// idWords name, in a header, a column of IDs whatever else it says.
var idWords = []string{"身份", "证件", "证号"}

// idLike reports whether c looks like an ID in a form a roster's ID column
// takes (parseID): 18 characters, digits with a last digit or X; a 15-digit
// first-generation number with a real birth date; a 20-character
// 残疾人证号. A sheet whose people are written with old numbers is a
// roster as much as one written with 18 characters, not a 填表说明.
func idLike(c string) bool {
	switch len(c) {
	case 18:
		return reIDLike.MatchString(c)
	case 15:
		_, err := idnumber.Upgrade15(c)
		return err == nil
	case 20:
		_, err := idnumber.ParseDisabilityCard(c)
		return err == nil
	}
	return false
}

var reIDLike = regexp.MustCompile(`^\d{17}[\dXx]$`)

// missingRequired says which required header a partial header lacks. A
// missing 姓名 names the headers of the row that contain 姓名, 名字 or 名称
// (老人姓名, 代领人姓名, 老人名字): whether one is the senior's own is for
// staff to say, and the program never takes one for it.
func missingRequired(c *columns, cells []string) string {
	if c[FieldName] < 0 {
		msg := "缺少「姓名」列"
		var close []string
		for _, h := range cells {
			if containsAny(normalizeHeader(h), []string{"姓名", "名字", "名称"}) {
				close = append(close, "「"+strings.TrimSpace(h)+"」")
			}
		}
		if len(close) > 0 {
			msg += "，本行的" + strings.Join(close, "") + "列不是认可的列名；如其中有老年人本人的姓名（不是代领人、监护人等的姓名），请把该列列名改为「姓名」"
		}
		return msg
	}
	msg := "缺少「公民身份号码」列（也可写作 身份证号码、身份证号）"
	suspect, _ := unknownHeaders(cells, c)
	var seen []string
	for _, u := range suspect {
		if u.field == FieldID {
			seen = append(seen, "「"+u.header+"」")
		}
	}
	if len(seen) > 0 {
		slices.Sort(seen)
		msg += "，本行的" + strings.Join(seen, "") + "列不是认可的列名，如它就是公民身份号码，请把列名改为「公民身份号码」"
	}
	return msg
}

// remarkText returns the row's remarks: first, the text of the first
// remark column, then that of each other (r.remarks), joined by ；.
func (r *reader) remarkText(first string, cells []string) string {
	if len(r.remarks) == 0 {
		return first
	}
	parts := []string{first}
	for _, i := range r.remarks {
		if i < len(cells) {
			parts = append(parts, clean(cells[i]))
		}
	}
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), "；")
}

// readUnheaded holds row e, not held already, when a cell of a column
// without a header (right of the table, or under an empty header cell)
// says the person died or stopped, as a 备注 saying it would
// (remark_death, remark_stop): staff write 已去世 beside the 备注 as well as
// in it, and such a cell on a row of nobody already held whom it named
// (note_stop), while on the person's own row it was read by nothing and
// the dead were paid. Other words there are left alone: a column without
// a header is nobody's 备注.
func (r *reader) readUnheaded(e *Entry, cells []string, cols *columns) {
	if e.Held {
		return
	}
	for i, c := range cells {
		// Every other column read (remarks, status columns, twins,
		// marks) is found by its header's text, so has a label; a field's
		// column is kept out too, should a two-row header leave it blank.
		text := clean(c)
		if text == "" || i < len(r.labels) && strings.TrimSpace(r.labels[i]) != "" || slices.Contains(cols[:], i) {
			continue
		}
		alone := Entry{Person: e.Person, RawID: e.RawID}
		alone.readRemark(cols, text, r.month)
		for _, f := range alone.Findings {
			if f.Severity != domain.Held || f.Code != "remark_death" && f.Code != "remark_stop" {
				continue
			}
			f.Where.Column, f.Where.Header = columnLetter(i), ""
			f.Message = strings.Replace(strings.Replace(f.Message, "备注「", columnLetter(i)+"列（无列名）「", 1), "请更正备注", "请更正该格", 1)
			e.Findings = append(e.Findings, f)
			e.Held = true
			return
		}
	}
}

// placeRemark points the findings readRemark gave e from the row's
// remarks (e.Findings[from:]) at the remark column whose text says them:
// the first column whose text (first, for the first remark column), read
// alone on a row held or not as e was before (held), gives a finding of
// the same code. The remarks are read as one (remarkText), so a death
// written only in the second column was reported at the first, sending
// staff to the wrong cell. A finding the first column gives, or that no
// column gives alone, stays at the first.
func (r *reader) placeRemark(e *Entry, from int, held bool, first string, cells []string, cols *columns) {
	if len(r.remarks) == 0 || from == len(e.Findings) {
		return
	}
	gives := func(text, code string) bool {
		alone := Entry{Person: e.Person, RawID: e.RawID, Held: held}
		alone.readRemark(cols, text, r.month)
		return slices.ContainsFunc(alone.Findings, func(f domain.Finding) bool { return f.Code == code })
	}
	for k := from; k < len(e.Findings); k++ {
		fd := &e.Findings[k]
		if gives(first, fd.Code) {
			continue
		}
		for _, i := range r.remarks {
			if i < len(cells) && gives(clean(cells[i]), fd.Code) {
				fd.Where.Column, fd.Where.Header = columnLetter(i), strings.TrimSpace(r.labels[i])
				break
			}
		}
	}
}

// checkHeader refuses a header with an unknown column that looks like a
// payment-deciding one (it would be read as empty) or a header repeated
// beside itself (besideTable: two tables side by side, the right one's
// people never read), and mentions other unknown columns once.
func (r *reader) checkHeader(cells []string, cols *columns, sheet string, row int) error {
	if col, ok := r.h.besideTable(cells, cols); ok {
		return r.reject("file_tables_side_by_side", fmt.Sprintf("工作表「%s」第%d行的表头从%s列起又重复了一遍（「姓名」「%s」等列出现两次），像是两张表左右并排：程序只能按一张表读取，右边那张表的人员会被漏掉或与左边的人员混在一行，为免漏发错发，本文件未处理。请把两张表上下排列或分成两个工作表后重新报送",
			sheet, row, columnLetter(col), strings.TrimSpace(cells[cols[FieldID]])))
	}
	suspect, other := unknownHeaders(cells, cols)
	if len(suspect) > 0 {
		return r.reject("file_header_unknown", suspectMessage(suspect, sheet, row))
	}
	r.labels = cells
	r.marks = nil
	for _, m := range markFields {
		if mc := r.h.markColumns(cells, m.field); len(mc) > 0 && mc[0].col == cols[m.field] {
			if r.marks == nil {
				r.marks = map[Field][]markColumn{}
			}
			r.marks[m.field] = mc
			for _, c := range mc {
				other = slices.DeleteFunc(other, func(h string) bool { return h == c.header })
			}
		}
	}
	r.twins = r.h.twins(cells, cols)
	r.remarks = r.h.remarks(cells, cols)
	r.statusCols = r.h.statusColumns(cells, cols, r.twins, r.remarks)
	for _, i := range r.remarks {
		other = slices.DeleteFunc(other, func(h string) bool { return h == strings.TrimSpace(cells[i]) })
	}
	for _, t := range r.twins {
		other = slices.DeleteFunc(other, func(h string) bool { return h == t.header })
		if t.strict {
			r.notice(domain.Location{File: r.wb.Name, Sheet: sheet, Row: row, Column: columnLetter(t.col), Header: t.header}, "columns_twin",
				fmt.Sprintf("本表没有「%s」列，「%s」列（%s列）和「%s」列（%s列）都是它：按%s列发放，两列不一致（包括一列为空）的行暂缓发放；请只保留应发放的一列并改名为「%s」",
					t.field.Header(), strings.TrimSpace(cells[cols[t.field]]), columnLetter(cols[t.field]), t.header, columnLetter(t.col), columnLetter(cols[t.field]), t.field.Header()))
			continue
		}
		r.notice(domain.Location{File: r.wb.Name, Sheet: sheet, Row: row, Column: columnLetter(t.col), Header: t.header}, "columns_twin",
			fmt.Sprintf("「%s」列（%s列）与「%s」列（%s列）是同一项：按%s列发放，两列都填了但不一致的行暂缓发放；请删去其中一列",
				t.header, columnLetter(t.col), strings.TrimSpace(cells[cols[t.field]]), columnLetter(cols[t.field]), columnLetter(cols[t.field])))
	}
	r.noteMissing(cells, cols, other, sheet, row)
	if len(other) > 0 {
		msg := "以下列不是花名册的标准列，未使用：" + strings.Join(other, "、")
		var watched []string
		for _, s := range r.statusCols {
			watched = append(watched, "「"+s.header+"」")
		}
		if len(watched) > 0 {
			msg += "；其中" + strings.Join(watched, "") + "不用于计算，但写明此人死亡或停发的行会暂缓发放（status_column）"
		}
		r.notice(domain.Location{File: r.wb.Name, Sheet: sheet, Row: row}, "columns_ignored", msg)
	}
	return nil
}

// dateWords in an unknown header say it holds a date (逝世日期, 去世年月):
// its refusal gives another date as the example of what it may be.
var dateWords = []string{"日期", "时间", "年月", "月份"}

// suspectMessage is the refusal of a header row with unknown headers that
// may decide the payment (unknownHeaders): every one of them, each with its
// cell and what to do, so that staff fix them all in one round.
func suspectMessage(suspect []suspectHeader, sheet string, row int) string {
	advice := func(u suspectHeader) string {
		f := u.field
		example, rename := "填的是一般、残疾、独居", "人员情况"
		switch {
		case f == FieldBankAccount || f == FieldElectricityAccount:
			example, rename = "填的是医保卡号、燃气户号，不是发放用的"+f.Header(), "其他卡号"
		case slices.ContainsFunc(dateWords, func(w string) bool { return strings.Contains(u.header, w) }):
			example, rename = "填的是登记、办理等其他事情的日期", "其他日期"
		}
		return fmt.Sprintf("请改用标准列「%s」并按其要求填写（见说明），或由管理员在 rules/roster.headers.yaml 中为「%s」添加别名「%s」（仅当两列含义和填法完全相同）；如该列说的不是%s（例如%s），请把表头改为与之无关的名称（如「%s」）或删除该列",
			f.Header(), f.Header(), u.header, f.Header(), example, rename)
	}
	cell := func(u suspectHeader) string {
		c, _ := excelize.CoordinatesToCellName(u.col+1, row)
		return c
	}
	if len(suspect) == 1 {
		u := suspect[0]
		return fmt.Sprintf("工作表「%s」第%d行的表头「%s」（%s单元格）无法识别，它可能影响「%s」；为免发错，本文件未处理。%s后重新报送", sheet, row, u.header, cell(u), u.field.Header(), advice(u))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "工作表「%s」第%d行有%d个表头无法识别，都可能影响发放；为免发错，本文件未处理。请把以下各列都改好后重新报送：", sheet, row, len(suspect))
	for i, u := range suspect {
		fmt.Fprintf(&b, "（%d）表头「%s」（%s单元格）可能影响「%s」：%s。", i+1, u.header, cell(u), u.field.Header(), advice(u))
	}
	return b.String()
}

func (r *reader) reject(code, msg string) error {
	return &RejectError{File: r.wb.Name, Code: code, Message: msg}
}

func (r *reader) notice(loc domain.Location, code, msg string) {
	r.wb.Notices = append(r.wb.Notices, domain.Finding{Severity: domain.Notice, Code: code, Where: loc, Message: msg})
}

// recheckNumberCells finds IDs and account numbers that were typed into
// number cells but read back as plain digits ("140522194201261000"): Excel
// keeps only 15 significant digits of a number, so such a value has lost its
// last digits even though it looks complete, and a number loses leading
// zeros (户号 0350001234 becomes 350001234). IDs held for a wrong length or
// check character are looked up when they have more than 15 digits ending in
// 0 (what a rounded number prints as); every 户号 and 银行账号 is looked up.
// It runs after the sheet's rows are read; the cell type (from kinds)
// decides.
func (r *reader) recheckNumberCells(kinds cellKinds, sheet string) {
	var cols *columns
	isNumber := func(field Field, row int) bool { return cols[field] >= 0 && kinds.isNumber(cols[field]+1, row) }
	suspect := func(v string) bool { return len(v) > 15 && allDigits(v) } // more digits than a number keeps
	anyNumber := func(v string) bool { return allDigits(v) }
	for e := range r.sheetEntries(sheet) {
		cols = r.spans.at(e.Person.Source.Row)
		loc := e.Person.Source
		for j := range e.Findings {
			fd := &e.Findings[j]
			if (fd.Code == "id_checksum" || fd.Code == "id_length" || fd.Code == "id_numeric") && suspect(e.RawID) && isNumber(FieldID, loc.Row) {
				fd.Code, fd.Message = "id_numeric", numericIDMessage(e.RawID)
			}
			if fd.Code == "id_birth_date" && suspect(e.RawID) && isNumber(FieldID, loc.Row) {
				// 1.40502E+17 typed back into a number cell: fewer digits
				// than 15 kept, and zeros for a birth date that never was.
				// The zeros after the last digit kept are lost too.
				kept := strings.TrimRight(e.RawID[:min(len(e.RawID), idnumber.ExcelDigits)], "0")
				fd.Code, fd.Message = "id_numeric", numericIDMessage(kept+strings.Repeat("?", len(e.RawID)-len(kept)))
			}
		}
		// A number keeps 15 significant digits in Excel: an 18-digit ID
		// stored as one has lost its last digits even when what is left
		// happens to pass the check character (1 time in 11), and paying it
		// would pay someone under another person's number.
		if e.Person.ID != "" && len(e.RawID) > 15 && allDigits(e.RawID) && isNumber(FieldID, loc.Row) {
			e.add(domain.Held, cols, FieldID, "id_numeric",
				"身份证号被存为数字（显示为"+e.RawID+"）：Excel 只保留15位有效数字，末几位可能已变成0，校验位碰巧相符也不能确认是本人；请把该列设置为文本格式后重新输入完整的18位号码")
			e.Person.ID, e.Person.Birth = "", time.Time{} // not a number to list or pay anyone under
		}
		for _, acct := range []struct {
			field Field
			value *string
		}{{FieldBankAccount, &e.Person.BankAccount}, {FieldElectricityAccount, &e.Person.ElectricityAccount}} {
			if anyNumber(*acct.value) && isNumber(acct.field, loc.Row) {
				e.add(accountSeverity(acct.field), cols, acct.field, "account_numeric", numericAccountMessage(acct.field, *acct.value))
				if acct.field == FieldElectricityAccount && allDigits(*acct.value) {
					e.meterNumber = *acct.value
				}
				*acct.value = ""
			}
		}
	}
}

// mergedPayFields are the columns whose value decides what a person is paid
// (or where to), and which a merged cell may have filled for several rows.
// 街道/社区 merged over their people and 户号 merged over a household are
// ordinary, and not noted.
var mergedPayFields = []Field{FieldDibao, FieldTekun, FieldHardship, FieldSelfCare, FieldGrade, FieldCategory, FieldBankAccount, FieldDeath}

// noteMerged adds a notice (merged_value) to the row just read, at loc, for
// each column of mergedPayFields that took its value from a cell merged over
// several rows: the row is paid on that value, which staff may not have
// meant for every row the merge covers. A 姓名 taken from a merge holds the
// row (name_merged): one name over several IDs says nothing of who this
// row is, and the bank pays only to the account holder's name.
func (r *reader) noteMerged(m *mergeFill, cols *columns, loc domain.Location) {
	if len(r.wb.Entries) == 0 {
		return
	}
	e := &r.wb.Entries[len(r.wb.Entries)-1]
	if e.Person.Source.Row != loc.Row || e.Person.Source.Sheet != loc.Sheet {
		return // the row gave no entry (a template or footer row)
	}
	if cols[FieldName] >= 0 {
		if ref, v, ok := m.filledFrom(cols[FieldName]); ok {
			e.add(domain.Held, cols, FieldName, "name_merged", "「姓名」取自合并单元格 "+ref+" 的值「"+v+"」：一个姓名对应多行身份证号，本行是谁无法确定（代发时姓名须与账户一致），暂缓发放；请取消合并后填写本人姓名")
		}
	}
	for _, f := range mergedPayFields {
		if cols[f] < 0 {
			continue
		}
		ref, v, ok := m.filledFrom(cols[f])
		if !ok {
			continue
		}
		e.add(domain.Notice, cols, f, codeMergedValue, "「"+f.Header()+"」"+mergedFromWords+ref+" 的值「"+v+"」，本行按此计算；如本行情况不同，请取消合并后逐行填写")
	}
}

// codeMergedValue is the notice of a value a row took from a cell merged
// over several rows (noteMerged).
const codeMergedValue = "merged_value"

// mergedFromWords come before the merged range in a merged_value notice.
const mergedFromWords = "取自合并单元格 "

// mergedRange returns the merged range (as O9:O10) that gave e's field f
// its value, from e's merged_value notice, and false when none did.
func (e *Entry) mergedRange(f Field) (string, bool) {
	for _, n := range e.Findings {
		if n.Code != codeMergedValue || n.Where.Header != f.Header() {
			continue
		}
		if _, rest, ok := strings.Cut(n.Message, mergedFromWords); ok {
			if ref, _, ok := strings.Cut(rest, " "); ok {
				return ref, true
			}
		}
	}
	return "", false
}

// noteHidden gives the row just read, at loc, a finding for each cell of
// hid (mergeFill.hiddenUnder): a value read that Excel does not show, under
// a merged range. A cell of a column that decides who is paid or what
// (姓名, 公民身份号码, the columns of mergedPayFields, 户号) holds the row
// (merged_hidden_value): staff checking the printout never saw it. Others
// are told.
func (r *reader) noteHidden(m *mergeFill, hid []hiddenCell, cols *columns, loc domain.Location) {
	if len(r.wb.Entries) == 0 {
		return
	}
	e := &r.wb.Entries[len(r.wb.Entries)-1]
	if e.Person.Source.Row != loc.Row || e.Person.Source.Sheet != loc.Sheet {
		return // the row gave no entry
	}
	deciding := append([]Field{FieldName, FieldID, FieldElectricityAccount}, mergedPayFields...)
	for _, h := range hid {
		rg := m.ranges[h.rng]
		a, _ := excelize.CoordinatesToCellName(rg.c0, rg.r0)
		b, _ := excelize.CoordinatesToCellName(rg.c1, rg.r1)
		label := ""
		if h.col < len(r.labels) {
			label = strings.TrimSpace(r.labels[h.col])
		}
		sev, f := domain.Notice, FieldNone
		for _, d := range deciding {
			if cols[d] == h.col {
				sev, f = domain.Held, d
			}
		}
		msg := fmt.Sprintf("%s列「%s」的值「%s」在合并单元格 %s:%s 之下，Excel 里看不到（只显示「%s」），程序却按它读取", columnLetter(h.col), label, quoteShort(h.value), a, b, quoteShort(m.values[h.rng]))
		if sev == domain.Held {
			msg += "，本行暂缓发放：请取消合并、核对该行后重新报送"
		} else {
			msg += "：请取消合并、核对该行"
		}
		e.add(sev, cols, f, "merged_hidden_value", msg)
		if f == FieldNone {
			e.Findings[len(e.Findings)-1].Where.Column, e.Findings[len(e.Findings)-1].Where.Header = columnLetter(h.col), label
		}
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// numericIDMessage is the message of an ID typed into a number cell whose
// stored text is raw: in exponent form (1.40521E+17, from a CSV or an xlsx
// file) or as more than 15 digits.
func numericIDMessage(raw string) string {
	return "身份证号被存为数字，末几位已丢失（只剩" + knownDigits(raw) + "，?为丢失的数字），无法核对；请把该列设置为文本格式后重新输入完整的18位号码"
}

// knownDigits writes a number cell's stored text as the digits it still
// holds, at most the 15 Excel keeps, and a ? for each digit lost, as the
// 身份证号（原样） column of 异常清单 shows it (report's asWritten): the
// exponent form 1.40521E+17 gives 140521????????????, and 18 digits read
// back as 140522194201261000 give 140522194201261???. The zeros in place of
// lost digits were never typed, and a message showing them would show a
// number that is no one's. Other text is returned as it is.
func knownDigits(raw string) string {
	if allDigits(raw) {
		if len(raw) > idnumber.ExcelDigits {
			return raw[:idnumber.ExcelDigits] + strings.Repeat("?", len(raw)-idnumber.ExcelDigits)
		}
		return raw
	}
	whole, kept, ok := idnumber.NumberDigits(raw)
	if !ok {
		return raw
	}
	return whole[:kept] + strings.Repeat("?", len(whole)-kept)
}

// normalizeAccount removes the spaces and hyphens staff type inside account
// numbers; "无" and "/" mean none.
func normalizeAccount(v string) string {
	v = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '－' { // a no-break space or tab pasted from a web page too
			return -1
		}
		return r
	}, v)
	if v == "无" || v == "/" || v == "—" {
		return ""
	}
	return strings.TrimLeft(v, "'’＇") // typed first to keep the digits as text, as on an ID
}

// parseAccount reads an account cell of column f (银行账号 or 户号): the
// account as digits (spaces and dashes removed, 无 or / as none), or the
// code and message (in Chinese) that hold the row: account_numeric (a
// number's scientific notation: digits lost), value_unknown (not digits),
// account_implausible (implausibleAccount).
func parseAccount(f Field, raw string) (account, code, msg string) {
	if looksNumeric(raw) {
		return "", "account_numeric", numericAccountMessage(f, raw)
	}
	if twoNumbers(raw) {
		return "", "value_unknown", f.Header() + "「" + raw + "」中有两个号码（由空格或换行隔开），去掉空格后连成的号码不是有效的" + f.Header() + "；请只填一个" + f.Header()
	}
	v := normalizeAccount(raw)
	if v != "" && !allDigits(v) {
		i := strings.IndexFunc(v, func(r rune) bool { return r < '0' || r > '9' })
		r, _ := utf8.DecodeRuneInString(v[i:])
		return "", "value_unknown", f.Header() + "「" + raw + "」中的" + idnumber.NotDigit(r) + "：" + f.Header() + "只能是数字，请核对"
	}
	if why := implausibleAccount(f, v); why != "" {
		return "", "account_implausible", why
	}
	return v, "", ""
}

// wholeNumberDigits is the fewest digits of a part of an account cell,
// between white space, that is a number of its own rather than a group of
// one number's digits: 6217 0000 1234 5678 is grouped by four (at most
// six, 621700 001234), while a 户号 has ten digits and a bank card 16 to 19.
const wholeNumberDigits = 9

// twoNumbers reports an account cell holding two numbers side by side,
// split by white space (a line break typed with Alt+Enter, a space), each
// of at least wholeNumberDigits digits (hyphens inside one do not count):
// with the spaces removed, as a grouped number is read, they would join
// into one number that is nobody's account.
func twoNumbers(raw string) bool {
	n := 0
	for _, part := range strings.FieldsFunc(raw, unicode.IsSpace) {
		digits := 0
		for _, r := range part {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if digits >= wholeNumberDigits {
			n++
		}
	}
	return n >= 2
}

// minBankAccountDigits is the fewest digits a 银行账号 can have: bank cards
// are 16 to 19 digits and passbook accounts seldom fewer than 12, so a
// shorter number is a placeholder ("0") or a number cut short, and paying
// to it would send the money nowhere or to someone else.
const minBankAccountDigits = 12

// implausibleAccount returns, in Chinese, why v (a normalized account of
// digits, from column f: 银行账号 or 户号) cannot be an account: fewer than
// three different digits (0000000000000000001, 1111111111), or a 银行账号
// of fewer than minBankAccountDigits digits. It returns ""
// for an empty or plausible account.
func implausibleAccount(f Field, v string) string {
	switch {
	case v == "":
		return ""
	case f == FieldBankAccount && len(v) < minBankAccountDigits:
		return fmt.Sprintf("%s「%s」只有%d位，不像完整的银行账号（银行卡号一般16至19位）；没有账号请留空，有账号请核对后填写完整", f.Header(), v, len(v))
	case distinctDigits(v) < 3:
		return f.Header() + "「" + v + "」几乎全是同一个数字，不是有效的" + f.Header() + "；没有" + f.Header() + "请留空，有则请填写完整"
	}
	return ""
}

// distinctDigits counts the different digits of v.
func distinctDigits(v string) int {
	var seen [10]bool
	n := 0
	for i := 0; i < len(v); i++ {
		if d := v[i] - '0'; d < 10 && !seen[d] {
			seen[d] = true
			n++
		}
	}
	return n
}

func numericAccountMessage(f Field, v string) string {
	if strings.ContainsAny(v, "eE") { // a number cell read raw, or text pasted from one
		return f.Header() + "「" + v + "」是科学计数法写的数字，末几位已丢失（单元格被设为数字，或从数字单元格复制而来），" + accountUnused(f) + "；请把该列设置为文本格式后重新填写完整账号"
	}
	return f.Header() + "被存为数字（显示为" + v + "），开头的0或末几位可能已丢失，" + accountUnused(f) + "；请把该列设置为文本格式后重新填写"
}

// accountSeverity is how an account of column f whose digits cannot be
// used (account_numeric, account_implausible) marks its row: a
// 银行账号 holds it, since the money would go astray; a 户号 is taken as
// not given, and the row is paid: only item 30's electricity allowance
// goes to a 户号, and it is then recorded unsent (meter_account_missing),
// while the money benefits do not depend on it (a fresh user and an
// auditor found a senior's whole month held for a 户号 in a number cell).
func accountSeverity(f Field) domain.Severity {
	if f == FieldElectricityAccount {
		return domain.Notice
	}
	return domain.Held
}

// accountUnused says, in a message about an account of column f that
// cannot be used, what the row gets without it.
func accountUnused(f Field) string {
	if accountSeverity(f) == domain.Notice {
		return "本月按未填户号处理（免费用电基数无法落实到户），不影响其他补贴"
	}
	return "不能据此发放"
}

// isColumnNumbers reports a row of column numbers 1, 2, 3, ... under a
// header, as many printed forms have.
func isColumnNumbers(cells []string) bool {
	n := 0
	for _, c := range cells {
		c = clean(c)
		if c == "" {
			continue
		}
		n++
		if c != strconv.Itoa(n) {
			return false
		}
	}
	return n >= 3
}

// idDigits reports a cell that holds an ID's digits though not as an ID
// (idLike): a run of 15 digits among other text, or a longer one with a
// birth date where an ID has it (身份证：1405…, 张三140502…, an ID a digit
// short or long: bornAt), or a number cell's exponent form of one
// (1.40502E+17). No totals or signature line has such a number in its
// 姓名 or ID column: a count, a date or a telephone is shorter, and a bank
// account (账号：6217…, 16 to 19 digits) has no birth date there.
func idDigits(v string) bool {
	v = clean(v)
	if len(v) < 10 {
		return false // the shorter cells of a row (most of them) need no look
	}
	if whole, _, ok := idnumber.NumberDigits(v); ok {
		return len(whole) >= 15
	}
	for _, run := range reDigitRun.FindAllString(v, -1) {
		if len(run) == 15 || len(run) > 15 && bornAt(run) {
			return true
		}
	}
	return false
}

// bornAt reports digits with a birth date (19000101 to 20991231, a month
// and a day that may be) where an ID has it, after its 6 digits of place,
// or one digit before or after that (a digit of the place left out or
// typed twice).
func bornAt(digits string) bool {
	for at := 5; at <= 7 && at+8 <= len(digits); at++ {
		y, m, d := digits[at:at+2], digits[at+4:at+6], digits[at+6:at+8]
		if (y == "19" || y == "20") && m >= "01" && m <= "12" && d >= "01" && d <= "31" {
			return true
		}
	}
	return false
}

var reDigitRun = regexp.MustCompile(`[0-9]+`)

// personName reports a 姓名 cell that reads as one person's name: two to
// four 汉字 and nothing else, neither a total word (合计, 东街街道小计) nor
// a word saying the table is empty (以下空白). A totals row's 姓名 is empty,
// a total word, a count (60人) or a word as short as a name (人数, 金额,
// 景德社区): personalRow tells them apart.
func personName(v string) bool {
	n := utf8.RuneCountInString(v)
	return n >= 2 && n <= 4 && hanCount(v) == n && totalWordOf(v) == "" && !blankMarker(v)
}

// personalRow reports a row that gives, besides its 姓名, what a person's
// row has and a totals row has not: an ID's digits in any cell (the ID
// typed into 备注: idLike, idDigits), a 性别 of 男 or 女, or a 银行账号. A
// totals row (合计 | 人数 | 60人, 小计 | 景德社区) has counts and sums.
func personalRow(cells []string, get func(Field) string) bool {
	if sex := get(FieldSex); sex == "男" || sex == "女" || get(FieldBankAccount) != "" {
		return true
	}
	return countIDLike(cells) > 0 || slices.ContainsFunc(cells, idDigits)
}

// footerWords start the first filled cell of a signature line under a
// roster (制表人：... 审核人：...).
var footerWords = []string{"制表人", "填表人", "填报人", "审核人", "负责人", "经办人", "联系人", "联系电话", "单位负责人", "主管领导", "日期"}

// isFooter reports a row whose first filled cell starts with a footer word.
func isFooter(cells []string) bool {
	for _, c := range cells {
		if c = clean(c); c != "" {
			for _, w := range footerWords {
				if strings.HasPrefix(c, w) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// totalWords start the first filled cell of a totals row.
var totalWords = []string{"合计", "总计", "共计", "总共", "累计", "合計", "總計", "小计", "小計"}

func (r *reader) row(cells []string, cols *columns, loc domain.Location, sheetIdx int) {
	var marked map[Field]string // the statuses given as check marks (readMarks)
	get := func(f Field) string {
		if v, ok := marked[f]; ok {
			return v
		}
		i := cols[f]
		if i < 0 || i >= len(cells) {
			return ""
		}
		return clean(cells[i])
	}
	idLike := countIDLike([]string{idnumber.Normalize(get(FieldID))}) > 0
	// A 姓名 or ID cell holding an ID's digits in a form parseID holds
	// (身份证：1405…, a digit short, the two cells swapped) is someone's,
	// whatever the row's first cell says: a 合计 or 制表人 copied into its
	// 序号 skipped the senior without a word.
	someone := idLike || idDigits(get(FieldID)) || idDigits(get(FieldName))
	// 合计 in the 序号 or 姓名 column of a row without an ID is a totals
	// row wherever those columns are (序号 last, a count 60人 before it);
	// but not with a name in its 姓名 and what a person's row gives
	// besides (the senior's ID left out or typed into 备注), which a
	// totals row does not have: its 姓名 may be a word (人数, 金额).
	totalIn := func(f Field) bool { v := get(f); return v != "" && isBlankOrTotal([]string{v}) }
	named := personName(get(FieldName)) && personalRow(cells, get)
	if !someone && !named && (isBlankOrTotal(cells) || get(FieldID) == "" && (totalIn(FieldSeq) || totalIn(FieldName))) {
		if w := cmp.Or(grandTotal(cells), grandTotal([]string{get(FieldSeq)}), grandTotal([]string{get(FieldName)})); w != "" {
			r.totalRow, r.totalWord = loc.Row, w // the nearest above the rows that follow
		}
		return
	}
	if !someone && isFooter(cells) {
		r.notice(loc, "row_footer", "表尾签字行，已跳过")
		r.keepNote(loc, "row_footer", cells)
		return
	}
	if !idLike && isColumnNumbers(cells) {
		r.notice(loc, "row_column_numbers", "表头下的列序号行（1、2、3……），已跳过")
		return
	}
	if noPerson(get(FieldName)) && noPerson(get(FieldID)) {
		r.nobody(cells, cols, loc, sheetIdx)
		return
	}
	r.wb.RowsRead++
	odd := r.oddCells(cells, cols, loc.Row)
	if len(odd) > 0 {
		// Read as empty, so that no finding or value comes of them (TRUE
		// in 死亡日期 read as 1 was a death on 1900-01-01); each is held
		// below with its own finding.
		cells = slices.Clone(cells)
		for _, o := range odd {
			cells[o.col] = ""
		}
	}
	marked, markHolds := r.readMarks(cells)
	r.seeTicks(cells, cols, loc.Row)
	e := parseRow(get, cols, loc, r.month, r.date1904)
	e.cols = r.sharedColumns(cols)
	for _, h := range markHolds {
		if h.col < 0 {
			e.add(domain.Held, cols, h.field, h.code, h.msg)
		} else {
			e.addAt(domain.Held, h.col, h.header, h.code, h.msg)
		}
	}
	isOdd := func(col int) bool { return slices.ContainsFunc(odd, func(o oddCell) bool { return o.col == col }) }
	for _, t := range r.twins {
		if isOdd(cols[t.field]) {
			continue // not empty: held as such
		}
		first, second := get(t.field), ""
		if t.col < len(cells) {
			second = clean(cells[t.col])
		}
		if t.strict && (first == "") != (second == "") {
			e.add(domain.Held, cols, t.field, "column_conflict", fmt.Sprintf("本表没有「%s」列：「%s」列为「%s」，「%s」列（%s列）为「%s」，无法判断哪一列是本月应发放的，本行暂缓发放；请只保留应发放的一列并改名为「%s」后重新报送",
				t.field.Header(), strings.TrimSpace(r.labels[cols[t.field]]), first, t.header, columnLetter(t.col), second, t.field.Header()))
			continue
		}
		main := t.field.Header()
		if t.strict {
			main = strings.TrimSpace(r.labels[cols[t.field]])
		}
		switch {
		case first == "" && second != "":
			// Paid on the first column, the row would go without what the
			// second gives (a 低保类别, an account, the ID itself).
			e.add(domain.Held, cols, t.field, "column_conflict", fmt.Sprintf("「%s」列为空，「%s」列（%s列）为「%s」，无法判断以哪一列为准，本行暂缓发放；请把它填入「%s」列或删去其中一列后重新报送",
				main, t.header, columnLetter(t.col), second, main))
		case first != "" && second != "" && sameValue(t.field, first) != sameValue(t.field, second):
			e.add(domain.Held, cols, t.field, "column_conflict", fmt.Sprintf("「%s」列为「%s」，「%s」列（%s列）为「%s」，两列不一致，无法判断以哪个为准，本行暂缓发放；请改为一致或删去其中一列后重新报送",
				main, first, t.header, columnLetter(t.col), second))
		}
	}
	e.sheetIdx = sheetIdx
	e.seq = get(FieldSeq)
	if f, ok := noteCell(get); ok {
		e.note = true
		r.notes = append(r.notes, note{loc: loc, col: columnLetter(cols[f]), text: get(f)})
	}
	remark := r.remarkText(get(FieldRemark), cells)
	// What the remarks say, 同上 read as the remark above (remarksAbove);
	// what releases a row (健在, 账号已核实, 恢复发放) is read from the row's
	// own remarks alone.
	saidCells, ditto := r.remarksAbove(cells, cols, loc)
	first := get(FieldRemark)
	if cols[FieldRemark] >= 0 && cols[FieldRemark] < len(saidCells) {
		first = clean(saidCells[cols[FieldRemark]])
	}
	said := r.remarkText(first, saidCells)
	e.Alive = saysAlive(remark)
	e.AccountConfirmed = saysAccountConfirmed(remark)
	if e.Alive && !e.Person.Death.IsZero() && !e.Held {
		// A row giving a death and 健在 was neither paid nor told (f11).
		e.add(domain.Held, cols, FieldDeath, "death_and_alive", fmt.Sprintf("死亡日期为%s，备注却说「%s」：两者矛盾，本行暂缓发放；如本人健在，请删去死亡日期；如已去世，请更正备注",
			e.Person.Death.Format("2006-01-02"), remark))
	}
	held, read := e.Held, len(e.Findings)
	e.readRemark(cols, said, r.month)
	r.placeRemark(&e, read, held, first, saidCells, cols)
	if ditto {
		resumes := readStopIn(remark, r.month)
		e.Resumes = e.Resumes && resumes.resumed && !resumes.stop
		for k := read; k < len(e.Findings); k++ {
			e.Findings[k].Message = strings.Replace(e.Findings[k].Message, "备注「"+said+"」",
				fmt.Sprintf("备注「%s」（“同上”即第%d行的备注，为「%s」）", remark, r.above.row, said), 1)
		}
	}
	r.readUnheaded(&e, cells, cols)
	r.readStatusColumns(&e, cells, r.month)
	// Only a cell that may hold a formula without its result is kept for
	// recheckFormulas: on most sheets none does, and a row kept nothing. A
	// formula whose result is in the file, an empty one too (a VLOOKUP
	// into another workbook under IFERROR), is read as that result.
	formula := func(i int) bool {
		return r.kinds != nil && r.kinds.mayBeFormula(i+1, loc.Row) && !r.kinds.hasResult(i+1, loc.Row)
	}
	for f := FieldSeq + 1; f < numFields; f++ {
		if f.decides() && cols[f] >= 0 && get(f) == "" && !isOdd(cols[f]) && formula(cols[f]) {
			e.empty = append(e.empty, blankCell{cols[f], f, f.Header()})
		}
	}
	blank := func(i int) bool { return (i >= len(cells) || clean(cells[i]) == "" && !isOdd(i)) && formula(i) }
	for _, i := range r.remarks {
		if blank(i) {
			e.empty = append(e.empty, blankCell{i, FieldNone, strings.TrimSpace(r.labels[i])})
		}
	}
	for _, s := range r.statusCols {
		if blank(s.col) {
			e.empty = append(e.empty, blankCell{s.col, FieldNone, s.header})
		}
	}
	if len(odd) > 0 {
		e.holdOdd(odd)
	}
	r.meterAbove(&e, get(FieldElectricityAccount), cols, loc)
	r.above.remarks = map[int]string{}
	for _, i := range r.remarkColumns(cols) {
		if i < len(saidCells) {
			r.above.remarks[i] = clean(saidCells[i])
		}
	}
	if r.totalRow > 0 {
		paid := paidByRow
		if e.Held {
			paid = "" // its own finding says why it is not paid
		}
		e.add(domain.Notice, cols, FieldNone, "row_after_total", fmt.Sprintf("本行在第%d行「%s」之后，%s街道签字的%s不含本行，请把本行移到%s行之前并重算%s", r.totalRow, r.totalWord, paid, r.totalWord, r.totalWord, r.totalWord))
	}
	r.wb.Entries = append(r.wb.Entries, e)
}

// paidByRow is what a row_after_total notice says of a row paid: a copy
// another row pays (duplicate_identical) is not (paidElsewhere).
const paidByRow = "已按本行发放；"

// paidElsewhere returns fs, the findings of a row that another row of its
// person pays (Consolidate), without saying the row itself is paid
// (paidByRow), in a copy when one says it.
func paidElsewhere(fs []domain.Finding) []domain.Finding {
	for i, f := range fs {
		if f.Code == "row_after_total" && strings.Contains(f.Message, paidByRow) {
			out := slices.Clone(fs)
			out[i].Message = strings.Replace(f.Message, paidByRow, "", 1)
			return paidElsewhere(out)
		}
	}
	return fs
}

// rowAbove is the person row read last: where it stands, its 户号, name
// and remarks.
type rowAbove struct {
	sheet       string
	row         int
	meter, name string
	remarks     map[int]string // by column, as read (remarksAbove)
}

// remarkDittos say a remark is the same as the one above it.
var remarkDittos = []string{"同上", "同上行", "同上栏", "同上一行", "同上一栏", "同上条", "同上备注", "同前", "〃"}

// remarkColumns returns the row's remark columns: the 备注, if any, then
// the others (r.remarks).
func (r *reader) remarkColumns(cols *columns) []int {
	if cols[FieldRemark] < 0 {
		return r.remarks
	}
	return append([]int{cols[FieldRemark]}, r.remarks...)
}

// remarksAbove returns the row's cells with each remark written 同上
// (remarkDittos: 同上行, 同上栏, 〃) read as that column's remark of the
// person row just above it on the sheet, as that row was read (its own 同上
// too), and whether there was one: a newcomer's 同上 under 已去世 was paid.
// With no such row (the first row, a blank, a hidden row, a note or another
// sheet between) 同上 says nothing, as before.
func (r *reader) remarksAbove(cells []string, cols *columns, loc domain.Location) ([]string, bool) {
	above := r.above
	if above.sheet != loc.Sheet || above.row != loc.Row-1 || r.kinds != nil && r.kinds.rowHidden(above.row) {
		return cells, false
	}
	var out []string
	for _, i := range r.remarkColumns(cols) {
		if i < len(cells) && slices.Contains(remarkDittos, strings.Trim(strings.ReplaceAll(clean(cells[i]), " ", ""), "。.")) {
			if out == nil {
				out = slices.Clone(cells)
			}
			out[i] = above.remarks[i]
		}
	}
	if out == nil {
		return cells, false
	}
	return out, true
}

// dittoWords say a cell is the same as the one above it (同上, 〃).
var dittoWords = []string{"同上", "同上户", "同上户号", "〃", "同前"}

// meterAbove reads a 户号 written 同上 (the same as above: a spouse listed
// under the senior) as the 户号 of the person row just above it on the
// sheet, when that row has one: e was held for a 户号 that is not digits
// (value_unknown), which kept the household's whole money for a way of
// writing that says which household it is. It is paid, with a notice
// (meter_same_as_above) asking for the number itself; the household gets
// one allowance (list item 30), as two rows with one 户号 do. With no
// such row above (a blank, a hidden row or another sheet between, or no
// 户号 there) the hold stands, its message saying which. It then makes e
// the row above the next.
func (r *reader) meterAbove(e *Entry, raw string, cols *columns, loc domain.Location) {
	above := r.above
	r.above = rowAbove{sheet: loc.Sheet, row: loc.Row, name: e.Person.Name}
	defer func() { r.above.meter = e.Person.ElectricityAccount }()
	if !slices.Contains(dittoWords, strings.ReplaceAll(raw, " ", "")) {
		return
	}
	col := columnLetter(cols[FieldElectricityAccount])
	unknown := func(f domain.Finding) bool { return f.Code == "value_unknown" && f.Where.Column == col }
	i := slices.IndexFunc(e.Findings, unknown)
	if i < 0 {
		return
	}
	why := ""
	switch {
	case above.sheet != loc.Sheet || above.row != loc.Row-1:
		why = "紧挨的上一行不是人员行（是空行、标题，或本行是第一行）"
	case r.kinds != nil && r.kinds.rowHidden(above.row):
		why = fmt.Sprintf("紧挨的上一行（第%d行）是隐藏行", above.row) // the row staff see above it is another
	case above.meter == "":
		why = fmt.Sprintf("上一行（第%d行 %s）没有可读的户号", above.row, above.name)
	}
	if why != "" {
		// The hold stands, saying why 同上 names no household.
		e.Findings[i].Message = fmt.Sprintf("户号写作「%s」，但%s，不能确定是哪一户，本行暂缓发放：请在本行填写户号本身", raw, why)
		return
	}
	e.Findings = slices.DeleteFunc(e.Findings, unknown) // this column's only: a 低保类别 unknown stands
	e.Held = slices.ContainsFunc(e.Findings, func(f domain.Finding) bool { return f.Severity == domain.Held })
	e.Person.ElectricityAccount = above.meter
	e.add(domain.Notice, cols, FieldElectricityAccount, "meter_same_as_above", fmt.Sprintf("户号写作「%s」，按上一行（第%d行 %s）的户号%s读取（免费用电基数每户一份）；请在本行填写户号本身", raw, above.row, above.name, above.meter))
}

// excelErrors are the values Excel and WPS give a formula that fails
// (#N/A of a VLOOKUP that finds nothing, #REF! of a deleted sheet): an
// error cell holds one, and a CSV file exported from such a sheet writes it
// as text.
var excelErrors = []string{"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!",
	"#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}

// oddCell is a cell of a row that holds no value staff typed: an Excel
// error value or a logical value (TRUE, FALSE), shown as written.
type oddCell struct {
	col    int // 0-based
	field  Field
	header string
	shown  string // #N/A, TRUE
	error  bool   // an error value, else a logical one
}

// oddCells returns the cells of a row (Excel row row) that hold an Excel
// error value or a logical value, in the columns the row is read from:
// every field's but 序号's, the remark columns and the status columns.
// Read as they are, a TRUE in 死亡日期 (stored as 1) was a death on
// 1900-01-01, and #N/A in the ID column an ID of 4 characters.
func (r *reader) oddCells(cells []string, cols *columns, row int) []oddCell {
	var out []oddCell
	look := func(i int, f Field, header string) {
		if i < 0 || i >= len(cells) {
			return
		}
		if shown, isError := r.oddValue(cells[i], i, row); shown != "" {
			out = append(out, oddCell{col: i, field: f, header: header, shown: shown, error: isError})
		}
	}
	for f := FieldSeq + 1; f < numFields; f++ {
		if f.decides() {
			look(cols[f], f, f.Header())
		}
	}
	for _, i := range r.remarks {
		look(i, FieldNone, strings.TrimSpace(r.labels[i]))
	}
	for _, s := range r.statusCols {
		look(s.col, FieldNone, s.header)
	}
	for _, f := range markOrder(r.marks) {
		for _, m := range r.marks[f][1:] { // the first is the field's column, above
			look(m.col, FieldNone, m.header)
		}
	}
	return out
}

// markHold is why a row's check marks (readMarks) hold it: at column col
// (0-based) under header, or at field's column when col is -1.
type markHold struct {
	field     Field
	col       int
	header    string
	code, msg string
}

// markOrder returns the fields of marks in field order, so that a row's
// findings come in the same order every run.
func markOrder(marks map[Field][]markColumn) []Field {
	var out []Field
	for _, m := range markFields {
		if _, ok := marks[m.field]; ok {
			out = append(out, m.field)
		}
	}
	return out
}

// readMarks reads the statuses a row gives as check marks per kind
// (r.marks): the value of each (城市低保 for a √ under 低保 城市, "" for
// none), and what holds the row: a mark column with anything but a yes
// (√, ✓, ✔, ●, 是, 1) or a no (空, 否, ×, ○, 0) in it (value_unknown), or marks
// in the columns of two kinds (column_conflict: which is right cannot be
// known). A held status reads as none.
func (r *reader) readMarks(cells []string) (map[Field]string, []markHold) {
	if len(r.marks) == 0 {
		return nil, nil
	}
	values := map[Field]string{}
	var holds []markHold
	for _, f := range markOrder(r.marks) {
		var kinds, where []string
		bad := false
		for _, m := range r.marks[f] {
			v := ""
			if m.col < len(cells) {
				v = clean(cells[m.col])
			}
			switch {
			case v == "" || slices.Contains(noMarks, v):
			case slices.Contains(yesMarks, v):
				where = append(where, fmt.Sprintf("「%s」列（%s列）", m.header, columnLetter(m.col)))
				if !slices.Contains(kinds, m.kind) {
					kinds = append(kinds, m.kind)
				}
			default:
				bad = true
				holds = append(holds, markHold{field: f, col: m.col, header: m.header, code: "value_unknown",
					msg: fmt.Sprintf("「%s」列为「%s」，不是可识别的值：此列按打勾读取%s（%s），应为 √（或 ●、是、1）或空（或 ○、否）", m.header, v, f.Header(), m.kind)})
			}
		}
		switch {
		case bad:
			values[f] = ""
		case len(kinds) > 1:
			values[f] = ""
			holds = append(holds, markHold{field: f, col: -1, code: "column_conflict",
				msg: fmt.Sprintf("%s按打勾的列读取，本行在%s都打了勾，无法判断是%s，本行暂缓发放；请只在一列中打勾后重新报送", f.Header(), strings.Join(where, "和"), strings.Join(kinds, "还是"))})
		case len(kinds) == 1:
			values[f] = kinds[0]
		default:
			values[f] = ""
		}
	}
	return values, holds
}

// tickedCell is a cell with a tick (√) in a status's own column.
type tickedCell struct {
	row, col int // Excel row, 0-based column
	header   string
	value    string
}

// ticks are the check marks that say yes to a question: in a status's
// own column, where a kind (城市低保) is asked, a column of them marks one
// kind of the status, which may be in the column beside it.
var ticks = []string{"√", "✓", "✔", "☑", "●"}

// seeTicks notes, for a status read from its own column (not from marks
// per kind, r.marks), a tick in that column and a kind named there
// (tickedStatus).
func (r *reader) seeTicks(cells []string, cols *columns, row int) {
	for _, m := range markFields {
		i := cols[m.field]
		if _, marks := r.marks[m.field]; marks || i < 0 || i >= len(cells) {
			continue
		}
		v := compact(clean(cells[i]))
		switch {
		case slices.Contains(ticks, v):
			if _, seen := r.ticked[m.field]; !seen {
				if r.ticked == nil {
					r.ticked = map[Field]tickedCell{}
				}
				header := ""
				if i < len(r.labels) {
					header = strings.TrimSpace(r.labels[i])
				}
				r.ticked[m.field] = tickedCell{row: row, col: i, header: header, value: v}
			}
		case isEmptyValue(v) || slices.Contains(yesMarks, v) || slices.Contains(noMarks, v):
		case m.field == FieldDibao && validDibao(v), m.field == FieldTekun && validTekun(v):
			if r.kinded == nil {
				r.kinded = map[Field]bool{}
			}
			r.kinded[m.field] = true
		}
	}
}

func validDibao(v string) bool { _, ok := parseDibao(v); return ok }
func validTekun(v string) bool { _, ok := parseTekun(v); return ok }

// tickedStatus refuses a sheet whose 低保类别 (特困类别) column holds
// ticks (√) and names no kind in any row: a column of check marks the
// program did not take for one (a parent over 城市 and 农村 it does not
// know, or a kind's column beside it without a header of its own). Its
// ticks were held as unknown values, but a senior marked in a column
// beside it was paid as not dibao, and an empty cell there says nothing.
// A tick among kinds (城市低保, 农村低保) is a slip, held at its row; so
// are the ticks of a column whose header asks a question (是否低保): one
// column answering yes or no is no mark per kind, and refusing the whole
// street for it left everyone else unpaid.
func (r *reader) tickedStatus(sheet string) error {
	for _, m := range markFields {
		t, ok := r.ticked[m.field]
		if !ok || r.kinded[m.field] || strings.HasPrefix(t.header, "是否") {
			continue // 是否低保 asks yes or no: a tick answers it, and is held at its row
		}
		kinds := "城市" + m.word + "、农村" + m.word
		if m.field == FieldDibao {
			kinds += "、低保边缘"
		}
		return r.reject("file_status_ticked", fmt.Sprintf("工作表「%s」的「%s」列（%s列）填的是打勾（如第%d行为「%s」），没有一行填%s等类别：程序无法判断打勾的人是哪一种%s，也无法判断没打勾的人是不是在旁边一列打了勾，为免发错，本文件未处理。请在「%s」列填写%s（不是%s的留空）；或按类别分列打勾，「%s」合并在「城市」「农村」等列之上，每人只在一列打勾；改好后重新报送",
			sheet, t.header, columnLetter(t.col), t.row, t.value, kinds, m.word, t.header, kinds, m.word, m.word))
	}
	return nil
}

// strayMark refuses a two-row header (parent spread over its merged
// columns, above child, row n) with a column under a parent of check
// marks per kind (低保 over 城市, 农村) that marks no kind the program
// knows (其他): ignored, the people marked there were paid as not dibao.
func (r *reader) strayMark(parent, child []string, sheet string, n int) error {
	col, p, c, f, ok := r.h.strayMark(parent, child)
	if !ok {
		return nil
	}
	kinds := "城市、农村"
	if f == FieldDibao {
		kinds += "、低保边缘"
	}
	return r.reject("file_header_unknown", fmt.Sprintf("工作表「%s」第%d行「%s」下的「%s」列（%s列）无法识别：「%s」下各列按打勾读取%s，每列一种（%s），「%s」不知是哪一种，在此列打勾的人会被当作不是%s，为免发错，本文件未处理。请把这一列的人改到对应类别的列中打勾，或把此列移出「%s」之下并改为与之无关的列名后重新报送",
		sheet, n, p, c, columnLetter(col), p, f.Header(), kinds, c, strings.TrimSuffix(f.Header(), "类别"), p))
}

// oddValue returns, for a cell of column col (0-based) of Excel row row
// read as raw, the Excel error value or logical value it holds as Excel
// shows it (#N/A, TRUE), and whether it is an error value; "" for any
// other cell. A logical cell reads as 1 or 0 and is known by its type
// (r.kinds); written as text (a CSV file's TRUE), by its text.
func (r *reader) oddValue(raw string, col, row int) (shown string, isError bool) {
	if raw == "" {
		return "", false
	}
	switch raw[0] { // what each starts with, or a space: nearly every cell is left here
	case '#', 0xEF /* ＃ */, '0', '1', 'T', 't', 'F', 'f', ' ', '\t', '\n', '\r':
	default:
		return "", false
	}
	v := strings.TrimSpace(raw)
	switch {
	case v == "":
	case v[0] == '#' || strings.HasPrefix(v, "＃"):
		v = clean(v)
		for _, e := range excelErrors {
			if strings.EqualFold(v, e) {
				return e, true
			}
		}
	case v == "1" || v == "0":
		if r.kinds != nil && r.kinds.isBool(col+1, row) {
			if v == "1" {
				return "TRUE", false
			}
			return "FALSE", false
		}
	case strings.EqualFold(v, "TRUE") || strings.EqualFold(v, "FALSE"):
		return strings.ToUpper(v), false
	}
	return "", false
}

// holdOdd holds e for each of its odd cells (oddCells), at the cell: the
// program cannot read it, and staff must fix the formula that gave it or
// type the value. An empty 姓名 or ID so explained is not also held as
// missing, and the ID as written is the cell as Excel shows it (TRUE for
// a logical cell, not 1).
func (e *Entry) holdOdd(odd []oddCell) {
	for _, o := range odd {
		switch o.field {
		case FieldID:
			e.drop("id_missing")
			e.RawID = o.shown
			for i := range e.Findings {
				e.Findings[i].AsWritten = o.shown
			}
		case FieldName:
			e.drop("name_missing")
		}
		what := "逻辑值 " + o.shown + "（真假值：由公式或勾选框得出，或作为文字输入）"
		if o.error {
			what = " Excel 错误值 " + o.shown + "（公式出错的结果，或作为文字输入）"
		}
		e.addCell(domain.Held, o.col, o.field, o.header, "cell_bool_or_error",
			"「"+o.header+"」单元格是"+what+"，不是可以读取的内容，本行暂缓发放；如该格是公式，请改正公式，否则请直接填写实际的值后重新报送")
	}
}

// sharedColumns returns a copy of cols for an entry to keep: the copy
// given to the entry before when cols has not changed since, so the rows
// of a header share one (the reader's cols change with a header repeated
// below, and an entry must keep the map that read it).
func (r *reader) sharedColumns(cols *columns) *columns {
	if r.shared == nil || *r.shared != *cols {
		c := *cols
		r.shared = &c
	}
	return r.shared
}

// column returns the letter of the column of field f on e's row, "" when
// its sheet has none.
func (e *Entry) column(f Field) string {
	if e.cols == nil || e.cols[f] < 0 {
		return ""
	}
	return columnLetter(e.cols[f])
}

// sameValue is a cell of field f as two columns of it are compared: IDs
// and account numbers by their letters and digits alone (6217 0000 and
// 6217-0000 agree), an ID as the person it names (idnumber.Of: its
// 15-digit number, a 残疾人证号 or × for X agree with the 18 characters),
// other fields without spaces.
func sameValue(f Field, v string) string {
	switch f {
	case FieldID:
		return domain.LettersAndDigits(idnumber.Of(v))
	case FieldBankAccount, FieldElectricityAccount, FieldDisabilityCard:
		return domain.LettersAndDigits(v)
	}
	return withoutSpaces(v)
}

// withoutSpaces is s with every space removed, full-width (U+3000, as
// Chinese input methods type between 合 and 计) and other Unicode spaces
// included.
func withoutSpaces(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s // nearly every cell: no copy
	}
	return strings.Join(strings.Fields(s), "")
}

// birthAsWritten shows a 出生日期 cell v that parseBirth read as b, for a
// message: a whole date as the date read (1946-03-05, however written: a
// date cell and its CSV export's text give the same message, and so the
// same Workbook.RowsSHA256), a date cell on the 1st of a month as its year
// and month (「1946年9月」: the cell most likely shows them alone, and
// nobody typed the 1st), a year and month as written (「1946.3」).
func birthAsWritten(v string, b birthGiven) string {
	switch {
	case b.day.IsZero():
		return "「" + clean(v) + "」"
	case b.firstOfMonth: // shown as 1946年9月, most likely: the 1st was never typed
		return fmt.Sprintf("「%d年%d月」", b.day.Year(), b.day.Month())
	}
	return " " + b.day.Format("2006-01-02") + " "
}

// noDate reports a date cell that gives no date: empty, or 无, 暂无, 空, 否,
// / or a dash, as staff write for "none".
func noDate(v string) bool {
	return isEmptyValue(v) || v == "暂无" || v == "空"
}

// plainName reports a 姓名 that is a name only, as cleanName writes it:
// letters (汉字 and 〇, also rare ones in the private use area, and Latin
// letters), with a joiner between two parts: · of a minority name, and in
// Latin names a space, . - or an apostrophe (John Smith, Mary-Jane,
// O'Neil). A note in brackets (王六（已故）), a digit or a symbol is not a
// name the bank can pay to, nor is a joiner first, last or doubled (·王,
// 王·, 王··芳); and = + - @ at the start make a spreadsheet program read the
// bank file's CSV cell as a formula.
func plainName(name string) bool {
	const joiners = "·.-'’ "
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r), unicode.Is(unicode.Mn, r), unicode.Is(unicode.Co, r), r == '〇':
		case strings.ContainsRune(joiners, r):
			if i == 0 || i == len(rs)-1 || strings.ContainsRune(joiners, rs[i-1]) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// nameProblem returns the code and the message (in Chinese, for staff) of a
// 姓名 cell (raw, as clean gives it; name, as cleanName gives it) that is
// not the name of one person the
// bank can pay to: a note of a death (remark_death), of someone collecting
// for the senior, what seems to be two names (name_two_people: twoNames),
// or characters no name has (name_characters); "" when the name is plain.
// The name quoted is as cleanName writes it. An empty name is the caller's
// to report.
func nameProblem(raw, name string) (code, msg string) {
	switch {
	case blankMarker(name):
		return "name_missing", "姓名栏写的是「" + name + "」（表示以下为空），不是姓名，但本行有身份证号：请补填此人姓名，或如本行不是人员，删去身份证号"
	case totalWordOf(name) != "":
		// 合计 copied over a senior's name: the bank file would pay 合计.
		return "name_missing", "姓名栏写的是「" + name + "」（合计行的字样），不是姓名，但本行有身份证号：请补填此人姓名，或如本行是合计行，删去身份证号"
	case speaksOfDeath(name):
		// Whatever its characters (王五已故 is all letters): 故 死 亡 逝 殁
		// do not occur in given names in practice, so a 姓名 that has one
		// is a note of a death, never a name to pay to.
		return "remark_death", "姓名「" + name + "」中注明此人已去世：银行只按户名入账，姓名栏请只填本人姓名；如已去世，请在死亡日期列填写（死亡当月仍发放当月）"
	case containsAny(name, agentWords):
		return "name_characters", "姓名「" + name + "」含代领、代收等说明：银行只按户名入账，姓名栏请只填本人姓名，代领人等说明请写在备注"
	case twoNames(raw):
		return "name_two_people", "姓名「" + shownName(raw) + "」似乎是两个人的姓名（中间有换行或空格），去掉空格后会按「" + name + "」发放：银行只按户名入账，姓名栏请只填本人一个姓名（另一人另起一行并填其身份证号）；如是一个人的姓名，请删去换行和空格（少数民族姓名的两部分用间隔号·连接）"
	case markedRemoved(name) && !noteInName(name):
		return "remark_stop", "姓名「" + name + "」中注明删除、作废或停发等，像是已删去的人员，本行不予发放：如该人应停发，请删除本行；如应发放，姓名栏请只填本人姓名（银行只按户名入账）后重新报送"
	case !plainName(name):
		return "name_characters", "姓名「" + name + "」含括号、数字或符号，或间隔号·不在姓名两部分之间：银行只按户名入账，姓名栏请只填本人姓名，说明请写在备注"
	}
	return "", ""
}

// nameRemovalWords in a 姓名 mark the person as removed, as staff write
// them beside the name instead of deleting the row (已删魏巧花, 删-魏巧花,
// 魏巧花作废): no given name has them, and the bank file would pay
// 删除魏巧花 to the senior's card. A note typed in the 姓名 column
// (noteInName) is read as a note instead.
var nameRemovalWords = []string{"删", "作废", "停发", "注销", "核减", "减员", "暂停", "暂缓", "迁出", "不发"}

// markedRemoved reports a 姓名 with one of nameRemovalWords in it, but for
// a name of two characters one of them 删 (删丹): beside that mark one
// character would be left, and nobody's name is one character, so it is a
// name (rare, but such a senior was held every month).
func markedRemoved(name string) bool {
	rs := []rune(name)
	return containsAny(name, nameRemovalWords) && !(len(rs) == 2 && (rs[0] == '删') != (rs[1] == '删'))
}

// twoNames reports a 姓名 cell (raw) that seems to hold two people's names:
// a line break inside it (魏巧花⏎王六, typed with Alt+Enter), or whitespace
// between two parts of at least two 汉字 each (邹香 王五, 马琴　赵八).
// Padding inside one name (邹  香, 欧阳 修, 王 小明) is not, nor a space after
// a compound surname (欧阳 修文): cleanName removes it. Without this the
// bank file paid 魏巧花王六, the two names joined.
func twoNames(raw string) bool {
	if strings.ContainsAny(raw, "\n\r\u2028\u2029\v\f") {
		return true
	}
	if strings.IndexFunc(raw, isNameSpace) < 0 {
		return false // one word: most names, and no allocation for them
	}
	parts := strings.FieldsFunc(raw, isNameSpace)
	for i := 1; i < len(parts); i++ {
		joined := endsWithDot(parts[i-1]) || startsWithDot(parts[i]) // 阿依古丽 ·买买提: the dot joins them
		if !joined && hanCount(parts[i-1]) >= 2 && hanCount(parts[i]) >= 2 && !(i == 1 && len(parts) == 2 && slices.Contains(compoundSurnames, parts[0])) {
			return true
		}
	}
	return false
}

// startsWithDot and endsWithDot report a part of a name that begins or
// ends with the dot between the parts of a minority name (·, or one of
// nameDots that cleanName turns into it).
func startsWithDot(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '·' || strings.ContainsRune(nameDots, r)
}

func endsWithDot(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '·' || strings.ContainsRune(nameDots, r)
}

// compoundSurnames are the common two-character surnames: a space typed
// after one (欧阳 修文) is within one name.
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "司空",
	"夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "万俟", "申屠", "澹台", "闻人", "钟离", "太史", "公羊", "赫连", "拓跋", "淳于", "单于", "东郭", "第五"}

// hanCount is the number of 汉字 (isHanLetter) in s.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if isHanLetter(r) {
			n++
		}
	}
	return n
}

// shownName is a 姓名 cell as a message quotes it: each run of whitespace,
// a line break too, shown as one space, so the message stays on one line.
func shownName(raw string) string { return strings.Join(strings.FieldsFunc(raw, isNameSpace), " ") }

// agentWords are notes written into a 姓名 cell that someone else collects or
// signs for the senior (王五 代领): the 姓名 without spaces (王五代领) is all
// letters, but is not the account holder's name.
var agentWords = []string{"代领", "代收", "代签", "代办"}

// grandTotal returns the word, 合计, 总计, 共计 or another of totalWords but
// 小计, of a row whose first filled
// cell starts with it, after a scope or a place's name (totalWordOf:
// 全街道合计, 东街街道合计): the sheet's total, unlike a 小计 between
// groups. It returns "" for any other row.
func grandTotal(cells []string) string {
	for _, c := range cells {
		if c = withoutSpaces(clean(c)); c != "" {
			if w := totalWordOf(c); w != "" && w != "小计" && w != "小計" {
				return w
			}
			return ""
		}
	}
	return ""
}

// maxStrayShown is how many cells of a row without 姓名 and 身份证号 its
// finding quotes.
const maxStrayShown = 3

// nobody takes a row with neither 姓名 nor 公民身份号码 but something in
// it. When something is in a column of the header other than 序号, 街道,
// 社区 and 备注 (a 银行账号, a 低保类别, a 联系电话), it may be a person
// whose name and ID were left out: the row is held once (id_missing),
// naming those columns. Otherwise (a template row with only 序号 or
// 街道, a title line of a table below, a note in 备注, a stray value in a
// column with no header, far to the right or far down) it is no person:
// it is skipped with one notice (row_template) quoting what it holds.
func (r *reader) nobody(cells []string, cols *columns, loc domain.Location, sheetIdx int) {
	minor := map[int]bool{cols[FieldSeq]: true, cols[FieldStreet]: true, cols[FieldCommunity]: true, cols[FieldRemark]: true}
	for _, f := range []Field{FieldName, FieldID} {
		if i := cols[f]; i >= 0 && i < len(cells) {
			minor[i] = blankMarker(clean(cells[i])) // 以下空白 under 姓名: no one's name
		}
	}
	var shown, personal []string
	for i, c := range cells {
		c = clean(c)
		if c == "" {
			continue
		}
		label := ""
		if i < len(r.labels) {
			label = strings.TrimSpace(r.labels[i])
		}
		if label != "" && !minor[i] {
			personal = append(personal, "「"+label+"」")
		}
		if len(shown) < maxStrayShown {
			shown = append(shown, fmt.Sprintf("%s%d「%s」", columnLetter(i), loc.Row, quoteShort(c)))
		} else if len(shown) == maxStrayShown {
			shown = append(shown, "……")
		}
	}
	if len(personal) > 0 {
		r.wb.RowsRead++
		e := Entry{sheetIdx: sheetIdx}
		e.Person.Source = loc
		// A second 姓名 or 公民身份号码 column filled (a second table pasted
		// to the right of the first, under its own header cells): the person
		// is named from it on 异常清单, and the row held as a conflict of
		// the two columns, as one with the first column filled would be.
		var twins []twin
		for _, t := range r.twins {
			if (t.field == FieldName || t.field == FieldID) && t.col < len(cells) && clean(cells[t.col]) != "" {
				twins = append(twins, t)
				if t.field == FieldName {
					e.Person.Name = clean(cells[t.col])
				} else {
					e.RawID = clean(cells[t.col])
				}
			}
		}
		if len(twins) > 0 {
			t := twins[0]
			e.add(domain.Held, cols, t.field, "column_conflict", fmt.Sprintf("「%s」列为空，另一列「%s」（%s列）为「%s」：表头中有两列「%s」，无法判断以哪一列为准，本行暂缓发放；如是另一个表格，请移到单独的工作表，否则请填入「%s」列或删去其中一列后重新报送",
				t.field.Header(), t.header, columnLetter(t.col), clean(cells[t.col]), t.field.Header(), t.field.Header()))
		} else {
			e.add(domain.Held, cols, FieldID, "id_missing", "姓名和公民身份号码都为空，但本行填有"+strings.Join(personal, "")+"：如漏填了人员，请补填姓名和18位身份证号；如本行不是人员，请删除本行")
		}
		r.wb.Entries = append(r.wb.Entries, e)
		return
	}
	r.notice(loc, "row_template", "本行没有姓名和身份证号，只有"+strings.Join(shown, "、")+"，不是人员行，未发放、已跳过；如漏填了人员，请补全姓名和身份证号；如是误填，请删除这些单元格")
	r.keepNote(loc, "row_template", cells)
}

// blankMarkers are what staff write in a row to say the rest of the table
// is empty (以下空白, （空白）, 以下无): in the 姓名 or 公民身份号码 column they
// name no one. A tester's 以下空白 under 姓名 was held as a person without an
// ID and counted among those 暂缓发放.
var blankMarkers = []string{"空白", "以下空白", "以下为空白", "以下为空", "以下空", "此处空白", "此行空白", "本行空白", "以下无", "以下无内容", "以下无数据", "以下空行"}

// blankMarker reports a cell that says the table is empty from here
// (blankMarkers), brackets, spaces and punctuation aside.
func blankMarker(v string) bool {
	v = strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) {
			return -1
		}
		return r
	}, v)
	return v != "" && slices.Contains(blankMarkers, v)
}

// noPerson reports a 姓名 or 公民身份号码 cell that names no one: empty, or a
// blankMarker.
func noPerson(v string) bool { return v == "" || blankMarker(v) }

// quoteShort is a cell's text as a message quotes it: at most 20
// characters.
func quoteShort(s string) string {
	if rs := []rune(s); len(rs) > 20 {
		return string(rs[:20]) + "…"
	}
	return s
}

// parseRow turns one data row into an Entry, collecting every problem of the
// row rather than stopping at the first.
func parseRow(get func(Field) string, cols *columns, loc domain.Location, month domain.Month, date1904 bool) Entry {
	e := Entry{RawID: get(FieldID)}
	p := &e.Person
	rawName := get(FieldName)
	p.Name = cleanName(rawName)
	p.Street, p.Community = get(FieldStreet), get(FieldCommunity)
	p.Source = loc
	hold := func(f Field, code, msg string) { e.add(domain.Held, cols, f, code, msg) }

	switch {
	case p.Name == "":
		hold(FieldName, "name_missing", "姓名为空，请补填姓名")
	default:
		if code, msg := nameProblem(rawName, p.Name); code != "" {
			hold(FieldName, code, msg)
		}
	}
	note := func(f Field, code, msg string) { e.add(domain.Notice, cols, f, code, msg) }
	if p.Street == "" && cols[FieldStreet] >= 0 {
		note(FieldStreet, "street_missing", "街道(乡镇)为空：本行列入「未填街道」核对联，本街道的核对联中没有此人（本行如无其他问题，本月照常发放）；请补填")
	}
	card := parseID(e.RawID, month, p, hold, note)

	if v := get(FieldBirth); v != "" && p.ID != "" {
		b, err := parseBirth(v, date1904)
		switch {
		case err != nil:
			hold(FieldBirth, "birth_date_invalid", "出生日期"+err.Error())
		case !b.agrees(p.Birth):
			hold(FieldBirth, "birth_date_mismatch", fmt.Sprintf("出生日期%s与身份证号中的 %s 不一致，请核对身份证号或出生日期", birthAsWritten(v, b), p.Birth.Format("2006-01-02")))
		}
	}
	coded := func(f Field, ok bool, allowed string) {
		if !ok {
			hold(f, "value_unknown", fmt.Sprintf("%s「%s」不是可识别的值，应为：%s", f.Header(), get(f), allowed))
		}
	}
	var ok bool
	p.Dibao, ok = parseDibao(get(FieldDibao))
	coded(FieldDibao, ok, "空、否、城市低保、农村低保、低保、是、低保边缘")
	p.Tekun, ok = parseTekun(get(FieldTekun))
	coded(FieldTekun, ok, "空、否、城市特困、农村特困、特困、是")
	p.Hardship, ok = parseYesNo(get(FieldHardship))
	coded(FieldHardship, ok, "是、否或空")
	p.SelfCare, ok = parseSelfCare(get(FieldSelfCare))
	coded(FieldSelfCare, ok, "自理、半自理、不能自理或空")
	p.Disability.Grade, ok = parseGrade(get(FieldGrade))
	coded(FieldGrade, ok, "一级至四级（或一至四、壹至肆、1至4，可带“残疾”）或空")
	p.Disability.Category, ok = parseCategory(get(FieldCategory))
	coded(FieldCategory, ok, "视力、听力、言语、肢体、智力、精神、多重（可带“残疾”）或空")
	if v := get(FieldDisabilityCard); v != "" {
		c, err := idnumber.ParseDisabilityCard(v)
		if err != nil {
			hold(FieldDisabilityCard, "value_unknown", "残疾人证号「"+v+"」应为20位：18位身份证号＋类别1位＋等级1位")
		} else {
			card = &c
		}
	}
	checkDisabilityCard(card, p, hold, note)
	for _, f := range []Field{FieldElectricityAccount, FieldBankAccount} {
		v, code, msg := parseAccount(f, get(f))
		if code != "" && code != "value_unknown" && accountSeverity(f) == domain.Notice { // 户号「同上」: the household above's, held to be written out
			if unused := accountUnused(f); !strings.Contains(msg, unused) {
				msg += "；" + unused
			}
			note(f, code, msg) // the 户号 taken as not given
			continue
		}
		if code != "" {
			hold(f, code, msg)
			continue
		}
		if f == FieldElectricityAccount {
			p.ElectricityAccount = v
		} else {
			p.BankAccount = v
		}
	}
	if p.ElectricityAccount != "" && p.ElectricityAccount == p.BankAccount {
		// A card number is no household's 户号: granted to it, the
		// allowance would reach nobody, and nobody would be told.
		note(FieldElectricityAccount, "account_implausible", "户号「"+get(FieldElectricityAccount)+"」与本行银行账号相同，是银行账号而不是用电户号；"+accountUnused(FieldElectricityAccount)+"；请填写供电部门的用电户号")
		p.ElectricityAccount = ""
	}
	if v := get(FieldDeath); !noDate(v) {
		d, err := parseDate(v, date1904, exampleDate)
		switch {
		case err != nil:
			hold(FieldDeath, "death_date_invalid", "死亡日期"+err.Error()+"；补填准确日期后，死亡以后已发放的月份会按该日期追回")
		case !p.Birth.IsZero() && d.Before(p.Birth):
			hold(FieldDeath, "death_date_invalid", "死亡日期"+d.Format("2006-01-02")+"早于出生日期"+p.Birth.Format("2006-01-02")+"，请核对")
		default:
			p.Death = d
			switch {
			case d.After(month.Last()):
				note(FieldDeath, "death_after_month", "死亡日期"+d.Format("2006-01-02")+"晚于本月"+month.Chinese()+"，本月照常发放；如系填错请更正")
			case d.Before(month.First()):
				// Paid nothing, on no benefit sheet: said here, or the row
				// would leave no trace in any workbook of the month.
				note(FieldDeath, "death_before_month", "死亡日期"+d.Format("2006-01-02")+"早于本月"+month.Chinese()+"，本月不发放（以前月份死亡后已发放的，列入追回清单）；此人已去世的，请从以后的花名册中删除本行；如日期填错，请更正后重新报送")
			}
		}
	}
	return e
}

// oldestAge is the greatest age in 周岁 the program accepts; an ID saying
// older is a typing error, not a 137-year-old. From unusualAge on, the row
// is paid with a notice (id_age_unusual): a district may have a senior of
// 112, but an ID typed 1911 for 1941 with its check character recomputed
// would pay the 100+ band to someone of 85.
const (
	oldestAge  = 125
	unusualAge = 110
)

// parseID validates the ID cell. A 15-digit first-generation number is
// converted to 18 characters (with a notice); a 20-character 残疾人证号 in
// the ID column gives the ID and the card's disability (returned for the
// cross-check with the 残疾等级 and 残疾类别 columns).
func parseID(raw string, month domain.Month, p *domain.Person, hold, note func(Field, string, string)) *idnumber.DisabilityCard {
	if raw == "" {
		hold(FieldID, "id_missing", "公民身份号码为空，请补填18位身份证号")
		return nil
	}
	if looksNumeric(raw) {
		hold(FieldID, "id_numeric", numericIDMessage(raw))
		return nil
	}
	var card *idnumber.DisabilityCard
	id, form, c, err := idnumber.Read(raw)
	switch form {
	case idnumber.Upgraded:
		note(FieldID, "id_converted", "15位旧身份证号"+idnumber.Normalize(raw)+"已按国家标准转换为18位："+string(id)+"；请在花名册中改为18位")
	case idnumber.FromCard:
		card = &c
		note(FieldID, "id_from_disability_card", "身份证号一栏填的是20位残疾人证号，已取前18位作为身份证号："+string(id)+"；请在花名册中改填18位身份证号")
	}
	if err != nil {
		code := "id_invalid"
		switch {
		case errors.Is(err, idnumber.ErrLength):
			code = "id_length"
		case errors.Is(err, idnumber.ErrCharacters):
			code = "id_characters"
		case errors.Is(err, idnumber.ErrBirthDate):
			code = "id_birth_date"
		case errors.Is(err, idnumber.ErrChecksum):
			code = "id_checksum"
		}
		if n := idnumber.Normalize(raw); code == "id_checksum" && strings.HasSuffix(n, "000") && allDigits(n) {
			// What Excel prints of an 18-digit number it kept 15 digits of:
			// a CSV exported from such a sheet writes it so, with no cell
			// type left to tell.
			hold(FieldID, "id_numeric", "身份证号为"+n+"，末三位为000且校验位不对：多半在 Excel 中被存成过数字，末几位已丢失，请把该列设置为文本格式后重新输入完整的18位号码；如身份证上的号码确以000结尾，则是其中有数字录错，请按身份证核对")
			return nil
		}
		if stray, fixed := strayCharacters(idnumber.Normalize(raw)); stray != "" {
			hold(FieldID, "id_characters", fmt.Sprintf("身份证号「%s」中多了%s，不是号码的一部分；去掉后是有效的身份证号%s：请删去多余的字符后重新报送", raw, stray, fixed))
			return nil
		}
		msg := idnumber.Describe(err, raw)
		if strings.ContainsRune(raw, idnumber.TimesSign) {
			if code == "id_checksum" {
				msg = "按字母X读取后，" + msg
			}
			msg = "身份证号中有乘号「×」，不是字母X；" + msg
		}
		hold(FieldID, code, msg)
		return nil
	}
	if strings.ContainsRune(raw, idnumber.TimesSign) {
		note(FieldID, "id_times_sign", "身份证号最后一位是乘号「×」，不是字母X：已按X读取（校验位相符），本月照常发放；请在花名册中改为大写字母X")
	}
	birth := id.Birth()
	if birth.After(month.Last()) {
		hold(FieldID, "id_birth_date", fmt.Sprintf("身份证号中的出生日期 %s 晚于本月%s，不可能是本人的号码；请按身份证核对号码中的出生日期（第7至14位）", birth.Format("2006-01-02"), month.Chinese()))
		return nil
	}
	if age := domain.Age(birth, month.Last()); age > oldestAge {
		hold(FieldID, "id_birth_date", fmt.Sprintf("身份证号中的出生日期 %s，本月满%d周岁，超过%d周岁，多半是出生年份录错；请按身份证核对号码中的出生日期（第7至14位）", birth.Format("2006-01-02"), age, oldestAge))
		return nil
	}
	if age := domain.Age(birth, month.Last()); age >= unusualAge {
		note(FieldID, "id_age_unusual", fmt.Sprintf("身份证号中的出生日期 %s，本月满%d周岁，极为少见；本月照常发放，请核对身份证号是否录入有误（出生年份错一位而校验位相符时，程序无法发现）", birth.Format("2006-01-02"), age))
	}
	p.ID, p.Birth = string(id), birth
	return card
}

// strayCharacters returns, for a normalised ID that is no valid one, the
// characters in it that are neither digits nor X, quoted for a message
// (「.」), and the valid ID left without them: a text cell's
// 140581194412094635. was told it had been stored as a number. Both are ""
// when there are none, or when the ID without them is no valid one either.
func strayCharacters(n string) (stray, fixed string) {
	var kept strings.Builder
	var extra []string
	for _, r := range n {
		if r >= '0' && r <= '9' || r == 'X' {
			kept.WriteRune(r)
		} else if q := "「" + string(r) + "」"; !slices.Contains(extra, q) {
			extra = append(extra, q)
		}
	}
	if len(extra) == 0 {
		return "", ""
	}
	id, err := idnumber.Parse(kept.String())
	if err != nil {
		return "", ""
	}
	return "字符" + strings.Join(extra, ""), string(id)
}

// checkDisabilityCard cross-checks a 残疾人证号 (from the ID column or its own
// column) with the person: the card's ID must be the person's, and its
// grade and category fill empty 残疾等级/残疾类别 columns or must agree with
// them. One column filled and agreeing with the card, the other empty (二级
// and no 残疾类别), agrees: the card fills the other.
func checkDisabilityCard(card *idnumber.DisabilityCard, p *domain.Person, hold, note func(Field, string, string)) {
	if card == nil || p.ID == "" {
		return
	}
	if string(card.ID) != p.ID {
		hold(FieldDisabilityCard, "disability_card_mismatch", "残疾人证号的前18位"+string(card.ID)+"与身份证号"+p.ID+"不是同一人，请核对")
		return
	}
	d := domain.Disability{Grade: card.Grade, Category: card.Category}
	filled, ok := fillDisability(p.Disability, d)
	switch {
	case !ok:
		hold(FieldDisabilityCard, "disability_card_mismatch", fmt.Sprintf("残疾人证号表示%s残疾%d级，与残疾等级/类别列（%s）不一致，请核对", d.Category, d.Grade, disabilityColumns(p.Disability)))
	case filled != p.Disability:
		var what []string // the columns the card fills
		if p.Disability.Grade == 0 {
			what = append(what, "残疾等级")
		}
		if p.Disability.Category == "" {
			what = append(what, "残疾类别")
		}
		p.Disability = filled
		filledWhat := "残疾等级、类别"
		if len(what) == 1 {
			filledWhat = what[0]
		}
		note(FieldDisabilityCard, "disability_from_card", fmt.Sprintf("%s按残疾人证号填入：%s%d级", filledWhat, d.Category, d.Grade))
	}
}

// fillDisability returns have with an empty grade or category taken from
// other, and false when the two disagree: both give a grade, or both a
// category, and these differ. An empty column says nothing against the
// other source.
func fillDisability(have, other domain.Disability) (domain.Disability, bool) {
	if have.Grade != 0 && other.Grade != 0 && have.Grade != other.Grade ||
		have.Category != "" && other.Category != "" && have.Category != other.Category {
		return have, false
	}
	if have.Grade == 0 {
		have.Grade = other.Grade
	}
	if have.Category == "" {
		have.Category = other.Category
	}
	return have, true
}

// disabilityColumns writes a person's 残疾等级 and 残疾类别 for a message,
// naming an empty one as such (肢体，等级空).
func disabilityColumns(d domain.Disability) string {
	grade, category := "等级空", "类别空"
	if d.Grade != 0 {
		grade = fmt.Sprintf("%d级", d.Grade)
	}
	if d.Category != "" {
		category = d.Category
	}
	return category + "，" + grade
}

// anyText reports a row with a cell that is not blank.
func anyText(cells []string) bool {
	return slices.ContainsFunc(cells, func(c string) bool { return strings.TrimSpace(c) != "" })
}
