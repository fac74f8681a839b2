package model

import (
	"cmp"
	"slices"
	"strings"
	"unsafe"

	"github.com/folio-reader/folio/query"
)

// Occurrences returns every place in s, a field of the given scope (a body
// with ScopeText), where one of the query's positive words or phrases
// stands: a word its own span, a phrase from its first word to its last,
// each word of a phrase with ~N its own. Unlike Highlights, words next to
// each other stay apart: a concordance has a line for each.
func (q Query) Occurrences(s string, scope Scope) []Span {
	terms, minPrefix := q.bodyTerms(), minBodyPrefix
	if scope != ScopeText {
		terms, minPrefix = nil, 0
		for _, t := range q.Terms {
			if !t.Negate && (t.Scope == scope || t.Scope == ScopeAny) {
				terms = append(terms, t)
			}
		}
	}
	if len(terms) == 0 || s == "" {
		return nil
	}
	// Words are matched as the text is read, without a string made of
	// each; the words are kept only when a phrase needs them in a row.
	var single []wordMatcher
	var phrases []Term
	for _, t := range terms {
		if len(t.Words) == 1 || t.Form == query.Slop {
			for wi, w := range t.Words {
				single = append(single, newWordMatcher(w, wordForm(t, wi, minPrefix), minPrefix))
			}
			continue
		}
		phrases = append(phrases, t)
	}
	var out []Span
	var words []string
	var spans []Span
	tokenize(s, nil, func(w []byte, start, end int) {
		tok := unsafe.String(unsafe.SliceData(w), len(w)) // read here only
		for _, m := range single {
			if m.match(tok) {
				out = append(out, Span{start, end})
				break
			}
		}
		if phrases != nil {
			words = append(words, string(w))
			spans = append(spans, Span{start, end})
		}
	})
	for _, t := range phrases {
		for i := range words {
			if phraseAt(words, i, t.Words, minPrefix) {
				out = append(out, Span{spans[i].Start, spans[i+len(t.Words)-1].End})
			}
		}
	}
	slices.SortFunc(out, func(a, b Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
	return slices.Compact(out)
}

// Stretches joins occurrences (as Occurrences returns them) that stand
// next to each other in s, with nothing but blanks and punctuation on one
// line between them: the stretches BodyHighlights lights, found without
// reading s again.
func Stretches(s string, occ []Span) []Span {
	var out []Span
	for _, o := range occ {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if o.Start <= last.End {
				last.End = max(last.End, o.End)
				continue
			}
			if gap := s[last.End:o.Start]; !strings.ContainsFunc(gap, func(r rune) bool { return isWordRune(r) || isBreak(r) }) {
				last.End = o.End
				continue
			}
		}
		out = append(out, o)
	}
	return out
}
