package roster

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"disburse/internal/domain"
	"disburse/internal/idnumber"
)

// StatusKind is the kind of a status list sent by another agency.
type StatusKind string

// The agencies' lists the inbox may hold besides rosters.
const (
	StatusDibao      StatusKind = "低保名册"   // the dibao office: 低保类别, 保障起止日期
	StatusDisability StatusKind = "残疾人名册"  // the disabled persons' federation: 残疾等级, 残疾类别, 证件有效期
	StatusDeath      StatusKind = "死亡名单"   // police or funeral services: 死亡日期
	StatusAssessment StatusKind = "能力评估结果" // capability assessments: 评估结论 / 自理能力, 评估日期
)

// Status is one row of an agency's list: the authority for its field of the
// person with ID, valid from From to To (zero when not limited).
type Status struct {
	Kind       StatusKind
	ID         string
	Name       string
	Dibao      domain.Dibao
	Disability domain.Disability
	Death      time.Time
	// DeathUnread is the 死亡日期 of a death list row as written when it
	// could not be read ("（空）" when empty), or the date and why when
	// it is before the birth date in the ID; Death is zero then. The row
	// still says the person may have died: their roster row is held
	// (applyStatus), and nothing else counts it (not OnLists, not dead).
	DeathUnread string
	// IDUnread is the ID of a death list row as written when it cannot be
	// read (a number cell that lost its last digits, a wrong length); ID
	// is empty then. The row still says someone of its Name may have
	// died: a roster row of that name is held (applyStatuses).
	IDUnread string
	// IDLostDigits says IDUnread is a number (a number cell, or text in
	// Excel's exponent form): its digits past Excel's 15th are lost, and
	// are shown as ? (knownDigits). A text ID of 18 digits whose check
	// character fails keeps every digit typed.
	IDLostDigits bool
	SelfCare     domain.SelfCare
	From, To     time.Time
	Source       domain.Location
}

// statusHeaders are the header texts of agency lists, normalised.
var statusHeaders = map[string]string{
	"公民身份号码": "id", "身份证号码": "id", "身份证号": "id", "公民身份证号码": "id",
	"残疾人证号": "card", "残疾证号": "card",
	"姓名": "name", "逝者姓名": "name", "死者姓名": "name", "亡者姓名": "name", "死亡人姓名": "name", "死亡人员姓名": "name", // a funeral home's list names the dead so
	"低保类别": "dibao", "低保类型": "dibao",
	"保障起止日期": "period", "保障期限": "period", "保障起始日期": "from", "保障开始日期": "from", "保障终止日期": "to", "保障截止日期": "to",
	"残疾等级": "grade", "残疾类别": "category", "证件有效期": "to", "有效期至": "to", "证件有效期至": "to",
	"死亡日期": "death", "火化日期": "cremation", "注销日期": "cancelled",
	"评估结论": "selfcare", "自理能力": "selfcare", "评估日期": "from",
	"比对结果": "result", "比对情况": "result", "比对状态": "result", "核查结果": "result", "核对结果": "result",
}

// notMatched are the values of a death list's 比对结果 column (a list of
// the roster compared with the death registrations) that say the person
// was not found dead: such a row names nobody dead (notMatchedResult).
var notMatched = []string{"未比中", "未比对上", "未比对成功", "未匹配", "不匹配", "未匹配上", "无死亡记录", "未发现死亡", "未死亡", "正常", "健在", "在世", "否", "无"}

// notMatchedResult reports a 比对结果 that says the person was not found
// dead (notMatched, spaces ignored). Anything else, 比中 or empty or a word
// not known, leaves the row a death list's row.
func notMatchedResult(v string) bool { return slices.Contains(notMatched, compact(v)) }

