//go:build linux || darwin || freebsd

package loader

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// haveFastPath: this system lists and opens a corpus's files with plain
// system calls (openat, read, fstat) rather than through os.Root alone.
const haveFastPath = true

// fastSub opens a folder through the root, for opening its files by name.
func fastSub(root *os.Root, dir string, mode *callMode) (fs.FS, error) {
	f, err := root.Open(dir)
	if err != nil {
		return nil, err
	}
	fd := int(f.Fd())
	return &folder{f: f, fd: fd, mode: mode, raw: rawCalls && localFS(fd)}, nil
}

// callMode is shared by the folders of one corpus: once reads are slow,
// as reads from the page cache are not, every folder after them makes
// ordinary system calls (see syscalls_linux.go).
type callMode struct {
	slow atomic.Bool
}

// slowRead is how long reading a file of size bytes from the page cache
// may take: 1 ms, and 1 ms a MiB.
func slowRead(size int) time.Duration {
	return time.Millisecond + time.Duration(size>>20)*time.Millisecond
}

// folder opens the files of one folder, itself opened through the corpus
// root, by name. It is the loader's hot path: a name is a single component
// (no "/", not "." or ".."), opened relative to the folder with O_NOFOLLOW,
// so it cannot lead anywhere else, and O_NONBLOCK, so a FIFO cannot hang
// it. Files are read with plain system calls: an os.File costs three more
// a file (it tries to register every file with the poller).
type folder struct {
	f    *os.File
	fd   int
	mode *callMode
	raw  bool // a local file system: raw calls unless mode.slow

	reads, slow int // raw reads timed, and how many were slow
	untimed     int // raw reads since the last one timed
}

func (d *folder) Open(name string) (fs.File, error) {
	fd, err := d.openat(name, false)
	if err != nil {
		return nil, err
	}
	return &rawFile{fd: fd, name: name}, nil
}

