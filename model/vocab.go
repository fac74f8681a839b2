package model

import (
	"slices"
	"strings"
	"sync"
)

// vocab numbers the words of an index and finds them by prefix. Words are
// only added; the sorted view prefix searches need is rebuilt, lazily, when
// words were added since it was last made.
//
// A vocabulary read from a cached index comes sorted, with no map: words
// are found by binary search until the first word is added, which builds
// the map (a million strings hashed is time a warm start need not spend).
type vocab struct {
	ids   map[string]uint32 // word → id; nil while words are sorted and never added to
	words []string          // id → word

	sortMu sync.Mutex
	sorted []uint32 // ids ordered by word
}

func newVocab() vocab { return vocab{ids: make(map[string]uint32)} }

// sortedVocab is a vocabulary of words already in order.
func sortedVocab(words []string) vocab {
	sorted := make([]uint32, len(words))
	for i := range sorted {
		sorted[i] = uint32(i)
	}
	return vocab{words: words, sorted: sorted}
}

// lookup returns the id of w, if it is there.
func (v *vocab) lookup(w string) (uint32, bool) {
	if v.ids != nil {
		id, ok := v.ids[w]
		return id, ok
	}
	i, ok := slices.BinarySearch(v.words, w)
	return uint32(i), ok
}

// id returns the id of w, adding it when new.
func (v *vocab) id(w string) (id uint32, added bool) {
	if v.ids == nil {
		v.ids = make(map[string]uint32, len(v.words))
		for i, w := range v.words {
			v.ids[w] = uint32(i)
		}
	}
	if id, ok := v.ids[w]; ok {
		return id, false
	}
	id = uint32(len(v.words))
	v.ids[w] = id
	v.words = append(v.words, w)
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
