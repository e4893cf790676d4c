package roster

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// noteRoster writes people, then a blank row, then each note as a row of
// its own (its text in the 序号 column, as staff type a 说明 below the
// table, or in cells side by side), and reads it.
func noteRoster(t *testing.T, people [][]any, notes ...[]any) *Workbook {
	t.Helper()
	rows := append([][]any{}, people...)
	rows = append(rows, []any{})
	rows = append(rows, notes...)
	return readAll(t, writeRoster(t, t.TempDir(), "东街.xlsx", rows))[0]
}

// heldBy gives, a line per entry of wb, its 姓名 and its findings as
// code@column, and the note_stop messages.
func heldBy(wb *Workbook) (lines, msgs []string) {
	for _, e := range wb.Entries {
		lines = append(lines, e.Person.Name+" "+strings.Join(findingsOf(e, func(f domain.Finding) string {
			if f.Code == CodeNoteStop || f.Code == CodeNoteDeath {
				msgs = append(msgs, f.Message)
			}
			return f.Code + "@" + f.Where.Column
		}), ","))
	}
	return lines, msgs
}

// A note below the table (a row with no 姓名 and no ID, skipped as
// row_template or row_footer) that says a listed person died or stopped,
// as a 备注 would, holds that person's row (note_stop), at the column that
// named them (姓名, ID or 序号), quoting the note and its row; the note's
// notice says whom it held. The longest listed name counts (王秀英, not
// 王秀), names listed together or under a heading share what is said of
// them, a clause without a subject after a name is said of it (李四10月迁出，
// 本月起停发), and a death of a row that gives a 死亡日期 is left to the date.
// Before this a tester's 说明：邹香已于2026年10月3日去世，请停发 was a notice
// and 邹香 was paid.
func TestNoteBelowTableHolds(t *testing.T) {
	people := [][]any{
		row(1, "邹香", "140502194204206481", nil),                                  // 4
		row(2, "王秀英", "140502194702024808", nil),                                 // 5
		row(3, "李四", "140502194611306543", nil),                                  // 6
		row(4, "王秀", "140502194703050012", nil),                                  // 7
		row(5, "赵六", "140525195910280434", map[string]any{"死亡日期": "2026-11-03"}), // 8
		row(6, "孙七", withCheck("14050219261102110"), nil),                        // 9
		row(7, "周八", "140502192612115846", nil),                                  // 10
		row(8, "吴九", withCheck("14050219400101901"), nil),                        // 11
		row(9, "郑十", withCheck("14050219400101902"), nil),                        // 12
		row(10, "钱一", withCheck("14050219400101903"), nil),                       // 13
		row(11, "冯二", withCheck("14050219400101904"), nil),                       // 14
		row(12, "陈三", withCheck("14050219400101905"), nil),                       // 15
	}
	wb := noteRoster(t, people,
		[]any{"说明：邹香已于2026年10月3日去世，请停发"},                              // 17
		[]any{"备注：2号王秀英已死亡"},                                          // 18
		[]any{"注：李四10月迁出，本月起停发"},                                      // 19
		[]any{"赵六已去世"},                                                // 20
		[]any{"身份证号" + withCheck("14050219261102110") + "的老人已于10月去世"}, // 21
		[]any{"备注：7号于11月2日病故"},                                        // 22
		[]any{"以下人员已去世：吴九、郑十"},                                        // 23
		[]any{"说明", "钱一（10月3日去世）"},                                    // 24: two cells
		[]any{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "冯二、陈三户口已迁往外省"}, // 25: in the 备注 column
	)
	// a heading that stops, each name with what is said of it
	more := noteRoster(t, people[:3], []any{"本月减少2人：邹香（死亡）、李四（迁出）"}, []any{"说明：王秀英新增"})
	if lines, _ := heldBy(more); !slices.Equal(lines, []string{"邹香 note_death@D", "王秀英 ", "李四 note_stop@D"}) {
		t.Errorf("减少 heading: %v", lines)
	}
	lines, msgs := heldBy(wb)
	sameLines(t, "entries", lines, []string{
		"邹香 note_death@D", "王秀英 note_death@D", "李四 note_stop@D", "王秀 ", "赵六 ", "孙七 note_death@E", "周八 note_death@A",
		"吴九 note_death@D", "郑十 note_death@D", "钱一 note_death@D", "冯二 note_stop@D", "陈三 note_stop@D",
	})
	for _, e := range wb.Entries {
		if e.Held != (e.Person.Name != "王秀" && e.Person.Name != "赵六") {
			t.Errorf("%s: held %v", e.Person.Name, e.Held)
		}
	}
	for i, w := range []string{
		"第17行的说明「说明:邹香已于2026年10月3日去世,请停发」写到「邹香」已去世，本行暂缓发放",
		"第18行的说明「备注:2号王秀英已死亡」写到「王秀英」已去世",
		"第19行的说明「注:李四10月迁出,本月起停发」写到「李四」停发或已迁出",
		"写到身份证号「" + withCheck("14050219261102110") + "」已去世",
		"第22行的说明「备注:7号于11月2日病故」写到序号「7号」已去世",
	} {
		if i >= len(msgs) || !strings.Contains(msgs[i], w) || !strings.Contains(msgs[i], "删除本行") {
			t.Errorf("message %d: want %s in it, messages %q", i, w, msgs)
		}
	}
	told := map[int]string{}
	for _, n := range wb.Notices {
		told[n.Where.Row] = n.Message
	}
	for row, w := range map[int]string{17: "据此暂缓发放：邹香（第4行）", 18: "据此暂缓发放：王秀英（第5行）", 20: "说到的赵六（第8行）已填写死亡日期",
		23: "据此暂缓发放：吴九（第11行）、郑十（第12行）", 25: "据此暂缓发放：冯二（第14行）、陈三（第15行）"} {
		if !strings.Contains(told[row], w) {
			t.Errorf("notice of row %d: %q, want %s in it", row, told[row], w)
		}
	}
	// note_stop stops: the months held are not paid back by themselves.
	if !domain.StopCode(CodeNoteStop) {
		t.Error("note_stop is no stop code")
	}
}

