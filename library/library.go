// Package library starts a corpus, the one way every part of folio does:
// the reader, the plain commands and the SSH server. It reads the corpus's
// index cache when there is a good one (the list and body search are there
// at once) and revalidates it against the files in the background, or
// loads the files cold; then it builds the words index, indexes the bodies
// and writes the cache again when anything changed. Producers of changes
// (a cold load, a revalidation, a watcher through Apply) all go through
// model.Corpus.Apply.
package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/watch"
)

// Options tune Open; the zero value reads and writes the cache in the
// user's cache folder and leaves the bodies unindexed.
type Options struct {
	// Bodies: index the articles' bodies, so that words match in them.
	// The reader and the server do; a command that never looks in
	// bodies need not (the cache then keeps what it has).
	Bodies bool
	// NoCache: neither read nor write the index cache (also when
	// FOLIO_NO_CACHE is set in Getenv's environment).
	NoCache bool
	// CacheDir overrides where caches live; default DefaultCacheDir.
	CacheDir string
	// Getenv reads the environment (FOLIO_NO_CACHE, XDG_CACHE_HOME);
	// nil: os.Getenv.
	Getenv func(string) string
	// Watch: follow the folder while the library is open (see
	// follow.go); Warn is told, besides the problems list, when following
	// falls back or missed changes (a server logs it).
	Watch bool
	Warn  func(msg string)

	cacheDelay time.Duration // for tests: cacheDelay's stand-in
	watch      watch.Options // for tests: the watcher's timing
}

// CacheInfo says what the cache did for this start, for folio stats.
type CacheInfo struct {
	Enabled bool   `json:"enabled"`           // neither --no-cache nor FOLIO_NO_CACHE, and a folder to key it by
	Path    string `json:"path,omitempty"`    // the cache file
	Used    bool   `json:"used"`              // this start read it: a warm start
	Size    int64  `json:"bytes"`             // its size on disk, after any rewrite
	Changed int    `json:"changed"`           // files added, changed or removed since it was written
	Written bool   `json:"written"`           // this run wrote it
	Problem string `json:"problem,omitempty"` // why it was ignored or could not be written
}

// Library is a corpus being started, kept current and cached.
type Library struct {
	Corpus *model.Corpus
	src    Source
	fsys   fs.FS
	opts   Options

	closeFS func() error
	cancel  context.CancelFunc
	loaded  chan struct{} // the corpus is current: loaded or revalidated
	indexed chan struct{} // and its bodies indexed, when Options.Bodies
	done    chan struct{} // and the cache written: run returned
	started time.Time

	follow  *follower  // with Options.Watch
	mapping *mapped    // the cache file the corpus reads postings from
	bodyMu  sync.Mutex // one body indexing run at a time

	mu    sync.Mutex
	cache CacheInfo
	err   error
}

// Open starts the corpus of src: from its cache when there is a good one
// (read before Open returns: a fraction of a second at 100,000 articles),
// else empty and loading. The rest goes on in the background; Wait waits
// for it, Close stops it.
func Open(ctx context.Context, src Source, opts Options) (*Library, error) {
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Getenv("FOLIO_NO_CACHE") != "" {
		opts.NoCache = true
	}
	fsys, closeFS, err := src.Open()
	if err != nil {
		return nil, err
	}
	l := &Library{
		src: src, fsys: fsys, opts: opts, closeFS: closeFS,
		loaded: make(chan struct{}), indexed: make(chan struct{}), done: make(chan struct{}),
		started: time.Now(),
	}
	l.cache.Enabled = !opts.NoCache && src.Dir != ""
	warm := false
	if l.cache.Enabled {
		warm = l.openCache()
	}
	if !warm {
		l.Corpus = l.newCorpus()
	}
	if opts.Bodies {
		// Said before anything else, so the reader waits for the bodies
		// rather than settle for titles only.
		if from, to := l.bodiesMissing(); !warm || from < to || !l.Corpus.BodiesReady() {
			l.Corpus.StartBodies()
		}
	}
	ctx, l.cancel = context.WithCancel(ctx)
	if opts.Watch && src.Dir != "" {
		l.startFollowing(ctx) // before the files are read, so no change is missed
	}
	go l.run(ctx, warm)
	return l, nil
}

