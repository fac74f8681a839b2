package loader

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"testing"
	"testing/fstest"

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

// TestWalkTreeIsWalkDir: walkTree visits what fs.WalkDir visits, in the
// same order, skipping alike: a folder that asks to be skipped, the rest of
// a folder after a file that asks it, and everything after SkipAll.
func TestWalkTreeIsWalkDir(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt":            {},
		"b/c.txt":          {},
		"b/skip/d.txt":     {},
		"b/z.txt":          {},
		"e/f/g.txt":        {},
		"e/f/stop-here":    {},
		"e/f/unseen.txt":   {},
		"e/h.txt":          {},
		"i/j/k/l/m.txt":    {},
		"i/j/k/zz/end.txt": {},
		"n/all":            {},
		"o.txt":            {},
	}
	for _, stopAll := range []bool{false, true} {
		record := func(seen *[]string) fs.WalkDirFunc {
			return func(p string, d fs.DirEntry, err error) error {
				*seen = append(*seen, fmt.Sprintf("%s %v %v", p, d != nil && d.IsDir(), err))
				switch path.Base(p) {
				case "skip":
					return fs.SkipDir
				case "stop-here":
					return fs.SkipDir
				case "all":
					if stopAll {
						return fs.SkipAll
					}
				}
				return nil
			}
		}
		var want, got []string
		if err := fs.WalkDir(fsys, ".", record(&want)); err != nil {
			t.Fatal(err)
		}
		walkTree(fsys, record(&got))
		if !slices.Equal(got, want) {
			t.Errorf("stopAll %v: walkTree visited\n%q\nfs.WalkDir\n%q", stopAll, got, want)
		}
	}
}
