package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	rstate "github.com/folio-reader/folio/state"
)

func typeKeys(t *testing.T, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m = drive(t, m, keyPress(string(r)))
	}
	return m
}

// TestSilentKeysSayWhy: e on the samples (no files) and M and S on an
// empty list say what they did or why they did nothing.
func TestSilentKeysSayWhy(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples", State: rstate.Memory()}), tea.WindowSizeMsg{Width: 100, Height: 20})
	if got := plain(drive(t, m, keyPress("e"))); !strings.Contains(got, "samples are built into folio") {
		t.Errorf("e on the samples said nothing:\n%s", got)
	}
	m = typeKeys(t, drive(t, m, keyPress("/")), "zzznothing")
	m = drive(t, m, keyPress("enter"))
	if got := plain(drive(t, m, keyPress("M"))); !strings.Contains(got, "nothing to mark") {
		t.Errorf("M on an empty list said nothing:\n%s", got)
	}
	m = typeKeys(t, drive(t, m, keyPress("S")), "empty")
	m = drive(t, m, keyPress("enter"))
	if _, ok := m.savedSearch("empty"); !ok || !strings.Contains(plain(m), "saved as empty") {
		t.Errorf("S on an empty list did not save:\n%s", plain(m))
	}
}

// TestSavedSearchesReplaceRenameDelete: S with a name in use asks before
// replacing; in the sidebar r renames a saved search and d deletes it,
// after a question.
func TestSavedSearchesReplaceRenameDelete(t *testing.T) {
	store := rstate.Memory()
	store.SaveSearch("tea", "tea")
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples", State: store}), tea.WindowSizeMsg{Width: 120, Height: 30})
	m = drive(t, typeKeys(t, drive(t, m, keyPress("/")), "train"), keyPress("enter"))
	asked := drive(t, typeKeys(t, drive(t, m, keyPress("S")), "tea"), keyPress("enter"))
	if got := plain(asked); !strings.Contains(got, "replace tea (tea)? (y/n)") {
		t.Fatalf("S over an existing name did not ask:\n%s", got)
	}
	if s, _ := drive(t, asked, keyPress("n")).savedSearch("tea"); s.Query != "tea" {
		t.Errorf("n replaced it: %q", s.Query)
	}
	m = drive(t, asked, keyPress("y"))
	if s, _ := m.savedSearch("tea"); s.Query != "train" {
		t.Errorf("y did not replace it: %q", s.Query)
	}

	// The sidebar: All, Unread, Starred, then the saved search.
	m = drive(t, m, tea.KeyPressMsg{Code: tea.KeyTab}, keyPress("j"), keyPress("j"), keyPress("j"))
	if f := m.side.folders[m.side.cursor]; f.name != "tea" {
		t.Fatalf("sidebar cursor on %q", f.name)
	}
	m = drive(t, m, keyPress("r"))
	for range len("tea") {
		m = drive(t, m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	m = drive(t, typeKeys(t, m, "trains"), keyPress("enter"))
	if _, old := m.savedSearch("tea"); old || !strings.Contains(plain(m), "trains") {
		t.Fatalf("r did not rename:\n%s", plain(m))
	}
	m = drive(t, m, keyPress("d"))
	if !strings.Contains(plain(m), "delete the saved search trains? (y/n)") {
		t.Fatalf("d did not ask:\n%s", plain(m))
	}
	m = drive(t, m, keyPress("y"))
	if _, ok := m.savedSearch("trains"); ok || strings.Contains(plain(m), "trains  ") {
		t.Errorf("d y did not delete:\n%s", plain(m))
	}
	// The built-in folders are not the user's to rename.
	m = drive(t, m, keyPress("k"), keyPress("d"))
	if !strings.Contains(plain(m), "only searches saved with S") {
		t.Errorf("d on a built-in folder:\n%s", plain(m))
	}
}