// matchStatusHeader recognises the header of an agency list. sheet and
// file names count too for a death list, whose columns alone (ID, name,
// 死亡日期) could be a short roster. roster is the same row read as a roster
// header (with the configured aliases): a sheet with a column that only a
// roster has (街道, 社区, 银行账号, 户号, or a status the list does not
// carry) is a roster, never a list, so its people are paid; but a 街道 or
// 社区 beside a column only the dibao office's list has (户主姓名, 保障人数,
// 月保障金: dibaoOfficeHeaders) is that list's.
//
// A sheet whose file or sheet name says it lists the dead (namesDeathList:
// 11月死亡名单, 派出所死亡注销名单, 过世人员; not 东街花名册（已剔除死亡人员）)
// is a death list without a 死亡日期 column too, and with a 街道 or 社区
// column, which a street's list of its dead has: read as a roster, a dead
// stranger on it was paid, and the clerk was told to add 银行账号 to it.
// Its rows without a date hold their person's roster row (statusRow).
func matchStatusHeader(cells []string, names string, roster *columns) (StatusKind, map[string]int, bool) {
	cols := map[string]int{}
	for i, c := range cells {
		if k, ok := statusHeaders[normalizeHeader(c)]; ok {
			if _, seen := cols[k]; !seen {
				cols[k] = i
			}
		}
	}
	// The ID, the name and the date of death under any header a roster's
	// are read under (去世日期, 死亡时间, 身份证, and the aliases of
	// rules/roster.headers.yaml): a death list headed 去世日期 was told it
	// had no date column, and the month its senior lived in went unsaid.
	// The 街道 too, which a street's list of its dead has: its rows that
	// cannot be used are told on that street's copy, not on 未填街道's.
	for k, f := range map[string]Field{"id": FieldID, "name": FieldName, "death": FieldDeath, "street": FieldStreet} {
		if _, seen := cols[k]; !seen && roster != nil && roster[f] >= 0 {
			cols[k] = roster[f]
		}
	}
	_, id := cols["id"]
	_, card := cols["card"]
	if !id && !card {
		return "", nil, false
	}
	has := func(k ...string) bool {
		for _, x := range k {
			if _, ok := cols[x]; ok {
				return true
			}
		}
		return false
	}
	named := namesDeathList(names)
	place := roster[FieldStreet] >= 0 || roster[FieldCommunity] >= 0
	rosterOnly := func(fields ...Field) bool {
		for _, f := range append(fields, FieldBankAccount, FieldElectricityAccount, FieldHardship) {
			if roster[f] >= 0 {
				return true
			}
		}
		return false
	}
	switch {
	case has("dibao") && (has("period", "from", "to") || namesDibaoList(names)) && (!place || hasAnyText(cells, dibaoOfficeHeaders)) && !rosterOnly(FieldTekun, FieldSelfCare, FieldGrade, FieldCategory, FieldDeath):
		return StatusDibao, cols, true
	case has("grade", "category") && has("to") && !place && !rosterOnly(FieldDibao, FieldTekun, FieldSelfCare, FieldDeath):
		return StatusDisability, cols, true
	case has("selfcare") && has("from") && (strings.Contains(names, "评估") || hasText(cells, "评估结论")) && !place && !rosterOnly(FieldDibao, FieldTekun, FieldGrade, FieldCategory, FieldDeath):
		return StatusAssessment, cols, true
	case (has("death") && has("cremation", "cancelled") && !place || named) && !rosterOnly(FieldDibao, FieldTekun, FieldSelfCare, FieldGrade, FieldCategory):
		return StatusDeath, cols, true
	}
	return "", nil, false
}

// namesDibaoList reports a file or sheet name that says it is the dibao
// office's list (城区低保人员名单, 低保名册; not 东街低保户花名册, a
// street's roster): with 姓名, ID and 低保类别 alone, and no column only a
// roster has, it was read as a roster, and the strangers on it paid.
func namesDibaoList(names string) bool {
	return strings.Contains(names, "低保") && (strings.Contains(names, "名单") || strings.Contains(names, "名册")) && !strings.Contains(names, "花名册")
}

// dibaoOfficeHeaders are columns only the dibao office's list has: the
// household (户主, 与户主关系, 保障人数) and the money it is paid. Beside
// them a 街道 or 社区 column, which a civil-affairs export has, does not
// make the list a roster: read as one, a stranger on it was paid and the
// roster's seniors on it held as duplicates.
var dibaoOfficeHeaders = []string{"户主姓名", "户主", "与户主关系", "保障人数", "家庭保障人数", "保障人口", "月保障金", "月保障金额", "保障金额", "低保金", "低保金额", "月低保金", "低保证号", "保障证号"}

// hasAnyText reports whether a header row has a cell reading one of texts.
func hasAnyText(cells []string, texts []string) bool {
	return slices.ContainsFunc(texts, func(t string) bool { return hasText(cells, t) })
}

// hasText reports whether a header row has a cell reading text.
func hasText(cells []string, text string) bool {
	for _, c := range cells {
		if normalizeHeader(c) == text {
			return true
		}
	}
	return false
}

// statusFieldNames name the columns of agency lists in messages.
var statusFieldNames = map[string]string{"from": "起始日期", "to": "有效期/终止日期", "death": "死亡日期"}

// statusDateExamples are the examples the messages of those columns give
// for a date they cannot read (parseDate).
var statusDateExamples = map[string]string{"from": "2024-01-01", "to": "2026-12-31", "death": exampleDate}

