package library

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/watch"
)

// Following the folder: a watcher (package watch) reports what changed, and
// the library turns that into changes of the corpus, through the same
// Corpus.Apply a load and a revalidation use, then indexes the new bodies
// and, a little later, rewrites the cache. The corpus is changed once,
// whoever reads it: every reader of a server sees the same update.

// cacheDelay is how long the cache waits for more changes before it is
// written again: a scraper writing steadily costs one write a while, not
// one a file.
const cacheDelay = 10 * time.Second

// follower holds what the watcher reported until the corpus can take it.
type follower struct {
	started chan struct{} // closed once the watcher is set up (w), or failed to be
	w       *watch.Watcher
	cancel  context.CancelFunc
	done    chan struct{}

	queue *queue
	wake  chan struct{}      // has a value when queue has news
	syncs chan chan struct{} // Sync's: apply the queue now, then close the channel
}

// Retrying a full comparison that did not see a quiet tree (changes came
// while it ran, or it failed): after retryFirst, doubling to retryMax.
const (
	retryFirst = 100 * time.Millisecond
	retryMax   = 5 * time.Second
)

// startFollowing watches the folder before it is loaded or revalidated, so
// that nothing changed meanwhile is missed (the load and the scan wait for
// f.started); what arrives waits until the corpus is current. Setting up
// the watches (some 80 ms of CPU at 100,000 files) goes on beside the
// cache's decoding, or, when after is not nil, begins once it is closed:
// a reader's decoding shares two cores with the checksum and the ID map
// already, and what the watches would take from it shows as a later list.
func (l *Library) startFollowing(ctx context.Context, after <-chan struct{}) {
	ctx, cancel := context.WithCancel(ctx)
	f := &follower{started: make(chan struct{}), cancel: cancel, done: make(chan struct{}), wake: make(chan struct{}, 1), syncs: make(chan chan struct{})}
	limit := maxQueued
	if l.opts.queueLimit > 0 {
		limit = l.opts.queueLimit
	}
	f.queue = newQueue(limit, func() {
		l.warnOnce("queue", fmt.Sprintf("more than %d changes waited at once: the whole folder is compared instead", limit))
	})
	l.follow = f
	go l.watchFolder(ctx, f, after)
}

// watchPause is how long after a warm reader's or server's cache is
// decoded its watches wait to be set up, and its scan with them: the
// first frame, and keys typed while the folder opened, have the two cores
// meanwhile. At 100k in tmux the first body answer came some 50 ms
// sooner (median of 12 interleaved starts: 309 ms against 358; 300 ms of
// pause did no better). Nothing is missed: the scan still follows the
// watches.
const watchPause = 150 * time.Millisecond

// watchFolder sets the watcher up, once after is closed (see
// waitToWatch), and follows what it says.
func (l *Library) watchFolder(ctx context.Context, f *follower, after <-chan struct{}) {
	defer close(f.started)
	if after != nil && !l.waitToWatch(ctx, after) {
		close(f.done)
		return
	}
	opts := l.opts.watch
	opts.Want = loader.IsCandidate
	opts.SkipDir = func(name string) bool { return strings.HasPrefix(name, ".") } // as the loader's walk
	opts.Warn = l.warn
	w, err := watch.Start(ctx, l.src.Dir, opts, f.push)
	if err != nil {
		opts.Warn("cannot follow the folder: " + err.Error())
		close(f.done)
		return
	}
	f.w = w
	go l.following(ctx)
}

// waitToWatch waits for after to be closed and, if the corpus came from
// the cache, watchPause more; false if ctx ended first.
func (l *Library) waitToWatch(ctx context.Context, after <-chan struct{}) bool {
	select {
	case <-after:
	case <-ctx.Done():
		return false
	}
	if !l.Cache().Used {
		return true
	}
	select {
	case <-time.After(watchPause):
		return true
	case <-ctx.Done():
		return false
	}
}

