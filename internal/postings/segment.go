package postings

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// A segment holds a word's positions in the articles of a range of its
// postings: for each posting, in their order, a run of as many positions
// as the posting counts. The postings say which article and how many, so a
// run is positions only; that is a third less than a run that says its
// article and count again.
//
// A segment starts with lhat, a uvarint: an estimate of the bodies' length
// in words. Bits follow (see bits.go): a run's positions as gaps, each
// position less the previous one's less one (the first: itself). A short
// run codes them in Rice codes whose parameter the reader derives from the
// count and lhat, as count positions spread over lhat words stand some
// lhat/(count+1) apart. A long run (longRun positions or more) starts with
// a width in 6 bits, and each gap takes that many: a little larger than
// Rice codes, but a phrase reads them some three times faster, and steps
// over a run it does not need at once. "the" has some 60 in every body,
// and phrases spend most of their time in such runs.

// longRun is the count from which a run is packed in a width.
const longRun = 8

// AppendSegment appends the segment of raw: for each posting, its count
// and then its positions, ascending.
func AppendSegment(b []byte, raw []uint32) []byte {
	var runs, lsum uint64
	for i := 0; i < len(raw); {
		tf := raw[i]
		// The last of tf positions spread evenly stands at L·tf/(tf+1).
		lsum += (uint64(raw[i+int(tf)]) + 1) * uint64(tf+1) / uint64(tf)
		runs++
		i += 1 + int(tf)
	}
	if runs == 0 {
		return b
	}
	lhat := lsum / runs
	b = binary.AppendUvarint(b, lhat)
	w := bitWriter{b: b}
	for i := 0; i < len(raw); {
		tf := raw[i]
		ps := raw[i+1 : i+1+int(tf)]
		i += 1 + int(tf)
		if tf >= longRun {
			widest, next := uint32(0), uint32(0)
			for _, p := range ps {
				widest |= p - next
				next = p + 1
			}
			// A width of 0 would say nothing of the count, which a reader
			// checks against the bits left.
			width := uint(max(bits.Len32(widest), 1))
			w.write(uint64(width), 6)
			next = 0
			for _, p := range ps {
				w.write(uint64(p-next), width)
				next = p + 1
			}
			continue
		}
		k := posParam(lhat, uint64(tf))
		next := uint64(0)
		for _, p := range ps {
			w.rice(uint64(p)-next, k)
			next = uint64(p) + 1
		}
	}
	return w.bytes()
}

// riceParam is the Rice parameter for values of the given sum and count:
// for geometric values of mean m the best is near log2(m·ln 2).
func riceParam(sum, count uint64) uint {
	k := bits.Len64(sum/count*11/16) - 1
	return uint(min(max(k, 0), 31))
}

// posParam is the Rice parameter of a run of tf positions.
func posParam(lhat, tf uint64) uint { return riceParam(lhat, tf+1) }

// SegReader reads the runs of a segment, checked: on a bad one it stops
// and says so (Bad).
type SegReader struct {
	r       bitReader
	ks      [longRun]uint8 // the Rice parameter of a short run, by count
	pending uint64         // positions of the run not yet read
	k       uint           // their parameter
	next    uint64         // the least the next position can be
	width   uint           // for a long run, the bits of each gap; else 0
	long    bool
	bad     bool
}

// NewSegReader returns a reader of segment b.
func NewSegReader(b []byte) SegReader {
	var s SegReader
	if len(b) == 0 {
		return s // no runs
	}
	v, k := binary.Uvarint(b)
	// An lhat no writer makes would only read garbage, but bounded.
	if k <= 0 || v > 1<<40 {
		s.bad = true
		return s
	}
	for tf := 1; tf < longRun; tf++ {
		s.ks[tf] = uint8(posParam(v, uint64(tf)))
	}
	s.r = bitReader{b: b[k:]}
	return s
}

// Bad reports whether the segment did not decode.
func (s *SegReader) Bad() bool { return s.bad }

