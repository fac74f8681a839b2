package model

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/folio-reader/folio/query"
)

// Scope is the part of an article a query term looks at.
type Scope uint8

const (
	ScopeAny      Scope = iota // title, author or a category (and the body, once indexed)
	ScopeTitle                 // title:
	ScopeAuthor                // author:
	ScopeCategory              // cat: either category
	ScopeText                  // text: the body
	ScopeLabel                 // is: and tag:, answered by the reading state (see Labels)
	ScopeDate                  // after:, before:, date: inside a query kept as a tree
)

// Term is one condition of a query: a word, matched as its form says
// (wordform.go), or a phrase of several words, matched in sequence; a
// reading-state label; or, in a query kept as a tree, a date range.
type Term struct {
	Scope  Scope
	Words  []string   // folded; more than one makes a phrase
	Form   query.Form // one word: Word, Exact or Prefix; several: Word (a phrase) or Slop
	Slop   int        // Form Slop: the other words allowed among the phrase's, in all
	Negate bool       // the article must not match (in a tree: the term is under a NOT)
	Label  Label      // for ScopeLabel: the mark asked about
	From   time.Time  // for ScopeDate: inclusive; zero: no lower bound
	To     time.Time  // for ScopeDate: exclusive; zero: no upper bound
}

// Query is a parsed filter. The zero Query matches everything.
type Query struct {
	Raw     string
	Terms   []Term
	From    time.Time // inclusive; zero: no lower bound
	To      time.Time // exclusive; zero: no upper bound
	Ignored []string  // the parts that did not parse, each with why
	Notes   []string  // the parts read otherwise than written, each with how

	expr *expr // the query's structure, when it is more than terms side by side
}

// Empty reports whether the query matches every article.
func (q Query) Empty() bool {
	return len(q.Terms) == 0 && q.From.IsZero() && q.To.IsZero() && q.expr == nil
}

// Flat reports whether the query is terms side by side, each perhaps
// negated, and a date range: no OR, NEAR, ~N or NOT over a group.
func (q Query) Flat() bool { return q.expr == nil }

var qualifiers = map[string]Scope{
	"title": ScopeTitle, "author": ScopeAuthor, "by": ScopeAuthor,
	"cat": ScopeCategory, "category": ScopeCategory,
	"text": ScopeText, "body": ScopeText,
}

// ParseQuery reads the query language of docs/QUERY.md. It never fails:
// what it cannot use is listed in Ignored and the rest still filters.
func ParseQuery(s string) Query {
	q := Query{Raw: s}
	tree, probs := query.Parse(s)
	for _, p := range probs {
		if p.Note {
			q.Notes = append(q.Notes, p.String())
		} else {
			q.Ignored = append(q.Ignored, p.String())
		}
	}
	if tree == nil {
		return q
	}
	b := builder{q: &q, src: s}
	e := b.build(tree, ScopeAny, false)
	if e == nil {
		q.Terms = nil
		return q
	}
	if !q.flatten(e) {
		q.expr = e
	}
	return q
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

// ParsePeriod reads YYYY, YYYY-MM or YYYY-MM-DD ('/' also separates) as the
// half-open span of time it names.
func ParsePeriod(v string) (from, to time.Time, ok bool) {
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) == 0 || len(parts) > 3 {
		return from, to, false
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if p == "" || len(p) > 4 || strings.ContainsFunc(p, func(r rune) bool { return r < '0' || r > '9' }) {
			return from, to, false
		}
		for _, c := range p {
			nums[i] = nums[i]*10 + int(c-'0')
		}
	}
	y, m, d := nums[0], 1, 1
	if y < 1000 || len(parts[0]) != 4 {
		return from, to, false
	}
	if len(nums) > 1 {
		m = nums[1]
	}
	if len(nums) > 2 {
		d = nums[2]
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return from, to, false
	}
	from = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if from.Day() != d {
		return time.Time{}, time.Time{}, false // 2022-02-30
	}
	switch len(nums) {
	case 1:
		to = from.AddDate(1, 0, 0)
	case 2:
		to = from.AddDate(0, 1, 0)
	default:
		to = from.AddDate(0, 0, 1)
	}
	return from, to, true
}

// phraseAt reports whether words occur in tokens from i on: consecutive,
// every word whole but the last, which may be a prefix when it has at
// least minPrefix letters.
func phraseAt(tokens []string, i int, words []string, minPrefix int) bool {
	if len(words) == 0 || i+len(words) > len(tokens) {
		return false
	}
	last := len(words) - 1
	for j, w := range words {
		tok := tokens[i+j]
		prefix := j == last && (minPrefix == 0 || utf8.RuneCountInString(w) >= minPrefix)
		if prefix && !strings.HasPrefix(tok, w) || !prefix && tok != w {
			return false
		}
	}
	return true
}

// Span is a byte range [Start, End) of a string.
type Span struct{ Start, End int }

// Highlights returns the byte ranges of s, a field of the given scope, that the
// query's positive terms match, in order and without overlap.
func (q Query) Highlights(s string, scope Scope) []Span {
	var terms []Term
	for _, t := range q.Terms {
		if !t.Negate && (t.Scope == scope || t.Scope == ScopeAny && scope != ScopeText) {
			terms = append(terms, t)
		}
	}
	return highlights(s, terms, 0)
}

// BodyHighlights returns the byte ranges of s, a body or part of one, that
// the query's positive words and phrases match, as the body index matches
// them (a short word only whole).
func (q Query) BodyHighlights(s string) []Span {
	return highlights(s, q.bodyTerms(), minBodyPrefix)
}

// bodyTerms are the positive terms that look in bodies.
func (q Query) bodyTerms() []Term {
	var terms []Term
	for _, t := range q.Terms {
		if !t.Negate && (t.Scope == ScopeAny || t.Scope == ScopeText) {
			terms = append(terms, t)
		}
	}
	return terms
}

func highlights(s string, terms []Term, minPrefix int) []Span {
	if len(terms) == 0 || s == "" {
		return nil
	}
	var words []string
	var spans0 []Span
	tokenize(s, nil, func(w []byte, st, en int) {
		words = append(words, string(w))
		spans0 = append(spans0, Span{st, en})
	})
	marked := make([]bool, len(words))
	for _, t := range terms {
		if len(t.Words) == 1 || t.Form == query.Slop {
			// A word by its form, stems included; the words of a phrase
			// with ~N each on its own.
			for wi, w := range t.Words {
				m := newWordMatcher(w, wordForm(t, wi, minPrefix), minPrefix)
				for i, tok := range words {
					marked[i] = marked[i] || m.match(tok)
				}
			}
			continue
		}
		for i := range words {
			if phraseAt(words, i, t.Words, minPrefix) {
				for j := range t.Words {
					marked[i+j] = true
				}
			}
		}
	}
	var spans []Span
	for i, m := range marked {
		if !m {
			continue
		}
		// Join the words of a phrase with what lies between them.
		if n := len(spans); n > 0 && i > 0 && marked[i-1] && !strings.ContainsFunc(s[spans[n-1].End:spans0[i].Start], isBreak) {
			spans[n-1].End = spans0[i].End
			continue
		}
		spans = append(spans, spans0[i])
	}
	return spans
}

func isBreak(r rune) bool { return r == '\n' || r == utf8.RuneError }
