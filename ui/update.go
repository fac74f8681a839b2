package ui

import (
	"path"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/ui/reader"
)

func (m Model) onKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	m.news, m.notice = news{}, "" // said until the next key
	if key.Matches(msg, m.keys.Force) {
		return m, tea.Quit
	}
	if m.holdKey(msg) {
		return m, nil
	}
	if m.prompt.kind != promptNone {
		return m, m.onPromptKey(msg)
	}
	if m.state == stateReader && !m.reader.Searching() || m.state == stateList {
		if m.state == stateList && m.side.shown && m.side.focused {
			if cmd, ok := m.onSidebarKey(msg); ok {
				return m, cmd
			}
		}
		if m.state == stateList && key.Matches(msg, m.keys.Sidebar) {
			switch {
			case !m.side.shown:
				m.side.shown, m.side.focused = true, true
			case m.side.focused:
				m.side.shown, m.side.focused = false, false
			default:
				m.side.focused = true
			}
			m.layout()
			return m, m.recount()
		}
		if cmd, ok := m.onStateKey(msg); ok {
			if m.state == stateReader {
				m.refreshReader()
				if m.notice != "" {
					m.reader.Notify(m.notice)
					m.notice = ""
				}
			}
			return m, cmd
		}
	}
	if cmd, ok := m.onGroupKey(msg); ok {
		return m, cmd
	}
	switch m.state {
	case stateHelp:
		if !m.scrollHelp(msg) {
			m.state, m.helpTop = m.back, 0
		}
		return m, nil
	case stateProblems, stateFacets:
		if key.Matches(msg, m.keys.Help) {
			m.back, m.state = m.state, stateHelp
			return m, nil
		}
	}
	switch m.state {
	case stateProblems:
		if m.problems.update(msg, m.keys.Scroll, m.width-1, m.height-1) {
			m.state = stateList // the only screen it opens from
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
	case stateKwic, stateTerms, stateTrends:
		return m.onResearchKey(msg)
	}
	if cmd, ok := m.onResearchListKey(msg); ok {
		return m, cmd
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Filter):
		m.state = stateFilter
		m.layout()
		return m, m.input.Focus()
	case key.Matches(msg, m.keyMap().Unpick):
		m.list.Unpick()
		return m, nil
	case key.Matches(msg, m.keyMap().Clear):
		m.input.SetValue("")
		m.leaveStory()
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
		m.leaveStory()
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
		return m, tea.Batch(cmd, m.retyped())
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
	m.opening = &opening{n: n}
	return func() tea.Msg {
		a, err := c.Open(id)
		return openedMsg{n: n, id: id, a: a, err: err}
	}
}

func (m *Model) onOpened(msg openedMsg) tea.Cmd {
	if msg.err != nil {
		m.notice = "cannot open " + safe.Text(path.Base(msg.id)) + ": " + safe.Text(msg.err.Error())
		return nil
	}
	if sel, ok := m.list.Selected(); !ok || sel != msg.n {
		return nil // the user moved on meanwhile
	}
	m.notice = ""
	m.state = stateReader
	m.layout()
	m.store.SetRead(true, msg.a) // opened is read
	m.opened, _ = m.corpus.ByID(msg.id)
	cmd := m.reader.Open(m.withTags(m.withCopies(msg.a)))
	m.checkOpen() // changed while it was being read
	if m.opts.Ephemeral {
		m.reader.Notify("marks and tags last for this connection only (the server is --open)")
	}
	cmd = tea.Batch(cmd, m.recount())
	// Opened from a filtered list: the filter's words are marked.
	return tea.Batch(cmd, m.highlightOpened())
}

// withTags is a copy of a with its tags as a header line, for the reader.
func (m *Model) withTags(a *model.Article) *model.Article {
	tags := m.store.Get(a.ID).Tags
	if len(tags) == 0 {
		return a
	}
	c := *a
	c.Extra = append(slices.Clone(a.Extra), model.Field{Key: reader.TagsKey, Value: strings.Join(tags, ", ")})
	return &c
}

// refreshReader shows the reader's article again after its tags changed.
func (m *Model) refreshReader() {
	if a := m.reader.Article(); a != nil {
		plain := *a
		plain.Extra = slices.DeleteFunc(slices.Clone(a.Extra), func(f model.Field) bool { return f.Key == reader.TagsKey || f.Key == reader.AlsoKey })
		if want := m.withTags(m.withCopies(&plain)); !slices.Equal(want.Extra, a.Extra) {
			disk := m.reader.Disk()
			m.reader.Open(want)
			m.reader.SetDisk(disk)
		}
	}
}

// layout hands every component its share of the window.
func (m *Model) layout() {
	m.fitList()
	m.reader.SetSize(m.width, m.height)
	m.input.SetWidth(max(1, m.width-4))
	m.help.SetWidth(m.width)
	m.facets.SetSize(m.width, max(1, m.height-2))
	m.research.setSize(m.width, max(1, m.height-2))
	m.together.SetSize(m.width, max(1, m.height-2))
}

// fitList gives the list the rows the lines around it leave: a result that
// brings the snippet line (or takes it away) changes them.
func (m *Model) fitList() {
	listWidth := m.width
	if m.side.shown && m.width >= sidebarWidth+30 {
		listWidth = m.width - sidebarWidth - 1
	}
	m.list.SetSize(listWidth, m.listHeight())
}
