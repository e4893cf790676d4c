package report

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
)

func amount(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func line(code, unit, street, community, name, id, band, amt, account string) *domain.Line {
	return &domain.Line{
		PersonID: id, Name: name, Street: street, Community: community,
		Benefit: code, Amount: amount(amt), Unit: unit, Department: "区民政局",
		Band: band, Account: account,
	}
}

// testDepartment has a yuan benefit (76.66, 136.66, 54.50; one line without
// a street) and a kWh benefit (15, 15).
func testDepartment() Department {
	const sa, fe = "senior_allowance", "free_electricity"
	return Department{
		Region:    "晋城市城区",
		Name:      "区民政局",
		Month:     domain.Month{Year: 2026, Month: time.November},
		RunID:     42,
		RulesHash: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		Benefits: []Benefit{
			{Code: sa, Name: "高龄津贴", Unit: domain.UnitYuan, Lines: []*domain.Line{
				line(sa, "CNY", "东城街道", "一社区", "张三", "11010119461130001X", "80-89周岁", "76.66", "6222020200112233445"),
				line(sa, "CNY", "", "", "李四", "110101193611080025", "90-99周岁 低保", "136.66", "0102030405060708"),
				line(sa, "CNY", "东城街道", "二社区", "王五", "110101194601010033", "80-89周岁", "54.50", ""),
			}},
			{Code: fe, Name: "免费用电", Unit: domain.UnitKWh, Lines: []*domain.Line{
				line(fe, "kWh", "西城街道", "三社区", "赵六", "110102194005050041", "低保户 每户每月", "15", "0012345678"),
				line(fe, "kWh", "西城街道", "三社区", "钱七", "110102194106060052", "低保户 每户每月", "15", "0012345679"),
			}},
		},
	}
}

const wantDepartmentDump = `## 汇总
晋城市城区2026年11月补贴发放汇总表（区民政局）
运行编号 42  规则版本 0123456789ab  状态 草稿（未审批）
补贴项目	人数	合计	单位
高龄津贴	3	267.82	元
免费用电	2	30	千瓦时
合计（元）	3	267.82	元
合计金额（大写）：人民币贰佰陆拾柒元捌角贰分
注：合计人数按人计，一人领取多项补贴只计一次，故可少于各项人数之和。

补贴项目	街道(乡镇)	人数	合计	单位
高龄津贴	东城街道	2	131.16	元
高龄津贴	（未填）	1	136.66	元
免费用电	西城街道	2	30	千瓦时

制表人：	审核人：		负责人：		日期：　　年　　月　　日
## 高龄津贴
晋城市城区2026年11月高龄津贴发放花名册
制表单位：区民政局		运行编号 42  草稿（未审批）					单位：元
序号	街道(乡镇)	社区(村)	姓名	公民身份号码	档次/标准	金额	银行账号
1	东城街道	一社区	张三	11010119461130001X	80-89周岁	76.66	6222020200112233445
2			李四	110101193611080025	90-99周岁 低保	136.66	0102030405060708
3	东城街道	二社区	王五	110101194601010033	80-89周岁	54.50
合计			3人			267.82
合计金额（大写）：人民币贰佰陆拾柒元捌角贰分

制表人：		审核人：		负责人：		日期：　　年　　月　　日
## 免费用电
晋城市城区2026年11月免费用电发放花名册
制表单位：区民政局		运行编号 42  草稿（未审批）						单位：千瓦时
序号	街道(乡镇)	社区(村)	姓名	公民身份号码	档次/标准	数量	单位	户号
1	西城街道	三社区	赵六	110102194005050041	低保户 每户每月	15	千瓦时	0012345678
2	西城街道	三社区	钱七	110102194106060052	低保户 每户每月	15	千瓦时	0012345679
合计			2人			30	千瓦时

制表人：		审核人：		负责人：		日期：　　年　　月　　日
`

func writeTestDepartment(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "区民政局.xlsx")
	if err := WriteDepartment(path, testDepartment()); err != nil {
		t.Fatal(err)
	}
	return path
}

