// Package stories shows lists of articles that belong together, one row
// an item with a cursor: the articles related to one article, and the
// stories of the list's result. It draws what the shell gives it and
// says which row was chosen; the shell knows what a row stands for.
package stories

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/ui/palette"
)

// KeyMap is the lists' bindings.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Home, End        key.Binding
	Choose, Back     key.Binding
}

// DefaultKeyMap returns the bindings the README lists.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn/space", "page down")),
		Home:     key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		End:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		Choose:   key.NewBinding(key.WithKeys("enter", "l", "right"), key.WithHelp("enter", "open")),
		Back:     key.NewBinding(key.WithKeys("esc", "q", "h", "left"), key.WithHelp("esc/q", "back")),
	}
}

// ShortHelp is the footer's line.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up, k.Choose, k.Back} }

// FullHelp lists every binding.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Home, k.End, k.Choose, k.Back}}
}

// Styles are the lists' looks.
type Styles struct {
	Header   lipgloss.Style // the column titles
	Lead     lipgloss.Style // the first column: a date, a size and span
	Title    lipgloss.Style
	Byline   lipgloss.Style
	Selected lipgloss.Style // the row under the cursor
	Empty    lipgloss.Style // what an empty list says
}

// DefaultStyles returns styles for a dark or light background.
func DefaultStyles(isDark bool) Styles { return NewStyles(palette.New(isDark)) }

// NewStyles builds the lists' styles from a palette.
func NewStyles(p palette.Palette) Styles {
	return Styles{
		Header:   lipgloss.NewStyle().Bold(true).Foreground(p.Dim),
		Lead:     lipgloss.NewStyle().Foreground(p.Dim),
		Title:    lipgloss.NewStyle(),
		Byline:   lipgloss.NewStyle().Foreground(p.Byline),
		Selected: lipgloss.NewStyle().Background(p.SelectedBg).Bold(true),
		Empty:    lipgloss.NewStyle().Foreground(p.Dim).Italic(true),
	}
}

// WithoutColor is s for a terminal that shows no colour: the cursor's
// row in reverse video.
func (s Styles) WithoutColor() Styles {
	s.Selected = s.Selected.Reverse(true)
	return s
}

// Row is one item as the list shows it: a short first column, a title,
// and who published it. The shell passes text that went through its
// escaping already.
type Row struct {
	Lead, Title, Byline string
}

// Heading names the columns and says what an empty list means.
type Heading struct {
	Lead, Title, Byline string
	Empty               string
}

// Model is one list with a cursor.
type Model struct {
	keys          KeyMap
	styles        Styles
	head          Heading
	rows          []Row
	cursor        int
	offset        int
	width, height int // the area, the column titles included
}

// New returns an empty list.
func New(keys KeyMap, styles Styles) Model { return Model{keys: keys, styles: styles} }

// SetStyles changes the looks, when the theme changes.
func (m *Model) SetStyles(s Styles) { m.styles = s }

// SetSize sets the area the list draws in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clamp()
}

// Set shows rows under a heading, the cursor on the first.
func (m *Model) Set(h Heading, rows []Row) {
	m.head, m.rows = h, rows
	m.cursor, m.offset = 0, 0
	m.clamp()
}

// Len is the number of rows.
func (m Model) Len() int { return len(m.rows) }

// Cursor is the row under the cursor; -1 when there is none.
func (m Model) Cursor() int {
	if len(m.rows) == 0 {
		return -1
	}
	return m.cursor
}

// KeyMap returns the bindings as they stand: with no row, nothing to
// choose.
func (m Model) KeyMap() KeyMap {
	k := m.keys
	k.Choose.SetEnabled(len(m.rows) > 0)
	return k
}

// ChoseMsg says row Index was chosen.
type ChoseMsg struct{ Index int }

// CloseMsg asks the shell to go back.
type CloseMsg struct{}

// Update moves the cursor, chooses and goes back.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	page := m.visible()
	switch km := m.KeyMap(); {
	case key.Matches(k, km.Up):
		m.cursor--
	case key.Matches(k, km.Down):
		m.cursor++
	case key.Matches(k, km.PageUp):
		m.cursor -= page
	case key.Matches(k, km.PageDown):
		m.cursor += page
	case key.Matches(k, km.Home):
		m.cursor = 0
	case key.Matches(k, km.End):
		m.cursor = len(m.rows) - 1
	case key.Matches(k, km.Choose):
		i := m.cursor
		return m, func() tea.Msg { return ChoseMsg{Index: i} }
	case key.Matches(k, km.Back):
		return m, func() tea.Msg { return CloseMsg{} }
	}
	m.clamp()
	return m, nil
}

func (m Model) visible() int { return max(1, m.height-1) }

func (m *Model) clamp() {
	m.cursor = max(0, min(m.cursor, len(m.rows)-1))
	vis := m.visible()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+vis {
		m.offset = m.cursor - vis + 1
	}
	m.offset = max(0, min(m.offset, len(m.rows)-vis))
}

// View draws the column titles and the visible rows: only those are
// measured, so a list of a hundred thousand stories costs what ten do.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	end := min(len(m.rows), m.offset+m.visible())
	lead, byline := ansi.StringWidth(m.head.Lead), ansi.StringWidth(m.head.Byline)
	for _, r := range m.rows[m.offset:end] {
		lead = max(lead, ansi.StringWidth(r.Lead))
		byline = max(byline, ansi.StringWidth(r.Byline))
	}
	w := m.width - 1 // a margin on the left
	lead = min(lead, w/3)
	byline = min(byline, w/4)
	title := max(1, w-lead-byline-4)
	line := func(r Row, s Styles, sel bool) string {
		cell := func(st lipgloss.Style, text string, width int) string {
			if sel {
				st = st.Inherit(s.Selected)
			}
			return st.Render(pad(text, width))
		}
		gap := func(n int) string {
			if sel {
				return s.Selected.Render(strings.Repeat(" ", n))
			}
			return strings.Repeat(" ", n)
		}
		return gap(1) + cell(s.Lead, r.Lead, lead) + gap(2) + cell(s.Title, r.Title, title) + gap(2) + cell(s.Byline, r.Byline, byline)
	}
	hs := m.styles
	hs.Lead, hs.Title, hs.Byline = hs.Header, hs.Header, hs.Header
	lines := []string{line(Row{m.head.Lead, m.head.Title, m.head.Byline}, hs, false)}
	if len(m.rows) == 0 {
		// Why the list is empty, wrapped: the rows below are free.
		for _, l := range strings.Split(ansi.Wordwrap(m.head.Empty, max(1, w-1), ""), "\n") {
			lines = append(lines, " "+m.styles.Empty.Render(ansi.Truncate(l, max(1, w), "…")))
		}
	}
	for i := m.offset; i < end; i++ {
		lines = append(lines, line(m.rows[i], m.styles, i == m.cursor))
	}
	for len(lines) < m.height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// pad cuts s to w cells with an ellipsis, or fills it to w.
func pad(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}
