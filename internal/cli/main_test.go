package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"disburse/internal/domain"
	"disburse/internal/store"
)

const rulesDir = "../../rules"

// harness is one in-process run of the program on a private copy of an
// inbox.
type harness struct {
	t     *testing.T
	inbox string
	data  string
}

func newHarness(t *testing.T, inboxSrc string) *harness {
	t.Helper()
	h := &harness{t: t, inbox: filepath.Join(t.TempDir(), "inbox"), data: filepath.Join(t.TempDir(), "data")}
	if err := os.MkdirAll(h.inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	if inboxSrc != "" {
		copyDir(t, inboxSrc, h.inbox)
	}
	return h
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			copyFile(t, filepath.Join(src, e.Name()), filepath.Join(dst, e.Name()))
		}
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// rulesCopy returns a copy of the program's rules folder in which edit has
// rewritten each file (given its name and content); a file for which edit
// returns nil is left out.
func rulesCopy(t *testing.T, edit func(name string, b []byte) []byte) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(rulesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(rulesDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if b = edit(e.Name(), b); b == nil {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// main runs the program with args and the harness's folders appended where
// the command takes them; it returns the exit code, stdout and stderr.
func (h *harness) main(args ...string) (int, string, string) {
	h.t.Helper()
	switch args[0] {
	case "run":
		args = append(args, "--inbox", h.inbox, "--data", h.data)
		if !slices.Contains(args, "--rules") { // a caller's own rules are kept
			args = append(args, "--rules", rulesDir)
		}
	case "approve":
		if !slices.Contains(args, "--inbox") {
			args = append(args, "--inbox", h.inbox)
		}
	case "payments", "changes":
		args = append(args, "--data", h.data)
	case "rules":
		if !slices.Contains(args, "--rules") {
			args = append(args, "--rules", rulesDir)
		}
	}
	var out, errb bytes.Buffer
	code := Main(context.Background(), append(args, "--quiet"), &out, &errb)
	return code, out.String(), errb.String()
}

// runExit is the exit status of a run that recorded its month and printed
// the summary out: 5 when the summary has ！！ warnings, else 0.
func runExit(out string) int {
	if len(bangLines(out)) > 0 {
		return ExitWarned
	}
	return ExitOK
}

// mustRun runs the command and fails the test unless it succeeded: exit 0,
// or, for run, exit 5 exactly when its summary has ！！ warnings (and 0
// exactly when it has none).
func (h *harness) mustRun(args ...string) string {
	h.t.Helper()
	code, out, errs := h.main(args...)
	want := ExitOK
	if len(args) > 0 && args[0] == "run" {
		want = runExit(out)
	}
	if code != want {
		h.t.Fatalf("%v: exit %d, want %d\n%s\n%s", args, code, want, out, errs)
	}
	return out
}

func (h *harness) db() *store.DB {
	h.t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(h.data, "disburse.db"))
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { db.Close() })
	return db
}

// payment is one line as compared with expected files: amounts compared as
// decimals, so 15.00 kWh equals 15.
type payment struct{ id, benefit, amount, unit string }

func readPayments(t *testing.T, r io.Reader) []payment {
	t.Helper()
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var out []payment
	for _, r := range rows[1:] {
		amt := decimal.RequireFromString(r[col["amount"]])
		out = append(out, payment{r[col["id_number"]], r[col["benefit"]], amt.String(), r[col["unit"]]})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].id != out[j].id {
			return out[i].id < out[j].id
		}
		return out[i].benefit < out[j].benefit
	})
	return out
}

