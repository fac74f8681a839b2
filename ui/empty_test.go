package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
)

func emptyCorpus(problems ...model.Problem) *model.Corpus {
	c := model.NewCorpus(nil)
	c.Add(model.Batch{Problems: problems})
	c.Finish(0)
	return c
}

// TestEmptyFolder: a folder with no articles says so, and points at p when
// files were skipped; "no articles match" is for a filter that matched none.
func TestEmptyFolder(t *testing.T) {
	footer := func(m Model) string {
		lines := strings.Split(plain(m), "\n")
		return lines[len(lines)-2] + "\n" + lines[len(lines)-1]
	}
	m := drive(t, New(Options{Corpus: emptyCorpus(), Source: "empty"}), tea.WindowSizeMsg{Width: 100, Height: 30})
	if got := footer(m); !strings.Contains(got, "the folder holds no articles") || strings.Contains(got, "match") {
		t.Errorf("empty folder: %q", got)
	}
	bad := emptyCorpus(model.Problem{Path: "a.txt", Reason: "no Text: line", Severity: model.Skipped},
		model.Problem{Path: "b.txt", Reason: "empty", Severity: model.Skipped})
	m = drive(t, New(Options{Corpus: bad, Source: "bad"}), tea.WindowSizeMsg{Width: 100, Height: 30})
	if got := footer(m); !strings.Contains(got, "the folder holds no articles · 2 files skipped (p: why)") {
		t.Errorf("every file skipped: %q", got)
	}
	m = drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 30},
		keyPress("/"), keyPress("z"), keyPress("q"), keyPress("x"), keyPress("enter"))
	if got := footer(m); !strings.Contains(got, "no articles match") {
		t.Errorf("a filter matching nothing: %q", got)
	}
}

// TestEmptyFacets: the facets of an empty list still put their footer on
// the bottom row.
func TestEmptyFacets(t *testing.T) {
	m := drive(t, New(Options{Corpus: emptyCorpus(), Source: "empty"}), tea.WindowSizeMsg{Width: 100, Height: 30}, keyPress("f"))
	if m.state != stateFacets {
		t.Fatalf("f: state %d", m.state)
	}
	lines := strings.Split(plain(m), "\n")
	if len(lines) != 30 || !strings.Contains(lines[29], "back") {
		t.Errorf("footer not on row 30 (%d lines):\n%s", len(lines), plain(m))
	}
}
