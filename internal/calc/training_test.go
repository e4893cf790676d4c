package calc

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"disburse/internal/domain"
)

func TestTrainings(t *testing.T) {
	tab := table(t, nov)
	elder := func(id string, birth int, sc domain.SelfCare, held bool) domain.Listing {
		return domain.Listing{Person: &domain.Person{ID: id, Name: "老人", Birth: born(birth, 1, 1), SelfCare: sc, Street: "东街街道", Community: "景德社区"}, Held: held}
	}
	listings := []domain.Listing{
		elder("140502192907171685", 1929, domain.SelfCareUnable, false),
		elder("140581193010053828", 1930, domain.SelfCareAble, false),
		elder("140502197001011111", 1970, domain.SelfCareUnable, false),
		elder("140502194204206481", 1942, domain.SelfCareUnable, true),
		elder("14058119320419408X", 1932, domain.SelfCareUnable, false),
	}
	listings[4].Person.Death = born(2026, 10, 3)
	row := 1
	tr := func(trainee, elderID, typ, cost, cert string, done string) domain.Training {
		row++
		x := domain.Training{TraineeID: trainee, TraineeName: "学员" + fmt.Sprint(row), ElderID: elderID, Type: typ, Certificate: cert,
			Completed: born(2026, 11, 1), Source: domain.Location{File: "培训.xlsx", Sheet: "Sheet1", Row: row}}
		if done == "late" {
			x.Completed = born(2026, 12, 5)
		}
		if cost != "" {
			x.Cost, x.HasCost = decimal.RequireFromString(cost), true
		}
		return x
	}
	in := []domain.Training{
		tr("110105194912310021", "140502192907171685", "普惠制", "", "C1", ""),       // 2: 1000.00
		tr("110105194912310030", "140502192907171685", "订单式", "3500", "C2", ""),   // 3: 3500.00
		tr("110105194912310048", "140502192907171685", "订单式", "5200.5", "C3", ""), // 4: capped 4000.00
		tr("110105194912310056", "140502192907171685", "订单式", "", "C4", ""),       // 5: no cost
		tr("110105194912310064", "140581193010053828", "普惠制", "", "C5", ""),       // 6: elder can self-care
		tr("110105194912310072", "140502199901011234", "普惠制", "", "C6", ""),       // 7: elder on no roster
		tr("110105194912310080", "140502197001011111", "普惠制", "", "C7", ""),       // 8: elder 56
		tr("110105194912310099", "140502192907171685", "普惠制", "", "C8", "late"),   // 9: course ends in December
		tr("110105194912310021", "140502192907171685", "普惠制", "", "C1", ""),       // 10: same as row 2
		tr("11010519491231010X", "140502192907171685", "普惠制", "", "C9", ""),       // 11: paid in 2026-09
		tr("110105194912310118", "140502194204206481", "普惠制", "", "C10", ""),      // 12: elder's row held
		tr("110105194912310126", "14058119320419408X", "订单式", "3000", "C11", ""),  // 13: elder died in October
		tr("110105194912310134", "140502192907171685", "订单式", "0", "C12", ""),     // 14: a cost of 0 is no payment of 0.00
		tr("110105194912310134", "140502192907171685", "订单式", "3000", "C12", ""),  // 15: the corrected row is paid
	}
	paidBefore := []domain.Claim{{ID: "11010519491231010X", Reference: "C9", Month: domain.Month{Year: 2026, Month: 9}}}
	lines, held := Trainings(tab, nov, in, listings, paidBefore, nil)
	var got []string
	for _, l := range lines {
		got = append(got, fmt.Sprintf("%d:%s:%s", l.Source.Row, l.Amount.StringFixed(2), l.Reference))
	}
	if strings.Join(got, " ") != "2:1000.00:C1 3:3500.00:C2 4:4000.00:C3 15:3000.00:C12" {
		t.Errorf("lines %v", got)
	}
	want := map[int]string{5: "training_cost_missing", 6: "elder_can_self_care", 7: "elder_not_listed", 8: "elder_under_age",
		9: "training_not_finished", 10: "training_duplicate", 11: "training_already_paid", 12: "elder_held", 13: "elder_deceased",
		14: "training_cost_invalid"}
	for _, f := range held {
		if want[f.Where.Row] != f.Code {
			t.Errorf("row %d: %s (%s), want %s", f.Where.Row, f.Code, f.Message, want[f.Where.Row])
		}
		delete(want, f.Where.Row)
		if f.Code == "training_already_paid" && !strings.Contains(f.Message, "2026-09") {
			t.Errorf("already-paid message does not name the month: %s", f.Message)
		}
		if !strings.Contains(f.Message, "请") { // a held row is for staff to correct or delete
			t.Errorf("row %d, %s: %q does not say what to do", f.Where.Row, f.Code, f.Message)
		}
	}
	if len(want) != 0 {
		t.Errorf("not held: %v", want)
	}
	if l := lines[2]; l.Params.Cost != "5200.50" || l.Params.Rate != "4000" || !strings.Contains(l.Band, "上限4000.00元") {
		t.Errorf("capped line %+v", l)
	}
}

