package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
)

// The sidebar lists folders: All, Unread, Starred, each tag, and the saved
// searches (the settings file's, then those saved with S), each with its
// unread and total counts. The counts are derived, by a model.Counter over
// the corpus and the reading state, recounted off the UI goroutine when
// either changes; nothing is kept in step by hand.

const sidebarWidth = 28

type folder struct {
	name  string
	query string
}

type sidebar struct {
	shown   bool
	focused bool
	cursor  int
	folders []folder
	tallies []model.Tally
	counter *model.Counter

	counting   bool   // a recount is running
	again      bool   // and another was asked for meanwhile
	seenStore  uint64 // the versions the tallies answer
	seenCorpus uint64
	seenAll    bool // the copies were counted each (C), not a group once
}

// rebuildSidebar lists the folders again (a tag or a search appeared).
func (m *Model) rebuildSidebar() {
	fs := []folder{{"All", ""}, {"Unread", "is:unread"}, {"Starred", "is:starred"}}
	names, _ := m.store.Tags()
	for _, t := range names {
		fs = append(fs, folder{"#" + t, "tag:" + t})
	}
	seen := map[string]bool{}
	for _, s := range m.opts.Searches {
		fs = append(fs, folder{s.Name, s.Query})
		seen[s.Name] = true
	}
	for _, s := range m.store.Searches() {
		if !seen[s.Name] {
			fs = append(fs, folder{s.Name, s.Query})
		}
	}
	same := len(fs) == len(m.side.folders)
	for i := 0; same && i < len(fs); i++ {
		same = fs[i] == m.side.folders[i]
	}
	if same {
		return
	}
	m.side.folders = fs
	qs := make([]model.Query, len(fs))
	for i, f := range fs {
		qs[i] = model.ParseQuery(f.query)
	}
	m.side.counter = m.corpus.NewCounter(qs)
	m.side.cursor = min(m.side.cursor, len(fs)-1)
	m.side.seenStore = ^uint64(0) // count again
}

// countedMsg carries fresh tallies and the versions they answer.
type countedMsg struct {
	counter        *model.Counter
	tallies        []model.Tally
	all            bool // counted with every copy a row
	cut            bool // the count ran past the remote budget: no tallies
	store, corpora uint64
}

// recount counts the folders again if the state or the corpus moved, one
// count at a time.
func (m *Model) recount() tea.Cmd {
	m.rebuildSidebar()
	sv, cv := m.store.Version(), m.corpus.Version()
	if sv == m.side.seenStore && cv == m.side.seenCorpus && m.grouped.all == m.side.seenAll {
		return nil
	}
	if m.side.counting {
		m.side.again = true
		return nil
	}
	m.side.counting = true
	k, view, remote, all := m.side.counter, m.view, m.search.remote, m.grouped.all
	var groups *model.Copies // the sidebar counts rows as the list shows them
	if !m.grouped.all {
		groups = m.corpus.Copies()
	}
	return func() tea.Msg {
		ctx := context.Background()
		if remote { // a visitor's saved searches, held to the remote budget
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, model.RemoteQueryBudget)
			defer cancel()
		}
		tallies, err := k.CountGroups(ctx, view, groups)
		return countedMsg{counter: k, tallies: tallies, cut: err != nil, store: sv, corpora: cv, all: all}
	}
}

func (m *Model) onCounted(msg countedMsg) tea.Cmd {
	m.side.counting = false
	if msg.counter == m.side.counter {
		m.side.tallies = msg.tallies // none when cut: no counts shown until something changes
		m.side.seenStore, m.side.seenCorpus, m.side.seenAll = msg.store, msg.corpora, msg.all
	}
	if m.side.again {
		m.side.again = false
		return m.recount()
	}
	return nil
}

// onSidebarKey moves in the focused sidebar; enter filters by a folder.
func (m *Model) onSidebarKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if k := m.keyMap(); key.Matches(msg, k.RenameSearch, k.DeleteSearch) && m.side.cursor < len(m.side.folders) {
		return m.onSearchFolderKey(key.Matches(msg, k.RenameSearch)), true
	}
	switch msg.String() {
	case "j", "down":
		m.side.cursor = min(m.side.cursor+1, len(m.side.folders)-1)
	case "k", "up":
		m.side.cursor = max(m.side.cursor-1, 0)
	case "esc", "right", "l":
		m.side.focused = false
	case "enter":
		if m.side.cursor < len(m.side.folders) {
			m.input.SetValue(m.side.folders[m.side.cursor].query)
			m.side.focused = false
			m.layout()
			return m.refilter(), true
		}
	default:
		return nil, false
	}
	return nil, true
}

func (m Model) sidebarView(height int) string {
	st := m.theme
	lines := []string{st.Title.Render(" Folders") + st.Status.Render("  unread/all")}
	for i, f := range m.side.folders {
		count := ""
		if i < len(m.side.tallies) {
			t := m.side.tallies[i]
			count = fmt.Sprintf("%s/%s", format.Count(t.Unread), format.Count(t.Total))
		}
		name := ansi.Truncate(safe.Text(f.name), sidebarWidth-len(count)-4, "…")
		line := " " + name + strings.Repeat(" ", max(1, sidebarWidth-2-ansi.StringWidth(name)-len(count))) + count + " "
		if i == m.side.cursor && m.side.focused {
			line = st.Prompt.Reverse(true).Render(line)
		} else if i == m.side.cursor {
			line = st.Prompt.Render(line)
		}
		lines = append(lines, line)
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	for i, l := range lines[:height] {
		lines[i] = l + strings.Repeat(" ", max(0, sidebarWidth-ansi.StringWidth(l))) + st.Status.Render("│")
	}
	return strings.Join(lines[:height], "\n")
}
