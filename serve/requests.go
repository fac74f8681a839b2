package serve

import (
	"fmt"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/folio-reader/folio/internal/safe"
)

// Bounds on what a client may send. charm.land/ssh keeps every env request
// and sizes a terminal as asked, so a client could grow the server by
// gigabytes (scripts/hostile-ssh.sh): the session filter below holds them
// to these.
const (
	MaxWidth  = 500 // columns of a terminal; a larger pty-req or window-change is cut to this
	MaxHeight = 300 // rows

	maxTermBytes  = 64   // the TERM name of a pty-req
	maxModesBytes = 1024 // a pty-req's terminal modes (OpenSSH sends under 300 bytes)

	// maxRequests is how many requests a session may send before its
	// program starts; past it the session is closed.
	maxRequests = 256
	// maxEnvRequests and maxEnvBytes bound the env requests a session
	// keeps (the colour profile reads TERM, COLORTERM, NO_COLOR and the
	// like from them; nothing else does): past them, env requests are
	// answered "no", with one log line a session.
	maxEnvRequests = 32
	maxEnvBytes    = 1024
)

// channelHandlers admits session channels through the request filter and
// refuses every other channel type (direct-tcpip is ssh -L and -D,
// direct-streamlocal a forwarded socket, x11 and auth-agent the
// forwardings nobody asked the server for), with a log line.
func (s *Server) channelHandlers() map[string]ssh.ChannelHandler {
	return map[string]ssh.ChannelHandler{
		"session": s.sessionChannel,
		"default": s.refuseChannel,
	}
}

// requestHandlers answers global requests: tcpip-forward (ssh -R) and its
// kin are refused with a log line; keep-alives and OpenSSH's
// no-more-sessions are answered "no" quietly, as every server without them does.
func (s *Server) requestHandlers() map[string]ssh.RequestHandler {
	return map[string]ssh.RequestHandler{
		"default": func(ctx ssh.Context, _ *ssh.Server, req *gossh.Request) (bool, []byte) {
			switch req.Type {
			case "keepalive@openssh.com", "no-more-sessions@openssh.com":
				return false, nil
			case "tcpip-forward", "cancel-tcpip-forward":
				var p struct {
					Host string
					Port uint32
				}
				_ = gossh.Unmarshal(req.Payload, &p)
				s.refusals.refuse("forwarding refused", ctx.User(), ctx.RemoteAddr(), "remote port forwarding (ssh -R)",
					"request", req.Type, "listen", fmt.Sprintf("%s:%d", clip(p.Host, 64), p.Port))
			case "streamlocal-forward@openssh.com", "cancel-streamlocal-forward@openssh.com":
				s.refusals.refuse("forwarding refused", ctx.User(), ctx.RemoteAddr(), "remote socket forwarding (ssh -R)",
					"request", req.Type)
			default:
				s.refusals.refuse("request refused", ctx.User(), ctx.RemoteAddr(), "unknown global request",
					"request", clip(req.Type, 64), "bytes", len(req.Payload))
			}
			return false, nil
		},
	}
}

func (s *Server) refuseChannel(_ *ssh.Server, _ *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	reason, kv := "channel type not served", []any{"channel", clip(ch.ChannelType(), 64)}
	switch ch.ChannelType() {
	case "direct-tcpip":
		var p struct {
			Host       string
			Port       uint32
			OriginHost string
			OriginPort uint32
		}
		_ = gossh.Unmarshal(ch.ExtraData(), &p)
		reason = "local port forwarding (ssh -L or -D)"
		kv = append(kv, "to", fmt.Sprintf("%s:%d", clip(p.Host, 64), p.Port))
	case "direct-streamlocal@openssh.com":
		reason = "socket forwarding (ssh -L)"
	case "x11":
		reason = "X11 forwarding"
	case "auth-agent@openssh.com":
		reason = "agent forwarding"
	}
	s.refusals.refuse("channel refused", ctx.User(), ctx.RemoteAddr(), reason, kv...)
	_ = ch.Reject(gossh.Prohibited, "folio serves only its reader and commands")
}

// sessionChannel marks the connection as having opened a session (see
// watchNoSession) and hands the channel to charm.land/ssh with its
// requests passed through filter.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	ctx.SetValue(ctxKeySessionOpened, true)
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{NewChannel: ch, s: s, ctx: ctx}, ctx)
}

type ctxKey struct{ name string }

var ctxKeySessionOpened = &ctxKey{"session-opened"}

// filteredChannel is a session channel whose requests reach charm.land/ssh
// only through Server.filter.
type filteredChannel struct {
	gossh.NewChannel
	s   *Server
	ctx ssh.Context
}

func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	f := &filter{s: c.s, ctx: c.ctx, ch: ch}
	go f.run(reqs, out)
	return ch, out, nil
}

// filter holds one session's requests to the bounds above: it refuses and
// logs what folio does not serve, cuts terminal sizes to MaxWidth×MaxHeight,
// keeps the first few small env requests, and passes the rest on unchanged.
type filter struct {
	s   *Server
	ctx ssh.Context
	ch  gossh.Channel

	started    bool // exec, shell or subsystem passed: the program runs
	requests   int  // requests before the start
	envs       int
	envLogged  bool
	clipLogged bool
	size       [2]uint32 // columns and rows last passed on, after the cut

	timer *time.Timer
}

