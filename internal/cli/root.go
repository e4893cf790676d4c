package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"disburse/internal/domain"
	"disburse/internal/inbox"
	"disburse/internal/lock"
	"disburse/internal/progress"
	"disburse/internal/schedule"
	"disburse/internal/store"
)

// Exit codes of the disburse command, documented in its help.
const (
	ExitOK      = 0 // the run is recorded, or the command did what was asked
	ExitFailure = 1 // nothing recorded: bad input as a whole, refused month, I/O error
	ExitUsage   = 2 // bad flags or arguments
	ExitPartial = 3 // the run IS recorded, but a workbook or an input move failed afterwards
	ExitBusy    = 4 // another run holds the data folder
	ExitWarned  = 5 // the run IS recorded, but its summary has ！！ warnings to check before approval
)

// warnedError is what run returns when the month is recorded but its
// summary printed ！！ warnings (a roster refused whose people are not paid,
// a street paid last month with nobody on this month's rosters, a file
// left unread, ...): exit 5, so that a cron job that reads only the exit
// status tells the operator, where 0 would say all is well.
type warnedError struct {
	month    domain.Month
	runID    int64
	warnings int
}

// Error says the run is recorded and how many warnings to check.
func (e *warnedError) Error() string {
	return fmt.Sprintf("%s 运行%d 已记录，但上面的摘要有 %d 条 ！！ 警告：请在审批以前逐条核实 (run %d IS RECORDED, with %d warnings to check before approval)", e.month, e.runID, e.warnings, e.runID, e.warnings)
}

// usageError marks errors in how the command was called.
type usageError struct{ error }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// env is what every command shares: its output streams and the flags of the
// root command.
type env struct {
	stdout, stderr io.Writer
	configPath     string
	logFormat      string
	logFormatSet   bool // --log-format given: it wins over the config file
	quiet          bool
	cpuProfile     string // --cpuprofile: write a pprof CPU profile of the command here
	progressEvery  time.Duration
	log            *slog.Logger
	// progress shows how far a run has got: bars when stderr is a terminal,
	// log lines every progressEvery otherwise, nothing with --quiet. The log
	// writes through it (logOut), so its lines print above the bars.
	progress *progress.Reporter
	logOut   io.Writer
}

const exitHelp = `
EXIT STATUS
  0  done: for run, the month is recorded without ！！ warnings (held rows may
     exist; see 异常清单.xlsx)
  1  nothing recorded: empty inbox, no readable roster, month already recorded
     or approved, rules missing for the month, a month after next month, or an
     I/O error; for approve: refused (！！ warnings without --despite-warnings);
     for rerun: the re-run differs, or an archive file is missing or altered;
     for explain and history: no month's rosters list the ID
  2  bad usage: unknown flag, missing or malformed --month, an --id that is
     no valid ID, a config file missing or with a mistake, an inbox that is
     the data folder or lies in its out/, archive/ or rejected/
  3  the run IS recorded, but writing a workbook into place or moving an input
     file failed afterwards: finish that by hand as the message says
  4  another run is in progress on the same data folder (its pid and start
     time are in the message): try again when it ends; or the inbox is read
     by a run of, or belongs to, another data folder; for serve, another
     daemon serves the data folder
  5  the run IS recorded, but its summary has ！！ warnings (a roster refused
     whose people are not paid, a street with nobody on its rosters, a file
     left unread, ...): check them before approving`

// Main runs the disburse command line with args (without the program name)
// and returns the process exit code. It is what cmd/disburse calls, and what
// tests call to run the whole program in-process.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "disburse",
		Short: "Pay the district's elder-care subsidies from street rosters",
		Long: `disburse reads this month's roster workbooks (花名册) from an inbox folder,
applies the district's subsidy tables (晋城市城区基本养老服务清单, rules/) with
exact decimal arithmetic, records every line in SQLite and writes one payout
workbook per department plus an exceptions workbook (异常清单.xlsx).` + exitHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			e.setProgress()
			l, err := newLogger(e.logOut, e.logFormat, e.quiet, schedule.DefaultZone)
			if err != nil {
				return usageError{err}
			}
			e.log = l
			e.logFormatSet = cmd.Flags().Changed("log-format")
			return startProfile(e.cpuProfile)
		},
		PersistentPostRun: func(*cobra.Command, []string) { pprof.StopCPUProfile() },
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetArgs(args)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&e.configPath, "config", "", "YAML config file (default ./disburse.yaml when present)")
	pf.StringVar(&e.logFormat, "log-format", "text", "log format on stderr: text or json")
	pf.BoolVarP(&e.quiet, "quiet", "q", false, "log only warnings and errors")
	pf.DurationVar(&e.progressEvery, "progress-every", 10*time.Second, "when stderr is not a terminal, log progress this often")
	pf.StringVar(&e.cpuProfile, "cpuprofile", "", "write a CPU profile of the command to this file (for `go tool pprof`)")
	_ = pf.MarkHidden("cpuprofile")
	root.AddCommand(newRunCmd(e), newServeCmd(e), newStatusCmd(e), newPaymentsCmd(e), newRulesCmd(e), newChangesCmd(e), newRerunCmd(e), newExplainCmd(e), newApproveCmd(e), newHistoryCmd(e))

	err := root.ExecuteContext(ctx)
	pprof.StopCPUProfile() // also when the command failed
	return exitCode(err, e)
}

