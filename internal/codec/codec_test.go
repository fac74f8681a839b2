package codec

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// encode returns what fn wrote through an Encoder.
func encode(t testing.TB, fn func(e *Encoder)) []byte {
	t.Helper()
	var buf bytes.Buffer
	e := NewEncoder(&buf, 64)
	fn(e)
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRoundTrip: every read gives back what its write wrote, and the
// decoder ends at the last byte.
func TestRoundTrip(t *testing.T) {
	long := strings.Repeat("x", arenaChunk/8+1) // past the arena: a string of its own
	words := []string{"", "almaty", "kitibez", long}
	var offsets []int64
	b := encode(t, func(e *Encoder) {
		offsets = append(offsets, e.Offset())
		e.Uint(0)
		e.Uint(1 << 60)
		e.Int(-5)
		e.U64(0xdeadbeef)
		e.Bool(true)
		e.Bool(false)
		offsets = append(offsets, e.Offset())
		e.Str("grüße")
		e.Str(long)
		e.Strings(words)
		e.Uint(2)
		e.Ints([]int32{3, 0, 2})
		e.Deltas([]uint32{0, 7, 9, 1000})
		e.Deltas(nil)
		e.Bytes([]byte("kept"))
		e.CopyFrom(strings.NewReader("copied"))
	})
	if offsets[1] != 1+9+1+8+1+1 {
		t.Errorf("offset after the numbers = %d, want 21", offsets[1])
	}
	d := NewDecoder(b, 0, len(b))
	if got := d.Uint(); got != 0 {
		t.Errorf("Uint = %d", got)
	}
	if got := d.Uint(); got != 1<<60 {
		t.Errorf("Uint = %d", got)
	}
	if got := d.Int(); got != -5 {
		t.Errorf("Int = %d", got)
	}
	if got := d.U64(); got != 0xdeadbeef {
		t.Errorf("U64 = %x", got)
	}
	if !d.Bool() || d.Bool() {
		t.Error("Bool: not true then false")
	}
	if got := d.Str(); got != "grüße" {
		t.Errorf("Str = %q", got)
	}
	if got := d.Str(); got != long {
		t.Errorf("Str of %d bytes: got %d", len(long), len(got))
	}
	if got := d.Strings(); !slices.Equal(got, words) {
		t.Errorf("Strings = %q", got)
	}
	if got := d.Ref(words); got != "kitibez" {
		t.Errorf("Ref = %q", got)
	}
	if got := d.Ints(4); !slices.Equal(got, []int32{3, 0, 2}) {
		t.Errorf("Ints = %v", got)
	}
	var slab []uint32
	got, slab := d.DeltasInto(1001, slab)
	if !slices.Equal(got, []uint32{0, 7, 9, 1000}) {
		t.Errorf("DeltasInto = %v", got)
	}
	if none, _ := d.DeltasInto(1001, slab); none != nil {
		t.Errorf("DeltasInto of none = %v", none)
	}
	at := d.Offset()
	if got := string(d.Keep(4)); got != "kept" || d.Kept() != at {
		t.Errorf("Keep = %q from %d, want kept from %d", got, d.Kept(), at)
	}
	if got := string(d.Take(6)); got != "copied" {
		t.Errorf("Take = %q", got)
	}
	if err := d.Finish(); err != nil {
		t.Fatal(err)
	}
}

// TestDecoderRefuses: each read refuses what no encoder writes, and the
// first error stays.
func TestDecoderRefuses(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		read func(d *Decoder)
		want string
	}{
		{"a length past the bytes", []byte{3, 1, 2}, func(d *Decoder) { d.Count(1) }, "length out of range"},
		{"a string cut short", []byte{5, 'a'}, func(d *Decoder) { d.Str() }, "length out of range"},
		{"a number cut short", []byte{0x80}, func(d *Decoder) { d.Uint() }, "bad number"},
		{"a number past limit", []byte{1, 4}, func(d *Decoder) { d.Ints(4) }, "article number out of range"},
		{"deltas not ascending", []byte{2, 3, 0}, func(d *Decoder) { d.DeltasInto(10, nil) }, "postings out of order"},
		{"deltas past limit", []byte{1, 10}, func(d *Decoder) { d.DeltasInto(10, nil) }, "postings out of order"},
		{"a ref past the strings", []byte{2}, func(d *Decoder) { d.Ref([]string{"a", "b"}) }, "string number out of range"},
		{"lengths that do not add up", []byte{1, 1, 2, 'a', 'b'}, func(d *Decoder) { d.Strings() }, "string lengths do not add up"},
		{"bytes after the end", []byte{1, 1}, func(d *Decoder) { d.Uint(); d.Finish() }, "bytes after the end"},
		{"eight bytes of four", []byte{1, 2, 3, 4}, func(d *Decoder) { d.U64() }, "truncated"},
	}
	for _, c := range cases {
		d := NewDecoder(c.data, 0, len(c.data))
		c.read(d)
		if d.Err() == nil || !strings.Contains(d.Err().Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, d.Err(), c.want)
			continue
		}
		first := d.Err()
		d.Fail("later")
		if d.Uint() != 0 || d.Str() != "" || d.Finish() != first {
			t.Errorf("%s: reads after the error did not return zero and the first error", c.name)
		}
	}
}

