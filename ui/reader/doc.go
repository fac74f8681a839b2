package reader

import (
	"strings"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/model"
)

// Thresholds, measured on this machine (Glamour: ~5 ms per 6 KB; folio's
// wrapper: see BenchmarkWrap).
const (
	// glamourMaxBody: larger bodies are set by folio's wrapper throughout
	// (Glamour would need seconds for them, per width), so one article never
	// mixes two looks.
	glamourMaxBody = 512 << 10
	// glamourMaxUnit: a single paragraph this long is wrapped by folio
	// even in a small body, since Glamour cannot stop inside one.
	glamourMaxUnit = 16 << 10
)

// line is one typeset line of an article.
type line struct {
	plain  string // the text as shown, without escape sequences: searched and measured
	styled string // ready to draw; empty when plain is drawn in the body style
	unit   int32  // the body unit it belongs to; headerUnit for the card
}

// docKey is what a typeset article depends on.
type docKey struct {
	id    string
	art   *model.Article // the version read: a file read again after it changed is set anew
	width int            // of the text column, in cells
	raw   bool           // the file's text instead of the cleaned paragraphs
	gen   int            // styles generation: a new theme invalidates every render
}

// source is what a doc is set from. It never changes once built, so
// background pieces can read it while Update appends to the doc.
type source struct {
	units   []string // paragraphs, or the raw text's lines
	raw     bool     // units follow each other without a blank line, never through Markdown
	glamour bool     // set paragraphs through Glamour
	isDark  bool
	contact string
	styles  Styles
}

// cursor is where setting resumes: a unit and a byte offset inside it.
type cursor struct{ unit, off int }

// doc is an article typeset for one docKey, possibly still growing.
type doc struct {
	key   docKey
	src   *source
	lines []line
	next  cursor
	done  bool
	size  int // bytes held by lines, for the cache's bound
}

func newDoc(a *model.Article, key docKey, s Styles, isDark bool) *doc {
	src := &source{raw: key.raw, isDark: isDark, styles: s}
	if key.raw { // the file's text as it is, its contact line included
		src.units = strings.Split(strings.ReplaceAll(a.RawBody, "\r", ""), "\n")
		for len(src.units) > 0 && strings.TrimSpace(src.units[len(src.units)-1]) == "" {
			src.units = src.units[:len(src.units)-1]
		}
	} else {
		src.units = a.Paragraphs()
		src.glamour = len(a.Body) <= glamourMaxBody
		src.contact = a.Contact
	}
	d := &doc{key: key, src: src}
	d.add(piece{lines: headerLines(a, key.width, s), done: len(src.units) == 0})
	return d
}

// add appends a piece and, when it is the last, the contact lines.
func (d *doc) add(p piece) {
	lines, next, done := p.lines, p.next, p.done
	if done && !d.done {
		lines = append(lines, contactLines(d.src.contact, d.key.width, int32(len(d.src.units)), d.src.styles)...)
	}
	for _, l := range lines {
		d.size += len(l.plain) + len(l.styled) + 40
	}
	d.lines = append(d.lines, lines...)
	d.next, d.done = next, done
}

// firstLine is the index of the first line of unit u (0 for the header).
func (d *doc) firstLine(u int) int {
	lo, hi := 0, len(d.lines)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if int(d.lines[mid].unit) < u {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// piece is a stretch of typeset body.
type piece struct {
	lines []line
	next  cursor // where the next piece starts
	done  bool   // the body is complete
	spent int    // bytes of source set
}

// setPiece typesets the body from `from` on until about budget bytes of
// source are set or the body ends. It touches nothing shared, so it runs in
// a tea.Cmd.
func setPiece(src *source, from cursor, width, budget int) piece {
	var p piece
	var gr *glamour.TermRenderer
	cur := from
	for cur.unit < len(src.units) && p.spent < budget {
		u := src.units[cur.unit]
		idx := int32(cur.unit)
		if !src.raw && u == "" {
			cur = cursor{cur.unit + 1, 0}
			continue
		}
		if !src.raw && cur.off == 0 && cur.unit > 0 {
			p.lines = append(p.lines, line{unit: idx - 1}) // the blank between paragraphs
		}
		if src.glamour && len(u) <= glamourMaxUnit && !hasCJK(u) {
			if gr == nil {
				gr = newGlamour(width, src.isDark)
			}
			p.lines = append(p.lines, glamourUnit(gr, u, width, idx)...)
			p.spent += len(u) + 1
			cur = cursor{cur.unit + 1, 0}
			continue
		}
		var off int
		p.lines, off = wrapUnit(p.lines, u, cur.off, width, budget-p.spent, idx)
		p.spent += off - cur.off + 1
		if off >= len(u) {
			cur = cursor{cur.unit + 1, 0}
		} else {
			cur.off = off
		}
	}
	p.next, p.done = cur, cur.unit >= len(src.units)
	return p
}

// hasCJK reports whether p holds Chinese, Japanese or Korean text. Such a
// paragraph is set by folio's wrapper, which breaks lines as UAX #14 says
// (never before ，。」 nor after 「); Glamour's breaks anywhere in a run of
// ideographs.
func hasCJK(p string) bool {
	for _, r := range p {
		if model.IsCJK(r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF { // and their punctuation
			return true
		}
	}
	return false
}

func newGlamour(width int, isDark bool) *glamour.TermRenderer {
	r, err := glamour.NewTermRenderer(glamour.WithStyles(glamourStyle(isDark)), glamour.WithWordWrap(width))
	if err != nil {
		return nil // only a bad option fails, and ours are fixed
	}
	return r
}

// glamourUnit sets one paragraph through Glamour, literally (see
// escapeMarkdown), without the padding Glamour adds to every line, and
// never wider than width whatever Glamour decides.
func glamourUnit(r *glamour.TermRenderer, p string, width int, unit int32) []line {
	fallback := func() []line {
		lines, _ := wrapUnit(nil, p, 0, width, len(p)+1, unit)
		return lines
	}
	if r == nil {
		return fallback()
	}
	out, err := r.Render(escapeMarkdown(p))
	if err != nil {
		return fallback()
	}
	var lines []line
	for _, l := range strings.Split(out, "\n") {
		l = trimPadding(l)
		plain := ansi.Strip(l)
		if ansi.StringWidth(plain) > width {
			for _, h := range strings.Split(ansi.Hardwrap(l, width, true), "\n") {
				lines = append(lines, line{plain: ansi.Strip(h), styled: h, unit: unit})
			}
			continue
		}
		lines = append(lines, line{plain: plain, styled: l, unit: unit})
	}
	for len(lines) > 0 && lines[0].plain == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1].plain == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// trimPadding cuts a Glamour line after its last visible character and
// closes its style: Glamour pads every line to the wrap width with styled
// blanks, which would cost memory and paint past the text.
func trimPadding(l string) string {
	end, state := 0, byte(0)
	styled := false
	for i := 0; i < len(l); {
		seq, _, n, newState := ansi.DecodeSequence(l[i:], state, nil)
		state = newState
		switch {
		case seq == "" || seq[0] == ansi.ESC || seq[0] < 0x20:
			styled = styled || strings.HasPrefix(seq, "\x1b[")
		case strings.TrimSpace(seq) != "": // text, zero-width marks included
			end = i + n
		}
		i += n
	}
	if end == 0 {
		return ""
	}
	if styled {
		return l[:end] + "\x1b[m"
	}
	return l[:end]
}
