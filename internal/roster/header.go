package roster

import (
	"fmt"
	"strings"
	"unicode"
)

// Field is a roster column the program understands.
type Field int

// The roster columns. FieldName and FieldID are required.
const (
	FieldNone Field = iota
	FieldSeq
	FieldStreet
	FieldCommunity
	FieldName
	FieldSex
	FieldID
	FieldBirth
	FieldDibao
	FieldTekun
	FieldHardship
	FieldSelfCare
	FieldGrade
	FieldCategory
	FieldElectricityAccount
	FieldBankAccount
	FieldDeath
	FieldRemark
	FieldDisabilityCard
	numFields
)

// headers maps each field to its standard header (first) and the aliases
// of the roster spec. More aliases are data: rules/roster.headers.yaml. Matching ignores spaces, line
// breaks and the width of brackets (see normalizeHeader).
var headers = [numFields][]string{
	FieldSeq:                {"序号"},
	FieldStreet:             {"街道(乡镇)", "乡镇(街道)", "街道"},
	FieldCommunity:          {"社区(村)", "村(社区)", "社区"},
	FieldName:               {"姓名"},
	FieldSex:                {"性别"},
	FieldID:                 {"公民身份号码", "身份证号码", "身份证号"},
	FieldBirth:              {"出生日期"},
	FieldDibao:              {"低保类别"},
	FieldTekun:              {"特困类别"},
	FieldHardship:           {"经济困难"},
	FieldSelfCare:           {"自理能力"},
	FieldGrade:              {"残疾等级"},
	FieldCategory:           {"残疾类别"},
	FieldElectricityAccount: {"户号"},
	FieldBankAccount:        {"银行账号"},
	FieldDeath:              {"死亡日期"},
	FieldRemark:             {"备注", "说明", "备注说明", "情况说明", "变动情况", "变动说明", "异动情况", "异动说明", "核查情况", "状态", "人员状态", "批注", "备考", "备注信息", "其他说明", "说明事项", "摘要"},
	FieldDisabilityCard:     {"残疾人证号"},
}

// Header returns the standard header text of f, e.g. "公民身份号码".
func (f Field) Header() string {
	if f <= FieldNone || f >= numFields {
		return ""
	}
	return headers[f][0]
}

// Headers maps header texts to roster columns: the built-in names and
// aliases above, plus aliases given as data (rules/roster.headers.yaml), so
// an office's odd column name is fixed without a new release.
type Headers struct {
	index map[string]Field
}

// NewHeaders returns the built-in headers plus extra aliases, keyed by the
// standard header they stand for ("公民身份号码": ["证件号码"]). It returns an
// error for a key that is not a standard header, or an alias already used
// by another column.
func NewHeaders(extra map[string][]string) (*Headers, error) {
	h := &Headers{index: map[string]Field{}}
	for f := FieldSeq; f < numFields; f++ {
		for _, name := range headers[f] {
			h.index[normalizeHeader(name)] = f
		}
	}
	standard := map[string]Field{}
	for f := FieldSeq; f < numFields; f++ {
		standard[headers[f][0]] = f
	}
	for key, aliases := range extra {
		f, ok := standard[key]
		if !ok {
			return nil, fmt.Errorf("header aliases: %q is not a roster column (use the standard header, e.g. 公民身份号码)", key)
		}
		for _, a := range aliases {
			n := normalizeHeader(a)
			if other, used := h.index[n]; used && other != f {
				return nil, fmt.Errorf("header aliases: %q already names %s", a, other.Header())
			}
			h.index[n] = f
		}
	}
	return h, nil
}

// defaultHeaders are the built-in headers alone.
var defaultHeaders, _ = NewHeaders(nil)

// normalizeHeader removes every kind of space and line break, a colon at
// the end (姓名：, as on a form) and then a 栏 (column) at the end (备注栏,
// 备 注 栏: read as nothing, a 已去世 there was paid), and turns full-width
// brackets into ASCII ones.
func normalizeHeader(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000':
			continue
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		}
		b.WriteRune(r)
	}
	n := strings.TrimRight(b.String(), ":：")
	if rest, ok := strings.CutSuffix(n, "栏"); ok && rest != "" {
		return rest
	}
	return n
}

