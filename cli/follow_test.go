package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestListFollow: list --follow prints the current matches, then an
// article that matches when it arrives (and not one that does not), and
// ends with status 0 when interrupted.
func TestListFollow(t *testing.T) {
	dir := t.TempDir()
	art := func(name, title string) {
		text := "Published Time: 2023-01-02\nTitle: " + title + "\nAuthor: Desk\nText:\nbody of " + title + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	art("old.txt", "Kestrel seen before")
	env := map[string]string{"XDG_CACHE_HOME": t.TempDir(), "XDG_STATE_HOME": t.TempDir(), "XDG_CONFIG_HOME": t.TempDir()}
	var out, errOut syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		code <- Run(ctx, []string{"list", dir, "-q", "kestrel", "--follow"}, Env{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }})
	}()
	wait := func(what string, cond func(string) bool) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !cond(out.String()) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; stdout %q, stderr %q", what, out.String(), errOut.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	wait("the current match", func(s string) bool { return strings.Contains(s, "old.txt") })
	art("other.txt", "Nothing to see")
	art("new.txt", "Kestrel arrives later")
	wait("the new match", func(s string) bool { return strings.Contains(s, "new.txt") })
	cancel()
	if c := <-code; c != 0 {
		t.Errorf("exit status %d after interrupt, stderr %q", c, errOut.String())
	}
	if s := out.String(); strings.Contains(s, "other.txt") || strings.Count(s, "old.txt") != 1 {
		t.Errorf("printed %q", s)
	}
}
