package ui

import (
	"context"
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/research"
	"github.com/folio-reader/folio/ui/facets"
	"github.com/folio-reader/folio/ui/kwic"
	"github.com/folio-reader/folio/ui/palette"
	"github.com/folio-reader/folio/ui/terms"
	"github.com/folio-reader/folio/ui/trends"
)

// The research views study the list rather than read it: the concordance
// (K), the collocates and distinctive terms (T) and the trends (H), each
// over the list as it stands when the key is pressed. Their counting runs
// off the UI goroutine; a newer run cancels the one before.

// topTerms is how many words each list of the terms screen shows.
const topTerms = 50

// researchViews is the research screens and their runs.
type researchViews struct {
	kwic   kwic.Model
	terms  terms.Model
	trends trends.Model

	seq    int                // of the newest run: the answers of older ones are dropped
	cancel context.CancelFunc // ends the running concordance or count; nil when none
	// fromKwic: the reader was opened from the concordance, and its back
	// returns there.
	fromKwic bool
	// hit is the concordance line being opened: its article's number in
	// the list, -1 when none, and the lit stretch to open at
	// (research.Hit.Index; -1: a title's, the first page).
	hitN int32
	hitK int
}

func newResearchViews(k KeyMap, isDark bool) researchViews {
	p := palette.New(isDark)
	return researchViews{
		kwic:   kwic.New(k.Kwic, kwic.NewStyles(p)),
		terms:  terms.New(k.Terms, terms.NewStyles(p)),
		trends: trends.New(k.Trends, trends.NewStyles(p)),
		hitN:   -1,
	}
}

// setStyles builds the screens' styles for a background; without colour
// what colour alone marked gets an attribute.
func (r *researchViews) setStyles(isDark, noColor bool) {
	p := palette.New(isDark)
	ks := kwic.NewStyles(p)
	if noColor {
		ks = ks.WithoutColor()
	}
	r.kwic.SetStyles(ks)
	r.terms.SetStyles(terms.NewStyles(p))
	r.trends.SetStyles(trends.NewStyles(p))
}

func (r *researchViews) setSize(w, h int) {
	r.kwic.SetSize(w, h)
	r.terms.SetSize(w, h)
	r.trends.SetSize(w, h)
}

// start ends the run under way and begins a new one: its seq and context.
func (r *researchViews) start() (int, context.Context) {
	r.stop()
	r.seq++
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	return r.seq, ctx
}

func (r *researchViews) stop() {
	if r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
}

// onResearchListKey opens a research screen, or exports, from the list.
func (m *Model) onResearchListKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Concordance):
		return m.startConcordance(), true
	case key.Matches(msg, m.keys.TermsView):
		return m.startTerms(), true
	case key.Matches(msg, m.keys.TrendsView):
		m.research.trends.Open(m.trendChoices())
		m.state = stateTrends
		return nil, true
	case key.Matches(msg, m.keys.Export):
		return m.askExport(), true
	case key.Matches(msg, m.keys.ExportOff):
		m.notice = m.keys.ExportOff.Help().Desc
		return nil, true
	}
	return nil, false
}

// onResearchKey passes a key to the research screen in front; ? opens its
// help.
func (m Model) onResearchKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	typing := m.state == stateTrends && m.research.trends.Typing()
	if !typing && key.Matches(msg, m.keys.Help) {
		m.back, m.state = m.state, stateHelp
		return m, nil
	}
	var cmd tea.Cmd
	switch m.state {
	case stateKwic:
		m.research.kwic, cmd = m.research.kwic.Update(msg)
	case stateTerms:
		m.research.terms, cmd = m.research.terms.Update(msg)
	case stateTrends:
		m.research.trends, cmd = m.research.trends.Update(msg)
	}
	return m, cmd
}

// researchHelp is the help screen's groups for a research screen.
func (m Model) researchHelp(s state) ([][]key.Binding, bool) {
	switch s {
	case stateKwic:
		return m.keys.Kwic.FullHelp(), true
	case stateTerms:
		return m.keys.Terms.FullHelp(), true
	case stateTrends:
		return m.keys.Trends.FullHelp(), true
	}
	return nil, false
}

