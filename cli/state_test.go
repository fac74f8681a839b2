package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/state"
)

// stateCorpus writes three articles and returns the folder and an
// environment whose state and config folders are the test's.
func stateCorpus(t *testing.T) (dir string, getenv func(string) string) {
	t.Helper()
	dir = t.TempDir()
	for i, title := range []string{"Trade talks", "Olympics open", "Climate summit"} {
		body := fmt.Sprintf("Published Time: 2022-01-%02d\nTitle: %s\nCategory 1: WORLD\nAuthor: A\nText: \nSome words %d.\n", i+1, title, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"XDG_STATE_HOME": t.TempDir(), "XDG_CONFIG_HOME": t.TempDir()}
	return dir, func(k string) string { return env[k] }
}

func runLocal(t *testing.T, getenv func(string) string, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: getenv, Stdin: strings.NewReader(stdin)}
	code := Run(context.Background(), args, env)
	return out.String(), errb.String(), code
}

func TestMarkTagAndList(t *testing.T) {
	dir, getenv := stateCorpus(t)
	if _, e, code := runLocal(t, getenv, "", "mark", dir, "a0.txt", "a1", "--star"); code != 0 {
		t.Fatalf("mark: %d %s", code, e)
	}
	out, _, _ := runLocal(t, getenv, "", "list", dir, "-q", "is:starred", "--sort", "oldest")
	if ids := firstFields(out); ids != "a0.txt a1.txt" {
		t.Errorf("is:starred: %q", ids)
	}
	// IDs from standard input, as folio list prints them.
	if _, e, code := runLocal(t, getenv, out, "mark", dir, "-", "--read"); code != 0 {
		t.Fatalf("mark -: %d %s", code, e)
	}
	if _, e, code := runLocal(t, getenv, "", "tag", dir, "a1.txt", "a2.txt", "+Follow-Up", "+later"); code != 0 {
		t.Fatalf("tag: %d %s", code, e)
	}
	runLocal(t, getenv, "", "tag", dir, "a2.txt", "-later")
	for q, want := range map[string]string{
		"is:unread":                      "a2.txt",
		"tag:follow-up -is:read":         "a2.txt",
		"tag:follow-up after:2022-01-02": "a1.txt a2.txt",
		"tag:later":                      "a1.txt",
		"is:read olympics":               "a1.txt",
	} {
		out, e, _ := runLocal(t, getenv, "", "list", dir, "-q", q, "--sort", "oldest")
		if got := firstFields(out); got != want {
			t.Errorf("%s: %q, want %q (%s)", q, got, want, e)
		}
	}
}

func TestMarkUnknownIDChangesNothing(t *testing.T) {
	dir, getenv := stateCorpus(t)
	_, e, code := runLocal(t, getenv, "", "mark", dir, "a0.txt", "nope.txt", "--read")
	if code != 1 || !strings.Contains(e, `"nope.txt"`) || !strings.Contains(e, "nothing was changed") {
		t.Errorf("code %d, %q", code, e)
	}
	if out, _, _ := runLocal(t, getenv, "", "list", dir, "-q", "is:read"); out != "" {
		t.Errorf("a0 was marked anyway: %q", out)
	}
	for _, args := range [][]string{
		{"mark", dir, "a0.txt"},
		{"mark", dir, "a0.txt", "--read", "--unread"},
		{"tag", dir, "a0.txt"},
		{"tag", dir, "a0.txt", "+two words"},
	} {
		if _, e, code := runLocal(t, getenv, "", args...); code != 2 {
			t.Errorf("%v: code %d %q", args, code, e)
		}
	}
}

func TestConfigCommand(t *testing.T) {
	_, getenv := stateCorpus(t)
	out, _, code := runLocal(t, getenv, "", "config")
	if code != 0 || !strings.Contains(out, filepath.Join(getenv("XDG_CONFIG_HOME"), "folio", "config.toml")) || !strings.Contains(out, "sort    date (default)") {
		t.Errorf("%d %q", code, out)
	}
	var b bytes.Buffer
	env := Env{Stdout: &b, Stderr: &b, Getenv: getenv, Config: config.Config{Path: "/x/config.toml", Found: true, Sort: "title", Width: 72,
		Searches: []config.Search{{Name: "later", Query: "tag:later"}}}}
	Run(context.Background(), []string{"config"}, env)
	for _, want := range []string{"/x/config.toml (read)", "sort    title", "width   72", "search  later = tag:later"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in %q", want, b.String())
		}
	}
}

// TestListSortFromConfig: the file's sort is list's default; --sort wins.
func TestListSortFromConfig(t *testing.T) {
	dir, getenv := stateCorpus(t)
	var out bytes.Buffer
	env := Env{Stdout: &out, Stderr: &out, Getenv: getenv, Config: config.Config{Sort: "title"}}
	Run(context.Background(), []string{"list", dir}, env)
	if got := firstFields(out.String()); got != "a2.txt a1.txt a0.txt" {
		t.Errorf("sort by title: %q", got)
	}
	out.Reset()
	Run(context.Background(), []string{"list", dir, "--sort", "oldest"}, env)
	if got := firstFields(out.String()); got != "a0.txt a1.txt a2.txt" {
		t.Errorf("--sort oldest: %q", got)
	}
}

func firstFields(out string) string {
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if id, _, _ := strings.Cut(l, "\t"); id != "" {
			ids = append(ids, id)
		}
	}
	return strings.Join(ids, " ")
}

// TestTagAtTheLimit: the tag that would pass the per-article limit is
// refused with a message naming it, and the command exits 1.
func TestTagAtTheLimit(t *testing.T) {
	dir, getenv := stateCorpus(t)
	args := []string{"tag", dir, "a0.txt"}
	for i := range state.MaxTagsPerArticle {
		args = append(args, fmt.Sprintf("+t%d", i))
	}
	if _, e, code := runLocal(t, getenv, "", args...); code != 0 {
		t.Fatalf("tags up to the limit: %d %s", code, e)
	}
	_, e, code := runLocal(t, getenv, "", "tag", dir, "a0.txt", "+one-more")
	if code != 1 || !strings.Contains(e, fmt.Sprintf("at most %d tags on one article", state.MaxTagsPerArticle)) {
		t.Fatalf("past the limit: status %d, %q", code, e)
	}
}

// `folio list -q Q | folio mark DIR - --read` when nothing matched: the
// README's own pipeline, which must not fail.
func TestMarkNothingFromStandardInput(t *testing.T) {
	dir, getenv := stateCorpus(t)
	for _, args := range [][]string{{"mark", dir, "-", "--read"}, {"tag", dir, "-", "+later"}} {
		_, e, code := runLocal(t, getenv, "\n", args...)
		if code != 0 || e != "folio: no article IDs on standard input; nothing changed\n" {
			t.Errorf("%v with nothing on stdin: %d %q", args, code, e)
		}
	}
	if _, e, code := runLocal(t, getenv, "", "mark", dir, "--read"); code != 2 || !strings.Contains(e, "no article ID given") {
		t.Errorf("mark with no ID and no -: %d %q", code, e)
	}
}
