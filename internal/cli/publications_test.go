package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"disburse/internal/changes"
	"disburse/internal/domain"
	"disburse/internal/money"
	"disburse/internal/roster"
	"disburse/internal/rules"
)

// allCells returns every cell of every sheet of a workbook, raw.
func allCells(t *testing.T, path string) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out[s] = rows
	}
	return out
}

func TestPublications(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	out := filepath.Join(h.data, "out", "2026-11")
	db := h.db()
	run, _, _ := db.LatestRun(context.Background(), mustMonth(t, "2026-11"))
	lines, _ := db.Lines(context.Background(), run.ID)
	yuan := decimal.Zero
	withAccount, people := decimal.Zero, map[string]bool{}
	for _, l := range lines {
		if l.Unit == "CNY" {
			yuan = yuan.Add(l.Amount)
			people[l.PersonID] = true
			if l.Account != "" {
				withAccount = withAccount.Add(l.Amount)
			}
		}
	}

	// Bank file: control row = people with an account; 无账号待处理 holds the rest.
	bank := allCells(t, filepath.Join(out, bankDir, "区民政局_代发_草稿.xlsx"))
	var control, none decimal.Decimal
	for _, r := range bank["代发"] {
		if len(r) > 4 && r[0] == "合计" {
			control = decimal.RequireFromString(r[4])
		}
	}
	for _, r := range bank["无账号待处理"] {
		if len(r) > 4 && r[0] == "合计" {
			none = decimal.RequireFromString(r[4])
		}
	}
	if !control.Equal(withAccount) || !control.Add(none).Equal(yuan) || none.IsZero() {
		t.Errorf("bank file: control %s + no account %s, lines %s (with account %s)", control, none, yuan, withAccount)
	}
	csvBytes, err := os.ReadFile(filepath.Join(out, bankDir, "区民政局_代发_草稿.csv"))
	if err != nil || !strings.HasPrefix(string(csvBytes), "\ufeff序号,姓名") || !strings.Contains(string(csvBytes), ","+money.Format(withAccount, "CNY")+"\n") {
		t.Errorf("bank CSV: %v\n%s", err, csvBytes[:100])
	}

	// Public notice lists never show a full ID or a bank account.
	fullID := regexp.MustCompile(`\d{17}[\dX]`)
	notices, _ := filepath.Glob(filepath.Join(out, noticeDir, "*.xlsx"))
	if len(notices) != 5 {
		t.Errorf("notice lists: %v", notices)
	}
	for _, p := range notices {
		for _, rows := range allCells(t, p) {
			for _, r := range rows {
				for _, c := range r {
					if fullID.MatchString(c) || strings.HasPrefix(c, "6217") {
						t.Fatalf("%s shows %q", filepath.Base(p), c)
					}
				}
			}
		}
	}

	// Street copies add up to the department workbook.
	copies, _ := filepath.Glob(filepath.Join(out, streetDir, "*.xlsx"))
	streetsTotal := decimal.Zero
	for _, p := range copies {
		got, err := readTotals(p, "合计", 7, "高龄津贴", "护理补贴", "困难残疾人生活补贴", "重度残疾人护理补贴")
		if err != nil {
			t.Fatal(err)
		}
		if !got.rows.Equal(got.totals) {
			t.Errorf("%s: lines add up to %s, 合计 rows to %s", filepath.Base(p), got.rows, got.totals)
		}
		streetsTotal = streetsTotal.Add(got.totals)
	}
	if len(copies) != 4 || !streetsTotal.Equal(yuan) {
		t.Errorf("%d street copies totalling %s, want 4 and %s", len(copies), streetsTotal, yuan)
	}
}