// researchScreen is a research screen's body and its footer: a notice
// (an article that could not be opened), else its keys.
func (m Model) researchScreen() (body, footer string) {
	var short []key.Binding
	switch m.state {
	case stateKwic:
		body, short = m.research.kwic.View(), m.keys.Kwic.ShortHelp()
	case stateTerms:
		body, short = m.research.terms.View(), m.keys.Terms.ShortHelp()
	default:
		body = m.research.trends.View()
		for _, b := range m.research.trends.KeyMap().ShortHelp() {
			if b.Enabled() {
				short = append(short, b)
			}
		}
	}
	if m.notice != "" {
		return body, m.theme.Notice.Render(" " + m.notice)
	}
	return body, " " + m.help.ShortHelpView(append(short, m.keys.Help))
}

// onResearchMsg handles what the research screens and their runs send; it
// reports false for any other message.
func (m Model) onResearchMsg(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case kwicBatchMsg:
		return m, m.onKwicBatch(msg), true
	case kwic.SortedMsg:
		var cmd tea.Cmd
		m.research.kwic, cmd = m.research.kwic.Update(msg)
		return m, cmd, true
	case kwic.OpenMsg:
		return m, m.openHit(msg.Hit), true
	case kwic.CloseMsg, terms.CloseMsg, trends.CloseMsg:
		m.research.stop()
		m.state = stateList
		return m, nil, true
	case termsMsg:
		if msg.seq == m.research.seq {
			m.research.stop()
			m.research.terms.Set(msg.t, msg.err)
		}
		return m, nil, true
	case terms.ChoseMsg:
		next, cmd := m.update(facets.ChoseMsg{Term: msg.Term})
		return next, cmd, true
	case trends.CountMsg:
		return m, m.countTrends(msg.Choices), true
	case trendsMsg:
		if msg.seq == m.research.seq {
			m.research.stop()
			m.research.trends.Set(msg.results, msg.names, msg.all)
		}
		return m, nil, true
	case exportedMsg:
		m.onExported(msg)
		return m, nil, true
	}
	return m, nil, false
}

// kwicBatchMsg is lines of the concordance run seq, and whether it ended.
type kwicBatchMsg struct {
	seq  int
	hits []research.Hit
	done bool
	err  error
	from <-chan kwicBatchMsg // where the next batch comes from
}

// kwicCoalesce is the most lines one message gathers from batches already
// waiting, so a fast run costs few frames.
const kwicCoalesce = 4096

// startConcordance shows the concordance screen at once and finds its
// lines in the background, a batch a message.
func (m *Model) startConcordance() tea.Cmd {
	res := m.list.Result()
	seq, ctx := m.research.start()
	m.research.kwic.Reset(res.Query.Raw)
	m.state = stateKwic
	c := m.corpus
	ch := make(chan kwicBatchMsg, 4)
	go func() {
		var err error
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("the concordance failed: %v", r)
			}
			select {
			case ch <- kwicBatchMsg{seq: seq, done: true, err: err}:
			case <-ctx.Done():
			}
			close(ch)
		}()
		err = research.Concordance(ctx, c, res, research.DefaultContext, func(hits []research.Hit) bool {
			select {
			case ch <- kwicBatchMsg{seq: seq, hits: hits}:
				return true
			case <-ctx.Done():
				return false
			}
		})
		if ctx.Err() != nil {
			err = nil // cancelled: nobody is waiting for why
		}
	}()
	return readKwic(ch)
}

// readKwic waits for the next batch and takes those already waiting.
func readKwic(ch <-chan kwicBatchMsg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		msg.hits = slices.Clip(msg.hits)
		for !msg.done && len(msg.hits) < kwicCoalesce {
			select {
			case more, ok := <-ch:
				if !ok {
					msg.from = ch
					return msg
				}
				msg.hits = append(msg.hits, more.hits...)
				msg.done, msg.err = more.done, more.err
				continue
			default:
			}
			break
		}
		msg.from = ch
		return msg
	}
}

