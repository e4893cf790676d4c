// Package roster reads the roster workbooks (花名册) staff drop in the inbox
// and turns their rows into domain.Person values, holding every row that
// cannot be paid safely with a finding that says where and why.
//
// A workbook may have a title row and a unit line above the header; the
// header is found among the first 10 rows of each sheet, and its columns may
// come in any order under the names and aliases of the roster spec. Blank
// rows and 合计/总计/小计 rows are skipped; every other row becomes a person
// or a held finding, never nothing.
package roster
