// Package ui is folio's interactive reader: the app shell that composes the
// article list, the filter line and the reader, as Bubble Tea models. It asks
// the corpus for views and never touches files itself.
package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
	rstate "github.com/folio-reader/folio/state"
	"github.com/folio-reader/folio/ui/facets"
	"github.com/folio-reader/folio/ui/list"
	"github.com/folio-reader/folio/ui/palette"
	"github.com/folio-reader/folio/ui/reader"
	"github.com/folio-reader/folio/ui/stories"
)

// Options configure a reader session.
type Options struct {
	Corpus  Corpus        // may still be loading
	Source  string        // what the corpus is, for the title line
	Measure int           // the reader's text width in columns; 0: 80
	Keys    *KeyMap       // the program's keys; nil: DefaultKeyMap()
	Sort    model.SortKey // the first order of the list

	// State is the reading state; nil: one in memory, for this run only.
	State *rstate.Store
	// Ephemeral says the state lasts for this connection only (an --open
	// server): the reader says so.
	Ephemeral bool
	Searches  []config.Search // the settings file's folders
	Dir       string          // the corpus folder, for e; "" when there is none
	Remote    bool            // over SSH: nothing may start a program here
	Theme     string          // "dark" or "light" fixes the styles; "" or "auto": the terminal's background decides
	// Background is what the terminal's environment says of its
	// background (palette.FromEnviron), for "auto" until the terminal
	// answers the query for it, and when it never does.
	Background palette.Background
}

type state int

const (
	stateList     state = iota
	stateFilter         // typing in the filter line
	stateReader         // reading an article
	stateHelp           // the full help, over whatever was before
	stateProblems       // the files skipped or loaded with warnings
	stateFacets         // what the list is made of, to narrow it
	stateKwic           // the concordance (research.go)
	stateTerms          // collocates and distinctive terms
	stateTrends         // queries counted over time
	stateRelated        // the articles like the one read (storyview.go)
	stateStories        // the stories of the list (storyview.go)
)

// Model is the whole program's state for one terminal.
type Model struct {
	opts   Options
	corpus Corpus
	keys   KeyMap
	theme  Theme

	list     list.Model
	reader   reader.Model
	input    textinput.Model
	help     help.Model
	problems scroller
	helpTop  int // the first line of a help screen taller than the window
	facets   facets.Model
	research researchViews // the concordance, terms and trends screens
	together stories.Model // the Related and Stories lists

	state  state
	back   state // where help and problems return to
	width  int
	height int
	sort   model.SortKey
	ranked bool // the filter has words to rank by

	search    searcher
	snip      snippet
	load      loadState
	notice    string // one line of news for the footer until the next key: an open error, say
	noticeSeq int    // of the notice shown, whose timer may end it

	store     *rstate.Store
	view      *rstate.View
	prompt    prompt
	side      sidebar
	sideSet   bool             // the sidebar was shown or hidden by the width once
	news      news             // what changed on disk since the last key
	stateSync stateSync        // reading the state's file again when another folio wrote it
	opened    *model.Article   // the corpus's entry for the article open in the reader, as it was opened
	opening   *opening         // an article being read, and the keys typed meanwhile
	isDark    bool             // the background the theme is built for
	noColor   bool             // the terminal shows no colour: the theme marks with attributes
	undoRead  []*model.Article // what the last M marked read, for u to give back
	noticeFor time.Duration    // how long a notice stays (noticeFor; tests: at once)
	grouped   grouping         // copies collapsed, a story narrowed to (copies.go)
	trail     trail            // where the Related list came from (storyview.go)
	stories   storyList        // what the Stories view shows
}

