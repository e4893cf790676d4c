// Package changes compares a month's payments with the previous month's:
// who is new (本月新增) and why, who stopped (本月停发) and why, whose band or
// amount changed (档次调整), who moved street (跨街道转移), the bridge from
// last month's totals to this month's (上月 + 新增 - 停发 ± 调整 ± 取整 = 本月),
// everyone paid last month who is on no roster this month (待核实), and who
// reaches an age band this month (年龄节点).
//
// Like calc it is pure: it takes two months' lines and roster listings and
// this month's decisions, and returns the lists. The bridge is checked
// exactly; a bridge that does not hold is a bug and an error.
package changes
