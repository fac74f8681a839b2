package watch

import "syscall"

// Network and user-space file systems: inotify sees the changes made through
// this machine's mount, never those made by another machine.
var silentTypes = map[uint32]string{
	0x6969:     "nfs",
	0x517b:     "smb",
	0xfe534d42: "smb2",
	0xff534d42: "cifs",
	0x65735546: "fuse",
	0x01021997: "9p",
	0x73757245: "coda",
	0x5346414f: "afs",
	0x00c36400: "ceph",
	0x47504653: "gpfs",
	0x0bd00bd0: "lustre",
}

// silentFS reports whether the file system holding dir may change without
// telling inotify, and its kind.
func silentFS(dir string) (string, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return "", false
	}
	name, ok := silentTypes[uint32(st.Type)]
	return name, ok
}

// orderedEvents: inotify keeps one queue a watcher, for every folder it
// watches, in the order the changes were made, which is what Sync's cookie
// relies on.
const orderedEvents = true
