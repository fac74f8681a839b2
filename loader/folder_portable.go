//go:build !(linux || darwin || freebsd)

package loader

import (
	"io/fs"
	"os"
)

// haveFastPath: this system goes through os.Root alone.
const haveFastPath = false

// fastReadDir and fastSub are never called here: openDir clears dirFS.fast
// where haveFastPath is false.
func fastReadDir(*os.Root, string) ([]fs.DirEntry, error) { panic("loader: no fast path here") }
func fastSub(*os.Root, string) (fs.FS, error)             { panic("loader: no fast path here") }
