package roster

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"disburse/internal/domain"
)

// yearMonth finds "2026年10月", "2026年十二月" or "2026-10" (also with "."
// or "_") in a name.
var yearMonth = regexp.MustCompile(`(20\d\d)\s*(?:年\s*(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月|[-._](\d{1,2})(?:\D|$))`)

// bareMonth finds a month written without its year: "10月", "10月份",
// "十月", "十一月". The character before it is no digit, 年 or numeral:
// the 二月 of 十二月 is no month of its own. Nor is it 上, 下, 前, 后, 同,
// 每 or 第: 前一月 and 上一月 are the month before (relativeSheet), 前10月
// the first ten months, 同一月 the same month, none of them January or
// October.
var bareMonth = regexp.MustCompile(`(?:^|[^\d年一二三四五六七八九十上下前后同每第])(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月`)

// smallNumber reads a month or a day of the month written in digits (10)
// or in Chinese numerals as months and days are written: 一 to 九, 十, 十一
// to 十九, 二十, 二十一 and so on (十二 is a month, 三十一 a day), 0 when it is
// neither. The caller checks the range. 一十, a 〇 or 零 (一〇, 〇三), and 廿
// and 卅 (the lunar calendar's: see parseDate) are not read.
func smallNumber(s string) int {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	tens, units, ten := strings.Cut(s, "十")
	if !ten {
		return nonZeroDigit(s)
	}
	t, u := 1, 0
	if tens != "" {
		if t = nonZeroDigit(tens); t < 2 {
			return 0
		}
	}
	if units != "" {
		if u = nonZeroDigit(units); u == 0 {
			return 0
		}
	}
	return 10*t + u
}

// nonZeroDigit is the value of s when it is one Chinese numeral 一 to 九,
// else 0.
func nonZeroDigit(s string) int {
	r := []rune(s)
	if len(r) != 1 {
		return 0
	}
	return chineseDigits[r[0]]
}

