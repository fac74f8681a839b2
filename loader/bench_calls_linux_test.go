package loader

import (
	"context"
	"os"
	"testing"

	"github.com/folio-reader/folio/model"
)

// BenchmarkCalls loads the corpus in $FOLIO_BENCH_DIR, the articles thrown
// away, three ways: with raw system calls (which keep their processor from
// the scheduler), with ordinary ones through golang.org/x/sys/unix (which
// tell it), and with os.File reads under os.Root (the portable path). It
// is what the choice of calls buys. With FOLIO_BENCH_COLD=1 (root only)
// every load starts after the page cache is dropped:
//
//	FOLIO_BENCH_DIR=/tmp/c100k go test -run X -bench Calls -count 6 ./loader
func BenchmarkCalls(b *testing.B) {
	dir := os.Getenv("FOLIO_BENCH_DIR")
	if dir == "" {
		b.Skip("set FOLIO_BENCH_DIR to a corpus folder")
	}
	cold := os.Getenv("FOLIO_BENCH_COLD") == "1"
	for _, way := range []struct {
		name       string
		fast, slow bool
	}{
		{"raw", true, false},
		{"syscall", true, true},
		{"osfile", false, false},
	} {
		b.Run(way.name, func(b *testing.B) {
			fsys, closeFS, err := openDir(dir, way.fast)
			if err != nil {
				b.Fatal(err)
			}
			defer closeFS()
			if way.slow {
				fsys.(dirFS).mode.slow.Store(true)
			}
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
