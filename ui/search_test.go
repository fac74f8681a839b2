package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/samples"
)

// bgOfWord is the background of the first cell of the first occurrence of
// word on the screen, found from row from on; ok is false when it is not
// there.
func bgOfWord(term terminal, word string, from int) (bg color.Color, row int, ok bool) {
	lines := strings.Split(term.String(), "\n")
	for y := from; y < len(lines); y++ {
		if i := strings.Index(lines[y], word); i >= 0 {
			x := ansi.StringWidth(lines[y][:i])
			c := term.e.CellAt(x, y)
			if c == nil {
				return nil, y, false
			}
			return c.Style.Bg, y, true
		}
	}
	return nil, 0, false
}

// TestReaderMarksFilterWords: an article opened from a filtered list has the
// filter's words marked on the screen, the footer says how many, and n goes
// from one to the next.
func TestReaderMarksFilterWords(t *testing.T) {
	const w, h = 100, 30
	c := sampleCorpus(t)
	if err := loader.IndexBodies(context.Background(), samples.FS(), c); err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, New(Options{Corpus: c, Source: "samples"}), teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.ANSI256))) // colours, as a terminal has them
	t.Cleanup(func() { tm.Quit() })
	term := newTerminal(w, h)
	wait := func(cond func(screen string) bool) string {
		t.Helper()
		var last string
		fed := 0 // WaitFor passes all it has read during this call, each time
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			term.write(b[fed:])
			fed = len(b)
			last = term.String()
			return cond(last)
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
		return last
	}
	has := func(s string) func(string) bool {
		return func(screen string) bool { return strings.Contains(screen, s) }
	}
	wait(has("of 14"))
	tm.Send(keyPress("/"))
	typeText(tm, "obozrevatel kazakh")
	wait(has("1 match"))
	tm.Send(keyPress("enter"))
	tm.Send(keyPress("enter"))
	// The seed article names Obozrevatel once and Kazakhstan many times.
	screen := wait(has(" filter words (n/N)"))
	var total int
	for _, l := range strings.Split(screen, "\n") {
		if i := strings.Index(l, " filter words"); i >= 0 {
			f := strings.Fields(l[:i])
			fmt.Sscan(f[len(f)-1], &total)
		}
	}
	if total < 3 {
		t.Fatalf("%d filter words counted in\n%s", total, screen)
	}
	of := fmt.Sprintf("/%d filter words", total)
	bg, row, ok := bgOfWord(term, "Obozrevatel", 1)
	if !ok || bg == nil {
		t.Fatalf("Obozrevatel is not marked (background %v) in\n%s", bg, screen)
	}
	if plainBg, _, ok := bgOfWord(term, "media", row); ok && plainBg != nil {
		t.Errorf("an unmatched word has a background too: %v", plainBg)
	}
	tm.Send(keyPress("n"))
	wait(has("1" + of))
	current, _, _ := bgOfWord(term, "Obozrevatel", 1)
	if current == nil || current == bg {
		t.Errorf("n did not mark the current match apart: %v vs %v", current, bg)
	}
	tm.Send(keyPress("n"))
	wait(has("2" + of))
	tm.Send(keyPress("N"))
	wait(has("1" + of))
	// esc goes back to the list, the filter kept.
	tm.Send(keyPress("esc"))
	wait(has("filter: obozrevatel kazakh"))
}

// TestRelevanceIsTheDefaultWithWords: typing words switches the list to
// relevance; clearing them brings date order back; s still cycles.
func TestRelevanceIsTheDefaultWithWords(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 20})
	if got := plain(m); !strings.Contains(got, "sort: date") {
		t.Fatalf("no filter, not by date:\n%s", got)
	}
	m = drive(t, m, keyPress("/"), keyPress("t"), keyPress("e"), keyPress("a"), keyPress("enter"))
	if got := plain(m); !strings.Contains(got, "sort: relevance") || m.list.Result().Sort.String() != "relevance" {
		t.Fatalf("words, not by relevance:\n%s", got)
	}
	m = drive(t, m, keyPress("s"))
	if got := plain(m); !strings.Contains(got, "sort: date") {
		t.Errorf("s from relevance:\n%s", got)
	}
	m = drive(t, m, keyPress("s"), keyPress("s"), keyPress("s"), keyPress("s"), keyPress("s"))
	if got := plain(m); !strings.Contains(got, "sort: relevance") {
		t.Errorf("s does not come back to relevance:\n%s", got)
	}
	m = drive(t, m, keyPress("esc"))
	if got := plain(m); !strings.Contains(got, "sort: date") || m.list.Result().Sort.String() != "date" {
		t.Errorf("words gone, not back to date:\n%s", got)
	}
}

