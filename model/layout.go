package model

import (
	"encoding/binary"
	"errors"

	"github.com/folio-reader/folio/internal/codec"
)

// artsRun is how many articles each of the layout's runs holds: runs
// small enough that a corpus of tens of thousands has several to decode
// side by side.
const artsRun = 1 << 14

// layoutMagic ends an index, after its layout.
const layoutMagic = "folio-lo"

// layout is where each part of an index starts, in bytes from its first:
// written after everything else, so that ReadIndex can decode the parts
// on every core rather than one after the other. Nothing in it is taken
// on trust: each part
// must end exactly where the next begins, so the parts read the bytes a
// decoding from the first byte to the last would.
type layout struct {
	arts     []int64 // each run of artsRun articles
	problems int64   // the problems, then the time the load took
	words    int64   // the words index
	keys     int64   // the sort keys
	orders   int64   // the sort orders
	body     int64   // the body index and its positions
	end      int64   // the layout itself
}

// parts are the layout's offsets after the runs of articles, in order.
func (l *layout) parts() []*int64 {
	return []*int64{&l.problems, &l.words, &l.keys, &l.orders, &l.body, &l.end}
}

// values is the layout in order, as appendTo writes it.
func (l *layout) values() []int64 {
	v := append([]int64(nil), l.arts...)
	for _, p := range l.parts() {
		v = append(v, *p)
	}
	return v
}

// appendTo writes the layout: its offsets, their count, then
// layoutMagic; it returns how many bytes that took.
func (l *layout) appendTo(e *codec.Encoder) int64 {
	v := l.values()
	for _, x := range v {
		e.U64(uint64(x))
	}
	e.U64(uint64(len(v)))
	e.Bytes([]byte(layoutMagic))
	return int64(8*len(v) + 16)
}

// readLayout reads the layout at the end of data, checking only that its
// offsets climb from the first to the last, which must be where the
// layout begins.
func readLayout(data []byte) (layout, error) {
	var l layout
	bad := errors.New("read index: no layout at the end")
	if len(data) < 16 || string(data[len(data)-8:]) != layoutMagic {
		return l, bad
	}
	k := binary.LittleEndian.Uint64(data[len(data)-16:])
	fixed := len(l.parts())
	if k < uint64(fixed) || k > uint64(len(data)-16)/8 {
		return l, bad
	}
	from := len(data) - 16 - 8*int(k)
	v := make([]int64, k)
	for i := range v {
		x := binary.LittleEndian.Uint64(data[from+8*i:])
		if x > uint64(from) || i > 0 && int64(x) < v[i-1] {
			return l, errors.New("read index: its layout is out of order")
		}
		v[i] = int64(x)
	}
	if v[k-1] != int64(from) {
		return l, errors.New("read index: its layout does not end where it begins")
	}
	runs := int(k) - fixed
	l.arts = v[:runs]
	for i, p := range l.parts() {
		*p = v[runs+i]
	}
	return l, nil
}
