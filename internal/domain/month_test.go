package domain

import (
	"testing"
	"time"
)

// A rate in force from a day pays from the first month whose first day it
// covers: the same month from the 1st, the next from any later day.
func TestMonthFrom(t *testing.T) {
	for day, want := range map[string]string{"2026-10-01": "2026-10", "2026-10-02": "2026-11", "2026-10-15": "2026-11", "2026-12-31": "2027-01"} {
		d, err := time.Parse("2006-01-02", day)
		if err != nil {
			t.Fatal(err)
		}
		if got := MonthFrom(d).String(); got != want {
			t.Errorf("MonthFrom(%s) = %s, want %s", day, got, want)
		}
	}
}
