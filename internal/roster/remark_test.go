package roster

import (
	"disburse/internal/domain"

	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

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
		"人已不在": true, "本人已不在人世": true, "人不在了": true, "人已不在本区居住": false, "老伴人已不在": false,
		"已火化": true, "不在了": true, "已于10月走了": true, "老伴已火化": false, "老伴走了": false,
		"人没了": true, "没了": true, "往生": true, "已安葬": true, "已领丧葬费": true, "已办丧葬补助": true, "过身": true, "已不在世": true,
		"老伴已安葬": false,
		// a roster's one-character shorthand, a clause of its own (a newcomer's rows paid without a word)
		"故": true, "卒": true, "（故）": true, "10月故": true, "2026年10月5日卒": true, "10故障": false, "已卒": true, "故障": false, "事故": false, "卒中后遗症": false,
		// after a date written with points or hyphens too (a date in the
		// 备注 instead of the 死亡日期 column: 2026.10.3故 was paid)
		"2026.10.3故": true, "2026-10-03卒": true, "10.3故": true, "2026.10.3已走": true, "2026.10.3故障": false, "3-5故障": false,
		// or before 于 and a date: 卒于2026年11月3日
		"卒于2026年11月3日": true, "故于2026.10.3": true, "卒于10月": true, "事故于10月3日": false, "故于此": false,
		// a fresh user's deaths paid in full without a word (S14): the
		// words of mourning and of burial
		"谢世": true, "已谢世": true, "于10月谢世": true, "谢世多年": true, "已火葬": true, "殡葬": true, "已领殡葬费": true, "已作古": true, "作古": true,
		"归西": true, "驾鹤西去": true, "寿终正寝": true, "已咽气": true, "已断气": true, "与世长辞": true, "已长辞": true,
		"归天": true, "已下葬": true, "已出殡": true, "正在治丧": true, "已謝世": true, "與世長辭": true, "已斷氣": true, "駕鶴西去": true, "壽終正寢": true,
		"老伴已谢世": false, "老伴已下葬": false, "未下葬": false,
		// 已走 as a clause of its own is a death; 已走访 is a visit
		"已走": true, "人已走": true, "10月已走": true, "已走访": false, "已走访，健在": false, "走访正常": false,
		// ordinary remarks, and names and gas cut off that hold a new word
		// inside (a 姓名 is read for deaths too: 谢世平 is a name)
		"本人代领": false, "子女代领": false, "火车站附近": false, "住小区外侧楼": false, "殡仪馆旁": false,
		"谢世平": false, "由谢世平代领": false, "欠费断气": false, "燃气已断气": false, "长治路": false, "下月": false, "出院": false,
	}
	// every word the reader knows is a death when it is all a remark
	// says: a word whose first character the fast path (deathFirstRunes)
	// misses would be paid
	for _, w := range slices.Concat(deathWords, bareDeaths) {
		death[w] = true
	}
	// spaces typed inside a word (ASCII, full-width, no-break), and
	// traditional characters, were paid (e3b.py, e3c.py); a space between
	// words still splits clauses
	for text, w := range map[string]bool{
		"去 世": true, "去\u3000世": true, "去\u00a0世": true, "过 世": true, "人 已 去 世": true, "已\u00a0故": true, "病 故": true, "死 亡": true,
		"已\u200b故": true, "過世": true, "已經過世": true, "辭世": true,
		"老伴去世 本人健在": false, "老伴去世　本人健在": false, "健在 老伴已故": false,
		// a move is not a death, nor is the death of who collects; who
		// reports the senior's death is no subject of it (e3.py)
		"搬走了": false, "已搬走了": false, "迁走了": false, "被接走了": false, "人走了": true,
		"代领人已去世": false, "领取人已故": false, "监护人去世": false, "代理人已死亡": false,
		"代领人称已去世": true, "儿子反映老人已去世": true, "代领人告知本人已故": true,
		// the senior alive, said in the same clause; 均 or 都 of others
		// alone (a newcomer's living seniors held, R1, R2)
		"老伴已去世本人健在": false, "本人健在老伴已去世": false, "代领人已去世本人健在": false, "老伴已去世由本人领取": false,
		"子女均已去世": false, "子女都已去世": false, "两个儿子均已去世": false, "老伴和儿子均已去世": false,
		"夫妻均已去世": true, "老两口都已去世": true, "本人和老伴都已去世": true,
		// a negation, a supposition, an instruction or a rule is no
		// statement of a death: a template's note on the 死亡日期 column
		// and a tester's 不是死亡 held living seniors (in a 备注 or a
		// comment); the statement beside one still holds
		"不是死亡，是户口迁移": false, "不存在死亡": false, "无死亡": false, "没有死亡": false, "未发现死亡": false,
		"已故人员请填写死亡日期，死亡当月照发": false, "如死亡请填写死亡日期": false, "如有死亡请填写": false, "若已去世，请填写死亡日期": false,
		"如果死亡请注明": false, "死亡当月照发": false, "去世当月照常发放": false, "死亡人员须注明死亡时间": false,
		"请填写死亡日期": true, "请补填死亡日期": true, "如有疑问请联系，已故": true, "若已去世，已故": true, "死亡的": true, "已故人员": true,
		"已故，请填写死亡日期": true, "本人已故请填写死亡日期": true, "10月死亡当月照发": true, "已死亡，死亡当月照发": true,
		"如今已故": true, "抢救无效死亡": true, "医治无效去世": true, "不幸去世": true, "不幸病逝": true, "非正常死亡": true, "死亡日期：2026年10月3日": true, "是死亡，不是迁移": true, "不是迁移，是死亡": true,
		// a death's reason states the death; a stop's reason is no stop
		// (停发原因：无, among the stops)
		"死亡原因：脑梗": true, "原因不明死亡": true, "死亡原因不明": true, "去世原因：病故": true,
	} {
		death[text] = w
	}
	checkWords(t, "speaksOfDeath", speaksOfDeath, death)
	stop := map[string]bool{
		"迁出本区，停发": true, "已迁出本区": true, "本月起停发": true, "停止发放": true, "户口迁出": true,
		"暂停后恢复": false, "未迁出": false, "停发原因已消除": false, "不停发": false, "无需停发": false,
		"取消停发": false, "解除暂停": false, "取消暂停": false, "撤销停发": false, "非停发": false,
		"停发3个月后恢复": false, "迁出后又迁入": false, "迁出（已撤销）": false, "户口未注销": false,
		"停发原因：无": false, "暂停一个月（住院）": true, // paid until two testers' pauses (f11)
		"已注销低保": false, "低保停发": false,
		"残疾证注销": false, "迁出本街道到西街街道": false, "恢复发放": false, "迁入": false, "已迁回": false,
		// a tester's remarks that paid people who had left (t2.py r1-r19)
		"不再享受": true, "已取消资格": true, "待遇终止": true, "停止享受": true, "户口已迁至泽州县": true,
		"已迁往外省随子女居住": true, "户口注销": true, "已销户": true, "户籍迁出本区": true, "迁往太原市": true,
		"已迁往北京": true, "随子女迁往广东居住": true, "户口迁至内蒙古": true, "迁至国外": true,
		"未取消资格": false, "银行卡已销户": false, "去世老伴的账号已注销": false, "老伴户口迁出": false,
		// a move within the district is the new street's to pay (t10.py)
		"迁至西街街道": false, "已迁出，转西街": false, "迁至矿区街道": false, "户口迁至本区西街": false, "户口迁至本区": false, "户口迁出至北石店镇": false,
		"搬至敬老院": false, "转至市医院治疗": false, "转为城市低保": false, "从西街街道迁入": false, "由外区迁入本街道": false,
		// stops taken back, or of one benefit only (t23.py)
		"原停发，现恢复": false, "上月停发本月恢复": false, "停发（已核实健在，恢复发放）": false, "已恢复发放": false,
		"护理补贴停发，高龄津贴照发": false, "低保已停发，高龄照发": false, "护理补贴停发": false, "停发高龄津贴": false,
		"恢复后又停发": true, "10月恢复发放，11月起停发": true, "各项补贴全部停发": true, "停发，高龄照发": false,
		"户口未迁出": false, "不再发放高龄津贴": false,
		// instructions and absences a fresh user's rosters paid (f10)
		"删除": true, "作废": true, "此行作废": true, "重复，删除": true, "不发": true, "停领": true, "本月停": true,
		"取消": true, "11月起不再领取": true, "本月起停止": true, "失联": true, "去向不明": true, "服刑中": true, "迁出（去向不明）": true,
		"取消低保": false, "暂不删除": false, "不停领": false, "未失联": false,
		// a second tester's stops and removals that were paid, and harmless
		// uses of the new words that held living seniors (f11)
		"暂停": true, "暂停至12月": true, "停": true, "删": true, "不要": true, "停车场旁": false, "已停": true, "已删": true, "注销": true, "已注销": true, "减员": true, "已减员": true,
		"减少": true, "退出": true, "终止": true, "不在册": true, "冻结": true, "无效": true, "失效": true,
		"已取消代领，本人领取": false, "取消代领": false, "代领人删除": false, "已删除代领人信息": false, "取消托管": false,
		"删除原账号，改用新卡": false, "旧卡作废，已换新卡": false, "原存折作废": false, "服刑期满，已释放": false, "银行卡冻结": false,
		// a stop from a later month pays this one (f10: 下月停发 was held)
		"下月停发": false, "下个月起停止发放": false, "次月起不再领取": false, "明年起停发": false,
		"下月停发，本月也停发": true, "本月停发，下月恢复": true, "下月迁往太原市": true,
		// living outside the district, said without 迁 or 搬 (m2)
		"人已不在本区": true, "人已离开本区": true, "已不在本区居住": true, "户口已不在本区": true, "现居外地": true,
		"人在外地，长期不归": true, "随子女去外省生活": true, "已移居国外": true, "已出国定居": true,
		"老伴在外地": false, "儿子在外地工作": false, "未离开本区": false, "在外地就医": false, "去外地探亲": false, "不在本区住院": false,
		// a payment put off or refused, a senior gone or not entitled, a
		// move said with 转 or 调, all paid without a word (e3.py)
		"暂缓发放": true, "暂缓": true, "缓发": true, "不予发放": true, "暂扣": true, "扣发": true, "退回": true, "失踪": true, "入狱": true,
		"本人放弃": true, "自愿放弃": true, "放弃": true, "拒领": true, "不领": true, "不愿领取": true, "不符合条件": true, "重复享受": true,
		"已转出": true, "转出": true, "调出本区": true, "已转走": true, "转走": true, "已不在": true,
		"银行卡退回": false, "原卡退回，已换新卡": false, "代领人不领": false, "补贴已转出": false, "卡内余额已转走": false,
		"入狱后已释放": false, "失踪后已找到": false, "放弃治疗": false, "已不在医院": false, "老伴已不在": false,
		"转出至西街街道": false, "未转出": false, "不暂缓": false,
		// a fresh user's seniors who left the district, paid (S14): a city
		// or county named without 市 or 县, though 泽州路 and 新市街 are
		// roads of 城区
		"户口迁至太原": true, "迁至长治": true, "迁往阳城": true, "户口迁往高平": true, "迁至泽州": true, "已迁往郑州": true, "迁往泽州县": true,
		"迁至泽州路社区": false, "户口迁至泽州路社区": false, "迁至泽州南路": false, "迁至新市街": false, "迁至新市东街": false,
		"迁往长治路": true, "迁至太原西街": true, // whether 城区 has such roads is not known: held
		// 区外, 外迁, 搬离, 辖区 (S14)
		"已迁出区外": true, "外迁": true, "已外迁": true, "户口外迁": true, "已搬离本区": true, "搬出本区": true, "迁出本辖区": true, "迁出辖区": true, "迁出省外": true,
		"从省外迁来": false, "由外迁入": false, "外迁至西街街道": false,
		// a senior gone to live with family in a place outside, not on a
		// trip, and ordinary remarks (S14)
		"随子女去上海": true, "随儿子到广东生活": true, "投靠女儿去太原": true, "跟随子女去北京居住": true, "已随女儿到长治生活": true, "投奔儿子去西安": true,
		"去北京看病": false, "到太原住院": false, "随女儿去太原看病": false, "随儿子到北京住院": false, "投靠女儿去太原探亲": false,
		"老伴随儿子去上海": false, "未随子女去上海": false, "随子女生活": false, "随访正常": false, "随女儿到西街生活": false,
		"去上海随子女生活": true, "到北京跟儿子住": true, "去上海随子女看病": false, "在西街随女儿生活": false, "去北京看病，随子女生活": false,
		"已走访": false, "走访正常": false, "本人代领": false, "子女代领": false, "火车站附近": false, "住小区外侧楼": false, "殡仪馆旁": false,
		// a tester's reductions and removals, paid without a word: 核减,
		// 清退, 销号, 不享受 (words), beside the 减员, 不再享受, 取消待遇
		// that were held; their negations, a bank card's 销号 and 取消暂缓
		// (the deferral lifted) pay
		"核减": true, "已核减": true, "11月核减": true, "清退": true, "已清退": true, "销号": true, "已销号": true, "不享受": true, "已不享受": true,
		"取消待遇": true, "本月起不享受": true,
		"不是核减": false, "未核减": false, "非清退": false, "银行卡销号": false, "原账户已销号": false, "手机已销号": false, "联系电话已销号": false, "取消暂缓": false, "已取消暂缓，恢复发放": false,
		"不享受护理补贴": false, "不享受低保": false,
		// a clause about money paid too much, or about another person,
		// struck off is no stop of the senior (a tester's, held); the
		// senior's own strike-off still is
		"上月多发已清退": false, "清退多发款": false, "清退上月多发金额": false, "清退重复领取金额": false, "核减重复发放金额": false,
		"清退多发款已退回": false, "多领部分已退回": false,
		"重复人员已核减，本行保留": false, "已核减重复人员（本行保留）": false, "11月核减1人（另一人）": false, "已核减老伴": false, "已核减（老伴）": false,
		"不享受其他补贴": false, "不享受其它待遇": false,
		"11月核减1人": true, "已核减，老伴健在": true, "重复领取已核减": true, "重复享受，已核减": true, "核减补贴": true,
		// a negation covers the words inside what it negates, and a verb
		// of finding between (a check's result held, 未发现不符合条件情形)
		"不是暂停发放": false, "未发现不符合条件情形": false, "不存在重复享受": false, "未出现停发": false, "发现不符合条件": true,
		"补贴退回": true, "本月款项退回": true, "已清退（本人）": true, "已核减1人": true, "不享受，其他补贴照领": true,
	}
	for text, w := range map[string]bool{
		"注 销": true, "迁 出 本 区": true, "户口 迁出": true, "停 止发放": true, "暂　停": true, "停發": true, "暫停發放": true, "註銷戶口": true,
		"遷出本區": true, "不予發放": true, "停 发，恢 复": false, "已 迁至 西街街道": false,
		"搬走了": true, "已搬走": true, "搬走至西街街道": false, "代领人已迁走": false, "代领人已搬走": false,
	} {
		stop[text] = w
	}
	checkWords(t, "saysStop", saysStop, stop)
	moved := map[string]bool{
		"已迁出": true, "迁走": true, "迁出（去向不明）": false, // held: 去向不明 is a stop
		"迁出本区，停发": false, "迁出本街道到西街街道": false, "未迁出": false, "迁出后又迁入": false, "迁往西街社区": false,
		"已迁出，转西街": false, "迁出至今": true, "拆迁安置": false,
		"户口迁至太原": false, // outside: a stop (S14)
		// 区外 says where: outside, a stop; 搬离 is a move like 迁出 (S14)
		"已迁出区外": false, "外迁": false, "已搬离": true, "已搬离本区": false,
	}
	moved["迁 出"], moved["已遷出"] = true, true
	checkWords(t, "saysMovedOut", saysMovedOut, moved)
	// where a remark says the senior moved, and whether that is outside
	// the district; "" when it names no place
	within := map[string]string{
		"已迁至西街街道": "西街街道", "已迁出，转西街": "西街", "停发，转入西街": "西街", "迁往西街，本街停发": "西街",
		"停发（迁至西街街道）": "西街街道", "迁出本街道到西街街道": "西街街道", "户口已迁至泽州县": "", "已迁往外省随子女居住": "",
		"搬至敬老院": "", "本月起在西街街道领取": "", "迁出": "", "户口迁至本区": "", "老伴已迁往西街": "", "户口迁至本区西街": "本区西街",
		// 泽州路 is a road of 城区, 泽州 a county around it (S14)
		"迁至泽州路社区": "泽州路社区", "迁至新市街": "新市街", "迁往长治路": "", "户口迁至太原": "", "迁往阳城": "",
	}
	for remark, want := range within {
		r := readStop(remark)
		got := r.move.dest
		if r.move.outside {
			got = ""
		}
		if got != want {
			t.Errorf("readStop(%q).move = %+v, want a move within the district to %q", remark, r.move, want)
		}
	}
	benefit := map[string]string{
		"护理补贴停发，高龄津贴照发": "护理补贴停发", "停发高龄津贴": "停发高龄津贴", "原停发，现恢复": "", "各项补贴全部停发": "", "低保已停发，高龄照发": "", "停发，高龄照发": "停发", "停发后恢复": "",
	}
	for remark, want := range benefit {
		if got := readStop(remark).benefit; got != want {
			t.Errorf("readStop(%q).benefit = %q, want %q", remark, got, want)
		}
	}
	alive := map[string]bool{
		"健在": true, "本人健在": true, "老伴去世，本人健在": true,
		"老伴健在": false, "子女健在": false, "其妻健在": false, "本人及老伴均健在": true, // f11: 老伴健在 paid a dead senior
		"非健在": false, "已不健在": false, "未核实健在": false, "健在？": false, "健在（家属称已去世）": false,
	}
	checkWords(t, "saysAlive", saysAlive, alive)
	sheets := map[string]bool{
		"停发人员": true, "2026年11月减少": true, "注销人员": true, "迁出人员": true,
		"停发恢复人员": false, "暂停后恢复": false, "停发后恢复": false, "未迁出人员": false, "取消暂停人员": false,
		"恢复发放人员": false, "新增人员": false, "Sheet1": false,
		"停發人員": true, "注 销人员": true,
		// sheets of people not to pay this month, read as rosters and paid (e5.py)
		"删除": true, "已删除人员": true, "作废": true, "不合格": true, "审核不合格人员": true, "备份": true, "2026年11月备份": true,
		"待审核": true, "待审批人员": true, "旧": true, "(旧)": true, "（旧）": true, "东街（旧）": true, "旧版": true, "旧表": true,
		"旧街社区": false, "老旧小区": false, "已审核": false, "审核通过": false, "合格人员": false, "未删除人员": false,
		// a tester's sheets of people to remove, read as rosters and paid:
		// the stop words of a 备注 that name such a list
		"减员名单": true, "核减人员": true, "11月核减": true, "取消人员": true, "取消资格人员": true, "不予发放": true, "不发放人员": true,
		"暂缓人员": true, "外迁人员": true, "销户人员": true, "退出人员": true, "清退人员": true, "无效": true, "销号人员": true, "不享受人员": true,
		// and sheets of people whose stop ended, or of who collects
		"取消暂缓人员": false, "取消停发人员": false, "暂缓后恢复人员": false, "取消代领人员": false, "银行卡销户人员": false, "未核减人员": false,
		"有效人员": false, "退休人员": false,
		// sheets of people who lost 低保 or 特困 but are still owed the
		// age allowance, as 低保停发 in a 备注 (a tester's, held)
		"取消低保人员": false, "退出低保人员": false, "低保退出人员": false, "不享受低保人员": false, "低保核减人员": false,
		"退出特困人员": false, "取消特困供养人员": false, "低保取消仍享高龄": false,
		// the roster left after the removals, and people back (a tester's, held)
		"核减后名单": false, "核减后在册人员": false, "减员后": false, "减员后花名册": false, "清退后": false, "清退后在册人员": false,
		"去除核减人员后": false, "发放名单（减员已扣除）": false, "在册人员（已剔除取消人员）": false, "11月在册（已剔除减员）": false,
		"除暂缓外人员": false, "除暂缓以外人员": false, "外迁返回人员": false, "外迁人员返回": false, "销号补办人员": false, "东街（不含核减）": false,
		// while a list of the removed stays one, whatever follows it
		"减员人员（已剔除）": true, "删除外迁人员": true, "核减人员（11月后）": true, "外迁人员（迁往本区以外）": true, "暂缓人员（下月照发）": true,
	}
	checkWords(t, "namesStopList", namesStopList, sheets)
	checkWords(t, "namesDeathList", namesDeathList, map[string]bool{
		"死亡人员": true, "11月死亡名单": true, "死亡人员（已剔除）": true,
		// a newcomer's sheets of the dead, paid as rosters: the words of a
		// 备注 that says a death
		"过世人员": true, "过世名单": true, "过世": true, "逝世人员": true, "病故人员": true, "离世人员": true, "殡葬火化": true,
		"派出所死亡注销名单": true, "东街（不含过世人员）": false, "去除病故人员后": false,
		"在册人员（已剔除死亡人员）": false, "去除死亡人员后": false, "除死亡外人员": false, "东街（不含已故）": false,
	})
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

