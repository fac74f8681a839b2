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

	"github.com/folio-reader/folio/internal/ownfile"
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
	// Interactive: someone sees the corpus before it is current (the
	// reader, the server). A warm start then sets up its watches and
	// stats the files only once the cache is decoded, rather than slow
	// the decoding (what shows the list) down; a command, which answers
	// once the corpus is current, does both meanwhile.
	Interactive bool
	// Watch: follow the folder while the library is open (see
	// follow.go); Warn is told, besides the problems list, when following
	// falls back or missed changes, and once when the body index's
	// vocabulary first refuses words (a server logs it).
	Watch bool
	Warn  func(msg string)
	// PauseCollector stops the garbage collector while a cached index is
	// decoded (everything it allocates stays), until the function it
	// returns is called: the process's collector settings are its main's
	// (cmd/folio passes memtune.Pause). nil: the collector runs.
	PauseCollector func() (resume func())
	// Copies: find the copies among the articles once their bodies are
	// indexed, and again after each change (the reader, the server and
	// the daemon do; a command asks model.Corpus.FindCopies itself when
	// it needs them).
	Copies bool

	cacheDelay time.Duration // for tests: cacheDelay's stand-in
	cacheBlock int           // for tests: blockSize's
	watch      watch.Options // for tests: the watcher's timing
	queueLimit int           // for tests: maxQueued's stand-in
	compared   func()        // for tests: called after each full comparison while following
}

// pause is PauseCollector, or nothing.
func (o Options) pause() (resume func()) {
	if o.PauseCollector == nil {
		return func() {}
	}
	return o.PauseCollector()
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
	opened  chan struct{} // Corpus is set: from the cache, or empty
	loaded  chan struct{} // the corpus is current: loaded or revalidated
	indexed chan struct{} // and its bodies indexed, when Options.Bodies
	done    chan struct{} // and the cache written: run returned
	started time.Time

	scanned  chan *scan // a warm start's look at the files, begun while the cache was decoded
	stopScan func()
	follow   *follower // with Options.Watch
	mapping  *mapped   // the cache file the corpus reads postings from

	positionsOnce sync.Once  // positionsFailed's
	bodyMu        sync.Mutex // one body indexing run at a time

	mu      sync.Mutex
	cache   CacheInfo
	dropped bool            // the cache failed a late check, or was refused: this run writes it no more
	key     [keySize]byte   // the corpus's, in its cache's header
	warned  map[string]bool // warnOnce's reasons
	err     error
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
		opened: make(chan struct{}), loaded: make(chan struct{}), indexed: make(chan struct{}), done: make(chan struct{}),
		started: time.Now(),
	}
	l.cache.Enabled = !opts.NoCache && src.Dir != ""
	ctx, l.cancel = context.WithCancel(ctx)
	if opts.Watch && src.Dir != "" {
		var after <-chan struct{}
		if opts.Interactive {
			after = l.opened
		}
		l.startFollowing(ctx, after) // before the files are looked at, so no change is missed
	}
	warm := false
	if l.cache.Enabled {
		warm = l.openCache(ctx)
	}
	if !warm {
		l.Corpus = l.newCorpus()
	}
	l.Corpus.SpillTo(l.spillDir())
	close(l.opened)
	if opts.Bodies {
		// Said before anything else, so the reader waits for the bodies
		// rather than settle for titles only.
		if from, to := l.bodiesMissing(); !warm || from < to || !l.Corpus.BodiesReady() {
			l.Corpus.StartBodies()
		}
	}
	go l.run(ctx, warm)
	return l, nil
}

