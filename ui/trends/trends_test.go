package trends

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func press(s string) tea.KeyPressMsg {
	switch s {
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

// TestSixAtMost: a seventh query is refused, and says why.
func TestSixAtMost(t *testing.T) {
	m := New(DefaultKeyMap(), DefaultStyles(true))
	m.SetSize(80, 20)
	var cs []Choice
	for i := range 8 {
		cs = append(cs, Choice{Name: fmt.Sprint("q", i), Query: fmt.Sprint("q", i)})
	}
	m.Open(cs) // the first is picked
	for range 7 {
		m, _ = m.Update(press("j"))
		m, _ = m.Update(press("space"))
	}
	if len(m.picked) != 6 || !strings.Contains(m.View(), "six queries at most") {
		t.Errorf("%d picked:\n%s", len(m.picked), m.View())
	}
	m, _ = m.Update(press("a"))
	if m.Typing() {
		t.Error("a opened the prompt with six queries picked")
	}
}

// TestTypedQueryLimit: a typed query stops at the prompt's limit.
func TestTypedQueryLimit(t *testing.T) {
	m := New(DefaultKeyMap(), DefaultStyles(true))
	m.SetSize(80, 20)
	m.Open([]Choice{{Name: "the filter"}})
	m, _ = m.Update(press("a"))
	for range 300 {
		m, _ = m.Update(press("x"))
	}
	m, _ = m.Update(press("enter"))
	if got := len(m.choices[len(m.choices)-1].Query); got != m.input.CharLimit || got != 200 {
		t.Errorf("typed query of %d bytes kept, limit %d", got, m.input.CharLimit)
	}
}
