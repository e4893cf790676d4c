package calc

import (
	"fmt"
	"strings"
	"time"

	"disburse/internal/domain"
	"disburse/internal/money"
	"disburse/internal/rules"
)

// TrainingCode is the code of the one-off caregiver training subsidy
// (家庭照护培训补贴, list item 20).
const TrainingCode = "caregiver_training_subsidy"

// ClaimKey returns the key under which a training claim is matched: the
// trainee's ID and the certificate number's domain.CertificateKey, so that
// ZS-001 and zs001 are one claim. The certificate itself is kept as
// written on lines and in messages.
func ClaimKey(traineeID, certificate string) string {
	return traineeID + "|" + domain.CertificateKey(certificate)
}

// courseKey identifies one course a trainee finished: the trainee, the
// cared-for elder, the training type and the 结业日期. Two rows with the same
// courseKey are one training reported twice, whatever their certificates.
type courseKey struct {
	trainee, elder, kind, completed string // completed: 2006-01-02
}

// paidRow is a row paid this month: where it is and its certificate as
// written.
type paidRow struct {
	where       domain.Location
	certificate string
}

// paidAccount is a row paid this month and the 银行账号 it gives.
type paidAccount struct {
	where   domain.Location
	account string
}

// Trainings decides the training rows of a month (list item 20). A trainee
// is paid when the cared-for elder is on this month's rosters (listings),
// not held there, 60周岁 or older (the band's min_age) and 不能自理; the course
// ended on or before the last day of the month; and the trainee has never
// been paid for the same certificate. Certificates are compared by ClaimKey
// (ZS-001 is zs001): against paidElsewhere, the claims of the other months
// in any order (the earliest month of a key is named), later ones too (a
// month run late, or replaced, after a later month paid the claim; one a
// later month recorded without a 银行账号 is training_unsent, paid as that
// month's 补发 once a roster after it gives the account), and against the
// rows paid before in this month. A row with the same trainee, elder, training
// type and 结业日期 as a row paid this month is the same course reported
// twice and is held too, even under another certificate, and so is one with
// the course of a claim of an earlier month (training_already_paid: the same
// course under a new certificate; claims recorded without their 结业日期
// match no course). A trainee who is
// the elder (training_trainee_is_elder), who died on or before the 结业日期
// by this month's rosters or by dead (by ID: the death lists of the month
// and the dates other months recorded; a trainee is seldom on a roster)
// (training_trainee_deceased), or whose 银行账号
// differs from their roster row's or from a row paid before it this month
// (training_account_conflict: the bank file pays one account a person) is
// held. One who died after the 结业日期 but before the month is paid
// without an account (无账号待处理, a note asking staff to pay the heirs by
// hand): a dead person's card is not paid into; nor is such a claim
// recorded unsent before paid later (training_unsent). 普惠制 pays the
// band amount; 订单式 pays the actual cost up to the band's cap, never more
// than the cost; a cost of zero or less, or an amount that comes to zero,
// is held (training_cost_invalid) and never paid as 0.00, which would be
// recorded as the claim and hold the real one later as
// training_already_paid. Every row not paid gets a held finding saying why;
// a row paid under a certificate another trainee was paid under, this month
// or before, gets a notice (training_certificate_shared): a certificate is
// one person's, but two schools may number theirs alike. A trainee paid
// again, under another certificate, for a training type they were paid for
// before or earlier this month gets a notice (training_second_certificate):
// item 20 sets its standard per person, and paying per certificate is the
// issue's reading, for staff to confirm.
// trainings must be in payment order (file name, then row).
//
// It returns no lines and no findings when the table has no training
// benefit in force.
func Trainings(t *rules.Table, month domain.Month, trainings []domain.Training, listings []domain.Listing, paidElsewhere []domain.Claim, dead map[string]time.Time) ([]domain.Line, []domain.Finding) {
	b := t.Benefit(TrainingCode)
	if b == nil || len(trainings) == 0 {
		return nil, nil
	}
	byID := make(map[string]*domain.Listing, len(listings))
	for i := range listings {
		byID[listings[i].Person.ID] = &listings[i]
	}
	claimed := make(map[string]domain.Claim, len(paidElsewhere))
	unsent := map[string]domain.Claim{}                          // claims of earlier months recorded without an account, never sent, and not paid since
	unsentLater := map[string]domain.Claim{}                     // claims of later months recorded without an account
	holders := make(map[string]domain.Claim, len(paidElsewhere)) // by CertificateKey alone: a certificate is one person's
	for _, c := range paidElsewhere {
		k := ClaimKey(c.ID, c.Reference)
		if c.Unsent && c.Month.After(month) {
			if first, ok := unsentLater[k]; !ok || first.Month.After(c.Month) {
				unsentLater[k] = c
			}
		} else if c.Unsent {
			if first, ok := unsent[k]; !ok || first.Month.After(c.Month) {
				unsent[k] = c
			}
		} else if first, ok := claimed[k]; !ok || first.Month.After(c.Month) {
			claimed[k] = c
		}
		if cert := domain.CertificateKey(c.Reference); cert != "" {
			if first, ok := holders[cert]; !ok || first.Month.After(c.Month) {
				holders[cert] = c
			}
		}
	}
	coursesBefore := map[courseKey]domain.Claim{} // the earliest claim of each course paid before
	for _, c := range paidElsewhere {
		k := courseKey{c.ID, c.ElderID, c.Type, c.Completed}
		if first, ok := coursesBefore[k]; c.Completed != "" && (!ok || first.Month.After(c.Month)) {
			coursesBefore[k] = c
		}
	}
	typesBefore := map[[2]string]domain.Claim{} // the earliest claim sent of each trainee and training type
	for _, c := range paidElsewhere {
		k := [2]string{c.ID, c.Type}
		if first, ok := typesBefore[k]; !c.Unsent && (!ok || first.Month.After(c.Month)) {
			typesBefore[k] = c
		}
	}
	typesNow := map[[2]string]paidRow{} // this month's first paid row of each trainee and training type
	certs := map[string]paidRow{}       // this month's paid rows by CertificateKey alone
	traineeOf := map[string]string{}
	var lines []domain.Line
	var held []domain.Finding
	seen := map[string]paidRow{}
	courses := map[courseKey]paidRow{}
	accounts := map[string]paidAccount{} // the first paid row of each trainee that gives a 银行账号
	for _, tr := range trainings {
		hold := func(code, msg string) {
			held = append(held, domain.Finding{Severity: domain.Held, Code: code, Where: tr.Source, Name: tr.TraineeName, AsWritten: tr.TraineeID, Message: msg})
		}
		if tr.TraineeID == tr.ElderID {
			hold("training_trainee_is_elder", "学员与被照护老人是同一人（公民身份号码相同）：家庭照护培训补贴发给照护老人的家庭成员，请核对学员或被照护老人的身份证号后重新报送")
			continue
		}
		t, onRoster := byID[tr.TraineeID] // the trainee's own roster row, if any
		if onRoster && !t.Person.Death.IsZero() && !t.Person.Death.After(tr.Completed) {
			hold("training_trainee_deceased", "本月花名册中学员本人的死亡日期为"+t.Person.Death.Format("2006-01-02")+"，不晚于结业日期"+tr.Completed.Format("2006-01-02")+"：请核对学员身份证号；如学员确已去世，请删除本行")
			continue
		}
		if d, ok := dead[tr.TraineeID]; ok && !d.After(tr.Completed) {
			hold("training_trainee_deceased", "本月的死亡名单或以前月份的花名册记载学员本人的死亡日期为"+d.Format("2006-01-02")+"，不晚于结业日期"+tr.Completed.Format("2006-01-02")+"：请核对学员身份证号；如学员确已去世，请删除本行")
			continue
		}
		// Died after the course but before the month: the subsidy was
		// earned, but the card in a dead person's name is not paid into
		// (the bank may have frozen it): as for the monthly money, it is
		// recorded without an account, for staff to pay the heirs by hand.
		died := diedBefore(t, onRoster, dead[tr.TraineeID], month)
		if onRoster && tr.BankAccount != "" && t.Person.BankAccount != "" && t.Person.BankAccount != tr.BankAccount {
			hold("training_account_conflict", fmt.Sprintf("学员本人在花名册「%s」第%d行的银行账号为%s，本行为%s：银行代发按一人一个账号，无法判断打入哪个账号，本行暂缓发放；请改为同一账号后重新报送",
				t.Person.Source.File, t.Person.Source.Row, t.Person.BankAccount, tr.BankAccount))
			continue
		}
		if first, ok := accounts[tr.TraineeID]; ok && tr.BankAccount != "" && first.account != tr.BankAccount {
			hold("training_account_conflict", fmt.Sprintf("同一学员在%s已按银行账号%s发放，本行为%s：银行代发按一人一个账号，无法判断打入哪个账号，本行暂缓发放；请改为同一账号后重新报送",
				rowText(first.where), first.account, tr.BankAccount))
			continue
		}
		key := ClaimKey(tr.TraineeID, tr.Certificate)
		if c, ok := claimed[key]; ok {
			hold("training_already_paid", fmt.Sprintf("该学员凭证书%s已于%s领取家庭照护培训补贴%s，一次性补贴不能重复领取：请删除本行；如证书编号填错，请更正", c.Reference, c.Month, sameCertificate(tr.Certificate, c.Reference)))
			continue
		}
		if c, ok := unsentLater[key]; ok {
			hold("training_unsent", fmt.Sprintf("该学员凭证书%s已于%s（晚于本月）记录家庭照护培训补贴%s元，因无银行账号未代发（见该月无账号待处理）%s：本月不再发放；请在%s以后月份的培训名册中填写学员本人的银行账号后报送，即按当时记录的金额补发",
				c.Reference, c.Month, money.Format(c.Amount, domain.UnitYuan), sameCertificate(tr.Certificate, c.Reference), c.Month))
			continue
		}
		if first, ok := seen[key]; ok {
			hold("training_duplicate", fmt.Sprintf("与%s是同一学员同一证书%s，只按那一行发放一次：请删除重复的这一行", rowText(first.where), sameCertificate(tr.Certificate, first.certificate)))
			continue
		}
		// A certificate is one person's, but two training schools may
		// number theirs alike (No.5): another trainee's is told, not held,
		// since nothing on the row could release it.
		cert := domain.CertificateKey(tr.Certificate)
		var shared string
		if c, ok := holders[cert]; ok && cert != "" && c.ID != tr.TraineeID {
			shared = fmt.Sprintf("证书编号%s已于%s由另一学员（%s）领取家庭照护培训补贴", tr.Certificate, c.Month, c.ID)
		} else if first, ok := certs[cert]; ok && cert != "" && traineeOf[cert] != tr.TraineeID {
			shared = fmt.Sprintf("证书编号%s与%s另一学员（%s）的证书编号%s相同", tr.Certificate, rowText(first.where), traineeOf[cert], first.certificate)
		}
		course := courseKey{tr.TraineeID, tr.ElderID, tr.Type, tr.Completed.Format(time.DateOnly)}
		if c, ok := coursesBefore[course]; ok && !(c.Unsent && ClaimKey(c.ID, c.Reference) == key) {
			hold("training_already_paid", fmt.Sprintf("该学员照护同一被照护老人、同一培训类型（%s）、同一结业日期（%s）的培训，已于%s凭证书%s领取家庭照护培训补贴，本行证书编号为%s：应是同一次培训换了证书编号再报，一次性补贴不能重复领取；如确是另一次培训，请核实证书和结业日期后更正",
				tr.Type, tr.Completed.Format("2006-01-02"), c.Month, c.Reference, tr.Certificate))
			continue
		}
		if first, ok := courses[course]; ok {
			hold("training_duplicate", fmt.Sprintf("与%s是同一学员、同一被照护老人、同一培训类型（%s）、同一结业日期（%s），只是证书编号不同（那一行为%s，本行为%s），应是同一次培训报了两次，只按那一行发放一次；如确是另一次培训，请核实证书和结业日期后更正",
				rowText(first.where), tr.Type, tr.Completed.Format("2006-01-02"), first.certificate, tr.Certificate))
			continue
		}
		line, code, msg := training(b, month, tr, byID[tr.ElderID])
		if c, ok := unsent[key]; ok && code == "" && !died.IsZero() {
			code, msg = "training_unsent", fmt.Sprintf("该学员凭证书%s已于%s记录家庭照护培训补贴%s元，因无银行账号未代发（见该月无账号待处理）；学员本人已于%s去世，不打入已故学员名下的账户：请核实后手工发给其继承人",
				c.Reference, c.Month, money.Format(c.Amount, domain.UnitYuan), died.Format("2006-01-02"))
		} else if ok && code == "" {
			code, msg = paidAsUnsent(&line, c)
		}
		if code != "" {
			hold(code, msg)
			continue
		}
		if !died.IsZero() {
			line.Account = ""
			line.Params = line.Params.WithNote("学员本人已于" + died.Format("2006-01-02") + "去世（结业之后、本月之前）：补贴未代发，记入无账号待处理，不打入已故学员名下的账户（银行可能已冻结），请核实后手工发给其继承人") // 未代发 marks it on purpose (package cli)
		}
		if shared != "" {
			held = append(held, domain.Finding{Severity: domain.Notice, Code: "training_certificate_shared", Where: tr.Source, Name: tr.TraineeName, AsWritten: tr.TraineeID,
				Message: shared + "；本行已发放，请核对证书编号和学员身份证号：如系冒用或填错，请手工追回（程序只按死亡日期计算追回，不会自动追回此项）"})
		}
		// Item 20 sets its standard per person; the issue pays it per
		// certificate. A trainee's second certificate of a type is paid,
		// and told, for staff to confirm it is owed.
		tk := [2]string{tr.TraineeID, tr.Type}
		again := ""
		if c, ok := typesBefore[tk]; ok && ClaimKey(c.ID, c.Reference) != key {
			again = fmt.Sprintf("该学员已于%s凭证书%s领取过%s的家庭照护培训补贴", c.Month, c.Reference, tr.Type)
		} else if first, ok := typesNow[tk]; ok {
			again = fmt.Sprintf("该学员在%s已凭证书%s领取%s的家庭照护培训补贴", rowText(first.where), first.certificate, tr.Type)
		}
		if again != "" {
			held = append(held, domain.Finding{Severity: domain.Notice, Code: "training_second_certificate", Where: tr.Source, Name: tr.TraineeName, AsWritten: tr.TraineeID,
				Message: again + "；本行凭另一证书" + tr.Certificate + "再次发放。清单第20项的补助标准按人计，请核实此人是否应再领一次：如不应，请在审批前删除本行后用 --replace 重新计算"})
		}
		if _, ok := typesNow[tk]; !ok {
			typesNow[tk] = paidRow{tr.Source, tr.Certificate}
		}
		seen[key] = paidRow{tr.Source, tr.Certificate}
		if _, ok := accounts[tr.TraineeID]; !ok && tr.BankAccount != "" {
			accounts[tr.TraineeID] = paidAccount{tr.Source, tr.BankAccount}
		}
		courses[course] = paidRow{tr.Source, tr.Certificate}
		if _, ok := certs[cert]; !ok && cert != "" {
			certs[cert], traineeOf[cert] = paidRow{tr.Source, tr.Certificate}, tr.TraineeID
		}
		lines = append(lines, line)
	}
	return lines, held
}

