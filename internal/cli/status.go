package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"

	"disburse/internal/calc"
	"disburse/internal/domain"
	"disburse/internal/inbox"
	"disburse/internal/lock"
	"disburse/internal/money"
	"disburse/internal/roster"
	"disburse/internal/rules"
	"disburse/internal/schedule"
	"disburse/internal/store"
)

func newStatusCmd(e *env) *cobra.Command {
	var ff folderFlags
	cmd := &cobra.Command{
		Use:   "status [--config FILE] [--inbox DIR] [--data DIR]",
		Short: "Show the last runs, the next scheduled run and what waits in the inbox",
		Long: `status prints the last runs (month, when, lines, totals, held rows), the last
attempts of the daemon (including failures that recorded nothing), whether a
run is in progress, the next scheduled time and the files waiting in the
inbox with whether each is complete.` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := ff.resolve(e)
			if err != nil {
				return err
			}
			if err := printStatus(cmd.Context(), e.stdout, cfg, time.Now()); err != nil {
				return err
			}
			if lostDatabase(cfg.Data) != nil {
				// Said above with ！！; a monitor that reads the exit
				// status alone learns of the records lost too.
				return fmt.Errorf("发放记录（disburse.db）已丢失，见上面的 ！！：请从备份恢复后再运行 (the database is lost)")
			}
			return nil
		},
	}
	ff.register(cmd, true)
	return cmd
}

// dataWriteError returns why nothing can be written in the data folder
// data, or nil when something can, or when the folder does not exist yet
// (the first run makes it).
func dataWriteError(data string) error {
	if _, err := os.Stat(data); err != nil {
		return nil
	}
	return writeError(data)
}

// lowDiskSpace is the least free space, in bytes, below which status warns
// of the data folder's disk: 100 MiB, a district's month many times over,
// though not a city's or a province's (monthNeeds).
const lowDiskSpace = 100 << 20

// spacePerRosterByte is how many bytes of the data folder's disk a month
// takes per byte of its rosters, at the most: a city's month of 16 MB of
// rosters grew the database by 73 MB, took 76 MB of write-ahead log while
// it was committed, and wrote 29 MB of workbooks and 16 MB of archive
// (about 12 times; 15 for a margin).
const spacePerRosterByte = 15

// monthNeeds is the free space, in bytes, that status asks of the data
// folder's disk: spacePerRosterByte times the rosters of the latest month
// archived in data, and lowDiskSpace at least. A city's month needs about
// 200 MB, and status kept quiet above 100 MiB while the next run filled the
// disk after its commit.
func monthNeeds(data string) uint64 {
	months, _ := filepath.Glob(filepath.Join(data, "archive", "[0-9][0-9][0-9][0-9]-[0-9][0-9]"))
	slices.Sort(months)
	var rosters uint64
	if len(months) > 0 {
		files, _ := os.ReadDir(months[len(months)-1])
		for _, f := range files {
			if info, err := f.Info(); err == nil && info.Mode().IsRegular() {
				rosters += uint64(info.Size())
			}
		}
	}
	return max(lowDiskSpace, spacePerRosterByte*rosters)
}

// freeSpace is statfsFree; a variable, so that tests do not depend on the
// machine's free space.
var freeSpace = statfsFree

// statfsFree returns the bytes an unprivileged process may still write on
// the disk of dir (statfs(2)), and false when it cannot be told.
func statfsFree(dir string) (uint64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}

// rulesError returns why a run of month m would refuse the rules folder
// dir (a rules file that cannot be read or checked, no entry in force, a
// benefit's file missing or renamed), or nil when it would not, or when
// the folder does not exist (a status run elsewhere than the daemon).
func rulesError(dir string, m domain.Month) error {
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	book, err := rules.Load(dir)
	if err != nil {
		return err
	}
	t, err := book.ForMonth(m)
	if err != nil {
		return err
	}
	return calc.Check(t)
}

