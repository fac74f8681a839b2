//go:build !amd64 || purego

package loader

import (
	"bytes"
	"unicode/utf8"
)

// scanText reports whether b holds a NUL byte, and, when it does not,
// whether it is valid UTF-8.
func scanText(b []byte) (nul, valid bool) {
	return bytes.IndexByte(b, 0) >= 0, utf8.Valid(b)
}
