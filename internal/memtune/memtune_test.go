package memtune

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestLimitFollowsTheLiveHeap: below the threshold no limit is set; above
// it, after a collection, the limit is the live heap plus the headroom;
// stop lifts it.
func TestLimitFollowsTheLiveHeap(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(math.MaxInt64)
	stop := Start(32<<20, 64<<20)
	defer stop()
	collect := func() int64 {
		// The finalizer runs on its own goroutine after the collection.
		for range 50 {
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
			if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
				return l
			}
		}
		return debug.SetMemoryLimit(-1)
	}
	if l := collect(); l != math.MaxInt64 {
		t.Errorf("a small heap got a limit: %d", l)
	}
	keep := make([]byte, 64<<20) // live, above the threshold
	for i := range keep {
		keep[i] = byte(i)
	}
	l := collect()
	if l < 64<<20+64<<20 || l > 64<<20+64<<20+32<<20 {
		t.Errorf("limit %d MB for a live heap of 64 MB and 64 MB of headroom", l>>20)
	}
	runtime.KeepAlive(keep)
	stop()
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("stop left a limit of %d", l)
	}
}

// TestUserLimitWins: with GOMEMLIMIT set, Start does nothing.
func TestUserLimitWins(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "1GiB")
	before := debug.SetMemoryLimit(-1)
	stop := Start(0, 1)
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	stop()
	if l := debug.SetMemoryLimit(-1); l != before {
		t.Errorf("the limit moved from %d to %d", before, l)
	}
}
