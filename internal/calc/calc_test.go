package calc

import (
	"fmt"
	"maps"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"disburse/internal/domain"
	"disburse/internal/rules"
)

func table(t *testing.T, m domain.Month) *rules.Table {
	t.Helper()
	book, err := rules.Load("../../rules")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := book.ForMonth(m)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

var nov = domain.Month{Year: 2026, Month: time.November}

func born(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// person is a 60-year-old with no status; tests change what they need.
func person(id string, birth time.Time) domain.Person {
	return domain.Person{ID: id, Name: "测试", Birth: birth, BankAccount: "6217000000000000001"}
}

// paid returns "benefit=amount band" for each line, joined by "; ".
func paid(r *Result) string {
	var s []string
	for _, l := range r.Lines {
		s = append(s, l.Benefit+"="+l.Amount.String()+" "+l.Band)
	}
	return strings.Join(s, "; ")
}

func TestRuleTable(t *testing.T) {
	tab := table(t, nov)
	type mod func(*domain.Person)
	dibao := func(p *domain.Person) { p.Dibao = domain.DibaoUrban }
	cases := []struct {
		name  string
		birth time.Time
		mods  []mod
		want  string
	}{
		// Items 16-17: 高龄津贴 by age band and dibao, November share of the annual amount.
		{"79 gets nothing", born(1946, 12, 1), nil, ""},
		{"80 this month, 920/year", born(1946, 11, 30), nil, "senior_allowance=76.66 80-89周岁"},
		{"89, dibao 1640/year", born(1937, 1, 1), []mod{dibao}, "senior_allowance=136.66 80-89周岁 低保; free_electricity=15 60周岁以上 低保/农村特困"},
		{"marginal dibao is not dibao for the rate", born(1940, 1, 1), []mod{func(p *domain.Person) { p.Dibao = domain.DibaoMarginal }}, "senior_allowance=76.66 80-89周岁"},
		{"低保 (unspecified) is dibao", born(1940, 1, 1), []mod{func(p *domain.Person) { p.Dibao = domain.DibaoUnspecified }}, "senior_allowance=136.66 80-89周岁 低保; free_electricity=15 60周岁以上 低保/农村特困"},
		{"90, 2760/year", born(1936, 11, 8), nil, "senior_allowance=230 90-99周岁"},
		{"99 dibao, 3240/year", born(1927, 1, 1), []mod{func(p *domain.Person) { p.Dibao = domain.DibaoRural }}, "senior_allowance=270 90-99周岁 低保; free_electricity=15 60周岁以上 低保/农村特困"},
		{"100 includes 100, 5400/year", born(1926, 11, 2), nil, "senior_allowance=450 100周岁以上"},
		{"100 dibao, still 5400", born(1920, 1, 1), []mod{dibao}, "senior_allowance=450 100周岁以上 低保; free_electricity=15 60周岁以上 低保/农村特困"},
		// Item 19: 护理补贴.
		{"care: 不能自理 and dibao", born(1960, 1, 1), []mod{dibao, func(p *domain.Person) { p.SelfCare = domain.SelfCareUnable }}, "care_subsidy=100 不能自理 经济困难; free_electricity=15 60周岁以上 低保/农村特困"},
		{"care: 不能自理 and 经济困难", born(1960, 1, 1), []mod{func(p *domain.Person) { p.SelfCare = domain.SelfCareUnable; p.Hardship = true }}, "care_subsidy=100 不能自理 经济困难"},
		{"care: 不能自理 and 城市特困", born(1960, 1, 1), []mod{func(p *domain.Person) { p.SelfCare = domain.SelfCareUnable; p.Tekun = domain.TekunUrban }}, "care_subsidy=100 不能自理 经济困难"},
		{"care: 半自理 gets nothing", born(1960, 1, 1), []mod{dibao, func(p *domain.Person) { p.SelfCare = domain.SelfCareSemi }}, "free_electricity=15 60周岁以上 低保/农村特困"},
		{"care: not economically difficult", born(1960, 1, 1), []mod{func(p *domain.Person) { p.SelfCare = domain.SelfCareUnable }}, ""},
		{"care: 59 gets nothing", born(1967, 1, 1), []mod{dibao, func(p *domain.Person) { p.SelfCare = domain.SelfCareUnable }}, ""},
		// Item 27: 困难残疾人生活补贴 and 重度残疾人护理补贴.
		{"disability living: 四级, 低保边缘", born(1950, 1, 1), []mod{func(p *domain.Person) {
			p.Dibao = domain.DibaoMarginal
			p.Disability = domain.Disability{Grade: 4, Category: "肢体"}
		}}, "disability_living_subsidy=82 残疾 低保/低保边缘"},
		{"disability living: no dibao", born(1950, 1, 1), []mod{func(p *domain.Person) { p.Disability = domain.Disability{Grade: 4, Category: "肢体"} }}, ""},
		{"disability care: 一级 any category, dibao", born(1950, 1, 1), []mod{dibao, func(p *domain.Person) { p.Disability = domain.Disability{Grade: 1, Category: "肢体"} }}, "disability_living_subsidy=82 残疾 低保/低保边缘; disability_care_subsidy=109 一级/二级残疾; free_electricity=15 60周岁以上 低保/农村特困"},
		{"disability care: 二级 视力", born(1950, 1, 1), []mod{func(p *domain.Person) { p.Disability = domain.Disability{Grade: 2, Category: "视力"} }}, "disability_care_subsidy=109 一级/二级残疾"},
		{"disability care: 三级 智力 54.50", born(1950, 1, 1), []mod{func(p *domain.Person) { p.Disability = domain.Disability{Grade: 3, Category: "智力"} }}, "disability_care_subsidy=54.5 三级/四级 智力/精神/多重残疾"},
		{"disability care: 四级 多重 54.50", born(1950, 1, 1), []mod{func(p *domain.Person) { p.Disability = domain.Disability{Grade: 4, Category: "多重"} }}, "disability_care_subsidy=54.5 三级/四级 智力/精神/多重残疾"},
		{"disability care: 三级 肢体 nothing", born(1950, 1, 1), []mod{func(p *domain.Person) { p.Disability = domain.Disability{Grade: 3, Category: "肢体"} }}, ""},
		{"择高: care 100 beats 54.50", born(1950, 1, 1), []mod{func(p *domain.Person) {
			p.SelfCare = domain.SelfCareUnable
			p.Hardship = true
			p.Disability = domain.Disability{Grade: 3, Category: "精神"}
		}}, "care_subsidy=100 不能自理 经济困难"},
		{"择高: 109 beats care 100", born(1950, 1, 1), []mod{func(p *domain.Person) {
			p.SelfCare = domain.SelfCareUnable
			p.Hardship = true
			p.Disability = domain.Disability{Grade: 2, Category: "肢体"}
		}}, "disability_care_subsidy=109 一级/二级残疾"},
		// Item 30: 免费用电基数.
		{"electricity: 农村特困", born(1960, 1, 1), []mod{func(p *domain.Person) { p.Tekun = domain.TekunRural }}, "free_electricity=15 60周岁以上 低保/农村特困"},
		{"electricity: 城市特困 no", born(1960, 1, 1), []mod{func(p *domain.Person) { p.Tekun = domain.TekunUrban }}, ""},
		{"electricity: 低保边缘 no", born(1960, 1, 1), []mod{func(p *domain.Person) { p.Dibao = domain.DibaoMarginal }}, ""},
		{"electricity: 59 dibao no", born(1967, 1, 1), []mod{dibao}, ""},
		// Death.
		{"died inside the month: paid", born(1940, 1, 1), []mod{func(p *domain.Person) { p.Death = born(2026, 11, 10) }}, "senior_allowance=76.66 80-89周岁"},
		{"died on the first day: paid", born(1940, 1, 1), []mod{func(p *domain.Person) { p.Death = born(2026, 11, 1) }}, "senior_allowance=76.66 80-89周岁"},
		{"died before the month: nothing", born(1940, 1, 1), []mod{dibao, func(p *domain.Person) { p.Death = born(2026, 10, 31) }}, ""},
		// Age counts on the day of a death inside the month.
		{"died before the 80th birthday in the month: never 80", born(1946, 11, 20), []mod{func(p *domain.Person) { p.Death = born(2026, 11, 5) }}, ""},
		{"died on the 80th birthday: reached 80", born(1946, 11, 20), []mod{func(p *domain.Person) { p.Death = born(2026, 11, 20) }}, "senior_allowance=76.66 80-89周岁"},
		{"died after the 90th birthday in the month: 90", born(1936, 11, 3), []mod{func(p *domain.Person) { p.Death = born(2026, 11, 25) }}, "senior_allowance=230 90-99周岁"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := person("140502194204206481", c.birth)
			for _, m := range c.mods {
				m(&p)
			}
			r, err := Compute(tab, nov, []domain.Person{p})
			if err != nil {
				t.Fatal(err)
			}
			if got := paid(r); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			if r.Decisions.Len() != len(tab.Monthly()) {
				t.Errorf("%d decisions, want one per benefit", r.Decisions.Len())
			}
			for d := range r.Decisions.All() {
				if !d.Paid && d.Reason() == "" {
					t.Errorf("%s not paid without a reason", d.Benefit)
				}
			}
		})
	}
}

func TestReasons(t *testing.T) {
	tab := table(t, nov)
	p := person("140502194612013195", born(1946, 12, 1))
	p.SelfCare = domain.SelfCareSemi
	r, err := Compute(tab, nov, []domain.Person{p})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"senior_allowance": "高龄津贴: 79周岁, 未满80周岁",
		"care_subsidy":     "护理补贴: 自理能力=半自理, 需为不能自理",
	}
	for d := range r.Decisions.All() {
		if w, ok := want[d.Benefit]; ok && d.Reason() != w {
			t.Errorf("%s: %q, want %q", d.Benefit, d.Reason(), w)
		}
	}
	// Every ability but 不能自理 has its own reason, an empty cell too.
	for c, w := range map[domain.SelfCare]string{domain.SelfCareUnknown: "未填", domain.SelfCareAble: "自理"} {
		p.SelfCare = c
		if got := careSubsidy(&p); got != "自理能力="+w+", 需为不能自理" {
			t.Errorf("careSubsidy(%v) = %q", c, got)
		}
	}
}

