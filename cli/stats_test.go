package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
