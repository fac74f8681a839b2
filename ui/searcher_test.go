package ui

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/model"
)

// A keystroke cancels the search still running for the text before it:
// the search stops, its empty answer is dropped, and the newer text is
// searched and shown.
func TestNewerKeyCancelsSearch(t *testing.T) {
	c := sampleCorpus(t)
	m := drive(t, New(Options{Corpus: c, Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 20}, keyPress("/"))
	entered, ended := make(chan struct{}), make(chan error, 1)
	var calls atomic.Int32
	c.SetSearchHook(func(ctx context.Context) {
		if calls.Add(1) == 1 {
			close(entered)
			<-ctx.Done()
			ended <- ctx.Err()
		}
	})
	next, timer := m.Update(keyPress("t"))
	m = next.(Model)
	var search tea.Cmd
	for range 10 { // the timer may come back early: it waits again
		due := runCmd(timer)
		next, cmd := m.Update(due[0])
		m = next.(Model)
		if _, ok := due[0].(searchDueMsg); ok && m.search.inflight {
			search = cmd
			break
		}
		timer = cmd
	}
	if search == nil {
		t.Fatal("the keystroke's search did not start")
	}
	answer := make(chan tea.Msg, 1)
	go func() { answer <- search() }()
	select {
	case <-entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the search did not reach its hook")
	}
	next, _ = m.Update(keyPress("e"))
	m = next.(Model)
	select {
	case err := <-ended:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("the first search ended with %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the newer key did not cancel the search running")
	}
	var msg tea.Msg
	select {
	case msg = <-answer:
	case <-time.After(10 * time.Second):
		t.Fatal("the cancelled search did not answer")
	}
	if done := msg.(searchDoneMsg); !done.cancelled {
		t.Fatalf("the cancelled search answered %d rows as if it had finished", len(done.res.Rows))
	}
	m = drive(t, m, msg)
	deadline := time.Now().Add(10 * time.Second)
	for m.list.Result().Query.Raw != "te" { // the due timer, as the program would send it
		if time.Now().After(deadline) {
			t.Fatalf("shown query %q, want \"te\"", m.list.Result().Query.Raw)
		}
		time.Sleep(typingPause)
		m = drive(t, m, searchDueMsg{})
	}
}

// Over SSH the filter line's query is held to the remote limits: at each
// it runs, one past it it answers nothing and says why.
func TestRemoteQueryLimits(t *testing.T) {
	c := sampleCorpus(t)
	terms := func(n int) string { return strings.TrimSpace(strings.Repeat("-zz ", n)) }
	tests := []struct {
		name, text string
		remote     bool
		cut        string
	}{
		{"at the length", strings.Repeat("y", model.RemoteQueryBytes), true, ""},
		{"past the length", strings.Repeat("y", model.RemoteQueryBytes+1), true, "the query is too long (1025 bytes; at most 1024 on this server)"},
		{"past the length, locally", strings.Repeat("y", model.RemoteQueryBytes+1), false, ""},
		{"at the terms", terms(model.RemoteQueryTerms), true, ""},
		{"past the terms", terms(model.RemoteQueryTerms + 1), true, "the query has too many terms (33; at most 32 on this server)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(Options{Corpus: c, Source: "samples", Remote: tt.remote})
			msg := runCmd(m.search.run(c, tt.text, model.SortNewest))[0].(searchDoneMsg)
			if msg.cut != tt.cut {
				t.Fatalf("cut %q, want %q", msg.cut, tt.cut)
			}
		})
	}
}

// Over SSH a filter query that runs past its budget answers nothing, and
// the footer says why rather than "searching…" for ever.
func TestRemoteQueryBudget(t *testing.T) {
	c := sampleCorpus(t)
	m := drive(t, New(Options{Corpus: c, Source: "samples", Remote: true}), tea.WindowSizeMsg{Width: 120, Height: 20}, keyPress("/"))
	c.SetSearchHook(func(ctx context.Context) { <-ctx.Done() })
	m.input.SetValue("tea")
	done := make(chan tea.Msg, 1)
	cmd := m.search.request(c, "tea", m.sort)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the search went on past its budget")
	}
	if got := msg.(searchDoneMsg).cut; !strings.Contains(got, "took longer than 2s") {
		t.Fatalf("cut %q", got)
	}
	next, _ := m.Update(msg)
	if got := plain(next.(Model)); !strings.Contains(got, "took longer than 2s") || strings.Contains(got, "searching…") {
		t.Errorf("the footer does not say why the query answered nothing:\n%s", got)
	}
}

// Over SSH the sidebar's counts are held to the remote budget too: a
// folder whose count runs past it shows none, rather than hold a core.
func TestRemoteCountBudget(t *testing.T) {
	c := sampleCorpus(t)
	m := drive(t, New(Options{Corpus: c, Source: "samples", Remote: true,
		Searches: []config.Search{{Name: "Tea", Query: "tea"}}}), tea.WindowSizeMsg{Width: 120, Height: 20})
	if len(m.side.tallies) == 0 {
		t.Fatal("no tallies before the hook")
	}
	c.SetSearchHook(func(ctx context.Context) { <-ctx.Done() })
	c.Apply(model.Change{Added: []*model.Article{{ID: "new.txt", Title: "Tea again"}}}) // the counts are due again
	done := make(chan tea.Msg, 1)
	cmd := m.recount()
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the count went on past its budget")
	}
	if !msg.(countedMsg).cut {
		t.Fatal("the count was not cut")
	}
	next, _ := m.Update(msg)
	if n := len(next.(Model).side.tallies); n != 0 {
		t.Errorf("%d tallies shown after a cut count", n)
	}
}
