package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// The shell watches the corpus fill on a timer rather than by messages from
// the loader, so the loader needs no knowledge of the interface.

const loadTick = 100 * time.Millisecond

type loadState struct {
	frames   int  // ticks seen, for the spinner
	searched int  // corpus size the list's result covers
	indexed  bool // the words index was asked for
}

type loadTickMsg struct{}

func (l loadState) tick() tea.Cmd {
	return tea.Tick(loadTick, func(time.Time) tea.Msg { return loadTickMsg{} })
}

// onLoadTick refreshes the list when the corpus has grown, and again when
// its bodies become searchable, and keeps ticking until both are over.
func (m *Model) onLoadTick() tea.Cmd {
	done, _ := m.corpus.Loaded()
	m.load.frames++
	var cmds []tea.Cmd
	if n := m.corpus.Len(); n != m.load.searched && !m.search.inflight {
		m.load.searched = n
		cmds = append(cmds, m.refilter())
	}
	caughtUp := done && !m.search.inflight && m.corpus.Len() == m.load.searched
	if caughtUp && !m.load.indexed {
		// Index the words now, in the background, so the first key typed
		// in the filter finds the work done.
		m.load.indexed = true
		c := m.corpus
		cmds = append(cmds, func() tea.Msg { c.BuildIndex(); return nil })
	}
	switch {
	case !caughtUp || m.corpus.BodiesPending():
		cmds = append(cmds, m.load.tick())
	case m.list.Result().NoBodies && m.corpus.BodiesReady():
		// The bodies have just become searchable: ask again.
		cmds = append(cmds, m.refilter(), m.load.tick())
	}
	return tea.Batch(cmds...)
}

const spinnerFrames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
