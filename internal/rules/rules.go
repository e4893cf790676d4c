package rules

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"disburse/internal/domain"
	"disburse/internal/money"
)

// Benefit is one rules file: a benefit of the list with its dated values.
type Benefit struct {
	Code       string `yaml:"code"`       // stable English code, e.g. senior_allowance
	Name       string `yaml:"name"`       // name on sheets, e.g. 高龄津贴
	Department string `yaml:"department"` // 牵头落实部门, names the payout workbook
	Unit       string `yaml:"unit"`       // "CNY" or "kWh"
	Period     string `yaml:"period"`     // "month" (amount per month), "year" (per year, paid monthly by cumulative rounding) or "once" (a one-off claim, item 20)
	Order      int    `yaml:"order"`      // position in summaries and in 择高 ties (lower wins a tie)
	Exclusive  string `yaml:"exclusive_group,omitempty"`
	GrantPer   string `yaml:"grant_per,omitempty"` // "person" (default) or "electricity_account" (one per 户号)
	// ArrearsMonths is how many months back arrears (补发) of this benefit
	// may go when a person first appears eligible or a rate changes with an
	// earlier effective date; required for monthly benefits, 0 for none.
	ArrearsMonths *int      `yaml:"arrears_months,omitempty"`
	Source        string    `yaml:"source"` // document and items, for people
	Note          string    `yaml:"note,omitempty"`
	Values        []Version `yaml:"values"`
	// File is the name of the rules file the benefit was read from, for
	// messages that name it.
	File string `yaml:"-"`
}

// Version is the table of one benefit in force from Effective until the next
// version's date.
type Version struct {
	Effective Date   `yaml:"effective"`
	Item      string `yaml:"item"` // list item(s) the values come from, e.g. "16、17"
	Bands     []Band `yaml:"bands"`
}

// Band is one row of a benefit's table: who it covers (age range in 周岁,
// disability grades and categories; an empty condition covers everyone) and
// the amount in the benefit's unit per period. DibaoAmount, when set, is the
// amount for a dibao household (items 16-17).
type Band struct {
	Label       string   `yaml:"label"` // 档次/标准 on sheets, e.g. "80-89周岁"
	MinAge      *int     `yaml:"min_age,omitempty"`
	MaxAge      *int     `yaml:"max_age,omitempty"`
	Grades      []int    `yaml:"grades,omitempty"`
	Categories  []string `yaml:"categories,omitempty"`
	Amount      Amount   `yaml:"amount"`
	DibaoAmount *Amount  `yaml:"dibao_amount,omitempty"`

	// One-off training bands (period once) only.
	TrainingType string  `yaml:"training_type,omitempty"` // 普惠制 or 订单式
	Cap          *Amount `yaml:"cap,omitempty"`           // pay the actual cost up to this, instead of Amount

	// Service bands (period service) only: who a department should reach
	// this month, and what they are entitled to.
	TurnsAge *int   `yaml:"turns_age,omitempty"` // reaches this age in 周岁 during the month
	Months   []int  `yaml:"months,omitempty"`    // only in these months of the year (1..12)
	Dibao    bool   `yaml:"dibao,omitempty"`     // only dibao households (城市低保, 农村低保, 低保, 是)
	Standard string `yaml:"standard,omitempty"`  // the service and its standard, as staff read it
}

// Covers reports whether the band's conditions hold for a person of the
// given age (周岁) and disability.
func (b *Band) Covers(age int, d domain.Disability) bool {
	if b.MinAge != nil && age < *b.MinAge {
		return false
	}
	if b.MaxAge != nil && age > *b.MaxAge {
		return false
	}
	if len(b.Grades) > 0 && !slices.Contains(b.Grades, d.Grade) {
		return false
	}
	if len(b.Categories) > 0 && !slices.Contains(b.Categories, d.Category) {
		return false
	}
	return true
}

// Amount is an exact decimal read from the YAML text as written ("920.00").
type Amount struct{ decimal.Decimal }

// UnmarshalYAML reads the scalar's text, not a float, and rejects anything
// but a non-negative decimal.
func (a *Amount) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("第%d行：金额应写成一个数，如 \"920.00\" (line %d: amount must be a number such as \"920.00\")", n.Line, n.Line)
	}
	if strings.TrimSpace(n.Value) == "" {
		return fmt.Errorf("第%d行：金额是空的，请写上金额，如 \"920.00\"（写 \"0.00\" 即本档暂停发放） (line %d: amount \"\" is empty: write the amount, e.g. \"920.00\" (\"0.00\" suspends the band))", n.Line, n.Line)
	}
	d, err := money.Parse(n.Value)
	if err != nil {
		return fmt.Errorf("第%d行：金额 %q 只能由半角数字和一个小数点组成，如 \"920.00\"：不能有负号、千分位逗号、全角数字或单位 (line %d: %w)", n.Line, n.Value, n.Line, err)
	}
	a.Decimal = d
	return nil
}

// MarshalYAML writes the amount back as its exact text.
func (a Amount) MarshalYAML() (any, error) { return a.String(), nil }

// dateShape is a date written YYYY-MM-DD, a day of the calendar or not.
var dateShape = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Date is a calendar date written YYYY-MM-DD in a rules file.
type Date struct{ time.Time }

// UnmarshalYAML reads YYYY-MM-DD.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse("2006-01-02", n.Value)
	if err != nil && dateShape.MatchString(n.Value) {
		return fmt.Errorf("第%d行：日期 %s 不存在（每月只有28至31天），请写标准执行的那一天 (line %d: date %q is no day of the calendar (a month has 28 to 31 days): write the day the entry takes effect)", n.Line, n.Value, n.Line, n.Value)
	}
	if err != nil {
		return fmt.Errorf("第%d行：日期 %q 应写成 年-月-日，如 2026-11-01（四位年份、两位月份和日，用半角短横线连接） (line %d: date %q: want YYYY-MM-DD)", n.Line, n.Value, n.Line, n.Value)
	}
	d.Time = t
	return nil
}

