package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/folio-reader/folio/cli"
	"github.com/folio-reader/folio/internal/memtune"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/resident"
)

const daemonUsage = "folio daemon [DIR] [--idle D] [--no-cache]"

// daemon runs folio daemon: it keeps the corpus open and current, following
// the folder, and answers the folio list and show commands run on it
// meanwhile (see keep), until interrupted.
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
	lib, err := library.Open(ctx, src, library.Options{Bodies: true, Copies: true, PauseCollector: memtune.Pause, NoCache: *noCache, Watch: true, Warn: say})
	if err != nil {
		say(err.Error())
		return 1
	}
	defer lib.Close()
	asked := make(chan struct{}, 1)
	stop, path, err := keep(ctx, lib, src.Dir, func() {
		select {
		case asked <- struct{}{}:
		default:
		}
	})
	if errors.Is(err, resident.ErrTaken) {
		who := ""
		if p, perr := socketFor(os.Getenv, src.Dir); perr == nil {
			if pid := resident.KeeperPID(p); pid > 0 {
				who = fmt.Sprintf(" (process %d)", pid)
			}
		}
		say("another folio" + who + " answers for " + src.Dir + " already")
		return 1
	}
	if err != nil {
		say("cannot answer for " + src.Dir + ": " + err.Error())
		return 1
	}
	defer stop()
	start := time.Now()
	say("keeping " + src.Dir + "; folio list and show on it are answered through " + path + " (interrupt to stop)")
	select {
	case <-lib.Settled():
		if err := lib.Settle(ctx); err != nil {
			say(err.Error())
			return 1
		}
		say(fmt.Sprintf("ready: %d articles, in %.2f s", lib.Corpus.Len(), time.Since(start).Seconds()))
	case <-ctx.Done():
		return 0
	}
	// Run until interrupted, idle long enough, or the folder is gone (a
	// daemon must not hold a removed folder, or a drive being unmounted).
	root, _ := os.Stat(src.Dir)
	check := time.NewTicker(5 * time.Second)
	defer check.Stop()
	var idleC <-chan time.Time
	var timer *time.Timer
	if *idle > 0 {
		timer = time.NewTimer(*idle)
		defer timer.Stop()
		idleC = timer.C
	}
	for {
		select {
		case <-ctx.Done():
			return 0
		case <-asked:
			if timer != nil {
				timer.Reset(*idle)
			}
		case <-idleC:
			say(fmt.Sprintf("no command for %v: stopping", *idle))
			return 0
		case <-check.C:
			if now, err := os.Stat(src.Dir); err != nil || root == nil || !os.SameFile(root, now) {
				say(src.Dir + " is gone: stopping")
				return 0
			}
		}
	}
}
