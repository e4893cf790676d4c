// Package schedule decides when the daemon pays a month: the cron
// expression and time zone of the configuration, the payout month of a tick
// (always computed in the configured zone, never the host's), and which
// month is due when the daemon starts or wakes up after missing ticks.
//
// robfig/cron/v3 parses the expression and computes the next times; it also
// drives the daemon's ticks. It does not replay ticks missed while the
// process was down, so Due is asked at start-up and at every tick.
package schedule

import (
	"fmt"
	"time"
	_ "time/tzdata" // Asia/Shanghai must work on a host without zoneinfo

	"github.com/robfig/cron/v3"

	"disburse/internal/domain"
)

// DefaultSpec is the default schedule: 02:00 on the 1st of each month.
const DefaultSpec = "0 2 1 * *"

// DefaultZone is the default time zone of the schedule and of payout months.
const DefaultZone = "Asia/Shanghai"

// Schedule is a parsed cron expression in a time zone.
type Schedule struct {
	Spec     string
	Location *time.Location
	cron     cron.Schedule
}

// Parse reads a standard 5-field cron expression (minute hour day month
// weekday, as robfig/cron's standard parser) in the IANA zone (e.g.
// "Asia/Shanghai"; the zone database is embedded in the binary). It returns
// an error naming the bad part, and one for a schedule that skips a month
// (the 31st, February the 29th, one month only): a month without a tick is
// never paid.
func Parse(spec, zone string) (*Schedule, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", zone, err)
	}
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %w (want 5 fields: minute hour day-of-month month day-of-week, e.g. %q)", spec, err, DefaultSpec)
	}
	sch := &Schedule{Spec: spec, Location: loc, cron: s}
	if m, ok := sch.monthSkipped(); ok {
		return nil, fmt.Errorf("schedule %q 不是每个月都运行（例如 %s 没有运行时间），那个月份就永远不会发放：请改用每月都有的日子，如 %q（does not run every month）", spec, m, DefaultSpec)
	}
	return sch, nil
}

// monthSkipped returns the first month of the four years from 2028 (a
// leap year) in which the schedule never fires, and true; a tick pays the
// month it falls in, so such a month (a 31st in November, a 29 February)
// would never be paid.
func (s *Schedule) monthSkipped() (domain.Month, bool) {
	start := time.Date(2028, time.January, 1, 0, 0, 0, 0, s.Location)
	for m := start; m.Year() < 2032; m = m.AddDate(0, 1, 0) {
		if next := s.cron.Next(m.Add(-time.Nanosecond)); next.IsZero() || !next.Before(m.AddDate(0, 1, 0)) {
			return domain.MonthOf(m), true
		}
	}
	return domain.Month{}, false
}

// Next returns the first scheduled time after t, in the schedule's zone.
func (s *Schedule) Next(t time.Time) time.Time { return s.cron.Next(t.In(s.Location)) }

// Prev returns the last scheduled time at or before t, and false when there
// was none in the year before t.
func (s *Schedule) Prev(t time.Time) (time.Time, bool) {
	t = t.In(s.Location)
	for _, back := range []time.Duration{time.Hour, 24 * time.Hour, 32 * 24 * time.Hour, 367 * 24 * time.Hour} {
		var last time.Time
		for n := s.cron.Next(t.Add(-back)); !n.IsZero() && !n.After(t); n = s.cron.Next(n) {
			last = n
		}
		if !last.IsZero() {
			return last, true
		}
	}
	return time.Time{}, false
}

// PayoutMonth is the month a tick at t pays: the calendar month of t in the
// schedule's zone (23:30 UTC on 30 November is already 1 December in
// Shanghai).
func (s *Schedule) PayoutMonth(t time.Time) domain.Month {
	return domain.MonthOf(t.In(s.Location))
}

// Due returns the month to pay at now: the month of the last scheduled time
// at or before now, when recorded says it has no run. It returns false when
// that month is recorded or no tick has passed.
func (s *Schedule) Due(now time.Time, recorded func(domain.Month) (bool, error)) (domain.Month, bool, error) {
	last, ok := s.Prev(now)
	if !ok {
		return domain.Month{}, false, nil
	}
	m := s.PayoutMonth(last)
	done, err := recorded(m)
	if err != nil || done {
		return m, false, err
	}
	return m, true, nil
}
