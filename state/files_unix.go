//go:build unix

package state

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

const noFollow = syscall.O_NOFOLLOW

func isLinkLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }

// ownedByUser reports whether the file belongs to the user folio runs as.
func ownedByUser(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
