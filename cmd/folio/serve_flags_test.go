package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// syncBuffer is the server's stderr, read while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServePerKeyAndAddressFlags drives --max-per-key, --max-per-address
// and --max-keyless through folio serve: with one a key, three an address
// and one without a key, a key's second session is refused, a session
// without a key is let in and a second one refused, another key's is let
// in, and the address's fourth is refused, each with the message that
// names its limit.
func TestServePerKeyAndAddressFlags(t *testing.T) {
	for _, k := range []string{"XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"} {
		t.Setenv(k, t.TempDir())
	}
	t.Setenv("FOLIO_DIR", "")
	var stderr syncBuffer
	for _, bad := range [][]string{{"--max-per-key", "0"}, {"--max-per-address", "0"}, {"--max-keyless", "-1"}} {
		stderr = syncBuffer{}
		if code := serve(context.Background(), append([]string{"--open"}, bad...), &stderr); code != 2 || !strings.Contains(stderr.String(), bad[0]) {
			t.Fatalf("%s: status %d, %q", bad, code, stderr.String())
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, []string{"--open", "--listen", addr, "--max-per-key", "1", "--max-per-address", "3", "--max-keyless", "1",
			"--host-key", filepath.Join(t.TempDir(), "host_key")}, &stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("folio serve did not stop")
		}
	})
	keyed := dialServe(t, addr, gossh.PublicKeys(newSigner(t)), &stderr)
	other := dialServe(t, addr, gossh.PublicKeys(newSigner(t)), &stderr)
	anonymous := dialServe(t, addr, gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil }), &stderr)

	holdReader(t, keyed)
	refused(t, keyed, "your key has 1 session open here already")
	holdReader(t, anonymous)
	refused(t, anonymous, "the server holds 1 session without a key already")
	holdReader(t, other)
	refused(t, anonymous, "your address has 3 sessions open here already")
}

// dialServe connects to folio serve at addr, waiting for it to listen.
func dialServe(t *testing.T, addr string, auth gossh.AuthMethod, log *syncBuffer) *gossh.Client {
	t.Helper()
	cfg := &gossh.ClientConfig{User: "reader", Auth: []gossh.AuthMethod{auth}, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second}
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := gossh.Dial("tcp", addr, cfg)
		if err == nil {
			t.Cleanup(func() { c.Close() })
			return c
		}
		if time.Now().After(deadline) {
			t.Fatalf("folio serve never listened: %v\n%s", err, log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// holdReader opens the reader on c and keeps it open, once it has drawn.
func holdReader(t *testing.T, c *gossh.Client) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if _, err := sess.StdinPipe(); err != nil { // held open: the reader waits for keys
		t.Fatal(err)
	}
	out, _ := sess.StdoutPipe()
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if _, err := out.Read(make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
}

// refused runs version on c and wants it refused with want.
func refused(t *testing.T, c *gossh.Client, want string) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	sess.Stderr = &errb
	err = sess.Run("version")
	if exit, ok := err.(*gossh.ExitError); !ok || exit.ExitStatus() != 1 || !strings.Contains(errb.String(), want) {
		t.Fatalf("session: %v, %q; want status 1 and %q", err, errb.String(), want)
	}
}
