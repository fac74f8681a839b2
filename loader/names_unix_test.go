//go:build unix

package loader

import (
	"slices"
	"testing"
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
}
