//go:build loadtest

package serve

// The SSH load test: 50 concurrent reader sessions on one corpus.
//
//	go test -tags loadtest -run 'TestLoad$' -v ./serve
//	FOLIO_LOAD_DIR=/tmp/c100k go test -tags loadtest -run 'TestLoad$' -v -timeout 10m ./serve
//
// The server runs in a child process (this test binary, TestLoadServer) so
// that its heap and goroutines are measured alone, without the 50 clients
// and their terminal emulators. The child answers "mem" on stdin with its
// heap in use after a GC, its goroutine count and its live sessions.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/folio-reader/folio/library"
)

const loadSessions = 50

// TestLoadServer is the child side: a server on 127.0.0.1 driven over
// stdin/stdout.
func TestLoadServer(t *testing.T) {
	if os.Getenv("FOLIO_LOAD_CHILD") != "1" {
		t.Skip("started by TestLoad")
	}
	ctx := context.Background()
	began := time.Now()
	lib, err := library.Load(ctx, library.SourceFor(os.Getenv("FOLIO_LOAD_DIR"), nil), library.Options{Bodies: true, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	corpus := lib.Corpus
	loaded := time.Since(began)
	corpus.BuildIndex() // as folio serve does, before the baseline is taken
	srv, err := New(Config{Corpus: corpus, Source: "load test", HostKey: hostKeyPEM(t), Open: true, MaxSessions: loadSessions + 10,
		MaxPerAddr: loadSessions + 10})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	fmt.Printf("LOAD addr %s articles %d loaded %s\n", ln.Addr(), corpus.Len(), loaded.Round(time.Millisecond))
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		switch sc.Text() {
		case "mem":
			runtime.GC()
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			fmt.Printf("LOAD mem %d %d %d\n", ms.HeapInuse, runtime.NumGoroutine(), srv.Sessions())
		case "prof":
			if p := os.Getenv("FOLIO_LOAD_HEAPPROFILE"); p != "" {
				f, err := os.Create(p)
				if err == nil {
					pprof.WriteHeapProfile(f)
					f.Close()
				}
			}
		case "quit":
			sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			srv.Shutdown(sctx)
			cancel()
			runtime.KeepAlive(corpus)
			return
		}
	}
}

// child is the server process seen from the test.
type child struct {
	t   *testing.T
	cmd *exec.Cmd
	in  io.Writer
	out *bufio.Scanner
}

func (c *child) line(prefix string) string {
	c.t.Helper()
	for c.out.Scan() {
		if l := c.out.Text(); strings.HasPrefix(l, "LOAD "+prefix) {
			return strings.TrimPrefix(l, "LOAD "+prefix+" ")
		}
	}
	c.t.Fatalf("child ended before %q: %v", prefix, c.out.Err())
	return ""
}

type sample struct {
	heap       uint64
	goroutines int
	sessions   int
}

func (c *child) mem() sample {
	c.t.Helper()
	fmt.Fprintln(c.in, "mem")
	var s sample
	if _, err := fmt.Sscan(c.line("mem"), &s.heap, &s.goroutines, &s.sessions); err != nil {
		c.t.Fatal(err)
	}
	return s
}

func TestLoad(t *testing.T) {
	if os.Getenv("FOLIO_LOAD_CHILD") == "1" {
		t.Skip("child")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLoadServer$", "-test.timeout=30m")
	cmd.Env = append(os.Environ(), "FOLIO_LOAD_CHILD=1")
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{t: t, cmd: cmd, in: in, out: bufio.NewScanner(out)}
	defer func() {
		fmt.Fprintln(in, "quit")
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	}()
	info := strings.Fields(c.line("addr"))
	addr := info[0]
	t.Logf("server: %s", strings.Join(info, " "))

	before := c.mem()
	word := os.Getenv("FOLIO_LOAD_WORD")
	if word == "" {
		word = "russia"
	}

	// 50 people connect at once, each on their own connection, and read.
	type reader struct {
		client *gossh.Client
		term   *term
		first  time.Duration
	}
	readers := make([]*reader, loadSessions)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	began := time.Now()
	for i := range readers {
		wg.Go(func() {
			r := &reader{}
			start := time.Now()
			cl, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
				User: fmt.Sprintf("reader%d", i), HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second,
				Auth: []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })},
			})
			if err != nil {
				mu.Lock()
				failures = append(failures, err.Error())
				mu.Unlock()
				return
			}
			r.client = cl
			r.term = openTerm(t, cl, 100, 30)
			r.term.waitText("folio")
			r.first = time.Since(start)
			for _, k := range []string{"j", "j", "j", "G", "k", "/"} {
				r.term.send(k)
				time.Sleep(20 * time.Millisecond)
			}
			for _, ch := range word {
				r.term.send(string(ch))
				time.Sleep(20 * time.Millisecond)
			}
			r.term.send("\r")
			r.term.waitText(word) // the filter line or its summary
			r.term.send("j")
			r.term.send("\x1b")
			readers[i] = r
		})
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Fatalf("%d sessions failed: %v", len(failures), failures[0])
	}
	for i, r := range readers {
		if r == nil {
			t.Fatalf("session %d did not start", i)
		}
	}
	connected := time.Since(began)
	time.Sleep(2 * time.Second) // let every program settle
	for i, r := range readers {
		if !r.term.running(0) {
			t.Fatalf("session %d ended: %v\n%s", i, r.term.err, r.term.screen())
		}
	}
	during := c.mem()
	if os.Getenv("FOLIO_LOAD_DEBUG") != "" {
		fmt.Fprintln(c.in, "prof")
	}
	if during.sessions != loadSessions {
		t.Errorf("%d sessions on the server, want %d", during.sessions, loadSessions)
	}

	firsts := make([]time.Duration, 0, len(readers))
	for _, r := range readers {
		firsts = append(firsts, r.first)
	}
	slices.Sort(firsts)

	// Everyone leaves.
	for _, r := range readers {
		r.term.sess.Close()
		r.client.Close()
	}
	var after sample
	deadline := time.Now().Add(15 * time.Second)
	for {
		after = c.mem()
		if after.goroutines <= before.goroutines && after.sessions == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}

	time.Sleep(time.Second)
	after = c.mem()
	perSession := (int64(during.heap) - int64(before.heap)) / loadSessions
	report := fmt.Sprintf(`SSH load: %d sessions (%s)
  connect + first frame: median %s, max %s; all %d connected and driven in %s
  heap in use after GC: before %.1f MB, with %d idle sessions %.1f MB, after %.1f MB
  memory per idle session: %.0f KB (budget 5 MB)
  goroutines: before %d, during %d (%.1f per session), after %d`,
		loadSessions, strings.Join(info[1:], " "),
		firsts[len(firsts)/2].Round(time.Millisecond), firsts[len(firsts)-1].Round(time.Millisecond), loadSessions, connected.Round(time.Millisecond),
		mb(before.heap), loadSessions, mb(during.heap), mb(after.heap),
		float64(perSession)/1024,
		before.goroutines, during.goroutines, float64(during.goroutines-before.goroutines)/loadSessions, after.goroutines)
	t.Log("\n" + report)
	fmt.Println(report)

	if perSession > 5<<20 {
		t.Errorf("%d bytes per idle session, budget 5 MB", perSession)
	}
	if after.goroutines > before.goroutines {
		t.Errorf("goroutines leaked: %d before, %d after", before.goroutines, after.goroutines)
	}
	if after.sessions != 0 {
		t.Errorf("%d sessions left after everyone left", after.sessions)
	}
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }
