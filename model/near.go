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
// article: words[i] is where Terms[t].Words[i] stands, ascending. What it
// returns is read before the next call, so a source may reuse its buffers.
type posSource interface {
	positions(t int) [][]uint32
}

// spanEval finds where a NEAR tree occurs in one article's field at a
// time, keeping its buffer from one article to the next.
type spanEval struct {
	q            *Query
	arena        []span     // the spans of the tree's nodes, each node's a range
	sideA, sideB [][]uint32 // wordsNear's two sides, reused
}

// holds reports whether e occurs in the field pos gives.
func (v *spanEval) holds(e *expr, pos posSource) bool {
	if e.op == exprNear {
		if found, ok := v.wordsNear(e, pos); ok {
			return found
		}
	}
	v.arena = v.arena[:0]
	lo, hi := v.spans(e, pos, true)
	return hi > lo
}

// wordsNear answers a NEAR whose two sides are words or ORs of words, the
// commonest kind, straight from their positions: whether a position of
// one side is within d of one of the other's. ok is false for any other
// kind of NEAR.
func (v *spanEval) wordsNear(e *expr, pos posSource) (found, ok bool) {
	var a, b [][]uint32
	if a, ok = v.words(e.kids[0], pos, v.sideA[:0]); !ok {
		return false, false
	}
	if b, ok = v.words(e.kids[1], pos, v.sideB[:0]); !ok {
		return false, false
	}
	v.sideA, v.sideB = a, b
	if count(a) > count(b) {
		a, b = b, a
	}
	d := uint32(e.dist)
	for _, ps := range a {
		for _, p := range ps {
			from := p - min(p, d)
			for _, qs := range b {
				i, _ := slices.BinarySearch(qs, from)
				if i < len(qs) && uint64(qs[i]) <= uint64(p)+uint64(d) {
					return true, true
				}
			}
		}
	}
	return false, true
}

// words appends to dst the positions of e's words when e is a word or an
// OR of words; ok is false otherwise.
func (v *spanEval) words(e *expr, pos posSource, dst [][]uint32) (_ [][]uint32, ok bool) {
	switch e.op {
	case exprTerm:
		if len(v.q.Terms[e.term].Words) != 1 {
			return dst, false
		}
		if ws := pos.positions(e.term); len(ws) == 1 && len(ws[0]) > 0 {
			dst = append(dst, ws[0])
		}
		return dst, true
	case exprOr:
		for _, k := range e.kids {
			if dst, ok = v.words(k, pos, dst); !ok {
				return dst, false
			}
		}
		return dst, true
	}
	return dst, false
}

func count(lists [][]uint32) int {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	return n
}

// spans appends where e occurs to the arena, ordered by start, and returns
// their range. With first, one span is enough: the caller asks only
// whether e occurs.
func (v *spanEval) spans(e *expr, pos posSource, first bool) (lo, hi int) {
	lo = len(v.arena)
	switch e.op {
	case exprTerm:
		v.arena = appendTermSpans(v.arena, v.q.Terms[e.term], pos.positions(e.term))
	case exprOr:
		for _, k := range e.kids {
			klo, khi := v.spans(k, pos, first)
			if first && khi > klo {
				return klo, khi
			}
		}
		slices.SortFunc(v.arena[lo:], func(a, b span) int { return int(a.from) - int(b.from) })
	case exprNear:
		alo, ahi := v.spans(e.kids[0], pos, false)
		if ahi == alo {
			return lo, lo
		}
		blo, bhi := v.spans(e.kids[1], pos, false)
		v.near(alo, ahi, blo, bhi, e.dist, first)
		// The operands' spans make way for the NEAR's own.
		n := copy(v.arena[lo:], v.arena[bhi:])
		v.arena = v.arena[:lo+n]
		slices.SortFunc(v.arena[lo:], func(a, b span) int { return int(a.from) - int(b.from) })
	}
	return lo, len(v.arena)
}

// near appends the spans where a span of arena[alo:ahi] and one of
// arena[blo:bhi] (each ordered by start) stand within d words, at most
// maxSpans of them. Only the spans of b that can be near each span of a
// are looked at: those starting from d words (and b's longest span)
// before it to d words after it.
func (v *spanEval) near(alo, ahi, blo, bhi, d int, first bool) {
	longest := uint32(0)
	for _, y := range v.arena[blo:bhi] {
		longest = max(longest, y.to-y.from)
	}
	reach := int64(d) + int64(longest)
	found := 0
	for i := alo; i < ahi; i++ {
		x := v.arena[i]
		from := max(int64(x.from)-reach, 0)
		j, _ := slices.BinarySearchFunc(v.arena[blo:bhi], uint32(from), func(y span, t uint32) int { return int(y.from) - int(t) })
		for j += blo; j < bhi; j++ {
			y := v.arena[j]
			if int64(y.from) > int64(x.to)+int64(d) {
				break
			}
			if !within(x, y, d) {
				continue
			}
			v.arena = append(v.arena, span{min(x.from, y.from), max(x.to, y.to)})
			if found++; first || found > maxSpans {
				return
			}
		}
	}
}

// maxSpans bounds the spans a NEAR of NEARs keeps per article.
const maxSpans = 1 << 12

// appendTermSpans appends where a term occurs, given where each of its
// words stands, ordered by start.
func appendTermSpans(out []span, t Term, words [][]uint32) []span {
	if len(words) == 0 {
		return out
	}
	k := uint32(len(words) - 1)
	slop := 0
	if t.Form == query.Slop {
		slop = t.Slop
	}
	for _, p := range words[0] {
		if k == 0 {
			out = append(out, span{p, p})
			continue
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
