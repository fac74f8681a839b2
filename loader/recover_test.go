package loader

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/folio-reader/folio/model"
)

// trapFS is a MapFS that panics when asked to open one of panics (a file
// or a folder, whose listing goes through Open), as a bug in a reader
// would, and that gives a file of sizes the size stat reports, though it
// holds only its data.
//
// It has no Sub method (MapFS's would skip the traps): a folder's files are
// opened through its Open.
type trapFS struct {
	files  fstest.MapFS
	panics map[string]bool
	sizes  map[string]int64
}

func (t trapFS) Open(name string) (fs.File, error) {
	if t.panics[name] {
		panic("trap: " + name)
	}
	f, err := t.files.Open(name)
	if err != nil || t.sizes[name] == 0 {
		return f, err
	}
	return sizedFile{f, t.sizes[name]}, nil
}

func (t trapFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if t.panics[name] {
		panic("trap: " + name)
	}
	return t.files.ReadDir(name)
}

type sizedFile struct {
	fs.File
	size int64
}

func (f sizedFile) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	return sizedInfo{info, f.size}, err
}

type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (i sizedInfo) Size() int64 { return i.size }

// loadWithin loads fsys (only the paths, when given) and fails the test if
// that takes more than a deadline.
func loadWithin(t *testing.T, fsys fs.FS, only []string) (ids []string, probs []model.Problem) {
	t.Helper()
	done := make(chan error, 1)
	deliver := func(b model.Batch) {
		for _, a := range b.Articles {
			ids = append(ids, a.ID)
		}
		probs = append(probs, b.Problems...)
	}
	go func() {
		if only != nil {
			_, err := LoadPaths(context.Background(), fsys, only, Options{Workers: 2}, deliver)
			done <- err
			return
		}
		done <- Load(context.Background(), fsys, Options{Workers: 2}, deliver)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("load hung")
	}
	slices.Sort(ids)
	return ids, probs
}

// panicked reports whether probs holds a skipped problem of path that
// says folio failed on it.
func reportsPanic(probs []model.Problem, path string) bool {
	for _, p := range probs {
		if p.Path == path && p.Severity == model.Skipped && strings.Contains(p.Reason, "folio failed") && strings.Contains(p.Reason, "trap") {
			return true
		}
	}
	return false
}

// TestPanicIsAProblem: a panic on a file, or on a folder, in the walk, a
// parse worker, LoadPaths, IndexBodies or ReadArticle, becomes a problem
// of that file or folder, and the rest loads.
func TestPanicIsAProblem(t *testing.T) {
	files := fstest.MapFS{
		"a.txt":          {Data: []byte(good)},
		"bad.txt":        {Data: []byte(good)},
		"d/b.txt":        {Data: []byte(good)},
		"d/bad.txt":      {Data: []byte(good)},
		"broken/c.txt":   {Data: []byte(good)},
		"z/e.txt":        {Data: []byte(good)},
		"z/deeper/f.txt": {Data: []byte(good)},
	}
	fsys := trapFS{files: files, panics: map[string]bool{"bad.txt": true, "d/bad.txt": true, "broken": true}}
	want := []string{"a.txt", "d/b.txt", "z/deeper/f.txt", "z/e.txt"}

	ids, probs := loadWithin(t, fsys, nil)
	if !slices.Equal(ids, want) {
		t.Errorf("Load: %q, want %q", ids, want)
	}
	for _, p := range []string{"bad.txt", "d/bad.txt", "broken"} {
		if !reportsPanic(probs, p) {
			t.Errorf("Load: no problem says folio failed on %s: %v", p, probs)
		}
	}

	ids, probs = loadWithin(t, fsys, []string{"a.txt", "bad.txt", "d/bad.txt", "z/e.txt", "broken/c.txt"})
	if want := []string{"a.txt", "z/e.txt"}; !slices.Equal(ids, want) {
		t.Errorf("LoadPaths: %q, want %q", ids, want)
	}
	for _, p := range []string{"bad.txt", "d/bad.txt", "broken/c.txt"} {
		if !reportsPanic(probs, p) {
			t.Errorf("LoadPaths: no problem says folio failed on %s: %v", p, probs)
		}
	}

	// The corpus is loaded from the files as they are; then reading a few
	// of them panics.
	c := model.NewCorpus(nil)
	if err := Load(context.Background(), files, Options{}, c.Add); err != nil {
		t.Fatal(err)
	}
	c.Apply(model.Change{Problems: []model.Problem{{Path: "d/bad.txt", Reason: "earlier warning", Severity: model.Warning}}})
	if err := IndexBodies(context.Background(), fsys, c); err != nil {
		t.Fatal(err)
	}
	var kept bool
	probs = c.Problems()
	for _, p := range probs {
		kept = kept || p.Reason == "earlier warning"
	}
	if !reportsPanic(probs, "bad.txt") || !reportsPanic(probs, "d/bad.txt") || !kept {
		t.Errorf("IndexBodies: problems %v", probs)
	}
	if got := len(c.Search(model.ParseQuery("text:second"), model.SortTitle).Rows); got != len(files)-2 {
		t.Errorf("IndexBodies: %d bodies indexed, want %d", got, len(files)-2)
	}

	if _, err := ReadArticle(fsys, "d/bad.txt"); err == nil || !strings.Contains(err.Error(), "folio failed") {
		t.Errorf("ReadArticle: %v", err)
	}
	if _, err := ReadArticle(fsys, "d/b.txt"); err != nil {
		t.Errorf("ReadArticle of a good file: %v", err)
	}
}