func printStatus(ctx context.Context, w io.Writer, cfg Config, now time.Time) error {
	sched, err := schedule.Parse(cfg.Schedule, cfg.Zone)
	if err != nil {
		return usageError{err}
	}
	next := sched.Next(now)
	fmt.Fprintf(w, "下次计划运行：%s（%s，发放 %s）\n", next.Format("2006-01-02 15:04 MST"), cfg.Schedule, sched.PayoutMonth(next))
	var busy *lock.BusyError
	if err := lock.Probe(cfg.Data); errors.As(err, &busy) {
		fmt.Fprintf(w, "正在运行：%s（进程 %d，开始于 %s）\n", busy.Holder.What, busy.Holder.PID, busy.Holder.Since.In(sched.Location).Format("2006-01-02 15:04 MST"))
	} else if err != nil {
		fmt.Fprintf(w, "无法判断是否正在运行（数据文件夹的锁文件打不开：%v）\n", err)
	}
	printDaemon(w, cfg.Data, sched.Location)
	// A daemon that cannot write in the data folder fails each try without
	// recording an attempt: status is where the operator learns of it.
	if err := dataWriteError(cfg.Data); err != nil {
		fmt.Fprintf(w, "！！数据文件夹（%s）无法写入（%v）：在此不能运行或记录发放；守护进程用的如是这个文件夹，它每次都会失败并等待重试（见其日志）。请让运行本程序的用户能写该文件夹，并确认磁盘不是只读、没有满\n", cfg.Data, err)
	} else if free, ok := freeSpace(cfg.Data); ok && free < monthNeeds(cfg.Data) {
		fmt.Fprintf(w, "！！数据文件夹（%s）所在磁盘只剩 %d MB 可用，按最近一个月的花名册估计，一个月的发放约需 %d MB（数据库、提交时的日志、工作簿和归档；区县一个月几 MB，全市一个月约 200 MB，全省一个月上 GB）：空间不够时运行会失败，提交以后才不够的，发放已记录但收尾未完成；请清理磁盘或扩容\n", cfg.Data, free>>20, monthNeeds(cfg.Data)>>20)
	}
	recordedIn := map[string]domain.Run{} // inputs of the recent runs, by name and sha256: the latest run that read each
	var dueRecorded domain.Month          // the month of the last tick, when it has a run: files now wait for the next
	var nextRecorded domain.Month         // the month of the next tick, when it has a run already: the tick reads nothing
	lost := lostDatabase(cfg.Data)
	if lost != nil {
		fmt.Fprintf(w, "\n！！%v\n", lost)
	} else if _, err := os.Stat(filepath.Join(cfg.Data, "disburse.db")); err == nil {
		db, err := openExisting(ctx, cfg.Data)
		if err != nil {
			return err
		}
		defer db.Close()
		db.RememberIntact() // an approved month is checked for the list of runs and again for a draft's warnings
		// The daemon skips a month that has a run (schedule.Due): say so.
		pm := sched.PayoutMonth(next)
		if run, ok, err := db.LatestRun(ctx, pm); err != nil {
			return err
		} else if ok {
			fmt.Fprintf(w, "  %s 已有发放记录（运行%d），届时不再运行；如需重算请用 run --month %s --replace\n", pm, run.ID, pm)
			nextRecorded = pm
		}
		runs, err := db.RecentRuns(ctx, 6)
		if err != nil {
			return err
		}
		for _, r := range runs {
			ins, err := db.Inputs(ctx, r.Run.ID)
			if err != nil {
				return err
			}
			for _, in := range ins {
				if _, seen := recordedIn[in.Name+"\x00"+in.SHA256]; !seen {
					recordedIn[in.Name+"\x00"+in.SHA256] = r.Run
				}
			}
		}
		fmt.Fprintln(w, "\n最近的发放记录：")
		if len(runs) == 0 {
			fmt.Fprintln(w, "  （无）")
		}
		for _, r := range runs {
			state := "（草稿）"
			switch {
			case r.Replaced:
				state = "（已被替换）"
			case r.ApprovedBy != "":
				state = "（已审批：" + approvalText(&store.Approval{By: r.ApprovedBy, At: r.ApprovedAt}) + "）"
			}
			fmt.Fprintf(w, "  %s 运行%d%s  %s  %d 条  暂缓 %d 行\n", r.Run.Month, r.Run.ID, state, r.Run.FinishedAt.In(sched.Location).Format("2006-01-02 15:04"), r.Lines, r.Held)
			printTotals(w, "      ", recordedRules(ctx, db, r.Run.ID, r.Run.Month), r.Totals)
			if r.ApprovedBy != "" {
				if err := approvalIntact(ctx, db, r.Run); err != nil {
					fmt.Fprintf(w, "      ！！%v\n", err)
				}
			}
			if !r.Replaced && r.ApprovedBy == "" {
				warns, reminders, err := draftWarnings(ctx, db, r.Run.Month)
				if err != nil {
					return err
				}
				if len(warns) > 0 {
					fmt.Fprintf(w, "      ！！有 %d 条须先核实的警告，disburse approve --month %s 不加 --despite-warnings 不会审批：\n", len(warns), r.Run.Month)
					for _, l := range warns {
						fmt.Fprintf(w, "        %s\n", l)
					}
				}
				if len(reminders) > 0 {
					fmt.Fprintf(w, "      ！！运行时另有 %d 条警告，不阻止审批，但请在审批以前核实：\n", len(reminders))
					for _, l := range reminders {
						fmt.Fprintf(w, "        %s\n", l)
					}
				}
			}
			if !r.Replaced && slices.ContainsFunc(stagedLeft(filepath.Join(cfg.Data, "out", r.Run.Month.String())), func(p string) bool { return stagedBy(p, r.Run.ID) }) {
				fmt.Fprintf(w, "      ！！工作簿未写完（进程被中断？），其中的审批状态可能不对：下次 run --month %s 或 serve 启动时按数据库重写\n", r.Run.Month)
			}
		}
		printGaps(w, runs)
		if last, ok := sched.Prev(now); ok {
			if _, rec, err := db.LatestRun(ctx, sched.PayoutMonth(last)); err == nil && rec {
				dueRecorded = sched.PayoutMonth(last)
			}
		}
		attempts, err := db.Attempts(ctx, 5)
		if err != nil {
			return err
		}
		if err := printUnpaid(ctx, w, db, cfg.Data, sched, cfg.WaitLimit, now, attempts, runs); err != nil {
			return err
		}
		if len(attempts) > 0 {
			fmt.Fprintln(w, "\n最近的自动运行尝试：")
			for _, a := range attempts {
				fmt.Fprintf(w, "  %s  %s  %s", a.StartedAt.In(sched.Location).Format("2006-01-02 15:04"), a.Month, outcomeText(a.Outcome))
				if a.RunID != 0 {
					fmt.Fprintf(w, "  运行%d", a.RunID)
				}
				if a.Message != "" {
					fmt.Fprintf(w, "  %s", oneLine(a.Message))
				}
				if a.Outcome == "waiting" { // the daemon stopped or gave way while it waited: say if the month was recorded since
					if r, ok, err := db.LatestRun(ctx, a.Month); err == nil && ok && r.FinishedAt.After(a.StartedAt) {
						fmt.Fprintf(w, "  （此后已记录：运行%d，%s）", r.ID, r.FinishedAt.In(sched.Location).Format("2006-01-02 15:04"))
					}
				}
				fmt.Fprintln(w)
			}
		}
	} else {
		fmt.Fprintf(w, "\n尚无数据库（%s）：还没有运行过。\n", filepath.Join(cfg.Data, "disburse.db"))
	}
	// A rules file edited by hand between months fails the next tick, a
	// month later: status says so now (unless the tick reads nothing).
	if err := rulesError(cfg.Rules, sched.PayoutMonth(next)); err != nil && !nextRecorded.Valid() {
		fmt.Fprintf(w, "\n！！规则目录（%s）有错，下次计划运行（发放 %s）会失败，不会发放：%v\n  请按上面所说改正规则文件，再运行 disburse status 确认\n", cfg.Rules, sched.PayoutMonth(next), err)
	} else if _, err := os.Stat(cfg.Rules); err != nil && !nextRecorded.Valid() {
		// Named by --rules or the config, a missing folder is the daemon's
		// (its tick would fail); the default ./rules may only be this
		// command's folder.
		mark, hint := "", "如规则目录在别处，请用 --rules 指定，或在配置文件中设置 rules"
		if cfg.Rules != DefaultConfig().Rules {
			mark, hint = "！！", "请检查 --rules 或配置文件中的 rules 是否写对，再运行 disburse status 确认"
		}
		fmt.Fprintf(w, "\n%s规则目录 %s 不存在或打不开，下次计划运行（发放 %s）会因没有规则而失败，不会发放：%s\n", mark, cfg.Rules, sched.PayoutMonth(next), hint)
	}

	files, err := inbox.List(cfg.Inbox)
	if err != nil {
		fmt.Fprintf(w, "\n%v\n", err) // inbox.List says 收件箱无法读取, and why
		fmt.Fprintln(w, "  （如收件箱在别处，请用 --inbox 指定，或在配置文件中设置 inbox）")
		return nil
	}
	fmt.Fprintf(w, "\n收件箱 %s：%d 个文件\n", cfg.Inbox, len(files))
	if err := inboxWritable(cfg.Inbox); err != nil {
		fmt.Fprintf(w, "  ！！此用户不能写收件箱，运行将被拒绝：%v\n", err)
	}
	// A left-over of a recorded run (its content read by it, never
	// archived) is told on its own line: it is archived, not read again.
	these, fresh := "这些文件", 0
	for _, f := range files {
		if _, ok := recordedIn[f.Name+"\x00"+f.SHA256]; !ok {
			fresh++
		}
	}
	if fresh < len(files) {
		these = fmt.Sprintf("其中 %d 个未经读取的文件", fresh)
	}
	switch {
	case fresh == 0:
	case nextRecorded.Valid():
		fmt.Fprintf(w, "  ！！%s 已有发放记录，下次计划运行不读取%s；如属于 %s，请连同该月已处理的花名册（归档文件夹中）一并放回收件箱，用 disburse run --month %s --replace 重新计算（审批以前）\n",
			nextRecorded, these, nextRecorded, nextRecorded)
	case dueRecorded.Valid():
		fmt.Fprintf(w, "  %s 已有发放记录，%s不会并入，下次计划运行时按 %s 读取；如属于 %s，请连同该月已处理的花名册（归档文件夹中）一并放回收件箱，用 disburse run --month %s --replace 重新计算（审批以前）\n",
			dueRecorded, these, sched.PayoutMonth(next), dueRecorded, dueRecorded)
	}
	// The month the files are read for: the last tick's while it has no
	// run (the daemon waits for its rosters, or catches up), else the
	// next tick's. A file named for an earlier month is read all the same,
	// with ！！ only once the month is recorded: said here, during the wait.
	readFor := sched.PayoutMonth(next)
	if last, ok := sched.Prev(now); ok && !dueRecorded.Valid() {
		readFor = sched.PayoutMonth(last)
	}
	for _, f := range files {
		ready, why := inbox.Ready(f, now, cfg.QuietPeriod, opensAsWorkbook)
		state := "就绪"
		if !ready {
			state = "未就绪：" + why
		}
		if said := roster.MonthsNamed(f.Name, readFor); len(said) > 0 && !slices.Contains(said, readFor) && readFor.After(said[0]) {
			state += fmt.Sprintf("；！！文件名写的是%s，计划运行将按%s读取：如是以前月份的花名册，请换成%s的", said[0].Chinese(), readFor.Chinese(), readFor.Chinese())
		}
		if r, ok := recordedIn[f.Name+"\x00"+f.SHA256]; ok {
			state = fmt.Sprintf("！！与%s运行%d已读取的同名文件内容相同：如是该运行未完成的收尾，下次 run 或 serve 启动时会归档；如是新放入的，运行时会提示为已处理过的文件", r.Month, r.ID)
			if _, err := os.Stat(filepath.Join(cfg.Data, "archive", r.Month.String(), f.Name)); err == nil {
				// That run archived its copy: this one was put back (for
				// a --replace), and no start will archive it by itself.
				state = fmt.Sprintf("与%s运行%d已读取并已归档的文件内容相同（放回的）：如是为重新计算放回的，请用 disburse run --month %s --replace 重新计算（审批以前）；如不是，请移出收件箱", r.Month, r.ID, r.Month)
			}
		}
		fmt.Fprintf(w, "  %s  %d 字节  %s  %s\n", f.Name, f.Size, f.ModTime.In(sched.Location).Format("2006-01-02 15:04"), state)
	}
	if subs, err := inbox.Subfolders(cfg.Inbox, cfg.Data); err == nil {
		for _, s := range subs {
			if s.Link {
				fmt.Fprintf(w, "  ！！「%s」是链接（快捷方式），不会读取；如应发放，请把文件本身复制到收件箱\n", s.Name)
				continue
			}
			if s.Disguised {
				fmt.Fprintf(w, "  ！！「%s」是工作簿，但按锁文件或临时文件的名字跳过，不会读取；如是花名册，请改成正常的文件名\n", s.Name)
				continue
			}
			fmt.Fprintf(w, "  ！！子文件夹「%s」：%d 个像花名册的文件，不会读取；如应发放，请移到收件箱本身（不要放在文件夹里）\n", s.Name, len(s.Files))
		}
	}
	return nil
}

