//go:build unix

package loader

import (
	"context"
	"slices"
	"testing"

	"github.com/folio-reader/folio/model"
)

// TestLoadNamesNotUTF8: a name that is not UTF-8 (legal on Linux) is an
// article like any other, at the top of the folder and below it, on both
// paths; the other safety rules still hold (testLoadBadTree).
func TestLoadNamesNotUTF8(t *testing.T) { paths(t, testLoadNamesNotUTF8) }

func testLoadNamesNotUTF8(t *testing.T, fast bool) {
	dir := t.TempDir()
	art := "Title: Latin\nPublished Time: 2020-01-01\nAuthor: A\nCategory 1: X\nText:\nBody.\n"
	for _, n := range []string{"bad\xffutf.txt", "sub/caf\xe9.txt"} {
		writeFile(t, dir, n, art)
	}
	arts, probs := loadAll(t, dir, fast)
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	if want := []string{"bad\xffutf.txt", "sub/caf\xe9.txt"}; !slices.Equal(ids, want) || len(probs) != 0 {
		t.Errorf("loaded %q, problems %v; want %q and none", ids, probs, want)
	}

	// Read again by name, as a watcher or a revalidation asks.
	fsys, closeFS, err := openDir(dir, fast)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	ids = nil
	gone, err := LoadPaths(context.Background(), fsys, []string{"bad\xffutf.txt", "sub/caf\xe9.txt"}, Options{}, func(b model.Batch) {
		for _, a := range b.Articles {
			ids = append(ids, a.ID)
		}
	})
	slices.Sort(ids)
	if want := []string{"bad\xffutf.txt", "sub/caf\xe9.txt"}; err != nil || !slices.Equal(ids, want) || len(gone) != 0 {
		t.Errorf("LoadPaths read %q, gone %q, error %v; want %q", ids, gone, err, want)
	}
}
