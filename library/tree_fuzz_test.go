package library_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
)

// FuzzTree builds a folder tree from the fuzzer's bytes (names of any
// bytes a file system takes, folders up to 200 deep, headers and bodies
// from none to megabytes, random bytes) and starts it as the commands do:
// a cold start that indexes the bodies and writes the cache, then a warm
// start from that cache. Nothing may panic (nor be recovered from, as a
// problem that says folio failed on a file), and the warm start must answer
// every query as the cold one did, with the same problems.
//
// The seeds run with the ordinary tests; CONTRIBUTING.md says how to fuzz.
func FuzzTree(f *testing.F) {
	for _, seed := range treeSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, spec []byte) {
		dir := filepath.Join(t.TempDir(), "corpus")
		files := buildTree(t, dir, spec)
		cache := t.TempDir()
		cold := startTree(t, dir, cache, false)
		warm := startTree(t, dir, cache, true)
		if !slices.Equal(cold.problems, warm.problems) {
			t.Errorf("problems, cold %q\nwarm %q", cold.problems, warm.problems)
		}
		for q, rows := range cold.answers {
			if !slices.Equal(rows, warm.answers[q]) {
				t.Errorf("%q: cold %q\nwarm %q", q, rows, warm.answers[q])
			}
		}
		if os.Getenv("FOLIO_FUZZ_SHOW") != "" {
			t.Logf("%d files, %d articles, problems %q", files, cold.articles, cold.problems)
		}
		for _, p := range cold.problems {
			if strings.Contains(p, "folio failed") { // a panic, recovered: still a bug
				t.Errorf("problem %s", p)
			}
		}
		if cold.articles > files {
			t.Errorf("%d articles from %d files", cold.articles, files)
		}
	})
}

// seen is what a start answered.
type seen struct {
	articles int
	problems []string            // path and reason, sorted
	answers  map[string][]string // query → the rows, as ID and fields, sorted
}

// startTree opens the folder through library.Load, waits for the cache
// to be written, and asks the corpus what the commands ask.
func startTree(t *testing.T, dir, cache string, warm bool) seen {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	lib, err := library.Load(ctx, library.Source{Dir: dir}, library.Options{
		Bodies: true, CacheDir: cache, Getenv: func(string) string { return "" },
	})
	if err != nil {
		t.Fatalf("warm %v: %v", warm, err)
	}
	defer lib.Close()
	if err := lib.Settle(ctx); err != nil {
		t.Fatalf("warm %v: settle: %v", warm, err)
	}
	if info := lib.Cache(); warm && !info.Used && info.Problem == "" {
		t.Errorf("warm start did not use the cache: %+v", info)
	}
	c := lib.Corpus
	s := seen{articles: c.Len(), answers: map[string][]string{}}
	for _, p := range c.Problems() {
		s.problems = append(s.problems, fmt.Sprintf("%q %v %s", p.Path, p.Severity, p.Reason))
	}
	slices.Sort(s.problems)
	queries := []string{"", "t", "title:t", "text:w1", "text:body", `"w1 w2"`, "cat:c", "author:a", "after:2000-01-01", "-t"}
	// Words of the corpus itself, the same for both starts: the titles'
	// first words of the first articles by title.
	all := c.Search(model.ParseQuery(""), model.SortTitle)
	for _, n := range all.Rows[:min(3, len(all.Rows))] {
		if w := strings.Fields(c.At(n).Title); len(w) > 0 {
			queries = append(queries, w[0], "text:"+w[0])
		}
	}
	for _, q := range queries {
		var rows []string
		for _, n := range c.Search(model.ParseQuery(q), model.SortNewest).Rows {
			a := c.At(n)
			rows = append(rows, fmt.Sprintf("%q %q %q %q %q %s %d", a.ID, a.Title, a.Author, a.Category1, a.Category2, a.Published.Format(time.DateOnly), a.Words))
		}
		slices.Sort(rows)
		s.answers[q] = rows
	}
	return s
}

// treeSeeds are the file attacks of the issue, each a spec for buildTree.
func treeSeeds() [][]byte {
	var seeds [][]byte
	add := func(parts ...[]byte) { seeds = append(seeds, slices.Concat(parts...)) }
	// file(flags, depth, name, kind, size shift, size, text)
	file := func(flags, depth byte, name string, kind, shift, size byte, text string) []byte {
		b := []byte{flags, depth, byte(len(name))}
		b = append(b, name...)
		b = append(b, kind, shift, size, byte(len(text)))
		return append(b, text...)
	}
	add(file(0, 0, "a", 0, 0, 10, "title"), file(0, 1, "b", 0, 0, 20, "other words"))
	add(file(0, 0, "600", 0, 1, 150, "t600 ")) // a 600-byte title at the top
	add(file(0, 0, "16k", 0, 6, 255, "t16k "), file(0, 2, "after", 0, 0, 8, "x"))
	add(file(0, 0, "5m", 0, 15, 160, "t5m "))   // a 5 MB title
	add(file(1, 0, "deep", 0, 0, 40, "deep t")) // 200 folders deep
	add(file(0, 0, "tokens", 3, 0, 255, "w"))   // more distinct body words than are indexed
	add(file(0, 0, "lines", 2, 3, 100, "K: v")) // a header of many lines
	add(file(0, 0, "bin", 1, 0, 60, "\x00\x01\xff\xfe\x1b[31m"), file(0, 0, "\x1b]0;x\a\xff", 0, 0, 9, "ctl"), file(2, 0, "notes", 0, 0, 9, "n"))
	return seeds
}

