package codec

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"unsafe"
)

// Decoder reads what Encoder wrote, bounds-checked: past the first error
// every read returns zero.
type Decoder struct {
	b     []byte
	off   int
	err   error
	arena []byte // where Str copies its strings
	kept  int    // where the first bytes Keep took start; len(data) when none
}

// NewDecoder returns a Decoder of data[from:to], its offsets counted from
// data's first byte. from and to must lie within data, from ≤ to.
func NewDecoder(data []byte, from, to int) *Decoder {
	return &Decoder{b: data[:to], off: from, kept: len(data)}
}

// Offset is where the next read starts, in data.
func (d *Decoder) Offset() int { return d.off }

// Err is the first error the decoder met.
func (d *Decoder) Err() error { return d.err }

// Kept is where in data the first bytes Keep returned start: its caller
// goes on reading data from there, and may release what came before.
// len(data) when Keep returned none.
func (d *Decoder) Kept() int { return d.kept }

// Keep is Take, of bytes the caller goes on reading where they lie.
func (d *Decoder) Keep(n int) []byte {
	at := d.off
	b := d.Take(n)
	if b != nil && n > 0 {
		d.kept = min(d.kept, at)
	}
	return b
}

// Finish is the decoder's error, or one if it did not end at its last
// byte: each part of an index must end where the next begins.
func (d *Decoder) Finish() error {
	if d.err == nil && d.off != len(d.b) {
		d.Fail("bytes after the end")
	}
	return d.err
}

// Ref reads a string by its number in strs.
func (d *Decoder) Ref(strs []string) string {
	i := d.Uint()
	if i >= uint64(len(strs)) {
		d.Fail("string number out of range")
		return ""
	}
	return strs[i]
}

// Fail sets the decoder's error, saying where and why, unless it has one.
func (d *Decoder) Fail(why string) {
	if d.err == nil {
		d.err = fmt.Errorf("read index at byte %d: %s", d.off, why)
	}
}

// Uint reads a uvarint. Most of a cache's numbers (word numbers, counts,
// gaps) take one byte, and those are read inline.
func (d *Decoder) Uint() uint64 {
	if d.off < len(d.b) && d.err == nil {
		if c := d.b[d.off]; c < 0x80 {
			d.off++
			return uint64(c)
		}
	}
	return d.uvarint()
}

func (d *Decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Uvarint(d.b[d.off:])
	if k <= 0 {
		d.Fail("bad number")
		return 0
	}
	d.off += k
	return v
}

// Int reads a varint: a uvarint, zigzag-coded (as binary.Varint reads it).
func (d *Decoder) Int() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

// U64 reads eight bytes, little-endian.
func (d *Decoder) U64() uint64 {
	b := d.Take(8)
	if d.err != nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

// Bool reads what Encoder.Bool wrote.
func (d *Decoder) Bool() bool { return d.Uint() == 1 }

// Count reads a length, checked against what is left: each item takes at
// least min bytes, so a corrupt length cannot ask for a huge allocation.
func (d *Decoder) Count(min int) int {
	v := d.Uint()
	if v > uint64(len(d.b)-d.off)/uint64(max(min, 1)) {
		d.Fail("length out of range")
		return 0
	}
	return int(v)
}

// Take returns the next n bytes, where they lie in data.
func (d *Decoder) Take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.b)-d.off {
		d.Fail("truncated")
		return nil
	}
	b := d.b[d.off : d.off+n]
	d.off += n
	return b
}

// arenaChunk is how much the decoder allocates at once for strings.
const arenaChunk = 256 << 10

// Str reads a string into the decoder's arena: one allocation for a few
// thousand strings, which the collector then marks once rather than each
// on its own. An arena chunk lives as long as any of its strings.
func (d *Decoder) Str() string {
	b := d.Take(d.Count(1))
	switch {
	case len(b) == 0:
		return ""
	case len(b) > arenaChunk/8:
		return string(b)
	case len(b) > cap(d.arena)-len(d.arena):
		d.arena = make([]byte, 0, arenaChunk)
	}
	at := len(d.arena)
	d.arena = append(d.arena, b...)
	return unsafe.String(&d.arena[at], len(b))
}

// Strings reads what Encoder.Strings wrote: one string, cut in pieces.
func (d *Decoder) Strings() []string {
	n := d.Count(1)
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = d.Count(1)
		total += lens[i]
	}
	if d.Count(1) != total {
		d.Fail("string lengths do not add up")
	}
	all := string(d.Take(total))
	if d.err != nil {
		return nil
	}
	out := make([]string, n)
	at := 0
	for i, l := range lens {
		out[i] = all[at : at+l]
		at += l
	}
	return out
}

// Ints reads what Encoder.Ints wrote, each number below limit.
func (d *Decoder) Ints(limit int) []int32 {
	n := d.Count(1)
	out := make([]int32, n)
	for i := range out {
		v := d.Uint()
		if v >= uint64(limit) {
			d.Fail("article number out of range")
			return nil
		}
		out[i] = int32(v)
	}
	return out
}

// DeltasInto reads what Encoder.Deltas wrote, ascending numbers below
// limit, into slab (see Carve); it returns them and what is left of slab.
func (d *Decoder) DeltasInto(limit int, slab []uint32) ([]uint32, []uint32) {
	n := d.Count(1)
	if n == 0 {
		return nil, slab
	}
	room, slab := Carve(slab, n, 64<<10)
	return d.decodeDeltas(n, limit, room), slab
}

// Carve takes room for n values from the end of slab, starting a new
// slab of chunk values when it is full (a large n gets an allocation of
// its own): a few large allocations rather than one a list, which the
// collector marks once. The room is capped, so that appending to it
// copies it rather than write over the next list.
func Carve[T any](slab []T, n, chunk int) (room, rest []T) {
	if n > cap(slab)-len(slab) {
		if n > chunk/8 {
			return make([]T, n), slab
		}
		slab = make([]T, 0, chunk)
	}
	at := len(slab)
	return slab[at : at+n : at+n], slab[:at+n]
}

// SkipUvarints steps over n uvarints and returns their bytes, where they
// lie in data; ok is false, and nothing is stepped over, when the bytes
// end first.
func (d *Decoder) SkipUvarints(n int) (_ []byte, ok bool) {
	if d.err != nil {
		return nil, false
	}
	from := d.off
	end := skipUvarints(d.b, from, n)
	if end < 0 {
		return nil, false
	}
	d.off = end
	return d.b[from:end], true
}

// skipUvarints returns where the n uvarints from b[off] end, or -1 when b
// ends first. A uvarint ends at a byte below 0x80, so it counts those,
// eight bytes at a time.
func skipUvarints(b []byte, off, n int) int {
	i := off
	for ; n >= 8 && i+8 <= len(b); i += 8 {
		ends := bits.OnesCount64(^binary.LittleEndian.Uint64(b[i:]) & 0x8080808080808080)
		if ends > n {
			break
		}
		n -= ends
	}
	for ; n > 0 && i < len(b); i++ {
		if b[i] < 0x80 {
			n--
		}
	}
	if n > 0 {
		return -1
	}
	return i
}

// decodeDeltas reads n ascending numbers below limit into out; nil when
// they are not.
func (d *Decoder) decodeDeltas(n, limit int, out []uint32) []uint32 {
	prev := uint64(0)
	for i := range out {
		prev += d.Uint()
		if prev >= uint64(limit) || i > 0 && uint32(prev) <= out[i-1] {
			d.Fail("postings out of order")
			return nil
		}
		out[i] = uint32(prev)
	}
	return out
}
