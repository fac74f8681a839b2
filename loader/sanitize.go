package loader

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/internal/safe"
)

// Sanitize removes what could drive a terminal: escape sequences (CSI, OSC,
// DCS and the rest, dropped whole) and every control character as
// safe.IsControl says (C0, DEL, C1, the marks that reorder text on
// screen). Newlines stay, and the line and paragraph separators become
// newlines; carriage returns go; tabs expand to the next multiple of eight
// columns.
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	col := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\x1b':
			i += escapeLen(s[i:])
			continue
		case r == '\n', r == 0x2028, r == 0x2029:
			b.WriteByte('\n')
			col = 0
		case r == '\t':
			n := 8 - col%8
			b.WriteString("        "[:n])
			col += n
		case isControl(r):
			// dropped
		default:
			b.WriteString(s[i : i+size])
			col++
		}
		i += size
	}
	return b.String()
}

// SanitizeLine is Sanitize for a one-line field: newlines and tabs become
// single spaces, and the ends are trimmed.
func SanitizeLine(s string) string {
	if isPlainLine(s) {
		return strings.TrimSpace(s)
	}
	s = Sanitize(s)
	if strings.ContainsAny(s, "\n") || strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return strings.TrimSpace(s)
}

// isPlainLine reports, in one pass, that s holds nothing SanitizeLine
// would change but its ends: clean, one line, no run of spaces. Header
// fields nearly all are, so it takes eight bytes at a time, and looks at
// the bytes one by one only in the eights that are not all printable
// ASCII with no two spaces together (a name with an accent, a curly
// quote).
func isPlainLine(s string) bool {
	i, prevSpace := 0, uint64(0)
	for ; i+8 <= len(s); i += 8 {
		x := word(s, i)
		spaces := byteIs(x, ' ')
		if x&high != 0 || controlBits(x) != 0 || byteIs(x, 0x7f) != 0 || spaces&(spaces>>8|prevSpace) != 0 {
			if !plainBytes(s, max(i-1, 0), i+8) { // from the byte before, for a pair of spaces across
				return false
			}
		}
		prevSpace = spaces >> 56 // bit 7 of the first byte: the last was a space
	}
	return plainBytes(s, max(i-1, 0), len(s))
}

// plainBytes is isPlainLine a byte at a time, for s[from:to] (looking
// past to for what a byte begins).
func plainBytes(s string, from, to int) bool {
	for i := from; i < to; i++ {
		switch c := s[i]; {
		case c > ' ' && c < 0x7f:
		case c == ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return false
			}
		case c < 0x80 || startsControl(s[i:]):
			return false // a control (a newline, a tab), DEL, C1 or bidi
		}
	}
	return true
}

// word is the eight bytes of s from i, the first in the low byte.
func word(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// byteIs sets bit 7 of each byte of x that is c, and no other: a byte of
// x^c is zero when adding 0x7f to its low seven bits carries into none.
func byteIs(x uint64, c byte) uint64 {
	y := x ^ 0x0101010101010101*uint64(c)
	return ^((y&low + low) | y) & high
}

// isClean reports, cheaply, that s holds nothing Sanitize would change.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= ' ' && c < 0x7f || c == '\n':
		case c < 0x80 || startsControl(s[i:]):
			return false
		}
	}
	return true
}

// startsControl reports that s, which starts with a byte beyond ASCII,
// starts with a character safe.IsControl names: only 0xc2 (C1), 0xd8
// (U+061C) and 0xe2 (U+200E to U+2069) can begin one, so the rest are
// passed over without decoding.
func startsControl(s string) bool {
	switch s[0] {
	case 0xc2, 0xd8, 0xe2:
		r, _ := utf8.DecodeRuneInString(s)
		return safe.IsControl(r)
	}
	return false
}

func isControl(r rune) bool { return safe.IsControl(r) }

// escapeLen is the length of the escape sequence at the start of s, which
// begins with ESC, as x/ansi's parser reads it. A sequence never runs past
// the end of its line: an unterminated string (OSC, DCS and the rest) is
// dropped up to the newline, and the text after it is kept. The parser is
// given a window of s, doubled while the sequence runs past it, so that
// the cost is the sequence's length, not the line's. It takes the byte
// 0x9c for an 8-bit string terminator, which in UTF-8 text is inside a
// character: the cut then moves on to the next character.
func escapeLen(s string) int {
	for w := 64; ; w *= 2 {
		part, line := s[:min(w, len(s))], false
		if i := strings.IndexByte(part, '\n'); i >= 0 {
			part, line = part[:i], true
		}
		_, _, n, state := ansi.DecodeSequence(part, ansi.NormalState, nil)
		if state == ansi.NormalState || line || len(part) == len(s) {
			for n < len(s) && !utf8.RuneStart(s[n]) {
				n++
			}
			return max(n, 1)
		}
	}
}
