package model

import (
	"slices"

	"github.com/folio-reader/folio/internal/postings"
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
	// A title's words are in the words index's forward part, as ids: each
	// term's words are turned into the ids they match once.
	titleIDs := map[int][]bitset{}
	nWords := len(c.index.words)
	titleMatch := map[int][]wordMatcher{}
	for _, t := range terms {
		term := q.Terms[t]
		if term.Scope != ScopeAny && term.Scope != ScopeTitle {
			continue
		}
		sets := make([]bitset, len(term.Words))
		for k, w := range term.Words {
			sets[k] = newBitset(nWords)
			for _, id := range c.index.matching(w, wordForm(term, k, 0), 0) {
				sets[k].set(id)
			}
		}
		titleIDs[t] = sets
		titleMatch[t] = termMatchers(term, 0)
	}
	fwd, start := c.index.fwd[0], c.index.start[0]
	for i := range uint32(len(cand) * 64) {
		if !cand.has(i) {
			continue
		}
		if st.stopped() {
			return
		}
		keep := false
		switch {
		case title && int(i) < c.indexed:
			words := fwd[start[i]:start[i+1]]
			keep = len(q.spans(e, func(t int) [][]uint32 {
				sets, ok := titleIDs[t]
				if !ok {
					return nil
				}
				out := make([][]uint32, len(sets))
				for k, set := range sets {
					for p, id := range words {
						if int(id) < nWords && set.has(id) {
							out[k] = append(out[k], uint32(p))
						}
					}
				}
				return out
			})) > 0
		case title && int(i) < len(c.arts):
			toks := tokens(c.arts[i].Title)
			keep = len(q.spans(e, func(t int) [][]uint32 {
				ms, ok := titleMatch[t]
				if !ok {
					return nil
				}
				return tokenPositions(ms, toks)
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
			// The postings say which articles the segment covers: its
			// positions are read only when a candidate is among them.
			if !anyCandidate(x.post[id][s.pstart:s.pend], s.base, cand, limit) {
				continue
			}
			if cap(raw) < int(s.n) {
				raw = make([]byte, s.n)
			}
			if _, err := x.pos.src.ReadAt(raw[:s.n], s.off); err != nil {
				bp.byText = true
				return bp
			}
			r := postings.NewRunReader(x.post[id][s.pstart:s.pend], s.base, raw[:s.n])
			for {
				n, ok := r.Next()
				if !ok {
					break
				}
				if n >= limit || !cand.has(uint32(n)) {
					continue
				}
				if ps, ok = r.Positions(buf[:0], ^uint32(0)); !ok {
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
			if r.Bad() {
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
			return tokenPositions(termMatchers(q.Terms[t], minBodyPrefix), toks)
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

// anyCandidate reports whether postings (from article base) name an
// article of cand.
func anyCandidate(post []byte, base int32, cand bitset, limit int32) bool {
	r := postings.NewReader(post, base)
	for {
		n, _, ok := r.Next()
		if !ok {
			return false
		}
		if n < limit && cand.has(uint32(n)) {
			return true
		}
	}
}
