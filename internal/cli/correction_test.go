package cli

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
	"disburse/internal/report"
)

// setCell edits one cell of an inbox workbook, as a clerk would.
func setCell(t *testing.T, path, sheet, cell, value string) {
	t.Helper()
	editWorkbook(t, path, func(f *excelize.File) error { return f.SetCellStr(sheet, cell, value) })
}

// editWorkbook opens the workbook at path, lets edit change it and saves
// it in place, failing the test on any error.
func editWorkbook(t *testing.T, path string, edit func(*excelize.File) error) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := edit(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// raisedRules copies rules/ with the 80-89 senior allowance raised to 1000
// a year from 2026-10-01, entered after October was approved.
func raisedRules(t *testing.T) string {
	t.Helper()
	return raisedFrom(t, "2026-10-01")
}

// raisedFrom is raisedRules with the rise in force from date.
func raisedFrom(t *testing.T, date string) string {
	t.Helper()
	return allowanceFrom(t, date, "1000.00")
}

// novemberWith runs October, approved, then November with the rules in
// dir, both on the acceptance inbox, and returns November's summary.
func novemberWith(t *testing.T, h *harness, dir string) string {
	t.Helper()
	h.runApproved("2026-10", nil)
	copyDir(t, acceptanceInbox, h.inbox)
	var out, errb bytes.Buffer
	if code := Main(context.Background(), []string{"run", "--month", "2026-11", "--inbox", h.inbox, "--data", h.data, "--rules", dir}, &out, &errb); code != runExit(out.String()) {
		t.Fatalf("November: exit %d\n%s", code, errb.String())
	}
	return out.String()
}

// allowanceFrom is a copy of the rules with an entry of the senior
// allowance in force from date, its 80-89 band at amount a year (the
// others as they are).
func allowanceFrom(t *testing.T, date, amount string) string {
	t.Helper()
	return rulesCopy(t, func(name string, b []byte) []byte {
		if name == "senior_allowance.yaml" {
			b = append(b, []byte(`  - effective: `+date+`
    item: "16、17"
    bands:
      - {label: 80-89周岁, min_age: 80, max_age: 89, amount: "`+amount+`", dibao_amount: "1640.00"}
      - {label: 90-99周岁, min_age: 90, max_age: 99, amount: "2760.00", dibao_amount: "3240.00"}
      - {label: 100周岁以上, min_age: 100, amount: "5400.00", dibao_amount: "5400.00"}
`)...)
		}
		return b
	})
}

// October is approved; in November a death of 20 September is reported and
// a rate rise is entered with effect from October. November's run records a
// recovery of what October paid the dead person and arrears of the rise for
// October, each naming the month it corrects; a re-run reproduces them.
func TestCorrectionsOfAnApprovedMonth(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-10")
	h.approve("2026-10") // October is paid from the November rosters

	copyDir(t, acceptanceInbox, h.inbox)
	setCell(t, filepath.Join(h.inbox, "2026年11月_东街街道_老年人补贴花名册.xlsx"), "Sheet1", "P7", "2026-09-20") // 贺国荣
	var out, errb strings.Builder
	code := Main(context.Background(), []string{"run", "--month", "2026-11", "--inbox", h.inbox, "--data", h.data, "--rules", raisedRules(t), "-q"}, &out, &errb)
	if code != runExit(out.String()) {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "追回（死亡后已发放）1 条") || !strings.Contains(out.String(), "补发（以前已审批月份）") {
		t.Errorf("summary:\n%s", out.String())
	}
	db := h.db()
	run, _, _ := db.LatestRun(context.Background(), mustMonth(t, "2026-11"))
	recs, err := db.Recoveries(context.Background(), run.ID)
	if err != nil || len(recs) != 1 || recs[0].PersonID != "140502194204206481" || recs[0].Corrects.String() != "2026-10" || recs[0].Amount.StringFixed(2) != "76.67" {
		t.Fatalf("recoveries %+v %v", recs, err)
	}
	lines, _ := db.Lines(context.Background(), run.ID)
	arrears := 0
	for _, l := range lines {
		if !l.Corrects.Valid() {
			continue
		}
		arrears++
		// October at 1000/year: 833.33 - 750.00 = 83.33, paid 76.67 at 920.
		// 邹忠军 died on 12 October with no 银行账号: October recorded its
		// 76.67 for his heirs, by hand, so they are owed the rise's 6.66
		// too, without an account.
		want := "6.66"
		if l.PersonID == "140502193808085372" {
			if l.Account != "" || !strings.Contains(l.Params.Note, "遗属") {
				t.Errorf("邹忠军's heirs' line: account %q, note %q", l.Account, l.Params.Note)
			}
		}
		if l.Corrects.String() != "2026-10" || l.Amount.StringFixed(2) != want || l.Benefit != "senior_allowance" {
			t.Errorf("arrears line %+v", l)
		}
		if l.PersonID == "140502194204206481" {
			t.Error("arrears paid to a person who died before the month")
		}
	}
	if arrears < 100 {
		t.Errorf("only %d arrears lines", arrears)
	}
	// explain tells the arrears line from the month's own.
	var someone string
	for _, l := range lines {
		if l.Corrects.Valid() {
			someone = l.PersonID
			break
		}
	}
	code, text, errs := h.main("explain", "--month", "2026-11", "--id", someone, "--data", h.data)
	var arrearsLine string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "（补发2026-10）") {
			arrearsLine = l
		}
	}
	if code != ExitOK || !strings.Contains(arrearsLine, "高龄津贴（补发2026-10） 6.66 元") || !strings.Contains(arrearsLine, "是2026-10的补发") || strings.Contains(arrearsLine, "折算到本月") {
		t.Errorf("explain %s: exit %d\n%s\n%s", someone, code, text, errs)
	}
	dump, _ := report.Dump(filepath.Join(h.data, "out", "2026-11", "区民政局.xlsx"))
	if !strings.Contains(dump, "## 补发清单") || !strings.Contains(dump, "\t2026-10\t") || !strings.Contains(dump, "## 追回清单") || !strings.Contains(dump, "死亡日期2026-09-20，2026-10不应发放") {
		t.Error("correction sheets missing from 区民政局.xlsx")
	}
	// The recovery is asked of 贺国荣's street office alone.
	copies, _ := filepath.Glob(filepath.Join(h.data, "out", "2026-11", streetDir, "*.xlsx"))
	asked := map[string]bool{}
	for _, p := range copies {
		for _, r := range allCells(t, p)[report.SheetRecoveries] {
			if len(r) > 5 && r[5] == "140502194204206481" {
				asked[filepath.Base(p)] = true
			}
		}
	}
	if len(asked) != 1 || !asked["东街街道.xlsx"] {
		t.Errorf("追回清单 of 贺国荣 in street copies %v, want only 东街街道.xlsx", asked)
	}
	// The notice list says which of someone's two rows is arrears.
	marked := 0
	for _, r := range allCells(t, filepath.Join(h.data, "out", "2026-11", noticeDir, "高龄津贴.xlsx"))["公示名单"] {
		if len(r) == 8 && r[7] == "补发2026-10" {
			marked++
		}
	}
	if marked != arrears {
		t.Errorf("公示名单 marks %d rows 补发2026-10, want the %d arrears lines", marked, arrears)
	}
	// The bridge carries the arrears: its 本月发放（含补发） is the 汇总's total.
	var sheetTotal, bridgeTotal string
	section := ""
	for _, l := range strings.Split(dump, "\n") {
		if strings.HasPrefix(l, "## ") {
			section = l[3:]
		}
		f := strings.Split(l, "\t")
		switch {
		case section == "汇总" && sheetTotal == "" && len(f) == 4 && f[0] == "高龄津贴":
			sheetTotal = f[2]
		case section == report.SheetBridge && len(f) == 18 && f[0] == "高龄津贴":
			bridgeTotal = f[17]
			if f[15] == "0" {
				t.Errorf("bridge counts no arrears: %q", l)
			}
		}
	}
	if sheetTotal == "" || bridgeTotal != sheetTotal {
		t.Errorf("高龄津贴: bridge with arrears %q, 汇总 %q", bridgeTotal, sheetTotal)
	}
	// With arrears lines, the summary printed counts people as the 汇总 does.
	var sheetCount, printedCount string
	for _, l := range strings.Split(dump, "\n") {
		if f := strings.Split(l, "\t"); sheetCount == "" && len(f) == 4 && f[0] == "高龄津贴" {
			sheetCount = f[1]
		}
	}
	for _, l := range strings.Split(out.String(), "\n") {
		if f := strings.Fields(l); len(f) > 2 && f[0] == "高龄津贴" && f[2] == "人" {
			printedCount = f[1]
		}
	}
	if sheetCount == "" || printedCount != sheetCount {
		t.Errorf("高龄津贴: summary printed %q people, 汇总 says %q\n%s", printedCount, sheetCount, out.String())
	}
	dump, _ = report.Dump(filepath.Join(h.data, "out", "2026-11", exceptionsFile))
	if !strings.Contains(dump, "## 追回清单") || !strings.Contains(dump, "140502194204206481") {
		t.Error("recovery missing from 异常清单.xlsx")
	}
	h.checkWorkbookTotals(mustMonth(t, "2026-11"))
	if code, out, _ := h.main("rerun", "--month", "2026-11", "--data", h.data, "--rules", raisedRules(t)); code != ExitOK {
		t.Errorf("re-run of a month with corrections: exit %d\n%s", code, out)
	}
	if _, x, _ := h.main("explain", "--month", "2026-11", "--id", "140502194204206481", "--data", h.data); !strings.Contains(x, "应追回：2026-10 高龄津贴 76.67 元：死亡日期2026-09-20") {
		t.Errorf("explain does not show the recovery:\n%s", x)
	}
	_, hist, _ := h.main("history", "--id", "140502194204206481", "--data", h.data)
	if !strings.Contains(hist, "2026-10\t1\t已审批\t高龄津贴") || !strings.Contains(hist, "追回2026-10\t高龄津贴\t76.67\t元") || strings.Contains(hist, "CNY") {
		t.Errorf("history:\n%s", hist)
	}
	// 文兴凤's row is held both months (低保类别 待定): listed, never paid.
	if _, none, _ := h.main("history", "--id", "14058119410512091X", "--data", h.data); !strings.Contains(none, "（无发放）") || strings.Contains(none, "月份\t") {
		t.Errorf("history of someone never paid:\n%s", none)
	}
	for _, bad := range []string{"140502194204206482", "12345"} { // a mistyped check digit reads as nobody paid
		if code, out, errs := h.main("history", "--id", bad, "--data", h.data); code != ExitUsage || !strings.Contains(errs, "不是有效的公民身份号码") {
			t.Errorf("history of %s: exit %d\n%s%s", bad, code, out, errs)
		}
	}
	_, changes, _ := h.main("changes", "--month", "2026-11", "--format", "csv")
	if strings.Contains(changes, "补发") {
		t.Error("arrears appear in the change lists")
	}
	if _, text, _ := h.main("changes", "--month", "2026-11"); !strings.Contains(text, "另补发以前月份") {
		t.Errorf("changes does not carry the bridge on to the arrears:\n%s", text)
	}
	// Money without a 银行账号 is shown in history but not counted as paid.
	i := slices.IndexFunc(lines, func(l domain.Line) bool { return l.Unit == domain.UnitYuan && l.Account == "" })
	if i < 0 {
		t.Fatal("the acceptance month has nobody paid without an account")
	}
	if _, hist, _ := h.main("history", "--id", lines[i].PersonID, "--data", h.data); !strings.Contains(hist, "（未代发：无银行账号）") || !strings.Contains(hist, "另有未代发") {
		t.Errorf("history of %s, paid without an account:\n%s", lines[i].PersonID, hist)
	}
}

