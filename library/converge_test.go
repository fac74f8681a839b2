package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
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
	manyArticles(t, dir, "2015", 300)
	away := filepath.Join(t.TempDir(), "away")
	lib := openWatched(t, dir, Options{watch: watch.Options{Quiet: 20 * time.Millisecond, Settle: 50 * time.Millisecond, MaxDelay: 100 * time.Millisecond}})
	for round := range 3 {
		end := time.Now().Add(500 * time.Millisecond)
		n := 0
		for time.Now().Before(end) {
			must(t, os.Rename(filepath.Join(dir, "2015"), away))
			must(t, os.Rename(away, filepath.Join(dir, "2015")))
			n++
		}
		began := time.Now()
		waitSameAsColdWithin(t, 5*time.Second, lib, dir, fmt.Sprintf("the corpus after round %d", round))
		t.Logf("round %d: %d renames away and back; the corpus answered as a fresh load %v after", round, n, time.Since(began).Round(time.Millisecond))
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

// TestCompareUntilQuiet: a full comparison during which changes came (as
// after lost events, when what changed meanwhile may be lost too) is made
// again until one sees a quiet tree. The watcher here polls once an hour:
// only the second comparison can find the file written during the first.
func TestCompareUntilQuiet(t *testing.T) {
	dir := corpusDir(t)
	var lib *Library
	var comparisons atomic.Int32
	compared := func() {
		if comparisons.Add(1) == 1 {
			writeArticle(t, dir, "during.txt", "Written during a comparison", "an aardvark")
			lib.follow.queue.push(watch.Batch{}) // what the watcher says of it: that something came
		}
	}
	lib = openWatched(t, dir, Options{compared: compared, watch: watch.Options{ForcePoll: true, Poll: time.Hour}})
	lib.follow.push(watch.Batch{Rescan: true})
	waitFor(t, "the first comparison", func() bool { return comparisons.Load() > 0 }, nil)
	waitSameAsColdWithin(t, 5*time.Second, lib, dir, "the file written during the first comparison")
}

// TestQueueBounded: a storm of creates and deletes (more paths than the
// queue holds) is coalesced into one full comparison, said once, and the
// corpus then answers as a fresh load does within 5 s.
func TestQueueBounded(t *testing.T) {
	dir := corpusDir(t)
	var mu sync.Mutex
	var warnings []string
	warn := func(msg string) {
		mu.Lock()
		warnings = append(warnings, msg)
		mu.Unlock()
	}
	lib := openWatched(t, dir, Options{queueLimit: 100, Warn: warn,
		watch: watch.Options{Quiet: 20 * time.Millisecond, Settle: 50 * time.Millisecond, MaxDelay: 100 * time.Millisecond}})
	start := time.Now()
	for i := range 2000 {
		writeArticle(t, dir, fmt.Sprintf("storm/%d.txt", i), fmt.Sprintf("Storm %d", i), "gale")
		if i%2 == 0 {
			must(t, os.Remove(filepath.Join(dir, "storm", fmt.Sprintf("%d.txt", i))))
		}
	}
	t.Logf("storm: 2000 files made, 1000 removed, in %v", time.Since(start))
	waitSameAsColdWithin(t, 5*time.Second, lib, dir, "the corpus after the storm")
	mu.Lock()
	defer mu.Unlock()
	queued := 0
	for _, w := range warnings {
		if strings.Contains(w, "changes waited at once") {
			queued++
		}
	}
	if queued != 1 {
		t.Errorf("warnings %q: want the queue's once", warnings)
	}
}

// TestQueue: paths merge as they come; past the limit they give way to
// one full comparison.
func TestQueue(t *testing.T) {
	full := 0
	q := newQueue(3, func() { full++ })
	q.push(watch.Batch{Changed: []string{"a", "b"}})
	q.push(watch.Batch{Removed: []string{"a"}})
	q.push(watch.Batch{Changed: []string{"a"}})
	b, ok := q.take()
	if !ok || fmt.Sprint(b.Changed, b.Removed) != "[a b] [a]" {
		t.Errorf("merged: %+v", b)
	}
	if _, ok := q.take(); ok {
		t.Error("taken twice")
	}
	q.push(watch.Batch{Changed: []string{"a", "b", "c", "d"}})
	if b, _ := q.take(); !b.Rescan || len(b.Changed)+len(b.Removed) != 0 || full != 1 {
		t.Errorf("past the limit: %+v, told %d times", b, full)
	}
}
