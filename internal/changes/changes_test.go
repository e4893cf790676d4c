package changes

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"disburse/internal/calc"
	"disburse/internal/domain"
	"disburse/internal/rules"
)

var (
	oct = domain.Month{Year: 2026, Month: time.October}
	nov = domain.Month{Year: 2026, Month: time.November}
)

func born(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func p(id, name, street string, birth time.Time) domain.Person {
	return domain.Person{ID: id, Name: name, Street: street, Community: "景德社区", Birth: birth, BankAccount: "6217"}
}

// snapshot computes a month with the repository's rules, as a run would.
func snapshot(t *testing.T, m domain.Month, runID int64, people []domain.Person, held []domain.Listing) (*Snapshot, calc.Decisions, *rules.Table) {
	t.Helper()
	book, err := rules.Load("../../rules")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := book.ForMonth(m)
	if err != nil {
		t.Fatal(err)
	}
	res, err := calc.Compute(tab, m, people)
	if err != nil {
		t.Fatal(err)
	}
	s := &Snapshot{Month: m, RunID: runID, Lines: res.Lines}
	for _, pp := range people {
		s.Listings = append(s.Listings, domain.Listing{Person: &pp})
	}
	s.Listings = append(s.Listings, held...)
	return s, res.Decisions, tab
}

// Two months in which every kind of change happens once.
func TestEveryKindOfChange(t *testing.T) {
	a := p("410802193611080748", "宋平忠", "东街街道", born(1936, 11, 8))  // turns 90 in November
	b := p("140502194611156543", "顾清金", "东街街道", born(1946, 11, 15)) // turns 80 in November
	c := p("140502194001011111", "孙花", "东街街道", born(1940, 1, 1))    // becomes dibao
	d := p("140502194002022222", "邹忠军", "东街街道", born(1940, 2, 2))   // dropped from the rosters
	e := p("140502194103033333", "金春建", "东街街道", born(1941, 3, 3))   // died in October
	f := p("140502194204044444", "文兴凤", "东街街道", born(1942, 4, 4))   // held in November
	g := p("140502194305055555", "周山学", "东街街道", born(1943, 5, 5))   // moves to 西街
	h := p("140502194406066666", "龙国", "东街街道", born(1944, 6, 6))    // nothing changes
	i := p("140502193507077777", "段平翠", "西街街道", born(1935, 7, 7))   // first listed in November
	j := p("140502194508088888", "江红", "东街街道", born(1945, 8, 8))    // 街道 left empty in November

	prev, _, _ := snapshot(t, oct, 1, []domain.Person{a, b, c, d, e, f, g, h, j}, nil)

	c2 := c
	c2.Dibao = domain.DibaoUrban
	e2 := e
	e2.Death = born(2026, 10, 20)
	g2 := g
	g2.Street = "西街街道"
	j2 := j
	j2.Street = ""
	heldF := domain.Listing{Person: &f, Held: true, Codes: []string{"value_unknown"}}
	cur, decisions, tab := snapshot(t, nov, 2, []domain.Person{a, b, c2, e2, g2, h, i, j2}, []domain.Listing{heldF})

	r, err := Compare(tab, prev, cur, decisions, nil)
	if err != nil {
		t.Fatal(err)
	}
	list := func(cs []Change) string {
		var s []string
		for _, c := range cs {
			s = append(s, fmt.Sprintf("%s %s %s->%s: %s", c.Name, c.Benefit, Format(c.OldAmount, c.Unit), Format(c.NewAmount, c.Unit), c.Reason))
		}
		return strings.Join(s, "\n")
	}
	want := map[string]string{
		"new": strings.Join([]string{
			"顾清金 senior_allowance 0.00->76.66: 本月年满80周岁",
			"孙花 free_electricity 0->15: 低保类别由「否（非低保）」变为「城市低保」",
			"段平翠 senior_allowance 0.00->230.00: 上月未列入花名册",
		}, "\n"),
		"stopped": strings.Join([]string{
			"邹忠军 senior_allowance 76.67->0.00: 本月各花名册均未列入（已列入待核实）",
			"金春建 senior_allowance 76.67->0.00: 高龄津贴: 死亡日期2026-10-20早于本月",
			"文兴凤 senior_allowance 76.67->0.00: 本月被暂缓发放，异常代码：value_unknown",
		}, "\n"),
		"adjusted": strings.Join([]string{
			"宋平忠 senior_allowance 76.67->230.00: 年龄档次变化：90周岁",
			"孙花 senior_allowance 76.67->136.66: 低保类别由「否（非低保）」变为「城市低保」",
		}, "\n"),
		"transfers": "周山学 senior_allowance 76.67->76.66: 由东街街道转入西街街道\n" +
			"江红 senior_allowance 76.67->76.66: 由东街街道转入（未填街道）",
	}
	for name, got := range map[string]string{"new": list(r.New), "stopped": list(r.Stopped), "adjusted": list(r.Adjusted), "transfers": list(r.Transfers)} {
		if got != want[name] {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, want[name])
		}
	}
	if len(r.Missing) != 1 || r.Missing[0].Name != "邹忠军" || r.Missing[0].Street != "东街街道" {
		t.Errorf("missing %+v", r.Missing)
	}
	var ms []string
	for _, m := range r.Milestones {
		ms = append(ms, fmt.Sprintf("%s %d %s", m.Line.Name, m.Age, m.Line.Band))
	}
	if strings.Join(ms, ",") != "宋平忠 90 90-99周岁,顾清金 80 80-89周岁" {
		t.Errorf("milestones %v", ms)
	}
	sa := r.Bridges[0]
	if sa.Benefit != "senior_allowance" || sa.PrevCount != 8 || sa.NewCount != 2 || sa.StoppedCount != 3 || sa.AdjustedCount != 2 ||
		sa.RoundingCount != 3 || sa.CurCount != 7 || sa.RoundingDelta.String() != "-0.03" || !sa.Holds() {
		t.Errorf("bridge %+v", sa)
	}
	if got := sa.PrevTotal.Add(sa.NewTotal).Sub(sa.StoppedTotal).Add(sa.AdjustedDelta).Add(sa.RoundingDelta); !got.Equal(sa.CurTotal) {
		t.Errorf("bridge sum %s != %s", got, sa.CurTotal)
	}
}

