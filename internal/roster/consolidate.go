package roster

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"disburse/internal/domain"
	"disburse/internal/idnumber"
)

// Consolidate merges the entries of every workbook of a run into the people
// to pay in month, in payment order (file name, then sheet, then row), and
// the findings about them. workbooks may come in any order.
//
// The agencies' status lists among the workbooks (低保名册, 残疾人名册,
// 死亡名单, 能力评估结果) are the authority for their field: valid for the
// month, they fill an empty roster column, confirm an equal one, and hold a
// roster row that disagrees, naming both sources (status_conflict). People
// on the death list but on no roster are reported.
//
// The same ID on several rows, in one file or across files:
//   - if the rows agree on 姓名 and on the meaning of every column that
//     decides or receives a payment (低保类别, 特困类别, 经济困难, 自理能力,
//     残疾等级, 残疾类别, 户号, 银行账号, 死亡日期; empty and 否 mean the same),
//     the first is paid and each other gets a notice;
//   - if they disagree, every copy is held (duplicate_conflict), at the
//     first column its row disagrees on (firstDiffering);
//   - if any copy is held for its own reason, the other copies are held too
//     (duplicate_held), since which row is right cannot be known;
//   - but first, a row whose 备注 says the senior moved within the district
//     to the street of another copy (停发（迁至西街街道） on 东街's roster, the
//     person listed on 西街's) steps aside for it: that row is not paid nor
//     held, gets a notice (remark_moved_within), and the other copies are
//     judged without it. A row held for anything but its 备注's stop, or
//     with a 死亡日期, does not step aside.
//
// The same 银行账号 on rows of different IDs holds every such row
// (account_shared), at its 银行账号 column: the bank credits an account only
// to its holder's name, so at least one of them would be paid into someone
// else's account. Rows of one ID sharing an account are the same person,
// an empty account is no one's, and a row whose 死亡日期 is before the
// month is paid nothing this month and claims no account (a widow is not
// held for the row of her husband, dead since August, that still gives
// it). 户号 is not checked: one household shares one electricity account.
// A training row whose 银行账号 a roster row gives for another ID is held
// the same way (holdTrainingAccounts).
//
// The returned findings are the held findings of every entry plus the
// duplicate findings, in payment order.
//
// Consolidate takes the workbooks' rows: each workbook's Entries is nil
// when it returns (what the rows give is in the Result), so that a
// province's rows as read are not held beside the people built from them.
// Its Trainings, Statuses and Notices stay.
func Consolidate(workbooks []*Workbook, month domain.Month) Result {
	wbs := append([]*Workbook(nil), workbooks...)
	sort.SliceStable(wbs, func(i, j int) bool { return wbs[i].Name < wbs[j].Name })
	var all []*Entry
	for _, wb := range wbs {
		for i := range wb.Entries {
			all = append(all, &wb.Entries[i])
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.Person.Source.File != b.Person.Source.File {
			return a.Person.Source.File < b.Person.Source.File
		}
		if a.sheetIdx != b.sheetIdx {
			return a.sheetIdx < b.sheetIdx
		}
		return a.Person.Source.Row < b.Person.Source.Row
	})
	all, hiddenCopies := setAsideHiddenCopies(all)

	var statuses []Status
	for _, wb := range wbs {
		statuses = append(statuses, wb.Statuses...)
	}
	statusNotices := applyStatuses(all, statuses, month)
	onLists := map[string]bool{}
	for _, s := range statuses {
		if s.ID != "" && s.DeathUnread == "" && s.validIn(month) {
			onLists[s.ID] = true
		}
	}

	byID := make(map[string][]*Entry, len(all))
	for _, e := range all {
		if e.Person.ID != "" {
			byID[e.Person.ID] = append(byID[e.Person.ID], e)
		}
	}
	notices := map[*Entry]domain.Finding{}
	for _, group := range byID {
		if len(group) > 1 {
			group = stepAside(group, notices)
		}
		if len(group) > 1 {
			judgeDuplicates(group, notices)
		}
	}
	meterNumbersKnown(all)
	holdSharedAccounts(all, notices, month)
	tellAccountsOfTheDead(all, month)
	holdTrainingAccounts(all, wbs, month)

	// People never grows past len(all), so a listing may point into it.
	res := Result{People: make([]domain.Person, 0, len(all)), SheetsPaidElsewhere: sheetsPaidElsewhere(all, notices)}
	res.Findings = append(append(res.Findings, statusNotices...), hiddenCopies...)
	listed := make(map[string]int, len(all)) // ID -> index in res.Listings
	// A workbook's rows as read are let go as soon as the loop has passed
	// its last (all is in file order): the rows of a province's month (450
	// MiB) were held beside the people built from them to the end.
	byName := make(map[string]*Workbook, len(wbs))
	for _, wb := range wbs {
		byName[wb.Name] = wb
	}
	for k, e := range all {
		all[k] = nil
		if file := e.Person.Source.File; k+1 == len(all) || all[k+1].Person.Source.File != file {
			if wb := byName[file]; wb != nil {
				wb.Entries = nil
			}
		}
		if e.Alive && e.Person.ID != "" {
			if res.SaidAlive == nil {
				res.SaidAlive = map[string]bool{}
			}
			res.SaidAlive[e.Person.ID] = true
		}
		n, paidOnce := notices[e]
		delete(notices, e) // nothing else points at e's workbook once passed
		if paidOnce {
			// a copy another row pays (duplicate_identical, a row of the
			// street moved from): it says so, and is not paid here
			from := len(res.Findings)
			res.Findings = append(append(res.Findings, paidElsewhere(e.Findings)...), n)
			ofStreet(res.Findings[from:], e.Person.Street)
			continue
		}
		from := len(res.Findings)
		res.Findings = append(res.Findings, e.Findings...)
		ofStreet(res.Findings[from:], e.Person.Street)
		var p *domain.Person
		if !e.Held {
			res.People = append(res.People, e.Person)
			p = &res.People[len(res.People)-1]
		}
		if e.Person.ID == "" {
			continue
		}
		i, seen := listed[e.Person.ID]
		if !seen {
			if p == nil {
				held := e.Person
				p = &held
			}
			listed[e.Person.ID] = len(res.Listings)
			res.Listings = append(res.Listings, domain.Listing{Person: p, Held: e.Held})
			i = len(res.Listings) - 1
		} else if l := &res.Listings[i]; l.Held && e.Held {
			l.Person.Death = earlierDeath(l.Person.Death, e)
			res.HeldCopies = append(res.HeldCopies, e.Person)
		}
		for _, f := range e.Findings {
			if f.Severity != domain.Held {
				continue
			}
			if !slices.Contains(res.Listings[i].Codes, f.Code) {
				res.Listings[i].Codes = append(res.Listings[i].Codes, f.Code)
			}
			res.Listings[i].StatusDoubted = res.Listings[i].StatusDoubted || doubtsStatuses(f)
		}
	}
	res.DeadOffRoster = deadOffRoster(statuses, listed, month)
	res.OnLists = onLists
	for _, wb := range wbs {
		for _, te := range wb.Trainings {
			res.Findings = append(res.Findings, te.Findings...)
			if !te.Held {
				res.Trainings = append(res.Trainings, te.Training)
			}
		}
	}
	showInvisible(res.Findings) // again: the findings made since the rosters were read quote cells too
	return res
}

