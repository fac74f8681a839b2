package model

import (
	"math"

	"github.com/folio-reader/folio/internal/postings"
)

// segRewriter follows a word's postings as compaction renumbers them, and
// writes its segments again without the runs of removed articles.
type segRewriter struct {
	open    bool // within a segment
	pstart  uint32
	base    int32
	tfs     []uint32
	keep    []bool
	removed bool
	buf     []byte
	raw     []uint32
	blob    []byte // the segments written again, for flush to write out
}

// begin starts a segment at the new postings' offset pstart, after article
// base.
func (rw *segRewriter) begin(pstart uint32, base int32) {
	rw.open, rw.pstart, rw.base = true, pstart, base
	rw.tfs, rw.keep, rw.removed = rw.tfs[:0], rw.keep[:0], false
}

// add follows a posting of the segment.
func (rw *segRewriter) add(tf uint32, keep bool) {
	rw.tfs = append(rw.tfs, tf)
	rw.keep = append(rw.keep, keep)
	rw.removed = rw.removed || !keep
}

// end ends old, the new postings' end at pend; ok is false when no run is
// left.
func (rw *segRewriter) end(p *positions, old segment, pend uint32) (_ segment, ok bool) {
	rw.open = false
	s := old
	s.pstart, s.pend, s.base = rw.pstart, pend, rw.base
	if pend == rw.pstart {
		return s, false
	}
	if !rw.removed || p.broken || p.src == nil {
		return s, true
	}
	if cap(rw.buf) < int(old.n) {
		rw.buf = make([]byte, old.n)
	}
	b := rw.buf[:old.n]
	if _, err := p.src.ReadAt(b, old.off); err != nil {
		p.broken = true
		return s, true
	}
	r := postings.NewSegReader(b)
	raw := rw.raw[:0]
	for i, tf := range rw.tfs {
		from := len(raw)
		raw = append(raw, tf)
		var ok bool
		if !r.Run(tf) {
			p.broken = true
			return s, true
		}
		if raw, ok = r.Positions(raw, math.MaxUint32); !ok {
			p.broken = true
			return s, true
		}
		if !rw.keep[i] {
			raw = raw[:from]
		}
	}
	rw.raw = raw
	before := len(rw.blob)
	rw.blob = postings.AppendSegment(rw.blob, raw)
	s.off, s.n = p.end+int64(before), uint32(len(rw.blob)-before)
	return s, true
}

// flush writes the segments written again.
func (rw *segRewriter) flush(p *positions) {
	if len(rw.blob) > 0 {
		p.write(rw.blob)
	}
}
