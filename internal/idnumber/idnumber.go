package idnumber

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/shopspring/decimal"
)

// Length is the number of characters of a GB 11643-1999 identity number.
const Length = 18

// weights are the ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 of the first 17
// digits, as tabulated in GB 11643-1999 §8.2.
var weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// checkChars maps the weighted sum mod 11 to the check character.
const checkChars = "10X98765432"

// Errors returned by Parse, one per kind of defect, so that callers can map
// each to a stable exception code.
var (
	// ErrEmpty: the cell holds no characters.
	ErrEmpty = errors.New("empty identity number")
	// ErrLength: not 18 characters once spaces are removed.
	ErrLength = errors.New("identity number is not 18 characters")
	// ErrCharacters: a character other than a digit, or X anywhere but last.
	ErrCharacters = errors.New("identity number has characters other than digits and a final X")
	// ErrBirthDate: positions 7-14 are not a calendar date.
	ErrBirthDate = errors.New("identity number holds an impossible birth date")
	// ErrChecksum: the 18th character is not the ISO 7064 MOD 11-2 check.
	ErrChecksum = errors.New("identity number check character is wrong")
)

// ID is a validated 18-character identity number with an upper-case X.
type ID string

// Birth returns the birth date held in positions 7-14, at midnight UTC.
func (id ID) Birth() time.Time {
	t, _ := time.Parse("20060102", string(id[6:14]))
	return t
}

// Male reports whether the sequence digit (17th character) is odd, which
// GB 11643-1999 §5.3 assigns to men.
func (id ID) Male() bool {
	return (id[16]-'0')%2 == 1
}

// Masked returns the number with its middle hidden (first 6 and last 4
// characters kept), for logs and notices that must not show a full ID.
func (id ID) Masked() string {
	return Mask(string(id))
}

// Mask hides the middle of any text as ID.Masked does: the first 6 and last
// 4 characters stay, the rest become '*'. Text of 10 characters or fewer is
// hidden entirely.
func Mask(s string) string {
	r := []rune(s)
	if len(r) <= 10 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:6]) + strings.Repeat("*", len(r)-10) + string(r[len(r)-4:])
}

// CheckChar returns the ISO 7064 MOD 11-2 check character for the first 17
// digits of an identity number. It returns an error if body is not 17 ASCII
// digits.
func CheckChar(body string) (byte, error) {
	if len(body) != 17 {
		return 0, ErrLength
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := body[i]
		if c < '0' || c > '9' {
			return 0, ErrCharacters
		}
		sum += int(c-'0') * weights[i]
	}
	return checkChars[sum%11], nil
}

// TimesSign is the multiplication sign ×, typed for the X of an ID
// (Normalize reads it so).
const TimesSign = '×'

// Normalize removes the ASCII and full-width spaces, hyphens, tabs and line
// breaks around and inside s, and a leading apostrophe (Excel's mark for "keep as
// text"), turns full-width digits and letters into ASCII and makes a final
// x upper-case. The multiplication sign × (U+00D7), which a Chinese input
// method offers for "x", is read as X too, as full-width Ｘ is: only an X
// at the end passes Parse, and only with the right check character. It
// does not validate.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	s = strings.TrimLeft(strings.TrimSpace(s), "'‘’`")
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000' || r == '\u200b' || r == '\ufeff' || r == '-' || r == '－' || r == '—':
			continue
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r == 'ｘ' || r == 'Ｘ' || r == 'x' || r == TimesSign:
			r = 'X'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Parse normalizes s (see Normalize) and validates it as a GB 11643-1999
