package roster

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"disburse/internal/domain"
	"disburse/internal/idnumber"
)

// Staff write below the table what they did not put in the rows: 说明：邹香
// 已于2026年10月3日去世，请停发; 备注：3号王秀英已死亡; 注：李四10月迁出，本月起
// 停发. Such a row has no 姓名 and no ID of its own and is skipped with a
// notice (row_template, row_footer), while the person it names was paid
// from their row above. A note row that states a death or a stop, as the
// 备注's reader reads one (speaksOfDeath, readStopIn: not a negation, a
// supposition, an instruction, a spouse's death or money taken back), and
// names a person the workbook lists, by their exact 姓名 (the longest
// listed name that fits, at least two characters), their ID or their 序号
// written N号 (or several at once: 第1、2号, 序号1-2), holds that person's
// rows (CodeNoteStop). A note that names
// nobody listed stays a notice, which then says so.
//
// Staff also type the note into the 姓名 column of a row without an ID, or
// the ID column of a row without a 姓名 (noteCell). Such a row is read as a
// person and held as one (id_missing, name_missing: it may be a senior
// whose ID is missing), and its note is read besides, as above; its own
// finding says whom the note held.
//
// A note is read statement by statement, so that a person is held only for
// what is said of them: a label with a colon (说明：, 死亡人员：) or the end
// of a sentence (。；) starts a statement, a signature line's label
// (制表人：张三) starts one about nobody, and within it each clause naming
// listed people begins what is said of them, with the clauses after it
// that have no subject of their own (邹香（10月3日去世）; 李四10月迁出，本月起
// 停发) but not a clause about a kind of people (死亡人员已删除) or about
// someone else named before its verb (原李四已去世). Names listed one after
// another (邹香、王五已去世), or under a heading (以下人员已去世：邹香、王五),
// share what is said of them.

// CodeNoteStop is the code of the hold on a row whose person a note row of
// the workbook (a 说明 below the table, a template or signature row, a note
// typed under 姓名 or 公民身份号码) says died or stopped, naming them by 姓名,
// ID or 序号.
const CodeNoteStop = "note_stop"

// CodeNoteDeath is the code of the hold on a row whose person a note says
// died, when the row gives no 死亡日期 and the note no other reason to stop
// (domain.DeathUndatedCode): once the date is given, the month of death is
// paid back to the heirs.
const CodeNoteDeath = "note_death"

// note is a row of a roster sheet that is no person's (row_template,
// row_footer), with what it says; or the cell of a row read as a person
// that is a note (noteCell), code "".
type note struct {
	loc  domain.Location
	code string // the notice the row got; "" for a row read as a person
	col  string // the column of the note's cell, for a row read as a person
	text string // its cells, cleaned, joined by spaces
}

// noteDate finds a date in a 姓名 cell: 2026年, 10月, 3日, 2026-10-03.
var noteDate = regexp.MustCompile(`[0-9]{1,4}\s*[年月日]|[0-9]{4}[-./][0-9]{1,2}`)

// notePunct are the colons and the punctuation of sentences, which no name
// has.
const notePunct = "：:，,。；;！!？?"

// notePrefixes start a note, never a name.
var notePrefixes = []string{"说明", "备注", "注"}

// maxNameRunes is the most characters a name, or a part of a minority
// name between its dots, is taken to have.
const maxNameRunes = 10

// noteInName reports a 姓名 cell (as clean gives it) that is a note
// rather than a name: 说明：邹香已于2026年10月3日去世，请停发. It has a colon
// or a sentence's punctuation, a date, a part without a name's dot longer
// than any name, or starts with 说明, 备注 or 注; and a 汉字. A name with a
// remark in brackets (邹香（已故）) or a long minority name
// (阿卜杜热合曼·买买提艾力) is not.
func noteInName(v string) bool {
	v = cleanName(v)
	if !strings.ContainsFunc(v, isHanLetter) {
		return false
	}
	return strings.ContainsAny(v, notePunct) || noteDate.MatchString(v) || hasPrefixAny(v, notePrefixes) ||
		slices.ContainsFunc(strings.Split(v, "·"), func(part string) bool { return utf8.RuneCountInString(part) > maxNameRunes })
}

// noteCell returns the column of a row that holds a note instead of a
// person's 姓名 or ID (noteInName): the 姓名 of a row without an ID, or the
// ID of a row without a 姓名. Staff type 说明：邹香已于…去世 in whatever
// column is at hand; the row is held as a person all the same (id_missing,
// name_missing), and the note is read as one below the table would be.
func noteCell(get func(Field) string) (Field, bool) {
	name, id := get(FieldName), get(FieldID)
	switch {
	case noPerson(id) && noteInName(name):
		return FieldName, true
	case noPerson(name) && noteInName(id):
		return FieldID, true
	}
	return FieldNone, false
}

