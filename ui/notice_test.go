package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestNoticeEndsAtNextKey: a footer notice lasts until the next key, or
// until its timer ends it; an older timer leaves a newer notice alone.
func TestNoticeEndsAtNextKey(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 20})
	m = drive(t, m, keyPress("y"))
	if !strings.Contains(plain(m), "ID copied") {
		t.Fatalf("no notice after y:\n%s", plain(m))
	}
	if got := plain(drive(t, m, keyPress("j"))); strings.Contains(got, "ID copied") {
		t.Errorf("the notice outlived the next key:\n%s", got)
	}
	first := m.noticeSeq
	if got := plain(drive(t, m, noticeExpiredMsg{seq: first})); strings.Contains(got, "ID copied") {
		t.Errorf("the notice outlived its timer:\n%s", got)
	}
	m = drive(t, m, keyPress("y"))
	if got := plain(drive(t, m, noticeExpiredMsg{seq: first})); !strings.Contains(got, "ID copied") {
		t.Errorf("an older timer ended a newer notice:\n%s", got)
	}
}

// TestFilterNewsUsesTheRoom: what the filter line says of a query (an
// ignored part) is cut only when the line has no room for it, not at half
// the line.
func TestFilterNewsUsesTheRoom(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 20})
	m = typeKeys(t, drive(t, m, keyPress("/")), "after:x")
	line := strings.Split(plain(m), "\n")[1]
	if !strings.Contains(line, "use YYYY, YYYY-MM or YYYY-MM-DD)") || !strings.Contains(line, "14 matches") {
		t.Errorf("the filter line cut its news with room to spare: %q", line)
	}
	m = drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 60, Height: 20})
	m = typeKeys(t, drive(t, m, keyPress("/")), "after:x")
	if line := strings.Split(plain(m), "\n")[1]; !strings.Contains(line, "…") || !strings.Contains(line, "14 matches") || !strings.Contains(line, "after:x") {
		t.Errorf("a narrow filter line: %q", line)
	}
}

// TestNoticeBeforeRepeats: on a short footer, a notice wins over the
// parts the lines above already say (the filter) or that do not change.
func TestNoticeBeforeRepeats(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 60, Height: 20})
	m = drive(t, typeKeys(t, drive(t, m, keyPress("/")), "train"), keyPress("enter"))
	m = drive(t, m, keyPress("y"))
	if got := plain(m); !strings.Contains(got, "ID copied (OSC 52)") {
		t.Errorf("the notice was cut for the filter's repeat:\n%s", got)
	}
}
