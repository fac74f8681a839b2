//go:build linux || darwin || freebsd

package library

import (
	"os"
	"unsafe"

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

// releasePages tells the system this process is done with the mapped
// pages of b (whole pages only): they leave its resident memory and stay
// in the page cache, to be read again should anything touch them.
func releasePages(b []byte) {
	if len(b) == 0 {
		return
	}
	page := os.Getpagesize()
	off := (page - int(uintptr(unsafe.Pointer(&b[0]))%uintptr(page))) % page
	if n := (len(b) - off) / page * page; off < len(b) && n > 0 {
		unix.Madvise(b[off:off+n], unix.MADV_DONTNEED)
	}
}
