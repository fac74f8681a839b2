package model

import (
	"encoding/binary"
	"sync"
	"unicode/utf8"
)

// The body index maps every folded word of the articles' bodies to the
// articles holding it. It is built after loading, in the background, by a
// loader that reads the bodies again (BodyWorker); until it is complete,
// queries match titles, bylines and categories only, and say so.
//
// A corpus of 100k articles holds some 35 million (word, article) pairs,
// so postings are kept as varint deltas between article numbers, a byte or
// two each, not as 4-byte integers.
type bodyIndex struct {
	mu      sync.RWMutex
	vocab            // guarded by mu
	post    [][]byte // word id → zigzag varint deltas of article numbers
	prev    []int32  // word id → the last article number appended
	pending bool     // a loader is indexing the bodies
	ready   bool     // every article loaded when indexing first began is in
	covered int      // article numbers below this have been indexed
	runs    uint64   // indexing runs finished, for the corpus's version
	pairs   int      // (word, article) pairs, for BodyIndexSize
}

func newBodyIndex() *bodyIndex { return &bodyIndex{vocab: newVocab()} }

// maxBodyWord bounds a word: longer runs (encoded data, URLs without
// separators) are not words anyone types.
const maxBodyWord = 48

// BodyWorker turns bodies into words on one goroutine, numbering them in a
// dictionary of its own, and hands them to the corpus in batches, so that
// the corpus's lock is taken once a batch and its dictionary once a new
// word.
type BodyWorker struct {
	c      *Corpus
	table  []uint32        // open addressing: local id + 1 by hash of the word; 0 is empty
	words  []string        // local id → word
	folds  map[rune]string // non-ASCII letters folded so far
	global []uint32        // local id → the corpus's id, for words already handed over
	seen   []int32         // local id → the Add it was last seen in
	adds   int32           // calls to Add so far
	arts   []int32         // the batch's article numbers
	ends   []int           // ids[ends[i-1]:ends[i]] are article i's words
	ids    []uint32        // local ids, each once per article
	buf    []byte
}

// NewBodyWorker returns a worker feeding the corpus's body index.
func (c *Corpus) NewBodyWorker() *BodyWorker {
	return &BodyWorker{c: c, table: make([]uint32, 1<<12), folds: make(map[rune]string)}
}

// lookup returns the local id of word, adding it when new. It runs for
// every word of every body, which made Go's map the body index's largest
// cost; a table keyed by a hash computed inline is twice as fast.
func (w *BodyWorker) lookup(word []byte) uint32 {
	h := uint64(14695981039346656037) // FNV-1a
	for _, c := range word {
		h = (h ^ uint64(c)) * 1099511628211
	}
	mask := uint64(len(w.table) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		slot := w.table[i]
		if slot == 0 {
			id := uint32(len(w.words))
			w.words = append(w.words, string(word))
			w.seen = append(w.seen, 0)
			w.table[i] = id + 1
			if len(w.words)*2 > len(w.table) {
				w.grow()
			}
			return id
		}
		if w.words[slot-1] == string(word) {
			return slot - 1
		}
	}
}

// grow doubles the table and places every word again.
func (w *BodyWorker) grow() {
	w.table = make([]uint32, 2*len(w.table))
	mask := uint64(len(w.table) - 1)
	for id, word := range w.words {
		h := uint64(14695981039346656037)
		for i := 0; i < len(word); i++ {
			h = (h ^ uint64(word[i])) * 1099511628211
		}
		i := h & mask
		for w.table[i] != 0 {
			i = (i + 1) & mask
		}
		w.table[i] = uint32(id) + 1
	}
}

// fold appends the folded form of a non-ASCII letter, remembering it.
func (w *BodyWorker) fold(dst []byte, r rune) []byte {
	f, ok := w.folds[r]
	if !ok {
		f = string(appendFold(nil, r))
		w.folds[r] = f
	}
	return append(dst, f...)
}

