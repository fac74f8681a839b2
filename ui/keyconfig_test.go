package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestOverrideKeys(t *testing.T) {
	k := DefaultKeyMap()
	if err := k.Override(map[string][]string{"open": {"enter", "o"}, "star": {"z"}, "reader.back": {"x"}}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(keyPress("o"), k.List.Open) || !key.Matches(keyPress("z"), k.Star) || key.Matches(keyPress("*"), k.Star) {
		t.Error("the new keys do not match, or the old ones still do")
	}
	if !slices.Equal(k.Reader.Back.Keys(), []string{"x"}) || k.Star.Help().Key != "z" {
		t.Errorf("reader back %v, star help %q", k.Reader.Back.Keys(), k.Star.Help().Key)
	}
	if err := k.Override(map[string][]string{"fly": {"f"}}); err == nil {
		t.Error("an unknown action was accepted")
	}
	if !slices.Contains(Actions(), "save-search") || !slices.IsSorted(Actions()) {
		t.Errorf("Actions() = %v", Actions())
	}
}

func TestDefaultKeysAgree(t *testing.T) {
	if action, err := CheckKeys(nil); err != nil {
		t.Fatalf("the default keys conflict at %s: %v", action, err)
	}
}

func TestOverrideRefusesWhatCannotWork(t *testing.T) {
	tests := []struct {
		keys   map[string][]string
		action string
		want   string
	}{
		// The README's own example once took s from sort without a word.
		{map[string][]string{"star": {"*", "s"}}, "star", `"s" is also sort's key in the list`},
		{map[string][]string{"sort": {"l"}, "star": {"*", "s"}}, "sort", `"l" is also open's key`},
		{map[string][]string{"reader.next": {"n"}}, "reader.next", "reader.next-match"},
		{map[string][]string{"mark": {"]"}}, "mark", `"]" is also reader.next's key in the reader`},
		{map[string][]string{"quit": {"ctrl+c"}}, "quit", "quit anywhere"},
		{map[string][]string{"open": {"ctrl+shift+foo"}}, "open", `no key is called "foo"`},
		{map[string][]string{"open": {"shift+ctrl+o"}}, "open", "order ctrl+alt+shift"},
		{map[string][]string{"open": {"shift+o"}}, "open", `"O", not shift+o`},
		{map[string][]string{"open": {"cmd+o"}}, "open", `"cmd" is not a modifier`},
		{map[string][]string{"open": {"ctrl+"}}, "open", "no key after"},
		{map[string][]string{"open": {""}}, "open", "no key after"},
		{map[string][]string{"open": {}}, "open", "at least one key"},
		{map[string][]string{"fly": {"x"}}, "fly", "no such action"},
		{map[string][]string{"open": {"o", "o"}}, "open", `"o" given twice`},
	}
	for _, tt := range tests {
		k := DefaultKeyMap()
		err := k.Override(tt.keys)
		var ke *KeyError
		if !errors.As(err, &ke) || ke.Action != tt.action || !strings.Contains(ke.Problem, tt.want) {
			t.Errorf("%v: %v, want at %s %q", tt.keys, err, tt.action, tt.want)
		}
		if !slices.Equal(k.Star.Keys(), []string{"*"}) || !slices.Equal(k.List.Open.Keys(), DefaultKeyMap().List.Open.Keys()) {
			t.Errorf("%v: a refused override changed the keys", tt.keys)
		}
	}
	both := map[string][]string{"sort": {"o"}, "star": {"*", "s"}}
	if k := DefaultKeyMap(); k.Override(both) != nil || !slices.Equal(k.Star.Keys(), []string{"*", "s"}) {
		t.Errorf("%v refused", both)
	}
	for _, ok := range [][]string{{"ctrl+shift+o"}, {"alt+enter"}, {"f5"}, {"+"}, {"ctrl++"}, {"é"}, {"O"}, {"enter", "o"}} {
		k := DefaultKeyMap()
		if err := k.Override(map[string][]string{"open": ok}); err != nil {
			t.Errorf("open = %q refused: %v", ok, err)
		}
	}
}

// The help and the footer show the keys in force, whatever the file says.
func TestOverriddenKeysInHelp(t *testing.T) {
	k := DefaultKeyMap()
	if err := k.Override(map[string][]string{"sort": {"o"}, "open": {"enter"}}); err != nil {
		t.Fatal(err)
	}
	if h := k.Sort.Help(); h.Key != "o" || h.Desc != "sort" {
		t.Errorf("sort's help %+v", h)
	}
	var footer []string
	for _, b := range k.ShortHelp() {
		footer = append(footer, b.Help().Key+" "+b.Help().Desc)
	}
	if !slices.Contains(footer, "o sort") || slices.Contains(footer, "s sort") {
		t.Errorf("footer %v", footer)
	}
}

// A notice that names a key names the one in force.
func TestNoticesNameTheKeysInForce(t *testing.T) {
	k := DefaultKeyMap()
	if err := k.Override(map[string][]string{"filter": {"F"}, "save-search": {"W"}}); err != nil {
		t.Fatal(err)
	}
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Keys: &k}), tea.WindowSizeMsg{Width: 100, Height: 30}, keyPress("W"))
	if want := "no filter to save: F to type one first"; m.notice != want {
		t.Errorf("notice %q, want %q", m.notice, want)
	}
}

func FuzzKeyName(f *testing.F) {
	for _, k := range []string{"ctrl+shift+foo", "ctrl++", "+", "shift+a", "é", "", "alt+"} {
		f.Add(k)
	}
	f.Fuzz(func(t *testing.T, k string) {
		if err := checkKeyName(k); err != nil && len(err.Error()) > 400 {
			t.Errorf("%d-byte message for a %d-byte key", len(err.Error()), len(k))
		}
	})
}
