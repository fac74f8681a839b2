//go:build amd64 && !purego

package loader

import (
	"bytes"
	"unicode/utf8"
)

// scanText reports whether b holds a NUL byte, and, when it does not,
// whether it is valid UTF-8 (a file with a NUL is not text either way).
// bytes.IndexByte and utf8.Valid were two passes over every file, a
// quarter of parsing it; with AVX2 one pass does both, 32 bytes at a
// time (utf8_amd64.s), and the last bytes are left to the two.
func scanText(b []byte) (nul, valid bool) {
	if !haveAVX2 || len(b) < 32 {
		return bytes.IndexByte(b, 0) >= 0, utf8.Valid(b)
	}
	done, nul, bad, cut := scanBlocksAVX2(b)
	if nul {
		return true, false
	}
	if done == len(b) {
		return false, !bad && !cut
	}
	// The rest, from the lead byte of a character the blocks may have cut.
	from := done
	for i := done - 1; i >= done-3; i-- {
		if c := b[i]; c >= 0xc0 {
			from = i
			break
		} else if c < 0x80 {
			break
		}
	}
	return bytes.IndexByte(b[done:], 0) >= 0, !bad && utf8.Valid(b[from:])
}

//go:noescape
func scanBlocksAVX2(b []byte) (done int, nul, bad, cut bool)
