package reader

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
)

// TestNeverLargerThanTheArea drives the reader through its states in a
// tiny and a huge window and checks every frame's size.
func TestNeverLargerThanTheArea(t *testing.T) {
	long := bigArticle("long.txt", 64<<10)
	wide := article(t, "wide.txt", strings.Repeat("Averyveryverylongwordwithoutanyspaceswhatsoever", 20)+
		"\n\n北京上海广州深圳 中文全角字符测试 "+strings.Repeat("宽", 300)+"\n\nopinion@example.com")
	for _, size := range [][2]int{{20, 6}, {400, 120}, {1, 1}, {2, 2}, {23, 4}, {81, 3}} {
		w, h := size[0], size[1]
		for _, a := range []*model.Article{seed(t), long, wide} {
			m := newReader(w, h)
			m = open(t, m, a)
			frames := []Model{m}
			for _, keys := range [][]string{{"space"}, {"G"}, {"r"}, {"/", "k", "a", "z"}, {"enter", "n"}, {"-", "-", "-"}, {"+"}} {
				m, _ = press(t, m, keys...)
				frames = append(frames, m)
			}
			for _, f := range frames {
				checkFits(t, f.View(), w, h)
			}
		}
	}
	if newReader(0, 0).View() != "" {
		t.Error("a 0×0 reader draws something")
	}
}

// TestHugeArticle: 20 MB open at once with the first page; the rest comes
// from the Cmds.
func TestHugeArticle(t *testing.T) {
	a := bigArticle("huge.txt", 20<<20)
	m := newReader(100, 30)
	start := time.Now()
	cmd := m.Open(a)
	first := screen(m)
	if d := time.Since(start); d > time.Second {
		t.Errorf("first page after %v", d)
	}
	if cmd == nil {
		t.Fatal("no Cmd to set the rest")
	}
	if !strings.Contains(first, "Paragraph 1 opens here.") {
		t.Errorf("the first page lacks the first paragraph:\n%s", first)
	}
	if !strings.Contains(first, "rendering…") {
		t.Errorf("the footer does not say rendering continues:\n%s", first)
	}
	if m.doc.done {
		t.Error("20 MB set synchronously")
	}
	// Input works meanwhile.
	m, _ = m.Update(keyMsg("space"))
	if m.top != 29 {
		t.Errorf("page down while rendering: top %d", m.top)
	}
	m, _ = drain(t, m, cmd)
	if !m.doc.done || m.rendering() {
		t.Fatal("draining the Cmds does not finish the article")
	}
	last := a.Paragraphs()[len(a.Paragraphs())-1]
	m, _ = press(t, m, "G")
	view := screen(m)
	if !strings.Contains(view, last[len(last)-20:]) || strings.Contains(view, "rendering…") {
		t.Errorf("G does not show the end:\n%s", view)
	}
	if got, want := len(a.Paragraphs()), int(m.doc.lines[len(m.doc.lines)-1].unit)+1; got != want {
		t.Errorf("%d paragraphs set, want %d", want, got)
	}
}

// TestHugeSingleLine: one 8 MB paragraph (a file without line breaks) is
// set in pieces too.
func TestHugeSingleLine(t *testing.T) {
	a := bigArticle("line.txt", 8<<20)
	a.Body = strings.ReplaceAll(a.Body, "\n\n", " ")
	m := newReader(80, 24)
	cmd := m.Open(a)
	if m.doc.done || !strings.Contains(screen(m), "Paragraph 1 opens here.") {
		t.Fatal("the first page of a single huge paragraph is not shown alone")
	}
	m, _ = drain(t, m, cmd)
	if !m.doc.done {
		t.Fatal("not finished")
	}
}

// TestFollowEnd: G while the body is still being set stays at the end.
func TestFollowEnd(t *testing.T) {
	a := bigArticle("huge.txt", 8<<20)
	m := newReader(100, 30)
	cmd := m.Open(a)
	m, _ = m.Update(keyMsg("G"))
	m, _ = drain(t, m, cmd)
	if m.top != m.maxTop() {
		t.Errorf("top %d, want the end %d", m.top, m.maxTop())
	}
}

// TestResizeBurstRendersOnce: forty sizes in a row cost one render, for the
// last size; frames drawn meanwhile still fit.
func TestResizeBurstRendersOnce(t *testing.T) {
	m := open(t, newReader(100, 30), seed(t))
	var ticks []tea.Cmd
	for w := 99; w >= 60; w-- {
		m.SetSize(w, 30)
		var cmd tea.Cmd
		m, cmd = m.Update(tea.WindowSizeMsg{Width: w, Height: 30})
		if cmd != nil {
			ticks = append(ticks, cmd)
		}
		checkFits(t, m.View(), w, 30)
	}
	// Fire every tick at once, as the program would after the debounce.
	msgs := make([]tea.Msg, len(ticks))
	var wg sync.WaitGroup
	for i, c := range ticks {
		wg.Add(1)
		go func() { defer wg.Done(); msgs[i] = c() }()
	}
	wg.Wait()
	for _, msg := range msgs {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		m, _ = drain(t, m, cmd)
	}
	if len(m.cache.docs) != 2 {
		t.Errorf("%d renders cached, want 2 (the first size and the last)", len(m.cache.docs))
	}
	if col, _ := m.column(); m.doc.key.width != col || col != 58 {
		t.Errorf("drawn at %d, column %d", m.doc.key.width, col)
	}
}

