package model

import "github.com/folio-reader/folio/query"

// exprSet answers a query kept as a tree. The caller holds c.mu,
// c.indexMu and c.body.mu for reading.
func (c *Corpus) exprSet(q *Query, n int, bodies bool, labelled []bitset, st *stopper) bitset {
	leaf := func(i int) bitset {
		if st.stopped() {
			return newBitset(n)
		}
		t := q.Terms[i]
		switch t.Scope {
		case ScopeLabel:
			set := newBitset(n)
			if i < len(labelled) {
				copy(set, labelled[i])
			}
			if t.Negate {
				set.complement(n)
			}
			return set
		case ScopeDate:
			return c.dateSet(t, n)
		}
		set := c.termSet(t, n, st)
		if bodies && (t.Scope == ScopeAny || t.Scope == ScopeText) {
			set.or(c.bodySet(t, n, st))
		}
		if t.Form == query.Slop {
			c.nearSet(q, &expr{op: exprTerm, term: i}, set, bodies, st)
		}
		return set
	}
	near := func(e *expr, cand bitset) { c.nearSet(q, e, cand, bodies, st) }
	return q.expr.eval(n, leaf, near)
}

// dateSet returns the articles published within t's range. The caller
// holds c.mu for reading.
func (c *Corpus) dateSet(t Term, n int) bitset {
	set := newBitset(n)
	from, to := dayNumber(t.From), dayNumber(t.To)
	for i, d := range c.days[:n] {
		if d != 0 && (from == 0 || d >= from) && (to == 0 || d < to) {
			set.set(uint32(i))
		}
	}
	return set
}

// complement turns the first n bits of b over.
func (b bitset) complement(n int) {
	for i := range b {
		b[i] = ^b[i]
	}
	if r := n % 64; r != 0 && len(b) > 0 {
		b[len(b)-1] &= 1<<r - 1
	}
}
