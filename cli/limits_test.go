package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/folio-reader/folio/library"
)

// A local list bounds its query too, more generously than a server: at
// each limit it runs, one past it it is refused with status 2, the
// message on stderr, and Cut told once.
func TestLocalQueryLimits(t *testing.T) {
	lib, err := library.Load(context.Background(), library.Source{}, library.Options{NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	lim := LocalLimits()
	terms := func(n int) string { return strings.TrimSpace(strings.Repeat("-zz ", n)) }
	tests := []struct {
		name, query string
		code        int
		stderr      string
	}{
		{"at the length", strings.Repeat("y", lim.QueryBytes), 0, ""},
		{"past the length", strings.Repeat("y", lim.QueryBytes+1), 2, "folio list: the query is too long (65537 bytes; at most 65536 here)"},
		{"at the terms", terms(lim.Terms), 0, ""},
		{"past the terms", terms(lim.Terms + 1), 2, "folio list: the query has too many terms (4097; at most 4096 here)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			var cuts []string
			env := Env{Stdout: &out, Stderr: &errb, Cut: func(r string) { cuts = append(cuts, r) }}
			code := RunOn(context.Background(), []string{"list", "-q", tt.query}, env, lib.Corpus)
			if code != tt.code || !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("status %d, stderr %q; want %d, %q", code, errb.String(), tt.code, tt.stderr)
			}
			if want := min(tt.code, 1); len(cuts) != want {
				t.Errorf("Cut told %d times (%q); want %d", len(cuts), cuts, want)
			} else if want == 1 && !strings.Contains(tt.stderr, cuts[0]) {
				t.Errorf("Cut told %q; want the message %q", cuts[0], tt.stderr)
			}
		})
	}
}
