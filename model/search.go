package model

import (
	"context"

	"github.com/folio-reader/folio/query"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// Result is the answer to a query: article numbers in the requested order.
// It carries the query and order it answers, so a late result can be told
// from a current one.
type Result struct {
	Query Query
	Sort  SortKey
	Rows  []int32 // article numbers, for Article; shared, never modify
	Total int     // articles in the corpus when the query ran
	// NoBodies: the body index was not ready, so words were looked for
	// in titles, bylines and categories only.
	NoBodies bool

	Version uint64 // the corpus's Version when the query ran
	// Collapsed: copies of one article have one row, the first in order.
	Collapsed bool
	// Scores, beside Rows, in order of relevance: each row's score
	// (SortRelevance with words to rank by only; else nil).
	Scores []float32

	gen uint64 // the corpus's numbering (Corpus.gen)

	arts []*Article // the corpus's articles when the query ran, by number
	days []int32    // and their publication days
}

// Article returns article number n of the result's rows, as the corpus
// had it when the query ran: right even when the corpus has changed or
// been renumbered since.
func (r Result) Article(n int32) *Article { return r.arts[n] }

// Search answers q in the order key. Until the body index is ready, words
// match titles, bylines and categories only (the result says so), and
// text: terms are reported in the query's Ignored.
func (c *Corpus) Search(q Query, key SortKey) Result {
	res, _ := c.SearchContext(context.Background(), q, key, nil)
	return res
}

// SearchLabels is Search with the reading state that answers is: and tag:
// terms; with l nil nothing is read, starred or tagged.
func (c *Corpus) SearchLabels(q Query, key SortKey, l Labels) Result {
	res, _ := c.SearchContext(context.Background(), q, key, l)
	return res
}

// SearchContext is SearchLabels until ctx ends: then it stops matching and
// ranking, within milliseconds, and returns ctx's error with an empty
// Result. With a context that never ends it never fails.
func (c *Corpus) SearchContext(ctx context.Context, q Query, key SortKey, l Labels) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	// st is first asked once every lock the search needs is held: a
	// search holding a slow slot never waits for a lock (see lanes).
	st := stopWhen(ctx, c.lanes)
	defer st.release()
	bodies := c.BodiesReady()
	if !bodies {
		q = withoutBodyTerms(q)
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := len(c.arts) // numbers in use: the bitsets' size
	labelled := c.labelSets(q, l)
	if len(q.Terms) > 0 || key != SortNewest && key != SortOldest {
		c.catchUp()
	}
	c.indexMu.RLock()
	defer c.indexMu.RUnlock()
	base := key
	if key == SortRelevance {
		base = SortNewest // ranked below; equal scores stay newest first
	}
	perm := c.sorted(base)
	res := Result{Query: q, Sort: key, Total: n - c.nDead, Version: c.version + c.body.versionOf(), arts: c.arts, days: c.days, gen: c.gen}
	for _, t := range q.Terms {
		res.NoBodies = res.NoBodies || !bodies && t.Scope == ScopeAny
	}
	if q.Empty() {
		res.Rows = perm
		return res, nil
	}
	c.body.mu.RLock()
	defer c.body.mu.RUnlock()
	if c.searchHook != nil {
		c.searchHook(ctx)
	}
	match := c.matchSet(q, n, bodies, labelled, st)
	if st.stopped() {
		return Result{}, st.Err()
	}
	from, to := dayNumber(q.From), dayNumber(q.To)
	size := len(perm)
	if match != nil {
		size = match.count()
	}
	rows := make([]int32, 0, size)
	for _, i := range perm {
		if match != nil && !match.has(uint32(i)) {
			continue
		}
		if from != 0 || to != 0 {
			d := c.days[i]
			if d == 0 || from != 0 && d < from || to != 0 && d >= to {
				continue
			}
		}
		rows = append(rows, i)
	}
	if key == SortRelevance {
		res.Scores = c.rank(q, rows, n, bodies, st)
		if st.stopped() {
			return Result{}, st.Err()
		}
	}
	res.Rows = rows
	return res, nil
}

// SetSearchHook makes every search and count with terms call f once it
// holds its locks for reading, before it matches, with its context: tests
// hold a search there. It must be called before the corpus is shared.
func (c *Corpus) SetSearchHook(f func(ctx context.Context)) { c.searchHook = f }

// matchSet returns the articles that satisfy q's terms, or nil when q has
// none; bodies says whether to look in the body index, labelled holds the
// sets of q's label terms (see labelSets). Once st stops, what it returns
// means nothing. The caller holds c.mu, c.indexMu and c.body.mu for
// reading.
func (c *Corpus) matchSet(q Query, n int, bodies bool, labelled []bitset, st *stopper) bitset {
	if q.expr != nil {
		return c.exprSet(&q, n, bodies, labelled, st)
	}
	if len(q.Terms) == 0 {
		return nil
	}
	var match bitset
	for i, t := range q.Terms {
		if st.stopped() {
			return nil
		}
		var set bitset
		switch {
		case t.Scope == ScopeLabel:
			set = fitBitset(labelled[i], n)
		default:
			set = c.termSet(t, n, st)
		}
		if bodies && (t.Scope == ScopeAny || t.Scope == ScopeText) {
			set.or(c.bodySet(t, n, st))
		}
		switch {
		case t.Negate:
			if match == nil {
				match = newBitset(n)
				match.fill(n)
			}
			match.andNot(set)
		case match == nil:
			match = set
		default:
			match.and(set)
		}
	}
	return match
}

var scopeSlots = map[Scope][]int{
	ScopeAny:      {0, 1, 2},
	ScopeTitle:    {0},
	ScopeAuthor:   {1},
	ScopeCategory: {2},
	ScopeText:     nil,
	ScopeLabel:    nil,
}

// termSet returns the articles matching one term, negation aside.
func (c *Corpus) termSet(t Term, n int, st *stopper) bitset {
	set := newBitset(n)
	slots := scopeSlots[t.Scope]
	if len(slots) == 0 {
		return set
	}
	if len(t.Words) == 1 {
		c.index.idsSet(set, c.index.matching(t.Words[0], t.Form, 0), slots)
		return set
	}
	if t.Form == query.Slop {
		// Every word somewhere; how close, the caller checks (nearSet).
		c.index.wordSet(set, t.Words[0], slots)
		for _, w := range t.Words[1:] {
			other := newBitset(n)
			c.index.wordSet(other, w, slots)
			set.and(other)
		}
		return set
	}
	// A phrase: narrow to articles holding every word, then check the order
	// in the forward index.
	p, ok := c.index.compile(t.Words)
	if !ok {
		return set
	}
	c.index.wordSet(set, t.Words[0], slots)
	for _, w := range t.Words[1:] {
		other := newBitset(n)
		c.index.wordSet(other, w, slots)
		set.and(other)
	}
	for wi, w := range set {
		if st.every() {
			return set
		}
		for w != 0 {
			b := uint32(wi*64) + uint32(bits.TrailingZeros64(w))
			w &= w - 1
			found := false
			for _, s := range slots {
				if c.index.holds(b, s, p) {
					found = true
					break
				}
			}
			if !found {
				set[wi] &^= 1 << (b % 64)
			}
		}
	}
	return set
}

// minBodyPrefix is the shortest word that matches body words as a prefix:
// "c" would match nearly every body, so shorter words must match a body
// word whole.
const minBodyPrefix = 3

// bodySet returns the articles whose bodies hold a term: a word, as a
// prefix when it is long enough; a phrase, its words next to each other in
// order, the last as a prefix when it is long enough (see phraseSet).
func (c *Corpus) bodySet(t Term, n int, st *stopper) bitset {
	set := newBitset(n)
	if len(t.Words) == 1 {
		c.body.setIDs(set, c.body.matching(t.Words[0], t.Form, minBodyPrefix))
		return set
	}
	last := len(t.Words) - 1
	c.body.set(set, t.Words[last], utf8.RuneCountInString(t.Words[last]) >= minBodyPrefix)
	for _, w := range t.Words[:last] {
		other := newBitset(n)
		c.body.set(other, w, false)
		set.and(other)
	}
	if t.Form != query.Slop && set.count() > 0 {
		c.phraseSet(set, t.Words, st)
	}
	return set
}

// withoutBodyTerms drops text: terms while the body index is being built,
// and says so in Ignored rather than matching nothing.
func withoutBodyTerms(q Query) Query {
	var kept []Term
	for _, t := range q.Terms {
		if t.Scope == ScopeText {
			q.Ignored = append(q.Ignored, "text:"+strings.Join(t.Words, " ")+" (the bodies are still being indexed)")
			continue
		}
		kept = append(kept, t)
	}
	q.Terms = kept
	return q
}