// push takes a batch from the watcher; it never blocks it for long.
func (f *follower) push(b watch.Batch) {
	f.queue.push(b)
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// following applies what the watcher reports, once the start-up work (load
// or revalidation, bodies, cache) is over, until ctx ends. A full
// comparison during which more changes came, or that failed, is made
// again, a little later each time, until one sees a quiet tree: after
// lost events, that is what makes the corpus converge on the files.
func (l *Library) following(ctx context.Context) {
	f := l.follow
	defer close(f.done)
	select {
	case <-l.done:
	case <-ctx.Done():
		return
	}
	var write, retry <-chan time.Time
	var timer, retryTimer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
		if retryTimer != nil {
			retryTimer.Stop()
		}
	}()
	backoff := retryFirst
	var lastRead int64 // when the latest change was read: files changed since are not trusted in the cache
	for {
		var synced chan struct{}
		select {
		case <-ctx.Done():
			return
		case <-write:
			write, timer = nil, nil
			l.write(lastRead)
			continue
		case <-retry:
			retry, retryTimer = nil, nil
			f.queue.push(watch.Batch{Rescan: true})
		case <-f.wake:
		case synced = <-f.syncs:
		}
		before := f.queue.count()
		b, ok := f.queue.take()
		start := time.Now().UnixNano()
		applied, err := false, error(nil)
		if ok {
			applied, err = l.applyBatch(ctx, b)
		}
		if synced != nil {
			close(synced)
		}
		if ctx.Err() != nil {
			return
		}
		switch {
		case err != nil || b.Rescan && f.queue.count() != before:
			if retry == nil {
				retryTimer = time.NewTimer(backoff)
				retry = retryTimer.C
				backoff = min(2*backoff, retryMax)
			}
		case b.Rescan:
			backoff = retryFirst // a quiet tree, compared
		}
		if !applied {
			continue
		}
		lastRead = start
		if cache := l.Cache(); cache.Enabled && cache.Path != "" {
			delay := cacheDelay
			if l.opts.cacheDelay > 0 {
				delay = l.opts.cacheDelay
			}
			if timer == nil {
				timer = time.NewTimer(delay)
			} else {
				timer.Reset(delay)
			}
			write = timer.C
		}
	}
}

// applyBatch makes the corpus say what the files say now, and indexes the
// new bodies. It reports whether anything changed, and an error when the
// files could not be read as the batch asked (a full comparison is then
// due).
func (l *Library) applyBatch(ctx context.Context, b watch.Batch) (bool, error) {
	c := l.Corpus
	if b.Rescan {
		n, err := l.revalidate(ctx, nil)
		if l.opts.compared != nil {
			l.opts.compared()
		}
		if err != nil {
			return false, err
		}
		if n > 0 && l.opts.Bodies {
			l.IndexBodies(ctx)
		}
		if n > 0 && l.opts.Copies {
			c.FindCopies()
		}
		return n != 0, nil
	}
	ch := model.Change{Removed: l.expandRemoved(b.Removed)}
	gone, err := loader.LoadPaths(ctx, l.fsys, b.Changed, loader.Options{}, func(bt model.Batch) {
		ch.Changed = append(ch.Changed, bt.Articles...)
		ch.Problems = append(ch.Problems, bt.Problems...)
	})
	if err != nil {
		return false, err
	}
	// A file changed into one that cannot be read is removed, and its
	// problem says why.
	for _, p := range ch.Problems {
		if p.Severity == model.Skipped {
			ch.Removed = append(ch.Removed, p.Path)
		}
	}
	ch.Removed = append(ch.Removed, gone...)
	if ch.Empty() {
		return false, nil
	}
	c.Apply(ch)
	if l.opts.Bodies && len(ch.Changed) > 0 {
		l.IndexBodies(ctx)
	}
	if l.opts.Copies {
		c.FindCopies() // a new copy joins its group; a canonical removed gives way to the next
	}
	return true, nil
}

