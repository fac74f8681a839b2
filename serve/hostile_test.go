package serve

import (
	"bytes"
	"charm.land/log/v2"
	"fmt"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// liveHeap is the live heap once a GC has run.
func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// waitLog waits until the log holds every one of want.
func waitLog(t testing.TB, logs *logBuffer, want ...string) {
	t.Helper()
	for _, w := range want {
		waitFor(t, fmt.Sprintf("%q in the log:\n%s", w, logs), func() bool { return strings.Contains(logs.String(), w) })
	}
}

// lockedBuffer is an output that tests read while the session writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestHugeTerminalIsCut: a client asking for 10000×10000 grew the server by
// 4.1 GB. The program now sees at most MaxWidth×MaxHeight, for the pty and
// for every window change.
func TestHugeTerminalIsCut(t *testing.T) {
	_, addr, logs := start(t, Config{NewModel: newProbe})
	sess, err := mustDial(t, addr, nil).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	out := &lockedBuffer{}
	sess.Stdout = out
	if err := sess.RequestPty("xterm-256color", 10000, 10000, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "size=500x300", func() bool { return strings.Contains(out.String(), "size=500x300") })
	if err := sess.WindowChange(100, 9000); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "size=500x100", func() bool { return strings.Contains(out.String(), "size=500x100") })
	if err := sess.WindowChange(4000, 80); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "size=80x300", func() bool { return strings.Contains(out.String(), "size=80x300") })
	waitLog(t, logs, "terminal size cut", "asked=10000x10000", "user=reader", "remote=127.0.0.1")
}

// TestHugeTerminalMemory holds the real reader to the bound: a session that
// asks for 10000×10000 and resizes to it again and again keeps the server's
// live heap within a few MB (it was 4.1 GB).
func TestHugeTerminalMemory(t *testing.T) {
	_, addr, _ := start(t, Config{})
	c := mustDial(t, addr, nil)
	base := liveHeap()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	out := &lockedBuffer{}
	sess.Stdout = out
	in, _ := sess.StdinPipe()
	if err := sess.RequestPty("xterm-256color", 10000, 10000, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if err := sess.WindowChange(10000-i, 10000+i); err != nil {
			t.Fatal(err)
		}
	}
	in.Write([]byte("G"))
	waitFor(t, "the reader to draw", func() bool { return strings.Contains(out.String(), "articles") })
	grown := int64(liveHeap()) - int64(base)
	t.Logf("live heap grew by %d KB", grown>>10)
	if grown > 100<<20 {
		t.Errorf("a 10000x10000 session grew the live heap by %d MB", grown>>20)
	}
}

// TestEnvFlood: 20,000 env requests of 30 KB before any command grew the
// server by 6.5 GB. Now a session keeps at most maxEnvRequests small ones,
// answers the rest "no", logs it once, and is closed after maxRequests.
func TestEnvFlood(t *testing.T) {
	_, addr, logs := start(t, Config{})
	c := mustDial(t, addr, nil)
	base := liveHeap()
	ch, reqs, err := c.OpenChannel("session", nil)
	if err != nil {
		t.Fatal(err)
	}
	go gossh.DiscardRequests(reqs)
	value := strings.Repeat("v", 30<<10)
	sent := 0
	for ; sent < 2000; sent++ {
		payload := gossh.Marshal(struct{ Key, Value string }{fmt.Sprintf("K%d", sent), value})
		if _, err := ch.SendRequest("env", false, payload); err != nil {
			break // the server closed the session
		}
	}
	waitLog(t, logs, "env refused", "session refused", "too many requests before the program started")
	grown := int64(liveHeap()) - int64(base)
	t.Logf("sent %d env requests of 30 KB; live heap grew by %d KB", sent, grown>>10)
	if grown > 10<<20 {
		t.Errorf("env flood grew the live heap by %d MB", grown>>20)
	}
	// The connection still serves.
	if out, _, code := run(t, c, "version"); code != 0 || !strings.Contains(out, "folio") {
		t.Errorf("after the flood: status %d, %q", code, out)
	}
}

