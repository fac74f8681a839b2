// Package postings codes the body index's postings (which articles hold a
// word, and how many times) and the segments of word positions beside
// them, in Rice codes and packed widths, with the checked readers that
// phrases and NEAR match with.
package postings

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// A word's postings are blocks, one for each batch of articles that
// brought the word (a worker's hand-over, a compaction's segment). A
// block is
//
//	uvarint((count-1)<<5 | k) | varint(first article - base) | bits
//
// where base is the article before the block (the previous block's last),
// so the first delta may be negative when batches arrive out of order.
// The bits (see bits.go) hold the first posting's count, then for each
// further posting its article less the previous one's less one, in a Rice
// code of parameter k, and its count; the last byte is padded with zeros.
// A count is "0" for 1, "10" for 2, "110" for 3, else "111" and the gamma
// code of the count less 3: three postings in four count 1 or 2.
//
// In varints (a byte for the delta, another for a count above 1) the
// postings were two thirds of the index cache's body part; in Rice codes,
// with k fitted to each block's gaps, they take some 40% less: a word in
// every other article takes two or three bits a posting, not a byte.
//
// A block's end is found by reading it: its bits, rounded up to a byte.

// maxBlockK bounds the Rice parameter (five bits of the header).
const maxBlockK = 31

// AppendBlock appends the postings of arts (article numbers, ascending)
// with counts tfs, after article base. Where arts do not ascend it starts
// a new block, so any order is coded, if not as tightly.
func AppendBlock(p []byte, base int32, arts []int32, tfs []uint32) []byte {
	for len(arts) > 0 {
		m := 1
		for m < len(arts) && arts[m] > arts[m-1] {
			m++
		}
		p = appendBlock(p, base, arts[:m], tfs[:m])
		base = arts[m-1]
		arts, tfs = arts[m:], tfs[m:]
	}
	return p
}

// appendBlock appends one block; arts ascend.
func appendBlock(p []byte, base int32, arts []int32, tfs []uint32) []byte {
	var sum uint64
	for i := 1; i < len(arts); i++ {
		sum += uint64(arts[i]-arts[i-1]) - 1
	}
	k := uint(0)
	if len(arts) > 1 {
		k = riceParam(sum, uint64(len(arts)-1))
	}
	p = binary.AppendUvarint(p, uint64(len(arts)-1)<<5|uint64(k))
	p = binary.AppendVarint(p, int64(arts[0])-int64(base))
	w := bitWriter{b: p}
	w.count(tfs[0])
	for i := 1; i < len(arts); i++ {
		w.rice(uint64(arts[i]-arts[i-1])-1, k)
		w.count(tfs[i])
	}
	return w.bytes()
}

// count appends a posting's count (at least 1).
func (w *bitWriter) count(tf uint32) {
	tf = max(tf, 1)
	if tf <= 3 {
		w.unary(uint(tf - 1))
		return
	}
	w.write(7, 3)
	w.gamma(uint64(tf) - 3)
}

// Builder gathers postings for one block at a time.
type Builder struct {
	arts []int32
	tfs  []uint32
	base int32 // the article before the gathered ones
}

// Reset starts gathering after article base.
func (b *Builder) Reset(base int32) {
	b.arts, b.tfs, b.base = b.arts[:0], b.tfs[:0], base
}

// Add gathers a posting.
func (b *Builder) Add(n int32, tf uint32) {
	b.arts = append(b.arts, n)
	b.tfs = append(b.tfs, tf)
}

// Last is the last article gathered, else the base.
func (b *Builder) Last() int32 {
	if len(b.arts) == 0 {
		return b.base
	}
	return b.arts[len(b.arts)-1]
}

// Flush appends what was gathered to p as a block and starts again after
// its last article.
func (b *Builder) Flush(p []byte) []byte {
	last := b.Last()
	p = AppendBlock(p, b.base, b.arts, b.tfs)
	b.Reset(last)
	return p
}

// Each calls fn with every article number and count of p, until they end
// or do not decode.
func Each(p []byte, fn func(n int32, tf uint32)) {
	r := NewReader(p, 0)
	for {
		n, tf, ok := r.Next()
		if !ok {
			return
		}
		fn(n, tf)
	}
}

