package model

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestFacetsEqualCategories: an article filed as "IN-DEPTH / IN-DEPTH" is one
// article in that category, as `cat:in-depth` and folio stats count it.
func TestFacetsEqualCategories(t *testing.T) {
	c := NewCorpus(nil)
	c.Add(Batch{Articles: []*Article{
		{ID: "a", Category1: "IN-DEPTH", Category2: "IN-DEPTH"},
		{ID: "b", Category1: "IN-DEPTH", Category2: "in-depth"},
		{ID: "c", Category1: "WORLD", Category2: "IN-DEPTH"},
	}})
	f := c.Search(Query{}, SortNewest).Facets(0)
	want := []Count{{"IN-DEPTH", 3}, {"WORLD", 1}}
	if !reflect.DeepEqual(f.Categories, want) {
		t.Errorf("categories %+v, want %+v", f.Categories, want)
	}
	if n := len(c.Search(ParseQuery("cat:in-depth"), SortNewest).Rows); n != 3 {
		t.Errorf("cat:in-depth finds %d", n)
	}
	if got := c.At(0).Categories(); got != "IN-DEPTH" {
		t.Errorf("Categories() = %q, want it once", got)
	}
}

// TestStatsWithoutAuthor: an article without a byline is counted apart,
// not listed as an author named "" (printed "-").
func TestStatsWithoutAuthor(t *testing.T) {
	c := NewCorpus(nil)
	c.Add(Batch{Articles: []*Article{
		{ID: "a", Author: "Global Times", Category1: "WORLD"},
		{ID: "b", Author: "", Category1: ""},
		{ID: "c", Author: "", Category1: "WORLD"},
	}})
	s := c.Stats()
	if !reflect.DeepEqual(s.Authors, []Count{{"Global Times", 1}}) || s.NoAuthor != 2 {
		t.Errorf("authors %+v, without %d", s.Authors, s.NoAuthor)
	}
	if !reflect.DeepEqual(s.Categories, []Count{{"WORLD", 2}}) || s.NoCategory != 1 {
		t.Errorf("categories %+v, without %d", s.Categories, s.NoCategory)
	}
}

// TestStatsMonthsAndDuplicates: months in time order, one count each
// (the year 0 included), articles sharing a hash all counted, a removed
// one not.
func TestStatsMonthsAndDuplicates(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	c := NewCorpus(nil)
	c.Add(Batch{Articles: []*Article{
		{ID: "a", Hash: 1, Published: day(2024, 12, 31)},
		{ID: "b", Hash: 2, Published: day(2024, 1, 2)},
		{ID: "c", Hash: 1, Published: day(2024, 12, 1)},
		{ID: "d", Hash: 3, Published: day(0, 3, 4)},
		{ID: "e", Hash: 2},
		{ID: "f", Hash: 1},
		{ID: "g", Hash: 4},
		{ID: "h", Hash: 4},
	}})
	c.Apply(Change{Removed: []string{"h"}})
	s := c.Stats()
	want := []Count{{"0000-03", 1}, {"2024-01", 1}, {"2024-12", 2}}
	if !reflect.DeepEqual(s.Months, want) || s.Duplicates != 5 || s.Undated != 3 || s.First != "0000-03-04" || s.Last != "2024-12-31" {
		t.Errorf("months %+v, %d duplicates, %d undated, %s to %s", s.Months, s.Duplicates, s.Undated, s.First, s.Last)
	}
}

// TestQueryPapercuts: what the filter line says of odd queries is true.
func TestQueryPapercuts(t *testing.T) {
	q := ParseQuery(`"kazakhstan`)
	if len(q.Ignored) != 0 || len(q.Terms) != 1 || !reflect.DeepEqual(q.Notes, []string{`"kazakhstan (quote not closed: read to the end)`}) {
		t.Errorf("unclosed quote: ignored %q notes %q terms %+v", q.Ignored, q.Notes, q.Terms)
	}
	if q := ParseQuery("foo:bar"); len(q.Terms) != 0 || !reflect.DeepEqual(q.Ignored, []string{"foo:bar (unknown field foo:)"}) {
		t.Errorf("foo:bar: ignored %q terms %+v", q.Ignored, q.Terms)
	}
	if q := ParseQuery("title:"); !reflect.DeepEqual(q.Ignored, []string{"title: (nothing after title:)"}) {
		t.Errorf("title: ignored %q", q.Ignored)
	}
	if q := ParseQuery("-author:"); !reflect.DeepEqual(q.Ignored, []string{"-author: (nothing after author:)"}) {
		t.Errorf("-author: ignored %q", q.Ignored)
	}
}