// dumpDepartment writes d to a temporary workbook and returns its Dump.
func dumpDepartment(t *testing.T, d Department) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "区民政局.xlsx")
	if err := WriteDepartment(path, d); err != nil {
		t.Fatal(err)
	}
	got, err := Dump(path)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWriteDepartmentLayout(t *testing.T) {
	got, err := Dump(writeTestDepartment(t))
	if err != nil {
		t.Fatal(err)
	}
	if got != wantDepartmentDump {
		t.Errorf("Dump:\n%s\nwant:\n%s", got, wantDepartmentDump)
	}
}

// cellKind is how a cell is stored: as text or as a number.
type cellKind int

const (
	text cellKind = iota
	number
)

func kindOf(ct excelize.CellType) (cellKind, bool) {
	switch ct {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return text, true
	case excelize.CellTypeNumber, excelize.CellTypeUnset: // no t attribute means a number
		return number, true
	}
	return 0, false
}

func TestWriteDepartmentCells(t *testing.T) {
	f := open(t, writeTestDepartment(t))
	cases := []struct {
		name, sheet, cell string
		raw               string
		kind              cellKind
		numFmt            int // built-in number format id of the cell's style
	}{
		{"ID as text", "高龄津贴", "E4", "11010119461130001X", text, 49},
		{"all-digit ID as text", "高龄津贴", "E5", "110101193611080025", text, 49},
		{"bank account as text", "高龄津贴", "H4", "6222020200112233445", text, 49},
		{"leading zero account kept", "高龄津贴", "H5", "0102030405060708", text, 49},
		{"money exact and numeric", "高龄津贴", "G4", "76.66", number, 2},
		// The number 54.5, shown as 54.50 by format 2 (0.00).
		{"money shown with two decimals", "高龄津贴", "G6", "54.5", number, 2},
		{"合计 row total", "高龄津贴", "G7", "267.82", number, 2},
		{"合计 row people", "高龄津贴", "D7", "3人", text, 0},
		{"序号 numeric", "高龄津贴", "A6", "3", number, 0},
		{"kWh numeric", "免费用电", "G4", "15", number, 0},
		{"kWh total", "免费用电", "G6", "30", number, 0},
		{"户号 as text", "免费用电", "I4", "0012345678", text, 49},
		{"summary total", "汇总", "C4", "267.82", number, 2},
		{"summary count", "汇总", "B4", "3", number, 0},
		{"street total", "汇总", "D11", "131.16", number, 2},
		{"empty street total", "汇总", "D12", "136.66", number, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw, err := f.GetCellValue(c.sheet, c.cell, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if raw != c.raw {
				t.Errorf("%s!%s raw value %q, want %q", c.sheet, c.cell, raw, c.raw)
			}
			ct, err := f.GetCellType(c.sheet, c.cell)
			if err != nil {
				t.Fatal(err)
			}
			if k, ok := kindOf(ct); !ok || k != c.kind {
				t.Errorf("%s!%s cell type %v, want kind %v", c.sheet, c.cell, ct, c.kind)
			}
			id, err := f.GetCellStyle(c.sheet, c.cell)
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			if st.NumFmt != c.numFmt {
				t.Errorf("%s!%s number format %d, want %d", c.sheet, c.cell, st.NumFmt, c.numFmt)
			}
		})
	}
}

