package serve

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const seed = "2022/01/000_652e1fac9521c5ec.txt"

// TestMarksPerKey: two people star different articles over SSH; each sees
// only their own, on later connections too.
func TestMarksPerKey(t *testing.T) {
	alice, bob := newSigner(t), newSigner(t)
	keys, _ := allowList(t, alice, bob)
	dir := t.TempDir()
	_, addr, _ := start(t, Config{AuthorizedKeys: keys,
		StatePath: func(fp string) (string, error) {
			return filepath.Join(dir, strings.NewReplacer("/", "_", ":", "_").Replace(fp)+".db"), nil
		}})

	a, b := mustDial(t, addr, alice), mustDial(t, addr, bob)
	if _, e, code := run(t, a, "mark "+seed+" --star"); code != 0 {
		t.Fatalf("alice mark: %d %s", code, e)
	}
	if out, _, _ := run(t, a, "list -q is:starred"); !strings.HasPrefix(out, seed+"\t") {
		t.Errorf("alice's star: %q", out)
	}
	if out, _, _ := run(t, b, "list -q is:starred"); out != "" {
		t.Errorf("bob sees alice's star: %q", out)
	}
	run(t, b, "tag "+seed+" +mine")
	if out, _, _ := run(t, a, "list -q tag:mine"); out != "" {
		t.Errorf("alice sees bob's tag: %q", out)
	}
	a2 := mustDial(t, addr, alice)
	if out, _, _ := run(t, a2, "list -q is:starred"); !strings.HasPrefix(out, seed+"\t") {
		t.Errorf("alice's star on a new connection: %q", out)
	}
}

// TestOpenServerKeepsNoState: with --open, marks last for the connection
// only.
func TestOpenServerKeepsNoState(t *testing.T) {
	dir := t.TempDir()
	_, addr, _ := start(t, Config{Open: true, StatePath: func(string) (string, error) { return filepath.Join(dir, "x.db"), nil }})
	c := mustDial(t, addr, newSigner(t))
	run(t, c, "mark "+seed+" --star")
	if out, _, _ := run(t, c, "list -q is:starred"); out != "" {
		t.Errorf("an --open server kept a mark: %q", out)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*")); len(m) != 0 {
		t.Errorf("an --open server wrote state: %v", m)
	}
}

// TestReaderMarksPerKey: a star given in alice's reader is hers alone, and
// still hers on her next connection; the reader offers no editor.
func TestReaderMarksPerKey(t *testing.T) {
	alice, bob := newSigner(t), newSigner(t)
	keys, _ := allowList(t, alice, bob)
	dir := t.TempDir()
	_, addr, _ := start(t, Config{AuthorizedKeys: keys,
		StatePath: func(fp string) (string, error) {
			return filepath.Join(dir, strings.NewReplacer("/", "_", ":", "_").Replace(fp)+".db"), nil
		}})
	a := mustDial(t, addr, alice)
	tm := openTerm(t, a, 230, 40) // wide enough for every column of help
	tm.waitText("articles")
	tm.waitText("1–")
	tm.send("*")
	tm.waitText("★")
	tm.send("?")
	tm.waitText("no editor over SSH")
	tm.send("q")
	tm.send("q")
	tm.wait(5 * time.Second)

	out, _, _ := run(t, mustDial(t, addr, alice), "list -q is:starred")
	if strings.Count(out, "\n") != 1 {
		t.Errorf("alice's starred after the reader: %q", out)
	}
	if out, _, _ := run(t, mustDial(t, addr, bob), "list -q is:starred"); out != "" {
		t.Errorf("bob sees alice's star: %q", out)
	}
}