// October's roster gives 贺国荣 a 死亡日期 of 20 September; November's, a
// copy of an older one, lists her with none. She is held, not paid again,
// until 备注 says 健在, which pays her with a notice; a re-run agrees.
func TestDeathOnRecordHoldsALaterRow(t *testing.T) {
	const id, file = "140502194204206481", "2026年11月_东街街道_老年人补贴花名册.xlsx"
	h := newHarness(t, acceptanceInbox)
	setCell(t, filepath.Join(h.inbox, file), "Sheet1", "P7", "2026-09-20")
	h.mustRun("run", "--month", "2026-10")

	copyDir(t, acceptanceInbox, h.inbox)
	h.mustRun("run", "--month", "2026-11")
	nov := mustMonth(t, "2026-11")
	if held := h.heldRows(nov); !slices.Contains(held, file+",7") {
		t.Fatalf("row 7 not held: %v", held)
	}
	codes := func() ([]string, []string, bool) { return h.person(nov, id) }
	if held, _, paid := codes(); !slices.Equal(held, []string{"death_on_record"}) || paid {
		t.Errorf("held for %v, paid %v; want death_on_record and no line", held, paid)
	}

	copyDir(t, acceptanceInbox, h.inbox)
	setCell(t, filepath.Join(h.inbox, file), "Sheet1", "Q7", "已核实健在")
	h.mustRun("run", "--month", "2026-11", "--replace")
	if held, notice, paid := codes(); len(held) != 0 || !slices.Contains(notice, "death_on_record_alive") || !paid {
		t.Errorf("with 健在: held %v, notices %v, paid %v", held, notice, paid)
	}
	if out := h.mustRun("rerun", "--month", "2026-11", "--data", h.data, "--rules", rulesDir); !strings.Contains(out, "identical") {
		t.Errorf("rerun:\n%s", out)
	}

	// December's roster no longer says 健在: November's word stands.
	h.runAcceptance("2026-12", nil)
	if held, notice, paid := h.person(mustMonth(t, "2026-12"), id); len(held) != 0 || slices.Contains(notice, "death_on_record_alive") || !paid {
		t.Errorf("December without 健在: held %v, notices %v, paid %v; want paid, as November confirmed her alive", held, notice, paid)
	}
}

// 健在 confirmed in October stands until a later month gives a 死亡日期
// again: November's row gives one, and December's, without a date, is
// held.
func TestDeathAfterAConfirmationHoldsAgain(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-09", map[string]string{"P7": "2026-08-20"})
	h.runAcceptance("2026-10", map[string]string{"Q7": "健在"})
	h.runAcceptance("2026-11", map[string]string{"P7": "2026-11-05"})
	h.runAcceptance("2026-12", nil)
	if held, _, paid := h.person(mustMonth(t, "2026-12"), heGuorong); !slices.Equal(held, []string{"death_on_record"}) || paid {
		t.Errorf("December: held %v, paid %v; want death_on_record, November having given a date after October's 健在", held, paid)
	}
}

// October's roster gives 贺国荣 a 死亡日期 of 20 September by mistake, so
// approved October pays her nothing; November's says 健在. November pays
// October as arrears, naming the date it corrects, recovers nothing from
// her, and its change list says why she is new: last month's 死亡日期.
func TestAliveAfterAnApprovedDeathPaysArrears(t *testing.T) {
	const id, file = "140502194204206481", "2026年11月_东街街道_老年人补贴花名册.xlsx"
	h := newHarness(t, acceptanceInbox)
	setCell(t, filepath.Join(h.inbox, file), "Sheet1", "P7", "2026-09-20")
	h.mustRun("run", "--month", "2026-10")
	h.approve("2026-10")

	copyDir(t, acceptanceInbox, h.inbox)
	setCell(t, filepath.Join(h.inbox, file), "Sheet1", "Q7", "健在")
	h.mustRun("run", "--month", "2026-11")
	db := h.db()
	run, _, _ := db.LatestRun(context.Background(), mustMonth(t, "2026-11"))
	lines, _ := db.Lines(context.Background(), run.ID)
	var own, arrears []domain.Line
	for _, l := range lines {
		switch {
		case l.PersonID != id:
		case l.Corrects.Valid():
			arrears = append(arrears, l)
		default:
			own = append(own, l)
		}
	}
	if len(own) == 0 {
		t.Fatal("November does not pay her")
	}
	for _, o := range own {
		if o.Unit != domain.UnitYuan {
			continue
		}
		i := slices.IndexFunc(arrears, func(a domain.Line) bool { return a.Benefit == o.Benefit })
		if i < 0 {
			t.Errorf("no arrears of %s for 2026-10: %+v", o.Benefit, arrears)
			continue
		}
		a := arrears[i]
		// October's cumulative rounding: 920 a year is 76.67 in October, 76.66 in November.
		if a.Corrects.String() != "2026-10" || !a.Amount.IsPositive() || (a.Benefit == "senior_allowance" && a.Amount.StringFixed(2) != "76.67") || !strings.Contains(a.Params.Note, "死亡日期2026-09-20") {
			t.Errorf("arrears %+v (note %q), want October's due with a note naming 死亡日期2026-09-20", a, a.Params.Note)
		}
	}
	if recs, err := db.Recoveries(context.Background(), run.ID); err != nil || slices.ContainsFunc(recs, func(r domain.Recovery) bool { return r.PersonID == id }) {
		t.Errorf("recoveries %+v %v", recs, err)
	}
	_, csvOut, _ := h.main("changes", "--month", "2026-11", "--format", "csv")
	var reasons []string
	for _, l := range strings.Split(csvOut, "\n") {
		if strings.Contains(l, id) {
			reasons = append(reasons, l)
		}
	}
	if len(reasons) == 0 || !strings.Contains(strings.Join(reasons, "\n"), "上月花名册记载死亡日期2026-09-20，本月备注健在") || strings.Contains(strings.Join(reasons, "\n"), "同类补贴择高") {
		t.Errorf("change list of %s:\n%s", id, strings.Join(reasons, "\n"))
	}
	if out := h.mustRun("rerun", "--month", "2026-11", "--data", h.data, "--rules", rulesDir); !strings.Contains(out, "identical") {
		t.Errorf("rerun:\n%s", out)
	}
}

