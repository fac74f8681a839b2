package reader

import (
	"image/color"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"

	"github.com/folio-reader/folio/ui/palette"
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
	Notice         lipgloss.Style // news in the footer: a search wrapped, no next article
	ProgressFilled lipgloss.Style // the part of the progress bar already read
	ProgressEmpty  lipgloss.Style
	Prompt         lipgloss.Style // the search prompt's "/"
}

// DefaultStyles returns the reader's styles for a dark or a light
// background.
func DefaultStyles(isDark bool) Styles { return NewStyles(palette.New(isDark)) }

// NewStyles builds the reader's styles from a palette. Body uses the
// palette's Text, the colour of Glamour's document text, so paragraphs
// folio wraps itself look like the ones Glamour sets.
func NewStyles(p palette.Palette) Styles {
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	return Styles{
		Title:        fg(p.Strong).Bold(true),
		Tag:          fg(p.OnTag).Background(p.Accent).Bold(true).Padding(0, 1),
		Meta:         fg(p.Dim),
		Author:       fg(p.Text).Bold(true),
		AuthorDetail: fg(p.Dim).Italic(true),
		ExtraKey:     fg(p.Dim),
		ExtraValue:   fg(p.Text),
		Rule:         fg(p.Faint),
		Body:         fg(p.Text),
		Contact:      fg(p.Dim),

		Match:        fg(p.MatchFg).Background(p.MatchBg),
		CurrentMatch: fg(p.CurrentFg).Background(p.CurrentBg).Bold(true),

		Status:         fg(p.Dim),
		Notice:         fg(p.Warn),
		ProgressFilled: fg(p.Accent),
		ProgressEmpty:  fg(p.Faint),
		Prompt:         fg(p.Accent).Bold(true),
	}
}

// WithoutColor is s for a terminal that shows no colour (NO_COLOR, a
// dumb terminal), where only attributes mark: every match is underlined,
// the current one also in reverse video.
func (s Styles) WithoutColor() Styles {
	s.Match = s.Match.Underline(true)
	s.CurrentMatch = s.CurrentMatch.Underline(true).Reverse(true)
	return s
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
