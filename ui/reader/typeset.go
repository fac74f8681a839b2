package reader

import (
	"bufio"
	"io"
	"strings"

	"github.com/folio-reader/folio/model"
)

// typesetPiece is how many bytes of source TypesetTo sets at a time: what
// printing an article holds of its typeset lines, however long it is.
const typesetPiece = 64 << 10

// Typeset returns the whole article as the reader shows it (see
// TypesetTo).
func Typeset(a *model.Article, width int, isDark bool) string {
	var b strings.Builder
	_ = TypesetTo(&b, a, width, isDark) // a strings.Builder does not fail
	return b.String()
}

// TypesetTo writes the whole article as the reader shows it (header card,
// body, contact) set width columns wide, for printing on a terminal (`folio
// show`), a piece at a time as it is set. Styles are DefaultStyles(isDark);
// the caller downsamples colours for its terminal, e.g. with a
// colorprofile.Writer.
func TypesetTo(w io.Writer, a *model.Article, width int, isDark bool) error {
	if a == nil {
		return nil
	}
	if width <= 0 {
		width = defaultMeasure
	}
	bw := bufio.NewWriter(w)
	d := newDoc(a, docKey{id: a.ID, width: width}, DefaultStyles(isDark), isDark)
	first := true
	for {
		for _, l := range d.lines {
			if !first {
				bw.WriteByte('\n')
			}
			first = false
			if l.styled != "" {
				bw.WriteString(l.styled)
			} else if l.plain != "" {
				bw.WriteString(d.src.styles.Body.Render(l.plain))
			}
		}
		if d.done {
			break
		}
		d.lines = d.lines[:0]
		d.add(setPiece(d.src, d.next, width, typesetPiece))
	}
	bw.WriteByte('\n')
	return bw.Flush()
}