func (f *filter) refuse(msg, reason string, kv ...any) {
	f.s.refusals.refuse(msg, f.ctx.User(), f.ctx.RemoteAddr(), reason, kv...)
}

func (f *filter) run(in <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	// A session that names neither a command nor a shell in time is
	// closed: it holds a slot and serves nobody.
	f.timer = time.AfterFunc(f.s.startTimeout, func() {
		f.refuse("session refused", "no command and no shell requested", "after", f.s.startTimeout.String())
		_ = f.ch.Close()
	})
	defer f.timer.Stop()
	for req := range in {
		pass, reply := f.check(req)
		if pass {
			out <- req
			continue
		}
		if req.WantReply {
			_ = req.Reply(reply, nil)
		}
		if !f.started && f.requests > maxRequests {
			f.refuse("session refused", "too many requests before the program started", "requests", f.requests)
			_ = f.ch.Close()
			// Answer what is still queued so the connection's reader never blocks.
			for req := range in {
				if req.WantReply {
					_ = req.Reply(false, nil)
				}
			}
			return
		}
	}
}

// check decides what becomes of req: passed on (possibly rewritten in
// place), or answered here with reply.
func (f *filter) check(req *gossh.Request) (pass, reply bool) {
	if !f.started {
		f.requests++
	}
	switch req.Type {
	case "exec", "shell":
		if !f.started {
			f.started = true
			f.timer.Stop()
		}
		return true, false
	case "subsystem":
		var p struct{ Name string }
		_ = gossh.Unmarshal(req.Payload, &p)
		f.refuse("subsystem refused", "subsystems are not served", "subsystem", clip(p.Name, 64))
		return false, false
	case "env":
		f.envs++
		if f.envs <= maxEnvRequests && len(req.Payload) <= maxEnvBytes && !f.started {
			return true, false
		}
		if !f.envLogged {
			f.envLogged = true
			f.refuse("env refused", fmt.Sprintf("more than %d env requests, or one over %d bytes", maxEnvRequests, maxEnvBytes),
				"env_requests", f.envs, "bytes", len(req.Payload))
		}
		return false, false
	case "pty-req":
		p, ok := parsePty(req.Payload)
		if !ok || len(p.Term) > maxTermBytes || len(p.Modes) > maxModesBytes {
			f.refuse("pty refused", "malformed or oversized pty request", "bytes", len(req.Payload))
			return false, false
		}
		if p.Columns > MaxWidth || p.Rows > MaxHeight {
			f.logClip(p.Columns, p.Rows)
			p.Columns, p.Rows = min(p.Columns, MaxWidth), min(p.Rows, MaxHeight)
			p.WidthPx, p.HeightPx = 0, 0
			req.Payload = gossh.Marshal(p)
		}
		f.size = [2]uint32{p.Columns, p.Rows}
		return true, false
	case "window-change":
		var w windowChange
		if gossh.Unmarshal(req.Payload, &w) != nil {
			f.refuse("window-change refused", "malformed window change", "bytes", len(req.Payload))
			return false, false
		}
		if w.Columns > MaxWidth || w.Rows > MaxHeight {
			f.logClip(w.Columns, w.Rows)
			w.Columns, w.Rows = min(w.Columns, MaxWidth), min(w.Rows, MaxHeight)
			w.WidthPx, w.HeightPx = 0, 0
			req.Payload = gossh.Marshal(w)
		}
		return f.resized(w.Columns, w.Rows), false
	case "auth-agent-req@openssh.com":
		f.refuse("agent forwarding refused", "agent forwarding is not served")
		return false, false
	case "x11-req":
		f.refuse("X11 forwarding refused", "X11 forwarding is not served")
		return false, false
	case "signal", "break":
		return true, false
	case "eow@openssh.com": // the client's stdin ended; nothing to do
		return false, false
	default:
		f.refuse("request refused", "unknown session request", "request", clip(req.Type, 64), "bytes", len(req.Payload))
		return false, false
	}
}

// resized reports whether a window change (already cut) changes the size
// last passed on: a flood of changes that all cut to 500×300 would
// otherwise redraw the whole screen for each (2.3 s of CPU for 10,000).
func (f *filter) resized(w, h uint32) bool {
	if f.size == [2]uint32{w, h} {
		return false
	}
	f.size = [2]uint32{w, h}
	return true
}

func (f *filter) logClip(w, h uint32) {
	if f.clipLogged {
		return
	}
	f.clipLogged = true
	f.refuse("terminal size cut", fmt.Sprintf("larger than %dx%d", MaxWidth, MaxHeight), "asked", fmt.Sprintf("%dx%d", w, h))
}

// ptyRequest is RFC 4254's pty-req payload.
type ptyRequest struct {
	Term              string
	Columns, Rows     uint32
	WidthPx, HeightPx uint32
	Modes             string
}

// windowChange is RFC 4254's window-change payload.
type windowChange struct {
	Columns, Rows     uint32
	WidthPx, HeightPx uint32
}

func parsePty(b []byte) (ptyRequest, bool) {
	var p ptyRequest
	return p, gossh.Unmarshal(b, &p) == nil
}

// clip makes a client's or a corpus's string fit one log field.
func clip(s string, max int) string { return safe.Clip(s, max) }
