package cli

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"disburse/internal/calc"
	"disburse/internal/changes"
	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/inbox"
	"disburse/internal/money"
	"disburse/internal/roster"
	"disburse/internal/rules"
	"disburse/internal/store"
)

// The run's warnings: what a run, and approve after it, say with ！！ about a
// month that may be incomplete or paid from old rosters, and the checks a
// replacing run must pass.

// checkReplacedStreets refuses a replacing run that would leave out every
// person of a street the run it replaces had: the replaced run's rosters
// were moved to the archive, and an inbox holding only a late or corrected
// roster would otherwise replace a whole month with one street. The
// refusal names the inbox files refused (rejected: name -> reason), which
// may be the street's.
func checkReplacedStreets(ctx context.Context, db *store.DB, o runOptions, listings []domain.Listing, rejected map[string]string) error {
	old, ok, err := db.LatestRun(ctx, o.Month)
	if err != nil || !ok {
		return err
	}
	had, err := db.StreetCounts(ctx, old.ID)
	if err != nil {
		return err
	}
	now := listedStreets(listings)
	var gone []string
	for _, s := range slices.Sorted(maps.Keys(had)) {
		if now[s] == 0 {
			gone = append(gone, fmt.Sprintf("%s（%d 人）", streetLabel(s), had[s]))
		}
	}
	if len(gone) == 0 {
		return nil
	}
	refused := ""
	if len(rejected) > 0 {
		var why []string
		for _, name := range slices.Sorted(maps.Keys(rejected)) {
			why = append(why, "「"+name+"」："+rejected[name])
		}
		refused = "。本次收件箱中拒收了以下文件，它们的人员没有读取：" + strings.Join(why, "；")
	}
	return fmt.Errorf("替换运行 %d 会去掉 %s 的全部人员：本次读取的花名册中没有这些街道的人员%s。运行 %d 读过的花名册已移至 %s，请把仍然有效的放回收件箱后再替换；确要去掉这些街道，请加 --drop-streets（refusing to replace: streets absent）",
		old.ID, strings.Join(gone, "、"), refused, old.ID, filepath.Join(o.Data, "archive", o.Month.String()))
}

// mixedStreetFiles gives a notice (file_streets_mixed) for each roster file
// whose listed people name more than one 街道, with how many each: a street's
// roster carrying another street's people is worth a look, and their street
// copies split them by the street each row names.
func mixedStreetFiles(listings []domain.Listing) []domain.Finding {
	count := map[string]map[string]int{} // file -> street -> people
	var files []string
	for _, l := range listings {
		p := l.Person
		if count[p.Source.File] == nil {
			count[p.Source.File] = map[string]int{}
			files = append(files, p.Source.File)
		}
		count[p.Source.File][p.Street]++
	}
	var out []domain.Finding
	for _, f := range files {
		if len(count[f]) < 2 {
			continue
		}
		var each []string
		for _, s := range slices.Sorted(maps.Keys(count[f])) {
			each = append(each, fmt.Sprintf("%s %d 人", streetLabel(s), count[f][s]))
		}
		out = append(out, domain.Finding{Severity: domain.Notice, Code: "file_streets_mixed", Where: domain.Location{File: f},
			Message: "本文件含多个街道的人员（" + strings.Join(each, "、") + "）：请确认没有把别的街道的人员报在本街道；各街道的核对联按各行所填街道分开"})
	}
	return out
}

// sheetsNotRead are the codes of the notices of roster sheets a workbook
// has but that are not read: another month's beside this month's
// (sheet_month_other), a template or an old copy beside the roster
// (sheet_template, sheet_backup). The summary repeats them with ！！, since
// a person there whom no sheet read lists is not paid; they do not refuse
// approval.
var sheetsNotRead = []string{"sheet_month_other", "sheet_template", "sheet_backup", "sheet_lookup"}

