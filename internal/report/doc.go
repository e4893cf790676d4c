// Package report writes the workbooks staff open: one payout workbook per
// 牵头落实部门 (a 汇总 sheet, then one sheet per benefit listing every payment
// line) and the 异常清单 workbook of held rows, notices and rejected files.
//
// Every sheet is written with excelize's StreamWriter, top to bottom, so a
// sheet of a million lines is never held as cells. Identity numbers, bank
// accounts and 户号 are written as text so Excel never shows them as
// 1.4E+17. Amounts are numeric cells with the number format 0.00 for yuan;
// the StreamWriter takes numbers only as Go integers or floats, so an amount
// is handed over as an int64, or as a float64 checked to print back as
// exactly its decimal text (numberValue): it is never computed in floating
// point and never rounded on the way. Dump reads a workbook back as text
// for tests and golden files.
package report