// chineseDigits are the Chinese numerals for the digits 0 to 9: 〇 (also
// typed as the circle ○, or written 零) and 一 to 九. A year is written
// with them digit by digit (二〇二六).
var chineseDigits = map[rune]int{'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// compactYearMonth is a run of six digits 2026 then 01-12: "202610".
var compactYearMonth = regexp.MustCompile(`^20\d\d(0[1-9]|1[0-2])$`)

// digitRun and letterRun find runs of ASCII digits and letters.
var (
	digitRun  = regexp.MustCompile(`\d+`)
	letterRun = regexp.MustCompile(`[A-Za-z]+`)
)

// yearBefore and yearAfter find a year written next to an English month:
// "2025 Oct", "Oct-2025", "Oct.2025".
var (
	yearBefore = regexp.MustCompile(`(?:^|\D)(20\d\d)[\s\-_./]*$`)
	yearAfter  = regexp.MustCompile(`^\.?[\s\-_./,]*(20\d\d)(?:\D|$)`)
)

// englishMonths are the English names of the months and their usual
// abbreviations, lower case.
var englishMonths = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
	"oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// lowerAbbreviation reports an English month's abbreviation written in
// lower case (sep, may, mar, dec): without a year beside it, it is more
// often a word of a file name (东街_sep_ok, a separate copy) than a month,
// which staff write capitalised (Sep, SEP) or in full.
func lowerAbbreviation(word string) bool {
	return (len(word) == 3 || word == "sept") && word == strings.ToLower(word)
}

// MonthsNamed returns every month a file or sheet name names: "2026年10月",
// "2026-10", "2026.10" and "202610" first, then those without a year,
// "10月", "十月", and English ones, "Oct", "October" (with a year beside
// them, "Oct 2025", that year; an abbreviation in lower case, "sep", only
// with a year beside it), a month without a year being taken in the
// year that puts it within six months of near (the month being paid, so
// "12月" read in January 2027 is December 2026). A range such as
// 2026年10月至11月 names both. A month number outside 1-12 is not a month,
// and a bare number (10, 2026) never is: see sheetMonths for sheets named
// 10 and 11.
func MonthsNamed(name string, near domain.Month) []domain.Month {
	var out []domain.Month
	for _, g := range yearMonth.FindAllStringSubmatch(name, -1) {
		y, _ := strconv.Atoi(g[1])
		if mm := smallNumber(g[2] + g[3]); mm >= 1 && mm <= 12 { // one of the two is empty
			out = append(out, domain.Month{Year: y, Month: time.Month(mm)})
		}
	}
	rest := yearMonth.ReplaceAllString(name, "|")
	rest = digitRun.ReplaceAllStringFunc(rest, func(d string) string {
		if g := compactYearMonth.FindStringSubmatch(d); g != nil {
			y, _ := strconv.Atoi(d[:4])
			mm, _ := strconv.Atoi(g[1])
			out = append(out, domain.Month{Year: y, Month: time.Month(mm)})
			return "|"
		}
		return d
	})
	for _, g := range bareMonth.FindAllStringSubmatch(rest, -1) {
		mm := smallNumber(g[1])
		if mm < 1 || mm > 12 {
			continue
		}
		out = append(out, nearMonth(time.Month(mm), near))
	}
	for _, at := range letterRun.FindAllStringIndex(rest, -1) {
		word := rest[at[0]:at[1]]
		mm, ok := englishMonths[strings.ToLower(word)]
		if !ok {
			continue
		}
		m := nearMonth(mm, near)
		year := ""
		if g := yearBefore.FindStringSubmatch(rest[:at[0]]); g != nil {
			year = g[1]
		} else if g := yearAfter.FindStringSubmatch(rest[at[1]:]); g != nil {
			year = g[1]
		}
		if year == "" && lowerAbbreviation(word) {
			continue // 东街_sep_ok.xlsx: a word, not September
		}
		if year != "" {
			m.Year, _ = strconv.Atoi(year)
		}
		out = append(out, m)
	}
	return out
}

// nearMonth is month mm in the year that puts it within six months of
// near.
func nearMonth(mm time.Month, near domain.Month) domain.Month {
	m := domain.Month{Year: near.Year, Month: mm}
	switch d := int(m.Month) - int(near.Month); {
	case d > 6:
		m.Year--
	case d < -6:
		m.Year++
	}
	return m
}

// relativeSheet is a sheet named for a month by where it stands to the
// month paid: 上月, 前一月, 本月 (with 份, 花名册, 名册, 名单 or 数据 after
// it).
var relativeSheet = regexp.MustCompile(`^(上月|上个月|上一月|上一个月|前月|前一月|前一个月|本月|当月|这个月)份?(?:花名册|名册|名单|数据|表)?$`)

// bareNumberSheet is a sheet named by a number alone: 10, 11, 01.
var bareNumberSheet = regexp.MustCompile(`^\d{1,2}$`)

// monthNumbered reports whether the roster sheets of a workbook that are
// named by a number alone name months: each is 1 to 12 and one of them is
// the month paid (sheets 10 and 11 in a November roster). A number alone
// is otherwise no month (a sheet 1, 2, 3 per community; beside a year 2026
// or a number 15, 11 may be anything).
func monthNumbered(sheets []string, m domain.Month) bool {
	current := false
	for _, s := range sheets {
		s = normalizeHeader(s)
		if !allDigits(s) || len(MonthsNamed(s, m)) > 0 { // 202610 names its month
			continue
		}
		n, _ := strconv.Atoi(s)
		if len(s) > 2 || n < 1 || n > 12 {
			return false
		}
		current = current || time.Month(n) == m.Month
	}
	return current
}

// sheetMonths returns the months a sheet's name names for a workbook
// paying m: those of MonthsNamed, or by a name that says where it stands to
// m (上月 and 前一月 are the month before m, 本月 and 当月 are m), or, when numbered
// (monthNumbered), by a number alone (10 in a November roster is October).
func sheetMonths(name string, m domain.Month, numbered bool) []domain.Month {
	if months := MonthsNamed(name, m); len(months) > 0 {
		return months
	}
	n := normalizeHeader(name)
	if g := relativeSheet.FindStringSubmatch(n); g != nil {
		if strings.HasPrefix(g[1], "上") || strings.HasPrefix(g[1], "前") {
			return []domain.Month{m.Prev()}
		}
		return []domain.Month{m}
	}
	if numbered && bareNumberSheet.MatchString(n) {
		mm, _ := strconv.Atoi(n)
		return []domain.Month{nearMonth(time.Month(mm), m)}
	}
	return nil
}