// printUnpaid warns with ！！ when the month the schedule last paid has no
// run: first each month between it and the latest recorded month before
// it, which the daemon will not pay (it catches up the latest only); then
// that a run of it would be refused when its outputs or archived
// rosters are in data without a run (outputsWithoutRun: an older backup
// restored); else when its latest automatic attempt (among attempts, newest first)
// failed: the daemon tries again only once the inbox changes, and the next
// tick pays the next month, so someone must act; or that has no attempt
// yet (the daemon waiting for the rosters, or not running). But a month
// after every month of the recent runs (runs), in a data folder where no
// daemon ever recorded an attempt, is named without ！！: its months are
// run by hand, when the rosters are in, and the 1st's tick of a schedule
// nobody serves is no alarm: ！！ there every month until the run would
// teach the operator to read past ！！. Within waitLimit of the tick it
// says instead that a daemon, if one runs, waits for the rosters until
// then: a daemon's first wait in a new data folder records no attempt. A
// month before a recorded one is a gap, and keeps its ！！.
func printUnpaid(ctx context.Context, w io.Writer, db *store.DB, data string, sched *schedule.Schedule, waitLimit time.Duration, now time.Time, attempts []store.Attempt, runs []store.RunSummary) error {
	last, ok := sched.Prev(now)
	if !ok {
		return nil
	}
	m := sched.PayoutMonth(last)
	if _, recorded, err := db.LatestRun(ctx, m); err != nil || recorded {
		return err
	}
	// The months between the latest recorded one and m: the daemon pays m
	// only, and printGaps sees no recorded month after them.
	if prev, ok, err := db.LatestMonthBefore(ctx, m); err != nil {
		return err
	} else if ok {
		for x := prev.Next(); m.After(x); x = x.Next() {
			fmt.Fprintf(w, "\n！！%s 没有发放记录（%s 有，计划运行只补发最近的 %s）：如是漏发，请手工运行 disburse run --month %s\n", x, prev, m, x)
		}
	}
	if err := outputsWithoutRun(data, m); err != nil { // a run, by hand or not, would be refused: say why instead
		fmt.Fprintf(w, "\n！！%s 尚未发放记录，且不能运行：%v\n", m, err)
		return nil
	}
	for _, a := range attempts {
		if a.Month != m {
			continue
		}
		if a.Outcome == "waiting" { // a catch-up waiting for the rosters (or stopped while it waited)
			switch h, running, err := lock.ProbeDaemon(data); {
			case err == nil && !running && h.PID != 0:
				// The daemon that waited is gone (killed, stopped): the wait
				// ended with it, and nothing was recorded.
				fmt.Fprintf(w, "\n！！%s 尚未发放：自动运行自 %s 起%s，但守护进程 serve 已不在运行，等待（或运行）已中断，本月没有任何记录：请启动它（disburse serve），或手工运行 disburse run --month %s\n",
					m, a.StartedAt.In(sched.Location).Format("2006-01-02 15:04"), oneLine(a.Message), m)
			case err == nil && running:
				fmt.Fprintf(w, "\n%s 尚未发放：自动运行自 %s 起%s（守护进程 serve 正在运行）\n",
					m, a.StartedAt.In(sched.Location).Format("2006-01-02 15:04"), oneLine(a.Message))
			default:
				fmt.Fprintf(w, "\n%s 尚未发放：自动运行自 %s 起%s（如守护进程已停止，请启动它或手工运行 disburse run --month %s）\n",
					m, a.StartedAt.In(sched.Location).Format("2006-01-02 15:04"), oneLine(a.Message), m)
			}
		}
		if a.Outcome == "failed" {
			when := "自动运行会在收件箱或规则文件有变化后重试"
			if strings.Contains(a.Message, systemHintMark) { // a failure of the system (serve's systemFailed)
				when = "自动运行会稍后重试（间隔逐次加倍，最长1小时），收件箱有变化时也会重试"
			}
			fmt.Fprintf(w, "\n！！%s 尚未发放：最近一次自动运行（%s）失败：%s\n  %s；也可更正后手工运行 disburse run --month %s\n",
				m, a.StartedAt.In(sched.Location).Format("2006-01-02 15:04"), oneLine(a.Message), when, m)
		}
		return nil
	}
	// No attempt at the month yet: the daemon waits for the rosters (within
	// wait_limit), is running it, or is not running at all; or there is no
	// daemon, when none ever recorded an attempt here.
	if len(attempts) == 0 && !slices.ContainsFunc(runs, func(r store.RunSummary) bool { return r.Run.Month.After(m) }) {
		if now.Before(last.Add(waitLimit)) { // a daemon on a new data folder records nothing while it waits
			fmt.Fprintf(w, "\n%s 尚无发放记录（计划运行时间 %s 刚过：守护进程 serve 如在运行，正等待各街道的花名册，最迟 %s 运行；如是手工运行，花名册齐后请运行 disburse run --month %s）\n",
				m, last.In(sched.Location).Format("2006-01-02 15:04"), last.Add(waitLimit).In(sched.Location).Format("15:04"), m)
			return nil
		}
		fmt.Fprintf(w, "\n%s 尚无发放记录（按计划 %s 运行；此数据文件夹从未有守护进程 serve 的运行尝试，看来是手工运行：花名册齐后请运行 disburse run --month %s；如应由守护进程运行，请确认它已启动）\n",
			m, last.In(sched.Location).Format("2006-01-02 15:04"), m)
		return nil
	}
	fmt.Fprintf(w, "\n！！%s 尚未发放：计划运行时间 %s 已过，还没有运行记录（守护进程可能正在等待各街道的花名册或正在运行；如守护进程没有运行，请启动它或手工运行 disburse run --month %s）\n",
		m, last.In(sched.Location).Format("2006-01-02 15:04"), m)
	return nil
}

