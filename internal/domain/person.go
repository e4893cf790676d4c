package domain

import (
	"strings"
	"time"
)

// Dibao is the 低保类别 (minimum living guarantee) status of a person.
type Dibao int

// The 低保类别 values a roster may carry. 低保 and 是 name a dibao household
// without saying urban or rural.
const (
	DibaoNone        Dibao = iota // empty, 否, 无
	DibaoUrban                    // 城市低保
	DibaoRural                    // 农村低保
	DibaoUnspecified              // 低保, 是
	DibaoMarginal                 // 低保边缘: not dibao for the rates of items 16-17
)

// IsDibao reports whether d is a dibao household (城市低保, 农村低保, 低保 or
// 是). 低保边缘 is not dibao.
func (d Dibao) IsDibao() bool {
	return d == DibaoUrban || d == DibaoRural || d == DibaoUnspecified
}

// PaysAs reports whether d and o are paid alike: equal, or both dibao
// (城市低保, 农村低保, 低保). The subsidy tables ask only whether a
// household is dibao (the dibao_amount of items 16-17, the dibao bands of
// items 27 and 30, a service's dibao condition: rules' dibao, calc's
// IsDibao), never whether it is urban or rural; a table that did would
// make the two differ here.
func (d Dibao) PaysAs(o Dibao) bool {
	return d == o || d.IsDibao() && o.IsDibao()
}

// String returns the roster text of d ("" for none).
func (d Dibao) String() string {
	return [...]string{"", "城市低保", "农村低保", "低保", "低保边缘"}[d]
}

// Tekun is the 特困类别 (extremely poor supported person) status.
type Tekun int

// The 特困类别 values a roster may carry.
const (
	TekunNone        Tekun = iota // empty, 否, 无
	TekunUrban                    // 城市特困
	TekunRural                    // 农村特困
	TekunUnspecified              // 特困, 是: urban or rural not stated
)

// String returns the roster text of t ("" for none).
func (t Tekun) String() string {
	return [...]string{"", "城市特困", "农村特困", "特困"}[t]
}

// SelfCare is 自理能力, the self-care ability assessed for a person.
type SelfCare int

// The 自理能力 values a roster may carry.
const (
	SelfCareUnknown SelfCare = iota // empty
	SelfCareAble                    // 自理
	SelfCareSemi                    // 半自理
	SelfCareUnable                  // 不能自理
)

// String returns the roster text of s ("" when not assessed).
func (s SelfCare) String() string {
	return [...]string{"", "自理", "半自理", "不能自理"}[s]
}

// Disability is a disability grade and category from a roster. Grade 0
// means none; 1 (一级) is the most severe and 4 (四级) the least. Category
// is one of 视力, 听力, 言语, 肢体, 智力, 精神, 多重 (without the word 残疾), or
// empty.
type Disability struct {
	Grade    int
	Category string
}

// DisabilityCategories are the categories of a Disability, in the order of
// GB/T 26341-2010 (the category digit of a 残疾人证号 is the index plus 1).
var DisabilityCategories = []string{"视力", "听力", "言语", "肢体", "智力", "精神", "多重"}

// Location is where a value came from: the workbook file name, the sheet,
// the Excel row number (1-based) and the column letter and header.
type Location struct {
	File   string
	Sheet  string
	Row    int
	Column string // letter, e.g. "F"; empty for a whole row
	Header string // header text of Column, e.g. "公民身份号码"
}

// WholeRow is the place of l's row: its file, sheet and row, the column
// left out, as findings of one row are told apart from another's.
func (l Location) WholeRow() Location {
	return Location{File: l.File, Sheet: l.Sheet, Row: l.Row}
}

// Person is one senior as a valid roster row describes them. ID is a
// validated GB 11643 number and Birth is the birth date it holds. Accounts
// are kept as text exactly as written (leading zeros matter).
type Person struct {
	ID        string // 18 characters, upper-case X
	Name      string
	Birth     time.Time
	Street    string // 街道(乡镇)
	Community string // 社区(村)

	Dibao      Dibao
	Tekun      Tekun
	Hardship   bool // 经济困难 = 是
	SelfCare   SelfCare
	Disability Disability

	ElectricityAccount string    // 户号, empty when not given
	BankAccount        string    // 银行账号, empty when not given
	Death              time.Time // 死亡日期, zero when alive

	Source Location // the row that is paid (first by file name, then row)
}

