// Package terms is the collocates and distinctive terms screen: two lists
// of words that stand out in the current list, with their counts in it
// and in the whole corpus, and the measure that ranked them; enter adds a
// word to the filter.
package terms

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/research"
	"github.com/folio-reader/folio/ui/palette"
)

// KeyMap is the screen's bindings.
type KeyMap struct {
	Up, Down   key.Binding
	Other      key.Binding // from one list to the other
	Choose     key.Binding
	Back       key.Binding
	Home, End  key.Binding
	PrevColumn key.Binding
}

// DefaultKeyMap returns the bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Home:       key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		End:        key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		Other:      key.NewBinding(key.WithKeys("tab", "l", "right"), key.WithHelp("tab/→", "other list")),
		PrevColumn: key.NewBinding(key.WithKeys("shift+tab", "h", "left"), key.WithHelp("←", "other list")),
		Choose:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "add word to the filter")),
		Back:       key.NewBinding(key.WithKeys("esc", "q", "T"), key.WithHelp("esc/q", "back")),
	}
}

// ShortHelp is the footer's line.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Choose, k.Other, k.Back} }

// FullHelp lists every binding.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Home, k.End}, {k.Other, k.PrevColumn, k.Choose, k.Back}}
}

// Styles are the screen's looks.
type Styles struct {
	Heading  lipgloss.Style
	Status   lipgloss.Style
	Word     lipgloss.Style
	Count    lipgloss.Style
	Selected lipgloss.Style // the word enter would add
}

// DefaultStyles returns styles for a dark or light background.
func DefaultStyles(isDark bool) Styles { return NewStyles(palette.New(isDark)) }

// NewStyles builds the styles from a palette.
func NewStyles(p palette.Palette) Styles {
	return Styles{
		Heading:  lipgloss.NewStyle().Bold(true).Foreground(p.Accent),
		Status:   lipgloss.NewStyle().Foreground(p.Dim),
		Word:     lipgloss.NewStyle().Foreground(p.Text),
		Count:    lipgloss.NewStyle().Foreground(p.Dim),
		Selected: lipgloss.NewStyle().Reverse(true),
	}
}

// ChoseMsg carries the word to add to the filter.
type ChoseMsg struct{ Term string }

// CloseMsg asks to go back without choosing.
type CloseMsg struct{}

// Model is the screen.
type Model struct {
	keys   KeyMap
	styles Styles
	width  int
	height int

	ready  bool // the terms are in
	err    string
	t      research.Terms
	col    int    // 0 the collocates, 1 the distinctive terms
	row    [2]int // the cursor in each
	offset [2]int
}

// New returns an empty screen, which says it is counting until Set.
func New(keys KeyMap, styles Styles) Model { return Model{keys: keys, styles: styles} }

// Reset empties the screen for a new count.
func (m *Model) Reset() { *m = New(m.keys, m.styles).withSize(m.width, m.height) }

func (m Model) withSize(w, h int) Model { m.width, m.height = w, h; return m }

// Set shows what research.Analyse found, or why it could not.
func (m *Model) Set(t research.Terms, err error) {
	m.t, m.ready = t, true
	if err != nil {
		m.err = err.Error()
	}
	m.row, m.offset = [2]int{}, [2]int{}
	if len(t.Collocates) == 0 && len(t.Distinctive) > 0 {
		m.col = 1
	}
}

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// SetStyles changes the looks.
func (m *Model) SetStyles(s Styles) { m.styles = s }

// KeyMap returns the bindings.
func (m Model) KeyMap() KeyMap { return m.keys }

// Selected is the word under the cursor, if any.
func (m Model) Selected() (string, bool) {
	ts := m.list(m.col)
	if r := m.row[m.col]; r < len(ts) {
		return ts[r].Word, true
	}
	return "", false
}

func (m Model) list(col int) []research.Term {
	if col == 0 {
		return m.t.Collocates
	}
	return m.t.Distinctive
}

// Update moves between words and picks one.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	n := len(m.list(m.col))
	switch {
	case key.Matches(k, m.keys.Back):
		return m, func() tea.Msg { return CloseMsg{} }
	case key.Matches(k, m.keys.Other), key.Matches(k, m.keys.PrevColumn):
		m.col = 1 - m.col
	case key.Matches(k, m.keys.Up):
		m.row[m.col]--
	case key.Matches(k, m.keys.Down):
		m.row[m.col]++
	case key.Matches(k, m.keys.Home):
		m.row[m.col] = 0
	case key.Matches(k, m.keys.End):
		m.row[m.col] = n - 1
	case key.Matches(k, m.keys.Choose):
		if w, ok := m.Selected(); ok {
			return m, func() tea.Msg { return ChoseMsg{Term: w} }
		}
	}
	m.clamp()
	return m, nil
}