// columns maps a header row: the 0-based column index of each field found
// (-1 when absent).
type columns [numFields]int

// matchHeader reads a candidate header row. It returns the column map and
// whether both required columns (姓名 and an ID column) are present, and
// whether the row looks like a header at all (at least one of them).
func matchHeader(cells []string) (cols columns, complete, partial bool) {
	return defaultHeaders.match(cells)
}

// match is matchHeader with these headers.
func (h *Headers) match(cells []string) (cols columns, complete, partial bool) {
	for i := range cols {
		cols[i] = -1
	}
	for i, c := range cells {
		if f, ok := h.field(c); ok && cols[f] < 0 {
			cols[f] = i
		}
	}
	// Two versions of a field with no column of its own (原银行账号 and
	// 现银行账号): the first is read, and its twins hold the rows where
	// they differ at all (twin.strict).
	first, versions := map[Field]int{}, map[Field]int{}
	for i, c := range cells {
		if _, known := h.field(c); known {
			continue
		}
		if f, ok := h.versionOf(c); ok && cols[f] < 0 {
			if versions[f] == 0 {
				first[f] = i
			}
			versions[f]++
		}
	}
	for f, n := range versions {
		if n >= 2 {
			cols[f] = first[f]
		}
	}
	hasName, hasID := cols[FieldName] >= 0, cols[FieldID] >= 0
	if hasName || hasID {
		// A status kept as check marks per kind (低保 over 城市 and 农村)
		// is read from its first mark column (markColumns).
		for _, m := range markFields {
			if cols[m.field] < 0 {
				if mc := h.markColumns(cells, m.field); len(mc) > 0 {
					cols[m.field] = mc[0].col
				}
			}
		}
	}
	return cols, hasName && hasID, hasName || hasID
}

// decides reports whether what a column of f holds is read for a
// payment: every field but 序号 and 性别 (the ID gives the sex), whose
// cells nothing reads, so a formula's error there holds nobody.
func (f Field) decides() bool { return f != FieldSeq && f != FieldSex }

// field returns the field a header cell names, by its standard header or
// an alias.
func (h *Headers) field(cell string) (Field, bool) {
	n := normalizeHeader(cell)
	f, ok := h.index[n]
	if !ok {
		// 身份证号码(18位), 银行账号（代发）: a remark in brackets after the name.
		// 备注（联系人电话） is still a remark column: a death or a stop
		// written there must be read, whoever else it names.
		if base, remark := splitRemark(n); remark != "" {
			if bf, bok := h.index[base]; bok && (bf == FieldRemark || !someoneElses(remark)) {
				f, ok = bf, true
			}
		}
	}
	return f, ok
}

// otherPersons are words of a remark in brackets after a header, or of a
// two-row header's parent, that make the column someone else's:
// 姓名（代领人）, 身份证号(监护人), 银行账号（家属） or 赡养人 over 姓名 is not
// the senior's, and read as theirs it would pay the wrong person or name
// them to the bank (or, beside the senior's own, hold the rows as a twin
// or refuse the file as a second table).
var otherPersons = []string{"代领", "代收", "代办", "代理", "受托", "监护", "家属", "亲属", "子女", "配偶", "联系人", "经办",
	"老伴", "户主", "妻", "丈夫", "儿子", "女儿", "儿媳", "女婿", "孙", "收款人", "领款人", "开户人",
	"持卡人", "持有人", "领取人", "赡养人", "照护人", "护理员", "委托人", "申请人", "家庭成员", "同住", "父亲", "母亲"}

// splitRemark returns a normalised header without a remark in brackets
// after it (身份证号码(18位) and 银行账号(代发) give 身份证号码 and 银行账号),
// and the remark with its brackets, "" when it has none.
func splitRemark(n string) (base, remark string) {
	if j := strings.Index(n, "("); j > 0 && strings.HasSuffix(n, ")") {
		return n[:j], n[j:]
	}
	return n, ""
}

// someoneElses reports a remark (splitRemark) that makes the column
// another person's (otherPersons).
func someoneElses(remark string) bool { return containsAny(remark, otherPersons) }

