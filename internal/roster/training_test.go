package roster

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeTraining writes a training roster of rows (学员姓名 to 银行账号) and
// reads it as a November workbook.
func writeTraining(t *testing.T, dir, name string, rows ...[]any) *Workbook {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"学员姓名", "学员公民身份号码", "被照护老人姓名", "被照护老人公民身份号码", "培训类型", "培训费用", "结业日期", "证书编号", "银行账号"})
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &r); err != nil {
			t.Fatal(err)
		}
	}
	return readSaved(t, f, dir, name)
}

// A trainee's row whose 序号 says 合计 (copied with the total below) is
// read as the trainee's, never skipped as the roster's total, which is.
func TestTrainingRowNumberedTotal(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"序号", "学员姓名", "学员公民身份号码", "被照护老人姓名", "被照护老人公民身份号码", "培训类型", "培训费用", "结业日期", "证书编号", "银行账号"})
	f.SetSheetRow("Sheet1", "A2", &[]any{1, "学一", withCheck("11010519700101100"), "马琴", "140502192907171685", "普惠制", "", "2026-10-20", "Z1", "6217000000000090001"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"合计", "学二", withCheck("11010519700101200"), "马琴", "140502192907171685", "普惠制", "", "2026-10-20", "Z2", "6217000000000090002"})
	f.SetSheetRow("Sheet1", "A4", &[]any{"合计", "2人"})
	wb := readSaved(t, f, t.TempDir(), "培训.xlsx")
	var got []string
	for _, e := range wb.Trainings {
		got = append(got, fmt.Sprintf("%d %s %v", e.Training.Source.Row, e.Training.TraineeName, e.Held))
	}
	sameLines(t, "trainings", got, []string{"2 学一 false", "3 学二 false"})
}

// A 订单式 cost of 0 is no cost: it is held, never paid as 0.00 (a claim of
// 0.00 would hold the real one later as training_already_paid); a cost
// with thousands separators is read when its groups are of three digits
// (t8.py).
func TestTrainingCosts(t *testing.T) {
	tr := func(name, id, typ, cost, cert string) []any {
		return []any{name, id, "马琴", "140502192907171685", typ, cost, "2026-10-20", cert, ""}
	}
	wb := writeTraining(t, t.TempDir(), "培训.xlsx",
		tr("学一", withCheck("11010519491231121"), "订单式", "3,500.00", "A1"),
		tr("学二", withCheck("11010519491231130"), "订单式", "0", "A2"),
		tr("学三", withCheck("11010519491231148"), "订单式", "0.00元", "A3"),
		tr("学四", withCheck("11010519491231156"), "订单式", "35,00", "A4"),
		tr("学五", withCheck("11010519491231164"), "订单式", "1，200", "A5"),
		tr("学六", withCheck("11010519491231172"), "普惠制", "0", "A6"),
		tr("学七", withCheck("11010519491231180"), "订单式", "-200", "A7"),
		tr("学八", withCheck("11010519491231199"), "订单式", "￥4500", "A8"),
		tr("学九", withCheck("11010519491231202"), "订单式", "¥ 1,500.00 元", "A9"),
	)
	var got []string
	for _, e := range wb.Trainings {
		var c []string
		for _, f := range e.Findings {
			c = append(c, f.Code+"@"+f.Where.Column)
		}
		cost := "-"
		if e.Training.HasCost {
			cost = e.Training.Cost.StringFixed(2)
		}
		got = append(got, e.Training.TraineeName+" "+cost+" "+strings.Join(c, ","))
	}
	sameLines(t, "trainings", got, []string{
		"学一 3500.00 ",
		"学二 - training_cost_invalid@F",
		"学三 - training_cost_invalid@F",
		"学四 - value_unknown@F",
		"学五 1200.00 ",
		"学六 0.00 ",
		"学七 - value_unknown@F",
		"学八 4500.00 ",
		"学九 1500.00 ",
	})
}

