package serve

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

func TestReaderOverPTY(t *testing.T) {
	_, addr, _ := start(t, Config{})
	tm := openTerm(t, mustDial(t, addr, nil), 80, 24)
	// Works with the stub ("folio (stub)") and with the real app, whose
	// title line names folio.
	tm.waitScreen("the reader", func(s string) bool { return strings.Contains(s, "folio") })
	if !tm.e.IsAltScreen() {
		t.Error("the reader did not enter the alt screen")
	}
	tm.send("q")
	if code := tm.wait(5 * time.Second); code != 0 {
		t.Errorf("q: exit status %d, want 0", code)
	}
	if tm.e.IsAltScreen() {
		t.Error("the client's terminal was left in the alt screen")
	}
}

func TestUnknownKeysAreIgnored(t *testing.T) {
	_, addr, _ := start(t, Config{})
	tm := openTerm(t, mustDial(t, addr, nil), 80, 24)
	tm.waitText("folio")
	// F12, a function key with modifiers, ctrl+], a stray escape sequence,
	// an unused letter, invalid UTF-8.
	for _, k := range []string{"\x1b[24~", "\x1b[1;5P", "\x1d", "\x1b[999;999Z", "Z", "\xff\xfe"} {
		tm.send(k)
	}
	if !tm.running(300 * time.Millisecond) {
		t.Fatalf("the session ended on unknown keys: %v", tm.err)
	}
	tm.waitText("folio")
	tm.send("q")
	if code := tm.wait(5 * time.Second); code != 0 {
		t.Errorf("exit status %d, want 0", code)
	}
}

func TestResize(t *testing.T) {
	_, addr, _ := start(t, Config{NewModel: newProbe})
	tm := openTerm(t, mustDial(t, addr, nil), 80, 24)
	tm.waitText("size=80x24")
	tm.resize(100, 30)
	tm.waitText("size=100x30")
	tm.resize(60, 20)
	tm.waitText("size=60x20")
	tm.send("x")
	tm.waitText("keys=x")
	tm.send("q")
	if code := tm.wait(5 * time.Second); code != 0 {
		t.Errorf("exit status %d, want 0", code)
	}
}

func TestColoursPerSession(t *testing.T) {
	_, addr, _ := start(t, Config{NewModel: newProbe})
	light := openTerm(t, mustDial(t, addr, nil), 80, 24, func(s *gossh.Session, e *vt.SafeEmulator) {
		if err := s.Setenv("COLORTERM", "truecolor"); err != nil {
			t.Fatal(err)
		}
		e.SetBackgroundColor(color.White)
	})
	dark := openTerm(t, mustDial(t, addr, nil), 80, 24)
	light.waitText("profile=TrueColor bg=light")
	dark.waitText("profile=ANSI256 bg=dark")
}

func TestSessionCap(t *testing.T) {
	srv, addr, logs := start(t, Config{NewModel: newProbe, MaxSessions: 1, MaxKeyless: 2}) // the total is what is tested
	first := openTerm(t, mustDial(t, addr, nil), 80, 24)
	first.waitText("probe")

	second := openTerm(t, mustDial(t, addr, nil), 80, 24)
	if code := second.wait(5 * time.Second); code != 1 {
		t.Errorf("second session: exit status %d, want 1", code)
	}
	want := "folio: the server is full (1 session); try again later"
	if got := second.stderr.String(); !strings.Contains(got, want) {
		t.Errorf("second session: stderr %q, want %q", got, want)
	}
	if !strings.Contains(logs.String(), "reason=\"server full\"") {
		t.Errorf("the refusal is not logged:\n%s", logs)
	}
	// The first session is untouched, and its end frees the place.
	first.send("q")
	first.wait(5 * time.Second)
	waitFor(t, "the session count to drop", func() bool { return srv.Sessions() == 0 })
	third := openTerm(t, mustDial(t, addr, nil), 80, 24)
	third.waitText("probe")
}

