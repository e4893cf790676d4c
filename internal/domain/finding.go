package domain

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

// Finding is something a run must tell staff about a roster row, a sheet or
// a whole file: a stable English Code for tools and a plain Chinese Message
// saying what is wrong and what to fix. AsWritten is the ID cell as typed.
type Finding struct {
	Severity  Severity
	Code      string
	Where     Location
	Name      string
	AsWritten string
	Message   string
}