func (m *Model) onKwicBatch(msg kwicBatchMsg) tea.Cmd {
	if msg.seq != m.research.seq {
		return nil // a run cancelled since
	}
	k := &m.research.kwic
	if more := k.Add(msg.hits); !more {
		m.research.stop()
		return k.Done(nil)
	}
	if msg.done {
		m.research.stop()
		return k.Done(msg.err)
	}
	return readKwic(msg.from)
}

// onFilterChanged restarts a concordance still being read when the list
// now answers another filter; the same filter over a corpus that grew
// keeps its run, or a folder still loading would never let one finish.
func (m *Model) onFilterChanged() tea.Cmd {
	k := m.research.kwic
	if m.state == stateKwic && !k.Finished() && m.list.Result().Query.Raw != k.Query() {
		return m.startConcordance()
	}
	return nil
}

// openHit opens the article of a concordance line in the reader, at its
// occurrence; the reader's back returns to the concordance.
func (m *Model) openHit(h research.Hit) tea.Cmd {
	res := m.list.Result()
	i := slices.IndexFunc(res.Rows, func(n int32) bool { return res.Article(n).ID == h.ID })
	if i < 0 {
		m.notice = "that article has left the list since"
		m.state = stateList
		return nil
	}
	m.list.Move(i - m.list.Cursor())
	m.research.hitN, m.research.hitK = res.Rows[i], h.Index
	return m.open(res.Rows[i])
}

// highlightOpened marks the filter's words in the article just opened,
// at the concordance's occurrence when it was opened from there.
func (m *Model) highlightOpened() tea.Cmd {
	q := m.list.Result().Query
	n, _ := m.list.Selected()
	if m.research.hitN >= 0 && n == m.research.hitN {
		m.research.hitN, m.research.fromKwic = -1, true
		return m.reader.HighlightAt(q, m.research.hitK)
	}
	return m.reader.Highlight(q)
}

// termsMsg carries what research.Analyse found for run seq.
type termsMsg struct {
	seq int
	t   research.Terms
	err error
}

func (m *Model) startTerms() tea.Cmd {
	res := m.list.Result()
	seq, ctx := m.research.start()
	m.research.terms.Reset()
	m.state = stateTerms
	c := m.corpus
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = termsMsg{seq: seq, err: fmt.Errorf("counting failed: %v", r)}
			}
		}()
		t, err := research.Analyse(ctx, c, res, topTerms)
		return termsMsg{seq: seq, t: t, err: err}
	}
}

// trendChoices are the queries the trends picker offers: the filter, then
// the sidebar's folders.
func (m *Model) trendChoices() []trends.Choice {
	out := []trends.Choice{{Name: "the filter", Query: m.input.Value()}}
	if m.input.Value() == "" {
		out[0].Name = "the whole list"
	}
	for _, f := range m.side.folders {
		if f.query == "" {
			continue // All: the whole corpus, which the rates divide by
		}
		out = append(out, trends.Choice{Name: f.name, Query: f.query})
	}
	return out
}

// trendsMsg carries the results of the queries the trends chart draws.
type trendsMsg struct {
	seq     int
	results []model.Result
	names   []string
	all     model.Result
}

func (m *Model) countTrends(cs []trends.Choice) tea.Cmd {
	seq, _ := m.research.start()
	c, labels := m.corpus, m.search.labels
	return func() tea.Msg {
		out := trendsMsg{seq: seq, all: c.Search(model.Query{}, model.SortNewest)}
		for _, ch := range cs {
			out.results = append(out.results, c.SearchLabels(model.ParseQuery(ch.Query), model.SortNewest, labels))
			name := ch.Query
			if name == "" || ch.Name != ch.Query {
				name = ch.Name + ": " + ch.Query
				if ch.Query == "" {
					name = ch.Name
				}
			}
			out.names = append(out.names, name)
		}
		return out
	}
}