// statusRow reads one row of an agency list; rows it cannot read are
// reported as held findings of the list (they change nobody's status).
func (r *reader) statusRow(kind StatusKind, cells []string, cols map[string]int, loc domain.Location) {
	get := func(k string) string {
		i, ok := cols[k]
		if !ok || i >= len(cells) {
			return ""
		}
		return clean(cells[i])
	}
	if isBlankOrTotal(cells) && !idDigits(get("id")) && !idDigits(get("card")) {
		// Not a row with an ID whose 序号 says 合计 by a copy-paste: a
		// death list's such row was skipped and the dead senior paid.
		return
	}
	r.wb.RowsRead++
	s := Status{Kind: kind, Name: cleanName(get("name")), Source: loc}
	invalid := func(msg string) { // the list's row, listed as not used (status_row_invalid)
		r.wb.Notices = append(r.wb.Notices, domain.Finding{Severity: domain.Held, Code: CodeStatusRowInvalid, Where: loc, Name: s.Name, AsWritten: get("id"),
			Message: string(kind) + "中的这一行" + msg, Street: get("street")})
	}
	if v := get("result"); kind == StatusDeath && notMatchedResult(v) {
		// A comparison's row of someone not found dead: read as a death,
		// it held a living senior (城区民政局死亡人员比对结果.xlsx).
		r.wb.Notices = append(r.wb.Notices, domain.Finding{Severity: domain.Notice, Code: "status_row_not_dead", Where: loc, Name: s.Name, AsWritten: get("id"),
			Message: string(kind) + "中的这一行比对结果为「" + v + "」，不是死亡记录：不影响此人的发放"})
		return
	}
	bad := func(msg string) {
		invalid("无法使用：" + msg + "；此行不影响任何人的发放，请更正后重新报送")
	}
	// deathUnread lists a death list row whose date is unreadable: its
	// person's roster row is held, so it does not say it changes nobody.
	deathUnread := func(msg string) {
		invalid(msg + "，无法确定死亡日期；花名册上此人的行本月暂缓发放（death_list_undated），以后月份的花名册填上死亡日期以前也暂缓，除非花名册所填死亡日期与名单写的月份相同；请更正死亡名单后重新报送")
	}
	var id idnumber.ID
	var err error
	if v := get("card"); v != "" && get("id") == "" {
		var c idnumber.DisabilityCard
		if c, err = idnumber.ParseDisabilityCard(v); err == nil {
			id, s.Disability = c.ID, domain.Disability{Grade: c.Grade, Category: c.Category}
		}
	} else {
		// Read as a roster's ID cell is (idnumber.Read): a death list giving
		// the 15-digit form of someone a roster gives with 18 names them,
		// or the dead would be paid; a 残疾人证号 in the ID column gives
		// the grade and category too (id_from_disability_card). A cell that
		// is none of these is told as the 18-character number it is not.
		var form idnumber.Form
		var c idnumber.DisabilityCard
		if id, form, c, err = idnumber.Read(get("id")); err != nil {
			_, err = idnumber.Parse(get("id"))
		} else if form == idnumber.FromCard {
			s.Disability = domain.Disability{Grade: c.Grade, Category: c.Category}
		}
	}
	// A number cell keeps 15 significant digits: one read back as 18
	// digits has zeros for the last three, and passing the check character
	// (1 time in 11) does not make it anyone's (recheckNumberCells).
	// Whether it passes or not, its digits past the 15th were never typed.
	lost := len(get("id")) > idnumber.ExcelDigits && allDigits(get("id")) &&
		r.kinds != nil && r.kinds.isNumber(cols["id"]+1, loc.Row) || looksNumeric(get("id"))
	numberCell := err == nil && lost
	if err != nil || numberCell {
		why := ""
		if err != nil {
			why = idnumber.Describe(err, get("id"))
		}
		if lost {
			why = numericIDMessage(get("id"))
		}
		if kind != StatusDeath || s.Name == "" {
			bad(why)
			return
		}
		// A death list row names someone who may have died even when its
		// ID cannot be read: paid on, a roster row of that name would pay
		// the dead.
		s.IDUnread = get("id")
		s.IDLostDigits = lost
		invalid("无法使用：" + why + "；花名册上与此同名（" + s.Name + "）的行本月暂缓发放（status_conflict），请更正死亡名单后重新报送")
		r.wb.Statuses = append(r.wb.Statuses, s)
		return
	}
	s.ID = string(id)
	// date reads a single date; a period in the 有效期 column (至, a
	// hyphen between two dates) is read below, before it is asked.
	date := func(k string) (time.Time, bool) {
		v := get(k)
		if v == "" {
			return time.Time{}, true
		}
		d, err := parseDate(v, r.date1904, statusDateExamples[k])
		if err != nil {
			bad(statusFieldNames[k] + err.Error())
			return time.Time{}, false
		}
		return d, true
	}
	var ok bool
	if p := get("period"); p != "" {
		from, to, perr := parsePeriod(p, r.date1904)
		if perr != nil {
			bad("保障起止日期「" + p + "」无法识别，应写成 2024-01-01至2026-12-31")
			return
		}
		s.From, s.To = from, to
	}
	if v := get("from"); v != "" {
		if s.From, ok = date("from"); !ok {
			return
		}
	}
	if v := get("to"); v != "" {
		_, _, hyphened := hyphenPeriod(v, r.date1904)
		if strings.ContainsAny(v, "至到~～") || hyphened {
			if from, to, perr := parsePeriod(v, r.date1904); perr == nil {
				if s.From.IsZero() {
					s.From = from
				}
				s.To = to
			} else {
				bad("有效期「" + v + "」无法识别，应写成 2028-01-01 或 2018-01-01至2028-01-01")
				return
			}
		} else if s.To, ok = date("to"); !ok {
			return
		}
	}
	switch kind {
	case StatusDibao:
		if s.Dibao, ok = parseDibao(get("dibao")); !ok {
			bad("低保类别「" + get("dibao") + "」不是可识别的值，应为：空、否、城市低保、农村低保、低保、是、低保边缘")
			return
		}
	case StatusDisability:
		g, ok1 := parseGrade(get("grade"))
		c, ok2 := parseCategory(get("category"))
		if !ok1 || !ok2 {
			bad("残疾等级「" + get("grade") + "」或残疾类别「" + get("category") + "」不是可识别的值，等级应为一级至四级（或一至四、壹至肆、1至4），类别应为视力、听力、言语、肢体、智力、精神、多重（均可带“残疾”）")
			return
		}
		if g != 0 || c != "" {
			s.Disability = domain.Disability{Grade: g, Category: c}
		}
	case StatusDeath:
		v := get("death")
		d, err := parseDate(v, r.date1904, statusDateExamples["death"])
		_, column := cols["death"]
		switch {
		case !column: // a list named for the dead (matchStatusHeader)
			s.DeathUnread = "（名单没有死亡日期列）"
			deathUnread("没有死亡日期（名单没有死亡日期列）")
		case v == "":
			s.DeathUnread = "（空）"
			deathUnread("死亡日期为空")
		case err != nil:
			s.DeathUnread = v
			deathUnread(statusFieldNames["death"] + err.Error())
		case d.Before(id.Birth()):
			// As a roster's (death_date_invalid): 1926 typed for 2026
			// would stop a living senior and recover every month since.
			s.DeathUnread = fmt.Sprintf("%s（早于身份证号中的出生日期%s）", d.Format("2006-01-02"), id.Birth().Format("2006-01-02"))
			deathUnread(statusFieldNames["death"] + s.DeathUnread)
		default:
			s.Death = d
		}
	case StatusAssessment:
		v := strings.TrimPrefix(get("selfcare"), "评估为")
		if s.SelfCare, ok = parseSelfCare(v); !ok || s.SelfCare == domain.SelfCareUnknown {
			bad("评估结论「" + get("selfcare") + "」应为自理、半自理或不能自理")
			return
		}
	}
	r.wb.Statuses = append(r.wb.Statuses, s)
}