// The 合计 rows hold the exact decimal sum of the lines.
func TestWriteDepartmentTotals(t *testing.T) {
	d := testDepartment()
	f := open(t, writeTestDepartment(t))
	for _, b := range d.Benefits {
		want := decimal.Zero
		for _, l := range b.Lines {
			want = want.Add(l.Amount)
		}
		cell := "G" + itoa(len(b.Lines)+headerRow+1)
		if label, _ := f.GetCellValue(b.Name, "A"+itoa(len(b.Lines)+headerRow+1)); label != "合计" {
			t.Fatalf("%s: row %s is %q, not the 合计 row", b.Name, cell, label)
		}
		raw, err := f.GetCellValue(b.Name, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := decimal.NewFromString(raw)
		if err != nil {
			t.Fatalf("%s!%s = %q: %v", b.Name, cell, raw, err)
		}
		if !got.Equal(want) {
			t.Errorf("%s total %s, want %s", b.Name, got, want)
		}
	}
}

func TestWriteDepartmentSheets(t *testing.T) {
	f := open(t, writeTestDepartment(t))
	want := []string{"汇总", "高龄津贴", "免费用电"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	for _, sheet := range want[1:] {
		p, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.TopLeftCell != "A4" {
			t.Errorf("%s panes %+v, want frozen below row 3", sheet, p)
		}
		if w, _ := f.GetColWidth(sheet, "E"); w != 22 {
			t.Errorf("%s ID column width %v, want 22", sheet, w)
		}
		id, _ := f.GetCellStyle(sheet, "A1")
		if st, _ := f.GetStyle(id); st == nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s header not bold", sheet)
		}
	}
}

func TestWriteDepartmentRejects(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Department)
		want   string
	}{
		{"three decimals", func(d *Department) { d.Benefits[0].Lines[0].Amount = amount("76.665") }, "more than two decimals"},
		{"negative", func(d *Department) { d.Benefits[1].Lines[1].Amount = amount("-15") }, "negative"},
		{"line unit differs", func(d *Department) { d.Benefits[0].Lines[2].Unit = domain.UnitKWh }, "unit"},
		{"unknown unit", func(d *Department) { d.Benefits[1].Unit = "L" }, "unknown unit"},
		{"line of another benefit", func(d *Department) { d.Benefits[0].Lines[1].Benefit = "free_electricity" }, "benefit code"},
		{"line of another department", func(d *Department) { d.Benefits[0].Lines[0].Department = "区残联" }, "department"},
		{"street copy, line of another department", func(d *Department) {
			d.Name, d.Benefits[0].Department = "东城街道（核对联）", "区民政局"
			d.Benefits[0].Lines[1].Department = "区残联"
		}, "department"},
		{"same sheet name twice", func(d *Department) { d.Benefits[1].Name = "高龄津贴" }, "used twice"},
		{"sheet named 汇总", func(d *Department) { d.Benefits[0].Name = "汇总" }, "used twice"},
		{"invalid sheet name", func(d *Department) { d.Benefits[0].Name = "高龄/津贴" }, "sheet"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := testDepartment()
			c.change(&d)
			path := filepath.Join(t.TempDir(), "x.xlsx")
			err := WriteDepartment(path, d)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one containing %q", err, c.want)
			}
			if !strings.HasPrefix(err.Error(), "write "+path+": ") {
				t.Errorf("err = %v, want it to name the file", err)
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a file was written: %v", err)
			}
		})
	}
}

