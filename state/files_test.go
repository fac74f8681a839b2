package state

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSetAsideTwiceInOneSecond: two damaged stores set aside at the same
// moment keep both copies.
func TestSetAsideTwiceInOneSecond(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var names []string
	for _, content := range []string{"first damaged store", "second damaged store"} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		aside, err := moveAside(path, at)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, aside)
	}
	if names[0] == names[1] {
		t.Fatalf("both set aside as %s", names[0])
	}
	for i, want := range []string{"first damaged store", "second damaged store"} {
		if got, _ := os.ReadFile(names[i]); string(got) != want {
			t.Errorf("%s holds %q, want %q", names[i], got, want)
		}
	}
	// Through Open, twice within the same second (or nearly).
	for range 2 {
		if err := os.WriteFile(path, []byte("not a store at all, and long enough to be read as one"), 0o600); err != nil {
			t.Fatal(err)
		}
		s, notice, err := Open(path)
		if err != nil || !strings.Contains(notice, "moved to") {
			t.Fatalf("open: %q, %v", notice, err)
		}
		s.Close()
		os.Remove(path)
	}
	if aside, _ := filepath.Glob(path + ".broken-*"); len(aside) != 4 {
		t.Fatalf("set aside: %v, want 4 copies", aside)
	}
}