// parsePeriod reads "2024-01-01至2026-12-31" (also with ~, 到, —, or a
// hyphen between two dates: 2024/1/1-2026/12/31, 20240101-20261231,
// 2024-01-01-2026-12-31, 2024.05.10-2034.05.10, as agencies write them).
func parsePeriod(v string, date1904 bool) (time.Time, time.Time, error) {
	if from, to, ok := hyphenPeriod(v, date1904); ok {
		return from, to, nil
	}
	for _, sep := range []string{"至", "到", "~", "～", "—", " - "} {
		if a, b, ok := strings.Cut(v, sep); ok {
			from, err := parseDate(strings.TrimSpace(a), date1904, statusDateExamples["from"])
			if err != nil {
				return time.Time{}, time.Time{}, err
			}
			if strings.TrimSpace(b) == "" || strings.TrimSpace(b) == "今" {
				return from, time.Time{}, nil
			}
			to, err := parseDate(strings.TrimSpace(b), date1904, statusDateExamples["to"])
			return from, to, err
		}
	}
	return time.Time{}, time.Time{}, fmt.Errorf("no separator")
}

// hyphenPeriod reads two dates joined by a hyphen (-, －, –): the first
// place where the text before and the text after are each a whole date
// of at least six digits (a year alone, or 12-31, is no date here), and
// nothing but a date on either side. The date's own hyphens
// (2024-01-01-2026-12-31) are passed over, as no split there leaves two
// dates.
func hyphenPeriod(v string, date1904 bool) (from, to time.Time, ok bool) {
	v = strings.TrimSpace(v)
	for i, r := range v {
		if r != '-' && r != '－' && r != '–' {
			continue
		}
		a, b := strings.TrimSpace(v[:i]), strings.TrimSpace(v[i+len(string(r)):])
		if digitCount(a) < 6 || digitCount(b) < 6 {
			continue
		}
		f, err1 := parseDate(a, date1904, statusDateExamples["from"])
		t, err2 := parseDate(b, date1904, statusDateExamples["to"])
		if err1 == nil && err2 == nil {
			return f, t, true
		}
	}
	return time.Time{}, time.Time{}, false
}

