package money

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

func dec(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The issue's own example: 920 a year.
func TestMonthlyShare920(t *testing.T) {
	want := []string{"76.67", "76.66", "76.67", "76.67", "76.66", "76.67", "76.67", "76.66", "76.67", "76.67", "76.66", "76.67"}
	for m := 1; m <= 12; m++ {
		got, err := MonthlyShare(dec(t, "920"), m)
		if err != nil {
			t.Fatal(err)
		}
		if got.StringFixed(2) != want[m-1] {
			t.Errorf("month %d: got %s, want %s", m, got.StringFixed(2), want[m-1])
		}
	}
}

// Each annual rate of list items 16 and 17 in November 2026, the month of
// the acceptance data.
func TestMonthlyShareListRates(t *testing.T) {
	cases := []struct{ annual, nov string }{
		{"920", "76.66"},
		{"1640", "136.66"},
		{"2760", "230.00"},
		{"3240", "270.00"},
		{"5400", "450.00"},
	}
	for _, c := range cases {
		got, err := MonthlyShare(dec(t, c.annual), 11)
		if err != nil {
			t.Fatal(err)
		}
		if got.StringFixed(2) != c.nov {
			t.Errorf("%s/year in November: got %s, want %s", c.annual, got.StringFixed(2), c.nov)
		}
	}
}

// Property: for any annual amount, the twelve shares sum to the annual
// amount rounded to the fen, and no share differs from another by more than
// one fen.
func TestMonthlyShareSumsToAnnual(t *testing.T) {
	seed := uint64(20261129)
	next := func() uint64 { // xorshift: deterministic and dependency-free
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return seed
	}
	check := func(annual decimal.Decimal) {
		sum := decimal.Zero
		lo, hi := decimal.Decimal{}, decimal.Decimal{}
		for m := 1; m <= 12; m++ {
			s, err := MonthlyShare(annual, m)
			if err != nil {
				t.Fatal(err)
			}
			if m == 1 || s.LessThan(lo) {
				lo = s
			}
			if m == 1 || s.GreaterThan(hi) {
				hi = s
			}
			sum = sum.Add(s)
		}
		if !sum.Equal(RoundYuan(annual)) {
			t.Fatalf("annual %s: shares sum to %s", annual, sum)
		}
		if hi.Sub(lo).GreaterThan(dec(t, "0.01")) {
			t.Fatalf("annual %s: shares range %s..%s", annual, lo, hi)
		}
	}
	for _, s := range []string{"0", "0.01", "0.11", "1", "11.99", "920", "1640", "2760", "3240", "5400", "99999999.99"} {
		check(dec(t, s))
	}
	for i := 0; i < 5000; i++ {
		check(decimal.New(int64(next()%1_000_000_000), -2))
	}
}

func TestMonthlyShareRejects(t *testing.T) {
	for _, m := range []int{0, 13, -1} {
		if _, err := MonthlyShare(dec(t, "920"), m); err == nil {
			t.Errorf("month %d accepted", m)
		}
	}
	if _, err := MonthlyShare(dec(t, "-1"), 1); err == nil {
		t.Error("negative annual accepted")
	}
}

func TestHundredths(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"76.66", 7666, true}, {"54.5", 5450, true}, {"15", 1500, true}, {"0.01", 1, true},
		{"0.001", 0, false}, {"99999999999999999999", 0, false},
	}
	for _, c := range cases {
		got, err := Hundredths(dec(t, c.in))
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("Hundredths(%s) = %d, %v", c.in, got, err)
		}
		if c.ok && !FromHundredths(got).Equal(dec(t, c.in)) {
			t.Errorf("FromHundredths(%d) = %s", got, FromHundredths(got))
		}
	}
}

func TestFormatAndParse(t *testing.T) {
	cases := []struct{ in, unit, want string }{
		{"76.66", "CNY", "76.66"}, {"54.5", "CNY", "54.50"}, {"100", "CNY", "100.00"},
		{"15.00", "kWh", "15"}, {"7.50", "kWh", "7.5"},
	}
	for _, c := range cases {
		d, err := Parse(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := Format(d, c.unit); got != c.want {
			t.Errorf("Format(%s, %s) = %s, want %s", c.in, c.unit, got, c.want)
		}
	}
	for _, bad := range []string{"", "1e3", "-5", "12,5", "abc", "1.2.3"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func ExampleMonthlyShare() {
	annual := decimal.RequireFromString("920.00")
	for _, m := range []int{1, 2, 11, 12} {
		s, _ := MonthlyShare(annual, m)
		fmt.Println(m, s.StringFixed(2))
	}
	// Output:
	// 1 76.67
	// 2 76.66
	// 11 76.66
	// 12 76.67
}
