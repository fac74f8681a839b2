package library

import (
	"context"
	"encoding/binary"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/samples"
)

// corpusDir copies the sample corpus into a folder of its own.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(samples.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(samples.FS(), p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

var queries = []string{"", "kazakhstan", "china russia", `"part ways"`, "-russia", "title:tea", "text:obozrevatel",
	"cat:opinion", "author:global", "after:2020-01-01", "fresh", "renamed", "newfolder", "edited", "longer"}

// answers is what a set of queries returns, as text, with the stats.
func answers(t *testing.T, c *model.Corpus) string {
	t.Helper()
	var b strings.Builder
	for _, q := range queries {
		for _, k := range []model.SortKey{model.SortNewest, model.SortTitle} {
			r := c.Search(model.ParseQuery(q), k)
			fmt.Fprintf(&b, "%s/%v nobodies=%v:", q, k, r.NoBodies)
			for _, n := range r.Rows {
				a := r.Article(n)
				fmt.Fprintf(&b, " %s|%s|%s|%d", a.ID, a.Title, a.Date(), a.Words)
			}
			b.WriteString("\n")
		}
	}
	s := c.Stats()
	s.LoadTime = 0
	s.Warnings = slices.DeleteFunc(s.Warnings, func(p model.Problem) bool { return p.Path == "" })
	var probs []string
	for _, p := range c.Problems() {
		if p.Path != "" {
			probs = append(probs, p.String())
		}
	}
	slices.Sort(probs)
	fmt.Fprintf(&b, "%+v\n%q\n", s, probs)
	return b.String()
}

func open(t *testing.T, dir, cache string, noCache bool) (*Library, string) {
	t.Helper()
	return openWith(t, dir, Options{NoCache: noCache, CacheDir: cache})
}

