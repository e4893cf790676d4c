package calc

import (
	"fmt"
	"iter"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"disburse/internal/domain"
	"disburse/internal/money"
	"disburse/internal/rules"
)

// Decision is the outcome of one benefit for one person: paid (with the line
// index in Result.Lines) or not, and then why (Reason). A month has one per
// person and benefit, so the reason's words are kept apart and joined only
// when asked for.
type Decision struct {
	PersonID string
	Benefit  string // code, e.g. "senior_allowance"
	Paid     bool
	Line     int // index into Result.Lines when Paid
	name     string
	why      string
}

// Reason is why the benefit was not paid, in Chinese for staff, led by the
// benefit's name ("高龄津贴: 79周岁, 未满80周岁"); "" when it was paid.
func (d Decision) Reason() string {
	if d.Paid {
		return ""
	}
	return d.name + ": " + d.why
}

// Result is what Compute returns: the payment lines, in the order of the
// people given and then of the benefits in the table, one Decision per
// person and benefit, and the notices staff must act on for people not paid
// a benefit for a value the roster left incomplete (tekunUnspecified).
type Result struct {
	Lines     []domain.Line
	Decisions Decisions
	Notices   []domain.Finding
}

// CodeTekunUnspecified is the code of the notice on a person whose 特困类别
// says only 特困 (or 是) and who is therefore not paid a benefit that
// 农村特困 would get and 城市特困 would not (免费用电基数): the program
// does not guess which, and the street office must write it.
const CodeTekunUnspecified = "tekun_unspecified"

// Decisions are the decisions of a month. A province's month has five
// million and a few thousand different reasons, so each decision is kept
// as the number of its reason (4 bytes), each reason once, and a Decision is
// made when asked for.
type Decisions struct {
	people   []domain.Person // as given to Compute, not copied
	benefits []rules.InForce
	whys     []uint32 // per person, per benefit: index into reasons, 0 when paid
	reasons  []string // every different reason; reasons[0] is "" (paid)
}

// Len returns the number of decisions: people times monthly benefits.
func (ds Decisions) Len() int { return len(ds.whys) }

// All yields every decision: people in the order given to Compute, and for
// each the benefits in the order of the table.
func (ds Decisions) All() iter.Seq[Decision] {
	return func(yield func(Decision) bool) {
		line := 0
		for i, why := range ds.whys {
			b := &ds.benefits[i%len(ds.benefits)]
			d := Decision{PersonID: ds.people[i/len(ds.benefits)].ID, Benefit: b.Code}
			if why == 0 {
				d.Paid, d.Line = true, line
				line++
			} else {
				d.name, d.why = b.Name, ds.reasons[why]
			}
			if !yield(d) {
				return
			}
		}
	}
}

// statusRule is the part of a benefit's eligibility that is about a person's
// status rather than age or disability bands: it returns "" when the person
// qualifies, or the reason they do not.
type statusRule func(p *domain.Person) string

// statusRules maps benefit codes to their status conditions. A rules file
// whose code is not here is refused by Compute.
var statusRules = map[string]statusRule{
	"senior_allowance":          seniorAllowance,
	"care_subsidy":              careSubsidy,
	"disability_living_subsidy": disabilityLivingSubsidy,
	"disability_care_subsidy":   disabilityCareSubsidy,
	"free_electricity":          freeElectricity,
}

// seniorAllowance (高龄津贴, list items 16-17) has no status condition: the
// age band decides, and a dibao household gets the dibao rate.
func seniorAllowance(*domain.Person) string { return "" }

// careSubsidy (护理补贴, list item 19): 自理能力 = 不能自理 and economically
// difficult (低保, 低保边缘, any 特困类别, or 经济困难 = 是).
func careSubsidy(p *domain.Person) string {
	if p.SelfCare != domain.SelfCareUnable {
		if int(p.SelfCare) >= 0 && int(p.SelfCare) < len(notUnableWhy) {
			return notUnableWhy[p.SelfCare]
		}
		return selfCareWhy(p.SelfCare)
	}
	if !p.EconomicallyDifficult() {
		return "非低保、低保边缘、特困, 经济困难未填是"
	}
	return ""
}

