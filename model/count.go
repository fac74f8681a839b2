package model

import (
	"context"
	"math/bits"
	"sync"
)

// Count says how many articles q matches and how many of those are unread,
// without putting them in order: what a folder in the sidebar shows. Like
// Search, it looks in bodies only once they are indexed.
func (c *Corpus) Count(q Query, l Labels) (total, unread int) {
	t := c.NewCounter([]Query{q}).Count(l)
	return t[0].Total, t[0].Unread
}

// Tally is a folder's counts.
type Tally struct{ Total, Unread int }

// Counter counts a fixed list of queries again and again, as the reading
// state changes: the part of each query that does not ask about the state
// (words, dates) is answered once per version of the corpus and kept as a
// set, so a recount after a mark only combines sets. It is safe for
// concurrent use.
type Counter struct {
	c       *Corpus
	queries []Query
	seen    []uint32 // by canonical: the groups call that counted it last
	calls   uint32

	mu      sync.Mutex
	static  []bitset // per query: the live articles its other terms and dates allow
	version uint64   // of the corpus, when static was made
	made    bool
}

// NewCounter returns a counter for the queries.
func (c *Corpus) NewCounter(queries []Query) *Counter {
	return &Counter{c: c, queries: queries}
}

// Queries are the queries counted.
func (k *Counter) Queries() []Query { return k.queries }

// Count returns the tallies of the queries, in order, over l.
func (k *Counter) Count(l Labels) []Tally {
	t, _ := k.CountContext(context.Background(), l)
	return t
}

// CountContext is Count until ctx ends: then the queries' words stop
// being matched, and it returns ctx's error and no tallies.
func (k *Counter) CountContext(ctx context.Context, l Labels) ([]Tally, error) {
	return k.CountGroups(ctx, l, nil)
}

// CountGroups is CountContext counting each group of copies (cp) once, as
// a list with the copies collapsed shows them; cp nil, or of another
// numbering, counts articles.
func (k *Counter) CountGroups(ctx context.Context, l Labels, cp *Copies) ([]Tally, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	c := k.c
	if v := c.Version(); !k.made || v != k.version {
		k.made = false
		static := make([]bitset, len(k.queries))
		for i, q := range k.queries {
			if !q.Flat() {
				continue
			}
			set, err := c.staticSet(ctx, q)
			if err != nil {
				return nil, err
			}
			static[i] = set
		}
		k.static, k.version, k.made = static, v, true
	}
	// A tree's labels may sit under an OR or a NOT: it is answered whole.
	trees := make([]bitset, len(k.queries))
	for i, q := range k.queries {
		if !q.Flat() {
			set, err := c.treeSet(ctx, q, l)
			if err != nil {
				return nil, err
			}
			trees[i] = set
		}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := len(c.arts)
	// One copy of each label's set serves every query that asks for it.
	sets := map[Label]bitset{}
	get := func(lb Label) bitset {
		s, ok := sets[lb]
		if !ok {
			s = c.labelSet(lb, l)
			sets[lb] = s
		}
		return s
	}
	read := get(Label{Kind: LabelRead})
	out := make([]Tally, len(k.queries))
	scratch := newBitset(n)
	tally := bitset.count
	if cp != nil && cp.gen == c.gen && len(cp.canon) >= n {
		tally = func(b bitset) int { return k.groups(b, cp) }
	}
	for i, q := range k.queries {
		clear(scratch)
		if trees[i] != nil {
			copy(scratch, trees[i])
			out[i].Total = tally(scratch)
			scratch.andNot(read)
			out[i].Unread = tally(scratch)
			continue
		}
		copy(scratch, k.static[i]) // articles added since match none until the next version
		for _, t := range q.Terms {
			if t.Scope != ScopeLabel {
				continue
			}
			if t.Negate {
				scratch.andNot(get(t.Label))
			} else {
				scratch.and(get(t.Label))
			}
		}
		out[i].Total = tally(scratch)
		scratch.andNot(read)
		out[i].Unread = tally(scratch)
	}
	return out, nil
}

// staticSet answers q's terms that are not labels, and its dates, as a set
// of live articles, until ctx ends.
func (c *Corpus) staticSet(ctx context.Context, q Query) (bitset, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := stopWhen(ctx, c.lanes) // asked only with every lock held, as in SearchContext
	defer st.release()
	bodies := c.BodiesReady()
	if !bodies {
		q = withoutBodyTerms(q)
	}
	var rest []Term
	for _, t := range q.Terms {
		if t.Scope != ScopeLabel {
			rest = append(rest, t)
		}
	}
	q.Terms = rest
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := len(c.arts)
	if len(rest) > 0 {
		c.catchUp()
	}
	c.indexMu.RLock()
	defer c.indexMu.RUnlock()
	c.body.mu.RLock()
	if c.searchHook != nil && len(rest) > 0 {
		c.searchHook(ctx)
	}
	match := c.matchSet(q, n, bodies, nil, st)
	c.body.mu.RUnlock()
	if err := st.Err(); err != nil {
		return nil, err
	}
	if match == nil {
		match = newBitset(n)
		match.fill(n)
	}
	if c.nDead > 0 {
		match.andNot(fitBitset(append(bitset(nil), c.dead...), n))
	}
	if from, to := dayNumber(q.From), dayNumber(q.To); from != 0 || to != 0 {
		for i, d := range c.days {
			if d == 0 || from != 0 && d < from || to != 0 && d >= to {
				match[i/64] &^= 1 << (i % 64)
			}
		}
	}
	return match, nil
}

// treeSet answers a query kept as a tree, with the reading state l, as a
// set of live articles.
func (c *Corpus) treeSet(ctx context.Context, q Query, l Labels) (bitset, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := stopWhen(ctx, c.lanes)
	defer st.release()
	bodies := c.BodiesReady()
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := len(c.arts)
	labelled := c.labelSets(q, l)
	c.catchUp()
	c.indexMu.RLock()
	defer c.indexMu.RUnlock()
	c.body.mu.RLock()
	match := c.matchSet(q, n, bodies, labelled, st)
	c.body.mu.RUnlock()
	if st.stopped() {
		return nil, st.Err()
	}
	if c.nDead > 0 {
		match.andNot(fitBitset(append(bitset(nil), c.dead...), n))
	}
	return match, nil
}

// groups counts the groups of copies among the articles of b: each
// canonical once. The caller holds k.mu.
func (k *Counter) groups(b bitset, cp *Copies) int {
	if len(k.seen) < len(cp.canon) {
		k.seen = make([]uint32, len(cp.canon))
	}
	k.calls++
	total := 0
	for wi, w := range b {
		for w != 0 {
			n := wi*64 + bits.TrailingZeros64(w)
			w &= w - 1
			if n >= len(cp.canon) {
				total++
				continue
			}
			if c := cp.canon[n]; k.seen[c] != k.calls {
				k.seen[c] = k.calls
				total++
			}
		}
	}
	return total
}
