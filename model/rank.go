package model

import (
	"cmp"
	"math"
	"slices"

	"github.com/folio-reader/folio/internal/postings"
)

// Relevance is BM25 over the bodies, plus a boost for words of the title:
// an article whose title names the subject and whose body dwells on it
// comes before one that mentions it in passing. Every positive word of the
// query counts (each word of a phrase too; a prefix counts every word it
// starts); bylines and categories only filter. Equal scores keep the date
// order rows arrive in, newest first.

const (
	bm25K1     = 1.2
	bm25B      = 0.75
	titleBoost = 2.5 // a title word is worth this many idf
)

// Ranks reports whether q has words to rank by.
func (q Query) Ranks() bool {
	for _, t := range q.Terms {
		if !t.Negate && (t.Scope == ScopeAny || t.Scope == ScopeText || t.Scope == ScopeTitle) {
			return true
		}
	}
	return false
}

// rank orders rows, articles in date order, best first; once st stops,
// rows are left in any order. The caller holds c.mu, c.indexMu and
// c.body.mu for reading.
func (c *Corpus) rank(q Query, rows []int32, n int, bodies bool, st *stopper) (scores []float32) {
	if !q.Ranks() || len(rows) < 1 {
		return nil
	}
	in := newBitset(n)
	for _, r := range rows {
		in.set(uint32(r))
	}
	score := make([]float32, n)
	x := c.body
	all := float64(n)
	avg := 1.0
	if x.docs > 0 {
		avg = float64(x.total) / float64(x.docs)
	}
	idf := func(df int) float64 { return math.Log(1 + (all-float64(df)+0.5)/(float64(df)+0.5)) }
	for _, t := range q.Terms {
		if t.Negate || !(t.Scope == ScopeAny || t.Scope == ScopeText || t.Scope == ScopeTitle) {
			continue
		}
		for wi, w := range t.Words {
			if bodies && t.Scope != ScopeTitle {
				for _, id := range x.matching(w, wordForm(t, wi, minBodyPrefix), minBodyPrefix) {
					if st.stopped() {
						return nil
					}
					df := 0
					if int(id) < len(x.df) {
						df = int(x.df[id])
					}
					weight := idf(df)
					postings.Each(x.post[id], func(a int32, tf uint32) {
						if int(a) >= n || !in.has(uint32(a)) {
							return
						}
						f := float64(tf)
						l := avg
						if int(a) < len(x.lens) {
							l = float64(x.lens[a])
						}
						norm := bm25K1 * (1 - bm25B + bm25B*l/avg)
						score[a] += float32(weight * f * (bm25K1 + 1) / (f + norm))
					})
				}
			}
			if t.Scope == ScopeText {
				continue
			}
			for _, id := range c.index.matching(w, wordForm(t, wi, 0), 0) {
				if st.stopped() {
					return nil
				}
				p := c.index.postings[0][id]
				weight := float32(titleBoost * idf(len(p)))
				for _, a := range p {
					if int(a) < n && in.has(a) {
						score[a] += weight
					}
				}
			}
		}
	}
	type ranked struct {
		score float32
		at    int32 // place in the date order
	}
	rs := make([]ranked, len(rows))
	for i, r := range rows {
		rs[i] = ranked{score[r], int32(i)}
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		if a.score != b.score {
			return cmp.Compare(b.score, a.score)
		}
		return cmp.Compare(a.at, b.at)
	})
	byDate := slices.Clone(rows)
	scores = make([]float32, len(rows))
	for i, r := range rs {
		rows[i] = byDate[r.at]
		scores[i] = r.score
	}
	return scores
}