// One grant per 户号: the first qualifying person in payment order gets it;
// a person without a 户号 gets their own.
func TestElectricityOncePerAccount(t *testing.T) {
	tab := table(t, nov)
	a := person("140502194502024643", born(1945, 2, 2))
	a.Dibao, a.ElectricityAccount = domain.DibaoUrban, "8551215786"
	b := person("140502194702024808", born(1947, 2, 2))
	b.Dibao, b.ElectricityAccount = domain.DibaoUrban, "8551215786"
	c := person("140521194807159687", born(1948, 7, 15))
	c.Dibao = domain.DibaoUrban
	d := person("140502194009050477", born(1940, 9, 5))
	d.Dibao = domain.DibaoUrban
	r, err := Compute(tab, nov, []domain.Person{a, b, c, d})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range r.Lines {
		if l.Benefit == "free_electricity" {
			got = append(got, l.PersonID+"/"+l.Account)
		}
	}
	want := "140502194502024643/8551215786 140521194807159687/ 140502194009050477/"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v", got)
	}
	n, paidLines := 0, 0
	for dd := range r.Decisions.All() {
		if want := []domain.Person{a, b, c, d}[n/len(tab.Monthly())].ID; dd.PersonID != want {
			t.Errorf("decision %d is of %s, want %s", n, dd.PersonID, want)
		}
		n++
		if dd.PersonID == b.ID && dd.Benefit == "free_electricity" && !strings.Contains(dd.Reason(), "户号8551215786") {
			t.Errorf("second holder reason %q", dd.Reason())
		}
		if dd.Paid {
			paidLines++
			if l := r.Lines[dd.Line]; l.PersonID != dd.PersonID || l.Benefit != dd.Benefit || dd.Reason() != "" {
				t.Errorf("paid decision %s %s points at line %d of %s %s", dd.PersonID, dd.Benefit, dd.Line, l.PersonID, l.Benefit)
			}
		}
	}
	if n != r.Decisions.Len() || paidLines != len(r.Lines) {
		t.Errorf("%d decisions (Len %d), %d paid, for %d lines", n, r.Decisions.Len(), paidLines, len(r.Lines))
	}
}