// openWith is open with more options; bodies are always indexed.
func openWith(t *testing.T, dir string, opts Options) (*Library, string) {
	t.Helper()
	opts.Bodies = true
	lib, err := Load(context.Background(), Source{Dir: dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	got := answers(t, lib.Corpus)
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}
	return lib, got
}

func cacheProblems(c *model.Corpus) []string {
	var out []string
	for _, p := range c.Problems() {
		if p.Path == "" {
			out = append(out, p.Reason)
		}
	}
	return out
}

// TestWarmEqualsCold: after files were added, changed (same size with a
// new time; a new size), removed and renamed, and a folder added, a warm
// start answers exactly as a cold one: for a command, which stats the
// files while the cache decodes, and for a reader (Interactive), which
// stats them after.
func TestWarmEqualsCold(t *testing.T) {
	for _, interactive := range []bool{false, true} {
		t.Run(fmt.Sprint("interactive=", interactive), func(t *testing.T) { testWarmEqualsCold(t, interactive) })
	}
}

func testWarmEqualsCold(t *testing.T, interactive bool) {
	dir, cache := corpusDir(t), t.TempDir()
	open := func(t *testing.T, dir, cache string, noCache bool) (*Library, string) {
		t.Helper()
		return openWith(t, dir, Options{NoCache: noCache, CacheDir: cache, Interactive: interactive})
	}
	first, cold := open(t, dir, cache, false)
	if c := first.Cache(); c.Used || !c.Written || c.Size == 0 {
		t.Fatalf("first start: %+v", c)
	}
	warm, again := open(t, dir, cache, false)
	if c := warm.Cache(); !c.Used || c.Changed != 0 {
		t.Errorf("second start, nothing changed: %+v", c)
	}
	if again != cold {
		t.Fatalf("warm differs from cold with nothing changed:\n%s\nvs\n%s", again, cold)
	}

	seed := filepath.Join(dir, "2022/01/000_652e1fac9521c5ec.txt")
	data, _ := os.ReadFile(seed)
	edit := func(p string, f func(string) string) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() && p != seed {
			files = append(files, p)
		}
		return nil
	})
	// Same size, new time.
	edit(seed, func(s string) string { return strings.Replace(s, "Title: China", "Title: Edite", 1) })
	later := time.Now().Add(time.Hour)
	os.Chtimes(seed, later, later)
	// A new size.
	edit(files[0], func(s string) string { return strings.Replace(s, "Title: ", "Title: Longer ", 1) })
	// Removed, renamed, added, a new folder.
	os.Remove(files[1])
	os.Rename(files[2], filepath.Join(filepath.Dir(files[2]), "renamed.txt"))
	os.WriteFile(filepath.Join(dir, "fresh.txt"), []byte(strings.Replace(string(data), "Title: China", "Title: Fresh China", 1)), 0o644)
	os.MkdirAll(filepath.Join(dir, "newfolder/deeper"), 0o755)
	os.WriteFile(filepath.Join(dir, "newfolder/deeper/x.txt"), []byte("Title: Newfolder piece\nText:\nAbout Kazakhstan.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "newfolder/bad.txt"), []byte("\x00\x01 not an article"), 0o644)

	_, coldNow := open(t, dir, cache, true)
	warm, warmNow := open(t, dir, cache, false)
	if c := warm.Cache(); !c.Used || c.Changed < 6 || !c.Written {
		t.Errorf("after changes: %+v", c)
	}
	if warmNow != coldNow {
		t.Fatalf("warm differs from cold after changes:\n%s\nvs\n%s", warmNow, coldNow)
	}
	for _, want := range []string{"Edite", "Longer", "renamed.txt", "fresh.txt", "newfolder/deeper/x.txt"} {
		if !strings.Contains(warmNow, want) {
			t.Errorf("warm answers miss %q", want)
		}
	}
	// And the rewritten cache answers the same.
	_, third := open(t, dir, cache, false)
	if third != coldNow {
		t.Fatalf("the rewritten cache differs from cold:\n%s\nvs\n%s", third, coldNow)
	}
}

// TestBrokenCaches: a truncated cache, one with a flipped byte, one from a
// newer format and a read-only cache folder each give the right answer and
// one message.
func TestBrokenCaches(t *testing.T) {
	dir := corpusDir(t)
	_, want := open(t, dir, t.TempDir(), true)
	for name, breakIt := range map[string]func(path string){
		"truncated": func(p string) {
			info, _ := os.Stat(p)
			os.Truncate(p, info.Size()/2)
		},
		"flipped": func(p string) {
			b, _ := os.ReadFile(p)
			b[len(b)/3] ^= 0x40
			os.WriteFile(p, b, 0o600)
		},
		"newer": func(p string) {
			b, _ := os.ReadFile(p)
			b[8]++
			os.WriteFile(p, b, 0o600)
		},
		"garbage": func(p string) { os.WriteFile(p, []byte("hello"), 0o600) },
	} {
		t.Run(name, func(t *testing.T) {
			cache := t.TempDir()
			first, _ := open(t, dir, cache, false)
			breakIt(first.Cache().Path)
			lib, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache})
			if err != nil {
				t.Fatal(err)
			}
			got := answers(t, lib.Corpus)
			msgs := cacheProblems(lib.Corpus)
			lib.Close()
			if got != want {
				t.Errorf("answers differ from a cold start")
			}
			if len(msgs) != 1 || !strings.Contains(msgs[0], "ignored") {
				t.Errorf("messages %q", msgs)
			}
			if c := lib.Cache(); c.Used || !c.Written || c.Problem == "" {
				t.Errorf("cache %+v", c)
			}
			// Rebuilt: the next start is warm and quiet.
			lib, _ = open(t, dir, cache, false)
			if c := lib.Cache(); !c.Used || c.Problem != "" {
				t.Errorf("after the rebuild: %+v", c)
			}
		})
	}
	t.Run("flipped in the positions", func(t *testing.T) {
		cache := t.TempDir()
		first, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache, cacheBlock: 1 << 10})
		if err != nil {
			t.Fatal(err)
		}
		first.Close()
		path := first.Cache().Path
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		n := binary.LittleEndian.Uint64(b[len(b)-tailSize:])
		tail := binary.LittleEndian.Uint64(b[len(b)-tailSize+8:])
		if tail < 4<<10 {
			t.Fatalf("positions of %d bytes: too few to flip one apart from the rest", tail)
		}
		// A byte in every block of the positions alone, so that whichever
		// a phrase reads fails.
		for at := (headSize+n-tail)/1024*1024 + 1024; at+100 < headSize+n; at += 1024 {
			b[at+100] ^= 0x40
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		// The rest is used; the phrase is answered from the text; one
		// message says so, and the cache is gone, to be built again.
		lib, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		got := answers(t, lib.Corpus)
		if !lib.Cache().Used {
			t.Errorf("the cache was not used: %+v", lib.Cache())
		}
		if got != want {
			t.Errorf("answers differ from a cold start")
		}
		waitFor(t, "the message", func() bool { return len(cacheProblems(lib.Corpus)) == 1 }, func() string { return fmt.Sprint(cacheProblems(lib.Corpus)) })
		if msg := cacheProblems(lib.Corpus)[0]; !strings.Contains(msg, "exact phrases") || !strings.Contains(lib.Cache().Problem, "exact phrases") {
			t.Errorf("message %q, stats say %q", msg, lib.Cache().Problem)
		}
		lib.Close()
		if _, err := os.Stat(path); err == nil {
			t.Error("the cache was not removed")
		}
		if lib, _ := open(t, dir, cache, false); lib.Cache().Used || !lib.Cache().Written {
			t.Errorf("the start after: %+v", lib.Cache())
		}
		if lib, got := open(t, dir, cache, false); !lib.Cache().Used || lib.Cache().Problem != "" || got != want {
			t.Errorf("rebuilt: %+v, answers equal %v", lib.Cache(), got == want)
		}
	})
	// unwritable: a cache folder that cannot be written costs a warm start
	// only, said once; the answers are a cold start's.
	unwritable := func(t *testing.T, cacheDir string) {
		t.Helper()
		lib, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cacheDir})
		if err != nil {
			t.Fatal(err)
		}
		got := answers(t, lib.Corpus)
		lib.Close()
		msgs := cacheProblems(lib.Corpus)
		if got != want || len(msgs) != 1 || !strings.Contains(msgs[0], "cannot write") || lib.Cache().Written {
			t.Errorf("answers equal: %v; messages %q; cache %+v", got == want, msgs, lib.Cache())
		}
	}
	t.Run("read-only folder", func(t *testing.T) {
		if os.Getuid() == 0 {
			t.Skip("root writes anywhere")
		}
		cache := t.TempDir()
		os.Chmod(cache, 0o500)
		defer os.Chmod(cache, 0o700)
		unwritable(t, filepath.Join(cache, "folio"))
	})
	t.Run("unwritable folder", func(t *testing.T) {
		// A file where the cache folder should be: unwritable for root
		// too, who writes in a read-only folder anyway.
		blocked := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(blocked, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		unwritable(t, filepath.Join(blocked, "folio"))
	})
	t.Run("inside the corpus", func(t *testing.T) {
		lib, _ := open(t, dir, filepath.Join(dir, ".cache"), false)
		if c := lib.Cache(); c.Enabled || c.Written {
			t.Errorf("a cache inside the corpus: %+v", c)
		}
		if _, err := os.Stat(filepath.Join(dir, ".cache")); err == nil {
			t.Error("something was written inside the corpus")
		}
	})
}

