package domain

import (
	"strings"

	"disburse/internal/idnumber"
)

// Severity says what a finding does to a row.
type Severity string

const (
	// Held: the row gets no payment until fixed; it is listed in 异常清单.
	Held Severity = "held"
	// Notice: the row is paid (or was harmlessly skipped) but staff should
	// know, e.g. an identical duplicate paid once.
	Notice Severity = "notice"
	// Rejected: a whole workbook was not read.
	Rejected Severity = "rejected"
)

// CodeDeathOnRecordAlive is the code of the notice on a row paid because its
// 备注 says 健在 against a 死亡日期 an earlier month's rosters recorded: the
// staff's word that the date was entered in error. The approved months that
// date cost the person are paid as arrears, and the change lists name it.
const CodeDeathOnRecordAlive = "death_on_record_alive"

// StopCode reports whether a hold of code stops a payment rather than
// defer it (暂缓): a row on a stop list (停发人员) or under a heading that
// makes one (以下为停发人员), or whose 备注 or 姓名 says
// the payment stops or the person died, or whose stop an earlier month's
// 备注 announced (CodeStopAnnounced), or a row struck through (how staff
// delete a row on paper), or one of whose cells has a comment (批注) that
// says the person died or the payment stops, or whom a note below the table
// (说明：…已去世) says died or stopped. Staff stopped such a person: a
// month they were held for it is not paid back by itself, and their absence
// afterwards is not 待核实; but for a death said without its date
// (DeathUndatedCode), whose month of death is owed once the date is known.
func StopCode(code string) bool {
	switch code {
	case "sheet_stop_list", "section_stop_list", "remark_stop", CodeStopAnnounced, "row_struck", "comment_stop", "note_stop":
		return true
	}
	return DeathUndatedCode(code)
}

// DeathUndatedCode reports whether a hold of code is for a death said
// without its 死亡日期: by the 备注 or the 姓名 (remark_death), a comment
// (comment_death), a note below the table (note_death), the row's place
// on a sheet or under a heading of the dead (sheet_dead_list,
// section_dead_list), or an agency's death list without a date it can use
// (death_list_undated). It stops the row (StopCode); once a later row or
// death list gives the date, the months the senior lived into are owed (a
// death inside a month pays it: list items 16-17 and the district's 死亡当月
// 照发) and are paid back to the heirs, as staff were told when asked for
// the date.
func DeathUndatedCode(code string) bool {
	switch code {
	case "remark_death", "comment_death", "note_death", "sheet_dead_list", "section_dead_list", "death_list_undated":
		return true
	}
	return false
}

// StatusDoubtCode reports whether a row held with code may have been held
// for a column that decides a rate (低保类别, 特困类别, 经济困难, 自理能力,
// 残疾等级, 残疾类别): a value unreadable, struck through, contradicted by
// another column, a copy of the row, a 残疾人证号 or an agency's list, or
// a status said in a remark without its column. CellCode says which of
// these codes are about one cell, whose column decides.
func StatusDoubtCode(code string) bool {
	switch code {
	case "column_conflict", "duplicate_conflict", "duplicate_held", "status_conflict",
		"disability_card_mismatch", "status_in_remark":
		return true
	}
	return CellCode(code)
}

// CellCode reports whether code holds a row for the value of one cell
// (value_unknown, cell_struck, formula_no_value, cell_bool_or_error),
// placed at that cell's column: it doubts the statuses (StatusDoubtCode)
// only when that column is one of theirs.
func CellCode(code string) bool {
	switch code {
	case "value_unknown", "cell_struck", "formula_no_value", "cell_bool_or_error":
		return true
	}
	return false
}

// CodeStopAnnounced is the code of the hold on a row whose person an
// earlier month's 备注 stopped from this month or before (下月停发 in
// October holds November's row): staff stopped the payment, so the month
// held is not paid back by itself when the person is paid again.
const CodeStopAnnounced = "stop_announced"

// ConfirmedAlive returns the IDs of the rows that findings say were paid on
// their 备注 健在 against a 死亡日期 on record (CodeDeathOnRecordAlive). Only
// that notice counts: a row that merely gives no 死亡日期 proves nothing.
func ConfirmedAlive(findings []Finding) map[string]bool {
	alive := map[string]bool{}
	for _, f := range findings {
		if f.Code == CodeDeathOnRecordAlive {
			if id := idnumber.Of(f.AsWritten); id != "" {
				alive[id] = true
			}
		}
	}
	return alive
}

// Finding is something a run must tell staff about a roster row, a sheet or
// a whole file: a stable English Code for tools and a plain Chinese Message
// saying what is wrong and what to fix. AsWritten is the ID cell as typed.
// Street is the 街道(乡镇) of the finding's roster row as written (or as the
// workbook's other sheets give it): the street office whose copy lists a
// held row even when no valid ID ties the row to a person; empty for a
// finding of a sheet or file, a row without a street, and findings
// recorded before it was kept.
type Finding struct {
	Severity  Severity
	Code      string
	Where     Location
	Name      string
	AsWritten string
	Message   string
	Street    string
}

// PaidAsUsual is what a notice says of its row's money when nothing else
// is wrong with the row: 本月照常发放 (remark_added, death_after_month,
// remark_stop_later, ...).
const PaidAsUsual = "本月照常发放"

// OnHeldRow is msg, the message of a notice, as said of a row held this
// month (暂缓): where it says PaidAsUsual, that the row is held for what
// 异常清单 lists. A notice that said the row was paid beside its hold
// told staff the opposite of 异常清单.
func OnHeldRow(msg string) string {
	return strings.ReplaceAll(msg, PaidAsUsual, "本行因「异常清单」所列原因本月暂缓发放")
}