// Remarks that take a stop back, or stop one benefit, pay the row; the one
// that names a benefit says so in a notice (t23.py). The euphemism 人已不在
// holds the row as a death without a date, and a move out of the district
// as a stop (t2.py).
func TestRemarksOnRows(t *testing.T) {
	remarks := []string{"护理补贴停发，高龄津贴照发", "原停发，现恢复", "停发（已核实健在，恢复发放）", "上月停发本月恢复",
		"人已不在", "户口已迁至泽州县", "不再享受", "已迁出，转西街"}
	var rows [][]any
	for i, r := range remarks {
		rows = append(rows, row(i+1, "某"+string(rune('甲'+i)), withCheck(fmt.Sprintf("14050219400101%03d", 600+i)), map[string]any{"备注": r}))
	}
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "东街.xlsx", rows), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range wb.Entries {
		for _, f := range e.Findings {
			got = append(got, fmt.Sprintf("%d:%s:%s", f.Where.Row, f.Severity, f.Code))
			if f.Code == "remark_moved" && !strings.Contains(f.Message, "迁往「西街」") {
				t.Errorf("remark_moved names no place: %s", f.Message)
			}
		}
	}
	sameLines(t, "findings", got, []string{"4:notice:remark_benefit_stop", "8:held:remark_death", "9:held:remark_stop", "10:held:remark_stop", "11:notice:remark_moved"})
}

