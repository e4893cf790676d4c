package roster

import (
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"disburse/internal/domain"
	"disburse/internal/idnumber"
)

// What a 备注 (or a sheet's name) says about a senior is read clause by
// clause: a clause that names a death or a stop of payment counts unless it
// is about someone else (老伴去世), negates it (未死亡, 不停发), takes it back
// (误报死亡, 暂停后恢复) or is about a status rather than the payment (低保停发).
// A remark read the wrong way either pays the dead or holds a living senior
// every month, so the words are listed here, where the tests see them.

// deathWords are what a clause says of someone who has died.
// 人已不在 counts only at the end of its clause or before 了 or 人世: 人已不在本区
// is a move (see wordOK).
// 死亡 is one besides 死 and 亡, so that a negation of it covers its 亡
// (不是死亡, 不存在死亡: negatedSpans).
var deathWords = []string{"已故", "病故", "亡故", "身故", "故去", "故世", "死亡", "死", "亡", "逝", "去世", "过世", "离世", "辞世", "殁",
	"不在人世", "人已不在", "人已经不在", "人不在了", "不在了", "火化", "走了",
	"没了", "往生", "安葬", "丧葬", "过身", "不在世",
	// mourning and burial, which a fresh user's remarks said of seniors
	// paid in full (S14): 谢世 (see nameAfter), 作古, 归西, 驾鹤西去,
	// 寿终正寝, 与世长辞, 断气 (not of the gas: stopVoidIf)
	"谢世", "作古", "火葬", "殡葬", "归西", "归天", "驾鹤", "寿终", "咽气", "断气", "长辞", "下葬", "出殡", "治丧"}

// nameAfter are, for a death word that begins with a surname, the
// characters that may follow it in a remark (谢世了, 谢世于10月, 谢世多年):
// followed by another letter it is a name (谢世平, 由谢世平代领), and a
// 姓名 is read for deaths too (nameProblem).
var nameAfter = map[string]string{"谢世": "了于多已后前时年月日号一二两三四五六七八九十几数"}

// notAfter are, for a death word, the characters that make it something
// else when they come just before it: 搬走了, 迁走了, 接走了 are moves.
var notAfter = map[string]string{"走了": "搬迁转调接带领取拿送出开"}

// bareDeaths are clauses that say the senior died when they are the whole
// clause (故, 卒: a roster's shorthand), after a date if any (10月故) or
// before 于 and a date (卒于2026年11月3日), though as parts of words they
// say nothing (故障, 事故, 卒业).
// 已走 is one too, though 已走访 is a visit.
var bareDeaths = []string{"故", "卒", "已卒", "亡故", "已亡", "已走", "人已走"}

// deathsAfterDate say the senior died when the whole clause is a date and
// then one of them (10月走的, 2026年10月3日走的, 已于10月份走的, 十月走的),
// as 10月故 does; alone (走的) or after anything but a date (搬走的, 被儿子
// 接走的, 不是10月走的) they say nothing of a death, nor in a remark that
// says where the senior went (leftFor: 10月走的，搬到女儿家住).
var deathsAfterDate = []string{"走的"}

// leftFor are words of a remark that make a 走的 after a date (10月走的) a
// departure: a move (搬, 迁, 移居, 定居), to family (投靠, 随子女) or a place
// to live (居住). A move out of the district stops the payment all the same
// (readStop).
var leftFor = []string{"搬", "迁", "移居", "定居", "投靠", "随", "居住"}

// diedOn reports a clause of a date and a death after a date (deathsAfterDate):
// 10月走的. 已于, 于, 是, 是否 (it asks, as 是否已故 does) or 在 may come
// before the date, 份 after its month.
func diedOn(clause string) bool {
	for _, w := range deathsAfterDate {
		date, ok := strings.CutSuffix(clause, w)
		if !ok {
			continue
		}
		for _, p := range []string{"已经于", "已于", "于", "是否", "是", "在"} {
			if rest, ok := strings.CutPrefix(date, p); ok {
				date = rest
				break
			}
		}
		date = strings.ReplaceAll(date, "月份", "月")
		if strings.Trim(date, dateCharacters+"〇零一二三四五六七八九十") == "" && strings.ContainsAny(date, "年月日号.-") &&
			strings.ContainsFunc(date, func(r rune) bool {
				return unicode.IsDigit(r) || strings.ContainsRune("〇零一二三四五六七八九十", r)
			}) {
			return true
		}
	}
	return false
}

// dateCharacters are those of a date written with a bare death
// (bareDeaths): 10月故, 2026年10月5日卒, and 2026.10.3故 or 2026-10-03卒,
// whose points and hyphens between digits clauses keeps in the clause
// (withoutDate).
const dateCharacters = "0123456789０１２３４５６７８９年月日号.-"

// endsClause are the death words that count only where nothing but 了 or
// 人世 follows them in the clause.
var endsClause = []string{"人已不在", "人已经不在"}

// stopWords are what a clause says of a payment that stops, or of a person
// who left the district or whose registration was cancelled. A move to a
// named place is read by moveIn, not by these words.
var stopWords = slices.Concat([]string{"停发", "暂停发放", "停止发放", "取消发放", "不再发放", "终止发放",
	"不再享受", "停止享受", "终止享受", "取消资格", "资格取消", "待遇终止", "待遇取消", "享受终止",
	"迁往外地", "迁往外省", "迁往外市", "户口迁出",
	"户口注销", "户口已注销", "注销户口", "户籍注销", "户籍已注销", "注销户籍", "销户",
	// a staff instruction about the row, or a senior out of reach (a
	// fresh user's remarks that were paid without a word, f10)
	"删除", "作废", "不发", "停领", "停止", "本月停", "取消", "不再领", "失联", "去向不明", "下落不明", "服刑", "在押", "收监",
	"暂停", "已停", "已删", "注销", "减员", "减少", "退出", "终止", "不在册", "冻结", "无效", "失效",
	"停保",
	// a senior who lives outside the district now, said without 迁 or 搬
	// (a tester's remarks paid without a word, m2)
	"不在本区", "在外地", "居外地", "住外地",
	"去外省", "去外地", "去外市", "到外省", "到外地", "移居", "定居外", "定居国外", "出国",
	// a payment put off or refused, a senior gone or not entitled, a move
	// said with 转 or 调 (a tester's remarks paid without a word, e3.py)
	"暂缓", "缓发", "不予发放", "暂扣", "扣发", "退回", "失踪", "入狱", "放弃", "拒领", "不领", "不愿领取",
	"不符合条件", "重复享受", "转出", "转走", "已不在",
	// a senior who moved away, said without where to: 搬走了 was read as
	// 走了, a death (e3.py); 外迁 (a fresh user's, paid, S14)
	"搬走", "外迁",
	// a senior struck off the list (核减, 清退, 销号) or no longer entitled
	// (不享受), said as a tester's remarks were, and paid without a word
	"核减", "清退", "销号", "不享受"},
	leaveWords)

// leaveWords say the senior left the district: 迁出, 搬出, 搬离, 迁离, 离开
// or 调出 with 本区, 城区, 本辖区, 辖区, 本市, 晋城 or 区外. A fresh user's
// 已搬离本区, 迁出本辖区 and 已迁出区外 were paid (S14).
var leaveWords = func() []string {
	var out []string
	for _, verb := range []string{"迁出", "搬出", "搬离", "迁离", "离开", "调出"} {
		for _, place := range []string{"本区", "城区", "本辖区", "辖区", "本市", "晋城", "区外"} {
			out = append(out, verb+place)
		}
	}
	return out
}()

// moveStops are the stop words that say a move: a clause that names a
// move within the district with them (迁出本街道到西街街道, 转出至西街街道)
// does not stop (see remark_moved).
var moveStops = []string{"迁出", "转出", "转走", "搬走", "搬出", "搬离", "迁离", "外迁"}

// bareStops are clauses that stop the payment when they are the whole
// clause (停, 删), though as parts of words they say nothing (停车, 删改).
var bareStops = []string{"停", "删", "不要"}

// stopVoidIf are, for a stop word, other words of its clause that say it is
// not about the senior's payment: a bank card's 销户 is the account's. Of
// a death word likewise: 断气 of the gas supply (欠费断气) is no death.
var stopVoidIf = map[string][]string{
	"断气": {"燃气", "天然气", "煤气", "暖气", "欠费", "停气", "供气", "气费"},
	"销户": cardWords, "销号": slices.Concat(cardWords, phoneWords), "注销": cardWords, "冻结": cardWords, "无效": cardWords, "失效": cardWords,
	"取消": cardOrCollector, "删除": cardOrCollector, "已删": cardOrCollector, "作废": cardOrCollector,
	"服刑": {"期满", "释放", "出狱"}, "在押": {"释放", "出狱"},
	"在外地": awayForAWhile, "去外地": awayForAWhile, "到外地": awayForAWhile, "去外省": awayForAWhile, "到外省": awayForAWhile, "不在本区": awayForAWhile,
	"停止": cardOrCollector, "停领": cardOrCollector, "不再领": cardOrCollector, "终止": cardOrCollector,
	"退回": slices.Concat(cardOrCollector, overpaidWords), "不领": cardOrCollector, "转出": moneyWords, "转走": moneyWords,
	// money paid too much, taken back (上月多发已清退, 核减重复发放金额)
	"清退": strikeMoneyWords, "核减": strikeMoneyWords,
	"入狱": {"期满", "释放", "出狱"}, "失踪": {"找到", "找回", "寻回", "已回"}, "放弃": {"治疗", "抢救", "医"},
	"已不在": {"院", "医"},
	// 从省外迁来: a move in (movedIn), not away
	"外迁": moveInWords,
}

// phoneWords say a clause is about a telephone (手机已销号): a number
// cancelled there is no senior struck off.
var phoneWords = []string{"电话", "手机", "联系"}

// moneyWords say a clause is about money or a card, not the senior
// (补贴已转出, 卡内余额转走): 转出 there moves no one.
var moneyWords = slices.Concat(cardWords, []string{"钱", "款", "资金", "余额", "费", "补贴", "津贴"})

// overpaidWords say a clause is about money paid too much (多发款已退回,
// 上月多发已清退): taking it back (清退, 核减, 退回) strikes no
// senior off. strikeMoneyWords add the words of money and of a card to
// them, for 清退 and 核减 (清退多发款, 清退重复领取金额, 核减重复发放金额);
// not 补贴 or 津贴, which 核减高龄补贴 says of the senior's own payment, nor
// 重复领取 alone, which 重复领取已核减 may say of the senior.
var (
	overpaidWords    = []string{"多发", "多领", "多付", "多拨"}
	strikeMoneyWords = slices.Concat(cardWords, overpaidWords, []string{"钱", "款", "资金", "余额", "金额"})
)

// awayForAWhile say a senior away from the district is away for a time,
// still living here (在外地就医, 去外地探亲): no stop.
var awayForAWhile = []string{"就医", "治疗", "住院", "看病", "探亲", "旅游", "短期", "暂住", "几天"}

// cardWords say a clause is about a bank card or account (旧卡作废, 原存折作废,
// 删除原账号); cardOrCollector adds those about who collects for the senior
// (取消代领, 代领人删除, 取消托管): neither stops the senior's payment.
var (
	cardWords       = []string{"卡", "账", "帐", "存折", "银行"}
	cardOrCollector = slices.Concat(cardWords, []string{"托管", "委托", "信息"}, agentWords)
)

// resumeWords in a clause after a stop take it back: 原停发，现恢复;
// 停发（已核实健在，恢复发放）; 护理补贴停发，高龄津贴照发; 上月停发，本月补发.
var resumeWords = []string{"恢复", "照发", "照常发放", "继续发放", "正常发放", "继续享受", "续发", "本月补发", "当月补发"}

