package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
	rstate "github.com/folio-reader/folio/state"
)

// TestNextUnread: U moves the list's cursor to the next unread row, and
// in the reader opens the next unread article; with none left, it says so.
// space at the end of an article opens the next one.
func TestNextUnread(t *testing.T) {
	c := sampleCorpus(t)
	store := rstate.Memory()
	m := drive(t, New(Options{Corpus: c, Source: "samples", State: store}), tea.WindowSizeMsg{Width: 100, Height: 30})
	rows := m.list.Result().Rows
	// Rows 1, 2 and 4 read: from row 0, U goes to 3, then 5.
	store.SetRead(true, c.At(rows[1]), c.At(rows[2]), c.At(rows[4]))
	m = drive(t, m, keyPress("U"))
	if m.list.Cursor() != 3 {
		t.Fatalf("U: cursor %d, want 3", m.list.Cursor())
	}
	m = drive(t, m, keyPress("enter")) // reads 3
	m = drive(t, m, keyPress("U"))
	if a := m.reader.Article(); m.state != stateReader || a == nil || a.ID != c.At(rows[5]).ID {
		t.Fatalf("U in the reader did not open row 5 (state %d)", m.state)
	}
	// space to the end, then once more: the next article, row 6.
	for range 40 {
		if m.reader.Article().ID != c.At(rows[5]).ID {
			break
		}
		m = drive(t, m, keyPress(" "))
	}
	if got := m.reader.Article().ID; got != c.At(rows[6]).ID {
		t.Errorf("space past the end opened %s, want row 6", got)
	}
	// Nothing unread below: said, and the cursor stays.
	var all []*model.Article
	for _, n := range rows {
		all = append(all, c.At(n))
	}
	store.SetRead(true, all...)
	m = drive(t, drive(t, m, keyPress("esc")), keyPress("U"))
	if m.list.Cursor() != 6 || !strings.Contains(plain(m), "no unread article below") {
		t.Errorf("U with nothing unread: cursor %d\n%s", m.list.Cursor(), plain(m))
	}
}

// TestUndoMarkAll: u after M gives back exactly the articles M marked
// read; those read before stay read; u is offered only after an M.
func TestUndoMarkAll(t *testing.T) {
	c := sampleCorpus(t)
	store := rstate.Memory()
	m := drive(t, New(Options{Corpus: c, Source: "samples", State: store}), tea.WindowSizeMsg{Width: 100, Height: 30})
	if m.keyMap().Undo.Enabled() {
		t.Error("u offered before any M")
	}
	rows := m.list.Result().Rows
	store.SetRead(true, c.At(rows[2]))
	m = drive(t, m, keyPress("M"), keyPress("y"))
	if !strings.Contains(plain(m), "13 articles marked read (u undoes)") {
		t.Fatalf("after M y:\n%s", plain(m))
	}
	m = drive(t, m, keyPress("u"))
	for i, n := range rows {
		if read := store.Get(c.At(n).ID).Read; read != (i == 2) {
			t.Errorf("row %d read %v after u", i, read)
		}
	}
	if !strings.Contains(plain(m), "13 articles unread again") || m.keyMap().Undo.Enabled() {
		t.Errorf("after u:\n%s", plain(m))
	}
}
