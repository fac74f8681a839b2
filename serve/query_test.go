package serve

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/model"
)

// hookedCorpus is a small corpus of its own (the shared sample corpus
// must not carry a hook) whose searches with terms call hook.
func hookedCorpus(hook func(ctx context.Context)) *model.Corpus {
	c := model.NewCorpus(nil)
	var arts []*model.Article
	for i := range 20 {
		arts = append(arts, &model.Article{
			ID: fmt.Sprintf("%02d.txt", i), Title: fmt.Sprintf("China report %d", i), Category1: "WORLD",
			Published: time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC),
		})
	}
	c.Add(model.Batch{Articles: arts})
	c.Finish(0)
	c.SetSearchHook(hook)
	return c
}

// A query over SSH is bounded where its bytes enter: its length and its
// terms, each refused with a message and status 2 one past the limit.
func TestQueryLimitsOverSSH(t *testing.T) {
	_, addr, logs := start(t, Config{})
	c := mustDial(t, addr, nil)
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("-zz ", n)) }
	tests := []struct {
		name, query string
		code        int
		stderr      string
	}{
		{"1024 bytes", strings.Repeat("y", 1024), 0, ""},
		{"1025 bytes", strings.Repeat("y", 1025), 2, "the query is too long (1025 bytes; at most 1024 on this server)"},
		{"32 terms", words(32), 0, ""},
		{"33 terms", words(33), 2, "the query has too many terms (33; at most 32 on this server)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := run(t, c, "list --limit 1 -q '"+tt.query+"'")
			if code != tt.code || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("status %d, stderr %q; want %d, %q", code, errOut, tt.code, tt.stderr)
			}
			if tt.stderr != "" {
				waitLog(t, logs, tt.stderr)
			}
		})
	}
}

// A query that runs past its budget over SSH ends with a message and
// status 1. The hook holds the search until its context ends.
func TestQueryBudgetOverSSH(t *testing.T) {
	c := hookedCorpus(func(ctx context.Context) { <-ctx.Done() })
	_, addr, logs := start(t, Config{Corpus: c})
	began := time.Now()
	out, errOut, code := run(t, mustDial(t, addr, nil), "list -q china")
	if code != 1 || out != "" || !strings.Contains(errOut, "took longer than 2s, the limit on this server") {
		t.Errorf("status %d, stdout %q, stderr %q; want 1, nothing, the budget's message", code, out, errOut)
	}
	if d := time.Since(began); d > 10*time.Second {
		t.Errorf("the budget of 2 s ended the query after %s", d)
	}
	waitLog(t, logs, "query cut", "took longer than 2s")
}

// A `list -q` whose client leaves stops: its search's context is
// cancelled (by the client's leaving, not ended by the budget).
func TestAbandonedQueryStops(t *testing.T) {
	entered, stopped := make(chan struct{}), make(chan error, 1)
	c := hookedCorpus(func(ctx context.Context) {
		close(entered)
		<-ctx.Done()
		stopped <- ctx.Err()
	})
	_, addr, _ := start(t, Config{Corpus: c})
	client := mustDial(t, addr, nil)
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Start("list -q china"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the search did not start")
	}
	client.Close() // the client is gone, connection and all
	select {
	case err := <-stopped:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("the search ended with %v; want context.Canceled, for the client's leaving", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the search did not stop after its client left")
	}
}
