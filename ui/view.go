package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/internal/format"
)

// The smallest window folio draws in; below it, it says so.
const (
	minWidth  = 20
	minHeight = 5
)

// View draws the window: alternate screen, mouse on.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "folio"
	return v
}

func (m Model) render() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if w < minWidth || h < minHeight {
		msg := fmt.Sprintf("window too small (%d×%d): folio needs %d×%d", w, h, minWidth, minHeight)
		return fit(m.theme.Small.Render(ansi.Wrap(msg, w, " ")), w, h)
	}
	switch m.state {
	case stateReader:
		if m.prompt.kind != promptNone {
			lines := strings.Split(fit(m.reader.View(), w, h), "\n")
			lines[len(lines)-1] = " " + m.prompt.input.View()
			return fit(strings.Join(lines, "\n"), w, h)
		}
		return fit(m.reader.View(), w, h)
	case stateHelp:
		return fit(m.helpView(), w, h)
	case stateRelated, stateStories:
		return fit(m.groupView(), w, h)
	case stateFacets:
		footer := " " + m.help.ShortHelpView(append(m.facets.KeyMap().ShortHelp(), m.keys.Help))
		return fit(m.titleBar()+"\n"+fit(m.facets.View(), w, h-2)+"\n"+footer, w, h)
	case stateKwic, stateTerms, stateTrends:
		body, footer := m.researchScreen()
		return fit(m.titleBar()+"\n"+fit(body, w, h-2)+"\n"+footer, w, h)
	case stateProblems:
		title := m.theme.Title.Render(" Skipped files and warnings") + "  " + m.help.ShortHelpView(append(m.keys.Scroll.ShortHelp(), m.keys.Help))
		return fit(title+"\n"+indent(m.problems.view(w-1, h-1)), w, h)
	}
	var lines []string
	lines = append(lines, m.titleBar())
	if m.filterShown() {
		lines = append(lines, m.filterLine())
	}
	if m.side.shown && w >= sidebarWidth+30 {
		lines = append(lines, lipgloss.JoinHorizontal(lipgloss.Top, m.sidebarView(m.listHeight()), m.list.View()))
	} else {
		lines = append(lines, m.list.View())
	}
	if m.snippetShown() {
		lines = append(lines, m.snippetLine())
	}
	if m.prompt.kind != promptNone {
		lines = append(lines, " "+m.prompt.input.View())
	} else {
		lines = append(lines, m.statusLine())
	}
	if m.footerLines() > 1 {
		lines = append(lines, " "+m.help.ShortHelpView(m.shortHelp()))
	}
	return fit(strings.Join(lines, "\n"), w, h)
}

func (m Model) shortHelp() []key.Binding {
	if m.state == stateFilter {
		return filterHelp{m.keyMap()}.ShortHelp()
	}
	return m.keyMap().ShortHelp()
}

// loading reports whether articles are still arriving or the list has not
// caught up with them yet.
func (m Model) loading() bool {
	done, _ := m.corpus.Loaded()
	return !done || m.list.Result().Total != m.corpus.Len()
}

func (m Model) filterShown() bool { return m.state == stateFilter || m.input.Value() != "" }

// emptyText is the status line's word for an empty list: a filter that
// matched nothing, or a folder with nothing to match.
func (m Model) emptyText() string {
	if m.corpus.Len() > 0 {
		return "no articles match"
	}
	skipped := m.corpus.Skipped()
	if skipped == 0 {
		return "the folder holds no articles"
	}
	return "the folder holds no articles · " + format.Plural(skipped, "file", "files") + " skipped (" + m.keys.Problems.Help().Key + ": why)"
}

func (m Model) footerLines() int {
	if m.height >= 12 {
		return 2
	}
	return 1
}

// listTop is the first line of the list's area.
func (m Model) listTop() int {
	if m.filterShown() {
		return 2
	}
	return 1
}

func (m Model) listHeight() int {
	h := m.height - m.listTop() - m.footerLines()
	if m.snippetShown() {
		h--
	}
	return max(1, h)
}

func (m Model) titleBar() string {
	source := m.opts.Source
	if m.opts.Remote {
		// A visitor is told the corpus's name, not where it lies on the
		// server.
		source = filepath.Base(source)
	}
	left := m.theme.Title.Render(" folio") + m.theme.Status.Render(" · "+source)
	n := m.corpus.Len()
	right := format.Plural(n, "article", "articles")
	switch {
	case m.loading():
		right = m.spinner() + " loading… " + right
	case m.corpus.BodiesPending():
		right = m.spinner() + " indexing bodies… · " + right
	}
	if skipped := m.corpus.Skipped(); skipped > 0 {
		right += fmt.Sprintf(" · %s skipped (p)", format.Count(skipped))
	}
	return spread(left, m.theme.Status.Render(right+" "), m.width)
}

