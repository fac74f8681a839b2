package reader

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/folio-reader/folio/model"
)

// bodyText is what the screen shows between the header's rule and the
// contact's (or the footer), margins removed, one string a line.
func bodyText(t *testing.T, view string) []string {
	t.Helper()
	var out []string
	in := false
	rows := strings.Split(view, "\n")
	for _, l := range rows[:len(rows)-1] {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "────") {
			if in {
				break
			}
			in = true
			continue
		}
		if in {
			out = append(out, l)
		}
	}
	return out
}

// paragraphs joins wrapped lines back into paragraphs.
func paragraphs(lines []string) []string {
	var out []string
	var cur []string
	for _, l := range append(lines, "") {
		if l == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
			}
			cur = nil
			continue
		}
		cur = append(cur, l)
	}
	return out
}

func TestSeed(t *testing.T) {
	a := seed(t)
	for _, w := range []int{80, 120} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			const h = 160 // the whole article and some blank rows
			m := open(t, newReader(w, h), a)
			view := m.View()
			checkFits(t, view, w, h)
			plain := ansi.Strip(view)
			golden.RequireEqual(t, plain)

			for _, want := range []string{"Monday, 10 January 2022", " OPINION ", " VIEWPOINT ",
				fmt.Sprintf("%d words · 3 min read", a.Words), "By Global Times", "opinion@globaltimes.com.cn",
				"China, Russia won’t part ways"} {
				if !strings.Contains(plain, want) {
					t.Errorf("view lacks %q", want)
				}
			}
			if a.Words < 650 || a.Words > 750 {
				t.Errorf("seed has %d words, want about 698", a.Words)
			}
			if strings.Contains(plain, "Author details not found") {
				t.Error("the placeholder author details are shown")
			}

			paras := paragraphs(bodyText(t, plain))
			index := map[string]int{}
			for i, p := range paras {
				index[p] = i
			}
			// The repaired quote ends its paragraph; the next one starts clean.
			i, ok := index[`The argument is inconceivable.`]
			if !ok || !strings.HasSuffix(paras[i-1], `start to part ways."`) {
				t.Errorf("the quote before %q is not repaired", "The argument is inconceivable.")
			}
			// The glued paragraphs are apart.
			found := false
			for i, p := range paras {
				if strings.HasSuffix(p, "as well.") && i+1 < len(paras) && strings.HasPrefix(paras[i+1], "When Western media") {
					found = true
				}
			}
			if !found {
				t.Error(`"as well." and "When Western media" are not separate paragraphs`)
			}
			// Nothing of the text is lost or added: the same words in the same order.
			if got, want := strings.Fields(strings.Join(paras, " ")), strings.Fields(a.Body); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("body words differ:\n got %q\nwant %q", got, want)
			}
			// The column is the measure, centred.
			col, margin := m.column()
			if col != 80 && w >= 82 || margin != (w-col)/2 {
				t.Errorf("column %d at %d in %d", col, margin, w)
			}
		})
	}
}

func TestRawMode(t *testing.T) {
	m := open(t, newReader(80, 200), seed(t))
	m, _ = press(t, m, "r")
	plain := screen(m)
	golden.RequireEqual(t, plain)
	joined := strings.Join(strings.Fields(plain), " ")
	if !strings.Contains(joined, "as well.When Western media") {
		t.Error("raw mode repairs the glued paragraphs")
	}
	if !strings.Contains(joined, `part ways. "The argument`) {
		t.Error("raw mode repairs the quote")
	}
	if strings.Count(plain, "opinion@globaltimes.com.cn") != 1 {
		t.Error("raw mode does not show the contact line once, where the file has it")
	}
	if !strings.Contains(plain, "raw") {
		t.Error("the footer does not say raw")
	}
	m, _ = press(t, m, "r")
	if joined := strings.Join(strings.Fields(screen(m)), " "); strings.Contains(joined, "well.When") {
		t.Error("r does not go back to the cleaned text")
	}
}

// countRe finds the footer's "3/17".
var countRe = regexp.MustCompile(`\d[\d,]*/\d[\d,]*\+?`)

func footerCount(t *testing.T, m Model) string {
	t.Helper()
	lines := strings.Split(screen(m), "\n")
	return countRe.FindString(lines[len(lines)-1])
}

