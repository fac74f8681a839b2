package model

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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
)

// Term is one condition of a query: a word, matched as a prefix of any word in
// its scope, or a phrase of several words, matched in sequence.
type Term struct {
	Scope  Scope
	Words  []string // folded; more than one makes a phrase
	Negate bool     // -term: the article must not match
	Label  Label    // for ScopeLabel: the mark asked about
}

// Query is a parsed filter. The zero Query matches everything.
type Query struct {
	Raw     string
	Terms   []Term
	From    time.Time // inclusive; zero: no lower bound
	To      time.Time // exclusive; zero: no upper bound
	Ignored []string  // the parts that did not parse, each with why
	Notes   []string  // the parts read otherwise than written, each with how
}

// Empty reports whether the query matches every article.
func (q Query) Empty() bool {
	return len(q.Terms) == 0 && q.From.IsZero() && q.To.IsZero()
}

var qualifiers = map[string]Scope{
	"title": ScopeTitle, "author": ScopeAuthor, "by": ScopeAuthor,
	"cat": ScopeCategory, "category": ScopeCategory,
	"text": ScopeText, "body": ScopeText,
}

// ParseQuery reads the query language of the README and docs/DESIGN.md. It never fails: what it
// cannot use is listed in Ignored and the rest still filters.
func ParseQuery(s string) Query {
	q := Query{Raw: s}
	rest := s
	for {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if rest == "" {
			return q
		}
		var item string
		item, rest = nextItem(rest)
		q.addItem(item)
	}
}

// nextItem cuts one item off s: a run of non-blanks in which a quoted part may
// hold blanks (title:"part ways").
func nextItem(s string) (item, rest string) {
	inQuote := false
	for i, r := range s {
		switch {
		case isQuote(r):
			inQuote = !inQuote
		case unicode.IsSpace(r) && !inQuote:
			return s[:i], s[i:]
		}
	}
	return s, ""
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

func (q *Query) ignore(item, why string) {
	q.Ignored = append(q.Ignored, fmt.Sprintf("%s (%s)", item, why))
}

func (q *Query) addItem(item string) {
	t := Term{}
	body := item
	if len(body) > 1 && body[0] == '-' {
		t.Negate = true
		body = body[1:]
	}
	if k, v, ok := strings.Cut(body, ":"); ok && !strings.ContainsFunc(k, isQuote) {
		lk := strings.ToLower(k)
		switch lk {
		case "after", "before", "date":
			if t.Negate {
				q.ignore(item, "a date range cannot be negated")
				return
			}
			q.addDate(item, lk, v)
			return
		case "is", "tag":
			if ok, why := t.addLabel(lk, v); !ok {
				q.ignore(item, why)
				return
			}
			q.Terms = append(q.Terms, t)
			return
		}
		scope, known := qualifiers[lk]
		switch {
		case known:
			t.Scope = scope
			body = v
		case isFieldName(k):
			// foo:bar is a field folio does not have, not the words foo
			// and bar.
			q.ignore(item, "unknown field "+k+":")
			return
		}
	}
	quoted := strings.ContainsFunc(body, isQuote)
	if quoted && strings.Count(strings.Map(quoteOnly, body), "\"")%2 == 1 {
		// Not ignored: used, as if the quote closed at the end.
		q.Notes = append(q.Notes, item+" (quote not closed: read to the end)")
	}
	t.Words = Words(body)
	if len(t.Words) == 0 {
		if body == "" && t.Scope != ScopeAny {
			q.ignore(item, "nothing after "+strings.TrimPrefix(item[:len(item)-len(body)], "-"))
		} else {
			q.ignore(item, "no words to match")
		}
		return
	}
	q.Terms = append(q.Terms, t)
}

// isFieldName: a word of two or more ASCII letters, as a field would be
// ("10:30" and "covid-19:" are not).
func isFieldName(k string) bool {
	if len(k) < 2 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func quoteOnly(r rune) rune {
	if isQuote(r) {
		return '"'
	}
	return -1
}

func (q *Query) addDate(item, kind, v string) {
	from, to, ok := ParsePeriod(v)
	if !ok {
		q.ignore(item, "not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
		return
	}
	switch kind {
	case "after":
		to = time.Time{}
	case "before":
		from, to = time.Time{}, from
	}
	if !from.IsZero() && (q.From.IsZero() || from.After(q.From)) {
		q.From = from
	}
	if !to.IsZero() && (q.To.IsZero() || to.Before(q.To)) {
		q.To = to
	}
}

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
