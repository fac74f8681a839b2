//go:build !unix

package loader

import "io/fs"

// sysDevIno: FileInfo carries no device or inode here (see Identity).
func sysDevIno(fs.FileInfo) (dev, ino uint64) { return 0, 0 }