// spillDir is the folder for the corpus's file of word positions
// (model.Corpus.SpillTo): the cache's, made now if it is missing, since
// the file is written before the cache is; so it is on disk beside the
// cache, not in a temporary folder that may be memory or, on Windows,
// keep it after a crash. "" (the system's temporary folder) when there is
// no cache folder: no cache, or none to be had.
func (l *Library) spillDir() string {
	if !l.cache.Enabled || l.cache.Path == "" {
		return ""
	}
	dir := filepath.Dir(l.cache.Path)
	if ownfile.Dir(dir) != nil {
		return ""
	}
	return dir
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

// openCache finds the cache file and reads it, and meanwhile stats the
// files for the revalidation to come; false means a cold start.
func (l *Library) openCache(ctx context.Context) bool {
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
	if abs, err := filepath.Abs(l.src.Dir); err == nil && Within(path, abs) {
		l.cache.Enabled = false
		l.cache.Problem = "the cache folder is inside the corpus: not used"
		return false
	}
	l.cache.Path = path
	abs, err := filepath.Abs(l.src.Dir)
	if err != nil {
		l.cache.Enabled = false
		l.cache.Problem = err.Error()
		return false
	}
	l.key = corpusKey(abs)
	m, err := readCache(path, l.key)
	if errors.Is(err, errNoCache) {
		return false
	}
	if errors.Is(err, errRefused) {
		l.dropped = true // nor written: what is there is not folio's to replace
		l.cache.Problem = "the index cache " + path + " is neither read nor written (this start and the next are cold): " + err.Error()
		return false
	}
	if err == nil {
		scanCtx, stopScan := context.WithCancel(ctx)
		scanned := make(chan *scan, 1)
		decoded := make(chan struct{})
		s := &scan{}
		go func() {
			if l.opts.Interactive {
				<-decoded
			}
			l.scanFiles(scanCtx, s)
			scanned <- s
		}()
		verified := make(chan error, 1)
		go func() { verified <- m.verify() }()
		fsys := l.fsys
		var c *model.Corpus
		// Everything decoding allocates stays: collecting meanwhile would
		// find nothing to free.
		resume := l.opts.pause()
		c, err = model.ReadIndex(m.data, func(id string) (*model.Article, error) { return loader.ReadArticle(fsys, id) })
		resume()
		if verr := <-verified; verr != nil {
			err = verr // the checksum's word over the decoder's: never a corpus from bad bytes
		}
		if err == nil {
			// Before the scan may begin (a reader's waits for decoded), so
			// that it compares every file as it stats it.
			s.against.Store(newMatcher(c))
		}
		close(decoded)
		if err == nil {
			// The metadata was copied out: its pages need not count
			// against this process (a third of a GB at 1M articles).
			releasePages(m.data[:c.IndexKeptFrom()])
			c.CheckPositions(func(off, n int64) error {
				err := m.checkTail(off, n)
				if err != nil {
					l.positionsFailed(path, err)
				}
				return err
			})
			l.Corpus, l.mapping, l.scanned, l.stopScan = c, m, scanned, stopScan
			l.cache.Used, l.cache.Size = true, m.size
			return true
		}
		stopScan() // a cold load reads every file anyway
		<-scanned
		m.release()
	}
	l.cache.Problem = "the index cache " + path + " was ignored and is being rebuilt: " + err.Error()
	return false
}

// positionsFailed says, once, that the cache's word positions failed
// their check: phrases are matched against the text meanwhile, and the
// cache is removed, so that the next start builds it again. It is called
// from a phrase search, which holds the corpus's locks: the problem is
// applied on its own goroutine.
func (l *Library) positionsFailed(path string, err error) {
	l.positionsOnce.Do(func() {
		msg := "the index cache " + path + " was ignored for exact phrases (the text answers them) and will be rebuilt at the next start: " + err.Error()
		l.mu.Lock()
		l.cache.Problem, l.dropped = msg, true
		l.mu.Unlock()
		os.Remove(path)
		go l.warnProblem(msg)
	})
}

// Within reports whether path lies in dir (both absolute): what keeps
// folio's own files (a cache, a socket) out of a corpus.
func Within(path, dir string) bool {
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
		s := <-l.scanned
		l.stopScan()
		scanStart = s.start
		changed, err = l.revalidate(ctx, s)
	} else {
		if l.watching(ctx) {
			err = loader.Load(ctx, l.fsys, loader.Options{}, c.AddNew)
		} else {
			err = ctx.Err()
		}
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
	if l.opts.Bodies {
		// A reader or a server is about to take queries: the words index
		// is built now, before anyone types. A command builds it with its
		// first query, or the cache write does; folio stats needs none
		// (at 100,000 articles it was a fifth of a cold stats's CPU).
		c.BuildIndex()
	}
	bodiesBefore := c.BodiesReady()
	if l.opts.Bodies {
		if err := l.IndexBodies(ctx); err != nil {
			l.fail(err)
			close(l.indexed)
			return
		}
		if l.opts.Copies {
			c.FindCopies()
		}
	}
	close(l.indexed)
	if l.cache.Enabled && ctx.Err() == nil && (!warm || l.rewrite(changed) || c.BodiesReady() != bodiesBefore) {
		l.write(scanStart)
	}
}

// rewrite says whether a warm start that found changed files (negative:
// only their times) writes the cache again. A reader or a server does,
// in the background, whenever anything changed. A command does only when
// a tenth of the files changed: it exits once the cache is written, and
// writing the whole cache (half a second at 100,000 articles) costs more
// than the next start's reading those few files again, which a cache
// that stays valid for the rest lets it do.
func (l *Library) rewrite(changed int) bool {
	if l.opts.Interactive || l.opts.Watch {
		return changed != 0
	}
	return changed != 0 && 10*abs(changed) >= l.Corpus.Len()
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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
// index, one run at a time. When the body index's vocabulary has refused
// words, Options.Warn is told once (the corpus's problems say it too).
func (l *Library) IndexBodies(ctx context.Context) error {
	l.bodyMu.Lock()
	defer l.bodyMu.Unlock()
	err := loader.IndexBodies(ctx, l.fsys, l.Corpus)
	if p, ok := l.Corpus.VocabularyProblem(); ok && l.opts.Warn != nil {
		l.mu.Lock()
		said := l.warned["vocabulary"]
		if l.warned == nil {
			l.warned = map[string]bool{}
		}
		l.warned["vocabulary"] = true
		l.mu.Unlock()
		if !said {
			l.opts.Warn(p.Reason)
		}
	}
	return err
}

// write writes the cache, saying once why it could not.
func (l *Library) write(racyAfter int64) {
	l.mu.Lock()
	path, dropped := l.cache.Path, l.dropped
	l.mu.Unlock()
	if dropped {
		return
	}
	l.bodyMu.Lock() // no body indexing while the corpus is written
	block := blockSize
	if l.opts.cacheBlock > 0 {
		block = l.opts.cacheBlock
	}
	size, err := writeCache(path, l.key, l.Corpus, racyAfter-int64(100*time.Millisecond), block)
	l.bodyMu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case errors.Is(err, errLocked):
	case l.dropped:
		// The positions failed their check while this write read them
		// (compaction rewrites the segments of articles read again): what
		// it wrote holds none, and every phrase of every later start
		// would be answered from the text. The next start builds it again.
		if err == nil {
			os.Remove(path)
		}
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

// Settled is closed once the start-up work is over: the corpus current,
// its bodies indexed, the cache written (what Settle waits for).
func (l *Library) Settled() <-chan struct{} { return l.done }

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
	cerr := l.Corpus.Close()
	if l.mapping != nil {
		l.mapping.release()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return errors.Join(l.closeFS(), l.err, cerr)
}
