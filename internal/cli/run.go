package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-runewidth"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"disburse/internal/calc"
	"disburse/internal/changes"
	"disburse/internal/correction"
	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/inbox"
	"disburse/internal/lock"
	"disburse/internal/money"
	"disburse/internal/progress"
	"disburse/internal/report"
	"disburse/internal/roster"
	"disburse/internal/rules"
	"disburse/internal/schedule"
	"disburse/internal/store"
)

// runOptions are the inputs of one monthly run.
type runOptions struct {
	Month   domain.Month
	Inbox   string
	Data    string
	Rules   string
	Replace bool
	// DropStreets lets a replacing run leave out every person of a street
	// that the replaced run had (checkReplacedStreets).
	DropStreets bool
	Now         func() time.Time // clock for the run record; time.Now in production
	// LeftOut names inbox files the daemon gave up waiting for (name ->
	// reason): they are not read, stay in the inbox and are reported.
	LeftOut map[string]string
	// LeaveLater leaves in the inbox, unread, the files whose names name
	// only months after Month (splitLater): the daemon's runs, which no one
	// watches, so that a roster dropped early waits for its own month's
	// tick. A run by hand reads them, with a ！！ (file_month_other).
	LeaveLater bool
	// Progress shows rows read and workbooks written; nil shows nothing.
	Progress *progress.Reporter
	// Quiet is the config's quiet_period: a file that will not open as a
	// workbook and was modified less than this before the run is taken to
	// be still copying (stillCopying), not rejected.
	Quiet time.Duration
	// Zone is the config's zone, whose calendar says which month is next
	// (a month after next is refused); nil is the host's. A host on UTC
	// at 01:00 on 1 December in Shanghai is still in November.
	Zone *time.Location
}

// folderFlags are the --inbox, --data and --rules flags shared by commands.
type folderFlags struct {
	inbox, data, rules string
}

func (f *folderFlags) register(cmd *cobra.Command, withInbox bool) {
	if withInbox {
		cmd.Flags().StringVar(&f.inbox, "inbox", "", "folder of roster workbooks (default ./inbox)")
	}
	cmd.Flags().StringVar(&f.data, "data", "", "data folder: disburse.db, out/, archive/, rejected/ (default ./data)")
	cmd.Flags().StringVar(&f.rules, "rules", "", "folder of subsidy rules YAML (default ./rules)")
}

// resolve merges flags over the config file over the defaults.
func (f *folderFlags) resolve(e *env) (Config, error) {
	cfg, err := ReadConfigFile(e.configPath)
	if err != nil {
		return cfg, usageError{err} // the operator's to fix, as a flag: exit 2
	}
	if f.inbox != "" {
		cfg.Inbox = f.inbox
	}
	if f.data != "" {
		cfg.Data = f.data
	}
	if f.rules != "" {
		cfg.Rules = f.rules
	}
	if cfg.LogFormat != "" && !e.logFormatSet || cfg.Zone != schedule.DefaultZone {
		format := e.logFormat
		if cfg.LogFormat != "" && !e.logFormatSet {
			format = cfg.LogFormat
		}
		l, err := newLogger(e.logOut, format, e.quiet, cfg.Zone)
		if err != nil {
			return cfg, err
		}
		e.log = l
	}
	return cfg, nil
}

// foldersApart returns a usage error, in Chinese, when the inbox and the
// data folder overlap so that a run would take the program's own files for
// rosters: the same folder (disburse.db moved to rejected/ as no
// workbook), or the inbox inside the data folder's out/, archive/ or
// rejected/ (its own outputs or archived rosters read). A data folder
// inside the inbox is no overlap: List skips folders, and Subfolders
// knows it as the program's own. Paths are compared as inbox.RealPath
// gives them; nil when apart.
func foldersApart(inboxDir, data string) error {
	in, d := inbox.RealPath(inboxDir), inbox.RealPath(data)
	if in == d {
		return usagef("收件箱与数据文件夹是同一个文件夹（%s）：运行会把其中的 disburse.db 当作花名册移走。请把收件箱和数据文件夹分开（配置文件的 inbox、data，或 --inbox、--data），未运行 (inbox and data folder are the same)", in)
	}
	for _, sub := range []string{"out", "archive", "rejected"} {
		rel, err := filepath.Rel(filepath.Join(d, sub), in)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return usagef("收件箱（%s）在数据文件夹的 %s 之中：运行会读到本程序自己写出或归档的文件。请另设收件箱，未运行 (inbox inside the data folder's %s)", in, sub, sub)
		}
	}
	return nil
}

// resolveMonth reads --month and the folders (flags over the config file
// over the defaults), the start of every command about one month.
func (f *folderFlags) resolveMonth(e *env, month string) (domain.Month, Config, error) {
	m, err := monthFlag(month)
	if err != nil {
		return domain.Month{}, Config{}, err
	}
	cfg, err := f.resolve(e)
	return m, cfg, err
}

func monthFlag(s string) (domain.Month, error) {
	if s == "" {
		return domain.Month{}, usagef("--month YYYY-MM is required")
	}
	m, err := domain.ParseMonth(s)
	if err != nil {
		return domain.Month{}, usageError{err}
	}
	return m, nil
}

func newRunCmd(e *env) *cobra.Command {
	var month string
	var replace, dropStreets bool
	var ff folderFlags
	cmd := &cobra.Command{
		Use:   "run --month YYYY-MM [--inbox DIR] [--data DIR]",
		Short: "Pay a month from the roster workbooks in the inbox",
		Long: `run reads every roster workbook in the inbox, computes the month's payments,
records them in DATA/disburse.db in one transaction and writes
DATA/out/YYYY-MM/<department>.xlsx and 异常清单.xlsx. Then it moves processed
workbooks to DATA/archive/YYYY-MM/ and rejected ones to DATA/rejected/YYYY-MM/
with a .txt giving the reason. If anything fails before the record is
committed, nothing is recorded and the inbox is untouched.

A month that already has a recorded run is refused unless --replace is given;
the replacing run is recorded as a new run and the old one stays.` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m, cfg, err := ff.resolveMonth(e, month)
			if err != nil {
				return err
			}
			sched, err := schedule.Parse(cfg.Schedule, cfg.Zone) // its zone's calendar says which month is next
			if err != nil {
				return usagef("配置中的时区 zone「%s」或计划 schedule 无法识别（例如 Asia/Shanghai）: %v", cfg.Zone, err)
			}
			sum, err := runMonth(cmd.Context(), runOptions{
				Month: m, Inbox: cfg.Inbox, Data: cfg.Data, Rules: cfg.Rules, Replace: replace, DropStreets: dropStreets, Now: time.Now, Progress: e.progress, Quiet: cfg.QuietPeriod, Zone: sched.Location,
			}, e.log)
			if sum != nil {
				sum.print(e.stdout)
				if n := len(summaryWarnings(sum)); err == nil && n > 0 {
					return &warnedError{month: sum.Month, runID: sum.RunID, warnings: n}
				}
			}
			return err
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "payout month, YYYY-MM (required)")
	cmd.Flags().BoolVar(&replace, "replace", false, "record a new run for a month that already has one (the old run stays)")
	cmd.Flags().BoolVar(&dropStreets, "drop-streets", false, "with --replace: allow leaving out whole streets the replaced run had")
	ff.register(cmd, true)
	return cmd
}

// summary is what a recorded run reports to the person who started it.
type summary struct {
	Month    domain.Month
	RunID    int64
	Replaced int64
	Benefits []benefitTotal
	Held     int // roster rows held
	// ListRows are the rows of agencies' lists that cannot be used
	// (roster.CodeStatusRowInvalid): told in 异常清单, but no roster row,
	// so not among Held, which staff match with the rosters' rows.
	ListRows int
	Unsent   int    // people with yuan lines but no 银行账号: on 无账号待处理, not in the bank files
	Withheld string // their yuan, as text with two decimals
	Heirs    int    // the dead whose money is recorded without an account on purpose, for their heirs (domain.Line.ByHand)
	ForHeirs string // that yuan, as text with two decimals
	// HeirsTold counts the lines of ForHeirs for a month an earlier run's
	// notice (death_month_unlisted) asked staff to pay the heirs by hand,
	// ForHeirsTold their yuan: paid then, they are paid twice.
	HeirsTold    int
	ForHeirsTold string
	// ByHand counts the notices of months owed to the heirs that no line
	// records and nothing will pay by itself (heirsByHand): staff pay
	// them by hand or not at all, so the summary says how many, and where.
	ByHand int
	// ToCheck counts the notices of earlier months a living senior may be
	// owed that nothing will pay by itself (livingByHand).
	ToCheck      int
	ToCheckCodes []string // their codes, in livingByHand's order
	Listed       int      // people the rosters list, their row not held (listedAndOwed)
	Duplicates   int      // rows paid once with another of the same person's (duplicate_identical)
	Owed         int      // of them, those with a line this month
	Missing      int      // paid last month, on no roster this month
	Absent       []absentStreet
	// Warnings are "file：message" of the rosters that may be an earlier
	// month's (staleRoster), of sheets left unread (sheetsNotRead), of roster sheets without a column that decides
	// money (column_dibao_missing, column_selfcare_missing,
	// roster.MissingColumnCode), and the streets written otherwise than last
	// month (street_respelled).
	Warnings []string
	HasPrev  bool
	// Gap is the month compared with when it is not the month before,
	// which has no run (gapText); zero otherwise.
	Gap      domain.Month
	Notices  int
	Finished string   // finishedText: what this command finished of an interrupted run first
	Rejected []string // "file: reason", files whose people are not paid this month
	Copies   []string // "file: reason", files refused as their people are read from another (readElsewhere)
	// RulesBeyond are the rules_before_window, rules_lowered_back and
	// rules_entry_removed notices: values entered since last month that
	// reach back beyond what arrears pay, or lower what months already run
	// paid, and values last month's rules had that these have not.
	RulesBeyond []string
	// RulesNew names the benefits whose table the month is the first to
	// pay (ratesFrom): one in force from its first day, or, for a monthly
	// or yearly benefit, from a day of the month before after its first.
	RulesNew []string
	// RulesBack are the rules_dated_back notices (CodeRulesDatedBack):
	// values entered since last month dated back into months run, whose
	// difference this month's 补发 pays.
	RulesBack   []string
	LeftOut     []string // "file: reason", files still being copied, left in the inbox
	Late        []string // files dropped into the inbox while the run read it: not read, left there (lateDrops)
	Changed     []string // files replaced in the inbox after they were read: paid as read, the new content left there (archiveInputs)
	Folders     []string // "folder/：message" of subfolders of the inbox with rosters in them, not read (inbox_subfolder)
	Dropped     []string // deaths, recoveries and training subsidies of the replaced run this one does not record (droppedByReplace, trainingDropped), as droppedText gives them
	Archived    int      // inputs moved to Archive
	RejectedTo  int      // rejected inputs moved to RejectDir, each with its reason
	Arrears     int      // 补发 lines for earlier approved months
	Recoveries  int      // 追回 lines for earlier approved months
	RecoveredIn string   // where they are: each department workbook with its count (recoveriesByWorkbook)
	Files       []string // workbooks written
	Archive     string
	RejectDir   string
}

// benefitTotal is a benefit's line of the run's summary: people and total
// (in the benefit's unit, as the 汇总 sheet counts them), and of that
// total the 补发 lines (arrears of earlier months) and their sum, said
// beside it: a total of 1000.00 for 9 people at 100 read as an error.
type benefitTotal struct {
	Name, Unit string
	Count      int
	Total      string
	Back       int    // 补发 lines in Total
	BackTotal  string // their sum
}

func (s *summary) print(w io.Writer) {
	if s.Finished != "" {
		fmt.Fprintln(w, s.Finished)
	}
	fmt.Fprintf(w, "%s 发放已记录：运行编号 %d", s.Month, s.RunID)
	if s.Replaced != 0 {
		fmt.Fprintf(w, "（替换运行 %d，旧记录保留）", s.Replaced)
	}
	fmt.Fprintln(w)
	for _, b := range s.Benefits {
		fmt.Fprintf(w, "  %s %7d 人  合计 %14s %s", runewidth.FillRight(b.Name, 18), b.Count, b.Total, domain.UnitText(b.Unit))
		if b.Back > 0 {
			fmt.Fprintf(w, "（含补发 %d 条 %s %s）", b.Back, b.BackTotal, domain.UnitText(b.Unit))
		}
		fmt.Fprintln(w)
	}
	if s.Listed > 0 {
		fmt.Fprintf(w, "花名册列入 %d 人（未暂缓）：有发放 %d 人，不符合任何补贴条件 %d 人（年龄、低保、自理能力、死亡日期等，原因可用 disburse explain 查看）", s.Listed, s.Owed, s.Listed-s.Owed)
		if s.Duplicates > 0 {
			// Rows and people told apart: without it 233 people and 6 held
			// rows did not add up to the 240 rows read.
			fmt.Fprintf(w, "；另有 %d 行是同一人已列入的重复行，按一人计（见「提示」duplicate_identical）", s.Duplicates)
		}
		fmt.Fprintln(w)
	}
	if s.Unsent > 0 {
		fmt.Fprintf(w, "有 %d 人共 %s 元未填银行账号，不在银行代发文件中（见 代发 文件夹中代发工作簿的「无账号待处理」表；补填账号后以后月份补发）\n", s.Unsent, s.Withheld)
	}
	if s.Heirs > 0 {
		fmt.Fprintf(w, "另有已故 %d 人共 %s 元（补发、本月去世而未填银行账号者的本月补贴，或结业后去世学员的家庭照护培训补贴）由继承人领取，不在银行代发文件中（名单见代发工作簿的「无账号待处理」表，其中的补发另见「补发清单」，请核实继承人后手工发放）\n", s.Heirs, s.ForHeirs)
		if s.HeirsTold > 0 {
			fmt.Fprintf(w, "  ！其中 %d 条共 %s 元所属月份，以前月份的提示（death_month_unlisted）可能已请手工补发：发放前请查该条说明，已补发的请勿再付\n", s.HeirsTold, s.ForHeirsTold)
		}
	}
	if s.ToCheck > 0 {
		fmt.Fprintf(w, "以前月份可能应发未发、程序不自动补发的 %d 条：见 %s 的「提示」表（%s），各条写明月份与金额；请逐条核实，确属应发的手工补发\n", s.ToCheck, exceptionsFile, strings.Join(s.ToCheckCodes, "、"))
	}
	if s.ByHand > 0 {
		fmt.Fprintf(w, "须向遗属手工补发、程序不会自动发放的月份 %d 条：见 %s 的「提示」表（%s），金额或参考金额在各条说明中；请核实后手工发放，发放后不必再录入\n", s.ByHand, exceptionsFile, strings.Join(heirsByHand, "、"))
	}
	fmt.Fprintf(w, "暂缓发放（异常）%d 行，提示 %d 条，拒收文件 %d 个", s.Held, s.Notices, len(s.Rejected)+len(s.Copies))
	if s.ListRows > 0 {
		fmt.Fprintf(w, "；另有部门名单中无法使用的 %d 行（见异常清单，不计入暂缓发放）", s.ListRows)
	}
	if n := len(s.Folders) + len(s.LeftOut); n > 0 { // on the 拒收文件 sheet too
		fmt.Fprintf(w, "，另有 %d 个未读取（子文件夹、链接、未复制完等，见下）", n)
	}
	fmt.Fprintln(w)
	if s.Arrears > 0 {
		fmt.Fprintf(w, "补发（以前已审批月份）%d 条：见 区民政局.xlsx 的「补发清单」\n", s.Arrears)
	}
	if s.Recoveries > 0 {
		fmt.Fprintf(w, "追回（死亡后已发放）%d 条：见 %s 的「追回清单」（另见 %s），请跟进追回\n", s.Recoveries, s.RecoveredIn, exceptionsFile)
	}
	if s.Gap.Valid() {
		fmt.Fprintln(w, "！！"+gapText(s.Month, s.Gap))
	}
	if !s.HasPrev {
		fmt.Fprintf(w, "上月（%s）没有发放记录，本月不作变动比较\n", s.Month.Prev())
	} else if s.Missing > 0 {
		fmt.Fprintln(w, missingText(s.Missing))
	}
	for _, a := range s.Absent {
		fmt.Fprintf(w, "  ！！%s，请确认是否漏报花名册（名单见 街道/%s.xlsx 的「待核实」表）\n", a, fileName(a.Street))
	}
	for _, r := range s.Warnings {
		fmt.Fprintf(w, "  ！！%s\n", r)
	}
	for _, r := range s.Rejected {
		fmt.Fprintf(w, "  ！！拒收（其中的人员本月未发放）%s\n", r)
	}
	for _, r := range s.Copies {
		fmt.Fprintf(w, "  拒收 %s\n", r)
	}
	for _, r := range s.LeftOut {
		fmt.Fprintf(w, "  ！！未纳入（仍在复制，留在收件箱）%s\n", r)
	}
	if len(s.Changed) > 0 {
		fmt.Fprintf(w, "  ！！读取以后在收件箱中被改动或替换的文件（本月按读取时的内容发放，读取时的内容已按 sha256 保存；新内容留在收件箱，未读取）：%s。如新内容才是本月的，请把它和 %s 中本月已处理的花名册一并放回收件箱，再运行 disburse run --month %s --replace（审批以前）\n",
			strings.Join(s.Changed, "、"), s.Archive, s.Month)
	}
	if len(s.Late) > 0 {
		fmt.Fprintf(w, "  ！！运行期间放入收件箱的文件未读取（留在收件箱），本月发放不含其中人员：%s。如属本月，请把它和 %s 中本月已处理的花名册一并放回收件箱，再运行 disburse run --month %s --replace（审批以前）\n",
			strings.Join(s.Late, "、"), s.Archive, s.Month)
	}
	for _, r := range s.Folders {
		fmt.Fprintf(w, "  ！！未读取（留在收件箱原处）%s\n", r)
	}
	for _, r := range s.Dropped {
		fmt.Fprintf(w, "  ！！%s\n", r)
	}
	for _, r := range s.RulesBeyond {
		fmt.Fprintf(w, "  ！！%s\n", r)
	}
	for _, r := range s.RulesNew {
		fmt.Fprintf(w, "本月起执行新标准：%s（标准见 disburse rules --month %s）\n", r, s.Month)
	}
	for _, r := range s.RulesBack {
		fmt.Fprintf(w, "追溯执行新标准：%s\n", r)
	}
	fmt.Fprintln(w, "输出文件：")
	for _, f := range s.Files {
		fmt.Fprintf(w, "  %s\n", f)
	}
	if s.Archived > 0 {
		fmt.Fprintf(w, "已处理的花名册（%d 个）移至 %s\n", s.Archived, s.Archive)
	}
	if s.RejectedTo > 0 {
		fmt.Fprintf(w, "拒收的文件（%d 个）移至 %s，旁附说明原因的 .txt\n", s.RejectedTo, s.RejectDir)
	}
}

