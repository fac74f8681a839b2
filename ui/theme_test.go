package ui

import (
	"image/color"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/ui/palette"
)

// A terminal that does not answer the background query (tmux 3.3) but
// whose environment says COLORFGBG=0;15 gets the light theme; an answer,
// when it comes, wins; the settings file's theme wins over both.
func TestThemeFromTheEnvironment(t *testing.T) {
	light, dark := palette.New(false).Accent, palette.New(true).Accent
	accent := func(m Model) color.Color { return m.theme.Title.GetForeground() }
	for _, tt := range []struct {
		theme string
		bg    palette.Background
		want  color.Color
	}{
		{"", palette.Light, light},
		{"auto", palette.Light, light},
		{"", palette.Dark, dark},
		{"", palette.Unknown, dark},
		{"dark", palette.Light, dark},
		{"light", palette.Dark, light},
	} {
		m := New(Options{Corpus: model.NewCorpus(nil), Theme: tt.theme, Background: tt.bg})
		if got := accent(m); got != tt.want {
			t.Errorf("theme %q, environment %v: accent %v, want %v", tt.theme, tt.bg, got, tt.want)
		}
	}
	m := New(Options{Corpus: model.NewCorpus(nil), Background: palette.Light})
	next, _ := m.Update(tea.BackgroundColorMsg{Color: color.Black})
	if got := accent(next.(Model)); got != dark {
		t.Errorf("the terminal answered black: accent %v, want the dark theme's", got)
	}
}
