package model

import (
	"encoding/binary"
	"slices"
	"testing"
)

// FuzzPositionRuns: what appendRun writes, runs and decodeRun read back the
// same; any other bytes, matched as a segment, never panic.
func FuzzPositionRuns(f *testing.F) {
	f.Add([]byte{1, 0, 3, 5, 2, 1, 1, 200, 7})
	f.Add([]byte{0, 1, 0x80, 0x80, 0x80, 0x80, 0x10, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		// Round trip: data read as (article gap, count, position gaps...).
		type art struct {
			n  int32
			ps []uint32
		}
		var want []art
		var seg []byte
		prev, n := int32(0), int32(0)
		for r := data; len(r) >= 2; {
			n += int32(r[0]) + 1
			k := int(r[1] % 8)
			r = r[2:]
			var ps []uint32
			p := uint32(0)
			for ; k > 0 && len(r) > 0; k-- {
				p += uint32(r[0]) * 37
				ps = append(ps, p)
				p++
				r = r[1:]
			}
			want = append(want, art{n, ps})
			seg = appendRun(seg, prev, n, ps)
			prev = n
		}
		rs := runs{r: varints{b: seg}}
		for i := 0; ; i++ {
			got, run, ok := rs.next()
			if !ok {
				if i != len(want) || rs.r.bad {
					t.Fatalf("read %d runs of %d (bad %v)", i, len(want), rs.r.bad)
				}
				break
			}
			ps, ok := decodeRun(nil, run, ^uint32(0))
			if i >= len(want) || got != want[i].n || !ok || !slices.Equal(ps, want[i].ps) {
				t.Fatalf("run %d: article %d positions %v, want %+v", i, got, ps, want[min(i, len(want)-1)])
			}
			if len(ps) > 0 {
				// Decoding stops after the first position past upto.
				short, _ := decodeRun(nil, run, ps[0])
				if !slices.Equal(short, ps[:min(2, len(ps))]) {
					t.Fatalf("decodeRun upto %d: %v of %v", ps[0], short, ps)
				}
			}
		}

		// Corrupt: data itself as every segment of a phrase.
		var m phraseMatcher
		m.pos = &positions{}
		cand := newBitset(256)
		for i := range uint32(256) {
			cand.set(i)
		}
		m.src = readerAt(data)
		s := segment{n: uint32(len(data))}
		steps := []phraseStep{{off: 0}, {off: 1}, {off: 2}}
		_ = m.match(cand, newBitset(256), steps, [][]segment{{s}, {s}, {s, s}})
	})
}

type readerAt []byte

func (r readerAt) ReadAt(b []byte, off int64) (int, error) { return copy(b, r[off:]), nil }

// A run's length covers its positions: a segment whose article skips an
// unneeded run is read as if it had been decoded.
func TestRunLengthSkips(t *testing.T) {
	var seg []byte
	seg = appendRun(seg, 0, 3, []uint32{1, 500, 70000})
	seg = appendRun(seg, 3, 9, []uint32{2})
	seg = appendRun(seg, 9, 10, make([]uint32, 40)) // a long run: its length after the header
	rs := runs{r: varints{b: seg}}
	n, run, _ := rs.next()
	if n != 3 || len(run) != 1+2+3 {
		t.Fatalf("first run: article %d, %d bytes", n, len(run))
	}
	n, run, ok := rs.next()
	if ps, _ := decodeRun(nil, run, ^uint32(0)); !ok || n != 9 || !slices.Equal(ps, []uint32{2}) {
		t.Fatalf("second run: article %d, %v", n, ps)
	}
	if n, run, ok := rs.next(); !ok || n != 10 || len(run) != 40 {
		t.Fatalf("long run: article %d, %d bytes", n, len(run))
	}
	if len(seg) != 1+6+1+1+2+40 {
		t.Fatalf("segment of %d bytes: the headers are not one byte each", len(seg))
	}
	if b := binary.AppendUvarint(nil, 70000-500); len(b) != 3 {
		t.Fatal("the test's arithmetic")
	}
}
