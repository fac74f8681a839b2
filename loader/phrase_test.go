package loader

import (
	"context"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/folio-reader/folio/model"
)

// TestPhrasesEqualBruteForceDir checks exact phrases on a real corpus, the
// one FOLIO_BENCH_DIR names: every phrase's articles are those a scan of
// every body finds. It takes a minute at 100k articles.
func TestPhrasesEqualBruteForceDir(t *testing.T) {
	dir := os.Getenv("FOLIO_BENCH_DIR")
	if dir == "" {
		t.Skip("set FOLIO_BENCH_DIR to a corpus folder")
	}
	fsys, closeFS, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	c := model.NewCorpus(nil)
	if err := Load(context.Background(), fsys, Options{}, c.Add); err != nil {
		t.Fatal(err)
	}
	if err := IndexBodies(context.Background(), fsys, c); err != nil {
		t.Fatal(err)
	}
	phrases := [][]string{
		{"white", "house"}, {"part", "ways"}, {"security", "council"}, {"the", "security", "council"},
		{"in", "the", "sec"}, {"type", "parameter"}, {"said", "the"}, {"un", "security", "coun"},
		{"trade", "talks"}, {"visiting", "scholar", "at", "the"},
	}
	arts := c.Articles()
	want := make([][]string, len(phrases))
	var mu sync.Mutex
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			found := make([][]string, len(phrases))
			for i := w; i < len(arts); i += workers {
				data, err := fs.ReadFile(fsys, arts[i].ID)
				if err != nil {
					continue
				}
				toks := model.Words(string(bodyOf(data)))
				for k, p := range phrases {
					if holds(toks, p) {
						found[k] = append(found[k], arts[i].ID)
					}
				}
			}
			mu.Lock()
			for k := range found {
				want[k] = append(want[k], found[k]...)
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	for k, p := range phrases {
		r := c.Search(model.ParseQuery(`text:"`+strings.Join(p, " ")+`"`), model.SortTitle)
		var got []string
		for _, n := range r.Rows {
			got = append(got, r.Article(n).ID)
		}
		slices.Sort(got)
		slices.Sort(want[k])
		if !slices.Equal(got, want[k]) {
			t.Errorf("%q: %d articles, brute force %d", p, len(got), len(want[k]))
		} else {
			t.Logf("%q: %d articles, as brute force", p, len(got))
		}
	}
}

// holds reports whether toks has words in sequence, the last one a prefix
// when it has three letters or more.
func holds(toks, words []string) bool {
	last := words[len(words)-1]
	prefix := len([]rune(last)) >= 3
scan:
	for i := 0; i+len(words) <= len(toks); i++ {
		for j, w := range words {
			if toks[i+j] == w || j == len(words)-1 && prefix && strings.HasPrefix(toks[i+j], w) {
				continue
			}
			continue scan
		}
		return true
	}
	return false
}
