package main

import (
	"bytes"
	"context"
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

// TestServePerAddressFlag drives --max-per-address (and --max-per-key's
// check) through folio serve: with a limit of one, a second session from
// the same address is refused with the message that names the limit.
func TestServePerAddressFlag(t *testing.T) {
	for _, k := range []string{"XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"} {
		t.Setenv(k, t.TempDir())
	}
	t.Setenv("FOLIO_DIR", "")
	var stderr syncBuffer
	if code := serve(context.Background(), []string{"--open", "--max-per-key", "0"}, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), "--max-per-key") {
		t.Fatalf("--max-per-key 0: status %d, %q", code, stderr.String())
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
		done <- serve(ctx, []string{"--open", "--listen", addr, "--max-per-address", "1",
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
	cfg := &gossh.ClientConfig{
		User:            "reader",
		Auth:            []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         5 * time.Second,
	}
	var client *gossh.Client
	deadline := time.Now().Add(20 * time.Second)
	for client == nil {
		if client, err = gossh.Dial("tcp", addr, cfg); err != nil {
			if time.Now().After(deadline) {
				t.Fatalf("folio serve never listened: %v\n%s", err, stderr.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	defer client.Close()
	first, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if err := first.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if _, err := first.StdinPipe(); err != nil { // held open: the reader waits for keys
		t.Fatal(err)
	}
	out, _ := first.StdoutPipe()
	if err := first.Shell(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 1) // the reader has started once it draws
	if _, err := out.Read(buf); err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = bytes.NewBuffer(nil).ReadFrom(out) }()
	second, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	second.Stderr = &errb
	err = second.Run("version")
	if exit, ok := err.(*gossh.ExitError); !ok || exit.ExitStatus() != 1 ||
		!strings.Contains(errb.String(), "your address has 1 session open here already") {
		t.Fatalf("second session: %v, %q", err, errb.String())
	}
}
