package watch

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/folio-reader/folio/internal/ownfile"
)

// Sync: making sure that what changed before a moment has been delivered.
// The kernel queues a watch's events as the changes are made, in order, on
// one queue per watcher; so the watcher makes a file of its own (a cookie,
// as watchman calls it) in a folder it also watches, and once the cookie's
// event has come out of the queue, every change made before Sync was
// called has come out too. What is still settling is then delivered at
// once, settled or not: the caller wants the files as they are now.

type syncRequest struct {
	dir  string // where the cookie may be made: outside the tree
	done chan struct{}
}

// ErrClosed is Sync's error once the watcher has stopped.
var ErrClosed = errors.New("the watcher has stopped")

// Sync returns once every change made to the tree before it was called
// has been delivered (or, while polling, a full comparison has). dir is a
// folder outside the tree where the watcher may make and remove a file of
// its own; folio never writes inside a corpus.
func (w *Watcher) Sync(ctx context.Context, dir string) error {
	req := syncRequest{dir: dir, done: make(chan struct{})}
	select {
	case w.syncs <- req:
	case <-w.done:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-req.done:
		return nil
	case <-w.done:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// startSync answers a Sync at once while polling, or where events from
// different folders may come out of order (with a full comparison), and
// otherwise makes its cookie; run answers when the cookie's event comes.
func (w *Watcher) startSync(req syncRequest) {
	// Without a cookie there is no telling what is still queued: compare
	// everything, which is right if slow.
	compare := func() {
		w.rescan()
		close(req.done)
	}
	if w.fsw == nil || w.Stats().Polling || !orderedEvents {
		compare()
		return
	}
	dir := filepath.Clean(req.dir)
	// The cookie is made new (O_EXCL: never through a link planted at its
	// name), in a folder that must not be a link either.
	if ownfile.NoLink(dir) != nil {
		compare()
		return
	}
	if !w.watched[dir] {
		if err := w.opts.addWatch(w.fsw, dir); err != nil {
			compare()
			return
		}
		w.watched[dir] = true
	}
	f, err := os.CreateTemp(dir, ".folio-sync-*")
	if err != nil {
		compare()
		return
	}
	f.Close()
	w.cookies[f.Name()] = append(w.cookies[f.Name()], req.done)
}

// synced delivers what is pending, as it is, to the Syncs waiting for the
// cookie name, and removes the cookie.
func (w *Watcher) synced(name string, waiting []chan struct{}) {
	delete(w.cookies, name)
	os.Remove(name)
	w.addPending()
	if b := w.set.flush(w.look); !b.Empty() {
		w.deliver(b)
	}
	for _, done := range waiting {
		close(done)
	}
}

// syncAll answers every waiting Sync once events may have been lost:
// after the full comparison resync asked for (rescanned), or, when
// watching stopped, after one of its own.
func (w *Watcher) syncAll(rescanned bool) {
	if len(w.cookies) == 0 {
		return
	}
	if !rescanned {
		w.rescan()
	}
	for name, waiting := range w.cookies {
		delete(w.cookies, name)
		os.Remove(name)
		for _, done := range waiting {
			close(done)
		}
	}
}

// removeCookies removes the cookie files left when the watcher stops.
func (w *Watcher) removeCookies() {
	for name := range w.cookies {
		os.Remove(name)
	}
}
