package serve

import (
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// track gives the session its state (see session), registers it so that
// Shutdown can reach it, and is the one place a session exits: after the
// handlers return, or — when the server ended the session and the handlers
// do not return within the grace period — under them.
func (s *Server) track(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := newSession(sess, s.nextID.Add(1))
		st.writeTimeout = s.cfg.WriteTimeout
		s.mu.Lock()
		s.sessions[st] = struct{}{}
		s.mu.Unlock()
		defer func() {
			st.finish()
			close(st.done)
			st.cancel()
			s.mu.Lock()
			delete(s.sessions, st)
			if len(s.sessions) == 0 {
				close(s.idle)
				s.idle = make(chan struct{})
			}
			s.mu.Unlock()
		}()
		go func() {
			select {
			case <-st.done:
				return
			case <-st.ctx.Done():
			}
			select {
			case <-st.done:
			case <-time.After(s.grace):
				st.finish() // closes the channel: a stuck handler's reads and writes fail
			}
		}()
		if s.closing.Load() {
			st.refuse("server shutting down", "folio: the server is shutting down; try again later")
			s.log.Info("session refused", "remote", sess.RemoteAddr().String(), "reason", "server shutting down")
			return
		}
		next(st)
	}
}

// logging writes one line when a session starts and one when it ends, with
// who, from where, with which key, for how long and how it ended.
func (s *Server) logging(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := stateOf(sess)
		l := s.log.With("session", st.id, "user", clip(sess.User(), 64),
			"remote", sess.RemoteAddr().String(), "key", fingerprint(sess.PublicKey()))
		var kv []any
		if pty, _, ok := sess.Pty(); ok {
			kv = append(kv, "term", clip(pty.Term, 64), "size", fmt.Sprintf("%dx%d", pty.Window.Width, pty.Window.Height))
		}
		if cmd := sess.RawCommand(); cmd != "" {
			kv = append(kv, "command", clip(cmd, 200))
		}
		l.Info("session start", kv...)
		next(sess)
		status, reason, refused := st.outcome()
		kv = []any{"duration", time.Since(st.start).Round(time.Millisecond), "status", status}
		if reason != "" {
			kv = append(kv, "reason", reason)
		}
		switch {
		case refused:
			l.Warn("session refused", kv...)
		case reason == "panic":
			l.Error("session end", kv...)
		default:
			l.Info("session end", kv...)
		}
	}
}

// recover turns a panic in the handlers below into the end of this session
// alone: the stack goes to the log, the client gets one line and status 1.
func (s *Server) recover(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := stateOf(sess)
		defer func() {
			if r := recover(); r != nil {
				s.logPanic(st, r, debug.Stack())
			}
		}()
		next(sess)
	}
}

// logPanic records a panic in st's session and logs it with its stack.
func (s *Server) logPanic(st *session, r any, stack []byte) {
	s.log.Error("panic", "session", st.id, "user", clip(st.User(), 64), "remote", st.RemoteAddr().String(),
		"panic", fmt.Sprint(r), "stack", strings.ReplaceAll(string(stack), "\t", "    "))
	st.mu.Lock()
	st.status, st.reason, st.notice = 1, "panic", "folio: internal error; the session ended (the server keeps running)"
	st.mu.Unlock()
}

// rateLimit turns away a remote address that starts sessions faster than
// Rate a second (after a burst of Burst).
func (s *Server) rateLimit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if s.limiter != nil && !s.limiter.allow(hostOf(sess.RemoteAddr()), time.Now()) {
			stateOf(sess).refuse("rate limit", "folio: too many sessions from your address; wait a few seconds and try again")
			s.refusals.refuse("session refused", sess.User(), sess.RemoteAddr(), "rate limit")
			return
		}
		next(sess)
	}
}

