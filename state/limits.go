package state

import (
	"fmt"

	"github.com/folio-reader/folio/model"
)

// The limits of one store (over SSH, of one key): what a person may keep,
// so that nobody's state grows without bound and everybody's reader starts
// as fast as anybody's. A change that would pass one is refused whole with
// a LimitError.
const (
	MaxTags           = 1000         // distinct tags in use
	MaxTagLen         = model.MaxTag // bytes of a tag's name
	MaxTagsPerArticle = 50           // tags on one article
	MaxTaggings       = 200_000      // tags on articles in all: one tag on one article counts one
	MaxSearches       = 500          // saved searches
	MaxSearchName     = 100          // bytes of a saved search's name
	MaxSearchQuery    = 1000         // bytes of a saved search's query
)

// LimitError is a change refused because it would pass one of the limits.
type LimitError struct {
	What  string // what is limited, as a noun phrase: "distinct tags"
	Limit int
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("limit reached: at most %d %s", e.Limit, e.What)
}

// checkTagLocked refuses adding tag to arts when that would pass a limit.
// The caller holds s.mu.
func (s *Store) checkTagLocked(tag string, arts []*model.Article) error {
	if len(tag) > MaxTagLen {
		return &LimitError{"bytes in a tag's name", MaxTagLen}
	}
	if _, used := s.tagCount[tag]; !used && len(s.tagCount) >= MaxTags && len(arts) > 0 {
		return &LimitError{"distinct tags", MaxTags}
	}
	added := 0
	for _, a := range arts {
		e := s.entries[a.ID]
		if e != nil && hasTag(e.Tags, tag) {
			continue
		}
		if e != nil && len(e.Tags) >= MaxTagsPerArticle {
			return &LimitError{"tags on one article", MaxTagsPerArticle}
		}
		added++
	}
	total := added
	for _, n := range s.tagCount { // at most MaxTags of them
		total += n
	}
	if total > MaxTaggings {
		return &LimitError{"tags on articles in all (one tag on one article counts one)", MaxTaggings}
	}
	return nil
}

// checkSearchLocked refuses saving x when that would pass a limit. The
// caller holds s.mu.
func (s *Store) checkSearchLocked(x Search) error {
	switch {
	case len(x.Name) > MaxSearchName:
		return &LimitError{"bytes in a saved search's name", MaxSearchName}
	case len(x.Query) > MaxSearchQuery:
		return &LimitError{"bytes in a saved search's query", MaxSearchQuery}
	case len(s.searches) >= MaxSearches && !s.hasSearchLocked(x.Name):
		return &LimitError{"saved searches", MaxSearches}
	}
	return nil
}
