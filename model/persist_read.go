package model

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/folio-reader/folio/dedup"
	"github.com/folio-reader/folio/internal/codec"
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
	part := func(from, to int64) *codec.Decoder { // readLayout saw the offsets climb
		return codec.NewDecoder(data, int(from), int(to))
	}
	c := NewCorpus(open)
	first := at.problems
	if len(at.arts) > 0 {
		first = at.arts[0]
	}
	d := part(0, first)
	strs := d.Strings()
	// The article count, checked as count checks one: each article takes
	// at least 16 bytes of data (the part ends right after the count).
	v := d.Uint()
	if v > uint64(len(data)/16) {
		d.Fail("length out of range")
	}
	if err := d.Finish(); err != nil {
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
	c.keys.author = make([]string, n)
	c.keys.category = make([]string, n)

	// The parts go to as many goroutines as there are cores, in the order
	// they are given: the words index, the longest part, first; then the
	// runs of articles, since the map of IDs waits for them all. Each part
	// keeps its own error, so the first in that order is said, whichever
	// failed first; a part that panics fails with the panic.
	var runs sync.WaitGroup
	runs.Add(len(at.arts))
	var forwardRead func() error
	var kept int
	parts := []func() error{func() error {
		d := part(at.words, at.keys)
		c.index, forwardRead = c.index.decode(d, n, func(x *metaIndex) { c.keys.title = x.titleKeys() })
		return d.Finish()
	}}
	runErrs := make([]error, len(at.arts))
	for j, from := range at.arts {
		to := at.problems
		if j+1 < len(at.arts) {
			to = at.arts[j+1]
		}
		parts = append(parts, func() error {
			defer runs.Done()
			runErrs[j] = noPanic(func() error {
				return c.decodeArticles(part(from, to), arts, j*artsRun, min(n, (j+1)*artsRun), strs)
			})
			return runErrs[j]
		})
	}
	parts = append(parts, func() error {
		d := part(at.body, at.end)
		c.body.decode(d, n)
		kept = d.Kept()
		return d.Finish()
	}, func() error {
		d := part(at.keys, at.orders)
		for i := range n {
			c.keys.author[i] = c.keys.intern(d.Ref(strs))
			c.keys.category[i] = c.keys.intern(d.Ref(strs))
		}
		return d.Finish()
	}, func() error {
		// The map from IDs to numbers, once the articles are in: at a
		// million articles it alone was a third of the decoding.
		runs.Wait()
		if errors.Join(runErrs...) != nil {
			return nil // said by the run
		}
		return c.mapIDs()
	}, func() error {
		d := part(at.orders, at.body)
		for k := range numSortKeys {
			perm := d.Ints(n)
			if len(perm) != n {
				d.Fail("a sort order is not a permutation")
			}
			c.orders[k] = order{perm: perm, upto: n}
		}
		return d.Finish()
	}, func() error {
		return c.decodeProblems(part(at.problems, at.words))
	})
	errs := make([]error, len(parts))
	var g errgroup.Group
	g.SetLimit(max(1, runtime.GOMAXPROCS(0)))
	for i, decode := range parts {
		g.Go(func() error {
			errs[i] = noPanic(decode)
			return nil
		})
	}
	g.Wait()
	if forwardRead != nil { // waited for always: it reads data
		if err := forwardRead(); errs[0] == nil {
			errs[0] = err
		}
	}
	for _, err := range errs {
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

// noPanic is decode, a panic in it an error: no bytes of a cache may end
// the process, whatever a bug does with them.
func noPanic(decode func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			text := fmt.Sprint(r)
			if len(text) > 200 { // a value made of the cache's bytes could be as long
				text = strings.ToValidUTF8(text[:200], "")
			}
			err = fmt.Errorf("read index: failed (a bug; please report it): %s", text)
		}
	}()
	return decode()
}

