package loader

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/folio-reader/folio/model"
)

// writeFile writes data to dir/name, making the folders it lies in.
func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// badTree builds a corpus folder with good articles and a file of every bad
// kind, and returns it with the IDs that must load and the paths that must
// be reported as skipped.
func badTree(t *testing.T) (dir string, loaded, skipped []string) {
	t.Helper()
	base := t.TempDir()
	dir = filepath.Join(base, "corpus")
	outside := filepath.Join(base, "secret.txt")
	write := func(name, data string) { writeFile(t, dir, name, data) }
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	write("000_652e1fac9521c5ec.txt", string(readSeed(t)))
	write("2021/a/one.txt", good)
	write("2021/b/TWO.TXT", strings.Replace(good, "A title", "Second", 1))
	write("crlf.txt", strings.ReplaceAll(good, "\n", "\r\n"))
	write("latin1.txt", strings.Replace(good, "First", "Caf\xe9", 1))
	write("notes.md", "not a candidate")
	write(".git/objects/x.txt", good) // hidden folders are not walked
	loaded = []string{"000_652e1fac9521c5ec.txt", "2021/a/one.txt", "2021/b/TWO.TXT", "crlf.txt", "latin1.txt", "inside-link.txt"}
	link("2021/a/one.txt", "inside-link.txt")

	write("empty.txt", "")
	write("binary.txt", "\x7fELF\x00\x00\x01")
	write("noheader.txt", "shopping list\neggs\n")
	if err := os.WriteFile(outside, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	link(outside, "escape.txt")
	link("../secret.txt", "escape-relative.txt")
	link("loop-b.txt", "loop-a.txt")
	link("loop-a.txt", "loop-b.txt")
	link("/dev/zero", "device.txt")
	link("2021", "folder-link.txt")
	link("missing.txt", "dangling.txt")
	mkfifo(t, filepath.Join(dir, "fifo.txt"))
	skipped = []string{"empty.txt", "binary.txt", "noheader.txt", "escape.txt", "escape-relative.txt",
		"loop-a.txt", "loop-b.txt", "device.txt", "folder-link.txt", "dangling.txt", "fifo.txt"}
	return dir, loaded, skipped
}

// paths runs a test against each way Dir can read a folder: the fast path
// of plain system calls where the system has one, and os.Root alone, which
// every other system uses, so that it is tested here too.
func paths(t *testing.T, test func(t *testing.T, fast bool)) {
	if haveFastPath {
		t.Run("fast", func(t *testing.T) { test(t, true) })
	}
	t.Run("portable", func(t *testing.T) { test(t, false) })
}

func loadAll(t *testing.T, dir string, fast bool) ([]*model.Article, []model.Problem) {
	t.Helper()
	fsys, closeFS, err := openDir(dir, fast)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	var arts []*model.Article
	var probs []model.Problem
	done := make(chan error, 1)
	go func() {
		done <- Load(context.Background(), fsys, Options{BatchSize: 2}, func(b model.Batch) {
			arts = append(arts, b.Articles...)
			probs = append(probs, b.Problems...)
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Load hung")
	}
	return arts, probs
}

func TestLoadBadTree(t *testing.T) { paths(t, testLoadBadTree) }

func testLoadBadTree(t *testing.T, fast bool) {
	dir, loaded, skipped := badTree(t)
	before := snapshot(t, dir)
	arts, probs := loadAll(t, dir, fast)

	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	slices.Sort(loaded)
	if !slices.Equal(ids, loaded) {
		t.Errorf("loaded %q\nwant   %q", ids, loaded)
	}
	reported := map[string]string{}
	for _, p := range probs {
		if p.Severity == model.Skipped {
			reported[p.Path] = p.Reason
		}
	}
	for _, s := range skipped {
		if _, ok := reported[s]; !ok {
			t.Errorf("%s not reported as skipped (reported: %v)", s, reported)
		}
	}
	if len(reported) != len(skipped) {
		t.Errorf("reported %d skipped files, want %d: %v", len(reported), len(skipped), reported)
	}
	for path, want := range map[string]string{
		"escape.txt": "outside", "escape-relative.txt": "outside", "loop-a.txt": "loop",
		"fifo.txt": "FIFO", "device.txt": "outside", "folder-link.txt": "folder", "binary.txt": "binary",
	} {
		if !strings.Contains(reported[path], want) {
			t.Errorf("%s: reason %q, want it to say %q", path, reported[path], want)
		}
	}
	if after := snapshot(t, dir); !slices.Equal(before, after) {
		t.Errorf("the corpus folder changed:\n%v\n%v", before, after)
	}
}

// snapshot lists every entry of dir with its mode, size and time, to show
// that loading wrote nothing.
func snapshot(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			out = append(out, p+" "+info.Mode().String()+" "+info.ModTime().String())
		}
		return nil
	})
	return out
}

