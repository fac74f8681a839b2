// Package facets shows what the current list is made of (its categories,
// bylines and years, with counts, and a timeline of it by month) and lets
// the user narrow the filter to one of them.
package facets

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/internal/chart"
	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/ui/palette"
)

// KeyMap is the facets' bindings.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	Home, End             key.Binding // the timeline's first and last bars
	Earlier, Later        key.Binding // between the timeline's bars, when it has the focus
	NextPane, PrevPane    key.Binding // from the timeline to the columns and back
	Choose, Back          key.Binding
}

// DefaultKeyMap returns the bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Left:     key.NewBinding(key.WithKeys("h", "left", "shift+tab"), key.WithHelp("←/h", "previous column")),
		Right:    key.NewBinding(key.WithKeys("l", "right", "tab"), key.WithHelp("→/l/tab", "next column")),
		Home:     key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first bar")),
		End:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last bar")),
		Earlier:  key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("←/h", "earlier bar")),
		Later:    key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("→/l", "later bar")),
		NextPane: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next column")),
		PrevPane: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous column")),
		Choose:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "narrow to it")),
		Back:     key.NewBinding(key.WithKeys("esc", "q", "f"), key.WithHelp("esc/f", "back")),
	}
}

// ShortHelp is the footer's line.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Choose, k.Right, k.Back} }

// FullHelp lists every binding.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Left, k.Right}, {k.Earlier, k.Later, k.Home, k.End, k.NextPane, k.PrevPane}, {k.Choose, k.Back}}
}

// Styles are the facets' looks.
type Styles struct {
	Heading  lipgloss.Style
	Count    lipgloss.Style
	Selected lipgloss.Style
	Bar      lipgloss.Style // the timeline's bars
	Chosen   lipgloss.Style // the bar enter would narrow to
}

// DefaultStyles returns styles for a dark or light background.
func DefaultStyles(isDark bool) Styles { return NewStyles(palette.New(isDark)) }

// NewStyles builds the facets' styles from a palette.
func NewStyles(p palette.Palette) Styles {
	return Styles{
		Heading:  lipgloss.NewStyle().Bold(true).Foreground(p.Accent),
		Count:    lipgloss.NewStyle().Foreground(p.Dim),
		Selected: lipgloss.NewStyle().Reverse(true),
		Bar:      lipgloss.NewStyle().Foreground(p.Accent),
		Chosen:   lipgloss.NewStyle().Foreground(p.CurrentBg),
	}
}

// ChoseMsg carries the filter term for the value the user picked.
type ChoseMsg struct{ Term string }

// CloseMsg asks to go back without choosing.
type CloseMsg struct{}

// column is one facet: its title, its counts and the qualifier that filters
// by one of them.
type column struct {
	title     string
	qualifier string
	counts    []model.Count
}

// Model is the facets screen.
type Model struct {
	cols   [3]column
	col    int // 0–2 a column; timelineCol the timeline
	tl     model.Timeline
	bar    int // the chosen bar of the timeline
	row    [3]int
	width  int
	height int
	keys   KeyMap
	styles Styles
}

// New returns an empty facets screen.
func New(keys KeyMap, styles Styles) Model { return Model{keys: keys, styles: styles} }

// Set shows the facets of a result.
func (m *Model) Set(f model.Facets) {
	m.cols = [3]column{
		{"Categories", "cat", f.Categories},
		{"Authors", "author", f.Authors},
		{"Years", "date", f.Years},
	}
	m.col, m.row = 0, [3]int{}
}

// timelineCol is the timeline's place in the focus order, after the columns.
const timelineCol = 3

// SetTimeline shows a result's timeline; the chosen bar is the peak.
func (m *Model) SetTimeline(tl model.Timeline) {
	m.tl = tl
	m.bar = m.chart().Peak
}

// chart is the timeline fitted to the window.
func (m Model) chart() chart.Chart { return chart.Fit(m.tl, max(1, m.width-2)) }

// Chart returns the timeline as drawn, for tests.
func (m Model) Chart() chart.Chart { return m.chart() }

// chartHeight is the rows the bars get: a third of the screen, within
// reason, when the screen has room for it.
func (m Model) chartHeight() int {
	if m.height < 14 {
		return max(1, m.height/4)
	}
	return min(12, max(4, m.height/3))
}

// timelineLines is the height of the whole timeline block: heading, peak,
// bars, axis, the chosen bar's line.
func (m Model) timelineLines() int { return m.chartHeight() + 4 }

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// SetStyles changes the looks.
func (m *Model) SetStyles(s Styles) { m.styles = s }

// KeyMap returns the bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// Update moves between values and picks one.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	if m.col == timelineCol {
		return m.timelineKey(k)
	}
	n := len(m.cols[m.col].counts)
	switch {
	case key.Matches(k, m.keys.NextPane):
		m.col = (m.col + 1) % (timelineCol + 1)
	case key.Matches(k, m.keys.PrevPane):
		m.col = (m.col + timelineCol) % (timelineCol + 1)
	case key.Matches(k, m.keys.Up):
		m.row[m.col] = max(0, m.row[m.col]-1)
	case key.Matches(k, m.keys.Down):
		m.row[m.col] = max(0, min(n-1, m.row[m.col]+1))
	case key.Matches(k, m.keys.Left):
		m.col = (m.col + timelineCol) % (timelineCol + 1)
	case key.Matches(k, m.keys.Right):
		m.col = (m.col + 1) % (timelineCol + 1)
	case key.Matches(k, m.keys.Back):
		return m, func() tea.Msg { return CloseMsg{} }
	case key.Matches(k, m.keys.Choose):
		if n == 0 {
			return m, nil
		}
		c := m.cols[m.col]
		term := Term(c.qualifier, c.counts[m.row[m.col]].Value)
		return m, func() tea.Msg { return ChoseMsg{Term: term} }
	}
	return m, nil
}

