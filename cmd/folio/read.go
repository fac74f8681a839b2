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

	"github.com/folio-reader/folio/cli"
	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/ui"
	"github.com/folio-reader/folio/ui/reader"
)

// read runs the interactive reader on dir while the corpus loads behind it.
func read(ctx context.Context, dir string, measure int, stderr io.Writer) int {
	src := cli.SourceFor(dir, os.Getenv)
	fsys, closeFS, err := src.Open()
	if err != nil {
		fmt.Fprintln(stderr, "folio:", err)
		return 1
	}
	defer closeFS()
	if !interactive() {
		fmt.Fprintln(stderr, "folio: the reader needs a terminal; for plain text, use folio list, show or stats (see folio help)")
		return 1
	}
	c := cli.NewCorpus(fsys)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	loadErr := make(chan error, 1)
	c.StartBodies() // said before loading, so the reader waits for them
	go func() {
		err := cli.Fill(ctx, c, fsys, nil)
		if err == nil {
			// The words index first, on every core, for the first filter;
			// then the bodies.
			c.BuildIndex()
			err = loader.IndexBodies(ctx, fsys, c)
		}
		loadErr <- err
	}()

	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if os.Getenv("NO_COLOR") != "" {
		// Any value disables colour (no-color.org); colorprofile only
		// honours values that parse as true.
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	p := tea.NewProgram(ui.New(ui.Options{Corpus: c, Source: src.Name(), Measure: measure}), opts...)
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		fmt.Fprintln(stderr, "folio:", err)
		return 1
	}
	cancel()
	if err := <-loadErr; err != nil && !errors.Is(err, context.Canceled) {
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

// typeset renders an article for `folio show` on a terminal.
func typeset(a *model.Article, width int) string {
	isDark := lipgloss.HasDarkBackground(os.Stdin, os.Stdout)
	// Printed text keeps the reader's comfortable measure, left-aligned.
	return reader.Typeset(a, min(width, 80), isDark)
}