func diffPayments(t *testing.T, got, want []payment) {
	t.Helper()
	key := func(p payment) string { return p.id + " " + p.benefit + " " + p.amount + " " + p.unit }
	w := map[string]bool{}
	for _, p := range want {
		w[key(p)] = true
	}
	g := map[string]bool{}
	for _, p := range got {
		g[key(p)] = true
		if !w[key(p)] {
			t.Errorf("paid but not expected: %s", key(p))
		}
	}
	for _, p := range want {
		if !g[key(p)] {
			t.Errorf("expected but not paid: %s", key(p))
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d lines, want %d", len(got), len(want))
	}
}

// findings returns the findings the latest run of m recorded.
func (h *harness) findings(m domain.Month) []domain.Finding {
	h.t.Helper()
	db := h.db()
	run, ok, err := db.LatestRun(context.Background(), m)
	if err != nil || !ok {
		h.t.Fatalf("no run of %s: %v", m, err)
	}
	findings, err := db.Findings(context.Background(), run.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return findings
}

// 贺国荣 is on row 7 of 东街's roster in the acceptance inbox; her 死亡日期
// is column P and her 备注 column Q.
const heGuorong, acceptanceEast = "140502194204206481", "2026年11月_东街街道_老年人补贴花名册.xlsx"

// runAcceptance runs month m (with args after it, such as --replace) on a
// fresh copy of the acceptance inbox whose 东街 Sheet1 has the cells given
// set ("Q7": "下月停发"), and returns what it printed.
func (h *harness) runAcceptance(m string, cells map[string]string, args ...string) string {
	h.t.Helper()
	copyDir(h.t, acceptanceInbox, h.inbox)
	for cell, v := range cells {
		setCell(h.t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", cell, v)
	}
	return h.mustRun(append([]string{"run", "--month", m}, args...)...)
}

// fixtureMonths is a harness that has run the fixture's October and
// November, then November's rosters again as each of later: months whose
// 待核实 runs on (张老汉, paid in October only).
func fixtureMonths(t *testing.T, later ...string) *harness {
	t.Helper()
	h := newHarness(t, "../../fixtures/inbox/2026-10")
	h.mustRun("run", "--month", "2026-10")
	for _, m := range append([]string{"2026-11"}, later...) {
		copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
		h.mustRun("run", "--month", m)
	}
	return h
}

// runAcceptanceWithout runs month m (with args after it) on a fresh copy
// of the acceptance inbox without 贺国荣's row, and returns what it printed.
func (h *harness) runAcceptanceWithout(m string, args ...string) string {
	h.t.Helper()
	copyDir(h.t, acceptanceInbox, h.inbox)
	removeRosterRow(h.t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", 7, heGuorong)
	return h.mustRun(append([]string{"run", "--month", m}, args...)...)
}

// changeRows returns the rows of the changes command's CSV for month m
// that name id, those of kind only when kind is not "" (missing, stopped),
// one per line.
func (h *harness) changeRows(m, id, kind string) string {
	h.t.Helper()
	_, out, _ := h.main("changes", "--month", m, "--data", h.data, "--format", "csv")
	var rows []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, id) && strings.HasPrefix(l, kind) {
			rows = append(rows, l)
		}
	}
	return strings.Join(rows, "\n")
}

// person returns, for the latest run of m, the codes of the held findings
// and of the notices whose ID cell (AsWritten) is id, and whether a line
// pays id.
func (h *harness) person(m domain.Month, id string) (held, notice []string, paid bool) {
	h.t.Helper()
	for _, f := range h.findings(m) {
		switch {
		case f.AsWritten != id:
		case f.Severity == domain.Held:
			held = append(held, f.Code)
		default:
			notice = append(notice, f.Code)
		}
	}
	return held, notice, len(h.linesOf(m, id)) > 0
}

// linesOf returns the lines of month m's latest run that pay id, in
// recorded order.
func (h *harness) linesOf(m domain.Month, id string) []domain.Line {
	h.t.Helper()
	return slices.DeleteFunc(h.lines(m), func(l domain.Line) bool { return l.PersonID != id })
}

// lines returns every line of month m's latest run, in recorded order;
// the test fails when m has no run.
func (h *harness) lines(m domain.Month) []domain.Line {
	h.t.Helper()
	db := h.db()
	run, ok, err := db.LatestRun(context.Background(), m)
	if err != nil || !ok {
		h.t.Fatalf("%s: no run (%v)", m, err)
	}
	lines, err := db.Lines(context.Background(), run.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return lines
}

// approvedWithout runs each of months as runAcceptanceWithout does (贺国荣's
// row deleted) and approves it.
func (h *harness) approvedWithout(months ...string) {
	h.t.Helper()
	for _, m := range months {
		h.runAcceptanceWithout(m)
		h.approve(m)
	}
}

// heldRows returns "file,row" of every held row of the latest run.
func (h *harness) heldRows(m domain.Month) []string {
	h.t.Helper()
	set := map[string]bool{}
	for _, f := range h.findings(m) {
		if f.Severity == domain.Held {
			set[f.Where.File+","+strconv.Itoa(f.Where.Row)] = true
		}
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func readHeldCSV(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[0]+","+r[1])
	}
	sort.Strings(out)
	return out
}

// The independent acceptance month: our run must record exactly its
// expected payment lines and hold exactly its expected rows.
func TestAcceptanceMonth(t *testing.T) {
	const dir = "../../fixtures/acceptance/2026-11"
	h := newHarness(t, filepath.Join(dir, "inbox"))
	h.mustRun("run", "--month", "2026-11")
	_, csvOut, _ := h.main("payments", "--month", "2026-11", "--format", "csv")

	want, err := os.Open(filepath.Join(dir, "expected_payments.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	diffPayments(t, readPayments(t, strings.NewReader(csvOut)), readPayments(t, want))

	got, wantHeld := h.heldRows(domain.Month{Year: 2026, Month: 11}), readHeldCSV(t, filepath.Join(dir, "expected_held.csv"))
	if strings.Join(got, "\n") != strings.Join(wantHeld, "\n") {
		t.Errorf("held rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantHeld, "\n"))
	}
	h.checkWorkbookTotals(domain.Month{Year: 2026, Month: 11})
}

// checkWorkbookTotals reads the 合计 row of every benefit sheet of every
// department workbook and compares it with the database's own sum.
func (h *harness) checkWorkbookTotals(m domain.Month) {
	t := h.t
	t.Helper()
	db := h.db()
	run, _, err := db.LatestRun(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	totals, err := db.Totals(context.Background(), run.ID)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := db.Lines(context.Background(), run.ID)
	if err != nil {
		t.Fatal(err)
	}
	people := map[string]map[string]bool{} // benefit -> people (arrears lines are not more people)
	for _, l := range lines {
		if people[l.Benefit] == nil {
			people[l.Benefit] = map[string]bool{}
		}
		people[l.Benefit][l.PersonID] = true
	}
	names := map[string]string{"senior_allowance": "高龄津贴", "care_subsidy": "护理补贴", "disability_living_subsidy": "困难残疾人生活补贴", "disability_care_subsidy": "重度残疾人护理补贴", "free_electricity": "免费用电基数", "caregiver_training_subsidy": "家庭照护培训补贴"}
	for _, tot := range totals {
		path := filepath.Join(h.data, "out", m.String(), tot.Department+".xlsx")
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("%s: %v", tot.Benefit, err)
		}
		rows, err := f.GetRows(names[tot.Benefit], excelize.Options{RawCellValue: true})
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", tot.Benefit, err)
		}
		var found bool
		for _, r := range rows {
			if len(r) == 0 || r[0] != "合计" {
				continue
			}
			found = true
			want := decimal.New(tot.Hundredths, -2)
			var ok bool
			for _, c := range r[1:] {
				if d, err := decimal.NewFromString(c); err == nil && d.Equal(want) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s 合计 row %v does not hold the database total %s", tot.Benefit, r, want)
			}
			if n := len(people[tot.Benefit]); !strings.Contains(strings.Join(r, " "), strconv.Itoa(n)+"人") {
				t.Errorf("%s 合计 row %v does not count %d people", tot.Benefit, r, n)
			}
		}
		if !found {
			t.Errorf("%s: no 合计 row", tot.Benefit)
		}
	}
}

func mustMonth(t *testing.T, s string) domain.Month {
	t.Helper()
	m, err := domain.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// An English error of the system or SQLite gets a Chinese hint for the
// operator; any other error gets none.
func TestSystemHint(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("write out/x.xlsx: %w", syscall.ENOSPC), "磁盘空间已满"},
		{errors.New("insert lines: database or disk is full (13)"), "提交记录前失败的运行不记录任何内容"},
		{&afterCommitError{runID: 2, err: fmt.Errorf("move x.xlsx: %w", syscall.ENOSPC)}, "本次发放已记录"},
		{errors.New("insert run: database is locked (5) (SQLITE_BUSY)"), "数据库被其他程序占用"},
		{fmt.Errorf("read inbox: %w", &fs.PathError{Op: "open", Path: "inbox", Err: fs.ErrNotExist}), "不存在"},
		{fmt.Errorf("create data: %w", &fs.PathError{Op: "mkdir", Path: "data", Err: syscall.EACCES}), "权限"},
		{errors.New("attempt to write a readonly database (8)"), "权限"},
		{errors.New("open database: read PRAGMA busy_timeout: database disk image is malformed (11)"), "已损坏"},
		{errors.New("open database: read PRAGMA busy_timeout: file is not a database (26)"), "已损坏"},
		{errors.New("open database: read PRAGMA busy_timeout: disk I/O error (4874)"), "读写磁盘出错"},
		{errors.New("open database: unable to open database file (14)"), "数据库文件打不开"},
		{fmt.Errorf("create data folder: %w", &fs.PathError{Op: "mkdir", Path: "data/out", Err: syscall.ENOTDIR}), "是一个文件"},
		{errors.New("2026-11 已有发放记录"), ""},
	} {
		if got := systemHint(c.err); (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%v: hint %q, want one with %q", c.err, got, c.want)
		}
	}
}

// approve approves month m's latest run, warnings or not.
func (h *harness) approve(m string) {
	h.t.Helper()
	h.mustRun("approve", "--month", m, "--by", "王会计", "--despite-warnings", "--data", h.data)
}

// recoveries returns the recoveries (追回) of month m's latest run that
// name id, in their recorded order.
func (h *harness) recoveries(m, id string) []domain.Recovery {
	h.t.Helper()
	db := h.db()
	run, _, _ := db.LatestRun(context.Background(), mustMonth(h.t, m))
	recs, err := db.Recoveries(context.Background(), run.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return slices.DeleteFunc(recs, func(r domain.Recovery) bool { return r.PersonID != id })
}

// runApproved runs month m as runAcceptance does (cells changed in
// 贺国荣's roster) and approves it.
func (h *harness) runApproved(m string, cells map[string]string) {
	h.t.Helper()
	h.runAcceptance(m, cells)
	h.approve(m)
}

// payments --run of another month, or of no run, is refused in Chinese.
func TestPaymentsOfTheWrongRun(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	copyDir(t, acceptanceInbox, h.inbox)
	h.mustRun("run", "--month", "2026-10")
	for run, want := range map[string]string{"1": "运行1 是 2026-11 的发放，不是 2026-10 的", "99": "没有运行编号 99 的发放记录", "0": "运行编号从 1 开始"} {
		if code, _, errs := h.main("payments", "--month", "2026-10", "--run", run); code == ExitOK || !strings.Contains(errs, want) {
			t.Errorf("payments --run %s: exit %d\n%s", run, code, errs)
		}
	}
}

// payments --help gives the header each CSV it prints has: it said the
// payment lines' ended at department when they had gained corrects.
func TestPaymentsHelpGivesTheHeaders(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	_, help, _ := h.main("payments", "--help")
	help = strings.Join(strings.Fields(help), " ")
	for _, args := range [][]string{{}, {"--recoveries"}} {
		_, out, _ := h.main(append([]string{"payments", "--month", "2026-11", "--data", h.data, "--format", "csv"}, args...)...)
		header, _, _ := strings.Cut(strings.TrimPrefix(out, "\ufeff"), "\n")
		if !strings.Contains(help, "header "+header+".") && !strings.Contains(help, "header "+header+":") {
			t.Errorf("payments %v prints the header %q, which its help does not give:\n%s", args, header, help)
		}
	}
}