// ofStreet gives the findings of one row the row's street (domain.Finding's
// Street), so that its street's copy lists the row held even when its ID
// cannot be read.
func ofStreet(fs []domain.Finding, street string) {
	for i := range fs {
		fs[i].Street = street
	}
}

// earlierDeath returns the earlier of death, the 死亡日期 a listing of
// held rows has so far, and the one row e gives: copies held for
// disagreeing (one row giving a date, its copy none, or two dates) list the
// person as dead, on the earlier date, as the README's recoveries read two
// dates one month gave. The date of a row held for also saying 健在
// (death_and_alive) is no word of a death and is passed over. Without it
// the listing was the first copy's, and a date on a later copy was lost:
// the next month paid the dead again and recovered nothing.
func earlierDeath(death time.Time, e *Entry) time.Time {
	d := e.Person.Death
	if d.IsZero() || e.holdsFor("death_and_alive") || !death.IsZero() && !d.Before(death) {
		return death
	}
	return d
}

// Result is what Consolidate returns: the people to pay in payment order,
// every finding about rows, one Listing per valid ID found on the rosters
// (held or not), in payment order, and the readable rows of training rosters
// in file then row order (their held rows' findings are in Findings).
type Result struct {
	People    []domain.Person
	Findings  []domain.Finding
	Listings  []domain.Listing
	Trainings []domain.Training
	// DeadOffRoster are the people a death list valid this month names
	// (死亡名单) who are on no roster: ID, 姓名 and 死亡日期 only, for the
	// recoveries of what approved months paid after the death. They have a
	// notice (death_not_on_roster) among Findings.
	DeadOffRoster []domain.Person
	// OnLists holds the IDs that an agency's list valid this month names
	// (低保, 残联, 死亡, 评估): a row it did not hold was confirmed or
	// filled by it (correction.Input.OnLists).
	OnLists map[string]bool
	// SaidAlive holds the IDs a row of the month, held or not, says 健在
	// (备注): no death on record is recovered on while a row says so, whatever
	// else holds it (cli's deadHeld).
	SaidAlive map[string]bool
	// HeldCopies are, for a person every row of whom is held (rows of one
	// ID that disagree, duplicate_conflict; a copy of a held row), each
	// row after the first, as its row gives it: the Listing has the
	// first's. What each row's month loses for good is told on that row
	// (cli's heldNotPaidBack), each street reading its own. Few: copies of
	// held rows only.
	HeldCopies []domain.Person
	// SheetsPaidElsewhere holds, by file and sheet, the roster sheets
	// none of whose people is paid from them: each row a copy of a row of
	// another sheet, which pays (duplicate_identical; a workbook's 护理补贴
	// sheet of 姓名, 身份证号码 and 自理能力 beside the full sheet). What
	// columns such a sheet lacks decides nothing (MissingColumnCode).
	SheetsPaidElsewhere map[[2]string]bool
}