// runMonth is the monthly run: rosters in the inbox -> lines -> one SQLite
// transaction -> workbooks -> archive. It returns an error, and records
// nothing and moves nothing, when the month cannot be paid as a whole. When
// the run is recorded but publishing a workbook or moving an input then
// fails, it returns the summary and an *afterCommitError.
func runMonth(ctx context.Context, o runOptions, log *slog.Logger) (*summary, error) {
	started := o.Now()
	log = log.With("month", o.Month.String())
	pr := o.Progress
	if pr == nil {
		pr = progress.Off()
	}
	pr.StopsWith(ctx)
	defer pr.Stop()
	today := started
	if o.Zone != nil {
		today = started.In(o.Zone)
	}
	if err := foldersApart(o.Inbox, o.Data); err != nil {
		return nil, err
	}
	if latest := domain.MonthOf(today).Next(); o.Month.After(latest) {
		return nil, fmt.Errorf("%s 晚于下月（%s），不能发放未来月份（refusing a month after next month）", o.Month, latest)
	}
	book, err := rules.Load(o.Rules)
	if err != nil {
		return nil, err
	}
	table, err := book.ForMonth(o.Month)
	if err != nil {
		return nil, err
	}
	if err := calc.Check(table); err != nil {
		return nil, err
	}
	if files, err := inbox.List(o.Inbox); err != nil {
		return nil, err
	} else if len(files) == 0 {
		_ = finishOnly(ctx, o, started, log) // logged; the empty inbox is the answer
		return nil, emptyInbox(o.Inbox, o.Data, recordedNote(ctx, o.Data, o.Month))
	}
	if err := inboxWritable(o.Inbox); err != nil {
		return nil, err
	}
	_, statErr := os.Stat(o.Data)
	lk, err := lock.Acquire(o.Data, "run "+o.Month.String(), started)
	if err != nil {
		return nil, err
	}
	defer lk.Release()
	// A data folder this run made, refused before its database is opened
	// (the inbox read by another run, or another data folder's), is taken
	// away again, lock and all: an empty folder holding only a lock would
	// look like a data folder to the next operator.
	leave := func(err error) (*summary, error) {
		if errors.Is(statErr, fs.ErrNotExist) {
			lk.Release()
			_ = os.Remove(filepath.Join(o.Data, lock.FileName))
			_ = os.Remove(o.Data) // only if empty
		}
		return nil, err
	}
	var busy *lock.BusyError
	if ilk, err := lock.AcquireInbox(o.Inbox); errors.As(err, &busy) {
		return leave(err)
	} else if err != nil {
		log.Warn("cannot lock the inbox: a run of another data folder could read it at the same time", "inbox", o.Inbox, "error", err)
	} else {
		defer ilk.Release()
	}
	var owned *lock.OwnedError
	if note, err := lock.InboxOwner(o.Inbox, o.Data); errors.As(err, &owned) {
		return leave(err)
	} else if err != nil {
		log.Warn("cannot read the inbox's claim: a run of another data folder could read it too", "inbox", o.Inbox, "error", err)
	} else if note != "" {
		log.Warn("the inbox is taken over by this data folder once the month is recorded", "inbox", o.Inbox, "note", note)
	}
	db, err := openData(ctx, o.Data)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	finished, err := finishRecorded(ctx, db, o, log)
	if err != nil {
		return nil, err
	}
	if a, ok, err := db.ApprovalOf(ctx, o.Month); err != nil {
		return nil, err
	} else if ok {
		return nil, fmt.Errorf("%s%s，不能重新计算或替换；更正请在以后月份以补发或追回处理: %w", finishedText(finished), alreadyApproved(o.Month, a), store.ErrMonthApproved)
	}
	prevRun, hadRun, err := db.LatestRun(ctx, o.Month)
	if err != nil {
		return nil, err
	} else if hadRun && !o.Replace {
		return nil, fmt.Errorf("%s%s 已有发放记录（运行编号 %d，%s）；如需重新计算请加 --replace，旧记录会保留: %w",
			finishedText(finished), o.Month, prevRun.ID, prevRun.FinishedAt.In(shanghai()).Format("2006-01-02 15:04 MST"), store.ErrMonthRecorded)
	} else if !hadRun {
		if err := outputsWithoutRun(o.Data, o.Month); err != nil {
			return nil, err
		}
	} else if err := approvedOnDisk(o.Data, o.Month); err != nil { // --replace of a month the database calls a draft
		return nil, err
	}
	files, err := inbox.List(o.Inbox)
	if err != nil {
		return nil, err
	}
	files, leftOut := splitLeftOut(files, o.LeftOut, o.Month)
	var later []domain.Finding
	if o.LeaveLater {
		files, later = splitLater(files, o.Month)
	}
	skipped := maps.Clone(o.LeftOut) // not read, left in the inbox: not dropped during the run (lateDrops)
	if skipped == nil {
		skipped = map[string]string{}
	}
	for _, f := range later {
		skipped[f.Where.File] = f.Code
	}
	if len(files) == 0 && len(leftOut)+len(later) > 0 {
		var why []string
		for _, f := range slices.Concat(leftOut, later) {
			why = append(why, f.Where.File+"："+f.Message)
		}
		return nil, fmt.Errorf("收件箱中的文件都未纳入，未生成发放：\n  %s\n（every file left out: nothing recorded）", strings.Join(why, "\n  "))
	}
	if len(files) == 0 {
		return nil, emptyInbox(o.Inbox, o.Data, recordedNote(ctx, o.Data, o.Month))
	}
	folders, err := subfolderFindings(o.Inbox, o.Data)
	if err != nil {
		return nil, err
	}
	for _, f := range folders {
		log.Warn("not read: a subfolder, a link, or a workbook named as a lock or temporary file", "code", f.Code, "name", f.Where.File)
	}
	defer gcForInput(files)()

	headers, err := roster.NewHeaders(book.HeaderAliases)
	if err != nil {
		return nil, err
	}
	read, err := readInbox(ctx, pr, files, o.Month, hadRun, headers, log)
	if err != nil {
		return nil, err
	}
	if err := stillCopying(files, read.rejections, started, o.Quiet); err != nil {
		return nil, err
	}
	if err := testHold(ctx, "after-read"); err != nil {
		return nil, err
	}
	if err := keepInputs(files, o.Data); err != nil {
		return nil, err
	}
	stale, err := staleInputs(ctx, db, files, read.rejected, o.Month)
	if err != nil {
		return nil, err
	}
	read.notices = append(read.notices, stale...)
	for _, f := range stale {
		log.Warn("roster may be another month's", "file", f.Where.File, "code", f.Code)
	}
	// Between reading and recording nothing is counted in rows: the steps
	// (checking against the record, merging the rosters, computing,
	// comparing with last month) are a task of their own, so that an
	// operator sees the run move on at a province's scale.
	checking := pr.Task("核对与计算", progress.UnitStep, checkSteps)
	record, err := loadOnRecord(ctx, db, o.Month, 0)
	if err != nil {
		return nil, err
	}
	if err := holdOnRecord(ctx, db, record, read.workbooks); err != nil {
		return nil, err
	}
	checking.Add(1)
	letters := roster.Columns(read.workbooks) // for withColumnLetters: Consolidate lets the rows go
	merged := roster.Consolidate(read.workbooks, o.Month)
	checking.Add(1)
	read.notices = slices.DeleteFunc(read.notices, func(f domain.Finding) bool {
		_, missing := roster.MissingColumnCode(f.Code)
		return missing && merged.SheetsPaidElsewhere[[2]string{f.Where.File, f.Where.Sheet}] // nobody is paid from it
	})
	trainees := traineesOf(read.workbooks) // for trainingDropped
	read.workbooks = nil                   // every row is in merged now: let the rows as read go
	people := merged.People
	if o.Replace && !o.DropStreets {
		if err := checkReplacedStreets(ctx, db, o, merged.Listings, read.rejected); err != nil {
			return nil, err
		}
	}
	findings := append(append(read.notices, mixedStreetFiles(merged.Listings)...), listedOfAge(table, o.Month, merged.Findings)...)
	prev, err := prevSnapshot(ctx, db, o.Month, nil)
	if err != nil {
		return nil, err
	}
	findings = fromEarlierTold(findings, merged.Listings, prev)
	findings = append(findings, read.rejections...)
	findings = slices.Concat(findings, leftOut, later)
	findings = append(findings, folders...)
	result, err := computeMonth(ctx, db, book, table, record, merged, prev)
	if err != nil {
		return nil, err
	}
	checking.Add(1)
	fromEarlierPaidBack(findings, merged.Listings, result.Lines)
	findings = slices.Concat(findings, result.findings, noAccount(result.Lines, noColumn(read.notices)), householdsAlike(result.Lines), diedInMonthPaid(o.Month, people, result.Lines))
	if err := heldNotPaidBack(table, o.Month, merged.Listings, merged.HeldCopies, result.Lines, findings); err != nil {
		return nil, err
	}
	beyond, err := ratesBeyondWindow(ctx, db, book, o.Month)
	if err != nil {
		return nil, err
	}
	if o.Replace {
		removed, err := replacedRulesRemoved(ctx, db, book, o.Month, beyond)
		if err != nil {
			return nil, err
		}
		beyond = append(beyond, removed...)
	}
	noAliases := aliasesMissing(book, o.Rules)
	findings = slices.Concat(findings, beyond, ratesMidMonth(book, o.Month), noAliases)
	var dropped []domain.Finding
	if o.Replace {
		if dropped, err = droppedByReplace(ctx, db, table, o.Month, result.recoveries, merged, record.deaths); err != nil {
			return nil, err
		}
		elsewhere, err := db.Claims(ctx, calc.TrainingCode, store.Others{Month: o.Month})
		if err != nil {
			return nil, err
		}
		training, err := trainingDropped(ctx, db, o.Month, trainees, elsewhere)
		if err != nil {
			return nil, err
		}
		dropped = append(dropped, training...)
		findings = append(findings, dropped...)
	}
	log.Info("computed", "people", len(people), "lines", len(result.Lines), "findings", len(findings))
	chg, err := changes.Compare(table, prev, &changes.Snapshot{Month: o.Month, Lines: result.Lines, Listings: merged.Listings, DeadOffRoster: merged.DeadOffRoster,
		StopsAnnounced: record.stopReasons(), DeathsOnRecord: record.deathDates()}, result.Decisions, findings)
	if err != nil {
		return nil, err
	}
	checking.Add(1)
	respelled := append(streetsSpelledApart(merged.Listings), streetsRespelled(chg.Transfers, merged.Listings)...)
	findings = withColumnLetters(append(findings, respelled...), letters)

	// A file dropped while the run read is recorded as not read, so that
	// status and approve repeat it; one dropped after this is in the
	// summary only (sum.Late, below).
	for _, name := range lateDrops(o.Inbox, files, skipped) {
		findings = append(findings, domain.Finding{Severity: domain.Rejected, Code: "file_late", Where: domain.Location{File: name},
			Message: fmt.Sprintf("运行期间放入收件箱，未读取，留在收件箱，其中的人员本月未发放。如属本月（%s），请把它和本月已处理的花名册（归档文件夹中）一并放回收件箱，再运行 disburse run --month %s --replace（审批以前）", o.Month, o.Month)})
	}
	outDir := filepath.Join(o.Data, "out", o.Month.String())
	rec := &store.RunRecord{
		Run: domain.Run{
			Month: o.Month, StartedAt: started, FinishedAt: o.Now(),
			RulesHash: book.Hash, SoftwareVersion: Version(), Inbox: inbox.RealPath(o.Inbox),
		},
		Rules: book.Files, Inputs: read.inputs, Lines: result.Lines, Findings: findings, Listings: merged.Listings,
		Recoveries: result.recoveries, Unlisted: unlisted(chg.Missing),
	}
	earlier, err := serviceEarlier(ctx, db, table, o.Month, people, time.Time{})
	if err != nil {
		return nil, err
	}
	checking.Add(1)
	checking.Finish()
	var staged []stagedFile
	var committing *progress.Task
	// The insert takes as long as the workbooks at a province's scale: it
	// is a task of its own, counting the rows recorded.
	recording := pr.Task("记录到数据库", "行", int64(rec.Rows()))
	rec.Progress = func(done, total int) { recording.Set(int64(done), int64(total)) }
	runID, err := db.SaveRun(ctx, rec, o.Replace, func(runID int64, inserted <-chan struct{}) error {
		var err error
		staged, err = writeWorkbooks(ctx, pr, outDir, table, o.Month, runID, book.Hash, "", result.Lines, calc.Services(table, o.Month, people, earlier), findings, merged.Listings, read.inputs, chg, result.recoveries, inserted)
		if err != nil {
			return err
		}
		if err := testHold(ctx, "before-commit"); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err // a signal before the commit records nothing
		}
		// The commit follows the insert and this, and at a province's
		// scale takes seconds (the log's pages copied into the database
		// file): a task of its own, not a full bar that does not end.
		<-inserted
		recording.Finish()
		committing = pr.Task("提交数据库", progress.UnitStep, 1)
		return nil
	})
	recording.Finish()
	if committing != nil {
		if err == nil {
			committing.Add(1)
		}
		committing.Finish()
	}
	if err != nil {
		removeStaged(staged)
		return nil, recordingFailed(ctx, log, err)
	}
	log = log.With("run_id", runID)
	log.Info("recorded", "lines", len(result.Lines), "findings", len(findings))
	// Recorded, the inbox is this data folder's: until the rosters are
	// archived (a kill now leaves them there), and for good.
	if err := lock.ClaimInbox(o.Inbox, o.Data, o.Now()); err != nil {
		log.Warn("cannot claim the inbox for this data folder: a run of another data folder could read it later", "inbox", o.Inbox, "error", err)
	}
	// After the commit nothing may undo the record, not even a signal:
	// failures below are reported, the run stands, and the next start
	// finishes what a crash left undone (finishRecorded).
	_ = testHold(context.Background(), "after-commit")

	sum := &summary{Month: o.Month, RunID: runID, Archive: filepath.Join(o.Data, "archive", o.Month.String()), RejectDir: filepath.Join(o.Data, "rejected", o.Month.String()), Finished: finishedText(finished)}
	if prev, ok, _ := db.LatestRun(ctx, o.Month); ok {
		sum.Replaced = prev.Replaces
	}
	var after []error
	if err := publish(outDir, staged, runID, sum.Replaced); err != nil {
		after = append(after, err)
	}
	for _, s := range staged {
		if _, err := os.Stat(s.final); err == nil {
			sum.Files = append(sum.Files, s.final)
		}
	}
	var archiveErrs []error
	sum.Archived, sum.RejectedTo, sum.Changed, archiveErrs = archiveInputs(files, read.rejected, read.rejectedCodes(), o, log)
	after = append(after, archiveErrs...)
	sum.Late = lateDrops(o.Inbox, files, skipped)
	for _, f := range sum.Late {
		log.Warn("file dropped into the inbox during the run: not read, left there", "file", f)
	}
	fillSummary(sum, table, result.Lines, findings, read)
	sum.Listed, sum.Owed = listedAndOwed(merged.Listings, result.Lines)
	sum.Missing, sum.HasPrev = len(chg.Missing), chg.HasPrev
	sum.Absent = absentStreets(chg.Prev, chg.Missing, listedStreets(merged.Listings))
	if chg.HasPrev && chg.Prev != o.Month.Prev() {
		sum.Gap = chg.Prev
	}
	for _, f := range noAliases {
		sum.Warnings = append(sum.Warnings, f.Message)
		log.Warn("the rules folder has no roster header aliases: rosters using one are refused", "message", f.Message)
	}
	for _, f := range respelled {
		if f.Code == "street_renamed" { // as asked: told plainly, in 提示
			log.Info("a street written otherwise than last month, one way throughout", "message", f.Message)
			continue
		}
		sum.Warnings = append(sum.Warnings, f.Message)
		log.Warn("a street written in several ways", "message", f.Message)
	}
	for _, f := range read.notices { // staleInputs' notices are among them
		if _, missing := roster.MissingColumnCode(f.Code); staleRoster(f.Code) || slices.Contains(sheetsNotRead, f.Code) || missing { // told; only a stale roster is a reason to refuse approval
			sum.Warnings = append(sum.Warnings, f.Where.File+"："+f.Message)
		}
	}
	for _, a := range sum.Absent {
		log.Warn("street paid last month has fewer people on this month's rosters than it has missing", "street", a.Street, "missing", a.People, "listed", a.Present)
	}
	sum.Arrears, sum.Recoveries, sum.RecoveredIn = result.arrears, len(result.recoveries), recoveriesByWorkbook(result.recoveries)
	for _, f := range leftOut {
		sum.LeftOut = append(sum.LeftOut, f.Where.File+": "+f.Message)
	}
	for _, f := range later {
		sum.Warnings = append(sum.Warnings, f.Where.File+"："+f.Message)
	}
	for _, f := range folders {
		sum.Folders = append(sum.Folders, f.Where.File+"："+f.Message)
	}
	for _, f := range dropped {
		sum.Dropped = append(sum.Dropped, droppedText(f))
	}
	for _, f := range beyond {
		if f.Code == CodeRulesDatedBack {
			sum.RulesBack = append(sum.RulesBack, f.Message)
			continue
		}
		sum.RulesBeyond = append(sum.RulesBeyond, f.Message)
	}
	sum.RulesNew = ratesFrom(table)
	if err := errors.Join(after...); err != nil {
		return sum, &afterCommitError{runID: runID, err: err}
	}
	return sum, nil
}

