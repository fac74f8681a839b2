package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestSplitAlt: an alt key with no alt binding is esc and then the key; in
// the filter line alt still moves by words. (The bytes' path through a real
// connection is serve's TestEscapesInOnePacket.)
func TestSplitAlt(t *testing.T) {
	list := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 20})
	filter := drive(t, list, keyPress("/"))
	for _, c := range []struct {
		name  string
		m     Model
		msg   tea.KeyPressMsg
		split bool
		want  string
	}{
		{"alt+esc", list, tea.KeyPressMsg{Code: tea.KeyEscape, Mod: tea.ModAlt}, true, "esc"},
		{"alt+q", list, tea.KeyPressMsg{Code: 'q', Mod: tea.ModAlt}, true, "q"},
		{"alt+shift+g", list, tea.KeyPressMsg{Code: 'g', Mod: tea.ModAlt | tea.ModShift}, true, "G"},
		{"plain q", list, keyPress("q"), false, "q"},
		{"alt+b in the filter", filter, tea.KeyPressMsg{Code: 'b', Mod: tea.ModAlt}, false, "alt+b"},
		{"alt+q in the filter", filter, tea.KeyPressMsg{Code: 'q', Mod: tea.ModAlt}, true, "q"},
	} {
		second, ok := c.m.splitAlt(c.msg)
		if ok != c.split || second.String() != c.want {
			t.Errorf("%s: split %v, then %q; want %v, %q", c.name, ok, second.String(), c.split, c.want)
		}
	}
}
