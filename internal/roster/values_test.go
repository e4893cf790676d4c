package roster

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in       string
		date1904 bool
		want     string // "" for an error
	}{
		{"1946-03-05", false, "1946-03-05"},
		{"1946/3/5", false, "1946-03-05"},
		{"1946.03.05", false, "1946-03-05"},
		{"19460305", false, "1946-03-05"},
		{"1946年3月5日", false, "1946-03-05"},
		{"1946年3月5", false, "1946-03-05"},
		{"2026年10月5号", false, "2026-10-05"},
		{"１９４６－０３－０５", false, "1946-03-05"},
		{" 1946-03-05 00:00:00 ", false, "1946-03-05"},
		{"20706", false, "1956-09-08"}, // date cell read raw: serial day 20706
		{"46336", false, "2026-11-10"},
		{"19109", false, "1952-04-25"},
		{"19109", true, "1956-04-26"}, // the same serial in the 1904 system: 1462 days later
		{"46-03-05", false, ""},       // two-digit year: never guessed
		{"46年3月5日", false, ""},
		{"1946-02-30", false, ""},
		{"19461305", false, ""},
		{"三月五日", false, ""},
		{"0", false, ""},
		{"2026", false, ""},    // a year typed into a date cell, not serial day 2026 (1905-07-18)
		{"2026.10", false, ""}, // a year and month: no day
		{"2026.103", false, ""},
		{"1899", false, "1905-03-13"}, // a serial day outside the years stays a day count
	}
	for _, c := range cases {
		got, err := parseDate(c.in, c.date1904, exampleDate)
		if c.want == "" {
			if strings.HasPrefix(c.in, "2026") && (err == nil || !strings.Contains(err.Error(), "年月日")) {
				t.Errorf("parseDate(%q): %v, want an error asking for year, month and day", c.in, err)
			}
			if err == nil {
				t.Errorf("parseDate(%q) = %s, want an error", c.in, got.Format("2006-01-02"))
			}
			continue
		}
		if err != nil || got.Format("2006-01-02") != c.want {
			t.Errorf("parseDate(%q, %v) = %s, %v; want %s", c.in, c.date1904, got.Format("2006-01-02"), err, c.want)
		}
	}
}

// Dates written in Chinese numerals are read exactly, the year digit by
// digit (二〇二六, also with the circle ○ or 零), the month 一 to 十二 and the
// day 一 to 三十一, or not at all: a two-digit year, a missing year, a day
// that does not exist, and what may be a lunar date (廿, 卅, 初三, 农历, or a
// day in Chinese numerals without 日 or 号, as lunar dates are written) are
// refused, saying why.
func TestParseDateChineseNumerals(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // the date, or for an error a word its message must have
	}{
		{"2026年10月3日", "2026-10-03"},
		{"二〇二六年十月三日", "2026-10-03"},
		{"二○二六年十月三日", "2026-10-03"}, // the circle ○, not 〇
		{"二零二六年十月三日", "2026-10-03"},
		{"二〇二六年十月三十一日", "2026-10-31"},
		{"二〇二六年十一月三日", "2026-11-03"},
		{"二〇二六年十二月二十日", "2026-12-20"},
		{"二〇二六年一月二十一日", "2026-01-21"},
		{"二〇二六年四月三十日", "2026-04-30"},
		{"二〇二六年十月十日", "2026-10-10"},
		{"二〇二六年十月十五日", "2026-10-15"},
		{"二〇二六年十月三号", "2026-10-03"},
		{"一九四六年三月五日", "1946-03-05"},
		{"二〇〇〇年二月二十九日", "2000-02-29"},
		{"2026年十月3日", "2026-10-03"},
		{"2026年10月三日", "2026-10-03"},
		{"二〇二六年10月3日", "2026-10-03"},
		{"２０２６年十月三日", "2026-10-03"},
		{" 二〇二六年十月三日 ", "2026-10-03"},
		{"二〇二六年二月三十日", "不存在"},
		{"二〇二五年二月二十九日", "不存在"},
		{"二〇二六年十三月一日", "不存在"},
		{"二〇二六年十月三十二日", "不存在"},
		{"二六年十月三日", "两位年份"},
		{"26年十月3日", "两位年份"},
		{"十月三日", "没有年份"},
		{"11月3日", "没有年份"},
		{"11月3号", "没有年份"},
		{"二〇二六六年十月三日", "无法识别"},
		{"二千零二十六年十月三日", "无法识别"},
		{"二〇二六年十十月三日", "无法识别"},
		{"二〇二六年一十月三日", "无法识别"},
		{"二〇二六年一〇月三日", "无法识别"},
		{"二〇二六年十月〇三日", "无法识别"},
		{"二〇二六年十月", "只有年月"},
		{"2026年10月", "只有年月"},
		{"2026年10月份", "只有年月"},
		{"2026-10", "只有年月"},
		{"2026/10", "只有年月"},
		{"2026.10", "年份或年月"}, // a number to a spreadsheet
		{"二〇二六年九月廿三日", "农历"},
		{"二〇二六年九月卅日", "农历"},
		{"二〇二六年九月初三", "农历"},
		{"农历二〇二六年九月十五日", "农历"},
		{"二〇二六年腊月十五日", "农历"},
		{"二〇二六年九月十五", "农历"}, // a day in numerals without 日: a lunar date's way
	} {
		got, err := parseDate(c.in, false, exampleDate)
		switch {
		case strings.HasPrefix(c.want, "19") || strings.HasPrefix(c.want, "20"):
			if err != nil || got.Format("2006-01-02") != c.want {
				t.Errorf("parseDate(%q) = %s, %v; want %s", c.in, got.Format("2006-01-02"), err, c.want)
			}
		case err == nil:
			t.Errorf("parseDate(%q) = %s, want an error saying %s", c.in, got.Format("2006-01-02"), c.want)
		default:
			quote := "「" + clean(c.in) + "」"
			if rest, ok := strings.CutPrefix(err.Error(), quote); !ok || !strings.Contains(rest, c.want) {
				t.Errorf("parseDate(%q): %v, want a message quoting it and saying %s", c.in, err, c.want)
			}
		}
	}
}