// TestResizeKeepsParagraph: after a resize the paragraph at the top of the
// screen is still there.
func TestResizeKeepsParagraph(t *testing.T) {
	m := open(t, newReader(100, 20), seed(t))
	m, _ = press(t, m, "space", "space", "j")
	unit := m.doc.lines[m.top].unit
	m.SetSize(50, 20)
	m, _ = drain(t, m, m.relayout())
	if got := m.doc.lines[m.top].unit; got != unit || m.doc.key.width != 48 {
		t.Errorf("top shows unit %d at width %d, want unit %d at 48", got, m.doc.key.width, unit)
	}
	if m.top == 0 || m.doc.lines[m.top-1].unit == unit {
		t.Error("the top line is not the paragraph's first")
	}
}

func TestMeasure(t *testing.T) {
	m := open(t, newReader(160, 30), seed(t))
	if m.doc.key.width != 80 {
		t.Fatalf("default measure %d", m.doc.key.width)
	}
	m, _ = press(t, m, "-", "-", "-")
	if m.doc.key.width != 80-3*measureStep {
		t.Errorf("after 3 × -: %d", m.doc.key.width)
	}
	m, _ = press(t, m, "+")
	if m.doc.key.width != 80-2*measureStep {
		t.Errorf("after +: %d", m.doc.key.width)
	}
	// The footer says the width the keys chose, until the next key.
	if s := screen(m); !strings.Contains(s, fmt.Sprintf("width %d columns", 80-2*measureStep)) {
		t.Errorf("the footer does not say the width:\n%s", s)
	}
	if s := screen(open(t, newReader(60, 30), seed(t))); strings.Contains(s, "width") {
		t.Errorf("the width said with no + or -:\n%s", s)
	}
	m.SetMeasure(50)
	m, _ = drain(t, m, m.relayout())
	_, margin := m.column()
	lines := strings.Split(screen(m), "\n")
	for i, l := range lines[:len(lines)-1] { // the footer aside
		if len([]rune(strings.TrimRight(l, " "))) > margin+50 {
			t.Errorf("line %d wider than the measure: %q", i, l)
		}
	}
	if margin != 55 {
		t.Errorf("margin %d, want the column centred at 55", margin)
	}
}

func TestThemeChange(t *testing.T) {
	m := open(t, newReader(80, 24), seed(t))
	dark := m.View()
	m.SetStyles(DefaultStyles(false), false)
	m, _ = drain(t, m, m.relayout())
	if m.View() == dark {
		t.Error("the theme change did not restyle the article")
	}
	if !strings.Contains(m.View(), "38;5;234") {
		t.Error("the light body colour is not used")
	}
}

func TestResizeKeepsCurrentMatch(t *testing.T) {
	m := open(t, newReader(100, 20), seed(t))
	m, _ = press(t, m, "/")
	m = typeText(t, m, "russia")
	m, _ = press(t, m, "enter", "n", "n", "n", "n")
	before := footerCount(t, m)
	m.SetSize(50, 20)
	m, _ = drain(t, m, m.relayout())
	if got := footerCount(t, m); got != before || before != "5/"+strings.Split(before, "/")[1] {
		t.Errorf("after a resize the count is %q, was %q", got, before)
	}
	cur := m.search.matches[m.search.cur]
	if int(cur.line) < m.top || int(cur.line) >= m.top+19 {
		t.Error("the current match is off screen after the resize")
	}
}

// TestSearchHugeArticle: a long article is searched in the background; the
// visible matches are highlighted meanwhile.
func TestSearchHugeArticle(t *testing.T) {
	a := bigArticle("big.txt", 6<<20)
	m := open(t, newReader(100, 30), a)
	if len(m.doc.lines) <= syncScanLines {
		t.Fatalf("only %d lines: not a background search", len(m.doc.lines))
	}
	want := 0
	for _, l := range m.doc.lines {
		want += strings.Count(model.Fold(l.plain), "zurich")
	}
	m, _ = press(t, m, "/")
	var cmds []tea.Cmd
	for _, r := range "zurich" {
		var cmd tea.Cmd
		m, cmd = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		cmds = append(cmds, cmd)
	}
	if !strings.Contains(screen(m), "searching…") {
		t.Error("the footer does not say the search is under way")
	}
	if !strings.Contains(m.View(), m.styles.Match.Render("Zürich")) {
		t.Error("visible matches are not highlighted during the search")
	}
	m, _ = drain(t, m, tea.Batch(cmds...))
	if got := footerCount(t, m); got != "1/"+group(want) {
		t.Errorf("count %q, want 1/%d", got, want)
	}
	m, _ = press(t, m, "enter", "N")
	if got := footerCount(t, m); got != group(want)+"/"+group(want) {
		t.Errorf("N from the first: %q, want %d/%d", got, want, want)
	}
	if m.top < len(m.doc.lines)-100 {
		t.Errorf("top %d: not at the last match near the end", m.top)
	}
}

// TestWiderAtTheWindowsEdge: + where the window is the limit (80 columns
// at the start, the column is 78) changes nothing and says why, rather
// than nothing; so does + at the widest.
func TestWiderAtTheWindowsEdge(t *testing.T) {
	m := open(t, newReader(80, 24), seed(t))
	m, _ = press(t, m, "+")
	if s := screen(m); m.doc.key.width != 78 || !strings.Contains(s, "width 78 columns: the window's") {
		t.Errorf("+ at 80 columns: width %d, footer:\n%s", m.doc.key.width, s)
	}
	m = open(t, newReader(300, 24), seed(t))
	m.SetMeasure(maxMeasure)
	m, _ = drain(t, m, m.relayout())
	m, _ = press(t, m, "+")
	if s := screen(m); !strings.Contains(s, fmt.Sprintf("width %d columns, the widest", maxMeasure)) {
		t.Errorf("+ at the widest: footer:\n%s", s)
	}
}
