package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/internal/safe"
	rstate "github.com/folio-reader/folio/state"
)

// Saved searches: S saves the filter under a name, asking before it
// replaces one; in the sidebar, r renames the saved search under the
// cursor and d deletes it, after a question. The settings file's folders
// are the file's to change.

// savedSearch is the search the store holds under name.
func (m Model) savedSearch(name string) (rstate.Search, bool) {
	i := slices.IndexFunc(m.store.Searches(), func(s rstate.Search) bool { return s.Name == name })
	if i < 0 {
		return rstate.Search{}, false
	}
	return m.store.Searches()[i], true
}

// fromSettings reports whether name is a folder of the settings file.
func (m Model) fromSettings(name string) bool {
	return slices.ContainsFunc(m.opts.Searches, func(s config.Search) bool { return s.Name == name })
}

// saveSearch saves the filter as name, or asks first when a saved search
// has that name.
func (m *Model) saveSearch(name string) tea.Cmd {
	if m.fromSettings(name) {
		m.notice = "not saved: " + safe.Text(name) + " is a folder of the settings file"
		return nil
	}
	if old, ok := m.savedSearch(name); ok {
		if old.Query == m.input.Value() {
			m.notice = "already saved as " + safe.Text(name)
			return nil
		}
		cmd := m.ask(promptReplace, "replace "+safe.Text(name)+" ("+safe.Text(old.Query)+")? (y/n) ", nil)
		m.prompt.name = name
		return cmd
	}
	return m.storeSearch(name)
}

func (m *Model) storeSearch(name string) tea.Cmd {
	if err := m.store.SaveSearch(name, m.input.Value()); err != nil {
		m.notice = "not saved: " + err.Error()
		return nil
	}
	m.notice = "saved as " + safe.Text(name) + " (" + m.keys.Sidebar.Help().Key + " shows the folders)"
	m.rebuildSidebar()
	return m.recount()
}

// onSearchAnswer takes the y/n of promptReplace or promptDelete.
func (m *Model) onSearchAnswer(yes bool) tea.Cmd {
	kind, name := m.prompt.kind, m.prompt.name
	m.prompt.kind = promptNone
	switch {
	case !yes && kind == promptReplace:
		m.notice = "not saved: " + safe.Text(name) + " kept"
		return nil
	case !yes:
		m.notice = safe.Text(name) + " kept"
		return nil
	case kind == promptReplace:
		return m.storeSearch(name)
	}
	m.store.DeleteSearch(name)
	m.notice = "deleted " + safe.Text(name)
	m.rebuildSidebar()
	return m.recount()
}

// renameSearch saves the search under a new name and drops the old one.
func (m *Model) renameSearch(from, to string) tea.Cmd {
	old, ok := m.savedSearch(from)
	switch {
	case !ok || from == to:
		return nil
	case m.fromSettings(to):
		m.notice = "not renamed: " + safe.Text(to) + " is a folder of the settings file"
		return nil
	}
	if _, taken := m.savedSearch(to); taken {
		m.notice = "not renamed: a saved search is already called " + safe.Text(to)
		return nil
	}
	if err := m.store.SaveSearch(to, old.Query); err != nil {
		m.notice = "not renamed: " + err.Error()
		return nil
	}
	m.store.DeleteSearch(from)
	m.notice = "renamed " + safe.Text(from) + " to " + safe.Text(to)
	m.rebuildSidebar()
	return m.recount()
}

// onSearchFolderKey handles r and d on the sidebar's folder under the
// cursor: only a search saved with S can be renamed or deleted.
func (m *Model) onSearchFolderKey(rename bool) tea.Cmd {
	f := m.side.folders[m.side.cursor]
	if _, ok := m.savedSearch(f.name); !ok || m.fromSettings(f.name) {
		m.notice = "only searches saved with S can be renamed or deleted here"
		return nil
	}
	if rename {
		cmd := m.ask(promptRename, "rename "+safe.Text(f.name)+" to: ", nil)
		m.prompt.input.SetValue(f.name)
		m.prompt.name = f.name
		return cmd
	}
	cmd := m.ask(promptDelete, "delete the saved search "+safe.Text(f.name)+"? (y/n) ", nil)
	m.prompt.name = f.name
	return cmd
}
