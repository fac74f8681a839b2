package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/cmd/corpusgen/gen"
)

// generated returns n articles of the synthetic corpus, bodies included,
// read with a minimal parser of its header.
func generated(t testing.TB, n int) []*Article {
	g := gen.New(7, false)
	arts := make([]*Article, 0, n)
	for i := range n {
		rel, data := g.Article(nil, i)
		head, body, ok := strings.Cut(string(data), "\nText: \n")
		if !ok {
			t.Fatalf("article %d has no Text: line", i)
		}
		a := &Article{ID: rel, RawBody: body}
		for _, l := range strings.Split(head, "\n") {
			k, v, _ := strings.Cut(l, ": ")
			switch k {
			case "Title":
				a.Title = v
			case "Published Time":
				a.Published, _ = time.Parse("2006-01-02", v)
			}
		}
		arts = append(arts, a)
	}
	return arts
}

// indexed makes a corpus of arts with their bodies indexed as the loader
// does: several workers, batches handed out in turn, flushed out of order.
func indexed(arts []*Article, posFlush int) *Corpus {
	c := NewCorpus(nil)
	c.Add(Batch{Articles: arts})
	c.body.posFlush = posFlush
	c.StartBodies()
	workers := []*BodyWorker{c.NewBodyWorker(), c.NewBodyWorker(), c.NewBodyWorker()}
	const batch = 100
	for start := 0; start < len(arts); start += batch {
		w := workers[(start/batch)%len(workers)]
		for i := start; i < min(start+batch, len(arts)); i++ {
			w.Add(int32(i), []byte(arts[i].RawBody))
		}
		if (start/batch)%2 == 0 {
			w.Flush()
		}
	}
	c.BodiesIndexed(c.Len())
	return c
}

// bruteForce is the articles whose bodies hold the phrase, found by
// reading every body: words in sequence, the last one a prefix when it has
// three letters or more.
func bruteForce(arts []*Article, tokens [][]string, words []string) []string {
	var out []string
	last := words[len(words)-1]
	prefix := len([]rune(last)) >= 3
	for k, a := range arts {
		toks := tokens[k]
	scan:
		for i := 0; i+len(words) <= len(toks); i++ {
			for j, w := range words {
				tok := toks[i+j]
				if tok == w || j == len(words)-1 && prefix && strings.HasPrefix(tok, w) {
					continue
				}
				continue scan
			}
			out = append(out, a.ID)
			break
		}
	}
	slices.Sort(out)
	return out
}

// phrasesOf draws phrases from the bodies: words next to each other (two,
// three, four of them, the last sometimes cut to a prefix), and words of
// one body that stand apart.
func phrasesOf(tokens [][]string, n int) [][]string {
	r := rand.New(rand.NewPCG(5, 6))
	var out [][]string
	for len(out) < n {
		toks := tokens[r.IntN(len(tokens))]
		if len(toks) < 20 {
			continue
		}
		i := r.IntN(len(toks) - 5)
		switch len(out) % 4 {
		case 0, 1: // adjacent
			out = append(out, slices.Clone(toks[i:i+2+r.IntN(3)]))
		case 2: // adjacent, the last word a prefix
			p := slices.Clone(toks[i : i+2])
			if l := []rune(p[1]); len(l) > 3 {
				p[1] = string(l[:3+r.IntN(len(l)-3)])
			}
			out = append(out, p)
		case 3: // apart, in either order
			j := r.IntN(len(toks))
			out = append(out, []string{toks[i], toks[j]})
		}
	}
	return append(out, []string{"the", "of"}, []string{"of", "the"}, []string{"u", "s"}, []string{"in", "the"})
}

// TestPhrasesEqualBruteForce: a phrase in the body index matches exactly the
// articles a scan of every body finds, whether positions were written in
// many pieces or few, or are missing and the text is read instead.
func TestPhrasesEqualBruteForce(t *testing.T) {
	arts := generated(t, 3000)
	tokens := make([][]string, len(arts))
	for i, a := range arts {
		tokens[i] = Words(a.RawBody)
	}
	phrases := phrasesOf(tokens, 120)
	for _, flush := range []int{16 << 10, posFlushValues, -1} {
		t.Run(fmt.Sprint("flush=", flush), func(t *testing.T) {
			c := indexed(arts, max(flush, 1))
			if flush < 0 {
				c.body.pos.broken = true // check against the text
			} else if c.body.pos.file == nil {
				t.Fatal("no positions file")
			}
			apart := 0
			ps := phrases
			if flush < 0 {
				ps = ps[:20] // the text is slow to read
			}
			for _, p := range ps {
				want := bruteForce(arts, tokens, p)
				q := `text:"` + strings.Join(p, " ") + `"`
				got := ids(c, c.Search(ParseQuery(q), SortTitle))
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatalf("%s: %d articles, brute force %d\n got %q\nwant %q", q, len(got), len(want), first(got), first(want))
				}
				all := ids(c, c.Search(ParseQuery("text:"+strings.Join(p, " text:")), SortTitle))
				apart += len(all) - len(got)
			}
			if apart == 0 {
				t.Error("no phrase had its words apart in some article: the test checks nothing")
			}
		})
	}
}

