//go:build unix

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// evilNames are file names a terminal would act on if they reached it as
// they are, and one that is not UTF-8.
var evilNames = []string{
	"clip\x1b]52;c;SGk=\x07.txt", // set the clipboard
	"red\x1b[31m.txt",
	"tab\there.txt",
	"new\nline.txt",
	"c1\u009b31m.txt",
	"bad\xffutf.txt",
}

// evilCorpus is a folder of the seed under every evil name, and a binary
// file whose name sets the window title (reported as skipped).
func evilCorpus(t *testing.T) string {
	t.Helper()
	seed, err := os.ReadFile("../../loader/testdata/000_652e1fac9521c5ec.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, n := range append([]string{"plain.txt"}, evilNames...) {
		if err := os.WriteFile(filepath.Join(dir, n), seed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "bin\x1b]0;title\x07.txt"), []byte("\x00\x01\x02ELF"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// controlFree fails the test when out holds a byte a terminal acts on: a
// C0 control other than the newlines that end lines, DEL, or a C1 control.
func controlFree(t *testing.T, what, out string) {
	t.Helper()
	for i, r := range out {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			t.Errorf("%s: control %U at byte %d: %q", what, r, i, out[max(0, i-20):min(len(out), i+20)])
			return
		}
	}
	if !utf8.ValidString(out) {
		t.Errorf("%s: not UTF-8: %q", what, out)
	}
}

func TestEvilNames(t *testing.T) {
	bin := build(t)
	dir := evilCorpus(t)

	r := runBin(t, bin, "list", dir, "--verbose")
	controlFree(t, "list", strings.ReplaceAll(r.stdout, "\t", " ")+r.stderr) // tabs separate its fields
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 1+len(evilNames) {
		t.Fatalf("list: %d lines, want %d (one an article):\n%s\nstderr: %s", len(lines), 1+len(evilNames), r.stdout, r.stderr)
	}
	for _, l := range lines {
		if n := strings.Count(l, "\t"); n != 4 {
			t.Errorf("list line has %d tabs, want 4: %q", n, l)
		}
	}
	if !strings.Contains(r.stderr, `bin\x1b]0;title\x07.txt`) {
		t.Errorf("the binary file is not reported escaped: %q", r.stderr)
	}
	for _, l := range lines {
		id := strings.Split(l, "\t")[0]
		s := runBin(t, bin, "show", dir, id)
		controlFree(t, "show "+id, s.stdout+s.stderr)
		if s.code != 0 || !strings.Contains(s.stdout, "Global Times") {
			t.Errorf("show %s (as list prints it): code %d, %q", id, s.code, s.stderr)
		}
	}
	if s := runBin(t, bin, "show", dir, "bad\xffutf.txt"); s.code != 0 {
		t.Errorf("show with the raw bytes of a name that is not UTF-8: code %d, %q", s.code, s.stderr)
	}
	st := runBin(t, bin, "stats", dir)
	controlFree(t, "stats", st.stdout+st.stderr)
	if st.code != 0 || !strings.Contains(st.stdout, `bin\x1b]0;title\x07.txt`) {
		t.Errorf("stats: code %d, no escaped skipped file:\n%s", st.code, st.stdout)
	}
}

// TestEvilNamesJSON: JSON keeps names exact, with its own escaping, and
// marks the one ID it cannot carry exactly (not UTF-8) as escaped.
func TestEvilNamesJSON(t *testing.T) {
	bin := build(t)
	dir := evilCorpus(t)
	r := runBin(t, bin, "list", "--json", dir)
	controlFree(t, "list --json", r.stdout+r.stderr)
	got := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var a struct {
			ID        string `json:"id"`
			IDEscaped bool   `json:"id_escaped"`
		}
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		got[a.ID] = a.IDEscaped
	}
	for _, n := range evilNames {
		escaped, ok := got[n]
		if !utf8.ValidString(n) {
			escaped, ok = got[`bad\xffutf.txt`]
			if !escaped {
				t.Errorf("%q: not marked id_escaped", n)
			}
		} else if escaped {
			t.Errorf("%q: marked escaped though JSON can carry it", n)
		}
		if !ok {
			t.Errorf("%q not in list --json: %v", n, got)
		}
	}
	for _, args := range [][]string{{"stats", "--json", dir}, {"show", "--json", dir, "red\x1b[31m.txt"}} {
		s := runBin(t, bin, args...)
		controlFree(t, strings.Join(args[:2], " "), s.stdout+s.stderr)
		if s.code != 0 {
			t.Errorf("%v: code %d %s", args, s.code, s.stderr)
		}
	}
}