func TestSearch(t *testing.T) {
	const w, h = 80, 24
	m := open(t, newReader(w, h), seed(t))
	total := 0
	for _, l := range m.doc.lines {
		total += strings.Count(strings.ToLower(l.plain), "kazakhstan")
	}
	if total < 10 {
		t.Fatalf("only %d lines mention Kazakhstan", total)
	}

	m, _ = press(t, m, "/")
	if !m.Searching() {
		t.Fatal("/ does not open the prompt")
	}
	m = typeText(t, m, "KAZAKH")
	m = typeText(t, m, "stan")
	if !strings.Contains(screen(m), "/KAZAKHstan") {
		t.Errorf("the prompt does not show the query:\n%s", screen(m))
	}
	m, _ = press(t, m, "enter")
	if m.Searching() {
		t.Fatal("enter does not close the prompt")
	}
	want := func(i int) string { return fmt.Sprintf("%d/%d", i, total) }
	if got := footerCount(t, m); got != want(1) {
		t.Fatalf("count %q, want %q", got, want(1))
	}
	visible := func(m Model) {
		t.Helper()
		cur := m.search.matches[m.search.cur]
		if int(cur.line) < m.top || int(cur.line) >= m.top+h-1 {
			t.Errorf("match %d on line %d is off screen (top %d)", m.search.cur+1, cur.line, m.top)
		}
		if !strings.Contains(m.View(), m.styles.CurrentMatch.Render("Kazakhstan")) {
			t.Error("the current match is not highlighted")
		}
	}
	visible(m)
	m, _ = press(t, m, "n")
	if got := footerCount(t, m); got != want(2) {
		t.Errorf("after n: %q, want %q", got, want(2))
	}
	visible(m)
	m, _ = press(t, m, "N")
	if got := footerCount(t, m); got != want(1) {
		t.Errorf("after N: %q, want %q", got, want(1))
	}
	m, _ = press(t, m, "N")
	if got := footerCount(t, m); got != want(total) {
		t.Errorf("N from the first: %q, want %q", got, want(total))
	}
	visible(m)
	if m.top == 0 {
		t.Error("the view did not scroll to the last match")
	}
	golden.RequireEqual(t, screen(m))
	m, _ = press(t, m, "n")
	if got := footerCount(t, m); got != want(1) {
		t.Errorf("n from the last: %q, want %q", got, want(1))
	}
	visible(m)
	for i := 2; i <= total; i++ {
		m, _ = press(t, m, "n")
		visible(m)
	}
	if got := footerCount(t, m); got != want(total) {
		t.Errorf("after %d n: %q", total-1, got)
	}

	// esc clears the search first, and only then goes back.
	m, msgs := press(t, m, "esc")
	if len(msgs) != 0 || footerCount(t, m) != "" || m.search.query != "" {
		t.Errorf("esc did not just clear the search: %v %q", msgs, footerCount(t, m))
	}
	if strings.Contains(m.View(), m.styles.Match.Render("Kazakhstan")) {
		t.Error("matches still highlighted after esc")
	}
	_, msgs = press(t, m, "esc")
	if len(msgs) != 1 || msgs[0] != (CloseMsg{}) {
		t.Errorf("second esc: %v, want CloseMsg", msgs)
	}
}

func TestSearchFoldsAccentsAndCancels(t *testing.T) {
	m := open(t, newReader(60, 20), article(t, "z.txt", "Der Zürich-Bericht.\n\nZURICH again, and zurich.\n\nNothing here."))
	m, _ = press(t, m, "/")
	m = typeText(t, m, "zurich")
	if got := footerCount(t, m); got != "1/3" {
		t.Errorf("count %q, want 1/3 (accents and case folded)", got)
	}
	if !strings.Contains(m.View(), m.styles.CurrentMatch.Render("Zürich")) {
		t.Error("the accented match is not highlighted over its own cells")
	}
	m, _ = press(t, m, "esc")
	if m.Searching() || m.search.query != "" || footerCount(t, m) != "" {
		t.Error("esc in the prompt does not cancel the search")
	}
	m, _ = press(t, m, "/")
	m = typeText(t, m, "absent")
	if !strings.Contains(screen(m), "no match") {
		t.Error("no 'no match' for a missing word")
	}
}

