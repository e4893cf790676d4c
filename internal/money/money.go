package money

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// hundred is 100, the number of fen in a yuan.
var hundred = decimal.NewFromInt(100)

// twelve is the number of months in a calendar year.
var twelve = decimal.NewFromInt(12)

// RoundYuan rounds an amount in yuan half-up (away from zero on a tie) to
// 0.01 yuan, the smallest unit a bank transfer can carry.
func RoundYuan(d decimal.Decimal) decimal.Decimal {
	// decimal.Round rounds half away from zero, which for the non-negative
	// amounts of this program is the half-up rounding of the payment rules.
	return d.Round(2)
}

// MonthlyShare returns the amount in yuan paid in month m (1 = January ..
// 12 = December) of an annual amount in yuan, by cumulative rounding inside
// the calendar year:
//
//	share(m) = round(annual*m/12) - round(annual*(m-1)/12)
//
// rounded half-up to 0.01 yuan, so the twelve shares of a year always sum to
// exactly the annual amount (920.00 a year pays 76.67 in January, 76.66 in
// February, ... 76.67 in December). This is the conversion of annual rates in
// the issue that transcribes list items 16 and 17.
//
// It returns an error when m is outside 1..12 or annual is negative.
func MonthlyShare(annual decimal.Decimal, m int) (decimal.Decimal, error) {
	if m < 1 || m > 12 {
		return decimal.Decimal{}, fmt.Errorf("month %d outside 1..12", m)
	}
	if annual.IsNegative() {
		return decimal.Decimal{}, fmt.Errorf("negative annual amount %s", annual)
	}
	return UpTo(annual, m).Sub(UpTo(annual, m-1)), nil
}

// UpTo returns what an annual amount in yuan pays in the first m months of
// a calendar year by cumulative rounding, round(annual*m/12) half-up to
// 0.01 yuan: MonthlyShare(annual, m) is UpTo(annual, m) - UpTo(annual, m-1),
// as explain shows it. UpTo(annual, 0) is zero.
func UpTo(annual decimal.Decimal, m int) decimal.Decimal {
	return RoundYuan(annual.Mul(decimal.NewFromInt(int64(m))).Div(twelve))
}

// Hundredths returns d*100 as an integer: fen for an amount in yuan, or
// hundredths of a kWh. It returns an error when d has more than two decimals
// or does not fit in an int64, so no amount is ever silently truncated.
func Hundredths(d decimal.Decimal) (int64, error) {
	scaled := d.Mul(hundred)
	if !scaled.IsInteger() {
		return 0, fmt.Errorf("amount %s has more than two decimals", d)
	}
	if !scaled.BigInt().IsInt64() {
		return 0, fmt.Errorf("amount %s is too large", d)
	}
	return scaled.IntPart(), nil
}

// FromHundredths is the inverse of Hundredths: n fen (or hundredths of a
// unit) as a decimal amount in yuan (or units).
func FromHundredths(n int64) decimal.Decimal {
	return decimal.New(n, -2)
}

// Format returns an amount as plain decimal text for CSV, logs and SQLite:
// yuan always with two decimals ("76.66", "54.50", "100.00"), other units
// without trailing zeros ("15", "7.5"). unit is "CNY" for yuan.
func Format(d decimal.Decimal, unit string) string {
	if unit == "CNY" {
		return d.StringFixed(2)
	}
	return d.String()
}

// Parse reads an amount written as exact decimal text ("920.00", "54.5",
// "15"). It never goes through a float. It returns an error for empty or
// malformed text, exponents, or negative amounts.
func Parse(s string) (decimal.Decimal, error) {
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return decimal.Decimal{}, fmt.Errorf("amount %q: only digits and one decimal point are allowed", s)
		}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("amount %q: %w", s, err)
	}
	return d, nil
}
