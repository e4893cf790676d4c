package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"disburse/internal/domain"
	"disburse/internal/inbox"
	"disburse/internal/lock"
	"disburse/internal/roster"
	"disburse/internal/store"
)

func newApproveCmd(e *env) *cobra.Command {
	var month, by string
	var despite bool
	var ff folderFlags
	cmd := &cobra.Command{
		Use:   "approve --month YYYY-MM --by NAME [--data DIR]",
		Short: "Approve a month's run: it can never be replaced afterwards",
		Long: `approve turns the month's latest run from a draft into an approved run. It
records who approved it, when, the totals per benefit and the sha256 of all
its lines, and writes the month's workbooks again with the approval in their
汇总 sheet. An approved month can never be replaced (run --replace is
refused); corrections go into later months.

Before approving it checks the database (SQLite's integrity_check: a
damaged one is refused) and repeats the run's warnings: how many people
are on 待核实, and, marked ！！, any roster that may be an earlier
month's (file_seen_before, file_month_other, title_month_other), a file
refused whose people are not paid, a subfolder, link or lock-named
workbook of the inbox not read, a recovery a replacing run dropped, any
street paid last month with nobody on this month's rosters, a month
before never run, last month still a draft (its change lists would
compare with a run that may be replaced), an earlier month run, replaced
or approved since this run, and a later month approved already (its
corrections left this month out). With any ！！ warning it refuses
unless --despite-warnings is given; README.md's approve section lists
them all. A month already approved is refused.` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if strings.TrimSpace(by) == "" {
				return usagef("请用 --by 写明审批人的姓名，如 --by 王会计 (--by NAME is required: who approves)")
			}
			m, cfg, err := ff.resolveMonth(e, month)
			if err != nil {
				return err
			}
			return approve(cmd.Context(), e.stdout, e.log, cfg.Data, cfg.Inbox, m, strings.TrimSpace(by), despite, time.Now())
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "month to approve, YYYY-MM (required)")
	cmd.Flags().StringVar(&by, "by", "", "name of the person approving (required)")
	cmd.Flags().BoolVar(&despite, "despite-warnings", false, "approve although the run has ！！ warnings (a stale roster, a street with nobody, a recovery dropped, a month before not approved, ...: approve lists them)")
	cmd.Flags().StringVar(&ff.data, "data", "", "data folder (default ./data)")
	cmd.Flags().StringVar(&ff.inbox, "inbox", "", "inbox folder, looked at for rosters of the month left unread (default ./inbox)")
	return cmd
}

