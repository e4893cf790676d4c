package report

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"disburse/internal/changes"
	"disburse/internal/domain"
	"disburse/internal/rmb"
)

// Sheet names of the change lists.
const (
	SheetBridge     = "变动对账"
	SheetNew        = "本月新增"
	SheetStopped    = "本月停发"
	SheetAdjusted   = "档次调整"
	SheetTransfers  = "跨街道转移"
	SheetIdentities = "账号姓名变更"
	SheetMissing    = "待核实"
	SheetMilestones = "年龄节点"
)

// ChangeTables returns the change sheets of one department workbook, built
// from r and limited to the benefits in codes (code -> name on sheets): the
// bridge, new, stopped, adjusted, transfers, changed accounts or names,
// people to verify, milestones.
// When r has no previous month, the comparison sheets say so in one line.
func ChangeTables(r *changes.Report, codes map[string]string) []Table {
	in := func(code string) bool { _, ok := codes[code]; return ok }
	noPrev := [][]Cell{{Text("上月（" + r.Prev.String() + "）没有发放记录，本月不作比较")}}
	title := func(what string) string { return r.Month.Chinese() + what + "（与" + r.Prev.Chinese() + "比较）" }

	bridge := Table{Name: SheetBridge, Title: title("发放变动对账：上月 + 新增 - 停发 ± 调整 ± 取整 = 本月"),
		Header: []string{"补贴项目", "单位", "上月人数", "上月合计", "新增人数", "新增金额", "停发人数", "停发金额", "档次调整人数", "调整差额", "取整差额人数", "按月累计取整差额", "本月人数", "本月合计", "核对", "补发条数", "补发金额", "本月发放（含补发）"},
		Widths: []float64{20, 8, 10, 14, 10, 12, 10, 12, 12, 12, 12, 16, 10, 14, 8, 10, 12, 18}}
	newT := Table{Name: SheetNew, Title: title("新增人员"),
		Header: []string{"补贴项目", "街道(乡镇)", "社区(村)", "姓名", "公民身份号码", "档次/标准", "金额", "新增原因"},
		Widths: []float64{20, 14, 14, 10, 22, 24, 12, 50}}
	stopT := Table{Name: SheetStopped, Title: title("停发人员"),
		Header: []string{"补贴项目", "上月街道(乡镇)", "上月社区(村)", "姓名", "公民身份号码", "上月档次/标准", "上月金额", "停发原因"},
		Widths: []float64{20, 14, 14, 10, 22, 24, 12, 50}}
	adjT := Table{Name: SheetAdjusted, Title: title("档次调整人员"),
		Header: []string{"补贴项目", "街道(乡镇)", "社区(村)", "姓名", "公民身份号码", "上月档次/标准", "上月金额", "本月档次/标准", "本月金额", "差额", "调整原因"},
		Widths: []float64{20, 14, 14, 10, 22, 24, 12, 24, 12, 12, 40}}
	trT := Table{Name: SheetTransfers, Title: title("跨街道转移人员（照常发放，不属停发）"),
		Header: []string{"补贴项目", "姓名", "公民身份号码", "原街道(乡镇)", "原社区(村)", "现街道(乡镇)", "现社区(村)", "金额"},
		Widths: []float64{20, 10, 22, 14, 14, 14, 14, 12}}
	idT := IdentitiesTable(r, codes)
	misT := MissingTable(r, codes)
	mileT := Table{Name: SheetMilestones, Title: r.Month.Chinese() + "年龄节点（本月进入新年龄档次的人员）",
		Header: []string{"补贴项目", "街道(乡镇)", "社区(村)", "姓名", "公民身份号码", "本月年满(周岁)", "档次/标准", "金额"},
		Widths: []float64{20, 14, 14, 10, 22, 14, 24, 12}}

	for _, m := range r.Milestones {
		if in(m.Line.Benefit) {
			l := m.Line
			mileT.Rows = append(mileT.Rows, []Cell{Text(codes[l.Benefit]), Text(l.Street), Text(l.Community), Text(l.Name), Text(l.PersonID), Int(m.Age), Text(l.Band), amountCell(l.Amount, l.Unit)})
		}
	}
	if !r.HasPrev {
		for _, t := range []*Table{&bridge, &newT, &stopT, &adjT, &trT} {
			t.Rows = noPrev
		}
		return []Table{bridge, newT, stopT, adjT, trT, idT, misT, mileT}
	}

	yuan := changes.Bridge{Name: "合计（元）", Unit: domain.UnitYuan}
	for _, b := range r.Bridges {
		if !in(b.Benefit) {
			continue
		}
		bridge.Rows = append(bridge.Rows, bridgeRow(b))
		if b.Unit == domain.UnitYuan {
			yuan = addBridge(yuan, b)
		}
	}
	if len(bridge.Rows) > 1 {
		bridge.Rows = append(bridge.Rows, bridgeRow(yuan))
	}
	for _, c := range r.New {
		if in(c.Benefit) {
			newT.Rows = append(newT.Rows, []Cell{Text(codes[c.Benefit]), Text(c.Street), Text(c.Community), Text(c.Name), Text(c.PersonID), Text(c.NewBand), amountCell(c.NewAmount, c.Unit), Text(c.Reason)})
		}
	}
	for _, c := range r.Stopped {
		if in(c.Benefit) {
			stopT.Rows = append(stopT.Rows, []Cell{Text(codes[c.Benefit]), Text(c.OldStreet), Text(c.OldCommunity), Text(c.Name), Text(c.PersonID), Text(c.OldBand), amountCell(c.OldAmount, c.Unit), Text(c.Reason)})
		}
	}
	for _, c := range r.Adjusted {
		if in(c.Benefit) {
			adjT.Rows = append(adjT.Rows, []Cell{Text(codes[c.Benefit]), Text(c.Street), Text(c.Community), Text(c.Name), Text(c.PersonID), Text(c.OldBand), amountCell(c.OldAmount, c.Unit), Text(c.NewBand), amountCell(c.NewAmount, c.Unit), amountCell(c.NewAmount.Sub(c.OldAmount), c.Unit), Text(c.Reason)})
		}
	}
	for _, c := range r.Transfers {
		if in(c.Benefit) {
			trT.Rows = append(trT.Rows, []Cell{Text(codes[c.Benefit]), Text(c.Name), Text(c.PersonID), Text(c.OldStreet), Text(c.OldCommunity), Text(c.Street), Text(c.Community), amountCell(c.NewAmount, c.Unit)})
		}
	}
	return []Table{bridge, newT, stopT, adjT, trT, idT, misT, mileT}
}

