package roster

import (
	"fmt"
	"testing"
	"time"

	"disburse/internal/domain"
)

func TestMonthsNamed(t *testing.T) {
	jan := domain.Month{Year: 2027, Month: time.January}
	for _, c := range []struct {
		name string
		near domain.Month
		want string // "" when no month is named
	}{
		{"2026年10月_东街街道_老年人补贴花名册.xlsx", nov, "2026-10"},
		{"东街 2026 年 9 月.xlsx", nov, "2026-09"},
		{"东街_2026-11.xlsx", nov, "2026-11"},
		{"东街2026.12花名册.xlsx", nov, "2026-12"},
		{"东街_2026_12345.xlsx", nov, ""},
		{"东街_2026-13.xlsx", nov, ""},
		{"东街街道花名册.xlsx", nov, ""},
		{"10月", nov, "2026-10"},
		{"11月份", nov, "2026-11"},
		{"十月", nov, "2026-10"},
		{"十一月花名册", nov, "2026-11"},
		{"12月", jan, "2026-12"},
		{"1月", nov, "2027-01"},
		{"停发人员", nov, ""},
		{"Sheet1", nov, ""},
		{"13月", nov, ""},
	} {
		got := ""
		if months := MonthsNamed(c.name, c.near); len(months) > 0 {
			got = months[0].String()
		}
		if got != c.want {
			t.Errorf("%s (near %s): %q, want %q", c.name, c.near, got, c.want)
		}
	}
}

func TestMonthsNamedRange(t *testing.T) {
	for name, want := range map[string]string{
		"2026年10月至11月补报": "[2026-10 2026-11]",
		"2026年10-11月":    "[2026-11]",
		"10月、11月":        "[2026-10 2026-11]",
		"Sheet1":         "[]",
	} {
		if got := fmt.Sprint(MonthsNamed(name, nov)); got != want {
			t.Errorf("MonthsNamed(%q) = %s, want %s", name, got, want)
		}
	}
}
