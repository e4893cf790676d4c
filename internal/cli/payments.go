package cli

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"disburse/internal/domain"
	"disburse/internal/money"
	"disburse/internal/store"
)

func newPaymentsCmd(e *env) *cobra.Command {
	var month, format string
	var runID int64
	var recoveries bool
	var ff folderFlags
	cmd := &cobra.Command{
		Use:   "payments --month YYYY-MM [--run N] [--recoveries] [--data DIR] --format csv",
		Short: "Print the recorded payment lines of a month's latest run",
		Long: `payments prints the payment lines of the month's latest recorded run as UTF-8
CSV with the header
id_number,name,benefit,amount,unit,department,corrects,band,street,community,account,source_file,source_sheet,source_row,benefit_name.
Amounts are plain decimals: 76.66, 54.50 (yuan, two decimals), 15 (kWh);
corrects is the month a 补发 line pays for (YYYY-MM), empty for the
month's own money; account is the 银行账号 the bank file sends the money
to (the 户号 of kWh), empty when it waits for one; source_* is the roster
row the line was computed from; benefit_name is the benefit's name
(高龄津贴) by the run's recorded rules. --run N prints
run N instead (it must be a run of that month), e.g. a run later replaced.
--recoveries prints the run's recoveries (追回) instead, with the header
id_number,name,benefit,amount,unit,department,corrects,reason: corrects is
the month the money was paid in (YYYY-MM), reason why it is recovered.` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "csv" {
				return usagef("--format %q: only csv is supported", format)
			}
			if cmd.Flags().Changed("run") && runID <= 0 {
				return usagef("--run %d：运行编号从 1 开始（run numbers start at 1）", runID)
			}
			m, cfg, err := ff.resolveMonth(e, month)
			if err != nil {
				return err
			}
			return printPayments(cmd.Context(), e.stdout, cfg.Data, m, runID, recoveries)
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "payout month, YYYY-MM (required)")
	cmd.Flags().StringVar(&format, "format", "csv", "output format: csv")
	cmd.Flags().Int64Var(&runID, "run", 0, "a specific run of the month (default: the latest)")
	cmd.Flags().BoolVar(&recoveries, "recoveries", false, "print the run's recoveries (追回) instead of its payment lines")
	ff.register(cmd, false)
	cmd.Flags().Lookup("rules").Usage = "accepted but not used: each run is read under the rules recorded with it"
	return cmd
}

// printPayments writes the payment lines of the latest run of month (run
// runID when not 0), or its recoveries when recoveries is set, as CSV to
// w. It returns an error when the database does not exist, the month has
// no run, or runID is another month's.
func printPayments(ctx context.Context, w io.Writer, data string, m domain.Month, runID int64, recoveries bool) error {
	db, run, err := openRun(ctx, data, m)
	if err != nil {
		return err
	}
	defer db.Close()
	if runID != 0 {
		r, err := db.RunByID(ctx, runID)
		if err != nil {
			return err
		}
		if r.Month != m {
			return fmt.Errorf("运行%d 是 %s 的发放，不是 %s 的（run %d is a run of %s, not %s）", runID, r.Month, m, runID, r.Month, m)
		}
		run = r
	}
	if err := approvalIntact(ctx, db, run); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if recoveries {
		rs, err := db.Recoveries(ctx, run.ID)
		if err != nil {
			return err
		}
		cw.Write([]string{"id_number", "name", "benefit", "amount", "unit", "department", "corrects", "reason"})
		for _, r := range rs {
			cw.Write([]string{r.PersonID, r.Name, r.Benefit, money.Format(r.Amount, r.Unit), r.Unit, r.Department, r.Corrects.String(), r.Reason})
		}
		cw.Flush()
		return cw.Error()
	}
	lines, err := db.Lines(ctx, run.ID)
	if err != nil {
		return err
	}
	// corrects: the month a 补发 line pays for, empty for the month's own
	// money (an auditor summing the month otherwise met one person twice
	// under one benefit with nothing to tell the lines apart).
	// The columns after corrects let an auditor tie each line to the bank
	// file (account: the 银行账号, or the 户号 of kWh; empty when the money
	// waits for one) and to the roster row it was computed from.
	// benefit_name is the benefit's name as the run's recorded rules give
	// it (高龄津贴), for staff who do not read codes.
	names := recordedNames(ctx, db, run.ID, m)
	cw.Write([]string{"id_number", "name", "benefit", "amount", "unit", "department", "corrects", "band", "street", "community", "account", "source_file", "source_sheet", "source_row", "benefit_name"})
	for _, l := range lines {
		corrects := ""
		if l.Corrects.Valid() {
			corrects = l.Corrects.String()
		}
		cw.Write([]string{l.PersonID, l.Name, l.Benefit, money.Format(l.Amount, l.Unit), l.Unit, l.Department, corrects,
			l.Band, l.Street, l.Community, l.Account, l.Source.File, l.Source.Sheet, strconv.Itoa(l.Source.Row), label(names, l.Benefit)})
	}
	cw.Flush()
	return cw.Error()
}

