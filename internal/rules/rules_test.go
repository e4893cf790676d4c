package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"disburse/internal/domain"
)

func nov2026() domain.Month { return domain.Month{Year: 2026, Month: time.November} }

// The project's own rules folder loads, and every benefit of the issue is
// there with the list's numbers.
func TestRepositoryRules(t *testing.T) {
	book, err := Load("../../rules")
	if err != nil {
		t.Fatal(err)
	}
	table, err := book.ForMonth(nov2026())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{ // code -> item, department, amounts of each band
		"senior_allowance":          {"16、17", "区民政局", "920/1640", "2760/3240", "5400/5400"},
		"care_subsidy":              {"19", "区民政局", "100"},
		"disability_living_subsidy": {"27", "区民政局", "82"},
		"disability_care_subsidy":   {"27", "区民政局", "109", "54.5"},
		"free_electricity":          {"30", "国网晋城供电公司城区供电中心", "15"},
	}
	if len(table.Monthly()) != len(want) {
		t.Fatalf("%d benefits, want %d", len(table.Benefits), len(want))
	}
	for _, b := range table.Monthly() {
		w, ok := want[b.Code]
		if !ok {
			t.Errorf("unexpected benefit %s", b.Code)
			continue
		}
		got := []string{b.Version.Item, b.Department}
		for _, band := range b.Version.Bands {
			s := band.Amount.String()
			if band.DibaoAmount != nil {
				s += "/" + band.DibaoAmount.String()
			}
			got = append(got, s)
		}
		if strings.Join(got, " ") != strings.Join(w, " ") {
			t.Errorf("%s: got %v, want %v", b.Code, got, w)
		}
		if !b.Version.Effective.Equal(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s effective %s", b.Code, b.Version.Effective)
		}
	}
	if tr := table.Benefit("caregiver_training_subsidy"); tr == nil || tr.Version.Item != "20" || tr.Version.Bands[0].Amount.String() != "1000" || tr.Version.Bands[1].Cap.String() != "4000" {
		t.Errorf("training subsidy of item 20: %+v", tr)
	}
	if d := table.Departments(); strings.Join(d, ",") != "区民政局,国网晋城供电公司城区供电中心,区融媒体中心,区交通局,区发改局,区卫体局" {
		t.Errorf("departments %v", d)
	}
}

const base = `code: x
name: 测试
department: 区民政局
unit: CNY
period: month
order: 1
arrears_months: 3
source: 清单第1项
values:
  - effective: 2024-01-01
    item: "1"
    bands:
      - {label: a, amount: "10.00"}
`

func TestForMonthPicksValueInForce(t *testing.T) {
	content := base + `  - effective: 2027-01-01
    item: "1"
    bands:
      - {label: a, amount: "12.00"}
`
	book, err := FromFiles(map[string][]byte{"x.yaml": []byte(content)})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		m    domain.Month
		want string
		ok   bool
	}{
		{domain.Month{Year: 2023, Month: 12}, "", false},
		{domain.Month{Year: 2024, Month: 1}, "10", true},
		{domain.Month{Year: 2026, Month: 12}, "10", true},
		{domain.Month{Year: 2027, Month: 1}, "12", true},
	} {
		tab, err := book.ForMonth(c.m)
		if (err == nil) != c.ok {
			t.Fatalf("%s: err %v", c.m, err)
		}
		if !c.ok {
			if !strings.Contains(err.Error(), "no value in force on 2023-12-01") {
				t.Errorf("error does not say why: %v", err)
			}
			continue
		}
		if got := tab.Benefits[0].Version.Bands[0].Amount.String(); got != c.want {
			t.Errorf("%s: %s, want %s", c.m, got, c.want)
		}
	}
}

func TestAmountsAreExactText(t *testing.T) {
	// 0.1 + 0.2 has no exact float64; read as text it is exact.
	content := strings.Replace(base, `"10.00"`, `0.30`, 1)
	book, err := FromFiles(map[string][]byte{"x.yaml": []byte(content)})
	if err != nil {
		t.Fatal(err)
	}
	if got := book.Benefits[0].Values[0].Bands[0].Amount.String(); got != "0.3" {
		t.Errorf("amount %s", got)
	}
}

