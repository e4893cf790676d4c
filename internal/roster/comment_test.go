package roster

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// A comment (批注) on any cell of a person's row that says the senior died
// or the payment stops, as a 备注 would, holds the row (comment_stop; comment_death for a death, which asks for
// the date and not the row's deletion) at
// the comment's cell, quoting it without its author's name; other comments,
// a stop from a later month, Excel's notice around a threaded comment, and
// a death on a row whose 死亡日期 is given hold nothing.
func TestCommentStopHolds(t *testing.T) {
	threaded := "[线程批注]\n\n你的Excel版本可读取此线程批注; 但如果在较新版本的Excel中打开文件，则对批注所做的任何改动都将被删除。了解详细信息: https://go.microsoft.com/fwlink/?linkid=870924\n\n注释:\n    "
	p := writeRoster(t, t.TempDir(), "a.xlsx", [][]any{
		row(1, "邹香", "140502194204206481", nil),                                  // 4: 已故 on the 姓名, as WPS writes it
		row(2, "乙二", "140502194702024808", map[string]any{"备注": "无"}),            // 5: 本月停发 on the 备注
		row(3, "丙三", "140502194611306543", nil),                                  // 6: 已核实
		row(4, "丁四", "140502194703050012", map[string]any{"死亡日期": "2026-11-03"}), // 7: 已故, the date given
		row(5, "戊五", "140502194502024643", nil),                                  // 8: threaded, 已核实
		row(6, "己六", "140525195910280434", nil),                                  // 9: threaded, 已去世
		row(7, "庚七", withCheck("14050219261102110"), nil),                        // 10: 户口已迁往外省 on the 序号
		row(8, "辛八", "140502192612115846", nil),                                  // 11: 下月停发
		row(9, "壬九", withCheck("14050219400101901"), nil),                        // 12: 不是死亡，是户口迁移
		row(10, "癸十", withCheck("14050219400101902"), nil),                       // 13: 如有死亡请填写
		row(11, "子一", withCheck("14050219400101903"), nil),                       // 14: 上月多发已清退
		row(12, "丑二", withCheck("14050219400101904"), nil),                       // 15: 11月核减1人（另一人）
		row(13, "寅三", withCheck("14050219400101905"), nil),                       // 16: 已核减
	})
	wb := editAndRead(t, p, func(f *excelize.File) error {
		for _, c := range []excelize.Comment{
			{Cell: "D4", Author: "Administrator", Paragraph: []excelize.RichTextRun{
				{Text: "Administrator:", Font: &excelize.Font{Bold: true}}, {Text: "\n已故（10月3日）"}}},
			{Cell: "P5", Author: "东街", Text: "本月停发"},
			{Cell: "D6", Author: "东街", Text: "已核实"},
			{Cell: "D7", Author: "东街", Text: "已故"},
			{Cell: "E8", Author: "tc={E722680E-88F9-4806-84CE-A0C8E0F639CB}", Text: threaded + "已核实"},
			{Cell: "E9", Author: "tc={E722680E-88F9-4806-84CE-A0C8E0F639CC}", Text: threaded + "本人已去世"},
			{Cell: "A10", Author: "东街", Text: "户口已迁往外省"},
			{Cell: "P11", Author: "东街", Text: "下月停发"},
			// a template's instruction on the 死亡日期 header and first
			// data cell, a negation, money and another person struck off
			// (a tester's, held): no death or stop of the senior
			{Cell: "O3", Author: "民政局", Text: "已故人员请填写死亡日期，死亡当月照发"},
			{Cell: "O4", Author: "民政局", Text: "已故人员请填写死亡日期，死亡当月照发"},
			{Cell: "P12", Author: "东街", Text: "不是死亡，是户口迁移"},
			{Cell: "O13", Author: "东街", Text: "如有死亡请填写"},
			{Cell: "P14", Author: "东街", Text: "上月多发已清退"},
			{Cell: "P15", Author: "东街", Text: "11月核减1人（另一人）"},
			{Cell: "P16", Author: "东街", Text: "已核减"},
		} {
			if err := f.AddComment("Sheet1", c); err != nil {
				return err
			}
		}
		return nil
	})
	got := map[int]string{}
	var msgs []string
	for _, e := range wb.Entries {
		got[e.Person.Source.Row] = strings.Join(findingsOf(e, func(f domain.Finding) string {
			if f.Code == CodeCommentStop || f.Code == CodeCommentDeath {
				msgs = append(msgs, f.Message)
			}
			return f.Code + "@" + f.Where.Column + ":" + f.Where.Header
		}), ",")
		if held := got[e.Person.Source.Row] != ""; e.Held != held {
			t.Errorf("row %d: held %v, findings %s", e.Person.Source.Row, e.Held, got[e.Person.Source.Row])
		}
	}
	want := map[int]string{
		4: "comment_death@D:姓名", 5: "comment_stop@P:备注", 6: "", 7: "", 8: "", 9: "comment_death@E:公民身份号码",
		10: "comment_stop@A:序号", 11: "", 12: "", 13: "", 14: "", 15: "", 16: "comment_stop@P:备注",
	}
	for row, w := range want {
		if got[row] != w {
			t.Errorf("row %d: %q, want %q", row, got[row], w)
		}
	}
	for i, w := range []string{"D4单元格的批注「已故（10月3日）」说此人已去世", "P5单元格的批注「本月停发」说此人停发", "E9单元格的批注「注释: 本人已去世」说此人已去世", "A10单元格的批注「户口已迁往外省」"} {
		if i >= len(msgs) || !strings.Contains(msgs[i], w) || !strings.Contains(msgs[i], "删除") {
			t.Errorf("message %d: want %s in it, messages %q", i, w, msgs)
			continue
		}
		// A death without its date asks for the date, not the row's
		// deletion: deleted, the month of death is paid to nobody.
		if death := strings.Contains(w, "去世"); death != strings.Contains(msgs[i], "不要删除本行") {
			t.Errorf("message %d: a death asks to keep the row: %v, in %q", i, death, msgs[i])
		}
	}
}

// What a comment says, as one line: its author's name and Excel's lines
// around a threaded comment dropped.
func TestCommentText(t *testing.T) {
	for _, tc := range []struct {
		c    excelize.Comment
		want string
	}{
		{excelize.Comment{Author: "Administrator", Paragraph: []excelize.RichTextRun{{Text: "Administrator:"}, {Text: "\n已故（10月3日）"}}}, "已故（10月3日）"},
		{excelize.Comment{Author: "张三", Text: "张三：\n本月\n停发"}, "本月 停发"},
		{excelize.Comment{Author: "张三", Text: "李四：停发"}, "李四：停发"},
		{excelize.Comment{Text: "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    已核实\nReply:\n    好"}, "Comment: 已核实 Reply: 好"},
	} {
		if got := commentText(tc.c); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.c, got, tc.want)
		}
	}
}