// DeadBy reports whether p's row gave a 死亡日期 on or before the last
// day of month m: the senior is paid through the month of death and not
// after, and what was recorded for them without a 银行账号 is their
// heirs'. A later date (a death reported ahead, or a date typed wrong)
// leaves them alive in m.
func (p *Person) DeadBy(m Month) bool {
	return !p.Death.IsZero() && !p.Death.After(m.Last())
}

// EconomicallyDifficult reports the 经济困难 condition of list item 19:
// dibao, 低保边缘, any 特困类别, or 经济困难 = 是.
func (p *Person) EconomicallyDifficult() bool {
	return p.Dibao != DibaoNone || p.Tekun != TekunNone || p.Hardship
}

// Listing is one person's presence on a month's rosters: the row that
// describes them (the paid row, or the first row when every row with their ID
// was held), whether they were held, and the codes of the findings that held
// them. A person whose ID could not be read has no Listing. Person is
// shared, not copied: for someone paid it is the same Person the month's
// lines were computed from, and nobody changes it after the rosters are
// read.
type Listing struct {
	Person *Person
	Held   bool
	Codes  []string
	// StatusDoubted reports that a finding that held the row may be about
	// a column that decides a rate (低保类别, 特困类别, 经济困难, 自理能力,
	// 残疾等级, 残疾类别: StatusDoubtCode), so that what the row gives
	// there is no word of its month, and a month held so is paid back by
	// the row corrected since. A value unreadable in another column (a
	// letter in the 银行账号) doubts none of them. Rows recorded before it
	// was kept are decided by their codes alone.
	StatusDoubted bool
}

// Listed is a month whose rosters listed a person, whether the row was
// held (暂缓) and the codes that held it (none when it was paid).
type Listed struct {
	Month Month
	Held  bool
	Codes []string
}

// DibaoFromText is the inverse of Dibao.String, for values read back from
// storage; it reports false for any other text.
func DibaoFromText(s string) (Dibao, bool) {
	for d := DibaoNone; d <= DibaoMarginal; d++ {
		if d.String() == s {
			return d, true
		}
	}
	return 0, false
}

// TekunFromText is the inverse of Tekun.String.
func TekunFromText(s string) (Tekun, bool) {
	for t := TekunNone; t <= TekunUnspecified; t++ {
		if t.String() == s {
			return t, true
		}
	}
	return 0, false
}

// SelfCareFromText is the inverse of SelfCare.String.
func SelfCareFromText(s string) (SelfCare, bool) {
	for c := SelfCareUnknown; c <= SelfCareUnable; c++ {
		if c.String() == s {
			return c, true
		}
	}
	return 0, false
}

// StreetStem is the name of a 街道(乡镇) without spaces and without the
// suffix staff add or leave off (one: 东乡镇 is 东乡): 东街, 东街街道,
// 东街街道办事处 and 东街 街道 give 东街, 北石店镇 and 北石店镇人民政府
// give 北石店. A name that is only a suffix is kept whole.
func StreetStem(street string) string {
	s := strings.Join(strings.Fields(street), "")
	for _, suffix := range []string{"街道办事处", "镇人民政府", "乡人民政府", "人民政府", "办事处", "街道办", "镇政府", "乡政府", "街道", "镇", "乡"} {
		if t, ok := strings.CutSuffix(s, suffix); ok && t != "" {
			return t
		}
	}
	return s
}

// PaysAlike reports whether p and o give statuses that decide a rate alike:
// the same 特困类别, 经济困难, 自理能力, 残疾等级 and 残疾类别, and a 低保类别
// that pays as the other (Dibao.PaysAs: 城市低保 and 农村低保 pay alike).
func (p *Person) PaysAlike(o *Person) bool {
	return p.Dibao.PaysAs(o.Dibao) && p.Tekun == o.Tekun && p.Hardship == o.Hardship && p.SelfCare == o.SelfCare && p.Disability == o.Disability
}