// backPaysMonth reports whether resume word w, followed by after in its
// clause, pays a month owed rather than resuming: 本月补发 or 当月补发
// followed by a month (本月补发9月, 本月补发10月份, 本月补发上月). After a
// stop it pays what was owed before it; the stop still holds (a remark read
// as resumed paid a senior stopped).
func backPaysMonth(w, after string) bool {
	if w != "本月补发" && w != "当月补发" {
		return false
	}
	after = strings.TrimPrefix(after, "了")
	return hasPrefixAny(after, []string{"上月", "上个月", "前月", "之前", "以前"}) || reBackPaidMonth.MatchString(after)
}

// reBackPaidMonth is a month at the start of a text (9月, 10月份, 2026年9月, 十月).
var reBackPaidMonth = regexp.MustCompile(`^(?:\d{4}年)?[0-9０-９一二三四五六七八九十元]+月`)

// resumeDenied reports whether the words before a resume word deny it
// (不再继续发放, 不予恢复, 无需继续发放, 停止继续发放): the clause then stops
// the payment rather than resuming it.
func resumeDenied(before string) bool {
	return negated(before) || containsAny(string(lastRunes(before, 2)), []string{"停止", "终止", "取消", "暂停", "不予", "无需", "不能", "不再", "不得", "不用"})
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) []rune {
	r := []rune(s)
	return r[max(0, len(r)-n):]
}

// uncertainWords in a 备注 say a resumption is not decided (恢复发放待定,
// 继续发放（待审批）, 恢复发放？): such a remark stops the payment until it is.
var uncertainWords = []string{"待定", "待审批", "待审核", "待确认", "待核实", "待批", "?", "？", "吗", "是否"}

// benefitWords in a clause that stops say it stops one benefit
// (护理补贴停发), not the senior's payment; allWords say it is all of
// them after all (各项补贴全部停发).
var (
	benefitWords = []string{"高龄", "护理补贴", "生活补贴", "残疾人", "两项补贴", "用电", "电费", "培训补贴"}
	allWords     = []string{"全部", "各项", "所有", "一切"}
)

// followers before an other person's word make the senior its subject:
// 随子女迁往外省, 投靠女儿去外地, 投奔儿子 are the senior's move.
const followers = "随跟投靠奔"

// stopListWords in a sheet's name say it lists people whose payment stops
// (停发人员, 减少名单, 注销, 迁出), or people not to pay this month: rows
// struck off (删除, 作废, 不合格), an old copy (备份, 旧版, 旧表), people not
// yet approved (待审核, 待审批); a tester's such sheets were paid (e5.py).
// The stop words of a 备注 that name such a list are among them too: people
// removed (减员, 核减, 清退, 销号, 退出), no longer entitled (取消, 不享受,
// 无效), not paid (不予发放, 不发放, 暂缓) or gone (外迁, 销户); a tester's
// 减员名单, 核减人员, 取消资格人员 were paid. Read as says reads them: 取消暂缓人员,
// 停发恢复人员 and 取消代领人员 are not such lists.
// deathListWords say it lists the dead: the words of a 备注 that says a
// death (deathWords) that name such a list, 过世人员, 逝世人员, 病故人员,
// 离世人员 and the funeral services' 殡葬火化 as well as 死亡人员; a tester's
// 过世人员 and 殡葬火化 sheets were paid as rosters.
var (
	stopListWords = []string{"停发", "减少", "注销", "迁出", "暂停", "停止", "删除", "作废", "不合格", "备份", "旧版", "旧表", "待审核", "待审批",
		"减员", "核减", "清退", "销号", "退出", "取消", "不享受", "无效", "不予发放", "不发", "暂缓", "外迁", "销户"}
	deathListWords = []string{"死亡", "去世", "已故", "亡故", "身故", "过世", "逝世", "病逝", "病故", "离世", "辞世", "故去", "殡葬", "火化", "火葬", "丧葬"}
)

// bareStopLists in a sheet's name say so as the whole name or a clause of
// it (旧, 东街（旧）), though as parts of words they say nothing (旧街社区).
var bareStopLists = []string{"旧"}

// otherPeople in a clause say the death or stop is someone else's: a
// spouse's, a child's, a parent's, or that of who collects for the senior
// (代领人已去世: staff find who collects now; the senior is paid). 家属 and
// 家人 are not among them: they report the senior's own death (家属称已去世).
var otherPeople = slices.Concat(family, collectors, others)

// others are the other people of otherPeople who are neither family nor
// collectors: another person (11月核减1人（另一人）) or the duplicate of a
// row (重复人员已核减，本行保留), which the program finds by its ID anyway.
var others = []string{"另一人", "另一位", "另一名", "另外一人", "另一个人", "另一老人", "重复人员", "重复的人员"}

// family are the other people of otherPeople who are the senior's family.
var family = []string{"老伴", "配偶", "丈夫", "妻子", "爱人", "子女", "儿子", "女儿", "儿媳", "女婿", "孙子", "孙女", "父亲", "母亲", "父母", "兄弟", "姐妹",
	"其子", "其女", "其夫", "其妻", "其父", "其母"}

// collectors are the other people of otherPeople who collect or act for
// the senior: their death is no stop, but someone must collect now.
var collectors = []string{"代领人", "领取人", "监护人", "代理人", "持卡人"}

// collectorDied reports a 备注 with a clause that says a collector died
// (代领人已去世), not reported by them (代领人称已去世: the senior's).
func collectorDied(remark string) bool {
	for _, c := range clauses(readable(remark)) {
		if containsAny(c, collectors) && hasWord(c, deathWords) && !containsAny(c, reportWords) {
			return true
		}
	}
	return false
}

// hasWord reports whether clause has one of words meaning what it says
// there (wordOK): 代领人谢世平 names who collects, and says nothing of a
// death.
func hasWord(clause string, words []string) bool {
	for _, w := range words {
		for at := range occurrences(clause, w) {
			if wordOK(clause, at, w) {
				return true
			}
		}
	}
	return false
}

// occurrences yields the byte offsets at which w occurs in text, from the
// first on, each after the end of the one before (not overlapping).
func occurrences(text, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; ; {
			j := strings.Index(text[i:], w)
			if j < 0 || !yield(i+j) {
				return
			}
			i += j + len(w)
		}
	}
}

// reportWords after another person in a clause say they report the
// senior's death rather than their own (代领人称已去世, 儿子反映老人已去世).
var reportWords = []string{"称", "说", "反映", "告知", "报告", "来电"}

// alsoSelf in a clause that names other people say it is about the senior
// too: 本人及老伴均已去世, 夫妻二人均已去世, 老两口都已去世. 均 and 都 alone
// do not: 子女均已去世 is about the children. Nor does 本人 where the
// clause says the senior is alive (selfAlive: 老伴已去世本人健在).
var alsoSelf = []string{"本人", "二人", "两人", "夫妻", "老两口", "两口子"}

// selfAlive in a clause say the senior is alive, whatever it says of the
// others it names.
var selfAlive = []string{"本人健在", "本人在世", "本人尚在", "本人仍健在", "本人还健在", "本人领取", "本人正常"}

// selfToo reports whether a clause that names other people is about the
// senior too (alsoSelf, and no selfAlive).
func selfToo(clause string) bool {
	return containsAny(clause, alsoSelf) && !containsAny(clause, selfAlive)
}

// takenBack in a clause say what it names was a mistake or has ended.
var takenBack = []string{"误", "更正", "有误", "撤销", "撤回", "恢复", "解除", "消除", "迁回", "迁入", "取消停", "取消暂停", "取消暂缓", "原因"}

// paidInError are words of money paid or collected in error (误发的10月补贴请
// 追回, 家属误领了上月补贴): their 误 takes back no death or stop.
var paidInError = []string{"误发", "误领", "误付", "误拨", "误汇", "误转", "误入"}

// withdrawnThings may follow 撤回 or 撤销 for them to withdraw what the
// clause names (撤回停发申请, 撤销死亡登记), besides a stop or a death word
// or nothing (停发申请已撤回): followed by anything else they act on it
// (已撤回户口, 撤销户口: a registration cancelled, no stop taken back).
var withdrawnThings = []string{"申请", "报告", "上报", "登记", "信息"}

// takenBackIn reports a clause that says what it names was a mistake or
// has ended (takenBack), where that word is not negated (非误报, 未撤销,
// 无误) nor part of money paid in error (paidInError). 原因 names a stop's
// reason (停发原因：无, 停发原因已消除), but a death's reason states the
// death: 死亡原因：脑梗 and 原因不明死亡 were paid as no death. 撤回 and 撤销
// take back only what withdrawnThings say.
func takenBackIn(clause string) bool {
	for _, w := range paidInError {
		clause = strings.ReplaceAll(clause, w, strings.Repeat("＿", utf8.RuneCountInString(w)))
	}
	for _, w := range takenBack {
		for at := range occurrences(clause, w) {
			if negated(clause[:at]) || (w == "原因" && containsAny(clause, deathWords)) {
				continue
			}
			if (strings.Contains(w, "误") || w == "更正") && namesDetail(clause[:at]) {
				continue // 银行卡号有误, 身份证号误录已更正: a detail, not the death or stop
			}
			if after := strings.TrimPrefix(clause[at+len(w):], "了"); (w == "撤回" || w == "撤销") && after != "" &&
				!hasPrefixAny(after, slices.Concat(stopWords, deathWords, withdrawnThings)) {
				continue
			}
			return true
		}
	}
	return false
}

// rowDetailWords name a detail of a row (卡号, 身份证号, 死亡日期, 姓名): an
// error in one or its correction (已去世银行卡号有误, 停发，身份证号误录已更正)
// takes back no death or stop (takenBackIn).
var rowDetailWords = []string{"卡号", "账号", "帐号", "账户", "帐户", "存折", "身份证", "证号", "号码", "日期", "时间", "姓名", "名字", "户名",
	"年龄", "出生", "地址", "住址", "电话", "手机", "性别", "民族", "金额"}

// namesDetail reports whether text names a detail of the row
// (rowDetailWords) other than the date of a death: 死亡日期误填已更正 may say
// the death was entered in error, and withdraws it.
func namesDetail(text string) bool {
	for _, d := range deathWords {
		for _, t := range []string{"日期", "时间"} {
			text = strings.ReplaceAll(text, d+t, "")
		}
	}
	return containsAny(text, rowDetailWords)
}

// bareError reports a clause after a stop that says only that something
// was wrong (误, 有误, 信息有误, 系误), not what: 停发，有误 may be about a
// card or an ID as well as the stop, and read as a withdrawal it paid a
// senior stopped. 误报, 误录, 误填 and a clause that names the stop or a
// death (停发有误) still take it back.
func bareError(clause string) bool {
	if containsAny(clause, stopWords) || containsAny(clause, deathWords) || strings.Contains(clause, "停") {
		return false
	}
	said := strings.NewReplacer("误报", "＿", "误录", "＿", "误填", "＿", "误登", "＿", "误写", "＿").Replace(clause)
	named := strings.NewReplacer("有误", "", "误", "").Replace(said)
	return named != said && !takenBackIn(named)
}

// retractions are what a clause says to withdraw the death or the stop
// of the clauses before it (10月死亡，经核实为同名误报; 已去世（误），实际健在;
// 停发申请，已撤回), when it says nothing else but retractionFillers: 误发的
// 10月补贴请追回 (money), 死亡日期误填 (a date), 户口已撤销 and 非误报 (a
// denial) say something else, and withdraw nothing. A bare 误 or 有误
// (已去世，误; 已去世，信息有误; 已去世，登记有误) does not say what was wrong,
// which may be a card or an ID as well as the death: read as a withdrawal it
// paid the dead, so it withdraws nothing; 误报, 误录, 误填 say the entry was.
var (
	retractions       = []string{"误报", "误录", "误填", "误登", "误写", "撤回", "撤销", "实际健在", "实际在世"}
	retractionFillers = []string{"经核实", "经复核", "经核查", "经查实", "经查", "核实", "复核", "核查", "查实", "确认",
		"已更正", "更正", "纠正", "同名", "此条", "该条", "上述", "以上", "信息", "申请", "报告", "上报", "登记", "情况", "本人",
		"系", "为", "属", "是", "已", "现", "均", "仍", "了", "的"}
	retractionStrip = func() *strings.Replacer {
		var pairs []string // each word, longest first as listed, and ""
		for _, w := range slices.Concat(retractions, retractionFillers) {
			pairs = append(pairs, w, "")
		}
		return strings.NewReplacer(pairs...)
	}()
)