// identity number: 18 characters, 17 digits and a digit or X, a real birth
// date, and the right check character. It returns the ID, or one of ErrEmpty,
// ErrLength, ErrCharacters, ErrBirthDate or ErrChecksum wrapped with detail.
func Parse(s string) (ID, error) {
	n := Normalize(s)
	if n == "" {
		return "", ErrEmpty
	}
	if rs := []rune(n); len(rs) == Length && !isASCII(n) {
		// 18 characters, one of them no digit (14052419410904288？): told as
		// a length, it was "should be 18, is 18".
		for i, r := range rs {
			if r >= 0x80 {
				return "", fmt.Errorf("%w: position %d is %q", ErrCharacters, i+1, r)
			}
		}
	}
	if len(n) != Length || !isASCII(n) {
		return "", fmt.Errorf("%w: %d characters", ErrLength, len([]rune(n)))
	}
	for i := 0; i < 17; i++ {
		if n[i] < '0' || n[i] > '9' {
			return "", fmt.Errorf("%w: position %d is %q", ErrCharacters, i+1, n[i])
		}
	}
	if last := n[17]; (last < '0' || last > '9') && last != 'X' {
		return "", fmt.Errorf("%w: position 18 is %q", ErrCharacters, last)
	}
	if _, err := time.Parse("20060102", n[6:14]); err != nil {
		return "", fmt.Errorf("%w: %s", ErrBirthDate, n[6:14])
	}
	want, _ := CheckChar(n[:17])
	if n[17] != want {
		return "", fmt.Errorf("%w: %c, expected %c", ErrChecksum, n[17], want)
	}
	return ID(n), nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Upgrade15 converts a 15-digit first-generation identity number (GB 11643-
// 1989: 6 region digits, a 6-digit birth date YYMMDD, 3 sequence digits) to
// the 18-character form: the century 19 is inserted before the year and
// the check character is computed. It returns ErrLength unless s (after
// Normalize) is 15 digits, and ErrBirthDate for an impossible date.
func Upgrade15(s string) (ID, error) {
	n := Normalize(s)
	if len(n) != 15 {
		return "", ErrLength
	}
	for i := 0; i < 15; i++ {
		if n[i] < '0' || n[i] > '9' {
			return "", ErrCharacters
		}
	}
	body := n[:6] + "19" + n[6:]
	if _, err := time.Parse("20060102", body[6:14]); err != nil {
		return "", fmt.Errorf("%w: %s", ErrBirthDate, body[6:14])
	}
	c, _ := CheckChar(body)
	return ID(body + string(c)), nil
}

// Form is how Read found the ID an ID cell stands for.
type Form int

const (
	// Written is an 18-character number, as it is (after Normalize).
	Written Form = iota
	// Upgraded is a 15-digit first-generation number converted by Upgrade15.
	Upgraded
	// FromCard is a 20-character 残疾人证号 cut to the ID it begins with
	// (ParseDisabilityCard).
	FromCard
)

// Read returns the ID an ID cell as written stands for, and how it was
// found: a valid 18-character number (Written); a 15-digit first-generation
// number converted (Upgraded, GB 11643-1989 to -1999); a 20-character
// 残疾人证号 cut to its ID (FromCard, with the card). For anything else it
// returns Parse's error, or Upgrade15's for 15 digits that do not convert.
// internal/roster reads every ID cell with it, and Of reads a cell as
// written again later.
func Read(raw string) (ID, Form, DisabilityCard, error) {
	id, err := Parse(raw)
	if err == nil {
		return id, Written, DisabilityCard{}, nil
	}
	switch n := Normalize(raw); len(n) {
	case 15:
		if id, err = Upgrade15(n); err == nil {
			return id, Upgraded, DisabilityCard{}, nil
		}
	case 20:
		if c, cerr := ParseDisabilityCard(n); cerr == nil {
			return c.ID, FromCard, c, nil
		}
	}
	return "", Written, DisabilityCard{}, err
}

// Of returns the ID an ID cell as written stands for, as a run reads the
// cell (Read), and the cell normalized (Normalize) when it stands for none,
// naming no person a run paid. A finding keeps its row's ID cell as written
// (domain.Finding.AsWritten), so whatever finds a person's findings by ID,
// in this month or a later one, reads it with Of: Normalize alone leaves a
// 15-digit row's 下月停发 or 迁入 under an ID nobody is paid by.
func Of(asWritten string) string {
	if id, _, _, err := Read(asWritten); err == nil {
		return string(id)
	}
	return Normalize(asWritten)
}

// DisabilityCard is what a 20-character 残疾人证号 holds: the holder's
// identity number, then one digit of category (1 视力, 2 听力, 3 言语,
// 4 肢体, 5 智力, 6 精神, 7 多重) and one of grade (1..4).
type DisabilityCard struct {
	ID       ID
	Category string // without 残疾
	Grade    int
}

// disabilityCategories are the category digits of a 残疾人证号.
var disabilityCategories = [...]string{1: "视力", 2: "听力", 3: "言语", 4: "肢体", 5: "智力", 6: "精神", 7: "多重"}

// ParseDisabilityCard reads a 20-character 残疾人证号. It returns an error
// when the first 18 characters are not a valid identity number (see Parse)
// or the last two are not a known category digit and a grade 1..4.
func ParseDisabilityCard(s string) (DisabilityCard, error) {
	n := Normalize(s)
	if len(n) != 20 {
		return DisabilityCard{}, fmt.Errorf("%w: a 残疾人证号 has 20 characters, not %d", ErrLength, len([]rune(n)))
	}
	id, err := Parse(n[:18])
	if err != nil {
		return DisabilityCard{}, err
	}
	cat, grade := int(n[18]-'0'), int(n[19]-'0')
	if cat < 1 || cat > 7 || grade < 1 || grade > 4 {
		return DisabilityCard{}, fmt.Errorf("%w: category and grade digits %q", ErrCharacters, n[18:])
	}
	return DisabilityCard{ID: id, Category: disabilityCategories[cat], Grade: grade}, nil
}

// Describe says in Chinese, for staff, what is wrong with raw (a 公民身份号码
// as written) given the error Parse returned for it, and what to do; "" for
// a nil error. The kinds are those of GB 11643-1999: length, characters,
// the birth date in positions 7-14, the check character.
func Describe(err error, raw string) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrEmpty):
		return "身份证号为空，请补填"
	case errors.Is(err, ErrLength):
		n := len([]rune(Normalize(raw)))
		if n == 15 {
			return "这是15位旧身份证号，请换成18位身份证号"
		}
		return fmt.Sprintf("身份证号应为18位，这里是%d位，请核对", n)
	case errors.Is(err, ErrCharacters):
		n := []rune(Normalize(raw))
		var bad []string // every one, so that one round of corrections is enough
		for i, r := range n {
			if (r < '0' || r > '9') && !(r == 'X' && i == len(n)-1) {
				bad = append(bad, fmt.Sprintf("第%d位%s", i+1, NotDigit(r)))
			}
		}
		if len(bad) == 0 {
			return "身份证号只能是数字，最后一位可以是X，请核对"
		}
		return "身份证号" + strings.Join(bad, "，") + "：身份证号只能是数字，最后一位可以是X，请核对"
	case errors.Is(err, ErrBirthDate):
		return "身份证号中的出生日期（第7-14位）不存在，请核对"
	case errors.Is(err, ErrChecksum):
		return "身份证号校验位（最后一位）不对，号码中有数字录错，请按身份证核对"
	}
	return "身份证号无效：" + err.Error()
}