// keepNote keeps the text of a row skipped as no person's (code is its
// notice) for holdNamedInNotes, when it has a 汉字 at all: a row of 序号
// alone says nothing.
func (r *reader) keepNote(loc domain.Location, code string, cells []string) {
	var parts []string
	for _, c := range cells {
		if c = clean(c); c != "" {
			parts = append(parts, c)
		}
	}
	text := strings.Join(parts, " ")
	if strings.ContainsFunc(text, isHanLetter) {
		r.notes = append(r.notes, note{loc: loc, code: code, text: text})
	}
}

// maxNoteShown is how many characters of a note a message quotes.
const maxNoteShown = 100

// holdNamedInNotes holds the rows of the people the workbook's note rows
// say died or stopped (CodeNoteStop), and adds to each such note's notice
// whom it held, or that it named nobody listed; for a note in a row read as
// a person, to the row's finding at the note's cell whom it held, the row
// itself never held by it. A death said of a row that
// gives a 死亡日期 agrees with it, and the date decides, as for a comment.
// The notes of sheets not read (sheet_month_other) are not read either.
func (r *reader) holdNamedInNotes() {
	if len(r.notes) == 0 {
		return
	}
	var people *listedPeople
	notices := map[note]int{}
	for i, f := range r.wb.Notices {
		notices[note{loc: domain.Location{Sheet: f.Where.Sheet, Row: f.Where.Row}, code: f.Code}] = i
	}
	noteRows := map[domain.Location]*Entry{} // the rows read as people whose 姓名 or ID is a note
	for i := range r.wb.Entries {
		if e := &r.wb.Entries[i]; e.note {
			noteRows[domain.Location{Sheet: e.Person.Source.Sheet, Row: e.Person.Source.Row}] = e
		}
	}
	for _, n := range r.notes {
		at := domain.Location{Sheet: n.loc.Sheet, Row: n.loc.Row}
		var told *domain.Finding // the notice, or the row's finding, that says whom the note held
		self := noteRows[at]
		if n.code == "" {
			if self == nil {
				continue // its sheet was set aside
			}
			told = self.noteFinding(n.col)
		} else if i, ok := notices[note{loc: at, code: n.code}]; ok {
			told = &r.wb.Notices[i]
		} else {
			continue // its sheet was set aside
		}
		if people == nil {
			people = r.listedPeople()
		}
		stmts, speaks := people.said(n, r.month)
		var held, dated []string
		seen := map[*Entry]bool{self: true}
		for _, s := range stmts {
			for _, m := range s.who {
				for _, e := range m.who {
					if seen[e] {
						continue
					}
					seen[e] = true
					who := fmt.Sprintf("%s（%s）", e.Person.Name, rowOf(e.Person.Source, n.loc.Sheet))
					if s.death && (!s.stop || s.forDeath) && !e.Person.Death.IsZero() {
						dated = append(dated, who)
						continue
					}
					e.holdForNote(n, m, s.death, s.death && (!s.stop || s.forDeath))
					held = append(held, who)
				}
			}
		}
		and := "；"
		if n.code == "" {
			and = "；此格读作说明，"
		}
		below, paid := r.headed[at], r.headedDated[at]
		if len(below) > 0 && told != nil {
			told.Message += and + "其下的人员据此未发放：" + strings.Join(below, "、")
		}
		if len(paid) > 0 && told != nil {
			told.Message += and + "其下已填死亡日期的人员按死亡日期发放（死亡当月仍发放）：" + strings.Join(paid, "、")
		}
		if len(below)+len(paid) > 0 && len(held) == 0 && len(dated) == 0 {
			continue // it headed rows, held or paid to their death: not "named nobody"
		}
		switch {
		case told == nil:
		case len(held) > 0:
			told.Message += and + "据此暂缓发放：" + strings.Join(held, "、")
		case len(dated) > 0:
			told.Message += and + "说到的" + strings.Join(dated, "、") + "已填写死亡日期，按死亡日期发放（死亡当月仍发放）"
		case speaks && n.code != "":
			// Not said on a row read as a person: it may be the person's
			// own row, whose ID is missing.
			told.Message += "；此行说到去世或停发，但其中没有与本工作簿中人员的姓名、身份证号或序号相符的人，未暂缓任何人：请核对说的是谁，如是表中人员，请处理该行（删除，或填写死亡日期）"
		}
	}
	r.notes = nil
}

