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

// Bytes writes a size in the largest unit that keeps it at 1 or more, with
// a decimal below 10: 512 bytes, 41 KB, 1.5 MB, 528 MB (units of 1,024).
func Bytes(n int64) string {
	if n < 1024 {
		if n == 1 {
			return "1 byte"
		}
		return Count(int(n)) + " bytes"
	}
	v := float64(n)
	unit := ""
	for _, u := range []string{"KB", "MB", "GB", "TB"} {
		v /= 1024
		unit = u
		if v < 1024 {
			break
		}
	}
	if v < 10 {
		return strconv.FormatFloat(v, 'f', 1, 64) + " " + unit
	}
	return Count(int(v+0.5)) + " " + unit
}
