package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// startDaemon runs folio daemon on dir and waits until it says it is
// ready; the daemon is killed when the test ends.
func startDaemon(t *testing.T, bin, dir string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "daemon", dir)
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
	ready := make(chan string, 1)
	go func() {
		var said []string
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			said = append(said, sc.Text())
			if strings.Contains(sc.Text(), "ready:") {
				ready <- ""
				break
			}
		}
		ready <- strings.Join(said, "\n")
		for sc.Scan() { // keep the pipe drained
		}
	}()
	select {
	case said := <-ready:
		if said != "" {
			t.Fatalf("folio daemon stopped before it was ready:\n%s", said)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("folio daemon was not ready within a minute")
	}
	return cmd
}

// TestDaemonAnswers: with folio daemon keeping a corpus, list and show on
// it are answered by the daemon (the command loads nothing itself: no
// cache appears in a cache folder of its own) and print what --no-cache
// prints, also right after files were added, changed and removed, with no
// wait for the watcher's settling. Killed, the daemon leaves its socket
// behind, and the commands do the work themselves again.
func TestDaemonAnswers(t *testing.T) {
	bin := build(t)
	dir := sampleCorpus(t)
	daemon := startDaemon(t, bin, dir)

	if r := runBin(t, bin, "daemon", dir); r.code != 1 || !strings.Contains(r.stderr, "another folio answers") {
		t.Errorf("a second daemon: code %d, stderr %q", r.code, r.stderr)
	}

	// same runs a command through the daemon and alone, and compares.
	same := func(what string, throughDaemon bool, args ...string) {
		t.Helper()
		own := t.TempDir()
		t.Setenv("XDG_CACHE_HOME", own)
		asked := runBin(t, bin, args...)
		t.Setenv("XDG_CACHE_HOME", t.TempDir())
		alone := runBin(t, bin, append(args, "--no-cache")...)
		if asked.code != alone.code || asked.stdout != alone.stdout || !sameLines(asked.stderr, alone.stderr) {
			t.Errorf("%s: %v through the daemon:\n%d %s%s\nalone:\n%d %s%s", what, args, asked.code, asked.stdout, asked.stderr, alone.code, alone.stdout, alone.stderr)
		}
		left, _ := os.ReadDir(filepath.Join(own, "folio"))
		if answered := len(left) == 0; answered != throughDaemon {
			t.Errorf("%s: %v answered by the daemon %v, want %v (its own cache folder holds %d files)", what, args, answered, throughDaemon, len(left))
		}
	}
	queries := func(what string, throughDaemon bool) {
		t.Helper()
		same(what, throughDaemon, "list", dir)
		same(what, throughDaemon, "list", dir, "-q", "tea", "--sort", "title")
		same(what, throughDaemon, "list", dir, "-q", "zanzibarian", "--json")
		same(what, throughDaemon, "show", dir, seedID)
		same(what, throughDaemon, "show", dir, "no/such/article.txt")
	}
	queries("at the start", true)

	seed := filepath.Join(dir, filepath.FromSlash(seedID))
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		what string
		do   func() error
	}{
		{"an article added", func() error {
			return os.WriteFile(filepath.Join(dir, "2020", "new.txt"), []byte("Title: The zanzibarian tea\nText:\nA new article.\n"), 0o644)
		}},
		{"an article changed, same size", func() error {
			return os.WriteFile(seed, []byte(strings.Replace(string(data), "Title: ", "Title: Zanzibarian", 1)[:len(data)]), 0o644)
		}},
		{"an article changed, new size", func() error { return os.WriteFile(seed, append(data, "zanzibarian\n"...), 0o644) }},
		{"an article removed", func() error { return os.Remove(filepath.Join(dir, "2020", "new.txt")) }},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatal(err)
		}
		queries(s.what, true)
	}

	if err := daemon.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	daemon.Wait()
	queries("after the daemon was killed", false)
}

// sameLines reports whether a and b hold the same lines, in any order
// (problems are listed in the order files were read).
func sameLines(a, b string) bool {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}
