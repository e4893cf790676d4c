package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"disburse/internal/report"
)

// writeTrainingRoster writes a 培训合格人员名册 as a training centre would:
// a title, then the header and rows.
func writeTrainingRoster(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "2026年家庭照护培训合格人员名册")
	header := []any{"序号", "学员姓名", "学员公民身份号码", "被照护老人姓名", "被照护老人公民身份号码", "培训类型", "培训费用", "结业日期", "证书编号", "银行账号"}
	f.SetSheetRow("Sheet1", "A2", &header)
	for i, r := range rows {
		r := append([]any{i + 1}, r...)
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+3), &r)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// A trainee on no roster whom the month's death list names as dead before
// the course ended is held, not paid into a dead person's account.
func TestTraineeOnTheDeathListHeld(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), [][]any{
		{"马小琴", "11010519491231002X", "马琴", "140502192907171685", "普惠制培训", "", "2026-10-20", "HL2026-001", "6217000000000000011"},
	})
	writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"马小琴", "11010519491231002X", "2026-10-01"})
	h.mustRun("run", "--month", "2026-11")
	held, _, paid := h.person(mustMonth(t, "2026-11"), "11010519491231002X")
	if paid || !slices.Contains(held, "training_trainee_deceased") {
		t.Errorf("trainee dead by the list: paid %v, held %v", paid, held)
	}
}

// A training roster beside the monthly rosters pays each qualified trainee
// once, ever; the same claim a month later is held with the month it was
// paid.
func TestTrainingSubsidyOnceEver(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	rows := [][]any{
		{"马小琴", "11010519491231002X", "马琴", "140502192907171685", "普惠制培训", "", "2026-10-20", "HL2026-001", "6217000000000000011"},
		{"江小明", "110105194912310038", "江明", "140502192506024473", "订单式", "4800", "2026/11/3", "HL2026-002", "6217000000000000029"},
		{"邹小香", "110105194912310046", "邹香", "140581193010053828", "普惠制", "", "2026-10-01", "HL2026-003", "6217000000000000037"},
		{"无名", "110105194912310054", "某人", "140502199901011234", "普惠制", "", "2026-10-01", "HL2026-004", "6217000000000000045"},
	}
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), rows)
	h.mustRun("run", "--month", "2026-11")
	_, csvOut, _ := h.main("payments", "--month", "2026-11", "--format", "csv")
	for _, want := range []string{
		"11010519491231002X,马小琴,caregiver_training_subsidy,1000.00,CNY,区民政局",
		"110105194912310038,江小明,caregiver_training_subsidy,4000.00,CNY,区民政局",
	} {
		if !strings.Contains(csvOut, want) {
			t.Errorf("payments lack %s", want)
		}
	}
	if n := strings.Count(csvOut, "caregiver_training_subsidy"); n != 2 {
		t.Errorf("%d training lines, want 2", n)
	}
	held := strings.Join(h.heldRows(mustMonth(t, "2026-11")), "\n")
	for _, want := range []string{"培训合格人员名册.xlsx,5", "培训合格人员名册.xlsx,6"} {
		if !strings.Contains(held, want) {
			t.Errorf("held rows lack %s:\n%s", want, held)
		}
	}
	dump, err := report.Dump(filepath.Join(h.data, "out", "2026-11", "区民政局.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dump, "## 家庭照护培训补贴") || !strings.Contains(dump, "江明\t140502192506024473\t订单式\t4800.00\tHL2026-002") {
		t.Errorf("training sheet missing or incomplete:\n%s", dump[strings.Index(dump, "## 家庭照护培训补贴"):])
	}
	h.checkWorkbookTotals(mustMonth(t, "2026-11"))

	// December: the same roster again (and November's people rosters).
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), rows[:1])
	h.mustRun("run", "--month", "2026-12")
	_, csvOut, _ = h.main("payments", "--month", "2026-12", "--format", "csv")
	if strings.Contains(csvOut, "caregiver_training_subsidy") {
		t.Error("a training subsidy was paid twice")
	}
	db := h.db()
	run, _, _ := db.LatestRun(t.Context(), mustMonth(t, "2026-12"))
	findings, _ := db.Findings(t.Context(), run.ID)
	var found bool
	for _, f := range findings {
		if f.Code == "training_already_paid" && strings.Contains(f.Message, "2026-11") {
			found = true
		}
	}
	if !found {
		t.Error("second claim not held as already paid in 2026-11")
	}
}

