package model

import (
	"math/bits"
	"strings"
)

// The metadata index maps every folded word of titles, bylines and
// categories to the articles holding it, one postings list per scope. Words
// match as prefixes, so the vocabulary is also kept sorted; a query turns
// each term into a bitset over the corpus and combines them.

const nScopes = 3 // title, author, category: the scopes the index holds

type metaIndex struct {
	vocab
	postings [nScopes][][]uint32 // scope slot → word id → article numbers, ascending

	// The forward index: every article's words, as ids, in order, per scope
	// slot, so that phrases are checked without reading text again.
	// Article n's words are fwd[s][start[s][n]:start[s][n+1]]; fieldEnd
	// separates the two categories.
	fwd   [nScopes][]uint32
	start [nScopes][]uint32
}

const fieldEnd = ^uint32(0)

func newMetaIndex() *metaIndex {
	x := &metaIndex{vocab: newVocab()}
	for s := range x.start {
		x.start[s] = []uint32{0}
	}
	return x
}

// prepared is what the corpus derives from an article: sort keys, and the
// folded words of each scope slot, a field's words ended by "".
type prepared struct {
	title, author, category string
	words                   [nScopes][]string
}

func prepare(a *Article, scratch []byte) (prepared, []byte) {
	// Every word of the article goes into one buffer, made a string once
	// and sliced, rather than a string a word: the loader does this a
	// million times. Words are ended by a space, fields by a newline.
	all := make([]byte, 0, len(a.Title)+len(a.Author)+len(a.Category1)+len(a.Category2)+8)
	var count [nScopes]int
	for slot, fields := range [nScopes][]string{{a.Title}, {a.Author}, {a.Category1, a.Category2}} {
		for _, f := range fields {
			scratch = tokenize(f, scratch, func(w []byte, _, _ int) {
				all = append(append(all, w...), ' ')
				count[slot]++
			})
			all = append(all, '\n')
			count[slot]++
		}
	}
	text := string(all)
	var p prepared
	var keys [nScopes]string
	at := 0
	for slot, n := range count {
		start := at
		words := make([]string, 0, n)
		for range n {
			end := at + strings.IndexAny(text[at:], " \n")
			if text[end] == ' ' {
				words = append(words, text[at:end])
			} else {
				words = append(words, "")
			}
			at = end + 1
		}
		p.words[slot] = words
		// The sort key is the field's folded words as they lie in text,
		// so punctuation does not sort ("“Quoted” title" goes under Q).
		keys[slot] = text[start:at]
	}
	p.title, p.author, p.category = keys[0], keys[1], keys[2]
	return p, scratch
}

// add indexes article n's words; n must grow from call to call.
func (x *metaIndex) add(n uint32, words [nScopes][]string) {
	for slot, ws := range words {
		for _, w := range ws {
			if w == "" {
				x.fwd[slot] = append(x.fwd[slot], fieldEnd)
				continue
			}
			id, added := x.id(w)
			if added {
				for s := range x.postings {
					x.postings[s] = append(x.postings[s], nil)
				}
			}
			p := x.postings[slot][id]
			if len(p) == 0 || p[len(p)-1] != n {
				x.postings[slot][id] = append(p, n)
			}
			x.fwd[slot] = append(x.fwd[slot], id)
		}
		x.start[slot] = append(x.start[slot], uint32(len(x.fwd[slot])))
	}
}

// phrase is a phrase turned into word ids: the exact ids of all words but
// the last, and the set of ids the last one is a prefix of.
type phrase struct {
	exact []uint32
	last  map[uint32]bool
}

// compile looks a phrase's words up; ok is false when no article can hold it.
func (x *metaIndex) compile(words []string) (p phrase, ok bool) {
	for _, w := range words[:len(words)-1] {
		id, found := x.lookup(w)
		if !found {
			return p, false
		}
		p.exact = append(p.exact, id)
	}
	ids := x.prefixed(words[len(words)-1])
	p.last = make(map[uint32]bool, len(ids))
	for _, id := range ids {
		p.last[id] = true
	}
	return p, len(ids) > 0
}

// holds reports whether article n has the phrase in scope slot s.
func (x *metaIndex) holds(n uint32, s int, p phrase) bool {
	words := x.fwd[s][x.start[s][n]:x.start[s][n+1]]
	k := len(p.exact)
outer:
	for i := 0; i+k < len(words); i++ {
		for j, id := range p.exact {
			if words[i+j] != id {
				continue outer
			}
		}
		if p.last[words[i+k]] {
			return true
		}
	}
	return false
}

// wordSet sets in dst every article with a word starting with prefix in one
// of the given scope slots.
func (x *metaIndex) wordSet(dst bitset, prefix string, slots []int) {
	x.idsSet(dst, x.prefixed(prefix), slots)
}

// idsSet sets in dst every article with one of the words ids in one of
// the given scope slots.
func (x *metaIndex) idsSet(dst bitset, ids []uint32, slots []int) {
	for _, id := range ids {
		for _, s := range slots {
			for _, n := range x.postings[s][id] {
				dst.set(n)
			}
		}
	}
}

// bitset is a set of article numbers.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i uint32)      { b[i/64] |= 1 << (i % 64) }
func (b bitset) has(i uint32) bool { return b[i/64]&(1<<(i%64)) != 0 }

func (b bitset) and(o bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}

func (b bitset) or(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

func (b bitset) andNot(o bitset) {
	for i := range b {
		b[i] &^= o[i]
	}
}

func (b bitset) fill(n int) {
	for i := range b {
		b[i] = ^uint64(0)
	}
	if r := n % 64; r != 0 {
		b[len(b)-1] = 1<<r - 1
	}
}

func (b bitset) count() int {
	c := 0
	for _, w := range b {
		c += bits.OnesCount64(w)
	}
	return c
}
