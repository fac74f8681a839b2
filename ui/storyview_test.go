package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/folio-reader/folio/model"
)

// ids are the IDs of the list's rows, sorted.
func ids(m Model) []string {
	res := m.list.Result()
	out := make([]string, 0, len(res.Rows))
	for _, n := range res.Rows {
		out = append(out, res.Article(n).ID)
	}
	slices.Sort(out)
	return out
}

// TestStoryNarrows: enter on a story narrows the list to exactly its
// articles, said in the footer; esc leaves it, and so does a cleared
// filter.
func TestStoryNarrows(t *testing.T) {
	lib, _ := plantedLibrary(t, 400, false)
	m := drive(t, New(Options{Corpus: lib.Corpus, Source: "planted"}), tea.WindowSizeMsg{Width: 120, Height: 30})
	all := ids(m)
	m = drive(t, m, m.findStories()()) // as w does, without racing drive's timer
	if m.state != stateStories || m.together.Len() < 2 {
		t.Fatalf("state %d, %d stories:\n%s", m.state, m.together.Len(), plain(m))
	}
	for k, s := range m.stories.stories[:2] {
		want := make([]string, 0, len(s.Rows))
		for _, n := range s.Rows {
			want = append(want, m.stories.res.Article(n).ID)
		}
		slices.Sort(want)
		on := m
		for range k {
			on = drive(t, on, keyPress("j"))
		}
		on = drive(t, on, keyPress("enter"))
		if on.state != stateList {
			t.Fatalf("enter on story %d went to state %d", k, on.state)
		}
		if got := ids(on); !slices.Equal(got, want) {
			t.Errorf("story %d: the list holds %d articles (%.3q…), want %v", k, len(got), got, want)
		}
		if !strings.Contains(plain(on), "story: "+s.Headline[:20]) || !strings.Contains(plain(on), "esc leaves it") {
			t.Errorf("the footer does not name the story:\n%s", plain(on))
		}
		back := drive(t, on, keyPress("esc"))
		if got := ids(back); !slices.Equal(got, all) || strings.Contains(plain(back), "story:") {
			t.Errorf("esc: %d rows, want %d; footer:\n%s", len(got), len(all), plain(back))
		}
		// A filter typed over the story narrows it further; esc in the
		// filter line clears both.
		typed := drive(t, on, keyPress("/"), keyPress("z"), keyPress("z"), keyPress("q"))
		typed = drive(t, typed, searchDueMsg{})
		if len(typed.list.Result().Rows) != 0 {
			t.Errorf("zzq over the story: %d rows", len(typed.list.Result().Rows))
		}
		if cleared := drive(t, typed, keyPress("esc")); !slices.Equal(ids(cleared), all) {
			t.Errorf("esc in the filter line: %d rows, want %d", len(ids(cleared)), len(all))
		}
	}
	if got := drive(t, m, keyPress("esc")); got.state != stateList || !slices.Equal(ids(got), all) {
		t.Errorf("esc on the Stories view: state %d, %d rows", got.state, len(ids(got)))
	}
}

// TestRelatedTrail: L lists the articles like the one read; enter reads
// one; back returns to the list of them, then to the first article where
// it was read, then to the list.
func TestRelatedTrail(t *testing.T) {
	lib, _ := plantedLibrary(t, 300, false)
	m := drive(t, New(Options{Corpus: lib.Corpus, Source: "planted"}), tea.WindowSizeMsg{Width: 100, Height: 30})
	m = drive(t, m, keyPress("enter"))
	if m.state != stateReader {
		t.Fatal("not reading")
	}
	first := m.reader.Article().ID
	m = drive(t, m, keyPress("j"), keyPress("j"), keyPress("j"))
	was := plain(m)
	m = drive(t, m, m.findRelated()())
	if m.state != stateRelated || m.together.Len() == 0 || m.together.Len() > 10 {
		t.Fatalf("state %d, %d related:\n%s", m.state, m.together.Len(), plain(m))
	}
	rel := m.trail.related
	want := rel.Article(rel.Rows[1])
	if !strings.Contains(plain(m), want.Title[:20]) {
		t.Errorf("the Related list lacks %q:\n%s", want.Title, plain(m))
	}
	m = drive(t, m, keyPress("j"), keyPress("enter"))
	if m.state != stateReader || m.reader.Article().ID != want.ID {
		t.Fatalf("enter on a related article: state %d, reading %v", m.state, m.reader.Article())
	}
	m = drive(t, m, keyPress("q"))
	if m.state != stateRelated || m.together.Cursor() != 1 {
		t.Fatalf("back from the related article: state %d, cursor %d", m.state, m.together.Cursor())
	}
	m = drive(t, m, keyPress("q"))
	if m.state != stateReader || m.reader.Article().ID != first {
		t.Fatalf("back from Related: state %d, reading %v", m.state, m.reader.Article())
	}
	if got := plain(m); got != was {
		t.Errorf("the article is not where it was read:\n%s\nwant\n%s", got, was)
	}
	if m = drive(t, m, keyPress("q")); m.state != stateList {
		t.Errorf("back from the article: state %d", m.state)
	}
}

// TestGoldenStories: the collapsed list, the reader's "also published
// as", the Related list and the Stories view, at 80 and 120 columns.
func TestGoldenStories(t *testing.T) {
	lib, _ := plantedLibrary(t, 300, false)
	c := lib.Corpus
	col := c.Search(model.Query{}, model.SortNewest).Collapse(c.Copies())
	down := -1 // the first row with copies
	for i, n := range col.Rows {
		if _, size, _ := c.Copies().Of(n); size > 1 {
			down = i
			break
		}
	}
	if down < 0 {
		t.Fatal("no copies")
	}
	for _, size := range [][2]int{{80, 24}, {120, 35}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			tm, wait := run(t, c, size[0], size[1])
			want := []string{"copies collapsed"}
			if size[0] >= 100 {
				want = append(want, fmt.Sprintf("%d/%d", len(col.Rows), len(col.Rows))) // the sidebar counts groups, as the list shows them, after the list
			}
			screens := map[string]string{"list": wait(want...)}
			tm.Send(keyPress("w"))
			screens["stories"] = wait("Stories ·", "FIRST HEADLINE")
			tm.Send(keyPress("esc"))
			wait(want...)
			for range down {
				tm.Send(keyPress("j"))
			}
			tm.Send(keyPress("enter"))
			screens["reader"] = wait("Also published as:", "line 1 of")
			tm.Send(keyPress("o"))
			screens["related"] = wait("Related to", "AUTHOR")
			for _, name := range slices.Sorted(maps.Keys(screens)) {
				t.Run(name, func(t *testing.T) { golden.RequireEqual(t, []byte(screens[name])) })
			}
		})
	}
}
