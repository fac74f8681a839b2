package model

import (
	"bufio"
	"errors"
	"io"
	"sync"

	"github.com/folio-reader/folio/dedup"
)

// IndexFormat is the version of what WriteIndex writes. Change it with any
// change to the encoding below: a cache of another version is rebuilt.
const IndexFormat = 9 // the history is in docs/FORMAT.md

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

	out := &countingWriter{w: w}
	e := &encoder{w: bufio.NewWriterSize(out, 1<<20), out: out}
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
	e.strings(strs.list)
	e.uint(uint64(len(c.arts)))
	for i, a := range c.arts {
		if i%artsRun == 0 {
			at.arts = append(at.arts, e.offset())
		}
		e.str(a.ID)
		e.str(a.Title)
		for _, s := range []string{a.Category1, a.Category2, a.Author, a.AuthorTitle, a.AuthorDescription} {
			e.uint(strs.ids[s])
		}
		e.uint(uint64(c.days[i]))
		e.uint(uint64(len(a.Extra)))
		for _, f := range a.Extra {
			e.uint(strs.ids[f.Key])
			e.str(f.Value)
		}
		e.uint(uint64(a.Words))
		e.int(a.Size)
		e.u64(a.Hash)
		mtime := a.File.ModTime
		if mtime >= racyAfter {
			mtime = 0
		}
		e.int(a.File.Size)
		e.int(mtime)
		e.uint(a.File.Dev)
		e.uint(a.File.Ino)
	}
	// A problem with no path is about the program (its cache, say), not
	// a file: it is not kept.
	var probs []Problem
	for _, p := range c.problems {
		if p.Path != "" {
			probs = append(probs, p)
		}
	}
	at.problems = e.offset()
	e.uint(uint64(len(probs)))
	for _, p := range probs {
		e.str(p.Path)
		e.str(p.Reason)
		e.uint(uint64(p.Severity))
	}
	e.int(int64(c.elapsed))
	at.words = e.offset()
	c.index.appendTo(e)
	at.keys = e.offset()
	for i := range c.arts {
		e.str(c.keys.title[i])
		e.uint(strs.ids[c.keys.author[i]])
		e.uint(strs.ids[c.keys.category[i]])
	}
	at.orders = e.offset()
	var perms [numSortKeys][]int32 // a query may store a longer order meanwhile (sorted): orderMu guards the map
	c.orderMu.Lock()
	for k := range numSortKeys {
		perms[k] = c.orders[k].perm
	}
	c.orderMu.Unlock()
	for _, perm := range perms {
		e.ints(perm)
	}
	at.body = e.offset()
	var canon []int32
	if cp := c.Copies(); cp != nil && cp.gen == c.gen && len(cp.canon) == len(c.arts) {
		canon = cp.canon
	}
	tail = c.body.appendTo(e, canon)
	at.end = e.offset()
	tail += at.appendTo(e)
	e.flush()
	return tail, e.err
}

// appendTo writes the words index; decode reads it back.
func (x *metaIndex) appendTo(e *encoder) {
	sorted := x.order()
	rank := make([]uint32, len(sorted)) // old id → position in sorted order
	words := make([]string, len(sorted))
	for r, id := range sorted {
		rank[id] = uint32(r)
		words[r] = x.words[id]
	}
	e.strings(words)
	for s := range x.postings {
		for _, id := range sorted {
			e.deltas(x.postings[s][id])
		}
		e.uint(uint64(len(x.fwd[s])))
		for _, id := range x.fwd[s] {
			if id == fieldEnd {
				e.uint(0)
			} else {
				e.uint(uint64(rank[id]) + 1)
			}
		}
		start := x.start[s]
		for n := 1; n < len(start); n++ {
			e.uint(uint64(start[n] - start[n-1]))
		}
	}
}

// appendTo writes the body index: its words in order, then every word's
// postings in one block, so that decode can leave them where they lie.
func (x *bodyIndex) appendTo(e *encoder, canon []int32) (tail int64) {
	sorted := x.order()
	words := make([]string, len(sorted))
	total := 0
	for r, id := range sorted {
		words[r] = x.words[id]
		total += len(x.post[id])
	}
	e.uint(uint64(x.covered))
	e.bool(x.ready)
	e.uint(uint64(x.pairs))
	// For the vocabulary's bound: the word occurrences it refused.
	e.int(x.bound.refused)
	e.strings(words)
	for _, id := range sorted {
		e.uint(uint64(len(x.post[id])))
		e.int(int64(x.prev[id]))
	}
	e.uint(uint64(total))
	for _, id := range sorted {
		e.bytes(x.post[id])
	}
	// For ranking: body lengths, and every word's number of articles.
	e.uint(uint64(len(x.lens)))
	for _, l := range x.lens {
		e.uint(uint64(l))
	}
	for _, id := range sorted {
		e.uint(uint64(x.df[id]))
	}
	// For copies: every article's signature, as it lies.
	e.uint(uint64(len(x.sigs) / dedup.SigBytes))
	e.bytes(x.sigs[:len(x.sigs)/dedup.SigBytes*dedup.SigBytes])
	// The groups of copies found, each article's canonical as a distance
	// (none when they are not current).
	e.uint(uint64(len(canon)))
	for n, k := range canon {
		e.int(int64(k) - int64(n))
	}
	return x.pos.appendTo(e, sorted)
}

// appendTo writes the positions: whether there are any, the segments of
// every word (in the order of sorted), then the positions file itself,
// copied: the last bytes, tail of them.
func (p *positions) appendTo(e *encoder, sorted []uint32) (tail int64) {
	ok := !p.broken && p.src != nil
	e.bool(ok)
	if !ok {
		return 0
	}
	e.uint(uint64(p.seq))
	for _, id := range sorted {
		var segs []segment
		if int(id) < len(p.segs) {
			segs = p.segs[id]
		}
		e.uint(uint64(len(segs)))
		for _, s := range segs {
			e.uint(uint64(s.seq))
			e.uint(uint64(s.n))
			e.uint(uint64(s.off))
			e.uint(uint64(s.pstart))
			e.uint(uint64(s.pend - s.pstart))
			e.uint(uint64(s.base))
		}
	}
	e.uint(uint64(p.end))
	if e.err == nil {
		_, e.err = io.Copy(e.w, io.NewSectionReader(p.src, 0, p.end))
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
