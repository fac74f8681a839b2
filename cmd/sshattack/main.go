// Command sshattack plays one hostile SSH client against a folio server on
// loopback, to measure what each attack costs it (scripts/hostile-ssh.sh
// drives it):
//
//	sshattack -addr 127.0.0.1:23234 -attack pty|env|cmd|unauth|winalt
//	sshattack -addr 127.0.0.1:23234 -attack query -query Q [-n N] [-abandon D]
//	sshattack -addr 127.0.0.1:23234 -attack sessions -key K -key2 K2 [-n N] [-hold D]
//	sshattack -addr 127.0.0.1:23234 -attack tags -key K [-n N] [-per P]
//
// pty asks for a 10000×10000 terminal and then floods window changes of
// that size; env sends 20,000 env requests of 30 KB before any command;
// cmd sends a 250 KB command line; unauth holds 500 connections that never
// authenticate; query runs `list -q Q` on N connections at once, each
// printing its time and status, or, with -abandon, leaves (closes its
// connection) D after it asked; winalt sends 10,000 window changes
// alternating between two sizes; sessions opens N sessions of `list
// --follow` with one key (or none), counts those the server refused, and
// runs a `list -q` with a second key (or none) while the rest are held;
// tags sends N `tag` commands of P tag names never used before and counts
// those refused. -key is an OpenSSH private key; without one the client
// authenticates with no key (keyboard-interactive). It is a measuring tool, not part of the test
// run, and only attacks a loopback address.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:23234", "server address (loopback only)")
	attack := flag.String("attack", "", "pty, env, cmd, unauth, winalt, query, sessions or tags")
	query := flag.String("query", "", "for query: the query; for sessions: the second key's query")
	n := flag.Int("n", 0, "for query: connections at once (1 to 100); sessions: sessions (50, at most 100); tags: commands (100, at most 1000)")
	abandon := flag.Duration("abandon", 0, "for query: leave this long after asking (0: wait for the answer)")
	key := flag.String("key", "", "OpenSSH private key to authenticate with (none: keyboard-interactive, no key)")
	key2 := flag.String("key2", "", "for sessions: the second key (none: no key)")
	hold := flag.Duration("hold", 3*time.Second, "for sessions: how long the sessions stay open after the second key's query (at most 60 s)")
	per := flag.Int("per", 40, "for tags: new tag names a command (at most 100)")
	flag.Parse()
	if err := run(*addr, *attack, options{
		query: *query, n: *n, abandon: min(max(*abandon, 0), time.Minute), key: *key, key2: *key2,
		hold: min(max(*hold, 0), time.Minute), per: min(max(*per, 1), 100),
	}); err != nil {
		fmt.Fprintln(os.Stderr, "sshattack:", err)
		os.Exit(1)
	}
}

// options are the flags the attacks take besides the address.
type options struct {
	query     string
	n         int
	abandon   time.Duration
	key, key2 string
	hold      time.Duration
	per       int
}

// count is n, or def when n is not set, bounded to [1, limit].
func count(n, def, limit int) int {
	if n == 0 {
		n = def
	}
	return min(max(n, 1), limit)
}

func run(addr, attack string, o options) error {
	if err := loopback(addr); err != nil {
		return err
	}
	auth, err := keyAuth(o.key)
	if err != nil {
		return err
	}
	switch attack {
	case "pty":
		return withSession(addr, auth, hugePty)
	case "env":
		return withSession(addr, auth, envFlood)
	case "cmd":
		return withSession(addr, auth, longCommand)
	case "unauth":
		return unauthenticated(addr, 500, 5*time.Second)
	case "winalt":
		return withSession(addr, auth, func(s *gossh.Session) error { return alternatingWindows(s, 10000, 2*time.Second) })
	case "query":
		return queries(addr, auth, o.query, count(o.n, 1, 100), o.abandon)
	case "sessions":
		second, err := keyAuth(o.key2)
		if err != nil {
			return err
		}
		return holdSessions(addr, who(o.key), auth, who(o.key2), second, count(o.n, 50, 100), time.Second, o.hold, o.query)
	case "tags":
		return tagFlood(addr, auth, count(o.n, 100, 1000), o.per)
	}
	return fmt.Errorf("unknown attack %q (want pty, env, cmd, unauth, winalt, query, sessions or tags)", attack)
}

