package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
)

// scroller shows lines of text a page at a time: the problems screen.
type scroller struct {
	lines  []string
	offset int
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

// update scrolls on keys and reports whether the user asked to leave.
func (s *scroller) update(msg tea.KeyPressMsg, k ScrollKeyMap) (leave bool) {
	switch {
	case key.Matches(msg, k.Down):
		s.offset++
	case key.Matches(msg, k.Up):
		s.offset--
	case key.Matches(msg, k.PageDown):
		s.offset += 10
	case key.Matches(msg, k.PageUp):
		s.offset -= 10
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

func (s scroller) view(height int) string {
	end := min(len(s.lines), s.offset+height)
	return strings.Join(s.lines[s.offset:end], "\n")
}