// checkSteps is how many steps the task 核对与计算 of a run counts:
// checking the rosters against the record, merging them, computing, comparing
// with the month before, and listing the services paid earlier.
const checkSteps = 5

// outputsWithoutRun returns an error when the month's output folder holds
// workbooks a run published, or its archive folder rosters a run archived,
// while the database has no run of month m:
// workbooks are published only after their run is recorded, so the
// database has lost it (restored from a backup older than the month, or
// replaced by another file), and a new run would record the month again as
// never paid and write over its workbooks, an approved bank file among
// them.
func outputsWithoutRun(data string, m domain.Month) error {
	published := filepath.Join(data, "out", m.String(), exceptionsFile)
	if _, err := os.Stat(published); err != nil {
		// The outputs moved away: the rosters a run archived say it too.
		archived := filepath.Join(data, "archive", m.String())
		if entries, err := os.ReadDir(archived); err != nil || len(entries) == 0 {
			return nil
		}
		return fmt.Errorf("数据库中没有 %s 的发放记录，但 %s 中有该月已归档的花名册：数据库可能是从较早的备份恢复的，或被换成了别的文件。重新运行会把该月当作从未发放、重复发放。请停止守护进程，恢复包含 %s 记录的最新备份；如确知该月从未发放，请先把该文件夹移走 (archived rosters of a month the database has no run of: refusing)",
			m, archived, m)
	}
	return fmt.Errorf("数据库中没有 %s 的发放记录，但 %s 中有该月已发布的工作簿：数据库可能是从较早的备份恢复的，或被换成了别的文件。重新运行会把该月当作从未发放、重复发放，并覆盖其中已审批的代发文件。请停止守护进程，恢复包含 %s 记录的最新备份；如确知该月从未发放，请先把 %s 移走 (outputs of a month the database has no run of: refusing)",
		m, filepath.Dir(published), m, filepath.Dir(published))
}

// approvedOnDisk returns an error when a bank file of month m's published
// workbooks says, in its title, that the month is approved, while the
// database has no approval of it: the database was restored from a
// backup older than the approval, and replacing or approving the month
// again would send the bank a second, different file for a month already
// sent. It reads the first row of each bank workbook only.
func approvedOnDisk(data string, m domain.Month) error {
	dir := filepath.Join(data, "out", m.String(), bankDir)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	for _, p := range paths {
		if strings.HasPrefix(filepath.Base(p), ".") {
			continue // staged, not published
		}
		title, err := firstCell(p)
		if err != nil || !strings.Contains(title, "已审批：") {
			continue
		}
		return fmt.Errorf("数据库中 %s 没有审批记录，但已发布的代发文件 %s 的标题说该月已审批（%s）：数据库可能是从审批以前的备份恢复的。已审批的月份不能替换或再次审批；请停止守护进程，恢复包含该审批的最新备份 (the bank file says the month is approved; the database does not: refusing)",
			m, p, title)
	}
	return nil
}

// firstCell returns the first non-empty cell of the first row of the first
// sheet of the workbook at path (a title), read with excelize's row
// iterator: a bank file of a province's month is a million rows.
func firstCell(path string) (string, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return "", nil
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return "", err
	}
	defer rows.Close()
	if !rows.Next() {
		return "", rows.Error()
	}
	cells, err := rows.Columns()
	for _, c := range cells {
		if c != "" {
			return c, err
		}
	}
	return "", err
}

// stillCopying refuses a run whose inbox was still being written while it
// read: a file whose size or modification time changed since it was listed,
// or one that would not open as a workbook (file_unreadable, or file_empty:
// 0 bytes) and was modified less than quiet before the run started (a copy
// not finished).
// Rejecting such a file would record the month without its street and move
// a file that is fine by the time anyone looks; refusing records nothing
// and leaves the inbox as it is, to be run again once the copy is done.
func stillCopying(files []inbox.File, rejections []domain.Finding, started time.Time, quiet time.Duration) error {
	unreadable := map[string]bool{}
	for _, f := range rejections {
		if f.Code == "file_unreadable" || f.Code == "file_empty" {
			unreadable[f.Where.File] = true
		}
	}
	var busy []string
	for _, f := range files {
		changed, err := f.Changed()
		switch {
		case err != nil:
			busy = append(busy, f.Name+"（读取后已不在收件箱："+err.Error()+"）")
		case changed:
			busy = append(busy, f.Name+"（读取期间仍在变化）")
		case unreadable[f.Name] && started.Sub(f.ModTime) < quiet:
			busy = append(busy, fmt.Sprintf("%s（无法打开，且%s内刚被修改）", f.Name, quiet))
		}
	}
	if len(busy) == 0 {
		return nil
	}
	return fmt.Errorf("收件箱中的文件可能仍在复制：%s；未记录任何发放，收件箱未改动，请待复制完成后重新运行（inbox still being written: nothing recorded）", strings.Join(busy, "、"))
}

// smallInput is the size of a month's rosters, in bytes, under which the
// collector is given more room (gcForInput): about 40,000 roster rows.
const smallInput = 3 << 20

// smallGCPercent is the GOGC of a small month: the heap grows to five times
// what is live before a collection, instead of twice. A district's month
// (12,000 rows) then runs in about 0.9 of the time at 150 MiB instead of
// 85 MiB; a city's would double its memory for 7% and is left alone.
const smallGCPercent = 400

// largeInput is the size of a month's rosters, in bytes, from which the
// collector is given less room (gcForInput): about 500,000 roster rows.
const largeInput = 40 << 20

// largeGCPercent is the GOGC of a large month: the heap grows to one and a
// half times what is live before a collection, instead of twice. At a
// province's million rows (about 1 GiB live while the workbooks are
// written) the peak falls from 2.3-2.4 GiB to 1.8 GiB for about the same
// time: the collector marks more often, but the process touches fewer
// fresh pages (less system time). At a city's 100,000 rows it saved a
// sixth of the memory for 6% more time, so a city keeps Go's default.
const largeGCPercent = 50

// gcForInput sets the collector for a month of files, when the operator
// has not set GOGC: smallGCPercent when they total under smallInput
// bytes, largeGCPercent from largeInput bytes. It returns the function
// that restores the setting (a daemon runs many months in one process).
func gcForInput(files []inbox.File) (restore func()) {
	var total int64
	for _, f := range files {
		total += f.Size
	}
	percent := 0
	switch {
	case os.Getenv("GOGC") != "":
	case total < smallInput:
		percent = smallGCPercent
	case total >= largeInput:
		percent = largeGCPercent
	}
	if percent == 0 {
		return func() {}
	}
	old := debug.SetGCPercent(percent)
	return func() { debug.SetGCPercent(old) }
}

// finishOnly finishes what a process killed after a commit left undone
// (finishRecorded: an approve's workbooks, a run's archiving) when nothing
// is to be run: a run with an empty inbox (running the month again, as
// staff are told to, finds its rosters archived), or the daemon when the
// due month is recorded. A data folder without a database, or busy (a run
// in progress finishes its own work), is left alone; a failure is logged,
// and returned, for the daemon to try again (daemon.check).
func finishOnly(ctx context.Context, o runOptions, now time.Time, log *slog.Logger) error {
	if _, err := os.Stat(filepath.Join(o.Data, "disburse.db")); err != nil {
		return nil
	}
	lk, err := lock.Acquire(o.Data, "finish "+o.Month.String(), now)
	if err != nil {
		return nil
	}
	defer lk.Release()
	db, err := store.Open(ctx, filepath.Join(o.Data, "disburse.db"))
	if err != nil {
		log.Error("cannot open the database", "error", err)
		return err
	}
	defer db.Close()
	if _, err := finishRecorded(ctx, db, o, log); err != nil {
		log.Error("cannot finish a recorded run", "month", o.Month.String(), "error", err)
		return err
	}
	return nil
}

// emptyInbox is the error of an inbox with no file to read; it names the
// subfolders holding rosters, if any, since those are not read, and adds
// recorded (from recordedNote), which says the month already has a run.
func emptyInbox(dir, data, recorded string) error {
	msg := fmt.Sprintf("收件箱 %s 中没有花名册文件，未生成发放", dir)
	if recorded != "" {
		msg += "；" + recorded
	}
	if subs, err := inbox.Subfolders(dir, data); err == nil && len(subs) > 0 {
		var names, links []string
		for _, s := range subs {
			if s.Link || s.Disguised {
				links = append(links, "「"+s.Name+"」")
			} else {
				names = append(names, "「"+s.Name+"」")
			}
		}
		if len(names) > 0 {
			msg += "；花名册在子文件夹" + strings.Join(names, "") + "中，子文件夹里的文件不会读取：请把它们移到收件箱本身（不要放在文件夹里）后重新运行"
		}
		if len(links) > 0 {
			msg += "；收件箱中的" + strings.Join(links, "") + "是链接（快捷方式）或以锁文件、临时文件的名字命名的工作簿，不读取：请把花名册本身以正常的文件名放入收件箱后重新运行"
		}
	}
	return errors.New(msg + "（empty inbox: nothing recorded）")
}

// recordedNote says, in Chinese for the operator, that month already has a
// run in the data folder data and where its rosters went: a run moves its
// rosters out of the inbox, so running the month again finds it empty. It is
// "" when the month has no run or the folder has no database (nothing is
// created to find out); a database that cannot be read is left to the run.
func recordedNote(ctx context.Context, data string, month domain.Month) string {
	path := filepath.Join(data, "disburse.db")
	if _, err := os.Stat(path); err != nil {
		return ""
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		return ""
	}
	defer db.Close()
	r, ok, err := db.LatestRun(ctx, month)
	if err != nil || !ok {
		return ""
	}
	note := fmt.Sprintf("%s 已有发放记录（运行编号 %d，%s），其花名册已移至 %s", month, r.ID,
		r.FinishedAt.In(shanghai()).Format("2006-01-02 15:04 MST"), filepath.Join(data, "archive", month.String()))
	if _, approved, err := db.ApprovalOf(ctx, month); err == nil && approved {
		return note + "；该月已审批，不能重新计算，查看请用 disburse payments / explain"
	}
	return note + "；查看请用 disburse payments / explain，重新计算请把花名册放回收件箱并加 --replace"
}

