package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestVocabTable: the vocabulary's own table numbers words as a map
// would, from empty and from a cached (sorted) vocabulary alike, through
// every growth of its table.
func TestVocabTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var sortedWords []string
	for i := range 500 {
		sortedWords = append(sortedWords, fmt.Sprintf("w%05d", i*2))
	}
	for _, start := range []string{"empty", "sorted"} {
		t.Run(start, func(t *testing.T) {
			v, want := newVocab(), map[string]uint32{}
			if start == "sorted" {
				v = sortedVocab(slices.Clone(sortedWords))
				for i, w := range sortedWords {
					want[w] = uint32(i)
				}
			}
			for range 20000 {
				w := fmt.Sprintf("w%05d", r.IntN(3000))
				id, added := v.id(w)
				old, had := want[w]
				if had && (added || id != old) || !had && (!added || id != uint32(len(want))) {
					t.Fatalf("id(%s) = %d, %v; had %v (%d), %d words", w, id, added, had, old, len(want))
				}
				want[w] = id
				if w2 := fmt.Sprintf("x%05d", r.IntN(3000)); true {
					if _, ok := v.lookup(w2); ok {
						t.Fatalf("lookup(%s) found a word never added", w2)
					}
				}
			}
			for w, id := range want {
				if got, ok := v.lookup(w); !ok || got != id || v.words[id] != w {
					t.Fatalf("lookup(%s) = %d, %v; want %d", w, got, ok, id)
				}
			}
		})
	}
}
