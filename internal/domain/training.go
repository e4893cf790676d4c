package domain

import (
	"strings"
	"time"
	"unicode"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

// Training types of the caregiver training subsidy (list item 20).
const (
	TrainingGeneral = "普惠制" // general training: a fixed amount
	TrainingOrder   = "订单式" // order-based training: the actual cost up to a cap
)

// Training is one row of a training roster (培训合格人员名册): a family
// member (the trainee) who finished care-giver training for a disabled elder
// (list item 20, 家庭养老支持服务). Cost is in yuan and set only when the
// roster gives it (HasCost). Certificate is the 证书编号 as written that,
// with the trainee's ID, makes a claim unique for ever; it is compared by
// its CertificateKey.
type Training struct {
	TraineeID   string
	TraineeName string
	ElderID     string
	ElderName   string
	Type        string // TrainingGeneral or TrainingOrder
	Cost        decimal.Decimal
	HasCost     bool
	Completed   time.Time // 结业日期
	Certificate string
	BankAccount string
	Source      Location
}

// CertificateKey is the form in which two 证书编号 are compared: NFKC
// (full-width letters and digits, № and the like become ASCII), upper case,
// and only letters and digits kept, so that ZS001, zs001, ZS-001, ZS 001,
// ZS_001 and ZS.001 are one certificate, as are No.5 and NO 5. Spaces,
// hyphens and dashes, underscores, dots, slashes, brackets and every other
// punctuation or symbol are separators a clerk adds or drops, never what
// tells two certificates of one trainee apart. A certificate with no letter
// or digit has the key "".
func CertificateKey(certificate string) string { return LettersAndDigits(certificate) }

// LettersAndDigits is s after NFKC (full-width forms become ASCII), in
// upper case, with only its letters and digits kept: the form in which two
// numbers a clerk may space, hyphenate or case differently are compared (a
// 证书编号, a 银行账号, an ID).
func LettersAndDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, strings.ToUpper(norm.NFKC.String(s)))
}

// Claim is a one-off payment of an earlier month: the ID paid, the
// Reference that made it unique (the 证书编号 of a training, as written) and
// the month it was paid in. For a training (list item 20), the course
// paid: the cared-for elder's ID, the 培训类型 and the 结业日期
// (YYYY-MM-DD), each empty when the line did not record it (the 结业日期
// is recorded since 2026-11-30). A claim paid as 补发 of an unsent one is
// a claim of the month that paid it.
type Claim struct {
	ID        string
	Reference string
	Month     Month

	ElderID, Type, Completed string

	// Unsent is set when the line had no 银行账号: recorded on that
	// month's 无账号待处理, never sent by the bank. Amount is what was
	// recorded (yuan); Approved whether Month is approved.
	Unsent   bool
	Amount   decimal.Decimal
	Approved bool
}
