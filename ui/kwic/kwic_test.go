package kwic

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/research"
)

func hits(n int) []research.Hit {
	out := make([]research.Hit, n)
	for i := range out {
		out[i] = research.Hit{ID: fmt.Sprint(i), Title: "t", Date: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			Left: "words before", Match: "hit", Right: "words after"}
	}
	return out
}

// TestLimit: lines past the limit are dropped, the run is asked to stop,
// and the header says so once.
func TestLimit(t *testing.T) {
	m := New(DefaultKeyMap(), DefaultStyles(true))
	m.SetSize(80, 10)
	m.SetLimit(10)
	if !m.Add(hits(10)) {
		t.Fatal("10 lines of 10 refused more")
	}
	if m.Cut() {
		t.Fatal("cut at the limit, not past it")
	}
	if m.Add(hits(3)) || m.Len() != 10 || !m.Cut() {
		t.Fatalf("past the limit: more %v, %d lines, cut %v", true, m.Len(), m.Cut())
	}
	m.Done(nil)
	if got := ansi.Strip(m.View()); strings.Count(got, "the first 10 lines (the rest not kept)") != 1 {
		t.Errorf("header:\n%s", got)
	}
}

// TestViewDrawsVisibleLinesOnly: a frame has the header and as many lines
// as fit, however many there are.
func TestViewDrawsVisibleLinesOnly(t *testing.T) {
	m := New(DefaultKeyMap(), DefaultStyles(true))
	m.SetSize(80, 10)
	m.Add(hits(100_000))
	if got := strings.Count(m.View(), "\n") + 1; got != 10 {
		t.Errorf("%d lines drawn, want 10", got)
	}
	for _, l := range strings.Split(m.View(), "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("wider than 80: %q", ansi.Strip(l))
		}
	}
}

// TestSortOffTheUIGoroutine: s answers at once with a Cmd that sorts; the
// header says so until the sorted lines come back, and an answer for the
// lines before a Reset is dropped.
func TestSortOffTheUIGoroutine(t *testing.T) {
	m := New(DefaultKeyMap(), DefaultStyles(true))
	m.SetSize(80, 10)
	m.Add(hits(50))
	m.Done(nil)
	m, cmd := m.Update(tea.KeyPressMsg{Code: 's', Text: "s"})
	if cmd == nil || !m.Sorting() || !strings.Contains(ansi.Strip(m.View()), "sort: left context (sorting…)") {
		t.Fatalf("s: cmd %v, sorting %v:\n%s", cmd != nil, m.Sorting(), ansi.Strip(m.View()))
	}
	sorted := cmd()
	stale := m
	stale.Reset("other") // and the same steps again: the same number of sorts
	stale.Add(hits(50))
	stale.Done(nil)
	stale, _ = stale.Update(tea.KeyPressMsg{Code: 's', Text: "s"})
	stale, _ = stale.Update(sorted)
	if stale.sorted != nil {
		t.Error("a sort of the lines before Reset was taken")
	}
	m, _ = m.Update(sorted)
	if m.Sorting() || len(m.sorted) != 50 {
		t.Errorf("after the sort: sorting %v, %d sorted lines", m.Sorting(), len(m.sorted))
	}
}
