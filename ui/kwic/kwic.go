// Package kwic is the concordance screen: every occurrence of the filter's
// words and phrases in the list, one line each, the hit aligned in one
// column between its left and right context, with the article's date and
// title. Lines arrive in batches while they are being found; the screen
// shows them as they come.
package kwic

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/folio-reader/folio/research"
	"github.com/folio-reader/folio/ui/palette"
)

// MaxLines is the most lines the screen keeps: a common word over a large
// folder has millions of occurrences, more than anyone reads here.
const MaxLines = 100_000

// KeyMap is the concordance's bindings.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Home, End        key.Binding
	Sort             key.Binding // date → left → right
	Open             key.Binding // the article, at this occurrence
	Back             key.Binding
}

// DefaultKeyMap returns the bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn/space", "page down")),
		Home:     key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		End:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		Sort:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort by date, left, right")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read at this line")),
		Back:     key.NewBinding(key.WithKeys("esc", "q", "K"), key.WithHelp("esc/q", "back")),
	}
}

// ShortHelp is the footer's line.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.Sort, k.Back} }

// FullHelp lists every binding.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Home, k.End, k.Sort, k.Open, k.Back}}
}

// Styles are the concordance's looks.
type Styles struct {
	Heading  lipgloss.Style
	Status   lipgloss.Style // counts, "still reading"
	Context  lipgloss.Style
	Match    lipgloss.Style // the hit
	Meta     lipgloss.Style // date and title
	Selected lipgloss.Style // the line under the cursor
}

// DefaultStyles returns styles for a dark or light background.
func DefaultStyles(isDark bool) Styles { return NewStyles(palette.New(isDark)) }

// NewStyles builds the styles from a palette.
func NewStyles(p palette.Palette) Styles {
	return Styles{
		Heading:  lipgloss.NewStyle().Bold(true).Foreground(p.Accent),
		Status:   lipgloss.NewStyle().Foreground(p.Dim),
		Context:  lipgloss.NewStyle().Foreground(p.Text),
		Match:    lipgloss.NewStyle().Foreground(p.MatchFg).Background(p.MatchBg).Bold(true),
		Meta:     lipgloss.NewStyle().Foreground(p.Dim),
		Selected: lipgloss.NewStyle().Background(p.SelectedBg),
	}
}

// WithoutColor marks what colour alone told apart by attributes: the
// line under the cursor is reversed.
func (s Styles) WithoutColor() Styles {
	s.Selected = s.Selected.Reverse(true)
	s.Match = s.Match.Underline(true)
	return s
}

// OpenMsg asks the shell to open the article of hit at its occurrence.
type OpenMsg struct{ Hit research.Hit }

// CloseMsg asks to go back to the list.
type CloseMsg struct{}

// Model is the concordance screen. The shell starts a run with Reset,
// feeds it batches with Add and ends it with Done.
type Model struct {
	keys   KeyMap
	styles Styles
	width  int
	height int

	query   string
	hits    []research.Hit // in the order found (the result's)
	sorted  []research.Hit // hits sorted by order, once all are in; nil by date
	order   research.Order
	done    bool
	cut     bool // MaxLines were kept and the rest dropped
	limit   int
	err     string
	cursor  int
	offset  int
	pending bool // a sort was asked for before all lines were in
	sorting bool // a sort is under way, off the UI goroutine
	gen     int  // of the newest sort asked for: older answers are dropped
}

// New returns an empty concordance.
func New(keys KeyMap, styles Styles) Model {
	return Model{keys: keys, styles: styles, limit: MaxLines}
}

// SetSize sets the area the screen draws in, its header and footer
// included.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h; m.clamp() }

// SetStyles changes the looks.
func (m *Model) SetStyles(s Styles) { m.styles = s }

// SetLimit changes MaxLines, for tests.
func (m *Model) SetLimit(n int) { m.limit = max(n, 1) }

// KeyMap returns the bindings as they stand.
func (m Model) KeyMap() KeyMap { return m.keys }

