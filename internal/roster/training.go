package roster

import (
	"errors"
	"fmt"
	"strings"

	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/money"
)

// trainingField is a column of a training roster (培训合格人员名册), the
// input of the caregiver training subsidy (list item 20).
type trainingField int

const (
	tTraineeName trainingField = iota
	tTraineeID
	tElderName
	tElderID
	tType
	tCost
	tCompleted
	tCertificate
	tBankAccount
	numTrainingFields
)

// trainingHeaders are the header texts of a training roster; 学员姓名 and
// 学员公民身份号码 identify one.
var trainingHeaders = [numTrainingFields][]string{
	tTraineeName: {"学员姓名"},
	tTraineeID:   {"学员公民身份号码", "学员身份证号码", "学员身份证号"},
	tElderName:   {"被照护老人姓名"},
	tElderID:     {"被照护老人公民身份号码", "被照护老人身份证号码", "被照护老人身份证号"},
	tType:        {"培训类型"},
	tCost:        {"培训费用", "培训费用(元)"},
	tCompleted:   {"结业日期"},
	tCertificate: {"证书编号"},
	tBankAccount: {"银行账号"},
}

var trainingIndex = func() map[string]trainingField {
	m := map[string]trainingField{}
	for f := trainingField(0); f < numTrainingFields; f++ {
		for _, h := range trainingHeaders[f] {
			m[normalizeHeader(h)] = f
		}
	}
	return m
}()

type trainingColumns [numTrainingFields]int

// matchTrainingHeader reports whether cells are the header of a training
// roster (学员姓名 and 学员公民身份号码 present) and maps its columns.
func matchTrainingHeader(cells []string) (trainingColumns, bool) {
	var cols trainingColumns
	for i := range cols {
		cols[i] = -1
	}
	for i, c := range cells {
		if f, ok := trainingIndex[normalizeHeader(c)]; ok && cols[f] < 0 {
			cols[f] = i
		}
	}
	return cols, cols[tTraineeName] >= 0 && cols[tTraineeID] >= 0
}

// TrainingEntry is one data row of a training roster: a Training when the
// row is readable, and the findings that hold it otherwise.
type TrainingEntry struct {
	Training domain.Training
	Held     bool
	Findings []domain.Finding
	bankCol  string // letter of the 银行账号 column, "" when the sheet has none
}

func (r *reader) trainingRow(cells []string, cols *trainingColumns, loc domain.Location) {
	get := func(f trainingField) string {
		i := cols[f]
		if i < 0 || i >= len(cells) {
			return ""
		}
		return clean(cells[i])
	}
	if isBlankOrTotal(cells) && !idDigits(get(tTraineeID)) {
		return // but not a trainee's row whose 序号 says 合计 by a copy-paste
	}
	r.wb.RowsRead++
	e := TrainingEntry{}
	t := &e.Training
	t.Source = loc
	t.TraineeName, t.ElderName = cleanName(get(tTraineeName)), cleanName(get(tElderName))
	t.Type, t.Certificate, t.BankAccount = get(tType), get(tCertificate), get(tBankAccount)
	rawID := get(tTraineeID)
	hold := func(f trainingField, code, msg string) {
		where := loc
		if cols[f] >= 0 {
			where.Column, where.Header = columnLetter(cols[f]), trainingHeaders[f][0]
		}
		e.Held = true
		e.Findings = append(e.Findings, domain.Finding{Severity: domain.Held, Code: code, Where: where, Name: t.TraineeName, AsWritten: rawID, Message: msg})
	}
	if t.TraineeName == "" {
		hold(tTraineeName, "name_missing", "学员姓名为空，请补填")
	} else if code, msg := nameProblem(get(tTraineeName), t.TraineeName); code != "" {
		hold(tTraineeName, code, "学员"+msg) // the trainee is paid by the bank
	}
	if id, err := trainingID(rawID); err != nil {
		hold(tTraineeID, "trainee_id_invalid", "学员公民身份号码"+err.Error())
	} else {
		t.TraineeID = id
	}
	if id, err := trainingID(get(tElderID)); err != nil {
		hold(tElderID, "elder_id_invalid", "被照护老人公民身份号码"+err.Error())
	} else {
		t.ElderID = id
	}
	switch strings.TrimSuffix(t.Type, "培训") {
	case domain.TrainingGeneral, domain.TrainingOrder:
		t.Type = strings.TrimSuffix(t.Type, "培训")
	default:
		hold(tType, "value_unknown", "培训类型「"+t.Type+"」应为普惠制或订单式")
	}
	if v := get(tCost); v != "" {
		d, err := money.Parse(withoutThousands(yuanNumber(v)))
		switch {
		case err != nil || !d.Equal(d.Round(2)):
			hold(tCost, "value_unknown", "培训费用「"+v+"」应为金额（元），最多两位小数")
		case !d.IsPositive() && t.Type == domain.TrainingOrder:
			hold(tCost, "training_cost_invalid", "培训费用「"+v+"」不是实际发生的费用：订单式培训按实际费用发放，请填写大于0的培训费用（元）")
		default:
			t.Cost, t.HasCost = d, true
		}
	}
	if v := get(tCompleted); v == "" {
		hold(tCompleted, "training_date_missing", "结业日期为空，请补填")
	} else if d, err := parseDate(v, r.date1904, exampleDate); err != nil {
		hold(tCompleted, "training_date_invalid", "结业日期"+err.Error())
	} else {
		t.Completed = d
	}
	if t.Certificate == "" {
		hold(tCertificate, "certificate_missing", "证书编号为空：一次性补贴按学员和证书编号核对是否已领，请补填")
	} else if domain.CertificateKey(t.Certificate) == "" {
		hold(tCertificate, "certificate_missing", "证书编号「"+t.Certificate+"」没有字母或数字，不是编号：一次性补贴按学员和证书编号核对是否已领，请填写证书上的编号")
	}
	if cols[tBankAccount] >= 0 {
		e.bankCol = columnLetter(cols[tBankAccount])
	}
	if v, code, msg := parseAccount(FieldBankAccount, t.BankAccount); code != "" {
		hold(tBankAccount, code, msg)
	} else {
		t.BankAccount = v
	}
	r.wb.Trainings = append(r.wb.Trainings, e)
}

