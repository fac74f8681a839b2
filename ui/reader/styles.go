package reader

import (
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
)

// Styles is how the reader looks. Build it with DefaultStyles for the
// terminal's background; nothing here is shared between sessions.
type Styles struct {
	Title        lipgloss.Style // the headline
	Tag          lipgloss.Style // a category, drawn as a label
	Meta         lipgloss.Style // date, word count, reading time
	Author       lipgloss.Style // the byline
	AuthorDetail lipgloss.Style // the author's title and description
	ExtraKey     lipgloss.Style // unknown header keys
	ExtraValue   lipgloss.Style
	Rule         lipgloss.Style // the lines under the header and above the contact
	Body         lipgloss.Style // text folio wraps itself (raw mode, very large bodies)
	Contact      lipgloss.Style // the trailing e-mail line

	Match        lipgloss.Style // every search match
	CurrentMatch lipgloss.Style // the match n/N moved to

	Status         lipgloss.Style // the footer line
	ProgressFilled lipgloss.Style // the part of the progress bar already read
	ProgressEmpty  lipgloss.Style
	Prompt         lipgloss.Style // the search prompt's "/"
}

// DefaultStyles returns the reader's styles for a dark or a light
// background. Body uses the same colour as Glamour's document text, so
// paragraphs folio wraps itself look like the ones Glamour sets.
func DefaultStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) lipgloss.Style {
		return lipgloss.NewStyle().Foreground(ld(lipgloss.Color(light), lipgloss.Color(dark)))
	}
	accent := ld(lipgloss.Color("62"), lipgloss.Color("99"))
	return Styles{
		Title: c("232", "255").Bold(true),
		Tag: lipgloss.NewStyle().Bold(true).Padding(0, 1).
			Foreground(lipgloss.Color("255")).Background(accent),
		Meta:         c("242", "246"),
		Author:       c("235", "252").Bold(true),
		AuthorDetail: c("244", "243").Italic(true),
		ExtraKey:     c("248", "240"),
		ExtraValue:   c("243", "245"),
		Rule:         c("252", "238"),
		Body:         c("234", "252"),
		Contact:      c("244", "243"),

		Match:        lipgloss.NewStyle().Foreground(ld(lipgloss.Color("232"), lipgloss.Color("230"))).Background(ld(lipgloss.Color("229"), lipgloss.Color("58"))),
		CurrentMatch: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("232")).Background(lipgloss.Color("214")),

		Status:         c("243", "244"),
		ProgressFilled: lipgloss.NewStyle().Foreground(accent),
		ProgressEmpty:  c("252", "238"),
		Prompt:         lipgloss.NewStyle().Bold(true).Foreground(accent),
	}
}

// glamourStyle is Glamour's own dark or light style without its document
// margin and blank lines: the reader lays out the column itself.
func glamourStyle(isDark bool) ansi.StyleConfig {
	s := styles.LightStyleConfig
	if isDark {
		s = styles.DarkStyleConfig
	}
	// The config's pointer fields are shared with Glamour's package values:
	// replace them, never write through them.
	zero := uint(0)
	s.Document.Margin = &zero
	s.Document.BlockPrefix = ""
	s.Document.BlockSuffix = ""
	return s
}
