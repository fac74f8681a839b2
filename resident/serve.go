package resident

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/folio-reader/folio/internal/ownfile"
)

// Answer runs one asked command and returns its exit status; it writes
// the command's output to stdout and stderr. ok false declines: the asker
// then does the work itself (the keeper is not ready, say).
type Answer func(ctx context.Context, req Request, stdout, stderr io.Writer) (status int, ok bool)

// Listener is a keeper's socket, held with a lock beside it so that one
// keeper a corpus answers.
type Listener struct {
	net.Listener
	Path string
	lock *flock.Flock // ownfile.Lock's
}

// ErrTaken is Listen's error when another folio answers for the corpus.
var ErrTaken = errors.New("another folio answers for this folder already")

// Listen makes the socket at path (see SocketPath), its folder the user's
// alone. A socket left by a keeper that is gone is replaced.
func Listen(path string) (*Listener, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		if lerr := ownfile.NoLink(dir); lerr != nil {
			return nil, lerr
		}
		return nil, fmt.Errorf("make the sockets' folder: %w", err)
	}
	if err := ownfile.Private(dir); err != nil {
		return nil, err
	}
	for _, p := range []string{path, path + ".lock"} {
		if err := ownfile.NoLink(p); err != nil {
			return nil, err
		}
	}
	lock := ownfile.Lock(path + ".lock")
	ok, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if !ok {
		return nil, ErrTaken
	}
	// Who keeps it, for a person (or a test) who wants to stop it.
	if err := ownfile.WriteFile(path+".lock", []byte(strconv.Itoa(os.Getpid())+"\n")); err != nil {
		lock.Unlock()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	os.Remove(path) // a keeper that is gone left it: the lock says so
	ln, err := net.Listen("unix", path)
	if err != nil {
		lock.Unlock()
		return nil, fmt.Errorf("listen on %s: %w", path, err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(true)
	return &Listener{Listener: ln, Path: path, lock: lock}, nil
}

// KeeperPID is the process that listens on the socket at path, as its
// lock file says, or 0.
func KeeperPID(path string) int {
	f, err := ownfile.Open(path+".lock", os.O_RDONLY, 0)
	if err != nil {
		return 0
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 32))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		return 0
	}
	return pid
}

// Close stops listening, removes the socket and lets the lock go.
func (l *Listener) Close() error {
	err := l.Listener.Close()
	l.lock.Unlock()
	return err
}

// Serve answers the commands asked on ln until ctx ends, each on its own
// goroutine, and waits for those under way.
func Serve(ctx context.Context, ln *Listener, answer Answer) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	stop := context.AfterFunc(ctx, func() { ln.Listener.Close() })
	defer stop()
	for {
		conn, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			serveConn(ctx, conn, answer)
		}()
	}
}

// serveConn answers one command: the request, then its output as frames,
// then its status. The asker going away cancels the command.
func serveConn(ctx context.Context, conn net.Conn, answer Answer) {
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	req, err := readRequest(conn)
	if err != nil {
		return
	}
	conn.SetReadDeadline(time.Time{})
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { // the asker hung up (interrupted): stop
		var b [1]byte
		conn.Read(b[:])
		cancel()
	}()
	out := &lockedWriter{w: bufio.NewWriterSize(conn, 64<<10)}
	if req.Build != Build() {
		out.frame(frameDecline, nil)
		out.flush()
		return
	}
	status, ok := answer(ctx, req, frameWriter{out, frameStdout}, frameWriter{out, frameStderr})
	if !ok {
		out.frame(frameDecline, nil)
	} else {
		var st [4]byte
		binary.BigEndian.PutUint32(st[:], uint32(int32(status)))
		out.frame(frameStatus, st[:])
	}
	out.flush()
}

// lockedWriter is the connection's buffered writer, one whole frame at a
// time: stdout and stderr may be written from two goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  *bufio.Writer
}

func (l *lockedWriter) frame(kind byte, data []byte) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return writeFrame(l.w, kind, data)
}

func (l *lockedWriter) flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Flush()
}
