package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"github.com/folio-reader/folio/ui/facets"
	"github.com/folio-reader/folio/ui/list"
	"github.com/folio-reader/folio/ui/palette"
	"github.com/folio-reader/folio/ui/reader"
	"github.com/folio-reader/folio/ui/stories"
)

// Theme is every style of one session, built for its terminal's background.
// The colour profile is applied when frames are written, by Bubble Tea.
type Theme struct {
	Title   lipgloss.Style // the top line
	Status  lipgloss.Style // loading, counts
	Notice  lipgloss.Style // warnings: ignored query parts, open errors
	News    lipgloss.Style // what arrived on disk: "+12 new · 3 removed"
	Footer  lipgloss.Style
	Prompt  lipgloss.Style
	Small   lipgloss.Style // the "window too small" message
	Snippet lipgloss.Style // the selected article's matching sentence, under the list
	List    list.Styles
	Facets  facets.Styles
	Stories stories.Styles
	Reader  reader.Styles
	Help    help.Styles
	Input   textinput.Styles
}

// withoutColor is t for a terminal that shows no colour: what colour
// alone told apart is marked by attributes too.
func (t Theme) withoutColor() Theme {
	t.List = t.List.WithoutColor()
	t.Reader = t.Reader.WithoutColor()
	t.Stories = t.Stories.WithoutColor()
	return t
}

// NewTheme builds the styles for a dark or light background, every
// component's from the same palette.
func NewTheme(isDark bool) Theme {
	p := palette.New(isDark)
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	input := textinput.DefaultStyles(isDark)
	input.Cursor.Blink = false
	return Theme{
		Title:   fg(p.Accent).Bold(true),
		Status:  fg(p.Dim),
		Notice:  fg(p.Warn),
		News:    fg(p.Accent).Bold(true),
		Footer:  fg(p.Dim),
		Prompt:  fg(p.Accent).Bold(true),
		Small:   fg(p.Dim),
		Snippet: fg(p.Dim).Italic(true),
		List:    list.NewStyles(p),
		Facets:  facets.NewStyles(p),
		Stories: stories.NewStyles(p),
		Reader:  reader.NewStyles(p),
		Help:    help.DefaultStyles(isDark),
		Input:   input,
	}
}