// A remark under another name (情况说明, 状态, ...) or in a second remark
// column is read like the 备注: a fresh user's senior marked 已去世 under
// 情况说明 was paid, the column only named as ignored (f10).
func TestRemarkColumns(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, head []any, rows ...[]any) *Workbook {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &head)
		for i, r := range rows {
			f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", 2+i), &r)
		}
		return readSaved(t, f, dir, name)
	}
	a, b, c := "140502194204206481", "140502194611306543", "140502193807075930"
	only := write("说明.xlsx", []any{"姓名", "公民身份号码", "情况说明"},
		[]any{"甲", a, "已去世"}, []any{"乙", b, ""}, []any{"丙", c, "本月起停发"})
	two := write("两列.xlsx", []any{"姓名", "公民身份号码", "备注", "状态"},
		[]any{"甲", a, "", "死亡"}, []any{"乙", b, "换卡", "正常"}, []any{"丙", c, "换卡", "停发"})
	// a tester's 批注 column, ignored, and its senior 已故 paid
	note := write("批注.xlsx", []any{"姓名", "公民身份号码", "批注"},
		[]any{"甲", a, "已故"}, []any{"乙", b, ""}, []any{"丙", c, "核减"})
	for _, wb := range []*Workbook{only, two, note} {
		if got, want := rowCodes(wb), "2 true remark_death\n3 false \n4 true remark_stop"; got != want {
			t.Errorf("%s:\n%s\nwant\n%s", wb.Name, got, want)
		}
		for _, f := range wb.Notices {
			if f.Code == "columns_ignored" {
				t.Errorf("%s: %s", wb.Name, f.Message)
			}
		}
	}
}

