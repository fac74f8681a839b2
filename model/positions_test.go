package model

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/folio-reader/folio/internal/postings"
)

type readerAt []byte

func (r readerAt) ReadAt(b []byte, off int64) (int, error) { return copy(b, r[off:]), nil }

// FuzzPhraseCorrupt: any bytes, matched as every segment of a phrase,
// beside postings that decode or beside themselves, never panic.
func FuzzPhraseCorrupt(f *testing.F) {
	f.Add([]byte{1, 0, 3, 5, 2, 1, 1, 200, 7})
	f.Add([]byte{0, 1, 0x80, 0x80, 0x80, 0x80, 0x10, 3})
	f.Add([]byte{3, 9, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		var post postings.Builder // an article a byte, ascending, each with a count
		n := int32(0)
		for i, b := range data {
			n += int32(b%4) + int32(min(i, 1))
			post.Add(n, 1+uint32(b%3))
		}
		m := phraseMatcher{src: readerAt(data)}
		cand := newBitset(256)
		for i := range uint32(256) {
			cand.set(i)
		}
		for _, p := range [][]byte{data, post.Flush(nil)} {
			s := segRef{segment{n: uint32(len(data))}, p}
			steps := []phraseStep{{off: 0}, {off: 1}, {off: 2}}
			_ = m.match(cand, newBitset(256), steps, [][]segRef{{s}, {s}, {s, s}})
		}
	})
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