// Text that looks like a formula is written as text and reads back
// unchanged; no output cell is a formula.
func TestNoFormulaInjection(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	setCell(t, filepath.Join(h.inbox, "2026年11月_东街街道_老年人补贴花名册.xlsx"), "Sheet1", "D7", "=HYPERLINK(\"http://x\",\"贺\")")
	setCell(t, filepath.Join(h.inbox, "2026年11月_东街街道_老年人补贴花名册.xlsx"), "Sheet1", "C7", "+景德社区")
	h.mustRun("run", "--month", "2026-11")
	var files []string
	filepath.Walk(filepath.Join(h.data, "out"), func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".xlsx") {
			files = append(files, p)
		}
		return nil
	})
	found := false
	for _, p := range files {
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range f.GetSheetList() {
			rows, _ := f.GetRows(s)
			for i, r := range rows {
				for j, c := range r {
					cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if formula, _ := f.GetCellFormula(s, cell); formula != "" {
						t.Fatalf("%s %s!%s is a formula: %s", filepath.Base(p), s, cell, formula)
					}
					if c == "=HYPERLINK(\"http://x\",\"贺\")" {
						found = true
					}
				}
			}
		}
		f.Close()
	}
	if !found {
		t.Error("the formula-like name did not read back unchanged")
	}
}

// The departments that act on services get their lists: in the fixture
// month someone turns 60 (区发改局) and dibao seniors are listed for
// 区融媒体中心; 区民政局 carries its own service sheet.
func TestServiceDepartments(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	out := filepath.Join(h.data, "out", "2026-11")
	scenic := allCells(t, filepath.Join(out, "区发改局.xlsx"))
	if rows := scenic["景区和公共文化场馆优待"]; len(rows) < 4 || !strings.Contains(strings.Join(rows[3], " "), "本月年满60周岁") {
		t.Errorf("区发改局 list: %v", rows)
	}
	media := allCells(t, filepath.Join(out, "区融媒体中心.xlsx"))
	if rows := media["有线电视费用减免"]; len(rows) < 10 {
		t.Errorf("区融媒体中心 list has %d rows", len(rows))
	}
	// The 汇总 counts the people its list sheet names (title, run and
	// header rows above them).
	listed := 0
	for _, r := range media["汇总"][3:] {
		n, err := strconv.Atoi(r[3])
		if err != nil {
			t.Fatalf("区融媒体中心 汇总 row %v: %v", r, err)
		}
		listed += n
	}
	if want := len(media["有线电视费用减免"]) - 3; listed != want {
		t.Errorf("区融媒体中心 汇总 counts %d people, its list names %d", listed, want)
	}
	if _, ok := allCells(t, filepath.Join(out, "区民政局.xlsx"))["老年人能力评估"]; !ok {
		t.Error("区民政局.xlsx lacks its 老年人能力评估 sheet")
	}
	if _, err := os.Stat(filepath.Join(out, "区交通局.xlsx")); !os.IsNotExist(err) {
		t.Error("区交通局.xlsx written although nobody turns 65 this month")
	}
}

