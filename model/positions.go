package model

import (
	"cmp"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"math/bits"
	"os"
	"slices"
)

// Exact phrases need to know where each word stands in each body. At 100k
// articles that is some 80 million positions, 124 MB even as varint deltas,
// which the reader's memory budget cannot hold; reading the bodies again
// for every candidate is far too slow ("type parameter" has 82k candidate
// articles). So the body indexer writes the positions to a temporary file,
// grouped by word, and a phrase query reads back only its own words'.
// Written with write(2) and read with pread(2), the file lives in the page
// cache, not in the process's memory.
//
// Each worker gathers positions for many batches (posFlushBytes) and then
// writes them as one segment per word, all numbered with the same seq: the
// segments of one seq cover the same articles, in ascending order, so a
// phrase is matched seq by seq. A segment holds a run for each article
// with the word (see appendRun).
//
// When the file cannot be made or written, or the index came from
// somewhere that kept no positions, phrases are checked against the text
// instead: slower, still exact.
//
// An index filled some other way (read from a cache) must set broken, or
// phrases would miss its articles.
type positions struct {
	file   *os.File    // where positions are written; nil until some are
	src    io.ReaderAt // where they are read: file, or a cached index's copy
	end    int64
	seq    uint32
	segs   [][]segment // word id → its segments, by seq
	broken bool        // some positions are missing: check phrases against the text
	maps   []renumbering
}

// renumbering is a compaction the file's article numbers predate: segments
// with seq below before hold numbers that remap translates (-1: removed).
type renumbering struct {
	before uint32
	remap  []int32
}

// renumber records a compaction.
func (p *positions) renumber(remap []int32) {
	if p.seq > 0 {
		p.maps = append(p.maps, renumbering{before: p.seq, remap: remap})
	}
}

// current translates article n of a segment of the given seq to today's
// number, -1 when it is gone.
func (p *positions) current(seq uint32, n int32) int32 {
	for _, m := range p.maps {
		if seq >= m.before {
			continue
		}
		if int(n) >= len(m.remap) {
			return -1
		}
		if n = m.remap[n]; n < 0 {
			return -1
		}
	}
	return n
}

