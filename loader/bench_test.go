package loader

import (
	"context"
	"io/fs"
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/folio-reader/folio/model"
)

// The load benchmarks run on a corpus named by FOLIO_BENCH_DIR (make one with
// go run ./cmd/corpusgen -n 100000 -o DIR); scripts/bench-load.sh runs them
// side by side. Loading must stay within 1.5× of merely reading the files.

func benchDir(b *testing.B) fs.FS {
	dir := os.Getenv("FOLIO_BENCH_DIR")
	if dir == "" {
		b.Skip("set FOLIO_BENCH_DIR to a corpus folder")
	}
	fsys, closeFS, err := Dir(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { closeFS() })
	return fsys
}

// BenchmarkLoad parses the whole corpus into a Corpus, index included.
func BenchmarkLoad(b *testing.B) {
	fsys := benchDir(b)
	var n int
	for b.Loop() {
		c := model.NewCorpus(nil)
		if err := Load(context.Background(), fsys, Options{}, c.Add); err != nil {
			b.Fatal(err)
		}
		n = c.Len()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkRawRead reads every candidate file, in parallel on as many
// workers as Load uses, and does nothing with the bytes: the floor.
func BenchmarkRawRead(b *testing.B) {
	fsys := benchDir(b)
	var n int
	for b.Loop() {
		paths := make(chan string, 4096)
		go func() {
			defer close(paths)
			fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() && IsCandidate(p) {
					paths <- p
				}
				return nil
			})
		}()
		var wg sync.WaitGroup
		var mu sync.Mutex
		n = 0
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				var buf []byte
				count := 0
				for p := range paths {
					var err error
					if _, buf, err = readFile(fsys, p, 1<<30, buf); err == nil {
						count++
					}
				}
				mu.Lock()
				n += count
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