// The read-back before the commit catches a workbook or bank file whose
// money differs from the lines by a fen.
func TestReadBackCatchesADifference(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	m := mustMonth(t, "2026-11")
	db := h.db()
	defer db.Close()
	r, err := loadRecorded(context.Background(), db, m)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(h.data, "out", "2026-11")
	const dept = "区民政局"
	summary, bankPath := filepath.Join(out, dept+".xlsx"), filepath.Join(out, bankDir, dept+"_代发_草稿.xlsx")
	want, ok := yuanTotals(r.cur.Lines)[dept]
	if !ok || want.IsZero() {
		t.Fatalf("no yuan total for %s: %v", dept, want)
	}
	if err := checkSummary(summary, dept, want); err != nil {
		t.Fatalf("the run's own workbook: %v", err)
	}
	if err := checkBank(bankPath, dept, want); err != nil {
		t.Fatalf("the run's own bank file: %v", err)
	}
	more := want.Add(decimal.RequireFromString("0.01"))
	if err := checkSummary(summary, dept, more); err == nil || !strings.Contains(err.Error(), "disagree") {
		t.Errorf("workbook against lines a fen more: %v", err)
	}
	if err := checkBank(bankPath, dept, more); err == nil || !strings.Contains(err.Error(), "disagree") {
		t.Errorf("bank file against lines a fen more: %v", err)
	}
	// A bank file that lost a payee row no longer adds up.
	f, err := excelize.OpenFile(bankPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.RemoveRow("代发", 3); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	if err := checkBank(bankPath, dept, want); err == nil || !strings.Contains(err.Error(), dept) {
		t.Errorf("bank file without its first payee: %v", err)
	}
}

// Money without a 银行账号 and electricity without a 户号 each get one
// notice per person, naming the column to fill in its 列, by its letter
// when the sheet has it; lines with their
// account get none, nor does money recorded without one on purpose (the
// heirs' of someone who died, by hand: no row to fill in). A line from a sheet with no 银行账号
// column says so, not that the row left it empty: 43 people were told to
// fill in accounts they had filled in, under a header not recognised.
func TestNoAccount(t *testing.T) {
	src := &domain.Location{File: "东街.xlsx", Sheet: "Sheet1", Row: 4}
	south := &domain.Location{File: "南街.xlsx", Sheet: "Sheet1", Row: 5}
	line := func(id, unit, account string) domain.Line {
		return domain.Line{PersonID: id, Name: "某" + id, Unit: unit, Account: account, Source: src}
	}
	unlabelled := domain.Line{PersonID: "5", Name: "某5", Unit: domain.UnitYuan, Source: south}
	heirs := line("4", domain.UnitYuan, "")
	heirs.Params = &domain.Params{Note: "补发2026-10：…；此人已于2026-10-12去世，本行未填银行账号，未代发：请核实后向其遗属手工补发"}
	got := withColumnLetters(noAccount([]domain.Line{
		line("1", domain.UnitYuan, ""), line("1", domain.UnitYuan, ""), line("1", domain.UnitKWh, ""),
		line("2", domain.UnitYuan, "6217000000000000011"), line("2", domain.UnitKWh, "0012345678"),
		line("3", domain.UnitKWh, ""), heirs, unlabelled,
	}, map[roster.SheetColumn]bool{{File: "南街.xlsx", Sheet: "Sheet1", Header: "银行账号"}: true, {File: "东街.xlsx", Sheet: "Sheet2", Header: "银行账号"}: true}),
		map[roster.SheetColumn]string{{File: "东街.xlsx", Sheet: "Sheet1", Header: "银行账号"}: "K", {File: "东街.xlsx", Sheet: "Sheet1", Header: "户号"}: "J"})
	var codes []string
	for _, f := range got {
		codes = append(codes, f.AsWritten+":"+f.Code+":"+f.Where.Column+f.Where.Header)
	}
	// 南街's sheet has no 银行账号 column: no letter to name
	if want := "[1:bank_account_missing:K银行账号 1:meter_account_missing:J户号 3:meter_account_missing:J户号 5:bank_account_missing:银行账号]"; fmt.Sprint(codes) != want {
		t.Errorf("notices %v, want %s", codes, want)
	}
	for _, f := range got {
		if no := strings.Contains(f.Message, "没有可识别的「银行账号」列"); no != (f.AsWritten == "5") || strings.Contains(f.Message, "未填") == no {
			t.Errorf("%s: %s", f.AsWritten, f.Message)
		}
	}
}

// A publish of a replacing run stopped halfway (the replaced run's 汇总
// kept aside, this run's named, its bank file not yet) and done again
// keeps only the replaced run's workbooks aside, not this run's as a copy.
func TestPublishAgainKeepsOnlyTheReplacedRunsWorkbooks(t *testing.T) {
	out := t.TempDir()
	keep := filepath.Join(out, "被替换-运行1")
	write := func(path, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(keep, "作废-运行1-区民政局.xlsx"), "run 1")
	write(filepath.Join(out, "区民政局.xlsx"), "run 2")
	write(filepath.Join(out, "代发", "区民政局_代发.xlsx"), "run 1")
	var staged []stagedFile
	for _, name := range []string{"区民政局.xlsx", filepath.Join("代发", "区民政局_代发.xlsx")} {
		tmp := filepath.Join(out, filepath.Dir(name), ".tmp-run2-"+filepath.Base(name))
		write(tmp, "run 2 again")
		staged = append(staged, stagedFile{tmp: tmp, final: filepath.Join(out, name)})
	}
	if err := publish(out, staged, 2, 1); err != nil {
		t.Fatal(err)
	}
	var kept []string
	filepath.WalkDir(keep, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(keep, p)
			kept = append(kept, rel+": "+string(b))
		}
		return nil
	})
	if want := []string{"代发/作废-运行1-区民政局_代发.xlsx: run 1", "作废-运行1-区民政局.xlsx: run 1"}; !slices.Equal(kept, want) {
		t.Errorf("kept aside: %q, want %q", kept, want)
	}
	for _, s := range staged {
		if b, err := os.ReadFile(s.final); err != nil || string(b) != "run 2 again" {
			t.Errorf("%s: %q %v", s.final, b, err)
		}
	}
}