// A note on one sheet may name a person on another: the person is held,
// the message naming the note's sheet; of two people of one name the one
// on the note's own sheet is meant. A 序号 names a row of the note's own
// sheet only.
func TestNoteOnAnotherSheet(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "东街社区")
	f.NewSheet("西街社区")
	for sheet, rows := range map[string][][]any{
		"东街社区": {row(1, "邹香", "140502194204206481", nil), row(2, "王秀英", "140502194702024808", nil)},
		"西街社区": {row(1, "王秀英", "140502194611306543", nil), row(2, "李四", "140502194703050012", nil), {}, {"说明：邹香、王秀英已去世；2号已迁出本区"}},
	} {
		f.SetSheetRow(sheet, "A1", &header)
		for i, r := range rows {
			f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &r)
		}
	}
	wb := readSaved(t, f, t.TempDir(), "街道.xlsx")
	lines := entryLines(wb, func(e Entry) string {
		return e.Person.Source.Sheet + ":" + e.Person.Name + " " + strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code }), ",")
	})
	sameLines(t, "entries", lines, []string{"东街社区:邹香 note_death", "东街社区:王秀英 ", "西街社区:王秀英 note_death", "西街社区:李四 note_stop"})
	if m := wb.Entries[0].Findings[0].Message; !strings.Contains(m, "工作表「西街社区」第5行的说明") {
		t.Errorf("the note's sheet is not named: %s", m)
	}
}

