package ui

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	rstate "github.com/folio-reader/folio/state"
)

// asNoColor is a frame as a terminal under NO_COLOR receives it: Bubble
// Tea writes it through the ASCII profile, which drops every colour.
func asNoColor(m Model) []string {
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.ASCII}
	w.WriteString(m.View().Content)
	return strings.Split(b.String(), "\n")
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;]*)m`)

// attrs is the set of SGR attributes a line switches on.
func attrs(line string) map[string]bool {
	out := map[string]bool{}
	for _, m := range sgr.FindAllStringSubmatch(line, -1) {
		for _, p := range strings.Split(m[1], ";") {
			if p != "" && p != "0" {
				out[p] = true
			}
		}
	}
	return out
}

func lineWith(t *testing.T, lines []string, text string) string {
	t.Helper()
	for _, l := range lines {
		if strings.Contains(ansi.Strip(l), text) {
			return l
		}
	}
	t.Fatalf("no line holds %q", text)
	return ""
}

// TestNoColorMarks: without colour the list's cursor is in reverse video,
// not bold alone like an unread row, and in the reader every match is
// underlined, not only the current one marked.
func TestNoColorMarks(t *testing.T) {
	c := sampleCorpus(t)
	m := drive(t, New(Options{Corpus: c, Source: "samples", State: rstate.Memory()}), tea.WindowSizeMsg{Width: 120, Height: 30},
		tea.ColorProfileMsg{Profile: colorprofile.ASCII})
	lines := asNoColor(m)
	first := c.At(m.list.Result().Rows[0]).Title
	second := c.At(m.list.Result().Rows[1]).Title
	cursor, unread := attrs(lineWith(t, lines, first[:20])), attrs(lineWith(t, lines, second[:20]))
	if !cursor["7"] || unread["7"] {
		t.Errorf("without colour the cursor's row has %v, an unread row %v: the cursor needs reverse video", cursor, unread)
	}

	// A word with several matches in the article.
	m = drive(t, m, keyPress("enter"))
	m = drive(t, m, keyPress("/"), keyPress("t"), keyPress("h"), keyPress("e"), keyPress("enter"))
	m = drive(t, m, keyPress("n"))
	underlined := 0
	for _, l := range asNoColor(m) {
		if attrs(l)["4"] {
			underlined++
		}
	}
	if underlined < 3 {
		t.Errorf("%d lines with underlined matches; every match must be marked without colour:\n%s", underlined, strings.Join(asNoColor(m), "\n"))
	}
}

// TestNoColorListMatches: without colour the filter's matches in the
// list's titles are underlined, on the cursor's row and on the others
// (the underline was lost on the way to the row's escape sequences).
func TestNoColorListMatches(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples", State: rstate.Memory()}), tea.WindowSizeMsg{Width: 120, Height: 30},
		tea.ColorProfileMsg{Profile: colorprofile.ASCII})
	m = typeIn(t, drive(t, m, keyPress("/")), "slow")
	lines := asNoColor(m)
	marked := regexp.MustCompile(`\x1b\[[0-9;]*m(?:\x1b\[[0-9;]*m)*(?i:slow)`)
	for _, title := range []string{"Reading slowly", "A slow train", "keep their slow"} {
		line := lineWith(t, lines, title)
		if m := marked.FindString(line); !attrs(m)["4"] {
			t.Errorf("the match in %q is not underlined: %q", title, line)
		}
	}
}
