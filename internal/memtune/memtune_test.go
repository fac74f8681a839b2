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
	stop := Start(32<<20, 64<<20, 0)
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
	stop := Start(0, 1, 1<<30)
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	stop()
	if l := debug.SetMemoryLimit(-1); l != before {
		t.Errorf("the limit moved from %d to %d", before, l)
	}
}

// TestPauseNests: two pauses at once restore the collector's setting once
// both are done, to what it was before either; a second call of a resume
// does nothing.
func TestPauseNests(t *testing.T) {
	before := debug.SetGCPercent(77)
	defer debug.SetGCPercent(before)
	a := Pause()
	b := Pause()
	a()
	a()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("one of two resumed: GC percent %d, want still paused", got)
	}
	b()
	if got := debug.SetGCPercent(77); got != 77 {
		t.Errorf("both resumed: GC percent %d, want 77", got)
	}
}

// TestFloorHoldsUntilTheFirstCollection: after Start, the collector is off
// with the floor as the limit, so nothing is collected below it; the
// first collection turns it back on at the percent it had, with no limit
// for a small heap.
func TestFloorHoldsUntilTheFirstCollection(t *testing.T) {
	startFloored(t, 90)
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Fatalf("limit %d before the first collection, want the floor %d", got, 1<<30)
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("GC percent %d under the floor, want off", got)
	}
	debug.SetGCPercent(-1) // as it was
	waitForCollection(t)
	if got := debug.SetGCPercent(90); got != 90 {
		t.Errorf("GC percent %d after the first collection, want 90 back", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d after the first collection of a small heap, want none", got)
	}
}

// TestUserGOGCHasNoFloor: with GOGC set, Start leaves the collector on.
func TestUserGOGCHasNoFloor(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "100")
	defer debug.SetMemoryLimit(math.MaxInt64)
	stop := Start(1<<40, 1<<20, 1<<30)
	defer stop()
	if got := debug.SetGCPercent(100); got == -1 {
		t.Error("the collector was turned off though GOGC is set")
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d with GOGC set, want none", got)
	}
}

// TestPauseEndsTheFloor: a pause under the floor lifts its limit (which
// would collect during the pause); once resumed, the collector stays off
// under a new floor, and the next collection turns it back on at the
// percent it had.
func TestPauseEndsTheFloor(t *testing.T) {
	startFloored(t, 80)
	resume := Pause()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d during a pause, want none", got)
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent %d during a pause, want off", got)
	}
	resume()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent %d after the pause, want off until a collection", got)
	}
	if got := debug.SetMemoryLimit(-1); got < 1<<30 || got == math.MaxInt64 {
		t.Errorf("limit %d after the pause, want a floor of at least Start's %d", got, 1<<30)
	}
	waitForCollection(t)
	if got := debug.SetGCPercent(80); got != 80 {
		t.Errorf("GC percent %d after the first collection, want 80 back", got)
	}
}

// TestPauseLeavesRoom: the floor a pause leaves is what a collection
// that found the heap live would leave, so that the decoding's bytes,
// all kept, are not marked at once for nothing: twice the heap below the
// threshold, the heap plus the headroom above it.
func TestPauseLeavesRoom(t *testing.T) {
	small := tuner{threshold: 1 << 30, headroom: 64 << 20, floor: 1 << 20}
	if got := small.room(100 << 20); got != 200<<20 {
		t.Errorf("room for 100 MB below the threshold: %d MB, want 200", got>>20)
	}
	if got := small.room(100 << 10); got != 1<<20 {
		t.Errorf("room for 100 kB: %d bytes, want Start's floor, %d", got, 1<<20)
	}
	large := tuner{threshold: 512 << 20, headroom: 320 << 20}
	if got := large.room(1200 << 20); got != 1520<<20 {
		t.Errorf("room for 1200 MB above the threshold: %d MB, want 1520", got>>20)
	}

	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(100)
	stop := Start(1<<40, 1<<20, 8<<20)
	t.Cleanup(func() {
		stop()
		debug.SetMemoryLimit(math.MaxInt64)
		debug.SetGCPercent(before)
	})
	resume := Pause()
	keep := make([]byte, 64<<20) // what the pause decoded, kept
	for i := range keep {
		keep[i] = byte(i)
	}
	resume()
	if got := debug.SetMemoryLimit(-1); got < 2*64<<20 || got > 2*(64<<20+32<<20) {
		t.Errorf("limit %d MB after a pause that kept 64 MB, want about twice that", got>>20)
	}
	runtime.KeepAlive(keep)
}

// TestNoFloorWithoutStart: a pause in a process that set no floor (a
// test, a user's GOGC) gives the collector back as it was.
func TestNoFloorWithoutStart(t *testing.T) {
	before := debug.SetGCPercent(70)
	defer debug.SetGCPercent(before)
	Pause()()
	if got := debug.SetGCPercent(70); got != 70 {
		t.Errorf("GC percent %d after a pause, want 70", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d after a pause without Start, want none", got)
	}
}

// waitForCollection collects until the tuner has seen it (its finalizer
// runs on its own goroutine) and the floor is gone.
func waitForCollection(t *testing.T) {
	t.Helper()
	for i := 0; ; i++ {
		runtime.GC()
		gc.Lock()
		floored := gc.floored
		gc.Unlock()
		if !floored {
			return
		}
		if i == 100 {
			t.Fatal("the collector stayed off after a collection")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// startFloored starts the tuner with a floor of 1 GB and no limit after
// it, the collector at percent before, as a process with neither GOGC nor
// GOMEMLIMIT set; the test's end stops it and puts the settings back.
func startFloored(t *testing.T, percent int) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(percent)
	stop := Start(1<<40, 1<<20, 1<<30)
	t.Cleanup(func() {
		stop()
		debug.SetMemoryLimit(math.MaxInt64)
		debug.SetGCPercent(before)
	})
}

// TestSettleEndsTheFloor: Settle collects at once and gives the collector
// its percent back, and a pause after it leaves no floor: a settled
// process is paced from the heap it keeps.
func TestSettleEndsTheFloor(t *testing.T) {
	startFloored(t, 70)
	Settle()
	if got := debug.SetGCPercent(70); got != 70 {
		t.Errorf("GC percent %d after Settle, want 70 back", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d after Settle, want none for a small heap", got)
	}
	Pause()()
	if got := debug.SetGCPercent(70); got != 70 {
		t.Errorf("GC percent %d after a pause that followed Settle, want 70: no floor", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d after a pause that followed Settle, want none", got)
	}
}