// notUnableWhy is careSubsidy's reason for each 自理能力 up to 不能自理, made
// once rather than for each of the many people it is given for.
var notUnableWhy = func() (why [domain.SelfCareUnable]string) {
	for c := range domain.SelfCareUnable {
		why[c] = selfCareWhy(c)
	}
	return why
}()

func selfCareWhy(c domain.SelfCare) string {
	got := c.String()
	if got == "" {
		got = "未填"
	}
	return "自理能力=" + got + ", 需为不能自理"
}

// disabilityLivingSubsidy (困难残疾人生活补贴, list item 27): 低保类别 is dibao
// or 低保边缘; the disability grade is a band condition in rules/.
func disabilityLivingSubsidy(p *domain.Person) string {
	if p.Dibao == domain.DibaoNone {
		return "低保类别为空或否, 需为低保或低保边缘"
	}
	return ""
}

// disabilityCareSubsidy (重度残疾人护理补贴, list item 27) has no status
// condition: grade and category bands in rules/ decide.
func disabilityCareSubsidy(*domain.Person) string { return "" }

// freeElectricity (免费用电基数, list item 30): dibao (城市低保, 农村低保, 低保,
// 是) or 农村特困. A 特困 row that does not say 城市 or 农村 does not qualify,
// and the reason says so, so the street office can complete it.
func freeElectricity(p *domain.Person) string {
	if p.Dibao.IsDibao() || p.Tekun == domain.TekunRural {
		return ""
	}
	if p.Tekun == domain.TekunUnspecified {
		return "特困类别未注明城市或农村, 需为农村特困"
	}
	return "非低保或农村特困"
}

// Check returns an error when the table has a benefit this engine has no
// status condition for, so a typo in a rules file stops the run instead of
// paying nobody, and when a benefit the engine knows has no rules in the
// table (a rules file deleted by mistake would otherwise stop a benefit
// silently).
//
// An unknown code is told first, naming its file: a code renamed in a file
// leaves the benefit without its file too, but the file is there.
func Check(t *rules.Table) error {
	codes := append(sortedCodes(), TrainingCode)
	for _, b := range t.Benefits {
		if b.Period == "service" {
			continue // services are data alone (Services)
		}
		if _, ok := statusRules[b.Code]; (b.Period == "once") != (b.Code == TrainingCode) || (b.Period != "once" && !ok) {
			return fmt.Errorf("规则文件 %s 中的 code: %s（%s）不是本程序的补贴代码：如果改过 code，请改回原来的（本程序的补贴代码：%s）(rules %s: benefit %s (%s) is unknown to the engine)",
				b.File, b.Code, b.Name, strings.Join(codes, "、"), b.File, b.Code, b.Name)
		}
	}
	for _, code := range codes {
		if t.Benefit(code) == nil {
			return fmt.Errorf("规则目录中缺少「%s」的规则文件（%s.yaml）：清单中的每项补贴都要有规则文件，请从程序的 rules/ 中复制 (rules: benefit %s has no rules file)", code, code, code)
		}
	}
	return nil
}

