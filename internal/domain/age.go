package domain

import "time"

// Age returns the completed years of age (周岁) on day `on` of a person born
// on `birth`. Both are calendar dates; their clock times are ignored.
//
// A person born on 29 February reaches a new age on 28 February in common
// years (民法典 art. 202 counts a period ending in a month without the
// corresponding day as ending on that month's last day). So a person is one
// year older from the day of the birthday on, and the rules, which count age
// on the last day of the payout month, pay from the month of the birthday that
// reaches an age. Age is never negative: a birth after `on` gives 0.
func Age(birth, on time.Time) int {
	by, bm, bd := birth.Date()
	oy, om, od := on.Date()
	age := oy - by
	if bm == time.February && bd == 29 && !isLeap(oy) {
		bd = 28
	}
	if om < bm || (om == bm && od < bd) {
		age--
	}
	if age < 0 {
		return 0
	}
	return age
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// AgeIn returns p's 周岁 for month m: on the last day of m, or on the
// 死亡日期 when p died by then, since a senior who dies on 5 December,
// before an 80th birthday on 20 December, never reaches 80. Every age
// condition of the list (高龄津贴 items 16-17, item 30, the service items)
// counts this age.
func (p *Person) AgeIn(m Month) int { return Age(p.Birth, p.AgeDay(m)) }

// AgeDay returns the day AgeIn counts p's age on in month m: the last day of
// m, or the 死亡日期 when it is on or before it (someone who died before
// the month is paid nothing, and is as old as on the day they died).
func (p *Person) AgeDay(m Month) time.Time {
	if !p.Death.IsZero() && p.Death.Before(m.Last()) {
		return p.Death
	}
	return m.Last()
}
