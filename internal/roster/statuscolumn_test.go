package roster

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

// A death or a stop written in a column the program does not read was paid,
// with only a columns_ignored notice (a tester's extra columns, e10.py): a
// column whose header speaks of the senior's status is read row by row,
// and a row where it says so is held at that column (status_column), the
// message naming the header and the value. Values that say nothing of the
// kind are paid, and a death beside a 死亡日期 agrees with it.
func TestStatusColumns(t *testing.T) {
	const death, stop, pay = "death", "stop", ""
	cases := map[string]map[string]string{
		"停发原因": {"死亡": death, "迁出本区": stop, "本人申请": stop, "否": pay, "无": pay, "/": pay, "-": pay, "": pay},
		"死亡原因": {"病故": death, "疾病": death, "否": pay, "/": pay},
		"注销原因": {"户口迁出": stop, "无": pay},
		"减少原因": {"其他": stop, "-": pay},
		"是否停发": {"是": stop, "√": stop, "●": stop, "○": pay, "否": pay, "": pay},
		"是否死亡": {"是": death, "Y": death, "●": death, "○": pay, "死亡": death, "否": pay, "未死亡": pay},
		"死亡标识": {"是": death, "1": death, "0": pay, "否": pay},
		"是否健在": {"否": death, "×": death, "○": death, "●": pay, "已故": death, "是": pay, "健在": pay},
		"是否发放": {"否": stop, "无": stop, "停发": stop, "是": pay, "在发": pay},
		"生存状态": {"死亡": death, "已故": death, "健在": pay, "正常": pay},
		"发放状态": {"停发": stop, "暂停": stop, "在发": pay, "正常": pay},
		"变动原因": {"死亡": death, "减少": stop, "迁出本区": stop, "新增": pay, "迁入": pay},
		"人员变动": {"减少": stop, "已故": death, "新增": pay},
		"情况":   {"已去世": death, "停发": stop, "独居": pay, "老伴去世 本人健在": pay, "去 世": death},
		"其他":   {"已故": death, "停发": stop, "新增": pay},
		"备注2":  {"去世": death, "不发": stop, "换卡": pay},
		"停发时间": {"2026年11月": stop, "无": pay},
		"是否停發": {"是": stop, "否": pay},
		"狀態":   {"已 故": death, "停發": stop, "正常": pay},
		// what a 备注 only tells of holds nothing here either: a move within
		// the district, a stop from a later month, one benefit stopped (a
		// newcomer's 居住情况 held living seniors, R3)
		"居住情况": {"搬到女儿家住（本区）": pay, "已搬至东街街道女儿家": pay, "搬到儿子家": pay, "迁往外省": stop, "下月停发": pay, "停发用电补贴": pay},
		"家庭情况": {"老伴已去世本人健在": pay, "子女均已去世": pay, "本人已故": death},
		"身体状况": {"已去世": death, "卧床": pay, "行动不便": pay, "住院治疗中": pay},
		// a check's result: a tester's 已故 under 核查结果 was paid; a
		// check failed (不通过, 未认证) stops as well
		"核查结果": {"已故": death, "死亡": death, "核减": stop, "正常": pay, "属实": pay, "": pay,
			// a check passed after all, a failure negated or about
			// something else than the senior (a tester's, held)
			"无不符合情况": pay, "不符合低保条件，高龄照发": pay, "举报不属实": pay, "未发现不符合条件情形": pay, "无不合格项": pay,
			"不存在死亡": pay, "无死亡": pay, "未死亡": pay, "非死亡": pay, "不符合护理补贴条件": pay, "低保核查不通过，转为低保边缘": pay,
			"经核查，举报人反映情况不属实": pay, "已核减": stop, "不属实": stop, "不符合条件": stop},
		"审核结果": {"死亡": death, "不通过": stop, "审核未通过": stop, "不合格": stop, "通过": pay, "合格": pay,
			"首次未通过，复核通过": pay, "复核通过但材料不合格": stop, "初审通过复审未通过": stop},
		"认证结果":   {"已故": death, "认证失败": stop, "未认证": stop, "已认证": pay, "认证通过": pay, "认证失败后已重新认证成功": pay},
		"生存认证结果": {"死亡": death, "未通过": stop, "已认证": pay, "健在": pay},
	}
	dir := t.TempDir()
	n := 0
	for header, values := range cases {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "死亡日期", "备注", header})
		var want []string
		row := 2
		for v, w := range values {
			n++
			f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", row), &[]any{"某人", withCheck(fmt.Sprintf("14050219400101%03d", n)), "", "", v})
			want = append(want, fmt.Sprintf("%d %q %s", row, v, w))
			row++
		}
		wb := readSaved(t, f, dir, "附列.xlsx")
		var got []string
		for i, e := range wb.Entries {
			v, _ := f.GetCellValue("Sheet1", fmt.Sprintf("E%d", e.Person.Source.Row))
			said := pay
			for _, fd := range e.Findings {
				if fd.Code != "status_column" {
					continue
				}
				said = stop
				if (strings.Contains(fd.Message, "未通过审核或认证")) != (strings.Contains(header, "结果") && !strings.Contains(fd.Message, "说此人已去世") && !slices.Contains([]string{"核减", "已核减", "不符合条件"}, v)) {
					t.Errorf("%s %q: a failed check not said so: %s", header, v, fd.Message)
				}
				if strings.Contains(fd.Message, "说此人已去世") {
					said = death
				}
				if fd.Severity != domain.Held || !e.Held || fd.Where.Column != "E" || fd.Where.Header != header ||
					!strings.Contains(fd.Message, "「"+header+"」列（E列）为「"+v+"」") || !strings.Contains(fd.Message, "程序不读取") {
					t.Errorf("%s row %d: %+v", header, e.Person.Source.Row, fd)
				}
			}
			got = append(got, fmt.Sprintf("%d %q %s", wb.Entries[i].Person.Source.Row, v, said))
		}
		sameLines(t, header, got, want)
		ignored := false
		for _, fd := range wb.Notices {
			ignored = ignored || fd.Code == "columns_ignored" && strings.Contains(fd.Message, header)
		}
		if !ignored {
			t.Errorf("%s: no columns_ignored notice: %+v", header, wb.Notices)
		}
	}

	// A death beside a 死亡日期 agrees with it: the date decides (paid
	// through the month of death); a stop does not.
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "死亡日期", "死亡原因", "停发原因"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"甲", "140502194204206481", "2026-11-03", "病故", "死亡"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"乙", "140502194611306543", "2026-11-03", "", "迁出本区"})
	f.SetSheetRow("Sheet1", "A4", &[]any{"丙", "140502193807075930", "", "病故", ""})
	if got, want := rowCodes(readSaved(t, f, dir, "日期.xlsx")), "2 false \n3 true status_column\n4 true status_column"; got != want {
		t.Errorf("with 死亡日期:\n%s\nwant\n%s", got, want)
	}

	// Columns of other things are ignored as before, whatever they hold.
	f = excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "死亡日期", "联系电话", "家庭住址"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"甲", "140502194204206481", "", "是", "停发"})
	if got, want := rowCodes(readSaved(t, f, dir, "其他列.xlsx")), "2 false "; got != want {
		t.Errorf("other columns:\n%s\nwant\n%s", got, want)
	}
}