// Certificates are matched by their CertificateKey, within the month (one
// file or several) and against earlier months' claims; and one course
// (trainee, elder, type, 结业日期) is paid once whatever its certificates.
// Messages name the other row or month, with the certificate as written.
func TestTrainingDuplicates(t *testing.T) {
	tab := table(t, nov)
	const (
		elder1  = "140502192907171685"
		elder2  = "140502194204206481"
		traineA = "110105194912310021"
		traineB = "110105194912310030"
	)
	listings := []domain.Listing{
		unableElder(elder1, "马琴", 1929),
		unableElder(elder2, "江明", 1942),
	}
	// row is one training row: file "补报" is 培训合格人员名册补报.xlsx, else
	// 培训合格人员名册.xlsx; done is the 结业日期 in November 2026.
	type row struct {
		trainee, elder, typ, cost, cert string
		done                            int
		file                            string
		n                               int
	}
	mk := func(r row) domain.Training {
		file := "培训合格人员名册.xlsx"
		if r.file == "补报" {
			file = "培训合格人员名册补报.xlsx"
		}
		x := domain.Training{TraineeID: r.trainee, TraineeName: "学员", ElderID: r.elder, Type: r.typ, Certificate: r.cert,
			Completed: born(2026, 11, r.done), Source: domain.Location{File: file, Sheet: "Sheet1", Row: r.n}}
		if r.cost != "" {
			x.Cost, x.HasCost = decimal.RequireFromString(r.cost), true
		}
		return x
	}
	oct, sep := domain.Month{Year: 2026, Month: 10}, domain.Month{Year: 2026, Month: 9}
	cases := []struct {
		name   string
		before []domain.Claim
		rows   []row
		paid   string           // rows paid: "n:amount n:amount"
		held   map[int]string   // row -> code
		says   map[int][]string // row -> texts its message must hold
	}{
		{name: "case differs in one file",
			rows: []row{{traineA, elder1, "普惠制", "", "ZS001", 1, "", 2}, {traineA, elder1, "普惠制", "", "zs001", 1, "", 3}},
			paid: "2:1000.00", held: map[int]string{3: "training_duplicate"},
			says: map[int][]string{3: {"「培训合格人员名册.xlsx」Sheet1第2行", "同一证书", "zs001与ZS001"}}},
		{name: "hyphen in a second file",
			rows: []row{{traineA, elder1, "普惠制", "", "ZS001", 1, "", 2}, {traineA, elder1, "普惠制", "", "ZS-001", 2, "补报", 5}},
			paid: "2:1000.00", held: map[int]string{5: "training_duplicate"},
			says: map[int][]string{5: {"「培训合格人员名册.xlsx」Sheet1第2行", "ZS-001与ZS001"}}},
		{name: "inner space",
			rows: []row{{traineA, elder1, "普惠制", "", "ZS 004", 1, "", 2}, {traineA, elder1, "普惠制", "", "ZS004", 2, "", 3}},
			paid: "2:1000.00", held: map[int]string{3: "training_duplicate"}},
		{name: "No. and NO.",
			rows: []row{{traineA, elder1, "订单式", "2000", "No.5", 1, "", 2}, {traineA, elder1, "订单式", "2000", "NO.5", 2, "", 3}},
			paid: "2:2000.00", held: map[int]string{3: "training_duplicate"}},
		{name: "underscore, dot and full-width",
			rows: []row{{traineA, elder1, "普惠制", "", "ZS_001", 1, "", 2}, {traineA, elder1, "普惠制", "", "ｚｓ．００１", 2, "", 3}},
			paid: "2:1000.00", held: map[int]string{3: "training_duplicate"}},
		{name: "paid in an earlier month under another spelling",
			before: []domain.Claim{{ID: traineA, Reference: "ZS-001", Month: oct}},
			rows:   []row{{traineA, elder1, "普惠制", "", "zs 001", 1, "", 2}},
			held:   map[int]string{2: "training_already_paid"},
			says:   map[int][]string{2: {"凭证书ZS-001已于2026-10", "zs 001与ZS-001"}}},
		{name: "the earliest month of several spellings is named",
			before: []domain.Claim{{ID: traineA, Reference: "ZS-001", Month: oct}, {ID: traineA, Reference: "zs001", Month: sep}},
			rows:   []row{{traineA, elder1, "普惠制", "", "ZS001", 1, "", 2}},
			held:   map[int]string{2: "training_already_paid"},
			says:   map[int][]string{2: {"凭证书zs001已于2026-09"}}},
		{name: "same spelling as the earlier claim says nothing of spellings",
			before: []domain.Claim{{ID: traineA, Reference: "ZS001", Month: oct}},
			rows:   []row{{traineA, elder1, "普惠制", "", "ZS001", 1, "", 2}},
			held:   map[int]string{2: "training_already_paid"},
			says:   map[int][]string{2: {"凭证书ZS001已于2026-10领取家庭照护培训补贴，"}}},
		{name: "another trainee's claim of the certificate is told, not held",
			before: []domain.Claim{{ID: traineB, Reference: "ZS001", Month: oct}},
			rows:   []row{{traineA, elder1, "普惠制", "", "zs-001", 1, "", 2}},
			paid:   "2:1000.00", held: map[int]string{2: "training_certificate_shared"},
			says: map[int][]string{2: {"证书编号zs-001已于2026-10由另一学员（" + traineB + "）"}}},
		{name: "two trainees with one certificate number are both paid, the second told",
			rows: []row{{traineA, elder1, "普惠制", "", "ZS001", 1, "", 2}, {traineB, elder1, "普惠制", "", "ZS001", 1, "", 3}},
			paid: "2:1000.00 3:1000.00", held: map[int]string{3: "training_certificate_shared"},
			says: map[int][]string{3: {"「培训合格人员名册.xlsx」Sheet1第2行另一学员（" + traineA + "）"}}},
		{name: "one course under two certificates: 1000 + 3500 + 1000",
			rows: []row{{traineA, elder1, "普惠制", "", "C1", 1, "", 2}, {traineA, elder1, "订单式", "3500", "C2", 1, "", 3}, {traineA, elder1, "普惠制", "", "C3", 1, "补报", 4}},
			paid: "2:1000.00 3:3500.00", held: map[int]string{4: "training_duplicate"},
			says: map[int][]string{4: {"「培训合格人员名册.xlsx」Sheet1第2行", "同一被照护老人", "普惠制", "2026-11-01", "那一行为C1，本行为C3"}}},
		{name: "another end date, elder or type is another course",
			rows: []row{{traineA, elder1, "普惠制", "", "C1", 1, "", 2}, {traineA, elder1, "普惠制", "", "C2", 20, "", 3},
				{traineA, elder2, "普惠制", "", "C3", 1, "", 4}, {traineA, elder1, "订单式", "800", "C4", 1, "", 5}},
			paid: "2:1000.00 3:1000.00 4:1000.00 5:800.00", held: map[int]string{3: "training_second_certificate", 4: "training_second_certificate"},
			says: map[int][]string{3: {"第2行已凭证书C1领取普惠制的家庭照护培训补贴", "本行凭另一证书C2再次发放", "按人计"}}},
		{name: "a row held for another reason does not make the next a duplicate",
			rows: []row{{traineA, elder1, "订单式", "", "ZS001", 1, "", 2}, {traineA, elder1, "订单式", "900", "zs001", 1, "", 3}},
			paid: "3:900.00", held: map[int]string{2: "training_cost_missing"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var in []domain.Training
			for _, r := range c.rows {
				in = append(in, mk(r))
			}
			lines, held := Trainings(tab, nov, in, listings, c.before, nil)
			var got []string
			for _, l := range lines {
				got = append(got, fmt.Sprintf("%d:%s", l.Source.Row, l.Amount.StringFixed(2)))
				if l.Reference != in[slicesIndex(in, l.Source)].Certificate {
					t.Errorf("line of row %d has reference %q, not the certificate as written", l.Source.Row, l.Reference)
				}
			}
			if g := strings.Join(got, " "); g != c.paid {
				t.Errorf("paid %q, want %q", g, c.paid)
			}
			checkHeld(t, held, c.held, c.says)
		})
	}
}

