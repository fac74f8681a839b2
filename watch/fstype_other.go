//go:build !linux

package watch

// silentFS reports whether the file system holding dir may change without
// telling the watcher. Only Linux's file-system types are known; elsewhere a
// file system is trusted to report its changes.
func silentFS(string) (string, bool) { return "", false }

// orderedEvents: kqueue and ReadDirectoryChangesW make no promise of one
// order across folders (Windows reads each folder's changes on its own), so
// Sync compares everything instead of trusting a cookie.
const orderedEvents = false
