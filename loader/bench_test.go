package loader

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

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

// benchArticles loads the benchmark corpus and returns its articles, to
// add to fresh corpora.
func benchArticles(b *testing.B) (fs.FS, []*model.Article) {
	fsys := benchDir(b)
	c := model.NewCorpus(nil)
	if err := Load(context.Background(), fsys, Options{}, c.Add); err != nil {
		b.Fatal(err)
	}
	arts := make([]*model.Article, c.Len())
	for i := range arts {
		arts[i] = c.At(int32(i))
	}
	return fsys, arts
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

// BenchmarkRawRead reads every candidate file with plain os.Open, in
// parallel on as many workers as Load uses, and does nothing with the bytes:
// the floor a loader can approach, as a parallel grep would read.
func BenchmarkRawRead(b *testing.B) {
	benchDir(b)
	dir := os.Getenv("FOLIO_BENCH_DIR")
	var n int
	for b.Loop() {
		paths := make(chan string, 4096)
		go func() {
			defer close(paths)
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
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
				buf := make([]byte, 1<<20)
				count := 0
				for p := range paths {
					f, err := os.Open(p)
					if err != nil {
						continue
					}
					for {
						if k, _ := f.Read(buf); k == 0 {
							break
						}
					}
					f.Close()
					count++
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

// BenchmarkParseOnly is Load with the articles thrown away: the loader's
// own share of BenchmarkLoad, without the corpus's index.
func BenchmarkParseOnly(b *testing.B) {
	fsys := benchDir(b)
	for b.Loop() {
		if err := Load(context.Background(), fsys, Options{}, func(model.Batch) {}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildIndex is the work a corpus does after loading, in the
// background: the words index and the sort keys of every article.
func BenchmarkBuildIndex(b *testing.B) {
	_, arts := benchArticles(b)
	for b.Loop() {
		fresh := model.NewCorpus(nil)
		fresh.Add(model.Batch{Articles: arts})
		fresh.BuildIndex()
	}
}

// BenchmarkReadArticle20MB reads, sanitizes and cleans a 20 MB article: the
// part of opening a huge article that happens before the reader sets its
// first page.
func BenchmarkReadArticle20MB(b *testing.B) {
	var body strings.Builder
	sentence := "The quick brown fox met a Kazakh trade delegation in the \"summit\" hall.When it rained, talks went on.\n"
	for body.Len() < 20<<20 {
		body.WriteString(sentence)
	}
	fsys := fstest.MapFS{"big.txt": {Data: []byte("Title: Big\nPublished Time: 2022-01-01\nText:\n" + body.String())}}
	for b.Loop() {
		if _, err := ReadArticle(fsys, "big.txt"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexBodies reads every body again and builds the body index:
// the background work after loading that makes words in bodies searchable.
func BenchmarkIndexBodies(b *testing.B) {
	fsys, arts := benchArticles(b)
	var fresh *model.Corpus
	for b.Loop() {
		fresh = model.NewCorpus(nil)
		fresh.Add(model.Batch{Articles: arts})
		if err := IndexBodies(context.Background(), fsys, fresh); err != nil {
			b.Fatal(err)
		}
	}
	words, pairs, size := fresh.BodyIndexSize()
	b.ReportMetric(float64(words), "words")
	b.ReportMetric(float64(pairs), "pairs")
	b.ReportMetric(float64(size)/(1<<20), "postings-MB")
	b.ReportMetric(float64(fresh.PositionBytes())/(1<<20), "positions-MB")
}

// bodyCorpus loads the benchmark corpus with every index built, bodies
// included, as the reader has it once it is idle.
func bodyCorpus(b *testing.B) *model.Corpus {
	fsys := benchDir(b)
	c := model.NewCorpus(nil)
	if err := Load(context.Background(), fsys, Options{}, c.Add); err != nil {
		b.Fatal(err)
	}
	if err := IndexBodies(context.Background(), fsys, c); err != nil {
		b.Fatal(err)
	}
	c.BuildIndex()
	c.Search(model.Query{}, model.SortNewest)
	return c
}

// BenchmarkBodyQuery answers two-word queries over titles, bylines,
// categories and bodies of the whole corpus.
func BenchmarkBodyQuery(b *testing.B) {
	c := bodyCorpus(b)
	for _, q := range []string{"kazakhstan russia", "the government", "k", "text:\"security council\"", "c", "sec -the"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				c.Search(model.ParseQuery(q), model.SortNewest)
			}
		})
	}
}

// BenchmarkPhraseAndRank answers body phrases (exact, from the positions
// file) and ranks results by relevance, reporting the rows each answer has.
func BenchmarkPhraseAndRank(b *testing.B) {
	c := bodyCorpus(b)
	for _, q := range []struct {
		text string
		key  model.SortKey
	}{
		{`"type parameter"`, model.SortNewest},
		{`"part ways"`, model.SortNewest},
		{`"white house"`, model.SortNewest},
		{`"the security council"`, model.SortNewest},
		{`"in the sec"`, model.SortNewest},
		{"stakeholder", model.SortRelevance},
		{"ethiopia", model.SortNewest},
		{"ethiopia", model.SortRelevance},
		{"security council", model.SortRelevance},
		{`"type parameter"`, model.SortRelevance},
	} {
		b.Run(q.key.String()+"/"+q.text, func(b *testing.B) {
			var rows int
			for b.Loop() {
				rows = len(c.Search(model.ParseQuery(q.text), q.key).Rows)
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

// BenchmarkQueryLanguage answers the boolean, proximity and word-form
// queries of docs/QUERY.md over the whole corpus, bodies included, and the
// suggestion for a word the corpus lacks. Budgets: a three-way OR 5 ms at
// 100k; (a OR b OR c) NEAR/10 d 30 ms at 100k; a stemmed word within 10% of
// its prefix alone (word against word*).
func BenchmarkQueryLanguage(b *testing.B) {
	c := bodyCorpus(b)
	for _, q := range []string{
		"kazakhstan OR ethiopia OR stakeholder",
		"(kazakhstan OR ethiopia OR uzbekistan) NEAR/10 russia",
		`"security council"~3`,
		"policy", "policy*", "country", "country*",
		"title:(opec OR saudi) -cat:sport",
	} {
		b.Run(q, func(b *testing.B) {
			var rows int
			for b.Loop() {
				rows = len(c.Search(model.ParseQuery(q), model.SortNewest).Rows)
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
	b.Run("suggest/kazakstan", func(b *testing.B) {
		for b.Loop() {
			c.Suggest("kazakstan", 3)
		}
	})
}

// benchFiles reads the first n files of the benchmark corpus into memory:
// few enough to stay in the cache, as a file just read is.
func benchFiles(b *testing.B, n int) (files [][]byte, size int64) {
	fsys := benchDir(b)
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || len(files) == n {
			return fs.SkipAll
		}
		if d.Type().IsRegular() && IsCandidate(p) {
			if data, err := fs.ReadFile(fsys, p); err == nil {
				files = append(files, data)
				size += int64(len(data))
			}
		}
		return nil
	})
	return files, size
}

// BenchmarkParseInMemory parses the first 300 files of the benchmark
// corpus, read beforehand: the parser's CPU alone, without the system
// calls, to profile.
func BenchmarkParseInMemory(b *testing.B) {
	files, size := benchFiles(b, 300)
	p := NewParser()
	b.SetBytes(size)
	for b.Loop() {
		var s slab
		for _, data := range files {
			p.parse("2024/01/x.txt", data, false, &s)
		}
	}
}

// BenchmarkSanitizeEscapes sanitizes one long line holding many escape
// sequences: each costs its own length, not the rest of the line's.
func BenchmarkSanitizeEscapes(b *testing.B) {
	line := strings.Repeat("Body \x1b[31mred\x1b[0m and \x1b]8;;http://example.com/a\x1b\\link\x1b]8;;\x1b\\ text. ", 20000)
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		Sanitize(line)
	}
}