// TestFilterMatchedElsewhere: an article the filter matched by its title
// alone says its text holds none of the words, not "no match".
func TestFilterMatchedElsewhere(t *testing.T) {
	m := open(t, newReader(60, 20), article(t, "t.txt", "Nothing of the kind here."))
	m, _ = drain(t, m, m.Highlight(model.ParseQuery("kestrel")))
	if s := screen(m); !strings.Contains(s, "no filter word in the text") {
		t.Errorf("footer of an article matched elsewhere:\n%s", s)
	}
	// The word in the title: the footer says so, rather than that the
	// article holds none.
	titled := article(t, "k.txt", "Nothing of the kind here.")
	titled.Title = "The kestrel returns"
	m = open(t, newReader(80, 20), titled)
	m, _ = drain(t, m, m.Highlight(model.ParseQuery("kestrel")))
	if s := screen(m); !strings.Contains(s, "the filter matched the title, not the text") {
		t.Errorf("footer of an article matched by its title:\n%s", s)
	}
}

func TestKeysForTheShell(t *testing.T) {
	m := open(t, newReader(80, 24), seed(t))
	for _, c := range []struct {
		key  string
		want tea.Msg
	}{
		{"]", StepMsg{Delta: +1}},
		{"[", StepMsg{Delta: -1}},
		{"q", CloseMsg{}},
		{"h", CloseMsg{}},
		{"esc", CloseMsg{}},
	} {
		_, msgs := press(t, m, c.key)
		if len(msgs) != 1 || msgs[0] != c.want {
			t.Errorf("%s: %v, want %v", c.key, msgs, c.want)
		}
	}
	// While the prompt is open, the same keys are typed.
	m, _ = press(t, m, "/")
	m, msgs := press(t, m, "q", "]", "h")
	if len(msgs) != 0 || m.search.input.Value() != "q]h" {
		t.Errorf("prompt keys escaped: %v, value %q", msgs, m.search.input.Value())
	}
}

func TestScrolling(t *testing.T) {
	const h = 20
	m := open(t, newReader(80, h), seed(t))
	body := h - 1
	steps := []struct {
		keys []string
		top  func(max int) int
	}{
		{[]string{"j"}, func(int) int { return 1 }},
		{[]string{"k", "k"}, func(int) int { return 0 }},
		{[]string{"space"}, func(int) int { return body }},
		{[]string{"b"}, func(int) int { return 0 }},
		{[]string{"d"}, func(int) int { return body / 2 }},
		{[]string{"u"}, func(int) int { return 0 }},
		{[]string{"ctrl+d", "f", "pgdown"}, func(int) int { return body/2 + 2*body }},
		{[]string{"G"}, func(max int) int { return max }},
		{[]string{"space"}, func(max int) int { return max }},
		{[]string{"g"}, func(int) int { return 0 }},
		{[]string{"end"}, func(max int) int { return max }},
		{[]string{"home"}, func(int) int { return 0 }},
	}
	for _, s := range steps {
		m, _ = press(t, m, s.keys...)
		if want := s.top(m.maxTop()); m.top != want {
			t.Errorf("after %v: top %d, want %d", s.keys, m.top, want)
		}
	}
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.top != wheelLines {
		t.Errorf("wheel down: top %d", m.top)
	}
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if m.top != 0 {
		t.Errorf("wheel up: top %d", m.top)
	}
	m, _ = press(t, m, "G")
	if !strings.Contains(screen(m), "opinion@globaltimes.com.cn") || !strings.Contains(screen(m), "100%") {
		t.Errorf("G does not show the end:\n%s", screen(m))
	}
}

// TestSpaceAtTheEndMovesOn: space (page down) at the end of an article
// asks for the next one, as mutt's pager does; before the end it pages;
// U asks for the next unread one.
func TestSpaceAtTheEndMovesOn(t *testing.T) {
	m := open(t, newReader(80, 20), seed(t))
	m, out := press(t, m, "space")
	if len(out) != 0 || m.top == 0 {
		t.Fatalf("space before the end: top %d, asked %v", m.top, out)
	}
	m, _ = press(t, m, "G")
	if _, out = press(t, m, "space"); len(out) != 1 || out[0] != (StepMsg{Delta: +1}) {
		t.Errorf("space at the end asked %v, want the next article", out)
	}
	if _, out = press(t, m, "U"); len(out) != 1 || out[0] != (NextUnreadMsg{}) {
		t.Errorf("U asked %v, want the next unread article", out)
	}
}
