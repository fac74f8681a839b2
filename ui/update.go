package ui

import (
	"path"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
)

func (m Model) onKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, m.keys.Force) {
		return m, tea.Quit
	}
	switch m.state {
	case stateHelp:
		m.state = m.back
		return m, nil
	case stateProblems:
		if m.problems.update(msg, m.keys.Scroll) {
			m.state = m.back
		}
		return m, nil
	case stateReader:
		if !m.reader.Searching() && key.Matches(msg, m.keys.Help) {
			m.back, m.state = stateReader, stateHelp
			return m, nil
		}
		var cmd tea.Cmd
		m.reader, cmd = m.reader.Update(msg)
		return m, cmd
	case stateFilter:
		return m.onFilterKey(msg)
	case stateFacets:
		var cmd tea.Cmd
		m.facets, cmd = m.facets.Update(msg)
		return m, cmd
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Filter):
		m.state = stateFilter
		m.layout()
		return m, m.input.Focus()
	case key.Matches(msg, m.keyMap().Clear):
		m.input.SetValue("")
		m.layout()
		return m, m.refilter()
	case key.Matches(msg, m.keys.Sort):
		m.sort = m.nextSort()
		return m, m.refilter()
	case key.Matches(msg, m.keys.Help):
		m.back, m.state = stateList, stateHelp
		return m, nil
	case key.Matches(msg, m.keys.Facets):
		return m, m.countFacets()
	case key.Matches(msg, m.keys.Problems):
		m.problems = newScroller(problemLines(m.corpus.Problems()))
		m.back, m.state = stateList, stateProblems
		return m, nil
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	return m, cmd
}

// onFilterKey edits the filter line; the list narrows on every change.
func (m Model) onFilterKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Accept):
		m.state = stateList
		m.input.Blur()
		m.layout()
		return m, nil
	case key.Matches(msg, m.keys.Cancel):
		m.state = stateList
		m.input.Blur()
		m.input.SetValue("")
		m.layout()
		return m, m.refilter()
	case key.Matches(msg, m.keys.FilterMove):
		var cmd tea.Cmd
		m.list, cmd = m.list.Update(msg)
		return m, cmd
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		return m, tea.Batch(cmd, m.refilter())
	}
	return m, cmd
}

func (m Model) onMouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.state {
	case stateReader:
		m.reader, cmd = m.reader.Update(msg)
	case stateList, stateFilter:
		if click, ok := msg.(tea.MouseClickMsg); ok {
			if click.Button == tea.MouseLeft {
				cmd = m.list.Click(click.Y - m.listTop())
			}
			return m, cmd
		}
		m.list, cmd = m.list.Update(msg)
	}
	return m, cmd
}

// facetsMsg carries the facets of the list as it was when f was pressed.
type facetsMsg struct {
	f  model.Facets
	tl model.Timeline
}

// countFacets counts the list's categories, authors and years off the UI
// goroutine.
func (m *Model) countFacets() tea.Cmd {
	res := m.list.Result()
	return func() tea.Msg { return facetsMsg{f: res.Facets(200), tl: res.Timeline()} }
}

// openedMsg carries an article read in full, or why it could not be.
type openedMsg struct {
	n   int32
	id  string
	a   *model.Article
	err error
}

// open reads article n off the UI goroutine.
func (m *Model) open(n int32) tea.Cmd {
	c := m.corpus
	id := m.list.Result().Article(n).ID
	return func() tea.Msg {
		a, err := c.Open(id)
		return openedMsg{n: n, id: id, a: a, err: err}
	}
}

func (m *Model) onOpened(msg openedMsg) tea.Cmd {
	if msg.err != nil {
		m.notice = "cannot open " + path.Base(msg.id) + ": " + msg.err.Error()
		return nil
	}
	if sel, ok := m.list.Selected(); !ok || sel != msg.n {
		return nil // the user moved on meanwhile
	}
	m.notice = ""
	m.state = stateReader
	m.layout()
	cmd := m.reader.Open(msg.a)
	// Opened from a filtered list: the filter's words are marked.
	return tea.Batch(cmd, m.reader.Highlight(m.list.Result().Query))
}

// layout hands every component its share of the window.
func (m *Model) layout() {
	m.list.SetSize(m.width, m.listHeight())
	m.reader.SetSize(m.width, m.height)
	m.input.SetWidth(max(1, m.width-4))
	m.help.SetWidth(m.width)
	m.facets.SetSize(m.width, max(1, m.height-2))
}
