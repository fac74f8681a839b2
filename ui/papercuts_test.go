package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestStepPastTheEnds: [ on the first article and ] on the last say so in
// the footer instead of doing nothing.
func TestStepPastTheEnds(t *testing.T) {
	tm, wait := run(t, sampleCorpus(t), 100, 30)
	wait("of 14")
	tm.Send(keyPress("enter"))
	wait("line 1 of")
	tm.Send(keyPress("["))
	if got := wait("first article of the list"); !strings.Contains(got, "first article") {
		t.Error(got)
	}
	tm.Send(keyPress("j")) // any key clears it
	wait("line 2 of")
	tm.Send(keyPress("q"))
	wait("of 14")
	tm.Send(keyPress("G"))
	tm.Send(keyPress("enter"))
	wait("line 1 of")
	tm.Send(keyPress("]"))
	wait("last article of the list")
}

// TestFilterNewsShortened: with a long query the filter line still says
// what was ignored, shortened, and the count.
func TestFilterNewsShortened(t *testing.T) {
	m := New(Options{Corpus: sampleCorpus(t), Source: "samples"})
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 20}, keyPress("/"))
	var msgs []tea.Msg
	for _, r := range "tea houses in chengdu keep their slow pace after:someday foo:bar" {
		msgs = append(msgs, keyPress(string(r)))
	}
	m = drive(t, m, msgs...)
	line := strings.Split(plain(m), "\n")[1]
	if !strings.Contains(line, "ignored: after:some") || !strings.Contains(line, "…") || !strings.Contains(line, " matches") {
		t.Errorf("filter line %q", line)
	}
	m = drive(t, m, keyPress("esc"), keyPress("/"), keyPress("\""), keyPress("t"), keyPress("e"), keyPress("a"))
	line = strings.Split(plain(m), "\n")[1]
	if strings.Contains(line, "ignored") || !strings.Contains(line, "quote not closed") {
		t.Errorf("unclosed quote: %q", line)
	}
}