// expandRemoved turns removed paths, files or folders, into the IDs of the
// articles and problems they held.
func (l *Library) expandRemoved(paths []string) []string {
	if len(paths) == 0 {
		return nil
	}
	c := l.Corpus
	var ids, folders []string
	for _, p := range paths {
		if _, ok := c.ByID(p); ok {
			ids = append(ids, p)
		} else {
			folders = append(folders, p) // or a file with problems only: Apply clears those
			ids = append(ids, p)
		}
	}
	if len(folders) == 0 {
		return ids
	}
	below := func(id string) bool {
		for _, f := range folders {
			if strings.HasPrefix(id, f+"/") {
				return true
			}
		}
		return false
	}
	for _, a := range c.Articles() {
		if below(a.ID) {
			ids = append(ids, a.ID)
		}
	}
	for _, p := range c.Problems() {
		if p.Path != "" && below(p.Path) {
			ids = append(ids, p.Path)
		}
	}
	return ids
}

// warn says what following the folder ran into: among the problems and
// to Options.Warn.
func (l *Library) warn(msg string) {
	// The message may hold the folder's name: one door to the screen.
	msg = safe.Text(msg)
	l.warnProblem(msg)
	if l.opts.Warn != nil {
		l.opts.Warn(msg)
	}
}

// warnOnce is warn, once for each reason.
func (l *Library) warnOnce(reason, msg string) {
	l.mu.Lock()
	said := l.warned[reason]
	if l.warned == nil {
		l.warned = map[string]bool{}
	}
	l.warned[reason] = true
	l.mu.Unlock()
	if !said {
		l.warn(msg)
	}
}

// warnProblem lists a problem of the folder as a whole. Such problems have
// no path, and a change that names a path replaces its problems: the ones
// already listed are named again with it.
func (l *Library) warnProblem(msg string) {
	<-l.opened // the watcher may warn before the corpus is there
	var probs []model.Problem
	for _, p := range l.Corpus.Problems() {
		if p.Path == "" {
			probs = append(probs, p)
		}
	}
	probs = append(probs, model.Problem{Reason: msg, Severity: model.Warning})
	l.Corpus.Apply(model.Change{Problems: probs})
}

// Following says how the folder is followed: folders watched, or polled.
func (l *Library) Following() (watch.Stats, bool) {
	if l.follow == nil {
		return watch.Stats{}, false
	}
	<-l.follow.started
	if l.follow.w == nil {
		return watch.Stats{}, false
	}
	return l.follow.w.Stats(), true
}

// stopFollowing stops the watcher and the changes it feeds.
func (l *Library) stopFollowing() {
	if l.follow == nil {
		return
	}
	l.follow.cancel()
	<-l.follow.started
	<-l.follow.done
	if l.follow.w != nil {
		l.follow.w.Close()
	}
}

// errNotFollowing is Sync's error when the folder is not followed.
var errNotFollowing = errors.New("the folder is not being followed")

// Sync returns once the corpus holds every change made to the files
// before it was called, its bodies indexed: what a command asked of a
// running folio waits for, instead of looking at every file itself. It
// waits for the start-up work first. dir is a folder outside the corpus
// where the watcher may make a file of its own (see watch.Watcher.Sync).
func (l *Library) Sync(ctx context.Context, dir string) error {
	f := l.follow
	if f == nil {
		return errNotFollowing
	}
	select {
	case <-l.done:
	case <-ctx.Done():
		return ctx.Err()
	}
	<-f.started
	if f.w == nil {
		return errNotFollowing
	}
	if err := f.w.Sync(ctx, dir); err != nil {
		return err
	}
	applied := make(chan struct{})
	select {
	case f.syncs <- applied:
	case <-f.done:
		return errNotFollowing
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-applied:
	case <-ctx.Done():
		return ctx.Err()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// watching waits until the folder is watched, when it is to be: a load or
// a scan begins after, so that no change falls between them. It returns
// false when ctx ends first: a warm start whose cache failed its check
// stops its scan before Open's corpus exists, and a reader's or a
// server's watcher waits for that corpus (Open's opened), so the scan
// must not wait for the watcher in turn.
func (l *Library) watching(ctx context.Context) bool {
	if l.follow == nil {
		return true
	}
	select {
	case <-l.follow.started:
		return true
	case <-ctx.Done():
		return false
	}
}