// IdentitiesTable is the 账号姓名变更 sheet: the people paid one of codes'
// benefits both months whose 姓名, 银行账号 or 户号 changed, old and new side
// by side, for finance (and each street office, for its own people) to
// check against the paperwork.
func IdentitiesTable(r *changes.Report, codes map[string]string) Table {
	t := Table{Name: SheetIdentities, Title: r.Month.Chinese() + "银行账号、户号或姓名变更人员（照常发放，请核对变更依据）（与" + r.Prev.Chinese() + "比较）",
		Header: []string{"补贴项目", "街道(乡镇)", "社区(村)", "公民身份号码", "上月姓名", "本月姓名", "上月账号/户号", "本月账号/户号", "金额", "变更内容"},
		Widths: []float64{20, 14, 14, 22, 10, 10, 24, 24, 12, 50}}
	if !r.HasPrev {
		t.Rows = [][]Cell{{Text("上月（" + r.Prev.String() + "）没有发放记录，本月不作比较")}}
		return t
	}
	for _, c := range r.Identities {
		if _, ok := codes[c.Benefit]; ok {
			t.Rows = append(t.Rows, []Cell{Text(codes[c.Benefit]), Text(c.Street), Text(c.Community), Text(c.PersonID), Text(c.OldName), Text(c.Name), Text(c.OldAccount), Text(c.Account), amountCell(c.NewAmount, c.Unit), Text(c.Reason)})
		}
	}
	return t
}

