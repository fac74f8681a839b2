package ui

import (
	"context"
	"fmt"
	"path"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/research"
	"github.com/folio-reader/folio/ui/reader"
	"github.com/folio-reader/folio/ui/stories"
)

// The Related list (o in the reader: research.Related of the open article)
// and the Stories view (w in the list: research.Stories of the list), both
// drawn by ui/stories. Enter on a related article reads it; back returns
// to the Related list, then to the article it was opened from, where it
// was. Enter on a story narrows the list to its articles.

// trail is where the Related list was opened from and what it shows.
type trail struct {
	from    reader.Model   // the reader as it was when o was pressed
	opened  *model.Article // and the corpus's entry of its article
	related model.Result   // the related articles, in their order
	reading string         // the related article open in the reader, by ID
	asked   string         // the article whose related articles are being found
}

// storyList is what the Stories view shows.
type storyList struct {
	res     model.Result // the list the stories are of
	stories []research.Story
	seq     int // the latest request
}

// relatedMsg carries the articles related to id.
type relatedMsg struct {
	id  string
	res model.Result
	err error
}

// findRelated finds the articles like the one open in the reader, off
// the UI goroutine.
func (m *Model) findRelated() tea.Cmd {
	a := m.reader.Article()
	if a == nil {
		return nil
	}
	c, id, cp := m.corpus, a.ID, m.corpus.Copies()
	m.trail.asked = id
	m.reader.Notify("finding related articles…")
	return func() tea.Msg {
		res, err := research.Related(context.Background(), c, id, cp)
		return relatedMsg{id: id, res: res, err: err}
	}
}

func (m *Model) onRelated(msg relatedMsg) {
	if m.state != stateReader || m.trail.asked != msg.id || m.reader.Article() == nil || m.reader.Article().ID != msg.id {
		return // the user moved on meanwhile
	}
	m.trail.asked = ""
	if msg.err != nil {
		m.reader.Notify("related articles: " + safe.Text(msg.err.Error()))
		return
	}
	m.trail.from, m.trail.opened, m.trail.related, m.trail.reading = m.reader, m.opened, msg.res, ""
	rows := make([]stories.Row, 0, len(msg.res.Rows))
	for _, n := range msg.res.Rows {
		a := msg.res.Article(n)
		rows = append(rows, stories.Row{Lead: a.Date(), Title: titleOf(a), Byline: a.Author})
	}
	m.together.Set(stories.Heading{Lead: "DATE", Title: "TITLE", Byline: "AUTHOR",
		Empty: "no article shares enough of this one's distinctive words"}, rows)
	m.state = stateRelated
}

func titleOf(a *model.Article) string {
	if a.Title == "" {
		return "(untitled) " + safe.Text(path.Base(a.ID))
	}
	return a.Title
}

// relatedOpenedMsg carries a related article read in full.
type relatedOpenedMsg struct {
	id  string
	a   *model.Article
	err error
}

// openRelated reads related article i off the UI goroutine.
func (m *Model) openRelated(i int) tea.Cmd {
	res := m.trail.related
	if i < 0 || i >= len(res.Rows) {
		return nil
	}
	c, id := m.corpus, res.Article(res.Rows[i]).ID
	return func() tea.Msg {
		a, err := c.Open(id)
		return relatedOpenedMsg{id: id, a: a, err: err}
	}
}

func (m *Model) onRelatedOpened(msg relatedOpenedMsg) tea.Cmd {
	if m.state != stateRelated {
		return nil
	}
	if msg.err != nil {
		m.notice = "cannot open " + safe.Text(path.Base(msg.id)) + ": " + safe.Text(msg.err.Error())
		return nil
	}
	m.state = stateReader
	m.trail.reading = msg.id
	m.store.SetRead(true, msg.a)
	m.opened, _ = m.corpus.ByID(msg.id)
	m.layout()
	cmd := m.reader.Open(m.withTags(m.withCopies(msg.a)))
	m.checkOpen()
	return tea.Batch(cmd, m.recount())
}

// readerClosed is where the reader's back goes: the concordance when the
// article was opened from a line of it, the Related list when it shows an
// article opened from there, else the list.
func (m *Model) readerClosed() state {
	if m.research.fromKwic {
		m.research.fromKwic = false
		return stateKwic
	}
	if a := m.reader.Article(); m.trail.reading != "" && a != nil && a.ID == m.trail.reading {
		m.trail.reading = ""
		return stateRelated
	}
	m.trail = trail{}
	return stateList
}

// relatedClosed goes back from the Related list to the article it was
// opened from, as it was.
func (m *Model) relatedClosed() {
	m.reader, m.opened = m.trail.from, m.trail.opened
	m.reader.Notify("")                          // "finding related articles…" was said
	m.reader.SetStyles(m.theme.Reader, m.isDark) // the theme may have changed meanwhile
	m.trail = trail{}
	m.state = stateReader
	m.layout()
	m.refreshReader()
	m.checkOpen()
}

// storiesMsg carries the stories of the list as it was when O was
// pressed.
type storiesMsg struct {
	seq     int
	res     model.Result
	stories []research.Story
}

