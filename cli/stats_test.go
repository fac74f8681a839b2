package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-reader/folio/internal/plain"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
)

// writeCorpus writes files (name → content) into a new folder.
func writeCorpus(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runIn(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	return out.String(), errb.String(), code
}

// TestStatsSmallCorpus: a small corpus has a size ("0 MB" said nothing), and
// articles without a byline are counted apart, not as an author "-".
func TestStatsSmallCorpus(t *testing.T) {
	dir := writeCorpus(t, map[string]string{
		"a.txt": "Title: One\nAuthor: Global Times\nCategory 1: WORLD\nPublished Time: 2022-01-01\nText:\nSome words here.\n",
		"b.txt": "Title: Two\nCategory 1: WORLD\nPublished Time: 2022-01-02\nText:\nMore words.\n",
	})
	out, errOut, code := runIn(t, "stats", dir)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	first, _, _ := strings.Cut(out, "\n")
	if strings.Contains(first, "0 MB") || !strings.Contains(first, " bytes,") {
		t.Errorf("size line %q", first)
	}
	// With a cache written and then used, its size is as small as the corpus.
	xdg := map[string]string{"XDG_CACHE_HOME": t.TempDir(), "XDG_STATE_HOME": t.TempDir(), "XDG_CONFIG_HOME": t.TempDir()}
	for range 2 {
		var o, e bytes.Buffer
		Run(context.Background(), []string{"stats", dir}, Env{Stdout: &o, Stderr: &e, Getenv: func(k string) string { return xdg[k] }})
		if !strings.Contains(o.String(), "index cache: ") || strings.Contains(o.String(), " 0 MB") {
			t.Errorf("a size says 0 MB, or no cache line:\n%s", o.String())
		}
	}
	if strings.Contains(out, "  -\n") || !strings.Contains(out, "1  (without an author)") {
		t.Errorf("authors:\n%s", out)
	}
}

func TestCacheLine(t *testing.T) {
	for _, tt := range []struct {
		c    library.CacheInfo
		want string
	}{
		{library.CacheInfo{Enabled: true, Path: "/c/x.ix", Used: true, Size: 2048, Changed: 1}, "index cache: used, /c/x.ix, 2.0 KB; 1 file changed since it was written"},
		{library.CacheInfo{Enabled: true, Path: "/c/x.ix", Written: true, Size: 2048}, "index cache: none yet; written, /c/x.ix, 2.0 KB"},
		{library.CacheInfo{Enabled: true, Path: "/c/x.ix", Written: true, Size: 2048, Problem: "the index cache /c/x.ix was ignored"}, "index cache: the one there could not be used (see Warnings); written again, /c/x.ix, 2.0 KB"},
		{library.CacheInfo{Problem: "no cache folder: $HOME is not set"}, "index cache: not used: no cache folder: $HOME is not set"},
		{library.CacheInfo{}, "index cache: not used"},
		{library.CacheInfo{Enabled: true}, "index cache: none yet, none written"},
	} {
		if got := cacheLine(tt.c); got != tt.want {
			t.Errorf("%+v:\n%q, want\n%q", tt.c, got, tt.want)
		}
	}
}

// A warning about folio itself (its cache) has no file: it is said alone,
// not after an empty path.
func TestProblemLine(t *testing.T) {
	if got := problemLine(model.Problem{Reason: "the index cache was ignored"}); got != "the index cache was ignored" {
		t.Errorf("%q", got)
	}
	if got := problemLine(model.Problem{Path: "a.txt", Reason: "missing Author"}); got != "a.txt: missing Author" {
		t.Errorf("%q", got)
	}
}

func TestPlainHeaderWords(t *testing.T) {
	for n, want := range map[int]string{1: "\n1 word\n", 2: "\n2 words\n", 12345: "\n12,345 words\n"} {
		if got := plain.Header(&model.Article{Title: "T", Words: n}); !strings.Contains(got, want) {
			t.Errorf("%d words: %q", n, got)
		}
	}
}

// TestStatsCategoriesBothLevels: folio stats counts categories as the
// reader's facets do, both levels, in text and in --json.
func TestStatsCategoriesBothLevels(t *testing.T) {
	dir := writeCorpus(t, map[string]string{
		"a.txt": "Title: One\nCategory 1: WORLD\nCategory 2: ASIA\nPublished Time: 2022-01-01\nText:\nSome words.\n",
		"b.txt": "Title: Two\nCategory 1: OPINION\nCategory 2: ASIA\nPublished Time: 2022-01-02\nText:\nMore words.\n",
		"c.txt": "Title: Three\nPublished Time: 2022-01-03\nText:\nNo category.\n",
	})
	out, errOut, code := runIn(t, "stats", dir)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	want := "\nCategories (3)\n          2  ASIA\n          1  OPINION\n          1  WORLD\n          1  (without a category)\n"
	if !strings.Contains(out, want) {
		t.Errorf("stats:\n%s\nwant\n%s", out, want)
	}
	out, _, _ = runIn(t, "stats", dir, "--json")
	if !strings.Contains(out, `"categories":[{"value":"ASIA","count":2},{"value":"OPINION","count":1},{"value":"WORLD","count":1}],"no_category":1`) {
		t.Errorf("stats --json: %s", out)
	}
}
