package ui

import (
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// An Escape and the key typed just after it, arriving in one read (as SSH
// delivers them in one packet), reach Bubble Tea as that key with alt held:
// "\x1b\x1b" is alt+esc, "\x1bq" alt+q. folio binds no alt key outside its
// text fields, so there it is what the user typed: esc, then the key.
// In a text field alt moves and deletes by words, and those keys stay.

// splitAlt reports whether msg is such a pair, and its second key.
func (m Model) splitAlt(msg tea.KeyPressMsg) (tea.KeyPressMsg, bool) {
	if msg.Mod&tea.ModAlt == 0 {
		return msg, false
	}
	if m.typing() && msg.Code != tea.KeyEscape {
		k := m.input.KeyMap
		if key.Matches(msg, k.WordForward, k.WordBackward, k.DeleteWordBackward, k.DeleteWordForward) {
			return msg, false
		}
	}
	second := msg
	second.Mod &^= tea.ModAlt
	if second.Text == "" && second.Code >= ' ' && second.Code < tea.KeyExtended && second.Mod&^tea.ModShift == 0 {
		second.Text = string(second.Code)
		if second.Mod&tea.ModShift != 0 { // "\x1bQ" reads as alt+shift+q
			second.Text = string(unicode.ToUpper(second.Code))
			if second.ShiftedCode != 0 {
				second.Text = string(second.ShiftedCode)
			}
		}
	}
	return second, true
}

// typing reports whether a text field has the keys.
func (m Model) typing() bool {
	return m.state == stateFilter || m.prompt.kind != promptNone || m.state == stateReader && m.reader.Searching()
}

// onAltKey handles esc now and the second key once what esc started has
// been seen: leaving the reader is a message, and the second esc must
// reach the list, not the reader again.
func (m Model) onAltKey(second tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	next, cmd := m.onKey(tea.KeyPressMsg{Code: tea.KeyEscape})
	return next, tea.Sequence(cmd, func() tea.Msg { return second })
}