// retracts reports a clause that withdraws the death or stop before it:
// one of retractions and nothing but retractionFillers.
//
// 撤销 alone withdraws only what it names (死亡信息已撤销, 撤销申请): after
// a death, a bare 已去世，撤销 may as well ask for the entitlement or the
// 户口 to be cancelled, and read as a withdrawal it paid the dead. 撤回
// (去世，已撤回) is said of what was reported.
func retracts(clause string) bool {
	if !containsAny(clause, retractions) || retractionStrip.Replace(clause) != "" {
		return false
	}
	return containsAny(strings.ReplaceAll(clause, "撤销", ""), retractions) || containsAny(clause, withdrawnThings)
}

// sinceRetraction is remark (readable) from the clause after the last
// that retracts (retracts) on: what a retraction leaves of a death. A
// retraction not decided (已去世，实际健在？, 误报待核实: uncertainWords)
// leaves it all.
func sinceRetraction(remark string) string {
	if containsAny(remark, uncertainWords) {
		return remark
	}
	cs := clauses(remark)
	for i := len(cs) - 1; i >= 0; i-- {
		if retracts(cs[i]) {
			return strings.Join(cs[i+1:], "，")
		}
	}
	return remark
}

// statusWords in a clause say it is about a status (低保停发, 注销低保,
// 残疾证注销), not about this payment.
var statusWords = []string{"低保", "特困", "五保", "残疾证"}

// negators just before a word negate it: 未死亡, 没有去世, 非停发, 不停发,
// 无需停发.
const negators = "非未没不无否"

// simplified maps the traditional forms of the characters of the reader's
// words to the simplified ones (停發, 過世, 遷出, 註銷, 暫緩, 戶口, 帳號): a
// remark typed or pasted in traditional characters was paid (e3b.py).
// golang.org/x/text has no such table; only these few are needed.
var simplified = map[rune]rune{
	'發': '发', '過': '过', '遷': '迁', '銷': '销', '註': '注', '暫': '暂', '斷': '断', '領': '领', '無': '无',
	'將': '将', '戶': '户', '號': '号', '銀': '银', '賬': '账', '帳': '帐', '狀': '状', '態': '态', '變': '变',
	'減': '减', '離': '离', '辭': '辞', '歿': '殁', '喪': '丧', '終': '终', '資': '资', '刪': '删', '廢': '废',
	'聯': '联', '監': '监', '員': '员', '冊': '册', '凍': '冻', '結': '结', '區': '区', '開': '开', '縣': '县',
	'鄉': '乡', '鎮': '镇', '國': '国', '緩': '缓', '蹤': '踪', '獄': '狱', '棄': '弃', '願': '愿', '條': '条',
	'複': '复', '復': '复', '轉': '转', '調': '调', '繼': '继', '續': '续', '補': '补', '貼': '贴', '護': '护',
	'齡': '龄', '殘': '残', '證': '证', '親': '亲', '醫': '医', '療': '疗', '誤': '误', '報': '报', '錯': '错',
	'實': '实', '確': '确', '審': '审', '經': '经', '沒': '没', '從': '从', '來': '来', '後': '后', '個': '个',
	'兒': '儿', '孫': '孙', '與': '与', '兩': '两', '現': '现', '舊': '旧', '託': '托', '費': '费', '電': '电',
	'卻': '却', '絕': '绝', '還': '还', '歸': '归', '嗎': '吗', '內': '内', '廣': '广', '東': '东', '蘇': '苏',
	'遼': '辽', '陝': '陕', '雲': '云', '貴': '贵', '龍': '龙', '寧': '宁', '慶': '庆', '臺': '台', '灣': '湾',
	'門': '门', '澤': '泽', '晉': '晋', '邊': '边', '層': '层', '殯': '殡', '騙': '骗', '錢': '钱', '餘': '余',
	'謝': '谢', '駕': '驾', '鶴': '鹤', '壽': '寿', '氣': '气', '長': '长', '嚥': '咽',
}

// joinWords are the words the reader looks for: a space typed inside one
// (去 世, 迁　出, 户口 迁出, 停 發) is removed before a remark is read, while
// a space between words still splits clauses (老伴去世 本人健在).
var joinWords = slices.Concat(deathWords, bareDeaths, deathsAfterDate, stopWords, bareStops, resumeWords, moveInWords,
	[]string{"健在", "不健在", "非健在", "迁出", "迁走", "搬走", "搬出", "迁往", "迁至", "迁到", "搬至", "搬到", "搬往", "转至"})

// readable is text as the reader matches it: invisible characters dropped,
// traditional characters folded (simplified), and spaces (ASCII, full-width,
// no-break) inside a word of joinWords removed. Text with none of these is
// returned as it is.
func readable(text string) string {
	if !strings.ContainsFunc(text, func(r rune) bool {
		_, ok := simplified[r]
		return ok || unicode.IsSpace(r) || strings.ContainsRune(invisible, r)
	}) {
		return text
	}
	text = strings.Map(func(r rune) rune {
		if s, ok := simplified[r]; ok {
			return s
		}
		if strings.ContainsRune(invisible, r) {
			return -1
		}
		return r
	}, text)
	var b strings.Builder
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			b.WriteString(text[i : i+n])
			i += n
			continue
		}
		end := i + n // the space runs to end
		for end < len(text) {
			r, n := utf8.DecodeRuneInString(text[end:])
			if !unicode.IsSpace(r) {
				break
			}
			end += n
		}
		if !spansWord(withoutSpaces(b.String()), withoutSpaces(text[end:])) {
			b.WriteString(text[i:end])
		}
		i = end
	}
	return b.String()
}

// spansWord reports whether a word of joinWords begins in before and ends
// in after, as if the space between them were not there.
func spansWord(before, after string) bool {
	if before == "" || after == "" {
		return false
	}
	for _, w := range joinWords {
		for k := range w {
			if k > 0 && strings.HasSuffix(before, w[:k]) && strings.HasPrefix(after, w[k:]) {
				return true
			}
		}
	}
	return false
}

// clauses splits a remark at punctuation and spaces, but not at a . or -
// between digits, which writes a date (自2026.12起停发). It reads the
// remark as readable does. A clause with 是否 answered no by the next
// (是否停发：否) reads 未 for 是否: what it asks is negated.
func clauses(text string) []string {
	rs := []rune(readable(text))
	digit := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] >= '0' && rs[i] <= '9' }
	var out []string
	start := 0
	for i, r := range rs {
		split := unicode.IsPunct(r) || unicode.IsSpace(r) || r == '\u3000'
		if (r == '.' || r == '-') && digit(i-1) && digit(i+1) {
			split = false
		}
		if split {
			if i > start {
				out = append(out, string(rs[start:i]))
			}
			start = i + 1
		}
	}
	if start < len(rs) {
		out = append(out, string(rs[start:]))
	}
	for i := 0; i+1 < len(out); i++ {
		if strings.Contains(out[i], "是否") && slices.Contains(answersNo, out[i+1]) {
			// 是否停发：否 answers the question: not stopped
			out[i] = strings.Replace(out[i], "是否", "未", 1)
		}
	}
	return out
}

// answersNo are the clauses that answer a question with 是否 before them
// no (是否停发：否, 是否死亡 否): the question is read negated, where asked
// it holds (是否停发待核实).
var answersNo = []string{"否", "不是", "不", "无", "没有", "未"}

// says reports whether text has a clause that names one of words and is not
// negated, taken back, about other people or, when status is set, about a
// status.
func says(text string, words []string, status bool) bool {
	for _, clause := range clauses(text) {
		if (containsAny(clause, otherPeople) && !selfToo(clause) && !containsAny(clause, reportWords)) || takenBackIn(clause) || (status && containsAny(clause, statusWords)) {
			continue
		}
		spans := negatedSpans(clause, words)
		for _, w := range words {
			for at := range occurrences(clause, w) {
				if !negated(clause[:at]) && !inSpans(at, spans) && wordOK(clause, at, w) {
					return true
				}
			}
		}
	}
	return false
}

// negatedSpans returns the byte spans of clause that the negated
// occurrences of words cover: a word inside one is negated with it (不是死亡
// negates the 亡 of 死亡 too, and 不是暂停发放 the 停发 inside it).
func negatedSpans(clause string, words []string) [][2]int {
	var out [][2]int
	for _, w := range words {
		for at := range occurrences(clause, w) {
			if negated(clause[:at]) {
				out = append(out, [2]int{at, at + len(w)})
			}
		}
	}
	return out
}

// inSpans reports whether byte at is inside one of spans.
func inSpans(at int, spans [][2]int) bool {
	return slices.ContainsFunc(spans, func(s [2]int) bool { return at >= s[0] && at < s[1] })
}

// wordOK reports whether word w, found at byte at of clause, means what it
// says there: 销户 of a bank card, 人已不在 followed by a place, 走了
// after 搬 (notAfter), or 谢世 in a name (nameAfter), do not.
func wordOK(clause string, at int, w string) bool {
	if containsAny(clause, stopVoidIf[w]) {
		return false
	}
	if before := lastRunes(clause[:at], 1); len(before) == 1 && strings.ContainsRune(notAfter[w], before[0]) {
		return false
	}
	if allowed, ok := nameAfter[w]; ok {
		if r, n := utf8.DecodeRuneInString(clause[at+len(w):]); n > 0 && unicode.IsLetter(r) && !strings.ContainsRune(allowed, r) {
			return false
		}
	}
	if slices.Contains(endsClause, w) {
		after := clause[at+len(w):]
		return after == "" || strings.HasPrefix(after, "了") || strings.HasPrefix(after, "人世")
	}
	return true
}

// negated reports whether the two characters before a word hold a negator,
// after a verb of finding if any (不存在死亡, 未发现迁出, 未发现不符合条件).
func negated(before string) bool {
	for _, v := range foundVerbs {
		if b, ok := strings.CutSuffix(before, v); ok {
			before = b
			break
		}
	}
	if slices.ContainsFunc(notNegations, func(w string) bool { return strings.HasSuffix(before, w) }) {
		return false
	}
	r := []rune(before)
	return strings.ContainsAny(string(r[max(0, len(r)-2):]), negators)
}

// notNegations are words with a negator that negate nothing after them:
// 抢救无效死亡, 不幸去世, 下落不明停发 say a death or a stop. 是否 asks
// (是否停发待核实, 是否已故): a stop or a death not decided holds, as
// 停发？ does, where read as 否 it paid.
var notNegations = []string{"不明", "不详", "无效", "不幸", "不治", "无故", "不久", "不料", "不慎", "是否"}

// foundVerbs between a negator and a word keep it negated: 不存在死亡,
// 未发现死亡, 未出现停发, 不属于死亡.
var foundVerbs = []string{"存在", "发现", "出现", "属于"}

// aboutOther reports whether a clause is about someone else up to byte at:
// an other person named before it (老伴已迁出), unless the senior is the
// subject too (本人及老伴, 随子女).
func aboutOther(clause string, at int) bool {
	if selfToo(clause) {
		return false
	}
	for _, w := range otherPeople {
		for o := range occurrences(clause, w) {
			if o >= at {
				break
			}
			if before := []rune(clause[:o]); len(before) == 0 || !strings.ContainsRune(followers, before[len(before)-1]) {
				return true
			}
		}
	}
	return false
}