func TestWriteDepartmentEmpty(t *testing.T) {
	d := testDepartment()
	d.Benefits = nil
	got := dumpDepartment(t, d)
	want := "## 汇总\n晋城市城区2026年11月补贴发放汇总表（区民政局）\n运行编号 42  规则版本 0123456789ab  状态 草稿（未审批）\n补贴项目\t人数\t合计\t单位\n（本月无发放）\n\n补贴项目\t街道(乡镇)\t人数\t合计\t单位\n\n制表人：\t审核人：\t\t负责人：\t\t日期：　　年　　月　　日\n"
	if got != want {
		t.Errorf("Dump:\n%s\nwant:\n%s", got, want)
	}
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func finding(sev domain.Severity, file string, row int, col, header, name, asWritten, code, msg string) domain.Finding {
	return domain.Finding{
		Severity: sev, Code: code, Name: name, AsWritten: asWritten, Message: msg,
		Where: domain.Location{File: file, Sheet: "Sheet1", Row: row, Column: col, Header: header},
	}
}

var (
	heldChecksum = finding(domain.Held, "东城街道.xlsx", 7, "F", "公民身份号码", "张三", "110101194611300013", "id_checksum", "身份证号校验位错误，请核对")
	heldScience  = finding(domain.Held, "东城街道.xlsx", 12, "F", "公民身份号码", "李四", "1.10101E+17", "id_scientific", "身份证号被Excel改成科学计数法，请把该列设为文本后重新录入")
	noticeDup    = finding(domain.Notice, "西城街道.xlsx", 5, "", "", "王五", "110101194601010033", "duplicate_identical", "与第4行完全相同，只发放一次")
	rejectedPwd  = domain.Finding{Severity: domain.Rejected, Code: "file_encrypted", Where: domain.Location{File: "南城街道.xlsx"}, Message: "文件有密码，无法读取"}
	inputFiles   = []domain.InputFile{
		{Name: "东城街道.xlsx", SHA256: "aa11", RowsRead: 120},
		{Name: "南城街道.xlsx", SHA256: "bb22", Rejected: true, Reason: "文件有密码，无法读取"},
	}
)

func TestWriteExceptions(t *testing.T) {
	month := domain.Month{Year: 2026, Month: time.November}
	cases := []struct {
		name     string
		findings []domain.Finding
		files    []domain.InputFile
		want     string
	}{
		{"all kinds", []domain.Finding{heldChecksum, noticeDup, rejectedPwd, heldScience}, inputFiles, `## 异常清单
2026年11月花名册异常清单（以下各行本月未发放，请核实更正后重新报送）
序号	文件	工作表	行号	列	姓名	身份证号（原样）	代码	说明
1	东城街道.xlsx	Sheet1	7	F 公民身份号码	张三	110101194611300013	id_checksum	身份证号校验位错误，请核对
2	东城街道.xlsx	Sheet1	12	F 公民身份号码	李四	110101????????????	id_scientific	身份证号被Excel改成科学计数法，请把该列设为文本后重新录入
## 提示
提示（已照常处理，仅供核对；说明中请更正的，请在下月花名册中更正）
序号	文件	工作表	行号	列	姓名	身份证号（原样）	代码	说明
1	西城街道.xlsx	Sheet1	5	整行	王五	110101194601010033	duplicate_identical	与第4行完全相同，只发放一次
## 文件
文件	状态	读取行数	SHA-256	原因
东城街道.xlsx	已处理	120	aa11
南城街道.xlsx	拒收	0	bb22	文件有密码，无法读取
## 拒收文件
文件	代码	说明
南城街道.xlsx	file_encrypted	文件有密码，无法读取
`},
		{"nothing found", nil, nil, `## 异常清单
2026年11月花名册异常清单（以下各行本月未发放，请核实更正后重新报送）
序号	文件	工作表	行号	列	姓名	身份证号（原样）	代码	说明
（无）
## 提示
提示（已照常处理，仅供核对；说明中请更正的，请在下月花名册中更正）
序号	文件	工作表	行号	列	姓名	身份证号（原样）	代码	说明
（无）
## 文件
文件	状态	读取行数	SHA-256	原因
（无）
## 拒收文件
文件	代码	说明
（无）
`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "异常清单.xlsx")
			if err := WriteExceptions(path, month, 42, c.findings, c.files); err != nil {
				t.Fatal(err)
			}
			got, err := Dump(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("Dump:\n%s\nwant:\n%s", got, c.want)
			}
			f := open(t, path)
			if got, want := strings.Join(f.GetSheetList(), ","), "异常清单,提示,文件,拒收文件"; got != want {
				t.Errorf("sheets %s, want %s", got, want)
			}
			checkHeldRows(t, f, c.findings)
		})
	}
}

