package cli

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"disburse/internal/domain"
	"disburse/internal/idnumber"
	"disburse/internal/roster"
	"disburse/internal/store"
)

// codeStopResumed is the notice of a row that domain.CodeStopAnnounced
// would hold but whose 备注 resumes the payment (继续发放): it is paid, and
// the stop is not raised again in later months.
const codeStopResumed = "stop_announced_resumed"

// announcedStop is a stop from a later month that a 备注 announced: the
// month whose roster said it, the file, and the month it takes effect.
type announcedStop struct {
	said, from domain.Month
	file       string
	until      domain.Month // resumed from this month on; zero when not resumed
}

// holdAnnouncedStops holds (stop_announced) this month's rows of people
// whose 备注, in the latest run of an earlier month (draft or approved),
// stopped their payment from a later month (roster.CodeRemarkStopLater:
// 下月停发 in October) that month m has reached, when the row is still
// there: that month's notice asked staff to delete it, and a roster
// copied forward keeps the person. The latest announcement of a person
// counts. A row whose own 备注 resumes the payment (恢复发放, 继续发放:
// roster.Entry.Resumes) is paid with a notice (stop_announced_resumed), and
// that notice, once recorded in a month from the stop on, ends the stop.
// Rows already held are left held; one whose 备注 resumes gets that notice
// too, so that the month, once corrected, is paid back by its own row
// (it was withheld as a month stopped, whose notice said it was not
// listed). stops are announced's (onRecord).
// Like holdTheDead it must run before roster.Consolidate, in a run and in a
// re-run alike.
func holdAnnouncedStops(m domain.Month, stops map[string]announcedStop, wbs []*roster.Workbook) {
	for _, wb := range wbs {
		for i := range wb.Entries {
			e := &wb.Entries[i]
			if s, ok := stops[e.Person.ID]; ok && e.Held && e.Resumes && (s.inEffect(m) || s.from.After(m)) {
				e.AddAt(domain.Notice, roster.FieldRemark, codeStopResumed, s.String()+"，本行备注说恢复发放：本行因其他问题暂缓，更正后按本行补发本月；以后月份不再因那条备注暂缓")
			}
		}
	}
	for e, s := range unheldOn(wbs, stops) {
		was := s.String()
		if !s.inEffect(m) {
			if s.from.After(m) && e.Resumes { // not yet begun: a 继续发放 now takes it back
				e.AddAt(domain.Notice, roster.FieldRemark, codeStopResumed, was+"，本行备注说继续发放，到时不再暂缓")
			}
			continue
		}
		if e.Resumes {
			e.AddAt(domain.Notice, roster.FieldRemark, codeStopResumed, was+"，本行备注说恢复发放，已按本行发放；以后月份不再因那条备注暂缓")
			continue
		}
		e.AddAt(domain.Held, roster.FieldRemark, domain.CodeStopAnnounced, was+"，本月花名册仍列此人，暂缓发放：如已停发，请删除本行；如应继续发放，请在本行备注写明「继续发放」后重新报送（写明一个月即可）")
		for j := range e.Findings { // its own 下月停发, copied forward, does not pay it this month
			if f := &e.Findings[j]; f.Code == roster.CodeRemarkStopLater {
				f.Message = strings.Replace(f.Message, "本月照常发放", "本月因以前月份的停发备注暂缓（stop_announced）", 1)
			}
		}
	}
}

// unheldOn yields the rows of wbs not held already whose ID has an entry
// in byID, with that entry: the rows an earlier month's record (a death, an
// announced stop) may hold.
func unheldOn[T any](wbs []*roster.Workbook, byID map[string]T) iter.Seq2[*roster.Entry, T] {
	return func(yield func(*roster.Entry, T) bool) {
		for _, wb := range wbs {
			for i := range wb.Entries {
				e := &wb.Entries[i]
				if v, ok := byID[e.Person.ID]; ok && !e.Held && !yield(e, v) {
					return
				}
			}
		}
	}
}

// onRecord is what the runs of other months recorded that a run of month
// checks its rows, corrections and change lists against, read once: the
// deaths (deathsElsewhere), the deaths a list told without a date
// (undatedElsewhere) and the stops announced in a 备注 (announced).
type onRecord struct {
	month   domain.Month
	asOf    int64
	deaths  map[string]store.DeathOnRecord
	undated map[string]store.MonthFinding // deaths told without a date (undatedElsewhere)
	stops   map[string]announcedStop
}

