package roster

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// Besides hiding a row or striking it through, staff "remove" a person by
// making the row's text invisible where it stands: white text on a cell
// with no fill, text the colour of its fill, the number format ;;; (which
// shows nothing), or a font of 1 point. The row is still there to be read,
// and the bank would pay it, but nobody checking the screen or the printout
// sees who. Such a row is held (row_invisible) as a hidden row is.

// unseenStyle says why the text of a cell style does not show: what staff
// would see (Why) and what to do (Fix), in Chinese; when by its colours
// (not its number format or size), which a conditional format may change,
// the colours of its text and its fill, as RRGGBB.
type unseenStyle struct{ Why, Fix, Text, Back string }

// minFontSize is the font size, in points, under which text shows nothing
// legible: Excel's default is 11 (宋体 12); at 1 to 3 points a name is a
// line of dots.
const minFontSize = 4

// sameColour is how far apart, in each of red, green and blue (0-255), two
// colours may be and still look the same: white text on a fill of F2F2F2
// (白色，背景1，深色5%) shows as little as on white.
const sameColour = 32

// unseenStyleOf returns why text in style st does not show, and false when
// it shows (or that cannot be told: a patterned or gradient fill). f
// resolves theme and indexed colours.
func unseenStyleOf(f *excelize.File, st *excelize.Style) (unseenStyle, bool) {
	if st.CustomNumFmt != nil {
		if why, ok := formatHidesText(*st.CustomNumFmt); ok {
			return unseenStyle{Why: "单元格的数字格式是「" + *st.CustomNumFmt + "」，" + why, Fix: "请把单元格格式改为「常规」或「文本」"}, true
		}
	}
	if st.Font != nil && st.Font.Size > 0 && st.Font.Size < minFontSize {
		return unseenStyle{Why: "字号只有" + strconv.FormatFloat(st.Font.Size, 'f', -1, 64) + "磅", Fix: "请把字号改为正常大小（如11或12）"}, true
	}
	back, ok := fillColour(st.Fill)
	if !ok {
		return unseenStyle{}, false
	}
	text := fontColour(f, st.Font)
	if st.CustomNumFmt != nil {
		if c := formatTextColour(*st.CustomNumFmt); c != "" {
			text = c
		}
	}
	if !closeColours(text, back) {
		return unseenStyle{}, false
	}
	switch {
	case st.Fill.Pattern == 0:
		return unseenStyle{Why: "文字是" + colourName(text) + "，单元格没有底色", Fix: "请把字体颜色改为黑色（自动）", Text: text, Back: back}, true
	case colourName(text) == colourName(back):
		return unseenStyle{Why: "文字和单元格底色都是" + colourName(text), Fix: "请把字体颜色改为与底色看得出区别的颜色（或去掉单元格底色）", Text: text, Back: back}, true
	}
	return unseenStyle{Why: "文字颜色" + colourName(text) + "与单元格底色" + colourName(back) + "几乎相同", Fix: "请把字体颜色改为与底色看得出区别的颜色（或去掉单元格底色）", Text: text, Back: back}, true
}

// fillColour returns the colour a cell of fill shows behind its text, as
// RRGGBB: white for no fill, the fill's colour for a solid one; false for
// any other (a pattern mixes two colours, a gradient many).
func fillColour(fill excelize.Fill) (string, bool) {
	switch {
	case fill.Type == "gradient":
		return "", false
	case fill.Pattern == 0:
		return "FFFFFF", true
	case fill.Pattern == 1 && len(fill.Color) > 0 && len(fill.Color[0]) == 6:
		return strings.ToUpper(fill.Color[0]), true
	}
	return "", false
}

// fontColour returns the colour of font's text as RRGGBB, theme and indexed
// colours resolved and tinted; black when it has none (automatic).
func fontColour(f *excelize.File, font *excelize.Font) string {
	if font == nil {
		return "000000"
	}
	if font.ColorTheme == nil && font.Color == "" && font.ColorIndexed == 0 {
		return "000000"
	}
	base := f.GetBaseColor(font.Color, font.ColorIndexed, font.ColorTheme)
	if len(base) == 8 {
		base = base[2:] // the alpha, which Excel ignores
	}
	if len(base) != 6 {
		return "000000"
	}
	return strings.ToUpper(strings.TrimPrefix(excelize.ThemeColor(base, font.ColorTint), "FF"))
}

