package schedule

import (
	"strings"
	"testing"
	"time"

	"disburse/internal/domain"
)

func mustParse(t *testing.T, spec string) *Schedule {
	t.Helper()
	s, err := Parse(spec, DefaultZone)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestParseErrors(t *testing.T) {
	if _, err := Parse("0 2 1 *", DefaultZone); err == nil {
		t.Error("4-field expression accepted")
	}
	if _, err := Parse("0 25 1 * *", DefaultZone); err == nil {
		t.Error("hour 25 accepted")
	}
	if _, err := Parse(DefaultSpec, "Asia/Nowhere"); err == nil {
		t.Error("unknown zone accepted")
	}
}

// The 1st-of-month tick at 02:00 Shanghai is 18:00 UTC on the last day of
// the month before; its payout month is the Shanghai month.
func TestNextAndPayoutMonth(t *testing.T) {
	s := mustParse(t, DefaultSpec)
	now := time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)
	next := s.Next(now)
	if want := time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC); !next.Equal(want) {
		t.Errorf("next %s, want %s", next.UTC(), want)
	}
	if m := s.PayoutMonth(next); m != (domain.Month{Year: 2026, Month: 12}) {
		t.Errorf("payout month %s", m)
	}
	// 23:30 UTC on the last day of a month is already the next month in Shanghai.
	if m := s.PayoutMonth(time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)); m.String() != "2026-12" {
		t.Errorf("payout month at 23:30 UTC 30 Nov: %s", m)
	}
}

func TestDue(t *testing.T) {
	s := mustParse(t, DefaultSpec)
	recorded := map[string]bool{}
	is := func(m domain.Month) (bool, error) { return recorded[m.String()], nil }
	cases := []struct {
		name string
		now  time.Time
		want string // "" when nothing is due
	}{
		{"just after the tick", time.Date(2026, 11, 30, 18, 0, 1, 0, time.UTC), "2026-12"},
		{"just before the tick", time.Date(2026, 11, 30, 17, 59, 0, 0, time.UTC), "2026-11"},
		{"missed while down, days later", time.Date(2026, 12, 9, 8, 0, 0, 0, time.UTC), "2026-12"},
	}
	for _, c := range cases {
		m, due, err := s.Due(c.now, is)
		if err != nil || !due || m.String() != c.want {
			t.Errorf("%s: %s %v %v, want %s", c.name, m, due, err, c.want)
		}
	}
	recorded["2026-12"] = true
	if m, due, _ := s.Due(time.Date(2026, 12, 9, 8, 0, 0, 0, time.UTC), is); due {
		t.Errorf("recorded month %s due again", m)
	}
}

func TestPrevWithFrequentSchedule(t *testing.T) {
	s := mustParse(t, "*/5 * * * *")
	now := time.Date(2026, 11, 15, 10, 7, 0, 0, time.UTC)
	p, ok := s.Prev(now)
	if !ok || !p.Equal(time.Date(2026, 11, 15, 10, 5, 0, 0, time.UTC)) {
		t.Errorf("prev %s %v", p.UTC(), ok)
	}
}

// A schedule with a month it never fires in is refused: that month would
// never be paid (the 31st skips November, 29 February three years in four,
// a month field pays one month a year).
func TestScheduleMustRunEveryMonth(t *testing.T) {
	for _, spec := range []string{"0 2 31 * *", "0 2 29 2 *", "0 2 1 1 *", "0 2 30 * *"} {
		if _, err := Parse(spec, DefaultZone); err == nil || !strings.Contains(err.Error(), "不是每个月都运行") {
			t.Errorf("%q: %v", spec, err)
		}
	}
	for _, spec := range []string{DefaultSpec, "0 2 28 * *", "* * * * *", "30 1 * * 1"} {
		if _, err := Parse(spec, DefaultZone); err != nil {
			t.Errorf("%q refused: %v", spec, err)
		}
	}
}
