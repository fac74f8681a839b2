package loader

import (
	"fmt"
	"unicode/utf8"
)

// The limits on what a file controls, applied where its bytes enter, so
// that everything behind them (the slab, the indexes, the cache, the
// screen) may trust the sizes it is given. docs/FORMAT.md states them;
// each is said once per file, as a warning, when it cuts.
const (
	// MaxFileSize is the largest file read, for loading, body indexing
	// and opening alike; a larger one is skipped and reported.
	MaxFileSize = 256 << 20

	// maxHeaderLine is the longest header line read; the rest of a longer
	// one is dropped before its value is cleaned or measured.
	maxHeaderLine = 16 << 10

	// maxHeaderLines is the most header lines read: a file whose header
	// goes on is read as if its body began at the next one.
	maxHeaderLines = 64

	// maxExtras is the most unknown keys kept (Article.Extra).
	maxExtras = 32

	// maxTitle and the rest bound each field's value, in bytes of UTF-8,
	// after cleaning; a longer value is cut at a character boundary and
	// ends in an ellipsis.
	maxTitle       = 1 << 10
	maxAuthor      = 1 << 10
	maxAuthorTitle = 1 << 10
	maxAuthorDesc  = 4 << 10
	maxCategory    = 256
	maxExtraValue  = 1 << 10

	// maxQuoted bounds a file's text quoted in a problem (a date that
	// cannot be read).
	maxQuoted = 64
)

// ellipsis ends a value that was cut.
const ellipsis = "…"

// cutText returns s if it is at most n bytes, else its longest prefix
// that ends on a character boundary and leaves room for an ellipsis,
// with the ellipsis: at most n bytes in all.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return cutRunes(s, n-len(ellipsis)) + ellipsis
}

// cutRunes returns s's longest prefix of at most n bytes that does not
// end inside a character.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	n = max(n, 0)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// fieldLimit is the longest value kept for a header key (one of the key
// constants, or noKey for any other), and its name in a warning.
func fieldLimit(known int) (limit int, name string) {
	switch known {
	case keyTitle:
		return maxTitle, "title"
	case keyAuthor:
		return maxAuthor, "author"
	case keyAuthorTitle:
		return maxAuthorTitle, "author title"
	case keyAuthorDescription:
		return maxAuthorDesc, "author description"
	case keyCategory1, keyCategory2:
		return maxCategory, "category"
	}
	return maxExtraValue, "header value"
}

// sizeOf says a limit in bytes as the warnings and FORMAT.md do.
func sizeOf(n int) string {
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