// twin is a second column of a header that names a field another column
// already gives (银行账号 and 账号 side by side): the first is read, and a
// row where the two disagree is held, since which is right cannot be known.
type twin struct {
	field  Field
	col    int    // 0-based
	header string // as written
	// strict is a twin of a column that is itself a version of the field
	// (原银行账号 beside 现银行账号, no 银行账号): which one is current cannot
	// be known, so a row is held when they differ at all, one empty or not.
	strict bool
}

// twins returns the twin columns of a matched header row, for every field
// but 序号 and 备注 (two remarks may say different things): columns of a
// header or alias of a field another column gives, and columns of another
// version of a payment-deciding field the header has (versionOf:
// 新银行账号 or 原银行账号 beside 银行账号).
func (h *Headers) twins(cells []string, cols *columns) []twin {
	var out []twin
	for i, c := range cells {
		f, ok := h.field(c)
		if !ok {
			f, ok = h.versionOf(c)
		}
		if ok && cols[f] >= 0 && cols[f] != i && f != FieldSeq && f != FieldRemark {
			_, standard := h.field(cells[cols[f]])
			out = append(out, twin{field: f, col: i, header: strings.TrimSpace(c), strict: !standard})
		}
	}
	return out
}

// remarks returns the columns of a matched header row that are remarks
// besides the first (备注 twice, 备注 and 情况说明): a death or a stop
// written in any of them must be read, so their text is read with the
// first's (remarkText).
func (h *Headers) remarks(cells []string, cols *columns) []int {
	var out []int
	for i, c := range cells {
		if f, ok := h.field(c); ok && f == FieldRemark && i != cols[FieldRemark] {
			out = append(out, i)
		}
	}
	return out
}

// versionWords, before or after a header, mark another version of the
// same column (新银行账号, 原银行账号, 现低保类别, 银行账号2); longest first.
var versionWords = []string{"变更后的", "更正后的", "修改后的", "更新后的", "变更后", "更正后", "修改后", "更新后", "现在的", "最新的", "新的", "最新", "现用", "在用", "正确", "本人", "变更", "新", "原", "现", "旧"}

// versionFields are the fields whose other versions are twins: those that
// decide what is paid or where to. A former 姓名, an old 15-digit ID or
// another 出生日期 beside the column may differ as a matter of course, and
// stay ignored.
var versionFields = map[Field]bool{
	FieldDibao: true, FieldTekun: true, FieldHardship: true, FieldSelfCare: true, FieldGrade: true,
	FieldCategory: true, FieldElectricityAccount: true, FieldBankAccount: true, FieldDeath: true,
}

// versionOf returns the field a header names as another version of it: a
// header or alias of a payment-deciding field (versionFields) with a
// version word before or after it (新银行账号, 原低保类别, 银行账号新) or a
// number after it (银行账号2). A header naming someone else's (代领人银行账号,
// 监护人银行账号) or another thing (低保证号, 账户名称) is no version.
func (h *Headers) versionOf(cell string) (Field, bool) {
	n := normalizeHeader(cell)
	n, remark := splitRemark(n) // 新银行账号（代发）
	if someoneElses(remark) {
		return FieldNone, false // 新银行账号（代领人）
	}
	try := func(s string) (Field, bool) {
		f, ok := h.index[s]
		return f, ok && versionFields[f]
	}
	for _, w := range versionWords {
		if rest, ok := strings.CutPrefix(n, w); ok && rest != "" {
			if f, ok := try(rest); ok {
				return f, true
			}
		}
		if rest, ok := strings.CutSuffix(n, w); ok && rest != "" {
			if f, ok := try(rest); ok {
				return f, true
			}
		}
	}
	if rest := strings.TrimRight(n, "0123456789"); rest != n && rest != "" {
		return try(rest)
	}
	return FieldNone, false
}

