package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/internal/format"
	plaintext "github.com/folio-reader/folio/internal/plain"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
	rstate "github.com/folio-reader/folio/state"
)

// prompt is a one-line question in the footer: a tag to add or remove, a
// name to save the filter under, or a yes/no before marking a whole list.
type prompt struct {
	kind  promptKind
	input textinput.Model
	count int    // for promptMarkAll: the rows the answer marks
	name  string // for promptReplace, promptRename, promptDelete: the saved search
}

type promptKind int

const (
	promptNone promptKind = iota
	promptTag
	promptSave
	promptMarkAll
	promptReplace   // y/n: save over a search of the same name
	promptRename    // a new name for a saved search
	promptDelete    // y/n: delete a saved search
	promptExport    // a file name to export the list to (export.go)
	promptOverwrite // y/n: replace the file an export names
)

// currentArticle is the article the keys act on: the reader's, else the
// list's selected row.
func (m *Model) currentArticle() *model.Article {
	if m.state == stateReader {
		return m.reader.Article()
	}
	if n, ok := m.list.Selected(); ok {
		return m.list.Result().Article(n)
	}
	return nil
}

// targets are the articles m, * and t act on: the rows selected with v,
// else the current article.
func (m *Model) targets() []*model.Article {
	if m.state == stateList {
		if picked := m.list.Picked(); len(picked) > 0 {
			res := m.list.Result()
			out := make([]*model.Article, len(picked))
			for i, n := range picked {
				out[i] = res.Article(n)
			}
			return out
		}
	}
	if a := m.currentArticle(); a != nil {
		return []*model.Article{a}
	}
	return nil
}

// onStateKey handles the reading-state and hand-off keys, in the list and
// in the reader; it reports false for any other key.
func (m *Model) onStateKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	a := m.currentArticle()
	k := m.keys
	if several := m.targets(); len(several) > 1 {
		if cmd, ok := m.onSeveral(msg, several); ok {
			return cmd, true
		}
	}
	switch {
	case m.state == stateList && key.Matches(msg, k.MarkAll):
		n := len(m.list.Result().Rows)
		if n == 0 {
			m.notice = "nothing to mark: the list is empty"
			return nil, true
		}
		cmd := m.ask(promptMarkAll, fmt.Sprintf("mark %s read? (y/n) ", format.Plural(n, "article", "articles")), nil)
		m.prompt.count = n
		return cmd, true
	case m.state == stateList && key.Matches(msg, k.SaveSearch):
		// An empty list is worth saving: the folder fills as articles come.
		if strings.TrimSpace(m.input.Value()) == "" {
			m.notice = "no filter to save: " + k.Filter.Help().Key + " to type one first"
			return nil, true
		}
		return m.ask(promptSave, "save the filter as: ", nil), true
	case m.state == stateList && key.Matches(msg, m.keyMap().Undo):
		n := m.store.SetRead(false, m.undoRead...)
		m.undoRead = nil
		m.notice = format.Plural(n, "article", "articles") + " unread again"
		return m.recount(), true
	case key.Matches(msg, k.EditOff):
		m.notice = k.EditOff.Help().Desc
		return nil, true
	case a == nil:
		return nil, false
	case key.Matches(msg, k.Mark):
		read := m.store.Get(a.ID).Read
		m.store.SetRead(!read, a)
		m.notice = map[bool]string{true: "marked unread", false: "marked read"}[read]
	case key.Matches(msg, k.Star):
		starred := m.store.Get(a.ID).Starred
		m.store.SetStarred(!starred, a)
		m.notice = map[bool]string{true: "star removed", false: "starred"}[starred]
	case key.Matches(msg, k.Tag):
		return m.ask(promptTag, "tag (+add, -remove; tab completes): ", m.tagSuggestions(a)), true
	case key.Matches(msg, k.Copy):
		full, err := m.corpus.Open(a.ID)
		if err != nil {
			m.notice = "cannot copy: " + safe.Text(err.Error())
			return nil, true
		}
		m.notice = "article copied (OSC 52)"
		return tea.SetClipboard(plaintext.Text(full)), true
	case key.Matches(msg, k.CopyID):
		m.notice = "ID copied (OSC 52)"
		return tea.SetClipboard(a.ID), true
	case key.Matches(msg, k.Edit) && m.opts.Dir != "" && !m.opts.Remote:
		return m.edit(a), true
	default:
		return nil, false
	}
	return m.recount(), true
}

