package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"disburse/internal/changes"
	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/money"
	"disburse/internal/store"
)

// explain for people of the acceptance month chosen so that every benefit
// appears paid and not paid with each kind of reason; pinned by a golden
// file.
func TestExplainGolden(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	ids := []string{
		"140502192606041094", // 100周岁: 高龄津贴 450.00
		"140502192611021100", // 100 dibao + electricity
		"140502194103035871", // 低保边缘 三级肢体: living subsidy, no care subsidy
		"140502195401091462", // 一级 dibao 不能自理: 109 beats care 100
		"140502195802099473", // 三级智力 不能自理: care 100 beats 54.50
		"14050219600409842X", // 四级精神: 54.50
		"140502196009096271", // 农村特困 不能自理: care + electricity
		"140502194702024808", // shares a 户号: electricity went to the first
		"140502194612013195", // 79周岁
		"140502193808085372", // died before the month
		"140502193807075930", // died inside the month: paid
		"14058119410512091X", // held: 低保类别 待定
		"140502194902216660", // identical duplicate across files
	}
	var b strings.Builder
	for _, id := range ids {
		code, out, errs := h.main("explain", "--month", "2026-11", "--id", id, "--data", h.data)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", id, code, errs)
		}
		b.WriteString(out + "\n")
	}
	golden(t, "explain-2026-11.txt", b.String())

	code, out, _ := h.main("explain", "--month", "2026-11", "--id", "140502195802099473", "--data", h.data, "--format", "json")
	var x explanation
	if code != ExitOK || json.Unmarshal([]byte(out), &x) != nil || len(x.Paid) != 1 || x.Paid[0].Amount != "100.00" || x.Paid[0].Item != "19" || *x.Age != 68 {
		t.Errorf("json: exit %d\n%s", code, out)
	}
}

// A missing or invalid --id is a usage error that says in Chinese what to
// give, and for an invalid ID where the held row is listed instead.
func TestExplainAsksForAValidID(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	for id, want := range map[string]string{"": "请用 --id 给出公民身份号码", "140502194612013194": "校验位（最后一位）不对，号码中有数字录错，请按身份证核对；身份证号有误而被暂缓的行，请在 异常清单.xlsx"} {
		code, _, errs := h.main("explain", "--month", "2026-11", "--id", id, "--data", h.data)
		if code != ExitUsage || !strings.Contains(errs, want) {
			t.Errorf("--id %q: exit %d, want %d with %q:\n%s", id, code, ExitUsage, want, errs)
		}
	}
}

