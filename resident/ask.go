package resident

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"time"
)

// ErrNoAnswer is Ask's error when nobody answered: no keeper, another
// build, or one not ready. The command then does the work itself.
var ErrNoAnswer = errors.New("no folio answers for this folder")

// Ask puts a command to the keeper of the corpus whose socket is path and
// copies its output to stdout and stderr. It returns the command's exit
// status, or ErrNoAnswer (nothing was written) when the caller must do
// the work itself: also when the keeper has not begun to answer within
// wait. A keeper that stops halfway is an error of the command's: part of
// its output was written.
func Ask(ctx context.Context, path string, req Request, wait time.Duration, stdout, stderr io.Writer) (int, error) {
	d := net.Dialer{Timeout: time.Second}
	conn, err := d.DialContext(ctx, "unix", path)
	if err != nil {
		return 0, ErrNoAnswer // no socket, or nobody behind it
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() }) // interrupted: the keeper stops too
	defer stop()
	req.Build = Build()
	if err := writeRequest(conn, req); err != nil {
		return 0, ErrNoAnswer
	}
	var buf []byte
	wrote := false
	conn.SetReadDeadline(time.Now().Add(wait))
	for {
		kind, data, err := readFrame(conn, buf)
		if err == nil && !wrote {
			conn.SetReadDeadline(time.Time{}) // it answers: as long as the command takes
		}
		if err != nil {
			if !wrote {
				return 0, ErrNoAnswer
			}
			if ctx.Err() != nil {
				return 0, ctx.Err()
			}
			return 0, fmt.Errorf("the folio that answered stopped halfway: %w", err)
		}
		buf = data[:0]
		switch kind {
		case frameStdout:
			wrote = true
			if _, err := stdout.Write(data); err != nil {
				return 0, err
			}
		case frameStderr:
			wrote = true
			if _, err := stderr.Write(data); err != nil {
				return 0, err
			}
		case frameStatus:
			if len(data) != 4 {
				return 0, errors.New("the folio that answered sent a bad status")
			}
			return int(int32(binary.BigEndian.Uint32(data))), nil
		case frameDecline:
			if wrote {
				return 0, errors.New("the folio that answered gave up halfway")
			}
			return 0, ErrNoAnswer
		default:
			return 0, fmt.Errorf("the folio that answered sent a frame of kind %q", kind)
		}
	}
}