// slicesIndex is the index of the training read at where.
func slicesIndex(in []domain.Training, where *domain.Location) int {
	for i := range in {
		if in[i].Source == *where {
			return i
		}
	}
	return -1
}

func TestServices(t *testing.T) {
	p := func(id string, y, m, d int, dibao bool) domain.Person {
		x := domain.Person{ID: id, Name: id[14:], Birth: born(y, m, d)}
		if dibao {
			x.Dibao = domain.DibaoRural
		}
		return x
	}
	people := []domain.Person{
		p("140502196111150001", 1961, 11, 15, false), // turns 65 in November
		p("140502196611150002", 1966, 11, 15, true),  // turns 60, dibao
		p("140502196110150003", 1961, 10, 15, false), // turned 65 in October
		p("140502195001010004", 1950, 1, 1, true),    // 76, dibao
		p("140502196111020005", 1961, 11, 2, true),   // turns 65, dibao, dies on the 20th
	}
	people[4].Death = born(2026, 11, 20) // nobody to reach: on no list
	got := func(m domain.Month) string {
		var s []string
		for l := range Services(table(t, m), m, people, nil).All() {
			s = append(s, l.Benefit+":"+l.PersonID[14:]+":"+l.Band)
		}
		return strings.Join(s, " ")
	}
	want := "cable_tv_relief:0002:60周岁以上低保老年人 cable_tv_relief:0004:60周岁以上低保老年人 " +
		"free_bus:0001:本月年满65周岁 scenic_spots:0001:本月年满65周岁 scenic_spots:0002:本月年满60周岁 " +
		"health_services:0001:本月年满65周岁 capability_assessment:0001:本月年满65周岁"
	if g := got(nov); g != want {
		t.Errorf("November:\n%s\nwant\n%s", g, want)
	}
	lists := Services(table(t, nov), nov, people, nil)
	var of []string
	for l := range lists.Of("scenic_spots") {
		of = append(of, l.PersonID[14:])
	}
	if g := strings.Join(of, " "); g != "0001 0002" {
		t.Errorf("Of(scenic_spots) = %q, want the two people of All's scenic_spots lines", g)
	}
	for l := range lists.Of("no_such_service") {
		t.Errorf("Of(no_such_service) yielded %+v", l)
	}
	jan := domain.Month{Year: 2027, Month: 1}
	if g := got(jan); !strings.Contains(g, "free_bus:0001:65周岁以上（每年一月）") || !strings.Contains(g, "free_bus:0004:65周岁以上（每年一月）") || strings.Contains(g, "free_bus:0002") {
		t.Errorf("January free bus list: %s", g)
	}
}