// noteFinding returns the finding of e at column col (the cell of its
// note), else its first: where the row says whom its note held. nil when
// e has no finding.
func (e *Entry) noteFinding(col string) *domain.Finding {
	for i := range e.Findings {
		if e.Findings[i].Where.Column == col {
			return &e.Findings[i]
		}
	}
	if len(e.Findings) > 0 {
		return &e.Findings[0]
	}
	return nil
}

// rowOf names row at as a message does for a reader on sheet: 第5行, or
// 工作表「东街」第5行 on another sheet.
func rowOf(at domain.Location, sheet string) string {
	if at.Sheet != sheet {
		return fmt.Sprintf("工作表「%s」第%d行", at.Sheet, at.Row)
	}
	return fmt.Sprintf("第%d行", at.Row)
}

// holdForNote holds e for note n, which names it as m says and says it
// died (death) or stopped; undated, for the death alone (CodeNoteDeath:
// the date decides).
func (e *Entry) holdForNote(n note, m *mention, death, undated bool) {
	what := "停发或已迁出"
	fix := "如应停发，请删除本行"
	code := CodeNoteStop
	switch {
	case undated:
		what, code = "已去世", CodeNoteDeath
		fix = "请在「死亡日期」列填写死亡日期，不要删除本行（死亡当月仍发放：填写后该月随以后月份补发给遗属，删除本行则无人补发）"
	case death:
		what = "已去世"
		fix = "如已去世，请删除本行，或在「死亡日期」列填写死亡日期（死亡当月仍发放）"
	}
	msg := fmt.Sprintf("%s的说明「%s」写到%s%s，本行暂缓发放（说明不在本行，核对本行时容易看漏）：%s；如说的不是此人，或本月应当发放，请改正或删去该说明后重新报送",
		rowOf(n.loc, e.Person.Source.Sheet), quoteUpTo(n.text, maxNoteShown), m.as, what, fix)
	f := m.by
	if e.cols == nil || e.cols[f] < 0 {
		f = FieldNone
	}
	e.add(domain.Held, e.cols, f, code, msg)
}

// stopSaid reports a text that stops the senior's payment as a 备注 would
// (readStopIn), and still does without the clauses that only suppose (如有
// 死亡请停发) or instruct (statedOnly).
func stopSaid(text string, m domain.Month) bool {
	return readStopIn(text, m).stop && readStopIn(statedOnly(readable(text)), m).stop
}

// listedPeople are the people of a workbook a note may name: by 姓名 (of
// at least two characters), by ID, and by 序号 on each sheet.
type listedPeople struct {
	byName  map[string][]*Entry
	longest int // runes of the longest name
	byID    map[string][]*Entry
	bySeq   map[[2]string][]*Entry // sheet and 序号
}

// listedPeople indexes the entries of the workbook read.
func (r *reader) listedPeople() *listedPeople {
	l := &listedPeople{byName: map[string][]*Entry{}, byID: map[string][]*Entry{}, bySeq: map[[2]string][]*Entry{}}
	for i := range r.wb.Entries {
		e := &r.wb.Entries[i]
		if e.note {
			continue // 备注李四本月起停发 under 姓名 names 李四, not itself
		}
		if name := e.Person.Name; utf8.RuneCountInString(name) >= 2 && plainName(name) {
			l.byName[name] = append(l.byName[name], e)
			l.longest = max(l.longest, utf8.RuneCountInString(name))
		}
		for _, id := range []string{e.Person.ID, idnumber.Normalize(e.RawID)} {
			if len(id) == 18 && !slices.Contains(l.byID[id], e) {
				l.byID[id] = append(l.byID[id], e)
			}
		}
		if e.seq != "" {
			k := [2]string{e.Person.Source.Sheet, e.seq}
			l.bySeq[k] = append(l.bySeq[k], e)
		}
	}
	return l
}

// mention is where a note names listed people: bytes [start, end) of its
// text, the entries named, by which column (FieldName, FieldID, FieldSeq)
// and as the message quotes it (「邹香」).
type mention struct {
	start, end int
	who        []*Entry
	by         Field
	as         string
}

// statement is what a note says of the people of its mentions: whether
// they died, and whether their payment stops.
type statement struct {
	who         []*mention
	death, stop bool
	forDeath    bool // the stop is the death's (stopForDeath): a 死亡日期 decides
}

// idInText finds 18-character IDs in a note, not inside a longer number.
var idInText = regexp.MustCompile(`(?:^|[^0-9])([0-9]{17}[0-9Xx])(?:$|[^0-9])`)

