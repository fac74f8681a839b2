package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/model"
)

// scroller shows lines of text a page at a time: the problems screen. A
// line longer than the window wraps, its continuation indented, so a long
// path and its reason are read whole; it scrolls by source line.
type scroller struct {
	lines  []string
	offset int // the first source line shown
}

func newScroller(lines []string) scroller { return scroller{lines: lines} }

func problemLines(probs []model.Problem) []string {
	if len(probs) == 0 {
		return []string{"No file was skipped and none loaded with a warning."}
	}
	out := make([]string, 0, len(probs))
	for _, p := range probs {
		out = append(out, p.String())
	}
	return out
}

// update scrolls on keys and reports whether the user asked to leave; a
// page is height screen lines' worth of source lines, at least one.
func (s *scroller) update(msg tea.KeyPressMsg, k ScrollKeyMap, width, height int) (leave bool) {
	switch {
	case key.Matches(msg, k.Down):
		s.offset++
	case key.Matches(msg, k.Up):
		s.offset--
	case key.Matches(msg, k.PageDown):
		s.offset += max(1, len(s.page(s.offset, width, height)))
	case key.Matches(msg, k.PageUp):
		s.offset -= max(1, height/2)
	case key.Matches(msg, k.Top):
		s.offset = 0
	case key.Matches(msg, k.Bottom):
		s.offset = len(s.lines)
	case key.Matches(msg, k.Back):
		return true
	}
	s.offset = max(0, min(s.offset, len(s.lines)-1))
	return false
}

func (s scroller) view(width, height int) string {
	var out []string
	for _, wrapped := range s.page(s.offset, width, height) {
		out = append(out, wrapped...)
	}
	return strings.Join(out[:min(len(out), height)], "\n")
}

// page is the source lines from first that fit height screen lines, each
// wrapped to width; the first is shown even when it alone is taller.
func (s scroller) page(first, width, height int) [][]string {
	var out [][]string
	used := 0
	for i := first; i < len(s.lines) && used < height; i++ {
		w := wrapIndented(s.lines[i], width)
		if used > 0 && used+len(w) > height {
			break
		}
		out = append(out, w)
		used += len(w)
	}
	return out
}

// wrapIndented wraps line to width cells, at blanks where it can, its
// continuation lines indented by two.
func wrapIndented(line string, width int) []string {
	const indent = "  "
	if ansi.StringWidth(line) <= width {
		return []string{line}
	}
	lines := strings.Split(ansi.Wrap(line, max(width-len(indent), 1), ""), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = indent + lines[i]
	}
	return lines
}
