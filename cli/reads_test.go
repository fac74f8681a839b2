package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/library"
)

// TestShowWaitsItsTurn: with a server's bound on articles read at once
// taken whole (the largest article being shown), a show waits for it,
// ends when its client leaves, and goes ahead once the bound is free.
func TestShowWaitsItsTurn(t *testing.T) {
	lib, err := library.Load(context.Background(), library.Source{}, library.Options{Bodies: true, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	reads := NewReads()
	if err := reads.Acquire(context.Background(), ReadsMax); err != nil {
		t.Fatal(err)
	}
	limits := RemoteLimits()
	limits.Reads = reads
	show := func(ctx context.Context) (string, int) {
		var out, errb bytes.Buffer
		code := RunOn(ctx, []string{"show", "2009/sample_01_tea_houses.txt"}, Env{Stdout: &out, Stderr: &errb, Limits: limits}, lib.Corpus)
		return out.String(), code
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if out, code := show(ctx); code == 0 || out != "" {
		t.Fatalf("a show went ahead while the bound was taken: code %d, %q", code, out)
	}
	reads.Release(ReadsMax)
	if out, code := show(context.Background()); code != 0 || !strings.Contains(out, "Tea") {
		t.Fatalf("a show after the bound was freed: code %d, %q", code, out)
	}
	if !reads.TryAcquire(ReadsMax) {
		t.Error("the show kept part of the bound")
	}
}
