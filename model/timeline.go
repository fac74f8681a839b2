package model

import "time"

// Bucket is a span of time and the articles in it.
type Bucket struct {
	From, To time.Time // [From, To)
	Count    int
}

// Timeline is how the articles of a result spread over time: a bucket per
// month from the first month with an article to the last, empty months
// included, and the articles with no date apart.
type Timeline struct {
	Months  []Bucket
	Undated int
}

// Timeline counts the result's articles per month of publication. It
// counts per day first, so only the distinct days are turned into dates.
func (r Result) Timeline() Timeline {
	rows, days := r.Rows, r.days
	var tl Timeline
	lo, hi := int32(0), int32(0)
	for _, r := range rows {
		d := days[r]
		if d == 0 {
			continue
		}
		if lo == 0 || d < lo {
			lo = d
		}
		hi = max(hi, d)
	}
	if lo == 0 {
		tl.Undated = len(rows)
		return tl
	}
	perDay := make([]int, hi-lo+1)
	for _, r := range rows {
		if d := days[r]; d != 0 {
			perDay[d-lo]++
		} else {
			tl.Undated++
		}
	}
	date := func(d int32) time.Time { return time.Unix(int64(d-1)*86400, 0).UTC() }
	first, last := date(lo), date(hi)
	start := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
	for m := start; !m.After(last); m = m.AddDate(0, 1, 0) {
		tl.Months = append(tl.Months, Bucket{From: m, To: m.AddDate(0, 1, 0)})
	}
	month := 0
	for i, n := range perDay {
		if n == 0 {
			continue
		}
		t := date(lo + int32(i))
		for !t.Before(tl.Months[month].To) {
			month++
		}
		tl.Months[month].Count += n
	}
	return tl
}

// Years is the timeline a bucket per year, for spans too long to show by
// month.
func (t Timeline) Years() []Bucket {
	var out []Bucket
	for _, m := range t.Months {
		if len(out) == 0 || m.From.Year() != out[len(out)-1].From.Year() {
			y := time.Date(m.From.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
			out = append(out, Bucket{From: y, To: y.AddDate(1, 0, 0)})
		}
		out[len(out)-1].Count += m.Count
	}
	return out
}

// Peak is the index of the fullest bucket, the first of equals; -1 when
// there are none.
func Peak(bs []Bucket) int {
	p := -1
	for i, b := range bs {
		if p < 0 || b.Count > bs[p].Count {
			p = i
		}
	}
	return p
}