// Notes that say no death or stop of a listed person hold nobody: a
// signature line naming staff who are seniors on the roster too (张三,
// 李四), a remark about the dead in general (死亡人员已删除, 本表不含已故人员),
// an instruction (如有死亡请及时上报, 已故人员请填写死亡日期), a supposition
// naming someone (如张三已去世请停发), a negation, a spouse's or daughter's
// death, money taken back, someone not listed next to a listed name
// (原刘大已去世), a longer name not listed (王秀兰 beside 王秀), a date
// (10月3号) or a building (3号楼) that is no 序号, who collects, a stop
// from a later month, a move within the district. A note that speaks of a
// death or a stop and names nobody listed says so in its notice.
func TestNoteFalsePositives(t *testing.T) {
	people := [][]any{
		row(1, "张三", "140502194204206481", nil),
		row(2, "李四", "140502194702024808", nil),
		row(3, "王秀英", "140502194611306543", nil),
		row(4, "王秀", "140502194703050012", nil),
	}
	notes := [][]any{
		{"制表人：张三 审核人：李四"},
		{"制表人：张三", nil, nil, "审核人：李四", nil, "说明：死亡人员已删除"},
		{"说明：死亡人员已删除，本月新增王秀英"},
		{"注：本表不含已故人员"},
		{"如有死亡请及时上报"},
		{"填表说明：已故人员请填写死亡日期，死亡当月照发"},
		{"如张三已去世请停发"},
		{"经核实，张三未死亡，继续发放"},
		{"说明：王秀英老伴已于10月去世，本人健在"},
		{"李四之女已去世"},
		{"王秀英上月多发已清退"},
		{"说明：本月新增王秀英，原刘大已去世已删除"},
		{"王秀兰已去世"},
		{"说明：10月3号停发的人员已删除"},
		{"3号楼李大爷已去世"},
		{"张三代领人已去世，现由其子代领"},
		{"下月起张三停发"},
		{"李四户口迁至西街街道"},
		{"联系人：王秀英 联系电话：13800000000"},
		{"张三、李四均健在"},
		{"删除：李四（重复）"},
		{"以上人员已核实，无死亡、迁出情况"},
		{"说明：上月停发的李四本月恢复发放"},
		{"张三（原死亡误报，已恢复发放）"},
	}
	wb := noteRoster(t, people, notes...)
	lines, _ := heldBy(wb)
	sameLines(t, "entries", lines, []string{"张三 ", "李四 ", "王秀英 ", "王秀 "})
	var nobody []int
	for _, n := range wb.Notices {
		if strings.Contains(n.Message, "没有与本工作簿中人员") {
			nobody = append(nobody, n.Where.Row-9)
		}
		if strings.Contains(n.Message, "据此暂缓发放") {
			t.Errorf("row %d: %s", n.Where.Row, n.Message)
		}
	}
	// the notes (numbered from 0) that speak of a death or stop of someone not listed
	if want := []int{1, 2, 9, 11, 12, 13, 14}; !slices.Equal(nobody, want) {
		t.Errorf("notes told they name nobody: %v, want %v", nobody, want)
	}
}

// A note typed into the 姓名 column of a row with no ID (说明：邹香已于…去世，
// 请停发 under 姓名, the 序号, 街道 and 社区 of the template filled), or into
// the ID column of a row with no 姓名, is read as a note as well as held as
// the row it is: the senior it names is held (note_stop), and the row's own
// findings stay, telling whom it held. The 姓名 is a note when it has a
// colon or a sentence's punctuation, a date, more than ten characters
// without a name's dot, or starts with 说明, 备注 or 注. Before this the row
// was held (id_missing, remark_death) and 邹香 above was paid.
func TestNoteInNameColumn(t *testing.T) {
	people := [][]any{
		row(1, "邹香", "140502194204206481", nil),                                            // 4
		row(2, "王秀英", "140502194702024808", nil),                                           // 5
		row(3, "李四", "140502194611306543", nil),                                            // 6
		row(4, "赵大", "140502194703050012", nil),                                            // 7
		row(5, "周八", "140502192612115846", nil),                                            // 8
		row(6, "孙七", withCheck("14050219261102110"), map[string]any{"死亡日期": "2026-11-03"}), // 9
	}
	wb := noteRoster(t, people,
		row(60, "说明：邹香已于2026年10月3日去世，请停发", nil, nil), // 11: colon and commas
		row(61, "王秀英已于2026年10月去世", nil, nil),         // 12: a date
		row(62, "备注李四本月起停发", nil, nil),               // 13: 备注 first, all letters
		row(63, "赵大户口已于十月迁出本区请停发", nil, nil),         // 14: long
		[]any{nil, nil, nil, nil, "注：周八10月迁出，本月起停发"}, // 15: in the ID column
		row(65, "孙七已于2026年11月3日去世", nil, nil),        // 16: a death the row dates
	)
	lines, msgs := heldBy(wb)
	sameLines(t, "entries", lines, []string{
		"邹香 note_death@D", "王秀英 note_death@D", "李四 note_stop@D", "赵大 note_stop@D", "周八 note_stop@D", "孙七 ",
		"说明:邹香已于2026年10月3日去世,请停发 remark_death@D,id_missing@E",
		"王秀英已于2026年10月去世 remark_death@D,id_missing@E",
		"备注李四本月起停发 id_missing@E",
		"赵大户口已于十月迁出本区请停发 id_missing@E",
		" name_missing@D,street_missing@B,id_length@E",
		"孙七已于2026年11月3日去世 remark_death@D,id_missing@E",
	})
	for _, e := range wb.Entries[:5] {
		if !e.Held {
			t.Errorf("%s is paid", e.Person.Name)
		}
	}
	if len(msgs) == 0 || !strings.Contains(msgs[0], "第11行的说明「说明:邹香已于2026年10月3日去世,请停发」写到「邹香」已去世") {
		t.Errorf("messages %q", msgs)
	}
	for i, w := range map[int]string{6: "此格读作说明，据此暂缓发放：邹香（第4行）", 8: "据此暂缓发放：李四（第6行）", 10: "据此暂缓发放：周八（第8行）", 11: "说到的孙七（第9行）已填写死亡日期"} {
		e := wb.Entries[i]
		if !e.Held || !slices.ContainsFunc(e.Findings, func(f domain.Finding) bool { return strings.Contains(f.Message, w) }) {
			t.Errorf("row %d: want %s in %q", e.Person.Source.Row, w, findingsOf(e, func(f domain.Finding) string { return f.Message }))
		}
	}
}

