package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestRemoteTitleNamesNoServerPath: over SSH the title bar names the
// corpus's folder, not where it lies on the server; locally, the path.
func TestRemoteTitleNamesNoServerPath(t *testing.T) {
	for _, remote := range []bool{true, false} {
		m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "/srv/news/archive", Remote: remote}), tea.WindowSizeMsg{Width: 80, Height: 24})
		title, _, _ := strings.Cut(plain(m), "\n")
		if want := map[bool]string{true: "folio · archive ", false: "folio · /srv/news/archive "}[remote]; !strings.Contains(title, want) {
			t.Errorf("remote %v: title %q, want %q", remote, title, want)
		}
	}
}
