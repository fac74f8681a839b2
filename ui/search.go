package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
)

// searcher runs queries off the UI goroutine, one at a time: while one runs,
// newer requests collapse into a single pending one, so fast typing never
// queues work, and a result that does not answer the latest request is
// dropped, so an older answer never replaces a newer one. A newer request
// cancels the search running, which then answers at once, with nothing.
type searcher struct {
	labels   model.Labels // the reading state, for is: and tag:
	remote   bool         // over SSH: a query is held to model's Remote limits
	seq      int          // the latest request
	inflight bool
	cancel   context.CancelFunc // ends the search in flight
	pending  bool

	typedSeq int       // the latest request made by a keystroke
	typedAt  time.Time // and when
	waiting  bool      // a searchDueMsg is on its way

	suggest string // the shown result's suggestion (searchDoneMsg.suggest)
}

// searchDoneMsg carries a result and the request it answers; a search
// that a newer request cancelled carries no result.
type searchDoneMsg struct {
	seq       int
	res       model.Result
	cancelled bool
	cut       string // why a remote limit stopped the query; res then has no rows
	suggest   string // for a query that found nothing: the corpus's nearest words to those it lacks
}

// first is the query Init runs. Init cannot change the model, so it runs
// as request number 0, the number a new searcher starts at.
func (s searcher) first(c Corpus, key model.SortKey) tea.Cmd {
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
	s.supersede()
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
func (s *searcher) due(c Corpus, text string, key model.SortKey) tea.Cmd {
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
func (s *searcher) request(c Corpus, text string, key model.SortKey) tea.Cmd {
	s.seq++
	return s.start(c, text, key)
}

// start runs the latest request, or leaves it pending while one runs.
func (s *searcher) start(c Corpus, text string, key model.SortKey) tea.Cmd {
	if s.inflight {
		s.pending = true
		s.supersede()
		return nil
	}
	return s.run(c, text, key)
}

// supersede cancels the search in flight: a newer request was made.
func (s *searcher) supersede() {
	if s.inflight && s.cancel != nil {
		s.cancel()
	}
}

func (s *searcher) run(c Corpus, text string, key model.SortKey) tea.Cmd {
	s.inflight = true
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	seq, labels, remote := s.seq, s.labels, s.remote
	return func() tea.Msg {
		defer cancel()
		// An answer with no rows, for the query and order asked, says
		// why in the footer and ends the "searching…".
		cut := func(q model.Query, why string) tea.Msg {
			res := model.Result{Query: q, Sort: key, Total: c.Len(), Version: c.Version()}
			return searchDoneMsg{seq: seq, res: res, cut: why}
		}
		if remote && len(text) > model.RemoteQueryBytes {
			return cut(model.Query{Raw: text}, fmt.Sprintf("the query is too long (%d bytes; at most %d on this server)", len(text), model.RemoteQueryBytes))
		}
		q := model.ParseQuery(text)
		if remote && len(q.Terms) > model.RemoteQueryTerms {
			return cut(q, fmt.Sprintf("the query has too many terms (%d; at most %d on this server)", len(q.Terms), model.RemoteQueryTerms))
		}
		sctx := ctx
		if remote {
			var stop context.CancelFunc
			sctx, stop = context.WithTimeout(ctx, model.RemoteQueryBudget)
			defer stop()
		}
		res, err := c.SearchContext(sctx, q, key, labels)
		if err != nil && ctx.Err() == nil {
			return cut(q, fmt.Sprintf("the query took longer than %s, the limit on this server: ask with fewer or rarer words", model.RemoteQueryBudget))
		}
		done := searchDoneMsg{seq: seq, res: res, cancelled: err != nil}
		if err == nil && len(res.Rows) == 0 && !q.Empty() {
			done.suggest = suggestion(c, q)
		}
		return done
	}
}

// suggestion names, for each word of q the corpus lacks, its nearest
// words in the corpus: "kazakstan: kazakhstan".
func suggestion(c Corpus, q model.Query) string {
	var parts []string
	for _, w := range c.Missing(q) {
		if near := c.Suggest(w, 3); len(near) > 0 {
			parts = append(parts, w+"? "+strings.Join(near, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// done takes a result: it reports whether the result is current, and
// returns the command for the pending request, if any.
func (s *searcher) done(msg searchDoneMsg, c Corpus, text string, key model.SortKey) (current bool, next tea.Cmd) {
	s.inflight = false
	if s.pending {
		s.pending = false
		return false, s.run(c, text, key)
	}
	return msg.seq == s.seq && !msg.cancelled, nil
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
	if msg.cut != "" {
		m.notice = msg.cut
	}
	m.search.suggest = msg.suggest
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
	m.fitList()
	if loaded, _ := m.corpus.Loaded(); loaded && msg.res.Version >= m.corpus.Version() && !m.corpus.BodiesPending() {
		m.load.settled = true // what changes from now on is news
	}
	m.checkOpen()
	m.load.searched = msg.res.Version
	return next
}
