package list

import "charm.land/bubbles/v2/key"

// KeyMap is the list's bindings; the help screen is generated from it.
type KeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	Open     key.Binding

	NextUnread key.Binding // only with the reading state
	Pick       key.Binding // select the row for keys that act on several
}

// DefaultKeyMap returns the bindings the README lists.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("k", "up", "ctrl+p"), key.WithHelp("↑/k/ctrl+p", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down", "ctrl+n"), key.WithHelp("↓/j/ctrl+n", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b", "ctrl+b", "ctrl+u"), key.WithHelp("pgup/b/ctrl+b/ctrl+u", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "ctrl+f", "ctrl+d"), key.WithHelp("pgdn/space/ctrl+f/ctrl+d", "page down")),
		Home:     key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		End:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		Open:     key.NewBinding(key.WithKeys("enter", "l", "right"), key.WithHelp("enter/l", "read")),

		NextUnread: key.NewBinding(key.WithKeys("U"), key.WithHelp("U", "next unread")),
		Pick:       key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "select row (m * t act on all)")),
	}
}

// ShortHelp lists the bindings worth showing in the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.Open}
}

// FullHelp lists every binding, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Home, k.End, k.NextUnread, k.Pick, k.Open}}
}
