// Package format holds the small text formatters the commands and the
// interface share, so that numbers read the same everywhere.
package format

import "strconv"

// Count writes n with thousands separators: 100,000.
func Count(n int) string {
	if n < 0 {
		return "-" + Count(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Plural writes n, as Count does, with the noun that agrees with it:
// "1 article", "100,000 articles".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Count(n) + " " + many
}
