package reader

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
)

// folio's own typesetter, for raw text and for bodies too large for Glamour.
// Glamour costs about 5 ms per 6 KB; this costs a fraction of that and keeps
// no copy of the text: each line is a slice of the body, styled only when it
// is drawn. It breaks where Glamour's wrapper does (at blanks and after
// hyphens, inside a word only when the word is wider than the line), so the
// two kinds of paragraph look alike, and it can stop after any line and
// resume there, so a 20 MB paragraph is set a piece at a time.

// nextLine finds the line that starts at off in s and fits in width cells.
// It returns where the line's text starts and ends, and the offset of the
// line after it. Blanks at a break are swallowed; a unit's own indentation
// (off == 0) is kept, so raw text shows as written. next == len(s) at the
// end of s.
func nextLine(s string, off, width int) (start, end, next int) {
	if off > 0 {
		off = skipBlanks(s, off)
	}
	brkEnd, brkNext := -1, -1
	w := 0
	for i := off; i < len(s); {
		c := s[i]
		size, cw := 1, 1
		if c >= utf8.RuneSelf {
			var cluster string
			cluster, cw = ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			size = max(len(cluster), 1)
		}
		if c == ' ' && i > off && s[i-1] != ' ' {
			brkEnd, brkNext = i, skipBlanks(s, i)
		}
		if w+cw > width {
			switch {
			case brkEnd > off: // at a blank, brkEnd is where its run starts
				return off, brkEnd, brkNext
			case i == off: // a grapheme wider than the line: take it anyway
				return off, i + size, i + size
			}
			if b := lastBreak(s, off, i); b > off {
				return off, b, b
			}
			return off, i, i
		}
		w += cw
		i += size
		if c == '-' && i < len(s) && s[i] != ' ' {
			brkEnd, brkNext = i, i
		}
	}
	return off, off + len(strings.TrimRight(s[off:], " ")), len(s)
}

// lastBreak is the last place in s after off and at most end where UAX #14
// lets a line break, or -1: between two ideographs, say, but not before a
// closing mark (，。」）) nor after an opening one (「（), as kinsoku
// wants. It reads a few bytes past end, which is all the rules look ahead,
// so a 20 MB word costs a line's worth per line.
func lastBreak(s string, off, end int) int {
	limit := min(len(s), end+lookahead)
	for limit < len(s) && !utf8.RuneStart(s[limit]) {
		limit++
	}
	best, state := -1, -1
	for p := off; p < end; {
		seg, _, _, next := uniseg.FirstLineSegmentInString(s[p:limit], state)
		if seg == "" {
			break
		}
		p, state = p+len(seg), next
		if p <= end && p < limit {
			best = p
		}
	}
	return best
}

// lookahead is how far past a break lastBreak reads to judge it.
const lookahead = 32

func skipBlanks(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// wrapUnit appends the lines of s from off on, until s ends or about budget
// bytes are set, and returns where it stopped. An empty s is one empty line.
func wrapUnit(dst []line, s string, off, width, budget int, unit int32) ([]line, int) {
	if s == "" {
		return append(dst, line{unit: unit}), 0
	}
	from := off
	for off < len(s) && off-from < budget {
		start, end, next := nextLine(s, off, width)
		if start < end || off == 0 { // not the blanks trailing a unit
			dst = append(dst, line{plain: s[start:end], unit: unit})
		}
		off = next
	}
	return dst, off
}
