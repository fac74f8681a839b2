package ui

import (
	"os"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
)

// The README is a test: every key of its list table is driven here, from
// a fresh reader on the samples, and the promised effect checked. A key
// added to the table without an entry in readmeKeys fails
// TestREADMEKeysDriven.

// press makes the key press for a key as the README writes it.
func press(name string) tea.KeyPressMsg {
	if k, ok := strings.CutPrefix(name, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: []rune(k)[0], Mod: tea.ModCtrl}
	}
	switch name {
	case "↓", "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "↑", "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "pgdn":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	}
	return keyPress(name)
}

// fresh is the reader on the samples in a short window (the list pages).
func fresh(t *testing.T) Model {
	return drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 90, Height: 12})
}

func keys(t *testing.T, m Model, names ...string) Model {
	t.Helper()
	for _, n := range names {
		m = drive(t, m, press(n))
	}
	return m
}

func selected(t *testing.T, m Model) *model.Article {
	t.Helper()
	n, ok := m.list.Selected()
	if !ok {
		t.Fatal("no row selected")
	}
	return m.list.Result().Article(n)
}

func typeIn(t *testing.T, m Model, s string) Model {
	for _, r := range s {
		m = drive(t, m, keyPress(string(r)))
	}
	return m
}

// moved checks that the keys move the cursor by at least min rows
// (negative: up), from the row after down (set: start three rows down).
func moved(min int, down bool, names ...string) func(*testing.T) {
	return func(t *testing.T) {
		m := fresh(t)
		if down {
			m = keys(t, m, "G")
		}
		before := m.list.Cursor()
		m = keys(t, m, names...)
		d := m.list.Cursor() - before
		if min > 0 && d < min || min < 0 && d > min {
			t.Errorf("%v moved the cursor %d rows, want %d or more that way", names, d, min)
		}
	}
}

func inState(want state, names ...string) func(*testing.T) {
	return func(t *testing.T) {
		if m := keys(t, fresh(t), names...); m.state != want {
			t.Errorf("%v: state %v, want %v", names, m.state, want)
		}
	}
}

func quits(name string) func(*testing.T) {
	return func(t *testing.T) {
		m := fresh(t)
		_, cmd := m.Update(press(name))
		for _, msg := range runCmd(cmd) {
			if _, ok := msg.(tea.QuitMsg); ok {
				return
			}
		}
		t.Errorf("%s did not quit", name)
	}
}

func noticeSays(text string, names ...string) func(*testing.T) {
	return func(t *testing.T) {
		m := keys(t, fresh(t), names...)
		if !strings.Contains(m.notice, text) && !strings.Contains(plain(m), text) {
			t.Errorf("%v: the notice is %q, want it to say %q", names, m.notice, text)
		}
	}
}

