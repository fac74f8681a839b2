package ui

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/research"
)

// BenchmarkConcordance measures, over the corpus in $FOLIO_BENCH_DIR, how
// soon the concordance screen has its first batch of lines against how
// long the whole set takes, and what a frame of the screen costs with
// every line in:
//
//	FOLIO_BENCH_DIR=/tmp/c10k go test -run X -bench Concordance -benchtime 1x ./ui
func BenchmarkConcordance(b *testing.B) {
	dir := os.Getenv("FOLIO_BENCH_DIR")
	if dir == "" {
		b.Skip("FOLIO_BENCH_DIR is not set")
	}
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	b.Setenv("XDG_STATE_HOME", b.TempDir())
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	fsys := os.DirFS(dir)
	c := model.NewCorpus(func(id string) (*model.Article, error) { return loader.ReadArticle(fsys, id) })
	if err := loader.Load(context.Background(), fsys, loader.Options{}, c.Add); err != nil {
		b.Fatal(err)
	}
	c.Finish(0)
	c.StartBodies()
	if err := loader.IndexBodies(context.Background(), fsys, c); err != nil {
		b.Fatal(err)
	}
	res := c.Search(model.ParseQuery("government"), model.SortNewest)
	m := New(Options{Corpus: c, Source: "bench"})
	m.width, m.height = 120, 40
	m.layout()
	for b.Loop() {
		start := time.Now()
		var first time.Duration
		var all []research.Hit
		err := research.Concordance(context.Background(), c, res, research.DefaultContext, func(h []research.Hit) bool {
			if all == nil {
				first = time.Since(start)
			}
			all = append(all, h...)
			return true
		})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(first.Microseconds())/1000, "ms-first-batch")
		b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "ms-all")
		b.ReportMetric(float64(len(all)), "lines")
		m.research.kwic.Reset("government")
		m.research.kwic.Add(all)
		m.research.kwic.SetCursor(len(all) / 2)
		m.state = stateKwic
		start = time.Now()
		for range 100 {
			_ = m.View()
		}
		b.ReportMetric(float64((time.Since(start)/100).Microseconds())/1000, "ms-frame")
	}
}
