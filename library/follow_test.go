package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/watch"
)

const article = "Published Time: 2023-05-0%d\nTitle: %s\nCategory 1: WORLD\nAuthor: Live Desk\nText:\n%s\n"

func writeArticle(t *testing.T, dir, rel, title, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(fmt.Sprintf(article, 3, title, body)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, what string, cond func() bool, detail func() string) {
	t.Helper()
	waitWithin(t, 20*time.Second, what, cond, detail)
}

func waitWithin(t *testing.T, d time.Duration, what string, cond func() bool, detail func() string) {
	t.Helper()
	deadline := time.Now().Add(d)
	pause := time.Millisecond
	for !cond() {
		if time.Now().After(deadline) {
			msg := "timed out waiting for " + what
			if detail != nil {
				msg += "\n" + detail()
			}
			t.Fatal(msg)
		}
		time.Sleep(pause)
		pause = min(2*pause, 50*time.Millisecond)
	}
}

// openWatched opens dir followed, as the reader and the server do.
func openWatched(t *testing.T, dir string, opts Options) *Library {
	t.Helper()
	opts.Bodies, opts.Watch = true, true
	if opts.CacheDir == "" {
		opts.NoCache = true
	}
	lib, err := Open(context.Background(), Source{Dir: dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	if err := lib.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	return lib
}

// waitSameAsCold waits until the followed corpus answers every query as a
// cold load of the folder as it is now does.
func waitSameAsCold(t *testing.T, lib *Library, dir, what string) {
	t.Helper()
	waitSameAsColdWithin(t, 20*time.Second, lib, dir, what)
}

func waitSameAsColdWithin(t *testing.T, d time.Duration, lib *Library, dir, what string) {
	t.Helper()
	var got, want string
	waitWithin(t, d, what, func() bool {
		cold, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, NoCache: true})
		if err != nil {
			t.Fatal(err)
		}
		want = answers(t, cold.Corpus)
		cold.Close()
		got = answers(t, lib.Corpus)
		return got == want && !lib.Corpus.BodiesPending()
	}, func() string { return "followed:\n" + got + "\ncold:\n" + want })
}

// TestFollowMatchesCold changes the folder in every way while it is
// followed; after each step the corpus answers as a cold load would, body
// words included.
func TestFollowMatchesCold(t *testing.T) {
	dir := corpusDir(t)
	lib := openWatched(t, dir, Options{})
	if st, ok := lib.Following(); !ok || st.Polling || st.Watches == 0 {
		t.Fatalf("following %+v %v", st, ok)
	}
	var someID string
	for _, a := range lib.Corpus.Articles() {
		if strings.Contains(a.ID, "/") {
			someID = a.ID
			break
		}
	}
	steps := []struct {
		what string
		do   func()
	}{
		{"an article added", func() { writeArticle(t, dir, "fresh.txt", "Fresh news", "a zebra crossing") }},
		{"an article edited", func() { writeArticle(t, dir, "fresh.txt", "Fresh news, edited", "a longer zebra crossing") }},
		{"an article renamed", func() { must(t, os.Rename(filepath.Join(dir, "fresh.txt"), filepath.Join(dir, "renamed.txt"))) }},
		{"a folder made and filled", func() {
			writeArticle(t, dir, "newfolder/a/one.txt", "Newfolder one", "quagga")
			writeArticle(t, dir, "newfolder/b.txt", "Newfolder two", "okapi")
		}},
		{"a folder renamed", func() { must(t, os.Rename(filepath.Join(dir, "newfolder"), filepath.Join(dir, "moved"))) }},
		{"an article of the load removed", func() { must(t, os.Remove(filepath.Join(dir, filepath.FromSlash(someID)))) }},
		{"an article made unreadable as one", func() {
			must(t, os.WriteFile(filepath.Join(dir, "renamed.txt"), []byte("\x00\x01\x02binary"), 0o644))
		}},
		{"a folder removed", func() { must(t, os.RemoveAll(filepath.Join(dir, "moved"))) }},
	}
	for _, s := range steps {
		s.do()
		waitSameAsCold(t, lib, dir, s.what)
	}
}

// TestSyncMatchesCold: with a watcher that would hold every change back
// for an hour, the corpus answers as a cold load does as soon as Sync
// returns, watching or polling.
func TestSyncMatchesCold(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(fmt.Sprintf("poll=%v", poll), func(t *testing.T) {
			dir := corpusDir(t)
			lib := openWatched(t, dir, Options{watch: watch.Options{Quiet: time.Hour, Settle: time.Hour, MaxDelay: time.Hour, ForcePoll: poll, Poll: time.Hour}})
			steps := []struct {
				what string
				do   func()
			}{
				{"an article added", func() { writeArticle(t, dir, "fresh.txt", "Fresh news", "a zebra crossing") }},
				{"an article edited", func() { writeArticle(t, dir, "fresh.txt", "Fresh news, edited", "a longer zebra crossing") }},
				{"an article renamed", func() { must(t, os.Rename(filepath.Join(dir, "fresh.txt"), filepath.Join(dir, "renamed.txt"))) }},
				{"a folder made and filled", func() { writeArticle(t, dir, "newfolder/a/one.txt", "Newfolder one", "quagga") }},
				{"a folder removed", func() { must(t, os.RemoveAll(filepath.Join(dir, "newfolder"))) }},
			}
			for _, s := range steps {
				s.do()
				if err := lib.Sync(context.Background(), t.TempDir()); err != nil {
					t.Fatalf("%s: Sync: %v", s.what, err)
				}
				cold, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, NoCache: true})
				if err != nil {
					t.Fatal(err)
				}
				want := answers(t, cold.Corpus)
				cold.Close()
				if got := answers(t, lib.Corpus); got != want || lib.Corpus.BodiesPending() {
					t.Fatalf("%s: right after Sync the corpus answers\n%s\na cold load\n%s", s.what, got, want)
				}
			}
		})
	}
	unfollowed, err := Load(context.Background(), Source{Dir: corpusDir(t)}, Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer unfollowed.Close()
	if err := unfollowed.Sync(context.Background(), t.TempDir()); !errors.Is(err, errNotFollowing) {
		t.Errorf("Sync of an unfollowed library: %v", err)
	}
}

