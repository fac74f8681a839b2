//go:build darwin || freebsd

package loader

import "golang.org/x/sys/unix"

// rawCalls: here the loader makes ordinary system calls only (macOS goes
// through its C library, which has no raw form); see syscalls_linux.go.
const rawCalls = false

func rawOpenat(dirfd int, name string, flags int) (int, error) {
	return unix.Openat(dirfd, name, flags, 0)
}
func rawRead(fd int, b []byte) (int, error)  { return unix.Read(fd, b) }
func rawFstat(fd int, st *unix.Stat_t) error { return unix.Fstat(fd, st) }
func rawClose(fd int) error                  { return unix.Close(fd) }
func localFS(int) bool                       { return false }