// subfolderFindings gives a finding (inbox_subfolder) for each folder of
// the inbox dir (but the data folder data, when it is one) holding files
// that look like rosters, one (inbox_ignored_name) for each workbook named
// as a lock or temporary file, and one (inbox_link) for
// each link in it: they are not read, so
// their people would be left out of the month without a word. The files
// are left where they are; the summary and approve repeat the finding
// with ！！.
func subfolderFindings(dir, data string) ([]domain.Finding, error) {
	subs, err := inbox.Subfolders(dir, data)
	if err != nil {
		return nil, err
	}
	var out []domain.Finding
	for _, s := range subs {
		if s.Disguised {
			out = append(out, domain.Finding{Severity: domain.Rejected, Code: "inbox_ignored_name", Where: domain.Location{File: s.Name},
				Message: fmt.Sprintf("收件箱中的「%s」是一个工作簿，但文件名是锁文件、临时文件或 Windows 系统文件的名字（以 ~$ 或 . 开头、以 .tmp 结尾，或 desktop.ini、Thumbs.db），按这类文件跳过，未读取，其中的人员本月没有发放。如是花名册，请改成正常的文件名后放入收件箱，再用 --replace 重新计算", s.Name)})
			continue
		}
		if s.Link {
			out = append(out, domain.Finding{Severity: domain.Rejected, Code: "inbox_link", Where: domain.Location{File: s.Name},
				Message: fmt.Sprintf("收件箱中的「%s」是一个链接（快捷方式），不是文件本身：链接不读取，它指向的花名册中的人员本月没有发放，链接留在原处未动。如应发放，请把文件本身复制到收件箱，再用 --replace 重新计算", s.Name)})
			continue
		}
		names := s.Files
		more := ""
		if len(names) > 5 {
			names, more = names[:5], fmt.Sprintf("等 %d 个", len(s.Files))
		}
		out = append(out, domain.Finding{Severity: domain.Rejected, Code: "inbox_subfolder", Where: domain.Location{File: s.Name + "/"},
			Message: fmt.Sprintf("收件箱中的文件夹「%s」里有 %d 个像花名册的文件（%s%s）：子文件夹中的文件不读取，其中的人员本月没有发放，文件留在原处未动。如应发放，请把这些文件移到收件箱本身（不要放在文件夹里），再用 --replace 重新计算；如不是本月的花名册，请把文件夹移出收件箱",
				s.Name, len(s.Files), strings.Join(names, "、"), more)})
	}
	return out, nil
}

// lateDrops names the files of the inbox dir that the run did not list
// (read) nor leave out on purpose (leftOut, by name): dropped while it
// ran. They are not read and stay in the inbox; the month is recorded
// without them.
func lateDrops(dir string, read []inbox.File, leftOut map[string]string) []string {
	now, err := inbox.Names(dir) // names only: the files are not read again
	if err != nil {
		return nil // the inbox unreadable now: its files were archived or are named already
	}
	var late []string
	for _, name := range now {
		if _, out := leftOut[name]; !out && !slices.ContainsFunc(read, func(r inbox.File) bool { return r.Name == name }) {
			late = append(late, name)
		}
	}
	return late
}

// splitLeftOut removes from files those named in leftOut (files not ready
// when the daemon's wait ran out) and returns a finding for each: they stay
// in the inbox and the run says so loudly.
func splitLeftOut(files []inbox.File, leftOut map[string]string, m domain.Month) ([]inbox.File, []domain.Finding) {
	if len(leftOut) == 0 {
		return files, nil
	}
	var keep []inbox.File
	var out []domain.Finding
	for _, f := range files {
		reason, skip := leftOut[f.Name]
		if !skip {
			keep = append(keep, f)
			continue
		}
		out = append(out, domain.Finding{Severity: domain.Rejected, Code: "file_not_ready", Where: domain.Location{File: f.Name},
			Message: "未纳入本月发放：" + reason + "。文件留在收件箱；如属本月（" + m.String() + "），请确认复制完成后，连同本月已处理的花名册（归档文件夹中）用 disburse run --month " + m.String() + " --replace 重新计算（审批以前），否则下次运行会把它当作下个月的花名册读取"})
	}
	return keep, out
}

// splitLater removes from files those whose name names a month after m
// and none before or equal to it (roster.MonthsNamed): a later month's
// roster dropped early, beside this month's. It returns a notice for each
// (file_month_later): the file is not read and stays in the inbox for its
// month, which would otherwise find it archived under this one, its
// people paid a month early from it.
func splitLater(files []inbox.File, m domain.Month) ([]inbox.File, []domain.Finding) {
	var keep []inbox.File
	var out []domain.Finding
	for _, f := range files {
		later, ok := namedOnlyLater(f.Name, m)
		if !ok {
			keep = append(keep, f)
			continue
		}
		out = append(out, domain.Finding{Severity: domain.Notice, Code: "file_month_later", Where: domain.Location{File: f.Name},
			Message: fmt.Sprintf("文件名写的是%s，晚于本次发放的%s：未读取，留在收件箱，届时按%s读取；如它其实是本月的花名册，请把文件名改为本月，再运行 disburse run --month %s --replace（审批以前）",
				later.Chinese(), m.Chinese(), later.Chinese(), m)})
	}
	return keep, out
}

// namedOnlyLater returns the first month a file's name names when it names
// months after m and none before or equal to it (roster.MonthsNamed), and
// false otherwise: a later month's roster dropped early.
func namedOnlyLater(name string, m domain.Month) (domain.Month, bool) {
	named := roster.MonthsNamed(name, m)
	if len(named) == 0 || slices.ContainsFunc(named, func(n domain.Month) bool { return !n.After(m) }) {
		return domain.Month{}, false
	}
	return named[0], true
}

// holdEnv names a test hook: "before-commit:PATH" or "after-commit:PATH"
// makes a run create PATH at that point and wait until PATH is removed (or,
// before the commit, until the run is cancelled). Tests use it to stop a real
// process at a known moment; it is never set in production.
const holdEnv = "DISBURSE_TEST_HOLD"

func testHold(ctx context.Context, stage string) error {
	v := os.Getenv(holdEnv)
	if !strings.HasPrefix(v, stage+":") {
		return nil
	}
	path := strings.TrimPrefix(v, stage+":")
	if err := os.WriteFile(path, []byte(stage), 0o644); err != nil {
		return err
	}
	for {
		if _, err := os.Stat(path); os.IsNotExist(err) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// copyName matches the names Windows, WPS and browsers give a copy of a
// file: "X - 副本.xlsx", "X - Copy.xlsx", "X(1).xlsx", "X (2).xlsx".
var copyName = regexp.MustCompile(`(副本|[Cc]opy|[(（]\d+[)）])\.[^.]*$`)

// keptCopies chooses, for each content in files (their SHA256: of the
// file's bytes, or of the rows read, roster.Workbook.RowsSHA256), the one
// file that is read: the first by name that is not named as a copy, a
// workbook before a CSV file (X.xlsx beside its export X.csv, which sorts
// first: the run's references then name the file the street keeps, its
// sheet, and an ID as the cell holds it), or else the first by name.
// Every other file of the same content is a duplicate.
func keptCopies(files []inbox.File) map[string]string {
	rank := func(name string) int {
		r := 0
		if copyName.MatchString(name) {
			r += 2
		}
		if strings.EqualFold(filepath.Ext(name), ".csv") {
			r++
		}
		return r
	}
	kept := map[string]string{}
	for _, f := range files {
		if k, ok := kept[f.SHA256]; !ok || rank(f.Name) < rank(k) {
			kept[f.SHA256] = f.Name
		}
	}
	return kept
}

// supplementWords in a file name say it adds people to the street's roster
// (东街街道11月补报.xlsx): read beside it, not taken for another version
// (sharedRosters) however many people it repeats. A repeated person is
// read as any duplicate: paid once when the rows agree, held when not.
var supplementWords = []string{"补报", "补充", "增补", "补录", "新增"}

// supplement reports whether a file name says it is a supplement
// (supplementWords).
func supplement(name string) bool {
	return slices.ContainsFunc(supplementWords, func(w string) bool { return strings.Contains(name, w) })
}

// minShared is the fewest IDs two rosters must share to be taken for two
// versions of one (sharedRosters): a few seniors who moved between streets
// are listed by both, legitimately.
const minShared = 5

// sharedRosters refuses, as versions of one roster that cannot be told
// apart (file_versions; file_sheet_copied when one has the other's people
// on sheets of their own beside its own, copiedSheets), each pair of
// workbooks whose roster rows share at
// least half the IDs of the smaller and at least minShared: a street's
// roster sent again, corrected, under a name no rule recognises (东街（更新）,
// 东街_v2, 东街新版). Read both, a senior the correction deleted (a death)
// would be paid from the old one, and nothing but notices of identical
// duplicates would say so. Refused, the street is named with ！！ and paid
// once staff keep one file and run again: with --replace when the month
// has a run, this one or one before it (hadRun: this run replaces it);
// when the versions are all there is to read and the month has none,
// nothing is recorded and the month is simply run again. The agencies'
// lists and training rosters are not compared: they list the same people
// as the rosters by design.
func sharedRosters(wbs []*roster.Workbook, m domain.Month, hadRun bool) map[string]*roster.RejectError {
	type seen struct{ first, last int } // workbook indexes, +1
	ids := map[string]seen{}
	count := make([]int, len(wbs))
	shared := map[[2]int]int{}
	for i, wb := range wbs {
		for j := range wb.Entries {
			id := wb.Entries[j].Person.ID
			if id == "" {
				continue
			}
			s, ok := ids[id]
			if ok && s.last == i+1 {
				continue // listed twice in this workbook: counted once
			}
			count[i]++
			if !ok {
				s.first = i + 1
			} else {
				shared[[2]int{s.first - 1, i}]++
			}
			s.last = i + 1
			ids[id] = s
		}
	}
	out := map[string]*roster.RejectError{}
	// The message of each version ends with how to run again, which
	// depends on whether anything is left to read (versionsAdvice).
	finish := map[string]func(again string) string{}
	versions := func(pair [2]int, n int) {
		a, b := wbs[pair[0]].Name, wbs[pair[1]].Name
		for _, name := range []string{a, b} {
			if out[name] != nil {
				continue // named with its first other version
			}
			out[name] = &roster.RejectError{File: name, Code: "file_versions"}
			said := otherMonthSaid(m, wbs[pair[0]], wbs[pair[1]])
			if msg := copiedSheetMessage(wbs[pair[0]], wbs[pair[1]], n); msg != "" {
				out[name].Code = "file_sheet_copied"
				finish[name] = func(again string) string { return msg + again }
				continue
			}
			finish[name] = func(again string) string {
				return fmt.Sprintf("「%s」与「%s」有 %d 个相同的公民身份号码（%d 人与 %d 人），像是同一花名册的两个版本，无法判断以哪个为准，均未读取：%s请只保留最终的一个文件后%s；如其中一个是补报名单（只增补人员），请在其文件名中注明「补报」后重新放入", a, b, n, count[pair[0]], count[pair[1]], said, again)
			}
		}
	}
	// The pairs that are two versions of one roster, in file order.
	var pairs [][2]int
	for _, pair := range slices.SortedFunc(maps.Keys(shared), func(a, b [2]int) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	}) {
		n := shared[pair]
		if n >= minShared && 2*n >= min(count[pair[0]], count[pair[1]]) && !supplement(wbs[pair[0]].Name) && !supplement(wbs[pair[1]].Name) {
			pairs = append(pairs, pair)
		}
	}
	// A file of another month paired with two others stands for a third
	// version: shared IDs are counted with the first file that lists them
	// only, so those two were never paired with each other.
	partners := map[string]int{}
	for _, pair := range pairs {
		partners[wbs[pair[0]].Name]++
		partners[wbs[pair[1]].Name]++
	}
	// Of two versions one of which names another month (last month's
	// roster left beside this month's), this month's is read: the other
	// says nothing this one does not, and refused alike the street would
	// go unpaid. Such pairs are settled last, once it is known whether
	// this month's is itself refused (a version of a third file).
	var staleOnes [][2]int
	for _, pair := range pairs {
		if lastMonths(wbs[pair[0]], wbs[pair[1]], m) || lastMonths(wbs[pair[1]], wbs[pair[0]], m) {
			staleOnes = append(staleOnes, pair)
			continue
		}
		versions(pair, shared[pair])
	}
	for _, pair := range staleOnes {
		stale, current := wbs[pair[0]], wbs[pair[1]]
		if !lastMonths(stale, current, m) {
			stale, current = current, stale
		}
		if out[current.Name] != nil || partners[stale.Name] > 1 {
			versions(pair, shared[pair]) // this month's is refused too, or has a version of its own: neither is read
			continue
		}
		if out[stale.Name] != nil {
			continue
		}
		other, where, _ := otherMonth(stale, m)
		out[stale.Name] = &roster.RejectError{File: stale.Name, Code: "file_superseded",
			Message: fmt.Sprintf("与「%s」有 %d 个相同的公民身份号码，像是同一花名册的两个版本；本文件的%s写的是%s，不是本次发放的%s，像是别的月份的花名册，按「%s」读取，本文件未读取；如本文件才是本月的，请只放入本文件，用 --replace 重新计算", current.Name, shared[pair], where, other.Chinese(), m.Chinese(), current.Name)}
	}
	again := versionsAdvice(m, hadRun || len(out) < len(wbs))
	for name, message := range finish {
		out[name].Message = message(again)
	}
	return out
}

// copiedSheets returns the sheets of wb whose people (by ID) other lists
// too, when they are all the people other lists in wb and wb has people
// on other sheets besides: another street's roster copied into wb beside
// its own (东街's workbook with a sheet 西街). nil otherwise.
func copiedSheets(wb, other *roster.Workbook) []string {
	theirs := map[string]bool{}
	for i := range other.Entries {
		theirs[other.Entries[i].Person.ID] = true
	}
	shared, own := map[string]bool{}, map[string]bool{}
	for i := range wb.Entries {
		p := &wb.Entries[i].Person
		switch {
		case p.ID == "":
		case theirs[p.ID]:
			shared[p.Source.Sheet] = true
		default:
			own[p.Source.Sheet] = true
		}
	}
	for s := range shared {
		if own[s] {
			return nil // a sheet of both: versions, or a sheet of people who moved
		}
	}
	if len(own) == 0 {
		return nil
	}
	var sheets []string
	for i := range wb.Entries {
		if s := wb.Entries[i].Person.Source.Sheet; shared[s] && !slices.Contains(sheets, s) {
			sheets = append(sheets, s)
		}
	}
	return sheets
}

// copiedSheetMessage is the refusal (file_versions) of two workbooks
// sharing n IDs when one holds the other's people on sheets of their own
// beside its own people (copiedSheets): not two versions of one roster,
// of which staff would keep one, leaving out the other's own street, but
// another roster copied in, whose sheets are to go. It ends where the
// advice to run again follows; "" when neither is such a copy.
func copiedSheetMessage(a, b *roster.Workbook, n int) string {
	host, copied := a, copiedSheets(a, b)
	if copied == nil {
		host, copied = b, copiedSheets(b, a)
	}
	if copied == nil {
		return ""
	}
	source := a
	if host == a {
		source = b
	}
	sheets := strings.Join(copied, "」「")
	return fmt.Sprintf("「%s」的工作表「%s」中的 %d 人都在「%s」中，像是把「%s」的花名册复制进了「%s」（该文件其他工作表另有人员），两个文件均未读取（如复制的是旧表，两份都读会给已删除的人发放）：请删除「%s」中的工作表「%s」（其中如有「%s」没有而本月应发放的人员，请并入「%s」），两个文件都保留，然后",
		host.Name, sheets, n, source.Name, source.Name, host.Name, host.Name, sheets, source.Name, source.Name)
}

// versionsAdvice says how to run month m again once one version of a
// roster is kept: with --replace when the month is recorded (this run
// records it, reading other files, or a run before it did), else as any
// first run of the month, since nothing was recorded.
func versionsAdvice(m domain.Month, recorded bool) string {
	if recorded {
		return "用 --replace 重新计算"
	}
	return fmt.Sprintf("重新运行 disburse run --month %s（本月还没有发放记录）", m)
}

// otherMonth returns the month other than m that wb's file name or title
// names (file_month_other, title_month_other), and where ("文件名" or
// "标题"); ok is false when it names m, or none. Most often it is last
// month's roster left in the inbox.
func otherMonth(wb *roster.Workbook, m domain.Month) (month domain.Month, where string, ok bool) {
	said, where := roster.MonthsNamed(wb.Name, m), "文件名"
	if len(said) == 0 {
		said, where = nil, "标题"
		for _, f := range wb.Notices {
			if f.Code == "title_month_other" { // 工作表「…」的名称或标题写的是2026年10月，本次发放的是…
				text, _, _ := strings.Cut(f.Message, "，本次发放")
				said = roster.MonthsNamed(text, m)
				break
			}
		}
	}
	if len(said) == 0 || slices.Contains(said, m) {
		return domain.Month{}, "", false
	}
	return said[0], where, true
}

// lastMonths reports whether wb is an earlier month's roster by its name
// (otherMonth: a month before m, and not m), and the other of a pair,
// current, is this month's by its file name: then current is read and wb
// refused as superseded. A title left at last month's in a file named for
// this month, a file naming no month, or one naming a later month (its
// own month's, to come) decides nothing: both are refused.
func lastMonths(wb, current *roster.Workbook, m domain.Month) bool {
	other, _, stale := otherMonth(wb, m)
	return stale && m.After(other) && slices.Contains(roster.MonthsNamed(current.Name, m), m)
}

// otherMonthSaid names, for a file_versions message, those of wbs whose
// file name or title names a month other than m (otherMonth), "" when
// none does.
func otherMonthSaid(m domain.Month, wbs ...*roster.Workbook) string {
	var b strings.Builder
	for _, wb := range wbs {
		if other, where, ok := otherMonth(wb, m); ok {
			fmt.Fprintf(&b, "「%s」的%s写的是%s，不是本次发放的%s，像是别的月份的花名册；", wb.Name, where, other.Chinese(), m.Chinese())
		}
	}
	return b.String()
}

// copyBase returns name without the mark of a copy (copyName: "X - 副本.xlsx",
// "X (2).xlsx" give "X.xlsx"), and whether it had one.
func copyBase(name string) (string, bool) {
	loc := copyName.FindStringIndex(name)
	if loc == nil {
		return name, false
	}
	return strings.TrimRight(name[:loc[0]], " -_－—") + filepath.Ext(name), true
}

// differingCopies returns the refusal (file_versions) of each of names, the
// files read, that is a copy of another by its name (copyBase: X.xlsx and
// X (2).xlsx, as a browser saves a second download and the archive keeps
// a name given twice) when their rows differ: the same rows were read once
// already (keptCopies), so these are two versions of one roster, and
// reading both would pay the people one of them deleted.
func differingCopies(names []string) map[string]*roster.RejectError {
	groups := map[string][]string{}
	copied := map[string]bool{}
	for _, n := range names {
		base, isCopy := copyBase(n)
		groups[base] = append(groups[base], n)
		copied[base] = copied[base] || isCopy
	}
	out := map[string]*roster.RejectError{}
	for base, all := range groups {
		if len(all) < 2 || !copied[base] {
			continue
		}
		for _, n := range all {
			out[n] = &roster.RejectError{File: n, Code: "file_versions",
				Message: "同一花名册有多个内容不同的文件（" + strings.Join(all, "、") + "，名称只差「副本」或编号），无法判断以哪个为准，均未读取：请只保留最终的一个文件后重新放入"}
		}
	}
	return out
}

// rosterVersions returns the refusal of each inbox file that another
// version of the same roster makes unreadable (roster.RevisionBase: X.xlsx,
// X_修改.xlsx, X（最终版）.xlsx). With one revision, the revision is read and
// the original refused (file_superseded). With several, which one is final
// cannot be known, and reading them all would pay the people a revision
// deleted: every version is refused (file_versions), naming them all.
func rosterVersions(files []inbox.File) map[string]*roster.RejectError {
	originals := map[string][]string{}
	revisions := map[string][]string{}
	for _, f := range files {
		if base, revised := roster.RevisionBase(f.Name); revised {
			revisions[base] = append(revisions[base], f.Name)
		} else {
			originals[base] = append(originals[base], f.Name)
		}
	}
	out := map[string]*roster.RejectError{}
	for base, revs := range revisions {
		all := append(append([]string(nil), originals[base]...), revs...)
		switch {
		case len(revs) == 1:
			for _, name := range originals[base] {
				out[name] = &roster.RejectError{File: name, Code: "file_superseded",
					Message: "同一花名册另有修改后的版本「" + revs[0] + "」，按修改后的版本读取，本文件未读取；如两份都应发放，请合并为一个文件后重新放入"}
			}
		default:
			for _, name := range all {
				out[name] = &roster.RejectError{File: name, Code: "file_versions",
					Message: "同一花名册有多个修改版本（" + strings.Join(all, "、") + "），无法判断以哪个为准，均未读取：请只保留最终的一个文件后重新放入"}
			}
		}
	}
	return out
}

// inboxRead is what reading every inbox file gave.
type inboxRead struct {
	workbooks  []*roster.Workbook
	inputs     []domain.InputFile
	notices    []domain.Finding
	rejections []domain.Finding
	rejected   map[string]string // file name -> reason
}

// elsewhere returns the names of the files refused because their people
// are read from another file of the inbox (readElsewhere).
// rejectedCodes gives the code of each file refused, by name.
func (r *inboxRead) rejectedCodes() map[string]string {
	out := map[string]string{}
	for _, f := range r.rejections {
		out[f.Where.File] = f.Code
	}
	return out
}

func (r *inboxRead) elsewhere() map[string]bool {
	out := map[string]bool{}
	for _, f := range r.rejections {
		if readElsewhere(f.Code) {
			out[f.Where.File] = true
		}
	}
	return out
}

// readElsewhere reports whether a file refused with code has its people
// read from another file of the inbox: the same file given twice
// (file_duplicate), or one its revision replaces (file_superseded, X.xlsx
// beside X_修改.xlsx). Its people are paid; no one is left out.
func readElsewhere(code string) bool { return code == "file_duplicate" || code == "file_superseded" }

// readInbox reads every file of the inbox, several at a time (rosters are
// independent; at most GOMAXPROCS at once), and gathers the results in
// file-name order, so the run is the same whatever the scheduling. Each file
// is a progress task counting rows read.
func readInbox(ctx context.Context, pr *progress.Reporter, files []inbox.File, month domain.Month, hadRun bool, headers *roster.Headers, log *slog.Logger) (*inboxRead, error) {
	type result struct {
		wb  *roster.Workbook
		err error
	}
	results := make([]result, len(files))
	jobs := make([]func() error, len(files))
	versions := rosterVersions(files)
	// Of identical files, the one kept is among those the revisions leave:
	// X.xlsx beside a byte-identical X_修改.xlsx was refused for its
	// revision, and the revision as X.xlsx's duplicate (a tester's street
	// went unpaid without a word).
	kept := keptCopies(slices.DeleteFunc(slices.Clone(files), func(f inbox.File) bool { return versions[f.Name] != nil }))
	for i, f := range files {
		if rej, ok := versions[f.Name]; ok {
			results[i].err = rej
			jobs[i] = func() error { return nil }
			continue
		}
		if name := kept[f.SHA256]; name != f.Name {
			results[i].err = &roster.RejectError{File: f.Name, Code: "file_duplicate",
				Message: "与「" + name + "」内容完全相同（同一文件交了两次），只按那一个文件读取"}
			jobs[i] = func() error { return nil }
			continue
		}
		jobs[i] = func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			task := pr.Task(f.Name, "行", 0)
			defer task.Finish()
			results[i].wb, results[i].err = roster.ReadFileProgress(f.Path, f.Name, month, headers, func(done, total int) {
				task.Set(int64(done), int64(total))
			})
			return nil
		}
	}
	if err := runAll(jobs, nil); err != nil {
		return nil, err
	}
	// A roster saved again (another name, other bytes, the same rows) is
	// the same roster given twice: read once, like a file given twice.
	var read []inbox.File
	for i, f := range files {
		if wb := results[i].wb; wb != nil && wb.RowsRead > 0 {
			read = append(read, inbox.File{Name: f.Name, SHA256: wb.RowsSHA256})
		}
	}
	kept = keptCopies(read)
	for i, f := range files {
		if wb := results[i].wb; wb != nil && wb.RowsRead > 0 && kept[wb.RowsSHA256] != f.Name {
			results[i].wb, results[i].err = nil, &roster.RejectError{File: f.Name, Code: "file_duplicate",
				Message: "与「" + kept[wb.RowsSHA256] + "」的人员行完全相同（同一花名册另存或导出了一份），只按那一个文件读取"}
		}
	}
	var names []string
	for i, f := range files {
		if results[i].wb != nil {
			names = append(names, f.Name)
		}
	}
	differing := differingCopies(names)
	for i, f := range files {
		if rej, ok := differing[f.Name]; ok {
			results[i].wb, results[i].err = nil, rej
		}
	}
	var wbs []*roster.Workbook
	for i := range files {
		if results[i].wb != nil {
			wbs = append(wbs, results[i].wb)
		}
	}
	overlapping := sharedRosters(wbs, month, hadRun)
	for i, f := range files {
		if rej, ok := overlapping[f.Name]; ok {
			results[i].wb, results[i].err = nil, rej
		}
	}
	r := &inboxRead{rejected: map[string]string{}}
	for i, f := range files {
		in := domain.InputFile{Name: f.Name, SHA256: f.SHA256, Size: f.Size}
		wb, err := results[i].wb, results[i].err
		var rej *roster.RejectError
		switch {
		case errors.As(err, &rej):
			in.Rejected, in.Reason = true, rej.Message
			r.rejections = append(r.rejections, rej.Finding())
			r.rejected[f.Name] = rej.Message
			if rej.Err != nil {
				log.Warn("roster rejected", "file", f.Name, "code", rej.Code, "error", rej.Err)
			} else {
				log.Warn("roster rejected", "file", f.Name, "code", rej.Code)
			}
		case err != nil:
			return nil, err
		default:
			in.RowsRead = wb.RowsRead
			r.workbooks = append(r.workbooks, wb)
			r.notices = slices.Concat(r.notices, wb.Notices, wb.MissingColumns)
			log.Info("roster read", "file", f.Name, "rows", wb.RowsRead)
		}
		r.inputs = append(r.inputs, in)
	}
	if len(r.workbooks) == 0 {
		var reasons []string
		for _, f := range files {
			reasons = append(reasons, f.Name+": "+r.rejected[f.Name])
		}
		return nil, fmt.Errorf("收件箱中没有可读取的花名册，未生成发放：\n  %s", strings.Join(reasons, "\n  "))
	}
	return r, nil
}