// approve approves month m's latest run in data (see newApproveCmd),
// looking in dir, the inbox, for rosters of m that the run did not read.
func approve(ctx context.Context, w io.Writer, log *slog.Logger, data, dir string, m domain.Month, by string, despite bool, now time.Time) error {
	if err := noDatabase(data); err != nil {
		return err
	}
	lk, err := lock.Acquire(data, "approve "+m.String(), now)
	if err != nil {
		return err
	}
	defer lk.Release()
	db, run, err := openRun(ctx, data, m)
	if err != nil {
		return err
	}
	defer db.Close()
	// Approval sends the month to the bank and makes it the base of every
	// later correction: a database damaged where runs never read (a fresh
	// user's, random bytes over two pages) is found here, not at a re-run
	// months later.
	if err := db.Check(ctx); err != nil {
		return fmt.Errorf("审批以前检查数据库，发现 disburse.db 已损坏，未审批（approve refused）: %w", err)
	}
	// An approval killed between its commit and naming its workbooks left
	// the draft bank file in place: approving again, what staff do after
	// such a stop, writes them from the database, as a run would.
	var finished []domain.Run
	if did, err := finishWorkbooks(ctx, db, data, run, log); err != nil {
		return &unfinishedError{run: run, err: err}
	} else if did {
		finished = append(finished, run)
	}
	if a, ok, err := db.ApprovalOf(ctx, m); err != nil {
		return err
	} else if ok {
		return fmt.Errorf("%s%s（运行%d），不能再次审批: %w", finishedText(finished), alreadyApproved(m, a), a.RunID, store.ErrMonthApproved)
	}
	if err := approvedOnDisk(data, m); err != nil {
		return err
	}
	r, err := loadRecorded(ctx, db, m) // once, for the warnings and the workbooks
	if err != nil {
		return err
	}
	serious, err := approvalWarnings(ctx, w, db, r)
	if err != nil {
		return err
	}
	inputs, err := db.Inputs(ctx, run.ID)
	if err != nil {
		return err
	}
	read := map[string]bool{}
	for _, in := range inputs {
		read[in.Name+"\x00"+in.SHA256] = true
	}
	// The inbox the run read (recorded with it), and the one given: approve
	// started elsewhere without --inbox looked only in whatever ./inbox was
	// there, and approved past a roster waiting in the run's own.
	dirs := []string{dir}
	if run.Inbox != "" && inbox.RealPath(run.Inbox) != inbox.RealPath(dir) {
		dirs = append([]string{run.Inbox}, dirs...)
	}
	var looked []string
	for _, d := range dirs {
		if _, err := os.Stat(d); err != nil {
			continue
		}
		looked = append(looked, d)
		if left := unreadOfMonth(d, m, read); len(left) > 0 {
			fmt.Fprintf(w, "  ！！收件箱（%s）中还有 %d 个文件名写着%s的文件，本次运行没有读取：%s。如属于本月，请连同本月已处理的花名册（归档文件夹中）一并放回收件箱，用 disburse run --month %s --replace 重新计算\n",
				d, len(left), m.Chinese(), strings.Join(left, "、"), m)
			serious = true
		}
	}
	if len(looked) == 0 {
		// Approved, a month is never replaced: a corrected roster waiting
		// in an inbox not looked at would be left out for good.
		fmt.Fprintf(w, "  ！！未检查收件箱：%s 打不开或不存在，无法确认其中没有本月还未读取的花名册（审批以后不能再替换）：请用 --inbox 指定收件箱（或在配置文件中设置 inbox）；确认没有时，可加 --despite-warnings 审批\n", strings.Join(dirs, "、"))
		serious = true
	} else {
		fmt.Fprintf(w, "  已检查收件箱：%s\n", strings.Join(looked, "、"))
	}
	if serious && !despite {
		return fmt.Errorf("%s 运行%d 有上述 ！！ 警告，未审批：请按每条警告所说处理（如先审批上月，或改正后用 run --replace 重新计算本月）；逐条核实无误仍要审批，请加 --despite-warnings（refusing to approve: warnings）", m, run.ID)
	}
	// The workbooks with the approval are written before it is recorded
	// and named after: a process stopped in between leaves them staged,
	// and the next start writes them again from the database, approved or
	// not as it then says (finishRecorded).
	staged, err := stageRecorded(ctx, db, data, run, r, approvalText(&store.Approval{By: by, At: now}))
	if err != nil {
		return err
	}
	a, err := db.Approve(ctx, run.ID, by, now)
	if err != nil {
		removeStaged(staged)
		return err
	}
	fmt.Fprintf(w, "%s 运行%d 已审批：%s\n", m, run.ID, approvalText(a))
	printTotals(w, "  ", recordedRules(ctx, db, run.ID, m), a.Totals)
	fmt.Fprintf(w, "  lines sha256 %s\n  recoveries sha256 %s\n", a.LinesSHA256, a.RecoveriesSHA256)
	_ = testHold(context.Background(), "after-commit")
	if err := publish(filepath.Join(data, "out", m.String()), staged, run.ID, 0); err != nil {
		return fmt.Errorf("approval recorded, but the workbooks were not rewritten: %w", err)
	}
	fmt.Fprintf(w, "工作簿已更新（汇总表注明审批）：%s\n", filepath.Join(data, "out", m.String()))
	for _, s := range staged {
		if _, ok := draftOf(s.final); ok {
			fmt.Fprintf(w, "  报送银行的代发文件：%s（此前的草稿代发文件已删除，已复制出去的草稿请勿使用）\n", s.final)
		}
	}
	return nil
}

