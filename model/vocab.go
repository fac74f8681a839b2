package model

import (
	"hash/maphash"
	"slices"
	"strings"
	"sync"
)

// vocab numbers the words of an index and finds them by prefix. Words are
// only added; the sorted view prefix searches need is rebuilt, lazily, when
// words were added since it was last made.
//
// Words are found through a table of their own rather than a Go map, for
// its size: a slot is 8 bytes (an id and the high half of the word's
// hash) and at most half the slots are full, and the word's string is held
// by words alone. A corpus of generated tokens has as many words as its
// bound allows (vocabcap.go), each of which costs this.
//
// A vocabulary read from a cached index comes sorted, with no table: words
// are found by binary search until the first word is added, which builds
// the table (a million strings hashed is time a warm start need not spend).
type vocab struct {
	table []uint64 // hash<<32 | id+1, 0 empty, by hash; nil while words are sorted and never added to
	seed  maphash.Seed
	words []string // id → word

	sortMu sync.Mutex
	sorted []uint32 // ids ordered by word
}

func newVocab() vocab { return vocab{table: make([]uint64, 64), seed: maphash.MakeSeed()} }

// sortedVocab is a vocabulary of words already in order.
func sortedVocab(words []string) vocab {
	sorted := make([]uint32, len(words))
	for i := range sorted {
		sorted[i] = uint32(i)
	}
	return vocab{words: words, sorted: sorted, seed: maphash.MakeSeed()}
}

// lookup returns the id of w, if it is there.
func (v *vocab) lookup(w string) (uint32, bool) {
	if v.table == nil {
		i, ok := slices.BinarySearch(v.words, w)
		return uint32(i), ok
	}
	_, slot, _ := v.find(w)
	if slot == 0 {
		return 0, false
	}
	return uint32(slot) - 1, true
}

// find returns the place of w in the table, or the empty one where it
// would go, that slot's content, and w's hash.
func (v *vocab) find(w string) (i int, slot, h uint64) {
	h = maphash.String(v.seed, w)
	high := h >> 32 << 32
	mask := uint64(len(v.table) - 1)
	for j := h & mask; ; j = (j + 1) & mask {
		if slot = v.table[j]; slot == 0 || slot>>32<<32 == high && v.words[uint32(slot)-1] == w {
			return int(j), slot, h
		}
	}
}

// place puts id, of word w, in an empty slot of the table.
func (v *vocab) place(id uint32, w string) {
	h := maphash.String(v.seed, w)
	mask := uint64(len(v.table) - 1)
	i := h & mask
	for v.table[i] != 0 {
		i = (i + 1) & mask
	}
	v.table[i] = h>>32<<32 | uint64(id+1)
}

// rehash makes a table for the words, at most half full (a quarter when
// it grows).
func (v *vocab) rehash() {
	size := 64
	for size < 2*len(v.words) {
		size *= 2
	}
	v.table = make([]uint64, size)
	for id, w := range v.words {
		v.place(uint32(id), w)
	}
}

// id returns the id of w, adding it when new.
func (v *vocab) id(w string) (id uint32, added bool) {
	if v.table == nil {
		v.rehash()
	}
	i, slot, h := v.find(w)
	if slot != 0 {
		return uint32(slot) - 1, false
	}
	id = uint32(len(v.words))
	v.words = append(v.words, w)
	if 2*len(v.words) > len(v.table) {
		v.rehash()
	} else {
		v.table[i] = h>>32<<32 | uint64(id+1)
	}
	return id, true
}

// order returns the ids sorted by word. The caller keeps words from
// growing meanwhile (holds the index's lock).
func (v *vocab) order() []uint32 {
	v.sortMu.Lock()
	defer v.sortMu.Unlock()
	if len(v.sorted) != len(v.words) {
		sorted := make([]uint32, len(v.words))
		for i := range sorted {
			sorted[i] = uint32(i)
		}
		slices.SortFunc(sorted, func(a, b uint32) int { return strings.Compare(v.words[a], v.words[b]) })
		v.sorted = sorted
	}
	return v.sorted
}

// prefixed returns the ids of the words starting with prefix. The caller
// keeps words from growing meanwhile (holds the index's lock).
func (v *vocab) prefixed(prefix string) []uint32 {
	sorted := v.order()
	lo, _ := slices.BinarySearchFunc(sorted, prefix, func(id uint32, p string) int {
		return strings.Compare(v.words[id], p)
	})
	hi := lo
	for hi < len(sorted) && strings.HasPrefix(v.words[sorted[hi]], prefix) {
		hi++
	}
	return sorted[lo:hi]
}
