package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/folio-reader/folio/cmd/corpusgen/gen"
	"github.com/folio-reader/folio/library"
)

// TestListCopies: --json says copy_of on every copy and copies on its
// canonical, collapsed or not; --collapse prints a group once.
func TestListCopies(t *testing.T) {
	dir := t.TempDir()
	g := gen.New(4, false)
	p := gen.Plant{N: 200, Copies: 0.15}
	if _, err := g.WritePlanted(dir, p); err != nil {
		t.Fatal(err)
	}
	lib, err := library.Load(context.Background(), library.Source{Dir: dir}, library.Options{Bodies: true, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	list := func(args ...string) []map[string]any {
		var out, errb bytes.Buffer
		if code := RunOn(context.Background(), append([]string{"list"}, args...), Env{Stdout: &out, Stderr: &errb}, lib.Corpus); code != 0 {
			t.Fatalf("list %v: %d %s", args, code, errb.String())
		}
		var rows []map[string]any
		for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("%q: %v", l, err)
			}
			rows = append(rows, m)
		}
		return rows
	}
	all := list("--json")
	copies, canonicals := 0, map[string]float64{}
	of := map[string]int{}
	for _, r := range all {
		if c, ok := r["copy_of"].(string); ok {
			copies++
			of[c]++
		}
		if n, ok := r["copies"].(float64); ok {
			canonicals[r["id"].(string)] = n
		}
	}
	if copies == 0 || len(all) != 200 {
		t.Fatalf("%d rows, %d copies", len(all), copies)
	}
	for id, n := range of {
		if canonicals[id] != float64(n) {
			t.Errorf("%s: %d copies name it, it says %v", id, n, canonicals[id])
		}
	}
	if collapsed := list("--json", "--collapse"); len(collapsed) != len(all)-copies {
		t.Errorf("--collapse: %d rows, want %d", len(collapsed), len(all)-copies)
	}
}