// sheetsPaidElsewhere returns Result.SheetsPaidElsewhere of the month's
// entries all, given the notices of the copies judgeDuplicates paid once;
// a copy of a row held (duplicate_held) or held with it for a disagreement
// (duplicate_conflict) counts as one paid elsewhere.
func sheetsPaidElsewhere(all []*Entry, notices map[*Entry]domain.Finding) map[[2]string]bool {
	rows, copies := map[[2]string]int{}, map[[2]string]int{}
	for _, e := range all {
		k := [2]string{e.Person.Source.File, e.Person.Source.Sheet}
		rows[k]++
		// A copy of a row held there, or one that disagrees with it: paid
		// from one row once corrected, and nobody from this sheet now.
		copied := e.holdsFor("duplicate_held") || e.holdsFor("duplicate_conflict")
		if n, ok := notices[e]; ok && n.Code == "duplicate_identical" || copied {
			copies[k]++
		}
	}
	out := map[[2]string]bool{}
	for k, n := range copies {
		if n == rows[k] {
			out[k] = true
		}
	}
	return out
}

// DeadOffRosterOf returns the people a recorded month's findings say its
// death lists named while they were on no roster: the notices
// death_not_on_roster, whose AsWritten is the ID and whose message gives
// the 死亡日期. It is Result.DeadOffRoster read back from the findings a
// run recorded (Source gives the list's file only), for the change lists
// of a recorded month.
func DeadOffRosterOf(findings []domain.Finding) []domain.Person {
	return datedDeaths(findings, "death_not_on_roster", reDeathDate, 1, 0)
}

// datedDeaths reads back the people of the findings of code whose message
// re matches: the ID from AsWritten, the name, the 死亡日期 that re's
// submatch date gives as Death, and the file its submatch file gives as
// Source.File (0: the finding's own file). Findings that do not match are skipped.
func datedDeaths(findings []domain.Finding, code string, re *regexp.Regexp, date, file int) []domain.Person {
	var out []domain.Person
	for _, f := range findings {
		if f.Code != code {
			continue
		}
		id := idnumber.Of(f.AsWritten)
		m := re.FindStringSubmatch(f.Message)
		if id == "" || m == nil {
			continue
		}
		d, err := time.Parse(time.DateOnly, m[date])
		if err != nil {
			continue
		}
		p := domain.Person{ID: id, Name: f.Name, Death: d, Source: domain.Location{File: f.Where.File}}
		if file > 0 {
			p.Source.File = m[file]
		}
		out = append(out, p)
	}
	return out
}

// deathNotOnRosterMessage is the message of death_not_on_roster for a
// death on death; DeadOffRosterOf reads the date back with reDeathDate.
func deathNotOnRosterMessage(death time.Time) string {
	return "死亡名单中的此人（死亡日期" + death.Format(time.DateOnly) + "）不在本月任何花名册上，本月不发放；以前已审批月份在其死亡后的发放已列入追回清单（如有）"
}

// reDeathDate finds the 死亡日期 in deathNotOnRosterMessage.
var reDeathDate = regexp.MustCompile(`死亡日期(\d{4}-\d{2}-\d{2})`)

// deadOffRoster returns the people of the death lists among statuses, valid
// in month, whose ID is not among listed, once each, in the lists' order.
func deadOffRoster(statuses []Status, listed map[string]int, month domain.Month) []domain.Person {
	var out []domain.Person
	seen := map[string]bool{}
	for _, s := range statuses {
		if _, ok := listed[s.ID]; ok || s.Kind != StatusDeath || !s.validIn(month) || s.ID == "" || s.Death.IsZero() || seen[s.ID] {
			continue
		}
		seen[s.ID] = true
		out = append(out, domain.Person{ID: s.ID, Name: s.Name, Death: s.Death, Source: s.Source})
	}
	return out
}

