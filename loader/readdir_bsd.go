//go:build darwin || freebsd

package loader

import (
	"io/fs"
	"os"
	"slices"
	"strings"

	"golang.org/x/sys/unix"
)

// fastReadDir lists a folder opened through the root. os.Root's own ReadDir
// calls lstat on every entry (it will not trust the types the kernel
// reports with the names), a system call a file that the walk need not
// make. The folder is opened safely through the root and its
// descriptor duplicated into a plain File, which takes the types as listed:
// a link is still a link, and is checked through the root before use.
func fastReadDir(root *os.Root, name string) ([]fs.DirEntry, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fd, err := unix.Dup(int(f.Fd()))
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	plain := os.NewFile(uintptr(fd), name)
	defer plain.Close()
	entries, err := plain.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}