func (m *Model) ask(kind promptKind, question string, suggestions []string) tea.Cmd {
	in := textinput.New()
	in.Prompt = question
	in.SetStyles(m.theme.Input)
	in.CharLimit = 200
	if suggestions != nil {
		in.ShowSuggestions = true
		in.SetSuggestions(suggestions)
	}
	m.prompt = prompt{kind: kind, input: in}
	return m.prompt.input.Focus()
}

// tagSuggestions are the tags in use, to add, and the article's own, to
// remove.
func (m *Model) tagSuggestions(a *model.Article) []string {
	names, _ := m.store.Tags()
	var out []string
	for _, t := range names {
		out = append(out, "+"+t)
	}
	for _, t := range m.store.Get(a.ID).Tags {
		out = append(out, "-"+t)
	}
	return out
}

// onPromptKey edits the open prompt; enter answers it, esc drops it.
func (m *Model) onPromptKey(msg tea.KeyPressMsg) tea.Cmd {
	p := &m.prompt
	if p.kind == promptMarkAll {
		if msg.String() == "y" || msg.String() == "Y" {
			res := m.list.Result()
			var unread []*model.Article // what the undo gives back
			for _, n := range res.Rows {
				if a := res.Article(n); !m.store.Get(a.ID).Read {
					unread = append(unread, a)
				}
			}
			changed := m.store.SetRead(true, unread...)
			m.notice = format.Plural(changed, "article", "articles") + " marked read"
			if changed > 0 {
				m.undoRead = unread
				m.notice += " (" + m.keys.Undo.Help().Key + " undoes)"
			}
		} else {
			m.notice = "nothing marked"
		}
		p.kind = promptNone
		return m.recount()
	}
	if p.kind == promptOverwrite {
		return m.onOverwriteAnswer(msg.String() == "y" || msg.String() == "Y")
	}
	if p.kind == promptReplace || p.kind == promptDelete {
		return m.onSearchAnswer(msg.String() == "y" || msg.String() == "Y")
	}
	switch msg.String() {
	case "esc":
		p.kind = promptNone
		return nil
	case "enter":
		text := strings.TrimSpace(p.input.Value())
		kind := p.kind
		p.kind = promptNone
		if text == "" {
			return nil
		}
		switch kind {
		case promptSave:
			return m.saveSearch(text)
		case promptRename:
			return m.renameSearch(p.name, text)
		case promptExport:
			return m.exportTo(text)
		}
		m.applyTags(text)
		if m.state == stateReader {
			m.refreshReader()
			m.reader.Notify(m.notice)
			m.notice = ""
		}
		m.rebuildSidebar()
		return m.recount()
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// applyTags reads "+a -b c" (a bare name adds) for the targets: the
// selected rows, else the current article.
func (m *Model) applyTags(text string) {
	arts := m.targets()
	if len(arts) == 0 {
		return
	}
	defer m.list.Unpick()
	var done []string
	for _, w := range strings.Fields(text) {
		on := !strings.HasPrefix(w, "-")
		name, ok := model.TagName(strings.TrimLeft(w, "+-"))
		if !ok {
			m.notice = fmt.Sprintf("%q is not a tag name (no blanks or quotes)", w)
			return
		}
		n, err := m.store.SetTag(name, on, arts...)
		if err != nil {
			m.notice = "+" + name + " not added: " + err.Error()
			return
		}
		if n > 0 {
			done = append(done, map[bool]string{true: "+", false: "-"}[on]+name)
		}
	}
	m.notice = "tags: " + strings.Join(done, " ")
	if len(done) == 0 {
		m.notice = "tags unchanged"
	}
}

// editedMsg says the editor returned.
type editedMsg struct{ err error }

// edit opens the article's file in $VISUAL or $EDITOR (else vi) and resumes
// once it quits. Never over SSH: it would run a program on the server.
func (m *Model) edit(a *model.Article) tea.Cmd {
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	fields := strings.Fields(editor)
	path := filepath.Join(m.opts.Dir, filepath.FromSlash(a.ID))
	cmd := exec.Command(fields[0], append(fields[1:], path)...)
	return tea.ExecProcess(cmd, func(err error) tea.Msg { return editedMsg{err} })
}

// marks tells the list how to draw a row.
func marksOf(s *rstate.Store) func(id string) (bool, bool) {
	return func(id string) (bool, bool) {
		mk := s.Get(id)
		return mk.Read, mk.Starred
	}
}