// diedBefore returns the trainee's 死亡日期 when it is before month: their
// roster row's (t, when onRoster) or, failing that, recorded (the month's
// death lists or another month's record); zero otherwise.
func diedBefore(t *domain.Listing, onRoster bool, recorded time.Time, month domain.Month) time.Time {
	d := recorded
	if onRoster && !t.Person.Death.IsZero() {
		d = t.Person.Death
	}
	if !d.IsZero() && d.Before(month.First()) {
		return d
	}
	return time.Time{}
}

// paidAsUnsent makes line, this month's row of a claim c recorded in an
// earlier month without a 银行账号 (on its 无账号待处理, never sent), the
// 补发 of that month at the amount recorded then: money recorded without
// an account is paid once the row gives one. It returns a hold (code
// training_unsent and message) instead when the row still gives no account,
// or when c's month is a draft, which a replacing run of that month pays.
func paidAsUnsent(line *domain.Line, c domain.Claim) (code, msg string) {
	was := fmt.Sprintf("该学员凭证书%s已于%s记录家庭照护培训补贴%s元，因无银行账号未代发（见该月无账号待处理）", c.Reference, c.Month, money.Format(c.Amount, domain.UnitYuan))
	switch {
	case line.Account == "":
		return "training_unsent", was + "：请在本行填写学员本人的银行账号后重新报送，即按当时记录的金额补发"
	case !c.Approved:
		return "training_unsent", was + "，该月尚未审批：请在该月的培训名册补填银行账号后用 run --replace 重新计算该月，或审批该月后再报"
	}
	line.Amount, line.Corrects = c.Amount, c.Month
	line.Band = "补发" + c.Month.String() + " " + line.Band
	line.Params = line.Params.WithNote(fmt.Sprintf("补发%s：该月已记录发放%s元，因无银行账号未代发，本月补报账号后按当时记录的金额发放", c.Month, money.Format(c.Amount, domain.UnitYuan)))
	return "", ""
}

