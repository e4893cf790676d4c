package roster

import (
	"fmt"
	"strings"
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
		// Chinese numerals after a year: 十二月 is December, not 二月 of
		// the next year (an operator's December rosters, A1)
		"2026年十二月_东街街道_老年人补贴花名册": "[2026-12]",
		"2026年十月_东街街道":           "[2026-10]",
		"2026 年 十一 月":            "[2026-11]",
		"十二月花名册":                 "[2026-12]",
	} {
		if got := fmt.Sprint(MonthsNamed(name, nov)); got != want {
			t.Errorf("MonthsNamed(%q) = %s, want %s", name, got, want)
		}
	}
}

// Months written as 202610 or in English are months; a bare number, a year
// alone, a date of eight digits and English words that are not months are
// not.
func TestMonthsNamedCompactAndEnglish(t *testing.T) {
	jan := domain.Month{Year: 2027, Month: time.January}
	for _, c := range []struct {
		name string
		near domain.Month
		want string
	}{
		{"202610", nov, "[2026-10]"},
		{"东街202611花名册.xlsx", nov, "[2026-11]"},
		{"202612", jan, "[2026-12]"},
		{"202613", nov, "[]"},
		{"20261105", nov, "[]"},
		{"2026", nov, "[]"},
		{"10", nov, "[]"},
		{"Oct", nov, "[2026-10]"},
		{"NOV", nov, "[2026-11]"},
		{"October", nov, "[2026-10]"},
		{"Dec", jan, "[2026-12]"},
		{"Oct 2025", nov, "[2025-10]"},
		{"2025-Nov", nov, "[2025-11]"},
		{"Oct/Nov", nov, "[2026-10 2026-11]"},
		{"东街_sep_ok.xlsx", nov, "[]"}, // a word in lower case: no month without a year
		{"东街_may_copy.xlsx", nov, "[]"},
		{"东街_sep_2026.xlsx", nov, "[2026-09]"},
		{"东街_Sep.xlsx", nov, "[2026-09]"},
		{"october", nov, "[2026-10]"},
		{"june", nov, "[2026-06]"},
		{"Sheet1", nov, "[]"},
		{"Summary", nov, "[]"},
		{"东街", nov, "[]"},
		{"上月", nov, "[]"},  // a sheet's word: sheetMonths
		{"前一月", nov, "[]"}, // not January
		{"上一月花名册", nov, "[]"},
		{"前10月累计", nov, "[]"}, // the first ten months
		{"下一月", nov, "[]"},
	} {
		if got := fmt.Sprint(MonthsNamed(c.name, c.near)); got != c.want {
			t.Errorf("MonthsNamed(%q, %s) = %s, want %s", c.name, c.near, got, c.want)
		}
	}
}

// A sheet named 上月 or 本月 names a month by where it stands to the month
// paid; a sheet named by a number alone names a month only in a workbook
// whose number-named sheets are all 1-12 and include the month paid.
func TestSheetMonths(t *testing.T) {
	jan := domain.Month{Year: 2027, Month: time.January}
	for _, c := range []struct {
		sheets []string
		near   domain.Month
		want   string // each sheet's months
	}{
		{[]string{"上月", "本月"}, nov, "[2026-10] [2026-11]"},
		{[]string{"上月花名册", "当月"}, jan, "[2026-12] [2027-01]"},
		{[]string{"上月补报", "本月新增人员"}, nov, "[] []"},
		{[]string{"前一月", "上一个月名单"}, nov, "[2026-10] [2026-10]"},
		{[]string{"前月", "上一月"}, jan, "[2026-12] [2026-12]"},
		{[]string{"10", "11"}, nov, "[2026-10] [2026-11]"},
		{[]string{"12", "1"}, jan, "[2026-12] [2027-01]"},
		{[]string{"10", "Sheet1"}, nov, "[] []"},   // no sheet 11: 10 may be a community's number
		{[]string{"1", "2", "3"}, nov, "[] [] []"}, // communities numbered
		{[]string{"2026", "11"}, nov, "[] []"},     // a number that is no month: none are
		{[]string{"10", "11", "东街"}, nov, "[2026-10] [2026-11] []"},
	} {
		numbered := monthNumbered(c.sheets, c.near)
		var got []string
		for _, s := range c.sheets {
			got = append(got, fmt.Sprint(sheetMonths(s, c.near, numbered)))
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%v (near %s): %s, want %s", c.sheets, c.near, strings.Join(got, " "), c.want)
		}
	}
}

// smallNumber reads the months and days of the month as they are written
// in Chinese numerals, and nothing written otherwise.
func TestSmallNumber(t *testing.T) {
	for in, want := range map[string]int{
		"一": 1, "九": 9, "十": 10, "十一": 11, "十二": 12, "十五": 15, "十九": 19,
		"二十": 20, "二十一": 21, "二十九": 29, "三十": 30, "三十一": 31,
		"3": 3, "03": 3, "12": 12, " 十 ": 10,
		"": 0, "〇": 0, "零": 0, "一〇": 0, "〇三": 0, "一十": 0, "十十": 0, "二十〇": 0,
		"十二十": 0, "廿": 0, "廿一": 0, "卅": 0, "初三": 0, "正": 0, "腊": 0, "两": 0, "壹": 0,
	} {
		if got := smallNumber(in); got != want {
			t.Errorf("smallNumber(%q) = %d, want %d", in, got, want)
		}
	}
}
