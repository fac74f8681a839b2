package reader

import (
	"math"
	"strings"

	"github.com/folio-reader/folio/model"
)

// Typeset returns the whole article as the reader shows it (header card,
// body, contact) set width columns wide, for printing on a terminal (`folio
// show`). Styles are DefaultStyles(isDark); the caller downsamples colours
// for its terminal, e.g. with lipgloss.Println.
func Typeset(a *model.Article, width int, isDark bool) string {
	if a == nil {
		return ""
	}
	if width <= 0 {
		width = defaultMeasure
	}
	d := newDoc(a, docKey{id: a.ID, width: width}, DefaultStyles(isDark), isDark)
	if !d.done {
		d.add(setPiece(d.src, d.next, width, math.MaxInt))
	}
	var b strings.Builder
	for i, l := range d.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if l.styled != "" {
			b.WriteString(l.styled)
		} else if l.plain != "" {
			b.WriteString(d.src.styles.Body.Render(l.plain))
		}
	}
	b.WriteByte('\n')
	return b.String()
}