func first(s []string) []string { return s[:min(len(s), 5)] }

// TestBodyPositionsMatchQueryWords: the worker numbers a body's words as
// tokenize sees them, so the positions phrases use are the query's.
func TestBodyPositionsMatchQueryWords(t *testing.T) {
	for _, s := range []string{"Won’t ZÜRICH, café. 北京 x-y", "a " + strings.Repeat("z", 60) + " b"} {
		c := NewCorpus(nil)
		c.Add(Batch{Articles: []*Article{{ID: "a", RawBody: s}}})
		w := c.NewBodyWorker()
		w.Add(0, []byte(s))
		c.BodiesIndexed(c.Len())
		toks := Words(s)
		for i := 0; i+1 < len(toks); i++ {
			if len(toks[i]) > maxBodyWord || len(toks[i+1]) > maxBodyWord {
				continue
			}
			q := `text:"` + toks[i] + " " + toks[i+1] + `"`
			if r := c.Search(ParseQuery(q), SortNewest); len(r.Rows) != 1 {
				t.Errorf("%q in %q: %d rows", q, s, len(r.Rows))
			}
		}
		if r := c.Search(ParseQuery(`text:"a b"`), SortNewest); len(r.Rows) != 0 {
			t.Errorf(`"a b" matched across a word too long to index in %q`, s)
		}
	}
}

// TestPhrasesReadBack: a corpus read from its written index answers
// phrases from the positions it carries, exactly, after a compaction too,
// and takes new articles' positions after them.
func TestPhrasesReadBack(t *testing.T) {
	arts := generated(t, 600)
	c := indexed(arts[:500], 16<<10)
	c.Apply(Change{Removed: []string{arts[3].ID, arts[250].ID}}) // renumbered when written
	back, _ := persisted(t, c)
	if back.body.pos.broken || back.body.pos.src == nil {
		t.Fatal("the positions were not read back")
	}
	// Then grow it: the new articles' positions join the cached ones.
	back.Apply(Change{Added: arts[500:]})
	indexPending(back, func(a *Article) string { return a.RawBody })
	live := slices.DeleteFunc(slices.Clone(arts), func(a *Article) bool { return a.ID == arts[3].ID || a.ID == arts[250].ID })
	checkPhrases(t, back, live, 60, "read back")
}

// checkPhrases checks n phrases of the live articles' bodies in c against
// brute force.
func checkPhrases(t *testing.T, c *Corpus, live []*Article, n int, what string) {
	t.Helper()
	tokens := make([][]string, len(live))
	for i, a := range live {
		tokens[i] = Words(a.RawBody)
	}
	for _, p := range phrasesOf(tokens, n) {
		want := bruteForce(live, tokens, p)
		got := ids(c, c.Search(ParseQuery(`text:"`+strings.Join(p, " ")+`"`), SortTitle))
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("%q %s: %d articles, brute force %d", p, what, len(got), len(want))
		}
	}
}

// TestPhrasesAfterCompaction: compaction renumbers the postings and writes
// again the segments of positions that held a removed article; phrases
// stay exact through two of them and an indexing run between.
func TestPhrasesAfterCompaction(t *testing.T) {
	arts := generated(t, 900)
	c := indexed(arts[:700], 16<<10)
	gone := map[string]bool{}
	compact := func(removed []string) {
		for _, id := range removed {
			gone[id] = true
		}
		c.Apply(Change{Removed: removed})
		c.mu.Lock()
		c.compact()
		c.mu.Unlock()
	}
	var removed []string
	for i := 0; i < 700; i += 3 {
		removed = append(removed, arts[i].ID)
	}
	compact(removed)
	c.Apply(Change{Added: arts[700:]})
	indexPending(c, func(a *Article) string { return a.RawBody })
	compact([]string{arts[1].ID, arts[701].ID, arts[899].ID})
	if c.body.pos.broken {
		t.Fatal("positions broken by compaction")
	}
	live := slices.DeleteFunc(slices.Clone(arts), func(a *Article) bool { return gone[a.ID] })
	checkPhrases(t, c, live, 80, "after compaction")
}
