//go:build unix

package loader

import (
	"os"
	"syscall"
	"testing"
)

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

// mknull makes a character device like /dev/null at path, or skips.
func mknull(t *testing.T, path string) {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("mknod needs root")
	}
	if err := syscall.Mknod(path, syscall.S_IFCHR|0o644, 1<<8|3); err != nil {
		t.Skip("mknod:", err)
	}
}
