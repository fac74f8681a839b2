package loader

import (
	"context"
	"os"
	"testing"

	"github.com/folio-reader/folio/model"
)

// BenchmarkCalls loads the corpus in $FOLIO_BENCH_DIR, the articles thrown
// away, two ways: the fast path (folders listed with getdents, files
// opened with openat and read with read and fstat, ordinary system calls
// through golang.org/x/sys/unix) and os.File reads under os.Root (the
// portable path). With FOLIO_BENCH_COLD=1 (root only) every load starts
// after the page cache is dropped:
//
//	FOLIO_BENCH_DIR=/tmp/c100k go test -run X -bench Calls -count 6 ./loader
func BenchmarkCalls(b *testing.B) {
	dir := os.Getenv("FOLIO_BENCH_DIR")
	if dir == "" {
		b.Skip("set FOLIO_BENCH_DIR to a corpus folder")
	}
	cold := os.Getenv("FOLIO_BENCH_COLD") == "1"
	for _, way := range []struct {
		name string
		fast bool
	}{
		{"fast", true},
		{"osfile", false},
	} {
		b.Run(way.name, func(b *testing.B) {
			fsys, closeFS, err := openDir(dir, way.fast)
			if err != nil {
				b.Fatal(err)
			}
			defer closeFS()
			for b.Loop() {
				if cold {
					b.StopTimer()
					dropCaches(b)
					b.StartTimer()
				}
				if err := Load(context.Background(), fsys, Options{}, func(model.Batch) {}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// dropCaches empties the page cache, for a cold load.
func dropCaches(b *testing.B) {
	if err := os.WriteFile("/proc/sys/vm/drop_caches", []byte("3"), 0); err != nil {
		b.Fatalf("drop the page cache (FOLIO_BENCH_COLD needs root): %v", err)
	}
}
