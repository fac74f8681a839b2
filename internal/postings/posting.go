// Package postings codes the body index's postings (which articles hold a
// word, and how many times) and the segments of word positions beside
// them, in Rice codes and packed widths, with the checked readers that
// phrases and NEAR match with.
package postings

import (
	"encoding/binary"
	"math"
)

// A posting is the zigzag varint of delta<<1 | many, where delta is the
// article number less the previous posting's (negative when batches
// arrive out of order) and many says the word occurs more than once;
// then, when many, the count less two as a uvarint. Most words occur once
// in a body, so the count costs a bit for most postings.
func Append(p []byte, delta int32, tf uint32) []byte {
	v := int64(delta) << 1
	if tf > 1 {
		v |= 1
	}
	p = binary.AppendVarint(p, v)
	if tf > 1 {
		p = binary.AppendUvarint(p, uint64(tf-2))
	}
	return p
}

// Each calls fn with every article number and count of p.
func Each(p []byte, fn func(n int32, tf uint32)) {
	n := int32(0)
	for len(p) > 0 {
		v, k := binary.Varint(p)
		p = p[k:]
		n += int32(v >> 1)
		tf := uint32(1)
		if v&1 != 0 {
			t, k := binary.Uvarint(p)
			p = p[k:]
			tf = uint32(t) + 2
		}
		fn(n, tf)
	}
}

// Reader reads postings, checked: on bytes no writer makes it stops and
// says so (Bad).
type Reader struct {
	b   []byte
	n   int64
	bad bool
}

// NewReader returns a Reader of postings p whose first delta is from
// article base.
func NewReader(p []byte, base int32) Reader { return Reader{b: p, n: int64(base)} }

// Left is how many bytes of the postings are not read yet.
func (r *Reader) Left() int { return len(r.b) }

// Bad reports whether the reader stopped on bytes no writer makes.
func (r *Reader) Bad() bool { return r.bad }

// Next returns the next posting's article and count; ok is false at the
// end or on bad bytes.
func (r *Reader) Next() (n int32, tf uint32, ok bool) {
	if len(r.b) == 0 || r.bad {
		return 0, 0, false
	}
	var v int64
	if c := r.b[0]; c < 0x80 { // most postings: binary.Varint, inline
		v, r.b = int64(c>>1)^-int64(c&1), r.b[1:]
	} else {
		var k int
		if v, k = binary.Varint(r.b); k <= 0 {
			r.bad = true
			return 0, 0, false
		}
		r.b = r.b[k:]
	}
	r.n += v >> 1
	tf = 1
	if v&1 != 0 {
		t, k := binary.Uvarint(r.b)
		if k <= 0 || t > math.MaxUint32-2 {
			r.bad = true
			return 0, 0, false
		}
		r.b = r.b[k:]
		tf = uint32(t) + 2
	}
	if r.n < 0 || r.n > math.MaxInt32 {
		r.bad = true
		return 0, 0, false
	}
	return int32(r.n), tf, true
}

// SetArticles sets in dst, a bitset, every article of postings p that it
// has room for: a word's postings as a query's set. It is Each inline, for
// a loop that runs for every keystroke.
func SetArticles(dst []uint64, p []byte) {
	limit := int32(min(len(dst)*64, math.MaxInt32))
	n := int32(0)
	for len(p) > 0 {
		var v int64
		if p[0] < 0x80 {
			v, p = int64(p[0]>>1)^-int64(p[0]&1), p[1:]
		} else {
			var k int
			v, k = binary.Varint(p)
			p = p[k:]
		}
		n += int32(v >> 1)
		if v&1 != 0 {
			_, k := binary.Uvarint(p)
			p = p[k:]
		}
		if n >= 0 && n < limit {
			dst[n/64] |= 1 << (n % 64)
		}
	}
}
