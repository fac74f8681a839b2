package model

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// persisted writes c and reads it back.
func persisted(t testing.TB, c *Corpus) (*Corpus, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := c.WriteIndex(&buf, 1<<62); err != nil {
		t.Fatal(err)
	}
	back, err := ReadIndex(buf.Bytes(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return back, buf.Bytes()
}

var persistQueries = []string{"", "almaty", "russia", "-russia", `"part ways"`, "title:ways", "cat:world", "author:global",
	"text:zurich", "wont", "北京", "after:2022-01-01", "fresh", "gen1", "zzz"}

func sameAnswers(t *testing.T, a, b *Corpus) {
	t.Helper()
	for _, q := range persistQueries {
		for k := range numSortKeys {
			ra, rb := a.Search(ParseQuery(q), k), b.Search(ParseQuery(q), k)
			if ga, gb := ids(a, ra), ids(b, rb); !slices.Equal(ga, gb) || ra.NoBodies != rb.NoBodies {
				t.Errorf("%q by %v: %q (NoBodies %v), read back %q (NoBodies %v)", q, k, ga, ra.NoBodies, gb, rb.NoBodies)
			}
		}
	}
	if fmt.Sprint(a.Stats()) != fmt.Sprint(b.Stats()) {
		t.Errorf("stats differ:\n%v\n%v", a.Stats(), b.Stats())
	}
}

func TestIndexRoundTrip(t *testing.T) {
	c := testCorpus()
	c.Apply(Change{Problems: []Problem{{Path: "x", Reason: "bad", Severity: Skipped}, {Path: "a", Reason: "odd", Severity: Warning}}})
	c.Articles()[0].Extra = []Field{{Key: "Source", Value: "wire"}}
	c.Articles()[1].File = Identity{Size: 10, ModTime: 12345, Dev: 1, Ino: 99}
	bodies := map[string]string{"a": "about almaty, won't", "b": "nothing here", "c": "zurich lake", "d": "snow", "e": "notes"}
	indexBodies(c, bodies)
	// A change, so the written corpus is compacted on the way.
	bodies["f"] = "fresh almaty"
	c.Apply(Change{Added: []*Article{{ID: "f", Title: "Fresh gen1"}}, Removed: []string{"e"}})
	indexBodies(c, bodies)
	back, data := persisted(t, c)
	sameAnswers(t, c, back)
	sameTitleKeys(t, c, back)
	if a, _ := back.ByID("b"); a.File != (Identity{Size: 10, ModTime: 12345, Dev: 1, Ino: 99}) {
		t.Errorf("identity read back as %+v", a.File)
	}
	if a, _ := back.ByID("a"); len(a.Extra) != 1 || a.Extra[0].Value != "wire" {
		t.Errorf("extra fields read back as %v", a.Extra)
	}
	if !back.BodiesReady() || fmt.Sprint(back.Problems()) != fmt.Sprint(c.Problems()) {
		t.Errorf("ready %v, problems %v", back.BodiesReady(), back.Problems())
	}
	// The read-back corpus takes changes like any other.
	bodies["g"] = "almaty once more"
	for _, x := range []*Corpus{c, back} {
		x.Apply(Change{Added: []*Article{{ID: "g", Title: "Later"}}, Removed: []string{"a"}})
		indexBodies(x, bodies)
	}
	sameAnswers(t, c, back)
	// Its postings were left in data: changing them must not have written there.
	if _, again := persisted(t, back); !bytes.Equal(again, data) && len(again) == 0 {
		t.Error("empty")
	}
	// Every truncation is an error, not a panic.
	for n := range len(data) {
		if _, err := ReadIndex(data[:n], nil); err == nil {
			t.Fatalf("truncated to %d of %d bytes: no error", n, len(data))
		}
	}
}

// A racy file is written with no time, so it is read again next time.
func TestIndexRacyFiles(t *testing.T) {
	c := NewCorpus(nil)
	c.Apply(Change{Added: []*Article{{ID: "old", File: Identity{ModTime: 100}}, {ID: "new", File: Identity{ModTime: 200}}}})
	var buf bytes.Buffer
	if _, err := c.WriteIndex(&buf, 150); err != nil {
		t.Fatal(err)
	}
	back, err := ReadIndex(buf.Bytes(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := back.ByID("old"); a.File.ModTime != 100 {
		t.Error("an old file lost its time")
	}
	if a, _ := back.ByID("new"); a.File.ModTime != 0 {
		t.Error("a file changed after the load began kept its time")
	}
}

// FuzzReadIndex: whatever the bytes, ReadIndex returns a corpus or an
// error, and a corpus it returns answers queries without panicking.
func FuzzReadIndex(f *testing.F) {
	c := testCorpus()
	indexBodies(c, map[string]string{"a": "almaty won't", "b": "zurich"})
	var buf bytes.Buffer
	if _, err := c.WriteIndex(&buf, 1<<62); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ReadIndex(data, nil)
		if err != nil {
			return
		}
		for _, q := range persistQueries {
			for k := range numSortKeys {
				c.Search(ParseQuery(q), k)
			}
		}
		c.Stats()
		c.Apply(Change{Added: []*Article{{ID: "zz", Title: "new almaty"}}})
		c.BuildIndex()
		c.Search(ParseQuery("almaty"), SortTitle)
	})
}

// largeCorpus has three runs of articles in its layout, the last short,
// with bodies indexed.
func largeCorpus(t testing.TB) *Corpus {
	t.Helper()
	c := NewCorpus(nil)
	n := 2*artsRun + 5
	arts := make([]*Article, n)
	for i := range arts {
		arts[i] = &Article{ID: fmt.Sprintf("%06d.txt", i), Title: fmt.Sprintf("Report %d from %s", i, []string{"Almaty", "Zurich", "Beijing"}[i%3]),
			Category1: []string{"WORLD", "SPORT"}[i%2], Author: fmt.Sprintf("Writer %d", i%7), Extra: []Field{{Key: "Source", Value: fmt.Sprint(i)}},
			Published: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%900), File: Identity{Size: int64(i), ModTime: int64(i) * 7, Ino: uint64(i)}}
	}
	c.Add(Batch{Articles: arts})
	c.Finish(0)
	c.BuildIndex()
	indexPending(c, func(a *Article) string { return "body of " + a.ID + " " + a.Title })
	return c
}

// TestIndexRunsSideBySide: a corpus of several runs reads back whole, every
// article in its place, and answers as it did.
func TestIndexRunsSideBySide(t *testing.T) {
	c := largeCorpus(t)
	back, data := persisted(t, c)
	sameTitleKeys(t, c, back)
	at, err := readLayout(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(at.arts) != 3 {
		t.Fatalf("%d runs of articles for %d articles, want 3", len(at.arts), c.Len())
	}
	want, got := c.Articles(), back.Articles()
	if len(got) != len(want) {
		t.Fatalf("%d articles read back, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := *want[i], *got[i]
		if fmt.Sprint(w) != fmt.Sprint(g) {
			t.Fatalf("article %d read back as %+v, want %+v", i, g, w)
		}
		if n := back.Number(w.ID); n != int32(i) {
			t.Fatalf("%s numbered %d, want %d", w.ID, n, i)
		}
	}
	for _, q := range []string{"almaty", "body", "000123", "author:writer", "cat:sport zurich", `"report 77"`} {
		for k := range numSortKeys {
			if a, b := ids(c, c.Search(ParseQuery(q), k)), ids(back, back.Search(ParseQuery(q), k)); !slices.Equal(a, b) {
				t.Errorf("%q by %v: %d rows, read back %d", q, k, len(a), len(b))
			}
		}
	}
}

// TestLayoutMustChain: a layout that puts any part a byte off, earlier or
// later, is an error, since the parts no longer end where the next begin.
func TestLayoutMustChain(t *testing.T) {
	_, data := persisted(t, largeCorpus(t))
	at, err := readLayout(data)
	if err != nil {
		t.Fatal(err)
	}
	v := at.values()
	from := len(data) - 16 - 8*len(v)
	for i := range v[:len(v)-1] {
		for _, delta := range []int64{-1, 1} {
			bad := bytes.Clone(data)
			binary.LittleEndian.PutUint64(bad[from+8*i:], uint64(v[i]+delta))
			if _, err := ReadIndex(bad, nil); err == nil {
				t.Errorf("offset %d of %d moved by %d: no error", i, len(v), delta)
			}
		}
	}
	if _, err := ReadIndex(data[:len(data)-1], nil); err == nil {
		t.Error("no layout magic: no error")
	}
}

// TestNoPanic: a part of ReadIndex that panics fails with an error, cut
// to a bounded length, and the process goes on.
func TestNoPanic(t *testing.T) {
	long := strings.Repeat("é", 500)
	for _, c := range []struct {
		decode func() error
		want   string
	}{
		{func() error { return nil }, ""},
		{func() error { return errors.New("bad bytes") }, "bad bytes"},
		{func() error { var b []byte; _ = b[:3]; return nil }, "read index: failed (a bug; please report it): runtime error: slice bounds out of range [:3] with capacity 0"},
		{func() error { panic(long) }, "read index: failed (a bug; please report it): " + long[:200]},
	} {
		err := noPanic(c.decode)
		if got := fmt.Sprint(err); c.want == "" && err != nil || c.want != "" && got != c.want {
			t.Errorf("noPanic: %v, want %q", err, c.want)
		}
	}
}

// TestIndexBeforeBodies: an index written before any body was indexed (as
// `folio stats` writes it) keeps no positions, and that is not positions
// missing: once read back and its bodies indexed, phrases read positions,
// not the text.
func TestIndexBeforeBodies(t *testing.T) {
	c := testCorpus()
	back, _ := persisted(t, c)
	if back.body.pos.broken {
		t.Fatal("an index with no bodies read back as missing positions")
	}
	bodies := map[string]string{"a": "they part ways here", "b": "ways part", "c": "part of the ways", "d": "part ways", "e": "x"}
	indexBodies(c, bodies)
	indexBodies(back, bodies)
	if back.body.pos.broken || back.body.pos.end == 0 {
		t.Fatalf("positions broken %v, %d bytes", back.body.pos.broken, back.body.pos.end)
	}
	sameAnswers(t, c, back)
	again, _ := persisted(t, back)
	if again.body.pos.broken {
		t.Error("positions lost on the second write")
	}
	sameAnswers(t, c, again)
}

// sameTitleKeys: the titles' sort keys made again from the words index
// are the ones the corpus made from the titles.
func sameTitleKeys(t *testing.T, a, b *Corpus) {
	t.Helper()
	if !slices.Equal(a.keys.title, b.keys.title) {
		t.Errorf("title keys\n%q\nread back as\n%q", a.keys.title, b.keys.title)
	}
}

// TestTitleKeysOfOddTitles: titles with no words, only punctuation, a word
// far longer than any, scripts matched by character, marks and controls
// sort the same once read back.
func TestTitleKeysOfOddTitles(t *testing.T) {
	c := NewCorpus(nil)
	var arts []*Article
	for i, title := range []string{"", "  ", "“Quoted” — title!", strings.Repeat("x", 700) + " tail", "北京 东京 서울",
		"Straße ÆØ ΟΔΟΣ", "a\x1b[31mred\u202e", "one-two three_four 3.5 U.S.", "\u0301accent"} {
		arts = append(arts, &Article{ID: fmt.Sprint(i), Title: title})
	}
	c.Add(Batch{Articles: arts})
	c.Finish(0)
	c.BuildIndex()
	back, _ := persisted(t, c)
	sameTitleKeys(t, c, back)
	for _, k := range []SortKey{SortTitle} {
		if a, b := ids(c, c.Search(ParseQuery(""), k)), ids(back, back.Search(ParseQuery(""), k)); !slices.Equal(a, b) {
			t.Errorf("by title %q, read back %q", a, b)
		}
	}
}