// spinner is the frame of the spinner for the current tick.
func (m Model) spinner() string {
	frames := []rune(spinnerFrames)
	return string(frames[m.load.frames%len(frames)])
}

func (m Model) filterLine() string {
	prompt := m.theme.Prompt.Render(" / ")
	res := m.list.Result()
	count := format.Plural(len(res.Rows), "match", "matches")
	var news []string
	if res.NoBodies && (m.corpus.BodiesPending() || m.corpus.BodiesReady()) {
		// Also in the moment between the bodies being ready and the list
		// asking again: a count never passes for more than it is.
		news = append(news, "titles only until the bodies are indexed")
	}
	if len(res.Query.Ignored) > 0 {
		news = append(news, "ignored: "+strings.Join(res.Query.Ignored, ", "))
	}
	if len(res.Query.Notes) > 0 {
		news = append(news, strings.Join(res.Query.Notes, ", "))
	}
	if m.search.suggest != "" {
		news = append(news, "not in the corpus: "+m.search.suggest)
	}
	right := count
	if len(news) > 0 {
		// The news gets what the typed text leaves of the line, and half
		// of it at least, cut short rather than dropped; the count always
		// shows.
		cw := ansi.StringWidth(count)
		typed := ansi.StringWidth(m.input.Value()) + 2 // and the cursor, and a blank
		room := max(m.width/2-cw-3, m.width-3-typed-cw-5)
		right = ansi.Truncate(strings.Join(news, " · "), max(room, 1), "…") + " · " + count
	}
	if res.Query.Raw != m.input.Value() || res.Sort != m.sort {
		// The list still shows the answer to an earlier query: say so
		// rather than pass its count off as this one's.
		right = "searching…"
	}
	in := m.input
	in.SetWidth(max(1, m.width-ansi.StringWidth(right)-6))
	return spread(prompt+in.View(), m.theme.Status.Render(right+" "), m.width)
}

func (m Model) statusLine() string {
	res := m.list.Result()
	parts := []string{m.list.PositionText()}
	if n := m.list.PickedCount(); n > 0 {
		parts = append(parts, format.Count(n)+" selected")
	}
	if res.Total != len(res.Rows) {
		parts = append(parts, "total "+format.Count(res.Total))
	}
	parts = append(parts, m.copiesStatus()...)
	parts = append(parts, "sort: "+m.sort.String())
	if q := m.input.Value(); q != "" && m.state != stateFilter {
		parts = append(parts, "filter: "+q)
	}
	if len(res.Rows) == 0 && !m.loading() {
		parts = append([]string{m.emptyText()}, parts[1:]...)
	}
	var extra []string // what happened: the news, then the notice
	if !m.news.empty() {
		extra = append(extra, m.theme.News.Render("  "+m.news.text(m.input.Value() != "")))
	}
	if m.notice != "" {
		extra = append(extra, m.theme.Notice.Render("  "+m.notice))
	}
	// What happened matters more than what the lines above say again (the
	// filter) or what does not change (the order): those go first when
	// the line is too short for all of it.
	line := m.theme.Footer.Render(" "+strings.Join(parts, " · ")) + strings.Join(extra, "")
	for len(parts) > 1 && ansi.StringWidth(line) > m.width && len(extra) > 0 {
		parts = parts[:len(parts)-1]
		line = m.theme.Footer.Render(" "+strings.Join(parts, " · ")) + strings.Join(extra, "")
	}
	return line
}

func indent(s string) string {
	return " " + strings.ReplaceAll(s, "\n", "\n ")
}

// spread puts left and right on one line of width w, cutting left first.
func spread(left, right string, w int) string {
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	if lw+rw+1 > w {
		if rw+8 > w {
			return ansi.Truncate(left, w, "…")
		}
		left = ansi.Truncate(left, w-rw-1, "…")
		lw = ansi.StringWidth(left)
	}
	return left + strings.Repeat(" ", max(0, w-lw-rw)) + right
}

// fit makes s exactly h lines of at most w cells, so nothing is ever drawn
// past the window.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
