// Package facets shows what the current list is made of (its categories,
// bylines and years, with counts) and lets the user narrow the filter to
// one of them.
package facets

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/ui/palette"
)

// KeyMap is the facets' bindings.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	Choose, Back          key.Binding
}

// DefaultKeyMap returns the bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:     key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Left:   key.NewBinding(key.WithKeys("h", "left", "shift+tab"), key.WithHelp("←/h", "previous column")),
		Right:  key.NewBinding(key.WithKeys("l", "right", "tab"), key.WithHelp("→/l/tab", "next column")),
		Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "narrow to it")),
		Back:   key.NewBinding(key.WithKeys("esc", "q", "f"), key.WithHelp("esc/f", "back")),
	}
}

// ShortHelp is the footer's line.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Choose, k.Right, k.Back} }

// FullHelp lists every binding.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Left, k.Right}, {k.Choose, k.Back}}
}

// Styles are the facets' looks.
type Styles struct {
	Heading  lipgloss.Style
	Count    lipgloss.Style
	Selected lipgloss.Style
}

// DefaultStyles returns styles for a dark or light background.
func DefaultStyles(isDark bool) Styles { return NewStyles(palette.New(isDark)) }

// NewStyles builds the facets' styles from a palette.
func NewStyles(p palette.Palette) Styles {
	return Styles{
		Heading:  lipgloss.NewStyle().Bold(true).Foreground(p.Accent),
		Count:    lipgloss.NewStyle().Foreground(p.Dim),
		Selected: lipgloss.NewStyle().Reverse(true),
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
	col    int
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
	n := len(m.cols[m.col].counts)
	switch {
	case key.Matches(k, m.keys.Up):
		m.row[m.col] = max(0, m.row[m.col]-1)
	case key.Matches(k, m.keys.Down):
		m.row[m.col] = max(0, min(n-1, m.row[m.col]+1))
	case key.Matches(k, m.keys.Left):
		m.col = (m.col + len(m.cols) - 1) % len(m.cols)
	case key.Matches(k, m.keys.Right):
		m.col = (m.col + 1) % len(m.cols)
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
	w := max(1, (m.width-1)/len(shown)-1)
	blocks := make([]string, 0, len(shown))
	for _, i := range shown {
		blocks = append(blocks, m.column(i, w))
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, blocks...)
}

func (m Model) column(i, w int) string {
	c := m.cols[i]
	title := c.title
	if i == m.col {
		title = "› " + title
	}
	lines := []string{m.styles.Heading.Render(ansi.Truncate(title, w, "…"))}
	rows := max(1, m.height-1)
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
