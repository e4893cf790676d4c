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

// MonthNamed returns the month a file or sheet name says it is for:
// "2026年10月", "2026-10", "2026.10", or, without a year, "10月", "十月",
// taken in the year that puts it within six months of near (the month being
// paid, so "12月" read in January 2027 is December 2026). ok is false when
// the name names no month, or a month number outside 1-12.
func MonthNamed(name string, near domain.Month) (m domain.Month, ok bool) {
	if g := yearMonth.FindStringSubmatch(name); g != nil {
		y, _ := strconv.Atoi(g[1])
		mm, _ := strconv.Atoi(g[2] + g[3]) // one of the two is empty
		if mm < 1 || mm > 12 {
			return domain.Month{}, false
		}
		return domain.Month{Year: y, Month: time.Month(mm)}, true
	}
	g := bareMonth.FindStringSubmatch(name)
	if g == nil {
		return domain.Month{}, false
	}
	mm, err := strconv.Atoi(g[1])
	if err != nil {
		mm = chineseMonths[strings.TrimSpace(g[1])]
	}
	if mm < 1 || mm > 12 {
		return domain.Month{}, false
	}
	m = domain.Month{Year: near.Year, Month: time.Month(mm)}
	switch d := int(m.Month) - int(near.Month); {
	case d > 6:
		m.Year--
	case d < -6:
		m.Year++
	}
	return m, true
}