// seqList is one 序号 or several, listed or as a range: 3, 1、2, 2，4,
// 1号、3号, 1-2, 1至3. A comma lists numbers only without 号 between: 3号，
// 5号已去世 is two clauses (本月新增3号，5号已去世).
const seqList = `[0-9]{1,4}(?:(?:\s*号\s*(?:[、和及与]|以及|[-—－~～至到])|\s*(?:[、,，和及与]|以及|[-—－~～至到]))\s*[0-9]{1,4})*`

// seqInText finds the 序号 of a note: 3号, 序号3, 序号为3, and several at
// once, 第1、2号, 1号、3号, 序号1-2, 1至3号 (seqNumbers).
var seqInText = regexp.MustCompile(`序号\s*[:为是]?\s*(` + seqList + `)(?:\s*号)?|(` + seqList + `)\s*号`)

// seqRange are the words of a range of 序号 (1-3, 1至3).
const seqRange = "-—－~～至到"

// maxSeqRange is the most 序号 a range is read as naming: 1-500号 is no
// list of the dead.
const maxSeqRange = 100

// digitRuns are the numbers of a text.
var digitRuns = regexp.MustCompile(`[0-9]+`)

// seqNumbers returns the 序号 a list of them (seqList) names, each number
// and each of a range (1-3 gives 1, 2 and 3), as written; false for a
// range that runs down or too far (10-3号, a date's 2026-10-3号).
func seqNumbers(list string) ([]string, bool) {
	nums := digitRuns.FindAllStringIndex(list, -1)
	var out []string
	for i, loc := range nums {
		n := list[loc[0]:loc[1]]
		if i > 0 && strings.ContainsAny(strings.Trim(list[nums[i-1][1]:loc[0]], " 号"), seqRange) {
			from, _ := strconv.Atoi(list[nums[i-1][0]:nums[i-1][1]])
			to, _ := strconv.Atoi(n)
			if to < from || to-from > maxSeqRange {
				return nil, false
			}
			for k := from + 1; k < to; k++ {
				out = append(out, strconv.Itoa(k))
			}
		}
		out = append(out, n)
	}
	return out, true
}

// notSeqBefore and notSeqAfter are the characters around N号 that make it
// something else: a day (10月3号, 2026.10.3号, 于3号), a document's number
// (第3号, though 第1、2号 lists rows), an address (凤台街1-3号, 泽州路12号,
// 5号楼3号), a building, room or bed (3号楼, 5号院).
const (
	notSeqBefore = "年月日.-/第于街路巷弄道村院楼栋号"
	notSeqAfter  = "楼院房室门栋床线路街巷弄组区车口机位箱"
)

// seqFollowers may follow a 序号 besides nameFollowers: 序号1-2人员已死亡,
// 3号人已去世.
const seqFollowers = "人名"

// nameFollowers are the characters that may follow a name in a note: what
// is said of the person (已, 于, 去世, 停发, 户口迁出), a title (老人, 同志,
// 女士), a relative (老伴, 之女: read as someone else), a list (、, 和, 等).
// A listed name followed by another letter is taken for part of a longer
// name that is not listed (王秀 in 王秀兰), and names nobody.
var nameFollowers = func() map[rune]bool {
	out := map[rune]bool{}
	for _, r := range "已于因在去老同女先大奶爷婆阿户本家之的等及和与系是为今迁搬停暂上当次下现目无不未也均都一二三四五六七八九十两" +
		"儿子妻夫丈爱配父母孙兄姐妹弟哥媳婿亲病逝故亡死殁身过离辞火走没往丧注销减核删作失服外转拒放退终冻取经确近突意即" {
		out[r] = true
	}
	return out
}()

// kinAfterName are what, right after a name (的 first, if any), make the
// clause about the person's relative: 王秀英老伴已去世, 王秀英之女, 王秀英的
// 儿子. Not 家属 or 家人, who report the person's own death (家属称已去世).
var kinAfterName = slices.Concat(family, []string{"儿女", "孩子", "外孙", "侄子", "侄女", "之女", "之子", "之妻", "之夫", "之父", "之母", "之孙"})

