package resident

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// socketDir is a short private folder for sockets (t.TempDir's names can
// be too long for one).
func socketDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "fr")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "folio")
}

// keeper listens in a new folder and serves answer until the test ends.
func keeper(t *testing.T, answer Answer) string {
	t.Helper()
	path, err := SocketPath(socketDir(t), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := Serve(ctx, ln, answer); err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		ln.Close()
	})
	return path
}

// TestAsk: what the keeper's command writes reaches the asker whole, in
// order, with its status; a big output goes in several frames.
func TestAsk(t *testing.T) {
	big := strings.Repeat("a row of the list\n", 200_000) // 3.6 MB: several frames
	path := keeper(t, func(ctx context.Context, req Request, stdout, stderr io.Writer) (int, bool) {
		io.WriteString(stderr, "warning: "+req.Getenv("HOME")+"\n")
		io.WriteString(stdout, strings.Join(req.Args, " ")+"\n")
		io.WriteString(stdout, big)
		return 3, true
	})
	var out, errb bytes.Buffer
	status, err := Ask(context.Background(), path, Request{Args: []string{"list", "-q=x"}, Env: map[string]string{"HOME": "/h"}}, time.Minute, &out, &errb)
	if err != nil || status != 3 {
		t.Fatalf("Ask: %d, %v", status, err)
	}
	if out.String() != "list -q=x\n"+big || errb.String() != "warning: /h\n" {
		t.Errorf("stdout %d bytes (want %d), stderr %q", out.Len(), len(big)+10, errb.String())
	}
}

// TestDeclined: a keeper that is not ready, one of another build, and no
// keeper at all (no socket, or one left by a keeper that is gone) all
// leave the work to the asker, having written nothing.
func TestDeclined(t *testing.T) {
	notReady := keeper(t, func(context.Context, Request, io.Writer, io.Writer) (int, bool) { return 0, false })
	var out bytes.Buffer
	if _, err := Ask(context.Background(), notReady, Request{Args: []string{"list"}}, time.Minute, &out, &out); !errors.Is(err, ErrNoAnswer) || out.Len() != 0 {
		t.Errorf("not ready: %v, wrote %q", err, out.String())
	}

	answered := false
	other := keeper(t, func(context.Context, Request, io.Writer, io.Writer) (int, bool) { answered = true; return 0, true })
	conn, err := net.Dial("unix", other)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := writeRequest(conn, Request{Build: "another folio", Args: []string{"list"}}); err != nil {
		t.Fatal(err)
	}
	if kind, _, err := readFrame(conn, nil); err != nil || kind != frameDecline || answered {
		t.Errorf("another build: frame %q, %v; answered %v", kind, err, answered)
	}

	dir := socketDir(t)
	if _, err := Ask(context.Background(), filepath.Join(dir, "none.sock"), Request{}, time.Minute, &out, &out); !errors.Is(err, ErrNoAnswer) {
		t.Errorf("no socket: %v", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "stale.sock")
	ln, err := net.Listen("unix", stale)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close() // as a keeper killed at once leaves it
	if _, err := os.Lstat(stale); err != nil {
		t.Fatal(err)
	}
	if _, err := Ask(context.Background(), stale, Request{}, time.Minute, &out, &out); !errors.Is(err, ErrNoAnswer) || out.Len() != 0 {
		t.Errorf("stale socket: %v", err)
	}
	again, err := Listen(stale)
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	again.Close()
}

// TestOneKeeper: a second keeper for the same corpus is refused.
func TestOneKeeper(t *testing.T) {
	path := keeper(t, func(context.Context, Request, io.Writer, io.Writer) (int, bool) { return 0, true })
	if pid := KeeperPID(path); pid != os.Getpid() {
		t.Errorf("KeeperPID %d, want %d", pid, os.Getpid())
	}
	if ln, err := Listen(path); !errors.Is(err, ErrTaken) {
		if ln != nil {
			ln.Close()
		}
		t.Errorf("second Listen: %v, want ErrTaken", err)
	}
}

// TestInterrupted: an asker that goes away stops the command it asked.
func TestInterrupted(t *testing.T) {
	started, stopped := make(chan struct{}), make(chan struct{})
	path := keeper(t, func(ctx context.Context, _ Request, stdout, _ io.Writer) (int, bool) {
		io.WriteString(stdout, "first row\n")
		close(started)
		<-ctx.Done()
		close(stopped)
		return 0, true
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		cancel()
	}()
	var out bytes.Buffer
	if _, err := Ask(ctx, path, Request{Args: []string{"list"}}, time.Minute, &out, &out); err == nil {
		t.Error("an interrupted Ask returned no error")
	}
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("the keeper's command went on after the asker left")
	}
}

// TestPrivate: sockets are made only in a folder nobody else can reach.
func TestPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("folder modes are Unix's")
	}
	dir := socketDir(t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if ln, err := Listen(filepath.Join(dir, "x.sock")); err == nil {
		ln.Close()
		t.Error("Listen in a folder others can reach")
	}
	if _, err := SocketPath("/"+strings.Repeat("long/", 30), "/corpus"); err == nil {
		t.Error("a socket path over 100 bytes")
	}
}
