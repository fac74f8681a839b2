package kwic

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/research"
)

// View draws the header and the visible lines only: a frame costs the
// same for ten lines as for a million.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(m.header())
	ls := m.lines()
	end := min(len(ls), m.offset+m.listHeight())
	c := m.columns()
	for i := m.offset; i < end; i++ {
		b.WriteByte('\n')
		b.WriteString(m.line(ls[i], c, i == m.cursor))
	}
	if len(ls) == 0 && m.done {
		b.WriteString("\n" + m.styles.Status.Render(" no occurrence of the filter's words in the list's titles or texts"))
	}
	return b.String()
}

// header names the screen, the count, the order and the state of the run.
func (m Model) header() string {
	title := m.styles.Heading.Render(" Concordance")
	if m.query != "" {
		title += m.styles.Status.Render(" of " + safe.Clip(safe.Text(m.query), 60))
	}
	count := format.Plural(len(m.hits), "line", "lines")
	switch {
	case m.cut:
		count = "the first " + count + " (the rest not kept)"
	case !m.done:
		count += "… (still reading)"
	}
	order := "sort: " + orderName(m.order)
	switch {
	case m.pending:
		order += " once all lines are read"
	case m.sorting:
		order += " (sorting…)"
	}
	parts := []string{count, order}
	if m.err != "" {
		parts = append(parts, "stopped: "+safe.Text(m.err))
	}
	return title + m.styles.Status.Render(" · "+strings.Join(parts, " · "))
}

func orderName(o research.Order) string {
	return [...]string{"date", "left context", "right context"}[o]
}

// columns is where a line's parts go: the left context ends at hit, the
// right context ends before meta, which holds the date and the title.
type columns struct {
	hit, meta, title int
}

func (m Model) columns() columns {
	w := m.width
	title := min(40, max(0, w/5))
	meta := w - title - 12 // a blank, the date, a blank
	return columns{hit: max(8, meta*2/5), meta: meta, title: title}
}

// line draws one occurrence: the left context cut at its start, the hit,
// the right context cut at its end, then the date and title.
func (m Model) line(h research.Hit, c columns, selected bool) string {
	left := safe.Text(h.Left)
	if room := c.hit - 2; ansi.StringWidth(left) > room {
		left = ansi.TruncateLeft(left, ansi.StringWidth(left)-room+1, "…")
	}
	match := ansi.Truncate(safe.Text(h.Match), max(1, c.meta-c.hit-2), "…")
	rightRoom := max(0, c.meta-c.hit-ansi.StringWidth(match)-2)
	right := ansi.Truncate(safe.Text(h.Right), rightRoom, "…")
	st := m.styles
	ctx, meta, lit := st.Context, st.Meta, st.Match
	if selected {
		ctx, meta = ctx.Inherit(st.Selected), meta.Inherit(st.Selected)
		lit = lit.Inherit(st.Selected)
	}
	date := "          "
	if !h.Date.IsZero() {
		date = h.Date.Format("2006-01-02")
	}
	title := safe.Text(h.Title)
	if h.InTitle {
		title = "(title) " + title
	}
	title = ansi.Truncate(title, c.title, "…")
	pad := func(n int) string { return strings.Repeat(" ", max(0, n)) }
	return ctx.Render(pad(c.hit-1-ansi.StringWidth(left))+left+" ") + lit.Render(match) +
		ctx.Render(" "+right+pad(rightRoom-ansi.StringWidth(right))) +
		meta.Render(" "+date+" "+title+pad(c.title-ansi.StringWidth(title)))
}
