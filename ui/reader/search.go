package reader

import (
	"sort"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/model"
)

// Search inside the article: the prompt, the matches on the typeset lines,
// and the current one. Matches are found on each line's plain text, folded
// like the corpus index folds (case and accents ignored), and drawn by cell
// range over the styled line. A match cannot span a line break.

// syncScanLines: up to this many lines (a few MB of text) are searched on
// every keystroke; longer articles are searched in a tea.Cmd, while the
// visible lines are highlighted at once.
const syncScanLines = 40_000

// promptRoom is the footer space kept beside the prompt for the count.
const promptRoom = 14

// maxMatches bounds what a search holds: a one-letter search of a 20 MB
// article would otherwise keep millions. Past it the count says "+", and
// n stops at the last one kept; the screen still highlights every match.
const maxMatches = 1_000_000

// match is one occurrence: cells [start, end) of a line. Eight bytes, so
// maxMatches of them are 8 MB.
type match struct {
	line       int32
	start, end uint16
}

type search struct {
	input    textinput.Model
	open     bool   // the prompt is shown
	query    string // folded; "" when no search is active
	matches  []match
	cur      int    // the current match, -1 when none
	scanned  int    // lines [0, scanned) of the drawn doc are in matches
	scanning bool   // a background scan is under way
	capped   bool   // maxMatches were found: lines from scanned on are not in matches
	wrapped  string // said in the footer after n or N went round the end
	seq      int    // of the last scan: older results are dropped
	origin   int    // the top line when the prompt opened, restored on cancel
	keep     place

	// filter: the words come from the list's filter, not the prompt: they
	// are matched as the corpus matches them (whole words, prefixes,
	// phrases), and query is a marker for them.
	filter   model.Query
	filterOn bool
	// goTo is the filter word to make current once the lines that hold
	// it are searched (HighlightAt); -1 when none.
	goTo int
}

// filterMark starts the query of a search that holds the list's filter; no
// folded text starts with it.
const filterMark = "\x00filter "

// find appends to dst the cell ranges of the search's matches in plain.
func (s *search) find(f *folder, plain string, dst [][2]int) [][2]int {
	if !s.filterOn {
		return f.find(plain, s.query, dst)
	}
	return findQuery(s.filter, plain, dst)
}

// findQuery appends the cell ranges the query's words match in plain.
func findQuery(q model.Query, plain string, dst [][2]int) [][2]int {
	for _, sp := range q.BodyHighlights(plain) {
		start := ansi.StringWidth(plain[:sp.Start])
		dst = append(dst, [2]int{start, start + ansi.StringWidth(plain[sp.Start:sp.End])})
	}
	return dst
}

// Highlight marks the words of q, the list's filter, in the article shown:
// the count says how many there are, and n and N step through them. A
// search typed with / replaces them.
func (m *Model) Highlight(q model.Query) tea.Cmd {
	if !q.LooksInBodies() {
		return nil
	}
	m.search.clear()
	m.search.filter, m.search.filterOn = q, true
	m.search.query = filterMark + q.Raw
	return m.rescan(place{})
}

// HighlightAt marks the words of q as Highlight does and makes the k-th
// of them (counted as q.BodyHighlights counts them in the cleaned body)
// the current one, scrolled to, as if n had been pressed k+1 times.
func (m *Model) HighlightAt(q model.Query, k int) tea.Cmd {
	if !q.LooksInBodies() {
		return nil
	}
	m.search.clear()
	m.search.filter, m.search.filterOn = q, true
	m.search.query = filterMark + q.Raw
	m.search.goTo = k
	return m.rescan(place{})
}

// CurrentMatch is the index of the current match among the article's
// matches, or -1 when there is none.
func (m Model) CurrentMatch() int { return m.search.cur }

// place names a match independently of the layout: the k-th in a unit. The
// current match keeps its place when the article is set again for a new
// width.
type place struct {
	ok      bool
	raw     bool
	unit, k int
}

func newSearch() search {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "search"
	// ctrl+v would read the clipboard of the machine folio runs on, which
	// under SSH is not the reader's; terminal paste still arrives as PasteMsg.
	in.KeyMap.Paste.SetEnabled(false)
	return search{input: in, cur: -1, goTo: -1}
}

