package roster

import "testing"

// The remarks a tester wrote, and those of earlier sessions, each read as
// staff meant them.
func TestRemarkWords(t *testing.T) {
	death := map[string]bool{
		"已于10月去世": true, "已故": true, "辞世": true, "殁": true, "病逝": true, "不健在": true, "已不健在": true,
		"健在（家属称已去世）": true, "王五已故": true, "2026年10月死亡": true,
		"老伴去世": false, "配偶已故": false, "独居，子女已死亡": false, "老伴死亡，本人健在": false,
		"非死亡": false, "未死亡": false, "没有去世": false, "已核实未死亡": false, "已核实非死亡": false,
		"上月误报死亡": false, "死亡日期误填已更正": false, "死亡登记有误": false,
		"因事故住院": false, "丧偶": false, "健在": false, "": false,
		"本人及老伴均已去世": true, "本人与老伴均已去世": true, "夫妻二人均已去世": true, "老伴去世，本人也已去世": true,
		"其子已死亡": false, "其夫已故": false, "其母已去世": false, "儿子去世，由本人领取": false,
	}
	checkWords(t, "speaksOfDeath", speaksOfDeath, death)
	stop := map[string]bool{
		"迁出本区，停发": true, "已迁出本区": true, "本月起停发": true, "停止发放": true, "户口迁出": true,
		"暂停后恢复": false, "未迁出": false, "停发原因已消除": false, "不停发": false, "无需停发": false,
		"取消停发": false, "解除暂停": false, "取消暂停": false, "撤销停发": false, "非停发": false,
		"停发3个月后恢复": false, "迁出后又迁入": false, "迁出（已撤销）": false, "户口未注销": false,
		"停发原因：无": false, "暂停一个月（住院）": false, "已注销低保": false, "低保停发": false,
		"残疾证注销": false, "迁出本街道到西街街道": false, "恢复发放": false, "迁入": false, "已迁回": false,
	}
	checkWords(t, "saysStop", saysStop, stop)
	moved := map[string]bool{
		"已迁出": true, "迁走": true, "迁出（去向不明）": true,
		"迁出本区，停发": false, "迁出本街道到西街街道": false, "未迁出": false, "迁出后又迁入": false, "迁往西街社区": false,
	}
	checkWords(t, "saysMovedOut", saysMovedOut, moved)
	alive := map[string]bool{
		"健在": true, "本人健在": true, "老伴去世，本人健在": true,
		"非健在": false, "已不健在": false, "未核实健在": false, "健在？": false, "健在（家属称已去世）": false,
	}
	checkWords(t, "saysAlive", saysAlive, alive)
	sheets := map[string]bool{
		"停发人员": true, "2026年11月减少": true, "注销人员": true, "迁出人员": true,
		"停发恢复人员": false, "暂停后恢复": false, "停发后恢复": false, "未迁出人员": false, "取消暂停人员": false,
		"恢复发放人员": false, "新增人员": false, "Sheet1": false,
	}
	checkWords(t, "namesStopList", namesStopList, sheets)
}

// checkWords fails the test for each text of want that f, named name, reads
// otherwise.
func checkWords(t *testing.T, name string, f func(string) bool, want map[string]bool) {
	t.Helper()
	for text, w := range want {
		if got := f(text); got != w {
			t.Errorf("%s(%q) = %v, want %v", name, text, got, w)
		}
	}
}
