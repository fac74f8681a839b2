package library

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/folio-reader/folio/internal/ownfile"
	"github.com/folio-reader/folio/model"
)

// The cache file: a header, the corpus as model.WriteIndex writes it, a
// table of checksums, one for every block of header and payload (a MiB;
// the trailer says), and a trailer. A file that does not end in a good trailer
// is ignored whole.
//
//	"FOLIOIX2" | u32 fileFormat | u32 model.IndexFormat | 8-byte corpus key | payload |
//	u32 CRC-32C of each block | u64 payload length | u64 tail length |
//	u32 blocks | u32 block size | u32 CRC-32C of the table and the four
//	numbers | "FOLIOEND"
//
// The payload's tail is its word positions (model.WriteIndex says how
// long): most of the file, and needed only by exact phrases. The blocks
// before the tail are checked while the cache is decoded, the tail's only
// as a phrase reads them (model.Corpus.CheckPositions), so that a warm
// start reads a third of the file rather than all of it. The corpus key
// (the start of the hash of the corpus folder's absolute path, as the
// file's name has it) tells a cache copied over another corpus's.
const (
	headMagic  = "FOLIOIX2"
	tailMagic  = "FOLIOEND"
	fileFormat = 3
	keySize    = 8
	headSize   = 16 + keySize
	tailSize   = 36
	blockSize  = 1 << 20 // what writeCache is given, but in tests
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
	key := corpusKey(abs)
	base := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, filepath.Base(abs))
	if len(base) > 32 {
		base = base[:32]
	}
	return filepath.Join(cacheDir, base+"-"+hex.EncodeToString(key[:])+".idx"), nil
}

// corpusKey is what names the cache of the corpus whose folder is abs,
// and what its header holds.
func corpusKey(abs string) [keySize]byte {
	sum := sha256.Sum256([]byte(abs))
	return [keySize]byte(sum[:keySize])
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
	data  []byte // the payload
	size  int64  // the file's
	unmap func() error
	tail  int64    // the payload's last bytes that verify leaves to checkTail
	whole []byte   // the file, header and trailer included
	file  *os.File // nil when keepOpen is false
	sums  []uint32
	block int64 // bytes a sum covers
	// good[i] is 1 once block i passed its check, 2 when it failed.
	good []atomic.Uint32
}

// errRefused: the cache file or its folder is not one folio may trust
// (a link, not a regular file, a folder open to others): neither read nor
// written.
var errRefused = errors.New("refused")

// readCache opens and checks a cache file's frame, made for the corpus
// whose key is key; its blocks are checked by verify and checkTail. Any
// error but errNoCache is a reason to ignore it, said in a message; one
// that is errRefused also means it must not be written.
func readCache(path string, key [keySize]byte) (*mapped, error) {
	if err := ownfile.Own(filepath.Dir(path)); err != nil {
		if _, missing := errors.AsType[*fs.PathError](err); missing {
			return nil, errNoCache // no folder to read (the write will say why, if it cannot make one)
		}
		return nil, fmt.Errorf("%w: %w", errRefused, err)
	}
	f, err := ownfile.Open(path, os.O_RDONLY, 0)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, errNoCache
	case errors.Is(err, ownfile.ErrLink), errors.Is(err, ownfile.ErrNotRegular):
		return nil, fmt.Errorf("%w: %w", errRefused, err)
	case err != nil:
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	m, err := frame(f, key)
	if err != nil {
		f.Close()
		return nil, err
	}
	return m, nil // frame closed f or keeps it
}

