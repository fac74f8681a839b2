//go:build unix

package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-reader/folio/library"
)

// TestEvilNamesOverSSH: list, show and stats over SSH print names that
// hold ESC ] 52, ESC [, tabs, newlines or bytes that are not UTF-8
// escaped, as the local commands do: the client's terminal gets no
// control byte from the corpus.
func TestEvilNamesOverSSH(t *testing.T) {
	dir := t.TempDir()
	art := "Title: Evil names\nPublished Time: 2020-01-01\nAuthor: A\nCategory 1: X\nText:\nBody.\n"
	for _, n := range []string{"clip\x1b]52;c;SGk=\x07.txt", "red\x1b[31m.txt", "tab\there.txt", "new\nline.txt", "bad\xffutf.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(art), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "bin\x1b]0;title\x07.txt"), []byte("\x00\x01ELF"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := library.Load(context.Background(), library.Source{Dir: dir}, library.Options{Bodies: true, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	_, addr, _ := start(t, Config{Corpus: lib.Corpus})
	c := mustDial(t, addr, newSigner(t))
	for _, cmd := range []string{"list -q evil", "list", "stats", `show 'bad\xffutf.txt'`, `show 'red\x1b[31m.txt'`} {
		out, errs, code := run(t, c, cmd)
		if code != 0 {
			t.Errorf("%s: code %d: %s", cmd, code, errs)
		}
		for i, r := range strings.ReplaceAll(out, "\t", " ") + errs {
			if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				t.Errorf("%s: control %U at %d: %q", cmd, r, i, out+errs)
				break
			}
		}
	}
	if out, _, _ := run(t, c, "list"); strings.Count(out, "\n") != 5 || !strings.Contains(out, `bad\xffutf.txt`+"\t") {
		t.Errorf("list over SSH: want five lines, bad\\xffutf.txt escaped:\n%s", out)
	}
}
