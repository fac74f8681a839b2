package library

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/gofrs/flock"

	"github.com/folio-reader/folio/model"
)

// The cache file: a header, the corpus as model.WriteIndex writes it, and
// a trailer with the payload's length and a checksum of everything before
// it. A file that does not end in a good trailer is ignored whole.
//
//	"FOLIOIX1" | u32 fileFormat | u32 model.IndexFormat | payload |
//	u64 payload length | u32 CRC-32C of header and payload | "FOLIOEND"
const (
	headMagic  = "FOLIOIX1"
	tailMagic  = "FOLIOEND"
	fileFormat = 1
	headSize   = 16
	tailSize   = 20
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// CachePath is where the index of the corpus in dir is kept, under
// cacheDir: one file per corpus, named for the folder and a hash of its
// absolute path.
func CachePath(cacheDir, dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	base := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, filepath.Base(abs))
	if len(base) > 32 {
		base = base[:32]
	}
	return filepath.Join(cacheDir, base+"-"+hex.EncodeToString(sum[:8])+".idx"), nil
}

// DefaultCacheDir is $XDG_CACHE_HOME/folio, else ~/.cache/folio: the
// folders os.UserCacheDir names (~/Library/Caches on macOS,
// %LocalAppData% on Windows), read through getenv, so that a caller (a
// test) that gives its own environment never reaches the real home.
func DefaultCacheDir(getenv func(string) string) (string, error) {
	var base string
	switch runtime.GOOS {
	case "windows":
		base = getenv("LocalAppData")
	case "darwin", "ios":
		if h := getenv("HOME"); h != "" {
			base = filepath.Join(h, "Library", "Caches")
		}
	case "plan9":
		if h := getenv("home"); h != "" {
			base = filepath.Join(h, "lib", "cache")
		}
	default:
		if d := getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
			base = d
		} else if h := getenv("HOME"); h != "" {
			base = filepath.Join(h, ".cache")
		}
	}
	if base == "" || !filepath.IsAbs(base) {
		return "", errors.New("neither XDG_CACHE_HOME nor HOME is set")
	}
	return filepath.Join(base, "folio"), nil
}

// errNoCache: there is no cache file yet, which is not a problem.
var errNoCache = errors.New("no cache yet")

// mapped is a cache file read into memory, to be released when the corpus
// made of it is done with.
type mapped struct {
	data    []byte // the payload
	size    int64  // the file's
	release func() error
	// verify checks the checksum: run beside decoding, whose result is
	// thrown away unless it says yes.
	verify func() error
}

// readCache opens and checks a cache file. Any error but errNoCache is a
// reason to ignore it, said in a message.
func readCache(path string) (*mapped, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, errNoCache
	}
	if err != nil {
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	size := info.Size()
	if size < headSize+tailSize || size > 1<<40 {
		return nil, fmt.Errorf("truncated (%d bytes)", size)
	}
	var head [headSize]byte
	var tail [tailSize]byte
	if _, err := f.ReadAt(head[:], 0); err != nil {
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	if _, err := f.ReadAt(tail[:], size-tailSize); err != nil {
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	if string(head[:8]) != headMagic {
		return nil, errors.New("not a folio index")
	}
	if v, iv := binary.LittleEndian.Uint32(head[8:]), binary.LittleEndian.Uint32(head[12:]); v != fileFormat || iv != model.IndexFormat {
		return nil, fmt.Errorf("from another version of folio (format %d.%d, this one reads %d.%d)", v, iv, fileFormat, model.IndexFormat)
	}
	n := binary.LittleEndian.Uint64(tail[:8])
	if string(tail[12:]) != tailMagic || n != uint64(size-headSize-tailSize) {
		return nil, errors.New("truncated or unfinished")
	}
	data, release, err := mapFile(f, int(size))
	if err != nil {
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	want := binary.LittleEndian.Uint32(tail[8:12])
	dup, err := os.Open(path) // the checksum reads on its own, after f is closed
	if err != nil {
		release()
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	verify := func() error {
		// Read through the file rather than the mapping, so that the
		// pages it touches are not counted against this process.
		defer dup.Close()
		sum := crc32.New(castagnoli)
		if _, err := io.Copy(sum, bufio.NewReaderSize(io.NewSectionReader(dup, 0, size-tailSize), 1<<20)); err != nil {
			return fmt.Errorf("unreadable: %w", err)
		}
		if sum.Sum32() != want {
			return errors.New("corrupt (checksum mismatch)")
		}
		return nil
	}
	return &mapped{data: data[headSize : size-tailSize], size: size, release: release, verify: verify}, nil
}

// errLocked: another folio is writing this corpus's cache; its cache will
// do as well as ours.
var errLocked = errors.New("another folio is writing it")

// writeCache writes c to path atomically: a temporary file beside it,
// synced, then renamed over the old one, under a lock, so that two folios
// never interleave and a kill at any moment leaves the old file or the new.
func writeCache(path string, c *model.Corpus, racyAfter int64) (int64, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, err
	}
	lock := flock.New(path + ".lock")
	ok, err := lock.TryLock()
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, errLocked
	}
	defer lock.Unlock()
	// A writer killed half-way left its temporary file: with the lock
	// held, nobody else's is being written.
	if old, _ := filepath.Glob(path + ".tmp*"); len(old) > 0 {
		for _, f := range old {
			os.Remove(f)
		}
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return 0, err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	sum := crc32.New(castagnoli)
	counter := &countWriter{}
	w := bufio.NewWriterSize(io.MultiWriter(tmp, sum, counter), 1<<20)
	var head [headSize]byte
	copy(head[:], headMagic)
	binary.LittleEndian.PutUint32(head[8:], fileFormat)
	binary.LittleEndian.PutUint32(head[12:], model.IndexFormat)
	w.Write(head[:])
	if err := c.WriteIndex(w, racyAfter); err != nil {
		return 0, err
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	var tail [tailSize]byte
	binary.LittleEndian.PutUint64(tail[:8], uint64(counter.n-headSize))
	binary.LittleEndian.PutUint32(tail[8:12], sum.Sum32())
	copy(tail[12:], tailMagic)
	if _, err := tmp.Write(tail[:]); err != nil {
		return 0, err
	}
	if err := tmp.Sync(); err != nil {
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, err
	}
	done = true
	syncDir(dir)
	return counter.n + tailSize, nil
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// syncDir makes a rename durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