// mentions returns where note n names listed people: IDs first, then the
// longest listed 姓名 at each place, then 序号 on n's sheet.
func (l *listedPeople) mentions(n note) []*mention {
	text := n.text
	var out []*mention
	taken := func(a, b int) bool {
		return slices.ContainsFunc(out, func(m *mention) bool { return a < m.end && m.start < b })
	}
	for _, loc := range idInText.FindAllStringSubmatchIndex(text, -1) {
		id := idnumber.Normalize(text[loc[2]:loc[3]])
		if who := l.byID[id]; len(who) > 0 {
			out = append(out, &mention{start: loc[2], end: loc[3], who: who, by: FieldID, as: "身份证号「" + text[loc[2]:loc[3]] + "」"})
		}
	}
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		if taken(i, i+size) {
			i += size
			continue
		}
		end := i + size
		found := -1
		for runes := 1; runes <= l.longest && end <= len(text); runes++ {
			if _, ok := l.byName[text[i:end]]; ok && runes >= 2 && !taken(i, end) {
				found = end
			}
			if end == len(text) {
				break
			}
			_, s := utf8.DecodeRuneInString(text[end:])
			end += s
		}
		if found < 0 {
			i += size
			continue
		}
		rest := text[found:]
		next, _ := utf8.DecodeRuneInString(rest)
		if rest != "" && isHanLetter(next) && !nameFollowers[next] {
			i += size // 王秀 in 王秀兰: part of a name not listed
			continue
		}
		if !hasPrefixAny(strings.TrimPrefix(rest, "的"), kinAfterName) {
			out = append(out, &mention{start: i, end: found, who: l.sameSheetFirst(l.byName[text[i:found]], n.loc.Sheet), by: FieldName, as: "「" + text[i:found] + "」"})
		}
		i = found
	}
	for _, loc := range seqInText.FindAllStringSubmatchIndex(text, -1) {
		digits := [2]int{loc[2], loc[3]}
		list := digits[0] < 0
		if list {
			digits = [2]int{loc[4], loc[5]}
		}
		written := strings.TrimSpace(text[digits[0]:digits[1]])
		seqs, ok := seqNumbers(written)
		if len(l.bySeq[[2]string{n.loc.Sheet, written}]) > 0 {
			seqs, ok = []string{written}, true // a 序号 written 1-2 or 3-1 on the roster
		}
		if !ok {
			continue
		}
		if list {
			before := []rune(text[:digits[0]])
			if len(before) > 0 && (strings.ContainsRune(notSeqBefore, before[len(before)-1]) && (before[len(before)-1] != '第' || len(seqs) < 2) ||
				unicode.IsDigit(before[len(before)-1])) {
				continue // 10月3号, 于3号; 第3号 (a document's number), though 第1、2号 lists rows
			}
			if first, _, ok := strings.Cut(written, "、"); ok && len(seqs) > 1 && numbersStatements(text, digits[0], first) {
				seqs = seqs[1:] // 1、3号已去世；2、5号迁出: 1、 numbers the statement
			}
		}
		if taken(loc[0], loc[1]) || afterName(text, out, loc[0]) {
			continue
		}
		rest := text[loc[1]:]
		next, _ := utf8.DecodeRuneInString(rest)
		if strings.ContainsRune(notSeqAfter, next) {
			continue
		}
		if isHanLetter(next) && !nameFollowers[next] && !strings.ContainsRune(seqFollowers, next) && !slices.ContainsFunc(out, func(m *mention) bool { return m.start == loc[1] }) {
			continue // 3号王秀兰, a name not listed: which person is meant is not known
		}
		if slices.ContainsFunc(out, func(m *mention) bool { return m.start == loc[1] && m.by == FieldName }) {
			continue // 3号王秀英: the name decides
		}
		var who []*Entry
		for _, seq := range seqs {
			for _, e := range l.bySeq[[2]string{n.loc.Sheet, seq}] {
				if !slices.Contains(who, e) {
					who = append(who, e)
				}
			}
		}
		if len(who) > 0 {
			out = append(out, &mention{start: loc[0], end: loc[1], who: who, by: FieldSeq, as: "序号「" + strings.TrimSpace(text[loc[0]:loc[1]]) + "」"})
		}
	}
	slices.SortFunc(out, func(a, b *mention) int { return a.start - b.start })
	return out
}

// enumerator is a number and 、, as statements of a note are numbered
// (1、3号已去世；2、5号迁出本区).
var enumerator = regexp.MustCompile(`([0-9]{1,2})\s*、`)

// numbersStatements reports whether first, a number before 、 at byte at
// of text, numbers a statement of the note rather than begins a list of
// 序号: it starts a statement (the text, or after a label's colon, the end
// of a sentence or a space between cells), and so does the number before
// or after it (1、3号已去世；2、5号迁出). Alone (1、2号已去世) it is a list.
func numbersStatements(text string, at int, first string) bool {
	k, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil || !statementStart(text[:at]) {
		return false
	}
	for _, m := range enumerator.FindAllStringSubmatchIndex(text, -1) {
		if n, _ := strconv.Atoi(text[m[2]:m[3]]); (n == k-1 || n == k+1) && statementStart(text[:m[0]]) {
			return true
		}
	}
	return false
}