func TestCommandsWithoutPTY(t *testing.T) {
	_, addr, _ := start(t, Config{Version: "v9.9.9"})
	c := mustDial(t, addr, nil)
	corpus := sampleCorpus(t)
	first := corpus.At(0)

	tests := []struct {
		cmd        string
		code       int
		stdout     []string // each must appear
		stderr     string
		noStdout   bool
		stdoutRows int // lines expected, when > 0
	}{
		{cmd: "list", stdoutRows: corpus.Len(), stdout: []string{first.ID, first.Title}},
		{cmd: "list --limit 2", stdoutRows: 2},
		{cmd: "list --json --limit 1", stdout: []string{`"id":`}},
		{cmd: "show " + first.ID, stdout: []string{first.Title}},
		{cmd: "stats", stdout: []string{"articles"}},
		{cmd: "version", stdout: []string{"folio v9.9.9"}},
		{cmd: "help", stdout: []string{"list"}},
		{cmd: "show no/such/article.txt", code: 1, stderr: "no article", noStdout: true},
		{cmd: "list /etc", code: 2, stderr: "too many arguments", noStdout: true},
		{cmd: "show /etc/passwd", code: 1, stderr: "no article", noStdout: true},
		{cmd: "show ../../../../etc/passwd", code: 1, stderr: "no article", noStdout: true},
		{cmd: "serve", code: 1, stderr: "not available over SSH", noStdout: true},
		{cmd: "sh -c id", code: 1, stderr: "not available over SSH", noStdout: true},
		{cmd: "/bin/ls", code: 1, stderr: "not available over SSH", noStdout: true},
		{cmd: "version --json", code: 1, stderr: "not available over SSH", noStdout: true},
		{cmd: "", code: 1, stderr: "no terminal", noStdout: true},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			out, errOut, code := run(t, c, tt.cmd)
			if code != tt.code {
				t.Errorf("exit status %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			if tt.stdoutRows > 0 {
				if n := strings.Count(out, "\n"); n != tt.stdoutRows {
					t.Errorf("stdout has %d lines, want %d:\n%s", n, tt.stdoutRows, out)
				}
			}
			if tt.noStdout && out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr %q, want %q", errOut, tt.stderr)
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") > 0 && tt.code != 0 {
				t.Errorf("refusal takes more than one line: %q", errOut)
			}
		})
	}
}

func TestCommandWithPTYRunsPlain(t *testing.T) {
	_, addr, _ := start(t, Config{})
	sess, err := mustDial(t, addr, nil).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, err := sess.Output("list --limit 1")
	if code := status(t, err); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	id, _, _ := strings.Cut(string(out), "\t")
	if _, ok := sampleCorpus(t).ByID(id); !ok || !strings.HasSuffix(string(out), "\r\n") || strings.Count(string(out), "\n") != 1 {
		t.Errorf("output %q: want one line (CRLF, the PTY's) naming an article", out)
	}
}

