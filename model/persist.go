package model

import (
	"errors"
	"io"
	"sync"

	"github.com/folio-reader/folio/dedup"
	"github.com/folio-reader/folio/internal/codec"
)

// IndexFormat is the version of what WriteIndex writes. Change it with any
// change to the encoding below: a cache of another version is rebuilt.
const IndexFormat = 10 // the history is in docs/FORMAT.md

// WriteIndex writes the whole corpus, every index included, in the form
// ReadIndex takes back: the articles and their files' identities, the
// problems, the words index, the sort keys and orders, and the body index.
// It compacts the corpus first, so numbers run 0 to n-1. An article whose
// file changed at or after racyAfter (nanoseconds since 1970) is written
// with no modification time, so the next revalidation reads it again: its
// time cannot tell a change made within the same clock tick.
//
// The word positions come last, and tail says how many bytes they took:
// most of the index, and needed only by exact phrases, so a reader may
// check them later than the rest (see CheckPositions). After them, and
// counted in tail, comes the layout: where each part starts (see
// layout), so that ReadIndex decodes the parts side by side.
func (c *Corpus) WriteIndex(w io.Writer, racyAfter int64) (tail int64, err error) {
	c.mu.Lock()
	c.compact()
	c.mu.Unlock()

	c.mu.RLock()
	defer c.mu.RUnlock()
	// The orders, side by side: one after the other they were a sixth of
	// the CPU of a cold start that writes the cache. Those by date need
	// no index (compare), so they sort while it is built.
	var sorting sync.WaitGroup
	sort := func(indexed bool) {
		for k := range numSortKeys {
			if k.needsIndex() == indexed {
				sorting.Go(func() { c.sorted(k) })
			}
		}
	}
	sort(false)
	c.catchUp()
	c.indexMu.RLock()
	sort(true)
	sorting.Wait()
	c.indexMu.RUnlock()
	c.indexMu.RLock()
	defer c.indexMu.RUnlock()
	c.body.mu.RLock()
	defer c.body.mu.RUnlock()
	if c.nDead > 0 {
		return 0, errors.New("write index: bodies are being indexed")
	}

	e := codec.NewEncoder(w, 1<<20)
	var at layout
	strs := newStrTable()
	for _, a := range c.arts {
		for _, s := range []string{a.Category1, a.Category2, a.Author, a.AuthorTitle, a.AuthorDescription} {
			strs.add(s)
		}
		for _, f := range a.Extra {
			strs.add(f.Key)
		}
	}
	for i := range c.arts {
		strs.add(c.keys.author[i])
		strs.add(c.keys.category[i])
	}
	e.Strings(strs.list)
	e.Uint(uint64(len(c.arts)))
	for i, a := range c.arts {
		if i%artsRun == 0 {
			at.arts = append(at.arts, e.Offset())
		}
		e.Str(a.ID)
		e.Str(a.Title)
		for _, s := range []string{a.Category1, a.Category2, a.Author, a.AuthorTitle, a.AuthorDescription} {
			e.Uint(strs.ids[s])
		}
		e.Uint(uint64(c.days[i]))
		e.Uint(uint64(len(a.Extra)))
		for _, f := range a.Extra {
			e.Uint(strs.ids[f.Key])
			e.Str(f.Value)
		}
		e.Uint(uint64(a.Words))
		e.Int(a.Size)
		e.U64(a.Hash)
		mtime := a.File.ModTime
		if mtime >= racyAfter {
			mtime = 0
		}
		e.Int(a.File.Size)
		e.Int(mtime)
		e.Uint(a.File.Dev)
		e.Uint(a.File.Ino)
	}
	// A problem with no path is about the program (its cache, say), not
	// a file: it is not kept.
	var probs []Problem
	for _, p := range c.problems {
		if p.Path != "" {
			probs = append(probs, p)
		}
	}
	at.problems = e.Offset()
	e.Uint(uint64(len(probs)))
	for _, p := range probs {
		e.Str(p.Path)
		e.Str(p.Reason)
		e.Uint(uint64(p.Severity))
	}
	e.Int(int64(c.elapsed))
	at.words = e.Offset()
	c.index.appendTo(e)
	at.keys = e.Offset()
	// The titles' keys are made again from the words index (titleKeys).
	for i := range c.arts {
		e.Uint(strs.ids[c.keys.author[i]])
		e.Uint(strs.ids[c.keys.category[i]])
	}
	at.orders = e.Offset()
	var perms [numSortKeys][]int32 // a query may store a longer order meanwhile (sorted): orderMu guards the map
	c.orderMu.Lock()
	for k := range numSortKeys {
		perms[k] = c.orders[k].perm
	}
	c.orderMu.Unlock()
	for _, perm := range perms {
		e.Ints(perm)
	}
	at.body = e.Offset()
	var canon []int32
	if cp := c.Copies(); cp != nil && cp.gen == c.gen && len(cp.canon) == len(c.arts) {
		canon = cp.canon
	}
	tail = c.body.appendTo(e, canon)
	at.end = e.Offset()
	tail += at.appendTo(e)
	return tail, e.Flush()
}