// yuanNumber is an amount in yuan as written without what marks it as
// yuan: a ￥ or ¥ before it (full- or half-width) and 元 after it, with
// the spaces between (￥4500, ¥ 4,500.00, 4500元).
func yuanNumber(v string) string {
	v = strings.TrimSpace(strings.TrimLeft(v, "￥¥"))
	return strings.TrimSpace(strings.TrimSuffix(v, "元"))
}

// withoutThousands removes the thousands separators of an amount written
// with them (3,500.00 or 1，200): only when every group after the first has
// three digits and the first one to three, so that 3,5 or 35,00 stay as
// written and are refused.
func withoutThousands(v string) string {
	v = strings.ReplaceAll(v, "，", ",")
	if !strings.Contains(v, ",") {
		return v
	}
	whole, frac, _ := strings.Cut(v, ".")
	groups := strings.Split(whole, ",")
	for i, g := range groups {
		if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) || strings.Trim(g, "0123456789") != "" {
			return v
		}
	}
	if strings.Contains(frac, ",") {
		return v
	}
	return strings.Replace(v, ",", "", -1)
}

// trainingID validates an ID of a training roster and returns the reason in
// Chinese when it is not valid.
func trainingID(raw string) (string, error) {
	if raw == "" {
		return "", errors.New("为空，请补填18位身份证号")
	}
	if looksNumeric(raw) {
		return "", fmt.Errorf("被存为数字，末几位已丢失（只剩%s，?为丢失的数字）；请设置为文本格式后重新输入", knownDigits(raw))
	}
	id, err := idnumber.Parse(raw)
	switch {
	case errors.Is(err, idnumber.ErrChecksum):
		return "", fmt.Errorf("「%s」校验位不对，请核对", raw)
	case errors.Is(err, idnumber.ErrBirthDate):
		return "", fmt.Errorf("「%s」中的出生日期不存在，请核对", raw)
	case err != nil:
		return "", fmt.Errorf("「%s」应为18位数字（最后一位可为X），请核对", raw)
	}
	return string(id), nil
}

// isBlankOrTotal reports a row with no filled cell, or whose first filled
// cell starts with 合计, 总计 or 小计, after a scope such as 本页 or
// 全街道 (totalScopes) or a place's name (东街街道合计): totalWordOf.
func isBlankOrTotal(cells []string) bool {
	for _, c := range cells {
		if c = clean(c); c != "" {
			c = withoutSpaces(c)
			return totalWordOf(c) != ""
		}
	}
	return true
}

// totalScopes may come before a total word: 本页小计, 本表合计, 全街道合计.
var totalScopes = []string{"本页", "本表", "本月", "全表", "全街道", "全镇", "全乡", "全社区", "全村"}

// placeSuffixes end the name of a place that may come before a total word:
// 东街街道合计, 景德社区小计, 北石店镇合计.
var placeSuffixes = []string{"街道", "社区", "居委会", "镇", "乡", "村"}

// totalWordOf returns the total word (totalWords) a cell's text starts
// with, after a scope (totalScopes) or a place's name (withoutPlace): 合计
// for 全街道合计 and 东街街道合计, 小计 for 本页小计; "" when it starts with
// none. c is cleaned, without spaces.
func totalWordOf(c string) string {
	for _, p := range totalScopes {
		c = strings.TrimPrefix(c, p)
	}
	c = withoutPlace(c)
	for _, w := range totalWords {
		if strings.HasPrefix(c, w) {
			return w
		}
	}
	return ""
}

