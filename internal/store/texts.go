package store

// texts keeps one copy of each text read back that repeats from row to row
// (街道, 社区, benefit code, unit, department, band, file and sheet names,
// finding codes and messages), so that the lines and listings of a month
// read back, a million each at a province's scale, share a few hundred
// strings instead of each holding its own copies.
type texts map[string]string

// of returns the kept copy of s, keeping s if it is the first.
func (t texts) of(s string) string {
	if kept, ok := t[s]; ok {
		return kept
	}
	t[s] = s
	return s
}