// A trainee whose 银行账号 is a roster row's account for another ID (the
// cared-for elder's) is held as account_shared at that column; the elder's
// row is paid, and a trainee who is on the roster with that account, or an
// account of a row dead before the month, is not held (t8.py, 学八).
func TestTrainingAccountOfAnother(t *testing.T) {
	dir := t.TempDir()
	elder, trainee, widow := withCheck("14050219400101600"), withCheck("11010519700101200"), withCheck("11010519700101300")
	roster, err := ReadFile(writeRoster(t, dir, "东街.xlsx", [][]any{
		row(1, "老己", elder, map[string]any{"银行账号": "6217000000000080065", "自理能力": "不能自理"}),
		row(2, "学员乙", trainee, map[string]any{"银行账号": "6217000000000080066"}),
		row(3, "张夫", withCheck("14050219400101700"), map[string]any{"银行账号": "6217000000000080067", "死亡日期": "2026-08-01"}),
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr := func(name, id, account string) []any {
		return []any{name, id, "老己", elder, "普惠制", "", "2026-10-20", "Z" + name, account}
	}
	training := writeTraining(t, dir, "培训.xlsx",
		tr("学八", withCheck("11010519700101100"), "6217000000000080065"), // the elder's account
		tr("学员乙", trainee, "6217000000000080066"),                       // the trainee's own roster account
		tr("遗孀", widow, "6217000000000080067"),                          // the account of a row dead since August
	)
	res := Consolidate([]*Workbook{roster, training}, nov)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Where.File+" "+f.Where.Column+" "+f.Name+" "+f.Code)
		if f.Code == "account_shared" && !strings.Contains(f.Message, "老己（"+elder+"）") {
			t.Errorf("message does not name the elder: %s", f.Message)
		}
	}
	sameLines(t, "findings", got, []string{"东街.xlsx O 张夫 death_before_month", "培训.xlsx I 学八 account_shared"})
	var paid []string
	for _, x := range res.Trainings {
		paid = append(paid, x.TraineeName)
	}
	sameLines(t, "trainings paid", paid, []string{"学员乙", "遗孀"})
	if len(res.People) != 3 {
		t.Errorf("roster rows paid: %d, want 3", len(res.People))
	}
}

// Two trainees giving one 银行账号 are both held as account_shared, each
// naming the other's row; one trainee giving the same account on two rows
// is not held for it, nor is a row with an account of its own.
func TestTraineesSharingAnAccount(t *testing.T) {
	dir := t.TempDir()
	elder := withCheck("14050219400101600")
	a, b, c := withCheck("11010519700101100"), withCheck("11010519700101200"), withCheck("11010519700101300")
	tr := func(name, id, cert, account string) []any {
		return []any{name, id, "老己", elder, "普惠制", "", "2026-10-20", cert, account}
	}
	first := writeTraining(t, dir, "培训.xlsx",
		tr("学甲", a, "Z1", "6217000000000090001"),
		tr("学乙", b, "Z2", "6217000000000090002"),
		tr("学乙", b, "Z3", "6217000000000090002"), // the same trainee's account again
		tr("学丙", c, "Z4", "6217000000000090003"),
	)
	second := writeTraining(t, dir, "培训补报.xlsx",
		tr("学丁", withCheck("11010519700101400"), "Z5", "6217000000000090001"), // 学甲's account
	)
	res := Consolidate([]*Workbook{second, first}, nov)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Where.File+" "+f.Where.Column+" "+f.Name+" "+f.Code)
		if f.Code != "account_shared" {
			continue
		}
		other := "「培训补报.xlsx」Sheet1第2行另一学员「学丁（"
		if f.Name == "学丁" {
			other = "「培训.xlsx」Sheet1第2行另一学员「学甲（" + a + "）」"
		}
		if !strings.Contains(f.Message, other) {
			t.Errorf("%s: message does not name the other trainee's row %s: %s", f.Name, other, f.Message)
		}
	}
	sameLines(t, "findings", got, []string{"培训.xlsx I 学甲 account_shared", "培训补报.xlsx I 学丁 account_shared"})
	var paid []string
	for _, x := range res.Trainings {
		paid = append(paid, x.TraineeName+" "+x.Certificate)
	}
	sameLines(t, "trainings paid", paid, []string{"学乙 Z2", "学乙 Z3", "学丙 Z4"})
}