// October's death list names 贺国荣, whom no October roster lists; November's
// roster, copied from an older one, lists her with no 死亡日期. She is held
// as for a date a roster gave, the message naming the death list.
func TestDeathListOffRosterHoldsALaterRow(t *testing.T) {
	const id, file = "140502194204206481", "2026年11月_东街街道_老年人补贴花名册.xlsx"
	h := newHarness(t, acceptanceInbox)
	removeRosterRow(t, filepath.Join(h.inbox, file), "Sheet1", 7, id)
	list := excelize.NewFile()
	for i, r := range [][]any{{"姓名", "公民身份号码", "死亡日期"}, {"贺国荣", id, "2026-09-20"}} {
		if err := list.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := list.SaveAs(filepath.Join(h.inbox, "2026年10月死亡人员名单.xlsx")); err != nil {
		t.Fatal(err)
	}
	h.mustRun("run", "--month", "2026-10")

	copyDir(t, acceptanceInbox, h.inbox)
	h.mustRun("run", "--month", "2026-11")
	var held []string
	for _, f := range h.findings(mustMonth(t, "2026-11")) {
		if f.AsWritten == id && f.Severity == domain.Held {
			held = append(held, f.Code+" "+f.Message)
		}
	}
	if len(held) != 1 || !strings.HasPrefix(held[0], "death_on_record 2026-10的死亡名单「2026年10月死亡人员名单.xlsx」记载此人死亡日期为2026-09-20") {
		t.Errorf("held %q", held)
	}
}

// November, run first, records 贺国荣's 死亡日期 of 20 September; October,
// run late from a roster that gives no date, holds her row instead of
// paying the dead.
func TestLateMonthHoldsTheDeadALaterMonthRecorded(t *testing.T) {
	const file = "2026年11月_东街街道_老年人补贴花名册.xlsx"
	h := newHarness(t, acceptanceInbox)
	setCell(t, filepath.Join(h.inbox, file), "Sheet1", "P7", "2026-09-20")
	h.mustRun("run", "--month", "2026-11")
	copyDir(t, acceptanceInbox, h.inbox)
	h.mustRun("run", "--month", "2026-10")
	if held := h.heldRows(mustMonth(t, "2026-10")); !slices.Contains(held, file+",7") {
		t.Errorf("October, run late, did not hold row 7: %v", held)
	}
}

// July is run late, after August and September were approved, and its
// roster gives 贺国荣 a 死亡日期 in July: what the approved later months paid
// her is recovered by July's run, not left unrecovered.
func TestMonthRunLateRecoversLaterMonths(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	for _, m := range []string{"2026-08", "2026-09"} {
		h.runApproved(m, nil)
	}
	h.runAcceptance("2026-07", map[string]string{"P7": "2026-07-20"})
	run, _, _ := h.db().LatestRun(context.Background(), mustMonth(t, "2026-07"))
	recs, err := h.db().Recoveries(context.Background(), run.ID)
	if err != nil {
		t.Fatal(err)
	}
	months := map[string]bool{}
	for _, r := range recs {
		if r.PersonID == heGuorong && r.Amount.IsPositive() {
			months[r.Corrects.String()] = true
		}
	}
	if !months["2026-08"] || !months["2026-09"] || len(months) != 2 {
		t.Errorf("recoveries of %s by July's run: %v, want August and September", heGuorong, months)
	}

	// October, recorded before July's run and paying her, is not approved
	// without a word; run again, it holds her.
	h2 := newHarness(t, acceptanceInbox)
	h2.runAcceptance("2026-10", nil)
	h2.runAcceptance("2026-07", map[string]string{"P7": "2026-07-20"})
	code, out, errOut := h2.main("approve", "--month", "2026-10", "--by", "王会计", "--data", h2.data)
	if code == 0 || !strings.Contains(out+errOut, "贺国荣（"+heGuorong+"，2026-07记载死亡日期2026-07-20）") {
		t.Errorf("approve of October paying her (exit %d):\n%s%s", code, out, errOut)
	}
	h2.runAcceptance("2026-10", nil, "--replace")
	if held, _, paid := h2.person(mustMonth(t, "2026-10"), heGuorong); !slices.Equal(held, []string{"death_on_record"}) || paid {
		t.Errorf("October run again: held %v, paid %v", held, paid)
	}
}

// November's roster gives 贺国荣 a 死亡日期 of 20 September and its run
// recovers what approved October paid her. December's roster corrects the
// date to 15 October: she lived through October, so December pays the
// recovered yuan back as arrears of October, with a note naming the
// recovery, and recovers nothing more.
func TestDeathMovedLaterGivesBackTheRecovery(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-10", nil)
	h.runApproved("2026-11", map[string]string{"P7": "2026-09-20"})
	db := h.db()
	ctx := context.Background()
	nov, _, _ := db.LatestRun(ctx, mustMonth(t, "2026-11"))
	recs, err := db.Recoveries(ctx, nov.ID)
	if err != nil {
		t.Fatal(err)
	}
	recovered := map[string]string{}
	for _, r := range recs {
		if r.PersonID == heGuorong && r.Unit == domain.UnitYuan {
			recovered[r.Benefit] = r.Amount.StringFixed(2)
		}
	}
	if len(recovered) == 0 {
		t.Fatalf("November recovered nothing of October from %s: %+v", heGuorong, recs)
	}
	if _, out, _ := h.main("payments", "--month", "2026-11", "--recoveries"); !strings.HasPrefix(out, "id_number,name,benefit,amount,unit,department,corrects,reason\n") ||
		!strings.Contains(out, heGuorong+",贺国荣,senior_allowance,"+recovered["senior_allowance"]+",CNY,区民政局,2026-10,") {
		t.Errorf("payments --recoveries:\n%s", out)
	}

	decOut := h.runAcceptance("2026-12", map[string]string{"P7": "2026-10-15"})
	dec, _, _ := db.LatestRun(ctx, mustMonth(t, "2026-12"))
	lines, _ := db.Lines(ctx, dec.ID)
	given := map[string]string{}
	for _, l := range lines {
		if l.PersonID == heGuorong && l.Corrects.String() == "2026-10" {
			given[l.Benefit] = l.Amount.StringFixed(2)
			if !strings.Contains(l.Params.Note, "追回") || !strings.Contains(l.Params.Note, "2026-10-15") {
				t.Errorf("note of %s: %q", l.Benefit, l.Params.Note)
			}
		}
	}
	if fmt.Sprint(given) != fmt.Sprint(recovered) {
		t.Errorf("December gives back %v of October, November recovered %v", given, recovered)
	}
	// The summary counts that money as her heirs', not as money waiting
	// for a 银行账号 to be filled in.
	if !strings.Contains(decOut, "另有已故 1 人共") || !strings.Contains(decOut, "由继承人领取") {
		t.Errorf("December's summary does not tell the heirs' money:\n%s", decOut)
	}
	if recs, _ := db.Recoveries(ctx, dec.ID); slices.ContainsFunc(recs, func(r domain.Recovery) bool { return r.PersonID == heGuorong }) {
		t.Errorf("December recovers again: %+v", recs)
	}
	// The give-back is her heirs', without an account on purpose: staff
	// are not asked to fill in the account her row gives.
	if slices.ContainsFunc(h.findings(mustMonth(t, "2026-12")), func(f domain.Finding) bool {
		return f.Code == "bank_account_missing" && f.AsWritten == heGuorong
	}) {
		t.Error("December asks for the 银行账号 of the dead")
	}
	if f := h.findings(mustMonth(t, "2026-12")); !slices.ContainsFunc(f, func(f domain.Finding) bool {
		return f.Code == "death_date_changed" && f.AsWritten == heGuorong && strings.Contains(f.Message, "2026-09-20") && strings.Contains(f.Message, "本行为2026-10-15")
	}) {
		t.Errorf("no death_date_changed notice on December's row of %s", heGuorong)
	}
	// explain of October tells both later corrections of its money.
	_, out, _ := h.main("explain", "--month", "2026-10", "--id", heGuorong, "--data", h.data)
	for _, want := range []string{"其他月份更正本月：2026-11 追回 高龄津贴 " + recovered["senior_allowance"] + " 元：", "其他月份更正本月：2026-12 补发 高龄津贴 " + given["senior_allowance"] + " 元："} {
		if !strings.Contains(out, want) {
			t.Errorf("explain of October lacks %q:\n%s", want, out)
		}
	}
	// history says the recovery was given back, and that a recovery not
	// collected yet cancels out with the 补发, not that it may be dropped.
	// She died before December: the 补发 is her estate's, recorded without
	// an account for her heirs by hand, and history says so.
	_, hist, _ := h.main("history", "--id", heGuorong, "--data", h.data)
	if want := "其后已按此款已追回、以补发退还 " + given["senior_allowance"] + " 元，其中 " + given["senior_allowance"] + " 元无账号、未代发（列入无账号待处理，向遗属手工发放）：如此款尚未追回，应与该补发抵销"; !strings.Contains(hist, want) {
		t.Errorf("history lacks %q:\n%s", want, hist)
	}
}

// September is a draft paying 贺国荣 when October's draft reports her death
// on 20 August; September is approved after, so October's run could not
// recover it. Once her row is deleted, November's run recovers September
// from the death on record, naming it, and December does not again.
func TestDeathOnRecordRecoversAMonthApprovedLater(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-09", nil)
	h.runAcceptance("2026-10", map[string]string{"P7": "2026-08-20"})
	for _, m := range []string{"2026-09", "2026-10"} {
		h.approve(m)
	}
	recovered := func(m string) []domain.Recovery { return h.recoveries(m, heGuorong) }
	if got := recovered("2026-10"); len(got) != 0 {
		t.Fatalf("October recovered from the draft September: %+v", got)
	}
	h.runAcceptanceWithout("2026-11")
	got := recovered("2026-11")
	if !slices.ContainsFunc(got, func(r domain.Recovery) bool {
		return r.Corrects.String() == "2026-09" && r.Benefit == "senior_allowance" && r.Amount.StringFixed(2) == "76.67" && r.Name == "贺国荣" && strings.Contains(r.Reason, "以前月份记载死亡日期2026-08-20")
	}) {
		t.Errorf("November's recoveries of %s: %+v, want September's 76.67", heGuorong, got)
	}
	h.approve("2026-11")
	h.runAcceptanceWithout("2026-12")
	if got := recovered("2026-12"); len(got) != 0 {
		t.Errorf("December recovers again: %+v", got)
	}
}

// November's draft records 贺国荣 dead on 20 September and recovers
// October. Replaced by a roster that lost the date, again by the same
// roster, and after her row was deleted, November no longer has either:
// each replacing run and approve say so with ！！, naming her, the run,
// the date and the money, and approve refuses without --despite-warnings.
// A replacing run that records them again says nothing.
func TestReplaceTellsOfADeathAndRecoveryDropped(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-10", nil)
	dead := map[string]string{"P7": "2026-09-20"}
	h.runAcceptance("2026-11", dead)
	told := func(run int) string {
		return fmt.Sprintf("！！贺国荣（%s）：以前的运行%d记载此人死亡日期2026-09-20（「%s」），运行%d追回2026年10月高龄津贴", heGuorong, run, acceptanceEast, run)
	}
	for i := range 2 { // the second replacement compares with every earlier run, not only the first replacement
		if out := h.runAcceptance("2026-11", nil, "--replace"); !strings.Contains(out, told(2)) || !strings.Contains(out, "本次运行没有；本次花名册列入此人且未填死亡日期") {
			t.Errorf("replacement %d, which lost her date, does not say so:\n%s", i+1, out)
		}
	}
	if held, notice, paid := h.person(mustMonth(t, "2026-11"), heGuorong); !paid || !slices.Contains(notice, CodeRecoveryDropped) {
		t.Errorf("paid %v, held %v, notices %v: want paid with the notice %s", paid, held, notice, CodeRecoveryDropped)
	}
	if out := h.runAcceptance("2026-11", dead, "--replace"); strings.Contains(out, "本次运行没有") {
		t.Errorf("a replacing run that records her death again warns:\n%s", out)
	}
	out := h.runAcceptanceWithout("2026-11", "--replace")
	if !strings.Contains(out, told(5)) || !strings.Contains(out, "本次运行没有；本次各花名册和死亡名单均未列入此人") {
		t.Errorf("a replacing run without her row does not say what it drops:\n%s", out)
	}
	code, aout, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	if code != ExitFailure || !strings.Contains(aout, told(5)) || !strings.Contains(errs, "--despite-warnings") {
		t.Errorf("approve after the death was dropped: exit %d\n%s\n%s", code, aout, errs)
	}
}

// A replacing run without the death list that named 贺国荣, then on no
// roster or on a row without a date, tells of the date it drops, naming
// the list. One without her row, whose death
// October recorded already, says nothing: the death is still on record.
func TestReplaceTellsOfADeathListDropped(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-09", nil)
	copyDir(t, acceptanceInbox, h.inbox)
	removeRosterRow(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", 7, heGuorong)
	writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"贺国荣", heGuorong, "2026-08-20"})
	h.mustRun("run", "--month", "2026-10")
	if out := h.runAcceptanceWithout("2026-10", "--replace"); !strings.Contains(out, "！！贺国荣（"+heGuorong+"）：以前的运行2记载此人死亡日期2026-08-20（「死亡名单.xlsx」），运行2追回2026年9月高龄津贴") {
		t.Errorf("a replacing run without the death list does not say so:\n%s", out)
	}

	// Her row listed without a date, the list filling it in: the date is
	// the list's, not the roster's, which staff found empty and took the
	// warning for an error.
	h1 := newHarness(t, acceptanceInbox)
	h1.runApproved("2026-09", nil)
	copyDir(t, acceptanceInbox, h1.inbox)
	writeAgencyList(t, filepath.Join(h1.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"贺国荣", heGuorong, "2026-08-20"})
	h1.mustRun("run", "--month", "2026-10")
	if out := h1.runAcceptance("2026-10", nil, "--replace"); !strings.Contains(out, "以前的运行2记载此人死亡日期2026-08-20（「死亡名单.xlsx」）") {
		t.Errorf("the date a death list filled into her row is said to be the roster's:\n%s", out)
	}

	h2 := newHarness(t, acceptanceInbox)
	h2.runApproved("2026-09", nil)
	h2.runApproved("2026-10", map[string]string{"P7": "2026-08-20"})
	h2.runAcceptance("2026-11", map[string]string{"P7": "2026-08-20"})
	if out := h2.runAcceptanceWithout("2026-11", "--replace"); strings.Contains(out, "本次运行没有") {
		t.Errorf("a replacing run warns of a death October holds:\n%s", out)
	}
}

