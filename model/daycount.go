package model

import "time"

// Days counts the result's articles per day of publication: perDay[i] is
// the count on first+i days; undated, those with no date.
func (r Result) Days() (first time.Time, perDay []int, undated int) {
	lo, hi := int32(0), int32(0)
	for _, n := range r.Rows {
		d := r.days[n]
		if d == 0 {
			undated++
			continue
		}
		if lo == 0 || d < lo {
			lo = d
		}
		hi = max(hi, d)
	}
	if lo == 0 {
		return time.Time{}, nil, undated
	}
	perDay = make([]int, hi-lo+1)
	for _, n := range r.Rows {
		if d := r.days[n]; d != 0 {
			perDay[d-lo]++
		}
	}
	return time.Unix(int64(lo-1)*86400, 0).UTC(), perDay, undated
}