// MarshalYAML writes YYYY-MM-DD.
func (d Date) MarshalYAML() (any, error) { return d.Format("2006-01-02"), nil }

// Book is every benefit of a rules folder, with the content hash and the
// exact text of the files it was read from.
type Book struct {
	Benefits []Benefit         // sorted by Order
	Hash     string            // sha256 hex over file names and contents
	Files    map[string][]byte // file name -> content, for the run record
	// HeaderAliases are extra roster header names, keyed by the standard
	// header they stand for, from the *.headers.yaml files of the folder.
	HeaderAliases map[string][]string
}

// Load reads every *.yaml file of dir as a Benefit, except *.headers.yaml
// files, which hold roster header aliases. It returns an error
// naming the file and line of the first problem found: unreadable YAML,
// an unknown field, a missing field, a bad unit or period, values out of
// date order; and, since a rules folder read by Load is about to pay, the
// checks of Benefit.check (an amount left empty or out, a yearly amount
// below the fen, bands that overlap or leave an age out), which the rules
// recorded with an old run (FromFiles) are not held to.
func Load(dir string) (*Book, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("list rules: %w", err)
	}
	// A rules file saved as .yml (or .YAML) was never read, and its benefit
	// went unpaid, or paid by an old entry, without a word.
	all, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, p := range all {
		if ext := filepath.Ext(p); ext != ".yaml" && (strings.EqualFold(ext, ".yaml") || strings.EqualFold(ext, ".yml")) {
			return nil, fmt.Errorf("规则目录 %s 中的 %s 不以 .yaml 结尾，不会读取：如是规则文件，请改名为以 .yaml 结尾；如是备份或无用的文件，请移出规则目录 (rules file not named *.yaml)", dir, filepath.Base(p))
		}
	}
	files := make(map[string][]byte, len(matches))
	for _, p := range matches {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read rules: %w", err)
		}
		files[filepath.Base(p)] = b
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("规则目录 %s 中没有规则文件（*.yaml）；请用 --rules 指定规则目录（no rules in %s）", dir, dir)
	}
	return fromFiles(files, dir)
}

// HeadersSuffix ends the names of rules files that hold roster header
// aliases instead of a benefit.
const HeadersSuffix = ".headers.yaml"

func (bk *Book) addAliases(name string, content []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(content))
	var m map[string][]string
	if err := dec.Decode(&m); err != nil {
		return fmt.Errorf("rules %s: %w (want: standard header: [alias, ...])", name, err)
	}
	if bk.HeaderAliases == nil {
		bk.HeaderAliases = map[string][]string{}
	}
	for k, v := range m {
		bk.HeaderAliases[k] = append(bk.HeaderAliases[k], v...)
	}
	return nil
}

// FromFiles builds a Book from file contents keyed by file name, as Load
// does but without Benefit.check: it is how a run's recorded rules are read
// back, and an old month is recomputed by the rules it was paid by.
func FromFiles(files map[string][]byte) (*Book, error) { return fromFiles(files, "") }

// fromFiles is FromFiles of the files of folder dir, with Benefit.check
// too when dir is given (Load), and dir named in its errors.
func fromFiles(files map[string][]byte, dir string) (*Book, error) {
	strict := dir != ""
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	book := &Book{Files: files}
	seen := map[string]string{}
	for _, name := range names {
		content := files[name]
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(content))
		h.Write(content)
		if strings.HasSuffix(name, HeadersSuffix) {
			if err := book.addAliases(name, content); err != nil {
				return nil, err
			}
			continue
		}
		dec := yaml.NewDecoder(bytes.NewReader(content))
		dec.KnownFields(true)
		var b Benefit
		if err := dec.Decode(&b); err != nil {
			return nil, fileError(dir, name, err)
		}
		ln := linesOf(content)
		err := b.validate(ln)
		if strict {
			err = errors.Join(err, b.check(ln))
		}
		if err != nil {
			return nil, fileError(dir, name, err)
		}
		if other, dup := seen[b.Code]; dup {
			return nil, fmt.Errorf("规则文件 %s 与 %s 的 code 同为 %s：一项补贴只能有一个规则文件（多出的一个可能是备份或副本），请把多余的删除或移出规则目录 (rules %s: code %s already defined in %s)",
				name, other, b.Code, name, b.Code, other)
		}
		seen[b.Code] = name
		b.File = name
		book.Benefits = append(book.Benefits, b)
	}
	sort.SliceStable(book.Benefits, func(i, j int) bool { return book.Benefits[i].Order < book.Benefits[j].Order })
	book.Hash = hex.EncodeToString(h.Sum(nil))
	return book, nil
}

// entryLines are the line numbers, in a rules file, of its dated entries
// (values[i]: the line of its first key) and of their bands
// (values[i].bands[j]) and band amounts, for errors that name the line to
// fix. A number is 0 when the file does not say it.
type entryLines struct {
	values  []int
	bands   [][]int
	amounts [][]map[string]int // key (amount, dibao_amount, cap) -> line of its value
	// empty are the amount keys of values[i].bands[j] written with no
	// value ("amount:"), which YAML reads as if the key were not there.
	empty [][][]string
}

