//go:build linux || darwin || freebsd

package library

import (
	"os"

	"golang.org/x/sys/unix"
)

// keepOpen: checksums read the cache through its file, so that the pages
// they touch are not counted against the process (see mapped.check).
const keepOpen = true

// mapFile maps a cache file read-only: the body index's postings are read
// where they lie, in the page cache, rather than copied into the heap.
func mapFile(f *os.File, size int) ([]byte, func() error, error) {
	if size == 0 {
		return nil, func() error { return nil }, nil
	}
	data, err := unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return data, func() error { return unix.Munmap(data) }, nil
}
