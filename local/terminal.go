package local

import (
	"io"
	"os"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"golang.org/x/term"

	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/ui/palette"
	"github.com/folio-reader/folio/ui/reader"
)

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

// Terminal reports whether w is a terminal, and its width.
func Terminal(w io.Writer) (bool, int) {
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

// TypesetFor writes an article for `folio show` on a terminal, for the
// settings file's theme: dark, light, else (auto) the terminal's.
func TypesetFor(theme string) func(w io.Writer, a *model.Article, width int) error {
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

// Profile is the colours standard output can show. Lip Gloss found them
// out as the program started (colorprofile.Detect on standard output,
// which in tmux runs tmux info: some 20 ms), so they are taken from it
// rather than found out again.
func Profile() colorprofile.Profile {
	return lipgloss.Writer.Profile
}
