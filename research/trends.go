package research

import (
	"fmt"
	"time"

	"github.com/folio-reader/folio/model"
)

// Period is the width of a trend's buckets.
type Period uint8

const (
	Auto Period = iota
	Week
	Month
	Year
)

// ParsePeriod reads week, month, year or auto.
func ParsePeriod(s string) (Period, bool) {
	switch s {
	case "", "auto":
		return Auto, true
	case "week":
		return Week, true
	case "month":
		return Month, true
	case "year":
		return Year, true
	}
	return 0, false
}

func (p Period) String() string {
	return [...]string{"auto", "week", "month", "year"}[p]
}

// MaxSeries is how many queries a trend chart compares.
const MaxSeries = 6

// Series is one query's counts, a bucket each.
type Series struct {
	Query  string
	Counts []int
	Total  int // dated articles counted (the sum of Counts)
}

// Trends is several queries counted over the same buckets of time, with
// the whole corpus's counts for rates per 1,000.
type Trends struct {
	By      Period
	Buckets []time.Time // each bucket's start; a bucket ends where the next starts
	Series  []Series
	All     []int // every article of the corpus, per bucket
}

// Rate is series s's count in bucket b per 1,000 articles of the corpus
// published then (0 when there were none).
func (t Trends) Rate(s, b int) float64 {
	if t.All[b] == 0 {
		return 0
	}
	return 1000 * float64(t.Series[s].Counts[b]) / float64(t.All[b])
}

// Trend counts each result over time, in buckets of by (Auto: weeks for a
// span up to half a year, months up to twelve years, else years) over the
// span the results cover together; all is the whole corpus's result, for
// the rates.
func Trend(results []model.Result, names []string, all model.Result, by Period) (Trends, error) {
	if len(results) > MaxSeries {
		return Trends{}, fmt.Errorf("at most %d queries", MaxSeries)
	}
	type days struct {
		first  time.Time
		perDay []int
	}
	var ds []days
	var lo, hi time.Time
	for _, r := range results {
		first, per, _ := r.Days()
		ds = append(ds, days{first, per})
		if per == nil {
			continue
		}
		last := first.AddDate(0, 0, len(per)-1)
		if lo.IsZero() || first.Before(lo) {
			lo = first
		}
		if last.After(hi) {
			hi = last
		}
	}
	t := Trends{By: by}
	if lo.IsZero() {
		for _, n := range names {
			t.Series = append(t.Series, Series{Query: n})
		}
		return t, nil
	}
	if t.By == Auto {
		switch span := hi.Sub(lo); {
		case span <= 183*24*time.Hour:
			t.By = Week
		case span <= 12*366*24*time.Hour:
			t.By = Month
		default:
			t.By = Year
		}
	}
	for b := t.start(lo); !b.After(hi); b = t.next(b) {
		t.Buckets = append(t.Buckets, b)
	}
	count := func(first time.Time, per []int) []int {
		out := make([]int, len(t.Buckets))
		bi := 0
		for i, n := range per {
			if n == 0 {
				continue
			}
			d := first.AddDate(0, 0, i)
			if d.Before(lo) || d.After(hi) {
				continue
			}
			for bi+1 < len(t.Buckets) && !d.Before(t.Buckets[bi+1]) {
				bi++
			}
			out[bi] += n
		}
		return out
	}
	for i, d := range ds {
		s := Series{Query: names[i], Counts: count(d.first, d.perDay)}
		for _, n := range s.Counts {
			s.Total += n
		}
		t.Series = append(t.Series, s)
	}
	first, per, _ := all.Days()
	t.All = count(first, per)
	return t, nil
}

// start is the bucket that holds d.
func (t Trends) start(d time.Time) time.Time {
	switch t.By {
	case Week: // weeks begin on Monday, as ISO 8601's
		wd := (int(d.Weekday()) + 6) % 7
		return time.Date(d.Year(), d.Month(), d.Day()-wd, 0, 0, 0, 0, time.UTC)
	case Year:
		return time.Date(d.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func (t Trends) next(b time.Time) time.Time {
	switch t.By {
	case Week:
		return b.AddDate(0, 0, 7)
	case Year:
		return b.AddDate(1, 0, 0)
	}
	return b.AddDate(0, 1, 0)
}

// Label names bucket b as its period is written: 2024-W09, 2024-03, 2024.
func (t Trends) Label(b int) string {
	d := t.Buckets[b]
	switch t.By {
	case Week:
		y, w := d.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, w)
	case Year:
		return d.Format("2006")
	}
	return d.Format("2006-01")
}
