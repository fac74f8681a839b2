// Package memtune bounds the garbage collector's headroom. Go lets the
// heap grow to twice what is live before it collects (GOGC=100): at a
// million articles, 1.2 GB of index took the heap to 2.1 GB while the
// bodies were indexed. After every collection that finds a large live
// heap, Start sets the soft memory limit to that heap plus a fixed
// headroom, so a large heap is collected sooner; a small one (most
// corpora, and every heap below the threshold) behaves as before.
// GOMEMLIMIT, when the user sets it, wins.
package memtune

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Start tunes the limit after each collection, from now until stop:
// live heaps of at least threshold bytes get a limit of live + headroom.
func Start(threshold, headroom uint64) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	t := &tuner{threshold: threshold, headroom: headroom, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.arm()
	return func() {
		t.stopped.Store(true)
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

type tuner struct {
	threshold, headroom uint64
	stopped             atomic.Bool
	sample              []metrics.Sample // used by the finalizer goroutine only
}

// sentinel is garbage that tells, by being collected, that a collection
// has run.
type sentinel struct{ _ [16]byte }

// arm sets tune to run after the next collection.
func (t *tuner) arm() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if t.stopped.Load() {
			return
		}
		t.tune()
		t.arm()
	})
}

func (t *tuner) tune() {
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	limit := int64(math.MaxInt64)
	if live := t.sample[0].Value.Uint64(); live >= t.threshold {
		limit = int64(min(live+t.headroom, math.MaxInt64/2))
	}
	debug.SetMemoryLimit(limit)
}
