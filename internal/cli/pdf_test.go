package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Every output workbook of a month converts to PDF with LibreOffice: what
// staff print is what the program wrote. Skipped when soffice is not
// installed (.ci/run installs it from Debian's packages).
func TestWorkbooksPrintToPDF(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) not installed")
	}
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	var books []string
	filepath.Walk(filepath.Join(h.data, "out"), func(p string, info os.FileInfo, err error) error {
		if err == nil && filepath.Ext(p) == ".xlsx" {
			books = append(books, p)
		}
		return nil
	})
	pdf := t.TempDir()
	profile := "-env:UserInstallation=file://" + t.TempDir()
	cmd := exec.Command(soffice, append([]string{profile, "--headless", "--convert-to", "pdf", "--outdir", pdf}, books...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, b := range books {
		name := filepath.Join(pdf, trimExt(filepath.Base(b))+".pdf")
		if info, err := os.Stat(name); err != nil || info.Size() < 1000 {
			t.Errorf("%s did not convert to PDF: %v", filepath.Base(b), err)
		}
	}
	if len(books) < 10 {
		t.Errorf("only %d workbooks", len(books))
	}
}

func trimExt(s string) string { return s[:len(s)-len(filepath.Ext(s))] }