// Run moves to the next run, of tf positions, stepping over what is left
// of this one.
func (s *SegReader) Run(tf uint32) bool {
	s.skipRest()
	if s.bad || tf == 0 {
		s.bad = true
		return false
	}
	s.long = tf >= longRun
	if s.long {
		if s.r.n >= 6 { // read(6), inline
			s.width = uint(s.r.acc & 63)
			s.r.acc >>= 6
			s.r.n -= 6
		} else {
			s.width = uint(s.r.read(6))
		}
		if s.width == 0 || s.width > 32 || uint64(tf)*uint64(s.width) > s.r.left() {
			s.r.fail()
		}
	} else {
		s.k = uint(s.ks[tf])
	}
	// Every position takes a bit at least.
	if s.r.bad || uint64(tf) > s.r.left() {
		s.bad = true
		return false
	}
	s.pending, s.next = uint64(tf), 0
	return true
}

// Positions appends to dst the run's positions, up to the first one past
// upto (that one included); ok is false when they do not decode.
//
// Phrases spend most of their time here, so the common case, a short
// quotient in bits already loaded, is decoded inline, in locals.
func (s *SegReader) Positions(dst []uint32, upto uint32) (_ []uint32, ok bool) {
	if s.pending == 0 {
		return dst, !s.bad
	}
	// The reader's state in locals, so that it stays in registers.
	acc, n, b := s.r.acc, s.r.n, s.r.b
	k, next, pending := s.k, s.next, s.pending
	if s.long {
		k = s.width
	}
	mask := uint64(1)<<k - 1
	// Enough bits loaded for the next value: a long run's width, or a Rice
	// code's longest quotient read inline and its low bits.
	need := riceEscape + 1 + k
	if s.long {
		need = k
	}
	for pending > 0 {
		if n < need {
			acc, n, b = load(acc, n, b)
		}
		var v uint64
		if s.long {
			if n < k {
				s.r.fail()
				s.bad = true
				return dst, false
			}
			v = acc & mask
			acc >>= k
			n -= k
		} else if q := uint(bits.TrailingZeros64(^acc)); q < riceEscape && q+1+k <= n {
			v = uint64(q)<<k | acc>>(q+1)&mask
			acc >>= q + 1 + k
			n -= q + 1 + k
		} else {
			s.r.acc, s.r.n, s.r.b = acc, n, b
			if v = s.r.rice(k); s.r.bad {
				s.bad = true
				return dst, false
			}
			acc, n, b = s.r.acc, s.r.n, s.r.b
		}
		p := next + v
		pending--
		if p > math.MaxUint32 {
			s.r.fail()
			s.bad = true
			return dst, false
		}
		dst = append(dst, uint32(p))
		next = p + 1
		if p > uint64(upto) {
			break
		}
	}
	s.r.acc, s.r.n, s.r.b = acc, n, b
	s.next, s.pending = next, pending
	return dst, !s.bad
}

// skipRest steps over the run's positions not read.
func (s *SegReader) skipRest() {
	switch {
	case s.pending == 0:
		return
	case s.long:
		s.r.skip(s.pending * uint64(s.width))
	default:
		for ; s.pending > 0 && !s.r.bad; s.pending-- {
			s.r.riceFast(s.k)
		}
	}
	s.pending = 0
	s.bad = s.bad || s.r.bad
}

// RunReader reads a segment beside the postings it covers.
type RunReader struct {
	post Reader
	seg  SegReader
}

// NewRunReader returns a reader of segment seg beside post, the postings
// it covers, whose first delta is from article base.
func NewRunReader(post []byte, base int32, seg []byte) RunReader {
	return RunReader{post: NewReader(post, base), seg: NewSegReader(seg)}
}

// Next moves to the next posting's run and returns its article.
func (r *RunReader) Next() (int32, bool) {
	n, tf, ok := r.post.Next()
	if !ok || !r.seg.Run(tf) {
		return 0, false
	}
	return n, true
}

// Positions is SegReader.Positions of the run Next moved to.
func (r *RunReader) Positions(dst []uint32, upto uint32) ([]uint32, bool) {
	return r.seg.Positions(dst, upto)
}

// Bad reports whether the postings or the segment did not decode.
func (r *RunReader) Bad() bool { return r.post.bad || r.seg.bad }