func TestFirstMonth(t *testing.T) {
	cur, decisions, tab := snapshot(t, nov, 1, []domain.Person{p("140502194611156543", "顾清金", "东街街道", born(1946, 11, 15))}, nil)
	r, err := Compare(tab, nil, cur, decisions, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.HasPrev || len(r.New) != 0 || len(r.Bridges) != 0 || len(r.Milestones) != 1 {
		t.Errorf("first month report %+v", r)
	}
}

// A bridge that does not add up is refused: here a line is doctored so the
// sums no longer match the counts' story.
func TestBridgeMustHold(t *testing.T) {
	b := Bridge{PrevCount: 1, CurCount: 1}
	b.PrevTotal = b.PrevTotal.Add(decimalOf("76.67"))
	b.CurTotal = b.CurTotal.Add(decimalOf("76.66"))
	if b.Holds() {
		t.Error("a bridge missing its rounding holds")
	}
	b.RoundingDelta = decimalOf("-0.01")
	b.RoundingCount = 1
	if !b.Holds() {
		t.Error("a complete bridge does not hold")
	}
}

// A person dropped from the rosters whose row is in fact held for a typing
// error in the ID is pointed to that row; a held row's stop says why it is
// held; other findings change nothing.
func TestPointToHeldRows(t *testing.T) {
	r := &Report{
		Stopped: []Change{{Name: "邹忠军", Reason: notListed}, {Name: "邹忠军", Reason: "本月不再符合条件"}, {Name: "金春建", Reason: notListed},
			{Name: "文兴凤", PersonID: "140502194204044444", Reason: heldPrefix + "value_unknown"}},
		Missing: []Missing{{Name: "邹忠军"}, {Name: "金春建"}},
	}
	at := func(row int) domain.Location { return domain.Location{File: "东街.xlsx", Sheet: "Sheet1", Row: row} }
	r.pointToHeldRows([]domain.Finding{
		{Severity: domain.Held, Code: "id_checksum", Name: "邹忠军", Where: at(7)},
		{Severity: domain.Held, Code: "value_unknown", Name: "金春建", Where: at(8)},
		{Severity: domain.Notice, Code: "id_converted", Name: "金春建", Where: at(9)},
		{Severity: domain.Held, Code: "value_unknown", Name: "文兴凤", AsWritten: "140502194204044444", Where: at(10), Message: "低保类别「待定」无法识别"},
	})
	const where = "本月有同名的行因身份证号有误被暂缓：「东街.xlsx」Sheet1 第7行（id_checksum），请核对是否为同一人"
	if got := r.Stopped[0].Reason; got != notListed+"；"+where {
		t.Errorf("stopped: %q", got)
	}
	if r.Stopped[1].Reason != "本月不再符合条件" || r.Stopped[2].Reason != notListed {
		t.Errorf("other stopped lines changed: %+v", r.Stopped[1:3])
	}
	if got := r.Stopped[3].Reason; got != heldPrefix+"value_unknown（低保类别「待定」无法识别）" {
		t.Errorf("held: %q", got)
	}
	if r.Missing[0].HeldRows != where || r.Missing[1].HeldRows != "" {
		t.Errorf("missing: %+v", r.Missing)
	}
}

// October's row gave a 死亡日期 of 20 September, so October paid nothing;
// November's row gives none and is paid. The reason for the new line names
// the date, and says 健在 only when the row's notice says so.
func TestNewAfterADeathOnRecord(t *testing.T) {
	a := p("140502194204206481", "贺国荣", "东街街道", born(1942, 4, 20))
	dead := a
	dead.Death = born(2026, 9, 20)
	prev, _, _ := snapshot(t, oct, 1, []domain.Person{dead}, nil)
	cur, decisions, tab := snapshot(t, nov, 2, []domain.Person{a}, nil)
	alive := []domain.Finding{{Severity: domain.Notice, Code: domain.CodeDeathOnRecordAlive, AsWritten: a.ID}}
	for _, c := range []struct {
		findings []domain.Finding
		want     string
	}{
		{alive, "上月花名册记载死亡日期2026-09-20，本月备注健在"},
		{nil, "上月花名册记载死亡日期2026-09-20，本月未填死亡日期"},
	} {
		r, err := Compare(tab, prev, cur, decisions, c.findings)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.New) != 1 || r.New[0].Reason != c.want {
			t.Errorf("new %+v, want reason %q", r.New, c.want)
		}
	}
}

