package model

import (
	"runtime"
	"time"
)

// lanes share the cores between searches, so that many costly ones (a
// server's strangers can each send one) do not slow every other: a search
// starts at once, and once it has matched for longer than quick it goes on
// only holding one of the slow slots. Cheap searches never wait; long ones
// run a few at a time and leave the other cores to the cheap. A search
// waiting for a slot still ends with its context.
type lanes struct {
	quick time.Duration
	slow  chan struct{}
}

// quickSearch is how long a search runs before it needs a slow slot: far
// above a keystroke's budget, far below a person's patience.
const quickSearch = 50 * time.Millisecond

// newLanes gives long searches half the cores, at least one.
func newLanes() *lanes {
	return &lanes{quick: quickSearch, slow: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2))}
}