// November's roster gives 贺国荣 a 死亡日期 of 20 October and the death
// list 15 August: the row is held (status_conflict) and nobody settles it.
// Once her row is gone, December recovers September and October, paid
// after the list's earlier date, instead of forgetting the list.
func TestDeathConflictLeftOpenRecoversFromTheEarlierDate(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	for _, m := range []string{"2026-09", "2026-10"} {
		h.runApproved(m, nil)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	setCell(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", "P7", "2026-10-20")
	writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"贺国荣", heGuorong, "2026-08-15"})
	h.mustRun("run", "--month", "2026-11")
	if held, _, paid := h.person(mustMonth(t, "2026-11"), heGuorong); paid || !slices.Contains(held, "status_conflict") {
		t.Fatalf("November: held %v, paid %v", held, paid)
	}
	h.approve("2026-11")

	h.runAcceptanceWithout("2026-12")
	months := map[string]bool{}
	for _, r := range h.recoveries("2026-12", heGuorong) {
		if r.Benefit == "senior_allowance" {
			months[r.Corrects.String()] = true
			if !strings.Contains(r.Reason, "2026-08-15") {
				t.Errorf("reason of %s: %q", r.Corrects, r.Reason)
			}
		}
	}
	if !months["2026-09"] || !months["2026-10"] || len(months) != 2 {
		t.Errorf("December recovers %v of %s's 高龄津贴, want 2026-09 and 2026-10", months, heGuorong)
	}
}

// October reports 贺国荣 dead on 20 August and recovers September;
// November moves the date to 20 September and pays September back. Approving
// November does not name her as paid though dead (her row gave the date
// the run went by), and once her row is deleted December goes by
// November's date, the latest word, and does not recover September again.
func TestDeathMovedLaterThenTheRowDeleted(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-09", nil)
	h.runApproved("2026-10", map[string]string{"P7": "2026-08-20"})
	h.runAcceptance("2026-11", map[string]string{"P7": "2026-09-20"})
	if _, out, _ := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data); strings.Contains(out, "本月运行向贺国荣") {
		t.Errorf("approve names 贺国荣 as paid though dead:\n%s", out)
	}
	h.approve("2026-11")
	h.runAcceptanceWithout("2026-12")
	if recs := h.recoveries("2026-12", heGuorong); len(recs) != 0 {
		t.Errorf("December recovers from %s again, by the date November replaced: %+v", heGuorong, recs)
	}
}

// October, a draft, gives 贺国荣 a 死亡日期 of 5 September; November moves
// it to 20 July and recovers August and September. October, replaced
// after (a street's roster came late) with its row as before, does not
// pay August and September back: November's date is the newer word.
func TestMonthRunLateKeepsALaterMonthsRecovery(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	for _, m := range []string{"2026-08", "2026-09"} {
		h.runApproved(m, nil)
	}
	h.runAcceptance("2026-10", map[string]string{"P7": "2026-09-05"})
	h.runAcceptance("2026-11", map[string]string{"P7": "2026-07-20"})
	if recs := h.recoveries("2026-11", heGuorong); !slices.ContainsFunc(recs, func(r domain.Recovery) bool { return r.Corrects.String() == "2026-08" }) {
		t.Fatalf("November does not recover August from %s: %+v", heGuorong, recs)
	}
	h.runAcceptance("2026-10", map[string]string{"P7": "2026-09-05"}, "--replace")
	for _, l := range h.linesOf(mustMonth(t, "2026-10"), heGuorong) {
		t.Errorf("October replaced pays %s: %s %s for %s (%s)", heGuorong, l.Benefit, l.Amount.StringFixed(2), l.Corrects, l.Params.Note)
	}
}

// October and November are approved paying 贺国荣; December's roster gives
// her a 死亡日期 of 20 October and recovers November. September, run late,
// gives 5 September: it recovers nothing of October, which she lived in by
// December's newer word (recovered, December would pay it back as arrears
// of October), and December run again still gives the recorded lines.
func TestMonthRunLateKeepsALaterMonthsDeathDate(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-10", nil)
	h.runApproved("2026-11", nil)
	h.runAcceptance("2026-12", map[string]string{"P7": "2026-10-20"})
	if recs := h.recoveries("2026-12", heGuorong); !slices.ContainsFunc(recs, func(r domain.Recovery) bool { return r.Corrects.String() == "2026-11" }) {
		t.Fatalf("December does not recover November from %s: %+v", heGuorong, recs)
	}
	h.runAcceptance("2026-09", map[string]string{"P7": "2026-09-05"})
	for _, r := range h.recoveries("2026-09", heGuorong) {
		t.Errorf("September, run late, recovers from %s: %s %s of %s (%s)", heGuorong, r.Benefit, r.Amount.StringFixed(2), r.Corrects, r.Reason)
	}
	if !slices.ContainsFunc(h.findings(mustMonth(t, "2026-09")), func(f domain.Finding) bool {
		return f.Code == "death_date_changed" && strings.Contains(f.Message, "按2026-12较新的日期")
	}) {
		t.Errorf("September's death_date_changed does not say December's date keeps October: %v", h.findings(mustMonth(t, "2026-09")))
	}
	if code, out, _ := h.main("rerun", "--month", "2026-12", "--data", h.data); code != ExitOK {
		t.Errorf("December run again after September: exit %d\n%s", code, out)
	}
}

// October's row gives 贺国荣 a 死亡日期 of 15 October and pays her October;
// November, run before October is approved, moves it to 20 September.
// Approving October names her: the earlier date is news October's run
// could not know, though her row gave a date of its own.
func TestApproveNamesADeathALaterMonthMovedEarlier(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-09", nil)
	h.runAcceptance("2026-10", map[string]string{"P7": "2026-10-15"})
	h.runAcceptance("2026-11", map[string]string{"P7": "2026-09-20"})
	code, out, _ := h.main("approve", "--month", "2026-10", "--by", "王会计", "--data", h.data)
	if code == ExitOK || !strings.Contains(out, "本月运行向贺国荣（"+heGuorong+"，2026-11记载死亡日期2026-09-20）") {
		t.Errorf("approve of October: exit %d\n%s", code, out)
	}
}

// October's roster gives 贺国荣 a 死亡日期 of 20 September and the death
// list 15 July: held (status_conflict). November's roster repeats 20
// September without the list, settling nothing; December no longer lists
// her. December still goes by the list's earlier date, as the conflict's
// message promised, and recovers August and September.
func TestDeathConflictRepeatedByTheRosterStaysOpen(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-08", nil)
	h.runApproved("2026-09", nil)
	copyDir(t, acceptanceInbox, h.inbox)
	setCell(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", "P7", "2026-09-20")
	writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"贺国荣", heGuorong, "2026-07-15"})
	h.mustRun("run", "--month", "2026-10")
	h.approve("2026-10")
	h.runApproved("2026-11", map[string]string{"P7": "2026-09-20"})
	h.runAcceptanceWithout("2026-12")
	var months []string
	for _, r := range h.recoveries("2026-12", heGuorong) {
		if r.Benefit == "senior_allowance" {
			months = append(months, r.Corrects.String())
		}
	}
	if strings.Join(months, ",") != "2026-08,2026-09" {
		t.Errorf("December recovers %v of her 高龄津贴, want 2026-08 and 2026-09", months)
	}
}

// November's death list fills 贺国荣's empty 死亡日期; December's roster
// lists her again without one. The hold names the death list, where the
// date came from, not November's roster.
func TestDeathOnRecordNamesTheListThatFilledIt(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"贺国荣", heGuorong, "2026-09-20"})
	h.mustRun("run", "--month", "2026-11")
	h.runAcceptance("2026-12", nil)
	held := h.noticesOf("2026-12", "death_on_record")
	if len(held) != 1 || !strings.HasPrefix(held[0], "2026-11的死亡名单「死亡名单.xlsx」记载此人死亡日期为2026-09-20") {
		t.Errorf("December's hold: %q", held)
	}
}

// Arrears recorded without a 银行账号 are paid once the row gives one, like
// a month's own money recorded so, however long ago: 贺国荣, held in July,
// is paid July back in August while her row has no account (both on
// 无账号待处理); on no roster from September to November, she is listed
// again in December with her account, beyond arrears_months for July and
// August. December pays both, and history has nothing left unpaid.
func TestUnsentArrearsPaidLater(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-06", nil)
	h.runApproved("2026-07", map[string]string{"H7": "待定"})
	h.runApproved("2026-08", map[string]string{"O7": ""})
	h.approvedWithout("2026-09", "2026-10", "2026-11")
	h.runApproved("2026-12", nil)
	paid := map[string]bool{}
	for _, l := range h.linesOf(mustMonth(t, "2026-12"), heGuorong) {
		if l.Benefit == "senior_allowance" && l.Account != "" {
			paid[l.Corrects.String()] = true
		}
	}
	for _, m := range []string{"2026-07", "2026-08"} {
		if !paid[m] {
			t.Errorf("December does not pay %s's unsent money back: %v", m, paid)
		}
	}
	if _, hist, _ := h.main("history", "--id", heGuorong, "--data", h.data); !strings.Contains(hist, "尚未发放 0.00 元") {
		t.Errorf("history:\n%s", hist)
	}
}

