package postings

import (
	"math/rand/v2"
	"slices"
	"testing"
)

type posting struct {
	n  int32
	tf uint32
}

// TestPostingsReadBack: Each, Reader and SetArticles read what Append
// wrote, deltas negative and counts large included.
func TestPostingsReadBack(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		var want []posting
		var p []byte
		last := int32(0)
		for range r.IntN(50) {
			n := last + int32(r.IntN(300)) - 20 // batches may arrive out of order
			n = max(n, 0)
			tf := uint32(1)
			if r.IntN(3) == 0 {
				tf = uint32(r.IntN(1 << 20))
				tf = max(tf, 2)
			}
			p = Append(p, n-last, tf)
			want = append(want, posting{n, tf})
			last = n
		}
		var each []posting
		Each(p, func(n int32, tf uint32) { each = append(each, posting{n, tf}) })
		if !slices.Equal(each, want) {
			t.Fatalf("Each = %v, want %v", each, want)
		}
		rd := NewReader(p, 0)
		var read []posting
		for {
			n, tf, ok := rd.Next()
			if !ok {
				break
			}
			read = append(read, posting{n, tf})
		}
		if !slices.Equal(read, want) || rd.Bad() || rd.Left() != 0 {
			t.Fatalf("Reader = %v (bad %v, %d left), want %v", read, rd.Bad(), rd.Left(), want)
		}
		dst := make([]uint64, 3) // articles 0 to 191
		SetArticles(dst, p)
		for n := range int32(len(dst) * 64) {
			has := dst[n/64]&(1<<(n%64)) != 0
			if in := slices.ContainsFunc(want, func(x posting) bool { return x.n == n }); has != in {
				t.Fatalf("SetArticles: article %d set %v, in the postings %v", n, has, in)
			}
		}
	}
}

// TestSetArticlesAtTheLimit: an article just past the bitset's room is
// not set, the last one it has room for is.
func TestSetArticlesAtTheLimit(t *testing.T) {
	p := Append(Append(nil, 127, 1), 1, 3) // articles 127 and 128
	dst := make([]uint64, 2)
	SetArticles(dst, p)
	if dst[1] != 1<<63 || dst[0] != 0 {
		t.Errorf("bits %x %x, want article 127 alone", dst[0], dst[1])
	}
}

// TestReaderRefuses: postings cut short, or naming an article below 0,
// are bad, not a panic.
func TestReaderRefuses(t *testing.T) {
	for _, p := range [][]byte{
		Append(nil, 5, 3)[:1],          // the count cut short
		Append(nil, -1, 1),             // an article below 0
		{0x80, 0x80, 0x80, 0x80, 0x80}, // a varint cut short
	} {
		r := NewReader(p, 0)
		for {
			if _, _, ok := r.Next(); !ok {
				break
			}
		}
		if !r.Bad() {
			t.Errorf("%x: not bad", p)
		}
	}
}