// A trainee who is the elder, who died by the 结业日期 on this month's
// rosters or by a death list or another month's record (a trainee on no
// roster), or whose 银行账号 differs from their own roster row's or from
// their row paid before is held; the same account again is paid (f11).
func TestTrainingTraineeChecks(t *testing.T) {
	tab := table(t, nov)
	const (
		elder   = "140502192907171685"
		dead    = "110105194912310021"
		senior  = "110105194912310030"
		trainee = "110105194912310048"
	)
	listings := []domain.Listing{
		unableElder(elder, "马琴", 1929),
		{Person: &domain.Person{ID: dead, Name: "已故学员", Birth: born(1949, 1, 1), Death: born(2026, 9, 20), Source: domain.Location{File: "东街.xlsx", Row: 4}}},
		{Person: &domain.Person{ID: senior, Name: "学员老人", Birth: born(1949, 1, 1), BankAccount: "6217000000000000001", Source: domain.Location{File: "东街.xlsx", Row: 5}}},
	}
	tr := func(n int, id, cert, account string) domain.Training {
		return domain.Training{TraineeID: id, TraineeName: "学员", ElderID: elder, Type: "普惠制", Certificate: cert, BankAccount: account,
			Completed: born(2026, 10, 20), Source: domain.Location{File: "培训.xlsx", Sheet: "Sheet1", Row: n}}
	}
	in := []domain.Training{
		tr(2, elder, "A1", ""),                                    // the elder trains to care for themself
		tr(3, dead, "A2", ""),                                     // died in September, course ended in October
		tr(4, senior, "A3", "6217000000000000002"),                // not the account of the trainee's roster row
		tr(5, senior, "A4", "6217000000000000001"),                // the roster row's account: paid
		tr(6, trainee, "A5", "6217000000000000003"),               // paid
		tr(7, trainee, "A6", "6217000000000000004"),               // another account than row 6's
		tr(8, trainee, "A7", "6217000000000000003"),               // row 6's account again, another course: paid
		tr(9, "110105194912310056", "A8", ""),                     // on no roster, on the death list: died before the course ended
		tr(10, "110105194912310064", "A9", "6217000000000000005"), // on no roster, died after the course ended: paid, for the heirs
	}
	in[6].Completed = born(2026, 10, 27)
	deaths := map[string]time.Time{"110105194912310056": born(2026, 10, 1), "110105194912310064": born(2026, 10, 25)}
	lines, held := Trainings(tab, nov, in, listings, nil, deaths)
	var got []string
	for _, l := range lines {
		got = append(got, fmt.Sprint(l.Source.Row))
	}
	if g := strings.Join(got, " "); g != "5 6 8 10" {
		t.Errorf("paid rows %q, want 5 6 8 10", g)
	}
	checkHeld(t, held, map[int]string{2: "training_trainee_is_elder", 3: "training_trainee_deceased", 4: "training_account_conflict", 7: "training_account_conflict", 8: "training_second_certificate", 9: "training_trainee_deceased"}, nil)
	// Row 10's trainee died on 25 October, before November: not paid into
	// the dead person's card, but recorded without an account for the heirs.
	if l := lines[len(lines)-1]; l.Account != "" || !strings.Contains(l.Params.Note, "2026-10-25去世") || !strings.Contains(l.Params.Note, "继承人") {
		t.Errorf("the dead trainee's line: account %q, note %q; want no account and a note for the heirs", l.Account, l.Params.Note)
	}
	if l := lines[1]; l.Account != "6217000000000000003" {
		t.Errorf("row 6's living trainee paid into %q", l.Account)
	}
	// Died in November, after the course: paid into the account, as the
	// month of a death is.
	lines, _ = Trainings(tab, nov, in[8:], listings, nil, map[string]time.Time{"110105194912310064": born(2026, 11, 2)})
	if len(lines) != 1 || lines[0].Account != "6217000000000000005" {
		t.Errorf("trainee dead inside the month: %+v", lines)
	}
	// A claim recorded unsent in October, the trainee dead since: not paid
	// into the card when a row gives it now.
	unsent := domain.Claim{ID: "110105194912310064", Reference: "A9", Month: domain.Month{Year: 2026, Month: 10}, Unsent: true, Amount: decimal.RequireFromString("1000.00"), Approved: true}
	lines, held = Trainings(tab, nov, in[8:], listings, []domain.Claim{unsent}, deaths)
	if len(lines) != 0 {
		t.Errorf("an unsent claim paid into a dead trainee's card: %+v", lines)
	}
	checkHeld(t, held, map[int]string{10: "training_unsent"}, map[int][]string{10: {"2026-10-25去世", "继承人"}})
}

