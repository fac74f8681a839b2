//go:build !(linux || darwin || freebsd)

package library

import (
	"io"
	"os"
)

// mapFile reads a cache file whole where there is no mmap to use.
func mapFile(f *os.File, size int) ([]byte, func() error, error) {
	data := make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, nil, err
	}
	return data, func() error { return nil }, nil
}
