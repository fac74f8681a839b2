package model

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// waitFor fails the test unless done is closed within a generous deadline.
func waitFor(t *testing.T, done <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: not within 10 s", what)
	}
}

// A search held inside its locks (the hook stands for a costly query)
// does not hold up another search, in an order that needs the index or
// not, while there is nothing to index.
func TestSearchesDoNotWaitForEachOther(t *testing.T) {
	c := synthetic(3000)
	c.BuildIndex()
	entered, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	c.SetSearchHook(func(context.Context) {
		if calls.Add(1) == 1 {
			close(entered)
			<-release
		}
	})
	slow := make(chan struct{})
	go func() {
		defer close(slow)
		c.Search(ParseQuery("china -russia"), SortRelevance)
	}()
	waitFor(t, entered, "the slow search reaching its hook")
	for _, key := range []SortKey{SortNewest, SortTitle, SortRelevance} {
		done := make(chan struct{})
		var res Result
		go func() {
			defer close(done)
			res = c.Search(ParseQuery("cat:world"), key)
		}()
		waitFor(t, done, "a cheap search in order "+key.String()+" while another is held")
		if len(res.Rows) == 0 {
			t.Errorf("cat:world in order %s matched nothing", key)
		}
	}
	close(release)
	waitFor(t, slow, "the slow search, released")
}

// Articles added while a search is held are indexed by the next search
// that needs them, and it answers with them.
func TestCatchUpAfterAdd(t *testing.T) {
	c := synthetic(500)
	c.BuildIndex()
	c.Add(Batch{Articles: []*Article{{ID: "new.txt", Title: "Zanzibar ferries"}}})
	res := c.Search(ParseQuery("zanzibar"), SortTitle)
	if len(res.Rows) != 1 || res.Article(res.Rows[0]).ID != "new.txt" {
		t.Fatalf("zanzibar after Add: %d rows", len(res.Rows))
	}
}

// A search whose context ends returns its error, and stops: here the
// hook cancels before the terms are matched.
func TestSearchContextCancelled(t *testing.T) {
	c := synthetic(1000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c.SetSearchHook(func(context.Context) { cancel() })
	res, err := c.SearchContext(ctx, ParseQuery("china"), SortNewest, nil)
	if !errors.Is(err, context.Canceled) || res.Rows != nil {
		t.Fatalf("cancelled search: %d rows, error %v; want none and context.Canceled", len(res.Rows), err)
	}
	if _, err := c.SearchContext(ctx, ParseQuery("china"), SortNewest, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("search with an ended context: %v; want context.Canceled", err)
	}
	if res, err := c.SearchContext(context.Background(), ParseQuery(""), SortNewest, nil); err != nil || len(res.Rows) != 1000 {
		t.Fatalf("search without terms: %d rows, %v", len(res.Rows), err)
	}
}

// textPhrases is a corpus of 400 generated articles whose phrases are
// matched against the text, each candidate's body read through open, and
// the two-word phrase in the most bodies.
func textPhrases(t *testing.T, open func(id string)) (*Corpus, Query) {
	arts := generated(t, 400)
	bodies := map[string]string{}
	stripped := make([]*Article, len(arts))
	df := map[string]int{}
	for i, a := range arts {
		bodies[a.ID] = a.RawBody
		b := *a
		b.RawBody = ""
		stripped[i] = &b
		seen := map[string]bool{}
		prev := ""
		tokenize(a.RawBody, nil, func(w []byte, _, _ int) {
			if pair := prev + " " + string(w); prev != "" && !seen[pair] {
				seen[pair] = true
				df[pair]++
			}
			prev = string(w)
		})
	}
	best := ""
	for pair, n := range df {
		if n > df[best] || n == df[best] && pair < best {
			best = pair
		}
	}
	if df[best] < 50 {
		t.Fatalf("the commonest phrase, %q, is in %d bodies only", best, df[best])
	}
	c := NewCorpus(func(id string) (*Article, error) {
		open(id)
		return &Article{ID: id, RawBody: bodies[id]}, nil
	})
	c.Add(Batch{Articles: stripped})
	c.StartBodies()
	w := c.NewBodyWorker()
	for i, a := range arts {
		w.Add(int32(i), []byte(a.RawBody))
	}
	w.Flush()
	c.BodiesIndexed(c.Len())
	c.body.pos.broken = true // phrases are matched against the text
	return c, ParseQuery(`text:"` + best + `"`)
}

// The costly loops look at the context as they go: a phrase matched
// against the text (one body opened a candidate) stops at the candidate
// after the context ends, not after all of them.
func TestPhraseStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var opened atomic.Int32
	c, q := textPhrases(t, func(string) {
		if opened.Add(1) == 5 {
			cancel()
		}
	})
	_, err := c.SearchContext(ctx, q, SortNewest, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("search cancelled at the fifth body: %v", err)
	}
	if n := opened.Load(); n != 5 {
		t.Fatalf("%d bodies opened; want 5, the one that cancelled last", n)
	}
}

// A count stops with its context too, and the next count starts afresh.
func TestCountStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var opened atomic.Int32
	c, q := textPhrases(t, func(string) {
		if opened.Add(1) == 5 {
			cancel()
		}
	})
	k := c.NewCounter([]Query{q})
	if _, err := k.CountContext(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("count cancelled at the fifth body: %v", err)
	}
	if n := opened.Load(); n != 5 {
		t.Fatalf("%d bodies opened; want 5", n)
	}
	got := k.Count(nil)[0].Total
	if want := len(c.Search(q, SortNewest).Rows); got != want || want == 0 {
		t.Fatalf("the count after a cancelled one: %d; the search finds %d", got, want)
	}
}

// Past the quick lane's time a search goes on only with a slow slot: with
// every slot taken it waits (and still ends with its context), a quick
// search does not, and a slot is given back when its search ends.
func TestLongSearchesShareSlowSlots(t *testing.T) {
	c := synthetic(2000)
	c.BuildIndex()
	c.lanes = &lanes{quick: time.Hour, slow: make(chan struct{}, 1)}
	c.lanes.slow <- struct{}{} // a long search holds the only slot
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := c.SearchContext(ctx, ParseQuery("china"), SortNewest, nil); err != nil {
		t.Fatalf("a quick search: %v", err)
	}

	c.lanes.quick = 0 // every search is long from its first step
	done := make(chan error, 1)
	go func() {
		_, err := c.SearchContext(ctx, ParseQuery("china"), SortNewest, nil)
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("a long search ran with every slot taken (error %v)", err)
	case <-time.After(200 * time.Millisecond):
	}
	<-c.lanes.slow // the other long search ends
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the long search, given a slot: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the long search did not run once a slot was free")
	}
	if n := len(c.lanes.slow); n != 0 {
		t.Fatalf("%d slots still taken after every search ended", n)
	}

	c.lanes.slow <- struct{}{}
	go func() {
		_, err := c.SearchContext(ctx, ParseQuery("china"), SortNewest, nil)
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("a search waiting for a slot, cancelled: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a search waiting for a slot did not end with its context")
	}
}
