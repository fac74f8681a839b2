// Package list is the article list: a virtualized table of date, category,
// title and author over a query result, where only the visible rows are ever
// built, so a frame costs the same at a thousand articles and at a million.
package list

import (
	"path"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
)

// Model is the list's state: a result to show and a cursor in it.
type Model struct {
	res    model.Result
	middle map[int32]string // in a frame: titles cut in the middle, so two rows do not read alike
	cursor int              // index into res.Rows
	offset int              // first visible row
	width  int
	height int // rows, the column header included
	keys   KeyMap
	styles Styles
	marks  func(id string) (read, starred bool) // nil: no reading state
	widths ansi.Method                          // how the terminal counts a text's cells
	plain  paints                               // cached sequences of the styles
	sel    paints
	picked map[string]bool   // rows selected with Pick, by article ID
	copies func(n int32) int // a collapsed row's other copies; nil: none shown
}

// New returns an empty list; SetResult gives it rows.
func New(keys KeyMap, styles Styles) Model {
	m := Model{keys: keys}
	m.SetStyles(styles)
	return m
}

// SetWidthMethod says how the terminal counts cells: ansi.WcWidth, a
// code point at a time (the zero value, and Bubble Tea's renderer until
// the terminal says otherwise), or ansi.GraphemeWidth, a grapheme cluster
// at a time (a terminal that reports mode 2027). A family emoji is 8 cells
// one way and 2 the other, and the columns after it line up only if the
// list counts as the terminal does.
func (m *Model) SetWidthMethod(w ansi.Method) { m.widths = w }

// SetStyles changes the looks, when the theme changes.
func (m *Model) SetStyles(s Styles) {
	m.styles = s
	m.plain, m.sel = s.paints(false), s.paints(true)
}

// SetMarks gives the list the reading state: unread rows are drawn bold,
// starred ones with a star in the margin.
func (m *Model) SetMarks(marks func(id string) (read, starred bool)) { m.marks = marks }

// SetSize sets the area the list draws in, its header line included.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clamp()
}

// SetCopies says how many other copies each row stands for, when the
// result is collapsed: rows with any show "+N" in a column of their own.
// nil shows none.
func (m *Model) SetCopies(others func(n int32) int) { m.copies = others }

// copiesText is a row's mark: "+2" for a row that stands for two more.
func (m Model) copiesText(n int32) string {
	if m.copies == nil {
		return ""
	}
	if k := m.copies(n); k > 0 {
		return "+" + format.Count(k)
	}
	return ""
}

// KeyMap returns the list's bindings as they stand, for help: with no row
// to show there is nothing to open.
func (m Model) KeyMap() KeyMap {
	k := m.keys
	k.Open.SetEnabled(len(m.res.Rows) > 0)
	k.NextUnread.SetEnabled(len(m.res.Rows) > 0 && m.marks != nil)
	k.Pick.SetEnabled(len(m.res.Rows) > 0)
	return k
}

// Pick selects the cursor's row, or drops it from the selection, and
// moves down, as mutt's tag does.
func (m *Model) Pick() {
	n, ok := m.Selected()
	if !ok {
		return
	}
	id := m.res.Article(n).ID
	if m.picked == nil {
		m.picked = map[string]bool{}
	}
	if m.picked[id] {
		delete(m.picked, id)
	} else {
		m.picked[id] = true
	}
	m.Move(1)
}

// Picked is the selected rows still in the list, in its order.
func (m Model) Picked() []int32 {
	if len(m.picked) == 0 {
		return nil
	}
	var out []int32
	for _, n := range m.res.Rows {
		if m.picked[m.res.Article(n).ID] {
			out = append(out, n)
			if len(out) == len(m.picked) {
				break
			}
		}
	}
	return out
}

// PickedCount is the number of rows selected, without looking for them
// in the list (a frame must not cost a scan of a million rows).
func (m Model) PickedCount() int { return len(m.picked) }

// Unpick empties the selection.
func (m *Model) Unpick() { m.picked = nil }

