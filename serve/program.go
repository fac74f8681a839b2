package serve

import (
	"errors"
	"runtime/debug"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	bm "charm.land/wish/v2/bubbletea"
)

// program runs the reader for a terminal session: its own model over the
// shared corpus, with input, output, size and colour profile from the
// session (bm.MakeOptions: the profile comes from the client's TERM and
// environment; dark or light comes from the client's answer to the
// background-colour query the model sends). Window changes become
// tea.WindowSizeMsg. When the session must end (timeout, revoked key,
// shutdown) the program is asked to quit, so the client's terminal is
// restored (alt screen left) before the notice is written; if it does not
// quit within the grace period it is killed.
//
// This is wish's bubbletea middleware rewritten for two reasons: it needs
// the program's error (a panic must end the session with status 1 and be
// logged), and it installs no signal handler (a program per session must not
// catch the server's SIGINT/SIGTERM).
func (s *Server) program(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := stateOf(sess)
		_, winCh, ok := sess.Pty()
		if !ok { // commands keeps these away; this guards another composition
			st.refuse("no terminal", "folio: no terminal")
			return
		}
		store, release := s.stores.acquire(sess, func(msg string, kv ...any) { s.log.Warn(msg, append(kv, "session", st.id)...) })
		defer release()
		st.store = store
		g := &guard{model: s.cfg.NewModel(st), crash: &crash{}}
		opts := append(bm.MakeOptions(st), tea.WithoutSignalHandler())
		p := tea.NewProgram(g, opts...)
		g.crash.quit = func() { go p.Quit() }

		ran := make(chan struct{})
		go s.forwardWindows(st, p, winCh, ran)
		_, err := p.Run()
		close(ran)
		switch value, stack := g.crash.get(); {
		case value != nil:
			s.logPanic(st, value, stack)
		case errors.Is(err, tea.ErrProgramPanic):
			// A panic in a command's goroutine: bubbletea caught it and
			// printed the stack on the server's stderr.
			s.logPanic(st, "panic in a tea.Cmd (stack on the server's stderr)", nil)
		case errors.Is(err, tea.ErrInterrupted): // tea.Interrupt: ctrl+c, as a shell reports it
			st.setStatus(130)
		case err != nil && st.ctx.Err() == nil:
			s.log.Warn("program error", "session", st.id, "err", err)
			st.setStatus(1)
		}
		next(sess)
	}
}

// resizeFrame is the least time between two window sizes given to a
// program: a storm of window changes (alternating sizes defeat any
// comparison with the last) costs one resize a frame.
const resizeFrame = time.Second / 60

// forwardWindows gives the program the client's window changes, the
// latest at most once a resizeFrame, until the program has run (ran) or
// the session must end, when it asks the program to quit (killing it
// after the grace period). It keeps reading the channel to the end:
// charm.land/ssh blocks the session's requests on a full one.
func (s *Server) forwardWindows(st *session, p *tea.Program, winCh <-chan ssh.Window, ran <-chan struct{}) {
	var (
		pending *ssh.Window
		last    ssh.Window
		frame   *time.Timer
		due     <-chan time.Time // set while a frame is under way
	)
	for {
		select {
		case <-ran:
			drainWindows(winCh)
			return
		case <-st.ctx.Done():
			p.Quit()
			select {
			case <-ran:
			case <-time.After(s.grace):
				p.Kill()
			}
			drainWindows(winCh)
			return
		case w, ok := <-winCh:
			if !ok { // the client closed the channel: nobody is reading
				winCh = nil
				p.Quit()
				continue
			}
			if due != nil {
				pending = &w // given when the frame ends, if it still differs
				continue
			}
			last = w
			p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			if frame == nil {
				frame = time.NewTimer(resizeFrame)
				defer frame.Stop()
			} else {
				frame.Reset(resizeFrame)
			}
			due = frame.C
		case <-due:
			due = nil
			if pending != nil && (pending.Width != last.Width || pending.Height != last.Height) {
				last = *pending
				p.Send(tea.WindowSizeMsg{Width: last.Width, Height: last.Height})
				frame.Reset(resizeFrame)
				due = frame.C
			}
			pending = nil
		}
	}
}

// guard runs a model and catches a panic in its Init, Update or View: the
// panic is recorded, the model is never called again, and the program quits
// with an empty view (which leaves the alt screen), so the session ends
// cleanly with status 1 and the other sessions never notice.
type guard struct {
	model tea.Model
	crash *crash // shared by the copies bubbletea makes
}

type crash struct {
	mu    sync.Mutex
	value any
	stack []byte
	quit  func()
}

func (c *crash) catch(r any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.value == nil {
		c.value, c.stack = r, debug.Stack()
	}
}

func (c *crash) get() (any, []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.value, c.stack
}

func (c *crash) crashed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.value != nil
}

func (g *guard) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.crash.catch(r)
			cmd = tea.Quit
		}
	}()
	return g.model.Init()
}

func (g *guard) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	if g.crash.crashed() {
		return g, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			g.crash.catch(r)
			m, cmd = g, tea.Quit
		}
	}()
	next, cmd := g.model.Update(msg)
	g.model = next
	return g, cmd
}

func (g *guard) View() (v tea.View) {
	if g.crash.crashed() {
		return tea.View{}
	}
	defer func() {
		if r := recover(); r != nil {
			g.crash.catch(r)
			g.crash.quit()
			v = tea.View{}
		}
	}()
	return g.model.View()
}