var readmeKeys = map[string]func(*testing.T){
	"j": moved(1, false, "j"), "↓": moved(1, false, "↓"), "ctrl+n": moved(1, false, "ctrl+n"),
	"k": moved(-1, true, "k"), "↑": moved(-1, true, "↑"), "ctrl+p": moved(-1, true, "ctrl+p"),
	"pgdn": moved(2, false, "pgdn"), "space": moved(2, false, "space"), "ctrl+f": moved(2, false, "ctrl+f"), "ctrl+d": moved(2, false, "ctrl+d"),
	"pgup": moved(-2, true, "pgup"), "b": moved(-2, true, "b"), "ctrl+b": moved(-2, true, "ctrl+b"), "ctrl+u": moved(-2, true, "ctrl+u"),
	"G": moved(5, false, "G"), "end": moved(5, false, "end"),
	"g": moved(-5, true, "g"), "home": moved(-5, true, "home"),
	"enter": inState(stateReader, "enter"), "l": inState(stateReader, "l"),
	"/": func(t *testing.T) {
		m := keys(t, fresh(t), "/")
		m = typeIn(t, m, "slow")
		if m.state != stateFilter || len(m.list.Result().Rows) != 3 {
			t.Fatalf("/slow: state %v, %d rows, want the filter line and 3", m.state, len(m.list.Result().Rows))
		}
		if m = keys(t, m, "enter"); m.state != stateList || m.input.Value() != "slow" {
			t.Errorf("enter: state %v, filter %q", m.state, m.input.Value())
		}
	},
	"esc": func(t *testing.T) {
		m := typeIn(t, keys(t, fresh(t), "/"), "slow")
		m = keys(t, m, "enter", "esc")
		if m.input.Value() != "" || len(m.list.Result().Rows) != 14 {
			t.Errorf("esc left the filter %q and %d rows", m.input.Value(), len(m.list.Result().Rows))
		}
	},
	"s": func(t *testing.T) {
		m := fresh(t)
		before := m.sort
		if m = keys(t, m, "s"); m.sort == before {
			t.Errorf("s left the order at %v", m.sort)
		}
	},
	"f": inState(stateFacets, "f"),
	"p": inState(stateProblems, "p"),
	"?": inState(stateHelp, "?"),
	"m": func(t *testing.T) {
		m := fresh(t)
		a := selected(t, m)
		if m = keys(t, m, "m"); !m.store.Get(a.ID).Read {
			t.Error("m left the article unread")
		}
		if m = keys(t, m, "m"); m.store.Get(a.ID).Read {
			t.Error("m again left it read")
		}
	},
	"M": func(t *testing.T) {
		m := keys(t, fresh(t), "M", "y")
		for _, n := range m.list.Result().Rows {
			if a := m.list.Result().Article(n); !m.store.Get(a.ID).Read {
				t.Fatalf("M y left %s unread", a.ID)
			}
		}
	},
	"u": func(t *testing.T) {
		m := keys(t, fresh(t), "M", "y", "u")
		for _, n := range m.list.Result().Rows {
			if a := m.list.Result().Article(n); m.store.Get(a.ID).Read {
				t.Fatalf("u after M left %s read", a.ID)
			}
		}
	},
	"U": func(t *testing.T) {
		m := keys(t, fresh(t), "m") // the first read: U goes past it
		before := m.list.Cursor()
		if m = keys(t, m, "k", "U"); m.list.Cursor() <= before-1 || m.store.Get(selected(t, m).ID).Read {
			t.Errorf("U: cursor %d (from %d), on a read article %v", m.list.Cursor(), before, m.store.Get(selected(t, m).ID).Read)
		}
	},
	"v": func(t *testing.T) {
		m := keys(t, fresh(t), "v", "v", "*")
		starred := 0
		for _, n := range m.list.Result().Rows {
			if m.store.Get(m.list.Result().Article(n).ID).Starred {
				starred++
			}
		}
		if starred != 2 {
			t.Errorf("v v * starred %d articles, want 2", starred)
		}
	},
	"*": func(t *testing.T) {
		m := fresh(t)
		a := selected(t, m)
		if m = keys(t, m, "*"); !m.store.Get(a.ID).Starred {
			t.Error("* did not star")
		}
	},
	"t": func(t *testing.T) {
		m := fresh(t)
		a := selected(t, m)
		m = typeIn(t, keys(t, m, "t"), "+later")
		m = keys(t, m, "enter")
		if tags := m.store.Get(a.ID).Tags; len(tags) != 1 || tags[0] != "later" {
			t.Errorf("t +later: tags %v", tags)
		}
	},
	"tab": func(t *testing.T) {
		if m := keys(t, fresh(t), "tab"); !m.side.shown || !m.side.focused {
			t.Errorf("tab: sidebar shown %v, focused %v", m.side.shown, m.side.focused)
		}
	},
	"S": func(t *testing.T) {
		m := typeIn(t, keys(t, fresh(t), "/"), "slow")
		m = typeIn(t, keys(t, m, "enter", "S"), "trains")
		m = keys(t, m, "enter")
		if _, ok := m.savedSearch("trains"); !ok {
			t.Error("S trains saved nothing")
		}
	},
	"r": func(t *testing.T) {
		m := typeIn(t, keys(t, fresh(t), "/"), "slow")
		m = keys(t, typeIn(t, keys(t, m, "enter", "S"), "trains"), "enter")
		m = keys(t, m, "tab", "j", "j", "j", "j", "j", "j", "j", "j") // down to the last folder: the saved search
		m = keys(t, typeIn(t, keys(t, m, "r"), "2"), "enter")
		if _, ok := m.savedSearch("trains2"); !ok {
			t.Errorf("r on the saved search did not rename it: %q", m.notice)
		}
	},
	"d": func(t *testing.T) {
		m := typeIn(t, keys(t, fresh(t), "/"), "slow")
		m = keys(t, typeIn(t, keys(t, m, "enter", "S"), "trains"), "enter")
		m = keys(t, m, "tab", "j", "j", "j", "j", "j", "j", "j", "j", "d", "y")
		if _, ok := m.savedSearch("trains"); ok {
			t.Errorf("d y on the saved search kept it: %q", m.notice)
		}
	},
	"c": noticeSays("copied", "c"),
	"y": noticeSays("ID copied", "y"),
	"e": noticeSays("samples", "e"),
	"q": quits("q"), "ctrl+c": quits("ctrl+c"),
	"K": func(t *testing.T) {
		m := keys(t, keys(t, typeIn(t, keys(t, fresh(t), "/"), "slow"), "enter"), "K")
		if m.state != stateKwic || !strings.Contains(plain(m), "slow") {
			t.Errorf("K: state %v:\n%s", m.state, plain(m))
		}
	},
	"T": func(t *testing.T) {
		m := keys(t, keys(t, typeIn(t, keys(t, fresh(t), "/"), "slow"), "enter"), "T")
		if m.state != stateTerms {
			t.Errorf("T: state %v", m.state)
		}
	},
	"H": inState(stateTrends, "H"),
	"C": func(t *testing.T) {
		m := fresh(t)
		if m.grouped.all {
			t.Fatal("copies are not collapsed to start with")
		}
		if m = keys(t, m, "C"); !m.grouped.all || !strings.Contains(plain(m), "C") {
			t.Errorf("C did not show every copy")
		}
	},
	"w": inState(stateStories, "w"),
	"X": func(t *testing.T) {
		if m := keys(t, fresh(t), "X"); m.prompt.kind != promptExport || !strings.Contains(plain(m), "export") {
			t.Errorf("X: no prompt for a file name:\n%s", plain(m))
		}
	},
}

