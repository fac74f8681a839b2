package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestHelpScrollsWhenTaller: on a window too short for every key (80×24
// on the list), help scrolls with the scroll keys to the keys that wait
// and the reader's, says so in its title, and any other key leaves it; on
// a window where all fits, every key leaves it.
func TestHelpScrollsWhenTaller(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 80, Height: 24})
	m = keys(t, m, "?")
	if s := plain(m); strings.Contains(s, "In the reader") || !strings.Contains(s, "more; any other key to go back") {
		t.Fatalf("help at 80×24 fits, or does not say it scrolls:\n%s", s)
	}
	m = keys(t, m, "G")
	if s := plain(m); m.state != stateHelp || !strings.Contains(s, "In the reader") || !strings.Contains(s, "Not now") && !strings.Contains(s, "wait for something") {
		t.Fatalf("G in help: state %v\n%s", m.state, s)
	}
	m = keys(t, m, "g")
	if s := plain(m); !strings.Contains(s, "filter") || strings.Contains(s, "In the reader") {
		t.Errorf("g in help did not go back to its top:\n%s", s)
	}
	if m = keys(t, m, "x"); m.state != stateList {
		t.Errorf("x in help: state %v, want the list", m.state)
	}

	m = drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 200, Height: 60})
	m = keys(t, m, "?")
	if s := plain(m); !strings.Contains(s, "In the reader") || !strings.Contains(s, "(any key to go back)") {
		t.Fatalf("help at 200×60:\n%s", s)
	}
	if m = keys(t, m, "j"); m.state != stateList {
		t.Errorf("j in a help that fits: state %v, want the list", m.state)
	}
}
