package library

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startPaths are the ways folio starts a corpus, as each caller sets
// library.Options: the commands (cli), a command with --follow, the
// reader (cmd/folio/read.go, what ui is given), the SSH server and the
// daemon.
var startPaths = []struct {
	name string
	opts Options
}{
	{"list", Options{}},
	{"stats", Options{}},
	{"follow", Options{Watch: true}},
	{"reader", Options{Bodies: true, Watch: true, Interactive: true}},
	{"serve", Options{Bodies: true, Watch: true, Interactive: true, Warn: func(string) {}}},
	{"daemon", Options{Bodies: true, Watch: true, Warn: func(string) {}}},
}

// cacheFault breaks the cache at path; other is a good cache of another
// corpus, there to be copied or linked. refused says the start must
// neither read nor write what is at path (it is not folio's to replace).
type cacheFault struct {
	name    string
	breakIt func(t *testing.T, path, other string)
	refused bool
}

func flipAt(t *testing.T, path string, at func(b []byte) int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[at(b)] ^= 0x40
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

var cacheFaults = []cacheFault{
	{name: "truncated", breakIt: func(t *testing.T, p, _ string) {
		info, _ := os.Stat(p)
		os.Truncate(p, info.Size()/2)
	}},
	{name: "head", breakIt: func(t *testing.T, p, _ string) { flipAt(t, p, func([]byte) int { return 3 }) }},
	{name: "middle", breakIt: func(t *testing.T, p, _ string) {
		// Halfway through the part a start checks (the positions after it
		// are checked as phrases read them).
		flipAt(t, p, func(b []byte) int {
			n := binary.LittleEndian.Uint64(b[len(b)-tailSize:])
			tail := binary.LittleEndian.Uint64(b[len(b)-tailSize+8:])
			return headSize + int(n-tail)/2
		})
	}},
	{name: "tail", breakIt: func(t *testing.T, p, _ string) { flipAt(t, p, func(b []byte) int { return len(b) - tailSize - 2 }) }},
	{name: "version", breakIt: func(t *testing.T, p, _ string) { flipAt(t, p, func([]byte) int { return 12 }) }},
	{name: "another corpus", breakIt: func(t *testing.T, p, other string) {
		b, err := os.ReadFile(other)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(p, b, 0o600)
	}},
	{name: "folder", refused: true, breakIt: func(t *testing.T, p, _ string) {
		os.Remove(p)
		if err := os.Mkdir(p, 0o700); err != nil {
			t.Fatal(err)
		}
	}},
	{name: "unreadable", breakIt: func(t *testing.T, p, _ string) {
		if os.Getuid() == 0 {
			t.Skip("root reads anything")
		}
		os.Chmod(p, 0)
	}},
	{name: "symlink", refused: true, breakIt: func(t *testing.T, p, other string) {
		os.Remove(p)
		if err := os.Symlink(other, p); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}},
}

// TestFaultMatrix: every way of starting, against every way a cache can
// be broken, answers as --no-cache does within five seconds and says so
// once. A start that hangs fails here, by its own deadline.
func TestFaultMatrix(t *testing.T) {
	dir, otherDir := corpusDir(t), corpusDir(t)
	os.Remove(filepath.Join(otherDir, "2022", "01", "000_652e1fac9521c5ec.txt")) // another corpus, not a copy
	otherCache := t.TempDir()
	other, err := Load(context.Background(), Source{Dir: otherDir}, Options{Bodies: true, CacheDir: otherCache})
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	otherPath := other.Cache().Path
	for _, start := range startPaths {
		_, want := startWithin(t, dir, withCache(start.opts, "", true))
		for _, fault := range cacheFaults {
			t.Run(start.name+"/"+fault.name, func(t *testing.T) {
				cache, path := goodCache(t, dir)
				otherBefore, _ := os.ReadFile(otherPath)
				fault.breakIt(t, path, otherPath)
				lib, got := startWithin(t, dir, withCache(start.opts, cache, false))
				if got != want {
					t.Errorf("answers differ from --no-cache:\n%s\nvs\n%s", got, want)
				}
				msgs := cacheProblems(lib.Corpus)
				if len(msgs) != 1 || !strings.Contains(msgs[0], path) {
					t.Errorf("messages %q, want one naming %s", msgs, path)
				}
				c := lib.Cache()
				if c.Used || c.Problem == "" || c.Written == fault.refused {
					t.Errorf("cache %+v", c)
				}
				if after, _ := os.ReadFile(otherPath); !bytes.Equal(after, otherBefore) {
					t.Error("the file a link pointed to was written through")
				}
				if fault.refused {
					info, err := os.Lstat(path)
					if err != nil || info.Mode().IsRegular() {
						t.Errorf("what was planted at the cache's path was replaced: %v %v", info, err)
					}
				}
			})
		}
	}
}

// goodCache writes a cache of dir, bodies included, in blocks of 1 KiB
// (so that a fault lands in one of several), in a folder of its own; it
// returns the folder and the cache's path.
func goodCache(t *testing.T, dir string) (cache, path string) {
	t.Helper()
	cache = t.TempDir()
	good, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache, cacheBlock: 1 << 10})
	if err != nil {
		t.Fatal(err)
	}
	good.Close()
	return cache, good.Cache().Path
}

