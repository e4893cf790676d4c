package roster

import (
	"fmt"
	"slices"
	"strings"

	"disburse/internal/domain"
)

// A column the program does not read may still say that the senior died or
// that the payment stops (是否死亡: 是, 停发原因: 迁出, 生存状态: 死亡): read
// as any other unknown column, such a row was paid with only the sheet's
// columns_ignored notice. A column whose header speaks of the senior's
// status is therefore read row by row, by the 备注's reader, and a row where
// it says so is held (status_column) until staff write the death in
// 死亡日期 or the stop in 备注.

// statusAsk is what an unknown column whose header speaks of the senior's
// status tells of them.
type statusAsk int

const (
	askText        statusAsk = iota + 1 // a status or remark of its own (生存状态, 变动原因, 其他): its text is read as a 备注 is
	askDeath                            // asks whether the senior died (是否死亡, 死亡标识): a yes is a death
	askStop                             // asks whether the payment stops (是否停发, 是否注销): a yes is a stop
	askAlive                            // asks whether the senior is alive (是否健在, 是否在世): a no is a death
	askPaid                             // asks whether the senior is paid (是否发放, 是否享受): a no is a stop
	askDeathReason                      // the reason or time of a death (死亡原因): any value is a death
	askStopReason                       // the reason or time of a stop (停发原因, 注销原因, 减少原因, 停发时间): any value is a stop
	askResult                           // the result of a check (核查结果, 审核结果, 认证结果): read as askText, and a check failed (不通过, 未认证) is a stop
)

// statusColumn is an unknown column of a roster header that speaks of the
// senior's status.
type statusColumn struct {
	col    int    // 0-based
	header string // as written
	ask    statusAsk
}

// aliveWords in a header ask whether the senior is alive (是否健在);
// paidWords whether they are paid (是否发放).
var (
	aliveWords = []string{"健在", "在世", "存活", "生存", "活着"}
	paidWords  = []string{"发放", "享受", "领取", "在册"}
)

// statusHeaderWords in a header say its column tells of the senior's
// status (人员变动, 生存状态, 发放情况), besides the words of a death or a
// stop the 备注's reader knows (死亡, 停发, 注销, 减少).
var statusHeaderWords = slices.Concat([]string{"变动", "异动", "增减", "变更", "状态", "状况", "情况", "原因"}, aliveWords, paidWords)

// resultWords in a header say its column gives the result of a check of
// the senior (核查结果, 审核结果, 认证结果, 生存认证结果): a tester's 已故
// written there was paid. failedWords in such a column say the check
// failed, which stops the payment as a 备注 of 不符合条件 does;
// passedWords that it passed.
var (
	resultWords = []string{"结果", "结论"}
	failedWords = []string{"不通过", "未通过", "没通过", "没有通过", "未过", "不合格", "未认证", "没认证", "没有认证", "认证失败", "失败", "不符合", "不属实"}
	passedWords = []string{"通过", "合格", "符合", "属实", "成功", "已认证"}
)

// notTheSenior in a clause of a check's result say what failed is not the
// senior's entitlement: a report about them (举报不属实, 反映情况不属实) or
// another benefit (不符合护理补贴条件; a status, 低保核查不通过, is
// statusWords).
var notTheSenior = slices.Concat([]string{"举报", "反映", "投诉", "来信"}, benefitWords)

// failedCheck reports a value of a check's result whose verdict is a
// failure (不通过, 审核未通过, 未认证): the last failure or pass it names,
// clause by clause, is a failure. A failure negated (无不符合情况,
// 无不合格项, 未发现不符合条件情形) is none, a pass after it takes it back
// (首次未通过，复核通过; 认证失败后已重新认证成功), and a clause about a
// status, another benefit or a report (低保核查不通过, 不符合护理补贴条件,
// 举报不属实) says nothing of the senior's check: a tester's such values
// were held.
func failedCheck(v string) bool {
	failed := false
	for _, c := range clauses(v) {
		if containsAny(c, statusWords) || containsAny(c, notTheSenior) {
			continue
		}
		last, lastFailed := -1, false
		for _, k := range []struct {
			words  []string
			failed bool
		}{{failedWords, true}, {passedWords, false}} {
			spans := negatedSpans(c, failedWords)
			for _, w := range k.words {
				for at := range occurrences(c, w) {
					end := at + len(w)
					if negated(c[:at]) || inSpans(at, spans) || (!k.failed && end <= last) {
						continue
					}
					if end > last || (end == last && k.failed) {
						last, lastFailed = end, k.failed
					}
				}
			}
		}
		if last >= 0 {
			failed = lastFailed
		}
	}
	return failed
}

// otherRemarks are headers of a remark column that is not read as the
// 备注 (其他, 附注); so is a remark header with a number after it (备注2,
// 备注二).
var otherRemarks = []string{"其他", "其它", "附注", "补充说明", "注"}

// flagWords after a death or a stop in a header make it a flag of it
// (死亡标识: 1); detailWords its reason or time (死亡原因, 停发时间): a
// value there says it happened.
var (
	flagWords   = []string{"标识", "标志", "标记"}
	detailWords = []string{"原因", "理由", "日期", "时间", "月份", "年月"}
)