// setAsideHiddenCopies removes from all (in payment order) the rows of
// hidden roster sheets (holdHiddenSheet) whose ID a visible row of the
// month gives: that row is paid, and the hidden copy, often a whole old
// roster kept out of sight, neither holds it as a duplicate nor is listed.
// It returns the rest, and a notice for each sheet that had such copies,
// with their number.
func setAsideHiddenCopies(all []*Entry) ([]*Entry, []domain.Finding) {
	if !slices.ContainsFunc(all, func(e *Entry) bool { return e.hiddenSheet }) {
		return all, nil // nearly every month: no map of a million IDs built
	}
	visible := map[string]bool{}
	for _, e := range all {
		if !e.hiddenSheet && e.Person.ID != "" {
			visible[e.Person.ID] = true
		}
	}
	type sheet struct{ file, name string }
	aside := map[sheet]int{}
	var order []sheet
	all = slices.DeleteFunc(all, func(e *Entry) bool {
		if !e.hiddenSheet || !visible[e.Person.ID] {
			return false
		}
		k := sheet{e.Person.Source.File, e.Person.Source.Sheet}
		if aside[k] == 0 {
			order = append(order, k)
		}
		aside[k]++
		return true
	})
	var out []domain.Finding
	for _, k := range order {
		out = append(out, domain.Finding{Severity: domain.Notice, Code: "sheet_hidden_copies", Where: domain.Location{File: k.file, Sheet: k.name},
			Message: fmt.Sprintf("隐藏的工作表「%s」中有%d人在本月可见的花名册行中也有，按可见的行发放，隐藏表中的这些行未采用；隐藏表中其余的人暂缓发放（sheet_hidden）", k.name, aside[k])})
	}
	return all, out
}

// judgeDuplicates decides a group of entries with the same ID (in payment
// order): it holds them all (adding findings to the entries) or records a
// notice for every copy after the first.
func judgeDuplicates(group []*Entry, notices map[*Entry]domain.Finding) {
	first := group[0]
	var heldAt []string
	stopped := true // every row held is stopped by staff's word (a stop list, a 备注), not for an error
	for _, e := range group {
		if e.Held {
			heldAt = append(heldAt, where(e))
			stopped = stopped && slices.ContainsFunc(e.Findings, func(f domain.Finding) bool { return f.Severity == domain.Held && domain.StopCode(f.Code) }) &&
				!slices.ContainsFunc(e.Findings, func(f domain.Finding) bool { return f.Severity == domain.Held && !domain.StopCode(f.Code) })
		}
	}
	if len(heldAt) > 0 {
		msg := "同一身份证号在" + strings.Join(heldAt, "、") + "的行有错误被暂缓，为免发错，本行一并暂缓；请更正那一行后重新报送"
		if stopped {
			// A 停发人员 sheet beside the roster: nothing to correct there.
			msg = "同一身份证号在" + strings.Join(heldAt, "、") + "列为停发或死亡（不予发放），本行一并不发；如确应停发，请从本表删除本行；如应当发放，请删除那一行的停发标记后重新报送"
		}
		for _, e := range group {
			if !e.Held {
				holdEntry(e, "duplicate_held", msg)
			}
		}
		return
	}
	var diffs []string
	var gaps []Field // fields that differ only where a row's sheet gives nothing for them
	for i, a := range group {
		for _, b := range group[i+1:] {
			for _, f := range differences(&a.Person, &b.Person) {
				if unknownOn(a, f) || unknownOn(b, f) {
					if !slices.Contains(gaps, f) {
						gaps = append(gaps, f)
					}
				} else if d := f.Header(); !slices.Contains(diffs, d) {
					diffs = append(diffs, d)
				}
			}
		}
	}
	full := slices.IndexFunc(group, func(e *Entry) bool {
		return !slices.ContainsFunc(gaps, func(f Field) bool { return unknownOn(e, f) })
	})
	split := len(diffs) == 0 && full < 0 // no row gives every value: none can be paid as the person
	if split {
		for _, f := range gaps {
			diffs = append(diffs, f.Header())
		}
	}
	if len(diffs) > 0 {
		var places []string
		for _, e := range group {
			places = append(places, where(e))
		}
		for _, e := range group {
			msg := fmt.Sprintf("同一身份证号出现在%s，且%s不一致，全部暂缓；请核实后只保留一行", strings.Join(places, "、"), strings.Join(diffs, "、"))
			if split {
				msg = fmt.Sprintf("同一身份证号出现在%s，%s分别只在其中一些行填写，没有一行填全，全部暂缓；请把它们填入同一行，只保留那一行", strings.Join(places, "、"), strings.Join(diffs, "、"))
			}
			holdEntry(e, "duplicate_conflict", msg)
			if f := firstDiffering(e, group); f != FieldNone { // placed at the first cell to check
				w := &e.Findings[len(e.Findings)-1].Where
				w.Column, w.Header = e.column(f), f.Header()
			}
		}
		return
	}
	// Paid by the row that gives every value one of them gives (a sheet
	// of one benefit may have only 姓名, ID and 自理能力).
	first = group[full]
	for _, e := range group {
		if e == first {
			continue
		}
		msg := "与" + where(first) + "是同一人（姓名及低保、特困、自理、残疾、户号、账号、死亡日期一致），只按那一行发放一次"
		kinds := dibaoKinds(first, e)
		if kinds != "" {
			msg = "与" + where(first) + "是同一人（姓名及特困、自理、残疾、户号、账号、死亡日期一致，低保类别都是低保），只按那一行发放一次"
		}
		if lacks := lacking(e, gaps); len(lacks) > 0 {
			msg = "与" + where(first) + "是同一人（本表没有" + strings.Join(lacks, "、") + "列，其余一致），按那一行发放一次"
		}
		if kinds != "" {
			msg += "；" + kinds
		}
		if a, b := first.Person.Street, e.Person.Street; a != b && a != "" && b != "" {
			msg += fmt.Sprintf("：由%s发放，%s本月不发放此人；请两街道核实此人应由哪个街道报送，另一街道删除此行", a, b)
		} else {
			msg += "：请删除重复的这一行"
		}
		notices[e] = domain.Finding{
			Severity: domain.Notice, Code: "duplicate_identical", Where: e.Person.Source,
			Name: e.Person.Name, AsWritten: e.RawID, Message: msg,
		}
	}
}

