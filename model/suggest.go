package model

import (
	"cmp"
	"slices"
)

// Suggest returns up to max words of the corpus's vocabulary within two
// edits of word (a letter added, removed, changed; Levenshtein), those one
// edit away first, then the most frequent: for a query that found nothing
// ("kazakstan" → "kazakhstan"). word is folded as a query word is.
func (c *Corpus) Suggest(word string, max int) []string {
	ws := Words(word)
	if len(ws) != 1 || max <= 0 {
		return nil
	}
	w := []rune(ws[0])
	if len(w) < 3 {
		return nil
	}
	type cand struct {
		word string
		dist int
		freq uint32
	}
	var cands []cand
	seen := map[string]int{}
	var ed editor
	consider := func(v string, freq uint32) {
		if len(v) < len(w)-2 {
			return // fewer bytes than the runes it would need
		}
		if d := ed.distance(w, v, 2); d > 0 && d <= 2 {
			if i, ok := seen[v]; ok {
				cands[i].freq += freq
				return
			}
			seen[v] = len(cands)
			cands = append(cands, cand{v, d, freq})
		}
	}
	x := c.body
	x.mu.RLock()
	for id, v := range x.words {
		var df uint32
		if id < len(x.df) {
			df = x.df[id]
		}
		consider(v, df)
	}
	x.mu.RUnlock()
	c.mu.RLock()
	c.catchUp()
	c.indexMu.RLock()
	for id, v := range c.index.words {
		n := 0
		for s := range c.index.postings {
			n += len(c.index.postings[s][id])
		}
		consider(v, uint32(n))
	}
	c.indexMu.RUnlock()
	c.mu.RUnlock()
	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(b.freq, a.freq), cmp.Compare(a.word, b.word))
	})
	var out []string
	for _, c := range cands[:min(max, len(cands))] {
		out = append(out, c.word)
	}
	return out
}

// editor computes edit distances, reusing its rows.
type editor struct {
	br        []rune
	prev, cur []int
}

// distance is the Levenshtein distance between a and b when it is at most
// limit, else limit+1; it leaves as soon as every cell of a row is over.
func (e *editor) distance(a []rune, b string, limit int) int {
	e.br = e.br[:0]
	for _, r := range b {
		if len(e.br) > len(a)+limit {
			return limit + 1
		}
		e.br = append(e.br, r)
	}
	br, lb := e.br, len(e.br)
	if d := len(a) - lb; d > limit || -d > limit {
		return limit + 1
	}
	if cap(e.prev) < lb+1 {
		e.prev, e.cur = make([]int, lb+1), make([]int, lb+1)
	}
	prev, cur := e.prev[:lb+1], e.cur[:lb+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == br[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[lb]
}

// Missing returns the words of q's positive terms that no article holds,
// in title, byline, categories or body, even as a prefix: the ones a
// suggestion may correct.
func (c *Corpus) Missing(q Query) []string {
	var out []string
	for _, t := range q.Terms {
		if t.Negate || t.Scope == ScopeLabel || t.Scope == ScopeDate {
			continue
		}
		for _, w := range t.Words {
			if !c.holdsWord(w) && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// holdsWord reports whether some article has a word starting with w.
func (c *Corpus) holdsWord(w string) bool {
	x := c.body
	x.mu.RLock()
	found := len(x.prefixed(w)) > 0
	x.mu.RUnlock()
	if found {
		return true
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.catchUp()
	c.indexMu.RLock()
	defer c.indexMu.RUnlock()
	return len(c.index.prefixed(w)) > 0
}