// printDaemon says whether a daemon (serve) serves data folder data
// (lock.ProbeDaemon): running, with its pid and start in zone; or, when
// one ran there before and is gone, with ！！, that the scheduled runs will
// not happen until it is started again. A folder no daemon ever served
// (runs by hand or by cron) gets no line.
func printDaemon(w io.Writer, data string, zone *time.Location) {
	h, running, err := lock.ProbeDaemon(data)
	switch {
	case err != nil:
		fmt.Fprintf(w, "无法判断守护进程 serve 是否在运行（%s 打不开：%v）\n", lock.DaemonFileName, err)
	case running && h.PID == 0: // its lock taken a moment ago, the file not yet written
		fmt.Fprintln(w, "守护进程 serve：正在运行（刚启动）")
	case running:
		fmt.Fprintf(w, "守护进程 serve：正在运行（进程 %d，启动于 %s）\n", h.PID, h.Since.In(zone).Format("2006-01-02 15:04 MST"))
	case h.PID != 0:
		fmt.Fprintf(w, "！！守护进程 serve 未在运行（上次是进程 %d，启动于 %s）：计划运行不会自动进行；请重新启动它（disburse serve），或到时手工运行 disburse run\n", h.PID, h.Since.In(zone).Format("2006-01-02 15:04 MST"))
	}
}

