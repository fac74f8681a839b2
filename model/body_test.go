package model

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestBodyWordsMatchQueryWords: a body is cut into words exactly as query
// text is, or body search would miss what users type.
func TestBodyWordsMatchQueryWords(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"Won’t", "won't", "ZÜRICH", "café", "北京", " ", "\n", ".", "-", "U.S.", "3.5", "'", "’", "ß", "naïve", "\xff", "x"}
	for range 3000 {
		s := ""
		for range r.IntN(12) {
			s += pieces[r.IntN(len(pieces))]
		}
		w := NewCorpus(nil).NewBodyWorker()
		w.Add(0, []byte(s))
		var got []string
		for _, id := range w.ids {
			got = append(got, w.words[id])
		}
		want := Words(s)
		slices.Sort(got)
		slices.Sort(want)
		want = slices.Compact(want)
		if !slices.Equal(got, want) {
			t.Fatalf("body words of %q = %q, query words %q", s, got, want)
		}
	}
}

func TestBodySearch(t *testing.T) {
	c := testCorpus()
	bodies := map[string]string{
		"a": "Ukrainian media outlet Obozrevatel published an article. China and Russia won't part ways.",
		"b": "Troops arrived in Almaty. The ways of the region part here.",
		"c": "Talks in Zürich went on.",
	}
	if r := c.Search(ParseQuery("obozrevatel"), SortNewest); len(r.Rows) != 0 || !r.NoBodies {
		t.Errorf("before the bodies are indexed: %d rows, NoBodies %v", len(r.Rows), r.NoBodies)
	}
	if r := c.Search(ParseQuery("text:almaty"), SortNewest); len(r.Query.Ignored) != 1 {
		t.Errorf("text: before the bodies are indexed: %q", r.Query.Ignored)
	}
	workers := []*BodyWorker{c.NewBodyWorker(), c.NewBodyWorker()}
	for i, id := range []string{"a", "b", "c"} {
		w := workers[i%2]
		w.Add(c.Number(id), []byte(bodies[id]))
	}
	for _, w := range workers {
		w.Flush()
	}
	c.BodiesIndexed(c.Len())
	for q, want := range map[string][]string{
		"obozrevatel":            {"a"},
		"oboz":                   {"a"},
		"almaty":                 {"b"},
		"text:zurich":            {"c"},
		"text:russia":            {"a"},      // in a's body, not b's title
		"russia":                 {"a", "b"}, // a's body and title, b's title
		"text:kazakhstan":        nil,        // only in b's title
		`text:"part ways"`:       {"a"},      // b holds the words apart
		`"region part"`:          {"b"},
		`"ways part"`:            nil,
		"-obozrevatel cat:world": {"b", "c"},
		"wont":                   {"a"},
	} {
		r := c.Search(ParseQuery(q), SortNewest)
		if got := ids(c, r); !slices.Equal(got, want) || r.NoBodies {
			t.Errorf("Search(%q) = %q (NoBodies %v), want %q", q, got, r.NoBodies, want)
		}
	}
}

func BenchmarkBodyAdd(b *testing.B) {
	body := []byte("Ukrainian media outlet Obozrevatel on Saturday published an article arguing China is \"not happy with\" Russia-led troops arriving in Kazakhstan and has been \"hiding its irritation.\"\n")
	for len(body) < 5000 {
		body = append(body, body...)
	}
	c := NewCorpus(nil)
	w := c.NewBodyWorker()
	b.SetBytes(int64(len(body)))
	i := int32(0)
	for b.Loop() {
		w.Add(i, body)
		i++
		if i%256 == 0 {
			w.Flush()
		}
	}
}

// BenchmarkBodyAddGenerated indexes bodies of the synthetic corpus, whose
// vocabulary and lengths are the benchmark corpus's: the body indexer's own
// share of BenchmarkIndexBodies, without reading files.
func BenchmarkBodyAddGenerated(b *testing.B) {
	arts := generated(b, 4000)
	bodies := make([][]byte, len(arts))
	size := 0
	for i, a := range arts {
		bodies[i] = []byte(a.RawBody)
		size += len(a.RawBody)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		c := NewCorpus(nil)
		c.Add(Batch{Articles: arts})
		w := c.NewBodyWorker()
		for i, body := range bodies {
			w.Add(int32(i), body)
			if i%128 == 127 {
				w.Flush()
			}
		}
		c.BodiesIndexed(c.Len())
	}
}

// FuzzBodyWords: the worker cuts a body in the words tokenize sees, the
// ones too long to index standing as noWord, so positions are the query's.
func FuzzBodyWords(f *testing.F) {
	f.Add("Won’t ZÜRICH, café. 北京 x-y it's O'Neil abcdefghijklmnopq")
	f.Add("a " + strings.Repeat("z", 60) + " b'c 'd e' ÉCOLE écoleÀ")
	f.Fuzz(func(t *testing.T, s string) {
		c := NewCorpus(nil)
		w := c.NewBodyWorker()
		w.Add(0, []byte(s))
		var want []string
		tokenize(s, nil, func(b []byte, _, _ int) {
			if len(b) > maxBodyWord {
				want = append(want, "")
			} else {
				want = append(want, string(b))
			}
		})
		got := make([]string, len(w.toks))
		for i, id := range w.toks {
			if id != noWord {
				got[i] = w.words[id]
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q: words %q, tokenize %q", s, got, want)
		}
	})
}
