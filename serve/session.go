package serve

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/ssh"

	"github.com/folio-reader/folio/state"
)

// session is one SSH session and the state its middlewares share. It wraps
// the ssh.Session it came from, so every layer below the first sees the same
// record: the input clock, why the server ended it, the exit status it will
// get. It is created by Server.track for each session and dropped with it.
type session struct {
	ssh.Session

	id    uint64
	start time.Time

	// lastInput is when the client last sent input (unix nanoseconds):
	// keys, mouse events, paste, terminal replies. Output does not count.
	lastInput atomic.Int64

	// ctx ends when the session must end: the server ended it (end), or the
	// client's connection closed. done closes when the handlers returned.
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}

	// store is the reading state of the session's key, set by the
	// handlers before the program or command runs.
	store *state.Store

	// writeTimeout is how long one write may wait for the client to take
	// the output; 0: for ever.
	writeTimeout time.Duration
	// yieldTo, when set, says whether another session waits for what this
	// one holds (a show's article bytes): then a write that waits yieldAfter
	// ends the session, long before writeTimeout. Set before the command
	// runs.
	yieldTo    func() bool
	yieldAfter time.Duration

	mu      sync.Mutex
	status  int    // the exit status the session will get
	reason  string // why the server ended or refused it, for the log
	notice  string // the line the client sees before the session closes
	refused bool   // the session was turned away before it started
	exited  bool
}

func newSession(s ssh.Session, id uint64) *session {
	ctx, cancel := context.WithCancel(s.Context())
	st := &session{Session: s, id: id, start: time.Now(), ctx: ctx, cancel: cancel, done: make(chan struct{})}
	st.lastInput.Store(st.start.UnixNano())
	return st
}

// stateOf returns the state Server.track attached to s.
func stateOf(s ssh.Session) *session {
	st, ok := s.(*session)
	if !ok {
		panic(fmt.Sprintf("serve: middleware used outside Server.track (got %T)", s))
	}
	return st
}

// Read is the client's input; it stamps the input clock the idle timeout
// reads.
func (st *session) Read(p []byte) (int, error) {
	n, err := st.Session.Read(p)
	if n > 0 {
		st.lastInput.Store(time.Now().UnixNano())
	}
	return n, err
}

// Write is the session's output. A write the client does not take within
// writeTimeout (it stopped reading: its window is full) ends the session
// and closes its connection, so what the handler holds for it (an article
// being printed, a frame) is let go instead of waiting for the idle
// timeout, and a client cannot keep output queued on the server.
func (st *session) Write(p []byte) (int, error) {
	if st.yieldTo != nil && st.yieldAfter > 0 {
		written := make(chan struct{})
		defer close(written)
		y := time.AfterFunc(st.yieldAfter, func() { st.yieldWhileStalled(written) })
		defer y.Stop()
	}
	if st.writeTimeout <= 0 {
		return st.Session.Write(p)
	}
	t := time.AfterFunc(st.writeTimeout, func() { st.stalled("output stalled") })
	defer t.Stop()
	return st.Session.Write(p)
}

// yieldWhileStalled ends the session, whose write has waited yieldAfter,
// as soon as another waits for what it holds, unless the write completes
// first.
func (st *session) yieldWhileStalled(written <-chan struct{}) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-written:
			return
		default:
		}
		if st.yieldTo() {
			st.stalled("output stalled while another show waits")
			return
		}
		select {
		case <-written:
			return
		case <-tick.C:
		}
	}
}

// stalled ends a session whose client stopped taking output, for reason.
// The notice could not reach it; the connection is closed under the
// blocked write.
func (st *session) stalled(reason string) {
	st.end(reason, "")
	if c, ok := st.Context().Value(ssh.ContextKeyConn).(interface{ Close() error }); ok {
		_ = c.Close()
	}
}

// idleSince is when the client last sent input.
func (st *session) idleSince() time.Time {
	return time.Unix(0, st.lastInput.Load())
}

// setStatus records the exit status the session ends with.
func (st *session) setStatus(code int) {
	st.mu.Lock()
	st.status = code
	st.mu.Unlock()
}

// refuse turns the session away: the client reads notice, the exit status
// is 1, and the log says reason. The middleware then returns without
// calling the next handler.
func (st *session) refuse(reason, notice string) {
	st.mu.Lock()
	st.status, st.reason, st.notice, st.refused = 1, reason, notice, true
	st.mu.Unlock()
}

// end asks the session to end for reason: the program quits, the client
// reads notice, the exit status is 1. Only the first call counts.
func (st *session) end(reason, notice string) {
	st.mu.Lock()
	if st.reason == "" {
		st.status, st.reason, st.notice = 1, reason, notice
	}
	st.mu.Unlock()
	st.cancel()
}

// outcome is how the session ended, for the log.
func (st *session) outcome() (status int, reason string, refused bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.status, st.reason, st.refused
}

// finish writes the pending notice to the client and sends the exit status;
// later calls do nothing. It is the only place a session exits.
func (st *session) finish() {
	st.mu.Lock()
	if st.exited {
		st.mu.Unlock()
		return
	}
	st.exited = true
	status, notice := st.status, st.notice
	st.mu.Unlock()
	if notice != "" {
		_, _ = io.WriteString(st.Stderr(), notice+"\n")
	}
	_ = st.Session.Exit(status)
	_ = st.Session.Close()
}

// Exit is routed through finish so the status is recorded once and the
// notice is never lost; handlers should prefer setStatus.
func (st *session) Exit(code int) error {
	st.setStatus(code)
	st.finish()
	return nil
}