// A senior whose roster row gives no 银行账号 but who is paid, as a
// trainee, into the account of the training roster: the bank file pays
// each line into the account recorded on it. The senior allowance,
// recorded without an account, stays on 无账号待处理 (as the summary and
// the bank_account_missing notice say) and is not sent with the training
// money: once the street fills in the account a later month pays it as
// 补发, which would pay it twice.
func TestBankFilePaysEachLineIntoItsOwnAccount(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	const liang = "140581194404130536" // 梁水保: 高龄津贴 76.66, no 银行账号 on his row
	writeTrainingRoster(t, filepath.Join(h.inbox, "培训合格人员名册.xlsx"), [][]any{
		{"梁水保", liang, "马琴", "140502192907171685", "普惠制培训", "", "2026-10-20", "HL2026-001", "6217000000000000011"},
	})
	out := h.mustRun("run", "--month", "2026-11")
	bank := allCells(t, filepath.Join(h.data, "out", "2026-11", bankDir, "区民政局_代发_草稿.xlsx"))
	var paid, none []string
	for _, r := range bank["代发"] {
		if len(r) > 4 && r[2] == liang {
			paid = append(paid, r[3]+" "+r[4])
		}
	}
	var unsent string
	for _, r := range bank["无账号待处理"] {
		if len(r) > 4 && r[2] == liang {
			none = append(none, r[4])
		}
		if len(r) > 4 && r[0] == "合计" {
			unsent = r[1] + " " + r[4]
		}
	}
	if fmt.Sprint(paid) != "[6217000000000000011 1000]" || fmt.Sprint(none) != "[76.66]" {
		t.Errorf("梁水保 in the bank file: 代发 %v, 无账号待处理 %v; want the training 1000 paid, the 76.66 unsent", paid, none)
	}
	if !strings.Contains(out, "有 3 人共 537.66 元未填银行账号") || unsent != "3人 537.66" {
		t.Errorf("无账号待处理 totals %q, summary:\n%s", unsent, out)
	}
	csvBytes, err := os.ReadFile(filepath.Join(h.data, "out", "2026-11", bankDir, "区民政局_代发_草稿.csv"))
	if err != nil || !strings.Contains(string(csvBytes), ",梁水保,"+liang+",6217000000000000011,1000.00\n") {
		t.Errorf("bank CSV (%v): %s", err, csvBytes)
	}
}

// 无账号待处理 says, person by person, what to do with money not sent: a
// living senior's waits for the street to fill in the 银行账号 (a later
// month pays it as 补发, so paying it by hand as well would pay it twice);
// a dead senior's 补发, recorded without an account on purpose, goes to the
// heirs by hand, and nobody is asked for the dead person's account.
func TestUnsentSheetSaysWhatToDo(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-10", nil)
	h.runApproved("2026-11", map[string]string{"P7": "2026-09-20"})
	h.runAcceptance("2026-12", map[string]string{"P7": "2026-10-15"}) // she lived through October: its 补发 is her heirs'
	bank := allCells(t, filepath.Join(h.data, "out", "2026-12", bankDir, "区民政局_代发_草稿.xlsx"))
	rows := bank["无账号待处理"]
	if len(rows) < 2 || len(rows[1]) < 6 || rows[1][5] != "说明" {
		t.Fatalf("无账号待处理 has no 说明 column: %v", rows[:min(len(rows), 2)])
	}
	heirs, living := "", 0
	for _, r := range rows[2:] {
		switch {
		case len(r) < 6 || r[0] == "合计":
		case r[2] == heGuorong:
			heirs = r[5]
		case strings.Contains(r[5], "补填") && strings.Contains(r[5], "重复发放"):
			living++
		default:
			t.Errorf("row %v: 说明 says nothing to do", r)
		}
	}
	if !strings.Contains(heirs, "遗属") || strings.Contains(heirs, "补填") {
		t.Errorf("贺国荣's 说明: %q", heirs)
	}
	if living == 0 {
		t.Error("no living senior is asked to have the 银行账号 filled in")
	}
}

