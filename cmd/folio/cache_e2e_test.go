package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sampleCorpus is a copy of the sample articles in a folder of its own.
func sampleCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src, _ := filepath.Abs("../../samples/articles")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCacheCommands: a cold command leaves a cache, the next one uses it
// and prints what --no-cache prints, and folio stats says so, in text and
// under the key cache of --json.
func TestCacheCommands(t *testing.T) {
	bin := build(t)
	dir := sampleCorpus(t)
	// Files an hour old: none is too new for the cache to trust its time
	// (those are read again at every start, and counted as changed).
	past := time.Now().Add(-time.Hour)
	aged := func(p string) {
		if err := os.Chtimes(p, past, past); err != nil {
			t.Fatal(err)
		}
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			aged(p)
		}
		return nil
	})
	cold := runBin(t, bin, "list", dir, "-q", "kazakhstan")
	stats := func(args ...string) map[string]any {
		r := runBin(t, bin, append([]string{"stats", dir, "--json"}, args...)...)
		var s struct {
			Cache map[string]any `json:"cache"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
			t.Fatalf("stats --json: %v\n%s", err, r.stdout)
		}
		return s.Cache
	}
	if c := stats(); c["used"] != true || c["changed"] != 0.0 || !strings.HasPrefix(c["path"].(string), os.Getenv("XDG_CACHE_HOME")) {
		t.Errorf("second start: cache %v", c)
	}
	warm := runBin(t, bin, "list", dir, "-q", "kazakhstan")
	none := runBin(t, bin, "list", dir, "-q", "kazakhstan", "--no-cache")
	if cold.stdout == "" || warm.stdout != cold.stdout || none.stdout != cold.stdout {
		t.Errorf("cold, warm and --no-cache differ:\n%s\n%s\n%s", cold.stdout, warm.stdout, none.stdout)
	}
	// A new file is found by the next command, never a stale answer.
	data, _ := os.ReadFile(filepath.Join(dir, "2022/01/000_652e1fac9521c5ec.txt"))
	os.WriteFile(filepath.Join(dir, "new.txt"), []byte(strings.Replace(string(data), "Title: China", "Title: Kazakhstan China", 1)), 0o644)
	aged(filepath.Join(dir, "new.txt"))
	if r := runBin(t, bin, "list", dir, "-q", "kazakhstan"); !strings.Contains(r.stdout, "new.txt") {
		t.Errorf("a new file is missing from the warm answer:\n%s", r.stdout)
	}
	// One file in fourteen: not worth a command's rewriting the cache;
	// every start reads that one again, until more have changed.
	if c := stats(); c["used"] != true || c["changed"] != 1.0 || c["written"] != false {
		t.Errorf("after one new file: cache %v", c)
	}
	os.WriteFile(filepath.Join(dir, "new2.txt"), data, 0o644)
	aged(filepath.Join(dir, "new2.txt"))
	if c := stats(); c["used"] != true || c["changed"] != 2.0 || c["written"] != true {
		t.Errorf("after a second new file (a tenth of the corpus): cache %v", c)
	}
	if c := stats(); c["used"] != true || c["changed"] != 0.0 || c["written"] != false {
		t.Errorf("after the rewrite: cache %v", c)
	}
	if c := stats("--no-cache"); c["enabled"] != false || c["used"] != false {
		t.Errorf("--no-cache: cache %v", c)
	}
	if r := runBin(t, bin, "stats", dir); !strings.Contains(r.stdout, "index cache: used") {
		t.Errorf("stats text says nothing of the cache:\n%s", r.stdout)
	}
	for _, e := range []string{"FOLIO_NO_CACHE=1"} {
		t.Setenv(strings.Split(e, "=")[0], "1")
		if c := stats(); c["enabled"] != false {
			t.Errorf("%s: cache %v", e, c)
		}
	}
}

// TestCacheTwoProcessesAtOnce: two folio processes that start at once on
// a corpus with no cache both answer as --no-cache does, and leave one
// good cache behind, whichever wrote it.
func TestCacheTwoProcessesAtOnce(t *testing.T) {
	bin := build(t)
	dir := sampleCorpus(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	want := runBin(t, bin, "list", dir, "-q", "china", "--no-cache").stdout
	if want == "" {
		t.Fatal("no articles match china")
	}
	type answer struct {
		out string
		err error
	}
	answers := make(chan answer, 2)
	cmds := make([]*exec.Cmd, 2)
	outs := make([]*bytes.Buffer, 2)
	for i := range cmds {
		cmds[i] = exec.Command(bin, "list", dir, "-q", "china")
		cmds[i].Env = append(os.Environ(), "FOLIO_DIR=", "XDG_STATE_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
		outs[i] = &bytes.Buffer{}
		cmds[i].Stdout = outs[i]
	}
	for i := range cmds { // both started before either is waited for
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i := range cmds {
		go func() { err := cmds[i].Wait(); answers <- answer{outs[i].String(), err} }()
	}
	for range cmds {
		select {
		case a := <-answers:
			if a.err != nil || a.out != want {
				t.Errorf("one of the two: %v, answer equal to --no-cache: %v", a.err, a.out == want)
			}
		case <-time.After(60 * time.Second):
			t.Fatal("hung")
		}
	}
	r := runBin(t, bin, "stats", dir)
	if !strings.Contains(r.stdout, "index cache: used") || strings.Contains(r.stderr, "ignored") {
		t.Errorf("after both: %s%s", r.stdout, r.stderr)
	}
	if got := runBin(t, bin, "list", dir, "-q", "china").stdout; got != want {
		t.Error("the cache they left answers differently")
	}
}

// TestStatsOnADamagedCache: stats says a cache it could not use was
// written again, and its warning about the cache has no empty path.
func TestStatsOnADamagedCache(t *testing.T) {
	bin := build(t)
	dir := sampleCorpus(t)
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	if r := runBin(t, bin, "stats", dir); !strings.Contains(r.stdout, "index cache: none yet; written, "+cache) {
		t.Fatalf("cold stats: %s%s", r.stdout, r.stderr)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "folio", "*"))
	damaged := 0
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil && len(data) > 64 {
			copy(data[len(data)/2:], "damaged damaged damaged")
			os.WriteFile(f, data, 0o600)
			damaged++
		}
	}
	if damaged != 1 {
		t.Fatalf("%d cache files in %v", damaged, files)
	}
	r := runBin(t, bin, "stats", dir)
	if !strings.Contains(r.stdout, "index cache: the one there could not be used (see Warnings); written again, "+cache) {
		t.Errorf("stats on a damaged cache:\n%s", r.stdout)
	}
	_, warnings, _ := strings.Cut(r.stdout, "\nWarnings\n")
	if !strings.HasPrefix(warnings, "  the index cache ") || strings.Contains(r.stdout, "  : ") {
		t.Errorf("the cache's warning:\n%s", warnings)
	}
}
