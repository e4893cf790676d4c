package domain

import (
	"strings"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestAge(t *testing.T) {
	cases := []struct {
		name      string
		birth, on time.Time
		want      int
	}{
		{"birthday on the last day of the month counts", date(1946, 11, 30), date(2026, 11, 30), 80},
		{"day before the birthday", date(1946, 12, 1), date(2026, 11, 30), 79},
		{"birthday early in the month", date(1946, 11, 1), date(2026, 11, 30), 80},
		{"ninety", date(1936, 11, 8), date(2026, 11, 30), 90},
		{"hundred", date(1926, 11, 2), date(2026, 11, 30), 100},
		{"29 Feb in a common year: 28 Feb reaches the age", date(1944, 2, 29), date(2025, 2, 28), 81},
		{"29 Feb in a common year: 27 Feb does not", date(1944, 2, 29), date(2025, 2, 27), 80},
		{"29 Feb in a leap year: 29 Feb", date(1944, 2, 29), date(2024, 2, 29), 80},
		{"29 Feb in a leap year: 28 Feb not yet", date(1944, 2, 29), date(2024, 2, 28), 79},
		{"born after the day", date(2027, 1, 1), date(2026, 11, 30), 0},
	}
	for _, c := range cases {
		if got := Age(c.birth, c.on); got != c.want {
			t.Errorf("%s: Age(%s, %s) = %d, want %d", c.name, c.birth.Format("2006-01-02"), c.on.Format("2006-01-02"), got, c.want)
		}
	}
}

// A person born 29 February 1944 becomes 80 in the payout month of their
// birthday: February 2024 (leap) and, for 81, February 2025 (common).
func TestAgeFeb29ByPayoutMonth(t *testing.T) {
	birth := date(1944, 2, 29)
	for _, c := range []struct {
		month Month
		want  int
	}{
		{Month{2024, time.January}, 79}, {Month{2024, time.February}, 80},
		{Month{2025, time.January}, 80}, {Month{2025, time.February}, 81},
	} {
		if got := Age(birth, c.month.Last()); got != c.want {
			t.Errorf("%s: %d, want %d", c.month, got, c.want)
		}
	}
}

func TestMonth(t *testing.T) {
	m, err := ParseMonth("2026-11")
	if err != nil {
		t.Fatal(err)
	}
	if m.String() != "2026-11" || m.Chinese() != "2026年11月" {
		t.Errorf("got %s / %s", m, m.Chinese())
	}
	if got := m.Last().Format("2006-01-02"); got != "2026-11-30" {
		t.Errorf("Last = %s", got)
	}
	if got := (Month{2024, time.February}).Last().Day(); got != 29 {
		t.Errorf("Feb 2024 last day = %d", got)
	}
	if got := (Month{2026, time.January}).Prev().String(); got != "2025-12" {
		t.Errorf("Prev = %s", got)
	}
	for _, bad := range []string{"2026-13", "2026-1", "202611", "", "2026-11-01"} {
		if _, err := ParseMonth(bad); err == nil || !strings.Contains(err.Error(), "月份「"+bad+"」写法不对：应写作 YYYY-MM") {
			t.Errorf("ParseMonth(%q): %v, want refused in Chinese for staff", bad, err)
		}
	}
}

// AgeIn counts on the last day of the month, or on a death by then.
func TestAgeIn(t *testing.T) {
	nov := Month{Year: 2026, Month: time.November}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		name  string
		death time.Time
		want  int
	}{
		{"alive", time.Time{}, 80},
		{"died before the birthday in the month", day(2026, 11, 19), 79},
		{"died on the birthday", day(2026, 11, 20), 80},
		{"died after the month", day(2026, 12, 5), 80},
		{"died before the month, before the birthday", day(2026, 10, 31), 79},
	} {
		p := Person{Birth: day(1946, 11, 20), Death: c.death}
		if got := p.AgeIn(nov); got != c.want {
			t.Errorf("%s: AgeIn = %d, want %d", c.name, got, c.want)
		}
	}
}
