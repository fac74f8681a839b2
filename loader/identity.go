package loader

import (
	"io/fs"

	"github.com/folio-reader/folio/model"
)

// Identity says which version of a file was read, so that a later run can
// tell whether the file is still the one it knows without reading it
// again: same identity, same bytes, as far as the file system will say.
//
// Size and ModTime are known everywhere. Dev and Ino are the device and
// inode on Unix; they are zero where FileInfo does not carry them
// (Windows: os keeps the volume serial and file index to itself, so a
// caller that needs them must open the file and ask
// GetFileInformationByHandle; on ReFS even that 64-bit index is not
// unique). With Dev and Ino zero, an identity rests on size and time
// alone: sound against edits through the usual tools, which set the time
// (NTFS keeps it to 100 ns), not against a writer that restores it.
//
// It is model.Identity, so that an article carries the identity of the
// file it was read from into the corpus and its cache.
type Identity = model.Identity

// IdentityOf returns the identity of the file info describes: a FileInfo
// from os, os.Root or the loader's own file system.
func IdentityOf(info fs.FileInfo) Identity {
	if r, ok := info.(interface{ identity() Identity }); ok {
		return r.identity()
	}
	id := Identity{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	id.Dev, id.Ino = sysDevIno(info)
	return id
}
