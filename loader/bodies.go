package loader

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"runtime"
	"sync"
	"unicode/utf8"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/model"
)

// IndexBodies reads the body of every article in c not yet body-indexed
// (all of them after a cold load, the changed ones after a revalidation or
// a watcher's change) again, on every core, and adds them to c's body
// index; then the corpus answers words from those bodies too. Loading
// leaves this out so the list can be shown sooner: a program runs it in
// the background once loading ends. Files that cannot
// be read any more are left out of the index, silently: they were reported
// when they loaded, and opening one will say what is wrong. A file whose
// indexing panics is left out too, and becomes a problem of the corpus.
func IndexBodies(ctx context.Context, fsys fs.FS, c *model.Corpus) error {
	from, n := c.BodiesToIndex()
	chunks := make(chan [2]int, 64)
	go func() {
		defer close(chunks)
		for start := from; start < n; start += jobSize {
			select {
			case chunks <- [2]int{start, min(n, start+jobSize)}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var probs []model.Problem
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			w := c.NewBodyWorker()
			var buf []byte
			var mine []model.Problem
			for ch := range chunks {
				if ctx.Err() != nil {
					continue
				}
				buf = indexChunk(fsys, c, w, ch[0], ch[1], buf, &mine)
				w.Flush()
			}
			mu.Lock()
			probs = append(probs, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	addProblems(c, probs)
	if err := ctx.Err(); err != nil {
		return err
	}
	c.BodiesIndexed(n)
	return nil
}

// addProblems adds to c the problems of files, keeping the problems those
// files had (a change's problems replace its paths').
func addProblems(c *model.Corpus, probs []model.Problem) {
	if len(probs) == 0 {
		return
	}
	named := make(map[string]bool, len(probs))
	for _, p := range probs {
		named[p.Path] = true
	}
	var all []model.Problem
	for _, p := range c.Problems() {
		if named[p.Path] {
			all = append(all, p)
		}
	}
	c.Apply(model.Change{Problems: append(all, probs...)})
}

// indexChunk indexes articles [start, end), opening each folder once for
// the run of its files, as Load does. A panic on a file adds its problem
// to probs, and the chunk goes on.
func indexChunk(fsys fs.FS, c *model.Corpus, w *model.BodyWorker, start, end int, buf []byte, probs *[]model.Problem) []byte {
	dir, dirFS, closeDir := "", fs.FS(nil), func() {}
	defer func() { panicked(closeDir) }()
	for i := start; i < end; i++ {
		id := c.At(int32(i)).ID
		d, name := splitPath(id)
		if dirFS == nil || d != dir {
			panicked(closeDir)
			dirFS, closeDir = nil, func() {}
			var err error
			if r := panicked(func() { dirFS, closeDir, err = sub(fsys, d) }); r != nil || err != nil {
				dirFS, closeDir = nil, func() {}
			}
			dir = d
		}
		cut := false
		if r := panicked(func() { buf, cut = indexFile(fsys, dirFS, id, name, int32(i), w, buf) }); r != nil {
			*probs = append(*probs, panicProblem(id, r))
			buf = nil
		} else if cut {
			*probs = append(*probs, model.Problem{Path: id, Severity: model.Warning,
				Reason: fmt.Sprintf("over %s distinct words in the body: the rest are not indexed", format.Count(model.MaxBodyWords))})
		}
	}
	return buf
}

// indexFile reads the body of article n, id, named name in its folder
// (dirFS, nil when that could not be opened), into buf, and adds it to w.
// cut says that the body had more distinct words than are indexed.
func indexFile(fsys, dirFS fs.FS, id, name string, n int32, w *model.BodyWorker, buf []byte) (_ []byte, cut bool) {
	var data []byte
	err := fs.ErrNotExist
	if dirFS != nil {
		data, buf, err = readFile(dirFS, name, MaxFileSize, buf, nil)
	}
	if err != nil {
		// A link, a file gone since, a folder that would not open: try
		// by its whole path.
		if data, buf, err = readFile(fsys, id, MaxFileSize, buf, nil); err != nil {
			return buf, false
		}
	}
	return buf, w.Add(n, bodyOf(data))
}

// bodyOf returns the text after the header.
func bodyOf(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) { // as Parse reads it, so café is found in a Latin-1 file
		data, _ = toUTF8(data)
	}
	h := header{a: &model.Article{}}
	body, _ := h.read(data)
	return body
}
