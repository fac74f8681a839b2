package watch

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSync: with timings that would hold every change back for an hour,
// Sync still returns only once each change made before it was delivered,
// and leaves nothing behind in its folder.
func TestSync(t *testing.T) {
	root, cookies := t.TempDir(), t.TempDir()
	write(t, root, "a/one.txt", "one")
	write(t, root, "gone/old.txt", "old")
	w, m := start(t, root, Options{Quiet: time.Hour, Settle: time.Hour, MaxDelay: time.Hour})
	steps := []struct {
		what string
		do   func()
	}{
		{"a file added", func() { write(t, root, "two.txt", "two") }},
		{"a file changed, same size", func() { write(t, root, "a/one.txt", "ONE") }},
		{"a file changed, new size", func() { write(t, root, "two.txt", "two, longer") }},
		{"a folder made and filled", func() { write(t, root, "b/c/deep.txt", "deep") }},
		{"a file removed", func() { must(t, os.Remove(filepath.Join(root, "two.txt"))) }},
		{"a folder removed", func() { must(t, os.RemoveAll(filepath.Join(root, "gone"))) }},
	}
	for _, s := range steps {
		s.do()
		if err := w.Sync(context.Background(), cookies); err != nil {
			t.Fatalf("%s: Sync: %v", s.what, err)
		}
		if have, want := m.snapshot(); !maps.Equal(have, want) {
			t.Fatalf("%s: right after Sync the mirror has %v, the disk %v", s.what, have, want)
		}
	}
	if left, _ := os.ReadDir(cookies); len(left) != 0 {
		t.Errorf("Sync left %d files in its folder", len(left))
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.rescans != 0 && orderedEvents {
		t.Errorf("%d rescans: the cookie should have sufficed", m.rescans)
	}
}

// TestSyncWhilePolling: a watcher that polls answers Sync with a full
// comparison, and a stopped one says so.
func TestSyncWhilePolling(t *testing.T) {
	root := t.TempDir()
	w, m := start(t, root, Options{ForcePoll: true, Poll: time.Hour})
	write(t, root, "new.txt", "new")
	if err := w.Sync(context.Background(), t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if have, want := m.snapshot(); !maps.Equal(have, want) {
		t.Fatalf("right after Sync the mirror has %v, the disk %v", have, want)
	}
	w.Close()
	if err := w.Sync(context.Background(), t.TempDir()); !errors.Is(err, ErrClosed) {
		t.Errorf("Sync after Close: %v, want ErrClosed", err)
	}
}

// TestSyncLinkedFolder: a cookie folder that is a link is not written
// through; Sync answers with a full comparison instead.
func TestSyncLinkedFolder(t *testing.T) {
	root, real := t.TempDir(), t.TempDir()
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	w, m := start(t, root, Options{Quiet: time.Hour, Settle: time.Hour, MaxDelay: time.Hour})
	write(t, root, "new.txt", "new")
	if err := w.Sync(context.Background(), link); err != nil {
		t.Fatal(err)
	}
	if have, want := m.snapshot(); !maps.Equal(have, want) {
		t.Fatalf("right after Sync the mirror has %v, the disk %v", have, want)
	}
	w.Close()
	if left, _ := os.ReadDir(real); len(left) != 0 {
		t.Errorf("a cookie was made through the link: %d files", len(left))
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.rescans != 1 {
		t.Errorf("%d rescans, want the one that answered Sync", m.rescans)
	}
}
