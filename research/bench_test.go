package research_test

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/research"
)

// The budgets of the research views and of copies and stories, on the
// corpus FOLIO_BENCH_DIR names (a corpusgen folder of 100k, say):
//
//	FOLIO_BENCH_DIR=DIR go test -run X -bench . -benchtime 5x ./research
//
// The corpus is opened once, with its index cache in FOLIO_BENCH_CACHE
// (default: a folder in the system's temporary folder, kept between runs).

var (
	benchOnce sync.Once
	benchLib  *library.Library
	benchErr  error
)

func benchCorpus(b *testing.B) *model.Corpus {
	dir := os.Getenv("FOLIO_BENCH_DIR")
	if dir == "" {
		b.Skip("set FOLIO_BENCH_DIR to a corpus folder")
	}
	benchOnce.Do(func() {
		cache := os.Getenv("FOLIO_BENCH_CACHE")
		if cache == "" {
			cache = os.TempDir() + "/folio-bench-cache"
		}
		benchLib, benchErr = library.Load(context.Background(), library.Source{Dir: dir},
			library.Options{Bodies: true, CacheDir: cache})
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchLib.Corpus
}

// result25k is a result of about 25,000 articles: the query of the
// corpusgen corpus nearest that size among a few.
func result25k(b *testing.B, c *model.Corpus) model.Result {
	best := model.Result{}
	for _, q := range []string{"ethiopia", "stakeholder", "kazakhstan", "security", "museum", "pipeline"} {
		r := c.Search(model.ParseQuery(q), model.SortNewest)
		if best.Rows == nil || abs(len(r.Rows)-25000) < abs(len(best.Rows)-25000) {
			best = r
		}
	}
	b.ReportMetric(float64(len(best.Rows)), "rows")
	return best
}

func abs(n int) int { return max(n, -n) }

// BenchmarkFindCopies: copy detection over the whole corpus, the
// background work after the bodies are indexed (budget 5 s at 100k, 60 s
// at 1M; its memory 60 MB at 100k, reported as MB of heap it allocates).
func BenchmarkFindCopies(b *testing.B) {
	c := benchCorpus(b)
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for b.Loop() {
		c.FindCopies()
	}
	runtime.ReadMemStats(&m1)
	b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/float64(b.N)/(1<<20), "MB/op")
}

// BenchmarkRelated: the articles most like one (budget 50 ms at 100k).
func BenchmarkRelated(b *testing.B) {
	c := benchCorpus(b)
	all := c.Search(model.Query{}, model.SortNewest)
	cp := c.CurrentCopies()
	r := rand.New(rand.NewPCG(1, 1))
	for b.Loop() {
		id := all.Article(all.Rows[r.IntN(len(all.Rows))]).ID
		if _, err := research.Related(context.Background(), c, id, cp); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStories: the stories of a result of about 25,000 articles
// (budget 200 ms at 100k), the articles' top words made beforehand, as
// the background work does.
func BenchmarkStories(b *testing.B) {
	c := benchCorpus(b)
	res := result25k(b, c)
	c.TopTerms()
	for b.Loop() {
		research.Stories(c, res)
	}
}

// BenchmarkConcordance: the first screen (the first batch of lines) and
// the whole concordance of a word in about 25,000 articles (budgets 100 ms
// and 2 s at 100k).
func BenchmarkConcordance(b *testing.B) {
	c := benchCorpus(b)
	res := result25k(b, c)
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			research.Concordance(context.Background(), c, res, 5, func([]research.Hit) bool { return false })
		}
	})
	b.Run("all", func(b *testing.B) {
		lines := 0
		for b.Loop() {
			lines = 0
			research.Concordance(context.Background(), c, res, 5, func(h []research.Hit) bool { lines += len(h); return true })
		}
		b.ReportMetric(float64(lines), "lines")
	})
}

// BenchmarkAnalyse: collocates and distinctive terms of a result of about
// 25,000 articles (budget 300 ms at 100k; above 1,000 articles the
// collocates are counted in a sample).
func BenchmarkAnalyse(b *testing.B) {
	c := benchCorpus(b)
	res := result25k(b, c)
	for b.Loop() {
		research.Analyse(context.Background(), c, res, 20)
	}
}

// BenchmarkTrends6: six queries answered and counted by month (budget
// 50 ms at 100k).
func BenchmarkTrends6(b *testing.B) {
	c := benchCorpus(b)
	qs := []string{"kazakhstan", "ethiopia", "security council", "pipeline OR refinery", "cat:world", "museum -sport"}
	all := c.Search(model.Query{}, model.SortNewest)
	for b.Loop() {
		var rs []model.Result
		for _, q := range qs {
			rs = append(rs, c.Search(model.ParseQuery(q), model.SortNewest))
		}
		research.Trend(rs, qs, all, research.Month)
	}
}

// BenchmarkExport: every article, with its text, as JSON lines (budget
// 5 s at 100k).
func BenchmarkExport(b *testing.B) {
	c := benchCorpus(b)
	all := c.Search(model.Query{}, model.SortNewest)
	for b.Loop() {
		if _, err := research.Export(context.Background(), io.Discard, c, all, research.JSONL, true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCollapsedKeystroke: a filter keystroke with the copies
// collapsed (budget 5 ms at 100k, as without).
func BenchmarkCollapsedKeystroke(b *testing.B) {
	c := benchCorpus(b)
	cp := c.CurrentCopies()
	for _, q := range []string{"chin", "china russ", "cat:sport -chip after:2020"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				c.Search(model.ParseQuery(q), model.SortNewest).Collapse(cp)
			}
		})
	}
}

// BenchmarkQueryLanguageWarm answers docs/QUERY.md's costlier forms on the
// corpus as a warm start has it (index read from the cache, positions read
// from it on demand), beside the word sets a stem expands to written out by
// hand: the stem's own cost is the difference. Budgets: (a OR b OR c)
// NEAR/10 d 30 ms at 100k and 300 ms at 1M; a stemmed word within 10% of
// the same words asked for by hand.
func BenchmarkQueryLanguageWarm(b *testing.B) {
	c := benchCorpus(b)
	for _, q := range []string{
		"(kazakhstan OR ethiopia OR uzbekistan) NEAR/10 russia",
		"kazakhstan NEAR/10 russia",
		"country", "country* OR =countries", "country*",
		"policy", "policy* OR =policies", "policy*",
	} {
		b.Run(q, func(b *testing.B) {
			var rows int
			for b.Loop() {
				rows = len(c.Search(model.ParseQuery(q), model.SortNewest).Rows)
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}
