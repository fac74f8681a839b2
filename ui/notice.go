package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// A footer notice ("ID copied (OSC 52)", "saved as ...") says what the
// last key did: the next key ends it (onKey), and so does time, for a
// reader who walked away.

// noticeFor is how long a notice stays when no key ends it first
// (Model.noticeFor, which tests set to nothing: see drive).
const noticeFor = 4 * time.Second

// noticeExpiredMsg ends notice number seq, unless another came since.
type noticeExpiredMsg struct{ seq int }

// timeNotice starts the clock of a notice that a key or a message just
// set.
func (m *Model) timeNotice(before string, msg tea.Msg) tea.Cmd {
	_, key := msg.(tea.KeyPressMsg)
	if m.notice == "" || m.notice == before && !key {
		return nil
	}
	m.noticeSeq++
	seq := m.noticeSeq
	return tea.Tick(m.noticeFor, func(time.Time) tea.Msg { return noticeExpiredMsg{seq} })
}

func (m *Model) onNoticeExpired(msg noticeExpiredMsg) {
	if msg.seq == m.noticeSeq {
		m.notice = ""
	}
}
