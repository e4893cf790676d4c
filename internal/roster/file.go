package roster

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// maxUnzipped is the limit against zip bombs: how large a workbook may be
// once unzipped, in all, in bytes; a larger one is refused.
//
// maxUnzippedXML is not a limit but where excelize keeps a worksheet (and
// the shared strings) once unzipped: in memory up to this size in bytes, in
// a temporary file (removed when the workbook is closed) beyond it. A sheet
// of a million rows is some 600 MB of XML; kept in memory, it alone would
// make reading grow with the sheet. 16 MB is excelize's default, a sheet
// of about 25,000 rows.
const (
	maxUnzipped    = 2 << 30
	maxUnzippedXML = 16 << 20
)

type fileKind int

const (
	kindXLSX fileKind = iota
	kindCSV
)

// sniff decides how to read a file from its first bytes, not its name: a
// zip is an .xlsx; an OLE compound file is an old .xls, a WPS .et or a
// password-protected workbook, each refused with what to do; a .csv is read
// as text; anything else is refused.
func sniff(path, name string) (fileKind, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, &RejectError{File: name, Code: "file_unreadable", Message: "无法打开文件", Err: err}
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case n == 0:
		return 0, &RejectError{File: name, Code: "file_empty", Message: "文件是空的（0 字节），可能下载或复制未完成；请重新下载或复制完整后放入"}
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) && bytes.Contains(head[:min(len(head), 100)], []byte("opendocument")):
		return 0, &RejectError{File: name, Code: "file_ods", Message: "这是 OpenDocument 表格（.ods），请用 WPS/Excel/LibreOffice 另存为 .xlsx 后重新放入"}
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) && !bytes.Contains(head, []byte("xl/")) && (bytes.Contains(head, []byte("word/")) || bytes.Contains(head, []byte("ppt/"))):
		return 0, &RejectError{File: name, Code: "file_not_xlsx", Message: "这是 Word 文档或 PowerPoint 演示文稿，不是表格；请放入花名册的 .xlsx 工作簿（表格贴在文档里的，请复制到 Excel/WPS 表格中另存为 .xlsx）"}
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if msg := zipArchive(path); msg != "" {
			return 0, &RejectError{File: name, Code: "file_not_xlsx", Message: msg}
		}
		return kindXLSX, nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		if bytes.Contains(head, utf16("EncryptionInfo")) || bytes.Contains(head, utf16("EncryptedPackage")) {
			return 0, &RejectError{File: name, Code: "file_encrypted", Message: "工作簿设置了打开密码，程序无法读取；请取消密码后另存为 .xlsx 再放入"}
		}
		if bytes.Contains(head, utf16("WordDocument")) {
			return 0, &RejectError{File: name, Code: "file_not_xlsx", Message: "这是 Word 文档（.doc），不是表格；请放入花名册的 .xlsx 工作簿（表格贴在文档里的，请复制到 Excel/WPS 表格中另存为 .xlsx）"}
		}
		if ext == ".et" || ext == ".ett" || bytes.Contains(head, utf16("WPS")) {
			return 0, &RejectError{File: name, Code: "file_et", Message: "WPS 表格 .et 格式无法读取，请在 WPS 中另存为 .xlsx（Excel 工作簿）后重新放入"}
		}
		return 0, &RejectError{File: name, Code: "file_xls", Message: "旧版 .xls 格式无法读取，请用 Excel 或 WPS 另存为 .xlsx 后重新放入"}
	case ext == ".csv":
		return kindCSV, nil
	case ext == ".xlsx" || ext == ".xlsm":
		return 0, &RejectError{File: name, Code: "file_not_xlsx", Message: notWorkbook(head)}
	}
	return 0, &RejectError{File: name, Code: "file_not_xlsx", Message: "不是花名册文件：请保存为 .xlsx（或 .csv）后放入"}
}

// contentKind names, for staff, what the first bytes of a file that is not
// a workbook are (net/http.DetectContentType, the WHATWG sniffing rules):
// 图片（PNG）, PDF 文件, 网页, 文本 or 压缩包; "" when it cannot tell.
func contentKind(head []byte) string {
	t := http.DetectContentType(head)
	switch {
	case strings.HasPrefix(t, "image/"):
		return "图片（" + strings.ToUpper(strings.TrimPrefix(t, "image/")) + "）"
	case t == "application/pdf":
		return "PDF 文件"
	case strings.HasPrefix(t, "text/html"), strings.HasPrefix(t, "text/xml"):
		return "网页"
	case strings.HasPrefix(t, "text/plain"):
		return "文本"
	case t == "application/x-rar-compressed", t == "application/x-gzip", t == "application/x-7z-compressed":
		return "压缩包"
	}
	return ""
}