// statusAskOf returns what an unknown header (normalised) asks about the
// senior, or 0 when it speaks of nothing of their status. Whether it
// speaks of a death or a stop is read by the 备注's reader (speaksOfDeath,
// saysStop), so a word the reader learns counts in headers too.
func (h *Headers) statusAskOf(header string) statusAsk {
	header = readable(header) // 停發原因
	death := func(s string) bool { return s != "" && speaksOfDeath(s) }
	stop := func(s string) bool { r := readStop(s); return s != "" && (r.stop || r.move.moved) }
	if _, rest, ok := strings.Cut(header, "是否"); ok {
		switch {
		case death(rest):
			return askDeath
		case stop(rest):
			return askStop
		case containsAny(rest, aliveWords):
			return askAlive
		case containsAny(rest, paidWords):
			return askPaid
		}
	}
	// 死亡标识 flags a death, 停发原因 gives a stop's detail.
	for _, k := range []struct {
		words       []string
		death, stop statusAsk
	}{{flagWords, askDeath, askStop}, {detailWords, askDeathReason, askStopReason}} {
		for _, w := range k.words {
			if rest, ok := strings.CutSuffix(header, w); ok {
				switch {
				case death(rest):
					return k.death
				case stop(rest):
					return k.stop
				}
			}
		}
	}
	numbered := strings.TrimRight(header, "0123456789一二三四五六七八九十")
	if f, ok := h.field(numbered); (ok && f == FieldRemark && numbered != header) || slices.Contains(otherRemarks, header) {
		return askText
	}
	switch {
	case death(header):
		return askDeath // 死亡情况: 是
	case stop(header):
		return askStop
	case containsAny(header, resultWords):
		return askResult
	case containsAny(header, statusHeaderWords):
		return askText
	}
	return 0
}

// statusColumns returns the columns of a matched header row that name no
// known column, are no twin or remark of one, and speak of the senior's
// status (statusAskOf).
func (h *Headers) statusColumns(cells []string, cols *columns, twins []twin, remarks []int) []statusColumn {
	var out []statusColumn
	for i, c := range cells {
		if slices.Contains(cols[:], i) || slices.Contains(remarks, i) || slices.ContainsFunc(twins, func(t twin) bool { return t.col == i }) {
			continue
		}
		if n := normalizeHeader(c); n != "" {
			if ask := h.statusAskOf(n); ask != 0 {
				out = append(out, statusColumn{col: i, header: strings.TrimSpace(c), ask: ask})
			}
		}
	}
	return out
}

// yesMarks are the values that answer a question yes (是否死亡: 是), noMarks
// those that answer no (是否健在: 否). A filled circle ● is yes and an
// empty one ○ no, as forms tick a choice (also the Chinese zero 〇 is
// typed as ○, and 0 is no).
var (
	yesMarks = []string{"是", "是的", "√", "✓", "✔", "☑", "●", "Y", "y", "YES", "Yes", "yes", "1"}
	noMarks  = []string{"否", "无", "不", "不是", "没有", "×", "✗", "✘", "○", "N", "n", "NO", "No", "no", "0"}
)

// says reports what value v of the column says of the senior in month m:
// that they died (death) or that their payment stops or pauses, or that
// they left the district (stop), as the 备注's reader would hold the row
// for. What a 备注 only tells of (a move within the district, 搬到女儿家住
// （本区）, a stop from a later month, one benefit stopped) holds nothing
// here either: a 居住情况 column is full of addresses. A value the
// 备注's reader finds nothing in says nothing (新增, 正常, 健在, 在发),
// unless the header asks: a yes to 是否死亡 or 是否停发, a no to 是否健在 or
// 是否发放, any value but a none (否, 无, /, -) of a 死亡原因 or 停发原因, and
// a check failed (failedCheck) under 审核结果 or 认证结果.
func (s statusColumn) says(v string, m domain.Month) (death, stop bool) {
	if v == "" {
		return false, false
	}
	yes, no := slices.Contains(yesMarks, v), slices.Contains(noMarks, v)
	death = speaksOfDeath(v) || (s.ask == askDeath && yes) || (s.ask == askAlive && no) || (s.ask == askDeathReason && !noDate(v))
	r := readStopIn(v, m)
	stop = r.stop || (s.ask == askStop && yes) || (s.ask == askPaid && no) || (s.ask == askStopReason && !noDate(v)) || (s.ask == askResult && failedCheck(v))
	return death, stop
}

// readStatusColumns holds e when a status column of its row (cells) says
// the senior died or the payment stops: the program reads neither from
// such a column, and a death or stop written only there would be paid. A
// death said on a row that gives a 死亡日期 agrees with it, and the date
// decides.
func (r *reader) readStatusColumns(e *Entry, cells []string, m domain.Month) {
	for _, s := range r.statusCols {
		if s.col >= len(cells) {
			continue
		}
		v := clean(cells[s.col])
		death, stop := s.says(v, m)
		if death && !e.Person.Death.IsZero() {
			continue
		}
		var msg string
		switch {
		case death:
			msg = fmt.Sprintf("「%s」列（%s列）为「%s」，说此人已去世，但程序不读取「%s」列，本行暂缓发放：如已去世，请在「死亡日期」列填写死亡日期（死亡当月仍发放）；如本人健在，请更正或清空该列后重新报送",
				s.header, columnLetter(s.col), v, s.header)
		case stop && s.ask == askResult && failedCheck(v) && !readStopIn(v, m).stop:
			msg = fmt.Sprintf("「%s」列（%s列）为「%s」，说此人未通过审核或认证，但程序不读取「%s」列，本行暂缓发放：如此人本月不应发放，请删除本行，或在「备注」列写明（如“停发”）；如已通过、本月应当发放，请更正或清空该列后重新报送",
				s.header, columnLetter(s.col), v, s.header)
		case stop:
			msg = fmt.Sprintf("「%s」列（%s列）为「%s」，说此人停发、减少或迁出，但程序不读取「%s」列，本行暂缓发放：如应停发，请删除本行，或在「备注」列写明（如“停发”“迁出本区”）；如本月应当发放，请更正或清空该列后重新报送",
				s.header, columnLetter(s.col), v, s.header)
		default:
			continue
		}
		e.addAt(domain.Held, s.col, s.header, "status_column", msg)
	}
}
