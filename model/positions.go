package model

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
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
// phrase is matched seq by seq. A segment holds, for each article with the
// word: the article number less the previous one's (uvarint), the count,
// and the positions as uvarint deltas.
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

// flushPositions writes what the worker gathered. The caller holds x.mu.
func (w *BodyWorker) flushPositions(x *bodyIndex) {
	p := &x.pos
	for len(p.segs) < len(x.words) {
		p.segs = append(p.segs, nil)
	}
	blob := w.blob[:0]
	for local, b := range w.posBuf {
		if len(b) == 0 {
			continue
		}
		g := w.global[local]
		p.segs[g] = append(p.segs[g], segment{seq: p.seq, n: uint32(len(b)), off: p.end + int64(len(blob))})
		blob = append(blob, b...)
		w.posBuf[local] = b[:0]
		w.posLast[local] = 0
	}
	w.posBytes = 0
	p.seq++
	w.blob = blob
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

// phraseSet clears in cand every article whose body does not hold words in
// sequence, the last word as a prefix when it is long enough. cand holds
// the articles with every word somewhere. The caller holds x.mu for
// reading.
func (c *Corpus) phraseSet(cand bitset, words []string) {
	x := c.body
	if x.pos.broken || x.pos.src == nil {
		c.phraseByText(cand, words)
		return
	}
	k := len(words)
	exact := make([][]segment, k-1)
	for i, w := range words[:k-1] {
		id, ok := x.lookup(w)
		if !ok || int(id) >= len(x.pos.segs) {
			clear(cand)
			return
		}
		exact[i] = x.pos.segs[id]
	}
	var last [][]segment
	for _, id := range x.termIDs(words[k-1], true) {
		if int(id) < len(x.pos.segs) {
			last = append(last, x.pos.segs[id])
		}
	}
	found := newBitset(len(cand) * 64)
	var m phraseMatcher
	m.src, m.pos = x.pos.src, &x.pos
	next := make([]int, k-1) // per exact word, its next segment
	nextLast := make([]int, len(last))
	segs := make([]segment, k-1)
	for _, s0 := range exact[0] {
		seq := s0.seq
		ok := true
		for i := 1; i < k-1 && ok; i++ {
			j := next[i]
			for j < len(exact[i]) && exact[i][j].seq < seq {
				j++
			}
			next[i] = j
			ok = j < len(exact[i]) && exact[i][j].seq == seq
			if ok {
				segs[i] = exact[i][j]
			}
		}
		if !ok {
			continue
		}
		segs[0] = s0
		m.seq = seq
		var lastSegs []segment
		for i, l := range last {
			j := nextLast[i]
			for j < len(l) && l[j].seq < seq {
				j++
			}
			nextLast[i] = j
			if j < len(l) && l[j].seq == seq {
				lastSegs = append(lastSegs, l[j])
			}
		}
		if len(lastSegs) == 0 {
			continue
		}
		if err := m.match(cand, found, segs, lastSegs); err != nil {
			// The file failed under us: the text still answers.
			c.phraseByText(cand, words)
			return
		}
	}
	cand.and(found)
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
}

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
// other: exact[i] is word i's segment, last the segments of the words the
// last word may be.
func (m *phraseMatcher) match(cand, found bitset, exact []segment, last []segment) error {
	b, err := m.read(exact[0])
	if err != nil {
		return err
	}
	m.arts, m.start, m.pool = m.arts[:0], m.start[:0], m.pool[:0]
	r := varints{b: b}
	n := int32(0)
	for len(r.b) > 0 {
		n += int32(r.next())
		tf := r.count()
		now := m.now(n)
		keep := now >= 0 && int(now) < len(cand)*64 && cand.has(uint32(now))
		from := len(m.pool)
		p := uint32(0)
		for range tf {
			p += r.next()
			if keep {
				m.pool = append(m.pool, p)
			}
		}
		if keep {
			m.arts = append(m.arts, n)
			m.start = append(m.start, m.pool[from:len(m.pool):len(m.pool)])
		}
	}
	if r.bad {
		return errCorrupt
	}
	for i := 1; i < len(exact) && len(m.arts) > 0; i++ {
		if b, err = m.read(exact[i]); err != nil {
			return err
		}
		if !m.follow(b, uint32(i), nil) {
			return errCorrupt
		}
	}
	for _, s := range last {
		if len(m.arts) == 0 {
			break
		}
		if b, err = m.read(s); err != nil {
			return err
		}
		if !m.follow(b, uint32(len(exact)), found) {
			return errCorrupt
		}
	}
	return nil
}

// follow merges a segment of the word at offset off of the phrase with the
// articles in the running. Without found, it keeps only the starts the word
// follows; with it, it sets the articles where some start is followed and
// leaves the running as it was (the last word's segments are tried one
// after another).
func (m *phraseMatcher) follow(b []byte, off uint32, found bitset) bool {
	r := varints{b: b}
	n := int32(0)
	ai := 0
	kept := 0
	var ps []uint32
	for len(r.b) > 0 && ai < len(m.arts) {
		n += int32(r.next())
		tf := r.count()
		for ai < len(m.arts) && m.arts[ai] < n {
			ai++ // not followed by this word: out of the running
		}
		if ai == len(m.arts) || m.arts[ai] != n {
			for range tf {
				r.next()
			}
			continue
		}
		ps = ps[:0]
		p := uint32(0)
		for range tf {
			p += r.next()
			ps = append(ps, p)
		}
		starts := m.start[ai]
		out := starts[:0]
		j := 0
		for _, s := range starts {
			for j < len(ps) && ps[j] < s+off {
				j++
			}
			if j < len(ps) && ps[j] == s+off {
				if found != nil {
					found.set(uint32(m.now(n)))
					break
				}
				out = append(out, s)
			}
		}
		if found == nil && len(out) > 0 {
			m.arts[kept], m.start[kept] = n, out
			kept++
		}
		ai++
	}
	if found == nil {
		m.arts, m.start = m.arts[:kept], m.start[:kept]
	}
	return !r.bad
}

// errCorrupt: a positions segment does not decode (a damaged cache).
var errCorrupt = errors.New("positions do not decode")

// varints reads uvarints from b, checked: on a bad one it empties b and
// says so.
type varints struct {
	b   []byte
	bad bool
}

func (r *varints) next() uint32 {
	if len(r.b) > 0 && r.b[0] < 0x80 {
		v := r.b[0]
		r.b = r.b[1:]
		return uint32(v)
	}
	v, k := binary.Uvarint(r.b)
	if k <= 0 || v > 1<<32-1 {
		r.b, r.bad = nil, true
		return 0
	}
	r.b = r.b[k:]
	return uint32(v)
}

// count reads a number of values to follow, which cannot be more than the
// bytes left.
func (r *varints) count() uint32 {
	v := r.next()
	if int(v) > len(r.b) {
		r.b, r.bad = nil, true
		return 0
	}
	return v
}

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