// Last month's row gave a 死亡日期 before the senior's 80th birthday (in
// September), which made them 79 on their day of death: paid again this
// month, the reason is the date, not an 80th birthday this month (a fresh
// user's change list said 本月年满80周岁 of someone 80 since October).
func TestNewAfterADeathBeforeTheBirthday(t *testing.T) {
	a := p("140502194609206481", "冯凤", "东街街道", born(1946, 9, 20))
	dead := a
	dead.Death = born(2026, 9, 2)
	prev, _, _ := snapshot(t, oct, 1, []domain.Person{dead}, nil)
	cur, decisions, tab := snapshot(t, nov, 2, []domain.Person{a}, nil)
	r, err := Compare(tab, prev, cur, decisions, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "上月花名册记载死亡日期2026-09-02，本月未填死亡日期"; len(r.New) != 1 || r.New[0].Reason != want {
		t.Errorf("new %+v, want reason %q", r.New, want)
	}
}

// A person paid both months whose 姓名 or 银行账号 changed is listed with
// what changed; the same person unchanged is not.
func TestIdentities(t *testing.T) {
	k := p("140502194001011111", "孙花", "东街街道", born(1940, 1, 1))
	l := p("140502194002022222", "邹忠军", "东街街道", born(1940, 2, 2))
	m := p("140502194103033333", "金春建", "东街街道", born(1941, 3, 3))
	n := p("140502194406066666", "龙国", "东街街道", born(1944, 6, 6))
	prev, _, _ := snapshot(t, oct, 1, []domain.Person{k, l, m, n}, nil)
	k2, l2, m2 := k, l, m
	k2.Name = "孙华"
	l2.BankAccount = "6218"
	m2.BankAccount = ""
	cur, decisions, tab := snapshot(t, nov, 2, []domain.Person{k2, l2, m2, n}, nil)
	r, err := Compare(tab, prev, cur, decisions, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range r.Identities {
		got = append(got, fmt.Sprintf("%s %s %s/%s->%s/%s: %s", c.PersonID[:6], c.Benefit, c.OldName, c.OldAccount, c.Name, c.Account, c.Reason))
	}
	want := []string{
		"140502 senior_allowance 孙花/6217->孙华/6217: 姓名由「孙花」改为「孙华」",
		"140502 senior_allowance 邹忠军/6217->邹忠军/6218: 银行账号由「6217」改为「6218」",
		"140502 senior_allowance 金春建/6217->金春建/: 银行账号「6217」本月未填",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("identities:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A senior whose November row gave 死亡日期 2026-11-20 is paid for November
// and left off December's rosters: not on 待核实, and the stop names the
// date, not 待核实.
func TestStoppedAfterARecordedDeath(t *testing.T) {
	dec := domain.Month{Year: 2026, Month: time.December}
	k := p("140502193808088888", "牛建国", "东街街道", born(1938, 8, 8))
	k.Death = born(2026, 11, 20)
	l := p("140502194406066666", "龙国", "东街街道", born(1944, 6, 6))
	prev, _, _ := snapshot(t, nov, 1, []domain.Person{k, l}, nil)
	cur, decisions, tab := snapshot(t, dec, 2, []domain.Person{l}, nil)
	r, err := Compare(tab, prev, cur, decisions, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Missing) != 0 {
		t.Errorf("待核实 %+v, want nobody", r.Missing)
	}
	if len(r.Stopped) == 0 {
		t.Fatal("nobody stopped")
	}
	for _, c := range r.Stopped {
		if c.PersonID != k.ID || c.Reason != "上月花名册记载死亡日期2026-11-20，本月各花名册均未列入" {
			t.Errorf("stopped %s %s: %q", c.PersonID, c.Benefit, c.Reason)
		}
	}
}

// A senior whose November row gave a 死亡日期 after December (reported
// ahead, or typed wrong) and whom December's rosters leave out is alive in
// December by the record: on 待核实, not stopped as dead; so is one whose
// held row gave such a date. A date inside December stops them.
func TestDeathAfterTheMonthIsNoStop(t *testing.T) {
	dec := domain.Month{Year: 2026, Month: time.December}
	l := p("140502194406066666", "龙国", "东街街道", born(1944, 6, 6))
	for _, c := range []struct {
		death   time.Time
		missing int
		reason  string
	}{
		{born(2027, 1, 1), 1, notListed},
		{born(2026, 12, 31), 0, "上月花名册记载死亡日期2026-12-31，本月各花名册均未列入"},
	} {
		k := p("140502193808088888", "牛建国", "东街街道", born(1938, 8, 8))
		k.Death = c.death
		prev, _, _ := snapshot(t, nov, 1, []domain.Person{k, l}, nil)
		cur, decisions, tab := snapshot(t, dec, 2, []domain.Person{l}, nil)
		r, err := Compare(tab, prev, cur, decisions, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Missing) != c.missing {
			t.Errorf("死亡日期 %s: 待核实 %+v, want %d", c.death.Format(time.DateOnly), r.Missing, c.missing)
		}
		if len(r.Stopped) == 0 || r.Stopped[0].Reason != c.reason {
			t.Errorf("死亡日期 %s: stopped %+v, want %q", c.death.Format(time.DateOnly), r.Stopped, c.reason)
		}
		h := k
		prev, _, _ = snapshot(t, nov, 1, nil, []domain.Listing{{Person: &h, Held: true, Codes: []string{"value_unknown"}}})
		cur, decisions, tab = snapshot(t, dec, 2, nil, nil)
		if r, err = Compare(tab, prev, cur, decisions, nil); err != nil {
			t.Fatal(err)
		}
		if len(r.Missing) != c.missing {
			t.Errorf("held, 死亡日期 %s: 待核实 %+v, want %d", c.death.Format(time.DateOnly), r.Missing, c.missing)
		}
	}
}

// A grade change from 三级智力 to 二级 moves 重度残疾人护理补贴 to another
// band: the reason names the grade, not an age band, which did not change.
func TestAdjustedByGrade(t *testing.T) {
	k := p("140502194406066666", "龙国", "东街街道", born(1950, 6, 6))
	k.Disability = domain.Disability{Grade: 3, Category: "智力"}
	prev, _, _ := snapshot(t, oct, 1, []domain.Person{k}, nil)
	k.Disability.Grade = 2
	cur, decisions, tab := snapshot(t, nov, 2, []domain.Person{k}, nil)
	r, err := Compare(tab, prev, cur, decisions, nil)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, c := range r.Adjusted {
		reasons = append(reasons, c.Benefit+": "+c.Reason)
	}
	if want := []string{"disability_care_subsidy: 残疾情况由「3级智力」变为「2级智力」"}; !slices.Equal(reasons, want) {
		t.Errorf("adjusted %q, want %q", reasons, want)
	}
}

// A senior paid in October whom November's death list names while no
// roster lists them: not on 待核实, and the stop names the list's date.
// Without the list they are on 待核实, as anyone left off.
func TestStoppedOnTheDeathList(t *testing.T) {
	k := p("140502193808088888", "牛建国", "东街街道", born(1938, 8, 8))
	l := p("140502194406066666", "龙国", "东街街道", born(1944, 6, 6))
	oct := domain.Month{Year: 2026, Month: time.October}
	prev, _, _ := snapshot(t, oct, 1, []domain.Person{k, l}, nil)
	cur, decisions, tab := snapshot(t, nov, 2, []domain.Person{l}, nil)
	r, err := Compare(tab, prev, cur, decisions, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Missing) != 1 || r.Missing[0].PersonID != k.ID {
		t.Errorf("without the death list: 待核实 %+v, want %s", r.Missing, k.ID)
	}
	cur.DeadOffRoster = []domain.Person{{ID: k.ID, Name: k.Name, Death: born(2026, 9, 12)}}
	if r, err = Compare(tab, prev, cur, decisions, nil); err != nil {
		t.Fatal(err)
	}
	if len(r.Missing) != 0 || len(r.Stopped) == 0 {
		t.Errorf("待核实 %+v, stopped %+v", r.Missing, r.Stopped)
	}
	for _, c := range r.Stopped {
		if c.PersonID != k.ID || c.Reason != "本月死亡名单记载死亡日期2026-09-12，本月各花名册均未列入" {
			t.Errorf("stopped %s %s: %q", c.PersonID, c.Benefit, c.Reason)
		}
	}
}

// Last month's 待核实 (prev.Unlisted) are listed again while on no roster,
// with the month last paid; not once a roster lists them (a held row
// counts) or this month's death list names them, and never twice.
func TestStillMissing(t *testing.T) {
	k := p("140502193808088888", "牛建国", "东街街道", born(1938, 8, 8))
	l := p("140502194406066666", "龙国", "东街街道", born(1944, 6, 6))
	sep := domain.Month{Year: 2026, Month: time.September}
	paid, _, _ := snapshot(t, sep, 1, []domain.Person{k, l}, nil)
	prev, _, _ := snapshot(t, oct, 2, nil, nil)
	for _, x := range []domain.Person{k, l} {
		m := Missing{PersonID: x.ID, Name: x.Name, Street: x.Street, Since: sep}
		for _, line := range paid.Lines {
			if line.PersonID == x.ID {
				m.Benefits, m.LastLines = append(m.Benefits, line.Benefit), append(m.LastLines, line)
			}
		}
		prev.Unlisted = append(prev.Unlisted, m)
	}
	prev.Unlisted = append(prev.Unlisted, prev.Unlisted[0]) // recorded twice by mistake: listed once
	cur, decisions, tab := snapshot(t, nov, 3, nil, nil)
	r, err := Compare(tab, prev, cur, decisions, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range r.Missing {
		got = append(got, fmt.Sprintf("%s %s %d %d", m.PersonID, m.Since, m.MonthsOff(nov), len(m.LastLines)))
	}
	if want := k.ID + " 2026-09 2 1\n" + l.ID + " 2026-09 2 1"; strings.Join(got, "\n") != want {
		t.Errorf("待核实\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	cur.Listings = []domain.Listing{{Person: &k, Held: true, Codes: []string{"sheet_stop_list"}}}
	cur.DeadOffRoster = []domain.Person{{ID: l.ID, Name: l.Name, Death: born(2026, 10, 1)}}
	if r, err = Compare(tab, prev, cur, decisions, nil); err != nil {
		t.Fatal(err)
	}
	if len(r.Missing) != 0 {
		t.Errorf("listed (held) or on the death list, still 待核实: %+v", r.Missing)
	}
}

// A person held last month and on no roster now is 待核实, unless the hold
// was a stop (a 停发人员 sheet): staff stopped them. A death said without
// its date (a comment 已故, no 死亡日期) is no such stop: the row deleted
// instead of dated, the month of death is owed to the heirs, and 待核实
// asks for the date.
func TestHeldThenGone(t *testing.T) {
	k := p("140502193808088888", "牛建国", "东街街道", born(1938, 8, 8))
	for code, want := range map[string]int{"value_unknown": 1, "sheet_stop_list": 0, "remark_stop": 0, "comment_death": 1, "remark_death": 1, "sheet_dead_list": 1} {
		prev, _, _ := snapshot(t, oct, 1, nil, []domain.Listing{{Person: &k, Held: true, Codes: []string{code}}})
		cur, decisions, tab := snapshot(t, nov, 2, nil, nil)
		r, err := Compare(tab, prev, cur, decisions, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Missing) != want || (want == 1 && !strings.Contains(r.Missing[0].Why(nov), code)) {
			t.Errorf("held last month for %s: 待核实 %+v, want %d", code, r.Missing, want)
		}
		if death := domain.DeathUndatedCode(code); want == 1 && len(r.Missing) == 1 && death != strings.Contains(r.Missing[0].Why(nov), "死亡当月仍应发放") {
			t.Errorf("held last month for %s: %q", code, r.Missing[0].Why(nov))
		}
	}
	// A death said with another reason to stop (已迁出本区，已故) stays a stop.
	prev, _, _ := snapshot(t, oct, 1, nil, []domain.Listing{{Person: &k, Held: true, Codes: []string{"remark_stop", "remark_death"}}})
	cur, decisions, tab := snapshot(t, nov, 2, nil, nil)
	if r, err := Compare(tab, prev, cur, decisions, nil); err != nil || len(r.Missing) != 0 {
		t.Errorf("stopped and dead without a date: 待核实 %+v, %v", r.Missing, err)
	}
}

// 护理补贴 raised above the 重度残疾人护理补贴 a senior was paid last month:
// the new 护理补贴 line says it replaced the other benefit of its 择高
// group, not that the senior "did not have it last month".
func TestNewByAGroupSwitch(t *testing.T) {
	a := p("140502195106060081", "辛八", "东街街道", born(1951, 6, 6))
	a.Dibao, a.SelfCare, a.Disability = domain.DibaoUrban, domain.SelfCareUnable, domain.Disability{Grade: 2, Category: "肢体"}
	prev, _, _ := snapshot(t, oct, 1, []domain.Person{a}, nil)
	_, _, tab := snapshot(t, nov, 2, nil, nil)
	for i := range tab.Benefits {
		if b := &tab.Benefits[i]; b.Code == "care_subsidy" {
			for j := range b.Version.Bands {
				b.Version.Bands[j].Amount = rules.Amount{Decimal: decimal.RequireFromString("120.00")}
			}
		}
	}
	res, err := calc.Compute(tab, nov, []domain.Person{a})
	if err != nil {
		t.Fatal(err)
	}
	cur := &Snapshot{Month: nov, RunID: 2, Lines: res.Lines, Listings: []domain.Listing{{Person: &a}}}
	r, err := Compare(tab, prev, cur, res.Decisions, nil)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, c := range r.New {
		reasons = append(reasons, c.Benefit+": "+c.Reason)
	}
	if want := "care_subsidy: 上月享受同类补贴「重度残疾人护理补贴」109.00元，本月「护理补贴」120.00元为高（同类补贴择高）"; len(reasons) != 1 || reasons[0] != want {
		t.Errorf("new lines: %q, want %q", reasons, want)
	}
}

// A line of the heirs' money, recorded without an account on purpose, does
// not read as an account the street forgot: 潘玉梅, dead on 12 November,
// was listed in 账号姓名变更 as 银行账号「…」本月未填, a request for a dead
// person's account.
func TestIdentityReasonOfTheHeirsMoney(t *testing.T) {
	old := &domain.Line{Name: "潘玉梅", Account: "6217000000000000011", Unit: domain.UnitYuan}
	forgot := &domain.Line{Name: "潘玉梅", Unit: domain.UnitYuan, Params: &domain.Params{}}
	heirs := &domain.Line{Name: "潘玉梅", Unit: domain.UnitYuan, Params: &domain.Params{Note: "此人已于2026-11-12去世，本笔无账号、" + domain.UnsentMark + "：请核实后向其遗属手工发放"}}
	if got := identityReason(old, forgot); got != "银行账号「6217000000000000011」本月未填" {
		t.Errorf("an account not filled in: %q", got)
	}
	if got := identityReason(old, heirs); !strings.Contains(got, "此人已去世") || !strings.Contains(got, "不必补填") {
		t.Errorf("the heirs' money: %q", got)
	}
}
