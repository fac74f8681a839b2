package reader

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/model"
)

// headerUnit marks the lines of the header card; the contact lines carry the
// unit after the last one of the body.
const headerUnit = -1

// headerLines sets the card above the body: the categories as labels, the
// title, the date in words with the length, the byline, and any header keys
// the format does not define, closed by a rule.
func headerLines(a *model.Article, width int, s Styles) []line {
	var out []line
	add := func(styled string) {
		out = append(out, line{plain: ansi.Strip(styled), styled: styled, unit: headerUnit})
	}
	blank := func() { out = append(out, line{unit: headerUnit}) }
	wrapped := func(text string, st lipgloss.Style) {
		for _, l := range strings.Split(ansi.Wrap(text, width, ""), "\n") {
			add(st.Render(strings.TrimRight(l, " ")))
		}
	}

	if tags := tagLines(a, width, s.Tag); len(tags) > 0 {
		for _, t := range tags {
			add(t)
		}
		blank()
	}
	title := a.Title
	if title == "" {
		title = "(untitled)"
	}
	wrapped(title, s.Title)
	blank()

	date := "undated"
	if !a.Published.IsZero() {
		date = a.Published.Format("Monday, 2 January 2006")
	}
	wrapped(date+" · "+plural(a.Words, "word")+" · "+readingTime(a.ReadingMinutes()), s.Meta)
	if a.Author != "" {
		wrapped("By "+a.Author, s.Author)
	}
	seen := map[string]bool{a.Author: true, "": true}
	for _, d := range []string{a.AuthorTitle, a.AuthorDescription} {
		if !seen[d] { // files often repeat the byline or the title
			seen[d] = true
			wrapped(d, s.AuthorDetail)
		}
	}
	for _, f := range a.Extra {
		extraLines(f, width, s, add)
	}
	blank()
	add(s.Rule.Render(strings.Repeat("─", width)))
	blank()
	return out
}

// tagLines draws the categories as labels, as many to a line as fit.
func tagLines(a *model.Article, width int, st lipgloss.Style) []string {
	var lines []string
	var cur string
	for _, c := range []string{a.Category1, a.Category2} {
		if c == "" {
			continue
		}
		room := max(width-st.GetHorizontalFrameSize(), 1)
		tag := st.Render(ansi.Truncate(c, room, "…"))
		switch {
		case cur == "":
			cur = tag
		case ansi.StringWidth(cur)+1+ansi.StringWidth(tag) <= width:
			cur += " " + tag
		default:
			lines = append(lines, cur)
			cur = tag
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// extraLines lists one unknown header key quietly: the key dim, the value
// beside it, wrapped under it when long.
func extraLines(f model.Field, width int, s Styles, add func(string)) {
	text := f.Key + ": " + f.Value
	for i, l := range strings.Split(ansi.Wrap(text, width, ""), "\n") {
		l = strings.TrimRight(l, " ")
		if i == 0 && strings.HasPrefix(l, f.Key+":") {
			add(s.ExtraKey.Render(f.Key+":") + s.ExtraValue.Render(l[len(f.Key)+1:]))
			continue
		}
		add(s.ExtraValue.Render(l))
	}
}

// contactLines set the trailing e-mail apart from the text: a short rule,
// then the address.
func contactLines(contact string, width int, unit int32, s Styles) []line {
	if contact == "" {
		return nil
	}
	rule := s.Rule.Render(strings.Repeat("─", min(width, 12)))
	out := []line{{unit: unit}, {plain: ansi.Strip(rule), styled: rule, unit: unit}}
	for _, l := range strings.Split(ansi.Wrap(contact, width, ""), "\n") {
		styled := s.Contact.Render(l)
		out = append(out, line{plain: ansi.Strip(styled), styled: styled, unit: unit})
	}
	return out
}

// readingTime says "7 min read", and past two hours "290 h read": nobody
// plans 17,391 minutes.
func readingTime(min int) string {
	if min < 120 {
		return group(min) + " min read"
	}
	return group((min+30)/60) + " h read"
}

// plural says "1 word", "698 words", "12,345 words".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return group(n) + " " + noun + "s"
}

// group writes n with thousands separated by commas.
func group(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