// A month replaced after a later month was approved does not recover what
// that later month settled on its newer word. November (a draft) gives
// 贺国荣 a 死亡日期 of 20 September and recovers October; approved December
// moves it to 15 October and pays October back. November replaced, same
// rosters, recovers October's own money once, not December's 补发 too.
func TestReplacedMonthDoesNotRecoverALaterMonthsArrears(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-09", nil)
	h.runApproved("2026-10", nil)
	h.runAcceptance("2026-11", map[string]string{"P7": "2026-09-20"})
	h.runApproved("2026-12", map[string]string{"P7": "2026-10-15"})
	first := h.recoveries("2026-11", heGuorong)
	h.runAcceptance("2026-11", map[string]string{"P7": "2026-09-20"}, "--replace")
	again := h.recoveries("2026-11", heGuorong)
	if len(first) != 1 || len(again) != 1 || !again[0].Amount.Equal(first[0].Amount) || again[0].Corrects != first[0].Corrects {
		t.Errorf("November's recoveries of %s: first %+v, replaced %+v", heGuorong, first, again)
	}
}

// A month replaced or re-run after a later month paid a row on its 健在
// (the date entered in error) does not recover that later month. October
// (a draft) gives 贺国荣 a 死亡日期 of 10 September; approved November's
// 备注 says 健在. October replaced recovers nothing of November; approved
// October, re-run after November is approved, is as it was recorded.
func TestLaterMonthsAliveStandsAgainstAnEarlierMonthsDate(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-09", nil)
	h.runAcceptance("2026-10", map[string]string{"P7": "2026-09-10"})
	h.runApproved("2026-11", map[string]string{"Q7": "健在"})
	h.runAcceptance("2026-10", map[string]string{"P7": "2026-09-10"}, "--replace")
	if recs := h.recoveries("2026-10", heGuorong); len(recs) != 0 {
		t.Errorf("October replaced recovers from %s, whom November paid on 健在: %+v", heGuorong, recs)
	}

	h2 := newHarness(t, "")
	h2.runApproved("2026-09", nil)
	h2.runApproved("2026-10", map[string]string{"P7": "2026-09-10"})
	h2.runApproved("2026-11", map[string]string{"Q7": "健在"})
	if code, out, _ := h2.main("rerun", "--month", "2026-10", "--data", h2.data, "--rules", rulesDir); code != ExitOK || !strings.Contains(out, "identical") {
		t.Errorf("October re-run after November approved: exit %d\n%s", code, out)
	}
}

// A stop older than arrears_months still keeps the months since from being
// paid back: 贺国荣's July row says 停发 (held), no roster lists her from
// August to October (or to September, October listing her again), and
// November lists her again. Months that old are not
// read whole, yet November pays August to October no more than it would
// after a stop in August: each gets arrears_after_stop naming July.
func TestStopBeforeTheArrearsWindowStillStops(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-06", nil)
	h.runApproved("2026-07", map[string]string{"Q7": "停发"})
	h.approvedWithout("2026-08", "2026-09", "2026-10")
	h.runAcceptance("2026-11", nil)
	for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
		if l.Corrects.Valid() {
			t.Errorf("November pays %s back for %s after July's stop: %s", heGuorong, l.Corrects, l.Amount.StringFixed(2))
		}
	}
	n := 0
	for _, f := range h.findings(mustMonth(t, "2026-11")) {
		if f.Code == "arrears_after_stop" && f.AsWritten == heGuorong && strings.Contains(f.Message, "2026年7月被停发") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d arrears_after_stop notices naming July, want 3 (August to October)", n)
	}

	// Listed again in October, inside November's window: November looks
	// back from August past the window all the same, and finds July's stop.
	h2 := newHarness(t, "")
	h2.runApproved("2026-06", nil)
	h2.runApproved("2026-07", map[string]string{"Q7": "停发"})
	h2.approvedWithout("2026-08", "2026-09")
	h2.runApproved("2026-10", nil)
	h2.runAcceptance("2026-11", nil)
	for _, l := range h2.linesOf(mustMonth(t, "2026-11"), heGuorong) {
		if l.Corrects.Valid() {
			t.Errorf("November pays %s back for %s after July's stop, though October listed her: %s", heGuorong, l.Corrects, l.Amount.StringFixed(2))
		}
	}
}

// December's rules have a rise from October that November's run did not
// know; December run with an old copy of the rules folder, without it,
// pays the old rate, and its summary says so: nothing else would.
func TestRulesFolderWithoutLastMonthsEntryIsTold(t *testing.T) {
	h := newHarness(t, "")
	novemberWith(t, h, allowanceFrom(t, "2026-10-01", "960.00"))
	copyDir(t, acceptanceInbox, h.inbox)
	old := t.TempDir()
	copyDir(t, rulesDir, old)
	out := h.mustRun("run", "--month", "2026-12", "--rules", old)
	want := "！！「高龄津贴」的标准（2026-10-01起执行，第16、17项）2026-11的发放用过，本次的规则目录中没有"
	if !strings.Contains(out, want) || strings.Count(out, "本次的规则目录中没有") != 1 {
		t.Errorf("December's summary does not say once %q:\n%s", want, out)
	}
	if !slices.ContainsFunc(h.findings(mustMonth(t, "2026-12")), func(f domain.Finding) bool { return f.Code == "rules_entry_removed" }) {
		t.Error("no rules_entry_removed notice recorded")
	}
	if out := novemberWith(t, newHarness(t, ""), rulesDir); strings.Contains(out, "本次的规则目录中没有") {
		t.Errorf("the same rules are told as removed:\n%s", out)
	}
}