// draftWarnings returns the ！！ warnings approve would give month m's
// latest run and refuse it for (approvalWarnings), each a line without
// its ！！: what its run recorded (seriousFinding) and what approve works
// out (a street paid last month with nobody on this month's rosters, a
// month before it never run or not approved, ...), so that the operator
// of a daemon, who sees no run's summary, sees them before approve does;
// and apart, the reminders: the run's other ！！ warnings, which do not
// refuse approval (summaryReminder).
func draftWarnings(ctx context.Context, db *store.DB, m domain.Month) (refusing, reminders []string, err error) {
	who, err := warnedOf(ctx, db, m)
	if err != nil {
		return nil, nil, err
	}
	r, err := loadRecordedOf(ctx, db, m, who)
	if err != nil {
		return nil, nil, err
	}
	var b strings.Builder
	if _, err := approvalWarnings(ctx, &b, db, r); err != nil {
		return nil, nil, err
	}
	for _, l := range strings.Split(b.String(), "\n") {
		if text, ok := strings.CutPrefix(strings.TrimSpace(l), reminderMark); ok {
			reminders = append(reminders, text)
		}
	}
	return bangLines(b.String()), reminders, nil
}

// warnedOf returns whom approvalWarnings needs of month m, read back for
// draftWarnings instead of the whole month (a province's month of a
// million people took status half a minute and 2 GB): the people of the
// month m is compared with that m's latest run does not list (its
// 待核实, store.OffRoster), those that other months record dead
// (paidSinceDead) and those m's run pays 补发 (changedSinceApproval). The
// rest of what it needs is not by person: the findings, and the count of
// each street's rows (recordedMonth.streetCounts). m with no run gives
// just nobody; loadRecordedOf then says so.
func warnedOf(ctx context.Context, db *store.DB, m domain.Month) (people, error) {
	who := people{}
	run, ok, err := db.LatestRun(ctx, m)
	if err != nil || !ok {
		return who, err
	}
	if prev, ok, err := comparedMonth(ctx, db, m); err != nil {
		return nil, err
	} else if ok {
		before, _, err := db.LatestRun(ctx, prev)
		if err != nil {
			return nil, err
		}
		off, err := db.OffRoster(ctx, before.ID, run.ID)
		if err != nil {
			return nil, err
		}
		who = append(who, off...)
	}
	deaths, err := deathsElsewhere(ctx, db, store.Others{Month: m})
	if err != nil {
		return nil, err
	}
	who = append(who, slices.Sorted(maps.Keys(deaths))...)
	paying, err := db.Correcting(ctx, run.ID)
	if err != nil {
		return nil, err
	}
	who = append(who, paying...)
	slices.Sort(who)
	return slices.Compact(who), nil
}

