package model

import (
	"fmt"
	"slices"
	"testing"
)

// indexBodies indexes the bodies not yet indexed, as loader.IndexBodies
// does, from a map of ID to body.
func indexBodies(c *Corpus, bodies map[string]string) {
	indexPending(c, func(a *Article) string { return bodies[a.ID] })
}

// indexPending indexes the bodies not yet indexed, body giving each.
func indexPending(c *Corpus, body func(*Article) string) {
	from, to := c.BodiesToIndex()
	w := c.NewBodyWorker()
	for n := from; n < to; n++ {
		w.Add(int32(n), []byte(body(c.At(int32(n)))))
	}
	w.Flush()
	c.BodiesIndexed(to)
}

func TestApplyReplaceRemove(t *testing.T) {
	c := testCorpus()
	bodies := map[string]string{"a": "about almaty", "b": "nothing", "c": "zurich lake", "d": "snow", "e": "notes"}
	indexBodies(c, bodies)
	before := c.Search(ParseQuery("almaty"), SortNewest)
	v := c.Version()

	// b changes title and body; a is removed; f is new; e gets a warning.
	bodies["b"], bodies["f"] = "almaty again", "fresh almaty"
	c.Apply(Change{
		Changed:  []*Article{{ID: "b", Title: "Almaty calm again", Category1: "WORLD", Published: dayTime(19000)}},
		Added:    []*Article{{ID: "f", Title: "Fresh piece", Category1: "WORLD"}},
		Removed:  []string{"a"},
		Problems: []Problem{{Path: "e", Reason: "odd", Severity: Warning}},
	})
	indexBodies(c, bodies)
	if c.Version() == v {
		t.Error("version did not move")
	}
	if c.Len() != 5 {
		t.Errorf("Len = %d, want 5", c.Len())
	}
	for q, want := range map[string][]string{
		"almaty":    {"b", "f"},
		"kazakh":    nil, // b's old title
		"china":     nil, // a is gone
		"calm":      {"b"},
		"-almaty":   {"d", "c", "e"},
		"":          {"d", "b", "c", "e", "f"},
		"cat:world": {"b", "c", "f"},
	} {
		if got := ids(c, c.Search(ParseQuery(q), SortNewest)); !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %q, want %q", q, got, want)
		}
	}
	if got := ids(c, c.Search(ParseQuery(""), SortTitle)); !slices.Equal(got, []string{"b", "f", "e", "c", "d"}) {
		t.Errorf("by title: %q", got)
	}
	if _, ok := c.ByID("a"); ok {
		t.Error("a removed but found by ID")
	}
	// A result made before the change still shows what it showed.
	if got := ids(c, before); !slices.Equal(got, []string{"a"}) {
		t.Errorf("old result now reads %q", got)
	}
	if p := c.Problems(); len(p) != 1 || p[0].Path != "e" {
		t.Errorf("problems %v", p)
	}
	c.Apply(Change{Removed: []string{"e"}})
	if p := c.Problems(); len(p) != 0 {
		t.Errorf("problems of a removed file stay: %v", p)
	}
	if s := c.Stats(); s.Articles != 4 {
		t.Errorf("Stats.Articles = %d", s.Articles)
	}
}

