package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"disburse/internal/report"
)

// Two people of two streets given one 银行账号 are both held
// (account_shared): neither is in the bank file nor paid, both are in
// 异常清单 at the 银行账号 column and in their street's copy.
func TestSharedAccountHeldEndToEnd(t *testing.T) {
	const (
		east, south = "2026年11月_东街街道_老年人补贴花名册.xlsx", "2026年11月_南街街道_老年人补贴花名册.xlsx"
		he, jin     = "140502194204206481", "140524194105010692" // 贺国荣 (东街 row 7), 金香明 (南街 row 10)
		account     = "6217000000000000950"
	)
	h := newHarness(t, acceptanceInbox)
	setCell(t, filepath.Join(h.inbox, east), "Sheet1", "O7", account)
	setCell(t, filepath.Join(h.inbox, south), "Sheet1", "O10", account)
	h.mustRun("run", "--month", "2026-11")

	held := strings.Join(h.heldRows(mustMonth(t, "2026-11")), "\n")
	for _, want := range []string{east + ",7", south + ",10"} {
		if !strings.Contains(held, want) {
			t.Errorf("%s not held:\n%s", want, held)
		}
	}
	_, payments, _ := h.main("payments", "--month", "2026-11", "--format", "csv")
	out := filepath.Join(h.data, "out", "2026-11")
	bank, err := os.ReadFile(filepath.Join(out, bankDir, "区民政局_代发_草稿.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{he, jin, account} {
		if strings.Contains(payments, s) || strings.Contains(string(bank), s) {
			t.Errorf("%s is paid (payments or 代发)", s)
		}
	}
	exceptions, err := report.Dump(filepath.Join(out, exceptionsFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\t7\tO 银行账号\t贺国荣\t" + he + "\taccount_shared\t与「金香明（" + jin + "）」",
		"\t10\tO 银行账号\t金香明\t" + jin + "\taccount_shared\t与「贺国荣（" + he + "）」",
	} {
		if !strings.Contains(exceptions, want) {
			t.Errorf("异常清单 lacks %q", want)
		}
	}
	for street, id := range map[string]string{"东街街道": he, "南街街道": jin} {
		dump, err := report.Dump(filepath.Join(out, streetDir, street+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(dump, id+"\taccount_shared") {
			t.Errorf("%s copy does not list %s as held for account_shared", street, id)
		}
	}
}
