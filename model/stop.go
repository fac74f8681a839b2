package model

import (
	"context"
	"time"
)

// stopper tells a query's costly loops that its context has ended, so that
// work for a client who left, or whose budget is spent, stops within a
// few milliseconds; and, past the quick lane's time, waits for a slow slot
// (see lanes). A nil stopper never stops nor waits.
type stopper struct {
	done  <-chan struct{}
	ctx   context.Context
	n     int
	err   error
	lanes *lanes
	began time.Time
	slow  bool // holds a slow slot: release it
}

// stopWhen returns a stopper for ctx; nil for a context that never ends,
// whose search has the cores to itself.
func stopWhen(ctx context.Context, l *lanes) *stopper {
	if ctx.Done() == nil {
		return nil
	}
	return &stopper{done: ctx.Done(), ctx: ctx, lanes: l, began: time.Now()}
}

// stopped reports whether the context has ended: a check at every call,
// for steps that each cost some microseconds or more. A search past the
// quick lane's time waits here for a slow slot.
func (s *stopper) stopped() bool {
	if s == nil {
		return false
	}
	if s.err != nil {
		return true
	}
	if !s.slow && s.lanes != nil && time.Since(s.began) > s.lanes.quick {
		select {
		case s.lanes.slow <- struct{}{}:
			s.slow = true
		case <-s.done:
			s.err = s.ctx.Err()
			return true
		}
	}
	select {
	case <-s.done:
		s.err = s.ctx.Err()
		return true
	default:
		return false
	}
}

// release gives back the slow slot the search held, if any.
func (s *stopper) release() {
	if s != nil && s.slow {
		s.slow = false
		<-s.lanes.slow
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
