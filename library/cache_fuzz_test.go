package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/folio-reader/folio/model"
)

// FuzzCacheFile: whatever bytes lie in the cache file, reading it says
// what is wrong or gives a frame whose checks and decoding fail cleanly or
// succeed; it never panics, and a checked range is never read outside
// the file.
func FuzzCacheFile(f *testing.F) {
	dir, cache := corpusDir(f), f.TempDir()
	lib, err := Load(context.Background(), Source{Dir: dir}, Options{Bodies: true, CacheDir: cache, cacheBlock: 1 << 10})
	if err != nil {
		f.Fatal(err)
	}
	lib.Close()
	good, err := os.ReadFile(lib.Cache().Path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(good[len(good)-tailSize:])
	f.Add([]byte("FOLIOIX2"))
	key := [keySize]byte(good[16:headSize])
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "x.idx")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		m, err := readCache(path, key)
		if err != nil {
			return
		}
		defer m.release()
		if err := m.verify(); err != nil {
			return
		}
		for _, r := range [][2]int64{{0, 1}, {0, m.tail}, {m.tail / 2, m.tail / 3}, {m.tail - 1, 1}, {-1, 2}, {m.tail, 1}} {
			m.checkTail(r[0], r[1]) // an error or nil, never a panic
		}
		model.ReadIndex(m.data, nil) // a decoding error or a corpus, never a panic
	})
}