// keysFile writes an authorized_keys file listing signers.
func keysFile(t *testing.T, path string, signers ...gossh.Signer) {
	t.Helper()
	var b strings.Builder
	b.WriteString("# folio readers\n\n")
	for _, s := range signers {
		b.Write(gossh.MarshalAuthorizedKey(s.PublicKey()))
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func allowList(t *testing.T, signers ...gossh.Signer) (*KeyList, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "authorized_keys")
	keysFile(t, path, signers...)
	keys, err := LoadKeyList(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	keys.every = 10 * time.Millisecond
	return keys, path
}

func TestAuthorizedKeys(t *testing.T) {
	alice, bob, eve := newSigner(t), newSigner(t), newSigner(t)
	keys, path := allowList(t, alice, bob)
	_, addr, logs := start(t, Config{AuthorizedKeys: keys, NewModel: newProbe})

	if _, err := dial(t, addr, eve); err == nil {
		t.Fatal("an unlisted key was let in")
	}
	if _, err := dial(t, addr, nil); err == nil {
		t.Fatal("keyboard-interactive was let in without --open")
	}
	if !strings.Contains(logs.String(), gossh.FingerprintSHA256(eve.PublicKey())) {
		t.Errorf("the refused key is not logged:\n%s", logs)
	}
	if out, _, code := run(t, mustDial(t, addr, alice), "version"); code != 0 || out == "" {
		t.Fatalf("alice: status %d, output %q", code, out)
	}

	// Alice is removed while the server runs: her next connection is
	// refused, Bob's is not.
	keysFile(t, path, bob)
	waitFor(t, "alice's removal to apply", func() bool { return !keys.Allowed(alice.PublicKey()) })
	if _, err := dial(t, addr, alice); err == nil {
		t.Fatal("a removed key was let in")
	}
	mustDial(t, addr, bob)
}

func TestKeyRecheckedInSession(t *testing.T) {
	alice, bob := newSigner(t), newSigner(t)
	keys, path := allowList(t, alice, bob)
	_, addr, _ := start(t, Config{AuthorizedKeys: keys, NewModel: newProbe})

	// A connection authenticated before the key was removed cannot open a
	// new session afterwards.
	c := mustDial(t, addr, alice)
	tm := openTerm(t, c, 80, 24)
	tm.waitText("probe")
	keysFile(t, path, bob)

	// The running session ends, with the terminal restored…
	if code := tm.wait(5 * time.Second); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if !strings.Contains(tm.stderr.String(), "removed from the authorized keys") {
		t.Errorf("stderr %q", tm.stderr.String())
	}
	if tm.e.IsAltScreen() {
		t.Error("left in the alt screen")
	}
	// …and the still-open connection cannot start another.
	_, errOut, code := run(t, c, "version")
	if code != 1 || !strings.Contains(errOut, "not authorized") {
		t.Errorf("new session on the old connection: status %d, stderr %q", code, errOut)
	}
}

func TestAuthorizedKeysUnreadableKeepsLastList(t *testing.T) {
	alice := newSigner(t)
	keys, path := allowList(t, alice)
	keys.every = 0 // every check looks at the file: nothing to wait for
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if !keys.Allowed(alice.PublicKey()) {
		t.Error("the last good list was dropped when the file went away")
	}
	keysFile(t, path) // back, empty
	if keys.Allowed(alice.PublicKey()) {
		t.Error("the new (empty) list was not applied")
	}
}

func TestOpenAcceptsAnyone(t *testing.T) {
	_, addr, _ := start(t, Config{NewModel: newProbe})
	for _, s := range []gossh.Signer{nil, newSigner(t)} {
		if out, _, code := run(t, mustDial(t, addr, s), "version"); code != 0 || !strings.HasPrefix(out, "folio") {
			t.Errorf("status %d, output %q", code, out)
		}
	}
}

func TestNewRefusesWithoutAccessChoice(t *testing.T) {
	_, err := New(Config{Corpus: sampleCorpus(t), HostKey: hostKeyPEM(t)})
	if err == nil || !strings.Contains(err.Error(), "--open") {
		t.Fatalf("err = %v, want a refusal naming --open", err)
	}
	if _, err := New(Config{Corpus: sampleCorpus(t), Open: true}); err == nil {
		t.Fatal("no host key accepted")
	}
}

func TestPanicEndsOneSession(t *testing.T) {
	srv, addr, logs := start(t, Config{NewModel: newProbe})
	c := mustDial(t, addr, nil)
	victim := openTerm(t, c, 80, 24)
	other := openTerm(t, mustDial(t, addr, nil), 80, 24)
	victim.waitText("probe")
	other.waitText("probe")

	victim.send("p")
	if code := victim.wait(5 * time.Second); code != 1 {
		t.Errorf("panicking session: exit status %d, want 1", code)
	}
	if victim.e.IsAltScreen() {
		t.Error("the panicking session left the client in the alt screen")
	}
	if !strings.Contains(victim.stderr.String(), "internal error") {
		t.Errorf("stderr %q", victim.stderr.String())
	}
	if l := logs.String(); !strings.Contains(l, "probe: p pressed") || !strings.Contains(l, "goroutine") {
		t.Errorf("the panic and its stack are not logged:\n%s", l)
	}

	other.send("k")
	other.waitText("keys=k")
	if _, _, code := run(t, mustDial(t, addr, nil), "version"); code != 0 {
		t.Errorf("new session after the panic: status %d", code)
	}
	other.send("q")
	if code := other.wait(5 * time.Second); code != 0 {
		t.Errorf("other session: exit status %d", code)
	}
	waitFor(t, "no sessions", func() bool { return srv.Sessions() == 0 })
}

func TestRecoverMiddleware(t *testing.T) {
	// A panic outside the program (in a handler on the session's own
	// goroutine) is the recover middleware's.
	_, addr, logs := start(t, Config{NewModel: func(ssh.Session) tea.Model { panic("constructor") }})
	tm := openTerm(t, mustDial(t, addr, nil), 80, 24)
	if code := tm.wait(5 * time.Second); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if !strings.Contains(logs.String(), "constructor") {
		t.Errorf("not logged:\n%s", logs)
	}
	if _, _, code := run(t, mustDial(t, addr, nil), "version"); code != 0 {
		t.Errorf("the server stopped serving: status %d", code)
	}
}

func TestShutdown(t *testing.T) {
	srv, addr, _ := start(t, Config{NewModel: newProbe})
	// An idle client with a session, and one with a connection only.
	tm := openTerm(t, mustDial(t, addr, nil), 80, 24)
	tm.waitText("probe")
	mustDial(t, addr, nil)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	began := time.Now()
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	if took := time.Since(began); took > 5*time.Second {
		t.Errorf("Shutdown took %s", took)
	}
	tm.wait(time.Second)
	if !strings.Contains(tm.stderr.String(), "folio: the server is shutting down") {
		t.Errorf("the client was not told: stderr %q", tm.stderr.String())
	}
	if tm.e.IsAltScreen() {
		t.Error("left in the alt screen")
	}
	if _, err := dial(t, addr, nil); err == nil {
		t.Error("still accepting connections")
	}
}

func TestIdleTimeout(t *testing.T) {
	_, addr, logs := start(t, Config{NewModel: newProbe, IdleTimeout: 400 * time.Millisecond})
	c := mustDial(t, addr, nil)

	// Typing keeps a session alive past the timeout, though the screen
	// (output) would not.
	busy := openTerm(t, c, 80, 24)
	busy.waitText("probe")
	// A key every 100 ms for twice the timeout: the pace is the test's
	// point, and each key is seen to arrive before the next is due.
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for i := range 8 {
		busy.send("k")
		busy.waitText("keys=k" + strings.Repeat(",k", i))
		<-tick.C
	}
	if !busy.running(0) {
		t.Fatal("a session with input was ended as idle")
	}
	// Then it stops typing.
	began := time.Now()
	if code := busy.wait(3 * time.Second); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if took := time.Since(began); took > 1500*time.Millisecond {
		t.Errorf("ended %s after the last key", took)
	}
	if !strings.Contains(busy.stderr.String(), "no input for 400ms") {
		t.Errorf("stderr %q", busy.stderr.String())
	}
	if busy.e.IsAltScreen() {
		t.Error("left in the alt screen")
	}
	if !strings.Contains(logs.String(), "idle timeout") {
		t.Errorf("not logged:\n%s", logs)
	}
}

func TestMaxTimeout(t *testing.T) {
	_, addr, _ := start(t, Config{NewModel: newProbe, MaxTimeout: 500 * time.Millisecond})
	tm := openTerm(t, mustDial(t, addr, nil), 80, 24)
	tm.waitText("probe")
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
				tm.send("k")
			}
		}
	})
	code := tm.wait(3 * time.Second)
	close(done)
	wg.Wait()
	if code != 1 || !strings.Contains(tm.stderr.String(), "at most 500ms") {
		t.Errorf("status %d, stderr %q", code, tm.stderr.String())
	}
}

