package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-reader/folio/library"
)

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	lib, err := library.Load(context.Background(), library.Source{}, library.Options{Bodies: true, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var out, errb bytes.Buffer
	code = RunOn(context.Background(), args, Env{Stdout: &out, Stderr: &errb}, lib.Corpus)
	return out.String(), errb.String(), code
}

// TestFlagsAnywhere: flags before DIR, after it and between others all
// count (`folio list DIR -q x` is what parse exists for).
func TestFlagsAnywhere(t *testing.T) {
	dir := filepath.Join("..", "samples", "articles")
	home := t.TempDir()
	getenv := func(k string) string {
		switch k {
		case "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "HOME":
			return filepath.Join(home, k)
		}
		return ""
	}
	runDir := func(args ...string) (string, int) {
		t.Helper()
		var out, errb bytes.Buffer
		code := Run(context.Background(), args, Env{Stdout: &out, Stderr: &errb, Getenv: getenv})
		if code != 0 {
			t.Errorf("%q: code %d, stderr %q", args, code, errb.String())
		}
		return out.String(), code
	}
	want, _ := runDir("list", "-q", "chengdu", "--limit", "1", dir)
	if !strings.Contains(want, "Tea houses") || strings.Count(want, "\n") != 1 {
		t.Fatalf("list -q chengdu --limit 1 DIR: %q", want)
	}
	for _, args := range [][]string{
		{"list", dir, "-q", "chengdu", "--limit", "1"},
		{"list", "--limit", "1", dir, "-q", "chengdu"},
		{"list", "--limit=1", "-q", "chengdu", dir},
	} {
		if got, _ := runDir(args...); got != want {
			t.Errorf("%q: %q, want %q", args, got, want)
		}
	}
}

func TestShowFindsIDWithoutExtension(t *testing.T) {
	out, errOut, code := run(t, "show", "2022/01/000_652e1fac9521c5ec")
	if code != 0 || !strings.HasPrefix(out, "China, Russia won’t part ways") {
		t.Errorf("code %d, stderr %q, stdout %.80q", code, errOut, out)
	}
}

// TestGivenCorpusTakesNoFolder: over SSH the corpus is the server's; a
// folder argument is refused, never opened.
func TestGivenCorpusTakesNoFolder(t *testing.T) {
	for _, args := range [][]string{{"list", "/etc"}, {"stats", "/"}, {"show", "/etc", "passwd"}} {
		_, errOut, code := run(t, args...)
		if code != 2 || !strings.Contains(errOut, "too many arguments") {
			t.Errorf("%v: code %d, %q", args, code, errOut)
		}
	}
}

// TestIgnoredQueryPartsReported: with --lenient a query's mistakes are
// said and the rest filters.
func TestIgnoredQueryPartsReported(t *testing.T) {
	out, errOut, code := run(t, "list", "-q", "tea after:someday", "--lenient")
	if code != 0 || !strings.Contains(out, "Tea houses") || !strings.Contains(errOut, "ignored after:someday") {
		t.Errorf("code %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestQueryMistakesRefused: a script's typo exits 2, naming every
// mistake, and prints no article (folio list -q is:unred | folio mark -
// --read must not mark the archive read).
func TestQueryMistakesRefused(t *testing.T) {
	for q, names := range map[string][]string{
		"is:unred":            {"is:unred"},
		"date:1987-02-30 tea": {"date:1987-02-30"},
		"(tea OR coffee":      {"("},
		"tea OR":              {"OR"},
		"AND tea foo:bar":     {"AND", "foo:bar"},
	} {
		out, errOut, code := run(t, "list", "-q", q)
		if code != 2 || out != "" {
			t.Errorf("%q: code %d, stdout %q", q, code, out)
		}
		for _, n := range names {
			if !strings.Contains(errOut, "in the query: "+n) {
				t.Errorf("%q: stderr %q does not name %q", q, errOut, n)
			}
		}
	}
}

// TestNothingFoundSuggests: a word the corpus lacks gets the nearest it
// has.
func TestNothingFoundSuggests(t *testing.T) {
	out, errOut, code := run(t, "list", "-q", "houzes")
	if code != 0 || out != "" || !strings.Contains(errOut, `no "houzes" in the corpus; did you mean houses`) {
		t.Errorf("code %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestUsageWithoutFolderOverSSH: over a given corpus (SSH) the usage text
// offers no folder argument, since none is accepted.
func TestUsageWithoutFolderOverSSH(t *testing.T) {
	for _, args := range [][]string{{"list", "--bogus"}, {"show"}, {"stats", "/"}, {"show", "--bogus"}} {
		_, errOut, code := run(t, args...)
		if code != 2 || strings.Contains(errOut, "DIR") || !strings.Contains(errOut, "usage: folio "+args[0]) {
			t.Errorf("%v: code %d, %q", args, code, errOut)
		}
	}
}

// TestStatsChartOnTerminal: on a terminal, stats draws the timeline; in a
// pipe it does not.
func TestStatsChartOnTerminal(t *testing.T) {
	lib, err := library.Load(context.Background(), library.Source{}, library.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	c := lib.Corpus
	var tty, pipe bytes.Buffer
	RunOn(context.Background(), []string{"stats"}, Env{Stdout: &tty, Stderr: &bytes.Buffer{}, Terminal: true, Width: 60}, c)
	RunOn(context.Background(), []string{"stats"}, Env{Stdout: &pipe, Stderr: &bytes.Buffer{}}, c)
	if !strings.Contains(tty.String(), "\nTimeline\n") || !strings.ContainsAny(tty.String(), "▁▂▃▄▅▆▇█") || !strings.Contains(tty.String(), "peak") {
		t.Errorf("no chart on a terminal:\n%s", tty.String())
	}
	if strings.Contains(pipe.String(), "Timeline") {
		t.Error("the chart went to a pipe")
	}
}

func TestListSortRelevance(t *testing.T) {
	out, errOut, code := run(t, "list", "-q", "tea", "--sort", "relevance")
	if code != 0 || !strings.Contains(out, "Tea houses") {
		t.Errorf("code %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, errOut, code := run(t, "list", "--sort", "bogus"); code != 2 || !strings.Contains(errOut, "relevance") {
		t.Errorf("bad sort: code %d, %q", code, errOut)
	}
}