// MissingTable is the 待核实 sheet: everyone paid last month in one of codes'
// benefits who is on none of this month's rosters and has no recorded death.
func MissingTable(r *changes.Report, codes map[string]string) Table {
	t := Table{Name: SheetMissing, Title: r.Month.Chinese() + "待核实：上月（或以前月份）已发放或暂缓、此后各花名册均未列入且无死亡记录的人员（请街道核实：补报，或列入停发人员名单确认停发；已去世的，请填写死亡日期：死亡当月仍发放）",
		Header: []string{"姓名", "公民身份号码", "最后发放街道(乡镇)", "最后发放社区(村)", "最后发放月享受项目", "最后发放月金额(元)", "说明"},
		Widths: []float64{10, 22, 14, 14, 36, 14, 40}}
	if !r.HasPrev {
		t.Rows = [][]Cell{{Text("上月（" + r.Prev.String() + "）没有发放记录，无法核对漏报人员")}}
		return t
	}
	for _, m := range r.Missing {
		var names []string
		yuan := decimal.Zero
		for _, l := range m.LastLines {
			if _, ok := codes[l.Benefit]; !ok {
				continue
			}
			names = append(names, codes[l.Benefit]+" "+changes.Format(l.Amount, l.Unit)+unitText(l.Unit))
			if l.Unit == domain.UnitYuan {
				yuan = yuan.Add(l.Amount)
			}
		}
		if len(names) == 0 && len(m.Held) == 0 {
			continue
		}
		note := m.Why(r.Month) + "，本月未发放"
		if m.MonthsOff(r.Month) > 1 && r.Prev == r.Month.Prev() { // last month was run, and listed them
			note += "；上月已列入待核实，至今未补报或确认停发"
		}
		if m.HeldRows != "" {
			note += "；" + m.HeldRows
		}
		if len(names) == 0 {
			names = []string{"（暂缓，未发放）"}
		}
		t.Rows = append(t.Rows, []Cell{Text(m.Name), Text(m.PersonID), Text(m.Street), Text(m.Community), Text(strings.Join(names, "；")), Yuan(yuan), Text(note)})
	}
	return t
}

func bridgeRow(b changes.Bridge) []Cell {
	ok := "相符"
	if !b.Holds() {
		ok = "不符"
	}
	a := func(d decimal.Decimal) Cell { return amountCell(d, b.Unit) }
	return []Cell{Text(b.Name), Text(unitText(b.Unit)), Int(b.PrevCount), a(b.PrevTotal), Int(b.NewCount), a(b.NewTotal), Int(b.StoppedCount), a(b.StoppedTotal),
		Int(b.AdjustedCount), a(b.AdjustedDelta), Int(b.RoundingCount), a(b.RoundingDelta), Int(b.CurCount), a(b.CurTotal), Text(ok),
		Int(b.ArrearsCount), a(b.ArrearsTotal), a(b.CurTotal.Add(b.ArrearsTotal))}
}

func addBridge(s, b changes.Bridge) changes.Bridge {
	s.PrevCount += b.PrevCount
	s.NewCount += b.NewCount
	s.StoppedCount += b.StoppedCount
	s.AdjustedCount += b.AdjustedCount
	s.RoundingCount += b.RoundingCount
	s.CurCount += b.CurCount
	s.PrevTotal = s.PrevTotal.Add(b.PrevTotal)
	s.NewTotal = s.NewTotal.Add(b.NewTotal)
	s.StoppedTotal = s.StoppedTotal.Add(b.StoppedTotal)
	s.AdjustedDelta = s.AdjustedDelta.Add(b.AdjustedDelta)
	s.RoundingDelta = s.RoundingDelta.Add(b.RoundingDelta)
	s.CurTotal = s.CurTotal.Add(b.CurTotal)
	s.ArrearsCount += b.ArrearsCount
	s.ArrearsTotal = s.ArrearsTotal.Add(b.ArrearsTotal)
	return s
}

func amountCell(d decimal.Decimal, unit string) Cell {
	if unit == domain.UnitYuan {
		return Yuan(d)
	}
	return Quantity(d)
}

