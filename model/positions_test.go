package model

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
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
	last := int32(0)
	for _, r := range runs {
		post = appendPosting(post, r.n-last, uint32(len(r.ps)))
		last = r.n
		raw = append(append(raw, uint32(len(r.ps))), r.ps...)
	}
	return post, appendSegment(nil, raw)
}

// readSegment reads every run back, all its positions, or some of them
// (upto) and the rest stepped over.
func readSegment(post, seg []byte, upto uint32) ([]run, bool) {
	var out []run
	r := newRunReader(post, 0, seg)
	for {
		n, ok := r.next()
		if !ok {
			break
		}
		ps, ok := r.seg.positions(nil, upto)
		if !ok {
			return out, false
		}
		out = append(out, run{n, ps})
	}
	return out, !r.bad()
}

// FuzzPositionRuns: what appendSegment writes, segReader reads back the
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

		// Corrupt: data itself as every segment of a phrase.
		// Corrupt: data itself as every segment of a phrase, and as the
		// postings, of its own segment or of garbage.
		m := phraseMatcher{src: readerAt(data)}
		cand := newBitset(256)
		for i := range uint32(256) {
			cand.set(i)
		}
		for _, p := range [][]byte{data, post} {
			s := segRef{segment{n: uint32(len(data))}, p}
			steps := []phraseStep{{off: 0}, {off: 1}, {off: 2}}
			_ = m.match(cand, newBitset(256), steps, [][]segRef{{s}, {s}, {s, s}})
			readSegment(p, data, math.MaxUint32)
			readSegment(p, data, 3)
		}
	})
}

func equalRuns(a, b []run) bool {
	return slices.EqualFunc(a, b, func(x, y run) bool { return x.n == y.n && slices.Equal(x.ps, y.ps) })
}

type readerAt []byte

