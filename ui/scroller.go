package ui

import (
	"strings"

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
func (s *scroller) update(msg tea.KeyPressMsg) (leave bool) {
	switch msg.String() {
	case "j", "down":
		s.offset++
	case "k", "up":
		s.offset--
	case "pgdown", "space", "ctrl+d":
		s.offset += 10
	case "pgup", "b", "ctrl+u":
		s.offset -= 10
	case "g", "home":
		s.offset = 0
	case "G", "end":
		s.offset = len(s.lines)
	case "esc", "q", "p", "h", "left":
		return true
	}
	s.offset = max(0, min(s.offset, len(s.lines)-1))
	return false
}

func (s scroller) view(height int) string {
	end := min(len(s.lines), s.offset+height)
	return strings.Join(s.lines[s.offset:end], "\n")
}
