package ui

import (
	"charm.land/bubbles/v2/key"

	"github.com/folio-reader/folio/ui/list"
)

// KeyMap holds the shell's own bindings and those of the list, so the help
// screen shows every key from one place.
type KeyMap struct {
	List     list.KeyMap
	Filter   key.Binding
	Clear    key.Binding
	Sort     key.Binding
	Help     key.Binding
	Facets   key.Binding
	Problems key.Binding
	Quit     key.Binding
	Force    key.Binding // ctrl+c, anywhere

	Accept key.Binding // in the filter line
	Cancel key.Binding
}

// DefaultKeyMap returns the bindings of DESIGN.md.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		List:     list.DefaultKeyMap(),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Sort:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Facets:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "facets")),
		Problems: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "skipped files")),
		Quit:     key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Force:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit anywhere")),
		Accept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
	}
}

// ShortHelp is the footer's line for the list.
func (k KeyMap) ShortHelp() []key.Binding {
	// Moving needs no reminder; the rest must fit 80 columns.
	return []key.Binding{k.List.Open, k.Filter, k.Sort, k.Facets, k.Help, k.Quit}
}

// FullHelp is the help screen's list for the list.
func (k KeyMap) FullHelp() [][]key.Binding {
	return append(k.List.FullHelp(),
		[]key.Binding{k.Filter, k.Accept, k.Clear, k.Sort, k.Facets},
		[]key.Binding{k.Problems, k.Help, k.Quit, k.Force})
}

// filterHelp is the footer's line while the filter line is open.
type filterHelp struct{ k KeyMap }

func (f filterHelp) ShortHelp() []key.Binding {
	move := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move"))
	return []key.Binding{f.k.Accept, f.k.Cancel, move}
}

func (f filterHelp) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
