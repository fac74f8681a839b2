package model

import (
	"strings"

	"github.com/folio-reader/folio/internal/format"
)

// The body index's vocabulary grows with the text it indexes, and no
// faster than prose makes it grow. Prose brings a new word every few
// hundred words once its first thousands of articles are in; generated
// tokens (hashes, identifiers, random strings) are each a new word, and
// each word costs its string, its place in the vocabulary, its postings
// and positions, so 70 MB of them would cost gigabytes. So a word new to
// the corpus is admitted only while the vocabulary holds fewer than
//
//	VocabBase + (words of the bodies indexed) / VocabPerWord
//
// The words counted are those of the bodies as they are now (the body
// index's total): a file written again counts once, not at every reading.
// The base is for a small corpus, whose articles still bring new words
// often; past it, the words of the bodies take over, well above what prose
// needs (docs/FORMAT.md, Limits, says how far). A word refused is not
// indexed in that body (its article is still listed, and found by its
// other words and fields); words already in the vocabulary are always
// indexed. The corpus counts the occurrences refused and says so once
// among its problems (vocabProblem).
const (
	VocabBase    = 1 << 17
	VocabPerWord = 40
)

// vocabReason begins the problem that says words were refused.
const vocabReason = "the index stopped taking new words at "

// vocabBound is the bound's parameters and what it has refused. The
// parameters are the constants above but in tests.
type vocabBound struct {
	base    int
	perWord int64
	refused int64 // word occurrences refused, counted at each indexing of a body
}

func newVocabBound() vocabBound { return vocabBound{base: VocabBase, perWord: VocabPerWord} }

// room says whether a vocabulary of words words, for bodies of total
// words in all, may take another.
func (b *vocabBound) room(words int, total int64) bool {
	return int64(words) < int64(b.base)+total/b.perWord
}

// admit returns the id of a word a worker hands over, adding it to the
// vocabulary when there is room; noWord when there is none. The caller
// holds x.mu.
func (x *bodyIndex) admit(word string) uint32 {
	if id, ok := x.lookup(word); ok {
		return id
	}
	if !x.bound.room(len(x.words), x.total) {
		x.full.Store(true)
		return noWord
	}
	id, _ := x.id(word)
	x.post = append(x.post, nil)
	x.prev = append(x.prev, 0)
	x.df = append(x.df, 0)
	return id
}

// mayTake says whether a worker may add word to its dictionary while the
// vocabulary is nearly full: when the vocabulary holds it, or has room for
// it beside the worker's words not handed over yet (pending, from bodies
// of tokens words). Another worker's pending words may still take the
// room first: the word is then refused when it is handed over (admit).
func (x *bodyIndex) mayTake(word []byte, pending int, tokens int64) bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if _, ok := x.lookup(string(word)); ok {
		return true
	}
	return x.bound.room(len(x.words)+pending, x.total+tokens)
}

// noteFull records whether the vocabulary is nearly full, for the workers
// to read without the lock: whether its room is less than each worker
// gathers before it hands its new words over. The caller holds x.mu.
func (x *bodyIndex) noteFull() {
	x.full.Store(!x.bound.room(len(x.words)+x.newWords*max(len(x.workers), 1), x.total))
}

// dropBodies takes removed articles' bodies out of the totals the bound
// and ranking read: a file read again counts once, not until the next
// compaction. The caller holds c.mu, not x.mu.
func (x *bodyIndex) dropBodies(ns []uint32) {
	if len(ns) == 0 {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, n := range ns {
		if int(n) < len(x.lens) && x.lens[n] > 0 {
			x.total -= int64(x.lens[n])
			x.docs--
			x.lens[n] = 0
		}
	}
}

// vocabProblem is the corpus's problem when words were refused. The
// caller holds x.mu for reading.
func (x *bodyIndex) vocabProblem() (Problem, bool) {
	if x.bound.refused == 0 {
		return Problem{}, false
	}
	return Problem{Severity: Warning, Reason: vocabReason + format.Count(len(x.words)) +
		" words: the text holds far more distinct words than prose (generated tokens?); " +
		format.Plural(int(min(x.bound.refused, 1<<62)), "word was", "words were") + " left out"}, true
}

// isVocabProblem says whether p is the problem vocabProblem makes, which
// Problems derives and a change must not file.
func isVocabProblem(p Problem) bool {
	return p.Path == "" && strings.HasPrefix(p.Reason, vocabReason)
}

// VocabularyProblem returns the problem that says the body index refused
// words, if it did.
func (c *Corpus) VocabularyProblem() (Problem, bool) {
	c.body.mu.RLock()
	defer c.body.mu.RUnlock()
	return c.body.vocabProblem()
}
