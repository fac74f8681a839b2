package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/folio-reader/folio/model"
)

// tokenFiles writes files of per distinct generated tokens each, in dir,
// numbered from first; the tokens are t<file>x<i>.
func tokenFiles(t *testing.T, dir string, first, files, per int) {
	t.Helper()
	for f := first; f < first+files; f++ {
		var b strings.Builder
		fmt.Fprintf(&b, "Title: Tokens %d\nPublished Time: 2024-01-01\nText:\ncommonword\n", f)
		for i := range per {
			fmt.Fprintf(&b, "t%dx%d ", f, i)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("tok%03d.txt", f)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestVocabularyBoundSaidOnce: a folder of generated tokens fills the
// vocabulary; the library says so once to Options.Warn, however many
// indexing runs follow, and a warm start that reads new files holds to the
// same bound: their new tokens are refused, the words already known found.
func TestVocabularyBoundSaidOnce(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	tokenFiles(t, dir, 0, 30, 10000) // 300,000 tokens: over 2^17 and one for every 40
	var mu sync.Mutex
	var said []string
	warn := func(msg string) {
		mu.Lock()
		said = append(said, msg)
		mu.Unlock()
	}
	load := func() *Library {
		lib, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache, Warn: warn})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { lib.Close() })
		return lib
	}
	hits := func(c *model.Corpus, q string) int { return len(c.Search(model.ParseQuery(q), model.SortNewest).Rows) }
	cold := load()
	if err := cold.IndexBodies(context.Background()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if len(said) != 1 || !strings.HasPrefix(said[0], "the index stopped taking new words at ") {
		t.Errorf("said %q; want the vocabulary's bound once", said)
	}
	mu.Unlock()
	words, _, _ := cold.Corpus.BodyIndexSize()
	if words >= 300000 || words < model.VocabBase {
		t.Fatalf("%d words in the vocabulary of 300,000 tokens", words)
	}
	if hits(cold.Corpus, "text:t0x0") != 1 || hits(cold.Corpus, "text:t29x9999") != 0 || hits(cold.Corpus, "text:commonword") != 30 {
		t.Errorf("cold: the first token found in %d articles (want 1), the last in %d (want 0), a common word in %d (want 30)",
			hits(cold.Corpus, "text:t0x0"), hits(cold.Corpus, "text:t29x9999"), hits(cold.Corpus, "text:commonword"))
	}
	cold.Close()

	tokenFiles(t, dir, 30, 1, 10000)
	warm := load()
	if info := warm.Cache(); !info.Used {
		t.Fatalf("the second start did not read the cache: %+v", info)
	}
	// 31 bodies of 10,000 tokens and a common word each, however often
	// the warm start reads the cold start's files again (it does when
	// their times are too recent to trust): a body read again makes no
	// more room.
	if n, _, _ := warm.Corpus.BodyIndexSize(); n > model.VocabBase+31*10001/model.VocabPerWord {
		t.Errorf("the warm start's vocabulary holds %d words, over the bound", n)
	}
	if hits(warm.Corpus, "text:t30x9999") != 0 || hits(warm.Corpus, "text:commonword") != 31 {
		t.Errorf("warm: the new file's last token found in %d articles (want 0), a common word in %d (want 31)",
			hits(warm.Corpus, "text:t30x9999"), hits(warm.Corpus, "text:commonword"))
	}
	n := 0
	for _, p := range warm.Corpus.Problems() {
		if strings.HasPrefix(p.Reason, "the index stopped taking new words") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the warm corpus lists the bound %d times, want once", n)
	}
}