// dibaoKinds says, of two rows of one person paid once, that their
// 低保类别 name different kinds of dibao (城市低保, 农村低保, 低保), which
// pay alike (domain.Dibao.PaysAs) and so hold neither row, for staff to
// make them agree; "" when they do not differ.
func dibaoKinds(paid, other *Entry) string {
	a, b := paid.Person.Dibao, other.Person.Dibao
	if a == b || unknownOn(paid, FieldDibao) || unknownOn(other, FieldDibao) {
		return ""
	}
	return fmt.Sprintf("两行的低保类别不同（那一行为「%s」，本行为「%s」），都按低保发放、金额相同，按那一行记录；请核实后把两行改为一致", a, b)
}

// stepAside takes out of a group of entries of one ID (in payment order)
// each row whose 备注 names a move within the district (Entry.movedTo) to
// the street of another row of the group that does not say it moved: the
// old street's row yields to the new street's, with a notice in notices
// (it is not paid, as a paid-once copy), and its remark_stop or
// remark_moved finding is dropped, and so is what else held it (a
// 银行账号 of the old street's that cannot be read), named in the notice:
// the row is to be deleted, and held, it held the new street's row with it
// (duplicate_held), and its 停发 kept that month from being paid back. It
// returns the rows left to judge.
func stepAside(group []*Entry, notices map[*Entry]domain.Finding) []*Entry {
	var left []*Entry
	for _, e := range group {
		if to := newStreetRow(e, group); to != nil {
			kept := e.Findings[:0:0]
			var other []string // what else held the row: void with it
			for _, f := range e.Findings {
				switch {
				case f.Severity == domain.Held && f.Code != "remark_stop" && !slices.Contains(other, f.Code):
					other = append(other, f.Code)
				case f.Severity == domain.Held, f.Code == "remark_moved":
				default:
					kept = append(kept, f)
				}
			}
			e.Findings, e.Held = kept, false
			msg := fmt.Sprintf("备注说此人迁往「%s」（本区内），迁入地的%s已列入此人：按那一行发放，本行不发放也不暂缓；请从本花名册删除本行", e.movedTo, where(to))
			if len(other) > 0 {
				msg += "（本行另有的问题（" + strings.Join(other, "、") + "）随本行作废，无需更正）"
			}
			notices[e] = domain.Finding{
				Severity: domain.Notice, Code: "remark_moved_within", Where: e.Person.Source,
				Name: e.Person.Name, AsWritten: e.RawID, Message: msg,
			}
			continue
		}
		left = append(left, e)
	}
	return left
}

// newStreetRow returns the row of group on the street e's 备注 says the
// senior moved to, or nil when e does not step aside for one (see
// stepAside).
func newStreetRow(e *Entry, group []*Entry) *Entry {
	if e.movedTo == "" || !e.Person.Death.IsZero() {
		return nil
	}
	for _, o := range group {
		if o != e && o.movedTo == "" && o.Person.Street != e.Person.Street && namesStreet(e.movedTo, o.Person.Street) {
			return o
		}
	}
	return nil
}

// namesStreet reports whether a place written in a 备注 (西街, 西街街道,
// 北石店镇) names street, a 街道(乡镇) as rosters write it.
func namesStreet(place, street string) bool {
	stem := domain.StreetStem(street)
	return stem != "" && strings.Contains(place, stem)
}