func (s *search) setStyles(st Styles, isDark bool) {
	is := textinput.DefaultStyles(isDark)
	is.Focused.Prompt = st.Prompt
	is.Blurred.Prompt = st.Prompt
	is.Cursor.Blink = false // a steady cursor: no timer, no repaint every half second
	s.input.SetStyles(is)
}

// clear drops the search and closes the prompt.
func (s *search) clear() {
	s.open = false
	s.input.Blur()
	s.input.Reset()
	s.query, s.matches, s.cur, s.scanned, s.scanning, s.capped, s.wrapped = "", nil, -1, 0, false, false, ""
	s.filter, s.filterOn, s.goTo = model.Query{}, false, -1
	s.seq++
}

// scanMsg carries the matches of a background scan.
type scanMsg struct {
	key     docKey
	seq     int
	query   string
	n       int // lines [0, n) were searched
	matches []match
	capped  bool
}

func (m *Model) openPrompt() tea.Cmd {
	m.search.open = true
	m.search.origin = m.top
	m.search.input.Reset()
	return m.search.input.Focus()
}

// setQuery searches for what the prompt holds now.
func (m *Model) setQuery(text string) tea.Cmd {
	q := model.Fold(text)
	if q == m.search.query {
		return nil
	}
	m.search.filter, m.search.filterOn = model.Query{}, false
	m.search.query = q
	return m.rescan(place{})
}

// rescan searches the drawn doc from scratch; the match at keep, if any,
// becomes the current one.
func (m *Model) rescan(keep place) tea.Cmd {
	s := &m.search
	s.matches, s.cur, s.scanned, s.scanning, s.capped, s.wrapped, s.keep = nil, -1, 0, false, false, "", keep
	s.seq++
	if s.query == "" || m.doc == nil {
		return nil
	}
	if len(m.doc.lines) <= syncScanLines {
		m.catchUp()
		return nil
	}
	s.scanning = true
	key, seq, q, lines := m.doc.key, s.seq, s.query, m.doc.lines
	scan := *s
	return func() tea.Msg {
		ms, n, capped := scanLines(nil, lines, 0, &scan)
		return scanMsg{key: key, seq: seq, query: q, n: n, matches: ms, capped: capped}
	}
}

func (m *Model) addScan(msg scanMsg) {
	s := &m.search
	if msg.seq != s.seq || m.doc == nil || msg.key != m.doc.key || msg.query != s.query {
		return
	}
	s.matches, s.scanned, s.scanning, s.capped = msg.matches, msg.n, false, msg.capped
	m.catchUp()
}

// catchUp searches the lines added since the last scan (pieces that
// arrived meanwhile) and picks a current match if there is none.
func (m *Model) catchUp() {
	s := &m.search
	if s.query == "" || s.scanning || m.doc == nil {
		return
	}
	if n := len(m.doc.lines); s.scanned < n && !s.capped {
		var k int
		s.matches, k, s.capped = scanLines(s.matches, m.doc.lines[s.scanned:n], s.scanned, s)
		s.scanned += k
	}
	if s.cur < 0 && s.keep.ok {
		s.cur = m.findPlace(s.keep)
	}
	if s.cur < 0 && s.goTo >= 0 && s.goTo < len(s.matches) {
		s.cur, s.goTo = s.goTo, -1
		m.reveal(s.cur)
	}
	// The filter's words are marked, not visited: n goes to the first.
	if s.cur < 0 && len(s.matches) > 0 && !s.filterOn {
		s.cur = m.firstMatchFrom(m.top)
		if s.open {
			m.reveal(s.cur) // incremental: show where the search would land
		}
	}
}

// currentPlace is where the current match is, to find it again after the
// article is set anew.
func (m *Model) currentPlace() place {
	s := &m.search
	if s.cur < 0 || m.doc == nil {
		return place{}
	}
	unit := m.doc.lines[int(s.matches[s.cur].line)].unit
	k := 0
	for i := s.cur - 1; i >= 0 && m.doc.lines[s.matches[i].line].unit == unit; i-- {
		k++
	}
	return place{ok: true, raw: m.doc.key.raw, unit: int(unit), k: k}
}

