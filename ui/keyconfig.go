package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/folio-reader/folio/internal/safe"
)

// actions names the bindings the settings file's [keys] may change:
// "reader." for the reader's own, bare names for the list's and the shell's.
func (k *KeyMap) actions() map[string]*key.Binding {
	return map[string]*key.Binding{
		"open": &k.List.Open, "up": &k.List.Up, "down": &k.List.Down,
		"page-up": &k.List.PageUp, "page-down": &k.List.PageDown, "first": &k.List.Home, "last": &k.List.End,
		"filter": &k.Filter, "sort": &k.Sort, "help": &k.Help, "facets": &k.Facets, "problems": &k.Problems,
		"quit": &k.Quit,
		"mark": &k.Mark, "mark-all": &k.MarkAll, "star": &k.Star, "tag": &k.Tag,
		"sidebar": &k.Sidebar, "save-search": &k.SaveSearch,
		"copy": &k.Copy, "copy-id": &k.CopyID, "edit": &k.Edit,
		"concordance": &k.Concordance, "terms": &k.TermsView, "trends": &k.TrendsView, "export": &k.Export,
		"copies": &k.Copies, "stories": &k.Stories, "reader.related": &k.Related,
		"next-unread": &k.List.NextUnread, "select": &k.List.Pick, "undo": &k.Undo,
		"reader.down": &k.Reader.LineDown, "reader.up": &k.Reader.LineUp, "reader.next-unread": &k.Reader.NextUnread,
		"reader.page-down": &k.Reader.PageDown, "reader.page-up": &k.Reader.PageUp,
		"reader.top": &k.Reader.Top, "reader.bottom": &k.Reader.Bottom,
		"reader.search": &k.Reader.Search, "reader.next-match": &k.Reader.NextMatch, "reader.prev-match": &k.Reader.PrevMatch,
		"reader.next": &k.Reader.NextArticle, "reader.previous": &k.Reader.PrevArticle,
		"reader.raw": &k.Reader.ToggleRaw, "reader.wider": &k.Reader.Wider, "reader.narrower": &k.Reader.Narrower,
		"reader.back": &k.Reader.Back,
	}
}

// screen is the bindings one screen answers at once, by the name a person
// knows them by: a key may do one thing there. Bindings that share a key
// by design, each live in its own state (the reader's esc that clears a
// search before it means back), are left out.
type screen struct {
	name     string
	bindings map[string]*key.Binding
}

func (k *KeyMap) screens() []screen {
	a := k.actions()
	shared := []string{"mark", "star", "tag", "copy", "copy-id", "edit", "help"}
	list := map[string]*key.Binding{"clear filter": &k.Clear, "quit anywhere (ctrl+c)": &k.Force}
	reader := map[string]*key.Binding{"quit anywhere (ctrl+c)": &k.Force}
	for name, b := range a {
		switch {
		case strings.HasPrefix(name, "reader."):
			reader[name] = b
		case slices.Contains(shared, name):
			reader[name], list[name] = b, b
		default:
			list[name] = b
		}
	}
	return []screen{{"list", list}, {"reader", reader}}
}

// Actions are the names the settings file's [keys] takes, sorted.
func Actions() []string {
	k := DefaultKeyMap()
	return slices.Sorted(maps.Keys(k.actions()))
}

// KeyError is a [keys] entry that cannot be applied: the action it is
// reported at, and why.
type KeyError struct {
	Action  string
	Problem string
}

func (e *KeyError) Error() string { return e.Action + ": " + e.Problem }

// Override gives actions new keys (`open = ["enter", "o"]`): the keys
// replace the default ones and the help shows them. An unknown action, a
// name no terminal sends, or a key that would then do two things on one
// screen is a *KeyError, and k is left as it was.
func (k *KeyMap) Override(keys map[string][]string) error {
	next := *k
	acts := next.actions()
	names := slices.Sorted(maps.Keys(keys))
	for _, name := range names {
		b, ok := acts[name]
		if !ok {
			return &KeyError{name, "no such action (known: " + strings.Join(Actions(), ", ") + ")"}
		}
		ks := keys[name]
		if len(ks) == 0 {
			return &KeyError{name, "give at least one key"}
		}
		for _, kn := range ks {
			if err := checkKeyName(kn); err != nil {
				return &KeyError{name, err.Error()}
			}
		}
		desc := b.Help().Desc
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), desc)
	}
	if err := next.conflict(keys); err != nil {
		return err
	}
	*k = next
	return nil
}

// conflict finds a key that two actions of one screen answer to, at least
// one of them given in keys (the defaults agree with each other).
func (k *KeyMap) conflict(keys map[string][]string) error {
	for _, s := range k.screens() {
		owner := map[string]string{}
		for _, name := range slices.Sorted(maps.Keys(s.bindings)) {
			for _, kn := range s.bindings[name].Keys() {
				other, taken := owner[kn]
				switch {
				case !taken:
					owner[kn] = name
					continue
				case other == name:
					return &KeyError{name, fmt.Sprintf("%q given twice", safe.Clip(kn, 40))}
				}
				at, with := name, other
				if _, given := keys[name]; !given {
					at, with = other, name
				}
				return &KeyError{at, fmt.Sprintf("%q is also %s's key in the %s: one key, one action (give one of them another key)", safe.Clip(kn, 40), with, s.name)}
			}
		}
	}
	return nil
}

// CheckKeys checks a settings file's [keys] as Override would apply them
// to the defaults, for config.Load: it answers the action the problem is
// reported at.
func CheckKeys(keys map[string][]string) (string, error) {
	k := DefaultKeyMap()
	if err := k.Override(keys); err != nil {
		if ke, ok := err.(*KeyError); ok {
			return ke.Action, fmt.Errorf("%s", ke.Problem)
		}
		return "", err
	}
	return "", nil
}
