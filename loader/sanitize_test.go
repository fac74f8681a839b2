package loader

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSanitize: nothing that can drive a terminal survives; text,
// newlines and the look of tabs do.
func TestSanitize(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain text untouched", "Café, 北京, Ελλάδα — “quoted”\nline two", "Café, 北京, Ελλάδα — “quoted”\nline two"},
		{"SGR colour", "\x1b[31mred\x1b[0m text", "red text"},
		{"cursor moves", "a\x1b[2J\x1b[Hb\x1b[10;20Hc", "abc"},
		{"OSC title ended by BEL", "x\x1b]0;pwned\ay", "xy"},
		{"OSC hyperlink ended by ST", "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"unterminated OSC ends at the line", "a\x1b]0;title\nb", "a\nb"},
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"two-byte escape", "a\x1bcb\x1b7c", "abc"},
		{"lone ESC at the end", "a\x1b", "a"},
		{"CSI cut by a control", "a\x1b[31\nb", "a\nb"},
		{"charset designation, intermediate and all", "a\x1b(Bb", "ab"},
		{"a long OSC, past the parser's first windows", "a\x1b]8;;http://x/" + strings.Repeat("y", 1000) + "\x1b\\b", "ab"},
		{"a long unterminated OSC ends at the line", "a\x1b]0;" + strings.Repeat("y", 1000) + "\nb", "a\nb"},
		{"an unterminated OSC ends with the text", "a\x1b]0;" + strings.Repeat("y", 300), "a"},
		{"byte 0x9c inside a character ends a string at the character", "a\x1b]0;\u271cx\ab", "axb"},
		{"C0 controls", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"C1 controls", "a\u009b31mb\u0085c", "a31mbc"},
		{"bidi overrides", "abc\u202Eevil\u202C\u2066x\u2069", "abcevilx"},
		{"carriage returns", "one\r\ntwo\rthree", "one\ntwothree"},
		{"tabs to the next stop of eight", "a\tb\n\tc\nabcdefgh\ti", "a       b\n        c\nabcdefgh        i"},
		{"tab after wide text counts runes", "é\tx", "é       x"},
	} {
		if got := Sanitize(c.in); got != c.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestSanitizeLine(t *testing.T) {
	for in, want := range map[string]string{
		"  A title  ":              "A title",
		"two\nlines":               "two lines",
		"tab\tinside":              "tab inside",
		"\x1b[1mBold\x1b[0m title": "Bold title",
		"keep  nothing\r\n":        "keep nothing",
		"Zhang Hui and Zhao Yusha": "Zhang Hui and Zhao Yusha",
	} {
		if got := SanitizeLine(in); got != want {
			t.Errorf("SanitizeLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestIsClean: the fast path says clean only when Sanitize would change
// nothing.
func TestIsClean(t *testing.T) {
	for _, s := range []string{"plain", "Café 北京\nline", "a\tb", "a\rb", "\x1b[0m", "a\u0085", "a\u202Eb", "a\u2066b", "\x7f"} {
		if isClean(s) != (Sanitize(s) == s) {
			t.Errorf("isClean(%q) = %v, but Sanitize gives %q", s, isClean(s), Sanitize(s))
		}
	}
}

// TestIsPlainLine: SanitizeLine's fast path is taken exactly for a clean
// line with no newline and no run of spaces, and isClean says clean
// exactly when Sanitize changes nothing, on text with every kind of byte
// near the ones they look at, in short lines and in long ones whose
// every eight bytes may be plain.
func TestIsPlainLine(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	pieces := []string{"a", " ", " ", "\n", "\t", "\r", "\x7f", "\x01", "é", "北", "\u0085", "\u00a0", "\u202e", "\u2069", "\u2019", "\xc2", "\xe2\x80", "\xff"}
	for i := range 20000 {
		var sb strings.Builder
		n, odd := r.IntN(12), 1
		if i%2 == 1 {
			n, odd = r.IntN(90), r.IntN(40)+1 // long lines, mostly plain
		}
		for range n {
			if r.IntN(odd) == 0 {
				sb.WriteString(pieces[r.IntN(len(pieces))])
			} else {
				sb.WriteString(pieces[r.IntN(2)])
			}
		}
		s := sb.String()
		if isClean(s) != (Sanitize(s) == s) {
			t.Fatalf("isClean(%q) = %v, but Sanitize gives %q", s, isClean(s), Sanitize(s))
		}
		want := isClean(s) && !strings.Contains(s, "\n") && !strings.Contains(s, "  ")
		if got := isPlainLine(s); got != want {
			t.Fatalf("isPlainLine(%q) = %v, want %v", s, got, want)
		}
	}
	for c := range 256 {
		for at := range 8 {
			x := uint64(0x4141414141414141)&^(0xff<<(8*at)) | uint64(c)<<(8*at)
			for _, is := range []byte{' ', 0x7f, 'A'} {
				want := uint64(0)
				if byte(c) == is {
					want = 0x80 << (8 * at)
				}
				if is == 'A' {
					want = 0x8080808080808080&^(0x80<<(8*at)) | want
				}
				if got := byteIs(x, is); got != want {
					t.Errorf("byteIs(%#x, %#x) = %#x, want %#x", x, is, got, want)
				}
			}
		}
	}
}