// lookalikes are the letters typed for the digits they look like.
var lookalikes = map[rune]rune{'O': '0', 'o': '0', 'D': '0', 'Q': '0', 'I': '1', 'l': '1', 'i': '1', 'L': '1', 'Z': '2', 'z': '2', 'S': '5', 's': '5', 'B': '8', 'G': '6', 'b': '6', 'g': '9', 'q': '9'}

// NotDigit says in Chinese, for staff, what character r is, which stands
// where a digit should: 「O」是字母，不是数字（字母O与数字0相像）, naming the
// digit a letter is often typed for, so that staff see a character they
// would otherwise take for the digit.
func NotDigit(r rune) string {
	switch {
	case lookalikes[r] != 0:
		return fmt.Sprintf("「%c」是字母，不是数字（字母%c与数字%c相像）", r, r, lookalikes[r])
	case r < 0x80 && unicode.IsLetter(r):
		return fmt.Sprintf("「%c」是字母，不是数字", r)
	default:
		return fmt.Sprintf("「%c」不是数字", r)
	}
}

// ExcelDigits is how many significant digits Excel keeps of a number: an
// 18-digit ID typed into a number cell keeps its first 15.
const ExcelDigits = 15

// NumberDigits reads s, a number cell's text in exponent form as Excel or a
// CSV export writes it (1.40521E+17, 1.405021940020202e+17), as the whole
// number's digits and how many of them the text holds, at most
// ExcelDigits and at most len(whole): the others were lost. ok is false
// for text not in exponent form or not a positive whole number.
func NumberDigits(s string) (whole string, kept int, ok bool) {
	mantissa, _, found := strings.Cut(strings.ToLower(s), "e")
	if !found {
		return "", 0, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil || d.Sign() <= 0 || !d.IsInteger() {
		return "", 0, false
	}
	whole = d.String()
	ip, frac, _ := strings.Cut(strings.TrimPrefix(mantissa, "+"), ".")
	return whole, min(len(strings.TrimLeft(ip+frac, "0")), ExcelDigits, len(whole)), true
}