// A remark column under the other names offices give it (备注栏, 备考,
// 备注信息, 其他说明, 说明事项, 摘要; a 栏 after any header is dropped, spaces
// inside too: 备 注 栏) is read as the 备注: a newcomer's 已去世 under each
// was paid, the column only named as ignored. A 栏 alone stays a header of
// its own, and a 备注栏 beside the 备注 is read with it.
func TestRemarkColumnsByOtherNames(t *testing.T) {
	dir := t.TempDir()
	a, b, c := "140502194204206481", "140502194611306543", "140502193807075930"
	for i, h := range []string{"备注栏", "备考", "备注信息", "其他说明", "说明事项", "摘要", "备注说明栏", "备      注栏", "备注栏：", "情况说明栏"} {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", h})
		f.SetSheetRow("Sheet1", "A2", &[]any{"甲", a, "已去世"})
		f.SetSheetRow("Sheet1", "A3", &[]any{"乙", b, ""})
		f.SetSheetRow("Sheet1", "A4", &[]any{"丙", c, "本月起停发"})
		wb := readSaved(t, f, dir, fmt.Sprintf("%d.xlsx", i))
		if got, want := rowCodes(wb), "2 true remark_death\n3 false \n4 true remark_stop"; got != want {
			t.Errorf("%s:\n%s\nwant\n%s", h, got, want)
		}
		for _, n := range wb.Notices {
			if n.Code == "columns_ignored" {
				t.Errorf("%s: %s", h, n.Message)
			}
		}
	}
	if got := normalizeHeader("栏"); got != "栏" {
		t.Errorf("栏 alone normalised to %q", got)
	}
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "备注", "备注栏"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"甲", a, "换卡", "已去世"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"乙", b, "换卡", "独居"})
	if got, want := rowCodes(readSaved(t, f, dir, "两列.xlsx")), "2 true remark_death\n3 false "; got != want {
		t.Errorf("备注 and 备注栏:\n%s\nwant\n%s", got, want)
	}
}

// A 备注 of 同上 (同上行, 同上栏, 〃) says what the 备注 of the person row just
// above says, as that row was read: a newcomer's 同上 under 已去世 was paid
// without a word. Under a remark that holds nobody (独居, 老伴已去世) it
// holds nobody, nor with no person row right above (the first row, after
// a blank row); it never releases a row (健在, 恢复发放 above are not this
// row's word). The message shows the 同上 and the row it repeats.
func TestRemarkSameAsAbove(t *testing.T) {
	ids := []string{"140502194204206481", "140502194702024808", "140502194611306543", "140502194703050012", "140525195910280434",
		withCheck("14050219400101901"), withCheck("14050219400101902"), withCheck("14050219400101903"), withCheck("14050219400101904"),
		withCheck("14050219400101905"), withCheck("14050219400101906"), withCheck("14050219400101907"), withCheck("14050219400101908"), withCheck("14050219400101909")}
	names := strings.Fields("赵一 钱二 孙三 李四 周五 吴六 郑七 王八 冯九 陈十 褚一 卫二 蒋三 沈四")
	remarks := []any{"同上", "已去世", "同上", "同上行", "独居", "同上栏", nil, "同上", "老伴已去世", "同上", "迁出本区", "同上。", "健在", "同上"}
	var rows [][]any
	for i, rm := range remarks {
		if rm == nil {
			rows = append(rows, []any{})
			continue
		}
		rows = append(rows, row(i+1, names[len(rows)], ids[len(rows)], map[string]any{"备注": rm}))
	}
	wb := readAll(t, writeRoster(t, t.TempDir(), "东街.xlsx", rows))[0]
	sameLines(t, "rows", strings.Split(rowCodes(wb), "\n"), []string{
		"4 false ",            // 同上 on the first row: nothing above
		"5 true remark_death", // 已去世
		"6 true remark_death", // 同上
		"7 true remark_death", // 同上行 under a 同上
		"8 false ",            // 独居
		"9 false ",            // 同上栏: 独居
		"11 false ",           // 同上 after a blank row
		"12 false ",           // 老伴已去世
		"13 false ",           // 同上: the spouse's death
		"14 true remark_stop", // 迁出本区
		"15 true remark_stop", // 同上。
		"16 false ",           // 健在
		"17 false ",           // 同上
	})
	if ms := findingsOf(wb.Entries[2], func(f domain.Finding) string { return f.Message }); !slices.ContainsFunc(ms, func(m string) bool {
		return strings.Contains(m, "备注「同上」（“同上”即第5行的备注，为「已去世」）说此人已去世")
	}) {
		t.Errorf("messages: %q", ms)
	}
	if e := wb.Entries[len(wb.Entries)-1]; e.Alive || !wb.Entries[len(wb.Entries)-2].Alive {
		t.Errorf("同上 under 健在: alive %v", e.Alive)
	}
	resumed := readAll(t, writeRoster(t, t.TempDir(), "西街.xlsx", [][]any{
		row(1, "赵一", ids[0], map[string]any{"备注": "继续发放"}),
		row(2, "钱二", ids[1], map[string]any{"备注": "同上"}),
	}))[0]
	if !resumed.Entries[0].Resumes || resumed.Entries[1].Resumes {
		t.Errorf("同上 under 继续发放: resumes %v, %v", resumed.Entries[0].Resumes, resumed.Entries[1].Resumes)
	}
}

// A finding read from the second of two remark columns names that
// column, as written, not the first: a death written only under 情况说明
// was reported at the 备注, and staff were sent to the wrong cell (S14).
// What the first column says alone stays at the first.
func TestSecondRemarkColumnLocation(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "备注", "性别", "情况说明"})
	rows := []struct {
		first, second string
		want          string // row: code at column/header
	}{
		{"换卡", "已去世", "remark_death E 情况说明"},
		{"", "迁出本区", "remark_stop E 情况说明"},
		{"换卡", "下月停发", "remark_stop_later E 情况说明"},
		{"已去世", "换卡", "remark_death C 备注"},
		{"停发", "迁出本区", "remark_stop C 备注"},
	}
	ids := []string{"140502194204206481", "140502194611306543", "140502193807075930", "140502194002141392", "140502194011231664"}
	var want []string
	for i, r := range rows {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", 2+i), &[]any{"某人", withCheck(ids[i][:17]), r.first, "男", r.second})
		want = append(want, fmt.Sprintf("%d %s", 2+i, r.want))
	}
	wb := readSaved(t, f, t.TempDir(), "两列备注.xlsx")
	var got []string
	for _, e := range wb.Entries {
		for _, fd := range e.Findings {
			got = append(got, fmt.Sprintf("%d %s %s %s", fd.Where.Row, fd.Code, fd.Where.Column, fd.Where.Header))
		}
	}
	sameLines(t, "findings", got, want)
}

