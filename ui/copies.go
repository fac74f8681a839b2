package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/ui/reader"
)

// The list collapses copies of one article (model.Copies, found in the
// background after the bodies are indexed) into one row, the first of the
// group in the list's order, marked with the number of the others; C
// shows every copy. A story chosen in the Stories view narrows the list on
// top of its filter. Both are applied here, to the search's own answer,
// so facets, the timeline and every key that acts on "the list" see what
// the list shows.

// grouping is how the search's answer becomes the list's rows.
type grouping struct {
	all    bool          // every copy has a row (C); otherwise copies are collapsed
	shaped bool          // raw holds a search's answer
	raw    model.Result  // the search's answer, before collapsing and narrowing
	copies *model.Copies // the copies the list was shaped with
	story  *narrowing    // a story the list is narrowed to
}

// narrowing is a set of articles the list is narrowed to, by ID.
type narrowing struct {
	ids      map[string]bool
	headline string
}

// shape keeps a search's answer and returns the rows the list shows.
func (m *Model) shape(raw model.Result) model.Result {
	g := &m.grouped
	g.raw, g.shaped = raw, true
	g.copies = m.corpus.Copies()
	res := raw
	if !g.all {
		res = res.Collapse(g.copies)
	}
	if g.story != nil {
		res = narrowTo(res, g.story.ids)
	}
	if res.Collapsed {
		cp := g.copies
		m.list.SetCopies(func(n int32) int {
			_, size, _ := cp.Of(n)
			return size - 1
		})
	} else {
		m.list.SetCopies(nil)
	}
	return res
}

// narrowTo is res with the rows whose article is in ids.
func narrowTo(res model.Result, ids map[string]bool) model.Result {
	rows := make([]int32, 0, min(len(ids), len(res.Rows)))
	var scores []float32
	for i, n := range res.Rows {
		if ids[res.Article(n).ID] {
			rows = append(rows, n)
			if res.Scores != nil {
				scores = append(scores, res.Scores[i])
			}
		}
	}
	res.Rows, res.Scores = rows, scores
	return res
}

// reshape shows the search's last answer shaped again (the copies
// changed, C was pressed): the cursor stays on its article and its screen
// row, or, when its article was folded into a group, on the group's row.
func (m *Model) reshape() {
	if !m.grouped.shaped {
		return
	}
	var id string
	sel, had := m.list.Selected()
	if had {
		id = m.list.Result().Article(sel).ID
	}
	res := m.shape(m.grouped.raw)
	m.list.Follow(res)
	if !had {
		return
	}
	if now, ok := m.list.Selected(); ok && res.Article(now).ID == id {
		return
	}
	if i := m.groupRow(res, sel); i >= 0 {
		m.list.Move(i - m.list.Cursor())
	}
}

// groupRow is the row of res that stands for article n's group; -1 if
// none does.
func (m *Model) groupRow(res model.Result, n int32) int {
	cp := m.grouped.copies
	canon, size, ok := cp.Of(n)
	if !ok || size < 2 {
		return -1
	}
	for i, r := range res.Rows {
		if k, _, _ := cp.Of(r); k == canon {
			return i
		}
	}
	return -1
}

// followCopies shapes the list again when the background found other
// copies than the list was shaped with: a copy that arrived while folio
// runs joins its group.
func (m *Model) followCopies() {
	if m.grouped.shaped && !m.grouped.all && m.corpus.Copies() != m.grouped.copies {
		m.reshape()
	}
}

// toggleCopies collapses the copies or shows them all.
func (m *Model) toggleCopies() {
	m.grouped.all = !m.grouped.all
	m.reshape()
}

// copiesStatus is the footer's word on the copies and the story: what the
// list shows and the key that changes it.
func (m Model) copiesStatus() []string {
	var parts []string
	if s := m.grouped.story; s != nil {
		parts = append(parts, "story: "+ansi.Truncate(s.headline, storyHeadline, "…")+" · "+m.keys.Clear.Help().Key+" leaves it")
	}
	switch k := m.keys.Copies.Help().Key; {
	case m.grouped.all:
		parts = append(parts, "all copies · "+k+" collapses them")
	case m.list.Result().Collapsed:
		parts = append(parts, "copies collapsed · "+k+" shows all")
	}
	return parts
}

// storyHeadline is the most cells of a story's headline the footer shows.
const storyHeadline = 36

// alsoMax is the most copies the reader's header names; a group of more
// says how many it left out.
const alsoMax = 6

// withCopies is a copy of a with its copies (date and byline) as a header
// line, for the reader; a itself when it has none known.
func (m *Model) withCopies(a *model.Article) *model.Article {
	res, cp := m.grouped.raw, m.corpus.Copies()
	if cp == nil || !m.grouped.shaped {
		return a
	}
	n, ok := res.Number(a.ID)
	if !ok {
		return a
	}
	_, others := res.CopiesOf(cp, n)
	var names []string
	for _, o := range others {
		c := res.Article(o)
		if c == nil {
			continue
		}
		if len(names) == alsoMax {
			names = append(names, "and "+format.Count(len(others)-alsoMax)+" more")
			break
		}
		name := "undated"
		if !c.Published.IsZero() {
			name = c.Date()
		}
		if c.Author != "" {
			name += " " + c.Author
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		return a
	}
	out := *a
	out.Extra = append(append([]model.Field(nil), a.Extra...), model.Field{Key: reader.AlsoKey, Value: strings.Join(names, " · ")})
	return &out
}