// unableElder is the listing of an elder born on 1 January of year who is
// 不能自理.
func unableElder(id, name string, year int) domain.Listing {
	return domain.Listing{Person: &domain.Person{ID: id, Name: name, Birth: born(year, 1, 1), SelfCare: domain.SelfCareUnable}}
}

// checkHeld checks that held holds exactly the rows of want (row -> code),
// each message holding the texts says gives for its row.
func checkHeld(t *testing.T, held []domain.Finding, want map[int]string, says map[int][]string) {
	t.Helper()
	left := maps.Clone(want)
	for _, f := range held {
		if want[f.Where.Row] != f.Code {
			t.Errorf("row %d held %s (%s), want %q", f.Where.Row, f.Code, f.Message, want[f.Where.Row])
		}
		delete(left, f.Where.Row)
		for _, s := range says[f.Where.Row] {
			if !strings.Contains(f.Message, s) {
				t.Errorf("row %d: message %q lacks %q", f.Where.Row, f.Message, s)
			}
		}
	}
	if len(left) != 0 {
		t.Errorf("not held: %v", left)
	}
}

// One course (trainee, elder, 培训类型, 结业日期) paid in an earlier month is
// not paid again under a new 证书编号; a claim recorded before the 结业日期
// was, or of another course, holds nothing.
// courseElder and courseTrainee are the elder and trainee of courseRow.
const courseElder, courseTrainee = "140502192907171685", "110105194912310021"

// courseRow is a training roster's row 2: courseTrainee's 普惠制 course for
// courseElder, finished 20 October, under cert, paid into account.
func courseRow(cert, account string) domain.Training {
	return domain.Training{TraineeID: courseTrainee, TraineeName: "学员", ElderID: courseElder, Type: "普惠制", Certificate: cert, BankAccount: account,
		Completed: born(2026, 10, 20), Source: domain.Location{File: "培训合格人员名册.xlsx", Sheet: "Sheet1", Row: 2}}
}

