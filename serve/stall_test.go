package serve

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/folio-reader/folio/cli"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
)

// bigCorpus is a folder of one article of about size bytes, loaded.
func bigCorpus(t *testing.T, size int) *model.Corpus {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Published Time: 2022-01-10\nTitle: A very long article\nCategory 1: WORLD\nAuthor: A\nText: \n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "Paragraph %d says something about the trade talks, at some length, again and again.\n\n", i)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.txt"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := library.Load(context.Background(), library.Source{Dir: dir}, library.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return lib.Corpus
}

// waitWithin is waitFor with a deadline of d.
func waitWithin(t testing.TB, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestClientThatDoesNotRead: clients that ask for a large article and never
// read it are let go after WriteTimeout, and what their sessions held is
// freed, rather than kept until the idle timeout.
func TestClientThatDoesNotRead(t *testing.T) {
	const size, clients = 8 << 20, 3
	c := bigCorpus(t, size)
	srv, addr, logs := start(t, Config{Corpus: c, WriteTimeout: 500 * time.Millisecond, IdleTimeout: time.Hour})
	base := liveHeap()
	var conns []*gossh.Client
	for range clients {
		conn := mustDial(t, addr, nil)
		conns = append(conns, conn)
		sess, err := conn.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sess.StdoutPipe(); err != nil { // never read
			t.Fatal(err)
		}
		if err := sess.Start("show big.txt --json"); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the sessions to start", func() bool { return strings.Count(logs.String(), "session start") == clients })
	// Reading and parsing the article takes seconds under the race
	// detector, three at once.
	waitWithin(t, time.Minute, "every stalled session to end", func() bool {
		return srv.Sessions() == 0 && strings.Count(logs.String(), `reason="output stalled"`) == clients
	})
	// The clients, in this process too, hold what they received unread.
	for _, c := range conns {
		c.Close()
	}
	conns = nil
	grown := int64(liveHeap()) - int64(base)
	t.Logf("live heap after %d stalled clients of a %d MB article: %+d KB", clients, size>>20, grown>>10)
	if grown > 2<<20 {
		t.Errorf("the live heap grew by %d MB after the stalled sessions ended", grown>>20)
	}
}

// TestStalledShowYields: a client that asked for a large article and
// stopped reading holds its bytes only until another show waits for them
// (and its write has waited yieldAfter), not for the write timeout: the
// other show is then answered, and the stalled session's end says why.
func TestStalledShowYields(t *testing.T) {
	const size = 4 << 20
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt"} {
		var b strings.Builder
		b.WriteString("Published Time: 2022-01-10\nTitle: Article " + name + "\nCategory 1: WORLD\nAuthor: A\nText: \n")
		for i := 0; b.Len() < size; i++ {
			fmt.Fprintf(&b, "Paragraph %d says something about the trade talks, at some length, again and again.\n\n", i)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := library.Load(context.Background(), library.Source{Dir: dir}, library.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	// The bytes hold one article at a time.
	_, addr, logs := start(t, Config{Corpus: lib.Corpus, WriteTimeout: time.Hour, IdleTimeout: time.Hour,
		reads: cli.NewReadsOf(size), yieldAfter: 300 * time.Millisecond})

	stalled, err := mustDial(t, addr, nil).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := stalled.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := stalled.Start("show a.txt --json"); err != nil {
		t.Fatal(err)
	}
	if _, err := out.Read(make([]byte, 1)); err != nil { // it holds the article now; it reads no more
		t.Fatal(err)
	}

	sess, err := mustDial(t, addr, nil).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	sess.Stdout = &stdout
	other := make(chan error, 1)
	go func() { other <- sess.Run("show b.txt") }()
	select {
	case err := <-other:
		if err != nil || !strings.Contains(stdout.String(), "Article b.txt") {
			t.Fatalf("the other show: %v, %.80q", err, stdout.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the other show waited for the stalled one")
	}
	waitLog(t, logs, `reason="output stalled while another show waits"`)
}
