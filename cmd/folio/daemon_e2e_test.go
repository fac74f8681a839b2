package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/resident"
)

// startDaemon runs folio daemon on dir and waits until it says it is
// ready; the daemon is killed when the test ends.
func startDaemon(t *testing.T, bin, dir string, flags ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, append(append([]string{"daemon"}, flags...), dir)...)
	waitSays(t, cmd, "ready:", time.Minute)
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

	if r := runBin(t, bin, "daemon", dir); r.code != 1 || !strings.Contains(r.stderr, "another folio (process ") {
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

// TestDaemonIdle: folio daemon --idle stops by itself once no command
// came for that long, and removes its socket.
func TestDaemonIdle(t *testing.T) {
	bin := build(t)
	dir := sampleCorpus(t)
	daemon := startDaemon(t, bin, dir, "--idle", "300ms")
	exited := make(chan error, 1)
	go func() { exited <- daemon.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("folio daemon --idle ended with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("folio daemon --idle 300ms still runs after 30 s")
	}
	path, err := socketFor(os.Getenv, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(path); err == nil {
		t.Error("the idle daemon left its socket behind")
	}
}

// TestKeepSetting: with keep set in the settings file, a command that did
// its own work leaves a folio daemon behind, which answers the next one.
func TestKeepSetting(t *testing.T) {
	bin := build(t)
	dir := sampleCorpus(t)
	conf := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", conf)
	if err := os.MkdirAll(filepath.Join(conf, "folio"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(conf, "folio", "config.toml"), []byte("keep = \"1m\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	path, err := socketFor(os.Getenv, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if pid := resident.KeeperPID(path); pid > 0 {
			if p, err := os.FindProcess(pid); err == nil {
				p.Kill()
			}
		}
	})
	first := runBin(t, bin, "list", dir, "-q", "tea")
	if first.code != 0 {
		t.Fatalf("list: %d %s", first.code, first.stderr)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		own := t.TempDir()
		t.Setenv("XDG_CACHE_HOME", own)
		r := runBin(t, bin, "list", dir, "-q", "tea")
		if r.stdout != first.stdout {
			t.Fatalf("the next list printed\n%s\nthe first\n%s", r.stdout, first.stdout)
		}
		if left, _ := os.ReadDir(filepath.Join(own, "folio")); len(left) == 0 {
			break // answered by the daemon the first one left
		}
		if time.Now().After(deadline) {
			t.Fatal("no daemon answered within 30 s of a command with keep set")
		}
		time.Sleep(50 * time.Millisecond) // a poll for the daemon to be ready, not a wait for a fixed time
	}
}

// sameLines reports whether a and b hold the same lines, in any order
// (problems are listed in the order files were read).
func sameLines(a, b string) bool {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}