// staleRoster reports the codes of the notices of a roster that may be an
// earlier month's (staleInputs', and roster's title_month_other: a sheet
// read whose name or title names only another month), which the summary
// repeats with ！！ and approve refuses without --despite-warnings.
func staleRoster(code string) bool {
	return code == "file_seen_before" || code == "file_month_other" || code == "title_month_other"
}

// staleInputs gives a notice for each roster read (not rejected) that may be
// an earlier month's: its file name names another month (file_month_other),
// or its content is that of a file an earlier month's run processed
// (file_seen_before). Paid from an old roster, a month would miss the
// deaths and changes reported since, so the summary repeats them.
func staleInputs(ctx context.Context, db *store.DB, files []inbox.File, rejected map[string]string, m domain.Month) ([]domain.Finding, error) {
	var shas []string
	for _, f := range files {
		shas = append(shas, f.SHA256)
	}
	earlier, err := db.EarlierInputs(ctx, shas, m)
	if err != nil {
		return nil, err
	}
	var out []domain.Finding
	for _, f := range files {
		if _, ok := rejected[f.Name]; ok {
			continue
		}
		if e, ok := earlier[f.SHA256]; ok {
			out = append(out, domain.Finding{Severity: domain.Notice, Code: "file_seen_before", Where: domain.Location{File: f.Name},
				Message: fmt.Sprintf("与 %s 已处理的「%s」内容完全相同：如果这是以前月份的花名册，请换成本月的，再用 --replace 重新计算", e.Month, e.Name)})
			continue
		}
		if said := roster.MonthsNamed(f.Name, m); len(said) > 0 && !slices.Contains(said, m) {
			out = append(out, domain.Finding{Severity: domain.Notice, Code: "file_month_other", Where: domain.Location{File: f.Name},
				Message: fmt.Sprintf("文件名写的是%s，本次发放的是%s：请确认不是别的月份的花名册；如是，请换成本月的，再用 --replace 重新计算", said[0].Chinese(), m.Chinese())})
		}
	}
	return out, nil
}

// missingText announces the month's n people on 待核实.
func missingText(n int) string {
	return fmt.Sprintf("待核实 %d 人：上月（或以前月份）已发放或暂缓、此后各花名册均未列入（见 异常清单.xlsx 的「待核实」表）", n)
}

// absentStreet is a street paid last month with nobody, or fewer people
// than it has on 待核实, on this month's rosters: most likely its roster
// did not arrive (a late 补报 of three rows beside it, or one row of the
// street in another street's roster, hid that before).
type absentStreet struct {
	Street  string
	People  int // paid last month, now on 待核实
	Present int // listed this month (held rows with an ID included)
}

// String is the warning about a, as the run's summary and approve print it
// after ！！.
func (a absentStreet) String() string {
	if a.Present == 0 {
		return fmt.Sprintf("%s：上月发放 %d 人，本月各花名册中没有该街道的人员", a.Street, a.People)
	}
	return fmt.Sprintf("%s：上月发放的人员中有 %d 人本月各花名册中没有，该街道本月只列入 %d 人", a.Street, a.People, a.Present)
}

// gapText is the warning of month m compared with an earlier month than
// the one before (prevSnapshot), which was never run: nobody was paid
// then by this program.
func gapText(m, compared domain.Month) string {
	return fmt.Sprintf("上月（%s）没有发放记录，该月是否漏发？本月的变动清单和待核实与有记录的最近月份 %s 比较", m.Prev(), compared)
}

// listedStreets counts the listings of each street (街道).
func listedStreets(listings []domain.Listing) map[string]int {
	streets := map[string]int{}
	for _, l := range listings {
		streets[l.Person.Street]++
	}
	return streets
}

