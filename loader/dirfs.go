package loader

import (
	"fmt"
	"io/fs"
	"os"
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

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(d.FS, name)
}

func (d dirFS) Lstat(name string) (fs.FileInfo, error) {
	return d.root.Lstat(name)
}

func (d dirFS) ReadLink(name string) (string, error) {
	return d.root.Readlink(name)
}

// Sub opens a folder as a root of its own; the caller closes it.
func (d dirFS) Sub(dir string) (fs.FS, error) {
	r, err := d.root.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return dirFS{FS: r.FS(), root: r}, nil
}

// Close releases the root.
func (d dirFS) Close() error { return d.root.Close() }
