//go:build !unix

package loader

// openFlags: outside Unix there are no FIFOs or terminals in a folder to
// guard against (Windows keeps named pipes in \\.\pipe\, and os.Root
// refuses reserved device names such as NUL and COM1).
const openFlags = 0