// TestEveryStartEndsSearchable: cold, warm, and warm from a cache written
// without bodies (by folio stats), the bodies are announced from the
// first moment and end searchable.
func TestEveryStartEndsSearchable(t *testing.T) {
	dir, cache := corpusDir(t), t.TempDir()
	// A command that never looks in bodies leaves a cache without them.
	lib, err := Load(context.Background(), Source{Dir: dir}, Options{CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	lib.Close()
	for _, name := range []string{"warm without bodies", "warm", "cold"} {
		opts := Options{Bodies: true, CacheDir: cache, NoCache: name == "cold"}
		lib, err := Open(context.Background(), Source{Dir: dir}, opts)
		if err != nil {
			t.Fatal(err)
		}
		if c := lib.Corpus; !c.BodiesPending() && !c.BodiesReady() {
			t.Errorf("%s: bodies neither pending nor ready when Open returns: a reader would settle for titles", name)
		}
		if err := lib.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		r := lib.Corpus.Search(model.ParseQuery("obozrevatel"), model.SortNewest)
		if r.NoBodies || len(r.Rows) == 0 || lib.Corpus.BodiesPending() {
			t.Errorf("%s: body word: %d rows, NoBodies %v", name, len(r.Rows), r.NoBodies)
		}
		if name == "warm" && !lib.Cache().Used {
			t.Errorf("warm: cache not used: %+v", lib.Cache())
		}
		lib.Close()
	}
}

// TestTwoAtOnce: folios starting together on one corpus, each writing the
// cache, never corrupt it.
func TestTwoAtOnce(t *testing.T) {
	dir, cache := corpusDir(t), t.TempDir()
	_, want := open(t, dir, t.TempDir(), true)
	errs := make(chan string, 4)
	for range 4 {
		go func() {
			lib, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache})
			if err != nil {
				errs <- err.Error()
				return
			}
			got := answers(t, lib.Corpus)
			lib.Close()
			if got != want {
				errs <- "answers differ"
				return
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
	lib, got := open(t, dir, cache, false)
	if !lib.Cache().Used || got != want {
		t.Errorf("after four at once: %+v, answers equal %v", lib.Cache(), got == want)
	}
}

// TestKilledWhileWriting: a folio killed at any moment while it writes the
// cache leaves the old cache or the new one, never a broken one.
func TestKilledWhileWriting(t *testing.T) {
	if os.Getenv("FOLIO_CACHE_CHILD") != "" {
		// The child: write the cache again and again until killed.
		dir, cache := os.Getenv("FOLIO_CACHE_CHILD"), os.Getenv("FOLIO_CACHE_DIR")
		lib, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, NoCache: true})
		if err != nil {
			t.Fatal(err)
		}
		path, _ := CachePath(cache, dir)
		abs, _ := filepath.Abs(dir)
		os.WriteFile(filepath.Join(cache, "started"), nil, 0o600)
		for {
			if _, err := writeCache(path, corpusKey(abs), lib.Corpus, 0, blockSize); err != nil {
				t.Fatal(err)
			}
		}
	}
	dir, cache := corpusDir(t), t.TempDir()
	_, want := open(t, dir, cache, false)
	for i := range 5 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWhileWriting$")
		cmd.Env = append(os.Environ(), "FOLIO_CACHE_CHILD="+dir, "FOLIO_CACHE_DIR="+cache)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			if _, err := os.Stat(filepath.Join(cache, "started")); err == nil || time.Now().After(deadline) {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Duration(i*7) * time.Millisecond) // somewhere in a write
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		os.Remove(filepath.Join(cache, "started"))
		lib, got := open(t, dir, cache, false)
		if c := lib.Cache(); !c.Used || c.Problem != "" || got != want {
			t.Fatalf("after a kill: %+v, answers equal %v", c, got == want)
		}
	}
}

