package model

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/folio-reader/folio/dedup"
	"io"
	"math"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// IndexFormat is the version of what WriteIndex writes. Change it with any
// change to the encoding below: a cache of another version is rebuilt.
const IndexFormat = 7 // the history is in docs/FORMAT.md

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
	tail = c.body.appendTo(e)
	at.end = e.offset()
	tail += at.appendTo(e)
	e.flush()
	return tail, e.err
}

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

// appendTo writes the body index: its words in order, then every word's
// postings in one block, so that decode can leave them where they lie.
func (x *bodyIndex) appendTo(e *encoder) (tail int64) {
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

// encoder writes varints and strings, keeping the first error.
type encoder struct {
	w   *bufio.Writer
	out *countingWriter // under w
	buf [binary.MaxVarintLen64]byte
	err error
}

// offset is how many bytes the encoder has written.
func (e *encoder) offset() int64 { return e.out.n + int64(e.w.Buffered()) }

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	k, err := c.w.Write(p)
	c.n += int64(k)
	return k, err
}

func (e *encoder) uint(v uint64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendUvarint(e.buf[:0], v))
	}
}

func (e *encoder) int(v int64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendVarint(e.buf[:0], v))
	}
}

func (e *encoder) u64(v uint64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.LittleEndian.AppendUint64(e.buf[:0], v))
	}
}

func (e *encoder) bool(b bool) {
	v := uint64(0)
	if b {
		v = 1
	}
	e.uint(v)
}

func (e *encoder) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// strings writes a list as its lengths, then its bytes in one run, so that
// it is read back as one string cut in pieces.
func (e *encoder) strings(list []string) {
	e.uint(uint64(len(list)))
	total := 0
	for _, s := range list {
		e.uint(uint64(len(s)))
		total += len(s)
	}
	e.uint(uint64(total))
	for _, s := range list {
		if e.err == nil {
			_, e.err = e.w.WriteString(s)
		}
	}
}

// ints writes numbers, deltas writes ascending numbers as differences.
func (e *encoder) ints(v []int32) {
	e.uint(uint64(len(v)))
	for _, x := range v {
		e.uint(uint64(uint32(x)))
	}
}

func (e *encoder) deltas(v []uint32) {
	e.uint(uint64(len(v)))
	prev := uint32(0)
	for _, x := range v {
		e.uint(uint64(x - prev))
		prev = x
	}
}

func (e *encoder) flush() {
	if e.err == nil {
		e.err = e.w.Flush()
	}
}

// decoder reads what encoder wrote, bounds-checked: past the first error
// every read returns zero.
type decoder struct {
	b     []byte
	off   int
	err   error
	arena []byte // where str copies its strings
	kept  int    // where the first bytes keep took start; len(b) when none
}

// keep is take, of bytes the corpus goes on reading where they lie.
func (d *decoder) keep(n int) []byte {
	at := d.off
	b := d.take(n)
	if b != nil && n > 0 {
		d.kept = min(d.kept, at)
	}
	return b
}

// finish is the decoder's error, or one if it did not end at its last
// byte: each part of an index must end where the next begins.
func (d *decoder) finish() error {
	if d.err == nil && d.off != len(d.b) {
		d.fail("bytes after the end")
	}
	return d.err
}

// ref reads a string by its number in strs.
func (d *decoder) ref(strs []string) string {
	i := d.uint()
	if i >= uint64(len(strs)) {
		d.fail("string number out of range")
		return ""
	}
	return strs[i]
}

func (d *decoder) fail(why string) {
	if d.err == nil {
		d.err = fmt.Errorf("read index at byte %d: %s", d.off, why)
	}
}

// uint reads a uvarint. Most of a cache's numbers (word numbers, counts,
// gaps) take one byte, and those are read inline: through binary.Uvarint
// every one, they were a third of a warm start's decoding.
func (d *decoder) uint() uint64 {
	if d.off < len(d.b) && d.err == nil {
		if c := d.b[d.off]; c < 0x80 {
			d.off++
			return uint64(c)
		}
	}
	return d.uvarint()
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Uvarint(d.b[d.off:])
	if k <= 0 {
		d.fail("bad number")
		return 0
	}
	d.off += k
	return v
}

