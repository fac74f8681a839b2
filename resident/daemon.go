package resident

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/folio-reader/folio/library"
)

// DaemonOptions are what folio daemon runs with.
type DaemonOptions struct {
	Dir     string        // the corpus folder
	Idle    time.Duration // stop after this long without a command to answer; 0: never
	NoCache bool          // neither read nor write the index cache
	// PauseCollector is library.Options.PauseCollector: the process's
	// collector belongs to its main.
	PauseCollector func() (resume func())
	// Settled, when set, runs once the start-up work is over: the main's
	// cue that the process now only keeps what it has (see memtune.Settle).
	Settled func()
	Say     func(msg string) // what the daemon tells its user, a line each
}

// Daemon keeps the corpus in o.Dir open and current, following the folder,
// and answers the folio list and show commands run on it meanwhile (see
// Keep), until ctx ends, it has been idle o.Idle, or the folder is gone
// (a daemon must not hold a removed folder, or a drive being unmounted).
// It fails when it cannot start, or another folio keeps the folder.
func Daemon(ctx context.Context, o DaemonOptions) error {
	say := o.Say
	src := library.Source{Dir: o.Dir}
	lib, err := library.Open(ctx, src, library.Options{Bodies: true, Copies: true, PauseCollector: o.PauseCollector, NoCache: o.NoCache, Watch: true, Warn: say})
	if err != nil {
		return err
	}
	defer lib.Close()
	asked := make(chan struct{}, 1)
	stop, path, err := Keep(ctx, lib, o.Dir, func() {
		select {
		case asked <- struct{}{}:
		default:
		}
	})
	if errors.Is(err, ErrTaken) {
		who := ""
		if p, perr := SocketFor(os.Getenv, o.Dir); perr == nil {
			if pid := KeeperPID(p); pid > 0 {
				who = fmt.Sprintf(" (process %d)", pid)
			}
		}
		return errors.New("another folio" + who + " answers for " + o.Dir + " already")
	}
	if err != nil {
		return errors.New("cannot answer for " + o.Dir + ": " + err.Error())
	}
	defer stop()
	start := time.Now()
	say("keeping " + o.Dir + "; folio list and show on it are answered through " + path + " (interrupt to stop)")
	select {
	case <-lib.Settled():
		if err := lib.Settle(ctx); err != nil {
			return err
		}
		say(fmt.Sprintf("ready: %d articles, in %.2f s", lib.Corpus.Len(), time.Since(start).Seconds()))
		if o.Settled != nil {
			o.Settled()
		}
	case <-ctx.Done():
		return nil
	}
	root, _ := os.Stat(o.Dir)
	check := time.NewTicker(5 * time.Second)
	defer check.Stop()
	var idleC <-chan time.Time
	var timer *time.Timer
	if o.Idle > 0 {
		timer = time.NewTimer(o.Idle)
		defer timer.Stop()
		idleC = timer.C
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-asked:
			if timer != nil {
				timer.Reset(o.Idle)
			}
		case <-idleC:
			say(fmt.Sprintf("no command for %v: stopping", o.Idle))
			return nil
		case <-check.C:
			if now, err := os.Stat(o.Dir); err != nil || root == nil || !os.SameFile(root, now) {
				say(o.Dir + " is gone: stopping")
				return nil
			}
		}
	}
}