// NextUnread moves the cursor to the first unread row below it and
// reports whether there was one; the cursor stays otherwise.
func (m *Model) NextUnread() bool {
	if m.marks == nil {
		return false
	}
	for i := m.cursor + 1; i < len(m.res.Rows); i++ {
		if read, _ := m.marks(m.res.Article(m.res.Rows[i]).ID); !read {
			m.cursor = i
			m.clamp()
			return true
		}
	}
	return false
}

// NoUnreadMsg says NextUnread found no unread row below the cursor.
type NoUnreadMsg struct{}

// Result is what the list shows.
func (m Model) Result() model.Result { return m.res }

// SetResult shows a new result. With keep set the cursor stays on the
// same article when it is still there (the corpus grew), unless it was on
// the first row: a list watched from the top while it loads stays at the
// top. Otherwise the cursor goes back to the top (the query changed).
func (m *Model) SetResult(res model.Result, keep bool) {
	sel, had := m.Selected()
	had = had && m.cursor > 0
	screenRow := m.cursor - m.offset
	var id string
	if had {
		id = m.res.Article(sel).ID
	}
	m.res = res
	m.cursor, m.offset = 0, 0
	if !keep {
		m.picked = nil // another query: another list
	}
	if keep && had {
		// By ID: a changed article has a new number, and a compacted
		// corpus numbers every article afresh.
		if i := indexOfID(res, id); i >= 0 {
			m.cursor, m.offset = i, i-screenRow
		}
	}
	m.clamp()
}

// Follow shows the same query's result over a corpus that changed on disk
// without moving anything under the reader: the cursor stays on its
// article and on its screen row (the window scrolls by as many rows as
// arrived or went above it), and when its article went the cursor stays on
// the row it was on. A window on the first row stays there, so new articles
// show at the top of a list watched from its top; otherwise only the ends
// of the list can make the cursor's row move.
func (m *Model) Follow(res model.Result) {
	sel, had := m.Selected()
	var id string
	if had {
		id = m.res.Article(sel).ID
	}
	screenRow := m.cursor - m.offset
	m.res = res
	if had {
		if i := indexOfID(res, id); i >= 0 {
			m.cursor = i
		}
	}
	if m.offset > 0 {
		m.offset = m.cursor - screenRow
	}
	m.clamp()
}

func indexOfID(res model.Result, id string) int {
	for i, n := range res.Rows {
		if res.Article(n).ID == id {
			return i
		}
	}
	return -1
}

// Selected returns the article number under the cursor.
func (m Model) Selected() (int32, bool) {
	if m.cursor < 0 || m.cursor >= len(m.res.Rows) {
		return 0, false
	}
	return m.res.Rows[m.cursor], true
}

// Move moves the cursor by delta rows and reports whether it moved.
func (m *Model) Move(delta int) bool {
	before := m.cursor
	m.cursor += delta
	m.clamp()
	return m.cursor != before
}

// Position returns the first and last visible rows, counting from 1, and
// the number of rows.
func (m Model) Position() (first, last, total int) {
	total = len(m.res.Rows)
	if total == 0 {
		return 0, 0, 0
	}
	return m.offset + 1, min(total, m.offset+m.visible()), total
}

// PositionText says where the list is: "1,234–1,262 of 98,765".
func (m Model) PositionText() string {
	first, last, total := m.Position()
	if total == 0 {
		return "0 of 0"
	}
	return format.Count(first) + "–" + format.Count(last) + " of " + format.Count(total)
}

func (m Model) visible() int { return max(1, m.height-1) }

// clamp keeps the cursor in the rows and on screen.
func (m *Model) clamp() {
	n := len(m.res.Rows)
	m.cursor = max(0, min(m.cursor, n-1))
	vis := m.visible()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+vis {
		m.offset = m.cursor - vis + 1
	}
	m.offset = max(0, min(m.offset, n-vis))
}

// OpenMsg asks the shell to open the selected article.
type OpenMsg struct{ Article int32 }

