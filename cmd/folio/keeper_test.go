package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/folio-reader/folio/resident"
)

// socketFor is the socket of the folio that keeps the corpus in dir.
func socketFor(getenv func(string) string, dir string) (string, error) {
	return resident.SocketFor(getenv, dir)
}

// TestDaemonKeepsItsEnvironment: a command whose reading state lives
// elsewhere than the daemon's is not answered by the daemon: it does the
// work itself (its own cache folder fills) and reads its own state.
func TestDaemonKeepsItsEnvironment(t *testing.T) {
	bin := build(t)
	dir := sampleCorpus(t)
	startDaemon(t, bin, dir)
	asked := func() bool {
		t.Helper()
		own := t.TempDir()
		t.Setenv("XDG_CACHE_HOME", own)
		if r := runBin(t, bin, "list", dir, "-q", "tea"); r.code != 0 {
			t.Fatalf("list: %d %s", r.code, r.stderr)
		}
		left, _ := os.ReadDir(filepath.Join(own, "folio"))
		return len(left) == 0
	}
	if !asked() {
		t.Fatal("the daemon did not answer a command from its own environment")
	}
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	if asked() {
		t.Error("the daemon answered a command whose XDG_STATE_HOME is not its own")
	}
}
