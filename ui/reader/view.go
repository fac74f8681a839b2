package reader

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/model"
)

// View draws exactly the area SetSize gave: the visible lines of the
// article, centred, and the footer on the last line. It only touches the
// lines on screen, so its cost does not depend on the article's length.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var b strings.Builder
	if h := m.height - 1; h > 0 {
		m.drawBody(&b, h)
	}
	b.WriteString(m.footer())
	return b.String()
}

func (m Model) drawBody(b *strings.Builder, h int) {
	d := m.doc
	if d == nil {
		b.WriteString(strings.Repeat("\n", h))
		return
	}
	// A doc set for another width (a resize not yet settled) is centred by
	// its own width and cut to the window.
	dw := min(d.key.width, m.width)
	margin := strings.Repeat(" ", (m.width-dw)/2)
	room := m.width - len(margin)
	top := min(max(m.top, 0), max(len(d.lines)-h, 0))
	var f folder
	for i := top; i < top+h; i++ {
		if i < len(d.lines) && d.lines[i].plain != "" {
			b.WriteString(margin)
			b.WriteString(m.drawLine(i, room, &f))
		}
		b.WriteByte('\n')
	}
}

// drawLine styles line i of the drawn doc, with its search matches, no
// wider than room.
func (m Model) drawLine(i, room int, f *folder) string {
	l := m.doc.lines[i]
	plain, s := l.plain, l.styled
	if s == "" {
		if strings.ContainsFunc(plain, isControl) { // a tab the loader let through
			plain = strings.Map(func(r rune) rune {
				if isControl(r) {
					return ' '
				}
				return r
			}, plain)
		}
		s = m.styles.Body.Render(plain)
	}
	if rs := m.lineRanges(i, l.plain, f); len(rs) > 0 {
		s = lipgloss.StyleRanges(s, rs...)
	}
	if lineWidth(plain) > room {
		s = ansi.Truncate(s, room, "")
	}
	return s
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// lineWidth is ansi.StringWidth with a shortcut for ASCII.
func lineWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// footer is the status line: where the reader is, how far it has read, the
// search count, or the search prompt while it is open.
func (m Model) footer() string {
	st := m.styles
	var left string
	switch {
	case m.search.open:
		left = m.search.input.View()
	case m.search.wrapped != "":
		left = st.Notice.Render(m.search.wrapped)
	case m.notice != "":
		left = st.Notice.Render(m.notice)
	default:
		left = st.Status.Render(m.position())
	}
	var right []string
	switch m.disk {
	case Changed:
		right = append(right, st.Notice.Render("changed on disk · R shows the new text"))
	case Removed:
		right = append(right, st.Notice.Render("removed from the folder"))
	}
	if c := m.count(); c != "" {
		right = append(right, st.Status.Render(c))
	}
	if bar := m.progressBar(); bar != "" && m.width >= 40 {
		right = append(right, bar)
	}
	r := strings.Join(right, "  ")
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(r)
	if r != "" && lw+2+rw > m.width {
		if len(right) > 1 { // drop the bar first
			r = right[0]
			rw = ansi.StringWidth(r)
		}
		if lw+2+rw > m.width {
			r, rw = "", 0
		}
	}
	if r == "" {
		return ansi.Truncate(left, m.width, "…")
	}
	return left + strings.Repeat(" ", m.width-lw-rw) + r
}

// position is "line 40 of 212 · 19%", with the mode and whether the rest
// is still being set.
func (m Model) position() string {
	if m.article == nil {
		return "no article"
	}
	var parts []string
	if d := m.doc; d != nil {
		top := min(m.top, max(len(d.lines)-1, 0))
		of := group(len(d.lines))
		if !d.done {
			of += "+"
		}
		parts = append(parts, fmt.Sprintf("line %s of %s · %d%%", group(top+1), of, int(m.progress()*100+0.5)))
	}
	if m.raw {
		parts = append(parts, "raw")
	}
	if m.rendering() {
		parts = append(parts, "rendering…")
	}
	return strings.Join(parts, " · ")
}

// progress is how far down the article the bottom of the screen is, 0 to 1.
// While the body is still being set, it is measured in source units.
func (m Model) progress() float64 {
	d := m.doc
	if d == nil || len(d.lines) == 0 {
		return 0
	}
	h := m.bodyHeight()
	top := min(m.top, len(d.lines)-1)
	if !d.done {
		u := max(int(d.lines[top].unit), 0)
		return min(float64(u)/float64(max(len(d.src.units), 1)), 1)
	}
	return min(float64(top+h)/float64(len(d.lines)), 1)
}

// count is the search's "3/17".
func (m Model) count() string {
	s := m.search
	switch {
	case s.query == "":
		return ""
	case s.scanning:
		return "searching…"
	case len(s.matches) == 0 && s.filterOn:
		return m.matchedElsewhere()
	case len(s.matches) == 0:
		return "no match"
	}
	more := ""
	if m.rendering() || s.capped {
		more = "+"
	}
	if s.filterOn {
		more += " filter word"
		if len(s.matches) != 1 {
			more += "s"
		}
		more += " (n/N)"
		if s.cur < 0 {
			return fmt.Sprintf("%d%s", len(s.matches), more)
		}
	}
	if s.cur < 0 {
		return group(len(s.matches)) + more + " matches"
	}
	return group(s.cur+1) + "/" + group(len(s.matches)) + more
}

// matchedElsewhere says where the filter's words are when the text holds
// none of them: the header, whose title, byline and categories the
// filter also reads.
func (m Model) matchedElsewhere() string {
	a, q := m.article, m.search.filter
	var where []string
	if a != nil {
		if len(q.Highlights(a.Title, model.ScopeTitle)) > 0 {
			where = append(where, "title")
		}
		if len(q.Highlights(a.Author, model.ScopeAuthor)) > 0 {
			where = append(where, "byline")
		}
		if len(q.Highlights(a.Category1, model.ScopeCategory))+len(q.Highlights(a.Category2, model.ScopeCategory)) > 0 {
			where = append(where, "category")
		}
	}
	if len(where) == 0 {
		return "no filter word in the text"
	}
	return "the filter matched the " + strings.Join(where, " and ") + ", not the text"
}

// progressBar is a thin bar of how much has been read.
func (m Model) progressBar() string {
	if m.doc == nil {
		return ""
	}
	const width = 12
	filled := int(m.progress()*width + 0.5)
	return m.styles.ProgressFilled.Render(strings.Repeat("━", filled)) +
		m.styles.ProgressEmpty.Render(strings.Repeat("─", width-filled))
}
