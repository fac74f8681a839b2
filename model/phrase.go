package model

import (
	"cmp"
	"errors"
	"io"
	"slices"

	"github.com/folio-reader/folio/internal/postings"
)

// Exact phrases in bodies, from the word positions (positions.go), or
// from the text where there are none.

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
func (m *phraseMatcher) read(s segRef) (postings.RunReader, error) {
	if cap(m.buf) < int(s.n) {
		m.buf = make([]byte, s.n)
	}
	b := m.buf[:s.n]
	_, err := m.src.ReadAt(b, s.off)
	return postings.NewRunReader(s.post, s.base, b), err
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
		n, ok := r.Next()
		if !ok {
			break
		}
		if int(n) >= len(cand)*64 || !cand.has(uint32(n)) {
			continue
		}
		from := len(m.pool)
		if m.pool, ok = r.Positions(m.pool, ^uint32(0)); !ok {
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
	if r.Bad() {
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
func (m *phraseMatcher) follow(r *postings.RunReader, off uint32) bool {
	ai := 0
	for ai < len(m.arts) {
		n, ok := r.Next()
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
		ps, ok := r.Positions(m.ps[:0], starts[len(starts)-1]&^followed+off)
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
	return !r.Bad()
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
