package model

import (
	"math"
	"runtime"
	"sync"

	"github.com/folio-reader/folio/internal/postings"
)

// StoryTerms is how many of its most distinctive body words (TF-IDF) an
// article is known by, for telling which articles tell one story.
const StoryTerms = 6

// TopTerms is every article's StoryTerms most distinctive body words, as
// word ids of the body index, for one numbering and version of the corpus.
type TopTerms struct {
	ids     []uint32 // article n's are ids[n*StoryTerms:][:StoryTerms], ascending; noWord: none
	version uint64
	gen     uint64
}

// Of returns article n's words (ids, ascending, noWord for none).
func (t *TopTerms) Of(n int32) []uint32 {
	if t == nil || n < 0 || int(n+1)*StoryTerms > len(t.ids) {
		return nil
	}
	return t.ids[int(n)*StoryTerms : int(n+1)*StoryTerms]
}

// Shared counts the words two articles' lists have in common.
func Shared(a, b []uint32) int {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == noWord || b[j] == noWord:
			return k
		case a[i] == b[j]:
			k++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return k
}

// topTerms keeps the last TopTerms made.
type topTerms struct {
	mu     sync.Mutex
	latest *TopTerms
}

// TopTerms returns every article's most distinctive words, working them
// out (one pass over the body index's postings, on every core) when the
// corpus changed since they were last.
func (c *Corpus) TopTerms() *TopTerms {
	c.top.mu.Lock()
	defer c.top.mu.Unlock()
	v := c.Version()
	if t := c.top.latest; t != nil && t.version == v {
		return t
	}
	c.top.latest = c.topTerms()
	return c.top.latest
}

func (c *Corpus) topTerms() *TopTerms {
	c.mu.RLock()
	n := len(c.arts)
	gen := c.gen
	x := c.body
	x.mu.RLock()
	defer x.mu.RUnlock()
	version := c.version + x.versionOf()
	c.mu.RUnlock()
	t := &TopTerms{version: version, gen: gen}
	docs := float64(max(x.docs, 1))
	parts := max(runtime.GOMAXPROCS(0), 1)
	type best struct {
		score [StoryTerms]float32
		id    [StoryTerms]uint32
	}
	per := make([][]best, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			b := make([]best, n)
			for i := range b {
				for k := range StoryTerms {
					b[i].id[k] = noWord
				}
			}
			for id := p; id < len(x.post); id += parts {
				df := x.df[id]
				// A word one article holds links none; one in a twentieth
				// of them tells no story apart.
				if df < 2 || float64(df) > docs/20 || len(x.words[id]) < 3 {
					continue
				}
				idf := float32(math.Log(docs / float64(df)))
				postings.Each(x.post[id], func(a int32, tf uint32) {
					if a < 0 || int(a) >= n {
						return
					}
					s := idf * (1 + float32(math.Log(float64(tf))))
					bb := &b[a]
					k := StoryTerms - 1
					if s <= bb.score[k] && bb.id[k] != noWord {
						return
					}
					for k > 0 && (bb.id[k-1] == noWord || s > bb.score[k-1]) {
						bb.score[k], bb.id[k] = bb.score[k-1], bb.id[k-1]
						k--
					}
					bb.score[k], bb.id[k] = s, uint32(id)
				})
			}
			per[p] = b
		})
	}
	wg.Wait()
	t.ids = make([]uint32, n*StoryTerms)
	for a := range n {
		// The best of every part's best.
		var all []struct {
			s  float32
			id uint32
		}
		for p := range parts {
			for k := range StoryTerms {
				if id := per[p][a].id[k]; id != noWord {
					all = append(all, struct {
						s  float32
						id uint32
					}{per[p][a].score[k], id})
				}
			}
		}
		for i := 1; i < len(all); i++ {
			for j := i; j > 0 && all[j].s > all[j-1].s; j-- {
				all[j], all[j-1] = all[j-1], all[j]
			}
		}
		out := t.ids[a*StoryTerms : (a+1)*StoryTerms]
		k := 0
		for _, w := range all[:min(StoryTerms, len(all))] {
			out[k] = w.id
			k++
		}
		for ; k < StoryTerms; k++ {
			out[k] = noWord
		}
		// Ascending, noWord last, for Shared.
		for i := 1; i < StoryTerms; i++ {
			for j := i; j > 0 && out[j] < out[j-1]; j-- {
				out[j], out[j-1] = out[j-1], out[j]
			}
		}
	}
	return t
}
