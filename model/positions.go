package model

import (
	"cmp"
	"errors"
	"io"
	"os"
	"slices"
)

// Exact phrases need to know where each word stands in each body: as many
// positions as words in the corpus, more than the reader's memory budget
// can hold, and reading the bodies again for every candidate is far too
// slow (a phrase of two common words has most articles for candidates).
// So the body indexer writes the positions to a temporary file,
// grouped by word, and a phrase query reads back only its own words'.
// Written with write(2) and read with pread(2), the file lives in the page
// cache, not in the process's memory.
//
// Each worker gathers positions for many batches (posFlushValues) and then
// writes them as one segment per word, all numbered with the same seq,
// when it hands the batches' postings over: the segments of one seq cover
// the same articles, in ascending order, so a phrase is matched seq by
// seq. A segment holds a run for each of the postings it covers (see
// segment.go).
//
// When the file cannot be made or written, or the index came from
// somewhere that kept no positions, phrases are checked against the text
// instead: slower, still exact.
//
// An index filled some other way (read from a cache) must set broken, or
// phrases would miss its articles.
type positions struct {
	dir    string      // the folder the file is made in; "": the system's temporary folder
	name   string      // the file's name, for Close to remove where an open file cannot be
	file   *os.File    // where positions are written; nil until some are
	fileAt int64       // the offset of file's first byte among the positions
	src    io.ReaderAt // where they are read: file, or a cached index's copy
	end    int64
	seq    uint32
	segs   [][]segment // word id → its segments, by seq
	broken bool        // some positions are missing: check phrases against the text
}

// segment is where a word's positions for a range of its postings lie:
// n bytes at off in the file, for post[pstart:pend], whose first posting's
// delta is from article base.
type segment struct {
	seq          uint32
	n            uint32
	off          int64
	pstart, pend uint32
	base         int32
}

// codePositions codes what the worker gathered, a segment per word.
func (w *BodyWorker) codePositions() {
	blob := w.blob[:0]
	for local, raw := range w.posRaw {
		if len(raw) == 0 {
			continue
		}
		before := len(blob)
		blob = appendSegment(blob, raw)
		w.segs = append(w.segs, localSegment{word: uint32(local), n: uint32(len(blob) - before)})
		w.posRaw[local] = raw[:0]
	}
	w.blob, w.posVals = blob, 0
}

// flushPositions writes what codePositions coded, after flushPostings
// handed over the postings it covers. The caller holds x.mu.
func (w *BodyWorker) flushPositions(x *bodyIndex) {
	p := &x.pos
	for len(p.segs) < len(x.words) {
		p.segs = append(p.segs, nil)
	}
	off := p.end
	for i, s := range w.segs {
		g := w.global[s.word]
		st := w.starts[i]
		p.segs[g] = append(p.segs[g], segment{seq: p.seq, n: s.n, off: off,
			pstart: st.pstart, pend: uint32(len(x.post[g])), base: st.base})
		off += int64(s.n)
	}
	w.segs, w.starts = w.segs[:0], w.starts[:0]
	p.seq++
	p.write(w.blob)
}

// write appends blob to the file, making it first.
func (p *positions) write(blob []byte) {
	if p.broken {
		return
	}
	if p.file == nil {
		f, err := os.CreateTemp(p.dir, "folio-positions-*")
		if err != nil && p.dir != "" {
			f, err = os.CreateTemp("", "folio-positions-*")
		}
		if err != nil {
			p.broken = true
			return
		}
		// Gone from the folder at once where the system allows it (not
		// Windows, where Close removes it): nothing is left behind,
		// however the program ends.
		p.name = f.Name()
		os.Remove(p.name)
		p.file, p.fileAt = f, p.end
		if p.src != nil && p.end > 0 {
			// Read from a cached index: the old positions stay where they
			// lie, and the file holds the new ones, which come after them.
			// (Copying the old ones first made a warm start that found
			// three new files a third slower.)
			p.src = spliced{old: p.src, at: p.end, new: f}
		} else {
			p.src = f
		}
	}
	if _, err := p.file.WriteAt(blob, p.end-p.fileAt); err != nil {
		p.broken = true
		return
	}
	p.end += int64(len(blob))
}

