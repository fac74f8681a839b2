package postings

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// Word positions are coded in bits, not bytes: a position is some ten bits
// of information in a body of a thousand words, and a byte-sized code
// spent two bytes on most of them. The codes are Rice codes (a quotient in
// unary, then k low bits), whose k the reader derives from what it already
// knows, so no parameter is stored per value.

// riceEscape is the longest quotient written in unary; a larger one (a
// value far beyond what k expects) follows in Elias gamma, so that no value
// costs more than some 80 bits, and a reader never counts long runs of ones.
const riceEscape = 16

// bitWriter appends bits to b, least significant first.
type bitWriter struct {
	b   []byte
	acc uint64
	n   uint // bits in acc
}

// write appends the low n bits of v, n at most 32.
func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= (v & (1<<n - 1)) << w.n
	w.n += n
	if w.n >= 32 {
		w.b = binary.LittleEndian.AppendUint32(w.b, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

// unary appends q ones and a zero.
func (w *bitWriter) unary(q uint) {
	for q >= 31 {
		w.write(1<<31-1, 31)
		q -= 31
	}
	w.write(1<<q-1, q+1)
}

// gamma appends x ≥ 1 as its length less one in unary, then its bits below
// the top one.
func (w *bitWriter) gamma(x uint64) {
	n := uint(bits.Len64(x)) - 1
	w.unary(n)
	for n > 32 {
		w.write(x, 32)
		x >>= 32
		n -= 32
	}
	w.write(x, n)
}

// rice appends v with parameter k (at most 31).
func (w *bitWriter) rice(v uint64, k uint) {
	if q := v >> k; q < riceEscape {
		w.write(1<<q-1, uint(q)+1)
	} else {
		w.write(1<<riceEscape-1, riceEscape)
		w.gamma(q - riceEscape + 1)
	}
	w.write(v, k)
}

// bytes returns what was written, the last byte padded with zeros.
func (w *bitWriter) bytes() []byte {
	for w.n > 0 {
		w.b = append(w.b, byte(w.acc))
		w.acc >>= 8
		w.n = w.n - min(w.n, 8)
	}
	w.acc = 0
	return w.b
}

// bitReader reads what bitWriter wrote, checked: past the end or on a code
// no writer makes it sets bad and returns zeros.
type bitReader struct {
	b   []byte
	acc uint64
	n   uint // valid bits in acc; bits above them may hold the next bytes'
	bad bool
}

// fill loads acc with at least 56 bits, or all that is left.
func (r *bitReader) fill() { r.acc, r.n, r.b = load(r.acc, r.n, r.b) }

// load is fill for a reader's bits held in locals, as the loops that read
// many codes keep them: eight bytes at once (the ones that do not fit are
// loaded again, at the same place, next time), or all that is left.
func load(acc uint64, n uint, b []byte) (uint64, uint, []byte) {
	if len(b) >= 8 {
		acc |= binary.LittleEndian.Uint64(b) << n
		t := (63 - n) >> 3
		return acc, n + t<<3, b[t:]
	}
	for n <= 56 && len(b) > 0 {
		acc |= uint64(b[0]) << n
		b = b[1:]
		n += 8
	}
	return acc, n, b
}

// read returns the next n bits, n at most 32.
func (r *bitReader) read(n uint) uint64 {
	if r.n < n {
		r.fill()
		if r.n < n {
			r.fail()
			return 0
		}
	}
	v := r.acc & (1<<n - 1)
	r.acc >>= n
	r.n -= n
	return v
}

// unary reads ones up to a zero; more than limit (at most 40) is bad.
func (r *bitReader) unary(limit uint) uint {
	if r.n <= limit {
		r.fill()
	}
	q := uint(bits.TrailingZeros64(^r.acc))
	if q >= r.n || q > limit {
		r.fail()
		return 0
	}
	r.acc >>= q + 1
	r.n -= q + 1
	return q
}

func (r *bitReader) gamma() uint64 {
	n := r.unary(40)
	if n > 32 {
		low := r.read(32)
		return 1<<n | r.read(n-32)<<32 | low
	}
	return 1<<n | r.read(n)
}

func (r *bitReader) rice(k uint) uint64 {
	if r.n <= riceEscape {
		r.fill()
	}
	q := uint64(bits.TrailingZeros64(^r.acc))
	switch {
	case q >= riceEscape && r.n >= riceEscape:
		// The escape: riceEscape ones and no zero, then the rest.
		r.acc >>= riceEscape
		r.n -= riceEscape
		q = riceEscape + r.gamma() - 1
	case q >= uint64(r.n):
		r.fail()
		return 0
	default:
		r.acc >>= q + 1
		r.n -= uint(q) + 1
	}
	return q<<k | r.read(k)
}

// riceFast is rice for the common case, a short quotient in bits already
// loaded, for the loop that steps over a run's positions.
func (r *bitReader) riceFast(k uint) uint64 {
	if r.n < 48 {
		r.fill()
	}
	q := uint(bits.TrailingZeros64(^r.acc))
	if q >= riceEscape || q+1+k > r.n {
		return r.rice(k)
	}
	v := uint64(q)<<k | r.acc>>(q+1)&(1<<k-1)
	r.acc >>= q + 1 + k
	r.n -= q + 1 + k
	return v
}

// rices reads Rice codes of parameter k into dst, the common case (a
// short quotient, bits loaded) inline, in locals; it returns how many it
// read before the end of dst, bad bits, or a value past 32 bits.
func (r *bitReader) rices(dst []uint32, k uint) int {
	acc, nb, b := r.acc, r.n, r.b
	mask := uint64(1)<<k - 1
	for i := range dst {
		if nb < riceEscape+1+k {
			acc, nb, b = load(acc, nb, b)
		}
		var v uint64
		if q := uint(bits.TrailingZeros64(^acc)); q < riceEscape && q+1+k <= nb {
			v = uint64(q)<<k | acc>>(q+1)&mask
			acc >>= q + 1 + k
			nb -= q + 1 + k
		} else {
			r.acc, r.n, r.b = acc, nb, b
			v = r.rice(k)
			acc, nb, b = r.acc, r.n, r.b
			if r.bad || v > math.MaxUint32 {
				return i
			}
		}
		dst[i] = uint32(v)
	}
	r.acc, r.n, r.b = acc, nb, b
	return len(dst)
}

// skip steps over n bits.
func (r *bitReader) skip(n uint64) {
	if n <= uint64(r.n) {
		r.acc >>= n
		r.n -= uint(n)
		return
	}
	n -= uint64(r.n)
	r.acc, r.n = 0, 0
	if n/8 > uint64(len(r.b)) {
		r.fail()
		return
	}
	r.b = r.b[n/8:]
	r.read(uint(n % 8))
}

// left is the bits not yet read, padding included.
func (r *bitReader) left() uint64 { return uint64(len(r.b))*8 + uint64(r.n) }

func (r *bitReader) fail() {
	r.b, r.acc, r.n, r.bad = nil, 0, 0, true
}
