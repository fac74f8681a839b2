package serve

import (
	"fmt"
	"io"
	"strings"

	"charm.land/ssh"

	"github.com/folio-reader/folio/cli"
)

// commands answers sessions that name a command: `ssh host list -q russia`
// prints what `folio list -q russia` would, over the shared corpus. Only
// list, show, stats, version and help exist here: nothing starts a program,
// and the commands take no folder (cli.RunOn with a corpus accepts none), so
// no path outside the corpus can be named. A terminal session that names a
// command gets it plain too (`ssh -t host show ID`). A session with neither
// a terminal nor a command is told how to use the server. Terminal sessions
// without a command go on to the reader.
func (s *Server) commands(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := stateOf(sess)
		raw := sess.RawCommand()
		_, winCh, pty := sess.Pty()
		if raw == "" {
			if !pty {
				st.refuse("no terminal", "folio: no terminal: connect with ssh -t for the reader, or name a command: list, show, stats")
				return
			}
			next(sess)
			return
		}
		if pty {
			go drainWindows(winCh) // nobody resizes a plain command; keep the request loop moving
		}
		// Refused before splitting or logging in full: nothing folio runs
		// needs more, and the work after this is bounded by it.
		if len(raw) > MaxCommandBytes {
			st.refuse("command line too long", fmt.Sprintf("folio: the command line is too long (%d bytes; at most %d)", len(raw), MaxCommandBytes))
			return
		}
		args, err := splitCommand(raw)
		if err != nil {
			st.refuse("bad command: "+err.Error(), "folio: cannot read that command line: "+err.Error())
			return
		}
		if len(args) == 0 {
			st.refuse("bad command", "folio: cannot read that command line")
			return
		}
		switch name := args[0]; {
		case cli.IsCommand(name):
			store, release := s.stores.acquire(sess, func(msg string, kv ...any) { s.log.Warn(msg, append(kv, "session", st.id)...) })
			defer release()
			env := cli.Env{
				State:  store,
				Stdout: sess,
				Stderr: sess.Stderr(),
				// Nothing from the server's environment, nor the client's.
				Getenv: func(string) string { return "" },
				// A stranger's query: bounded in length, terms and time.
				Limits: s.remoteLimits(),
				Cut: func(reason string) {
					s.refusals.refuse("query cut", sess.User(), sess.RemoteAddr(), reason, "session", st.id)
				},
			}
			if name == "show" {
				// What a show holds, others may wait for.
				st.yieldTo, st.yieldAfter = s.reads.Wanted, s.yieldAfter
			}
			st.setStatus(cli.RunOn(st.ctx, args, env, s.cfg.Corpus))
		case name == "version" && len(args) == 1:
			fmt.Fprintln(sess, "folio", s.version())
		case name == "help" && len(args) == 1:
			io.WriteString(sess, remoteHelp)
		default:
			st.refuse("unknown command", fmt.Sprintf("folio: '%s' is not available over SSH (try list, show, stats, kwic, terms, trends, export, version or help)", clip(strings.Join(args, " "), 80)))
		}
	}
}

const remoteHelp = `folio over SSH

  ssh -p PORT HOST                        the reader (needs a terminal)
  ssh -p PORT HOST list [-q QUERY] [--sort KEY] [--limit N] [--json]
  ssh -p PORT HOST show ID [--raw] [--json]
  ssh -p PORT HOST stats [--json]
  ssh -p PORT HOST mark ID... --read|--unread|--star|--unstar     your own marks (by your key)
  ssh -p PORT HOST tag ID... +NAME -NAME
  ssh -p PORT HOST kwic -q QUERY [--context N] [--sort left|right|date] [--json|--csv]
  ssh -p PORT HOST terms -q QUERY [--top N] [--json|--csv]
  ssh -p PORT HOST trends -q A [-q B …] [--by month] [--per 1000] [--json|--csv]
  ssh -p PORT HOST export [-q QUERY] --format csv|jsonl|markdown [--body]
  ssh -p PORT HOST related ID [--json]
  ssh -p PORT HOST stories [-q QUERY] [--json]
  ssh -p PORT HOST version
`

func (s *Server) version() string {
	if s.cfg.Version == "" {
		return "devel"
	}
	return s.cfg.Version
}

// drainWindows reads window sizes nobody needs until the session closes the
// channel: charm.land/ssh blocks the session's requests on a full one.
func drainWindows(ch <-chan ssh.Window) {
	if ch == nil {
		return
	}
	for range ch {
	}
}

// remoteLimits are a command's limits over SSH, the server's shared bound
// on articles read at once included.
func (s *Server) remoteLimits() cli.Limits {
	l := cli.RemoteLimits()
	l.Reads = s.reads
	return l
}
