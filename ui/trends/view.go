package trends

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
)

// letters mark the series, A to F, in the chart, the legend and the
// footer.
const letters = "ABCDEF"

// View draws the picker or the chart.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.picking {
		return m.pickerView()
	}
	return m.chartView()
}

func (m Model) pickerView() string {
	st := m.styles
	lines := []string{st.Heading.Render(" Trends") + st.Status.Render(" · up to six queries side by side: space picks, a types one, enter draws")}
	room := max(1, m.height-3)
	from := max(0, m.row-room+1)
	for i := from; i < min(len(m.choices), from+room); i++ {
		c := m.choices[i]
		mark := "   "
		for j, p := range m.picked {
			if p == i {
				mark = " " + st.Series[j].Render(letters[j:j+1]) + " "
			}
		}
		text := safe.Text(c.Name)
		if c.Query != c.Name {
			text += st.Status.Render("  " + safe.Text(c.Query))
		}
		if c.Query == "" {
			text += st.Status.Render("  (every article)")
		}
		row := ansi.Truncate(text, m.width-5, "…")
		if i == m.row {
			row = st.Selected.Render(ansi.Strip(row))
		}
		lines = append(lines, mark+row)
	}
	last := ""
	switch {
	case m.typing:
		last = " " + m.input.View()
	case m.notice != "":
		last = " " + st.Status.Render(m.notice)
	}
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, last), "\n")
}

// value is series s in bucket b, as counts or per 1,000.
func (m Model) value(s, b int) float64 {
	if m.perK {
		return m.t.Rate(s, b)
	}
	return float64(m.t.Series[s].Counts[b])
}

func (m Model) valueText(v float64) string {
	if m.perK {
		return fmt.Sprintf("%.1f", v)
	}
	return format.Count(int(v))
}

// cell is one place of the plot: a rune and the series that drew it, -1
// for the axis and the cursor.
type cell struct {
	r rune
	s int
}

// chartView draws the header, the plot, the time axis, the legend and the
// cursor's counts.
func (m Model) chartView() string {
	st := m.styles
	by := m.t.By.String()
	if m.period == 0 {
		by += " (auto)"
	}
	unit := "articles a " + by
	if m.perK {
		unit = "per 1,000 of the corpus's articles, by " + by
	}
	head := st.Heading.Render(" Trends") + st.Status.Render(" · "+unit)
	if m.err != "" {
		return head + "\n\n " + st.Status.Render(safe.Text(m.err))
	}
	if len(m.t.Buckets) == 0 {
		return head + "\n\n " + st.Status.Render("no dated article in these queries")
	}
	n := len(m.t.Series)
	plotH := max(2, m.height-n-4) // header, axis, labels, legend, cursor line
	plotW := max(4, m.width-12)
	colW := max(1, min(4, plotW/len(m.t.Buckets)))
	shown := max(1, plotW/colW)
	from := 0
	if len(m.t.Buckets) > shown {
		from = max(0, min(m.cursor-shown/2, len(m.t.Buckets)-shown))
	}
	to := min(len(m.t.Buckets), from+shown)
	peak := 0.0
	for s := range n {
		for b := from; b < to; b++ {
			peak = math.Max(peak, m.value(s, b))
		}
	}
	yw := max(8, ansi.StringWidth(m.valueText(peak))+2) // the value scale's column
	grid := make([][]cell, plotH)
	for r := range grid {
		grid[r] = make([]cell, (to-from)*colW)
		for c := range grid[r] {
			grid[r][c] = cell{' ', -1}
		}
	}
	rowOf := func(v float64) int {
		if peak <= 0 {
			return plotH - 1
		}
		return plotH - 1 - int(math.Round(v/peak*float64(plotH-1)))
	}
	cur := (m.cursor - from) * colW
	if m.cursor >= from && m.cursor < to {
		for r := range grid {
			grid[r][cur] = cell{'┊', -2}
		}
	}
	// The lines between points first, then the letters over them.
	for s := n - 1; s >= 0; s-- {
		for b := from; b+1 < to; b++ {
			r0, r1 := rowOf(m.value(s, b)), rowOf(m.value(s, b+1))
			for k := 1; k < colW; k++ {
				r := r0 + (r1-r0)*k/colW
				grid[r][(b-from)*colW+k] = cell{'·', s}
			}
		}
	}
	// Letters that meet at one value stand side by side, as far as the
	// bucket's columns go; the cursor line names every value anyway.
	for b := from; b < to; b++ {
		used := map[int]int{}
		for s := range n {
			r := rowOf(m.value(s, b))
			if k := used[r]; k < colW {
				grid[r][(b-from)*colW+k] = cell{rune(letters[s]), s}
				used[r]++
			}
		}
	}
	lines := []string{head}
	for r, row := range grid {
		label := ""
		switch r {
		case 0:
			label = m.valueText(peak)
		case plotH - 1:
			label = "0"
		}
		lines = append(lines, st.Axis.Render(fmt.Sprintf("%*s ┤", yw-1, label))+m.drawRow(row))
	}
	lines = append(lines, st.Axis.Render(strings.Repeat(" ", yw)+"└"+strings.Repeat("─", len(grid[0]))))
	lines = append(lines, m.axisLabels(from, to, colW, yw+1))
	for s, se := range m.t.Series {
		text := fmt.Sprintf(" %s  %s (%s)", st.Series[s].Render(letters[s:s+1]), safe.Text(se.Query), format.Plural(se.Total, "article", "articles"))
		lines = append(lines, ansi.Truncate(text, m.width, "…"))
	}
	lines = append(lines, m.cursorLine())
	return strings.Join(lines, "\n")
}

// drawRow renders a row of the plot, each series in its colour.
func (m Model) drawRow(row []cell) string {
	var b strings.Builder
	for _, c := range row {
		switch {
		case c.s >= 0:
			b.WriteString(m.styles.Series[c.s].Render(string(c.r)))
		case c.s == -2:
			b.WriteString(m.styles.Cursor.Render(string(c.r)))
		default:
			b.WriteRune(c.r)
		}
	}
	return b.String()
}

// axisLabels names the first and last buckets shown, under their columns.
func (m Model) axisLabels(from, to, colW, indent int) string {
	first, last := m.t.Label(from), m.t.Label(to-1)
	w := (to - from) * colW
	if to-from == 1 {
		return strings.Repeat(" ", indent) + first
	}
	gap := max(1, w-len(first)-len(last))
	return m.styles.Axis.Render(strings.Repeat(" ", indent) + first + strings.Repeat(" ", gap) + last)
}

// cursorLine is the footer: the cursor's bucket and each query's value
// there.
func (m Model) cursorLine() string {
	b := m.cursor
	parts := []string{m.t.Label(b) + ":"}
	for s := range m.t.Series {
		parts = append(parts, m.styles.Series[s].Render(letters[s:s+1])+" "+m.valueText(m.value(s, b)))
	}
	return ansi.Truncate(" "+strings.Join(parts, "  "), m.width, "…")
}

// Plain draws the chart without styles, for tests and for reading what
// the letters alone say.
func (m Model) Plain() string { return ansi.Strip(m.View()) }
