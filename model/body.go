package model

import (
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/folio-reader/folio/dedup"
	"github.com/folio-reader/folio/internal/postings"
)

// The body index maps every folded word of the articles' bodies to the
// articles holding it. It is built after loading, in the background, by a
// loader that reads the bodies again (BodyWorker); until it is complete,
// queries match titles, bylines and categories only, and say so.
//
// A corpus of 100k articles holds some 40 million (word, article) pairs,
// so postings are kept as Rice-coded gaps between article numbers, in
// blocks (see internal/postings), some six bits each, not as 4-byte
// integers.
//
// Each posting also carries the word's count in that body, and every body's
// length in words is kept, for ranking (BM25). Where each word stands in
// each body, for exact phrases, is kept apart in a positions file (see
// positions.go), since it would more than double the memory.
type bodyIndex struct {
	mu     sync.RWMutex
	vocab           // guarded by mu
	post   [][]byte // word id → postings, see postings.AppendBlock
	prev   []int32  // word id → the last article number appended
	df     []uint32 // word id → articles with it
	lens   []uint32 // article number → words in its body; 0: not indexed
	sigs   []byte   // article number n → its text's signature, sigs[n*dedup.SigBytes:]; all zero: none
	sigsRO bool     // sigs lie in a cached index's mapping: copied before written
	// canonRead is what ReadIndex read of the groups of copies, for the
	// corpus to take once it is read.
	canonRead []int32
	total     int64       // sum of lens
	docs      int         // bodies indexed
	pending   bool        // a loader is indexing the bodies
	ready     bool        // every article loaded when indexing first began is in
	covered   int         // article numbers below this have been indexed
	runs      uint64      // indexing runs finished, for the corpus's version
	pairs     int         // (word, article) pairs, for BodyIndexSize
	bound     vocabBound  // how many words the vocabulary may hold (vocabcap.go)
	full      atomic.Bool // the vocabulary is nearly full: a worker asks before it adds a word (mayTake)

	pos      positions
	posFlush int           // positions (and two numbers per run) a worker gathers before writing them out
	newWords int           // words new to a worker it gathers before handing them over (workerNewWords)
	maxWords int           // the words a worker's dictionary may hold (maxWorkerWords)
	workers  []*BodyWorker // every worker made, to flush what they hold when indexing ends
}

func newBodyIndex() *bodyIndex {
	return &bodyIndex{vocab: newVocab(), posFlush: posFlushValues, newWords: workerNewWords, maxWords: maxWorkerWords,
		bound: newVocabBound()}
}

// maxBodyWord bounds a word: longer runs (encoded data, URLs without
// separators) are not words anyone types.
const maxBodyWord = 48

// MaxBodyWords bounds the distinct words indexed of one body, far above
// what an article holds: the words a body brings beyond it are not
// indexed, so a file of generated tokens costs no more than that.
const MaxBodyWords = 20000

// BodyWorker turns bodies into words on one goroutine, numbering them in a
// dictionary of its own, and hands them to the corpus in batches, so that
// the corpus's lock is taken once a batch and its dictionary once a new
// word.
type BodyWorker struct {
	c       *Corpus
	table   []wordSlot      // open addressing, by hash of the word
	words   []string        // local id → word
	folds   map[rune]string // non-ASCII letters folded so far
	global  []uint32        // local id → the corpus's id, for words already handed over
	seen    []int32         // local id → the Add it was last seen in
	adds    int32           // calls to Add so far
	arts    []int32         // the batch's article numbers
	lens    []uint32        // the batch's body lengths, in words
	ends    []int           // ids[ends[i-1]:ends[i]] are article i's words
	ids     []uint32        // local ids, each once per article
	tfs     []uint32        // beside ids: the word's count in the article
	tokens  int64           // the batch's words, as the bodies' lengths count them
	refused int64           // the batch's word occurrences the vocabulary had no room for
	buf     []byte

	// Signatures, for copies: every word's hash (whash, by local id), a
	// body's words' hashes in order (hashes), the batch's signatures.
	whash  []uint64
	hashes []uint64
	signer dedup.Signer
	sigs   []dedup.Signature // beside arts; all zero: none

	// Positions, for phrases. The article being added is logged as the
	// local ids of its words in order (toks) and sorted by word when it
	// ends (cnt, off, flat: a counting sort over small dense arrays, which
	// stay in cache). posRaw[id] is what is not yet written to the
	// positions file, as postings.AppendSegment takes it; they are coded when there
	// are enough (posVals), into blob, a segment per word (segs).
	toks    []uint32
	cnt     []uint32
	off     []uint32
	flat    []uint32
	posRaw  [][]uint32
	posVals int
	blob    []byte
	segs    []localSegment
	starts  []postStart // beside segs

	// The postings handed over, gathered by word (groupByWord).
	pcnt    []uint32 // local id → its postings' end in parts; 0 between hand-overs
	touched []uint32 // the local ids of the batches, in the order met
	parts   []int32  // article numbers, by word
	ptfs    []uint32 // beside parts: the counts
}