// Update moves the cursor on keys and the mouse.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		page := m.visible()
		switch {
		case key.Matches(msg, m.keys.Up):
			m.Move(-1)
		case key.Matches(msg, m.keys.Down):
			m.Move(1)
		case key.Matches(msg, m.keys.PageUp):
			m.Move(-page)
		case key.Matches(msg, m.keys.PageDown):
			m.Move(page)
		case key.Matches(msg, m.keys.Home):
			m.Move(-len(m.res.Rows))
		case key.Matches(msg, m.keys.End):
			m.Move(len(m.res.Rows))
		case key.Matches(msg, m.keys.Open):
			return m, m.openCmd()
		case key.Matches(msg, m.KeyMap().Pick):
			m.Pick()
		case key.Matches(msg, m.KeyMap().NextUnread):
			if !m.NextUnread() {
				return m, func() tea.Msg { return NoUnreadMsg{} }
			}
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.scroll(-3)
		case tea.MouseWheelDown:
			m.scroll(3)
		}
	}
	return m, nil
}

func (m Model) openCmd() tea.Cmd {
	n, ok := m.Selected()
	if !ok {
		return nil
	}
	return func() tea.Msg { return OpenMsg{Article: n} }
}

// scroll moves the window, dragging the cursor along when it would leave it.
func (m *Model) scroll(delta int) {
	vis := m.visible()
	m.offset = max(0, min(m.offset+delta, len(m.res.Rows)-vis))
	m.cursor = max(m.offset, min(m.cursor, m.offset+vis-1))
	m.clamp()
}

// Click selects the row at line y of the list's area (0 is the header); a
// click on the selected row opens it.
func (m *Model) Click(y int) tea.Cmd {
	if y < 1 {
		return nil
	}
	i := m.offset + y - 1
	if i >= len(m.res.Rows) {
		return nil
	}
	if i == m.cursor {
		return m.openCmd()
	}
	m.cursor = i
	m.clamp()
	return nil
}

// columns are the widths of date, category, title and author for a width;
// zero hides a column.
type columns struct{ date, copies, category, title, author int }

const gap = 2

// wants are the widest category, title and author of the rows on screen.
type wants struct{ copies, category, title, author int }

// measure finds what the visible rows' cells want.
func (m Model) measure() wants {
	var w wants
	for i := m.offset; i < min(len(m.res.Rows), m.offset+m.visible()); i++ {
		a := m.res.Article(m.res.Rows[i])
		w.copies = max(w.copies, len(m.copiesText(m.res.Rows[i])))
		cat := m.widths.StringWidth(a.Category1)
		if a.Category2 != "" {
			cat += 1 + m.widths.StringWidth(a.Category2)
		}
		w.category = max(w.category, cat)
		w.title = max(w.title, m.widths.StringWidth(a.Title))
		w.author = max(w.author, m.widths.StringWidth(a.Author))
	}
	return w
}

// categoriesWithin is the widest visible category cell when the column
// is limit wide: both names where they fit, else the first.
func (m Model) categoriesWithin(limit int) int {
	widest := 0
	for i := m.offset; i < min(len(m.res.Rows), m.offset+m.visible()); i++ {
		a := m.res.Article(m.res.Rows[i])
		widest = max(widest, m.widths.StringWidth(m.categoryText(a, limit)))
	}
	return widest
}

// categoryText is "CAT1/CAT2" when it fits width, else CAT1 alone (cut
// with an ellipsis when even that is too wide: then both, to show there is
// more).
func (m Model) categoryText(a *model.Article, width int) string {
	if a.Category2 == "" {
		return a.Category1
	}
	both := a.Category1 + "/" + a.Category2
	if m.widths.StringWidth(both) <= width || m.widths.StringWidth(a.Category1) >= width {
		return both
	}
	return a.Category1
}

