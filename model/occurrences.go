package model

import (
	"cmp"
	"slices"

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
	toks := Tokens(s)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Word
	}
	var out []Span
	for _, t := range terms {
		if len(t.Words) == 1 || t.Form == query.Slop {
			for wi, w := range t.Words {
				m := newWordMatcher(w, wordForm(t, wi, minPrefix), minPrefix)
				for _, tok := range toks {
					if m.match(tok.Word) {
						out = append(out, Span{tok.Start, tok.End})
					}
				}
			}
			continue
		}
		for i := range words {
			if phraseAt(words, i, t.Words, minPrefix) {
				out = append(out, Span{toks[i].Start, toks[i+len(t.Words)-1].End})
			}
		}
	}
	slices.SortFunc(out, func(a, b Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
	return slices.Compact(out)
}
