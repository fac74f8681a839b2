package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/cmd/corpusgen/gen"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/ui/reader"
)

// plantedLibrary writes corpusgen's corpus of n articles with planted
// copies and stories to a temporary folder and opens it as the reader
// does, the copies found; with watch, the folder is followed.
func plantedLibrary(t *testing.T, n int, watch bool) (*library.Library, string) {
	t.Helper()
	for _, v := range []string{"XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"} {
		t.Setenv(v, t.TempDir())
	}
	dir := t.TempDir()
	g := gen.New(5, false)
	p := gen.Plant{N: n, Copies: 0.1, Stories: 0.05}
	if _, err := g.WritePlanted(dir, p); err != nil {
		t.Fatal(err)
	}
	lib, err := library.Open(context.Background(), library.Source{Dir: dir}, library.Options{Bodies: true, NoCache: true, Copies: true, Watch: watch})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	if err := lib.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	lib.Corpus.CurrentCopies()
	return lib, dir
}

// tickUntil sends load ticks until cond holds, failing after a deadline.
func tickUntil(t *testing.T, m Model, what string, cond func(Model) bool) Model {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond(m) {
		if time.Now().After(deadline) {
			t.Fatalf("no %s after 10 s:\n%s", what, plain(m))
		}
		time.Sleep(20 * time.Millisecond) // the watcher's turn; the condition decides
		m = drive(t, m, loadTickMsg{})
	}
	return m
}

// rowOf is the list's row of the article with id; -1 if it has none.
func rowOf(m Model, id string) int {
	res := m.list.Result()
	for i, n := range res.Rows {
		if res.Article(n).ID == id {
			return i
		}
	}
	return -1
}

