// Package resident lets a folio that keeps a corpus open and current (folio
// daemon, the reader, the SSH server) answer the plain commands of other
// folio processes on the same machine, over a Unix socket in the user's
// runtime folder. A command asked this way needs neither to read the cache
// nor to look at every file (at 100,000 files the lstat calls alone take
// longer than its budget): the keeper follows the folder, and before it
// answers it makes sure that every change made before the question was
// asked is in (library.Library.Sync).
//
// The socket is the user's alone (its folder is 0700, as ssh-agent's), and
// the keeper answers only a folio built the same: anything else, or no
// keeper, and the command does the work itself, as it would without one.
//
// Keep makes any folio holding a library a keeper, Asker is how a command
// asks one, Daemon is folio daemon, and StartDaemon starts one for the
// settings' keep.
package resident

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
)

// Request is what a command sends: its arguments, the corpus folder left
// out, and what of its environment the command reads.
type Request struct {
	Build string            `json:"build"` // Build() of the asking binary
	Args  []string          `json:"args"`  // the command and its flags, every value given (the asker's defaults too)
	Env   map[string]string `json:"env"`   // the environment variables of EnvNames that are set
}

// EnvNames are the variables a command's answer may depend on beyond its
// arguments (where the reading state lives, for is:read and tag:).
var EnvNames = []string{"HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"}

// Getenv reads the request's environment.
func (r Request) Getenv(name string) string { return r.Env[name] }

// Frames, after the request: a kind byte and a big-endian length, then
// that many bytes.
const (
	frameStdout  = 'o'
	frameStderr  = 'e'
	frameStatus  = 'x' // the exit status, four bytes: the last frame
	frameDecline = 'n' // not answered (another build, not ready): the asker does the work
)

// maxFrame bounds a frame, the request's included.
const maxFrame = 1 << 20

// Build identifies this binary: a keeper answers only its own kind, whose
// commands mean what the asker's mean. The executable's path, size and
// time tell builds apart without reading it.
func Build() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	info, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return exe + "|" + strconv.FormatInt(info.Size(), 10) + "|" + strconv.FormatInt(info.ModTime().UnixNano(), 10) + "|" + runtime.Version()
}

// Dir is the folder of the sockets: $XDG_RUNTIME_DIR/folio, made for the
// user's session and nobody else's, else folio's cache folder.
func Dir(getenv func(string) string, cacheDir func() (string, error)) (string, error) {
	if d := getenv("XDG_RUNTIME_DIR"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "folio"), nil
	}
	return cacheDir()
}

// SocketPath is the socket of the corpus in folder dir (keyed by its
// absolute path, as the cache is), in the sockets' folder base. The name
// is short: a socket's path has room for about a hundred bytes.
func SocketPath(base, dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	p := filepath.Join(base, hex.EncodeToString(sum[:8])+".sock")
	if len(p) > 100 {
		return "", fmt.Errorf("the socket's path %s is too long (over 100 bytes)", p)
	}
	return p, nil
}

func writeFrame(w io.Writer, kind byte, data []byte) error {
	var head [5]byte
	head[0] = kind
	binary.BigEndian.PutUint32(head[1:], uint32(len(data)))
	if _, err := w.Write(head[:]); err != nil {
		return err
	}
	_, err := w.Write(data)
	return err
}

func readFrame(r io.Reader, buf []byte) (byte, []byte, error) {
	var head [5]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return 0, nil, err
	}
	n := binary.BigEndian.Uint32(head[1:])
	if n > maxFrame {
		return 0, nil, fmt.Errorf("a frame of %d bytes", n)
	}
	if cap(buf) < int(n) {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(r, buf); err != nil {
		return 0, nil, err
	}
	return head[0], buf, nil
}

func writeRequest(w io.Writer, req Request) error {
	data, err := json.Marshal(req)
	if err != nil {
		return err
	}
	return writeFrame(w, 'q', data)
}

func readRequest(r io.Reader) (Request, error) {
	kind, data, err := readFrame(r, nil) // a frame's bound is a request's
	if err != nil {
		return Request{}, err
	}
	if kind != 'q' {
		return Request{}, errors.New("not a request")
	}
	var req Request
	if err := json.Unmarshal(data, &req); err != nil {
		return Request{}, err
	}
	return req, nil
}

// frameWriter sends what is written to it as frames of one kind.
type frameWriter struct {
	w    *lockedWriter
	kind byte
}

func (f frameWriter) Write(p []byte) (int, error) {
	for done := 0; done < len(p); {
		n := min(len(p)-done, maxFrame)
		if err := f.w.frame(f.kind, p[done:done+n]); err != nil {
			return done, err
		}
		done += n
	}
	return len(p), nil
}
