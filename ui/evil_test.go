package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
)

// TestEvilNamesOnScreen: a name that holds ESC ] 0 (set the window title)
// or ESC [ reaches the screen written out, on the problems screen and in
// an untitled article's list row, never as a sequence the terminal runs.
func TestEvilNamesOnScreen(t *testing.T) {
	c := model.NewCorpus(nil)
	c.Add(model.Batch{
		Articles: []*model.Article{{ID: "red\x1b[31m.txt", Author: "A"}},
		Problems: []model.Problem{{Path: "bin\x1b]0;title\x07.txt", Reason: "binary content, not text", Severity: model.Skipped}},
	})
	c.Finish(0)
	m := drive(t, New(Options{Corpus: c, Source: "x"}), tea.WindowSizeMsg{Width: 100, Height: 10})
	if v := m.View().Content; strings.Contains(v, "\x1b[31m") || !strings.Contains(plain(m), `(untitled) red\x1b[31m.txt`) {
		t.Errorf("the list row does not show the name escaped:\n%q", v)
	}
	m = drive(t, m, keyPress("p"))
	if v := m.View().Content; strings.Contains(v, "\x1b]0;") || strings.Contains(v, "\x07") ||
		!strings.Contains(plain(m), `skipped: bin\x1b]0;title\x07.txt: binary content`) {
		t.Errorf("the problems screen does not show the name escaped:\n%q", v)
	}
}
