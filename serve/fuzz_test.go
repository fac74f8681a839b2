package serve

import (
	"context"
	"encoding/binary"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// panicCatcher records charm.land/ssh's panic reports (it recovers panics in
// its handlers and logs them through log/slog).
type panicCatcher struct{ n *atomic.Int64 }

func (p panicCatcher) Enabled(context.Context, slog.Level) bool { return true }
func (p panicCatcher) Handle(_ context.Context, r slog.Record) error {
	if strings.Contains(r.Message, "panic") {
		p.n.Add(1)
	}
	return nil
}
func (p panicCatcher) WithAttrs([]slog.Attr) slog.Handler { return p }
func (p panicCatcher) WithGroup(string) slog.Handler      { return p }

var fuzzRequestTypes = []string{
	"pty-req", "window-change", "env", "exec", "shell", "subsystem", "signal", "break",
	"x11-req", "auth-agent-req@openssh.com", "eow@openssh.com", "keepalive@openssh.com",
}

// FuzzSessionRequests sends a session random requests (types, payloads and
// sizes from the input) against an in-process server: nothing panics and
// the server's live heap stays bounded.
func FuzzSessionRequests(f *testing.F) {
	f.Add([]byte{0, 0, 40, 'x', 1, 0, 16, 0xff})
	f.Add(append([]byte{2, 0x78, 0}, gossh.Marshal(struct{ K, V string }{"A", "b"})...))
	f.Add([]byte{3, 0, 8, 0, 0, 0, 4, 'l', 'i', 's', 't'})
	f.Add([]byte{5, 0, 12, 0, 0, 0, 4, 's', 'f', 't', 'p'})
	f.Add([]byte{0, 0, 20, 0, 0, 0, 1, 'x', 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{200, 0, 5, 'h', 'e', 'l', 'l', 'o'})

	var panics atomic.Int64
	prev := slog.Default()
	slog.SetDefault(slog.New(panicCatcher{&panics}))
	f.Cleanup(func() { slog.SetDefault(prev) })
	_, addr, _ := start(f, Config{NewModel: newProbe})
	c := mustDial(f, addr, nil)
	base := liveHeap()

	f.Fuzz(func(t *testing.T, data []byte) {
		ch, reqs, err := c.OpenChannel("session", nil)
		if err != nil {
			t.Fatal(err)
		}
		go gossh.DiscardRequests(reqs)
		for len(data) >= 3 {
			kind := data[0]
			size := int(binary.BigEndian.Uint16(data[1:3]))
			data = data[3:]
			typ := ""
			if int(kind) < len(fuzzRequestTypes) {
				typ = fuzzRequestTypes[kind]
			} else {
				typ = string(rune(kind)) // an unknown type
			}
			payload := make([]byte, size)
			n := copy(payload, data)
			data = data[n:]
			if _, err := ch.SendRequest(typ, false, payload); err != nil {
				break
			}
		}
		_, _ = ch.SendRequest("keepalive@openssh.com", true, nil) // a round trip: the server has read them all
		ch.Close()
		if n := panics.Load(); n > 0 {
			t.Fatalf("%d panics in the server's handlers", n)
		}
		if grown := int64(liveHeap()) - int64(base); grown > 200<<20 {
			t.Fatalf("the server's live heap grew by %d MB", grown>>20)
		}
	})
}
