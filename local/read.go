// Package local is folio on the local terminal: the reader as a program,
// started beside its corpus, its reading state and its keeper, and what
// show needs of a terminal (its colours, a typesetter, a pager).
package local

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/resident"
	"github.com/folio-reader/folio/state"
	"github.com/folio-reader/folio/ui"
	"github.com/folio-reader/folio/ui/palette"
)

// Options are the reader's flags, the settings file's values applied.
type Options struct {
	Measure int
	Sort    model.SortKey
	NoCache bool
	// PauseCollector is library.Options.PauseCollector: the process's
	// collector belongs to its main.
	PauseCollector func() (resume func())
}

// Read runs the interactive reader on dir while the corpus starts behind
// it (library.Open: its cache at once, or the files), and returns the
// exit status.
func Read(ctx context.Context, dir string, o Options, conf config.Config, stderr io.Writer) int {
	src := library.SourceFor(dir, os.Getenv)
	if !interactive() {
		// A missing folder is still what is said first.
		_, closeFS, err := src.Open()
		if err != nil {
			fmt.Fprintln(stderr, "folio:", err)
			return 1
		}
		closeFS()
		fmt.Fprintln(stderr, "folio: the reader needs a terminal; for plain text, use folio list, show or stats (see folio help)")
		return 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lib, err := library.Open(ctx, src, library.Options{Bodies: true, Copies: true, PauseCollector: o.PauseCollector, NoCache: o.NoCache, Watch: true, Interactive: true})
	if err != nil {
		fmt.Fprintln(stderr, "folio:", err)
		return 1
	}
	profile := Profile()
	if os.Getenv("NO_COLOR") != "" {
		// Any value disables colour (no-color.org); colorprofile only
		// honours values that parse as true.
		profile = colorprofile.Ascii
	}
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithColorProfile(profile)}
	keys := ui.DefaultKeyMap()
	if err := keys.Override(conf.Keys); err != nil { // checked by config.Load already
		fmt.Fprintln(stderr, "folio: "+conf.Path+": [keys]: "+err.Error())
		return 2
	}
	store, err := openStore(src.Dir, stderr)
	if err != nil {
		lib.Close()
		fmt.Fprintln(stderr, "folio:", err)
		return 1
	}
	defer func() {
		if err := store.Close(); err != nil {
			fmt.Fprintln(stderr, "folio: the last marks may not be saved:", err)
		}
	}()
	// While the reader is open, folio list and show on the same folder
	// are answered from its corpus (when no daemon answers already).
	stopKeeping := func() {}
	if src.Dir != "" {
		if stop, _, err := resident.Keep(ctx, lib, src.Dir, nil); err == nil {
			stopKeeping = stop
		}
	}
	p := tea.NewProgram(ui.New(ui.Options{Corpus: lib.Corpus, Source: src.Name(), Measure: o.Measure, Keys: &keys, Sort: o.Sort,
		State: store, Searches: conf.Searches, Dir: src.Dir, Theme: conf.Theme, Background: palette.FromEnviron(os.Environ())}), opts...)
	_, err = p.Run()
	stopKeeping()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		lib.Close()
		fmt.Fprintln(stderr, "folio:", err)
		return 1
	}
	if err := lib.Close(); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "folio:", err)
		return 1
	}
	return 0
}

// openStore opens the reading state of a corpus folder ("" for the
// samples); a damaged one is set aside, and the notice printed.
func openStore(dir string, stderr io.Writer) (*state.Store, error) {
	path, err := state.PathFor(os.Getenv, dir)
	if err != nil {
		return nil, err
	}
	s, notice, err := state.Open(path)
	if notice != "" {
		fmt.Fprintln(stderr, "folio: "+notice)
	}
	return s, err
}
