package cli

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-reader/folio/cmd/corpusgen/gen"
)

// TestDamagedPositionsSaid: a command whose phrase finds the cache's word
// positions damaged (checked only as phrases read them, long after the
// problems said at the start) answers as before, from the text, and says
// on stderr that the cache is dropped.
func TestDamagedPositionsSaid(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.New(2, false).WritePlanted(dir, gen.Plant{N: 3000}); err != nil {
		t.Fatal(err)
	}
	xdg := map[string]string{"XDG_CACHE_HOME": t.TempDir(), "XDG_STATE_HOME": t.TempDir(), "XDG_CONFIG_HOME": t.TempDir()}
	list := func() (string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		if code := Run(context.Background(), []string{"list", dir, "-q", `"of the"`}, Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return xdg[k] }}); code != 0 {
			t.Fatalf("list: %d %s", code, errb.String())
		}
		return out.String(), errb.String()
	}
	want, _ := list()
	if strings.Count(want, "\n") < 10 {
		t.Fatalf("the phrase finds %d articles: too few to test with", strings.Count(want, "\n"))
	}
	paths, _ := filepath.Glob(filepath.Join(xdg["XDG_CACHE_HOME"], "folio", "*.idx"))
	if len(paths) != 1 {
		t.Fatalf("caches %q", paths)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	// The trailer (library/cache.go) says the payload's length and its
	// tail's (the positions, then the layout); the blocks of a MiB that
	// hold positions alone are checked only as phrases read them.
	const head, block = 24, 1 << 20
	n := int(binary.LittleEndian.Uint64(b[len(b)-36:]))
	tail := int(binary.LittleEndian.Uint64(b[len(b)-28:]))
	from := (head+n-tail)/block*block + block
	if from+block > head+n-256 {
		t.Fatalf("positions of %d bytes hold no whole block", tail)
	}
	for at := from; at < head+n-256; at += 4 << 10 {
		b[at] ^= 0x40
	}
	if err := os.WriteFile(paths[0], b, 0o600); err != nil {
		t.Fatal(err)
	}
	got, stderr := list()
	if got != want {
		t.Errorf("with damaged positions the list differs")
	}
	if !strings.Contains(stderr, "folio: warning: the index cache "+paths[0]+" was ignored for exact phrases") {
		t.Errorf("stderr %q: the damage is not said", stderr)
	}
	if again, err := os.ReadFile(paths[0]); !os.IsNotExist(err) {
		t.Errorf("a cache is still there (%v; the damaged one: %v)", err, bytes.Equal(again, b))
	}
}
