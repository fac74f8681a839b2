//go:build linux || darwin || freebsd

package loader

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// haveFastPath: this system lists and opens a corpus's files with plain
// system calls (openat, read, fstat) rather than through os.Root alone.
const haveFastPath = true

// fastSub opens a folder through the root, for opening its files by name.
func fastSub(root *os.Root, dir string) (fs.FS, error) {
	f, err := root.Open(dir)
	if err != nil {
		return nil, err
	}
	return &folder{f: f, fd: int(f.Fd())}, nil
}

// folder opens the files of one folder, itself opened through the corpus
// root, by name. It is the loader's hot path: a name is a single component
// (no "/", not "." or ".."), opened relative to the folder with O_NOFOLLOW,
// so it cannot lead anywhere else, and O_NONBLOCK, so a FIFO cannot hang
// it. Files are read with plain system calls: an os.File costs three more
// a file (it tries to register every file with the poller). They are
// ordinary calls, which tell the scheduler, never raw ones: a raw call
// that blocks (a cold disk, a FUSE or network file bound into a local
// folder) would hold its processor and stall every stop-the-world phase
// of the process.
type folder struct {
	f  *os.File
	fd int
}

func (d *folder) Open(name string) (fs.File, error) {
	fd, err := d.openat(name)
	if err != nil {
		return nil, err
	}
	return &rawFile{fd: fd, name: name}, nil
}

func (d *folder) openat(name string) (int, error) {
	if !oneName(name) {
		return -1, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	const flags = unix.O_RDONLY | unix.O_NONBLOCK | unix.O_NOFOLLOW | unix.O_NOCTTY | unix.O_CLOEXEC
	for {
		fd, err := unix.Openat(d.fd, name, flags, 0)
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
	fd, err := d.openat(name)
	if err != nil {
		return nil, buf, openError(err)
	}
	f := rawFile{fd: fd, name: name}
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

// rawFile is an open file read with plain system calls.
type rawFile struct {
	fd   int
	name string
}

func (f *rawFile) Read(p []byte) (int, error) {
	for {
		n, err := unix.Read(f.fd, p)
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
		err := unix.Fstat(f.fd, &st)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return st, &fs.PathError{Op: "stat", Path: f.name, Err: err}
		}
		return st, nil
	}
}

func (f *rawFile) Close() error { return unix.Close(f.fd) }

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
