package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"

	"github.com/folio-reader/folio/model"
)

// TestListCountsAsTheRenderer: the list counts cells per code point, as
// Bubble Tea's renderer does, until the terminal reports grapheme clustering
// (mode 2027); then per grapheme cluster, as the renderer then does.
func TestListCountsAsTheRenderer(t *testing.T) {
	c := model.NewCorpus(nil)
	day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	c.Add(model.Batch{Articles: []*model.Article{
		{ID: "a.txt", Title: "Plain title", Author: "Global Times", Published: day},
		{ID: "b.txt", Title: "Family 👨‍👩‍👧‍👦 day out", Author: "Global Times", Published: day.AddDate(0, 0, -1)},
	}})
	c.Finish(0)
	columns := func(m Model, width func(string) int) []int {
		var at []int
		for _, l := range strings.Split(plain(m), "\n") {
			if i := strings.Index(l, "Global Times"); i >= 0 {
				at = append(at, width(l[:i]))
			}
		}
		return at
	}
	m := drive(t, New(Options{Corpus: c, Source: "emoji"}), tea.WindowSizeMsg{Width: 90, Height: 10})
	if at := columns(m, ansi.StringWidthWc); len(at) != 2 || at[0] != at[1] {
		t.Errorf("before mode 2027: author at cells %v by wcwidth", at)
	}
	m = drive(t, m, tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeReset})
	if at := columns(m, uniseg.StringWidth); len(at) != 2 || at[0] != at[1] {
		t.Errorf("after mode 2027: author at cells %v by grapheme clusters", at)
	}
}