// A row held for something else (低保类别 待定) whose 备注 says 停发, a move
// out of the district or a death without its date is held as stopped too:
// without remark_stop the month was paid back once the 低保类别 was
// corrected, and staff were not told the row said 停发. A 死亡日期 given
// decides the death; one that cannot be read has its own finding; a 姓名
// marked 停发 holds the row as stopped already; a stop from a later month
// is remembered, without saying the row is paid, and so is a resumption.
func TestRemarkOnAHeldRow(t *testing.T) {
	dir := t.TempDir()
	held := func(seq int, name string, id any, set map[string]any) []any {
		set["低保类别"] = "待定"
		return row(seq, name, id, set)
	}
	p := writeRoster(t, dir, "东街.xlsx", [][]any{
		held(1, "甲", "140502194204206481", map[string]any{"备注": "停发"}),                         // 4
		held(2, "乙", "140502194611306543", map[string]any{"备注": "已迁出本区"}),                      // 5
		held(3, "丙", "140502193807075930", map[string]any{"备注": "已故"}),                         // 6
		held(4, "丁", "140502194002141392", map[string]any{"备注": "已故，停发", "死亡日期": "2026/11/5"}), // 7
		held(5, "戊", "140502194011231664", map[string]any{"备注": "已故", "死亡日期": "上个月"}),          // 8
		held(6, "魏巧花停发", withCheck("11010519491231121"), map[string]any{"备注": "停发"}),           // 9
		held(7, "庚", withCheck("11010519491231122"), map[string]any{"备注": "不停发"}),              // 10
		held(8, "辛", withCheck("11010519491231123"), map[string]any{"备注": "下月停发"}),             // 11
		row(9, "壬", withCheck("11010519491231124"), map[string]any{"银行账号": "0", "备注": "本月停发"}), // 12
		held(10, "癸", withCheck("11010519491231125"), map[string]any{"备注": "恢复发放"}),            // 13
		// A pause that explains the hold is no stop: the month is paid
		// back once the row is corrected.
		row(11, "子", withCheck("11010519491231126"), map[string]any{"银行账号": "6217abc", "备注": "账号有误，暂缓发放"}), // 14
		row(12, "丑", withCheck("11010519491231127"), map[string]any{"银行账号": "6217abc", "备注": "暂缓，待核实账号"}),  // 15
		row(13, "寅", withCheck("11010519491231128"), map[string]any{"银行账号": "6217abc", "备注": "上月补贴被退回"}),   // 16
		row(14, "卯", withCheck("11010519491231129"), map[string]any{"银行账号": "6217abc", "备注": "暂缓，已迁出本区"}),  // 17: a stop all the same
	})
	wb := readAll(t, p)[0]
	want := strings.Join([]string{
		"4 true value_unknown,remark_stop",
		"5 true value_unknown,remark_stop",
		"6 true value_unknown,remark_death",
		"7 true value_unknown",
		"8 true value_unknown,death_date_invalid",
		"9 true remark_stop,value_unknown",
		"10 true value_unknown",
		"11 true value_unknown,remark_stop_later",
		"12 true account_implausible,remark_stop",
		"13 true value_unknown",
		"14 true value_unknown",
		"15 true value_unknown",
		"16 true value_unknown",
		"17 true value_unknown,remark_stop",
	}, "\n")
	if got := rowCodes(wb); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// 恢复发放 on a held row is staff's word against a stop announced
	// earlier all the same (stop_announced_resumed)
	if !wb.Entries[9].Resumes || wb.Entries[0].Resumes {
		t.Errorf("Resumes: %v on 恢复发放, %v on 停发", wb.Entries[9].Resumes, wb.Entries[0].Resumes)
	}
	for _, e := range wb.Entries {
		for _, f := range e.Findings {
			switch {
			case f.Code == "remark_stop" && e.Person.Source.Row != 9 && !strings.Contains(f.Message, "更正后也不补发本月"):
				t.Errorf("row %d: %s", e.Person.Source.Row, f.Message)
			case f.Code == CodeRemarkStopLater && (strings.Contains(f.Message, "本月照常发放") || !strings.Contains(f.Message, "（2026-12起）")):
				t.Errorf("row %d: %s", e.Person.Source.Row, f.Message)
			}
		}
	}
}

// On a row held for its 银行账号, 户号 or 低保类别, a 备注 that says the month
// is not paid for the time being (暂不发放, 先不发, 暂时不发; 暫緩 in
// traditional characters), not paid for the hold's reason (账号有误，本月不发;
// 本月不发待核实; 低保待认定，本月不发) or paid later (本月停发，下月补发)
// explains the hold and is no stop: each was held remark_stop, and the month
// was withheld for good once the row was corrected. A bare 不发 or 停发, a
// stop with a reason of its own (已迁出本区，不发; 取消资格，不发), one whose
// 补发 is refused (停发，不予补发) and 停发 beside an account error still stop.
func TestPauseOnAHeldRowExplainsTheHold(t *testing.T) {
	dir := t.TempDir()
	remarks := []struct {
		remark string
		stop   bool
	}{
		{"暂不发放", false}, {"先不发", false}, {"暂时不发", false}, {"暫緩發放", false}, {"暂不予发放", false},
		{"本月不发待核实", false}, {"账号有误，本月不发", false}, {"账号错误不发", false}, {"不发，待核", false},
		{"本月停发，下月补发", false}, {"停发，核实后补发", false}, {"本月不发，更正后补发", false},
		{"不发", true}, {"停发", true}, {"已迁出本区，不发", true}, {"取消资格，不发", true}, {"服刑，暂不发放", true},
		{"停发，不予补发", true}, {"停发，以后不再补发", true}, {"账号错误，停发", true},
	}
	var rows [][]any
	var want []string
	for i, r := range remarks {
		rows = append(rows, row(i+1, "子", withCheck(fmt.Sprintf("110105194912%05d", 31130+i)), map[string]any{"银行账号": "6217abc", "备注": r.remark}))
		codes := "value_unknown"
		if r.stop {
			codes += ",remark_stop"
		}
		want = append(want, fmt.Sprintf("%d true %s", i+4, codes))
	}
	rows = append(rows,
		row(len(remarks)+1, "丑", withCheck("11010519491231199"), map[string]any{"户号": "abc", "备注": "户号有误，暂不发放"}),
		row(len(remarks)+2, "寅", withCheck("11010519491231198"), map[string]any{"低保类别": "待定", "备注": "低保待认定，本月不发"}))
	want = append(want, fmt.Sprintf("%d true value_unknown", len(remarks)+4), fmt.Sprintf("%d true value_unknown", len(remarks)+5))
	wb := readAll(t, writeRoster(t, dir, "东街.xlsx", rows))[0]
	if got := rowCodes(wb); got != strings.Join(want, "\n") {
		for i, r := range remarks {
			t.Logf("row %d: %s", i+4, r.remark)
		}
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// A stop from next month pays this month with a notice naming the clause;
// a stop this month resumed next month holds it (f10).
func TestRemarkStopLater(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "备注"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"甲", "140502194204206481", "健在，下月停发"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"乙", "140502194611306543", "本月停发，下月恢复"})
	// a month named: later than November pays November (f11), not later holds
	// (a year named without its month, 2027年起停发, was held as a stop now)
	later := []string{"12月起停发", "2026年12月起停发", "从12月起停止发放", "12月停发", "自2026.12起停发", "2027年1月起停发", "本月底停发", "明年起停发", "明年3月起停发", "自2027年起停发"}
	// the month each stop takes effect, named in the notice for the run of that month (stop_announced)
	from := []string{"2026-12", "2026-12", "2026-12", "2026-12", "2026-12", "2027-01", "2026-12", "2027-01", "2027-03", "2027-01"}
	now := []string{"11月起停发", "10月起停发", "2026年11月起不再发放", "2026年起停发"}
	ids := []string{"140502193807075930", "140502194002141392", "140502194011231664", "110105194912311218", "110105194912311226",
		"110105194912311234", "110105194912311242", "110105194912311250", "110105194912311269", "110105194912311277", "110105194912311285", "110105194912311293",
		"110105194912311301", "110105194912311318"}
	want := "2 false remark_stop_later\n3 true remark_stop,remark_resume_later"
	for i, remark := range append(later, now...) {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", 4+i), &[]any{"丙", withCheck(ids[i][:17]), remark})
		code := "false remark_stop_later"
		if i >= len(later) {
			code = "true remark_stop"
		}
		want += fmt.Sprintf("\n%d %s", 4+i, code)
	}
	wb := readSaved(t, f, t.TempDir(), "东街.xlsx")
	if got := rowCodes(wb); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if m := wb.Entries[0].Findings[0].Message; !strings.Contains(m, "「下月停发」") || !strings.Contains(m, "本月照常发放") {
		t.Errorf("message: %s", m)
	}
	for i, want := range append([]string{"2026-12"}, from...) {
		e := wb.Entries[i]
		if i > 0 {
			e = wb.Entries[i+1]
		}
		if id, m, ok := LaterStopOf(e.Findings[0]); !ok || id != e.Person.ID || m.String() != want {
			t.Errorf("row %d: LaterStopOf = %s %s %v, want %s %s", e.Person.Source.Row, id, m, ok, e.Person.ID, want)
		}
	}
	if _, _, ok := LaterStopOf(wb.Entries[1].Findings[0]); ok {
		t.Error("LaterStopOf reads a remark_stop")
	}
}

