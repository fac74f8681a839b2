package ui

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
)

// TestGoldenThemes keeps the list and the reader as a terminal receives
// them, escape sequences and all, at 80×24 and 200×50, on a dark and a
// light background and under NO_COLOR (through the ASCII profile, as
// Bubble Tea writes a frame to such a terminal): a change of colour or
// attribute shows in the diff.
func TestGoldenThemes(t *testing.T) {
	c := sampleCorpus(t)
	themes := []struct {
		name    string
		bg      color.Color
		profile colorprofile.Profile
	}{
		{"dark", color.Black, colorprofile.ANSI256},
		{"light", color.White, colorprofile.ANSI256},
		{"nocolor", color.Black, colorprofile.ASCII},
	}
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		for _, th := range themes {
			for _, screen := range []string{"list", "reader"} {
				t.Run(fmt.Sprintf("%dx%d/%s/%s", size[0], size[1], th.name, screen), func(t *testing.T) {
					m := New(Options{Corpus: c, Source: "samples"})
					m = drive(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]},
						tea.BackgroundColorMsg{Color: th.bg}, tea.ColorProfileMsg{Profile: th.profile})
					if screen == "reader" {
						m = drive(t, m, keyPress("enter"))
						if m.state != stateReader {
							t.Fatalf("enter left the state at %v", m.state)
						}
					}
					var b bytes.Buffer
					w := &colorprofile.Writer{Forward: &b, Profile: th.profile}
					w.WriteString(m.View().Content)
					got := b.String()
					if th.profile == colorprofile.ASCII && strings.Contains(got, "38;") {
						t.Error("a colour reached a NO_COLOR terminal")
					}
					golden.RequireEqual(t, []byte(strings.ReplaceAll(got, "\x1b", "␛")))
				})
			}
		}
	}
}
