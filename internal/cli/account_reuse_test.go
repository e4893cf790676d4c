package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"disburse/internal/domain"
)

// Row 10 of 东街 and the account October gives 张老汉 there, which
// November gives 陈东长 on the same row.
const (
	octEast, novEast = "2026年10月_东街街道_老年人补贴花名册.xlsx", "2026年11月_东街街道_老年人补贴花名册.xlsx"
	zhang, chen      = "140502193803031236", "140502194005299793" // 东街 row 10: 张老汉 in October, 陈东长 in November
	reusedAccount    = "6217752778611723581"                      // 陈东长's in November
)

// accountReused runs October, with 张老汉's account set to reusedAccount,
// approves it, and runs November from the fixture inbox.
func accountReused(t *testing.T) *harness {
	h := newHarness(t, "../../fixtures/inbox/2026-10")
	setCell(t, filepath.Join(h.inbox, octEast), "Sheet1", "O10", reusedAccount)
	h.mustRun("run", "--month", "2026-10")
	h.approve("2026-10")
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	h.mustRun("run", "--month", "2026-11")
	return h
}

// October (approved) pays 张老汉 into an account; in November he is gone
// and a new person, 陈东长, gives the same 银行账号. Nothing within November
// is shared, yet paying him (and his 补发) would credit the account October
// paid someone else. He is held (account_changed_hands) at his 银行账号
// column, the message naming October's holder; nobody else is; a re-run
// agrees; once the roster gives his own account he is paid.
func TestAccountOfLastMonthsHolderHeld(t *testing.T) {
	h := accountReused(t)
	nov := mustMonth(t, "2026-11")
	findings := func() []domain.Finding {
		db := h.db()
		run, _, _ := db.LatestRun(context.Background(), nov)
		f, err := db.Findings(context.Background(), run.ID)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	paid := func(id string) bool {
		db := h.db()
		run, _, _ := db.LatestRun(context.Background(), nov)
		lines, _ := db.Lines(context.Background(), run.ID)
		return slices.ContainsFunc(lines, func(l domain.Line) bool { return l.PersonID == id })
	}
	var got []domain.Finding
	for _, f := range findings() {
		if f.Code == "account_changed_hands" {
			got = append(got, f)
		}
	}
	if len(got) != 1 {
		t.Fatalf("account_changed_hands findings %+v, want one, of 陈东长", got)
	}
	f := got[0]
	if f.Severity != domain.Held || f.AsWritten != chen || f.Where.File != novEast || f.Where.Row != 10 || f.Where.Column != "O" || f.Where.Header != "银行账号" {
		t.Errorf("finding %+v, want 陈东长 held at %s row 10, column O 银行账号", f, novEast)
	}
	for _, want := range []string{"上月（2026-10）", "「张老汉（" + zhang + "）」", octEast} {
		if !strings.Contains(f.Message, want) {
			t.Errorf("message %q lacks %q", f.Message, want)
		}
	}
	if paid(chen) {
		t.Error("陈东长 is paid (own line or 补发)")
	}
	bank, err := os.ReadFile(filepath.Join(h.data, "out", "2026-11", bankDir, "区民政局_代发_草稿.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(bank), reusedAccount) {
		t.Errorf("代发 credits %s", reusedAccount)
	}
	if out := h.mustRun("rerun", "--month", "2026-11", "--data", h.data); !strings.Contains(out, "identical") {
		t.Errorf("rerun:\n%s", out)
	}

	// The street office gives his own account: he is paid.
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	setCell(t, filepath.Join(h.inbox, novEast), "Sheet1", "O10", "6217752778600010001")
	h.mustRun("run", "--month", "2026-11", "--replace")
	if slices.ContainsFunc(findings(), func(f domain.Finding) bool { return f.Code == "account_changed_hands" }) || !paid(chen) {
		t.Error("陈东长 with an account of his own is still held")
	}
}

// November holds 陈东长 for the account October paid 张老汉 and is approved.
// December's roster, sent again unchanged, confirms nothing: he is held
// again, naming November's hold, and nothing is paid back. A 备注 saying
// 账号已核实 pays him, with a notice, and pays November back.
func TestAccountHeldUntilConfirmed(t *testing.T) {
	h := accountReused(t)
	h.approve("2026-11")
	dec := mustMonth(t, "2026-12")
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	h.mustRun("run", "--month", "2026-12")
	held, _, paid := h.person(dec, chen)
	if !slices.Equal(held, []string{"account_changed_hands"}) || paid {
		t.Fatalf("December, roster unchanged: held %v, paid %v; want account_changed_hands and no line", held, paid)
	}
	msg := ""
	for _, f := range h.findings(dec) {
		if f.Code == "account_changed_hands" && f.AsWritten == chen {
			msg = f.Message
		}
	}
	if !strings.Contains(msg, "2026-11的花名册「"+novEast+"」") || !strings.Contains(msg, "至今未确认") || !strings.Contains(msg, "账号已核实") {
		t.Errorf("message %q does not name November's hold and how to confirm", msg)
	}

	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	setCell(t, filepath.Join(h.inbox, novEast), "Sheet1", "Q10", "账号已核实，系本人账号")
	h.mustRun("run", "--month", "2026-12", "--replace")
	held, notice, paid := h.person(dec, chen)
	if len(held) != 0 || !slices.Contains(notice, "account_confirmed") || !paid {
		t.Errorf("December with 账号已核实: held %v, notices %v, paid %v", held, notice, paid)
	}
	run, _, _ := h.db().LatestRun(context.Background(), dec)
	lines, _ := h.db().Lines(context.Background(), run.ID)
	if !slices.ContainsFunc(lines, func(l domain.Line) bool { return l.PersonID == chen && l.Corrects.String() == "2026-11" }) {
		t.Error("November, held for the account, is not paid back once it is confirmed")
	}
}

// 张老汉, paid in October into reusedAccount, is on no roster from
// November (待核实). November gives 陈东长 an account of his own; December
// gives him 张老汉's: he is held, naming 张老汉 on 待核实, though November's
// rosters did not list that account.
func TestAccountOfAMissingSeniorHeld(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-10")
	setCell(t, filepath.Join(h.inbox, octEast), "Sheet1", "O10", reusedAccount)
	h.mustRun("run", "--month", "2026-10")
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	setCell(t, filepath.Join(h.inbox, novEast), "Sheet1", "O10", "6217752778600010001")
	h.mustRun("run", "--month", "2026-11")
	if held, _, paid := h.person(mustMonth(t, "2026-11"), chen); len(held) != 0 || !paid {
		t.Fatalf("November, his own account: held %v, paid %v", held, paid)
	}
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	h.mustRun("run", "--month", "2026-12")
	dec := mustMonth(t, "2026-12")
	held, _, paid := h.person(dec, chen)
	if !slices.Equal(held, []string{"account_changed_hands"}) || paid {
		t.Fatalf("December, 张老汉's account: held %v, paid %v; want account_changed_hands", held, paid)
	}
	for _, f := range h.findings(dec) {
		if f.Code == "account_changed_hands" && f.AsWritten == chen && !strings.Contains(f.Message, "「张老汉（"+zhang+"）」的账号（2026-10发放），此人此后各花名册均未列入、正在待核实") {
			t.Errorf("message %q does not name 张老汉 on 待核实", f.Message)
		}
	}
}

// longMissing runs September, paying 贺国荣, then October and November
// without her row (待核实 both months), and returns her 银行账号.
func longMissing(t *testing.T) (*harness, string) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-09", nil)
	lines := h.lines(mustMonth(t, "2026-09"))
	account := ""
	for _, l := range lines {
		if l.PersonID == heGuorong && l.Unit == domain.UnitYuan {
			account = l.Account
		}
	}
	if account == "" {
		t.Fatal("September pays 贺国荣 into no account")
	}
	for _, m := range []string{"2026-10", "2026-11"} {
		h.runAcceptanceWithout(m)
	}
	return h, account
}

// 贺国荣, paid in September, is on no roster in October and November (待核实
// both months); December gives her 银行账号 to 尹建 (row 10): he is held,
// however long she has been on 待核实.
func TestAccountOfALongMissingSeniorHeld(t *testing.T) {
	h, account := longMissing(t)
	copyDir(t, acceptanceInbox, h.inbox)
	removeRosterRow(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", 7, heGuorong)
	setCell(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", "O9", account) // row 10 moved up to 9
	h.mustRun("run", "--month", "2026-12")
	if held, _, paid := h.person(mustMonth(t, "2026-12"), "140502194612013195"); !slices.Equal(held, []string{"account_changed_hands"}) || paid {
		t.Errorf("December, 尹建 with 贺国荣's account: held %v, paid %v", held, paid)
	}
}

// As above, but December lists 贺国荣 again with a 死亡日期: 尹建's hold
// names her death on this month's roster, not 待核实.
func TestAccountOfAMissingSeniorListedDeadHeld(t *testing.T) {
	h, account := longMissing(t)
	h.runAcceptance("2026-12", map[string]string{"P7": "2026-11-10", "O10": account})
	dec := mustMonth(t, "2026-12")
	if held, _, paid := h.person(dec, "140502194612013195"); !slices.Equal(held, []string{"account_changed_hands"}) || paid {
		t.Fatalf("December, 尹建 with 贺国荣's account: held %v, paid %v", held, paid)
	}
	for _, f := range h.findings(dec) {
		if f.Code == "account_changed_hands" && (strings.Contains(f.Message, "待核实") || !strings.Contains(f.Message, "是已故的「贺国荣（"+heGuorong+"）」的账号（2026-12的花名册「"+acceptanceEast+"」记载死亡日期2026-11-10）")) {
			t.Errorf("message %q does not name her death on December's roster", f.Message)
		}
	}
}

// September's roster gives 贺国荣 a 死亡日期 in August; October's and
// November's no longer list her, and November gives her 银行账号 to another
// senior of 东街: he is held, naming her death two months back, until the
// 备注 says 账号已核实.
func TestAccountOfTheDeadHeld(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.runAcceptance("2026-08", nil)
	lines := h.lines(mustMonth(t, "2026-08"))
	account, heir, row := "", "", 0
	for _, l := range lines {
		switch {
		case l.Unit != domain.UnitYuan || l.Source.File != acceptanceEast:
		case l.PersonID == heGuorong:
			account = l.Account
		case heir == "" && l.Source.Row > 7 && l.Account != "":
			heir, row = l.PersonID, l.Source.Row-1 // row 7 is removed below
		}
	}
	if account == "" || heir == "" {
		t.Fatal("no account of 贺国荣 or no other senior paid on 东街")
	}
	h.runAcceptance("2026-09", map[string]string{"P7": "2026-08-20"})
	h.runAcceptanceWithout("2026-10")
	november := func(remark string, args ...string) {
		copyDir(t, acceptanceInbox, h.inbox)
		removeRosterRow(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", 7, heGuorong)
		setCell(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", fmt.Sprintf("O%d", row), account)
		setCell(t, filepath.Join(h.inbox, acceptanceEast), "Sheet1", fmt.Sprintf("Q%d", row), remark)
		h.mustRun(append([]string{"run", "--month", "2026-11"}, args...)...)
	}
	november("")
	nov := mustMonth(t, "2026-11")
	if held, _, paid := h.person(nov, heir); !slices.Equal(held, []string{"account_changed_hands"}) || paid {
		t.Fatalf("November, %s with the dead 贺国荣's account: held %v, paid %v", heir, held, paid)
	}
	for _, f := range h.findings(nov) {
		if f.Code == "account_changed_hands" && (!strings.Contains(f.Message, "「贺国荣（"+heGuorong+"）」") || !strings.Contains(f.Message, "2026-09的花名册「"+acceptanceEast+"」记载死亡日期2026-08-20")) {
			t.Errorf("message %q does not name her death", f.Message)
		}
	}
	november("账号已核实", "--replace")
	if held, _, paid := h.person(nov, heir); len(held) != 0 || !paid {
		t.Errorf("November with 账号已核实: held %v, paid %v", held, paid)
	}
}
