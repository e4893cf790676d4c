package cli

import (
	"context"
	"fmt"

	"disburse/internal/domain"
	"disburse/internal/roster"
	"disburse/internal/store"
)

// holdAccountsChangedHands holds (account_changed_hands), at its 银行账号
// column, every row of month m whose 银行账号 the latest run of the month
// before (draft or approved) gave for another ID and not for this row's:
// a person removed last month and a new one listed with the same account
// is the pattern, and the bank credits an account only to its holder's
// name, so the money would go to last month's holder. account_shared sees
// one month only, and the 账号姓名变更 change list only people paid both
// months. Rows already held, rows without an account or without a valid ID
// are left as they are. It must run before roster.Consolidate, in a run and
// in a re-run alike.
func holdAccountsChangedHands(ctx context.Context, db *store.DB, m domain.Month, wbs []*roster.Workbook) error {
	checked := func(e *roster.Entry) bool { return !e.Held && e.Person.ID != "" && e.Person.BankAccount != "" }
	var claims []store.AccountClaim // a person on two rows claims twice: the store counts each once
	for _, wb := range wbs {
		for i := range wb.Entries {
			if e := &wb.Entries[i]; checked(e) {
				claims = append(claims, store.AccountClaim{Account: e.Person.BankAccount, ID: e.Person.ID})
			}
		}
	}
	others, err := db.AccountsOfOthers(ctx, m, claims)
	if err != nil || len(others) == 0 {
		return err
	}
	for _, wb := range wbs {
		for i := range wb.Entries {
			e := &wb.Entries[i]
			if !checked(e) {
				continue
			}
			h, ok := others[store.AccountClaim{Account: e.Person.BankAccount, ID: e.Person.ID}]
			if !ok {
				continue
			}
			name := h.Name
			if name == "" {
				name = "姓名为空"
			}
			e.HoldAtBankAccount("account_changed_hands", fmt.Sprintf(
				"此银行账号上月（%s）为「%s（%s）」的账号（花名册「%s」），本月填给了另一身份证号；银行只按户名入账，为免把钱打入他人账户，本行暂缓发放；请向本人核实此账号确为其本人名下账号：如不是，请改填本人账号后重新报送；如确是，本月仍暂缓，下月起照常发放",
				h.Month, name, h.ID, h.File))
		}
	}
	return nil
}