func unitText(unit string) string {
	if n, err := unitName(unit); err == nil {
		return n
	}
	return unit
}

// Sheet names of the corrections of earlier months.
const (
	SheetArrears    = "补发清单"
	SheetRecoveries = "追回清单"
)

// ArrearsTable is the 补发清单 sheet: the lines of this month that pay for
// an earlier approved month, limited to the benefits in codes.
func ArrearsTable(m domain.Month, lines []domain.Line, codes map[string]string) Table {
	sum := decimal.Zero
	t := Table{Name: SheetArrears, Title: m.Chinese() + "补发清单（以前已审批月份应发未发或少发的金额，随本月发放）",
		Header: []string{"补贴项目", "补发月份", "街道(乡镇)", "社区(村)", "姓名", "公民身份号码", "档次/标准", "补发金额", "原因"},
		Widths: []float64{20, 10, 14, 14, 10, 22, 30, 12, 60}}
	for _, l := range lines {
		if _, ok := codes[l.Benefit]; !ok || !l.Corrects.Valid() {
			continue
		}
		t.Rows = append(t.Rows, []Cell{Text(codes[l.Benefit]), Text(l.Corrects.String()), Text(l.Street), Text(l.Community), Text(l.Name), Text(l.PersonID), Text(l.Band), amountCell(l.Amount, l.Unit), Text(l.Params.Note)})
		sum = sum.Add(l.Amount)
	}
	if len(t.Rows) > 0 {
		t.Rows = append(t.Rows, []Cell{Text("合计"), Text(""), Text(""), Text(""), Text(fmt.Sprintf("%d条", len(t.Rows))), Text(""), Text(""), Yuan(sum), Text(capitalText(sum))})
	}
	return t
}

// RecoveriesTable is the 追回清单 sheet: money paid in approved months after
// a death now reported, to recover, limited to the benefits in codes.
func RecoveriesTable(m domain.Month, rs []domain.Recovery, codes map[string]string) Table {
	sum := decimal.Zero
	t := Table{Name: SheetRecoveries, Title: m.Chinese() + "追回清单（死亡后已发放的金额，请跟进追回；不在本月发放中扣减）",
		Header: []string{"补贴项目", "多发月份", "街道(乡镇)", "社区(村)", "姓名", "公民身份号码", "应追回", "单位", "原因"},
		Widths: []float64{20, 10, 14, 14, 10, 22, 12, 8, 50}}
	kwh, nYuan, nKWh := decimal.Zero, 0, 0
	for _, r := range rs {
		if _, ok := codes[r.Benefit]; !ok {
			continue
		}
		t.Rows = append(t.Rows, []Cell{Text(codes[r.Benefit]), Text(r.Corrects.String()), Text(r.Street), Text(r.Community), Text(r.Name), Text(r.PersonID), amountCell(r.Amount, r.Unit), Text(unitText(r.Unit)), Text(r.Reason)})
		switch r.Unit {
		case domain.UnitYuan:
			sum, nYuan = sum.Add(r.Amount), nYuan+1
		case domain.UnitKWh:
			kwh, nKWh = kwh.Add(r.Amount), nKWh+1
		}
	}
	// One total row per unit: yuan and kWh never add up together.
	if nYuan > 0 {
		t.Rows = append(t.Rows, []Cell{Text("合计（元）"), Text(""), Text(""), Text(""), Text(fmt.Sprintf("%d条", nYuan)), Text(""), Yuan(sum), Text("元"), Text(capitalText(sum))})
	}
	if nKWh > 0 {
		t.Rows = append(t.Rows, []Cell{Text("合计（千瓦时）"), Text(""), Text(""), Text(""), Text(fmt.Sprintf("%d条", nKWh)), Text(""), amountCell(kwh, domain.UnitKWh), Text(unitText(domain.UnitKWh)), Text("")})
	}
	return t
}

// capitalText is an amount in Chinese capitals, or "" when it cannot be
// written (never for the amounts of a month).
func capitalText(d decimal.Decimal) string {
	s, err := rmb.Capital(d)
	if err != nil {
		return ""
	}
	return "大写：" + s
}