// A senior whose ID is missing stays a person, never a note: a plain name
// (邹香), a long minority name (阿卜杜热合曼·买买提艾力), a name with a
// remark in brackets (邹香（已故）, read as today: the person's own death).
// A 姓名 with a note beside an ID is the person's too.
func TestNoteInNameColumnFalsePositives(t *testing.T) {
	people := [][]any{
		row(1, "王秀英", "140502194702024808", nil),
		row(2, "邹香", nil, nil),
		row(3, "阿卜杜热合曼·买买提艾力", nil, nil),
		row(4, "王秀英（已故）", nil, nil),
		row(5, "邹香（已故）", "140502194204206481", nil),
	}
	wb := noteRoster(t, people)
	lines, _ := heldBy(wb)
	sameLines(t, "entries", lines, []string{
		"王秀英 ",
		"邹香 id_missing@E",
		"阿卜杜热合曼·买买提艾力 id_missing@E",
		"王秀英（已故） remark_death@D,id_missing@E",
		"邹香（已故） remark_death@D",
	})
	for _, c := range []struct {
		name string
		note bool
	}{
		{"邹香", false}, {"阿卜杜热合曼·买买提艾力", false}, {"邹香（已故）", false}, {"欧阳修文", false}, {"王五2", false}, {"3号王秀英", false},
		{"说明：邹香已去世", true}, {"邹香,已故", true}, {"邹香10月3日去世", true}, {"备注李四停发", true}, {"注李四停发", true},
		{"赵大户口已于十月迁出本区请停发", true}, {"2026-10-03去世", true},
	} {
		if got := noteInName(c.name); got != c.note {
			t.Errorf("noteInName(%s) = %v, want %v", c.name, got, c.note)
		}
	}
}

// numberedFive is a roster of five people, 序号 1 to 5, whom notes name
// by 序号 or by name.
func numberedFive() [][]any {
	return [][]any{
		row(1, "张三", "140502194204206481", nil),
		row(2, "李四", "140502194702024808", nil),
		row(3, "王秀英", "140502194611306543", nil),
		row(4, "王五", "140502194703050012", nil),
		row(5, "赵六", "140525195910280434", nil),
	}
}

