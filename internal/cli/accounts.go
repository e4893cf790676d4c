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
// months. A row held so last month for the same account is held again
// (store.AccountHolder.Unconfirmed): sending the roster again unchanged
// confirms nothing. A row whose 备注 says the account is the person's own
// (账号已核实: roster.Entry.AccountConfirmed) is paid instead, with the
// notice account_confirmed. Rows already held, rows without an account or
// without a valid ID are left as they are. A holder this month's rosters
// list with a 死亡日期 is named as dead by that row. It must run before
// roster.Consolidate, in a run and in a re-run alike.
func holdAccountsChangedHands(ctx context.Context, db *store.DB, m domain.Month, asOf int64, wbs []*roster.Workbook) error {
	checked := func(e *roster.Entry) bool { return !e.Held && e.Person.ID != "" && e.Person.BankAccount != "" }
	var claims []store.AccountClaim // a person on two rows claims twice: the store counts each once
	for _, wb := range wbs {
		for i := range wb.Entries {
			if e := &wb.Entries[i]; checked(e) {
				claims = append(claims, store.AccountClaim{Account: e.Person.BankAccount, ID: e.Person.ID})
			}
		}
	}
	others, err := db.AccountsOfOthers(ctx, store.Others{Month: m, AsOf: asOf}, claims)
	if err != nil || len(others) == 0 {
		return err
	}
	dead := map[string]*roster.Entry{} // this month's rows giving a 死亡日期: the holder's own, for the message
	for _, wb := range wbs {
		for i := range wb.Entries {
			if e := &wb.Entries[i]; !e.Person.Death.IsZero() && e.Person.ID != "" {
				dead[e.Person.ID] = e
			}
		}
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
			if d := dead[h.ID]; d != nil && h.Death.IsZero() && !h.Unconfirmed {
				h.Death, h.Month, h.File = d.Person.Death, m, d.Person.Source.File
			}
			const confirm = "请向本人核实此账号确为其本人名下账号：如不是，请改填本人账号后重新报送；如确是，请在本行备注写明「账号已核实」后重新报送，即按本行发放（以前暂缓的已审批月份补发）"
			switch {
			case e.AccountConfirmed:
				e.AddAt(domain.Notice, roster.FieldBankAccount, codeAccountConfirmed, "此银行账号"+heldBefore(h)+"，本行备注写明账号已核实，已按本行发放")
			case h.Unconfirmed:
				e.HoldAtBankAccount(store.CodeAccountChangedHands, "此银行账号"+heldBefore(h)+"，至今未确认；银行只按户名入账，为免把钱打入他人账户，本行仍暂缓发放；"+confirm)
			default:
				e.HoldAtBankAccount(store.CodeAccountChangedHands, "此银行账号"+heldBefore(h)+"，本月填给了另一身份证号；银行只按户名入账，为免把钱打入他人账户，本行暂缓发放；"+confirm)
			}
		}
	}
	return nil
}

// codeAccountConfirmed is the notice on a row that account_changed_hands
// would hold, paid because its 备注 says the account is the person's own
// (roster.Entry.AccountConfirmed).
const codeAccountConfirmed = "account_confirmed"

// heldBefore says why h's account is questioned: another ID's last month,
// or this row's own, held then for it and not confirmed since.
func heldBefore(h store.AccountHolder) string {
	if h.Unconfirmed {
		return fmt.Sprintf("在%s的花名册「%s」中因曾为他人账号被暂缓发放（见该月异常清单）", h.Month, h.File)
	}
	name := h.Name
	if name == "" {
		name = "姓名为空"
	}
	if !h.Death.IsZero() {
		return fmt.Sprintf("是已故的「%s（%s）」的账号（%s的花名册「%s」记载死亡日期%s）", name, h.ID, h.Month, h.File, h.Death.Format("2006-01-02"))
	}
	if h.Unlisted {
		return fmt.Sprintf("是「%s（%s）」的账号（%s发放），此人此后各花名册均未列入、正在待核实", name, h.ID, h.Month)
	}
	return fmt.Sprintf("上月（%s）为「%s（%s）」的账号（花名册「%s」）", h.Month, name, h.ID, h.File)
}