// postStart is where a segment's postings begin in the index's.
type postStart struct {
	pstart uint32
	base   int32
}

// localSegment is a segment coded in a worker's blob, not yet written.
type localSegment struct {
	word uint32 // local id
	n    uint32 // bytes
}

// NewBodyWorker returns a worker feeding the corpus's body index.
func (c *Corpus) NewBodyWorker() *BodyWorker {
	w := &BodyWorker{c: c, table: make([]wordSlot, 1<<12), folds: make(map[rune]string)}
	c.body.mu.Lock()
	c.body.workers = append(c.body.workers, w)
	c.body.noteFull() // a cached index's vocabulary may be full
	c.body.mu.Unlock()
	return w
}

// Add indexes the body of article n. Call Flush to hand the batch over;
// Add hands it over itself when it holds many new words (workerNewWords).
// A worker's articles come in ascending order. cut says that the body
// held more than MaxBodyWords distinct words, and the rest were left out.
//
// An Add that did not return (a panic, recovered by its caller) is
// forgotten: what it left in the batch lies past the last article's end.
func (w *BodyWorker) Add(n int32, body []byte) (cut bool) {
	first := 0
	if len(w.ends) > 0 {
		first = w.ends[len(w.ends)-1]
	}
	w.ids, w.tfs = w.ids[:first], w.tfs[:first]
	w.adds++
	mark := w.adds
	buf := w.buf[:0]
	pos := uint32(0)
	toks := w.toks[:0]
	word := func(b []byte) {
		w.tokens++
		if len(b) > maxBodyWord {
			// Not indexed, but it stands between its neighbours: they
			// are not a phrase.
			toks = append(toks, noWord)
			return
		}
		var id uint32
		if len(w.ids)-first < MaxBodyWords {
			id = w.lookup(b, true)
		} else if id = w.lookup(b, false); id == noWord || w.seen[id] != mark {
			// Not a word of this body yet, and no room for another.
			cut = true
			toks = append(toks, noWord)
			return
		}
		if id == noWord || int(id) < len(w.global) && w.global[id] == noWord {
			// The corpus's vocabulary had no room for it.
			w.refused++
			toks = append(toks, noWord)
			return
		}
		if w.seen[id] != mark {
			w.seen[id] = mark
			w.ids = append(w.ids, id)
			w.cnt[id] = 0
		}
		w.cnt[id]++
		toks = append(toks, id)
	}
	for i := 0; i < len(body); {
		c := body[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case asciiLower:
				// Most words are lowercase letters and digits between
				// separators: they are looked up where they lie.
				j := i + 1
				for j < len(body) && asciiClass[body[j]] == asciiLower {
					j++
				}
				if len(buf) == 0 && (j == len(body) || asciiClass[body[j]] == asciiSep) {
					word(body[i:j])
				} else {
					buf = append(buf, body[i:j]...)
				}
				i = j
				continue
			case asciiUpper:
				buf = append(buf, c+'a'-'A')
			case asciiApostrophe:
				if len(buf) > 0 && i+1 < len(body) && nextIsWord(body[i+1:]) {
					break // won't → wont, as in titles
				}
				fallthrough
			default:
				if len(buf) > 0 {
					word(buf)
					buf = buf[:0]
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		switch {
		case IsCJK(r):
			if len(buf) > 0 {
				word(buf)
			}
			word(utf8.AppendRune(buf[:0], r))
			buf = buf[:0]
		case isWordRune(r):
			buf = w.fold(buf, r)
		case isApostrophe(r) && len(buf) > 0 && i+size < len(body) && nextIsWord(body[i+size:]):
		default:
			if len(buf) > 0 {
				word(buf)
				buf = buf[:0]
			}
		}
		i += size
	}
	if len(buf) > 0 {
		word(buf)
	}
	w.buf = buf[:0]
	w.toks = toks
	pos = uint32(len(toks))
	hs := w.hashes[:0]
	for _, id := range toks {
		if id != noWord {
			hs = append(hs, w.whash[id])
		}
	}
	w.hashes = hs
	sig, _ := w.signer.Sign(hs)
	w.sigs = append(w.sigs, sig)
	// Sort the positions by word: each word's run of flat starts at off.
	at := uint32(0)
	for _, id := range w.ids[first:] {
		w.off[id] = at
		at += w.cnt[id]
	}
	if cap(w.flat) < int(at) {
		w.flat = make([]uint32, at)
	}
	flat := w.flat[:at]
	for p, id := range toks {
		if id != noWord {
			flat[w.off[id]] = uint32(p)
			w.off[id]++
		}
	}
	for _, id := range w.ids[first:] {
		tf := w.cnt[id]
		ps := flat[w.off[id]-tf : w.off[id]]
		w.tfs = append(w.tfs, tf)
		raw := w.posRaw[id]
		if tf == 1 {
			raw = append(raw, 1, ps[0]) // most words, most bodies
		} else {
			raw = append(append(raw, tf), ps...)
		}
		w.posRaw[id] = raw
		w.posVals += 1 + len(ps)
	}
	w.arts = append(w.arts, n)
	w.lens = append(w.lens, pos)
	w.ends = append(w.ends, len(w.ids))
	if len(w.words)-len(w.global) >= w.c.body.newWords {
		w.Flush()
	}
	return cut
}

// posFlushValues is how many positions (and counts) a worker gathers, 4
// bytes each, before it hands them over with their postings: each time
// makes a segment per word, and segments are kept in memory, so they
// should be few.
const posFlushValues = 4 << 20

// workerNewWords is how many words new to a worker it gathers before it
// hands its batches over, so that the corpus's vocabulary is asked about
// them (admit) before a text of generated tokens fills the worker's
// dictionary; prose reaches it only in its first articles.
const workerNewWords = 1 << 16

// maxWorkerWords bounds a worker's dictionary: past it, the dictionary is
// dropped once its words are handed over, and made again from the next
// bodies. Prose keeps far fewer words than this.
const maxWorkerWords = 1 << 19

// Flush ends a batch. The batches are handed to the corpus's body index
// when they hold enough positions or new words, and when the bodies are
// indexed: a segment covers a range of the postings, so the two go
// together.
func (w *BodyWorker) Flush() {
	x := w.c.body
	if w.posVals < x.posFlush && len(w.words)-len(w.global) < x.newWords {
		return
	}
	// Coded before the lock is taken: it is most of the work.
	w.codePositions()
	x.mu.Lock()
	w.flush(x)
	x.mu.Unlock()
}

// flush hands the batches over. The caller holds x.mu.
func (w *BodyWorker) flush(x *bodyIndex) {
	if w.posVals > 0 {
		w.codePositions()
	}
	if len(w.arts) > 0 {
		w.flushPostings(x)
	}
	if len(w.segs) > 0 {
		w.flushPositions(x)
	}
	if len(w.words) > x.maxWords {
		w.forget()
	}
}

// forget drops the worker's dictionary. Everything the worker gathered
// must be handed over.
func (w *BodyWorker) forget() {
	w.table = make([]wordSlot, 1<<12)
	w.words, w.global, w.seen, w.whash = nil, nil, nil, nil
	w.cnt, w.off, w.posRaw = nil, nil, nil
}

// flushPostings hands the batches' postings over; a word the corpus's
// vocabulary has no room for (admit) is left out, and counted.
func (w *BodyWorker) flushPostings(x *bodyIndex) {
	// The bodies' lengths first: the words they bring make room for their
	// new words.
	for i, n := range w.arts {
		for int(n) >= len(x.lens) {
			x.lens = append(x.lens, 0)
		}
		x.total += int64(w.lens[i]) - int64(x.lens[n])
		if x.lens[n] == 0 {
			x.docs++
		}
		x.lens[n] = max(w.lens[i], 1)
		if x.sigsRO {
			x.sigs, x.sigsRO = append([]byte(nil), x.sigs...), false
		}
		if need := (int(n) + 1) * dedup.SigBytes; len(x.sigs) < need {
			x.sigs = append(x.sigs, make([]byte, need-len(x.sigs))...)
		}
		copy(x.sigs[int(n)*dedup.SigBytes:], w.sigs[i][:])
	}
	x.bound.refused += w.refused
	w.tokens, w.refused = 0, 0
	for len(w.global) < len(w.words) {
		w.global = append(w.global, x.admit(w.words[len(w.global)]))
	}
	x.noteFull()
	for _, s := range w.segs {
		g := w.global[s.word]
		if g == noWord {
			w.starts = append(w.starts, postStart{})
			continue
		}
		w.starts = append(w.starts, postStart{pstart: uint32(len(x.post[g])), base: x.prev[g]})
	}
	w.groupByWord()
	from := 0
	for _, local := range w.touched {
		to := int(w.pcnt[local])
		w.pcnt[local] = 0
		arts, tfs := w.parts[from:to], w.ptfs[from:to]
		from = to
		g := w.global[local]
		if g == noWord {
			for _, tf := range tfs {
				x.bound.refused += int64(tf)
			}
			continue
		}
		x.post[g] = postings.AppendBlock(x.post[g], x.prev[g], arts, tfs)
		x.prev[g] = arts[len(arts)-1]
		x.df[g] += uint32(len(arts))
		x.pairs += len(arts)
	}
	w.arts, w.ends, w.ids, w.tfs, w.lens, w.sigs = w.arts[:0], w.ends[:0], w.ids[:0], w.tfs[:0], w.lens[:0], w.sigs[:0]
}

// groupByWord gathers the batches' postings by word, for a block each: a
// counting sort over the local ids, in the order the words were first
// met (touched). It leaves in pcnt[id] where id's postings end in parts
// and ptfs.
func (w *BodyWorker) groupByWord() {
	for len(w.pcnt) < len(w.words) {
		w.pcnt = append(w.pcnt, 0)
	}
	w.touched = w.touched[:0]
	for _, local := range w.ids {
		if w.pcnt[local] == 0 {
			w.touched = append(w.touched, local)
		}
		w.pcnt[local]++
	}
	total := uint32(0)
	for _, local := range w.touched {
		c := w.pcnt[local]
		w.pcnt[local] = total
		total += c
	}
	w.parts = slices.Grow(w.parts[:0], int(total))[:total]
	w.ptfs = slices.Grow(w.ptfs[:0], int(total))[:total]
	start := 0
	for i, n := range w.arts {
		for k, local := range w.ids[start:w.ends[i]] {
			at := w.pcnt[local]
			w.parts[at], w.ptfs[at] = n, w.tfs[start+k]
			w.pcnt[local] = at + 1
		}
		start = w.ends[i]
	}
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
//
// What the workers still hold is handed over first; they must be done.
func (c *Corpus) BodiesIndexed(upto int) {
	c.body.mu.Lock()
	for _, w := range c.body.workers {
		w.flush(c.body)
	}
	c.body.workers = nil
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