func (d *folder) openat(name string, raw bool) (int, error) {
	if !oneName(name) {
		return -1, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	const flags = unix.O_RDONLY | unix.O_NONBLOCK | unix.O_NOFOLLOW | unix.O_NOCTTY | unix.O_CLOEXEC
	for {
		var fd int
		var err error
		if raw {
			fd, err = rawOpenat(d.fd, name, flags)
		} else {
			fd, err = unix.Openat(d.fd, name, flags, 0)
		}
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return -1, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return fd, nil
	}
}

func (d *folder) Close() error { return d.f.Close() }

// readFile is the loader's readFile for a name in the folder, with the
// file, its status and its identity kept as values: through fs.File and
// fs.FileInfo they were two allocations a file, one of them the size of
// a stat buffer.
func (d *folder) readFile(name string, limit int64, buf []byte, file *Identity) (data, newBuf []byte, err error) {
	if !d.raw || d.mode.slow.Load() {
		return d.read(name, false, limit, buf, file)
	}
	if d.untimed++; d.reads >= timeAll && d.untimed < timeEvery {
		return d.read(name, true, limit, buf, file)
	}
	d.untimed = 0
	start := time.Now()
	data, buf, err = d.read(name, true, limit, buf, file)
	d.timed(time.Since(start), len(data))
	return data, buf, err
}

// A folder times each of its first timeAll raw reads, and then one in
// timeEvery: the clock asked twice a file costs a cold load, and a disk's
// slow reads show as well in one read of eight.
const (
	timeAll   = 32
	timeEvery = 8
)

// timed counts a raw read of size bytes that took so long; when many were
// slow (one may be a thread the system set aside for a moment; many are a
// disk), every folder of the corpus goes back to ordinary calls.
func (d *folder) timed(took time.Duration, size int) {
	d.reads++
	if took <= slowRead(size) {
		return
	}
	if d.slow++; d.slow >= 4 && d.slow*8 >= d.reads {
		d.mode.slow.Store(true)
	}
}

// read is readFile, with raw or ordinary system calls.
func (d *folder) read(name string, raw bool, limit int64, buf []byte, file *Identity) (data, newBuf []byte, err error) {
	fd, err := d.openat(name, raw)
	if err != nil {
		return nil, buf, openError(err)
	}
	f := rawFile{fd: fd, name: name, raw: raw}
	defer f.Close()
	var info rawInfo
	if info.st, err = f.stat(); err != nil {
		return nil, buf, fmt.Errorf("cannot stat: %s", describe(err))
	}
	if err := checkRegular(info.Mode()); err != nil {
		return nil, buf, err
	}
	if file != nil {
		*file = info.identity()
	}
	return readAll(f.Read, info.Size(), limit, buf)
}

// Stat is fstatat on a name in the folder, without following a link: a
// revalidating load's one system call for a file it already knows.
func (d *folder) Stat(name string) (fs.FileInfo, error) {
	var st unix.Stat_t
	if err := d.lstat(name, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return rawInfo{name: name, st: st}, nil
}

// fileIdentity is Stat for known: the identity of a regular file, false
// for anything else or an error, without the FileInfo Stat allocates (a
// revalidation asks it of every file).
func (d *folder) fileIdentity(name string) (Identity, bool) {
	var st unix.Stat_t
	if d.lstat(name, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return Identity{}, false
	}
	return rawInfo{st: st}.identity(), true
}

// oneName reports whether name is a single component of a path, which
// cannot lead out of the folder.
func oneName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsRune(name, '/')
}

// lstat is fstatat of a single name in the folder, not following a link.
func (d *folder) lstat(name string, st *unix.Stat_t) error {
	if !oneName(name) {
		return fs.ErrInvalid
	}
	for {
		err := unix.Fstatat(d.fd, name, st, unix.AT_SYMLINK_NOFOLLOW)
		if err != unix.EINTR {
			return err
		}
	}
}

// rawFile is an open file read with plain system calls, raw ones if raw.
type rawFile struct {
	fd   int
	name string
	raw  bool
}

func (f *rawFile) Read(p []byte) (int, error) {
	for {
		var n int
		var err error
		if f.raw {
			n, err = rawRead(f.fd, p)
		} else {
			n, err = unix.Read(f.fd, p)
		}
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *rawFile) Stat() (fs.FileInfo, error) {
	st, err := f.stat()
	if err != nil {
		return nil, err
	}
	return rawInfo{name: f.name, st: st}, nil
}

func (f *rawFile) stat() (unix.Stat_t, error) {
	var st unix.Stat_t
	for {
		var err error
		if f.raw {
			err = rawFstat(f.fd, &st)
		} else {
			err = unix.Fstat(f.fd, &st)
		}
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return st, &fs.PathError{Op: "stat", Path: f.name, Err: err}
		}
		return st, nil
	}
}

func (f *rawFile) Close() error {
	if f.raw {
		return rawClose(f.fd)
	}
	return unix.Close(f.fd)
}

// rawInfo is what fstat said of a file.
type rawInfo struct {
	name string
	st   unix.Stat_t
}

func (i rawInfo) Name() string       { return i.name }
func (i rawInfo) Size() int64        { return i.st.Size }
func (i rawInfo) ModTime() time.Time { return time.Unix(i.st.Mtim.Unix()) }
func (i rawInfo) IsDir() bool        { return i.Mode().IsDir() }
func (i rawInfo) Sys() any           { return &i.st }

// identity is the file's, for IdentityOf.
func (i rawInfo) identity() Identity {
	return Identity{Size: i.Size(), ModTime: i.ModTime().UnixNano(), Dev: uint64(i.st.Dev), Ino: i.st.Ino}
}

func (i rawInfo) Mode() fs.FileMode {
	mode := uint32(i.st.Mode)
	m := fs.FileMode(mode & 0o777)
	switch mode & unix.S_IFMT {
	case unix.S_IFDIR:
		m |= fs.ModeDir
	case unix.S_IFLNK:
		m |= fs.ModeSymlink
	case unix.S_IFIFO:
		m |= fs.ModeNamedPipe
	case unix.S_IFSOCK:
		m |= fs.ModeSocket
	case unix.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFBLK:
		m |= fs.ModeDevice
	}
	return m
}