// A certificate written otherwise (zs-001 for ZS001) in a second roster or
// a later month is the same claim, and one course under two certificates
// is paid once: the duplicates are held naming the row or month paid.
func TestTrainingDuplicatesAcrossFilesAndMonths(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), [][]any{
		{"马小琴", "11010519491231002X", "马琴", "140502192907171685", "普惠制", "", "2026-10-20", "ZS001", "6217000000000000011"},
		{"江小明", "110105194912310038", "江明", "140502192506024473", "普惠制", "", "2026-11-03", "C1", "6217000000000000029"},
		{"江小明", "110105194912310038", "江明", "140502192506024473", "订单式", "3500", "2026-11-03", "C2", "6217000000000000029"},
	})
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册补报.xlsx"), [][]any{
		{"马小琴", "11010519491231002X", "马琴", "140502192907171685", "普惠制", "", "2026-10-20", "zs-001", "6217000000000000011"},
		{"江小明", "110105194912310038", "江明", "140502192506024473", "普惠制", "", "2026-11-03", "C3", "6217000000000000029"},
	})
	h.mustRun("run", "--month", "2026-11")
	_, csvOut, _ := h.main("payments", "--month", "2026-11", "--format", "csv")
	if n := strings.Count(csvOut, "caregiver_training_subsidy"); n != 3 {
		t.Errorf("%d training lines, want 3 (ZS001, C1, C2):\n%s", n, csvOut)
	}
	messages := func(m string) map[string]string {
		db := h.db()
		run, _, _ := db.LatestRun(t.Context(), mustMonth(t, m))
		findings, _ := db.Findings(t.Context(), run.ID)
		out := map[string]string{}
		for _, f := range findings {
			if strings.HasPrefix(f.Where.File, "培训") {
				out[fmt.Sprintf("%s,%d", f.Where.File, f.Where.Row)] = f.Code + " " + f.Message
			}
		}
		return out
	}
	got := messages("2026-11")
	for row, want := range map[string][]string{
		"培训合格人员名册补报.xlsx,3": {"training_duplicate", "「培训合格人员名册.xlsx」Sheet1第3行", "同一证书", "zs-001与ZS001"},
		"培训合格人员名册补报.xlsx,4": {"training_duplicate", "「培训合格人员名册.xlsx」Sheet1第4行", "同一结业日期（2026-11-03）", "那一行为C1，本行为C3"},
	} {
		for _, w := range want {
			if !strings.Contains(got[row], w) {
				t.Errorf("%s: %q lacks %q", row, got[row], w)
			}
		}
		delete(got, row)
	}
	if len(got) != 0 {
		t.Errorf("other training rows held: %v", got)
	}

	// December: the certificate paid in November, written a third way, and
	// November's course C1 under a new certificate.
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), [][]any{
		{"马小琴", "11010519491231002X", "马琴", "140502192907171685", "普惠制", "", "2026-10-20", "ZS 001", "6217000000000000011"},
		{"江小明", "110105194912310038", "江明", "140502192506024473", "普惠制", "", "2026-11-03", "C9", "6217000000000000029"},
	})
	h.mustRun("run", "--month", "2026-12")
	_, csvOut, _ = h.main("payments", "--month", "2026-12", "--format", "csv")
	if strings.Contains(csvOut, "caregiver_training_subsidy") {
		t.Error("a training subsidy was paid again under another spelling of its certificate")
	}
	if m := messages("2026-12")["培训合格人员名册.xlsx,3"]; !strings.HasPrefix(m, "training_already_paid") || !strings.Contains(m, "凭证书ZS001已于2026-11") {
		t.Errorf("December claim: %q, want training_already_paid naming ZS001 and 2026-11", m)
	}
	if m := messages("2026-12")["培训合格人员名册.xlsx,4"]; !strings.HasPrefix(m, "training_already_paid") || !strings.Contains(m, "已于2026-11凭证书C1") || !strings.Contains(m, "本行证书编号为C9") {
		t.Errorf("December's C9, November's course C1 again: %q, want training_already_paid naming C1 and 2026-11", m)
	}
}