// notWorkbook is the message of an .xlsx whose content is no workbook.
func notWorkbook(head []byte) string {
	switch kind := contentKind(head); kind {
	case "":
		return "扩展名是 .xlsx，但内容不是 Excel 工作簿（可能是网页或文本改了扩展名），请用 Excel/WPS 打开后另存为 .xlsx"
	case "压缩包":
		return "扩展名是 .xlsx，但内容是压缩包，不是 Excel 工作簿：请解压后放入其中的花名册 .xlsx"
	default:
		return "扩展名是 .xlsx，但内容是" + kind + "，不是 Excel 工作簿（扩展名被改成了 .xlsx）：请放入花名册的 .xlsx 工作簿，不要放截图、照片、打印件或网页"
	}
}

func utf16(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

// csv reads a roster saved as CSV: UTF-8 with or without a byte-order mark,
// or GBK (what Excel on Chinese Windows writes).
func (r *reader) csv(path string) (*Workbook, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, &RejectError{File: r.wb.Name, Code: "file_unreadable", Message: "无法读取文件", Err: err}
	}
	text, err := decodeText(raw)
	if err != nil {
		return nil, &RejectError{File: r.wb.Name, Code: "file_encoding", Message: "CSV 文件的编码无法识别（部分文字会变成乱码），请保存为 UTF-8 编码，或直接保存为 .xlsx", Err: err}
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord, cr.LazyQuotes = -1, true
	if first, _, _ := strings.Cut(text, "\n"); strings.Count(first, "\t") > strings.Count(first, ",") {
		cr.Comma = '\t' // Excel's "Unicode 文本" is tab-separated
	}
	records, err := cr.ReadAll()
	if err != nil {
		return nil, &RejectError{File: r.wb.Name, Code: "file_unreadable", Message: "CSV 文件格式有误：" + err.Error(), Err: err}
	}
	for _, rec := range records {
		for i, cell := range rec {
			rec[i] = textFormula(cell)
		}
	}
	r.sheetRows = []int{max(len(records), 1)}
	kind, _, err := r.scan(&csvRows{records: records}, 0, "CSV", true, &mergeFill{})
	if err != nil {
		return nil, err
	}
	if kind == sheetRoster {
		r.holdStopList("CSV") // by the file's name: 11月死亡名单.csv
	}
	if r.progress != nil {
		r.progress(len(records), len(records))
	}
	if kind != sheetRoster && kind != sheetTraining && kind != sheetStatus {
		return nil, &RejectError{File: r.wb.Name, Code: "file_no_roster", Message: "CSV 文件的前10行没有含「姓名」和「公民身份号码」的表头行"}
	}
	return r.rowsRead(), nil
}

// textFormula returns the text inside ="..." (="140502194204206481"), the
// way a CSV export keeps a long number as text so that Excel does not turn
// it into 1.40502E+17; any other cell as it is. Such a cell is text, not a
// formula: nothing is calculated.
func textFormula(cell string) string {
	if inner, ok := strings.CutPrefix(cell, `="`); ok && strings.HasSuffix(inner, `"`) && !strings.Contains(inner[:len(inner)-1], `"`) {
		return inner[:len(inner)-1]
	}
	return cell
}

// zipArchive returns, for a zip file that opens whole but holds no
// workbook (no xl/workbook.xml), the message that says so, naming the
// rosters inside when there are any: a street's rosters zipped together
// to be mailed. It returns "" for anything else, a zip cut short (a copy
// not finished) included, which is read as a workbook and fails there.
func zipArchive(path string) string {
	z, err := zip.OpenReader(path)
	if err != nil {
		return ""
	}
	defer z.Close()
	var inside []string
	for _, f := range z.File {
		if f.Name == "xl/workbook.xml" {
			return ""
		}
		switch strings.ToLower(filepath.Ext(f.Name)) {
		case ".xlsx", ".xls", ".et", ".csv":
			inside = append(inside, "「"+filepath.Base(f.Name)+"」")
		}
	}
	if len(inside) == 0 {
		return "这是一个压缩包（zip），不是 Excel 工作簿，里面也没有花名册；请放入花名册的 .xlsx 文件"
	}
	return "这是一个压缩包（zip），不是 Excel 工作簿，里面有" + strings.Join(inside, "") + "；请解压后把这些文件放入收件箱（不要放在文件夹里），再删除压缩包"
}

// decodeText returns raw as UTF-8 text: without its byte-order mark when it
// is UTF-8, converted when it is GBK.
func decodeText(raw []byte) (string, error) {
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(raw)
		if err != nil {
			return "", fmt.Errorf("UTF-16: %w", err)
		}
		return string(out), nil
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if utf8.Valid(raw) {
		return string(raw), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", fmt.Errorf("neither UTF-8 nor GB18030/GBK")
	}
	return string(out), nil
}

// csvRows yields the records of a CSV file as rows.
type csvRows struct {
	records [][]string
	i       int
}

// Next moves to the next record.
func (c *csvRows) Next() bool { c.i++; return c.i <= len(c.records) }

// Columns returns the current record.
func (c *csvRows) Columns() ([]string, error) { return c.records[c.i-1], nil }

// Error is always nil: the file was parsed whole.
func (c *csvRows) Error() error { return nil }
