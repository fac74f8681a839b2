package ui

import (
	"charm.land/bubbles/v2/key"

	"github.com/folio-reader/folio/ui/facets"
	"github.com/folio-reader/folio/ui/kwic"
	"github.com/folio-reader/folio/ui/list"
	"github.com/folio-reader/folio/ui/reader"
	"github.com/folio-reader/folio/ui/stories"
	"github.com/folio-reader/folio/ui/terms"
	"github.com/folio-reader/folio/ui/trends"
)

// KeyMap is every key of the program: the shell's own bindings and each
// screen's. It is a value, built once per program (DefaultKeyMap, then any
// overrides from the user's configuration) and handed to New through
// Options.Keys; every screen takes its part from it, and every help line is
// generated from it. Bindings that do nothing in the current state are
// disabled on the copy a view works from (see Model.keyMap), so help never
// offers them.
type KeyMap struct {
	List   list.KeyMap
	Reader reader.KeyMap
	Facet  facets.KeyMap  // the facets screen
	Scroll ScrollKeyMap   // the skipped-files screen
	Kwic   kwic.KeyMap    // the concordance
	Terms  terms.KeyMap   // collocates and distinctive terms
	Trends trends.KeyMap  // queries over time
	Lists  stories.KeyMap // the Related and Stories lists

	Filter   key.Binding
	Clear    key.Binding // only while a filter is set
	Unpick   key.Binding // only while rows are selected (list.KeyMap.Pick)
	Sort     key.Binding
	Help     key.Binding
	Facets   key.Binding
	Problems key.Binding
	Quit     key.Binding
	Force    key.Binding // ctrl+c, anywhere

	Accept     key.Binding // in the filter line
	Cancel     key.Binding
	FilterMove key.Binding // moves the list while typing

	// The reading state and hand-offs, in the list (and the reader).
	Mark       key.Binding // read ↔ unread
	MarkAll    key.Binding // the whole list read, after a confirmation
	Undo       key.Binding // gives back what the last MarkAll read; only after one
	Star       key.Binding
	Tag        key.Binding
	Sidebar    key.Binding
	SaveSearch key.Binding
	Copy       key.Binding // the article, through OSC 52
	CopyID     key.Binding
	Edit       key.Binding // $VISUAL/$EDITOR; disabled over SSH
	EditOff    key.Binding // help's note, and the footer's, of why e does nothing (over SSH, on the samples)

	// The research views, over the list (research.go, export.go).
	Concordance key.Binding
	TermsView   key.Binding
	TrendsView  key.Binding
	Export      key.Binding // disabled over SSH
	ExportOff   key.Binding // help's note, and the footer's, of why X does nothing over SSH
	// Copies and stories (copies.go, storyview.go).
	Copies  key.Binding // in the list: collapse copies ↔ show them all
	Stories key.Binding // in the list: the stories of the list
	Related key.Binding // in the reader: articles like the open one

	// In the focused sidebar, on a search saved with S.
	RenameSearch key.Binding
	DeleteSearch key.Binding
}

// DefaultKeyMap returns the bindings the README lists.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		List:       list.DefaultKeyMap(),
		Reader:     reader.DefaultKeyMap(),
		Facet:      facets.DefaultKeyMap(),
		Scroll:     DefaultScrollKeyMap(),
		Kwic:       kwic.DefaultKeyMap(),
		Terms:      terms.DefaultKeyMap(),
		Trends:     trends.DefaultKeyMap(),
		Lists:      stories.DefaultKeyMap(),
		Copies:     key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "copies: one row a group / all")),
		Stories:    key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "stories of the list")),
		Related:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "other articles like this one")),
		Filter:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Clear:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Unpick:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear selection")),
		Sort:       key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Facets:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "facets")),
		Problems:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "skipped files")),
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Force:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit anywhere")),
		Accept:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		FilterMove: key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown"), key.WithHelp("↑/↓", "move")),
		Mark:       key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "read/unread")),
		MarkAll:    key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "mark list read")),
		Undo:       key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo mark list read")),
		Star:       key.NewBinding(key.WithKeys("*"), key.WithHelp("*", "star")),
		Tag:        key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tag")),
		Sidebar:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "folders")),
		SaveSearch: key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "save search")),
		Copy:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy article")),
		CopyID:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy ID")),
		Edit:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "open in $EDITOR")),
		EditOff:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "no editor over SSH: it would run on the server"), key.WithDisabled()),

		Concordance: key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "concordance of the filter's words")),
		TermsView:   key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "collocates and distinctive terms")),
		TrendsView:  key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "trends: queries over time (history)")),
		Export:      key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "export the list to a file")),
		ExportOff:   key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "no export over SSH: the file would be written on the server"), key.WithDisabled()),

		RenameSearch: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rename saved search (folders)")),
		DeleteSearch: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete saved search (folders)")),
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
		[]key.Binding{k.Filter, k.Accept, k.FilterMove, k.Unpick, k.Clear, k.Sort, k.Facets, k.Copies, k.Stories},
		[]key.Binding{k.Mark, k.MarkAll, k.Undo, k.Star, k.Tag, k.Sidebar, k.SaveSearch, k.RenameSearch, k.DeleteSearch},
		[]key.Binding{k.Copy, k.CopyID, k.Edit, k.EditOff},
		[]key.Binding{k.Concordance, k.TermsView, k.TrendsView, k.Export, k.ExportOff},
		[]key.Binding{k.Problems, k.Help, k.Quit, k.Force})
}

// readerHelp is the help screen's list for the reader: its own keys and
// the shell's that act on the article open in it.
func (k KeyMap) readerHelp() [][]key.Binding {
	return append(k.Reader.FullHelp(),
		[]key.Binding{k.Mark, k.Star, k.Tag, k.Copy, k.CopyID, k.Edit, k.EditOff},
		[]key.Binding{k.Related, k.Help, k.Force})
}

// filterHelp is the footer's line while the filter line is open.
type filterHelp struct{ k KeyMap }

func (f filterHelp) ShortHelp() []key.Binding {
	return []key.Binding{f.k.Accept, f.k.Cancel, f.k.FilterMove}
}

func (f filterHelp) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

// ScrollKeyMap is the skipped-files screen's bindings.
type ScrollKeyMap struct {
	Down, Up         key.Binding
	PageDown, PageUp key.Binding
	Top, Bottom      key.Binding
	Back             key.Binding
}

// DefaultScrollKeyMap returns the skipped-files screen's bindings.
func DefaultScrollKeyMap() ScrollKeyMap {
	return ScrollKeyMap{
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "ctrl+d"), key.WithHelp("pgdn/space", "page down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b", "ctrl+u"), key.WithHelp("pgup/b", "page up")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		Back:     key.NewBinding(key.WithKeys("esc", "q", "p", "h", "left"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp is the screen's title hint.
func (k ScrollKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up, k.Back} }

// FullHelp lists every binding.
func (k ScrollKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp}, {k.Top, k.Bottom, k.Back}}
}