// TestCacheDirFromTheGivenEnvironment: the cache folder comes from the
// environment the caller gives, never from the process's own.
func TestCacheDirFromTheGivenEnvironment(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		t.Skip("the XDG layout is the Linux and BSD one")
	}
	none := func(string) string { return "" }
	if d, err := DefaultCacheDir(none); err == nil {
		t.Errorf("no XDG_CACHE_HOME nor HOME, yet a cache folder: %s", d)
	}
	xdg := func(k string) string {
		if k == "XDG_CACHE_HOME" {
			return "/x/cache"
		}
		return ""
	}
	if d, err := DefaultCacheDir(xdg); err != nil || d != "/x/cache/folio" {
		t.Errorf("XDG_CACHE_HOME=/x/cache: %q, %v", d, err)
	}
	home := func(k string) string {
		if k == "HOME" {
			return "/home/u"
		}
		return ""
	}
	if d, err := DefaultCacheDir(home); err != nil || d != "/home/u/.cache/folio" {
		t.Errorf("HOME=/home/u: %q, %v", d, err)
	}
}

// TestScanComparesAsItGoes: a scan that finds the decoded corpus already
// there compares each file as it stats it; what it then hands the
// revalidation is only what differs, and the answers are a cold start's.
func TestScanComparesAsItGoes(t *testing.T) {
	dir, cache := corpusDir(t), t.TempDir()
	open(t, dir, cache, false)
	lib, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	// The files were new enough that the cache kept no times for them:
	// this start read them again, and its cache write compacts the
	// corpus, which a matcher needs (numbered 0 to n-1, as decoded).
	if err := lib.Settle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !lib.Cache().Used {
		t.Fatalf("not warm: %+v", lib.Cache())
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	later := time.Now().Add(time.Hour)
	os.Chtimes(files[0], later, later) // the same bytes, another time: read again, not a change
	os.Remove(files[1])
	os.WriteFile(filepath.Join(dir, "fresh.txt"), []byte("Title: Fresh piece\nText:\nAbout Kazakhstan.\n"), 0o644)

	s := &scan{}
	s.against.Store(newMatcher(lib.Corpus))
	lib.scanFiles(context.Background(), s)
	if len(s.files) > 3 {
		t.Errorf("the scan handed over %d files; the corpus had all but 2 as they are", len(s.files))
	}
	n, err := lib.revalidate(context.Background(), s)
	if err != nil || n != 2 {
		t.Errorf("revalidate: %d changes, %v; want 2 (one removed, one added)", n, err)
	}
	if err := lib.IndexBodies(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, want := open(t, dir, t.TempDir(), true)
	if got := answers(t, lib.Corpus); got != want {
		t.Errorf("answers differ from a cold start:\n%s\nvs\n%s", got, want)
	}
}