// maxTreeBytes bounds the files one spec writes, and maxTokens the words
// of a body of many distinct words (some 8 bytes each); an article's
// fields other than its title are at most smallField bytes together. An
// input is one exec of the fuzzer, which must end well within the 10 s the
// fuzzer waits for one, on a busy machine.
const (
	maxTreeBytes = 8 << 20
	maxTokens    = 1 << 18
	smallField   = 64 << 10
)

// buildTree writes the files spec describes under dir and returns how
// many. A spec is a run of files, each:
//
//	flags (bit 0: 200 folders deep; bit 1: no .txt), depth (folders, 0–3),
//	name (a length byte, then bytes), kind (0 an article, 1 raw bytes,
//	2 a long header, 3 many distinct body words), shift and size (the
//	field's size is size<<(shift%16)), text (a length byte, then bytes).
func buildTree(t *testing.T, dir string, spec []byte) int {
	t.Helper()
	r := specReader{b: spec}
	total, files := 0, 0
	for len(r.b) > 0 && files < 12 {
		flags, depth, name := r.byte(), r.byte(), r.chunk()
		kind, shift, size, text := r.byte(), r.byte(), r.byte(), r.chunk()
		n := int(size) << (shift % 16)
		if total+n+smallField > maxTreeBytes {
			break
		}
		total += n + smallField
		var folders []string
		if flags&1 != 0 {
			for range 200 {
				folders = append(folders, "d")
			}
		}
		for i := range int(depth % 4) {
			folders = append(folders, fmt.Sprintf("f%d", (int(depth)+i)%3))
		}
		file := fileName(name, files)
		if flags&2 == 0 {
			file += ".txt"
		}
		p := filepath.Join(append([]string{dir}, append(folders, file)...)...)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, fileBody(kind%4, n, text), 0o644); err != nil {
			t.Fatal(err)
		}
		files++
	}
	if files == 0 {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// fileName makes bytes a name the file system takes (no slash, no NUL,
// not . or .., at most 200 bytes), unique in the tree by its number.
func fileName(b []byte, i int) string {
	b = slices.DeleteFunc(slices.Clone(b), func(c byte) bool { return c == '/' || c == 0 })
	return fmt.Sprintf("%d_%s", i, b[:min(len(b), 200)])
}

// fileBody is a file of the kind, its variable part n bytes made of text.
func fileBody(kind byte, n int, text []byte) []byte {
	fill := func(n int) string {
		if len(text) == 0 {
			return strings.Repeat("x", n)
		}
		return strings.Repeat(string(text), n/len(text)+1)[:n]
	}
	switch kind {
	case 1: // raw bytes
		return []byte(fill(n))
	case 2: // a header of many lines
		var b strings.Builder
		b.WriteString("Title: t lines\n")
		for b.Len() < n {
			b.WriteString(fill(min(len(text)+1, 40)))
			b.WriteString("\n")
		}
		b.WriteString("Text:\nbody w1 w2\n")
		return []byte(b.String())
	case 3: // many distinct words in the body
		var b strings.Builder
		b.WriteString("Title: t tokens\nAuthor: a\nText:\n")
		for i := range min(n*100, maxTokens) {
			fmt.Fprintf(&b, "w%x ", i)
		}
		return []byte(b.String())
	}
	// The title is n bytes, the other fields a part of n up to smallField.
	small := min(n, smallField)
	return []byte("Published Time: 2024-01-02\nTitle: " + fill(n) + "\nCategory 1: c; Category 2: " + fill(small/4) +
		"\nAuthor: a " + fill(small/8) + "\nSource: " + fill(small/2) + "\nText: \nbody w1 w2 " + fill(small/8) + "\n")
}

// specReader reads a spec a byte or a chunk at a time, zeros past its end.
type specReader struct{ b []byte }

func (r *specReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *specReader) chunk() []byte {
	n := min(int(r.byte()), len(r.b))
	c := r.b[:n]
	r.b = r.b[n:]
	return c
}
