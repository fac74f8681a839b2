package ui

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/model"
)

// The snippet is a line under the list with the selected article's best
// matching sentence, the query's words marked: why the article is there.
// Reading the body takes a file read, so it is made off the UI goroutine
// when the selection or the query changes, and the line keeps the last one
// until the new one arrives.

// snippetMax is the longest snippet kept, in bytes: more than any window
// shows.
const snippetMax = 400

type snippetKey struct {
	n     int32
	query string
}

type snippet struct {
	key   snippetKey
	text  string
	spans []model.Span
	asked snippetKey // the last one asked for
}

type snippetMsg struct {
	key   snippetKey
	text  string
	spans []model.Span
}

// snippetShown reports whether the list has a snippet line: while the
// result's query has words to find in bodies, and bodies are indexed.
func (m Model) snippetShown() bool {
	res := m.list.Result()
	return (m.state == stateList || m.state == stateFilter) && !res.NoBodies && res.Query.LooksInBodies() && m.corpus.BodiesReady()
}

// wantSnippet asks for the selected article's snippet when it is not the
// one shown or asked for.
func (m *Model) wantSnippet() tea.Cmd {
	if !m.snippetShown() {
		return nil
	}
	n, ok := m.list.Selected()
	if !ok {
		return nil
	}
	res := m.list.Result()
	k := snippetKey{n: n, query: res.Query.Raw}
	if k == m.snip.key || k == m.snip.asked {
		return nil
	}
	m.snip.asked = k
	c, q := m.corpus, res.Query
	return func() tea.Msg {
		a, err := c.Open(c.At(n).ID)
		if err != nil {
			return snippetMsg{key: k}
		}
		body := a.RawBody
		if body == "" {
			body = a.Body
		}
		text, spans := q.Snippet(body, snippetMax)
		return snippetMsg{key: k, text: text, spans: spans}
	}
}

func (m *Model) onSnippet(msg snippetMsg) {
	m.snip.key, m.snip.text, m.snip.spans = msg.key, msg.text, msg.spans
}

// snippetLine draws the snippet, cut to the window.
func (m Model) snippetLine() string {
	text, spans := "", []model.Span(nil)
	if n, ok := m.list.Selected(); ok && m.snip.key == (snippetKey{n: n, query: m.list.Result().Query.Raw}) {
		text, spans = m.snip.text, m.snip.spans
	}
	return " " + markSpans(text, spans, m.theme.Snippet, m.theme.List.Match, m.width-2)
}

// markSpans paints text with base and its spans with mark, cut to width
// cells with an ellipsis. When the first mark would fall past the cut, the
// line begins a few words before it instead, after an ellipsis, so the
// words that matched are seen.
func markSpans(text string, spans []model.Span, base, mark lipgloss.Style, width int) string {
	width = max(width, 1)
	if len(spans) > 0 && spans[0].End <= len(text) && ansi.StringWidth(text[:spans[0].End]) > width-1 {
		from := wordStartBefore(text, spans[0].Start, width/4)
		text = "…" + text[from:]
		shifted := make([]model.Span, 0, len(spans))
		for _, s := range spans {
			if s.Start >= from {
				shifted = append(shifted, model.Span{Start: s.Start - from + len("…"), End: s.End - from + len("…")})
			}
		}
		spans = shifted
	}
	text = ansi.Truncate(text, width, "…")
	cut := len(strings.TrimSuffix(text, "…"))
	var b strings.Builder
	at := 0
	for _, s := range spans {
		start, end := min(s.Start, cut), min(s.End, cut)
		if start >= end || start < at {
			continue
		}
		b.WriteString(base.Render(text[at:start]))
		b.WriteString(mark.Render(text[start:end]))
		at = end
	}
	b.WriteString(base.Render(text[at:]))
	return b.String()
}

// wordStartBefore is the byte offset of the first word that begins at most
// cells cells before offset at in text (at itself when none does).
func wordStartBefore(text string, at, cells int) int {
	from := at
	for from > 0 && ansi.StringWidth(text[from:at]) < cells {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	if from > 0 && text[from-1] != ' ' { // in a word: from the next one
		for from < at && text[from] != ' ' {
			from++
		}
	}
	for from < at && text[from] == ' ' {
		from++
	}
	return from
}
