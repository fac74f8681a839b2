// Package trends is the trends screen: up to six queries (the current
// filter, saved searches picked from a small list, or typed) counted over
// time on one chart, each told apart by a colour and a letter, A to F, so
// the chart reads without colour too.
package trends

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/research"
	"github.com/folio-reader/folio/ui/palette"
)

// KeyMap is the screen's bindings: the picker's, then the chart's.
type KeyMap struct {
	Up, Down key.Binding // in the picker
	Toggle   key.Binding // a query in or out of the chart
	Type     key.Binding // a query typed in a prompt
	Draw     key.Binding // the chart of the queries picked
	Earlier  key.Binding // the cursor along the time axis
	Later    key.Binding
	Rate     key.Binding // counts ↔ per 1,000 articles
	Period   key.Binding // auto → week → month → year
	Pick     key.Binding // from the chart back to the picker
	Back     key.Binding
}

// DefaultKeyMap returns the bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:      key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:    key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Toggle:  key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space/x", "add/drop")),
		Type:    key.NewBinding(key.WithKeys("a", "/"), key.WithHelp("a", "type a query")),
		Draw:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "draw")),
		Earlier: key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("←/h", "earlier")),
		Later:   key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("→/l", "later")),
		Rate:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rates")),
		Period:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "period")),
		Pick:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "queries")),
		Back:    key.NewBinding(key.WithKeys("esc", "q", "H"), key.WithHelp("esc/q", "back")),
	}
}

// ShortHelp is the footer's line, for the picker or the chart.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Toggle, k.Type, k.Draw, k.Earlier, k.Later, k.Rate, k.Period, k.Pick, k.Back}
}

// FullHelp lists every binding.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Toggle, k.Type, k.Draw}, {k.Earlier, k.Later, k.Rate, k.Period, k.Pick, k.Back}}
}

// Styles are the screen's looks.
type Styles struct {
	Heading  lipgloss.Style
	Status   lipgloss.Style
	Axis     lipgloss.Style
	Cursor   lipgloss.Style // the time axis's cursor
	Selected lipgloss.Style // the picker's row
	Series   [research.MaxSeries]lipgloss.Style
}

// DefaultStyles returns styles for a dark or light background.
func DefaultStyles(isDark bool) Styles { return NewStyles(palette.New(isDark)) }

// NewStyles builds the styles from a palette.
func NewStyles(p palette.Palette) Styles {
	s := Styles{
		Heading:  lipgloss.NewStyle().Bold(true).Foreground(p.Accent),
		Status:   lipgloss.NewStyle().Foreground(p.Dim),
		Axis:     lipgloss.NewStyle().Foreground(p.Dim),
		Cursor:   lipgloss.NewStyle().Foreground(p.CurrentBg),
		Selected: lipgloss.NewStyle().Reverse(true),
	}
	for i := range s.Series {
		s.Series[i] = lipgloss.NewStyle().Foreground(p.Series[i]).Bold(true)
	}
	return s
}

// Choice is a query the chart may draw.
type Choice struct {
	Name  string // "filter", a folder's name, or the query typed
	Query string
}

// CountMsg asks the shell to run the queries and answer with Set.
type CountMsg struct{ Choices []Choice }

// CloseMsg asks to go back to the list.
type CloseMsg struct{}

// Model is the screen: the picker until a chart is drawn.
type Model struct {
	keys   KeyMap
	styles Styles
	width  int
	height int

	choices []Choice
	picked  []int // indexes into choices, in the order picked: A, B, …
	row     int
	typing  bool
	input   textinput.Model
	notice  string

	picking bool
	results []model.Result
	names   []string
	all     model.Result
	period  research.Period
	t       research.Trends
	err     string
	perK    bool // per 1,000 articles rather than counts
	cursor  int  // a bucket
}

// New returns the screen.
func New(keys KeyMap, styles Styles) Model {
	in := textinput.New()
	in.Prompt = "query: "
	in.CharLimit = 200
	in.KeyMap.Paste.SetEnabled(false)
	return Model{keys: keys, styles: styles, input: in, picking: true}
}

// Open shows the picker over these choices, the first (the filter)
// picked.
func (m *Model) Open(choices []Choice) {
	m.choices, m.picked, m.row, m.typing, m.notice, m.picking = choices, nil, 0, false, "", true
	if len(choices) > 0 {
		m.picked = []int{0}
	}
}