// sessionCap turns sessions away while MaxSessions are in progress, or
// MaxPerKey with the session's key, or MaxPerAddr from its address, or
// MaxKeyless without a key when it has none.
func (s *Server) sessionCap(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		key := ""
		if k := sess.PublicKey(); k != nil {
			key = fingerprint(k)
		}
		release, full := s.held.take(key, hostOf(sess.RemoteAddr()))
		switch full {
		case "key":
			n := s.cfg.MaxPerKey
			stateOf(sess).refuse("too many sessions for the key", fmt.Sprintf("folio: your key has %d %s open here already, the most one key may; close one and try again", n, plural(n, "session")))
			s.refusals.refuse("session refused", sess.User(), sess.RemoteAddr(), "too many sessions for the key", "key", key)
			return
		case "address":
			n := s.cfg.MaxPerAddr
			stateOf(sess).refuse("too many sessions from the address", fmt.Sprintf("folio: your address has %d %s open here already, the most one address may; close one and try again", n, plural(n, "session")))
			s.refusals.refuse("session refused", sess.User(), sess.RemoteAddr(), "too many sessions from the address")
			return
		case "keyless":
			n := s.cfg.MaxKeyless
			stateOf(sess).refuse("too many sessions without a key", fmt.Sprintf("folio: the server holds %d %s without a key already, the most it lets in; connect with a key (any key will do) or try again later", n, plural(n, "session")))
			s.refusals.refuse("session refused", sess.User(), sess.RemoteAddr(), "too many sessions without a key", "limit", n)
			return
		}
		defer release()
		max := s.cfg.MaxSessions
		if s.active.Add(1) > int64(max) {
			s.active.Add(-1)
			stateOf(sess).refuse("server full", fmt.Sprintf("folio: the server is full (%d %s); try again later", max, plural(max, "session")))
			s.refusals.refuse("session refused", sess.User(), sess.RemoteAddr(), "server full")
			return
		}
		defer s.active.Add(-1)
		next(sess)
	}
}

// recheckKey makes sure the key the connection authenticated with is still
// on the allow-list when the session starts (a connection may open sessions
// long after it authenticated), and ends the session if the key is removed
// while it lasts. With Open there is nothing to check.
func (s *Server) recheckKey(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		keys := s.cfg.AuthorizedKeys
		if keys == nil {
			next(sess)
			return
		}
		st := stateOf(sess)
		key := sess.PublicKey()
		if !keys.Allowed(key) {
			st.refuse("key not authorized", "folio: your key is not authorized here (any more)")
			return
		}
		go func() {
			t := time.NewTicker(keys.every)
			defer t.Stop()
			for {
				select {
				case <-st.ctx.Done():
					return
				case <-t.C:
					if !keys.Allowed(key) {
						st.end("key revoked", "folio: your key was removed from the authorized keys; goodbye")
						return
					}
				}
			}
		}()
		next(sess)
	}
}

// timeouts ends a session after IdleTimeout without input from the client
// (keys, mouse, paste; output does not count, so a screen left open is
// idle), and after MaxTimeout in any case.
func (s *Server) timeouts(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		idle, max := s.cfg.IdleTimeout, s.cfg.MaxTimeout
		if idle > 0 || max > 0 {
			go watchTimeouts(stateOf(sess), idle, max)
		}
		next(sess)
	}
}

func watchTimeouts(st *session, idle, max time.Duration) {
	var hard time.Time
	if max > 0 {
		hard = st.start.Add(max)
	}
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	for {
		now := time.Now()
		if !hard.IsZero() && !now.Before(hard) {
			st.end("max timeout", fmt.Sprintf("folio: sessions last at most %s; goodbye", max))
			return
		}
		wake := hard
		if idle > 0 {
			quiet := st.idleSince().Add(idle)
			if !now.Before(quiet) {
				st.end("idle timeout", fmt.Sprintf("folio: no input for %s; goodbye", idle))
				return
			}
			if wake.IsZero() || quiet.Before(wake) {
				wake = quiet
			}
		}
		t.Reset(wake.Sub(now))
		select {
		case <-st.ctx.Done():
			return
		case <-t.C:
		}
	}
}

// fingerprint names a key in the log.
func fingerprint(k ssh.PublicKey) string {
	if k == nil {
		return "none"
	}
	return gossh.FingerprintSHA256(k)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
