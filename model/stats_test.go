package model

import (
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
