package reader

import (
	"runtime"
	"strings"
	"testing"
)

// TestSearchSkipsHeader: in-article search counts the body, not the header
// card ("698 words", the category labels).
func TestSearchSkipsHeader(t *testing.T) {
	a := article(t, "w.txt", "A word and a wordier word.\n")
	a.Category1 = "WORDS"
	m := open(t, newReader(80, 24), a)
	m, _ = press(t, m, "/")
	m = typeText(t, m, "wor")
	m, _ = press(t, m, "enter")
	if got := footerCount(t, m); got != "1/3" {
		t.Errorf("count %q, want 1/3 (the body's three)", got)
	}
}

// TestSearchCountGrouped: the counter separates thousands, as the header does.
func TestSearchCountGrouped(t *testing.T) {
	a := article(t, "many.txt", strings.Repeat("zz ", 12_345)+"\n")
	m := open(t, newReader(80, 24), a)
	m, _ = press(t, m, "/")
	m = typeText(t, m, "zz")
	m, _ = press(t, m, "enter")
	if got := footerCount(t, m); got != "1/12,345" {
		t.Errorf("count %q, want 1/12,345", got)
	}
}

// TestSearchMemoryBounded: a one-letter search of a 20 MB article holds a
// bounded number of compact matches (it reached 855 MB).
func TestSearchMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("20 MB article")
	}
	m := open(t, newReader(100, 30), bigArticle("big.txt", 20<<20))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, _ = press(t, m, "/")
	m = typeText(t, m, "e")
	m, _ = press(t, m, "enter")
	runtime.ReadMemStats(&after)
	if got := footerCount(t, m); !strings.HasSuffix(got, "+") {
		t.Errorf("count %q: want the cap said with a +", got)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("the search allocated %d MB", alloc>>20)
	}
	if n := cap(m.search.matches); n > maxMatches {
		t.Errorf("%d matches held, more than %d", n, maxMatches)
	}
	m, _ = press(t, m, "N")
	if !strings.Contains(screen(m), "search hit TOP, continuing at BOTTOM") {
		t.Errorf("wrapping from the first match says nothing:\n%s", screen(m))
	}
}

func TestReadingTime(t *testing.T) {
	for n, want := range map[int]string{1: "1 min read", 119: "119 min read", 120: "2 h read", 17_391: "290 h read"} {
		if got := readingTime(n); got != want {
			t.Errorf("readingTime(%d) = %q, want %q", n, want, got)
		}
	}
}