// New returns the app for one terminal session.
func New(opts Options) Model {
	keys := DefaultKeyMap()
	if opts.Keys != nil {
		keys = *opts.Keys
	}
	theme := NewTheme(true) // until the terminal reports its background
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "words, \"a phrase\", title: author: cat: after:2022-01 -exclude"
	in.KeyMap.Paste.SetEnabled(false) // never reach for the host's clipboard
	in.SetStyles(theme.Input)
	m := Model{
		opts:   opts,
		corpus: opts.Corpus,
		keys:   keys,
		theme:  theme,
		isDark: true,
		list:   list.New(keys.List, theme.List),
		reader: reader.New(keys.Reader, theme.Reader),
		input:  in,
		help:   help.New(),
		facets: facets.New(keys.Facet, theme.Facets),
		sort:   opts.Sort,
		store:  opts.State,

		noticeFor: noticeFor,
	}
	m.research = newResearchViews(keys, true)
	m.together = stories.New(keys.Lists, theme.Stories)
	if m.store == nil {
		m.store = rstate.Memory()
	}
	m.view = m.store.View()
	m.search.labels, m.search.remote = m.view, opts.Remote
	m.list.SetMarks(marksOf(m.store))
	if opts.Dir == "" || opts.Remote {
		// e says why it does nothing, in help and when pressed.
		m.keys.Edit.SetEnabled(false)
		m.keys.EditOff.SetEnabled(true)
		if !opts.Remote {
			m.keys.EditOff.SetHelp(m.keys.EditOff.Help().Key, "no editor: the samples are built into folio, not files")
		}
	}
	if opts.Remote {
		m.keys.Export.SetEnabled(false) // its keys say why it does nothing
		m.keys.ExportOff.SetKeys(m.keys.Export.Keys()...)
		m.keys.ExportOff.SetHelp(m.keys.Export.Help().Key, m.keys.ExportOff.Help().Desc)
		m.keys.ExportOff.SetEnabled(true)
	}
	if opts.Theme == "light" || opts.Theme != "dark" && opts.Background == palette.Light {
		m.setTheme(false)
	}
	m.rebuildSidebar()
	m.help.Styles = theme.Help
	if opts.Measure > 0 {
		m.reader.SetMeasure(opts.Measure)
	}
	return m
}

// keyMap is the shell's keys as they stand: what does nothing now is
// disabled, so neither help nor a key press can reach it.
func (m Model) keyMap() KeyMap {
	k := m.keys
	picking := m.list.PickedCount() > 0
	k.Unpick.SetEnabled(picking)
	k.Clear.SetEnabled((m.input.Value() != "" || m.grouped.story != nil) && !picking)
	inSidebar := m.state == stateList && m.side.shown && m.side.focused
	k.Undo.SetEnabled(m.undoRead != nil)
	k.RenameSearch.SetEnabled(inSidebar)
	k.DeleteSearch.SetEnabled(inSidebar)
	k.List = m.list.KeyMap()
	return k
}

// Init asks the terminal for its background, starts watching the load and
// runs the first query.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.load.tick(loadTick), m.search.first(m.corpus, m.sort))
}

// setTheme rebuilds every style for a background.
func (m *Model) setTheme(isDark bool) {
	m.isDark = isDark
	m.theme = NewTheme(isDark)
	if m.noColor {
		m.theme = m.theme.withoutColor()
	}
	m.list.SetStyles(m.theme.List)
	m.reader.SetStyles(m.theme.Reader, isDark)
	m.input.SetStyles(m.theme.Input)
	m.help.Styles = m.theme.Help
	m.facets.SetStyles(m.theme.Facets)
	m.research.setStyles(isDark, m.noColor)
	m.together.SetStyles(m.theme.Stories)
}