// A 死亡日期 headed 亡故日期 or 注销日期 was ignored and the dead were paid
// (e12.py): they are aliases of 死亡日期 (rules/roster.headers.yaml), as are
// 去世日期 and 死亡时间; an unknown header with 亡故, 注销 or 去世 in it, on a
// roster without a 死亡日期, is refused as one with 死亡 is. A death list
// giving both 死亡日期 and 注销日期 is still a death list.
func TestDeathDateHeaders(t *testing.T) {
	h := rulesHeaders(t)
	dir := t.TempDir()
	for _, header := range []string{"亡故日期", "去世日期", "死亡时间", "注销日期", "亡故时间"} {
		p := saveRows(t, dir, "东街.xlsx", [][]any{
			{"姓名", "公民身份号码", "银行账号", header},
			{"贺国荣", "140502194204206481", "6217000011112222333", "2026-10-03"},
		}, nil)
		wb, err := ReadFile(p, "东街.xlsx", nov, h)
		if err != nil {
			t.Errorf("%s: %v", header, err)
			continue
		}
		if len(wb.Entries) != 1 || wb.Entries[0].Person.Death.Format("2006-01-02") != "2026-10-03" || len(wb.Notices) != 0 {
			t.Errorf("%s: %+v", header, wb)
		}
	}
	for _, header := range []string{"亡故年月", "注销时间点", "去世年月", "户口注销"} {
		p := saveRows(t, dir, "东街.xlsx", [][]any{
			{"姓名", "公民身份号码", header},
			{"贺国荣", "140502194204206481", "2026-10-03"},
		}, nil)
		var rej *RejectError
		if _, err := ReadFile(p, "东街.xlsx", nov, h); !errors.As(err, &rej) || rej.Code != "file_header_unknown" || !strings.Contains(rej.Message, "「"+header+"」") || !strings.Contains(rej.Message, "死亡日期") {
			t.Errorf("%s: %v, want file_header_unknown naming 死亡日期", header, err)
		}
	}
	p := saveRows(t, dir, "11月死亡名单.xlsx", [][]any{
		{"姓名", "公民身份号码", "死亡日期", "注销日期"},
		{"贺国荣", "140502194204206481", "2026-10-03", "2026-10-09"},
	}, nil)
	wb, err := ReadFile(p, "11月死亡名单.xlsx", nov, h)
	if err != nil || len(wb.Entries) != 0 || len(wb.Statuses) != 1 || wb.Statuses[0].Kind != StatusDeath {
		t.Errorf("death list: %v %+v", err, wb)
	}
}