// approvalIntact returns an error when run is its month's approved run and
// its lines or recoveries no longer hash as the approval recorded
// (store.ApprovalIntact):
// the database was changed after approval, and what it now says is not
// what was approved, so it is not to be sent to a bank or relied on.
func approvalIntact(ctx context.Context, db *store.DB, run domain.Run) error {
	a, ok, err := db.ApprovalOf(ctx, run.Month)
	if err != nil || !ok || a.RunID != run.ID {
		return err
	}
	changed, err := db.ApprovalIntact(ctx, a)
	if err != nil || changed == nil {
		return err
	}
	return fmt.Errorf("%s运行%d的%s在审批以后被改动：审批时记录的 sha256 为 %s，现在为 %s。数据库中的金额、姓名、账号、部门、街道或档次已不是审批时的，不能据此报送、追回或核对；请按备份核对数据库（disburse rerun --month %s 列出与重新计算的差别） (the approved records were changed after approval)",
		run.Month, run.ID, changed.What, changed.Recorded, changed.Now, run.Month)
}

// openExisting opens DATA/disburse.db, refusing to create an empty one;
// in a folder that cannot be written (an auditor's read-only copy), for
// reading only (store.OpenReadOnly).
func openExisting(ctx context.Context, data string) (*store.DB, error) {
	if err := noDatabase(data); err != nil {
		return nil, err
	}
	path := filepath.Join(data, "disburse.db")
	db, err := store.Open(ctx, path)
	if err != nil && writeError(data) != nil { // an auditor's read-only copy
		return store.OpenReadOnly(ctx, path)
	}
	return db, err
}

// noDatabase returns an error when data holds no disburse.db to read (a
// mistyped --data, a lost database: lostDatabase), nil when it does.
// Commands that only read or approve ask it before they take the folder's
// lock, which would make a mistyped folder, holding only the lock.
func noDatabase(data string) error {
	if err := lostDatabase(data); err != nil {
		return err
	}
	path := filepath.Join(data, "disburse.db")
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("数据目录 %s 中没有数据库（disburse.db）：请检查 --data 是否为运行时所用的数据目录（还没有运行过的，请先运行 disburse run） (no database at %s (has a month been run with this --data?): %w)", data, path, err)
	}
	return nil
}

// openData opens data's disburse.db to record in, creating it in a new
// data folder; it refuses one that is missing or empty while the folder
// holds earlier runs' outputs (lostDatabase).
func openData(ctx context.Context, data string) (*store.DB, error) {
	if err := lostDatabase(data); err != nil {
		return nil, err
	}
	return store.Open(ctx, filepath.Join(data, "disburse.db"))
}

// lostDatabase returns an error when data's disburse.db is missing or
// empty (0 bytes: SQLite would take it for a new database) while the
// folder holds what earlier runs left: a month's folder (YYYY-MM) under
// out/ or archive/. The record of those months, their approvals among
// them, is gone; a new database would pay them again as if never paid and
// write over their approved bank files.
func lostDatabase(data string) error {
	path := filepath.Join(data, "disburse.db")
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 || err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var months []string
	for _, sub := range []string{"out", "archive"} {
		entries, _ := os.ReadDir(filepath.Join(data, sub))
		for _, e := range entries {
			if _, err := domain.ParseMonth(e.Name()); err == nil && e.IsDir() && !slices.Contains(months, e.Name()) {
				months = append(months, e.Name())
			}
		}
	}
	if len(months) == 0 {
		return nil // a new data folder
	}
	slices.Sort(months)
	state := "不存在"
	if _, err := os.Stat(path); err == nil {
		state = "是空文件（0 字节）"
	}
	return fmt.Errorf("%s %s，但数据文件夹中有以前月份（%s）的输出或归档：发放记录（含审批）已丢失，新建数据库会把这些月份当作从未发放，重复发放并覆盖已审批的代发文件。请停止守护进程，从备份恢复 disburse.db（连同同名的 -wal 文件）后再运行；如确要在此从头开始，请先把 out 和 archive 文件夹移走 (the database is missing or empty, but the data folder holds earlier months: refusing to start a new record)",
		path, state, strings.Join(months, "、"))
}

// writeError returns why a file cannot be written in dir (a read-only
// disk, no rights, a full disk, no such folder), or nil when one can. It
// writes a page (4 KiB) and syncs it: a full disk still lets an empty file
// be made. A variable, for tests run as root, whom no folder refuses.
var writeError = func(dir string) error {
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, 4096))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// recordedRun returns the latest run of m, or an error saying (in Chinese
// and English) that the month has no recorded run.
func recordedRun(ctx context.Context, db *store.DB, m domain.Month) (domain.Run, error) {
	run, ok, err := db.LatestRun(ctx, m)
	if err == nil && !ok {
		err = noRunError(m)
	}
	return run, err
}

// noRunError says, in Chinese and English, that month m has no recorded
// run, and how to make one.
func noRunError(m domain.Month) error {
	return fmt.Errorf("%s 没有发放记录：请先用 disburse run --month %s 计算该月（disburse status 列出已有记录的月份） (no recorded run for %s)", m, m, m)
}

// openRun opens DATA/disburse.db and finds the latest run of m; it returns
// an error (and no database to close) when either is missing.
func openRun(ctx context.Context, data string, m domain.Month) (*store.DB, domain.Run, error) {
	db, err := openExisting(ctx, data)
	if err != nil {
		return nil, domain.Run{}, err
	}
	run, err := recordedRun(ctx, db, m)
	if err != nil {
		db.Close()
		return nil, domain.Run{}, err
	}
	return db, run, nil
}
