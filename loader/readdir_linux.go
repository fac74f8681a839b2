package loader

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// fastReadDir lists a folder opened through the root with getdents64
// itself. os.Root's own ReadDir calls lstat on every entry (it will not
// trust the types the kernel reports with the names), and os.File's
// allocates two objects an entry: either would make listing a large part
// of a warm start. The folder is opened safely through the
// root; the entries take the types as listed (a link is still a link, and
// is checked through the root before use), and only a file system that
// reports no type pays an lstat.
func fastReadDir(root *os.Root, name string) ([]fs.DirEntry, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := f.SyscallConn()
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	var ents []dirent
	var rerr error
	in := &listing{root: root, dir: name}
	err = raw.Read(func(fd uintptr) bool {
		ents, rerr = getdents(int(fd), in)
		return true
	})
	if err == nil {
		err = rerr
	}
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	slices.SortFunc(ents, func(a, b dirent) int { return strings.Compare(a.name, b.name) })
	out := make([]fs.DirEntry, len(ents))
	for i := range ents {
		out[i] = &ents[i]
	}
	return out, nil
}

// getdents reads every entry of the open folder fd but . and ..,
// asking lstat only for those whose type the file system leaves unknown.
func getdents(fd int, in *listing) ([]dirent, error) {
	bp := direntBufs.Get().(*[]byte)
	defer direntBufs.Put(bp)
	buf := *bp
	var ents []dirent
	for {
		n, err := unix.Getdents(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n <= 0 {
			return ents, nil
		}
		// struct linux_dirent64: u64 inode, s64 offset, u16 record
		// length, u8 type, the name ending in NUL.
		for b := buf[:n]; len(b) >= 19; {
			reclen := int(binary.NativeEndian.Uint16(b[16:]))
			if reclen < 19 || reclen > len(b) {
				return nil, unix.EIO
			}
			nameBytes := b[19:reclen]
			if i := slices.Index(nameBytes, 0); i >= 0 {
				nameBytes = nameBytes[:i]
			}
			typ := b[18]
			b = b[reclen:]
			name := string(nameBytes)
			if name == "." || name == ".." {
				continue
			}
			mode, ok := direntMode(typ)
			if !ok {
				var st unix.Stat_t
				if err := unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
					continue // gone since it was listed
				}
				mode = rawInfo{st: st}.Mode().Type()
			}
			ents = append(ents, dirent{name: name, typ: mode, in: in})
		}
	}
}

// direntBufs are getdents's buffers, reused: a walk lists thousands of
// folders, and a new 64 KiB buffer each would be that much garbage.
var direntBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// direntMode is the type a directory entry reports; false when unknown.
func direntMode(t byte) (fs.FileMode, bool) {
	switch t {
	case unix.DT_REG:
		return 0, true
	case unix.DT_DIR:
		return fs.ModeDir, true
	case unix.DT_LNK:
		return fs.ModeSymlink, true
	case unix.DT_FIFO:
		return fs.ModeNamedPipe, true
	case unix.DT_SOCK:
		return fs.ModeSocket, true
	case unix.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, true
	case unix.DT_BLK:
		return fs.ModeDevice, true
	}
	return 0, false
}

// dirent is an entry as getdents64 listed it.
type dirent struct {
	name string
	typ  fs.FileMode
	in   *listing
}

// listing is the folder entries were listed in, for Info.
type listing struct {
	root *os.Root
	dir  string
}

func (d *dirent) Name() string      { return d.name }
func (d *dirent) IsDir() bool       { return d.typ.IsDir() }
func (d *dirent) Type() fs.FileMode { return d.typ }
func (d *dirent) String() string    { return fs.FormatDirEntry(d) }

// Info is lstat through the root, now.
func (d *dirent) Info() (fs.FileInfo, error) {
	return d.in.root.Lstat(path.Join(d.in.dir, d.name))
}