// loadOnRecord reads onRecord for month m; asOf is the run a re-run
// re-makes (store.Others), 0 in a run.
func loadOnRecord(ctx context.Context, db *store.DB, m domain.Month, asOf int64) (*onRecord, error) {
	r := &onRecord{month: m, asOf: asOf}
	var err error
	if r.deaths, err = deathsElsewhere(ctx, db, store.Others{Month: m, AsOf: asOf}); err != nil {
		return nil, err
	}
	if r.undated, err = undatedElsewhere(ctx, db, store.Others{Month: m, AsOf: asOf}); err != nil {
		return nil, err
	}
	if r.stops, err = announced(ctx, db, m, asOf); err != nil {
		return nil, err
	}
	return r, nil
}

// holdOnRecord runs, on the rows of r's month as read, the checks against
// what other months recorded (holdTheDead, holdTheUndated, holdAccountsChangedHands,
// holdAnnouncedStops), before roster.Consolidate, in a run and in a
// re-run alike.
func holdOnRecord(ctx context.Context, db *store.DB, r *onRecord, wbs []*roster.Workbook) error {
	holdTheDead(r.month, r.deaths, wbs)
	holdTheUndated(r.deaths, r.undated, wbs)
	if err := holdAccountsChangedHands(ctx, db, r.month, r.asOf, wbs); err != nil {
		return err
	}
	holdAnnouncedStops(r.month, r.stops, wbs)
	return nil
}

// String says who announced the stop: "2026-10的花名册「F」备注此人自2026-11起停发".
func (s announcedStop) String() string {
	return fmt.Sprintf("%s的花名册「%s」备注此人自%s起停发", s.said, s.file, s.from)
}

// inEffect reports whether the stop holds month m: begun by m and not
// resumed by then.
func (s announcedStop) inEffect(m domain.Month) bool {
	return !s.from.After(m) && (s.until == (domain.Month{}) || s.until.After(m))
}

// announced returns, by ID, the latest stop the 备注 of the months before m
// announced, with the month it was resumed from, if a later month's run
// recorded a resumption by m: a row paid on its 继续发放
// (stop_announced_resumed, from that month) or a 备注 resuming from a named
// month (roster.CodeRemarkResumeLater, from that month).
func announced(ctx context.Context, db *store.DB, m domain.Month, asOf int64) (map[string]announcedStop, error) {
	others := store.Others{Month: m, AsOf: asOf}
	said, err := db.FindingsElsewhere(ctx, others, roster.CodeRemarkStopLater)
	if err != nil || len(said) == 0 {
		return nil, err
	}
	stops := map[string]announcedStop{}
	for _, f := range said { // oldest month first: a later announcement replaces an earlier one
		if id, from, ok := roster.LaterStopOf(f.Finding); ok && m.After(f.Month) {
			stops[id] = announcedStop{said: f.Month, from: from, file: f.Where.File}
		}
	}
	for _, code := range []string{codeStopResumed, roster.CodeRemarkResumeLater} {
		resumed, err := db.FindingsElsewhere(ctx, others, code)
		if err != nil {
			return nil, err
		}
		for _, f := range resumed {
			id, at := idnumber.Of(f.AsWritten), f.Month
			if code == roster.CodeRemarkResumeLater {
				var ok bool
				if id, at, ok = roster.LaterStopOf(f.Finding); !ok {
					continue
				}
			}
			s, ok := stops[id]
			if !ok || !m.After(f.Month) || !f.Month.After(s.said) || at.After(m) {
				continue
			}
			if s.until == (domain.Month{}) || s.until.After(at) {
				s.until = at
				stops[id] = s
			}
		}
	}
	return stops, nil
}

// stopReasons is r's stops in effect in its month, as the change lists
// take them (changes.Snapshot.StopsAnnounced): by ID, who announced the
// stop.
func (r *onRecord) stopReasons() map[string]string {
	out := make(map[string]string, len(r.stops))
	for id, s := range r.stops {
		if s.inEffect(r.month) {
			out[id] = s.String()
		}
	}
	return out
}
