// Package serve is folio over SSH: many people at once read one corpus,
// loaded once and shared read-only, each in their own Bubble Tea program
// sized and coloured for their terminal. A client without a terminal may run
// the plain commands (list, show, stats). Nothing a client sends starts a
// local program or reaches a file outside the corpus.
package serve

import (
	"context"
	"errors"
	"io"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/folio-reader/folio/cli"
	"github.com/folio-reader/folio/ui"
	"github.com/folio-reader/folio/ui/palette"
)

// Defaults for the flags of folio serve.
const (
	DefaultListen      = "127.0.0.1:23234"
	DefaultMaxSessions = 50
	DefaultMaxPerKey   = 5 // sessions at once with one key
	DefaultMaxPerAddr  = 5 // sessions at once from one remote address
	DefaultIdleTimeout = 15 * time.Minute
	DefaultMaxTimeout  = 4 * time.Hour
	// DefaultWriteTimeout is how long a session's output may wait for a
	// client that does not read it.
	DefaultWriteTimeout = 30 * time.Second
	DefaultRate         = 1.0 // sessions a second per remote address, after the burst
	DefaultBurst        = 10
)

// defaultYieldAfter is how long a show's write may wait for a client that
// does not read while another show waits for what it holds.
const defaultYieldAfter = 5 * time.Second

// Config is what a Server needs. Corpus, HostKey and one of AuthorizedKeys
// or Open are required.
type Config struct {
	Corpus Corpus
	Source string // what the corpus is, for the reader's title line

	// HostKey is the server's private key in PEM (see HostKey). There is no
	// fallback: the server never makes a key file of its own.
	HostKey []byte

	// AuthorizedKeys admits the keys it lists, re-read as the file changes;
	// Open admits anyone, with any key or none. Exactly one must be set.
	AuthorizedKeys *KeyList
	Open           bool

	MaxSessions int           // sessions at once; 0: DefaultMaxSessions
	MaxPerKey   int           // sessions at once with one key; 0: DefaultMaxPerKey
	MaxPerAddr  int           // sessions at once from one remote address; 0: DefaultMaxPerAddr
	MaxKeyless  int           // sessions at once without a key, all addresses together (the rest stay for keys); 0: half of MaxSessions
	IdleTimeout time.Duration // end a session after this long without input; 0: never
	MaxTimeout  time.Duration // end a session after this long whatever happens; 0: never
	// WriteTimeout ends a session whose client takes none of its output
	// for this long; 0: DefaultWriteTimeout.
	WriteTimeout time.Duration
	Rate         float64 // sessions a second per remote address; 0: no limit
	Burst        int     // sessions at once per remote address before Rate applies

	Logger  *log.Logger // nil: no log
	Version string      // printed by the version command

	// StatePath is where the reading state of a key (by fingerprint)
	// lives; nil, or an Open server: state in memory, per connection.
	StatePath func(fingerprint string) (string, error)

	// NewModel makes the program for a terminal session; nil: folio's
	// reader (ui.New) over Corpus. Tests put probes here.
	NewModel func(ssh.Session) tea.Model

	// reads are the articles the sessions' shows hold; nil: cli.NewReads.
	// yieldAfter: 0, defaultYieldAfter. Tests set both lower.
	reads      *cli.Reads
	yieldAfter time.Duration
}

// Server serves folio over SSH. Create it with New, start it with Serve, stop
// it with Shutdown.
type Server struct {
	cfg     Config
	log     *log.Logger
	ssh     *ssh.Server
	limiter *limiter
	held    *occupancy // sessions in progress per key, per address and without a key
	stores  *stores    // each key's reading state
	// refusals logs what the server turns away, rate-limited.
	refusals *refusals
	// reads are the articles every session's show holds at once.
	reads *cli.Reads

	// yieldAfter is how long a show's write may wait for its client while
	// another show waits for the bytes it holds (cli.Reads.Wanted).
	yieldAfter time.Duration

	// grace is how long a session that was told to end may take before its
	// channel is closed under it.
	grace time.Duration
	// startTimeout is how long an authenticated connection may go without
	// opening a session, and a session without naming a command or a
	// shell (ssh -N does neither), before it is refused and closed.
	startTimeout time.Duration

	nextID  atomic.Uint64
	active  atomic.Int64 // sessions past the cap
	closing atomic.Bool

	mu       sync.Mutex
	sessions map[*session]struct{}
	idle     chan struct{} // closed and replaced when the last session ends
}

