package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippet returns the sentence of body that best shows why it matched q,
// on one line and at most max bytes (cut around its matches, with "…"),
// and the byte ranges of the query's words in it. The best sentence holds
// the most distinct query words, then the most matches, then comes first.
// A body that matched on its title only gives its first sentence, with no
// ranges.
func (q Query) Snippet(body string, max int) (text string, spans []Span) {
	all := q.BodyHighlights(body)
	sentences := sentenceRanges(body)
	if len(sentences) == 0 {
		return "", nil
	}
	best, bestScore := sentences[0], 0
	if len(all) > 0 {
		k := 0
		for _, s := range sentences {
			seen := map[string]bool{}
			hits := 0
			for ; k < len(all) && all[k].Start < s.End; k++ {
				seen[Fold(body[all[k].Start:all[k].End])] = true
				hits++
			}
			if score := len(seen)*1000 + hits; score > bestScore {
				best, bestScore = s, score
			}
		}
	}
	var in []Span
	for _, sp := range all {
		if sp.Start >= best.Start && sp.End <= best.End {
			in = append(in, Span{sp.Start - best.Start, sp.End - best.Start})
		}
	}
	return oneLine(body[best.Start:best.End], in, max)
}

// sentenceRanges cuts s into sentences: ., ! or ? before a blank ends one,
// except the period of an initial or an initialism ("J. R. Tolkien", "the
// U.K. argued"), and so does the end of a paragraph (a blank line). A
// single line break does not: hard-wrapped text breaks its sentences
// across lines. Blanks around each are left out; empty ones are dropped.
func sentenceRanges(s string) []Span {
	var out []Span
	start := 0
	add := func(end int) {
		a, b := start, end
		for a < b && isBlank(s[a]) {
			a++
		}
		for b > a && isBlank(s[b-1]) {
			b--
		}
		if a < b {
			out = append(out, Span{a, b})
		}
		start = end
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n' && blankLineAfter(s[i+1:]):
			add(i + 1)
		case (c == '!' || c == '?' || c == '.' && !initialBefore(s[:i])) && i+1 < len(s) && isBlank(s[i+1]):
			add(i + 1)
		}
	}
	add(len(s))
	return out
}

// blankLineAfter reports whether s, the text after a line break, starts
// with a line of nothing but blanks: the break ends a paragraph.
func blankLineAfter(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r':
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}

// initialBefore reports whether s ends in an initial: one letter alone
// ("J"), or the last letter of a dotted initialism ("U.K").
func initialBefore(s string) bool {
	k := len(s)
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:k])
		if !unicode.IsLetter(r) {
			break
		}
		k -= n
	}
	word := s[k:]
	return utf8.RuneCountInString(word) == 1 || word != "" && k > 0 && s[k-1] == '.'
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// oneLine fits a sentence to max bytes around its first span, line breaks
// and blanks made one space each, and moves the spans with it.
func oneLine(s string, spans []Span, max int) (string, []Span) {
	s, spans = dropCRs(s, spans)
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
	if max <= 0 || len(s) <= max {
		return s, spans
	}
	from := 0
	if len(spans) > 0 && spans[0].End > max {
		from = spans[0].Start - max/4
	}
	from = wordStart(s, max0(from))
	to := from + max
	if to >= len(s) {
		to = len(s)
		from = wordStart(s, max0(to-max))
	} else {
		for to > from && !utf8.RuneStart(s[to]) {
			to--
		}
	}
	text := s[from:to]
	shift := -from
	if from > 0 {
		text = "…" + text
		shift += len("…")
	}
	if to < len(s) {
		text += "…"
	}
	var out []Span
	for _, sp := range spans {
		if sp.Start >= from && sp.End <= to {
			out = append(out, Span{sp.Start + shift, sp.End + shift})
		}
	}
	return text, out
}

// dropCRs removes the \r of each \r\n, so a CRLF line break becomes one
// space like a LF one, and moves the spans with the text.
func dropCRs(s string, spans []Span) (string, []Span) {
	if !strings.Contains(s, "\r\n") {
		return s, spans
	}
	var b strings.Builder
	var dropped []int // where, in s, each removed \r was
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			dropped = append(dropped, i)
			continue
		}
		b.WriteByte(s[i])
	}
	before := func(at int) int { // removed bytes before offset at
		n := 0
		for n < len(dropped) && dropped[n] < at {
			n++
		}
		return n
	}
	out := make([]Span, len(spans))
	for i, sp := range spans {
		out[i] = Span{sp.Start - before(sp.Start), sp.End - before(sp.End)}
	}
	return b.String(), out
}

func max0(i int) int { return max(i, 0) }

// wordStart moves i forward to the start of a word, unless that is far.
func wordStart(s string, i int) int {
	if i == 0 {
		return 0
	}
	for j := i; j < len(s) && j < i+24; j++ {
		if s[j-1] == ' ' {
			return j
		}
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// LooksInBodies reports whether q has positive words that bodies can match,
// those a snippet shows.
func (q Query) LooksInBodies() bool { return len(q.bodyTerms()) > 0 }
