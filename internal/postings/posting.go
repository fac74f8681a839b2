// Package postings codes the body index's postings (which articles hold a
// word, and how many times) and the segments of word positions beside
// them, in Rice codes and packed widths, with the checked readers that
// phrases and NEAR match with.
package postings

import (
	"encoding/binary"
	"math"
)

// A word's postings are blocks, one for each batch of articles that
// brought the word (a worker's hand-over, a compaction's segment). A
// block is
//
//	uvarint((count-1)<<10 | kc<<5 | k) | varint(first article - base) |
//	uvarint(gap bytes) | uvarint(count bytes) | gaps | counts
//
// where base is the article before the block (the previous block's last),
// so the first delta may be negative when batches arrive out of order.
// The gaps are each further posting's article less the previous one's
// less one, in Rice codes of parameter k (see bits.go); the counts are
// each posting's count less one, in Rice codes of parameter kc; each is
// padded to a byte. Both parameters are fitted to the block: a word in
// every other article takes a bit or two a gap, not a byte, and "the",
// some 60 times in every body, six or seven bits a count.
//
// The gaps and counts lie apart so that a query's set (SetArticles), run
// on every keystroke, reads the gaps alone.
//
// In varints (a byte for the delta, another for a count above 1) the
// postings were a third of the index cache; in blocks they take some 40%
// less.

// Offsets of the header's fields.
const (
	kBits    = 5
	kMask    = 1<<kBits - 1
	countAt  = 2 * kBits
	maxBlock = 1 << 30 // postings in a block at most: the writer splits longer runs
)