func TestLoadRejects(t *testing.T) {
	cases := map[string]string{
		"unknown field":  strings.Replace(base, "order: 1", "order: 1\nrate: 5", 1),
		"float exponent": strings.Replace(base, `"10.00"`, `1e3`, 1),
		"negative":       strings.Replace(base, `"10.00"`, `"-1"`, 1),
		"bad unit":       strings.Replace(base, "unit: CNY", "unit: RMB", 1),
		"bad period":     strings.Replace(base, "period: month", "period: week", 1),
		"no item":        strings.Replace(base, `item: "1"`, `item: ""`, 1),
		"bad date":       strings.Replace(base, "2024-01-01", "2024-13-01", 1),
		"three decimals": strings.Replace(base, `"10.00"`, `"10.005"`, 1),
		"missing name":   strings.Replace(base, "name: 测试", "", 1),
		"dates out of order": base + `  - effective: 2023-01-01
    item: "1"
    bands:
      - {label: a, amount: "12.00"}
`,
	}
	for name, content := range cases {
		if _, err := FromFiles(map[string][]byte{"x.yaml": []byte(content)}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := FromFiles(map[string][]byte{"a.yaml": []byte(base), "b.yaml": []byte(base)}); err == nil || !strings.Contains(err.Error(), "一项补贴只能有一个规则文件") {
		t.Errorf("duplicate code: %v, want it refused in Chinese", err)
	}
	// A date in the right shape but not in the calendar is told as such,
	// not as a date in the wrong format.
	_, err := FromFiles(map[string][]byte{"x.yaml": []byte(strings.Replace(base, "2024-01-01", "2024-02-30", 1))})
	if err == nil || !strings.Contains(err.Error(), `date "2024-02-30" is no day of the calendar`) {
		t.Errorf("2024-02-30: %v", err)
	}
}

// chineseFirst fails t unless every problem err gives names its line and
// says in Chinese what is wrong before the checker's English
// (第13行：这一档缺少名称… (line 13: …)), and the file's first words name
// exactly those lines (规则文件 x.yaml 第13行、第14行有误).
func chineseFirst(t *testing.T, name string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	each := regexp.MustCompile(`第(\d+)行：([^\n]*?) \(line (\d+): `).FindAllStringSubmatch(err.Error(), -1)
	if len(each) == 0 {
		t.Errorf("%s: %v: no problem says 第N行：… (line N: …)", name, err)
	}
	var lines []string
	for _, m := range each {
		if m[1] != m[3] || !regexp.MustCompile(`\p{Han}`).MatchString(m[2]) {
			t.Errorf("%s: %q: want the line's Chinese before its English", name, m[0])
		}
		if l := "第" + m[1] + "行"; !slices.Contains(lines, l) {
			lines = append(lines, l)
		}
	}
	if want := "x.yaml " + strings.Join(lines, "、") + "有误"; !strings.HasPrefix(err.Error(), "规则文件 ") || !strings.Contains(strings.SplitN(err.Error(), "，", 2)[0], want) {
		t.Errorf("%s: %v, want it to start %s", name, err, want)
	}
}

// An entry the file gets wrong is named by its line, with what to write
// instead: base's entry starts on line 10, its amount is on line 13. The
// message starts in Chinese, naming the file and the line (第13行).
func TestLoadNamesTheLineToFix(t *testing.T) {
	second := func(date, amount string) string {
		return base + "  - effective: " + date + "\n    item: \"1\"\n    bands:\n      - {label: a, amount: \"" + amount + "\"}\n"
	}
	for name, c := range map[string]struct{ content, want string }{
		"three decimals":    {strings.Replace(base, `"10.00"`, `"10.005"`, 1), "第13行：amount 10.005 多于两位小数：按月发放到分为止，最多写两位小数 (line 13: values[0].bands[0]: monthly amount 10.005 has more than two decimals"},
		"no effective date": {strings.Replace(base, "  - effective: 2024-01-01\n    item", "  - item", 1), "第10行：这一条标准缺少执行日期：请加上 effective: 年-月-日，如 effective: 2026-11-01 (line 10: values[0]: effective date is required: add effective: YYYY-MM-DD"},
		"two on one date":   {second("2024-01-01", "12.00"), "第14行：执行日期 2024-01-01 与第10行那一条相同：同一日期只能有一条标准，请保留实际执行的那条，新标准写它开始执行的日期 (line 14: values[1]: effective 2024-01-01 is also the date of the entry at line 10: one date has one entry"},
		"out of order":      {second("2023-01-01", "12.00"), "第14行：执行日期 2023-01-01 早于上面一条（第10行）的 2024-01-01：各条标准请按执行日期从早到晚排列 (line 14: values[1]: effective 2023-01-01 is before 2024-01-01, the date of the entry above it (line 10): list the entries oldest first"},
		"no label":          {strings.Replace(base, "label: a, ", "", 1), "第13行：这一档缺少名称：请加上 label: 表格和汇总中显示的档次名称，如 label: 80-89周岁 (line 13: values[0].bands[0]: label is required"},
	} {
		_, err := FromFiles(map[string][]byte{"x.yaml": []byte(c.content)})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
			continue
		}
		// In Chinese first, for the operator: the file and the line to
		// correct, not the line the message refers to (第10行).
		line := regexp.MustCompile(`^第\d+行`).FindString(c.want)
		if !strings.HasPrefix(err.Error(), "规则文件 x.yaml "+line+"有误") {
			t.Errorf("%s: %v, want it to start 规则文件 x.yaml %s有误", name, err, line)
		}
		chineseFirst(t, name, err)
	}
}

func TestHashFollowsContent(t *testing.T) {
	a, _ := FromFiles(map[string][]byte{"x.yaml": []byte(base)})
	b, _ := FromFiles(map[string][]byte{"x.yaml": []byte(base)})
	c, _ := FromFiles(map[string][]byte{"x.yaml": []byte(strings.Replace(base, `"10.00"`, `"10.01"`, 1))})
	if a.Hash != b.Hash || a.Hash == c.Hash || len(a.Hash) != 64 {
		t.Errorf("hashes %s %s %s", a.Hash, b.Hash, c.Hash)
	}
}

// aged is base with its band starting at 60周岁, as every band of money
// of the list does.
var aged = strings.Replace(base, `{label: a, amount: "10.00"}`, `{label: a, min_age: 60, amount: "10.00"}`, 1)

// loadOne loads a rules folder holding content as x.yaml, as a run does.
func loadOne(t *testing.T, content string) error {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.yaml"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	// The file is named by its path, for the operator to find it.
	if err != nil && !strings.HasPrefix(err.Error(), "规则文件 "+filepath.Join(dir, "x.yaml")+" ") {
		t.Errorf("%v: want it to start 规则文件 %s", err, filepath.Join(dir, "x.yaml"))
	}
	return err
}

// An operator's slip in a rules folder about to pay stops the run, naming
// the line and what to write: an amount left empty or out (read as 0.00,
// it suspended the band without a word, or paid a dibao senior the lower
// rate), a yearly amount below the fen (paid a year that does not add up
// to it), a band without min_age (paying every age), and bands that
// overlap (the first alone paid) or leave an age out (nobody of 90 paid).
// The rules recorded with an old run are read back as they were paid.
func TestLoadChecksWhatAFolderPays(t *testing.T) {
	year := strings.Replace(aged, "period: month", "period: year", 1)
	bands := func(b string) string {
		return strings.Replace(aged, `      - {label: a, min_age: 60, amount: "10.00"}`+"\n", b, 1)
	}
	for name, c := range map[string]struct{ content, want string }{
		"yearly three decimals": {strings.Replace(year, `"10.00"`, `"100.005"`, 1),
			`第13行：amount 100.005 多于两位小数：以元发放到分为止，最多写两位小数 (line 13: values[0].bands[0]: amount 100.005 has more than two decimals`},
		"amount empty": {bands("      - label: a\n        min_age: 60\n        amount:\n"),
			`line 15: values[0].bands[0]: amount is empty: write the amount, e.g. amount: "920.00"`},
		"amount quoted empty": {strings.Replace(aged, `"10.00"`, `""`, 1),
			`line 13: amount "" is empty: write the amount`},
		"amount left out": {bands("      - label: a\n        min_age: 60\n"),
			`line 13: values[0].bands[0]: amount is required`},
		"dibao amount empty": {bands("      - label: a\n        min_age: 60\n        amount: \"10.00\"\n        dibao_amount: ~\n"),
			`line 16: values[0].bands[0]: dibao_amount is empty`},
		"no min_age": {base,
			`line 13: values[0].bands[0]: min_age (the age in 周岁 the band starts at, 0 or more) is required`},
		"overlap": {bands("      - {label: 80-89, min_age: 80, max_age: 89, amount: \"10.00\"}\n      - {label: 89以上, min_age: 89, amount: \"20.00\"}\n"),
			`line 14: values[0].bands[1] (89以上) and bands[0] (80-89, line 13) both cover 89周岁: a person is paid by one band only`},
		"same band twice": {bands("      - {label: a, min_age: 80, amount: \"10.00\"}\n      - {label: b, min_age: 80, amount: \"20.00\"}\n"),
			`line 14: values[0].bands[1] (b) and bands[0] (a, line 13) both cover 80周岁以上`},
		"one label twice": {bands("      - {label: 80以上, min_age: 80, max_age: 89, amount: \"10.00\"}\n      - {label: 80以上, min_age: 90, amount: \"20.00\"}\n"),
			`line 14: values[0].bands[1] has the label "80以上" of bands[0] (line 13): sheets and counts name a band by its label`},
		"age left out": {bands("      - {label: 80-89, min_age: 80, max_age: 89, amount: \"10.00\"}\n      - {label: 91以上, min_age: 91, amount: \"20.00\"}\n"),
			`line 14: values[0].bands[1] (91以上) starts at min_age 91, but bands[0] (80-89, line 13) ends at max_age 89: no band pays 90周岁; make them meet (min_age: 90)`},
	} {
		err := loadOne(t, c.content)
		if err == nil || !strings.Contains(err.Error(), "rules x.yaml: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
		chineseFirst(t, name, err)
		if name == "amount quoted empty" {
			continue // no entry of any run was read from it
		}
		if _, err := FromFiles(map[string][]byte{"x.yaml": []byte(c.content)}); err != nil {
			t.Errorf("%s: recorded rules not read back: %v", name, err)
		}
	}
	for name, content := range map[string]string{
		"bands meeting":           bands("      - {label: 80-89, min_age: 80, max_age: 89, amount: \"10.00\"}\n      - {label: 90以上, min_age: 90, amount: \"20.00\"}\n"),
		"grades apart":            bands("      - {label: 一二级, min_age: 60, grades: [1, 2], amount: \"10.00\"}\n      - {label: 三四级, min_age: 60, grades: [3, 4], categories: [智力], amount: \"5.00\"}\n"),
		"ages apart by grade":     bands("      - {label: 一级, min_age: 60, max_age: 69, grades: [1], amount: \"10.00\"}\n      - {label: 二级, min_age: 80, grades: [2], amount: \"5.00\"}\n"),
		"yearly two decimals":     strings.Replace(year, `"10.00"`, `"920.50"`, 1),
		"a suspended band (0.00)": strings.Replace(aged, `"10.00"`, `"0.00"`, 1),
	} {
		if err := loadOne(t, content); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A policy clerk's new entry that is not the whole table, or whose numbers
// say other than its labels, stopped seniors or paid dibao households less
// without a word (the run exited 0 and approval passed): an entry with only
// the band that changed, or without its dibao_amount, a min_age of 81
// under 80-89周岁, a dibao_amount below the amount or 0.00. Each now stops
// every run, naming the line. A band kept at 0.00, a dibao rate written
// equal to the amount, and a table restated whole are accepted.
func TestLoadChecksANewEntryRestatesTheTable(t *testing.T) {
	const head = "code: x\nname: 测试\ndepartment: 区民政局\nunit: CNY\nperiod: year\norder: 1\narrears_months: 3\nsource: 清单第16、17项\nvalues:\n"
	const first = "  - effective: 2024-01-01\n    item: \"16\"\n    bands:\n" +
		"      - {label: 80-89周岁, min_age: 80, max_age: 89, amount: \"920.00\", dibao_amount: \"1640.00\"}\n" +
		"      - {label: 90-99周岁, min_age: 90, max_age: 99, amount: \"2760.00\", dibao_amount: \"3240.00\"}\n" +
		"      - {label: 100周岁以上, min_age: 100, amount: \"5400.00\", dibao_amount: \"5400.00\"}\n"
	entry := func(bands ...string) string {
		return head + first + "  - effective: 2026-03-01\n    item: \"16\"\n    bands:\n" + strings.Join(bands, "")
	}
	b80 := "      - {label: 80-89周岁, min_age: 80, max_age: 89, amount: \"1000.00\", dibao_amount: \"1800.00\"}\n"
	b90 := "      - {label: 90-99周岁, min_age: 90, max_age: 99, amount: \"3000.00\", dibao_amount: \"3600.00\"}\n"
	b100 := "      - {label: 100周岁以上, min_age: 100, amount: \"6000.00\", dibao_amount: \"6000.00\"}\n"
	for name, c := range map[string]struct{ content, want string }{
		"top band left out": {entry(b80, b90),
			`line 16: values[1] (effective 2026-03-01) has no band for the people of "100周岁以上" (line 15 of the entry before, from 100周岁)`},
		"only the band changed": {entry(b80),
			`values[1] (effective 2026-03-01) has no band for the people of "90-99周岁"`},
		"dibao_amount left out": {entry(strings.Replace(b80, `, dibao_amount: "1800.00"`, "", 1), b90, b100),
			`line 16: values[1] (effective 2026-03-01) gives no dibao_amount for the people of "80-89周岁" (line 13 of the entry before, from 80周岁), which had one`},
		"min_age against its label": {entry(strings.Replace(b80, "min_age: 80", "min_age: 81", 1), b90, b100),
			`line 19: values[1].bands[0]: the label "80-89周岁" says 80-89周岁, but min_age and max_age say 81-89周岁`},
		"min_age below its label": {entry(strings.Replace(b80, "min_age: 80", "min_age: 79", 1), b90, b100),
			`says 80-89周岁, but min_age and max_age say 79-89周岁`},
		// The label's other spellings: a tilde, 周岁 on both numbers,
		// full-width digits, Chinese numerals.
		"a tilde": {entry(strings.Replace(strings.Replace(b80, "max_age: 89", "max_age: 88", 1), "label: 80-89周岁", "label: 80～89周岁", 1), strings.Replace(b90, "min_age: 90", "min_age: 89", 1), b100),
			`the label "80～89周岁" says 80-89周岁, but min_age and max_age say 80-88周岁`},
		"周岁 twice": {entry(strings.Replace(strings.Replace(b80, "max_age: 89", "max_age: 88", 1), "label: 80-89周岁", "label: 80周岁-89周岁", 1), strings.Replace(b90, "min_age: 90", "min_age: 89", 1), b100),
			`the label "80周岁-89周岁" says 80-89周岁, but min_age and max_age say 80-88周岁`},
		"full-width digits": {entry(strings.Replace(strings.Replace(b80, "label: 80-89周岁", "label: ８０-８９周岁", 1), "min_age: 80", "min_age: 81", 1), b90, b100),
			`the label "８０-８９周岁" says 80-89周岁, but min_age and max_age say 81-89周岁`},
		"以上 of the top band": {entry(b80, b90, strings.Replace(b100, "min_age: 100", "min_age: 101", 1)),
			`line 21: values[1].bands[2]: the label "100周岁以上" says 100周岁以上, but min_age and max_age say 101周岁以上`},
		"Chinese numerals": {entry(strings.Replace(strings.Replace(b80, "label: 80-89周岁", "label: 八十至八十九周岁", 1), "min_age: 80", "min_age: 81", 1), b90, b100),
			`the label "八十至八十九周岁" says 80-89周岁, but min_age and max_age say 81-89周岁`},
		"dibao below the amount": {entry(strings.Replace(b80, `"1800.00"`, `"800.00"`, 1), b90, b100),
			`第19行：低保标准 dibao_amount 800 低于普通标准 amount 1000：低保户会比别人领得少，请写低保标准（不低于普通标准） (line 19: values[1].bands[0]: dibao_amount 800 is below amount 1000: a dibao household would be paid less than others`},
		"dibao zero": {entry(strings.Replace(b80, `"1800.00"`, `"0.00"`, 1), b90, b100),
			`dibao_amount 0 is below amount 1000`},
	} {
		err := loadOne(t, c.content)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
		chineseFirst(t, name, err)
		if _, err := FromFiles(map[string][]byte{"x.yaml": []byte(c.content)}); err != nil {
			t.Errorf("%s: recorded rules not read back: %v", name, err)
		}
	}
	for name, content := range map[string]string{
		"whole table":             entry(b80, b90, b100),
		"a band stopped at 0.00":  entry(b80, b90, strings.Replace(strings.Replace(b100, `"6000.00"`, `"0.00"`, 2), `, dibao_amount: "0.00"`, "", 1)),
		"dibao equal to the rate": entry(strings.Replace(b80, `"1800.00"`, `"1000.00"`, 1), b90, b100),
		"bands merged":            entry("      - {label: 80周岁以上, min_age: 80, amount: \"1000.00\", dibao_amount: \"1800.00\"}\n"),
	} {
		if err := loadOne(t, content); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A rules file saved as .yml or .YAML stops the run, naming it: it was
// never read, and its benefit went unpaid without a word. A backup that
// is no rules file by its name (.bak) is left alone.
func TestLoadRefusesARulesFileNamedOtherwise(t *testing.T) {
	for _, name := range []string{"y.yml", "y.YAML", "y.Yml"} {
		dir := t.TempDir()
		for n, content := range map[string]string{"x.yaml": aged, name: aged, "x.yaml.bak": aged} {
			if err := os.WriteFile(filepath.Join(dir, n), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), name+" 不以 .yaml 结尾") {
			t.Errorf("%s: %v", name, err)
		}
	}
	dir := t.TempDir()
	for n, content := range map[string]string{"x.yaml": aged, "x.yaml.bak": aged} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Load(dir); err != nil {
		t.Errorf("a .bak beside the rules: %v", err)
	}
}