// layout fits the columns to their content on screen: the category and
// the author take what their widest visible cell needs, within a share of
// the line (a seventh and a sixth, never less than their heading), and the
// title takes what is left, so a narrow window gives it the room rather
// than the byline; what the visible titles leave unused goes to bylines
// and categories that were cut, so a wide one shows them whole.
func layout(w int, want wants) columns {
	w -= 1 // a margin on the left
	var c columns
	if w >= 30 {
		c.date = 10
	}
	if w >= 72 {
		c.category = fit(want.category, len("CATEGORY"), w/7)
	}
	if w >= 50 {
		c.author = fit(want.author, len("AUTHOR"), w/6)
	}
	c.copies = want.copies
	used := 0
	for _, n := range []int{c.date, c.copies, c.category, c.author} {
		if n > 0 {
			used += n + gap
		}
	}
	c.title = max(1, w-used)
	// Room the titles on screen do not need goes to the cells still cut.
	for _, col := range []struct {
		have *int
		want int
	}{{&c.author, want.author}, {&c.category, want.category}} {
		if slack := c.title - max(want.title, len("TITLE")); slack > 0 && *col.have > 0 && *col.have < col.want {
			grow := min(slack, col.want-*col.have)
			*col.have += grow
			c.title -= grow
		}
	}
	return c
}

// fit is a column's width: what its widest cell wants, at least its
// heading (a column with nothing to show keeps it), at most room.
func fit(want, heading, room int) int {
	return max(heading, min(max(want, 1), room))
}

// View draws the header and the visible rows, exactly width × height.
func (m Model) View() string {
	if m.height <= 0 || m.width <= 0 {
		return ""
	}
	var b strings.Builder
	want := m.measure()
	cols := layout(m.width, want)
	if want.category > cols.category && cols.category > 0 {
		// Categories that do not fit whole show the first alone: the
		// column needs only what those take.
		want.category = m.categoriesWithin(cols.category)
		cols = layout(m.width, want)
	}
	m.header(&b, cols)
	m.middle = m.middleCuts(cols.title)
	for i := m.offset; i < m.offset+m.height-1; i++ {
		b.WriteByte('\n')
		if i < len(m.res.Rows) {
			m.row(&b, cols, m.res.Rows[i], i == m.cursor)
		} else {
			b.WriteString(strings.Repeat(" ", m.width))
		}
	}
	if m.width < 10 { // too narrow for the columns: cut what was drawn
		lines := strings.Split(b.String(), "\n")
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, m.width, "")
		}
		return strings.Join(lines, "\n")
	}
	return b.String()
}

func (m Model) header(b *strings.Builder, c columns) {
	p := m.plain.header
	b.WriteString(p.open + " ")
	if c.date > 0 {
		b.WriteString(pad("DATE", c.date) + "  ")
	}
	if c.copies > 0 {
		b.WriteString(strings.Repeat(" ", c.copies) + "  ")
	}
	if c.category > 0 {
		b.WriteString(pad("CATEGORY", c.category) + "  ")
	}
	b.WriteString(pad("TITLE", c.title))
	if c.author > 0 {
		b.WriteString("  " + pad("AUTHOR", c.author))
	}
	b.WriteString(p.close)
}

func (m Model) row(b *strings.Builder, c columns, n int32, selected bool) {
	a := m.res.Article(n)
	p := m.plain
	if selected {
		p = m.sel
	}
	q := m.res.Query
	title := p.title
	read, starred := true, false
	if m.marks != nil {
		read, starred = m.marks(a.ID)
	}
	if !read {
		title = p.unread
	}
	// The margin carries the selection, else the star: a row's look must
	// not depend on colour.
	if m.picked[a.ID] {
		b.WriteString(p.star.open + "•" + p.star.close)
	} else if starred {
		b.WriteString(p.star.open + "★" + p.star.close)
	} else {
		b.WriteString(p.title.open + " " + p.title.close)
	}
	if c.date > 0 {
		m.cell(b, a.Date(), "", c.date, p.date, p, nil)
		b.WriteString(p.title.open + "  " + p.title.close)
	}
	if c.copies > 0 {
		mark := m.copiesText(n)
		b.WriteString(p.date.open + strings.Repeat(" ", c.copies-len(mark)) + mark + p.date.close)
		b.WriteString(p.title.open + "  " + p.title.close)
	}
	if c.category > 0 {
		cats := m.categoryText(a, c.category)
		m.cell(b, cats, "-", c.category, p.category, p, categorySpans(q, a, cats))
		b.WriteString(p.title.open + "  " + p.title.close)
	}
	if a.Title == "" {
		m.cell(b, "", "(untitled) "+safe.Text(path.Base(a.ID)), c.title, title, p, nil)
	} else {
		if cut, ok := m.middle[n]; ok {
			m.cell(b, cut, "", c.title, title, p, nil)
		} else {
			m.cell(b, a.Title, "", c.title, title, p, q.Highlights(a.Title, model.ScopeTitle))
		}
	}
	if c.author > 0 {
		b.WriteString(p.title.open + "  " + p.title.close)
		m.cell(b, a.Author, "-", c.author, p.author, p, q.Highlights(a.Author, model.ScopeAuthor))
	}
}