// AppendBlock appends the postings of arts (article numbers, ascending)
// with counts tfs (0 is taken as 1), after article base. Where arts do not
// ascend it starts a new block, so any order is coded, if not as tightly.
func AppendBlock(p []byte, base int32, arts []int32, tfs []uint32) []byte {
	for len(arts) > 0 {
		m := 1
		for m < len(arts) && arts[m] > arts[m-1] && m < maxBlock {
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
	var gsum, csum uint64
	for i := 1; i < len(arts); i++ {
		gsum += uint64(arts[i]-arts[i-1]) - 1
	}
	for _, tf := range tfs {
		csum += uint64(max(tf, 1) - 1)
	}
	k, kc := uint(0), riceParam(csum, uint64(len(tfs)))
	if len(arts) > 1 {
		k = riceParam(gsum, uint64(len(arts)-1))
	}
	gw := bitWriter{}
	for i := 1; i < len(arts); i++ {
		gw.rice(uint64(arts[i]-arts[i-1])-1, k)
	}
	gaps := gw.bytes()
	cw := bitWriter{}
	for _, tf := range tfs {
		cw.rice(uint64(max(tf, 1)-1), kc)
	}
	counts := cw.bytes()
	p = binary.AppendUvarint(p, uint64(len(arts)-1)<<countAt|uint64(kc)<<kBits|uint64(k))
	p = binary.AppendVarint(p, int64(arts[0])-int64(base))
	p = binary.AppendUvarint(p, uint64(len(gaps)))
	p = binary.AppendUvarint(p, uint64(len(counts)))
	return append(append(p, gaps...), counts...)
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
// says so (Bad). It decodes a chunk of postings at a time, each code in a
// loop of its own with the bits in locals: phrases and NEAR read every
// posting of their words' segments, and a call a code made that twice as
// slow as the varints before.
type Reader struct {
	all    []byte // the postings
	gaps   bitReader
	counts bitReader
	end    int    // where the block ends in all
	left   uint64 // postings of the block not yet decoded
	first  bool   // the next posting decoded is the block's first
	k, kc  uint
	n      int64
	bad    bool
	i, m   int // the chunk's next posting, and its end
	arts   [chunk]int32
	tfs    [chunk]uint32
}

// chunk is how many postings a Reader decodes at once.
const chunk = 64

// NewReader returns a Reader of postings p whose first delta is from
// article base.
func NewReader(p []byte, base int32) Reader { return Reader{all: p, n: int64(base)} }

// Bad reports whether the reader stopped on bytes no writer makes.
func (r *Reader) Bad() bool { return r.bad || r.gaps.bad || r.counts.bad }

// Offset is where the next block starts, in bytes from the postings'
// first, once every posting of the block read so far is read; within a
// block it is -1.
func (r *Reader) Offset() int {
	if r.left > 0 || r.i < r.m {
		return -1
	}
	return r.end
}

// block starts the next block; false at the end or on bad bytes.
func (r *Reader) block() bool {
	if r.end >= len(r.all) || r.Bad() {
		return false
	}
	b := r.all[r.end:]
	at := 0
	next := func() uint64 {
		v, k := binary.Uvarint(b[at:])
		if k <= 0 {
			r.bad = true
			return 0
		}
		at += k
		return v
	}
	h := next()
	d, k := int64(0), 0
	if !r.bad {
		if d, k = binary.Varint(b[at:]); k <= 0 {
			r.bad = true
		}
		at += max(k, 0)
	}
	ng, nc := next(), next()
	count := h>>countAt + 1
	// Every gap and every count takes a bit at least.
	if r.bad || ng > uint64(len(b)-at) || nc > uint64(len(b)-at)-ng || count-1 > ng*8 || count > nc*8 {
		r.bad = true
		return false
	}
	r.gaps = bitReader{b: b[at : at+int(ng)]}
	r.counts = bitReader{b: b[at+int(ng) : at+int(ng+nc)]}
	r.end += at + int(ng+nc)
	r.n += d
	r.left, r.k, r.kc, r.first = count, uint(h&kMask), uint(h>>kBits&kMask), true
	return true
}

// Next returns the next posting's article and count; ok is false at the
// end or on bad bytes.
func (r *Reader) Next() (n int32, tf uint32, ok bool) {
	if r.i == r.m && !r.decode() {
		return 0, 0, false
	}
	r.i++
	return r.arts[r.i-1], r.tfs[r.i-1], true
}

// decode decodes the next chunk of postings, starting a block when the
// last one is read; false at the end, or on bad bytes before any posting.
func (r *Reader) decode() bool {
	if r.left == 0 && !r.block() {
		return false
	}
	m := int(min(r.left, chunk))
	r.i, r.m = 0, 0
	good := r.decodeGaps(m)
	good = min(good, r.decodeCounts(m))
	r.left -= uint64(m)
	if good < m {
		r.bad, r.left = true, 0
	}
	r.m = good
	return good > 0
}

// decodeGaps decodes m articles into arts (their gaps into tfs first);
// it returns how many are good.
func (r *Reader) decodeGaps(m int) int {
	i, n := 0, r.n
	if r.first {
		r.first = false
		if uint64(n) > math.MaxInt32 {
			return 0
		}
		r.arts[0], i = int32(n), 1
	}
	end := i + r.gaps.rices(r.tfs[i:m], r.k)
	for ; i < end; i++ {
		n += int64(r.tfs[i]) + 1
		if n > math.MaxInt32 {
			break
		}
		r.arts[i] = int32(n)
	}
	r.n = n
	return i
}

// decodeCounts decodes m counts into tfs; it returns how many are good.
func (r *Reader) decodeCounts(m int) int {
	got := r.counts.rices(r.tfs[:m], r.kc)
	for i := range got {
		if r.tfs[i] == math.MaxUint32 {
			return i
		}
		r.tfs[i]++
	}
	return got
}

// SetArticles sets in dst, a bitset, every article of postings p that it
// has room for: a word's postings as a query's set. It runs for every
// keystroke, so it reads the gaps alone, a chunk at a time (rices).
func SetArticles(dst []uint64, p []byte) {
	limit := uint64(min(len(dst)*64, math.MaxInt32))
	var gaps [chunk]uint32
	r := NewReader(p, 0)
	for r.block() {
		at := uint64(r.n) // below 0 (very large) only on bytes no writer makes
		if at < limit {
			dst[at/64] |= 1 << (at % 64)
		}
		for left := r.left - 1; left > 0; {
			m := min(left, chunk)
			got := r.gaps.rices(gaps[:m], r.k)
			for _, v := range gaps[:got] {
				at += uint64(v) + 1
				if at < limit {
					dst[at/64] |= 1 << (at % 64)
				}
			}
			if got < int(m) {
				return // bad bits
			}
			left -= m
		}
		if at > math.MaxInt32 {
			return // as the Reader: bad
		}
		r.n, r.left = int64(at), 0
	}
}
