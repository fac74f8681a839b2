// Package memtune bounds the garbage collector's headroom. Go lets the
// heap grow to twice what is live before it collects (GOGC=100), which for
// a large corpus's index is gigabytes of headroom while the bodies are
// indexed. After every collection that finds a large live
// heap, Start sets the soft memory limit to that heap plus a fixed
// headroom, so a large heap is collected sooner; a small one (most
// corpora, and every heap below the threshold) behaves as before.
//
// Until its first collection a process has a floor instead: no collection
// before the heap reaches it: a cold load keeps most of what it allocates,
// so the collections the default makes on the way free little. A Pause (a
// warm start's
// decoding, whose every allocation stays) ends with a new floor, set as
// a collection that found the whole heap live would set it.
//
// GOMEMLIMIT, when the user sets it, wins, and GOGC keeps the floor away.
//
// The collector's settings are the process's, so this package keeps them
// in one place, which Pause shares.
package memtune

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Start tunes the limit after each collection, from now until stop:
// live heaps of at least threshold bytes get a limit of live + headroom.
// Until the first collection the collector waits for a heap of floor bytes
// (none with a floor of 0).
func Start(threshold, headroom, floor uint64) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	t := &tuner{threshold: threshold, headroom: headroom, floor: floor, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	if floor > 0 && os.Getenv("GOGC") == "" {
		update(func() { gc.floored, gc.after = true, t })
		debug.SetMemoryLimit(int64(min(floor, math.MaxInt64/2)))
	}
	t.arm()
	return func() {
		t.stopped.Store(true)
		update(func() { gc.floored, gc.after = false, nil })
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

// room is the floor after a pause, with live bytes in the heap: the limit
// a collection that found them live would leave (the usual pacing's twice
// the heap, or the tuner's headroom above a large one), and at least
// Start's floor.
func (t *tuner) room(live uint64) uint64 {
	if live >= t.threshold {
		return live + t.headroom
	}
	return max(2*live, t.floor)
}

// gc is the collector's setting, as Pause and the floor leave it: off
// while either holds, else what it was before the first of them.
var gc struct {
	sync.Mutex
	paused  int    // Pauses not yet resumed
	floored bool   // no collection has run since Start set the floor
	saved   int    // the GC percent to go back to
	after   *tuner // with a floor from Start: the tuner whose room a pause's end leaves
}

// update changes the pauses or the floor, under gc's lock, and turns the
// collector off or on to match.
func update(change func()) {
	gc.Lock()
	defer gc.Unlock()
	was := held()
	change()
	switch now := held(); {
	case now && !was:
		gc.saved = debug.SetGCPercent(-1)
	case !now && was:
		debug.SetGCPercent(gc.saved)
	}
}

func held() bool { return gc.paused > 0 || gc.floored }

func setFloor(on bool) { update(func() { gc.floored = on }) }

// Pause stops the collector until the returned func is called: for work
// whose every allocation stays, where collecting would find nothing to
// free. Pauses nest, from any goroutine.
//
// A pause lifts the floor: its limit would collect, pause or not, as soon
// as the heap passed it, and a warm start's decoding (the pauser) of a
// large corpus passes it. When the last pause ends, a process with a
// floor gets a new one, as if a collection had just found the whole heap
// live: the collector stays off until the heap reaches twice that (and at
// least Start's floor), or that plus the headroom for a large heap, and
// the next collection ends it. Pacing from the heap before the pause would
// collect at once and find nothing to free, just as a warm reader draws
// its first screen and answers its first keys.
func Pause() (resume func()) {
	update(func() {
		gc.paused++
		if gc.floored {
			gc.floored = false
			debug.SetMemoryLimit(math.MaxInt64)
		}
	})
	var once sync.Once
	return func() {
		once.Do(func() {
			update(func() {
				gc.paused--
				if gc.paused == 0 && gc.after != nil {
					gc.floored = true
					debug.SetMemoryLimit(int64(min(gc.after.room(heapObjects()), math.MaxInt64/2)))
				}
			})
		})
	}
}

// Settle ends the start-up's setting, for a process whose loading is over
// and that from now on keeps what it holds (a server, a daemon): the floor
// goes with a collection made now, and a later pause leaves none, so what
// visitors or changes allocate is paced from the heap the process keeps
// rather than left to pile up to the floor.
func Settle() {
	update(func() {
		gc.after = nil
		if gc.floored {
			gc.floored = false
			debug.SetMemoryLimit(math.MaxInt64)
		}
	})
	runtime.GC()
}

// heapObjects is the bytes the heap's objects hold now, live or not.
func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

type tuner struct {
	threshold, headroom uint64
	floor               uint64 // the floor Start set, which a pause's end keeps at least
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
		setFloor(false) // a collection ran: from now on, the usual pacing
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