// linesOf reads the entry lines of a rules file's content (entryLines);
// content that does not parse gives none.
func linesOf(content []byte) entryLines {
	var ln entryLines
	var doc yaml.Node
	if yaml.Unmarshal(content, &doc) != nil || len(doc.Content) == 0 {
		return ln
	}
	values := mapValue(doc.Content[0], "values")
	if values == nil || values.Kind != yaml.SequenceNode {
		return ln
	}
	for _, v := range values.Content {
		ln.values = append(ln.values, v.Line)
		var bands []int
		var amounts []map[string]int
		var empty [][]string
		if bs := mapValue(v, "bands"); bs != nil && bs.Kind == yaml.SequenceNode {
			for _, b := range bs.Content {
				bands = append(bands, b.Line)
				at := map[string]int{}
				var none []string
				for _, key := range []string{"amount", "dibao_amount", "cap"} {
					if a := mapValue(b, key); a != nil {
						at[key] = a.Line
						if a.ShortTag() == "!!null" {
							none = append(none, key)
						}
					}
				}
				amounts = append(amounts, at)
				empty = append(empty, none)
			}
		}
		ln.bands = append(ln.bands, bands)
		ln.amounts = append(ln.amounts, amounts)
		ln.empty = append(ln.empty, empty)
	}
	return ln
}

// mapValue returns the value of key in the mapping node n, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// value is the line of values[i], or 0.
func (ln entryLines) value(i int) int {
	if i < len(ln.values) {
		return ln.values[i]
	}
	return 0
}

// band is the line of values[i].bands[j], or 0.
func (ln entryLines) band(i, j int) int {
	if i < len(ln.bands) && j < len(ln.bands[i]) {
		return ln.bands[i][j]
	}
	return 0
}

// amount is the line of values[i].bands[j]'s key (amount or
// dibao_amount), else of the band.
func (ln entryLines) amount(i, j int, key string) int {
	if i < len(ln.amounts) && j < len(ln.amounts[i]) && ln.amounts[i][j][key] != 0 {
		return ln.amounts[i][j][key]
	}
	return ln.band(i, j)
}

// at is a problem of a rules file on line (0: not known) as the operator
// reads it: zh, in Chinese, says what is wrong and what to write, then en,
// the checker's English, names the entry and band (values[1].bands[0]):
// "第26行：… (line 26: values[1].bands[0]: …)". fileError collects the
// lines for its first words.
func at(line int, zh, en string) error {
	if line == 0 {
		return fmt.Errorf("%s (%s)", zh, en)
	}
	return fmt.Errorf("第%d行：%s (line %d: %s)", line, zh, line, en)
}