// TestCountAtTheLimit: a length is taken up to what the bytes left could
// hold at min bytes an item, and refused one past it.
func TestCountAtTheLimit(t *testing.T) {
	for _, min := range []int{1, 3} {
		rest := 12
		for _, n := range []int{rest / min, rest/min + 1} {
			data := append(binary.AppendUvarint(nil, uint64(n)), make([]byte, rest)...)
			d := NewDecoder(data, 0, len(data))
			got := d.Count(min)
			if ok := n <= rest/min; ok != (d.Err() == nil) || ok && got != n {
				t.Errorf("Count(%d) of %d with %d bytes left = %d, %v", min, n, rest, got, d.Err())
			}
		}
	}
}

// TestDecoderPart: a decoder of a part reads from its first byte and
// ends at its last, and Kept says len(data) when nothing was kept.
func TestDecoderPart(t *testing.T) {
	data := []byte{9, 1, 2, 9}
	d := NewDecoder(data, 1, 3)
	if d.Uint() != 1 || d.Uint() != 2 || d.Finish() != nil {
		t.Fatalf("part [1,3): %v", d.Err())
	}
	if d.Kept() != len(data) {
		t.Errorf("Kept = %d with nothing kept, want %d", d.Kept(), len(data))
	}
}

// TestCarve: rooms come from one slab until it is full, a large one gets
// its own, and appending to a room never writes over the next.
func TestCarve(t *testing.T) {
	var slab []int
	a, slab := Carve(slab, 3, 64)
	b, slab := Carve(slab, 3, 64)
	if &a[0] == &b[0] || cap(a) != 3 || len(slab) != 6 {
		t.Fatalf("two rooms: cap %d, slab %d", cap(a), len(slab))
	}
	b[0] = 7
	_ = append(a, 1)
	if b[0] != 7 {
		t.Error("appending to a room wrote over the next")
	}
	full := slab[:len(slab):len(slab)]
	big, rest := Carve(full, 3, 8) // 3 > 8/8: its own
	if len(big) != 3 || len(rest) != len(full) {
		t.Errorf("a large room came from the slab")
	}
	small, rest := Carve(full, 1, 8) // a new slab
	if cap(rest) != 8 || len(rest) != 1 || &small[0] != &rest[0] {
		t.Errorf("a small room in a full slab: slab len %d cap %d", len(rest), cap(rest))
	}
}

// FuzzDecoder: no bytes make a read panic, or allocate more than the
// bytes could hold.
func FuzzDecoder(f *testing.F) {
	f.Add(encode(f, func(e *Encoder) {
		e.Strings([]string{"a", "bc"})
		e.Deltas([]uint32{1, 5})
		e.Ints([]int32{0, 1})
		e.Str("x")
	}))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		d := NewDecoder(b, 0, len(b))
		for d.Err() == nil && d.Offset() < len(b) {
			before := d.Offset()
			switch b[before] % 7 {
			case 0:
				d.Strings()
			case 1:
				d.DeltasInto(1<<20, nil)
			case 2:
				if got := d.Ints(1 << 20); len(got) > len(b) {
					t.Fatalf("%d numbers from %d bytes", len(got), len(b))
				}
			case 3:
				d.Str()
			case 4:
				d.SkipUvarints(int(d.Uint() % 64))
			case 5:
				d.Int()
			default:
				d.Keep(d.Count(1))
			}
			if d.Err() == nil && d.Offset() <= before {
				d.Uint() // a read of nothing: step on
			}
		}
		d.Finish()
	})
}

// TestSkipUvarints: stepping over uvarints eight bytes at a time ends
// where reading them one by one does, and says when the bytes run out.
func TestSkipUvarints(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for range 2000 {
		var b []byte
		var ends []int // ends[i]: where the first i+1 uvarints end
		for range r.IntN(100) {
			b = binary.AppendUvarint(b, r.Uint64()>>r.IntN(64))
			ends = append(ends, len(b))
		}
		for n := 0; n <= len(ends)+1; n++ {
			want := -1
			switch {
			case n == 0:
				want = 0
			case n <= len(ends):
				want = ends[n-1]
			}
			if got := skipUvarints(b, 0, n); got != want {
				t.Fatalf("skipUvarints(%x, 0, %d) = %d, want %d", b, n, got, want)
			}
		}
	}
	// A long run of one-byte numbers, from an offset.
	b := append([]byte{0x80, 0x01}, bytes.Repeat([]byte{5}, 100)...)
	if got := skipUvarints(b, 2, 99); got != 101 {
		t.Errorf("99 one-byte numbers from 2 end at %d, want 101", got)
	}
}