// statementStart reports whether what follows before (the text of a note
// before some place) begins a statement: before is empty or ends with a
// colon, the end of a sentence or a space.
func statementStart(before string) bool {
	r, n := utf8.DecodeLastRuneInString(before)
	return n == 0 || unicode.IsSpace(r) || strings.ContainsRune("：:。；;！!？?", r)
}

// afterName reports a 序号 at byte at of text that follows a name mention
// of ms, with at most spaces or an opening bracket between: 张三（3号）, 张三
// 序号3 are decided by the name, as 3号张三 is, and 张三3号已去世 writes a
// day.
func afterName(text string, ms []*mention, at int) bool {
	return slices.ContainsFunc(ms, func(m *mention) bool {
		return m.by == FieldName && m.end <= at && strings.Trim(text[m.end:at], " \u3000（(") == ""
	})
}

// sameSheetFirst returns, of the entries of one name, those on sheet when
// there are any there (a note speaks of its own table first), else all.
func (l *listedPeople) sameSheetFirst(who []*Entry, sheet string) []*Entry {
	var here []*Entry
	for _, e := range who {
		if e.Person.Source.Sheet == sheet {
			here = append(here, e)
		}
	}
	if len(here) > 0 {
		return here
	}
	return who
}

// placeholder is the rune a mention is written as while a note is split
// (a character of the private use area, one per mention), and subject
// what a statement reads in its place: a person neither negated nor
// supposed (如该人已去世 supposes, as 如已去世 does).
const (
	placeholder = '\U000F0000'
	subject     = "该人"
)

// subjectFirst writes a person named between 取消 and what is cancelled
// before it (取消该人停发 as 该人取消停发), as a 备注 says it: the name
// placed there split 取消停发, a stop taken back, into 取消 and 停发, two
// stops.
var subjectFirst = strings.NewReplacer("取消"+subject+"的", subject+"取消", "取消"+subject, subject+"取消")

// notePiece is a clause of a note: its text as written with the
// separator that ends it, its text without, the mentions in it (indexes)
// and that separator.
type notePiece struct {
	text, body string
	who        []int
	sep        rune
}

// said returns what note n says of the people it names, statement by
// statement (see the comment at the top of this file), a stop read for
// month m, and whether the note as a whole, with the people it names
// written as 该人, speaks of a death or a stop at all (如张三已去世请停发
// supposes; 原刘大已去世 speaks of someone not listed).
func (l *listedPeople) said(n note, m domain.Month) (out []statement, speaks bool) {
	ms := l.mentions(n)
	whole := subjectFirst.Replace(strings.NewReplacer(mentionStrings(n.text, ms)...).Replace(n.text))
	speaks = speaksOfDeath(whole) || stopSaid(whole, m) && !duplicateOnly(whole)
	if len(ms) == 0 || !speaks {
		return nil, speaks
	}
	var b strings.Builder
	at := 0
	for i, mn := range ms {
		b.WriteString(n.text[at:mn.start])
		b.WriteRune(placeholder + rune(i))
		at = mn.end
	}
	b.WriteString(n.text[at:])
	for _, seg := range segments(readable(b.String())) {
		if containsAny(seg.label, signatureWords) {
			continue // 制表人：张三 names who made the table
		}
		for _, g := range seg.groups() {
			if len(g.who) == 0 {
				continue
			}
			var text strings.Builder
			if seg.label != "" {
				text.WriteString(seg.label + ":")
			}
			if !g.said && !g.heading {
				for _, p := range seg.lead {
					text.WriteString(p.text)
				}
			}
			for _, p := range g.pieces {
				text.WriteString(p.text)
			}
			t := subjectFirst.Replace(strings.NewReplacer(placeholderStrings(len(ms))...).Replace(text.String()))
			s := statement{death: speaksOfDeath(t), stop: stopSaid(t, m), forDeath: stopForDeath(t)}
			if !s.death && s.stop && duplicateOnly(t) {
				s.stop = false // 删除：李四（重复）: a second row of the person, who stays
			}
			if !s.death && !s.stop {
				continue
			}
			for _, i := range g.who {
				s.who = append(s.who, ms[i])
			}
			out = append(out, s)
		}
	}
	return out, speaks
}

// duplicateOnly reports a statement that strikes off a duplicate (删除：
// 李四（重复）, 王五重复，删除一行): a second row of a person who stays listed,
// which the program finds by the ID anyway; not 重复享受 or 重复领取, a
// senior paid twice over, which stops them.
func duplicateOnly(text string) bool {
	return strings.Contains(text, "重复") && !containsAny(text, []string{"重复享受", "重复领取"})
}