// withoutPlace returns c without a leading place name (up to and including
// the first of placeSuffixes) when what follows is a total word, and c
// unchanged otherwise.
func withoutPlace(c string) string {
	for _, suf := range placeSuffixes {
		if i := strings.Index(c, suf); i > 0 {
			rest := c[i+len(suf):]
			for _, w := range totalWords {
				if strings.HasPrefix(rest, w) {
					return rest
				}
			}
		}
	}
	return c
}

// holdTrainingAccounts holds (account_shared), at its 银行账号 column, each
// training row whose 银行账号 a roster row of the month gives for another
// ID than the trainee's: the bank credits an account only to its holder's
// name, and a trainee paid into the cared-for elder's account (学八 into
// 老己's) is paid into someone else's. The roster rows count as for
// account_shared among rosters (held ones too, not those whose ID cannot
// be read or whose 死亡日期 is before the month); the roster row itself is
// not held for it: it is the elder's monthly record, and the training row
// is the one the bank would pay to another name. Two training rows of
// different trainees with one 银行账号 are both held the same way, each
// naming the other: one of them would be paid into the other's account.
// all is in payment order.
func holdTrainingAccounts(all []*Entry, wbs []*Workbook, month domain.Month) {
	var owner map[string]*Entry
	for _, wb := range wbs {
		for i := range wb.Trainings {
			te := &wb.Trainings[i]
			a := te.Training.BankAccount
			if a == "" || te.Training.TraineeID == "" {
				continue
			}
			if owner == nil {
				owner = map[string]*Entry{}
				for _, e := range all {
					if e.claimsAccount(month) && owner[e.Person.BankAccount] == nil {
						owner[e.Person.BankAccount] = e
					}
				}
			}
			o, ok := owner[a]
			if !ok || o.Person.ID == te.Training.TraineeID {
				continue
			}
			te.holdAccountShared(fmt.Sprintf("学员的银行账号与花名册中「%s（%s）」（%s）的银行账号相同；银行只按户名入账，为免把补贴打入他人账户，本行暂缓发放；请填写学员本人名下的账号后重新报送", o.nameOrEmpty(), o.Person.ID, where(o)))
		}
	}
	holdTraineesSharingAccounts(wbs)
}

// holdAccountShared holds the row (account_shared) at its 银行账号 column.
func (te *TrainingEntry) holdAccountShared(msg string) {
	at := te.Training.Source
	if te.bankCol != "" {
		at.Column, at.Header = te.bankCol, trainingHeaders[tBankAccount][0]
	}
	te.Held = true
	te.Findings = append(te.Findings, domain.Finding{Severity: domain.Held, Code: "account_shared", Where: at, Name: te.Training.TraineeName, AsWritten: te.Training.TraineeID, Message: msg})
}

// holdTraineesSharingAccounts holds (account_shared) every training row
// whose 银行账号 a training row of another trainee gives too, naming the
// first such row; a row already held for an account a roster row gives is
// left with that finding. Rows of one trainee sharing an account are the
// same person's.
func holdTraineesSharingAccounts(wbs []*Workbook) {
	byAccount := map[string][]*TrainingEntry{}
	for _, wb := range wbs {
		for i := range wb.Trainings {
			te := &wb.Trainings[i]
			if a := te.Training.BankAccount; a != "" && te.Training.TraineeID != "" {
				byAccount[a] = append(byAccount[a], te)
			}
		}
	}
	for _, wb := range wbs {
		for i := range wb.Trainings {
			te := &wb.Trainings[i]
			if te.Training.BankAccount == "" || te.Training.TraineeID == "" || te.heldFor("account_shared") {
				continue
			}
			for _, o := range byAccount[te.Training.BankAccount] {
				if o.Training.TraineeID == te.Training.TraineeID {
					continue
				}
				te.holdAccountShared(fmt.Sprintf("学员的银行账号与「%s」%s第%d行另一学员「%s（%s）」的银行账号相同；银行只按户名入账，为免把补贴打入他人账户，两行都暂缓发放；请各填本人名下的账号后重新报送",
					o.Training.Source.File, o.Training.Source.Sheet, o.Training.Source.Row, o.Training.TraineeName, o.Training.TraineeID))
				break
			}
		}
	}
}

// heldFor reports whether the row has a held finding of code.
func (te *TrainingEntry) heldFor(code string) bool {
	for _, f := range te.Findings {
		if f.Severity == domain.Held && f.Code == code {
			return true
		}
	}
	return false
}