// Reset empties the screen for a new run over the filter query.
func (m *Model) Reset(query string) {
	*m = Model{keys: m.keys, styles: m.styles, width: m.width, height: m.height, limit: m.limit, order: m.order, query: query,
		gen: m.gen + 1} // a sort of the lines before is dropped
}

// Add appends a batch of lines, as far as the limit allows, and reports
// whether more are wanted.
func (m *Model) Add(hits []research.Hit) bool {
	room := m.limit - len(m.hits)
	if len(hits) > room {
		hits, m.cut = hits[:room], true
	}
	m.hits = append(m.hits, hits...)
	return !m.cut
}

// Done says every line is in (err: why the run stopped short); a sort
// asked for meanwhile starts now, in the Cmd.
func (m *Model) Done(err error) tea.Cmd {
	m.done = true
	if err != nil {
		m.err = err.Error()
	}
	return m.resort()
}

// Query is the filter the lines are of.
func (m Model) Query() string { return m.query }

// Len is the number of lines.
func (m Model) Len() int { return len(m.hits) }

// Cut reports whether lines were dropped at the limit.
func (m Model) Cut() bool { return m.cut }

// Finished reports whether every line is in.
func (m Model) Finished() bool { return m.done }

// Sorting reports whether a sort is under way.
func (m Model) Sorting() bool { return m.sorting }

// Order is how the lines are sorted (or will be once all are in).
func (m Model) Order() research.Order { return m.order }

// SetCursor puts the cursor on line i, for tests and for coming back.
func (m *Model) SetCursor(i int) { m.cursor = i; m.clamp() }

// Cursor is the line under the cursor.
func (m Model) Cursor() int { return m.cursor }

// lines are the lines in the order shown.
func (m Model) lines() []research.Hit {
	if m.sorted != nil {
		return m.sorted
	}
	return m.hits
}

// SortedMsg carries the lines sorted for an order, by sort number gen.
type SortedMsg struct {
	gen   int
	lines []research.Hit
}

// resort sorts a copy of the lines for the order once all are in (a sort
// by context is of the whole set or it misleads), in a Cmd: a hundred
// thousand lines take a while.
func (m *Model) resort() tea.Cmd {
	m.gen++
	m.pending = m.order != research.ByDate && !m.done
	m.sorted, m.sorting = nil, false
	if m.order == research.ByDate || !m.done {
		return nil
	}
	m.sorting = true
	gen, order, lines := m.gen, m.order, m.hits
	return func() tea.Msg {
		sorted := append([]research.Hit(nil), lines...)
		research.Sort(sorted, order)
		return SortedMsg{gen: gen, lines: sorted}
	}
}

// Update moves the cursor, sorts and opens.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if s, ok := msg.(SortedMsg); ok {
		if s.gen == m.gen {
			m.sorted, m.sorting = s.lines, false
			m.cursor, m.offset = 0, 0
		}
		return m, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	page := max(1, m.listHeight()-1)
	switch {
	case key.Matches(k, m.keys.Back):
		return m, func() tea.Msg { return CloseMsg{} }
	case key.Matches(k, m.keys.Up):
		m.cursor--
	case key.Matches(k, m.keys.Down):
		m.cursor++
	case key.Matches(k, m.keys.PageUp):
		m.cursor -= page
	case key.Matches(k, m.keys.PageDown):
		m.cursor += page
	case key.Matches(k, m.keys.Home):
		m.cursor = 0
	case key.Matches(k, m.keys.End):
		m.cursor = len(m.hits) - 1
	case key.Matches(k, m.keys.Sort):
		m.order = (m.order + 1) % 3
		return m, m.resort()
	case key.Matches(k, m.keys.Open):
		ls := m.lines()
		if m.cursor < 0 || m.cursor >= len(ls) {
			return m, nil
		}
		h := ls[m.cursor]
		return m, func() tea.Msg { return OpenMsg{Hit: h} }
	}
	m.clamp()
	return m, nil
}

// listHeight is the lines the occurrences get: the area less the header.
func (m Model) listHeight() int { return max(1, m.height-1) }

func (m *Model) clamp() {
	n := len(m.hits)
	m.cursor = max(0, min(m.cursor, n-1))
	h := m.listHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = max(0, min(m.offset, n-h))
}
