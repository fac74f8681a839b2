//go:build unix

package ownfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

const noFollow = syscall.O_NOFOLLOW

// errOpen is Private's error for a folder others may enter.
var errOpen = errors.New("may be reached by other users")

// Private checks that the folder path is the user's alone: a folder, not
// a link, owned by the user, and closed to everyone else (anyone who can
// write in it could plant a link, and anyone who can reach a socket in it
// can ask it).
func Private(path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return err
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s %w", path, ErrLink)
	case !info.IsDir():
		return fmt.Errorf("%s is not a folder", path)
	case ok && int(st.Uid) != os.Getuid():
		return fmt.Errorf("%s belongs to another user", path)
	case info.Mode().Perm()&0o077 != 0:
		return fmt.Errorf("%s %w (mode %v): make it 0700", path, errOpen, info.Mode().Perm())
	}
	return nil
}
