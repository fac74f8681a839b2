package ui

import (
	"strings"
	"testing"
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
