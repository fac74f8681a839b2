package serve

import (
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestSessionsPerKey: one key holds at most MaxPerKey sessions; the next is
// refused with a message saying so, another key is still let in, and a
// session's end frees its place.
func TestSessionsPerKey(t *testing.T) {
	alice, bob := newSigner(t), newSigner(t)
	keys, _ := allowList(t, alice, bob)
	srv, addr, logs := start(t, Config{NewModel: newProbe, AuthorizedKeys: keys, MaxPerKey: 2, MaxPerAddr: 10})
	var held []*term
	for range 2 {
		tm := openTerm(t, mustDial(t, addr, alice), 80, 24)
		tm.waitText("probe")
		held = append(held, tm)
	}
	third := openTerm(t, mustDial(t, addr, alice), 80, 24)
	if code := third.wait(5 * time.Second); code != 1 {
		t.Errorf("third session of one key: exit status %d, want 1", code)
	}
	want := "folio: your key has 2 sessions open here already, the most one key may"
	if got := third.stderr.String(); !strings.Contains(got, want) {
		t.Errorf("stderr %q, want %q", got, want)
	}
	waitLog(t, logs, "too many sessions for the key")
	other := openTerm(t, mustDial(t, addr, bob), 80, 24)
	other.waitText("probe")

	held[0].send("q")
	held[0].wait(5 * time.Second)
	waitFor(t, "the key's session to end", func() bool { return srv.Sessions() == 2 })
	again := openTerm(t, mustDial(t, addr, alice), 80, 24)
	again.waitText("probe")
}

// TestSessionsPerAddress: one address holds at most MaxPerAddr sessions,
// whichever keys (or none) they use.
func TestSessionsPerAddress(t *testing.T) {
	_, addr, logs := start(t, Config{NewModel: newProbe, MaxPerAddr: 3})
	for i := range 3 {
		var signer gossh.Signer
		if i > 0 {
			signer = newSigner(t) // each its own key: the address is what counts
		}
		openTerm(t, mustDial(t, addr, signer), 80, 24).waitText("probe")
	}
	// A plain command is a session too.
	_, stderr, code := run(t, mustDial(t, addr, newSigner(t)), "version")
	want := "folio: your address has 3 sessions open here already, the most one address may"
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("fourth session: status %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	waitLog(t, logs, "too many sessions from the address")
}

// TestSessionsPerKeyDefault: without a setting, five of each.
func TestSessionsPerKeyDefault(t *testing.T) {
	srv, _, _ := start(t, Config{NewModel: newProbe})
	if srv.cfg.MaxPerKey != 5 || srv.cfg.MaxPerAddr != 5 {
		t.Fatalf("defaults %d per key, %d per address; want 5 and 5", srv.cfg.MaxPerKey, srv.cfg.MaxPerAddr)
	}
	if _, err := New(Config{Corpus: srv.cfg.Corpus, HostKey: hostKeyPEM(t), Open: true, MaxPerKey: -1}); err == nil {
		t.Error("a negative limit accepted")
	}
}

// TestSessionsKeyless: sessions without a key hold at most MaxKeyless
// places, whatever their addresses allow; the next is refused with a
// message saying so and a log line, while a visitor with a key is still
// let in; a keyless session's end frees its place.
func TestSessionsKeyless(t *testing.T) {
	srv, addr, logs := start(t, Config{NewModel: newProbe, MaxSessions: 4, MaxPerAddr: 10, MaxKeyless: 2})
	var held []*term
	for range 2 {
		tm := openTerm(t, mustDial(t, addr, nil), 80, 24)
		tm.waitText("probe")
		held = append(held, tm)
	}
	_, stderr, code := run(t, mustDial(t, addr, nil), "version")
	want := "folio: the server holds 2 sessions without a key already, the most it lets in; connect with a key"
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("third session without a key: status %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	waitLog(t, logs, "too many sessions without a key")
	openTerm(t, mustDial(t, addr, newSigner(t)), 80, 24).waitText("probe")

	held[0].send("q")
	held[0].wait(5 * time.Second)
	waitFor(t, "the keyless session to end", func() bool { return srv.Sessions() == 2 })
	openTerm(t, mustDial(t, addr, nil), 80, 24).waitText("probe")
}

// TestSessionsKeylessDefault: without a setting, half the places may go to
// sessions without a key, and at least one.
func TestSessionsKeylessDefault(t *testing.T) {
	for _, c := range []struct{ sessions, want int }{{0, DefaultMaxSessions / 2}, {1, 1}, {3, 1}, {10, 5}} {
		srv, _, _ := start(t, Config{NewModel: newProbe, MaxSessions: c.sessions})
		if srv.cfg.MaxKeyless != c.want {
			t.Errorf("%d sessions: %d without a key, want %d", c.sessions, srv.cfg.MaxKeyless, c.want)
		}
	}
	if _, err := New(Config{Corpus: sampleCorpus(t), HostKey: hostKeyPEM(t), Open: true, MaxKeyless: -1}); err == nil {
		t.Error("a negative limit accepted")
	}
}

func TestOccupancy(t *testing.T) {
	o := newOccupancy(2, 2, 1)
	var releases []func()
	for i, c := range []struct{ key, addr, full string }{
		{"k1", "a", ""}, {"k1", "b", ""}, {"k1", "c", "key"},
		{"", "a", ""}, {"k2", "a", "address"}, {"", "a", "address"}, {"", "d", "keyless"},
	} {
		release, full := o.take(c.key, c.addr)
		if full != c.full {
			t.Fatalf("%d %v: full %q, want %q", i, c, full, c.full)
		}
		if release != nil {
			releases = append(releases, release)
		}
	}
	releases[0]()
	releases[0]() // twice releases once
	if _, full := o.take("k1", "c"); full != "" {
		t.Errorf("after a release: %q", full)
	}
	if _, full := o.take("k3", "a"); full != "" {
		t.Errorf("address a after a release: %q", full)
	}
	if _, full := o.take("k3", "a"); full != "address" {
		t.Errorf("address a full again: %q", full)
	}
	releases[2]() // the session without a key
	if _, full := o.take("", "d"); full != "" {
		t.Errorf("without a key after its release: %q", full)
	}
}