// November records 马小琴's training without a 银行账号 (无账号待处理, never
// sent) and is approved; December's row gives the account: it is paid as
// November's 补发, the workbooks add up, and history counts it paid once.
func TestTrainingUnsentPaidOnceTheAccountComes(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	row := []any{"马小琴", "11010519491231002X", "马琴", "140502192907171685", "普惠制", "", "2026-10-20", "HL2026-001", ""}
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), [][]any{row})
	h.mustRun("run", "--month", "2026-11")
	h.approve("2026-11")
	row[8] = "6217000000000000011"
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), [][]any{row})
	if out := h.mustRun("run", "--month", "2026-12"); !strings.Contains(out, "补发（以前已审批月份）") { // the summary counts it
		t.Errorf("December's summary does not count the training 补发:\n%s", out)
	}
	dec := mustMonth(t, "2026-12")
	db := h.db()
	run, _, _ := db.LatestRun(context.Background(), dec)
	lines, _ := db.Lines(context.Background(), run.ID)
	var paid []string
	for _, l := range lines {
		if l.Benefit == "caregiver_training_subsidy" {
			paid = append(paid, fmt.Sprintf("%s %s %s %s", l.PersonID, l.Amount.StringFixed(2), l.Corrects, l.Account))
		}
	}
	if strings.Join(paid, ";") != "11010519491231002X 1000.00 2026-11 6217000000000000011" {
		t.Errorf("December's training lines %q, want November's 补发 into the account", paid)
	}
	h.checkWorkbookTotals(dec)
	// explain of December for the trainee: paid November's 补发, and not
	// called someone left off the rosters (a trainee is on none).
	if _, out, _ := h.main("explain", "--month", "2026-12", "--id", "11010519491231002X", "--data", h.data); strings.Contains(out, "未列入任何花名册") || !strings.Contains(out, "补发2026-11") {
		t.Errorf("explain of the trainee:\n%s", out)
	}
	if _, hist, _ := h.main("history", "--id", "11010519491231002X", "--data", h.data); !strings.Contains(hist, "合计 1000.00 元（另有未代发 1000.00 元") || !strings.Contains(hist, "以补发发放 1000.00 元（见补发行，已计入合计），尚未发放 0.00 元") {
		t.Errorf("history of the trainee:\n%s", hist)
	}
}

// A month run late (October, after November paid 马小琴's training) does
// not pay the same certificate again: the row is held naming November, and
// October's re-run agrees.
func TestTrainingNotPaidAgainInAMonthRunLate(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	row := []any{"马小琴", "11010519491231002X", "马琴", "140502192907171685", "普惠制", "", "2026-09-20", "HL2026-001", "6217000000000000011"}
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), [][]any{row})
	h.mustRun("run", "--month", "2026-11")
	copyDir(t, "../../fixtures/inbox/2026-10", h.inbox)
	row[7] = "hl2026 001"
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), [][]any{row})
	h.mustRun("run", "--month", "2026-10")
	oct := mustMonth(t, "2026-10")
	if lines := h.linesOf(oct, "11010519491231002X"); len(lines) != 0 {
		t.Errorf("October, run late, paid November's training again: %+v", lines)
	}
	var found bool
	for _, f := range h.findings(oct) {
		if f.Code == "training_already_paid" && strings.Contains(f.Message, "2026-11") {
			found = true
		}
	}
	if !found {
		t.Error("October's row not held as paid in 2026-11")
	}
	if code, out, errs := h.main("rerun", "--month", "2026-10", "--data", h.data); code != ExitOK || !strings.Contains(out, "identical") {
		t.Errorf("rerun of October: exit %d\n%s\n%s", code, out, errs)
	}
}

