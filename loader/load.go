// Package loader turns a tree of article files into model articles: it walks
// an fs.FS, parses and cleans every candidate on all cores, and reports every
// file it skips or warns about as data. It never writes, never follows a link
// out of its root and never opens anything but a regular file.
package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/folio-reader/folio/model"
)

// Options tune Load; the zero value is ready to use.
type Options struct {
	Workers     int           // parallel parsers; default: one per core
	BatchSize   int           // articles per batch at most; default 1024
	BatchDelay  time.Duration // a batch waits at most this long to fill; default 30ms
	MaxFileSize int64         // larger files are skipped; default 256 MiB
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 1024
	}
	if o.BatchDelay <= 0 {
		o.BatchDelay = 30 * time.Millisecond
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = 256 << 20
	}
	return o
}

// IsCandidate reports whether a file name is one folio reads: any name
// ending in .txt, in any case.
func IsCandidate(name string) bool {
	return strings.EqualFold(path.Ext(name), ".txt")
}

// Load walks fsys and parses every candidate file, calling deliver with
// batches of articles and problems as they are ready, from one goroutine at a
// time, so that a caller can show the first articles while the rest load.
// It returns when every file is done or ctx is cancelled.
func Load(ctx context.Context, fsys fs.FS, opts Options, deliver func(model.Batch)) error {
	opts = opts.withDefaults()
	if _, err := fs.ReadDir(fsys, "."); err != nil {
		return fmt.Errorf("read corpus: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	paths := make(chan string, 4*opts.BatchSize)
	batches := make(chan model.Batch, opts.Workers)
	var walkProblems []model.Problem
	go func() {
		defer close(paths)
		walkProblems = walk(ctx, fsys, paths)
	}()
	var wg sync.WaitGroup
	parser := NewParser()
	for range opts.Workers {
		wg.Go(func() { work(ctx, fsys, parser, opts, paths, batches) })
	}
	go func() {
		wg.Wait()
		close(batches)
	}()
	for b := range batches {
		deliver(b)
	}
	// The walker has finished: paths is closed and every worker has drained it.
	if len(walkProblems) > 0 {
		deliver(model.Batch{Problems: walkProblems})
	}
	return ctx.Err()
}

// walk sends the path of every candidate regular file below the root, and
// returns the problems met on the way: links that lead nowhere safe, files
// that are not regular, folders that cannot be read.
func walk(ctx context.Context, fsys fs.FS, paths chan<- string) []model.Problem {
	var probs []model.Problem
	report := func(p, reason string) {
		probs = append(probs, model.Problem{Path: p, Reason: reason, Severity: model.Skipped})
	}
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return fs.SkipAll
		}
		if err != nil {
			report(p, "cannot read: "+describe(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		typ := d.Type()
		switch {
		case d.IsDir():
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir // .git and the like
			}
			return nil
		case typ&fs.ModeSymlink != 0:
			if reason, ok := checkLink(fsys, p); !ok {
				report(p, reason)
				return nil
			}
		case !typ.IsRegular():
			if IsCandidate(p) {
				report(p, "not a regular file ("+kind(typ)+"): never opened")
			}
			return nil
		}
		if IsCandidate(p) {
			select {
			case paths <- p:
			case <-ctx.Done():
				return fs.SkipAll
			}
		}
		return nil
	})
	return probs
}

// checkLink follows a link inside the root and says whether what it leads
// to may be read. os.Root refuses links that leave the root or loop.
func checkLink(fsys fs.FS, p string) (reason string, ok bool) {
	info, err := fs.Stat(fsys, p)
	switch {
	case err != nil && errors.Is(err, syscall.ELOOP):
		return "link loop: not followed", false
	case err != nil && strings.Contains(err.Error(), "escapes"):
		return "link leads outside the corpus folder: not followed", false
	case err != nil:
		return "broken link: " + describe(err), false
	case info.IsDir():
		return "link to a folder: not followed", false
	case !info.Mode().IsRegular():
		if !IsCandidate(p) {
			return "", false
		}
		return "link to something that is not a regular file (" + kind(info.Mode().Type()) + "): never opened", false
	}
	return "", IsCandidate(p)
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0:
		return "irregular"
	}
	return m.String()
}

func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// work parses the files named on paths into batches.
func work(ctx context.Context, fsys fs.FS, parser *Parser, opts Options, paths <-chan string, out chan<- model.Batch) {
	var b model.Batch
	var started time.Time
	var buf []byte
	flush := func() {
		if len(b.Articles)+len(b.Problems) > 0 {
			b.Prepare() // here, on every core, not under the corpus lock
			out <- b
			b = model.Batch{}
		}
	}
	for p := range paths {
		if ctx.Err() != nil {
			continue // drain, so the walker is never stuck
		}
		if len(b.Articles)+len(b.Problems) == 0 {
			started = time.Now()
		}
		var data []byte
		var err error
		data, buf, err = readFile(fsys, p, opts.MaxFileSize, buf)
		if err != nil {
			b.Problems = append(b.Problems, model.Problem{Path: p, Reason: err.Error(), Severity: model.Skipped})
		} else {
			a, probs := parser.Parse(p, data, false)
			if a != nil {
				b.Articles = append(b.Articles, a)
			}
			b.Problems = append(b.Problems, probs...)
		}
		if len(b.Articles) >= opts.BatchSize || time.Since(started) >= opts.BatchDelay {
			flush()
		}
	}
	flush()
}

// readFile reads a regular file into buf, growing it as needed. It checks
// the type of what it opened, so nothing but a regular file is ever read.
func readFile(fsys fs.FS, p string, limit int64, buf []byte) (data, newBuf []byte, err error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, buf, fmt.Errorf("cannot open: %s", describe(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, buf, fmt.Errorf("cannot stat: %s", describe(err))
	}
	if !info.Mode().IsRegular() {
		return nil, buf, fmt.Errorf("not a regular file (%s): never read", kind(info.Mode().Type()))
	}
	if info.Size() > limit {
		return nil, buf, fmt.Errorf("too large (%d MiB; the limit is %d MiB)", info.Size()>>20, limit>>20)
	}
	want := int(info.Size()) + 512 // room to notice a file that grew
	if cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return nil, buf, fmt.Errorf("too large (over %d MiB)", limit>>20)
			}
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, buf, nil
		}
		if err != nil {
			return nil, buf, fmt.Errorf("cannot read: %s", describe(err))
		}
	}
}

// ErrNotArticle is returned by ReadArticle for a file that is not an article.
var ErrNotArticle = errors.New("not an article")

// ReadArticle reads one article in full, body included.
func ReadArticle(fsys fs.FS, id string) (*model.Article, error) {
	data, _, err := readFile(fsys, id, 1<<30, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	a, probs := NewParser().Parse(id, data, true)
	if a == nil {
		return nil, fmt.Errorf("%s: %w: %s", id, ErrNotArticle, probs[0].Reason)
	}
	return a, nil
}
