package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
)

// searcher runs queries off the UI goroutine, one at a time: while one runs,
// newer requests collapse into a single pending one, so fast typing never
// queues work, and a result that does not answer the latest request is
// dropped, so an older answer never replaces a newer one.
type searcher struct {
	labels   model.Labels // the reading state, for is: and tag:
	seq      int          // the latest request
	inflight bool
	pending  bool

	typedSeq int       // the latest request made by a keystroke
	typedAt  time.Time // and when
	waiting  bool      // a searchDueMsg is on its way
}

// searchDoneMsg carries a result and the request it answers.
type searchDoneMsg struct {
	seq int
	res model.Result
}

// first is the query Init runs. Init cannot change the model, so it runs
// as request number 0, the number a new searcher starts at.
func (s searcher) first(c *model.Corpus, key model.SortKey) tea.Cmd {
	return func() tea.Msg { return searchDoneMsg{seq: 0, res: c.SearchLabels(model.Query{}, key, s.labels)} }
}

// searchDueMsg says that the keystrokes' request may be due.
type searchDueMsg struct{}

// typingPause is how long a search asked for by a keystroke waits for the
// next: keys that come together (typed while the folder opened, pasted,
// or sent in one packet over SSH) cost one search rather than one each,
// and the first of them no longer holds up the last. A person's keys are
// some 100 ms apart.
const typingPause = 8 * time.Millisecond

// typed asks for the text of the filter line after a keystroke: in
// typingPause, unless another keystroke asks again meanwhile. One timer
// serves a burst of keys: each would otherwise come back as a message of
// its own, and the program draws the window after every message.
func (s *searcher) typed() tea.Cmd {
	s.seq++
	s.typedSeq, s.typedAt = s.seq, time.Now()
	if s.waiting {
		return nil // the timer on its way waits for this key too
	}
	s.waiting = true
	return dueIn(typingPause)
}

func dueIn(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return searchDueMsg{} })
}

// due runs the keystrokes' request, in the order key, once typingPause
// has passed since the last of them with nothing asked after it.
func (s *searcher) due(c *model.Corpus, text string, key model.SortKey) tea.Cmd {
	s.waiting = false
	if s.typedSeq != s.seq {
		return nil // a later request (not a key) has asked already
	}
	if wait := typingPause - time.Since(s.typedAt); wait > 0 {
		s.waiting = true
		return dueIn(wait)
	}
	return s.start(c, text, key)
}

// request asks for text in the order key.
func (s *searcher) request(c *model.Corpus, text string, key model.SortKey) tea.Cmd {
	s.seq++
	return s.start(c, text, key)
}

// start runs the latest request, or leaves it pending while one runs.
func (s *searcher) start(c *model.Corpus, text string, key model.SortKey) tea.Cmd {
	if s.inflight {
		s.pending = true
		return nil
	}
	return s.run(c, text, key)
}

func (s *searcher) run(c *model.Corpus, text string, key model.SortKey) tea.Cmd {
	s.inflight = true
	seq, q := s.seq, model.ParseQuery(text)
	return func() tea.Msg { return searchDoneMsg{seq: seq, res: c.SearchLabels(q, key, s.labels)} }
}

// done takes a result: it reports whether the result is current, and
// returns the command for the pending request, if any.
func (s *searcher) done(msg searchDoneMsg, c *model.Corpus, text string, key model.SortKey) (current bool, next tea.Cmd) {
	s.inflight = false
	if s.pending {
		s.pending = false
		return false, s.run(c, text, key)
	}
	return msg.seq == s.seq, nil
}

// refilter asks for the filter line's query in the current order. A query
// that gains words to rank by is shown best first, unless another order
// than date was chosen; date order comes back when the words go.
func (m *Model) refilter() tea.Cmd {
	m.reorder()
	return m.search.request(m.corpus, m.input.Value(), m.sort)
}

// retyped is refilter after the filter line was typed into (see typed).
func (m *Model) retyped() tea.Cmd {
	m.reorder()
	return m.search.typed()
}

// reorder picks the order for the filter line's query: see refilter.
func (m *Model) reorder() {
	ranks := model.ParseQuery(m.input.Value()).Ranks()
	switch {
	case ranks && !m.ranked && m.sort == model.SortNewest:
		m.sort = model.SortRelevance
	case !ranks && m.ranked && m.sort == model.SortRelevance:
		m.sort = model.SortNewest
	}
	m.ranked = ranks
}

// nextSort is the order s moves to: relevance only while there are words
// to rank by (without them it is date order under another name).
func (m *Model) nextSort() model.SortKey {
	k := m.sort.Next()
	if k == model.SortRelevance && !m.ranked {
		k = k.Next()
	}
	return k
}

func (m *Model) onSearchDone(msg searchDoneMsg) tea.Cmd {
	current, next := m.search.done(msg, m.corpus, m.input.Value(), m.sort)
	if !current {
		return next
	}
	msg.res = m.shape(msg.res)
	// The same query over a grown corpus, or in another order, keeps the
	// cursor on its article; a new query starts at the top.
	old := m.list.Result()
	keep := msg.res.Query.Raw == old.Query.Raw
	switch loaded, _ := m.corpus.Loaded(); {
	case keep && msg.res.Sort == old.Sort && loaded && m.load.settled:
		// The corpus changed under the same list: a live update.
		m.follow(msg.res)
	default:
		m.list.SetResult(msg.res, keep)
	}
	if loaded, _ := m.corpus.Loaded(); loaded && msg.res.Version >= m.corpus.Version() && !m.corpus.BodiesPending() {
		m.load.settled = true // what changes from now on is news
	}
	m.checkOpen()
	m.load.searched = msg.res.Version
	return next
}