// speaksOfDeath reports a 备注 (or a 姓名 with a note) that says the senior
// has died, or says 不健在 / 非健在, and no later clause retracts it
// (10月死亡，经核实为同名误报: sinceRetraction).
func speaksOfDeath(remark string) bool {
	if !strings.ContainsFunc(remark, mayBeginDeath) {
		return false // nearly every 姓名, asked for every row
	}
	remark = statedOnly(sinceRetraction(readable(remark)))
	return strings.Contains(remark, "不健在") || strings.Contains(remark, "非健在") || says(remark, deathWords, false) ||
		slices.ContainsFunc(clauses(remark), func(c string) bool {
			c = withoutSubject(c)
			return slices.Contains(bareDeaths, withoutDate(c)) || diedOn(c) && !containsAny(remark, leftFor)
		})
}

// clauseSubjects are words for the senior that may open a clause of a bare
// death or of a date and 走的 (本人10月故, 该老人于10月走的): a note's clause
// opens with 该人 for the name it gave (张三10月走的).
var clauseSubjects = []string{"该老人", "该人", "本人", "此人", "老人"}

// withoutSubject is clause without one of clauseSubjects at its start.
func withoutSubject(clause string) string {
	for _, w := range clauseSubjects {
		if rest, ok := strings.CutPrefix(clause, w); ok {
			return rest
		}
	}
	return clause
}

// withoutDate is a clause without a date before it (10月故) or 于 and a
// date after it (卒于2026年11月3日), to be read for a bare death.
func withoutDate(clause string) string {
	clause = strings.TrimLeft(clause, dateCharacters)
	if t := strings.TrimRight(clause, dateCharacters); t != clause {
		if rest, ok := strings.CutSuffix(t, "于"); ok {
			return rest
		}
	}
	return clause
}

// conditionals begin a clause that only supposes a death (如果死亡…, 如有
// 死亡请填写, 若已故…); so does 如 or 若 alone before a death word or one
// of supposedAfter (如死亡请填写死亡日期, 如已去世): not 如今已故.
var (
	conditionals  = []string{"如果", "假如", "倘若", "如若", "若是", "万一", "如有", "若有", "如遇", "若遇"}
	supposedAfter = []string{"已", "确", "系", "是", "本人", "老人", "该", "人"}
)

// instructionWords, both of a pair, say a clause asks staff to write
// something (请填写死亡日期, 须注明): when a death word there names a kind
// of person (followed by one of kindAfter: 已故人员请填写死亡日期), the
// clause tells what to do for anyone of that kind, and says nothing of
// this senior. 请填写死亡日期 alone, on a row, asks for this senior's date:
// a death. A death word that begins a clause followed by 当月 or 次月 states
// a rule (死亡当月照发), not a death.
var (
	instructionWords = [2][]string{{"请", "须", "需", "务必"}, {"填", "写", "注明", "录入", "登记", "标注"}}
	kindAfter        = []string{"人员", "者", "的", "老人"}
	ruleAfter        = []string{"当月", "次月"}
)

// statedOnly is remark (readable) without what says no death though it
// has a death word: a clause that supposes (conditionals) and an
// instruction right after it, an instruction for a kind of person, and a
// rule (see instructionWords). A template's
// note on the 死亡日期 column (已故人员请填写死亡日期，死亡当月照发;
// 如死亡请填写死亡日期) was read as a death.
func statedOnly(remark string) string {
	var b strings.Builder
	supposed := false
	for _, c := range clauses(remark) {
		instruction := containsAny(c, instructionWords[0]) && containsAny(c, instructionWords[1])
		// an instruction after a supposition is what to do then: 若已去世，请填写死亡日期
		if s := supposes(c); s || (instruction && (namesAKind(c) || supposed)) {
			supposed = s
			continue
		}
		supposed = false
		for _, w := range deathWords {
			if strings.HasPrefix(c, w) && hasPrefixAny(c[len(w):], ruleAfter) {
				c = strings.Repeat("＿", utf8.RuneCountInString(w)) + c[len(w):]
			}
		}
		b.WriteString(c)
		b.WriteString("，")
	}
	return b.String()
}

// namesAKind reports a clause where a death word names a kind of person
// (已故人员, 死亡的, 去世老人: kindAfter).
func namesAKind(clause string) bool {
	for _, w := range deathWords {
		for at := range occurrences(clause, w) {
			if hasPrefixAny(clause[at+len(w):], kindAfter) {
				return true
			}
		}
	}
	return false
}

// supposes reports a clause that begins with a supposition (conditionals).
func supposes(clause string) bool {
	if hasPrefixAny(clause, conditionals) {
		return true
	}
	for _, p := range []string{"如", "若"} {
		if rest, ok := strings.CutPrefix(clause, p); ok && (hasPrefixAny(rest, deathWords) || hasPrefixAny(rest, supposedAfter)) {
			return true
		}
	}
	return false
}

// hasPrefixAny reports whether s begins with one of words.
func hasPrefixAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(s, w) })
}

// deathFirstRunes are the first characters of every word speaksOfDeath
// looks for: a text with none of them, in simplified or traditional
// characters, says no death.
var deathFirstRunes = func() map[rune]bool {
	out := map[rune]bool{}
	for _, w := range slices.Concat(deathWords, bareDeaths, []string{"不健在", "非健在"}) {
		r, _ := utf8.DecodeRuneInString(w)
		out[r] = true
	}
	return out
}()

// mayBeginDeath reports whether r, read as readable reads it, begins a word
// of a death.
func mayBeginDeath(r rune) bool {
	if s, ok := simplified[r]; ok {
		r = s
	}
	return deathFirstRunes[r]
}

// remarkStop is what a 备注 says about stopping: whether the senior's
// payment stops (stop), the clause that stops one benefit only (benefit,
// e.g. 护理补贴停发), and where the senior moved (see moveIn).
type remarkStop struct {
	stop    bool
	benefit string
	later   string // the clause of a stop from a later month (下月停发), when that is all it says
	// laterFrom is the month the stop of later takes effect (stopMonth);
	// zero when later is empty or no month paid was given.
	laterFrom domain.Month
	// stopFrom is the month a stop took effect when the 备注 dates it by
	// the last month paid or the time of the stop (已发至10月, 发放至10月,
	// 停发时间：2026.11) and that month is not after the one read; zero for
	// a stop said otherwise.
	stopFrom domain.Month
	// resumed says a clause resumes the payment (恢复发放, 继续发放) and
	// no stop follows it.
	resumed bool
	// resumeFrom is the month a resumption from a later month takes
	// effect (12月恢复发放, 下月恢复): the payment is stopped until then.
	resumeFrom domain.Month
	move       move
}

// laterWords before a stop in its clause say it starts after the month
// paid (下月停发, 次月起停止发放, 本月底停发): this month is still paid.
var laterWords = []string{"下月", "下个月", "次月", "明年", "月底"}

// stopMonth is the month from which a stop takes effect, read from the
// words before the stop (before) in month m: the earliest month named (12月起,
// 2027年1月起, 元月起; a month followed by 底, 末 or 后 is the month after it:
// 11月底停发, 11月后停发; after 明年, in the year after m's), or else the
// month after m for 下月, 次月, 月底 (本月底), this month for 上月底, the month
// before for 上月, January after m for 年底 and 明年, January of a year
// named without a month (2027年起). It is zero when m is,
// or when before names no time: the stop is now.
func stopMonth(before string, m domain.Month) domain.Month {
	if m == (domain.Month{}) {
		return domain.Month{}
	}
	before = strings.ReplaceAll(before, "元月", "1月")
	if g := dayNamed.FindStringSubmatch(before); g != nil { // 12.1起停发, 2026年12月31日停发
		mo, _ := strconv.Atoi(g[2])
		day, _ := strconv.Atoi(g[3])
		if mo >= 1 && mo <= 12 && day >= 1 && day <= 31 {
			n := nearMonth(time.Month(mo), m)
			if g[1] != "" {
				n.Year, _ = strconv.Atoi(g[1])
			}
			if day > 1 {
				n = n.Next() // the month of the day is paid: monthly, as a death inside a month
			}
			return n
		}
	}
	nextYear := strings.Contains(before, "明年")
	plain := strings.ReplaceAll(before, "明年", "|")
	var first domain.Month
	consider := func(n domain.Month) {
		if first == (domain.Month{}) || first.After(n) {
			first = n
		}
	}
	named := func(text string, after bool) {
		for _, n := range MonthsNamed(text, m) {
			if nextYear {
				n.Year = m.Year + 1
			}
			if after {
				n = n.Next()
			}
			consider(n)
		}
	}
	for _, g := range monthEnd.FindAllStringSubmatch(plain, -1) {
		named(g[1], true)
	}
	named(monthEnd.ReplaceAllString(plain, "|"), false)
	switch {
	case first != (domain.Month{}):
		return first
	case containsAny(before, []string{"上月底", "上个月底", "上月末"}):
		return m
	case containsAny(before, []string{"上月", "上个月"}):
		return m.Prev()
	case monthsLater.MatchString(before):
		g := monthsLater.FindStringSubmatch(before)
		n, err := strconv.Atoi(g[1])
		if err != nil {
			n = chineseCount[g[1]]
		}
		return domain.MonthOf(m.First().AddDate(0, n, 0))
	case containsAny(before, []string{"下下月", "下下个月", "下月底", "下个月底", "下月末"}):
		return m.Next().Next()
	case containsAny(before, []string{"下月", "下个月", "次月"}):
		return m.Next()
	case nextYear || containsAny(before, []string{"年底", "年末", "年后"}):
		return domain.Month{Year: m.Year + 1, Month: time.January}
	case yearNamed.MatchString(plain):
		y, _ := strconv.Atoi(yearNamed.FindStringSubmatch(plain)[1])
		return domain.Month{Year: y, Month: time.January}
	case containsAny(before, []string{"月底", "月末"}):
		return m.Next()
	}
	return domain.Month{}
}

// yearNamed is a year named without its month (2027年起停发, 自2027年起):
// from its January.
var yearNamed = regexp.MustCompile(`(20\d\d)\s*年`)

// dayNamed is a date with its day: 12.1, 12月1日, 2026年12月31日, 2026-12-31.
var dayNamed = regexp.MustCompile(`(?:(\d{4})\s*[年.\-/]\s*)?(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*[日号]?`)

// monthsLater is a count of months from now: 两个月后, 3个月后.
var monthsLater = regexp.MustCompile(`(\d{1,2}|[一二两三四五六])\s*个月(?:以后|之后|后)`)

