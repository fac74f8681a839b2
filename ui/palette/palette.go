// Package palette names folio's colours once, for a dark and a light
// background; every component builds its Styles from a Palette, so the
// list, the reader and the shell cannot drift apart.
package palette

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Palette is one background's colours, by role. It is a value: each
// session (each SSH client) builds its own for its terminal.
type Palette struct {
	IsDark bool

	Text   color.Color // body text, as Glamour sets it
	Strong color.Color // headlines
	Dim    color.Color // secondary text: dates, counts, status lines
	Faint  color.Color // rules, the unread part of the progress bar
	Accent color.Color // titles, prompts, categories, what is filled
	OnTag  color.Color // text on an Accent background
	Byline color.Color // authors
	Warn   color.Color // notices: ignored query parts, open errors

	SelectedBg color.Color // the row under the cursor

	MatchFg, MatchBg     color.Color // every match of a filter or search
	CurrentFg, CurrentBg color.Color // the match n/N moved to

	// Series tell a chart's lines apart (the trends screen's A–F); each
	// also has a letter, so none is told by colour alone.
	Series [6]color.Color
}

// New returns the palette for a dark or a light background. The values are
// xterm-256 colours, so they downsample cleanly to what a terminal has.
func New(isDark bool) Palette {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	return Palette{
		IsDark:     isDark,
		Text:       c("234", "252"),
		Strong:     c("232", "255"),
		Dim:        c("243", "245"),
		Faint:      c("252", "238"),
		Accent:     c("62", "147"),
		OnTag:      c("255", "232"),
		Byline:     c("64", "108"),
		Warn:       c("130", "215"),
		SelectedBg: c("189", "237"),
		MatchFg:    c("232", "232"),
		MatchBg:    c("221", "186"),
		CurrentFg:  lipgloss.Color("232"),
		CurrentBg:  lipgloss.Color("214"),
		Series:     [6]color.Color{c("25", "75"), c("130", "215"), c("28", "114"), c("125", "211"), c("91", "177"), c("30", "80")},
	}
}
