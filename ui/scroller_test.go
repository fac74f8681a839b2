package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
)

// TestProblemsWrap: a problem longer than the window wraps, whole, its
// continuation indented, rather than being cut at the edge; page down
// moves by what a screen shows.
func TestProblemsWrap(t *testing.T) {
	c := model.NewCorpus(nil)
	long := "2022/01/" + strings.Repeat("a-very-long-file-name-", 8) + "end.txt"
	probs := []model.Problem{{Path: long, Reason: "the header has no Title line and the file ends before its body", Severity: model.Skipped}}
	for i := range 40 {
		probs = append(probs, model.Problem{Path: fmt.Sprintf("short/%02d.txt", i), Reason: "empty file", Severity: model.Skipped})
	}
	c.Add(model.Batch{Articles: []*model.Article{{ID: "a.txt", Title: "A", Published: time.Now()}}, Problems: probs})
	c.Finish(0)
	m := drive(t, New(Options{Corpus: c, Source: "x"}), tea.WindowSizeMsg{Width: 60, Height: 20})
	m = drive(t, m, keyPress("p"))
	screen := plain(m)
	var text strings.Builder // the screen's lines joined where they wrapped
	for _, l := range strings.Split(screen, "\n") {
		text.WriteString(strings.TrimPrefix(strings.TrimPrefix(l, " "), "  "))
	}
	if !strings.Contains(text.String(), long) || !strings.Contains(screen, "ends before its body") {
		t.Errorf("the long problem is cut:\n%s", screen)
	}
	if !strings.Contains(screen, "\n   ") {
		t.Errorf("no indented continuation:\n%s", screen)
	}
	m = drive(t, m, tea.KeyPressMsg{Code: tea.KeyPgDown})
	if got := plain(m); strings.Contains(got, "end.txt") || !strings.Contains(got, "short/") {
		t.Errorf("page down:\n%s", got)
	}
}