// loopback refuses an address that is not this machine's loopback.
func loopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("address %q: sshattack only attacks a loopback address", addr)
	}
	return nil
}

func withSession(addr string, auth gossh.AuthMethod, attack func(*gossh.Session) error) error {
	c, err := dial(addr, auth)
	if err != nil {
		return err
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		return fmt.Errorf("session: %w", err)
	}
	defer s.Close()
	return attack(s)
}

// queries runs `list -q query` on n connections at once and prints, for
// each, how long it took, its status and the first line of its stderr;
// with abandon, each connection is closed that long after it asked.
func queries(addr string, auth gossh.AuthMethod, query string, n int, abandon time.Duration) error {
	cmd := "list -q " + quote(query)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			c, err := dial(addr, auth)
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			s, err := c.NewSession()
			if err != nil {
				errs <- fmt.Errorf("session: %w", err)
				return
			}
			var out, stderr strings.Builder
			s.Stdout, s.Stderr = &out, &stderr
			began := time.Now()
			if err := s.Start(cmd); err != nil {
				errs <- fmt.Errorf("start: %w", err)
				return
			}
			if abandon > 0 {
				time.Sleep(abandon)
				c.Close()
				fmt.Fprintf(os.Stderr, "query %d: left after %s\n", i, abandon)
				return
			}
			err = s.Wait()
			code := 0
			var ee *gossh.ExitError
			switch {
			case errors.As(err, &ee):
				code = ee.ExitStatus()
			case err != nil:
				errs <- err
				return
			}
			first, _, _ := strings.Cut(stderr.String(), "\n")
			fmt.Fprintf(os.Stderr, "query %d: %.2f s, status %d, %d lines, %.100s\n",
				i, time.Since(began).Seconds(), code, strings.Count(out.String(), "\n"), first)
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// hugePty asks for 10000×10000 and then sends 10,000 window changes of
// that size, without waiting for replies.
func hugePty(s *gossh.Session) error {
	if err := s.RequestPty("xterm-256color", 10000, 10000, gossh.TerminalModes{}); err != nil {
		return fmt.Errorf("pty: %w", err)
	}
	if err := s.Shell(); err != nil {
		return fmt.Errorf("shell: %w", err)
	}
	for i := range 10000 {
		if err := s.WindowChange(10000-i%2, 10000); err != nil {
			return fmt.Errorf("window change %d: %w", i, err)
		}
	}
	time.Sleep(2 * time.Second) // let the server draw at the size it was given
	return nil
}

// envFlood sends 20,000 env requests of 30 KB each without waiting for
// the replies, as a hostile client would, then a command.
func envFlood(s *gossh.Session) error {
	val := strings.Repeat("a", 30<<10)
	for i := range 20000 {
		req := gossh.Marshal(struct{ Name, Value string }{fmt.Sprintf("V%d", i), val})
		if _, err := s.SendRequest("env", false, req); err != nil {
			// The server closes the session once the bound is hit.
			fmt.Fprintf(os.Stderr, "env request %d: %v\n", i, err)
			return nil
		}
	}
	fmt.Fprintln(os.Stderr, "sent 20000 env requests")
	return ignoreExit(s.Run("list -q x"))
}

// longCommand sends a 250 KB command line.
func longCommand(s *gossh.Session) error {
	return ignoreExit(s.Run("list -q " + strings.Repeat("word ", 50<<10)))
}

func ignoreExit(err error) error {
	var ee *gossh.ExitError
	var em *gossh.ExitMissingError
	if err == nil || errors.As(err, &ee) || errors.As(err, &em) {
		return nil // refused by the server: what the attack expects
	}
	return err
}

// unauthenticated opens n TCP connections, sends the client's version
// line and nothing more, and holds them for hold.
func unauthenticated(addr string, n int, hold time.Duration) error {
	var wg sync.WaitGroup
	conns := make(chan net.Conn, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.DialTimeout("tcp", addr, 10*time.Second)
			if err != nil {
				fmt.Fprintln(os.Stderr, "dial:", err)
				return
			}
			fmt.Fprint(c, "SSH-2.0-sshattack\r\n")
			conns <- c
		}()
	}
	wg.Wait()
	close(conns)
	time.Sleep(hold)
	held := 0
	for c := range conns {
		held++
		c.Close()
	}
	fmt.Fprintf(os.Stderr, "held %d connections for %s\n", held, hold)
	return nil
}
