package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/folio-reader/folio/watch"
)

// manyArticles writes n articles in the folder sub of dir.
func manyArticles(t *testing.T, dir, sub string, n int) {
	t.Helper()
	for i := range n {
		writeArticle(t, dir, fmt.Sprintf("%s/%03d/a%04d.txt", sub, i%10, i), fmt.Sprintf("Story %d", i), fmt.Sprintf("word%d", i))
	}
}

// TestRenameAwayAndBack: a folder renamed out of the tree and back, over
// and over as fast as the system allows, while the tree is followed; once
// it stops, the corpus answers as a fresh load does within 5 s.
func TestRenameAwayAndBack(t *testing.T) {
	dir := corpusDir(t)
	manyArticles(t, dir, "2015", 500)
	away := filepath.Join(t.TempDir(), "away")
	lib := openWatched(t, dir, Options{watch: watch.Options{Quiet: 20 * time.Millisecond, Settle: 50 * time.Millisecond, MaxDelay: 100 * time.Millisecond}})
	for round := range 3 {
		end := time.Now().Add(time.Second)
		n := 0
		for time.Now().Before(end) {
			must(t, os.Rename(filepath.Join(dir, "2015"), away))
			must(t, os.Rename(away, filepath.Join(dir, "2015")))
			n++
		}
		t.Logf("round %d: %d renames away and back", round, n)
		waitSameAsColdWithin(t, 5*time.Second, lib, dir, fmt.Sprintf("the corpus after round %d", round))
	}
}

// TestRevalidateAfterRemovals: once articles were removed from a followed
// corpus (its numbers then have gaps), a full comparison with a folder
// that did not change finds nothing to read again.
func TestRevalidateAfterRemovals(t *testing.T) {
	dir := corpusDir(t)
	lib := openWatched(t, dir, Options{watch: watch.Options{Quiet: 20 * time.Millisecond, Settle: 50 * time.Millisecond, MaxDelay: 100 * time.Millisecond}})
	first := lib.Corpus.Articles()[0].ID
	must(t, os.Remove(filepath.Join(dir, filepath.FromSlash(first))))
	waitSameAsCold(t, lib, dir, "the removal")
	if n, err := lib.revalidate(context.Background(), nil); n != 0 || err != nil {
		t.Errorf("a comparison with an unchanged folder found %d changes (%v)", n, err)
	}
	waitSameAsCold(t, lib, dir, "the corpus after the comparison")
}
