//go:build race

package state

// raceDetector: the race detector's checks run on the system stack, where
// a fault in a mapped file cannot be turned into a panic (the process
// dies: "traceback did not unwind completely"), so the tests that make
// bbolt read past a damaged file's end run without it (.ci/run runs this
// package's tests once more without -race).
const raceDetector = true
