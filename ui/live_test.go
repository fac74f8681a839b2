package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
)

func selectedID(m Model) string {
	n, ok := m.list.Selected()
	if !ok {
		return ""
	}
	return m.list.Result().Article(n).ID
}

// TestLiveList: articles arriving and going while the list is shown appear
// and disappear at the next tick, the cursor stays on its article, and the
// footer says what happened until the next key.
func TestLiveList(t *testing.T) {
	c := sampleCorpus(t)
	m := drive(t, New(Options{Corpus: c, Source: "samples"}), tea.WindowSizeMsg{Width: 120, Height: 30})
	m = drive(t, m, keyPress("down"), keyPress("down"))
	was := selectedID(m)
	fresh := &model.Article{ID: "2030/fresh.txt", Title: "Fresh from the scraper", Category1: "WORLD",
		Published: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	c.Apply(model.Change{Added: []*model.Article{fresh}})
	m = drive(t, m, loadTickMsg{})
	screen := plain(m)
	if !strings.Contains(screen, "Fresh from the scraper") || !strings.Contains(screen, "+1 new") {
		t.Errorf("the new article or the news is missing:\n%s", screen)
	}
	if got := selectedID(m); got != was {
		t.Errorf("cursor on %s, want %s", got, was)
	}
	if !strings.Contains(screen, "of 15") {
		t.Errorf("count not updated:\n%s", screen)
	}
	m = drive(t, m, keyPress("down"))
	if strings.Contains(plain(m), "+1 new") {
		t.Error("the news outlived the next key")
	}

	// A filter applies to what arrives; the news says how many match.
	m = drive(t, m, keyPress("/"))
	for _, r := range "scraper" {
		m = drive(t, m, keyPress(string(r)))
	}
	m = drive(t, m, keyPress("enter"))
	c.Apply(model.Change{Added: []*model.Article{
		{ID: "2030/a.txt", Title: "Another scraper story", Published: time.Date(2030, 2, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "2030/b.txt", Title: "Unrelated", Published: time.Date(2030, 2, 1, 0, 0, 0, 0, time.UTC)},
	}})
	m = drive(t, m, loadTickMsg{})
	screen = plain(m)
	if !strings.Contains(screen, "Another scraper story") || strings.Contains(screen, "Unrelated") || !strings.Contains(screen, "+2 new (1 matching)") {
		t.Errorf("filtered arrivals:\n%s", screen)
	}
	c.Apply(model.Change{Removed: []string{"2030/fresh.txt", "2030/a.txt"}})
	m = drive(t, m, loadTickMsg{})
	screen = plain(m)
	if strings.Contains(screen, "Fresh from the scraper") || !strings.Contains(screen, "2 removed") {
		t.Errorf("removed articles:\n%s", screen)
	}
}

// TestLiveReader: the article open in the reader says when its file
// changed, shows the new text on R, and stays readable once removed.
func TestLiveReader(t *testing.T) {
	c := sampleCorpus(t)
	m := drive(t, New(Options{Corpus: c, Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 30})
	id := selectedID(m)
	m = drive(t, m, keyPress("enter"))
	if m.state != stateReader {
		t.Fatal("not reading")
	}
	if k := m.reader.KeyMap(); k.Reload.Enabled() {
		t.Error("R offered before anything changed")
	}
	old, _ := c.ByID(id)
	edited := *old
	edited.Title, edited.Body, edited.RawBody = "A title edited on disk", "The new text of the article.", "The new text of the article."
	c.Apply(model.Change{Changed: []*model.Article{&edited}})
	m = drive(t, m, loadTickMsg{})
	screen := plain(m)
	if !strings.Contains(screen, "changed on disk") || strings.Contains(screen, "A title edited on disk") {
		t.Errorf("want the old text with a note:\n%s", screen)
	}
	m = drive(t, m, tea.KeyPressMsg{Code: 'R', Text: "R"})
	screen = plain(m)
	if !strings.Contains(screen, "A title edited on disk") || strings.Contains(screen, "changed on disk") {
		t.Errorf("R did not show the new text:\n%s", screen)
	}
	c.Apply(model.Change{Removed: []string{id}})
	m = drive(t, m, loadTickMsg{})
	screen = plain(m)
	if !strings.Contains(screen, "removed from the folder") || !strings.Contains(screen, "A title edited on disk") {
		t.Errorf("a removed article must stay readable, marked:\n%s", screen)
	}
	m = drive(t, m, keyPress("esc"))
	if strings.Contains(plain(m), "A title edited on disk") {
		t.Error("the removed article is still in the list")
	}
}

func TestNewsWords(t *testing.T) {
	for _, tt := range []struct {
		n        news
		filtered bool
		want     string
	}{
		{news{added: 1}, true, "+1 new (none matching)"},
		{news{added: 3, shown: 1}, true, "+3 new (1 matching)"},
		{news{added: 3, shown: 3}, true, "+3 new"},
		{news{added: 2}, false, "+2 new"},
	} {
		if got := tt.n.text(tt.filtered); !strings.HasPrefix(got, tt.want) || strings.Contains(got, "match)") {
			t.Errorf("%+v: %q, want %q", tt.n, got, tt.want)
		}
	}
}
