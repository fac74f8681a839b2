package loader

import (
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"time"
)

// folder opens the files of one folder, itself opened through the corpus
// root, by name. It is the loader's hot path: a name is a single component
// (no "/", not "." or ".."), opened relative to the folder with O_NOFOLLOW,
// so it cannot lead anywhere else, and O_NONBLOCK, so a FIFO cannot hang
// it. Files are read with plain system calls: an os.File costs three more
// (it tries to register every file with the poller), and at 100,000 files
// that showed.
type folder struct {
	f  *os.File
	fd int
}

func (d *folder) Open(name string) (fs.File, error) {
	if name == "" || name == "." || name == ".." || strings.ContainsRune(name, '/') {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	for {
		fd, err := syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &rawFile{fd: fd, name: name}, nil
	}
}

func (d *folder) Close() error { return d.f.Close() }

// rawFile is an open file read with plain system calls.
type rawFile struct {
	fd   int
	name string
}

func (f *rawFile) Read(p []byte) (int, error) {
	for {
		n, err := syscall.Read(f.fd, p)
		switch {
		case err == syscall.EINTR:
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
	var st syscall.Stat_t
	if err := syscall.Fstat(f.fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: f.name, Err: err}
	}
	return rawInfo{name: f.name, st: st}, nil
}

func (f *rawFile) Close() error { return syscall.Close(f.fd) }

// rawInfo is what fstat said of a file.
type rawInfo struct {
	name string
	st   syscall.Stat_t
}

func (i rawInfo) Name() string       { return i.name }
func (i rawInfo) Size() int64        { return i.st.Size }
func (i rawInfo) ModTime() time.Time { return time.Unix(i.st.Mtim.Unix()) }
func (i rawInfo) IsDir() bool        { return i.Mode().IsDir() }
func (i rawInfo) Sys() any           { return &i.st }

func (i rawInfo) Mode() fs.FileMode {
	m := fs.FileMode(i.st.Mode & 0o777)
	switch i.st.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		m |= fs.ModeDir
	case syscall.S_IFLNK:
		m |= fs.ModeSymlink
	case syscall.S_IFIFO:
		m |= fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		m |= fs.ModeSocket
	case syscall.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		m |= fs.ModeDevice
	}
	return m
}
