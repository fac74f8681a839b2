package facets

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/model"
)

func TestTerm(t *testing.T) {
	for in, want := range map[[2]string]string{
		{"cat", "OPINION"}:           "cat:OPINION",
		{"cat", "ASIA-PACIFIC"}:      `cat:"ASIA-PACIFIC"`,
		{"author", "Global Times"}:   `author:"Global Times"`,
		{"author", `Say "hi" twice`}: `author:"Say hi twice"`,
		{"date", "2022"}:             "date:2022",
	} {
		if got := Term(in[0], in[1]); got != want {
			t.Errorf("Term(%q) = %q, want %q", in, got, want)
		}
		if q := model.ParseQuery(Term(in[0], in[1])); len(q.Ignored) != 0 {
			t.Errorf("%q does not parse cleanly: %v", Term(in[0], in[1]), q.Ignored)
		}
	}
}

func TestNarrowWindowShowsOneColumn(t *testing.T) {
	m := New(DefaultKeyMap(), DefaultStyles(true))
	m.Set(model.Facets{Categories: []model.Count{{Value: "CHINA", N: 3}}, Authors: []model.Count{{Value: "Global Times", N: 2}}})
	m.SetSize(40, 5)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Categories") || strings.Contains(v, "Authors") {
		t.Errorf("narrow view:\n%s", v)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "› Authors") || !strings.Contains(v, "Global Times") {
		t.Errorf("after tab:\n%s", v)
	}
	for _, l := range strings.Split(m.View(), "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line wider than the window: %q", ansi.Strip(l))
		}
	}
	_, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if msg, ok := cmd().(ChoseMsg); !ok || msg.Term != `author:"Global Times"` {
		t.Errorf("enter chose %v", msg)
	}
}
