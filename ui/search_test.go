package ui

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
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