// Resumes is set by a remark that resumes the payment with no stop after
// it: what releases a stop announced in an earlier month.
func TestRemarkResumes(t *testing.T) {
	for remark, want := range map[string]bool{
		"继续发放": true, "原停发，现恢复": true, "经核实，恢复发放": true, "照常发放": true,
		"恢复后又停发": false, "不恢复": false, "本月停发，下月恢复": false, "健在": false, "": false, "停保": false,
		// denied or undecided (a second fresh user, scA2): each stops
		"不再继续发放": false, "停止继续发放": false, "不予继续发放": false, "不能继续发放": false, "无需继续发放": false,
		"恢复发放待定": false, "继续发放（待审批）": false, "恢复发放？": false,
	} {
		r := readStopIn(remark, domain.Month{Year: 2026, Month: 11})
		if got := r.resumed && !r.stop; got != want {
			t.Errorf("%q: resumes %v, want %v", remark, got, want)
		}
	}
	for _, remark := range []string{"停保", "不再继续发放", "停止继续发放", "不予继续发放", "无需继续发放", "恢复发放待定", "继续发放（待审批）", "恢复发放？"} {
		if !readStop(remark).stop {
			t.Errorf("%q does not stop", remark)
		}
	}
}

// 低保 or 特困 written in a remark column (状态) of a roster without that
// column holds the row, rather than paying the plain rate without a word
// (f11); a roster with the column is not held for the remark.
func TestStatusInRemark(t *testing.T) {
	write := func(name string, head []any, rows ...[]any) *Workbook {
		f := excelize.NewFile()
		f.SetSheetRow("Sheet1", "A1", &head)
		for i, r := range rows {
			f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", 2+i), &r)
		}
		return readSaved(t, f, t.TempDir(), name)
	}
	a, b, c := "140502194204206481", "140502194611306543", "140502193807075930"
	without := write("状态.xlsx", []any{"姓名", "公民身份号码", "状态"},
		[]any{"甲", a, "城市低保"}, []any{"乙", b, "正常"}, []any{"丙", c, "农村特困"})
	if got, want := rowCodes(without), "2 true status_in_remark\n3 false \n4 true status_in_remark"; got != want {
		t.Errorf("without the columns:\n%s\nwant\n%s", got, want)
	}
	with := write("有列.xlsx", []any{"姓名", "公民身份号码", "低保类别", "特困类别", "状态"},
		[]any{"甲", a, "城市低保", "", "城市低保"}, []any{"乙", b, "", "", "正常"}, []any{"丙", c, "", "农村特困", "特困"})
	if got, want := rowCodes(with), "2 false \n3 false \n4 false "; got != want {
		t.Errorf("with the columns:\n%s\nwant\n%s", got, want)
	}
}

// A row giving a 死亡日期 and a 备注 健在 is held, not silently unpaid (f11).
func TestDeathAndAlive(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "公民身份号码", "死亡日期", "备注"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"甲", "140502194204206481", "2026-09-01", "健在"})
	f.SetSheetRow("Sheet1", "A3", &[]any{"乙", "140502194611306543", "2026-09-01", "老伴健在"})
	f.SetSheetRow("Sheet1", "A4", &[]any{"丙", "140502193807075930", "", "健在"})
	wb := readSaved(t, f, t.TempDir(), "东街.xlsx")
	if got, want := rowCodes(wb), "2 true death_before_month,death_and_alive\n3 false death_before_month\n4 false "; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A 备注 confirms the 银行账号 only when it says the account is the
// senior's own, not negated, asked, or about someone else's.
func TestAccountConfirmed(t *testing.T) {
	for remark, want := range map[string]bool{
		"账号已核实": true, "经核实，系本人账号": true, "账户已核实": true, "该账号为本人名下": true,
		"非本人账号": false, "账号未核实": false, "账号已核实（系其子女账号）": false, "账号已核实，由儿子代领": false, "账号已核实，为家属账号": false,
		"账号已核实不符": false, "账号已核实，但户名不符": false, "账号已核实（待确认）": false, "账号已核实吗": false,
		"账号已核实（系前任持卡人）": false, "账号已核实，继承人账号": false, "账号已核实，为监护人账号": false, "本人账号？": false, "老伴账号已核实": false, "健在": false, "": false, "账号有误，已更正": false,
	} {
		if got := saysAccountConfirmed(remark); got != want {
			t.Errorf("%q: confirmed %v, want %v", remark, got, want)
		}
	}
}

// A 备注 saying the senior moved into the district gives the month of the
// move (本月 is the month paid; zero when none is named); a negated move
// or someone else's is none.
func TestMovedIn(t *testing.T) {
	dec := domain.Month{Year: 2026, Month: 12}
	for remark, want := range map[string]string{
		"2026年12月从泽州县迁入": "2026-12", "本月迁入": "2026-12", "10月由外区迁入本街道": "2026-10", "户口已迁回本区": "zero",
		"由外区迁入本街道": "zero", "迁出后又迁入": "zero", "从西街街道迁入": "none", "从本区西街迁入": "none",
		"未迁入": "none", "老伴迁入": "none", "健在": "none", "": "none", "迁出本区": "none",
	} {
		when, ok := movedIn(remark, dec)
		got := "none"
		switch {
		case ok && when == (domain.Month{}):
			got = "zero"
		case ok:
			got = when.String()
		}
		if got != want {
			t.Errorf("%q: moved in %s, want %s", remark, got, want)
		}
	}
	f := domain.Finding{Code: CodeRemarkMovedIn, AsWritten: "140502194204206481", Message: movedInMessage("本月迁入", dec)}
	g := domain.Finding{Code: CodeRemarkMovedIn, AsWritten: "140502194611306543", Message: movedInMessage("迁入", domain.Month{})}
	if got := MovedInOf([]domain.Finding{f, g}); len(got) != 2 || got["140502194204206481"] != dec || got["140502194611306543"] != (domain.Month{}) {
		t.Errorf("MovedInOf = %v", got)
	}
}

// The month a stop takes effect, read in the month paid: a stop already in
// effect holds the row (stop), one from a later month pays it (later,
// naming the month); a payment said to last until a month is a stop after
// it (f12's remarks, paid in December or held in November before).
func TestStopMonths(t *testing.T) {
	oct, nov, dec := domain.Month{Year: 2026, Month: 10}, domain.Month{Year: 2026, Month: 11}, domain.Month{Year: 2026, Month: 12}
	for _, c := range []struct {
		remark string
		m      domain.Month
		want   string // "stop", "later YYYY-MM" or "none"
	}{
		{"11月底停发", dec, "stop"}, {"上月底停发", dec, "stop"}, {"发放至11月", dec, "stop"}, {"继续发放至11月底", dec, "stop"},
		{"11月后停发", dec, "stop"}, {"10月起停发", nov, "stop"}, {"11月起停发", nov, "stop"}, {"停发", nov, "stop"},
		{"继续发放至11月底", nov, "later 2026-12"}, {"发放至11月", nov, "later 2026-12"}, {"发到2026年12月", nov, "later 2027-01"},
		{"元月起停发", nov, "later 2027-01"}, {"年底停发", nov, "later 2027-01"}, {"11月后停发", nov, "later 2026-12"},
		{"11月底停发", nov, "later 2026-12"}, {"下月底停发", nov, "later 2027-01"}, {"本月底停发", nov, "later 2026-12"},
		{"下月停发", nov, "later 2026-12"}, {"明年3月起停发", nov, "later 2027-03"},
		{"补发至11月", dec, "none"}, {"继续发放", dec, "none"}, {"健在", dec, "none"},
		// a second fresh user's (scA)
		{"下下月停发", nov, "later 2027-01"}, {"停发时间：2026.12", nov, "later 2026-12"}, {"停发（自12月起）", nov, "later 2026-12"},
		{"两个月后停发", oct, "later 2026-12"}, {"3个月后停发", oct, "later 2027-01"}, {"年后停发", dec, "later 2027-01"},
		{"发放截止至11月", dec, "stop"}, {"最后发放月份：11月", dec, "stop"}, {"最后发放月份：11月", nov, "later 2026-12"},
		{"停发时间：2026.11", dec, "stop"}, {"截至11月底已核实健在", dec, "none"},
		// a third fresh user's
		{"12.1起停发", nov, "later 2026-12"}, {"12月1号停发", nov, "later 2026-12"}, {"2026年12月31日停发", nov, "later 2027-01"},
		{"11.15停发", nov, "later 2026-12"}, {"11.1起停发", nov, "stop"}, {"代领人下月停止代领", nov, "none"},
	} {
		r := readStopIn(c.remark, c.m)
		got := "none"
		switch {
		case r.stop:
			got = "stop"
		case r.later != "":
			got = "later " + r.laterFrom.String()
		}
		if got != c.want {
			t.Errorf("%q in %s: %s, want %s", c.remark, c.m, got, c.want)
		}
	}
}

