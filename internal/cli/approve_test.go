package cli

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"disburse/internal/report"
	"disburse/internal/store"
)

// Approving records who, when, totals and a hash of the lines, writes the
// approval into the workbooks, and makes the month impossible to replace.
func TestApproveThenReplaceIsRefused(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	bank := filepath.Join(h.data, "out", "2026-11", "代发")
	draftFile, bankFile := filepath.Join(bank, "区民政局_代发_草稿.xlsx"), filepath.Join(bank, "区民政局_代发.xlsx")
	if dump, err := report.Dump(draftFile); err != nil || !strings.Contains(dump, "补贴代发清单（运行编号 1，草稿：审批以前请勿报送银行）") {
		t.Errorf("a draft's bank file does not say it is one: %v\n%.300s", err, dump)
	}
	// Every sheet printed on its own says it is a draft's: a benefit
	// sheet signed, a notice posted.
	notice, civil := filepath.Join(h.data, "out", "2026-11", "公示", "高龄津贴.xlsx"), filepath.Join(h.data, "out", "2026-11", "区民政局.xlsx")
	if dump, err := report.Dump(notice); err != nil || !strings.Contains(dump, "高龄津贴公示名单（草稿：审批以前请勿公示）") {
		t.Errorf("a draft's notice list does not say it is one: %v\n%.300s", err, dump)
	}
	if dump, err := report.Dump(civil); err != nil || !strings.Contains(dump, "高龄津贴发放花名册\n制表单位：区民政局\t\t运行编号 1  草稿（未审批）") {
		t.Errorf("a draft's benefit sheet does not say it is one: %v", err)
	}
	// A CSV has no title: only its name can tell the bank's clerk.
	if got, want := listDir(t, bank), []string{"区民政局_代发_草稿.csv", "区民政局_代发_草稿.xlsx"}; !slices.Equal(got, want) {
		t.Errorf("a draft's bank files are %q, want %q", got, want)
	}
	if code, _, _ := h.main("approve", "--month", "2026-11", "--data", h.data); code != ExitUsage {
		t.Errorf("approve without --by: exit %d", code)
	}
	out := h.mustRun("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	if !strings.Contains(out, "已审批：王会计 于") || !strings.Contains(out, "lines sha256") || !strings.Contains(out, " 千瓦时\n") || strings.Contains(out, "CNY") ||
		!strings.Contains(out, "报送银行的代发文件："+bankFile+"（此前的草稿代发文件已删除") {
		t.Errorf("approve output:\n%s", out)
	}
	db := h.db()
	a, ok, err := db.ApprovalOf(context.Background(), mustMonth(t, "2026-11"))
	if err != nil || !ok || a.By != "王会计" {
		t.Fatalf("approval %+v %v %v", a, ok, err)
	}
	lines, _ := db.Lines(context.Background(), a.RunID)
	if a.LinesSHA256 != store.LinesHash(lines) || len(a.Totals) != 5 {
		t.Errorf("approval hash or totals wrong: %+v", a)
	}
	dump, err := report.Dump(filepath.Join(h.data, "out", "2026-11", "区民政局.xlsx"))
	if err != nil || !strings.Contains(dump, "状态 已审批：王会计 于") {
		t.Errorf("workbook does not carry the approval: %v\n%s", err, dump[:200])
	}
	if dump, err := report.Dump(bankFile); err != nil || !strings.Contains(dump, "补贴代发清单（运行编号 1，已审批：王会计 于") {
		t.Errorf("the approved month's bank file does not say so: %v\n%.300s", err, dump)
	}
	if dump, err := report.Dump(notice); err != nil || strings.Contains(dump, "草稿") || !strings.Contains(dump, "高龄津贴公示名单\n") {
		t.Errorf("the approved month's notice list: %v\n%.300s", err, dump)
	}
	if dump, err := report.Dump(civil); err != nil || !strings.Contains(dump, "高龄津贴发放花名册\n制表单位：区民政局\t\t运行编号 1  已审批：王会计 于") {
		t.Errorf("the approved month's benefit sheet does not say so: %v", err)
	}
	if got, want := listDir(t, bank), []string{"区民政局_代发.csv", "区民政局_代发.xlsx"}; !slices.Equal(got, want) {
		t.Errorf("after approval the bank files are %q, want %q (the draft's gone)", got, want)
	}
	if code, _, errs := h.main("approve", "--month", "2026-11", "--by", "李科长", "--data", h.data); code != ExitFailure || !strings.Contains(errs, "已于") || !strings.Contains(errs, "CST 由 王会计 审批") {
		t.Errorf("second approval: exit %d: %s", code, errs)
	}
	copyDir(t, acceptanceInbox, h.inbox)
	code, _, errs := h.main("run", "--month", "2026-11", "--replace")
	if code != ExitFailure || !strings.Contains(errs, "已于") || !strings.Contains(errs, "审批") {
		t.Errorf("replacing an approved month: exit %d: %s", code, errs)
	}
	if n := h.runsOf("2026-11"); n != 1 {
		t.Errorf("%d runs", n)
	}
}

// A month whose month before is still a draft is approved only when told
// twice: its change lists compare with a run that may yet be replaced.
func TestApproveAfterADraftMonth(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-10")
	h.mustRun("run", "--month", "2026-10")
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	h.mustRun("run", "--month", "2026-11")
	code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	if code != ExitFailure || !strings.Contains(out, "！！上月（2026-10）尚未审批") || !strings.Contains(errs, "--despite-warnings") {
		t.Errorf("approve after a draft month: exit %d\n%s\n%s", code, out, errs)
	}
	h.approve("2026-11")
	// October, approved after November, is told twice too: November's
	// corrections left it out.
	code, out, _ = h.main("approve", "--month", "2026-10", "--by", "王会计", "--data", h.data)
	if code != ExitFailure || !strings.Contains(out, "！！2026-11 已先于本月审批") {
		t.Errorf("approve before an approved month: exit %d\n%s", code, out)
	}

	h = newHarness(t, "../../fixtures/inbox/2026-10")
	h.mustRun("run", "--month", "2026-10")
	h.mustRun("approve", "--month", "2026-10", "--by", "王会计", "--data", h.data)
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	h.mustRun("run", "--month", "2026-11")
	if out := h.mustRun("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data); strings.Contains(out, "！！") {
		t.Errorf("approve after an approved month warns:\n%s", out)
	}

	// November run while October was a draft, October then replaced and
	// approved: November compared with the run replaced, and its
	// corrections left October out. Approving it is told twice, naming
	// both records; run again, it is approved without a word.
	h = newHarness(t, "../../fixtures/inbox/2026-10")
	h.mustRun("run", "--month", "2026-10")
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	h.mustRun("run", "--month", "2026-11")
	copyDir(t, "../../fixtures/inbox/2026-10", h.inbox)
	h.mustRun("run", "--month", "2026-10", "--replace")
	h.mustRun("approve", "--month", "2026-10", "--by", "王会计", "--data", h.data)
	code, out, _ = h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	if code != ExitFailure || !strings.Contains(out, "！！本月运行2计算以后") || !strings.Contains(out, "2026-10 运行3") || !strings.Contains(out, "替换了运行1") || !strings.Contains(out, "由王会计于") {
		t.Errorf("approve after the month before was replaced and approved: exit %d\n%s", code, out)
	}
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	h.mustRun("run", "--month", "2026-11", "--replace")
	if out := h.mustRun("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data); strings.Contains(out, "！！") {
		t.Errorf("approve of November run again warns:\n%s", out)
	}
}

// A daemon that ran with the first street to arrive, on a first month with
// nothing to compare: the other streets' rosters, dropped after the run,
// are still in the inbox, named for the month. approve names them and
// refuses, since approving would leave their people out for good; a file
// named for another month is not this month's business.
func TestApproveRefusesWithRostersOfTheMonthLeftInTheInbox(t *testing.T) {
	h := newHarness(t, "")
	copyFile(t, filepath.Join(acceptanceInbox, acceptanceEast), filepath.Join(h.inbox, acceptanceEast))
	h.mustRun("run", "--month", "2026-11")
	late := "2026年11月_西街街道_老年人补贴花名册.xlsx"
	copyFile(t, filepath.Join(acceptanceInbox, late), filepath.Join(h.inbox, late))
	code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data, "--inbox", h.inbox)
	if code != ExitFailure || !strings.Contains(out, "！！收件箱（"+h.inbox+"）中还有 1 个文件名写着2026年11月的文件，本次运行没有读取："+late) || !strings.Contains(errs, "未审批") {
		t.Errorf("approve with a roster of the month in the inbox: exit %d\n%s\n%s", code, out, errs)
	}
	next := "2026年12月_西街街道_老年人补贴花名册.xlsx"
	if err := os.Rename(filepath.Join(h.inbox, late), filepath.Join(h.inbox, next)); err != nil {
		t.Fatal(err)
	}
	// The run's own input, as a run stopped before archiving leaves it, is
	// no roster left unread.
	copyFile(t, filepath.Join(acceptanceInbox, acceptanceEast), filepath.Join(h.inbox, acceptanceEast))
	h.mustRun("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data, "--inbox", h.inbox)
}

// An inbox approve cannot open is said, not passed over in silence: the
// rosters of the month may be somewhere else. An operator approved from
// another folder without --inbox while a corrected roster waited in the
// real inbox: approved, the month can never take it. Approve refuses
// (！！) unless told --despite-warnings.
func TestApproveSaysWhenItCannotLookInTheInbox(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	if err := os.RemoveAll(h.inbox); err != nil { // the run's own inbox gone too
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "收件箱")
	code, out, _ := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data, "--inbox", missing)
	if code != ExitFailure || !strings.Contains(out, "！！未检查收件箱："+h.inbox+"、"+missing+" 打不开或不存在") {
		t.Errorf("approve: exit %d\n%s", code, out)
	}
	if _, ok, _ := h.db().ApprovalOf(context.Background(), mustMonth(t, "2026-11")); ok {
		t.Fatal("approved without looking in the inbox")
	}
	if out := h.mustRun("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data, "--inbox", missing, "--despite-warnings"); !strings.Contains(out, "已审批") {
		t.Errorf("approve --despite-warnings:\n%s", out)
	}
}

