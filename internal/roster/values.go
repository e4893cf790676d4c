package roster

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// invisible are characters that show nothing but make two texts differ
// (zero-width space and joiners, word joiner, byte-order mark, soft hyphen).
const invisible = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

// clean removes invisible characters anywhere in a cell, trims ASCII and
// full-width spaces and line breaks from both ends and turns full-width
// digits and ASCII punctuation into their half-width forms.
func clean(s string) string {
	if strings.ContainsAny(s, invisible) {
		s = strings.Map(func(r rune) rune {
			if strings.ContainsRune(invisible, r) {
				return -1
			}
			return r
		}, s)
	}
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u3000'
	})
	if !hasFullWidth(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r >= '！' && r <= '～' && !(r == '（' || r == '）') {
			r = r - '！' + '!'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func hasFullWidth(s string) bool {
	for _, r := range s {
		if r >= '！' && r <= '～' {
			return true
		}
	}
	return false
}

// nameDots are the dots typed between the parts of a minority name
// (阿依古丽•买买提): bullet, katakana middle dot, full-width full stop and
// hyphenation point. cleanName writes each as ·.
const nameDots = "•・．‧"

// cleanName writes a 姓名 (or trainee, elder or list name) as the resident
// ID card has it, which is the account holder's name the bank pays to:
// whitespace typed inside it ("彭 华国", full-width spaces, line breaks) is
// removed, except that whitespace between two Latin letters becomes one
// space (John Smith); the dots typed between the parts of a minority name
// (• ・ ． ‧, and . between 汉字) become the middle dot · that GB 11643 and
// the 公安部 naming rules use. Between Latin letters . and - stay as typed
// (Mary-Jane). It judges nothing: plainName says whether the result is a
// name.
func cleanName(s string) string {
	in := []rune(s)
	out := make([]rune, 0, len(in))
	for i := 0; i < len(in); i++ {
		if !isNameSpace(in[i]) {
			out = append(out, in[i])
			continue
		}
		j := i
		for j < len(in) && isNameSpace(in[j]) {
			j++
		}
		if j < len(in) && isLatinLetter(in[j]) && isLatinLetter(lastBase(out)) {
			out = append(out, ' ')
		}
		i = j - 1
	}
	for i, r := range out {
		if strings.ContainsRune(nameDots, r) ||
			r == '.' && i > 0 && i < len(out)-1 && isHanLetter(out[i-1]) && isHanLetter(out[i+1]) {
			out[i] = '·'
		}
	}
	return string(out)
}

func isNameSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' }

func isLatinLetter(r rune) bool { return unicode.IsLetter(r) && unicode.Is(unicode.Latin, r) }

// isHanLetter reports a 汉字 of a name: a Han letter, 〇 (a number letter in
// Unicode, but a character of names), or a rare character in the private
// use area. Radicals (⼈, U+2F08) are Han but not letters, and not names.
func isHanLetter(r rune) bool {
	return unicode.IsLetter(r) && unicode.Is(unicode.Han, r) || r == '〇' || unicode.Is(unicode.Co, r)
}

// lastBase is the last rune of rs that is not a combining mark (the e of a
// José typed with a separate accent), or 0.
func lastBase(rs []rune) rune {
	for i := len(rs) - 1; i >= 0; i-- {
		if !unicode.Is(unicode.Mn, rs[i]) {
			return rs[i]
		}
	}
	return 0
}

// isEmptyValue reports the values that mean "no" in a status column:
// empty, 否, 无, or / or a dash, which forms use for "none" (a 残疾等级 of
// / held the senior's whole month), single or doubled as typed (——, and
// -- typed without the Chinese input method).
func isEmptyValue(v string) bool {
	switch v {
	case "", "否", "无", "/", "／", "-", "－", "—", "——", "--", "－－":
		return true
	}
	return false
}

// compact removes the whitespace typed inside a coded value (城市 低保,
// 二级　残疾, a no-break space pasted from a web page): none of the words
// of a status column has a space in it, so a space can only split a word
// of the list, never tell two of them apart.
func compact(v string) string {
	if !strings.ContainsFunc(v, isNameSpace) {
		return v
	}
	return strings.Map(func(r rune) rune {
		if isNameSpace(r) {
			return -1
		}
		return r
	}, v)
}

// parseDibao reads a 低保类别. A 户 after a kind (低保户, 农村低保户,
// 低保边缘户) is the household the status is granted to, and 城镇低保 is
// 城市低保 under its other name: both are the kind they name.
func parseDibao(v string) (domain.Dibao, bool) {
	v = compact(v)
	if strings.HasSuffix(v, "低保户") || v == "低保边缘户" {
		v = strings.TrimSuffix(v, "户")
	}
	switch {
	case isEmptyValue(v):
		return domain.DibaoNone, true
	case v == "城市低保" || v == "城镇低保":
		return domain.DibaoUrban, true
	case v == "农村低保":
		return domain.DibaoRural, true
	case v == "低保" || v == "是":
		return domain.DibaoUnspecified, true
	case v == "低保边缘":
		return domain.DibaoMarginal, true
	}
	return 0, false
}

// parseTekun reads a 特困类别. 五保 (五保户, 农村五保, 五保供养) is the old
// name of 农村特困: 农村五保供养 became 特困人员供养 in 2014 (社会救助暂行
// 办法), and 五保 was never urban, so 城市五保 stays unknown; a 备注 saying
// 五保 is read as 特困 too (status_in_remark).
func parseTekun(v string) (domain.Tekun, bool) {
	v = compact(v)
	for _, old := range []string{"农村五保", "五保"} {
		if rest, ok := strings.CutPrefix(v, old); ok {
			v = "农村特困" + rest
			break
		}
	}
	v = supportMode(v)
	switch {
	case isEmptyValue(v):
		return domain.TekunNone, true
	case v == "城市特困":
		return domain.TekunUrban, true
	case v == "农村特困":
		return domain.TekunRural, true
	case v == "特困" || v == "是":
		return domain.TekunUnspecified, true
	}
	return 0, false
}

// supportModes are what a 特困类别 may say after the kind of 特困: the
// way the person is supported (分散供养 at home, 集中供养 in an institution,
// or 供养 alone: 农村特困供养), or 人员 or 户. No benefit of the list depends
// on it (item 30's 农村特困 is either), so 农村特困分散供养 is 农村特困.
var supportModes = []string{"分散供养人员", "集中供养人员", "分散供养", "集中供养", "供养人员", "供养", "人员", "分散", "集中", "户"}

// supportMode returns a 特困类别 without the support mode written after
// the kind (农村特困（分散供养） and 特困人员（集中供养） give 农村特困 and
// 特困); anything else is as given.
func supportMode(v string) string {
	for _, kind := range []string{"城市特困", "农村特困", "特困"} {
		rest, ok := strings.CutPrefix(v, kind)
		if !ok {
			continue
		}
		rest = strings.Trim(rest, "()（）")
		if slices.Contains(supportModes, rest) {
			return kind
		}
		// 特困人员（分散供养）: the person, then how supported.
		if mode, ok := strings.CutPrefix(rest, "人员"); ok && slices.Contains(supportModes, strings.Trim(mode, "()（）")) {
			return kind
		}
		break
	}
	return v
}

func parseYesNo(v string) (bool, bool) {
	v = compact(v)
	switch {
	case isEmptyValue(v):
		return false, true
	case v == "是":
		return true, true
	}
	return false, false
}

func parseSelfCare(v string) (domain.SelfCare, bool) {
	switch compact(v) {
	case "":
		return domain.SelfCareUnknown, true
	case "自理":
		return domain.SelfCareAble, true
	case "半自理":
		return domain.SelfCareSemi, true
	case "不能自理":
		return domain.SelfCareUnable, true
	}
	return 0, false
}

// parseGrade reads a 残疾等级: 一级..四级, 一..四, 1..4, or the same in
// the capital numerals of financial writing (壹级..肆级), optionally
// followed by 残疾 (二级残疾), as 残疾类别 may be; 无 or 否 is none, as in
// the other status columns. Anything else (五级, 重度, 0) is refused, never
// guessed.
func parseGrade(v string) (int, bool) {
	v = compact(v)
	if isEmptyValue(v) {
		return 0, true
	}
	v = strings.TrimSuffix(strings.TrimSuffix(v, "残疾"), "级")
	switch v {
	case "一", "壹", "1":
		return 1, true
	case "二", "贰", "2":
		return 2, true
	case "三", "叁", "3":
		return 3, true
	case "四", "肆", "4":
		return 4, true
	}
	return 0, false
}

// parseCategory reads a 残疾类别: one of domain.DisabilityCategories,
// optionally followed by 残疾; 无 or 否 is none.
func parseCategory(v string) (string, bool) {
	v = compact(v)
	if isEmptyValue(v) {
		return "", true
	}
	v = strings.TrimSuffix(v, "残疾")
	for _, c := range domain.DisabilityCategories {
		if v == c {
			return c, true
		}
	}
	return "", false
}

// looksNumeric reports a cell value that Excel stored as a number in
// scientific or decimal notation ("1.40502195711201E+17"), which loses the
// last digits of an ID or account number. A point first or last
// (140581194412094635.) is no number's text, which Excel never writes so:
// it is a stray character typed into a text cell.
func looksNumeric(raw string) bool {
	if !strings.ContainsAny(raw, "eE.") || strings.HasPrefix(raw, ".") || strings.HasSuffix(raw, ".") {
		return false
	}
	_, err := strconv.ParseFloat(raw, 64)
	return err == nil
}

var (
	reSerial  = regexp.MustCompile(`^\d{1,5}(\.\d+)?$`)
	reCompact = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reSep     = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$`)
	reChinese = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$`)
	reTwoYear = regexp.MustCompile(`^(\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$`)
	// reHanDate is a date with Chinese numerals in it, wholly or in part:
	// 二〇二六年十月三日, 二○二六年十月三十一日, 2026年十月3日. smallNumber
	// and hanYear say whether each part is a number.
	reHanDate = regexp.MustCompile(`^([0-9〇○零一二三四五六七八九]+)年(\d{1,2}|[一二三四五六七八九十]+)月(\d{1,2}|[一二三四五六七八九十]+)([日号]?)$`)
	// reYearMonth is a year and a month without a day (2026年10月,
	// 2026-10, 二〇二六年十月份): not a date, and told so.
	reYearMonth = regexp.MustCompile(`^[0-9〇○零一二三四五六七八九]{4}\s*(?:年|[-/])\s*(?:\d{1,2}|[一二三四五六七八九十]+)\s*月?份?$`)
	// reNoYear is a month and a day without the year (11月3日, 十月三日):
	// not a date to guess, and told so.
	reNoYear = regexp.MustCompile(`^(?:\d{1,2}|[一二三四五六七八九十]+)\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]+)\s*[日号]?$`)
	// reLunar finds what a date of the lunar calendar is written with: its
	// name, 廿 and 卅 (20 and 30), 初一 to 初十, and its month names.
	reLunar = regexp.MustCompile(`农历|阴历|旧历|廿|卅|初[一二三四五六七八九十]|正月|冬月|腊月`)
)

// Examples of a date in the messages of a date column, each fitting its
// column: a birth date for 出生日期, a date of these years for 死亡日期,
// 结业日期 and a death list's 死亡日期.
const (
	exampleBirth = "1946-03-05"
	exampleDate  = "2026-10-15"
)

// maxAgeTyped is the largest whole number parseDate takes for an age
// typed into a date cell rather than an Excel date serial.
const maxAgeTyped = 150

// parseDate reads a date cell: an Excel date serial (a real date cell read
// raw, in the 1900 or 1904 date system), or text written 1946-03-05,
// 1946/3/5, 1946.03.05, 19460305 or 1946年3月5日 (or 5号), also in Chinese
// numerals, wholly or in part: 二〇二六年十月三日 (the year digit by digit,
// with 〇, ○ or 零), 2026年十月3日. A two-digit year is refused, never
// guessed, and so is what may be a date of the lunar calendar (农历): 廿,
// 卅, 初三, 腊月, or a day in Chinese numerals without 日 or 号
// (二〇二六年九月十五), the way lunar dates are written; read as a date of
// the calendar the month is paid by, it could be a month off. A whole
// number up to maxAgeTyped (96) is refused as a number, perhaps an age: a
// tester's was told it differed from the ID as the date 1900-04-05. It returns
// the date at 00:00 UTC, or an error in Chinese saying what is wrong and
// what to write, with example, a date that fits the column
// (exampleBirth for a 出生日期, exampleDate for a 死亡日期): a 死亡日期
// asked for as 1946-03-05 reads as a birth date.
func parseDate(raw string, date1904 bool, example string) (time.Time, error) {
	v := clean(raw)
	if reSerial.MatchString(v) {
		days, _ := strconv.ParseFloat(v, 64) // a day count, not money
		if days >= 1 && days <= maxAgeTyped && days == float64(int(days)) {
			// As a day count this is a date early in 1900 (96 is
			// 1900-04-05), which no senior was born or died on: a number
			// typed into a date cell, an age most likely.
			return time.Time{}, fmt.Errorf("「%s」是一个数字，不是日期（也许是年龄？），请写成年月日，如 %s", v, example)
		}
		if days >= 1900 && days < 2101 {
			// As a day count this is a date in 1905; as typed it is a year,
			// or a year and month (2026.10): a date without its day.
			return time.Time{}, fmt.Errorf("「%s」像是年份或年月，不是完整日期，请写成年月日，如 %s", v, example)
		}
		t, err := excelize.ExcelDateToTime(days, date1904)
		if err != nil || days < 1 {
			return time.Time{}, fmt.Errorf("数值「%s」不是有效日期，请写成年月日，如 %s", v, example)
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	var m []string
	for _, re := range []*regexp.Regexp{reCompact, reSep, reChinese} {
		if m = re.FindStringSubmatch(v); m != nil {
			break
		}
	}
	if m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return dayOf(v, y, mo, d, example)
	}
	unknown := fmt.Errorf("「%s」无法识别，请写成 %s 或设置为日期格式", v, example)
	twoDigitYear := fmt.Errorf("「%s」只有两位年份，无法确定世纪，请写四位年份，如 %s", v, example)
	if reYearMonth.MatchString(v) {
		return time.Time{}, fmt.Errorf("「%s」只有年月，不是完整日期，请写成年月日，如 %s；如不知道是哪一天，请核实后再填", v, example)
	}
	if reLunar.MatchString(v) {
		return time.Time{}, fmt.Errorf("「%s」像是农历日期，请换算成公历后写成年月日，如 %s", v, example)
	}
	if reNoYear.MatchString(v) {
		return time.Time{}, fmt.Errorf("「%s」没有年份，请写成年月日，如 %s", v, example)
	}
	if reTwoYear.MatchString(v) {
		return time.Time{}, twoDigitYear
	}
	h := reHanDate.FindStringSubmatch(v)
	if h == nil {
		return time.Time{}, unknown
	}
	y, digits := hanYear(h[1])
	mo, d := smallNumber(h[2]), smallNumber(h[3])
	switch {
	case digits == 2:
		return time.Time{}, twoDigitYear
	case digits != 4 || mo == 0 || d == 0:
		return time.Time{}, unknown
	case h[4] == "" && !allDigits(h[3]):
		return time.Time{}, fmt.Errorf("「%s」用汉字写日而没有“日”字，像是农历日期；请写公历日期，如 %s", v, example)
	}
	return dayOf(v, y, mo, d, example)
}

// reBirthMonth is a year and month without a day, as a 出生年月 column
// gives them: 1946年3月, 1946-03, 1946/3, 1946.03, 一九四六年三月份.
var reBirthMonth = regexp.MustCompile(`^([0-9〇○零一二三四五六七八九]{4})\s*(年|[-/.])\s*(\d{1,2}|[一二三四五六七八九十]+)\s*月?份?$`)

// birthGiven is what a 出生日期 cell gives: a whole date (day), or only
// the year and the month, as a 出生年月 column gives them. months lists
// the month, or the two a number such as 1946.1 may be: a spreadsheet keeps
// 1946.10 typed as a number as 1946.1.
type birthGiven struct {
	day    time.Time // zero when the cell gives only the year and month
	year   int
	months []int
	// firstOfMonth is a date cell (a serial number) on the 1st of a month:
	// what Excel and WPS store for 1946年9月, 1946-09 or 1946/9 typed into a
	// cell, shown without the day. It stands for the year and month.
	firstOfMonth bool
}

// agrees reports whether the birth date d (from the ID, GB 11643-1999
// digits 7 to 14) is what b gives: the same day, or the same year and one
// of its months; a date cell on the 1st of a month agrees with any day of
// that month. The day within the birth month never changes the 周岁 on
// the last day of a payout month, which the rates go by.
func (b birthGiven) agrees(d time.Time) bool {
	switch {
	case b.day.Equal(d):
		return true
	case b.firstOfMonth:
		return b.day.Year() == d.Year() && b.day.Month() == d.Month()
	case !b.day.IsZero():
		return false
	}
	return b.year == d.Year() && slices.Contains(b.months, int(d.Month()))
}

// parseBirth reads a 出生日期 (or 出生年月) cell: a date as parseDate
// reads it, or a year and month without the day (1946年3月, 1946-03,
// 1946.3, 194603, in Chinese numerals too): the column only checks the
// ID's birth date, and a year and month check it as far as they go, as
// does a date cell on the 1st of a month (birthGiven.firstOfMonth). 1946.1
// may be January or October (a number 1946.10 is kept so, and a text cell
// cannot be told from a number here). It returns parseDate's error, in
// Chinese, for anything else.
func parseBirth(raw string, date1904 bool) (birthGiven, error) {
	v := clean(raw)
	if m := reBirthMonth.FindStringSubmatch(v); m != nil {
		y, digits := hanYear(m[1])
		mo := smallNumber(m[3])
		if digits == 4 && mo >= 1 && mo <= 12 {
			months := []int{mo}
			if m[2] == "." && m[3] == "1" {
				months = append(months, 10)
			}
			return birthGiven{year: y, months: months}, nil
		}
	}
	if m := reCompactMonth.FindStringSubmatch(v); m != nil {
		y, _ := strconv.Atoi(m[1])
		if mo, _ := strconv.Atoi(m[2]); mo >= 1 && mo <= 12 {
			return birthGiven{year: y, months: []int{mo}}, nil
		}
	}
	if reYearOnly.MatchString(v) {
		return birthGiven{}, fmt.Errorf("「%s」只有年份，请写成年月日，如 %s，或至少写到月，如 1946年3月", v, exampleBirth)
	}
	d, err := parseDate(raw, date1904, exampleBirth)
	return birthGiven{day: d, firstOfMonth: err == nil && d.Day() == 1 && reSerial.MatchString(v)}, err
}

// reYearOnly is a year alone, 1946, in a 出生日期 cell.
var reYearOnly = regexp.MustCompile(`^(1[89]|20)\d{2}$`)

// reCompactMonth is a year and month in six digits, 194603.
var reCompactMonth = regexp.MustCompile(`^(1[89]\d{2}|20\d{2})(\d{2})$`)

// hanYear reads a year written digit by digit, in digits or in Chinese
// numerals or both (二〇二六, 二○二六, 二零二六, 2026): its value and its
// number of digits, 0 digits when a character is no digit.
func hanYear(s string) (year, digits int) {
	for _, r := range s {
		n, ok := chineseDigits[r]
		if r >= '0' && r <= '9' {
			n, ok = int(r-'0'), true
		}
		if !ok {
			return 0, 0
		}
		year, digits = 10*year+n, digits+1
	}
	return year, digits
}

// dayOf is the day y-mo-d at 00:00 UTC, or an error quoting v when there is
// no such day (2026-02-30, a month 13), asking for the real one as example
// is written.
func dayOf(v string, y, mo, d int, example string) (time.Time, error) {
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, fmt.Errorf("「%s」这一天不存在，请核对后填写实际的日期，如 %s", v, example)
	}
	return t, nil
}

// showInvisible writes out, in the message of every finding of fs, the
// characters that show as nothing or as an ordinary space
// (domain.ShowInvisible): the messages quote cells as written, and a
// no-break space or a tab inside a quoted 银行账号 would otherwise make
// the message look wrong (「6217 0066」只能是数字: but spaces are allowed).
func showInvisible(fs []domain.Finding) {
	for i := range fs {
		fs[i].Message = domain.ShowInvisible(fs[i].Message)
	}
}

// showInvisible applies showInvisible to every finding of wb: its
// entries', its training rows' and its notices.
func (wb *Workbook) showInvisible() {
	for i := range wb.Entries {
		showInvisible(wb.Entries[i].Findings)
	}
	for i := range wb.Trainings {
		showInvisible(wb.Trainings[i].Findings)
	}
	showInvisible(wb.Notices)
}
