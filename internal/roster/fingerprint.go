package roster

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strconv"
	"time"

	"disburse/internal/domain"
)

// rowsSHA256 returns wb's Workbook.RowsSHA256: the SHA-256 of what was
// read from each row below a header, in order, and not of the cells as
// written. A CSV export writes the cells as shown (1930-10-05 where the
// workbook keeps the date's serial number 11236, every row as wide as the
// widest, ="…" around an ID), and a roster saved again may lose a title
// line or a blank row: the people read are the same, and so is this hash.
//
// Each roster row counts with its person (every field but where it was
// read), whether it is held, each finding (severity, code, column header,
// name and message: a message that quotes a value still tells two values
// apart) and what its 备注 said (健在, 恢复发放, a move); a training or
// agency list row with every field it gives (of a death list row whose ID
// cannot be read, that it cannot: its notice quotes the ID); and each
// notice of a row that is no person (a signature line, a row with neither
// 姓名 nor ID). Left
// out are the file, sheet, row and column letter of each (a row moved up
// by a title line deleted is the same row), the ID as written (the ID read
// counts, and the message of an ID that cannot be read quotes it) and the
// notices of whole sheets (a 填表说明 sheet a CSV export leaves behind).
// Every value is written with its length, so no two different rows give
// the same bytes. One pass over what was read: cheap beside the reading.
func rowsSHA256(wb *Workbook) string {
	w := rowWriter{h: sha256.New()}
	for i := range wb.Entries {
		e := &wb.Entries[i]
		p := &e.Person
		w.record('E')
		w.str(p.ID)
		w.str(p.Name)
		w.date(p.Birth)
		w.str(p.Street)
		w.str(p.Community)
		w.int(int(p.Dibao))
		w.int(int(p.Tekun))
		w.bool(p.Hardship)
		w.int(int(p.SelfCare))
		w.int(p.Disability.Grade)
		w.str(p.Disability.Category)
		w.str(p.ElectricityAccount)
		w.str(p.BankAccount)
		w.date(p.Death)
		w.bool(e.Held)
		w.bool(e.Alive)
		w.bool(e.Resumes)
		w.bool(e.AccountConfirmed)
		w.bool(e.hiddenSheet)
		w.str(e.movedTo)
		w.str(e.meterNumber)
		w.findings(e.Findings)
	}
	for i := range wb.Trainings {
		e := &wb.Trainings[i]
		t := &e.Training
		w.record('T')
		w.str(t.TraineeID)
		w.str(t.TraineeName)
		w.str(t.ElderID)
		w.str(t.ElderName)
		w.str(t.Type)
		w.str(t.Cost.String())
		w.bool(t.HasCost)
		w.date(t.Completed)
		w.str(t.Certificate)
		w.str(t.BankAccount)
		w.bool(e.Held)
		w.findings(e.Findings)
	}
	for i := range wb.Statuses {
		s := &wb.Statuses[i]
		w.record('S')
		w.str(string(s.Kind))
		w.str(s.ID)
		w.str(s.Name)
		w.int(int(s.Dibao))
		w.int(s.Disability.Grade)
		w.str(s.Disability.Category)
		w.date(s.Death)
		w.str(s.DeathUnread)
		w.bool(s.IDUnread != "") // as written it is the ID as written: its notice quotes what it holds
		w.bool(s.IDLostDigits)   // a number's lost digits shown as ?, or the text as typed
		w.int(int(s.SelfCare))
		w.date(s.From)
		w.date(s.To)
	}
	for _, f := range wb.Notices {
		if f.Where.Row > 0 { // a row's, not a sheet's
			w.record('N')
			w.finding(f)
		}
	}
	w.flush()
	return hex.EncodeToString(w.h.Sum(nil))
}

// rowWriter writes the values of rowsSHA256 into h, a record at a time.
type rowWriter struct {
	h       hash.Hash
	b       []byte
	scratch []byte // a number or a date as text, reused
}

// record starts a record of kind, writing the one before.
func (w *rowWriter) record(kind byte) {
	w.flush()
	w.b = append(w.b, kind)
}

func (w *rowWriter) flush() {
	w.h.Write(w.b)
	w.b = w.b[:0]
}

// str writes s after its length in bytes.
func (w *rowWriter) str(s string) {
	w.b = append(append(strconv.AppendInt(w.b, int64(len(s)), 10), ':'), s...)
}

// bytes writes b as str does.
func (w *rowWriter) bytes(b []byte) {
	w.b = append(append(strconv.AppendInt(w.b, int64(len(b)), 10), ':'), b...)
}

func (w *rowWriter) int(n int) {
	w.scratch = strconv.AppendInt(w.scratch[:0], int64(n), 10)
	w.bytes(w.scratch)
}

func (w *rowWriter) bool(v bool) { w.str(strconv.FormatBool(v)) }

// date writes t as a day ("" when zero): every date read is a day.
func (w *rowWriter) date(t time.Time) {
	if t.IsZero() {
		w.str("")
		return
	}
	w.scratch = t.AppendFormat(w.scratch[:0], time.DateOnly)
	w.bytes(w.scratch)
}

func (w *rowWriter) findings(fs []domain.Finding) {
	w.int(len(fs))
	for _, f := range fs {
		w.finding(f)
	}
}

func (w *rowWriter) finding(f domain.Finding) {
	w.str(string(f.Severity))
	w.str(f.Code)
	w.str(f.Where.Header)
	w.str(f.Name)
	if !numberShown(f.Code) {
		w.str(f.Message)
	}
}

// numberShown reports the codes of a number cell whose message quotes the
// number as the file shows it: a workbook keeps 15 digits of an ID typed
// as a number, its CSV export as few as Excel displayed (1.40522E+17).
// Both rows are held for the same cell, and one roster is not two
// versions for it.
func numberShown(code string) bool { return code == "id_numeric" || code == "account_numeric" }
