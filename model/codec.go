package model

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"unsafe"
)

// The cache's bytes: an encoder that WriteIndex writes with, a decoder
// that ReadIndex reads with, checking every length against what is left.

// encoder writes varints and strings, keeping the first error.
type encoder struct {
	w   *bufio.Writer
	out *countingWriter // under w
	buf [binary.MaxVarintLen64]byte
	err error
}

// offset is how many bytes the encoder has written.
func (e *encoder) offset() int64 { return e.out.n + int64(e.w.Buffered()) }

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	k, err := c.w.Write(p)
	c.n += int64(k)
	return k, err
}

func (e *encoder) uint(v uint64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendUvarint(e.buf[:0], v))
	}
}

func (e *encoder) int(v int64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendVarint(e.buf[:0], v))
	}
}

func (e *encoder) u64(v uint64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.LittleEndian.AppendUint64(e.buf[:0], v))
	}
}

func (e *encoder) bool(b bool) {
	v := uint64(0)
	if b {
		v = 1
	}
	e.uint(v)
}

func (e *encoder) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// strings writes a list as its lengths, then its bytes in one run, so that
// it is read back as one string cut in pieces.
func (e *encoder) strings(list []string) {
	e.uint(uint64(len(list)))
	total := 0
	for _, s := range list {
		e.uint(uint64(len(s)))
		total += len(s)
	}
	e.uint(uint64(total))
	for _, s := range list {
		if e.err == nil {
			_, e.err = e.w.WriteString(s)
		}
	}
}

// ints writes numbers, deltas writes ascending numbers as differences.
func (e *encoder) ints(v []int32) {
	e.uint(uint64(len(v)))
	for _, x := range v {
		e.uint(uint64(uint32(x)))
	}
}

func (e *encoder) deltas(v []uint32) {
	e.uint(uint64(len(v)))
	prev := uint32(0)
	for _, x := range v {
		e.uint(uint64(x - prev))
		prev = x
	}
}

func (e *encoder) flush() {
	if e.err == nil {
		e.err = e.w.Flush()
	}
}

// decoder reads what encoder wrote, bounds-checked: past the first error
// every read returns zero.
type decoder struct {
	b     []byte
	off   int
	err   error
	arena []byte // where str copies its strings
	kept  int    // where the first bytes keep took start; len(b) when none
}

// keep is take, of bytes the corpus goes on reading where they lie.
func (d *decoder) keep(n int) []byte {
	at := d.off
	b := d.take(n)
	if b != nil && n > 0 {
		d.kept = min(d.kept, at)
	}
	return b
}

// finish is the decoder's error, or one if it did not end at its last
// byte: each part of an index must end where the next begins.
func (d *decoder) finish() error {
	if d.err == nil && d.off != len(d.b) {
		d.fail("bytes after the end")
	}
	return d.err
}

// ref reads a string by its number in strs.
func (d *decoder) ref(strs []string) string {
	i := d.uint()
	if i >= uint64(len(strs)) {
		d.fail("string number out of range")
		return ""
	}
	return strs[i]
}

func (d *decoder) fail(why string) {
	if d.err == nil {
		d.err = fmt.Errorf("read index at byte %d: %s", d.off, why)
	}
}

// uint reads a uvarint. Most of a cache's numbers (word numbers, counts,
// gaps) take one byte, and those are read inline: through binary.Uvarint
// every one, they were a third of a warm start's decoding.
func (d *decoder) uint() uint64 {
	if d.off < len(d.b) && d.err == nil {
		if c := d.b[d.off]; c < 0x80 {
			d.off++
			return uint64(c)
		}
	}
	return d.uvarint()
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Uvarint(d.b[d.off:])
	if k <= 0 {
		d.fail("bad number")
		return 0
	}
	d.off += k
	return v
}

func (d *decoder) int() int64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Varint(d.b[d.off:])
	if k <= 0 {
		d.fail("bad number")
		return 0
	}
	d.off += k
	return v
}

func (d *decoder) u64() uint64 {
	b := d.take(8)
	if d.err != nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

func (d *decoder) bool() bool { return d.uint() == 1 }

// count reads a length, checked against what is left: each item takes at
// least min bytes, so a corrupt length cannot ask for a huge allocation.
func (d *decoder) count(min int) int {
	v := d.uint()
	if v > uint64(len(d.b)-d.off)/uint64(max(min, 1)) {
		d.fail("length out of range")
		return 0
	}
	return int(v)
}

func (d *decoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.b)-d.off {
		d.fail("truncated")
		return nil
	}
	b := d.b[d.off : d.off+n]
	d.off += n
	return b
}

// arenaChunk is how much the decoder allocates at once for strings.
const arenaChunk = 256 << 10

// str copies a string into the decoder's arena: one allocation for a few
// thousand strings (a warm start decodes some 200,000), which the
// collector then marks once rather than each on its own. An arena chunk
// lives as long as any of its strings.
func (d *decoder) str() string {
	b := d.take(d.count(1))
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

func (d *decoder) strings() []string {
	n := d.count(1)
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = d.count(1)
		total += lens[i]
	}
	if d.count(1) != total {
		d.fail("string lengths do not add up")
	}
	all := string(d.take(total))
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

func (d *decoder) ints(limit int) []int32 {
	n := d.count(1)
	out := make([]int32, n)
	for i := range out {
		v := d.uint()
		if v >= uint64(limit) {
			d.fail("article number out of range")
			return nil
		}
		out[i] = int32(v)
	}
	return out
}

// deltasInto reads a list of ascending numbers below limit into slab
// (see carve).
func (d *decoder) deltasInto(limit int, slab []uint32) ([]uint32, []uint32) {
	n := d.count(1)
	if n == 0 {
		return nil, slab
	}
	room, slab := carve(slab, n, 64<<10)
	return d.decodeDeltas(n, limit, room), slab
}

// carve takes room for n values from the end of slab, starting a new
// slab of chunk values when it is full (a large n gets an allocation of
// its own): a few large allocations rather than one a list, which the
// collector marks once. The room is capped, so that appending to it
// copies it rather than write over the next list.
func carve[T any](slab []T, n, chunk int) (room, rest []T) {
	if n > cap(slab)-len(slab) {
		if n > chunk/8 {
			return make([]T, n), slab
		}
		slab = make([]T, 0, chunk)
	}
	at := len(slab)
	return slab[at : at+n : at+n], slab[:at+n]
}

// decodeDeltas reads n ascending numbers below limit into out; nil when
// they are not.
func (d *decoder) decodeDeltas(n, limit int, out []uint32) []uint32 {
	prev := uint64(0)
	for i := range out {
		prev += d.uint()
		if prev >= uint64(limit) || i > 0 && uint32(prev) <= out[i-1] {
			d.fail("postings out of order")
			return nil
		}
		out[i] = uint32(prev)
	}
	return out
}