// A dead senior's 补发 is her heirs' whether or not her row still gives a
// 银行账号: without one, 无账号待处理 asked the street to fill it in (and
// not to pay by hand) while the run's summary counted the money as the
// heirs', and no later month pays a dead person's 补发 recorded so.
func TestUnsentSheetOfTheDeadWithoutAccount(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-10", nil)
	h.runApproved("2026-11", map[string]string{"P7": "2026-09-20"})
	out := h.runAcceptance("2026-12", map[string]string{"P7": "2026-10-15", "O7": ""})
	if !strings.Contains(out, "另有已故 1 人") {
		t.Errorf("the summary does not count her money as her heirs':\n%s", out)
	}
	bank := allCells(t, filepath.Join(h.data, "out", "2026-12", bankDir, "区民政局_代发_草稿.xlsx"))
	heirs := ""
	for _, r := range bank["无账号待处理"] {
		if len(r) >= 6 && r[2] == heGuorong {
			heirs = r[5]
		}
	}
	if !strings.Contains(heirs, "遗属") || strings.Contains(heirs, "补填") {
		t.Errorf("贺国荣's 说明: %q", heirs)
	}
}

// A senior's month recorded without a 银行账号 waited for the street to fill
// one in; when she dies before the account comes, that money is her
// heirs': the next month records it for them (无账号待处理, by hand). It
// was counted as paid by having been recorded, and was on no list again.
func TestUnsentMoneyOfTheDeadGoesToTheHeirs(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runApproved("2026-10", map[string]string{"O7": ""})
	october := decimal.Zero
	for _, l := range h.linesOf(domain.Month{Year: 2026, Month: 10}, heGuorong) {
		if l.Unit == domain.UnitYuan && l.Account == "" {
			october = october.Add(l.Amount)
		}
	}
	if !october.IsPositive() {
		t.Fatal("October records none of 贺国荣's money without an account")
	}
	h.runAcceptance("2026-11", map[string]string{"P7": "2026-10-15", "O7": ""}) // she lived into October
	owed := decimal.Zero
	for _, l := range h.linesOf(domain.Month{Year: 2026, Month: 11}, heGuorong) {
		if l.Corrects.String() != "2026-10" || l.Account != "" || !strings.Contains(l.Params.Note, "遗属") {
			t.Errorf("November's line %s %s (account %q): %s", l.Benefit, l.Amount, l.Account, l.Params.Note)
		}
		owed = owed.Add(l.Amount)
	}
	if !owed.Equal(october) {
		t.Errorf("November records %s for her heirs, October left %s unsent", owed, october)
	}
}

// Two streets whose names differ only in a character no file name may hold
// get a copy each: with _ for it, 东街/街道 and 东街_街道 were one file, and
// the street written last overwrote the other's copy.
func TestStreetCopiesOfNamesAFileNameCannotTellApart(t *testing.T) {
	h := newHarness(t, "")
	h.runAcceptance("2026-11", map[string]string{"B7": "东街/街道", "B12": "东街_街道"})
	got := listDir(t, filepath.Join(h.data, "out", "2026-11", "街道"))
	for _, want := range []string{"东街／街道.xlsx", "东街_街道.xlsx", "东街街道.xlsx"} {
		if !slices.Contains(got, want) {
			t.Errorf("street copies %v: no %s", got, want)
		}
	}
}

// Street names that differ only in case would be one file on a Windows
// share: they refuse the run, recording nothing, rather than one street's
// copy overwriting the other's there.
func TestStreetCopiesOfOneFileNameRefuseTheRun(t *testing.T) {
	h := newHarness(t, "")
	copyDir(t, acceptanceInbox, h.inbox)
	east := filepath.Join(h.inbox, acceptanceEast)
	setCell(t, east, "Sheet1", "B7", "Dongjie")
	setCell(t, east, "Sheet1", "B12", "DONGJIE")
	code, _, errOut := h.main("run", "--month", "2026-11")
	if code == ExitOK || !strings.Contains(errOut, "两份输出会写成同一个文件") || !strings.Contains(errOut, "DONGJIE.xlsx") {
		t.Fatalf("exit %d, stderr:\n%s\n%v", code, errOut, listDir(t, filepath.Join(h.data, "out", "2026-11", "街道")))
	}
	if n := h.runsOf("2026-11"); n != 0 {
		t.Errorf("%d runs recorded", n)
	}
}

