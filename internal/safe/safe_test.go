package safe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain.txt", "plain.txt"},
		{"Zürich 北京.txt", "Zürich 北京.txt"},
		{"\x1b]52;c;aGk=\x07", `\x1b]52;c;aGk=\x07`},
		{"\x1b[31mred", `\x1b[31mred`},
		{"a\tb\nc\rd", `a\tb\nc\rd`},
		{"bad\xffutf.txt", `bad\xffutf.txt`},
		{`back\slash`, `back\\slash`},
		{`bad\xffutf.txt`, `bad\\xffutf.txt`},
		{"del\x7f nul\x00", `del\x7f nul\x00`},
		{"c1\u009b31m", `c1\u009b31m`},
		{"rtl\u202egnp.exe", `rtl\u202egnp.exe`},
		{"line\u2028sep", `line\u2028sep`},
		{"\xe2\x82", `\xe2\x82`}, // a truncated three-byte character
		{"emoji 👩‍💻", "emoji 👩‍💻"},
	} {
		got := Text(tc.in)
		if got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
		back, err := Unescape(got)
		if err != nil || back != tc.in {
			t.Errorf("Unescape(%q) = %q, %v; want %q", got, back, err, tc.in)
		}
		if HasControls(got) {
			t.Errorf("Text(%q) = %q still holds a control", tc.in, got)
		}
	}
}

func TestTextDoesNotAllocateForCleanText(t *testing.T) {
	s := strings.Repeat("a clean file name.txt ", 10)
	if n := testing.AllocsPerRun(100, func() { _ = Text(s) }); n != 0 {
		t.Errorf("Text of clean text allocates %v times", n)
	}
}

func TestUnescapeErrors(t *testing.T) {
	for _, s := range []string{`trailing\`, `\q`, `\x1`, `\xzz`, `\u12`, `\u12g4`} {
		if _, err := Unescape(s); err == nil {
			t.Errorf("Unescape(%q) succeeded", s)
		}
	}
}

func TestClip(t *testing.T) {
	if got := Clip("short", 10); got != "short" {
		t.Errorf("Clip short = %q", got)
	}
	long := strings.Repeat("é", 100) // 200 bytes
	got := Clip(long, 51)
	if !utf8.ValidString(got) || !strings.HasSuffix(got, "…(150 more bytes)") {
		t.Errorf("Clip = %q", got)
	}
	if got := Clip("\x1b[31m"+strings.Repeat("x", 100), 8); got != `\x1b[31mxxx…(97 more bytes)` {
		t.Errorf("Clip escape = %q", got)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b]52;c;x\x07", "a\tb\nc", "bad\xff", `\\x41`, "\u009b", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := Text(s)
		if !utf8.ValidString(e) {
			t.Fatalf("Text(%q) = %q is not UTF-8", s, e)
		}
		if HasControls(e) {
			t.Fatalf("Text(%q) = %q holds a control", s, e)
		}
		for _, c := range []byte(e) {
			if c < 0x20 || c == 0x7f {
				t.Fatalf("Text(%q) = %q holds byte %#x", s, e, c)
			}
		}
		back, err := Unescape(e)
		if err != nil || back != s {
			t.Fatalf("Unescape(Text(%q)) = %q, %v", s, back, err)
		}
		if !HasControls(s) && !strings.Contains(s, `\`) && e != s {
			t.Fatalf("Text changed clean %q to %q", s, e)
		}
	})
}

// TestFirstUnsafeEightAtATime: the eight-byte path finds what a byte at a
// time finds, wherever in the string the byte is.
func TestFirstUnsafeEightAtATime(t *testing.T) {
	slow := func(s string) int {
		for i := 0; i < len(s); {
			n, bad := charAt(s, i)
			if bad {
				return i
			}
			i += n
		}
		return len(s)
	}
	base := "Kazakhstan and China sign a trade pact, officials say"
	for _, bad := range []string{"\x00", "\x1f", "\x1b", "\x7f", "\\", "\x80", "\xff", "\u0085", "\u202e", "é", "\u00a0", " ", "~"} {
		for at := 0; at <= len(base); at++ {
			s := base[:at] + bad + base[at:]
			if got, want := firstUnsafe(s), slow(s); got != want {
				t.Errorf("%q: %d, want %d", s, got, want)
			}
		}
	}
	for b := 0; b < 256; b++ {
		s := "abcdefg" + string([]byte{byte(b)}) + "hijklmnop"
		if got, want := firstUnsafe(s), slow(s); got != want {
			t.Errorf("byte %#x: %d, want %d", b, got, want)
		}
	}
}