// A database damaged where approve reads nothing (the index of one-off
// claims, read by training months only) is found by approve's check, and
// the month is not approved: a fresh user's was recorded and approved
// into, and only a re-run failed.
func TestApproveRefusesADamagedDatabase(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	damageIndex(t, filepath.Join(h.data, "disburse.db"), "payment_lines_claim")
	code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--despite-warnings", "--data", h.data)
	if code == 0 || !strings.Contains(errs, "disburse.db 已损坏") || !strings.Contains(errs, "从备份恢复") {
		t.Errorf("approve of a damaged database: exit %d\n%s%s", code, out, errs)
	}
}

// An approved month's line edited in the database afterwards (the amount
// of one senior) is found by its approval's hash: payments refuses to
// print it and status warns; before the edit both are as usual.
func TestLinesChangedAfterApproval(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	h.approve("2026-11")
	if code, _, errs := h.main("payments", "--month", "2026-11"); code != 0 {
		t.Fatalf("payments before the edit: exit %d: %s", code, errs)
	}
	if out := h.mustRun("status", "--data", h.data); strings.Contains(out, "审批以后被改动") {
		t.Errorf("status before the edit:\n%s", out)
	}
	h.editOne(`UPDATE payment_lines SET amount = '176.67', amount_hundredths = 17667 WHERE rowid = (SELECT MIN(rowid) FROM payment_lines WHERE unit = 'CNY')`)
	code, out, errs := h.main("payments", "--month", "2026-11")
	if code == 0 || out != "" || !strings.Contains(errs, "在审批以后被改动") {
		t.Errorf("payments after the edit: exit %d\n%s%s", code, out, errs)
	}
	if out := h.mustRun("status", "--data", h.data); !strings.Contains(out, "！！2026-11运行1的发放明细在审批以后被改动") {
		t.Errorf("status after the edit:\n%s", out)
	}
	// rerun names no change of band or rate, which there was none of.
	if _, out, _ := h.main("rerun", "--month", "2026-11", "--data", h.data); !strings.Contains(out, "176.67") || !strings.Contains(out, "记录的金额可能在运行以后被改动过") {
		t.Errorf("rerun after the edit:\n%s", out)
	}
}

