package roster

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// A row whose 姓名 or 公民身份号码 does not show in Excel is held
// (row_invisible), whether the sheet is scanned or asked of excelize: white
// text on no fill (an RGB white, or the theme's 背景1), text the colour of
// its fill, a font of 1 point, the number format ;;; or one that shows other
// words. Text that shows is paid: white on a dark fill, a grey of the
// theme's white darkened, and ;;; on a 备注 or an empty 户号 (a spacer
// column hides no one).
func TestInvisibleRowHeld(t *testing.T) {
	defer func() { scanWorksheets = true }()
	white := 0
	styles := []struct {
		cell  string
		style excelize.Style
	}{
		{"D4", excelize.Style{Font: &excelize.Font{Color: "FFFFFF"}}},
		{"E5", excelize.Style{CustomNumFmt: ptr(";;;")}},
		{"D6", excelize.Style{Font: &excelize.Font{Size: 1}}},
		{"D7", excelize.Style{Font: &excelize.Font{Color: "FFFF00"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFF00"}}}},
		{"D8", excelize.Style{Font: &excelize.Font{Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}}}},
		{"D9", excelize.Style{Font: &excelize.Font{ColorTheme: &white, ColorTint: -0.5}}},
		{"M10", excelize.Style{CustomNumFmt: ptr(";;;")}},
		{"P10", excelize.Style{CustomNumFmt: ptr(";;;")}},
		{"D11", excelize.Style{CustomNumFmt: ptr(`;;;"已删除"`)}},
		{"D12", excelize.Style{Font: &excelize.Font{ColorTheme: &white}}},
		{"D13", excelize.Style{Font: &excelize.Font{Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"000000"}}}},
	}
	for _, scan := range []bool{true, false} {
		scanWorksheets = scan
		var rows [][]any
		for i, name := range []string{"甲一", "乙二", "丙三", "丁四", "戊五", "己六", "庚七", "辛八", "壬九", "癸十"} {
			rows = append(rows, row(i+1, name, withCheck(fmt.Sprintf("1405021942042%04d", i)), map[string]any{"备注": "无"}))
		}
		p := writeRoster(t, t.TempDir(), "a.xlsx", rows)
		wb := editAndRead(t, p, func(f *excelize.File) error {
			for _, s := range styles {
				id, err := f.NewStyle(&s.style)
				if err != nil {
					return err
				}
				if err := f.SetCellStyle("Sheet1", s.cell, s.cell, id); err != nil {
					return err
				}
			}
			return nil
		})
		want := "4 true row_invisible\n5 true row_invisible\n6 true row_invisible\n7 true row_invisible\n8 false \n9 false \n10 false \n11 true row_invisible\n12 true row_invisible\n13 false "
		if got := rowCodes(wb); got != want {
			t.Errorf("scan %v: got\n%s\nwant\n%s", scan, got, want)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// White text that a conditional format may give a fill (a rule colouring
// the rows of new people dark blue) shows when its condition holds, which
// the reader cannot tell: it is paid. A format that gives no colour, only
// bold, or a fill as light as white (rows banded F2F2F2) changes nothing:
// white on no fill is held.
func TestInvisibleUnlessConditionallyFilled(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", map[string]any{"备注": "新增"}),
		row(2, "乙二", "140502194702024808", nil),
		row(3, "丙三", "140502194611306543", nil),
	})
	wb := editAndRead(t, p, func(f *excelize.File) error {
		white, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "FFFFFF"}})
		if err != nil {
			return err
		}
		if err := f.SetCellStyle("Sheet1", "D4", "D6", white); err != nil {
			return err
		}
		dark, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}}})
		if err != nil {
			return err
		}
		bold, err := f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
		if err != nil {
			return err
		}
		light, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
		if err != nil {
			return err
		}
		if err := f.SetConditionalFormat("Sheet1", "$A$4:$P$4", []excelize.ConditionalFormatOptions{{Type: "formula", Criteria: `$P4="新增"`, Format: &dark}}); err != nil {
			return err
		}
		if err := f.SetConditionalFormat("Sheet1", "A5:P5", []excelize.ConditionalFormatOptions{{Type: "formula", Criteria: "TRUE", Format: &bold}}); err != nil {
			return err
		}
		return f.SetConditionalFormat("Sheet1", "A4:P6", []excelize.ConditionalFormatOptions{{Type: "formula", Criteria: "MOD(ROW(),2)=0", Format: &light}})
	})
	if got, want := rowCodes(wb), "4 false remark_added\n5 true row_invisible\n6 true row_invisible"; got != want { // 备注 新增: told
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// The held row's message says what makes the text invisible and what to
// do, naming the column and the value: black text on a black fill is not
// to be made black.
func TestInvisibleRowMessage(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", nil),
		row(2, "乙二", "140502194702024808", nil),
	})
	wb := editAndRead(t, p, func(f *excelize.File) error {
		for cell, style := range map[string]excelize.Style{
			"E4": {CustomNumFmt: ptr(";;;")},
			"D5": {Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"000000"}}},
		} {
			id, err := f.NewStyle(&style)
			if err != nil {
				return err
			}
			if err := f.SetCellStyle("Sheet1", cell, cell, id); err != nil {
				return err
			}
		}
		return nil
	})
	var got []string
	for _, e := range wb.Entries {
		got = append(got, findingsOf(e, func(f domain.Finding) string { return f.Where.Column + " " + f.Where.Header + ": " + f.Message })...)
	}
	sameLines(t, "messages", got, []string{
		"E 公民身份号码: 本行「公民身份号码」「140502194204206481」在 Excel 中看不到（单元格的数字格式是「;;;」，不显示文字），像是有意隐去的人员，暂缓发放；如该人应停发，请删除本行；如应发放，请把单元格格式改为「常规」或「文本」后重新报送",
		"D 姓名: 本行「姓名」「乙二」在 Excel 中看不到（文字和单元格底色都是黑色），像是有意隐去的人员，暂缓发放；如该人应停发，请删除本行；如应发放，请把字体颜色改为与底色看得出区别的颜色（或去掉单元格底色）后重新报送",
	})
}