func frame(f *os.File, key [keySize]byte) (*mapped, error) {
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
	if string(head[:6]) != headMagic[:6] {
		return nil, errors.New("not a folio index")
	}
	if v, iv := binary.LittleEndian.Uint32(head[8:]), binary.LittleEndian.Uint32(head[12:]); string(head[:8]) != headMagic || v != fileFormat || iv != model.IndexFormat {
		return nil, fmt.Errorf("from another version of folio (format %d.%d, this one reads %d.%d)", v, iv, fileFormat, model.IndexFormat)
	}
	if [keySize]byte(head[16:]) != key {
		return nil, errors.New("made for another folder")
	}
	n := binary.LittleEndian.Uint64(tail[0:])
	tailLen := binary.LittleEndian.Uint64(tail[8:])
	k := uint64(binary.LittleEndian.Uint32(tail[16:]))
	bs := uint64(binary.LittleEndian.Uint32(tail[20:]))
	if string(tail[28:]) != tailMagic || n > uint64(size) || bs < 1<<10 || bs > 1<<30 || k != (headSize+n+bs-1)/bs || uint64(size) != headSize+n+4*k+tailSize {
		return nil, errors.New("truncated or unfinished")
	}
	table := make([]byte, 4*k+24)
	if _, err := f.ReadAt(table, int64(headSize+n)); err != nil {
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	if crc32.Checksum(table, castagnoli) != binary.LittleEndian.Uint32(tail[24:]) || tailLen > n {
		return nil, errCorrupt
	}
	sums := make([]uint32, k)
	for i := range sums {
		sums[i] = binary.LittleEndian.Uint32(table[4*i:])
	}
	data, release, err := mapFile(f, int(size))
	if err != nil {
		return nil, fmt.Errorf("unreadable: %w", err)
	}
	m := &mapped{data: data[headSize : headSize+n], whole: data, size: size, tail: int64(tailLen), sums: sums, block: int64(bs), good: make([]atomic.Uint32, k), unmap: release}
	if keepOpen {
		m.file = f
	} else {
		f.Close()
	}
	return m, nil
}

// verify checks every block before the payload's tail: run beside
// decoding, whose result is thrown away unless it says yes. It reads
// through the file rather than the mapping, so that the pages it touches
// are not counted against this process.
func (m *mapped) verify() error {
	return m.check(0, headSize+int64(len(m.data))-m.tail)
}

// checkTail checks the blocks that hold bytes off to off+n of the tail.
func (m *mapped) checkTail(off, n int64) error {
	at := headSize + int64(len(m.data)) - m.tail + off
	if off < 0 || n < 0 || off+n > m.tail {
		return errors.New("read past the index's positions")
	}
	return m.check(at, n)
}

// check checks the blocks that hold the file's bytes off to off+n, each
// once.
func (m *mapped) check(off, n int64) error {
	if n <= 0 {
		return nil
	}
	var buf []byte
	bs := m.block
	for b := off / bs; b <= (off+n-1)/bs; b++ {
		switch m.good[b].Load() {
		case 1:
			continue
		case 2:
			return errCorrupt
		}
		if buf == nil && m.file != nil {
			buf = make([]byte, bs)
		}
		end := min((b+1)*bs, headSize+int64(len(m.data)))
		chunk := m.whole[b*bs : end]
		if m.file != nil {
			chunk = buf[:len(chunk)]
			if _, err := m.file.ReadAt(chunk, b*bs); err != nil {
				return fmt.Errorf("unreadable: %w", err)
			}
		}
		if crc32.Checksum(chunk, castagnoli) != m.sums[b] {
			m.good[b].Store(2)
			return errCorrupt
		}
		m.good[b].Store(1)
	}
	return nil
}

var errCorrupt = errors.New("corrupt (checksum mismatch)")

// release unmaps the file and closes it.
func (m *mapped) release() error {
	err := m.unmap()
	if m.file != nil {
		err = errors.Join(err, m.file.Close())
	}
	return err
}

// errLocked: another folio is writing this corpus's cache; its cache will
// do as well as ours.
var errLocked = errors.New("another folio is writing it")

// writeCache writes c to path atomically: a temporary file beside it,
// synced, then renamed over the old one, under a lock, so that two folios
// never interleave and a kill at any moment leaves the old file or the new.
func writeCache(path string, key [keySize]byte, c *model.Corpus, racyAfter int64, block int) (int64, error) {
	dir := filepath.Dir(path)
	if err := ownfile.Dir(dir); err != nil {
		return 0, err
	}
	for _, p := range []string{path, path + ".lock"} {
		if err := ownfile.NoLink(p); err != nil {
			return 0, err
		}
	}
	lock := ownfile.Lock(path + ".lock")
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
	sums := &blockSums{crc: crc32.New(castagnoli), block: block}
	w := bufio.NewWriterSize(io.MultiWriter(tmp, sums), 1<<20)
	var head [headSize]byte
	copy(head[:], headMagic)
	binary.LittleEndian.PutUint32(head[8:], fileFormat)
	binary.LittleEndian.PutUint32(head[12:], model.IndexFormat)
	copy(head[16:], key[:])
	w.Write(head[:])
	tailLen, err := c.WriteIndex(w, racyAfter)
	if err != nil {
		return 0, err
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	n := sums.n - headSize
	table := sums.table()
	blocks := len(table) / 4
	table = binary.LittleEndian.AppendUint64(table, uint64(n))
	table = binary.LittleEndian.AppendUint64(table, uint64(tailLen))
	table = binary.LittleEndian.AppendUint32(table, uint32(blocks))
	table = binary.LittleEndian.AppendUint32(table, uint32(block))
	table = binary.LittleEndian.AppendUint32(table, crc32.Checksum(table, castagnoli))
	table = append(table, tailMagic...)
	if _, err := tmp.Write(table); err != nil {
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
	return sums.n + int64(len(table)), nil
}

// blockSums is the checksum of every block of what is written through it.
type blockSums struct {
	crc   hash.Hash32
	block int
	n     int64 // bytes written
	sums  []uint32
}

func (s *blockSums) Write(p []byte) (int, error) {
	written := len(p)
	for len(p) > 0 {
		k := min(len(p), s.block-int(s.n%int64(s.block)))
		s.crc.Write(p[:k])
		s.n += int64(k)
		p = p[k:]
		if s.n%int64(s.block) == 0 {
			s.sums = append(s.sums, s.crc.Sum32())
			s.crc.Reset()
		}
	}
	return written, nil
}

// table is the sums, the last (partial) block's included, as the file
// holds them.
func (s *blockSums) table() []byte {
	sums := s.sums
	if s.n%int64(s.block) != 0 {
		sums = append(sums, s.crc.Sum32())
	}
	out := make([]byte, 0, 4*len(sums)+tailSize) // the trailer is appended to it
	for _, v := range sums {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	return out
}

// syncDir makes a rename durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