func TestTrainingCoursePaidBefore(t *testing.T) {
	tab := table(t, nov)
	const elder, trainee = courseElder, courseTrainee
	listings := []domain.Listing{unableElder(elder, "马琴", 1929)}
	oct := domain.Month{Year: 2026, Month: 10}
	row := courseRow("ZS-NEW", "")
	claim := domain.Claim{ID: trainee, Reference: "ZS-OLD", Month: oct, ElderID: elder, Type: "普惠制", Completed: "2026-10-20"}
	// Another course of the same type is paid, and told: item 20's
	// standard is per person (training_second_certificate).
	again := map[int]string{2: "training_second_certificate"}
	for _, c := range []struct {
		name   string
		before domain.Claim
		held   map[int]string
		paid   bool
	}{
		{"same course, new certificate", claim, map[int]string{2: "training_already_paid"}, false},
		{"recorded without its 结业日期", domain.Claim{ID: trainee, Reference: "ZS-OLD", Month: oct, ElderID: elder, Type: "普惠制"}, again, true},
		{"another 结业日期", func() domain.Claim { c := claim; c.Completed = "2026-09-20"; return c }(), again, true},
		{"another elder", func() domain.Claim { c := claim; c.ElderID = "140502194204206481"; return c }(), again, true},
		{"another type", func() domain.Claim { c := claim; c.Type = "订单式"; return c }(), nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines, held := Trainings(tab, nov, []domain.Training{row}, listings, []domain.Claim{c.before}, nil)
			if paid := len(lines) == 1; paid != c.paid {
				t.Errorf("paid %v, want %v", paid, c.paid)
			}
			var says map[int][]string
			if !c.paid {
				says = map[int][]string{2: {"已于2026-10凭证书ZS-OLD", "本行证书编号为ZS-NEW", "2026-10-20"}}
			} else if c.held != nil {
				says = map[int][]string{2: {"已于2026-10凭证书ZS-OLD领取过普惠制"}}
			}
			checkHeld(t, held, c.held, says)
		})
	}
	if lines, _ := Trainings(tab, nov, []domain.Training{row}, listings, nil, nil); len(lines) != 1 || lines[0].Params.Completed != "2026-10-20" {
		t.Errorf("the line does not record its 结业日期 for later months: %+v", lines)
	}
}

// A claim recorded in October without a 银行账号 (never sent) is paid in
// November, once the row gives an account, as October's 补发 at the amount
// recorded then; without an account, or while October is a draft, it is
// held (training_unsent), never as already paid. A claim sent since, or
// another certificate of the same course, is still refused.
func TestTrainingUnsentClaimPaidOnceAnAccountComes(t *testing.T) {
	tab := table(t, nov)
	const elder, trainee = courseElder, courseTrainee
	listings := []domain.Listing{unableElder(elder, "马琴", 1929)}
	oct := domain.Month{Year: 2026, Month: 10}
	row := courseRow
	unsent := domain.Claim{ID: trainee, Reference: "ZS-1", Month: oct, ElderID: elder, Type: "普惠制", Completed: "2026-10-20",
		Unsent: true, Amount: decimal.RequireFromString("900.00"), Approved: true}
	lines, held := Trainings(tab, nov, []domain.Training{row("ZS-1", "6217000011112222333")}, listings, []domain.Claim{unsent}, nil)
	if len(held) != 0 || len(lines) != 1 || lines[0].Amount.StringFixed(2) != "900.00" || lines[0].Corrects != oct || !strings.Contains(lines[0].Params.Note, "因无银行账号未代发") {
		t.Fatalf("with an account: lines %+v, held %+v", lines, held)
	}
	for name, c := range map[string]struct {
		row    domain.Training
		claims []domain.Claim
		code   string
	}{
		"still no account":            {row("ZS-1", ""), []domain.Claim{unsent}, "training_unsent"},
		"October a draft":             {row("ZS-1", "6217000011112222333"), []domain.Claim{func() domain.Claim { c := unsent; c.Approved = false; return c }()}, "training_unsent"},
		"paid as 补发 since":            {row("ZS-1", "6217000011112222333"), []domain.Claim{unsent, func() domain.Claim { c := unsent; c.Unsent, c.Month = false, nov.Prev(); return c }()}, "training_already_paid"},
		"the course, new certificate": {row("ZS-2", "6217000011112222333"), []domain.Claim{unsent}, "training_already_paid"},
	} {
		lines, held := Trainings(tab, nov, []domain.Training{c.row}, listings, c.claims, nil)
		if len(lines) != 0 || len(held) != 1 || held[0].Code != c.code {
			t.Errorf("%s: lines %+v, held %+v; want %s", name, lines, held, c.code)
		}
	}
}

