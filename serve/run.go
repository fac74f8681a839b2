package serve

import (
	"context"
	"errors"
	"io"
	"net"
	"time"

	"charm.land/log/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// shutdownWait is how long the sessions have to end when the server is
// told to stop, before their connections are closed under them.
const shutdownWait = 5 * time.Second

// NewLogger is the server's log on w, each line with its time: text, or
// one JSON object a line.
func NewLogger(w io.Writer, json bool) *log.Logger {
	l := log.NewWithOptions(w, log.Options{ReportTimestamp: true, TimeFormat: time.RFC3339})
	if json {
		l.SetFormatter(log.JSONFormatter)
	}
	return l
}

// ServeUntil serves on ln until ctx ends, then shuts down gracefully:
// everyone connected is told, and the sessions have five seconds to end.
// It returns the error that stopped serving, if not ctx.
func (s *Server) ServeUntil(ctx context.Context, ln net.Listener) error {
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()
	select {
	case err := <-served:
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "sessions", s.Sessions())
	sctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	if err := s.Shutdown(sctx); err != nil {
		s.log.Warn("shutdown", "err", err)
	}
	s.log.Info("stopped")
	return nil
}

// Fingerprint is the SHA256 fingerprint of the public half of a private
// key in PEM, as ssh shows it, or "?".
func Fingerprint(pemKey []byte) string {
	signer, err := gossh.ParsePrivateKey(pemKey)
	if err != nil {
		return "?"
	}
	return gossh.FingerprintSHA256(signer.PublicKey())
}