// A 户号 granted to a row of another 街道 or 社区 is told on the row left
// without (CodeMeterAccountShared), naming the row that took it: the two
// are likely not one household, and one household would go without, told
// only by explain. A couple of one 社区, or rows leaving the 社区 out, share
// it without a word; 东街 and 东街街道 are one 街道.
func TestElectricitySharedApartIsTold(t *testing.T) {
	tab := table(t, nov)
	at := func(id string, birth time.Time, street, community string, row int) domain.Person {
		p := person(id, birth)
		p.Dibao, p.ElectricityAccount, p.Street, p.Community = domain.DibaoUrban, "8551215786", street, community
		p.Name = "行" + strconv.Itoa(row)
		p.Source = domain.Location{File: "东街.xlsx", Sheet: "Sheet1", Row: row}
		return p
	}
	a := at("140502194502024643", born(1945, 2, 2), "东街街道", "东上社区", 4)
	spouse := at("140502194702024808", born(1947, 2, 2), "东街", "东上社区", 5)
	noCommunity := at("140521194807159687", born(1948, 7, 15), "东街街道", "", 6)
	community := at("140502194009050477", born(1940, 9, 5), "东街街道", "凤台社区", 7)
	street := at("140502194610304225", born(1946, 10, 30), "北街街道", "东上社区", 8)
	r, err := Compute(tab, nov, []domain.Person{a, spouse, noCommunity, community, street})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Notices {
		if f.Code == CodeMeterAccountShared {
			got = append(got, f.Name)
			if !strings.Contains(f.Message, "户号8551215786与行4（东街街道东上社区，「东街.xlsx」Sheet1第4行）相同") || f.Where.Header != "户号" {
				t.Errorf("%s: %+v", f.Name, f)
			}
		}
	}
	if strings.Join(got, " ") != "行7 行8" {
		t.Errorf("told %v, want 行7 (another 社区) and 行8 (another 街道)", got)
	}
}

