package model

import (
	"testing"
	"time"
)

func TestTimeline(t *testing.T) {
	c := testCorpus() // 2021-06, 2022-01 ×2, 2022-02, one undated
	r := c.Search(Query{}, SortNewest)
	tl := r.Timeline()
	if len(tl.Months) != 9 || tl.Undated != 1 {
		t.Fatalf("%d months, %d undated", len(tl.Months), tl.Undated)
	}
	sum := tl.Undated
	for _, m := range tl.Months {
		sum += m.Count
	}
	if sum != len(r.Rows) {
		t.Errorf("buckets hold %d of %d articles", sum, len(r.Rows))
	}
	p := Peak(tl.Months)
	if tl.Months[p].From != time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC) || tl.Months[p].Count != 2 {
		t.Errorf("peak %v", tl.Months[p])
	}
	ys := tl.Years()
	if len(ys) != 2 || ys[0].Count != 1 || ys[1].Count != 3 {
		t.Errorf("years %v", ys)
	}
	if tl := (Result{}).Timeline(); len(tl.Months) != 0 || Peak(tl.Months) != -1 {
		t.Errorf("empty timeline %v", tl)
	}
}

func BenchmarkTimeline(b *testing.B) {
	c := synthetic(100_000)
	r := c.Search(Query{}, SortNewest)
	for b.Loop() {
		r.Timeline()
	}
}