// holdSharedAccounts holds (account_shared) every entry whose 银行账号 is
// also the 银行账号 of an entry with another ID, naming the other people,
// and drops the duplicate_identical notice of any copy it holds (the copy
// is then listed as held, not as paid once elsewhere). all is in payment
// order.
//
// Rows already held for another reason count too, and get the finding as
// well. For money this is the safe side: a held row still says the account
// is its person's, so paying another ID into it may pay the wrong person
// just the same, and the conflict would otherwise surface only after the
// other row is fixed, when the money may already have gone. Holding a
// rightly paid row costs a month's delay; paying the wrong account may not
// be recoverable. Rows whose ID could not be read (ID "") do not count: who
// they are cannot be known, and they may be a mistyped copy of the very
// person sharing the account (duplicates are judged by ID for the same
// reason); they are held already. Nor do rows whose 死亡日期 is before
// month began: the month's own benefits pay them nothing, so they claim no
// account now (the widow still listed with her dead husband's row and
// account is paid). A death within the month or later counts: that month
// is paid. Not covered: arrears (补发) of an earlier approved month still
// go to the account on a dead person's row (correction's arrears of the
// dead), which this check, made before anything is computed, cannot see.
func holdSharedAccounts(all []*Entry, notices map[*Entry]domain.Finding, month domain.Month) {
	counts := func(e *Entry) bool { return e.claimsAccount(month) }
	// One map entry per account, pointing at its first row: a province has
	// a million rows, and rows are grouped only for accounts found shared.
	first := make(map[string]*Entry, len(all))
	shared := map[string][]*Entry{}
	for _, e := range all {
		if !counts(e) {
			continue
		}
		a := e.Person.BankAccount
		if f, ok := first[a]; !ok {
			first[a] = e
		} else if f.Person.ID != e.Person.ID {
			shared[a] = nil // two IDs: some row differs from the first
		}
	}
	if len(shared) == 0 {
		return
	}
	var accounts []string // in payment order of their first row, for a stable order of findings
	for _, e := range all {
		if !counts(e) {
			continue
		}
		a := e.Person.BankAccount
		group, ok := shared[a]
		if !ok {
			continue
		}
		if group == nil {
			accounts = append(accounts, a)
		}
		shared[a] = append(group, e)
	}
	for _, a := range accounts {
		group := shared[a]
		var firsts []*Entry // the first row of each ID, in payment order
		ids := map[string]bool{}
		for _, e := range group {
			if !ids[e.Person.ID] {
				ids[e.Person.ID] = true
				firsts = append(firsts, e)
			}
		}
		if len(firsts) < 2 {
			continue
		}
		// An account one merged cell gave several rows is corrected
		// only by unmerging it: typed into the merged cell, as Excel
		// shows it, the new account is every row's again, and the rows
		// are held once more.
		var merged []string
		for _, e := range group {
			if ref, ok := e.mergedRange(FieldBankAccount); ok && !slices.Contains(merged, ref) {
				merged = append(merged, ref)
			}
		}
		fix := "请核对各人本人账号后重新报送"
		if len(merged) > 0 {
			fix = "此账号取自合并单元格 " + strings.Join(merged, "、") + "（合并后只有一格，改它即改各行）：请先取消合并，再在各行分别填写本人账号后重新报送"
		}
		for _, e := range group {
			var others []string
			for _, o := range firsts {
				if o.Person.ID == e.Person.ID {
					continue
				}
				if len(others) == maxNamedSharers {
					others[len(others)-1] += fmt.Sprintf("等共%d人", len(firsts)-1)
					break
				}
				others = append(others, fmt.Sprintf("「%s（%s）」（%s）", o.nameOrEmpty(), o.Person.ID, where(o)))
			}
			e.HoldAtBankAccount("account_shared", "与"+strings.Join(others, "、")+"填写了同一银行账号；银行只按户名入账，为免把钱打入他人账户，本行暂缓发放；"+fix)
			delete(notices, e)
		}
	}
}

// CodeAccountOfDead is the notice on a row paid into a 银行账号 that a row
// of someone else, dead before the month, gives too (tellAccountsOfTheDead).
const CodeAccountOfDead = "account_of_dead"

// tellAccountsOfTheDead gives the notice CodeAccountOfDead, at its 银行账号
// column, to each row of month that claims its account (claimsAccount) when
// a row of another ID whose 死亡日期 is before the month gives the same
// one: the widow listed beside her dead husband's row with his card. She is
// paid (holdSharedAccounts lets a dead person's row claim nothing), but the
// bank credits an account only to its holder's name, and a dead holder's
// card may be frozen: staff are asked to check it is hers. A row whose
// 备注 says the account is the person's own (账号已核实) is not told.
func tellAccountsOfTheDead(all []*Entry, month domain.Month) {
	dead := map[string]*Entry{}
	for _, e := range all {
		if !e.Person.Death.IsZero() && e.Person.Death.Before(month.First()) && e.Person.BankAccount != "" && e.Person.ID != "" && !e.hiddenSheet {
			if _, ok := dead[e.Person.BankAccount]; !ok {
				dead[e.Person.BankAccount] = e
			}
		}
	}
	if len(dead) == 0 {
		return
	}
	for _, e := range all {
		d, ok := dead[e.Person.BankAccount]
		if !ok || !e.claimsAccount(month) || e.Held || e.AccountConfirmed || d.Person.ID == e.Person.ID {
			continue
		}
		e.AddAt(domain.Notice, FieldBankAccount, CodeAccountOfDead, fmt.Sprintf("此银行账号也填在已故的「%s（%s）」（死亡日期%s，%s）的行上，本行照常发放；银行只按户名入账，如该账户的户名是已故者，款项可能被退回或账户已冻结：请向本人核实此账号确为其本人名下账号，如不是，请改填本人账号；如确是，请在本行备注写明「账号已核实」",
			d.nameOrEmpty(), d.Person.ID, d.Person.Death.Format("2006-01-02"), where(d)))
	}
}