// columnLetter returns the Excel letter of a 0-based column index.
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// lookalikes are words that, in a header the program does not know, mean
// the column probably holds one of the payment-deciding fields under an
// unexpected name. Reading on without it could pay the wrong amount, so the
// workbook is refused with the name to use instead.
var lookalikes = []struct {
	word  string
	field Field
}{
	{"身份证", FieldID}, {"证件号", FieldID}, {"身份号", FieldID}, {"出生", FieldBirth},
	{"低保", FieldDibao}, {"生活保障", FieldDibao}, {"特困", FieldTekun}, {"五保", FieldTekun}, {"困难", FieldHardship},
	{"自理", FieldSelfCare}, {"失能", FieldSelfCare}, {"生活能力", FieldSelfCare}, {"评估结论", FieldSelfCare}, {"护理等级", FieldSelfCare},
	{"残疾等级", FieldGrade}, {"残疾级", FieldGrade}, {"残疾证级", FieldGrade}, {"残疾程度", FieldGrade}, {"伤残", FieldGrade},
	{"残疾类", FieldCategory}, {"残疾种类", FieldCategory},
	{"户号", FieldElectricityAccount}, {"电表", FieldElectricityAccount}, {"用电编号", FieldElectricityAccount}, {"用电户", FieldElectricityAccount}, {"电号", FieldElectricityAccount},
	{"账号", FieldBankAccount}, {"帐号", FieldBankAccount}, {"卡号", FieldBankAccount}, {"账户", FieldBankAccount}, {"帐户", FieldBankAccount}, {"一卡通", FieldBankAccount},
	{"死亡", FieldDeath}, {"去世", FieldDeath}, {"身故", FieldDeath}, {"离世", FieldDeath}, {"殁", FieldDeath}, {"健在", FieldDeath}, {"逝世", FieldDeath},
	{"亡故", FieldDeath}, {"已故", FieldDeath}, {"病故", FieldDeath}, {"过世", FieldDeath}, {"辞世", FieldDeath}, {"注销", FieldDeath},
}

// kindWords are words of a header that names a kind of person (人员类别:
// 城市低保, 农村特困 ...), where many rosters keep the 低保 or 特困 status;
// bareKinds are such headers alone. Either one is taken for the 低保类别,
// or the 特困类别 when the roster has a 低保类别, and refused as a
// lookalike.
var (
	kindWords = []string{"人员类别", "人员类型", "人员性质", "保障类别", "保障类型", "救助类别", "救助类型", "享受类别", "对象类别", "对象类型"}
	bareKinds = map[string]bool{"类别": true, "类型": true, "分类": true, "属性": true, "身份": true}
)