// validate checks the benefit read from a rules file whose entries are at
// ln, and returns every problem found, each naming its line when known.
func (b *Benefit) validate(ln entryLines) error {
	var errs []error
	need := func(v, field, what string) {
		if strings.TrimSpace(v) == "" {
			errs = append(errs, at(0, fmt.Sprintf("文件开头缺少 %s:（%s），请补上", field, what), field+" is required"))
		}
	}
	need(b.Code, "code", "项目代码")
	need(b.Name, "name", "项目名称")
	need(b.Department, "department", "发放部门")
	need(b.Source, "source", "依据的清单项目")
	if b.Period == "service" {
		if b.Unit != "" {
			errs = append(errs, at(0, fmt.Sprintf("服务项目没有单位，请删去 unit: %s", b.Unit), fmt.Sprintf("unit %q: a service has no unit", b.Unit)))
		}
	} else if b.Unit != domain.UnitYuan && b.Unit != domain.UnitKWh {
		errs = append(errs, at(0, fmt.Sprintf("单位 unit: %q 无法识别：请写 CNY（元）或 kWh（千瓦时）", b.Unit), fmt.Sprintf("unit %q: want CNY or kWh", b.Unit)))
	}
	if b.Period != "month" && b.Period != "year" && b.Period != "once" && b.Period != "service" {
		errs = append(errs, at(0, fmt.Sprintf("发放周期 period: %q 无法识别：请写 month（按月）、year（按年）、once（一次性）或 service（服务）", b.Period), fmt.Sprintf("period %q: want month, year, once or service", b.Period)))
	}
	if b.GrantPer != "" && b.GrantPer != "person" && b.GrantPer != "electricity_account" {
		errs = append(errs, at(0, fmt.Sprintf("grant_per: %q 无法识别：请写 person（每人）或 electricity_account（每个电力户号）", b.GrantPer), fmt.Sprintf("grant_per %q: want person or electricity_account", b.GrantPer)))
	}
	if len(b.Values) == 0 {
		errs = append(errs, at(0, "没有任何一条标准：请在 values: 下写出带执行日期的标准", "values: at least one dated entry is required"))
	}
	if (b.Period == "month" || b.Period == "year") && (b.ArrearsMonths == nil || *b.ArrearsMonths < 0) {
		errs = append(errs, at(0, "缺少 arrears_months:（补发最多追溯几个月，不补发写 0），请补上", "arrears_months (how many months back arrears may go, 0 for none) is required"))
	}
	for i, v := range b.Values {
		if v.Effective.IsZero() {
			errs = append(errs, at(ln.value(i), "这一条标准缺少执行日期：请加上 effective: 年-月-日，如 effective: 2026-11-01",
				fmt.Sprintf("values[%d]: effective date is required: add effective: YYYY-MM-DD, the day the entry takes effect", i)))
		} else if i > 0 && v.Effective.Equal(b.Values[i-1].Effective.Time) {
			errs = append(errs, at(ln.value(i), fmt.Sprintf("执行日期 %s 与第%d行那一条相同：同一日期只能有一条标准，请保留实际执行的那条，新标准写它开始执行的日期", v.Effective.Format("2006-01-02"), ln.value(i-1)),
				fmt.Sprintf("values[%d]: effective %s is also the date of the entry at line %d: one date has one entry; keep the one in force, and give a changed rate the date it changes from", i, v.Effective.Format("2006-01-02"), ln.value(i-1))))
		} else if i > 0 && !v.Effective.After(b.Values[i-1].Effective.Time) {
			errs = append(errs, at(ln.value(i), fmt.Sprintf("执行日期 %s 早于上面一条（第%d行）的 %s：各条标准请按执行日期从早到晚排列", v.Effective.Format("2006-01-02"), ln.value(i-1), b.Values[i-1].Effective.Format("2006-01-02")),
				fmt.Sprintf("values[%d]: effective %s is before %s, the date of the entry above it (line %d): list the entries oldest first", i, v.Effective.Format("2006-01-02"), b.Values[i-1].Effective.Format("2006-01-02"), ln.value(i-1))))
		}
		if strings.TrimSpace(v.Item) == "" {
			errs = append(errs, at(ln.value(i), "这一条标准缺少清单项目：请加上 item: 标准所依据的养老服务清单项目序号，如 item: \"16\"",
				fmt.Sprintf("values[%d]: item (the list item the values come from) is required", i)))
		}
		if len(v.Bands) == 0 {
			errs = append(errs, at(ln.value(i), "这一条标准没有档次：请在 bands: 下写出各档（年龄段及金额）",
				fmt.Sprintf("values[%d]: at least one band is required", i)))
		}
		for j, band := range v.Bands {
			if band.Label == "" {
				errs = append(errs, at(ln.band(i, j), "这一档缺少名称：请加上 label: 表格和汇总中显示的档次名称，如 label: 80-89周岁",
					fmt.Sprintf("values[%d].bands[%d]: label is required", i, j)))
			}
			if band.MinAge != nil && band.MaxAge != nil && *band.MinAge > *band.MaxAge {
				errs = append(errs, at(ln.band(i, j), fmt.Sprintf("起始年龄 min_age %d 大于截止年龄 max_age %d：这一档谁也不发，请改正其中一个", *band.MinAge, *band.MaxAge),
					fmt.Sprintf("values[%d].bands[%d]: min_age %d > max_age %d", i, j, *band.MinAge, *band.MaxAge)))
			}
			if b.Period == "service" {
				if strings.TrimSpace(band.Standard) == "" {
					errs = append(errs, at(ln.band(i, j), "这一项服务缺少服务内容：请加上 standard: 工作人员看到的服务内容",
						fmt.Sprintf("values[%d].bands[%d]: standard (the service, as staff read it) is required", i, j)))
				}
				for _, m := range band.Months {
					if m < 1 || m > 12 {
						errs = append(errs, at(ln.band(i, j), fmt.Sprintf("月份 %d 不在 1 至 12 之间：months: 请写 1 至 12 的月份", m),
							fmt.Sprintf("values[%d].bands[%d]: month %d outside 1..12", i, j, m)))
					}
				}
			} else if band.TurnsAge != nil || len(band.Months) > 0 || band.Dibao || band.Standard != "" {
				errs = append(errs, at(ln.band(i, j), "turns_age、months、dibao、standard 只用于服务项目（period: service），发钱的项目请删去",
					fmt.Sprintf("values[%d].bands[%d]: turns_age, months, dibao and standard are for period service", i, j)))
			}
			if b.Period == "once" {
				if band.TrainingType != domain.TrainingGeneral && band.TrainingType != domain.TrainingOrder {
					errs = append(errs, at(ln.band(i, j), fmt.Sprintf("培训类型 training_type %q 无法识别：请写 %s 或 %s", band.TrainingType, domain.TrainingGeneral, domain.TrainingOrder),
						fmt.Sprintf("values[%d].bands[%d]: training_type %q: want %s or %s", i, j, band.TrainingType, domain.TrainingGeneral, domain.TrainingOrder)))
				}
				if band.Cap != nil && !band.Amount.IsZero() {
					errs = append(errs, at(ln.band(i, j), "amount（定额）与 cap（上限）只能写一个，请删去另一个",
						fmt.Sprintf("values[%d].bands[%d]: give amount or cap, not both", i, j)))
				}
			} else if band.TrainingType != "" || band.Cap != nil {
				errs = append(errs, at(ln.band(i, j), "training_type、cap 只用于一次性发放的项目（period: once），请删去",
					fmt.Sprintf("values[%d].bands[%d]: training_type and cap are for period once", i, j)))
			}
			for _, g := range band.Grades {
				if g < 1 || g > 4 {
					errs = append(errs, at(ln.band(i, j), fmt.Sprintf("残疾等级 %d 不在 1 至 4 之间：grades: 请写 1（一级）至 4（四级）", g),
						fmt.Sprintf("values[%d].bands[%d]: grade %d outside 1..4", i, j, g)))
				}
			}
			if b.Unit == domain.UnitYuan {
				for _, a := range []struct {
					key string
					v   *Amount
				}{{"amount", &band.Amount}, {"dibao_amount", band.DibaoAmount}} {
					if a.v != nil && !a.v.Round(2).Equal(a.v.Decimal) && b.Period == "month" {
						errs = append(errs, at(ln.amount(i, j, a.key), fmt.Sprintf("%s %s 多于两位小数：按月发放到分为止，最多写两位小数", a.key, a.v),
							fmt.Sprintf("values[%d].bands[%d]: monthly %s %s has more than two decimals: a month is paid in yuan to the fen, so write at most two decimals", i, j, a.key, a.v)))
					}
				}
			}
		}
	}
	return errors.Join(errs...)
}

