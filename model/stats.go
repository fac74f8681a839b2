package model

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Count is how many articles share a value.
type Count struct {
	Value string `json:"value"`
	N     int    `json:"count"`
}

// Stats summarises a corpus.
type Stats struct {
	Articles   int           `json:"articles"`
	Words      int64         `json:"words"`
	Bytes      int64         `json:"bytes"`
	Undated    int           `json:"undated"`
	Duplicates int           `json:"duplicates"` // articles whose content another file also holds
	First      string        `json:"first,omitempty"`
	Last       string        `json:"last,omitempty"`
	Categories []Count       `json:"categories"`  // by Category 1 and Category 2 both, as Result.Facets counts them
	NoCategory int           `json:"no_category"` // articles with neither
	Authors    []Count       `json:"authors"`
	NoAuthor   int           `json:"no_author"` // articles without a byline
	Months     []Count       `json:"months"`    // YYYY-MM, in time order
	Skipped    []Problem     `json:"skipped"`
	Warnings   []Problem     `json:"warnings"`
	LoadTime   time.Duration `json:"-"`
}

// Stats counts the corpus by category, author and month.
func (c *Corpus) Stats() Stats {
	c.mu.RLock()
	defer c.mu.RUnlock()
	s := Stats{Articles: len(c.arts) - c.nDead, LoadTime: c.elapsed}
	// The articles are counted in parts, on all cores (a cold stats waits
	// for this alone at its end), and the parts added up.
	parts := make([]statsPart, min(runtime.GOMAXPROCS(0), max(len(c.arts)/20000, 1)))
	var wg sync.WaitGroup
	for i := range parts {
		from, to := len(c.arts)*i/len(parts), len(c.arts)*(i+1)/len(parts)
		wg.Go(func() { parts[i].count(c, from, to) })
	}
	wg.Wait()
	cats, authors, months := parts[0].cats, parts[0].authors, parts[0].months
	hashes := make([]uint64, 0, len(c.arts))
	var first, last time.Time
	for i, p := range parts {
		s.Words += p.words
		s.Bytes += p.bytes
		s.NoCategory += p.noCategory
		s.NoAuthor += p.noAuthor
		s.Undated += p.undated
		hashes = append(hashes, p.hashes...)
		if !p.first.IsZero() && (first.IsZero() || p.first.Before(first)) {
			first = p.first
		}
		if p.last.After(last) {
			last = p.last
		}
		if i > 0 {
			addCounts(cats, p.cats)
			addCounts(authors, p.authors)
			addCounts(months, p.months)
		}
	}
	sortHashes(hashes)
	for i := 0; i < len(hashes); {
		j := i + 1
		for j < len(hashes) && hashes[j] == hashes[i] {
			j++
		}
		if j-i > 1 {
			s.Duplicates += j - i
		}
		i = j
	}
	named := make(map[string]int, len(months))
	for m, n := range months {
		named[time.Date(m.year, m.month, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")] = n
	}
	if !first.IsZero() {
		s.First, s.Last = first.Format(time.DateOnly), last.Format(time.DateOnly)
	}
	s.Categories = counts(cats, byCount)
	s.Authors = counts(authors, byCount)
	s.Months = counts(named, byValue)
	probs := c.problems
	if p, ok := c.VocabularyProblem(); ok {
		probs = append(probs[:len(probs):len(probs)], p)
	}
	for _, p := range probs {
		if p.Severity == Skipped {
			s.Skipped = append(s.Skipped, p)
		} else {
			s.Warnings = append(s.Warnings, p)
		}
	}
	return s
}

// month is a year's month, counted before it is named: naming a month is
// done once a month, not once an article.
type month struct {
	year  int
	month time.Month
}

// statsPart is Stats's count of some of the articles.
type statsPart struct {
	words, bytes                  int64
	noCategory, noAuthor, undated int
	cats, authors                 map[string]int
	months                        map[month]int
	hashes                        []uint64 // sorted later, for the duplicates
	first, last                   time.Time
}

// count counts articles from to to; the caller holds c.mu.
func (p *statsPart) count(c *Corpus, from, to int) {
	p.cats, p.authors, p.months = map[string]int{}, map[string]int{}, map[month]int{}
	p.hashes = make([]uint64, 0, to-from)
	for i, a := range c.arts[from:to] {
		if c.isDead(int32(from + i)) {
			continue
		}
		p.words += int64(a.Words)
		p.bytes += a.Size
		// Both levels, as the facets count them (Result.Facets): an
		// article filed twice under one category is one article in it.
		if a.Category1 != "" {
			p.cats[a.Category1]++
		}
		if a.Category2 != "" && !strings.EqualFold(a.Category2, a.Category1) {
			p.cats[a.Category2]++
		}
		if a.Category1 == "" && a.Category2 == "" {
			p.noCategory++
		}
		if a.Author == "" {
			p.noAuthor++
		} else {
			p.authors[a.Author]++
		}
		p.hashes = append(p.hashes, a.Hash)
		if a.Published.IsZero() {
			p.undated++
			continue
		}
		y, m, _ := a.Published.Date()
		p.months[month{y, m}]++
		if p.first.IsZero() || a.Published.Before(p.first) {
			p.first = a.Published
		}
		if a.Published.After(p.last) {
			p.last = a.Published
		}
	}
}

func addCounts[K comparable](to, from map[K]int) {
	for k, n := range from {
		to[k] += n
	}
}

func byCount(a, b Count) int {
	return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Value, b.Value))
}

