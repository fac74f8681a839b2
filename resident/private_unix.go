//go:build unix

package resident

import (
	"fmt"
	"os"
	"syscall"
)

// private checks that the sockets' folder is the user's alone: anyone who
// can reach a socket can ask it.
func private(dir string) error {
	info, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	switch {
	case !info.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	case ok && int(st.Uid) != os.Getuid():
		return fmt.Errorf("%s belongs to another user", dir)
	case info.Mode().Perm()&0o077 != 0:
		return fmt.Errorf("%s may be reached by other users (mode %v): make it 0700", dir, info.Mode().Perm())
	}
	return nil
}
