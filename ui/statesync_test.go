package ui

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	rstate "github.com/folio-reader/folio/state"
)

func openStore(t *testing.T, path string) *rstate.Store {
	t.Helper()
	s, _, err := rstate.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestStateFromAnotherProcess: a star and a tag written by another folio
// (folio mark, folio tag) while the reader runs show in the list, the
// sidebar and the open article once the store has looked at its file, and
// * then toggles from the state the file has.
func TestStateFromAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	c := sampleCorpus(t)
	m := drive(t, New(Options{Corpus: c, Source: "samples", State: openStore(t, path)}), tea.WindowSizeMsg{Width: 120, Height: 30})
	m = drive(t, m, m.refreshState()()) // the first look reads the file once
	id := selectedID(m)
	a, _ := c.ByID(id)
	m = drive(t, m, keyPress("enter"))

	shell := openStore(t, path)
	shell.SetStarred(true, a)
	shell.SetTag("from-shell", true, a)
	if err := shell.Close(); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, m.refreshState()())
	if screen := plain(m); !strings.Contains(screen, "from-shell") {
		t.Errorf("the open article does not show the shell's tag:\n%s", screen)
	}
	m = drive(t, m, keyPress("esc"))
	screen := plain(m)
	if !strings.Contains(screen, "│★") || !regexp.MustCompile(`Starred\s+\d+/1`).MatchString(screen) || !strings.Contains(screen, "#from-shell") {
		t.Errorf("the list or the sidebar is stale:\n%s", screen)
	}
	m = drive(t, m, keyPress("*"))
	if m.store.Get(id).Starred {
		t.Error("* starred again an article the shell had starred: it toggled from the stale state")
	}
}
