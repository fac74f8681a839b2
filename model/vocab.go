package model

import (
	"slices"
	"strings"
	"sync"
)

// vocab numbers the words of an index and finds them by prefix. Words are
// only added; the sorted view prefix searches need is rebuilt, lazily, when
// words were added since it was last made.
type vocab struct {
	ids   map[string]uint32 // word → id
	words []string          // id → word

	sortMu sync.Mutex
	sorted []uint32 // ids ordered by word
}

func newVocab() vocab { return vocab{ids: make(map[string]uint32)} }

// id returns the id of w, adding it when new.
func (v *vocab) id(w string) (id uint32, added bool) {
	if id, ok := v.ids[w]; ok {
		return id, false
	}
	id = uint32(len(v.words))
	v.ids[w] = id
	v.words = append(v.words, w)
	return id, true
}

// prefixed returns the ids of the words starting with prefix. The caller
// keeps words from growing meanwhile (holds the index's lock).
func (v *vocab) prefixed(prefix string) []uint32 {
	v.sortMu.Lock()
	if len(v.sorted) != len(v.words) {
		sorted := make([]uint32, len(v.words))
		for i := range sorted {
			sorted[i] = uint32(i)
		}
		slices.SortFunc(sorted, func(a, b uint32) int { return strings.Compare(v.words[a], v.words[b]) })
		v.sorted = sorted
	}
	sorted := v.sorted
	v.sortMu.Unlock()
	lo, _ := slices.BinarySearchFunc(sorted, prefix, func(id uint32, p string) int {
		return strings.Compare(v.words[id], p)
	})
	hi := lo
	for hi < len(sorted) && strings.HasPrefix(v.words[sorted[hi]], prefix) {
		hi++
	}
	return sorted[lo:hi]
}
