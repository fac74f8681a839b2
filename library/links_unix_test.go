//go:build unix

package library

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlantedLinks: a link planted where the cache lives (its folder, its
// lock file) is refused with one message that names it, the start is a
// cold one that answers as --no-cache, and what the link points to is
// never written.
func TestPlantedLinks(t *testing.T) {
	dir := corpusDir(t)
	_, want := open(t, dir, t.TempDir(), true)
	for _, c := range []struct {
		name  string
		plant func(t *testing.T, cache, path, target string) string // returns the CacheDir to use
	}{
		{"folder", func(t *testing.T, cache, path, target string) string {
			link := filepath.Join(t.TempDir(), "linked")
			must(t, os.Symlink(cache, link))
			return link
		}},
		{"lock", func(t *testing.T, cache, path, target string) string {
			must(t, os.Symlink(target, path+".lock"))
			return cache
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cache := t.TempDir()
			target := filepath.Join(t.TempDir(), "target")
			must(t, os.WriteFile(target, []byte("mine"), 0o600))
			path, err := CachePath(cache, dir)
			if err != nil {
				t.Fatal(err)
			}
			useDir := c.plant(t, cache, path, target)
			lib, got := open(t, dir, useDir, false)
			if got != want {
				t.Error("answers differ from --no-cache")
			}
			msgs := cacheProblems(lib.Corpus)
			if len(msgs) != 1 || !strings.Contains(msgs[0], "symbolic link") {
				t.Errorf("messages %q: want one that names the link", msgs)
			}
			if c := lib.Cache(); c.Written || c.Used {
				t.Errorf("cache %+v", c)
			}
			if b, _ := os.ReadFile(target); string(b) != "mine" {
				t.Errorf("the link's target now holds %q", b)
			}
			if left, _ := filepath.Glob(filepath.Join(cache, "*.idx*")); len(left) != 0 && c.name == "folder" {
				t.Errorf("written through the linked folder: %q", left)
			}
		})
	}
}
