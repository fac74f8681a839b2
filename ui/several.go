package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/model"
)

// Rows selected with v are acted on together: m marks them all read (all
// unread when every one was read already), * stars them all (or unstars),
// t tags them all; the selection then ends. esc ends it unused.

// onSeveral handles m, * and t for several articles, and reports false for
// any other key.
func (m *Model) onSeveral(msg tea.KeyPressMsg, arts []*model.Article) (tea.Cmd, bool) {
	k := m.keys
	n := format.Plural(len(arts), "article", "articles")
	switch {
	case key.Matches(msg, k.Mark):
		read := !allOf(arts, func(a *model.Article) bool { return m.store.Get(a.ID).Read })
		m.store.SetRead(read, arts...)
		m.notice = n + map[bool]string{true: " marked read", false: " marked unread"}[read]
	case key.Matches(msg, k.Star):
		star := !allOf(arts, func(a *model.Article) bool { return m.store.Get(a.ID).Starred })
		m.store.SetStarred(star, arts...)
		m.notice = n + map[bool]string{true: " starred", false: " unstarred"}[star]
	case key.Matches(msg, k.Tag):
		return m.ask(promptTag, "tag "+n+" (+add, -remove; tab completes): ", m.tagSuggestions(arts[0])), true
	default:
		return nil, false
	}
	m.list.Unpick()
	return m.recount(), true
}

func allOf(arts []*model.Article, ok func(*model.Article) bool) bool {
	for _, a := range arts {
		if !ok(a) {
			return false
		}
	}
	return true
}
