// Command corpusgen writes a synthetic corpus of news articles in folio's
// article format, for load tests and the budgets in docs/DESIGN.md:
//
//	go run ./cmd/corpusgen -n 100000 -o DIR [-seed 1] [-defects=true] [-force] [-j N]
//
// Files go to DIR/YYYY/MM/NNNNNN_<16 hex>.txt. The same seed and n always
// give byte-identical files, however many workers write them.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/folio-reader/folio/cmd/corpusgen/gen"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp): // usage already printed, as asked
	case err != nil:
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
}

type options struct {
	n       int
	dir     string
	seed    uint64
	defects bool
	force   bool
	workers int
	plant   gen.Plant
	truth   string
}

func parse(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("corpusgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.n, "n", 1000, "number of articles to write")
	fs.StringVar(&o.dir, "o", "", "output directory (created if missing; must be empty unless -force)")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed; the same seed and -n give identical files")
	fs.BoolVar(&o.defects, "defects", true, "add the real scraper's defects at realistic rates")
	fs.BoolVar(&o.force, "force", false, "write into a non-empty directory (same-named files are overwritten, others kept)")
	fs.IntVar(&o.workers, "j", runtime.GOMAXPROCS(0), "parallel workers")
	fs.Float64Var(&o.plant.Copies, "copies", 0, "share of articles that are planted copies of an earlier one (an edit of its text under another headline)")
	fs.Float64Var(&o.plant.Stories, "stories", 0, "share of articles in planted stories (about five articles over three days, sharing invented names)")
	fs.StringVar(&o.truth, "truth", "", "write what was planted to this file: copy ID ORIGINAL EDIT, story ID STORY, a line each")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case o.dir == "":
		return o, errors.New("-o DIR is required")
	case o.n < 1:
		return o, fmt.Errorf("-n must be at least 1, got %d", o.n)
	case o.workers < 1:
		return o, fmt.Errorf("-j must be at least 1, got %d", o.workers)
	case o.plant.Copies < 0 || o.plant.Stories < 0 || o.plant.Copies+o.plant.Stories > 1:
		return o, errors.New("-copies and -stories are shares: 0 or more, at most 1 together")
	}
	o.plant.N = o.n
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) error {
	o, err := parse(args, stderr)
	if err != nil {
		return err
	}
	if err := prepare(o.dir, o.force); err != nil {
		return err
	}
	began := time.Now()
	files, size, err := write(o)
	if err != nil {
		return err
	}
	secs := time.Since(began).Seconds()
	fmt.Fprintf(stdout, "corpusgen: wrote %d files, %d bytes (%.1f MiB) to %s in %.1fs (seed %d, defects %t)\n",
		files, size, float64(size)/(1<<20), o.dir, secs, o.seed, o.defects)
	return nil
}

// prepare creates dir, or refuses a non-empty one: mixing two corpora would
// silently change every count a benchmark reports.
func prepare(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return err
	case len(entries) > 0 && !force:
		return fmt.Errorf("%s is not empty (use -force to write into it anyway)", dir)
	}
	return nil
}

// write generates the articles with a pool of workers pulling indices from
// a shared counter. Each article depends only on its index, so the order in
// which workers finish does not matter.
func write(o options) (files int64, size int64, err error) {
	g := gen.New(o.seed, o.defects)
	truth := make([]string, o.n)
	var (
		next, nfiles, nbytes atomic.Int64
		mu                   sync.Mutex
		made                 = map[string]bool{}
		firstErr             error
		failed               atomic.Bool
		wg                   sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		failed.Store(true)
	}
	mkdir := func(d string) error {
		mu.Lock()
		defer mu.Unlock()
		if made[d] {
			return nil
		}
		made[d] = true
		return os.MkdirAll(d, 0o755)
	}
	for range o.workers {
		wg.Go(func() {
			var buf []byte
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= o.n {
					return
				}
				rel, data, line := g.Planted(buf[:0], i, o.plant)
				buf = data
				truth[i] = line
				name := filepath.Join(o.dir, filepath.FromSlash(rel))
				if err := mkdir(filepath.Dir(name)); err != nil {
					fail(err)
					return
				}
				if err := os.WriteFile(name, data, 0o644); err != nil {
					fail(err)
					return
				}
				nfiles.Add(1)
				nbytes.Add(int64(len(data)))
			}
		})
	}
	wg.Wait()
	if firstErr == nil && o.truth != "" {
		var b strings.Builder
		for _, l := range truth {
			if l != "" {
				b.WriteString(l + "\n")
			}
		}
		firstErr = os.WriteFile(o.truth, []byte(b.String()), 0o644)
	}
	return nfiles.Load(), nbytes.Load(), firstErr
}
