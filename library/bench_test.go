package library

import (
	"context"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"

	"github.com/folio-reader/folio/model"
)

// BenchmarkWarm opens the corpus in $FOLIO_BENCH_DIR from its cache (made
// on the first round) and revalidates it: the warm start of a command.
//
//	FOLIO_BENCH_DIR=/tmp/c100k go test -run X -bench Warm -benchtime 5x ./library
func BenchmarkWarm(b *testing.B) {
	dir, cache, _ := benchCache(b)
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

// BenchmarkDecode decodes the cache of the corpus in $FOLIO_BENCH_DIR
// (made on the first round): what a warm start waits for before the list.
//
//	FOLIO_BENCH_DIR=/tmp/c100k go test -run X -bench Decode ./library
func BenchmarkDecode(b *testing.B) {
	dir, _, path := benchCache(b)
	abs, _ := filepath.Abs(dir)
	m, err := readCache(path, corpusKey(abs))
	if err != nil {
		b.Fatal(err)
	}
	defer m.release()
	for b.Loop() {
		if _, err := model.ReadIndex(m.data, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// benchCache is the corpus in $FOLIO_BENCH_DIR, the cache folder made for
// it in the benchmark's temporary folder, and the path of its cache, which
// a cold load wrote.
func benchCache(b *testing.B) (dir, cache, path string) {
	dir = os.Getenv("FOLIO_BENCH_DIR")
	if dir == "" {
		b.Skip("set FOLIO_BENCH_DIR to a corpus")
	}
	cache = b.TempDir()
	lib, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache})
	if err != nil {
		b.Fatal(err)
	}
	path = lib.Cache().Path
	lib.Close()
	return dir, cache, path
}
