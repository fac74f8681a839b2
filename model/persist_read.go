package model

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/folio-reader/folio/dedup"
)

// ReadIndex makes a corpus of what WriteIndex wrote. The body index's
// postings are not copied: they stay in data, which must not change while
// the corpus lives (a read-only mapping of the cache file, say). Anything
// that does not decode is an error, never a panic.
//
// The parts are decoded side by side, where the layout says they start
// (each run of articles, the words index, the sort keys and orders, the
// body index), each by a decoder of its own that must end where the next
// part begins.
func ReadIndex(data []byte, open func(id string) (*Article, error)) (*Corpus, error) {
	at, err := readLayout(data)
	if err != nil {
		return nil, err
	}
	part := func(from, to int64) *decoder { // readLayout saw the offsets climb
		return &decoder{b: data[:to], off: int(from), kept: len(data)}
	}
	c := NewCorpus(open)
	first := at.problems
	if len(at.arts) > 0 {
		first = at.arts[0]
	}
	d := part(0, first)
	strs := d.strings()
	// The article count, checked as count checks one: each article takes
	// at least 16 bytes of data (the part ends right after the count).
	v := d.uint()
	if v > uint64(len(data)/16) {
		d.fail("length out of range")
	}
	if err := d.finish(); err != nil {
		return nil, err
	}
	n := int(v)
	if len(at.arts) != (n+artsRun-1)/artsRun {
		return nil, fmt.Errorf("read index: its layout has %d runs of articles for %d", len(at.arts), n)
	}
	c.arts = make([]*Article, n)
	c.days = make([]int32, n)
	arts := make([]Article, n)
	c.dead = newBitset(n)
	c.keys.title = make([]string, n)
	c.keys.author = make([]string, n)
	c.keys.category = make([]string, n)

	// Every part's error: the first, in the order of the parts, is said.
	runErrs := make([]error, len(at.arts))
	var problemsErr, wordsErr, keysErr, ordersErr, bodyErr, idsErr error
	// The parts go to as many workers as there are cores, in the order
	// of tasks: the runs of articles first, since the map of IDs waits
	// for them all; the words index, the longest part, on this goroutine
	// at once. Launched as goroutines of their own, the parts had run in
	// no useful order, and the words index last.
	var tasks []func()
	var runs sync.WaitGroup
	runs.Add(len(at.arts))
	for j, from := range at.arts {
		to := at.problems
		if j+1 < len(at.arts) {
			to = at.arts[j+1]
		}
		tasks = append(tasks, func() {
			defer runs.Done()
			runErrs[j] = c.decodeArticles(part(from, to), arts, j*artsRun, min(n, (j+1)*artsRun), strs)
		})
	}
	var kept int
	tasks = append(tasks, func() {
		d := part(at.body, at.end)
		c.body.decode(d, n)
		bodyErr, kept = d.finish(), d.kept
	}, func() {
		d := part(at.keys, at.orders)
		for i := range n {
			c.keys.title[i] = d.str()
			c.keys.author[i] = c.keys.intern(d.ref(strs))
			c.keys.category[i] = c.keys.intern(d.ref(strs))
		}
		keysErr = d.finish()
	}, func() {
		// The map from IDs to numbers, once the articles are in: at a
		// million articles it alone was a third of the decoding.
		runs.Wait()
		if errors.Join(runErrs...) == nil {
			idsErr = c.mapIDs()
		}
	}, func() {
		d := part(at.orders, at.body)
		for k := range numSortKeys {
			perm := d.ints(n)
			if len(perm) != n {
				d.fail("a sort order is not a permutation")
			}
			c.orders[k] = order{perm: perm, upto: n}
		}
		ordersErr = d.finish()
	}, func() {
		problemsErr = c.decodeProblems(part(at.problems, at.words))
	})
	var next atomic.Int64
	work := func() {
		for i := next.Add(1) - 1; i < int64(len(tasks)); i = next.Add(1) - 1 {
			tasks[i]()
		}
	}
	var workers sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)-1) {
		workers.Go(work)
	}
	d = part(at.words, at.keys)
	var forwardRead func() error
	c.index, forwardRead = c.index.decode(d, n)
	wordsErr = d.finish()
	work()
	workers.Wait()
	if err := forwardRead(); wordsErr == nil { // waited for always: it reads data
		wordsErr = err
	}
	for _, err := range append(runErrs, problemsErr, wordsErr, keysErr, ordersErr, bodyErr, idsErr) {
		if err != nil {
			return nil, err
		}
	}
	c.indexed = n
	c.done = true
	c.keptFrom = kept
	if canon := c.body.canonRead; len(canon) == n && n > 0 {
		c.copies.latest = newCopies(canon, c.version+c.body.versionOf(), c.gen)
	}
	c.body.canonRead = nil
	return c, nil
}