// chineseCount are the numbers monthsLater reads in characters.
var chineseCount = map[string]int{"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}

// stopTimeAfter is the time of a stop written after it: 停发时间：2026.12,
// 停发日期为12月, 停发（自12月起）.
var stopTimeAfter = regexp.MustCompile(`^[（(]?(?:时间|日期|月份)?\s*[：:为]?\s*(?:自|从)?\s*((?:\d{4}\s*[年.\-/]\s*)?\d{1,2}\s*月?)`)

// timeLabel is a word naming a time and the colon after it (时间：).
var timeLabel = regexp.MustCompile(`(时间|日期|月份)\s*[：:]\s*`)

// bracketedMonth is a month in brackets: （自12月起）, (2026.12).
var bracketedMonth = regexp.MustCompile(`[（(]\s*((?:自|从)?\s*(?:\d{4}\s*[年.\-/]\s*)?\d{1,2}\s*月?\s*(?:起|份)?)\s*[)）]`)

// monthEnd is a month followed by what puts a stop after it: 11月底, 11月末,
// 2026年11月后, 11月份以后.
var monthEnd = regexp.MustCompile(`((?:\d{4}\s*年\s*)?(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月)份?(?:底|末|以后|之后|后)`)

// payUntil is a payment said to last until a month (发放至11月, 继续发放至11月底,
// 发到2026年11月): a stop from the month after it. 补发至 is arrears, not
// this.
var payUntil = regexp.MustCompile(`(?:(?:发放|领取|享受|发)(?:截止至|截止到|截至|截止|至|到)|最后(?:发放|领取)(?:的)?(?:月份|月)?\s*[：:为]?\s*)((?:\d{4}\s*年\s*)?(?:\d{1,2}|十[一二]?|[一二三四五六七八九]|元)\s*月)`)

// readStop reads a 备注's clauses in order. A clause counts unless it is
// negated (不停发), about other people (老伴户口迁出), about a status (低保停发)
// or taken back (取消停发, 停发原因已消除); a later clause, or a later part
// of the clause, that resumes the payment (恢复, 照发) takes back the stops
// before it (原停发，现恢复; 停发3个月后恢复), while a stop after a resumption
// stands (恢复后又停发). A stop naming one benefit (护理补贴停发, not
// 各项补贴全部停发) stops that benefit, not the senior. A move to a place
// outside the district (户口已迁至泽州县, 迁往外省) is a stop; a move within it
// (迁至西街街道) is not: the new street's roster pays.
func readStop(remark string) remarkStop { return readStopIn(remark, domain.Month{}) }

// readStopIn is readStop for the month paid, m: a stop from a month named
// after m (12月起停发, 2026年12月起停发, 自2026.12起停发, in November; 1月起停发
// in December) is from a later month, like 下月停发. A month named before m
// is read as a stop now: the row is held and staff say.
func readStopIn(remark string, m domain.Month) remarkStop {
	var r remarkStop
	remark = readable(remark)
	// A time written after a colon or in brackets belongs to its clause:
	// 停发时间：2026.12, 停发（自12月起）, 最后发放月份：11月.
	remark = timeLabel.ReplaceAllString(remark, "$1")
	remark = bracketedMonth.ReplaceAllString(remark, "$1")
	later := func(before string) bool {
		if m == (domain.Month{}) {
			return containsAny(before, laterWords)
		}
		return stopMonth(before, m).After(m)
	}
	stopClause := ""
	cs := clauses(remark)
	for i, clause := range cs {
		next := ""
		if i+1 < len(cs) {
			next = cs[i+1]
		}
		if containsAny(clause, statusWords) {
			continue
		}
		mv := moveIn(clause)
		if mv.moved && r.move.dest == "" {
			r.move = mv
		}
		if takenBackIn(clause) && !containsAny(clause, resumeWords) && !bareError(clause) {
			r.stop = false // 取消停发, 停发原因已消除, 迁出后又迁入, 停发申请已撤回
			continue
		}
		if r.stop && retracts(clause) && hasWord(stopClause, deathWords) && !containsAny(remark, uncertainWords) {
			// 上月因死亡停发，实际健在: the death the stop was for is refuted;
			// 健在 says nothing of a stop for another reason (已迁出本区).
			r.stop = false
			continue
		}
		stopAt, stopEnd := -1, 0
		if slices.Contains(bareStops, clause) {
			stopAt, stopEnd = 0, len(clause)
		}
		spans := negatedSpans(clause, stopWords)
		for _, w := range stopWords {
			for at := range occurrences(clause, w) {
				if !negated(clause[:at]) && !inSpans(at, spans) && wordOK(clause, at, w) && !aboutOther(clause, at) && !strikesOther(clause, at+len(w), w, next) &&
					!(mv.moved && !mv.outside && mv.dest != "" && containsAny(w, moveStops)) && at >= stopAt {
					stopAt, stopEnd = at, at+len(w)
				}
			}
		}
		if mv.outside {
			stopAt = max(stopAt, mv.at)
		}
		// until is the month a stop takes effect when the words say it
		// otherwise than before the stop: a payment said to last until a
		// month (发放至11月: the month after), or the time written after the
		// stop (停发时间：2026.12).
		var until domain.Month
		if loc := payUntil.FindStringSubmatchIndex(clause); stopAt < 0 && loc != nil && m != (domain.Month{}) && !strings.HasSuffix(clause[:loc[0]], "补") && !negated(clause[:loc[0]]) {
			if named := MonthsNamed(strings.ReplaceAll(clause[loc[2]:loc[3]], "元月", "1月"), m); len(named) > 0 {
				stopAt, until = loc[0], named[0].Next()
			}
		}
		if g := stopTimeAfter.FindStringSubmatch(clause[stopEnd:]); stopEnd > 0 && until == (domain.Month{}) && g != nil && m != (domain.Month{}) && stopMonth(clause[:stopAt], m) == (domain.Month{}) {
			if named := MonthsNamed(g[1], m); len(named) > 0 {
				until = named[0]
			}
		}
		if until != (domain.Month{}) && !until.After(m) {
			r.stop, stopClause, r.later, r.laterFrom, r.resumed, r.stopFrom = true, clause, "", domain.Month{}, false, until
			continue
		}
		resumeAt := -1
		masked := clause // a resume word found is masked, so 续发 is not found again inside 继续发放
		for _, w := range resumeWords {
			for at := range occurrences(masked, w) {
				if backPaysMonth(w, clause[at+len(w):]) {
					continue // 停发，本月补发9月: a month owed paid, no resumption
				}
				if resumeDenied(clause[:at]) {
					stopAt = max(stopAt, at) // 不再继续发放, 停止继续发放: a stop
				} else {
					resumeAt = max(resumeAt, at)
				}
			}
			masked = strings.ReplaceAll(masked, w, strings.Repeat("＿", utf8.RuneCountInString(w)))
		}
		switch {
		case stopAt >= 0 && stopAt > resumeAt && containsAny(clause, benefitWords) && !containsAny(clause, allWords) && !mv.outside:
			if r.benefit == "" {
				r.benefit = clause
			}
		case until != (domain.Month{}):
			if !r.stop && r.later == "" {
				r.later, r.laterFrom = clause, until
			}
		case stopAt > resumeAt && later(clause[:stopAt]) && !mv.outside:
			if !r.stop && r.later == "" {
				r.later, r.laterFrom = clause, stopMonth(clause[:stopAt], m)
			}
		case stopAt > resumeAt:
			r.stop, stopClause, r.later, r.laterFrom, r.resumed, r.stopFrom = true, clause, "", domain.Month{}, false, domain.Month{}
		case resumeAt >= 0 && later(clause[:resumeAt]):
			// 本月停发，下月恢复, 12月恢复发放: stopped until then
			r.stop, r.resumeFrom = true, stopMonth(clause[:resumeAt], m)
			if stopClause == "" {
				stopClause = clause
			}
		case resumeAt >= 0:
			if r.stop && r.benefit == "" && containsAny(clause, benefitWords) {
				r.benefit = stopClause // 停发，高龄照发: what stops is not the 高龄津贴
			}
			r.stop, r.resumed = false, true
		}
	}
	if r.resumed && containsAny(remark, uncertainWords) {
		r.stop, r.resumed = true, false // 恢复发放待定: not decided, so stopped
	}
	return r
}

// movedWithin is the place within the district a 备注 says the senior
// moved to (Entry.movedTo), "" when it names none or one outside.
func (r remarkStop) movedWithin() string {
	if r.move.moved && !r.move.outside {
		return r.move.dest
	}
	return ""
}

// objectStops are the stop words that strike someone off (核减, 清退,
// 注销): followed by another person (已核减老伴, 已核减重复人员) they strike
// off that person, not the senior.
var objectStops = []string{"核减", "清退", "销号", "减员", "删除", "已删", "注销", "停发", "作废", "取消"}

// notBefore are, for a stop word, what may follow it to make it about
// something else: 不享受其他补贴 says the senior has no other benefit.
var notBefore = map[string][]string{"不享受": {"其他", "其它", "别的", "其余"}}

// countOfPeople is a count of people after a stop word (核减1人).
var countOfPeople = regexp.MustCompile(`^[0-9一二两三四五六七八九十]+个?[人名位]`)

// strikesOther reports whether stop word w, ending at byte end of clause,
// is about something or someone else than the senior: what follows it in
// notBefore, or, for one of objectStops, another person right after it
// (已核减老伴, 已核减重复人员（本行保留）), or a count of people after it and
// another person at the start of the next clause (next: 11月核减1人（另一人）),
// or a next clause that is only another person (已核减（老伴）). A next
// clause that says more (已核减，老伴健在) is a sentence of its own.
func strikesOther(clause string, end int, w, next string) bool {
	rest := strings.TrimLeft(clause[end:], "了掉的")
	if hasPrefixAny(rest, notBefore[w]) {
		return true
	}
	if !slices.Contains(objectStops, w) {
		return false
	}
	counted := false
	if loc := countOfPeople.FindStringIndex(rest); loc != nil {
		rest, counted = rest[loc[1]:], true
	}
	if hasPrefixAny(rest, otherPeople) {
		return true
	}
	if rest != "" {
		return false
	}
	n := strings.TrimLeft(next, "系为是即指")
	return slices.Contains(otherPeople, n) || (counted && hasPrefixAny(n, otherPeople))
}

// stopForDeath reports a text (a 备注, a comment, a note's statement) that
// says the senior died, so that a stop said with it (已故，停发;
// 已于11月3日去世，请停发; 死亡注销) is the death's: on a row that gives a
// 死亡日期 the date decides, and the month of death is paid, as the hold
// asking for the date promised. A text that also gives a reason of its
// own to stop (ownStopReasons: 已迁出本区，11月3日去世) still holds.
func stopForDeath(text string) bool {
	return speaksOfDeath(text) && !containsAny(readable(text), ownStopReasons)
}

// stopOfTheDeath reports whether the stop said in remark is the death's
// (deathsStop); one said bare, without the death, gets a notice
// (remark_stop_death) telling staff that the date decides: their 停发 is
// read as the death's, and the month of death is paid.
func (e *Entry) stopOfTheDeath(cols *columns, remark string, month domain.Month) bool {
	if !e.deathsStop(remark, month) {
		return false
	}
	if !stopForDeath(remark) {
		e.add(domain.Notice, cols, FieldRemark, "remark_stop_death", fmt.Sprintf("备注「%s」未说停发的原因，本行填有死亡日期%s：按死亡处理，死亡当月照常发放，以后月份不再发放；如停发另有原因（如迁出本区），请在备注写明后重新报送",
			remark, e.Person.Death.Format("2006-01-02")))
	}
	return true
}

// deathsStop reports a stop said in remark, the 备注 of a row that gives a
// 死亡日期, that is the death's, so that the date decides and the month of
// death is paid: one said with the death (stopForDeath), or, when the date
// is by the end of month, one said bare, with no reason of its own
// (ownStopReasons) and nothing of money sent back (停发, 本月起停发: what
// staff write beside the date of a senior who died; held, the month of
// death was never paid).
func (e *Entry) deathsStop(remark string, month domain.Month) bool {
	d := e.Person.Death
	if d.IsZero() {
		return false
	}
	return stopForDeath(remark) || !d.After(month.Last()) && !containsAny(readable(remark), slices.Concat(ownStopReasons, []string{"退回", "暂扣", "扣发"}))
}

// ownStopReasons are words of a stop for another reason than a death: a
// move, the senior out of reach, a refusal, no entitlement.
var ownStopReasons = []string{"迁", "搬", "离开", "外地", "外省", "转出", "调出", "失联", "去向不明", "下落不明", "失踪", "服刑", "在押", "收监", "入狱",
	"放弃", "拒领", "不领", "不符合", "重复享受"}

// saysStop reports a 备注 that says the senior's payment stops or that they
// left the district (迁出本区, 停发, 户口已迁至泽州县), not negated or taken
// back (see readStop).
func saysStop(remark string) bool { return readStop(remark).stop }

// move is where a 备注 says the senior moved: moved is set for any move
// (迁出, 迁至…, 转西街), dest is the place as written ("" when none is
// named), outside says that place is outside the district, and at is the
// byte of the clause where the move is said.
type move struct {
	moved, outside bool
	dest           string
	at             int
}

// moveIn reads a move out of one clause: 迁/搬 followed by 至, 往, 到, 去
// or 入 and a place, or 转 followed by a place (转西街, 转入西街). 迁入 and
// 迁回 are moves here, not away; a move negated (未迁出) or someone else's
// (老伴迁出) is none. The place is outside the district when it names
// another 省, 市, 县, 区 or 州, or says 外 (外省, 外地); 本区, 城区 and this
// district's streets are within, and a province named without 省 (北京,
// 广东) is outside. A place of neither kind (儿子家) is not outside: only
// a notice names it.
func moveIn(clause string) move {
	if containsAny(clause, []string{"迁入", "迁回", "搬回", "转回"}) {
		return move{}
	}
	if m := goneWith(clause); m.moved {
		return m
	}
	for i, r := range clause {
		if r != '迁' && r != '搬' && r != '转' {
			continue
		}
		if negated(clause[:i]) || aboutOther(clause, i) {
			return move{}
		}
		after := clause[i+len(string(r)):]
		rest := strings.TrimLeft(after, "出走离")
		m := move{moved: r != '转' && len(rest) < len(after), at: i} // 迁出, 搬走, 搬离; not 拆迁
		first := len(rest)
		for _, marker := range []string{"至", "往", "到", "去", "入"} {
			if j := strings.Index(rest, marker); j >= 0 && j < first {
				first, m.dest = j, rest[j+len(marker):]
			}
		}
		if r == '转' && m.dest == "" && rest != "" && !strings.ContainsRune("为交账帐给发由告化成变", []rune(rest)[0]) && placeLike(rest) {
			m.dest = rest
		}
		if m.moved && m.dest == "" && placeLike(rest) && outsideDistrict(rest) {
			m.dest = rest // 迁出省外, 迁出区外: where, though said without 至 or 往
		}
		if containsAny(m.dest, []string{"院", "医"}) || (r == '转' && !placeLike(m.dest)) || slices.Contains([]string{"本区", "本街道", "本社区", "本村", "本镇", "本乡", "本地", "城区"}, m.dest) {
			continue // 搬至敬老院, 转至市医院, 转至…治疗: care, not a move of the household; 迁至本区: a move in
		}
		if strings.HasPrefix(m.dest, "今") {
			m.dest = "" // 迁出至今
		}
		if m.dest != "" {
			m.moved = true
			m.outside = outsideDistrict(m.dest)
		}
		if m.moved {
			return m
		}
	}
	return move{}
}

// goesWith are words by which a senior goes to live with family (随子女,
// 跟随儿子, 跟着女儿, 投靠女儿, 投奔儿子): followed by 去, 到, 往, 至, 赴
// or 在 and a place outside the district, they say a move away as 迁 does
// (随子女去上海, 投靠女儿去太原: a fresh user's, paid, S14). 去 or 到 a place
// without them is not one (去北京看病, 到太原住院: a trip), nor is a stay
// for a while (随女儿去太原看病: awayForAWhile).
var goesWith = []string{"随", "跟", "跟着", "投靠", "投奔"}

// kin are whom a senior goes to live with (goesWith).
var kin = slices.Concat(family, []string{"儿女", "孩子", "亲属", "亲戚", "亲友", "家人", "外孙", "侄子"})

// goneWith reads out of a clause a move with family to a place outside the
// district (see goesWith); a move with them within the district, or to a
// place it cannot place (随女儿到西街生活), is none: nothing to hold, and
// no move of the household to tell.
func goneWith(clause string) move {
	if containsAny(clause, awayForAWhile) {
		return move{}
	}
	for _, g := range goesWith {
		for at := range occurrences(clause, g) {
			after := clause[at+len(g):]
			k := slices.IndexFunc(kin, func(w string) bool { return strings.HasPrefix(after, w) })
			if k < 0 || negated(clause[:at]) || aboutOther(clause, at) {
				continue
			}
			// The place after them (随子女去上海), or before them
			// (去上海随子女生活): a tester's, paid.
			for _, rest := range []string{after[len(kin[k]):], clause[:at]} {
				first, dest := len(rest), ""
				for _, marker := range []string{"去", "到", "往", "至", "赴", "在"} {
					if m := strings.Index(rest, marker); m >= 0 && m < first {
						first, dest = m, rest[m+len(marker):]
					}
				}
				if dest != "" && !containsAny(dest, []string{"院", "医"}) && outsideDistrict(dest) {
					return move{moved: true, outside: true, dest: dest, at: at}
				}
			}
		}
	}
	return move{}
}

// placeLike reports whether text names a place (西街, 泽州县, 外省, 北京,
// 太原).
func placeLike(text string) bool {
	return containsAny(text, []string{"街", "镇", "乡", "村", "社区", "区", "县", "市", "省", "外地"}) || containsAny(text, provinces) || containsAny(text, outsidePlaces)
}

// provinces are China's provinces, municipalities and autonomous regions
// by the short names people write without 省 or 市 (迁往北京, 随子女去广东):
// all outside the district. 山西 is the district's own province, but a
// move to 山西 named so is a move away from 城区 all the same.
var provinces = []string{"北京", "天津", "上海", "重庆", "河北", "山西", "内蒙", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
	"河南", "湖北", "湖南", "广东", "广西", "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾", "国外", "境外"}

// outsidePlaces are places outside the district that remarks name without
// 市 or 县 (户口迁至太原, 迁往阳城: a fresh user's, paid as moves within,
// S14): 山西's other cities, the counties and the county-level city of
// 晋城市 around 城区, and the provincial capitals.
var outsidePlaces = slices.Concat(
	[]string{"太原", "大同", "阳泉", "长治", "晋中", "运城", "忻州", "临汾", "吕梁", "朔州"},
	countyNames,
	[]string{"石家庄", "呼和浩特", "沈阳", "长春", "哈尔滨", "南京", "杭州", "合肥", "福州", "南昌", "济南", "郑州", "武汉", "长沙",
		"广州", "南宁", "海口", "成都", "贵阳", "昆明", "拉萨", "西安", "兰州", "西宁", "银川", "乌鲁木齐"})

// countyNames are the counties and the county-level city of 晋城市 around
// 城区, whose names 城区's own roads and estates bear (泽州路, 泽州路社区):
// before a road's or estate's word (localName) they are within. Other
// places' names are outside even so (迁往长治路, 太原西街): whether 城区 has
// such a road is not known here, and a move outside paid is the worse
// mistake.
var countyNames = []string{"泽州", "高平", "阳城", "陵川", "沁水"}

// outsideNames are the names outsideDistrict reads as places outside.
var outsideNames = slices.Concat(provinces, outsidePlaces)

// localSuffixes after one of countyNames, or after one of 省市县区州旗外,
// make it part of the name of a road or an estate of 城区 (泽州路, 新市街,
// 新市东街, 泽州路社区), not a place outside.
var localSuffixes = []string{"路", "街", "大街", "巷", "大道", "社区", "小区", "花园", "家园", "苑"}

// localName reports whether text, what follows a name, begins with one of
// localSuffixes, after a direction if any (泽州南路, 新市东街).
func localName(text string) bool {
	if r, n := utf8.DecodeRuneInString(text); n > 0 && strings.ContainsRune("东西南北中", r) {
		text = text[n:]
	}
	return slices.ContainsFunc(localSuffixes, func(s string) bool { return strings.HasPrefix(text, s) })
}

// outsideDistrict reports whether a place a senior moved to is outside the
// district: another 省, 市, 县, 区, 州 or 旗, or 外省, 外地, or a place of
// outsideNames (北京, 太原, 阳城). 本区 and 城区 are within, and so are 社区,
// 小区, 矿区街道 and 辖区 despite their 区, and 城区's roads and estates named
// after a county or with 市 or 州 in their names (泽州路社区, 新市街:
// localName).
func outsideDistrict(place string) bool {
	if containsAny(place, []string{"本区", "城区", "本街道", "本市城区"}) {
		return false
	}
	rs := []rune(place)
	for i := range rs {
		if strings.ContainsRune("省市县区州旗外", rs[i]) && !(rs[i] == '区' && i > 0 && strings.ContainsRune("社小矿辖", rs[i-1])) && !localName(string(rs[i+1:])) {
			return true
		}
		for _, p := range outsideNames {
			if strings.HasPrefix(string(rs[i:]), p) && !(slices.Contains(countyNames, p) && localName(string(rs[i+utf8.RuneCountInString(p):]))) {
				return true
			}
		}
	}
	return false
}

// saysMovedOut reports a 备注 that says the senior moved out (迁出, 已迁走)
// without saying where (迁出本区, 迁至西街街道, 迁出本街道): paid, but worth a
// look.
func saysMovedOut(remark string) bool {
	remark = readable(remark)
	r := readStop(remark)
	return r.move.moved && r.move.dest == "" && !r.stop && !containsAny(remark, []string{"街道", "社区", "本区", "城区", "乡镇", "镇", "村"})
}

// readRemark holds or gives a notice to e for what its 备注 says: a death
// without a 死亡日期 (remark_death), a stop of the senior's payment or a
// move out of the district (remark_stop), a move within the district or
// to a place it cannot place (remark_moved, naming the place, or saying
// none is named), a stop of one benefit (remark_benefit_stop: the row is
// paid, on its columns). A row already held is read by
// readRemarkOfHeld instead. A move to a named place that is not outside
// the district is kept in e.movedTo: Consolidate lets that street's row
// of the same person pay.
func (e *Entry) readRemark(cols *columns, remark string, month domain.Month) {
	if remark == "" {
		return
	}
	if e.Held {
		e.readRemarkOfHeld(cols, remark, month)
		return
	}
	if e.Person.Death.IsZero() && speaksOfDeath(remark) {
		e.add(domain.Held, cols, FieldRemark, "remark_death", fmt.Sprintf("备注「%s」说此人已去世，但未填死亡日期，本月暂缓发放：请在死亡日期列填写（死亡当月仍发放当月：死于本月的，本月随以后月份补发）；如本人健在，请更正备注", remark))
		return
	}
	if collectorDied(remark) {
		e.add(domain.Notice, cols, FieldRemark, "remark_collector_died", fmt.Sprintf("备注「%s」说代领人（或监护人）已去世：本月照常发放到本人账户；请核实以后由谁代领，账户是否仍由本人使用", remark))
	}
	for _, st := range []struct {
		field Field
		words []string
	}{{FieldDibao, []string{"低保"}}, {FieldTekun, []string{"特困", "五保"}}} {
		if cols[st.field] < 0 && says(remark, st.words, false) {
			// 状态: 城市低保 on a roster without the column paid the plain
			// rate without a word (f11).
			e.add(domain.Held, cols, FieldRemark, "status_in_remark", fmt.Sprintf("备注「%s」写有%s情况，但本表没有「%s」列：程序不按备注确定%s，本行暂缓发放；请增加「%s」列并按说明填写后重新报送",
				remark, st.words[0], st.field.Header(), st.words[0], st.field.Header()))
			return
		}
	}
	r := readStopIn(remark, month)
	if r.stop && e.stopOfTheDeath(cols, remark, month) {
		r.stop = false // 已故，停发 on a row with its 死亡日期: the date decides
	}
	e.movedTo = r.movedWithin()
	switch {
	case r.stop && e.movedTo != "":
		e.add(domain.Held, cols, FieldRemark, "remark_stop", fmt.Sprintf("备注「%s」说此人停发并迁往「%s」，本行暂缓发放：如是迁往本区其他街道（乡镇），应由迁入地花名册列入此人发放（本月迁入地花名册已列入此人的，按那一行发放）；如应在本街道发放，请更正备注后在审批以前重新报送（审批以后本月不自动补发，请手工补发）", remark, e.movedTo))
	case r.stop && r.stopFrom.Valid():
		// 已发至10月 may keep a tally of months paid as well as end the payment
		e.add(domain.Held, cols, FieldRemark, "remark_stop", fmt.Sprintf("备注「%s」说此人发放到%s为止（自%s起停发），本行暂缓发放：如确已停发，请删除本行；如只是记下已发到的月份、本月应当发放，请删去这句备注后重新报送", remark, r.stopFrom.Prev().Chinese(), r.stopFrom.Chinese()))
	case r.stop:
		e.add(domain.Held, cols, FieldRemark, "remark_stop", fmt.Sprintf("备注「%s」说此人停发或已迁出，本行暂缓发放：如应停发，请删除本行；如本月应当发放，请更正备注后在审批以前重新报送（审批以后本月不自动补发，请手工补发）", remark))
	case e.movedTo != "":
		e.add(domain.Notice, cols, FieldRemark, "remark_moved", fmt.Sprintf("备注「%s」说此人迁往「%s」：本月照常发放；如是迁往本区其他街道（乡镇），下月起应由迁入地花名册列入、本花名册删除本行；如已迁出本区，请在审批前把备注改为「已迁出本区」（本行即停发）或删除本行，用 run --replace 重新计算；审批后才发现的，程序不会自动追回（追回只按死亡日期计算），请手工追回", remark, e.movedTo))
	case saysMovedOut(remark):
		e.add(domain.Notice, cols, FieldRemark, "remark_moved", fmt.Sprintf("备注「%s」说此人迁出，未说迁往何处：本月照常发放；如已迁出本区，请在审批前把备注改为「已迁出本区」（本行即停发）或删除本行，用 run --replace 重新计算；审批后才发现的，程序不会自动追回（追回只按死亡日期计算），请手工追回", remark))
	}
	e.Resumes = r.resumed && !r.stop
	if r.stop && r.resumeFrom != (domain.Month{}) {
		e.add(domain.Notice, cols, FieldRemark, CodeRemarkResumeLater, fmt.Sprintf("备注「%s」说以后月份（%s起）恢复发放：本月暂缓（remark_stop）；到那个月，以前月份的停发备注不再暂缓此人", remark, r.resumeFrom))
	}
	if !r.stop && r.later != "" {
		e.add(domain.Notice, cols, FieldRemark, CodeRemarkStopLater, laterStopMessage(remark, r.later, r.laterFrom))
	}
	if in, ok := movedIn(remark, month); ok && !r.stop {
		e.add(domain.Notice, cols, FieldRemark, CodeRemarkMovedIn, movedInMessage(remark, in))
	} else if from, ok := added(remark, month); ok && !r.stop {
		e.add(domain.Notice, cols, FieldRemark, CodeRemarkAdded, fmt.Sprintf("备注「%s」说此人是新增人员（%s新增）：本月照常发放；以前月份未列入花名册的，不自动补发（如以前漏报，请核实后手工补发）", remark, from))
	}
	if !r.stop && r.benefit != "" {
		e.add(domain.Notice, cols, FieldRemark, "remark_benefit_stop", fmt.Sprintf("备注「%s」说「%s」，只停发其中一项补贴，不是停发此人：本行照常按各列计算发放，程序不按备注停发单项补贴；如该项确应停发，请更正决定该项的列（如自理能力、低保类别、残疾等级）后重新报送", remark, r.benefit))
	}
}

// pauseWords put a payment off without ending it (暂缓, 暂不发放, 先不发),
// or say the bank sent it back (readRemarkOfHeld). Each is made a comma in
// turn, the longer before the words inside them.
var pauseWords = []string{"暂停发放", "暂时停发", "暂时不予发放", "暂时不发放", "暂时不发", "暂不予发放", "暂不发放", "暂不发", "先不予发放", "先不发放", "先不发",
	"暂缓", "缓发", "暂扣", "扣发", "暂停", "退回"}

// notPaidWords say the month is not paid (本月不发, 不予发放): on a held
// row whose 备注 says why it is held (holdReasons) or that the month is
// paid later (paidLater), that hold.
var notPaidWords = []string{"不予发放", "不发放", "不发"}

// holdReasons in the 备注 of a held row say why it is held: its account
// or card (账号有误，本月不发), its 户号 or a status (低保待定), an error,
// or a check to come (本月不发待核实).
var holdReasons = slices.Concat(cardWords, statusWords, []string{"户号", "类别", "误", "错", "待核", "待查", "待更正", "待确认", "待定", "核实后", "更正后"})

// paidLater is a 补发 of the month promised after it: 下月补发, 核实后补发,
// 更正后补发, 待补发.
var paidLater = regexp.MustCompile(`(?:下月|下个月|次月|后|再|一并|待)补发`)

// promisesLater reports a 备注 (readable) that says the month is paid
// later (paidLater), not negated.
func promisesLater(remark string) bool {
	for _, loc := range paidLater.FindAllStringIndex(remark, -1) {
		if !negated(remark[:loc[0]]) {
			return true
		}
	}
	return false
}

// withoutPauses is remark (readable) with each of pauseWords made a comma:
// on a row held for something else, 账号有误，暂缓发放 or 暂不发放 is staff's
// note of that hold, and read as a stop it kept the month from being paid
// back once the account was corrected. So are notPaidWords where the 备注
// says why the row is held (账号有误，本月不发; 本月不发待核实) or that the
// month is paid later, and 停发 where it says so (本月停发，下月补发). A stop
// said beside them (暂缓，已迁出本区) stands, and so does a bare 不发 or 停发.
func withoutPauses(remark string) string {
	remark = readable(remark)
	words := pauseWords
	later := promisesLater(remark)
	if later || containsAny(remark, holdReasons) {
		words = slices.Concat(words, notPaidWords)
	}
	if later {
		words = slices.Concat(words, []string{"停发"})
	}
	for _, w := range words {
		remark = strings.ReplaceAll(remark, w, "，")
	}
	return remark
}

// readRemarkOfHeld reads the 备注 of a row already held for something
// else (a 银行账号 or a 低保类别 that cannot be read). A death without a
// 死亡日期 or a stop of the payment (not a pause: withoutPauses) holds it
// as stopped as well (remark_death, remark_stop: domain.StopCode), so
// that the month is not paid back once the rest is corrected, and staff
// learn that it will not be (a held row whose 备注 said 停发 was paid back
// the month after); a
// row held as stopped already (a 停发人员 sheet, a 姓名 marked 删) is
// not held again. A stop from a later month is remembered
// (remark_stop_later): that month holds the row once it is corrected
// (stop_announced); a resumption (恢复发放) is, as on a row paid
// (Entry.Resumes), staff's word against a stop announced earlier. A move
// within the district is kept in e.movedTo, as on a row paid.
func (e *Entry) readRemarkOfHeld(cols *columns, remark string, month domain.Month) {
	r := readStopIn(withoutPauses(remark), month)
	if r.stop && e.stopOfTheDeath(cols, remark, month) {
		r.stop = false // 已故，停发 on a row with its 死亡日期: the date decides
	}
	e.movedTo = r.movedWithin() // the new street's row of the month pays, this one steps aside (stepAside)
	death := e.Person.Death.IsZero() && speaksOfDeath(remark) && !slices.ContainsFunc(e.Findings, func(f domain.Finding) bool {
		return f.Where.Header == FieldDeath.Header() // a 死亡日期 written but not read: its own finding says so
	})
	stopped := slices.ContainsFunc(e.Findings, func(f domain.Finding) bool { return f.Severity == domain.Held && domain.StopCode(f.Code) })
	switch {
	case stopped:
	case death:
		e.add(domain.Held, cols, FieldRemark, "remark_death", fmt.Sprintf("备注「%s」说此人已去世，但未填死亡日期：本行另有问题已暂缓；请在死亡日期列填写（死亡当月仍发放当月：死于本月的，更正后本月随以后月份补发，死于以前月份的不再发放）；如本人健在，请一并更正备注", remark))
	case r.stop:
		e.add(domain.Held, cols, FieldRemark, "remark_stop", fmt.Sprintf("备注「%s」说此人停发或已迁出：本行另有问题已暂缓，按备注本月停发，更正后也不补发本月；如应停发，请删除本行；如本月应当发放，请一并更正备注后在审批以前重新报送（审批以后本月不自动补发，请手工补发）", remark))
	case r.later != "":
		e.add(domain.Notice, cols, FieldRemark, CodeRemarkStopLater, domain.OnHeldRow(laterStopMessage(remark, r.later, r.laterFrom)))
	default:
		e.Resumes = r.resumed
	}
}

// saysAlive reports a 备注 that states the senior is alive: it says 健在
// and nothing that negates it or speaks of the senior's death (非健在,
// 已不健在, 未核实健在, 健在？, 健在（家属称已去世）): a remark read the wrong way
// would pay the dead. 老伴去世，本人健在 says it.
func saysAlive(remark string) bool {
	remark = readable(remark)
	if !strings.Contains(remark, "健在") || speaksOfDeath(remark) || strings.ContainsAny(remark, "非不未无否没?？") {
		return false
	}
	// 老伴健在, 其妻健在: someone else is alive, which says nothing of the
	// senior (a dead senior was paid again, with arrears, for it; f11).
	for _, clause := range clauses(remark) {
		if at := strings.Index(clause, "健在"); at >= 0 && !aboutOther(clause, at) {
			return true
		}
	}
	return false
}

// accountConfirmWords say the 银行账号 of the row is the senior's own.
var accountConfirmWords = []string{"账号已核实", "帐号已核实", "卡号已核实", "已核实账号", "账号经核实", "账号核实无误", "账户已核实", "已核实账户", "本人账号", "本人账户", "本人名下", "账号属本人", "账号系本人", "账号为本人"}

// confirmUndercut are words that take a confirmation of the account back
// or make it someone else's: 账号已核实不符, 账号已核实，但户名不符,
// 账号已核实（待确认）, 系前任持卡人, 继承人账号, 监护人账号.
var confirmUndercut = []string{"不符", "不一致", "不对", "有误", "错", "但", "待", "吗", "是否", "前任", "原持卡", "继承", "监护", "不是", "非"}

// saysAccountConfirmed reports a 备注 that says the row's 银行账号 is the
// senior's own (账号已核实, 系本人账号), not negated (非本人账号) nor asked
// (本人账号？), and names nobody else anywhere (老伴账号已核实;
// 账号已核实（系其子女账号）, which confirms the account is the child's).
func saysAccountConfirmed(remark string) bool {
	remark = strings.ReplaceAll(readable(remark), "无误", "") // 账号已核实无误: 误 would read as taken back
	return !strings.ContainsAny(remark, "?？") && !containsAny(remark, otherPeople) && !containsAny(remark, agentWords) &&
		!containsAny(remark, []string{"家属", "亲属", "家人", "他人", "别人"}) && !containsAny(remark, confirmUndercut) &&
		says(remark, accountConfirmWords, false)
}

// namesStopList reports a sheet named as a list of people to stop paying
// (停发人员, 2026年11月减少, 减员名单, 核减人员, 取消资格人员) or not to pay
// this month (删除, 作废, 备份, 旧, 待审核, 暂缓人员), not one of people whose
// stop ended (停发恢复人员, 未迁出人员, 取消暂停人员, 取消暂缓人员).
// A sheet of people who lost their 低保 or 特困 (取消低保人员, 低保核减人员,
// 退出特困人员) is a roster: as in a 备注, a clause about a status is no stop.
// Nor is one of the people left after a removal (核减后名单, 在册人员（已剔除
// 取消人员）, 除暂缓外人员, 东街（不含核减）), nor one of people back
// (外迁返回人员, 销号补办人员).
func namesStopList(sheet string) bool {
	return namesList(sheet, stopListWords, true) || slices.ContainsFunc(clauses(sheet), func(c string) bool { return slices.Contains(bareStopLists, c) })
}

// stopFileWords are the words of stopListWords that, in a file's name, say
// it lists people to stop paying (11月停发人员.xlsx, 东街减员名单.xlsx): not
// those of a copy or a draft (备份, 旧版, 作废, 待审核), since such a file
// repeats its street's roster, whose people its held rows would hold too
// as duplicates; an identical copy is read once anyway.
var stopFileWords = slices.DeleteFunc(slices.Clone(stopListWords), func(w string) bool {
	return slices.Contains([]string{"删除", "作废", "不合格", "备份", "旧版", "旧表", "待审核", "待审批", "退出", "无效"}, w)
})

// namesStopFile reports a file named as a list of people to stop paying
// (stopFileWords), read as namesStopList reads a sheet's name.
func namesStopFile(name string) bool { return namesList(name, stopFileWords, true) }

// includesOthers reports a file's name that says it has such people among
// others (东街花名册（含减少人员）, 11月发放名单（包含过世人员）), or counts
// them in brackets (bracketTally): a roster, whose sheets' names decide,
// not a list of them.
func includesOthers(name string) bool {
	return strings.Contains(name, "含") || bracketTally.MatchString(readable(name))
}

// bracketTally is a count of people in brackets in a file's name, as a
// roster's name gives its changes: 东街高龄津贴（减少3人）, 11月花名册（新增2人、
// 减少1人）, not a list of them (（减少3人名单）, （核减人员明细）).
var bracketTally = regexp.MustCompile(`[（(][^）)]*[0-9一二两三四五六七八九十]+\s*人(?:[^员名明清花）)][^）)]*)?[）)]`)

// namesDeathList reports a sheet named as a list of the dead (死亡人员),
// not a roster left after removing them (在册人员（已剔除死亡人员）).
func namesDeathList(sheet string) bool { return namesList(sheet, deathListWords, false) }

// DeathListWords returns the words that, in a sheet's or a file's name,
// say it lists the dead (死亡, 过世, 已故, 殡葬, 火化: deathListWords), for
// callers that tell such a list from a street's roster by its name alone.
func DeathListWords() []string { return slices.Clone(deathListWords) }

// removedWords in a clause of a sheet's name say the people its words
// name were taken off the list (已剔除取消人员, 减员已扣除, 不含核减,
// 去除核减人员后): what is left is a roster. backWords anywhere in the name
// say the people came back (外迁返回人员, 销号补办人员) or are paid still
// (低保取消仍享高龄).
var (
	removedWords = []string{"剔除", "去除", "除去", "扣除", "排除", "不含", "不包含", "不包括"}
	// deletedWords say, after a word of the list, that its people were
	// deleted (死亡人员已删除, 停发人员已去掉, 去世人员已减); alone or
	// before it, 删除 names a list of people struck off (删除人员,
	// 删除外迁人员).
	deletedWords = []string{"删除", "删去", "删掉", "已删", "去掉", "减去", "减掉", "已减"}
	backWords    = []string{"返回", "回迁", "补办", "仍享"}
)

// exceptFor is 除…外 around a word in a sheet's name (除暂缓外人员); 删除
// is no 除 of it.
var exceptFor = regexp.MustCompile(`(?:^|[^删剔去扣排])除.+外`)

// namesList reports whether a sheet's name names a list of people that one
// of words says (says; about a status too unless status is false), not the
// roster left after taking them off (removedWords, exceptFor, a word
// followed by 后: 核减后名单, 减员后花名册, 清退后在册人员), nor a list of
// people who came back (backWords).
func namesList(sheet string, words []string, status bool) bool {
	sheet = readable(sheet)
	if containsAny(sheet, backWords) {
		return false
	}
	for _, c := range clauses(sheet) {
		if containsAny(c, removedWords) || exceptFor.MatchString(c) {
			continue
		}
		if at := firstOf(c, deletedWords); at > 0 && says(c[:at], words, status) {
			continue // 死亡人员已删除: the roster left
		}
		for _, w := range words {
			c = strings.ReplaceAll(c, w+"后", "＿")
		}
		if says(c, words, status) {
			return true
		}
	}
	return false
}

// containsAny reports whether s contains any of words.
func containsAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}