// TestEnvKeptWithinBounds: small env requests still reach the session (the
// colour profile reads COLORTERM); a large one is refused.
func TestEnvKeptWithinBounds(t *testing.T) {
	_, addr, logs := start(t, Config{})
	sess, err := mustDial(t, addr, nil).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := sess.Setenv("COLORTERM", "truecolor"); err != nil {
		t.Errorf("a small env request was refused: %v", err)
	}
	if err := sess.Setenv("BIG", strings.Repeat("x", maxEnvBytes)); err == nil {
		t.Error("an oversized env request was accepted")
	}
	waitLog(t, logs, "env refused")
}

// TestLongCommandLine: a 250 KB command line cost 56 s of CPU and went to
// the log whole. Now it is refused before it is split, with a message, and
// logged shortened; the session allocates a small multiple of the line.
func TestLongCommandLine(t *testing.T) {
	_, addr, logs := start(t, Config{})
	c := mustDial(t, addr, nil)
	line := "list -q " + strings.Repeat("a", 250<<10)
	var code int
	var errOut string
	bytes := allocated(func() { _, errOut, code = run(t, c, line) })
	if code != 1 || !strings.Contains(errOut, "command line is too long") {
		t.Errorf("status %d, stderr %q", code, errOut)
	}
	t.Logf("a 250 KB command line: %d KB allocated in the process (client and server)", bytes>>10)
	// The client's and server's transport copy the packet a few times;
	// nothing may be quadratic in it.
	if bytes > 40*uint64(len(line)) {
		t.Errorf("a %d-byte command line allocated %d bytes", len(line), bytes)
	}
	waitLog(t, logs, "command line too long", "more bytes)")
	for _, l := range strings.Split(logs.String(), "\n") {
		if len(l) > 1000 {
			t.Errorf("a log line of %d bytes: %.200s…", len(l), l)
		}
	}
	// Just under the bound still runs (its query under the query's own
	// bound).
	ok := "list -q " + strings.Repeat("x", 1000) + strings.Repeat(" --limit 1", (MaxCommandBytes-1040)/10)
	if _, errOut, code := run(t, c, ok); code != 0 {
		t.Errorf("a %d-byte command: status %d, %q", len(ok), code, errOut)
	}
}

func TestUnclosedQuoteRefused(t *testing.T) {
	_, addr, _ := start(t, Config{})
	_, errOut, code := run(t, mustDial(t, addr, nil), "list -q 'russia")
	if code != 1 || !strings.Contains(errOut, "unclosed quote") {
		t.Errorf("status %d, stderr %q", code, errOut)
	}
}

// TestRefusalsLogged: every request folio does not serve is refused and
// logged with user, address and reason.
func TestRefusalsLogged(t *testing.T) {
	srv, addr, logs := start(t, Config{})
	srv.startTimeout = 300 * time.Millisecond
	c := mustDial(t, addr, nil)

	// ssh -L and -D: a direct-tcpip channel.
	if _, err := c.Dial("tcp", "127.0.0.1:22"); err == nil {
		t.Error("local forwarding was accepted")
	}
	waitLog(t, logs, "channel refused", "local port forwarding (ssh -L or -D)", "to=127.0.0.1:22")
	// ssh -R: a tcpip-forward global request.
	if _, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		t.Error("remote forwarding was accepted")
	}
	waitLog(t, logs, "forwarding refused", "remote port forwarding (ssh -R)")
	// sftp.
	sess, _ := c.NewSession()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was accepted")
	}
	sess.Close()
	waitLog(t, logs, "subsystem refused", "subsystem=sftp")
	// X11 and agent forwarding.
	sess, _ = c.NewSession()
	x11 := gossh.Marshal(struct {
		Single        bool
		Proto, Cookie string
		Screen        uint32
	}{false, "MIT-MAGIC-COOKIE-1", "00", 0})
	if ok, _ := sess.SendRequest("x11-req", true, x11); ok {
		t.Error("X11 forwarding was accepted")
	}
	if ok, _ := sess.SendRequest("auth-agent-req@openssh.com", true, nil); ok {
		t.Error("agent forwarding was accepted")
	}
	waitLog(t, logs, "X11 forwarding refused", "agent forwarding refused")
	// A session that never names a command or a shell is closed.
	waitLog(t, logs, "no command and no shell requested")
	sess.Close()
	// An unknown channel type.
	if _, _, err := c.OpenChannel("x-folio-test", nil); err == nil {
		t.Error("an unknown channel type was accepted")
	}
	waitLog(t, logs, "channel type not served", "channel=x-folio-test")

	// ssh -N: a connection that opens no session is closed and logged.
	idle := mustDial(t, addr, nil)
	done := make(chan error, 1)
	go func() { done <- idle.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Error("a connection without a session stayed open")
	}
	waitLog(t, logs, "connection refused", "no session opened")
	// One that leaves before the timeout is logged as it goes.
	srv.startTimeout = time.Minute
	early := mustDial(t, addr, nil)
	early.Close()
	waitLog(t, logs, "connection ended", "no session opened")

	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "refused") && !(strings.Contains(l, "user=reader") && strings.Contains(l, "remote=127.0.0.1:") && strings.Contains(l, "reason=")) {
			t.Errorf("a refusal without user, remote or reason: %s", l)
		}
	}
}

