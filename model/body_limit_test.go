package model

import (
	"fmt"
	"strings"
	"testing"
)

// TestBodyWordsLimit: a body of MaxBodyWords distinct words is indexed
// whole; one more word is cut, and only that word: words already met in
// the body are still counted after the limit, and the words of the next
// body are indexed as ever.
func TestBodyWordsLimit(t *testing.T) {
	for _, extra := range []int{0, 1} {
		t.Run(fmt.Sprint("over by ", extra), func(t *testing.T) {
			var b strings.Builder
			for i := range MaxBodyWords + extra {
				fmt.Fprintf(&b, "w%d ", i)
			}
			b.WriteString("w0 w1") // met before: counted whatever the limit
			c := testCorpus()
			w := c.NewBodyWorker()
			if cut := w.Add(0, []byte(b.String())); cut != (extra > 0) {
				t.Fatalf("cut %v with %d distinct words", cut, MaxBodyWords+extra)
			}
			if w.Add(1, []byte("zurich lake")) {
				t.Fatal("a short body after a long one was cut")
			}
			w.Flush()
			c.BodiesIndexed(c.Len())
			if words, _, _ := c.BodyIndexSize(); words != MaxBodyWords+2 {
				t.Errorf("%d distinct words indexed, want %d", words, MaxBodyWords+2)
			}
			last := fmt.Sprintf("w%d", MaxBodyWords)
			for q, want := range map[string]int{"w0": 1, "w19999": 1, last: 0, "zurich": 1} {
				if got := len(c.Search(ParseQuery("text:"+q), SortNewest).Rows); got != want {
					t.Errorf("text:%s: %d rows, want %d", q, got, want)
				}
			}
			// The word cut still stands between its neighbours.
			if got, want := len(c.Search(ParseQuery(`"w19999 w0 w1"`), SortNewest).Rows), 1-extra; got != want {
				t.Errorf("the phrase at the body's end: %d rows, want %d", got, want)
			}
		})
	}
}
