package main

import (
	"bufio"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBrokenCacheStarts: the binary, started every way that does not need
// a terminal, on a cache whose middle fails its checksum or that is a
// planted link: list and stats answer as --no-cache, the server listens
// and the daemon is ready, each within 5 s (library's TestFaultMatrix has
// every fault against every start, the reader's included).
func TestBrokenCacheStarts(t *testing.T) {
	bin := build(t)
	dir := sampleCorpus(t)
	want := runBin(t, bin, "list", dir, "-q", "china", "--no-cache").stdout
	faults := map[string]func(t *testing.T, path string){
		"middle": func(t *testing.T, path string) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			n := binary.LittleEndian.Uint64(b[len(b)-36:])
			tail := binary.LittleEndian.Uint64(b[len(b)-28:])
			b[24+(n-tail)/2] ^= 0x40
			os.WriteFile(path, b, 0o600)
		},
		"symlink": func(t *testing.T, path string) {
			target := filepath.Join(t.TempDir(), "target")
			os.WriteFile(target, []byte("mine"), 0o600)
			os.Remove(path)
			if err := os.Symlink(target, path); err != nil {
				t.Skip(err)
			}
			t.Cleanup(func() {
				if b, _ := os.ReadFile(target); string(b) != "mine" {
					t.Error("the link's target was written through")
				}
			})
		},
	}
	starts := map[string]func(t *testing.T){
		"list": func(t *testing.T) {
			if r := runBin(t, bin, "list", dir, "-q", "china"); r.stdout != want || strings.Count(r.stderr, "index cache") != 1 {
				t.Errorf("list: equal to --no-cache %v; stderr %q", r.stdout == want, r.stderr)
			}
		},
		"stats": func(t *testing.T) {
			if r := runBin(t, bin, "stats", dir); r.code != 0 || !strings.Contains(r.stdout, "articles") {
				t.Errorf("stats: %d %q %q", r.code, r.stdout, r.stderr)
			}
		},
		"serve": func(t *testing.T) {
			waitSays(t, exec.Command(bin, "serve", dir, "--open", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(t.TempDir(), "key")), "listening", 5*time.Second)
		},
		"daemon": func(t *testing.T) {
			waitSays(t, exec.Command(bin, "daemon", dir), "ready:", 5*time.Second)
		},
	}
	for fname, breakIt := range faults {
		for sname, start := range starts {
			t.Run(sname+"/"+fname, func(t *testing.T) {
				t.Setenv("XDG_CACHE_HOME", t.TempDir())
				t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
				runBin(t, bin, "list", dir)
				paths, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "folio", "*.idx"))
				if len(paths) != 1 {
					t.Fatalf("caches %q", paths)
				}
				breakIt(t, paths[0])
				start(t)
			})
		}
	}
}

// waitSays starts cmd and waits at most within for a line of its stderr to
// hold what; the process is killed when the test ends.
func waitSays(t *testing.T, cmd *exec.Cmd, what string, within time.Duration) {
	t.Helper()
	cmd.Env = append(os.Environ(), "FOLIO_DIR=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	said := make(chan string, 1)
	go func() {
		var lines []string
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines = append(lines, sc.Text())
			if strings.Contains(sc.Text(), what) {
				said <- ""
				break
			}
		}
		said <- strings.Join(lines, "\n")
		for sc.Scan() {
		}
	}()
	select {
	case s := <-said:
		if s != "" {
			t.Fatalf("stopped before it said %q:\n%s", what, s)
		}
	case <-time.After(within):
		t.Fatalf("did not say %q within %s: hung", what, within)
	}
}
