package reader

import "charm.land/bubbles/v2/key"

// KeyMap is every key the reader answers to. The help text lives in the
// bindings, so a help screen built from ShortHelp and FullHelp cannot drift
// from what the keys do.
type KeyMap struct {
	LineDown     key.Binding
	LineUp       key.Binding
	PageDown     key.Binding
	PageUp       key.Binding
	HalfPageDown key.Binding
	HalfPageUp   key.Binding
	Top          key.Binding
	Bottom       key.Binding

	Search      key.Binding // opens the prompt
	NextMatch   key.Binding
	PrevMatch   key.Binding
	ClearSearch key.Binding // only while a search is active; shares esc with Back
	Confirm     key.Binding // closes the prompt, keeping the matches
	Cancel      key.Binding // closes the prompt and drops the search

	NextArticle key.Binding
	PrevArticle key.Binding
	NextUnread  key.Binding // the next unread article of the list
	ToggleRaw   key.Binding
	Reload      key.Binding // only when the file changed on disk
	Wider       key.Binding
	Narrower    key.Binding
	Back        key.Binding
}

// DefaultKeyMap returns the reader's keys as the README lists them.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		LineDown:     key.NewBinding(key.WithKeys("j", "down", "ctrl+n"), key.WithHelp("j/↓/ctrl+n", "line down")),
		LineUp:       key.NewBinding(key.WithKeys("k", "up", "ctrl+p"), key.WithHelp("k/↑/ctrl+p", "line up")),
		PageDown:     key.NewBinding(key.WithKeys("space", "f", "pgdown", "ctrl+f"), key.WithHelp("space/f/pgdn/ctrl+f", "page down; at the end, next article")),
		PageUp:       key.NewBinding(key.WithKeys("b", "pgup", "ctrl+b"), key.WithHelp("b/pgup/ctrl+b", "page up")),
		HalfPageDown: key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d/ctrl+d", "half page down")),
		HalfPageUp:   key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u/ctrl+u", "half page up")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),

		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextMatch:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		ClearSearch: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),
		Confirm:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep matches")),
		Cancel:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel search")),

		NextArticle: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next article")),
		PrevArticle: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous article")),
		NextUnread:  key.NewBinding(key.WithKeys("U"), key.WithHelp("U", "next unread article")),
		ToggleRaw:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "raw/cleaned")),
		Reload:      key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "show the changed text")),
		Wider:       key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "wider")),
		Narrower:    key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "narrower")),
		Back:        key.NewBinding(key.WithKeys("esc", "q", "h"), key.WithHelp("q/esc/h", "back")),
	}
}

// ShortHelp is the one-line help (help.KeyMap).
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Reload, k.PageDown, k.Search, k.NextMatch, k.NextArticle, k.ToggleRaw, k.Back}
}

// FullHelp is the help screen, one column a group (help.KeyMap).
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.LineDown, k.LineUp, k.PageDown, k.PageUp, k.HalfPageDown, k.HalfPageUp, k.Top, k.Bottom},
		{k.Search, k.NextMatch, k.PrevMatch, k.ClearSearch, k.Confirm, k.Cancel},
		{k.NextArticle, k.PrevArticle, k.NextUnread, k.ToggleRaw, k.Reload, k.Wider, k.Narrower, k.Back},
	}
}