// absentStreets finds, among the streets of a month's 待核实 people paid in
// the month it was compared with, since (changes.Report.Prev: last month
// but for a gap), those with more such people than this month's rosters
// list for the street (present: listedStreets, held rows included): nobody at all, or a
// few rows beside a roster that did not arrive. They come in name order,
// with both counts. A street's ordinary month, a few people gone among
// many listed, is not one.
func absentStreets(since domain.Month, missing []changes.Missing, present map[string]int) []absentStreet {
	count := map[string]int{}
	for _, m := range missing {
		if m.Street != "" && m.Since == since && len(m.Held) == 0 {
			count[m.Street]++
		}
	}
	var out []absentStreet
	for _, s := range slices.Sorted(maps.Keys(count)) {
		if count[s] > present[s] {
			out = append(out, absentStreet{Street: s, People: count[s], Present: present[s]})
		}
	}
	return out
}

// CodeRecoveryDropped is the notice of a 死亡日期 or a recovery (追回) the
// replaced run recorded that the replacing run does not (droppedByReplace).
// The run's summary and approve repeat it with ！！, and approve refuses
// without --despite-warnings.
const CodeRecoveryDropped = "recovery_dropped"

// droppedByReplace gives a notice (CodeRecoveryDropped) for each person
// whom a run of month m before this replacing one recorded dead (the latest
// such run's 死亡日期: a roster's, or a death list's for someone on no
// roster or against the roster's date) when the replacing run's rosters
// and death lists (merged) give no date or a later one, and for each
// recovery (追回) such a run recorded (the latest for a person, benefit and
// month corrected) that the replacing run's recoveries (now) do not have.
// The replaced runs' records stay, but they are no longer the month's:
// what they alone recorded would be lost without a word, for instance after
// staff deleted a dead person's row, and a row that lost its date is paid.
// Every earlier run counts, not only the last: a second replacement with
// the same rosters must not forget what the first dropped. A death another
// month's record (deaths: deathsElsewhere) holds as early is not lost. The
// message names the run, the date and the money, and says what this
// month's rosters give for the person. t names the benefits. It returns nil
// when m had no run.
func droppedByReplace(ctx context.Context, db *store.DB, t *rules.Table, m domain.Month, now []domain.Recovery, merged roster.Result, deaths map[string]store.DeathOnRecord) ([]domain.Finding, error) {
	runs, err := db.RunIDs(ctx, m)
	if err != nil || len(runs) == 0 {
		return nil, err
	}
	type death struct {
		store.DeathOnRecord
		run int64
	}
	type recovery struct {
		domain.Recovery
		run int64
	}
	type key struct {
		id, benefit string
		corrects    domain.Month
	}
	was := map[string]death{} // the latest run's date for each person
	recovered := map[key]recovery{}
	var order []key
	for _, run := range runs {
		dates, err := db.RunDeaths(ctx, run)
		if err != nil {
			return nil, err
		}
		findings, err := db.Findings(ctx, run)
		if err != nil {
			return nil, err
		}
		// A date a death list filled into a row that gave none is the
		// list's: named by the roster, staff found no date there and took
		// the record for an error.
		for _, p := range roster.DeathsFilledOf(findings) {
			if d, ok := dates[p.ID]; ok && d.Death.Equal(p.Death) {
				d.File = p.Source.File
				dates[p.ID] = d
			}
		}
		for _, p := range append(roster.DeadOffRosterOf(findings), roster.DeathConflictsOf(findings)...) {
			if d, ok := dates[p.ID]; !ok || p.Death.Before(d.Death) {
				dates[p.ID] = store.DeathOnRecord{Name: p.Name, Death: p.Death, File: p.Source.File}
			}
		}
		for id, d := range dates {
			was[id] = death{d, run}
		}
		recs, err := db.Recoveries(ctx, run)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			k := key{r.PersonID, r.Benefit, r.Corrects}
			if _, ok := recovered[k]; !ok {
				order = append(order, k)
			}
			recovered[k] = recovery{r, run}
		}
	}
	listed := map[string]*domain.Person{}
	for _, l := range merged.Listings {
		listed[l.Person.ID] = l.Person
	}
	for i := range merged.DeadOffRoster {
		listed[merged.DeadOffRoster[i].ID] = &merged.DeadOffRoster[i]
	}
	dead := map[string]time.Time{} // this run's earliest date for each person
	for id, p := range listed {
		if !p.Death.IsZero() {
			dead[id] = p.Death
		}
	}
	for _, p := range roster.DeathConflictsOf(merged.Findings) {
		if d, ok := dead[p.ID]; !ok || p.Death.Before(d) {
			dead[p.ID] = p.Death
		}
	}
	type person struct {
		name string
		what []string
	}
	var ids []string
	dropped := map[string]*person{}
	add := func(id, name string, run int64, what string) {
		p := dropped[id]
		if p == nil {
			p = &person{name: name}
			dropped[id] = p
			ids = append(ids, id)
		}
		p.what = append(p.what, fmt.Sprintf("运行%d%s", run, what))
	}
	for _, id := range slices.Sorted(maps.Keys(was)) {
		d := was[id]
		if got, ok := dead[id]; ok && !got.After(d.Death) {
			continue // the same date, or an earlier one
		}
		if other, ok := deaths[id]; ok && !other.Death.After(d.Death) {
			continue // another month's record holds it as early
		}
		add(id, d.Name, d.run, fmt.Sprintf("记载此人死亡日期%s（「%s」）", d.Death.Format(time.DateOnly), d.File))
	}
	kept := map[key]bool{}
	for _, r := range now {
		kept[key{r.PersonID, r.Benefit, r.Corrects}] = true
	}
	for _, k := range order {
		if kept[k] {
			continue
		}
		r := recovered[k]
		name := r.Benefit
		if b := t.Benefit(r.Benefit); b != nil {
			name = b.Name
		}
		add(r.PersonID, r.Name, r.run, fmt.Sprintf("追回%s%s%s%s（%s）", r.Corrects.Chinese(), name, money.Format(r.Amount, r.Unit), domain.UnitText(r.Unit), r.Reason))
	}
	var out []domain.Finding
	for _, id := range ids {
		d := dropped[id]
		f := domain.Finding{Severity: domain.Notice, Code: CodeRecoveryDropped, Name: d.name, AsWritten: id}
		var why string
		switch p := listed[id]; {
		case p == nil:
			why = "本次各花名册和死亡名单均未列入此人（删去死亡人员的行不会撤销死亡记录和追回）：请把此人的行（含死亡日期）或死亡名单放回收件箱后再用 run --replace 重新计算"
		case p.Death.IsZero():
			f.Where = p.Source
			why = "本次花名册列入此人且未填死亡日期：如原死亡日期有误，请核实后审批；否则请补填死亡日期后再用 run --replace 重新计算"
		default:
			f.Where = p.Source
			why = "本次的死亡日期为" + dead[id].Format(time.DateOnly) + "：如已更正，请核实后审批；否则请把原来的花名册或死亡名单放回收件箱后再用 run --replace 重新计算"
		}
		f.Message = fmt.Sprintf("以前的%s，本次运行没有；%s", strings.Join(d.what, "，"), why)
		out = append(out, f)
	}
	return out, nil
}

