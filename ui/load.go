package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// The shell watches the corpus on a timer rather than by messages from the
// loader, so the loader needs no knowledge of the interface: it polls the
// corpus's version, which moves with every change (a batch loaded, a file
// revalidated or changed on disk, the bodies indexed), and asks again.

const (
	loadTick = 100 * time.Millisecond // while loading or indexing
	idleTick = 250 * time.Millisecond // afterwards, for changes on disk
)

type loadState struct {
	frames   int    // ticks seen, for the spinner
	searched uint64 // corpus version the list's result answers
	indexed  bool   // the words index was asked for
	settled  bool   // the list has shown the loaded corpus: later changes are news
}

type loadTickMsg struct{}

func (l loadState) tick(every time.Duration) tea.Cmd {
	return tea.Tick(every, func(time.Time) tea.Msg { return loadTickMsg{} })
}

// onLoadTick refreshes the list whenever the corpus changed, keeping the
// cursor on its article, and keeps ticking.
func (m *Model) onLoadTick() tea.Cmd {
	done, _ := m.corpus.Loaded()
	m.load.frames++
	cmds := []tea.Cmd{m.recount()} // the folders follow the corpus
	m.followCopies()
	v := m.corpus.Version()
	if v != m.load.searched && !m.search.inflight {
		m.load.searched = v
		cmds = append(cmds, m.refilter())
	}
	caughtUp := done && !m.search.inflight && v == m.load.searched
	if caughtUp && !m.load.indexed {
		// Index the words now, in the background, so the first key typed
		// in the filter finds the work done.
		m.load.indexed = true
		c := m.corpus
		cmds = append(cmds, func() tea.Msg { c.BuildIndex(); return nil })
	}
	every := idleTick
	if !caughtUp || m.corpus.BodiesPending() {
		every = loadTick
	}
	return tea.Batch(append(cmds, m.load.tick(every))...)
}

const spinnerFrames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
