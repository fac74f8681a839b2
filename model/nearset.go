package model

import (
	"maps"
	"math/bits"
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
		defer c.nearBufs.Put(body)
	}
	var title *titlePositions
	var inTitle bitset // the indexed titles that hold e's words as e needs them
	if anyScope(q, terms, ScopeTitle) {
		title = c.index.titlePositions(q, terms, c.indexed)
		inTitle = title.may(e)
	}
	ev := spanEval{q: q}
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
		case title != nil && int(i) < c.indexed:
			keep = inTitle.has(i) && ev.holds(e, title.ofWords(fwd[start[i]:start[i+1]]))
		case title != nil && int(i) < len(c.arts):
			keep = ev.holds(e, title.ofTokens(tokens(c.arts[i].Title)))
		}
		if !keep && body != nil {
			keep = ev.holds(e, body.source(q, int32(i), c))
		}
		if !keep {
			cand[i/64] &^= 1 << (i % 64)
		}
	}
}

// titlePositions finds where terms' words stand in titles: in an indexed
// title, from its word ids (the words index's forward part); in one not
// yet indexed, from its text.
type titlePositions struct {
	n     int             // the indexed articles
	sets  [][]bitset      // term → per word, the title word ids it matches
	arts  []bitset        // term → the indexed titles that hold all its words
	match [][]wordMatcher // term → its words' matchers
	out   [][][]uint32    // term → what a source returns, reused
	words []uint32        // the title's word ids, as ofWords was last given
}

// titlePositions turns the terms that look in titles into the ids of the
// title words they match, and the titles that hold them, once for all
// titles. n is the number of articles the words index covers.
func (x *metaIndex) titlePositions(q *Query, terms []int, n int) *titlePositions {
	tp := &titlePositions{
		n:     n,
		sets:  make([][]bitset, len(q.Terms)),
		arts:  make([]bitset, len(q.Terms)),
		match: make([][]wordMatcher, len(q.Terms)),
	}
	nWords := len(x.words)
	for _, t := range terms {
		term := q.Terms[t]
		if term.Scope != ScopeAny && term.Scope != ScopeTitle {
			continue
		}
		sets := make([]bitset, len(term.Words))
		var arts bitset
		for k, w := range term.Words {
			sets[k] = newBitset(nWords)
			ids := x.matching(w, wordForm(term, k, 0), 0)
			for _, id := range ids {
				sets[k].set(id)
			}
			holding := newBitset(n)
			x.idsSet(holding, ids, scopeSlots[ScopeTitle])
			if arts == nil {
				arts = holding
			} else {
				arts.and(holding)
			}
		}
		tp.sets[t], tp.arts[t] = sets, arts
		tp.match[t] = termMatchers(term, 0)
	}
	return tp
}

// may returns the indexed titles where e may hold: those with the words
// of its terms, as its ORs join them and its NEARs meet them (eval with no
// NEAR check). Where the words stand is for ofWords to say.
func (tp *titlePositions) may(e *expr) bitset {
	return e.eval(tp.n, func(t int) bitset {
		if a := tp.arts[t]; a != nil {
			return slices.Clone(a)
		}
		return newBitset(tp.n)
	}, nil)
}

// reuse returns term t's buffer emptied, with room for n words: each
// term has its own, so what one returns stays while another is asked.
func (tp *titlePositions) reuse(t, n int) [][]uint32 {
	if tp.out == nil {
		tp.out = make([][][]uint32, len(tp.sets))
	}
	if cap(tp.out[t]) < n {
		tp.out[t] = make([][]uint32, n)
	}
	out := tp.out[t][:n]
	for i := range out {
		out[i] = out[i][:0]
	}
	return out
}

// ofWords is the source of an indexed title, given its word ids.
func (tp *titlePositions) ofWords(words []uint32) posSource {
	tp.words = words
	return tp
}

func (tp *titlePositions) positions(t int) [][]uint32 {
	sets := tp.sets[t]
	if sets == nil {
		return nil
	}
	out := tp.reuse(t, len(sets))
	for k, set := range sets {
		for p, id := range tp.words {
			if int(id) < len(set)*64 && set.has(id) {
				out[k] = append(out[k], uint32(p))
			}
		}
	}
	return out
}

// ofTokens is the source of a title given its folded words.
func (tp *titlePositions) ofTokens(toks []string) posSource {
	return textPositions{ms: tp.match, toks: toks}
}

// textPositions finds the terms' words in a text's folded words: a title
// not yet indexed, or a body whose positions the index lacks.
type textPositions struct {
	ms   [][]wordMatcher // term → its words' matchers; nil: not in this text
	toks []string
}