// mentionStrings returns the pairs that write each mention of ms in text
// as subject, for a strings.Replacer.
func mentionStrings(text string, ms []*mention) []string {
	var out []string
	for _, mn := range ms {
		out = append(out, text[mn.start:mn.end], subject)
	}
	return out
}

// placeholderStrings returns the pairs that write each of n placeholders
// as subject.
func placeholderStrings(n int) []string {
	var out []string
	for i := range n {
		out = append(out, string(placeholder+rune(i)), subject)
	}
	return out
}

// signatureWords in a label say the statement after it names who made,
// checked or signed the table (制表人：张三), not a senior.
var signatureWords = slices.Concat(footerWords, []string{"制表", "填表", "填报", "审核", "审批", "复核", "核对", "负责", "经办", "联系", "领导", "签字", "签名", "签章", "盖章", "统计", "录入", "主任", "书记", "站长", "所长"})

// noteSegment is a statement of a note: its label (说明, 死亡人员: the text
// before a colon), the clauses before the first that names someone (lead)
// and the clauses from it on.
type noteSegment struct {
	label  string
	lead   []notePiece
	pieces []notePiece
}

// segments splits a note (its mentions written as placeholders) into
// statements: at a label's colon and at the end of a sentence.
func segments(text string) []noteSegment {
	var out []noteSegment
	cur := noteSegment{}
	flush := func() {
		if len(cur.lead) > 0 || len(cur.pieces) > 0 || cur.label != "" {
			out = append(out, cur)
		}
		cur = noteSegment{}
	}
	for _, p := range notePieces(text) {
		switch {
		case (p.sep == ':' || p.sep == '：') && len(p.who) == 0:
			flush()
			cur.label = p.body
			continue
		case len(p.who) == 0 && len(cur.pieces) == 0:
			cur.lead = append(cur.lead, p)
		default:
			cur.pieces = append(cur.pieces, p)
		}
		if strings.ContainsRune("。;；!！?？\n", p.sep) {
			flush()
		}
	}
	flush()
	return out
}

// notePieces splits text at punctuation and spaces, as clauses does (not
// at a . or - between digits), keeping each piece's separator.
func notePieces(text string) []notePiece {
	rs := []rune(text)
	digit := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] >= '0' && rs[i] <= '9' }
	var out []notePiece
	start := 0
	cut := func(end int, sep rune, n int) {
		body := string(rs[start:end])
		p := notePiece{text: string(rs[start:min(end+n, len(rs))]), body: body, sep: sep}
		for _, r := range body {
			if r >= placeholder && r < placeholder+0xFFFF {
				p.who = append(p.who, int(r-placeholder))
			}
		}
		if strings.TrimSpace(body) != "" || sep == '。' || sep == ';' || sep == '\n' {
			out = append(out, p)
		}
	}
	for i, r := range rs {
		split := unicode.IsPunct(r) || unicode.IsSpace(r) || r == '\u3000'
		if (r == '.' || r == '-') && digit(i-1) && digit(i+1) {
			split = false
		}
		if split {
			cut(i, r, 1)
			start = i + 1
		}
	}
	if start < len(rs) {
		cut(len(rs), 0, 0)
	}
	return out
}

// noteGroup is what a statement says of some of the people it names: the
// mentions (indexes), the clauses, and whether they say anything besides
// the names (said): names alone, a list, take the lead of the statement
// (以下人员已去世：邹香、王五). A group headed by a tally whose names follow in
// brackets (死亡1人（王五）) has the tally for what is said of them (heading),
// not the lead; names in brackets (bracketed) are a list that the closing
// bracket ends (closed).
type noteGroup struct {
	who                        []int
	pieces                     []notePiece
	said                       bool
	heading, bracketed, closed bool
}