// check holds a rules folder about to pay (Load) to what validate does not
// check of the rules recorded with old runs: every band of money has its
// amount written (an amount left empty or out reads as 0.00, which
// suspends the band without a word), a yearly or one-off amount in yuan
// has at most two decimals, a min_age of 0 or more (a band without one
// pays every age), and the bands of one entry that differ only by age
// neither overlap (a person would be paid by the first alone) nor leave
// an age between them out (80-89 and 91 以上 pay nobody of 90); and no
// two bands of an entry share a label (sameLabels).
func (b *Benefit) check(ln entryLines) error {
	var errs []error
	money := b.Period == "month" || b.Period == "year" || b.Period == "once"
	for i, v := range b.Values {
		for j, band := range v.Bands {
			if i < len(ln.empty) && j < len(ln.empty[i]) {
				for _, key := range ln.empty[i][j] {
					errs = append(errs, at(ln.amount(i, j, key), fmt.Sprintf("%s 是空的：请写上金额，如 %s: \"920.00\"（写 \"0.00\" 即本档暂停发放）", key, key),
						fmt.Sprintf("values[%d].bands[%d]: %s is empty: write the amount, e.g. %s: \"920.00\" (\"0.00\" suspends the band)", i, j, key, key)))
				}
			}
			if !money {
				continue
			}
			if i < len(ln.amounts) && j < len(ln.amounts[i]) && ln.amounts[i][j]["amount"] == 0 && band.Cap == nil {
				errs = append(errs, at(ln.band(i, j), "这一档缺少金额：请加上 amount: \"920.00\"（写 \"0.00\" 即本档暂停发放）",
					fmt.Sprintf("values[%d].bands[%d]: amount is required: write amount: \"920.00\" (\"0.00\" suspends the band)", i, j)))
			}
			if b.Unit == domain.UnitYuan && b.Period != "month" { // month: validate
				for _, a := range []struct {
					key string
					v   *Amount
				}{{"amount", &band.Amount}, {"dibao_amount", band.DibaoAmount}, {"cap", band.Cap}} {
					if a.v != nil && !a.v.Round(2).Equal(a.v.Decimal) {
						errs = append(errs, at(ln.amount(i, j, a.key), fmt.Sprintf("%s %s 多于两位小数：以元发放到分为止，最多写两位小数", a.key, a.v),
							fmt.Sprintf("values[%d].bands[%d]: %s %s has more than two decimals: amounts in yuan are paid to the fen, so write at most two decimals", i, j, a.key, a.v)))
					}
				}
			}
			if band.MinAge == nil || *band.MinAge < 0 {
				errs = append(errs, at(ln.band(i, j), "这一档缺少起始年龄：请加上 min_age: 这一档起始的周岁（0 或以上），否则各年龄都按这一档发放",
					fmt.Sprintf("values[%d].bands[%d]: min_age (the age in 周岁 the band starts at, 0 or more) is required: without it the band pays every age", i, j)))
			}
			if band.MaxAge != nil && *band.MaxAge < 0 {
				errs = append(errs, at(ln.band(i, j), fmt.Sprintf("截止年龄 max_age %d 小于 0：请写这一档截止的周岁，或删去 max_age（即“以上”）", *band.MaxAge),
					fmt.Sprintf("values[%d].bands[%d]: max_age %d is below 0", i, j, *band.MaxAge)))
			}
		}
		if money {
			errs = append(errs, ageGaps(v, i, ln)...)
			errs = append(errs, labelAges(v, i, ln)...)
			errs = append(errs, dibaoBelow(v, i, ln)...)
			if i > 0 && b.Period != "once" {
				errs = append(errs, restated(b.Values[i-1], v, i, ln)...)
			}
		}
		errs = append(errs, sameLabels(v, i, ln)...)
	}
	return errors.Join(errs...)
}

// labelAge matches the ages a band's label names, its digits ASCII and
// its Chinese numerals digits (labelDigits): 80-89周岁, 80～89周岁,
// 80周岁-89周岁, 80岁至89岁, 100周岁以上, 100周岁及以上.
var labelAge = regexp.MustCompile(`(\d+)\s*(?:周?岁)?\s*(?:-|~|～|－|—|–|〜|至|到)\s*(\d+)\s*周?岁|(\d+)\s*周?岁\s*(?:及)?以上`)

// labelDigits writes a label's full-width digits and its Chinese numerals
// up to 一百九十九 (八十九, 一百) as ASCII digits, for labelAge.
func labelDigits(label string) string {
	label = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, label)
	return cnNumber.ReplaceAllStringFunc(label, func(n string) string {
		v, cur := 0, 0
		for _, r := range n {
			switch d := slices.Index([]rune("零一二三四五六七八九"), r); {
			case d >= 0:
				cur = d
			case r == '〇':
				cur = 0
			case r == '十':
				if cur == 0 {
					cur = 1
				}
				v, cur = v+cur*10, 0
			case r == '百':
				v, cur = v+cur*100, 0
			}
		}
		return strconv.Itoa(v + cur)
	})
}

// cnNumber is a run of Chinese numerals.
var cnNumber = regexp.MustCompile(`[零〇一二三四五六七八九十百]+`)

// labelAges gives an error for each band of entry v (values[i]) whose label
// names ages (80-89周岁, 100周岁以上) other than its min_age and max_age:
// staff read the label on every sheet, the program pays by the numbers, so
// a min_age of 81 under 80-89周岁 left everyone of 80 unpaid without a word.
func labelAges(v Version, i int, ln entryLines) []error {
	var errs []error
	for j, band := range v.Bands {
		m := labelAge.FindStringSubmatch(labelDigits(band.Label))
		if m == nil {
			continue
		}
		lo, hi := ageRange(&band)
		wantLo, wantHi := 0, math.MaxInt
		if m[3] != "" {
			wantLo, _ = strconv.Atoi(m[3])
		} else {
			wantLo, _ = strconv.Atoi(m[1])
			wantHi, _ = strconv.Atoi(m[2])
		}
		if lo != wantLo || hi != wantHi {
			errs = append(errs, at(ln.band(i, j), fmt.Sprintf("名称 %q 写的是 %s，但 min_age、max_age 是 %s：工作人员看名称，程序按 min_age、max_age 发放，请改成一致", band.Label, ages(wantLo, wantHi), ages(lo, hi)),
				fmt.Sprintf("values[%d].bands[%d]: the label %q says %s, but min_age and max_age say %s: staff read the label, the program pays by min_age and max_age; make them agree", i, j, band.Label, ages(wantLo, wantHi), ages(lo, hi))))
		}
	}
	return errs
}

