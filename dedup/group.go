package dedup

import (
	"cmp"
	"slices"
)

// maxBucketPeers bounds the texts of an LSH bucket a text is compared
// with: the first ones in it. A text like many others joins their group
// through any of them, so a bucket of a thousand copies costs a thousand
// comparisons, not half a million.
const maxBucketPeers = 16

// Group finds the copies among n texts: sig(i) is text i's signature
// (false: none), before(a, b) whether text a is the better canonical (the
// one published first, say). It returns, for each text, the canonical of
// its group: itself when it is a canonical or in no group.
func Group(n int, sig func(i int) (*Signature, bool), before func(a, b int) bool) []int32 {
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int32) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[ra] = rb
		}
	}
	// Band by band, the texts sorted by the band's key: a run of equal keys
	// is a bucket, and each text is compared with the first few before it.
	type keyed struct {
		key uint64
		i   int32
	}
	items := make([]keyed, 0, n)
	for b := range Bands {
		items = items[:0]
		for i := range n {
			if s, ok := sig(i); ok {
				items = append(items, keyed{band(s, b), int32(i)})
			}
		}
		slices.SortFunc(items, func(x, y keyed) int { return cmp.Or(cmp.Compare(x.key, y.key), cmp.Compare(x.i, y.i)) })
		for from := 0; from < len(items); {
			to := from + 1
			for to < len(items) && items[to].key == items[from].key {
				to++
			}
			for k := from + 1; k < to; k++ {
				i := items[k].i
				s, _ := sig(int(i))
				for _, p := range items[from:min(k, from+maxBucketPeers)] {
					if find(p.i) == find(i) {
						continue
					}
					if t, _ := sig(int(p.i)); Similarity(s, t) >= Threshold {
						union(i, p.i)
					}
				}
			}
			from = to
		}
	}
	// Each group's canonical: the member before all others.
	best := make(map[int32]int32)
	for i := range n {
		r := find(int32(i))
		if b, ok := best[r]; !ok || before(i, int(b)) {
			best[r] = int32(i)
		}
	}
	canon := make([]int32, n)
	for i := range n {
		canon[i] = best[find(int32(i))]
	}
	return canon
}
