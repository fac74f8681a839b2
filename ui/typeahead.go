package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// Keys typed while an article is being opened belong to it: enter then G,
// typed before a 20 MB file has been read, means the end of that article,
// not the last row of the list (which would also cancel the open). They
// wait, and are played to the reader once it shows the article. esc drops
// the open and what waited.

// maxTypeAhead bounds the keys kept while an article opens; past it they
// are dropped, and the footer says so while they are.
const maxTypeAhead = 64

// opening is an open under way.
type opening struct {
	n       int32
	keys    []tea.KeyPressMsg
	dropped bool // keys were dropped past maxTypeAhead
}

// holdKey keeps a key for the article being opened and reports whether it
// did: esc drops the open instead.
func (m *Model) holdKey(msg tea.KeyPressMsg) bool {
	if m.opening == nil {
		return false
	}
	if msg.Code == tea.KeyEscape && msg.Mod == 0 {
		m.opening = nil // its openedMsg is dropped when it comes
		m.notice = "open cancelled"
		return true
	}
	if len(m.opening.keys) >= maxTypeAhead {
		m.opening.dropped = true
		m.notice = fmt.Sprintf("keys typed while the article opens: the first %d are kept", maxTypeAhead)
		return true
	}
	m.opening.keys = append(m.opening.keys, msg)
	return true
}

// playHeld gives the keys that waited for an open to the screen now shown.
func (m Model) playHeld(keys []tea.KeyPressMsg) (Model, tea.Cmd) {
	var cmds []tea.Cmd
	for _, k := range keys {
		next, cmd := m.onKey(k)
		m = next.(Model)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}