// A day written N号 after a name or after 于 (张三于3号去世, 张三3号已去世,
// 李四已于5号迁出本区) is no 序号, and a 序号 right after a name (张三（3号）)
// is decided by the name, as 3号王秀英 is: before this the senior of 序号
// 3 was held with 张三 for 张三's death.
func TestNoteDayIsNoSeq(t *testing.T) {
	people := numberedFive()
	notesHold(t, people, map[string][]string{
		"张三于3号去世":       {"张三"},
		"张三3号已去世":       {"张三"},
		"张三、李四均于3号去世":   {"张三", "李四"},
		"李四已于5号迁出本区":    {"李四"},
		"张三（3号）已去世":     {"张三"},
		"张三(序号3)已去世":    {"张三"},
		"3号已去世":         {"王秀英"},
		"备注：4号于11月2日病故": {"王五"},
	})
}

// A name right before a date and a bare death or 走的 (张三10月走的,
// 王秀英2026.10.3故) says that person died, as the words alone do in a
// 备注: the note held nobody, and 张三 was paid.
func TestNoteNameBeforeDateOfDeath(t *testing.T) {
	notesHold(t, numberedFive(), map[string][]string{
		"张三10月走的":       {"张三"},
		"张三已于10月份走的":    {"张三"},
		"王秀英2026.10.3故": {"王秀英"},
		"李四10月走访":       nil,
		"张三10月走的，搬到女儿家": nil,
	})
}

// A note naming several 序号 at once, listed or as a range (第1、2号两位老人
// 已于10月去世; 以上序号1-2人员已死亡; 1号、3号已去世; 1至3号), holds each
// one named: a newcomer's first note held only 2号, the second nobody. A
// day (于1、2号, 10月1、2号), a range that runs down or too far (a date's
// 2026-10-3号, 5-2号, 1-200号), an address (凤台街1-3号) or a building
// (3-5号楼), a document's number
// (第3号) and numbers that number the note's statements (1、3号已去世；2、5号
// 迁出本区) name no row, nor does a comma join 序号 written with 号 (本月新增
// 3号，5号已去世 holds 5号 only); a 序号 written 1-2 on the roster is that row.
func TestNoteSeqLists(t *testing.T) {
	people := numberedFive()
	notesHold(t, people, map[string][]string{
		"说明：第1、2号两位老人已于10月去世，请停发。": {"张三", "李四"},
		"以上序号1-2人员已死亡":             {"张三", "李四"},
		"1号、3号已去世":                 {"张三", "王秀英"},
		"1号至3号已去世":                 {"张三", "李四", "王秀英"},
		"1-3号已去世":                  {"张三", "李四", "王秀英"},
		"序号1、3已去世":                 {"张三", "王秀英"},
		"1、2号已去世":                  {"张三", "李四"},
		"第2，4号停发":                  {"李四", "王五"},
		// not rows
		"王五、赵六于10月1、2号去世":  {"王五", "赵六"},
		"王五、赵六均于1、2号去世":    {"王五", "赵六"},
		"王秀英2026-10-3号去世":  {"王秀英"},
		"5-2号已去世":          nil,
		"1-200号已去世":        nil,
		"3-5号楼李大爷已去世":      nil,
		"王秀英（住凤台街1-3号）已去世": {"王秀英"},
		"住泽州路2号的赵六已去世":     {"赵六"},
		"第3号已去世":           nil,
		"1、3号已去世；2、5号迁出本区": {"王秀英", "赵六"},
		"1、3号已去世 2、5号迁出本区": {"王秀英", "赵六"},
		"本月新增3号，5号已去世":     {"赵六"},
		"本月新增1、2号，5号已去世":   {"赵六"},
		"经核实，1-3号均健在":      nil,
	})
	// the message names the list as written
	_, msgs := heldBy(noteRoster(t, people, []any{"以上序号1-2人员已死亡"}))
	if len(msgs) != 2 || !strings.Contains(msgs[0], "写到序号「序号1-2」已去世") {
		t.Errorf("messages %q", msgs)
	}
	// a 序号 written 1-2 or 3-1 on the roster (a household's members) is that row
	sub := slices.Clone(people)
	sub[1], sub[2] = slices.Clone(sub[1]), slices.Clone(sub[2])
	sub[1][0], sub[2][0] = "1-2", "3-1"
	for note, want := range map[string]string{"序号1-2已去世": "李四", "3-1号已去世": "王秀英"} {
		if held := noteHeld(noteRoster(t, sub, []any{note})); !slices.Equal(held, []string{want}) {
			t.Errorf("%s: held %v, want %s", note, held, want)
		}
	}
}