// CodeRemarkStopLater is the notice of a 备注 that stops the payment from a
// later month (下月停发): the row is paid this month, and its message names
// the month the stop takes effect, which LaterStopOf reads back so that
// month's run holds the row if it is still there (stop_announced).
const CodeRemarkStopLater = "remark_stop_later"

// laterStopMessage is the message of CodeRemarkStopLater; from is the month
// the stop takes effect, given as （YYYY-MM起） for LaterStopOf, or zero.
func laterStopMessage(remark, clause string, from domain.Month) string {
	when := ""
	if from != (domain.Month{}) {
		when = "（" + from.String() + "起）"
	}
	return fmt.Sprintf("备注「%s」说「%s」，是以后月份%s停发：本月照常发放；到停发的月份请删除本行，或在那个月的花名册备注停发", remark, clause, when)
}

// CodeRemarkResumeLater is the notice of a 备注 that resumes the payment
// from a later month (12月恢复发放): the row is held now (remark_stop), and
// from that month a stop an earlier 备注 announced no longer holds it. Its
// message names the month as （YYYY-MM起）, for LaterStopOf.
const CodeRemarkResumeLater = "remark_resume_later"

// reLaterFrom finds the month in laterStopMessage.
var reLaterFrom = regexp.MustCompile(`以后月份（(\d{4}-\d{2})起）(?:停发|恢复发放)`)