// screenLine is the screen's line that holds s, trimmed.
func screenLine(m Model, s string) string {
	for _, l := range strings.Split(plain(m), "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// TestCopiesCollapsed: one row a group, marked with its other copies,
// said in the footer; C shows them all and back; facets count the rows.
func TestCopiesCollapsed(t *testing.T) {
	lib, _ := plantedLibrary(t, 300, false)
	c := lib.Corpus
	full := c.Search(model.Query{}, model.SortNewest)
	want := full.Collapse(c.Copies())
	if len(want.Rows) == len(full.Rows) {
		t.Fatal("the planted corpus has no copies")
	}
	m := drive(t, New(Options{Corpus: c, Source: "planted"}), tea.WindowSizeMsg{Width: 120, Height: 30})
	if got := len(m.list.Result().Rows); got != len(want.Rows) {
		t.Fatalf("%d rows, want %d collapsed", got, len(want.Rows))
	}
	if !strings.Contains(plain(m), "copies collapsed · C shows all") {
		t.Errorf("the footer does not say the copies are collapsed:\n%s", plain(m))
	}
	var marked string // an article with copies, and its mark
	for _, n := range want.Rows[:20] {
		if _, size, _ := c.Copies().Of(n); size > 1 {
			marked = want.Article(n).Title
			if l := screenLine(m, marked[:20]); !strings.Contains(l, " +"+string(rune('0'+size-1))+" ") {
				t.Errorf("the row of a group of %d is not marked +%d: %q", size, size-1, l)
			}
			break
		}
	}
	if marked == "" {
		t.Fatal("no group on the first screen")
	}
	counted := m.countFacets()().(facetsMsg)
	years := 0
	for _, y := range counted.f.Years {
		years += y.N
	}
	if years != len(want.Rows) {
		t.Errorf("facets count %d articles by year, want the %d rows", years, len(want.Rows))
	}
	m = drive(t, m, keyPress("C"))
	if got := len(m.list.Result().Rows); got != len(full.Rows) || !strings.Contains(plain(m), "all copies · C collapses") {
		t.Errorf("C: %d rows, want %d; footer:\n%s", got, len(full.Rows), plain(m))
	}
	if strings.Contains(screenLine(m, marked[:20]), " +") {
		t.Errorf("all copies shown, and still a mark: %q", screenLine(m, marked[:20]))
	}
	m = drive(t, m, keyPress("C"))
	if got := len(m.list.Result().Rows); got != len(want.Rows) {
		t.Errorf("C again: %d rows, want %d", got, len(want.Rows))
	}
}

// TestCopyJoinsItsGroup: a copy written while folio runs joins its
// original's group on screen once the library has found it, the cursor
// staying on its article and its row; the reader names it under "also
// published as". Its original removed, the copy stands alone again.
func TestCopyJoinsItsGroup(t *testing.T) {
	lib, dir := plantedLibrary(t, 200, true)
	c := lib.Corpus
	m := drive(t, New(Options{Corpus: c, Source: "planted"}), tea.WindowSizeMsg{Width: 120, Height: 30})
	// An article alone, on the screen, below the cursor.
	res := m.list.Result()
	var orig *model.Article
	for _, n := range res.Rows[3:20] {
		if _, size, _ := c.Copies().Of(n); size == 1 && res.Article(n).Published.Year() > 2000 {
			orig = res.Article(n)
			break
		}
	}
	if orig == nil {
		t.Fatal("no article alone on the first screen")
	}
	m = drive(t, m, keyPress("down"), keyPress("down"))
	cursorID, cursorRow := selectedID(m), m.list.Cursor()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(orig.ID)))
	if err != nil {
		t.Fatal(err)
	}
	// The same text a day later, under another name and byline.
	later := orig.Published.AddDate(0, 0, 1).Format("2006-01-02")
	copied := strings.Replace(string(data), "Published Time: "+orig.Published.Format("2006-01-02"), "Published Time: "+later, 1)
	copied = strings.Replace(copied, "Author: ", "Author: Reprinted by ", 1)
	if copied == string(data) {
		t.Fatalf("no date in %s:\n%.300s", orig.ID, data)
	}
	rows := len(res.Rows)
	if err := os.WriteFile(filepath.Join(dir, "zz-reprint.txt"), []byte(copied), 0o644); err != nil {
		t.Fatal(err)
	}
	m = tickUntil(t, m, "group of two", func(m Model) bool {
		return rowOf(m, orig.ID) >= 0 && strings.Contains(screenLine(m, orig.Title[:20]), " +1 ") || rowOf(m, "zz-reprint.txt") >= 0 && strings.Contains(screenLine(m, orig.Title[:20]), " +1 ")
	})
	if got := len(m.list.Result().Rows); got != rows {
		t.Errorf("%d rows after the copy came, want %d: it has no row of its own", got, rows)
	}
	if selectedID(m) != cursorID || m.list.Cursor() != cursorRow {
		t.Errorf("cursor on %s at row %d, want %s at %d", selectedID(m), m.list.Cursor(), cursorID, cursorRow)
	}

	// The reader of the group's row names the other.
	i := max(rowOf(m, orig.ID), rowOf(m, "zz-reprint.txt"))
	m = drive(t, m, keyPress("g"))
	for range i {
		m = drive(t, m, keyPress("down"))
	}
	m = drive(t, m, keyPress("enter"))
	if m.state != stateReader {
		t.Fatal("not reading")
	}
	other := orig.Published.Format("2006-01-02") + " " + orig.Author
	if selectedID(m) == orig.ID {
		other = later + " Reprinted by " + orig.Author
	}
	if got := plain(m); !strings.Contains(strings.Join(strings.Fields(got), " "), "Also published as: "+other) {
		t.Errorf("the reader does not name %q:\n%s", other, got)
	}
	m = drive(t, m, keyPress("q"))

	// The one shown removed, the other takes its row.
	shown := selectedID(m)
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(shown))); err != nil {
		t.Fatal(err)
	}
	rest := orig.ID
	if shown == orig.ID {
		rest = "zz-reprint.txt"
	}
	m = tickUntil(t, m, "lone copy", func(m Model) bool {
		i := rowOf(m, rest)
		return rowOf(m, shown) < 0 && i >= 0 && !strings.Contains(screenLine(m, m.list.Result().Article(m.list.Result().Rows[i]).Title[:20]), " +1 ")
	})
}

// TestCanonicalRemoved: sorted oldest first, a group's row is its
// canonical; removed, the next published stands for the group.
func TestCanonicalRemoved(t *testing.T) {
	lib, dir := plantedLibrary(t, 300, true)
	c := lib.Corpus
	m := drive(t, New(Options{Corpus: c, Source: "planted", Sort: model.SortOldest}), tea.WindowSizeMsg{Width: 120, Height: 30})
	res := m.list.Result()
	cp := c.Copies()
	var canon int32 = -1
	for _, n := range res.Rows {
		if k, size, _ := cp.Of(n); size > 2 && k == n {
			canon = n
			break
		}
	}
	if canon < 0 {
		t.Fatal("no group of three")
	}
	_, others := res.CopiesOf(cp, canon)
	members := []string{}
	for _, o := range others {
		members = append(members, res.Article(o).ID)
	}
	slices.SortFunc(others, func(a, b int32) int { return res.Article(a).Published.Compare(res.Article(b).Published) })
	next := res.Article(others[0])
	gone := res.Article(canon)
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(gone.ID))); err != nil {
		t.Fatal(err)
	}
	m = tickUntil(t, m, "new canonical", func(m Model) bool {
		if rowOf(m, gone.ID) >= 0 || rowOf(m, next.ID) < 0 {
			return false
		}
		cp := c.Copies()
		k, size, _ := cp.Of(m.list.Result().Rows[rowOf(m, next.ID)])
		return size == len(others) && m.list.Result().Article(k) == next
	})
	for _, id := range members {
		if id != next.ID && rowOf(m, id) >= 0 {
			t.Errorf("%s has a row of its own beside its group's, %s", id, next.ID)
		}
	}
}