// An approved month's recovery (追回) edited in the database afterwards is
// found as an edited line is: the approval kept the recoveries' hash too,
// so the 追回清单 an auditor collects from cannot change unseen. A
// tester's edit of 邹香's 270.00 to 27.00 went unnoticed but by rerun.
func TestRecoveriesChangedAfterApproval(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-10", nil)
	h.runAcceptance("2026-11", map[string]string{"P7": "2026-09-15"}) // 贺国荣 dead since September: October recovered
	h.approve("2026-11")
	if code, _, errs := h.main("payments", "--month", "2026-11", "--recoveries"); code != 0 {
		t.Fatalf("payments before the edit: exit %d: %s", code, errs)
	}
	h.editOne(`UPDATE recoveries SET amount = '27.00', amount_hundredths = 2700 WHERE rowid = (SELECT MIN(rowid) FROM recoveries WHERE unit = 'CNY')`)
	code, out, errs := h.main("payments", "--month", "2026-11", "--recoveries")
	if code == 0 || out != "" || !strings.Contains(errs, "追回明细在审批以后被改动") {
		t.Errorf("payments after the edit: exit %d\n%s%s", code, out, errs)
	}
	if out := h.mustRun("status", "--data", h.data); !strings.Contains(out, "！！2026-11运行2的追回明细在审批以后被改动") {
		t.Errorf("status after the edit:\n%s", out)
	}
}