// rowText names a roster row for staff: 「file」sheet第n行.
func rowText(l domain.Location) string {
	return fmt.Sprintf("「%s」%s第%d行", l.File, l.Sheet, l.Row)
}

// sameCertificate explains, when this row writes a certificate otherwise
// than the claim it matched, that the two are read as one; it returns ""
// when they are written alike.
func sameCertificate(this, other string) string {
	if this == other {
		return ""
	}
	return fmt.Sprintf("（本行证书编号%s与%s只差大小写、全角半角、空格或符号，视为同一证书）", this, other)
}

// training decides one row; it returns the line, or a finding code and
// message.
func training(b *rules.InForce, month domain.Month, tr domain.Training, elder *domain.Listing) (domain.Line, string, string) {
	var band *rules.Band
	for i := range b.Version.Bands {
		if b.Version.Bands[i].TrainingType == tr.Type {
			band = &b.Version.Bands[i]
		}
	}
	switch {
	case band == nil:
		return domain.Line{}, "value_unknown", "培训类型「" + tr.Type + "」没有补贴标准，应为普惠制或订单式"
	case tr.Completed.After(month.Last()):
		return domain.Line{}, "training_not_finished", "结业日期" + tr.Completed.Format("2006-01-02") + "在本月之后，结业后再发放：请在结业以后的月份报送本行；如结业日期填错，请更正"
	case elder == nil:
		return domain.Line{}, "elder_not_listed", "被照护老人（" + tr.ElderName + "）不在本月任何花名册上，无法确认其年龄和自理能力：请核对被照护老人的身份证号，或把老人列入其街道本月的花名册后重新报送"
	case elder.Held:
		return domain.Line{}, "elder_held", "被照护老人在本月花名册中的行被暂缓（异常代码：" + strings.Join(elder.Codes, "、") + "）：请先更正老人的那一行，更正后本行即可发放"
	}
	p := elder.Person
	if !p.Death.IsZero() && p.Death.Before(month.First()) {
		return domain.Line{}, "elder_deceased", "被照护老人死亡日期" + p.Death.Format("2006-01-02") + "早于本月，不再发放家庭照护培训补贴：请删除本行；如死亡日期填错，请更正老人的花名册行"
	}
	age := p.AgeIn(month)
	if band.MinAge != nil && age < *band.MinAge {
		return domain.Line{}, "elder_under_age", fmt.Sprintf("被照护老人%d周岁，未满%d周岁，不符合条件：请核对被照护老人的身份证号；如无误，请删除本行", age, *band.MinAge)
	}
	if p.SelfCare != domain.SelfCareUnable {
		got := p.SelfCare.String()
		if got == "" {
			got = "未填"
		}
		return domain.Line{}, "elder_can_self_care", "被照护老人自理能力=" + got + "，需为不能自理：如老人经评估为不能自理，请更正其花名册行的自理能力；否则请删除本行"
	}
	amount, label, rate := band.Amount.Decimal, band.Label, band.Amount.Decimal
	cost := ""
	if band.Cap != nil {
		if !tr.HasCost {
			return domain.Line{}, "training_cost_missing", "订单式培训须填写培训费用（元），请补填"
		}
		if !tr.Cost.IsPositive() {
			return domain.Line{}, "training_cost_invalid", "培训费用" + money.Format(tr.Cost, domain.UnitYuan) + "元不是实际发生的费用：订单式培训按实际费用发放，请填写大于0的培训费用（元）"
		}
		rate, cost = band.Cap.Decimal, money.Format(tr.Cost, domain.UnitYuan)
		amount = tr.Cost
		if amount.GreaterThan(band.Cap.Decimal) {
			amount = band.Cap.Decimal
		}
		label = fmt.Sprintf("%s（实际费用%s元，上限%s元）", band.Label, cost, money.Format(band.Cap.Decimal, domain.UnitYuan))
	}
	if !amount.IsPositive() {
		// never a line of 0.00: it would be recorded as the claim and hold
		// the real one later as training_already_paid
		return domain.Line{}, "training_cost_invalid", "补贴金额为" + money.Format(amount, domain.UnitYuan) + "元，不发放：请核对培训类型、培训费用和补贴标准"
	}
	return domain.Line{
		PersonID: tr.TraineeID, Name: tr.TraineeName, Street: p.Street, Community: p.Community,
		Benefit: b.Code, Amount: money.RoundYuan(amount), Unit: b.Unit, Department: b.Department,
		Band: label, Account: tr.BankAccount, Reference: tr.Certificate, Source: &tr.Source,
		Params: &domain.Params{
			Item: b.Version.Item, Effective: b.Version.Effective.Time, Period: b.Period, Rate: rate.String(),
			Age: age, Month: int(month.Month), ElderID: tr.ElderID, ElderName: tr.ElderName,
			TrainingType: tr.Type, Cost: cost, Completed: tr.Completed.Format(time.DateOnly),
		},
	}, "", ""
}