type segment struct {
	seq uint32
	n   uint32 // bytes
	off int64
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

// flushPositions writes what codePositions coded. The caller holds x.mu.
func (w *BodyWorker) flushPositions(x *bodyIndex) {
	p := &x.pos
	for len(p.segs) < len(x.words) {
		p.segs = append(p.segs, nil)
	}
	blob := w.blob
	off := p.end
	for _, s := range w.segs {
		g := w.global[s.word]
		p.segs[g] = append(p.segs[g], segment{seq: p.seq, n: s.n, off: off})
		off += int64(s.n)
	}
	w.segs = w.segs[:0]
	p.seq++
	if p.broken {
		return
	}
	if p.file == nil {
		f, err := os.CreateTemp("", "folio-positions-*")
		if err != nil {
			p.broken = true
			return
		}
		// Gone from the folder at once where the system allows it (not
		// Windows): nothing is left behind, however the program ends.
		os.Remove(f.Name())
		if p.src != nil && p.end > 0 {
			// Read from a cached index: the new positions go after a copy
			// of the old, so one file holds them all.
			if _, err := io.Copy(f, io.NewSectionReader(p.src, 0, p.end)); err != nil {
				f.Close()
				p.broken = true
				return
			}
		}
		p.file, p.src = f, f
	}
	if _, err := p.file.WriteAt(blob, p.end); err != nil {
		p.broken = true
		return
	}
	p.end += int64(len(blob))
}

// A segment is a run per article. It starts with three uvarints, its runs,
// kg and lhat; the runs follow in bits (see bits.go). A run is the article
// number less the previous run's less one (the first's from -1) as a Rice
// code of parameter kg, the count of positions in Elias gamma, for a long
// run (longRun positions or more) the bits of its positions plus one in
// gamma, then each position less the previous one's less one (the first
// from 0) as a Rice code. Its parameter comes from the count and lhat, an
// estimate of the bodies' length in words: count positions spread over
// lhat words stand some lhat/(count+1) apart. The length lets a phrase step
// over the articles it does not need without decoding their positions:
// "the" has some 60 in every body.
//
// The runs' article numbers repeat the postings'; aligning the two would
// save a fifth of the positions, but compaction renumbers postings and not
// positions (see positions.renumber), so a segment stays self-contained.

// longRun is the count from which a run carries its length.
const longRun = 8

// appendSegment appends the segment of raw: for each article with the word,
// in ascending order, its number, its count of positions, and the
// positions, ascending.
func appendSegment(b []byte, raw []uint32) []byte {
	var runs, gaps, lsum uint64
	prev := int64(-1)
	for i := 0; i < len(raw); {
		n, tf := raw[i], raw[i+1]
		gaps += uint64(int64(n) - prev - 1)
		prev = int64(n)
		// The last of tf positions spread evenly stands at some
		// L·tf/(tf+1).
		lsum += (uint64(raw[i+1+int(tf)]) + 1) * uint64(tf+1) / uint64(tf)
		runs++
		i += 2 + int(tf)
	}
	if runs == 0 {
		return b
	}
	kg := riceParam(gaps, runs)
	lhat := lsum / runs
	b = binary.AppendUvarint(b, runs)
	b = binary.AppendUvarint(b, uint64(kg))
	b = binary.AppendUvarint(b, lhat)
	w := bitWriter{b: b}
	prev = -1
	for i := 0; i < len(raw); {
		n, tf := raw[i], raw[i+1]
		ps := raw[i+2 : i+2+int(tf)]
		i += 2 + int(tf)
		w.rice(uint64(int64(n)-prev-1), kg)
		prev = int64(n)
		w.gamma(uint64(tf))
		k := posParam(lhat, uint64(tf))
		if tf >= longRun {
			l, next := uint64(0), uint64(0)
			for _, p := range ps {
				l += riceLen(uint64(p)-next, k)
				next = uint64(p) + 1
			}
			w.gamma(l + 1)
		}
		next := uint64(0)
		for _, p := range ps {
			w.rice(uint64(p)-next, k)
			next = uint64(p) + 1
		}
	}
	return w.bytes()
}

// riceParam is the Rice parameter for values of the given sum and count:
// for geometric values of mean m the best is near log2(m·ln 2).
func riceParam(sum, count uint64) uint {
	k := bits.Len64(sum/count*11/16) - 1
	return uint(min(max(k, 0), 31))
}

// posParam is the Rice parameter of a run of tf positions.
func posParam(lhat, tf uint64) uint { return riceParam(lhat, tf+1) }

// segReader reads the runs of a segment, checked: on a bad one it stops and
// says so (bad).
type segReader struct {
	r       bitReader
	runs    uint64 // runs not yet read
	kg      uint
	lhat    uint64
	n       int64  // the article of the run being read
	pending uint64 // its positions not yet read
	k       uint   // their parameter
	next    uint64 // the least the next position can be
	end     uint64 // for a long run, the bits left after its positions; else 0
	bad     bool
}

func newSegReader(b []byte) segReader {
	s := segReader{n: -1}
	if len(b) == 0 {
		return s // no runs
	}
	var vs [3]uint64
	for i := range vs {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			s.bad = true
			return s
		}
		vs[i], b = v, b[k:]
	}
	s.runs, s.lhat = vs[0], vs[2]
	// A run takes two bits at least; kg and lhat no writer makes would
	// only read garbage, but bounded.
	if vs[1] > 31 || vs[2] > 1<<40 || s.runs > uint64(len(b))*4 {
		s.bad = true
		return s
	}
	s.kg = uint(vs[1])
	s.r = bitReader{b: b}
	return s
}

// nextRun moves to the next run, stepping over what is left of this one,
// and returns its article number.
func (s *segReader) nextRun() (int32, bool) {
	s.skipRest()
	if s.runs == 0 || s.bad {
		return 0, false
	}
	s.runs--
	s.n += int64(s.r.rice(s.kg)) + 1
	tf := s.r.gamma()
	s.k = posParam(s.lhat, tf)
	s.end = 0
	if tf >= longRun {
		l := s.r.gamma() - 1
		if l > s.r.left() {
			s.r.fail()
		}
		s.end = s.r.left() - l
	}
	// Every position takes a bit at least.
	if s.r.bad || s.n > math.MaxInt32 || tf > s.r.left() {
		s.bad = true
		return 0, false
	}
	s.pending, s.next = tf, 0
	return int32(s.n), true
}

// positions appends to dst the run's positions, up to the first one past
// upto (that one included); ok is false when they do not decode.
func (s *segReader) positions(dst []uint32, upto uint32) (_ []uint32, ok bool) {
	for s.pending > 0 {
		p := s.next + s.r.rice(s.k)
		s.pending--
		if s.r.bad || p > math.MaxUint32 {
			s.bad = true
			return dst, false
		}
		dst = append(dst, uint32(p))
		s.next = p + 1
		if p > uint64(upto) {
			break
		}
	}
	if s.pending == 0 && s.end > 0 && s.r.left() != s.end {
		s.bad = true // the length does not cover the positions
	}
	return dst, !s.bad
}