// holdsFor reports whether one of e's findings holds it with code.
func (e *Entry) holdsFor(code string) bool {
	return slices.ContainsFunc(e.Findings, func(f domain.Finding) bool { return f.Severity == domain.Held && f.Code == code })
}

// claimsAccount reports whether e's row claims its 银行账号 for its ID in
// month: it gives both, and no 死亡日期 before the month (a dead person's
// row is paid nothing, so the widow may be paid into the same account).
func (e *Entry) claimsAccount(month domain.Month) bool {
	dead := !e.Person.Death.IsZero() && e.Person.Death.Before(month.First())
	return e.Person.BankAccount != "" && e.Person.ID != "" && !dead && !e.hiddenSheet // a hidden sheet's old rows hold nobody else
}

// nameOrEmpty is e's 姓名 as a message names it, 姓名为空 when it is empty.
func (e *Entry) nameOrEmpty() string {
	if e.Person.Name == "" {
		return "姓名为空"
	}
	return e.Person.Name
}

// maxNamedSharers is how many other people an account_shared message names
// before it only counts them: one account typed for a whole community would
// otherwise give every row a message naming everyone.
const maxNamedSharers = 3

// HoldAtBankAccount holds e with a finding of code and msg placed at its
// 银行账号 column (at the row when the sheet has none): for a check of the
// account, made within the month (account_shared) or, after the rosters
// are read, against what earlier months recorded.
func (e *Entry) HoldAtBankAccount(code, msg string) {
	e.Held = true
	at := e.Person.Source
	if col := e.column(FieldBankAccount); col != "" {
		at.Column, at.Header = col, FieldBankAccount.Header()
	}
	e.Findings = append(e.Findings, domain.Finding{
		Severity: domain.Held, Code: code, Where: at, Name: e.Person.Name, AsWritten: e.RawID, Message: msg,
	})
}

func holdEntry(e *Entry, code, msg string) {
	e.Held = true
	e.Findings = append(e.Findings, domain.Finding{
		Severity: domain.Held, Code: code, Where: e.Person.Source, Name: e.Person.Name, AsWritten: e.RawID, Message: msg,
	})
}

func where(e *Entry) string {
	return fmt.Sprintf("「%s」%s第%d行", e.Person.Source.File, e.Person.Source.Sheet, e.Person.Source.Row)
}

// unknownOn reports whether e's sheet gives nothing for field f: no column
// of it, nor a value from elsewhere (an agency's list, a 残疾人证号). Two
// rows of one person differing there do not disagree (judgeDuplicates).
func unknownOn(e *Entry, f Field) bool {
	if e.column(f) != "" {
		return false
	}
	p := &e.Person
	switch f {
	case FieldName:
		return p.Name == ""
	case FieldDibao:
		return p.Dibao == domain.DibaoNone
	case FieldTekun:
		return p.Tekun == domain.TekunNone
	case FieldHardship:
		return !p.Hardship
	case FieldSelfCare:
		return p.SelfCare == domain.SelfCareUnknown
	case FieldGrade:
		return p.Disability.Grade == 0
	case FieldCategory:
		return p.Disability.Category == ""
	case FieldElectricityAccount:
		return p.ElectricityAccount == ""
	case FieldBankAccount:
		return p.BankAccount == ""
	case FieldDeath:
		return p.Death.IsZero()
	}
	return false
}

// lacking returns the headers of the fields of fs that e's sheet gives
// nothing for (unknownOn).
func lacking(e *Entry, fs []Field) []string {
	var out []string
	for _, f := range fs {
		if unknownOn(e, f) {
			out = append(out, f.Header())
		}
	}
	return out
}