// exitCode maps an error to the exit code and prints it: the one place where
// errors are reported to the user.
func exitCode(err error, e *env) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errDifferent) {
		return ExitFailure
	}
	if errors.Is(err, syscall.EPIPE) {
		// The output's reader stopped reading (payments … | head): what it
		// took is what was asked for, as with any command a pipe ends.
		return ExitOK
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(e.stderr, "disburse: 已中断（收到 SIGTERM、SIGINT 或 SIGHUP），在记录以前：本次没有记录任何内容（发放、审批都没有），收件箱未改动；可重新运行同一命令 (interrupted before the record was committed: nothing recorded, inbox untouched)")
		return ExitFailure
	}
	fmt.Fprintln(e.stderr, "disburse:", err)
	// An inbox that cannot be read says itself, in Chinese, what to check.
	if h := systemHint(err); h != "" && !errors.As(err, new(*inbox.DirError)) {
		fmt.Fprintln(e.stderr, "disburse: 提示："+h)
	}
	var partial *afterCommitError
	if errors.As(err, &partial) {
		return ExitPartial
	}
	var warned *warnedError
	if errors.As(err, &warned) {
		return ExitWarned
	}
	var busy *lock.BusyError
	var owned *lock.OwnedError
	if errors.As(err, &busy) || errors.As(err, &owned) {
		return ExitBusy
	}
	var u usageError
	if errors.As(err, &u) || isCobraUsage(err) {
		// A value refused in Chinese says what to write (月份「2026-13」写法
		// 不对, 不是有效的公民身份号码): the English pointer to the help is
		// for a flag or a command mistyped.
		if !strings.ContainsFunc(err.Error(), func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			fmt.Fprintln(e.stderr, "Run 'disburse --help' for usage.")
		}
		return ExitUsage
	}
	return ExitFailure
}

// isCobraUsage recognizes cobra's own argument errors (unknown command,
// wrong number of arguments), which it does not type.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires ", "unknown flag", "unknown shorthand", "required flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func newLogger(w io.Writer, format string, quiet bool, zone string) (*slog.Logger, error) {
	level := slog.LevelInfo
	if quiet {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	// Times are logged in the config's zone, as status and the messages
	// give them: an operator read 00:55Z in the log beside 08:55 CST.
	if loc, err := time.LoadLocation(zone); err == nil {
		opts.ReplaceAttr = func(_ []string, a slog.Attr) slog.Attr {
			if a.Value.Kind() == slog.KindTime {
				a.Value = slog.TimeValue(a.Value.Time().In(loc))
			}
			return a
		}
	}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// setProgress chooses how progress is shown: nothing with --quiet, bars
// when stderr is a terminal of known width (hasWidth), else log lines (through e.log, which is set
// later and may change with the config file, hence the indirection).
func (e *env) setProgress() {
	e.logOut = e.stderr
	switch f, ok := e.stderr.(*os.File); {
	case e.quiet:
		e.progress = progress.Off()
	case ok && term.IsTerminal(int(f.Fd())) && hasWidth(f):
		e.progress = progress.New(progress.ModeBar, e.stderr, nil, 0)
		e.logOut = e.progress
	default:
		e.progress = progress.New(progress.ModeLog, nil, slog.New(logHandler{e}), e.progressEvery)
	}
}

// hasWidth reports whether the terminal f says how wide it is. A terminal
// made without a size (script(1) run from a pipe, some containers) has 0
// columns, and bars drawn into it never show: it gets log lines instead.
func hasWidth(f *os.File) bool {
	w, _, err := term.GetSize(int(f.Fd()))
	return err == nil && w > 0
}

// logHandler hands records to whatever logger e has at the time.
type logHandler struct{ e *env }

// Enabled, Handle, WithAttrs and WithGroup are slog.Handler's, passed on
// to e's logger of the moment; Enabled reports false while there is none.
func (h logHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.e.log != nil && h.e.log.Handler().Enabled(ctx, l)
}

// Handle passes r to e's logger (slog.Handler).
func (h logHandler) Handle(ctx context.Context, r slog.Record) error {
	return h.e.log.Handler().Handle(ctx, r)
}

// WithAttrs is slog.Handler's, on e's logger of the moment.
func (h logHandler) WithAttrs(as []slog.Attr) slog.Handler { return h.e.log.Handler().WithAttrs(as) }

// WithGroup is slog.Handler's, on e's logger of the moment.
func (h logHandler) WithGroup(n string) slog.Handler { return h.e.log.Handler().WithGroup(n) }

// startProfile starts a CPU profile into path when path is not empty.
func startProfile(path string) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return usageError{fmt.Errorf("--cpuprofile: %w", err)}
	}
	return pprof.StartCPUProfile(f)
}

