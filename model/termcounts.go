package model

import (
	"runtime"
	"sync"

	"github.com/folio-reader/folio/internal/postings"
)

// TermCount is a body word's counts: in how many articles, and how many
// times in all, in a result and in the whole corpus.
type TermCount struct {
	Word                   string
	ResultDocs, CorpusDocs uint32
	ResultFreq, CorpusFreq uint64
}

// TermCounts counts every body word in the result's articles and in the
// corpus, reading every word's postings once (on every core); words in
// fewer than minDocs of the result's articles are left out. docs is the
// number of bodies indexed. Until the body index is ready it returns
// nothing.
func (c *Corpus) TermCounts(res Result, minDocs int) (counts []TermCount, docs int) {
	x := c.body
	x.mu.RLock()
	defer x.mu.RUnlock()
	if !x.ready {
		return nil, 0
	}
	in := newBitset(len(res.arts))
	for _, n := range res.Rows {
		in.set(uint32(n))
	}
	limit := int32(len(in) * 64)
	words := len(x.post)
	parts := max(runtime.GOMAXPROCS(0), 1)
	out := make([][]TermCount, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			for id := p; id < words; id += parts {
				var tc TermCount
				postings.Each(x.post[id], func(n int32, tf uint32) {
					tc.CorpusDocs++
					tc.CorpusFreq += uint64(tf)
					if n >= 0 && n < limit && in.has(uint32(n)) {
						tc.ResultDocs++
						tc.ResultFreq += uint64(tf)
					}
				})
				if int(tc.ResultDocs) >= max(minDocs, 1) {
					tc.Word = x.words[id]
					out[p] = append(out[p], tc)
				}
			}
		})
	}
	wg.Wait()
	for _, o := range out {
		counts = append(counts, o...)
	}
	return counts, x.docs
}

// DocFreq returns how many bodies hold the folded word w, and how many
// bodies are indexed.
func (c *Corpus) DocFreq(w string) (df, docs int) {
	x := c.body
	x.mu.RLock()
	defer x.mu.RUnlock()
	if id, ok := x.lookup(w); ok && int(id) < len(x.df) {
		df = int(x.df[id])
	}
	return df, x.docs
}

// Number returns the number article id has in res, if it is one of res's
// articles.
func (r Result) Number(id string) (int32, bool) {
	for n, a := range r.arts {
		if a != nil && a.ID == id {
			return int32(n), true
		}
	}
	return -1, false
}