// TestFollowBodies: a new article is found by a word of its body.
func TestFollowBodies(t *testing.T) {
	dir := corpusDir(t)
	lib := openWatched(t, dir, Options{})
	before := lib.Corpus.Search(model.Query{}, model.SortNewest).Version
	writeArticle(t, dir, "x/late.txt", "Late", "the word xylophonist is in no other article")
	waitFor(t, "the body word", func() bool {
		r := lib.Corpus.Search(model.ParseQuery("xylophonist"), model.SortNewest)
		return len(r.Rows) == 1 && !r.NoBodies
	}, nil)
	if a := lib.Corpus.ArrivalsSince(before); len(a.New) != 1 || a.New[0] != "x/late.txt" {
		t.Errorf("arrivals %+v", a)
	}
}

// TestFollowPolling: when the watcher polls (as it does when watching is
// impossible), its rescans revalidate the corpus and catch every change.
func TestFollowPolling(t *testing.T) {
	dir := corpusDir(t)
	lib := openWatched(t, dir, Options{watch: watch.Options{ForcePoll: true, Poll: 50 * time.Millisecond}})
	writeArticle(t, dir, "polled.txt", "Polled", "found by a rescan")
	waitSameAsCold(t, lib, dir, "a file added while polling")
	must(t, os.Remove(filepath.Join(dir, "polled.txt")))
	waitSameAsCold(t, lib, dir, "a file removed while polling")
}

// TestFollowWarnings: what the watcher says goes to the problems list, each
// message once, beside the other problems of the folder as a whole.
func TestFollowWarnings(t *testing.T) {
	dir := corpusDir(t)
	lib := openWatched(t, dir, Options{})
	lib.warnProblem("first \x1b[31mred")
	lib.warnProblem("second")
	var got []string
	for _, p := range lib.Corpus.Problems() {
		if p.Path == "" {
			got = append(got, p.Reason)
		}
	}
	if len(got) != 2 || got[1] != "second" {
		t.Errorf("problems %q", got)
	}
}

// TestFollowWritesCache: what the watcher brought in is in the cache a
// moment later, so the next start is warm and current.
func TestFollowWritesCache(t *testing.T) {
	dir := corpusDir(t)
	cache := t.TempDir()
	lib := openWatched(t, dir, Options{CacheDir: cache, cacheDelay: 50 * time.Millisecond})
	if err := lib.Settle(context.Background()); err != nil { // the first cache written
		t.Fatal(err)
	}
	path := lib.Cache().Path
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	writeArticle(t, dir, "cached.txt", "Cached", "wombat")
	waitFor(t, "the cache rewritten", func() bool {
		now, err := os.Stat(path)
		return err == nil && !now.ModTime().Equal(info.ModTime())
	}, nil)
	lib.Close()
	warm, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	defer warm.Close()
	if c := warm.Cache(); !c.Used || c.Changed != 0 {
		t.Errorf("cache %+v: want a warm start with nothing to catch up", c)
	}
	if r := warm.Corpus.Search(model.ParseQuery("wombat"), model.SortNewest); len(r.Rows) != 1 {
		t.Errorf("wombat: %d rows", len(r.Rows))
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestFollowWarmReader: a reader's warm start sets its watches up only
// after the cache is decoded and a pause; a file added while it opened,
// and one added once it follows, both come in.
func TestFollowWarmReader(t *testing.T) {
	dir, cache := corpusDir(t), t.TempDir()
	first, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	first.Close()
	lib, err := Open(context.Background(), Source{Dir: dir}, Options{Bodies: true, Watch: true, Interactive: true, CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	writeArticle(t, dir, "while-opening.txt", "Written while the reader opened", "a narwhal")
	if !lib.Cache().Used {
		t.Fatalf("the cache was not used: %+v", lib.Cache())
	}
	waitSameAsCold(t, lib, dir, "a file added while the reader opened")
	if st, ok := lib.Following(); !ok || st.Watches == 0 {
		t.Fatalf("not following: %+v %v", st, ok)
	}
	writeArticle(t, dir, "later.txt", "Written once it followed", "a second narwhal")
	waitSameAsCold(t, lib, dir, "a file added once the reader followed")
}