// categorySpans highlights matches in "CAT1/CAT2", each half on its own.
func categorySpans(q model.Query, a *model.Article, joined string) []model.Span {
	spans := q.Highlights(a.Category1, model.ScopeCategory)
	if a.Category2 != "" {
		off := len(joined) - len(a.Category2)
		for _, s := range q.Highlights(a.Category2, model.ScopeCategory) {
			spans = append(spans, model.Span{Start: s.Start + off, End: s.End + off})
		}
	}
	return spans
}

// middleCuts finds the visible rows whose titles, cut to width, would
// read the same as another's that is not the same title, and cuts those
// in the middle instead, keeping the end that tells them apart.
func (m Model) middleCuts(width int) map[int32]string {
	if width < 12 {
		return nil
	}
	byCut := map[string][]int32{}
	end := min(m.offset+m.height-1, len(m.res.Rows))
	for i := m.offset; i < end; i++ {
		n := m.res.Rows[i]
		t := m.res.Article(n).Title
		if m.widths.StringWidth(t) <= width {
			continue
		}
		cut := m.widths.Truncate(t, width, "…")
		byCut[cut] = append(byCut[cut], n)
	}
	var out map[int32]string
	for _, ns := range byCut {
		if len(ns) < 2 {
			continue
		}
		same := true
		for _, n := range ns[1:] {
			same = same && m.res.Article(n).Title == m.res.Article(ns[0]).Title
		}
		if same {
			continue // one title printed twice: cutting it otherwise tells nothing
		}
		if out == nil {
			out = map[int32]string{}
		}
		for _, n := range ns {
			out[n] = m.cutMiddle(m.res.Article(n).Title, width)
		}
	}
	return out
}

// cutMiddle fits s in width cells as its start, "…" and its end.
func (m Model) cutMiddle(s string, width int) string {
	head := (width - 1) * 2 / 3
	r := []rune(s)
	tail := ""
	for i := len(r) - 1; i >= 0; i-- {
		next := string(r[i]) + tail
		if m.widths.StringWidth(next) > width-1-head {
			break
		}
		tail = next
	}
	return m.widths.Truncate(s, head, "") + "…" + tail
}

// cell writes text cut to width cells with an ellipsis, padded, painted
// with p and its matched spans with the highlight.
func (m Model) cell(b *strings.Builder, text, missing string, width int, paint paint, ps paints, spans []model.Span) {
	if text == "" {
		text, paint, spans = missing, ps.missing, nil
	}
	text = m.widths.Truncate(text, width, "…")
	cut := len(strings.TrimSuffix(text, "…"))
	b.WriteString(paint.open)
	at := 0
	for _, s := range spans {
		start, end := min(s.Start, cut), min(s.End, cut)
		if start >= end || start < at {
			continue
		}
		b.WriteString(text[at:start])
		b.WriteString(paint.close + ps.hl.open + text[start:end] + ps.hl.close + paint.open)
		at = end
	}
	b.WriteString(text[at:])
	if w := m.widths.StringWidth(text); w < width {
		b.WriteString(strings.Repeat(" ", width-w))
	}
	b.WriteString(paint.close)
}

func pad(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// Cursor is the row the cursor is on, counted from the top of the list.
func (m Model) Cursor() int { return m.cursor }
