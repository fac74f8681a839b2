package dedup

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
	buckets := make(map[uint64][]int32, n)
	compared := make([]int32, n) // i+1 where i compared itself with the text
	for i := range n {
		s, ok := sig(i)
		if !ok {
			continue
		}
		for b := range Bands {
			k := band(s, b)
			peers := buckets[k]
			for _, j := range peers {
				if compared[j] == int32(i+1) || find(j) == find(int32(i)) {
					continue
				}
				compared[j] = int32(i + 1)
				if t, _ := sig(int(j)); Similarity(s, t) >= Threshold {
					union(int32(i), j)
				}
			}
			if len(peers) < maxBucketPeers {
				buckets[k] = append(peers, int32(i))
			}
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
