package reader

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// How an article is set over time: enough to fill the screen before Open
// returns, the rest in background pieces, each a tea.Cmd whose result names
// the build it belongs to, so pieces of an article (or a width) the reader
// has left are dropped.

// budget is how many source bytes are set at a time.
type budget struct {
	step    int // per synchronous round
	syncMin int // set at least this much at once: small articles open complete
	syncMax int // never more than this before returning to the event loop
	piece   int // per background piece
}

// Glamour sets ~1.2 MB/s here, folio's wrapper far more (BenchmarkWrap);
// both budgets keep a synchronous render under ~40 ms and a piece under ~30 ms.
func budgetFor(src *source) budget {
	if src.glamour {
		return budget{step: 4 << 10, syncMin: 12 << 10, syncMax: 48 << 10, piece: 32 << 10}
	}
	return budget{step: 64 << 10, syncMin: 256 << 10, syncMax: 1 << 20, piece: 2 << 20}
}

// resizeDebounce is how long the size must hold before the article is set
// again for it; meanwhile the old render is drawn, cut to fit.
const resizeDebounce = 80 * time.Millisecond

// pieceMsg is a piece set in the background for build seq.
type pieceMsg struct {
	key  docKey
	seq  int
	from cursor
	p    piece
}

// layoutMsg ends a resize debounce.
type layoutMsg struct{ seq int }

// scheduleLayout starts the debounce when the wanted layout differs from the
// one last rendered or scheduled. Each change restarts it; only the last
// tick acts.
func (m *Model) scheduleLayout() tea.Cmd {
	if m.article == nil {
		return nil
	}
	key := m.wantKey()
	if key == m.scheduled {
		return nil
	}
	m.scheduled = key
	m.layoutSeq++
	seq := m.layoutSeq
	return tea.Tick(resizeDebounce, func(time.Time) tea.Msg { return layoutMsg{seq} })
}

// relayout makes the shown article match the wanted layout now: from the
// cache, or set anew, keeping the paragraph at the top of the screen there.
func (m *Model) relayout() tea.Cmd {
	if m.article == nil {
		return nil
	}
	key := m.wantKey()
	m.scheduled = key
	switch {
	case m.building != nil && m.building.key == key:
		return nil
	case m.doc != nil && m.doc.key == key:
		// Back to what is drawn: abandon any other build.
		m.seq++
		m.building = nil
		return m.resume(m.doc)
	}
	m.seq++
	d, ok := m.cache.get(key)
	if !ok {
		d = newDoc(m.article, key, m.styles, m.isDark)
		m.cache.put(d)
	}
	m.building = d
	anchor := m.anchor(d)
	m.fill(d, anchor)
	var cmd tea.Cmd
	if m.reached(d, anchor) {
		cmd = m.show(d, anchor)
	}
	return tea.Batch(cmd, m.resume(d))
}

// resume continues setting d in the background, if it is not complete.
func (m *Model) resume(d *doc) tea.Cmd {
	if d.done {
		m.building = nil
		return nil
	}
	m.building = d
	seq, key, src, from, size := m.seq, d.key, d.src, d.next, budgetFor(d.src).piece
	return func() tea.Msg {
		return pieceMsg{key: key, seq: seq, from: from, p: setPiece(src, from, key.width, size)}
	}
}

// fill sets d synchronously until the anchor paragraph has a screen below
// it, within the budget.
func (m *Model) fill(d *doc, anchor int) {
	b := budgetFor(d.src)
	for spent := 0; !d.done && spent < b.syncMax; {
		if spent >= b.syncMin && m.reached(d, anchor) {
			return
		}
		p := setPiece(d.src, d.next, d.key.width, b.step)
		d.add(p)
		spent += p.spent
	}
	m.cache.trim()
}

// anchor is the unit at the top of the screen, in d's units: the same
// paragraph after a resize; the same place in proportion after raw mode
// is toggled. headerUnit means the top.
func (m *Model) anchor(d *doc) int {
	if m.doc == nil || len(m.doc.lines) == 0 {
		return headerUnit
	}
	u := int(m.doc.lines[min(m.top, len(m.doc.lines)-1)].unit)
	switch {
	case u < 0:
		return headerUnit
	case m.doc.key.raw == d.key.raw:
		return min(u, len(d.src.units))
	}
	return u * len(d.src.units) / max(len(m.doc.src.units), 1)
}

// reached reports that d can be shown at anchor: its lines reach a
// screen past the anchor's first line.
func (m *Model) reached(d *doc, anchor int) bool {
	if d.done {
		return true
	}
	return d.next.unit > anchor && len(d.lines) >= d.firstLine(anchor)+m.bodyHeight()
}

// show draws d from now on, scrolled to anchor.
func (m *Model) show(d *doc, anchor int) tea.Cmd {
	keep := m.currentPlace()
	m.doc = d
	m.top = 0
	if anchor >= 0 {
		m.top = d.firstLine(anchor)
	}
	if m.follow {
		m.top = m.maxTop()
	}
	m.clampTop()
	return m.rescan(keep)
}

// addPiece takes a background piece into the build it belongs to.
func (m *Model) addPiece(msg pieceMsg) tea.Cmd {
	d := m.building
	if d == nil || msg.seq != m.seq || msg.key != d.key || msg.from != d.next {
		return nil
	}
	d.add(msg.p)
	m.cache.trim()
	var cmd tea.Cmd
	if d == m.doc {
		if m.follow {
			m.top = m.maxTop()
		}
		m.follow = m.follow && !d.done
		m.catchUp()
	} else if anchor := m.anchor(d); m.reached(d, anchor) {
		cmd = m.show(d, anchor)
	}
	return tea.Batch(cmd, m.resume(d))
}

// rendering reports that the drawn article is not complete yet.
func (m Model) rendering() bool {
	return m.building != nil || (m.doc != nil && !m.doc.done)
}
