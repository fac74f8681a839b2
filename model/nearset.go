package model

import (
	"slices"

	"github.com/folio-reader/folio/query"
)

// nearSet clears in cand every article where e (a NEAR, or a term with
// ~N) does not hold in the title nor, with bodies, in the body. The caller
// holds c.mu, c.indexMu and c.body.mu for reading.
func (c *Corpus) nearSet(q *Query, e *expr, cand bitset, bodies bool, st *stopper) {
	var terms []int
	e.walkTerms(func(i int) { terms = append(terms, i) })
	var body *bodyPositions
	if bodies && anyScope(q, terms, ScopeText) {
		body = c.collectPositions(q, terms, cand, st)
	}
	title := anyScope(q, terms, ScopeTitle)
	for i := range uint32(len(cand) * 64) {
		if !cand.has(i) {
			continue
		}
		if st.stopped() {
			return
		}
		keep := false
		if title && int(i) < len(c.arts) {
			toks := tokens(c.arts[i].Title)
			keep = len(q.spans(e, func(t int) [][]uint32 {
				if s := q.Terms[t].Scope; s != ScopeAny && s != ScopeTitle {
					return nil
				}
				return tokenPositions(q.Terms[t], toks, 0)
			})) > 0
		}
		if !keep && body != nil {
			keep = len(q.spans(e, body.source(q, int32(i), c))) > 0
		}
		if !keep {
			cand[i/64] &^= 1 << (i % 64)
		}
	}
}

// anyScope reports whether any of the terms looks in the scope (ScopeAny
// looks in both the title and the body).
func anyScope(q *Query, terms []int, s Scope) bool {
	for _, t := range terms {
		if ts := q.Terms[t].Scope; ts == s || ts == ScopeAny {
			return true
		}
	}
	return false
}

func (e *expr) walkTerms(f func(int)) {
	if e.op == exprTerm {
		f(e.term)
		return
	}
	for _, k := range e.kids {
		k.walkTerms(f)
	}
}

// bodyPositions holds, for the candidates, where the words of some terms
// stand in their bodies: from the index's positions, or, where it has
// none, from the text.
type bodyPositions struct {
	byText bool
	ids    map[int][][]uint32            // term → per word, the word ids it may be
	at     map[int32]map[uint32][]uint32 // article → word id → positions
}

// collectPositions reads the positions of the terms' words in the
// candidates' bodies.
func (c *Corpus) collectPositions(q *Query, terms []int, cand bitset, st *stopper) *bodyPositions {
	x := c.body
	bp := &bodyPositions{ids: map[int][][]uint32{}, at: map[int32]map[uint32][]uint32{}}
	if x.pos.broken || x.pos.src == nil {
		bp.byText = true
		return bp
	}
	want := map[uint32]bool{}
	for _, t := range terms {
		term := q.Terms[t]
		if term.Scope != ScopeAny && term.Scope != ScopeText {
			continue
		}
		words := make([][]uint32, len(term.Words))
		for i, w := range term.Words {
			words[i] = x.matching(w, wordForm(term, i, minBodyPrefix), minBodyPrefix)
			for _, id := range words[i] {
				want[id] = true
			}
		}
		bp.ids[t] = words
	}
	var buf, ps []uint32
	var raw []byte
	limit := int32(len(cand) * 64)
	for id := range want {
		if int(id) >= len(x.pos.segs) {
			continue
		}
		for _, s := range x.pos.segs[id] {
			if st.stopped() {
				return bp
			}
			if cap(raw) < int(s.n) {
				raw = make([]byte, s.n)
			}
			if _, err := x.pos.src.ReadAt(raw[:s.n], s.off); err != nil {
				bp.byText = true
				return bp
			}
			r := newRunReader(x.post[id][s.pstart:s.pend], s.base, raw[:s.n])
			for {
				n, ok := r.next()
				if !ok {
					break
				}
				if n >= limit || !cand.has(uint32(n)) {
					continue
				}
				if ps, ok = r.seg.positions(buf[:0], ^uint32(0)); !ok {
					bp.byText = true
					return bp
				}
				buf = ps
				m := bp.at[n]
				if m == nil {
					m = map[uint32][]uint32{}
					bp.at[n] = m
				}
				m[id] = append(m[id], ps...)
			}
			if r.bad() {
				bp.byText = true
				return bp
			}
		}
	}
	return bp
}

// wordForm is how word i of a term matches in an index whose shortest
// prefix is minPrefix: a single word by its form; in a phrase, the last
// word as a prefix when long enough, the others whole.
func wordForm(t Term, i int, minPrefix int) query.Form {
	switch {
	case len(t.Words) == 1:
		return t.Form
	case i == len(t.Words)-1:
		if runeCount(t.Words[i]) >= minPrefix {
			return query.Prefix
		}
	}
	return query.Exact
}

// source gives the positions of the terms' words in article n's body.
func (bp *bodyPositions) source(q *Query, n int32, c *Corpus) posSource {
	if bp.byText {
		var toks []string
		if a := c.arts[n]; a != nil {
			full := a
			if a.RawBody == "" && c.open != nil {
				if f, err := c.open(a.ID); err == nil {
					full = f
				}
			}
			toks = tokens(full.RawBody)
		}
		return func(t int) [][]uint32 {
			if s := q.Terms[t].Scope; s != ScopeAny && s != ScopeText {
				return nil
			}
			return tokenPositions(q.Terms[t], toks, minBodyPrefix)
		}
	}
	at := bp.at[n]
	return func(t int) [][]uint32 {
		words := bp.ids[t]
		if words == nil {
			return nil
		}
		out := make([][]uint32, len(words))
		for i, ids := range words {
			for _, id := range ids {
				out[i] = append(out[i], at[id]...)
			}
			if len(ids) > 1 {
				slices.Sort(out[i])
			}
		}
		return out
	}
}