func TestCodedValues(t *testing.T) {
	for in, ok := range map[string]bool{"": true, "否": true, "无": true, "城市低保": true, "农村低保": true, "低保": true, "是": true, "低保边缘": true, "/": true, "——": true, "待定": false, "低保户口": false, "//": false} {
		if _, got := parseDibao(in); got != ok {
			t.Errorf("parseDibao(%q) ok=%v", in, got)
		}
	}
	for in, want := range map[string]int{"一级": 1, "二": 2, "3": 3, "四级": 4, "": 0, "无": 0, "否": 0, "/": 0, "—": 0, "--": 0, "－－": 0} {
		if got, ok := parseGrade(in); !ok || got != want {
			t.Errorf("parseGrade(%q) = %d, %v", in, got, ok)
		}
	}
	for _, bad := range []string{"五级", "0", "重度"} {
		if _, ok := parseGrade(bad); ok {
			t.Errorf("parseGrade(%q) accepted", bad)
		}
	}
	for in, want := range map[string]string{"肢体残疾": "肢体", "精神": "精神", "多重残疾": "多重", "": "", "无": "", "否": "", "/": "", "－": ""} {
		if got, ok := parseCategory(in); !ok || got != want {
			t.Errorf("parseCategory(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := parseCategory("其他"); ok {
		t.Error("unknown category accepted")
	}
	if _, ok := parseSelfCare("完全自理"); ok {
		t.Error("unknown self-care accepted")
	}
	if v, ok := parseTekun("农村特困"); !ok || v.String() != "农村特困" {
		t.Error("农村特困")
	}
	if !looksNumeric("1.40502195711201E+17") || looksNumeric("140502194204206481") || looksNumeric("1946.03.05") {
		t.Error("looksNumeric")
	}
}

// Values whose meaning is plain are read, however they are spaced or
// numbered; ambiguous ones still hold the row.
func TestCodedValuesAsTyped(t *testing.T) {
	for in, want := range map[string]string{"城市 低保": "城市低保", "农村\u3000低保": "农村低保", "低保\u00a0边缘": "低保边缘"} {
		if got, ok := parseDibao(in); !ok || got.String() != want {
			t.Errorf("parseDibao(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if got, ok := parseTekun("农村 特困"); !ok || got.String() != "农村特困" {
		t.Errorf("parseTekun(农村 特困) = %q, %v", got, ok)
	}
	if got, ok := parseSelfCare("不能 自理"); !ok || got.String() != "不能自理" {
		t.Errorf("parseSelfCare(不能 自理) = %q, %v", got, ok)
	}
	if got, ok := parseCategory("肢体 残疾"); !ok || got != "肢体" {
		t.Errorf("parseCategory(肢体 残疾) = %q, %v", got, ok)
	}
	for in, want := range map[string]int{"二级残疾": 2, "一级 残疾": 1, "贰级": 2, "壹级": 1, "叁": 3, "肆级残疾": 4, "3级": 3} {
		if got, ok := parseGrade(in); !ok || got != want {
			t.Errorf("parseGrade(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"伍级", "残疾", "级残疾", "残疾二级", "重度残疾", "二三级"} {
		if _, ok := parseGrade(bad); ok {
			t.Errorf("parseGrade(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"城 市", "城市 低保 待定"} {
		if _, ok := parseDibao(bad); ok {
			t.Errorf("parseDibao(%q) accepted", bad)
		}
	}
}

func TestHeaderMatching(t *testing.T) {
	cols, complete, _ := matchHeader([]string{"序号", " 乡镇（街道）", "村(社区)", "姓\n名", "身份证号码", "出生日期"})
	if !complete || cols[FieldStreet] != 1 || cols[FieldCommunity] != 2 || cols[FieldName] != 3 || cols[FieldID] != 4 {
		t.Errorf("cols %v complete %v", cols, complete)
	}
	if _, complete, partial := matchHeader([]string{"姓名", "住址"}); complete || !partial {
		t.Error("header without an ID column")
	}
	if columnLetter(0) != "A" || columnLetter(25) != "Z" || columnLetter(26) != "AA" {
		t.Error("columnLetter")
	}
}

// An ID stored as a number is shown to staff as the digits the cell still
// holds and a ? for each digit lost, as the 身份证号（原样） column shows it:
// never in the file's exponent form, nor with zeros for the lost digits
// (a tester's CSV cell 1.40521E+17 was told as 140521000000000000).
func TestKnownDigits(t *testing.T) {
	for raw, want := range map[string]string{
		"1.40522194201261e+17": "140522194201261???",
		"1.40502195711201E+17": "140502195711201???",
		"1.40521E+17":          "140521????????????",
		"1.40521e17":           "140521????????????",
		"140522194201261000":   "140522194201261???",
		"140502194204206":      "140502194204206",
		"1.2.3e5":              "1.2.3e5",
	} {
		if got := knownDigits(raw); got != want {
			t.Errorf("knownDigits(%q) = %q, want %q", raw, got, want)
		}
	}
	if _, err := trainingID("1.40521E+17"); err == nil || !strings.Contains(err.Error(), "只剩140521????????????") {
		t.Errorf("training roster's ID: %v", err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.csv")
	os.WriteFile(p, []byte("姓名,公民身份号码\n贺国荣,1.40521E+17\n"), 0o644)
	wb, err := ReadFile(p, "a.csv", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range wb.Entries[0].Findings {
		got = append(got, f.Code+": "+f.Message)
	}
	sameLines(t, "findings", got, []string{"id_numeric: 身份证号被存为数字，末几位已丢失（只剩140521????????????，?为丢失的数字），无法核对；请把该列设置为文本格式后重新输入完整的18位号码"})
}

// The tester's rows: a living senior whose 低保类别 has a space in it, or
// whose 残疾等级 is written 二级残疾 or 贰级, is paid, not held as
// value_unknown.
func TestPlainValuesNotHeld(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", map[string]any{"低保类别": "城市 低保"}),
		row(2, "顾清金", "140502194611306543", map[string]any{"残疾等级": "二级残疾", "残疾类别": "肢体"}),
		row(3, "马荣金", "140502194502024643", map[string]any{"残疾等级": "贰级", "残疾类别": "视力残疾"}),
	})
	wb, err := ReadFile(p, "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Entries) != 3 {
		t.Fatalf("%d entries", len(wb.Entries))
	}
	for _, e := range wb.Entries {
		if e.Held {
			t.Errorf("row %d held: %+v", e.Person.Source.Row, e.Findings)
		}
	}
	if got := wb.Entries[0].Person.Dibao; got != domain.DibaoUrban {
		t.Errorf("城市 低保 read as %q", got)
	}
	for i, want := range []domain.Disability{{}, {Grade: 2, Category: "肢体"}, {Grade: 2, Category: "视力"}} {
		if wb.Entries[i].Person.Disability != want {
			t.Errorf("row %d: disability %+v, want %+v", i+4, wb.Entries[i].Person.Disability, want)
		}
	}
}

// A message quoting a cell names the no-break space or tab in
// it, rather than show what looks like an ordinary space or nothing; so do
// findings made after the rosters are read (Consolidate).
func TestMessagesShowInvisible(t *testing.T) {
	dir := t.TempDir()
	p := writeRoster(t, dir, "a.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", map[string]any{"死亡日期": "2026\u00a0年10月"}),
		row(2, "顾清金", "140502194611306543", map[string]any{"低保类别": "城市\t低保待定"}),
	})
	wb, err := ReadFile(p, "a.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	wb.Entries[1].Add(domain.Notice, "test_after_read", "备注「健\u00a0在」")
	res := Consolidate([]*Workbook{wb}, nov)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Code+": "+f.Message)
	}
	sameLines(t, "findings", got, []string{
		"death_date_invalid: 死亡日期「2026〔不换行空格 U+00A0〕年10月」无法识别，请写成 2026-10-15 或设置为日期格式；补填准确日期后，死亡以后已发放的月份会按该日期追回",
		"value_unknown: 低保类别「城市〔制表符 U+0009〕低保待定」不是可识别的值，应为：空、否、城市低保、农村低保、低保、是、低保边缘",
		"test_after_read: 备注「健〔不换行空格 U+00A0〕在」",
	})
}

// So does a notice about a sheet (columns_ignored quotes headers).
func TestNoticesShowInvisible(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "家庭\u00a0住址"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"贺国荣", "140502194204206481", "景德"})
	wb := readSaved(t, f, t.TempDir(), "a.xlsx")
	var got []string
	for _, n := range wb.Notices {
		got = append(got, n.Code+": "+n.Message)
	}
	sameLines(t, "notices", got, []string{"columns_ignored: 以下列不是花名册的标准列，未使用：家庭〔不换行空格 U+00A0〕住址"})
}

// A 特困类别 that also says how the person is supported (分散供养, 集中供养)
// or ends in 人员 is the kind it names: an auditor's 农村特困分散供养 was
// held as value_unknown. Anything else after the kind is still unknown.
func TestTekunWithSupportMode(t *testing.T) {
	for in, want := range map[string]string{
		"农村特困分散供养": "农村特困", "城市特困集中供养": "城市特困", "农村特困（分散供养）": "农村特困",
		"农村特困人员": "农村特困", "特困供养人员": "特困", "城市特困(集中)": "城市特困", "特困人员": "特困",
		"特困人员（分散供养）": "特困", "城市特困人员（集中供养）": "城市特困", "农村特困人员(分散)": "农村特困",
	} {
		if got, ok := parseTekun(in); !ok || got.String() != want {
			t.Errorf("parseTekun(%s) = %q, %v; want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"农村特困待定", "城市五保", "特困边缘", "城市特困农村", "特困人员（待定）"} {
		if got, ok := parseTekun(in); ok {
			t.Errorf("parseTekun(%s) = %q, want unknown", in, got)
		}
	}
}

// Plain variants of a status are read as the kind they name: 五保 is the
// old name of 农村特困, 户 after a kind is its household, 城镇低保 is
// 城市低保 (a tester's rows were held as value_unknown). Guesses are not:
// 失能 or 完全不能自理 is no 自理能力 of the list, and a tick says nothing
// of the kind.
func TestStatusVariants(t *testing.T) {
	for in, want := range map[string]domain.Tekun{
		"五保": domain.TekunRural, "农村五保": domain.TekunRural, "五保户": domain.TekunRural, "农村五保户": domain.TekunRural,
		"五保供养": domain.TekunRural, "农村特困供养": domain.TekunRural, "城市特困供养": domain.TekunUrban,
		"特困户": domain.TekunUnspecified, "农村特困户": domain.TekunRural,
	} {
		if got, ok := parseTekun(in); !ok || got != want {
			t.Errorf("parseTekun(%s) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for in, want := range map[string]domain.Dibao{
		"低保户": domain.DibaoUnspecified, "城市低保户": domain.DibaoUrban, "农村低保户": domain.DibaoRural,
		"城镇低保": domain.DibaoUrban, "城镇低保户": domain.DibaoUrban, "低保边缘户": domain.DibaoMarginal,
	} {
		if got, ok := parseDibao(in); !ok || got != want {
			t.Errorf("parseDibao(%s) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"√", "城市五保", "五保边缘", "是户", "户"} {
		if got, ok := parseTekun(in); ok {
			t.Errorf("parseTekun(%s) = %q, want unknown", in, got)
		}
		if got, ok := parseDibao(in); ok {
			t.Errorf("parseDibao(%s) = %q, want unknown", in, got)
		}
	}
	for _, in := range []string{"失能", "完全不能自理", "√"} {
		if got, ok := parseSelfCare(in); ok {
			t.Errorf("parseSelfCare(%s) = %q, want unknown", in, got)
		}
	}
	if got, ok := parseYesNo("√"); ok {
		t.Errorf("parseYesNo(√) = %v, want unknown", got)
	}
}

// badDates are date cells parseDate refuses, one for each of its messages.
var badDates = []string{
	"2026-11-31",   // a day that does not exist
	"15/10/2026",   // not a form it reads
	"46",           // a number, perhaps an age
	"2026.10",      // a year and month as a number
	"2026年10月",     // a year and month
	"二〇二六年九月廿三日",   // perhaps lunar
	"二〇二六年九月十五",    // a day in numerals without 日
	"26年10月15日",    // a two-digit year
	"0.5",          // a serial before the first day
	"2026年10月15日日", // unreadable
}

// Every date message says what to write, with an example that fits its
// column: a 死亡日期 is not asked for as 1946-03-05, a birth date's
// example is, and a day that does not exist is not merely said so
// (2026-11-31 was told 这一天不存在 and nothing to do).
func TestDateMessagesFitTheirColumn(t *testing.T) {
	var rows [][]any
	for i, v := range badDates {
		rows = append(rows, row(2*i+1, fmt.Sprintf("死%d", i), "140502194204206481", map[string]any{"死亡日期": v}))
		rows = append(rows, row(2*i+2, fmt.Sprintf("生%d", i), "140502194204206481", map[string]any{"出生日期": strings.Replace(v, "2026", "1942", 1)}))
	}
	wb := readAll(t, writeRoster(t, t.TempDir(), "东街.xlsx", rows))[0]
	var training [][]any
	for i, v := range badDates {
		training = append(training, []any{"学员", withCheck(fmt.Sprintf("110105194912311%02d", i)), "马琴", "140502192907171685", "普惠制", "", v, fmt.Sprintf("A%d", i), ""})
	}
	tr := writeTraining(t, t.TempDir(), "培训.xlsx", training...)
	var list [][]any
	for _, v := range badDates {
		list = append(list, []any{"马琴", "140502192907171685", v})
	}
	death := writeList(t, t.TempDir(), "11月死亡名单.xlsx", []any{"姓名", "公民身份号码", "死亡日期"}, list...)

	check := func(what, msg, example string) {
		t.Helper()
		if !strings.Contains(msg, "请") || !strings.Contains(msg, example) || example != "1946-03-05" && strings.Contains(msg, "1946") {
			t.Errorf("%s: %q, want what to do (请) and the example %s", what, msg, example)
		}
	}
	n := map[string]int{}
	for _, e := range wb.Entries {
		for _, f := range e.Findings {
			switch f.Code {
			case "death_date_invalid":
				check(e.Person.Name, f.Message, "2026-10-15")
			case "birth_date_invalid":
				check(e.Person.Name, f.Message, "1946-03-05")
			}
			n[f.Code]++
		}
	}
	for _, e := range tr.Trainings {
		for _, f := range e.Findings {
			if f.Code == "training_date_invalid" {
				check("结业日期 row "+fmt.Sprint(f.Where.Row), f.Message, "2026-10-15")
				n[f.Code]++
			}
		}
	}
	for _, f := range death.Notices {
		if f.Code == "status_row_invalid" {
			check("死亡名单 row "+fmt.Sprint(f.Where.Row), f.Message, "2026-10-15")
			n[f.Code]++
		}
	}
	// Two of them, 1942.10 and 1942年10月, give a 出生日期's year and month,
	// which check the ID's as far as they go (parseBirth): this ID's
	// birth month is another.
	if n["birth_date_mismatch"] != 2 {
		t.Errorf("%d findings birth_date_mismatch, want 2 (a year and month not the ID's)", n["birth_date_mismatch"])
	}
	n["birth_date_invalid"] += 2
	for _, code := range []string{"death_date_invalid", "birth_date_invalid", "training_date_invalid", "status_row_invalid"} {
		if n[code] != len(badDates) {
			t.Errorf("%d findings %s, want %d (one per bad date)", n[code], code, len(badDates))
		}
	}
}

// Messages that named a problem and nothing to do now say it: an agency
// list's row with a bad ID (told in English), a 低保类别 or 残疾等级 it
// does not know (with no value quoted for the latter), a copy of a row
// paid once from a row of the same street, and an ID taken from a
// 残疾人证号.
func TestMessagesSayWhatToDo(t *testing.T) {
	dir := t.TempDir()
	roster := readAll(t, writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "贺国荣", "140502194204206481", nil),
		row(2, "贺国荣", "140502194204206481", nil),
		row(3, "毛桂英", "14050219410303587142", nil),
	}))[0]
	dibao := writeList(t, dir, "低保名册.xlsx", []any{"姓名", "身份证号码", "低保类别", "保障起止日期"},
		[]any{"顾清金", "140502194611306543", "城市低保", "2024-01-01至2026-12-31"},
		[]any{"贺国荣", "140502194204206482", "城市低保", "2024-01-01至2026-12-31"},
		[]any{"贺国荣", "140502194204206481", "特殊低保", "2024-01-01至2026-12-31"},
	)
	disability := writeList(t, dir, "残疾人名册.xlsx", []any{"姓名", "身份证号码", "残疾等级", "残疾类别", "证件有效期"},
		[]any{"顾清金", "140502194611306543", "二级", "肢体", "2028-01-01"},
		[]any{"贺国荣", "140502194204206481", "五级", "肢体", "2028-01-01"},
	)
	res := Consolidate([]*Workbook{roster, dibao, disability}, nov)
	var got []string
	for _, f := range slices.Concat(dibao.Notices, disability.Notices, res.Findings) {
		switch f.Code {
		case "status_row_invalid", "duplicate_identical", "id_from_disability_card":
			got = append(got, f.Code+": "+f.Message)
		}
	}
	if len(got) != 5 {
		t.Errorf("%d findings, want 5:\n%s", len(got), strings.Join(got, "\n"))
	}
	for _, m := range got {
		if !strings.Contains(m, "请") || strings.Contains(m, "identity") {
			t.Errorf("%s: does not say what to do, in Chinese", m)
		}
		if strings.Contains(m, "不是可识别的值") && (!strings.Contains(m, "应为") || !strings.Contains(m, "「")) {
			t.Errorf("%s: does not quote the value and say which values are known", m)
		}
	}
}

// An ID cell holding a number of fewer than 15 significant digits (what
// 1.40502E+17 typed or pasted back into Excel stores) reads as digits whose
// birth date is no date: it is told as a number cell (id_numeric), the
// zeros after the digits kept shown as lost, and how to fix it, not as a
// birth date to check that nobody typed.
func TestShortNumberIDIsToldAsANumber(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A3", &header)
	r := row(1, "贺国荣", 140502000000000000.0, nil)
	f.SetSheetRow("Sheet1", "A4", &r)
	wb := readSaved(t, f, t.TempDir(), "东街.xlsx")
	var got []string
	for _, fd := range wb.Entries[0].Findings {
		got = append(got, fd.Code+": "+fd.Message)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "id_numeric: ") || !strings.Contains(got[0], "只剩140502????????????") || !strings.Contains(got[0], "文本格式") {
		t.Errorf("findings %q", got)
	}
}
