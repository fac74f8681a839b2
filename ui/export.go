package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/research"
)

// Export (X) writes the list to a file named in a prompt, in the format
// its extension names, bodies included in every format: a file written
// from the reader is for reading elsewhere, and an export without the
// texts is what folio list --json already prints. An existing file is
// replaced only after a y/n question. Never over SSH: the file would be
// written on the server.

// defaultExport is the name the prompt offers, in the current folder.
const defaultExport = "folio-export.md"

func (m *Model) askExport() tea.Cmd {
	if len(m.list.Result().Rows) == 0 {
		m.notice = "nothing to export: the list is empty"
		return nil
	}
	cmd := m.ask(promptExport, "export the list (.csv .jsonl .md, texts included) to: ", nil)
	m.prompt.input.SetValue(defaultExport)
	m.prompt.input.CursorEnd()
	return cmd
}

// exportFormat is the format a file name's extension names.
func exportFormat(path string) (research.Format, bool) {
	return research.ParseFormat(strings.TrimPrefix(filepath.Ext(path), "."))
}

// exportTo writes the list to path, or asks first when a file is there.
func (m *Model) exportTo(path string) tea.Cmd {
	if _, ok := exportFormat(path); !ok {
		m.notice = "not exported: name the file .csv, .jsonl or .md"
		return nil
	}
	if _, err := os.Lstat(path); err == nil {
		cmd := m.ask(promptOverwrite, safe.Text(path)+" exists: replace it? (y/n) ", nil)
		m.prompt.name = path
		return cmd
	}
	return m.writeExport(path, false)
}

// onOverwriteAnswer takes the y/n of promptOverwrite.
func (m *Model) onOverwriteAnswer(yes bool) tea.Cmd {
	path := m.prompt.name
	m.prompt.kind = promptNone
	if !yes {
		m.notice = "not exported: " + safe.Text(path) + " kept"
		return nil
	}
	return m.writeExport(path, true)
}

// exportedMsg says how an export went.
type exportedMsg struct {
	path    string
	n       int
	skipped int
	err     error
}

// writeExport writes the list in a tea.Cmd. Without replace the file is
// created only if it is still not there.
func (m *Model) writeExport(path string, replace bool) tea.Cmd {
	f, _ := exportFormat(path)
	res, c := m.list.Result(), m.corpus
	m.notice = "exporting " + format.Plural(len(res.Rows), "article", "articles") + "…"
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = exportedMsg{path: path, err: fmt.Errorf("export failed: %v", r)}
			}
		}()
		flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
		if replace {
			flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		}
		out, err := os.OpenFile(path, flags, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return exportedMsg{path: path, err: errors.New("a file appeared there meanwhile")}
		}
		if err != nil {
			return exportedMsg{path: path, err: err}
		}
		skipped, err := research.Export(context.Background(), out, c, res, f, true)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		return exportedMsg{path: path, n: len(res.Rows), skipped: skipped, err: err}
	}
}

func (m *Model) onExported(msg exportedMsg) {
	where := msg.path
	if abs, err := filepath.Abs(msg.path); err == nil {
		where = abs
	}
	if msg.err != nil {
		m.notice = "not exported to " + safe.Text(where) + ": " + safe.Text(msg.err.Error())
		return
	}
	m.notice = "exported " + format.Plural(msg.n, "article", "articles") + " to " + safe.Text(where)
	if msg.skipped > 0 {
		m.notice += " (" + format.Plural(msg.skipped, "text", "texts") + " unreadable, written without)"
	}
}
