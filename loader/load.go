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
	MaxFileSize int64         // larger files are skipped; default (and at most) MaxFileSize

	// Known, when set, is asked about every file before it is read, with
	// its identity: true means the caller holds it as it is, and the file
	// is listed in a batch's Unchanged instead of being read. This is how
	// a cached index is revalidated: one stat a file.
	Known func(id string, file Identity) bool
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
	if o.MaxFileSize <= 0 || o.MaxFileSize > MaxFileSize {
		o.MaxFileSize = MaxFileSize
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
	return load(ctx, fsys, opts, nil, deliver)
}

// load is Load, of the whole tree or, when only is not nil, of those files.
func load(ctx context.Context, fsys fs.FS, opts Options, only *onlyPaths, deliver func(model.Batch)) error {
	opts = opts.withDefaults()
	var err error
	if r := panicked(func() { _, err = fs.ReadDir(fsys, ".") }); r != nil {
		err = panicError{r}
	}
	if err != nil {
		return fmt.Errorf("read corpus: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Room for every job of 100,000 files (some 800): the walker, faster
	// than the parsers, then seldom waits for them, and a worker's taking
	// a job seldom has to wake it (with room for 64, a fifth of the load's
	// context switches were that).
	jobs := make(chan job, 1024)
	batches := make(chan model.Batch, opts.Workers)
	var walkProblems []model.Problem
	go func() {
		defer close(jobs)
		// walk recovers at each folder and file; this is for the rest.
		if r := panicked(func() { walkProblems = walk(ctx, fsys, only, jobs) }); r != nil {
			walkProblems = append(walkProblems, panicProblem(".", r))
		}
	}()
	var wg sync.WaitGroup
	parser := NewParser()
	for range opts.Workers {
		wg.Go(func() { work(ctx, fsys, parser, opts, jobs, batches) })
	}
	go func() {
		wg.Wait()
		close(batches)
	}()
	for b := range batches {
		deliver(b)
	}
	// The walker has finished: jobs is closed and every worker has drained it.
	if len(walkProblems) > 0 {
		deliver(model.Batch{Problems: walkProblems})
	}
	return ctx.Err()
}

// job is a group of files for one worker: names in the folder dir, or, when
// dir is "", paths from the root (links, whose targets may lie in another
// folder).
type job struct {
	dir   string
	names []string
}

// jobSize bounds a job, so that one big folder still spreads over every core.
const jobSize = 128

// walk sends every candidate regular file below the root, in jobs of files
// from one folder, and returns the problems met on the way: links that lead
// nowhere safe, files that are not regular, folders that cannot be read.
// With only set it visits those files alone, as the walk would have.
func walk(ctx context.Context, fsys fs.FS, only *onlyPaths, jobs chan<- job) []model.Problem {
	var probs []model.Problem
	var cur job
	send := func(j job) bool {
		select {
		case jobs <- j:
			return true
		case <-ctx.Done():
			return false
		}
	}
	flush := func() bool {
		ok := len(cur.names) == 0 || send(cur)
		cur = job{}
		return ok
	}
	defer flush()
	report := func(p, reason string) {
		probs = append(probs, model.Problem{Path: p, Reason: reason, Severity: model.Skipped})
	}
	visit := func(p string, d fs.DirEntry, err error) error {
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
		link := false
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
			link = true
		case !typ.IsRegular():
			if IsCandidate(p) {
				report(p, "not a regular file ("+kind(typ)+"): never opened")
			}
			return nil
		}
		if !IsCandidate(p) {
			return nil
		}
		if link {
			if !send(job{names: []string{p}}) {
				return fs.SkipAll
			}
			return nil
		}
		dir, name := splitPath(p)
		if dir != cur.dir || len(cur.names) == jobSize {
			if !flush() {
				return fs.SkipAll
			}
			cur.dir = dir
		}
		cur.names = append(cur.names, name)
		return nil
	}
	if only != nil {
		only.visit(fsys, visit)
	} else {
		walkTree(fsys, visit)
	}
	return probs
}

// walkTree is fs.WalkDir(fsys, ".", visit), each entry's path made by
// joinPath rather than path.Join: cleaning 100,000 paths already clean
// was a percent of a cold load.
func walkTree(fsys fs.FS, visit fs.WalkDirFunc) {
	info, err := fs.Stat(fsys, ".")
	if err != nil {
		_ = visit(".", nil, err)
		return
	}
	_ = walkFolder(fsys, ".", fs.FileInfoToDirEntry(info), visit)
}

// walkFolder is fs.WalkDir's step: visit p, and what is in it if it is a
// folder. It returns fs.SkipAll when the walk is to stop, and fs.SkipDir
// when the rest of p's folder is to be skipped. A panic while at p is
// visited as p's error, and the walk goes on with p's next sibling.
func walkFolder(fsys fs.FS, p string, d fs.DirEntry, visit fs.WalkDirFunc) (err error) {
	if r := panicked(func() { err = walkEntry(fsys, p, d, visit) }); r != nil {
		return visitPanic(p, d, r, visit)
	}
	return err
}

// visitPanic visits p with the panic met there as its error. Should that
// panic too, p is left out.
func visitPanic(p string, d fs.DirEntry, r any, visit fs.WalkDirFunc) (err error) {
	if panicked(func() { err = visit(p, d, panicError{r}) }) != nil || err == fs.SkipDir {
		return nil
	}
	return err
}

// walkEntry is walkFolder without its recovery.
func walkEntry(fsys fs.FS, p string, d fs.DirEntry, visit fs.WalkDirFunc) error {
	if err := visit(p, d, nil); err != nil || !d.IsDir() {
		if err == fs.SkipDir && d.IsDir() {
			err = nil // the folder itself is skipped
		}
		return err
	}
	entries, err := fs.ReadDir(fsys, p)
	if err != nil {
		// Second call, as fs.WalkDir makes it, to report the error.
		if err = visit(p, d, err); err != nil {
			if err == fs.SkipDir {
				err = nil
			}
			return err
		}
	}
	for _, e := range entries {
		if err := walkFolder(fsys, joinPath(p, e.Name()), e, visit); err != nil {
			if err == fs.SkipDir {
				break
			}
			return err
		}
	}
	return nil
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

// work parses the files of each job into batches. A panic on a file is
// that file's problem: the worker goes on with a new slab and buffer, so
// nothing the panic left half made is used again.
func work(ctx context.Context, fsys fs.FS, parser *Parser, opts Options, jobs <-chan job, out chan<- model.Batch) {
	var b model.Batch
	var started time.Time
	var buf []byte
	var s slab
	flush := func() {
		if len(b.Articles)+len(b.Problems)+len(b.Unchanged) > 0 {
			out <- b
			b = model.Batch{}
		}
	}
	for j := range jobs {
		if ctx.Err() != nil {
			continue // drain, so the walker is never stuck
		}
		var dirFS fs.FS
		closeDir := func() {}
		var err error
		if r := panicked(func() { dirFS, closeDir, err = sub(fsys, j.dir) }); r != nil {
			err = panicError{r}
		}
		if err != nil {
			for _, name := range j.names {
				b.Problems = append(b.Problems, model.Problem{Path: joinPath(j.dir, name), Reason: "cannot open its folder: " + describe(err), Severity: model.Skipped})
			}
			continue
		}
		for _, name := range j.names {
			if len(b.Articles)+len(b.Problems)+len(b.Unchanged) == 0 {
				started = time.Now()
			}
			articles, problems := len(b.Articles), len(b.Problems)
			if r := panicked(func() { buf = workFile(dirFS, j.dir, name, parser, opts, &s, &b, buf) }); r != nil {
				b.Articles, b.Problems = b.Articles[:articles], append(b.Problems[:problems], panicProblem(joinPath(j.dir, name), r))
				s, buf = slab{}, nil
			}
			if len(b.Unchanged) >= 8*opts.BatchSize || len(b.Articles) >= opts.BatchSize || time.Since(started) >= opts.BatchDelay {
				flush()
			}
		}
		if r := panicked(closeDir); r != nil {
			b.Problems = append(b.Problems, panicProblem(j.dir, r))
		}
	}
	flush()
}

// workFile reads and parses the file name in the folder dir (dirFS) into
// b, reading into buf; it returns buf, grown as needed.
func workFile(dirFS fs.FS, dir, name string, parser *Parser, opts Options, s *slab, b *model.Batch, buf []byte) []byte {
	id := s.join(dir, name)
	if opts.Known != nil && known(dirFS, name, id, opts.Known) {
		b.Unchanged = append(b.Unchanged, id)
		return buf
	}
	var file Identity
	data, buf, err := readFile(dirFS, name, opts.MaxFileSize, buf, &file)
	if err != nil {
		b.Problems = append(b.Problems, model.Problem{Path: id, Reason: err.Error(), Severity: model.Skipped})
		return buf
	}
	a, probs := parser.parse(id, data, false, s)
	if a != nil {
		a.File = file
		b.Articles = append(b.Articles, a)
	}
	b.Problems = append(b.Problems, probs...)
	return buf
}

// splitPath splits a path of fsys into its folder ("." at the top) and name.
func splitPath(p string) (dir, name string) {
	dir, name = path.Split(p)
	if dir = strings.TrimSuffix(dir, "/"); dir == "" {
		dir = "."
	}
	return dir, name
}

// joinPath is the path of name in dir, as splitPath had it ("" or "." is
// the top).
func joinPath(dir, name string) string {
	if atTop(dir) {
		return name
	}
	return dir + "/" + name
}

// atTop reports whether dir, as splitPath has it, is the corpus's top.
func atTop(dir string) bool { return dir == "" || dir == "." }

// sub returns the folder dir of fsys as a file system of its own, so that a
// folder's files are opened relative to it: with os.Root, opening
// "2024/10/x.txt" walks and checks every folder on the way, and a sub-root
// opened once per job saves that for every file after the first.
func sub(fsys fs.FS, dir string) (fs.FS, func(), error) {
	if atTop(dir) {
		return fsys, func() {}, nil
	}
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	if c, ok := s.(io.Closer); ok {
		return s, func() { c.Close() }, nil
	}
	return s, func() {}, nil
}

// readFile reads a regular file into buf, growing it as needed. It checks
// the type of what it opened, so nothing but a regular file is ever read.
// When file is not nil it gets the identity of what was read.
func readFile(fsys fs.FS, p string, limit int64, buf []byte, file *Identity) (data, newBuf []byte, err error) {
	if d, ok := fsys.(fileReader); ok {
		return d.readFile(p, limit, buf, file)
	}
	f, err := fsys.Open(p)
	if err != nil {
		return nil, buf, openError(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, buf, fmt.Errorf("cannot stat: %s", describe(err))
	}
	if err := checkRegular(info.Mode()); err != nil {
		return nil, buf, err
	}
	if file != nil {
		*file = IdentityOf(info)
	}
	return readAll(f.Read, info.Size(), limit, buf)
}

// fileReader is a file system that reads a file as readFile does, without
// the fs.File and fs.FileInfo values in between (folder_fast.go's folder).
type fileReader interface {
	readFile(name string, limit int64, buf []byte, file *Identity) (data, newBuf []byte, err error)
}

func openError(err error) error { return fmt.Errorf("cannot open: %s", describe(err)) }

// checkRegular refuses to read what is not a regular file.
func checkRegular(m fs.FileMode) error {
	if !m.IsRegular() {
		return fmt.Errorf("not a regular file (%s): never read", kind(m.Type()))
	}
	return nil
}

// readAll reads an open file of the given size (as stat said) into buf,
// growing it as needed, up to limit.
func readAll(read func([]byte) (int, error), size, limit int64, buf []byte) (data, newBuf []byte, err error) {
	if size > limit {
		return nil, buf, fmt.Errorf("too large (%d MiB; the limit is %d MiB)", size>>20, limit>>20)
	}
	want := int(size) + 512 // room to notice a file that grew
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
		space := cap(buf) - len(buf)
		n, err := read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF || err == nil && n > 0 && n < space && int64(len(buf)) >= size {
			// A short read of a regular file that reached its size is
			// its end: no need to ask again.
			return buf, buf, nil
		}
		if err != nil {
			return nil, buf, fmt.Errorf("cannot read: %s", describe(err))
		}
	}
}

// ErrNotArticle is returned by ReadArticle for a file that is not an article.
var ErrNotArticle = errors.New("not an article")

// ReadArticle reads one article in full, body included. A panic on the
// file is returned as its error.
func ReadArticle(fsys fs.FS, id string) (a *model.Article, err error) {
	if r := panicked(func() { a, err = readArticle(fsys, id) }); r != nil {
		return nil, fmt.Errorf("%s: %s", id, panicReason(r))
	}
	return a, err
}

func readArticle(fsys fs.FS, id string) (*model.Article, error) {
	data, _, err := readFile(fsys, id, MaxFileSize, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	a, probs := NewParser().Parse(id, data, true)
	if a == nil {
		return nil, fmt.Errorf("%s: %w: %s", id, ErrNotArticle, probs[0].Reason)
	}
	return a, nil
}

// known stats a file without opening it and asks whether the caller holds
// it as it is. Any failure says no: the file is then read, and whatever is
// wrong with it is reported as in a cold load.
func known(dir fs.FS, name, id string, ask func(string, Identity) bool) bool {
	if f, ok := dir.(interface {
		fileIdentity(string) (Identity, bool)
	}); ok {
		file, ok := f.fileIdentity(name)
		return ok && ask(id, file)
	}
	info, err := fs.Stat(dir, name)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	return ask(id, IdentityOf(info))
}
