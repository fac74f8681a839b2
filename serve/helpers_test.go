package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
)

// samples loads the embedded sample corpus once per test binary run.
var samples = sync.OnceValues(func() (*model.Corpus, error) {
	lib, err := library.Load(context.Background(), library.Source{}, library.Options{Bodies: true, NoCache: true})
	if err != nil {
		return nil, err
	}
	return lib.Corpus, nil
})

func sampleCorpus(t testing.TB) *model.Corpus {
	t.Helper()
	c, err := samples()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newSigner(t testing.TB) gossh.Signer {
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

func hostKeyPEM(t testing.TB) []byte {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	b, err := gossh.MarshalPrivateKey(priv, "test")
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(b)
}

// logBuffer collects the server's log for assertions.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// start runs a server for cfg on 127.0.0.1 and returns it with its address.
// Unset fields get test values: the sample corpus, a fresh host key, --open.
func start(t testing.TB, cfg Config) (*Server, string, *logBuffer) {
	t.Helper()
	srv, ln, logs := listen(t, cfg)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return srv, ln.Addr().String(), logs
}

// listen is start but for the serving: a server for cfg and a listener on
// 127.0.0.1 for it.
func listen(t testing.TB, cfg Config) (*Server, net.Listener, *logBuffer) {
	t.Helper()
	if cfg.Corpus == nil {
		cfg.Corpus = sampleCorpus(t)
	}
	if cfg.HostKey == nil {
		cfg.HostKey = hostKeyPEM(t)
	}
	if cfg.AuthorizedKeys == nil {
		cfg.Open = true
	}
	logs := &logBuffer{}
	if cfg.Logger == nil {
		cfg.Logger = log.NewWithOptions(logs, log.Options{Level: log.DebugLevel})
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv.grace = 500 * time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return srv, ln, logs
}

// dial connects as user "reader" with signer, or with keyboard-interactive
// when signer is nil.
func dial(t testing.TB, addr string, signer gossh.Signer) (*gossh.Client, error) {
	t.Helper()
	auth := []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
		return nil, nil
	})}
	if signer != nil {
		auth = []gossh.AuthMethod{gossh.PublicKeys(signer)}
	}
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "reader",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         5 * time.Second,
	})
	if err == nil {
		t.Cleanup(func() { c.Close() })
	}
	return c, err
}