// skipRest steps over the run's positions not read.
func (s *segReader) skipRest() {
	switch {
	case s.pending == 0:
		return
	case s.end > 0:
		if s.r.left() < s.end {
			s.bad = true
		}
		s.r.skip(s.r.left() - s.end)
	default:
		for ; s.pending > 0 && !s.r.bad; s.pending-- {
			s.r.rice(s.k)
		}
	}
	s.pending = 0
	s.bad = s.bad || s.r.bad
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
func (c *Corpus) phraseSet(cand bitset, words []string) {
	x := c.body
	if x.pos.broken || x.pos.src == nil {
		c.phraseByText(cand, words)
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
		steps[i] = phraseStep{off: uint32(i), words: [][]segment{x.pos.segs[id]}, df: x.df[id]}
	}
	lastStep := &steps[k-1]
	lastStep.off = uint32(k - 1)
	for _, id := range x.termIDs(words[k-1], true) {
		if int(id) < len(x.pos.segs) {
			lastStep.words = append(lastStep.words, x.pos.segs[id])
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
	var m phraseMatcher
	m.src, m.pos = x.pos.src, &x.pos
	var segs [][]segment
	for _, s0 := range steps[0].words[0] {
		seq := s0.seq
		segs = segs[:0]
		ok := true
		for i := range steps {
			if segs = append(segs, steps[i].at(seq)); len(segs[i]) == 0 {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		m.seq = seq
		if err := m.match(cand, found, steps, segs); err != nil {
			// The file failed under us: the text still answers.
			c.phraseByText(cand, words)
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
	words [][]segment
	df    uint32
	next  []int // per word, its next segment
}

// at returns the step's segments numbered seq. Calls come in ascending seq.
func (s *phraseStep) at(seq uint32) []segment {
	var out []segment
	for i, w := range s.words {
		j := s.next[i]
		for j < len(w) && w[j].seq < seq {
			j++
		}
		s.next[i] = j
		if j < len(w) && w[j].seq == seq {
			out = append(out, w[j])
		}
	}
	return out
}

// phraseMatcher matches a phrase in the segments of one seq, reusing its
// buffers from seq to seq.
type phraseMatcher struct {
	src   io.ReaderAt
	pos   *positions
	seq   uint32 // of the segments being matched
	buf   []byte
	arts  []int32    // the articles still in the running, ascending
	start [][]uint32 // beside arts: where the phrase may start
	pool  []uint32
	ps    []uint32
}

// followed marks a start some word follows, while a step is merged.
const followed = 1 << 31

func (m *phraseMatcher) read(s segment) ([]byte, error) {
	if cap(m.buf) < int(s.n) {
		m.buf = make([]byte, s.n)
	}
	b := m.buf[:s.n]
	_, err := m.src.ReadAt(b, s.off)
	return b, err
}

// now is today's number of article n of the current segments.
func (m *phraseMatcher) now(n int32) int32 {
	if len(m.pos.maps) == 0 {
		return n
	}
	return m.pos.current(m.seq, n)
}

// match sets in found the candidates of one seq whose words follow each
// other: segs[i] is the segments of steps[i], the first the anchor's one.
func (m *phraseMatcher) match(cand, found bitset, steps []phraseStep, segs [][]segment) error {
	first := steps[0].off
	b, err := m.read(segs[0][0])
	if err != nil {
		return err
	}
	m.arts, m.start, m.pool = m.arts[:0], m.start[:0], m.pool[:0]
	r := newSegReader(b)
	for {
		n, ok := r.nextRun()
		if !ok {
			break
		}
		now := m.now(n)
		if now < 0 || int(now) >= len(cand)*64 || !cand.has(uint32(now)) {
			continue
		}
		from := len(m.pool)
		if m.pool, ok = r.positions(m.pool, ^uint32(0)); !ok {
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
	if r.bad {
		return errCorrupt
	}
	for i, st := range steps[1:] {
		for _, s := range segs[i+1] {
			if len(m.arts) == 0 {
				return nil
			}
			if b, err = m.read(s); err != nil {
				return err
			}
			if !m.follow(b, st.off) {
				return errCorrupt
			}
		}
		m.keepFollowed()
	}
	for _, n := range m.arts {
		found.set(uint32(m.now(n)))
	}
	return nil
}

// follow merges a segment of the word at offset off of the phrase with the
// articles in the running, marking the starts it follows.
func (m *phraseMatcher) follow(b []byte, off uint32) bool {
	r := newSegReader(b)
	ai := 0
	for ai < len(m.arts) {
		n, ok := r.nextRun()
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
		ps, ok := r.positions(m.ps[:0], starts[len(starts)-1]&^followed+off)
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
	return !r.bad
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

// phraseByText checks every candidate against its body's text.
func (c *Corpus) phraseByText(cand bitset, words []string) {
	for i := range uint32(len(cand) * 64) {
		if !cand.has(i) {
			continue
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
