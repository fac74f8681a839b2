package model

import (
	"slices"

	"github.com/folio-reader/folio/query"
)

// NEAR and a phrase with ~N are answered from word positions: the
// candidates hold every word somewhere (the sets), and the positions say
// whether they stand close enough. In bodies the positions come from the
// index (positions.go), or from the text when the index has none; in
// titles, from the title's words.
//
// An operand stands at a span of words: a word at its position, a phrase
// from its first word to its last, a NEAR from the first of its two to the
// last. Two spans are within d words when the one that starts later begins
// at most d words after the other ends (next to each other: 1), in either
// order. A phrase with ~N has its words in order, with at most N other
// words among them in all ("part ways"~3 finds "part company, and ways").

// span is a stretch of words [from, to], by position.
type span struct{ from, to uint32 }

// within reports whether a and b are within d words of each other.
func within(a, b span, d int) bool {
	if a.from > b.from {
		a, b = b, a
	}
	return b.from <= a.to || int64(b.from)-int64(a.to) <= int64(d)
}

// posSource gives the positions of a term's words in one field of one
// article: words[i] is where Terms[t].Words[i] stands, ascending.
type posSource func(t int) [][]uint32

// spans returns where e occurs, given the positions of its terms.
func (q *Query) spans(e *expr, pos posSource) []span {
	switch e.op {
	case exprTerm:
		t := q.Terms[e.term]
		return termSpans(t, pos(e.term))
	case exprOr:
		var out []span
		for _, k := range e.kids {
			out = append(out, q.spans(k, pos)...)
		}
		slices.SortFunc(out, func(a, b span) int { return int(a.from) - int(b.from) })
		return out
	case exprNear:
		a, b := q.spans(e.kids[0], pos), q.spans(e.kids[1], pos)
		var out []span
		for _, x := range a {
			for _, y := range b {
				if within(x, y, e.dist) {
					out = append(out, span{min(x.from, y.from), max(x.to, y.to)})
				}
			}
			if len(out) > maxSpans {
				break
			}
		}
		return out
	}
	return nil
}

// maxSpans bounds the spans a NEAR of NEARs keeps per article.
const maxSpans = 1 << 12

// termSpans is where a term occurs, given where each of its words stands.
func termSpans(t Term, words [][]uint32) []span {
	if len(words) == 0 {
		return nil
	}
	var out []span
	k := uint32(len(words) - 1)
	for _, p := range words[0] {
		if k == 0 {
			out = append(out, span{p, p})
			continue
		}
		slop := 0
		if t.Form == query.Slop {
			slop = t.Slop
		}
		// Each next word at the first place after the one before: the
		// earliest end for this start, so the fewest words among them.
		at, ok := p, true
		for _, ps := range words[1:] {
			i, _ := slices.BinarySearch(ps, at+1)
			if i == len(ps) {
				ok = false
				break
			}
			at = ps[i]
		}
		if ok && int64(at-p)-int64(k) <= int64(slop) {
			out = append(out, span{p, at})
		}
	}
	return out
}

// termMatchers are the matchers of a term's words as a text is read: a
// single word by its form; in a phrase the last word a prefix (when long
// enough), the others whole. Made once for many texts: a matcher stems
// its word.
func termMatchers(t Term, minPrefix int) []wordMatcher {
	ms := make([]wordMatcher, len(t.Words))
	for i, w := range t.Words {
		ms[i] = newWordMatcher(w, wordForm(t, i, minPrefix), minPrefix)
	}
	return ms
}

// tokenPositions returns, for each matcher of a term's words, where the
// text's tokens it matches stand: the positions a text gives when the
// index has none, and a title's.
func tokenPositions(ms []wordMatcher, toks []string) [][]uint32 {
	out := make([][]uint32, len(ms))
	for i, m := range ms {
		for p, tok := range toks {
			if m.match(tok) {
				out[i] = append(out[i], uint32(p))
			}
		}
	}
	return out
}

// tokens returns a text's folded words, in order, as the indexes see them.
func tokens(s string) []string {
	var toks []string
	tokenize(s, nil, func(w []byte, _, _ int) { toks = append(toks, string(w)) })
	return toks
}
