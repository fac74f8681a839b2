package loader

import (
	"context"
	"slices"
	"testing"

	"github.com/folio-reader/folio/model"
)

// TestLoadPathsAsWalk: the files of a tree named one by one load exactly as
// the walk of the whole tree loads them, bad ones included; paths that are
// not there, are folders, or lie in hidden folders are reported gone.
func TestLoadPathsAsWalk(t *testing.T) { paths(t, testLoadPathsAsWalk) }

func testLoadPathsAsWalk(t *testing.T, fast bool) {
	dir, loaded, skipped := badTree(t)
	writeFile(t, dir, ".git/x/hidden.txt", "Title: x\nText:\nbody\n")
	wantArts, wantProbs := loadAll(t, dir, fast)
	fsys, closeFS, err := openDir(dir, fast)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	ghosts := []string{"nope.txt", "nodir/nope.txt", ".git/x/hidden.txt", "../secret.txt", "."}
	ask := append(append(append([]string{}, loaded...), skipped...), ghosts...)
	var arts []*model.Article
	var probs []model.Problem
	gone, err := LoadPaths(context.Background(), fsys, ask, Options{BatchSize: 2}, func(b model.Batch) {
		arts = append(arts, b.Articles...)
		probs = append(probs, b.Problems...)
	})
	if err != nil {
		t.Fatal(err)
	}
	idsOf := func(as []*model.Article) []string {
		var ids []string
		for _, a := range as {
			ids = append(ids, a.ID)
		}
		slices.Sort(ids)
		return ids
	}
	if got, want := idsOf(arts), idsOf(wantArts); !slices.Equal(got, want) {
		t.Errorf("articles %q\nwant     %q", got, want)
	}
	key := func(ps []model.Problem) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.String())
		}
		slices.Sort(out)
		return out
	}
	if got, want := key(probs), key(wantProbs); !slices.Equal(got, want) {
		t.Errorf("problems %q\nwant     %q", got, want)
	}
	slices.Sort(gone)
	slices.Sort(ghosts)
	if !slices.Equal(gone, ghosts) {
		t.Errorf("gone %q, want %q", gone, ghosts)
	}
}
