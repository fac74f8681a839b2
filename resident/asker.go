package resident

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// Asker is cli.Env.Ask: it puts a command to the folio that keeps the
// corpus in dir, if one does. unkept, when not nil, is told of a folder
// nobody keeps.
func Asker(getenv func(string) string, stdout, stderr io.Writer, unkept func(dir string)) func(ctx context.Context, dir string, args []string) (int, bool) {
	return func(ctx context.Context, dir string, args []string) (int, bool) {
		path, err := SocketFor(getenv, dir)
		if err != nil {
			return 0, false
		}
		if _, err := os.Lstat(path); err != nil {
			if unkept != nil {
				unkept(dir)
			}
			return 0, false // nobody keeps it: the common case, decided without a connection
		}
		req := Request{Args: args, Env: map[string]string{}}
		for _, name := range EnvNames {
			if v := getenv(name); v != "" {
				req.Env[name] = v
			}
		}
		status, err := Ask(ctx, path, req, answerWait, stdout, stderr)
		switch {
		case errors.Is(err, ErrNoAnswer):
			return 0, false
		case err != nil:
			fmt.Fprintln(stderr, "folio "+args[0]+": "+err.Error())
			return 1, true
		}
		return status, true
	}
}