// rejectedAgain says, in the note beside a rejected file, how to pay its
// people once it is fixed: the month is recorded without it, so the fixed
// file goes back with the month's other rosters, from the archive, and the
// month is run again with --replace.
func rejectedAgain(data string, m domain.Month) string {
	return fmt.Sprintf("本月（%s）已按其余花名册记录发放，此文件中的人员未发放。更正后，请把它和 %s 中本月已处理的花名册一并放回收件箱，再运行 disburse run --month %s --replace（审批以前）；如本月已审批，未发的人员在以后月份列入时按补发处理。",
		m, filepath.Join(data, "archive", m.String()), m)
}

// archiveInputs moves the files read into the month's archive folder and
// those refused (rejected: name -> reason; codes: name -> code) into its
// rejected folder, each with a note of what to do: nothing for a file read
// from another, keeping one version for file_versions, else rejectedAgain.
// A file changed since it was read stays in the inbox (changed).
func archiveInputs(files []inbox.File, rejected map[string]string, codes map[string]string, o runOptions, log *slog.Logger) (archived, rejectedTo int, changed []string, errs []error) {
	for _, f := range files {
		// Kept by content before the commit (keepInputs); a file replaced
		// since it was read (its size or time not the ones listed) is not
		// the input: it stays in the inbox.
		if replaced, err := f.Changed(); err == nil && replaced {
			changed = append(changed, f.Name)
			log.Warn("roster changed in the inbox after it was read: left there", "file", f.Name)
			continue
		}
		var dst string
		var err error
		if reason, ok := rejected[f.Name]; ok {
			again := rejectedAgain(o.Data, o.Month)
			switch code := codes[f.Name]; {
			case readElsewhere(code):
				again = "此文件中的人员已按原因中所说的另一文件读取发放，无需处理。"
			case code == "file_versions":
				again = fmt.Sprintf("同一花名册的几个版本都未读取，其中的人员本月未发放。请只取最终的一个版本（不要几个都放），与 %s 中本月已处理的花名册一并放回收件箱，再运行 disburse run --month %s --replace（审批以前）。",
					filepath.Join(o.Data, "archive", o.Month.String()), o.Month)
			}
			dst, err = inbox.Reject(f.Path, filepath.Join(o.Data, "rejected", o.Month.String()), reason, again)
		} else {
			dst, err = inbox.Move(f.Path, filepath.Join(o.Data, "archive", o.Month.String()))
		}
		if err != nil {
			errs = append(errs, notArchived(f.Name, err, o.Month))
			continue
		}
		if _, ok := rejected[f.Name]; ok {
			rejectedTo++
		} else {
			archived++
		}
		log.Debug("moved", "file", f.Name, "to", dst)
	}
	return archived, rejectedTo, changed, errs
}

// notArchived is the error of a recorded month m's input name that could
// not be moved out of the inbox (err): what to fix, by its cause (a full
// disk, else the rights to write), and to run the month again, which
// finishes the archiving and records nothing twice.
func notArchived(name string, err error, m domain.Month) error {
	fix := "请让运行本程序的用户能写收件箱和数据文件夹后"
	if errors.Is(err, syscall.ENOSPC) {
		fix = "磁盘空间已满：请清理数据文件夹所在的磁盘后"
	}
	return fmt.Errorf("「%s」未能移出收件箱（%w）：本月发放已记录；%s，用同一月份再运行一次（disburse run --month %s），即补完归档，不会重复记录（stays in the inbox）", name, err, fix, m)
}

// keepInputs keeps every file of the month by its content (archive/sha256)
// before the run is recorded, so a re-run finds each input whatever
// happens to the file afterwards. A file whose content is no longer the
// one read (replaced in the inbox meanwhile) refuses the run, as a file
// still being copied does (stillCopying): nothing is recorded.
func keepInputs(files []inbox.File, data string) error {
	var changed []string
	for _, f := range files {
		err := inbox.KeepByContent(f.Path, contentDir(data), f.SHA256)
		switch {
		case errors.Is(err, inbox.ErrChanged):
			changed = append(changed, f.Name)
		case err != nil:
			return err
		}
	}
	if len(changed) == 0 {
		return nil
	}
	return fmt.Errorf("收件箱中的文件在读取以后被改动或替换：%s；未记录任何发放，收件箱未改动，请确认文件后重新运行（inbox changed while it was read: nothing recorded）", strings.Join(changed, "、"))
}

// contentDir is where inputs are kept by sha256 for re-runs.
func contentDir(data string) string { return filepath.Join(data, "archive", inbox.ByContentDir) }