// checkHeldRows checks that every held finding has a row on 异常清单 whose
// 行号 is its Excel row number, stored as a number, and whose ID as written
// is text.
func checkHeldRows(t *testing.T, f *excelize.File, findings []domain.Finding) {
	t.Helper()
	row := 3
	for _, fd := range findings {
		if fd.Severity != domain.Held {
			continue
		}
		cell := func(col string) string { return col + itoa(row) }
		raw, _ := f.GetCellValue(heldSheet, cell("D"), excelize.Options{RawCellValue: true})
		if raw != itoa(fd.Where.Row) {
			t.Errorf("%s: 行号 %q, want %d", fd.Code, raw, fd.Where.Row)
		}
		if ct, _ := f.GetCellType(heldSheet, cell("D")); ct != excelize.CellTypeUnset && ct != excelize.CellTypeNumber {
			t.Errorf("%s: 行号 cell type %v, want a number", fd.Code, ct)
		}
		if ct, _ := f.GetCellType(heldSheet, cell("G")); ct != excelize.CellTypeSharedString && ct != excelize.CellTypeInlineString {
			t.Errorf("%s: ID cell type %v, want text", fd.Code, ct)
		}
		if name, _ := f.GetCellValue(heldSheet, cell("F")); name != fd.Name {
			t.Errorf("row %d: 姓名 %q, want %q", row, name, fd.Name)
		}
		row++
	}
}

// A notice on a row 异常清单 holds does not say on 提示 that the row is
// paid (本月照常发放); one on a row paid does.
func TestNoticeOnAHeldRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "异常清单.xlsx")
	findings := []domain.Finding{heldChecksum, paidAsUsualOn(heldChecksum.Where), paidAsUsualOn(noticeDup.Where)}
	if err := WriteExceptions(path, domain.Month{Year: 2026, Month: time.November}, 42, findings, nil); err != nil {
		t.Fatal(err)
	}
	got, err := Dump(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"1	东城街道.xlsx	Sheet1	7	Q 备注			remark_added	备注「新增」说此人是新增人员：本行因「异常清单」所列原因本月暂缓发放；以前月份不自动补发\n",
		"2	西城街道.xlsx	Sheet1	5	Q 备注			remark_added	备注「新增」说此人是新增人员：本月照常发放；以前月份不自动补发\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("提示 lacks %q:\n%s", want, got)
		}
	}
}

// paidAsUsualOn is a notice on row at that says the row is paid as usual.
func paidAsUsualOn(at domain.Location) domain.Finding {
	at.Column, at.Header = "Q", "备注"
	return domain.Finding{Severity: domain.Notice, Code: "remark_added", Where: at, Message: "备注「新增」说此人是新增人员：本月照常发放；以前月份不自动补发"}
}