func (tp textPositions) positions(t int) [][]uint32 {
	if tp.ms[t] == nil {
		return nil
	}
	return tokenPositions(tp.ms[t], tp.toks)
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
//
// Each word of a term that looks in bodies is a slot. The positions read
// are kept in one buffer, and the candidates' entries (a slot and its
// positions) grouped by candidate, in article order.
type bodyPositions struct {
	byText bool
	slots  [][]int32    // term → the slot of each of its words; nil: not in bodies
	cand   bitset       // the candidates as they were read: nearSet clears its own as it goes
	before []int32      // the candidates in the words of cand before each
	first  []int32      // candidate (by rank) → its first entry; one more at the end
	ents   []posEntry   // by candidate
	pos    []uint32     // the entries' positions
	out    [][][]uint32 // term → what a source returns, reused
	merged [][][]uint32 // term → its words that are several ids, merged, reused

	cur       []posEntry      // the entries of the article source was last asked for
	textMatch [][]wordMatcher // with byText: term → its words' matchers in bodies
	found     []rankedEntry   // the entries as read, before they are grouped
	next      []int32         // where each candidate's next entry goes, as they are grouped
}

// posEntry says where one of a candidate's words stands: in slot slot, at
// pos[off : off+n].
type posEntry struct {
	slot   int32
	off, n uint32
}

// rank returns the number of candidates before article n.
func (bp *bodyPositions) rank(n uint32) int32 {
	w := n / 64
	return bp.before[w] + int32(bits.OnesCount64(bp.cand[w]&(1<<(n%64)-1)))
}

// collectPositions reads the positions of the terms' words in the
// candidates' bodies.
func (c *Corpus) collectPositions(q *Query, terms []int, cand bitset, st *stopper) *bodyPositions {
	x := c.body
	bp, _ := c.nearBufs.Get().(*bodyPositions)
	if bp == nil {
		bp = &bodyPositions{}
	}
	bp.reset(len(q.Terms), cand)
	if x.pos.broken || x.pos.src == nil {
		bp.byText = true
		return bp
	}
	idSlots := map[uint32][]int32{}
	var slot int32
	for _, t := range terms {
		term := q.Terms[t]
		if term.Scope != ScopeAny && term.Scope != ScopeText {
			continue
		}
		bp.slots[t] = make([]int32, len(term.Words))
		for i, w := range term.Words {
			for _, id := range x.matching(w, wordForm(term, i, minBodyPrefix), minBodyPrefix) {
				idSlots[id] = append(idSlots[id], slot)
			}
			bp.slots[t][i] = slot
			slot++
		}
	}
	bp.before = grow(bp.before, len(cand)+1)
	for w, bitsOf := range cand {
		bp.before[w+1] = bp.before[w] + int32(bits.OnesCount64(bitsOf))
	}
	found := bp.found
	var raw []byte
	limit := int32(len(cand) * 64)
	for _, id := range slices.Sorted(maps.Keys(idSlots)) {
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
				off := len(bp.pos)
				if bp.pos, ok = r.Positions(bp.pos, ^uint32(0)); !ok {
					bp.byText = true
					return bp
				}
				e := posEntry{off: uint32(off), n: uint32(len(bp.pos) - off)}
				for _, sl := range idSlots[id] {
					e.slot = sl
					found = append(found, rankedEntry{bp.rank(uint32(n)), e})
				}
			}
			if r.Bad() {
				bp.byText = true
				return bp
			}
		}
	}
	// Group the entries by candidate: count, then place.
	bp.found = found
	bp.first = grow(bp.first, int(bp.before[len(cand)])+1)
	for _, f := range found {
		bp.first[f.rank+1]++
	}
	for i := 1; i < len(bp.first); i++ {
		bp.first[i] += bp.first[i-1]
	}
	bp.ents = slices.Grow(bp.ents[:0], len(found))[:len(found)]
	bp.next = append(bp.next[:0], bp.first[:len(bp.first)-1]...)
	for _, f := range found {
		bp.ents[bp.next[f.rank]] = f.posEntry
		bp.next[f.rank]++
	}
	return bp
}

// rankedEntry is an entry as it is read, beside its candidate's rank.
type rankedEntry struct {
	rank int32
	posEntry
}

// reset readies bp, maybe used by a query before, for a query of terms
// terms over the candidates cand: its buffers kept, emptied.
func (bp *bodyPositions) reset(terms int, cand bitset) {
	bp.byText = false
	bp.slots = grow(bp.slots, terms)
	bp.cand = append(bp.cand[:0], cand...)
	bp.pos, bp.found = bp.pos[:0], bp.found[:0]
	bp.out, bp.merged, bp.textMatch = nil, nil, nil
}

// grow returns s with n zero values, reusing its room.
func grow[T any](s []T, n int) []T {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
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
		if bp.textMatch == nil { // once a query: a matcher stems its word
			bp.textMatch = make([][]wordMatcher, len(q.Terms))
			for t, term := range q.Terms {
				if term.Scope == ScopeAny || term.Scope == ScopeText {
					bp.textMatch[t] = termMatchers(term, minBodyPrefix)
				}
			}
		}
		return textPositions{ms: bp.textMatch, toks: toks}
	}
	r := bp.rank(uint32(n))
	bp.cur = bp.ents[bp.first[r]:bp.first[r+1]]
	return bp
}

func (bp *bodyPositions) positions(t int) [][]uint32 {
	slots := bp.slots[t]
	if slots == nil {
		return nil
	}
	if bp.out == nil {
		bp.out = make([][][]uint32, len(bp.slots))
		bp.merged = make([][][]uint32, len(bp.slots))
	}
	if bp.out[t] == nil {
		bp.out[t] = make([][]uint32, len(slots))
		bp.merged[t] = make([][]uint32, len(slots))
	}
	out, merged := bp.out[t], bp.merged[t]
	for i, sl := range slots {
		out[i] = nil
		many := false
		for _, e := range bp.cur {
			if e.slot != sl {
				continue
			}
			ps := bp.pos[e.off : e.off+e.n]
			switch {
			case out[i] == nil:
				out[i] = ps
			case !many:
				many = true
				merged[i] = append(append(merged[i][:0], out[i]...), ps...)
			default:
				merged[i] = append(merged[i], ps...)
			}
		}
		if many {
			slices.Sort(merged[i])
			out[i] = merged[i]
		}
	}
	return out
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
