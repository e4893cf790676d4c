// Package calc is the subsidy engine: given the rules in force for a month
// and the people of that month's rosters, it returns every payment line with
// the values behind it, and for every benefit not paid to a person the reason.
//
// It is pure: no files, no database, no clock. The same table, month and
// people always give the same lines in the same order, which is what lets an
// auditor re-run a past month and get the same answer.
//
// The rules tables (amounts, age bands, grades) come from rules/; this
// package holds only the status conditions of each benefit, as one documented
// function per benefit naming its item of 晋城市城区基本养老服务清单.
package calc
