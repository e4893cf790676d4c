package roster

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"disburse/internal/domain"
)

// yearMonth finds "2026年10月" or "2026-10" (also with "." or "_") in a name.
var yearMonth = regexp.MustCompile(`(20\d\d)\s*(?:年\s*(\d{1,2})\s*月|[-._](\d{1,2})(?:\D|$))`)

// bareMonth finds a month written without its year: "10月", "10月份",
// "十月", "十一月".
var bareMonth = regexp.MustCompile(`(?:^|[^\d年])(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月`)

var chineseMonths = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}

// MonthsNamed returns every month a file or sheet name names: "2026年10月",
// "2026-10", "2026.10" first, then those without a year, "10月", "十月",
// taken in the year that puts them within six months of near (the month
// being paid, so "12月" read in January 2027 is December 2026). A range
// such as 2026年10月至11月 names both. A month number outside 1-12 is not a
// month.
func MonthsNamed(name string, near domain.Month) []domain.Month {
	var out []domain.Month
	for _, g := range yearMonth.FindAllStringSubmatch(name, -1) {
		y, _ := strconv.Atoi(g[1])
		if mm, _ := strconv.Atoi(g[2] + g[3]); mm >= 1 && mm <= 12 { // one of the two is empty
			out = append(out, domain.Month{Year: y, Month: time.Month(mm)})
		}
	}
	rest := yearMonth.ReplaceAllString(name, "|")
	for _, g := range bareMonth.FindAllStringSubmatch(rest, -1) {
		mm, err := strconv.Atoi(g[1])
		if err != nil {
			mm = chineseMonths[strings.TrimSpace(g[1])]
		}
		if mm < 1 || mm > 12 {
			continue
		}
		m := domain.Month{Year: near.Year, Month: time.Month(mm)}
		switch d := int(m.Month) - int(near.Month); {
		case d > 6:
			m.Year--
		case d < -6:
			m.Year++
		}
		out = append(out, m)
	}
	return out
}