// New checks cfg and builds the server; it does not listen yet.
func New(cfg Config) (*Server, error) {
	switch {
	case cfg.Corpus == nil:
		return nil, errors.New("serve: no corpus")
	case len(cfg.HostKey) == 0:
		return nil, errors.New("serve: no host key")
	case cfg.AuthorizedKeys == nil && !cfg.Open:
		return nil, errors.New("refusing to serve without --authorized-keys FILE or --open (anyone may connect)")
	case cfg.AuthorizedKeys != nil && cfg.Open:
		return nil, errors.New("--authorized-keys and --open exclude each other")
	case cfg.MaxSessions < 0 || cfg.MaxPerKey < 0 || cfg.MaxPerAddr < 0 || cfg.MaxKeyless < 0 || cfg.WriteTimeout < 0 || cfg.IdleTimeout < 0 || cfg.MaxTimeout < 0 || cfg.Rate < 0 || cfg.Burst < 0:
		return nil, errors.New("serve: negative limit")
	}
	if cfg.MaxSessions == 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.WriteTimeout == 0 {
		cfg.WriteTimeout = DefaultWriteTimeout
	}
	if cfg.MaxPerKey == 0 {
		cfg.MaxPerKey = DefaultMaxPerKey
	}
	if cfg.MaxPerAddr == 0 {
		cfg.MaxPerAddr = DefaultMaxPerAddr
	}
	if cfg.MaxKeyless == 0 {
		cfg.MaxKeyless = max(cfg.MaxSessions/2, 1)
	}
	if cfg.Logger == nil {
		cfg.Logger = log.New(io.Discard)
	}
	if cfg.reads == nil {
		cfg.reads = cli.NewReads()
	}
	if cfg.yieldAfter == 0 {
		cfg.yieldAfter = defaultYieldAfter
	}
	if cfg.NewModel == nil {
		c, source := cfg.Corpus, cfg.Source
		ephemeral := cfg.Open || cfg.StatePath == nil
		cfg.NewModel = func(sess ssh.Session) tea.Model {
			return ui.New(ui.Options{Corpus: c, Source: source, State: stateOf(sess).store, Ephemeral: ephemeral, Remote: true,
				Background: palette.FromEnviron(sess.Environ())})
		}
	}
	s := &Server{
		cfg:          cfg,
		log:          cfg.Logger,
		grace:        3 * time.Second,
		startTimeout: 20 * time.Second,
		refusals:     newRefusals(cfg.Logger, 2, 100),
		reads:        cfg.reads,
		yieldAfter:   cfg.yieldAfter,
		sessions:     make(map[*session]struct{}),
		idle:         make(chan struct{}),
	}
	s.held = newOccupancy(cfg.MaxPerKey, cfg.MaxPerAddr, cfg.MaxKeyless)
	if cfg.Rate > 0 {
		s.limiter = newLimiter(cfg.Rate, cfg.Burst, 10_000)
	}
	s.stores = &stores{open: make(map[string]*sharedStore)}
	if !cfg.Open {
		s.stores.path = cfg.StatePath
	}

	// The session's middlewares, outermost first: each does one thing, and
	// calls the next unless it turns the session away.
	chain := []wish.Middleware{
		s.track,      // per-session state; registers the session for Shutdown
		s.rateLimit,  // sessions a second per remote address (refusals logged rate-limited)
		s.sessionCap, // sessions at once, per key and per address (likewise)
		s.logging,    // connect and disconnect lines: user, address, key, duration, status
		s.recover,    // a panic below ends this session alone
		s.recheckKey, // the key that authenticated is still listed (now and while the session lasts)
		s.timeouts,   // idle (no input) and hard maximum
		s.commands,   // no terminal: list, show, stats; nothing else
		s.program,    // the reader, as a Bubble Tea program
	}
	// wish.WithMiddleware makes the last middleware the outermost.
	slices.Reverse(chain)

	opts := []ssh.Option{
		wish.WithHostKeyPEM(cfg.HostKey),
		wish.WithMiddleware(chain...),
		wish.WithVersion("folio"),
		// Connection-level backstops: the session-level limits above tell
		// the user why; these only catch connections that never open a
		// session, or a session that will not die.
		func(srv *ssh.Server) error {
			srv.HandshakeTimeout = 30 * time.Second
			// Every channel type and global request goes through folio's
			// handlers, so each refusal is logged and each session's
			// requests are bounded (requests.go).
			srv.ChannelHandlers = s.channelHandlers()
			srv.RequestHandlers = s.requestHandlers()
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
			if cfg.IdleTimeout > 0 {
				srv.IdleTimeout = cfg.IdleTimeout + 2*s.grace
			}
			if cfg.MaxTimeout > 0 {
				srv.MaxTimeout = cfg.MaxTimeout + 2*s.grace
			}
			srv.ConnectionFailedCallback = func(c net.Conn, err error) {
				s.log.Debug("connection failed", "remote", c.RemoteAddr().String(), "err", err)
			}
			return nil
		},
	}
	if cfg.Open {
		opts = append(opts,
			wish.WithPublicKeyAuth(func(ctx ssh.Context, _ ssh.PublicKey) bool { s.watchNoSession(ctx); return true }),
			wish.WithKeyboardInteractiveAuth(func(ctx ssh.Context, _ gossh.KeyboardInteractiveChallenge) bool {
				s.watchNoSession(ctx)
				return true
			}),
		)
	} else {
		opts = append(opts, wish.WithPublicKeyAuth(s.authorize))
	}
	srv, err := wish.NewServer(opts...)
	if err != nil {
		return nil, err
	}
	s.ssh = srv
	return s, nil
}