// unreadOfMonth returns the names of the files in the inbox dir whose name
// names month m (roster.MonthsNamed): rosters of the month dropped after
// its run read the inbox (a street late for a daemon that ran with the
// first to arrive), whose people the month would leave out if approved.
// Files the run read (read holds "name\x00sha256"), left in the inbox by
// a run stopped before it archived them, are not among them. A missing or
// unreadable inbox gives none: approve may run where the inbox is not.
func unreadOfMonth(dir string, m domain.Month, read map[string]bool) []string {
	files, err := inbox.List(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, f := range files {
		if !read[f.Name+"\x00"+f.SHA256] && slices.Contains(roster.MonthsNamed(f.Name, m), m) {
			out = append(out, f.Name)
		}
	}
	return out
}

// seriousFinding reports whether a recorded finding is one approve refuses
// without --despite-warnings: a roster that may be an earlier month's, a
// subfolder or link of the inbox not read, a roster named for a later
// month left unread by the daemon, a recovery or a training subsidy a
// replacing run dropped, a roster sheet without a column that decides
// money beside unrecognised columns that may be it renamed
// (roster.MissingColumnRenamed), a file refused whose people are not
// paid (not one read from another file), or a rules entry last month's run
// used that the run's rules folder no longer had (rules_entry_removed):
// the month was paid by an old copy of the folder, and the months before
// that entry's date are not paid back at all, whatever the benefit.
func seriousFinding(f domain.Finding) bool {
	return staleRoster(f.Code) || f.Code == "inbox_subfolder" || f.Code == "inbox_link" || f.Code == "inbox_ignored_name" || f.Code == CodeRecoveryDropped || f.Code == CodeTrainingDropped ||
		f.Code == "file_month_later" || // left unread: a street's roster misnamed would be missing
		f.Code == "rules_entry_removed" || // approved so, the next month compares with this one and says nothing
		roster.MissingColumnRenamed(f) || // paid without a column that decides money, never paid back
		f.Severity == domain.Rejected && !readElsewhere(f.Code)
}

// reminderMark starts each line approvalWarnings prints of the run's
// warnings that do not refuse approval (summaryReminder): not ！！, which
// status counts as reasons approve refuses for.
const reminderMark = "！（不阻止审批，请确认已核实）"

// summaryReminder returns the text of a ！！ warning of f's run's summary
// that does not refuse approval (seriousFinding): a roster sheet not read
// (sheetsNotRead), a column that decides money missing with nothing beside
// it that may be it renamed, one street written several ways
// (street_respelled), a rules folder without header aliases, a rules entry
// dated back beyond what arrears pay (rules_before_window) or lowering
// months already paid (rules_lowered_back). approve and status say them
// again, as the run's summary did: a month a daemon ran printed no
// summary, and an approval was made without them.
func summaryReminder(f domain.Finding) (string, bool) {
	switch _, missing := roster.MissingColumnCode(f.Code); {
	case f.Code == "street_respelled" || f.Code == "rules_no_header_aliases" || f.Code == "rules_before_window" || f.Code == "rules_lowered_back":
		return f.Message, true
	case missing || slices.Contains(sheetsNotRead, f.Code):
		return f.Where.File + "：" + f.Message, true
	}
	return "", false
}

// approvalWarnings prints, for the month r about to be approved, the
// number of people on 待核实 and the serious warnings its run printed with
// ！！: rosters that may be an earlier month's, subfolders of the inbox
// whose rosters were not read, files refused whose people are not paid
// (not those read from another file, readElsewhere), recoveries and training subsidies of a replaced run that the
// replacing run dropped (CodeRecoveryDropped, CodeTrainingDropped), and streets paid last month with nobody on
// this month's rosters; and, as serious too, a month before
// it that has a run but is not approved, since this month's change lists
// were compared with a draft that may still be replaced; a later month
// approved already, whose corrections left this month out; a month
// before it never run (gapText); and an earlier
// month run, replaced or approved after this month's run
// (store.ChangedSince), which that run could not take into account. It
// reports whether there was a serious one.
func approvalWarnings(ctx context.Context, w io.Writer, db *store.DB, r *recordedMonth) (bool, error) {
	findings, err := db.Findings(ctx, r.cur.RunID)
	if err != nil {
		return false, err
	}
	serious := false
	var reminders []string
	for _, f := range findings {
		if !seriousFinding(f) {
			if text, ok := summaryReminder(f); ok {
				reminders = append(reminders, text)
			}
			continue
		}
		serious = true
		switch {
		case f.Code == CodeRecoveryDropped || f.Code == CodeTrainingDropped:
			fmt.Fprintln(w, "！！"+droppedText(f))
		case f.Code == "rules_entry_removed": // of the rules folder, no file of the inbox
			fmt.Fprintln(w, "！！"+f.Message)
		case f.Severity == domain.Rejected && f.Code != "inbox_subfolder" && f.Code != "inbox_link" && f.Code != "inbox_ignored_name":
			fmt.Fprintf(w, "！！拒收的文件「%s」中的人员本月未发放：%s；更正后请与本月已处理的花名册一并放回收件箱，用 run --replace 重新计算\n", f.Where.File, f.Message)
		default:
			fmt.Fprintf(w, "！！%s：%s\n", f.Where.File, f.Message)
		}
	}
	for _, text := range reminders {
		fmt.Fprintln(w, reminderMark+text)
	}
	if r.prev != nil && r.prev.Month != r.cur.Month.Prev() {
		fmt.Fprintln(w, "！！"+gapText(r.cur.Month, r.prev.Month))
		serious = true
	}
	present, err := r.streetCounts(ctx, db)
	if err != nil {
		return false, err
	}
	for _, a := range absentStreets(r.changes.Prev, r.changes.Missing, present) {
		fmt.Fprintf(w, "！！%s\n", a)
		serious = true
	}
	if warn, err := paidSinceDead(ctx, db, r, findings); err != nil {
		return false, err
	} else if warn != "" {
		fmt.Fprintln(w, "！！"+warn)
		serious = true
	}
	if later, ok, err := db.FirstApprovalAfter(ctx, r.cur.Month); err != nil {
		return false, err
	} else if ok {
		fmt.Fprintf(w, "！！%s 已先于本月审批：当时本月还是草稿，那以后各月的补发、追回都没有把本月算进去（例如本月发给此后才报告死亡的人的钱不会被追回）；审批后请逐一核对\n", later.Month)
		serious = true
	}
	if r.prev != nil {
		if _, ok, err := db.ApprovalOf(ctx, r.prev.Month); err != nil {
			return false, err
		} else if !ok {
			fmt.Fprintf(w, "！！上月（%s）尚未审批（运行%d 是草稿）：本月的变动清单是与草稿比较的，上月如再替换，本月的比较即不再成立；请先审批上月\n", r.prev.Month, r.prev.RunID)
			serious = true
		}
	}
	if run, err := db.RunByID(ctx, r.cur.RunID); err != nil {
		return false, err
	} else if later, err := db.ChangedSince(ctx, run); err != nil {
		return false, err
	} else if len(later) > 0 {
		fmt.Fprintf(w, "！！本月运行%d计算以后，以前月份的记录又有变化；本月的变动清单、补发和追回、以前记载的死亡和停发都是按计算时的记录得出的，请先用 run --replace 重新计算本月：\n", run.ID)
		for _, l := range later {
			fmt.Fprintln(w, "    "+laterRecordText(l))
		}
		serious = true
	}
	if changed, err := changedSinceApproval(ctx, db, r); err != nil {
		return false, err
	} else if len(changed) > 0 {
		for _, l := range changed {
			fmt.Fprintln(w, "！！"+l)
		}
		serious = true
	}
	if n := len(r.changes.Missing); n > 0 {
		fmt.Fprintln(w, missingText(n))
	}
	return serious, nil
}

// changedSinceApproval returns a line for each approved month that month
// r's run was computed from, the month its change lists compare with and
// each month its 补发 and 追回 correct, whose record changed after its
// approval (store.ApprovalIntact): what r pays back or recovers was then
// worked out from the changed record, and would turn an edit into money.
func changedSinceApproval(ctx context.Context, db *store.DB, r *recordedMonth) ([]string, error) {
	months := map[domain.Month]bool{}
	if r.prev != nil {
		months[r.prev.Month] = true
	}
	for _, l := range r.cur.Lines {
		if l.Corrects.Valid() {
			months[l.Corrects] = true
		}
	}
	recs, err := db.Recoveries(ctx, r.cur.RunID)
	if err != nil {
		return nil, err
	}
	for _, x := range recs {
		months[x.Corrects] = true
	}
	var out []string
	for _, m := range slices.SortedFunc(maps.Keys(months), func(a, b domain.Month) int { return a.First().Compare(b.First()) }) {
		a, ok, err := db.ApprovalOf(ctx, m)
		if err != nil || !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		changed, err := db.ApprovalIntact(ctx, a)
		if err != nil {
			return nil, err
		}
		if changed != nil {
			out = append(out, fmt.Sprintf("%s（运行%d）已审批的"+changed.What+"在审批以后被改动，本月的变动清单、补发和追回是按改动后的记录算出的：请按备份核对数据库，恢复后用 run --month %s --replace 重新计算本月", m, a.RunID, r.cur.Month))
		}
	}
	return out, nil
}

// alreadyApproved is the start of the answer to a change asked of month m,
// approved as a: when and by whom, in Beijing time.
func alreadyApproved(m domain.Month, a *store.Approval) string {
	return fmt.Sprintf("%s 已于 %s 由 %s 审批", m, a.At.In(shanghai()).Format("2006-01-02 15:04 MST"), a.By)
}

// approvalText is how an approval reads on sheets: who and when.
func approvalText(a *store.Approval) string {
	return fmt.Sprintf("%s 于 %s 审批", a.By, a.At.In(shanghai()).Format("2006-01-02 15:04 MST"))
}

// shanghai is the zone dates are shown in on sheets.
func shanghai() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.Local
	}
	return loc
}

