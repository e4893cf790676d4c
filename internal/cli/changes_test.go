package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"disburse/internal/report"

	"github.com/xuri/excelize/v2"
)

// Two consecutive fixture months (October is November's rosters with the
// edits listed in fixtures/inbox/2026-10.edits.tsv): every kind of change
// appears, the bridge holds, and the change sheets are pinned by golden
// files.
func TestTwoFixtureMonths(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-10")
	out := h.mustRun("run", "--month", "2026-10")
	if !strings.Contains(out, "上月（2026-09）没有发放记录") {
		t.Errorf("first month does not say it has nothing to compare with:\n%s", out)
	}
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	out = h.mustRun("run", "--month", "2026-11")
	if !strings.Contains(out, "待核实 1 人") {
		t.Errorf("summary does not announce the person to verify:\n%s", out)
	}

	code, csvOut, errs := h.main("changes", "--month", "2026-11", "--format", "csv")
	if code != ExitOK {
		t.Fatalf("changes: exit %d: %s", code, errs)
	}
	golden(t, "fixture-2026-11.changes.csv", csvOut)
	rows, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, r := range rows[1:] {
		kinds[r[0]]++
	}
	for _, k := range []string{"new", "stopped", "adjusted", "transfer", "missing", "milestone"} {
		if kinds[k] == 0 {
			t.Errorf("no %s change between the fixture months", k)
		}
	}
	for _, want := range []string{"死亡日期2026-09-19早于本月", "本月被暂缓发放，异常代码：value_unknown", "上月未列入花名册", "本月年满80周岁", "年龄档次变化：90周岁", "低保类别由「否（非低保）」变为「农村低保」", "户号2758374986本月已由"} {
		if !strings.Contains(csvOut, want) {
			t.Errorf("changes lack %q", want)
		}
	}

	_, text, _ := h.main("changes", "--month", "2026-11")
	if strings.Contains(text, "不符") || !strings.Contains(text, "相符") {
		t.Errorf("bridge does not hold:\n%s", text)
	}

	dump, err := report.Dump(filepath.Join(h.data, "out", "2026-11", "区民政局.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture-2026-11.区民政局.changes.txt", dump[strings.Index(dump, "## "+report.SheetBridge):])
	dump, err = report.Dump(filepath.Join(h.data, "out", "2026-11", exceptionsFile))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dump, "## 待核实") || !strings.Contains(dump, "张老汉\t140502193803031236\t东街街道") {
		t.Errorf("异常清单.xlsx lacks the person to verify:\n%s", dump)
	}
	// Each street's copy lists the rows of its roster held this month (毛树旺
	// of 西街), and only those.
	for _, street := range []string{"东街街道", "西街街道"} {
		rows := allCells(t, filepath.Join(h.data, "out", "2026-11", streetDir, street+".xlsx"))[report.SheetHeld]
		var held []string
		for _, r := range rows[min(2, len(rows)):] { // under the title and header
			held = append(held, r[5])
			if !strings.Contains(r[1], street) {
				t.Errorf("%s copy holds a row of %s", street, r[1])
			}
		}
		if has := slices.Contains(held, "毛树旺"); has != (street == "西街街道") {
			t.Errorf("%s copy: held rows %v", street, held)
		}
	}
	// The street office that must confirm him finds him in its own copy,
	// and no other street's copy has him.
	for _, street := range []string{"东街街道", "西街街道"} {
		dump, err := report.Dump(filepath.Join(h.data, "out", "2026-11", streetDir, street+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		if has := strings.Contains(dump, "## 待核实") && strings.Contains(dump, "张老汉\t140502193803031236"); has != (street == "东街街道") {
			t.Errorf("%s copy lists 张老汉 to verify: %v", street, has)
		}
	}
}

func TestChangesWithoutRun(t *testing.T) {
	h := newHarness(t, "")
	os.MkdirAll(h.data, 0o755)
	if code, _, _ := h.main("changes", "--month", "2026-11"); code != ExitFailure {
		t.Errorf("exit %d", code)
	}
}

// A street whose roster does not arrive has everyone it was paid for last
// month to confirm, and nothing paid: it still gets its copy, with them on
// 待核实, since only its office can say what happened.
func TestStreetWithoutRosterGetsItsCopy(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-10")
	h.mustRun("run", "--month", "2026-10")
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	if err := os.Remove(filepath.Join(h.inbox, "2026年11月_西街街道_老年人补贴花名册.xlsx")); err != nil {
		t.Fatal(err)
	}
	out := h.mustRun("run", "--month", "2026-11")
	if !strings.Contains(out, "！！西街街道：上月发放") || strings.Contains(out, "！！东街街道") {
		t.Errorf("summary does not point at the street without a roster, or points at another:\n%s", out)
	}
	dump, err := report.Dump(filepath.Join(h.data, "out", "2026-11", streetDir, "西街街道.xlsx"))
	if err != nil {
		t.Fatalf("no copy for the street without a roster: %v", err)
	}
	if !strings.Contains(dump, "补贴项目\t人数\t合计\t单位\n（本月无发放）") {
		t.Errorf("西街街道 copy's 汇总 does not say nothing was paid:\n%s", dump)
	}
	at := strings.Index(dump, "## 待核实")
	if at < 0 {
		t.Fatalf("西街街道 copy has no 待核实 sheet:\n%s", dump)
	}
	missing := dump[at:]
	if strings.Count(missing, "西街街道") < 3 {
		t.Errorf("西街街道 copy does not list its people to confirm:\n%s", missing)
	}
	if strings.Contains(missing, "东街街道") {
		t.Errorf("西街街道 copy lists another street's people:\n%s", missing)
	}
}

// A street whose every row is held (here hidden in Excel) is paid nothing,
// and still gets its copy listing those rows: only its office can correct
// them.
func TestStreetWithEveryRowHeldGetsItsCopy(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	editWorkbook(t, filepath.Join(h.inbox, "2026年11月_西街街道_老年人补贴花名册.xlsx"), func(f *excelize.File) error {
		rows, err := f.GetRows("Sheet1")
		for r := 4; r <= len(rows) && err == nil; r++ {
			err = f.SetRowVisible("Sheet1", r, false)
		}
		return err
	})
	h.mustRun("run", "--month", "2026-11")
	held := allCells(t, filepath.Join(h.data, "out", "2026-11", streetDir, "西街街道.xlsx"))[report.SheetHeld]
	hidden := 0
	for _, r := range held[min(2, len(held)):] {
		if slices.Contains(r, "row_hidden") {
			hidden++
		}
	}
	if hidden < 50 { // the roster has 60 people
		t.Errorf("西街街道 copy lists %d hidden rows held, want every row of its roster:\n%v", hidden, held)
	}
}

// A street whose only roster has no ID that can be read (the column typed
// as numbers, which keep 15 digits of 18) has
// every row held and nobody listed or paid: its copy still lists them on
// 暂缓发放, by the 街道 written on each row, and approve, which writes the
// copies again from the database, keeps it.
func TestStreetWithNoReadableIDGetsItsCopy(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	broken := 0
	editWorkbook(t, filepath.Join(h.inbox, "2026年11月_西街街道_老年人补贴花名册.xlsx"), func(f *excelize.File) error {
		rows, err := f.GetRows("Sheet1")
		for i, r := range rows {
			if err != nil || i < 3 || len(r) < 6 {
				continue
			}
			id := strings.TrimSpace(strings.Trim(r[5], "\u3000"))
			if len(id) != 18 {
				continue
			}
			var n float64
			if n, err = strconv.ParseFloat(id[:17]+"0", 64); err == nil { // X or not, Excel keeps 15 digits
				err = f.SetCellFloat("Sheet1", "F"+strconv.Itoa(i+1), n, -1, 64)
			}
			broken++
		}
		return err
	})
	if broken != 60 {
		t.Fatalf("%d IDs typed as numbers, want the roster's 60", broken)
	}
	h.mustRun("run", "--month", "2026-11")
	copyOf := filepath.Join(h.data, "out", "2026-11", streetDir, "西街街道.xlsx")
	for _, when := range []string{"run", "approve"} {
		if when == "approve" {
			h.approve("2026-11")
		}
		held := allCells(t, copyOf)[report.SheetHeld]
		got := 0
		for _, r := range held[min(2, len(held)):] {
			if slices.Contains(r, "id_numeric") {
				got++
			}
		}
		if got != broken {
			t.Errorf("after %s, 西街街道's copy lists %d rows held for an ID typed as a number, want %d:\n%v", when, got, broken, held)
		}
	}
	for _, other := range []string{"东街街道", "南街街道", "北街街道"} {
		dump, err := report.Dump(filepath.Join(h.data, "out", "2026-11", streetDir, other+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(dump, "2026年11月_西街街道") {
			t.Errorf("%s's copy lists rows of 西街街道's roster", other)
		}
	}
}

// Held rows without a 街道 in a street's own roster go on that street's
// copy: one such row (钟娥琴, her 低保类别 unreadable) made the file count as
// two streets, and every held row of it without a street of its own
// (陈东长, his ID typed as a number) then reached no copy at all.
func TestHeldRowsWithoutAStreetGoToTheirFilesStreet(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	editWorkbook(t, filepath.Join(h.inbox, "2026年11月_东街街道_老年人补贴花名册.xlsx"), func(f *excelize.File) error {
		for _, c := range [][2]string{{"B9", ""}, {"H9", "待定"}, {"B10", ""}} {
			if err := f.SetCellStr("Sheet1", c[0], c[1]); err != nil {
				return err
			}
		}
		return f.SetCellFloat("Sheet1", "F10", 140502194005299793, -1, 64)
	})
	h.mustRun("run", "--month", "2026-11")
	held := allCells(t, filepath.Join(h.data, "out", "2026-11", streetDir, "东街街道.xlsx"))[report.SheetHeld]
	var got []string
	for _, r := range held[min(2, len(held)):] {
		for _, name := range []string{"钟娥琴", "陈东长"} {
			if slices.Contains(r, name) && !slices.Contains(got, name) {
				got = append(got, name)
			}
		}
	}
	if !slices.Equal(got, []string{"钟娥琴", "陈东长"}) {
		t.Errorf("东街街道's %s lists %v of 钟娥琴 and 陈东长:\n%v", report.SheetHeld, got, held)
	}
}

// A street whose roster did not arrive is warned of even when a few of its
// people are listed: a late 补报 of three rows, or one row of the street
// in another street's roster, hid the missing roster (exit 0, approved
// without a word) while 39 people it was paid for went to 待核实.
func TestStreetWithAFewRowsOfItsRosterIsWarned(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-10")
	h.mustRun("run", "--month", "2026-10")
	h.approve("2026-10")
	copyDir(t, "../../fixtures/inbox/2026-11", h.inbox)
	west := filepath.Join(h.inbox, "2026年11月_西街街道_老年人补贴花名册.xlsx")
	f, err := excelize.OpenFile(west)
	if err != nil {
		t.Fatal(err)
	}
	for range 57 { // rows 7-63: three people left
		if err := f.RemoveRow("Sheet1", 7); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(filepath.Join(h.inbox, "西街街道11月补报.xlsx")); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Remove(west); err != nil {
		t.Fatal(err)
	}
	code, out, errs := h.main("run", "--month", "2026-11")
	if code != ExitWarned || !strings.Contains(out, "！！西街街道：上月发放的人员中有 ") || !strings.Contains(out, "该街道本月只列入 3 人") {
		t.Fatalf("exit %d, want %d with 西街街道 warned of:\n%s\n%s", code, ExitWarned, out, errs)
	}
	if strings.Contains(out, "！！东街街道") || strings.Contains(out, "！！南街街道") || strings.Contains(out, "！！北街街道") {
		t.Errorf("a street whose roster came is warned of:\n%s", out)
	}
	if code, out, _ := h.main("approve", "--month", "2026-11", "--by", "王会计", "--data", h.data); code != ExitFailure || !strings.Contains(out, "！！西街街道：上月发放的人员中有 ") {
		t.Errorf("approve: exit %d, want %d refusing with the warning:\n%s", code, ExitFailure, out)
	}
}

// A held row without a 街道 in a file whose rows name two streets cannot be
// given to either: it goes on the 未填街道 copy with the paid rows without
// a street, where it was on no copy at all (a new user's 王云, two
// conflicting rows without a street in a file of 南街 and 北街).
func TestHeldRowWithoutAStreetInAFileOfTwoStreets(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	editWorkbook(t, filepath.Join(h.inbox, "2026年11月_东街街道_老年人补贴花名册.xlsx"), func(f *excelize.File) error {
		for _, c := range [][2]string{{"B5", "北街街道"}, {"B6", "北街街道"}, {"B9", ""}, {"H9", "待定"}} {
			if err := f.SetCellStr("Sheet1", c[0], c[1]); err != nil {
				return err
			}
		}
		return nil
	})
	h.mustRun("run", "--month", "2026-11")
	for _, when := range []string{"run", "approve"} {
		if when == "approve" {
			h.approve("2026-11")
		}
		held := allCells(t, filepath.Join(h.data, "out", "2026-11", streetDir, "未填街道.xlsx"))[report.SheetHeld]
		if !slices.ContainsFunc(held, func(r []string) bool { return slices.Contains(r, "钟娥琴") }) {
			t.Errorf("after %s, 未填街道's %s does not list 钟娥琴:\n%v", when, report.SheetHeld, held)
		}
	}
}