// decodeArticles reads articles from to to into arts (and the corpus's
// lists), from one run of the layout.
func (c *Corpus) decodeArticles(d *codec.Decoder, arts []Article, from, to int, strs []string) error {
	for i := from; i < to; i++ {
		a := &arts[i]
		a.ID, a.Title = d.Str(), d.Str()
		a.Category1, a.Category2, a.Author, a.AuthorTitle, a.AuthorDescription = d.Ref(strs), d.Ref(strs), d.Ref(strs), d.Ref(strs), d.Ref(strs)
		day := d.Uint()
		if day > math.MaxInt32 {
			d.Fail("date out of range")
		}
		c.days[i] = int32(day)
		a.Published = dayTime(int32(day))
		if k := d.Count(2); k > 0 {
			a.Extra = make([]Field, k)
			for j := range a.Extra {
				a.Extra[j] = Field{Key: d.Ref(strs), Value: d.Str()}
			}
		}
		a.Words = int(d.Uint() & math.MaxInt32)
		a.Size = d.Int()
		a.Hash = d.U64()
		a.File = Identity{Size: d.Int(), ModTime: d.Int(), Dev: d.Uint(), Ino: d.Uint()}
		if d.Err() != nil {
			return d.Err()
		}
		c.arts[i] = a
	}
	return d.Finish()
}

// decodeProblems reads the problems and the time the load took.
func (c *Corpus) decodeProblems(d *codec.Decoder) error {
	for range d.Count(3) {
		p := Problem{Path: d.Str(), Reason: d.Str(), Severity: Severity(d.Uint() & 1)}
		c.problems = append(c.problems, p)
		c.probs[p.Path]++
		if p.Severity == Skipped {
			c.skipped++
		}
	}
	c.elapsed = time.Duration(d.Int())
	return d.Finish()
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
// read too (or says why it is not), and then has run on it.
func (x *metaIndex) decode(d *codec.Decoder, n int, then func(*metaIndex)) (_ *metaIndex, wait func() error) {
	none := func() error { return nil }
	words := d.Strings()
	if !sortedStrings(words) {
		d.Fail("words index not in order")
		return x, none
	}
	y := &metaIndex{vocab: sortedVocab(words)}
	var fwd [nScopes]forward
	var slab []uint32 // the postings, a few large allocations rather than one a word
	for s := range y.postings {
		y.postings[s] = make([][]uint32, len(words))
		for id := range words {
			y.postings[s][id], slab = d.DeltasInto(n, slab)
		}
		// The forward index is only stepped over here, and decoded on
		// another core (see decodeForward).
		k := d.Count(1)
		b, ok := d.SkipUvarints(k + n)
		if !ok {
			d.Fail("forward index cut short")
		}
		if d.Err() != nil {
			return x, none
		}
		fwd[s] = forward{k: k, b: b}
	}
	done := make(chan error, 1)
	go func() {
		err := y.decodeForward(fwd, n, len(words))
		if err == nil {
			then(y)
		}
		done <- err
	}()
	return y, func() error { return <-done }
}

// titleKeys makes the titles' sort keys again from the forward index, as
// prepare makes them: each word followed by a space, then a newline. They
// were a twentieth of the index cache, and take some 10 ms at 100k
// articles, beside the rest of the decoding.
func (x *metaIndex) titleKeys() []string {
	fwd, start := x.fwd[0], x.start[0]
	size := 0
	for _, id := range fwd {
		if id == fieldEnd {
			size++
		} else {
			size += len(x.words[id]) + 1
		}
	}
	b := make([]byte, 0, size)
	ends := make([]int, len(start)-1)
	for n := range ends {
		for _, id := range fwd[start[n]:start[n+1]] {
			if id == fieldEnd {
				b = append(b, '\n')
			} else {
				b = append(append(b, x.words[id]...), ' ')
			}
		}
		ends[n] = len(b)
	}
	all := string(b) // one string, its keys slices of it
	keys := make([]string, len(ends))
	from := 0
	for n, end := range ends {
		keys[n] = all[from:end]
		from = end
	}
	return keys
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
		d := codec.NewDecoder(f.b, 0, len(f.b))
		fwd := make([]uint32, f.k)
		for i := range fwd {
			v := d.Uint()
			switch {
			case v == 0:
				fwd[i] = fieldEnd
			case v > uint64(words):
				d.Fail("word number out of range")
			default:
				fwd[i] = uint32(v - 1)
			}
		}
		start := make([]uint32, n+1)
		for i := 1; i <= n; i++ {
			start[i] = start[i-1] + uint32(d.Uint()&math.MaxUint32)
			if int(start[i]) > len(fwd) {
				d.Fail("forward index out of range")
				break
			}
		}
		if d.Err() != nil {
			return d.Err()
		}
		x.fwd[s], x.start[s] = fwd, start
	}
	return nil
}