// A month run late (October, after November and December were run) does
// not pay a claim a later month recorded: sent, it is training_already_paid
// naming that month; recorded without a 银行账号, it is training_unsent, to
// be paid as that month's 补发 by a month after it, never as the 补发 of a
// later month paid in an earlier one.
func TestTrainingClaimOfALaterMonth(t *testing.T) {
	tab := table(t, nov)
	oct, dec := domain.Month{Year: 2026, Month: 10}, domain.Month{Year: 2026, Month: 12}
	listings := []domain.Listing{unableElder(courseElder, "马琴", 1929)}
	row := courseRow("ZS-1", "6217000011112222333")
	sent := domain.Claim{ID: courseTrainee, Reference: "zs 1", Month: nov, ElderID: courseElder, Type: "普惠制", Completed: "2026-10-20", Amount: decimal.RequireFromString("1000.00")}
	lines, held := Trainings(tab, oct, []domain.Training{row}, listings, []domain.Claim{sent}, nil)
	if len(lines) != 0 {
		t.Errorf("paid again in October what November paid: %+v", lines)
	}
	checkHeld(t, held, map[int]string{2: "training_already_paid"}, map[int][]string{2: {"已于2026-11"}})
	unsent := sent
	unsent.Month, unsent.Unsent, unsent.Approved = dec, true, true
	lines, held = Trainings(tab, oct, []domain.Training{row}, listings, []domain.Claim{unsent}, nil)
	if len(lines) != 0 {
		t.Errorf("paid in October what December recorded unsent: %+v", lines)
	}
	checkHeld(t, held, map[int]string{2: "training_unsent"}, map[int][]string{2: {"已于2026-12（晚于本月）记录", "2026-12以后月份"}})
}

// A birthday on the first or the last day of the month, or on 29 February,
// puts a senior on the lists of reaching 60 or 65 in that month and in no
// other: 29 February counts on 28 February in a common year (民法典 art.
// 202), so the senior is listed in February, not in March.
func TestServicesBirthdayEdges(t *testing.T) {
	people := []domain.Person{
		{ID: "140502196611010001", Birth: born(1966, 11, 1)},  // 60 on 1 November 2026
		{ID: "140502196611300002", Birth: born(1966, 11, 30)}, // 60 on 30 November 2026
		{ID: "140502196612010003", Birth: born(1966, 12, 1)},  // 60 on 1 December 2026
		{ID: "140502196610310004", Birth: born(1966, 10, 31)}, // 60 on 31 October 2026
		{ID: "140502196002290005", Birth: born(1960, 2, 29)},  // 65 on 28 February 2025, a common year
		{ID: "140502196402290006", Birth: born(1964, 2, 29)},  // 60 on 29 February 2024
	}
	scenic := func(m domain.Month) string {
		var s []string
		for l := range Services(table(t, m), m, people, nil).Of("scenic_spots") {
			s = append(s, l.PersonID[14:]+":"+l.Band)
		}
		return strings.Join(s, " ")
	}
	for _, c := range []struct {
		m    domain.Month
		want string
	}{
		{domain.Month{Year: 2026, Month: 10}, "0004:本月年满60周岁"},
		{domain.Month{Year: 2026, Month: 11}, "0001:本月年满60周岁 0002:本月年满60周岁"},
		{domain.Month{Year: 2026, Month: 12}, "0003:本月年满60周岁"},
		{domain.Month{Year: 2025, Month: 2}, "0005:本月年满65周岁"},
		{domain.Month{Year: 2025, Month: 3}, ""},
		{domain.Month{Year: 2024, Month: 2}, "0006:本月年满60周岁"},
		{domain.Month{Year: 2024, Month: 3}, ""},
	} {
		if g := scenic(c.m); g != c.want {
			t.Errorf("%s: %q, want %q", c.m, g, c.want)
		}
	}
}