// November run with a rise from October, then replaced with the rules
// folder the program came with (--rules forgotten), pays the old rate and
// none of October's 补发: its summary says so with ！！, naming the run
// replaced, and approve refuses it. Replaced again with the rise, nothing
// is said of the rules.
func TestReplaceWithoutTheRulesOfTheRunReplacedIsTold(t *testing.T) {
	h := newHarness(t, "")
	raised := allowanceFrom(t, "2026-10-01", "960.00")
	novemberWith(t, h, raised)
	copyDir(t, acceptanceInbox, h.inbox)
	out := h.mustRun("run", "--month", "2026-11", "--replace")
	const want = "！！「高龄津贴」的标准（2026-10-01起执行，第16、17项）被替换的本月运行（运行2）的发放用过，本次的规则目录中没有"
	if !strings.Contains(out, want) || strings.Count(out, "本次的规则目录中没有") != 1 {
		t.Errorf("November replaced without the rise does not say once %q:\n%s", want, out)
	}
	code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	if code == ExitOK || !strings.Contains(out, "被替换的本月运行（运行2）的发放用过") {
		t.Errorf("approve of November replaced without the rise: exit %d, want a refusal repeating it:\n%s%s", code, out, errs)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	if out := h.mustRun("run", "--month", "2026-11", "--replace", "--rules", raised); strings.Contains(out, "本次的规则目录中没有") {
		t.Errorf("replaced with the rules the month before and the run replaced used, the rules are told as removed:\n%s", out)
	}
}

// December run with an old copy of the rules folder, without the entry
// November's approved run used, is refused approval with the summary's ！！
// repeated: approved, January would compare with December's rules and say
// nothing, and the months before the entry's date would never be paid
// back. Run again with the right folder, December's approval says nothing
// of the rules.
func TestApproveRepeatsARulesEntryRemoved(t *testing.T) {
	h := newHarness(t, "")
	raised := allowanceFrom(t, "2026-10-01", "960.00")
	novemberWith(t, h, raised)
	h.approve("2026-11")
	copyDir(t, acceptanceInbox, h.inbox)
	old := t.TempDir()
	copyDir(t, rulesDir, old)
	h.mustRun("run", "--month", "2026-12", "--rules", old)
	const want = "！！「高龄津贴」的标准（2026-10-01起执行，第16、17项）2026-11的发放用过，本次的规则目录中没有"
	code, out, errs := h.main("approve", "--month", "2026-12", "--by", "王会计", "--data", h.data)
	if code == ExitOK || !strings.Contains(out, want) {
		t.Errorf("approve of December paid by an old rules folder: exit %d, want a refusal repeating %q:\n%s%s", code, want, out, errs)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	h.mustRun("run", "--month", "2026-12", "--replace", "--rules", raised)
	if _, out, errs := h.main("approve", "--month", "2026-12", "--by", "王会计", "--data", h.data); strings.Contains(out, "本次的规则目录中没有") {
		t.Errorf("approve of December paid by the right rules folder tells of a rules entry removed:\n%s%s", out, errs)
	}
}

// A rise entered in November with effect from July reaches back beyond
// what November may pay back (August, September, October): the run says
// so, naming the months left to pay by hand, once; a rise within reach,
// or one entered before last month's run, says nothing.
func TestRiseEnteredBeyondTheArrearsWindowIsTold(t *testing.T) {
	h := newHarness(t, "")
	out := novemberWith(t, h, raisedFrom(t, "2026-07-01"))
	want := "「高龄津贴」的标准（2026-07-01起执行，第16、17项）是2026-10的发放以后才录入或更改的，早于本月可补发的最早月份2026-08（补发最多3个月）：2026-07至2026-07各月"
	if !strings.Contains(out, "！！"+want) {
		t.Errorf("November's summary does not tell the rise beyond the window:\n%s", out)
	}
	if !slices.ContainsFunc(h.findings(mustMonth(t, "2026-11")), func(f domain.Finding) bool { return f.Code == "rules_before_window" }) {
		t.Error("no rules_before_window notice recorded")
	}
	// approve says it again as a reminder, not a reason to refuse (the
	// test's rosters, October's again, are what refuses without
	// --despite-warnings).
	if code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data, "--despite-warnings"); code != ExitOK || !strings.Contains(out, reminderMark+want) {
		t.Errorf("approve of November: exit %d, want it approved repeating %q:\n%s%s", code, reminderMark+want, out, errs)
	}
	within := newHarness(t, "")
	out = novemberWith(t, within, raisedFrom(t, "2026-09-01"))
	if strings.Contains(out, "补发最多") {
		t.Errorf("a rise within reach is told as beyond it:\n%s", out)
	}
	// The benefit's total says how much of it is 补发.
	if !regexp.MustCompile(`高龄津贴 +\d+ 人  合计 +[0-9.]+ 元（含补发 \d+ 条 [0-9.]+ 元）`).MatchString(out) {
		t.Errorf("November's summary does not say how much of 高龄津贴 is 补发:\n%s", out)
	}
	// Within reach, the summary names it as dated back, its difference
	// paid now, and so does 提示.
	want = "追溯执行新标准：「高龄津贴」的标准（2026-09-01起执行，第16、17项）是2026-10的发放以后才录入或更改的，早于本月：已发放的月份不变，2026-09以来已发放各月高出原标准的差额随本月补发"
	if !strings.Contains(out, want) || strings.Count(out, "追溯执行新标准") != 1 {
		t.Errorf("November's summary does not say once %q:\n%s", want, out)
	}
	if !slices.ContainsFunc(within.findings(mustMonth(t, "2026-11")), func(f domain.Finding) bool { return f.Code == CodeRulesDatedBack }) {
		t.Error("no rules_dated_back notice recorded")
	}
	if strings.Contains(novemberWith(t, newHarness(t, ""), raisedFrom(t, "2026-11-01")), "追溯执行新标准") {
		t.Error("a rise from this month is told as dated back")
	}
	// A month is paid by the rate of its first day: a rise from 15
	// September pays back from October, and is told so; one from 15 July
	// pays from August, within reach, and leaves nothing to pay by hand;
	// one from 15 June leaves July, not June; one from 15 October pays
	// nothing back in November and is not told as dated back.
	out = novemberWith(t, newHarness(t, ""), raisedFrom(t, "2026-09-15"))
	if !strings.Contains(out, "（2026-09-15起执行，第16、17项）是2026-10的发放以后才录入或更改的，早于本月：已发放的月份不变，2026-10以来已发放各月") {
		t.Errorf("a rise from 15 September is not told as paying back from October:\n%s", out)
	}
	if out := novemberWith(t, newHarness(t, ""), raisedFrom(t, "2026-07-15")); strings.Contains(out, "补发最多") || !strings.Contains(out, "2026-08以来已发放各月") {
		t.Errorf("a rise from 15 July, paying from August within reach, is told as beyond it or not as dated back:\n%s", out)
	}
	if out := novemberWith(t, newHarness(t, ""), raisedFrom(t, "2026-06-15")); !strings.Contains(out, "早于本月可补发的最早月份2026-08（补发最多3个月）：2026-07至2026-07各月") {
		t.Errorf("a rise from 15 June does not name July, and July alone, as left to pay by hand:\n%s", out)
	}
	if out := novemberWith(t, newHarness(t, ""), raisedFrom(t, "2026-10-15")); strings.Contains(out, "追溯执行新标准") {
		t.Errorf("a rise from 15 October, which November pays at its rate, is told as dated back:\n%s", out)
	}
}

// 贺国荣 dies on 15 September, as September's row says; October's roster
// deletes her row and a rise dated from August is entered. October owes
// her estate the difference for August and September, the months she
// lived, and that is no payment to the dead: approve does not warn of it.
func TestApproveTheArrearsOwedToTheDead(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-08", nil)
	h.runApproved("2026-09", map[string]string{"P7": "2026-09-15"})
	h.runAcceptanceWithout("2026-10", "--rules", raisedFrom(t, "2026-08-01"))
	var months []string
	for _, l := range h.linesOf(mustMonth(t, "2026-10"), heGuorong) {
		if l.Account == "" && l.Corrects.Valid() {
			months = append(months, l.Corrects.String())
		}
	}
	if !slices.Equal(months, []string{"2026-08", "2026-09"}) {
		t.Fatalf("arrears owed to the estate: %v, want August and September", months)
	}
	// The harness's rosters are the same every month, which approve warns
	// of: what counts is that it does not call the estate's arrears a
	// payment to the dead.
	if _, out, errb := h.main("approve", "--month", "2026-10", "--by", "王会计", "--data", h.data); strings.Contains(out+errb, "记载其死亡日期在本月之前") {
		t.Errorf("approve calls the arrears owed to the estate a payment to the dead:\n%s%s", out, errb)
	}
}

// September's row gives 贺国荣 a 死亡日期 of 5 November, two months ahead,
// and October's roster deletes her row: alive through October by the
// record, she is on October's 待核实, not stopped as dead; November, the
// month of that date, tells of her by name and street for her heirs.
func TestDeathTwoMonthsAheadWithTheRowDeleted(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-09", map[string]string{"P7": "2026-11-05"})
	h.runAcceptanceWithout("2026-10")
	if rows := h.changeRows("2026-10", heGuorong, "missing"); rows == "" {
		t.Errorf("October: %s is not on 待核实:\n%s", heGuorong, h.changeRows("2026-10", heGuorong, ""))
	}
	h.approve("2026-10")
	h.runAcceptanceWithout("2026-11")
	i := slices.IndexFunc(h.findings(mustMonth(t, "2026-11")), func(f domain.Finding) bool {
		return f.Code == "death_month_unlisted" && f.AsWritten == heGuorong
	})
	if i < 0 {
		t.Fatalf("November does not tell that %s died in it, unpaid", heGuorong)
	}
	if f := h.findings(mustMonth(t, "2026-11"))[i]; f.Name != "贺国荣" || !strings.Contains(f.Message, "2026年9月以后各花名册均未列入，已列入待核实；原属东街街道") {
		t.Errorf("notice: %+v", f)
	}
}

// September's row gives 贺国荣 a 死亡日期 of 5 October, ahead; October's
// roster deletes her row. She lived into October, which a death inside a
// month pays, but nothing computes it: October's run says so, naming her
// September row, for staff to pay her heirs by hand.
func TestDeathInTheMonthWithTheRowDeletedIsTold(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-09", map[string]string{"P7": "2026-10-05"})
	h.runAcceptanceWithout("2026-10")
	i := slices.IndexFunc(h.findings(mustMonth(t, "2026-10")), func(f domain.Finding) bool {
		return f.Code == "death_month_unlisted" && f.AsWritten == heGuorong
	})
	if i < 0 {
		t.Fatalf("October does not tell that %s died in it, unpaid", heGuorong)
	}
	if f := h.findings(mustMonth(t, "2026-10"))[i]; f.Name != "贺国荣" || f.Where.File != acceptanceEast || !strings.Contains(f.Message, "2026-10-05") {
		t.Errorf("notice: %+v", f)
	}
	h.runAcceptanceWithout("2026-11")
	if slices.ContainsFunc(h.findings(mustMonth(t, "2026-11")), func(f domain.Finding) bool { return f.Code == "death_month_unlisted" }) {
		t.Error("November tells again of a death in October")
	}
}

// A cut of the 80-89 rate entered in November with effect from September
// is paid from November on, and told once, naming the months paid at the
// old rate: arrears pay only differences upward, and nothing recovers
// the rest by itself. A cut from November on says nothing.
func TestRateLoweredBackIsTold(t *testing.T) {
	h := newHarness(t, "")
	out := novemberWith(t, h, allowanceFrom(t, "2026-09-01", "900.00"))
	want := "！！「高龄津贴」的标准（2026-09-01起执行，第16、17项）是2026-10的发放以后才录入或更改的，比当时执行的标准低（80-89周岁由920.00元降为900.00元，每年）：2026-09至2026-10各月已按原标准发放"
	if !strings.Contains(out, want) {
		t.Errorf("November's summary does not tell the cut dated back:\n%s", out)
	}
	if !slices.ContainsFunc(h.findings(mustMonth(t, "2026-11")), func(f domain.Finding) bool { return f.Code == "rules_lowered_back" }) {
		t.Error("no rules_lowered_back notice recorded")
	}
	if code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data, "--despite-warnings"); code != ExitOK || !strings.Contains(out, reminderMark+strings.TrimPrefix(want, "！！")) {
		t.Errorf("approve of November: exit %d, want it approved repeating the cut:\n%s%s", code, out, errs)
	}
	if out := novemberWith(t, newHarness(t, ""), allowanceFrom(t, "2026-11-01", "900.00")); strings.Contains(out, "比当时执行的标准低") {
		t.Errorf("a cut from this month on is told:\n%s", out)
	}
	// A month goes by its first day's rate: a cut from 15 October paid
	// October nothing too much, and one from 15 September paid October
	// alone too much.
	if out := novemberWith(t, newHarness(t, ""), allowanceFrom(t, "2026-10-15", "900.00")); strings.Contains(out, "比当时执行的标准低") {
		t.Errorf("a cut from 15 October, which no month run paid otherwise, is told:\n%s", out)
	}
	if out := novemberWith(t, newHarness(t, ""), allowanceFrom(t, "2026-09-15", "900.00")); !strings.Contains(out, "：2026-10至2026-10各月已按原标准发放") {
		t.Errorf("a cut from 15 September does not name October alone as paid at the old rate:\n%s", out)
	}
}

// A rise dated 15 November is not November's (the value in force on the
// 1st pays the month): November pays the old amount and says, in 提示,
// from when the new one is paid. A rise dated 1 November says nothing.
func TestRateDatedInsideTheMonthIsTold(t *testing.T) {
	midMonth := func(from string) []domain.Finding {
		t.Helper()
		h := newHarness(t, acceptanceInbox)
		h.mustRun("run", "--month", "2026-11", "--rules", raisedFrom(t, from))
		var out []domain.Finding
		for _, f := range h.findings(mustMonth(t, "2026-11")) {
			if f.Code == "rules_mid_month" {
				out = append(out, f)
			}
		}
		return out
	}
	got := midMonth("2026-11-15")
	if len(got) != 1 || !strings.Contains(got[0].Message, "「高龄津贴」另有2026-11-15起执行的标准") || !strings.Contains(got[0].Message, "新标准自2026年12月起发放") {
		t.Errorf("notices %+v", got)
	}
	if got := midMonth("2026-11-01"); len(got) != 0 {
		t.Errorf("a value from the month's first day is told: %+v", got)
	}
}