// The cumulative rounding runs through the engine: a person of 80-89 paid
// every month of 2026 receives exactly 920.00.
func TestYearSumsToAnnual(t *testing.T) {
	p := person("140502194204206481", born(1942, 4, 20))
	sum := decimal.Zero
	for m := 1; m <= 12; m++ {
		month := domain.Month{Year: 2026, Month: time.Month(m)}
		r, err := Compute(table(t, month), month, []domain.Person{p})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range r.Lines {
			sum = sum.Add(l.Amount)
		}
	}
	if !sum.Equal(decimal.RequireFromString("920")) {
		t.Errorf("year sums to %s", sum)
	}
}

func TestUnknownBenefitRefused(t *testing.T) {
	tab := table(t, nov)
	tab.Benefits[0].Benefit = &rules.Benefit{Code: "typo_allowance", Name: "x"}
	if _, err := Compute(tab, nov, nil); err == nil {
		t.Error("unknown benefit code accepted")
	}
}

// A benefit's code renamed in its file is named as such, with the file
// and the codes to go back to, not told as a rules file missing while it
// is there.
func TestRenamedCodeNamesItsFile(t *testing.T) {
	book, err := rules.Load("../../rules")
	if err != nil {
		t.Fatal(err)
	}
	files := maps.Clone(book.Files)
	files["senior_allowance.yaml"] = []byte(strings.Replace(string(files["senior_allowance.yaml"]), "code: senior_allowance", "code: senior_allowances", 1))
	if book, err = rules.FromFiles(files); err != nil {
		t.Fatal(err)
	}
	tab, err := book.ForMonth(nov)
	if err != nil {
		t.Fatal(err)
	}
	err = Check(tab)
	if err == nil || !strings.Contains(err.Error(), "规则文件 senior_allowance.yaml 中的 code: senior_allowances（高龄津贴）不是本程序的补贴代码：如果改过 code，请改回原来的") ||
		!strings.Contains(err.Error(), "senior_allowance、") {
		t.Errorf("renamed code: %v", err)
	}
}

// benchPeople returns the rules in force in November and 1,000 people of
// mixed ages, 低保类别, disability grades and 自理能力, for the benchmarks.
func benchPeople(b *testing.B) (*rules.Table, []domain.Person) {
	book, err := rules.Load("../../rules")
	if err != nil {
		b.Fatal(err)
	}
	tab, _ := book.ForMonth(nov)
	people := make([]domain.Person, 1000)
	for i := range people {
		people[i] = person("140502194204206481", born(1930+i%40, 1+i%12, 1+i%28))
		people[i].Dibao = domain.Dibao(i % 5)
		people[i].Disability = domain.Disability{Grade: i % 5, Category: "智力"}
		people[i].SelfCare = domain.SelfCare(i % 4)
	}
	return tab, people
}

func BenchmarkComputePerPerson(b *testing.B) {
	tab, people := benchPeople(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Compute(tab, nov, people); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(people)), "ns/person")
}