// notesHold reads people with each note of want below them, alone, and
// checks that it holds the people want gives it (in roster order; nil for
// none).
func notesHold(t *testing.T, people [][]any, want map[string][]string) {
	t.Helper()
	for note, names := range want {
		if held := noteHeld(noteRoster(t, people, []any{note})); !slices.Equal(held, names) {
			t.Errorf("%s: held %v, want %v", note, held, names)
		}
	}
}

// noteHeld gives the 姓名 of the entries of wb held by a note (note_stop).
func noteHeld(wb *Workbook) []string {
	var held []string
	for _, e := range wb.Entries {
		if slices.ContainsFunc(e.Findings, func(f domain.Finding) bool { return f.Code == CodeNoteStop || f.Code == CodeNoteDeath }) {
			held = append(held, e.Person.Name)
		}
	}
	return held
}

// A street's summary of the month, names in brackets after a tally
// (本月新增1人（赵六），死亡1人（王五）), holds the people under the tally of
// deaths or stops and not those added: a tally (死亡0人, 减少2人（死亡1人、
// 迁出1人）) is about a count of people, not about the names before it, and
// brackets opened after a tally close the list. Names listed with 、 share
// what is said before them (新增赵六、刘桂兰，王五死亡). Before this the
// seniors added were held for the death counted after them.
func TestNoteSummaryTallies(t *testing.T) {
	people := [][]any{
		row(1, "张三", "140502194204206481", nil),
		row(2, "李四", "140502194702024808", nil),
		row(3, "王五", "140502194611306543", nil),
		row(4, "赵六", "140502194703050012", nil),
		row(5, "刘桂兰", "140525195910280434", nil),
	}
	notesHold(t, people, map[string][]string{
		"本月新增1人（赵六），死亡1人（王五）":            {"王五"},
		"死亡1人（王五），新增1人（赵六）":              {"王五"},
		"本月新增1人(赵六),死亡1人(王五)":            {"王五"},
		"恢复发放1人（赵六），停发1人（王五）":            {"王五"},
		"本月新增1人（赵六），死亡0人":                nil,
		"本月新增1人（赵六），减少0人":                nil,
		"本月新增2人（赵六、刘桂兰），减少2人（死亡1人、迁出1人）": nil,
		"死亡1人（王五），李四迁入":                  {"王五"},
		"新增赵六、刘桂兰，王五死亡":                  {"王五"},
		"本月新增张三、李四，王五去世":                 {"王五"},
		"新增人员（赵六），死亡人员（王五）":              {"王五"},
		"本月减少2人（王五死亡、李四迁出本区）":            {"李四", "王五"},
		"以下人员已去世（王五、刘桂兰）":                {"王五", "刘桂兰"},
		"王五，于10月3日去世（火化）":                {"王五"},
	})
}

// A stop taken back with the name inside it (取消张三停发, 取消李四的暂停发放)
// holds nobody, as 张三取消停发 does not; 取消张三的资格 still stops. Before
// this the name split 取消停发 into two stops and held 张三.
func TestNoteStopCancelled(t *testing.T) {
	people := [][]any{
		row(1, "张三", "140502194204206481", nil),
		row(2, "李四", "140502194702024808", nil),
	}
	notesHold(t, people, map[string][]string{
		"取消张三停发":       nil,
		"说明：取消李四的暂停发放": nil,
		"张三取消停发":       nil,
		"取消张三的资格":      {"张三"},
	})
}

// A note that withdraws a death or a stop it names (张三10月死亡，经核实为同名
// 误报; 李四停发申请已撤回; 李四上月停发，本月补发) holds nobody; one that
// speaks of money paid in error beside a death (张三已去世，误发的10月补贴请
// 追回) or denies an error (张三确认死亡，非误报) still holds. A tester's
// such notes held living seniors.
func TestNoteWithdrawn(t *testing.T) {
	people := [][]any{
		row(1, "张三", "140502194204206481", nil),
		row(2, "李四", "140502194702024808", nil),
	}
	notesHold(t, people, map[string][]string{
		"张三10月死亡，经核实为同名误报":           nil,
		"说明：张三上月因死亡停发，经核实系误报，本月恢复发放": nil,
		"张三已去世（误），实际健在":              nil,
		"经复核张三不属于死亡":                 nil,
		"李四停发申请已撤回":                  nil,
		"李四上月停发，本月补发":                nil,
		"张三已去世，误发的10月补贴请追回":          {"张三"},
		"张三确认死亡，非误报":                 {"张三"},
		"李四死亡，家属误领了上月补贴":             {"李四"},
	})
}

