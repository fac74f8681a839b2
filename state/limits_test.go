package state

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-reader/folio/model"
)

func isLimit(err error, limit int) bool {
	var le *LimitError
	return errors.As(err, &le) && le.Limit == limit && strings.Contains(err.Error(), fmt.Sprint(limit))
}

func TestDistinctTagsLimit(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "s.db"))
	a, b := art("a.txt"), art("b.txt")
	for i := range MaxTags {
		// Spread over articles so the per-article limit is not what stops.
		if _, err := s.SetTag(fmt.Sprintf("t%d", i), true, art(fmt.Sprintf("%d.txt", i/MaxTagsPerArticle))); err != nil {
			t.Fatalf("tag %d: %v", i, err)
		}
	}
	if n, err := s.SetTag("one-more", true, a); !isLimit(err, MaxTags) || n != 0 {
		t.Fatalf("tag %d: %d, %v; want the distinct tags limit", MaxTags+1, n, err)
	}
	if names, _ := s.Tags(); len(names) != MaxTags {
		t.Fatalf("%d tags in use, want %d", len(names), MaxTags)
	}
	// A tag already in use may still be put on another article.
	if n, err := s.SetTag("t0", true, b); err != nil || n != 1 {
		t.Fatalf("existing tag: %d, %v", n, err)
	}
}

func TestTagsPerArticleLimit(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "s.db"))
	a, b := art("a.txt"), art("b.txt")
	for i := range MaxTagsPerArticle {
		if _, err := s.SetTag(fmt.Sprintf("t%d", i), true, a); err != nil {
			t.Fatalf("tag %d: %v", i, err)
		}
	}
	// Refused whole: b, below the limit, is not tagged either.
	if n, err := s.SetTag("extra", true, b, a); !isLimit(err, MaxTagsPerArticle) || n != 0 {
		t.Fatalf("tag %d on one article: %d, %v", MaxTagsPerArticle+1, n, err)
	}
	if got := s.Get("b.txt"); len(got.Tags) != 0 {
		t.Fatalf("b tagged %v by a refused change", got.Tags)
	}
	if n, err := s.SetTag("t0", true, a); err != nil || n != 0 {
		t.Fatalf("a tag it has: %d, %v", n, err)
	}
	if n, err := s.SetTag("t0", false, a); err != nil || n != 1 {
		t.Fatalf("removing at the limit: %d, %v", n, err)
	}
	if _, err := s.SetTag("extra", true, a); err != nil {
		t.Fatalf("below the limit again: %v", err)
	}
}

func TestTagNameLengthLimit(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "s.db"))
	if _, err := s.SetTag(strings.Repeat("x", MaxTagLen), true, art("a.txt")); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	if _, err := s.SetTag(strings.Repeat("x", MaxTagLen+1), true, art("a.txt")); !isLimit(err, MaxTagLen) {
		t.Fatalf("past the limit: %v", err)
	}
}

func TestSavedSearchLimits(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "s.db"))
	for i := range MaxSearches {
		if err := s.SaveSearch(fmt.Sprintf("s%d", i), "q"); err != nil {
			t.Fatalf("search %d: %v", i, err)
		}
	}
	if err := s.SaveSearch("one-more", "q"); !isLimit(err, MaxSearches) {
		t.Fatalf("search %d: %v", MaxSearches+1, err)
	}
	if err := s.SaveSearch("s0", "replaced"); err != nil {
		t.Fatalf("replacing at the limit: %v", err)
	}
	if n := len(s.Searches()); n != MaxSearches {
		t.Fatalf("%d searches", n)
	}
	s.DeleteSearch("s1")
	for _, c := range []struct {
		name, query string
		limit       int
	}{
		{strings.Repeat("n", MaxSearchName), strings.Repeat("q", MaxSearchQuery), 0},
		{strings.Repeat("n", MaxSearchName+1), "q", MaxSearchName},
		{"q", strings.Repeat("q", MaxSearchQuery+1), MaxSearchQuery},
	} {
		err := s.SaveSearch(c.name, c.query)
		if c.limit == 0 && err != nil || c.limit != 0 && !isLimit(err, c.limit) {
			t.Errorf("name %d bytes, query %d bytes: %v", len(c.name), len(c.query), err)
		}
	}
}

// TestTaggingsLimit: tags on articles in all, one tag on one article
// counting one.
func TestTaggingsLimit(t *testing.T) {
	s := Memory()
	arts := make([]*model.Article, MaxTaggings/4)
	for i := range arts {
		arts[i] = &model.Article{ID: fmt.Sprintf("%d.txt", i)}
	}
	for i := range 4 {
		if _, err := s.SetTag(fmt.Sprintf("t%d", i), true, arts...); err != nil {
			t.Fatalf("tag %d: %v", i, err)
		}
	}
	if n, err := s.SetTag("t0", true, arts[:10]...); err != nil || n != 0 {
		t.Fatalf("tags already there, at the limit: %d, %v", n, err)
	}
	if n, err := s.SetTag("t5", true, arts[0]); !isLimit(err, MaxTaggings) || n != 0 {
		t.Fatalf("one past the limit: %d, %v", n, err)
	}
	s.SetTag("t0", false, arts[0])
	if _, err := s.SetTag("t5", true, arts[0]); err != nil {
		t.Fatalf("back under the limit: %v", err)
	}
}