func TestWriteExceptionsUnknownSeverity(t *testing.T) {
	bad := heldChecksum
	bad.Severity = "warning"
	path := filepath.Join(t.TempDir(), "异常清单.xlsx")
	err := WriteExceptions(path, domain.Month{Year: 2026, Month: time.November}, 1, []domain.Finding{bad}, nil)
	if err == nil || !strings.Contains(err.Error(), "unknown severity") {
		t.Fatalf("err = %v, want unknown severity", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file was written: %v", err)
	}
}

func TestTables(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.xlsx")
	d := Department{Name: "区民政局", Month: domain.Month{Year: 2026, Month: 11}, RunID: 1, RulesHash: "0123456789abcdef",
		Tables: []Table{
			{Name: "本月新增", Title: "本月新增", Header: []string{"姓名", "公民身份号码", "金额"},
				Rows: [][]Cell{{Text("贺国荣"), Text("140502194204206481"), Yuan(decimal.RequireFromString("76.66"))}}},
			{Name: "本月停发", Title: "本月停发", Header: []string{"姓名"}},
			{Name: "代发", Title: "代发", Header: []string{"序号", "姓名"}, Rows: [][]Cell{{Text("表内")}},
				Stream: func(yield func([]Cell) bool) {
					row := make([]Cell, 2) // reused, as the bank file does
					for i, name := range []string{"甲", "乙", "丙"} {
						row[0], row[1] = Int(i+1), Text(name)
						if !yield(row) {
							return
						}
					}
				}},
			{Name: "无账号", Title: "无账号", Header: []string{"姓名"}, Stream: func(func([]Cell) bool) {}},
		}}
	if err := WriteDepartment(path, d); err != nil {
		t.Fatal(err)
	}
	got, err := Dump(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## 本月新增\n本月新增\n姓名\t公民身份号码\t金额\n贺国荣\t140502194204206481\t76.66\n", "## 本月停发\n本月停发\n姓名\n（无）\n",
		"## 代发\n代发\n序号\t姓名\n表内\n1\t甲\n2\t乙\n3\t丙\n", "## 无账号\n无账号\n姓名\n（无）\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("dump lacks %q:\n%s", want, got)
		}
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if typ, _ := f.GetCellType("本月新增", "B3"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("ID cell type %v", typ)
	}
}

// numberValue hands the StreamWriter integers as int64 and decimals as a
// float64 only when the float64 prints back as the same decimal.
func TestNumberValue(t *testing.T) {
	cases := []struct {
		text string
		want any // nil: refused
	}{
		{"0", int64(0)},
		{"15", int64(15)},
		{"76.66", 76.66},
		{"54.50", 54.5},
		{"100.00", 100.0},
		{"0.01", 0.01},
		{"9999999999999.99", 9999999999999.99}, // 15 significant digits
		{"99999999999999.99", nil},             // 16: Excel would round it
		{"0.1234567890123456", nil},
		{"12a", nil},
		{"", nil},
	}
	for _, c := range cases {
		got, err := numberValue(c.text)
		if c.want == nil {
			if err == nil {
				t.Errorf("numberValue(%q) = %v, want an error", c.text, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("numberValue(%q) = %v (%T), %v; want %v (%T)", c.text, got, got, err, c.want, c.want)
		}
	}
}

// Cells written to an earlier row, or layout after the first cell, are
// errors: a stream cannot go back.
func TestSheetWriterOrder(t *testing.T) {
	bk, err := newBook()
	if err != nil {
		t.Fatal(err)
	}
	defer bk.discard()
	w, err := bk.sheet("一")
	if err != nil {
		t.Fatal(err)
	}
	w.str(1, 2, "b", 0)
	w.str(1, 1, "a", 0)
	if w.err == nil {
		t.Error("writing row 1 after row 2: no error")
	}
	w2, err := bk.sheet("二")
	if err == nil {
		t.Fatal("next sheet after a failed one: no error")
	}
	_ = w2
	bk2, _ := newBook()
	defer bk2.discard()
	w, _ = bk2.sheet("一")
	w.str(1, 1, "a", 0)
	w.widths(10)
	if w.err == nil {
		t.Error("widths after the first cell: no error")
	}
}

// An ID typed into a number cell is shown by its digits, never in exponent
// form, and never with digits the cell no longer holds.
func TestAsWrittenNumber(t *testing.T) {
	for in, want := range map[string]string{
		"1.405021940020202e+17":    "140502194002020???", // a float64's digits past Excel's 15 are not the ID's
		"1.4050219400202E+17":      "14050219400202????", // Excel's own, trailing zero trimmed: not made up
		"1.10101E+17":              "110101????????????", // the cell's display pasted as text
		"1.40502450101001e+14":     "140502450101001",    // a 15-digit old ID: exact
		"140502194204206481":       "140502194204206481",
		"14050219420420648X":       "14050219420420648X",
		"140502\u00a0194204206481": "140502〔不换行空格 U+00A0〕194204206481",
		"1.5e-3":                   "1.5e-3",
		"e+17":                     "e+17",
		"":                         "",
	} {
		if got := asWritten(in); got != want {
			t.Errorf("asWritten(%q) = %q, want %q", in, got, want)
		}
	}
}

// On a row held as id_numeric, an ID that reads as plain digits shows only
// the 15 digits Excel kept, in every finding of the row; an ID of the same
// digits on another row is shown as written.
func TestHeldTableNumericID(t *testing.T) {
	numeric := finding(domain.Held, "东城街道.xlsx", 6, "F", "公民身份号码", "赵清", "140502195202136000", "id_numeric", "身份证号被存为数字")
	sameRow := finding(domain.Held, "东城街道.xlsx", 6, "D", "姓名", "赵清", "140502195202136000", "name_characters", "姓名有误")
	text := finding(domain.Held, "东城街道.xlsx", 7, "F", "公民身份号码", "钱七", "140502195202136000", "id_checksum", "校验位错误")
	tab := HeldTable(domain.Month{Year: 2026, Month: time.November}, []domain.Finding{numeric, sameRow, text})
	for i, want := range []string{"140502195202136???", "140502195202136???", "140502195202136000"} {
		if got := tab.Rows[i][6].Text; got != want {
			t.Errorf("row %d: ID shown as %q, want %q", i+1, got, want)
		}
	}
}

// A person paid this month and a 补发 of an earlier month has two rows: the
// 合计 counts people and says how many rows there are, so the last 序号
// and the count agree on paper.
func TestTotalRowCountsPeopleAndRows(t *testing.T) {
	d := testDepartment()
	back := *d.Benefits[0].Lines[0]
	back.Band, back.Amount = "补发2026-10 80-89周岁", amount("76.67")
	d.Benefits[0].Lines = append(d.Benefits[0].Lines, &back)
	got := dumpDepartment(t, d)
	if !strings.Contains(got, "合计\t\t\t3人（4行）\t\t\t344.49") || !strings.Contains(got, "合计\t\t\t2人\t\t\t30\t千瓦时") {
		t.Errorf("合计 rows:\n%s", got)
	}
}

// Workbooks are readable by everyone (0644), as README says, even when the
// operator's umask would make them the owner's alone.
func TestWorkbookModeDespiteUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "公示.xlsx")
	if err := WriteTables(path, Table{Name: "公示", Title: "公示", Header: []string{"姓名"}, Rows: [][]Cell{{{Text: "张三"}}}}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v (%v), want 0644", fi.Mode().Perm(), err)
	}
}

// Every sheet of the exceptions workbook prints as the other lists do:
// A4 landscape, one page wide (the 异常清单's nine columns are some three
// portrait pages wide), its title and header repeated on every page.
func TestExceptionsPrintOnePageWide(t *testing.T) {
	path := filepath.Join(t.TempDir(), "异常清单.xlsx")
	month := domain.Month{Year: 2026, Month: time.November}
	if err := WriteExceptions(path, month, 1, []domain.Finding{heldChecksum, noticeDup, rejectedPwd}, inputFiles); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	titles := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			titles[d.Scope] = d.RefersTo
		}
	}
	for sheet, rows := range map[string]string{heldSheet: "$1:$2", noticeSheet: "$1:$2", filesSheet: "$1:$1", rejectedSheet: "$1:$1"} {
		l, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		props, _ := f.GetSheetProps(sheet)
		if l.Orientation == nil || *l.Orientation != "landscape" || l.Size == nil || *l.Size != 9 || l.FitToWidth == nil || *l.FitToWidth != 1 ||
			props.FitToPage == nil || !*props.FitToPage || !strings.HasSuffix(titles[sheet], "!"+rows) {
			t.Errorf("%s prints %+v, fit %v, titles %q", sheet, l, props.FitToPage, titles[sheet])
		}
	}
}

// A line recorded for a dead senior's heirs, to be paid by hand, says so in
// its 银行账号 cell: left empty, a clerk signing the form took it for an
// account the street forgot and asked for the dead woman's card. A living
// senior's missing account stays empty, for the street to fill in.
func TestHeirsLineSaysSoOnTheForm(t *testing.T) {
	d := testDepartment()
	heirs := d.Benefits[0].Lines[2] // 王五, no account
	heirs.Params = &domain.Params{Note: "此人已于2026-09-05去世，本笔无账号、" + domain.UnsentMark + "：请核实后向其遗属手工补发"}
	d.Benefits[0].Lines = append(d.Benefits[0].Lines, line("senior_allowance", "CNY", "东城街道", "二社区", "孙八", "110101194601010041", "80-89周岁", "76.67", ""))
	path := filepath.Join(t.TempDir(), "区民政局.xlsx")
	if err := WriteDepartment(path, d); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	for cell, want := range map[string]string{"H6": ByHandAccount, "H7": ""} {
		if got, _ := f.GetCellValue("高龄津贴", cell); got != want {
			t.Errorf("高龄津贴!%s = %q, want %q", cell, got, want)
		}
	}
}
