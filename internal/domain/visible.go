package domain

import (
	"fmt"
	"strings"
	"unicode"
)

// invisibleNames are the names ShowInvisible gives the invisible and
// space-like characters found in roster cells; any other is named 不可见字符.
var invisibleNames = map[rune]string{
	'\t':     "制表符",
	'\n':     "换行符",
	'\r':     "回车符",
	'\u00a0': "不换行空格",
	'\u00ad': "软连字符",
	'\u200b': "零宽空格",
	'\u200c': "零宽非连接符",
	'\u200d': "零宽连接符",
	'\u200e': "从左到右标记",
	'\u200f': "从右到左标记",
	'\u2060': "零宽连接符",
	'\u202f': "窄不换行空格",
	'\u3000': "全角空格",
	'\ufeff': "零宽不换行空格",
}

// isInvisible reports a character that shows as nothing, or as a space
// that cannot be told from an ordinary one: every white space but the ASCII
// space (no-break, full-width, tab, line break), format characters (zero
// width, direction marks, byte-order mark, soft hyphen), control
// characters, and the fillers that print blank.
func isInvisible(r rune) bool {
	switch {
	case r == ' ':
		return false
	case unicode.IsSpace(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Cc, r):
		return true
	}
	return r == '\u115f' || r == '\u1160' || r == '\u2800' || r == '\u3164' || r == '\uffa0'
}

// ShowInvisible returns s with each invisible or space-like character (a
// no-break space pasted from a web page, a zero-width space, a tab) written
// out as its name and code point in 〔〕, so that a message quoting a cell
// (银行账号「6217〔不换行空格 U+00A0〕0066」只能是数字) shows staff what
// is in the cell rather than what looks like an ordinary space, or nothing.
// Everything else, the ASCII space included, is left as it is; applied
// twice it changes nothing more.
func ShowInvisible(s string) string {
	if !strings.ContainsFunc(s, isInvisible) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !isInvisible(r) {
			b.WriteRune(r)
			continue
		}
		name, ok := invisibleNames[r]
		if !ok {
			name = "不可见字符"
		}
		fmt.Fprintf(&b, "〔%s U+%04X〕", name, r)
	}
	return b.String()
}
