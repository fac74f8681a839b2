package cli

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/semaphore"

	"github.com/folio-reader/folio/model"
)

// ReadsMax is the size of a server's Reads: an article costs some three
// times its size while it is read, cleaned and written.
const ReadsMax = 64 << 20

// Reads are the articles every session of a server's show holds at once.
// Shows of the same article share one copy, read once, so a crowd asking
// for it (or clients that never read what they asked for) hold it once,
// and one who asks while it is held is answered at once. Different
// articles share ReadsMax bytes between them: an article of ReadsMax bytes
// or more takes the whole, and waits its turn (or its client leaves); a
// server lets go sooner a show whose client takes no output while another
// waits (Wanted).
type Reads struct {
	bytes   *semaphore.Weighted
	size    int64        // of bytes: the most one article takes
	waiting atomic.Int32 // shows waiting for bytes others hold

	mu   sync.Mutex
	held map[*model.Article]*heldArticle // each article being shown, until its last show ends
}

// heldArticle is one article as the shows that share it hold it.
type heldArticle struct {
	ready  chan struct{} // closed when full or err is set
	full   *model.Article
	err    error
	weight int64 // its part of Reads.bytes, taken when taken is true
	taken  bool
	users  int // shows holding it, or waiting for it; guarded by Reads.mu
}

// errOpenerLeft is what the shows waiting for an article are told when the
// show that was to read it left before its turn came: one of them reads
// it instead.
var errOpenerLeft = errors.New("the show that was reading the article left")

// NewReads makes the bound a server shares among its sessions' shows.
func NewReads() *Reads { return NewReadsOf(ReadsMax) }

// Open returns a in full, as c.Open reads it, and the release the caller
// calls when it has written it: shared with the other shows of a under
// way, else read when its bytes are free, until ctx ends.
func (r *Reads) Open(ctx context.Context, c opener, a *model.Article) (*model.Article, func(), error) {
	for {
		r.mu.Lock()
		h := r.held[a]
		first := h == nil
		if first {
			h = &heldArticle{ready: make(chan struct{}), weight: min(max(a.Size, 1), r.size)}
			r.held[a] = h
		}
		h.users++
		r.mu.Unlock()
		if first {
			r.read(ctx, c, a, h)
		}
		select {
		case <-h.ready:
		case <-ctx.Done():
			r.release(a, h)
			return nil, nil, ctx.Err()
		}
		switch {
		case errors.Is(h.err, errOpenerLeft):
			r.release(a, h)
			if err := ctx.Err(); err != nil {
				return nil, nil, err // the one who left, or another who left meanwhile
			}
			continue
		case h.err != nil:
			r.release(a, h)
			return nil, nil, h.err
		}
		var once sync.Once
		return h.full, func() { once.Do(func() { r.release(a, h) }) }, nil
	}
}

// Wanted reports whether a show waits for bytes that other shows hold: a
// server then lets go sooner the shows whose clients take no output.
func (r *Reads) Wanted() bool { return r.waiting.Load() > 0 }

// NewReadsOf is NewReads with n bytes to share (tests share few). An
// article of n bytes or more takes them all.
func NewReadsOf(n int64) *Reads {
	return &Reads{bytes: semaphore.NewWeighted(n), size: n, held: map[*model.Article]*heldArticle{}}
}

// read takes h's bytes and reads the article into it.
func (r *Reads) read(ctx context.Context, c opener, a *model.Article, h *heldArticle) {
	defer close(h.ready)
	var err error
	if !r.bytes.TryAcquire(h.weight) {
		r.waiting.Add(1)
		err = r.bytes.Acquire(ctx, h.weight)
		r.waiting.Add(-1)
	}
	if err != nil {
		h.err = errOpenerLeft
		r.mu.Lock()
		if r.held[a] == h {
			delete(r.held, a) // those who wait begin again without it
		}
		r.mu.Unlock()
		return
	}
	r.mu.Lock()
	h.taken = true
	r.mu.Unlock()
	h.full, h.err = c.Open(a.ID)
}

// release ends one show's hold on h: the last one frees it and its bytes.
func (r *Reads) release(a *model.Article, h *heldArticle) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if h.users--; h.users > 0 {
		return
	}
	if r.held[a] == h {
		delete(r.held, a)
	}
	if h.taken {
		r.bytes.Release(h.weight)
	}
}

// opener reads an article in full: all Reads asks of a corpus.
type opener interface {
	Open(id string) (*model.Article, error)
}
