package serve

import (
	"context"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestServeUntil: the server serves until its context ends, then tells
// the sessions open that it is shutting down, and returns once they end.
func TestServeUntil(t *testing.T) {
	srv, ln, logs := listen(t, Config{NewModel: newProbe})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- srv.ServeUntil(ctx, ln) }()
	tm := openTerm(t, mustDial(t, ln.Addr().String(), nil), 80, 24)
	tm.waitText("probe")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("ServeUntil: %v", err)
		}
	case <-time.After(shutdownWait + 5*time.Second):
		t.Fatal("ServeUntil did not return after its context ended")
	}
	tm.wait(5 * time.Second)
	if !strings.Contains(tm.stderr.String(), "folio: the server is shutting down") {
		t.Errorf("the session was not told: %q", tm.stderr.String())
	}
	waitLog(t, logs, "shutting down", "stopped")
}

func TestFingerprint(t *testing.T) {
	pem := hostKeyPEM(t)
	signer, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Fingerprint(pem), gossh.FingerprintSHA256(signer.PublicKey()); got != want || !strings.HasPrefix(got, "SHA256:") {
		t.Errorf("Fingerprint = %q, want %q", got, want)
	}
	if got := Fingerprint([]byte("not a key")); got != "?" {
		t.Errorf("Fingerprint of no key = %q, want ?", got)
	}
}
