package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
)

// actions names the bindings the settings file's [keys] may change:
// "list." and "reader." for the screens' own, bare names for the shell's.
func (k *KeyMap) actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		"open": &k.List.Open, "up": &k.List.Up, "down": &k.List.Down,
		"page-up": &k.List.PageUp, "page-down": &k.List.PageDown, "first": &k.List.Home, "last": &k.List.End,
		"filter": &k.Filter, "sort": &k.Sort, "help": &k.Help, "facets": &k.Facets, "problems": &k.Problems,
		"quit": &k.Quit,
		"mark": &k.Mark, "mark-all": &k.MarkAll, "star": &k.Star, "tag": &k.Tag,
		"sidebar": &k.Sidebar, "save-search": &k.SaveSearch,
		"copy": &k.Copy, "copy-id": &k.CopyID, "edit": &k.Edit,
		"reader.down": &k.Reader.LineDown, "reader.up": &k.Reader.LineUp,
		"reader.page-down": &k.Reader.PageDown, "reader.page-up": &k.Reader.PageUp,
		"reader.top": &k.Reader.Top, "reader.bottom": &k.Reader.Bottom,
		"reader.search": &k.Reader.Search, "reader.next-match": &k.Reader.NextMatch, "reader.prev-match": &k.Reader.PrevMatch,
		"reader.next": &k.Reader.NextArticle, "reader.previous": &k.Reader.PrevArticle,
		"reader.raw": &k.Reader.ToggleRaw, "reader.wider": &k.Reader.Wider, "reader.narrower": &k.Reader.Narrower,
		"reader.back": &k.Reader.Back,
	}
}

// Actions are the names the settings file's [keys] takes, sorted.
func Actions() []string {
	k := DefaultKeyMap()
	var out []string
	for name := range k.actions() {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// Override gives actions new keys (`open = ["enter", "o"]`): the keys
// replace the default ones and the help shows them.
func (k *KeyMap) Override(keys map[string][]string) error {
	acts := k.actions()
	for name, ks := range keys {
		b, ok := acts[name]
		if !ok {
			return fmt.Errorf("no action %q", name)
		}
		desc := b.Help().Desc
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), desc)
	}
	return nil
}