// TestCopiesFoundAfterTheList: copies found after the list was shaped
// (the background's search ends after the list's) collapse the list at
// the next tick, though the corpus's version did not move.
func TestCopiesFoundAfterTheList(t *testing.T) {
	lib, dir := plantedLibrary(t, 200, false)
	c := lib.Corpus
	m := drive(t, New(Options{Corpus: c, Source: "planted"}), tea.WindowSizeMsg{Width: 120, Height: 30})
	res := m.list.Result()
	rows := len(res.Rows)
	orig := res.Article(res.Rows[4])
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(orig.ID)))
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(string(data), "\nText: \n")
	late := &model.Article{ID: "zz-late.txt", Title: "Reprinted late", Published: orig.Published.AddDate(0, 0, 1)}
	c.Apply(model.Change{Added: []*model.Article{late}})
	_, to := c.BodiesToIndex()
	w := c.NewBodyWorker()
	w.Add(int32(to-1), []byte(body))
	w.Flush()
	c.BodiesIndexed(to)
	m = drive(t, m, loadTickMsg{})
	if got := len(m.list.Result().Rows); got != rows+1 {
		t.Fatalf("%d rows before the copies were found again, want %d", got, rows+1)
	}
	c.FindCopies()
	m = drive(t, m, loadTickMsg{})
	if got := len(m.list.Result().Rows); got != rows {
		t.Errorf("%d rows once the copy was found, want %d", got, rows)
	}
	if l := screenLine(m, "Reprinted late"); !strings.Contains(l, " +1 ") {
		t.Errorf("the group's row is not marked +1: %q\n%s", l, plain(m))
	}
}

// TestAlsoPublishedLimit: the reader's header names alsoMax copies at
// most, then says how many more there are.
func TestAlsoPublishedLimit(t *testing.T) {
	for _, extra := range []int{alsoMax, alsoMax + 3} {
		t.Run(fmt.Sprint(extra), func(t *testing.T) {
			lib, dir := plantedLibrary(t, 60, false)
			c := lib.Corpus
			m := drive(t, New(Options{Corpus: c, Source: "planted"}), tea.WindowSizeMsg{Width: 120, Height: 30})
			res := m.list.Result()
			orig := res.Article(res.Rows[0])
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(orig.ID)))
			if err != nil {
				t.Fatal(err)
			}
			_, body, _ := strings.Cut(string(data), "\nText: \n")
			if _, size, _ := c.Copies().Of(res.Rows[0]); size != 1 {
				t.Skip("the first article has copies already")
			}
			w := c.NewBodyWorker()
			for i := range extra {
				late := &model.Article{ID: fmt.Sprintf("zz-%d.txt", i), Title: "Reprint", Author: fmt.Sprint("Paper ", i), Published: orig.Published.AddDate(0, 0, -1-i)}
				c.Apply(model.Change{Added: []*model.Article{late}})
				_, to := c.BodiesToIndex()
				w.Add(int32(to-1), []byte(body))
			}
			w.Flush()
			_, to := c.BodiesToIndex()
			c.BodiesIndexed(to)
			c.FindCopies()
			m = drive(t, m, loadTickMsg{})
			a := m.withCopies(orig)
			also := ""
			for _, f := range a.Extra {
				if f.Key == reader.AlsoKey {
					also = f.Value
				}
			}
			names := strings.Count(also, "Paper ")
			more := fmt.Sprintf("and %d more", extra-alsoMax)
			switch {
			case extra <= alsoMax && (names != extra || strings.Contains(also, "more")):
				t.Errorf("%d copies, %d named: %q", extra, names, also)
			case extra > alsoMax && (names != alsoMax || !strings.HasSuffix(also, more)):
				t.Errorf("%d copies: %d named, want %d and %q: %q", extra, names, alsoMax, more, also)
			}
		})
	}
}

// TestSidebarCountsGroups: with the copies collapsed, the sidebar counts
// the rows the list shows, a group once; with every copy shown, articles.
func TestSidebarCountsGroups(t *testing.T) {
	lib, _ := plantedLibrary(t, 300, false)
	m := drive(t, New(Options{Corpus: lib.Corpus, Source: "planted"}), tea.WindowSizeMsg{Width: 120, Height: 35})
	rows := len(m.list.Result().Rows)
	if rows >= lib.Corpus.Len() {
		t.Fatalf("%d rows of %d articles: nothing collapsed", rows, lib.Corpus.Len())
	}
	if got := m.side.tallies[0].Total; got != rows {
		t.Errorf("All counts %d, the list shows %d rows", got, rows)
	}
	m = drive(t, m, keyPress("C"))
	if got := m.side.tallies[0].Total; got != lib.Corpus.Len() {
		t.Errorf("with every copy shown, All counts %d of %d articles", got, lib.Corpus.Len())
	}
}