// digitCount is the number of ASCII digits in s.
func digitCount(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// validIn reports whether a status counts for month m: its validity period,
// when given, must cover some day of the month.
func (s *Status) validIn(m domain.Month) bool {
	if !s.From.IsZero() && s.From.After(m.Last()) {
		return false
	}
	if !s.To.IsZero() && s.To.Before(m.First()) {
		return false
	}
	return true
}

// applyStatuses makes the agencies' lists the authority for their field of
// each roster entry: a list fills an empty column, confirms an equal one,
// and an unequal one holds the entry with both sources named. It returns
// notices for people on the death list who are on no roster, and for lists
// not valid this month.
//
// A 低保名册 row whose protection ended before the month (保障起止日期
// 2024-01-01至2026-10-31 for November), for someone the roster still lists
// with a 低保类别 and no row of the list valid this month, is the dibao
// office saying the 低保 ended: the roster row is held as a conflict
// (status_conflict) naming the end date, not paid the dibao rate.
func applyStatuses(all []*Entry, statuses []Status, m domain.Month) []domain.Finding {
	var out []domain.Finding
	byID := map[string][]*Status{}
	dibaoEnded := map[string]*Status{} // ID -> the latest ended 低保名册 row
	for i := range statuses {
		s := &statuses[i]
		if !s.validIn(m) {
			msg := fmt.Sprintf("%s中的这一行有效期不含%s，本月不采用", s.Kind, m)
			if s.Kind == StatusDibao && !s.To.IsZero() && s.To.Before(m.First()) {
				// Not taken as a 低保类别, but as word that the 低保 ended.
				msg = fmt.Sprintf("%s中的这一行保障期已于%s结束，本月不按此行认定低保；花名册本月仍填低保类别、又无本月有效的低保名册行的，按保障期已结束暂缓发放", s.Kind, s.To.Format("2006-01-02"))
			}
			out = append(out, domain.Finding{Severity: domain.Notice, Code: "status_out_of_date", Where: s.Source, Name: s.Name, AsWritten: s.ID, Message: msg})
			if s.Kind == StatusDibao && !s.To.IsZero() && s.To.Before(m.First()) {
				if last, ok := dibaoEnded[s.ID]; !ok || s.To.After(last.To) {
					dibaoEnded[s.ID] = s
				}
			}
			continue
		}
		byID[s.ID] = append(byID[s.ID], s)
	}
	unreadByName := map[string][]*Status{} // death list rows whose ID cannot be read
	for i := range statuses {
		if s := &statuses[i]; s.IDUnread != "" && s.Kind == StatusDeath && s.Name != "" && s.validIn(m) {
			unreadByName[s.Name] = append(unreadByName[s.Name], s)
		}
	}
	onRoster := map[string]bool{}
	for _, e := range all {
		for _, s := range unreadByName[e.Person.Name] {
			if otherID(s.unreadDigits(), e.Person.ID) {
				continue // 王秀英 born another day: someone else of the name
			}
			holdEntry(e, "status_conflict", fmt.Sprintf("%s「%s」第%d行列有同名的「%s」，但其身份证号「%s」无法读取，不能确定是否此人，本行暂缓发放；请核实此人是否已去世：如已去世，请在花名册填写死亡日期（如 2026-10-03）；如名单所列就是此人或另有其人，请更正死亡名单中的身份证号后重新报送",
				s.Kind, s.Source.File, s.Source.Row, s.Name, s.unreadDigits()))
		}
		if e.Person.ID == "" {
			continue
		}
		onRoster[e.Person.ID] = true
		// A death list row with an unreadable date is weighed against the
		// roster's own 死亡日期, before another row of a list fills it:
		// the order of the list's rows decides nothing.
		for _, unread := range []bool{true, false} {
			for _, s := range byID[e.Person.ID] {
				if (s.DeathUnread != "") == unread && sameNameOn(e, s) {
					applyStatus(e, s, m)
				}
			}
		}
		if s, ok := dibaoEnded[e.Person.ID]; ok && e.Person.Dibao != domain.DibaoNone && !hasKind(byID[e.Person.ID], StatusDibao) {
			holdEntry(e, "status_conflict", fmt.Sprintf("低保类别：花名册为「%s」，%s「%s」第%d行此人保障期已于%s结束（%s不在保障期内），两处不一致，本行暂缓发放；如低保确已停止，请把低保类别改为空后重新报送；如已续保，请报送含续保期的低保名册；保障期结束以后的月份如已按低保标准发放，多发的差额程序不会自动追回，请核实后手工追回",
				e.Person.Dibao, s.Kind, s.Source.File, s.Source.Row, s.To.Format("2006-01-02"), m))
		}
	}
	told := map[string]bool{}
	for _, s := range statuses {
		if s.Kind == StatusDeath && s.ID != "" && s.DeathUnread == "" && !onRoster[s.ID] && s.validIn(m) {
			out = append(out, domain.Finding{Severity: domain.Notice, Code: "death_not_on_roster", Where: s.Source, Name: s.Name, AsWritten: s.ID,
				Message: deathNotOnRosterMessage(s.Death)})
		}
		if s.Kind != StatusDeath && s.ID != "" && !onRoster[s.ID] && !told[s.ID] && s.validIn(m) && s.says() != "" {
			told[s.ID] = true
			out = append(out, domain.Finding{Severity: domain.Notice, Code: CodeStatusNotOnRoster, Where: s.Source, Name: s.Name, AsWritten: s.ID,
				Message: fmt.Sprintf("%s列有此人（%s），但本月各街道（乡镇）花名册均未列入：名单只用于核对和补充花名册，不单独发放；此人如应享受高龄津贴、护理补贴等，请由所在街道（乡镇）列入花名册后重新报送", s.Kind, s.says())})
		}
	}
	return out
}

// CodeStatusRowInvalid holds a row of an agency's list that cannot be
// used (an ID that cannot be read, a date that is no date): told in
// 异常清单 with what to correct, it changes nobody (but a death list's,
// statusRow), and it is no roster row, held or paid.
const CodeStatusRowInvalid = "status_row_invalid"

// CodeStatusNotOnRoster is the notice on a row of an agency's list (低保,
// 残疾, 评估) whose person, of a status that may pay, no roster of the
// month lists: a list pays nobody by itself, and a dibao senior the dibao
// office knows of but no street lists was left out without a word. The
// run keeps only those of an age some benefit pays.
const CodeStatusNotOnRoster = "status_not_on_roster"

// says is what list row s gives that may pay (城市低保, 一级肢体残疾, 不能自理),
// "" when nothing (低保类别 否, no grade).
func (s *Status) says() string {
	switch {
	case s.Kind == StatusDibao && s.Dibao != domain.DibaoNone:
		return s.Dibao.String()
	case s.Kind == StatusDisability && s.Disability.Grade > 0:
		return fmt.Sprintf("%d级%s残疾", s.Disability.Grade, s.Disability.Category)
	case s.Kind == StatusAssessment && s.SelfCare != domain.SelfCareUnknown:
		return s.SelfCare.String()
	}
	return ""
}

// sameNameOn reports whether list row s, matched to roster row e by its
// ID, may be taken as e's person by its 姓名: a list row that gives none,
// or the same, is; one a character apart of the same length and surname
// (刘桂瑛 for 刘桂英: a variant or a slip) is, with the notice
// status_name_differs for staff to check; any other name is someone else's
// row under a mistyped ID, and e is held (status_conflict) instead of
// taking the list's word: a funeral home's 陈长福 under a living senior's
// ID stopped her without a word, and a 低保名册's 刘桂英 under another
// senior's paid that one the dibao rate.
func sameNameOn(e *Entry, s *Status) bool {
	list, roster := nameKey(s.Name), nameKey(e.Person.Name)
	if list == "" || roster == "" || list == roster {
		return true
	}
	src := fmt.Sprintf("%s「%s」第%d行", s.Kind, s.Source.File, s.Source.Row)
	if a, b := []rune(list), []rune(roster); len(a) == len(b) && a[0] == b[0] && runesApart(a, b) == 1 {
		e.Findings = append(e.Findings, domain.Finding{Severity: domain.Notice, Code: "status_name_differs", Where: e.Person.Source, Name: e.Person.Name, AsWritten: e.RawID,
			Message: fmt.Sprintf("%s的姓名为「%s」，与本行「%s」差一个字，按相同的身份证号认定为同一人并采用；请核实，如不是同一人，请更正名单中的身份证号", src, s.Name, e.Person.Name)})
		return true
	}
	holdEntry(e, "status_conflict", fmt.Sprintf("%s的身份证号与本行相同，但姓名为「%s」，与本行「%s」不同，不能确定是否此人，未采用该行，本行暂缓发放；请核实名单中的身份证号和姓名，更正后重新报送（名单所列如确是此人，请更正姓名）", src, s.Name, e.Person.Name))
	return false
}

// nameKey is a 姓名 as cleanName wrote it, without its spaces and the dot
// of a minority name, for comparing names written two ways.
func nameKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '·' {
			return -1
		}
		return r
	}, name)
}