// LaterStopOf reads back a recorded CodeRemarkStopLater finding: the ID of
// its row (GB 11643, from AsWritten) and the month its stop takes effect;
// or a CodeRemarkResumeLater finding and the month its resumption does.
// ok is false for another code, an ID that is not valid, or a message that
// names no month (recorded before months were named in it).
func LaterStopOf(f domain.Finding) (id string, from domain.Month, ok bool) {
	if f.Code != CodeRemarkStopLater && f.Code != CodeRemarkResumeLater {
		return "", domain.Month{}, false
	}
	id = idnumber.Of(f.AsWritten)
	m := reLaterFrom.FindStringSubmatch(f.Message)
	if id == "" || m == nil {
		return "", domain.Month{}, false
	}
	from, err := domain.ParseMonth(m[1])
	return id, from, err == nil
}

// CodeRemarkMovedIn is the notice of a 备注 saying the senior moved into
// the district (2026年12月从泽州县迁入, 本月迁入): the row is paid, and the
// months before the move are not paid back by themselves, since the
// district owed nothing then. The message names the month of the move as
// （YYYY-MM迁入）, or says none is named, for MovedInOf.
const CodeRemarkMovedIn = "remark_moved_in"

// moveInWords say someone moved in (迁入本区, 从泽州县迁来, 户口迁回).
var moveInWords = []string{"迁入", "迁来", "迁回", "搬来", "搬回"}

