//go:build !(linux || darwin || freebsd)

package library

import (
	"io"
	"os"
)

// keepOpen: the cache is read whole into memory, where the checksums
// read it too; the file is closed at once, so that another folio may
// replace it (Windows renames nothing over an open file).
const keepOpen = false

// mapFile reads a cache file whole where there is no mmap to use.
func mapFile(f *os.File, size int) ([]byte, func() error, error) {
	data := make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, nil, err
	}
	return data, func() error { return nil }, nil
}

// releasePages has nothing to release: the cache was read into the heap.
func releasePages([]byte) {}
