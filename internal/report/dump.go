package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Dump returns every sheet of the workbook at path as text, for tests and
// golden files: for each sheet, in workbook order, a line "## <sheet name>",
// then one line per row with its cells joined by tabs. Cells show their
// formatted values as a user sees them ("76.66", "54.50"); trailing empty
// cells of a row are trimmed and an empty row is an empty line. It returns an
// error when the file cannot be opened or read.
func Dump(path string) (string, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return "", fmt.Errorf("dump %s: %w", path, err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			return "", fmt.Errorf("dump %s: sheet %s: %w", path, sheet, err)
		}
		fmt.Fprintf(&b, "## %s\n", sheet)
		for _, row := range rows {
			b.WriteString(strings.Join(trimRight(row), "\t"))
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// trimRight drops the trailing empty cells of row.
func trimRight(row []string) []string {
	n := len(row)
	for n > 0 && row[n-1] == "" {
		n--
	}
	return row[:n]
}