// phraseSet clears in cand every article whose body does not hold words in
// sequence, the last word as a prefix when it is long enough. cand holds
// the articles with every word somewhere. The caller holds x.mu for
// reading.
//
// The words are matched rarest first: the rarest word's positions give
// where the phrase may start, each other word (the last one: any of the
// words it may be) keeps the starts it follows, and a common word's
// positions are decoded only in the articles still in the running, only as
// far as their last start needs.
func (c *Corpus) phraseSet(cand bitset, words []string, st *stopper) {
	x := c.body
	if x.pos.broken || x.pos.src == nil {
		c.phraseByText(cand, words, st)
		return
	}
	k := len(words)
	steps := make([]phraseStep, k)
	for i, w := range words[:k-1] {
		id, ok := x.lookup(w)
		if !ok || int(id) >= len(x.pos.segs) {
			clear(cand)
			return
		}
		steps[i] = phraseStep{off: uint32(i), words: []uint32{id}, df: x.df[id]}
	}
	lastStep := &steps[k-1]
	lastStep.off = uint32(k - 1)
	for _, id := range x.termIDs(words[k-1], true) {
		if int(id) < len(x.pos.segs) {
			lastStep.words = append(lastStep.words, id)
			lastStep.df += x.df[id]
		}
	}
	if len(lastStep.words) == 0 {
		clear(cand)
		return
	}
	// The anchor is the rarest of the exact words; the others follow,
	// rarest first.
	slices.SortStableFunc(steps[:k-1], func(a, b phraseStep) int { return cmp.Compare(a.df, b.df) })
	slices.SortStableFunc(steps[1:], func(a, b phraseStep) int { return cmp.Compare(a.df, b.df) })
	for i := range steps {
		steps[i].next = make([]int, len(steps[i].words))
	}
	found := newBitset(len(cand) * 64)
	m := phraseMatcher{src: x.pos.src}
	var segs [][]segRef
	for _, s0 := range x.pos.segs[steps[0].words[0]] {
		if st.stopped() {
			return
		}
		seq := s0.seq
		segs = segs[:0]
		ok := true
		for i := range steps {
			if segs = append(segs, steps[i].at(x, seq)); len(segs[i]) == 0 {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if err := m.match(cand, found, steps, segs); err != nil {
			// The file failed under us: the text still answers.
			c.phraseByText(cand, words, st)
			return
		}
	}
	cand.and(found)
}

// phraseStep is one word of a phrase: its offset in it, the segments of
// the words it may be (one, or the words the last one starts), and how
// many articles have them.
type phraseStep struct {
	off   uint32
	words []uint32 // word ids
	df    uint32
	next  []int // per word, its next segment
}

// segRef is a segment and the postings it covers.
type segRef struct {
	segment
	post []byte
}

// at returns the step's segments numbered seq. Calls come in ascending seq.
func (s *phraseStep) at(x *bodyIndex, seq uint32) []segRef {
	var out []segRef
	for i, id := range s.words {
		w := x.pos.segs[id]
		j := s.next[i]
		for j < len(w) && w[j].seq < seq {
			j++
		}
		s.next[i] = j
		if j < len(w) && w[j].seq == seq {
			out = append(out, segRef{w[j], x.post[id][w[j].pstart:w[j].pend]})
		}
	}
	return out
}

// phraseMatcher matches a phrase in the segments of one seq, reusing its
// buffers from seq to seq.
type phraseMatcher struct {
	src   io.ReaderAt
	buf   []byte
	arts  []int32    // the articles still in the running, ascending
	start [][]uint32 // beside arts: where the phrase may start
	pool  []uint32
	ps    []uint32
}

// followed marks a start some word follows, while a step is merged.
const followed = 1 << 31

// read returns a reader of s's runs.
func (m *phraseMatcher) read(s segRef) (runReader, error) {
	if cap(m.buf) < int(s.n) {
		m.buf = make([]byte, s.n)
	}
	b := m.buf[:s.n]
	_, err := m.src.ReadAt(b, s.off)
	return newRunReader(s.post, s.base, b), err
}

// match sets in found the candidates of one seq whose words follow each
// other: segs[i] is the segments of steps[i], the first the anchor's one.
func (m *phraseMatcher) match(cand, found bitset, steps []phraseStep, segs [][]segRef) error {
	first := steps[0].off
	r, err := m.read(segs[0][0])
	if err != nil {
		return err
	}
	m.arts, m.start, m.pool = m.arts[:0], m.start[:0], m.pool[:0]
	for {
		n, ok := r.next()
		if !ok {
			break
		}
		if int(n) >= len(cand)*64 || !cand.has(uint32(n)) {
			continue
		}
		from := len(m.pool)
		if m.pool, ok = r.seg.positions(m.pool, ^uint32(0)); !ok {
			return errCorrupt
		}
		// Where the phrase would begin for this word to stand at first.
		out := m.pool[from:from]
		for _, p := range m.pool[from:] {
			if p >= first && p-first < followed {
				out = append(out, p-first)
			}
		}
		m.pool = m.pool[:from+len(out)]
		if len(out) > 0 {
			m.arts = append(m.arts, n)
			m.start = append(m.start, out[:len(out):len(out)])
		}
	}
	if r.bad() {
		return errCorrupt
	}
	for i, st := range steps[1:] {
		for _, s := range segs[i+1] {
			if len(m.arts) == 0 {
				return nil
			}
			if r, err = m.read(s); err != nil {
				return err
			}
			if !m.follow(&r, st.off) {
				return errCorrupt
			}
		}
		m.keepFollowed()
	}
	for _, n := range m.arts {
		found.set(uint32(n))
	}
	return nil
}

// follow merges a segment of the word at offset off of the phrase with the
// articles in the running, marking the starts it follows.
func (m *phraseMatcher) follow(r *runReader, off uint32) bool {
	ai := 0
	for ai < len(m.arts) {
		n, ok := r.next()
		if !ok {
			break
		}
		for ai < len(m.arts) && m.arts[ai] < n {
			ai++
		}
		if ai == len(m.arts) || m.arts[ai] != n {
			continue
		}
		starts := m.start[ai]
		ps, ok := r.seg.positions(m.ps[:0], starts[len(starts)-1]&^followed+off)
		m.ps = ps
		if !ok {
			return false
		}
		j := 0
		for si, s := range starts {
			want := s&^followed + off
			for j < len(ps) && ps[j] < want {
				j++
			}
			if j < len(ps) && ps[j] == want {
				starts[si] |= followed
			}
		}
		ai++
	}
	return !r.bad()
}

// keepFollowed keeps in the running the starts a step marked, unmarked,
// and the articles that still have one.
func (m *phraseMatcher) keepFollowed() {
	kept := 0
	for i, starts := range m.start {
		out := starts[:0]
		for _, s := range starts {
			if s&followed != 0 {
				out = append(out, s&^followed)
			}
		}
		if len(out) > 0 {
			m.arts[kept], m.start[kept] = m.arts[i], out
			kept++
		}
	}
	m.arts, m.start = m.arts[:kept], m.start[:kept]
}

// errCorrupt: a positions segment does not decode (a damaged cache).
var errCorrupt = errors.New("positions do not decode")

// phraseByText checks every candidate against its body's text, until st
// stops.
func (c *Corpus) phraseByText(cand bitset, words []string, st *stopper) {
	for i := range uint32(len(cand) * 64) {
		if !cand.has(i) {
			continue
		}
		if st.stopped() {
			return
		}
		if int(i) >= len(c.arts) || !c.bodyHasPhrase(c.arts[i], words) {
			cand[i/64] &^= 1 << (i % 64)
		}
	}
}

func (c *Corpus) bodyHasPhrase(a *Article, words []string) bool {
	if c.open == nil && a.RawBody == "" {
		return false
	}
	full := a
	if a.RawBody == "" {
		var err error
		if full, err = c.open(a.ID); err != nil {
			return false
		}
	}
	return textHasPhrase(full.RawBody, words)
}

// textHasPhrase reports whether text holds words in sequence, as the body
// index would see it: words longer than maxBodyWord count as words, and the
// last word is a prefix when it is long enough.
func textHasPhrase(text string, words []string) bool {
	var toks []string
	tokenize(text, nil, func(w []byte, _, _ int) { toks = append(toks, string(w)) })
	return phraseIn(toks, words)
}

func phraseIn(toks, words []string) bool {
	k := len(words) - 1
	prefix := len([]rune(words[k])) >= minBodyPrefix
	for i := 0; i+k < len(toks); i++ {
		ok := true
		for j, w := range words[:k] {
			if toks[i+j] != w || len(w) > maxBodyWord {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		t := toks[i+k]
		if len(t) <= maxBodyWord && (t == words[k] || prefix && len(t) > len(words[k]) && t[:len(words[k])] == words[k]) {
			return true
		}
	}
	return false
}

// PositionBytes reports the bytes of word positions written, for
// benchmarks and the cache's size.
func (c *Corpus) PositionBytes() int64 {
	c.body.mu.RLock()
	defer c.body.mu.RUnlock()
	return c.body.pos.end
}

// spliced reads positions below at from old (a cached index's) and the
// rest from new, which holds them from its offset 0.
type spliced struct {
	old io.ReaderAt
	at  int64
	new io.ReaderAt
}

func (s spliced) ReadAt(b []byte, off int64) (int, error) {
	n := 0
	if off < s.at {
		k := int(min(int64(len(b)), s.at-off))
		m, err := s.old.ReadAt(b[:k], off)
		if n += m; err != nil {
			return n, err
		}
		b, off = b[k:], off+int64(k)
	}
	if len(b) == 0 {
		return n, nil
	}
	m, err := s.new.ReadAt(b, off-s.at)
	return n + m, err
}

// CheckPositions makes a corpus read by ReadIndex trust its word positions
// only range by range, as check (offset and length within them) passes
// each: the positions are most of an index's bytes, and needed only by
// exact phrases, so a warm start need not wait for all of them to be
// checked. A range that fails reads as an error, and phrases are then
// matched against the text, still exact.
func (c *Corpus) CheckPositions(check func(off, n int64) error) {
	c.body.mu.Lock()
	defer c.body.mu.Unlock()
	if p := &c.body.pos; p.src != nil && !p.broken {
		p.src = checkedAt{r: p.src, check: check}
	}
}

// checkedAt is a ReaderAt whose reads are checked first.
type checkedAt struct {
	r     io.ReaderAt
	check func(off, n int64) error
}

func (c checkedAt) ReadAt(b []byte, off int64) (int, error) {
	if err := c.check(off, int64(len(b))); err != nil {
		return 0, err
	}
	return c.r.ReadAt(b, off)
}

// SpillTo names the folder the word positions are written to while bodies
// are indexed: the index cache's, so they neither sit in a memory-backed
// /tmp nor leave a file in the system's temporary folder where an open
// file cannot be removed. "" (the default) is the system's temporary
// folder.
func (c *Corpus) SpillTo(dir string) {
	c.body.mu.Lock()
	defer c.body.mu.Unlock()
	c.body.pos.dir = dir
}

// Close lets go of the corpus's own files: the positions file is closed
// and removed. Phrases then match against the text.
func (c *Corpus) Close() error {
	x := c.body
	x.mu.Lock()
	defer x.mu.Unlock()
	p := &x.pos
	if p.file == nil {
		return nil
	}
	err := p.file.Close()
	if rerr := os.Remove(p.name); rerr != nil && !errors.Is(rerr, os.ErrNotExist) && err == nil {
		err = rerr
	}
	p.file, p.src, p.broken = nil, nil, true
	return err
}
