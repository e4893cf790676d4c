package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"disburse/internal/calc"
	"disburse/internal/domain"
	"disburse/internal/inbox"
	"disburse/internal/progress"
	"disburse/internal/rules"
	"disburse/internal/store"
)

// finishRecorded completes what a process killed after a commit left
// undone, for the latest run of o.Month and of the month before: workbooks
// still under its temporary names or missing are rebuilt from the
// database (those staged under another run's number, by a run stopped
// before its commit, are only removed), and inbox files whose content that run recorded but which never
// reached the archive (or rejected folder) are moved there, each kept by
// its content first. A file in the inbox whose content the archive already
// holds as many times as that run and the runs it replaced archived it is
// a new drop and is left alone. It must be called with the data folder's
// lock held. Its error is an *unfinishedError: the run it could not
// finish is recorded, though the caller records nothing. It returns the
// runs it finished something of.
func finishRecorded(ctx context.Context, db *store.DB, o runOptions, log *slog.Logger) ([]domain.Run, error) {
	var finished []domain.Run
	for _, m := range []domain.Month{o.Month.Prev(), o.Month} {
		run, ok, err := db.LatestRun(ctx, m)
		if err != nil || !ok {
			if err != nil {
				return finished, err
			}
			continue
		}
		did, err := finishRun(ctx, db, o, run, log)
		if err != nil {
			return finished, &unfinishedError{run: run, err: err}
		}
		if did {
			finished = append(finished, run)
		}
	}
	return finished, nil
}

// finishedText says, for the operator, that the runs of finished had
// their unfinished steps done by this command ("" for none): a command
// then refused (the month recorded) did some work all the same.
func finishedText(finished []domain.Run) string {
	var out []string
	for _, r := range finished {
		out = append(out, fmt.Sprintf("已补完 %s 运行 %d 中断后未完成的收尾（按数据库重写工作簿、归档留在收件箱的花名册），该运行的记录不变", r.Month, r.ID))
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "；") + "。"
}

// unfinishedError is a recorded run that a later command found unfinished
// (finishRecorded) and could not finish either: that run stands, and the
// command that found it recorded nothing.
type unfinishedError struct {
	run domain.Run
	err error
}

// Error says which run is recorded and unfinished, and that nothing new was
// recorded.
func (e *unfinishedError) Error() string {
	return fmt.Sprintf("%s 的运行 %d 已记录，但它的收尾（重写工作簿、归档花名册）仍未完成，本次未记录任何新内容：请排除下述原因（如磁盘已满、文件夹无写权限）后再执行一次，它会补完收尾，不会重复记录，不要用 --replace (run %d of %s IS RECORDED; finishing it failed again): %v",
		e.run.Month, e.run.ID, e.run.ID, e.run.Month, e.err)
}

// Unwrap returns what failed.
func (e *unfinishedError) Unwrap() error { return e.err }

// finishRun does what run left undone (finishRecorded), and reports
// whether there was anything: workbooks rebuilt or inputs archived.
func finishRun(ctx context.Context, db *store.DB, o runOptions, run domain.Run, log *slog.Logger) (bool, error) {
	missing, err := finishWorkbooks(ctx, db, o.Data, run, log)
	if err != nil {
		return true, err
	}
	archived, err := finishInputs(ctx, db, o, run, log)
	return missing || archived, err
}

// finishWorkbooks is finishRun's first half, which needs no inbox: it
// removes the workbooks staged in run's month folder of data by a run
// stopped before its commit, and rebuilds run's own from the database when
// some are missing or still staged (a run or an approval killed between
// its commit and naming them). It reports whether it rebuilt them.
func finishWorkbooks(ctx context.Context, db *store.DB, data string, run domain.Run, log *slog.Logger) (bool, error) {
	outDir := filepath.Join(data, "out", run.Month.String())
	// Workbooks staged under another run's number were a run's that was
	// stopped before its commit (a replacing run killed while it wrote):
	// never recorded, they are removed, and say nothing of this run.
	var stale []string
	for _, p := range stagedLeft(outDir) {
		os.Remove(p)
		if stagedBy(p, run.ID) {
			stale = append(stale, p)
		}
	}
	missing := len(stale) > 0
	if _, err := os.Stat(filepath.Join(outDir, exceptionsFile)); err != nil {
		missing = true
	}
	if missing {
		// Workbooks staged and never published: a replacing run's had not
		// yet moved the replaced run's aside, which publish does first.
		var replaced int64
		if len(stale) > 0 {
			replaced = run.Replaces
		}
		log.Warn("rebuilding workbooks of a recorded run", "run_id", run.ID, "run_month", run.Month.String())
		if err := rebuildWorkbooks(ctx, db, data, run, replaced); err != nil {
			return true, err
		}
	}
	return missing, nil
}