// paidSinceDead says, when it pays anyone, whom the recorded month r pays
// although another month's run recorded since (a month run late, a death
// list) a 死亡日期 before the month began: the run held no such row when it
// was made, so the death was reported after it. People the run paid on
// their 备注 健在 (findings: domain.CodeDeathOnRecordAlive) are not named,
// nor those whose row gives a 死亡日期 of its own when the other date is
// an earlier month's (the run went by the row's date, and its notice
// death_date_changed told of the other) or the same. A 补发 line for a
// month up to the death's is no payment after it: a rise dated back owes
// the dead for the months they lived (arrearsOfTheGone).
// It is "" when none.
func paidSinceDead(ctx context.Context, db *store.DB, r *recordedMonth, findings []domain.Finding) (string, error) {
	deaths, err := deathsElsewhere(ctx, db, store.Others{Month: r.cur.Month})
	if err != nil || len(deaths) == 0 {
		return "", err
	}
	var who []string
	seen := domain.ConfirmedAlive(findings)
	for _, l := range r.cur.Listings {
		// The row's own date: another known when the run was made (an
		// earlier month's) was told as death_date_changed, and the run
		// went by the row's; a later month's is news, and is named.
		if own := l.Person.Death; !own.IsZero() {
			if d, ok := deaths[l.Person.ID]; ok && (r.cur.Month.After(d.Month) || d.Death.Equal(own)) {
				seen[l.Person.ID] = true
			}
		}
	}
	for _, l := range r.cur.Lines {
		d, ok := deaths[l.PersonID]
		if !ok || seen[l.PersonID] || !d.Death.Before(r.cur.Month.First()) {
			continue
		}
		if l.Corrects.Valid() && !l.Corrects.After(domain.MonthOf(d.Death)) {
			continue // a 补发 of a month they lived into: owed to the estate (arrearsOfTheGone)
		}
		seen[l.PersonID] = true
		who = append(who, fmt.Sprintf("%s（%s，%s记载死亡日期%s）", l.Name, l.PersonID, d.Month, d.Death.Format("2006-01-02")))
	}
	if len(who) == 0 {
		return "", nil
	}
	more := ""
	if len(who) > 5 {
		who, more = who[:5], fmt.Sprintf("等 %d 人", len(who))
	}
	return fmt.Sprintf("本月运行向%s%s发放，但其他月份的运行记载其死亡日期在本月之前，本月运行没有按该日期暂缓：请用 run --replace 重新计算本月（这些行将暂缓）后再审批", strings.Join(who, "、"), more), nil
}
