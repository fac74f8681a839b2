package model

import (
	"bytes"
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
		var post []byte // an article a byte, ascending, each with a count
		for i, b := range data {
			post = postings.Append(post, int32(b%4)+int32(min(i, 1)), 1+uint32(b%3))
		}
		m := phraseMatcher{src: readerAt(data)}
		cand := newBitset(256)
		for i := range uint32(256) {
			cand.set(i)
		}
		for _, p := range [][]byte{data, post} {
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