// Sheets named 删除, 作废, 不合格, 备份, 旧, 待审核 were read as rosters and
// paid (e5.py), and so were a tester's 减员名单, 核减人员, 取消资格人员,
// 暂缓人员, 外迁人员: their rows are held as sheet_stop_list, while a 社区's
// sheet whose name only has 旧 in it (旧街社区) is paid, and so are the
// sheets of people who lost 低保 (取消低保人员) and those of the roster
// left after the removals (核减后名单, 在册人员（已剔除取消人员）), which a
// tester's rosters had held whole. Beside those sheets of people to pay, an
// old copy (备份, 旧, （旧）, 旧版) is not read at all (sheet_backup): held,
// it held every roster row it repeats.
func TestSheetsNotToPay(t *testing.T) {
	f := excelize.NewFile()
	paid := []string{"旧街社区", "取消低保人员", "低保核减人员", "取消特困供养人员", "核减后名单", "减员后花名册", "清退后在册人员",
		"在册人员（已剔除取消人员）", "发放名单（减员已扣除）", "除暂缓外人员", "外迁返回人员", "销号补办人员", "东街（不含核减）"}
	names := slices.Concat(paid, []string{"删除", "作废", "不合格", "备份", "待审核", "旧", "（旧）", "旧版",
		"减员名单", "核减人员", "11月核减", "取消人员", "取消资格人员", "不予发放", "不发放人员", "暂缓人员", "外迁人员", "销户人员", "退出人员", "清退人员", "无效"})
	headedSheets(f, names...)
	for i, name := range names {
		r := row(1, "某"+string(rune('甲'+i)), withCheck(fmt.Sprintf("14050219400101%03d", 700+i)), nil)
		f.SetSheetRow(name, "A2", &r)
	}
	wb := readSaved(t, f, t.TempDir(), "东街.xlsx")
	var got, want []string
	for _, e := range wb.Entries {
		got = append(got, e.Person.Source.Sheet+" "+strings.Join(findingsOf(e, func(f domain.Finding) string { return f.Code }), ","))
	}
	backups := []string{"备份", "旧", "（旧）", "旧版"}
	for _, name := range names {
		switch {
		case slices.Contains(paid, name):
			want = append(want, name+" ")
		case !slices.Contains(backups, name):
			want = append(want, name+" sheet_stop_list")
		}
	}
	sameLines(t, "sheets", got, want)
	var aside []string
	for _, n := range wb.Notices {
		if n.Code == "sheet_backup" {
			aside = append(aside, n.Where.Sheet)
		}
	}
	sameLines(t, "set aside", aside, slices.Sorted(slices.Values(backups)))
}

// 搬走了 was held as a death (remark_death 说此人已去世) and so was the death
// of who collects for the senior (e3.py): a move away is held as a stop, and
// the collector's death pays the senior, with a notice for staff to find
// who collects now.
func TestMoveAndCollectorNotDeaths(t *testing.T) {
	rows := [][]any{
		row(1, "某甲", withCheck("14050219400101801"), map[string]any{"备注": "搬走了"}),
		row(2, "某乙", withCheck("14050219400101802"), map[string]any{"备注": "代领人已去世"}),
		row(3, "某丙", withCheck("14050219400101803"), map[string]any{"备注": "代领人称已去世"}),
	}
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "东街.xlsx", rows), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rowCodes(wb), "4 true remark_stop\n5 false remark_collector_died\n6 true remark_death"; got != want {
		t.Errorf("rows:\n%s\nwant\n%s", got, want)
	}
}

// A collector's death is no death of the senior, who is paid; but someone
// must collect now, so the row gets a notice (remark_collector_died). A
// collector who reports the senior's death is no such notice: the row is
// held as the senior's death.
func TestCollectorDiedIsANotice(t *testing.T) {
	for remark, want := range map[string]bool{
		"代领人已去世": true, "监护人去世，本人健在": true, "领取人已故": true,
		"代领人称已去世": false, "子女代领": false, "老伴已去世": false, "": false,
		"代领人谢世平": false, "代领人已谢世": true, // 谢世 begins a name (S14)
	} {
		if got := collectorDied(remark); got != want {
			t.Errorf("%q: %v, want %v", remark, got, want)
		}
	}
}

// A stop dated by the last month paid (已发至10月 in November) says which
// month it read, and that a tally of months paid is no stop: a fresh user
// got the generic 停发或已迁出 for it.
func TestStopDatedByTheLastMonthPaid(t *testing.T) {
	wb, err := ReadFile(writeRoster(t, t.TempDir(), "东街.xlsx", [][]any{
		row(1, "甲", "140502194204206481", map[string]any{"备注": "已发至10月"}),
		row(2, "乙", "140502194611306543", map[string]any{"备注": "停发"}),
	}), "东街.xlsx", nov, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"发放到2026年10月为止（自2026年11月起停发）", "说此人停发或已迁出"} {
		e := wb.Entries[i]
		if !e.Held || len(e.Findings) != 1 || e.Findings[0].Code != "remark_stop" || !strings.Contains(e.Findings[0].Message, want) {
			t.Errorf("%s: held %v %+v, want remark_stop saying %s", e.Person.Name, e.Held, e.Findings, want)
		}
	}
}

// A senior on the month's roster and again on a sheet named 减员名单 was
// paid once, the copy told 只按那一行发放一次 (duplicate_identical): the
// list's row is held (sheet_stop_list) and the roster's with it.
func TestCopyOnARemovalList(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "2026年11月")
	f.NewSheet("减员名单")
	a := row(1, "在册甲", "140502194204206481", nil)
	for _, sheet := range []string{"2026年11月", "减员名单"} {
		f.SetSheetRow(sheet, "A1", &header)
		f.SetSheetRow(sheet, "A2", &a)
	}
	res := Consolidate([]*Workbook{readSaved(t, f, t.TempDir(), "东街.xlsx")}, nov)
	var got []string
	for _, fd := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%s:%s", fd.Where.Sheet, fd.Where.Row, fd.Severity, fd.Code))
	}
	slices.Sort(got)
	sameLines(t, "findings", got, []string{"2026年11月:2:held:duplicate_held", "减员名单:2:held:sheet_stop_list"})
	if len(res.People) != 0 {
		t.Errorf("paid %+v", res.People)
	}
	// The roster's row is told the list stops the senior, not asked to
	// correct an error of the list's row (a newcomer's 停发人员 sheet).
	for _, fd := range res.Findings {
		if fd.Code == "duplicate_held" && (strings.Contains(fd.Message, "有错误") || !strings.Contains(fd.Message, "列为停发或死亡")) {
			t.Errorf("duplicate_held: %s", fd.Message)
		}
	}
}