// findStories finds the stories of the list off the UI goroutine.
func (m *Model) findStories() tea.Cmd {
	m.stories.seq++
	c, res, seq := m.corpus, m.list.Result(), m.stories.seq
	m.notice = "finding the stories of " + format.Plural(len(res.Rows), "article", "articles") + "…"
	return func() tea.Msg { return storiesMsg{seq: seq, res: res, stories: research.Stories(c, res)} }
}

func (m *Model) onStories(msg storiesMsg) {
	if msg.seq != m.stories.seq || m.state != stateList {
		return // asked again, or the user went elsewhere
	}
	m.notice = ""
	m.stories.res, m.stories.stories = msg.res, msg.stories
	rows := make([]stories.Row, 0, len(msg.stories))
	for _, s := range msg.stories {
		rows = append(rows, stories.Row{
			Lead:   fmt.Sprintf("%4s  %s", format.Count(len(s.Rows)), span(s)),
			Title:  s.Headline,
			Byline: strings.Join(s.Sources, ", "),
		})
	}
	m.together.Set(stories.Heading{Lead: "SIZE  DAYS", Title: "FIRST HEADLINE", Byline: "SOURCES",
		Empty: "no stories: no two dated articles of the list share three of their most distinctive words within three days"}, rows)
	m.state = stateStories
}

// span is a story's days: "2020-03-12", "2020-03-12–14", "2020-03-30–04-02".
func span(s research.Story) string {
	from, to := s.From.Format("2006-01-02"), s.To.Format("2006-01-02")
	switch {
	case from == to:
		return from
	case from[:8] == to[:8]:
		return from + "–" + to[8:]
	case from[:5] == to[:5]:
		return from + "–" + to[5:]
	}
	return from + "–" + to
}

// narrowToStory narrows the list to story i's articles.
func (m *Model) narrowToStory(i int) {
	if i < 0 || i >= len(m.stories.stories) {
		return
	}
	s := m.stories.stories[i]
	ids := make(map[string]bool, len(s.Rows))
	for _, n := range s.Rows {
		ids[m.stories.res.Article(n).ID] = true
	}
	m.grouped.story = &narrowing{ids: ids, headline: s.Headline}
	m.state = stateList
	m.list.SetResult(m.shape(m.grouped.raw), false)
}

// leaveStory drops the story the list is narrowed to, if any.
func (m *Model) leaveStory() {
	if m.grouped.story == nil {
		return
	}
	m.grouped.story = nil
	m.list.SetResult(m.shape(m.grouped.raw), true)
}

// onGroupKey answers the keys of copies and stories: C and w in the list,
// o in the reader, and every key of the Related and Stories lists.
func (m *Model) onGroupKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch m.state {
	case stateList:
		switch {
		case key.Matches(msg, m.keys.Copies):
			m.toggleCopies()
			return m.recount(), true // the folders count as the list shows
		case key.Matches(msg, m.keys.Stories):
			return m.findStories(), true
		}
	case stateReader:
		if !m.reader.Searching() && key.Matches(msg, m.keys.Related) {
			return m.findRelated(), true
		}
	case stateRelated, stateStories:
		if key.Matches(msg, m.keys.Help) {
			m.back, m.state = m.state, stateHelp
			return nil, true
		}
		var cmd tea.Cmd
		m.together, cmd = m.together.Update(msg)
		return cmd, true
	}
	return nil, false
}

// onGroupMsg answers the lists' messages.
func (m *Model) onGroupMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case relatedMsg:
		m.onRelated(msg)
	case relatedOpenedMsg:
		return m.onRelatedOpened(msg), true
	case storiesMsg:
		m.onStories(msg)
	case stories.ChoseMsg:
		switch m.state {
		case stateRelated:
			return m.openRelated(msg.Index), true
		case stateStories:
			m.narrowToStory(msg.Index)
		}
	case stories.CloseMsg:
		switch m.state {
		case stateRelated:
			m.relatedClosed()
		case stateStories:
			m.state = stateList
		}
	default:
		return nil, false
	}
	return nil, true
}

// groupView draws the Related and Stories screens.
func (m Model) groupView() string {
	w, h := m.width, m.height
	var title string
	switch m.state {
	case stateRelated:
		head := ""
		if a := m.trail.from.Article(); a != nil {
			head = titleOf(a)
		}
		title = m.theme.Title.Render(" Related") + m.theme.Status.Render(" to "+head)
	default:
		of := "the whole folder"
		if q := m.input.Value(); q != "" {
			of = "filter: " + q
		}
		title = m.theme.Title.Render(" Stories") + m.theme.Status.Render(" · "+format.Plural(m.together.Len(), "story", "stories")+
			" in "+format.Plural(len(m.stories.res.Rows), "article", "articles")+" · "+of)
	}
	footer := " " + m.help.ShortHelpView(append(m.together.KeyMap().ShortHelp(), m.keys.Help))
	return fit(title, w, 1) + "\n" + fit(m.together.View(), w, h-2) + "\n" + footer
}