// Load is Open and Wait: the corpus, current and (with Options.Bodies)
// body-searchable, for callers that have nothing to show meanwhile.
func Load(ctx context.Context, src Source, opts Options) (*Library, error) {
	l, err := Open(ctx, src, opts)
	if err != nil {
		return nil, err
	}
	if err := l.Wait(ctx); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

func (l *Library) newCorpus() *model.Corpus {
	fsys := l.fsys
	return model.NewCorpus(func(id string) (*model.Article, error) { return loader.ReadArticle(fsys, id) })
}

// bodiesMissing is the range of article numbers whose bodies are not
// indexed, without marking them pending.
func (l *Library) bodiesMissing() (from, to int) {
	s := l.Corpus.BodyCoverage()
	return s, l.Corpus.Len()
}

// openCache finds the cache file and reads it; false means a cold start.
func (l *Library) openCache() bool {
	dir := l.opts.CacheDir
	if dir == "" {
		d, err := DefaultCacheDir(l.opts.Getenv)
		if err != nil {
			l.cache.Enabled = false
			l.cache.Problem = "no cache folder: " + err.Error()
			return false
		}
		dir = d
	}
	path, err := CachePath(dir, l.src.Dir)
	if err != nil {
		l.cache.Enabled = false
		l.cache.Problem = err.Error()
		return false
	}
	if abs, err := filepath.Abs(l.src.Dir); err == nil && within(path, abs) {
		l.cache.Enabled = false
		l.cache.Problem = "the cache folder is inside the corpus: not used"
		return false
	}
	l.cache.Path = path
	m, err := readCache(path)
	if errors.Is(err, errNoCache) {
		return false
	}
	if err == nil {
		var c *model.Corpus
		fsys := l.fsys
		verified := make(chan error, 1)
		go func() { verified <- m.verify() }()
		c, err = model.ReadIndex(m.data, func(id string) (*model.Article, error) { return loader.ReadArticle(fsys, id) })
		if verr := <-verified; verr != nil {
			err = verr // the checksum's word over the decoder's: never a corpus from bad bytes
		}
		if err == nil {
			l.Corpus, l.mapping = c, m
			l.cache.Used, l.cache.Size = true, m.size
			return true
		}
		m.release()
	}
	l.cache.Problem = "the index cache " + path + " was ignored and is being rebuilt: " + err.Error()
	return false
}

// within reports whether path lies in dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// run brings the corpus up to date, indexes it and writes the cache.
func (l *Library) run(ctx context.Context, warm bool) {
	defer close(l.done)
	c := l.Corpus
	scanStart := time.Now().UnixNano()
	changed := 0
	var err error
	if warm {
		changed, err = l.revalidate(ctx)
	} else {
		err = loader.Load(ctx, l.fsys, loader.Options{}, c.Add)
	}
	c.Finish(time.Since(l.started))
	// A cache that was there and could not be used is said among the
	// problems; no cache folder at all (no HOME) only in folio stats.
	if info := l.Cache(); info.Problem != "" && info.Enabled {
		p := info.Problem
		c.Apply(model.Change{Problems: []model.Problem{{Reason: p, Severity: model.Warning}}})
	}
	l.mu.Lock()
	l.cache.Changed = max(changed, 0)
	l.mu.Unlock()
	close(l.loaded)
	if err != nil {
		l.fail(err)
		close(l.indexed)
		return
	}
	c.BuildIndex()
	bodiesBefore := c.BodiesReady()
	if l.opts.Bodies {
		if err := l.IndexBodies(ctx); err != nil {
			l.fail(err)
			close(l.indexed)
			return
		}
	}
	close(l.indexed)
	if l.cache.Enabled && ctx.Err() == nil && (!warm || changed != 0 || c.BodiesReady() != bodiesBefore) {
		l.write(scanStart)
	}
}

func (l *Library) fail(err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	l.mu.Lock()
	if l.err == nil {
		l.err = fmt.Errorf("load %s: %w", l.src.Name(), err)
	}
	l.mu.Unlock()
}

// IndexBodies indexes the bodies of the articles not yet in the body
// index, one run at a time.
func (l *Library) IndexBodies(ctx context.Context) error {
	l.bodyMu.Lock()
	defer l.bodyMu.Unlock()
	return loader.IndexBodies(ctx, l.fsys, l.Corpus)
}

// write writes the cache, saying once why it could not.
func (l *Library) write(racyAfter int64) {
	l.mu.Lock()
	path := l.cache.Path
	l.mu.Unlock()
	l.bodyMu.Lock() // no body indexing while the corpus is written
	size, err := writeCache(path, l.Corpus, racyAfter-int64(100*time.Millisecond))
	l.bodyMu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case errors.Is(err, errLocked):
	case err != nil:
		l.cache.Problem = "cannot write the index cache (the next start will be cold too): " + err.Error()
		l.Corpus.Apply(model.Change{Problems: []model.Problem{{Reason: l.cache.Problem, Severity: model.Warning}}})
	default:
		l.cache.Written, l.cache.Size = true, size
	}
}

// Wait waits until the corpus is current (loaded, or its cache
// revalidated) and, with Options.Bodies, its bodies are indexed: what a
// command waits for before it answers.
func (l *Library) Wait(ctx context.Context) error {
	select {
	case <-l.indexed:
	case <-ctx.Done():
		return ctx.Err()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// Settle waits for everything Open started, the cache write included:
// what folio stats waits for, so it can say what the cache did.
func (l *Library) Settle(ctx context.Context) error {
	select {
	case <-l.done:
	case <-ctx.Done():
		return ctx.Err()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// Loaded is closed once the corpus is current, bodies aside.
func (l *Library) Loaded() <-chan struct{} { return l.loaded }

// Cache says what the cache did.
func (l *Library) Cache() CacheInfo {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cache
}

// Close lets a cache write under way finish (a cold command leaves its
// cache behind), stops the rest and releases the files. The corpus must
// not be used afterwards.
func (l *Library) Close() error {
	l.stopFollowing()
	select {
	case <-l.indexed:
	default:
		l.cancel() // loading or indexing: stop
	}
	<-l.done
	l.cancel()
	if l.mapping != nil {
		l.mapping.release()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return errors.Join(l.closeFS(), l.err)
}