func TestRateLimit(t *testing.T) {
	_, addr, _ := start(t, Config{Rate: 0.01, Burst: 2})
	c := mustDial(t, addr, nil)
	for i := range 2 {
		if _, _, code := run(t, c, "version"); code != 0 {
			t.Fatalf("session %d: status %d", i, code)
		}
	}
	_, errOut, code := run(t, c, "version")
	if code != 1 || !strings.Contains(errOut, "too many sessions from your address") {
		t.Errorf("third session: status %d, stderr %q", code, errOut)
	}
}

func TestHangingProgramIsKilled(t *testing.T) {
	// A model that ignores Quit (stuck in Update) is killed after the grace
	// period when the session must end.
	block := make(chan struct{})
	defer close(block)
	_, addr, _ := start(t, Config{NewModel: func(ssh.Session) tea.Model { return stuck{block} }, IdleTimeout: 200 * time.Millisecond})
	tm := openTerm(t, mustDial(t, addr, nil), 80, 24)
	tm.waitText("stuck")
	tm.send("x") // Update blocks from here on
	if code := tm.wait(5 * time.Second); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if !strings.Contains(tm.stderr.String(), "no input") {
		t.Errorf("stderr %q", tm.stderr.String())
	}
}

// stuck is a model whose Update never returns once a key arrives.
type stuck struct{ block chan struct{} }

func (s stuck) Init() tea.Cmd { return nil }
func (s stuck) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		<-s.block
	}
	return s, nil
}
func (s stuck) View() tea.View { return tea.NewView("stuck") }

func waitFor(t testing.TB, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