// dibaoBelow gives an error for each band of entry v (values[i]) whose
// dibao_amount is below its amount: a dibao household (list items 16-17)
// is paid at least what others are, and a dibao_amount mistyped lower, or
// "0.00", paid the poorest seniors less than their neighbours.
func dibaoBelow(v Version, i int, ln entryLines) []error {
	var errs []error
	for j, band := range v.Bands {
		if band.DibaoAmount != nil && band.DibaoAmount.LessThan(band.Amount.Decimal) {
			errs = append(errs, at(ln.amount(i, j, "dibao_amount"), fmt.Sprintf("低保标准 dibao_amount %s 低于普通标准 amount %s：低保户会比别人领得少，请写低保标准（不低于普通标准）", band.DibaoAmount, band.Amount),
				fmt.Sprintf("values[%d].bands[%d]: dibao_amount %s is below amount %s: a dibao household would be paid less than others; write the dibao rate (at least the amount)", i, j, band.DibaoAmount, band.Amount)))
		}
	}
	return errs
}

// restated gives an error for each band of prev, the entry before v
// (values[i]), that paid someone v pays by no band, or paid a dibao rate
// that v's band for them leaves out: a new entry restates the whole table
// (InForce takes the latest entry alone), so an entry written with only the
// band that changed, or without its dibao_amount, stopped every senior of
// the other bands, or paid dibao seniors the plain rate, without a word.
// A band stopped on purpose is kept, with amount "0.00"; a dibao rate
// dropped on purpose is written equal to the amount.
func restated(prev, v Version, i int, ln entryLines) []error {
	var errs []error
	cats := []string{""}
	for _, bs := range [][]Band{prev.Bands, v.Bands} {
		for _, b := range bs {
			for _, c := range b.Categories {
				if !slices.Contains(cats, c) {
					cats = append(cats, c)
				}
			}
		}
	}
	coverer := func(bands []Band, age int, d domain.Disability) *Band {
		for k := range bands {
			if bands[k].Covers(age, d) {
				return &bands[k]
			}
		}
		return nil
	}
	const oldest = 130 // ages probed: 0 to this, in 周岁
	for j := range prev.Bands {
		p := &prev.Bands[j]
		if p.Amount.IsZero() && (p.DibaoAmount == nil || p.DibaoAmount.IsZero()) {
			continue // suspended: stops nobody by being left out
		}
		missing, noDibao := -1, -1
		for age := 0; age <= oldest && (missing < 0 || noDibao < 0); age++ {
			for g := 0; g <= 4; g++ {
				for _, c := range cats {
					d := domain.Disability{Grade: g, Category: c}
					if coverer(prev.Bands, age, d) != p {
						continue
					}
					n := coverer(v.Bands, age, d)
					if n == nil && missing < 0 {
						missing = age
					}
					if n != nil && p.DibaoAmount != nil && n.DibaoAmount == nil && !n.Amount.IsZero() && noDibao < 0 { // 0.00 alone: stopped for all
						noDibao = age
					}
				}
			}
		}
		if missing >= 0 {
			errs = append(errs, at(ln.value(i), fmt.Sprintf("自 %s 起的这一条标准没有上一条中“%s”（第%d行，%d周岁起）那一档：新的一条取代整张标准表，这些人自该日起将一分不发；请把各档都抄进新的一条（有意停发的档次保留，写 amount: \"0.00\"）", v.Effective.Format("2006-01-02"), p.Label, ln.band(i-1, j), missing),
				fmt.Sprintf("values[%d] (effective %s) has no band for the people of %q (line %d of the entry before, from %d周岁): an entry replaces the whole table, so they would be paid nothing from that date; copy every band into the new entry (a band stopped on purpose stays, with amount: \"0.00\")", i, v.Effective.Format("2006-01-02"), p.Label, ln.band(i-1, j), missing)))
		}
		if noDibao >= 0 {
			errs = append(errs, at(ln.value(i), fmt.Sprintf("自 %s 起的这一条标准没有给上一条中“%s”（第%d行，%d周岁起）那一档写低保标准 dibao_amount：低保户自该日起将按普通标准发放；请写上这一档的 dibao_amount（两种标准现已相同的，写与 amount 相同的金额）", v.Effective.Format("2006-01-02"), p.Label, ln.band(i-1, j), noDibao),
				fmt.Sprintf("values[%d] (effective %s) gives no dibao_amount for the people of %q (line %d of the entry before, from %d周岁), which had one: dibao households would be paid the plain rate from that date; write the band's dibao_amount (equal to amount if the two rates are one now)", i, v.Effective.Format("2006-01-02"), p.Label, ln.band(i-1, j), noDibao)))
		}
	}
	return errs
}

