package model

import (
	"strings"
	"sync"

	"github.com/folio-reader/folio/dedup"
)

// Copies says which articles are copies of which (package dedup): for one
// numbering of the corpus, each article's group's canonical, the one
// published first (ties: the smaller ID). A Result is collapsed with the
// Copies of its own numbering only.
type Copies struct {
	canon   []int32           // by number: its group's canonical; itself when alone or canonical
	size    []int32           // by number, for a canonical: the articles of its group
	members map[int32][]int32 // by canonical, for groups of two or more: every article, ascending
	version uint64            // the corpus's Version it was made for
	gen     uint64            // the numbering it is in (Corpus.gen)
}

// Of returns article n's canonical and the number of articles in its
// group (1: no copies); ok is false when n is not covered.
func (cp *Copies) Of(n int32) (canon int32, group int, ok bool) {
	if cp == nil || n < 0 || int(n) >= len(cp.canon) {
		return n, 1, false
	}
	c := cp.canon[n]
	return c, int(cp.size[c]), true
}

// Version is the corpus's version the copies were found in.
func (cp *Copies) Version() uint64 {
	if cp == nil {
		return 0
	}
	return cp.version
}

// copies is the corpus's state of the search for copies.
type copies struct {
	mu      sync.Mutex
	latest  *Copies
	running bool
	again   bool // a change came while it ran: run once more
}

// Copies returns the copies last found, nil before any were.
func (c *Corpus) Copies() *Copies {
	c.copies.mu.Lock()
	defer c.copies.mu.Unlock()
	return c.copies.latest
}

// FindCopies finds the copies among the articles whose bodies are indexed,
// unless a search is running already (which then runs once more when it
// ends). Call it after the bodies are indexed and after each change; it
// works on the calling goroutine.
func (c *Corpus) FindCopies() {
	cs := &c.copies
	cs.mu.Lock()
	if cs.running {
		cs.again = true
		cs.mu.Unlock()
		return
	}
	cs.running = true
	cs.mu.Unlock()
	for {
		found := c.findCopies()
		cs.mu.Lock()
		if found != nil {
			cs.latest = found
		}
		if !cs.again {
			cs.running = false
			cs.mu.Unlock()
			return
		}
		cs.again = false
		cs.mu.Unlock()
	}
}

// findCopies groups the live articles by their signatures.
func (c *Corpus) findCopies() *Copies {
	c.mu.RLock()
	n := len(c.arts)
	arts, days := c.arts, c.days
	dead := append(bitset(nil), c.dead...)
	gen := c.gen
	c.body.mu.RLock()
	version := c.version + c.body.versionOf()
	sigs := make([]dedup.Signature, min(n, len(c.body.sigs)/dedup.SigBytes))
	for i := range sigs {
		copy(sigs[i][:], c.body.sigs[i*dedup.SigBytes:])
	}
	c.body.mu.RUnlock()
	c.mu.RUnlock()
	var zero dedup.Signature
	sig := func(i int) (*dedup.Signature, bool) {
		if i >= len(sigs) || sigs[i] == zero || i/64 < len(dead) && dead.has(uint32(i)) {
			return nil, false
		}
		return &sigs[i], true
	}
	before := func(a, b int) bool {
		da, db := days[a], days[b]
		switch {
		case da != db && da != 0 && db != 0:
			return da < db
		case da != db:
			return da != 0 // a dated article before an undated one
		}
		return strings.Compare(arts[a].ID, arts[b].ID) < 0
	}
	return newCopies(dedup.Group(n, sig, before), version, gen)
}

// newCopies makes the Copies of canon (each article's canonical).
func newCopies(canon []int32, version, gen uint64) *Copies {
	cp := &Copies{canon: canon, size: make([]int32, len(canon)), version: version, gen: gen}
	for _, k := range cp.canon {
		cp.size[k]++
	}
	cp.members = make(map[int32][]int32)
	for n, k := range cp.canon {
		if cp.size[k] > 1 {
			cp.members[k] = append(cp.members[k], int32(n))
		}
	}
	return cp
}

// Collapse returns the result with one row for each group of copies: the
// first of the group in the result's order. A Copies of another
// numbering than the result's leaves it as it is.
func (r Result) Collapse(cp *Copies) Result {
	if cp == nil || cp.gen != r.gen {
		return r
	}
	seen := make(map[int32]bool)
	rows := make([]int32, 0, len(r.Rows))
	var scores []float32
	for i, n := range r.Rows {
		k, size, ok := cp.Of(n)
		if ok && size > 1 {
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		rows = append(rows, n)
		if r.Scores != nil {
			scores = append(scores, r.Scores[i])
		}
	}
	r.Rows, r.Scores = rows, scores
	r.Collapsed = true
	return r
}

// CopiesOf returns, for article n of the result, its group's canonical
// and the other articles of its group, by number.
func (r Result) CopiesOf(cp *Copies, n int32) (canon int32, others []int32) {
	if cp == nil || cp.gen != r.gen {
		return n, nil
	}
	k, size, ok := cp.Of(n)
	if !ok || size < 2 {
		return n, nil
	}
	for _, m := range cp.members[k] {
		if m != n {
			others = append(others, m)
		}
	}
	return k, others
}

// CurrentCopies returns the copies of the corpus as it is now, finding
// them first when the last found are of an earlier version (a command's
// way; the reader and the server find them in the background).
func (c *Corpus) CurrentCopies() *Copies {
	if cp := c.Copies(); cp != nil && cp.version == c.Version() {
		return cp
	}
	c.FindCopies()
	return c.Copies()
}