// closeColours reports whether two RRGGBB colours look the same
// (sameColour).
func closeColours(a, b string) bool {
	if len(a) != 6 || len(b) != 6 {
		return false
	}
	for i := 0; i < 6; i += 2 {
		x, errX := strconv.ParseUint(a[i:i+2], 16, 8)
		y, errY := strconv.ParseUint(b[i:i+2], 16, 8)
		if errX != nil || errY != nil {
			return false
		}
		if d := int(x) - int(y); d > sameColour || d < -sameColour {
			return false
		}
	}
	return true
}

// colourName names an RRGGBB colour for staff: 白色 or 黑色 when it is
// near enough, else its code (#FFFF00).
func colourName(c string) string {
	switch {
	case closeColours(c, "FFFFFF"):
		return "白色"
	case closeColours(c, "000000"):
		return "黑色"
	}
	return "#" + c
}

// formatSections splits a number format code into its sections (positive;
// negative; zero; text) at the semicolons outside quotes, brackets and
// escapes.
func formatSections(code string) []string {
	var out []string
	var cur strings.Builder
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '\\' && !quoted && i+1 < len(code):
			cur.WriteByte(c)
			i++
			c = code[i]
		case c == '"':
			quoted = !quoted
		case c == '[' && !quoted:
			bracket = true
		case c == ']' && !quoted:
			bracket = false
		case c == ';' && !quoted && !bracket:
			out = append(out, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteByte(c)
	}
	return append(out, cur.String())
}

// textSection returns the section of a number format that shows text: the
// fourth, when there is one, or a last section with @ in it ([Red]@,
// 0;@); "@" otherwise (a format without one shows text as it is).
func textSection(code string) string {
	s := formatSections(code)
	switch {
	case len(s) >= 4:
		return s[3]
	case strings.Contains(s[len(s)-1], "@"):
		return s[len(s)-1]
	}
	return "@"
}

