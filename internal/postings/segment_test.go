package postings

import (
	"math"
	"slices"
	"testing"
)

type run struct {
	n  int32
	ps []uint32
}

// encode returns the postings and the segment of runs (article numbers
// ascending).
func encode(runs []run) (post, seg []byte) {
	var raw []uint32
	var b Builder
	for _, r := range runs {
		b.Add(r.n, uint32(len(r.ps)))
		raw = append(append(raw, uint32(len(r.ps))), r.ps...)
	}
	return b.Flush(nil), AppendSegment(nil, raw)
}

// readSegment reads every run back, all its positions, or some of them
// (upto) and the rest stepped over.
func readSegment(post, seg []byte, upto uint32) ([]run, bool) {
	var out []run
	r := NewRunReader(post, 0, seg)
	for {
		n, ok := r.Next()
		if !ok {
			break
		}
		ps, ok := r.Positions(nil, upto)
		if !ok {
			return out, false
		}
		out = append(out, run{n, ps})
	}
	return out, !r.Bad()
}

// FuzzPositionRuns: what AppendSegment writes, SegReader reads back the
// same; any other bytes, matched as a segment, never panic.
func FuzzPositionRuns(f *testing.F) {
	f.Add([]byte{1, 0, 3, 5, 2, 1, 1, 200, 7})
	f.Add([]byte{0, 1, 0x80, 0x80, 0x80, 0x80, 0x10, 3})
	f.Add([]byte{3, 9, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		// Round trip: data read as (article gap, count, position gaps...).
		var want []run
		n := int32(-1)
		for r := data; len(r) >= 2; {
			n += int32(r[0])*int32(r[0]) + 1
			k := 1 + int(r[1]%20)
			r = r[2:]
			var ps []uint32
			p := uint32(0)
			for ; k > 0; k-- {
				if len(r) > 0 {
					p += uint32(r[0]) * uint32(r[0]) * 3
					r = r[1:]
				}
				ps = append(ps, p)
				p++
			}
			want = append(want, run{n, ps})
		}
		post, seg := encode(want)
		got, ok := readSegment(post, seg, math.MaxUint32)
		if !ok || !equalRuns(got, want) {
			t.Fatalf("read %+v (ok %v), want %+v", got, ok, want)
		}
		// Decoding stops after the first position past upto; the rest
		// is stepped over.
		short, ok := readSegment(post, seg, 0)
		for i := range short {
			ps := want[i].ps[:1]
			if ps[0] == 0 {
				ps = want[i].ps[:min(2, len(want[i].ps))]
			}
			if !ok || short[i].n != want[i].n || !slices.Equal(short[i].ps, ps) {
				t.Fatalf("upto 0: %+v, want %+v", short[i], want[i])
			}
		}
		if len(short) != len(want) {
			t.Fatalf("upto 0: %d runs of %d", len(short), len(want))
		}

		// Corrupt: data itself as the segment, of its own postings or of
		// garbage.
		for _, p := range [][]byte{data, post} {
			readSegment(p, data, math.MaxUint32)
			readSegment(p, data, 3)
		}
	})
}

func equalRuns(a, b []run) bool {
	return slices.EqualFunc(a, b, func(x, y run) bool { return x.n == y.n && slices.Equal(x.ps, y.ps) })
}

// The edge cases of the coding: one position, many, far apart, at the
// largest numbers, and articles far apart.
func TestSegmentRoundTrip(t *testing.T) {
	many := make([]uint32, 5000)
	for i := range many {
		many[i] = uint32(i * 3)
	}
	dense := make([]uint32, 300)
	for i := range dense {
		dense[i] = uint32(i)
	}
	for _, tc := range []struct {
		name string
		runs []run
	}{
		{"none", nil},
		{"one position", []run{{0, []uint32{0}}}},
		{"one far", []run{{7, []uint32{1<<32 - 1}}}},
		{"many", []run{{1, many}, {2, []uint32{5}}, {3, dense}}},
		{"long gaps", []run{{0, []uint32{0, 1 << 20, 1<<31 + 5, 1<<32 - 2, 1<<32 - 1}}}},
		{"articles far apart", []run{{0, []uint32{3}}, {1 << 20, []uint32{3}}, {math.MaxInt32, []uint32{0, 1}}}},
		{"a long run among short", []run{{4, []uint32{9}}, {5, many[:longRun]}, {6, many[:longRun-1]}, {9, []uint32{2, 4}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			post, seg := encode(tc.runs)
			got, ok := readSegment(post, seg, math.MaxUint32)
			if !ok || !equalRuns(got, tc.runs) {
				t.Fatalf("read %v (ok %v), want %v", got, ok, tc.runs)
			}
			// Every article, none of its positions read.
			r := NewRunReader(post, 0, seg)
			for i := range tc.runs {
				if n, ok := r.Next(); !ok || n != tc.runs[i].n {
					t.Fatalf("run %d stepped over: article %d (%v)", i, n, ok)
				}
			}
			if _, ok := r.Next(); ok || r.Bad() {
				t.Fatalf("a run after the last (bad %v)", r.Bad())
			}
			// Cut short anywhere, it is bad.
			for cut := range len(seg) {
				if _, ok := readSegment(post, seg[:cut], math.MaxUint32); ok {
					t.Fatalf("cut at %d of %d: read it all", cut, len(seg))
				}
			}
		})
	}
}

// A common word costs a bit or two a position: "the", 60 in each body of
// 800 words, every article.
func TestSegmentIsSmall(t *testing.T) {
	var runs []run
	total := 0
	for n := range int32(1000) {
		var ps []uint32
		for p := uint32(n % 7); p < 800; p += 13 {
			ps = append(ps, p)
		}
		runs = append(runs, run{n, ps})
		total += len(ps)
	}
	post, seg := encode(runs)
	if bits := len(seg) * 8; bits > total*6 {
		t.Errorf("%d bits for %d positions", bits, total)
	}
	if got, ok := readSegment(post, seg, math.MaxUint32); !ok || !equalRuns(got, runs) {
		t.Fatal("does not read back")
	}
}
