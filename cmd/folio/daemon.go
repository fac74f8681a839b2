package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/folio-reader/folio/cli"
	"github.com/folio-reader/folio/internal/memtune"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/resident"
)

const daemonUsage = "folio daemon [DIR] [--idle D] [--no-cache]"

// daemon runs folio daemon (resident.Daemon) from its command line.
func daemon(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("daemon", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	noCache := fs.Bool("no-cache", false, "neither read nor write the index cache (also FOLIO_NO_CACHE=1)")
	idle := fs.Duration("idle", 0, "stop after this long without a command to answer (0: run until interrupted)")
	pos, err := cli.ParseAnywhere(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stderr, fs, daemonUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "folio daemon: %v (usage: %s)\n", err, daemonUsage)
		return 2
	}
	if *idle < 0 {
		fmt.Fprintf(stderr, "folio daemon: --idle must not be negative (usage: %s)\n", daemonUsage)
		return 2
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "folio daemon: too many arguments: %s (usage: %s)\n", strings.Join(pos[1:], " "), daemonUsage)
		return 2
	}
	src := library.SourceFor(firstArg(pos), os.Getenv)
	if src.Dir == "" {
		fmt.Fprintf(stderr, "folio daemon: give a folder (or set FOLIO_DIR): the samples need no keeping (usage: %s)\n", daemonUsage)
		return 2
	}
	say := func(msg string) { fmt.Fprintln(stderr, "folio daemon: "+msg) }
	err = resident.Daemon(ctx, resident.DaemonOptions{Dir: src.Dir, Idle: *idle, NoCache: *noCache, PauseCollector: memtune.Pause, Settled: memtune.Settle, Say: say})
	if err != nil {
		say(err.Error())
		return 1
	}
	return 0
}