// formatHidesText reports whether a number format shows nothing of a text
// value: its text section has no @ (;;; is how Excel's help teaches to
// hide a cell; ;;;"已删除" shows those words instead). It returns what
// staff see, as the rest of a sentence.
func formatHidesText(code string) (string, bool) {
	s := textSection(code)
	if strings.Contains(s, "@") {
		return "", false
	}
	for {
		open := strings.IndexByte(s, '[')
		end := strings.IndexByte(s, ']')
		if open < 0 || end < open {
			break
		}
		s = s[:open] + s[end+1:]
	}
	s = strings.TrimSpace(strings.NewReplacer(`"`, "", `\`, "").Replace(s))
	if s != "" {
		return "只显示「" + s + "」，不显示本格文字", true
	}
	return "不显示文字", true
}

// formatColours are the colours a number format may name in brackets, in
// English or as WPS and Chinese Excel write them.
var formatColours = map[string]string{
	"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "00FF00",
	"blue": "0000FF", "yellow": "FFFF00", "magenta": "FF00FF", "cyan": "00FFFF",
	"黑色": "000000", "白色": "FFFFFF", "红色": "FF0000", "绿色": "00FF00",
	"蓝色": "0000FF", "黄色": "FFFF00", "洋红": "FF00FF", "青色": "00FFFF",
}

// formatTextColour returns the colour, as RRGGBB, a number format gives
// text in its text section ([White]@, [颜色2]@), "" when it gives none.
func formatTextColour(code string) string {
	s := textSection(code)
	for {
		open := strings.IndexByte(s, '[')
		end := strings.IndexByte(s, ']')
		if open < 0 || end < open {
			return ""
		}
		name := strings.ToLower(strings.TrimSpace(s[open+1 : end]))
		if c, ok := formatColours[name]; ok {
			return c
		}
		for _, p := range []string{"color", "颜色"} {
			if n, err := strconv.Atoi(strings.TrimPrefix(name, p)); strings.HasPrefix(name, p) && err == nil && n >= 1 && n+7 < len(excelize.IndexedColorMapping) {
				return excelize.IndexedColorMapping[n+7] // [Color1] is the palette's first, indexed 8
			}
		}
		s = s[end+1:]
	}
}

// holdInvisibleRows holds the rows of sheet whose 姓名 or 公民身份号码 does
// not show in Excel (row_invisible): its style makes the text white on
// white, the colour of its fill, of 1 point, or hides it with ;;;. Staff
// make a person to be removed invisible as they hide or strike the row; a
// name nobody sees when checking must not be paid unseen. Shown again, the
// row is paid, and the months held as arrears. A cell unseen by its colours
// that a conditional format of f may colour is not held: white text shows
// on the dark fill the format gives, and whether it does cannot be told.
func (r *reader) holdInvisibleRows(f *excelize.File, kinds cellKinds, sheet string) {
	if len(r.unseen) == 0 {
		return
	}
	var recolours []recolour // of sheet, once asked
	asked := false
	for e := range r.sheetEntries(sheet) {
		row := e.Person.Source.Row
		cols := r.spans.at(row)
		for _, fd := range []Field{FieldName, FieldID} {
			if cols[fd] < 0 || e.valueOf(fd) == "" {
				continue
			}
			st, ok := kinds.cellStyle(cols[fd]+1, row)
			if !ok {
				continue
			}
			if u, ok := r.unseen[st]; ok {
				if u.Text != "" {
					if !asked {
						recolours, asked = conditionalColours(f, sheet), true
					}
					if slices.ContainsFunc(recolours, func(c recolour) bool { return c.shows(u, cols[fd]+1, row) }) {
						continue
					}
				}
				e.add(domain.Held, cols, fd, "row_invisible", "本行「"+fd.Header()+"」「"+quoteShort(e.valueOf(fd))+"」在 Excel 中看不到（"+u.Why+"），像是有意隐去的人员，暂缓发放；如该人应停发，请删除本行；如应发放，"+u.Fix+"后重新报送")
				break
			}
		}
	}
}

// recolour is the colours a conditional format (条件格式) gives the cells of
// area (first column and row, last column and row) when its condition
// holds: text and back as RRGGBB, "" for the cell's own; unknown for a
// fill whose colour cannot be told (a pattern, a gradient).
type recolour struct {
	area       [4]int
	text, back string
	unknown    bool
}

// shows reports whether text of style u, unseen by its colours, in the cell
// at col and row, may show: the format colours the cell so that its text
// and fill differ (white text on a row a rule fills dark blue).
func (c recolour) shows(u unseenStyle, col, row int) bool {
	if col < c.area[0] || col > c.area[2] || row < c.area[1] || row > c.area[3] {
		return false
	}
	text, back := cmp.Or(c.text, u.Text), cmp.Or(c.back, u.Back)
	return c.unknown || !closeColours(text, back)
}

// conditionalColours returns the colours the conditional formats of sheet
// give, each with its area.
func conditionalColours(f *excelize.File, sheet string) []recolour {
	formats, err := f.GetConditionalFormats(sheet)
	if err != nil {
		return nil
	}
	var out []recolour
	for ref, opts := range formats {
		for _, o := range opts {
			if o.Format == nil {
				continue // a colour scale, a data bar or icons: no text colour
			}
			st, err := f.GetConditionalStyle(*o.Format)
			if err != nil {
				continue
			}
			var c recolour
			switch {
			case st.Fill.Type == "gradient" || st.Fill.Pattern > 1:
				c.unknown = true
			case st.Fill.Pattern == 1 && len(st.Fill.Color) > 0 && len(st.Fill.Color[0]) == 6:
				c.back = strings.ToUpper(st.Fill.Color[0])
			}
			if st.Font != nil && (st.Font.Color != "" || st.Font.ColorTheme != nil || st.Font.ColorIndexed != 0) {
				c.text = fontColour(f, st.Font)
			}
			if c == (recolour{}) {
				continue
			}
			for _, part := range strings.Fields(ref) {
				lo, hi, ok := strings.Cut(strings.ReplaceAll(part, "$", ""), ":")
				if !ok {
					hi = lo
				}
				c0, r0, err0 := excelize.CellNameToCoordinates(lo)
				c1, r1, err1 := excelize.CellNameToCoordinates(hi)
				if err0 == nil && err1 == nil {
					c.area = [4]int{c0, r0, c1, r1}
					out = append(out, c)
				}
			}
		}
	}
	return out
}