// sameLabels gives an error for each band of entry v (values[i]) whose
// label an earlier band of it has: sheets, the 汇总 and the service
// lists name and count people by the label, so two bands under one would
// show one band's people with the other's, each count as the sum of both.
func sameLabels(v Version, i int, ln entryLines) []error {
	var errs []error
	first := map[string]int{}
	for j, band := range v.Bands {
		if k, ok := first[band.Label]; ok {
			errs = append(errs, at(ln.band(i, j), fmt.Sprintf("名称 %q 与第%d行那一档相同：表格和汇总按名称区分档次，请给每一档不同的名称", band.Label, ln.band(i, k)),
				fmt.Sprintf("values[%d].bands[%d] has the label %q of bands[%d] (line %d): sheets and counts name a band by its label, so give each band of an entry its own", i, j, band.Label, k, ln.band(i, k))))
			continue
		}
		first[band.Label] = j
	}
	return errs
}

// ageRange is a band's ages in 周岁, from lo to hi (math.MaxInt: 以上).
func ageRange(b *Band) (lo, hi int) {
	lo, hi = 0, math.MaxInt
	if b.MinAge != nil {
		lo = *b.MinAge
	}
	if b.MaxAge != nil {
		hi = *b.MaxAge
	}
	return lo, hi
}

// ages writes lo..hi as a rules file's reader says it: 90-99周岁, 100周岁以上.
func ages(lo, hi int) string {
	switch {
	case hi == math.MaxInt:
		return fmt.Sprintf("%d周岁以上", lo)
	case lo == hi:
		return fmt.Sprintf("%d周岁", lo)
	}
	return fmt.Sprintf("%d-%d周岁", lo, hi)
}

// ageGaps returns the problems of the bands of v (values[i] of the file at
// ln) among themselves: two bands that may cover one person (ages that
// overlap, grades and categories that meet, one training type), of which
// the first alone would pay; and an age left out between two bands of the
// same grades, categories and training type.
func ageGaps(v Version, i int, ln entryLines) []error {
	var errs []error
	meet := func(a, b *Band) bool {
		return a.TrainingType == b.TrainingType &&
			(len(a.Grades) == 0 || len(b.Grades) == 0 || slices.ContainsFunc(a.Grades, func(g int) bool { return slices.Contains(b.Grades, g) })) &&
			(len(a.Categories) == 0 || len(b.Categories) == 0 || slices.ContainsFunc(a.Categories, func(c string) bool { return slices.Contains(b.Categories, c) }))
	}
	same := func(a, b *Band) bool {
		return a.TrainingType == b.TrainingType && sameSet(a.Grades, b.Grades) && sameSet(a.Categories, b.Categories)
	}
	for j := range v.Bands {
		a := &v.Bands[j]
		alo, ahi := ageRange(a)
		if alo > ahi {
			continue // min_age above max_age: validate says so
		}
		covered := ahi == math.MaxInt // is the age after a's last paid by a band of a's conditions?
		next, nlo := -1, 0            // if not, the band of them starting nearest after it, and its min_age
		for k := range v.Bands {
			b := &v.Bands[k]
			blo, bhi := ageRange(b)
			if k == j || blo > bhi {
				continue
			}
			if k > j && meet(a, b) && alo <= bhi && blo <= ahi {
				errs = append(errs, at(ln.band(i, k), fmt.Sprintf("“%s”与第%d行的“%s”都包括 %s：一个人只按一档发放，请让年龄段首尾相接、不重叠（如 max_age: 89 与 min_age: 90）", b.Label, ln.band(i, j), a.Label, ages(max(alo, blo), min(ahi, bhi))),
					fmt.Sprintf("values[%d].bands[%d] (%s) and bands[%d] (%s, line %d) both cover %s: a person is paid by one band only, so make the ages meet without overlapping (e.g. max_age: 89 and min_age: 90)", i, k, b.Label, j, a.Label, ln.band(i, j), ages(max(alo, blo), min(ahi, bhi)))))
			}
			if !covered && same(a, b) {
				if blo <= ahi+1 && ahi+1 <= bhi {
					covered = true
				} else if blo > ahi+1 && (next < 0 || blo < nlo) {
					next, nlo = k, blo
				}
			}
		}
		if !covered && next >= 0 {
			errs = append(errs, at(ln.band(i, next), fmt.Sprintf("“%s”从 %d 周岁起，而第%d行的“%s”到 %d 周岁止：%s 没有一档发放；请让两档相接（min_age: %d）", v.Bands[next].Label, nlo, ln.band(i, j), a.Label, ahi, ages(ahi+1, nlo-1), ahi+1),
				fmt.Sprintf("values[%d].bands[%d] (%s) starts at min_age %d, but bands[%d] (%s, line %d) ends at max_age %d: no band pays %s; make them meet (min_age: %d)", i, next, v.Bands[next].Label, nlo, j, a.Label, ln.band(i, j), ahi, ages(ahi+1, nlo-1), ahi+1)))
		}
	}
	return errs
}

// sameSet reports whether a and b hold the same elements, in any order.
func sameSet[T comparable](a, b []T) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(x T) bool { return !slices.Contains(b, x) }) &&
		!slices.ContainsFunc(b, func(x T) bool { return !slices.Contains(a, x) })
}

// InForce returns the version of b in force on day (the latest whose
// effective date is on or before it), or an error when none is.
func (b *Benefit) InForce(day time.Time) (*Version, error) {
	var found *Version
	for i := range b.Values {
		if !b.Values[i].Effective.After(day) {
			found = &b.Values[i]
		}
	}
	if found == nil {
		return nil, fmt.Errorf("「%s」在 %s 没有执行中的标准（规则文件中最早的自 %s 起执行）：本月不能发放，请在 rules/ 的规则文件中补上当时的标准 (%s: no value in force on %s, earliest is from %s)",
			b.Name, day.Format("2006-01-02"), b.Values[0].Effective.Format("2006-01-02"), b.Code, day.Format("2006-01-02"), b.Values[0].Effective.Format("2006-01-02"))
	}
	return found, nil
}

