package model

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/folio-reader/folio/cmd/corpusgen/gen"
)

// copiesCorpus is generated articles, and copies of the first: edited
// texts, other headlines, later dates.
func copiesCorpus(t *testing.T) ([]*Article, *Corpus) {
	arts := generated(t, 60)
	r := rand.New(rand.NewPCG(1, 1))
	orig := arts[0]
	for k, e := range []gen.Edit{gen.Reflow, gen.DropParagraph, gen.ChangeWords} {
		arts = append(arts, &Article{
			ID:        "copy" + string(rune('a'+k)) + ".txt",
			Title:     "Another headline " + e.String(),
			Published: orig.Published.AddDate(0, 0, k+1),
			RawBody:   string(e.Apply([]byte(orig.RawBody), []byte(arts[5].RawBody), r)),
		})
	}
	return arts, indexed(arts, 1<<20)
}

func group(c *Corpus, res Result, cp *Copies, id string) (canon string, others []string) {
	for _, n := range res.Rows {
		if res.Article(n).ID != id {
			continue
		}
		k, os := res.CopiesOf(cp, n)
		for _, o := range os {
			others = append(others, res.Article(o).ID)
		}
		slices.Sort(others)
		return res.Article(k).ID, others
	}
	return "", nil
}

func TestCopiesFoundAndCollapsed(t *testing.T) {
	arts, c := copiesCorpus(t)
	cp := c.CurrentCopies()
	res := c.Search(Query{}, SortNewest)
	canon, others := group(c, res, cp, "copyb.txt")
	if canon != arts[0].ID || !slices.Equal(others, []string{arts[0].ID, "copya.txt", "copyc.txt"}) {
		t.Fatalf("copyb's group: canonical %s, others %v", canon, others)
	}
	col := res.Collapse(cp)
	if len(col.Rows) != len(res.Rows)-3 || !col.Collapsed {
		t.Errorf("collapsed to %d rows of %d", len(col.Rows), len(res.Rows))
	}
	// The first of a group in the list's order stands for it: newest first,
	// the latest copy.
	for _, n := range col.Rows {
		switch col.Article(n).ID {
		case arts[0].ID, "copya.txt", "copyb.txt":
			t.Errorf("%s has a row: copyc is the group's first, newest first", col.Article(n).ID)
		}
	}
}

// TestCopiesFollowChanges: a canonical removed gives way to the next one
// published; a new copy joins its group.
func TestCopiesFollowChanges(t *testing.T) {
	arts, c := copiesCorpus(t)
	c.Apply(Change{Removed: []string{arts[0].ID}})
	c.FindCopies()
	res := c.Search(Query{}, SortNewest)
	if canon, others := group(c, res, c.Copies(), "copyc.txt"); canon != "copya.txt" || len(others) != 2 {
		t.Errorf("after the canonical went: %s, %v", canon, others)
	}
	late := &Article{ID: "late.txt", Title: "Reprinted", Published: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), RawBody: arts[0].RawBody}
	c.Apply(Change{Added: []*Article{late}})
	_, to := c.BodiesToIndex()
	w := c.NewBodyWorker()
	w.Add(int32(to-1), []byte(late.RawBody))
	w.Flush()
	c.BodiesIndexed(to)
	cp := c.CurrentCopies()
	res = c.Search(Query{}, SortNewest)
	if canon, others := group(c, res, cp, "late.txt"); canon != "copya.txt" || len(others) != 3 {
		t.Errorf("a new copy: %s, %v", canon, others)
	}
}

// TestCopiesCached: the signatures go into the index cache, so a warm
// start finds the same copies without reading a body.
func TestCopiesCached(t *testing.T) {
	_, c := copiesCorpus(t)
	a := c.CurrentCopies()
	warm, _ := persisted(t, c)
	// The groups come with the cache: a warm start shows them at once,
	// before anything is found again.
	b := warm.Copies()
	if b == nil || !slices.Equal(a.canon, b.canon) {
		t.Fatalf("warm copies %v, cold %v", b, a.canon)
	}
	if b.Version() != warm.Version() {
		t.Errorf("the cached groups are of version %d, the corpus %d", b.Version(), warm.Version())
	}
	// A compaction (removing an article) renumbers them, and a cache
	// written after it keeps them.
	c.Apply(Change{Removed: []string{"copyc.txt"}})
	c.FindCopies()
	again, _ := persisted(t, c)
	if cp := again.Copies(); cp == nil || !slices.Equal(cp.canon, c.CurrentCopies().canon) {
		t.Errorf("after a removal: cached %v, found %v", cp, c.CurrentCopies().canon)
	}
}

// TestCountGroups: a folder's count, with the copies collapsed, counts a
// group once.
func TestCountGroups(t *testing.T) {
	arts, c := copiesCorpus(t)
	cp := c.CurrentCopies()
	k := c.NewCounter([]Query{{}, ParseQuery("title:headline")})
	plain, _ := k.CountContext(context.Background(), nil)
	grouped, _ := k.CountGroups(context.Background(), nil, cp)
	if plain[0].Total != len(arts) || grouped[0].Total != len(arts)-3 {
		t.Errorf("all: %d articles, %d groups; want %d and %d", plain[0].Total, grouped[0].Total, len(arts), len(arts)-3)
	}
	if plain[1].Total != 3 || grouped[1].Total != 1 {
		t.Errorf("the copies' headlines: %d articles, %d groups; want 3 and 1", plain[1].Total, grouped[1].Total)
	}
}
