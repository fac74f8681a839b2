package loader

import (
	"strings"
	"testing"
)

// TestGluedKeepsDomains: a domain after a sentence's last word is not a
// glued paragraph ("at www.Example.com" was split in two).
func TestGluedKeepsDomains(t *testing.T) {
	for _, p := range []string{
		"Read more at www.Example.com today.",
		"See WWW.Example.Org for the rules.",
		"Visit https://news.Example.com/Story for more.",
		"Write to editor@Mail.Example.com with corrections.",
	} {
		if got := splitGlued(p); len(got) != 1 {
			t.Errorf("splitGlued(%q) = %q", p, got)
		}
	}
	if got := splitGlued("as well.When Western media"); len(got) != 2 {
		t.Errorf("a glued paragraph is no longer split: %q", got)
	}
}

// TestIndentedParagraphs: a body that marks its paragraphs by indenting
// their first line (as Reuters does) keeps them, however the lines inside
// are wrapped, and whether a line ends a sentence or not.
func TestIndentedParagraphs(t *testing.T) {
	raw := strings.Join([]string{
		"    MOSCOW, Jan 10 (Reuters) - Russia said on Monday it would",
		"keep talking.",
		"    The talks, held in Geneva, lasted seven hours. Neither side",
		"gave ground on the main issue, officials said.",
		"    \"We will meet again,\" the deputy minister told reporters after",
		"the meeting ended late in the evening.",
		"    A short one.",
	}, "\n")
	body, _ := Clean(raw)
	want := strings.Join([]string{
		"MOSCOW, Jan 10 (Reuters) - Russia said on Monday it would keep talking.",
		"The talks, held in Geneva, lasted seven hours. Neither side gave ground on the main issue, officials said.",
		"\"We will meet again,\" the deputy minister told reporters after the meeting ended late in the evening.",
		"A short one.",
	}, "\n\n")
	if body != want {
		t.Errorf("body:\n%s\nwant:\n%s", body, want)
	}
}