// Her row deleted, this month's death list puts 贺国荣's death inside the
// month: the month of a death is paid, but nothing computes it, so the
// run tells of her for her heirs, as for a date on record. And deleted a
// month before her death, she was on that month's 待核实: the month she
// died in was paid nobody, and the month after, told of it by a death
// list, says so.
func TestDeathListDateInAnUnpaidMonthIsTold(t *testing.T) {
	unlistedDeath := func(h *harness, m string) *domain.Finding {
		t.Helper()
		for _, f := range h.findings(mustMonth(t, m)) {
			if f.Code == "death_month_unlisted" && f.AsWritten == heGuorong {
				return &f
			}
		}
		return nil
	}
	h := newHarness(t, "")
	h.runApproved("2026-10", nil)
	copyDir(t, acceptanceInbox, h.inbox)
	removeRosterRow(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", 7, heGuorong)
	writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"贺国荣", heGuorong, "2026-11-10"})
	h.mustRun("run", "--month", "2026-11")
	if f := unlistedDeath(h, "2026-11"); f == nil || !strings.Contains(f.Message, "本月死亡名单记载此人死亡日期2026-11-10，在本月（2026年11月）") || f.Name != "贺国荣" {
		t.Errorf("November: %+v", f)
	}

	h = newHarness(t, "")
	h.runApproved("2026-10", nil)
	h.runAcceptanceWithout("2026-11")
	h.approve("2026-11")
	copyDir(t, acceptanceInbox, h.inbox)
	removeRosterRow(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", 7, heGuorong)
	writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"贺国荣", heGuorong, "2026-11-20"})
	h.mustRun("run", "--month", "2026-12")
	if f := unlistedDeath(h, "2026-12"); f == nil || !strings.Contains(f.Message, "在2026年11月：死亡当月照发，但2026年11月各花名册均未列入此人（列入了待核实；原属东街街道") {
		t.Errorf("December: %+v", f)
	}
}

// A held row still tells of a death. November's rosters list 贺国荣 twice:
// her row on 东街's roster gives no date, a 补报 workbook's row gives
// 20 August. Both copies are held (duplicate_conflict), and the listing
// used to be the first copy's, without the date: September and October
// were never recovered, and December paid her again. Now November
// recovers both months, and December's row, still without a date, is held
// (death_on_record) and recovers nothing twice. A row held for another
// reason (a 低保类别 nobody can read) that gives a date recovers at once
// too, instead of once a street deletes the row.
func TestDeathOnAHeldRowIsRecovered(t *testing.T) {
	recovered := func(h *harness, m string) map[string]string {
		out := map[string]string{}
		for _, r := range h.recoveries(m, heGuorong) {
			if r.Benefit == "senior_allowance" {
				out[r.Corrects.String()] = r.Amount.StringFixed(2) + " " + r.Reason
			}
		}
		return out
	}
	t.Run("a copy gives the date", func(t *testing.T) {
		h := newHarness(t, acceptanceInbox)
		h.runApproved("2026-09", nil)
		h.runApproved("2026-10", nil)
		copyDir(t, acceptanceInbox, h.inbox)
		writeAgencyList(t, filepath.Join(h.inbox, "2026年11月_东街街道_补报.xlsx"),
			[]any{"序号", "街道(乡镇)", "社区(村)", "姓名", "公民身份号码", "出生日期", "自理能力", "户号", "银行账号", "死亡日期", "备注"},
			[]any{1, "东街街道", "景德社区", "贺国荣", heGuorong, "19420420", "自理", "6409592461", "6217013841128357753", "2026-08-20", "已故"})
		h.mustRun("run", "--month", "2026-11")
		nov := mustMonth(t, "2026-11")
		if held, _, paid := h.person(nov, heGuorong); paid || !slices.Contains(held, "duplicate_conflict") {
			t.Fatalf("November: held %v, paid %v; want both copies held", held, paid)
		}
		got := recovered(h, "2026-11")
		for _, m := range []string{"2026-09", "2026-10"} {
			if r := got[m]; !strings.Contains(r, "死亡日期2026-08-20（本月花名册上此人的行被暂缓：duplicate_conflict）") {
				t.Errorf("November's recovery of %s: %q", m, r)
			}
		}
		if len(got) != 2 {
			t.Errorf("November recovers %v, want September and October", got)
		}
		h.approve("2026-11")
		h.runAcceptance("2026-12", nil)
		dec := mustMonth(t, "2026-12")
		if held, _, paid := h.person(dec, heGuorong); paid || !slices.Contains(held, "death_on_record") {
			t.Errorf("December: held %v, paid %v; want death_on_record", held, paid)
		}
		if got := recovered(h, "2026-12"); len(got) != 0 {
			t.Errorf("December recovers again: %v", got)
		}
	})
	t.Run("健在 on a row held for another reason", func(t *testing.T) {
		// November gave the date while October was a draft: nothing was
		// recovered then. December's row says 健在 but is held for its
		// 低保类别: the date on record is not recovered on.
		h := newHarness(t, acceptanceInbox)
		h.runAcceptance("2026-10", nil)
		h.runAcceptance("2026-11", map[string]string{"P7": "2026-09-15"})
		h.approve("2026-10")
		h.approve("2026-11")
		h.runAcceptance("2026-12", map[string]string{"Q7": "健在", "H7": "待定"})
		if held, _, paid := h.person(mustMonth(t, "2026-12"), heGuorong); paid || len(held) == 0 {
			t.Fatalf("December: held %v, paid %v", held, paid)
		}
		if got := recovered(h, "2026-12"); len(got) != 0 {
			t.Errorf("December recovers from a row saying 健在: %v", got)
		}
	})
	t.Run("held for another reason", func(t *testing.T) {
		h := newHarness(t, acceptanceInbox)
		h.runApproved("2026-09", nil)
		h.runApproved("2026-10", nil)
		h.runAcceptance("2026-11", map[string]string{"P7": "2026-08-20", "H7": "待定"})
		if held, _, paid := h.person(mustMonth(t, "2026-11"), heGuorong); paid || len(held) == 0 || slices.Contains(held, "duplicate_conflict") {
			t.Fatalf("November: held %v, paid %v", held, paid)
		}
		if got := recovered(h, "2026-11"); len(got) != 2 || !strings.Contains(got["2026-09"], "本月花名册上此人的行被暂缓") {
			t.Errorf("November recovers %v, want September and October", got)
		}
	})
}

// A rise dated back reaches the dead whose rows are held, as it reaches
// those whose rows are deleted: 贺国荣, dead on 15 October, is held in
// November for a 低保类别 nobody can read, and the 80-89 band is raised
// from September. September and October, months she lived, are owed to
// her heirs: recorded without an account, the note naming the hold. They
// were owed to nobody while her row stayed on the roster.
func TestRiseDatedBackReachesTheHeldDead(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-09", nil)
	h.runApproved("2026-10", nil)
	h.runAcceptance("2026-11", map[string]string{"P7": "2026-10-15", "H7": "待定"}, "--rules", allowanceFrom(t, "2026-09-01", "1200.00"))
	owed := map[string]domain.Line{}
	for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
		owed[l.Corrects.String()] = l
	}
	for _, m := range []string{"2026-09", "2026-10"} {
		l, ok := owed[m]
		if !ok || l.Account != "" || !strings.Contains(l.Params.Note, "本月花名册上此人的行被暂缓") || !strings.Contains(l.Params.Note, "遗属") {
			t.Errorf("November's 补发 of %s for %s: %+v (found %v)", m, heGuorong, l, ok)
		}
	}
	if len(owed) != 2 {
		t.Errorf("November pays %s %d lines, want the two months she lived: %+v", heGuorong, len(owed), owed)
	}
}

// September's row gives 贺国荣's death ahead, 5 October; October's run,
// without her row, tells staff to pay her heirs October by hand
// (death_month_unlisted). November's row gives the date again, and
// October is owed as 补发 to the heirs: its note says the month may have
// been paid by hand on that notice, so that it is not paid twice, and the
// summary's line of the heirs' money says how much of it that is.
func TestHeirsArrearsOfAnUnlistedDeathMonthWarnOfTheNotice(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-09", map[string]string{"P7": "2026-10-05"})
	h.runAcceptanceWithout("2026-10")
	h.approve("2026-10")
	out := h.runAcceptance("2026-11", map[string]string{"P7": "2026-10-05"})
	// The summary, from which staff pay the heirs, says so too.
	if !regexp.MustCompile(`！其中 1 条共 [0-9.]+ 元所属月份，以前月份的提示（death_month_unlisted）可能已请手工补发`).MatchString(out) {
		t.Errorf("November's summary does not warn of the notice:\n%s", out)
	}
	var found bool
	for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
		if l.Corrects.String() != "2026-10" || l.Unit != domain.UnitYuan {
			continue
		}
		found = true
		if l.Account != "" || !strings.Contains(l.Params.Note, "2026-10各花名册均未列入此人：如该月的提示（death_month_unlisted）已请向其遗属手工补发该月，且已补发，本笔请勿再付") {
			t.Errorf("the heirs' 补发 of October: account %q, note %q", l.Account, l.Params.Note)
		}
	}
	if !found {
		t.Errorf("November owes no 补发 of October to %s: %+v", heGuorong, h.linesOf(mustMonth(t, "2026-11"), heGuorong))
	}
	// The payments CSV tells the 补发 from the month's own lines.
	_, csvOut, _ := h.main("payments", "--month", "2026-11", "--format", "csv")
	if !strings.HasPrefix(csvOut, "id_number,name,benefit,amount,unit,department,corrects,") ||
		!regexp.MustCompile(`(?m)^`+heGuorong+`,贺国荣,senior_allowance,[0-9.]+,CNY,区民政局,2026-10,`).MatchString(csvOut) {
		t.Errorf("payments CSV does not name the month October's 补发 pays for:\n%s", csvOut)
	}
}

