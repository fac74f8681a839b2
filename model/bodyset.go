package model

import (
	"unicode/utf8"

	"github.com/folio-reader/folio/internal/postings"
)

// The body index answering a query: the articles whose bodies hold a
// word, or one of several.

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
	x.setIDs(dst, ids)
}

// setIDs sets in dst every article whose body has one of the words ids.
// The caller holds x.mu for reading.
func (x *bodyIndex) setIDs(dst bitset, ids []uint32) {
	for _, id := range ids {
		postings.SetArticles(dst, x.post[id])
	}
}

// termIDs is the ids a body word matches: itself, or every word it starts
// when it is long enough to be taken as a prefix.
func (x *bodyIndex) termIDs(w string, prefix bool) []uint32 {
	if prefix && utf8.RuneCountInString(w) >= minBodyPrefix {
		return x.prefixed(w)
	}
	if id, ok := x.lookup(w); ok {
		return []uint32{id}
	}
	return nil
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