// A death said with a stop (已于11月3日去世，请停发; 已故，停发), in a 备注,
// a comment or a note below the table, on a row that gives the 死亡日期,
// is left to the date as a death said alone is: the stop is the death's.
// The holds ask for the date and promise the month of death is paid
// (死亡当月仍发放); before this a clerk who filled it in found the row held
// again, as remark_stop or with the same note_stop, and the month of death
// was never paid. A move out of the district said with the death is a stop
// of its own and still holds.
func TestDeathAndStopLeftToTheDate(t *testing.T) {
	dated := map[string]any{"死亡日期": "2026-11-03"}
	with := func(remark string) map[string]any {
		return map[string]any{"死亡日期": "2026-11-03", "备注": remark}
	}
	people := [][]any{
		row(1, "邹香", "140502194204206481", dated),                           // 4: the note
		row(2, "王秀英", "140502194702024808", with("已于2026年11月3日去世，请停发")),     // 5
		row(3, "李四", "140502194611306543", with("已故，停发")),                   // 6
		row(4, "赵六", "140525195910280434", dated),                           // 7: the comment
		row(5, "孙七", withCheck("14050219261102110"), with("已迁出本区，11月3日去世")), // 8
		row(6, "周八", "140502192612115846", nil),                             // 9: no date
	}
	rows := append(people, []any{}, []any{"说明：邹香已于2026年11月3日去世，请停发；周八已故，停发"}) // 11
	p := writeRoster(t, t.TempDir(), "东街.xlsx", rows)
	wb := editAndRead(t, p, func(f *excelize.File) error {
		return f.AddComment("Sheet1", excelize.Comment{Cell: "D7", Author: "东街", Text: "已故，停发"})
	})
	lines, msgs := heldBy(wb)
	sameLines(t, "entries", lines, []string{
		"邹香 ", "王秀英 ", "李四 ", "赵六 ", "孙七 remark_stop@P", "周八 note_death@D",
	})
	// 周八's asks for the date and to keep the row: deleted, the month of
	// death would be paid to nobody.
	if len(msgs) != 1 || !strings.Contains(msgs[0], "请在「死亡日期」列填写死亡日期，不要删除本行") {
		t.Errorf("周八's hold: %q", msgs)
	}
}

// A cell of a column without a header on a person's own row (Q or S,
// right of the 备注 column P) that says they died or stopped holds the
// row as a 备注 saying it would, at that cell; other words there (a
// number, a name, 新增) change nothing. Before this 已去世 written beside
// the 备注 was read by nothing, and the dead were paid.
func TestUnheadedCellOnThePersonsRowHolds(t *testing.T) {
	with := func(r []any, cells ...any) []any { return append(r, cells...) }
	wb := readAll(t, writeRoster(t, t.TempDir(), "东街.xlsx", [][]any{
		with(row(1, "邹香", "140502194204206481", nil), "已去世"),                      // 4: Q
		with(row(2, "王秀英", "140502194702024808", nil), nil, nil, "10月起停发"),        // 5: S
		with(row(3, "李四", "140502194611306543", nil), 86, "张三", "新增"),             // 6
		with(row(4, "王秀", "140502194703050012", map[string]any{"备注": "健在"}), nil), // 7
	}))[0]
	lines, _ := heldBy(wb)
	if want := []string{"邹香 remark_death@Q", "王秀英 remark_stop@S", "李四 ", "王秀 "}; !slices.Equal(lines, want) {
		t.Errorf("held: %v, want %v", lines, want)
	}
	for _, e := range wb.Entries[:2] {
		if len(e.Findings) != 1 || !strings.Contains(e.Findings[0].Message, "列（无列名）「") || !e.Held {
			t.Errorf("%s: %+v", e.Person.Name, e.Findings)
		}
	}
}
