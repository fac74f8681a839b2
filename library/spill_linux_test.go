package library

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSpillFileInTheCacheFolder: the file of word positions is made in the
// cache's folder, on a first start too (before the cache, and its folder,
// are written), and Close closes it: no descriptor is left open, on it or
// on anything else.
func TestSpillFileInTheCacheFolder(t *testing.T) {
	dir := corpusDir(t)
	cache := filepath.Join(t.TempDir(), "folio") // not there yet
	openAndClose := func(opts Options) (spills []string) {
		opts.Bodies = true
		lib, err := Load(context.Background(), Source{Dir: dir}, opts)
		if err != nil {
			t.Fatal(err)
		}
		spills = openSpills(t)
		if err := lib.Close(); err != nil {
			t.Fatal(err)
		}
		return spills
	}
	openAndClose(Options{NoCache: true}) // whatever the process opens once, for good
	before := openFiles(t)
	spills := openAndClose(Options{CacheDir: cache})
	if len(spills) != 1 || !strings.HasPrefix(spills[0], cache+string(filepath.Separator)) {
		t.Errorf("positions files open: %q, want one in %s", spills, cache)
	}
	if left := openSpills(t); len(left) != 0 {
		t.Errorf("positions files open after Close: %q", left)
	}
	if after := openFiles(t); len(after) > len(before) {
		t.Errorf("%d descriptors open after Close, %d before: %q", len(after), len(before), after)
	}
}

// openFiles is what the process's descriptors point at.
func openFiles(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd:", err)
	}
	var out []string
	for _, e := range entries {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name())); err == nil {
			out = append(out, target)
		}
	}
	return out
}

// openSpills is the positions files among openFiles.
func openSpills(t *testing.T) []string {
	var out []string
	for _, f := range openFiles(t) {
		if strings.Contains(filepath.Base(f), "folio-positions-") {
			out = append(out, f)
		}
	}
	return out
}