// The columns_ignored notice says which of the columns it lists still hold
// a row that says the senior died or stopped: "未使用" alone misled (R10).
func TestIgnoredNoticeNamesTheStatusColumns(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "联系电话", "生存状态"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"某人", "140502194204206481", "13800000000", "健在"})
	wb := readSaved(t, f, t.TempDir(), "附列.xlsx")
	if len(wb.Notices) != 1 || wb.Notices[0].Message != "以下列不是花名册的标准列，未使用：联系电话、生存状态；其中「生存状态」不用于计算，但写明此人死亡或停发的行会暂缓发放（status_column）" {
		t.Errorf("notices %+v", wb.Notices)
	}
}

// A roster refused for unknown headers that may decide the payment names
// them all at once, each with its cell, in the order of the columns: one
// a run made staff fix them in as many rounds (nc 9).
func TestUnknownHeadersNamedAllAtOnce(t *testing.T) {
	p := saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
		{"姓名", "公民身份号码", "社保卡号", "电表号", "逝世日期"},
		{"贺国荣", "140502194204206481", "6217000011112222333", "0350001234", ""},
	}, nil)
	var rej *RejectError
	_, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
	if !errors.As(err, &rej) || rej.Code != "file_header_unknown" {
		t.Fatalf("err %v, want file_header_unknown", err)
	}
	at := -1
	for _, want := range []string{"「社保卡号」（C1单元格）", "「银行账号」", "「电表号」（D1单元格）", "「户号」", "「逝世日期」（E1单元格）", "「死亡日期」"} {
		i := strings.Index(rej.Message, want)
		if i <= at {
			t.Errorf("message lacks %s after the one before:\n%s", want, rej.Message)
			continue
		}
		at = i
	}
}

// The refusal of a date-like unknown header gives a date as the example
// of what the column may be instead, not 一般、残疾、独居 (nc 10).
func TestUnknownDateHeaderAdvice(t *testing.T) {
	for _, header := range []string{"逝世日期", "去世年月"} {
		p := saveRows(t, t.TempDir(), "东街.xlsx", [][]any{
			{"姓名", "公民身份号码", header},
			{"贺国荣", "140502194204206481", "2026-10-03"},
		}, nil)
		var rej *RejectError
		_, err := ReadFile(p, "东街.xlsx", nov, rulesHeaders(t))
		if !errors.As(err, &rej) || rej.Code != "file_header_unknown" || !strings.Contains(rej.Message, "（例如填的是登记、办理等其他事情的日期）") || strings.Contains(rej.Message, "独居") {
			t.Errorf("%s: %v", header, err)
		}
	}
}