func (r readerAt) ReadAt(b []byte, off int64) (int, error) { return copy(b, r[off:]), nil }

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
			r := newRunReader(post, 0, seg)
			for i := range tc.runs {
				if n, ok := r.next(); !ok || n != tc.runs[i].n {
					t.Fatalf("run %d stepped over: article %d (%v)", i, n, ok)
				}
			}
			if _, ok := r.next(); ok || r.bad() {
				t.Fatalf("a run after the last (bad %v)", r.bad())
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

// Bits written are read back, each code at its widths.
func TestBitCodes(t *testing.T) {
	var w bitWriter
	vals := []uint64{0, 1, 2, 15, 16, 17, 1<<31 - 1, 1 << 31, 1<<32 - 1, 1 << 32, 1<<40 - 1}
	for _, v := range vals {
		for k := range uint(32) {
			w.rice(v, k)
			if v > 0 {
				w.gamma(v)
			}
		}
	}
	r := bitReader{b: w.bytes()}
	for _, v := range vals {
		for k := range uint(32) {
			if got := r.rice(k); got != v {
				t.Fatalf("rice(%d, %d): read %d", v, k, got)
			}
			if v > 0 {
				if got := r.gamma(); got != v {
					t.Fatalf("gamma(%d): read %d", v, got)
				}
			}
		}
	}
	if r.bad || r.left() >= 8 {
		t.Fatalf("bad %v, %d bits left", r.bad, r.left())
	}
	r.read(9)
	if !r.bad {
		t.Fatal("read past the end, not bad")
	}
}

// TestSplicedReads: a read below, above and across the splice returns the
// bytes of old then new as one run.
func TestSplicedReads(t *testing.T) {
	old, added := []byte("0123456789"), []byte("abcdef")
	s := spliced{old: bytes.NewReader(old), at: int64(len(old)), new: bytes.NewReader(added)}
	whole := string(old) + string(added)
	for _, c := range []struct{ off, n int }{{0, 4}, {3, 7}, {8, 5}, {10, 6}, {12, 2}, {0, 16}} {
		b := make([]byte, c.n)
		if n, err := s.ReadAt(b, int64(c.off)); err != nil || n != c.n || string(b) != whole[c.off:c.off+c.n] {
			t.Errorf("ReadAt(%d, %d) = %q, %d, %v; want %q", c.off, c.n, b[:n], n, err, whole[c.off:c.off+c.n])
		}
	}
}

// TestSpillToAndClose: the positions file is made in the folder the
// corpus is given, and Close lets go of it; phrases then answer from the
// text, the same.
func TestSpillToAndClose(t *testing.T) {
	dir := t.TempDir()
	arts := generated(t, 200)
	c := NewCorpus(func(id string) (*Article, error) {
		for _, a := range arts {
			if a.ID == id {
				return a, nil
			}
		}
		return nil, os.ErrNotExist
	})
	c.SpillTo(dir)
	c.Add(Batch{Articles: arts})
	c.StartBodies()
	w := c.NewBodyWorker()
	for i, a := range arts {
		w.Add(int32(i), []byte(a.RawBody))
	}
	c.BodiesIndexed(c.Len())
	if p := c.body.pos.name; filepath.Dir(p) != dir {
		t.Fatalf("positions file %q, want it in %s", p, dir)
	}
	q := ParseQuery(`"the government"`)
	before := len(c.Search(q, SortNewest).Rows)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if c.body.pos.file != nil {
		t.Error("the file is still open")
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	if after := len(c.Search(q, SortNewest).Rows); after != before || before == 0 {
		t.Errorf("the phrase found %d after Close, %d before", after, before)
	}
}

// TestSpillStaysBounded: a corpus whose articles are replaced again and
// again, each time compacted, keeps a positions file of no more than
// twice its live positions, and its phrases still match.
func TestSpillStaysBounded(t *testing.T) {
	c := NewCorpus(nil)
	c.SpillTo(t.TempDir())
	bodies := map[string]string{}
	const n = 2000
	mk := func(i, gen int) *Article {
		id := fmt.Sprintf("%04d.txt", i)
		bodies[id] = fmt.Sprintf("the security council met gen%d about word%d and the security council spoke", gen, i%50)
		return &Article{ID: id, Title: fmt.Sprintf("title%d", i), Published: dayTime(int32(10000 + i))}
	}
	var all []*Article
	for i := range n {
		all = append(all, mk(i, 0))
	}
	c.Apply(Change{Added: all})
	indexBodies(c, bodies)
	for gen := 1; gen <= 12; gen++ {
		var ch []*Article
		for i := range n {
			ch = append(ch, mk(i, gen))
		}
		c.Apply(Change{Changed: ch})
		indexBodies(c, bodies)
		c.Apply(Change{})
		if spill, live := c.SpillBytes(), livePositionBytes(c); spill > 2*live {
			t.Fatalf("generation %d: a positions file of %d bytes for %d bytes of live positions", gen, spill, live)
		}
	}
	for q, want := range map[string]int{`"security council met gen12"`: n, `"council met gen11"`: 0, `"about word7 and"`: n / 50} {
		if got := len(c.Search(ParseQuery(q), SortNewest).Rows); got != want {
			t.Errorf("Search(%s): %d rows, want %d", q, got, want)
		}
	}
}

// livePositionBytes is the bytes of positions the segments point at.
func livePositionBytes(c *Corpus) int64 {
	c.body.mu.RLock()
	defer c.body.mu.RUnlock()
	var n int64
	for _, segs := range c.body.pos.segs {
		for _, s := range segs {
			n += int64(s.n)
		}
	}
	return n
}

// TestCopySegments: segments are copied one after another, across short
// gaps and long ones (past the reader's buffer), and overlapping ones or
// one past the end are refused.
func TestCopySegments(t *testing.T) {
	src := make([]byte, 5<<20)
	for i := range src {
		src[i] = byte(i * 7 / 3)
	}
	segs := []*segment{{off: 10, n: 5}, {off: 20, n: 100}, {off: 3 << 20, n: 7}, {off: 3<<20 + 7, n: 1}, {off: 5<<20 - 2, n: 2}}
	var out bytes.Buffer
	offs, n, err := copySegments(&out, bytes.NewReader(src), int64(len(src)), segs)
	if err != nil {
		t.Fatal(err)
	}
	var want []byte
	for i, s := range segs {
		if offs[i] != int64(len(want)) {
			t.Errorf("segment %d at %d, want %d", i, offs[i], len(want))
		}
		want = append(want, src[s.off:s.off+int64(s.n)]...)
	}
	if n != int64(len(want)) || !bytes.Equal(out.Bytes(), want) {
		t.Errorf("copied %d bytes, want %d, equal %v", n, len(want), bytes.Equal(out.Bytes(), want))
	}
	for _, bad := range [][]*segment{{{off: 10, n: 5}, {off: 12, n: 1}}, {{off: 5<<20 - 1, n: 2}}} {
		if _, _, err := copySegments(io.Discard, bytes.NewReader(src), int64(len(src)), bad); err == nil {
			t.Errorf("copied %+v", bad)
		}
	}
}