// November paid 马小琴's training; a replacing run given the streets'
// rosters alone (the training roster left in the archive) does not pay it,
// and says so with ！！ naming her, the run and the money, each time (every
// earlier run counts); approve refuses without --despite-warnings. With the
// training roster put back, it is paid and nothing is said.
func TestTrainingDroppedByAReplacingRunIsTold(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	rows := [][]any{{"马小琴", "11010519491231002X", "马琴", "140502192907171685", "普惠制", "", "2026-09-20", "HL2026-001", "6217000000000000011"}}
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), rows)
	h.mustRun("run", "--month", "2026-11")
	nov := mustMonth(t, "2026-11")
	told := "！！马小琴（11010519491231002X）：以前的运行1按「培训合格人员名册.xlsx」Sheet1第3行发放家庭照护培训补贴1000.00元（证书编号HL2026-001），本次运行的培训名册没有此学员"
	for i := range 2 {
		copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
		if out := h.mustRun("run", "--month", "2026-11", "--replace"); !strings.Contains(out, told) {
			t.Errorf("replacement %d without the training roster does not say so:\n%s", i+1, out)
		}
	}
	if lines := h.linesOf(nov, "11010519491231002X"); len(lines) != 0 {
		t.Errorf("paid without a training roster: %+v", lines)
	}
	code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	if code != ExitFailure || !strings.Contains(out, told) || !strings.Contains(errs, "--despite-warnings") {
		t.Errorf("approve after the training was dropped: exit %d\n%s\n%s", code, out, errs)
	}
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	rows[0][7] = "hl2026-001"
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), rows)
	if out := h.mustRun("run", "--month", "2026-11", "--replace"); strings.Contains(out, "本次运行的培训名册没有此学员") {
		t.Errorf("a replacing run with the training roster back warns:\n%s", out)
	}
	if lines := h.linesOf(nov, "11010519491231002X"); len(lines) != 1 {
		t.Errorf("training roster put back: lines %+v, want the payment", lines)
	}
}

// A trainee the month's death list names as dead after the course ended
// but before the month is owed the subsidy, but it is not sent into the
// dead person's card: the line is recorded without an account for the
// heirs, counted apart in the summary, with no request to fill in an
// account.
func TestTraineeDeadSinceTheCoursePaidToTheHeirs(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), [][]any{
		{"马小琴", "11010519491231002X", "马琴", "140502192907171685", "普惠制培训", "", "2026-09-20", "HL2026-001", "6217000000000000011"},
	})
	writeAgencyList(t, filepath.Join(h.inbox, "死亡名单.xlsx"), []any{"姓名", "公民身份号码", "死亡日期"}, []any{"马小琴", "11010519491231002X", "2026-10-05"})
	out := h.mustRun("run", "--month", "2026-11")
	nov := mustMonth(t, "2026-11")
	lines := h.linesOf(nov, "11010519491231002X")
	if len(lines) != 1 || lines[0].Account != "" || !strings.Contains(lines[0].Params.Note, "继承人") {
		t.Fatalf("the dead trainee's lines %+v: want one, without an account, for the heirs", lines)
	}
	if !strings.Contains(out, "另有已故 1 人共 1000.00 元") {
		t.Errorf("the summary does not count it for the heirs:\n%s", out)
	}
	if _, notices, _ := h.person(nov, "11010519491231002X"); slices.Contains(notices, "bank_account_missing") {
		t.Errorf("asks for the dead trainee's account: %v", notices)
	}
	h.checkWorkbookTotals(nov)
}
