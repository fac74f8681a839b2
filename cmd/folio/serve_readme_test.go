package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// These tests drive folio serve's flags through the binary, as the
// README's table of them promises.

// freeAddr is a local address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServe runs the folio binary's serve with args until the test ends,
// and returns its stderr.
func startServe(t *testing.T, args ...string) (stderr *syncBuffer) {
	t.Helper()
	stderr = &syncBuffer{}
	cmd := exec.Command(build(t), append([]string{"serve"}, args...)...)
	cmd.Env = append(os.Environ(), "FOLIO_DIR=")
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Error("folio serve did not stop on SIGTERM")
		}
	})
	return stderr
}

func anyone() gossh.AuthMethod {
	return gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
}

func newSigner(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sessionEnds opens the reader on c, sends nothing, and returns what the
// session said on stderr when the server ended it (the test fails if it
// lasts past limit).
func sessionEnds(t *testing.T, c *gossh.Client, limit time.Duration) string {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var errb syncBuffer
	sess.Stderr = &errb
	sess.Stdout = &syncBuffer{}
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if _, err := sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { sess.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(limit):
		t.Fatalf("the session still runs after %s", limit)
	}
	return errb.String()
}

// TestServeFlags: --listen, --host-key, --open, --log, --log-format,
// --max-sessions (with --max-keyless above it, so the total is what is
// refused), --idle-timeout and --max-timeout, each doing what the
// README's table says.
func TestServeFlags(t *testing.T) {
	dir := t.TempDir()
	hostKey := filepath.Join(dir, "keys", "host")
	logFile := filepath.Join(dir, "serve.log")
	addr := freeAddr(t)
	stderr := startServe(t, "--listen", addr, "--open", "--host-key", hostKey, "--log", logFile, "--log-format", "json",
		"--max-sessions", "1", "--max-keyless", "2", "--idle-timeout", "1s", "--max-timeout", "0")

	// --open: anyone, with no key at all; --listen: on the address given.
	c := dialServe(t, addr, anyone(), stderr)
	var out bytes.Buffer
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	sess.Stdout = &out
	if err := sess.Run("version"); err != nil || !strings.HasPrefix(out.String(), "folio ") {
		t.Fatalf("version over --open: %v %q", err, out.String())
	}
	sess.Close()

	// --host-key: made where it was asked for, private, and the key the
	// server shows.
	if fi, err := os.Stat(hostKey); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("--host-key %s: %v", hostKey, err)
	}
	pem, _ := os.ReadFile(hostKey)
	signer, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	var shown []byte
	cfg := &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{anyone()}, Timeout: 5 * time.Second,
		HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error { shown = k.Marshal(); return nil }}
	c2, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if !bytes.Equal(shown, signer.PublicKey().Marshal()) {
		t.Error("the server's host key is not the one in --host-key")
	}

	// --max-sessions 1: while one reader is open, the next is told.
	holdReader(t, c)
	refused(t, c2, "folio: the server is full (1 session); try again later")

	// --idle-timeout 1s (with --max-timeout 0: never): a reader without
	// input ends after a second, saying why.
	c.Close()
	c3 := dialServe(t, addr, anyone(), stderr)
	deadline := time.Now().Add(10 * time.Second)
	var said string
	for time.Now().Before(deadline) {
		// The first session's end reaches the count a moment after it closes.
		if said = sessionEnds(t, c3, 10*time.Second); !strings.Contains(said, "server is full") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(said, "no input for 1s") {
		t.Errorf("--idle-timeout 1s: the session ended saying %q", said)
	}

	// --log FILE with --log-format json: the log is there, a JSON object
	// a line, and not on stderr.
	logged, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(logged)), "\n")
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Errorf("--log-format json: a line that is not JSON: %q", l)
		}
	}
	if !strings.Contains(string(logged), `"listening"`) || !strings.Contains(string(logged), "idle timeout") || strings.Contains(stderr.String(), "listening") {
		t.Errorf("--log: the file has\n%s\nstderr has\n%s", logged, stderr.String())
	}

	// --max-timeout 1s (with --idle-timeout 0: never): the session ends
	// after a second in any case.
	addr2 := freeAddr(t)
	stderr2 := startServe(t, "--listen", addr2, "--open", "--host-key", hostKey, "--idle-timeout", "0", "--max-timeout", "1s")
	if said := sessionEnds(t, dialServe(t, addr2, anyone(), stderr2), 10*time.Second); !strings.Contains(said, "sessions last at most 1s") {
		t.Errorf("--max-timeout 1s: the session ended saying %q", said)
	}
}

// TestServeAuthorizedKeysFlag: with --authorized-keys FILE, a key in the
// file gets in and another is refused.
func TestServeAuthorizedKeysFlag(t *testing.T) {
	dir := t.TempDir()
	in, out := newSigner(t), newSigner(t)
	keys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(in.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	stderr := startServe(t, "--listen", addr, "--authorized-keys", keys, "--host-key", filepath.Join(dir, "host"))
	c := dialServe(t, addr, gossh.PublicKeys(in), stderr)
	if err := mustSession(t, c).Run("version"); err != nil {
		t.Errorf("the key in the file: %v", err)
	}
	for _, auth := range []gossh.AuthMethod{gossh.PublicKeys(out), anyone()} {
		cfg := &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{auth}, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second}
		if c, err := gossh.Dial("tcp", addr, cfg); err == nil {
			c.Close()
			t.Error("a key not in --authorized-keys (or none) got in")
		}
	}
}

// TestServeRateFlags: --burst B lets an address start B sessions at once;
// with --rate 0 there is no limit.
func TestServeRateFlags(t *testing.T) {
	dir := t.TempDir()
	addr := freeAddr(t)
	stderr := startServe(t, "--listen", addr, "--open", "--host-key", filepath.Join(dir, "host"), "--burst", "2", "--rate", "0.01")
	c := dialServe(t, addr, anyone(), stderr)
	for i := range 2 {
		if err := mustSession(t, c).Run("version"); err != nil {
			t.Fatalf("session %d of a burst of 2: %v", i+1, err)
		}
	}
	refused(t, c, "too many sessions from your address")

	addr = freeAddr(t)
	stderr = startServe(t, "--listen", addr, "--open", "--host-key", filepath.Join(dir, "host"), "--burst", "1", "--rate", "0")
	c = dialServe(t, addr, anyone(), stderr)
	for i := range 4 {
		if err := mustSession(t, c).Run("version"); err != nil {
			t.Fatalf("--rate 0: session %d: %v", i+1, err)
		}
	}
}

func mustSession(t *testing.T, c *gossh.Client) *gossh.Session {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
