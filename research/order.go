package research

import (
	"context"
	"runtime"
	"sync"
)

// inOrder runs work over [0, n) in batches on every core and hands each
// batch's results to emit in order, as soon as it and those before it are
// done, until emit returns false or ctx ends. At most a few batches per
// core are ahead of emit, so memory stays bounded however large n is.
func inOrder[T any](ctx context.Context, n, batch int, work func(i int) []T, emit func([]T) bool) error {
	type job struct {
		from, to int
		out      []T
		done     chan struct{}
	}
	workers := max(runtime.GOMAXPROCS(0), 1)
	queue := make(chan *job, 2*workers) // the batches handed out, in order
	next := make(chan *job)
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel() // the hand-out and the workers stop, then are waited for
		wg.Wait()
	}()
	for range workers {
		wg.Go(func() {
			for j := range next {
				for i := j.from; i < j.to && ctx.Err() == nil; i++ {
					j.out = append(j.out, guarded(work, i)...)
				}
				close(j.done)
			}
		})
	}
	go func() {
		defer close(queue)
		defer close(next)
		for from := 0; from < n; from += batch {
			j := &job{from: from, to: min(from+batch, n), done: make(chan struct{})}
			select {
			case queue <- j:
			case <-ctx.Done():
				return
			}
			select {
			case next <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	for j := range queue {
		select {
		case <-j.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if len(j.out) > 0 && !emit(j.out) {
			return nil
		}
	}
	return ctx.Err()
}

// guarded is work(i), a panic in it the end of that item alone: what a
// file holds can never take the process.
func guarded[T any](work func(i int) []T, i int) (out []T) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	return work(i)
}