// kindHeader reports whether h (normalised) names a kind of person.
func kindHeader(h string) bool {
	if bareKinds[h] {
		return true
	}
	for _, w := range kindWords {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// suspectHeader is an unknown header that looks like a payment-deciding
// column missing from its header row: its 0-based column, its text and
// the column it may be.
type suspectHeader struct {
	col    int
	header string
	field  Field
}

// unknownHeaders returns the filled header cells of a matched header row
// that name no known column: those that look like a payment-deciding column
// missing from the row (to refuse), in the order of the columns, and the
// others (to mention).
func unknownHeaders(cells []string, cols *columns) (suspect []suspectHeader, other []string) {
	known := map[int]bool{}
	for _, i := range cols {
		if i >= 0 {
			known[i] = true
		}
	}
	for i, c := range cells {
		h := normalizeHeader(c)
		if h == "" || known[i] {
			continue
		}
		matched := false
		if kindHeader(h) && (cols[FieldDibao] < 0 || cols[FieldTekun] < 0) {
			field := FieldDibao
			if cols[FieldDibao] >= 0 {
				field = FieldTekun
			}
			suspect = append(suspect, suspectHeader{i, strings.TrimSpace(c), field})
			continue
		}
		for _, l := range lookalikes {
			if strings.Contains(h, l.word) && cols[l.field] < 0 {
				suspect = append(suspect, suspectHeader{i, strings.TrimSpace(c), l.field})
				matched = true
				break
			}
		}
		if !matched {
			other = append(other, strings.TrimSpace(c))
		}
	}
	return suspect, other
}

// combineHeader reads a two-row header: a parent row (with values merged
// across columns spread, e.g. 残疾情况 over 等级 and 类别) above a child row.
// Each column's header is the child when it is a known header under a
// parent that names no one else (代领人信息 over 姓名 is the agent's), else the
// parent and child together (残疾情况+等级 -> 残疾等级, with 情况, 信息 or 状况
// dropped from the parent), else the parent alone (a header merged down
// over both rows, such as 姓名).
func (h *Headers) combine(parent, child []string) []string {
	n := len(parent)
	if len(child) > n {
		n = len(child)
	}
	at := func(s []string, i int) string {
		if i < len(s) {
			return normalizeHeader(s[i])
		}
		return ""
	}
	out := make([]string, n)
	for i := range out {
		p, c := at(parent, i), at(child, i)
		switch {
		case c == "":
			out[i] = p
		case h.known(c) && !someoneElses(p):
			out[i] = c // not under 代领人信息: that 姓名 is someone else's
		case h.marksUnder(p, c):
			out[i] = c // 城市低保 under 低保类别
		case h.known(p + c):
			out[i] = p + c
		default:
			trimmed := p
			for _, suffix := range []string{"情况", "信息", "状况"} {
				trimmed = strings.TrimSuffix(trimmed, suffix)
			}
			out[i] = trimmed + c
		}
	}
	return out
}

func (h *Headers) known(text string) bool { _, ok := h.index[text]; return ok }

// marksUnder reports a child header that marks a kind of the status its
// parent names (城市低保 or 低保边缘 under 低保类别, 低保类型, 是否低保 or
// 低保): the child alone says it all, and the two together (低保类别城市低保)
// would be no header.
func (h *Headers) marksUnder(parent, child string) bool {
	f, _, ok := h.markOf(child)
	return ok && h.namesStatus(parent, f)
}

// A status may be kept in columns of check marks, one per kind, under a
// parent (低保 merged over 城市 and 农村, each person's √ in the column of
// their kind): read as unknown columns, every dibao senior on such a roster
// was computed as not dibao. Such columns are read as the 低保类别 (or
// 特困类别) they spell out.

// markColumn is a column of check marks for one kind of a status: its √
// says the person is of that kind.
type markColumn struct {
	col    int    // 0-based
	header string // as matched (the parent and child together: 低保城市)
	kind   string // the status's value a mark stands for: 城市低保, 农村特困
}

// markKinds are the words of a mark column's header that name the kind it
// marks, before or after the status's word (城市低保, 低保城市, 低保边缘),
// and the status's value a mark there stands for, made of the kind's
// prefix, the status's word and the kind's suffix (城镇低保 is 城市低保;
// 低保 over 边缘 is 低保边缘). A kind of one field only (低保边缘: there is
// no 特困边缘) names it; longest word first.
var markKinds = []struct {
	word           string
	prefix, suffix string
	only           Field
}{
	{word: "城市", prefix: "城市"}, {word: "城镇", prefix: "城市"}, {word: "农村", prefix: "农村"},
	{word: "低保边缘", suffix: "边缘", only: FieldDibao}, {word: "边缘", suffix: "边缘", only: FieldDibao},
}

// markFields are the statuses kept as check marks per kind, and the bare
// word that names each (低保 over 城市 and 农村, when 低保 is no alias).
var markFields = []struct {
	field Field
	word  string
}{{FieldDibao, "低保"}, {FieldTekun, "特困"}}

// namesStatus reports whether a normalised header names status f: its
// bare word (低保), its header or an alias (低保类别, 是否低保).
func (h *Headers) namesStatus(n string, f Field) bool {
	for _, m := range markFields {
		if m.field == f && n == m.word {
			return true
		}
	}
	g, ok := h.index[n]
	return ok && g == f
}

// markOf returns the status and the value of it a normalised header
// marks, when it is a column of check marks for one kind: a header naming
// the status with a kind before or after it (城市低保, 低保城市 from 低保
// over 城市, 低保类别农村, 低保边缘), or a kind that names the status
// itself (低保边缘 alone).
func (h *Headers) markOf(n string) (f Field, value string, ok bool) {
	for _, m := range markFields {
		for _, k := range markKinds {
			if k.only != FieldNone && k.only != m.field {
				continue
			}
			names := func(rest string, cut bool) bool {
				return cut && (h.namesStatus(rest, m.field) || rest == "" && strings.Contains(k.word, m.word))
			}
			if names(strings.CutPrefix(n, k.word)) || names(strings.CutSuffix(n, k.word)) {
				return m.field, k.prefix + m.word + k.suffix, true
			}
		}
	}
	return FieldNone, "", false
}

// markColumns returns the columns of a header row that mark one kind of
// f each (markOf), in column order.
func (h *Headers) markColumns(cells []string, f Field) []markColumn {
	var out []markColumn
	for i, c := range cells {
		if g, value, ok := h.markOf(normalizeHeader(c)); ok && g == f {
			out = append(out, markColumn{col: i, header: strings.TrimSpace(c), kind: value})
		}
	}
	return out
}

// strayMark returns the first column of a two-row header (parent spread
// over its merged columns, above child) that is under the same parent as
// a column of check marks (低保 over 城市, 农村 and 其他) but marks no kind
// the program knows: read as any other unknown column, the people marked
// there would be paid as not dibao. The parent, the child and the status
// are returned for the message.
func (h *Headers) strayMark(parent, child []string) (col int, p, c string, f Field, ok bool) {
	two := h.combine(parent, child)
	at := func(s []string, i int) string {
		if i < len(s) {
			return normalizeHeader(s[i])
		}
		return ""
	}
	for i := 0; i < len(two); {
		p := at(parent, i)
		j := i + 1
		for j < len(two) && p != "" && at(parent, j) == p {
			j++
		}
		var status Field
		stray := -1
		for k := i; k < j && p != ""; k++ {
			if at(child, k) == "" {
				continue
			}
			if g, _, marks := h.markOf(normalizeHeader(two[k])); marks {
				status = g
			} else if stray < 0 {
				stray = k
			}
		}
		if status != FieldNone && stray >= 0 {
			return stray, strings.TrimSpace(parent[stray]), strings.TrimSpace(child[stray]), status, true
		}
		i = j
	}
	return -1, "", "", FieldNone, false
}

// besideTable returns the 0-based column where a second table starts on a
// matched header row, beside the first (a header copied to the right of
// itself, its people on the same rows): 姓名 and an ID column given again,
// both to the right of the first pair, with at least one more column of
// the first table given again from there on (序号, 出生日期, 低保类别,
// 银行账号, 街道 ...; not 性别 or 备注). Read as twin columns, every row of the left table
// was held and the right table's people were never listed. The table is
// taken to start at the first column after the first pair whose header
// repeats one to its left (序号), else at the second pair. Someone else's
// 姓名 or ID (代领人姓名, 身份证号（老伴）) is no second pair; nor are 姓名
// and ID alone given again (a second pair of a person the header does not
// name): they are twins, and only rows where they disagree are held.
func (h *Headers) besideTable(cells []string, cols *columns) (int, bool) {
	name, id := -1, -1
	for _, t := range h.twins(cells, cols) {
		if t.field == FieldName && name < 0 {
			name = t.col
		}
		if t.field == FieldID && id < 0 {
			id = t.col
		}
	}
	end := max(cols[FieldName], cols[FieldID])
	if name < 0 || id < 0 || min(name, id) <= end {
		return -1, false
	}
	start := min(name, id)
	seen := map[string]bool{}
	for i := 0; i <= end; i++ {
		seen[normalizeHeader(cells[i])] = true
	}
	for i := end + 1; i < min(name, id); i++ {
		n := normalizeHeader(cells[i])
		if n != "" && seen[n] {
			start = i
			break
		}
		seen[n] = true
	}
	// Another field of the table left of start, given again from start on
	// (not 性别 or 备注: anyone's pair may come with a sex, and a roster
	// with several remark columns).
	left := map[Field]bool{}
	for i, c := range cells {
		f, ok := h.field(c)
		if !ok || f == FieldName || f == FieldID || f == FieldSex || f == FieldRemark {
			continue
		}
		if i < start {
			left[f] = true
		} else if left[f] {
			return start, true
		}
	}
	return -1, false
}
