package loader

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/folio-reader/folio/internal/safe"
)

// awkward are characters around every edge of the control rule.
var awkward = []rune{0, 0x07, '\t', '\n', '\r', 0x1b, 0x1f, ' ', 'a', '\\', 0x7e, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0xa0, 'é',
	0x061b, 0x061c, 0x061d, 0x200d, 0x200e, 0x200f, 0x2010, 0x2027, 0x2028, 0x2029, 0x202a, 0x202e, 0x202f,
	0x2065, 0x2066, 0x2069, 0x206a, 0xfeff, 0xfffd, '中', '😀'}

// noControls fails when sanitized text holds a character safe.Text would
// escape (but for the newlines Sanitize keeps on purpose).
func noControls(t *testing.T, in, out string, newlines bool) {
	t.Helper()
	for _, r := range out {
		if safe.IsControl(r) && !(newlines && r == '\n') {
			t.Fatalf("%+q sanitized to %+q, which holds %U", in, out, r)
		}
	}
	if !newlines && safe.HasControls(out) {
		t.Fatalf("%+q sanitized to the line %+q, which safe says has controls", in, out)
	}
}

// TestOnePolicy: whatever a file holds, what the loader keeps of it has
// no character the escaping for the terminal would change for being a
// control: the two agree on what a control is.
func TestOnePolicy(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteRune(awkward[r.IntN(len(awkward))])
		}
		s := b.String()
		noControls(t, s, Sanitize(s), true)
		noControls(t, s, SanitizeLine(s), false)
	}
}

func FuzzOnePolicy(f *testing.F) {
	f.Add("title \u200f\u061c\u2028 end")
	f.Add("\x1b[31mred\u202e\u2066x")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip("the loader makes text valid UTF-8 before it sanitizes it")
		}
		noControls(t, s, Sanitize(s), true)
		noControls(t, s, SanitizeLine(s), false)
	})
}