// readmeListKeys reads the keys of the README's list table.
func readmeListKeys(t *testing.T) []string {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "| keys | in the list |")
	if !ok {
		t.Fatal("the README has no list table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	code := regexp.MustCompile("`([^`]+)`")
	var out []string
	for _, row := range strings.Split(table, "\n") {
		cells := strings.Split(row, "|")
		if len(cells) < 3 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") {
			continue
		}
		for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// TestREADMEKeysDriven: every key of the README's list table has a test
// here, and each test holds.
func TestREADMEKeysDriven(t *testing.T) {
	keys := readmeListKeys(t)
	if len(keys) < 30 {
		t.Fatalf("read %d keys from the README's table", len(keys))
	}
	for _, k := range keys {
		test, ok := readmeKeys[k]
		if !ok {
			t.Errorf("the README's list table names %q, and no test drives it (add it to readmeKeys)", k)
			continue
		}
		t.Run(k, test)
	}
}

// TestFilterSuggests: a filter that finds nothing names the corpus's
// nearest words to those it lacks, in the filter line.
func TestFilterSuggests(t *testing.T) {
	m := typeIn(t, keys(t, fresh(t), "/"), "chengdo")
	if got := plain(m); !strings.Contains(got, "chengdo? chengdu") {
		t.Errorf("no suggestion in the filter line:\n%s", got)
	}
}

// TestNarrowedKeepsTheFilter: a term added (from the facets or the terms
// screen) narrows the whole filter, not its last branch.
func TestNarrowedKeepsTheFilter(t *testing.T) {
	for _, tc := range [][3]string{
		{"", "cat:world", "cat:world"},
		{"china russia", "cat:world", "china russia cat:world"},
		{"china OR russia", "cat:world", "(china OR russia) cat:world"},
	} {
		if got := narrowed(tc[0], tc[1]); got != tc[2] {
			t.Errorf("%q + %q = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
}
