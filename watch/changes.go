package watch

import (
	"slices"
	"strings"
	"time"
)

// ident is what tells one state of a file from another without reading it.
type ident struct{ size, mtime int64 }

// pend is a path that events touched and that has not settled yet.
type pend struct {
	last  time.Time // the latest event
	seen  bool      // looked at since that event
	id    ident     // what the last look found
	since time.Time // when the last look first found id
}

// changes debounces and coalesces: paths wait in pending until no event has
// touched them for quiet and their size and time have held for settle, then
// in ready until every change in progress has settled (or the oldest ready
// one has waited maxDelay), and leave together, as one batch.
type changes struct {
	quiet, settle time.Duration
	pending       map[string]*pend
	ready         map[string]bool // true: changed; false: removed
	firstReady    time.Time       // when the oldest entry of ready got there
}

func newChanges(quiet, settle time.Duration) *changes {
	return &changes{quiet: quiet, settle: settle, pending: map[string]*pend{}, ready: map[string]bool{}}
}

func (c *changes) empty() bool { return len(c.pending) == 0 && len(c.ready) == 0 }

// size is how many paths wait, settling or ready.
func (c *changes) size() int { return len(c.pending) + len(c.ready) }

// drop forgets every path waiting, for a full comparison to cover; fresh
// maps give back what a storm grew.
func (c *changes) drop() {
	c.pending, c.ready = map[string]*pend{}, map[string]bool{}
}

// touch records an event on the file p.
func (c *changes) touch(p string, now time.Time) {
	delete(c.ready, p)
	st := c.pending[p]
	if st == nil {
		st = &pend{}
		c.pending[p] = st
	}
	st.last, st.seen = now, false
}

// removeTree records that the folder dir went away with all it held: what
// was pending or ready below it is moot.
func (c *changes) removeTree(dir string) {
	below := func(p string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }
	for p := range c.pending {
		if below(p) {
			delete(c.pending, p)
		}
	}
	for p := range c.ready {
		if below(p) {
			delete(c.ready, p)
		}
	}
	c.markReady(dir, false, time.Now())
}

func (c *changes) markReady(p string, changed bool, now time.Time) {
	if len(c.ready) == 0 {
		c.firstReady = now
	}
	c.ready[p] = changed
}

// due looks at the pending paths that have been quiet long enough, moves
// those that settled (or went) to ready, and returns the batch when it is
// time to deliver one.
func (c *changes) due(now time.Time, maxDelay time.Duration, look func(string) (ident, bool)) Batch {
	for p, st := range c.pending {
		if now.Sub(st.last) < c.quiet {
			continue
		}
		id, ok := look(p)
		switch {
		case !ok:
			delete(c.pending, p)
			c.markReady(p, false, now)
			continue
		case id.size < 0, // there but cannot be looked at: the loader will say why
			now.Sub(time.Unix(0, id.mtime)) >= c.settle,             // written long enough ago: moved in, or done
			st.seen && id == st.id && now.Sub(st.since) >= c.settle: // held still while we watched
			delete(c.pending, p)
			c.markReady(p, true, now)
			continue
		}
		if !st.seen || id != st.id {
			st.seen, st.id, st.since = true, id, now
		}
	}
	if len(c.ready) == 0 || len(c.pending) > 0 && now.Sub(c.firstReady) < maxDelay {
		return Batch{}
	}
	return c.take()
}

// take empties ready into a batch.
func (c *changes) take() Batch {
	var b Batch
	for p, changed := range c.ready {
		if changed {
			b.Changed = append(b.Changed, p)
		} else {
			b.Removed = append(b.Removed, p)
		}
	}
	slices.Sort(b.Changed)
	slices.Sort(b.Removed)
	clear(c.ready)
	return b
}

// flush returns everything pending or ready as one batch, settled or not,
// as the files are now (a Sync's caller wants them so).
func (c *changes) flush(look func(string) (ident, bool)) Batch {
	for p := range c.pending {
		_, ok := look(p)
		c.ready[p] = ok
	}
	clear(c.pending)
	return c.take()
}
