package library

import (
	"slices"
	"sync"

	"github.com/folio-reader/folio/watch"
)

// maxQueued bounds the paths that wait to be applied: past it, the paths
// are dropped and one full comparison stands for them all, so a storm of
// creates and deletes costs a bounded map, not memory in step with it.
const maxQueued = 1 << 16

// queue holds what the watcher reported until the corpus can take it,
// merged as it comes.
type queue struct {
	mu      sync.Mutex
	changed map[string]bool
	removed map[string]bool
	rescan  bool
	pushed  uint64 // batches ever pushed: a full comparison during which none came saw a quiet tree
	limit   int
	full    func() // told, each time, that the paths were dropped for a full comparison
}

func newQueue(limit int, full func()) *queue {
	return &queue{changed: map[string]bool{}, removed: map[string]bool{}, limit: limit, full: full}
}

// push merges a batch in; it never blocks the watcher for long.
func (q *queue) push(b watch.Batch) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pushed++
	if b.Rescan {
		q.toRescan()
	}
	if q.rescan { // a full comparison covers the rest
		return
	}
	// A path changed and then removed (or below a folder removed) may stay
	// among the changed: reading it finds it gone.
	for _, p := range b.Removed {
		q.removed[p] = true
		delete(q.changed, p)
	}
	for _, p := range b.Changed {
		q.changed[p] = true
	}
	if len(q.changed)+len(q.removed) > q.limit {
		q.toRescan()
		if q.full != nil {
			q.full()
		}
	}
}

// toRescan replaces the paths with a full comparison. The caller holds q.mu.
func (q *queue) toRescan() {
	q.rescan = true
	clear(q.changed)
	clear(q.removed)
}

// take returns what was queued, as one batch, and empties the queue.
func (q *queue) take() (watch.Batch, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.rescan {
		q.rescan = false
		return watch.Batch{Rescan: true}, true
	}
	if len(q.changed)+len(q.removed) == 0 {
		return watch.Batch{}, false
	}
	var out watch.Batch
	for p := range q.removed {
		out.Removed = append(out.Removed, p)
	}
	for p := range q.changed {
		out.Changed = append(out.Changed, p)
	}
	slices.Sort(out.Removed)
	slices.Sort(out.Changed)
	// Maps that held a storm keep its buckets: fresh ones give them back.
	q.changed, q.removed = map[string]bool{}, map[string]bool{}
	return out, true
}

// count is how many batches were ever pushed.
func (q *queue) count() uint64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.pushed
}
