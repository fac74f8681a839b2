// Package reader is folio's article reader: a Bubble Tea component that
// typesets one article (a header card, the body through Glamour, the contact
// line), pages through it, and searches inside it. Large articles open at
// once with their first page while the rest is set in the background.
package reader

import (
	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
)

// TagsKey is the header line under which the shell passes an article's
// tags (from the reading state) in Article.Extra.
const TagsKey = "Tags"

// AlsoKey is the header line under which the shell lists the article's
// copies published elsewhere, in Article.Extra.
const AlsoKey = "Also published as"

// CloseMsg asks the shell to go back to the list.
type CloseMsg struct{}

// ReloadMsg asks the shell to read the open article again (R, once the
// shell said its file changed) and to call Open with it.
type ReloadMsg struct{ ID string }

// Disk says how the open article's file stands since it was opened.
type Disk int

const (
	Current Disk = iota // as read
	Changed             // changed on disk: R shows the new text
	Removed             // gone from the folder: still readable here
)

// StepMsg asks the shell to open the next (+1) or previous (-1) article of
// its list, and to call Open with it.
type StepMsg struct{ Delta int }

// NextUnreadMsg asks the shell to open the next unread article of its list
// after this one.
type NextUnreadMsg struct{}

const (
	defaultMeasure = 80
	minMeasure     = 20
	maxMeasure     = 240
	measureStep    = 4
)

// Model is the reader. Build it with New, give it its area with SetSize and
// an article with Open.
type Model struct {
	keys    KeyMap
	styles  Styles
	isDark  bool
	gen     int // bumped by SetStyles: every render made before is stale
	width   int // of the whole area, footer included
	height  int
	measure int // the widest the text column gets
	raw     bool
	article *model.Article
	disk    Disk

	doc      *doc // what is drawn
	top      int  // first line drawn
	follow   bool // G pressed while the body is still being set: stay at the end
	building *doc // the doc background pieces go to; nil when none are under way
	seq      int  // of the current build: older pieces are dropped

	scheduled docKey // the layout last rendered or scheduled
	layoutSeq int    // of the last debounce tick: older ticks are dropped

	cache  *cache
	search search
	notice string // one line for the footer until the next key: "last article"
}

// New returns a reader with no article. It assumes a dark background until
// SetStyles says otherwise.
func New(keys KeyMap, styles Styles) Model {
	m := Model{keys: keys, measure: defaultMeasure, cache: newCache(), search: newSearch()}
	m.SetStyles(styles, true)
	return m
}

// SetSize gives the reader its area, footer included. A change re-typesets
// the article once the size has settled (see Update), so a burst of resize
// events costs one render.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.search.input.SetWidth(max(m.width-promptRoom, 1))
}

// SetStyles changes the theme, for instance when the terminal reports its
// background. isDark chooses Glamour's matching style.
func (m *Model) SetStyles(s Styles, isDark bool) {
	m.styles, m.isDark = s, isDark
	m.gen++
	m.cache.clear()
	m.search.setStyles(s, isDark)
}

// SetMeasure sets the widest the text column gets, in columns (default 80).
func (m *Model) SetMeasure(cols int) {
	m.measure = min(max(cols, minMeasure), maxMeasure)
}

// Open shows a (the full article, body included) from its top. The first
// page is set before Open returns; the Cmd, when not nil, sets the rest in
// the background and must be run.
func (m *Model) Open(a *model.Article) tea.Cmd {
	m.article, m.disk = a, Current
	m.doc, m.building = nil, nil
	m.top, m.follow = 0, false
	m.seq++
	m.search.clear()
	m.notice = ""
	if a == nil {
		return nil
	}
	return m.relayout()
}

// KeyMap returns the reader's keys as they stand: the ones that would do
// nothing now (n and esc with no search, the prompt's keys while it is
// closed, + at the window's edge) are disabled, so help never offers them
// and a press falls through to the next binding (esc: back).
func (m Model) KeyMap() KeyMap {
	k := m.keys
	searching := m.search.query != ""
	k.NextMatch.SetEnabled(searching)
	k.PrevMatch.SetEnabled(searching)
	// The filter's words are not a search begun here: esc goes back.
	k.ClearSearch.SetEnabled(searching && !m.search.open && !m.search.filterOn)
	k.Confirm.SetEnabled(m.search.open)
	k.Cancel.SetEnabled(m.search.open)
	col, _ := m.column()
	k.Wider.SetEnabled(col >= m.measure && m.measure < maxMeasure)
	k.Narrower.SetEnabled(m.measure > minMeasure)
	k.Reload.SetEnabled(m.disk == Changed && m.article != nil)
	return k
}

// Notify shows s in the footer until the next key, as the shell does when
// there is no next article to step to.
func (m *Model) Notify(s string) { m.notice = s }

// SetDisk says what became of the open article's file.
func (m *Model) SetDisk(d Disk) { m.disk = d }

// Disk is what the shell said of the open article's file.
func (m Model) Disk() Disk { return m.disk }

// Article is the article shown, or nil.
func (m Model) Article() *model.Article { return m.article }

// Searching reports that the search prompt is open: the shell must then
// pass every key to the reader (q, h, [, ] are typed, not acted on); only
// ctrl+c should stay the shell's.
func (m Model) Searching() bool { return m.search.open }

// column is the text column's width and its left margin: at most the
// measure, centred, with a blank column either side when the window is not
// tiny. Before SetSize it is the measure.
func (m Model) column() (width, margin int) {
	if m.width <= 0 {
		return m.measure, 0
	}
	gutter := 0
	if m.width >= 24 {
		gutter = 1
	}
	width = max(min(m.measure, m.width-2*gutter), 1)
	return width, (m.width - width) / 2
}

// bodyHeight is the number of lines the article gets above the footer.
func (m Model) bodyHeight() int {
	if m.height <= 0 {
		return 24 // before SetSize: enough for a first page
	}
	return max(m.height-1, 0)
}

func (m Model) wantKey() docKey {
	w, _ := m.column()
	id := ""
	if m.article != nil {
		id = m.article.ID
		for _, f := range m.article.Extra {
			if f.Key == TagsKey || f.Key == AlsoKey { // the shell's lines: a new set is a new render
				id += "\x00" + f.Value
			}
		}
	}
	return docKey{id: id, art: m.article, width: w, raw: m.raw, gen: m.gen}
}
