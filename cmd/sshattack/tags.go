package main

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

var jsonID = regexp.MustCompile(`"id":\s*"((?:[^"\\]|\\.)*)"`)

// tagFlood sends commands `tag ID +NAME…` of perCommand tag names never used
// before, each on an article of its own (an article takes at most 50 tags),
// one after another on one connection, and counts those the server
// refused; then it times the key's own `list -q is:unread`.
func tagFlood(addr string, auth gossh.AuthMethod, commands, perCommand int) error {
	c, err := dial(addr, auth)
	if err != nil {
		return err
	}
	defer c.Close()
	out, err := runOn(c, fmt.Sprintf("list --json --limit %d", commands))
	if err != nil {
		return fmt.Errorf("list the articles to tag: %w", err)
	}
	var ids []string
	for _, m := range jsonID.FindAllStringSubmatch(out, commands) {
		ids = append(ids, m[1])
	}
	if len(ids) == 0 {
		return errors.New("the server listed no article to tag")
	}
	accepted, refused, firstRefusal := 0, 0, ""
	for i := range commands {
		var cmd strings.Builder
		cmd.WriteString("tag " + quote(ids[i%len(ids)]))
		for j := range perCommand {
			fmt.Fprintf(&cmd, " +x%dy%d", i, j)
		}
		_, err := runOn(c, cmd.String())
		if err == nil {
			accepted++
			continue
		}
		refused++
		if firstRefusal == "" {
			firstRefusal = fmt.Sprintf("command %d: %v", i, err)
		}
	}
	fmt.Fprintf(os.Stderr, "tags: %d commands of %d new tags: %d accepted, %d refused\n", commands, perCommand, accepted, refused)
	if firstRefusal != "" {
		fmt.Fprintf(os.Stderr, "tags: first refusal, %.160s\n", firstRefusal)
	}
	fmt.Fprintln(os.Stderr, "tags: the key's own list -q is:unread: "+probeOnce(addr, auth, "list -q is:unread"))
	return nil
}

// runOn runs cmd in a new session of c and returns its output, or an error
// with the status and the first line of its stderr when it fails.
func runOn(c *gossh.Client, cmd string) (string, error) {
	s, err := c.NewSession()
	if err != nil {
		return "", fmt.Errorf("session: %w", err)
	}
	defer s.Close()
	var out strings.Builder
	var stderr syncBuffer
	s.Stdout, s.Stderr = &limited{b: &out, n: 16 << 20}, &stderr
	if err := s.Run(cmd); err != nil {
		first, _, _ := strings.Cut(stderr.String(), "\n")
		return out.String(), fmt.Errorf("%w: %s", err, first)
	}
	return out.String(), nil
}

// limited keeps the first n bytes written to it and drops the rest.
type limited struct {
	b *strings.Builder
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if room := l.n - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
