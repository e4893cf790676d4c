// Package report writes the workbooks staff open: one payout workbook per
// 牵头落实部门 (a 汇总 sheet, then one sheet per benefit listing every payment
// line) and the 异常清单 workbook of held rows, notices and rejected files.
//
// Identity numbers, bank accounts and 户号 are written as text so Excel never
// shows them as 1.4E+17. Amounts are numeric cells written from their exact
// decimal text, never through float64, with the number format 0.00 for yuan.
// Dump reads a workbook back as text for tests and golden files.
package report