// finishInputs is finishRun's second half: it archives the inputs of run
// left in the inbox o.Inbox, and keeps each by its content. It reports
// whether it archived any.
func finishInputs(ctx context.Context, db *store.DB, o runOptions, run domain.Run, log *slog.Logger) (bool, error) {
	archived := 0
	inputs, err := db.Inputs(ctx, run.ID)
	if err != nil {
		return archived > 0, err
	}
	files, err := inbox.List(o.Inbox)
	var missing *inbox.DirError
	if errors.As(err, &missing) {
		// No inbox to look in (gone, not mounted): nothing of the run can
		// be archived from it now, and the run is not unfinished for that;
		// the run or daemon says what is wrong with the inbox itself.
		return false, nil
	}
	if err != nil {
		return archived > 0, err
	}
	recorded := map[string]domain.InputFile{}
	for _, in := range inputs {
		recorded[in.Name+"\x00"+in.SHA256] = in
	}
	// A replacing run reads the same files again: the archive holds a copy
	// per run that archived it, this one and those it replaced.
	moved := map[string]int{} // name, sha256 and folder -> copies the runs made
	for r := run; ; {
		ins := inputs
		if r.ID != run.ID {
			if ins, err = db.Inputs(ctx, r.ID); err != nil {
				return archived > 0, err
			}
		}
		for _, in := range ins {
			moved[fmt.Sprint(in.Name, "\x00", in.SHA256, "\x00", in.Rejected)]++
		}
		if r.Replaces == 0 {
			break
		}
		if r, err = db.RunByID(ctx, r.Replaces); err != nil {
			return archived > 0, err
		}
	}
	archive := filepath.Join(o.Data, "archive", run.Month.String())
	rejectedDir := filepath.Join(o.Data, "rejected", run.Month.String())
	for _, f := range files {
		in, ok := recorded[f.Name+"\x00"+f.SHA256]
		if !ok {
			continue
		}
		dir := archive
		if in.Rejected {
			dir = rejectedDir
		}
		if copiesIn(dir, f) >= moved[fmt.Sprint(in.Name, "\x00", in.SHA256, "\x00", in.Rejected)] {
			continue // already archived: this copy is a new drop
		}
		log.Warn("archiving an input of a recorded run left in the inbox", "run_id", run.ID, "file", f.Name)
		archived++
		if err := inbox.KeepByContent(f.Path, contentDir(o.Data), f.SHA256); err != nil {
			return archived > 0, err
		}
		if in.Rejected {
			_, err = inbox.Reject(f.Path, dir, in.Reason, rejectedAgain(o.Data, run.Month))
		} else {
			_, err = inbox.Move(f.Path, dir)
		}
		if err != nil {
			return archived > 0, err
		}
	}
	settled, err := settleMoves(archive, rejectedDir, recorded, rejectedAgain(o.Data, run.Month), log)
	if err != nil {
		return archived > 0 || settled, err
	}
	return archived > 0 || settled, keepArchived(o.Data, run, inputs, log)
}

// settleMoves names the copies that a move across file systems (an inbox on
// another disk or a share) left unnamed in the month's archive and rejected
// folders when its process was killed (inbox.Unmoved): one holding the
// whole content of an input recorded (by name and sha256) is that input,
// its file gone from the inbox, and is named; any other was cut short while
// its file stayed in the inbox, and is removed. It reports whether it named
// any.
func settleMoves(archive, rejectedDir string, recorded map[string]domain.InputFile, again string, log *slog.Logger) (bool, error) {
	settled := false
	for _, dir := range []string{archive, rejectedDir} {
		for _, m := range inbox.Unmoved(dir) {
			var in domain.InputFile
			ok := false
			for _, r := range recorded {
				if r.Name == m.Name && r.Rejected == (dir == rejectedDir) && inbox.Verify(m.Path, r.SHA256) == nil {
					in, ok = r, true
					break
				}
			}
			if !ok {
				os.Remove(m.Path)
				continue
			}
			log.Warn("naming an input of a recorded run that a stopped move left unnamed", "file", m.Name)
			settled = true
			dst, err := inbox.Settle(m)
			if err != nil {
				return settled, err
			}
			if in.Rejected {
				if err := inbox.WriteReason(dst, in.Reason, again); err != nil {
					return settled, err
				}
			}
		}
	}
	return settled, nil
}

// keepArchived restores the copy by content (archive/sha256) of each of
// run's inputs that has none, from its file in the month's archive or
// rejected folder: a run stopped between moving a file and copying it (a
// full disk, a kill, by a version that moved first) would otherwise leave
// the month impossible to re-run.
func keepArchived(data string, run domain.Run, inputs []domain.InputFile, log *slog.Logger) error {
	var lost []domain.InputFile
	for _, in := range inputs {
		if _, err := os.Stat(filepath.Join(contentDir(data), in.SHA256)); err != nil {
			lost = append(lost, in)
		}
	}
	if len(lost) == 0 {
		return nil
	}
	var kept []inbox.File
	for _, sub := range []string{"archive", "rejected"} {
		files, _ := inbox.List(filepath.Join(data, sub, run.Month.String()))
		kept = append(kept, files...)
	}
	for _, in := range lost {
		i := slices.IndexFunc(kept, func(f inbox.File) bool { return f.SHA256 == in.SHA256 })
		if i < 0 {
			log.Error("an input of a recorded run is in no archive folder: the month cannot be re-run", "run_id", run.ID, "file", in.Name, "sha256", in.SHA256)
			continue
		}
		log.Warn("keeping an archived input by its content again", "run_id", run.ID, "file", in.Name)
		if err := inbox.KeepByContent(kept[i].Path, contentDir(data), in.SHA256); err != nil {
			return err
		}
	}
	return nil
}