// A 特困类别 of just 特困 (or 是) cannot tell 城市 from 农村, and only 农村特困
// gets 免费用电基数: the senior is not paid it on a guess, but staff are
// told (tekun_unspecified) to write which, so nobody silently loses it. A
// person the distinction decides nothing for gets no notice.
func TestTekunUnspecifiedNotice(t *testing.T) {
	tab := table(t, nov)
	unspecified := person("140502194204206481", born(1950, 1, 1))
	unspecified.Tekun, unspecified.Source = domain.TekunUnspecified, domain.Location{File: "a.xlsx", Sheet: "Sheet1", Row: 7}
	young := person("140502197001016482", born(1970, 1, 1)) // 56: no electricity either way
	young.Tekun = domain.TekunUnspecified
	dibao := person("140502194502024643", born(1945, 2, 2)) // paid as dibao anyway
	dibao.Tekun, dibao.Dibao = domain.TekunUnspecified, domain.DibaoUrban
	dead := person("140502194611306543", born(1946, 11, 30))
	dead.Tekun, dead.Death = domain.TekunUnspecified, born(2026, 10, 1)
	rural := person("140502192611021100", born(1926, 11, 2))
	rural.Tekun = domain.TekunRural
	r, err := Compute(tab, nov, []domain.Person{unspecified, young, dibao, dead, rural})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range r.Lines {
		if l.PersonID == unspecified.ID && l.Benefit == "free_electricity" {
			t.Error("free electricity paid on a guess of 农村特困")
		}
	}
	if len(r.Notices) != 1 {
		t.Fatalf("%d notices, want 1: %+v", len(r.Notices), r.Notices)
	}
	n := r.Notices[0]
	if n.Severity != domain.Notice || n.Code != CodeTekunUnspecified || n.AsWritten != unspecified.ID || n.Where.Row != 7 || n.Where.Header != "特困类别" ||
		!strings.Contains(n.Message, "免费用电基数（农村特困可享受）") || !strings.Contains(n.Message, "城市特困或农村特困") {
		t.Errorf("notice %+v", n)
	}
}