func byValue(a, b Count) int { return cmp.Compare(a.Value, b.Value) }

func counts(m map[string]int, order func(a, b Count) int) []Count {
	out := make([]Count, 0, len(m))
	for v, n := range m {
		out = append(out, Count{v, n})
	}
	slices.SortFunc(out, order)
	return out
}

// Facets counts what a result is made of, for narrowing it further.
type Facets struct {
	Categories []Count // by Category 1 and Category 2 both
	Authors    []Count
	Years      []Count // newest first
}

// Facets counts the categories, bylines and years of a result's articles,
// keeping the top articles of each (all when top is 0).
func (r Result) Facets(top int) Facets {
	cats, authors, years := map[string]int{}, map[string]int{}, map[string]int{}
	for _, n := range r.Rows {
		a := r.arts[n]
		// An article filed twice under one category is one article in it,
		// as cat: counts it.
		if a.Category1 != "" {
			cats[a.Category1]++
		}
		if a.Category2 != "" && !strings.EqualFold(a.Category2, a.Category1) {
			cats[a.Category2]++
		}
		if a.Author != "" {
			authors[a.Author]++
		}
		if !a.Published.IsZero() {
			years[a.Published.Format("2006")]++
		}
	}
	cut := func(cs []Count) []Count {
		if top > 0 && len(cs) > top {
			return cs[:top]
		}
		return cs
	}
	ys := counts(years, byValue)
	slices.Reverse(ys)
	return Facets{Categories: cut(counts(cats, byCount)), Authors: cut(counts(authors, byCount)), Years: cut(ys)}
}

// sortHashes sorts content hashes, by radix where they are many: they are
// random, so six passes of eleven bits beat a comparison sort, which would
// run single-threaded at the end of a cold stats.
func sortHashes(a []uint64) {
	if len(a) < 4096 {
		slices.Sort(a)
		return
	}
	const digit = 11
	src, dst := a, make([]uint64, len(a))
	for shift := 0; shift < 64; shift += digit { // six passes: the last lands in a
		var at [1 << digit]int
		for _, v := range src {
			at[v>>shift&(1<<digit-1)]++
		}
		sum := 0
		for i, n := range at {
			at[i], sum = sum, sum+n
		}
		for _, v := range src {
			d := v >> shift & (1<<digit - 1)
			dst[at[d]] = v
			at[d]++
		}
		src, dst = dst, src
	}
}
