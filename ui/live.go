package ui

import (
	"path"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/ui/reader"
)

// Live updates: the corpus changes under the list while folio runs (a
// watcher, a revalidation). The list keeps its cursor and its scroll, the
// footer says what arrived until the next key, and an open article whose
// file changed or went says so.

// news is what arrived since the user last pressed a key.
type news struct {
	added   int // new articles
	shown   int // of those, the ones the filter lets into the list
	changed int
	removed int
}

func (n news) empty() bool { return n.added == 0 && n.changed == 0 && n.removed == 0 }

// text is the footer's account: "+12 new · 3 removed".
func (n news) text(filtered bool) string {
	var parts []string
	if n.added > 0 {
		s := "+" + format.Count(n.added) + " new"
		switch {
		case !filtered || n.shown == n.added:
		case n.shown == 0:
			s += " (none matching)"
		default:
			s += " (" + format.Count(n.shown) + " matching)"
		}
		parts = append(parts, s)
	}
	if n.changed > 0 {
		parts = append(parts, format.Count(n.changed)+" changed")
	}
	if n.removed > 0 {
		parts = append(parts, format.Count(n.removed)+" removed")
	}
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += " · "
		}
		out += p
	}
	return out
}

// follow shows a result of the same query over a corpus that changed after
// it had loaded, and tallies what arrived since the result before.
func (m *Model) follow(res model.Result) {
	before := m.list.Result()
	m.list.Follow(res)
	a := m.corpus.ArrivalsSince(before.Version)
	if a.Empty() {
		return
	}
	m.news.added += len(a.New)
	m.news.changed += a.Changed
	m.news.removed += a.Removed
	if len(a.New) > 0 {
		m.news.shown += countIn(res, a.New)
	}
}

// countIn counts the IDs that res holds. Arrivals are few; the result may
// hold a million rows, so the scan stops once every ID was found.
func countIn(res model.Result, ids []string) int {
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	found := 0
	for _, n := range res.Rows {
		if want[res.Article(n).ID] {
			found++
			if found == len(want) {
				break
			}
		}
	}
	return found
}

// checkOpen tells the reader what became of its article's file.
func (m *Model) checkOpen() {
	a := m.reader.Article()
	if a == nil || m.opened == nil || m.reader.Disk() == reader.Removed {
		return
	}
	now, ok := m.corpus.ByID(a.ID)
	switch {
	case !ok:
		m.reader.SetDisk(reader.Removed)
	case now != m.opened:
		m.reader.SetDisk(reader.Changed)
	}
}

// reloadedMsg carries an article read again after its file changed.
type reloadedMsg struct {
	id     string
	a      *model.Article
	listed *model.Article // the corpus's entry when it was read
	err    error
}

// reload reads the open article again, off the UI goroutine.
func (m *Model) reload(id string) tea.Cmd {
	c := m.corpus
	return func() tea.Msg {
		listed, _ := c.ByID(id)
		a, err := c.Open(id)
		return reloadedMsg{id: id, a: a, listed: listed, err: err}
	}
}

func (m *Model) onReloaded(msg reloadedMsg) tea.Cmd {
	if cur := m.reader.Article(); cur == nil || cur.ID != msg.id {
		return nil // the user moved on meanwhile
	}
	if msg.err != nil {
		m.notice = "cannot read " + safe.Text(path.Base(msg.id)) + " again: " + safe.Text(msg.err.Error())
		return nil
	}
	m.opened = msg.listed
	cmd := m.reader.Open(m.withTags(msg.a))
	m.checkOpen() // it may have changed again meanwhile
	return cmd
}