// A 残疾等级 without a 残疾类别, or the reverse, pays what the given value
// decides and no more: a 三级 is not paid the 重度残疾人护理补贴 of an 智力
// 三级 on a guess, nor a 肢体 of no grade either disability subsidy. Staff
// are told (disability_incomplete) what the missing value would pay, so
// nobody silently loses it; a person it decides nothing for (二级 without
// dibao: 109 whatever the category; 三级 不能自理 with dibao: 护理补贴 100
// beats 54.50) gets no notice.
func TestDisabilityIncompleteNotice(t *testing.T) {
	tab := table(t, nov)
	gradeOnly := person("140502194204206481", born(1950, 1, 1))
	gradeOnly.Disability, gradeOnly.Source = domain.Disability{Grade: 3}, domain.Location{File: "a.xlsx", Sheet: "Sheet1", Row: 7}
	categoryOnly := person("140502197001016482", born(1950, 1, 1))
	categoryOnly.Disability, categoryOnly.Dibao = domain.Disability{Category: "肢体"}, domain.DibaoUrban
	decidesNothing := person("140502194502024643", born(1945, 2, 2))
	decidesNothing.Disability = domain.Disability{Grade: 2}
	careWins := person("140502194611306543", born(1946, 11, 30))
	careWins.Disability, careWins.Dibao, careWins.SelfCare = domain.Disability{Grade: 3}, domain.DibaoUrban, domain.SelfCareUnable
	r, err := Compute(tab, nov, []domain.Person{gradeOnly, categoryOnly, decidesNothing, careWins})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range r.Lines {
		if (l.PersonID == gradeOnly.ID || l.PersonID == categoryOnly.ID) && strings.HasPrefix(l.Benefit, "disability_") {
			t.Errorf("%s paid on a guess: %s %s", l.PersonID, l.Benefit, l.Amount)
		}
	}
	var got []string
	for _, n := range r.Notices {
		if n.Severity != domain.Notice || n.Code != CodeDisabilityIncomplete {
			t.Errorf("notice %+v", n)
		}
		got = append(got, fmt.Sprintf("%s@%d %s: %s", n.AsWritten, n.Where.Row, n.Where.Header, n.Message))
	}
	want := []string{
		gradeOnly.ID + "@7 残疾类别: 残疾等级为三级，未填残疾类别，本月未发放重度残疾人护理补贴（智力、精神、多重可享受）；请在花名册中填写残疾类别（本表如没有「残疾类别」列，或改了列名，请加上或改回该列）",
		categoryOnly.ID + "@0 残疾等级: 残疾类别为肢体，未填残疾等级，本月未发放困难残疾人生活补贴（一级、二级、三级、四级可享受）、重度残疾人护理补贴（一级、二级可享受）；请在花名册中填写残疾等级（本表如没有「残疾等级」列，或改了列名，请加上或改回该列）",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notices:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A standard set to 0.00 suspends its benefit: no 0.00 line, a reason
// instead, and it wins no 择高 group (重度残疾人护理补贴 109 is paid, not a
// 护理补贴 of 0 that ties it on order).
func TestZeroStandardPaysNothing(t *testing.T) {
	tab := table(t, nov)
	for i := range tab.Benefits {
		if b := &tab.Benefits[i]; b.Code == "care_subsidy" {
			for j := range b.Version.Bands {
				b.Version.Bands[j].Amount = rules.Amount{}
			}
		}
	}
	care := person("140502194204206481", born(1942, 4, 20))
	care.Dibao, care.SelfCare = domain.DibaoUrban, domain.SelfCareUnable
	both := care
	both.ID, both.Disability = "140502194611306543", domain.Disability{Grade: 2, Category: "肢体"}
	res, err := Compute(tab, nov, []domain.Person{care, both})
	if err != nil {
		t.Fatal(err)
	}
	if got := paid(res); strings.Contains(got, "care_subsidy=0") || !strings.Contains(got, "disability_care_subsidy=109") {
		t.Errorf("paid: %s", got)
	}
	told := false
	for d := range res.Decisions.All() {
		told = told || d.PersonID == care.ID && d.Benefit == "care_subsidy" && !d.Paid && strings.Contains(d.Reason(), "标准为0")
	}
	if !told {
		t.Error("no decision says the 0.00 standard pays nothing")
	}
}

// BenchmarkServiceListsPerPerson walks every service list (items 4, 7, 12,
// 13-14, 15) of a month once, as a department workbook and its counts do:
// the lists are worked out from the people each time they are asked for.
func BenchmarkServiceListsPerPerson(b *testing.B) {
	tab, people := benchPeople(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for range Services(tab, nov, people, nil).All() {
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(people)), "ns/person")
}

// An Engine given a month's people one at a time gives each the lines
// Compute gives them among the month's: the same lines in the same order,
// the one grant per 户号 to the first qualifying person given (list item
// 30), rows without a 户号 each paid, every band, dibao rate and 择高 group.
func TestEngineGivesComputesLines(t *testing.T) {
	tab := table(t, nov)
	people := make([]domain.Person, 600)
	for i := range people {
		people[i] = person(fmt.Sprintf("1405021%011d", i), born(1920+i%50, 1+i%12, 1+i%28))
		people[i].Dibao = domain.Dibao(i % 5)
		people[i].Tekun = domain.Tekun(i % 4)
		people[i].Disability = domain.Disability{Grade: i % 5, Category: domain.DisabilityCategories[i%len(domain.DisabilityCategories)]}
		people[i].SelfCare = domain.SelfCare(i % 4)
		if i%3 != 0 {
			people[i].ElectricityAccount = fmt.Sprintf("855121%04d", i%23) // households of many rows
		}
		if i%11 == 0 {
			people[i].Death = born(2026, 10, 1+i%31)
		}
	}
	want, err := Compute(tab, nov, people)
	if err != nil {
		t.Fatal(err)
	}
	en, err := NewEngine(tab, nov)
	if err != nil {
		t.Fatal(err)
	}
	var got []domain.Line
	for i := range people {
		lines, err := en.Lines(&people[i])
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, lines...)
	}
	if len(got) != len(want.Lines) {
		t.Fatalf("engine gave %d lines, Compute %d", len(got), len(want.Lines))
	}
	granted, refused := 0, 0
	for i := range got {
		if !reflect.DeepEqual(got[i], want.Lines[i]) {
			t.Errorf("line %d: engine %+v, Compute %+v", i, got[i], want.Lines[i])
		}
		if got[i].Benefit == "free_electricity" && got[i].Account != "" {
			granted++
		}
	}
	for d := range want.Decisions.All() {
		if strings.Contains(d.Reason(), "每户一份") {
			refused++
		}
	}
	if granted == 0 || refused == 0 {
		t.Errorf("the people test one grant per 户号 poorly: %d granted on a 户号, %d refused as taken", granted, refused)
	}
}