func fillSummary(s *summary, t *rules.Table, lines []domain.Line, findings []domain.Finding, read *inboxRead) {
	byBenefit := map[string][]*domain.Line{}
	for i := range lines {
		byBenefit[lines[i].Benefit] = append(byBenefit[lines[i].Benefit], &lines[i])
	}
	for _, b := range t.Benefits {
		if domain.UnitText(b.Unit) == "" {
			continue // a service (items 4, 7, 12, 13-14, 15): no money, listed in its department's workbook
		}
		people, sum := report.Total(byBenefit[b.Code]) // counted as the 汇总 counts them
		if people == 0 && b.Period == "once" {
			continue // a one-off (the training subsidy) not claimed this month: nothing to say
		}
		back, backSum := 0, decimal.Zero
		for _, l := range byBenefit[b.Code] {
			if l.Corrects.Valid() {
				back, backSum = back+1, backSum.Add(l.Amount)
			}
		}
		s.Benefits = append(s.Benefits, benefitTotal{Name: b.Name, Unit: b.Unit, Count: people, Total: money.Format(sum, b.Unit),
			Back: back, BackTotal: money.Format(backSum, b.Unit)})
	}
	unsent, withheld := map[string]bool{}, decimal.Zero
	heirs, forHeirs, toldHeirs := map[string]bool{}, decimal.Zero, decimal.Zero
	for i := range lines {
		switch l := &lines[i]; {
		case l.Unit != domain.UnitYuan || l.Account != "":
		case l.ByHand(): // recorded without an account on purpose, as 无账号待处理's 说明 says (bankFile)
			heirs[l.PersonID] = true
			forHeirs = forHeirs.Add(l.Amount)
			if strings.Contains(l.Params.Note, "（death_month_unlisted）") { // its note warns it may be paid by hand already
				s.HeirsTold++
				toldHeirs = toldHeirs.Add(l.Amount)
			}
		default:
			unsent[l.PersonID] = true
			withheld = withheld.Add(l.Amount)
		}
	}
	s.Unsent, s.Withheld = len(unsent), money.Format(withheld, domain.UnitYuan)
	s.Heirs, s.ForHeirs, s.ForHeirsTold = len(heirs), money.Format(forHeirs, domain.UnitYuan), money.Format(toldHeirs, domain.UnitYuan)
	held := map[domain.Location]bool{}
	for _, f := range findings {
		switch f.Severity {
		case domain.Held:
			if f.Code == roster.CodeStatusRowInvalid {
				s.ListRows++
				continue
			}
			held[f.Where.WholeRow()] = true
		case domain.Notice:
			s.Notices++
			if slices.Contains(livingByHand, f.Code) {
				s.ToCheck++
				if !slices.Contains(s.ToCheckCodes, f.Code) {
					s.ToCheckCodes = append(s.ToCheckCodes, f.Code)
				}
			}
			if f.Code == "duplicate_identical" {
				s.Duplicates++
			}
			if slices.Contains(heirsByHand, f.Code) {
				s.ByHand++
			}
		}
	}
	s.Held = len(held)
	slices.SortFunc(s.ToCheckCodes, func(a, b string) int { return slices.Index(livingByHand, a) - slices.Index(livingByHand, b) })
	copies := read.elsewhere()       // read from another file: no one is left out
	for _, in := range read.inputs { // in file-name order, as read
		if reason, ok := read.rejected[in.Name]; ok && copies[in.Name] {
			s.Copies = append(s.Copies, in.Name+": "+reason)
		} else if ok {
			s.Rejected = append(s.Rejected, in.Name+": "+reason)
		}
	}
}

// heirsByHand are the codes of the notices of money owed to a dead
// senior's heirs that no payment line records and no later month pays by
// itself: a held month of someone whose row is gone (arrears_dead_unlisted)
// and a month of death with no row (death_month_unlisted). Told only in
// 提示, whose title says 仅供核对, they were easy to pass over: the summary
// counts them.
var heirsByHand = []string{"arrears_dead_unlisted", "death_month_unlisted"}

// livingByHand are the codes of the notices of an earlier month that a
// living senior may be owed and that no later month pays by itself
// (correction.Arrears' withheld months, the window's edge, a recovery too
// old to give back): each names the month and the amount, for staff to
// check and pay by hand. Told only in 提示 (仅供核对), they were as easy to
// pass over as the heirs': the summary counts them.
var livingByHand = []string{"arrears_after_stop", "arrears_before_added", "arrears_before_move_in", "arrears_conflict_unsettled",
	"arrears_first_listed_dead", "arrears_other_id", "arrears_status_unknown", "arrears_withheld_earlier", "arrears_window_edge", "arrears_window_edge_told",
	"arrears_recovered_outside_window", roster.CodeStatusFromEarlier}

// listedAndOwed counts the people listings list whose row is not held
// (one per ID: duplicates are paid once), and those of them with a line
// of lines (money or kWh, the month's own or 补发): the rest qualified for
// nothing, which the benefit totals do not show, so that staff can match
// the rosters' rows with the people paid, held and not owed.
func listedAndOwed(listings []domain.Listing, lines []domain.Line) (listed, owed int) {
	paid := map[string]bool{}
	for i := range lines {
		paid[lines[i].PersonID] = true
	}
	for _, l := range listings {
		if l.Held {
			continue
		}
		listed++
		if paid[l.Person.ID] {
			owed++
		}
	}
	return listed, owed
}

// afterCommitError reports a run that is recorded but whose workbooks or
// input moves did not all complete; the operator must finish them by hand
// (the message says what failed) before the next month.
type afterCommitError struct {
	runID int64
	err   error
}

// Error says the run is recorded and what failed after.
func (e *afterCommitError) Error() string {
	return fmt.Sprintf("运行 %d 已记录，但收尾未完成（发布工作簿或归档花名册失败）：请排除下述原因（如磁盘已满、文件夹无写权限）后再执行一次 disburse run --month 同一月份：它会补完收尾，随后提示该月已有发放记录，这是正常的，不会重复记录 (run %d IS RECORDED, but finishing it failed; fix this before the next run): %v", e.runID, e.runID, e.err)
}

// Unwrap returns what failed.
func (e *afterCommitError) Unwrap() error { return e.err }

// computed is what the engine makes of a month's consolidated rosters:
// every payment line (the month's own, then arrears of earlier approved
// months, then one-off training subsidies), the decisions behind the own
// lines, its findings (the engine's notices, training rows held, arrears
// withheld) and the recoveries to record.
type computed struct {
	Lines      []domain.Line
	Decisions  calc.Decisions
	findings   []domain.Finding
	recoveries []domain.Recovery
	arrears    int // how many of Lines are arrears
}

// countArrears is how many of lines are 补发 of an earlier month (a
// training claim recorded without an account, paid once it has one).
func countArrears(lines []domain.Line) int {
	n := 0
	for i := range lines {
		if lines[i].Corrects.Valid() {
			n++
		}
	}
	return n
}

// computeMonth applies the rules to a month, as both a run and a re-run of
// it must: the monthly benefits, the corrections of approved months before
// it (under book, today's rules for a run) and the training claims not paid
// before it. record is the month's record of other months (loadOnRecord,
// which names the month, and the run a re-run re-makes, 0 in a run: a
// re-run sees later months as that run saw them). prev is last month as
// read for the change lists, nil when it was not read; when it is approved
// the corrections use it as it is.
func computeMonth(ctx context.Context, db *store.DB, book *rules.Book, table *rules.Table, record *onRecord, merged roster.Result, prev *changes.Snapshot) (*computed, error) {
	m := record.month
	res, err := calc.Compute(table, m, merged.People)
	if err != nil {
		return nil, err
	}
	claims, err := db.Claims(ctx, calc.TrainingCode, store.Others{Month: m, AsOf: record.asOf}) // later months too: a month run late must not pay a claim again
	if err != nil {
		return nil, err
	}
	dead := record.deathDates() // a trainee is seldom on a roster: their death is on a list, or on record
	for _, p := range merged.DeadOffRoster {
		dead[p.ID] = p.Death
	}
	trainingLines, trainingHeld := calc.Trainings(table, m, merged.Trainings, merged.Listings, claims, dead)
	corr, err := corrections(ctx, db, book, record, res.Lines, merged, domain.ConfirmedAlive(merged.Findings), prev)
	if err != nil {
		return nil, err
	}
	// Money of someone who died within the month, with no account on their
	// row, is the heirs' at once (by hand), as it is in the months after.
	correction.MarkByHand(m, merged.People, res.Lines)
	correction.MarkByHand(m, merged.People, corr.arrears)
	return &computed{
		Lines:     append(append(res.Lines, corr.arrears...), trainingLines...),
		Decisions: res.Decisions, findings: append(append(res.Notices, trainingHeld...), corr.withheld...), recoveries: corr.recoveries, arrears: len(corr.arrears) + countArrears(trainingLines),
	}, nil
}

// corrected is the corrections a month makes to earlier approved months.
type corrected struct {
	arrears    []domain.Line
	withheld   []domain.Finding // arrears not paid by themselves (correction.Arrears)
	recoveries []domain.Recovery
}

// corrections computes the arrears and recoveries of month m against the
// approved months before it, under today's rules (so a rate entered with an
// earlier effective date is paid back), less what the runs of other months already
// corrected. merged is the month's rosters: its people, and the people its
// death lists name who are on no roster (recovered from too). alive is
// correction.Input.Alive. prev, when not nil, is a month already read
// (computeMonth).
func corrections(ctx context.Context, db *store.DB, book *rules.Book, record *onRecord, lines []domain.Line, merged roster.Result, alive map[string]bool, prev *changes.Snapshot) (*corrected, error) {
	m, asOf := record.month, record.asOf
	people := merged.People
	// Months within the longest arrears_months are looked at whole; older
	// ones only for unsent money and for the people who died.
	window := book.ArrearsWindow()
	var dead []string
	for i := range people {
		if !people[i].Death.IsZero() {
			dead = append(dead, people[i].ID)
		}
	}
	for _, p := range merged.DeadOffRoster {
		dead = append(dead, p.ID)
	}
	deadOnRecord, deadHeld := record.deadUnlisted(merged), record.deadHeld(merged)
	for _, l := range deadHeld {
		dead = append(dead, l.Person.ID)
	}
	for _, p := range deadOnRecord {
		dead = append(dead, p.ID)
	}
	var have []store.ApprovedMonth
	if prev != nil {
		have = append(have, store.ApprovedMonth{Month: prev.Month, RunID: prev.RunID, Lines: prev.Lines, Listings: prev.Listings})
	}
	approved, err := db.ApprovedMonths(ctx, m, func(a domain.Month) bool { return a.MonthsUntil(m) <= window }, dead, have)
	if err != nil {
		return nil, err
	}
	unpaid := diedUnlisted(m, deadOnRecord, merged.DeadOffRoster, prev, benefitName(book, m))
	later, err := db.ApprovedMonthsAfter(ctx, m, dead, asOf) // this month run late
	if err != nil || len(approved)+len(later) == 0 {
		return &corrected{withheld: unpaid}, err
	}
	done, err := db.CorrectedElsewhere(ctx, store.Others{Month: m, AsOf: asOf})
	if err != nil {
		return nil, err
	}
	told, err := toldBy(ctx, db, record, "arrears_dead_unlisted")
	if err != nil {
		return nil, err
	}
	in := &correction.Input{Month: m, Book: book, Lines: lines, People: people, Alive: alive, AccountsGiven: accountsGiven(merged.Listings, m, people), DeadOffRoster: merged.DeadOffRoster, DeadOnRecord: deadOnRecord, DeadHeld: deadHeld, MovedIn: roster.MovedInOf(merged.Findings), Added: roster.AddedOf(merged.Findings), OnLists: merged.OnLists,
		Done:   correction.Done{Arrears: done.Arrears, Recovered: done.Recovered, RecoveredLater: done.RecoveredLater},
		PaidIn: func(month domain.Month, ids []string) (map[string]bool, error) { return db.PaidIn(ctx, month, ids) },
		ListedBefore: func(month domain.Month, ids []string) (map[string]domain.Listed, error) {
			return db.ListedBefore(ctx, month, ids)
		}}
	for _, a := range approved {
		in.Past = append(in.Past, correction.Past{Month: a.Month, Lines: a.Lines, Listings: a.Listings, Meters: a.Meters, Held: a.Held})
	}
	in.DeadUnlistedTold = told
	if in.DeathMonthTold, err = toldBy(ctx, db, record, "death_month_unlisted"); err != nil {
		return nil, err
	}
	for _, a := range later {
		in.Later = append(in.Later, correction.Past{Month: a.Month, Lines: a.Lines, Meters: a.Meters})
	}
	if in.AliveSaid, in.AliveLater, err = aliveSaid(ctx, db, record); err != nil {
		return nil, err
	}
	in.DiedLater, in.DiedElsewhere = record.diedLater(), record.diedElsewhere()

	if in.StoppedFrom, in.WithheldUntil, err = heldBack(ctx, db, record); err != nil {
		return nil, err
	}
	if in.StopTold, err = toldBy(ctx, db, record, "arrears_after_stop"); err != nil {
		return nil, err
	}
	if in.EdgeTold, err = toldBy(ctx, db, record, "arrears_window_edge"); err != nil {
		return nil, err
	}
	arrears, withheld, err := correction.Arrears(in)
	if err != nil {
		return nil, err
	}
	recoveries, kept, err := correction.Recoveries(in)
	if err != nil {
		return nil, err
	}
	return &corrected{arrears: arrears, withheld: slices.Concat(withheld, unpaid, kept), recoveries: recoveries}, nil
}

// diedUnlisted gives a notice (death_month_unlisted) for each person of
// onRecord (record.deadUnlisted: a 死亡日期 on record, on no roster now) or
// of onList (this month's death lists' people on no roster) who died within
// month m: a death inside a month pays it, but with their row deleted (as
// staff do once told of a death) nothing computes it, and neither month
// nor the next would say so. Named and placed by their row of the month
// compared with (prev), when it had one; named, with the street, by prev's
// 待核实 when it listed them there instead. So is one who died within prev,
// or a month before it, while prev listed them on 待核实: the months from
// the last that paid them to the death's were not paid them either, and no
// arrears are computed for a month they were listed in nowhere. Each
// notice gives what the last month that paid them paid, by benefit (name
// gives a benefit's name), for staff to work the heirs' money out by.
func diedUnlisted(m domain.Month, onRecord, onList []domain.Person, prev *changes.Snapshot, name func(code string) string) []domain.Finding {
	rows := map[string]*domain.Person{} // prev's row of each of them: a few among a million
	if prev != nil && len(onRecord)+len(onList) > 0 {
		asked := make(map[string]bool, len(onRecord)+len(onList))
		for _, p := range slices.Concat(onRecord, onList) {
			asked[p.ID] = true
		}
		for _, l := range prev.Listings {
			if asked[l.Person.ID] {
				rows[l.Person.ID] = l.Person
			}
		}
	}
	var out []domain.Finding
	seen := map[string]bool{}
	for i, p := range slices.Concat(onRecord, onList) {
		if seen[p.ID] || p.Death.IsZero() {
			continue
		}
		seen[p.ID] = true
		said := "以前月份记载"
		if i >= len(onRecord) {
			said = "本月死亡名单记载"
		}
		died := domain.MonthOf(p.Death)
		switch u := unlistedAs(prev, p.ID); {
		case died == m:
			// A row deleted is said only of someone a month compared with
			// listed: a death list may name someone no roster ever had.
			deleted := ""
			if rows[p.ID] != nil || u != nil {
				deleted = "（行已删除）"
			}
			f := domain.Finding{Severity: domain.Notice, Code: "death_month_unlisted", AsWritten: p.ID,
				Message: fmt.Sprintf("%s此人死亡日期%s，在本月（%s）：死亡当月照发，但本月各花名册均未列入此人%s，本月未发放；如此人本月应享受补贴，请核实后向其遗属手工补发", said, p.Death.Format("2006-01-02"), m.Chinese(), deleted)}
			if row := rows[p.ID]; row != nil {
				f.Name, f.Where = row.Name, row.Source.WholeRow()
				f.Message += fmt.Sprintf("（%s的行在%s第%d行）", prev.Month, row.Source.File, row.Source.Row)
				if paid := paidText(prev.Lines, p.ID, name); paid != "" {
					f.Message += fmt.Sprintf("；%s发放%s，可供参考，以本月标准和年龄核算为准", prev.Month.Chinese(), paid)
				}
			} else if u != nil {
				f.Name = u.Name
				f.Message += fmt.Sprintf("（%s以后各花名册均未列入，已列入待核实；原属%s%s）", u.Since.Chinese(), u.Street, u.Community)
				if first := u.Since.Next(); first != m {
					// On no roster before this month too: those months
					// were lived in and paid nobody either.
					f.Message += fmt.Sprintf("；%s也未发放，同样应向其遗属手工补发", monthsText(first, m.Prev()))
				}
				f.Message += lastPaidNote(u, p.ID, name)
			}
			out = append(out, f)
		case u != nil && died.After(u.Since) && !died.After(prev.Month) && rows[p.ID] == nil:
			// On no roster from the month after u.Since (the last that
			// paid them) up to prev, on 待核实 each month, and dead within
			// one of those months: every month up to the death's was
			// lived in and paid nobody. Told once: with the death known,
			// they are on 待核实 no more.
			months := monthsText(u.Since.Next(), died)
			f := domain.Finding{Severity: domain.Notice, Code: "death_month_unlisted", Name: u.Name, AsWritten: p.ID,
				Message: fmt.Sprintf("%s此人死亡日期%s，在%s：死亡当月照发，但%s各花名册均未列入此人（列入了待核实；原属%s%s），未发放；如此人那时应享受补贴，请核实后向其遗属手工补发",
					said, p.Death.Format("2006-01-02"), died.Chinese(), months, u.Street, u.Community)}
			f.Message += lastPaidNote(u, p.ID, name)
			out = append(out, f)
		}
	}
	return out
}

