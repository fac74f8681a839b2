package research

import (
	"cmp"
	"slices"
	"time"

	"github.com/folio-reader/folio/model"
)

// A story is the articles about one event over some days: articles that
// share at least StoryShared of their model.StoryTerms most distinctive
// words and were published within StoryWindow of each other, grouped
// transitively (A with B and B with C make one story).
const (
	StoryWindow = 3 * 24 * time.Hour
	StoryShared = 3
	MaxSources  = 5
)

// Story is one story of a result.
type Story struct {
	Rows     []int32 // its articles, in the order of publication
	From, To time.Time
	Headline string   // the first article's title
	Sources  []string // the bylines of its articles, most frequent first, at most MaxSources
}

// Stories finds the stories of a result's dated articles; stories of one
// article are left out. The largest come first, then the latest.
func Stories(c Corpus, res model.Result) []Story {
	top := c.TopTerms()
	type item struct {
		n   int32
		day int64
	}
	byTerm := map[uint32][]item{}
	var items []item
	for _, n := range res.Rows {
		a := res.Article(n)
		if a.Published.IsZero() {
			continue
		}
		it := item{n, a.Published.Unix() / 86400}
		items = append(items, it)
		for _, w := range top.Of(n) {
			byTerm[w] = append(byTerm[w], it)
		}
	}
	delete(byTerm, ^uint32(0)) // no word
	parent := map[int32]int32{}
	var find func(int32) int32
	find = func(x int32) int32 {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	window := int64(StoryWindow / (24 * time.Hour))
	for _, list := range byTerm {
		slices.SortFunc(list, func(a, b item) int { return cmp.Compare(a.day, b.day) })
		for i, a := range list {
			for _, b := range list[i+1:] {
				if b.day-a.day > window {
					break
				}
				if ra, rb := find(a.n), find(b.n); ra != rb && model.Shared(top.Of(a.n), top.Of(b.n)) >= StoryShared {
					parent[ra] = rb
				}
			}
		}
	}
	groups := map[int32][]int32{}
	for _, it := range items {
		r := find(it.n)
		groups[r] = append(groups[r], it.n)
	}
	var out []Story
	for _, rows := range groups {
		if len(rows) < 2 {
			continue
		}
		slices.SortFunc(rows, func(a, b int32) int {
			return cmp.Or(res.Article(a).Published.Compare(res.Article(b).Published), cmp.Compare(res.Article(a).ID, res.Article(b).ID))
		})
		s := Story{Rows: rows, From: res.Article(rows[0]).Published, To: res.Article(rows[len(rows)-1]).Published, Headline: res.Article(rows[0]).Title}
		count := map[string]int{}
		for _, n := range rows {
			if au := res.Article(n).Author; au != "" {
				count[au]++
			}
		}
		for au := range count {
			s.Sources = append(s.Sources, au)
		}
		slices.SortFunc(s.Sources, func(a, b string) int { return cmp.Or(cmp.Compare(count[b], count[a]), cmp.Compare(a, b)) })
		s.Sources = s.Sources[:min(MaxSources, len(s.Sources))]
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Story) int {
		return cmp.Or(cmp.Compare(len(b.Rows), len(a.Rows)), b.To.Compare(a.To), cmp.Compare(a.Headline, b.Headline))
	})
	return out
}