// TestFailedKeyLogged: a key that is not on the allow-list is logged.
func TestFailedKeyLogged(t *testing.T) {
	alice, eve := newSigner(t), newSigner(t)
	keys, _ := allowList(t, alice)
	_, addr, logs := start(t, Config{AuthorizedKeys: keys})
	if _, err := dial(t, addr, eve); err == nil {
		t.Fatal("eve was let in")
	}
	waitLog(t, logs, "key refused", "user=reader", "reason=\"not in the authorized keys\"", gossh.FingerprintSHA256(eve.PublicKey()))
}

// TestRefusalsRateLimited: a flood of refusals writes at most the burst,
// then one line saying how many were left out.
func TestRefusalsRateLimited(t *testing.T) {
	logs := &logBuffer{}
	now := time.Unix(1e9, 0)
	r := newRefusals(log.New(logs), 1, 3)
	r.now = func() time.Time { return now }
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9}
	for range 1000 {
		r.refuse("channel refused", "eve", addr, "local port forwarding")
	}
	if n := strings.Count(logs.String(), "channel refused"); n != 3 {
		t.Errorf("%d lines for 1000 refusals, want the burst of 3:\n%s", n, logs)
	}
	now = now.Add(2 * time.Second)
	r.refuse("channel refused", "eve\x1b[31m", addr, "local port forwarding")
	if !strings.Contains(logs.String(), "997 more refusals suppressed") || !strings.Contains(logs.String(), `eve\x1b[31m`) {
		t.Errorf("log:\n%s", logs)
	}
}

// TestWindowChangeFloodDropped: window changes that cut to the size the
// program already has are not passed on, so a flood of 10000×10000 changes
// costs no redraws; a real change still is.
func TestWindowChangeFloodDropped(t *testing.T) {
	f := &filter{clipLogged: true}
	pty := ptyRequest{Term: "xterm", Columns: 10000, Rows: 10000}
	if pass, _ := f.check(&gossh.Request{Type: "pty-req", Payload: gossh.Marshal(pty)}); !pass {
		t.Fatal("pty request not passed on")
	}
	f.started = true
	passed := 0
	for i := range 1000 {
		wc := windowChange{Columns: uint32(10000 - i%2), Rows: 10000}
		if pass, _ := f.check(&gossh.Request{Type: "window-change", Payload: gossh.Marshal(wc)}); pass {
			passed++
		}
	}
	if passed != 0 {
		t.Errorf("%d of 1000 window changes that all cut to 500x300 were passed on; want none", passed)
	}
	if pass, _ := f.check(&gossh.Request{Type: "window-change", Payload: gossh.Marshal(windowChange{Columns: 80, Rows: 24})}); !pass {
		t.Error("a real window change was dropped")
	}
}