// TestReadLimitShared: a file of MaxFileSize is read by Load, IndexBodies
// and ReadArticle alike; one byte more, by none of them. (The files hold a
// short article; stat says how large they are, which is what is checked.)
func TestReadLimitShared(t *testing.T) {
	body := "Title: T\nText:\nlimitword\n"
	for _, size := range []int64{MaxFileSize, MaxFileSize + 1} {
		fsys := trapFS{files: fstest.MapFS{"x.txt": {Data: []byte(body)}}, sizes: map[string]int64{"x.txt": size}}
		ids, probs := loadWithin(t, fsys, nil)
		_, err := ReadArticle(fsys, "x.txt")
		over := size > MaxFileSize
		if (len(ids) == 0) != over || (err != nil) != over {
			t.Errorf("%d bytes: loaded %q (%v), ReadArticle %v", size, ids, probs, err)
		}
		// The body index reads the file again: at the limit it finds the
		// word; over it, the file is left out.
		c := model.NewCorpus(nil)
		c.Add(model.Batch{Articles: []*model.Article{{ID: "x.txt", Title: "T"}}})
		if err := IndexBodies(context.Background(), fsys, c); err != nil {
			t.Fatal(err)
		}
		if got := len(c.Search(model.ParseQuery("text:limitword"), model.SortTitle).Rows); (got == 0) != over {
			t.Errorf("%d bytes: IndexBodies found the word in %d articles", size, got)
		}
		if over && (err == nil || !errors.Is(err, err) || !strings.Contains(err.Error(), "too large")) {
			t.Errorf("%d bytes: ReadArticle: %v", size, err)
		}
	}
}

// TestBodyWordsCutIsAWarning: a body of more distinct words than are
// indexed is indexed up to the limit, and the file says so once.
func TestBodyWordsCutIsAWarning(t *testing.T) {
	var b strings.Builder
	b.WriteString("Title: T\nText:\n")
	for i := range model.MaxBodyWords + 1 {
		b.WriteString("w")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(strings.Repeat(string(rune('a'+i/26%26)), 1))
		b.WriteString(string(rune('a' + i/676%26)))
		b.WriteString(" ")
	}
	files := fstest.MapFS{"x.txt": {Data: []byte(b.String())}, "y.txt": {Data: []byte(good)}}
	c := model.NewCorpus(nil)
	if err := Load(context.Background(), files, Options{}, c.Add); err != nil {
		t.Fatal(err)
	}
	if err := IndexBodies(context.Background(), files, c); err != nil {
		t.Fatal(err)
	}
	var cuts []model.Problem
	for _, p := range c.Problems() {
		if strings.Contains(p.Reason, "distinct words") {
			cuts = append(cuts, p)
		}
	}
	if len(cuts) != 1 || cuts[0].Path != "x.txt" || cuts[0].Severity != model.Warning {
		t.Errorf("warnings of the cut: %v", cuts)
	}
}
