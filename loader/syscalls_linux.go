package loader

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// The loader's reads of a local folder go to the kernel without telling
// the Go scheduler (raw system calls). An ordinary call hands its
// processor back to the scheduler for as long as it lasts, and with every
// processor busy the runtime's monitor takes it away from any call that
// lasts over 20 µs and wakes another thread for it, over and over in a
// load of four calls a file. A raw call keeps its processor,
// which is what a read from the page cache wants; it is only safe where a
// call cannot hang, so folders on a network or FUSE file system, and
// every folder after reads proved slow (a disk, not the cache: see
// folder.timed), get the ordinary calls.

// rawCalls: this system has raw system calls for the loader.
const rawCalls = true

func rawOpenat(dirfd int, name string, flags int) (int, error) {
	p, err := unix.BytePtrFromString(name)
	if err != nil {
		return -1, err
	}
	fd, _, errno := unix.RawSyscall6(unix.SYS_OPENAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(flags), 0, 0, 0)
	if errno != 0 {
		return -1, errno
	}
	return int(fd), nil
}

func rawRead(fd int, b []byte) (int, error) {
	var p unsafe.Pointer
	if len(b) > 0 {
		p = unsafe.Pointer(&b[0])
	}
	n, _, errno := unix.RawSyscall(unix.SYS_READ, uintptr(fd), uintptr(p), uintptr(len(b)))
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}

func rawFstat(fd int, st *unix.Stat_t) error {
	if _, _, errno := unix.RawSyscall(unix.SYS_FSTAT, uintptr(fd), uintptr(unsafe.Pointer(st)), 0); errno != 0 {
		return errno
	}
	return nil
}

func rawClose(fd int) error {
	if _, _, errno := unix.RawSyscall(unix.SYS_CLOSE, uintptr(fd), 0, 0); errno != 0 {
		return errno
	}
	return nil
}

// localFS reports whether the folder open at fd is on a file system of a
// local disk or of memory, whose calls may be slow but cannot hang as a
// network's can.
func localFS(fd int) bool {
	var st unix.Statfs_t
	if err := unix.Fstatfs(fd, &st); err != nil {
		return false
	}
	switch uint32(st.Type) {
	case unix.EXT4_SUPER_MAGIC, unix.XFS_SUPER_MAGIC, unix.BTRFS_SUPER_MAGIC,
		unix.TMPFS_MAGIC, unix.RAMFS_MAGIC, unix.OVERLAYFS_SUPER_MAGIC,
		unix.F2FS_SUPER_MAGIC, unix.SQUASHFS_MAGIC, zfsMagic, bcachefsMagic:
		return true
	}
	return false
}

// Magic numbers of file systems x/sys/unix does not name.
const (
	zfsMagic      = 0x2fc12fc1
	bcachefsMagic = 0xca451a4e
)
