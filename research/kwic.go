// Package research holds the views that study a result rather than read
// it: the concordance (keyword in context), collocates and distinctive
// terms, trends over time, and export. Each works over a model.Result, so
// it sees exactly what the list shows.
package research

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/folio-reader/folio/model"
)

// Hit is one occurrence of the query's words or phrases in an article:
// a line of the concordance.
type Hit struct {
	ID      string
	Title   string
	Date    time.Time
	Left    string // the words before, as the text has them, on one line
	Match   string
	Right   string
	InTitle bool
	// Index is the occurrence's place among the article's lit words
	// (model.Query.BodyHighlights over its cleaned body), for the reader
	// to open at; -1 in a title.
	Index int

	left, right []string // folded words, nearest first, for sorting
}

// Order is how a concordance is sorted.
type Order uint8

const (
	ByDate  Order = iota // the result's order (newest first), then the place in the article
	ByLeft               // the word just before, then the one before it, …
	ByRight              // the word just after, then the one after it, …
)

// ParseOrder reads left, right or date.
func ParseOrder(s string) (Order, bool) {
	switch s {
	case "date", "":
		return ByDate, true
	case "left":
		return ByLeft, true
	case "right":
		return ByRight, true
	}
	return 0, false
}

// Limits of a concordance line.
const (
	MaxContext     = 20 // words on each side at most
	DefaultContext = 5
)

// Concordance finds every occurrence of the query's positive words and
// phrases in the titles and bodies of the result's articles, in the
// result's order, context words on each side. It reads the articles on
// every core and calls emit with each batch of hits, in order, as they
// are found, until emit returns false or ctx ends.
func Concordance(ctx context.Context, c Corpus, res model.Result, context int, emit func([]Hit) bool) error {
	context = min(max(context, 1), MaxContext)
	return inOrder(ctx, len(res.Rows), 32, func(i int) []Hit {
		return articleHits(c, res.Query, res.Article(res.Rows[i]), context)
	}, emit)
}

// articleHits is one article's occurrences: its title's, then its body's.
func articleHits(c Corpus, q model.Query, a *model.Article, context int) []Hit {
	var hits []Hit
	base := Hit{ID: a.ID, Title: a.Title, Date: a.Published}
	for _, s := range q.Occurrences(a.Title, model.ScopeTitle) {
		h := hitAt(base, a.Title, s, context)
		h.InTitle, h.Index = true, -1
		hits = append(hits, h)
	}
	full, err := c.Open(a.ID)
	if err != nil {
		return hits
	}
	occ := q.Occurrences(full.Body, model.ScopeText)
	lit := model.Stretches(full.Body, occ) // what the reader lights, as BodyHighlights would say
	k := 0
	for _, s := range occ {
		h := hitAt(base, full.Body, s, context)
		// The reader lights words next to each other as one: the line
		// opens at the lit stretch that holds it.
		for k+1 < len(lit) && lit[k].End <= s.Start {
			k++
		}
		h.Index = k
		hits = append(hits, h)
	}
	return hits
}

// hitAt cuts the occurrence s out of text with context words each side.
func hitAt(h Hit, text string, s model.Span, context int) Hit {
	before := model.Tokens(lastBytes(text[:s.Start], 40*context))
	after := model.Tokens(firstBytes(text[s.End:], 40*context))
	from := s.Start - len(lastBytes(text[:s.Start], 40*context))
	lw := before[max(len(before)-context, 0):]
	rw := after[:min(context, len(after))]
	if len(lw) > 0 {
		h.Left = oneLine(text[from+lw[0].Start : s.Start])
	}
	if len(rw) > 0 {
		h.Right = oneLine(text[s.End : s.End+rw[len(rw)-1].End])
	}
	h.Match = oneLine(text[s.Start:s.End])
	for i := len(lw) - 1; i >= 0; i-- {
		h.left = append(h.left, lw[i].Word)
	}
	for _, t := range rw {
		h.right = append(h.right, t.Word)
	}
	return h
}

// lastBytes and firstBytes cut at most n bytes off an end of s, at a
// rune's start.
func lastBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && s[i]&0xC0 == 0x80 {
		i++
	}
	return s[i:]
}

func firstBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// oneLine folds the line breaks and runs of blanks of s into one space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Sort orders hits: by date keeps the order they came in (the result's).
func Sort(hits []Hit, o Order) {
	switch o {
	case ByLeft:
		slices.SortStableFunc(hits, func(a, b Hit) int { return cmpWords(a.left, b.left) })
	case ByRight:
		slices.SortStableFunc(hits, func(a, b Hit) int {
			return cmp.Or(cmpWords(a.right, b.right), cmpWords(a.left, b.left))
		})
	}
}

func cmpWords(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if c := strings.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}
