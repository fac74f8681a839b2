package list

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/model"
)

func corpus(n int) *model.Corpus {
	c := model.NewCorpus(nil)
	var arts []*model.Article
	for i := range n {
		arts = append(arts, &model.Article{
			ID: fmt.Sprintf("%07d.txt", i), Title: fmt.Sprintf("Article number %d about Kazakhstan and trade", i),
			Category1: "WORLD", Category2: "ASIA-PACIFIC", Author: "Global Times",
			Published: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -i),
		})
	}
	arts = append(arts, &model.Article{ID: "wide.txt", Title: "北京冬奥会 😀 emoji and wide characters in a very long title indeed", Author: "张三", Category1: "SPORT"})
	c.Add(model.Batch{Articles: arts})
	return c
}

func newList(c *model.Corpus, q string, w, h int) Model {
	m := New(DefaultKeyMap(), DefaultStyles(true))
	m.SetSize(w, h)
	m.SetResult(c.Search(model.ParseQuery(q), model.SortNewest), false)
	return m
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func TestViewFitsEverySize(t *testing.T) {
	c := corpus(50)
	for _, size := range [][2]int{{1, 1}, {20, 6}, {30, 10}, {49, 10}, {71, 24}, {80, 24}, {120, 40}, {400, 120}} {
		m := newList(c, "kaz", size[0], size[1])
		lines := strings.Split(m.View(), "\n")
		if len(lines) != size[1] {
			t.Errorf("%v: %d lines", size, len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w != size[0] {
				t.Errorf("%v: line %d is %d cells wide: %q", size, i, w, ansi.Strip(l))
			}
		}
	}
}

func TestMovesAndPosition(t *testing.T) {
	m := newList(corpus(100), "", 80, 11) // 10 rows
	if got := m.PositionText(); got != "1–10 of 101" {
		t.Errorf("position %q", got)
	}
	m, _ = m.Update(press("j"))
	m, _ = m.Update(press("down"))
	if n, _ := m.Selected(); m.res.Article(n).ID != "0000002.txt" {
		t.Errorf("after two downs: %s", m.res.Article(n).ID)
	}
	m, _ = m.Update(press("pgdown"))
	if got := m.PositionText(); got != "4–13 of 101" {
		t.Errorf("after page down %q", got)
	}
	m, _ = m.Update(press("G"))
	if got := m.PositionText(); got != "92–101 of 101" {
		t.Errorf("after G %q", got)
	}
	m, _ = m.Update(press("g"))
	if n, _ := m.Selected(); n != 0 || m.PositionText() != "1–10 of 101" {
		t.Errorf("after g: %d %s", n, m.PositionText())
	}
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if got := m.PositionText(); got != "4–13 of 101" {
		t.Errorf("after wheel %q", got)
	}
	if cmd := m.Click(3); cmd != nil {
		t.Error("a click on another row opened it")
	}
	cmd := m.Click(3)
	if cmd == nil {
		t.Fatal("a click on the selected row did not open it")
	}
	if msg, ok := cmd().(OpenMsg); !ok || m.res.Article(msg.Article).ID != "0000005.txt" {
		t.Errorf("open %v", msg)
	}
}

func TestKeepSelectionWhenTheCorpusGrows(t *testing.T) {
	c := corpus(30)
	m := newList(c, "", 80, 11)
	m.Move(5)
	sel, _ := m.Selected()
	c.Add(model.Batch{Articles: []*model.Article{{ID: "new.txt", Title: "Newest", Published: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}}})
	m.SetResult(c.Search(model.Query{}, model.SortNewest), true)
	if now, _ := m.Selected(); now != sel {
		t.Errorf("selection moved from %d to %d", sel, now)
	}
	m.Move(-100)
	c.Add(model.Batch{Articles: []*model.Article{{ID: "newer.txt", Title: "Even newer", Published: time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)}}})
	m.SetResult(c.Search(model.Query{}, model.SortNewest), true)
	if n, _ := m.Selected(); c.At(n).ID != "newer.txt" {
		t.Errorf("a list at the top did not stay at the top: %s", c.At(n).ID)
	}
	m.SetResult(c.Search(model.ParseQuery("kaz"), model.SortNewest), false)
	if m.cursor != 0 {
		t.Errorf("a new query kept cursor %d", m.cursor)
	}
}

func TestRowsShowColumnsHighlightsAndEllipsis(t *testing.T) {
	m := newList(corpus(3), "kazakhstan", 140, 6)
	view := m.View()
	plain := ansi.Strip(view)
	for _, want := range []string{"DATE", "CATEGORY", "TITLE", "AUTHOR", "2022-01-01", "WORLD/ASIA-PACIFIC", "Global Times"} {
		if !strings.Contains(plain, want) {
			t.Errorf("view lacks %q:\n%s", want, plain)
		}
	}
	if !strings.Contains(view, m.plain.hl.open+"Kazakhstan"+m.plain.hl.close) && !strings.Contains(view, m.sel.hl.open+"Kazakhstan"+m.sel.hl.close) {
		t.Error("the matched word is not highlighted")
	}
	m = newList(corpus(0), "", 60, 4)
	line := strings.Split(ansi.Strip(m.View()), "\n")[1]
	if !strings.Contains(line, "…") || ansi.StringWidth(line) != 60 {
		t.Errorf("wide title not cut by display width: %q (%d cells)", line, ansi.StringWidth(line))
	}
}

// TestColumnsFitTheirContent: the category and author columns take what
// their visible cells need, within a share of the line, and the title the
// rest: at 80 columns the title gets more than category and author
// together; at 200 bylines are whole, given the room the titles leave;
// categories too long for their share show the first name alone.
func TestColumnsFitTheirContent(t *testing.T) {
	c := model.NewCorpus(nil)
	day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	c.Add(model.Batch{Articles: []*model.Article{
		{ID: "a.txt", Title: strings.Repeat("A long headline about trade talks ", 2), Category1: "OPINION", Category2: "VIEWPOINT",
			Author: "Zhang Hui and Liu Xin, Global Times reporters", Published: day},
		{ID: "b.txt", Title: "Short", Category1: "WORLD", Author: "Li Qiang", Published: day.AddDate(0, 0, -1)},
	}})
	c.Finish(0)
	for _, tc := range []struct {
		w              int
		category       string // the first row's category cell
		authorWhole    bool
		titleOverOther bool
	}{
		{80, "OPINION", false, true},
		{200, "OPINION/VIEWPOINT", true, true},
	} {
		m := newList(c, "", tc.w, 4)
		cols := layout(tc.w, m.measure())
		row := ansi.Strip(strings.Split(m.View(), "\n")[1])
		if tc.titleOverOther && cols.title <= cols.category+cols.author {
			t.Errorf("%d: title %d, category %d + author %d", tc.w, cols.title, cols.category, cols.author)
		}
		if !strings.Contains(row, tc.category+"  ") || strings.Contains(row, tc.category+"/") {
			t.Errorf("%d: category cell of %q", tc.w, row)
		}
		if whole := strings.Contains(row, "Global Times reporters"); whole != tc.authorWhole {
			t.Errorf("%d: author whole %v, want %v: %q", tc.w, whole, tc.authorWhole, row)
		}
	}
	// Short content: the columns shrink to it (never below their
	// headings) and the title has the rest.
	m := newList(c, "", 200, 4)
	m.SetResult(c.Search(model.ParseQuery("short"), model.SortNewest), false)
	if cols := layout(200, m.measure()); cols.category != len("CATEGORY") || cols.author != len("Li Qiang") {
		t.Errorf("short content: %+v", cols)
	}
}

// BenchmarkView draws one frame at 100k and 1M articles: it must cost the
// same, since only visible rows are built.
func BenchmarkView(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		c := corpus(n)
		m := newList(c, "kaz trade", 120, 40)
		m.Move(n / 2)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// TestFollowKeepsCursorAndScroll: articles arriving above the cursor push it
// down with its article while the top row holds; a removed article under
// the cursor leaves it on the same row.
func TestFollowKeepsCursorAndScroll(t *testing.T) {
	c := corpus(100)
	m := newList(c, "", 80, 12) // 11 rows
	selected := func() string { n, _ := m.Selected(); return m.Result().Article(n).ID }
	// At the very top, as a reader who has not moved yet.
	before := selected()
	newer := []*model.Article{
		{ID: "new1.txt", Title: "Newer one", Published: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "new2.txt", Title: "Newer two", Published: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC)},
	}
	c.Apply(model.Change{Added: newer})
	m.Follow(c.Search(model.Query{}, model.SortNewest))
	if got := selected(); got != before {
		t.Errorf("cursor on %s, want %s", got, before)
	}
	if first, _, _ := m.Position(); first != 1 {
		t.Errorf("the window scrolled to row %d: new articles must show at the top", first)
	}
	if !strings.Contains(m.View(), "Newer two") {
		t.Error("the new article is not on screen")
	}
	// Down the list: the cursor stays on its article and on its screen
	// row; the window scrolls by what arrived above it, and the position
	// says so.
	for range 30 {
		m, _ = m.Update(press("down"))
	}
	for range 5 {
		m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyUp})
	}
	first, _, _ := m.Position()
	row := m.Cursor() - (first - 1)
	before = selected()
	var four []*model.Article
	for i := range 4 {
		four = append(four, &model.Article{ID: fmt.Sprintf("new%d.txt", 3+i), Title: "Newest", Published: time.Date(2031, 1, 1+i, 0, 0, 0, 0, time.UTC)})
	}
	c.Apply(model.Change{Added: four})
	m.Follow(c.Search(model.Query{}, model.SortNewest))
	if got := selected(); got != before {
		t.Errorf("cursor on %s, want %s", got, before)
	}
	f, _, _ := m.Position()
	if f != first+4 {
		t.Errorf("top row %d, want %d: the window must scroll with the four above it", f, first+4)
	}
	if got := m.Cursor() - (f - 1); got != row {
		t.Errorf("cursor on screen row %d, want %d", got, row)
	}
	if want := fmt.Sprintf("%d–%d of 107", first+4, first+4+10); m.PositionText() != want {
		t.Errorf("position %q, want %q", m.PositionText(), want)
	}
	// An article above the cursor goes: the same, the other way.
	c.Apply(model.Change{Removed: []string{"new6.txt"}})
	m.Follow(c.Search(model.Query{}, model.SortNewest))
	if f2, _, _ := m.Position(); f2 != f-1 || selected() != before {
		t.Errorf("top row %d on %s after one above went, want %d on %s", f2, selected(), f-1, before)
	}
	// The article under the cursor goes: the cursor stays on its row.
	row = m.cursor
	c.Apply(model.Change{Removed: []string{before}})
	m.Follow(c.Search(model.Query{}, model.SortNewest))
	if m.cursor != row || selected() == before {
		t.Errorf("cursor at %d on %s after its article went; want row %d", m.cursor, selected(), row)
	}
}

// TestAlikeTitlesCutInTheMiddle: two headlines that would read the same
// once cut to the column keep their ends, so they can be told apart; a
// title printed twice, and titles that fit, are cut as ever.
func TestAlikeTitlesCutInTheMiddle(t *testing.T) {
	c := model.NewCorpus(nil)
	long := "Ministers of the region met again on Tuesday to discuss the future of "
	c.Add(model.Batch{Articles: []*model.Article{
		{ID: "a.txt", Title: long + "the pipeline"},
		{ID: "b.txt", Title: long + "the railway"},
		{ID: "c.txt", Title: "Short one"},
	}})
	m := newList(c, "", 60, 6)
	view := ansi.Strip(m.View())
	for _, end := range []string{"pipeline", "railway", "Short one"} {
		if !strings.Contains(view, end) {
			t.Errorf("no %q on screen:\n%s", end, view)
		}
	}
}