// stagedLeft returns the workbooks staged in the month folder outDir
// (.tmp-run*, in it and its publication folders) that a stopped run or
// approve never named.
func stagedLeft(outDir string) []string {
	var out []string
	for _, sub := range append([]string{""}, publicationDirs...) {
		tmp, _ := filepath.Glob(filepath.Join(outDir, sub, ".tmp-run*"))
		out = append(out, tmp...)
	}
	return out
}

// stagedBy reports whether the staged workbook at path (stagedLeft) was
// staged by run runID: its name is .tmp-run<runID>-….
func stagedBy(path string, runID int64) bool {
	return strings.HasPrefix(filepath.Base(path), fmt.Sprintf(".tmp-run%d-", runID))
}

// copiesIn counts the files of dir with f's name (or a numbered copy of
// it) and content.
func copiesIn(dir string, f inbox.File) int {
	files, err := inbox.List(dir)
	if err != nil {
		return 0
	}
	stem := strings.TrimSuffix(f.Name, filepath.Ext(f.Name))
	n := 0
	for _, a := range files {
		if strings.HasPrefix(a.Name, stem) && a.SHA256 == f.SHA256 {
			n++
		}
	}
	return n
}

// serviceEarlier reads what the service lists of month m need of the
// approved months before it (calc.Earlier): how they listed the people
// who reached a birthday band within reach (calc.BirthdaysBefore). With
// asOf not zero, only the approvals recorded by then count
// (store.ListedIn): a run's FinishedAt, so that its workbooks rebuilt by
// approve or a restart give the lists the run gave.
func serviceEarlier(ctx context.Context, db *store.DB, t *rules.Table, m domain.Month, people []domain.Person, asOf time.Time) (calc.Earlier, error) {
	ids, from := calc.BirthdaysBefore(t, m, people)
	if len(ids) == 0 {
		return nil, nil
	}
	return db.ListedIn(ctx, from, m, ids, asOf)
}

// rebuildWorkbooks writes the workbooks of a recorded run again from the
// database alone: lines, findings, inputs, the rules it recorded and the
// change lists against the month before. replaced is as for publish.
func rebuildWorkbooks(ctx context.Context, db *store.DB, data string, run domain.Run, replaced int64) error {
	r, err := loadRecorded(ctx, db, run.Month)
	if err != nil {
		return err
	}
	return writeRecorded(ctx, db, data, run, r, replaced)
}

// writeRecorded writes the workbooks of run, read back from db as r by
// loadRecorded, into DATA/out/YYYY-MM, with the month's approval if it is
// run's. The workbooks there are replaced, or, when replaced is not 0,
// first moved aside as that run's (publish).
func writeRecorded(ctx context.Context, db *store.DB, data string, run domain.Run, r *recordedMonth, replaced int64) error {
	approval := ""
	if a, ok, err := db.ApprovalOf(ctx, run.Month); err != nil {
		return err
	} else if ok && a.RunID == run.ID {
		approval = approvalText(a)
	}
	staged, err := stageRecorded(ctx, db, data, run, r, approval)
	if err != nil {
		return err
	}
	return publish(filepath.Join(data, "out", run.Month.String()), staged, run.ID, replaced)
}

// stageRecorded writes the workbooks of run (r, as loadRecorded read it
// back) under temporary names in DATA/out/YYYY-MM, saying approval ("" for
// a draft), for publish to give them their names; on an error it leaves
// none. A process stopped before publish leaves them for finishRecorded
// to write again.
func stageRecorded(ctx context.Context, db *store.DB, data string, run domain.Run, r *recordedMonth, approval string) ([]stagedFile, error) {
	findings, err := db.Findings(ctx, run.ID)
	if err != nil {
		return nil, err
	}
	inputs, err := db.Inputs(ctx, run.ID)
	if err != nil {
		return nil, err
	}
	recoveries, err := db.Recoveries(ctx, run.ID)
	if err != nil {
		return nil, err
	}
	// The approved months the run's lists were made from, as it saw them.
	earlier, err := serviceEarlier(ctx, db, r.table, run.Month, r.people, run.FinishedAt)
	if err != nil {
		return nil, err
	}
	outDir := filepath.Join(data, "out", run.Month.String())
	staged, err := writeWorkbooks(ctx, progress.Off(), outDir, r.table, run.Month, run.ID, run.RulesHash, approval, r.cur.Lines,
		calc.Services(r.table, run.Month, r.people, earlier), findings, r.cur.Listings, inputs, r.changes, recoveries, nil)
	if err != nil {
		removeStaged(staged)
		return nil, err
	}
	return staged, nil
}
