package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func rankCorpus(arts []*Article) *Corpus {
	c := NewCorpus(nil)
	c.Add(Batch{Articles: arts})
	w := c.NewBodyWorker()
	for i, a := range arts {
		w.Add(int32(i), []byte(a.RawBody))
	}
	c.BodiesIndexed(c.Len())
	return c
}

func day(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }

// TestRelevanceTitleAndFrequency: the article with the word in its title and
// often in its body comes first, the one that mentions it once last, whatever
// their dates.
func TestRelevanceTitleAndFrequency(t *testing.T) {
	filler := strings.Repeat("The council met on Tuesday and talks went on. ", 10)
	arts := []*Article{
		{ID: "once", Title: "Markets close higher", Published: day("2024-05-01"), RawBody: filler + "A pipeline was mentioned."},
		{ID: "strong", Title: "The pipeline deal", Published: day("2019-01-01"), RawBody: filler + "The pipeline runs north. The pipeline was built fast; pipeline talks go on."},
		{ID: "body", Title: "Energy talks", Published: day("2023-01-01"), RawBody: filler + "The pipeline runs north. The pipeline was built fast."},
		{ID: "none", Title: "Nothing here", Published: day("2024-06-01"), RawBody: filler},
	}
	c := rankCorpus(arts)
	for q, want := range map[string][]string{
		"pipeline":       {"strong", "body", "once"},
		"pipe":           {"strong", "body", "once"},
		`"the pipeline"`: {"strong", "body"}, // "a pipeline" is not the phrase
	} {
		r := c.Search(ParseQuery(q), SortRelevance)
		if got := ids(c, r); !slices.Equal(got, want) {
			t.Errorf("%s by relevance: %q, want %q", q, got, want)
		}
		if r.Sort != SortRelevance {
			t.Errorf("result says sort %v", r.Sort)
		}
	}
	// Without words to rank by, relevance is date order.
	if got, want := ids(c, c.Search(ParseQuery("after:2020"), SortRelevance)), []string{"none", "once", "body"}; !slices.Equal(got, want) {
		t.Errorf("after:2020 by relevance: %q, want %q", got, want)
	}
}

// TestRelevanceTiesByDate: articles that score the same come newest first,
// undated last.
func TestRelevanceTiesByDate(t *testing.T) {
	body := "Ports reopened after the storm."
	arts := []*Article{
		{ID: "mid", Title: "Ports", Published: day("2021-03-03"), RawBody: body},
		{ID: "undated", Title: "Ports", RawBody: body},
		{ID: "new", Title: "Ports", Published: day("2024-03-03"), RawBody: body},
		{ID: "old", Title: "Ports", Published: day("2010-03-03"), RawBody: body},
	}
	c := rankCorpus(arts)
	if got, want := ids(c, c.Search(ParseQuery("ports"), SortRelevance)), []string{"new", "mid", "old", "undated"}; !slices.Equal(got, want) {
		t.Errorf("ties: %q, want %q", got, want)
	}
}

func TestParseSortRelevance(t *testing.T) {
	for _, s := range []string{"relevance", "Rank"} {
		if k, err := ParseSortKey(s); err != nil || k != SortRelevance {
			t.Errorf("ParseSortKey(%q) = %v, %v", s, k, err)
		}
	}
	if SortRelevance.String() != "relevance" || SortCategory.Next() != SortRelevance || SortRelevance.Next() != SortNewest {
		t.Error("relevance is not named or not in the cycle")
	}
}