// rows is the lines a list gets: the area less the headings.
func (m Model) rows() int {
	if m.stacked() {
		return max(1, (m.height-5)/2) // the header, and each list's heading and column names
	}
	return max(1, m.height-3)
}

// stacked: the two lists one above the other, on a narrow window.
func (m Model) stacked() bool { return m.width < 116 }

func (m *Model) clamp() {
	for c := range 2 {
		n := len(m.list(c))
		m.row[c] = max(0, min(m.row[c], n-1))
		if m.row[c] < m.offset[c] {
			m.offset[c] = m.row[c]
		}
		if m.row[c] >= m.offset[c]+m.rows() {
			m.offset[c] = m.row[c] - m.rows() + 1
		}
	}
}

// View draws the header and both lists, their visible rows only.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	head := m.styles.Heading.Render(" Terms") + m.styles.Status.Render(" · "+m.summary())
	if !m.ready {
		return head + "\n\n" + m.styles.Status.Render(" counting words in the list…")
	}
	if m.err != "" {
		return head + "\n\n" + m.styles.Status.Render(" stopped: "+safe.Text(m.err))
	}
	if m.t.Docs == 0 {
		return head + "\n\n" + m.styles.Status.Render(" no text is indexed yet: the terms are counted in the texts (try again once they are)")
	}
	colloc := "Collocates · logDice within ±" + fmt.Sprint(research.Window) + " words"
	if m.t.Sampled {
		colloc += " · estimates, counted in a sample of " + format.Plural(m.t.Read, "article", "articles")
	}
	distinct := "Distinctive terms · log-likelihood G² against the rest of the corpus"
	if m.stacked() {
		w := m.width - 1
		return head + "\n" + strings.Join(m.column(0, colloc, w), "\n") + "\n" + strings.Join(m.column(1, distinct, w), "\n")
	}
	w := (m.width - 3) / 2
	a, b := m.column(0, colloc, w), m.column(1, distinct, w)
	lines := []string{head}
	for i := range max(len(a), len(b)) {
		l, r := "", ""
		if i < len(a) {
			l = a[i]
		}
		if i < len(b) {
			r = b[i]
		}
		lines = append(lines, l+strings.Repeat(" ", max(0, w+2-ansi.StringWidth(l)))+r)
	}
	return strings.Join(lines, "\n")
}

func (m Model) summary() string {
	return format.Plural(m.t.ResultDocs, "article", "articles") + " in the list, " + format.Plural(m.t.Docs, "text", "texts") + " in the corpus"
}

// column is one list's lines: its heading, the column names, its rows.
func (m Model) column(c int, heading string, w int) []string {
	st := m.styles
	mark := "  "
	if c == m.col {
		mark = "› "
	}
	together := "near"
	if c == 1 {
		together = ""
	}
	lines := []string{
		st.Heading.Render(ansi.Truncate(" "+mark+heading, w, "…")),
		st.Status.Render(ansi.Truncate(fmt.Sprintf("   %-18s %7s %6s %9s %9s", "word", "score", together, "in list", "in corpus"), w, "…")),
	}
	ts := m.list(c)
	if len(ts) == 0 {
		return append(lines, st.Status.Render("   none"))
	}
	end := min(len(ts), m.offset[c]+m.rows())
	for i := m.offset[c]; i < end; i++ {
		t := ts[i]
		near := ""
		if c == 0 {
			near = format.Count(t.Together)
		}
		word := ansi.Truncate(safe.Text(t.Word), 18, "…")
		row := fmt.Sprintf("   %-18s %7.1f %6s %9s %9s", word, t.Score, near, format.Count(int(t.ResultDocs)), format.Count(int(t.CorpusDocs)))
		row = ansi.Truncate(row, w, "…")
		if c == m.col && i == m.row[c] {
			row = st.Selected.Render(row)
		} else {
			row = st.Word.Render(row)
		}
		lines = append(lines, row)
	}
	return lines
}
