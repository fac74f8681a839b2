package library

import (
	"context"
	"os"
	"runtime/pprof"
	"testing"
)

// BenchmarkWarm opens the corpus in $FOLIO_BENCH_DIR from its cache (made
// on the first round) and revalidates it: the warm start of a command.
//
//	FOLIO_BENCH_DIR=/tmp/c100k go test -run X -bench Warm -benchtime 5x ./library
func BenchmarkWarm(b *testing.B) {
	dir := os.Getenv("FOLIO_BENCH_DIR")
	if dir == "" {
		b.Skip("set FOLIO_BENCH_DIR to a corpus")
	}
	cache := b.TempDir()
	lib, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache})
	if err != nil {
		b.Fatal(err)
	}
	lib.Close()
	if p := os.Getenv("FOLIO_BENCH_PROFILE"); p != "" { // the warm runs alone
		f, err := os.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	b.ResetTimer()
	for b.Loop() {
		lib, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache})
		if err != nil {
			b.Fatal(err)
		}
		if !lib.Cache().Used {
			b.Fatal("cache not used")
		}
		lib.Close()
	}
}
