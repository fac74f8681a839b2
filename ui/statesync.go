package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/internal/safe"
)

// The reading state can change under the reader: `folio mark` and `folio
// tag` from a shell write the same file. On the load tick the store is
// asked to read its file again when another process wrote it; the list's
// rows, the sidebar's counts, the open article's tags and the next m or *
// then start from what the file says.

// stateRefreshedMsg says the store looked at its file again.
type stateRefreshedMsg struct {
	changed bool
	err     error
}

// refreshState asks the store to look at its file, one look at a time,
// off the UI goroutine.
func (m *Model) refreshState() tea.Cmd {
	if !m.store.Persistent() || m.stateSync.running {
		return nil
	}
	m.stateSync.running = true
	s := m.store
	return func() tea.Msg {
		changed, err := s.Refresh()
		return stateRefreshedMsg{changed: changed, err: err}
	}
}

// stateSync is the shell's side of Refresh.
type stateSync struct {
	running bool
	lastErr string // said once, not on every tick
}

func (m *Model) onStateRefreshed(msg stateRefreshedMsg) tea.Cmd {
	m.stateSync.running = false
	if msg.err != nil {
		if text := msg.err.Error(); text != m.stateSync.lastErr {
			m.stateSync.lastErr = text
			m.notice = safe.Text(text)
		}
		return nil
	}
	m.stateSync.lastErr = ""
	if !msg.changed {
		return nil
	}
	m.rebuildSidebar()
	if m.state == stateReader {
		m.refreshReader()
	}
	cmds := []tea.Cmd{m.recount()}
	if m.list.Result().Query.HasLabels() {
		cmds = append(cmds, m.refilter()) // is:unread, tag:x answer differently now
	}
	return tea.Batch(cmds...)
}
