//go:build unix

package loader

import (
	"io/fs"
	"syscall"
)

// sysDevIno reads the device and inode os put in a FileInfo.
func sysDevIno(info fs.FileInfo) (dev, ino uint64) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), uint64(st.Ino)
	}
	return 0, 0
}
