package reader

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// wheelLines is how far one notch of the mouse wheel scrolls.
const wheelLines = 3

// Update handles keys, the mouse wheel and the reader's own messages
// (background pieces and searches, the resize debounce). Whatever the
// message, it also notices a size, measure or theme change and schedules
// the one re-render the change needs.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case pieceMsg:
		cmd = m.addPiece(msg)
	case scanMsg:
		m.addScan(msg)
	case layoutMsg:
		if msg.seq == m.layoutSeq {
			cmd = m.relayout()
		}
	case tea.KeyPressMsg:
		m.notice, m.search.wrapped = "", ""
		if m.search.open {
			cmd = m.promptKey(msg)
		} else {
			cmd = m.key(msg)
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.scroll(-wheelLines)
		case tea.MouseWheelDown:
			m.scroll(wheelLines)
		}
	default:
		if m.search.open { // pastes, cursor messages
			var c tea.Cmd
			m.search.input, c = m.search.input.Update(msg)
			cmd = tea.Batch(c, m.setQuery(m.search.input.Value()))
		}
	}
	return m, tea.Batch(cmd, m.scheduleLayout())
}

// key handles a key while the prompt is closed.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k, h := m.KeyMap(), m.bodyHeight()
	switch {
	case key.Matches(msg, k.LineDown):
		m.scroll(1)
	case key.Matches(msg, k.LineUp):
		m.scroll(-1)
	case key.Matches(msg, k.PageDown):
		if m.doc != nil && !m.rendering() && m.top >= m.maxTop() {
			// At the end, as mutt's pager: on to the next article.
			return func() tea.Msg { return StepMsg{Delta: +1} }
		}
		m.scroll(max(h, 1))
	case key.Matches(msg, k.PageUp):
		m.scroll(-max(h, 1))
	case key.Matches(msg, k.HalfPageDown):
		m.scroll(max(h/2, 1))
	case key.Matches(msg, k.HalfPageUp):
		m.scroll(-max(h/2, 1))
	case key.Matches(msg, k.Top):
		m.follow, m.top = false, 0
	case key.Matches(msg, k.Bottom):
		m.top, m.follow = m.maxTop(), m.rendering()
	case key.Matches(msg, k.Search):
		return m.openPrompt()
	case key.Matches(msg, k.NextMatch):
		m.step(+1)
	case key.Matches(msg, k.PrevMatch):
		m.step(-1)
	case key.Matches(msg, k.ClearSearch):
		m.search.clear()
	case key.Matches(msg, k.NextArticle):
		return func() tea.Msg { return StepMsg{Delta: +1} }
	case key.Matches(msg, k.PrevArticle):
		return func() tea.Msg { return StepMsg{Delta: -1} }
	case key.Matches(msg, k.NextUnread):
		return func() tea.Msg { return NextUnreadMsg{} }
	case key.Matches(msg, k.Reload):
		id := m.article.ID
		return func() tea.Msg { return ReloadMsg{ID: id} }
	case key.Matches(msg, k.ToggleRaw):
		m.raw = !m.raw
		return m.relayout()
	case key.Matches(msg, k.Wider): // disabled where the window is the limit: widening would only be felt later, as a surprise
		m.SetMeasure(m.measure + measureStep)
		m.notice = m.widthNotice()
		return m.relayout()
	case key.Matches(msg, k.Narrower):
		m.SetMeasure(m.measure - measureStep)
		m.notice = m.widthNotice()
		return m.relayout()
	case key.Matches(msg, k.Back):
		return func() tea.Msg { return CloseMsg{} }
	case key.Matches(msg, m.keys.Wider):
		// + where it is disabled (the window or the widest is the limit)
		// says the width and why, rather than nothing.
		m.notice = m.widthNotice()
	}
	return nil
}

// widthNotice says the text column's width after + or -, and what limits
// it.
func (m Model) widthNotice() string {
	col, _ := m.column()
	switch {
	case col < m.measure:
		return fmt.Sprintf("width %d columns: the window's", col)
	case m.measure >= maxMeasure:
		return fmt.Sprintf("width %d columns, the widest", col)
	case m.measure <= minMeasure:
		return fmt.Sprintf("width %d columns, the narrowest", col)
	}
	return fmt.Sprintf("width %d columns", col)
}

// promptKey handles a key while the prompt is open: enter keeps the
// matches, esc drops them and goes back to where reading was; anything else
// is typed, and the matches follow every keystroke.
func (m *Model) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Confirm):
		m.search.open = false
		m.search.input.Blur()
		if m.search.query == "" {
			m.search.clear()
		}
		return nil
	case key.Matches(msg, m.keys.Cancel):
		origin := m.search.origin
		m.search.clear()
		m.top = origin
		m.clampTop()
		return nil
	}
	var cmd tea.Cmd
	m.search.input, cmd = m.search.input.Update(msg)
	return tea.Batch(cmd, m.setQuery(m.search.input.Value()))
}

func (m *Model) scroll(n int) {
	m.follow = false
	m.top += n
	m.clampTop()
}

// maxTop is the last top line that still fills the screen.
func (m *Model) maxTop() int {
	if m.doc == nil {
		return 0
	}
	return max(len(m.doc.lines)-m.bodyHeight(), 0)
}

func (m *Model) clampTop() {
	m.top = min(max(m.top, 0), m.maxTop())
}
