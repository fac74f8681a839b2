package research_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/folio-reader/folio/cmd/corpusgen/gen"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/research"
)

// planted writes a corpusgen corpus with planted copies and stories to a
// temporary folder, opens it and returns its truth lines.
func planted(t *testing.T, n int) (*model.Corpus, [][]string) {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	g := gen.New(3, false)
	p := gen.Plant{N: n, Copies: 0.1, Stories: 0.05}
	lines, err := g.WritePlanted(dir, p)
	if err != nil {
		t.Fatal(err)
	}
	var truth [][]string
	for _, line := range lines {
		truth = append(truth, strings.Split(line, "\t"))
	}
	lib, err := library.Open(context.Background(), library.Source{Dir: dir}, library.Options{Bodies: true, NoCache: true, Copies: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	if err := lib.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	return lib.Corpus, truth
}

// TestPlantedQuality: on corpusgen's planted corpus, copies are found with
// pairwise precision at least 0.95 and recall at least 0.90, and most
// planted stories are found whole.
func TestPlantedQuality(t *testing.T) {
	c, truth := planted(t, 1500)
	res := c.Search(model.Query{}, model.SortNewest)
	cp := c.CurrentCopies()
	canonOf := map[string]string{}
	for _, n := range res.Rows {
		k, _ := res.CopiesOf(cp, n)
		canonOf[res.Article(n).ID] = res.Article(k).ID
	}
	// The true groups: a copy's original, followed to the first.
	orig := map[string]string{}
	story := map[string]string{}
	for _, l := range truth {
		switch l[0] {
		case "copy":
			orig[l[1]] = l[2]
		case "story":
			story[l[1]] = l[2]
		}
	}
	root := func(id string) string {
		for orig[id] != "" {
			id = orig[id]
		}
		return id
	}
	ids := make([]string, 0, len(canonOf))
	for id := range canonOf {
		ids = append(ids, id)
	}
	tp, fp, fn := 0, 0, 0
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			same, found := root(a) == root(b), canonOf[a] == canonOf[b]
			switch {
			case same && found:
				tp++
			case found:
				fp++
			case same:
				fn++
			}
		}
	}
	precision, recall := float64(tp)/float64(max(tp+fp, 1)), float64(tp)/float64(max(tp+fn, 1))
	t.Logf("copies: %d pairs right, %d wrong, %d missed: precision %.3f, recall %.3f", tp, fp, fn, precision, recall)
	if precision < 0.95 || recall < 0.90 || tp == 0 {
		t.Errorf("copies: precision %.3f (want 0.95), recall %.3f (want 0.90)", precision, recall)
	}
	// Stories: each planted story's articles in one found story.
	found := map[string]int{}
	for k, s := range research.Stories(c, res) {
		for _, n := range s.Rows {
			found[res.Article(n).ID] = k + 1
		}
	}
	members := map[string][]string{}
	for id, s := range story {
		members[s] = append(members[s], id)
	}
	whole, all := 0, 0
	for _, ids := range members {
		if len(ids) < 2 {
			continue
		}
		all++
		k := found[ids[0]]
		ok := k != 0
		for _, id := range ids[1:] {
			ok = ok && found[id] == k
		}
		if ok {
			whole++
		}
	}
	t.Logf("stories: %d of %d planted stories found whole", whole, all)
	if all == 0 || float64(whole) < 0.8*float64(all) {
		t.Errorf("stories: %d of %d found whole", whole, all)
	}
}

// TestRelatedPlanted: an article of a planted story has another article
// of its story among its related ones, and none of its copies.
func TestRelatedPlanted(t *testing.T) {
	c, truth := planted(t, 1500)
	story := map[string]string{}
	members := map[string][]string{}
	for _, l := range truth {
		if l[0] == "story" {
			story[l[1]] = l[2]
			members[l[2]] = append(members[l[2]], l[1])
		}
	}
	cp := c.CurrentCopies()
	checked := 0
	for id, s := range story {
		if len(members[s]) < 3 {
			continue
		}
		res, err := research.Related(context.Background(), c, id, cp)
		if err != nil {
			t.Fatal(err)
		}
		self, _ := res.Number(id)
		_, copies := res.CopiesOf(cp, self)
		found := false
		for _, n := range res.Rows {
			if slices.Contains(copies, n) || n == self {
				t.Fatalf("%s: its copy or itself %s is among its related articles", id, res.Article(n).ID)
			}
			if other := res.Article(n).ID; story[other] == s {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no other article of its story among %d related", id, len(res.Rows))
		}
		if checked++; checked == 20 {
			break
		}
	}
	if checked == 0 {
		t.Fatal("no planted story of three articles")
	}
}
