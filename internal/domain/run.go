package domain

import (
	"time"
)

// InputFile is one roster workbook a run looked at: its name in the inbox,
// the sha256 of its bytes (hex), its size in bytes, the data rows read from
// it, and whether it was processed or rejected (with the reason).
type InputFile struct {
	Name     string
	SHA256   string
	Size     int64
	RowsRead int
	Rejected bool
	Reason   string
}

// Run is the record of one monthly run as stored: what month it paid, when,
// under which rules (content hash, sha256 hex), by which software version,
// and which earlier run of the same month it replaced (0 for none).
type Run struct {
	ID              int64
	Month           Month
	StartedAt       time.Time
	FinishedAt      time.Time
	RulesHash       string
	SoftwareVersion string
	Replaces        int64
	// Inbox is the inbox folder the run read, its real path; "" for runs
	// recorded before it was kept.
	Inbox string
}