// decodeArticles reads articles from to to into arts (and the corpus's
// lists), from one run of the layout.
func (c *Corpus) decodeArticles(d *decoder, arts []Article, from, to int, strs []string) error {
	for i := from; i < to; i++ {
		a := &arts[i]
		a.ID, a.Title = d.str(), d.str()
		a.Category1, a.Category2, a.Author, a.AuthorTitle, a.AuthorDescription = d.ref(strs), d.ref(strs), d.ref(strs), d.ref(strs), d.ref(strs)
		day := d.uint()
		if day > math.MaxInt32 {
			d.fail("date out of range")
		}
		c.days[i] = int32(day)
		a.Published = dayTime(int32(day))
		if k := d.count(2); k > 0 {
			a.Extra = make([]Field, k)
			for j := range a.Extra {
				a.Extra[j] = Field{Key: d.ref(strs), Value: d.str()}
			}
		}
		a.Words = int(d.uint() & math.MaxInt32)
		a.Size = d.int()
		a.Hash = d.u64()
		a.File = Identity{Size: d.int(), ModTime: d.int(), Dev: d.uint(), Ino: d.uint()}
		if d.err != nil {
			return d.err
		}
		c.arts[i] = a
	}
	return d.finish()
}

// decodeProblems reads the problems and the time the load took.
func (c *Corpus) decodeProblems(d *decoder) error {
	for range d.count(3) {
		p := Problem{Path: d.str(), Reason: d.str(), Severity: Severity(d.uint() & 1)}
		c.problems = append(c.problems, p)
		c.probs[p.Path]++
		if p.Severity == Skipped {
			c.skipped++
		}
	}
	c.elapsed = time.Duration(d.int())
	return d.finish()
}

// mapIDs fills byID from arts, which must hold no ID twice.
func (c *Corpus) mapIDs() error {
	byID := make(map[string]uint32, len(c.arts)) // sized once: growing it was a tenth of a warm start
	for i, a := range c.arts {
		if byID[a.ID] = uint32(i); len(byID) != i+1 {
			return fmt.Errorf("read index: article %q twice", a.ID)
		}
	}
	c.byID = byID
	return nil
}

// IndexKeptFrom says, of a corpus read by ReadIndex, from which byte of
// its data it still reads in place (the body postings, the positions):
// what came before was copied, and a caller may release those pages.
func (c *Corpus) IndexKeptFrom() int { return c.keptFrom }

// decode reads the words index; wait returns once its forward index is
// read too (or says why it is not).
func (x *metaIndex) decode(d *decoder, n int) (_ *metaIndex, wait func() error) {
	none := func() error { return nil }
	words := d.strings()
	if !sortedStrings(words) {
		d.fail("words index not in order")
		return x, none
	}
	y := &metaIndex{vocab: sortedVocab(words)}
	var fwd [nScopes]forward
	var slab []uint32 // the postings, a few large allocations rather than one a word
	for s := range y.postings {
		y.postings[s] = make([][]uint32, len(words))
		for id := range words {
			y.postings[s][id], slab = d.deltasInto(n, slab)
		}
		// The forward index is only stepped over here, and decoded on
		// another core (see decodeForward).
		k := d.count(1)
		from := d.off
		if d.off = skipUvarints(d.b, from, k+n); d.off < 0 {
			d.off = from
			d.fail("forward index cut short")
		}
		if d.err != nil {
			return x, none
		}
		fwd[s] = forward{k: k, b: d.b[from:d.off]}
	}
	done := make(chan error, 1)
	go func() { done <- y.decodeForward(fwd, n, len(words)) }()
	return y, func() error { return <-done }
}

// forward is a scope's forward index as WriteIndex wrote it: k word
// numbers, then the article's starts.
type forward struct {
	k int
	b []byte
}

// decodeForward fills the forward index of every scope from what decode
// stepped over, beside the rest of the decoding: it is a large part of it.
func (x *metaIndex) decodeForward(scopes [nScopes]forward, n, words int) error {
	for s, f := range scopes {
		d := &decoder{b: f.b}
		fwd := make([]uint32, f.k)
		for i := range fwd {
			v := d.uint()
			switch {
			case v == 0:
				fwd[i] = fieldEnd
			case v > uint64(words):
				d.fail("word number out of range")
			default:
				fwd[i] = uint32(v - 1)
			}
		}
		start := make([]uint32, n+1)
		for i := 1; i <= n; i++ {
			start[i] = start[i-1] + uint32(d.uint()&math.MaxUint32)
			if int(start[i]) > len(fwd) {
				d.fail("forward index out of range")
				break
			}
		}
		if d.err != nil {
			return d.err
		}
		x.fwd[s], x.start[s] = fwd, start
	}
	return nil
}