// Someone who died within the month and is paid it into the account on
// their row gets one notice, however many lines; someone dead before the
// month, one without an account (the heirs' by hand already), and a
// kWh line get none.
func TestDiedInMonthPaid(t *testing.T) {
	nov := domain.Month{Year: 2026, Month: 11}
	people := []domain.Person{
		{ID: "1", Name: "某1", Death: time.Date(2026, 11, 14, 0, 0, 0, 0, time.UTC)},
		{ID: "2", Name: "某2", Death: time.Date(2026, 10, 14, 0, 0, 0, 0, time.UTC)},
		{ID: "3", Name: "某3", Death: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)},
		{ID: "4", Name: "某4"},
	}
	line := func(id, unit, account string) domain.Line {
		return domain.Line{PersonID: id, Unit: unit, Account: account}
	}
	got := diedInMonthPaid(nov, people, []domain.Line{
		line("1", domain.UnitYuan, "6217"), line("1", domain.UnitYuan, "6217"), line("2", domain.UnitYuan, "6228"),
		line("3", domain.UnitYuan, ""), line("3", domain.UnitKWh, "0012"), line("4", domain.UnitYuan, "6229"),
	})
	if len(got) != 1 || got[0].AsWritten != "1" || got[0].Code != "died_in_month_paid" || !strings.Contains(got[0].Message, "2026-11-14") || !strings.Contains(got[0].Message, "6217") {
		t.Errorf("notices %+v, want one of 某1's death on 2026-11-14 and account 6217", got)
	}
}

// death_month_unlisted says a row was deleted only of someone the month
// compared with listed: a death list's stranger, on no roster ever, was
// said to have had a row deleted.
func TestDiedUnlistedSaysDeletedOnlyOfARow(t *testing.T) {
	nov := domain.Month{Year: 2026, Month: 11}
	listed := domain.Person{ID: "140502194204206481", Name: "贺国荣", Source: domain.Location{File: "东街.xlsx", Sheet: "Sheet1", Row: 7}}
	prev := &changes.Snapshot{Month: nov.Prev(), Listings: []domain.Listing{{Person: &listed}}}
	died := time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)
	got := diedUnlisted(nov, nil, []domain.Person{{ID: listed.ID, Death: died}, {ID: "140502193807075930", Death: died}}, prev, func(code string) string { return code })
	if len(got) != 2 {
		t.Fatalf("notices %+v, want two", got)
	}
	for _, f := range got {
		if deleted := strings.Contains(f.Message, "行已删除"); deleted != (f.AsWritten == listed.ID) {
			t.Errorf("%s: %s", f.AsWritten, f.Message)
		}
	}
}

// A dead senior's month and its 补发, both without an account, make one
// payee on 无账号待处理 whose 说明 says each clause of their notes once:
// both ended in the same request to pay the heirs by hand, said twice.
func TestWhatToDoSaysEachClauseOnce(t *testing.T) {
	heirs := "此人已于2026-10-10去世（死亡当月照发），本行未填银行账号，本笔无账号、" + domain.UnsentMark + "：请核实后向其遗属手工发放"
	line := func(corrects domain.Month, note string) domain.Line {
		return domain.Line{PersonID: "140502194204206481", Name: "杨国庆", Benefit: "senior_allowance", Amount: decimal.RequireFromString("76.67"), Unit: domain.UnitYuan, Department: "区民政局",
			Corrects: corrects, Params: &domain.Params{Note: note}}
	}
	b, err := bankFile("区民政局", []domain.Line{line(domain.Month{}, heirs), line(domain.Month{Year: 2026, Month: 9}, "补发2026-09：当月应发76.67元，因未填银行账号未能代发；"+heirs)})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.noAccount) != 1 {
		t.Fatalf("%d payees without an account, want 1", len(b.noAccount))
	}
	if got := b.whatToDo(&b.noAccount[0]); strings.Count(got, "请核实后向其遗属手工发放") != 1 || !strings.Contains(got, "补发2026-09") {
		t.Errorf("说明: %s", got)
	}
}