// differences returns the payment-deciding fields on which two rows of the
// same person disagree, in the order of Field.
func differences(a, b *domain.Person) []Field {
	var d []Field
	add := func(differ bool, f Field) {
		if differ {
			d = append(d, f)
		}
	}
	add(a.Name != b.Name, FieldName)
	add(!a.Dibao.PaysAs(b.Dibao), FieldDibao) // 城市低保 and 农村低保 pay alike: dibaoKinds tells of them
	add(a.Tekun != b.Tekun, FieldTekun)
	add(a.Hardship != b.Hardship, FieldHardship)
	add(a.SelfCare != b.SelfCare, FieldSelfCare)
	add(a.Disability.Grade != b.Disability.Grade, FieldGrade)
	add(a.Disability.Category != b.Disability.Category, FieldCategory)
	add(a.ElectricityAccount != b.ElectricityAccount, FieldElectricityAccount)
	add(a.BankAccount != b.BankAccount, FieldBankAccount)
	add(!a.Death.Equal(b.Death), FieldDeath)
	return d
}

// firstDiffering returns the first field (in the order of differences) on
// which e disagrees with another row of its group and that e's sheet has a
// column for: the cell of e's row a duplicate_conflict points staff to.
// It returns FieldNone when e's sheet has a column for none of them (a
// 低保类别 read as empty on a sheet without one).
func firstDiffering(e *Entry, group []*Entry) Field {
	first := FieldNone
	for _, o := range group {
		if o == e {
			continue
		}
		for _, f := range differences(&e.Person, &o.Person) {
			if e.column(f) != "" && !unknownOn(o, f) && (first == FieldNone || f < first) {
				first = f // not a column the other's sheet lacks: no disagreement
			}
		}
	}
	return first
}

// meterNumbersKnown gives back its 户号 to each entry whose 户号 was typed
// into a number cell (account_numeric, taken as not given) when another
// row of the month writes the same digits as text: the number lost no
// leading zero, and it is that household's. Left out, the household would
// be granted the electricity allowance twice (one per 户号, item 30): once
// under its 户号, once without (a tester's). The notice says so.
func meterNumbersKnown(all []*Entry) {
	if !slices.ContainsFunc(all, func(e *Entry) bool { return e.meterNumber != "" }) {
		return // nearly every month
	}
	written := map[string]bool{}
	for _, e := range all {
		if a := e.Person.ElectricityAccount; a != "" {
			written[a] = true
		}
	}
	for _, e := range all {
		if e.meterNumber == "" || !written[e.meterNumber] {
			continue
		}
		e.Person.ElectricityAccount = e.meterNumber
		for i := range e.Findings {
			if f := &e.Findings[i]; f.Code == "account_numeric" && f.Where.Header == FieldElectricityAccount.Header() {
				f.Message = strings.Replace(f.Message, accountUnused(FieldElectricityAccount), "与本月另一行以文本填写的户号"+e.meterNumber+"相同，按该户号处理（免费用电基数每户一份），不影响其他补贴", 1)
			}
		}
	}
}

// doubtsStatuses reports whether f, a finding that holds a row, may be
// about a column that decides a rate (domain.StatusDoubtCode): a value
// unreadable, struck through or a formula without a result in one cell
// (domain.CellCode) is, unless its column is one that decides none
// (银行账号, 户号, 姓名, 公民身份号码, 死亡日期, ...), which the finding
// names by its standard header. A status column of marks (城市低保 ticked)
// is named as written, and is one that does.
func doubtsStatuses(f domain.Finding) bool {
	if !domain.StatusDoubtCode(f.Code) {
		return false
	}
	if !domain.CellCode(f.Code) {
		return true
	}
	for _, other := range []Field{FieldSeq, FieldStreet, FieldCommunity, FieldName, FieldSex, FieldID, FieldBirth,
		FieldElectricityAccount, FieldBankAccount, FieldDeath, FieldRemark} {
		if f.Where.Header == other.Header() {
			return false
		}
	}
	return true
}

// SheetColumn is a column of one sheet of a roster file, named by its
// standard header (Field.Header: 银行账号, 户号).
type SheetColumn struct{ File, Sheet, Header string }

// Columns returns the letter of every column of each roster sheet of
// workbooks that has it (F, AB), by file, sheet and standard header
// (Field.Header: 银行账号, 户号, 特困类别). It is for the findings made once
// the rows as read are let go (after Consolidate), by the calculator and
// the run, which know a row and a header but not the sheet's layout: they
// name the cell to correct, not its header alone, which would read as a
// sheet without that column.
func Columns(workbooks []*Workbook) map[SheetColumn]string {
	out := map[SheetColumn]string{}
	for _, wb := range workbooks {
		var last *columns
		for i := range wb.Entries {
			e := &wb.Entries[i]
			if e.cols == nil || e.cols == last {
				continue
			}
			last = e.cols
			for f := FieldSeq; f < numFields; f++ {
				if col := e.column(f); col != "" {
					out[SheetColumn{e.Person.Source.File, e.Person.Source.Sheet, f.Header()}] = col
				}
			}
		}
	}
	return out
}