// TestSortHashes: the radix sort orders many hashes as slices.Sort does,
// random ones and ones that share most of their bits; few go to
// slices.Sort itself.
func TestSortHashes(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for _, n := range []int{0, 1, 100, 4095, 4096, 10000, 100000} {
		for _, mask := range []uint64{^uint64(0), 0xff, 0xff00000000000000, 0x0000fff000000fff} {
			a := make([]uint64, n)
			for i := range a {
				a[i] = r.Uint64() & mask
			}
			want := slices.Clone(a)
			slices.Sort(want)
			sortHashes(a)
			if !slices.Equal(a, want) {
				t.Fatalf("n %d, mask %#x: not sorted as slices.Sort sorts", n, mask)
			}
		}
	}
}

// TestStatsInParts: a corpus large enough to be counted in parts (one a
// core) gives the counts of one pass over every live article.
func TestStatsInParts(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	c := NewCorpus(nil)
	var arts []*Article
	for i := range 60000 {
		a := &Article{ID: fmt.Sprintf("%05d.txt", i), Words: r.IntN(900), Size: int64(r.IntN(9000)), Hash: r.Uint64N(50000)}
		if r.IntN(7) != 0 {
			a.Author = fmt.Sprintf("author %d", r.IntN(300))
		}
		if r.IntN(9) != 0 {
			a.Category1 = fmt.Sprintf("CAT%d", r.IntN(40))
		}
		if r.IntN(11) != 0 {
			a.Published = time.Date(1990+r.IntN(35), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		}
		arts = append(arts, a)
	}
	c.Add(Batch{Articles: arts})
	var removed []string
	for i := 0; i < len(arts); i += 97 {
		removed = append(removed, arts[i].ID)
	}
	c.Apply(Change{Removed: removed})

	var want Stats
	cats, authors, months, hashes := map[string]int{}, map[string]int{}, map[string]int{}, map[uint64]int{}
	var first, last string
	for i, a := range arts {
		if i%97 == 0 {
			continue
		}
		want.Articles++
		want.Words += int64(a.Words)
		want.Bytes += a.Size
		hashes[a.Hash]++
		if a.Author == "" {
			want.NoAuthor++
		} else {
			authors[a.Author]++
		}
		if a.Category1 == "" {
			want.NoCategory++
		} else {
			cats[a.Category1]++
		}
		if a.Published.IsZero() {
			want.Undated++
			continue
		}
		months[a.Published.Format("2006-01")]++
		if d := a.Date(); first == "" || d < first {
			first = d
		}
		if d := a.Date(); d > last {
			last = d
		}
	}
	for _, n := range hashes {
		if n > 1 {
			want.Duplicates += n
		}
	}
	want.First, want.Last = first, last
	want.Categories, want.Authors, want.Months = counts(cats, byCount), counts(authors, byCount), counts(months, byValue)
	got := c.Stats()
	got.LoadTime, got.Skipped, got.Warnings = 0, nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("in parts:\n%+v\nwant\n%+v", got, want)
	}
}

// TestStatsCategoriesAsFacets: Stats counts categories as the facets of
// the whole corpus do, both levels, an article filed twice under one
// category once; "without a category" is an article with neither.
func TestStatsCategoriesAsFacets(t *testing.T) {
	c := NewCorpus(nil)
	c.Add(Batch{Articles: []*Article{
		{ID: "a", Category1: "WORLD", Category2: "ASIA"},
		{ID: "b", Category1: "WORLD", Category2: "World"},
		{ID: "c", Category1: "OPINION", Category2: "ASIA"},
		{ID: "d", Category2: "SPORT"},
		{ID: "e"},
	}})
	s := c.Stats()
	want := []Count{{"ASIA", 2}, {"WORLD", 2}, {"OPINION", 1}, {"SPORT", 1}}
	if !reflect.DeepEqual(s.Categories, want) || s.NoCategory != 1 {
		t.Errorf("categories %+v, without %d; want %+v, 1", s.Categories, s.NoCategory, want)
	}
	if f := c.Search(Query{}, SortNewest).Facets(0); !reflect.DeepEqual(s.Categories, f.Categories) {
		t.Errorf("stats %+v, facets %+v", s.Categories, f.Categories)
	}
}
