package ui

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	tea "charm.land/bubbletea/v2"
)

func ctrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

// TestHelpListsEveryKey: the list's help names space/b and ctrl+f/ctrl+b for
// paging and points at the reader's keys; the reader's names h, pgdn/pgup
// and ctrl+d/ctrl+u.
func TestHelpListsEveryKey(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 120, Height: 40})
	list := plain(drive(t, m, keyPress("?")))
	for _, want := range []string{"space", "b/", "ctrl+f", "ctrl+b", "ctrl+n", "ctrl+p", "In the reader", "line down"} {
		if !strings.Contains(list, want) {
			t.Errorf("list help lacks %q:\n%s", want, list)
		}
	}
	reading := drive(t, m, keyPress("enter"))
	got := plain(drive(t, reading, keyPress("?")))
	for _, want := range []string{"/h", "pgdn", "pgup", "ctrl+d", "ctrl+u", "ctrl+f", "ctrl+b", "ctrl+n", "ctrl+p"} {
		if !strings.Contains(got, want) {
			t.Errorf("reader help lacks %q:\n%s", want, got)
		}
	}
}

// TestEmacsAndLessKeys: ctrl+n/ctrl+p move the list's cursor and the
// reader's line; ctrl+f/ctrl+b page both.
func TestEmacsAndLessKeys(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 12})
	at := func(m Model) int { return m.list.Cursor() }
	if got := at(drive(t, m, ctrl('n'))); got != 1 {
		t.Errorf("ctrl+n: cursor %d, want 1", got)
	}
	if got := at(drive(t, m, ctrl('n'), ctrl('n'), ctrl('p'))); got != 1 {
		t.Errorf("ctrl+n ctrl+n ctrl+p: cursor %d, want 1", got)
	}
	paged := at(drive(t, m, ctrl('f')))
	if paged < 2 {
		t.Errorf("ctrl+f moved the cursor to %d", paged)
	}
	if got := at(drive(t, m, ctrl('f'), ctrl('b'))); got != 0 {
		t.Errorf("ctrl+f ctrl+b: cursor %d, want 0", got)
	}

	r := drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 12}, keyPress("enter"))
	line := func(m Model) string {
		for _, l := range strings.Split(plain(m), "\n") {
			if i := strings.Index(l, "line "); i >= 0 {
				return strings.Fields(l[i:])[1]
			}
		}
		t.Fatalf("no line counter:\n%s", plain(m))
		return ""
	}
	if got := line(drive(t, r, ctrl('n'))); got != "2" {
		t.Errorf("reader ctrl+n: line %s, want 2", got)
	}
	if got := line(drive(t, r, ctrl('n'), ctrl('n'), ctrl('p'))); got != "2" {
		t.Errorf("reader ctrl+n ctrl+n ctrl+p: line %s, want 2", got)
	}
	if got := line(drive(t, r, ctrl('f'))); got == "1" {
		t.Error("reader ctrl+f did not page")
	}
	if got := line(drive(t, r, ctrl('f'), ctrl('b'))); got != "1" {
		t.Errorf("reader ctrl+f ctrl+b: line %s, want 1", got)
	}
}

// bindingsOf is every key.Binding field of a key map struct, by name.
func bindingsOf(v any) map[string]key.Binding {
	out := map[string]key.Binding{}
	rv := reflect.ValueOf(v)
	for i := range rv.NumField() {
		if b, ok := rv.Field(i).Interface().(key.Binding); ok {
			out[rv.Type().Field(i).Name] = b
		}
	}
	return out
}

// helpHas reports whether the screen has b's help line: its keys, then its
// words, on one line.
func helpHas(screen string, b key.Binding) bool {
	h := b.Help()
	re := regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(h.Key) + `\s+` + regexp.QuoteMeta(h.Desc))
	return re.MatchString(screen)
}

// TestHelpHasEveryBinding: every binding of the key map has its help line,
// on the screen it works on, whether it works now or waits for a search, a
// filter or a changed file. A binding added to a key map and left out of
// help fails here.
func TestHelpHasEveryBinding(t *testing.T) {
	keys := DefaultKeyMap()
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples", Dir: t.TempDir()}), tea.WindowSizeMsg{Width: 220, Height: 60})
	listHelp := plain(drive(t, m, keyPress("?")))
	want := bindingsOf(keys)
	delete(want, "EditOff")   // the note that replaces e over SSH
	delete(want, "ExportOff") // and X
	delete(want, "Related")   // the reader's
	for name, b := range bindingsOf(keys.List) {
		want["List."+name] = b
	}
	for name, b := range want {
		if !helpHas(listHelp, b) {
			t.Errorf("the list's help has no line for %s (%q %q):\n%s", name, b.Help().Key, b.Help().Desc, listHelp)
		}
	}

	readerHelp := plain(drive(t, drive(t, m, keyPress("enter")), keyPress("?")))
	want = bindingsOf(keys.Reader)
	for _, name := range []string{"Mark", "Star", "Tag", "Copy", "CopyID", "Edit", "Related", "Help", "Force"} {
		want[name] = bindingsOf(keys)[name]
	}
	for name, b := range want {
		if !helpHas(readerHelp, b) {
			t.Errorf("the reader's help has no line for %s (%q %q):\n%s", name, b.Help().Key, b.Help().Desc, readerHelp)
		}
	}

	// The facets and skipped-files screens: ? there lists all their keys,
	// and any key goes back to the screen.
	for _, screen := range []struct {
		open  string
		state state
		keys  any
	}{{"f", stateFacets, keys.Facet}, {"p", stateProblems, keys.Scroll},
		{"K", stateKwic, keys.Kwic}, {"T", stateTerms, keys.Terms}, {"H", stateTrends, keys.Trends},
		{"w", stateStories, keys.Lists}} {
		on := drive(t, m, keyPress(screen.open))
		if on.state != screen.state {
			t.Fatalf("%s did not open its screen", screen.open)
		}
		help := drive(t, on, keyPress("?"))
		for name, b := range bindingsOf(screen.keys) {
			if !helpHas(plain(help), b) {
				t.Errorf("the %s screen's help has no line for %s (%q %q):\n%s", screen.open, name, b.Help().Key, b.Help().Desc, plain(help))
			}
		}
		if back := drive(t, help, keyPress("j")); back.state != screen.state {
			t.Errorf("a key on the %s screen's help went to state %d", screen.open, back.state)
		}
	}
}
