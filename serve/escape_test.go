package serve

import (
	"strings"
	"testing"
	"time"
)

// TestEscapesInOnePacket: SSH delivers keys typed quickly together in one
// packet, and Bubble Tea reads "\x1b\x1b" as alt+esc and "\x1bq" as alt+q.
// folio binds no alt key there, so each is read as esc followed by the key.
func TestEscapesInOnePacket(t *testing.T) {
	_, addr, _ := start(t, Config{})
	tm := openTerm(t, mustDial(t, addr, nil), 100, 30)
	tm.waitText("of 14")
	tm.send("/tea\r")
	tm.waitText("filter: tea")
	tm.send("\r")
	tm.waitText("min read")
	// Two escapes: out of the reader, then the filter cleared.
	tm.send("\x1b\x1b")
	tm.waitScreen("the list without a filter", func(s string) bool {
		return strings.Contains(s, "of 14") && !strings.Contains(s, "filter: tea") && !strings.Contains(s, "min read")
	})
	tm.send("\r")
	tm.waitText("min read")
	// Escape and q together: out of the reader, then quit.
	tm.send("\x1bq")
	if code := tm.wait(5 * time.Second); code != 0 {
		t.Errorf("esc q: exit status %d, want 0", code)
	}
}