// A date and then 走的 (10月走的) says the senior died, as 10月故 and 人已走了
// do: a newcomer's row so marked was paid without a word. 走的 alone or
// after anything but a date (搬走的, 被儿子接走的, 老伴10月走的, 不是10月走的)
// says no death, nor in a remark that says where the senior went
// (10月走的，搬到女儿家住), which a move out of the district still stops.
func TestRemarkGoneAfterDate(t *testing.T) {
	checkWords(t, "speaksOfDeath", speaksOfDeath, map[string]bool{
		"10月走的": true, "2026年10月3日走的": true, "已于10月走的": true, "10月份走的": true, "十月走的": true, "2026.10.3走的": true,
		"是10月走的": true, "10月走的，请停发": true, "10月走的？": true, "是否10月走的": true, "10月走的，已火化": true,
		"走的": false, "搬走的": false, "10月搬走的": false, "10月被儿子接走的": false, "老伴10月走的": false, "不是10月走的": false,
		"走的时候很安详": false, "10月走的亲戚": false, "10月走访的": false, "10月走的，搬到女儿家住": false, "10月走的，随子女去外省生活": false,
		// The senior named as the clause's subject (a note's 张三 is read as 该人).
		"本人10月故": true, "该老人于10月走的": true, "该人2026.10.3故": true, "本人走的": false, "该人故障": false,
	})
	checkWords(t, "saysStop", saysStop, map[string]bool{"10月走的，随子女去外省生活": true, "10月走的，搬到女儿家住": false})
	wb := readAll(t, writeRoster(t, t.TempDir(), "东街.xlsx", [][]any{
		row(1, "张三", "140502194204206481", map[string]any{"备注": "10月走的"}),
		row(2, "李四", "140502194702024808", map[string]any{"备注": "11月走的", "死亡日期": "2026-11-03"}),
	}))[0]
	if got, want := rowCodes(wb), "4 true remark_death\n5 false "; got != want {
		t.Errorf("rows:\n%s\nwant\n%s", got, want)
	}
}

// A death or a stop that a later clause withdraws (经核实系误报, 同名误报,
// （误）, 系误录, 申请已撤回) or refutes (实际健在 after a stop for a death),
// or that is resumed as 本月补发, holds no living senior; a tester's such
// remarks held them. Money paid in error (误发, 误领), an error denied
// (非误报), an error in a date or an ID, or a 户口 withdrawn or cancelled
// withdraws no death, and a stop for another reason is not refuted by 健在.
func TestRemarkWithdrawn(t *testing.T) {
	checkWords(t, "speaksOfDeath", speaksOfDeath, map[string]bool{
		"上月因死亡停发，经核实系误报，本月恢复发放": false, "10月死亡，经核实为同名误报": false, "已去世（误），实际健在": false,
		"死亡系误录，已更正": false, "经复核不属于死亡": false, "已去世，系误填": false, "去世，已撤回": false, "已故，实际健在": false,
		"已去世，误发的10月补贴请追回": true, "死亡，家属误领了上月补贴": true, "确认死亡，非误报": true, "已撤回户口（死亡注销）": true,
		"确认死亡非误报": true, "已去世误发的10月补贴请追回": true, "已去世，死亡日期误填": true, "已去世，户口已撤销": true,
		"已去世，身份证号误录": true, "误报死亡已更正，现已去世": true, "已去世，实际健在？": true, "已去世，老伴实际健在": true,
		"死亡后撤回户口": true, "已去世，不是误报": true, "已去世，误报待核实": true,
		// A bare 撤销 may cancel the entitlement or the 户口 as well as the report.
		"已去世，撤销": true, "已去世，已撤销": true,
	})
	checkWords(t, "saysStop", saysStop, map[string]bool{
		"停发申请已撤回": false, "撤回停发申请": false, "上月停发，本月补发": false, "上月因死亡停发，实际健在": false,
		"上月因死亡停发，经核实系误报，本月恢复发放": false, "经复核不属于停发范围": false, "停发（已撤回）": false,
		"停发，非误报": true, "停发，未撤销": true, "上月因死亡停发，实际健在？": true, "已迁出本区，实际健在": true, "停发，实际健在": true,
		"已迁出本区，误发的10月补贴请追回": true, "本月停发，下月补发": true, "已撤回户口（死亡注销）": true,
	})
}

// A real death or stop beside an error or a correction of something else
// holds the row: an error in a detail (已去世，银行卡号有误; 已去世银行卡号有误;
// 停发，身份证号有误), a bare 误 or 有误 that does not say what was wrong
// (已去世，误; 已去世，信息有误; 停发，有误), and 本月补发 naming a month owed
// after a stop (停发，本月补发9月) were read as no death or stop, and the dead
// or the stopped were paid.
func TestRemarkErrorElsewhere(t *testing.T) {
	checkWords(t, "speaksOfDeath", speaksOfDeath, map[string]bool{
		"已去世，误": true, "已去世，有误": true, "已去世，信息有误": true, "已去世，登记有误": true, "死亡（信息有误）": true,
		"已去世，上报信息有误": true, "已去世，系误": true,
		"已去世银行卡号有误": true, "已去世卡号误录": true, "已去世身份证号有误": true, "已去世，姓名有误已更正": true,
		"已去世，银行卡号有误": true, "已故，身份证号码有误已更正": true, "去世，户籍信息有误": true, "已去世，残疾证已撤回": true,
		"死亡，已撤回低保": true, "已去世，实际死亡日期待查": true, "已去世，不属于本社区管理": true, "10月去世，本月补发10月份": true,
	})
	checkWords(t, "saysStop", saysStop, map[string]bool{
		"停发，银行卡号有误": true, "停发，身份证号有误": true, "停发，卡号误录已更正": true, "已迁出本区，登记信息有误": true,
		"停发，误": true, "停发，有误": true, "停发，信息有误": true, "暂停发放，系误": true,
		"停发，本月补发9月": true, "10月停发，本月补发10月份": true, "停发，本月补发上月": true, "取消资格，本月补发10月": true,
		"停发，残疾证已撤回": true, "停发，不属于本社区": true,
		// still withdrawn or resumed
		"停发，系误报": false, "停发有误": false, "上月停发，本月补发": false,
	})
}

// 是否 before a stop or a death asks (是否停发待核实, 核实是否已故): the
// stop or death is not decided, and holds the row as 停发？ and 停发待核实
// do. Its 否 was read as a negation and the senior paid; a negator after
// it (是否不停发) still negates.
func TestRemarkAsksWhether(t *testing.T) {
	checkWords(t, "saysStop", saysStop, map[string]bool{
		"是否停发待核实": true, "是否停发": true, "核实是否停发": true, "是否停发？": true, "停发待核实": true,
		"是否不停发": false, "不停发": false, "否": false,
	})
	checkWords(t, "speaksOfDeath", speaksOfDeath, map[string]bool{
		"是否已故": true, "是否死亡待核实": true, "是否不健在": true, "未死亡": false,
	})
}

// A question with 是否 answered no (是否停发：否, 是否死亡 否), as a form's
// line copied into the 备注 writes it, says the senior is not stopped or
// not dead: it held the row as the question alone does. Answered yes, or
// not answered, it still holds.
func TestRemarkWhetherAnsweredNo(t *testing.T) {
	checkWords(t, "saysStop", saysStop, map[string]bool{
		"是否停发：否": false, "是否停发:否": false, "是否停发 否": false, "是否迁出本区：否": false, "是否停发：不是": false,
		"是否停发：是": true, "是否停发待核实": true, "是否停发：否，已迁出本区": true,
	})
	checkWords(t, "speaksOfDeath", speaksOfDeath, map[string]bool{
		"是否死亡：否": false, "是否已故 否": false, "是否死亡：无": false,
		"是否死亡：是": true, "是否死亡": true,
	})
}

// A 备注 saying the senior is newly listed (本月新增, 10月份新增人员) is
// told (remark_added) with the month it names, this month when none, for
// the months before not to be paid back by themselves; a status or a
// benefit new to a senior (新增低保, 新增护理补贴) or a denial is not.
func TestRemarkAdded(t *testing.T) {
	for remark, want := range map[string]string{
		"本月新增": "2026-11", "新增": "2026-11", "10月份新增人员": "2026-10", "2026年10月新增": "2026-10", "系新增": "2026-11",
		"新增低保": "", "新增护理补贴": "", "非新增": "", "老伴新增": "", "12月新增": "2026-11",
	} {
		from, ok := added(remark, nov)
		if got := ""; ok {
			got = from.String()
			if got != want {
				t.Errorf("%s: %s, want %q", remark, got, want)
			}
		} else if want != "" {
			t.Errorf("%s: not read, want %s", remark, want)
		}
	}
	wb := readAll(t, writeRoster(t, t.TempDir(), "东街.xlsx", [][]any{
		row(1, "张三", "140502194204206481", map[string]any{"备注": "本月新增"}),
	}))[0]
	if got := AddedOf(wb.Entries[0].Findings); got["140502194204206481"] != nov {
		t.Errorf("AddedOf %v, findings %+v", got, wb.Entries[0].Findings)
	}
}