// findPlace is the match at p in the drawn doc, or -1.
func (m *Model) findPlace(p place) int {
	ms := m.search.matches
	if p.raw != m.doc.key.raw {
		return -1
	}
	first := m.doc.firstLine(p.unit)
	i := sort.Search(len(ms), func(i int) bool { return int(ms[i].line) >= first }) + p.k
	if i < len(ms) && int(m.doc.lines[ms[i].line].unit) == p.unit {
		return i
	}
	return -1
}

// firstMatchFrom is the first match on or after line, wrapping to the first.
func (m *Model) firstMatchFrom(line int) int {
	ms := m.search.matches
	i := sort.Search(len(ms), func(i int) bool { return int(ms[i].line) >= line })
	if i == len(ms) {
		return 0
	}
	return i
}

// step moves to the next (+1) or previous (-1) match, wrapping around and
// saying so, as vim does.
func (m *Model) step(delta int) {
	s := &m.search
	if len(s.matches) == 0 {
		return
	}
	if s.cur < 0 {
		s.cur = m.firstMatchFrom(m.top)
	} else {
		next := s.cur + delta
		switch {
		case next >= len(s.matches):
			next, s.wrapped = 0, "search hit BOTTOM, continuing at TOP"
		case next < 0:
			next, s.wrapped = len(s.matches)-1, "search hit TOP, continuing at BOTTOM"
		}
		s.cur = next
	}
	m.reveal(s.cur)
}

// reveal scrolls so match i is on screen, a third of the way down when the
// screen has to move.
func (m *Model) reveal(i int) {
	l := int(m.search.matches[i].line)
	h := m.bodyHeight()
	if l < m.top || l >= m.top+h {
		m.top = l - h/3
		m.follow = false
		m.clampTop()
	}
}

// scanLines appends to out the search's matches in lines, which start at line
// number first. The header card is not searched: its "698 words" and
// category labels are not the article's text. It stops before a line whose
// matches would pass maxMatches, and returns how many lines it searched
// and whether it stopped for that.
func scanLines(out []match, lines []line, first int, s *search) ([]match, int, bool) {
	var f folder
	var spans [][2]int
	for i := range lines {
		if lines[i].unit == headerUnit {
			continue
		}
		spans = s.find(&f, lines[i].plain, spans[:0])
		if len(out)+len(spans) > maxMatches {
			return out, i, true
		}
		if len(out)+len(spans) > cap(out) { // doubling, never past maxMatches
			grown := make([]match, len(out), min(max(2*cap(out), len(out)+len(spans), 1024), maxMatches))
			copy(grown, out)
			out = grown
		}
		for _, sp := range spans {
			out = append(out, match{line: int32(first + i), start: cell(sp[0]), end: cell(sp[1])})
		}
	}
	return out, len(lines), false
}

// cell narrows a cell offset to a match's field; lines are never near that
// wide (the measure is at most 240).
func cell(n int) uint16 { return uint16(min(n, 0xffff)) }

// lineRanges styles the matches of line i, the current one apart.
func (m Model) lineRanges(i int, plain string, f *folder) []lipgloss.Range {
	s := &m.search
	if s.query == "" || m.doc.lines[i].unit == headerUnit {
		return nil
	}
	var rs []lipgloss.Range
	if i >= s.scanned { // not searched yet: find them now, for this line only
		for _, sp := range s.find(f, plain, nil) {
			rs = append(rs, lipgloss.NewRange(sp[0], sp[1], m.styles.Match))
		}
		return rs
	}
	ms := s.matches
	for k := sort.Search(len(ms), func(k int) bool { return int(ms[k].line) >= i }); k < len(ms) && int(ms[k].line) == i; k++ {
		st := m.styles.Match
		if k == s.cur {
			st = m.styles.CurrentMatch
		}
		rs = append(rs, lipgloss.NewRange(int(ms[k].start), int(ms[k].end), st))
	}
	return rs
}