// TestTimelineNarrowsByMonth: the facets' timeline holds every article of
// the list, and enter on a bar narrows the filter to its month.
func TestTimelineNarrowsByMonth(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 220, Height: 40}, keyPress("f"))
	ch := m.facets.Chart()
	if ch.ByYear || len(ch.Bars) == 0 {
		t.Fatalf("%d bars, by year %v: want months at 220 columns", len(ch.Bars), ch.ByYear)
	}
	sum := 0
	for _, b := range ch.Bars {
		sum += b.Count
	}
	rows := len(m.list.Result().Rows)
	undated := 0
	for _, n := range m.list.Result().Rows {
		if m.list.Result().Article(n).Published.IsZero() {
			undated++
		}
	}
	if sum+undated != rows {
		t.Errorf("bars hold %d articles (+%d undated), the list %d", sum, undated, rows)
	}
	got := plain(m)
	for _, want := range []string{"Timeline, by month", "peak " + ch.Label(ch.Peak), "█"} {
		if !strings.Contains(got, want) {
			t.Errorf("facets lack %q:\n%s", want, got)
		}
	}
	// tab to the timeline (after the three columns), the chosen bar is the
	// peak; one bar on (an empty month, maybe), then back, and enter.
	m = drive(t, m, keyPress("tab"), keyPress("tab"), keyPress("tab"), keyPress("l"), keyPress("h"))
	if !strings.Contains(plain(m), "› Timeline") {
		t.Fatalf("tab did not reach the timeline:\n%s", plain(m))
	}
	peak := ch.Bars[ch.Peak]
	m = drive(t, m, keyPress("enter"))
	if want := "date:" + peak.From.Format("2006-01"); m.state != stateList || m.input.Value() != want {
		t.Fatalf("state %v, filter %q, want %q", m.state, m.input.Value(), want)
	}
	if got := len(m.list.Result().Rows); got != peak.Count {
		t.Errorf("narrowed to %d articles, the bar has %d", got, peak.Count)
	}
}

// TestSnippetUnderTheList: with words in the filter, the line under the
// list shows the selected article's sentence that holds them, marked.
func TestSnippetUnderTheList(t *testing.T) {
	c := sampleCorpus(t)
	if err := loader.IndexBodies(context.Background(), samples.FS(), c); err != nil {
		t.Fatal(err)
	}
	m := drive(t, New(Options{Corpus: c, Source: "samples"}), tea.WindowSizeMsg{Width: 120, Height: 20})
	m = drive(t, m, keyPress("/"))
	for _, r := range "obozrevatel" {
		m = drive(t, m, keyPress(string(r)))
	}
	got := plain(m)
	if !strings.Contains(got, "Ukrainian media outlet Obozrevatel on Saturday published") {
		t.Fatalf("no snippet:\n%s", got)
	}
	if mark := m.theme.List.Match.Render("Obozrevatel"); !strings.Contains(m.View().Content, mark) {
		t.Errorf("the snippet's word is not marked")
	}
	if lines := strings.Split(m.View().Content, "\n"); len(lines) != 20 {
		t.Errorf("%d lines with the snippet, want 20", len(lines))
	}
}

// TestSnippetShowsItsMatch: a sentence whose match lies past the window's
// width is shown from a few words before the match, after an ellipsis,
// the match marked (at 80 columns "russia" is the 83rd character).
func TestSnippetShowsItsMatch(t *testing.T) {
	c := sampleCorpus(t)
	if err := loader.IndexBodies(context.Background(), samples.FS(), c); err != nil {
		t.Fatal(err)
	}
	m := drive(t, New(Options{Corpus: c, Source: "samples"}), tea.WindowSizeMsg{Width: 80, Height: 20})
	m = typeIn(t, drive(t, m, keyPress("/")), "russia")
	lines := strings.Split(plain(m), "\n")
	var snip string
	for _, l := range lines {
		if strings.Contains(l, "…") && strings.Contains(l, "troops") {
			snip = l
		}
	}
	if !strings.HasPrefix(strings.TrimSpace(snip), "…") || !strings.Contains(snip, "Russia-led troops") {
		t.Fatalf("the snippet does not show its match:\n%s", strings.Join(lines, "\n"))
	}
	if mark := m.theme.List.Match.Render("Russia"); !strings.Contains(m.View().Content, mark) {
		t.Errorf("the snippet's match is not marked")
	}
}

// TestSnippetLeavesTheFooter: the snippet line that a result brings while
// the filter is typed takes a row from the list, not the key hints' line
// under the status line.
func TestSnippetLeavesTheFooter(t *testing.T) {
	c := sampleCorpus(t)
	if err := loader.IndexBodies(context.Background(), samples.FS(), c); err != nil {
		t.Fatal(err)
	}
	m := drive(t, New(Options{Corpus: c, Source: "samples"}), tea.WindowSizeMsg{Width: 80, Height: 24})
	m = typeIn(t, drive(t, m, keyPress("/")), "russia")
	lines := strings.Split(plain(m), "\n")
	if !strings.Contains(plain(m), "Russia-led troops") || !strings.Contains(lines[len(lines)-1], "esc clear filter") {
		t.Errorf("the snippet pushed the footer off the window:\n%s", strings.Join(lines, "\n"))
	}
}
