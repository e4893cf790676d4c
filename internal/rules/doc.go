// Package rules loads the district's subsidy tables from the YAML files under
// rules/ (one file per benefit of 晋城市城区基本养老服务清单) and picks the
// values in force for a payout month.
//
// Every value carries the list item it comes from, its unit and the date it
// takes effect. A change of rate is a new dated entry in a file: the old
// entry stays, so a re-run of an old month gets the old value. A month with
// no value in force is an error, never a zero. Amounts are read as the exact
// decimal text written in the file, never through a float.
package rules
