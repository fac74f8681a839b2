package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
)

func samplesLoaded(t *testing.T) *model.Corpus {
	t.Helper()
	lib, err := library.Load(context.Background(), library.Source{}, library.Options{Bodies: true, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return lib.Corpus
}

// TestShowWaitsItsTurn: with a server's bound on articles read at once
// taken whole (the largest article being shown), a show waits for it,
// ends when its client leaves, and goes ahead once the bound is free.
func TestShowWaitsItsTurn(t *testing.T) {
	c := samplesLoaded(t)
	reads := NewReads()
	if err := reads.bytes.Acquire(context.Background(), ReadsMax); err != nil {
		t.Fatal(err)
	}
	limits := RemoteLimits()
	limits.Reads = reads
	show := func(ctx context.Context) (string, int) {
		var out, errb bytes.Buffer
		code := RunOn(ctx, []string{"show", "2009/sample_01_tea_houses.txt"}, Env{Stdout: &out, Stderr: &errb, Limits: limits}, c)
		return out.String(), code
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if out, code := show(ctx); code == 0 || out != "" {
		t.Fatalf("a show went ahead while the bound was taken: code %d, %q", code, out)
	}
	reads.bytes.Release(ReadsMax)
	if out, code := show(context.Background()); code != 0 || !strings.Contains(out, "Tea") {
		t.Fatalf("a show after the bound was freed: code %d, %q", code, out)
	}
	if !reads.bytes.TryAcquire(ReadsMax) {
		t.Error("the show kept part of the bound")
	}
	if len(reads.held) != 0 {
		t.Errorf("%d articles still held", len(reads.held))
	}
}

// twoArticles are two articles of c whose sizes are each more than half
// the larger: a Reads of that many bytes holds one at a time.
func twoArticles(t *testing.T, c *model.Corpus) (a, b *model.Article, size int64) {
	t.Helper()
	var ok bool
	if a, ok = c.ByID("2009/sample_01_tea_houses.txt"); !ok {
		t.Fatal("no tea houses")
	}
	for _, x := range c.Articles() {
		if x != a && x.Size > a.Size/2 && a.Size > x.Size/2 {
			return a, x, max(a.Size, x.Size)
		}
	}
	t.Fatal("no second article of about the same size")
	return nil, nil, 0
}

// TestShowsShareAnArticle: a show of the article another show holds gets
// the same copy at once, even with no bytes left for another article,
// while a show of a different article waits until both let theirs go.
func TestShowsShareAnArticle(t *testing.T) {
	c := samplesLoaded(t)
	a, b, size := twoArticles(t, c)
	reads := NewReadsOf(size)
	first, release1, err := reads.Open(context.Background(), c, a)
	if err != nil {
		t.Fatal(err)
	}
	if reads.Wanted() {
		t.Error("Wanted after a show that had its bytes at once")
	}
	quick, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	second, release2, err := reads.Open(quick, c, a)
	if err != nil {
		t.Fatalf("the same article while it is held: %v", err)
	}
	if first != second || first.Body == "" {
		t.Errorf("two copies of one article (%p, %p), or no body", first, second)
	}
	short, cancelShort := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancelShort()
	if _, _, err := reads.Open(short, c, b); err == nil {
		t.Fatal("another article went ahead while the bytes were held")
	}
	release1()
	release1() // twice releases once
	if _, _, err := reads.Open(short, c, b); err == nil {
		t.Fatal("another article went ahead while one show still held the first")
	}
	release2()
	other, release3, err := reads.Open(context.Background(), c, b)
	if err != nil || other.ID != b.ID {
		t.Fatalf("the other article once the first was let go: %v", err)
	}
	release3()
	if !reads.bytes.TryAcquire(size) || len(reads.held) != 0 {
		t.Errorf("bytes or articles still held: %d", len(reads.held))
	}
}

// TestShowOpenerLeaves: when the show that was to read an article leaves
// while it waits for its bytes, another show of the article still gets it
// once they are free; meanwhile Wanted says a show waits.
func TestShowOpenerLeaves(t *testing.T) {
	c := samplesLoaded(t)
	a, _, size := twoArticles(t, c)
	reads := NewReadsOf(size)
	if err := reads.bytes.Acquire(context.Background(), size); err != nil {
		t.Fatal(err)
	}
	users := func() int {
		reads.mu.Lock()
		defer reads.mu.Unlock()
		if h := reads.held[a]; h != nil {
			return h.users
		}
		return 0
	}
	leave, cancel := context.WithCancel(context.Background())
	left := make(chan error, 1)
	go func() {
		_, _, err := reads.Open(leave, c, a)
		left <- err
	}()
	waitUntil(t, "the first show to wait", func() bool { return users() == 1 })
	waitUntil(t, "Wanted to say a show waits", reads.Wanted)
	type opened struct {
		a       *model.Article
		release func()
		err     error
	}
	stays := make(chan opened, 1)
	go func() {
		full, release, err := reads.Open(context.Background(), c, a)
		stays <- opened{full, release, err}
	}()
	waitUntil(t, "the second show to wait", func() bool { return users() == 2 })
	cancel()
	if err := <-left; err == nil {
		t.Fatal("the show that left got the article")
	}
	reads.bytes.Release(size)
	select {
	case o := <-stays:
		if o.err != nil || o.a.Body == "" {
			t.Fatalf("the show that stayed: %v", o.err)
		}
		o.release()
	case <-time.After(10 * time.Second):
		t.Fatal("the show that stayed never got the article")
	}
	if !reads.bytes.TryAcquire(size) || len(reads.held) != 0 {
		t.Errorf("bytes or articles still held: %d", len(reads.held))
	}
	if reads.Wanted() {
		t.Error("Wanted with no show waiting")
	}
}

func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