// Reader reads postings, checked: on bytes no writer makes it stops and
// says so (Bad).
type Reader struct {
	all   []byte // the postings
	r     bitReader
	left  uint64 // postings of the block not yet read
	first bool   // the next posting is the block's first
	k     uint
	n     int64
	bad   bool
}

// NewReader returns a Reader of postings p whose first delta is from
// article base.
func NewReader(p []byte, base int32) Reader {
	return Reader{all: p, r: bitReader{b: p}, n: int64(base)}
}

// Bad reports whether the reader stopped on bytes no writer makes.
func (r *Reader) Bad() bool { return r.bad || r.r.bad }

// Offset is where the next block starts, in bytes from the postings'
// first, once every posting of the block read so far is read; within a
// block it is -1.
func (r *Reader) Offset() int {
	if r.left > 0 {
		return -1
	}
	return len(r.all) - len(r.r.b) - int(r.r.n/8)
}

// block starts the next block; false at the end or on bad bytes.
func (r *Reader) block() bool {
	at := r.Offset()
	if at >= len(r.all) || r.Bad() {
		return false
	}
	b := r.all[at:]
	h, k := binary.Uvarint(b)
	if k <= 0 || h>>5 > uint64(len(b))*8 {
		r.bad = true
		return false
	}
	d, k2 := binary.Varint(b[k:])
	if k2 <= 0 {
		r.bad = true
		return false
	}
	r.n += d
	r.r = bitReader{b: b[k+k2:]}
	r.left, r.k, r.first = h>>5+1, uint(h&maxBlockK), true
	return true
}

// Next returns the next posting's article and count; ok is false at the
// end or on bad bytes.
func (r *Reader) Next() (n int32, tf uint32, ok bool) {
	if r.left == 0 && !r.block() {
		return 0, 0, false
	}
	if r.first {
		r.first = false
	} else {
		r.n += int64(r.r.riceFast(r.k)) + 1
	}
	tf = r.r.count()
	r.left--
	if r.r.bad || r.n < 0 || r.n > math.MaxInt32 {
		r.bad, r.left = true, 0
		return 0, 0, false
	}
	return int32(r.n), tf, true
}

// count reads a posting's count.
func (r *bitReader) count() uint32 {
	if r.n < 4 {
		r.fill()
	}
	q := uint(bits.TrailingZeros64(^r.acc))
	if q < 3 && q < r.n {
		r.acc >>= q + 1
		r.n -= q + 1
		return uint32(q) + 1
	}
	r.read(3)
	g := r.gamma()
	if g > math.MaxUint32-3 {
		r.fail()
		return 0
	}
	return uint32(g) + 3
}

// SetArticles sets in dst, a bitset, every article of postings p that it
// has room for: a word's postings as a query's set. It runs for every
// keystroke, so the common case, a gap and a count in bits already
// loaded, is decoded inline, in locals; anything else (a gap past the Rice
// escape, a count above 3, the last bytes) goes through the Reader.
func SetArticles(dst []uint64, p []byte) {
	limit := int64(min(len(dst)*64, math.MaxInt32))
	r := NewReader(p, 0)
	for {
		n, _, ok := r.Next() // a block's first posting, or one the inline loop left
		if !ok {
			return
		}
		if int64(n) < limit {
			dst[n/64] |= 1 << (n % 64)
		}
		acc, nb, b := r.r.acc, r.r.n, r.r.b
		k, at, left := r.k, r.n, r.left
		mask := uint64(1)<<k - 1
		need := riceEscape + 1 + k + 3
		for left > 0 {
			if nb < need {
				if len(b) < 8 {
					break
				}
				acc |= binary.LittleEndian.Uint64(b) << nb
				t := (63 - nb) >> 3
				b = b[t:]
				nb += t << 3
			}
			q := uint(bits.TrailingZeros64(^acc))
			if q >= riceEscape {
				break
			}
			gap := uint64(q)<<k | acc>>(q+1)&mask
			rest := acc >> (q + 1 + k)
			c := uint(bits.TrailingZeros64(^rest))
			if c >= 3 {
				break
			}
			acc = rest >> (c + 1)
			nb -= q + 1 + k + c + 1
			at += int64(gap) + 1
			left--
			if at < limit {
				dst[at/64] |= 1 << (at % 64)
			}
		}
		r.r.acc, r.r.n, r.r.b, r.n, r.left = acc, nb, b, at, left
	}
}
