package loader

import (
	"bytes"
	"context"
	"io/fs"
	"runtime"
	"sync"
	"unicode/utf8"

	"github.com/folio-reader/folio/model"
)

// IndexBodies reads the body of every article in c not yet body-indexed
// (all of them after a cold load, the changed ones after a revalidation or
// a watcher's change) again, on every core, and adds them to c's body
// index; then the corpus answers words from those bodies too. Loading
// leaves this out so the list can be shown sooner: a program runs it in
// the background once loading ends. Files that cannot
// be read any more are left out of the index, silently: they were reported
// when they loaded, and opening one will say what is wrong.
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
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			w := c.NewBodyWorker()
			var buf []byte
			for ch := range chunks {
				if ctx.Err() != nil {
					continue
				}
				buf = indexChunk(fsys, c, w, ch[0], ch[1], buf)
				w.Flush()
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	c.BodiesIndexed(n)
	return nil
}

// indexChunk indexes articles [start, end), opening each folder once for
// the run of its files, as Load does.
func indexChunk(fsys fs.FS, c *model.Corpus, w *model.BodyWorker, start, end int, buf []byte) []byte {
	dir, dirFS, closeDir := "", fs.FS(nil), func() {}
	defer func() { closeDir() }()
	for i := start; i < end; i++ {
		id := c.At(int32(i)).ID
		d, name := splitPath(id)
		if dirFS == nil || d != dir {
			closeDir()
			var err error
			if dirFS, closeDir, err = sub(fsys, d); err != nil {
				dirFS, closeDir = nil, func() {}
				continue
			}
			dir = d
		}
		var data []byte
		var err error
		if data, buf, err = readFile(dirFS, name, 1<<30, buf, nil); err != nil {
			// A link, or a file gone since: try by its whole path.
			if data, buf, err = readFile(fsys, id, 1<<30, buf, nil); err != nil {
				continue
			}
		}
		w.Add(int32(i), bodyOf(data))
	}
	return buf
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