func (d *decoder) int() int64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Varint(d.b[d.off:])
	if k <= 0 {
		d.fail("bad number")
		return 0
	}
	d.off += k
	return v
}

func (d *decoder) u64() uint64 {
	b := d.take(8)
	if d.err != nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

func (d *decoder) bool() bool { return d.uint() == 1 }

// count reads a length, checked against what is left: each item takes at
// least min bytes, so a corrupt length cannot ask for a huge allocation.
func (d *decoder) count(min int) int {
	v := d.uint()
	if v > uint64(len(d.b)-d.off)/uint64(max(min, 1)) {
		d.fail("length out of range")
		return 0
	}
	return int(v)
}

func (d *decoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.b)-d.off {
		d.fail("truncated")
		return nil
	}
	b := d.b[d.off : d.off+n]
	d.off += n
	return b
}

// arenaChunk is how much the decoder allocates at once for strings.
const arenaChunk = 256 << 10

// str copies a string into the decoder's arena: one allocation for a few
// thousand strings (a warm start decodes some 200,000), which the
// collector then marks once rather than each on its own. An arena chunk
// lives as long as any of its strings.
func (d *decoder) str() string {
	b := d.take(d.count(1))
	switch {
	case len(b) == 0:
		return ""
	case len(b) > arenaChunk/8:
		return string(b)
	case len(b) > cap(d.arena)-len(d.arena):
		d.arena = make([]byte, 0, arenaChunk)
	}
	at := len(d.arena)
	d.arena = append(d.arena, b...)
	return unsafe.String(&d.arena[at], len(b))
}

func (d *decoder) strings() []string {
	n := d.count(1)
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = d.count(1)
		total += lens[i]
	}
	if d.count(1) != total {
		d.fail("string lengths do not add up")
	}
	all := string(d.take(total))
	if d.err != nil {
		return nil
	}
	out := make([]string, n)
	at := 0
	for i, l := range lens {
		out[i] = all[at : at+l]
		at += l
	}
	return out
}

func (d *decoder) ints(limit int) []int32 {
	n := d.count(1)
	out := make([]int32, n)
	for i := range out {
		v := d.uint()
		if v >= uint64(limit) {
			d.fail("article number out of range")
			return nil
		}
		out[i] = int32(v)
	}
	return out
}

// deltasInto reads a list of ascending numbers below limit into slab
// (see carve).
func (d *decoder) deltasInto(limit int, slab []uint32) ([]uint32, []uint32) {
	n := d.count(1)
	if n == 0 {
		return nil, slab
	}
	room, slab := carve(slab, n, 64<<10)
	return d.decodeDeltas(n, limit, room), slab
}

// carve takes room for n values from the end of slab, starting a new
// slab of chunk values when it is full (a large n gets an allocation of
// its own): a few large allocations rather than one a list, which the
// collector marks once. The room is capped, so that appending to it
// copies it rather than write over the next list.
func carve[T any](slab []T, n, chunk int) (room, rest []T) {
	if n > cap(slab)-len(slab) {
		if n > chunk/8 {
			return make([]T, n), slab
		}
		slab = make([]T, 0, chunk)
	}
	at := len(slab)
	return slab[at : at+n : at+n], slab[:at+n]
}

// decodeDeltas reads n ascending numbers below limit into out; nil when
// they are not.
func (d *decoder) decodeDeltas(n, limit int, out []uint32) []uint32 {
	prev := uint64(0)
	for i := range out {
		prev += d.uint()
		if prev >= uint64(limit) || i > 0 && uint32(prev) <= out[i-1] {
			d.fail("postings out of order")
			return nil
		}
		out[i] = uint32(prev)
	}
	return out
}
