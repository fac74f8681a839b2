package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	rstate "github.com/folio-reader/folio/state"
)

// TestSeveralRows: v selects rows (moving down, a mark in the margin),
// then m, * and t act on all of them and end the selection; esc ends it
// unused; rows not selected are left alone.
func TestSeveralRows(t *testing.T) {
	c := sampleCorpus(t)
	store := rstate.Memory()
	m := drive(t, New(Options{Corpus: c, Source: "samples", State: store}), tea.WindowSizeMsg{Width: 100, Height: 30})
	rows := m.list.Result().Rows
	id := func(i int) string { return c.At(rows[i]).ID }
	m = drive(t, m, keyPress("v"), keyPress("j"), keyPress("v"))
	if got := plain(m); !strings.Contains(got, "2 selected") || strings.Count(got, "│•")+strings.Count(got, "\n•") < 2 {
		t.Fatalf("two rows selected:\n%s", got)
	}
	m = drive(t, m, keyPress("*"))
	for i, want := range []bool{true, false, true, false} {
		if got := store.Get(id(i)).Starred; got != want {
			t.Errorf("row %d starred %v, want %v", i, got, want)
		}
	}
	if m.list.PickedCount() != 0 || !strings.Contains(plain(m), "2 articles starred") {
		t.Errorf("after *: %d still selected\n%s", m.list.PickedCount(), plain(m))
	}
	m = drive(t, m, keyPress("g"), keyPress("v"), keyPress("v"), keyPress("t"))
	m = drive(t, typeKeys(t, m, "later"), keyPress("enter"))
	for i, want := range []bool{true, true, false} {
		if got := len(store.Get(id(i)).Tags) == 1; got != want {
			t.Errorf("row %d tagged %v, want %v", i, got, want)
		}
	}
	m = drive(t, m, keyPress("v"), keyPress("esc"))
	if m.list.PickedCount() != 0 {
		t.Error("esc did not end the selection")
	}
}