// appendTo writes the words index; decode reads it back.
func (x *metaIndex) appendTo(e *codec.Encoder) {
	sorted := x.order()
	rank := make([]uint32, len(sorted)) // old id → position in sorted order
	words := make([]string, len(sorted))
	for r, id := range sorted {
		rank[id] = uint32(r)
		words[r] = x.words[id]
	}
	e.Strings(words)
	for s := range x.postings {
		for _, id := range sorted {
			e.Deltas(x.postings[s][id])
		}
		e.Uint(uint64(len(x.fwd[s])))
		for _, id := range x.fwd[s] {
			if id == fieldEnd {
				e.Uint(0)
			} else {
				e.Uint(uint64(rank[id]) + 1)
			}
		}
		start := x.start[s]
		for n := 1; n < len(start); n++ {
			e.Uint(uint64(start[n] - start[n-1]))
		}
	}
}

// appendTo writes the body index: its words in order, then every word's
// postings in one block, so that decode can leave them where they lie.
func (x *bodyIndex) appendTo(e *codec.Encoder, canon []int32) (tail int64) {
	sorted := x.order()
	words := make([]string, len(sorted))
	total := 0
	for r, id := range sorted {
		words[r] = x.words[id]
		total += len(x.post[id])
	}
	e.Uint(uint64(x.covered))
	e.Bool(x.ready)
	e.Uint(uint64(x.pairs))
	// For the vocabulary's bound: the word occurrences it refused.
	e.Int(x.bound.refused)
	e.Strings(words)
	for _, id := range sorted {
		e.Uint(uint64(len(x.post[id])))
		e.Int(int64(x.prev[id]))
	}
	e.Uint(uint64(total))
	for _, id := range sorted {
		e.Bytes(x.post[id])
	}
	// For ranking: body lengths, and every word's number of articles.
	e.Uint(uint64(len(x.lens)))
	for _, l := range x.lens {
		e.Uint(uint64(l))
	}
	for _, id := range sorted {
		e.Uint(uint64(x.df[id]))
	}
	// For copies: every article's signature, as it lies.
	e.Uint(uint64(len(x.sigs) / dedup.SigBytes))
	e.Bytes(x.sigs[:len(x.sigs)/dedup.SigBytes*dedup.SigBytes])
	// The groups of copies found, each article's canonical as a distance
	// (none when they are not current).
	e.Uint(uint64(len(canon)))
	for n, k := range canon {
		e.Int(int64(k) - int64(n))
	}
	return x.pos.appendTo(e, sorted)
}

// appendTo writes the positions: whether there are any, the segments of
// every word (in the order of sorted), then the positions file itself,
// copied: the last bytes, tail of them.
func (p *positions) appendTo(e *codec.Encoder, sorted []uint32) (tail int64) {
	// No positions at all (no body indexed yet, as after `folio stats`)
	// is not positions missing: written as broken, every phrase of every
	// later start was checked against the text, a hundred times slower.
	e.Bool(!p.broken)
	if p.broken {
		return 0
	}
	e.Uint(uint64(p.seq))
	for _, id := range sorted {
		var segs []segment
		if int(id) < len(p.segs) {
			segs = p.segs[id]
		}
		e.Uint(uint64(len(segs)))
		for _, s := range segs {
			e.Uint(uint64(s.seq))
			e.Uint(uint64(s.n))
			e.Uint(uint64(s.off))
			e.Uint(uint64(s.pstart))
			e.Uint(uint64(s.pend - s.pstart))
			e.Uint(uint64(s.base))
		}
	}
	e.Uint(uint64(p.end))
	if p.end > 0 {
		e.CopyFrom(io.NewSectionReader(p.src, 0, p.end))
	}
	return p.end
}

// strTable numbers repeated strings (bylines, categories) so each is
// written once.
type strTable struct {
	ids  map[string]uint64
	list []string
}

func newStrTable() *strTable { return &strTable{ids: map[string]uint64{}} }

func (t *strTable) add(s string) {
	if _, ok := t.ids[s]; !ok {
		t.ids[s] = uint64(len(t.list))
		t.list = append(t.list, s)
	}
}