// A daemon started on a damaged database says so at once, in its log, as
// approve's check finds it, not first at the month's tick; on a sound one
// it says nothing of the kind.
func TestDaemonStartChecksTheDatabase(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	var log bytes.Buffer
	cfg := DefaultConfig()
	cfg.Inbox, cfg.Data, cfg.Rules = h.inbox, h.data, rulesDir
	d, err := newDaemon(cfg, slog.New(slog.NewTextHandler(&log, nil)), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	d.checkDatabase(context.Background())
	if strings.Contains(log.String(), "cannot be used") {
		t.Fatalf("a sound database: %s", log.String())
	}
	damageIndex(t, filepath.Join(h.data, "disburse.db"), "payment_lines_claim")
	d.checkDatabase(context.Background())
	if !strings.Contains(log.String(), "the database cannot be used") || !strings.Contains(log.String(), "已损坏") {
		t.Errorf("a damaged database: %s", log.String())
	}
}

// editOne runs statement on the data folder's database as someone editing
// it by hand would, failing the test unless it changed exactly one row.
func (h *harness) editOne(statement string) {
	h.t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(h.data, "disburse.db"))
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	res, err := db.Exec(statement)
	if err != nil {
		h.t.Fatalf("edit: %v", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		h.t.Fatalf("edit: %d rows, want 1", n)
	}
}

// damageIndex overwrites the root page of index (a page no run reads in
// most months) in the database at path with garbage.
func damageIndex(t *testing.T, path, index string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var root int64
	if err := db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = ?`, index).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, 4096), (root-1)*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// An approved month whose amount in fen alone was edited (the column the
// sums of corrections read; the text the hash covers left as it was) is
// caught as changed; and the next month, computed from it, is not
// approved without --despite-warnings.
func TestFenEditedAfterApprovalStopsTheNextApproval(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-10")
	h.mustRun("run", "--month", "2026-10")
	h.approve("2026-10")
	h.editOne(`UPDATE payment_lines SET amount_hundredths = 0 WHERE rowid = (SELECT MIN(rowid) FROM payment_lines WHERE unit = 'CNY')`)
	if out := h.mustRun("status", "--data", h.data); !strings.Contains(out, "！！2026-10运行1的发放明细在审批以后被改动") {
		t.Errorf("status after the edit:\n%s", out)
	}
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	h.mustRun("run", "--month", "2026-11")
	code, out, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	if code == ExitOK || !strings.Contains(out+errs, "2026-10（运行1）已审批的发放明细在审批以后被改动") {
		t.Errorf("approve of November: exit %d\n%s%s", code, out, errs)
	}
}

// A recorded and finished month, looked at again with its inbox gone (a
// daemon whose inbox folder was removed or not mounted): the daemon logged
// that November's run was unfinished and to free the disk, when the only
// fault was the inbox. Nothing of the run is left to archive from an inbox
// that is not there: finishRecorded finds nothing unfinished.
func TestFinishingWithTheInboxGoneIsNoFailure(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	h.approve("2026-11")
	db := h.db()
	o := runOptions{Month: mustMonth(t, "2026-12"), Inbox: filepath.Join(t.TempDir(), "gone"), Data: h.data, Rules: rulesDir, Now: time.Now}
	if finished, err := finishRecorded(context.Background(), db, o, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil || len(finished) != 0 {
		t.Errorf("finished %v, error %v", finished, err)
	}
}

// Approve started elsewhere, its ./inbox (or --inbox) another folder than
// the run read, looked only there and approved past a late roster waiting
// in the run's own inbox. The run records its inbox, and approve looks in
// it too, and says where it looked.
func TestApproveLooksInTheInboxTheRunRead(t *testing.T) {
	h := newHarness(t, acceptanceInbox)
	h.mustRun("run", "--month", "2026-11")
	entries, _ := os.ReadDir(acceptanceInbox)
	copyFile(t, filepath.Join(acceptanceInbox, entries[0].Name()), filepath.Join(h.inbox, "2026年11月_西街街道_补报.xlsx"))
	elsewhere := t.TempDir()
	code, out, _ := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data, "--inbox", elsewhere)
	if code != ExitFailure || !strings.Contains(out, "！！收件箱（"+h.inbox+"）中还有 1 个文件名写着2026年11月的文件") {
		t.Errorf("approve elsewhere: exit %d\n%s", code, out)
	}
	os.Remove(filepath.Join(h.inbox, "2026年11月_西街街道_补报.xlsx"))
	out = h.mustRun("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data, "--inbox", elsewhere)
	if !strings.Contains(out, "已检查收件箱："+h.inbox+"、"+elsewhere) {
		t.Errorf("where approve looked is not said:\n%s", out)
	}
}

// A warning that ends in a colon and lists what it names on indented lines
// keeps them: status printed 请先用 run --replace 重新计算本月： and
// nothing after it. A line not indented, or after a warning without a
// colon, is no part of it.
func TestBangLinesKeepTheirList(t *testing.T) {
	text := "！！本月运行4计算以后，以前月份的记录又有变化；请先用 run --replace 重新计算本月：\n" +
		"    2026-11 运行5 替换了运行3\n" +
		"    2026-11 由李审计审批\n" +
		"！！另一条警告\n" +
		"    不属于它\n" +
		"待核实 2 人\n"
	got := bangLines(text)
	want := []string{"本月运行4计算以后，以前月份的记录又有变化；请先用 run --replace 重新计算本月：2026-11 运行5 替换了运行3；2026-11 由李审计审批", "另一条警告"}
	if !slices.Equal(got, want) {
		t.Errorf("bangLines:\n%q\nwant\n%q", got, want)
	}
}

// approve with a mistyped --data refuses without making the folder: it
// took the folder's lock first, and left a folder holding only the lock.
func TestApproveOfAMistypedDataFolderMakesNothing(t *testing.T) {
	h := newHarness(t, "")
	code, _, errs := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data)
	if code == ExitOK || !strings.HasPrefix(errs, "disburse: 数据目录 "+h.data+" 中没有数据库（disburse.db）：请检查 --data") || !strings.Contains(errs, "no database at") {
		t.Errorf("approve of a folder with no database: exit %d: %s", code, errs)
	}
	noDataFolder(t, h.data)
}

// status reads back for a draft's warnings only whom they can name
// (warnedOf), not the whole month: for the two fixture months, a December
// of November's rosters and a January without 北街街道's, what approve
// warns of from the whole month is what status warns of. Between them
// the months have a person on 待核实, a street absent, a person paid whom
// a later month records dead, and a month before not approved.
func TestDraftWarningsOfSomeAreTheWholeMonths(t *testing.T) {
	h := fixtureMonths(t, "2026-12")
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	if err := os.Remove(filepath.Join(h.inbox, "2026年11月_北街街道_老年人补贴花名册.xlsx")); err != nil {
		t.Fatal(err)
	}
	h.mustRun("run", "--month", "2027-01")
	all := sameDraftWarnings(t, h, "2026-10", "2026-11", "2026-12", "2027-01")
	for _, want := range []string{"待核实", "北街街道：上月发放", "其他月份的运行记载其死亡日期在本月之前，本月运行没有按该日期暂缓", "尚未审批"} {
		if !strings.Contains(all, want) {
			t.Errorf("no month warns of %q: the case is not tested\n%s", want, all)
		}
	}
}

// As TestDraftWarningsOfSomeAreTheWholeMonths, for a 补发 of a month other
// than the one before: 贺国荣 held in September and October (低保类别
// 待定) is paid both back in November, and September's approved record
// is changed after its approval.
func TestDraftWarningsOfSomeNameTheMonthsPaidBack(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-09", map[string]string{"H7": "待定"})
	h.runApproved("2026-10", map[string]string{"H7": "待定"})
	h.runAcceptance("2026-11", nil)
	h.editOne(`UPDATE payment_lines SET amount_hundredths = amount_hundredths + 1 WHERE rowid = (SELECT MIN(rowid) FROM payment_lines WHERE run_id = 1 AND unit = 'CNY')`)
	if all := sameDraftWarnings(t, h, "2026-11"); !strings.Contains(all, "2026-09（运行1）已审批的") {
		t.Errorf("November does not warn of September changed since its approval: the case is not tested\n%s", all)
	}
}

// sameDraftWarnings fails t unless, for each of months, approvalWarnings
// says the same of the month read back for warnedOf's people as of the
// whole month, and returns what it said of the whole months.
func sameDraftWarnings(t *testing.T, h *harness, months ...string) string {
	t.Helper()
	ctx := context.Background()
	db := h.db()
	defer db.Close()
	var all strings.Builder
	for _, month := range months {
		m := mustMonth(t, month)
		whole, err := loadRecorded(ctx, db, m)
		if err != nil {
			t.Fatal(err)
		}
		var want, got strings.Builder
		if _, err := approvalWarnings(ctx, &want, db, whole); err != nil {
			t.Fatal(err)
		}
		who, err := warnedOf(ctx, db, m)
		if err != nil {
			t.Fatal(err)
		}
		part, err := loadRecordedOf(ctx, db, m, who)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := approvalWarnings(ctx, &got, db, part); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s read back for %d people warns:\n%s\nthe whole month:\n%s", month, len(who), got.String(), want.String())
		}
		all.WriteString(want.String())
	}
	return all.String()
}

// An approval of a month never run, or without --by, is refused in
// Chinese saying what to do: run the month first, write who approves.
func TestApproveRefusalsSayWhatToDo(t *testing.T) {
	h := newHarness(t, "")
	h.runApproved("2026-10", nil)
	code, out, errs := h.main("approve", "--month", "2026-09", "--by", "王会计", "--data", h.data)
	if want := "2026-09 没有发放记录：请先用 disburse run --month 2026-09 计算该月"; code != ExitFailure || !strings.Contains(errs, want) {
		t.Errorf("approve of a month never run: exit %d, want %d saying %q:\n%s%s", code, ExitFailure, want, out, errs)
	}
	code, out, errs = h.main("approve", "--month", "2026-09", "--data", h.data)
	if want := "请用 --by 写明审批人的姓名"; code != ExitUsage || !strings.Contains(errs, want) {
		t.Errorf("approve without --by: exit %d, want %d saying %q:\n%s%s", code, ExitUsage, want, out, errs)
	}
}
