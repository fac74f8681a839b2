// Package chart draws a timeline as vertical bars of block characters, fitted
// to a width: a bar a month, or a bar a year when the months do not fit.
// It draws plain text; callers style it (the facets screen marks the chosen
// bar, folio stats prints it as is).
package chart

import (
	"fmt"
	"strings"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/model"
)

// Chart is a timeline fitted to a width.
type Chart struct {
	Bars   []model.Bucket
	ByYear bool
	Width  int // columns a bar takes, its gap included
	Peak   int // index of the fullest bar, -1 when there are none
}

// Fit chooses months or years, and the bar width, for width columns.
func Fit(tl model.Timeline, width int) Chart {
	c := Chart{Bars: tl.Months}
	if len(tl.Months) > width {
		c.Bars, c.ByYear = tl.Years(), true
	}
	c.Width = 1
	if n := len(c.Bars); n > 0 {
		c.Width = max(1, min(4, width/n))
	}
	c.Peak = model.Peak(c.Bars)
	return c
}

// Label names bar i: 2024-03, or 2024 by year.
func (c Chart) Label(i int) string {
	if c.ByYear {
		return c.Bars[i].From.Format("2006")
	}
	return c.Bars[i].From.Format("2006-01")
}

// Term is the filter term that narrows to bar i.
func (c Chart) Term(i int) string { return "date:" + c.Label(i) }

// eighths are the block characters from empty to full.
var eighths = []rune(" ▁▂▃▄▅▆▇█")

// Rows draws the bars, height rows, top first; every row is
// len(Bars)*Width columns. Each bar is Width-1 columns of blocks and a gap
// (no gap when Width is 1). A bar with any article shows at least a sliver.
func (c Chart) Rows(height int) []string {
	height = max(height, 1)
	peak := 0
	if c.Peak >= 0 {
		peak = c.Bars[c.Peak].Count
	}
	units := make([]int, len(c.Bars)) // eighths of a row
	for i, b := range c.Bars {
		if peak > 0 {
			units[i] = b.Count * height * 8 / peak
			if b.Count > 0 && units[i] == 0 {
				units[i] = 1
			}
		}
	}
	fill := max(c.Width-1, 1)
	rows := make([]string, height)
	var sb strings.Builder
	for r := range height {
		sb.Reset()
		base := (height - 1 - r) * 8
		for _, u := range units {
			ch := eighths[min(max(u-base, 0), 8)]
			sb.WriteString(strings.Repeat(string(ch), fill))
			if c.Width > 1 {
				sb.WriteByte(' ')
			}
		}
		rows[r] = sb.String()
	}
	return rows
}

// PeakLine says which bar is the fullest, placed over it where it fits in
// width columns: "▼ 2024-03: 1,234".
func (c Chart) PeakLine(width int) string {
	if c.Peak < 0 {
		return ""
	}
	text := fmt.Sprintf("▼ peak %s: %s", c.Label(c.Peak), format.Count(c.Bars[c.Peak].Count))
	at := c.Peak * c.Width
	if at+len([]rune(text)) > width {
		// Too far right: end the text at the bar instead.
		text = fmt.Sprintf("peak %s: %s ▼", c.Label(c.Peak), format.Count(c.Bars[c.Peak].Count))
		at = max(0, at-len([]rune(text))+1)
	}
	return strings.Repeat(" ", at) + text
}

// Axis labels the start of each year (or every few years) under the bars.
func (c Chart) Axis() string {
	total := len(c.Bars) * c.Width
	line := []rune(strings.Repeat(" ", total))
	free := 0
	for i, b := range c.Bars {
		if !c.ByYear && b.From.Month() != 1 && i != 0 {
			continue
		}
		label := b.From.Format("2006")
		at := i * c.Width
		if at < free || at+len(label) > total {
			continue
		}
		copy(line[at:], []rune(label))
		free = at + len(label) + 1
	}
	return strings.TrimRight(string(line), " ")
}

// Text is the whole chart as plain lines, for a terminal: the peak, the
// bars, the axis.
func (c Chart) Text(height, width int) string {
	if len(c.Bars) == 0 {
		return "(no dated articles)"
	}
	lines := []string{c.PeakLine(width)}
	lines = append(lines, c.Rows(height)...)
	lines = append(lines, c.Axis())
	return strings.Join(lines, "\n")
}
