package model

import "context"

// stopper tells a query's costly loops that its context has ended, so that
// work for a client who left, or whose budget is spent, stops within a
// few milliseconds. A nil stopper never stops.
type stopper struct {
	done <-chan struct{}
	ctx  context.Context
	n    int
	err  error
}

// stopWhen returns a stopper for ctx; nil for a context that never ends.
func stopWhen(ctx context.Context) *stopper {
	if ctx.Done() == nil {
		return nil
	}
	return &stopper{done: ctx.Done(), ctx: ctx}
}

// stopped reports whether the context has ended: a check at every call,
// for steps that each cost some microseconds or more.
func (s *stopper) stopped() bool {
	if s == nil {
		return false
	}
	if s.err != nil {
		return true
	}
	select {
	case <-s.done:
		s.err = s.ctx.Err()
		return true
	default:
		return false
	}
}

// every is stopped for loops of cheap steps: it looks at the context
// once in stopEvery calls.
func (s *stopper) every() bool {
	if s == nil {
		return false
	}
	s.n++
	if s.n%stopEvery != 0 {
		return s.err != nil
	}
	return s.stopped()
}

const stopEvery = 1024

// Err is the context's error once stopped, else nil.
func (s *stopper) Err() error {
	if s == nil {
		return nil
	}
	return s.err
}
