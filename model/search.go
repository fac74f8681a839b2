package model

import (
	"math/bits"
	"strings"
)

// Result is the answer to a query: article numbers in the requested order.
// It carries the query and order it answers, so a late result can be told
// from a current one.
type Result struct {
	Query Query
	Sort  SortKey
	Rows  []int32 // article numbers, for Corpus.At; shared, never modify
	Total int     // articles in the corpus when the query ran
}

// Search answers q in the order key. Terms in ScopeText match nothing until
// the corpus has a body index; they are reported in the query's Ignored.
func (c *Corpus) Search(q Query, key SortKey) Result {
	q = withoutBodyTerms(q)
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := len(c.arts)
	if len(q.Terms) > 0 || key != SortNewest && key != SortOldest {
		c.catchUp()
	}
	c.indexMu.RLock()
	defer c.indexMu.RUnlock()
	perm := c.sorted(key)
	res := Result{Query: q, Sort: key, Total: n}
	if q.Empty() {
		res.Rows = perm
		return res
	}
	match := c.matchSet(q, n)
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
	res.Rows = rows
	return res
}

// matchSet returns the articles that satisfy q's terms, or nil when q has
// none. The caller holds c.mu for reading.
func (c *Corpus) matchSet(q Query, n int) bitset {
	if len(q.Terms) == 0 {
		return nil
	}
	var match bitset
	for _, t := range q.Terms {
		set := c.termSet(t, n)
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
}

// termSet returns the articles matching one term, negation aside.
func (c *Corpus) termSet(t Term, n int) bitset {
	set := newBitset(n)
	slots := scopeSlots[t.Scope]
	if len(slots) == 0 {
		return set
	}
	if len(t.Words) == 1 {
		c.index.wordSet(set, t.Words[0], slots)
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

// withoutBodyTerms drops text: terms, which need a body index folio does not
// build yet, and says so in Ignored rather than matching nothing.
func withoutBodyTerms(q Query) Query {
	var kept []Term
	for _, t := range q.Terms {
		if t.Scope == ScopeText {
			q.Ignored = append(q.Ignored, "text:"+strings.Join(t.Words, " ")+" (body search is not available yet)")
			continue
		}
		kept = append(kept, t)
	}
	q.Terms = kept
	return q
}