func mustDial(t testing.TB, addr string, signer gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := dial(t, addr, signer)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// term is a client terminal: an SSH session with a PTY whose output is fed
// to an x/vt emulator. The emulator's replies (to colour and mode queries)
// go back to the server as input, as a real terminal's would.
type term struct {
	t      testing.TB
	sess   *gossh.Session
	e      *vt.SafeEmulator
	in     io.Writer
	inMu   sync.Mutex
	stderr *logBuffer
	exit   chan error
	shown  chan struct{} // closed once all the session's output is on the screen
	err    error
	exited bool
}

// openTerm opens a terminal session; setup runs before the shell starts
// (to send environment variables, or set the terminal's colours).
func openTerm(t testing.TB, c *gossh.Client, w, h int, setup ...func(*gossh.Session, *vt.SafeEmulator)) *term {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	tm := &term{t: t, sess: sess, e: vt.NewSafeEmulator(w, h), stderr: &logBuffer{}, exit: make(chan error, 1), shown: make(chan struct{})}
	for _, f := range setup {
		f(sess, tm.e)
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	tm.in = in
	sess.Stderr = tm.stderr
	go func() { // the screen
		defer close(tm.shown)
		buf := make([]byte, 32*1024)
		for {
			n, err := out.Read(buf)
			if n > 0 {
				tm.e.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	go func() { // the terminal's replies
		buf := make([]byte, 1024)
		for {
			n, err := tm.e.Read(buf)
			if n > 0 {
				tm.send(string(buf[:n]))
			}
			if err != nil {
				return
			}
		}
	}()
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() { tm.exit <- sess.Wait() }()
	t.Cleanup(func() {
		sess.Close()
		// Ends the replies goroutine. (Emulator.Close races with Read.)
		if pw, ok := tm.e.InputPipe().(*io.PipeWriter); ok {
			pw.Close()
		}
	})
	return tm
}

// send types raw bytes, as a terminal sends them.
func (tm *term) send(s string) {
	tm.inMu.Lock()
	defer tm.inMu.Unlock()
	tm.in.Write([]byte(s))
}

func (tm *term) screen() string {
	lines := strings.Split(ansi.Strip(tm.e.Render()), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// waitScreen waits until the screen satisfies ok.
func (tm *term) waitScreen(what string, ok func(string) bool) {
	tm.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s := tm.screen()
		if ok(s) {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("timed out waiting for %s; screen:\n%s", what, s)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (tm *term) waitText(text string) {
	tm.t.Helper()
	tm.waitScreen(fmt.Sprintf("%q", text), func(s string) bool { return strings.Contains(s, text) })
}

func (tm *term) resize(w, h int) {
	tm.t.Helper()
	tm.e.Resize(w, h)
	if err := tm.sess.WindowChange(h, w); err != nil {
		tm.t.Fatal(err)
	}
}

// wait returns the session's exit status once it ends (-1: no status),
// and its last output is on the screen: the exit status can arrive before
// the screen's goroutine has written what came before it.
func (tm *term) wait(d time.Duration) int {
	tm.t.Helper()
	deadline := time.After(d)
	if !tm.exited {
		select {
		case tm.err = <-tm.exit:
			tm.exited = true
		case <-deadline:
			tm.t.Fatalf("session still running after %s; screen:\n%s", d, tm.screen())
		}
	}
	select {
	case <-tm.shown:
	case <-deadline:
		tm.t.Fatalf("the session's output still coming %s after it started ending; screen:\n%s", d, tm.screen())
	}
	return status(tm.t, tm.err)
}

// running reports whether the session is still going after d.
func (tm *term) running(d time.Duration) bool {
	select {
	case tm.err = <-tm.exit:
		tm.exited = true
		return false
	case <-time.After(d):
		return true
	}
}

func status(t testing.TB, err error) int {
	t.Helper()
	var exit *gossh.ExitError
	var missing *gossh.ExitMissingError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitStatus()
	case errors.As(err, &missing):
		return -1
	}
	t.Fatalf("session: %v", err)
	return -1
}

// run runs a command without a PTY and returns its output and status.
func run(t testing.TB, c *gossh.Client, cmd string) (stdout, stderr string, code int) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errb bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errb
	if cmd == "" {
		err = sess.Shell()
		if err == nil {
			err = sess.Wait()
		}
	} else {
		err = sess.Run(cmd)
	}
	return out.String(), errb.String(), status(t, err)
}

// probe is a model for tests: it shows its size, colour profile,
// background and the keys it got, quits on q and panics on p.
type probe struct {
	w, h    int
	profile string
	bg      string
	keys    []string
}

func (p probe) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.ColorProfileMsg:
		p.profile = msg.Profile.String()
	case tea.BackgroundColorMsg:
		p.bg = "light"
		if msg.IsDark() {
			p.bg = "dark"
		}
	case tea.WindowSizeMsg:
		p.w, p.h = msg.Width, msg.Height
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q":
			return p, tea.Quit
		case "p":
			panic("probe: p pressed")
		}
		p.keys = append(p.keys, msg.String())
	}
	return p, nil
}

func (p probe) View() tea.View {
	v := tea.NewView(fmt.Sprintf("probe size=%dx%d\nprofile=%s bg=%s\nkeys=%s", p.w, p.h, p.profile, p.bg, strings.Join(p.keys, ",")))
	v.AltScreen = true
	return v
}

func newProbe(ssh.Session) tea.Model { return probe{} }
