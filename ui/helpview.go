package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// helpView is the help screen of the screen it was opened from. The list's
// ends with the reader's first keys, so a reader-to-be knows how to move
// before opening anything.
func (m Model) helpView() string {
	title := m.theme.Title.Render(" folio keys") + m.theme.Status.Render("  (any key to go back)")
	if m.back == stateReader {
		return title + "\n\n" + indent(packHelp(m.help, m.reader.KeyMap().FullHelp(), m.width-1))
	}
	body := packHelp(m.help, m.keyMap().FullHelp(), m.width-1)
	r := m.reader.KeyMap()
	reader := packHelp(m.help, [][]key.Binding{
		{r.LineDown, r.LineUp, r.PageDown, r.PageUp},
		{r.Search, r.NextArticle, r.PrevArticle, r.ToggleRaw, r.Back},
	}, m.width-1)
	return title + "\n\n" + indent(body) + "\n\n" +
		m.theme.Status.Render(" In the reader (? there lists all its keys):") + "\n\n" + indent(reader)
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
