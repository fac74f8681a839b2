package loader

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// Dir opens a directory as a file system that no link can lead out of
// (os.Root), and whose files are opened without blocking, so that a FIFO
// slipped in after its type was checked cannot hang the loader. On Linux,
// macOS and FreeBSD it lists and opens files with plain system calls (the
// fast path, folder_fast.go); elsewhere it goes through os.Root alone.
func Dir(path string) (fs.FS, func() error, error) {
	return openDir(path, haveFastPath)
}

// openDir is Dir with the path chosen: fast is ignored where there is no
// fast path. Tests run the loader's safety tests through both.
func openDir(path string, fast bool) (fs.FS, func() error, error) {
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
	d := dirFS{FS: root.FS(), root: root, fast: fast && haveFastPath}
	return d, root.Close, nil
}

type dirFS struct {
	fs.FS // os.Root's: ReadDir, Stat and the rest
	root  *os.Root
	fast  bool // list and open with folder_fast.go's system calls
}

func (d dirFS) Open(name string) (fs.File, error) {
	if !validPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return d.root.OpenFile(name, os.O_RDONLY|openFlags, 0)
}

func (d dirFS) Stat(name string) (fs.FileInfo, error) {
	if !validPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	return d.root.Stat(name)
}

// validPath is fs.ValidPath without its rule that a name be UTF-8: a
// Linux file may be named bad\xffutf.txt and is an article like any
// other. Bytes that are not UTF-8 are never '/' or '.', so replacing them
// keeps every other rule (no "..", no rooted or empty elements) as it was;
// os.Root keeps the opened file inside the folder whatever the name.
func validPath(name string) bool {
	return fs.ValidPath(strings.ToValidUTF8(name, "_"))
}

// ReadDir lists a folder opened through the root, sorted by name.
func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if d.fast {
		return fastReadDir(d.root, name)
	}
	entries, err := fs.ReadDir(d.FS, name)
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
// the caller closes it. The portable path makes it a root of its own, so
// nothing opened through it can leave it either.
func (d dirFS) Sub(dir string) (fs.FS, error) {
	if d.fast {
		return fastSub(d.root, dir)
	}
	r, err := d.root.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return dirFS{FS: r.FS(), root: r}, nil
}

// Close releases the root (a Sub's own, for a folder).
func (d dirFS) Close() error { return d.root.Close() }