// runesApart is how many places a and b, of one length, differ in.
func runesApart(a, b []rune) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// hasKind reports whether statuses has a row of kind.
func hasKind(statuses []*Status, kind StatusKind) bool {
	for _, s := range statuses {
		if s.Kind == kind {
			return true
		}
	}
	return false
}

// CodeDeathListUndated holds a row whose person an agency's death list
// names without a 死亡日期 it can use (no date column, the cell empty, a
// date that cannot be read or before the birth), when the roster gives no
// date of that month: a death said without its date
// (domain.DeathUndatedCode), whose month of death is owed to the heirs once
// the date is known, and whose row deleted is asked about (待核实) for the
// date. It was a status_conflict, and the month of death went untold.
const CodeDeathListUndated = "death_list_undated"

// CodeStatusFromEarlier is the notice beside a status_filled whose list
// gives the status from a date before the month: the months before were
// paid as their rosters said, and are not paid back by themselves. A run
// whose month before paid the row by the same statuses (the list was read
// then too) leaves it out: told again, it asked staff to pay by hand
// months already paid.
const CodeStatusFromEarlier = "status_from_earlier"

func applyStatus(e *Entry, s *Status, m domain.Month) {
	p := &e.Person
	src := fmt.Sprintf("%s「%s」第%d行", s.Kind, s.Source.File, s.Source.Row)
	conflict := func(field, roster, list string) {
		holdEntry(e, "status_conflict", fmt.Sprintf("%s：%s为「%s」，%s为「%s」，两处不一致，请核实后更正", field, filledBy(e, field), orNone(roster), src, orNone(list)))
	}
	note := func(field, list string) {
		msg := fmt.Sprintf("花名册未填%s，按%s填为「%s」；名单只用于报送它的月份，请在以后月份的花名册中填写此项", field, src, list)
		e.Findings = append(e.Findings, domain.Finding{Severity: domain.Notice, Code: "status_filled", Where: p.Source, Name: p.Name, AsWritten: e.RawID, Message: msg})
		if !s.From.IsZero() && s.From.Before(m.First()) && s.Kind != StatusDeath {
			e.Findings = append(e.Findings, domain.Finding{Severity: domain.Notice, Code: CodeStatusFromEarlier, Where: p.Source, Name: p.Name, AsWritten: e.RawID,
				Message: fmt.Sprintf("%s：%s记载「%s」自%s起，早于本月；以前月份按当时的花名册发放，不自动补发：如那时已应按此发放而当月未按此发放，请核实后手工补发", field, src, list, s.From.Format(time.DateOnly))})
		}
	}
	switch s.Kind {
	case StatusDibao:
		switch {
		case p.Dibao == s.Dibao:
		case p.Dibao == domain.DibaoNone:
			p.Dibao = s.Dibao
			note("低保类别（或填为否）", s.Dibao.String()) // 否 reads as none: the list, valid this month, is the authority
		case s.Dibao == domain.DibaoUnspecified && p.Dibao.IsDibao():
		case p.Dibao == domain.DibaoUnspecified && s.Dibao.IsDibao():
			p.Dibao = s.Dibao
			note("低保类别（城市/农村）", s.Dibao.String())
		case p.Dibao.PaysAs(s.Dibao): // 城市低保 against 农村低保: the same rates
			e.Findings = append(e.Findings, domain.Finding{Severity: domain.Notice, Code: "status_dibao_kind", Where: p.Source, Name: p.Name, AsWritten: e.RawID,
				Message: fmt.Sprintf("低保类别：花名册为「%s」，%s为「%s」；两者都按低保发放、金额相同，本月照常发放，按名单记为「%s」；请在以后月份的花名册中更正", p.Dibao, src, s.Dibao, s.Dibao)})
			p.Dibao = s.Dibao
		default:
			conflict("低保类别", p.Dibao.String(), s.Dibao.String())
		}
	case StatusDisability:
		text := func(d domain.Disability) string { return fmt.Sprintf("%s %d级", d.Category, d.Grade) }
		// A roster giving one of grade and category, the list both and
		// agreeing on it, is filled, not held (二级 and no 残疾类别).
		if filled, ok := fillDisability(p.Disability, s.Disability); ok && s.Disability != (domain.Disability{}) && p.Disability != (domain.Disability{}) {
			if filled != p.Disability {
				p.Disability = filled
				note("残疾等级、类别", text(filled))
			}
			return
		}
		settle(&p.Disability, s.Disability, "残疾等级、类别", text, note, conflict)
	case StatusDeath:
		if s.DeathUnread != "" {
			// The roster's own date is paid by only when the list's, as far
			// as it can be read (2026年11月), is of the same month.
			if said := MonthsNamed(s.DeathUnread, m); p.Death.IsZero() || len(said) != 1 || said[0] != domain.MonthOf(p.Death) {
				holdEntry(e, CodeDeathListUndated, fmt.Sprintf("死亡日期：花名册为「%s」，%s列有此人，但死亡日期「%s」无法采用，本行暂缓发放；请核实此人是否已去世、何日去世：如已去世，请在花名册填写死亡日期（如 2026-10-03；死亡当月仍应发放，填写后随以后月份补发给遗属），不要删除本行；如名单有误或日期漏填，请更正死亡名单后重新报送",
					orNone(dateText(p.Death)), src, s.DeathUnread))
			}
			return
		}
		settle(&p.Death, s.Death, "死亡日期", func(d time.Time) string { return d.Format("2006-01-02") }, note, func(_, roster, list string) {
			holdEntry(e, "status_conflict", deathConflictMessage(filledBy(e, "死亡日期"), roster, src, list))
		})
	case StatusAssessment:
		settle(&p.SelfCare, s.SelfCare, "自理能力", domain.SelfCare.String, note, conflict)
	}
}