// Someone paid last month whose ID is mistyped this month is on no roster
// by ID: explain still names them and points to the held row of the same
// 姓名.
func TestExplainPointsToAMistypedID(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-10")
	copyDir(t, acceptanceInbox, h.inbox)
	setCell(t, filepath.Join(h.inbox, "2026年11月_东街街道_老年人补贴花名册.xlsx"), "Sheet1", "F7", "140502194204206482") // 贺国荣, last digit
	h.mustRun("run", "--month", "2026-11")
	_, out, _ := h.main("explain", "--month", "2026-11", "--id", "140502194204206481", "--data", h.data)
	for _, want := range []string{"140502194204206481 贺国荣", "已列入待核实", "本月有同名的行因身份证号有误被暂缓：「2026年11月_东街街道_老年人补贴花名册.xlsx」Sheet1 第7行（id_checksum）"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
}

// 贺国荣, paid in October, is on no November roster and on November's death
// list: explain says why she was stopped, not that she is 待核实; with no
// death list she is 待核实.
func TestExplainOfSomeoneOffTheRosters(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-10", nil)
	h.runAcceptanceWithout("2026-11")
	explain := func() string {
		_, out, _ := h.main("explain", "--month", "2026-11", "--id", heGuorong, "--data", h.data)
		return out
	}
	if out := explain(); !strings.Contains(out, "本月未列入任何花名册：已列入待核实") {
		t.Errorf("explain without a death list:\n%s", out)
	}
	list := excelize.NewFile()
	for i, r := range [][]any{{"姓名", "公民身份号码", "死亡日期"}, {"贺国荣", heGuorong, "2026-10-20"}} {
		if err := list.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	copyDir(t, acceptanceInbox, h.inbox)
	removeRosterRow(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", 7, heGuorong)
	if err := list.SaveAs(filepath.Join(h.inbox, "2026年11月死亡人员名单.xlsx")); err != nil {
		t.Fatal(err)
	}
	h.mustRun("run", "--month", "2026-11", "--replace")
	if out := explain(); strings.Contains(out, "已列入待核实") || !strings.Contains(out, "死亡名单记载死亡日期2026-10-20") || !strings.Contains(out, "不列入待核实") {
		t.Errorf("explain with a death list:\n%s", out)
	}
}

// September's row gave 贺国荣's death; October's roster deleted her row.
// explain of October names her and says why she is on no roster, instead
// of a blank name and no word of the death.
func TestExplainOfTheDeadWhoseRowIsGone(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-09", map[string]string{"P7": "2026-09-20"})
	h.runAcceptanceWithout("2026-10")
	_, out, _ := h.main("explain", "--month", "2026-10", "--id", heGuorong, "--data", h.data)
	if !strings.Contains(out, "贺国荣") || !strings.Contains(out, "2026-09的花名册「"+acceptanceEast+"」记载此人死亡日期为2026-09-20") {
		t.Errorf("explain:\n%s", out)
	}
}

// explain and history take a 15-digit first-generation ID as a run takes
// one on a roster: converted (id_converted), not refused.
func TestIDFlagConverts15Digits(t *testing.T) {
	if id, err := idFlag("140502420420648"); err != nil || id != "140502194204206481" {
		t.Errorf("idFlag(15 digits) = %q, %v; want 140502194204206481", id, err)
	}
	if _, err := idFlag("14050242042064"); err == nil {
		t.Error("a 14-digit number was taken as an ID")
	}
}

// An ID no month's rosters list (nor any payment, recovery or finding) is
// said so in Chinese, with exit 1, not explained as a nameless person with
// nothing paid (exit 0, as if the ID were right); history says the same.
// Someone another month lists is still explained, named, with the months
// that list them.
func TestExplainAnIDNoMonthLists(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptanceWithout("2026-10")
	h.runAcceptance("2026-11", nil)
	for _, format := range []string{"text", "json"} {
		code, out, errs := h.main("explain", "--month", "2026-11", "--id", "11010519491231002X", "--data", h.data, "--format", format)
		if code != ExitFailure || out != "" || !strings.Contains(errs, "各月的花名册中都没有此身份证号") {
			t.Errorf("%s: exit %d, want %d and the ID said unknown:\n%s%s", format, code, ExitFailure, out, errs)
		}
	}
	// history says the same, instead of （无发放） as for someone held every month.
	if code, out, errs := h.main("history", "--id", "11010519491231002X", "--data", h.data); code != ExitFailure || out != "" || !strings.Contains(errs, "各月的花名册中都没有此身份证号") {
		t.Errorf("history: exit %d, want %d and the ID said unknown:\n%s%s", code, ExitFailure, out, errs)
	}
	code, out, errs := h.main("explain", "--month", "2026-10", "--id", heGuorong, "--data", h.data)
	if code != ExitOK || !strings.Contains(out, heGuorong+" 贺国荣") || !strings.Contains(out, "2026-11") {
		t.Errorf("someone November lists, explained for October: exit %d\n%s%s", code, out, errs)
	}
}

// 姜成 (东街 row 11) turns 90 on 1 November 2026; his October row was
// held for its account, and November pays October back under a rules
// entry dated 2026-11-01 (80-89 raised to 1000). explain of November
// accounts for each line's yuan: October's 补发 at the age he was then
// (89, the 80-89 band, at October's 920) and the cumulative rounding that
// makes each amount, which adds up to the line; and so does its JSON.
func TestExplainAccountsForEveryYuanOfABackPaidMonth(t *testing.T) {
	const jiangCheng = "140502193611014538"
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-10", map[string]string{"O11": "0"})
	if held, _, paid := h.person(mustMonth(t, "2026-10"), jiangCheng); paid || len(held) == 0 {
		t.Fatalf("October: held %v, paid %v; want his row held", held, paid)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	h.mustRun("run", "--month", "2026-11", "--rules", allowanceFrom(t, "2026-11-01", "1000.00"))
	_, out, _ := h.main("explain", "--month", "2026-11", "--id", jiangCheng, "--data", h.data)
	for _, want := range []string{
		"年龄：90周岁（按2026-11-30计）",
		"高龄津贴 230.00 元：档次「90-99周岁」，年标准 2760.00（清单第16、17项，自2026-11-01起执行），按年内累计取整折算到本月：1至11月累计2530.00元 − 1至10月累计2300.00元 = 230.00元",
		"高龄津贴（补发2026-10） 76.67 元：档次「补发2026-10 80-89周岁」（2026-10为89周岁），年标准 920.00（清单第16、17项，自2024-01-01起执行），是2026-10的补发，该月按年内累计取整应发：1至10月累计766.67元 − 1至9月累计690.00元 = 76.67元",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
	_, js, _ := h.main("explain", "--month", "2026-11", "--id", jiangCheng, "--data", h.data, "--format", "json")
	var x explanation
	if err := json.Unmarshal([]byte(js), &x); err != nil {
		t.Fatal(err)
	}
	ages := map[string]int{}
	for _, p := range x.Paid {
		if p.Age == nil || p.Share == "" || !strings.HasSuffix(p.Share, " = "+p.Amount+"元") {
			t.Errorf("paid item %+v: want its age and a share adding up to %s", p, p.Amount)
			continue
		}
		ages[p.Corrects] = *p.Age
	}
	if ages[""] != 90 || ages["2026-10"] != 89 {
		t.Errorf("ages by month paid for %v, want November 90 and October 89", ages)
	}
}

// explain says where each line's money went, so that an auditor finds it:
// the 银行账号 of the bank file, 无账号待处理 for money without one, the
// 户号 of kWh. Every line of the fixture month is checked against it.
func TestExplainSaysWhereTheMoneyWent(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	kinds := map[string]int{}
	for _, l := range h.lines(mustMonth(t, "2026-11")) {
		var want string
		switch {
		case l.Unit == domain.UnitKWh && l.Account != "":
			want, kinds["户号"] = "；计入户号 "+l.Account, kinds["户号"]+1
		case l.Unit == domain.UnitKWh:
			continue
		case l.Account == "":
			want, kinds["无账号"] = "；无银行账号，未代发：列在银行代发文件的「无账号待处理」", kinds["无账号"]+1
		default:
			want, kinds["账号"] = "；代发至银行账号 "+l.Account, kinds["账号"]+1
		}
		code, out, errs := h.main("explain", "--month", "2026-11", "--id", l.PersonID, "--data", h.data)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", l.PersonID, code, errs)
		}
		if !strings.Contains(out, " "+money.Format(l.Amount, l.Unit)+" ") || !strings.Contains(out, want) {
			t.Errorf("%s %s %s: explain does not say %q:\n%s", l.PersonID, l.Benefit, l.Amount, want, out)
		}
	}
	if kinds["户号"] == 0 || kinds["无账号"] == 0 || kinds["账号"] == 0 {
		t.Errorf("the fixture month lacks a kind of line: %v", kinds)
	}
}

// The payments CSV ties every line to the bank file and the roster: the
// yuan lines with an account, summed per ID and account, are the bank
// file's rows; each line names a roster row that exists.
func TestPaymentsCSVMatchesTheBankFile(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	_, out, _ := h.main("payments", "--month", "2026-11", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	sums := map[string]decimal.Decimal{}
	for _, r := range rows[1:] {
		if r[col["source_file"]] == "" || r[col["source_row"]] == "0" || r[col["street"]] == "" || r[col["benefit_name"]] == r[col["benefit"]] {
			t.Errorf("a line without its roster row, street or benefit's name: %v", r)
		}
		if r[col["unit"]] != domain.UnitYuan || r[col["account"]] == "" || r[col["department"]] != "区民政局" {
			continue
		}
		k := r[col["id_number"]] + "," + r[col["account"]]
		sums[k] = sums[k].Add(decimal.RequireFromString(r[col["amount"]]))
	}
	b, err := os.ReadFile(filepath.Join(h.data, "out", "2026-11", bankDir, "区民政局_代发_草稿.csv"))
	if err != nil {
		t.Fatal(err)
	}
	bank, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range bank[1:] {
		if r[0] == "合计" || r[2] == "" {
			continue
		}
		n++
		k := r[2] + "," + r[3]
		if got, ok := sums[k]; !ok || !got.Equal(decimal.RequireFromString(r[4])) {
			t.Errorf("bank row %v: the payments CSV gives %s", r, got)
		}
	}
	if n == 0 || n != len(sums) {
		t.Errorf("the bank file has %d rows, the payments CSV %d payees", n, len(sums))
	}
}

// explain reads back only the person asked about and the others of their
// 户号 (householdOf, loadRecordedOf), not the whole month: for every ID the
// two fixture months and a December of November's rosters record (paid,
// held, stopped, on 待核实 one month or two, sharing a 户号, named by a
// finding only), what it says is what it says from the whole month.
func TestExplainOfOnePersonIsTheWholeMonths(t *testing.T) {
	h := fixtureMonths(t, "2026-12") // December: still on 待核实 who was in November
	ctx := context.Background()
	db := h.db()
	defer db.Close()
	households := 0
	for _, month := range []string{"2026-10", "2026-11", "2026-12"} {
		m := mustMonth(t, month)
		whole, err := loadRecorded(ctx, db, m)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, s := range []*changes.Snapshot{whole.cur, whole.prev} {
			if s == nil {
				continue
			}
			for _, l := range s.Listings {
				ids[l.Person.ID] = true
			}
			for _, l := range s.Lines {
				ids[l.PersonID] = true
			}
			findings, err := db.Findings(ctx, s.RunID)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				if id := idnumber.Of(f.AsWritten); id != "" {
					ids[id] = true
				}
			}
		}
		if len(ids) < 200 {
			t.Fatalf("%s: %d IDs, want the fixture's 200 and more", month, len(ids))
		}
		for id := range ids {
			want, err := explainFrom(ctx, db, m, id, whole)
			if err != nil {
				t.Fatalf("%s %s, whole month: %v", month, id, err)
			}
			who, err := householdOf(ctx, db, m, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(who) > 1 {
				households++
			}
			part, err := loadRecordedOf(ctx, db, m, who)
			if err != nil {
				t.Fatal(err)
			}
			got, err := explainFrom(ctx, db, m, id, part)
			if err != nil {
				t.Fatalf("%s %s, read for %v: %v", month, id, who, err)
			}
			wj, _ := json.MarshalIndent(want, "", " ")
			gj, _ := json.MarshalIndent(got, "", " ")
			if string(wj) != string(gj) {
				t.Errorf("%s %s read for %v:\n%s\nwhole month:\n%s", month, id, who, gj, wj)
			}
		}
	}
	if households == 0 {
		t.Error("no ID shares a 户号: the household is not tested")
	}
}

// A 户号 written alike on more rows than householdMost (a placeholder)
// has explain read the whole month instead of so many people one by one;
// a household of two is read as two.
func TestHouseholdOfAPlaceholderMeterIsTheWholeMonth(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "disburse.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := mustMonth(t, "2026-11")
	rec := &store.RunRecord{Run: domain.Run{Month: m, RulesHash: "x", SoftwareVersion: "test"}}
	for i := range householdMost + 3 {
		meter := "0"
		if i < 2 {
			meter = "2758374986"
		}
		rec.Listings = append(rec.Listings, domain.Listing{Person: &domain.Person{ID: fmt.Sprintf("1405021940%08d", i), ElectricityAccount: meter,
			Source: domain.Location{File: "东街.xlsx", Sheet: "Sheet1", Row: i + 2}}})
	}
	if _, err := db.SaveRun(ctx, rec, false, nil); err != nil {
		t.Fatal(err)
	}
	if who, err := householdOf(ctx, db, m, rec.Listings[9].Person.ID); err != nil || who != nil {
		t.Errorf("householdOf(one of %d rows of 户号 0) = %d people, %v; want nil (the whole month)", householdMost+1, len(who), err)
	}
	if who, err := householdOf(ctx, db, m, rec.Listings[1].Person.ID); err != nil || len(who) != 2 || who[0] != rec.Listings[1].Person.ID {
		t.Errorf("householdOf(a household of two) = %v, %v", who, err)
	}
}

// 张老汉, paid in October and on no roster since, is on 待核实 in November
// and again in December: explain of December, when nobody paid him last
// month, still says he is on 待核实 and since when.
func TestExplainOfSomeoneOnTheListToVerifyTwoMonths(t *testing.T) {
	h := fixtureMonths(t, "2026-12")
	_, out, _ := h.main("explain", "--month", "2026-12", "--id", "140502193803031236", "--data", h.data)
	if want := "已列入待核实：最后一次发放为2026年10月，已连续2个月各花名册均未列入"; !strings.Contains(out, want) {
		t.Errorf("explain of December lacks %q:\n%s", want, out)
	}
	_, out, _ = h.main("explain", "--month", "2026-11", "--id", "140502193803031236", "--data", h.data)
	if n := strings.Count(out, "待核实"); n != 1 {
		t.Errorf("explain of November says 待核实 %d times, want once:\n%s", n, out)
	}
}
