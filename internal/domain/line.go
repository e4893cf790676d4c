package domain

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Unit codes of payment lines.
const (
	UnitYuan = "CNY" // amounts in yuan, two decimals
	UnitKWh  = "kWh" // free electricity allowance in kilowatt-hours
)

// UnitText returns a unit as staff read it on sheets: 元 for UnitYuan,
// 千瓦时 for UnitKWh, "" for any other.
func UnitText(unit string) string {
	switch unit {
	case UnitYuan:
		return "元"
	case UnitKWh:
		return "千瓦时"
	}
	return ""
}

// Line is one payment line of a run: one benefit for one person in one
// month. Amount is in Unit (yuan with two decimals, or kWh). Band is the
// 档次/标准 shown to staff ("80-89周岁 低保"); Params holds the parameter
// values used, with their source item and effective date, as recorded for
// auditors. Params is never nil, and is shared by every line of a month
// with the same values (a province's month has a million lines and a few
// hundred different Params): nobody changes a Params once a line points at
// it; a line that needs other values gets a copy (Params.WithNote).
type Line struct {
	PersonID   string
	Name       string
	Street     string
	Community  string
	Benefit    string // code, e.g. "senior_allowance"
	Amount     decimal.Decimal
	Unit       string
	Department string
	Band       string
	Account    string // 银行账号 for money, 户号 for electricity; may be empty
	Reference  string // what makes a one-off payment unique, e.g. the 证书编号 of a training
	Corrects   Month  // for arrears (补发): the earlier month this line pays for; zero otherwise
	Params     *Params
	Source     *Location // the roster row, shared with the Person it was computed from; never nil
}

// UnsentMark is in the note of every line recorded without an account on
// purpose, to be paid by hand (package correction: a dead senior's money,
// the heirs'; a 补发 whose account another person gives this month; calc:
// the training subsidy of a trainee dead since the course). No account
// filled in on a roster later pays it: it is not waiting for one.
const UnsentMark = "未代发"

// ByHand reports whether l is money recorded without an account on
// purpose (UnsentMark), for staff to pay by hand (to the heirs): listed on
// the bank file's 无账号待处理 with its note, and settled by being
// recorded. Other money without an account waits for one and is paid as
// 补发 once the roster gives it.
func (l *Line) ByHand() bool {
	return l.Account == "" && l.Unit == UnitYuan && l.Params != nil && strings.Contains(l.Params.Note, UnsentMark)
}

// Recovery is money paid in an approved earlier month that should not have
// been (追回), for example after a death reported late: Amount in Unit paid
// in month Corrects for Benefit, to be recovered from the person's estate.
// Recoveries are not payments; they are recorded for follow-up.
type Recovery struct {
	PersonID   string
	Name       string
	Street     string
	Community  string
	Benefit    string
	Amount     decimal.Decimal
	Unit       string
	Department string
	Corrects   Month
	Reason     string
}

// Params are the rule values behind one payment line. Annual is set for
// benefits whose rate is yuan per year (items 16-17); Rate is the amount per
// period from rules/.
type Params struct {
	Item      string    `json:"item"`           // list item, e.g. "16、17"
	Effective time.Time `json:"effective"`      // date the rate took effect
	Period    string    `json:"period"`         // "month" or "year"
	Rate      string    `json:"rate"`           // amount per period, exact decimal text
	Age       int       `json:"age"`            // 周岁 on the last day of the month (Person.AgeIn)
	Dibao     bool      `json:"dibao"`          // dibao rate applied
	Month     int       `json:"month"`          // month of the year, for cumulative rounding
	Note      string    `json:"note,omitempty"` // e.g. why a grant per 户号 went to this person

	// One-off training subsidy (list item 20) only.
	ElderID      string `json:"elder_id,omitempty"`      // 被照护老人公民身份号码
	ElderName    string `json:"elder_name,omitempty"`    // 被照护老人姓名
	TrainingType string `json:"training_type,omitempty"` // 普惠制 or 订单式
	Cost         string `json:"cost,omitempty"`          // 培训费用 in yuan, exact text, 订单式 only
	Completed    string `json:"completed,omitempty"`     // 结业日期, YYYY-MM-DD (recorded since 2026-11-30)
}

// WithNote returns a copy of p whose Note is note, leaving p as it is
// (a Params may be shared by many lines).
func (p *Params) WithNote(note string) *Params {
	c := *p
	c.Note = note
	return &c
}

// ShareRows points each line at the person of its listing, as the run that
// computed them did, when the listing is not held and names the same roster
// row: the line's PersonID, Name and Source then share the person's memory
// instead of holding copies. Lines and listings read back from the
// database each come with their own; a month of a province has a million
// of each. Lines without such a listing are left as they are.
func ShareRows(lines []Line, listings []Listing) {
	byID := make(map[string]*Person, len(listings))
	for i := range listings {
		if l := &listings[i]; !l.Held {
			byID[l.Person.ID] = l.Person
		}
	}
	for i := range lines {
		l := &lines[i]
		p := byID[l.PersonID]
		if p == nil || l.Source == nil || *l.Source != p.Source {
			continue
		}
		l.PersonID, l.Source = p.ID, &p.Source
		if l.Name == p.Name {
			l.Name = p.Name
		}
	}
}
