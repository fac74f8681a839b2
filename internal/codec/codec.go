// Package codec is the byte form of folio's index cache: an Encoder of
// varints, strings and ascending lists, and a Decoder that reads them back
// checking every length against what is left, so that bad bytes make an
// error, never a panic or a huge allocation.
package codec

import (
	"bufio"
	"encoding/binary"
	"io"
)

// Encoder writes varints and strings, keeping the first error: each write
// after it does nothing, and Flush returns it.
type Encoder struct {
	w   *bufio.Writer
	out *countingWriter // under w
	buf [binary.MaxVarintLen64]byte
	err error
}

// NewEncoder returns an Encoder writing to w through a buffer of size
// bytes.
func NewEncoder(w io.Writer, size int) *Encoder {
	out := &countingWriter{w: w}
	return &Encoder{w: bufio.NewWriterSize(out, size), out: out}
}

// Offset is how many bytes the encoder has written.
func (e *Encoder) Offset() int64 { return e.out.n + int64(e.w.Buffered()) }

// Err is the first error a write met.
func (e *Encoder) Err() error { return e.err }

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

// Uint writes a uvarint.
func (e *Encoder) Uint(v uint64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendUvarint(e.buf[:0], v))
	}
}

// Int writes a varint.
func (e *Encoder) Int(v int64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendVarint(e.buf[:0], v))
	}
}

// U64 writes eight bytes, little-endian.
func (e *Encoder) U64(v uint64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.LittleEndian.AppendUint64(e.buf[:0], v))
	}
}

// Bool writes 1 or 0.
func (e *Encoder) Bool(b bool) {
	v := uint64(0)
	if b {
		v = 1
	}
	e.Uint(v)
}

// Bytes writes b as it is, with no length.
func (e *Encoder) Bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

// Str writes a string's length, then its bytes.
func (e *Encoder) Str(s string) {
	e.Uint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// Strings writes a list as its lengths, then its bytes in one run, so that
// it is read back as one string cut in pieces.
func (e *Encoder) Strings(list []string) {
	e.Uint(uint64(len(list)))
	total := 0
	for _, s := range list {
		e.Uint(uint64(len(s)))
		total += len(s)
	}
	e.Uint(uint64(total))
	for _, s := range list {
		if e.err == nil {
			_, e.err = e.w.WriteString(s)
		}
	}
}

// Ints writes numbers that are not negative.
func (e *Encoder) Ints(v []int32) {
	e.Uint(uint64(len(v)))
	for _, x := range v {
		e.Uint(uint64(uint32(x)))
	}
}

// Deltas writes ascending numbers as differences.
func (e *Encoder) Deltas(v []uint32) {
	e.Uint(uint64(len(v)))
	prev := uint32(0)
	for _, x := range v {
		e.Uint(uint64(x - prev))
		prev = x
	}
}

// CopyFrom writes all that r holds, as it is.
func (e *Encoder) CopyFrom(r io.Reader) {
	if e.err == nil {
		_, e.err = io.Copy(e.w, r)
	}
}

// Flush writes out what is buffered and returns the first error.
func (e *Encoder) Flush() error {
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}
