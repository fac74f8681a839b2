package postings

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

type posting struct {
	n  int32
	tf uint32
}

// randomPostings makes postings in blocks of random sizes, some starting
// below the previous block's last article (batches out of order), with
// counts small and large; it returns them and the blocks' starts.
func randomPostings(r *rand.Rand) (p []byte, want []posting, starts []int) {
	var b Builder
	last := int32(0)
	for range r.IntN(6) {
		starts = append(starts, len(p))
		b.Reset(last)
		n := max(last+int32(r.IntN(300))-100, 0)
		for range 1 + r.IntN(40) {
			tf := uint32(1 + r.IntN(3))
			if r.IntN(5) == 0 {
				tf = uint32(r.IntN(1 << 20))
				tf = max(tf, 1)
			}
			b.Add(n, tf)
			want = append(want, posting{n, tf})
			n += 1 + int32(r.IntN(1+r.IntN(500)))
			if r.IntN(50) == 0 {
				n += 1 << 24 // past the Rice escape
			}
		}
		last = b.Last()
		p = b.Flush(p)
	}
	return p, want, starts
}

// TestPostingsReadBack: Each, Reader and SetArticles read what the
// Builder wrote, deltas negative, gaps past the escape and counts large
// included; Offset says each block's start once the one before is read.
func TestPostingsReadBack(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		p, want, starts := randomPostings(r)
		var each []posting
		Each(p, func(n int32, tf uint32) { each = append(each, posting{n, tf}) })
		if !slices.Equal(each, want) {
			t.Fatalf("Each = %v, want %v", each, want)
		}
		rd := NewReader(p, 0)
		var read []posting
		var offsets []int
		for {
			if at := rd.Offset(); at >= 0 && at < len(p) {
				offsets = append(offsets, at)
			}
			n, tf, ok := rd.Next()
			if !ok {
				break
			}
			read = append(read, posting{n, tf})
		}
		if !slices.Equal(read, want) || rd.Bad() || rd.Offset() != len(p) {
			t.Fatalf("Reader = %v (bad %v, at %d of %d), want %v", read, rd.Bad(), rd.Offset(), len(p), want)
		}
		if !slices.Equal(offsets, starts) {
			t.Fatalf("blocks at %v, want %v", offsets, starts)
		}
		dst := make([]uint64, 40) // articles 0 to 2559
		SetArticles(dst, p)
		for n := range int32(len(dst) * 64) {
			has := dst[n/64]&(1<<(n%64)) != 0
			if in := slices.ContainsFunc(want, func(x posting) bool { return x.n == n }); has != in {
				t.Fatalf("SetArticles: article %d set %v, in the postings %v", n, has, in)
			}
		}
	}
}

// TestAppendBlockAnyOrder: articles that do not ascend are still coded,
// in blocks of their own.
func TestAppendBlockAnyOrder(t *testing.T) {
	arts := []int32{5, 9, 3, 3, 100, 7}
	tfs := []uint32{1, 2, 3, 4, 5, 0}
	p := AppendBlock(nil, 2, arts, tfs)
	r := NewReader(p, 2)
	for i, a := range arts {
		n, tf, ok := r.Next()
		if want := max(tfs[i], 1); !ok || n != a || tf != want {
			t.Fatalf("posting %d: %d ×%d (ok %v), want %d ×%d", i, n, tf, ok, a, want)
		}
	}
	if _, _, ok := r.Next(); ok || r.Bad() {
		t.Errorf("a posting past the end, or bad: %v", r.Bad())
	}
}

// TestSetArticlesAtTheLimit: an article just past the bitset's room is
// not set, the last one it has room for is.
func TestSetArticlesAtTheLimit(t *testing.T) {
	p := AppendBlock(nil, 0, []int32{127, 128}, []uint32{1, 3})
	dst := make([]uint64, 2)
	SetArticles(dst, p)
	if dst[1] != 1<<63 || dst[0] != 0 {
		t.Errorf("bits %x %x, want article 127 alone", dst[0], dst[1])
	}
}

// TestReaderRefuses: postings cut short, naming an article below 0, or
// saying more postings than their bits hold, are bad, not a panic.
func TestReaderRefuses(t *testing.T) {
	long := AppendBlock(nil, 0, []int32{1, 2, 40000, 40001}, []uint32{1, 9, 2, 1})
	for _, p := range [][]byte{
		long[:len(long)-1], // the counts cut short
		long[:6],           // the gaps cut short
		AppendBlock(nil, 0, []int32{-1}, []uint32{1}), // an article below 0
		{0x80, 0x80, 0x80, 0x80, 0x80},                // a header cut short
		{0x80, 0x40, 0x02, 0x00, 0x01, 0x00},          // 8,193 postings, bits for one
		append(AppendBlock(nil, 0, []int32{math.MaxInt32}, []uint32{1}), AppendBlock(nil, 0, []int32{1}, []uint32{1})...), // past the largest article
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

// FuzzPostings: no bytes make a reader panic, and on postings a Builder
// wrote, SetArticles sets what the Reader reads.
func FuzzPostings(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 8 {
		p, _, _ := randomPostings(r)
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		Each(p, func(int32, uint32) {})
		dst := make([]uint64, 16)
		SetArticles(dst, p)
		rd := NewReader(p, 0)
		want := make([]uint64, 16)
		for {
			n, _, ok := rd.Next()
			if !ok {
				break
			}
			if n < 16*64 {
				want[n/64] |= 1 << (n % 64)
			}
		}
		if !rd.Bad() && !slices.Equal(dst, want) {
			t.Errorf("SetArticles %x, the Reader %x", dst, want)
		}
	})
}