// deathConflictMessage is the message of a status_conflict between the
// 死亡日期 of a roster row, as from gives it (花名册, or the list row that
// filled it: filledBy), and of a death list (src names the list's row),
// dates as YYYY-MM-DD; DeathConflictsOf reads the list's back.
func deathConflictMessage(from, roster, src, list string) string {
	return fmt.Sprintf("死亡日期：%s为「%s」，%s为「%s」，两处不一致，本行暂缓发放，请核实后更正；未更正以前，以后月份按较早的日期%s核对发放和追回",
		from, roster, src, list, min(roster, list))
}

// reDeathConflict reads deathConflictMessage: the roster row's date (the
// roster's, or another list row's that filled it), the list's file and the
// list's date.
var reDeathConflict = regexp.MustCompile(`^死亡日期：(?:花名册|.+?第\d+行)为「(\d{4}-\d{2}-\d{2})」，` + string(StatusDeath) + `「(.+)」第\d+行为「(\d{4}-\d{2}-\d{2})」`)

// filledBy names where e's value of field came from, for a conflict's
// message: the list row whose status_filled notice filled the empty roster
// cell earlier in this run (死亡名单「殡仪馆.xlsx」第3行), else 花名册. Two
// lists that disagree were told as the roster against the second, and the
// roster had nothing.
func filledBy(e *Entry, field string) string {
	for _, f := range e.Findings {
		if f.Code != "status_filled" || !strings.HasPrefix(f.Message, "花名册未填"+field) {
			continue
		}
		if _, rest, ok := strings.Cut(f.Message, "，按"); ok {
			if src, _, ok := strings.Cut(rest, "填为「"); ok {
				return src
			}
		}
	}
	return "花名册"
}