// authorize admits the keys on the allow-list.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	if s.cfg.AuthorizedKeys.Allowed(key) {
		s.watchNoSession(ctx)
		return true
	}
	s.refusals.refuse("key refused", ctx.User(), ctx.RemoteAddr(), "not in the authorized keys",
		"key", gossh.FingerprintSHA256(key))
	return false
}

var ctxKeyWatched = &ctxKey{"no-session-watch"}

// watchNoSession closes an authenticated connection that opens no session
// within startTimeout (ssh -N, or a client that only wanted forwarding,
// which is refused): it would hold a connection and serve nobody. One
// that leaves sooner without a session is logged as it goes.
func (s *Server) watchNoSession(ctx ssh.Context) {
	if ctx.Value(ctxKeyWatched) != nil {
		return
	}
	ctx.SetValue(ctxKeyWatched, true)
	began := time.Now()
	go func() {
		timer := time.NewTimer(s.startTimeout)
		defer timer.Stop()
		select {
		case <-ctx.Done():
			if ctx.Value(ctxKeySessionOpened) == nil {
				s.refusals.refuse("connection ended", ctx.User(), ctx.RemoteAddr(), "no session opened (ssh -N?)",
					"after", time.Since(began).Round(time.Millisecond).String())
			}
			return
		case <-timer.C:
		}
		if ctx.Value(ctxKeySessionOpened) != nil {
			return
		}
		conn, ok := ctx.Value(ssh.ContextKeyConn).(*gossh.ServerConn)
		if !ok {
			return // still authenticating: the handshake timeout sees to it
		}
		s.refusals.refuse("connection refused", ctx.User(), ctx.RemoteAddr(), "no session opened (ssh -N?)",
			"after", s.startTimeout.String())
		_ = conn.Close()
	}()
}

// Serve accepts connections on l until Shutdown; it returns
// ssh.ErrServerClosed after Shutdown.
func (s *Server) Serve(l net.Listener) error {
	return s.ssh.Serve(l)
}

// Sessions is the number of sessions in progress.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Shutdown stops listening, tells every connected user the server is
// shutting down, ends their programs (leaving their terminals clean) and
// waits for the sessions to end and the clients to leave; when ctx expires
// first it closes the remaining connections. It returns ctx's error in that
// case.
func (s *Server) Shutdown(ctx context.Context) error {
	s.closing.Store(true)
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	closed := make(chan error, 1)
	go func() { closed <- s.ssh.Shutdown(sctx) }() // stops listening now

	s.mu.Lock()
	idle := s.idle
	for st := range s.sessions {
		st.end("server shutting down", "folio: the server is shutting down")
	}
	if len(s.sessions) == 0 {
		idle = nil
	}
	s.mu.Unlock()
	if idle != nil {
		select {
		case <-idle:
		case <-ctx.Done():
		}
	}
	// The sessions are over: give the clients a moment to hang up on their
	// own (closing first may cut off the last bytes), then close the rest.
	select {
	case err := <-closed:
		if errors.Is(err, context.Canceled) {
			err = nil
		}
		return err
	case <-time.After(time.Second):
	case <-ctx.Done():
	}
	err := s.ssh.Close()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// Close closes the listeners and every connection at once.
func (s *Server) Close() error {
	s.closing.Store(true)
	return s.ssh.Close()
}
