package reader

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/folio-reader/folio/model"
)

// shell is the smallest app around the reader: it gives it the window,
// and quits on CloseMsg.
type shell struct {
	r     Model
	start tea.Cmd
	steps []int
}

func (s shell) Init() tea.Cmd { return s.start }

func (s shell) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.r.SetSize(msg.Width, msg.Height)
	case CloseMsg:
		return s, tea.Quit
	case StepMsg:
		s.steps = append(s.steps, msg.Delta)
		return s, nil
	}
	var cmd tea.Cmd
	s.r, cmd = s.r.Update(msg)
	return s, cmd
}

func (s shell) View() tea.View {
	v := tea.NewView(s.r.View())
	v.AltScreen = true
	return v
}

// terminal renders a program's output on an emulator. It is never closed:
// vt's Close races with a pending Read, and the drain below must run for as
// long as the program may query the terminal.
func terminal(w, h int) *vt.Emulator {
	e := vt.NewEmulator(w, h)
	go func() { _, _ = io.Copy(io.Discard, e) }() // answers to the program's queries
	return e
}

// TestInAProgram runs the reader inside a real Bubble Tea program: the
// article is opened before the first size arrives, keys come as a terminal
// sends them, and the screen is read off an emulator.
func TestInAProgram(t *testing.T) {
	const w, h = 80, 24
	a := seed(t)
	want := expectedMatches(t, a, w, h, "russia")

	r := New(DefaultKeyMap(), DefaultStyles(true))
	start := r.Open(a)
	tm := teatest.NewTestModel(t, shell{r: r, start: start}, teatest.WithInitialTermSize(w, h))
	term := terminal(w, h)
	waitScreen := func(cond func(string) bool) {
		t.Helper()
		fed := 0 // WaitFor hands over everything read during this call
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			_, _ = term.Write(bytes.ReplaceAll(b[fed:], []byte("\n"), []byte("\r\n")))
			fed = len(b)
			return cond(term.String())
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	// Set for the window (78 columns, one blank either side) once the size
	// has settled.
	waitScreen(func(s string) bool { return strings.Contains(s, "\n China, Russia won’t part ways") })
	tm.Type("/russia")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Type("nn]")
	waitScreen(func(s string) bool { return strings.Contains(s, "3/"+group(want)) })
	tm.Type("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(shell)
	if got := footerCount(t, fm.r); got != "3/"+group(want) {
		t.Errorf("final count %q", got)
	}
	if len(fm.steps) != 1 || fm.steps[0] != 1 {
		t.Errorf("] sent %v", fm.steps)
	}
	if fm.r.doc.key.width != 78 {
		t.Errorf("the window size did not re-set the article: width %d", fm.r.doc.key.width)
	}
}

// expectedMatches counts q in the article as the reader would set it.
func expectedMatches(t *testing.T, a *model.Article, w, h int, q string) int {
	m := open(t, newReader(w, h), a)
	n := 0
	for _, l := range m.doc.lines {
		if l.unit != headerUnit { // the card is not searched
			n += strings.Count(model.Fold(l.plain), q)
		}
	}
	return n
}