// TestCompaction replaces every article many times over: the corpus is
// renumbered on the way, answers stay right, and memory stays bounded.
func TestCompaction(t *testing.T) {
	c := NewCorpus(nil)
	bodies := map[string]string{}
	mk := func(i, gen int) *Article {
		id := fmt.Sprintf("%04d.txt", i)
		bodies[id] = fmt.Sprintf("body gen%d word%d", gen, i)
		return &Article{ID: id, Title: fmt.Sprintf("title%d gen%d", i, gen), Published: dayTime(int32(10000 + i))}
	}
	var all []*Article
	for i := range 5000 {
		all = append(all, mk(i, 0))
	}
	c.Apply(Change{Added: all})
	indexBodies(c, bodies)
	old := c.Search(ParseQuery("title7"), SortNewest)
	for gen := 1; gen <= 3; gen++ {
		var ch []*Article
		for i := range 5000 {
			ch = append(ch, mk(i, gen))
		}
		c.Apply(Change{Changed: ch})
		indexBodies(c, bodies)
		c.Apply(Change{}) // nothing: no compaction, no version
	}
	if n := c.numbers(); n > 2*5000 {
		t.Errorf("%d numbers in use for 5000 articles: never compacted", n)
	}
	for q, want := range map[string]int{"gen3": 5000, "gen2": 0, "text:gen1": 0, "text:gen3": 5000, "word42": 111, "title4999": 1} {
		if got := len(c.Search(ParseQuery(q), SortNewest).Rows); got != want {
			t.Errorf("Search(%q): %d rows, want %d", q, got, want)
		}
	}
	if got := ids(c, c.Search(ParseQuery("word4999"), SortNewest)); !slices.Equal(got, []string{"4999.txt"}) {
		t.Errorf("word4999: %q", got)
	}
	if a := old.Article(old.Rows[0]); a.Title != "title7999 gen0" && a.Title[:6] != "title7" {
		t.Errorf("an old result reads %q", a.Title)
	}
	rows := c.Search(ParseQuery(""), SortOldest).Rows
	for i, n := range rows {
		if want := fmt.Sprintf("%04d.txt", i); c.At(n).ID != want {
			t.Fatalf("oldest first, row %d is %s, want %s", i, c.At(n).ID, want)
		}
	}
}

// TestAddNew: the articles of a load, filed without their IDs, are found
// by ID while it goes on and after it, batches arriving between the
// asking; a change after it replaces and removes them by ID.
func TestAddNew(t *testing.T) {
	c := NewCorpus(nil)
	batch := func(from, to int) Batch {
		var b Batch
		for i := from; i < to; i++ {
			b.Articles = append(b.Articles, &Article{ID: fmt.Sprintf("p%d", i), Title: fmt.Sprintf("title %d", i)})
		}
		return b
	}
	c.AddNew(batch(0, 3))
	if a, ok := c.ByID("p1"); !ok || a.Title != "title 1" || c.Number("p2") != 2 {
		t.Fatalf("while loading: ByID(p1) = %v, %v; Number(p2) = %d", a, ok, c.Number("p2"))
	}
	c.AddNew(batch(3, 6))
	c.AddNew(Batch{Problems: []Problem{{Path: "bad", Reason: "odd", Severity: Skipped}}})
	c.AddNew(batch(6, 9))
	if c.Number("p4") != 4 || c.Number("p8") != 8 || c.Number("p9") != -1 {
		t.Errorf("Number after more batches: %d %d %d", c.Number("p4"), c.Number("p8"), c.Number("p9"))
	}
	c.AddNew(batch(9, 12))
	c.Finish(0)
	c.AddNew(Batch{Articles: []*Article{{ID: "p10", Title: "read again"}}}) // after the load: a replacement
	c.Apply(Change{Changed: []*Article{{ID: "p11", Title: "changed"}}, Removed: []string{"p0", "p9"}})
	if c.Len() != 10 || c.Skipped() != 1 {
		t.Errorf("Len %d, skipped %d; want 10, 1", c.Len(), c.Skipped())
	}
	for id, want := range map[string]string{"p3": "title 3", "p10": "read again", "p11": "changed", "p0": "", "p9": ""} {
		a, ok := c.ByID(id)
		if ok != (want != "") || ok && a.Title != want {
			t.Errorf("ByID(%s) = %v, %v; want %q", id, a, ok, want)
		}
	}
	if got := ids(c, c.Search(ParseQuery("title"), SortTitle)); len(got) != 8 || got[0] != "p1" {
		t.Errorf("search after the changes: %q", got)
	}
}