// Number formats hide text when their text section has no @: ;;; and
// sections of spaces or other words; a format of fewer than four sections
// without @ shows text as it is.
func TestFormatHidesText(t *testing.T) {
	for code, hides := range map[string]bool{
		";;;": true, `;;;" "`: true, `0;-0;0;"已删除"`: true, `[White];;;`: true, `;;;[Red]`: true,
		";;;@": false, "@": false, "[Red]@": false, "0;-0;;@": false, "0.00": false, ";;": false,
		"yyyy-mm-dd": false, `"a;b";;;@`: false, `[>0]0;;;@`: false, "000000000000000000": false,
	} {
		if _, got := formatHidesText(code); got != hides {
			t.Errorf("%q: hides %v, want %v", code, got, hides)
		}
	}
	for code, colour := range map[string]string{"[White]@": "FFFFFF", "0;0;0;[白色]@": "FFFFFF", "[Color2]@": "FFFFFF", ";;;[Red]@": "FF0000", "@": "", "[Red]0;@": ""} {
		if got := formatTextColour(code); got != colour {
			t.Errorf("%q: colour %q, want %q", code, got, colour)
		}
	}
}

// The rows of an outline group whose summary row says it is collapsed
// (collapsed="1") are held (row_hidden) though not hidden themselves:
// LibreOffice does not show them. The summary row is below the group, or
// above it with summaryBelow="0"; a group not collapsed holds nothing.
func TestFoldedRowsHeld(t *testing.T) {
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "甲一", "140502194204206481", nil),
		row(2, "乙二", "140502194702024808", nil),
		row(3, "丙三", "140502194611306543", nil),
		row(4, "丁四", "140502194703050012", nil),
		row(5, "戊五", withCheck("14050219420420000"), nil),
	})
	part := sheetXML(t, p)
	for _, c := range []struct{ name, pr, sub, want string }{
		{"below", "", `<row r="5" outlineLevel="1"|<row r="6" outlineLevel="1"|<row r="7" collapsed="1"`,
			"4 false \n5 true row_hidden\n6 true row_hidden\n7 false \n8 false "},
		{"above", `<sheetPr><outlinePr summaryBelow="0"/></sheetPr>`, `<row r="4" collapsed="1"|<row r="5" outlineLevel="1"|<row r="6" outlineLevel="1"`,
			"4 false \n5 true row_hidden\n6 true row_hidden\n7 false \n8 false "},
		{"open", "", `<row r="5" outlineLevel="1"|<row r="6" outlineLevel="1"`,
			"4 false \n5 false \n6 false \n7 false \n8 false "},
	} {
		sheet := part
		for _, s := range strings.Split(c.sub, "|") {
			sheet = strings.Replace(sheet, s[:strings.Index(s, `" `)+1], s, 1)
		}
		if c.pr != "" {
			sheet = strings.Replace(sheet, "<dimension", c.pr+"<dimension", 1)
		}
		wb := readRewritten(t, p, filepath.Join(t.TempDir(), c.name+".xlsx"), sheet)
		if got := rowCodes(wb); got != c.want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}
