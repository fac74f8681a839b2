package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests build the folio binary and run it as a user would.

// build returns the folio binary, built once for every test of the
// package (in TestMain's temporary folder).
func build(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.path = filepath.Join(filepath.Dir(os.Getenv("XDG_CACHE_HOME")), "bin", "folio")
		out, err := exec.Command("go", "build", "-o", built.path, ".").CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

// built is the binary build makes once.
var built struct {
	once sync.Once
	path string
	err  error
}

type result struct {
	stdout, stderr string
	code           int
}

func runBin(t *testing.T, bin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "FOLIO_DIR=")
	// Never the real home: a test that cares sets these with t.Setenv.
	for _, k := range []string{"XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"} {
		if os.Getenv(k) == "" {
			cmd.Env = append(cmd.Env, k+"="+t.TempDir())
		}
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("folio %v hung", args)
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errb.String(), "panic") || strings.Contains(errb.String(), "goroutine ") {
		t.Fatalf("folio %v panicked:\n%s", args, errb.String())
	}
	return result{out.String(), errb.String(), code}
}

const seedID = "2022/01/000_652e1fac9521c5ec.txt"

func TestCommands(t *testing.T) {
	bin := build(t)

	r := runBin(t, bin, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "folio ") {
		t.Errorf("version: %+v", r)
	}

	r = runBin(t, bin, "list")
	if lines := strings.Split(strings.TrimSpace(r.stdout), "\n"); r.code != 0 || len(lines) != 14 {
		t.Errorf("list: %d lines, code %d\n%s", len(lines), r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, seedID+"\t2022-01-10\tOPINION / VIEWPOINT\tGlobal Times\tChina, Russia won’t part ways") {
		t.Errorf("list lacks the seed line:\n%s", r.stdout)
	}

	r = runBin(t, bin, "list", "-q", "russia", "--json")
	var a map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil || a["id"] != seedID || a["published"] != "2022-01-10" || a["author_title"] != "" {
		t.Errorf("list --json: %v %v", err, r.stdout)
	}
	for _, k := range []string{"id", "title", "published", "category1", "category2", "author", "author_title", "author_description", "words"} {
		if _, ok := a[k]; !ok {
			t.Errorf("list --json lacks %q", k)
		}
	}

	r = runBin(t, bin, "list", "--sort", "title", "--limit", "2")
	if lines := strings.Split(strings.TrimSpace(r.stdout), "\n"); len(lines) != 2 || !strings.Contains(lines[0], "A playwright") {
		t.Errorf("list --sort title --limit 2:\n%s", r.stdout)
	}

	r = runBin(t, bin, "show", seedID)
	if r.code != 0 || !strings.Contains(r.stdout, "part ways.\"\n\nThe argument") || !strings.Contains(r.stdout, "as well.\n\nWhen Western media") || strings.Contains(r.stdout, "\x1b") {
		t.Errorf("show (piped: plain text):\n%s", r.stdout)
	}

	if r2 := runBin(t, bin, "show", "./"+seedID); r2.code != 0 || r2.stdout != r.stdout {
		t.Errorf("show ./ID: code %d, %s", r2.code, r2.stderr)
	}

	r = runBin(t, bin, "show", seedID, "--json")
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil || !strings.Contains(a["body"].(string), "as well.\n\nWhen") || !strings.Contains(a["raw_body"].(string), "as well.When") {
		t.Errorf("show --json: %v %.200s", err, r.stdout)
	}

	r = runBin(t, bin, "show", seedID, "--raw")
	if !strings.Contains(r.stdout, "as well.When Western media") {
		t.Errorf("show --raw repaired the text:\n%.300s", r.stdout)
	}

	r = runBin(t, bin, "stats")
	for _, want := range []string{"14 articles", "Categories", "OPINION", "Authors", "Articles by month", "loaded in"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stats lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runBin(t, bin, "stats", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil || a["articles"] != float64(14) {
		t.Errorf("stats --json: %v %s", err, r.stdout)
	}
}

func TestErrors(t *testing.T) {
	bin := build(t)
	file := filepath.Join(t.TempDir(), "file.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, tt := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"list", "/no/such/folder"}, 1, "no such folder"},
		{[]string{"stats", file}, 1, "not a directory"},
		{[]string{"show", "no/such/id.txt"}, 1, "no article with ID"},
		{[]string{"show"}, 2, "no article ID"},
		{[]string{"list", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"list", "--sort", "size"}, 2, "unknown sort order"},
		{[]string{"list", "--limit", "-1"}, 2, "--limit"},
		{[]string{"list", "a", "b"}, 2, "too many arguments"},
		{[]string{"frobnicate", "x"}, 2, "unknown command"},
		{[]string{"--measure", "5"}, 2, "--measure takes"},
		{[]string{"--bogus"}, 2, "flag provided but not defined"},
		{[]string{"/no/such/folder"}, 1, "no such"},
		// Papercuts of issue 14.
		{[]string{"lsit"}, 2, `unknown command "lsit": did you mean list?`},
		{[]string{"stast", "x"}, 2, "did you mean stats?"},
		{[]string{"show", "."}, 2, "no article ID given"},
		{[]string{"stats", "--authors", "-5"}, 2, "--authors"},
		{[]string{"."}, 1, "needs a terminal"},
		{[]string{".", "--measure", "100"}, 1, "needs a terminal"},
		{[]string{".", "--measure", "5"}, 2, "--measure takes"},
		// The README says flags win over the file, naming --sort.
		{[]string{"--sort", "title", "."}, 1, "needs a terminal"},
		{[]string{".", "--sort", "title"}, 1, "needs a terminal"},
		{[]string{".", "--sort", "sideways"}, 2, `--sort "sideways": want date, oldest`},
	} {
		r := runBin(t, bin, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.says) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("folio %v: code %d, stderr %q; want code %d and one line saying %q", tt.args, r.code, r.stderr, tt.code, tt.says)
		}
	}
}

// TestHelpNamesEveryFlag: folio --help names every flag of the reader and
// of list, as each command's own flag set defines them.
func TestHelpNamesEveryFlag(t *testing.T) {
	bin := build(t)
	r := runBin(t, bin, "--help")
	if r.code != 0 {
		t.Fatalf("--help: %d %s", r.code, r.stderr)
	}
	for _, flag := range []string{"--measure", "--sort", "--no-cache", "--follow", "--limit", "--json", "--idle", "--example"} {
		if !strings.Contains(r.stdout, flag) {
			t.Errorf("folio --help leaves out %s:\n%s", flag, r.stdout)
		}
	}
	// Every flag list --help knows is in folio --help.
	l := runBin(t, bin, "list", "--help")
	n := 0
	for _, line := range strings.Split(l.stdout+l.stderr, "\n") {
		f := strings.Fields(line)
		if !strings.HasPrefix(line, "  -") || len(f[0]) <= 2 {
			continue
		}
		n++
		if !strings.Contains(r.stdout, "-"+f[0]+" ") && !strings.Contains(r.stdout, "-"+f[0]+"]") {
			t.Errorf("folio --help leaves out list's %s", f[0])
		}
	}
	if n < 5 {
		t.Errorf("list --help: %d flags in\n%s", n, l.stdout+l.stderr)
	}
}

// TestBadTree lists a folder that mixes good articles with every bad case:
// every good one is printed, every bad one reported, nothing hangs.
func TestBadTree(t *testing.T) {
	bin := build(t)
	base := t.TempDir()
	dir := filepath.Join(base, "corpus")
	seed, err := os.ReadFile("../../loader/testdata/000_652e1fac9521c5ec.txt")
	if err != nil {
		t.Fatal(err)
	}
	// A file for every row of docs/FORMAT.md's table of what real files get wrong.
	files := map[string]string{
		"good/seed.txt":      string(seed),
		"good/crlf.txt":      strings.ReplaceAll(string(seed), "\n", "\r\n"),
		"good/bom.txt":       "\ufeff  Title :  Spaced  \nPublished Time: 2020/1/2\nAuthor: A\nCategory 1: X\nText:\nBody.\n",
		"good/latin1.txt":    strings.Replace(string(seed), "Ukrainian", "Ukr\xe4inian", 1),
		"good/notext.txt":    "Title: No text line\nPublished Time: 2020-01-01\nAuthor: A\nCategory 1: X\nBody anyway.\n",
		"good/missing.txt":   "Title: Only a title\nText:\nBody.\n",
		"good/emptybody.txt": "Title: Empty body\nPublished Time: 2020-01-01\nAuthor: A\nCategory 1: X\nText:\n",
		"good/escapes.txt":   "Title: Evil \x1b]0;pwned\x07\x1b[2Jtitle\nPublished Time: 2020-01-01\nAuthor: A\x1b[31m\nCategory 1: X\nText:\n\x1b[?1049hBody\tand tab.\n",
		"good/huge.txt":      "Title: Huge\nPublished Time: 2020-01-01\nAuthor: A\nCategory 1: X\nText:\n" + strings.Repeat("A long line of words without end ", 400_000) + "\n",
		"dup/seed-copy.txt":  string(seed),
		"empty.txt":          "",
		"binary.txt":         "\x00\x01\x02ELF",
		"noheader.txt":       "just words\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(base, "outside.txt"), seed, 0o644)
	os.Symlink(filepath.Join(base, "outside.txt"), filepath.Join(dir, "escape.txt"))
	os.Symlink("loop2.txt", filepath.Join(dir, "loop1.txt"))
	os.Symlink("loop1.txt", filepath.Join(dir, "loop2.txt"))
	os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt"))
	mkfifo(t, filepath.Join(dir, "fifo.txt"))
	sock, err := net.Listen("unix", filepath.Join(dir, "socket.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer sock.Close()

	r := runBin(t, bin, "list", dir)
	if r.code != 0 {
		t.Fatalf("code %d: %s", r.code, r.stderr)
	}
	for _, id := range []string{"good/seed.txt", "good/crlf.txt", "good/bom.txt", "good/latin1.txt", "good/notext.txt",
		"good/missing.txt", "good/emptybody.txt", "good/escapes.txt", "good/huge.txt", "dup/seed-copy.txt"} {
		if !strings.Contains(r.stdout, id+"\t") {
			t.Errorf("%s not listed:\n%s", id, r.stdout)
		}
	}
	if strings.ContainsAny(r.stdout+r.stderr, "\x1b\x07") {
		t.Errorf("a control sequence reached the output: %q", r.stdout)
	}
	// The caller's terminal gets one line for the files, not one a file.
	if want := "folio: 9 files skipped, 3 files loaded with warnings (folio stats " + dir + " lists them; --verbose prints them here)\n"; r.stderr != want {
		t.Errorf("list's stderr:\n%s\nwant\n%s", r.stderr, want)
	}
	r = runBin(t, bin, "list", dir, "--verbose")
	for _, bad := range []string{"empty.txt", "binary.txt", "noheader.txt", "escape.txt", "loop1.txt", "loop2.txt", "zero.txt", "fifo.txt", "socket.txt"} {
		if !strings.Contains(r.stderr, "skipped: "+bad+": ") {
			t.Errorf("%s not reported:\n%s", bad, r.stderr)
		}
	}
	for _, warned := range []string{"good/latin1.txt", "good/notext.txt", "good/missing.txt"} {
		if !strings.Contains(r.stderr, "warning: "+warned+": ") {
			t.Errorf("%s: no warning reported:\n%s", warned, r.stderr)
		}
	}
	r = runBin(t, bin, "stats", dir)
	for _, want := range []string{"10 articles", "9 skipped files", "2 articles with duplicated content", "fifo.txt: not a regular file"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stats lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runBin(t, bin, "show", dir, "good/escapes.txt")
	if strings.ContainsAny(r.stdout, "\x1b\x07\t") || !strings.Contains(r.stdout, "Evil title") || !strings.Contains(r.stdout, "Body and tab.") {
		t.Errorf("show of a file full of escapes: %q", r.stdout)
	}
	r = runBin(t, bin, "show", dir, "good/escapes.txt", "--raw")
	if strings.ContainsAny(r.stdout, "\x1b\x07\t") || !strings.Contains(r.stdout, "Body    and tab.") {
		t.Errorf("show --raw of a file full of escapes (tabs expanded to the next 8th column): %q", r.stdout)
	}
	r = runBin(t, bin, "show", dir, "good/huge.txt", "--json")
	if r.code != 0 || len(r.stdout) < 12<<20 {
		t.Errorf("show of a 13 MB article: code %d, %d bytes", r.code, len(r.stdout))
	}
}
