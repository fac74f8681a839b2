// Package safe is the one door between untrusted text (anything derived
// from a file's name or content, or sent by an SSH client) and a terminal
// or a log: Text writes control characters and bytes that are not UTF-8
// out visibly, so no byte from a corpus ever reaches a terminal as a
// control, and Unescape reverses it, so an ID printed escaped can be
// typed back.
package safe

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text returns s with every character a terminal could act on written out
// as a backslash escape, and nothing else changed:
//
//	\\        a backslash (doubled, so the escaping can be reversed)
//	\t \n \r  tab, newline, carriage return
//	\xHH      any other C0 control (ESC is \x1b, BEL \x07), DEL, and each
//	          byte that is not part of valid UTF-8 (\xff)
//	\uHHHH    C1 controls (U+0080–U+009F), the line and paragraph
//	          separators U+2028/U+2029, and the bidirectional controls
//	          (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069),
//	          which reorder what a terminal shows
//
// The result is valid UTF-8 holding no control character; Unescape(Text(s))
// == s for every s. Text allocates only when s needs escaping.
func Text(s string) string {
	i := firstUnsafe(s)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			writeByte(&b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, c)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// ForJSON is s for a JSON string, which carries any UTF-8 exactly: s
// itself when it is UTF-8, else Text of it (as list prints it, and as
// folio show takes it back) and true, for the field that says so.
func ForJSON(s string) (text string, escaped bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	return Text(s), true
}

// Clip is Text limited to about max bytes of s (a whole character at
// most more), with "…" and the number of bytes left out appended, for log
// lines that must stay short whatever a client sends.
func Clip(s string, max int) string {
	if len(s) <= max {
		return Text(s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) && max-cut < utf8.UTFMax {
		cut--
	}
	return fmt.Sprintf("%s…(%d more bytes)", Text(s[:cut]), len(s)-cut)
}

func writeByte(b *strings.Builder, c byte) {
	switch c {
	case '\\':
		b.WriteString(`\\`)
	case '\t':
		b.WriteString(`\t`)
	case '\n':
		b.WriteString(`\n`)
	case '\r':
		b.WriteString(`\r`)
	default:
		if c < 0x20 || c == 0x7f {
			fmt.Fprintf(b, `\x%02x`, c)
		} else {
			b.WriteByte(c)
		}
	}
}

// firstUnsafe is the index of the first byte Text must change, or len(s).
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		// Eight bytes at a time while they are plain printable ASCII,
		// as nearly all of a list's IDs, titles and bylines are.
		if i+8 <= len(s) && plain8(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
			uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56) {
			i += 8
			continue
		}
		n, bad := charAt(s, i)
		if bad {
			return i
		}
		i += n
	}
	return len(s)
}

// charAt is the length of the character at s[i], and whether Text
// changes it.
func charAt(s string, i int) (n int, unsafe bool) {
	if c := s[i]; c < utf8.RuneSelf {
		return 1, c < 0x20 || c == 0x7f || c == '\\'
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return n, (r == utf8.RuneError && n == 1) || unsafeRune(r)
}

// plain8 reports whether the eight bytes of x are all ASCII from space to
// '~' but the backslash: none is 0x80 or more, less than 0x20, 0x7f or
// '\\' (the tests for a zero byte and a byte below n are exact when no
// byte has its top bit set).
func plain8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(v uint64) bool { return (v-ones)&^v&highs != 0 }
	return x&highs == 0 && (x-0x20*ones)&^x&highs == 0 && !zero(x^(0x7f*ones)) && !zero(x^('\\'*ones))
}

// unsafeRune reports the characters above ASCII that Text escapes.
func unsafeRune(r rune) bool { return r >= 0x80 && IsControl(r) }

// IsControl is folio's one rule of what is a control character, which no
// text from a file or a visitor may bring to a terminal as it is: the C0
// controls (below the space), DEL, the C1 controls, the line and paragraph
// separators, and the marks that change the direction text is shown in
// (the Arabic letter mark, the left-to-right and right-to-left marks, the
// embeddings, overrides and isolates). The loader drops them from what it
// reads (loader.Sanitize); Text escapes them wherever text is printed.
func IsControl(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// ErrEscape is wrapped by Unescape's errors.
var ErrEscape = errors.New("bad escape")

// Unescape reverses Text. It fails on a backslash that does not start one
// of Text's escapes, so a caller can fall back to taking s as it is.
func Unescape(s string) (string, error) {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(s) {
			return "", fmt.Errorf("%w: trailing backslash", ErrEscape)
		}
		switch s[i+1] {
		case '\\':
			b.WriteByte('\\')
			i += 2
		case 't':
			b.WriteByte('\t')
			i += 2
		case 'n':
			b.WriteByte('\n')
			i += 2
		case 'r':
			b.WriteByte('\r')
			i += 2
		case 'x':
			v, ok := hex(s, i+2, 2)
			if !ok {
				return "", fmt.Errorf("%w: \\x needs two hex digits at byte %d", ErrEscape, i)
			}
			b.WriteByte(byte(v))
			i += 4
		case 'u':
			v, ok := hex(s, i+2, 4)
			if !ok {
				return "", fmt.Errorf("%w: \\u needs four hex digits at byte %d", ErrEscape, i)
			}
			b.WriteRune(rune(v))
			i += 6
		default:
			return "", fmt.Errorf("%w: \\%c at byte %d", ErrEscape, s[i+1], i)
		}
	}
	return b.String(), nil
}

func hex(s string, at, n int) (int, bool) {
	if at+n > len(s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(s[at : at+n]) {
		switch {
		case c >= '0' && c <= '9':
			v = v*16 + int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v*16 + int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v*16 + int(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// HasControls reports whether s holds a byte or character Text would escape
// other than a backslash: for tests and checks that output is clean.
func HasControls(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || unsafeRune(r) {
			return true
		}
		i += n
	}
	return false
}