func withCache(opts Options, cache string, noCache bool) Options {
	opts.CacheDir, opts.NoCache = cache, noCache
	return opts
}

// startWithin opens dir as opts say and waits for everything the start
// does (the cache write included), failing the test if that takes five
// seconds; it returns the library, closed, and its answers.
func startWithin(t *testing.T, dir string, opts Options) (*Library, string) {
	t.Helper()
	type result struct {
		lib     *Library
		answers string
		err     error
	}
	done := make(chan result, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		lib, err := Open(ctx, Source{Dir: dir}, opts)
		if err != nil {
			done <- result{err: err}
			return
		}
		if err := lib.Settle(ctx); err != nil {
			lib.Close()
			done <- result{err: err}
			return
		}
		got := answers(t, lib.Corpus)
		done <- result{lib, got, lib.Close()}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.lib, r.answers
	case <-time.After(5 * time.Second):
		t.Fatal("the start did not end within 5 s: hung")
		return nil, ""
	}
}

// TestDamagedPositions: a cache whose word positions are damaged starts
// warm (they are checked only as phrases read them); the phrase that finds
// the damage is answered from the text, as --no-cache answers it, the
// cache says why it is dropped and is removed, and the next start builds
// it again.
func TestDamagedPositions(t *testing.T) {
	for _, changed := range []bool{false, true} {
		t.Run(fmt.Sprint("changed=", changed), func(t *testing.T) { damagedPositions(t, changed) })
	}
}

// damagedPositions is TestDamagedPositions; with changed, a file is
// appended to before the start, which then reads it again and writes the cache,
// compacting the index: the segments of that file's words are rewritten
// from the damaged positions.
func damagedPositions(t *testing.T, changed bool) {
	dir := corpusDir(t)
	opts := Options{Bodies: true}
	cache, path := goodCache(t, dir)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A byte of every block of the positions, short of the layout after
	// them (which a start reads whole).
	n := binary.LittleEndian.Uint64(b[len(b)-tailSize:])
	tail := binary.LittleEndian.Uint64(b[len(b)-tailSize+8:])
	from, to := headSize+int(n-tail), headSize+int(n)-256
	if to-from < 1<<10 {
		t.Fatalf("positions of %d bytes: too few to damage", to-from)
	}
	for at := from + 100; at < to; at += 1 << 10 {
		b[at] ^= 0x40
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if changed {
		f, err := os.OpenFile(filepath.Join(dir, "2022", "01", "000_652e1fac9521c5ec.txt"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.WriteString("\nA paragraph added since, to part ways with the cache.\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	_, want := startWithin(t, dir, withCache(opts, "", true))
	lib, got := startWithin(t, dir, withCache(opts, cache, false))
	if got != want {
		t.Errorf("answers differ from --no-cache:\n%s\nvs\n%s", got, want)
	}
	if c := lib.Cache(); !c.Used || !strings.Contains(c.Problem, "exact phrases") || !strings.Contains(c.Problem, path) {
		t.Errorf("cache %+v: want used, and a problem naming %s and phrases", c, path)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the damaged cache is still there: %v", err)
	}
	again, got := startWithin(t, dir, withCache(opts, cache, false))
	if c := again.Cache(); c.Used || c.Problem != "" || !c.Written || got != want {
		t.Errorf("the start after: cache %+v, answers equal %v", c, got == want)
	}
}