// A senior whose row was held in the approved month of a 60th or 65th
// birthday is on that band's lists the first month after in which the row
// is listed and not held, within reach (the arrears window, three months),
// labelled as caught up; not when that month listed them, not again once a
// month since listed them unheld, not from a month that is not approved
// (absent from Earlier), and not on a band without turns_age.
func TestServicesCatchUp(t *testing.T) {
	oct, dec := domain.Month{Year: 2026, Month: 10}, domain.Month{Year: 2026, Month: 12}
	people := []domain.Person{
		{ID: "140502196610150001", Name: "甲", Birth: born(1966, 10, 15)},                           // 60 in October, held then
		{ID: "140502196110150002", Name: "乙", Birth: born(1961, 10, 15)},                           // 65 in October, listed then
		{ID: "140502196610150003", Name: "丙", Birth: born(1966, 10, 15)},                           // 60 in October, held, listed unheld in November
		{ID: "140502196610150004", Name: "丁", Birth: born(1966, 10, 15)},                           // 60 in October, October not approved
		{ID: "140502196608150005", Name: "戊", Birth: born(1966, 8, 15)},                            // 60 in August, held: beyond reach in December
		{ID: "140502195001010006", Name: "己", Birth: born(1950, 1, 1), Dibao: domain.DibaoRural},   // 76, dibao, held in October
		{ID: "140502196611150007", Name: "庚", Birth: born(1966, 11, 15), Death: born(2026, 12, 1)}, // 60 in November, held, died
	}
	held := func(m domain.Month) domain.Listed {
		return domain.Listed{Month: m, Held: true, Codes: []string{"account_invalid"}}
	}
	paid := func(m domain.Month) domain.Listed { return domain.Listed{Month: m} }
	nov := domain.Month{Year: 2026, Month: 11}
	aug := domain.Month{Year: 2026, Month: 8}
	earlier := Earlier{
		people[0].ID: {held(oct)},
		people[1].ID: {paid(oct)},
		people[2].ID: {held(oct), paid(nov)},
		people[4].ID: {held(aug)},
		people[5].ID: {held(oct)},
		people[6].ID: {held(nov)},
	}
	got := func(m domain.Month, e Earlier) string {
		var s []string
		for l := range Services(table(t, m), m, people, e).All() {
			s = append(s, l.Benefit+":"+l.PersonID[14:]+":"+l.Band+":"+l.Params.Note)
		}
		return strings.Join(s, " ")
	}
	want := "cable_tv_relief:0006:60周岁以上低保老年人:免收有线电视初装费，维护费减半（50%） " +
		"scenic_spots:0001:补列：2026年10月年满60周岁（当月暂缓）:其他景区首道门票半价，公共文化场馆免费"
	if g := got(dec, earlier); g != want {
		t.Errorf("December:\n%s\nwant\n%s", g, want)
	}
	if g := got(dec, nil); g != "cable_tv_relief:0006:60周岁以上低保老年人:免收有线电视初装费，维护费减半（50%）" {
		t.Errorf("December without the earlier months: %s", g)
	}
	// The month after, the person caught up in December is not listed again.
	earlier[people[0].ID] = append(earlier[people[0].ID], paid(nov), paid(dec))
	jan := domain.Month{Year: 2027, Month: 1}
	if g := got(jan, earlier); strings.Contains(g, "补列") {
		t.Errorf("January lists a catch-up again: %s", g)
	}
	// The month they turned 65 held, the bus pass, health services and
	// capability assessment catch up too; the people listed that month
	// (BirthdaysBefore) are those whose listings the lists need.
	earlier = Earlier{people[1].ID: {held(oct)}}
	var lines []string
	for l := range Services(table(t, nov), nov, people, earlier).All() {
		if l.PersonID == people[1].ID {
			lines = append(lines, l.Benefit+":"+l.Band)
		}
	}
	if g, w := strings.Join(lines, " "), "free_bus:补列：2026年10月年满65周岁（当月暂缓） scenic_spots:补列：2026年10月年满65周岁（当月暂缓） "+
		"health_services:补列：2026年10月年满65周岁（当月暂缓） capability_assessment:补列：2026年10月年满65周岁（当月暂缓）"; g != w {
		t.Errorf("November, 65 in October held:\n%s\nwant\n%s", g, w)
	}
	ids, from := BirthdaysBefore(table(t, dec), dec, people)
	if g, w := strings.Join(ids, " "), "140502196610150001 140502196110150002 140502196610150003 140502196610150004"; g != w || from != (domain.Month{Year: 2026, Month: 9}) {
		t.Errorf("BirthdaysBefore(December) = %s from %s, want %s from 2026-09", g, from, w)
	}
}