// A senior on 待核实 since October whose death in November a January death
// list first gives: November was lived in and paid nobody, and no month
// said so (only a death in the month compared with was told). Each such
// month is told once, with what the last paid month paid; a death within
// the last month that paid them owes nothing more.
func TestDiedUnlistedTellsEveryMonthUpToTheDeath(t *testing.T) {
	jan := domain.Month{Year: 2027, Month: 1}
	oct := domain.Month{Year: 2026, Month: 10}
	id := "140502194404040228"
	missing := changes.Missing{PersonID: id, Name: "卫十二", Street: "东街街道", Community: "一社区", Since: oct,
		LastLines: []domain.Line{{PersonID: id, Benefit: "senior_allowance", Amount: decimal.RequireFromString("76.67"), Unit: domain.UnitYuan}}}
	prev := &changes.Snapshot{Month: jan.Prev(), Unlisted: []changes.Missing{missing}}
	name := func(code string) string { return map[string]string{"senior_allowance": "高龄津贴"}[code] }
	for _, c := range []struct {
		died   time.Time
		months string // "" when nothing is owed
	}{
		{time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), "2026年11月各花名册均未列入此人"},
		{time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), "2026年11月至2026年12月各花名册均未列入此人"},
		{time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC), ""},
		// In January itself: November and December unpaid as well.
		{time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC), "2026年11月至2026年12月也未发放，同样应向其遗属手工补发"},
	} {
		got := diedUnlisted(jan, nil, []domain.Person{{ID: id, Death: c.died}}, prev, name)
		switch {
		case c.months == "" && len(got) != 0:
			t.Errorf("died %s, within the month last paid: %+v", c.died.Format("2006-01-02"), got)
		case c.months != "" && (len(got) != 1 || got[0].Code != "death_month_unlisted" || !strings.Contains(got[0].Message, c.months) ||
			!strings.Contains(got[0].Message, "2026年10月最后一次发放高龄津贴76.67元") || got[0].Name != "卫十二"):
			t.Errorf("died %s: %+v, want one notice of %q with October's 76.67", c.died.Format("2006-01-02"), got, c.months)
		}
	}
}

// A benefit sheet says below its totals which items and dated rates it
// pays by, and that a 补发 of an earlier month is paid by that month's: in a
// month of a rate change, a signed printout did not tell 83.33 at the new
// rate from 76.67 at the old. An item the source does not name is added.
func TestSheetSaysItsRates(t *testing.T) {
	bk, err := rules.Load("../../rules")
	if err != nil {
		t.Fatal(err)
	}
	table, err := bk.ForMonth(mustMonth(t, "2026-11"))
	if err != nil {
		t.Fatal(err)
	}
	b := *table.Benefit("senior_allowance")
	own := &domain.Line{Benefit: b.Code}
	back := &domain.Line{Benefit: b.Code, Corrects: mustMonth(t, "2026-09")}
	if got, want := sheetOf(b, []*domain.Line{own}).Basis, "标准依据：晋城市城区基本养老服务清单 第16、17项，自2024-01-01起执行的标准"; got != want {
		t.Errorf("basis %q, want %q", got, want)
	}
	if got := sheetOf(b, []*domain.Line{own, back}).Basis; !strings.HasSuffix(got, "；补发的各月按该月执行的标准") {
		t.Errorf("basis with a 补发: %q", got)
	}
	v := *b.Version
	v.Item = "19-2026"
	b.Version = &v
	if got := sheetOf(b, []*domain.Line{own}).Basis; !strings.Contains(got, "第16、17项（第19-2026项），自2024-01-01起") {
		t.Errorf("basis of an item the source does not name: %q", got)
	}
}

// The calculator's notices on a cell (a bare 特困, a 残疾等级 without its
// 残疾类别) name the cell's column by its letter, as the reader's do: by
// the header alone, 异常清单 read as if the sheet had no such column.
func TestCalculatorNoticesNameTheColumnLetter(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-11", map[string]string{"I7": "特困", "L7": "三级"})
	got := map[string]string{}
	for _, f := range h.findings(mustMonth(t, "2026-11")) {
		if f.AsWritten == heGuorong {
			got[f.Code] = f.Where.Column + " " + f.Where.Header
		}
	}
	for code, want := range map[string]string{"tekun_unspecified": "I 特困类别", "disability_incomplete": "M 残疾类别"} {
		if got[code] != want {
			t.Errorf("%s at %q, want %q (all: %v)", code, got[code], want, got)
		}
	}
}