// decode reads the positions of the words whose postings are post.
func (p *positions) decode(d *codec.Decoder, post [][]byte) {
	if !d.Bool() {
		p.broken = true // phrases are checked against the text
		return
	}
	p.seq = uint32(d.Uint())
	p.segs = make([][]segment, len(post))
	var last uint64    // the furthest a segment reaches
	var slab []segment // the segments (see codec.Carve)
	for id := range post {
		k := d.Count(6)
		var room []segment
		room, slab = codec.Carve(slab, k, 16<<10)
		segs := room[:0]
		for range k {
			seq, n, off := d.Uint(), d.Uint(), d.Uint()
			pstart, plen, base := d.Uint(), d.Uint(), d.Uint()
			if seq >= uint64(p.seq) || len(segs) > 0 && uint32(seq) <= segs[len(segs)-1].seq {
				d.Fail("position segments out of order")
				return
			}
			// A segment covers some postings, after the previous one's.
			if plen == 0 || pstart > uint64(len(post[id])) || plen > uint64(len(post[id]))-pstart || len(segs) > 0 && pstart < uint64(segs[len(segs)-1].pend) ||
				n > math.MaxUint32 || off > math.MaxInt64 || base > math.MaxInt32 {
				d.Fail("position segment out of range")
				return
			}
			segs = append(segs, segment{seq: uint32(seq), n: uint32(n), off: int64(off),
				pstart: uint32(pstart), pend: uint32(pstart + plen), base: int32(base)})
			last = max(last, off+n)
		}
		p.segs[id] = segs
	}
	end := d.Count(1)
	if last > uint64(end) {
		d.Fail("position segment past the end")
		return
	}
	data := d.Keep(end)
	if d.Err() != nil {
		return
	}
	p.end = int64(end)
	p.src = bytes.NewReader(data)
}

func (x *bodyIndex) decode(d *codec.Decoder, n int) {
	covered := d.Uint()
	if covered > uint64(n) {
		d.Fail("body index covers more than the articles")
	}
	x.covered = int(covered)
	x.ready = d.Bool()
	x.pairs = int(d.Uint() & math.MaxInt32)
	x.bound.refused = d.Int()
	if x.bound.refused < 0 {
		d.Fail("refused body words out of range")
		return
	}
	words := d.Strings()
	if !sortedStrings(words) {
		d.Fail("body words not in order")
		return
	}
	x.vocab = sortedVocab(words)
	lens := make([]int, len(words))
	x.prev = make([]int32, len(words))
	sum := 0
	for i := range words {
		lens[i] = d.Count(1)
		p := d.Int()
		if p < 0 || p >= int64(max(n, 1)) {
			d.Fail("body posting out of range")
			return
		}
		x.prev[i] = int32(p)
		sum += lens[i]
	}
	if d.Count(1) != sum {
		d.Fail("body postings do not add up")
		return
	}
	blob := d.Keep(sum)
	if d.Err() != nil {
		return
	}
	x.post = make([][]byte, len(words))
	at := 0
	for i, l := range lens {
		// Capped at their length: appending copies, never writes into data.
		x.post[i] = blob[at : at+l : at+l]
		at += l
	}
	nl := d.Count(1)
	if nl > n {
		d.Fail("body lengths for more than the articles")
		return
	}
	x.lens = make([]uint32, nl)
	for i := range x.lens {
		l := d.Uint()
		if l > math.MaxUint32 {
			d.Fail("body length out of range")
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
		x.df[i] = uint32(d.Uint() & math.MaxUint32)
	}
	ns := d.Count(dedup.SigBytes)
	if ns > n {
		d.Fail("signatures for more than the articles")
		return
	}
	sigs := d.Keep(ns * dedup.SigBytes)
	x.sigs, x.sigsRO = sigs, true
	nc := d.Count(1)
	if nc != 0 && nc != n {
		d.Fail("copies for another number of articles")
		return
	}
	x.canonRead = make([]int32, nc)
	for i := range x.canonRead {
		k := int64(i) + d.Int()
		if k < 0 || k >= int64(n) {
			d.Fail("a copy's canonical out of range")
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