// October's roster gives 贺国荣 (84) 城市低保 and a 银行账号 of 0, so approved
// October holds her row (account_implausible) and pays her nothing;
// November's gives her account and no 低保类别. November pays October as
// arrears at October's rate, the dibao 1640 a year her October row gave
// (136.67 in October), not November's 920 (76.67): her dibao ended after
// October, not before it. explain shows the line with a note saying whose
// row it was computed by, and a re-run agrees to the fen. So it is when
// the account held a letter (value_unknown): a value unreadable in the
// 银行账号 says nothing against the row's 低保类别 (it was paid at 76.67).
func TestArrearsOfAHeldMonthByThatMonthsRow(t *testing.T) {
	for account, code := range map[string]string{"0": "account_implausible", "62170066O1234567": "value_unknown"} {
		t.Run(code, func(t *testing.T) {
			h := newHarness(t, acceptanceInbox)
			h.runApproved("2026-10", map[string]string{"H7": "城市低保", "O7": account})
			if held, _, paid := h.person(mustMonth(t, "2026-10"), heGuorong); paid || !slices.Contains(held, code) {
				t.Fatalf("October: held %v, paid %v; want her row held for its account (%s)", held, paid, code)
			}
			h.runAcceptance("2026-11", nil)
			var arrears []domain.Line
			for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
				if l.Corrects.Valid() && l.Benefit == "senior_allowance" {
					arrears = append(arrears, l)
				}
			}
			if len(arrears) != 1 || arrears[0].Corrects.String() != "2026-10" || arrears[0].Amount.StringFixed(2) != "136.67" ||
				!strings.Contains(arrears[0].Params.Note, "按当月花名册的行") {
				t.Fatalf("November's arrears of 高龄津贴: %+v, want 136.67 for 2026-10 by October's row", arrears)
			}
			_, text, _ := h.main("explain", "--month", "2026-11", "--id", heGuorong, "--data", h.data)
			if !strings.Contains(text, "高龄津贴（补发2026-10） 136.67 元") || !strings.Contains(text, "按当月花名册的行") {
				t.Errorf("explain:\n%s", text)
			}
			if out := h.mustRun("rerun", "--month", "2026-11", "--data", h.data, "--rules", rulesDir); !strings.Contains(out, "identical") {
				t.Errorf("rerun:\n%s", out)
			}
		})
	}
}

// A senior held in October whose row says 本月新增, copied unchanged into
// November's row: October listed her, so it is paid back by its own row,
// not withheld as a month before she was newly listed.
func TestAddedCopiedForwardPaysTheHeldMonth(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-10", map[string]string{"O7": "0", "Q7": "本月新增"})
	if held, _, paid := h.person(mustMonth(t, "2026-10"), heGuorong); paid || !slices.Contains(held, "account_implausible") {
		t.Fatalf("October: held %v, paid %v; want her row held for its account", held, paid)
	}
	h.runAcceptance("2026-11", map[string]string{"Q7": "本月新增"})
	_, notice, _ := h.person(mustMonth(t, "2026-11"), heGuorong)
	var arrears []string
	for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
		if l.Corrects.Valid() {
			arrears = append(arrears, l.Benefit+" "+l.Corrects.String()+" "+l.Amount.StringFixed(2))
		}
	}
	if slices.Contains(notice, "arrears_before_added") || !slices.Equal(arrears, []string{"senior_allowance 2026-10 76.67"}) {
		t.Fatalf("November: notices %v, arrears %v; want October's 高龄津贴 paid back", notice, arrears)
	}
}

// September, a month no roster listed her, lies between August's row (not
// 低保) and October's (城市低保, as November's and December's are): what
// she was in September is not known, and it is not paid back, in October,
// November nor December, when August is beyond the arrears window.
// October tells it (arrears_status_unknown), counted in its summary; November and December say
// October's run held it back, and why, instead of asking again to pay it
// by hand. December paid it at the 低保 rate, guessed from the rows after
// it.
func TestStatusUnknownStaysUnpaidBeyondTheWindow(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-08", nil)
	h.approvedWithout("2026-09")
	dibao := map[string]string{"H7": "城市低保"}
	out := h.runAcceptance("2026-10", dibao)
	h.approve("2026-10")
	if _, notice, _ := h.person(mustMonth(t, "2026-10"), heGuorong); !slices.Contains(notice, "arrears_status_unknown") {
		t.Errorf("2026-10: notices %v, want arrears_status_unknown", notice)
	}
	// The summary counts it: in 提示 alone (仅供核对) it was easy to pass over.
	if !regexp.MustCompile(`以前月份可能应发未发、程序不自动补发的 \d+ 条：见 异常清单.xlsx 的「提示」表（[a-z_、]*arrears_status_unknown`).MatchString(out) {
		t.Errorf("2026-10's summary does not count the month to check:\n%s", out)
	}
	for _, c := range [][2]string{{"2026-11", "arrears_withheld_earlier"}, {"2026-12", "arrears_withheld_earlier"}} {
		m, code := c[0], c[1]
		h.runAcceptance(m, dibao)
		_, notice, _ := h.person(mustMonth(t, m), heGuorong)
		for _, l := range h.linesOf(mustMonth(t, m), heGuorong) {
			if l.Corrects == mustMonth(t, "2026-09") {
				t.Errorf("%s: 补发 %s %s for September (notices %v)", m, l.Benefit, l.Amount, notice)
			}
		}
		if !slices.Contains(notice, code) {
			t.Errorf("%s: notices %v, want %s", m, notice, code)
		}
		if m == "2026-11" {
			h.approve(m)
		}
	}
	for _, f := range h.findings(mustMonth(t, "2026-12")) {
		if f.Code == "arrears_withheld_earlier" && !strings.Contains(f.Message, "arrears_status_unknown") {
			t.Errorf("December: %s", f.Message)
		}
	}
}

// A senior held in September, her 80th birthday on the 20th, is paid
// September back in October as 80 (76.67), nobody knowing yet that she
// died on the 10th, aged 79. When November's roster gives the date, the
// 补发 is recovered as the month's own line would be: she never reached 80.
func TestDeathMonthPaidBackBeforeTheDeathWasKnownIsRecovered(t *testing.T) {
	const id = "140502194609204820" // born 1946-09-20, in 贺国荣's row
	row := map[string]string{"F7": id, "G7": "1946-09-20"}
	with := func(cells map[string]string) map[string]string {
		out := maps.Clone(row)
		maps.Copy(out, cells)
		return out
	}
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-09", with(map[string]string{"O7": "0"}))
	if held, _, paid := h.person(mustMonth(t, "2026-09"), id); paid || !slices.Contains(held, "account_implausible") {
		t.Fatalf("September: held %v, paid %v; want her row held for its account", held, paid)
	}
	h.runApproved("2026-10", row)
	var back []string
	for _, l := range h.linesOf(mustMonth(t, "2026-10"), id) {
		if l.Benefit == "senior_allowance" && l.Corrects.Valid() {
			back = append(back, l.Corrects.String()+" "+l.Amount.StringFixed(2))
		}
	}
	if !slices.Equal(back, []string{"2026-09 76.67"}) {
		t.Fatalf("October's 补发 of 高龄津贴: %v, want September's 76.67", back)
	}
	h.runAcceptance("2026-11", with(map[string]string{"P7": "2026-09-10"}))
	got := map[string]string{}
	for _, r := range h.recoveries("2026-11", id) {
		if r.Benefit == "senior_allowance" {
			got[r.Corrects.String()] = r.Amount.StringFixed(2) + " " + r.Reason
		}
	}
	if r := got["2026-09"]; !strings.HasPrefix(r, "76.67 ") || !strings.Contains(r, "计为79周岁") {
		t.Errorf("November's recovery of September: %q, want the 76.67 paid back in October for an age she never reached", r)
	}
	if r := got["2026-10"]; !strings.HasPrefix(r, "76.67 ") {
		t.Errorf("November's recovery of October: %q", r)
	}
	if out := h.mustRun("rerun", "--month", "2026-11", "--data", h.data, "--rules", rulesDir); !strings.Contains(out, "identical") {
		t.Errorf("rerun:\n%s", out)
	}
}

// The same October listed nowhere, but no run told of the death before
// November's row gave it (20 October): the heirs' 补发 of October warns of
// no notice, and the summary counts nothing as maybe paid by hand. The
// warning, given whenever a month was listed nowhere, was a false alarm.
func TestHeirsArrearsWithoutANoticeWarnOfNone(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-09", nil)
	h.runAcceptanceWithout("2026-10")
	h.approve("2026-10")
	out := h.runAcceptance("2026-11", map[string]string{"P7": "2026-10-20"})
	var found bool
	for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
		if l.Corrects.String() == "2026-10" && l.Unit == domain.UnitYuan {
			found = true
			if l.Account != "" || strings.Contains(l.Params.Note, "death_month_unlisted") {
				t.Errorf("the heirs' 补发 of October: account %q, note %q", l.Account, l.Params.Note)
			}
		}
	}
	if !found {
		t.Errorf("November owes no 补发 of October to %s", heGuorong)
	}
	if strings.Contains(out, "！其中") {
		t.Errorf("November's summary warns of a notice never given:\n%s", out)
	}
}

// 贺国荣 is listed in July, on no roster from August to October, and back
// from November. December, run and approved before November, pays
// September and October back and tells staff to check August by hand
// (arrears_window_edge). November, run late, reaches August: it does not
// pay it by itself, lest staff who did as told pay it twice, and says so
// (arrears_window_edge_told); September and October, paid by December, are
// not paid again.
func TestMonthRunLateLeavesTheWindowEdgeToldToStaff(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-07", nil)
	h.approvedWithout("2026-08", "2026-09", "2026-10")
	h.runApproved("2026-12", nil)
	var corrects []string
	for _, l := range h.linesOf(mustMonth(t, "2026-12"), heGuorong) {
		corrects = append(corrects, l.Corrects.String())
	}
	if !slices.Contains(corrects, "2026-09") || !slices.Contains(corrects, "2026-10") || len(h.noticesOf("2026-12", "arrears_window_edge")) == 0 {
		t.Fatalf("December: lines correcting %v, edge notices %q", corrects, h.noticesOf("2026-12", "arrears_window_edge"))
	}
	h.runAcceptance("2026-11", nil)
	for _, l := range h.linesOf(mustMonth(t, "2026-11"), heGuorong) {
		if l.Corrects.Valid() {
			t.Errorf("November, run late, pays %s %s of %s", l.Benefit, l.Amount.StringFixed(2), l.Corrects)
		}
	}
	if msgs := h.noticesOf("2026-11", "arrears_window_edge_told"); len(msgs) == 0 || !strings.Contains(msgs[0], "2026-12的运行已提示") || !strings.Contains(msgs[0], "2026年8月") {
		t.Errorf("November's notices of August: %q", msgs)
	}
}