// printGaps names with ！！ each month with no run between two months that
// the recent runs record: a month the daemon skipped while it was down
// (it catches up the latest only), which nothing else would bring back.
func printGaps(w io.Writer, runs []store.RunSummary) {
	months := map[domain.Month]bool{}
	for _, r := range runs {
		months[r.Run.Month] = true
	}
	sorted := slices.SortedFunc(maps.Keys(months), func(a, b domain.Month) int { return a.First().Compare(b.First()) })
	for i := 1; i < len(sorted); i++ {
		for m := sorted[i-1].Next(); sorted[i].After(m); m = m.Next() {
			fmt.Fprintf(w, "  ！！%s 没有发放记录（%s 和 %s 都有）：如是漏发，请手工运行 disburse run --month %s\n", m, sorted[i-1], sorted[i], m)
		}
	}
}

// printTotals prints one line per benefit of totals, in the order of t's
// benefits as the run's summary lists them: its name (from t, else its
// code), the count of lines (条: a 补发 is a line of its own, so a count
// may exceed the run's count of people) and the amount in 元 or 千瓦时,
// the amounts right-aligned in one column whatever the width of the names.
// A nil t (rules that cannot be read) leaves codes and the order given.
func printTotals(w io.Writer, indent string, t *rules.Table, totals []store.Total) {
	names := map[string]string{}
	if t != nil {
		names = benefitNames(t, "")
		order := func(code string) int {
			return slices.IndexFunc(t.Benefits, func(b rules.InForce) bool { return b.Code == code })
		}
		totals = slices.Clone(totals)
		slices.SortStableFunc(totals, func(a, b store.Total) int { return order(a.Benefit) - order(b.Benefit) }) // as the run's summary lists them
	}
	for _, tt := range totals {
		fmt.Fprintf(w, "%s%s %7d 条  %14s %s\n", indent, runewidth.FillRight(label(names, tt.Benefit), 18), tt.Count,
			money.Format(money.FromHundredths(tt.Hundredths), tt.Unit), domain.UnitText(tt.Unit))
	}
}

// outcomeText is an attempt's outcome for staff, with the code the
// database keeps.
func outcomeText(outcome string) string {
	zh := map[string]string{"recorded": "已记录", "failed": "失败", "waiting": "等待中"}[outcome]
	if zh == "" {
		return outcome
	}
	return zh + "（" + outcome + "）"
}

// oneLine is an attempt's failure message on one line of status: its
// lines joined, such as the files an attempt left out each on a line of
// their own, up to the stack of a panic (from its "goroutine" line), which
// is for the log.
func oneLine(s string) string {
	var parts []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "goroutine ") {
			break
		}
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
}

// label is a benefit's name on sheets, or its code when unknown.
func label(names map[string]string, code string) string {
	if n, ok := names[code]; ok {
		return n
	}
	return code
}