// DeathConflictsOf returns the people whose roster row a death list gave
// another 死亡日期 in the findings a run recorded (status_conflict,
// deathConflictMessage): the ID from AsWritten, the name, the list's date as
// Death and the list's file as Source.File. The row was held, so the list's
// date was recorded nowhere else; a later month, once the row is gone,
// still knows of it (the earlier of two dates on record counts).
func DeathConflictsOf(findings []domain.Finding) []domain.Person {
	return datedDeaths(findings, "status_conflict", reDeathConflict, 3, 2)
}

// reDeathFilled reads the status_filled notice of a 死亡日期 a death list
// filled in (applyStatus): the list's file and the date.
var reDeathFilled = regexp.MustCompile(`^花名册未填死亡日期，按` + string(StatusDeath) + `「(.+)」第\d+行填为「(\d{4}-\d{2}-\d{2})」`)

// DeathsFilledOf returns the people whose empty 死亡日期 a death list filled
// in the findings a run recorded (status_filled): the list's date as Death
// and its file as Source.File. The run's listing holds that date as the
// roster row's; this says where it came from.
func DeathsFilledOf(findings []domain.Finding) []domain.Person {
	return datedDeaths(findings, "status_filled", reDeathFilled, 2, 1)
}

// reStatusFilled reads the field and the list of a status_filled notice
// (applyStatus's note): 花名册未填低保类别（或填为否），按低保名册「...」, and
// as runs before that wording recorded it, without （或填为否）.
var reStatusFilled = regexp.MustCompile(`^花名册未填(低保类别|残疾等级、类别|自理能力)(?:（城市/农村）|（或填为否）)?，按(` +
	string(StatusDibao) + `|` + string(StatusDisability) + `|` + string(StatusAssessment) + `)「`)

// ListFilledOf returns, by ID, the fields an agency's list filled in the
// roster rows of the findings a run recorded (status_filled): field name
// (低保类别, 残疾等级、类别 or 自理能力) to the kind of list (低保名册, ...).
// A list counts for its month only, so the next month's roster without it
// pays as the roster says: the change lists name the list, not the roster,
// as where last month's value came from. 死亡日期 is DeathsFilledOf's.
func ListFilledOf(findings []domain.Finding) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, f := range findings {
		if f.Code != "status_filled" {
			continue
		}
		m := reStatusFilled.FindStringSubmatch(f.Message)
		id := idnumber.Of(f.AsWritten)
		if m == nil || id == "" {
			continue
		}
		if out[id] == nil {
			out[id] = map[string]string{}
		}
		out[id][m[1]] = m[2]
	}
	return out
}

// ConflictRosterDatesOf is DeathConflictsOf with the roster row's date as
// Death, in the same order: the date the list contradicted.
func ConflictRosterDatesOf(findings []domain.Finding) []domain.Person {
	return datedDeaths(findings, "status_conflict", reDeathConflict, 1, 2)
}

// dateText is d as YYYY-MM-DD, or "" for the zero time.
func dateText(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

func orNone(s string) string {
	if s == "" {
		return "空"
	}
	return s
}

// settle applies a list's value to a roster value: equal confirms, an empty
// roster value (the zero value) is filled with a notice, anything else is a
// conflict. Dates compared are all calendar dates at 00:00 UTC.
func settle[T comparable](roster *T, list T, field string, text func(T) string, note func(field, list string), conflict func(field, roster, list string)) {
	var zero T
	switch {
	case *roster == list:
	case *roster == zero:
		*roster = list
		note(field, text(list))
	default:
		conflict(field, text(*roster), text(list))
	}
}

// minDigitsApart is how many of the known digits of an unread ID may
// differ from a roster ID and still be its typo: a digit wrong, or two
// swapped.
const minDigitsApart = 3

// unreadDigits is the unread ID of a death list row as its digits are
// known: a number's first 15 and a ? for each digit lost (knownDigits), or
// the text as typed.
func (s *Status) unreadDigits() string {
	if s.IDLostDigits {
		return knownDigits(s.IDUnread)
	}
	return s.IDUnread
}

// otherID reports whether known, the unread ID of a death list row as its
// digits are known (unreadDigits), is plainly not id, the ID of a roster
// row of the same 姓名: of its first 17 digits, those it keeps (a number
// cell's first 15, or all of a text cell whose check character fails)
// differ from id's in at least minDigitsApart places, and so do 15 digits
// read as an old ID (its year written without 19). A name such as 王秀英 is shared by seniors born
// on other days, who were held for a stranger's death; a typo or a lost
// digit still holds.
func otherID(known, id string) bool {
	known = strings.TrimRight(known, "?")
	if len(id) != 18 || len(known) < idnumber.ExcelDigits || !allDigits(known) {
		return false
	}
	forms := []string{known}
	if len(known) == 15 {
		forms = append(forms, known[:6]+"19"+known[6:]) // an old ID of 15 digits, its year without 19
	}
	for _, k := range forms {
		apart := 0
		for i := 0; i < min(len(k), 17); i++ {
			if k[i] != id[i] {
				apart++
			}
		}
		if apart < minDigitsApart {
			return false
		}
	}
	return true
}
