package main

import (
	"fmt"
	"os"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// alternatingWindows opens the reader on an 80×24 pty and sends n window
// changes alternating between 80×24 and 200×50, without waiting, so that
// every one of them is a real change of size; then it stays for linger so
// the server draws what it keeps of them.
func alternatingWindows(s *gossh.Session, n int, linger time.Duration) error {
	if err := s.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		return fmt.Errorf("pty: %w", err)
	}
	if err := s.Shell(); err != nil {
		return fmt.Errorf("shell: %w", err)
	}
	began := time.Now()
	for i := range n {
		w, h := 80, 24
		if i%2 == 1 {
			w, h = 200, 50
		}
		if err := s.WindowChange(h, w); err != nil {
			return fmt.Errorf("window change %d: %w", i, err)
		}
	}
	fmt.Fprintf(os.Stderr, "sent %d window changes in %.2f s\n", n, time.Since(began).Seconds())
	time.Sleep(linger)
	return nil
}