// movedIn reads a move into the district out of a 备注 in month m: the
// month of the move, the earliest month named in its clause up to m (本月
// is m), zero when none is named; ok is false when no clause says the
// senior moved in (未迁入, 老伴迁入 do not).
func movedIn(remark string, m domain.Month) (when domain.Month, ok bool) {
	for _, clause := range clauses(remark) {
		at := -1
		for _, w := range moveInWords {
			if i := strings.Index(clause, w); i >= 0 && !negated(clause[:i]) && !aboutOther(clause, i) {
				at = i
			}
		}
		if at < 0 {
			continue
		}
		if from := clause[:at]; placeLike(from) && !outsideDistrict(from) {
			continue // 从西街街道迁入: within the district, not into it
		}
		ok = true
		if strings.Contains(clause, "本月") || strings.Contains(clause, "当月") {
			return m, true
		}
		for _, n := range MonthsNamed(clause, m) {
			if !n.After(m) && (when == (domain.Month{}) || when.After(n)) {
				when = n
			}
		}
		if when != (domain.Month{}) {
			return when, true
		}
	}
	return when, ok
}

// CodeRemarkAdded is the notice of a 备注 saying the senior is new on the
// roster (本月新增, 10月新增人员): the row is paid, and the months before
// are not paid back by themselves, since staff say the senior was not
// owed them (a senior left out by mistake is not written 新增). The
// message names the month as （YYYY-MM新增）, for AddedOf.
const CodeRemarkAdded = "remark_added"

// addedClauses are the whole clauses of a 备注, once a month or 本月 is
// taken off their front (本月新增, 10月份新增人员), that say the senior is
// newly listed; not 新增低保 or 新增护理补贴, a status or a benefit new to
// a senior listed before.
var addedClauses = []string{"新增", "新增人员", "新增对象", "新增老人", "为新增", "系新增", "属新增", "新纳入", "新申请"}

// added reads a 备注 saying the senior is new on the roster in month m:
// the month named before 新增 (10月新增), m when it names none or says
// 本月. ok is false when no clause says so.
func added(remark string, m domain.Month) (from domain.Month, ok bool) {
	for _, clause := range clauses(readable(remark)) {
		rest := strings.TrimLeft(strings.NewReplacer("本月", "", "当月", "", "月份", "月").Replace(clause), dateCharacters+"〇零一二三四五六七八九十")
		if !slices.Contains(addedClauses, rest) {
			continue
		}
		from = m
		if named := MonthsNamed(clause, m); len(named) == 1 && !named[0].After(m) {
			from = named[0]
		}
		return from, true
	}
	return domain.Month{}, false
}

// reAdded finds the month in CodeRemarkAdded's message.
var reAdded = regexp.MustCompile(`（(\d{4}-\d{2})新增）`)

// AddedOf returns, by ID (GB 11643, from AsWritten), the month from which
// findings' CodeRemarkAdded notices say the person is newly listed.
func AddedOf(findings []domain.Finding) map[string]domain.Month {
	return noticedMonths(findings, CodeRemarkAdded, reAdded)
}

// movedInMessage is the message of CodeRemarkMovedIn.
func movedInMessage(remark string, when domain.Month) string {
	if when == (domain.Month{}) {
		return fmt.Sprintf("备注「%s」说此人迁入，未说何时（迁入月份不详）：本月照常发放；以前月份未列入花名册的，不自动补发（如迁入前已在本区享受，请核实后手工补发）", remark)
	}
	return fmt.Sprintf("备注「%s」说此人迁入（%s迁入）：本月照常发放；迁入以前的月份不自动补发", remark, when)
}

// reMovedIn finds the month in movedInMessage.
var reMovedIn = regexp.MustCompile(`（(\d{4}-\d{2})迁入）`)

// MovedInOf returns, by ID (GB 11643, from AsWritten), the month of the
// move into the district that findings' CodeRemarkMovedIn notices name:
// zero when the remark named none.
func MovedInOf(findings []domain.Finding) map[string]domain.Month {
	return noticedMonths(findings, CodeRemarkMovedIn, reMovedIn)
}

// noticedMonths returns, by ID (GB 11643, from AsWritten), the month that
// findings' notices of code name as re's first group (YYYY-MM): zero for
// a notice that names none.
func noticedMonths(findings []domain.Finding, code string, re *regexp.Regexp) map[string]domain.Month {
	out := map[string]domain.Month{}
	for _, f := range findings {
		if f.Code != code {
			continue
		}
		id := idnumber.Of(f.AsWritten)
		if id == "" {
			continue
		}
		var when domain.Month
		if m := re.FindStringSubmatch(f.Message); m != nil {
			when, _ = domain.ParseMonth(m[1])
		}
		out[id] = when
	}
	return out
}

// firstOf returns the byte index of the first of words in s, or -1.
func firstOf(s string, words []string) int {
	first := -1
	for _, w := range words {
		if at := strings.Index(s, w); at >= 0 && (first < 0 || at < first) {
			first = at
		}
	}
	return first
}
