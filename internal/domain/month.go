package domain

import (
	"fmt"
	"time"
)

// Month is a payout month such as 2026-11. The zero Month is invalid.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads "YYYY-MM". It returns an error for any other shape or a
// month outside 1..12.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Month{}, fmt.Errorf("月份「%s」写法不对：应写作 YYYY-MM，如 2026-11 (month %q: want YYYY-MM)", s, s)
	}
	return Month{Year: t.Year(), Month: t.Month()}, nil
}

// MonthOf returns the month that contains t, in t's own location.
func MonthOf(t time.Time) Month {
	return Month{Year: t.Year(), Month: t.Month()}
}

// MonthFrom returns the first month whose first day is on or after t: the
// first month a monthly or yearly rate in force from t pays, since a month
// is paid by the rate in force on its first day (a rate from 2026-10-15
// pays from November).
func MonthFrom(t time.Time) Month {
	m := MonthOf(t)
	if t.After(m.First()) {
		return m.Next()
	}
	return m
}

// String returns "YYYY-MM".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Chinese returns "YYYY年M月", as on sheet titles.
func (m Month) Chinese() string { return fmt.Sprintf("%d年%d月", m.Year, int(m.Month)) }

// First returns the first day of the month (00:00 UTC): the day on which the
// rules in force are chosen.
func (m Month) First() time.Time { return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC) }

// Last returns the last day of the month (00:00 UTC): the day on which age in
// 周岁 is counted.
func (m Month) Last() time.Time { return m.First().AddDate(0, 1, -1) }

// Prev returns the month before m.
func (m Month) Prev() Month { return MonthOf(m.First().AddDate(0, -1, 0)) }

// Back returns the month n months before m (m itself for n = 0).
func (m Month) Back(n int) Month { return MonthOf(m.First().AddDate(0, -n, 0)) }

// Valid reports whether m names a real month.
func (m Month) Valid() bool { return m.Year > 0 && m.Month >= 1 && m.Month <= 12 }

// MonthsUntil returns how many months o is after m (negative when before).
func (m Month) MonthsUntil(o Month) int {
	return (o.Year-m.Year)*12 + int(o.Month) - int(m.Month)
}

// Next returns the month after m.
func (m Month) Next() Month { return MonthOf(m.First().AddDate(0, 1, 0)) }

// After reports whether m is later than o.
func (m Month) After(o Month) bool {
	return m.Year > o.Year || (m.Year == o.Year && m.Month > o.Month)
}