// fromEarlierTold leaves out of findings each notice
// roster.CodeStatusFromEarlier (an agency's list giving a status from before
// the month) on a row whose person prev, the month before, listed with the
// same statuses that decide a rate: that month was paid by them (the list
// read then too, or the roster written since), and the notice, repeated
// every month the list came, asked staff to pay by hand months already
// paid. The first month the list fills the row keeps it.
func fromEarlierTold(findings []domain.Finding, listings []domain.Listing, prev *changes.Snapshot) []domain.Finding {
	if prev == nil || !slices.ContainsFunc(findings, func(f domain.Finding) bool { return f.Code == roster.CodeStatusFromEarlier }) {
		return findings
	}
	before := make(map[string]*domain.Person, len(prev.Listings))
	for _, l := range prev.Listings {
		if !l.Held {
			before[l.Person.ID] = l.Person
		}
	}
	at := rowsOf(listings)
	return slices.DeleteFunc(findings, func(f domain.Finding) bool {
		if f.Code != roster.CodeStatusFromEarlier {
			return false
		}
		now := at[f.Where.WholeRow()]
		was := (*domain.Person)(nil)
		if now != nil {
			was = before[now.ID]
		}
		// Two kinds of dibao pay alike: a list that says 城市低保 one month
		// and 农村低保 the next changed no rate.
		return was != nil && was.PaysAlike(now)
	})
}

// rowsOf maps the place of each row of listings (its file, sheet and row)
// to its person, for the findings placed on a row (domain.Finding.Where).
func rowsOf(listings []domain.Listing) map[domain.Location]*domain.Person {
	at := make(map[domain.Location]*domain.Person, len(listings))
	for _, l := range listings {
		at[l.Person.Source.WholeRow()] = l.Person
	}
	return at
}

// recordingFailed is the error of a run whose record was not committed
// (err): a signal's (ctx.Err()) when the run was stopped by one, whatever
// err says: the insert may fail on a statement the cancellation closed
// (sql: statement is closed; transaction has already been committed or
// rolled back) before it sees the context, and the operator, told that in
// English, took it for a commit. Nothing was committed either way.
func recordingFailed(ctx context.Context, log *slog.Logger, err error) error {
	if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		log.Info("stopped by a signal while recording", "error", err)
		return ctx.Err()
	}
	return err
}

// inboxWritable returns an error, in Chinese for the operator, when the
// process may not write inbox folder dir: a recorded run moves the rosters
// it read out of the inbox and writes there the claim of its data folder
// (lock.ClaimInbox). Refused neither, a run recorded the month, left the
// rosters where they were and claimed nothing, and a run of another data
// folder paid the month again; so such a run records nothing.
func inboxWritable(dir string) error {
	if err := mayWrite(dir); err != nil {
		return fmt.Errorf("收件箱 %s 不可写（%v）：运行记录以后要把已处理的花名册移出收件箱，并在收件箱中记下所属的数据文件夹，否则这些花名册会被再次读取、同一月份可能重复发放；未运行。请给运行程序的用户（或守护进程 serve 的用户）收件箱的写权限后再运行 (inbox not writable)", dir, err)
	}
	return nil
}

// mayWrite reports, as access(2) with W_OK, whether the process may write
// in dir; a variable, so that a test run as root (whom access lets write
// anywhere) can stand in a folder it may not.
var mayWrite = func(dir string) error { return syscall.Access(dir, 2 /* W_OK */) }

// monthsText says the months from first to last as staff read them:
// 2026年10月, or 2026年10月至2026年11月.
func monthsText(first, last domain.Month) string {
	if first == last {
		return first.Chinese()
	}
	return first.Chinese() + "至" + last.Chinese()
}

// fromEarlierPaidBack adds to each notice roster.CodeStatusFromEarlier of
// findings (the earlier months were paid as their rosters were, to be paid
// by hand if owed) the months this month's lines pay its person back as
// 补发 anyway (a month held then and corrected now is paid by the statuses
// known now): asked to pay every earlier month by hand, staff paid those
// twice.
func fromEarlierPaidBack(findings []domain.Finding, listings []domain.Listing, lines []domain.Line) {
	if !slices.ContainsFunc(findings, func(f domain.Finding) bool { return f.Code == roster.CodeStatusFromEarlier }) {
		return
	}
	at := rowsOf(listings)
	back := map[string][]domain.Month{}
	for _, l := range lines {
		if l.Corrects.Valid() && !slices.Contains(back[l.PersonID], l.Corrects) {
			back[l.PersonID] = append(back[l.PersonID], l.Corrects)
		}
	}
	for i := range findings {
		f := &findings[i]
		if f.Code != roster.CodeStatusFromEarlier {
			continue
		}
		p := at[f.Where.WholeRow()]
		if p == nil || len(back[p.ID]) == 0 {
			continue
		}
		months := back[p.ID]
		slices.SortFunc(months, func(a, b domain.Month) int { return a.First().Compare(b.First()) })
		var said []string
		for _, m := range months {
			said = append(said, m.Chinese())
		}
		f.Message += "；其中" + strings.Join(said, "、") + "本月已补发（见补发清单），不要再手工补发"
	}
}

// benefitName gives a benefit's name on sheets from its code, by the rules
// of month m under book (every benefit is in every month's tables); the
// code itself when it has none.
func benefitName(book *rules.Book, m domain.Month) func(code string) string {
	var names map[string]string
	if t, err := book.ForMonth(m); err == nil {
		names = benefitNames(t, "")
	}
	return func(code string) string {
		if n, ok := names[code]; ok {
			return n
		}
		return code
	}
}

// lastPaidNote is what a death_month_unlisted notice of someone on 待核实
// (u) adds: what the last month that paid them paid, for reference; ""
// when it paid them nothing.
func lastPaidNote(u *changes.Missing, id string, name func(code string) string) string {
	if paid := paidText(u.LastLines, id, name); paid != "" {
		return fmt.Sprintf("（%s最后一次发放%s，可供参考，以各月标准和年龄核算为准）", u.Since.Chinese(), paid)
	}
	return ""
}

// paidText says what lines paid person id in yuan, by benefit (name gives
// a benefit's name from its code), arrears left out: 高龄津贴76.67元、
// 护理补贴100.00元; "" when nothing. A month owed to the heirs that no run
// computes (death_month_unlisted) is paid by hand at about that.
func paidText(lines []domain.Line, id string, name func(code string) string) string {
	var parts []string
	for _, l := range lines {
		if l.PersonID == id && l.Unit == domain.UnitYuan && !l.Corrects.Valid() {
			parts = append(parts, name(l.Benefit)+money.Format(l.Amount, l.Unit)+"元")
		}
	}
	return strings.Join(parts, "、")
}

// recoveriesByWorkbook says where recs are listed: the 追回清单 of each
// department's workbook, with their count when more than one workbook has
// some (区民政局.xlsx 1 条、国网晋城供电公司城区供电中心.xlsx 1 条), in
// the order of recs. A summary saying 2 条 beside a 追回清单 of 1 sent a
// newcomer looking for the other, a kWh one in the power-supply centre's
// workbook.
func recoveriesByWorkbook(recs []domain.Recovery) string {
	var depts []string
	count := map[string]int{}
	for _, r := range recs {
		if count[r.Department] == 0 {
			depts = append(depts, r.Department)
		}
		count[r.Department]++
	}
	if len(depts) == 1 {
		return depts[0] + ".xlsx"
	}
	parts := make([]string, len(depts))
	for i, d := range depts {
		parts[i] = fmt.Sprintf("%s.xlsx %d 条", d, count[d])
	}
	return strings.Join(parts, "、")
}

// unlistedAs returns the person id as prev's run listed them on 待核实, nil
// when it did not (or there is no prev).
func unlistedAs(prev *changes.Snapshot, id string) *changes.Missing {
	if prev == nil {
		return nil
	}
	for i := range prev.Unlisted {
		if prev.Unlisted[i].PersonID == id {
			return &prev.Unlisted[i]
		}
	}
	return nil
}

// listedOfAge returns findings without the notices on list rows of people
// no roster lists (roster.CodeStatusNotOnRoster) who are younger in 周岁
// at the end of month m than every band of table's benefits and services
// begins (min_age, turns_age): a city's 低保名册 lists every age, and only
// a senior of an age the rules pay may be one left out. With no band
// giving an age, every such notice is kept.
func listedOfAge(table *rules.Table, m domain.Month, findings []domain.Finding) []domain.Finding {
	youngest, any := 0, false
	for _, b := range table.Benefits {
		for _, band := range b.Version.Bands {
			for _, age := range []*int{band.MinAge, band.TurnsAge} {
				if age != nil && (!any || *age < youngest) {
					youngest, any = *age, true
				}
			}
			if band.MinAge == nil && band.TurnsAge == nil {
				return findings // a band of every age
			}
		}
	}
	if !any {
		return findings
	}
	return slices.DeleteFunc(findings, func(f domain.Finding) bool {
		id, err := idnumber.Parse(f.AsWritten)
		return f.Code == roster.CodeStatusNotOnRoster && err == nil && domain.Age(id.Birth(), m.Last()) < youngest
	})
}

// accountsGiven maps each 银行账号 on the row of one of people who died
// (the only accounts correction.Input.AccountsGiven is asked about) to an
// ID whose row this month's rosters give it on, held or not, leaving out
// the rows of people dead before month m, who claim no account. A map of
// every account took 72 MB at a province's scale, for a few hundred asked.
func accountsGiven(listings []domain.Listing, m domain.Month, people []domain.Person) map[string]string {
	asked := map[string]bool{}
	for i := range people {
		if p := &people[i]; !p.Death.IsZero() && p.BankAccount != "" {
			asked[p.BankAccount] = true
		}
	}
	out := map[string]string{}
	for _, l := range listings {
		p := l.Person
		if !asked[p.BankAccount] || !p.Death.IsZero() && p.Death.Before(m.First()) {
			continue
		}
		if _, ok := out[p.BankAccount]; !ok {
			out[p.BankAccount] = p.ID
		}
	}
	return out
}

// aliveSaid returns, by ID, the months whose runs (as of record's) paid a
// row on its 健在 against a 死亡日期 on record: of those before record's
// month, the latest (correction.Input.AliveSaid); of those after it, the
// earliest (correction.Input.AliveLater).
func aliveSaid(ctx context.Context, db *store.DB, record *onRecord) (before, after map[string]domain.Month, err error) {
	found, err := db.FindingsElsewhere(ctx, store.Others{Month: record.month, AsOf: record.asOf}, domain.CodeDeathOnRecordAlive)
	if err != nil {
		return nil, nil, err
	}
	before, after = map[string]domain.Month{}, map[string]domain.Month{}
	for _, f := range found { // oldest month first
		id := idnumber.Of(f.AsWritten)
		switch {
		case id == "":
		case record.month.After(f.Month):
			before[id] = f.Month
		case f.Month.After(record.month):
			if _, ok := after[id]; !ok {
				after[id] = f.Month
			}
		}
	}
	return before, after, nil
}

// CodeRulesDatedBack is the code of the notice on a value of the rules
// entered or changed since the latest run of a month before, dated back
// into a month already run and within its arrears_months: the months run
// stay as they were, and this month's 补发 pays them the difference. The
// summary says so under 追溯执行新标准, beside 本月起执行新标准.
const CodeRulesDatedBack = "rules_dated_back"

// ratesBeyondWindow gives a notice (rules_before_window) for each value of
// the rules entered or changed since the latest run of a month before m
// (book against the rules that run recorded) that takes effect before the
// earliest month its benefit's arrears_months lets m pay back: a rise
// entered late reaches back only so far, and the months before are not
// paid their difference by themselves; and one (CodeRulesDatedBack) for
// each such value dated back into a month run within that reach, whose
// difference this month pays. Staff are told once, in the month the value
// was entered. It gives, too, rulesRemoved's notices of values
// that run's rules had and book has not. It gives none when no month
// before m was run.
func ratesBeyondWindow(ctx context.Context, db *store.DB, book *rules.Book, m domain.Month) ([]domain.Finding, error) {
	prev, ok, err := db.LatestMonthBefore(ctx, m)
	if err != nil || !ok {
		return nil, err
	}
	earlier, _, err := latestRunRules(ctx, db, prev)
	if err != nil || earlier == nil {
		return nil, err
	}
	var out []domain.Finding
	for _, e := range book.EnteredSince(earlier) {
		b, v := e.Benefit, e.Version
		if b.ArrearsMonths == nil || b.Period == "once" {
			continue
		}
		if f := loweredBack(earlier, b, v, prev); f != nil {
			out = append(out, *f)
		}
		first := m.Back(*b.ArrearsMonths)          // the earliest month m may pay back
		from := domain.MonthFrom(v.Effective.Time) // the first month the value pays: a month goes by its first day's rate
		if !from.After(prev) && !first.After(from) {
			out = append(out, domain.Finding{Severity: domain.Notice, Code: CodeRulesDatedBack,
				Message: fmt.Sprintf("「%s」的标准（%s起执行，第%s项）是%s的发放以后才录入或更改的，早于本月：已发放的月份不变，%s以来已发放各月高出原标准的差额随本月补发（见补发清单，explain 可查每笔）",
					b.Name, v.Effective.Format("2006-01-02"), v.Item, prev, from)})
		}
		if !first.After(from) {
			continue
		}
		out = append(out, domain.Finding{Severity: domain.Notice, Code: "rules_before_window",
			Message: fmt.Sprintf("「%s」的标准（%s起执行，第%s项）是%s的发放以后才录入或更改的，早于本月可补发的最早月份%s（补发最多%d个月）：%s至%s各月按此标准的差额不自动补发，如应补发，请核实后手工补发",
				b.Name, v.Effective.Format("2006-01-02"), v.Item, prev, first, *b.ArrearsMonths, from, first.Prev())})
	}
	return append(out, rulesRemoved(earlier, book, prev.String(), nil)...), nil
}

// replacedRulesRemoved gives a notice (rules_entry_removed) for each value
// the run being replaced, month m's latest, used that book no longer has
// on its date, but for those told already (told, ratesBeyondWindow's, of
// the month before): a month run with a rise and replaced with an old copy
// of the rules folder, or without --rules, would pay the old rate again
// and its 补发 of the months before would be gone, told nowhere.
func replacedRulesRemoved(ctx context.Context, db *store.DB, book *rules.Book, m domain.Month, told []domain.Finding) ([]domain.Finding, error) {
	replaced, runID, err := latestRunRules(ctx, db, m)
	if err != nil || replaced == nil {
		return nil, err
	}
	return rulesRemoved(replaced, book, fmt.Sprintf("被替换的本月运行（运行%d）", runID), told), nil
}