// groups splits a statement's clauses among the people it names: a clause
// naming someone starts what is said of them, unless the clauses so far
// are names alone (a list: they share what follows) or it is names alone
// after a 、 (新增赵六、刘桂兰: they share what was said); a clause naming
// nobody goes with the people before it, unless it has a subject of its
// own (ownSubject, a tally: 死亡0人), which ends what is said of them, or
// it is a tally or a kind of people whose names follow in brackets
// (死亡1人（王五）, 死亡人员（王五）), which starts what is said of them.
func (s noteSegment) groups() []*noteGroup {
	var out []*noteGroup
	opened := len(s.lead) > 0 && opensBracket(s.lead[len(s.lead)-1].sep)
	for _, p := range s.pieces {
		var cur *noteGroup
		if len(out) > 0 {
			cur = out[len(out)-1]
		}
		switch {
		case len(p.who) > 0:
			listed := cur != nil && len(cur.pieces) > 0 && cur.pieces[len(cur.pieces)-1].sep == '、' && !cur.closed && bareNames(p.body)
			if !listed && (cur == nil || cur.said || cur.closed || len(cur.who) == 0 && !cur.heading) {
				cur = &noteGroup{bracketed: cur == nil && opened}
				out = append(out, cur)
			}
			cur.who = append(cur.who, p.who...)
			cur.pieces = append(cur.pieces, p)
			cur.said = cur.said || !bareNames(p.body)
			cur.closed = cur.bracketed && closesBracket(p.sep)
		case opensBracket(p.sep) && (ownSubject(p.body) || tallyAtEnd.MatchString(p.body)):
			// 死亡1人（王五）: the tally is what is said of the names in brackets
			out = append(out, &noteGroup{pieces: []notePiece{p}, heading: true, bracketed: true})
		case cur == nil || len(cur.who) == 0:
		case ownSubject(p.body):
			out = append(out, &noteGroup{said: true}) // about nobody named: ends the group before
		default:
			cur.pieces = append(cur.pieces, p)
			cur.said = cur.said || !bareNames(p.body)
		}
	}
	return out
}

// tallyAtEnd is a count of people that ends a clause: 新增1人, 死亡2名.
var tallyAtEnd = regexp.MustCompile(`[0-9一二两三四五六七八九十]+\s*[个名位]?\s*[人名户]$`)

// opensBracket reports an opening bracket.
func opensBracket(r rune) bool { return r == '（' || r == '(' || r == '[' || r == '【' }

// closesBracket reports a closing bracket.
func closesBracket(r rune) bool { return r == '）' || r == ')' || r == ']' || r == '】' }

// listWords join the names of a list, or stand beside a name as a title;
// with dates and 序号 they say nothing of the person (bareNames).
var listWords = []string{"以及", "还有", "老人", "同志", "女士", "先生", "和", "及", "与", "同", "等", "人", "名", "号", "年", "月", "日"}

// bareNames reports a clause of names alone (placeholders), with dates,
// counts and titles: 邹香、王五; 邹香（10月3日）; 王五等2人.
func bareNames(body string) bool {
	for _, w := range listWords {
		body = strings.ReplaceAll(body, w, "")
	}
	return !strings.ContainsFunc(body, func(r rune) bool {
		return !(r >= placeholder && r < placeholder+0xFFFF) && !unicode.IsDigit(r) && !unicode.IsSpace(r) && !unicode.IsPunct(r)
	})
}

// peopleKinds after a word of a death or a stop make it name a kind of
// people (死亡人员, 停发对象, 已故的), the subject of its clause.
var peopleKinds = slices.Concat(kindAfter, []string{"对象", "名单", "情况"})

// fillerWords say nothing of who a clause is about: times, adverbs, the
// senior as 本人 or 该老人 (a subject that is the person before). What is
// left before a clause's verb without them is a subject of its own.
var fillerWords = []string{"经核实", "经核查", "据核实", "已经", "本月起", "本月", "上月", "当月", "下月", "次月", "今年", "去年", "近日", "日前", "目前",
	"现已", "同时", "一并", "及时", "立即", "予以", "因病", "不幸", "意外", "户口", "户籍", "本人", "该人", "此人", "该老人", "该同志", "老人",
	"请", "予", "已", "于", "在", "因", "病", "现", "均", "都", "也", "即", "需", "须", "应", "从", "自", "起", "年", "月", "日", "号", "其", "该", "此",
	"经", "后", "前", "时", "并", "且", "又", "再", "将", "要", "人"}

// verbStarts are the words a clause's verb of a death, a stop or a move
// begins with.
var verbStarts = slices.Concat(deathWords, bareDeaths, stopWords, []string{"迁", "搬", "转"})

// ownSubject reports a clause naming nobody listed that is about someone
// or something of its own: a kind of people (死亡人员已删除, 已故的), a
// tally of people (死亡0人, 减少2人), or a subject before its verb other
// than times and words for the senior (原李四已去世, 其老伴已去世; not
// 于10月3日去世, 本月起停发, 请停发).
func ownSubject(body string) bool {
	first := -1
	for _, w := range verbStarts {
		for at := range occurrences(body, w) {
			if hasPrefixAny(body[at+len(w):], peopleKinds) || countOfPeople.MatchString(body[at+len(w):]) {
				return true // 死亡人员已删除; 死亡0人, a tally
			}
			if first < 0 || at < first {
				first = at
			}
			break
		}
	}
	if first < 0 {
		return false
	}
	before := body[:first]
	for _, w := range fillerWords {
		before = strings.ReplaceAll(before, w, "")
	}
	return strings.ContainsFunc(before, isHanLetter)
}
