package domain

import (
	"time"

	"github.com/shopspring/decimal"
)

// Training types of the caregiver training subsidy (list item 20).
const (
	TrainingGeneral = "普惠制" // general training: a fixed amount
	TrainingOrder   = "订单式" // order-based training: the actual cost up to a cap
)

// Training is one row of a training roster (培训合格人员名册): a family
// member (the trainee) who finished care-giver training for a disabled elder
// (list item 20, 家庭养老支持服务). Cost is in yuan and set only when the
// roster gives it (HasCost). Certificate is the 证书编号 that, with the
// trainee's ID, makes a claim unique for ever.
type Training struct {
	TraineeID   string
	TraineeName string
	ElderID     string
	ElderName   string
	Type        string // TrainingGeneral or TrainingOrder
	Cost        decimal.Decimal
	HasCost     bool
	Completed   time.Time // 结业日期
	Certificate string
	BankAccount string
	Source      Location
}
