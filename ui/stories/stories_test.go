package stories

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func press(m Model, k string) (Model, tea.Msg) {
	msg := tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
	switch k {
	case "enter":
		msg = tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		msg = tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	m, cmd := m.Update(msg)
	if cmd == nil {
		return m, nil
	}
	return m, cmd()
}

// TestListMovesAndChooses: the cursor stays in the rows and on screen,
// enter says which row, esc asks to go back, an empty list chooses
// nothing and says why it is empty.
func TestListMovesAndChooses(t *testing.T) {
	m := New(DefaultKeyMap(), DefaultStyles(true))
	m.SetSize(40, 6)
	var rows []Row
	for i := range 30 {
		rows = append(rows, Row{Lead: fmt.Sprint(i), Title: fmt.Sprintf("headline %d is rather long for forty columns", i), Byline: "a paper"})
	}
	m.Set(Heading{Lead: "N", Title: "TITLE", Byline: "BY"}, rows)
	for range 7 {
		m, _ = press(m, "j")
	}
	view := ansi.Strip(m.View())
	if lines := strings.Split(view, "\n"); len(lines) != 6 || !strings.Contains(lines[5], "headline 7") {
		t.Errorf("cursor on row 7 is not the last line shown:\n%s", view)
	}
	for _, l := range strings.Split(view, "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("a line of %d cells in 40: %q", w, l)
		}
	}
	m, _ = press(m, "G")
	if m.Cursor() != 29 {
		t.Errorf("G: cursor %d", m.Cursor())
	}
	if _, msg := press(m, "enter"); msg != (ChoseMsg{Index: 29}) {
		t.Errorf("enter: %#v", msg)
	}
	if _, msg := press(m, "esc"); msg != (CloseMsg{}) {
		t.Errorf("esc: %#v", msg)
	}
	m.Set(Heading{Lead: "N", Title: "TITLE", Empty: "nothing alike"}, nil)
	if _, msg := press(m, "enter"); msg != nil || m.Cursor() != -1 {
		t.Errorf("enter on an empty list: %#v", msg)
	}
	if !strings.Contains(ansi.Strip(m.View()), "nothing alike") {
		t.Errorf("an empty list does not say why:\n%s", m.View())
	}
	// Said whole on a narrow window, on as many lines as it takes.
	why := "no stories: no two dated articles of the list share three of their most distinctive words within three days"
	m.Set(Heading{Lead: "N", Title: "TITLE", Empty: why}, nil)
	m.SetSize(40, 10)
	if got := strings.Join(strings.Fields(ansi.Strip(m.View())), " "); !strings.Contains(got, why) {
		t.Errorf("the reason is cut on a narrow window:\n%s", m.View())
	}
}