func TestLoadDeviceInsideRoot(t *testing.T) { paths(t, testLoadDeviceInsideRoot) }

func testLoadDeviceInsideRoot(t *testing.T, fast bool) {
	dir := t.TempDir()
	mknull(t, filepath.Join(dir, "null.txt"))
	arts, probs := loadAll(t, dir, fast)
	if len(arts) != 0 || len(probs) != 1 || !strings.Contains(probs[0].Reason, "device") {
		t.Errorf("articles %v problems %v", arts, probs)
	}
}

func TestDirErrors(t *testing.T) {
	if _, _, err := Dir(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("missing folder accepted")
	}
	f := filepath.Join(t.TempDir(), "file.txt")
	os.WriteFile(f, []byte(good), 0o644)
	if _, _, err := Dir(f); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("file as folder: %v", err)
	}
}

func TestLoadMapFSAndReadArticle(t *testing.T) {
	fsys := fstest.MapFS{
		"a/one.txt": {Data: []byte(good)},
		"b.txt":     {Data: []byte("no header\n")},
	}
	var n int
	err := Load(context.Background(), fsys, Options{}, func(b model.Batch) { n += len(b.Articles) })
	if err != nil || n != 1 {
		t.Fatalf("Load: %v, %d articles", err, n)
	}
	a, err := ReadArticle(fsys, "a/one.txt")
	if err != nil || a.Body != "First line.\n\nSecond line." {
		t.Errorf("ReadArticle: %v %q", err, a.Body)
	}
	if _, err := ReadArticle(fsys, "b.txt"); err == nil {
		t.Error("ReadArticle of a non-article succeeded")
	}
	if _, err := ReadArticle(fsys, "missing.txt"); err == nil {
		t.Error("ReadArticle of a missing file succeeded")
	}
}

// countFS counts the files opened through it. It has no Sub method, so a
// folder's files are opened through its Open too.
type countFS struct {
	files  fstest.MapFS
	opened *atomic.Int64
}

func (c countFS) Open(name string) (fs.File, error) {
	c.opened.Add(1)
	return c.files.Open(name)
}

func (c countFS) ReadDir(name string) ([]fs.DirEntry, error) { return c.files.ReadDir(name) }

// TestLoadCancelled cancels a load at its first batch: Load must say so,
// and stop reading files rather than finish the corpus.
func TestLoadCancelled(t *testing.T) {
	const files = 20000
	fsys := countFS{files: fstest.MapFS{}, opened: new(atomic.Int64)}
	for i := range files {
		fsys.files[fmt.Sprintf("d/%d/%05d.txt", i%7, i)] = &fstest.MapFile{Data: []byte(good)}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var delivered int
	err := Load(ctx, fsys, Options{Workers: 2, BatchSize: 1}, func(b model.Batch) {
		delivered += len(b.Articles)
		cancel()
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Load returned %v, want context.Canceled", err)
	}
	// A worker finishes the job it holds (at most jobSize files) and drops
	// the rest.
	if n := fsys.opened.Load(); n > 4*jobSize {
		t.Errorf("cancelled Load opened %d of %d files; it should stop within a job or two per worker", n, files)
	}
	if delivered == 0 || delivered > 4*jobSize {
		t.Errorf("cancelled Load delivered %d articles", delivered)
	}
}

func TestIndexBodies(t *testing.T) { paths(t, testIndexBodies) }

func testIndexBodies(t *testing.T, fast bool) {
	dir, _, _ := badTree(t)
	fsys, closeFS, err := openDir(dir, fast)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	c := model.NewCorpus(nil)
	if err := Load(context.Background(), fsys, Options{BatchSize: 2}, c.Add); err != nil {
		t.Fatal(err)
	}
	if err := IndexBodies(context.Background(), fsys, c); err != nil {
		t.Fatal(err)
	}
	if !c.BodiesReady() {
		t.Fatal("bodies not ready after IndexBodies")
	}
	var got []string
	for _, n := range c.Search(model.ParseQuery("text:obozrevatel"), model.SortTitle).Rows {
		got = append(got, c.At(n).ID)
	}
	// Only the seed's body holds the word.
	if !slices.Equal(got, []string{"000_652e1fac9521c5ec.txt"}) {
		t.Errorf("text:obozrevatel found %q", got)
	}
	got = got[:0]
	for _, n := range c.Search(model.ParseQuery("text:second"), model.SortTitle).Rows {
		got = append(got, c.At(n).ID)
	}
	slices.Sort(got)
	// good's body is "First line.\nSecond line.": every copy of it, the
	// link included.
	if want := []string{"2021/a/one.txt", "2021/b/TWO.TXT", "crlf.txt", "inside-link.txt", "latin1.txt"}; !slices.Equal(got, want) {
		t.Errorf("text:second found %q, want %q", got, want)
	}
}
