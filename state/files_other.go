//go:build !unix

package state

import "io/fs"

// Elsewhere the folder's access is the platform's (ACLs on Windows), and
// links are refused by prepareDir's Lstat alone.
const noFollow = 0

func isLinkLoop(error) bool { return false }

func ownedByUser(fs.FileInfo) bool { return true }
