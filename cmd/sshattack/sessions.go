package main

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// held is one attacking session: its connection, and closed when the
// server has ended it (refused it, or anything else).
type held struct {
	client *gossh.Client
	ended  chan struct{}
	reason string // first line of its stderr, or the error that ended it; set before ended closes
}

// holdSessions opens n sessions with first (named firstName in what it
// prints), each on its own connection running `list --follow` (which
// idles, held open, until the client leaves); after settle it counts the
// sessions the server admitted (still running) and those it ended, with
// why. While they are held, a client with second runs `list -q probe`
// and its time and status are printed. The attack's sessions are then
// held for hold more and closed.
func holdSessions(addr, firstName string, first gossh.AuthMethod, secondName string, second gossh.AuthMethod, n int, settle, hold time.Duration, probe string) error {
	sessions := make([]*held, n)
	var wg sync.WaitGroup
	for i := range n {
		h := &held{ended: make(chan struct{})}
		sessions[i] = h
		wg.Go(func() { h.open(addr, first) })
	}
	wg.Wait()
	time.Sleep(settle) // a refusal is said at once; the settle only waits for its delivery
	admitted, reasons := 0, map[string]int{}
	for _, h := range sessions {
		select {
		case <-h.ended:
			reasons[h.reason]++
		default:
			admitted++
		}
	}
	fmt.Fprintf(os.Stderr, "sessions: %d of %d held open %s, %d ended by the server\n", admitted, n, firstName, n-admitted)
	for _, r := range slices.Sorted(maps.Keys(reasons)) {
		fmt.Fprintf(os.Stderr, "sessions: %d ended: %.120s\n", reasons[r], r)
	}
	fmt.Fprintf(os.Stderr, "meanwhile, %s: %s\n", secondName, probeOnce(addr, second, "list -q "+quote(probe)))
	time.Sleep(hold)
	for _, h := range sessions {
		if h.client != nil {
			h.client.Close()
		}
	}
	return nil
}

// who names the client of a key file for what the attack prints.
func who(keyFile string) string {
	if keyFile == "" {
		return "without a key"
	}
	return "with key " + keyFile
}

// open starts `list --follow` on its own connection and records when and
// why the session ends.
func (h *held) open(addr string, auth gossh.AuthMethod) {
	c, err := dial(addr, auth)
	if err != nil {
		h.reason = err.Error()
		close(h.ended)
		return
	}
	h.client = c
	s, err := c.NewSession()
	if err != nil {
		h.reason = "session: " + err.Error()
		close(h.ended)
		return
	}
	var stderr syncBuffer
	s.Stdout, s.Stderr = io.Discard, &stderr
	if err := s.Start("list --follow"); err != nil {
		h.reason = "start: " + err.Error()
		close(h.ended)
		return
	}
	go func() {
		err := s.Wait()
		first, _, _ := strings.Cut(stderr.String(), "\n")
		h.reason = first
		if h.reason == "" {
			h.reason = fmt.Sprint("no message; ", err)
		}
		close(h.ended)
	}()
}

// probeOnce runs cmd on a connection of its own and says how long it took,
// its status, how many lines it printed and the first of its stderr.
func probeOnce(addr string, auth gossh.AuthMethod, cmd string) string {
	began := time.Now()
	c, err := dial(addr, auth)
	if err != nil {
		return err.Error()
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		return "session: " + err.Error()
	}
	var out, stderr strings.Builder
	s.Stdout, s.Stderr = &out, &stderr
	err = s.Run(cmd)
	code := 0
	var ee *gossh.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitStatus()
	case err != nil:
		return fmt.Sprintf("%.2f s, %v", time.Since(began).Seconds(), err)
	}
	first, _, _ := strings.Cut(stderr.String(), "\n")
	return fmt.Sprintf("%.2f s, status %d, %d lines, %.100s", time.Since(began).Seconds(), code, strings.Count(out.String(), "\n"), first)
}

// quote makes s one word of a POSIX shell command line.
func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// syncBuffer is a strings.Builder that the session's copier may write
// while another goroutine reads it, keeping at most 4 KB.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := 4<<10 - b.b.Len(); room > 0 {
		b.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