// timelineKey moves between bars and narrows to one.
func (m Model) timelineKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	c := m.chart()
	switch {
	case key.Matches(k, m.keys.Earlier):
		m.bar = max(0, m.bar-1)
	case key.Matches(k, m.keys.Later):
		m.bar = min(len(c.Bars)-1, m.bar+1)
	case key.Matches(k, m.keys.Home):
		m.bar = 0
	case key.Matches(k, m.keys.End):
		m.bar = len(c.Bars) - 1
	case key.Matches(k, m.keys.NextPane), key.Matches(k, m.keys.Down):
		m.col = 0
	case key.Matches(k, m.keys.PrevPane), key.Matches(k, m.keys.Up):
		m.col = len(m.cols) - 1
	case key.Matches(k, m.keys.Back):
		return m, func() tea.Msg { return CloseMsg{} }
	case key.Matches(k, m.keys.Choose):
		if m.bar < 0 || m.bar >= len(c.Bars) {
			return m, nil
		}
		term := c.Term(m.bar)
		return m, func() tea.Msg { return ChoseMsg{Term: term} }
	}
	return m, nil
}

// Term writes a qualified filter term, quoting a value of several words.
func Term(qualifier, value string) string {
	value = strings.ReplaceAll(value, `"`, "")
	if strings.ContainsFunc(value, func(r rune) bool { return r == ' ' || r == '-' || r == ':' }) {
		value = `"` + value + `"`
	}
	return qualifier + ":" + value
}

// View draws the three columns side by side, or only the current one in a
// narrow window.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	shown := []int{0, 1, 2}
	if m.width < 60 {
		shown = []int{m.col}
	}
	if m.width < 60 && m.col == timelineCol {
		shown = []int{0}
	}
	w := max(1, (m.width-1)/len(shown)-1)
	colsHeight := m.height
	tlLines := m.timelineLines()
	showTimeline := m.height >= tlLines+3
	if showTimeline {
		colsHeight = m.height - tlLines - 1
	}
	blocks := make([]string, 0, len(shown))
	for _, i := range shown {
		blocks = append(blocks, m.column(i, w, colsHeight))
	}
	cols := lipgloss.JoinHorizontal(lipgloss.Top, blocks...)
	if !showTimeline {
		return cols
	}
	cols = lipgloss.NewStyle().Height(colsHeight).MaxHeight(colsHeight).Render(cols)
	return cols + "\n\n" + m.timeline()
}

// timeline draws the chart: heading, peak, bars with the chosen one marked,
// axis, and what the chosen bar holds.
func (m Model) timeline() string {
	c := m.chart()
	title := "Timeline, by month"
	if c.ByYear {
		title = "Timeline, by year"
	}
	if m.col == timelineCol {
		title = "› " + title
	}
	lines := []string{" " + m.styles.Heading.Render(title)}
	if len(c.Bars) == 0 {
		return strings.Join(append(lines, " "+m.styles.Count.Render("(no dated articles)")), "\n")
	}
	lines = append(lines, " "+m.styles.Count.Render(c.PeakLine(m.width-2)))
	bar := min(max(m.bar, 0), len(c.Bars)-1)
	for _, row := range c.Rows(m.chartHeight()) {
		r := []rune(row)
		a, b := bar*c.Width, min(len(r), bar*c.Width+max(c.Width-1, 1))
		line := m.styles.Bar.Render(string(r[:a]))
		if m.col == timelineCol {
			line += m.styles.Chosen.Render(string(r[a:b]))
		} else {
			line += m.styles.Bar.Render(string(r[a:b]))
		}
		line += m.styles.Bar.Render(string(r[b:]))
		lines = append(lines, " "+line)
	}
	lines = append(lines, " "+m.styles.Count.Render(c.Axis()))
	info := c.Label(bar) + ": " + format.Plural(c.Bars[bar].Count, "article", "articles")
	if m.tl.Undated > 0 {
		info += " · " + format.Count(m.tl.Undated) + " undated"
	}
	if m.col == timelineCol {
		info += " · ←/→ choose, enter narrows to it"
	}
	lines = append(lines, " "+ansi.Truncate(info, max(1, m.width-2), "…"))
	return strings.Join(lines, "\n")
}

func (m Model) column(i, w, height int) string {
	c := m.cols[i]
	title := c.title
	if i == m.col {
		title = "› " + title
	}
	lines := []string{m.styles.Heading.Render(ansi.Truncate(title, w, "…"))}
	rows := max(1, height-1)
	first := max(0, m.row[i]-rows+1)
	for r := first; r < len(c.counts) && r < first+rows; r++ {
		n := fmt.Sprintf("%7s ", format.Count(c.counts[r].N))
		line := ansi.Truncate(c.counts[r].Value, max(1, w-len(n)), "…")
		line = m.styles.Count.Render(n) + line + strings.Repeat(" ", max(0, w-len(n)-ansi.StringWidth(line)))
		if i == m.col && r == m.row[i] {
			line = m.styles.Selected.Render(ansi.Strip(line))
		}
		lines = append(lines, line)
	}
	if len(c.counts) == 0 {
		lines = append(lines, m.styles.Count.Render("(none)"))
	}
	return lipgloss.NewStyle().PaddingLeft(1).Width(w + 1).Render(strings.Join(lines, "\n"))
}