// Set draws the counts of the queries the shell ran.
func (m *Model) Set(results []model.Result, names []string, all model.Result) {
	m.results, m.names, m.all, m.picking = results, names, all, false
	m.retrend()
	m.cursor = max(0, len(m.t.Buckets)-1)
}

func (m *Model) retrend() {
	t, err := research.Trend(m.results, m.names, m.all, m.period)
	m.t, m.err = t, ""
	if err != nil {
		m.err = err.Error()
	}
	m.cursor = max(0, min(m.cursor, len(m.t.Buckets)-1))
}

// Trends is what the chart draws.
func (m Model) Trends() research.Trends { return m.t }

// Picking reports whether the picker is shown.
func (m Model) Picking() bool { return m.picking }

// Typing reports whether the prompt is open: every key is its.
func (m Model) Typing() bool { return m.typing }

// SetSize sets the area the screen draws in.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h; m.input.SetWidth(max(1, w-12)) }

// SetStyles changes the looks.
func (m *Model) SetStyles(s Styles) { m.styles = s }

// KeyMap returns the bindings that work now.
func (m Model) KeyMap() KeyMap {
	k := m.keys
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Toggle, &k.Type, &k.Draw} {
		b.SetEnabled(m.picking)
	}
	for _, b := range []*key.Binding{&k.Earlier, &k.Later, &k.Rate, &k.Period, &k.Pick} {
		b.SetEnabled(!m.picking)
	}
	return k
}

// Update runs the picker, the prompt and the chart.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	m.notice = ""
	if m.typing {
		return m.typeKey(k)
	}
	keys := m.KeyMap()
	switch {
	case key.Matches(k, keys.Back):
		return m, func() tea.Msg { return CloseMsg{} }
	case key.Matches(k, keys.Up):
		m.row = max(0, m.row-1)
	case key.Matches(k, keys.Down):
		m.row = max(0, min(len(m.choices)-1, m.row+1))
	case key.Matches(k, keys.Toggle):
		m.toggle(m.row)
	case key.Matches(k, keys.Type):
		if len(m.picked) >= research.MaxSeries {
			m.notice = "six queries at most: drop one first"
			return m, nil
		}
		m.typing = true
		m.input.Reset()
		return m, m.input.Focus()
	case key.Matches(k, keys.Draw):
		if len(m.picked) == 0 {
			m.notice = "pick a query first (space)"
			return m, nil
		}
		cs := make([]Choice, len(m.picked))
		for i, p := range m.picked {
			cs[i] = m.choices[p]
		}
		return m, func() tea.Msg { return CountMsg{Choices: cs} }
	case key.Matches(k, keys.Earlier):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(k, keys.Later):
		m.cursor = max(0, min(len(m.t.Buckets)-1, m.cursor+1))
	case key.Matches(k, keys.Rate):
		m.perK = !m.perK
	case key.Matches(k, keys.Period):
		m.period = (m.period + 1) % 4
		at := m.t.Buckets
		var when int64
		if m.cursor < len(at) {
			when = at[m.cursor].Unix()
		}
		m.retrend()
		m.cursor = m.bucketAt(when)
	case key.Matches(k, keys.Pick):
		m.picking = true
	}
	return m, nil
}

// bucketAt is the bucket that holds the moment when (Unix seconds), the
// last one when none does.
func (m Model) bucketAt(when int64) int {
	b := m.t.Buckets
	for i := len(b) - 1; i >= 0; i-- {
		if b[i].Unix() <= when {
			return i
		}
	}
	return max(0, len(b)-1)
}

// toggle adds choice i to the chart or drops it.
func (m *Model) toggle(i int) {
	for j, p := range m.picked {
		if p == i {
			m.picked = append(m.picked[:j:j], m.picked[j+1:]...)
			return
		}
	}
	if len(m.picked) >= research.MaxSeries {
		m.notice = "six queries at most: drop one first"
		return
	}
	m.picked = append(m.picked, i)
}

// typeKey edits the prompt: enter adds the query typed, picked.
func (m Model) typeKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	switch k.String() {
	case "esc":
		m.typing = false
		m.input.Blur()
		return m, nil
	case "enter":
		m.typing = false
		m.input.Blur()
		if q := m.input.Value(); q != "" {
			m.choices = append(m.choices, Choice{Name: q, Query: q})
			m.row = len(m.choices) - 1
			m.toggle(m.row)
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(k)
	return m, cmd
}