// CodeTrainingDropped is the notice of a training subsidy (list item 20)
// an earlier run of the month paid that the replacing run has no row for
// (trainingDropped). The run's summary and approve repeat it with ！！, and
// approve refuses without --despite-warnings.
const CodeTrainingDropped = "training_dropped"

// traineesOf returns the IDs of every row of the training rosters of wbs,
// paid or held (an ID the roster gives wrongly as written, normalized).
func traineesOf(wbs []*roster.Workbook) map[string]bool {
	out := map[string]bool{}
	for _, wb := range wbs {
		for _, te := range wb.Trainings {
			if te.Training.TraineeID != "" {
				out[te.Training.TraineeID] = true
			}
			for _, f := range te.Findings {
				if f.AsWritten != "" {
					out[idnumber.Of(f.AsWritten)] = true
				}
			}
		}
	}
	return out
}

// trainingDropped gives a notice (CodeTrainingDropped) for each training
// claim (trainee and certificate, calc.ClaimKey) an earlier run of month m
// paid whose trainee has no row, paid or held, on the replacing run's
// training rosters (trainees: traineesOf), unless another month's standing
// run paid the claim (elsewhere): a replacing run reads the inbox alone,
// and a training roster not put back beside the streets' rosters would
// leave the trainee unpaid without a word (nothing was sent while the month
// was a draft). Every earlier run counts, as in droppedByReplace: a second
// replacement must not forget what the first dropped; the latest run that
// paid a claim is named. It returns nil when m had no run.
func trainingDropped(ctx context.Context, db *store.DB, m domain.Month, trainees map[string]bool, elsewhere []domain.Claim) ([]domain.Finding, error) {
	runs, err := db.RunIDs(ctx, m)
	if err != nil || len(runs) == 0 {
		return nil, err
	}
	paid := map[string]bool{}
	for _, c := range elsewhere {
		if !c.Unsent {
			paid[calc.ClaimKey(c.ID, c.Reference)] = true
		}
	}
	type claim struct {
		store.RunClaim
		run int64
	}
	was := map[string]claim{}
	var order []string
	for _, run := range runs {
		claims, err := db.RunClaims(ctx, calc.TrainingCode, run)
		if err != nil {
			return nil, err
		}
		for _, c := range claims {
			k := calc.ClaimKey(c.ID, c.Reference)
			if trainees[c.ID] || paid[k] {
				continue
			}
			if _, ok := was[k]; !ok {
				order = append(order, k)
			}
			was[k] = claim{c, run}
		}
	}
	var out []domain.Finding
	for _, k := range order {
		c := was[k]
		out = append(out, domain.Finding{Severity: domain.Notice, Code: CodeTrainingDropped, Where: c.Source, Name: c.Name, AsWritten: c.ID,
			Message: fmt.Sprintf("以前的运行%d按「%s」%s第%d行发放家庭照护培训补贴%s元（证书编号%s），本次运行的培训名册没有此学员，本月不再发放：替换运行只读取收件箱，请把该培训名册（在本月的归档文件夹中）与本月的花名册一并放回收件箱后再用 run --replace 重新计算；如确不应发放，请核实后审批",
				c.run, c.Source.File, c.Source.Sheet, c.Source.Row, money.Format(c.Amount, domain.UnitYuan), c.Reference)})
	}
	return out, nil
}