// Version returns the software version recorded with each run: the module
// version and VCS revision the binary was built from, or "dev".
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v += " " + s.Value
		case "vcs.modified":
			if s.Value == "true" {
				v += "+dirty"
			}
		}
	}
	return v
}

// systemHint says in Chinese, for the operator, what to do about an error
// the system or SQLite gave in English: a full disk (ENOSPC, SQLite's
// "database or disk is full"), a folder without write permission (EACCES,
// EROFS, "readonly database"), a path that does not exist, a database
// another program holds, a damaged database ("malformed", "not a
// database") or a disk that fails (EIO, "disk I/O error"). It is "" for
// any other error.
func systemHint(err error) string {
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.ENOSPC) || strings.Contains(msg, "disk is full") || strings.Contains(msg, "no space left on device"):
		if errors.As(err, new(*afterCommitError)) {
			return "磁盘空间已满。本次发放已记录，请清理数据文件夹（--data）所在的磁盘后按上面所说再运行一次，以补完收尾（不会重复记录，也不要用 --replace）"
		}
		if errors.As(err, new(*unfinishedError)) {
			return "磁盘空间已满。上面所说的运行已记录、收尾未完成，本次未记录任何新内容；请清理数据文件夹（--data）所在的磁盘后再运行一次，以补完收尾（不会重复记录，也不要用 --replace）"
		}
		return "磁盘空间已满。请清理数据文件夹（--data）所在的磁盘后重新运行；提交记录前失败的运行不记录任何内容，收件箱不动"
	case errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) || strings.Contains(msg, "readonly database") || strings.Contains(msg, "read-only file system"):
		return "没有写入（或读取）权限。请确认运行本程序的用户对收件箱（--inbox）、数据文件夹（--data）及其中的文件有读写权限，且磁盘不是只读的"
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在。请检查 --inbox、--data、--rules 或配置文件中的路径是否正确"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中应是文件夹的一段是一个文件（例如数据文件夹或其中的 out 被建成了同名的文件）。请检查 --inbox、--data、--rules 或配置文件中的路径，移走或改名那个文件后重新运行"
	case (strings.Contains(msg, "database is locked") || strings.Contains(msg, "SQLITE_BUSY")) && !errors.As(err, new(*afterCommitError)):
		return "数据库被其他程序占用超过 5 秒（例如用 sqlite3 或数据库工具打开了数据文件夹中的 disburse.db 并在写入）。本次没有记录任何内容，收件箱不动：请关闭那个程序后重新运行"
	case strings.Contains(msg, "unable to open database file"):
		return "数据库文件打不开：请确认数据文件夹（--data）存在、运行本程序的用户对它和其中的 disburse.db 有读写权限，且磁盘没有满、不是只读的"
	case errors.Is(err, store.ErrDamaged) || strings.Contains(msg, "database disk image is malformed") || strings.Contains(msg, "file is not a database"):
		return "数据文件夹中的 disburse.db 已损坏（或不是本程序的数据库）。请停止守护进程，不要删除它，保留一份副本，从备份恢复 disburse.db（连同同名的 -wal 文件）后再运行；没有备份时请联系技术人员用 sqlite3 的 .recover 抢救"
	case errors.Is(err, syscall.EIO) || strings.Contains(msg, "disk I/O error"):
		return "读写磁盘出错（磁盘已满、已断开的网络盘或硬件故障）。请检查数据文件夹（--data）所在的磁盘后重新运行；提交记录前失败的运行不记录任何内容，收件箱不动"
	}
	return ""
}
