package main

import (
	"bytes"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// generate runs corpusgen into a fresh directory and returns the files it
// wrote, keyed by slash-separated path.
func generate(t *testing.T, args ...string) map[string][]byte {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	var out bytes.Buffer
	if err := run(append([]string{"-o", dir}, args...), &out, io.Discard); err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	if !strings.Contains(out.String(), "files") {
		t.Errorf("no summary line: %q", out.String())
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalTrees(a, b map[string][]byte) bool { return maps.EqualFunc(a, b, bytes.Equal) }

func TestSameSeedSameBytes(t *testing.T) {
	one := generate(t, "-n", "200", "-seed", "7", "-j", "1")
	four := generate(t, "-n", "200", "-seed", "7", "-j", "4")
	if !equalTrees(one, four) {
		t.Fatal("the same seed gave different corpora with 1 and 4 workers")
	}
	if other := generate(t, "-n", "200", "-seed", "8"); equalTrees(one, other) {
		t.Fatal("seeds 7 and 8 gave the same corpus")
	}
}

// header returns the lower-cased keys of an article's header, read the way
// docs/FORMAT.md says a loader must (BOM, CRLF and blanks tolerated).
func header(b []byte) []string {
	s := strings.ReplaceAll(strings.TrimPrefix(string(b), "\ufeff"), "\r\n", "\n")
	var keys []string
	for line := range strings.Lines(s) {
		for part := range strings.SplitSeq(line, ";") {
			k, _, ok := strings.Cut(part, ":")
			if !ok {
				break
			}
			keys = append(keys, strings.ToLower(strings.TrimSpace(k)))
		}
		if len(keys) > 0 && keys[len(keys)-1] == "text" {
			break
		}
	}
	return keys
}

func TestCountHeadersAndSizes(t *testing.T) {
	files := generate(t, "-n", "200", "-seed", "1")
	if len(files) != 200 {
		t.Fatalf("%d files, want 200", len(files))
	}
	withAuthor := 0
	var sizes []int
	for name, b := range files {
		keys := header(b)
		for _, k := range []string{"published time", "title", "category 1", "category 2", "text"} {
			if !slices.Contains(keys, k) {
				t.Errorf("%s: no %q in header keys %q", name, k, keys)
			}
		}
		if slices.Contains(keys, "author") && slices.Contains(keys, "author description") {
			withAuthor++
		}
		sizes = append(sizes, len(b))
	}
	if withAuthor < 190 {
		t.Errorf("only %d of 200 articles have Author lines", withAuthor)
	}
	slices.Sort(sizes)
	median, total := sizes[len(sizes)/2], 0
	for _, s := range sizes {
		total += s
	}
	// A median of ~700 words is ~5 KB; lengths spread from a few hundred
	// words to a few thousand.
	if median < 3500 || median > 7000 || sizes[0] > median/2 || sizes[len(sizes)-1] < 2*median {
		t.Errorf("sizes: min %d, median %d, max %d", sizes[0], median, sizes[len(sizes)-1])
	}
	if total < 200*4000 || total > 200*7000 {
		t.Errorf("total %d bytes for 200 articles", total)
	}
}

func TestRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run([]string{"-n", "3", "-o", dir}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("non-empty dir: err = %v", err)
	}
	if err := run([]string{"-n", "3", "-o", dir, "-force"}, io.Discard, io.Discard); err != nil {
		t.Fatalf("-force: %v", err)
	}
}

func TestBadArguments(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	for _, args := range [][]string{
		{"-n", "10"},
		{"-n", "0", "-o", dir},
		{"-n", "10", "-o", dir, "-j", "0"},
		{"-n", "10", "-o", dir, "extra"},
		{"-n", "ten", "-o", dir},
	} {
		if err := run(args, io.Discard, io.Discard); err == nil {
			t.Errorf("run %q: no error", args)
		}
	}
}
