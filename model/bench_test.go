package model

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// synthetic builds n articles with titles drawn from a vocabulary of a few
// thousand words, so that prefixes match realistic numbers of articles.
func synthetic(n int) *Corpus {
	r := rand.New(rand.NewPCG(1, 2))
	stems := []string{"china", "russia", "kazakh", "trade", "market", "olymp", "security", "econom", "climate",
		"energy", "health", "policy", "summit", "region", "bank", "tech", "chip", "port", "rail", "farm"}
	ends := []string{"", "s", "ing", "al", "ers", "ation", "ic", "ist", "ed", "ity"}
	var vocab []string
	for i := 0; len(vocab) < 4000; i++ {
		vocab = append(vocab, stems[i%len(stems)]+ends[(i/len(stems))%len(ends)]+fmt.Sprint(i/200))
	}
	cats := []string{"CHINA", "WORLD", "OPINION", "BUSINESS", "SPORT", "LIFE", "ARTS", "SOURCE", "IN-DEPTH"}
	c := NewCorpus(nil)
	batch := make([]*Article, 0, 4096)
	for i := range n {
		words := make([]string, 6+r.IntN(8))
		for j := range words {
			words[j] = vocab[int(r.ExpFloat64()*400)%len(vocab)]
		}
		batch = append(batch, &Article{
			ID:        fmt.Sprintf("%07d.txt", i),
			Title:     strings.Join(words, " "),
			Category1: cats[r.IntN(len(cats))], Category2: cats[r.IntN(len(cats))],
			Author:    fmt.Sprintf("Author %d", int(r.ExpFloat64()*30)),
			Published: time.Date(2009+r.IntN(16), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC),
		})
		if len(batch) == cap(batch) {
			c.Add(Batch{Articles: batch})
			batch = make([]*Article, 0, 4096)
		}
	}
	c.Add(Batch{Articles: batch})
	return c
}

// BenchmarkKeystroke measures one filter keystroke: the query typed so far,
// parsed and answered in the default order, at 100k and 1M articles.
func BenchmarkKeystroke(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		c := synthetic(n)
		c.BuildIndex() // as the reader does in the background once loading ends
		c.Search(Query{}, SortNewest)
		for _, typed := range []string{"c", "chin", "china russ", `"trade market"`, "cat:sport -chip after:2020"} {
			b.Run(fmt.Sprintf("n=%d/q=%s", n, typed), func(b *testing.B) {
				for b.Loop() {
					c.Search(ParseQuery(typed), SortNewest)
				}
			})
		}
	}
}

// BenchmarkResort measures a change of order over the whole corpus.
func BenchmarkResort(b *testing.B) {
	c := synthetic(100_000)
	c.BuildIndex()
	for b.Loop() {
		c.orders = map[SortKey]order{}
		c.Search(Query{}, SortTitle)
	}
}