// latestRunRules returns the rules month m's latest run recorded, and the
// run's ID; nil when m has no run, or its rules were recorded in an older
// format (nothing to compare with). recordedTable gives a run's table.
func latestRunRules(ctx context.Context, db *store.DB, m domain.Month) (*rules.Book, int64, error) {
	run, ok, err := db.LatestRun(ctx, m)
	if err != nil || !ok {
		return nil, 0, err
	}
	files, err := db.RunRules(ctx, run.ID)
	if err != nil {
		return nil, 0, err
	}
	book, err := rules.FromFiles(files)
	if err != nil {
		return nil, 0, nil // recorded in an older format
	}
	return book, run.ID, nil
}

// aliasesMissing gives a notice (rules_no_header_aliases) when the rules
// folder dir has no *.headers.yaml file: roster headers are then known by
// their standard names and the built-in aliases only, and a roster using
// an alias README lists (用电户号, 注销日期) is refused as an unknown header,
// its message sending staff to a file that is not there. Told with ！！ in
// the summary.
func aliasesMissing(book *rules.Book, dir string) []domain.Finding {
	if len(book.HeaderAliases) > 0 {
		return nil
	}
	return []domain.Finding{{Severity: domain.Notice, Code: "rules_no_header_aliases",
		Message: "规则目录 " + dir + " 中没有 roster.headers.yaml（花名册表头的别名）：用别名作表头的花名册（如用电户号、注销日期）会被拒收；请从程序的 rules/ 中复制该文件"}}
}

// ratesFrom names, as 高龄津贴（清单第1项，2026-11-01起）, each benefit of
// t whose table in force t's month is the first to pay: one that took
// effect on the month's first day (an entry added to rules/ for this
// month), or, for a monthly or yearly benefit, after the first day of the
// month before (domain.MonthFrom: a month goes by its first day's rate).
// The run's summary says so, for the operator and the auditor who would
// otherwise see the new amounts only in the workbooks.
func ratesFrom(t *rules.Table) []string {
	var out []string
	for _, b := range t.Benefits {
		if b.Version == nil {
			continue
		}
		first := b.Version.Effective.Time.Equal(t.Month.First())
		if b.Period == "month" || b.Period == "year" { // a month goes by its first day's rate: one from the 15th of last month is first paid now
			first = domain.MonthFrom(b.Version.Effective.Time) == t.Month
		}
		if first {
			out = append(out, fmt.Sprintf("%s（清单第%s项，%s起）", b.Name, b.Version.Item, b.Version.Effective.Format("2006-01-02")))
		}
	}
	return out
}

// ratesMidMonth gives a notice (rules_mid_month) for each value of a
// monthly or yearly benefit of book that takes effect after the first day
// of m and within it: m is paid by the value in force on its first day, as
// every month is, and the new one from the month after. Staff who entered
// a date inside the month are told, in 提示, rather than left to find the
// old amount paid.
func ratesMidMonth(book *rules.Book, m domain.Month) []domain.Finding {
	var out []domain.Finding
	for i := range book.Benefits {
		b := &book.Benefits[i]
		if b.Period != "month" && b.Period != "year" {
			continue
		}
		for _, v := range b.Values {
			if day := v.Effective.Time; day.After(m.First()) && !day.After(m.Last()) {
				out = append(out, domain.Finding{Severity: domain.Notice, Code: "rules_mid_month",
					Message: fmt.Sprintf("「%s」另有%s起执行的标准（第%s项）：按月发放的补贴按每月1日执行的标准计算，%s仍按原标准发放，新标准自%s起发放；如本月应按新标准发放，请把执行日期改为%s后用 --replace 重新计算",
						b.Name, day.Format("2006-01-02"), v.Item, m.Chinese(), m.Next().Chinese(), m.First().Format("2006-01-02"))})
			}
		}
	}
	return out
}

// rulesRemoved gives a notice (rules_entry_removed) for each value of
// earlier, the rules a run recorded (by names it: 2026-10 for the latest
// run of the month before), that book no longer has on its date, but for
// one a notice of told names already: a copy of the rules folder older than
// the one the months before used pays their old rates, and nothing else
// would say so (a benefit's file missing refuses the run). A value changed
// in place on its date is told as entered (ratesBeyondWindow), not here.
func rulesRemoved(earlier, book *rules.Book, by string, told []domain.Finding) []domain.Finding {
	var out []domain.Finding
	for _, e := range earlier.EnteredSince(book) {
		b, v := e.Benefit, e.Version
		i := slices.IndexFunc(book.Benefits, func(x rules.Benefit) bool { return x.Code == b.Code })
		if i < 0 || slices.ContainsFunc(book.Benefits[i].Values, func(x rules.Version) bool { return x.Effective.Equal(v.Effective.Time) }) {
			continue
		}
		entry := fmt.Sprintf("「%s」的标准（%s起执行，第%s项）", b.Name, v.Effective.Format("2006-01-02"), v.Item)
		if slices.ContainsFunc(told, func(f domain.Finding) bool {
			return f.Code == "rules_entry_removed" && strings.HasPrefix(f.Message, entry)
		}) {
			continue
		}
		out = append(out, domain.Finding{Severity: domain.Notice, Code: "rules_entry_removed",
			Message: fmt.Sprintf("%s%s的发放用过，本次的规则目录中没有：如规则目录用错（例如旧的副本，或忘了给 --rules），请改用正确的规则目录，再用 run --replace 重新计算本月", entry, by)})
	}
	return out
}

// loweredBack gives a notice (rules_lowered_back) when v, a value of b
// entered since the run of month prev that used earlier, took effect in a
// month already run (prev or before) and lowers an amount of a band of the
// value earlier had in force that day (matched by label; dibao amounts
// too). Arrears pay only differences upward: what the months from v's to
// prev paid beyond v is never recovered by itself, so staff are told, once,
// in the month the value was entered. It returns nil otherwise.
func loweredBack(earlier *rules.Book, b *rules.Benefit, v *rules.Version, prev domain.Month) *domain.Finding {
	from := domain.MonthFrom(v.Effective.Time) // a month goes by its first day's rate
	if from.After(prev) {
		return nil // paid from this month on: no month was paid otherwise
	}
	i := slices.IndexFunc(earlier.Benefits, func(o rules.Benefit) bool { return o.Code == b.Code })
	if i < 0 {
		return nil
	}
	was, err := earlier.Benefits[i].InForce(v.Effective.Time)
	if err != nil {
		return nil // nothing was in force then: nothing was paid
	}
	unit := "元"
	if b.Unit == domain.UnitKWh {
		unit = "千瓦时"
	}
	var lower []string
	for _, nb := range v.Bands {
		j := slices.IndexFunc(was.Bands, func(ob rules.Band) bool { return ob.Label == nb.Label })
		if j < 0 {
			continue
		}
		ob := was.Bands[j]
		if nb.Amount.LessThan(ob.Amount.Decimal) {
			lower = append(lower, fmt.Sprintf("%s由%s%s降为%s%s", nb.Label, money.Format(ob.Amount.Decimal, b.Unit), unit, money.Format(nb.Amount.Decimal, b.Unit), unit))
		}
		if nb.DibaoAmount != nil && ob.DibaoAmount != nil && nb.DibaoAmount.LessThan(ob.DibaoAmount.Decimal) {
			lower = append(lower, fmt.Sprintf("%s（低保）由%s%s降为%s%s", nb.Label, money.Format(ob.DibaoAmount.Decimal, b.Unit), unit, money.Format(nb.DibaoAmount.Decimal, b.Unit), unit))
		}
	}
	if len(lower) == 0 {
		return nil
	}
	return &domain.Finding{Severity: domain.Notice, Code: "rules_lowered_back",
		Message: fmt.Sprintf("「%s」的标准（%s起执行，第%s项）是%s的发放以后才录入或更改的，比当时执行的标准低（%s，%s）：%s至%s各月已按原标准发放，多发的差额不自动追回，如应追回，请核实后手工处理",
			b.Name, v.Effective.Format("2006-01-02"), v.Item, prev, strings.Join(lower, "，"), map[string]string{"month": "每月", "year": "每年"}[b.Period], from, prev)}
}

// streetsSpelledApart gives a notice (street_respelled) for each street
// that this month's rosters write in more than one way (东街街道, 东街 and
// 东街办事处: domain.StreetStem), with how many people each: each
// spelling gets a street copy of its own, and the summary's street totals
// split the street, so the street would check and sign a copy missing some
// of its people. The spelling most people have (of equals, the longest)
// is the one asked for. The summary repeats it with ！！; the amounts are
// not affected.
func streetsSpelledApart(listings []domain.Listing) []domain.Finding {
	stems := streetSpellings(listings)
	// The people of a street written several ways only (a month of a
	// million listings mostly has none).
	people := map[string]map[string]bool{} // spelling -> IDs
	for _, spellings := range stems {
		if len(spellings) > 1 {
			for _, s := range spellings {
				people[s] = map[string]bool{}
			}
		}
	}
	if len(people) == 0 {
		return nil
	}
	names := map[string][]string{} // spelling -> the first names, in payment order
	for _, l := range listings {
		if ids := people[l.Person.Street]; ids != nil && !ids[l.Person.ID] {
			ids[l.Person.ID] = true
			names[l.Person.Street] = append(names[l.Person.Street], l.Person.Name)
		}
	}
	var out []domain.Finding
	for _, stem := range slices.Sorted(maps.Keys(stems)) {
		spellings := stems[stem]
		if len(spellings) < 2 {
			continue
		}
		slices.SortFunc(spellings, func(a, b string) int {
			return cmp.Or(cmp.Compare(len(people[b]), len(people[a])), cmp.Compare(len(b), len(a)), strings.Compare(a, b))
		})
		var each, copies []string
		for i, sp := range spellings {
			one := fmt.Sprintf("「%s」%d 人", sp, len(people[sp]))
			if i > 0 { // the rows to correct, named
				shown := names[sp][:min(5, len(names[sp]))]
				one += "（" + strings.Join(shown, "、")
				if len(names[sp]) > len(shown) {
					one += " 等"
				}
				one += "）"
			}
			each = append(each, one)
			copies = append(copies, "街道/"+fileName(sp)+".xlsx")
		}
		out = append(out, domain.Finding{Severity: domain.Notice, Code: "street_respelled",
			Message: fmt.Sprintf("本月花名册把同一街道写成了 %d 种（%s）：像是同一街道的不同写法，各有街道副本（%s），汇总表的街道合计也分开计算，街道核对时会少人；请统一为「%s」后用 --replace 重新计算",
				len(spellings), strings.Join(each, "、"), strings.Join(copies, "、"), spellings[0])})
	}
	return out
}

// streetSpellings returns, by street stem (domain.StreetStem), the ways
// listings write that street, each once, in the order first listed.
func streetSpellings(listings []domain.Listing) map[string][]string {
	stems := map[string][]string{}
	seen := map[string]bool{}
	for _, l := range listings {
		if s := l.Person.Street; s != "" && !seen[s] {
			seen[s] = true
			stem := domain.StreetStem(s)
			stems[stem] = append(stems[stem], s)
		}
	}
	return stems
}

// streetsRespelled gives a notice (street_respelled) for each pair of
// streets between which people moved from last month (the change list's
// transfers) whose names differ only by a suffix (西街街道 and 西街): one
// street written otherwise, which makes its people 跨街道转移 and gives it a
// street copy of its own. The summary repeats it with ！！; the amounts are
// not affected. A street this month's rosters write one way only (listings:
// every row of the stem gives the new spelling, none the old) was
// respelled on purpose, as the month before's streetsSpelledApart asked:
// told plainly (street_renamed, no ！！), not asked to go back. One they
// write several ways is told by streetsSpelledApart alone, which asks for
// the commonest: asked here to go back to last month's spelling as well,
// staff read opposite advice in one summary.
func streetsRespelled(transfers []changes.Change, listings []domain.Listing) []domain.Finding {
	type pair struct{ from, to string }
	people := map[pair]map[string]bool{}
	var order []pair
	for _, c := range transfers {
		p := pair{c.OldStreet, c.Street}
		if p.from == p.to || domain.StreetStem(p.from) != domain.StreetStem(p.to) {
			continue
		}
		if people[p] == nil {
			people[p] = map[string]bool{}
			order = append(order, p)
		}
		people[p][c.PersonID] = true
	}
	if len(order) == 0 {
		return nil
	}
	spellings := streetSpellings(listings)
	var out []domain.Finding
	for _, p := range order {
		sp := spellings[domain.StreetStem(p.to)]
		if len(sp) > 1 {
			continue // written several ways this month: streetsSpelledApart asks for one
		}
		if len(sp) == 1 && sp[0] == p.to {
			out = append(out, domain.Finding{Severity: domain.Notice, Code: "street_renamed",
				Message: fmt.Sprintf("本月花名册统一把上月的「%s」写作「%s」（%d 人因此列为跨街道转移，金额不受影响）：如是同一街道，无需处理，以后月份请沿用「%s」",
					p.from, p.to, len(people[p]), p.to)})
			continue
		}
		out = append(out, domain.Finding{Severity: domain.Notice, Code: "street_respelled",
			Message: fmt.Sprintf("本月花名册把上月的「%s」写作「%s」（%d 人，列为跨街道转移，另有街道副本 街道/%s.xlsx）：像是同一街道的不同写法，请统一为「%s」后用 --replace 重新计算",
				p.from, p.to, len(people[p]), fileName(p.to), p.from)})
	}
	return out
}

// toldBy returns, by ID, the months other than record's whose runs (as
// of record: store.Others) gave a notice of code about the person, oldest
// first.
func toldBy(ctx context.Context, db *store.DB, record *onRecord, code string) (map[string][]domain.Month, error) {
	found, err := db.FindingsElsewhere(ctx, store.Others{Month: record.month, AsOf: record.asOf}, code)
	if err != nil {
		return nil, err
	}
	out := map[string][]domain.Month{}
	for _, f := range found {
		if id := idnumber.Of(f.AsWritten); id != "" && !slices.Contains(out[id], f.Month) {
			out[id] = append(out[id], f.Month)
		}
	}
	for _, ms := range out {
		slices.SortFunc(ms, func(a, b domain.Month) int { return a.First().Compare(b.First()) })
	}
	return out, nil
}

// heldBack returns what keeps unlisted months of a person from being paid
// back by themselves (correction.Input): the stops earlier 备注 announced
// (record.stops), from the month they took effect until the month they
// were resumed, if they were; and the latest earlier month whose run held
// back the person's unlisted months as before a move in, before they were
// newly listed, as first listed dead, or as of statuses not known
// (arrears_status_unknown: a later run, the row before it beyond the
// arrears window, would pay it by this month's row).
func heldBack(ctx context.Context, db *store.DB, record *onRecord) (stopped map[string]correction.Period, withheld map[string]correction.Withholding, err error) {
	m, asOf := record.month, record.asOf
	stopped = make(map[string]correction.Period, len(record.stops))
	for id, s := range record.stops {
		stopped[id] = correction.Period{From: s.from, Until: s.until}
	}
	withheld = map[string]correction.Withholding{}
	for _, code := range []string{"arrears_before_move_in", "arrears_before_added", "arrears_first_listed_dead", "arrears_status_unknown"} {
		found, err := db.FindingsElsewhere(ctx, store.Others{Month: m, AsOf: asOf}, code)
		if err != nil {
			return nil, nil, err
		}
		for _, f := range found {
			if id := idnumber.Of(f.AsWritten); id != "" && m.After(f.Month) && f.Month.After(withheld[id].Month) {
				withheld[id] = correction.Withholding{Month: f.Month, Code: code}
			}
		}
	}
	return stopped, withheld, nil
}
