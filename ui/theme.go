package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"github.com/folio-reader/folio/ui/facets"
	"github.com/folio-reader/folio/ui/list"
	"github.com/folio-reader/folio/ui/reader"
)

// Theme is every style of one session, built for its terminal's background.
// The colour profile is applied when frames are written, by Bubble Tea.
type Theme struct {
	IsDark bool
	Title  lipgloss.Style // the top line
	Status lipgloss.Style // loading, counts
	Notice lipgloss.Style // warnings: ignored query parts, open errors
	Footer lipgloss.Style
	Prompt lipgloss.Style
	Small  lipgloss.Style // the "window too small" message
	List   list.Styles
	Facets facets.Styles
	Reader reader.Styles
	Help   help.Styles
	Input  textinput.Styles
}

// NewTheme builds the styles for a dark or light background.
func NewTheme(isDark bool) Theme {
	ld := lipgloss.LightDark(isDark)
	dim := ld(lipgloss.Color("#767676"), lipgloss.Color("#8a8a8a"))
	accent := ld(lipgloss.Color("#5f5fd7"), lipgloss.Color("#afafff"))
	input := textinput.DefaultStyles(isDark)
	input.Cursor.Blink = false
	return Theme{
		IsDark: isDark,
		Title:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		Status: lipgloss.NewStyle().Foreground(dim),
		Notice: lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#af5f00"), lipgloss.Color("#ffaf5f"))),
		Footer: lipgloss.NewStyle().Foreground(dim),
		Prompt: lipgloss.NewStyle().Bold(true).Foreground(accent),
		Small:  lipgloss.NewStyle().Foreground(dim),
		List:   list.DefaultStyles(isDark),
		Facets: facets.DefaultStyles(isDark),
		Reader: reader.DefaultStyles(isDark),
		Help:   help.DefaultStyles(isDark),
		Input:  input,
	}
}