// Compute applies the table in force for month to people, who must be in
// payment order (file name, then sheet, then row) and each listed once. It
// returns an error only for a table the engine cannot apply (see Check) or a
// month whose rates cannot be divided (money.MonthlyShare).
//
// Rules applied, beyond each benefit's own condition:
//   - Age is 周岁 on the last day of the month, or on the 死亡日期 of a
//     death inside the month (domain.Person.AgeIn).
//   - A 死亡日期 before the first day of the month pays nothing; a death
//     inside the month still pays that month.
//   - Benefits sharing an exclusive_group (护理补贴 and 重度残疾人护理补贴)
//     are never both paid: the higher amount is paid, and on a tie the
//     benefit with the lower order (同类补贴不重复享受, 择高享受, 国发〔2015〕52号).
//   - A benefit granted per electricity account (免费用电基数, item 30) is
//     paid once per 户号, to the first qualifying person; people without a
//     户号 each get one.
func Compute(t *rules.Table, month domain.Month, people []domain.Person) (*Result, error) {
	e, err := newEngine(t, month)
	if err != nil {
		return nil, err
	}
	res := &Result{Lines: make([]domain.Line, 0, len(people)),
		Decisions: Decisions{people: people, benefits: e.benefits, whys: make([]uint32, 0, len(people)*len(e.benefits)), reasons: []string{""}}}
	for i := range people {
		if err := e.person(&people[i], res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// newEngine returns an engine for t in month, or Check's error.
func newEngine(t *rules.Table, month domain.Month) (*engine, error) {
	if err := Check(t); err != nil {
		return nil, err
	}
	return &engine{benefits: t.Monthly(), month: month, granted: map[string]map[string]grantee{}, priced: map[pricedKey]priced{}, unbanded: map[unbandedKey]string{}, params: map[paramsKey]*domain.Params{}, noAccount: map[*domain.Params]*domain.Params{}, reasons: map[string]uint32{}}, nil
}

// Engine applies a table to a month's people one at a time, giving each
// the lines Compute would give them after the people given before: the one
// grant per 户号 (list item 30) goes to the first qualifying person given.
// It keeps no line and no decision, so a caller that keeps only some lines
// (the corrections, recomputing an approved month of a million people)
// needs the memory of one person's, not of the month's.
type Engine struct {
	e   *engine
	res Result // one person's, reused
}

// NewEngine returns an Engine applying t in month. Its error is Compute's
// for a table the engine cannot apply (Check).
func NewEngine(t *rules.Table, month domain.Month) (*Engine, error) {
	e, err := newEngine(t, month)
	if err != nil {
		return nil, err
	}
	return &Engine{e: e, res: Result{Decisions: Decisions{benefits: e.benefits, reasons: []string{""}}}}, nil
}

// Lines returns the lines p is paid, in the order of the table's benefits
// (none when p is paid nothing), as Compute gives them in its Result.Lines
// when p follows the people given before. The slice is valid until the
// next call; the lines point at p's roster row (domain.Line.Source), so p
// must not change while the Engine is used. The error is Compute's for a
// month whose rates cannot be divided (money.MonthlyShare).
func (en *Engine) Lines(p *domain.Person) ([]domain.Line, error) {
	en.res.Lines, en.res.Notices, en.res.Decisions.whys = en.res.Lines[:0], en.res.Notices[:0], en.res.Decisions.whys[:0]
	if err := en.e.person(p, &en.res); err != nil {
		return nil, err
	}
	return en.res.Lines, nil
}

type engine struct {
	benefits []rules.InForce // the monthly benefits of the table
	month    domain.Month
	// granted[benefit][户号] = the person the account's grant went to.
	granted map[string]map[string]grantee
	// priced remembers what a band pays this month, with or without the
	// dibao rate: the same few values for every person in the band.
	priced map[pricedKey]priced
	// unbanded remembers noBandReason per band table, age and disability.
	unbanded map[unbandedKey]string
	// params holds the Params of the month's lines, one per band, dibao
	// rate and age: lines share them (domain.Line).
	params map[paramsKey]*domain.Params
	// noAccount holds each Params again with the note of a grant per 户号
	// paid to someone without a 户号.
	noAccount map[*domain.Params]*domain.Params
	// reasons numbers the different reasons of Decisions; lastReason is
	// the number last given for each benefit.
	reasons    map[string]uint32
	lastReason []uint32
	// cands is the candidates of the person being decided, kept between
	// people: the lines are copied out of it before the next person.
	cands []candidate
}

type paramsKey struct {
	band  *rules.Band
	dibao bool
	age   int
}

type pricedKey struct {
	band  *rules.Band
	dibao bool
}

// priced is a band's payment this month: the rate applied (per period,
// exact text for Params), the amount for the month, and the band label.
type priced struct {
	rate   string
	amount decimal.Decimal
	label  string
}

type candidate struct {
	b      *rules.InForce
	line   domain.Line
	reason string // "" when eligible
}

func (e *engine) person(p *domain.Person, res *Result) error {
	age := p.AgeIn(e.month)
	cands := e.cands[:0] // reused: a candidate holds a whole line
	for i := range e.benefits {
		b := &e.benefits[i]
		c := candidate{b: b}
		line, reason, err := e.evaluate(b, p, age)
		if err != nil {
			return err
		}
		c.line, c.reason = line, reason
		cands = append(cands, c)
	}
	e.cands = cands
	e.chooseHigher(cands)
	for i := range cands {
		c := &cands[i]
		if c.reason == "" {
			c.reason = e.grantPerAccount(c, res)
		}
		if c.reason == "" {
			res.Lines = append(res.Lines, c.line)
		}
		res.Decisions.whys = append(res.Decisions.whys, e.reasonNumber(&res.Decisions, i, c.reason))
	}
	if p.Tekun == domain.TekunUnspecified {
		if err := e.tekunUnspecified(p, age, cands, res); err != nil {
			return err
		}
	}
	return e.disabilityIncomplete(p, age, cands, res)
}

// CodeDisabilityIncomplete is the code of the notice on a person whose
// roster gives a 残疾等级 without a 残疾类别, or the reverse, and who is
// therefore not paid a benefit that the missing value would decide
// (重度残疾人护理补贴 of a 三级 智力, 精神 or 多重; either disability
// subsidy of a category without a grade): the program does not guess it,
// and the street office must write it.
const CodeDisabilityIncomplete = "disability_incomplete"

// disabilityIncomplete adds a notice (CodeDisabilityIncomplete) to res when
// p's disability gives a grade and no category, or a category and no grade,
// and some value of the missing one would pay p a benefit of cands that p
// is not paid (or more than its exclusive group pays now): the person must
// not silently lose it, nor be paid it on a guess.
func (e *engine) disabilityIncomplete(p *domain.Person, age int, cands []candidate, res *Result) error {
	d := p.Disability
	var tries []domain.Disability
	var have, missing string
	switch {
	case d.Grade != 0 && d.Category == "":
		for _, c := range domain.DisabilityCategories {
			tries = append(tries, domain.Disability{Grade: d.Grade, Category: c})
		}
		have, missing = "残疾等级为"+gradeText(d.Grade), "残疾类别"
	case d.Grade == 0 && d.Category != "":
		for g := 1; g <= 4; g++ {
			tries = append(tries, domain.Disability{Grade: g, Category: d.Category})
		}
		have, missing = "残疾类别为"+d.Category, "残疾等级"
	default:
		return nil
	}
	var lost []string
	for i := range cands {
		c := &cands[i]
		if c.reason == "" {
			continue
		}
		var who []string
		for _, t := range tries {
			q := *p
			q.Disability = t
			line, why, err := e.evaluate(c.b, &q, age)
			if err != nil {
				return err
			}
			if why != "" || !outbids(c.b, line, cands) {
				continue
			}
			if missing == "残疾类别" {
				who = append(who, t.Category)
			} else {
				who = append(who, gradeText(t.Grade))
			}
		}
		if len(who) > 0 {
			lost = append(lost, c.b.Name+"（"+strings.Join(who, "、")+"可享受）")
		}
	}
	if len(lost) == 0 {
		return nil
	}
	where := p.Source
	where.Column, where.Header = "", missing
	res.Notices = append(res.Notices, domain.Finding{Severity: domain.Notice, Code: CodeDisabilityIncomplete, Where: where, Name: p.Name, AsWritten: p.ID,
		Message: have + "，未填" + missing + "，本月未发放" + strings.Join(lost, "、") + "；请在花名册中填写" + missing + "（本表如没有「" + missing + "」列，或改了列名，请加上或改回该列）"})
	return nil
}

// outbids reports whether line, of benefit b, would be paid beside cands:
// a benefit of no exclusive group always is; one of a group only when it
// is higher than the group's benefit paid now (higher).
func outbids(b *rules.InForce, line domain.Line, cands []candidate) bool {
	if b.Exclusive == "" {
		return true
	}
	for _, o := range cands {
		if o.b != b && o.reason == "" && o.b.Exclusive == b.Exclusive && !higher(candidate{b: b, line: line}, o) {
			return false
		}
	}
	return true
}

// tekunUnspecified adds a notice (CodeTekunUnspecified) to res when p, whose
// 特困类别 does not say 城市 or 农村, is not paid a benefit of cands that one
// of the two would be paid and the other not: the person must not silently
// lose it, nor be paid it on a guess.
func (e *engine) tekunUnspecified(p *domain.Person, age int, cands []candidate, res *Result) error {
	var lost []string
	for _, c := range cands {
		if c.reason == "" {
			continue
		}
		var paid [2]bool
		for i, t := range []domain.Tekun{domain.TekunUrban, domain.TekunRural} {
			q := *p
			q.Tekun = t
			_, why, err := e.evaluate(c.b, &q, age)
			if err != nil {
				return err
			}
			paid[i] = why == ""
		}
		if paid[0] != paid[1] {
			who := "城市特困"
			if paid[1] {
				who = "农村特困"
			}
			lost = append(lost, c.b.Name+"（"+who+"可享受）")
		}
	}
	if len(lost) == 0 {
		return nil
	}
	where := p.Source
	where.Column, where.Header = "", "特困类别"
	res.Notices = append(res.Notices, domain.Finding{Severity: domain.Notice, Code: CodeTekunUnspecified, Where: where, Name: p.Name, AsWritten: p.ID,
		Message: "特困类别只写了「特困」或「是」，未注明城市或农村，本月未发放" + strings.Join(lost, "、") + "；请在花名册中写明城市特困或农村特困"})
	return nil
}

// reasonNumber returns the index of why, the reason of the benefit at
// index benefit, in ds.reasons, adding it the first time it is given; 0 for
// "" (paid). People in a row mostly share a benefit's reason, so the
// benefit's last reason is tried before the map.
func (e *engine) reasonNumber(ds *Decisions, benefit int, why string) uint32 {
	if why == "" {
		return 0
	}
	if e.lastReason == nil {
		e.lastReason = make([]uint32, len(e.benefits))
	}
	if n := e.lastReason[benefit]; n != 0 && ds.reasons[n] == why {
		return n
	}
	n, ok := e.reasons[why]
	if !ok {
		n = uint32(len(ds.reasons))
		ds.reasons = append(ds.reasons, why)
		e.reasons[why] = n
	}
	e.lastReason[benefit] = n
	return n
}

// evaluate decides one benefit for one person before the cross-benefit rules
// (exclusive groups, one grant per 户号).
func (e *engine) evaluate(b *rules.InForce, p *domain.Person, age int) (domain.Line, string, error) {
	if !p.Death.IsZero() && p.Death.Before(e.month.First()) {
		return domain.Line{}, "死亡日期" + p.Death.Format("2006-01-02") + "早于本月", nil
	}
	if r := statusRules[b.Code](p); r != "" {
		return domain.Line{}, r, nil
	}
	band := findBand(b.Version, age, p.Disability)
	if band == nil {
		return domain.Line{}, e.noBand(b.Version, age, p.Disability), nil
	}
	dibao := band.DibaoAmount != nil && p.Dibao.IsDibao()
	pr, err := e.price(b, band, dibao)
	if err != nil {
		return domain.Line{}, "", err
	}
	if !pr.amount.IsPositive() { // a standard set to 0 suspends the benefit: no 0.00 line, and no win in a 择高 group
		return domain.Line{}, fmt.Sprintf("「%s」的标准为0（第%s项，%s起执行），本月不发放", band.Label, b.Version.Item, b.Version.Effective.Format("2006-01-02")), nil
	}
	account := p.BankAccount
	if b.Unit != domain.UnitYuan {
		account = p.ElectricityAccount
	}
	return domain.Line{
		PersonID:   p.ID,
		Name:       p.Name,
		Street:     p.Street,
		Community:  p.Community,
		Benefit:    b.Code,
		Amount:     pr.amount,
		Unit:       b.Unit,
		Department: b.Department,
		Band:       pr.label,
		Account:    account,
		Source:     &p.Source,
		Params:     e.paramsOf(b, band, dibao, age, pr.rate),
	}, "", nil
}

// paramsOf returns the shared Params of a line of benefit b paid in band at
// age (the dibao rate when dibao), rate being the band's rate as text.
func (e *engine) paramsOf(b *rules.InForce, band *rules.Band, dibao bool, age int, rate string) *domain.Params {
	key := paramsKey{band, dibao, age}
	if p, ok := e.params[key]; ok {
		return p
	}
	p := &domain.Params{
		Item:      b.Version.Item,
		Effective: b.Version.Effective.Time,
		Period:    b.Period,
		Rate:      rate,
		Age:       age,
		Dibao:     dibao,
		Month:     int(e.month.Month),
	}
	e.params[key] = p
	return p
}

// price returns what band of benefit b pays this month (the dibao rate when
// dibao), computing it once per band: for a yearly rate, the month's share
// by cumulative rounding (money.MonthlyShare). It returns an error when the
// share cannot be computed.
func (e *engine) price(b *rules.InForce, band *rules.Band, dibao bool) (priced, error) {
	key := pricedKey{band, dibao}
	if pr, ok := e.priced[key]; ok {
		return pr, nil
	}
	rate, label := band.Amount.Decimal, band.Label
	if dibao {
		rate, label = band.DibaoAmount.Decimal, label+" 低保"
	}
	amount := rate
	if b.Period == "year" {
		var err error
		if amount, err = money.MonthlyShare(rate, int(e.month.Month)); err != nil {
			return priced{}, fmt.Errorf("%s: %w", b.Code, err)
		}
	}
	pr := priced{rate: rate.String(), amount: amount, label: label}
	e.priced[key] = pr
	return pr, nil
}

func findBand(v *rules.Version, age int, d domain.Disability) *rules.Band {
	for i := range v.Bands {
		if v.Bands[i].Covers(age, d) {
			return &v.Bands[i]
		}
	}
	return nil
}

// noBand is noBandReason, remembered: most people of a month are outside
// most benefits' bands, for a few dozen different reasons.
func (e *engine) noBand(v *rules.Version, age int, d domain.Disability) string {
	k := unbandedKey{v, age, d}
	r, ok := e.unbanded[k]
	if !ok {
		r = noBandReason(v, age, d)
		e.unbanded[k] = r
	}
	return r
}

type unbandedKey struct {
	v   *rules.Version
	age int
	d   domain.Disability
}

// noBandReason explains why no band of v covers the person: too young, no
// qualifying disability grade, or a category the grade does not cover.
func noBandReason(v *rules.Version, age int, d domain.Disability) string {
	minAge := -1
	for _, b := range v.Bands {
		if b.MinAge != nil && (minAge < 0 || *b.MinAge < minAge) {
			minAge = *b.MinAge
		}
	}
	if minAge >= 0 && age < minAge {
		return fmt.Sprintf("%d周岁, 未满%d周岁", age, minAge)
	}
	var wants []string
	for _, b := range v.Bands {
		wants = append(wants, b.Label)
	}
	have := "无残疾等级"
	if d.Grade > 0 {
		have = fmt.Sprintf("残疾等级%s", gradeText(d.Grade))
		if d.Category != "" {
			have += " 类别" + d.Category
		}
	}
	return fmt.Sprintf("%s, 不在标准内(%s)", have, strings.Join(wants, "; "))
}

func gradeText(g int) string {
	if g >= 1 && g <= 4 {
		return [...]string{"一级", "二级", "三级", "四级"}[g-1]
	}
	return fmt.Sprint(g)
}

// chooseHigher keeps, in each exclusive group, only the eligible candidate
// with the highest amount (lowest order on a tie) and gives the others the
// reason.
func (e *engine) chooseHigher(cands []candidate) {
	best := map[string]int{}
	for i, c := range cands {
		if c.reason != "" || c.b.Exclusive == "" {
			continue
		}
		j, ok := best[c.b.Exclusive]
		if !ok || higher(c, cands[j]) {
			best[c.b.Exclusive] = i
		}
	}
	for i := range cands {
		c := &cands[i]
		if c.reason != "" || c.b.Exclusive == "" {
			continue
		}
		if w := best[c.b.Exclusive]; w != i {
			c.reason = fmt.Sprintf("已享受%s%s元, 同类补贴择高享受(国发〔2015〕52号)",
				cands[w].b.Name, money.Format(cands[w].line.Amount, cands[w].b.Unit))
		}
	}
}

func higher(a, b candidate) bool {
	if c := a.line.Amount.Cmp(b.line.Amount); c != 0 {
		return c > 0
	}
	return a.b.Order < b.b.Order
}

// CodeMeterAccountShared is the code of the notice on a person not
// granted a benefit granted per 户号 (免费用电基数) because an earlier row
// of the month that gives the same 户号 took it, when the two rows are of
// different 街道(乡镇) or 社区(村): one household's two people (spouses)
// mostly live at one address, so one of the two 户号 may be mistyped, and
// the household whose 户号 it is not would go without, told nowhere but
// by explain. Rows of one 社区 (a
// couple listed together) share a 户号 without a word.
const CodeMeterAccountShared = "meter_account_shared"

// grantee is the person a 户号's grant went to this month.
type grantee struct {
	who               string // 姓名(尾号1234), as the reason gives it
	name              string
	street, community string
	source            *domain.Location
}

// grantPerAccount enforces one grant per 户号 for benefits granted per
// electricity account. It returns the reason when the account already had
// its grant this month, and adds a notice (CodeMeterAccountShared) to res
// when that grant went to a row of another 街道 or 社区.
func (e *engine) grantPerAccount(c *candidate, res *Result) string {
	if c.b.GrantPer != "electricity_account" {
		return ""
	}
	acct := strings.TrimSpace(c.line.Account)
	if acct == "" {
		p, ok := e.noAccount[c.line.Params]
		if !ok {
			p = c.line.Params.WithNote("未填户号, 按人发放")
			e.noAccount[c.line.Params] = p
		}
		c.line.Params = p
		return ""
	}
	g := e.granted[c.b.Code]
	if g == nil {
		g = map[string]grantee{}
		e.granted[c.b.Code] = g
	}
	if first, ok := g[acct]; ok {
		if apart := apartFrom(first, &c.line); apart != "" {
			where := *c.line.Source
			where.Column, where.Header = "", "户号"
			res.Notices = append(res.Notices, domain.Finding{Severity: domain.Notice, Code: CodeMeterAccountShared, Where: where, Name: c.line.Name, AsWritten: c.line.PersonID,
				Message: fmt.Sprintf("户号%s与%s（%s%s，「%s」%s第%d行）相同，%s每户一份，本月已由其享受，本行不发放；两人不在同一%s：如确是同一户（如夫妻分别报送），无需处理；如不是同一户，必有一行户号填错（另一户本月未享受），请核对两行的户号，更正后用 --replace 重新计算",
					acct, first.name, first.street, first.community, first.source.File, first.source.Sheet, first.source.Row, c.b.Name, apart)})
		}
		return "户号" + acct + "本月已由" + first.who + "享受, 每户一份"
	}
	g[acct] = grantee{who: c.line.Name + "(" + tail(c.line.PersonID) + ")", name: c.line.Name, street: c.line.Street, community: c.line.Community, source: c.line.Source}
	return ""
}

// apartFrom returns the unit (街道（乡镇）or 社区（村）) by which l's row
// lives apart from first's, "" when both are of one 社区 or either leaves
// it out.
func apartFrom(first grantee, l *domain.Line) string {
	a, b := domain.StreetStem(first.street), domain.StreetStem(l.Street)
	switch {
	case a != "" && b != "" && a != b:
		return "街道（乡镇）"
	case first.community != "" && l.Community != "" && strings.TrimSpace(first.community) != strings.TrimSpace(l.Community):
		return "社区（村）"
	}
	return ""
}

func tail(id string) string {
	if len(id) <= 4 {
		return id
	}
	return "尾号" + id[len(id)-4:]
}

func sortedCodes() []string {
	codes := make([]string, 0, len(statusRules))
	for c := range statusRules {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}
