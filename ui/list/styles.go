package list

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/folio-reader/folio/ui/palette"
)

// Styles are the list's looks. Rows are drawn by hand from the escape
// sequences each style opens and closes with, since a frame must cost well
// under two milliseconds and lipgloss.Render per cell would not.
type Styles struct {
	Header   lipgloss.Style // the column titles
	Row      lipgloss.Style
	Selected lipgloss.Style // the row under the cursor
	Date     lipgloss.Style
	Category lipgloss.Style
	Author   lipgloss.Style
	Missing  lipgloss.Style // "(untitled)", "-"
	Match    lipgloss.Style // a word the filter matched
	Unread   lipgloss.Style // an unread row's title
	Star     lipgloss.Style // the star of a starred row
}

// DefaultStyles returns styles for a dark or light background.
func DefaultStyles(isDark bool) Styles { return NewStyles(palette.New(isDark)) }

// NewStyles builds the list's styles from a palette.
func NewStyles(p palette.Palette) Styles {
	return Styles{
		Header:   lipgloss.NewStyle().Bold(true).Foreground(p.Dim),
		Row:      lipgloss.NewStyle(),
		Selected: lipgloss.NewStyle().Background(p.SelectedBg).Bold(true),
		Date:     lipgloss.NewStyle().Foreground(p.Dim),
		Category: lipgloss.NewStyle().Foreground(p.Accent),
		Author:   lipgloss.NewStyle().Foreground(p.Byline),
		Missing:  lipgloss.NewStyle().Foreground(p.Dim).Italic(true),
		Match:    lipgloss.NewStyle().Foreground(p.MatchFg).Background(p.MatchBg),
		Unread:   lipgloss.NewStyle().Bold(true),
		Star:     lipgloss.NewStyle().Foreground(p.Accent).Bold(true),
	}
}

// WithoutColor is s for a terminal that shows no colour (NO_COLOR, a
// dumb terminal), where only attributes mark: the cursor's row is in
// reverse video (bold alone is an unread row), matches are underlined.
func (s Styles) WithoutColor() Styles {
	s.Selected = s.Selected.Reverse(true)
	s.Match = s.Match.Underline(true)
	return s
}

// paint is a style reduced to the sequences that open and close it.
type paint struct{ open, close string }

func paintOf(s lipgloss.Style) paint {
	// A printable mark: Lip Gloss sets no attribute on a control
	// character (an underline would be lost), and no escape sequence
	// holds an x.
	const mark = "x"
	r := s.Render(mark)
	open, close, ok := strings.Cut(r, mark)
	if !ok {
		return paint{}
	}
	return paint{open, close}
}

// merge lays s over base: s's colours where set, base's otherwise.
func merge(base, s lipgloss.Style) lipgloss.Style {
	out := base
	if fg := s.GetForeground(); !isNoColor(fg) {
		out = out.Foreground(fg)
	}
	if bg := s.GetBackground(); !isNoColor(bg) {
		out = out.Background(bg)
	}
	if s.GetBold() {
		out = out.Bold(true)
	}
	if s.GetItalic() {
		out = out.Italic(true)
	}
	if s.GetUnderline() {
		out = out.Underline(true)
	}
	return out
}

func isNoColor(c color.Color) bool {
	_, ok := c.(lipgloss.NoColor)
	return c == nil || ok
}

// paints holds, for a plain row and a selected one, every cell's paint.
type paints struct {
	header                                     paint
	date, category, title, author, missing, hl paint
	unread, star                               paint
}

func (s Styles) paints(selected bool) paints {
	base := s.Row
	if selected {
		base = s.Selected
	}
	return paints{
		header:   paintOf(s.Header),
		date:     paintOf(merge(base, s.Date)),
		category: paintOf(merge(base, s.Category)),
		title:    paintOf(base),
		author:   paintOf(merge(base, s.Author)),
		missing:  paintOf(merge(base, s.Missing)),
		hl:       paintOf(merge(base, s.Match)),
		unread:   paintOf(merge(base, s.Unread)),
		star:     paintOf(merge(base, s.Star)),
	}
}
