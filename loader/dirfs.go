package loader

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"syscall"
)

// Dir opens a directory as a file system that no link can lead out of
// (os.Root), and whose files are opened without blocking, so that a FIFO
// slipped in after its type was checked cannot hang the loader.
func Dir(path string) (fs.FS, func() error, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open corpus %s: %w", path, err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("open corpus %s: not a directory", path)
	}
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open corpus %s: %w", path, err)
	}
	return dirFS{FS: root.FS(), root: root}, root.Close, nil
}

type dirFS struct {
	fs.FS // os.Root's: ReadDir, Stat and the rest
	root  *os.Root
}

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return d.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
}

func (d dirFS) Stat(name string) (fs.FileInfo, error) {
	return fs.Stat(d.FS, name)
}

// ReadDir lists a folder opened through the root. os.Root's own ReadDir
// calls lstat on every entry (it will not trust the types the kernel
// reports with the names); at 100,000 files that made the walk the
// loader's bottleneck. The folder is opened safely through the root and its
// descriptor duplicated into a plain File, which takes the types as listed:
// a link is still a link, and is checked through the root before use.
func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := d.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fd, err := syscall.Dup(int(f.Fd()))
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	plain := os.NewFile(uintptr(fd), name)
	defer plain.Close()
	entries, err := plain.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

func (d dirFS) Lstat(name string) (fs.FileInfo, error) {
	return d.root.Lstat(name)
}

func (d dirFS) ReadLink(name string) (string, error) {
	return d.root.Readlink(name)
}

// Sub opens a folder, through the root, for opening its files one by one;
// the caller closes it.
func (d dirFS) Sub(dir string) (fs.FS, error) {
	f, err := d.root.Open(dir)
	if err != nil {
		return nil, err
	}
	return &folder{f: f, fd: int(f.Fd())}, nil
}

// Close releases the root.
func (d dirFS) Close() error { return d.root.Close() }