// skipUvarints returns where the n uvarints from b[off] end, or -1 when b
// ends first. A uvarint ends at a byte below 0x80, so it counts those,
// eight bytes at a time.
func skipUvarints(b []byte, off, n int) int {
	i := off
	for ; n >= 8 && i+8 <= len(b); i += 8 {
		ends := bits.OnesCount64(^binary.LittleEndian.Uint64(b[i:]) & 0x8080808080808080)
		if ends > n {
			break
		}
		n -= ends
	}
	for ; n > 0 && i < len(b); i++ {
		if b[i] < 0x80 {
			n--
		}
	}
	if n > 0 {
		return -1
	}
	return i
}

// decode reads the positions of the words whose postings are post.
func (p *positions) decode(d *decoder, post [][]byte) {
	if !d.bool() {
		p.broken = true // phrases are checked against the text
		return
	}
	p.seq = uint32(d.uint())
	p.segs = make([][]segment, len(post))
	var last uint64    // the furthest a segment reaches
	var slab []segment // the segments (see carve)
	for id := range post {
		k := d.count(6)
		var room []segment
		room, slab = carve(slab, k, 16<<10)
		segs := room[:0]
		for range k {
			seq, n, off := d.uint(), d.uint(), d.uint()
			pstart, plen, base := d.uint(), d.uint(), d.uint()
			if seq >= uint64(p.seq) || len(segs) > 0 && uint32(seq) <= segs[len(segs)-1].seq {
				d.fail("position segments out of order")
				return
			}
			// A segment covers some postings, after the previous one's.
			if plen == 0 || pstart > uint64(len(post[id])) || plen > uint64(len(post[id]))-pstart || len(segs) > 0 && pstart < uint64(segs[len(segs)-1].pend) ||
				n > math.MaxUint32 || off > math.MaxInt64 || base > math.MaxInt32 {
				d.fail("position segment out of range")
				return
			}
			segs = append(segs, segment{seq: uint32(seq), n: uint32(n), off: int64(off),
				pstart: uint32(pstart), pend: uint32(pstart + plen), base: int32(base)})
			last = max(last, off+n)
		}
		p.segs[id] = segs
	}
	end := d.count(1)
	if last > uint64(end) {
		d.fail("position segment past the end")
		return
	}
	data := d.keep(end)
	if d.err != nil {
		return
	}
	p.end = int64(end)
	p.src = bytes.NewReader(data)
}

func (x *bodyIndex) decode(d *decoder, n int) {
	covered := d.uint()
	if covered > uint64(n) {
		d.fail("body index covers more than the articles")
	}
	x.covered = int(covered)
	x.ready = d.bool()
	x.pairs = int(d.uint() & math.MaxInt32)
	x.bound.refused = d.int()
	if x.bound.refused < 0 {
		d.fail("refused body words out of range")
		return
	}
	words := d.strings()
	if !sortedStrings(words) {
		d.fail("body words not in order")
		return
	}
	x.vocab = sortedVocab(words)
	lens := make([]int, len(words))
	x.prev = make([]int32, len(words))
	sum := 0
	for i := range words {
		lens[i] = d.count(1)
		p := d.int()
		if p < 0 || p >= int64(max(n, 1)) {
			d.fail("body posting out of range")
			return
		}
		x.prev[i] = int32(p)
		sum += lens[i]
	}
	if d.count(1) != sum {
		d.fail("body postings do not add up")
		return
	}
	blob := d.keep(sum)
	if d.err != nil {
		return
	}
	x.post = make([][]byte, len(words))
	at := 0
	for i, l := range lens {
		// Capped at their length: appending copies, never writes into data.
		x.post[i] = blob[at : at+l : at+l]
		at += l
	}
	nl := d.count(1)
	if nl > n {
		d.fail("body lengths for more than the articles")
		return
	}
	x.lens = make([]uint32, nl)
	for i := range x.lens {
		l := d.uint()
		if l > math.MaxUint32 {
			d.fail("body length out of range")
			return
		}
		x.lens[i] = uint32(l)
		x.total += int64(l)
		if l > 0 {
			x.docs++
		}
	}
	x.df = make([]uint32, len(words))
	for i := range x.df {
		x.df[i] = uint32(d.uint() & math.MaxUint32)
	}
	ns := d.count(dedup.SigBytes)
	if ns > n {
		d.fail("signatures for more than the articles")
		return
	}
	sigs := d.keep(ns * dedup.SigBytes)
	x.sigs, x.sigsRO = sigs, true
	nc := d.count(1)
	if nc != 0 && nc != n {
		d.fail("copies for another number of articles")
		return
	}
	x.canonRead = make([]int32, nc)
	for i := range x.canonRead {
		k := int64(i) + d.int()
		if k < 0 || k >= int64(n) {
			d.fail("a copy's canonical out of range")
			return
		}
		x.canonRead[i] = int32(k)
	}
	x.pos.decode(d, x.post)
}

func sortedStrings(s []string) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] >= s[i] {
			return false
		}
	}
	return true
}