// droppedText is how the run's summary and approve name a
// CodeRecoveryDropped or CodeTrainingDropped notice f after ！！: who, then
// its message.
func droppedText(f domain.Finding) string {
	return fmt.Sprintf("%s（%s）：%s", f.Name, f.AsWritten, f.Message)
}

// bangLines returns the lines of text that begin, after spaces, with the
// ！！ that marks a warning to act on, without it and the spaces; the
// indented lines that list what a warning ending in a colon names follow it
// on its line, joined by ；: status printed a warning of records changed
// since the run ending in its colon, the records themselves left out.
func bangLines(text string) []string {
	var out []string
	listing := false // the last warning ended in a colon: indented lines list what it names
	for _, raw := range strings.Split(text, "\n") {
		l := strings.TrimSpace(raw)
		switch {
		case strings.HasPrefix(l, "！！"):
			out = append(out, strings.TrimPrefix(l, "！！"))
			listing = strings.HasSuffix(l, "：")
		case listing && l != "" && strings.HasPrefix(raw, "    ") && !strings.HasPrefix(l, "！"):
			if last := out[len(out)-1]; strings.HasSuffix(last, "：") {
				out[len(out)-1] = last + l
			} else {
				out[len(out)-1] = last + "；" + l
			}
		default:
			listing = false
		}
	}
	return out
}
