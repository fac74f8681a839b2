package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// The shell watches the corpus fill on a timer rather than by messages from
// the loader, so the loader needs no knowledge of the interface.

const loadTick = 100 * time.Millisecond

type loadState struct {
	frames   int // ticks seen, for the spinner
	searched int // corpus size the list's result covers
}

type loadTickMsg struct{}

func (l loadState) tick() tea.Cmd {
	return tea.Tick(loadTick, func(time.Time) tea.Msg { return loadTickMsg{} })
}

// onLoadTick refreshes the list when the corpus has grown, and keeps
// ticking until loading is over.
func (m *Model) onLoadTick() tea.Cmd {
	done, _ := m.corpus.Loaded()
	m.load.frames++
	var cmds []tea.Cmd
	if n := m.corpus.Len(); n != m.load.searched && !m.search.inflight {
		m.load.searched = n
		cmds = append(cmds, m.refilter())
	}
	if done && !m.search.inflight && m.corpus.Len() == m.load.searched {
		// Loading is over: stop ticking. Index the words now, in the background, so the first key typed
		// in the filter finds the work done.
		c := m.corpus
		cmds = append(cmds, func() tea.Msg { c.BuildIndex(); return nil })
	} else {
		cmds = append(cmds, m.load.tick())
	}
	return tea.Batch(cmds...)
}

const spinnerFrames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
