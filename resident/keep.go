package resident

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/folio-reader/folio/cli"
	"github.com/folio-reader/folio/library"
)

// SocketFor is the socket of the folio that keeps the corpus in dir, in
// $XDG_RUNTIME_DIR/folio (else folio's cache folder); never inside the
// corpus, since a keeper makes files of its own beside it.
func SocketFor(getenv func(string) string, dir string) (string, error) {
	base, err := Dir(getenv, func() (string, error) { return library.DefaultCacheDir(getenv) })
	if err != nil {
		return "", err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	absBase, err := filepath.Abs(base)
	if err != nil {
		return "", err
	}
	if library.Within(absBase, absDir) {
		return "", errors.New("the sockets' folder " + base + " is inside the corpus")
	}
	return SocketPath(base, dir)
}

// askable are the commands a keeper answers, those that only read, with
// the flags it answers them with: each flag's values, or any value (nil).
// A flag that changes how the command runs (--follow, --no-cache) is
// answered only off; the command does the work itself otherwise.
var askable = map[string]map[string][]string{
	"list": {"q": nil, "sort": nil, "limit": nil, "json": nil, "collapse": nil, "lenient": nil, "verbose": nil, "follow": {"false"}, "no-cache": {"false"}},
	"show": {"raw": nil, "json": nil, "no-cache": {"false"}},
}

// syncWait bounds how long a keeper waits for its corpus to hold every
// change made before a command was asked; past it the command does the
// work itself (a storm of changes is settling), which is slow but never
// stale.
const syncWait = 2 * time.Second

// answerWait bounds how long a command waits for a keeper to begin its
// answer (its Sync, then the command's first output), after which it
// does the work itself: a keeper that is stuck costs it that, never an
// answer.
const answerWait = syncWait + 3*time.Second

// answerable reports whether a keeper may answer req: a command of
// askable with its flags, and the asker's environment (where the reading
// state and the settings live) the keeper's own, so that a request can
// point the keeper at no other folder.
func answerable(req Request, getenv func(string) string) bool {
	if len(req.Args) == 0 {
		return false
	}
	allowed, ok := askable[req.Args[0]]
	if !ok {
		return false
	}
	for _, a := range req.Args[1:] {
		if a == "--" {
			break
		}
		name, value, ok := strings.Cut(strings.TrimPrefix(a, "-"), "=")
		values, known := allowed[name]
		if !ok || !strings.HasPrefix(a, "-") || !known || values != nil && !slices.Contains(values, value) {
			return false
		}
	}
	for name := range req.Env {
		if !slices.Contains(EnvNames, name) {
			return false
		}
	}
	for _, name := range EnvNames {
		if req.Env[name] != getenv(name) {
			return false
		}
	}
	return true
}

// Keep answers the commands other folio processes ask of the corpus lib
// keeps, in the background until ctx ends; asked, when not nil, is called
// as each command comes. The returned stop waits for the answers under
// way. It fails when another folio answers for the folder already
// (ErrTaken), or the socket cannot be made: those commands then do the
// work themselves, as they would without one.
func Keep(ctx context.Context, lib *library.Library, dir string, asked func()) (stop func(), path string, err error) {
	path, err = SocketFor(os.Getenv, dir)
	if err != nil {
		return nil, "", err
	}
	ln, err := Listen(path)
	if err != nil {
		return nil, "", err
	}
	cookies := filepath.Dir(path)
	answer := func(ctx context.Context, req Request, stdout, stderr io.Writer) (int, bool) {
		if asked != nil {
			asked()
		}
		if !answerable(req, os.Getenv) {
			return 0, false
		}
		select {
		case <-lib.Settled():
		default:
			return 0, false // still starting: the asker is no slower on its own
		}
		sctx, cancel := context.WithTimeout(ctx, syncWait)
		err := lib.Sync(sctx, cookies)
		cancel()
		if err != nil {
			return 0, false
		}
		env := cli.Env{Stdout: stdout, Stderr: stderr, Getenv: os.Getenv, Folder: dir}
		return cli.RunOn(ctx, req.Args, env, lib.Corpus), true
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		Serve(ctx, ln, answer)
	}()
	return func() {
		cancel()
		<-done
		ln.Close()
	}, path, nil
}
