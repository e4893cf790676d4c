package roster

import (
	"slices"
	"strings"
	"unicode"
)

// What a 备注 (or a sheet's name) says about a senior is read clause by
// clause: a clause that names a death or a stop of payment counts unless it
// is about someone else (老伴去世), negates it (未死亡, 不停发), takes it back
// (误报死亡, 暂停后恢复) or is about a status rather than the payment (低保停发).
// A remark read the wrong way either pays the dead or holds a living senior
// every month, so the words are listed here, where the tests see them.

// deathWords are what a clause says of someone who has died.
var deathWords = []string{"已故", "病故", "亡故", "身故", "故去", "故世", "死", "亡", "逝", "去世", "过世", "离世", "辞世", "殁"}

// stopWords are what a clause says of a payment that stops, or of a person
// who left the district.
var stopWords = []string{"停发", "暂停发放", "停止发放", "取消发放", "不再发放", "迁出本区", "迁出城区", "迁出本市", "迁出晋城", "迁往外地", "迁往外省", "迁往外市", "户口迁出"}

// stopListWords in a sheet's name say it lists people whose payment stops
// (停发人员, 减少名单, 注销, 迁出); deathListWords say it lists the dead.
var (
	stopListWords  = []string{"停发", "减少", "注销", "迁出", "暂停", "停止"}
	deathListWords = []string{"死亡", "去世", "已故", "亡故", "身故"}
)

// otherPeople in a clause say the death or stop is someone else's: a
// spouse's, a child's, a parent's. 家属 and 家人 are not among them: they
// report the senior's own death (家属称已去世).
var otherPeople = []string{"老伴", "配偶", "丈夫", "妻子", "爱人", "子女", "儿子", "女儿", "儿媳", "女婿", "孙子", "孙女", "父亲", "母亲", "父母", "兄弟", "姐妹",
	"其子", "其女", "其夫", "其妻", "其父", "其母"}

// alsoSelf in a clause that names other people say it is about the senior
// too: 本人及老伴均已去世, 夫妻二人均已去世.
var alsoSelf = []string{"本人", "均", "都", "二人", "两人", "夫妻"}

// takenBack in a clause say what it names was a mistake or has ended.
var takenBack = []string{"误", "更正", "有误", "撤销", "恢复", "解除", "消除", "迁回", "迁入", "取消停", "取消暂停", "原因"}

// statusWords in a clause say it is about a status (低保停发, 注销低保,
// 残疾证注销), not about this payment.
var statusWords = []string{"低保", "特困", "五保", "残疾证"}

// negators just before a word negate it: 未死亡, 没有去世, 非停发, 不停发,
// 无需停发.
const negators = "非未没不无否"

// says reports whether text has a clause that names one of words and is not
// negated, taken back, about other people or, when status is set, about a
// status.
func says(text string, words []string, status bool) bool {
	for _, clause := range strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSpace(r) || r == '\u3000'
	}) {
		if (containsAny(clause, otherPeople) && !containsAny(clause, alsoSelf)) || containsAny(clause, takenBack) || (status && containsAny(clause, statusWords)) {
			continue
		}
		for _, w := range words {
			if at := strings.Index(clause, w); at >= 0 && !negated(clause[:at]) {
				return true
			}
		}
	}
	return false
}

// negated reports whether the two characters before a word hold a negator.
func negated(before string) bool {
	r := []rune(before)
	return strings.ContainsAny(string(r[max(0, len(r)-2):]), negators)
}

// speaksOfDeath reports a 备注 (or a 姓名 with a note) that says the senior
// has died, or says 不健在 / 非健在.
func speaksOfDeath(remark string) bool {
	return strings.Contains(remark, "不健在") || strings.Contains(remark, "非健在") || says(remark, deathWords, false)
}

// saysStop reports a 备注 that says the senior's payment stops or that they
// left the district (迁出本区, 停发), not negated or taken back.
func saysStop(remark string) bool { return says(remark, stopWords, true) }

// saysMovedOut reports a 备注 that says the senior moved out (迁出, 已迁走)
// without saying it was out of the district (saysStop) or within it (迁出本街道,
// 迁往西街): paid, but worth a look.
func saysMovedOut(remark string) bool {
	return says(remark, []string{"迁出", "迁走", "搬走"}, true) && !saysStop(remark) && !containsAny(remark, []string{"街道", "社区", "本区", "城区", "乡镇", "镇", "村"})
}

// saysAlive reports a 备注 that states the senior is alive: it says 健在
// and nothing that negates it or speaks of the senior's death (非健在,
// 已不健在, 未核实健在, 健在？, 健在（家属称已去世）): a remark read the wrong way
// would pay the dead. 老伴去世，本人健在 says it.
func saysAlive(remark string) bool {
	if !strings.Contains(remark, "健在") || speaksOfDeath(remark) {
		return false
	}
	return !strings.ContainsAny(remark, "非不未无否没?？")
}

// namesStopList reports a sheet named as a list of people to stop paying
// (停发人员, 2026年11月减少), not one of people whose stop ended (停发恢复人员,
// 未迁出人员, 取消暂停人员).
func namesStopList(sheet string) bool { return says(sheet, stopListWords, false) }

// namesDeathList reports a sheet named as a list of the dead (死亡人员).
func namesDeathList(sheet string) bool { return says(sheet, deathListWords, false) }

// containsAny reports whether s contains any of words.
func containsAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}