// Table is the set of benefit tables in force for one payout month.
type Table struct {
	Month    domain.Month
	Hash     string
	Benefits []InForce // in Order
	// ArrearsWindow is the book's (Book.ArrearsWindow), in months.
	ArrearsWindow int
}

// InForce is a benefit with the version in force for the table's month.
type InForce struct {
	*Benefit
	Version *Version
}

// ArrearsWindow returns the longest arrears_months of bk's benefits: how
// many months back a month is ever computed again, as arrears (补发) of a
// month held or paid less then, or a birthday's service list caught up
// (older approved months are looked at only for money never sent and for
// recoveries).
func (bk *Book) ArrearsWindow() int {
	window := 0
	for _, b := range bk.Benefits {
		if b.ArrearsMonths != nil {
			window = max(window, *b.ArrearsMonths)
		}
	}
	return window
}

// ForMonth returns the tables in force on the first day of month m. It
// returns an error listing every benefit that has no value in force then.
func (bk *Book) ForMonth(m domain.Month) (*Table, error) {
	t := &Table{Month: m, Hash: bk.Hash, ArrearsWindow: bk.ArrearsWindow()}
	var errs []error
	for i := range bk.Benefits {
		v, err := bk.Benefits[i].InForce(m.First())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		t.Benefits = append(t.Benefits, InForce{Benefit: &bk.Benefits[i], Version: v})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("rules for %s: %w", m, err)
	}
	return t, nil
}

// Monthly returns the benefits paid every month from the person rosters
// (period month or year), in Order.
func (t *Table) Monthly() []InForce {
	var out []InForce
	for _, b := range t.Benefits {
		if b.Period == "month" || b.Period == "year" {
			out = append(out, b)
		}
	}
	return out
}

// Services returns the services of the table (period service): lists of
// people a department should reach, with no money, in Order.
func (t *Table) Services() []InForce {
	var out []InForce
	for _, b := range t.Benefits {
		if b.Period == "service" {
			out = append(out, b)
		}
	}
	return out
}

// Departments returns the departments of the table's benefits in Order,
// each once.
func (t *Table) Departments() []string {
	var out []string
	for _, b := range t.Benefits {
		if !slices.Contains(out, b.Department) {
			out = append(out, b.Department)
		}
	}
	return out
}

// Group returns the codes of the benefits of t paid instead of each other
// with benefit code (its exclusive_group, 同类补贴择高), code first; code
// alone when it has no group.
func (t *Table) Group(code string) []string {
	out := []string{code}
	b := t.Benefit(code)
	if b == nil || b.Exclusive == "" {
		return out
	}
	for i := range t.Benefits {
		if o := &t.Benefits[i]; o.Code != code && o.Exclusive == b.Exclusive {
			out = append(out, o.Code)
		}
	}
	return out
}

// Benefit returns the benefit with the given code, or nil.
func (t *Table) Benefit(code string) *InForce {
	for i := range t.Benefits {
		if t.Benefits[i].Code == code {
			return &t.Benefits[i]
		}
	}
	return nil
}

// Entered is a dated value of a benefit that one book has and an earlier
// one had not, or had otherwise: a standard entered or changed since.
type Entered struct {
	Benefit *Benefit
	Version *Version
}

// EnteredSince returns the versions of b's benefits that earlier lacks or
// has with other values (compared as YAML), in b's order: what changed in
// the rules since the run that used earlier.
func (b *Book) EnteredSince(earlier *Book) []Entered {
	var out []Entered
	for i := range b.Benefits {
		cur := &b.Benefits[i]
		var old *Benefit
		for j := range earlier.Benefits {
			if earlier.Benefits[j].Code == cur.Code {
				old = &earlier.Benefits[j]
			}
		}
		for k := range cur.Values {
			v := &cur.Values[k]
			if old == nil || !slices.ContainsFunc(old.Values, func(o Version) bool { return sameVersion(o, *v) }) {
				out = append(out, Entered{Benefit: cur, Version: v})
			}
		}
	}
	return out
}

// sameVersion reports whether two versions have the same date, item and
// bands.
func sameVersion(a, b Version) bool {
	x, errA := yaml.Marshal(a)
	y, errB := yaml.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(x, y)
}

// fileError is err about rules file name of folder dir ("" for rules
// recorded with a run) as the operator reads it: in Chinese first, naming
// the file by its path, to be found, and the lines to correct (第26行), then
// each problem, in Chinese and then in the checker's English
// ("rules senior_allowance.yaml: 第26行：… (line 26: values[0]…)").
func fileError(dir, name string, err error) error {
	var lines []string
	found := lineOf.FindAllStringSubmatch(err.Error(), -1)
	if len(found) == 0 { // the YAML decoder's own, in English only
		found = yamlLineOf.FindAllStringSubmatch(err.Error(), -1)
	}
	for _, m := range found {
		if l := "第" + m[1] + "行"; !slices.Contains(lines, l) {
			lines = append(lines, l)
		}
	}
	where := ""
	if len(lines) > 0 {
		where = strings.Join(lines, "、")
	}
	return fmt.Errorf("规则文件 %s %s有误，请按下面的说明改正：rules %s: %w", filepath.Join(dir, name), where, name, err)
}

// lineOf finds the lines a problem is on, as the checker gives them (at:
// 第26行：); yamlLineOf, as the YAML decoder does (line 26), when the
// checker gave none. Lines a message only refers to (与第10行那一条相同)
// are not the lines to correct.
var (
	lineOf     = regexp.MustCompile(`第(\d+)行：`)
	yamlLineOf = regexp.MustCompile(`line (\d+)`)
)
