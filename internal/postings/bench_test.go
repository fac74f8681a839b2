package postings

import (
	"math/rand/v2"
	"testing"
)

// benchPostings: a word in about a third of 100k articles, counts mostly
// 1, and one in every article some 60 times ("the").
func benchPostings() (sparse, every []byte) {
	r := rand.New(rand.NewPCG(5, 6))
	var b Builder
	for n := int32(0); n < 100000; n += 1 + int32(r.IntN(5)) {
		b.Add(n, 1+uint32(r.IntN(4)/3))
		if n%3000 == 0 {
			sparse = b.Flush(sparse)
		}
	}
	sparse = b.Flush(sparse)
	b.Reset(0)
	for n := int32(0); n < 100000; n++ {
		b.Add(n, 40+uint32(r.IntN(40)))
		if n%3000 == 0 {
			every = b.Flush(every)
		}
	}
	return sparse, b.Flush(every)
}

// BenchmarkReader: nanoseconds a posting, read with its count.
func BenchmarkReader(b *testing.B) {
	sparse, every := benchPostings()
	for _, c := range []struct {
		name string
		p    []byte
	}{{"sparse", sparse}, {"every", every}} {
		b.Run(c.name, func(b *testing.B) {
			k := 0
			for b.Loop() {
				r := NewReader(c.p, 0)
				for {
					_, _, ok := r.Next()
					if !ok {
						break
					}
					k++
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(k), "ns/posting")
		})
	}
}

// BenchmarkSetArticles: nanoseconds a posting, as a query's set.
func BenchmarkSetArticles(b *testing.B) {
	sparse, every := benchPostings()
	dst := make([]uint64, 100000/64+1)
	for _, c := range []struct {
		name string
		p    []byte
	}{{"sparse", sparse}, {"every", every}} {
		n := 0
		Each(c.p, func(int32, uint32) { n++ })
		b.Run(c.name, func(b *testing.B) {
			k := 0
			for b.Loop() {
				SetArticles(dst, c.p)
				k += n
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(k), "ns/posting")
		})
	}
}
