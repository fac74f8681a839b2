package model

import (
	"encoding/binary"
	"unicode/utf8"
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
	limit := int32(len(dst) * 64)
	for _, id := range ids {
		// eachPosting, inline: this loop runs for every keystroke.
		n := int32(0)
		for p := x.post[id]; len(p) > 0; {
			var v int64
			if p[0] < 0x80 {
				v, p = int64(p[0]>>1)^-int64(p[0]&1), p[1:]
			} else {
				var k int
				v, k = binary.Varint(p)
				p = p[k:]
			}
			n += int32(v >> 1)
			if v&1 != 0 {
				_, k := binary.Uvarint(p)
				p = p[k:]
			}
			if n >= 0 && n < limit {
				dst.set(uint32(n))
			}
		}
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
