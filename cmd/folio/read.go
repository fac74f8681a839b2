package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"golang.org/x/term"

	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/internal/memtune"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/resident"
	"github.com/folio-reader/folio/state"
	"github.com/folio-reader/folio/ui"
	"github.com/folio-reader/folio/ui/palette"
	"github.com/folio-reader/folio/ui/reader"
)

// readOptions are the reader's flags, the settings file's values applied.
type readOptions struct {
	measure int
	sort    model.SortKey
	noCache bool
}

// read runs the interactive reader on dir while the corpus starts behind
// it (library.Open: its cache at once, or the files).
func read(ctx context.Context, dir string, o readOptions, conf config.Config, stderr io.Writer) int {
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
	lib, err := library.Open(ctx, src, library.Options{Bodies: true, Copies: true, PauseCollector: memtune.Pause, NoCache: o.noCache, Watch: true, Interactive: true})
	if err != nil {
		fmt.Fprintln(stderr, "folio:", err)
		return 1
	}
	profile := terminalProfile()
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
	p := tea.NewProgram(ui.New(ui.Options{Corpus: lib.Corpus, Source: src.Name(), Measure: o.measure, Keys: &keys, Sort: o.sort,
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

// interactive reports whether the reader can run: it draws on stdout and
// reads keys from stdin or, when stdin is a pipe, from the controlling
// terminal, as Bubble Tea does.
func interactive() bool {
	if !term.IsTerminal(int(os.Stdout.Fd())) {
		return false
	}
	if term.IsTerminal(int(os.Stdin.Fd())) {
		return true
	}
	tty, err := os.Open("/dev/tty")
	if err != nil {
		return false
	}
	tty.Close()
	return true
}

// terminal reports whether w is a terminal, and its width.
func terminal(w io.Writer) (bool, int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return false, 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width <= 0 {
		width = 80
	}
	return true, width
}

// typesetFor writes an article for `folio show` on a terminal, for the
// settings file's theme: dark, light, else (auto) the terminal's.
func typesetFor(theme string) func(w io.Writer, a *model.Article, width int) error {
	return func(w io.Writer, a *model.Article, width int) error {
		isDark := theme == "dark" || theme != "light" && hasDarkBackground()
		// Printed text keeps the reader's comfortable measure, left-aligned.
		return reader.TypesetTo(w, a, min(width, 80), isDark)
	}
}

// hasDarkBackground asks the terminal for its background; when it does not
// answer, its environment's COLORFGBG decides, else dark.
func hasDarkBackground() bool {
	if bg, err := lipgloss.BackgroundColor(os.Stdin, os.Stdout); err == nil && bg != nil {
		r, g, b, _ := bg.RGBA()
		return max(r, g, b)+min(r, g, b) < 0xffff // HSL lightness under a half
	}
	return palette.FromEnviron(os.Environ()) != palette.Light
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
