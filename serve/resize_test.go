package serve

import (
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
)

// resizeCounter is a probe that counts the window sizes it is given.
type resizeCounter struct {
	probe
	sizes *atomic.Int64
}

func (r resizeCounter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.WindowSizeMsg); ok {
		r.sizes.Add(1)
	}
	m, cmd := r.probe.Update(msg)
	r.probe = m.(probe)
	return r, cmd
}

// TestWindowChangeStorm: window changes alternating between two sizes
// reach the program at most once a frame, and the last size is the one it
// ends with.
func TestWindowChangeStorm(t *testing.T) {
	var sizes atomic.Int64
	_, addr, _ := start(t, Config{NewModel: func(ssh.Session) tea.Model { return resizeCounter{sizes: &sizes} }})
	tm := openTerm(t, mustDial(t, addr, nil), 80, 24)
	tm.waitText("size=80x24")
	before := sizes.Load()
	const changes = 400
	began := time.Now()
	for i := range changes {
		if i%2 == 0 {
			tm.sess.WindowChange(30, 100)
		} else {
			tm.sess.WindowChange(24, 80)
		}
	}
	tm.sess.WindowChange(40, 120)
	tm.resize(120, 40)
	tm.waitText("size=120x40")
	took := time.Since(began)
	got := sizes.Load() - before
	frames := int64(took/resizeFrame) + 2
	t.Logf("%d window changes in %s: %d resizes (at most %d frames)", changes+2, took.Round(time.Millisecond), got, frames)
	if got > frames {
		t.Errorf("%d resizes for %d window changes in %s: more than one a frame (%d)", got, changes+2, took, frames)
	}
}
