package rmb

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Errors returned by Capital, wrapped with the offending amount.
var (
	// ErrNegative: the amount is below zero.
	ErrNegative = errors.New("amount is negative")
	// ErrPrecision: the amount has a non-zero digit beyond 分 (0.01 yuan).
	ErrPrecision = errors.New("amount has more than 2 decimal places")
	// ErrTooLarge: the amount is 1,000,000,000,000 yuan (壹万亿) or more.
	ErrTooLarge = errors.New("amount is 10^12 yuan or more")
)

// Prefix is the currency name written directly before every capital amount.
const Prefix = "人民币"

var (
	digits   = [10]string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	posUnits = [4]string{"", "拾", "佰", "仟"} // within a 4-digit section
	secUnits = [3]string{"", "万", "亿"}      // per section, low to high
	limit    = decimal.New(1, 12)
)

// Capital returns the Chinese capital amount (大写金额) of d yuan, prefix
// 人民币 included, e.g. 107000.53 -> "人民币壹拾万柒仟元零伍角叁分".
//
// d must be non-negative, below 10^12 yuan (the largest is
// 人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分) and have no
// non-zero digit beyond 分; trailing zeros (1.500) are accepted. Otherwise it
// returns ErrNegative, ErrTooLarge or ErrPrecision wrapped with the amount.
//
// Writing follows 《正确填写票据和结算凭证的基本规定》: 整 after 元 when there
// are no 角 and 分 and nothing after 角 or 分; one 零 per run of zeros inside
// the integer part, including a run crossing a 万 or 亿 boundary; no 零 for
// trailing zeros; a 零 after 元 when the 元 digit is 0 and 角 is not, and
// between 元 and 分 when 角 is 0; a leading ten written 壹拾; amounts under one
// yuan written without 零元 (0.05 -> 人民币伍分); zero written 人民币零元整.
func Capital(d decimal.Decimal) (string, error) {
	switch {
	case d.Sign() < 0:
		return "", fmt.Errorf("rmb: %s: %w", d.String(), ErrNegative)
	case d.GreaterThanOrEqual(limit):
		return "", fmt.Errorf("rmb: %s: %w", d.String(), ErrTooLarge)
	case !d.Truncate(2).Equal(d):
		return "", fmt.Errorf("rmb: %s: %w", d.String(), ErrPrecision)
	}
	fen := d.Shift(2).IntPart() // exact: integral and below 10^14
	yuan, jiao, cents := fen/100, (fen/10)%10, fen%10

	var b strings.Builder
	b.WriteString(Prefix)
	if yuan == 0 && jiao == 0 && cents == 0 {
		b.WriteString("零元整")
		return b.String(), nil
	}
	if yuan > 0 {
		writeInteger(&b, yuan)
		b.WriteString("元")
		if jiao == 0 && cents == 0 {
			b.WriteString("整")
			return b.String(), nil
		}
		// 元 digit 0 before 角, or 角 0 before 分: one 零.
		if yuan%10 == 0 || jiao == 0 {
			b.WriteString("零")
		}
	}
	if jiao > 0 {
		b.WriteString(digits[jiao])
		b.WriteString("角")
	}
	if cents > 0 {
		b.WriteString(digits[cents])
		b.WriteString("分")
	}
	return b.String(), nil
}

// writeInteger writes n (1 <= n < 10^12) in capitals, without 元.
func writeInteger(b *strings.Builder, n int64) {
	var sections [3]int64 // units, 万, 亿
	for i := range sections {
		sections[i] = n % 10000
		n /= 10000
	}
	written := false     // something already written
	zeroPending := false // zeros seen since the last written digit
	for s := len(sections) - 1; s >= 0; s-- {
		sec := sections[s]
		if sec == 0 {
			if written {
				zeroPending = true
			}
			continue
		}
		for p := 3; p >= 0; p-- {
			d := (sec / pow10[p]) % 10
			if d == 0 {
				if written {
					zeroPending = true
				}
				continue
			}
			if zeroPending {
				b.WriteString("零")
				zeroPending = false
			}
			b.WriteString(digits[d])
			b.WriteString(posUnits[p])
			written = true
		}
		b.WriteString(secUnits[s])
		// Trailing zeros of a section are not written and do not carry past
		// its 万/亿 (107000 -> 壹拾万柒仟); only leading zeros of the next
		// section or a whole zero section give a 零.
		zeroPending = false
	}
}

var pow10 = [4]int64{1, 10, 100, 1000}
