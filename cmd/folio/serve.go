package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/folio-reader/folio/cli"
	"github.com/folio-reader/folio/internal/memtune"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/resident"
	sshserve "github.com/folio-reader/folio/serve"
	"github.com/folio-reader/folio/state"
)

const serveUsage = "folio serve [DIR] [--listen ADDR] [--host-key PATH] (--authorized-keys FILE | --open) " +
	"[--max-sessions N] [--max-per-key N] [--max-per-address N] [--max-keyless N] [--idle-timeout D] [--max-timeout D] [--rate R] [--burst B] [--log FILE] [--log-format text|json]"

// printUsage prints a command's usage line and its flags, for -h.
func printUsage(stderr io.Writer, fs *flag.FlagSet, usage string) {
	fmt.Fprintln(stderr, "usage: "+usage)
	fs.SetOutput(stderr)
	fs.PrintDefaults()
}

// serve runs folio serve: the reader over SSH until ctx ends (SIGINT,
// SIGTERM), then a graceful shutdown of at most five seconds.
func serve(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	listen := fs.String("listen", sshserve.DefaultListen, "address to listen on")
	hostKey := fs.String("host-key", "", "the server's private key, created if missing (default $XDG_DATA_HOME/folio/host_ed25519)")
	authKeys := fs.String("authorized-keys", "", "OpenSSH authorized_keys file: only these keys may connect (re-read when it changes)")
	open := fs.Bool("open", false, "let anyone connect, with any key or none (read-only)")
	maxSessions := fs.Int("max-sessions", sshserve.DefaultMaxSessions, "sessions at once")
	maxPerKey := fs.Int("max-per-key", sshserve.DefaultMaxPerKey, "sessions at once with one key")
	maxPerAddr := fs.Int("max-per-address", sshserve.DefaultMaxPerAddr, "sessions at once from one remote address")
	maxKeyless := fs.Int("max-keyless", 0, "sessions at once without a key, all addresses together (with --open; 0: half of --max-sessions)")
	idle := fs.Duration("idle-timeout", sshserve.DefaultIdleTimeout, "end a session after this long without input (0: never)")
	maxTime := fs.Duration("max-timeout", sshserve.DefaultMaxTimeout, "end a session after this long in any case (0: never)")
	rate := fs.Float64("rate", sshserve.DefaultRate, "new sessions a second per remote address, after the burst (0: no limit)")
	burst := fs.Int("burst", sshserve.DefaultBurst, "new sessions at once per remote address")
	logFile := fs.String("log", "", "append the log to FILE instead of stderr")
	logFormat := fs.String("log-format", "text", "text or json")
	noCache := fs.Bool("no-cache", false, "neither read nor write the index cache (also FOLIO_NO_CACHE=1)")

	usageErr := func(msg string) int {
		fmt.Fprintf(stderr, "folio serve: %s (usage: %s)\n", msg, serveUsage)
		return 2
	}
	pos, err := cli.ParseAnywhere(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stderr, fs, serveUsage)
		return 0
	}
	if err != nil {
		return usageErr(err.Error())
	}
	switch {
	case len(pos) > 1:
		return usageErr("too many arguments: " + strings.Join(pos[1:], " "))
	case *authKeys == "" && !*open:
		fmt.Fprintln(stderr, "folio serve: refusing to start: give --authorized-keys FILE (who may connect) or --open (anyone may, read-only)")
		return 2
	case *authKeys != "" && *open:
		return usageErr("--authorized-keys and --open exclude each other")
	case *maxSessions < 1 || *maxPerKey < 1 || *maxPerAddr < 1:
		return usageErr("--max-sessions, --max-per-key and --max-per-address must be 1 or more")
	case *maxKeyless < 0:
		return usageErr("--max-keyless must not be negative")
	case *idle < 0 || *maxTime < 0 || *rate < 0 || *burst < 0:
		return usageErr("timeouts, --rate and --burst must not be negative")
	case *logFormat != "text" && *logFormat != "json":
		return usageErr("--log-format must be text or json")
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "folio serve: "+err.Error())
		return 1
	}

	logOut := stderr
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return fail(err)
		}
		defer f.Close()
		logOut = f
	}
	logger := sshserve.NewLogger(logOut, *logFormat == "json")
	// charm.land/ssh reports what it recovers (panics in its goroutines)
	// through log/slog: send that to the same log.
	slog.SetDefault(slog.New(logger))

	if *hostKey == "" {
		p, err := sshserve.DefaultHostKeyPath(os.Getenv)
		if err != nil {
			return fail(err)
		}
		*hostKey = p
	}
	key, err := sshserve.HostKey(*hostKey)
	if err != nil {
		return fail(err)
	}
	var keys *sshserve.KeyList
	if *authKeys != "" {
		if keys, err = sshserve.LoadKeyList(*authKeys, logger); err != nil {
			return fail(err)
		}
	}

	src := library.SourceFor(firstArg(pos), os.Getenv)
	began := time.Now()
	// The corpus follows its folder once, for every session.
	lib, err := library.Open(ctx, src, library.Options{Bodies: true, Copies: true, PauseCollector: memtune.Pause, NoCache: *noCache, Watch: true, Interactive: true,
		Warn: func(msg string) { logger.Warn("following the folder", "problem", msg) }})
	if err != nil {
		return fail(err)
	}
	defer lib.Close()
	// folio list and show on the same folder, run on this machine, are
	// answered from the served corpus (when no daemon answers already).
	if src.Dir != "" {
		if stop, path, err := resident.Keep(ctx, lib, src.Dir, nil); err == nil {
			defer stop()
			logger.Info("answering local commands", "socket", path)
		} else {
			logger.Info("not answering local commands", "reason", err.Error())
		}
	}
	// Serving starts at once: the list loads, then the words index and
	// the bodies, while the first visitors look on, as in the reader.
	corpus := lib.Corpus
	go func() {
		select {
		case <-lib.Loaded():
			info := lib.Cache()
			logger.Info("corpus loaded", "source", src.Name(), "articles", corpus.Len(), "took", time.Since(began).Round(time.Millisecond),
				"cache", info.Used, "changed", info.Changed)
		case <-ctx.Done():
			return
		}
		select {
		case <-lib.Settled():
			memtune.Settle()
		case <-ctx.Done():
		}
	}()

	srv, err := sshserve.New(sshserve.Config{
		Corpus: corpus, Source: src.Name(), HostKey: key,
		AuthorizedKeys: keys, Open: *open,
		MaxSessions: *maxSessions, MaxPerKey: *maxPerKey, MaxPerAddr: *maxPerAddr, MaxKeyless: *maxKeyless, IdleTimeout: *idle, MaxTimeout: *maxTime,
		Rate: *rate, Burst: *burst,
		Logger: logger, Version: versionString(),
		StatePath: func(fp string) (string, error) { return state.PathForKey(os.Getenv, src.Dir, fp) },
	})
	if err != nil {
		return fail(err)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fail(err)
	}
	access := "authorized keys " + *authKeys
	if *open {
		access = "open to anyone"
	}
	logger.Info("listening", "addr", ln.Addr().String(), "access", access, "host_key", *hostKey, "fingerprint", sshserve.Fingerprint(key))

	if err := srv.ServeUntil(ctx, ln); err != nil {
		return fail(err)
	}
	return 0
}

func firstArg(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
