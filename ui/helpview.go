package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpView is the help screen of the screen it was opened from. The list's
// ends with the reader's first keys, so a reader-to-be knows how to move
// before opening anything.
//
// Every binding of the screen's key map is listed: the ones that work now
// first, then, apart, the ones that wait for something (n once there is a
// search, R once the file changed), so help offers nothing that would do
// nothing and still hides no key.
//
// A help screen taller than the window scrolls (helpTop, scrollHelp), and
// its title says how.
func (m Model) helpView() string {
	body := strings.Split(m.helpBody(), "\n")
	room := m.helpRoom()
	hint := "  (any key to go back)"
	if len(body) > room {
		k := m.keys.Scroll
		hint = fmt.Sprintf("  (%s, %s: more; any other key to go back)", k.Down.Help().Key, k.PageDown.Help().Key)
		top := min(m.helpTop, len(body)-room)
		body = body[top : top+room]
	}
	return m.theme.Title.Render(" folio keys") + m.theme.Status.Render(hint) + "\n\n" + strings.Join(body, "\n")
}

// helpRoom is the lines a help screen's body has, under its title.
func (m Model) helpRoom() int { return max(1, m.height-2) }

// scrollHelp moves a help screen taller than the window on the scroll
// keys and reports whether it did; any other key leaves help.
func (m *Model) scrollHelp(msg tea.KeyPressMsg) bool {
	lines, room := strings.Count(m.helpBody(), "\n")+1, m.helpRoom()
	if lines <= room {
		return false
	}
	k := m.keys.Scroll
	switch {
	case key.Matches(msg, k.Down):
		m.helpTop++
	case key.Matches(msg, k.Up):
		m.helpTop--
	case key.Matches(msg, k.PageDown):
		m.helpTop += room
	case key.Matches(msg, k.PageUp):
		m.helpTop -= room
	case key.Matches(msg, k.Top):
		m.helpTop = 0
	case key.Matches(msg, k.Bottom):
		m.helpTop = lines
	default:
		return false
	}
	m.helpTop = max(0, min(m.helpTop, lines-room))
	return true
}

// helpBody is every line of the help screen under its title.
func (m Model) helpBody() string {
	if groups, ok := m.researchHelp(m.back); ok {
		return indent(packHelp(m.help, groups, m.width-1))
	}
	switch m.back {
	case stateFacets:
		return indent(packHelp(m.help, m.facets.KeyMap().FullHelp(), m.width-1))
	case stateProblems:
		return indent(packHelp(m.help, m.keys.Scroll.FullHelp(), m.width-1))
	case stateRelated, stateStories:
		now := m.together.KeyMap().FullHelp()
		return indent(packHelp(m.help, now, m.width-1)) + m.notNowView(m.keys.Lists.FullHelp(), now)
	}
	if m.back == stateReader {
		base := m.keys
		now := m.keys
		now.Reader = m.reader.KeyMap()
		return indent(packHelp(m.help, now.readerHelp(), m.width-1)) +
			m.notNowView(base.readerHelp(), now.readerHelp())
	}
	body := packHelp(m.help, m.keyMap().FullHelp(), m.width-1) + m.notNowView(m.keys.FullHelp(), m.keyMap().FullHelp())
	r := m.reader.KeyMap()
	reader := packHelp(m.help, [][]key.Binding{
		{r.LineDown, r.LineUp, r.PageDown, r.PageUp},
		{r.Search, r.NextArticle, r.PrevArticle, r.ToggleRaw, r.Back},
	}, m.width-1)
	return indent(body) + "\n\n" +
		m.theme.Status.Render(" In the reader (? there lists all its keys):") + "\n\n" + indent(reader)
}

// notNowView lists the bindings enabled in all but disabled in now (the
// same groups, as the key map stands and as the state leaves it), or
// nothing when there are none.
func (m Model) notNowView(all, now [][]key.Binding) string {
	var later []key.Binding
	for i, g := range all {
		for j, b := range g {
			if b.Enabled() && i < len(now) && j < len(now[i]) && !now[i][j].Enabled() {
				later = append(later, b)
			}
		}
	}
	if len(later) == 0 {
		return ""
	}
	return "\n\n" + m.theme.Status.Render(" Not now: these wait for something (a search, a filter, a selection, the folders, a changed file):") + "\n\n" +
		indent(packHelp(m.help, [][]key.Binding{later}, m.width-1))
}

// packHelp lays the groups out in columns, as many to a row as fit in w
// cells, so no group is cut off on a narrow window.
func packHelp(h help.Model, groups [][]key.Binding, w int) string {
	h.ShowAll = true
	h.SetWidth(0) // measured here, not truncated
	var rows []string
	var row [][]key.Binding
	for _, g := range groups {
		next := append(row[:len(row):len(row)], g)
		if len(row) > 0 && widest(h.FullHelpView(next)) > w {
			rows = append(rows, h.FullHelpView(row))
			next = [][]key.Binding{g}
		}
		row = next
	}
	if len(row) > 0 {
		rows = append(rows, h.FullHelpView(row))
	}
	return strings.Join(rows, "\n\n")
}

func widest(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}