// Add indexes the body of article n. Call Flush to hand the batch over.
func (w *BodyWorker) Add(n int32, body []byte) {
	w.arts = append(w.arts, n)
	w.adds++
	mark := w.adds
	buf := w.buf[:0]
	word := func() {
		if len(buf) == 0 || len(buf) > maxBodyWord {
			buf = buf[:0]
			return
		}
		id := w.lookup(buf)
		if w.seen[id] != mark {
			w.seen[id] = mark
			w.ids = append(w.ids, id)
		}
		buf = buf[:0]
	}
	for i := 0; i < len(body); {
		c := body[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				buf = append(buf, c)
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			case c == '\'' && len(buf) > 0 && i+1 < len(body) && nextIsWord(body[i+1:]):
				// won't → wont, as in titles
			default:
				word()
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		switch {
		case isCJK(r):
			word()
			buf = utf8.AppendRune(buf, r)
			word()
		case isWordRune(r):
			buf = w.fold(buf, r)
		case isApostrophe(r) && len(buf) > 0 && i+size < len(body) && nextIsWord(body[i+size:]):
		default:
			word()
		}
		i += size
	}
	word()
	w.buf = buf
	w.ends = append(w.ends, len(w.ids))
}

func nextIsWord(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return isWordRune(r) && !isCJK(r)
}

// Flush hands the batch to the corpus's body index.
func (w *BodyWorker) Flush() {
	if len(w.arts) == 0 {
		return
	}
	x := w.c.body
	x.mu.Lock()
	for len(w.global) < len(w.words) {
		id, added := x.id(w.words[len(w.global)])
		if added {
			x.post = append(x.post, nil)
			x.prev = append(x.prev, 0)
		}
		w.global = append(w.global, id)
	}
	start := 0
	for i, n := range w.arts {
		for _, local := range w.ids[start:w.ends[i]] {
			g := w.global[local]
			x.post[g] = binary.AppendVarint(x.post[g], int64(n-x.prev[g]))
			x.prev[g] = n
		}
		x.pairs += w.ends[i] - start
		start = w.ends[i]
	}
	x.mu.Unlock()
	w.arts, w.ends, w.ids = w.arts[:0], w.ends[:0], w.ids[:0]
}

// StartBodies records that the bodies are about to be indexed, so that
// an interface says so (and waits for them) from its first frame.
func (c *Corpus) StartBodies() {
	c.body.mu.Lock()
	c.body.pending = true
	c.body.mu.Unlock()
}

// BodiesToIndex marks the bodies pending and returns the article numbers
// whose bodies are not indexed yet: [from, to). Until BodiesIndexed the
// corpus is never renumbered, so the numbers stay good.
func (c *Corpus) BodiesToIndex() (from, to int) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.body.mu.Lock()
	defer c.body.mu.Unlock()
	c.body.pending = true
	return c.body.covered, len(c.arts)
}

// BodiesIndexed records that the bodies of every article numbered below
// upto are in the index.
func (c *Corpus) BodiesIndexed(upto int) {
	c.body.mu.Lock()
	c.body.pending, c.body.ready = false, true
	c.body.covered = max(c.body.covered, upto)
	c.body.runs++
	c.body.mu.Unlock()
}

// BodyCoverage is the number of articles, counted from the first, whose
// bodies are indexed (or were looked at: an unreadable one is left out).
func (c *Corpus) BodyCoverage() int {
	c.body.mu.RLock()
	defer c.body.mu.RUnlock()
	return c.body.covered
}

func (x *bodyIndex) versionOf() uint64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.runs
}

// BodiesPending reports whether the bodies are being indexed.
func (c *Corpus) BodiesPending() bool {
	c.body.mu.RLock()
	defer c.body.mu.RUnlock()
	return c.body.pending
}

// BodiesReady reports whether body search is available. Articles added
// after the bodies were first indexed are searchable by their bodies once
// the next indexing run is over.
func (c *Corpus) BodiesReady() bool {
	c.body.mu.RLock()
	defer c.body.mu.RUnlock()
	return c.body.ready
}

// set sets in dst every article whose body has the word w, or with prefix
// set, a word starting with w. The caller holds x.mu for reading.
func (x *bodyIndex) set(dst bitset, w string, prefix bool) {
	ids := x.prefixed(w)
	if !prefix {
		id, ok := x.lookup(w)
		if !ok {
			return
		}
		ids = []uint32{id}
	}
	for _, id := range ids {
		n := int32(0)
		for p := x.post[id]; len(p) > 0; {
			d, k := binary.Varint(p)
			p = p[k:]
			n += int32(d)
			if n >= 0 && int(n) < len(dst)*64 {
				dst.set(uint32(n))
			}
		}
	}
}

// BodyIndexSize reports the body index's distinct words, (word, article)
// pairs, and the bytes its postings take.
func (c *Corpus) BodyIndexSize() (words, pairs int, bytes int64) {
	x := c.body
	x.mu.RLock()
	defer x.mu.RUnlock()
	for _, p := range x.post {
		bytes += int64(cap(p))
	}
	return len(x.words), x.pairs, bytes
}