// Update routes a message by state, then asks for the snippet of whatever
// is selected now.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	before := m.notice
	next, cmd := m.update(msg)
	mm := next.(Model)
	if clock := mm.timeNotice(before, msg); clock != nil {
		cmd = tea.Batch(cmd, clock)
	}
	if snip := mm.wantSnippet(); snip != nil {
		return mm, tea.Batch(cmd, snip)
	}
	return mm, cmd
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if next, cmd, ok := m.onResearchMsg(msg); ok {
		return next, cmd
	}
	if cmd, ok := m.onGroupMsg(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case snippetMsg:
		m.onSnippet(msg)
		return m, nil
	case noticeExpiredMsg:
		m.onNoticeExpired(msg)
		return m, nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		if !m.sideSet {
			m.sideSet, m.side.shown = true, msg.Width >= 100
		}
		m.layout()
		var cmd tea.Cmd
		m.reader, cmd = m.reader.Update(msg) // starts its debounced re-render
		return m, cmd
	case tea.ModeReportMsg:
		// Bubble Tea's renderer counts cells per grapheme cluster from this
		// answer on, and per code point before it or without it: the list
		// counts as the renderer does.
		if msg.Mode == ansi.ModeUnicodeCore && (msg.Value == ansi.ModeReset || msg.Value == ansi.ModeSet || msg.Value == ansi.ModePermanentlySet) {
			m.list.SetWidthMethod(ansi.GraphemeWidth)
		}
		return m, nil
	case tea.ColorProfileMsg:
		// Colours are dropped as frames are written; what they alone
		// marked needs attributes then.
		if no := msg.Profile == colorprofile.ASCII || msg.Profile == colorprofile.NoTTY; no != m.noColor {
			m.noColor = no
			m.setTheme(m.isDark)
		}
		return m, nil
	case tea.BackgroundColorMsg:
		if m.opts.Theme == "dark" || m.opts.Theme == "light" {
			return m, nil // the settings file chose
		}
		m.setTheme(msg.IsDark())
		return m, nil
	case loadTickMsg:
		return m, tea.Batch(m.onLoadTick(), m.refreshState())
	case stateRefreshedMsg:
		return m, m.onStateRefreshed(msg)
	case searchDueMsg:
		return m, m.search.due(m.corpus, m.input.Value(), m.sort)
	case searchDoneMsg:
		return m, tea.Batch(m.onSearchDone(msg), m.recount(), m.onFilterChanged())
	case countedMsg:
		return m, m.onCounted(msg)
	case editedMsg:
		if msg.err != nil {
			m.notice = "editor: " + safe.Text(msg.err.Error())
		}
		return m, nil
	case openedMsg:
		if m.opening == nil || m.opening.n != msg.n {
			return m, nil // esc dropped it, or another open followed
		}
		held := m.opening.keys
		m.opening = nil
		if msg.err != nil {
			held = nil // they were meant for the article
		}
		cmd := m.onOpened(msg)
		m, played := m.playHeld(held)
		return m, tea.Batch(cmd, played)
	case reader.ReloadMsg:
		return m, m.reload(msg.ID)
	case reloadedMsg:
		return m, m.onReloaded(msg)
	case list.OpenMsg:
		return m, m.open(msg.Article)
	case reader.CloseMsg:
		m.state = m.readerClosed()
		return m, nil
	case facets.CloseMsg:
		m.state = stateList
		return m, nil
	case facetsMsg:
		m.facets.Set(msg.f)
		m.facets.SetTimeline(msg.tl)
		m.state = stateFacets
		return m, nil
	case facets.ChoseMsg:
		m.state = stateList
		m.input.SetValue(narrowed(m.input.Value(), msg.Term))
		m.layout()
		return m, m.refilter()
	case list.NoUnreadMsg:
		m.notice = "no unread article below this one"
		return m, nil
	case reader.NextUnreadMsg:
		if m.list.NextUnread() {
			if n, ok := m.list.Selected(); ok {
				return m, m.open(n)
			}
		}
		m.reader.Notify("no unread article after this one in the list")
		return m, nil
	case reader.StepMsg:
		if m.list.Move(msg.Delta) {
			if n, ok := m.list.Selected(); ok {
				return m, m.open(n)
			}
		}
		// As less says at the end of its files: nothing past this one.
		if msg.Delta > 0 {
			m.reader.Notify("this is the last article of the list")
		} else {
			m.reader.Notify("this is the first article of the list")
		}
		return m, nil
	case tea.KeyPressMsg:
		if second, ok := m.splitAlt(msg); ok {
			return m.onAltKey(second)
		}
		return m.onKey(msg)
	case tea.MouseWheelMsg, tea.MouseClickMsg:
		return m.onMouse(msg.(tea.MouseMsg))
	}
	// Anything else (cursor blinks, background renders) goes to whoever is
	// in front.
	var readerCmd, inputCmd, searchCmd tea.Cmd
	m.reader, readerCmd = m.reader.Update(msg)
	if m.state == stateFilter {
		before := m.input.Value()
		m.input, inputCmd = m.input.Update(msg) // a paste, say
		if m.input.Value() != before {
			searchCmd = m.retyped()
		}
	}
	return m, tea.Batch(readerCmd, inputCmd, searchCmd)
}

// narrowed is filter with term added, as AND: a filter with an OR at its
// top is bracketed first, or the term would join its last branch only.
func narrowed(filter, term string) string {
	filter = strings.TrimSpace(filter)
	switch {
	case filter == "":
		return term
	case !model.ParseQuery(filter).Flat():
		return "(" + filter + ") " + term
	}
	return filter + " " + term
}
