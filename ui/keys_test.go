package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestHelpOffersWhatWorks: the help screen lists a key only where it does
// something: esc clears a filter or a search only when there is one.
func TestHelpOffersWhatWorks(t *testing.T) {
	c := sampleCorpus(t)
	m := drive(t, New(Options{Corpus: c, Source: "samples"}), tea.WindowSizeMsg{Width: 120, Height: 40})
	// What works now comes before the keys that wait for something.
	help := func(m Model) string {
		t.Helper()
		now, _, _ := strings.Cut(plain(drive(t, m, keyPress("?"))), "Not now")
		return now
	}
	if got := help(m); strings.Contains(got, "clear filter") || !strings.Contains(got, "keep filter") {
		t.Errorf("list help with no filter:\n%s", got)
	}
	filtered := drive(t, m, keyPress("/"), keyPress("t"), keyPress("e"), keyPress("a"), keyPress("enter"))
	if got := help(filtered); !strings.Contains(got, "clear filter") {
		t.Errorf("list help with a filter lacks esc:\n%s", got)
	}

	reading := drive(t, filtered, keyPress("enter"))
	if reading.state != stateReader {
		t.Fatalf("enter did not open an article (state %d)", reading.state)
	}
	got := help(reading)
	// Opened from a filter: n steps through the filter's words, but esc
	// goes back rather than clearing them.
	for _, gone := range []string{"clear search", "keep matches"} {
		if strings.Contains(got, gone) {
			t.Errorf("reader help with no search offers %q:\n%s", gone, got)
		}
	}
	if !strings.Contains(got, "next match") {
		t.Errorf("reader opened from a filter does not offer n:\n%s", got)
	}
	if !strings.Contains(got, "search") || !strings.Contains(got, "back") {
		t.Errorf("reader help lacks search or back:\n%s", got)
	}
	searched := drive(t, reading, keyPress("/"), keyPress("t"), keyPress("e"), keyPress("a"), keyPress("enter"))
	got = help(searched)
	for _, want := range []string{"clear search", "next match"} {
		if !strings.Contains(got, want) {
			t.Errorf("reader help with a search lacks %q:\n%s", want, got)
		}
	}
	// And esc does what help says: clears the search first, then goes back.
	searched = drive(t, searched, keyPress("esc"))
	if searched.state != stateReader || searched.reader.KeyMap().ClearSearch.Enabled() {
		t.Errorf("esc with a search: state %d, search still set", searched.state)
	}
	if back := drive(t, searched, keyPress("esc")); back.state != stateList {
		t.Errorf("esc with no search did not go back (state %d)", back.state)
	}
}

// TestOneKeyMap: the keys handed to New are the ones every screen answers
// to, so a configuration can change them in one place.
func TestOneKeyMap(t *testing.T) {
	keys := DefaultKeyMap()
	keys.Problems.SetKeys("P")
	keys.Scroll.Back.SetKeys("x")
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples", Keys: &keys}), tea.WindowSizeMsg{Width: 100, Height: 20})
	if drive(t, m, keyPress("p")).state == stateProblems {
		t.Error("p still opens the problems screen")
	}
	m = drive(t, m, keyPress("P"))
	if m.state != stateProblems {
		t.Fatal("P did not open the problems screen")
	}
	if drive(t, m, keyPress("q")).state != stateProblems {
		t.Error("q left the problems screen although Back is x")
	}
	if drive(t, m, keyPress("x")).state != stateList {
		t.Error("x did not leave the problems screen")
	}
}
