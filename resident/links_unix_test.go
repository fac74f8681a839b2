//go:build unix

package resident

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/internal/ownfile"
)

// TestPlantedLinks: a link planted where the keeper keeps its lock file,
// its socket or its folder is refused with a message that says so, and
// what it points to is never written.
func TestPlantedLinks(t *testing.T) {
	target := filepath.Join(t.TempDir(), "target")
	if err := os.WriteFile(target, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		plant func(t *testing.T, path string)
	}{
		{"lock", func(t *testing.T, path string) { must(t, os.Symlink(target, path+".lock")) }},
		{"socket", func(t *testing.T, path string) { must(t, os.Symlink(target, path)) }},
		{"folder", func(t *testing.T, path string) {
			real := socketDir(t)
			must(t, os.MkdirAll(real, 0o700))
			must(t, os.Remove(filepath.Dir(path)))
			must(t, os.Symlink(real, filepath.Dir(path)))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := socketDir(t)
			must(t, os.MkdirAll(dir, 0o700))
			path := filepath.Join(dir, "x.sock")
			c.plant(t, path)
			ln, err := Listen(path)
			if err == nil {
				ln.Close()
				t.Fatal("Listen through a planted link")
			}
			if !errors.Is(err, ownfile.ErrLink) || !strings.Contains(err.Error(), "symbolic link") {
				t.Errorf("error %q: want one that names the link", err)
			}
			if b, _ := os.ReadFile(target); string(b) != "mine" {
				t.Errorf("the link's target now holds %q", b)
			}
			if KeeperPID(path) != 0 {
				t.Error("KeeperPID read through a link")
			}
		})
	}
}

// TestAskWaitsNoLonger: a keeper that does not begin its answer within
// the wait is left: Ask says nobody answered (the command does the work
// itself), and the keeper's command is stopped.
func TestAskWaitsNoLonger(t *testing.T) {
	stopped := make(chan struct{})
	path := keeper(t, func(ctx context.Context, _ Request, _, _ io.Writer) (int, bool) {
		<-ctx.Done()
		close(stopped)
		return 0, true
	})
	began := time.Now()
	_, err := Ask(context.Background(), path, Request{Args: []string{"list"}}, 200*time.Millisecond, io.Discard, io.Discard)
	if !errors.Is(err, ErrNoAnswer) {
		t.Errorf("Ask: %v, want ErrNoAnswer", err)
	}
	if d := time.Since(began); d > 5*time.Second {
		t.Errorf("Ask took %v", d)
	}
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("the keeper's command went on after the asker left")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
